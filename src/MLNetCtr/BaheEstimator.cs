using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr;

/// <summary>
/// Trains BAHE (<see cref="BaheTrainer"/>) on textual user behaviors. Create it with <c>mlContext.Ctr().Trainers.Bahe(…)</c>.
/// </summary>
/// <remarks>
/// The behavior columns (vectors of text, oldest first) become text sequences, and the item text column the item text;
/// every other feature is inferred as usual and embedded beside them. Behavior vectors come from
/// <see cref="BaheOptions.BehaviorTable"/>; a text it lacks is encoded once, into the table, when
/// <see cref="BaheOptions.EncoderModel"/> is set (else it is an error). With an explicit
/// <see cref="CtrColumnMapping.Schema"/> the schema is used as given.
/// </remarks>
public sealed class BaheEstimator : CtrEstimator<BaheOptions>
{
    internal BaheEstimator(CtrEstimatorOptions<BaheOptions> options, IReadOnlyList<string> behaviorColumnNames, string itemTextColumnName)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(behaviorColumnNames);
        ArgumentException.ThrowIfNullOrEmpty(itemTextColumnName);
        ArgumentOutOfRangeException.ThrowIfZero(behaviorColumnNames.Count, nameof(behaviorColumnNames));
        BehaviorColumnNames = behaviorColumnNames;
        ItemTextColumnName = itemTextColumnName;
    }

    /// <summary>The user's behavior text columns (vectors of text), one text sequence each.</summary>
    public IReadOnlyList<string> BehaviorColumnNames { get; }

    /// <summary>The candidate item's text column.</summary>
    public string ItemTextColumnName { get; }

    private protected override DatasetSchema SchemaOf(IReadOnlyList<HostColumn> columns)
    {
        DatasetSchema inferred = base.SchemaOf(columns);
        if (Options.Columns.Schema is not null)
        {
            return inferred;
        }
        foreach (string name in BehaviorColumnNames.Append(ItemTextColumnName).Where(n => !inferred.Features.Any(c => c.Name == n)))
        {
            throw new ArgumentException($"BAHE's text column '{name}' is not a feature column (features: {string.Join(", ", inferred.Features.Select(c => c.Name))}).", nameof(columns));
        }
        DatasetSchema schema = inferred with { Columns = [.. inferred.Columns.Select(c =>
            BehaviorColumnNames.Contains(c.Name) ? c with { Type = ColumnType.TextSequence, Side = FeatureSide.User, Vocabulary = null, AlignedWith = null }
            : c.Name == ItemTextColumnName ? c with { Type = ColumnType.Text, Side = FeatureSide.Item }
            : c)] };
        HostSchema.Check(schema, columns, requireLabels: false);   // behaviors must be lists of text or joined text, the item text text
        return schema;
    }

    private protected override CtrPredictionModel Train(CtrDataset train, DataEncoder encoder, CtrDataset? validation, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        new BaheTrainer(Options.Trainer).Fit(train, encoder, validation, progress, cancellationToken);
}
