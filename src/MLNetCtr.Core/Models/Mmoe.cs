using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;

namespace MLNetCtr.Models;

/// <summary>
/// Multi-task ranking: MMoE (Ma et al., KDD 2018), its one-gate baseline OMoE, shared-bottom (Caruana, 1997) or PLE (Tang et al., RecSys 2020)
/// over shared field embeddings, one tower per task, with YouTube's shallow position-bias tower (Zhao et al., RecSys
/// 2019) and an optional DUPN user representation (Ni et al., KDD 2018):
/// <code>
///   x          = [flatten(e); DUPN(behaviors | profile)]        e = field embeddings (B, F, D)
///   f_1 … f_T  = bottom(x)                                      shared-bottom, MMoE or PLE
///   y_t        = tower_t(f_t)  (+ bias(position, device) for the bias task, in training only)
/// </code>
/// Tasks are the schema's labels: binary ones output logits (BCE), numeric ones values (MSE), each with a loss weight.
/// </summary>
public sealed class Mmoe : CtrModel, IOnnxExportable
{
    private readonly FeatureEmbedding _embedding;          // ids → (B, F, D)
    private readonly BehaviorSequenceEncoder? _behaviors;  // sequences, (B, F, D) → (B, H_b)
    private readonly MixtureOfExperts? _mixture;           // shared-bottom, MMoE and OMoE: (B, in) → T × (B, H)
    private readonly ProgressiveLayeredExtraction? _ple;   // PLE: (B, in) → T × (B, H)
    private readonly ModuleList<TaskTower> _towers;        // (B, H) → (B, 1) each
    private readonly ShallowBiasTower? _biasTower;         // position, device → (B, 1)
    private readonly int _biasTask;

    /// <summary>Creates the network for the features and labels of <paramref name="encoder"/>'s schema, initialized from the options' <c>Seed</c>.</summary>
    public Mmoe(DataEncoder encoder, MmoeOptions options, MultitaskStructure structure)
        : base((options ?? throw new ArgumentNullException(nameof(options))).TasksOf(encoder))
    {
        if (!Enum.IsDefined(structure))
        {
            throw new ArgumentOutOfRangeException(nameof(structure), structure, $"Unknown multi-task structure {(int)structure}.");
        }
        var random = new Random(options.Seed);
        Structure = structure;
        _embedding = Register("embedding", new FeatureEmbedding(encoder, options.EmbeddingDimension, random));
        int width = _embedding.Fields.Count * options.EmbeddingDimension;
        if (options.BehaviorSequence is { } sequence)
        {
            _behaviors = Register("behaviors", new BehaviorSequenceEncoder(_embedding, sequence, options.BehaviorHiddenSize, random));
            width += _behaviors.OutFeatures;
        }
        IReadOnlyList<int> experts = options.ExpertHiddenLayers;
        _ple = structure == MultitaskStructure.Ple
            ? Register("ple", new ProgressiveLayeredExtraction(width, Tasks.Count, options.PleLevels, options.TaskExpertCount, options.ExpertCount, experts, random, options.Dropout))
            : null;
        _mixture = structure == MultitaskStructure.Ple ? null
            : Register("mixture", new MixtureOfExperts(width, structure == MultitaskStructure.SharedBottom ? 1 : options.ExpertCount, Tasks.Count, experts, random, options.Dropout,
                sharedGate: structure == MultitaskStructure.Omoe));
        _towers = Register("towers", new ModuleList<TaskTower>(Tasks.Select(t => new TaskTower(t, experts[^1], options.TowerHiddenLayers, random, options.Dropout))));
        IReadOnlyList<string> biasColumns = ShallowBiasTower.ColumnsFor(encoder.Schema, options);
        if (biasColumns.Count > 0)
        {
            _biasTower = Register("biasTower", new ShallowBiasTower(encoder, biasColumns, options, random));
            _biasTask = ShallowBiasTower.TaskIndex(Tasks, options.BiasTowerTask);
        }
    }

    /// <summary>How the bottom is shared between the tasks.</summary>
    public MultitaskStructure Structure { get; }

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch)
    {
        Tensor fields = _embedding.Forward(batch);                                                   // (B, F, D)
        Tensor x = fields.Flatten(1);                                                                // (B, F·D)
        x = _behaviors is null ? x : Ops.Concat([x, _behaviors.Forward(batch, fields)], axis: 1);    // (B, F·D + H_b)
        Tensor[] shared = Structure switch
        {
            MultitaskStructure.Ple => _ple!.Forward(x),                                              // T × (B, H)
            _ => _mixture!.Forward(x),                                                               // T × (B, H), one expert for shared-bottom, one gate for OMoE
        };
        var outputs = new Tensor[Tasks.Count];
        for (int t = 0; t < outputs.Length; t++)
        {
            outputs[t] = _towers[t].Forward(shared[t], batch);                                       // (B, 1)
        }
        if (_biasTower?.Forward(batch) is { } bias)
        {
            outputs[_biasTask] = outputs[_biasTask] + bias;                                          // (B, 1): training, or a serving position
        }
        return outputs.Length == 1 ? outputs[0] : Ops.Concat(outputs, axis: 1);                     // (B, T)
    }

    string IOnnxExportable.ExportOnnx(OnnxGraph graph)
    {
        string fields = graph.Embed(_embedding, "embedding");                                                          // (B, F, D)
        string x = graph.Flatten(fields);                                                                              // (B, F·D)
        x = _behaviors is null ? x : graph.Concat([x, _behaviors.ExportOnnx(graph, fields, "behaviors")], axis: 1);    // (B, F·D + H_b)
        string[] shared = Structure == MultitaskStructure.Ple ? graph.Ple(_ple!, x, "ple") : graph.MixtureOfExperts(_mixture!, x, "mixture");   // T × (B, H)
        string[] outputs = [.. _towers.Select((tower, t) => tower.ExportOnnx(graph, shared[t], $"towers.{t}"))];        // T × (B, 1)
        if (_biasTower?.ExportOnnx(graph, "biasTower") is { } bias)
        {
            outputs[_biasTask] = graph.Add(outputs[_biasTask], bias);                                                   // (B, 1) at the serving position
        }
        return graph.Concat(outputs, axis: 1);                                                                          // (B, T)
    }

    /// <inheritdoc/>
    /// <remarks><c>Σ_t w_t · loss_t</c> over the tasks of positive weight; a regression loss is measured in its σ² (see the tower).</remarks>
    public override Tensor Loss(Tensor outputs, CtrBatch batch)
    {
        Tensor? total = null;
        for (int t = 0; t < Tasks.Count; t++)
        {
            if (Tasks[t].LossWeight > 0f)
            {
                Tensor loss = _towers[t].Loss(TaskColumn(outputs, t), batch) * Tasks[t].LossWeight;   // (1)
                total = total is null ? loss : total + loss;
            }
        }
        return total!;
    }
}
