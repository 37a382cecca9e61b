namespace MLNetCtr.Nn;

/// <summary>Where a transformer layer normalizes, relative to its residual connections (Xiong et al., 2020).</summary>
public enum NormPosition
{
    /// <summary>After each residual sum, <c>x = Norm(x + Sublayer(x))</c>: the original transformer, torch's default.</summary>
    Post,

    /// <summary>Before each sublayer, <c>x = x + Sublayer(Norm(x))</c>: trains more stably in deep stacks (torch's <c>norm_first</c>).</summary>
    Pre,
}
