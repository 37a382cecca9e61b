using System.Text.RegularExpressions;
using MLNetCtr.Cli.Commands;
using MLNetCtr.Cli.Tests.Browser;
using MLNetCtr.Models;

namespace MLNetCtr.Cli.Tests.Commands;

/// <summary>One small <c>mlnetctr demo</c> run, shared by the tests of its output.</summary>
public sealed class DemoRunFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public DemoRunFixture() => Run = CliRunner.Succeed("demo", "--out", OutputDirectory, "--rows", "4000", "--seed", "2");

    public CliRun Run { get; }

    public string OutputDirectory => _directory["demo"];

    public string ReportPath => Path.Combine(OutputDirectory, DemoCommand.ReportFileName);

    /// <summary>A fresh path in the fixture's directory.</summary>
    public string Scratch(string name) => _directory[Guid.NewGuid().ToString("N") + "-" + name];

    public void Dispose() => _directory.Dispose();
}

public sealed class DemoCommandTests(DemoRunFixture demo) : IClassFixture<DemoRunFixture>
{
    /// <summary>Two training-curve charts per model, and a ROC and a calibration chart per task (1 two-tower task, 3 ESMM tasks).</summary>
    private const int ExpectedCharts = 2 + 2 + (2 * 4);

    [Fact]
    public void Demo_SavesBothModelsThatLoadBack()
    {
        CtrPredictionModel twoTower = CtrPredictionModel.LoadFrom(Path.Combine(demo.OutputDirectory, "models", "parallel-two-tower.mlnetctr"));
        CtrPredictionModel esmm = CtrPredictionModel.LoadFrom(Path.Combine(demo.OutputDirectory, "models", "esmm.mlnetctr"));

        Assert.Equal("parallel-two-tower", twoTower.Family.Id);
        Assert.Equal(["ctr", "cvr", "ctcvr"], esmm.Tasks.Select(t => t.Name));
        Assert.NotEmpty(esmm.History);
    }

    [Fact]
    public void Demo_Stdout_ShowsProgressAndATableAgainstTheOraclePerModel()
    {
        string stdout = demo.Run.Stdout;

        Assert.Contains("Training parallel-two-tower", stdout);
        Assert.Contains("Training esmm", stdout);
        Assert.Contains("100%", stdout);
        Assert.Contains("parallel-two-tower: test split against the oracle", stdout);
        Assert.Contains("esmm: test split against the oracle", stdout);
        Assert.Matches(@"│\s*cvr\s*│\s*0\.\d{4}\s*│\s*0\.\d{4}", stdout);   // task, AUC, oracle AUC
        Assert.Contains($"Wrote the report to {demo.ReportPath}.", stdout);
        Assert.DoesNotContain('\u001b', stdout);
        Assert.Empty(demo.Run.Stderr);
    }

    [Fact]
    public void Report_IsSelfContained_WithEveryChartInline()
    {
        string html = File.ReadAllText(demo.ReportPath);

        Assert.Equal(ExpectedCharts, Regex.Count(html, "<svg "));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(src|href)\s*=", html);   // no external asset of any kind
        Assert.Contains("ROC curve: cvr", html);
        Assert.Contains("Calibration: ctcvr", html);
        Assert.Contains("Validation AUC", html);
    }

    [Fact]
    public void Report_InHeadlessChromium_RendersEveryChartWithoutConsoleErrors()
    {
        ChromiumRun dom = HeadlessChromium.DumpDom(demo.ReportPath);

        Assert.Equal(ExpectedCharts, Regex.Count(dom.Stdout, "<svg "));
        Assert.True(Regex.Count(dom.Stdout, "<polyline ") >= ExpectedCharts, "every chart draws at least one line");
        Assert.Empty(dom.ConsoleMessages);
    }

    [Fact]
    public void Report_Screenshot_ShowsTheSeriesColorsOnAVariedPage()
    {
        string png = demo.Scratch("report.png");

        ChromiumRun run = HeadlessChromium.Screenshot(demo.ReportPath, png, width: 1000, height: 1400);
        PngPixels pixels = PngPixels.Read(png);
        HashSet<int> colors = [.. pixels.Colors()];

        Assert.Empty(run.ConsoleMessages);
        Assert.Equal((1000, 1400), (pixels.Width, pixels.Height));
        Assert.True(colors.Count > 50, $"only {colors.Count} distinct colors: the page looks blank");
        Assert.Contains(0x0072b2, colors);   // first series (model) of the palette
        Assert.Contains(0xd55e00, colors);   // second series (oracle)
    }

    [Fact]
    public void Screenshot_OfABlankPage_IsOneColor_SoTheColorChecksCanFail()
    {
        string page = demo.Scratch("blank.html"), png = demo.Scratch("blank.png");
        File.WriteAllText(page, "<!DOCTYPE html><html><body style=\"background:#ffffff\"></body></html>");

        HeadlessChromium.Screenshot(page, png, width: 200, height: 100);

        Assert.Single(PngPixels.Read(png).Colors().Distinct());
    }

    [Fact]
    public void ConsoleMessages_OfAPageWithAScriptError_AreCaught()
    {
        string page = demo.Scratch("error.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><script>notDefined();</script></body></html>");

        ChromiumRun run = HeadlessChromium.DumpDom(page);

        Assert.Contains(run.ConsoleMessages, line => line.Contains("Uncaught ReferenceError", StringComparison.Ordinal));
    }

    [Fact]
    public void Demo_TooFewRows_IsAUsageErrorNamingTheValue()
    {
        CliRun run = CliRunner.Run("demo", "--out", demo.Scratch("small"), "--rows", "10");

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("--rows must be at least 1000", run.SingleErrorLine);
        Assert.Contains("got 10", run.SingleErrorLine);
    }
}
