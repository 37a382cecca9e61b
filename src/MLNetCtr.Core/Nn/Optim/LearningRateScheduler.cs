namespace MLNetCtr.Nn.Optim;

/// <summary>
/// Drives an optimizer's learning rates from a schedule, as torch's <c>LambdaLR</c>: before optimizer step k
/// (0-based) every group's rate is its initial rate times <c>schedule.Multiplier(k)</c>. Call <see cref="Step"/>
/// after each <see cref="Optimizer.Step"/>.
/// </summary>
/// <example>
/// <code>
/// var scheduler = new LearningRateScheduler(optimizer, new LinearWarmupCosineDecaySchedule(100, 10_000));
/// foreach (var batch in batches) { loss.Backward(); optimizer.Step(); optimizer.ZeroGrad(); scheduler.Step(); }
/// </code>
/// </example>
public sealed class LearningRateScheduler
{
    private readonly Optimizer _optimizer;

    /// <summary>Creates the scheduler and sets the rates for step 0.</summary>
    public LearningRateScheduler(Optimizer optimizer, ILearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(schedule);
        _optimizer = optimizer;
        Schedule = schedule;
        Apply();
    }

    /// <summary>The schedule.</summary>
    public ILearningRateSchedule Schedule { get; }

    /// <summary>The step whose rates are set now: the number of calls to <see cref="Step"/>.</summary>
    public long CurrentStep { get; private set; }

    /// <summary>Advances one step and sets every group's learning rate for it.</summary>
    public void Step()
    {
        CurrentStep++;
        Apply();
    }

    private void Apply()
    {
        float multiplier = Schedule.Multiplier(CurrentStep);
        for (int g = 0; g < _optimizer.ParameterGroups.Count; g++)
        {
            _optimizer.SetLearningRate(g, _optimizer.GetInitialLearningRate(g) * multiplier);
        }
    }
}
