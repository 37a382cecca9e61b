using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MLNetCtr.Data;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Tensors;
using MLNetCtr.Training;

namespace MLNetCtr.Serialization;

/// <summary>
/// The one-file model format: a zip holding a manifest, the options, the fitted encoder and the weights.
/// </summary>
/// <remarks>
/// <code>
/// *** model file (zip), format version 1 ***
/// manifest.json        { "formatVersion": 1, "library": "0.1.0", "family": "logistic-regression",
///                        "createdAt": "2026-…Z", "tasks": ["click"], "entries": { "&lt;entry&gt;": "&lt;sha-256 hex&gt;", … } }
/// options.json         the trainer's options record
/// encoder.json         schema, vocabularies, numeric statistics
/// weights.safetensors  parameters by name (safetensors layout, readable by other tools)
/// history.json         validation history of the training run
/// item_frequency.json  training frequency of the item column (optional)
/// </code>
/// Written atomically (<see cref="AtomicFile"/>). Loading verifies every checksum, the format version, the family and
/// every weight's shape, and refuses anything else with a message that says what is wrong.
/// </remarks>
public static class ModelFile
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string ManifestEntry = "manifest.json";
    private const string OptionsEntry = "options.json";
    private const string EncoderEntry = "encoder.json";
    private const string WeightsEntry = "weights.safetensors";
    private const string HistoryEntry = "history.json";
    private const string ItemFrequencyEntry = "item_frequency.json";

    /// <summary>Saves <paramref name="model"/> to <paramref name="path"/>, replacing any file there only once the new one is complete.</summary>
    public static void Save(CtrPredictionModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var entries = new Dictionary<string, byte[]>
        {
            [OptionsEntry] = Encoding.UTF8.GetBytes(model.Family.OptionsToJson(model.Options)),
            [EncoderEntry] = Encoding.UTF8.GetBytes(model.Encoder.ToJson()),
            [WeightsEntry] = Weights(model.Network),
            [HistoryEntry] = JsonSerializer.SerializeToUtf8Bytes(model.History, s_json),
        };
        if (model.ItemFrequency is { } frequency)
        {
            entries[ItemFrequencyEntry] = JsonSerializer.SerializeToUtf8Bytes(frequency, s_json);
        }
        var manifest = new Manifest(FormatVersion, typeof(ModelFile).Assembly.GetName().Version?.ToString() ?? "unknown", model.Family.Id,
            DateTimeOffset.UtcNow, model.Tasks.Select(t => t.Name).ToArray(), entries.ToDictionary(e => e.Key, e => Checksum(e.Value)));
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            Add(zip, ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(manifest, s_json));
            foreach ((string name, byte[] bytes) in entries)
            {
                Add(zip, name, bytes);
            }
        });
    }

    /// <summary>Loads a model file; throws <see cref="InvalidDataException"/> naming the file and the fault.</summary>
    public static CtrPredictionModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            Manifest manifest = ReadManifest(zip);
            ModelFamily family = ModelRegistry.Families.FirstOrDefault(f => f.Id == manifest.Family)
                ?? throw new InvalidDataException($"it holds a '{manifest.Family}' model, which this build does not know (known: {string.Join(", ", ModelRegistry.Families.Select(f => f.Id))}).");
            TrainingOptions options = family.OptionsFromJson(Text(zip, manifest, OptionsEntry));
            DataEncoder encoder = DataEncoder.FromJson(Text(zip, manifest, EncoderEntry));
            CtrModel network = family.CreateModel(encoder, options);
            LoadWeights(network, Bytes(zip, manifest, WeightsEntry));
            var history = JsonSerializer.Deserialize<List<TrainingRecord>>(Bytes(zip, manifest, HistoryEntry), s_json);
            ItemFrequency? frequency = manifest.Entries.ContainsKey(ItemFrequencyEntry)
                ? JsonSerializer.Deserialize<ItemFrequency>(Bytes(zip, manifest, ItemFrequencyEntry), s_json) : null;
            return new CtrPredictionModel(family, options, encoder, network, history, frequency);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or KeyNotFoundException && e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new InvalidDataException($"Model file '{path}' cannot be loaded: {e.Message}", e);
        }
    }

    private static Manifest ReadManifest(ZipArchive zip)
    {
        ZipArchiveEntry entry = zip.GetEntry(ManifestEntry) ?? throw new InvalidDataException($"it has no {ManifestEntry}: it is not an MLNetCtr model file.");
        using Stream stream = entry.Open();
        Manifest manifest = JsonSerializer.Deserialize<Manifest>(stream, s_json) ?? throw new InvalidDataException($"its {ManifestEntry} is empty.");
        if (manifest.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException($"it has format version {manifest.FormatVersion}; this build reads version {FormatVersion} (library {manifest.Library} wrote it).");
        }
        return manifest;
    }

    private static byte[] Bytes(ZipArchive zip, Manifest manifest, string name)
    {
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw new InvalidDataException($"the entry '{name}' is missing.");
        using var buffer = new MemoryStream();
        using (Stream stream = entry.Open())
        {
            stream.CopyTo(buffer);
        }
        byte[] bytes = buffer.ToArray();
        if (!manifest.Entries.TryGetValue(name, out string? expected) || expected != Checksum(bytes))
        {
            throw new InvalidDataException($"the entry '{name}' is damaged: its SHA-256 checksum does not match the manifest.");
        }
        return bytes;
    }

    private static string Text(ZipArchive zip, Manifest manifest, string name) => Encoding.UTF8.GetString(Bytes(zip, manifest, name));

    private static byte[] Weights(CtrModel network)
    {
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, network.NamedState().Select(p => new NamedArray(p.Name, p.Tensor.ShapeArray, p.Tensor.Data)));
        return stream.ToArray();
    }


    private static void LoadWeights(CtrModel network, byte[] weights)
    {
        var saved = SafeTensors.Read(new MemoryStream(weights)).Arrays.ToDictionary(a => a.Name);
        foreach ((string name, Tensor parameter) in network.NamedState())
        {
            if (!saved.TryGetValue(name, out NamedArray? array))
            {
                throw new InvalidDataException($"the weights have no '{name}', which the model needs.");
            }
            if (!array.Shape.AsSpan().SequenceEqual(parameter.Shape))
            {
                throw new InvalidDataException($"weight '{name}' has shape {Tensor.ShapeString(array.Shape)}; the model expects {Tensor.ShapeString(parameter.Shape)}.");
            }
            array.Data.CopyTo(parameter.Data, 0);
        }
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using Stream stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(bytes);
    }

    private static string Checksum(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static readonly JsonSerializerOptions s_json = new(DatasetSchema.JsonOptions)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private sealed record Manifest(int FormatVersion, string Library, string Family, DateTimeOffset CreatedAt, string[] Tasks, Dictionary<string, string> Entries);
}
