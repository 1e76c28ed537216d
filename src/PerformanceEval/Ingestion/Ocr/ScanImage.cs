using System.Runtime.InteropServices;
using PerformanceEval.Diagnostics;
using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>A scanned page: the straightened gray image OCR reads, and its binarization the rules are found in.</summary>
internal sealed record ScanPage(GrayImage Gray, GrayImage Binary);

/// <summary>
/// Loads a page image (PNG, JPEG, TIFF pages, PGM) through leptonica, makes it 8-bit gray and straightens it
/// (leptonica's skew search: scans come rotated by a degree or two, and a rotated rule is no rule to a run finder),
/// keeping the gray page both for OCR and for finding the rules.
/// </summary>
internal static class ScanImage
{
    /// <summary>
    /// The pages of an image file, one at a time as they are read (a 200-page TIFF is never in memory at once): one
    /// for PNG/JPEG/PGM, every page of a multi-page TIFF — which the bytes say, not the file's name. Each page's size
    /// is read from its header and checked against the limits before it is decoded.
    /// </summary>
    public static IEnumerable<ScanPage> Pages(string path, bool tiff, InputLimits? limits = null)
    {
        limits ??= InputLimits.Default;
        OcrEngine.PrepareNativeEnvironment();
        for (var n = 0; tiff || n == 0; n++)
        {
            int w, h;
            var header = tiff ? Native.readHeaderTiff(path, n, out w, out h, out _, out _, out _, out _, out _)
                              : Native.pixReadHeader(path, out _, out w, out h, out _, out _, out _);
            if (header != 0 || w < 2 || h < 2) yield break;
            if (n >= limits.MaxPagesPerDocument)
                throw new InputLimitException(DiagnosticCodes.TooManyPages, $"the image has more than {limits.MaxPagesPerDocument:N0} pages (limits.maxPagesPerDocument); not read");
            if ((long)w * h > limits.MaxPixelsPerPage)
                throw new InputLimitException(DiagnosticCodes.ImageTooLarge,
                    $"page {n + 1} is {w:N0} × {h:N0} pixels, over limits.maxPixelsPerPage ({limits.MaxPixelsPerPage:N0}); not decoded");
            var pix = tiff ? Native.pixReadTiff(path, n) : Native.pixRead(path);
            if (pix == IntPtr.Zero) yield break;
            yield return Straighten(pix);
        }
    }

    /// <summary>
    /// A page as OCR sees it: 8-bit gray, straightened. Takes ownership of <paramref name="pix"/>. The review page's
    /// crops go through this too, so a cell's box falls on the same pixels.
    /// </summary>
    /// <param name="pix">The page (taken over).</param>
    /// <param name="reductionSearch">leptonica's reduction for the skew search: 0 (its default, 4), 1, 2 or 4.</param>
    internal static IntPtr StraightGray(IntPtr pix, int reductionSearch = 0)
    {
        var gray = Native.pixConvertTo8(pix, 0);
        Native.pixDestroy(ref pix);
        var straight = Native.pixDeskew(gray, reductionSearch);
        if (straight != IntPtr.Zero) Native.pixDestroy(ref gray); else straight = gray;
        return straight;
    }

    private static ScanPage Straighten(IntPtr pix)
    {
        var straight = StraightGray(pix);
        try
        {
            // Rules are found in the gray page too: leptonica's Sauvola binarization was tried for faint scanned
            // rules and lost whole tables on the fixtures; the slot stays for a binarization that measures better.
            var page = ToGray(straight);
            return new ScanPage(page, page);
        }
        finally
        {
            Native.pixDestroy(ref straight);
        }
    }

    /// <summary>
    /// Copies an 8-bit Pix: leptonica packs four pixels in a 32-bit word, first pixel in the most significant byte,
    /// so on a little-endian machine the bytes of each word are read in reverse.
    /// </summary>
    private static GrayImage ToGray(IntPtr pix)
    {
        var (w, h, wpl) = (Native.pixGetWidth(pix), Native.pixGetHeight(pix), Native.pixGetWpl(pix));
        if (Native.pixGetDepth(pix) != 8) throw new InvalidDataException("leptonica did not give an 8-bit image");
        var raw = new byte[wpl * 4 * h];
        Marshal.Copy(Native.pixGetData(pix), raw, 0, raw.Length);
        var pixels = new byte[w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                pixels[y * w + x] = raw[y * wpl * 4 + (BitConverter.IsLittleEndian ? x ^ 3 : x)];
        return new GrayImage(w, h, pixels);
    }
}
