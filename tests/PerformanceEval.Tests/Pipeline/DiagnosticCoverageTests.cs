using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Ingestion.Ocr;
using PerformanceEval.Ingestion.Pdf;
using Serilog.Core;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Writer;
using Xunit;

namespace PerformanceEval.Tests.Pipeline;

/// <summary>
/// Each code of the catalogue raised by an input that calls for it, and carried where a reviewer sees it: a failed
/// file's reason names its code; a form's warning has the code, a Chinese message and the place it points at.
/// </summary>
public sealed class DiagnosticCoverageTests
{
    private static readonly SubprocessRunner Runner = new(TimeSpan.FromSeconds(60), 0, Logger.None);

    /// <summary>A standard form as a TSV dump (seed 001's first form), for edits that call up one repair each.</summary>
    private static readonly string[] Form =
    [
        "财政项目支出绩效自评表", "(2023 年度)", "项目名称\t政府购买服务人员专项经费",
        "主管部门\t上海市宝山区行政服务中心\t\t\t实施单位\t上海市宝山区行政服务中心",
        "项目资金 (元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "\t年度资金总额\t1425600.00\t1425600.00\t1414200\t10\t99.20%\t9.92",
        "绩效 指标\t一级指标\t二级指标\t三级指标\t年度 指标值\t实际 完成值\t分值\t得分\t偏差原因分析及 改进措施",
        "\t产出指标\t数量指标\t政府购买服务月平均人数\t=55人\t=55人\t10\t10\t",
        "\t\t质量指标\t工作考核达标率\t=100%\t=100%\t20\t20\t",
        "\t\t时效指标\t各项工作完成及时性\t及时\t及时\t20\t20\t",
        "\t效益指标\t社会效益指标\t对优化营商环境持续发挥作用\t持续\t持续\t20\t20\t",
        "\t满意度指标\t服务对象满意度指标\t受众满意度\t>=95%\t>=95%\t20\t20\t",
        "总分\t\t\t\t\t\t100\t99.92",
    ];

    private static DocumentResultView Extract(string name, IEnumerable<string> lines) =>
        new(Fixtures.Pipeline.Extract(SourceDocument.FromBytes(name, Encoding.UTF8.GetBytes(string.Join("\n", lines)))));

    private sealed record DocumentResultView(PerformanceEval.Pipeline.DocumentResult Result)
    {
        public Warning Warning(DiagnosticCode code) =>
            Assert.Single(Result.Forms.SelectMany(f => f.Warnings), w => w.Code == code.Id);
    }

    [Fact]
    public void The_unedited_form_raises_none_of_the_repairs_below()
    {
        var form = Assert.Single(Extract("form.tsv", Form).Result.Forms);
        Assert.DoesNotContain(form.Warnings, w => w.Code is "grid.figure-unread" or "form.trailing-row" or "grid.row-repeated" or "grid.row-lost");
    }

    /// <summary>The form as an HTML table, one cell per tab: spans the normalizer binds columns by.</summary>
    private static DocumentResultView ExtractHtml(IEnumerable<string> lines) =>
        Extract("form.html", ["<table>", .. lines.Select(l => "<tr>" + string.Concat(l.Split('\t').Select(c => $"<td>{c}</td>")) + "</tr>"), "</table>"]);

    [Fact]
    public void A_weight_that_is_not_a_figure_is_left_null_with_a_warning_naming_its_field()
    {
        var lines = Form.ToArray();
        lines[8] = lines[8].Replace("\t20\t20\t", "\t二O\t20\t", StringComparison.Ordinal);
        var view = ExtractHtml(lines);
        Assert.Equal(20, view.Result.Forms[0].Indicators[1].Score);
        Assert.Null(view.Result.Forms[0].Indicators[1].Weight);
        var warning = view.Warning(DiagnosticCodes.FigureUnread);
        Assert.Equal(("warning", "indicators[1].weight"), (warning.Severity, warning.Field));
        Assert.Contains("二O", warning.Message, StringComparison.Ordinal);
        Assert.NotNull(warning.Source?.Col);
    }

    [Fact]
    public void Funding_figures_off_their_header_columns_are_read_by_kind_and_order_with_a_warning()
    {
        var lines = Form.ToArray();
        lines[5] = "\t年度资金总额\t1425600.00\t1425600.00\t1414200\t\t10\t99.20%\t9.92";
        var view = ExtractHtml(lines);
        Assert.Equal((10m, 99.20m, 9.92m), (view.Result.Forms[0].Funding.Total!.Weight!.Value, view.Result.Forms[0].Funding.Total!.ExecutionRate!.Value, view.Result.Forms[0].Funding.Total!.Score!.Value));
        Assert.Equal("funding.total", view.Warning(DiagnosticCodes.FundingByOrder).Field);
    }

    [Fact]
    public void A_row_after_the_total_is_not_read_and_says_so()
    {
        var view = Extract("form.tsv", [.. Form, "附注\t本表数据由财务科提供"]);
        Assert.Equal(14, view.Warning(DiagnosticCodes.TrailingRow).Source?.Line);
    }

    [Fact]
    public void A_row_the_ocr_repeated_is_dropped_with_a_warning()
    {
        var view = Extract("form.tsv", [.. Form[..9], Form[8], .. Form[9..]]);
        Assert.Equal(5, view.Result.Forms[0].Indicators.Length);
        Assert.NotNull(view.Warning(DiagnosticCodes.RowRepeated).Source);
    }

    [Fact]
    public void An_indicator_row_without_its_figures_is_lost_and_the_sums_over_rows_are_not_checked()
    {
        var lines = Form.ToArray();
        lines[9] = "\t\t时效指标\t各项工作完成及时性\t及时\t及时\t\t\t";
        var view = Extract("form.tsv", lines);
        Assert.NotNull(view.Warning(DiagnosticCodes.RowLost).Source);
        Assert.DoesNotContain(view.Result.Forms[0].Findings, f => f.Rule is "total-score" or "weight-sum");
    }

    [Fact]
    public void Text_that_holds_no_form_fails_as_none_found()
    {
        var result = Extract("notes.txt", ["会议纪要", "今天讨论了预算编制。"]).Result;
        Assert.True(result.Failed);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.FormNoneFound && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_file_that_cannot_be_read_fails_with_its_code()
    {
        var result = Fixtures.Pipeline.Extract(Path.Combine(Path.GetTempPath(), $"perfeval-missing-{Guid.NewGuid():N}.txt"));
        Assert.True(result.Failed);
        Assert.Equal(DiagnosticCodes.InputUnreadable, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void An_image_that_cannot_be_decoded_fails_as_unreadable()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Repeat((byte)0x41, 200)];
        var result = Fixtures.Pipeline.Extract(SourceDocument.FromBytes("broken.png", png));
        Assert.True(result.Failed);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.ImageUnreadable);
    }

    [Theory]
    [InlineData("truncated.pdf", "pdf.unreadable")]
    [InlineData("not-a-pdf.pdf", "pdf.unreadable")]
    [InlineData("zero-pages.pdf", "pdf.no-pages")]
    [InlineData("encrypted.pdf", "pdf.encrypted")]
    public void A_damaged_pdf_fails_with_the_code_of_its_damage(string file, string code)
    {
        var result = new PdfTextReader(Runner).Read(SourceDocument.Load(Path.Combine(Fixtures.Dir, "bad-pdfs", file)));
        Assert.Equal(code, Assert.Single(result.Diagnostics).Code.Id);
    }

    [Fact]
    public void A_scan_without_ocr_fails_as_a_scan()
    {
        var result = new PdfTextReader(Runner).Read(SourceDocument.Load(Path.Combine(Fixtures.Dir, "bad-pdfs", "scanned.pdf")));
        Assert.Equal(DiagnosticCodes.PdfScan, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Poppler_that_does_not_finish_in_time_fails_the_pdf_as_timed_out()
    {
        var hasty = new SubprocessRunner(TimeSpan.FromMilliseconds(10), 0, Logger.None);
        var reader = new PdfTextReader(hasty, _ => throw new PdfLayerException(DiagnosticCodes.PdfUnreadable, "scripted"));
        // pdftotext takes 40–50 ms on these six forms: five times the attempt's 10 ms.
        var result = reader.Read(SourceDocument.Load(Fixtures.Input("pdf-qingpu-2021-six-forms")));
        Assert.Equal(DiagnosticCodes.PdfTimeout, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_blank_page_among_text_pages_is_reported_on_its_page()
    {
        var builder = new PdfDocumentBuilder();
        using (var source = PdfDocument.Open(File.ReadAllBytes(Fixtures.Input("pdf-songjiang-2022-page-break"))))
            builder.AddPage(source, 1);
        builder.AddPage(PageSize.A4);
        var result = new PdfTextReader(Runner).Read(SourceDocument.FromBytes("with-blank.pdf", builder.Build()));
        var blank = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.PdfPageWithoutText);
        Assert.Equal(2, blank.Source?.Page);
        Assert.NotEmpty(result.Value.Rows);
    }

    [Fact]
    public void Missing_language_data_fails_the_image_as_a_missing_tool()
    {
        var ocr = new OcrService(new OcrSettings(), Runner, Logger.None, null,
            language => throw new ToolMissingException($"Tesseract language data '{language}'", "tesseract-ocr-chi-sim"));
        var result = new ImageReader(ocr).Read(SourceDocument.Load(Fixtures.Input("scan-songjiang-2022-tiff")));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.ToolMissing, error.Code);
        Assert.Contains("tesseract-ocr-chi-sim", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Repairs the seeds call for, each seen on the seed that has it. What matters beyond the code: the warning points
    /// at the text it is about (a line or a page), and its message is the reviewers' language.
    /// </summary>
    [Theory]
    [InlineData("seed-000-qingpu-2021-markdown", "form.flattened")]
    [InlineData("seed-000-qingpu-2021-markdown", "form.flattened-indicators")]
    [InlineData("seed-000-qingpu-2021-markdown", "goals.interleaved")]
    [InlineData("seed-000-qingpu-2021-markdown", "grid.total-unlabelled")]
    [InlineData("seed-000-qingpu-2021-markdown", "header.label-lost")]
    [InlineData("seed-000-qingpu-2021-markdown", "text.level-assumed")]
    [InlineData("seed-000-qingpu-2021-markdown", "text.repaired")]
    [InlineData("seed-000-qingpu-2021-markdown", "form.year-inferred")]
    [InlineData("seed-001-baoshan-2023-tsv", "grid.total-joined")]
    [InlineData("seed-001-baoshan-2023-tsv", "grid.row-fragment")]
    [InlineData("seed-001-baoshan-2023-tsv", "grid.row-shifted")]
    [InlineData("seed-001-baoshan-2023-tsv", "grid.surplus-cell")]
    [InlineData("seed-001-baoshan-2023-tsv", "text.level-repaired")]
    [InlineData("seed-001-baoshan-2023-tsv", "table.read-by-position")]
    [InlineData("seed-002-songjiang-2022-layout", "grid.cell-split")]
    public void A_seed_that_calls_for_a_repair_gets_its_warning_pointing_at_the_text(string caseName, string code)
    {
        var forms = Fixtures.Pipeline.Extract(Fixtures.Input(caseName)).Forms;
        var raised = forms.SelectMany(f => f.Warnings).Where(w => w.Code == code).ToList();
        Assert.NotEmpty(raised);
        foreach (var w in raised)
        {
            Assert.Equal(DiagnosticCodes.Find(code)!.Severity.ToContract(), w.Severity);
            Assert.True(w.Message.Any(c => c >= '\u4e00' && c <= '\u9fff'), $"{code}: «{w.Message}» is not Chinese");
            // Only a guess about the whole form (the table read by position, a year taken from the file) has no place.
            if (code is not ("table.read-by-position" or "form.year-inferred"))
                Assert.True(w.Source is { Line: not null } or { Page: not null }, $"{code}: «{w.Message}» points nowhere");
        }
    }

    /// <summary>Scan-only codes, on one scan (OCR is slow; one document shows them all).</summary>
    [Fact]
    public void A_scan_warns_of_rereads_inferred_headers_and_unsure_figures_with_their_cells()
    {
        var forms = Fixtures.Pipeline.Extract(Fixtures.Input("scan-baoshan-2023-pdf")).Forms;
        var warnings = forms.SelectMany(f => f.Warnings).ToList();
        foreach (var code in new[] { DiagnosticCodes.OcrFigureReread, DiagnosticCodes.HeaderInferred, DiagnosticCodes.OcrLowConfidence })
            Assert.Contains(warnings, w => w.Code == code.Id && w.Source is { Page: not null, Box: not null });
    }
}
