using System.Diagnostics;
using MLNetCtr.Data;
using MLNetCtr.Models;

namespace MLNetCtr.Cli.Tests.Commands;

/// <summary>
/// A real <c>mlnetctr train</c> process (<c>dotnet mlnetctr.dll</c>) is killed while it writes a large model over an
/// existing one: the atomic save must leave the previous model loadable and unchanged, and the next save removes the
/// killed one's temporary.
/// </summary>
[Collection(LinearDataCollection.Name)]
public sealed class SaveKilledTests(LinearDataFixture data)
{
    [Fact]
    public void Train_KilledWhileSavingOverAModel_LeavesThePreviousModelIntact()
    {
        string path = data.Scratch("killed.mlnetctr");
        File.Copy(data.ModelPath, path);
        byte[] before = File.ReadAllBytes(path);
        using Process child = StartTrain(path);

        bool killedMidSave = KillOnceTheSaveHasStarted(child, path);

        Assert.True(killedMidSave, "The child process exited before its save began writing; the model is too small to catch it mid-save.");
        Assert.NotEqual(0, child.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(path));
        CtrPredictionModel loaded = CtrPredictionModel.LoadFrom(path);
        CtrDataset test = loaded.Load(data.File("test.csv"));
        Assert.Equal(CtrPredictionModel.LoadFrom(data.ModelPath).Score(test), loaded.Score(test));

        Assert.NotEmpty(Temporaries(path));
        loaded.Save(path);
        Assert.Empty(Temporaries(path));
    }

    private static IEnumerable<FileInfo> Temporaries(string path) =>
        new DirectoryInfo(Path.GetDirectoryName(path)!).EnumerateFiles("." + Path.GetFileName(path) + ".*.tmp");

    /// <summary>An FM with wide embeddings (about 10 MB of weights, so the zip takes a while to write), trained briefly on the validation split.</summary>
    private Process StartTrain(string modelOut)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])[Path.Combine(AppContext.BaseDirectory, "mlnetctr.dll"), "train", "--trainer", "fm",
            "--schema", data.File("schema.json"), "--train", data.File("valid.csv"), "--set", "EmbeddingDimension=1024", "--set", "NumberOfEpochs=1",
            "--model-out", modelOut])
        {
            start.ArgumentList.Add(argument);
        }
        Process child = Process.Start(start)!;
        child.OutputDataReceived += (_, _) => { };
        child.ErrorDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }

    /// <summary>Watches for the save's temporary file beside <paramref name="path"/> and kills the child as soon as it holds data; false if the child exits first.</summary>
    private static bool KillOnceTheSaveHasStarted(Process child, string path)
    {
        while (!child.HasExited)
        {
            if (Temporaries(path).Any(f => f.Length > 0))
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
                return true;
            }
            Thread.Sleep(1);
        }
        return false;
    }
}
