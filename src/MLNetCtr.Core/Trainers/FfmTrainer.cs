using MLNetCtr.Models;
using MLNetCtr.Models.Baselines;

namespace MLNetCtr.Trainers;

/// <summary>Trains a <see cref="FieldAwareFactorizationMachine"/> (field-aware factorization machine).</summary>
public sealed class FfmTrainer : CtrTrainer<FfmOptions>
{
    /// <summary>Creates the trainer; null options take the defaults.</summary>
    public FfmTrainer(FfmOptions? options = null)
        : base(Definition, options ?? new FfmOptions())
    {
    }

    /// <summary>The <c>ffm</c> family.</summary>
    public static ModelFamily Definition { get; } =
        ModelFamily.Create<FfmOptions>("ffm", (encoder, options) => new FieldAwareFactorizationMachine(encoder, options));
}
