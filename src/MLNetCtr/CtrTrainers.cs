using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Trainers;

namespace MLNetCtr;

/// <summary>
/// Factory methods of every CTR estimator: a simple-argument overload (column names and a few key hyperparameters,
/// defaults in <see cref="CtrCatalogDefaults"/>) and an <c>Options</c> overload (<see cref="CtrEstimatorOptions{T}"/>:
/// a full <see cref="CtrColumnMapping"/> and the core trainer's options record).
/// </summary>
public sealed class CtrTrainers
{
    internal CtrTrainers()
    {
    }

    /// <summary>Pretrains FG-BERT on a behavior sequence: the history of items and the sequences aligned with it.</summary>
    /// <param name="itemColumnName">The candidate item (text or key); the history shares its vocabulary.</param>
    /// <param name="historyColumnName">The user's item history, oldest first (a vector of text or keys).</param>
    /// <param name="historyFeatureColumnNames">Behavior features aligned with the history (type, time gap, …); null for none.</param>
    /// <param name="labelColumnName">The label (read for the shared schema, not used).</param>
    public FgBertEstimator FgBert(string itemColumnName, string historyColumnName, IReadOnlyList<string>? historyFeatureColumnNames = null,
        string labelColumnName = CtrCatalogDefaults.LabelColumnName)
        => FgBert(new CtrEstimatorOptions<FgBertOptions> { Columns = BehaviorColumns(labelColumnName, itemColumnName, historyColumnName, historyFeatureColumnNames) });

    /// <summary>Pretrains FG-BERT with every option.</summary>
    public FgBertEstimator FgBert(CtrEstimatorOptions<FgBertOptions> options) => new(options);

    /// <summary>SRP4CTR: fine-tunes <paramref name="pretrainedEncoder"/> (same columns as its pretraining), or trains from scratch.</summary>
    /// <param name="itemColumnName">The candidate item; the history shares its vocabulary.</param>
    /// <param name="historyColumnName">The user's item history, oldest first (a vector of text or keys).</param>
    /// <param name="historyFeatureColumnNames">Behavior features aligned with the history; null for none.</param>
    /// <param name="pretrainedEncoder">From <see cref="FgBert(string, string, IReadOnlyList{string}?, string)"/>; its architecture is used. Null: from scratch.</param>
    /// <param name="labelColumnName">The Boolean label.</param>
    /// <param name="numberOfEpochs">Passes over the training data.</param>
    /// <param name="learningRate">Step size of the optimizer.</param>
    /// <param name="batchSize">Rows per training step.</param>
    public Srp4CtrEstimator Srp4Ctr(string itemColumnName, string historyColumnName, IReadOnlyList<string>? historyFeatureColumnNames = null,
        FgBertTransformer? pretrainedEncoder = null, string labelColumnName = CtrCatalogDefaults.LabelColumnName,
        int numberOfEpochs = CtrCatalogDefaults.NumberOfEpochs, float learningRate = CtrCatalogDefaults.LearningRate, int batchSize = CtrCatalogDefaults.BatchSize)
    {
        var trainer = new Srp4CtrOptions { NumberOfEpochs = numberOfEpochs, LearningRate = learningRate, BatchSize = batchSize };
        return Srp4Ctr(new CtrEstimatorOptions<Srp4CtrOptions>
        {
            Columns = BehaviorColumns(labelColumnName, itemColumnName, historyColumnName, historyFeatureColumnNames),
            Trainer = pretrainedEncoder is null ? trainer : trainer with { Architecture = pretrainedEncoder.Pretrained.Options.Architecture },
        }, pretrainedEncoder);
    }

    /// <summary>SRP4CTR with every option; <c>Options.Trainer.Architecture</c> must match <paramref name="pretrainedEncoder"/>'s.</summary>
    public Srp4CtrEstimator Srp4Ctr(CtrEstimatorOptions<Srp4CtrOptions> options, FgBertTransformer? pretrainedEncoder = null) => new(options, pretrainedEncoder);

    /// <summary>The parallel two-tower: user (and context) features in one tower, item features in the other.</summary>
    /// <param name="userColumnNames">User and context features.</param>
    /// <param name="itemColumnNames">Item features.</param>
    /// <param name="labelColumnName">The Boolean label.</param>
    /// <param name="numberOfEpochs">Passes over the training data.</param>
    /// <param name="learningRate">Step size of the optimizer.</param>
    /// <param name="batchSize">Rows per training step.</param>
    public ParallelTwoTowerEstimator ParallelTwoTower(IReadOnlyList<string> userColumnNames, IReadOnlyList<string> itemColumnNames,
        string labelColumnName = CtrCatalogDefaults.LabelColumnName,
        int numberOfEpochs = CtrCatalogDefaults.NumberOfEpochs, float learningRate = CtrCatalogDefaults.LearningRate, int batchSize = CtrCatalogDefaults.BatchSize)
    {
        ArgumentNullException.ThrowIfNull(userColumnNames);
        ArgumentNullException.ThrowIfNull(itemColumnNames);
        return ParallelTwoTower(new CtrEstimatorOptions<ParallelTwoTowerOptions>
        {
            Columns = new() { LabelColumnNames = [labelColumnName], FeatureColumnNames = [.. userColumnNames, .. itemColumnNames], UserColumnNames = userColumnNames, ItemColumnNames = itemColumnNames },
            Trainer = new() { NumberOfEpochs = numberOfEpochs, LearningRate = learningRate, BatchSize = batchSize },
        });
    }

    /// <summary>The parallel two-tower with every option (<c>Columns</c> must give item columns).</summary>
    public ParallelTwoTowerEstimator ParallelTwoTower(CtrEstimatorOptions<ParallelTwoTowerOptions> options) => new(options);

    /// <summary>ESMM (or ESM2): pCTCVR = pCTR · pCVR over every impression. Output columns per task: <c>ctr.*</c>, <c>cvr.*</c>, <c>ctcvr.*</c> (ESM2: <c>ctavr.*</c>).</summary>
    /// <param name="featureColumnNames">The features; null for every column that is not a label.</param>
    /// <param name="mode">ESMM or ESM2.</param>
    /// <param name="clickColumnName">Boolean click label.</param>
    /// <param name="conversionColumnName">Boolean conversion label.</param>
    /// <param name="actionColumnName">ESM2 only: Boolean DAction label.</param>
    /// <param name="embeddingDimension">Dimension of the shared field embeddings.</param>
    /// <param name="numberOfEpochs">Passes over the training data.</param>
    /// <param name="learningRate">Step size of the optimizer.</param>
    /// <param name="batchSize">Rows per training step.</param>
    public EsmmEstimator Esmm(IReadOnlyList<string>? featureColumnNames = null, EsmmMode mode = EsmmMode.Esmm,
        string clickColumnName = CtrCatalogDefaults.ClickColumnName, string conversionColumnName = CtrCatalogDefaults.ConversionColumnName,
        string actionColumnName = CtrCatalogDefaults.ActionColumnName, int embeddingDimension = CtrCatalogDefaults.EmbeddingDimension,
        int numberOfEpochs = CtrCatalogDefaults.NumberOfEpochs, float learningRate = CtrCatalogDefaults.LearningRate, int batchSize = CtrCatalogDefaults.BatchSize)
        => Esmm(new CtrEstimatorOptions<EsmmOptions>
        {
            Columns = new()
            {
                LabelColumnNames = mode == EsmmMode.Esm2 ? [clickColumnName, conversionColumnName, actionColumnName] : [clickColumnName, conversionColumnName],
                FeatureColumnNames = featureColumnNames,
            },
            Trainer = new()
            {
                ClickLabel = clickColumnName, ConversionLabel = conversionColumnName, ActionLabel = actionColumnName,
                EmbeddingDimension = embeddingDimension, NumberOfEpochs = numberOfEpochs, LearningRate = learningRate, BatchSize = batchSize,
            },
        }, mode);

    /// <summary>ESMM (or ESM2) with every option; <c>Columns</c> must list the labels that <c>Trainer</c> names.</summary>
    public EsmmEstimator Esmm(CtrEstimatorOptions<EsmmOptions> options, EsmmMode mode = EsmmMode.Esmm) => new(options, mode);

    /// <summary>MMoE (or shared-bottom, PLE): one task per label column, Boolean labels binary, numeric labels regression.</summary>
    /// <param name="labelColumnNames">The tasks' labels, in task order; output columns are named after them (<c>&lt;label&gt;.Score</c>, …).</param>
    /// <param name="featureColumnNames">The features; null for every column that is not a label.</param>
    /// <param name="structure">MMoE, shared-bottom or PLE.</param>
    /// <param name="expertCount">Experts (shared experts per level for PLE).</param>
    /// <param name="embeddingDimension">Dimension of each field embedding.</param>
    /// <param name="numberOfEpochs">Passes over the training data.</param>
    /// <param name="learningRate">Step size of the optimizer.</param>
    /// <param name="batchSize">Rows per training step.</param>
    public MmoeEstimator Mmoe(IReadOnlyList<string> labelColumnNames, IReadOnlyList<string>? featureColumnNames = null,
        MultitaskStructure structure = MultitaskStructure.Mmoe, int expertCount = CtrCatalogDefaults.ExpertCount,
        int embeddingDimension = CtrCatalogDefaults.EmbeddingDimension,
        int numberOfEpochs = CtrCatalogDefaults.NumberOfEpochs, float learningRate = CtrCatalogDefaults.LearningRate, int batchSize = CtrCatalogDefaults.BatchSize)
        => Mmoe(new CtrEstimatorOptions<MmoeOptions>
        {
            Columns = new() { LabelColumnNames = labelColumnNames, FeatureColumnNames = featureColumnNames },
            Trainer = new() { ExpertCount = expertCount, EmbeddingDimension = embeddingDimension, NumberOfEpochs = numberOfEpochs, LearningRate = learningRate, BatchSize = batchSize },
        }, structure);

    /// <summary>MMoE (or shared-bottom, PLE) with every option.</summary>
    public MmoeEstimator Mmoe(CtrEstimatorOptions<MmoeOptions> options, MultitaskStructure structure = MultitaskStructure.Mmoe) => new(options, structure);

    /// <summary>BAHE: textual behaviors looked up in a behavior table (encoded once each), trainable layers over each sequence.</summary>
    /// <param name="behaviorColumnNames">The user's behavior text columns (vectors of text, oldest first), one sequence each.</param>
    /// <param name="itemTextColumnName">The candidate item's text.</param>
    /// <param name="behaviorTable">The behavior table file (<see cref="BaheOptions.BehaviorTable"/>), created if absent.</param>
    /// <param name="encoderModel">Universal Sentence Encoder lite (<c>tools/fetch-use-lite.sh</c>) to encode texts the table lacks; null: table only.</param>
    /// <param name="featureColumnNames">The features, behavior and item text columns included; null for every column that is not the label.</param>
    /// <param name="labelColumnName">The Boolean label.</param>
    /// <param name="numberOfEpochs">Passes over the training data.</param>
    /// <param name="learningRate">Step size of the optimizer.</param>
    /// <param name="batchSize">Rows per training step.</param>
    public BaheEstimator Bahe(IReadOnlyList<string> behaviorColumnNames, string itemTextColumnName, string behaviorTable, string? encoderModel = null,
        IReadOnlyList<string>? featureColumnNames = null, string labelColumnName = CtrCatalogDefaults.LabelColumnName,
        int numberOfEpochs = CtrCatalogDefaults.NumberOfEpochs, float learningRate = CtrCatalogDefaults.LearningRate, int batchSize = CtrCatalogDefaults.BatchSize)
        => Bahe(new CtrEstimatorOptions<BaheOptions>
        {
            Columns = new() { LabelColumnNames = [labelColumnName], FeatureColumnNames = featureColumnNames },
            Trainer = new() { BehaviorTable = behaviorTable, EncoderModel = encoderModel, NumberOfEpochs = numberOfEpochs, LearningRate = learningRate, BatchSize = batchSize },
        }, behaviorColumnNames, itemTextColumnName);

    /// <summary>BAHE with every option; <c>Options.Trainer</c> must name the behavior table.</summary>
    public BaheEstimator Bahe(CtrEstimatorOptions<BaheOptions> options, IReadOnlyList<string> behaviorColumnNames, string itemTextColumnName) =>
        new(options, behaviorColumnNames, itemTextColumnName);

    /// <summary>
    /// The columns of a behavior sequence for FG-BERT and SRP4CTR: the history shares the item's vocabulary; the history
    /// features are aligned with it. Every other column is a context feature.
    /// </summary>
    private static CtrColumnMapping BehaviorColumns(string label, string item, string history, IReadOnlyList<string>? historyFeatures) => new()
    {
        LabelColumnNames = [label],
        UserColumnNames = [history, .. historyFeatures ?? []],
        ItemColumnNames = [item],
        SharedVocabularies = new Dictionary<string, string> { [history] = item },
        AlignedSequences = (historyFeatures ?? []).ToDictionary(f => f, _ => history),
    };
}
