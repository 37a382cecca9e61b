using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr.Benchmarks.Throughput;

/// <summary>
/// <c>fgbert</c>: one FG-BERT pretraining step (<see cref="FgBertPretrainer"/>'s loop body: fresh 15% content and 15%
/// behavior masks, full-softmax CE over the 50k items and over each behavior field, Adam) on batches of 256 sequences
/// (<see cref="SequenceBenchmarkSetup"/>), 16 batches cycled; inference is the same loss forward without gradients.
/// </summary>
public sealed class FgBertThroughput : ThroughputConfig
{
    private const int Batches = 16;

    /// <inheritdoc/>
    public override string Id => "fgbert";

    /// <inheritdoc/>
    public override int Batch => 256;

    /// <summary>Forward FLOPs per sequence: the encoder, and the heads on the expected 15% masked positions.</summary>
    public static double ForwardFlopsPerSample()
    {
        double d = SequenceBenchmarkSetup.Architecture.EmbeddingDimension, masked = 0.15 * SequenceBenchmarkSetup.Length;
        double heads = (2 * d * (SequenceBenchmarkSetup.ItemVocabulary + 2)) + (SequenceBenchmarkSetup.BehaviorFields * 2 * d * (SequenceBenchmarkSetup.BehaviorVocabulary + 2));
        return SequenceBenchmarkSetup.EncoderFlops() + (masked * heads);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<ThroughputPass> CreatePasses()
    {
        DataEncoder encoder = SequenceBenchmarkSetup.Encoder();
        var options = new FgBertOptions { Architecture = SequenceBenchmarkSetup.Architecture };
        var model = new FgBertPretrainingModel(encoder, options);
        CtrDataset data = SequenceBenchmarkSetup.Rows(encoder, Batches * Batch, seed: 1);
        CtrBatch[] batches = [.. Enumerable.Range(0, Batches).Select(b => SequenceBenchmarkSetup.Batch(data, b * Batch, Batch))];
        string items = model.Encoder.Tokens.Schema.ItemSequence.Name;
        var frequencies = new ItemFrequencies(data.Sequences[items], encoder.CardinalityOf(items));
        var optimizer = new Adam(model.Parameters(), new AdamOptions { LearningRate = 1e-3f });
        var pool = new BufferPool();
        var random = new Random(1);
        int next = 0;

        float Pass(bool train)
        {
            CtrBatch batch = batches[next++ % Batches];
            using TensorScope scope = TensorScope.Begin(pool);
            var masks = new MaskedPositions(batch.Sequences[items], options.ContentMaskRate, options.BehaviorMaskRate, random);
            if (!train)
            {
                model.Eval();
                using GradMode.NoGradRegion noGrad = GradMode.NoGrad();
                return model.Loss(batch, masks, options, frequencies, random).Data[0];
            }
            model.Train();
            Tensor loss = model.Loss(batch, masks, options, frequencies, random);
            loss.Backward();
            optimizer.Step();
            optimizer.ZeroGrad();
            return loss.Item();
        }

        double forward = ForwardFlopsPerSample();
        return [new("train", Batch, 3 * forward, () => Pass(train: true)), new("infer", Batch, forward, () => Pass(train: false))];
    }
}

/// <summary>
/// <c>srp4ctr</c>: one SRP4CTR fine-tuning step (the <c>fgbert</c> encoder, per-layer uni cross-attention of the
/// candidate, a Querying Transformer with 4 learnable queries, MLP head [128, 64], BCE, Adam) on batches of 256.
/// </summary>
public sealed class Srp4CtrThroughput : ThroughputConfig
{
    private const int Batches = 16;

    /// <inheritdoc/>
    public override string Id => "srp4ctr";

    /// <inheritdoc/>
    public override int Batch => 256;

    /// <summary>The model options of the configuration.</summary>
    internal static Srp4CtrOptions Options { get; } = new() { Architecture = SequenceBenchmarkSetup.Architecture, QueryCount = 4, HiddenSizes = [128, 64], LearningRate = 1e-3f };

    /// <summary>Forward FLOPs of everything that depends on the user only, per user.</summary>
    public static double UserFlops()
    {
        FgBertArchitecture a = Options.Architecture;
        double d = a.EmbeddingDimension, l = SequenceBenchmarkSetup.Length, k = Options.QueryCount;
        double keyValues = (a.Layers + 1) * 4 * l * d * d;                              // cross K/V of each layer, and the queries' K/V
        return SequenceBenchmarkSetup.EncoderFlops() + keyValues + CrossBlockFlops(k, l, d, a.FeedForward);
    }

    /// <summary>Forward FLOPs per candidate: one cross block per layer and the head.</summary>
    public static double CandidateFlops()
    {
        FgBertArchitecture a = Options.Architecture;
        double d = a.EmbeddingDimension, width = (Options.QueryCount + 3) * d;          // queries, cross output, user field, content
        double head = 2 * ((width * Options.HiddenSizes[0]) + (Options.HiddenSizes[0] * Options.HiddenSizes[1]) + Options.HiddenSizes[1]);
        return (a.Layers * CrossBlockFlops(1, SequenceBenchmarkSetup.Length, d, a.FeedForward)) + head;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<ThroughputPass> CreatePasses()
    {
        DataEncoder encoder = SequenceBenchmarkSetup.Encoder();
        var model = new Srp4Ctr(encoder, Options);
        Optimizer optimizer = OptimizerFactory.Create(model, Options);
        CtrDataset data = SequenceBenchmarkSetup.Rows(encoder, Batches * Batch, seed: 1);
        CtrBatch[] batches = [.. Enumerable.Range(0, Batches).Select(b => SequenceBenchmarkSetup.Batch(data, b * Batch, Batch))];
        var pool = new BufferPool();
        int next = 0;

        float Train() => ModelPasses.Train(model, optimizer, batches[next++ % Batches], pool);

        float Infer() => ModelPasses.Infer(model, batches[next++ % Batches], pool);

        double forward = UserFlops() + CandidateFlops();
        return [new("train", Batch, 3 * forward, Train), new("infer", Batch, forward, Infer)];
    }

    /// <summary>A uni cross-attention block of q queries over L keys: Q and output projections, scores and mixing, FFN.</summary>
    private static double CrossBlockFlops(double q, double l, double d, double feedForward) =>
        (4 * q * d * d) + (4 * q * l * d) + (4 * q * d * feedForward);
}

/// <summary>
/// <c>srp4ctr-serve</c>: one user with a 50-item history and 1,000 candidates. <c>serve</c>: encoder and queries once
/// (<see cref="Srp4Ctr.EncodeUser"/>, K/V cached), then each candidate's cross-attention and head
/// (<see cref="Srp4Ctr.ScoreCandidates"/>); <c>full</c>: the full forward pass on the 1,000 (user, candidate) rows.
/// <c>user-once</c> (per user) and <c>candidates-only</c> (1,000 candidates against a cached state) split <c>serve</c>.
/// </summary>
public sealed class Srp4CtrServeThroughput : ThroughputConfig
{
    /// <inheritdoc/>
    public override string Id => "srp4ctr-serve";

    /// <inheritdoc/>
    public override int Batch => 1000;

    /// <inheritdoc/>
    public override IReadOnlyList<ThroughputPass> CreatePasses()
    {
        DataEncoder encoder = SequenceBenchmarkSetup.Encoder();
        var model = new Srp4Ctr(encoder, Srp4CtrThroughput.Options);
        model.Eval();
        CtrDataset rows = SequenceBenchmarkSetup.Rows(encoder, Batch, seed: 2, oneUser: true);
        CtrBatch user = SequenceBenchmarkSetup.Batch(rows, 0, 1), candidates = SequenceBenchmarkSetup.Batch(rows, 0, Batch);
        var pool = new BufferPool();

        float Run(Func<Tensor> scores)
        {
            using TensorScope scope = TensorScope.Begin(pool);
            using GradMode.NoGradRegion noGrad = GradMode.NoGrad();
            return scores().Data[0];
        }

        double candidate = Srp4CtrThroughput.CandidateFlops(), userOnce = Srp4CtrThroughput.UserFlops();
        Srp4CtrUserState cached;
        using (GradMode.NoGrad())
        {
            cached = model.EncodeUser(user);
        }
        return
        [
            new("user-once", 1, userOnce, () => Run(() => model.EncodeUser(user).UserVector)),
            new("candidates-only", Batch, candidate, () => Run(() => model.ScoreCandidates(cached, candidates))),
            new("serve", Batch, candidate + (userOnce / Batch), () => Run(() => model.ScoreCandidates(model.EncodeUser(user), candidates))),
            new("full", Batch, candidate + userOnce, () => Run(() => model.Forward(candidates))),
        ];
    }
}

/// <summary>
/// <c>two-tower-serve</c>: <see cref="TwoTowerServeBenchmarks"/>, one user and 1,000 candidates: <c>serve</c> computes the
/// user vector once and 1,000 inner products with precomputed item vectors; <c>full</c> runs 1,000 full forward passes.
/// </summary>
public sealed class TwoTowerServeThroughput : ThroughputConfig
{
    /// <inheritdoc/>
    public override string Id => "two-tower-serve";

    /// <inheritdoc/>
    public override int Batch => 1000;

    /// <inheritdoc/>
    public override IReadOnlyList<ThroughputPass> CreatePasses()
    {
        var benchmark = new TwoTowerServeBenchmarks();
        benchmark.Setup();
        double full = TwoTowerBenchmarkSetup.ForwardFlopsPerRow(TwoTowerBenchmarkSetup.Width);
        double serve = (full / 2 / Batch) + (2.0 * TwoTowerBenchmarkSetup.Width);   // the user tower once, an inner product per item
        return [new("serve", Batch, serve, benchmark.UserVectorAndInnerProducts), new("full", Batch, full, benchmark.FullForward)];
    }
}
