using System.Globalization;
using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Serving;

namespace MLNetCtr.Cli.Tests.Commands;

[Collection(LinearDataCollection.Name)]
public sealed class PredictCommandTests(LinearDataFixture data)
{
    [Fact]
    public void Predict_TestFile_WritesTheModelsScoresBitForBit()
    {
        string output = data.Scratch("predictions.csv");

        CliRun run = CliRunner.Succeed("predict", "--model", data.ModelPath, "--data", data.File("test.csv"), "--out", output);

        CtrPredictionModel model = CtrPredictionModel.LoadFrom(data.ModelPath);
        float[] expected = model.Score(model.Load(data.File("test.csv")))[0];
        (string[] header, string[][] rows) = ReadCsv(output);
        Assert.Equal(["Score", "Probability", "PredictedLabel"], header);
        Assert.Equal(expected, rows.Select(r => Parse(r[0])));
        Assert.Equal(expected.Select(s => 1f / (1f + MathF.Exp(-s))), rows.Select(r => Parse(r[1])));
        Assert.Equal(expected.Select(s => s > 0f ? "true" : "false"), rows.Select(r => r[2]));
        Assert.Contains($"Scored {expected.Length} rows for 1 task (click): wrote {Path.GetFullPath(output)}.", run.Stdout);
    }

    [Fact]
    public void Predict_FileWithoutLabelColumns_ScoresTheSameAsWithThem()
    {
        string withLabels = data.Scratch("with.csv"), withoutLabels = data.Scratch("without.csv"), unlabeled = data.Scratch("unlabeled.csv");
        WriteColumns(data.File("test.csv"), unlabeled, header => header.Where(c => c is not ("click" or "oracle_click")).ToArray());

        CliRunner.Succeed("predict", "--model", data.ModelPath, "--data", data.File("test.csv"), "--out", withLabels);
        CliRunner.Succeed("predict", "--model", data.ModelPath, "--data", unlabeled, "--out", withoutLabels);

        Assert.DoesNotContain("click", File.ReadLines(unlabeled).First());
        Assert.Equal(File.ReadAllText(withLabels), File.ReadAllText(withoutLabels));
    }

    [Fact]
    public void Predict_KeepId_CopiesItVerbatimBesideEachRowsScore()
    {
        string input = WithIds(data.File("test.csv"), data.Scratch("ids.csv"), row => row == 7 ? "\"r,7\"" : $"r{row}");
        string plain = data.Scratch("plain.csv"), kept = data.Scratch("kept.csv");

        CliRunner.Succeed("predict", "--model", data.ModelPath, "--data", input, "--out", plain);
        CliRunner.Succeed("predict", "--model", data.ModelPath, "--data", input, "--out", kept, "--keep", "id, user_id", "--batch-size", "100");

        string[] plainLines = File.ReadAllLines(plain), keptLines = File.ReadAllLines(kept), inputLines = File.ReadAllLines(input);
        Assert.Equal("id,user_id,Score,Probability,PredictedLabel", keptLines[0]);
        Assert.Equal(inputLines.Length, keptLines.Length);
        for (int line = 1; line < keptLines.Length; line++)
        {
            string[] source = inputLines[line].Split(',');
            string id = line == 7 ? "\"r,7\"" : $"r{line}", user = source[line == 7 ? 2 : 1];
            Assert.Equal($"{id},{user},{plainLines[line]}", keptLines[line]);   // a quoted id stays quoted; scores match the unbatched run
        }
    }

    [Fact]
    public void Predict_SkipBadRows_KeepsEachIdBesideItsOwnScore()
    {
        string input = WithIds(data.File("test.csv"), data.Scratch("ids.csv"), row => $"r{row}");
        string corrupted = data.Scratch("corrupted.csv"), all = data.Scratch("all.csv"), skipped = data.Scratch("skipped.csv");
        CsvColumns.WriteWithBadField(input, corrupted, lineNumber: 5, "item_price", "cheap");
        CliRunner.Succeed("predict", "--model", data.ModelPath, "--data", input, "--out", all, "--keep", "id");

        CliRun run = CliRunner.Succeed("predict", "--model", data.ModelPath, "--data", corrupted, "--out", skipped, "--keep", "id", "--skip-bad-rows");

        Dictionary<string, string> scoreOfId = ReadCsv(all).Rows.ToDictionary(r => r[0], r => r[1]);
        string[][] rows = ReadCsv(skipped).Rows;
        Assert.Equal(scoreOfId.Count - 1, rows.Length);
        Assert.DoesNotContain(rows, r => r[0] == "r4");   // file line 5 holds the fourth data row
        Assert.All(rows, r => Assert.Equal(scoreOfId[r[0]], r[1]));
        Assert.Contains("1 skipped", run.Stdout);
        Assert.Contains($"Scored {rows.Length} rows (1 bad rows skipped) for 1 task", run.Stdout);
    }

    [Fact]
    public void Predict_MultitaskModel_WritesOneColumnGroupPerTaskWithTheSkinsNames()
    {
        using var directory = new TempDirectory();
        CliRunner.Succeed("synth", "--scenario", "multitask", "--rows", "1500", "--seed", "3", "--out", directory.Path);
        CliRunner.Succeed("train", "--trainer", "mmoe", "--schema", directory["schema.json"], "--train", directory["train.csv"],
            "--model-out", directory["mmoe.mlnetctr"], "--set", "NumberOfEpochs=1");

        CliRunner.Succeed("predict", "--model", directory["mmoe.mlnetctr"], "--data", directory["test.csv"], "--out", directory["out.csv"]);

        CtrPredictionModel model = CtrPredictionModel.LoadFrom(directory["mmoe.mlnetctr"]);
        (string[] header, string[][] rows) = ReadCsv(directory["out.csv"]);
        Assert.Equal(["click.Score", "click.Probability", "click.PredictedLabel", "like.Score", "like.Probability", "like.PredictedLabel", "dwell_time.Score"], header);
        Assert.Equal(PredictionColumns.For(model.Tasks).Select(c => c.Name), header);
        float[][] expected = model.Score(model.Load(directory["test.csv"]));
        Assert.Equal(expected[0], rows.Select(r => Parse(r[0])));
        Assert.Equal(expected[1], rows.Select(r => Parse(r[3])));
        Assert.Equal(expected[2], rows.Select(r => Parse(r[6])));   // a regression task: its value, no probability
    }

    [Fact]
    public void Predict_UnknownKeepColumn_IsAUsageErrorListingTheFilesColumns()
    {
        CliRun run = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.File("test.csv"), "--out", data.Scratch("x.csv"), "--keep", "request_id");

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        string line = run.SingleErrorLine;
        Assert.Contains("'request_id'", line);
        Assert.Contains(data.File("test.csv"), line);
        Assert.Contains("user_id, age_bucket, gender", line);
    }

    [Fact]
    public void Predict_BadRowWithoutSkip_IsOneLineNamingFileLineAndColumn()
    {
        string corrupted = data.Scratch("bad.csv"), output = data.Scratch("never.csv");
        CsvColumns.WriteWithBadField(data.File("test.csv"), corrupted, lineNumber: 9, "item_price", "cheap");

        CliRun run = CliRunner.Run("predict", "--model", data.ModelPath, "--data", corrupted, "--out", output);

        Assert.Equal(CliApp.Failure, run.ExitCode);
        string line = run.SingleErrorLine;
        Assert.Contains($"{corrupted}, line 9, column", line);
        Assert.Contains("'item_price'", line);
        Assert.Contains("cheap", line);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--data")]
    [InlineData("--model")]
    public void Predict_OutNamesAnInputFile_IsAUsageErrorThatLeavesItIntact(string option)
    {
        string target = option == "--data" ? data.File("test.csv") : data.ModelPath;
        long length = new FileInfo(target).Length;

        CliRun run = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.File("test.csv"), "--out", target);

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains($"--out names the {option} file", run.SingleErrorLine);
        Assert.Equal(length, new FileInfo(target).Length);
    }

    [Fact]
    public void Predict_MissingFiles_AreOneLineNamingTheFile()
    {
        string missingModel = data.File("no-such-model.mlnetctr"), missingData = data.File("no-such-data.csv");

        CliRun noModel = CliRunner.Run("predict", "--model", missingModel, "--data", data.File("test.csv"), "--out", data.Scratch("a.csv"));
        CliRun noData = CliRunner.Run("predict", "--model", data.ModelPath, "--data", missingData, "--out", data.Scratch("b.csv"), "--keep", "user_id");

        Assert.Equal(CliApp.Failure, noModel.ExitCode);
        Assert.Contains(missingModel, noModel.SingleErrorLine);
        Assert.Equal(CliApp.Failure, noData.ExitCode);
        Assert.Contains(missingData, noData.SingleErrorLine);
    }

    [Fact]
    public void Predict_NonPositiveBatchSize_IsAUsageError()
    {
        CliRun run = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.File("test.csv"), "--out", data.Scratch("c.csv"), "--batch-size", "0");

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("--batch-size must be a positive number of rows, got 0.", run.SingleErrorLine);
    }

    private static float Parse(string cell) => float.Parse(cell, CultureInfo.InvariantCulture);

    /// <summary>The header and rows of a CSV file without quoted fields.</summary>
    private static (string[] Header, string[][] Rows) ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToArray());
    }

    /// <summary>A copy of <paramref name="source"/> with a first column <c>id</c> whose cell on data row r (1-based) is <paramref name="id"/>(r), written as given.</summary>
    private static string WithIds(string source, string target, Func<int, string> id)
    {
        string[] lines = File.ReadAllLines(source);
        File.WriteAllLines(target, lines.Select((line, i) => $"{(i == 0 ? "id" : id(i))},{line}"));
        return target;
    }

    /// <summary>A copy of <paramref name="source"/> (no quoted fields) holding only the columns <paramref name="choose"/> picks from its header.</summary>
    private static void WriteColumns(string source, string target, Func<string[], string[]> choose)
    {
        string[] lines = File.ReadAllLines(source);
        string[] header = lines[0].Split(',');
        int[] picked = choose(header).Select(name => Array.IndexOf(header, name)).ToArray();
        File.WriteAllLines(target, lines.Select(line => string.Join(',', picked.Select(i => line.Split(',')[i]))));
    }
}
