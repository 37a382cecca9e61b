using MLNetCtr.Data;

namespace MLNetCtr;

/// <summary>
/// Options of an ML.NET CTR estimator: which <c>IDataView</c> columns play which role (<see cref="Columns"/>), and the
/// options of the core trainer that does the work (<see cref="Trainer"/>). Records: vary them with <c>with</c>.
/// </summary>
/// <typeparam name="TTrainerOptions">The core trainer's options record, e.g. <see cref="Trainers.EsmmOptions"/>.</typeparam>
public sealed record CtrEstimatorOptions<TTrainerOptions>
    where TTrainerOptions : class, new()
{
    /// <summary>The column roles; the schema of the data is inferred from them. Default: label <c>"Label"</c>, every other column a feature.</summary>
    public CtrColumnMapping Columns { get; init; } = new();

    /// <summary>The core trainer's options (architecture, training loop). Default: the core's defaults.</summary>
    public TTrainerOptions Trainer { get; init; } = new();
}
