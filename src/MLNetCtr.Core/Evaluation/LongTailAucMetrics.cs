namespace MLNetCtr.Evaluation;

/// <summary>ROC AUC over the rows of long-tail items. Produced by <see cref="LongTailAucEvaluator"/>.</summary>
/// <param name="LongTailAuc">
/// The weighted ROC AUC (ties half) over the rows whose item is in the tail; NaN when those rows hold one class only
/// or there are none.
/// </param>
/// <param name="FrequencyThreshold">
/// f*: an item is in the tail when its training frequency is ≤ f* (items absent from the frequency map count 0).
/// </param>
/// <param name="TailItemCount">Number of items of the frequency map in the tail: at least ⌈fraction · M⌉, more when frequencies tie at f*.</param>
/// <param name="RowsUsed">Number of evaluation rows whose item is in the tail.</param>
public sealed record LongTailAucMetrics(double LongTailAuc, long FrequencyThreshold, int TailItemCount, long RowsUsed)
{
    /// <summary>Appends the scalar metrics under their <see cref="CtrMetricNames"/> names.</summary>
    internal void AddTo(IDictionary<string, double> metrics)
    {
        metrics[CtrMetricNames.LongTailAuc] = LongTailAuc;
        metrics[CtrMetricNames.LongTailRows] = RowsUsed;
    }
}
