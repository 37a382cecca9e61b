using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNetCtr.Evaluation;

/// <summary>
/// The metrics of every task of a model, keyed by task (label column) name, in the order the tasks were added.
/// </summary>
/// <remarks>
/// <see cref="ToJson"/> writes one object keyed by task name, each an object of metric name → number, named as in
/// <see cref="CtrMetricNames"/>:
/// <code>
/// {
///   "click":      { "AreaUnderRocCurve": 0.7712, "AreaUnderPrecisionRecallCurve": 0.4105, …, "Gauc": 0.6931, "GaucGroupsUsed": 812, … },
///   "conversion": { "AreaUnderRocCurve": 0.8123, … }
/// }
/// </code>
/// JSON has no NaN or infinities, so those are written as the strings <c>"NaN"</c>, <c>"Infinity"</c> and
/// <c>"-Infinity"</c>, as System.Text.Json's <see cref="JsonNumberHandling.AllowNamedFloatingPointLiterals"/> does.
/// </remarks>
public sealed class CtrMetrics : IReadOnlyDictionary<string, TaskMetrics>
{
    private static readonly JsonSerializerOptions s_writeOptions = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly JsonSerializerOptions s_compactOptions = new(s_writeOptions) { WriteIndented = false };

    private readonly OrderedDictionary<string, TaskMetrics> _tasks = new(StringComparer.Ordinal);

    /// <summary>Adds the metrics of one task; throws if the name is empty or already present.</summary>
    /// <param name="task">The task's name, usually its label column, e.g. <c>"click"</c>.</param>
    /// <param name="metrics">The task's metrics.</param>
    public void Add(string task, TaskMetrics metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(task);
        ArgumentNullException.ThrowIfNull(metrics);
        if (!_tasks.TryAdd(task, metrics))
        {
            throw new ArgumentException($"Task '{task}' already has metrics; tasks present: {string.Join(", ", _tasks.Keys)}.", nameof(task));
        }
    }

    /// <summary>The metrics of <paramref name="task"/>; throws <see cref="KeyNotFoundException"/> naming the known tasks.</summary>
    /// <param name="task">The task's name.</param>
    public TaskMetrics this[string task] => _tasks.TryGetValue(task, out TaskMetrics? metrics)
        ? metrics
        : throw new KeyNotFoundException($"No metrics for task '{task}'; tasks present: {string.Join(", ", _tasks.Keys)}.");

    /// <summary>The task names, in the order they were added.</summary>
    public IEnumerable<string> Keys => _tasks.Keys;

    /// <summary>The task metrics, in the order they were added.</summary>
    public IEnumerable<TaskMetrics> Values => _tasks.Values;

    /// <summary>The number of tasks.</summary>
    public int Count => _tasks.Count;

    /// <summary>Whether <paramref name="task"/> has metrics.</summary>
    /// <param name="task">The task's name.</param>
    public bool ContainsKey(string task) => _tasks.ContainsKey(task);

    /// <summary>Gets the metrics of <paramref name="task"/> if present.</summary>
    /// <param name="task">The task's name.</param>
    /// <param name="metrics">The metrics, or null.</param>
    public bool TryGetValue(string task, [MaybeNullWhen(false)] out TaskMetrics metrics) => _tasks.TryGetValue(task, out metrics);

    /// <summary>Enumerates (task, metrics) pairs in the order they were added.</summary>
    public IEnumerator<KeyValuePair<string, TaskMetrics>> GetEnumerator() => _tasks.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Every task's scalar metrics by name (<see cref="TaskMetrics.ToDictionary"/>), keyed by task.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ToDictionary()
    {
        var result = new OrderedDictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach ((string task, TaskMetrics metrics) in _tasks)
        {
            result.Add(task, metrics.ToDictionary());
        }
        return result;
    }

    /// <summary>The JSON object described in the remarks.</summary>
    /// <param name="indented">Whether to indent, one metric per line.</param>
    public string ToJson(bool indented = true) =>
        JsonSerializer.Serialize(ToDictionary(), indented ? s_writeOptions : s_compactOptions);

    /// <summary>Reads JSON written by <see cref="ToJson"/> back as task → metric name → value, keeping the order.</summary>
    /// <param name="json">The JSON text.</param>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var parsed = JsonSerializer.Deserialize<OrderedDictionary<string, OrderedDictionary<string, double>>>(json, s_writeOptions)
            ?? throw new JsonException("Expected a JSON object keyed by task name, got null.");
        var result = new OrderedDictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach ((string task, OrderedDictionary<string, double> metrics) in parsed)
        {
            result.Add(task, metrics ?? throw new JsonException($"Task '{task}' has null metrics; expected an object of metric name → number."));
        }
        return result;
    }
}
