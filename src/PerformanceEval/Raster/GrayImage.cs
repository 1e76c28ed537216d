namespace PerformanceEval.Raster;

/// <summary>
/// An 8-bit gray raster as pdftoppm -gray writes it (binary PGM, P5). Parsed by hand because the format is a
/// three-field header and raw bytes; no imaging library is needed for finding ruling lines.
/// </summary>
internal sealed class GrayImage(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;
    public int Height { get; } = height;

    public bool IsDark(int x, int y, byte threshold) => pixels[y * Width + x] < threshold;

    /// <summary>The raw pixels, row after row.</summary>
    public ReadOnlySpan<byte> Pixels => pixels;

    /// <summary>The image turned clockwise by <paramref name="quarterTurns"/> quarter turns (0–3).</summary>
    public GrayImage Turned(int quarterTurns)
    {
        quarterTurns = ((quarterTurns % 4) + 4) % 4;
        if (quarterTurns == 0) return this;
        var (w, h) = quarterTurns == 2 ? (Width, Height) : (Height, Width);
        var turned = new byte[w * h];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
            {
                var (tx, ty) = quarterTurns switch
                {
                    1 => (Height - 1 - y, x),
                    2 => (Width - 1 - x, Height - 1 - y),
                    _ => (y, Width - 1 - x),
                };
                turned[ty * w + tx] = pixels[y * Width + x];
            }
        return new GrayImage(w, h, turned);
    }

    public static GrayImage ParsePgm(byte[] data)
    {
        var at = 0;
        string Token()
        {
            while (at < data.Length && (char.IsWhiteSpace((char)data[at]) || data[at] == '#'))
            {
                if (data[at] == '#') while (at < data.Length && data[at] != '\n') at++;
                else at++;
            }
            var start = at;
            while (at < data.Length && !char.IsWhiteSpace((char)data[at])) at++;
            return System.Text.Encoding.ASCII.GetString(data, start, at - start);
        }
        if (Token() != "P5") throw new InvalidDataException("not a binary PGM (P5) image");
        var width = int.Parse(Token());
        var height = int.Parse(Token());
        if (int.Parse(Token()) > 255) throw new InvalidDataException("16-bit PGM is not supported");
        at++; // the single white space after the header
        if (data.Length - at < width * height) throw new InvalidDataException("PGM image is truncated");
        return new GrayImage(width, height, data[at..(at + width * height)]);
    }
}
