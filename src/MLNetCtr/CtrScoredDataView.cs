using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetCtr.Data;
using MLNetCtr.Serving;

namespace MLNetCtr;

/// <summary>
/// The output of <see cref="CtrPredictionTransformer.Transform"/>: the input's columns, passed through, followed by the
/// prediction columns. A cursor reads the features of the next <see cref="CtrCatalogDefaults.ScoringChunkRows"/> rows
/// through a second, look-ahead cursor over the same input (same order: neither shuffles), scores them in one forward
/// pass, and serves them as the main cursor reaches them.
/// </summary>
internal sealed class CtrScoredDataView(CtrPredictionTransformer transformer, IDataView input) : IDataView
{
    public DataViewSchema Schema { get; } = transformer.GetOutputSchema(input.Schema);

    public bool CanShuffle => false;

    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        int inputCount = input.Schema.Count;
        DataViewSchema.Column[] needed = [.. columnsNeeded];
        bool[] outputsActive = [.. transformer.OutputColumns.Select((_, i) => needed.Any(c => c.Index == inputCount + i))];
        DataViewRowCursor passThrough = input.GetRowCursor(needed.Where(c => c.Index < inputCount).Select(c => input.Schema[c.Index]));
        ChunkScorer? scorer = outputsActive.Any(a => a) ? new ChunkScorer(transformer, input) : null;
        return new Cursor(this, passThrough, scorer, outputsActive, transformer.OutputColumns);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>Reads and scores the input's rows chunk by chunk through its own cursor.</summary>
    private sealed class ChunkScorer : IDisposable
    {
        private readonly CtrPredictionTransformer _transformer;
        private readonly DataViewRowCursor _features;
        private readonly DataViewRowReader _reader;
        private float[][] _scores = [];
        private int _rows, _next;

        public ChunkScorer(CtrPredictionTransformer transformer, IDataView input)
        {
            _transformer = transformer;
            DatasetSchema schema = transformer.Model.Encoder.Schema;
            _features = input.GetRowCursor(DataViewRowReader.ColumnsNeeded(input.Schema, schema));
            _reader = new DataViewRowReader(_features, schema, requireLabels: false, "IDataView");
        }

        /// <summary>Moves to the next row's outputs, scoring a new chunk when the last one is used up.</summary>
        public void Advance()
        {
            if (++_next < _rows)
            {
                return;
            }
            HostRowWriter writer = _reader.NewWriter();
            while (writer.RowCount < CtrCatalogDefaults.ScoringChunkRows && _features.MoveNext())
            {
                _reader.ReadInto(writer);
            }
            if (writer.RowCount == 0)
            {
                throw new InvalidOperationException("The input gave the look-ahead cursor fewer rows than the main cursor: an IDataView must give the same rows, in the same order, to every unshuffled cursor.");
            }
            _scores = _transformer.Score(writer.ToRawDataset());
            (_rows, _next) = (writer.RowCount, 0);
        }

        /// <summary>The current row's output of task <paramref name="task"/>.</summary>
        public float Output(int task) => _scores[task][_next];

        public void Dispose() => _features.Dispose();
    }

    private sealed class Cursor(CtrScoredDataView view, DataViewRowCursor input, ChunkScorer? scorer, bool[] outputsActive, IReadOnlyList<PredictionColumn> outputs)
        : DataViewRowCursor
    {
        public override DataViewSchema Schema => view.Schema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index < input.Schema.Count ? input.IsColumnActive(input.Schema[column.Index]) : outputsActive[column.Index - input.Schema.Count];

        public override bool MoveNext()
        {
            if (!input.MoveNext())
            {
                return false;
            }
            scorer?.Advance();
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            int inputCount = input.Schema.Count;
            if (column.Index < inputCount)
            {
                return input.GetGetter<TValue>(input.Schema[column.Index]);
            }
            PredictionColumn output = outputs[column.Index - inputCount];
            if (!outputsActive[column.Index - inputCount] || scorer is null)
            {
                throw new InvalidOperationException($"Column '{output.Name}' is not active in this cursor; request it in columnsNeeded.");
            }
            return PredictionGetters.For<TValue>(output, () => scorer.Output(output.Task));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
                scorer?.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
