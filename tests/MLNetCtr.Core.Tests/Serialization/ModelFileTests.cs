using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MLNetCtr.Models;
using MLNetCtr.Models.Baselines;
using MLNetCtr.Serialization;
using MLNetCtr.Tests.Training;
using MLNetCtr.Trainers;

namespace MLNetCtr.Tests.Serialization;

public sealed class ModelFileTests(LinearScenarioFixture data) : IClassFixture<LinearScenarioFixture>
{
    private CtrPredictionModel Train() =>
        new LogisticRegressionTrainer(new LogisticRegressionOptions { NumberOfEpochs = 1 }).Fit(data.Train, data.Encoder, data.Valid);

    private string NewPath() => Path.Combine(data.Directory, $"model-{Guid.NewGuid():N}.zip");

    [Fact]
    public void SaveLoad_GivesIdenticalScoresAndMetadata()
    {
        CtrPredictionModel model = Train();
        string path = NewPath();
        model.Save(path);

        CtrPredictionModel loaded = CtrPredictionModel.LoadFrom(path);

        Assert.Equal(model.Score(data.Test), loaded.Score(data.Test));
        Assert.Equal(model.Family.Id, loaded.Family.Id);
        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.History.Count, loaded.History.Count);
        Assert.Equal(model.ItemFrequency!.Frequency.Count, loaded.ItemFrequency!.Frequency.Count);
        Assert.Equal(model.Evaluate(data.Test).ToJson(), loaded.Evaluate(data.Test).ToJson());
    }

    [Fact]
    public void Load_DamagedEntry_IsRefusedNamingTheEntry()
    {
        string path = NewPath();
        Train().Save(path);
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            ZipArchiveEntry weights = zip.GetEntry("weights.safetensors")!;
            byte[] bytes;
            using (var buffer = new MemoryStream())
            {
                using (Stream s = weights.Open())
                {
                    s.CopyTo(buffer);
                }
                bytes = buffer.ToArray();
            }
            bytes[^3] ^= 0x5A;   // one weight changes
            weights.Delete();
            using Stream w = zip.CreateEntry("weights.safetensors").Open();
            w.Write(bytes);
        }
        var e = Assert.Throws<InvalidDataException>(() => CtrPredictionModel.LoadFrom(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("weights.safetensors", e.Message);
        Assert.Contains("checksum", e.Message);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.98)]
    [InlineData(0.0)]
    public void Load_TruncatedFile_IsRefused(double keep)
    {
        string path = NewPath();
        Train().Save(path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);
        var e = Assert.Throws<InvalidDataException>(() => CtrPredictionModel.LoadFrom(path));
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.75)]
    public void Load_FileWithAFlippedByte_IsRefused(double at)
    {
        string path = NewPath();
        Train().Save(path);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[(int)(bytes.Length * at)] ^= 0xFF;   // inside an entry's compressed data: a deflate error, a zip CRC error or a checksum mismatch
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => CtrPredictionModel.LoadFrom(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Load_NotAModelFile_IsRefused()
    {
        string path = NewPath();
        File.WriteAllText(path, "click,user\n1,u1\n");
        Assert.Contains(path, Assert.Throws<InvalidDataException>(() => CtrPredictionModel.LoadFrom(path)).Message);
    }

    [Fact]
    public void Save_OverAnExistingModel_ReplacesItAndLeavesNoTemporaryFiles()
    {
        string path = NewPath();
        Train().Save(path);
        CtrPredictionModel second = Train();
        second.Save(path);
        Assert.Equal(second.Score(data.Test), CtrPredictionModel.LoadFrom(path).Score(data.Test));
        Assert.DoesNotContain(Directory.GetFiles(data.Directory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownFormatVersion_IsRefusedNamingBothVersions()
    {
        string path = NewPath();
        Train().Save(path);
        EditManifest(path, manifest => manifest["formatVersion"] = ModelFile.FormatVersion + 1);

        var e = Assert.Throws<InvalidDataException>(() => CtrPredictionModel.LoadFrom(path));

        Assert.Contains(path, e.Message);
        Assert.Contains($"format version {ModelFile.FormatVersion + 1}", e.Message);
        Assert.Contains($"reads version {ModelFile.FormatVersion}", e.Message);
    }

    [Fact]
    public void Load_UnknownFamily_IsRefusedNamingItAndTheKnownOnes()
    {
        string path = NewPath();
        Train().Save(path);
        EditManifest(path, manifest => manifest["family"] = "gpt-ctr");

        var e = Assert.Throws<InvalidDataException>(() => CtrPredictionModel.LoadFrom(path));

        Assert.Contains("'gpt-ctr'", e.Message);
        Assert.Contains("logistic-regression", e.Message);
    }

    [Fact]
    public void Load_WeightsOfAnotherShape_AreRefusedNamingTheWeightAndBothShapes()
    {
        string path = NewPath(), wider = NewPath();
        new FmTrainer(new FmOptions { EmbeddingDimension = 4, NumberOfEpochs = 1 }).Fit(data.Valid, data.Encoder).Save(path);
        new FmTrainer(new FmOptions { EmbeddingDimension = 5, NumberOfEpochs = 1 }).Fit(data.Valid, data.Encoder).Save(wider);
        byte[] widerWeights = ReadEntry(wider, "weights.safetensors");
        ReplaceEntry(path, "weights.safetensors", widerWeights);
        EditManifest(path, manifest => manifest["entries"]!["weights.safetensors"] = Convert.ToHexStringLower(SHA256.HashData(widerWeights)));   // a consistent file, wrong shapes

        var e = Assert.Throws<InvalidDataException>(() => CtrPredictionModel.LoadFrom(path));

        Assert.Contains(path, e.Message);
        Assert.Matches(@"weight '[^']+' has shape \(\d+, 5\); the model expects \(\d+, 4\)", e.Message);
    }

    private static byte[] ReadEntry(string path, string name)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        using Stream stream = zip.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void ReplaceEntry(string path, string name, byte[] bytes)
    {
        using ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Update);
        zip.GetEntry(name)!.Delete();
        using Stream stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }

    /// <summary>Rewrites manifest.json (which no checksum covers) through <paramref name="edit"/>.</summary>
    private static void EditManifest(string path, Action<JsonObject> edit)
    {
        JsonObject manifest = JsonNode.Parse(ReadEntry(path, "manifest.json"))!.AsObject();
        edit(manifest);
        ReplaceEntry(path, "manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
    }
}
