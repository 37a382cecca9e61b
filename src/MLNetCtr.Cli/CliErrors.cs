using System.Text.Json;
using MLNetCtr.Data;
using MLNetCtr.Training;

namespace MLNetCtr.Cli;

/// <summary>Turns an exception into one line on standard error and an exit code.</summary>
internal static class CliErrors
{
    /// <summary>
    /// Writes <c>error: message</c> on one line (or, with <paramref name="verbose"/>, the whole exception with its stack
    /// trace) and returns <see cref="CliApp.UsageError"/> for usage errors, <see cref="CliApp.Failure"/> otherwise.
    /// Exceptions that users cause (bad files, bad values, diverged training) print their message alone; anything
    /// else is a bug, so its type is named too.
    /// </summary>
    public static int Report(TextWriter stderr, Exception exception, bool verbose)
    {
        string message = IsExpected(exception) ? exception.Message : $"unexpected {exception.GetType().Name}: {exception.Message}";
        stderr.WriteLine($"error: {OneLine(message)}");
        if (verbose)
        {
            stderr.WriteLine(exception.ToString());
        }
        return exception is CliUsageException ? CliApp.UsageError : CliApp.Failure;
    }

    /// <summary>The text with every line break (and the indentation after it) folded into one space.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static bool IsExpected(Exception e) => e is CliUsageException or DataFormatException or InvalidDataException
        or IOException or UnauthorizedAccessException or ArgumentException or KeyNotFoundException or JsonException
        or TrainingDivergedException or OperationCanceledException or InvalidOperationException or NotSupportedException;
}
