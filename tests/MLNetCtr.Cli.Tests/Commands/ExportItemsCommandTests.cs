using MLNetCtr.Serving;

namespace MLNetCtr.Cli.Tests.Commands;

public sealed class ExportItemsCommandTests(TwoTowerModelFixture data) : IClassFixture<TwoTowerModelFixture>
{
    [Fact]
    public void ExportItems_TrainingFile_WritesOneVectorPerDistinctItem()
    {
        string output = data.Scratch("items.safetensors");

        CliRun run = CliRunner.Succeed("export-items", "--model", data.ModelPath, "--items", data.File("train.csv"), "--out", output);

        ItemVectorTable items = ItemVectorTable.Load(output);
        int distinctItems = File.ReadLines(data.File("train.csv")).Skip(1).Select(line => line.Split(',')[ItemColumn()]).Distinct().Count();
        Assert.Equal(distinctItems, items.Count);
        Assert.Equal((8, "item_id", "two-tower"), (items.Width, items.KeyColumn, items.Family));
        Assert.Contains($"Wrote {distinctItems} item vectors of width 8", run.Stdout);
        Assert.Contains(Path.GetFullPath(output), run.Stdout);
    }

    [Fact]
    public void ExportItems_OtherKeyColumn_KeysByIt()
    {
        string output = data.Scratch("brands.safetensors");

        CliRunner.Succeed("export-items", "--model", data.ModelPath, "--items", data.File("train.csv"), "--out", output, "--key", "brand");

        ItemVectorTable items = ItemVectorTable.Load(output);
        Assert.Equal("brand", items.KeyColumn);
        Assert.Equal(items.Keys.Count, items.Keys.Distinct().Count());
    }

    [Fact]
    public void ExportItems_NotATwoTowerModel_IsOneLineNamingTheFamily()
    {
        CliRun run = CliRunner.Run("export-items", "--model", data.LogisticRegressionPath, "--items", data.File("train.csv"), "--out", data.Scratch("x.safetensors"));

        Assert.Equal(CliApp.Failure, run.ExitCode);
        Assert.Contains("logistic-regression", run.SingleErrorLine);
    }

    [Fact]
    public void ExportItems_UnknownKeyColumn_IsOneLineNamingIt()
    {
        CliRun run = CliRunner.Run("export-items", "--model", data.ModelPath, "--items", data.File("train.csv"), "--out", data.Scratch("x.safetensors"), "--key", "sku");

        Assert.Equal(CliApp.Failure, run.ExitCode);
        Assert.Contains("'sku'", run.SingleErrorLine);
    }

    [Fact]
    public void ExportItems_WithoutItems_IsAUsageError() =>
        Assert.Equal(CliApp.UsageError, CliRunner.Run("export-items", "--model", data.ModelPath, "--out", data.Scratch("x.safetensors")).ExitCode);

    private int ItemColumn() => Array.IndexOf(File.ReadLines(data.File("train.csv")).First().Split(','), "item_id");
}
