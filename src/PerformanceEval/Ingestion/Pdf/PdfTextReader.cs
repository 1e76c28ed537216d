using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;
using PerformanceEval.Provenance;
using Polly.Timeout;

namespace PerformanceEval.Ingestion.Pdf;

/// <summary>
/// Reads PDFs with a text layer: poppler's <c>pdftotext -bbox-layout</c> gives every word with its box (XHTML,
/// read with AngleSharp), <c>pdftoppm</c> rasterizes each page to find the table's ruling lines, and
/// <see cref="PageGrid"/> puts the words into the cells those lines draw. The rows go to the same table
/// reconstruction, normalizer and checker as text dumps. A page without a usable text layer is a scan: until the
/// OCR path exists the file fails with that reason (recorded, never skipped).
/// </summary>
public sealed class PdfTextReader(SubprocessRunner runner, Ocr.OcrService? ocr = null) : IDocumentReader
{
    /// <summary>
    /// Raster resolution for finding rules. Rasterizing is most of a page's cost; at 100 dpi a 0.5 pt rule is still
    /// 0.7 px, dark enough after anti-aliasing (measured here: pdftoppm 29 ms a page at 144 dpi, 21 ms at 100 dpi,
    /// the same grids on the fixtures).
    /// </summary>
    private const int RasterDpi = 100;

    public bool CanRead(SourceDocument document) =>
        document.Bytes.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("%PDF-"u8);

    public StageResult<IngestedDocument> Read(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (path, temp) = ReaderSupport.FileFor(document, ".pdf");
        try
        {
            var bbox = runner.Run("pdftotext", "poppler-utils", ["-bbox-layout", "-enc", "UTF-8", path, "-"]);
            if (bbox.ExitCode != 0) return Fail(document, "pdf.unreadable", Explain(bbox.Error));
            var pages = ParseWords(Encoding.UTF8.GetString(bbox.Output));
            if (pages.Count == 0) return Fail(document, "pdf.no-pages", "the PDF has no pages");
            // A scan (no text layer, or an old OCR's garbage over the image) goes to OCR whole. A document whose pages
            // mostly have text but one is empty (an export's blank page) is no scan: that page is reported, not OCR'd.
            var textPages = pages.Count(p => HasUsableText(p.Words));
            if (textPages == 0 || textPages < pages.Count(p => p.Words.Count > 0))
                return ocr is null
                    ? Fail(document, "pdf.scan", "the PDF has no usable text layer (a scan) and this pipeline has no OCR")
                    : Ocr.ImageReader.OcrPages(document, InputKind.PdfScan, Rasterize(path), ocr);

            var rows = ImmutableArray.CreateBuilder<RawRow>();
            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            var block = 0;
            var rules = Rules(path, pages.Count);
            foreach (var page in pages)
            {
                if (page.Words.Count == 0)
                {
                    diagnostics.Add(new Diagnostic("pdf.page-without-text", DiagnosticSeverity.Warning,
                        $"page {page.Number} has no text while the other pages have a text layer; read as blank",
                        new SourceRef(document.Path, document.Sha256, page.Number, null, null, null, null, "", null)));
                    continue;
                }
                var (horizontal, vertical) = rules.GetValueOrDefault(page.Number, ([], []));
                foreach (var (_, row) in PageGrid.Rows(document, page.Number, page.Words, horizontal, vertical, block))
                    rows.Add(row);
                block += 2;
            }
            return new(new IngestedDocument(document, InputKind.PdfText, rows.ToImmutable()), diagnostics.ToImmutable());
        }
        catch (ToolMissingException missing)
        {
            return Fail(document, "tool.missing", missing.Message);
        }
        catch (TimeoutRejectedException)
        {
            return Fail(document, "pdf.timeout", "poppler did not finish reading the PDF in time");
        }
        finally
        {
            if (temp is not null) File.Delete(temp);
        }
    }

    /// <summary>
    /// The ruling lines of every page, from one pdftoppm run over the document (a process per page would cost
    /// more than the rasterizing). A page that does not rasterize has no rules; its words are read as layout.
    /// </summary>
    private Dictionary<int, (List<Rule>, List<Rule>)> Rules(string path, int pageCount)
    {
        var dir = Directory.CreateTempSubdirectory("perfeval-raster-");
        try
        {
            var raster = runner.Run("pdftoppm", "poppler-utils",
                ["-r", RasterDpi.ToString(CultureInfo.InvariantCulture), "-gray", path, Path.Combine(dir.FullName, "p")]);
            var rules = new Dictionary<int, (List<Rule>, List<Rule>)>();
            if (raster.ExitCode != 0) return rules;
            foreach (var file in dir.EnumerateFiles("p-*.pgm"))
            {
                // pdftoppm names pages p-1.pgm or p-01.pgm, padded to the page count's digits.
                var number = int.Parse(Path.GetFileNameWithoutExtension(file.Name)[2..], CultureInfo.InvariantCulture);
                if (number <= pageCount)
                    rules[number] = RulingLines.Find(GrayImage.ParsePgm(File.ReadAllBytes(file.FullName)), 72.0 / RasterDpi);
            }
            return rules;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Every page at the scan resolution, straightened by leptonica like any scan.</summary>
    private List<Ocr.ScanPage> Rasterize(string path)
    {
        var dir = Directory.CreateTempSubdirectory("perfeval-scan-");
        try
        {
            var raster = runner.Run("pdftoppm", "poppler-utils",
                ["-r", Ocr.ScanPageReader.Dpi.ToString(CultureInfo.InvariantCulture), "-gray", path, Path.Combine(dir.FullName, "p")]);
            if (raster.ExitCode != 0) return [];
            return [.. dir.EnumerateFiles("p-*.pgm")
                .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f.Name)[2..], CultureInfo.InvariantCulture))
                .SelectMany(f => Ocr.ScanImage.LoadPages(f.FullName))];
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static List<(int Number, List<PdfWord> Words)> ParseWords(string xhtml)
    {
        var doc = new HtmlParser().ParseDocument(xhtml);
        return doc.QuerySelectorAll("page").Select((page, i) => (i + 1, page.QuerySelectorAll("word").Select(w => new PdfWord(
            w.TextContent,
            Coordinate(w.GetAttribute("xMin")), Coordinate(w.GetAttribute("yMin")),
            Coordinate(w.GetAttribute("xMax")), Coordinate(w.GetAttribute("yMax")))).ToList())).ToList();
    }

    private static double Coordinate(string? value) => double.Parse(value ?? "0", CultureInfo.InvariantCulture);

    /// <summary>
    /// A text layer is usable when it has words and some of them are Chinese: an old OCR layer of Latin garbage
    /// over a scanned Chinese form is no text layer at all.
    /// </summary>
    private static bool HasUsableText(List<PdfWord> words) =>
        words.Count > 0 && words.Sum(w => w.Text.Count(Normalization.TextCleaner.IsCjk)) >= 4;

    /// <summary>poppler's complaint in a reviewer's words: its first error line, not the warnings before it.</summary>
    private static string Explain(string stderr)
    {
        var lines = stderr.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (stderr.Contains("Incorrect password", StringComparison.OrdinalIgnoreCase)) return "the PDF is encrypted (it needs a password)";
        if (stderr.Contains("page count 0", StringComparison.OrdinalIgnoreCase)) return "the PDF has no pages";
        var first = lines.FirstOrDefault(l => l.Contains("Error", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? "pdftotext failed";
        return $"the PDF is damaged or not a PDF ({first})";
    }


    private static StageResult<IngestedDocument> Fail(SourceDocument document, string code, string message) =>
        ReaderSupport.Fail(document, InputKind.PdfText, code, message);
}
