using System.Buffers.Binary;
using System.IO.Compression;

namespace MLNetCtr.Cli.Tests.Browser;

/// <summary>
/// Just enough of a PNG decoder to look at a browser screenshot: 8-bit RGB or RGBA, not interlaced (what Chromium
/// writes). Reads the IHDR and IDAT chunks, inflates, and undoes the five per-row filters of the PNG specification.
/// </summary>
public sealed class PngPixels
{
    private readonly byte[] _pixels;   // (height, width, channels) row-major
    private readonly int _channels;

    private PngPixels(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        _channels = channels;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The RGB color of every pixel, packed as 0xRRGGBB.</summary>
    public IEnumerable<int> Colors()
    {
        for (int i = 0; i < _pixels.Length; i += _channels)
        {
            yield return (_pixels[i] << 16) | (_pixels[i + 1] << 8) | _pixels[i + 2];
        }
    }

    public static PngPixels Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        Assert.True(file.AsSpan(0, 8).SequenceEqual((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]), $"{path} is not a PNG file.");
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (int offset = 8; offset < file.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(file, offset + 4, 4);
            ReadOnlySpan<byte> data = file.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                Assert.True(data[8] == 8 && data[12] == 0 && data[9] is 2 or 6, $"Only 8-bit non-interlaced RGB/RGBA is decoded; got depth {data[8]}, color type {data[9]}, interlace {data[12]}.");
                channels = data[9] == 2 ? 3 : 4;
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }
            offset += 12 + length;   // length, type, data, CRC
        }
        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }
        return new PngPixels(width, height, channels, Unfilter(inflated.ToArray(), width, height, channels));
    }

    /// <summary>Each row is a filter byte then the filtered bytes; filters predict from the left (a), above (b) and upper-left (c) bytes.</summary>
    private static byte[] Unfilter(byte[] filtered, int width, int height, int channels)
    {
        int stride = width * channels;
        Assert.Equal((long)height * (stride + 1), filtered.Length);
        var pixels = new byte[height * stride];
        for (int row = 0; row < height; row++)
        {
            byte filter = filtered[row * (stride + 1)];
            for (int i = 0; i < stride; i++)
            {
                int x = filtered[(row * (stride + 1)) + 1 + i];
                int a = i >= channels ? pixels[(row * stride) + i - channels] : 0;
                int b = row > 0 ? pixels[((row - 1) * stride) + i] : 0;
                int c = row > 0 && i >= channels ? pixels[((row - 1) * stride) + i - channels] : 0;
                int prediction = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG row {row} has unknown filter {filter}."),
                };
                pixels[(row * stride) + i] = (byte)(x + prediction);
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
