using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

/// <summary>Small schemas and CSV files for data-layer tests.</summary>
internal static class DataFiles
{
    /// <summary>click label; user, item (categorical); hist_items (sequence sharing item_id's vocabulary, max 3);
    /// hist_types aligned with it; price (numeric).</summary>
    public static DatasetSchema ClickSchema(int maxLength = 3, int minCount = 1) => new()
    {
        Columns =
        [
            new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
            new ColumnSchema { Name = "user_id", Side = FeatureSide.User },
            new ColumnSchema { Name = "item_id", Side = FeatureSide.Item, MinCount = minCount },
            new ColumnSchema { Name = "hist_items", Type = ColumnType.Sequence, Side = FeatureSide.User, Vocabulary = "item_id", MaxLength = maxLength, MinCount = minCount },
            new ColumnSchema { Name = "hist_types", Type = ColumnType.Sequence, Side = FeatureSide.User, AlignedWith = "hist_items", MaxLength = maxLength },
            new ColumnSchema { Name = "price", Type = ColumnType.Numeric, Side = FeatureSide.Item },
        ],
    };

    public const string ClickHeader = "click,user_id,item_id,hist_items,hist_types,price";

    /// <summary>Writes <paramref name="text"/> to a fresh temp file whose name ends with <paramref name="suffix"/>.</summary>
    public static string Write(string text, string suffix = ".csv")
    {
        string directory = Path.Combine(Path.GetTempPath(), "mlnetctr-data-tests");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"{Guid.NewGuid():N}{suffix}");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Joins lines with LF and ends with one.</summary>
    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    /// <summary>Reads CSV text (no file) with the given schema.</summary>
    public static RawDataset ReadText(string text, DatasetSchema schema, LoadOptions? options = null) =>
        CtrDataLoader.ReadRaw(new StringReader(text), "test.csv", schema, options);

    /// <summary>Reads, fits and encodes CSV text.</summary>
    public static (CtrDataset Data, DataEncoder Encoder) LoadText(string text, DatasetSchema schema)
    {
        RawDataset raw = ReadText(text, schema);
        DataEncoder encoder = DataEncoder.Fit(raw);
        return (encoder.Encode(raw), encoder);
    }

    /// <summary>A single-categorical-feature schema with a binary label.</summary>
    public static DatasetSchema Simple(params ColumnSchema[] features) => new()
    {
        Columns = [new ColumnSchema { Name = "y", Role = ColumnRole.Label, Type = ColumnType.Binary }, .. features],
    };

    /// <summary>A dataset of <paramref name="rows"/> rows with a label y = row % 2 and a categorical x = row.</summary>
    public static CtrDataset Numbered(int rows)
    {
        var lines = new List<string> { "y,x" };
        lines.AddRange(Enumerable.Range(0, rows).Select(i => $"{i % 2},{i}"));
        return LoadText(Lines([.. lines]), Simple(new ColumnSchema { Name = "x" })).Data;
    }
}
