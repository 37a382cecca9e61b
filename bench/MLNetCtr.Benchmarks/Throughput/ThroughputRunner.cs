using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNetCtr.Benchmarks.Throughput;

/// <summary>
/// The <c>throughput</c> mode: <c>throughput &lt;config|all&gt; [--threads N] [--out file.json] [--window seconds]</c>
/// (window: seconds per timed window and of the warm-up; default 1).
/// Each configuration runs in a fresh child process (its own peak memory; <c>DOTNET_PROCESSOR_COUNT</c> = threads, which
/// every parallel loop of the engine reads); each pass is warmed up, then timed over several windows, and the median
/// window's rate is reported. The JSON layout is the one <c>bench/pytorch/throughput.py</c> writes.
/// </summary>
public static class ThroughputRunner
{
    private const int Windows = 7;

    /// <summary>Runs the mode; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        string target = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        int threads = int.Parse(Option(args, "--threads") ?? Environment.ProcessorCount.ToString());
        double window = double.Parse(Option(args, "--window") ?? "1.0", System.Globalization.CultureInfo.InvariantCulture);
        string? output = Option(args, "--out");
        if (Option(args, "--child") is { } childOutput)
        {
            File.WriteAllText(childOutput, JsonSerializer.Serialize(Measure(ThroughputConfigs.Get(target), window), JsonSerializerOptions.Web));
            return 0;
        }
        IEnumerable<ThroughputConfig> configs = target == "all" ? ThroughputConfigs.All : [ThroughputConfigs.Get(target)];
        var results = new JsonArray();
        foreach (ThroughputConfig config in configs)
        {
            JsonNode result = RunChild(config.Id, threads, window);
            results.Add(result);
            Console.Error.WriteLine(Summary(result));
        }
        var report = new JsonObject { ["side"] = "mlnetctr", ["machine"] = Machine(threads), ["results"] = results };
        string json = report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        if (output is null)
        {
            Console.WriteLine(json);
        }
        else
        {
            File.WriteAllText(output, json);
        }
        return 0;
    }

    private static JsonNode RunChild(string id, int threads, double window)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path to start a child run from.");
        string output = Path.GetTempFileName();
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ThroughputRunner).Assembly.Location);
        }
        foreach (string a in (string[])["throughput", id, "--child", output, "--window", window.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["DOTNET_PROCESSOR_COUNT"] = threads.ToString();
        start.Environment["DOTNET_gcServer"] = "0";
        using Process child = Process.Start(start)!;
        child.StandardOutput.ReadToEnd();   // the setups' own remarks
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"Configuration '{id}' failed with exit code {child.ExitCode}.");
        }
        JsonNode result = JsonNode.Parse(File.ReadAllText(output))!;
        File.Delete(output);
        return result;
    }

    /// <summary>Builds the configuration and times each pass; returns its result object.</summary>
    private static ConfigResult Measure(ThroughputConfig config, double window)
    {
        var setup = Stopwatch.StartNew();
        IReadOnlyList<ThroughputPass> passes = config.CreatePasses();
        double setupSeconds = setup.Elapsed.TotalSeconds;
        var measured = passes.Select(p => Time(p, window)).ToList();
        using var process = Process.GetCurrentProcess();
        return new ConfigResult(config.Id, config.Batch, measured, process.PeakWorkingSet64 / (double)(1 << 20), setupSeconds,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }

    private static PassResult Time(ThroughputPass pass, double window)
    {
        var watch = Stopwatch.StartNew();
        int warmup = 0;
        while (warmup < 3 || watch.Elapsed.TotalSeconds < window)
        {
            pass.Run();
            warmup++;
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        int calls = 0;
        var rates = new List<double>();
        for (int w = 0; w < Windows; w++)
        {
            watch.Restart();
            int n = 0;
            do
            {
                pass.Run();
                n++;
            }
            while (watch.Elapsed.TotalSeconds < window);
            rates.Add(n * (double)pass.SamplesPerCall / watch.Elapsed.TotalSeconds);
            calls += n;
        }
        double median = rates.Order().ElementAt(rates.Count / 2);
        double allocatedPerCall = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)calls;
        return new PassResult(pass.Name, median, 1e6 / median, pass.FlopsPerSample, pass.FlopsPerSample * median / 1e9, rates, allocatedPerCall / (1 << 20));
    }

    private static JsonObject Machine(int threads) => new()
    {
        ["cpu"] = CpuModel(),
        ["cores"] = Environment.ProcessorCount,
        ["threads"] = threads,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["os"] = RuntimeInformation.OSDescription,
        ["vector512"] = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated,
        ["loadAverage"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
        ["date"] = DateTime.UtcNow.ToString("u"),
    };

    private static string CpuModel() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
        : RuntimeInformation.ProcessArchitecture.ToString();

    private static string Summary(JsonNode result) =>
        $"{result["config"]}: " + string.Join(", ", result["passes"]!.AsArray().Select(p =>
            $"{p!["name"]} {p["samplesPerSecond"]!.GetValue<double>():N0}/s ({p["gflops"]!.GetValue<double>():F1} GFLOP/s)"))
        + $", peak {result["peakMemoryMiB"]!.GetValue<double>():N0} MiB";

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>A pass's numbers: samples/s of the median window, µs per sample, FLOPs, GFLOP/s, every window, MiB allocated per call.</summary>
    private sealed record PassResult(string Name, double SamplesPerSecond, double MicrosecondsPerSample, double FlopsPerSample, double Gflops,
        IReadOnlyList<double> Windows, double AllocatedMiBPerCall);

    /// <summary>A configuration's passes, the process's peak working set, setup time and GC counts.</summary>
    private sealed record ConfigResult(string Config, int Batch, IReadOnlyList<PassResult> Passes, double PeakMemoryMiB, double SetupSeconds,
        int Gen0Collections, int Gen1Collections, int Gen2Collections);
}
