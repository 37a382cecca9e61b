using MLNetCtr.Models;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr.Cli.Tests;

public sealed class OptionOverridesTests
{
    /// <summary>Options with the kinds of property a deep model's options have: lists and nullable strings.</summary>
    public sealed record LayeredOptions : TrainingOptions
    {
        public IReadOnlyList<int> HiddenLayers { get; init; } = [400, 400];

        public IReadOnlyList<float> Dropouts { get; init; } = [];

        public string? Tag { get; init; } = "default";

        public int? Limit { get; init; }
    }

    private static readonly ModelFamily Layered = ModelFamily.Create<LayeredOptions>("layered", (_, _) => throw new InvalidOperationException("never built"));

    private static readonly ModelFamily Logistic = LogisticRegressionTrainer.Definition;

    [Fact]
    public void Apply_NoAssignments_ReturnsTheDefaults() =>
        Assert.Equal(new LogisticRegressionOptions(), Apply(Logistic));

    [Fact]
    public void Apply_CaseInsensitiveNames_ParseNumbersBoolsAndEnums()
    {
        var options = (LogisticRegressionOptions)Apply(Logistic,
            "learningrate=0.05", "BATCHSIZE=256", "RestoreBestModel=false", "optimizer=adamw", "Schedule=LinearWarmupCosineDecay", "WarmupSteps = 10");

        Assert.Equal(new LogisticRegressionOptions
        {
            LearningRate = 0.05f,
            BatchSize = 256,
            RestoreBestModel = false,
            Optimizer = OptimizerKind.AdamW,
            Schedule = LearningRateScheduleKind.LinearWarmupCosineDecay,
            WarmupSteps = 10,
        }, options);
    }

    [Fact]
    public void Apply_LaterAssignment_Wins() =>
        Assert.Equal(4, Apply(Logistic, "NumberOfEpochs=2", "NumberOfEpochs=4").NumberOfEpochs);

    [Fact]
    public void Apply_Lists_AreCommaSeparated()
    {
        var options = (LayeredOptions)Apply(Layered, "HiddenLayers=64,32", "Dropouts=0.1, 0.2");

        Assert.Equal([64, 32], options.HiddenLayers);
        Assert.Equal([0.1f, 0.2f], options.Dropouts);
    }

    [Fact]
    public void Apply_EmptyValue_SetsNullablesToNullAndListsToEmpty()
    {
        var options = (LayeredOptions)Apply(Layered, "Tag=", "HiddenLayers=", "Limit=");

        Assert.Null(options.Tag);
        Assert.Empty(options.HiddenLayers);
        Assert.Null(options.Limit);
        Assert.Equal(7, ((LayeredOptions)Apply(Layered, "Limit=7")).Limit);
        Assert.Equal("x=y", ((LayeredOptions)Apply(Layered, "Tag=x=y")).Tag);
    }

    [Fact]
    public void Apply_UnknownName_ListsEveryValidName()
    {
        var error = Assert.Throws<CliUsageException>(() => Apply(Layered, "Hidden=1"));

        Assert.Contains("'Hidden'", error.Message);
        Assert.Contains("'layered'", error.Message);
        foreach (string name in new[] { "HiddenLayers", "Dropouts", "Tag", "Limit", "LearningRate", "EarlyStoppingMetric" })
        {
            Assert.Contains(name, error.Message);
        }
    }

    [Theory]
    [InlineData("BatchSize=big", "BatchSize expects an integer, got 'big'")]
    [InlineData("BatchSize=1.5", "BatchSize expects an integer, got '1.5'")]
    [InlineData("LearningRate=fast", "LearningRate expects a number, got 'fast'")]
    [InlineData("LearningRate=NaN", "LearningRate expects a number, got 'NaN'")]
    [InlineData("RestoreBestModel=yes", "RestoreBestModel expects true or false, got 'yes'")]
    [InlineData("Optimizer=lbfgs", "Optimizer expects one of Adam, AdamW, Adagrad, Sgd, got 'lbfgs'")]
    [InlineData("Optimizer=1", "Optimizer expects one of Adam, AdamW, Adagrad, Sgd, got '1'")]
    [InlineData("HiddenLayers=64,x", "HiddenLayers expects an integer, got 'x'")]
    [InlineData("LearningRate", "--set expects Option=Value, got 'LearningRate'")]
    [InlineData("=1", "--set expects Option=Value, got '=1'")]
    public void Apply_BadValue_NamesTheOptionAndTheValue(string assignment, string expected) =>
        Assert.Contains(expected, Assert.Throws<CliUsageException>(() => Apply(Layered, assignment)).Message);

    [Fact]
    public void Apply_OutOfRange_IsAUsageErrorNamingTheOption() =>
        Assert.Contains("NumberOfEpochs", Assert.Throws<CliUsageException>(() => Apply(Logistic, "NumberOfEpochs=0")).Message);

    private static TrainingOptions Apply(ModelFamily family, params string[] assignments) =>
        OptionOverrides.Apply(family, family.DefaultOptions(), assignments);
}
