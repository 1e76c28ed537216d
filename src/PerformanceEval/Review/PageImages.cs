using System.Globalization;
using System.Runtime.InteropServices;
using PerformanceEval.Ingestion;
using PerformanceEval.Ingestion.Ocr;

namespace PerformanceEval.Review;

/// <summary>
/// The evidence image of a cell: a band of the source page around the cell's box, the box outlined in red, as PNG.
/// PDF pages are rasterized by poppler's pdftoppm; scans are read by leptonica (the library the OCR already uses),
/// which also draws the outline and writes the PNG. The file is the store's own record of the document — a caller
/// names a document, never a path.
/// </summary>
public sealed class PageImages(SubprocessRunner runner)
{
    /// <summary>Resolution PDFs with a text layer are shown at: their boxes are PDF points.</summary>
    private const int TextPdfDpi = 110;

    /// <summary>
    /// Crops a page of a stored file around a provenance box, in the box's own units: pdf-text boxes are PDF points,
    /// pdf-scan and image boxes are pixels at 300 dpi.
    /// </summary>
    public byte[] Crop(string path, string inputKind, int page, IReadOnlyList<double> box)
    {
        ArgumentNullException.ThrowIfNull(box);
        if (box.Count != 4 || page < 1) throw new ArgumentException("a box is four numbers and pages count from 1");
        OcrEngine.PrepareNativeEnvironment();
        var (pix, scale) = inputKind switch
        {
            "pdf-text" => (Rasterize(path, page, TextPdfDpi), TextPdfDpi / 72.0),
            "pdf-scan" => (Rasterize(path, page, ScanPageReader.Dpi), 1.0),
            "image" => (Path.GetExtension(path).ToLowerInvariant() is ".tif" or ".tiff" || IsTiff(path)
                ? Native.pixReadTiff(path, page - 1) : page == 1 ? Native.pixRead(path) : IntPtr.Zero, 1.0),
            _ => throw new ArgumentException($"{inputKind} documents have no page images"),
        };
        if (pix == IntPtr.Zero) throw new InvalidDataException($"page {page} of the document cannot be read");
        // Scan boxes are in the straightened page's pixels: straighten it the same way before cropping.
        if (inputKind != "pdf-text") pix = ScanImage.StraightGray(pix);
        var color = IntPtr.Zero;
        var outline = IntPtr.Zero;
        var band = IntPtr.Zero;
        var clipped = IntPtr.Zero;
        try
        {
            color = Native.pixConvertTo32(pix);
            var (w, h) = (Native.pixGetWidth(color), Native.pixGetHeight(color));
            // Clamped to the page before any integer is made of it: a box of 10^9 points would overflow and have
            // leptonica draw an outline of billions of pixels.
            int Clamp(double v, int max) => (int)Math.Clamp(v * scale, 0, max);
            var (x0, y0, x1, y1) = (Clamp(box[0], w), Clamp(box[1], h), Clamp(Math.Ceiling(box[2] * scale) / scale, w), Clamp(Math.Ceiling(box[3] * scale) / scale, h));
            if (x1 <= x0 || y1 <= y0) throw new ArgumentOutOfRangeException(nameof(box), "框不在页面之内");
            var pad = Math.Max(3, (int)(2 * scale));
            outline = Native.boxCreate(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad);
            Native.pixRenderBoxArb(color, outline, Math.Max(2, (int)(1.5 * scale)), 220, 30, 30);
            // The band: the whole width (row labels are at the left) and two cell heights above and below.
            var rowHeight = Math.Max(y1 - y0, (int)(20 * scale));
            var top = Math.Max(0, y0 - 2 * rowHeight);
            var bottom = Math.Min(h, y1 + 2 * rowHeight);
            band = Native.boxCreate(0, top, w, Math.Max(1, bottom - top));
            clipped = Native.pixClipRectangle(color, band, IntPtr.Zero);
            if (clipped == IntPtr.Zero || Native.pixWriteMem(out var data, out var size, clipped, Native.IffPng) != 0)
                throw new InvalidDataException("leptonica could not write the crop");
            try
            {
                var png = new byte[(int)size];
                Marshal.Copy(data, png, 0, png.Length);
                return png;
            }
            finally
            {
                Native.lept_free(data);
            }
        }
        finally
        {
            Native.pixDestroy(ref pix);
            if (color != IntPtr.Zero) Native.pixDestroy(ref color);
            if (clipped != IntPtr.Zero) Native.pixDestroy(ref clipped);
            if (outline != IntPtr.Zero) Native.boxDestroy(ref outline);
            if (band != IntPtr.Zero) Native.boxDestroy(ref band);
        }
    }

    private static bool IsTiff(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.Read(head) == 4 && ImageKinds.Of(head) == "TIFF";
    }

    /// <summary>One page of a PDF as a gray PNG read back by leptonica.</summary>
    private IntPtr Rasterize(string path, int page, int dpi)
    {
        var dir = Directory.CreateTempSubdirectory("perfeval-page-");
        try
        {
            var prefix = Path.Combine(dir.FullName, "page");
            var n = page.ToString(CultureInfo.InvariantCulture);
            var result = runner.Run("pdftoppm", "poppler-utils",
                ["-f", n, "-l", n, "-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", path, prefix]);
            if (result.ExitCode != 0) throw new InvalidDataException($"pdftoppm could not render page {page}: {result.Error.Trim()}");
            return Native.pixRead(prefix + ".png");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
