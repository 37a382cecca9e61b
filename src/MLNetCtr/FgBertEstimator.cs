using Microsoft.ML;
using MLNetCtr.Data;
using MLNetCtr.Trainers;

namespace MLNetCtr;

/// <summary>
/// Pretrains FG-BERT (SRP4CTR's self-supervised stage, <see cref="FgBertPretrainer"/>) on the behavior sequences of an
/// <see cref="IDataView"/>; the resulting <see cref="FgBertTransformer"/> is the pretrained encoder that
/// <c>mlContext.Ctr().Trainers.Srp4Ctr(…, pretrainedEncoder)</c> fine-tunes. Labels are read (the schema is shared with
/// fine-tuning) but not used.
/// </summary>
public sealed class FgBertEstimator : IEstimator<FgBertTransformer>
{
    internal FgBertEstimator(CtrEstimatorOptions<FgBertOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Trainer.Validate();
        Options = options;
    }

    /// <summary>The columns and pretraining options.</summary>
    public CtrEstimatorOptions<FgBertOptions> Options { get; }

    /// <summary>Pretrains on <paramref name="input"/>.</summary>
    public FgBertTransformer Fit(IDataView input) => Fit(input, progress: null);

    /// <summary>Pretrains on <paramref name="input"/>, reporting each epoch's mean loss.</summary>
    /// <exception cref="ArgumentException">A column is missing, of the wrong type, or the schema has no behavior sequence.</exception>
    public FgBertTransformer Fit(IDataView input, IProgress<(int Epoch, float Loss)>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        DatasetSchema schema = HostSchema.Infer(DataViewColumns.Of(input.Schema, DataViewColumns.NamedBy(Options.Columns)), Options.Columns);
        RawDataset raw = DataViewRowReader.ReadAll(input, schema, requireLabels: true, "pretraining data");
        DataEncoder encoder = DataEncoder.Fit(raw);
        return new FgBertTransformer(new FgBertPretrainer(Options.Trainer).Pretrain(encoder.Encode(raw), encoder, progress, cancellationToken));
    }

    /// <summary>Checks that the input shape has the columns; returns it unchanged (the transformer adds no column).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        HostSchema.Infer(SchemaShapes.Columns(inputSchema), Options.Columns);
        return new SchemaShape(inputSchema);
    }
}
