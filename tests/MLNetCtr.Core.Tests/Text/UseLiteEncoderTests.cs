using System.Text.Json;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;
using MLNetCtr.Text;

namespace MLNetCtr.Tests.Text;

/// <summary>The port against TensorFlow.js outputs (Fixtures/use-lite, copied from the shared fixtures).</summary>
public sealed class UseLiteEncoderTests
{
    [Fact]
    public void EmbedSentences_GoldenSentences_MatchTensorFlowJsTo1e5()
    {
        JsonElement golden = Fixtures.Load("use-lite/golden_embeddings.json");
        string[] sentences = [.. golden.GetProperty("sentences").EnumerateArray().Select(s => s.GetString()!)];
        Tensor embeddings = UseLiteModel.Encoder.EmbedSentences(sentences);
        float[][] expected = [.. golden.GetProperty("embeddings").EnumerateArray().Select(e => e.Floats())];
        Assert.Equal([sentences.Length, 512], embeddings.Shape.ToArray());
        for (int i = 0; i < sentences.Length; i++)
        {
            AssertClose(expected[i], embeddings.Data.AsSpan(i * 512, 512), 1e-5, sentences[i]);
        }
    }

    [Fact]
    public void Forward_Intermediates_MatchTensorFlowJsTo1e4()
    {
        JsonElement golden = Fixtures.Load("use-lite/golden_intermediates.json");
        UseLiteEncoder encoder = UseLiteModel.Encoder;
        using var noGrad = GradMode.NoGrad();
        TokenBatch tokens = encoder.Tokenize([golden.GetProperty("sentence").GetString()!]);
        Assert.Equal(golden.GetProperty("token_ids").EnumerateArray().Select(i => i.GetInt32()), tokens.Ids);
        Tensor embedded = encoder.Embed(tokens);
        Tensor layer0 = encoder.RunLayers(embedded, tokens, 0, 1);
        Tensor layer1 = encoder.RunLayers(layer0, tokens, 1, 1);
        Tensor pooled = MaskedMeanPooling.Forward(layer1, tokens.Lengths);
        Tensor final = encoder.Finish(pooled);
        foreach ((string name, Tensor actual) in (ReadOnlySpan<(string, Tensor)>)[("embed_plus_timing", embedded), ("layer0_out", layer0), ("layer1_out", layer1), ("mean_pooled", pooled), ("final_l2norm", final)])
        {
            JsonElement expected = golden.GetProperty(name);
            Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()), actual.Shape.ToArray());
            AssertClose(expected.GetProperty("data").Floats(), actual.Data, 1e-4, name);
        }
    }

    [Fact]
    public void EmbedSentences_Paraphrases_AreCloserThanUnrelatedSentences()
    {
        Tensor e = UseLiteModel.Encoder.EmbedSentences(["bought Starbucks coffee", "purchased a latte at a cafe", "watched a football game on TV"]);
        float Cosine(int a, int b) => System.Numerics.Tensors.TensorPrimitives.Dot(e.Data.AsSpan(a * 512, 512), e.Data.AsSpan(b * 512, 512));
        Assert.InRange(Cosine(0, 1), 0.74, 0.755);
        Assert.InRange(Cosine(0, 2), 0.21, 0.22);
    }

    [Fact]
    public void EmbedSentences_PaddedBatch_EqualsOneByOne()
    {
        string[] texts = ["ordered an espresso", "purchased a latte at a cafe"];
        Tensor batched = UseLiteModel.Encoder.EmbedSentences(texts);
        Tensor single = UseLiteModel.Encoder.EmbedSentences([texts[0]]);
        AssertClose(single.Data, batched.Data.AsSpan(0, 512), 1e-6, texts[0]);
    }

    [Fact]
    public void Load_InsideATensorScope_KeepsItsStateAfterTheScopeEnds()
    {
        var pool = new BufferPool();
        UseLiteEncoder encoder;
        using (TensorScope.Begin(pool))   // as when BAHE loads the encoder lazily during a training step
        {
            encoder = UseLiteEncoder.Load(UseLiteModel.Directory());
        }
        using (TensorScope.Begin(pool))   // a later step rents the lengths the pool holds and overwrites them
        {
            Tensor.Full(7f, UseLiteEncoder.EmbeddingDim / 2);
        }
        string[] texts = ["bought Starbucks coffee"];
        Assert.Equal(UseLiteModel.Encoder.EmbedSentences(texts).Data, encoder.EmbedSentences(texts).Data);
    }

    [Fact]
    public void Load_MissingFolder_ThrowsNamingTheFetchScript()
    {
        var error = Assert.Throws<FileNotFoundException>(() => UseLiteEncoder.Load(Path.Combine(Path.GetTempPath(), "no-such-use-lite")));
        Assert.Contains("fetch-use-lite.sh", error.Message);
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        int at = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]);
            if (error > worst)
            {
                (worst, at) = (error, i);
            }
        }
        Assert.True(worst <= tolerance, $"{what}: max |error| {worst:E3} at {at} (expected {expected[at]}, got {actual[at]}) > {tolerance:E0}");
    }
}
