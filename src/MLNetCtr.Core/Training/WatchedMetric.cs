using MLNetCtr.Models;

namespace MLNetCtr.Training;

/// <summary>
/// The value that early stopping and restore-best watch: <see cref="TrainingOptions.EarlyStoppingMetric"/> of the task
/// <see cref="TrainingOptions.EarlyStoppingTask"/> when one is named (or when the model has one task), otherwise the
/// loss-weighted mean over the tasks: <c>Σ_t w_t · m_t / Σ_t w_t</c>, over the tasks of weight w_t &gt; 0 that report
/// the metric m_t (a regression task has no AUC, a classification task no RMSE).
/// </summary>
internal static class WatchedMetric
{
    /// <summary>The watched value of one validation's <paramref name="metrics"/> (task → metric name → value).</summary>
    public static double Of(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> metrics, IReadOnlyList<CtrTask> tasks, TrainingOptions options)
    {
        string name = options.EarlyStoppingMetric.ToString();
        if (options.EarlyStoppingTask is not null || tasks.Count == 1)
        {
            return OfTask(metrics, options.EarlyStoppingTask ?? tasks[0].Name, name);
        }
        double weightedSum = 0, totalWeight = 0;
        foreach (CtrTask task in tasks)
        {
            if (task.LossWeight > 0f && metrics.TryGetValue(task.Name, out var values) && values.TryGetValue(name, out double value))
            {
                (weightedSum, totalWeight) = (weightedSum + (task.LossWeight * value), totalWeight + task.LossWeight);
            }
        }
        return totalWeight > 0 ? weightedSum / totalWeight
            : throw new InvalidOperationException($"Early stopping watches {name} averaged over the trained tasks, but no task of positive loss weight reports it ({string.Join(", ", tasks.Select(t => $"{t.Name}: weight {t.LossWeight}, {t.Kind}"))}); name a task in {nameof(TrainingOptions.EarlyStoppingTask)} or pick another {nameof(TrainingOptions.EarlyStoppingMetric)}.");
    }

    private static double OfTask(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> metrics, string task, string name)
    {
        IReadOnlyDictionary<string, double> values = metrics.TryGetValue(task, out var v) ? v
            : throw new InvalidOperationException($"Early stopping watches task '{task}', which the model does not have ({string.Join(", ", metrics.Keys)}).");
        return values.TryGetValue(name, out double value) ? value
            : throw new InvalidOperationException($"Early stopping watches {name} of task '{task}', which its validation metrics do not have ({string.Join(", ", values.Keys)}).");
    }
}
