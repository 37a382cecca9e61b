namespace MLNetCtr.Nn.Optim;

/// <summary>A learning-rate schedule: the factor that multiplies each group's initial learning rate at a given step.</summary>
public interface ILearningRateSchedule
{
    /// <summary>The factor for the optimizer step numbered <paramref name="step"/> (0 for the first step).</summary>
    float Multiplier(long step);
}

/// <summary>The kinds of schedule, for options: <see cref="LearningRateSchedules.Create"/> builds one.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The initial learning rate throughout (<see cref="ConstantSchedule"/>).</summary>
    Constant,

    /// <summary>Linear warmup, then linear decay (<see cref="LinearWarmupLinearDecaySchedule"/>).</summary>
    LinearWarmupLinearDecay,

    /// <summary>Linear warmup, then half-cosine decay (<see cref="LinearWarmupCosineDecaySchedule"/>).</summary>
    LinearWarmupCosineDecay,
}

/// <summary>Factory of schedules from a <see cref="LearningRateScheduleKind"/>.</summary>
public static class LearningRateSchedules
{
    /// <summary>Creates a schedule of <paramref name="kind"/>; the step counts are ignored by <see cref="LearningRateScheduleKind.Constant"/>.</summary>
    public static ILearningRateSchedule Create(LearningRateScheduleKind kind, long warmupSteps, long totalSteps, float finalMultiplier = 0f) => kind switch
    {
        LearningRateScheduleKind.Constant => new ConstantSchedule(),
        LearningRateScheduleKind.LinearWarmupLinearDecay => new LinearWarmupLinearDecaySchedule(warmupSteps, totalSteps, finalMultiplier),
        LearningRateScheduleKind.LinearWarmupCosineDecay => new LinearWarmupCosineDecaySchedule(warmupSteps, totalSteps, finalMultiplier),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown learning-rate schedule kind {kind}."),
    };
}

/// <summary>A factor of 1 at every step.</summary>
public sealed class ConstantSchedule : ILearningRateSchedule
{
    /// <inheritdoc/>
    public float Multiplier(long step) => 1f;
}

/// <summary>
/// Warmup from 0 to 1 over the first W steps (<c>step / W</c>, so the first step has factor 0, as Hugging Face's
/// <c>get_linear_schedule_with_warmup</c>), then a decay to <c>final</c> at step T that stays there after T.
/// </summary>
public abstract class WarmupDecaySchedule : ILearningRateSchedule
{
    private protected WarmupDecaySchedule(long warmupSteps, long totalSteps, float finalMultiplier)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(warmupSteps, totalSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(finalMultiplier);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(finalMultiplier, 1f);
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        FinalMultiplier = finalMultiplier;
    }

    /// <summary>W: the number of warmup steps.</summary>
    public long WarmupSteps { get; }

    /// <summary>T: the step at which the decay reaches <see cref="FinalMultiplier"/>.</summary>
    public long TotalSteps { get; }

    /// <summary>The factor at and after step T, in [0, 1].</summary>
    public float FinalMultiplier { get; }

    /// <inheritdoc/>
    public float Multiplier(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < WarmupSteps)
        {
            return (float)step / WarmupSteps;
        }
        double progress = Math.Min(1.0, (double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps));
        return (float)(FinalMultiplier + (1.0 - FinalMultiplier) * Decay(progress));
    }

    /// <summary>The decay shape: 1 at progress 0, 0 at progress 1.</summary>
    private protected abstract double Decay(double progress);
}

/// <summary>Linear warmup over W steps, then linear decay: <c>final + (1 − final)·(1 − p)</c>, p = (step − W) / (T − W).</summary>
public sealed class LinearWarmupLinearDecaySchedule : WarmupDecaySchedule
{
    /// <summary>Creates the schedule; see <see cref="WarmupDecaySchedule"/>.</summary>
    public LinearWarmupLinearDecaySchedule(long warmupSteps, long totalSteps, float finalMultiplier = 0f)
        : base(warmupSteps, totalSteps, finalMultiplier)
    {
    }

    private protected override double Decay(double progress) => 1.0 - progress;
}

/// <summary>Linear warmup over W steps, then half-cosine decay: <c>final + (1 − final)·½(1 + cos πp)</c>, p = (step − W) / (T − W).</summary>
public sealed class LinearWarmupCosineDecaySchedule : WarmupDecaySchedule
{
    /// <summary>Creates the schedule; see <see cref="WarmupDecaySchedule"/>.</summary>
    public LinearWarmupCosineDecaySchedule(long warmupSteps, long totalSteps, float finalMultiplier = 0f)
        : base(warmupSteps, totalSteps, finalMultiplier)
    {
    }

    private protected override double Decay(double progress) => 0.5 * (1.0 + Math.Cos(Math.PI * progress));
}
