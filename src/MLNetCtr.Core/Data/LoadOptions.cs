namespace MLNetCtr.Data;

/// <summary>How data files are read.</summary>
public sealed record LoadOptions
{
    /// <summary>
    /// Skip rows that do not match the schema (wrong column count, unparsable number or label, misaligned sequences,
    /// malformed quotes) instead of throwing; they are counted in <see cref="LoadReport"/>.
    /// </summary>
    /// <value>Default: false (the first bad row throws a <see cref="DataFormatException"/>).</value>
    public bool SkipBadRows { get; init; }

    /// <summary>How many skipped-row reasons the <see cref="LoadReport"/> keeps.</summary>
    /// <value>Default: <see cref="DataDefaults.MaxReportedErrors"/> (10).</value>
    public int MaxReportedErrors { get; init; } = DataDefaults.MaxReportedErrors;

    /// <summary>
    /// Whether label columns must be in the file. When false, a file without them (for scoring) loads with NaN labels.
    /// </summary>
    /// <value>Default: true.</value>
    public bool RequireLabels { get; init; } = true;

    /// <summary>
    /// Whether <see cref="LoadReport.LineNumbers"/> records the file line of every kept row, so that a caller can match
    /// each row (and its score) to its record in the file even when bad rows were skipped.
    /// </summary>
    /// <value>Default: false (recording costs 8 bytes per row).</value>
    public bool RecordLineNumbers { get; init; }

    /// <summary>Throws if an option is out of range.</summary>
    public void Validate() => ArgumentOutOfRangeException.ThrowIfNegative(MaxReportedErrors);
}
