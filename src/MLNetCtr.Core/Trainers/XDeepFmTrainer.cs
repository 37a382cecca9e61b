using MLNetCtr.Models;
using MLNetCtr.Models.Baselines;

namespace MLNetCtr.Trainers;

/// <summary>Trains a <see cref="XDeepFm"/> (xDeepFM).</summary>
public sealed class XDeepFmTrainer : CtrTrainer<XDeepFmOptions>
{
    /// <summary>Creates the trainer; null options take the defaults.</summary>
    public XDeepFmTrainer(XDeepFmOptions? options = null)
        : base(Definition, options ?? new XDeepFmOptions())
    {
    }

    /// <summary>The <c>xdeepfm</c> family.</summary>
    public static ModelFamily Definition { get; } =
        ModelFamily.Create<XDeepFmOptions>("xdeepfm", (encoder, options) => new XDeepFm(encoder, options));
}
