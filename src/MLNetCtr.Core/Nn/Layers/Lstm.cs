using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// A single-layer LSTM over batch-first, left-aligned sequences (Hochreiter and Schmidhuber, 1997), with torch's
/// <c>nn.LSTM</c> gate order, parameter shapes and initialization, composed from primitive ops (so autograd derives
/// the backward through time):
/// <code>
///   [i f g o] = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh              (B, 4H)
///   c_t       = σ(f) ⊙ c_{t−1} + σ(i) ⊙ tanh(g)                      (B, H)
///   h_t       = σ(o) ⊙ tanh(c_t)                                     (B, H)
/// </code>
/// Row b has valid steps <c>0 … length_b − 1</c> and padding after them. Past its end a row's state is carried
/// unchanged, so the final state is its last valid one, and its outputs there are zero: what torch gives for a
/// <c>pack_padded_sequence</c> input. Input <c>(B, L, I)</c>; outputs <c>(B, L, H)</c> and final hidden state <c>(B, H)</c>.
/// </summary>
/// <remarks>Parameter names: <c>weight_ih</c> (4H, I), <c>weight_hh</c> (4H, H), <c>bias_ih</c> and <c>bias_hh</c> (4H), all U(±1/√H) as torch.</remarks>
public sealed class Lstm : Module
{
    /// <summary>Creates the layer and initializes it from <paramref name="random"/>.</summary>
    /// <param name="inputSize">I, the size of each step's input.</param>
    /// <param name="hiddenSize">H, the size of the hidden and cell states.</param>
    /// <param name="random">Source of the initial weights.</param>
    public Lstm(int inputSize, int hiddenSize, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        ArgumentNullException.ThrowIfNull(random);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        float bound = 1f / MathF.Sqrt(hiddenSize);
        WeightIh = RegisterParameter("weight_ih", Init.Uniform(Tensor.Parameter(new float[4 * hiddenSize * inputSize], [4 * hiddenSize, inputSize]), bound, random));
        WeightHh = RegisterParameter("weight_hh", Init.Uniform(Tensor.Parameter(new float[4 * hiddenSize * hiddenSize], [4 * hiddenSize, hiddenSize]), bound, random));
        BiasIh = RegisterParameter("bias_ih", Init.Uniform(Tensor.Parameter(new float[4 * hiddenSize], [4 * hiddenSize]), bound, random));
        BiasHh = RegisterParameter("bias_hh", Init.Uniform(Tensor.Parameter(new float[4 * hiddenSize], [4 * hiddenSize]), bound, random));
    }

    /// <summary>I, the size of each step's input.</summary>
    public int InputSize { get; }

    /// <summary>H, the size of the hidden and cell states.</summary>
    public int HiddenSize { get; }

    /// <summary>Input-to-gates weights W_ih, (4H, I), gates in the order input, forget, cell, output.</summary>
    public Tensor WeightIh { get; }

    /// <summary>Hidden-to-gates weights W_hh, (4H, H).</summary>
    public Tensor WeightHh { get; }

    /// <summary>Input-side gate bias b_ih, (4H).</summary>
    public Tensor BiasIh { get; }

    /// <summary>Hidden-side gate bias b_hh, (4H).</summary>
    public Tensor BiasHh { get; }

    /// <summary>
    /// Runs the sequences <paramref name="input"/> <c>(B, L, I)</c> of <paramref name="lengths"/> (each in [0, L]) from a
    /// zero state. Returns the outputs <c>(B, L, H)</c>, zero past each row's length, and each row's last valid hidden
    /// state <c>(B, H)</c> (zero for an empty row).
    /// </summary>
    public (Tensor Outputs, Tensor Hidden) Forward(Tensor input, int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lengths);
        if (input.Rank != 3 || input.Dim(2) != InputSize || lengths.Length != input.Dim(0))
        {
            throw new ArgumentException($"Lstm({InputSize} → {HiddenSize}) needs input (B, L, {InputSize}) and B lengths; got {Tensor.ShapeString(input.Shape)} and {lengths.Length} lengths.", nameof(input));
        }
        int b = input.Dim(0), l = input.Dim(1), h = HiddenSize;
        int longest = SequenceMasks.Longest(lengths, l);
        Tensor projected = Ops.MatMul(input, WeightIh, transposeB: true) + (BiasIh + BiasHh);   // (B, L, 4H), every step at once
        Tensor hidden = Tensor.Zeros(b, h), cell = Tensor.Zeros(b, h);                         // (B, H)
        var outputs = new Tensor[l];
        for (int t = 0; t < l; t++)
        {
            if (t >= longest)
            {
                outputs[t] = Tensor.Zeros(b, h);                                                // every row has ended
                continue;
            }
            Tensor gates = projected.Slice(1, t, 1).Reshape(b, 4 * h) + Ops.MatMul(hidden, WeightHh, transposeB: true);   // (B, 4H)
            Tensor[] g = Ops.Split(gates, [h, h, h, h], axis: 1);                             // i, f, g, o: (B, H) each
            Tensor nextCell = Ops.Sigmoid(g[1]) * cell + Ops.Sigmoid(g[0]) * Ops.Tanh(g[2]);   // (B, H)
            Tensor nextHidden = Ops.Sigmoid(g[3]) * Ops.Tanh(nextCell);                        // (B, H)
            if (SequenceMasks.AllValid(lengths, t))
            {
                (hidden, cell, outputs[t]) = (nextHidden, nextCell, nextHidden);
                continue;
            }
            Tensor valid = SequenceMasks.ValidAt(lengths, t);                                  // (B, 1): 1 while t < length
            outputs[t] = nextHidden * valid;                                                  // (B, H), zero past the end
            hidden = hidden + valid * (nextHidden - hidden);                                  // (B, H), carried past the end
            cell = cell + valid * (nextCell - cell);                                          // (B, H)
        }
        return (Ops.Concat(outputs, axis: 1).Reshape(b, l, h), hidden);                        // (B, L, H), (B, H)
    }
}
