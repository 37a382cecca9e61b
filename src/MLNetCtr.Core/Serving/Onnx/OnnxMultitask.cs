using MLNetCtr.Nn;

namespace MLNetCtr.Serving.Onnx;

/// <summary>
/// ONNX emitters of the multi-task layers (experts, gates, MMoE, PLE) and of the probability-logit ops of ESMM/ESM2,
/// each computing what the layer's or op's <c>Forward</c> computes.
/// </summary>
internal static class OnnxMultitask
{
    /// <summary><see cref="ExpertGroup"/>: every expert on <c>(B, in)</c>, stacked → <c>(B, n, H)</c>.</summary>
    public static string Experts(this OnnxGraph g, ExpertGroup group, string x, string name)
    {
        string[] outputs = [.. group.Experts.Select((expert, i) => g.Mlp(expert, x, $"{name}.experts.{i}"))];   // n × (B, H)
        return g.Reshape(g.Concat(outputs, axis: 1), 0, outputs.Length, group.OutFeatures);                     // (B, n·H) → (B, n, H)
    }

    /// <summary><see cref="ExpertGate.Forward"/>: <c>Σ_i softmax(W x + b)_i · expert_i</c> → <c>(B, H)</c>.</summary>
    public static string Gate(this OnnxGraph g, ExpertGate gate, string gateInput, string experts, string name)
    {
        string weights = g.Unsqueeze(g.Softmax(g.Linear(gate.Linear, gateInput, $"{name}.linear")), 2);   // (B, n, 1)
        return g.ReduceSum(g.Mul(weights, experts), axis: 1);                                             // (B, H)
    }

    /// <summary><see cref="MixtureOfExperts.Forward"/>: T mixtures <c>(B, H)</c> of the experts over <c>(B, in)</c>.</summary>
    public static string[] MixtureOfExperts(this OnnxGraph g, MixtureOfExperts mixture, string x, string name)
    {
        string stacked = g.Experts(mixture.Experts, x, $"{name}.experts");                                  // (B, n, H)
        if (mixture.Gates is null)
        {
            string shared = g.Reshape(stacked, 0, mixture.OutFeatures);                                     // (B, H): the one expert
            return [.. Enumerable.Repeat(shared, mixture.Tasks)];
        }
        string[] mixtures = [.. mixture.Gates.Select((gate, t) => g.Gate(gate, x, stacked, $"{name}.gates.{t}"))];   // T × (B, H), or 1 shared
        return mixtures.Length == mixture.Tasks ? mixtures : [.. Enumerable.Repeat(mixtures[0], mixture.Tasks)];
    }

    /// <summary><see cref="ProgressiveLayeredExtraction.Forward"/>: T task outputs <c>(B, H)</c> over <c>(B, in)</c>.</summary>
    public static string[] Ple(this OnnxGraph g, ProgressiveLayeredExtraction ple, string x, string name)
    {
        string[] tasks = [.. Enumerable.Repeat(x, ple.Levels[0].Tasks)];
        string shared = x;
        for (int n = 0; n < ple.Levels.Count; n++)
        {
            PleLevel level = ple.Levels[n];
            string prefix = $"{name}.levels.{n}";
            string sharedExperts = g.Experts(level.SharedExperts, shared, $"{prefix}.sharedExperts");                               // (B, m_s, H)
            string[] own = [.. level.TaskExperts.Select((experts, k) => g.Experts(experts, tasks[k], $"{prefix}.taskExperts.{k}"))];   // T × (B, m_t, H)
            string[] next = [.. level.TaskGates.Select((gate, k) => g.Gate(gate, tasks[k], g.Concat([own[k], sharedExperts], axis: 1), $"{prefix}.taskGates.{k}"))];
            shared = level.SharedGate is null ? shared : g.Gate(level.SharedGate, shared, g.Concat([.. own, sharedExperts], axis: 1), $"{prefix}.sharedGate");
            tasks = next;
        }
        return tasks;
    }

    /// <summary><c>Ops.ProductLogit</c>: <c>logit(σ(a)·σ(b)) = −logΣexp(−a, −b, −a−b)</c>, element-wise.</summary>
    public static string ProductLogit(this OnnxGraph g, string a, string b)
    {
        string minusA = g.Neg(a), minusB = g.Neg(b);
        return g.Neg(g.LogSumExpLast(Stack(g, [minusA, minusB, g.Add(minusA, minusB)])));
    }

    /// <summary><c>Ops.MixtureLogit</c>: <c>logit(σ(gate)·σ(a) + σ(−gate)·σ(b))</c>, element-wise, in log space.</summary>
    public static string MixtureLogit(this OnnxGraph g, string gate, string a, string b)
    {
        string logGate = g.LogSigmoid(gate), logNotGate = g.LogSigmoid(g.Neg(gate));
        string logQ = g.LogSumExpLast(Stack(g, [g.Add(logGate, g.LogSigmoid(a)), g.Add(logNotGate, g.LogSigmoid(b))]));
        string logNotQ = g.LogSumExpLast(Stack(g, [g.Add(logGate, g.LogSigmoid(g.Neg(a))), g.Add(logNotGate, g.LogSigmoid(g.Neg(b)))]));
        return g.Sub(logQ, logNotQ);
    }

    /// <summary>Values of one shape S stacked along a new last axis: <c>(S…, n)</c>.</summary>
    private static string Stack(OnnxGraph g, string[] parts) => g.Concat([.. parts.Select(p => g.Unsqueeze(p, -1))], axis: -1);
}
