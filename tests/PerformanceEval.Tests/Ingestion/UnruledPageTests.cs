using Xunit;
using PerformanceEval.Ingestion;
using PerformanceEval.Ingestion.Ocr;
using PerformanceEval.Raster;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>
/// A page with no rules read as layout text: its print cut into pieces of one line where wide gaps part it, a cell that
/// wraps cut into its lines, dots and dust left out; the pieces set on lines at the columns their positions give.
/// </summary>
public sealed class UnruledPageTests
{
    private const int W = 1200, H = 500;

    /// <summary>Print: (left, top, width) blocks 30 px tall of vertical strokes 2 px apart (a line of characters).</summary>
    private static GrayImage Page(params (int Left, int Top, int Width)[] print)
    {
        var pixels = new byte[W * H];
        Array.Fill(pixels, (byte)255);
        foreach (var (left, top, width) in print)
            for (var y = top; y < top + 30; y++)
                for (var x = left; x < left + width; x += 2) pixels[y * W + x] = 0;
        // A dotted rule's remains across the page and dust: single dark pixels.
        for (var x = 20; x < W - 20; x += 25) pixels[200 * W + x] = 0;
        pixels[450 * W + 600] = pixels[451 * W + 601] = 0;
        return new GrayImage(W, H, pixels);
    }

    [Fact]
    public void Print_parted_by_wide_gaps_is_pieces_and_a_wrapped_cell_its_lines()
    {
        // A label (100–300) and two figures (500–650, 800–950) on one line; below, a label wrapped over two lines
        // (30 px apart: one band with the figures beside it) and a figure set between them.
        var page = Page((100, 100, 200), (500, 100, 150), (800, 100, 150), (100, 250, 200), (100, 290, 120), (500, 270, 150));
        var pieces = UnruledPage.Pieces(page, 7);
        Assert.Equal(6, pieces.Count);
        Assert.Equal(3, pieces.Count(p => p.Y0 < 150));
        // The wrapped label is two pieces, one a line; the figure beside them one piece over the band.
        var wrapped = pieces.Where(p => p.X0 < 150 && p.Y0 > 200).OrderBy(p => p.Y0).ToList();
        Assert.Equal(2, wrapped.Count);
        Assert.InRange(wrapped[0].Y1, 280, 290);
        Assert.InRange(wrapped[1].Y0, 284, 292);
        Assert.All(pieces, p => Assert.Equal(7, p.PageSegMode));
        // No piece of the dotted rule's dots or the dust.
        Assert.DoesNotContain(pieces, p => p.Y0 > 190 && p.Y1 < 215 || p.Y0 > 440);
    }

    [Fact]
    public void Pieces_become_layout_rows_with_columns_in_the_order_of_their_positions()
    {
        var page = Page((100, 100, 200), (500, 100, 150), (800, 100, 150), (100, 250, 200), (500, 250, 150));
        var pieces = UnruledPage.Pieces(page, 7);
        var texts = pieces.Select(p => new OcrText(p.Y0 < 200 ? p.X0 < 400 ? "年度资金总额" : p.X0 < 700 ? "8187870.50" : "10" : p.X0 < 400 ? "其他资金" : "0.00", 0.9)).ToList();
        var rows = UnruledPage.Rows(SourceDocument.FromBytes("scan.tif", [1]), 1, pieces, texts, 0);
        Assert.Equal(2, rows.Count);
        var first = rows[0].Row;
        Assert.Equal(RowOrigin.Layout, first.Origin);
        Assert.Equal(["年度资金总额", "8187870.50", "10"], first.Cells.Select(c => c.Text));
        // Character columns grow with the pieces' positions; a figure under a figure stands at its column.
        var columns = first.Cells.Select(c => c.Columns!.Value.Start).ToList();
        Assert.True(columns[0] < columns[1] && columns[1] < columns[2]);
        Assert.Equal(columns[1], rows[1].Row.Cells[1].Columns!.Value.Start);
        // Each cell points at its piece on the page.
        Assert.All(first.Cells, c => Assert.Equal(1, c.Source.Page));
        Assert.InRange(first.Cells[1].Source.Box!.X0, 490, 500);
    }

    [Fact]
    public void A_wrapped_label_close_beside_a_one_line_figure_is_its_lines_and_the_figure_its_own_piece()
    {
        // Two one-line rows elsewhere set the usual line height (30 px). The label's lines (250–280, 284–314) and the
        // figure set between them 20 px to its right (262–292) run together as one tall line of print.
        var page = Page((100, 100, 200), (500, 100, 150), (100, 400, 200), (100, 250, 120), (100, 284, 120), (240, 262, 150));
        var band = UnruledPage.Pieces(page, 7).Where(p => p.Y0 > 200 && p.Y1 < 350).OrderBy(p => p.X0).ThenBy(p => p.Y0).ToList();
        Assert.Equal(3, band.Count);
        Assert.True(band[0].X1 < 240 && band[1].X1 < 240, "the label's two lines, on their own");
        Assert.InRange(band[0].Y1, 280, 290);
        Assert.InRange(band[2].X0, 230, 240);
    }

    [Fact]
    public void A_rule_found_parts_print_it_stands_between_however_close()
    {
        // Two labels 20 px apart (under a piece's gap) with a column rule between them, as a narrow header's 一级 | 指标名.
        var page = Page((100, 100, 200), (320, 100, 200));
        Assert.Single(UnruledPage.Pieces(page, 7));
        var rule = new Rule(310, 50, 400);
        var parted = UnruledPage.Pieces(page, 7, [rule]).OrderBy(p => p.X0).ToList();
        Assert.Equal(2, parted.Count);
        Assert.True(parted[0].X1 <= 310 && parted[1].X0 >= 310);
        // A rule that does not reach the line parts nothing.
        Assert.Single(UnruledPage.Pieces(page, 7, [new Rule(310, 200, 400)]));
    }

    [Fact]
    public void Rules_found_are_whitened_and_a_stroke_crossing_them_is_kept()
    {
        var pixels = new byte[W * H];
        Array.Fill(pixels, (byte)255);
        // A rule across at y 200–202 (found at 203: a slant's few pixels off) and one down at x 600–603.
        for (var x = 50; x < 1150; x++) for (var y = 200; y < 203; y++) pixels[y * W + x] = 10;
        for (var y = 50; y < 450; y++) for (var x = 600; x < 604; x++) pixels[y * W + x] = 10;
        // A character's stroke down through the rule across (x 300–302, y 180–230), and a short mark at its side.
        for (var y = 180; y < 230; y++) for (var x = 300; x < 303; x++) pixels[y * W + x] = 10;
        var bare = UnruledPage.WithoutRules(new GrayImage(W, H, pixels), [new Rule(203, 50, 1150)], [new Rule(601.5, 50, 450)]);
        int Dark(int x0, int y0, int x1, int y1)
        {
            var n = 0;
            for (var y = y0; y < y1; y++) for (var x = x0; x < x1; x++) if (bare.Pixels[y * W + x] < 128) n++;
            return n;
        }
        Assert.Equal(0, Dark(50, 190, 290, 215));
        Assert.Equal(0, Dark(310, 190, 1150, 215));
        Assert.Equal(0, Dark(590, 50, 615, 450));
        // The stroke is whole, where it crosses the rule too.
        Assert.Equal(50 * 3, Dark(300, 180, 303, 230));
        // The image given is left as it was.
        Assert.Equal(10, pixels[201 * W + 100]);
    }

    [Fact]
    public void A_blank_page_has_no_pieces()
    {
        Assert.Empty(UnruledPage.Pieces(Page(), 7));
    }
}
