using MLNetCtr.Data;
using MLNetCtr.Trainers;

namespace MLNetCtr.Models;

/// <summary>The tasks of an <see cref="Esmm"/> model, built from the label roles its options name.</summary>
internal static class EsmmTasks
{
    /// <summary>
    /// ESMM: ctr (click), cvr (buy, evaluated on clicked rows, loss weight 0), ctcvr (click · buy); ESM2 adds ctavr
    /// (click · daction). Throws if a label the mode needs is not a binary label of the schema.
    /// </summary>
    public static CtrTask[] Create(DataEncoder encoder, EsmmOptions options, EsmmMode mode)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Unknown ESMM mode {(int)mode}.");
        }
        string click = options.ClickLabel, buy = options.ConversionLabel, action = options.ActionLabel;
        string[] known = [.. encoder.Schema.Labels.Where(c => c.Type == ColumnType.Binary).Select(c => c.Name)];
        foreach ((string label, string option) in new[] { (click, nameof(options.ClickLabel)), (buy, nameof(options.ConversionLabel)) }
            .Concat(mode == EsmmMode.Esm2 ? [(action, nameof(options.ActionLabel))] : []))
        {
            if (!known.Contains(label))
            {
                throw new ArgumentException($"{mode.ToString().ToUpperInvariant()} needs the binary label '{label}' ({option}); the schema's binary labels are: {string.Join(", ", known)}.", nameof(options));
            }
        }
        CtrTask[] tasks =
        [
            new(Esmm.CtrTask, TaskKind.Binary, options.ClickLossWeight) { LabelColumns = [click] },
            new(Esmm.CvrTask, TaskKind.Binary, 0f) { LabelColumns = [buy], EvaluatedWhere = click },
            new(Esmm.CtcvrTask, TaskKind.Binary, options.ConversionLossWeight) { LabelColumns = [click, buy] },
        ];
        return mode == EsmmMode.Esmm ? tasks : [.. tasks, new(Esmm.CtavrTask, TaskKind.Binary, options.ActionLossWeight) { LabelColumns = [click, action] }];
    }
}
