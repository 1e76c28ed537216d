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
