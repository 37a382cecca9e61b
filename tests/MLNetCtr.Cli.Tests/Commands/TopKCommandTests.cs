using System.Globalization;
using MLNetCtr.Serving;

namespace MLNetCtr.Cli.Tests.Commands;

public sealed class TopKCommandTests(TwoTowerModelFixture data) : IClassFixture<TwoTowerModelFixture>
{
    [Fact]
    public void TopK_PrintsKItemsPerRequest_BestFirst()
    {
        string items = Export();

        CliRun run = CliRunner.Succeed("topk", "--model", data.ModelPath, "--items", items, "--users", data.RequestsPath, "-k", "5");

        string[] lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("request,rank,item_id,score,probability", lines[0]);
        Assert.Equal(1 + TwoTowerModelFixture.Requests * 5, lines.Length);
        string[][] rows = [.. lines.Skip(1).Select(l => l.Split(','))];
        for (int request = 1; request <= TwoTowerModelFixture.Requests; request++)
        {
            string[][] mine = [.. rows.Where(r => r[0] == request.ToString(CultureInfo.InvariantCulture))];
            float[] scores = [.. mine.Select(r => float.Parse(r[3], CultureInfo.InvariantCulture))];
            Assert.Equal(["1", "2", "3", "4", "5"], mine.Select(r => r[1]));
            Assert.Equal(scores.OrderDescending(), scores);
            Assert.Equal(5, mine.Select(r => r[2]).Distinct().Count());
        }
    }

    [Fact]
    public void TopK_Out_WritesTheCsvAndSaysWhere()
    {
        string output = data.Scratch("top.csv");

        CliRun run = CliRunner.Succeed("topk", "--model", data.ModelPath, "--items", Export(), "--users", data.RequestsPath, "-k", "2", "--out", output);

        Assert.Equal(1 + TwoTowerModelFixture.Requests * 2, File.ReadAllLines(output).Length);
        Assert.Contains(Path.GetFullPath(output), run.Stdout);
        Assert.Contains("(click)", run.Stdout);
    }

    [Fact]
    public void TopK_ItemVectorsOfAnotherModel_IsOneLineSayingSo()
    {
        string foreign = data.Scratch("foreign.safetensors");
        new ItemVectorTable(["a", "b"], new float[6], 3, "parallel-two-tower", "item_id").Save(foreign);

        CliRun run = CliRunner.Run("topk", "--model", data.ModelPath, "--items", foreign, "--users", data.RequestsPath);

        Assert.Equal(CliApp.Failure, run.ExitCode);
        Assert.Contains("do not belong", run.SingleErrorLine);
        Assert.Contains("width 3", run.SingleErrorLine);
    }

    [Fact]
    public void TopK_ZeroK_IsAUsageError()
    {
        CliRun run = CliRunner.Run("topk", "--model", data.ModelPath, "--items", Export(), "--users", data.RequestsPath, "-k", "0");

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("-k", run.SingleErrorLine);
    }

    [Fact]
    public void TopK_UnknownTask_IsOneLineListingTheTasks()
    {
        CliRun run = CliRunner.Run("topk", "--model", data.ModelPath, "--items", Export(), "--users", data.RequestsPath, "--task", "buy");

        Assert.Equal(CliApp.Failure, run.ExitCode);
        Assert.Contains("click", run.SingleErrorLine);
    }

    private string Export()
    {
        string path = data.Scratch("items.safetensors");
        CliRunner.Succeed("export-items", "--model", data.ModelPath, "--items", data.File("train.csv"), "--out", path);
        return path;
    }
}
