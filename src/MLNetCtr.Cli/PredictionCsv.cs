using MLNetCtr.Data;
using MLNetCtr.Serialization;
using MLNetCtr.Serving;

namespace MLNetCtr.Cli;

/// <summary>
/// Writes scored rows to a CSV file, atomically: first the kept input columns (verbatim, quoted only when needed), then
/// the prediction columns of every task named as the ML.NET skin names them (<see cref="PredictionColumns.For"/>).
/// Scores and probabilities are written in the invariant culture in their shortest round-trip form, so parsing them
/// gives back the same floats; predicted labels as <c>true</c>/<c>false</c>.
/// </summary>
/// <remarks>
/// <code>
///   id,Score,Probability,PredictedLabel                   single task
///   r1,-2.7573054,0.059681766,false
///   id,click.Score,click.Probability,click.PredictedLabel,…,dwell_time.Score   multi-task (a regression task: Score only)
/// </code>
/// </remarks>
internal static class PredictionCsv
{
    /// <summary>
    /// Writes one line per scored row, in row order: <paramref name="scores"/> is <c>[task][row]</c>; with
    /// <paramref name="kept"/>, <paramref name="lineNumbers"/> gives the file line of each row, where its kept cells are read.
    /// </summary>
    public static void Write(string path, IReadOnlyList<PredictionColumn> columns, float[][] scores, KeptColumnReader? kept, IReadOnlyList<long>? lineNumbers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(scores.Length);
        if (kept is not null && lineNumbers?.Count != scores[0].Length)
        {
            throw new ArgumentException($"Kept columns need the file line of each of the {scores[0].Length} rows; got {lineNumbers?.Count.ToString() ?? "none"}.", nameof(lineNumbers));
        }
        AtomicFile.Write(path, stream =>
        {
            using var csv = new CsvRowWriter(stream, [.. kept?.Names ?? [], .. columns.Select(c => c.Name)], ',');
            for (int row = 0; row < scores[0].Length; row++)
            {
                if (kept is not null)
                {
                    kept.MoveTo(lineNumbers![row]);
                    for (int i = 0; i < kept.Names.Count; i++)
                    {
                        csv.Text(kept[i].ToString());
                    }
                }
                foreach (PredictionColumn column in columns)
                {
                    float value = column.ValueOf(scores[column.Task][row]);
                    if (column.Kind == PredictionKind.PredictedLabel)
                    {
                        csv.Text(value > 0f ? "true" : "false");
                    }
                    else
                    {
                        csv.Number(value);
                    }
                }
                csv.EndRow();
            }
        });
    }
}
