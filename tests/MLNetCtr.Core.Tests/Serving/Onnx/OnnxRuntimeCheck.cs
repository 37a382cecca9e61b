using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MLNetCtr.Data;
using MLNetCtr.Serving.Onnx;

namespace MLNetCtr.Tests.Serving.Onnx;

/// <summary>Runs an ONNX file with the real ONNX Runtime through <c>node tools/onnx-check/run.js</c>.</summary>
public static class OnnxRuntimeCheck
{
    /// <summary>The repository root: the nearest directory above the test binaries that holds MLNetCtr.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MLNetCtr.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException($"No MLNetCtr.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>The encoded columns of <paramref name="data"/> as run.js inputs, named as the exporter names graph inputs.</summary>
    public static string InputsJson(CtrColumns data)
    {
        var inputs = new Dictionary<string, object>();
        int b = data.RowCount;
        foreach ((string name, int[] ids) in data.Categorical)
        {
            inputs[name] = new { type = "int64", dims = new[] { b }, data = ids };
        }
        foreach ((string name, float[] values) in data.Numeric)
        {
            inputs[name] = new { type = "float32", dims = new[] { b }, data = values };
        }
        foreach ((string name, SequenceColumn sequence) in data.Sequences)
        {
            inputs[name] = new { type = "int64", dims = new[] { b, sequence.MaxLength }, data = sequence.Ids };
            inputs[name + OnnxExporter.LengthSuffix] = new { type = "int64", dims = new[] { b }, data = sequence.Lengths };
        }
        return JsonSerializer.Serialize(inputs);
    }

    /// <summary>Runs <paramref name="modelPath"/> on <paramref name="inputsJson"/>; returns every output's values by name.</summary>
    public static Dictionary<string, float[]> Run(string modelPath, string inputsJson)
    {
        string root = RepositoryRoot;
        string script = Path.Combine(root, "tools", "onnx-check", "run.js");
        Assert.True(Directory.Exists(Path.Combine(root, "tools", "onnx-check", "node_modules", "onnxruntime-node")),
            "onnxruntime-node is not installed: run 'npm ci --ignore-scripts' in tools/onnx-check (.ci/run does).");
        string inputsPath = Path.ChangeExtension(modelPath, ".inputs.json");
        File.WriteAllText(inputsPath, inputsJson);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(modelPath);
        start.ArgumentList.Add(inputsPath);
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"node run.js exited with {process.ExitCode}: {stderr.Result}");
        using JsonDocument json = JsonDocument.Parse(stdout);
        return json.RootElement.EnumerateObject().ToDictionary(
            o => o.Name,
            o => o.Value.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray());
    }

    /// <summary>Largest |a − b| over two equally long arrays.</summary>
    public static double MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
    }

    /// <summary>A number for test output.</summary>
    public static string Format(double value) => value.ToString("0.###e+0", CultureInfo.InvariantCulture);
}
