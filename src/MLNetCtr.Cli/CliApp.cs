using System.CommandLine;
using System.CommandLine.Invocation;
using MLNetCtr.Cli.Commands;
using Spectre.Console;

namespace MLNetCtr.Cli;

/// <summary>The <c>mlnetctr</c> command line: builds the commands, parses, runs, and turns failures into exit codes.</summary>
public static class CliApp
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a run that failed (bad data, missing file, diverged training…).</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a command line that cannot be run as written (unknown option, bad value…).</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Runs the command line <paramref name="args"/>, writing results to <paramref name="stdout"/> and errors to
    /// <paramref name="stderr"/>; returns the exit code. Live progress is drawn only when <paramref name="stdout"/> is
    /// the process's own terminal; anywhere else (a pipe, a file, a test's <see cref="StringWriter"/>) output is plain lines.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var context = new CliContext(CreateConsole(stdout));
        var verbose = new Option<bool>("--verbose")
        {
            Description = "On error, print the exception with its stack trace instead of one line.",
            Recursive = true,
        };
        var root = new RootCommand("mlnetctr: generate synthetic CTR data, train ranking models, evaluate and export them.")
        {
            Options = { verbose },
            Subcommands =
            {
                SynthCommand.Create(context), TrainCommand.Create(context), EvaluateCommand.Create(context), PredictCommand.Create(context), ExportOnnxCommand.Create(context),
                ExportItemsCommand.Create(context), TopKCommand.Create(context), PretrainCommand.Create(context),
                EncodeBehaviorsCommand.Create(context), DemoCommand.Create(context), InferSchemaCommand.Create(context),
            },
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            string command = parsed.CommandResult.Command == root ? "mlnetctr" : $"mlnetctr {parsed.CommandResult.Command.Name}";
            return CliErrors.Report(stderr, new CliUsageException($"{string.Join(" ", parsed.Errors.Select(e => e.Message))} Run '{command} --help' for usage."), verbose: false);
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return CliErrors.Report(stderr, e, parsed.GetValue(verbose));
        }
    }

    private static IAnsiConsole CreateConsole(TextWriter stdout)
    {
        bool terminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }
}
