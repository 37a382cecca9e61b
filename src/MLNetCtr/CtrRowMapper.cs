using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetCtr.Data;
using MLNetCtr.Serving;

namespace MLNetCtr;

/// <summary>
/// The row-to-row mapper of a <see cref="CtrPredictionTransformer"/>, which ML.NET's <c>PredictionEngine</c> uses: the
/// output row passes the input's columns through and scores the input row (once per input position) when a prediction
/// column is read.
/// </summary>
internal sealed class CtrRowMapper : IRowToRowMapper
{
    private readonly CtrPredictionTransformer _transformer;

    public CtrRowMapper(CtrPredictionTransformer transformer, DataViewSchema inputSchema)
    {
        _transformer = transformer;
        InputSchema = inputSchema ?? throw new ArgumentNullException(nameof(inputSchema));
        OutputSchema = transformer.GetOutputSchema(inputSchema);
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    /// <summary>Input columns requested pass through; any prediction column needs every feature column of the model.</summary>
    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        DataViewSchema.Column[] depending = [.. dependingColumns];
        IEnumerable<DataViewSchema.Column> passed = depending.Where(c => c.Index < InputSchema.Count).Select(c => InputSchema[c.Index]);
        return depending.Any(c => c.Index >= InputSchema.Count)
            ? passed.Concat(DataViewRowReader.ColumnsNeeded(InputSchema, _transformer.Model.Encoder.Schema)).DistinctBy(c => c.Index)
            : passed;
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        int inputCount = InputSchema.Count;
        bool[] active = [.. Enumerable.Range(0, OutputSchema.Count).Select(i => activeColumns.Any(c => c.Index == i))];
        bool scoring = active.Skip(inputCount).Any(a => a);
        return new Row(this, input, active, scoring ? new DataViewRowReader(input, _transformer.Model.Encoder.Schema, requireLabels: false, "prediction input") : null);
    }

    private sealed class Row(CtrRowMapper mapper, DataViewRow input, bool[] active, DataViewRowReader? reader) : DataViewRow
    {
        private float[][] _outputs = [];
        private long _scoredPosition = -1;

        public override DataViewSchema Schema => mapper.OutputSchema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            int inputCount = mapper.InputSchema.Count;
            if (column.Index < inputCount)
            {
                return input.GetGetter<TValue>(input.Schema[column.Index]);
            }
            PredictionColumn output = mapper._transformer.OutputColumns[column.Index - inputCount];
            if (!active[column.Index] || reader is null)
            {
                throw new InvalidOperationException($"Column '{output.Name}' is not active in this row.");
            }
            return PredictionGetters.For<TValue>(output, () => Output(output.Task));
        }

        /// <summary>The task output of the input's current row, scored once per input position.</summary>
        private float Output(int task)
        {
            if (_scoredPosition != input.Position || _outputs.Length == 0)
            {
                HostRowWriter writer = reader!.NewWriter();
                reader.ReadInto(writer);
                _outputs = mapper._transformer.Score(writer.ToRawDataset());
                _scoredPosition = input.Position;
            }
            return _outputs[task][0];
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
