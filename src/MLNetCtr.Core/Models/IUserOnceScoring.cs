using MLNetCtr.Data;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>
/// A network whose user part (user and context fields, behavior sequences) depends on the user only, so a request of
/// one user × many candidates computes it once: the per-family serving fast path (two-tower: the user vector;
/// SRP4CTR: the encoded sequence, its per-layer keys and values and the query tokens). Its scores equal
/// <see cref="CtrModel.Forward"/> on rows that repeat the user beside each candidate.
/// </summary>
internal interface IUserOnceScoring
{
    /// <summary>
    /// Computes the user part of the single row of <paramref name="user"/> (only its user and context columns are read)
    /// and returns a function from a batch of candidates (only their item columns are read) to their outputs <c>(C, T)</c>.
    /// </summary>
    Func<CtrBatch, Tensor> ForUser(CtrBatch user);
}
