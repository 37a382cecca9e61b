using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

public sealed class HostRowWriterTests
{
    private static readonly DatasetSchema s_schema = new()
    {
        Columns =
        [
            new() { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
            new() { Name = "user", Side = FeatureSide.User },
            new() { Name = "item", Side = FeatureSide.Item },
            new() { Name = "price", Type = ColumnType.Numeric },
            new() { Name = "hist", Type = ColumnType.Sequence, Vocabulary = "item", MaxLength = 3 },
            new() { Name = "kinds", Type = ColumnType.Sequence, AlignedWith = "hist", MaxLength = 3 },
        ],
    };

    private static readonly HostColumn[] s_columns =
    [
        new("click", HostValueKind.Boolean), new("user", HostValueKind.Text), new("item", HostValueKind.Key),
        new("price", HostValueKind.Number), new("hist", HostValueKind.KeyList), new("kinds", HostValueKind.TextList),
    ];

    private const string Csv = """
        click,user,item,price,hist,kinds
        1,u1,3,2.5,3|1|2,a|b|a
        0,u2,,0.1,,
        1,u1,2,,2|2|2|1,b|b|a|c
        """;

    /// <summary>The CSV rows above, as a host would give them (keys are numbers, 0 missing).</summary>
    private static HostRowWriter WriteHostRows(HostRowWriter writer)
    {
        (bool Click, string User, ulong Item, double Price, uint[] Hist, string[] Kinds)[] rows =
        [
            (true, "u1", 3, 2.5, [3, 1, 2], ["a", "b", "a"]),
            (false, "u2", 0, 0.1, [], []),
            (true, "u1", 2, double.NaN, [2, 2, 2, 1], ["b", "b", "a", "c"]),
        ];
        foreach (var row in rows)
        {
            writer.SetBoolean(0, row.Click);
            writer.SetText(1, row.User);
            writer.SetKey(2, row.Item);
            writer.SetNumber(3, row.Price);
            writer.SetKeys(4, row.Hist);
            writer.SetTexts(5, row.Kinds.Select(k => k.AsMemory()).ToArray());
            writer.EndRow();
        }
        return writer;
    }

    [Fact]
    public void Rows_EncodeExactlyAsTheSameCsvRows()
    {
        RawDataset fromCsv = CtrDataLoader.ReadRaw(new StringReader(Csv), "rows.csv", s_schema);
        DataEncoder encoder = DataEncoder.Fit(fromCsv);

        CtrDataset expected = encoder.Encode(fromCsv);
        CtrDataset actual = encoder.Encode(WriteHostRows(new HostRowWriter(s_schema, s_columns, requireLabels: true, "rows")).ToRawDataset());

        Assert.Equal(expected.Labels["click"], actual.Labels["click"]);
        Assert.Equal(expected.Categorical["user"], actual.Categorical["user"]);
        Assert.Equal(expected.Categorical["item"], actual.Categorical["item"]);
        Assert.Equal(expected.Numeric["price"], actual.Numeric["price"]);
        foreach (string sequence in new[] { "hist", "kinds" })
        {
            Assert.Equal(expected.Sequences[sequence].Ids, actual.Sequences[sequence].Ids);
            Assert.Equal(expected.Sequences[sequence].Lengths, actual.Sequences[sequence].Lengths);
        }
    }

    [Fact]
    public void Rows_WithoutTheLabelColumn_GetNaNLabels()
    {
        var writer = new HostRowWriter(s_schema, s_columns[1..], requireLabels: false, "rows");
        writer.SetText(1, "u1");
        writer.SetKey(2, 3);
        writer.SetNumber(3, 1);
        writer.SetKeys(4, [1]);
        writer.SetTexts(5, ["a".AsMemory()]);
        writer.EndRow();

        RawDataset raw = writer.ToRawDataset();

        Assert.Equal(1, raw.RowCount);
        Assert.Null(writer.Slots[0].Host);
        Assert.True(float.IsNaN(DataEncoder.Fit(raw).Encode(raw).Labels["click"][0]));
    }

    [Fact]
    public void SetTexts_ElementHoldingTheSeparator_ThrowsNamingRowAndColumn()
    {
        var writer = new HostRowWriter(s_schema, s_columns, requireLabels: true, "IDataView");

        var e = Assert.Throws<DataFormatException>(() => writer.SetTexts(5, ["a|b".AsMemory()]));

        Assert.Equal("IDataView, line 1, column 'kinds': list element 0 'a|b' contains the separator '|' of the sequence column.", e.Message);
    }

    [Fact]
    public void EndRow_MisalignedSequences_ThrowsNamingBothColumns()
    {
        var writer = new HostRowWriter(s_schema, s_columns, requireLabels: true, "IDataView");
        writer.SetBoolean(0, true);
        writer.SetText(1, "u");
        writer.SetKey(2, 1);
        writer.SetNumber(3, 1);
        writer.SetKeys(4, [1, 2]);
        writer.SetTexts(5, ["a".AsMemory()]);

        var e = Assert.Throws<DataFormatException>(writer.EndRow);

        Assert.Contains("'kinds' has 1 elements but 'hist'", e.Message);
        Assert.Equal(0, writer.RowCount);
    }

    [Fact]
    public void EndRow_SlotNotSet_Throws()
    {
        var writer = new HostRowWriter(s_schema, s_columns, requireLabels: true, "IDataView");
        writer.SetBoolean(0, true);

        var e = Assert.Throws<InvalidOperationException>(writer.EndRow);

        Assert.Contains("column 'user' was not set", e.Message);
    }
}
