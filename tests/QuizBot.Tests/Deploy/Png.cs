using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace QuizBot.Tests.Deploy;

// Just enough of a PNG decoder to check an icon: size and RGBA pixels of an 8-bit, non-interlaced RGB or RGBA
// image (what the icon script writes and what image editors write for icons). Anything else fails loudly.
internal sealed class Png
{
    private Png(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    // Width * Height * 4 bytes, row by row.
    public byte[] Rgba { get; }

    public static Png Read(byte[] file)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!file.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException("not a PNG file");
        }
        int width = 0, height = 0, channels = 0;
        using var packed = new MemoryStream();
        for (var at = 8; at < file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                var (depth, colour, interlace) = (data[8], data[9], data[12]);
                channels = (depth, colour, interlace) switch
                {
                    (8, 6, 0) => 4,
                    (8, 2, 0) => 3,
                    _ => throw new InvalidDataException($"PNG with bit depth {depth}, colour type {colour}, interlace {interlace} is not supported here"),
                };
            }
            else if (type == "IDAT")
            {
                packed.Write(data);
            }
            at += 12 + length;
        }

        packed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }
        return new Png(width, height, ToRgba(Unfilter(inflated.ToArray(), width, height, channels), channels));
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        var stride = width * bpp;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int left = x >= bpp ? pixels[y * stride + x - bpp] : 0;
                int up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int upLeft = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
                int predicted = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"unknown PNG filter {filter}"),
                };
                pixels[y * stride + x] = (byte)(raw[y * (stride + 1) + 1 + x] + predicted);
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] ToRgba(byte[] pixels, int channels)
    {
        if (channels == 4)
        {
            return pixels;
        }
        var rgba = new byte[pixels.Length / 3 * 4];
        for (int i = 0, j = 0; i < pixels.Length; i += 3, j += 4)
        {
            (rgba[j], rgba[j + 1], rgba[j + 2], rgba[j + 3]) = (pixels[i], pixels[i + 1], pixels[i + 2], 255);
        }
        return rgba;
    }
}
