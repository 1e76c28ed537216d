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
        var crop = new OcrCrop(r.Despeckle ? Median3(buffer, w, h) : buffer, w, h);
        return LineHeight(crop) is var line && line > 0 && line < SmallLine
            ? crop.Scaled(Math.Min(MaxScale, (double)PreferredLine / line))
            : crop;
    }

    /// <summary>
    /// Text lines shorter than this (pixels, from the top of the tallest character to the foot of the lowest) are
    /// enlarged to <see cref="PreferredLine"/>, about the capital height Tesseract reads best. A 9-point line at 300
    /// dpi is 26 px of digits or 36 of ideographs and is left as it is (enlarging it only slows the engine); a form
    /// printed in 6.5 points and scanned at 200 dpi has 19-px ideographs, and on them chi_sim read 一级指标 as "REESE"
    /// and 分值 as 人 from clean crops.
    /// </summary>
    private const int SmallLine = 22;

    private const int PreferredLine = 32;

    private const double MaxScale = 3;

    /// <summary>
    /// The median height of the crop's text lines: runs of rows holding ink, split by rows of paper. 0 when the crop
    /// holds no ink.
    /// </summary>
    internal static int LineHeight(OcrCrop crop)
    {
        var runs = new List<int>();
        var run = 0;
        for (var y = 0; y < crop.Height; y++)
        {
            var inked = crop.Pixels.AsSpan(y * crop.Width, crop.Width).IndexOfAnyInRange((byte)0, (byte)127) >= 0;
            if (inked) run++;
            else if (run > 0) { runs.Add(run); run = 0; }
        }
        if (run > 0) runs.Add(run);
        // A speck or a stray row of ink is no line of text.
        runs.RemoveAll(r => r < 6);
        if (runs.Count == 0) return 0;
        runs.Sort();
        return runs[runs.Count / 2];
    }

    /// <summary>The crop enlarged by <paramref name="factor"/>, bilinearly.</summary>
    internal OcrCrop Scaled(double factor)
    {
        var (w, h) = ((int)Math.Round(Width * factor), (int)Math.Round(Height * factor));
        var result = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            var sy = Math.Min(Height - 1.0, y / factor);
            var (y0, fy) = ((int)sy, sy - (int)sy);
            var y1 = Math.Min(Height - 1, y0 + 1);
            for (var x = 0; x < w; x++)
            {
                var sx = Math.Min(Width - 1.0, x / factor);
                var (x0, fx) = ((int)sx, sx - (int)sx);
                var x1 = Math.Min(Width - 1, x0 + 1);
                var top = Pixels[y0 * Width + x0] * (1 - fx) + Pixels[y0 * Width + x1] * fx;
                var bottom = Pixels[y1 * Width + x0] * (1 - fx) + Pixels[y1 * Width + x1] * fx;
                result[y * w + x] = (byte)Math.Round(top * (1 - fy) + bottom * fy);
            }
        }
        return new OcrCrop(result, w, h);
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
    /// Gray a rule's remnant is darker than: 140, or 30 under the crop's paper where that is lighter. A rule's
    /// anti-aliased fringe left at the crop's edge is mid-gray (190 on paper of 240); Tesseract's own threshold on a
    /// crop of few characters sits high enough to make it a black line, and chi_sim then read 一级指标 beneath it as
    /// "REESE" (without the fringe: 一级指标).
    /// </summary>
    private static int LineInk(byte[] buffer, int w, int h)
    {
        Span<int> histogram = stackalloc int[256];
        for (var y = Pad; y < h - Pad; y++)
            foreach (var v in buffer.AsSpan(y * w + Pad, w - 2 * Pad)) histogram[v]++;
        var (half, seen, paper) = ((h - 2 * Pad) * (w - 2 * Pad) / 2, 0, 255);
        for (var v = 0; v < 256; v++)
            if ((seen += histogram[v]) > half) { paper = v; break; }
        return Math.Max(140, paper - 30);
    }

    /// <summary>
    /// Whites out what is left of the cell's rules inside the crop: a column or row near the edge that is dark over
    /// most of its length is a rule, not ink — left in, Tesseract reads it as a 1 or a |.
    /// </summary>
    private static void EraseEdgeLines(byte[] buffer, int w, int h)
    {
        const int band = 10;
        var dark = LineInk(buffer, w, h);
        bool DarkColumn(int x) { var n = 0; for (var y = Pad; y < h - Pad; y++) if (buffer[y * w + x] < dark) n++; return n > (h - 2 * Pad) * 0.6; }
        bool DarkRow(int y) { var n = 0; for (var x = Pad; x < w - Pad; x++) if (buffer[y * w + x] < dark) n++; return n > (w - 2 * Pad) * 0.6; }
        foreach (var x in Enumerable.Range(Pad, band).Concat(Enumerable.Range(w - Pad - band, band)))
            if (x >= 0 && x < w && DarkColumn(x)) for (var y = 0; y < h; y++) buffer[y * w + x] = 255;
        foreach (var y in Enumerable.Range(Pad, band).Concat(Enumerable.Range(h - Pad - band, band)))
            if (y >= 0 && y < h && DarkRow(y)) Array.Fill(buffer, (byte)255, y * w, w);
    }
}
