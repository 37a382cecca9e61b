using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Nn;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;

namespace MLNetCtr.Trainers;

/// <summary>Options of <see cref="FgBertPretrainer"/>; mask rates and loss as in SRP4CTR (Han et al., 2024).</summary>
public sealed record FgBertOptions
{
    /// <summary>The encoder's architecture. Default: <see cref="FgBertArchitecture"/>'s defaults.</summary>
    public FgBertArchitecture Architecture { get; init; } = new();

    /// <summary>Passes over the data. Default: 5.</summary>
    public int NumberOfEpochs { get; init; } = 5;

    /// <summary>Sequences per step. Default: 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam's step size. Default: 1e-3.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Probability that a valid position's content is masked. Default: 0.15 (BERT).</summary>
    public double ContentMaskRate { get; init; } = 0.15;

    /// <summary>Probability that a valid position's behavior features are masked. Default: 0.15.</summary>
    public double BehaviorMaskRate { get; init; } = 0.15;

    /// <summary>Weight w_x of the content (item) loss. Default: 1.</summary>
    public float ItemLossWeight { get; init; } = 1f;

    /// <summary>Weight w_s of the behavior-feature loss. Default: 1.</summary>
    public float BehaviorLossWeight { get; init; } = 1f;

    /// <summary>How the masked item is scored against the vocabulary. Default: <see cref="ItemSoftmax.Full"/>.</summary>
    public ItemSoftmax ItemSoftmax { get; init; } = ItemSoftmax.Full;

    /// <summary>Negatives S per step for <see cref="ItemSoftmax.LogUniform"/>. Default: 256.</summary>
    public int SampledNegatives { get; init; } = 256;

    /// <summary>Whether content-masked positions also predict the item's attributes (category, brand, …). Default: false.</summary>
    public bool PredictItemAttributes { get; init; }

    /// <summary>Seed of initialization, shuffling, masks and dropout. Default: <see cref="CtrDefaults.Seed"/> (1).</summary>
    public int Seed { get; init; } = CtrDefaults.Seed;

    /// <summary>Throws naming the first invalid value.</summary>
    public void Validate()
    {
        Architecture.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(NumberOfEpochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SampledNegatives);
        if (!(LearningRate > 0) || ContentMaskRate is <= 0 or >= 1 || BehaviorMaskRate is <= 0 or >= 1 || ItemLossWeight < 0 || BehaviorLossWeight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate),
                $"Need learning rate > 0 (got {LearningRate}), mask rates in (0, 1) (got {ContentMaskRate}, {BehaviorMaskRate}) and loss weights ≥ 0 (got {ItemLossWeight}, {BehaviorLossWeight}).");
        }
    }
}

/// <summary>
/// Pretrains FG-BERT (SRP4CTR, Han et al., 2024, arXiv 2407.19658) on the behavior sequences of a dataset by
/// masked content and masked behavior prediction. The result feeds <see cref="Srp4CtrTrainer"/>.
/// </summary>
public sealed class FgBertPretrainer
{
    /// <summary>Validates and keeps <paramref name="options"/> (null: defaults).</summary>
    public FgBertPretrainer(FgBertOptions? options = null)
    {
        Options = options ?? new FgBertOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public FgBertOptions Options { get; }

    /// <summary>Pretrains on <paramref name="data"/>'s sequences (labels are not used); returns the pretrained encoder with its per-epoch mean losses.</summary>
    public PretrainedFgBert Pretrain(CtrDataset data, DataEncoder encoder, IProgress<(int Epoch, float Loss)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var model = new FgBertPretrainingModel(encoder, Options);
        BehaviorSchema schema = model.Encoder.Tokens.Schema;
        var frequencies = new ItemFrequencies(data.Sequences[schema.ItemSequence.Name], encoder.CardinalityOf(schema.ItemSequence.Name));
        var optimizer = new Adam(model.Parameters(), new AdamOptions { LearningRate = Options.LearningRate });
        var batches = new BatchIterator(data, new BatchOptions { BatchSize = Options.BatchSize, Seed = Options.Seed });
        var pool = new BufferPool();
        var random = new Random(Options.Seed);
        var losses = new List<float>();
        long step = 0;
        model.Train();
        for (int epoch = 0; epoch < Options.NumberOfEpochs; epoch++)
        {
            double sum = 0;
            int count = 0;
            foreach (CtrBatch batch in batches.Epoch(epoch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using TensorScope scope = TensorScope.Begin(pool);
                model.ReseedDropout(DropoutMasks.Mix(Options.Seed, step++));
                var masks = new MaskedPositions(batch.Sequences[schema.ItemSequence.Name], Options.ContentMaskRate, Options.BehaviorMaskRate, random);
                Tensor loss = model.Loss(batch, masks, Options, frequencies, random);
                loss.Backward();
                optimizer.Step();
                optimizer.ZeroGrad();
                sum += loss.Data[0];
                count++;
            }
            losses.Add((float)(sum / Math.Max(count, 1)));
            progress?.Report((epoch + 1, losses[^1]));
        }
        model.Eval();
        return new PretrainedFgBert(Options, encoder, model, losses);
    }
}
