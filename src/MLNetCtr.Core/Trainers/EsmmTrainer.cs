using MLNetCtr.Models;

namespace MLNetCtr.Trainers;

/// <summary>Trains an <see cref="Esmm"/> model in ESMM or ESM2 <see cref="EsmmMode">mode</see>.</summary>
public sealed class EsmmTrainer : CtrTrainer<EsmmOptions>
{
    /// <summary>Creates the trainer for <paramref name="mode"/>; null options take the defaults.</summary>
    public EsmmTrainer(EsmmOptions? options = null, EsmmMode mode = EsmmMode.Esmm)
        : base(mode switch
        {
            EsmmMode.Esmm => EsmmDefinition,
            EsmmMode.Esm2 => Esm2Definition,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Unknown ESMM mode {(int)mode}."),
        }, options ?? new EsmmOptions())
    {
    }

    /// <summary>The <c>esmm</c> family: <see cref="Esmm"/> in <see cref="EsmmMode.Esmm"/> mode.</summary>
    public static ModelFamily EsmmDefinition { get; } =
        ModelFamily.Create<EsmmOptions>("esmm", (encoder, options) => new Esmm(encoder, options, EsmmMode.Esmm));

    /// <summary>The <c>esm2</c> family: <see cref="Esmm"/> in <see cref="EsmmMode.Esm2"/> mode.</summary>
    public static ModelFamily Esm2Definition { get; } =
        ModelFamily.Create<EsmmOptions>("esm2", (encoder, options) => new Esmm(encoder, options, EsmmMode.Esm2));
}
