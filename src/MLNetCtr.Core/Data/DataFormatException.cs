namespace MLNetCtr.Data;

/// <summary>
/// A data file (or a row given for encoding) that does not match its schema. The message names the file, the 1-based
/// line and, where one is at fault, the column by name and 1-based index in the file.
/// </summary>
/// <remarks>
/// It derives from <see cref="FormatException"/> because <see cref="InvalidDataException"/> (thrown for a bad schema
/// file) is sealed.
/// </remarks>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates the exception; the message is composed from the location and the reason.</summary>
    /// <param name="fileName">Path of the file, or a description of the row source.</param>
    /// <param name="lineNumber">1-based line of the file (the header is line 1); 0 when no line is at fault.</param>
    /// <param name="columnName">Name of the column at fault, or null.</param>
    /// <param name="columnNumber">1-based index of that column in the file, or 0 when it is not in the file.</param>
    /// <param name="reason">What is wrong, with the offending value.</param>
    public DataFormatException(string fileName, long lineNumber, string? columnName, int columnNumber, string reason)
        : base(Compose(fileName, lineNumber, columnName, columnNumber, reason))
    {
        FileName = fileName;
        LineNumber = lineNumber;
        ColumnName = columnName;
        ColumnNumber = columnNumber;
        Reason = reason;
    }

    /// <summary>Path of the file, or a description of the row source.</summary>
    public string FileName { get; }

    /// <summary>1-based line of the file (the header is line 1); 0 when no line is at fault.</summary>
    public long LineNumber { get; }

    /// <summary>Name of the column at fault, or null when the error concerns a whole row or file.</summary>
    public string? ColumnName { get; }

    /// <summary>1-based index of the column in the file; 0 when no column is at fault or it is missing from the file.</summary>
    public int ColumnNumber { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    private static string Compose(string fileName, long lineNumber, string? columnName, int columnNumber, string reason)
    {
        string line = lineNumber > 0 ? $", line {lineNumber}" : "";
        string column = (columnName, columnNumber) switch
        {
            (null, <= 0) => "",
            (null, _) => $", column {columnNumber}",
            (_, <= 0) => $", column '{columnName}'",
            _ => $", column {columnNumber} '{columnName}'",
        };
        return $"{fileName}{line}{column}: {reason}";
    }
}
