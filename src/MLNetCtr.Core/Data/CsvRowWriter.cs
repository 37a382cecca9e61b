using System.Globalization;
using System.Text;

namespace MLNetCtr.Data;

/// <summary>
/// Writes a CSV file cell by cell: header first, numbers in the invariant culture (shortest round-trip form), UTF-8
/// without BOM, <c>\n</c> line ends, fields quoted (RFC 4180) only when they hold the delimiter, a quote or a line
/// break. Sequence cells join their elements with <see cref="SchemaDefaults.SequenceSeparator"/>. Each row must have
/// exactly one cell per header column.
/// </summary>
internal sealed class CsvRowWriter : IDisposable
{
    private const string Separator = SchemaDefaults.SequenceSeparator;
    private readonly StreamWriter _writer;
    private readonly char _delimiter;
    private readonly int _columns;
    private readonly StringBuilder _joined = new();
    private int _cell;

    public CsvRowWriter(string path, IReadOnlyList<string> header, char delimiter)
        : this(new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16), header, delimiter)
    {
    }

    /// <summary>Writes to <paramref name="stream"/>, which <see cref="Dispose"/> flushes but leaves open (for <c>AtomicFile.Write</c>).</summary>
    public CsvRowWriter(Stream stream, IReadOnlyList<string> header, char delimiter)
        : this(new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true), header, delimiter)
    {
    }

    private CsvRowWriter(StreamWriter writer, IReadOnlyList<string> header, char delimiter)
    {
        _writer = writer;
        _writer.NewLine = "\n";
        _delimiter = delimiter;
        _columns = header.Count;
        foreach (string name in header)
        {
            Text(name);
        }
        EndRow();
    }

    /// <summary>A text cell, quoted when needed.</summary>
    public void Text(string value)
    {
        StartCell();
        WriteEscaped(value);
    }

    /// <summary>A categorical token <c>prefix + id</c>, e.g. <c>u42</c>.</summary>
    public void Token(string prefix, int id)
    {
        StartCell();
        WriteToken(prefix, id);
    }

    /// <summary>An integer cell.</summary>
    public void Integer(int value) => Token("", value);

    /// <summary>A number cell in its shortest round-trip form.</summary>
    public void Number(float value)
    {
        StartCell();
        Span<char> buffer = stackalloc char[32];
        value.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture);
        _writer.Write(buffer[..written]);
    }

    /// <summary>A sequence of tokens <c>prefix + id</c>, oldest first; empty when <paramref name="ids"/> is.</summary>
    public void Tokens(string prefix, ReadOnlySpan<int> ids)
    {
        StartCell();
        for (int i = 0; i < ids.Length; i++)
        {
            if (i > 0)
            {
                _writer.Write(Separator);
            }
            WriteToken(prefix, ids[i]);
        }
    }

    /// <summary>A sequence of names looked up by id, oldest first.</summary>
    public void Names(IReadOnlyList<string> names, ReadOnlySpan<int> ids)
    {
        _joined.Clear();
        for (int i = 0; i < ids.Length; i++)
        {
            _joined.Append(i > 0 ? Separator : "").Append(names[ids[i]]);
        }
        Text(_joined.ToString());
    }

    /// <summary>A sequence of texts, oldest first, quoted as a whole when needed.</summary>
    public void Texts(IEnumerable<string> texts) => Text(string.Join(Separator, texts));

    /// <summary>Ends the row; throws if it does not have one cell per header column.</summary>
    public void EndRow()
    {
        if (_cell != _columns)
        {
            throw new InvalidOperationException($"A CSV row got {_cell} cells; the header has {_columns} columns.");
        }
        _writer.Write('\n');
        _cell = 0;
    }

    public void Dispose() => _writer.Dispose();

    private void StartCell()
    {
        if (_cell == _columns)
        {
            throw new InvalidOperationException($"A CSV row got more cells than the {_columns} header columns.");
        }
        if (_cell++ > 0)
        {
            _writer.Write(_delimiter);
        }
    }

    private void WriteToken(string prefix, int id)
    {
        Span<char> buffer = stackalloc char[12];
        id.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture);
        _writer.Write(prefix);
        _writer.Write(buffer[..written]);
    }

    private void WriteEscaped(string value)
    {
        if (value.AsSpan().IndexOfAny(_delimiter, '"', '\n') < 0 && !value.Contains('\r'))
        {
            _writer.Write(value);
            return;
        }
        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\""));
        _writer.Write('"');
    }
}
