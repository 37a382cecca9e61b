using MLNetCtr.Tests.TestKit;
using MLNetCtr.Text;

namespace MLNetCtr.Tests.Text;

public sealed class BaheBehaviorEncoderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bahe-table-").FullName;

    private static readonly string[] s_texts = ["bought Starbucks coffee", "ordered an espresso", "rented a horror movie", "bought Starbucks coffee"];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Encode_SecondRun_EncodesNothingAndKeepsVectors()
    {
        var encoder = new BaheBehaviorEncoder(UseLiteModel.Encoder, new BaheEncoderOptions { BatchSize = 2 });
        string path = Path.Combine(_folder, "behaviors.db");
        BehaviorTable table = encoder.OpenTable(path);
        var reports = new List<BehaviorEncodingProgress>();
        Assert.Equal(3, encoder.Encode(table, s_texts, new SynchronousProgress<BehaviorEncodingProgress>(reports.Add)));
        Assert.Equal(new BehaviorEncodingProgress(3, 3), reports[^1]);

        BehaviorTable reopened = encoder.OpenTable(path);   // a later run
        Assert.Equal(0, encoder.Encode(reopened, s_texts));
        Assert.Equal(3, reopened.Count);
        Assert.Equal(Vectors(table), Vectors(reopened));
        Assert.Equal(1, encoder.Encode(reopened, ["watched a football game on TV", "ordered an espresso"]));
        Assert.Equal(4, reopened.Count);
    }

    [Fact]
    public void Add_AfterAnotherWriterAppended_ReadsItsRowsFirst()
    {
        string path = Path.Combine(_folder, "shared.db");
        BehaviorTable first = BehaviorTable.Open(path, 2, "test"), second = BehaviorTable.Open(path, 2, "test");
        first.Add(["a"], [1f, 2f]);
        Assert.Equal([2], second.Add(["b", "a"], [3f, 4f, 9f, 9f]).Take(1));
        Assert.Equal(1, second.Add(["a"], [9f, 9f])[0]);
        Assert.Equal([1f, 2f], second.VectorOf(1).ToArray());
        Assert.Equal("b", BehaviorTable.Open(path, 2, "test").TextOf(2));
    }

    [Fact]
    public void Encode_Vector_IsMeanOfLayerZeroStates()
    {
        var encoder = new BaheBehaviorEncoder(UseLiteModel.Encoder);
        BehaviorTable table = encoder.OpenTable(Path.Combine(_folder, "one.db"));
        encoder.Encode(table, ["bought Starbucks coffee"]);
        Assert.True(table.TryGetId("bought Starbucks coffee", out int id));
        var golden = Fixtures.Load("use-lite/golden_intermediates.json").GetProperty("layer0_out").GetProperty("data").Floats();
        for (int d = 0; d < 512; d += 37)
        {
            float mean = Enumerable.Range(0, 6).Average(t => golden[t * 512 + d]);
            Assert.InRange(table.VectorOf(id)[d], mean - 1e-4f, mean + 1e-4f);
        }
    }

    [Fact]
    public void Encode_ParallelAndSerial_GiveSameIdsAndVectors()
    {
        string[] texts = [.. Enumerable.Range(0, 12).Select(i => $"bought {i} cups of coffee")];
        var parallel = new BaheBehaviorEncoder(UseLiteModel.Encoder, new BaheEncoderOptions { BatchSize = 2, DegreeOfParallelism = 4 });
        var serial = new BaheBehaviorEncoder(UseLiteModel.Encoder, new BaheEncoderOptions { BatchSize = 5, DegreeOfParallelism = 1 });
        BehaviorTable a = parallel.OpenTable(Path.Combine(_folder, "a.db")), b = serial.OpenTable(Path.Combine(_folder, "b.db"));
        parallel.Encode(a, texts);
        serial.Encode(b, texts);
        Assert.Equal(Enumerable.Range(1, 12).Select(a.TextOf), Enumerable.Range(1, 12).Select(b.TextOf));
        Assert.Equal(Vectors(a), Vectors(b));   // bit for bit: a vector does not depend on its batch
    }

    [Fact]
    public void EncodeBatch_TextBesideLongerTexts_GivesBitForBitTheVectorItGetsAlone()
    {
        var encoder = new BaheBehaviorEncoder(UseLiteModel.Encoder);   // layer 0 frozen: padding would change the attention's rounding
        string text = "ordered an espresso";
        float[] alone = encoder.EncodeBatch([text]).Data;
        float[] mixed = encoder.EncodeBatch(["searched for waterproof trail running shoes for the winter", text, "bought Starbucks coffee", text]).Data;

        Assert.Equal(alone, mixed.AsSpan(512, 512).ToArray());
        Assert.Equal(alone, mixed.AsSpan(3 * 512, 512).ToArray());
    }

    [Fact]
    public void Encode_TableVectors_EqualEachTextEncodedAlone()
    {
        string[] texts = ["rented a horror movie", "searched for waterproof trail running shoes for the winter", "bought Starbucks coffee", "ordered an espresso", "tea"];
        var encoder = new BaheBehaviorEncoder(UseLiteModel.Encoder, new BaheEncoderOptions { BatchSize = 3 });
        BehaviorTable table = encoder.OpenTable(Path.Combine(_folder, "alone.db"));
        encoder.Encode(table, texts);

        Assert.All(texts, t => Assert.Equal(encoder.EncodeBatch([t]).Data, table.VectorOf(table.TryGetId(t, out int id) ? id : -1).ToArray()));
    }

    [Fact]
    public void Open_OtherEncoder_ThrowsNamingBoth()
    {
        string path = Path.Combine(_folder, "mixed.db");
        BehaviorTable.Open(path, 512, BaheBehaviorEncoder.IdentityOf(1));
        var error = Assert.Throws<InvalidDataException>(() => BehaviorTable.Open(path, 256, BaheBehaviorEncoder.IdentityOf(0)));
        Assert.Contains("512-d vectors from 'use-lite/frozen-layers=1'", error.Message);
    }

    private static float[] Vectors(BehaviorTable table) =>
        [.. Enumerable.Range(1, table.Count).SelectMany(id => table.VectorOf(id).ToArray())];

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
