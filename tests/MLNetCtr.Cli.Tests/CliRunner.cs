namespace MLNetCtr.Cli.Tests;

/// <summary>What one in-process run of the command line returned and printed.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The non-empty lines of standard error.</summary>
    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The single line of standard error; fails the test if there is not exactly one.</summary>
    public string SingleErrorLine => Assert.Single(ErrorLines);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs <see cref="CliApp.Run"/> in-process with captured output.</summary>
public static class CliRunner
{
    public static CliRun Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exitCode = CliApp.Run(args, stdout, stderr);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs and asserts exit code 0, showing the output when it is not.</summary>
    public static CliRun Succeed(params string[] args)
    {
        CliRun run = Run(args);
        Assert.True(run.ExitCode == CliApp.Success, run.ToString());
        return run;
    }
}

/// <summary>A temporary directory deleted with its contents on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlnetctr-cli-" + Guid.NewGuid().ToString("N"));

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose() => System.IO.Directory.Delete(Path, recursive: true);
}

/// <summary>Reads columns of the CSV files the generator writes (no quoting needed there).</summary>
public static class CsvColumns
{
    public static float[] Read(string path, string column)
    {
        string[] lines = File.ReadAllLines(path);
        int index = Array.IndexOf(lines[0].Split(','), column);
        Assert.True(index >= 0, $"{path} has no column {column}");
        return lines.Skip(1).Select(line => float.Parse(line.Split(',')[index], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>A copy of <paramref name="path"/> with the field <paramref name="column"/> of file line <paramref name="lineNumber"/> (1-based, header = 1) replaced.</summary>
    public static void WriteWithBadField(string path, string target, int lineNumber, string column, string value)
    {
        string[] lines = File.ReadAllLines(path);
        int index = Array.IndexOf(lines[0].Split(','), column);
        string[] fields = lines[lineNumber - 1].Split(',');
        fields[index] = value;
        lines[lineNumber - 1] = string.Join(',', fields);
        File.WriteAllLines(target, lines);
    }
}
