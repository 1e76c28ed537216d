using System.Buffers.Binary;
using System.Runtime.InteropServices;
using PerformanceEval.Diagnostics;
using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>A scanned page: the straightened gray image OCR reads, and its binarization the rules are found in.</summary>
/// <remarks>
/// <see cref="Gray"/> is what OCR reads (on a levelled page, the paper's grain made white; faint print stretched to
/// dark, <see cref="PageCleaning.Stretched"/>); <see cref="Binary"/> is where
/// the rules are found and what the review page shows. On a page with even light they are the same image.
/// </remarks>
/// <param name="Gray">What OCR reads.</param>
/// <param name="Binary">Where the rules are found.</param>
/// <param name="BlackAndWhite">The page came in black and white (a fax, a scanner's line-art mode): its grey hairlines
/// are dots, which <see cref="DashedRules"/> looks for; on a grey page the same search takes text for rules.</param>
internal sealed record ScanPage(GrayImage Gray, GrayImage Binary, bool BlackAndWhite = false);

/// <summary>
/// Loads a page image (PNG, JPEG, TIFF pages, PGM/PPM) through leptonica and makes it the page OCR reads: 8-bit gray
/// with coloured ink dropped (a red seal stamped over the figures), at the scan resolution, turned upright (a page fed
/// sideways or upside down), straightened (leptonica's skew search: scans come rotated by a degree or two, and a
/// rotated rule is no rule to a run finder), dark borders of an open scanner lid whitened and uneven light levelled.
/// </summary>
internal static class ScanImage
{
    /// <summary>
    /// The pages of an image file, one at a time as they are read (a 200-page TIFF is never in memory at once): one
    /// for PNG/JPEG/PGM, every page of a multi-page TIFF — which the bytes say, not the file's name. Each page's size
    /// is read from its header and checked against the limits before it is decoded. <paramref name="renderedDpi"/> is
    /// the resolution a renderer made the pages at (a PDF's); without it the file's own, or the paper's, says.
    /// </summary>
    public static IEnumerable<ScanPage> Pages(string path, bool tiff, InputLimits? limits = null, int? renderedDpi = null, string? tessdataPath = null)
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
            yield return Prepare(pix, renderedDpi: renderedDpi, tessdataPath: tessdataPath);
        }
    }

    /// <summary>
    /// A page as OCR sees it: 8-bit gray (coloured ink dropped), at the scan resolution, its light levelled and its
    /// dark borders whitened where it has them, straightened, upright. Takes ownership of <paramref name="pix"/>. The
    /// review page's crops go through this too, so a cell's box falls on the same pixels.
    /// </summary>
    /// <param name="pix">The page (taken over).</param>
    /// <param name="reductionSearch">leptonica's reduction for the skew search: 0 (its default, 4), 1, 2 or 4.</param>
    /// <param name="renderedDpi">The resolution a renderer made the page at: kept. Null for a scan's own file.</param>
    /// <param name="tessdataPath">Where Tesseract's osd model is (null: the system's).</param>
    internal static ScanPage Prepare(IntPtr pix, int reductionSearch = 0, int? renderedDpi = null, string? tessdataPath = null)
    {
        var gray = InkGray(pix);
        Native.pixDestroy(ref pix);
        // The page is copied out of leptonica once for all the measures below, again only where leptonica changed it.
        var seen = ToGray(gray);
        var blackAndWhite = PageCleaning.TwoLevels(seen);
        var atScan = AtScanResolution(gray, renderedDpi);
        if (atScan != gray) (gray, seen) = (atScan, ToGray(atScan));
        // Light levelled before the skew is searched: on a page darkening to one side the search binarizes the dark
        // paper with the print and finds no lines.
        var levelled = PageCleaning.UnevenLight(seen);
        if (levelled)
        {
            // leptonica's defaults (tiles of 10 px, print darker than 100 left out, smoothing 2 × 1), but the paper
            // brought to white, not to its default 200: the reader's ink threshold is set for white paper.
            var level = Native.pixBackgroundNorm(gray, IntPtr.Zero, IntPtr.Zero, 10, 10, 100, 50, 255, 2, 1);
            if (level != IntPtr.Zero)
            {
                Native.pixDestroy(ref gray);
                (gray, seen) = (level, ToGray(level));
            }
            else levelled = false;
        }
        // Dark borders whitened before the skew is searched too: the lid's shadow is square to the glass, not to the
        // sheet, and its long straight edge outweighs the table's rules in the search.
        var unbordered = PageCleaning.WithoutDarkBorders(seen);
        if (!ReferenceEquals(unbordered, seen))
        {
            Native.pixDestroy(ref gray);
            gray = ToPix(unbordered);
        }
        var straight = Straight(gray, reductionSearch);
        try
        {
            // Rules are found in the gray page too: leptonica's Sauvola binarization was tried for faint scanned
            // rules and lost whole tables on the fixtures; the slot stays for a binarization that measures better.
            var page = ToGray(straight);
            // A thin grey rule under the falling light comes out of levelling hardly darker than the paper's grain
            // (200–215 against 228 and up): darkened in proportion it is a rule to the grid again — not so far that the
            // back of the sheet showing through (225 and up) becomes one.
            if (levelled) page = PageCleaning.Scaled(page, paper: 220, to: 200);
            var turns = Orientation(page, tessdataPath, renderedDpi ?? ScanPageReader.Dpi);
            page = page.Turned(turns);
            // What levelling leaves of the paper's grain and the JPEG's blocks (a faint texture the engine reads as
            // characters in a cell's empty part) goes white for OCR; print is far darker. Not for the rules: a thin
            // grey rule under uneven light comes out of levelling as light as that texture.
            var read = PageCleaning.Stretched(levelled ? PageCleaning.PaperToWhite(page, 182) : page);
            return new ScanPage(read, page, blackAndWhite);
        }
        finally
        {
            Native.pixDestroy(ref straight);
        }
    }

    /// <summary>The page straightened (takes <paramref name="gray"/> over).</summary>
    private static IntPtr Straight(IntPtr gray, int reductionSearch)
    {
        var straight = Native.pixDeskewGeneral(gray, 0, 0, 0, reductionSearch, 0, out _, out var confidence);
        // A blurred or faint scan binarized at leptonica's 130 keeps too little of its print for the skew search to be
        // sure (it then leaves the page as it is); at 170 the strokes are whole again. A thin grey rule on a levelled
        // page (paper brought to white, the rule 150–190) is whole only at 200: a small table's rules are what the
        // search needs, its few lines of text are not enough.
        foreach (var threshold in RetryThresholds)
        {
            if (confidence >= SureSkew || straight == IntPtr.Zero) break;
            var again = Native.pixDeskewGeneral(gray, 0, 0, 0, reductionSearch, threshold, out _, out var surer);
            if (surer >= SureSkew && again != IntPtr.Zero)
            {
                Native.pixDestroy(ref straight);
                (straight, confidence) = (again, surer);
            }
            else if (again != IntPtr.Zero) Native.pixDestroy(ref again);
        }
        if (straight != IntPtr.Zero) Native.pixDestroy(ref gray); else straight = gray;
        return straight;
    }

    /// <summary>leptonica's own confidence below which it leaves a page unturned.</summary>
    private const float SureSkew = 3;

    /// <summary>The binarization thresholds the skew search is tried at again, in turn, where it was not sure.</summary>
    private static readonly int[] RetryThresholds = [170, 200];

    /// <summary>
    /// 8-bit gray. A colour page keeps each pixel's lightest channel, lightened by how coloured the pixel is: black
    /// print stays black, a red seal or a blue signature goes to paper (by luminance a seal's red is as dark as print,
    /// and its ring and characters lie over the figures). The lightest channel alone left a seal's red (R 190–236) a
    /// gray ring that chi_sim read into the header cells under it; half its channels' spread (150 and more) lifts
    /// it to white, while print under the seal, dark in every channel, keeps its dark. A gray page is unchanged by it.
    /// </summary>
    /// <summary>
    /// How much of a pixel's colour spread lightens it. Half: a seal's red (spread 120 and more) reaches white; print
    /// under the seal, whose JPEG edges take on some of its colour, is lightened by half as much as a whole spread
    /// would (a whole one thinned the characters under a seal until chi_sim lost them).
    /// </summary>
    private const float ColourLift = 0.5f;

    private static IntPtr InkGray(IntPtr pix)
    {
        if (Native.pixGetDepth(pix) != 32 && Native.pixGetColormap(pix) == IntPtr.Zero) return Native.pixConvertTo8(pix, 0);
        var colour = Native.pixGetDepth(pix) == 32 ? IntPtr.Zero : Native.pixConvertTo32(pix);
        var source = colour == IntPtr.Zero ? pix : colour;
        var gray = Native.pixConvertRGBToGrayMinMax(source, Native.ChooseMax);
        var spread = Native.pixConvertRGBToGrayMinMax(source, Native.ChooseMaxDiff);
        if (gray != IntPtr.Zero && spread != IntPtr.Zero)
        {
            Native.pixMultConstantGray(spread, ColourLift);
            Native.pixAddGray(gray, gray, spread);
        }
        if (spread != IntPtr.Zero) Native.pixDestroy(ref spread);
        if (colour != IntPtr.Zero) Native.pixDestroy(ref colour);
        return gray;
    }

    /// <summary>
    /// The page at the resolution the reader's sizes are measured at (<see cref="ScanPageReader.Dpi"/>): a 150-dpi
    /// scan is doubled, a 400-dpi one reduced. The file's stated resolution where it gives a plausible one; else the
    /// paper's: a page whose sides are A4's (1 : √2, within a skew's widening) is 8.27 inches across its short side.
    /// Within a tenth of the scan resolution the page is kept as it is (a skewed A4 page measures a few per cent
    /// wide; the reader copes with that, and resampling costs sharpness).
    /// </summary>
    private static IntPtr AtScanResolution(IntPtr gray, int? renderedDpi)
    {
        if (renderedDpi is not null) return gray;
        var dpi = PageDpi(Native.pixGetXRes(gray), Native.pixGetWidth(gray), Native.pixGetHeight(gray));
        if (dpi is not { } known || Math.Abs(known - ScanPageReader.Dpi) <= ScanPageReader.Dpi * 0.1) return gray;
        var factor = (float)(ScanPageReader.Dpi / known);
        var scaled = Native.pixScale(gray, factor, factor);
        if (scaled == IntPtr.Zero) return gray;
        Native.pixDestroy(ref gray);
        return scaled;
    }

    /// <summary>The page's resolution: stated (between 100 and 1,200 dpi), or from an A4 page's size; null when neither says.</summary>
    internal static double? PageDpi(int statedDpi, int width, int height)
    {
        if (statedDpi is >= 100 and <= 1200) return statedDpi;
        var (shortSide, longSide) = (Math.Min(width, height), Math.Max(width, height));
        var aspect = (double)longSide / Math.Max(1, shortSide);
        return aspect is >= 1.30 and <= 1.50 && shortSide >= 600 ? shortSide / 8.27 : null;
    }

    /// <summary>
    /// Quarter turns clockwise that set a page fed sideways or upside down upright, on the cleaned page (on a page
    /// still unevenly lit too few characters read): first by reading a few of the form's own cells every way
    /// (<see cref="PageOrientation"/>), then, where they do not decide, by Tesseract's orientation detection (osd).
    /// Only a sure answer turns a page: an upright page turned wrongly loses every cell. Where neither model or the
    /// library is there the page is read as it comes.
    /// </summary>
    private static int Orientation(GrayImage page, string? tessdataPath, int dpi)
    {
        try
        {
            var text = OcrEngine.ForThisThread(tessdataPath, CellLanguage);
            if (PageOrientation.FromCells(page, dpi, text.ReadWhole) is { } turns) return turns;
        }
        catch (Exception e) when (e is ToolMissingException or DllNotFoundException or EntryPointNotFoundException)
        {
            // No chi_sim: osd may still be there.
        }
        // First at half the resolution, which is enough for most pages and quicker (bench scan, one worker: 0.37
        // pages/s with every page at 300 dpi, 0.44 at 150); a page that answer leaves unturned and unsure is asked
        // again at full resolution: at half, five turned tuning scans went unturned.
        try
        {
            var engine = OcrEngine.ForThisThread(tessdataPath, "osd");
            var (turns, confidence) = Detect(engine, page, half: true, dpi);
            return turns != 0 || confidence >= SureUpright ? turns : Detect(engine, page, half: false, dpi).QuarterTurns;
        }
        catch (Exception e) when (e is ToolMissingException or DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The model the cells are read by to tell a page's orientation: the form's own script, whatever the pipeline's
    /// OCR language is set to (the review page's crops are turned by the same answer without knowing that setting).
    /// </summary>
    private const string CellLanguage = "chi_sim";

    /// <summary>An upright answer this sure at half resolution is kept (upright pages gave 10–22 at full).</summary>
    private const float SureUpright = 10;

    private static (int QuarterTurns, float Confidence) Detect(OcrEngine engine, GrayImage page, bool half, int dpi)
    {
        var pix = ToPix(page);
        if (half)
        {
            var reduced = Native.pixScale(pix, 0.5f, 0.5f);
            Native.pixDestroy(ref pix);
            if (reduced == IntPtr.Zero) return (0, 0);
            (pix, dpi) = (reduced, dpi / 2);
        }
        // Tesseract reads the resolution off the image itself here, and warns on standard error about one without.
        Native.pixSetResolution(pix, dpi, dpi);
        try
        {
            return engine.QuarterTurnsToUpright(pix, dpi);
        }
        finally
        {
            Native.pixDestroy(ref pix);
        }
    }

    /// <summary>An 8-bit Pix of a gray page (the caller destroys it): the review page draws and encodes its crops in one.</summary>
    internal static IntPtr ToPix(GrayImage page)
    {
        var pix = Native.pixCreate(page.Width, page.Height, 8);
        if (pix == IntPtr.Zero) throw new OutOfMemoryException("leptonica could not allocate a page image");
        var wpl = Native.pixGetWpl(pix);
        var raw = new int[wpl * page.Height];
        var bytes = MemoryMarshal.AsBytes(raw.AsSpan());
        for (var y = 0; y < page.Height; y++) page.Pixels.Slice(y * page.Width, page.Width).CopyTo(bytes.Slice(y * wpl * 4));
        if (BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(raw, raw);
        Marshal.Copy(raw, 0, Native.pixGetData(pix), raw.Length);
        return pix;
    }

    /// <summary>
    /// Copies an 8-bit Pix: leptonica packs four pixels in a 32-bit word, first pixel in the most significant byte,
    /// so on a little-endian machine the bytes of each word are read in reverse.
    /// </summary>
    private static GrayImage ToGray(IntPtr pix)
    {
        var (w, h, wpl) = (Native.pixGetWidth(pix), Native.pixGetHeight(pix), Native.pixGetWpl(pix));
        if (Native.pixGetDepth(pix) != 8) throw new InvalidDataException("leptonica did not give an 8-bit image");
        var raw = new int[wpl * h];
        Marshal.Copy(Native.pixGetData(pix), raw, 0, raw.Length);
        if (BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(raw, raw);
        var bytes = MemoryMarshal.AsBytes(raw.AsSpan());
        var pixels = new byte[w * h];
        for (var y = 0; y < h; y++) bytes.Slice(y * wpl * 4, w).CopyTo(pixels.AsSpan(y * w));
        return new GrayImage(w, h, pixels);
    }
}
