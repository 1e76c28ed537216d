using Xunit;
using PerformanceEval.Ingestion;
using PerformanceEval.Ingestion.Ocr;
using PerformanceEval.Provenance;
using PerformanceEval.Raster;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>
/// Rows whose rule between them was not found are one grid row whose figure cells each hold the rows' figures one over
/// the other: cut between them, across the cells that are paper there; a row whose figures are one figure wrapped, or
/// whose figure cells do not all stack, is left whole.
/// </summary>
public sealed class StackedRowsTests
{
    private const int W = 800, H = 420;
    /// <summary>Columns: a name (50–250), a 二级指标 (250–400), 分值 (400–550), 得分 (550–700).</summary>
    private static readonly int[] Xs = [50, 250, 400, 550, 700];

    /// <summary>
    /// A header row (50–110) over one grid row (110–350) that is three printed rows of 80 px with no rule between them;
    /// <paramref name="blots"/> are (column, top, bottom) blocks of ink: a line of text or figures.
    /// </summary>
    private static (GrayImage Page, GridLayout Grid) Table(params (int Column, int Top, int Bottom)[] blots) => Table(null, blots);

    /// <summary>The same, with a fax's dotted hairline (a 2-px speck every 12 px) at <paramref name="dottedAt"/>.</summary>
    private static (GrayImage Page, GridLayout Grid) Table(int? dottedAt, params (int Column, int Top, int Bottom)[] blots)
    {
        var pixels = new byte[W * H];
        Array.Fill(pixels, (byte)255);
        foreach (var y in new[] { 50, 110, 350 })
            for (var x = Xs[0]; x <= Xs[^1]; x++) pixels[y * W + x] = 0;
        foreach (var x in Xs)
            for (var y = 50; y <= 350; y++) pixels[y * W + x] = 0;
        foreach (var (column, top, bottom) in blots)
            for (var y = top; y <= bottom; y++)
                for (var x = Xs[column] + 30; x < Xs[column + 1] - 30; x += 2) pixels[y * W + x] = 0;
        if (dottedAt is { } d)
            for (var x = Xs[0] + 5; x < Xs[^1] - 5; x += 12)
                pixels[d * W + x] = pixels[d * W + x + 1] = 0;
        var page = new GrayImage(W, H, pixels);
        var (across, down) = RulingLines.Find(page, 1.0);
        return (page, GridLayout.Build(across, down, snap: 8)!);
    }

    /// <summary>The cuts for the table's second grid row, its figure cells read as <paramref name="figures"/>.</summary>
    private static List<(int Row, Rule Cut)> Cuts(GrayImage page, GridLayout grid, string figures, string? secondFigures = null)
    {
        Assert.Equal(2, grid.Rows);
        var region = (int column) => grid.Find(grid.Columns + column);
        var texts = new Dictionary<int, string>
        {
            [region(0)] = "names", [region(1)] = "level", [region(2)] = figures, [region(3)] = secondFigures ?? figures,
        };
        var typed = new Dictionary<int, string> { [region(2)] = "分值", [region(3)] = "得分" };
        var crops = Enumerable.Range(0, 4).ToDictionary(region, c => new OcrRequest(Xs[c] + 4, 114, Xs[c + 1] - 4, 346, 6));
        return StackedRows.Cuts(page, grid, texts, typed, crops);
    }

    /// <summary>Three printed rows' lines: 140–160, 220–240, 300–320 in the given columns.</summary>
    private static IEnumerable<(int, int, int)> ThreeRows(params int[] columns) =>
        columns.SelectMany(c => new[] { (c, 140, 160), (c, 220, 240), (c, 300, 320) });

    [Fact]
    public void Figure_cells_each_holding_three_figures_cut_the_row_into_three_between_their_lines()
    {
        var (page, grid) = Table([.. ThreeRows(0, 1, 2, 3)]);
        var cuts = Cuts(page, grid, "12\n6\n13");
        Assert.All(cuts, c => Assert.Equal(1, c.Row));
        var heights = cuts.Select(c => c.Cut.At).Distinct().Order().ToList();
        Assert.Equal(2, heights.Count);
        Assert.InRange(heights[0], 161, 219);
        Assert.InRange(heights[1], 241, 299);
        // Every cell is paper there: one piece across the whole row at each height.
        Assert.All(cuts, c => Assert.Equal((grid.Xs[0], grid.Xs[^1]), (c.Cut.From, c.Cut.To)));
        var (across, down) = RulingLines.Find(page, 1.0);
        var parted = GridLayout.Build([.. across, .. cuts.Select(c => c.Cut)], down, snap: 8)!;
        Assert.Equal(4, parted.Rows);
        Assert.Equal(16, parted.Regions().Count());
    }

    [Fact]
    public void The_cut_falls_on_the_dots_a_fax_kept_of_the_rule_not_only_in_the_gap()
    {
        var (page, grid) = Table(dottedAt: 205, [.. ThreeRows(0, 1, 2, 3)]);
        var heights = Cuts(page, grid, "12\n6\n13").Select(c => c.Cut.At).Distinct().Order().ToList();
        Assert.Equal(2, heights.Count);
        Assert.InRange(heights[0], 205, 206);
        Assert.InRange(heights[1], 241, 299);
    }

    [Fact]
    public void A_cell_whose_ink_crosses_the_cut_is_left_whole_and_spans_the_rows_it_makes()
    {
        // The 二级指标 printed down the middle of the first two rows (150–230), across the only gap between their figures.
        var (page, grid) = Table([.. ThreeRows(0, 2, 3), (1, 150, 230), (1, 300, 320)]);
        var cuts = Cuts(page, grid, "12\n6\n13");
        var first = cuts.Where(c => c.Cut.At < 220).ToList();
        Assert.Equal([(grid.Xs[0], grid.Xs[1]), (grid.Xs[2], grid.Xs[4])], first.Select(c => (c.Cut.From, c.Cut.To)).ToList());
        var (across, down) = RulingLines.Find(page, 1.0);
        var parted = GridLayout.Build([.. across, .. cuts.Select(c => c.Cut)], down, snap: 8)!;
        // The 二级指标's cell spans the first two rows the cuts made.
        var level = parted.Find(parted.Columns + 1);
        Assert.Equal((1, 2), (parted.Extent(level).Top, parted.Extent(level).Bottom));
    }

    [Fact]
    public void A_figure_wrapped_over_two_lines_beside_one_line_cells_is_no_two_rows()
    {
        // "3,369,43" over "4" in both figure columns (lines 200–220, 232–252), the label beside them one line set in the middle (216–236).
        var (page, grid) = Table((0, 216, 236), (1, 216, 236), (2, 200, 220), (2, 232, 252), (3, 200, 220), (3, 232, 252));
        Assert.Empty(Cuts(page, grid, "3,369,43\n4"));
    }

    [Fact]
    public void A_row_whose_figure_cells_do_not_all_stack_is_left_whole()
    {
        var (page, grid) = Table([.. ThreeRows(0, 1, 2), (3, 220, 240)]);
        Assert.Empty(Cuts(page, grid, "12\n6\n13", secondFigures: "31"));
    }

    [Fact]
    public void Lines_that_are_not_all_figures_are_no_stacked_rows()
    {
        var (page, grid) = Table([.. ThreeRows(0, 1, 2, 3)]);
        Assert.Empty(Cuts(page, grid, "12\n分\n13"));
    }

    /// <summary>
    /// Three printed rows (110–190, 190–270, 270–350) under a header (50–110), their rules drawn across every column
    /// but <paramref name="ruleless"/>'s; ink in each column at (column, top, bottom).
    /// </summary>
    private static (GrayImage Page, GridLayout Grid) RuledRows(int[] ruleless, params (int Column, int Top, int Bottom)[] blots)
    {
        var pixels = new byte[W * H];
        Array.Fill(pixels, (byte)255);
        foreach (var y in new[] { 50, 110, 190, 270, 350 })
            for (var c = 0; c < Xs.Length - 1; c++)
                if (y is 50 or 110 or 350 || !ruleless.Contains(c))
                    for (var x = Xs[c]; x <= Xs[c + 1]; x++) pixels[y * W + x] = 0;
        foreach (var x in Xs)
            for (var y = 50; y <= 350; y++) pixels[y * W + x] = 0;
        foreach (var (column, top, bottom) in blots)
            for (var y = top; y <= bottom; y++)
                for (var x = Xs[column] + 30; x < Xs[column + 1] - 30; x += 2) pixels[y * W + x] = 0;
        var page = new GrayImage(W, H, pixels);
        var (across, down) = RulingLines.Find(page, 1.0);
        return (page, GridLayout.Build(across, down, snap: 8)!);
    }

    /// <summary>Every region below the header read as "text", the 分值 column's (2) as <paramref name="figures"/>.</summary>
    private static List<(int Region, Rule Cut)> SpannedCuts(GrayImage page, GridLayout grid, string figures, string? levels = null)
    {
        var texts = new Dictionary<int, string>();
        foreach (var region in grid.Regions().Where(r => grid.Extent(r).Top > 0))
            texts[region] = grid.Extent(region).Left == 2 ? figures : grid.Extent(region).Left == 1 && levels is not null ? levels : "text";
        return StackedRows.SpannedCuts(page, grid, texts);
    }

    /// <summary>A line in each of the three rows, in the given columns.</summary>
    private static IEnumerable<(int, int, int)> LineInEachRow(params int[] columns) =>
        columns.SelectMany(c => new[] { (c, 140, 160), (c, 220, 240), (c, 300, 320) });

    [Fact]
    public void A_figure_cell_spanning_rows_with_a_figure_in_each_is_cut_along_the_rows_own_boundaries()
    {
        var (page, grid) = RuledRows([2], [.. LineInEachRow(0, 1, 2, 3)]);
        Assert.Equal(4, grid.Rows);
        var cuts = SpannedCuts(page, grid, "5\n10\n15");
        Assert.Equal([grid.Ys[2], grid.Ys[3]], cuts.Select(c => c.Cut.At).Order().ToList());
        Assert.All(cuts, c => Assert.Equal((grid.Xs[2], grid.Xs[3]), (c.Cut.From, c.Cut.To)));
        var (across, down) = RulingLines.Find(page, 1.0);
        var parted = GridLayout.Build([.. across, .. cuts.Select(c => c.Cut)], down, snap: 8)!;
        Assert.All(parted.Regions(), r => Assert.Equal(parted.Extent(r).Top, parted.Extent(r).Bottom));
    }

    [Fact]
    public void The_ink_says_how_many_figures_where_the_engine_read_the_stacked_lines_as_one()
    {
        var (page, grid) = RuledRows([2], [.. LineInEachRow(0, 1, 2, 3)]);
        Assert.Equal(2, SpannedCuts(page, grid, "10").Count);
        Assert.Equal(2, SpannedCuts(page, grid, "15\n10_\n鳃").Count);
    }

    [Fact]
    public void A_figure_wrapped_in_a_cell_beside_cells_as_tall_as_it_is_no_rows()
    {
        // Rules between the rows in the first column only: every other cell spans the three rows, as a wrapped amount's
        // neighbours do where a label's rule was found and no other.
        var (page, grid) = RuledRows([1, 2, 3], [.. LineInEachRow(0, 2), (1, 220, 240), (3, 220, 240)]);
        Assert.Empty(SpannedCuts(page, grid, "3,400,74\n1\n0"));
    }

    [Fact]
    public void Words_spanning_rows_and_two_lines_in_one_row_are_left_whole()
    {
        // A 二级指标 wrapped over the rows it spans: words, not figures (the 分值 column ruled).
        var (words, wordsGrid) = RuledRows([1], [.. LineInEachRow(0, 1, 2, 3)]);
        Assert.Empty(SpannedCuts(words, wordsGrid, "5", levels: "服务对象满意度指\n标\n指标"));
        // Two of the figure cell's lines in its first row: no line a row of its own.
        var (page, grid) = RuledRows([2], [.. LineInEachRow(0, 1, 3), (2, 120, 140), (2, 160, 180), (2, 300, 320)]);
        Assert.Empty(SpannedCuts(page, grid, "5\n10\n15"));
    }
}
