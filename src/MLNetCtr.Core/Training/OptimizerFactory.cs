using MLNetCtr.Models;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;

namespace MLNetCtr.Training;

/// <summary>Builds the optimizer named by <see cref="TrainingOptions.Optimizer"/>: dense parameters and embedding tables in separate groups, each with its own weight decay.</summary>
internal static class OptimizerFactory
{
    public static Optimizer Create(CtrModel model, TrainingOptions options)
    {
        Tensor[] parameters = model.Parameters().Where(p => p.RequiresGrad).ToArray();
        ParameterGroup[] groups =
        [
            .. Group(parameters.Where(p => p.TouchedRows is null), options.WeightDecay),
            .. Group(parameters.Where(p => p.TouchedRows is not null), options.EmbeddingWeightDecay),
        ];
        float lr = options.LearningRate;
        return options.Optimizer switch
        {
            OptimizerKind.Adam => new Adam(groups, new AdamOptions { LearningRate = lr }),
            OptimizerKind.AdamW => new AdamW(groups, new AdamWOptions { LearningRate = lr }),
            OptimizerKind.Adagrad => new Adagrad(groups, new AdagradOptions { LearningRate = lr }),
            OptimizerKind.Sgd => new Sgd(groups, new SgdOptions { LearningRate = lr, Momentum = 0.9f }),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
        };
    }

    private static IEnumerable<ParameterGroup> Group(IEnumerable<Tensor> parameters, float weightDecay)
    {
        Tensor[] list = parameters.ToArray();
        return list.Length == 0 ? [] : [new ParameterGroup(list) { WeightDecay = weightDecay }];
    }
}
