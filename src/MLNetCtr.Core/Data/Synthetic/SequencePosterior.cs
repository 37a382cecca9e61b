namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// P(click | what the row shows) in <see cref="SequenceScenario"/>. The true probability weighs each behavior by its
/// exact age, which a row shows only as a time-gap bucket (and, through its categories, hints at the session breaks).
/// This averages the true probability over the ages the generator could have drawn given the row: a particle filter
/// over the hidden sessions, newest behavior first, each particle a (session category, age). A particle moves by the
/// locally optimal proposal — continue the session or start a new one (its category, and a gap from the truncated
/// exponential that lands the behavior in its bucket) — and is weighted by the probability of the observed item and
/// bucket; the candidate, drawn partly from the latest session's category, reweights the particles at the end.
/// The result is the Bayes-optimal prediction of a model that knows every parameter of the generator but sees only
/// the row: the ceiling of any model of the row, up to Monte-Carlo error.
/// </summary>
internal sealed class SequencePosterior
{
    /// <summary>Particles per row.</summary>
    public const int Particles = 128;

    private readonly ItemCatalog _items;
    private readonly InterestProfiles _interests;
    private readonly double _decayPerHour;   // ln 2 / half-life
    private readonly SyntheticRandom _random;
    private readonly double[] _age = new double[Particles], _weighted = new double[Particles], _total = new double[Particles];
    private readonly double[] _weight = new double[Particles];
    private readonly int[] _category = new int[Particles];
    private readonly ParticleResampler _resampler = new(Particles);

    public SequencePosterior(ItemCatalog items, InterestProfiles interests, double halfLifeHours, SyntheticRandom random)
    {
        _items = items;
        _interests = interests;
        _decayPerHour = Math.Log(2) / halfLifeHours;
        _random = random;
    }

    /// <summary>
    /// E[σ(<paramref name="otherLogit"/> + 3·S(ages)) | row], S the recency-weighted similarity of
    /// <see cref="SequenceScenario"/>. Spans are aligned with the history, oldest first.
    /// </summary>
    /// <param name="user">The user (who has the favorite categories).</param>
    /// <param name="items">Item of each behavior.</param>
    /// <param name="typeWeights">Type weight of each behavior.</param>
    /// <param name="similarities">sim_t of each behavior to the candidate.</param>
    /// <param name="buckets">Time-gap bucket of each behavior.</param>
    /// <param name="candidate">The candidate item.</param>
    /// <param name="otherLogit">The logit's terms that do not depend on the ages, intercept included.</param>
    public double ClickProbability(int user, ReadOnlySpan<int> items, ReadOnlySpan<double> typeWeights, ReadOnlySpan<double> similarities,
        ReadOnlySpan<int> buckets, int candidate, double otherLogit)
    {
        int newest = items.Length - 1;
        for (int i = 0; i < Particles; i++)
        {
            _category[i] = SampleCategory(user, items[newest], _interests.Probability(user, _items.Category[items[newest]]), favoritesOnly: true);
            _age[i] = TruncatedGap(0, SequenceSessions.NewestAgeMeanHours, buckets[newest]);
            _weight[i] = 1.0 / Particles;
            _weighted[i] = _total[i] = 0;
            Observe(i, typeWeights[newest], similarities[newest]);
        }
        for (int t = newest - 1; t >= 0; t--)
        {
            Step(user, items[t], buckets[t]);
            for (int i = 0; i < Particles; i++)
            {
                Observe(i, typeWeights[t], similarities[t]);
            }
            _resampler.Normalize(_weight, _random, _age, _weighted, _total, _category);
        }
        double sum = 0, probability = 0;
        for (int i = 0; i < Particles; i++)
        {
            double w = _weight[i] * (SequenceSessions.CandidateFromLatestProbability * _items.ProbabilityInCategory(candidate, _category[i])
                + SequenceSessions.CandidateFromFavoriteProbability * _interests.Probability(user, _items.Category[candidate]) * _items.ProbabilityInCategory(candidate, _items.Category[candidate])
                + (1 - SequenceSessions.CandidateFromLatestProbability - SequenceSessions.CandidateFromFavoriteProbability) * _items.Probability(candidate));
            sum += w;
            probability += w * SyntheticMath.Sigmoid(otherLogit + 3 * _weighted[i] / (_total[i] + 0.5));
        }
        return probability / sum;
    }

    /// <summary>Moves every particle one behavior back in time, to one that showed <paramref name="item"/> in <paramref name="bucket"/>.</summary>
    private void Step(int user, int item, int bucket)
    {
        int category = _items.Category[item];
        double favorite = _interests.Probability(user, category);
        double sessionPrior = SequenceSessions.FavoriteSessionProbability * favorite + (1 - SequenceSessions.FavoriteSessionProbability) / _items.Categories;
        double itemGivenNewSession = SequenceSessions.InCategoryItemProbability * sessionPrior * _items.ProbabilityInCategory(item, category)
            + (1 - SequenceSessions.InCategoryItemProbability) * _items.Probability(item);
        for (int i = 0; i < Particles; i++)
        {
            double stay = (1 - SequenceSessions.NewSessionProbability) * ItemProbability(item, _category[i])
                * BucketMass(_age[i], SequenceSessions.BehaviorGapMeanHours, bucket);
            double leave = SequenceSessions.NewSessionProbability * itemGivenNewSession * BucketMass(_age[i], SequenceSessions.SessionGapMeanHours, bucket);
            double total = stay + leave;
            if (!(total > 0))
            {
                total = double.Epsilon;   // a jump no gap reaches in double precision: keep the particle, almost weightless
                leave = 1;
                stay = 0;
            }
            _weight[i] *= total;
            if (_random.NextDouble() * (stay + leave) < stay)
            {
                _age[i] += TruncatedGap(_age[i], SequenceSessions.BehaviorGapMeanHours, bucket);
            }
            else
            {
                _category[i] = SampleCategory(user, item, sessionPrior, favoritesOnly: false);
                _age[i] += TruncatedGap(_age[i], SequenceSessions.SessionGapMeanHours, bucket);
            }
        }
    }

    private void Observe(int i, double typeWeight, double similarity)
    {
        double w = Math.Exp(-_decayPerHour * _age[i]) * typeWeight;
        _weighted[i] += w * similarity;
        _total[i] += w;
    }

    /// <summary>P(a session of <paramref name="category"/> shows <paramref name="item"/>).</summary>
    private double ItemProbability(int item, int category) =>
        SequenceSessions.InCategoryItemProbability * _items.ProbabilityInCategory(item, category)
        + (1 - SequenceSessions.InCategoryItemProbability) * _items.Probability(item);

    /// <summary>
    /// A session category given that it showed <paramref name="item"/>: ∝ prior(k)·P(item | k) with P(item | k) =
    /// 0.8·[k = category(item)]·q + 0.2·g, a mixture of "the item's category" and "a category from the prior".
    /// </summary>
    /// <param name="user">The user.</param>
    /// <param name="item">The observed item.</param>
    /// <param name="prior">The prior probability of the item's own category.</param>
    /// <param name="favoritesOnly">The prior: the favorites alone (the newest session) or favorites mixed with any category.</param>
    private int SampleCategory(int user, int item, double prior, bool favoritesOnly)
    {
        int category = _items.Category[item];
        double own = SequenceSessions.InCategoryItemProbability * prior * _items.ProbabilityInCategory(item, category);
        double any = (1 - SequenceSessions.InCategoryItemProbability) * _items.Probability(item);
        if (_random.NextDouble() * (own + any) < own)
        {
            return category;
        }
        return favoritesOnly || _random.NextBernoulli(SequenceSessions.FavoriteSessionProbability)
            ? _interests.Sample(_random, user) : _random.NextInt(_items.Categories);
    }

    /// <summary>P(age + Exp(mean) falls in <paramref name="bucket"/>).</summary>
    private static double BucketMass(double age, double mean, int bucket)
    {
        double lower = Math.Max(SequenceSessions.TimeGapLowerHours(bucket) - age, 0), upper = SequenceSessions.TimeGapUpperHours[bucket] - age;
        return upper <= 0 ? 0 : Math.Exp(-lower / mean) - Math.Exp(-upper / mean);
    }

    /// <summary>A gap from Exp(<paramref name="mean"/>) conditioned to land <paramref name="age"/> + gap in <paramref name="bucket"/> (inverse CDF).</summary>
    private double TruncatedGap(double age, double mean, int bucket)
    {
        double lower = Math.Max(SequenceSessions.TimeGapLowerHours(bucket) - age, 0), width = SequenceSessions.TimeGapUpperHours[bucket] - age - lower;
        double mass = width <= 0 ? 0 : 1 - Math.Exp(-width / mean);
        return lower - mean * Math.Log(1 - _random.NextDouble() * mass);
    }
}
