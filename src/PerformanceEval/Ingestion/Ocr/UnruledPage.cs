using System.Text;
using PerformanceEval.Provenance;
using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// A scanned page whose table shows no rules to find: a grey-ruled form sent through a fax or a scanner's black-and-white
/// mode, where the grey fell under the threshold and the rules went with it (two TIFFs of the second tuning set: no grid,
/// no form). Its text still stands where the table put it, so the page is read as a text layer is read without rules:
/// as layout text, each piece of print at the column its position gives, for the tables stage to rebuild under the
/// header's labels as it rebuilds <c>pdftotext -layout</c>'s. The pieces are found from the ink — bands of lines across the
/// page, each cut where a wide gap parts its print, each cut into its own lines — and each piece is read on its own,
/// as a cell is: whole-page OCR of these tables loses figures and rows.
/// </summary>
internal static class UnruledPage
{
    /// <summary>A pixel row holds print where at least this many of its pixels are dark (a speck or two is dust).</summary>
    private const int InkedRow = 3;

    /// <summary>The least height of a line of print, pixels at 300 dpi (a dotted rule's band is one to three).</summary>
    private const int MinLine = 10;

    /// <summary>Print parted by a gap this many times the print's height or wider is two pieces (two cells' words).</summary>
    private const double PieceGap = 0.9;

    /// <summary>Dark pixels of the least piece of print: a thin "1" at 300 dpi has some sixty.</summary>
    private const int MinPieceInk = 40;

    /// <summary>Columns of layout text a line of print's height makes (a character of the form's text is about two).</summary>
    private const double ColumnsPerLineHeight = 2;

    /// <summary>The pieces of print of a page, each a region of one line, top to bottom.</summary>
    public static List<OcrRequest> Pieces(GrayImage image, int psm, IReadOnlyList<Rule>? columnRules = null)
    {
        // A column rule the table kept (its frame, the few inner rules a scan did not drop) parts two cells' print
        // however close they stand: 一级 and 指标名 of a header three characters apart.
        bool Ruled(int left, int right, int from, int to) => columnRules is not null &&
            columnRules.Any(r => r.At > left && r.At < right && r.Covers((from + to) / 2.0, RuleReach));
        var bands = Runs(y => CountDark(image, 0, image.Width, y) >= InkedRow, 0, image.Height)
            .Where(b => b.To - b.From >= MinLine).ToList();
        if (bands.Count == 0) return [];
        var height = Median(bands.Select(b => b.To - b.From));
        var pieces = new List<OcrRequest>();
        foreach (var band in bands)
        {
            // Columns of the band with print, parted where the gap is wider than a character's.
            var inked = Runs(x => ColumnInked(image, x, band.From, band.To), 0, image.Width);
            var merged = new List<(int From, int To)>();
            foreach (var run in inked)
                if (merged.Count > 0 && run.From - merged[^1].To < PieceGap * height && !Ruled(merged[^1].To, run.From, band.From, band.To))
                    merged[^1] = (merged[^1].From, run.To);
                else merged.Add(run);
            foreach (var (from, to) in merged)
            {
                // A dotted rule's dots down the band, or dust: no print.
                var ink = 0;
                for (var y = band.From; y < band.To; y++) ink += CountDark(image, from, to, y);
                if (ink < MinPieceInk) continue;
                // A piece of a band may hold two lines of its own (a wrapped cell beside one-line ones).
                var lines = LinesOf(image, from, to, band.From, band.To);
                if (lines.Any(l => l.To - l.From > TallLine * height))
                {
                    // Print of two columns run together over lines: a wrapped label close beside a one-line figure
                    // (其中：当年财 / 政拨款 | 8187870.50) is one run of inked rows. Cut at every gap between glyphs, then
                    // neighbours whose lines lie alike joined again (a figure's digits and its point).
                    foreach (var (x0, x1, own) in Columns(image, from, to, band.From, band.To, height))
                        foreach (var line in own.Count <= 1 ? [band] : own)
                            pieces.Add(Padded(image, new OcrRequest(x0, line.From, x1, line.To, psm)));
                    continue;
                }
                foreach (var line in lines.Count <= 1 ? [band] : lines)
                    pieces.Add(Padded(image, new OcrRequest(from, line.From, to, line.To, psm)));
            }
        }
        return pieces;
    }

    /// <summary>How far from where a rule was found its ink is looked for, pixels (what deskewing left of a slant).</summary>
    private const int RuleReach = 8;

    /// <summary>The longest run of dark pixels across a rule that is the rule's (a stroke crossing it is longer).</summary>
    private const int RuleThickness = 10;

    /// <summary>
    /// The page with the rules found on it whitened: a table whose inner rules a black-and-white scan dropped keeps its
    /// frame and a few rules, and those join its print into one band down the page (every row of pixels inked where a
    /// column rule runs), which no line of print can be found in. Along each rule, the short run of dark pixels across it
    /// near where it was found is the rule; a longer run is a character's stroke through it, and stays.
    /// </summary>
    public static GrayImage WithoutRules(GrayImage image, IEnumerable<Rule> across, IEnumerable<Rule> down)
    {
        var pixels = image.Pixels.ToArray();
        var (w, h) = (image.Width, image.Height);
        foreach (var rule in across)
            for (var x = Math.Max(0, (int)rule.From); x < Math.Min(w, (int)Math.Ceiling(rule.To)); x++)
                WhitenRun(pixels, (int)Math.Round(rule.At), h, y => y * w + x);
        foreach (var rule in down)
            for (var y = Math.Max(0, (int)rule.From); y < Math.Min(h, (int)Math.Ceiling(rule.To)); y++)
                WhitenRun(pixels, (int)Math.Round(rule.At), w, x => y * w + x);
        return new GrayImage(w, h, pixels);
    }

    /// <summary>Whitens the runs of dark pixels no longer than a rule's within reach of <paramref name="at"/> across a rule.</summary>
    private static void WhitenRun(byte[] pixels, int at, int length, Func<int, int> index)
    {
        var (from, to) = (Math.Max(0, at - RuleReach), Math.Min(length, at + RuleReach + 1));
        var start = -1;
        for (var i = from; i <= to; i++)
        {
            var dark = i < to && pixels[index(i)] < 128;
            if (dark && start < 0) start = i;
            if (dark || start < 0) continue;
            // A run reaching the edge of the reach may go on beyond it: measured whole.
            var (s, e) = (start, i);
            while (s > 0 && at - s < RuleReach + RuleThickness && pixels[index(s - 1)] < 128) s--;
            while (e < length && e - at < RuleReach + RuleThickness && pixels[index(e)] < 128) e++;
            if (e - s <= RuleThickness)
                for (var k = s; k < e; k++) pixels[index(k)] = 255;
            start = -1;
        }
    }

    /// <summary>A line of print taller than this many times the usual is print of two lines run together.</summary>
    private const double TallLine = 1.5;

    /// <summary>A gap between glyphs, in line heights, that may part two columns' print (see <see cref="Columns"/>).</summary>
    private const double GlyphGap = 0.3;

    /// <summary>The lines of print in a region: runs of inked pixel rows, slivers left out.</summary>
    private static List<(int From, int To)> LinesOf(GrayImage image, int from, int to, int top, int bottom) =>
        Runs(y => CountDark(image, from, to, y) > 0, top, bottom).Where(l => l.To - l.From >= MinLine / 2).ToList();

    /// <summary>
    /// A region cut at its gaps between glyphs into runs whose lines lie alike: neighbours with the same number of
    /// lines, each overlapping its counterpart by half, and no wider gap than a piece's are one run again.
    /// </summary>
    private static List<(int From, int To, List<(int From, int To)> Lines)> Columns(GrayImage image, int from, int to, int top, int bottom, int height)
    {
        var runs = new List<(int From, int To)>();
        foreach (var run in Runs(x => ColumnInked(image, x, top, bottom), from, to))
            if (runs.Count > 0 && run.From - runs[^1].To < Math.Max(2, GlyphGap * height)) runs[^1] = (runs[^1].From, run.To);
            else runs.Add(run);
        var columns = new List<(int From, int To, List<(int From, int To)> Lines)>();
        foreach (var (x0, x1) in runs)
        {
            var lines = LinesOf(image, x0, x1, top, bottom);
            if (lines.Count == 0) continue;
            if (columns.Count > 0 && x0 - columns[^1].To < PieceGap * height && Alike(columns[^1].Lines, lines))
            {
                var last = columns[^1];
                columns[^1] = (last.From, x1, LinesOf(image, last.From, x1, top, bottom));
            }
            else columns.Add((x0, x1, lines));
        }
        return columns;
    }

    private static bool Alike(List<(int From, int To)> a, List<(int From, int To)> b) =>
        a.Count == b.Count && a.Zip(b).All(p => Math.Min(p.First.To, p.Second.To) - Math.Max(p.First.From, p.Second.From) >=
                                                0.5 * Math.Min(p.First.To - p.First.From, p.Second.To - p.Second.From));

    /// <summary>
    /// The page as layout text: each piece at the column its left edge gives, pieces whose middles lie within half a
    /// line's height on one line. Each whitespace-separated token is a cell with its character columns (as
    /// <see cref="TextDumpReader"/> makes them) and the box and confidence of the piece it came from; lines are numbered
    /// from 1 down the page, as a text dump's are (the tables stage joins a wrapped cell's lines by their numbers).
    /// </summary>
    public static List<(double Y, RawRow Row)> Rows(SourceDocument doc, int page, List<OcrRequest> pieces, IReadOnlyList<OcrText> read, int block)
    {
        var items = pieces.Zip(read).Where(p => p.Second.Text.Trim().Length > 0).Select(p => (Box: p.First, Text: OneLine(p.Second.Text), p.Second.Confidence)).ToList();
        var rows = new List<(double, RawRow)>();
        if (items.Count == 0) return rows;
        var height = Median(items.Select(i => i.Box.Y1 - i.Box.Y0));
        var unit = Math.Max(1, height / ColumnsPerLineHeight);
        var left = items.Min(i => i.Box.X0);
        var lines = new List<List<(OcrRequest Box, string Text, double Confidence)>>();
        foreach (var item in items.OrderBy(i => (i.Box.Y0 + i.Box.Y1) / 2.0))
        {
            var middle = (item.Box.Y0 + item.Box.Y1) / 2.0;
            if (lines.Count > 0 && Math.Abs(lines[^1].Average(i => (i.Box.Y0 + i.Box.Y1) / 2.0) - middle) <= height / 2.0) lines[^1].Add(item);
            else lines.Add([item]);
        }
        for (var n = 0; n < lines.Count; n++)
        {
            var text = new StringBuilder();
            var spans = new List<(int Start, int End, OcrRequest Box, double Confidence)>();
            foreach (var (box, piece, confidence) in lines[n].OrderBy(i => i.Box.X0))
            {
                var column = (int)Math.Round((box.X0 - left) / unit);
                if (text.Length > 0) text.Append(' ', Math.Max(1, column - text.Length));
                else text.Append(' ', column);
                spans.Add((text.Length, text.Length + piece.Length, box, confidence));
                text.Append(piece);
            }
            var line = text.ToString();
            var cells = new List<RawCell>();
            var start = -1;
            for (var i = 0; i <= line.Length; i++)
            {
                var blank = i == line.Length || char.IsWhiteSpace(line[i]);
                if (!blank && start < 0) start = i;
                if (!blank || start < 0) continue;
                var token = line[start..i];
                var (_, _, box, confidence) = spans.First(s => start >= s.Start && start < s.End);
                var source = new SourceRef(doc.Path, doc.Sha256, page, n + 1, null, cells.Count,
                    new Box(box.X0, box.Y0, box.X1, box.Y1, BoxUnits.Pixels), token, confidence);
                cells.Add(new RawCell(token, source) { Columns = new TextColumns(start, i) });
                start = -1;
            }
            rows.Add((lines[n].Min(i => i.Box.Y0), new RawRow([.. cells], RowOrigin.Layout, LinesAPage * (page - 1) + n + 1, block)));
        }
        return rows;
    }

    /// <summary>
    /// Lines numbered a page apart: the tables stage reads a wrapped cell's lines and a laid-out table's rows by their
    /// numbers, and two pages read without rules (a table whose rules a fax dropped on every page) numbered alike would
    /// be one page's lines read in among the other's. A page's rows are numbered from its page's thousand on (a line of
    /// print is a tenth of an inch at least: a page holds a hundred); its cells' sources keep the line on their page,
    /// which is what a reader looking at the scan counts.
    /// </summary>
    private const int LinesAPage = 1000;

    /// <summary>A piece's reading on one line (a piece is one line of print; the engine may still break it).</summary>
    private static string OneLine(string text) => string.Join(" ", text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A region with a few pixels of paper around its print, within the page.</summary>
    private static OcrRequest Padded(GrayImage image, OcrRequest r) =>
        r with { X0 = Math.Max(0, r.X0 - 4), Y0 = Math.Max(0, r.Y0 - 4), X1 = Math.Min(image.Width, r.X1 + 5), Y1 = Math.Min(image.Height, r.Y1 + 5) };

    private static bool ColumnInked(GrayImage image, int x, int from, int to)
    {
        for (var y = from; y < to; y++)
            if (image.Pixels[y * image.Width + x] < 128) return true;
        return false;
    }

    private static int CountDark(GrayImage image, int from, int to, int y)
    {
        var dark = 0;
        foreach (var p in image.Pixels.Slice(y * image.Width + from, to - from))
            if (p < 128) dark++;
        return dark;
    }

    /// <summary>The runs [From, To) of positions in [from, to) where <paramref name="inked"/> holds.</summary>
    private static List<(int From, int To)> Runs(Func<int, bool> inked, int from, int to)
    {
        var runs = new List<(int, int)>();
        var start = -1;
        for (var i = from; i <= to; i++)
        {
            var on = i < to && inked(i);
            if (on && start < 0) start = i;
            else if (!on && start >= 0) { runs.Add((start, i)); start = -1; }
        }
        return runs;
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
