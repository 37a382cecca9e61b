using MLNetCtr.Models;
using MLNetCtr.Nn;

namespace MLNetCtr.Serving.Onnx;

/// <summary>
/// ONNX emitters of the shared layers, each computing what the layer's <c>Forward</c> computes in evaluation mode
/// (dropout off, batch norm on running statistics), with the same operation order where rounding could differ.
/// </summary>
internal static class OnnxLayers
{
    /// <summary><see cref="Nn.Linear"/> on <paramref name="x"/> <c>(B, in)</c>: <c>Gemm(x, W, b, transB)</c> → <c>(B, out)</c>.</summary>
    public static string Linear(this OnnxGraph g, Linear layer, string x, string name)
    {
        string weight = g.Parameter(layer.Weight, $"{name}.weight");
        string[] inputs = layer.Bias is null ? [x, weight] : [x, weight, g.Parameter(layer.Bias, $"{name}.bias")];
        return g.Node("Gemm", inputs, attributes: OnnxGraph.Attribute("transB", 1L));
    }

    /// <summary><see cref="Nn.Linear"/> on <paramref name="x"/> of any rank <c>(…, in)</c>: <c>x Wᵀ + b</c> → <c>(…, out)</c>.</summary>
    public static string LinearLastAxis(this OnnxGraph g, Linear layer, string x, string name)
    {
        string product = g.MatMul(x, g.Transpose(g.Parameter(layer.Weight, $"{name}.weight"), 1, 0));   // (…, out)
        return layer.Bias is null ? product : g.Add(product, g.Parameter(layer.Bias, $"{name}.bias"));
    }

    /// <summary>An element-wise <see cref="Nn.Activation"/>; GELU in its exact form <c>0.5 · x · (1 + erf(x / √2))</c> (ONNX's Gelu op needs opset 20).</summary>
    public static string Activation(this OnnxGraph g, Activation activation, string x) => activation switch
    {
        Nn.Activation.Relu => g.Node("Relu", [x]),
        Nn.Activation.Tanh => g.Node("Tanh", [x]),
        Nn.Activation.Sigmoid => g.Node("Sigmoid", [x]),
        Nn.Activation.Identity => x,
        Nn.Activation.Gelu => g.Mul(g.Mul(x, g.Constant("half", [0.5f])),
            g.Add(g.Node("Erf", [g.Mul(x, g.Constant("inverse_sqrt2", [1f / MathF.Sqrt(2f)]))]), g.Constant("one", [1f]))),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, $"Unknown activation {(int)activation}."),
    };

    /// <summary><see cref="BatchNorm1d"/> in evaluation mode on <c>(B, F)</c>: <c>(x − μ) · (1/√(σ² + ε)) · γ + β</c>.</summary>
    public static string BatchNorm(this OnnxGraph g, BatchNorm1d layer, string x, string name)
    {
        float[] inverseStd = layer.RunningVariance.Data.Select(v => 1f / MathF.Sqrt(v + layer.Epsilon)).ToArray();
        string normalized = g.Mul(g.Sub(x, g.Parameter(layer.RunningMean, $"{name}.running_mean")), g.Constant($"{name}.inverse_std", inverseStd, layer.Features));
        return g.Add(g.Mul(normalized, g.Parameter(layer.Weight, $"{name}.weight")), g.Parameter(layer.Bias, $"{name}.bias"));
    }

    /// <summary><see cref="Nn.LayerNorm"/> over the last axis: opset 17's <c>LayerNormalization</c>.</summary>
    public static string LayerNorm(this OnnxGraph g, LayerNorm layer, string x, string name)
    {
        string scale = layer.Weight is null ? g.Constant($"{name}.ones", Enumerable.Repeat(1f, layer.Dim).ToArray(), layer.Dim) : g.Parameter(layer.Weight, $"{name}.weight");
        string[] inputs = layer.Bias is null ? [x, scale] : [x, scale, g.Parameter(layer.Bias, $"{name}.bias")];
        return g.Node("LayerNormalization", inputs, attributes: [OnnxGraph.Attribute("axis", -1L), OnnxGraph.Attribute("epsilon", layer.Epsilon)]);
    }

    /// <summary><see cref="ParametricActivation"/> in evaluation mode: PReLU <c>relu(x) − α·relu(−x)</c>, Dice <c>x·(α + p·(1 − α))</c> with <c>p = σ(BN(x))</c>.</summary>
    public static string ParametricActivation(this OnnxGraph g, ParametricActivation activation, string x, string name)
    {
        string alpha = g.Parameter(activation.Alpha, $"{name}.alpha");
        if (activation.Norm is null)
        {
            return g.Sub(g.Node("Relu", [x]), g.Mul(alpha, g.Node("Relu", [g.Neg(x)])));
        }
        string p = g.Node("Sigmoid", [g.BatchNorm(activation.Norm, x, $"{name}.norm")]);
        return g.Mul(x, g.Add(alpha, g.Mul(p, g.Sub(g.Constant("one", [1f]), alpha))));
    }

    /// <summary><see cref="Nn.ParametricMlp"/> on <c>(N, in)</c>: Linear → parametric activation per hidden layer, then the output Linear.</summary>
    public static string ParametricMlp(this OnnxGraph g, ParametricMlp mlp, string x, string name)
    {
        string h = x;
        for (int i = 0; i < mlp.Linears.Count; i++)
        {
            h = g.ParametricActivation(mlp.Activations[i], g.Linear(mlp.Linears[i], h, $"{name}.linear.{i}"), $"{name}.activation.{i}");   // (N, H_i)
        }
        return g.Linear(mlp.Output, h, $"{name}.output");                                                                                    // (N, out)
    }

    /// <summary><see cref="Nn.Mlp"/> on <c>(B, in)</c>: per hidden block Linear → [BatchNorm] → activation (dropout is off), then the output Linear.</summary>
    public static string Mlp(this OnnxGraph g, Mlp mlp, string x, string name)
    {
        string h = x;
        for (int i = 0; i < mlp.Hidden.Count; i++)
        {
            MlpBlock block = mlp.Hidden[i];
            h = g.Linear(block.Linear, h, $"{name}.hidden.{i}.linear");                                          // (B, H_i)
            h = block.BatchNorm is null ? h : g.BatchNorm(block.BatchNorm, h, $"{name}.hidden.{i}.batchNorm");   // (B, H_i)
            h = g.Activation(block.Activation, h);                                                              // (B, H_i)
        }
        return mlp.Output is null ? h : g.Linear(mlp.Output, h, $"{name}.output");                              // (B, out)
    }
}
