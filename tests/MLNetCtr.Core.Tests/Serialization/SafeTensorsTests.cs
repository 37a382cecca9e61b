using System.Text;
using MLNetCtr.Serialization;

namespace MLNetCtr.Tests.Serialization;

public sealed class SafeTensorsTests
{
    private static readonly NamedArray[] Arrays =
    [
        new("tower.0.weight", [2, 3], [1, 2, 3, 4, 5, 6]),
        new("bias", [1], [-0.5f]),
        new("empty", [0, 4], []),
    ];

    [Fact]
    public void WriteRead_RoundTripsArraysAndMetadataInOrder()
    {
        var stream = new MemoryStream();
        SafeTensors.Write(stream, Arrays, new Dictionary<string, string> { ["family"] = "LogisticRegression" });
        stream.Position = 0;

        var (arrays, metadata) = SafeTensors.Read(stream);

        Assert.Equal(Arrays.Select(a => a.Name), arrays.Select(a => a.Name));
        for (int i = 0; i < Arrays.Length; i++)
        {
            Assert.Equal(Arrays[i].Shape, arrays[i].Shape);
            Assert.Equal(Arrays[i].Data, arrays[i].Data);
        }
        Assert.Equal("LogisticRegression", metadata["family"]);
    }

    [Fact]
    public void Write_FollowsTheSafetensorsLayout()
    {
        var stream = new MemoryStream();
        SafeTensors.Write(stream, [new NamedArray("w", [2], [1f, 2f])]);
        byte[] bytes = stream.ToArray();
        long n = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(0, n % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)n).TrimEnd();
        Assert.Equal("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", header);
        Assert.Equal(8 + n + 8, bytes.Length);
        Assert.Equal(2f, BitConverter.ToSingle(bytes, (int)(8 + n + 4)));
    }

    [Fact]
    public void Read_Truncated_ThrowsNamingWhatWasCut()
    {
        var stream = new MemoryStream();
        SafeTensors.Write(stream, Arrays);
        byte[] cut = stream.ToArray()[..^5];
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new MemoryStream(cut)));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("tower.0.weight", e.Message);
    }

    [Fact]
    public void Read_GarbageHeader_IsRefused()
    {
        byte[] bytes = [.. BitConverter.GetBytes(8L), .. "{{{{{{{{"u8.ToArray()];
        Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new MemoryStream(bytes)));
        byte[] huge = [.. BitConverter.GetBytes(long.MaxValue)];
        Assert.Contains("implausible", Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new MemoryStream(huge))).Message);
    }
}
