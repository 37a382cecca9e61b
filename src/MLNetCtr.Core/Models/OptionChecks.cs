namespace MLNetCtr.Models;

/// <summary>Range checks that several options records share; each error names the option and its value.</summary>
internal static class OptionChecks
{
    /// <summary>Throws unless every size is positive (and, unless <paramref name="allowEmpty"/>, there is at least one).</summary>
    public static void PositiveSizes(IReadOnlyList<int>? sizes, string name, bool allowEmpty)
    {
        if (sizes is null || (!allowEmpty && sizes.Count == 0) || sizes.Any(s => s <= 0))
        {
            string given = sizes is null ? "null" : $"[{string.Join(", ", sizes)}]";
            throw new ArgumentOutOfRangeException(name, $"{name} must be positive sizes{(allowEmpty ? "" : ", at least one")}; got {given}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a named member of its enum.</summary>
    public static void Defined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}; got {value}.");
        }
    }
}
