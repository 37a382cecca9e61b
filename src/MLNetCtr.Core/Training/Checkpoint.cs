using System.Text.Json;
using MLNetCtr.Models;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Serialization;
using MLNetCtr.Tensors;

namespace MLNetCtr.Training;

/// <summary>
/// A resumable snapshot of a training run, in one safetensors file written atomically.
/// </summary>
/// <remarks>
/// <code>
/// *** checkpoint (safetensors) ***
/// "model.&lt;name&gt;"             current parameters and buffers (Module.NamedState: e.g. running_mean)
/// "best.&lt;name&gt;"              parameters and buffers of the best validation (only with restore-best)
/// "optimizer.&lt;kind&gt;.&lt;slot&gt;" optimizer state buffers (e.g. Adam's exp_avg.3)
/// __metadata__: "state"         JSON of the loop state (epoch, batch, step, best, history)
///               "optimizer"     JSON of the optimizer's step counts
/// </code>
/// </remarks>
internal static class Checkpoint
{
    private const string ModelPrefix = "model.";
    private const string BestPrefix = "best.";
    private const string OptimizerPrefix = "optimizer.";

    public static void Save(string path, CtrModel model, Optimizer optimizer, LoopState state, IReadOnlyDictionary<string, float[]>? best)
    {
        OptimizerState optimizerState = optimizer.CaptureState();
        var arrays = new List<NamedArray>();
        foreach ((string name, Tensor p) in model.NamedState())
        {
            arrays.Add(new NamedArray(ModelPrefix + name, p.ShapeArray, p.Data));
            if (best is not null)
            {
                arrays.Add(new NamedArray(BestPrefix + name, p.ShapeArray, best[name]));
            }
        }
        arrays.AddRange(optimizerState.Buffers.Select(b => b with { Name = OptimizerPrefix + b.Name }));
        var metadata = new Dictionary<string, string>
        {
            ["state"] = JsonSerializer.Serialize(state, s_json),
            ["optimizer"] = JsonSerializer.Serialize(new[] { optimizerState.StepCount }.Concat(optimizerState.ParameterSteps), s_json),
        };
        AtomicFile.Write(path, stream => SafeTensors.Write(stream, arrays, metadata));
    }

    public static (LoopState State, Dictionary<string, float[]>? Best) Load(string path, CtrModel model, Optimizer optimizer)
    {
        IReadOnlyList<NamedArray> arrays;
        IReadOnlyDictionary<string, string> metadata;
        try
        {
            using FileStream stream = File.OpenRead(path);
            (arrays, metadata) = SafeTensors.Read(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Checkpoint '{path}' cannot be read: {e.Message}", e);
        }
        var byName = arrays.ToDictionary(a => a.Name);
        Dictionary<string, float[]>? best = null;
        foreach ((string name, Tensor p) in model.NamedState())
        {
            Restore(path, byName, ModelPrefix + name, p).CopyTo(p.Data, 0);
            if (byName.ContainsKey(BestPrefix + name))
            {
                (best ??= [])[name] = Restore(path, byName, BestPrefix + name, p);
            }
        }
        long[] steps = JsonSerializer.Deserialize<long[]>(metadata["optimizer"], s_json)!;
        optimizer.RestoreState(new OptimizerState(steps[0], steps[1..],
            arrays.Where(a => a.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).Select(a => a with { Name = a.Name[OptimizerPrefix.Length..] }).ToList()));
        return (JsonSerializer.Deserialize<LoopState>(metadata["state"], s_json)!, best);
    }

    private static float[] Restore(string path, Dictionary<string, NamedArray> arrays, string name, Tensor tensor)
    {
        if (!arrays.TryGetValue(name, out NamedArray? saved))
        {
            throw new InvalidDataException($"Checkpoint '{path}' has no '{name}': it was written by a different model.");
        }
        if (!saved.Shape.AsSpan().SequenceEqual(tensor.Shape))
        {
            throw new InvalidDataException($"Checkpoint '{path}': '{name}' has shape {Tensor.ShapeString(saved.Shape)}, the model expects {Tensor.ShapeString(tensor.Shape)}.");
        }
        return saved.Data;
    }

    private static readonly JsonSerializerOptions s_json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
