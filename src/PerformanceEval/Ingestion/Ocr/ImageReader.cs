using System.Collections.Immutable;
using PerformanceEval.Diagnostics;
using PerformanceEval.Provenance;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// Reads scanned pages from PNG, JPEG and TIFF (every page of a multi-page TIFF) by OCR, into the same rows the
/// text layer gives: <c>inputKind</c> image, provenance with page, pixel box and OCR confidence.
/// </summary>
public sealed class ImageReader(OcrService ocr, InputLimits? limits = null) : IDocumentReader
{
    public bool CanRead(SourceDocument document) => ImageKinds.Of(document.Bytes) is not null;

    public StageResult<IngestedDocument> Read(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (path, temp) = ReaderSupport.FileFor(document, ImageKinds.Extension(document.Bytes));
        try
        {
            // A TIFF by its bytes: one named .png is still read page by page, a PNG named .tif still decodes.
            var tiff = ImageKinds.Of(document.Bytes) == "TIFF";
            return OcrPages(document, InputKind.Image, ScanImage.Pages(path, tiff, limits, tessdataPath: ocr.Settings.TessdataPath), ocr);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return ReaderSupport.Fail(document, InputKind.Image, DiagnosticCodes.ToolMissing,
                $"Tesseract or leptonica cannot be loaded ({e.Message}): apt-get install tesseract-ocr tesseract-ocr-chi-sim");
        }
        catch (ToolMissingException missing)
        {
            return ReaderSupport.Fail(document, InputKind.Image, DiagnosticCodes.ToolMissing, missing.Message);
        }
        finally
        {
            if (temp is not null) File.Delete(temp);
        }
    }

    /// <summary>
    /// OCR of page images into rows; shared with the scanned-PDF path. A page OCR cannot read even on its retry fails
    /// the document with the page and the reason; so does a page met while OCR rests after repeated failures.
    /// </summary>
    internal static StageResult<IngestedDocument> OcrPages(SourceDocument document, InputKind kind, IEnumerable<ScanPage> pages, OcrService ocr)
    {
        var rows = ImmutableArray.CreateBuilder<RawRow>();
        var diagnostics = new List<Diagnostic>();
        using var next = pages.GetEnumerator();
        // A table a page break cut runs on with no header: the last page's figure columns say what its columns hold.
        PageColumns? columns = null;
        for (var i = 0; ; i++)
        {
            try
            {
                // Pages are decoded as they are reached and let go once read: memory holds one page, not the document.
                if (!next.MoveNext())
                {
                    if (i == 0) return ReaderSupport.Fail(document, kind, DiagnosticCodes.ImageUnreadable, "the image could not be decoded (damaged or not an image)");
                    break;
                }
                var reading = ocr.ReadPage(document, i + 1, next.Current, i * 2, diagnostics, columns);
                foreach (var (_, row) in reading.Rows) rows.Add(row);
                columns = reading.Columns;
            }
            catch (InputLimitException limit)
            {
                return ReaderSupport.Fail(document, kind, limit.Code, limit.Message);
            }
            catch (Polly.Timeout.TimeoutRejectedException)
            {
                return ReaderSupport.Fail(document, kind, DiagnosticCodes.OcrTimeout,
                    $"page {i + 1}: OCR took longer than {ocr.Settings.PageTimeoutSeconds:0.#} s on every attempt (modes {ocr.Settings.PageSegmentationMode} and {ocr.Settings.RetryPageSegmentationMode})");
            }
            catch (OcrEngineException e)
            {
                return ReaderSupport.Fail(document, kind, DiagnosticCodes.OcrFailed, $"page {i + 1}: {e.Message}");
            }
            catch (Polly.CircuitBreaker.BrokenCircuitException)
            {
                return ReaderSupport.Fail(document, kind, DiagnosticCodes.OcrUnavailable,
                    $"page {i + 1}: OCR is resting after failing on most recent pages (see the log); import again later to retry this file");
            }
        }
        return new(new IngestedDocument(document, kind, rows.ToImmutable()), [.. diagnostics]);
    }
}

/// <summary>Image formats by their magic bytes.</summary>
internal static class ImageKinds
{
    public static string? Of(ReadOnlySpan<byte> b) =>
        b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) ? "PNG" :
        b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "JPEG" :
        b.StartsWith((ReadOnlySpan<byte>)[0x49, 0x49, 0x2A, 0x00]) || b.StartsWith((ReadOnlySpan<byte>)[0x4D, 0x4D, 0x00, 0x2A]) ? "TIFF" : null;

    public static string Extension(ReadOnlySpan<byte> b) => Of(b) switch { "PNG" => ".png", "JPEG" => ".jpg", "TIFF" => ".tif", _ => ".img" };
}
