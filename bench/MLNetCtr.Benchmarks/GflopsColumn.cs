using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MLNetCtr.Benchmarks;

/// <summary>A benchmark parameter that knows how many floating-point operations one invocation performs.</summary>
public interface IFlopCount
{
    /// <summary>Floating-point operations per invocation (a multiply-add counts as two).</summary>
    double Flops { get; }
}

/// <summary>
/// Adds a <c>GFLOP/s</c> column: the <see cref="IFlopCount"/> parameter's FLOPs over the median time (robust to the
/// other processes that share the machine's cores; bench/pytorch/gemm.py reports the median too).
/// </summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Achieved GFLOP/s: FLOPs per invocation (2·M·N·K per product) / median time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? medianNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Median;
        IFlopCount? work = benchmarkCase.Parameters.Items.Select(p => p.Value).OfType<IFlopCount>().FirstOrDefault();
        return medianNanoseconds is { } median && work is not null ? (work.Flops / median).ToString("F1") : "NA";   // FLOP/ns = GFLOP/s
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>Config for FLOP-bound benchmarks: the default columns plus median, minimum and <see cref="GflopsColumn"/>.</summary>
public sealed class FlopsConfig : ManualConfig
{
    public FlopsConfig() => AddColumn(StatisticColumn.Median, StatisticColumn.Min, new GflopsColumn());
}
