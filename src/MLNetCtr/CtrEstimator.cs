using Microsoft.ML;
using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr;

/// <summary>
/// Base of every ML.NET CTR estimator: maps the <see cref="IDataView"/>'s columns to a core <see cref="DatasetSchema"/>
/// (<see cref="CtrEstimatorOptions{TTrainerOptions}.Columns"/>), reads the rows, fits the encoder (vocabularies,
/// numeric statistics) on them, and hands them to the family's core trainer, the one hook (<see cref="Train"/>).
/// </summary>
/// <typeparam name="TTrainerOptions">The core trainer's options record.</typeparam>
public abstract class CtrEstimator<TTrainerOptions> : IEstimator<CtrPredictionTransformer>
    where TTrainerOptions : TrainingOptions, new()
{
    /// <summary>Validates and keeps <paramref name="options"/>.</summary>
    private protected CtrEstimator(CtrEstimatorOptions<TTrainerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Trainer.Validate();
        Options = options;
    }

    /// <summary>The columns and core trainer options this estimator was created with.</summary>
    public CtrEstimatorOptions<TTrainerOptions> Options { get; }

    /// <summary>Trains on <paramref name="input"/>.</summary>
    public CtrPredictionTransformer Fit(IDataView input) => Fit(input, validationData: null);

    /// <summary>
    /// Trains on <paramref name="input"/>, validating on <paramref name="validationData"/> (early stopping, best-model
    /// restore, as the core's <see cref="TrainingOptions"/> say) when given.
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or of a type its role cannot take.</exception>
    /// <exception cref="DataFormatException">A value does not fit its column (names the row and column).</exception>
    public CtrPredictionTransformer Fit(IDataView input, IDataView? validationData, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        DatasetSchema schema = SchemaOf(DataViewColumns.Of(input.Schema, DataViewColumns.NamedBy(Options.Columns)));
        RawDataset raw = DataViewRowReader.ReadAll(input, schema, requireLabels: true, "training data");
        DataEncoder encoder = EncoderFor(raw);
        CtrDataset? validation = validationData is null ? null
            : encoder.Encode(DataViewRowReader.ReadAll(validationData, schema, requireLabels: true, "validation data"));
        return new CtrPredictionTransformer(Train(encoder.Encode(raw), encoder, validation, progress, cancellationToken));
    }

    /// <summary>Checks that the input shape has every column the estimator reads; returns it unchanged (see remarks).</summary>
    /// <remarks>
    /// The prediction columns cannot be promised here: <c>SchemaShape.Column</c>'s constructor is internal to ML.NET. They
    /// appear in <see cref="CtrPredictionTransformer.GetOutputSchema"/> and in transformed data.
    /// </remarks>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        SchemaOf(SchemaShapes.Columns(inputSchema));
        return new SchemaShape(inputSchema);
    }

    /// <summary>The schema of the training rows. Default: inferred from the columns and <see cref="CtrEstimatorOptions{T}.Columns"/>.</summary>
    private protected virtual DatasetSchema SchemaOf(IReadOnlyList<HostColumn> columns) => HostSchema.Infer(columns, Options.Columns);

    /// <summary>The encoder of the training rows. Default: fit on them.</summary>
    private protected virtual DataEncoder EncoderFor(RawDataset train) => DataEncoder.Fit(train);

    /// <summary>Trains the family's model with its core trainer: the only family-specific step.</summary>
    private protected abstract CtrPredictionModel Train(CtrDataset train, DataEncoder encoder, CtrDataset? validation,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken);
}
