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
    public void A_blank_page_has_no_pieces()
    {
        Assert.Empty(UnruledPage.Pieces(Page(), 7));
    }
}
