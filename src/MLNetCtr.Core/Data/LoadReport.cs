namespace MLNetCtr.Data;

/// <summary>What loading a file did: rows kept, rows skipped (with <see cref="LoadOptions.SkipBadRows"/>) and why.</summary>
public sealed record LoadReport
{
    /// <summary>Path of the file, or a description of the row source.</summary>
    public required string FileName { get; init; }

    /// <summary>Data rows kept.</summary>
    public required int RowsLoaded { get; init; }

    /// <summary>Data rows skipped because they did not match the schema.</summary>
    public required int RowsSkipped { get; init; }

    /// <summary>The messages of the first skipped rows (at most <see cref="LoadOptions.MaxReportedErrors"/>).</summary>
    public required IReadOnlyList<string> FirstErrors { get; init; }

    /// <summary>Characters read, header included.</summary>
    public required long CharactersRead { get; init; }

    /// <summary>
    /// The 1-based file line on which each kept row starts (the header is line 1), in row order; null unless
    /// <see cref="LoadOptions.RecordLineNumbers"/>.
    /// </summary>
    public IReadOnlyList<long>? LineNumbers { get; init; }

    /// <summary>One line: rows loaded and skipped, and the first reason if any.</summary>
    public override string ToString() => RowsSkipped == 0
        ? $"{FileName}: {RowsLoaded} rows loaded."
        : $"{FileName}: {RowsLoaded} rows loaded, {RowsSkipped} skipped; first: {FirstErrors.FirstOrDefault()}";
}
