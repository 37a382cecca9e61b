namespace MLNetCtr.Cli;

/// <summary>A command line that cannot be run as written (exit code <see cref="CliApp.UsageError"/>).</summary>
internal sealed class CliUsageException(string message) : Exception(message);
