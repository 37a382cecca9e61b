using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetCtr.Models;

namespace MLNetCtr;

/// <summary>
/// A pretrained FG-BERT encoder (<see cref="PretrainedFgBert"/>): the artifact <see cref="FgBertEstimator"/> produces and
/// the SRP4CTR estimator starts from. As an <see cref="ITransformer"/> it passes data through unchanged.
/// </summary>
/// <remarks>
/// Persist it with <see cref="Save"/> and <see cref="Load"/> (one safetensors file); <c>mlContext.Model.Save</c> cannot
/// (ML.NET's <c>ModelSaveContext</c> and <c>LoadableClass</c> registration are internal).
/// </remarks>
public sealed class FgBertTransformer : ITransformer
{
    /// <summary>Wraps a pretrained encoder.</summary>
    public FgBertTransformer(PretrainedFgBert pretrained) => Pretrained = pretrained ?? throw new ArgumentNullException(nameof(pretrained));

    /// <summary>The pretrained encoder: options, data encoder, weights, per-epoch losses.</summary>
    public PretrainedFgBert Pretrained { get; }

    /// <summary>True: it maps each row to itself.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema: no column is added.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema ?? throw new ArgumentNullException(nameof(inputSchema));

    /// <summary>The input, unchanged.</summary>
    public IDataView Transform(IDataView input) => input ?? throw new ArgumentNullException(nameof(input));

    /// <summary>The identity mapper.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new IdentityMapper(inputSchema ?? throw new ArgumentNullException(nameof(inputSchema)));

    /// <summary>Saves the encoder to one file, atomically.</summary>
    public void Save(string path) => Pretrained.Save(path);

    /// <summary>Loads an encoder saved by <see cref="Save"/>.</summary>
    public static FgBertTransformer Load(string path) => new(PretrainedFgBert.Load(path));

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException($"mlContext.Model.Save cannot persist a pretrained FG-BERT: use {nameof(FgBertTransformer)}.{nameof(Save)}(path) and {nameof(Load)}(path).");

    private sealed class IdentityMapper(DataViewSchema schema) : IRowToRowMapper
    {
        public DataViewSchema InputSchema => schema;

        public DataViewSchema OutputSchema => schema;

        public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) => dependingColumns;

        public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) => input;
    }
}
