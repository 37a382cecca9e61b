using MLNetCtr.Models;
using MLNetCtr.Text;
using MLNetCtr.Trainers;

namespace MLNetCtr.Cli.Tests.Commands;

/// <summary>
/// <c>encode-behaviors</c> and <c>train --trainer bahe</c> on a small behavior-text dataset. The table uses no frozen
/// transformer layer (<c>--frozen-layers 0</c>) to stay fast; the weights come from <c>.models/use-lite</c>.
/// </summary>
public sealed class BaheCommandsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public BaheCommandsTests() =>
        CliRunner.Succeed("synth", "--scenario", "behavior-text", "--rows", "1500", "--seed", "4", "--out", _directory.Path);

    public void Dispose() => _directory.Dispose();

    private string[] EncodeArguments(params string[] files) =>
        ["encode-behaviors", "--schema", _directory["schema.json"], .. files.SelectMany(f => new[] { "--data", _directory[f] }),
            "--table", _directory["behaviors.db"], "--encoder-model", UseLiteDirectory(), "--frozen-layers", "0"];

    [Fact]
    public void EncodeBehaviors_Rerun_EncodesOnlyUnseenTexts()
    {
        CliRun first = CliRunner.Succeed(EncodeArguments("train.csv"));
        Assert.Matches(@"Encoded [1-9]\d* new texts", first.Stdout);
        int count = BehaviorTable.Open(_directory["behaviors.db"], 256, BaheBehaviorEncoder.IdentityOf(0)).Count;

        CliRun again = CliRunner.Succeed(EncodeArguments("train.csv"));
        Assert.Contains("Encoded 0 new texts", again.Stdout);

        CliRunner.Succeed(EncodeArguments("train.csv", "test.csv"));
        Assert.True(BehaviorTable.Open(_directory["behaviors.db"], 256, BaheBehaviorEncoder.IdentityOf(0)).Count > count);
    }

    [Fact]
    public void TrainBahe_WithTable_SavesAModelThatScoresTheTestFile()
    {
        CliRunner.Succeed(EncodeArguments("train.csv", "valid.csv", "test.csv"));
        string modelPath = _directory["bahe.mlnetctr"];

        CliRun run = CliRunner.Succeed("train", "--trainer", "bahe", "--schema", _directory["schema.json"], "--train", _directory["train.csv"],
            "--test", _directory["test.csv"], "--model-out", modelPath, "--set", $"BehaviorTable={_directory["behaviors.db"]}",
            "--set", "FrozenLayers=0", "--set", "HiddenSize=16", "--set", "Heads=2", "--set", "FeedForward=32", "--set", "NumberOfEpochs=1",
            "--set", "BatchSize=256");

        Assert.Contains("Saved the model", run.Stdout);
        CtrPredictionModel model = CtrPredictionModel.LoadFrom(modelPath);
        Assert.Equal(BaheMode.AtomicBehaviors, ((BaheOptions)model.Options).Mode);
        Assert.Equal(model.Score(model.Load(_directory["test.csv"])), CtrPredictionModel.LoadFrom(modelPath).Score(model.Load(_directory["test.csv"])));
    }

    [Fact]
    public void TrainBahe_WithoutTable_FailsWithAUsageError()
    {
        CliRun run = CliRunner.Run("train", "--trainer", "bahe", "--schema", _directory["schema.json"], "--train", _directory["train.csv"],
            "--model-out", _directory["m.mlnetctr"]);

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("BehaviorTable", run.SingleErrorLine);
    }

    [Fact]
    public void EncodeBehaviors_BadFrozenLayers_FailsWithAUsageErrorNamingTheValue()
    {
        CliRun run = CliRunner.Run([.. EncodeArguments("train.csv")[..^1], "5"]);

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("5", run.SingleErrorLine);
    }

    /// <summary>.models/use-lite above the test folder, or $MLNETCTR_MODELS/use-lite; fails (never skips) when absent.</summary>
    private static string UseLiteDirectory()
    {
        string? root = Environment.GetEnvironmentVariable("MLNETCTR_MODELS");
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); root is null && d is not null; d = d.Parent)
        {
            root = File.Exists(Path.Combine(d.FullName, ".models", "use-lite", "model.json")) ? Path.Combine(d.FullName, ".models") : null;
        }
        Assert.True(root is not null && File.Exists(Path.Combine(root, "use-lite", "model.json")),
            $"Universal Sentence Encoder lite was not found above {AppContext.BaseDirectory}: run tools/fetch-use-lite.sh at the repository root.");
        return Path.Combine(root!, "use-lite");
    }
}
