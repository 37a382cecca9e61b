namespace MLNetCtr.Evaluation;

/// <summary>
/// The 2 × 2 confusion matrix of a binary classifier: total weights (row counts when unweighted) per true and predicted
/// class. ML.NET lays it out with the positive class first: rows are the truth, columns the prediction.
/// </summary>
/// <param name="TruePositives">Positive rows predicted positive.</param>
/// <param name="FalseNegatives">Positive rows predicted negative.</param>
/// <param name="FalsePositives">Negative rows predicted positive.</param>
/// <param name="TrueNegatives">Negative rows predicted negative.</param>
public sealed record BinaryConfusionMatrix(double TruePositives, double FalseNegatives, double FalsePositives, double TrueNegatives)
{
    /// <summary>Total weight of the positive rows.</summary>
    public double Positives => TruePositives + FalseNegatives;

    /// <summary>Total weight of the negative rows.</summary>
    public double Negatives => FalsePositives + TrueNegatives;

    /// <summary>Total weight of all rows.</summary>
    public double Total => Positives + Negatives;
}
