using Spectre.Console;

namespace MLNetCtr.Cli;

/// <summary>Where a command writes: results and progress to <paramref name="Console"/>, warnings to <paramref name="Error"/>.</summary>
/// <param name="Console">Standard output, as a Spectre console (plain when it is not a terminal).</param>
/// <param name="Error">Standard error.</param>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Error)
{
    /// <summary>Whether live widgets (progress bars) can be drawn: a terminal that understands ANSI escapes.</summary>
    public bool IsLive => Console.Profile.Capabilities.Interactive && Console.Profile.Capabilities.Ansi;

    /// <summary>Writes one plain line to standard output (no markup interpretation).</summary>
    public void WriteLine(string line) => Console.Profile.Out.Writer.WriteLine(line);

    /// <summary>Writes one warning line to standard error.</summary>
    public void Warn(string message) => Error.WriteLine($"warning: {CliErrors.OneLine(message)}");
}
