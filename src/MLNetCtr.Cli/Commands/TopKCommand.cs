using System.CommandLine;
using System.Globalization;
using System.Text;
using MLNetCtr.Models;
using MLNetCtr.Serving;

namespace MLNetCtr.Cli.Commands;

/// <summary>
/// <c>mlnetctr topk</c>: for each request (user and context columns) the k items with the highest scores, by one user
/// vector per request and inner products against exported item vectors.
/// </summary>
internal static class TopKCommand
{
    private sealed record Arguments(string Model, string Items, string Users, int K, string? Task, string? Output);

    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "The two-tower model file the item vectors were exported from.", HelpName = "file", Required = true };
        var items = new Option<string>("--items") { Description = "Item vectors written by 'mlnetctr export-items'.", HelpName = "file", Required = true };
        var users = new Option<string>("--users") { Description = "Requests: a CSV with a header holding the schema's user and context columns, one request per row.", HelpName = "csv", Required = true };
        var k = new Option<int>("-k") { Description = "Items to return per request.", DefaultValueFactory = _ => 10 };
        var task = new Option<string?>("--task") { Description = "The task whose score ranks the items. Default: the model's first task.", HelpName = "name" };
        var output = new Option<string?>("--out") { Description = "Write the results to this CSV instead of standard output.", HelpName = "csv" };
        var command = new Command("topk", "Rank every exported item for each request and print the top k (two-tower models).")
        {
            Options = { model, items, users, k, task, output },
        };
        command.SetAction(parsed => Run(context, new Arguments(parsed.GetValue(model)!, parsed.GetValue(items)!, parsed.GetValue(users)!,
            parsed.GetValue(k), parsed.GetValue(task), parsed.GetValue(output))));
        return command;
    }

    private static int Run(CliContext context, Arguments a)
    {
        if (a.K <= 0)
        {
            throw new CliUsageException($"-k must be a positive number of items, got {a.K}.");
        }
        var serving = new TwoTowerServing(CtrPredictionModel.LoadFrom(a.Model), a.Task);
        ItemVectorTable items = ItemVectorTable.Load(a.Items);
        if (items.Family != serving.Model.Family.Id || items.Width != serving.Width)
        {
            throw new InvalidDataException($"The item vectors in '{a.Items}' (family '{items.Family}', width {items.Width}) do not belong to the model '{a.Model}' (family '{serving.Model.Family.Id}', width {serving.Width}); export them with this model.");
        }
        float[] users = serving.UserVectors(a.Users);
        int requests = users.Length / serving.Width;
        var csv = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"request,rank,{items.KeyColumn},score,probability");
        for (int r = 0; r < requests; r++)
        {
            IReadOnlyList<ItemScore> top = serving.TopK(users.AsSpan(r * serving.Width, serving.Width), items, a.K);
            for (int rank = 0; rank < top.Count; rank++)
            {
                float score = top[rank].Score;
                csv.AppendLine(CultureInfo.InvariantCulture, $"{r + 1},{rank + 1},{Quote(items.Keys[top[rank].Index])},{score:G6},{1 / (1 + MathF.Exp(-score)):G6}");
            }
        }
        if (a.Output is null)
        {
            context.Console.Profile.Out.Writer.Write(csv.ToString());
            return CliApp.Success;
        }
        File.WriteAllText(a.Output, csv.ToString());
        context.WriteLine($"Wrote the top {a.K} of {items.Count} items for {requests} requests ({serving.Task}) to {Path.GetFullPath(a.Output)}.");
        return CliApp.Success;
    }

    /// <summary>A CSV field: quoted when it holds a comma, a quote or a line break.</summary>
    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
