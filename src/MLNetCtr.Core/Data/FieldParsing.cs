using System.Globalization;
using System.Numerics;

namespace MLNetCtr.Data;

/// <summary>A field that cannot be read as its column's type; the loader adds the file, line and column.</summary>
internal sealed class FieldFormatException(string reason, int? slot = null) : Exception(reason)
{
    /// <summary>What is wrong, with the offending value.</summary>
    public string Reason => Message;

    /// <summary>The builder slot at fault when it is not the field being read (a row-level check).</summary>
    public int? Slot { get; } = slot;
}

/// <summary>Parses numbers, binary values and integers straight from the characters of a field.</summary>
internal static class FieldParsing
{
    private const int MaxQuotedChars = 40;

    /// <summary>
    /// A finite float in invariant culture. An empty (or blank) field, or the text NaN, is missing: NaN when
    /// <paramref name="allowMissing"/>, else an error.
    /// </summary>
    public static T Number<T>(ReadOnlySpan<char> field, bool allowMissing)
        where T : IFloatingPointIeee754<T>
    {
        if (field.IsWhiteSpace())
        {
            return allowMissing ? T.NaN : throw new FieldFormatException("the field is empty; a number is required.");
        }
        if (!T.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out T? value))
        {
            throw new FieldFormatException($"'{Quote(field)}' is not a number.");
        }
        if (T.IsNaN(value) && !allowMissing || T.IsInfinity(value))
        {
            throw new FieldFormatException($"'{Quote(field)}' is not a finite number.");
        }
        return value;
    }

    /// <summary>
    /// 1 from <c>true</c> or any number equal to 1 (<c>1</c>, <c>+1</c>, <c>1.0</c>); 0 from <c>false</c> or any number
    /// equal to 0 or −1 (the −1/+1 convention of SVMlight files). Any case, surrounding blanks allowed.
    /// </summary>
    public static float Binary(ReadOnlySpan<char> field) =>
        TryBinary(field, out float value) ? value
            : throw new FieldFormatException($"'{Quote(field)}' is not a binary value (0, 1, true or false; -1 reads as 0).");

    /// <summary>What <see cref="Binary"/> reads, without throwing: false when the field is not a binary value.</summary>
    public static bool TryBinary(ReadOnlySpan<char> field, out float value)
    {
        ReadOnlySpan<char> t = field.Trim();
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            value = t.Length == 4 ? 1f : 0f;
            return true;
        }
        bool binary = float.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out float number) && number is 1f or 0f or -1f;
        value = number == 1f ? 1f : 0f;
        return binary;
    }

    /// <summary>An integer in invariant culture.</summary>
    public static int Integer(ReadOnlySpan<char> field) =>
        int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FieldFormatException($"'{Quote(field)}' is not an integer.");

    /// <summary>The field for an error message, cut after <see cref="MaxQuotedChars"/> characters.</summary>
    public static string Quote(ReadOnlySpan<char> field) =>
        field.Length <= MaxQuotedChars ? field.ToString() : string.Concat(field[..MaxQuotedChars], "…");
}
