using System.CommandLine;
using MLNetCtr.Models;
using MLNetCtr.Serving.Onnx;

namespace MLNetCtr.Cli.Commands;

/// <summary><c>mlnetctr export-onnx</c>: writes a saved model as an ONNX file, with its encoder's vocabularies as JSON beside it.</summary>
internal static class ExportOnnxCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "A model file saved by 'mlnetctr train'.", HelpName = "file", Required = true };
        var output = new Option<string>("--out") { Description = "The ONNX file to write (opset 17); the encoder JSON goes beside it as <name>.encoder.json.", HelpName = "file.onnx", Required = true };
        var command = new Command("export-onnx", "Export a saved model to ONNX, for ONNX Runtime and other ONNX engines.")
        {
            Options = { model, output },
        };
        command.SetAction(parsed => Run(context, parsed.GetValue(model)!, parsed.GetValue(output)!));
        return command;
    }

    private static int Run(CliContext context, string modelPath, string outputPath)
    {
        CtrPredictionModel model = CtrPredictionModel.LoadFrom(modelPath);
        OnnxExporter.Export(model, outputPath);
        context.WriteLine($"Wrote {Path.GetFullPath(outputPath)} (inputs: encoded columns; outputs: {string.Join(", ", model.Tasks.Select(t => t.Name + OnnxExporter.ScoreSuffix))}, …).");
        context.WriteLine($"Wrote the encoder to {Path.GetFullPath(OnnxExporter.EncoderPathFor(outputPath))}.");
        return CliApp.Success;
    }
}
