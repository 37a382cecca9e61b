using MLNetCtr.Nn;

namespace MLNetCtr.Text;

/// <summary>
/// Where each tensor of a Universal Sentence Encoder lite layer lies in the TensorFlow.js graph, and how it maps onto a
/// <see cref="PreNormTransformerLayer"/>. TensorFlow kernels are (in, out); our Linear weights are (out, in), so each is
/// transposed on load.
/// </summary>
internal static class UseLiteWeightMap
{
    public static void LoadLayer(TfjsWeights weights, PreNormTransformerLayer layer, string name, string apply, string variables)
    {
        string block = apply + name + "/TransformerLayer/", stack = apply + "TransformerStack/" + name + "/TransformerLayer/";
        const string ln = "layer_prepostprocess/layer_norm/layer_norm_", concat = "/ConcatPartitions/concat";
        LoadNorm(weights, layer.Norm1, block + ln + "scale" + concat, block + ln + "bias" + concat);
        LoadDense(weights, layer.Qkv, variables + name + "/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0",
            block + "MultiheadAttention/qkv_transform_single/bias" + concat);
        LoadDense(weights, layer.Output, variables + name + "/TransformerLayer/MultiheadAttention/output_transform_single/kernel/part_0",
            block + "MultiheadAttention/output_transform_single/bias" + concat);
        if (layer.Residual is not null)
        {
            LoadDense(weights, layer.Residual, block + "dense/kernel" + concat, block + "dense/bias" + concat);
        }
        LoadNorm(weights, layer.Norm2, block + "FFN/" + ln + "scale" + concat, block + "FFN/" + ln + "bias" + concat);
        LoadDense(weights, layer.FeedForward1, stack + "FFN/conv1/Tensordot/Reshape_1", block + "FFN/conv1/bias" + concat);
        LoadDense(weights, layer.FeedForward2, stack + "FFN/conv2/Tensordot/Reshape_1", block + "FFN/conv2/bias" + concat);
    }

    /// <summary>Copies a TensorFlow (in, out) kernel, possibly with leading 1×1 dims, transposed into W (out, in), and the bias.</summary>
    public static void LoadDense(TfjsWeights weights, Linear linear, string kernelName, string biasName)
    {
        int inputs = linear.InFeatures, outputs = linear.OutFeatures;
        float[] kernel = kernelName.EndsWith("part_0", StringComparison.Ordinal)
            ? weights.Get(kernelName, 1, 1, inputs, outputs)
            : weights.Get(kernelName, inputs, outputs);
        float[] w = linear.Weight.Data;
        for (int i = 0; i < inputs; i++)
        {
            for (int o = 0; o < outputs; o++)
            {
                w[o * inputs + i] = kernel[i * outputs + o];
            }
        }
        weights.Get(biasName, outputs).CopyTo(linear.Bias!.Data, 0);
    }

    private static void LoadNorm(TfjsWeights weights, LayerNorm norm, string scaleName, string biasName)
    {
        weights.Get(scaleName, norm.Dim).CopyTo(norm.Weight!.Data, 0);
        weights.Get(biasName, norm.Dim).CopyTo(norm.Bias!.Data, 0);
    }
}
