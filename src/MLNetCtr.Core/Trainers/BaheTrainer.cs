using MLNetCtr.Models;
using MLNetCtr.Text;

namespace MLNetCtr.Trainers;

/// <summary>Trains a <see cref="Bahe"/> model (family id <c>bahe</c>); its deep layers start from the pretrained encoder when <see cref="BaheOptions.EncoderModel"/> is set.</summary>
public sealed class BaheTrainer : CtrTrainer<BaheOptions>
{
    /// <summary>Creates the trainer; validates <paramref name="options"/> (which must name a behavior table).</summary>
    public BaheTrainer(BaheOptions options)
        : base(Definition, options)
    {
    }

    /// <summary>The <c>bahe</c> model family.</summary>
    public static ModelFamily Definition { get; } = ModelFamily.Create<BaheOptions>("bahe", (encoder, options) => new Bahe(encoder, options),
        prepare: (network, _, options) =>
        {
            if (options.InitializeFromPretrained && options.EncoderModel is { } path)
            {
                ((Bahe)network).InitializeFromPretrained(UseLiteEncoder.Load(path));
            }
        });
}
