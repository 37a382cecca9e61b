using System.Text;
using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

public sealed class CsvRecordReaderTests
{
    private sealed record Records(List<long> Lines, List<string[]> Fields);

    private static Records ReadAll(string text, char delimiter = ',', int bufferChars = 1 << 16)
    {
        var csv = new CsvRecordReader(new StringReader(text), delimiter, bufferChars);
        var records = new Records([], []);
        while (csv.Read())
        {
            Assert.Null(csv.Malformed);
            records.Lines.Add(csv.LineNumber);
            records.Fields.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv[i].ToString()).ToArray());
        }
        return records;
    }

    [Fact]
    public void Read_CrLfAndLf_GiveTheSameFields()
    {
        var lf = ReadAll("a,b\n1,2\n");
        var crlf = ReadAll("a,b\r\n1,2\r\n");

        Assert.Equal(lf.Fields, crlf.Fields);
        Assert.Equal(lf.Lines, crlf.Lines);
        Assert.Equal(["1", "2"], lf.Fields[1]);
    }

    [Fact]
    public void Read_QuotedFields_HoldDelimitersQuotesAndLineBreaks()
    {
        var records = ReadAll("x,y\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",\"\"\r\nlast,row");

        Assert.Equal(["a,b", "say \"hi\""], records.Fields[1]);
        Assert.Equal(["two\r\nlines", ""], records.Fields[2]);
        Assert.Equal(["last", "row"], records.Fields[3]);
        Assert.Equal([1L, 2L, 3L, 5L], records.Lines);   // the quoted line break moves "last" to line 5
    }

    [Fact]
    public void Read_EmptyLinesAndTrailingEmptyField()
    {
        var records = ReadAll("a,b\n\n1,\r\n\r\n2,3");

        Assert.Equal([1L, 3L, 5L], records.Lines);
        Assert.Equal([["a", "b"], ["1", ""], ["2", "3"]], records.Fields);
    }

    [Fact]
    public void Read_QuoteInsideUnquotedField_IsLiteral()
    {
        Assert.Equal(["5\"", "x\"y"], ReadAll("5\",x\"y\n").Fields[0]);
    }

    [Fact]
    public void Read_TabDelimiter()
    {
        Assert.Equal(["a,b", "c"], ReadAll("a,b\tc\n", '\t').Fields[0]);
    }

    [Fact]
    public void Read_TinyBuffer_MatchesLargeBuffer_OnRandomQuotedRecords()
    {
        var random = new Random(7);
        var text = new StringBuilder();
        var expected = new List<string[]>();
        string alphabet = "ab,\"\r\n ";
        for (int r = 0; r < 300; r++)
        {
            string[] fields = Enumerable.Range(0, 4)
                .Select(_ => new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
                .ToArray();
            fields[0] = "r" + fields[0];   // no record may be a bare empty line
            expected.Add(fields);
            text.Append(string.Join(",", fields.Select(f => "\"" + f.Replace("\"", "\"\"") + "\""))).Append(r % 2 == 0 ? "\n" : "\r\n");
        }

        var small = ReadAll(text.ToString(), bufferChars: 16);
        var large = ReadAll(text.ToString());

        Assert.Equal(expected, small.Fields);
        Assert.Equal(large.Fields, small.Fields);
        Assert.Equal(large.Lines, small.Lines);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_MarksRecordMalformed_AndResumesAtNextLine()
    {
        var csv = new CsvRecordReader(new StringReader("\"ab\"c,d\nok,1\n"), ',');

        Assert.True(csv.Read());
        Assert.Contains("unexpected 'c' after the closing quote", csv.Malformed);
        Assert.Equal(0, csv.MalformedField);
        Assert.True(csv.Read());
        Assert.Null(csv.Malformed);
        Assert.Equal("ok", csv[0].ToString());
        Assert.Equal(2, csv.LineNumber);
    }

    [Fact]
    public void Read_UnclosedQuoteAtEnd_MarksRecordMalformed()
    {
        var csv = new CsvRecordReader(new StringReader("a,\"open\nstill open"), ',');

        Assert.True(csv.Read());
        Assert.Contains("not closed", csv.Malformed);
        Assert.Equal(1, csv.MalformedField);
        Assert.False(csv.Read());
    }
}
