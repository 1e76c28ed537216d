using PerformanceEval.Templates;
using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// Rows of a scanned table whose rule between them was not found — a grey hairline a fax's black-and-white mode kept
/// as specks, a rule the scanner's light washed out — come out of the grid as one row, each cell holding its rows'
/// lines one over the other: a 分值 of "12" / "6" / "13", an 得分 the same, three indicators' names in one cell. What
/// says so is the form itself: a figure column's cell holds one figure, so where every figure cell of a row holds the
/// same number of lines and each line is a figure, the row is that many rows. The cuts go through the gaps between
/// those figures' lines, at the height where the most of the row's cells are paper (a row boundary runs through every
/// cell's padding), across the cells that are paper there. A cell that is not — a 二级指标 set in the middle of the two
/// rows it spans, a 一级指标 spanning more — is left whole: it spans the rows the cut makes. A row whose figure cells
/// are not all so stacked, or whose other cells' text crosses the cut (a wrapped amount "3,369,43" / "4" beside its
/// one-line label), is left as it is.
/// </summary>
internal static class StackedRows
{
    /// <summary>Strokes that may cross a cut in a cell that is paper there (noise specks strung together).</summary>
    private const int MaxCrossings = 2;

    /// <summary>Dark pixels along a height that make it a lost rule's remnants, not noise.</summary>
    private const int MinSpecks = 12;

    /// <summary>
    /// The share of a row's other inked cells that must be paper along a cut: half (a 二级指标 spanning two of the rows
    /// crosses it; a wrapped amount's one-line label and neighbours all do).
    /// </summary>
    private const double OthersClear = 0.5;

    /// <summary>Cells kept clear of their rules' remnants when a cut is weighed, pixels.</summary>
    private const int Inset = 6;

    /// <summary>Most rows one grid row is taken to hold.</summary>
    private const int MostRows = 4;

    /// <summary>
    /// The cuts (horizontal rule pieces, pixels) that part stacked rows, with the grid row each parts; none where no
    /// row is stacked. <paramref name="typed"/>: the figure columns' cells (<see cref="FigureColumns.Find"/>);
    /// <paramref name="crops"/>: each read cell's inside.
    /// </summary>
    public static List<(int Row, Rule Cut)> Cuts(GrayImage image, GridLayout grid, IReadOnlyDictionary<int, string> textByRegion,
        IReadOnlyDictionary<int, string> typed, IReadOnlyDictionary<int, OcrRequest> crops)
    {
        var cuts = new List<(int, Rule)>();
        for (var row = 0; row < grid.Rows; row++)
        {
            // The row's own regions (not spanning other rows), left to right.
            var regions = Enumerable.Range(0, grid.Columns).Select(c => grid.Find(row * grid.Columns + c)).Distinct()
                .Where(r => grid.Extent(r) is var e && e.Top == row && e.Bottom == row).ToList();
            var figures = regions.Where(r => typed.ContainsKey(r) && textByRegion.GetValueOrDefault(r) is { Length: > 0 }).ToList();
            if (figures.Count < 2) continue;
            var stacked = new List<List<(int Top, int Bottom)>>();
            foreach (var region in figures)
            {
                var lines = textByRegion[region].Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (lines.Length is < 2 or > MostRows || !lines.All(ScanPageReader.LooksLikeFigure) ||
                    !crops.TryGetValue(region, out var crop)) break;
                var inked = OcrCrop.TextLines(image, crop);
                if (inked.Count != lines.Length) break;
                stacked.Add(inked);
            }
            // Every figure cell of the row, the same number of lines.
            if (stacked.Count != figures.Count || stacked.Any(s => s.Count != stacked[0].Count)) continue;
            var others = regions.Where(r => !figures.Contains(r) && textByRegion.GetValueOrDefault(r) is { Length: > 0 }).ToList();
            var rowCuts = new List<Rule>();
            var whole = true;
            for (var k = 1; whole && k < stacked[0].Count; k++)
            {
                var (from, to) = (stacked.Max(s => s[k - 1].Bottom) + 1, stacked.Min(s => s[k].Top) - 1);
                // The height where most cells are paper; among those, the one with the most specks along it (what the
                // lost rule left: a fax's hairline is dots), else the middle of the band of such heights nearest the gap's
                // middle — as far from the text above and below as the row's padding allows (a cut close over a line of
                // text leaves its crop half the line: 提升 was read 坦逢).
                var center = (from + to) / 2.0;
                var heights = Enumerable.Range(from + 1, Math.Max(0, to - from - 1)).ToList();
                var clear = heights.Select(y => regions.Count(r => Paper(image, grid, r, y))).ToList();
                var most = clear.DefaultIfEmpty(-1).Max();
                var specks = heights.Select((y, i) => clear[i] == most ? Specks(image, grid, regions, y) : -1).ToList();
                var (bestY, mostSpecks) = (-1, specks.DefaultIfEmpty(-1).Max());
                for (var i = 0; i < heights.Count; i++)
                {
                    if (clear[i] != most || mostSpecks >= MinSpecks && specks[i] != mostSpecks) continue;
                    var j = i;
                    while (j + 1 < heights.Count && clear[j + 1] == most && (mostSpecks < MinSpecks || specks[j + 1] == mostSpecks)) j++;
                    var middle = heights[(i + j) / 2];
                    if (bestY < 0 || Math.Abs(middle - center) < Math.Abs(bestY - center)) bestY = middle;
                    i = j;
                }
                if (bestY < 0 || others.Count > 0 && others.Count(r => Paper(image, grid, r, bestY)) < OthersClear * others.Count)
                {
                    whole = false;
                    break;
                }
                // One piece over each run of neighbouring cells that are paper there.
                var paper = regions.Select(r => Paper(image, grid, r, bestY)).ToList();
                for (var i = 0; i < regions.Count; i++)
                {
                    if (!paper[i]) continue;
                    var j = i;
                    while (j + 1 < regions.Count && paper[j + 1] && grid.Extent(regions[j + 1]).Left == grid.Extent(regions[j]).Right + 1) j++;
                    rowCuts.Add(new Rule(bestY + 0.5, grid.Xs[grid.Extent(regions[i]).Left], grid.Xs[grid.Extent(regions[j]).Right + 1]));
                    i = j;
                }
            }
            if (whole && rowCuts.Count > 0) cuts.AddRange(rowCuts.Select(c => (row, c)));
        }
        return cuts;
    }

    /// <summary>
    /// Cells one column's rule pieces were lost in: a region spanning grid rows (the rules between them found in every
    /// other column) whose lines are each a figure, each line inside one of the rows it spans, no two in the same — a
    /// 分值 column's "5" / "10" / "10" / "15" beside four rows of their own, its thin rules a 150-dpi black-and-white scan
    /// kept as specks (read as one cell, the four weights were one figure, 5101015; or "10", carried to all four rows).
    /// A cell the form merges holds one figure, or words: never a line of ink in each of its rows read as figures. The
    /// cuts run along the rows' own boundaries, across the region.
    /// </summary>
    public static List<(int Region, Rule Cut)> SpannedCuts(GrayImage image, GridLayout grid, IReadOnlyDictionary<int, string> textByRegion)
    {
        var cuts = new List<(int, Rule)>();
        foreach (var (region, text) in textByRegion)
        {
            var (top, left, bottom, right) = grid.Extent(region);
            if (bottom == top) continue;
            // Its reading is figures: every line with a digit one, the others at most a speck's character (the engine
            // reads four stacked lines as one "10", one of them as 鳃, another "10_" with a rule's speck). A level's or a
            // name's wrapped words are none (its first line holds several ideographs).
            var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            static bool Figure(string line) => ScanPageReader.LooksLikeFigure(line.Trim('_', '~', '|', '丨'));
            if (!lines.Any(Figure) || !lines.All(l => Figure(l) || !l.Any(char.IsAsciiDigit) && l.Count(TextCleaner.IsCjk) <= 1)) continue;
            // The lines of the whole cell (the crop read is its main text only), inside its rules' remains.
            var inside = new OcrRequest((int)grid.Xs[left] + Inset, (int)grid.Ys[top] + Inset,
                Math.Min(image.Width, (int)grid.Xs[right + 1] - Inset), Math.Min(image.Height, (int)grid.Ys[bottom + 1] - Inset), 0);
            if (inside.X1 - inside.X0 < 4 || inside.Y1 - inside.Y0 < 4) continue;
            var inked = OcrCrop.TextLines(image, inside);
            if (inked.Count < 2) continue;
            // Each line inside one row (a few pixels' give for the boundary's own thickness), no row holding two.
            var rows = inked.Select(l => Enumerable.Range(top, bottom - top + 1)
                .FirstOrDefault(r => l.Top >= grid.Ys[r] - Give && l.Bottom <= grid.Ys[r + 1] + Give, -1)).ToList();
            if (rows.Contains(-1) || rows.Distinct().Count() != rows.Count) continue;
            // The rows are the table's own: each holds cells of its own with text in other columns (a wrapped amount
            // "3,400,74" / "1" stands beside cells as tall as it, spanning the same rows: a rule found in one column
            // only made them two).
            if (Enumerable.Range(top, bottom - top + 1).Any(r => Enumerable.Range(0, grid.Columns).Where(c => c < left || c > right)
                    .Select(c => grid.Find(r * grid.Columns + c)).Distinct()
                    .Count(o => grid.Extent(o) is var e && e.Top == r && e.Bottom == r && textByRegion.GetValueOrDefault(o) is { Length: > 0 }) < OwnCells))
                continue;
            for (var r = top + 1; r <= bottom; r++)
                cuts.Add((region, new Rule(grid.Ys[r], grid.Xs[left], grid.Xs[right + 1])));
        }
        return cuts;
    }

    /// <summary>Cells with text a row must hold in other columns, confined to it, for a spanning cell to be cut along it.</summary>
    private const int OwnCells = 2;

    /// <summary>Pixels a line of a spanning cell may stand over a row's boundary and still be that row's (the rule's width).</summary>
    private const int Give = 2;

    /// <summary>
    /// Whether a region is paper at pixel row <paramref name="y"/>: no stroke crosses it — a pixel column dark two rows
    /// above, at and two below it. Text crossing the row has such strokes; a dotted rule's dots and the noise's specks,
    /// a pixel or two tall, do not (their share of a wide cell is as large as that of a short word's strokes).
    /// </summary>
    private static bool Paper(GrayImage image, GridLayout grid, int region, int y)
    {
        var (_, left, _, right) = grid.Extent(region);
        var (x0, x1) = ((int)grid.Xs[left] + Inset, Math.Min(image.Width, (int)grid.Xs[right + 1] - Inset));
        if (x1 - x0 < 4 || y < 2 || y + 2 >= image.Height) return false;
        var above = image.Pixels.Slice((y - 2) * image.Width, image.Width);
        var at = image.Pixels.Slice(y * image.Width, image.Width);
        var below = image.Pixels.Slice((y + 2) * image.Width, image.Width);
        var crossed = 0;
        for (var x = x0; x < x1; x++)
            if (at[x] < 128 && above[x] < 128 && below[x] < 128 && ++crossed > MaxCrossings) return false;
        return true;
    }

    /// <summary>Dark pixels along pixel row <paramref name="y"/> inside the row's regions.</summary>
    private static int Specks(GrayImage image, GridLayout grid, List<int> regions, int y)
    {
        var line = image.Pixels.Slice(y * image.Width, image.Width);
        var dark = 0;
        foreach (var region in regions)
        {
            var (_, left, _, right) = grid.Extent(region);
            for (var x = (int)grid.Xs[left] + Inset; x < Math.Min(image.Width, (int)grid.Xs[right + 1] - Inset); x++)
                if (line[x] < 128) dark++;
        }
        return dark;
    }
}
