using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Serving;

namespace MLNetCtr;

/// <summary>
/// A trained CTR model as an ML.NET <see cref="ITransformer"/>: <see cref="Transform"/> appends the columns of
/// <see cref="PredictionColumns"/> — <c>Score</c> (a logit), <c>Probability</c> and <c>PredictedLabel</c>, per task
/// (<c>&lt;task&gt;.Score</c>, …) for multi-task models — so <c>mlContext.BinaryClassification.Evaluate</c> reads them, and
/// <see cref="GetRowToRowMapper"/> serves <c>mlContext.Model.CreatePredictionEngine</c>.
/// </summary>
/// <remarks>
/// Persist it with <see cref="Save"/> and <see cref="Load"/> (the core's one-file model format). ML.NET's
/// <c>mlContext.Model.Save</c> cannot: a third-party transformer cannot write its weights through
/// <c>ModelSaveContext</c> (its members are internal) nor be found again at load time (<c>LoadableClass</c> registration
/// is internal), so <see cref="ICanSaveModel.Save"/> throws <see cref="NotSupportedException"/>.
/// </remarks>
public sealed class CtrPredictionTransformer : ITransformer
{
    /// <summary>Wraps a trained core model (from an estimator, the core trainers or the CLI).</summary>
    public CtrPredictionTransformer(CtrPredictionModel model)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        OutputColumns = PredictionColumns.For(model.Tasks);
    }

    /// <summary>The core model: family, options, encoder, network; scores and evaluates <c>CtrDataset</c>s directly.</summary>
    public CtrPredictionModel Model { get; }

    /// <summary>The columns <see cref="Transform"/> appends, in order.</summary>
    public IReadOnlyList<PredictionColumn> OutputColumns { get; }

    /// <summary>Always true: every output row depends only on its input row.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input columns followed by <see cref="OutputColumns"/> (<c>Single</c> scores and probabilities, <c>Boolean</c> predicted labels).</summary>
    /// <exception cref="ArgumentException">A feature column the model needs is missing or of a type it cannot read.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        DatasetSchema schema = Model.Encoder.Schema;
        HostSchema.Check(schema, DataViewColumns.Of(inputSchema, schema.Features.Select(c => c.Name)), requireLabels: false);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (PredictionColumn column in OutputColumns)
        {
            builder.AddColumn(column.Name, column.Kind == PredictionKind.PredictedLabel ? BooleanDataViewType.Instance : NumberDataViewType.Single);
        }
        return builder.ToSchema();
    }

    /// <summary>The input with the prediction columns appended; scored lazily, <see cref="CtrCatalogDefaults.ScoringChunkRows"/> rows per forward pass.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new CtrScoredDataView(this, input);
    }

    /// <summary>A mapper that scores one input row at a time (for <c>PredictionEngine</c>).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new CtrRowMapper(this, inputSchema);

    /// <summary>Saves the model to one file (zip: options, encoder, safetensors weights), atomically.</summary>
    public void Save(string path) => Model.Save(path);

    /// <summary>Loads a transformer saved by <see cref="Save"/> (or a model file written by the CLI or the core).</summary>
    public static CtrPredictionTransformer Load(string path) => new(CtrPredictionModel.LoadFrom(path));

    /// <summary>Scores the rows of <paramref name="raw"/>: <c>[task][row]</c> outputs.</summary>
    internal float[][] Score(RawDataset raw) => Model.Score(Model.Encoder.Encode(raw));

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException($"mlContext.Model.Save cannot persist an MLNetCtr model: ML.NET keeps ModelSaveContext and LoadableClass " +
            $"registration internal. Save the transformer itself with {nameof(CtrPredictionTransformer)}.{nameof(Save)}(path) and load it with {nameof(Load)}(path).");
}
