namespace MLNetCtr.Models;

/// <summary>How FG-BERT scores the masked item against the item vocabulary.</summary>
public enum ItemSoftmax
{
    /// <summary>Cross-entropy over the whole vocabulary: exact, O(V) per masked position.</summary>
    Full,

    /// <summary>Sampled softmax whose negatives are the other masked positions' items of the batch, with the logQ
    /// correction <c>z − log q(item)</c>, q the training unigram frequency (Yi et al., RecSys 2019).</summary>
    InBatch,

    /// <summary>Sampled softmax with negatives drawn from the log-uniform (Zipf) distribution over items ranked by
    /// training frequency, with the logQ correction <c>z − log(S · q(item))</c> (Jean et al., 2015; TF's
    /// <c>sampled_softmax_loss</c>); accidental hits are removed.</summary>
    LogUniform,
}
