using Spectre.Console;

namespace MLNetCtr.Cli;

/// <summary>Where a command writes its results and progress (errors are <see cref="CliApp"/>'s business).</summary>
/// <param name="Console">Standard output, as a Spectre console (plain when it is not a terminal).</param>
internal sealed record CliContext(IAnsiConsole Console)
{
    /// <summary>Whether live widgets (progress bars) can be drawn: a terminal that understands ANSI escapes.</summary>
    public bool IsLive => Console.Profile.Capabilities.Interactive && Console.Profile.Capabilities.Ansi;

    /// <summary>Writes one plain line to standard output (no markup interpretation).</summary>
    public void WriteLine(string line) => Console.Profile.Out.Writer.WriteLine(line);
}
