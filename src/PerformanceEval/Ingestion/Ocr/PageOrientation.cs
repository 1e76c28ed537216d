using PerformanceEval.Provenance;
using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// Which way up a scanned form lies, told by reading a few of its own cells: the text cells with the most ink, found
/// by the table's rules (a grid is a grid whichever way the sheet was fed), read by the form's language model as they
/// lie and, where that reading is unsure, upside down, then a quarter turn each way. Text read the right way up reads
/// sure; turned, it reads as unsure garbage.
/// </summary>
/// <remarks>
/// Tesseract's orientation detection (osd) over the whole page cost 1.0–1.9 s a page at 300 dpi (asked at half
/// resolution, then again at full where unsure, as most upright form pages were: a page of rules and short cells
/// gives it few characters) — more than reading every cell of the page. Reading six cells the way they lie costs
/// some 70 ms. Where the cells do not decide (no table found, no text cell, no reading sure enough or far enough
/// ahead of the others), the caller asks osd as before.
/// </remarks>
internal static class PageOrientation
{
    /// <summary>Text cells read: enough that one cell of digits or symmetric characters (十, 口) does not decide.</summary>
    private const int CellsRead = 6;

    /// <summary>
    /// Mean confidence over the cells at which a turn is taken without reading the turns after it. On the print shop's
    /// tuning scans (every page's six cells read every way) the right turn read 0.77–0.94, every wrong one 0.10–0.23.
    /// </summary>
    internal const double SureReading = 0.60;

    /// <summary>How far ahead of every other turn the best one's mean confidence must be, where no turn read sure.</summary>
    internal const double Margin = 0.30;

    /// <summary>A short line's ink at 300 dpi, in pixels: some twelve 9-point ideographs long, one line (with a descender) tall.</summary>
    private const int LineLength = 480, LineHeight = 60;

    /// <summary>
    /// Quarter turns clockwise that set the page upright, or null where its cells do not decide. <paramref name="read"/>
    /// reads one image (a cell, turned) and gives its mean confidence (0–1) and the characters read.
    /// </summary>
    public static int? FromCells(GrayImage page, int dpi, Func<GrayImage, (double Confidence, string Text)> read)
    {
        var cells = TextCells(page, dpi);
        if (cells.Count == 0) return null;
        // A page of one or two text cells (a table's last rows) has every turn it may lie in read: one cell of digits or
        // of 十 and 口 may read sure whichever way it lies, so its best turn must read sure and be far ahead. Otherwise
        // the first turn that reads sure is taken, the likelier first; each turn read costs as much as the first.
        var few = cells.Count < 3;
        var scores = new double[4];
        var turnsToTry = TurnsToTry(cells);
        foreach (var turns in turnsToTry)
        {
            scores[turns] = Score([.. cells.Select(c => read(c.Turned(turns)))]);
            if (!few && scores[turns] >= SureReading) return turns;
        }
        var best = turnsToTry.MaxBy(t => scores[t]);
        var runnerUp = turnsToTry.Where(t => t != best).Max(t => scores[t]);
        return scores[best] - runnerUp >= Margin && (!few || scores[best] >= SureReading) ? best : null;
    }

    /// <summary>
    /// The turns a page may lie in, the likeliest first, by its text cells' shapes: a line of text runs along the page,
    /// so one-line cells wider than tall (by half again) outnumbering those taller than wide twice over are a page
    /// upright or upside down, and the other way round a page fed sideways; cells of no clear shape leave all four. A degraded upright
    /// page, its cells read unsure, had them read turned a quarter both ways too: 0.5 s.
    /// </summary>
    private static int[] TurnsToTry(List<GrayImage> cells)
    {
        var lying = cells.Count(c => c.Width * 2 >= c.Height * 3);
        var standing = cells.Count(c => c.Height * 2 >= c.Width * 3);
        return lying > 2 * standing ? [0, 2] : standing > 2 * lying ? [1, 3] : [0, 2, 1, 3];
    }

    /// <summary>
    /// Mean confidence over the cells, a cell that read no character counting as 0 (a turned line of ideographs is
    /// often read as nothing at all, which the engine reports as sure).
    /// </summary>
    private static double Score(List<(double Confidence, string Text)> readings) =>
        readings.Average(r => r.Text.Any(ch => !char.IsWhiteSpace(ch)) ? r.Confidence : 0);

    /// <summary>
    /// The cells of the page's ruled table holding the most ink, each cut to its ink with a margin: cells of a few
    /// characters or lines, not the table's whole body (a grid whose inner rules were lost) nor a speck.
    /// </summary>
    internal static List<GrayImage> TextCells(GrayImage page, int dpi)
    {
        var pointsPerPixel = 72.0 / dpi;
        var (across, down) = RulingLines.Find(page, pointsPerPixel);
        var toPixels = 1 / pointsPerPixel;
        var grid = GridLayout.Build([.. across.Select(r => r with { At = r.At * toPixels, From = r.From * toPixels, To = r.To * toPixels })],
            [.. down.Select(r => r with { At = r.At * toPixels, From = r.From * toPixels, To = r.To * toPixels })], snap: 8.0 * dpi / 300);
        if (grid is null) return [];
        var inset = Math.Max(2, 4 * dpi / 300);
        var minInk = 600 * dpi * dpi / (300 * 300);
        var found = new List<(int Ink, int X0, int Y0, int X1, int Y1)>();
        foreach (var region in grid.Regions())
        {
            var box = grid.BoxOf(region, BoxUnits.Pixels);
            var (x0, y0) = ((int)box.X0 + inset, (int)box.Y0 + inset);
            var (x1, y1) = (Math.Min(page.Width, (int)box.X1 - inset), Math.Min(page.Height, (int)box.Y1 - inset));
            if (x1 - x0 < 16 || y1 - y0 < 16 || x1 - x0 > page.Width * 0.45 || y1 - y0 > page.Height * 0.25) continue;
            if (Ink(page, x0, y0, x1, y1) is not { Count: >= 0 } ink || ink.Count < minInk) continue;
            found.Add((ink.Count, ink.Left, ink.Top, ink.Right, ink.Bottom));
        }
        // Cells of one short line (a label, a name), the most ink first: a cell of a rule's paragraph reads as well
        // but costs ten times as much. Where too few are short, the least inked of the rest make up the number.
        var (longSide, shortSide) = (LineLength * dpi / 300, LineHeight * dpi / 300);
        bool Short((int Ink, int X0, int Y0, int X1, int Y1) f) =>
            Math.Max(f.X1 - f.X0, f.Y1 - f.Y0) <= longSide && Math.Min(f.X1 - f.X0, f.Y1 - f.Y0) <= shortSide;
        var margin = 8 * dpi / 300;
        return [.. found.Where(Short).OrderByDescending(f => f.Ink).Concat(found.Where(f => !Short(f)).OrderBy(f => f.Ink)).Take(CellsRead)
            .Select(f => Crop(page, Math.Max(0, f.X0 - margin), Math.Max(0, f.Y0 - margin), Math.Min(page.Width, f.X1 + margin + 1), Math.Min(page.Height, f.Y1 + margin + 1)))];
    }

    /// <summary>
    /// The dark pixels inside a cell and their extent, leaving out what is left of its rules: a pixel line at the
    /// cell's edge that is mostly dark.
    /// </summary>
    private static (int Count, int Left, int Top, int Right, int Bottom) Ink(GrayImage page, int x0, int y0, int x1, int y1)
    {
        bool MostlyDarkRow(int y) => Dark(page.Pixels.Slice(y * page.Width + x0, x1 - x0)) * 2 > x1 - x0;
        bool MostlyDarkColumn(int x)
        {
            var dark = 0;
            for (var y = y0; y < y1; y++) if (page.Pixels[y * page.Width + x] < 128) dark++;
            return dark * 2 > y1 - y0;
        }
        for (var k = 0; k < 8 && y1 - y0 > 8 && MostlyDarkRow(y0); k++) y0++;
        for (var k = 0; k < 8 && y1 - y0 > 8 && MostlyDarkRow(y1 - 1); k++) y1--;
        for (var k = 0; k < 8 && x1 - x0 > 8 && MostlyDarkColumn(x0); k++) x0++;
        for (var k = 0; k < 8 && x1 - x0 > 8 && MostlyDarkColumn(x1 - 1); k++) x1--;
        var pixels = page.Pixels;
        var (count, left, top, right, bottom) = (0, int.MaxValue, int.MaxValue, -1, -1);
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
            {
                if (pixels[y * page.Width + x] >= 128) continue;
                count++;
                (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
            }
        return (count, left, top, right, bottom);
    }

    private static int Dark(ReadOnlySpan<byte> line)
    {
        var dark = 0;
        foreach (var p in line) if (p < 128) dark++;
        return dark;
    }

    private static GrayImage Crop(GrayImage page, int x0, int y0, int x1, int y1)
    {
        var (w, h) = (x1 - x0, y1 - y0);
        var pixels = new byte[w * h];
        for (var y = 0; y < h; y++) page.Pixels.Slice((y0 + y) * page.Width + x0, w).CopyTo(pixels.AsSpan(y * w));
        return new GrayImage(w, h, pixels);
    }
}
