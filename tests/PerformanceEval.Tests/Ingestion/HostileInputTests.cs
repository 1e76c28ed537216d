using System.Text;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Ingestion.Ocr;
using PerformanceEval.Ingestion.Pdf;
using Serilog.Core;
using Xunit;
using PerformanceEval.Raster;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>Inputs an archive holds that no form printer made: bad bytes, bombs, monsters, misnamed files.</summary>
public sealed class HostileInputTests
{
    private static readonly byte[] Seed002 = File.ReadAllBytes(Fixtures.Input("seed-002-songjiang-2022-layout"));

    private static InputLimits Small => new(MaxFileBytes: 1 << 20, MaxTextBytes: 64 << 10, MaxLineChars: 2000,
        MaxPixelsPerPage: 5_000_000, MaxPagesPerDocument: 1, MaxTableCells: 500, MaxTableColumns: 40, MaxTableNesting: 3);

    [Fact]
    public void A_utf8_file_with_one_bad_byte_stays_utf8_keeps_its_forms_and_warns_at_the_byte()
    {
        var bytes = (byte[])[.. Seed002, 0xFF];
        var decoded = TextDecoder.Decode(bytes)!.Value;
        Assert.Equal(("utf-8", 1), (decoded.EncodingName, decoded.InvalidSequences));

        var result = Fixtures.Pipeline.Extract(SourceDocument.FromBytes("seed-002.txt", bytes));
        Assert.Equal(5, result.Forms.Length);
        var warning = Assert.Single(result.Forms.SelectMany(f => f.Warnings), w => w.Code == DiagnosticCodes.TextInvalidBytes.Id);
        Assert.Equal(Encoding.UTF8.GetString(Seed002).Split('\n').Length, warning.Source?.Line);
        Assert.Same(warning, result.Forms[^1].Warnings.Single(w => w.Code == DiagnosticCodes.TextInvalidBytes.Id));
    }

    [Fact]
    public void A_gbk_file_is_read_as_gb18030_by_its_evidence()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936).GetBytes(Encoding.UTF8.GetString(Seed002));
        var decoded = TextDecoder.Decode(gbk)!.Value;
        Assert.Equal(("gb18030", 0), (decoded.EncodingName, decoded.InvalidSequences));
    }

    [Fact]
    public void A_text_over_the_byte_limit_is_refused_before_it_is_decoded()
    {
        var result = new TextDumpReader(Small).Read(SourceDocument.FromBytes("big.txt", [.. Enumerable.Repeat((byte)'a', 70 << 10)]));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.InputTooLarge, error.Code);
        Assert.Contains("maxTextBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_over_the_limit_is_refused_naming_the_line()
    {
        var text = "财政项目支出绩效自评表\n(2023 年度)\n" + new string('9', 3000) + "\n";
        var error = Assert.Single(new TextDumpReader(Small).Read(SourceDocument.FromBytes("line.txt", Encoding.UTF8.GetBytes(text))).Diagnostics);
        Assert.Equal((DiagnosticCodes.InputTooLarge, 3), (error.Code, error.Source?.Line));
    }

    [Theory]
    [InlineData(600, 1, 1, "maxTableCells")]
    [InlineData(1, 60, 1, "maxTableColumns")]
    [InlineData(1, 1, 5, "maxTableNesting")]
    public void An_html_table_beyond_a_bound_is_refused_with_the_bound_named(int rows, int columns, int nesting, string bound)
    {
        var row = "<tr>" + string.Concat(Enumerable.Repeat("<td>1</td>", columns)) + "</tr>";
        var table = "<table>" + string.Concat(Enumerable.Repeat(row, rows)) + "</table>";
        for (var i = 1; i < nesting; i++) table = $"<table><tr><td>{table}</td></tr></table>";
        var result = new TextDumpReader(Small).Read(SourceDocument.FromBytes("t.html", Encoding.UTF8.GetBytes($"<html><body>{table}</body></html>")));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.TableTooLarge, error.Code);
        Assert.Contains(bound, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_file_limit_is_refused_without_being_read()
    {
        var settings = PerformanceEval.Pipeline.PipelineSettings.Load(Path.Combine(Fixtures.RepoRoot, "pipeline.json")) with { Limits = new InputLimits(MaxFileBytes: 4096, MaxTextBytes: 2048) };
        var pipeline = new PerformanceEval.Pipeline.ExtractionPipelineBuilder().WithSettings(settings).Build();
        var result = pipeline.Extract(Fixtures.Input("seed-002-songjiang-2022-layout"));
        Assert.True(result.Failed);
        Assert.Equal(DiagnosticCodes.InputTooLarge, Assert.Single(result.Diagnostics).Code);
    }

    /// <summary>An engine that reads nothing, and counts the pages it was shown.</summary>
    private sealed class BlankEngine : IOcrEngine
    {
        public HashSet<GrayImage> Pages { get; } = [];

        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline)
        {
            lock (Pages) Pages.Add(image);
            return [.. requests.Select(_ => new OcrText("", 0))];
        }
    }

    private static (StageResult<IngestedDocument> Result, int Pages) ReadImage(string path, InputLimits? limits = null)
    {
        var engine = new BlankEngine();
        var ocr = new OcrService(new OcrSettings(), new SubprocessRunner(TimeSpan.FromSeconds(60), 0, Logger.None), Logger.None, null, _ => engine);
        var result = new ImageReader(ocr, limits).Read(SourceDocument.Load(path));
        return (result, engine.Pages.Count);
    }

    [Fact]
    public void A_tiff_named_png_is_read_as_the_tiff_its_bytes_say_it_is_every_page()
    {
        var dir = Directory.CreateTempSubdirectory("perfeval-kind-").FullName;
        try
        {
            var misnamed = Path.Combine(dir, "scan.png");
            File.Copy(Fixtures.Input("scan-songjiang-2022-tiff"), misnamed);
            var (result, pages) = ReadImage(misnamed);
            Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            Assert.Equal(2, pages);

            var (limited, _) = ReadImage(misnamed, Small with { MaxPixelsPerPage = 100_000_000 });
            Assert.Equal(DiagnosticCodes.TooManyPages, Assert.Single(limited.Diagnostics, d => d.Severity == DiagnosticSeverity.Error).Code);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_page_over_the_pixel_limit_is_refused_from_its_header_before_decoding()
    {
        var (result, pages) = ReadImage(Fixtures.Input("scan-songjiang-2022-tiff"), Small with { MaxPagesPerDocument = 10 });
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(DiagnosticCodes.ImageTooLarge, error.Code);
        Assert.Contains("maxPixelsPerPage", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, pages);
    }

    [Fact]
    public void A_scanned_pdf_poppler_cannot_render_fails_with_poppler_s_words_not_as_no_form_found()
    {
        // The text layer says "scan" (the fixture's), while the bytes pdftoppm is handed are no PDF: it fails, as it
        // does on a page too large to allocate ("Bogus memory allocation size").
        var runner = new SubprocessRunner(TimeSpan.FromSeconds(60), 0, Logger.None);
        var ocr = new OcrService(new OcrSettings(), runner, Logger.None, null, _ => new BlankEngine());
        var layer = PdfLayer.Read(File.ReadAllBytes(Path.Combine(Fixtures.Dir, "bad-pdfs", "scanned.pdf")));
        var result = new PdfTextReader(runner, ocr, InputLimits.Default, _ => layer).Read(SourceDocument.FromBytes("scan.pdf", "%PDF-1.4 broken"u8.ToArray()));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.PdfRenderFailed, error.Code);
        Assert.Contains("pdftoppm", error.Message, StringComparison.Ordinal);
    }
}
