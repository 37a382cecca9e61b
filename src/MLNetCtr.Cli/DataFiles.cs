using MLNetCtr.Data;

namespace MLNetCtr.Cli;

/// <summary>Loads data files and says what was loaded: one line per file (rows kept, rows skipped and why).</summary>
internal static class DataFiles
{
    /// <summary>Reads a training file, fits the encoder on it and encodes it.</summary>
    public static (CtrDataset Data, DataEncoder Encoder) LoadAndFit(CliContext context, string path, DatasetSchema schema, LoadOptions options)
    {
        (CtrDataset data, DataEncoder encoder) = CtrDataLoader.LoadAndFit(path, schema, options);
        Describe(context, data.Report);
        return (data, encoder);
    }

    /// <summary>Reads a file without encoding it (to split it before fitting).</summary>
    public static RawDataset ReadRaw(CliContext context, string path, DatasetSchema schema, LoadOptions options)
    {
        RawDataset raw = CtrDataLoader.ReadRaw(path, schema, options);
        Describe(context, raw.Report);
        return raw;
    }

    /// <summary>Reads and encodes a file with a fitted encoder.</summary>
    public static CtrDataset Load(CliContext context, string path, DataEncoder encoder, LoadOptions options)
    {
        CtrDataset data = CtrDataLoader.Load(path, encoder, options);
        Describe(context, data.Report);
        return data;
    }

    private static void Describe(CliContext context, LoadReport? report)
    {
        if (report is not null)
        {
            context.WriteLine(CliErrors.OneLine(report.ToString()));
        }
    }
}
