namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// <see cref="ScenarioKind.Multitask"/>: tasks whose correlation is a knob, built as in the synthetic study of MMoE
/// (Ma et al., KDD 2018), on top of categorical fields, with a position bias on clicks (YouTube, RecSys 2019).
/// <code>
///   x        = Σ_f E_f[value_f] / √(Σ_f σ_f²)                      planted field vectors, x ≈ N(0, I_D)
///   w_1      = u_1,  w_k = ρ·u_1 + √(1−ρ²)·u_k                      u orthonormal, so cos(w_1, w_k) = ρ
///   f_k(x)   = w_kᵀx + Σ_{j=1..10} sin(α_j·w_kᵀx + β_j)              α_j, β_j ~ N(0, 1), shared by the tasks
///   f̃_k      = f_k standardized over impressions
///   relevance_k = σ(b_k + 1.5·f̃_k)                                   b_k solved for the base click rate
///   position = 1 + ⌊P·σ(−1.7·s)⌋,  s = 0.3·f̃_1 + 0.8·f̃_2 + 0.5·ε     a noisy ranker, mostly of likes
///   P(click) = position^−η · relevance_1,   P(task k ≥ 2) = relevance_k
///   ln dwell = ln 30 + 0.6·f̃_{K+1} + 0.5·ε                          seconds; E[dwell] = exp(ln 30 + 0.6·f̃ + 0.125)
///   y_k      = f̃_k + 0.1·ε                                           the paper's regression tasks, with TaskValueLabels
/// </code>
/// The position column has role <see cref="ColumnRole.Position"/>; truths give both the observed click probability
/// and the position-free relevance. With <see cref="SyntheticOptions.DenseTaskInput"/>, x is instead the paper's own
/// input, <c>x ~ N(0, I_D)</c> drawn per impression independently of the fields and written as the numeric columns
/// <c>x1 … xD</c> (<see cref="DenseTaskInput"/>): a model must then learn the projections w_kᵀx in its shared layers,
/// where the tasks compete for capacity, instead of in per-field embeddings.
/// </summary>
internal sealed class MultitaskScenario : ImpressionScenario
{
    /// <summary>Names of the binary tasks, in order; <see cref="SyntheticOptions.TaskCount"/> of them are used.</summary>
    public static readonly IReadOnlyList<string> TaskNames = ["click", "like", "share", "comment", "follow"];

    private const int SineTerms = 10;
    private const double Signal = 1.5;
    private const double MeanLogDwell = 3.4011973816621555;   // ln 30 s
    private const double ValueNoise = 0.1;                    // std of ε in y_k = f̃_k + ε (the paper: variance 0.01)
    private readonly SyntheticOptions _options;
    private readonly FieldVectors _input;
    private readonly DenseTaskInput? _dense;                  // the paper's x, when DenseTaskInput is on
    private readonly double[] _weights;                       // (K + 1, D): K binary tasks, then dwell time
    private readonly double[] _alpha, _beta;
    private readonly (double Mean, double Std)[] _moments;
    private readonly double[] _intercepts;
    private readonly double[] _scores;                        // (K + 1): the current row's f̃_k
    private readonly SyntheticRandom _valueNoise;             // ε of the TaskValueLabels, a stream of its own

    public MultitaskScenario(SyntheticOptions options)
        : base(options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LatentDimension, options.TaskCount + 1, nameof(options.LatentDimension));
        _options = options;
        _scores = new double[options.TaskCount + 1];
        _valueNoise = new SyntheticRandom(options.Seed, RandomStream.ExtraLabels);
        _input = new FieldVectors(WorldRandom, World);
        _dense = options.DenseTaskInput ? new DenseTaskInput(options.LatentDimension) : null;
        _weights = TaskWeights(WorldRandom, options.TaskCount + 1, options.LatentDimension, options.TaskCorrelation);
        _alpha = SyntheticMath.GaussianVector(WorldRandom, SineTerms, 1.0);
        _beta = SyntheticMath.GaussianVector(WorldRandom, SineTerms, 1.0);

        (double[] F, double Noise)[] pilot = Pilot(options, r =>
        {
            ReadOnlySpan<double> input = Input(r, World.Sample(r));
            double[] f = new double[options.TaskCount + 1];
            for (int k = 0; k < f.Length; k++)
            {
                f[k] = TaskFunction(k, input);
            }
            return (f, r.NextGaussian());
        });
        double[][] raw = Enumerable.Range(0, options.TaskCount + 1).Select(k => pilot.Select(p => p.F[k]).ToArray()).ToArray();
        _moments = raw.Select(values => SyntheticMath.Moments(values)).ToArray();
        _intercepts = new double[options.TaskCount];
        double[] clickScores = raw[0].Select(f => Standardize(0, f)).ToArray();
        double[] examination = clickScores.Select((f, i) => Examination(RankedPosition(f, Standardize(1, raw[1][i]), pilot[i].Noise))).ToArray();
        _intercepts[0] = SyntheticMath.SolveIntercept(
            b => clickScores.Select((f, i) => examination[i] * SyntheticMath.Sigmoid(b + Signal * f)).Average(), options.BaseClickRate);
        for (int k = 1; k < options.TaskCount; k++)
        {
            _intercepts[k] = SyntheticMath.SolveIntercept(raw[k].Select(f => Signal * Standardize(k, f)).ToArray(), options.BaseClickRate);
        }
    }

    protected override ColumnSchema PositionColumn { get; } = SyntheticColumns.Position("position");

    /// <summary>The impression's columns, then <c>x1 … xD</c> with <see cref="SyntheticOptions.DenseTaskInput"/>.</summary>
    public override IReadOnlyList<ColumnSchema> FeatureColumns => _dense is null ? base.FeatureColumns : [.. base.FeatureColumns, .. _dense.Columns];

    /// <summary>The binary tasks, <c>dwell_time</c>, then <c>&lt;task&gt;_value</c> per binary task with <see cref="SyntheticOptions.TaskValueLabels"/>.</summary>
    public override IReadOnlyList<ColumnSchema> LabelColumns =>
    [
        .. TaskNames.Take(_options.TaskCount).Select(SyntheticColumns.BinaryLabel),
        SyntheticColumns.NumericLabel("dwell_time"),
        .. ValueTaskNames.Select(SyntheticColumns.NumericLabel),
    ];

    public override IReadOnlyList<SyntheticTruth> Truths =>
    [
        ClickTruth with { Description = "True observed P(click) at the shown position: examination × relevance." },
        new() { Name = "click_relevance", Label = "click", Description = "True relevance: P(click) had the item been shown at position 1 (position bias removed)." },
        .. TaskNames.Skip(1).Take(_options.TaskCount - 1).Select(name => new SyntheticTruth { Name = name, Label = name, Description = $"True P({name})." }),
        new() { Name = "dwell_time", Label = "dwell_time", Kind = TruthKind.Mean, Description = "True expected dwell time in seconds." },
        .. ValueTaskNames.Select(name => new SyntheticTruth { Name = name, Label = name, Kind = TruthKind.Mean, Description = $"True mean of {name}: the standardized task score f̃." }),
    ];

    /// <summary><c>&lt;task&gt;_value</c> per binary task with <see cref="SyntheticOptions.TaskValueLabels"/>, otherwise none.</summary>
    private IEnumerable<string> ValueTaskNames => _options.TaskValueLabels ? TaskNames.Take(_options.TaskCount).Select(name => name + "_value") : [];

    public override void NextRow(SyntheticRandom random, DatasetSplit split, CsvRowWriter row, Span<float> labels, Span<double> truths)
    {
        Impression x = World.Sample(random);
        ReadOnlySpan<double> scores = Scores(Input(random, x));
        x = x with { Position = RankedPosition(scores[0], scores[1], random.NextGaussian()) };
        WriteFeatures(row, x);
        _dense?.Write(row);

        double logDwellMean = TruthsFrom(scores, x.Position, truths);
        labels[0] = random.NextBernoulli(truths[0]) ? 1 : 0;
        for (int k = 1; k < _options.TaskCount; k++)
        {
            labels[k] = random.NextBernoulli(truths[k + 1]) ? 1 : 0;
        }
        labels[_options.TaskCount] = (float)(Math.Round(Math.Exp(logDwellMean + 0.5 * random.NextGaussian()) * 10) / 10);
        if (_options.TaskValueLabels)
        {
            for (int k = 0; k < _options.TaskCount; k++)
            {
                labels[_options.TaskCount + 1 + k] = (float)(truths[_options.TaskCount + 2 + k] + ValueNoise * _valueNoise.NextGaussian());
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="truths"/> (in the order of <see cref="Truths"/>) for task input <paramref name="x"/> shown
    /// at <paramref name="position"/>; returns the mean of ln dwell, from which the dwell label is drawn.
    /// </summary>
    public double TruthsAt(ReadOnlySpan<double> x, int position, Span<double> truths) => TruthsFrom(Scores(x), position, truths);

    /// <summary><see cref="TruthsAt"/> from the standardized task scores f̃ (K + 1) of <see cref="Scores"/>.</summary>
    private double TruthsFrom(ReadOnlySpan<double> scores, int position, Span<double> truths)
    {
        double relevance = SyntheticMath.Sigmoid(_intercepts[0] + Signal * scores[0]);
        truths[0] = Examination(position) * relevance;
        truths[1] = relevance;
        for (int k = 1; k < _options.TaskCount; k++)
        {
            truths[k + 1] = SyntheticMath.Sigmoid(_intercepts[k] + Signal * scores[k]);
        }
        double logDwellMean = MeanLogDwell + 0.6 * scores[_options.TaskCount];
        truths[_options.TaskCount + 1] = Math.Exp(logDwellMean + 0.125);
        if (_options.TaskValueLabels)
        {
            scores[.._options.TaskCount].CopyTo(truths[(_options.TaskCount + 2)..]);
        }
        return logDwellMean;
    }

    /// <summary>f̃_k(x) for the K binary tasks and dwell time, (K + 1); valid until the next call.</summary>
    private ReadOnlySpan<double> Scores(ReadOnlySpan<double> x)
    {
        for (int k = 0; k < _scores.Length; k++)
        {
            _scores[k] = Standardize(k, TaskFunction(k, x));
        }
        return _scores;
    }

    /// <summary>x of an impression: its planted field vectors, or the paper's fresh N(0, I_D) draw from <paramref name="random"/>; valid until the next call.</summary>
    private ReadOnlySpan<double> Input(SyntheticRandom random, in Impression impression) => _dense is null ? _input.Of(impression) : _dense.Draw(random);

    /// <summary>f_k(x) = w_kᵀx + Σ_j sin(α_j·w_kᵀx + β_j).</summary>
    private double TaskFunction(int task, ReadOnlySpan<double> x)
    {
        double projection = SyntheticMath.Dot(SyntheticMath.Row(_weights, task, _options.LatentDimension), x);
        double value = projection;
        for (int j = 0; j < SineTerms; j++)
        {
            value += Math.Sin(_alpha[j] * projection + _beta[j]);
        }
        return value;
    }

    private double Standardize(int task, double value) => (value - _moments[task].Mean) / _moments[task].Std;

    /// <summary>
    /// The position a logged ranker gave: it blends the click and like scores, so besides relevance the position also
    /// reflects what only matters for likes, a confounder that a click model without a position input absorbs.
    /// </summary>
    private int RankedPosition(double clickScore, double likeScore, double noise)
    {
        double s = 0.3 * clickScore + 0.8 * likeScore + 0.5 * noise;
        return Math.Min(_options.Positions, 1 + (int)(_options.Positions * SyntheticMath.Sigmoid(-1.7 * s)));
    }

    private double Examination(int position) => Math.Pow(position, -_options.PositionBiasStrength);

    /// <summary>w_1 = u_1, w_k = ρ·u_1 + √(1−ρ²)·u_k, with u_1 … u_T orthonormal (Gram–Schmidt of Gaussian vectors).</summary>
    private static double[] TaskWeights(SyntheticRandom random, int tasks, int dimension, double correlation)
    {
        double[] u = SyntheticMath.GaussianMatrix(random, tasks, dimension, 1.0);
        for (int k = 0; k < tasks; k++)
        {
            Span<double> uk = u.AsSpan(k * dimension, dimension);
            for (int j = 0; j < k; j++)
            {
                ReadOnlySpan<double> uj = SyntheticMath.Row(u, j, dimension);
                double projection = SyntheticMath.Dot(uk, uj);
                for (int d = 0; d < dimension; d++)
                {
                    uk[d] -= projection * uj[d];
                }
            }
            SyntheticMath.Normalize(uk);
        }
        var w = new double[u.Length];
        double orthogonal = Math.Sqrt(1 - correlation * correlation);
        for (int k = 0; k < tasks; k++)
        {
            for (int d = 0; d < dimension; d++)
            {
                w[k * dimension + d] = k == 0 ? u[d] : correlation * u[d] + orthogonal * u[k * dimension + d];
            }
        }
        return w;
    }
}
