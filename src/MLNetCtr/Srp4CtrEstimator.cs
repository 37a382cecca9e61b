using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr;

/// <summary>
/// Fine-tunes SRP4CTR (<see cref="Srp4CtrTrainer"/>) from a pretrained FG-BERT (<see cref="FgBertTransformer"/>), or
/// trains it from scratch. Create it with <c>mlContext.Ctr().Trainers.Srp4Ctr(…)</c>.
/// </summary>
/// <remarks>
/// With a pretrained encoder the rows are read with the pretraining's schema and encoded with its vocabularies (so ids
/// index the pretrained tables): the data must have the columns the pretraining data had, and the column mapping of
/// <see cref="CtrEstimator{T}.Options"/> is not used.
/// </remarks>
public sealed class Srp4CtrEstimator : CtrEstimator<Srp4CtrOptions>
{
    internal Srp4CtrEstimator(CtrEstimatorOptions<Srp4CtrOptions> options, FgBertTransformer? pretrainedEncoder)
        : base(options) => PretrainedEncoder = pretrainedEncoder;

    /// <summary>The pretrained FG-BERT the encoder starts from, or null to train from scratch.</summary>
    public FgBertTransformer? PretrainedEncoder { get; }

    private protected override DatasetSchema SchemaOf(IReadOnlyList<HostColumn> columns)
    {
        if (PretrainedEncoder is null)
        {
            return base.SchemaOf(columns);
        }
        DatasetSchema schema = PretrainedEncoder.Pretrained.DataEncoder.Schema;
        HostSchema.Check(schema, columns, requireLabels: true);
        return schema;
    }

    private protected override DataEncoder EncoderFor(RawDataset train) => PretrainedEncoder?.Pretrained.DataEncoder ?? base.EncoderFor(train);

    /// <summary>
    /// The core trainer loads a pretrained encoder from a file (<see cref="Srp4CtrOptions.PretrainedModel"/>): the
    /// in-memory one goes through a temporary file, and the trained model keeps no reference to it.
    /// </summary>
    private protected override CtrPredictionModel Train(CtrDataset train, DataEncoder encoder, CtrDataset? validation, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        if (PretrainedEncoder is null)
        {
            return new Srp4CtrTrainer(Options.Trainer).Fit(train, encoder, validation, progress, cancellationToken);
        }
        string path = Path.Combine(Path.GetTempPath(), $"mlnetctr-fgbert-{Guid.NewGuid():N}.safetensors");
        try
        {
            PretrainedEncoder.Save(path);
            CtrPredictionModel model = new Srp4CtrTrainer(Options.Trainer with { PretrainedModel = path }).Fit(train, encoder, validation, progress, cancellationToken);
            return new CtrPredictionModel(model.Family, Options.Trainer with { PretrainedModel = null }, model.Encoder, model.Network, model.History, model.ItemFrequency);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
