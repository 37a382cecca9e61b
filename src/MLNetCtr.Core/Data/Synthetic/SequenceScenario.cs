namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// <see cref="ScenarioKind.Sequence"/>: behavior histories and a candidate whose click depends on its similarity to the
/// RECENT history. Each user has three favorite categories (<see cref="InterestProfiles"/>). A history is walked back
/// from now in sessions: within a session behaviors are minutes apart and stay in one category; a new session starts
/// with probability 0.25, hours to days earlier, in a favorite category (or, one time in seven, any category). Items
/// come by popularity within the session's category (one in five by global popularity), so rare items form a long
/// tail. The candidate comes from the latest session's category (40%), another favorite (20%) or global popularity.
/// <code>
///   logit = b + 3·S + 0.3·popularity(candidate) + user[u] + hour[h] + device[d]
///   S     = Σ_t w_t·sim_t / (Σ_t w_t + 0.5)                 → 0 when the whole history is old
///   w_t   = 2^(−age_t / half-life) · {click 1, cart 1.5, buy 2}[type_t]
///   sim_t = cos(latent(candidate), latent(item_t)) + 0.5·[item_t = candidate]
/// </code>
/// The row shows each behavior's age only as a time-gap bucket, so the truth <c>click</c> is not a function of the row;
/// with <see cref="SyntheticOptions.ObservableTruths"/> the truth <c>click_observable</c> is: P(click | row) under the
/// generator's own model (<see cref="SequencePosterior"/>), the ceiling of any model of the row.
/// Columns: user fields, <c>hist_items</c> (vocabulary shared with <c>item_id</c>) and the aligned
/// <c>hist_categories, hist_brands, hist_price_buckets, hist_behavior_types, hist_time_gaps</c>, item fields, context.
/// </summary>
internal sealed class SequenceScenario : SyntheticScenario
{
    public static readonly IReadOnlyList<string> BehaviorTypes = ["click", "cart", "buy"];
    public static readonly IReadOnlyList<string> TimeGaps = ["lt1h", "1h-6h", "6h-1d", "1d-3d", "3d-7d", "7d-30d", "gt30d"];
    private static readonly DiscreteSampler s_type = new([0.80, 0.13, 0.07]);

    private readonly SyntheticOptions _options;
    private readonly ImpressionWorld _world;
    private readonly InterestProfiles _interests;
    private readonly double[] _unitLatent;   // item latents scaled to unit length, (items, D)
    private readonly double[] _user, _hour, _device;
    private readonly History _history;
    private readonly double _intercept;
    private readonly SequencePosterior? _posterior;   // with SyntheticOptions.ObservableTruths

    public SequenceScenario(SyntheticOptions options)
    {
        _options = options;
        var random = new SyntheticRandom(options.Seed, RandomStream.World);
        _world = new ImpressionWorld(random, options);
        _interests = new InterestProfiles(random, _world.Users, _world.Items.CategoryLatent, _world.Items.Categories);
        _unitLatent = (double[])_world.Items.Latent.Clone();
        SyntheticMath.NormalizeRows(_unitLatent, options.LatentDimension);
        _user = SyntheticMath.GaussianVector(random, _world.Users.Count, 0.3);
        _hour = SyntheticMath.GaussianVector(random, ImpressionWorld.Hours, 0.15);
        _device = SyntheticMath.GaussianVector(random, ImpressionWorld.Devices.Count, 0.15);
        _history = new History(options.MaxHistoryLength);
        _intercept = SyntheticMath.SolveIntercept(Pilot(options, r => Logit(DrawImpression(r))), options.BaseClickRate);
        if (options.ObservableTruths)
        {
            _posterior = new SequencePosterior(_world.Items, _interests, options.RecencyHalfLifeHours, new SyntheticRandom(options.Seed, RandomStream.Posterior));
            Truths = [ClickTruth, ObservableClickTruth];
        }
    }

    /// <summary>The truth of a model of the row: P(click | features), the exact ages averaged out.</summary>
    public static SyntheticTruth ObservableClickTruth { get; } = new()
    {
        Name = "click_observable",
        Label = "click",
        Description = "P(click | the row's features): the true probability averaged over each behavior's exact age, which the row shows "
            + $"only as a time-gap bucket, under the generator's own model ({SequencePosterior.Particles} particles); the ceiling of any model of the row.",
    };

    public override IReadOnlyList<ColumnSchema> FeatureColumns =>
    [
        .. ImpressionWorld.UserColumns,
        SyntheticColumns.Sequence("hist_items", FeatureSide.User, _options.MaxHistoryLength, vocabulary: "item_id"),
        SyntheticColumns.Sequence("hist_categories", FeatureSide.User, _options.MaxHistoryLength, vocabulary: "category", alignedWith: "hist_items"),
        SyntheticColumns.Sequence("hist_brands", FeatureSide.User, _options.MaxHistoryLength, vocabulary: "brand", alignedWith: "hist_items"),
        SyntheticColumns.Sequence("hist_price_buckets", FeatureSide.User, _options.MaxHistoryLength, vocabulary: "price_bucket", alignedWith: "hist_items"),
        SyntheticColumns.Sequence("hist_behavior_types", FeatureSide.User, _options.MaxHistoryLength, alignedWith: "hist_items"),
        SyntheticColumns.Sequence("hist_time_gaps", FeatureSide.User, _options.MaxHistoryLength, alignedWith: "hist_items"),
        .. ImpressionWorld.ItemColumns,
        .. ImpressionWorld.ContextColumns,
    ];

    public override IReadOnlyList<ColumnSchema> LabelColumns { get; } = [SyntheticColumns.BinaryLabel("click")];

    public override IReadOnlyList<SyntheticTruth> Truths { get; } = [ClickTruth];

    public override void NextRow(SyntheticRandom random, DatasetSplit split, CsvRowWriter row, Span<float> labels, Span<double> truths)
    {
        Impression x = DrawImpression(random);
        ItemCatalog items = _world.Items;
        History h = _history;
        for (int t = 0; t < h.Length; t++)
        {
            int item = h.Items[t];
            h.Categories[t] = items.Category[item];
            h.Brands[t] = items.Brand[item];
            h.PriceBuckets[t] = items.PriceBucket[item];
            h.TimeGaps[t] = SequenceSessions.TimeGapBucket(h.AgeHours[t]);
        }
        _world.WriteUser(row, x.User);
        row.Tokens("i", h.Items.AsSpan(0, h.Length));
        row.Tokens("cat", h.Categories.AsSpan(0, h.Length));
        row.Tokens("b", h.Brands.AsSpan(0, h.Length));
        row.Tokens("p", h.PriceBuckets.AsSpan(0, h.Length));
        row.Names(BehaviorTypes, h.Types.AsSpan(0, h.Length));
        row.Names(TimeGaps, h.TimeGaps.AsSpan(0, h.Length));
        _world.WriteItem(row, x.Item);
        ImpressionWorld.WriteContext(row, x.Hour, x.Device);
        truths[0] = SyntheticMath.Sigmoid(_intercept + Logit(x));
        labels[0] = random.NextBernoulli(truths[0]) ? 1 : 0;
        if (_posterior is not null)
        {
            truths[1] = _posterior.ClickProbability(x.User, h.Items.AsSpan(0, h.Length), h.TypeWeights.AsSpan(0, h.Length),
                h.Similarities.AsSpan(0, h.Length), h.TimeGaps.AsSpan(0, h.Length), x.Item, _intercept + AgeFreeLogit(x));
        }
    }

    /// <summary>Draws a user, fills <see cref="_history"/> (oldest first) and draws the candidate and context.</summary>
    private Impression DrawImpression(SyntheticRandom random)
    {
        int user = _world.Users.Sample(random);
        int length = random.NextInt(1, _options.MaxHistoryLength);
        _history.Length = length;
        int category = _interests.Sample(random, user);
        int latestCategory = category;
        double age = random.NextExponential(SequenceSessions.NewestAgeMeanHours);
        for (int t = length - 1; t >= 0; t--)   // newest first
        {
            if (t < length - 1)
            {
                bool newSession = random.NextBernoulli(SequenceSessions.NewSessionProbability);
                age += random.NextExponential(newSession ? SequenceSessions.SessionGapMeanHours : SequenceSessions.BehaviorGapMeanHours);
                if (newSession)
                {
                    category = random.NextBernoulli(SequenceSessions.FavoriteSessionProbability) ? _interests.Sample(random, user) : random.NextInt(_world.Items.Categories);
                }
            }
            _history.Items[t] = random.NextBernoulli(SequenceSessions.InCategoryItemProbability) ? _world.Items.SampleInCategory(random, category) : _world.Items.Sample(random);
            _history.Types[t] = s_type.Sample(random);
            _history.AgeHours[t] = age;
        }
        double source = random.NextDouble();
        int candidate = source < SequenceSessions.CandidateFromLatestProbability ? _world.Items.SampleInCategory(random, latestCategory)
            : source < SequenceSessions.CandidateFromLatestProbability + SequenceSessions.CandidateFromFavoriteProbability ? _world.Items.SampleInCategory(random, _interests.Sample(random, user))
            : _world.Items.Sample(random);
        return new Impression(user, candidate, ImpressionWorld.SampleHour(random), ImpressionWorld.SampleDevice(random), Position: 1);
    }

    /// <summary>
    /// The planted logit, without intercept, of <paramref name="x"/> given the history in <see cref="_history"/>, whose
    /// <see cref="History.Similarities"/> and <see cref="History.TypeWeights"/> it fills.
    /// </summary>
    private double Logit(in Impression x)
    {
        int dimension = _options.LatentDimension;
        ReadOnlySpan<double> candidate = SyntheticMath.Row(_unitLatent, x.Item, dimension);
        History h = _history;
        double weighted = 0, totalWeight = 0;
        for (int t = 0; t < h.Length; t++)
        {
            int item = h.Items[t];
            h.TypeWeights[t] = SequenceSessions.TypeWeight[h.Types[t]];
            h.Similarities[t] = SyntheticMath.Dot(candidate, SyntheticMath.Row(_unitLatent, item, dimension)) + (item == x.Item ? 0.5 : 0);
            double w = Math.Pow(2, -h.AgeHours[t] / _options.RecencyHalfLifeHours) * h.TypeWeights[t];
            weighted += w * h.Similarities[t];
            totalWeight += w;
        }
        double recentSimilarity = weighted / (totalWeight + 0.5);
        return 3 * recentSimilarity + AgeFreeLogit(x);
    }

    /// <summary>The terms of <see cref="Logit"/> that do not depend on the history.</summary>
    private double AgeFreeLogit(in Impression x) => 0.3 * _world.Items.PopularityScore[x.Item] + _user[x.User] + _hour[x.Hour] + _device[x.Device];

    /// <summary>The history of the row being drawn, oldest first; buffers reused from row to row.</summary>
    private sealed class History(int capacity)
    {
        public int Length { get; set; }

        public int[] Items { get; } = new int[capacity];

        public int[] Types { get; } = new int[capacity];

        public double[] AgeHours { get; } = new double[capacity];

        public int[] Categories { get; } = new int[capacity];

        public int[] Brands { get; } = new int[capacity];

        public int[] PriceBuckets { get; } = new int[capacity];

        public int[] TimeGaps { get; } = new int[capacity];

        public double[] TypeWeights { get; } = new double[capacity];

        /// <summary>sim_t of each behavior to the current candidate (filled by <see cref="Logit"/>).</summary>
        public double[] Similarities { get; } = new double[capacity];
    }
}
