using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>
/// What SRP4CTR computes once per user (<see cref="Srp4Ctr.EncodeUser"/>): each layer's projected keys and values
/// <c>(U, H, L, Dh)</c>, the key padding flags, and the user-level head inputs (query outputs and user/context
/// embeddings, or the mean-pooled sequence) <c>(U, X)</c>, for U users.
/// </summary>
public sealed class Srp4CtrUserState
{
    internal Srp4CtrUserState(IReadOnlyList<(Tensor Keys, Tensor Values)> layers, bool[] padding, Tensor userVector)
    {
        Layers = layers;
        Padding = padding;
        UserVector = userVector;
    }

    /// <summary>Per encoder layer, the keys and values the candidate attends to.</summary>
    public IReadOnlyList<(Tensor Keys, Tensor Values)> Layers { get; }

    /// <summary>Key padding flags, <c>(U, L)</c>.</summary>
    public bool[] Padding { get; }

    /// <summary>User-level inputs of the head, <c>(U, X)</c>.</summary>
    public Tensor UserVector { get; }

    /// <summary>U, the number of users encoded.</summary>
    public int UserCount => UserVector.Dim(0);
}
