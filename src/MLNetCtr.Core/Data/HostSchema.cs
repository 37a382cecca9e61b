namespace MLNetCtr.Data;

/// <summary>
/// Relates the columns of a host data frame (an ML.NET <c>IDataView</c>) to a <see cref="DatasetSchema"/>: infers a schema
/// from column kinds and roles (<see cref="Infer"/>) and checks that a frame can feed a schema (<see cref="Check"/>).
/// </summary>
public static class HostSchema
{
    /// <summary>The label column name ML.NET trainers use by default.</summary>
    public const string DefaultLabelColumnName = "Label";

    /// <summary>
    /// The schema of <paramref name="columns"/> under <paramref name="mapping"/>: <see cref="CtrColumnMapping.Schema"/> if
    /// set (after <see cref="Check"/>), otherwise one schema column per label, role column and feature, in that order.
    /// </summary>
    /// <exception cref="ArgumentException">A named column is missing, or its kind does not fit its role.</exception>
    public static DatasetSchema Infer(IReadOnlyList<HostColumn> columns, CtrColumnMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(mapping);
        if (mapping.Schema is { } given)
        {
            Check(given, columns, requireLabels: true);
            return given;
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mapping.MaxSequenceLength);
        var byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        HostColumn Find(string name, string role) => byName.TryGetValue(name, out HostColumn? c) ? c
            : throw new ArgumentException($"The data has no {role} column '{name}'. Its columns: {string.Join(", ", columns.Select(c => c.Name))}.", nameof(mapping));

        var schemaColumns = new List<ColumnSchema>();
        schemaColumns.AddRange(mapping.LabelColumnNames.Select(name => Label(Find(name, "label"))));
        foreach ((string? name, ColumnRole role) in new[] { (mapping.WeightColumnName, ColumnRole.Weight), (mapping.GroupIdColumnName, ColumnRole.GroupId), (mapping.PositionColumnName, ColumnRole.Position) })
        {
            if (name is not null)
            {
                schemaColumns.Add(RoleColumn(Find(name, role.ToString()), role));
            }
        }
        var taken = schemaColumns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> features = mapping.FeatureColumnNames ?? columns.Select(c => c.Name).Where(n => !taken.Contains(n));
        schemaColumns.AddRange(features.Select(name => Feature(Find(name, "feature"), mapping)));
        CheckFeatureReferences(schemaColumns, mapping);
        var schema = new DatasetSchema { Columns = schemaColumns };
        schema.Validate();
        return schema;
    }

    /// <summary>
    /// Checks that <paramref name="columns"/> can feed <paramref name="schema"/>: every feature (and, when
    /// <paramref name="requireLabels"/>, every label, weight, group and position) column is present, lists feed exactly
    /// the sequence columns, and text columns come from text.
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or of a kind that cannot feed its schema column.</exception>
    public static void Check(DatasetSchema schema, IReadOnlyList<HostColumn> columns, bool requireLabels)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        foreach (ColumnSchema c in schema.Columns.Where(c => c.Role != ColumnRole.Ignore))
        {
            HostColumn? host = columns.FirstOrDefault(h => h.Name == c.Name);
            if (host is null)
            {
                if (c.Role == ColumnRole.Feature || requireLabels)
                {
                    throw new ArgumentException($"The data has no column '{c.Name}', which the model needs ({c.Role}, {c.Type}). Its columns: {string.Join(", ", columns.Select(h => h.Name))}.", nameof(columns));
                }
                continue;
            }
            bool sequence = c.Type is ColumnType.Sequence or ColumnType.TextSequence;
            bool fits = host.IsList ? sequence && c.Role == ColumnRole.Feature
                : c.Type == ColumnType.Text || sequence ? host.Kind == HostValueKind.Text
                : true;
            if (!fits)
            {
                throw new ArgumentException($"Column '{c.Name}' holds {host.Kind} values, which cannot feed a {c.Type} {c.Role.ToString().ToLowerInvariant()} column: " +
                    "lists feed sequence features only, and text or sequence columns need text.", nameof(columns));
            }
        }
    }

    private static ColumnSchema Label(HostColumn host) => host.Kind switch
    {
        HostValueKind.Boolean => new ColumnSchema { Name = host.Name, Role = ColumnRole.Label, Type = ColumnType.Binary },
        HostValueKind.Number => new ColumnSchema { Name = host.Name, Role = ColumnRole.Label, Type = ColumnType.Numeric },
        _ => throw new ArgumentException($"Label column '{host.Name}' holds {host.Kind} values; a label is Boolean (a binary task) or a number (a regression task).", nameof(host)),
    };

    private static ColumnSchema RoleColumn(HostColumn host, ColumnRole role)
    {
        bool fits = role switch
        {
            ColumnRole.Weight => host.Kind == HostValueKind.Number,
            ColumnRole.Position => host.Kind is HostValueKind.Number or HostValueKind.Key,
            _ => !host.IsList,
        };
        return fits ? new ColumnSchema { Name = host.Name, Role = role, Type = role == ColumnRole.GroupId ? ColumnType.Categorical : ColumnType.Numeric }
            : throw new ArgumentException($"{role} column '{host.Name}' holds {host.Kind} values; weights are numbers, positions numbers or keys, group ids single values.", nameof(host));
    }

    private static ColumnSchema Feature(HostColumn host, CtrColumnMapping mapping) => new()
    {
        Name = host.Name,
        Type = host.Kind switch
        {
            HostValueKind.Text or HostValueKind.Key => ColumnType.Categorical,
            HostValueKind.Number => ColumnType.Numeric,
            HostValueKind.Boolean => ColumnType.Binary,
            _ => ColumnType.Sequence,
        },
        Side = mapping.UserColumnNames.Contains(host.Name) ? FeatureSide.User
            : mapping.ItemColumnNames.Contains(host.Name) ? FeatureSide.Item
            : FeatureSide.Context,
        MaxLength = mapping.MaxSequenceLength,
        Vocabulary = mapping.SharedVocabularies.GetValueOrDefault(host.Name),
        AlignedWith = mapping.AlignedSequences.GetValueOrDefault(host.Name),
    };

    /// <summary>Every column the mapping gives a side, a shared vocabulary or an alignment must be a feature.</summary>
    private static void CheckFeatureReferences(List<ColumnSchema> schemaColumns, CtrColumnMapping mapping)
    {
        var features = schemaColumns.Where(c => c.Role == ColumnRole.Feature).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        IEnumerable<(string Name, string Property)> referenced = mapping.UserColumnNames.Select(n => (n, nameof(mapping.UserColumnNames)))
            .Concat(mapping.ItemColumnNames.Select(n => (n, nameof(mapping.ItemColumnNames))))
            .Concat(mapping.SharedVocabularies.SelectMany(p => new[] { (p.Key, nameof(mapping.SharedVocabularies)), (p.Value, nameof(mapping.SharedVocabularies)) }))
            .Concat(mapping.AlignedSequences.SelectMany(p => new[] { (p.Key, nameof(mapping.AlignedSequences)), (p.Value, nameof(mapping.AlignedSequences)) }));
        foreach ((string name, string property) in referenced)
        {
            if (!features.Contains(name))
            {
                throw new ArgumentException($"{property} names '{name}', which is not a feature column (features: {string.Join(", ", features)}).", nameof(mapping));
            }
        }
    }
}
