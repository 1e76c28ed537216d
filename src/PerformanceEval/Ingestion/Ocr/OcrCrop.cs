using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>A region of a page as Tesseract is given it: padded with white, the cell's rules erased.</summary>
internal sealed record OcrCrop(byte[] Pixels, int Width, int Height)
{
    private const int Pad = 12;

    /// <summary>The crop as the engine is given it: <see cref="Cleaned"/>, and softened where its print is sharp.</summary>
    public static OcrCrop Cut(GrayImage image, OcrRequest r)
    {
        var crop = Cleaned(image, r, out var sharp);
        // Sharp print is softened by one pass of a 3×3 binomial before the engine sees it: chi_sim and eng read
        // strokes with grey edges, as their training's renderings have, better than a black-and-white page's
        // staircases or a JPEG's hard blocks. Measured on the four tuning sets' scans (fields right, with the rest of
        // stop 60): +73, +62, +33 and +37; softening every crop instead lost a blurred page (-108 fields on one
        // input, its rows no longer found) and two passes read worse than one on black-and-white pages.
        return sharp ? crop.Softened() : crop;
    }

    /// <summary>
    /// The region padded with white, its rules and specks erased, made black and white or despeckled where asked,
    /// enlarged where its print is small or another size is asked; <paramref name="sharp"/> says whether its print
    /// had sharp edges (<see cref="SharpEdged"/>) before it was scaled.
    /// </summary>
    internal static OcrCrop Cleaned(GrayImage image, OcrRequest r, out bool sharp)
    {
        var (w, h) = (r.X1 - r.X0 + 2 * Pad, r.Y1 - r.Y0 + 2 * Pad);
        var buffer = new byte[w * h];
        Array.Fill(buffer, (byte)255);
        var source = image.Pixels;
        for (var y = r.Y0; y < r.Y1; y++)
            source.Slice(y * image.Width + r.X0, r.X1 - r.X0).CopyTo(buffer.AsSpan((y - r.Y0 + Pad) * w + Pad));
        EraseEdgeLines(buffer, w, h);
        EraseRuleRemnants(buffer, w, h);
        EraseSpecks(buffer, w, h);
        if (r.Threshold is { } level)
            for (var i = 0; i < buffer.Length; i++) buffer[i] = buffer[i] < level ? (byte)0 : (byte)255;
        var crop = new OcrCrop(r.Despeckle ? Median3(buffer, w, h) : buffer, w, h);
        sharp = SharpEdged(crop.Pixels);
        if (LineHeight(crop) is var line && line > 0 && line < SmallLine) crop = crop.Scaled(Math.Min(MaxScale, (double)PreferredLine / line));
        return r.Scale is { } factor && factor > 0 && factor != 1 ? crop.Scaled(factor) : crop;
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

    /// <summary>
    /// The lines of text a region of the page holds, top and bottom row of each: runs of pixel rows with ink, split by
    /// rows of paper, each at least half as tall as the tallest (a speck, or what is left of a rule, is no line).
    /// </summary>
    internal static List<(int Top, int Bottom)> TextLines(GrayImage image, OcrRequest r)
    {
        var runs = new List<(int Top, int Bottom)>();
        var start = -1;
        for (var y = r.Y0; y <= r.Y1; y++)
        {
            var inked = y < r.Y1 && image.Pixels.Slice(y * image.Width + r.X0, r.X1 - r.X0).IndexOfAnyInRange((byte)0, (byte)127) >= 0;
            if (inked && start < 0) start = y;
            else if (!inked && start >= 0) { runs.Add((start, y - 1)); start = -1; }
        }
        if (runs.Count == 0) return runs;
        var tallest = runs.Max(b => b.Bottom - b.Top + 1);
        return [.. runs.Where(b => b.Bottom - b.Top + 1 >= Math.Max(6, tallest / 2))];
    }

    /// <summary>
    /// The glyphs of one line of text in a region, left and right column of each: runs of pixel columns with ink, split
    /// by columns of paper ("(元)" is three: two brackets and 元).
    /// </summary>
    internal static List<(int Left, int Right)> Glyphs(GrayImage image, OcrRequest r)
    {
        var runs = new List<(int Left, int Right)>();
        var start = -1;
        for (var x = r.X0; x <= r.X1; x++)
        {
            var inked = false;
            for (var y = r.Y0; x < r.X1 && y < r.Y1 && !inked; y++) inked = image.Pixels[y * image.Width + x] < 128;
            if (inked && start < 0) start = x;
            else if (!inked && start >= 0) { runs.Add((start, x - 1)); start = -1; }
        }
        return runs;
    }

    /// <summary>
    /// Print with sharp edges: at most four in five of the crop's dark pixels (under 215) are mid-grey (41–214). A
    /// black-and-white page's are none; a clean grey scan's about half (its strokes' edges); print a blurred scan has
    /// already made grey through is soft enough. (A crop with no dark pixel is paper: softening changes nothing.)
    /// </summary>
    private static bool SharpEdged(byte[] pixels)
    {
        var (between, dark) = (0, 0);
        foreach (var v in pixels)
        {
            if (v >= 215) continue;
            dark++;
            if (v > 40) between++;
        }
        return between * 5 <= dark * 4;
    }

    /// <summary>The crop blurred by a 3×3 binomial kernel (1 2 1 across, then down), its edges repeated.</summary>
    internal OcrCrop Softened()
    {
        var result = new byte[Pixels.Length];
        // The pass across goes to a pooled buffer: each worker softens every crop it reads.
        var across = System.Buffers.ArrayPool<byte>.Shared.Rent(Pixels.Length);
        try
        {
            for (var y = 0; y < Height; y++)
            {
                var row = y * Width;
                for (var x = 0; x < Width; x++)
                    across[row + x] = (byte)((Pixels[row + Math.Max(0, x - 1)] + 2 * Pixels[row + x] + Pixels[row + Math.Min(Width - 1, x + 1)] + 2) / 4);
            }
            for (var y = 0; y < Height; y++)
            {
                var (above, row, below) = (Math.Max(0, y - 1) * Width, y * Width, Math.Min(Height - 1, y + 1) * Width);
                for (var x = 0; x < Width; x++)
                    result[row + x] = (byte)((across[above + x] + 2 * across[row + x] + across[below + x] + 2) / 4);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(across);
        }
        return new OcrCrop(result, Width, Height);
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
    /// Whites out specks of dust and sensor noise that stand alone: a dot of at most twelve pixels with no other ink
    /// within 10 px (at most six within 8 px: 39 fewer tuning fields; twenty within 12: 8 fewer, and figures lost). In
    /// the empty part of a wide cell chi_sim made a row of them into a character ("维护点位数 四"). A decimal point is
    /// larger and stands beside its digits; the 3×3 median (<see cref="Median3"/>) is not used here, as it takes thin
    /// strokes with the dust.
    /// </summary>
    private static void EraseSpecks(byte[] buffer, int w, int h)
    {
        const int near = 3, far = 10, speck = 12;
        var ink = Math.Min(220, LineInk(buffer, w, h) + 30);
        // Dark pixels counted over rectangles in constant time: a summed-area table.
        var sums = new int[(w + 1) * (h + 1)];
        for (var y = 0; y < h; y++)
        {
            var row = 0;
            for (var x = 0; x < w; x++)
            {
                if (buffer[y * w + x] < ink) row++;
                sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
            }
        }
        int Count(int x0, int y0, int x1, int y1)
        {
            (x0, y0, x1, y1) = (Math.Max(0, x0), Math.Max(0, y0), Math.Min(w - 1, x1), Math.Min(h - 1, y1));
            return sums[(y1 + 1) * (w + 1) + x1 + 1] - sums[y0 * (w + 1) + x1 + 1] - sums[(y1 + 1) * (w + 1) + x0] + sums[y0 * (w + 1) + x0];
        }
        var erase = new List<int>();
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                if (buffer[y * w + x] >= ink) continue;
                var close = Count(x - near, y - near, x + near, y + near);
                if (close <= speck && Count(x - far, y - far, x + far, y + far) == close) erase.Add(y * w + x);
            }
        foreach (var i in erase) buffer[i] = 255;
    }

    /// <summary>
    /// Whites out what is left of a thick rule broken by the scan at the crop's top or bottom edge: a thin band of ink
    /// (at most <see cref="RemnantThickness"/> pixels) within two pixels of the edge, cut off from the rest of the
    /// cell's ink by paper, and spread across an eighth of the crop's width — a rule's dashes, not a line's strokes.
    /// Too broken for <see cref="EraseEdgeLines"/> (no line of pixels mostly dark), such a band above a one-line cell
    /// made the engine read 产出指标 as "At" and 预算控制率 as nothing. Not at the sides: there a lone "1" standing at a
    /// cell's left edge is just such a band.
    /// </summary>
    private static void EraseRuleRemnants(byte[] buffer, int w, int h)
    {
        var (innerW, innerH) = (w - 2 * Pad, h - 2 * Pad);
        if (innerW < 8 || innerH < 8) return;
        // A remnant is grey where the rule thinned; the engine's own binarization still takes it for ink.
        var ink = LineInk(buffer, w, h);
        var rows = new int[h];
        for (var y = Pad; y < h - Pad; y++)
            for (var x = Pad; x < w - Pad; x++)
                if (buffer[y * w + x] < ink) rows[y]++;
        foreach (var (start, step, end) in new[] { (Pad, 1, h - Pad), (h - Pad - 1, -1, Pad - 1) })
        {
            var first = start;
            while (first != start + step * 2 && rows[first] == 0) first += step;
            if (rows[first] == 0) continue;
            var last = first;
            while (last + step != end && rows[last + step] > 0) last += step;
            if (Math.Abs(last - first) + 1 > RemnantThickness) continue;
            // Paper after it, and ink beyond the paper: the band is not the cell's only ink.
            var beyond = last + step;
            var paper = 0;
            for (; beyond != end && rows[beyond] == 0; beyond += step) paper++;
            if (paper < 3 || beyond == end) continue;
            var (from, to) = (Math.Min(first, last), Math.Max(first, last));
            var spread = 0;
            for (var x = Pad; x < w - Pad; x++)
                for (var y = from; y <= to; y++)
                    if (buffer[y * w + x] < ink) { spread++; break; }
            if (spread * 8 < innerW) continue;
            for (var y = from; y <= to; y++) Array.Fill(buffer, (byte)255, y * w, w);
        }
    }

    /// <summary>The thickest band of a rule's remnants, pixels: a 1.5-pt rule at 300 dpi is six.</summary>
    private const int RemnantThickness = 7;

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
