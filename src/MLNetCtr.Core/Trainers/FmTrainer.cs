using MLNetCtr.Models;
using MLNetCtr.Models.Baselines;

namespace MLNetCtr.Trainers;

/// <summary>Trains a <see cref="FactorizationMachine"/> (factorization machine).</summary>
public sealed class FmTrainer : CtrTrainer<FmOptions>
{
    /// <summary>Creates the trainer; null options take the defaults.</summary>
    public FmTrainer(FmOptions? options = null)
        : base(Definition, options ?? new FmOptions())
    {
    }

    /// <summary>The <c>fm</c> family.</summary>
    public static ModelFamily Definition { get; } =
        ModelFamily.Create<FmOptions>("fm", (encoder, options) => new FactorizationMachine(encoder, options));
}
