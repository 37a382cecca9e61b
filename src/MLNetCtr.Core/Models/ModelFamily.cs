using System.Text.Json;
using MLNetCtr.Data;
using MLNetCtr.Training;

namespace MLNetCtr.Models;

/// <summary>
/// A kind of model a file can hold: its id (as in <c>mlnetctr train --trainer &lt;id&gt;</c> and in model files),
/// its options type, and how to build its untrained network from fitted data and options.
/// </summary>
public sealed class ModelFamily
{
    private readonly Func<DataEncoder, TrainingOptions, CtrModel> _create;
    private readonly Action<CtrModel, DataEncoder, TrainingOptions>? _prepare;

    private ModelFamily(string id, Type optionsType, Func<DataEncoder, TrainingOptions, CtrModel> create, Action<CtrModel, DataEncoder, TrainingOptions>? prepare)
    {
        Id = id;
        OptionsType = optionsType;
        _create = create;
        _prepare = prepare;
    }

    /// <summary>The family's id, e.g. <c>"logistic-regression"</c>.</summary>
    public string Id { get; }

    /// <summary>The options record of the family's trainer.</summary>
    public Type OptionsType { get; }

    /// <summary>
    /// Describes a family whose trainer takes <typeparamref name="TOptions"/>. <paramref name="prepare"/>, if given, runs
    /// on a fresh network before training only (never when a saved model is loaded): e.g. loading pretrained weights.
    /// </summary>
    public static ModelFamily Create<TOptions>(string id, Func<DataEncoder, TOptions, CtrModel> create, Action<CtrModel, DataEncoder, TOptions>? prepare = null)
        where TOptions : TrainingOptions, new()
        => new(id, typeof(TOptions), (encoder, options) => create(encoder, (TOptions)options),
            prepare is null ? null : (network, encoder, options) => prepare(network, encoder, (TOptions)options));

    /// <summary>The untrained network for <paramref name="encoder"/>'s schema; initialization is seeded by the options.</summary>
    public CtrModel CreateModel(DataEncoder encoder, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (!OptionsType.IsInstanceOfType(options))
        {
            throw new ArgumentException($"Family '{Id}' takes {OptionsType.Name}, not {options.GetType().Name}.", nameof(options));
        }
        return _create(encoder, options);
    }

    /// <summary>
    /// Trains a network of this family on <paramref name="train"/> (validating on <paramref name="validation"/> when
    /// given) and bundles it with what it was trained with.
    /// </summary>
    public (CtrPredictionModel Model, TrainingResult Result) Fit(CtrDataset train, DataEncoder encoder, CtrDataset? validation,
        TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        CtrModel network = CreateModel(encoder, options);
        _prepare?.Invoke(network, encoder, options);
        TrainingResult result = TrainingLoop.Run(network, train, validation, options, progress, cancellationToken);
        return (new CtrPredictionModel(this, options, encoder, network, result.History, Evaluation.ItemFrequency.Count(train)), result);
    }

    /// <summary>The family's default options.</summary>
    public TrainingOptions DefaultOptions() => (TrainingOptions)Activator.CreateInstance(OptionsType)!;

    /// <summary>Options from JSON in the schema's JSON style (camelCase, enums as strings); absent properties keep their defaults.</summary>
    public TrainingOptions OptionsFromJson(string json) =>
        (TrainingOptions?)JsonSerializer.Deserialize(json, OptionsType, DatasetSchema.JsonOptions)
        ?? throw new InvalidDataException($"The options of family '{Id}' are null.");

    /// <summary>Options as JSON, the inverse of <see cref="OptionsFromJson"/>.</summary>
    public string OptionsToJson(TrainingOptions options) => JsonSerializer.Serialize(options, OptionsType, DatasetSchema.JsonOptions);
}
