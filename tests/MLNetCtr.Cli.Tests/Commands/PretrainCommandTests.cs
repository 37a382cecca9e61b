using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Tensors;

namespace MLNetCtr.Cli.Tests.Commands;

/// <summary><c>pretrain --trainer fg-bert</c>, then <c>train --trainer srp4ctr --set PretrainedModel=…</c>, on a small sequence dataset.</summary>
public sealed class PretrainCommandTests : IDisposable
{
    private static readonly string[] s_architecture =
        ["--set", "Architecture.EmbeddingDimension=16", "--set", "Architecture.Layers=1", "--set", "Architecture.FeedForward=32", "--set", "Architecture.Dropout=0"];

    private readonly TempDirectory _directory = new();

    public PretrainCommandTests() =>
        CliRunner.Succeed("synth", "--scenario", "sequence", "--rows", "6000", "--seed", "2", "--out", _directory["data"],
            "--set", "Users=150", "--set", "Items=120", "--set", "MaxHistoryLength=8");

    private string Data(string name) => Path.Combine(_directory["data"], name);

    private CliRun Pretrain(string output, params string[] extra) => CliRunner.Run(
        ["pretrain", "--trainer", "fg-bert", "--schema", Data("schema.json"), "--train", Data("train.csv"), "--valid", Data("valid.csv"),
            "--model-out", output, .. s_architecture, "--set", "NumberOfEpochs=1", "--set", "BatchSize=128", .. extra]);

    [Fact]
    public void Pretrain_ThenSrp4CtrWithThePretrainedModel_TrainsOnTheFrozenPretrainedEncoder()
    {
        string encoderPath = _directory["enc.mlnetctr"], modelPath = _directory["srp4ctr.mlnetctr"], metricsPath = _directory["metrics.json"];

        CliRun pretrain = Pretrain(encoderPath);
        Assert.True(pretrain.ExitCode == CliApp.Success, pretrain.ToString());
        CliRun train = CliRunner.Succeed(["train", "--trainer", "srp4ctr", "--schema", Data("schema.json"), "--train", Data("train.csv"),
            "--valid", Data("valid.csv"), "--test", Data("test.csv"), "--model-out", modelPath, "--metrics-out", metricsPath,
            .. s_architecture, "--set", $"PretrainedModel={encoderPath}", "--set", "FreezeEncoder=true", "--set", "NumberOfEpochs=1", "--set", "BatchSize=128"]);

        Assert.Contains("masked-item recall@10", pretrain.Stdout);
        Assert.Contains("accuracy", pretrain.Stdout);
        Assert.Contains("Saved the pretrained encoder", pretrain.Stdout);
        Assert.Contains("Saved the model", train.Stdout);
        var pretrained = PretrainedFgBert.Load(encoderPath).Model.Encoder.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        var encoder = CtrPredictionModel.LoadFrom(modelPath).Network.NamedParameters().Where(p => p.Name.StartsWith("encoder.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(encoder);
        Assert.All(encoder, p => Assert.Equal(pretrained[p.Name["encoder.".Length..]].Data, p.Parameter.Data));   // frozen: exactly the pretrained weights
        double auc = CtrMetrics.ParseJson(File.ReadAllText(metricsPath))["click"][CtrMetricNames.AreaUnderRocCurve];
        Assert.InRange(auc, 0.5, 1.0);
    }

    [Fact]
    public void Pretrain_MetricsTable_ShowsRecallAndEachBehaviorFeatureAgainstChance()
    {
        CliRun run = Pretrain(_directory["enc2.mlnetctr"]);

        Assert.True(run.ExitCode == CliApp.Success, run.ToString());
        Assert.Contains("Pretraining metrics on valid", run.Stdout);
        Assert.Matches(@"masked-item recall@10\s*│\s*0\.\d{4}\s*│\s*0\.\d{4}", run.Stdout);
        Assert.Matches(@"\w+ accuracy\s*│\s*[01]\.\d{4}\s*│\s*[01]\.\d{4}", run.Stdout);
        Assert.Contains("fg-bert  100%  epoch 1/1  loss", run.Stdout);
    }

    [Fact]
    public void Pretrain_UnknownOptionOrTrainer_IsAUsageErrorNamingWhatExists()
    {
        CliRun unknownOption = Pretrain(_directory["bad.mlnetctr"], "--set", "Architecture.Depth=3");
        CliRun unknownTrainer = CliRunner.Run("pretrain", "--trainer", "bert", "--schema", Data("schema.json"), "--train", Data("train.csv"), "--model-out", _directory["x"]);

        Assert.Equal(CliApp.UsageError, unknownOption.ExitCode);
        Assert.Contains("'Architecture.Depth'", unknownOption.SingleErrorLine);
        Assert.Contains("Valid options of Architecture: EmbeddingDimension", unknownOption.SingleErrorLine);
        Assert.Equal(CliApp.UsageError, unknownTrainer.ExitCode);
        Assert.Contains("fg-bert", unknownTrainer.SingleErrorLine);
        Assert.False(File.Exists(_directory["bad.mlnetctr"]));
    }

    public void Dispose() => _directory.Dispose();
}
