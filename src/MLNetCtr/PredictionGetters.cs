using Microsoft.ML;
using MLNetCtr.Serving;

namespace MLNetCtr;

/// <summary>Value getters of prediction columns: <c>Single</c> for scores and probabilities, <c>Boolean</c> for predicted labels.</summary>
internal static class PredictionGetters
{
    /// <summary>The getter of <paramref name="column"/>, reading the task output from <paramref name="score"/>.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="TValue"/> is not the column's type.</exception>
    public static ValueGetter<TValue> For<TValue>(PredictionColumn column, Func<float> score)
    {
        Delegate getter = column.Kind == PredictionKind.PredictedLabel
            ? (ValueGetter<bool>)((ref bool value) => value = column.ValueOf(score()) > 0f)
            : (ValueGetter<float>)((ref float value) => value = column.ValueOf(score()));
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds {(column.Kind == PredictionKind.PredictedLabel ? "Boolean" : "Single")} values, not {typeof(TValue).Name}.");
    }
}
