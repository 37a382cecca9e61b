using System.Diagnostics;

namespace MLNetCtr.Cli.Tests.Notebooks;

/// <summary>
/// Runs every notebook under <c>notebooks/</c> as a .NET file-based app (<c>dotnet run -c Release app.cs</c>), so the
/// notebooks never rot. One class, hence one xunit collection: the runs go one after another.
/// </summary>
public sealed class NotebookTests
{
    /// <summary>A generous bound on one run (build included), so a hung build fails instead of hanging the suite.</summary>
    private static readonly TimeSpan s_hangLimit = TimeSpan.FromMinutes(8);

    public static TheoryData<string> Notebooks => new(NotebookNames());

    [Fact]
    public void Notebooks_OnePerFamily_AreFound()
    {
        Assert.Equal(["01-parallel-two-tower.ipynb", "02-esmm.ipynb", "03-mmoe.ipynb", "04-srp4ctr.ipynb", "05-bahe.ipynb"], NotebookNames());
    }

    [Fact]
    public void Translate_HoistsUsingsDropsMagicsAndPointsAtTheCoreProject()
    {
        string source = NotebookProgram.Translate(Path.Combine(RepositoryRoot(), "notebooks", "02-esmm.ipynb"), "/core.csproj");
        string[] lines = source.Split('\n');

        Assert.Equal("#:project /core.csproj", lines[0]);
        Assert.Equal("#:property PublishAot=false", lines[1]);
        Assert.Equal("using MLNetCtr.Data;", lines[2]);
        Assert.DoesNotContain(lines, line => line.StartsWith("#r", StringComparison.Ordinal));
        Assert.True(Array.FindLastIndex(lines, l => l.StartsWith("using MLNetCtr", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.StartsWith("string directory", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_RunsAsAFileBasedApp(string notebook)
    {
        string root = RepositoryRoot();
        string directory = Path.Combine(AppContext.BaseDirectory, "notebook-apps");
        Directory.CreateDirectory(directory);
        string app = Path.Combine(directory, Path.GetFileNameWithoutExtension(notebook).Replace('-', '_') + ".cs");
        File.WriteAllText(app, NotebookProgram.Translate(Path.Combine(root, "notebooks", notebook), Path.Combine(root, "src", "MLNetCtr.Core", "MLNetCtr.Core.csproj")));

        (int exitCode, string output) = DotnetRun(app, directory);

        Assert.True(exitCode == 0, $"{notebook} (as {app}) exited with {exitCode}:\n{output}");
    }

    private static string[] NotebookNames() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot(), "notebooks"), "*.ipynb").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    private static (int ExitCode, string Output) DotnetRun(string app, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["run", "-c", "Release", app])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";   // leave no build server behind
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_hangLimit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet run {app} did not finish within {s_hangLimit.TotalMinutes} minutes.\n{stdout.Result}\n{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The folder holding MLNetCtr.sln, above the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MLNetCtr.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No MLNetCtr.sln above {AppContext.BaseDirectory}.");
    }
}
