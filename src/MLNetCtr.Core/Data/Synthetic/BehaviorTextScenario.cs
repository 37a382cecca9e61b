namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// <see cref="ScenarioKind.BehaviorText"/>: textual behaviors (BAHE, Ant, SIGIR 2024). Each of the 240 concepts of
/// <see cref="BehaviorTextCatalog"/> has a latent vector (its topic's vector plus a little noise) shared by all its
/// paraphrases, so the click depends on MEANING, not on wording. Each user has three favorite topics
/// (<see cref="InterestProfiles"/>). A row holds the user's recent clicks, purchases and searches as texts (one in
/// seven off-interest), oldest first, and a candidate item named by a text ("bestselling trail boots"), drawn from a
/// favorite topic (half the time) or by global popularity.
/// <code>
///   logit = b + 3·cos(latent(item concept), v) + 0.3·popularity(item) + user[u]
///   v     = Σ_behaviors {click 0.7, purchase 1, search 1.5}[kind] · 0.8^(steps from the newest) · latent(concept)
/// </code>
/// The templates of each kind are shuffled once per seed; the last <see cref="SyntheticOptions.HeldOutTemplates"/> of
/// them phrase the behaviors of the test split only, so no test behavior text occurs in training or validation.
/// Items number <see cref="SyntheticOptions.Items"/> (at least one per concept).
/// </summary>
internal sealed class BehaviorTextScenario : SyntheticScenario
{
    private const string BehaviorVocabulary = "behavior_text";
    private static readonly double[] s_kindWeight = [0.7, 1.0, 1.5];
    private static readonly BehaviorTextCatalog s_catalog = new();

    private readonly SyntheticOptions _options;
    private readonly UserPopulation _users;
    private readonly InterestProfiles _interests;
    private readonly double[] _conceptLatent;        // (concepts, D), unit rows
    private readonly int[] _itemConcept;
    private readonly string[] _itemText;
    private readonly double[] _itemPopularity, _userBias;
    private readonly GroupedPopularity _popularity;   // items grouped by topic
    private readonly IReadOnlyList<string>[] _trainTemplates, _testTemplates;   // by BehaviorKind
    private readonly List<string>[] _texts = [[], [], []];                      // the row being drawn, by kind, oldest first
    private readonly List<(BehaviorKind Kind, int StepsFromNewest, int Concept)> _conceptsDrawn = [];
    private readonly double _intercept;

    public BehaviorTextScenario(SyntheticOptions options)
    {
        _options = options;
        var random = new SyntheticRandom(options.Seed, RandomStream.World);
        int dimension = options.LatentDimension, topics = s_catalog.Topics.Count, concepts = s_catalog.Concepts.Count;
        _users = new UserPopulation(random, options.Users, dimension);
        double[] topicLatent = SyntheticMath.GaussianMatrix(random, topics, dimension, 1.0);
        _interests = new InterestProfiles(random, _users, topicLatent, topics);
        _conceptLatent = SyntheticMath.GaussianMatrix(random, concepts, dimension, 0.4);
        for (int c = 0; c < concepts; c++)
        {
            for (int d = 0; d < dimension; d++)
            {
                _conceptLatent[c * dimension + d] += topicLatent[s_catalog.Concepts[c].Topic * dimension + d];
            }
        }
        SyntheticMath.NormalizeRows(_conceptLatent, dimension);

        int items = Math.Max(options.Items, concepts);
        _itemConcept = Enumerable.Range(0, items).Select(i => i < concepts ? i : random.NextInt(concepts)).ToArray();
        _itemText = _itemConcept.Select(c => ItemText(random, c)).ToArray();
        double[] weights = DiscreteSampler.ShuffledPowerLawWeights(random, items, options.PopularityExponent);
        _itemPopularity = GroupedPopularity.Score(weights);
        _popularity = new GroupedPopularity(_itemConcept.Select(c => s_catalog.Concepts[c].Topic).ToArray(), weights, topics);
        _userBias = SyntheticMath.GaussianVector(random, options.Users, 0.3);
        (_trainTemplates, _testTemplates) = SplitTemplates(random, options.HeldOutTemplates);
        _intercept = SyntheticMath.SolveIntercept(Pilot(options, r => Logit(DrawImpression(r, DatasetSplit.Train))), options.BaseClickRate);
    }

    public override IReadOnlyList<ColumnSchema> FeatureColumns =>
    [
        .. ImpressionWorld.UserColumns.Take(3),   // user_id, age_bucket, gender
        SyntheticColumns.TextSequence("click_texts", FeatureSide.User, _options.MaxBehaviorTexts, BehaviorVocabulary),
        SyntheticColumns.TextSequence("purchase_texts", FeatureSide.User, _options.MaxBehaviorTexts, BehaviorVocabulary),
        SyntheticColumns.TextSequence("search_texts", FeatureSide.User, _options.MaxBehaviorTexts, BehaviorVocabulary),
        SyntheticColumns.Categorical("item_id", FeatureSide.Item),
        SyntheticColumns.Categorical("category", FeatureSide.Item),
        SyntheticColumns.Text("item_text", FeatureSide.Item),
        .. ImpressionWorld.ContextColumns,
    ];

    public override IReadOnlyList<ColumnSchema> LabelColumns { get; } = [SyntheticColumns.BinaryLabel("click")];

    public override IReadOnlyList<SyntheticTruth> Truths { get; } = [ClickTruth];

    public override void NextRow(SyntheticRandom random, DatasetSplit split, CsvRowWriter row, Span<float> labels, Span<double> truths)
    {
        Impression x = DrawImpression(random, split);
        row.Token("u", x.User);
        row.Text(UserPopulation.AgeBuckets[_users.AgeBucket[x.User]]);
        row.Text(UserPopulation.Genders[_users.Gender[x.User]]);
        foreach (List<string> texts in _texts)
        {
            row.Texts(texts);
        }
        row.Token("i", x.Item);
        row.Text(s_catalog.Topics[s_catalog.Concepts[_itemConcept[x.Item]].Topic]);
        row.Text(_itemText[x.Item]);
        ImpressionWorld.WriteContext(row, x.Hour, x.Device);
        truths[0] = SyntheticMath.Sigmoid(_intercept + Logit(x));
        labels[0] = random.NextBernoulli(truths[0]) ? 1 : 0;
    }

    /// <summary>Draws a user, fills <see cref="_texts"/> and <see cref="_conceptsDrawn"/>, and draws the candidate and context.</summary>
    private Impression DrawImpression(SyntheticRandom random, DatasetSplit split)
    {
        int user = _users.Sample(random);
        IReadOnlyList<string>[] templates = split == DatasetSplit.Test ? _testTemplates : _trainTemplates;
        int max = _options.MaxBehaviorTexts;
        Span<int> lengths = [random.NextInt(1, max), random.NextInt(0, (max + 1) / 2), random.NextInt(1, (max + 1) / 2)];
        _conceptsDrawn.Clear();
        foreach (BehaviorKind kind in Enum.GetValues<BehaviorKind>())
        {
            List<string> texts = _texts[(int)kind];
            texts.Clear();
            for (int t = 0; t < lengths[(int)kind]; t++)
            {
                int topic = random.NextBernoulli(6.0 / 7) ? _interests.Sample(random, user) : random.NextInt(s_catalog.Topics.Count);
                int[] candidates = s_catalog.ConceptsOfTopic[topic];
                int concept = candidates[random.NextInt(candidates.Length)];
                IReadOnlyList<string> forms = s_catalog.Concepts[concept].Forms;
                IReadOnlyList<string> phrasings = templates[(int)kind];
                texts.Add(phrasings[random.NextInt(phrasings.Count)].Replace("{0}", forms[random.NextInt(forms.Count)]));
                _conceptsDrawn.Add((kind, lengths[(int)kind] - 1 - t, concept));
            }
        }
        int item = random.NextBernoulli(0.5) ? _popularity.SampleInGroup(random, _interests.Sample(random, user)) : _popularity.Sample(random);
        return new Impression(user, item, ImpressionWorld.SampleHour(random), ImpressionWorld.SampleDevice(random), Position: 1);
    }

    /// <summary>The planted logit, without intercept, of <paramref name="x"/> given the behaviors drawn with it.</summary>
    private double Logit(in Impression x)
    {
        int dimension = _options.LatentDimension;
        Span<double> interest = stackalloc double[dimension];
        foreach ((BehaviorKind kind, int steps, int concept) in _conceptsDrawn)
        {
            double w = s_kindWeight[(int)kind] * Math.Pow(0.8, steps);
            ReadOnlySpan<double> latent = SyntheticMath.Row(_conceptLatent, concept, dimension);
            for (int d = 0; d < dimension; d++)
            {
                interest[d] += w * latent[d];
            }
        }
        SyntheticMath.Normalize(interest);
        double similarity = SyntheticMath.Dot(interest, SyntheticMath.Row(_conceptLatent, _itemConcept[x.Item], dimension));
        return 3 * similarity + 0.3 * _itemPopularity[x.Item] + _userBias[x.User];
    }

    private static string ItemText(SyntheticRandom random, int concept)
    {
        IReadOnlyList<string> forms = s_catalog.Concepts[concept].Forms;
        return BehaviorTextCatalog.ItemAdjectives[random.NextInt(BehaviorTextCatalog.ItemAdjectives.Count)] + " " + forms[random.NextInt(forms.Count)];
    }

    /// <summary>Shuffles each kind's templates; the last <paramref name="heldOut"/> become test-only.</summary>
    private static (IReadOnlyList<string>[] Train, IReadOnlyList<string>[] Test) SplitTemplates(SyntheticRandom random, int heldOut)
    {
        var train = new IReadOnlyList<string>[BehaviorTextCatalog.Templates.Count];
        var test = new IReadOnlyList<string>[train.Length];
        for (int kind = 0; kind < train.Length; kind++)
        {
            string[] shuffled = [.. BehaviorTextCatalog.Templates[kind]];
            random.Shuffle<string>(shuffled);
            train[kind] = shuffled[..^heldOut];
            test[kind] = shuffled[^heldOut..];
        }
        return (train, test);
    }
}
