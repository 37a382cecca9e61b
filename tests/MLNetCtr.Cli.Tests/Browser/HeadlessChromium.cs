using System.Diagnostics;

namespace MLNetCtr.Cli.Tests.Browser;

/// <summary>What one headless Chromium run printed: its standard output and its log (standard error).</summary>
public sealed record ChromiumRun(string Stdout, string Log)
{
    /// <summary>
    /// The log lines of the page's console (<c>INFO:CONSOLE</c>, e.g. <c>"Uncaught ReferenceError…"</c>) and uncaught
    /// errors. A page without script prints none, so any such line means something went wrong.
    /// </summary>
    public IReadOnlyList<string> ConsoleMessages =>
        [.. Log.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal) || line.Contains("Uncaught", StringComparison.Ordinal))];
}

/// <summary>
/// Runs Debian's <c>chromium</c> headless (no sandbox: tests may run as root) with console logging on standard error.
/// Tests that need it fail, never skip, when it is missing: <c>.ci/run</c> installs it.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>A generous bound on one run, so a hung browser fails the test instead of hanging the suite.</summary>
    private static readonly TimeSpan s_hangLimit = TimeSpan.FromMinutes(2);

    /// <summary>The chromium executable on PATH; fails the test with what to install when there is none.</summary>
    public static string Executable()
    {
        string[] names = ["chromium", "chromium-browser"];
        string? found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(directory => names.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
        Assert.True(found is not null,
            "Headless Chromium is needed to check the demo report but neither 'chromium' nor 'chromium-browser' is on PATH. "
            + "Install Debian's package: apt-get update && apt-get install -y chromium (.ci/run does this).");
        return found!;
    }

    /// <summary>Saves a PNG screenshot of <paramref name="page"/> at <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    public static ChromiumRun Screenshot(string page, string png, int width, int height) =>
        Run($"--screenshot={png}", $"--window-size={width},{height}", new Uri(page).AbsoluteUri);

    /// <summary>Loads <paramref name="page"/> and prints its DOM after load (on <see cref="ChromiumRun.Stdout"/>).</summary>
    public static ChromiumRun DumpDom(string page) => Run("--dump-dom", new Uri(page).AbsoluteUri);

    private static ChromiumRun Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string profile = Path.Combine(Path.GetTempPath(), "mlnetctr-chromium-" + Guid.NewGuid().ToString("N"));
        foreach (string argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
            $"--user-data-dir={profile}", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            using Process process = Process.Start(start)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(s_hangLimit))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium {string.Join(' ', arguments)} did not finish within {s_hangLimit.TotalMinutes} minutes.");
            }
            Assert.True(process.ExitCode == 0, $"chromium {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stderr.Result}");
            return new ChromiumRun(stdout.Result, stderr.Result);
        }
        finally
        {
            if (Directory.Exists(profile))
            {
                Directory.Delete(profile, recursive: true);
            }
        }
    }
}
