using MLNetCtr.Models;

namespace MLNetCtr.Trainers;

/// <summary>Trains a multi-task <see cref="Mmoe"/>: families <c>mmoe</c>, <c>omoe</c>, <c>shared-bottom</c> and <c>ple</c>, one per <see cref="MultitaskStructure"/>.</summary>
public sealed class MmoeTrainer : CtrTrainer<MmoeOptions>
{
    /// <summary>Creates the trainer of <paramref name="structure"/>; null options take the defaults.</summary>
    public MmoeTrainer(MmoeOptions? options = null, MultitaskStructure structure = MultitaskStructure.Mmoe)
        : base(DefinitionOf(structure), options ?? new MmoeOptions())
    {
    }

    /// <summary>The <c>mmoe</c> family.</summary>
    public static ModelFamily Definition { get; } = CreateFamily("mmoe", MultitaskStructure.Mmoe);

    /// <summary>The <c>shared-bottom</c> family.</summary>
    public static ModelFamily SharedBottomDefinition { get; } = CreateFamily("shared-bottom", MultitaskStructure.SharedBottom);

    /// <summary>The <c>omoe</c> family: MMoE's experts under one gate shared by the tasks.</summary>
    public static ModelFamily OmoeDefinition { get; } = CreateFamily("omoe", MultitaskStructure.Omoe);

    /// <summary>The <c>ple</c> family.</summary>
    public static ModelFamily PleDefinition { get; } = CreateFamily("ple", MultitaskStructure.Ple);

    /// <summary>The family of <paramref name="structure"/>.</summary>
    public static ModelFamily DefinitionOf(MultitaskStructure structure) => structure switch
    {
        MultitaskStructure.Mmoe => Definition,
        MultitaskStructure.SharedBottom => SharedBottomDefinition,
        MultitaskStructure.Omoe => OmoeDefinition,
        MultitaskStructure.Ple => PleDefinition,
        _ => throw new ArgumentOutOfRangeException(nameof(structure), structure, $"Unknown multi-task structure {(int)structure}."),
    };

    private static ModelFamily CreateFamily(string id, MultitaskStructure structure) =>
        ModelFamily.Create<MmoeOptions>(id, (encoder, options) => new Mmoe(encoder, options, structure));
}
