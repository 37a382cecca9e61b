using System.Text;
using MLNetCtr.Data;

namespace MLNetCtr.Cli.Tests.Commands;

[Collection(LinearDataCollection.Name)]
public sealed class ExportOnnxCommandTests(LinearDataFixture data)
{
    [Fact]
    public void ExportOnnx_SavedModel_WritesTheOnnxFileAndTheEncoderBesideIt()
    {
        string onnxPath = data.Scratch("lr.onnx");
        string encoderPath = Path.ChangeExtension(onnxPath, ".encoder.json");

        CliRun run = CliRunner.Succeed("export-onnx", "--model", data.ModelPath, "--out", onnxPath);

        byte[] onnx = File.ReadAllBytes(onnxPath);
        Assert.Equal(new byte[] { 0x08, 0x08 }, onnx[..2]);   // field 1 (ir_version), varint 8: an ONNX ModelProto of IR version 8
        Assert.Contains("click.Score", Encoding.UTF8.GetString(onnx));
        Assert.Contains("click", DataEncoder.FromJson(File.ReadAllText(encoderPath)).Schema.Labels.Select(c => c.Name));
        Assert.Contains(Path.GetFullPath(onnxPath), run.Stdout);
        Assert.Contains(Path.GetFullPath(encoderPath), run.Stdout);
    }

    [Fact]
    public void ExportOnnx_NotAModelFile_IsOneLineNamingTheFile()
    {
        string onnxPath = data.Scratch("bad.onnx");

        CliRun run = CliRunner.Run("export-onnx", "--model", data.File("schema.json"), "--out", onnxPath);

        Assert.Equal(CliApp.Failure, run.ExitCode);
        Assert.Contains(data.File("schema.json"), run.SingleErrorLine);
        Assert.False(File.Exists(onnxPath));
    }

    [Fact]
    public void ExportOnnx_WithoutOut_IsAUsageError()
    {
        CliRun run = CliRunner.Run("export-onnx", "--model", data.ModelPath);

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("--out", run.SingleErrorLine);
    }
}
