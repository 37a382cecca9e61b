using MLNetCtr.Models;
using MLNetCtr.Models.Baselines;

namespace MLNetCtr.Trainers;

/// <summary>Trains a <see cref="DeepFm"/> (DeepFM).</summary>
public sealed class DeepFmTrainer : CtrTrainer<DeepFmOptions>
{
    /// <summary>Creates the trainer; null options take the defaults.</summary>
    public DeepFmTrainer(DeepFmOptions? options = null)
        : base(Definition, options ?? new DeepFmOptions())
    {
    }

    /// <summary>The <c>deepfm</c> family.</summary>
    public static ModelFamily Definition { get; } =
        ModelFamily.Create<DeepFmOptions>("deepfm", (encoder, options) => new DeepFm(encoder, options));
}
