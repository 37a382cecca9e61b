using System.Text;
using MLNetCtr.Data.Synthetic;

namespace MLNetCtr.Cli;

/// <summary>The command-line names of <see cref="ScenarioKind"/>: kebab-case (<c>BehaviorText</c> → <c>behavior-text</c>).</summary>
internal static class ScenarioNames
{
    private static readonly Dictionary<string, ScenarioKind> s_byName =
        Enum.GetValues<ScenarioKind>().ToDictionary(NameOf, kind => kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every name, in the enum's order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<ScenarioKind>().Select(NameOf).ToArray();

    /// <summary>The kebab-case name of <paramref name="kind"/>.</summary>
    public static string NameOf(ScenarioKind kind)
    {
        string pascal = kind.ToString();
        var name = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                name.Append('-');
            }
            name.Append(char.ToLowerInvariant(pascal[i]));
        }
        return name.ToString();
    }

    /// <summary>The scenario called <paramref name="name"/> (case-insensitive), if any.</summary>
    public static bool TryParse(string name, out ScenarioKind kind) => s_byName.TryGetValue(name, out kind);
}
