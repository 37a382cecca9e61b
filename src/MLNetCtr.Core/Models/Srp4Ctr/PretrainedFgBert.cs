using System.Text.Json;
using MLNetCtr.Data;
using MLNetCtr.Serialization;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;

namespace MLNetCtr.Models;

/// <summary>Quality of a pretrained FG-BERT on held-out sequences, with the chance levels to compare against.</summary>
/// <param name="MaskedItemRecallAt10">Share of content-masked positions whose item is among the 10 highest full-softmax scores.</param>
/// <param name="RecallAt10Chance">The same for a uniform guess: <c>10 / (V − 1)</c>.</param>
/// <param name="BehaviorAccuracy">Per behavior feature, share of behavior-masked positions predicted exactly.</param>
/// <param name="BehaviorMajorityRate">Per behavior feature, the accuracy of always guessing its most frequent value.</param>
public sealed record FgBertMetrics(double MaskedItemRecallAt10, double RecallAt10Chance, IReadOnlyList<double> BehaviorAccuracy, IReadOnlyList<double> BehaviorMajorityRate);

/// <summary>
/// A pretrained FG-BERT: its options, the data encoder whose vocabularies its tables index, and its weights (encoder
/// and pretraining heads). One safetensors file; metadata <c>fgbert.options</c> and <c>fgbert.encoder</c> hold the
/// options and the data encoder as JSON.
/// </summary>
public sealed class PretrainedFgBert
{
    private const string OptionsKey = "fgbert.options", EncoderKey = "fgbert.encoder";

    /// <summary>Bundles a pretrained model with what it was trained with.</summary>
    public PretrainedFgBert(FgBertOptions options, DataEncoder encoder, FgBertPretrainingModel model, IReadOnlyList<float>? epochLosses = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        DataEncoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        Model = model ?? throw new ArgumentNullException(nameof(model));
        EpochLosses = epochLosses ?? [];
    }

    /// <summary>The pretraining options (architecture included).</summary>
    public FgBertOptions Options { get; }

    /// <summary>Schema and vocabularies the tables index.</summary>
    public DataEncoder DataEncoder { get; }

    /// <summary>Encoder and heads.</summary>
    public FgBertPretrainingModel Model { get; }

    /// <summary>Mean training loss of each epoch (empty for a loaded file).</summary>
    public IReadOnlyList<float> EpochLosses { get; }

    /// <summary>Saves to one file, atomically.</summary>
    public void Save(string path)
    {
        var metadata = new Dictionary<string, string>
        {
            [OptionsKey] = JsonSerializer.Serialize(Options, DatasetSchema.JsonOptions),
            [EncoderKey] = DataEncoder.ToJson(),
        };
        AtomicFile.Write(path, stream => SafeTensors.Write(stream, Model.NamedState().Select(p => new NamedArray(p.Name, p.Tensor.ShapeArray, p.Tensor.Data)), metadata));
    }

    /// <summary>Loads a file written by <see cref="Save"/>; a foreign or damaged file fails naming the path.</summary>
    public static PretrainedFgBert Load(string path)
    {
        using FileStream stream = File.OpenRead(path);
        (IReadOnlyList<NamedArray> arrays, IReadOnlyDictionary<string, string> metadata) = SafeTensors.Read(stream);
        if (!metadata.TryGetValue(OptionsKey, out string? optionsJson) || !metadata.TryGetValue(EncoderKey, out string? encoderJson))
        {
            throw new InvalidDataException($"'{path}' is not a pretrained FG-BERT file: its metadata lacks '{OptionsKey}' or '{EncoderKey}'.");
        }
        FgBertOptions options = JsonSerializer.Deserialize<FgBertOptions>(optionsJson, DatasetSchema.JsonOptions)!;
        DataEncoder encoder = DataEncoder.FromJson(encoderJson);
        var model = new FgBertPretrainingModel(encoder, options);
        var saved = arrays.ToDictionary(a => a.Name);
        foreach ((string name, Tensor tensor) in model.NamedState())
        {
            if (!saved.TryGetValue(name, out NamedArray? array) || array.Data.Length != tensor.Size)
            {
                throw new InvalidDataException($"'{path}': weight '{name}' ({Tensor.ShapeString(tensor.Shape)}) is missing or has another shape.");
            }
            array.Data.CopyTo(tensor.Data, 0);
        }
        model.Eval();
        return new PretrainedFgBert(options, encoder, model);
    }

    /// <summary>Masked-item recall@10 and behavior-feature accuracy on <paramref name="data"/> under masks drawn from <paramref name="seed"/>.</summary>
    public FgBertMetrics Evaluate(CtrDataset data, int seed = 1) => FgBertEvaluation.Evaluate(Model, Options, data, seed);
}
