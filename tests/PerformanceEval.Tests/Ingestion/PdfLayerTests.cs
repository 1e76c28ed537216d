using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion.Pdf;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Xunit;
using PerformanceEval.Raster;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>
/// PdfPig's reading of a page: words and rules, from PDFs built here with PdfPig's own writer so that each case
/// draws exactly one way of printing a table (stroked lines, thin filled bars, a shaded cell, white strokes, touching
/// letters in two fonts, invisible OCR text). Coordinates below are PDF user space (origin bottom-left); the layer
/// reports them from the top-left of an A4 page (841.89 pt high), as poppler does.
/// </summary>
public sealed class PdfLayerTests
{
    private const double PageTop = 841.8898;

    private static PdfLayerPage Page(Action<PdfPageBuilder, PdfDocumentBuilder.AddedFont, PdfDocumentBuilder.AddedFont> draw)
    {
        var builder = new PdfDocumentBuilder();
        var helvetica = builder.AddStandard14Font(Standard14Font.Helvetica);
        var times = builder.AddStandard14Font(Standard14Font.TimesRoman);
        var page = builder.AddPage(PageSize.A4);
        draw(page, helvetica, times);
        return Assert.Single(PdfLayer.Read(builder.Build()));
    }

    /// <summary>A 2×3 grid: rows at y 700/680/660, columns at x 100/200/300/400 (user space).</summary>
    private static void StrokedGrid(PdfPageBuilder page)
    {
        foreach (var y in new[] { 700, 680, 660 }) page.DrawLine(new PdfPoint(100, y), new PdfPoint(400, y), 0.5);
        foreach (var x in new[] { 100, 200, 300, 400 }) page.DrawLine(new PdfPoint(x, 660), new PdfPoint(x, 700), 0.5);
    }

    [Fact]
    public void Stroked_lines_are_rules_in_the_top_left_frame()
    {
        var page = Page((p, _, _) => StrokedGrid(p));
        Assert.True(page.VectorRules);
        Assert.Equal([PageTop - 700, PageTop - 680, PageTop - 660], page.Horizontal.Select(r => Math.Round(r.At, 1)).Order(),
            new RoundedComparer());
        Assert.Equal([100, 200, 300, 400], page.Vertical.Select(r => Math.Round(r.At, 1)).Order());
        Assert.All(page.Horizontal, r => Assert.Equal((100, 400), (Math.Round(r.From), Math.Round(r.To))));
    }

    [Fact]
    public void Thin_filled_bars_drawn_cell_by_cell_are_one_rule_each()
    {
        // Chromium and Excel exports: each cell's border a filled 0.75 pt bar, the pieces meeting at the crossings.
        var page = Page((p, _, _) =>
        {
            foreach (var y in new[] { 700, 680, 660 })
                foreach (var x in new[] { 100, 200, 300 })
                    p.DrawRectangle(new PdfPoint(x, y - 0.375), 100, 0.75, 0, fill: true);
            foreach (var x in new[] { 100, 200, 300, 400 })
                p.DrawRectangle(new PdfPoint(x - 0.375, 660), 0.75, 40, 0, fill: true);
        });
        Assert.Equal(3, page.Horizontal.Count);
        Assert.All(page.Horizontal, r => Assert.Equal((100, 400), (Math.Round(r.From), Math.Round(r.To))));
        Assert.Equal([100, 200, 300, 400], page.Vertical.Select(r => Math.Round(r.At)).Order());
    }

    [Fact]
    public void A_table_left_open_by_a_page_break_is_closed_where_its_column_rules_end()
    {
        // The head of page 2 of a table Chromium split across pages: the row's column rules run from the page's top
        // margin (y 780) down to its bottom rule (y 740), and no border is drawn at the cut.
        var page = Page((p, _, _) =>
        {
            p.DrawLine(new PdfPoint(100, 740), new PdfPoint(400, 740), 0.5);
            foreach (var x in new[] { 100, 200, 300, 400 }) p.DrawLine(new PdfPoint(x, 740), new PdfPoint(x, 780), 0.5);
        });
        Assert.True(page.VectorRules);
        Assert.Equal([PageTop - 780, PageTop - 740], page.Horizontal.Select(r => r.At).Order(), new RoundedComparer());
        Assert.All(page.Horizontal, r => Assert.Equal((100, 400), (Math.Round(r.From), Math.Round(r.To))));
    }

    [Fact]
    public void Column_rules_alone_are_not_closed_into_one_row()
    {
        // A table ruled only down: closing it would make every line of the page one cell.
        var page = Page((p, _, _) =>
        {
            foreach (var x in new[] { 100, 200, 300 }) p.DrawLine(new PdfPoint(x, 500), new PdfPoint(x, 700), 0.5);
        });
        Assert.Empty(page.Horizontal);
        Assert.False(page.VectorRules);
    }

    [Fact]
    public void A_closed_table_gets_no_extra_rule()
    {
        var page = Page((p, _, _) => StrokedGrid(p));
        Assert.Equal(3, page.Horizontal.Count);
    }

    [Fact]
    public void A_shaded_cell_and_white_strokes_are_no_rules()
    {
        var page = Page((p, _, _) =>
        {
            // A grey header band with a white edge, and white lines painted over the page.
            p.SetStrokeColor(255, 255, 255);
            p.SetTextAndFillColor(200, 200, 200);
            p.DrawRectangle(new PdfPoint(100, 600), 200, 20, 0.5, fill: true);
            p.DrawLine(new PdfPoint(100, 500), new PdfPoint(400, 500), 0.5);
            p.DrawLine(new PdfPoint(100, 400), new PdfPoint(100, 500), 0.5);
        });
        Assert.Empty(page.Horizontal);
        Assert.Empty(page.Vertical);
        Assert.False(page.VectorRules);
    }

    [Fact]
    public void Touching_letters_in_two_fonts_are_one_word_and_a_gap_or_a_rule_ends_it()
    {
        var page = Page((p, helvetica, times) =>
        {
            StrokedGrid(p);
            // "10" in Helvetica then "km" in Times right after it: one word, as poppler makes it.
            var ten = p.AddText("10", 10, new PdfPoint(110, 686), helvetica);
            p.AddText("km", 10, new PdfPoint(ten.Max(l => l.EndBaseLine.X), 686), times);
            // "ab" then "cd" 3 pt later (more than a tenth of the 10 pt size): two words.
            var ab = p.AddText("ab", 10, new PdfPoint(210, 686), helvetica);
            p.AddText("cd", 10, new PdfPoint(ab.Max(l => l.EndBaseLine.X) + 3, 686), helvetica);
            // "xy" ends on the rule at x 300 and "zw" starts there: the rule splits them.
            var xy = p.AddText("xy", 10, new PdfPoint(300 - 9.5, 666), helvetica);
            p.AddText("zw", 10, new PdfPoint(xy.Max(l => l.EndBaseLine.X), 666), helvetica);
        });
        var words = page.Words.Select(w => w.Text).ToList();
        Assert.Contains("10km", words);
        Assert.Contains("ab", words);
        Assert.Contains("cd", words);
        Assert.Contains("xy", words);
        Assert.Contains("zw", words);
        var tenKm = page.Words.Single(w => w.Text == "10km");
        Assert.InRange(tenKm.X0, 109.5, 110.5);
        Assert.InRange(tenKm.CenterY, PageTop - 700, PageTop - 680); // inside the first row
    }

    [Fact]
    public void Lines_are_read_top_down_whatever_order_the_stream_draws_them()
    {
        var page = Page((p, helvetica, _) =>
        {
            p.AddText("lower", 10, new PdfPoint(100, 600), helvetica);
            p.AddText("upper", 10, new PdfPoint(100, 620), helvetica);
        });
        Assert.Equal(["upper", "lower"], page.Words.OrderBy(w => w.Y0).Select(w => w.Text));
        Assert.True(page.Words.Single(w => w.Text == "upper").Y1 < page.Words.Single(w => w.Text == "lower").Y0);
    }

    [Fact]
    public void Invisible_text_is_counted_not_read()
    {
        // A searchable scan: its OCR layer is drawn with rendering mode 3 ("neither") over the page image.
        var page = Page((p, helvetica, _) =>
        {
            p.AddText("seen", 10, new PdfPoint(100, 600), helvetica);
            p.SetTextRenderingMode(TextRenderingMode.Neither);
            p.AddText("hidden", 10, new PdfPoint(100, 500), helvetica);
        });
        Assert.Equal(["seen"], page.Words.Select(w => w.Text));
        Assert.Equal(6, page.HiddenLetters);
    }

    [Fact]
    public void Damage_becomes_a_reason_not_an_exception()
    {
        var encrypted = File.ReadAllBytes(Path.Combine(Fixtures.Dir, "bad-pdfs", "encrypted.pdf"));
        Assert.Equal(DiagnosticCodes.PdfEncrypted, Assert.Throws<PdfLayerException>(() => PdfLayer.Read(encrypted)).Code);
        var notPdf = "%PDF-1.7\nthis is no PDF at all"u8.ToArray();
        var damaged = Assert.Throws<PdfLayerException>(() => PdfLayer.Read(notPdf));
        Assert.Contains("damaged", damaged.Message);
    }

    [Fact]
    public void A_page_shown_sideways_is_read_in_its_texts_own_frame()
    {
        // /Rotate 90 over upright content: the viewer shows it sideways, the text still runs along its lines.
        static PdfLayerPage Read(int rotation)
        {
            var builder = new PdfDocumentBuilder();
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            var page = builder.AddPage(PageSize.A4);
            page.SetRotation(new PageRotationDegrees(rotation));
            StrokedGrid(page);
            page.AddText("left", 10, new PdfPoint(110, 686), font);
            page.AddText("right", 10, new PdfPoint(210, 686), font);
            return Assert.Single(PdfLayer.Read(builder.Build()));
        }
        var (upright, sideways) = (Read(0), Read(90));
        static string Rounded(IEnumerable<object> items) => string.Join(" ", items.Select(i => i switch
        {
            PdfWord w => $"{w.Text}@{w.X0:F2},{w.Y0:F2},{w.X1:F2},{w.Y1:F2}",
            Rule r => $"{r.At:F2}:{r.From:F2}-{r.To:F2}",
            _ => "",
        }));
        Assert.Equal(Rounded(upright.Words), Rounded(sideways.Words));
        Assert.Equal(Rounded(upright.Vertical.Concat(upright.Horizontal)), Rounded(sideways.Vertical.Concat(sideways.Horizontal)));
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 0.2;
        public int GetHashCode(double obj) => 0;
    }
    [Fact]
    public void A_page_that_is_one_black_and_white_image_says_so_and_a_grey_scan_does_not()
    {
        // A fax's page saved as a searchable PDF (its image one bit a sample under Tesseract's invisible text), and a grey
        // scan's JPEG pages.
        var fax = PdfLayer.Read(File.ReadAllBytes(Fixtures.Input("scan-shop-tune-synthetic028-fax-searchable")));
        Assert.True(Assert.Single(fax).BlackAndWhiteImage);
        var grey = PdfLayer.Read(File.ReadAllBytes(Fixtures.Input("scan-baoshan-2023-pdf")));
        Assert.All(grey, p => Assert.False(p.BlackAndWhiteImage));
        // A page of text and rules draws no image at all.
        Assert.False(Page((page, helvetica, _) => { StrokedGrid(page); page.AddText("10", 10, new PdfPoint(120, 685), helvetica); }).BlackAndWhiteImage);
    }
}
