using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MLNetCtr.Data;
using MLNetCtr.Models;
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

    /// <summary>The encoded columns of <paramref name="data"/> as run.js inputs, named as the exporter names graph inputs, plus <paramref name="extra"/> inputs (e.g. BAHE's looked-up behavior vectors).</summary>
    public static string InputsJson(CtrColumns data, IEnumerable<(string Name, string Type, int[] Dims, Array Data)>? extra = null)
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
        foreach ((string name, string type, int[] dims, Array values) in extra ?? [])
        {
            inputs[name] = new { type, dims, data = (object)values };
        }
        return JsonSerializer.Serialize(inputs);
    }

    /// <summary>Runs <paramref name="modelPath"/> on <paramref name="inputsJson"/>; returns every output's values by name.</summary>
    public static Dictionary<string, float[]> Run(string modelPath, string inputsJson)
    {
        string inputsPath = Path.ChangeExtension(modelPath, ".inputs.json");
        File.WriteAllText(inputsPath, inputsJson);
        using JsonDocument json = JsonDocument.Parse(Node(modelPath, inputsPath));
        return Outputs(json.RootElement);
    }

    /// <summary>Runs every job (name, ONNX file, inputs JSON) in one node process; returns each job's outputs by job name.</summary>
    public static Dictionary<string, Dictionary<string, float[]>> RunBatch(IReadOnlyList<(string Name, string Model, string InputsJson)> jobs)
    {
        var list = new List<object>();
        foreach ((string name, string model, string inputsJson) in jobs)
        {
            string inputsPath = Path.ChangeExtension(model, ".inputs.json");
            File.WriteAllText(inputsPath, inputsJson);
            list.Add(new { name, model, inputs = inputsPath });
        }
        string jobsPath = Path.ChangeExtension(jobs[0].Model, ".jobs.json");
        File.WriteAllText(jobsPath, JsonSerializer.Serialize(list));
        using JsonDocument json = JsonDocument.Parse(Node("--batch", jobsPath));
        return json.RootElement.EnumerateObject().ToDictionary(o => o.Name, o => Outputs(o.Value));
    }

    private static Dictionary<string, float[]> Outputs(JsonElement outputs) => outputs.EnumerateObject().ToDictionary(
        o => o.Name,
        o => o.Value.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray());

    /// <summary>Runs <c>node tools/onnx-check/run.js first second</c>; returns its stdout, asserting exit code 0.</summary>
    private static string Node(string first, string second)
    {
        string root = RepositoryRoot;
        string script = Path.Combine(root, "tools", "onnx-check", "run.js");
        Assert.True(Directory.Exists(Path.Combine(root, "tools", "onnx-check", "node_modules", "onnxruntime-node")),
            "onnxruntime-node is not installed: run 'npm ci --ignore-scripts' in tools/onnx-check (.ci/run does).");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(first);
        start.ArgumentList.Add(second);
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"node run.js exited with {process.ExitCode}: {stderr.Result}");
        return stdout;
    }

    /// <summary>
    /// Asserts that ONNX Runtime's <paramref name="actual"/> outputs match <paramref name="expected"/> (per task, from
    /// our scoring) within <paramref name="tolerance"/>: every <c>&lt;task&gt;.Score</c>, and <c>&lt;task&gt;.Probability</c> for binary tasks.
    /// </summary>
    public static void AssertMatches(IReadOnlyList<CtrTask> tasks, float[][] expected, Dictionary<string, float[]> actual, Action<string> log, double tolerance = 1e-5)
    {
        for (int t = 0; t < tasks.Count; t++)
        {
            CtrTask task = tasks[t];
            Assert.True(actual.ContainsKey(task.Name + OnnxExporter.ScoreSuffix), $"No output {task.Name}{OnnxExporter.ScoreSuffix}; outputs: {string.Join(", ", actual.Keys)}");
            double scoreDiff = MaxAbsDifference(expected[t], actual[task.Name + OnnxExporter.ScoreSuffix]);
            log($"{task.Name}.Score max |diff| = {Format(scoreDiff)}");
            Assert.True(scoreDiff <= tolerance, $"{task.Name}.Score differs by {scoreDiff}");
            if (task.Kind == TaskKind.Binary)
            {
                float[] probabilities = [.. expected[t].Select(z => (float)(1 / (1 + Math.Exp(-z))))];
                double probabilityDiff = MaxAbsDifference(probabilities, actual[task.Name + OnnxExporter.ProbabilitySuffix]);
                Assert.True(probabilityDiff <= tolerance, $"{task.Name}.Probability differs by {probabilityDiff}");
            }
        }
    }

    /// <summary>Adds <c>0.2 · U(−0.5, 0.5)</c> to every parameter and buffer (so biases, norms and running statistics are not trivial), except fingerprints; running variances and regression scales only grow.</summary>
    public static void Perturb(MLNetCtr.Nn.Module network, int seed)
    {
        var random = new Random(seed);
        foreach ((string name, MLNetCtr.Tensors.Tensor tensor) in network.NamedParameters().Concat(network.NamedBuffers()))
        {
            if (name.EndsWith("Fingerprint", StringComparison.Ordinal))
            {
                continue;   // an identity (BAHE's behavior table), not a statistic
            }
            for (int i = 0; i < tensor.Size; i++)
            {
                float step = 0.2f * (float)(random.NextDouble() - 0.5);
                tensor.Data[i] += name.EndsWith("running_var", StringComparison.Ordinal) || name.EndsWith("scale", StringComparison.Ordinal) ? Math.Abs(step) : step;
            }
        }
    }

    /// <summary>Largest |a − b| over two equally long arrays.</summary>
    public static double MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        Assert.DoesNotContain(a, float.IsNaN);   // NaN would compare as no difference
        Assert.DoesNotContain(b, float.IsNaN);
        return a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
    }

    /// <summary>A number for test output.</summary>
    public static string Format(double value) => value.ToString("0.###e+0", CultureInfo.InvariantCulture);
}
