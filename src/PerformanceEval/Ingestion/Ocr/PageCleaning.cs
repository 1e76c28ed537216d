using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// What a scanner leaves on a page that is not the form: light falling off across the sheet, and dark bands at the
/// edges where the lid was open or the sheet was smaller than the glass. Both are measured first and the page is
/// touched only where they are there, so a clean scan is read exactly as before. Dust is not taken out: removing
/// isolated specks gained fields on the print shop's tuning scans but made the engine surer of its misreadings
/// (nine more figures wrong without a warning) and cost the criteria scan a cell.
/// </summary>
internal static class PageCleaning
{
    private const byte Dark = 128;
    private const int Tile = 100;

    /// <summary>
    /// True when the paper is not one level: the brightest tenth of each 100-pixel tile (the paper between the print)
    /// differs by more than 40 levels between the page's lighter and darker parts. Tiles at the edges are left out
    /// (a dark border is not light falling off). A clean scan's paper varies by a few levels.
    /// </summary>
    public static bool UnevenLight(GrayImage page)
    {
        var levels = new List<int>();
        var pixels = page.Pixels;
        Span<int> histogram = stackalloc int[256];
        for (var ty = 1; ty < page.Height / Tile - 1; ty++)
            for (var tx = 1; tx < page.Width / Tile - 1; tx++)
            {
                histogram.Clear();
                for (var y = ty * Tile; y < (ty + 1) * Tile; y++)
                    foreach (var v in pixels.Slice(y * page.Width + tx * Tile, Tile))
                        histogram[v]++;
                // The level of the tile's brightest tenth: the paper, even where print covers most of the tile.
                var seen = 0;
                var level = 255;
                for (; level > 0 && (seen += histogram[level]) < Tile * Tile / 10; level--) { }
                levels.Add(level);
            }
        if (levels.Count < 8) return false;
        levels.Sort();
        return levels[(int)(levels.Count * 0.95)] - levels[(int)(levels.Count * 0.05)] > 40;
    }

    /// <summary>
    /// The page darkened in proportion, so that <paramref name="paper"/> becomes <paramref name="to"/>: every level
    /// keeps its order (no cut-off that would break a faint rule into dashes where its ink thins).
    /// </summary>
    public static GrayImage Scaled(GrayImage page, byte paper, byte to)
    {
        var pixels = page.Pixels.ToArray();
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(pixels[i] * to / paper);
        return new GrayImage(page.Width, page.Height, pixels);
    }

    /// <summary>
    /// A page whose print is faint (its darkest ink lighter than <see cref="FaintInk"/>: a light serif printed thin,
    /// blurred, copied or scanned pale) with its contrast stretched so that the ink's darkest level becomes
    /// <see cref="InkTarget"/> and white stays white: every level keeps its order. On such a page a "10" in a 分值 cell
    /// is 150–180 on white paper; each of the reader's fixed tests (ink in a cell, its lines, its glyphs, specks)
    /// takes it for paper and leaves the cell blank. The darkest ink is the level 0.05% of the page is darker than
    /// (a form's print is some percent of its page). A page of ordinary print is returned as it is.
    /// </summary>
    public static GrayImage Stretched(GrayImage page)
    {
        Span<long> histogram = stackalloc long[256];
        foreach (var v in page.Pixels) histogram[v]++;
        var floor = 0;
        for (long seen = 0; floor < 255 && (seen += histogram[floor]) < page.Pixels.Length * 0.0005; floor++) { }
        if (floor <= FaintInk || floor >= 235) return page;
        var pixels = page.Pixels.ToArray();
        var scale = (255.0 - InkTarget) / (255 - floor);
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Max(0, 255 - (int)Math.Round((255 - pixels[i]) * scale));
        return new GrayImage(page.Width, page.Height, pixels);
    }

    /// <summary>The darkest ink of a page above which its print counts as faint.</summary>
    private const int FaintInk = 60;

    /// <summary>What a faint page's darkest ink is stretched to.</summary>
    private const int InkTarget = 30;

    /// <summary>
    /// True when the page is black and white as it came (a fax, a TIFF in line-art mode, a thresholded scan): all but
    /// 1% of its pixels at the two ends of the scale. A grey scan's paper, print edges and noise fill the levels between.
    /// </summary>
    public static bool TwoLevels(GrayImage page)
    {
        var between = 0L;
        foreach (var v in page.Pixels)
            if (v is > 32 and < 224) between++;
        return between < page.Pixels.Length / 100;
    }

    /// <summary>The page with every pixel at least <paramref name="paper"/> set to white.</summary>
    public static GrayImage PaperToWhite(GrayImage page, byte paper)
    {
        var pixels = page.Pixels.ToArray();
        for (var i = 0; i < pixels.Length; i++)
            if (pixels[i] >= paper) pixels[i] = 255;
        return new GrayImage(page.Width, page.Height, pixels);
    }

    /// <summary>
    /// The page with dark bands at its edges whitened: from each edge inward, every line of pixels that is mostly
    /// dark (a third or more), and a few pixels past the last (the band's soft edge, slanted by the straightening).
    /// Only a band that starts at the very edge counts, and no deeper than a twelfth of the page: a table's outer rule
    /// stands clear of the edge and is one or two pixels wide.
    /// </summary>
    public static GrayImage WithoutDarkBorders(GrayImage page)
    {
        var (w, h) = (page.Width, page.Height);
        var left = Band(w / 12, i => DarkShare(page, i, 0, 1, h, vertical: true));
        var right = Band(w / 12, i => DarkShare(page, w - 1 - i, 0, 1, h, vertical: true));
        var top = Band(h / 12, i => DarkShare(page, 0, i, w, 1, vertical: false));
        var bottom = Band(h / 12, i => DarkShare(page, 0, h - 1 - i, w, 1, vertical: false));
        if (left + right + top + bottom == 0) return page;
        var pixels = page.Pixels.ToArray();
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                if (x < left || x >= w - right || y < top || y >= h - bottom)
                    pixels[y * w + x] = 255;
        return new GrayImage(w, h, pixels);
    }

    /// <summary>How many lines from the edge to whiten: the dark lines and a margin of six, or none.</summary>
    private static int Band(int deepest, Func<int, double> darkShare)
    {
        var i = 0;
        while (i < deepest && darkShare(i) >= 1.0 / 3) i++;
        return i < 2 ? 0 : Math.Min(deepest, i + 6);
    }

    private static double DarkShare(GrayImage page, int x0, int y0, int width, int height, bool vertical)
    {
        var dark = 0;
        var pixels = page.Pixels;
        if (vertical)
            for (var y = y0; y < y0 + height; y++) dark += pixels[y * page.Width + x0] < Dark ? 1 : 0;
        else
            foreach (var v in pixels.Slice(y0 * page.Width + x0, width)) dark += v < Dark ? 1 : 0;
        return (double)dark / (vertical ? height : width);
    }
}
