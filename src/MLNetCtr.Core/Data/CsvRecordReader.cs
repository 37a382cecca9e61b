using System.Buffers;

namespace MLNetCtr.Data;

/// <summary>
/// Streams the records of a delimited file (RFC 4180): fields split on the delimiter; records end at LF or CRLF; a field
/// in double quotes may hold delimiters, line breaks and doubled quotes (<c>""</c> reads as <c>"</c>). A quote inside an
/// unquoted field is an ordinary character. Empty lines are skipped, as is a UTF-8 byte order mark (U+FEFF) at the start
/// of the input that the text reader kept. Fields are spans into one reused char buffer, valid
/// until the next <see cref="Read"/>, so reading allocates nothing per field.
/// </summary>
/// <remarks>
/// A record is parsed once it lies wholly in the buffer: when it runs past the end of the data read so far, the
/// unconsumed tail moves to the front, more is read (the buffer doubles if the record fills it), and the record is
/// parsed again from its start. Doubled quotes are collapsed in place only after the record parsed completely, so a
/// re-parse never sees a modified record. A quote problem does not throw: the record is marked
/// <see cref="Malformed"/> so that the caller can skip or report it.
/// </remarks>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly SearchValues<char> _fieldStops;
    private char[] _buffer;
    private int _start;   // first unconsumed char
    private int _end;     // end of the chars read so far
    private bool _endOfInput;
    private long _nextLine = 1;
    private int[] _fieldStarts = new int[64];
    private int[] _fieldLengths = new int[64];
    private Quoting[] _fieldQuoting = new Quoting[64];

    private enum Quoting : byte
    {
        None,
        Quoted,
        QuotedWithDoubledQuotes,
    }

    public CsvRecordReader(TextReader reader, char delimiter, int bufferChars = DataDefaults.ReadBufferChars)
    {
        if (delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException($"The delimiter cannot be a quote or a line break (got U+{(int)delimiter:X4}).", nameof(delimiter));
        }
        _reader = reader;
        _delimiter = delimiter;
        _fieldStops = SearchValues.Create([delimiter, '\n']);
        _buffer = new char[Math.Max(bufferChars, 16)];
    }

    /// <summary>1-based line on which the current record starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>Why the current record's quoting is broken, or null when it is well formed.</summary>
    public string? Malformed { get; private set; }

    /// <summary>0-based field where <see cref="Malformed"/> was found.</summary>
    public int MalformedField { get; private set; }

    /// <summary>Characters read from the input so far.</summary>
    public long CharactersRead { get; private set; }

    /// <summary>Field <paramref name="index"/> of the current record, unquoted.</summary>
    public ReadOnlySpan<char> this[int index] => _buffer.AsSpan(_fieldStarts[index], _fieldLengths[index]);

    /// <summary>Moves to the next non-empty record; false at the end of the input.</summary>
    public bool Read()
    {
        while (true)
        {
            if (_start == _end && _endOfInput)
            {
                return false;
            }
            if (!TryParseRecord(out int next, out long lineBreaksInQuotes))
            {
                Refill();
                continue;
            }
            _start = next;
            LineNumber = _nextLine;
            _nextLine += 1 + lineBreaksInQuotes;
            if (FieldCount == 1 && _fieldLengths[0] == 0 && _fieldQuoting[0] == Quoting.None)
            {
                continue;   // an empty line
            }
            CollapseDoubledQuotes();
            return true;
        }
    }

    /// <summary>
    /// Splits the record starting at <c>_start</c> into fields; false when it runs past the data read so far (and the
    /// input has more). <paramref name="next"/> is where the following record starts.
    /// </summary>
    private bool TryParseRecord(out int next, out long lineBreaksInQuotes)
    {
        next = 0;
        lineBreaksInQuotes = 0;
        Malformed = null;
        FieldCount = 0;
        int p = _start;
        while (true)
        {
            if (p < _end && _buffer[p] == '"')
            {
                if (!TryParseQuotedField(ref p, ref lineBreaksInQuotes, out bool recordEnds))
                {
                    return false;
                }
                if (recordEnds)
                {
                    next = p;
                    return true;
                }
                continue;
            }
            int stop = _buffer.AsSpan(p, _end - p).IndexOfAny(_fieldStops);
            if (stop < 0)
            {
                if (!_endOfInput)
                {
                    return false;
                }
                AddField(p, WithoutCarriageReturn(p, _end), Quoting.None);
                next = _end;
                return true;
            }
            stop += p;
            if (_buffer[stop] == _delimiter)
            {
                AddField(p, stop - p, Quoting.None);
                p = stop + 1;
                continue;
            }
            AddField(p, WithoutCarriageReturn(p, stop), Quoting.None);
            next = stop + 1;
            return true;
        }
    }

    /// <summary>
    /// Parses the quoted field whose opening quote is at <paramref name="p"/> and what follows it; on success
    /// <paramref name="p"/> is past the delimiter or line break. False when more input is needed.
    /// </summary>
    private bool TryParseQuotedField(ref int p, ref long lineBreaks, out bool recordEnds)
    {
        recordEnds = false;
        int contentStart = p + 1, q = contentStart;
        bool doubled = false;
        while (true)
        {
            int quote = _buffer.AsSpan(q, _end - q).IndexOf('"');
            if (quote < 0)
            {
                if (!_endOfInput)
                {
                    return false;
                }
                lineBreaks += _buffer.AsSpan(contentStart, _end - contentStart).Count('\n');
                AddField(contentStart, _end - contentStart, doubled ? Quoting.QuotedWithDoubledQuotes : Quoting.Quoted);
                MarkMalformed("a quoted field is not closed before the end of the input.");
                p = _end;
                recordEnds = true;
                return true;
            }
            q += quote;
            if (q + 1 == _end && !_endOfInput)
            {
                return false;   // a doubled quote or the closing one: the next char decides
            }
            if (q + 1 < _end && _buffer[q + 1] == '"')
            {
                doubled = true;
                q += 2;
                continue;
            }
            break;
        }
        lineBreaks += _buffer.AsSpan(contentStart, q - contentStart).Count('\n');
        AddField(contentStart, q - contentStart, doubled ? Quoting.QuotedWithDoubledQuotes : Quoting.Quoted);
        p = q + 1;
        return TryEndQuotedField(ref p, out recordEnds);
    }

    /// <summary>After a closing quote: a delimiter, a line break, the end of input, or (malformed) anything else.</summary>
    private bool TryEndQuotedField(ref int p, out bool recordEnds)
    {
        recordEnds = true;
        if (p == _end)
        {
            return true;   // the end of the input (otherwise the caller would have asked for more)
        }
        char c = _buffer[p];
        if (c == _delimiter || c == '\n')
        {
            recordEnds = c == '\n';
            p++;
            return true;
        }
        if (c == '\r')
        {
            if (p + 1 == _end)
            {
                p++;
                return _endOfInput;
            }
            if (_buffer[p + 1] == '\n')
            {
                p += 2;
                return true;
            }
        }
        MarkMalformed($"unexpected '{c}' after the closing quote of a quoted field.");
        int stop = _buffer.AsSpan(p, _end - p).IndexOfAny(_fieldStops);
        if (stop < 0)
        {
            p = _end;
            return _endOfInput;
        }
        recordEnds = _buffer[p + stop] == '\n';
        p += stop + 1;
        return true;
    }

    private int WithoutCarriageReturn(int start, int end) => end > start && _buffer[end - 1] == '\r' ? end - start - 1 : end - start;

    private void MarkMalformed(string reason)
    {
        if (Malformed is null)
        {
            Malformed = reason;
            MalformedField = FieldCount - 1;
        }
    }

    private void AddField(int start, int length, Quoting quoting)
    {
        if (FieldCount == _fieldStarts.Length)
        {
            Array.Resize(ref _fieldStarts, FieldCount * 2);
            Array.Resize(ref _fieldLengths, FieldCount * 2);
            Array.Resize(ref _fieldQuoting, FieldCount * 2);
        }
        _fieldStarts[FieldCount] = start;
        _fieldLengths[FieldCount] = length;
        _fieldQuoting[FieldCount] = quoting;
        FieldCount++;
    }

    /// <summary>Turns each <c>""</c> inside a quoted field into <c>"</c>, in place (the field only shrinks).</summary>
    private void CollapseDoubledQuotes()
    {
        for (int i = 0; i < FieldCount; i++)
        {
            if (_fieldQuoting[i] != Quoting.QuotedWithDoubledQuotes)
            {
                continue;
            }
            Span<char> field = _buffer.AsSpan(_fieldStarts[i], _fieldLengths[i]);
            int written = 0;
            for (int read = 0; read < field.Length; read++)
            {
                field[written++] = field[read];
                if (field[read] == '"')
                {
                    read++;   // inside quoted content every quote is doubled
                }
            }
            _fieldLengths[i] = written;
        }
    }

    /// <summary>Moves the unconsumed tail to the front, grows the buffer if a record fills it, and reads more.</summary>
    private void Refill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }
        int read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfInput = true;
        }
        if (CharactersRead == 0 && read > 0 && _buffer[_end] == '\uFEFF')
        {
            _start++;   // a byte order mark is not data
        }
        _end += read;
        CharactersRead += read;
    }
}
