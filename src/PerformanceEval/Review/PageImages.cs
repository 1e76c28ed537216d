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
public sealed class PageImages(SubprocessRunner runner) : IDisposable
{
    /// <summary>Resolution PDFs with a text layer are shown at: their boxes are PDF points.</summary>
    private const int TextPdfDpi = 110;

    /// <summary>
    /// A scanned PDF's page for crops: 150 dpi, not the OCR's 300. The first crop of a page is its rendering, and at 150
    /// dpi pdftoppm takes 130 ms against 260 ms at 300, with a quarter of the pixels to straighten; a crop is the page's
    /// whole width sized for the screen, 1,240 px for A4, and a 10.5 pt line is still 22 px tall. The boxes (pixels of the
    /// straightened 300-dpi page) are halved, and the skew is searched at the very resolution the OCR's search saw —
    /// reduction 2 of 150 dpi is reduction 4 (leptonica's default) of 300 — so the outline falls on the cell.
    /// </summary>
    private const int ScanPdfCropDpi = 150;

    /// <summary>
    /// Pages kept ready (a straightened 300 dpi scan page is some 9 MB): a form page shows several crops of the same
    /// page, and rendering and straightening it is nearly all of a crop's time (2.7 s of a scan's crop).
    /// </summary>
    private const int CachedPages = 8;

    /// <summary>
    /// Widest crop sent (pixels): a review screen shows the band at about this width, and a 300 dpi scan's full-width
    /// band (2,500 pixels) would be shrunk by the browser anyway, after twice the bytes and encoding time.
    /// </summary>
    private const int MaxCropWidth = 1600;

    private readonly object _lock = new();
    private readonly LinkedList<(PageKey Key, IntPtr Pix)> _pages = [];

    /// <summary>A page of a file as it stood: a file changed since is another page.</summary>
    private readonly record struct PageKey(string Path, long Length, DateTime Written, string Kind, int Page);

    /// <summary>
    /// Crops a page of a stored file around a provenance box, in the box's own units: pdf-text boxes are PDF points,
    /// pdf-scan and image boxes are pixels at 300 dpi.
    /// </summary>
    public byte[] Crop(string path, string inputKind, int page, IReadOnlyList<double> box)
    {
        ArgumentNullException.ThrowIfNull(box);
        if (box.Count != 4 || page < 1) throw new ArgumentException("a box is four numbers and pages count from 1");
        OcrEngine.PrepareNativeEnvironment();
        var scale = inputKind switch
        {
            "pdf-text" => TextPdfDpi / 72.0,
            "pdf-scan" => ScanPdfCropDpi / (double)ScanPageReader.Dpi,
            _ => 1.0,
        };
        // The band is cut from the kept page first; only the band is made colour, outlined and encoded.
        var (clipped, x0, y0, x1, y1) = WithPage(path, inputKind, page, pix =>
        {
            var (w, h) = (Native.pixGetWidth(pix), Native.pixGetHeight(pix));
            // Clamped to the page before any integer is made of it: a box of 10^9 points would overflow and have
            // leptonica draw an outline of billions of pixels.
            int Clamp(double v, int max) => (int)Math.Clamp(v * scale, 0, max);
            var (x0, y0, x1, y1) = (Clamp(box[0], w), Clamp(box[1], h), Clamp(Math.Ceiling(box[2] * scale) / scale, w), Clamp(Math.Ceiling(box[3] * scale) / scale, h));
            if (x1 <= x0 || y1 <= y0) throw new ArgumentOutOfRangeException(nameof(box), "框不在页面之内");
            // The band: the whole width (row labels are at the left) and two cell heights above and below.
            var rowHeight = Math.Max(y1 - y0, (int)(20 * scale));
            var top = Math.Max(0, y0 - 2 * rowHeight);
            var bottom = Math.Min(h, y1 + 2 * rowHeight);
            var band = Native.boxCreate(0, top, w, Math.Max(1, bottom - top));
            try
            {
                var cut = Native.pixClipRectangle(pix, band, IntPtr.Zero);
                if (cut == IntPtr.Zero) throw new InvalidDataException($"page {page} of the document could not be cut");
                return (cut, x0, y0 - top, x1, y1 - top);
            }
            finally
            {
                Native.boxDestroy(ref band);
            }
        });
        var color = IntPtr.Zero;
        var outline = IntPtr.Zero;
        try
        {
            var shrink = Math.Min(1.0, MaxCropWidth / (double)Native.pixGetWidth(clipped));
            if (shrink < 1.0 && Native.pixScale(clipped, (float)shrink, (float)shrink) is var smaller && smaller != IntPtr.Zero)
            {
                Native.pixDestroy(ref clipped);
                clipped = smaller;
                (x0, y0, x1, y1) = ((int)(x0 * shrink), (int)(y0 * shrink), (int)Math.Ceiling(x1 * shrink), (int)Math.Ceiling(y1 * shrink));
            }
            color = Native.pixConvertTo32(clipped);
            var pad = Math.Max(3, (int)(2 * scale * shrink));
            outline = Native.boxCreate(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad);
            Native.pixRenderBoxArb(color, outline, Math.Max(2, (int)(1.5 * scale * shrink)), 220, 30, 30);
            if (color == IntPtr.Zero || Native.pixWriteMem(out var data, out var size, color, Native.IffPng) != 0)
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
            Native.pixDestroy(ref clipped);
            if (color != IntPtr.Zero) Native.pixDestroy(ref color);
            if (outline != IntPtr.Zero) Native.boxDestroy(ref outline);
        }
    }

    /// <summary>
    /// Runs <paramref name="use"/> on the page, rendered (and for scans straightened) once and then kept among the last
    /// few; under the lock, so no other request evicts it meanwhile. <paramref name="use"/> must not keep or change it.
    /// </summary>
    private T WithPage<T>(string path, string inputKind, int page, Func<IntPtr, T> use)
    {
        var info = new FileInfo(path);
        var key = new PageKey(path, info.Length, info.LastWriteTimeUtc, inputKind, page);
        lock (_lock)
        {
            if (Kept(key) is { } kept) return use(kept);
        }
        // Rendered outside the lock: other pages' crops go on meanwhile.
        var pix = Render(path, inputKind, page);
        lock (_lock)
        {
            if (Kept(key) is { } meanwhile)
            {
                Native.pixDestroy(ref pix);
                return use(meanwhile);
            }
            _pages.AddFirst((key, pix));
            while (_pages.Count > CachedPages)
            {
                var last = _pages.Last!.Value.Pix;
                _pages.RemoveLast();
                Native.pixDestroy(ref last);
            }
            return use(pix);
        }
    }

    /// <summary>The kept page, moved to the front; null when it is not kept.</summary>
    private IntPtr? Kept(PageKey key)
    {
        for (var node = _pages.First; node is not null; node = node.Next)
        {
            if (node.Value.Key != key) continue;
            _pages.Remove(node);
            _pages.AddFirst(node);
            return node.Value.Pix;
        }
        return null;
    }

    private IntPtr Render(string path, string inputKind, int page)
    {
        var pix = inputKind switch
        {
            "pdf-text" => Rasterize(path, page, TextPdfDpi),
            "pdf-scan" => Rasterize(path, page, ScanPdfCropDpi),
            "image" => Path.GetExtension(path).ToLowerInvariant() is ".tif" or ".tiff" || IsTiff(path)
                ? Native.pixReadTiff(path, page - 1) : page == 1 ? Native.pixRead(path) : IntPtr.Zero,
            _ => throw new ArgumentException($"{inputKind} documents have no page images"),
        };
        if (pix == IntPtr.Zero) throw new InvalidDataException($"page {page} of the document cannot be read");
        // Scan boxes are in the prepared page's pixels (straightened, turned upright): prepare it the same way
        // before cropping, and show the page the rules were found in (dust and all, as the scan has it).
        if (inputKind == "pdf-text") return pix;
        var prepared = inputKind == "pdf-scan" ? ScanImage.Prepare(pix, reductionSearch: 2, renderedDpi: ScanPdfCropDpi) : ScanImage.Prepare(pix);
        return ScanImage.ToPix(prepared.Binary);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var (_, pix) in _pages)
            {
                var p = pix;
                Native.pixDestroy(ref p);
            }
            _pages.Clear();
        }
    }

    private static bool IsTiff(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.Read(head) == 4 && ImageKinds.Of(head) == "TIFF";
    }

    /// <summary>One page of a PDF as a gray image read back by leptonica.</summary>
    private IntPtr Rasterize(string path, int page, int dpi)
    {
        var dir = Directory.CreateTempSubdirectory("perfeval-page-");
        try
        {
            var prefix = Path.Combine(dir.FullName, "page");
            var n = page.ToString(CultureInfo.InvariantCulture);
            var result = runner.Run("pdftoppm", "poppler-utils",
                ["-f", n, "-l", n, "-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-singlefile", path, prefix]);
            if (result.ExitCode != 0) throw new InvalidDataException($"pdftoppm could not render page {page}: {result.Error.Trim()}");
            // PGM, not PNG: the same pixels without compressing 9 MB that is read back at once (2.5 s of a scan's crop).
            return Native.pixRead(prefix + ".pgm");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
