using System.Globalization;
using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

public sealed class SchemaInferenceTests
{
    /// <summary>
    /// 200 rows: id (unique), y (0/1), rating (decimal), count (heavy-tailed), level (5 integers), city (text),
    /// hist ('|'-joined), blank (always empty); delimited by <paramref name="delimiter"/>.
    /// </summary>
    private static string Table(char delimiter, bool header = true)
    {
        var lines = new List<string>();
        if (header)
        {
            lines.Add(string.Join(delimiter, "id", "y", "rating", "count", "level", "city", "hist", "blank"));
        }
        var random = new Random(5);
        for (int i = 0; i < 200; i++)
        {
            string count = ((int)Math.Exp(random.NextDouble() * random.NextDouble() * 12)).ToString(CultureInfo.InvariantCulture);
            string hist = string.Join('|', Enumerable.Range(0, 1 + i % 4).Select(k => $"i{(i + k) % 30}"));
            lines.Add(string.Join(delimiter, 1_000_000 + i, i % 3 == 0 ? 1 : 0, (random.NextDouble() * 5).ToString("F3", CultureInfo.InvariantCulture),
                i % 10 == 0 ? "" : count, i % 5, $"city{i % 40}", hist, ""));
        }
        return DataFiles.Lines([.. lines]);
    }

    private static InferredSchema Infer(string text, SchemaInferenceOptions? options = null) =>
        SchemaInference.Infer(new StringReader(text), options ?? new SchemaInferenceOptions { Labels = ["y"] });

    [Theory]
    [InlineData(',')]
    [InlineData('\t')]
    [InlineData(';')]
    public void Infer_DetectsTheDelimiter(char delimiter) => Assert.Equal(delimiter, Infer(Table(delimiter)).Schema.Delimiter);

    [Fact]
    public void Infer_GuessesEachColumnFromItsValues()
    {
        InferredSchema guess = Infer(Table(','), new SchemaInferenceOptions { Labels = ["y"], UserColumns = ["hist"], ItemColumns = ["city"] });
        DatasetSchema s = guess.Schema;

        Assert.Equal(200, guess.SampledRows);
        Assert.Null(s.FileColumns);
        Assert.Equal((ColumnRole.Label, ColumnType.Binary), (s["y"].Role, s["y"].Type));
        Assert.Equal((ColumnRole.Ignore, ColumnType.Numeric), (s["id"].Role, s["id"].Type));
        Assert.Equal((ColumnType.Numeric, NumericTransform.Standardize), (s["rating"].Type, s["rating"].Transform));
        Assert.Equal((ColumnType.Numeric, NumericTransform.Log), (s["count"].Type, s["count"].Transform));
        Assert.Equal((ColumnType.Categorical, 2), (s["level"].Type, s["level"].MinCount));
        Assert.Equal((ColumnType.Categorical, FeatureSide.Item), (s["city"].Type, s["city"].Side));
        Assert.Equal((ColumnType.Sequence, 4, FeatureSide.User), (s["hist"].Type, s["hist"].MaxLength, s["hist"].Side));
        Assert.Equal(ColumnRole.Ignore, s["blank"].Role);
        Assert.Contains("only 5 distinct", guess.Columns.Single(c => c.Column.Name == "level").Reason);
        Assert.Contains("skew", guess.Columns.Single(c => c.Column.Name == "count").Reason);
    }

    [Fact]
    public void Infer_NoHeader_NamesColumnsAndListsThemInFileColumns()
    {
        InferredSchema guess = Infer(Table('\t', header: false), new SchemaInferenceOptions { Labels = ["c1"], HasHeader = false });

        Assert.Equal(["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"], guess.Schema.FileColumns);
        Assert.Equal(200, guess.SampledRows);
        Assert.Equal(ColumnType.Binary, guess.Schema["c1"].Type);
    }

    [Fact]
    public void Infer_NonBinaryLabel_IsNumericRegression()
    {
        InferredSchema guess = Infer(Table(','), new SchemaInferenceOptions { Labels = ["rating"] });
        Assert.Equal((ColumnRole.Label, ColumnType.Numeric), (guess.Schema["rating"].Role, guess.Schema["rating"].Type));
    }

    [Fact]
    public void Infer_UnknownLabel_ListsTheFileColumns()
    {
        var e = Assert.Throws<ArgumentException>(() => Infer(Table(','), new SchemaInferenceOptions { Labels = ["click"] }));
        Assert.Contains("'click'", e.Message);
        Assert.Contains("id, y, rating", e.Message);
    }

    [Fact]
    public void Infer_SampleRows_LimitsWhatIsRead()
    {
        Assert.Equal(50, Infer(Table(','), new SchemaInferenceOptions { Labels = ["y"], SampleRows = 50 }).SampledRows);
    }

    [Fact]
    public void Infer_InconsistentLines_CannotDetectTheDelimiter()
    {
        var e = Assert.Throws<InvalidDataException>(() => Infer("a b\nc\n"));
        Assert.Contains("cannot detect the delimiter", e.Message);
    }

    [Fact]
    public void Infer_UnnamedHeaderColumn_IsNamedByPosition_AndAnEmptyLabelIsFlagged()
    {
        InferredSchema guess = Infer(DataFiles.Lines("y,,x", "1,2,a", ",3,b"));

        Assert.Equal(["y", "c1", "x"], guess.Columns.Select(c => c.Column.Name));
        Assert.Contains("1 empty, which training rejects", guess.Columns[0].Reason);
    }
}
