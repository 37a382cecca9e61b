namespace MLNetCtr.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public void Run_NoCommand_IsAUsageError()
    {
        CliRun run = CliRunner.Run();

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("mlnetctr --help", run.SingleErrorLine);
    }

    [Fact]
    public void Run_Help_ListsTheCommands()
    {
        CliRun run = CliRunner.Succeed("--help");

        Assert.Contains("synth", run.Stdout);
        Assert.Contains("train", run.Stdout);
        Assert.Contains("evaluate", run.Stdout);
        Assert.Contains("--verbose", run.Stdout);
    }

    [Fact]
    public void Run_TrainHelp_ListsTheKnownTrainers()
    {
        CliRun run = CliRunner.Succeed("train", "--help");

        Assert.Contains("logistic-regression", run.Stdout);
        Assert.Contains("--set", run.Stdout);
    }

    [Fact]
    public void Run_MissingRequiredOptions_IsOneLineNamingThem()
    {
        CliRun run = CliRunner.Run("evaluate");

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        string line = run.SingleErrorLine;
        Assert.Contains("--model", line);
        Assert.Contains("--data", line);
    }

    [Fact]
    public void Run_UnknownOption_IsAUsageError()
    {
        CliRun run = CliRunner.Run("evaluate", "--model", "m", "--data", "d", "--colour");

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("--colour", run.SingleErrorLine);
    }

    [Theory]
    [InlineData("line one\n   line two\r\n", "line one line two")]
    [InlineData("single", "single")]
    public void OneLine_FoldsLineBreaks(string text, string expected) => Assert.Equal(expected, CliErrors.OneLine(text));
}
