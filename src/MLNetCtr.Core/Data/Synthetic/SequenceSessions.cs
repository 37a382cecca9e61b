namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// The constants of <see cref="SequenceScenario"/>'s behavior histories, shared by the sampler that draws them and by
/// <see cref="SequencePosterior"/>, which inverts it. Ages are in hours before now.
/// </summary>
internal static class SequenceSessions
{
    /// <summary>Mean age of the newest behavior (exponential).</summary>
    public const double NewestAgeMeanHours = 1.0;

    /// <summary>Probability that the behavior before the current one starts a new (older) session.</summary>
    public const double NewSessionProbability = 0.25;

    /// <summary>Mean gap between two sessions (exponential).</summary>
    public const double SessionGapMeanHours = 36.0;

    /// <summary>Mean gap between two behaviors of one session (exponential).</summary>
    public const double BehaviorGapMeanHours = 0.15;

    /// <summary>Probability that a new session is in one of the user's favorite categories (else any category, uniformly).</summary>
    public const double FavoriteSessionProbability = 6.0 / 7;

    /// <summary>Probability that a behavior's item comes by popularity within the session's category (else by global popularity).</summary>
    public const double InCategoryItemProbability = 0.8;

    /// <summary>Probability that the candidate comes from the latest session's category.</summary>
    public const double CandidateFromLatestProbability = 0.4;

    /// <summary>Probability that the candidate comes from a favorite category drawn afresh (else by global popularity).</summary>
    public const double CandidateFromFavoriteProbability = 0.2;

    /// <summary>Weight of a behavior type in the click model: click 1, cart 1.5, buy 2.</summary>
    public static ReadOnlySpan<double> TypeWeight => [1.0, 1.5, 2.0];

    /// <summary>Upper bound, in hours, of each time-gap bucket of <see cref="SequenceScenario.TimeGaps"/> (the lower bound is the previous one's, 0 for the first).</summary>
    public static ReadOnlySpan<double> TimeGapUpperHours => [1, 6, 24, 72, 168, 720, double.PositiveInfinity];

    /// <summary>The time-gap bucket of <paramref name="ageHours"/>.</summary>
    public static int TimeGapBucket(double ageHours)
    {
        int bucket = 0;
        while (ageHours >= TimeGapUpperHours[bucket])
        {
            bucket++;
        }
        return bucket;
    }

    /// <summary>Lower bound, in hours, of time-gap bucket <paramref name="bucket"/>.</summary>
    public static double TimeGapLowerHours(int bucket) => bucket == 0 ? 0 : TimeGapUpperHours[bucket - 1];
}
