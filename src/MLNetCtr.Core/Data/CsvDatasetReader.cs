namespace MLNetCtr.Data;

/// <summary>
/// Reads a delimited file into a <see cref="RawDataset"/>: matches schema columns to the file's column names (its header
/// row, or <see cref="DatasetSchema.FileColumns"/> for a file without one; extra file columns are ignored), feeds each record's fields to a <see cref="RawDatasetBuilder"/>, and turns
/// every problem into a <see cref="DataFormatException"/> naming the file, line and column, or, with
/// <see cref="LoadOptions.SkipBadRows"/>, skips the row and reports it.
/// </summary>
internal sealed class CsvDatasetReader
{
    private readonly string _source;
    private readonly LoadOptions _options;
    private readonly CsvRecordReader _csv;
    private readonly RawDatasetBuilder _builder;
    private readonly List<string> _errors = [];
    private readonly IReadOnlyList<string>? _fileColumns;
    private readonly GrowBuffer<long>? _lineNumbers;   // of the kept rows, with LoadOptions.RecordLineNumbers
    private string[] _header = [];
    private int[] _slotOfField = [];     // file column → builder slot, or −1 when not loaded
    private int[] _fieldOfSlot = [];     // builder slot → file column, or −1 when absent from the file
    private int[] _absentSlots = [];
    private int _skipped;

    public CsvDatasetReader(TextReader reader, string source, DatasetSchema schema, LoadOptions options)
    {
        options.Validate();
        _source = source;
        _options = options;
        _csv = new CsvRecordReader(reader, schema.Delimiter);
        _builder = new RawDatasetBuilder(schema);
        _fileColumns = schema.FileColumns;
        _lineNumbers = options.RecordLineNumbers ? new GrowBuffer<long>() : null;
    }

    /// <summary>Where the column names come from, for messages.</summary>
    private string HeaderSource => _fileColumns is null ? "the header" : "the schema's fileColumns";

    public RawDataset Read()
    {
        ReadHeader();
        while (_csv.Read())
        {
            ReadRecord();
        }
        if (_builder.RowCount == 0)
        {
            throw new DataFormatException(_source, 0, null, 0, _skipped == 0
                ? (_fileColumns is null ? "the file has a header but no data rows." : "the file has no data rows.")
                : $"all {_skipped} data rows were skipped; the first: {_errors.FirstOrDefault()}");
        }
        return _builder.Build(new LoadReport
        {
            FileName = _source,
            RowsLoaded = _builder.RowCount,
            RowsSkipped = _skipped,
            FirstErrors = _errors,
            CharactersRead = _csv.CharactersRead,
            LineNumbers = _lineNumbers?.ToArray(),
        });
    }

    private void ReadHeader()
    {
        if (_fileColumns is not null)
        {
            _header = [.. _fileColumns];
        }
        else if (!_csv.Read())
        {
            throw new DataFormatException(_source, 1, null, 0, "the file is empty; a header row naming the columns is expected.");
        }
        else
        {
            _header = new string[_csv.FieldCount];
            for (int i = 0; i < _header.Length; i++)
            {
                _header[i] = _csv[i].Trim().ToString();   // "click, user_id" names user_id
            }
        }
        _slotOfField = _header.Select(_builder.SlotOf).ToArray();
        _fieldOfSlot = new int[_builder.Slots.Count];
        for (int slot = 0; slot < _fieldOfSlot.Length; slot++)
        {
            _fieldOfSlot[slot] = FieldOfSlot(slot);
        }
        _absentSlots = Enumerable.Range(0, _fieldOfSlot.Length).Where(s => _fieldOfSlot[s] < 0).ToArray();
    }

    private int FieldOfSlot(int slot)
    {
        string name = _builder.Slots[slot].Column.Name;
        int field = Array.IndexOf(_header, name);
        if (field >= 0 && Array.IndexOf(_header, name, field + 1) is int again and >= 0)
        {
            throw new DataFormatException(_source, 1, name, again + 1, $"{HeaderSource} names column '{name}' twice (columns {field + 1} and {again + 1}).");
        }
        if (field < 0 && !_builder.IsOptional(slot, _options))
        {
            throw new DataFormatException(_source, 1, name, 0,
                $"{HeaderSource} has no column '{name}', which the schema requires. Header columns: {string.Join(", ", _header)}.");
        }
        return field;
    }

    private void ReadRecord()
    {
        int field = -1;
        try
        {
            if (_csv.Malformed is string reason)
            {
                field = _csv.MalformedField;
                throw new FieldFormatException(reason);
            }
            if (_csv.FieldCount != _header.Length)
            {
                field = Math.Min(_csv.FieldCount, _header.Length);
                throw new FieldFormatException($"expected {_header.Length} fields, as in {HeaderSource}, but found {_csv.FieldCount}.");
            }
            for (field = 0; field < _header.Length; field++)
            {
                if (_slotOfField[field] >= 0)
                {
                    _builder.Append(_slotOfField[field], _csv[field]);
                }
            }
            field = -1;
            foreach (int slot in _absentSlots)
            {
                _builder.AppendAbsent(slot);
            }
            _builder.CommitRow();
            _lineNumbers?.Add(_csv.LineNumber);
        }
        catch (FieldFormatException e)
        {
            _builder.RollbackRow();
            Reject(e.Slot is int slot ? _fieldOfSlot[slot] : field, e.Reason);
        }
    }

    private void Reject(int field, string reason)
    {
        string? name = field >= 0 && field < _header.Length ? _header[field] : null;
        var error = new DataFormatException(_source, _csv.LineNumber, name, field + 1, reason);
        if (!_options.SkipBadRows)
        {
            throw error;
        }
        _skipped++;
        if (_errors.Count < _options.MaxReportedErrors)
        {
            _errors.Add(error.Message);
        }
    }
}
