using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

/// <summary>Every bad input names the file, the line and the column (name and 1-based index).</summary>
public sealed class DataFormatErrorTests
{
    private static readonly string Header = DataFiles.ClickHeader;

    private static DataFormatException LoadFails(string path, string text)
    {
        File.WriteAllText(path, text);
        return Assert.Throws<DataFormatException>(() => CtrDataLoader.ReadRaw(path, DataFiles.ClickSchema()));
    }

    private static void AssertNames(DataFormatException e, string path, long line, string? column, int columnNumber, string reasonPart)
    {
        Assert.Equal(path, e.FileName);
        Assert.Equal(line, e.LineNumber);
        Assert.Equal(column, e.ColumnName);
        Assert.Equal(columnNumber, e.ColumnNumber);
        Assert.StartsWith(path, e.Message);
        Assert.Contains($"line {line}", e.Message);
        if (column is not null)
        {
            Assert.Contains($"'{column}'", e.Message);
        }
        if (columnNumber > 0)
        {
            Assert.Contains($"column {columnNumber}", e.Message);
        }
        Assert.Contains(reasonPart, e.Message);
    }

    [Fact]
    public void UnparsableNumber()
    {
        string path = DataFiles.Write("");
        var e = LoadFails(path, DataFiles.Lines(Header, "1,u,a,,,1", "0,u,a,,,abc"));
        AssertNames(e, path, 3, "price", 6, "'abc' is not a number");
    }

    [Fact]
    public void InfiniteNumber()
    {
        string path = DataFiles.Write("");
        var e = LoadFails(path, DataFiles.Lines(Header, "0,u,a,,,Infinity"));
        AssertNames(e, path, 2, "price", 6, "'Infinity' is not a finite number");
    }

    [Fact]
    public void BinaryLabelOutsideZeroOne()
    {
        string path = DataFiles.Write("");
        var e = LoadFails(path, DataFiles.Lines(Header, "2,u,a,,,1"));
        AssertNames(e, path, 2, "click", 1, "'2' is not a binary value (0, 1, true or false; -1 reads as 0)");
    }

    [Fact]
    public void TooFewFields_NamesFirstMissingColumn()
    {
        string path = DataFiles.Write("");
        var e = LoadFails(path, DataFiles.Lines(Header, "1,u,a,,,1", "1,u,a,,"));
        AssertNames(e, path, 3, "price", 6, "expected 6 fields, as in the header, but found 5");
    }

    [Fact]
    public void TooManyFields_NamesColumnBeyondHeader()
    {
        string path = DataFiles.Write("");
        var e = LoadFails(path, DataFiles.Lines(Header, "1,u,a,,,1,extra"));
        AssertNames(e, path, 2, null, 7, "found 7");
    }

    [Fact]
    public void MissingSchemaColumn_InHeader()
    {
        string path = DataFiles.Write("");
        var e = LoadFails(path, DataFiles.Lines("click,user_id,item_id,hist_items,hist_types", "1,u,a,,"));
        AssertNames(e, path, 1, "price", 0, "the header has no column 'price'");
    }

    [Fact]
    public void DuplicateHeaderColumn()
    {
        string path = DataFiles.Write("");
        var e = LoadFails(path, DataFiles.Lines(Header + ",price", "1,u,a,,,1,2"));
        AssertNames(e, path, 1, "price", 7, "columns 6 and 7");
    }

    [Fact]
    public void EmptyFile()
    {
        string path = DataFiles.Write("");
        var e = LoadFails(path, "");
        AssertNames(e, path, 1, null, 0, "the file is empty");
    }

    [Fact]
    public void HeaderWithoutRows()
    {
        string path = DataFiles.Write("");
        var e = LoadFails(path, DataFiles.Lines(Header));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("no data rows", e.Message);
    }

    [Fact]
    public void MisalignedSideInfoSequence_NamesBothColumns()
    {
        string path = DataFiles.Write("");
        var e = LoadFails(path, DataFiles.Lines(Header, "1,u,a,i1|i2|i3,t1|t2|t3,1", "1,u,a,i1|i2,t1,1"));
        AssertNames(e, path, 3, "hist_types", 5, "sequence 'hist_types' has 1 elements but 'hist_items', which it is aligned with, has 2");
    }

    [Fact]
    public void MisalignedBeforeTruncation_IsStillAnError()
    {
        string path = DataFiles.Write("");
        var e = LoadFails(path, DataFiles.Lines(Header, "1,u,a,i1|i2|i3|i4|i5,t2|t3|t4|t5,1"));
        AssertNames(e, path, 2, "hist_types", 5, "has 4 elements");
    }

    [Fact]
    public void TextAfterClosingQuote()
    {
        string path = DataFiles.Write("");
        var e = LoadFails(path, DataFiles.Lines(Header, "1,\"u\"x,a,,,1"));
        AssertNames(e, path, 2, "user_id", 2, "unexpected 'x' after the closing quote");
    }

    [Fact]
    public void SkipBadRows_CountsAndReportsFirstReasons()
    {
        string path = DataFiles.Write(DataFiles.Lines(
            Header,
            "1,u,a,,,1",
            "7,u,a,,,1",
            "0,u,b,,,oops",
            "0,u,b,,",
            "0,u,c,,,3",
            "1,u,a,x|y,t,1"));

        RawDataset raw = CtrDataLoader.ReadRaw(path, DataFiles.ClickSchema(), new LoadOptions { SkipBadRows = true, MaxReportedErrors = 2 });

        Assert.Equal(2, raw.RowCount);
        LoadReport report = raw.Report!;
        Assert.Equal(2, report.RowsLoaded);
        Assert.Equal(4, report.RowsSkipped);
        Assert.Equal(2, report.FirstErrors.Count);
        Assert.Contains("line 3, column 1 'click'", report.FirstErrors[0]);
        Assert.Contains("line 4, column 6 'price'", report.FirstErrors[1]);
        Assert.Contains("4 skipped", report.ToString());
        Assert.Equal([1f, 0f], raw.Store.Labels["click"]);   // rows 2 and 6 only, nothing of the skipped rows left behind
        Assert.Equal(2, raw.Store.Sequences["hist_items"].Ids.Length / 3);
    }

    [Fact]
    public void SkipBadRows_RecordLineNumbers_GivesTheFileLineWhereEachKeptRowStarts()
    {
        string path = DataFiles.Write(DataFiles.Lines(
            Header,
            "1,u,a,,,1",          // line 2: kept
            "0,u,b,,,oops",       // line 3: skipped
            "",                   // line 4: empty, not a record
            "0,\"u",              // line 5: a quoted user id spanning two lines, kept
            "v\",c,,,3",
            "1,u,a,,,2"));        // line 7: kept
        var options = new LoadOptions { SkipBadRows = true, RecordLineNumbers = true };

        RawDataset raw = CtrDataLoader.ReadRaw(path, DataFiles.ClickSchema(), options);
        RawDataset unrecorded = CtrDataLoader.ReadRaw(path, DataFiles.ClickSchema(), options with { RecordLineNumbers = false });

        Assert.Equal(3, raw.RowCount);
        Assert.Equal([2L, 5L, 7L], raw.Report!.LineNumbers);
        Assert.Equal([1f, 0f, 1f], raw.Store.Labels["click"]);
        Assert.Null(unrecorded.Report!.LineNumbers);
    }

    [Fact]
    public void SkipBadRows_AllRowsBad_Throws()
    {
        string path = DataFiles.Write(DataFiles.Lines(Header, "9,u,a,,,1", "0,u,a,,,x"));
        var e = Assert.Throws<DataFormatException>(() => CtrDataLoader.ReadRaw(path, DataFiles.ClickSchema(), new LoadOptions { SkipBadRows = true }));
        Assert.Contains("all 2 data rows were skipped", e.Message);
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void EncodeRows_BadValue_NamesRowAndColumn()
    {
        (_, DataEncoder encoder) = DataFiles.LoadText(DataFiles.Lines(Header, "1,u,a,,,1"), DataFiles.ClickSchema());
        var rows = new[]
        {
            new Dictionary<string, string?> { ["price"] = "2" },
            new Dictionary<string, string?> { ["price"] = "two" },
        };
        var e = Assert.Throws<DataFormatException>(() => encoder.Encode(rows, "request 17"));
        Assert.Equal("request 17, line 2, column 'price': 'two' is not a number.", e.Message);
    }
}
