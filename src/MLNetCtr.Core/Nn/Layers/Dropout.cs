using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Inverted dropout (Srivastava et al., 2014), as torch's <c>nn.Dropout(p)</c>: in training mode each element is
/// zeroed with probability p and the others scaled by <c>1 / (1 − p)</c>; in evaluation mode the input passes
/// unchanged. Any shape in, the same shape out.
/// </summary>
public sealed class Dropout : Module
{
    private readonly DropoutMasks _masks;

    /// <summary>Creates the layer.</summary>
    /// <param name="probability">Probability p of zeroing an element, in [0, 1).</param>
    /// <param name="random">Source of the masks; a fixed seed gives the same sequence of masks on every run.</param>
    public Dropout(float probability, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(probability >= 0f && probability < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The dropout probability must be in [0, 1).");
        }
        Probability = probability;
        _masks = CreateDropoutMasks(random);
    }

    /// <summary>The probability p of zeroing an element.</summary>
    public float Probability { get; }

    /// <summary>Applies dropout in training mode; returns <paramref name="input"/> itself in evaluation mode or when p = 0.</summary>
    public Tensor Forward(Tensor input) => Ops.Dropout(input, Probability, IsTraining, _masks.Random);
}
