using MLNetCtr.Models;
using MLNetCtr.Models.Baselines;

namespace MLNetCtr.Trainers;

/// <summary>Trains a <see cref="DcnV2"/> (DCN-V2, parallel or stacked).</summary>
public sealed class DcnV2Trainer : CtrTrainer<DcnV2Options>
{
    /// <summary>Creates the trainer; null options take the defaults.</summary>
    public DcnV2Trainer(DcnV2Options? options = null)
        : base(Definition, options ?? new DcnV2Options())
    {
    }

    /// <summary>The <c>dcn-v2</c> family.</summary>
    public static ModelFamily Definition { get; } =
        ModelFamily.Create<DcnV2Options>("dcn-v2", (encoder, options) => new DcnV2(encoder, options));
}
