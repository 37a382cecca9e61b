using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MLNetCtr.Cli.Tests.Notebooks;

/// <summary>
/// Turns a Polyglot (.NET Interactive) notebook into a .NET file-based app: its C# code cells in order, with the
/// <c>using</c> directives hoisted to the top (a notebook may open namespaces in any cell, a C# file only before its
/// statements), the <c>#r</c> and <c>#!</c> magics dropped, and <c>#:project</c> pointing at the core project instead.
/// </summary>
public static partial class NotebookProgram
{
    /// <summary>The app's source for the notebook at <paramref name="notebookPath"/>.</summary>
    public static string Translate(string notebookPath, string coreProjectPath)
    {
        using JsonDocument notebook = JsonDocument.Parse(File.ReadAllText(notebookPath));
        var usings = new List<string>();
        var body = new StringBuilder();
        foreach (JsonElement cell in notebook.RootElement.GetProperty("cells").EnumerateArray().Where(IsCSharpCode))
        {
            string source = string.Concat(cell.GetProperty("source").EnumerateArray().Select(line => line.GetString()));
            foreach (string line in source.Split('\n'))
            {
                string trimmed = line.TrimEnd('\r');
                if (trimmed.StartsWith("#r ", StringComparison.Ordinal) || trimmed.StartsWith("#!", StringComparison.Ordinal))
                {
                    continue;
                }
                if (UsingDirective().IsMatch(trimmed))
                {
                    usings.Add(trimmed);
                    continue;
                }
                body.Append(trimmed).Append('\n');
            }
            body.Append('\n');
        }
        return $"#:project {coreProjectPath}\n#:property PublishAot=false\n{string.Join('\n', usings.Distinct())}\n\n{body}";
    }

    /// <summary>Code cells of the C# kernel (the notebook's default kernel, or cells marked <c>csharp</c>).</summary>
    private static bool IsCSharpCode(JsonElement cell) =>
        cell.GetProperty("cell_type").GetString() == "code"
        && (!cell.TryGetProperty("metadata", out JsonElement metadata)
            || !metadata.TryGetProperty("polyglot_notebook", out JsonElement polyglot)
            || polyglot.GetProperty("kernelName").GetString() == "csharp");

    /// <summary><c>using A.B;</c> or <c>using static A.B;</c> or <c>using X = A.B;</c>: not <c>using var</c> nor <c>using (…)</c>.</summary>
    [GeneratedRegex(@"^using (static )?[A-Za-z_][A-Za-z0-9_.]*( = [A-Za-z_][A-Za-z0-9_.<>, ]*)?;$")]
    private static partial Regex UsingDirective();
}
