using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;
using PerformanceEval.Diagnostics;
using PerformanceEval.Provenance;
using Polly.Timeout;
using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Pdf;

/// <summary>
/// Reads PDFs with a text layer. PdfPig reads each page in process: its words with their boxes and the ruling lines
/// the content stream draws (<see cref="PdfLayer"/>), and <see cref="PageGrid"/> puts the words into the cells those
/// lines draw. Poppler stays for what PdfPig does not do: a page that draws no rules (its table is an image) gets its
/// rules from a <c>pdftoppm</c> raster; a document or page PdfPig cannot read gets a second opinion from
/// <c>pdftotext -bbox-layout</c> before the file is failed; and a scan (no usable text layer, or only an invisible OCR
/// layer under a page image) is rasterized for OCR. The rows go to the same table reconstruction, normalizer and
/// checker as text dumps.
/// </summary>
public sealed class PdfTextReader(SubprocessRunner runner, Ocr.OcrService? ocr = null, InputLimits? limits = null) : IDocumentReader
{
    private readonly InputLimits _limits = limits ?? InputLimits.Default;

    private readonly Func<byte[], List<PdfLayerPage>> _layer = PdfLayer.Read;

    /// <summary>A reader whose in-process layer is given (tests: a layer that fails, to see the second opinion).</summary>
    internal PdfTextReader(SubprocessRunner runner, Func<byte[], List<PdfLayerPage>> layer) : this(runner) => _layer = layer;

    internal PdfTextReader(SubprocessRunner runner, Ocr.OcrService? ocr, InputLimits? limits, Func<byte[], List<PdfLayerPage>> layer)
        : this(runner, ocr, limits) => _layer = layer;

    /// <summary>
    /// Raster resolution for finding rules on a page that draws none. At 100 dpi a 0.5 pt rule is still 0.7 px, dark
    /// enough after anti-aliasing (measured here: pdftoppm 29 ms a page at 144 dpi, 21 ms at 100 dpi, the same grids).
    /// </summary>
    private const int RasterDpi = 100;

    public bool CanRead(SourceDocument document) =>
        document.Bytes.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("%PDF-"u8);

    public StageResult<IngestedDocument> Read(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        // poppler reads files: a path is made (the input's own, or a temporary copy) only when poppler is called.
        using var file = new ToolFile(document);
        try
        {
            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            List<PdfLayerPage> pages;
            try
            {
                pages = _layer(document.Bytes);
            }
            catch (PdfLayerException e) when (e.Code == DiagnosticCodes.PdfEncrypted)
            {
                return Fail(document, e.Code, e.Message);
            }
            catch (PdfLayerException e)
            {
                // PdfPig is stricter than poppler about some damage (a broken cross-reference table, a font it cannot
                // parse); poppler's reading of the same file is the second opinion, and the reason PdfPig gave is kept.
                var bbox = runner.Run("pdftotext", "poppler-utils", ["-bbox-layout", "-enc", "UTF-8", file.Path, "-"]);
                if (bbox.ExitCode != 0)
                    return Fail(document, NoPages(bbox.Error) ? DiagnosticCodes.PdfNoPages : DiagnosticCodes.PdfUnreadable, $"{Explain(bbox.Error)}; PdfPig: {e.Message}");
                pages = [.. ParseWords(Encoding.UTF8.GetString(bbox.Output)).Select(p => new PdfLayerPage(p.Number, p.Words, [], [], 0, 0))];
                if (pages.Count == 0) return Fail(document, DiagnosticCodes.PdfNoPages, "the PDF has no pages");
                diagnostics.Add(new Diagnostic(DiagnosticCodes.PdfReadByPoppler,
                    $"PdfPig 无法读取该 PDF（{e.Message}），文字改由 pdftotext 读取", ReaderSupport.FileRef(document)));
            }
            if (pages.Count > _limits.MaxPagesPerDocument)
                return Fail(document, DiagnosticCodes.TooManyPages,
                    $"the PDF has {pages.Count:N0} pages, over limits.maxPagesPerDocument ({_limits.MaxPagesPerDocument:N0}); not read");
            // A scan goes to OCR whole: no page has usable text, or a page is an image under an old OCR's garbage or
            // under a searchable scan's invisible OCR layer. A page with little text and no image (the last page of a
            // form holding only 总分 and its figures) is printed text, and a page with nothing on it (an export's
            // blank page) is reported, not OCR'd.
            var textPages = pages.Count(p => HasUsableText(p.Words));
            if (textPages == 0 || pages.Any(p => p.Images > 0 && !HasUsableText(p.Words)))
            {
                if (ocr is null)
                    return Fail(document, DiagnosticCodes.PdfScan, "the PDF has no usable text layer (a scan) and this pipeline has no OCR");
                return Ocr.ImageReader.OcrPages(document, InputKind.PdfScan,
                    Rasterize(file.Path, [.. pages.Where(p => p.BlackAndWhiteImage).Select(p => p.Number)]), ocr);
            }

            var rows = ImmutableArray.CreateBuilder<RawRow>();
            var block = 0;
            var rasterRules = RasterRules(pages, file);
            foreach (var page in pages)
            {
                if (page.Words.Count == 0)
                {
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.PdfPageWithoutText,
                        $"第 {page.Number} 页没有文字，而其他页面有文字层；按空白页处理",
                        SourceRef.ForPage(document.Path, document.Sha256, page.Number)));
                    continue;
                }
                var (horizontal, vertical) = page.VectorRules
                    ? (page.Horizontal, page.Vertical)
                    : rasterRules.GetValueOrDefault(page.Number, ([], []));
                foreach (var (_, row) in PageGrid.Rows(document, page.Number, page.Words, horizontal, vertical, block))
                    rows.Add(row);
                block += 2;
            }
            return new(new IngestedDocument(document, InputKind.PdfText, rows.ToImmutable()), diagnostics.ToImmutable());
        }
        catch (ToolMissingException missing)
        {
            return Fail(document, DiagnosticCodes.ToolMissing, missing.Message);
        }
        catch (TimeoutRejectedException)
        {
            return Fail(document, DiagnosticCodes.PdfTimeout, "poppler did not finish reading the PDF in time");
        }
    }

    /// <summary>
    /// Rules from the raster, for the pages with words but no vector rules (a table drawn as an image under a text
    /// layer, or words read by poppler). One pdftoppm run over the span of such pages; none at all for the usual PDF.
    /// </summary>
    private Dictionary<int, (List<Rule>, List<Rule>)> RasterRules(List<PdfLayerPage> pages, ToolFile file)
    {
        var needed = pages.Where(p => !p.VectorRules && p.Words.Count > 0).Select(p => p.Number).ToList();
        return needed.Count == 0 ? [] : Rules(file.Path, needed.Min(), needed.Max());
    }

    /// <summary>The input as a file for poppler, made on first use and its temporary copy (if any) deleted after.</summary>
    private sealed class ToolFile(SourceDocument document) : IDisposable
    {
        private string? _path, _temp;

        public string Path
        {
            get
            {
                if (_path is null) (_path, _temp) = ReaderSupport.FileFor(document, ".pdf");
                return _path;
            }
        }

        public void Dispose()
        {
            if (_temp is not null) File.Delete(_temp);
        }
    }

    /// <summary>
    /// The ruling lines of pages first..last, from one pdftoppm run (a process per page would cost more than the
    /// rasterizing). A page that does not rasterize has no rules; its words are read as layout.
    /// </summary>
    private Dictionary<int, (List<Rule>, List<Rule>)> Rules(string path, int first, int last)
    {
        var dir = Directory.CreateTempSubdirectory("perfeval-raster-");
        try
        {
            var raster = runner.Run("pdftoppm", "poppler-utils",
                ["-r", RasterDpi.ToString(CultureInfo.InvariantCulture), "-gray", "-f", first.ToString(CultureInfo.InvariantCulture),
                 "-l", last.ToString(CultureInfo.InvariantCulture), path, Path.Combine(dir.FullName, "p")]);
            var rules = new Dictionary<int, (List<Rule>, List<Rule>)>();
            if (raster.ExitCode != 0) return rules;
            foreach (var file in dir.EnumerateFiles("p-*.pgm"))
            {
                // pdftoppm names pages p-1.pgm or p-01.pgm, padded to the page count's digits.
                var number = int.Parse(Path.GetFileNameWithoutExtension(file.Name)[2..], CultureInfo.InvariantCulture);
                if (number >= first && number <= last)
                    rules[number] = RulingLines.Find(GrayImage.ParsePgm(File.ReadAllBytes(file.FullName)), 72.0 / RasterDpi);
            }
            return rules;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Every page at the scan resolution, straightened by leptonica like any scan: rendered to disk, then decoded one
    /// page at a time as OCR reaches it. A render poppler refuses (a page too large to allocate) is the file's failure
    /// with poppler's words, not an empty document. The pages in <paramref name="blackAndWhite"/> are black-and-white
    /// images (<see cref="PdfLayerPage.BlackAndWhiteImage"/>), which their rendering no longer shows.
    /// </summary>
    private IEnumerable<Ocr.ScanPage> Rasterize(string path, HashSet<int> blackAndWhite)
    {
        var dir = Directory.CreateTempSubdirectory("perfeval-scan-");
        try
        {
            var raster = runner.Run("pdftoppm", "poppler-utils",
                // In colour (PPM): a red seal over the figures is dropped by its colour, which a gray rendering loses.
                ["-r", Ocr.ScanPageReader.Dpi.ToString(CultureInfo.InvariantCulture), path, Path.Combine(dir.FullName, "p")]);
            // pdftoppm exits 0 on a page it cannot allocate, leaving an empty image and "Bogus memory allocation size".
            if (raster.ExitCode != 0 || raster.Error.Contains("Bogus memory allocation", StringComparison.OrdinalIgnoreCase))
                throw new InputLimitException(DiagnosticCodes.PdfRenderFailed,
                    $"pdftoppm could not render the pages at {Ocr.ScanPageReader.Dpi} dpi ({FirstLine(raster.Error)})");
            var files = dir.EnumerateFiles("p-*.ppm")
                .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f.Name)[2..], CultureInfo.InvariantCulture)).ToList();
            foreach (var (file, number) in files.Select((f, i) => (f, i + 1)))
            {
                // A black-and-white page is its one image as stored: rendered, its one-pixel dots (a fax's grey
                // hairlines) come out grey and smoothed, neither ink nor paper to the search for dotted rules.
                if (blackAndWhite.Contains(number) && PageImage(path, number, dir) is { } image)
                {
                    foreach (var page in Ocr.ScanImage.Pages(image, tiff: false, _limits, tessdataPath: ocr?.Settings.TessdataPath))
                        yield return page with { BlackAndWhite = true };
                    continue;
                }
                foreach (var page in Ocr.ScanImage.Pages(file.FullName, tiff: false, _limits, Ocr.ScanPageReader.Dpi, ocr?.Settings.TessdataPath))
                    yield return page;
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The one image page <paramref name="number"/> draws, as stored (poppler's <c>pdfimages</c>), or null where the
    /// page has another number of images or the tool fails: then the page's rendering is read.
    /// </summary>
    private string? PageImage(string path, int number, DirectoryInfo dir)
    {
        var page = number.ToString(CultureInfo.InvariantCulture);
        var prefix = Path.Combine(dir.FullName, $"image-{page}");
        var run = runner.Run("pdfimages", "poppler-utils", ["-png", "-f", page, "-l", page, path, prefix]);
        var images = dir.EnumerateFiles($"image-{page}-*").ToList();
        return run.ExitCode == 0 && images.Count == 1 ? images[0].FullName : null;
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
        words.Count > 0 && words.Sum(w => w.Text.Count(Templates.TextCleaner.IsCjk)) >= 4;

    /// <summary>poppler's complaint in a reviewer's words: its first error line, not the warnings before it.</summary>
    private static string FirstLine(string stderr) =>
        stderr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "no message";

    private static bool NoPages(string stderr) => stderr.Contains("page count 0", StringComparison.OrdinalIgnoreCase);

    private static string Explain(string stderr)
    {
        var lines = stderr.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (stderr.Contains("Incorrect password", StringComparison.OrdinalIgnoreCase)) return "the PDF is encrypted (it needs a password)";
        if (NoPages(stderr)) return "the PDF has no pages";
        var first = lines.FirstOrDefault(l => l.Contains("Error", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? "pdftotext failed";
        return $"the PDF is damaged or not a PDF ({first})";
    }


    private static StageResult<IngestedDocument> Fail(SourceDocument document, DiagnosticCode code, string message) =>
        ReaderSupport.Fail(document, InputKind.PdfText, code, message);
}
