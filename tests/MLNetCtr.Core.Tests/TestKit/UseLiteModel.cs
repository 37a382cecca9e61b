using MLNetCtr.Text;

namespace MLNetCtr.Tests.TestKit;

/// <summary>
/// Finds Universal Sentence Encoder lite for the tests that need real weights: <c>$MLNETCTR_MODELS/use-lite</c> if the
/// variable is set, else the first <c>.models/use-lite</c> walking up from the test folder. The encoder is loaded once.
/// A missing model FAILS the test (never skips it) and says how to fetch it.
/// </summary>
public static class UseLiteModel
{
    private static readonly Lazy<UseLiteEncoder> s_encoder = new(() => UseLiteEncoder.Load(Directory()));

    /// <summary>The shared, loaded encoder (evaluation mode; do not train it).</summary>
    public static UseLiteEncoder Encoder => s_encoder.Value;

    /// <summary>The folder holding model.json, its shards and vocab.json.</summary>
    public static string Directory()
    {
        string? root = Environment.GetEnvironmentVariable("MLNETCTR_MODELS");
        if (!string.IsNullOrEmpty(root))
        {
            return Checked(Path.Combine(root, "use-lite"), $"MLNETCTR_MODELS={root}");
        }
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, ".models", "use-lite");
            if (File.Exists(Path.Combine(candidate, "model.json")))
            {
                return candidate;
            }
        }
        Assert.Fail($"Universal Sentence Encoder lite was not found in .models/use-lite above {AppContext.BaseDirectory}. Run tools/fetch-use-lite.sh at the repository root (or set MLNETCTR_MODELS to a folder holding use-lite/).");
        return "";
    }

    private static string Checked(string directory, string origin)
    {
        Assert.True(File.Exists(Path.Combine(directory, "model.json")), $"{origin}: no model.json in {directory}. Run tools/fetch-use-lite.sh {directory}.");
        return directory;
    }
}
