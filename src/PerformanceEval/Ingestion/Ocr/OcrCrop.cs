using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>A region of a page as Tesseract is given it: padded with white, the cell's rules erased.</summary>
internal sealed record OcrCrop(byte[] Pixels, int Width, int Height)
{
    private const int Pad = 12;

    public static OcrCrop Cut(GrayImage image, OcrRequest r)
    {
        var (w, h) = (r.X1 - r.X0 + 2 * Pad, r.Y1 - r.Y0 + 2 * Pad);
        var buffer = new byte[w * h];
        Array.Fill(buffer, (byte)255);
        var source = image.Pixels;
        for (var y = r.Y0; y < r.Y1; y++)
            source.Slice(y * image.Width + r.X0, r.X1 - r.X0).CopyTo(buffer.AsSpan((y - r.Y0 + Pad) * w + Pad));
        EraseEdgeLines(buffer, w, h);
        return new OcrCrop(r.Despeckle ? Median3(buffer, w, h) : buffer, w, h);
    }

    /// <summary>
    /// A 3×3 median: a speck of dust or JPEG noise a pixel or two wide goes, strokes of a printed figure stay. Measured
    /// on a scanned "15" with a speck at its left: eng read "5" and "" before, "15" and "15" after.
    /// </summary>
    private static byte[] Median3(byte[] source, int w, int h)
    {
        var result = (byte[])source.Clone();
        Span<byte> window = stackalloc byte[9];
        for (var y = 1; y < h - 1; y++)
            for (var x = 1; x < w - 1; x++)
            {
                var k = 0;
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                        window[k++] = source[(y + dy) * w + x + dx];
                window.Sort();
                result[y * w + x] = window[4];
            }
        return result;
    }

    /// <summary>The crop as a binary PGM, which the Tesseract CLI (through leptonica) reads.</summary>
    public void WritePgm(string path)
    {
        using var file = File.Create(path);
        file.Write(System.Text.Encoding.ASCII.GetBytes($"P5\n{Width} {Height}\n255\n"));
        file.Write(Pixels);
    }

    /// <summary>
    /// Whites out what is left of the cell's rules inside the crop: a column or row near the edge that is dark over
    /// most of its length is a rule, not ink — left in, Tesseract reads it as a 1 or a |.
    /// </summary>
    private static void EraseEdgeLines(byte[] buffer, int w, int h)
    {
        const int band = 10;
        bool DarkColumn(int x) { var n = 0; for (var y = Pad; y < h - Pad; y++) if (buffer[y * w + x] < 140) n++; return n > (h - 2 * Pad) * 0.6; }
        bool DarkRow(int y) { var n = 0; for (var x = Pad; x < w - Pad; x++) if (buffer[y * w + x] < 140) n++; return n > (w - 2 * Pad) * 0.6; }
        foreach (var x in Enumerable.Range(Pad, band).Concat(Enumerable.Range(w - Pad - band, band)))
            if (x >= 0 && x < w && DarkColumn(x)) for (var y = 0; y < h; y++) buffer[y * w + x] = 255;
        foreach (var y in Enumerable.Range(Pad, band).Concat(Enumerable.Range(h - Pad - band, band)))
            if (y >= 0 && y < h && DarkRow(y)) Array.Fill(buffer, (byte)255, y * w, w);
    }
}
