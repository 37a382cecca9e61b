namespace MLNetCtr.Data.Synthetic;

/// <summary>Row counts of the three splits; rows are written train first, then validation, then test.</summary>
internal sealed record SyntheticSplitPlan(int Train, int Valid, int Test)
{
    /// <summary>Valid and test sizes are the fractions of <see cref="SyntheticOptions.Rows"/> rounded to the nearest row; train takes the rest.</summary>
    public static SyntheticSplitPlan For(SyntheticOptions options)
    {
        int valid = (int)Math.Round(options.Rows * options.ValidFraction, MidpointRounding.AwayFromZero);
        int test = (int)Math.Round(options.Rows * options.TestFraction, MidpointRounding.AwayFromZero);
        return new SyntheticSplitPlan(options.Rows - valid - test, valid, test);
    }

    public int RowsOf(DatasetSplit split) => split switch
    {
        DatasetSplit.Train => Train,
        DatasetSplit.Valid => Valid,
        DatasetSplit.Test => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, $"Unknown split {split}."),
    };
}
