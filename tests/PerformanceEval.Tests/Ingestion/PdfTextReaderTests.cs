using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion.Pdf;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using Xunit;
using PerformanceEval.Raster;

namespace PerformanceEval.Tests.Ingestion;

public sealed class PdfTextReaderTests
{
    private static string Bad(string name) => Path.Combine(Fixtures.Dir, "bad-pdfs", name);

    [Theory]
    [InlineData("truncated.pdf", "damaged")]
    [InlineData("not-a-pdf.pdf", "damaged")]
    [InlineData("zero-pages.pdf", "has no pages")]
    [InlineData("encrypted.pdf", "encrypted")]
    public void A_pdf_that_cannot_be_read_fails_with_its_reason(string file, string reason)
    {
        var result = Fixtures.Pipeline.Extract(Bad(file));
        Assert.True(result.Failed);
        Assert.Contains(reason, result.Failure);
        Assert.Empty(result.Forms);
    }

    [Fact]
    public void A_pdf_without_a_text_layer_is_read_by_ocr_as_pdf_scan()
    {
        var result = Fixtures.Pipeline.Extract(Bad("scanned.pdf"));
        Assert.False(result.Failed, result.Failure);
        var form = Assert.Single(result.Forms);
        Assert.Equal("pdf-scan", form.Source.InputKind);
        Assert.Equal("窗口业务管理", form.ProjectName);
        var total = form.Provenance["funding.total.annualBudget"];
        Assert.NotNull(total.Confidence);
        Assert.Equal(4, total.Box!.Value.Length);
    }

    [Fact]
    public void A_text_layer_pdf_gives_pdf_text_forms_with_pages_and_boxes()
    {
        var forms = Fixtures.Pipeline.Extract(Fixtures.Input("pdf-songjiang-2022-page-break")).Forms;
        var form = Assert.Single(forms);
        Assert.Equal("pdf-text", form.Source.InputKind);
        Assert.Equal([1, 2], form.Source.Pages!.Value.ToArray());
        var score = form.Provenance["totalScore"];
        Assert.Equal(2, score.Page);
        Assert.Null(score.Line);
        Assert.Equal("97.60", score.Text);
    }

    [Fact]
    public void A_pdf_pdfpig_cannot_read_gets_poppler_as_second_opinion_with_a_warning()
    {
        var runner = new SubprocessRunner(TimeSpan.FromSeconds(60), 0, Serilog.Core.Logger.None);
        var failing = new PdfTextReader(runner, _ => throw new PdfLayerException(DiagnosticCodes.PdfPageUnreadable, "page 2 could not be read (bad font)"));
        var document = SourceDocument.Load(Fixtures.Input("pdf-songjiang-2022-page-break"));

        var second = failing.Read(document);
        var first = new PdfTextReader(runner).Read(document);

        var warning = Assert.Single(second.Diagnostics, d => d.Code == DiagnosticCodes.PdfReadByPoppler);
        Assert.Contains("bad font", warning.Message);
        Assert.DoesNotContain(first.Diagnostics, d => d.Code == DiagnosticCodes.PdfReadByPoppler);
        Assert.NotEmpty(second.Value.Rows);
        // The same cells from either reader: poppler's words with raster rules, PdfPig's with vector rules.
        static IEnumerable<string> Cells(StageResult<IngestedDocument> r) =>
            r.Value.Rows.Where(x => x.Origin == RowOrigin.RuledGrid).SelectMany(x => x.Cells).Select(c => c.Text.Replace("\n", "")).Where(t => t.Length > 0);
        Assert.Equal(Cells(first).Order(), Cells(second).Order());
    }

    [Fact]
    public void A_damaged_pdf_that_neither_reader_can_open_fails_with_both_reasons()
    {
        var result = Fixtures.Pipeline.Extract(Bad("truncated.pdf"));
        Assert.True(result.Failed);
        Assert.Contains("PdfPig", result.Failure);
    }

    [Fact]
    public void A_last_page_with_only_the_total_row_is_printed_text_not_a_scan()
    {
        // A form whose 总分 row fell onto a page of its own: "总分 100 86.55" has too few ideographs to count as a
        // text layer by itself, but the page holds no image, so it is text like the page before it.
        var original = Fixtures.Input("pdf-songjiang-2022-page-break");
        using var source = UglyToad.PdfPig.PdfDocument.Open(original);
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        builder.AddPage(source, 1);
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText("100   86.55", 10, new UglyToad.PdfPig.Core.PdfPoint(300, 800), font);

        var result = Fixtures.Pipeline.Extract(SourceDocument.FromBytes("short-last-page.pdf", builder.Build()));

        Assert.False(result.Failed, result.Failure);
        Assert.All(result.Forms, f => Assert.Equal("pdf-text", f.Source.InputKind));
        Assert.Equal(Fixtures.Pipeline.Extract(original).Forms[0].ProjectName, Assert.Single(result.Forms).ProjectName);
    }

    [Fact]
    public void A_searchable_scans_invisible_ocr_layer_is_not_taken_as_its_text()
    {
        // Scanner software lays the OCR it made under the page image, drawn invisibly (rendering mode 3). That
        // layer is another engine's guess, not printed text: the page is OCR'd as the scan it is.
        var scan = Fixtures.Input("scan-songjiang-2022-jpeg-pages");
        using var source = UglyToad.PdfPig.PdfDocument.Open(scan);
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        for (var n = 1; n <= source.NumberOfPages; n++)
        {
            var page = builder.AddPage(source, n);
            page.SetTextRenderingMode(UglyToad.PdfPig.Core.TextRenderingMode.Neither);
            page.AddText("RS 100 9l.3 xx", 10, new UglyToad.PdfPig.Core.PdfPoint(100, 700), font);
        }

        var result = Fixtures.Pipeline.Extract(SourceDocument.FromBytes("searchable.pdf", builder.Build()));

        Assert.NotEmpty(result.Forms);
        Assert.All(result.Forms, f => Assert.Equal("pdf-scan", f.Source.InputKind));
        Assert.Equal(Fixtures.Pipeline.Extract(scan).Forms.Select(f => f.ProjectName), result.Forms.Select(f => f.ProjectName));
    }

    [Fact]
    public void A_form_on_pages_shown_sideways_reads_as_the_upright_one()
    {
        // The same pages turned by /Rotate 90, as a scanner's software saves a landscape-fed form: read in the frame
        // its text runs in, not in the viewer's.
        var original = Fixtures.Input("pdf-songjiang-2022-title-outside");
        using var source = UglyToad.PdfPig.PdfDocument.Open(original);
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        for (var n = 1; n <= source.NumberOfPages; n++)
            builder.AddPage(source, n).SetRotation(new UglyToad.PdfPig.Content.PageRotationDegrees(90));
        var turned = Fixtures.Pipeline.Extract(SourceDocument.FromBytes("turned.pdf", builder.Build()));
        var straight = Fixtures.Pipeline.Extract(original);

        Assert.False(turned.Failed, turned.Failure);
        Assert.Equal(2, straight.Forms.Length);
        Assert.Equal(straight.Forms.Length, turned.Forms.Length);
        foreach (var (a, b) in turned.Forms.Zip(straight.Forms))
        {
            Assert.Equal(b.ProjectName, a.ProjectName);
            Assert.NotNull(b.Funding.Total?.Executed);
            Assert.Equal(b.Funding.Total?.Executed, a.Funding.Total?.Executed);
            Assert.Equal(b.Indicators.Select(i => (i.Name, i.Weight, i.Score)), a.Indicators.Select(i => (i.Name, i.Weight, i.Score)));
            Assert.Equal(b.Findings.Select(f => f.Rule), a.Findings.Select(f => f.Rule));
        }
    }

    [Fact]
    public void A_pdf_and_the_text_dump_of_the_same_forms_raise_the_same_findings()
    {
        static IEnumerable<string> Findings(IEnumerable<CleanedForm> forms) =>
            forms.SelectMany(f => f.Findings.Select(x => $"{f.Source.FormIndex} {x.Rule} {x.Field} {x.Stated} {x.Expected}"));
        var pdf = Fixtures.Pipeline.Extract(Fixtures.Input("pdf-baoshan-2023-three-forms")).Forms;
        var text = Fixtures.Pipeline.Extract(Fixtures.Input("seed-001-baoshan-2023-tsv")).Forms.Take(3);
        Assert.NotEmpty(Findings(pdf));
        Assert.Equal(Findings(text), Findings(pdf));
    }
}

/// <summary>The grid from geometry, on a page drawn in memory: rules, a merged cell, words placed by their centres.</summary>
public sealed class PageGridTests
{
    private static readonly SourceDocument Doc = SourceDocument.FromBytes("p.pdf", [1]);

    /// <summary>
    /// A 3×3 table on a 100×100 pt page: rows at y 10/40/70/100... drawn at 1 px per pt. Row 0's first two cells
    /// are one merged cell (no rule between them); column 0's cells of rows 1 and 2 are one (no rule between them).
    /// </summary>
    private static GrayImage Page()
    {
        const int size = 120;
        var pixels = Enumerable.Repeat((byte)255, size * size).ToArray();
        void H(int y, int x0, int x1) { for (var x = x0; x <= x1; x++) pixels[y * size + x] = 0; }
        void V(int x, int y0, int y1) { for (var y = y0; y <= y1; y++) pixels[y * size + x] = 0; }
        foreach (var y in new[] { 10, 100 }) H(y, 10, 100);
        H(40, 10, 100);
        H(70, 40, 100);                 // no rule under column 0 between rows 1 and 2
        foreach (var x in new[] { 10, 100 }) V(x, 10, 100);
        V(40, 40, 100);                 // no rule between columns 0 and 1 in row 0
        V(70, 10, 100);
        return new GrayImage(size, size, pixels);
    }

    [Fact]
    public void Ruling_lines_become_cells_and_unruled_neighbours_merge()
    {
        var (horizontal, vertical) = RulingLines.Find(Page(), 1.0);
        Assert.Equal(4, horizontal.Count);
        Assert.Equal(4, vertical.Count);
        List<PdfWord> words =
        [
            new("项目名称", 15, 20, 60, 30),   // centre in row 0, across the merged cell
            new("数据", 75, 20, 95, 30),
            new("产出指标", 12, 60, 38, 70),   // centre in the merged column-0 cell of rows 1-2
            new("10", 45, 45, 55, 55),
            new("20", 45, 75, 55, 85),
            new("- 1 -", 45, 105, 60, 112),   // below the table: page furniture, a row of its own
        ];
        var rows = PageGrid.Rows(Doc, 1, words, horizontal, vertical, 0).Select(r => r.Row).ToList();
        Assert.Equal(4, rows.Count);
        // A merged region is one cell with its spans, never padding slots after it.
        Assert.Equal(["项目名称", "数据"], rows[0].Cells.Select(c => c.Text));
        Assert.Equal([(0, 2, 1), (2, 1, 1)], rows[0].Cells.Select(c => (c.FirstColumn, c.ColSpan, c.RowSpan)));
        Assert.Equal(["产出指标", "10", ""], rows[1].Cells.Select(c => c.Text));
        Assert.Equal(["产出指标", "20", ""], rows[2].Cells.Select(c => c.Text));   // carried down, as a rowspan
        Assert.Equal((2, false, true), (rows[1].Cells[0].RowSpan, rows[1].Cells[0].Carried, rows[2].Cells[0].Carried));
        Assert.Same(rows[2].Cells[0].Source.Box, rows[2].CellCovering(0)!.Source.Box);
        Assert.Equal(RowOrigin.Layout, rows[3].Origin);
        var merged = rows[0].Cells[0].Source.Box!;
        Assert.Equal((10, 10, 70, 40), ((int)merged.X0, (int)merged.Y0, (int)merged.X1, (int)merged.Y1));
        Assert.Equal(BoxUnits.PdfPoints, merged.Units);
    }

    [Fact]
    public void A_shaded_cell_is_no_ruling_line()
    {
        const int size = 100;
        var pixels = Enumerable.Repeat((byte)255, size * size).ToArray();
        for (var y = 20; y < 40; y++)            // a 20 pt tall gray band: a shaded header row
            for (var x = 10; x < 90; x++) pixels[y * size + x] = 190;
        for (var x = 10; x < 90; x++) pixels[60 * size + x] = 150;   // one anti-aliased hairline
        var (horizontal, _) = RulingLines.Find(new GrayImage(size, size, pixels), 1.0);
        var rule = Assert.Single(horizontal);
        Assert.Equal(60.5, rule.At);
    }

    [Fact]
    public void Without_rules_words_become_layout_rows_split_at_wide_gaps()
    {
        List<PdfWord> words = [new("年度资金总额", 10, 10, 70, 20), new("8560200.00", 100, 10, 150, 20), new("10", 170, 10, 180, 20)];
        var rows = PageGrid.Rows(Doc, 1, words, [], [], 0).Select(r => r.Row).ToList();
        var row = Assert.Single(rows);
        Assert.Equal(RowOrigin.Layout, row.Origin);
        Assert.Equal(["年度资金总额", "8560200.00", "10"], row.Cells.Select(c => c.Text));
    }
}
