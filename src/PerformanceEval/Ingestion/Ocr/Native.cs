using System.Runtime.InteropServices;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// libtesseract's C API and the few leptonica calls the scan path needs, from Debian's tesseract-ocr
/// (libtesseract.so.5, liblept.so.5), called in process.
/// </summary>
internal static partial class Native
{
    private const string Tess = "libtesseract.so.5";
    private const string Lept = "liblept.so.5";

    [LibraryImport(Tess)] public static partial IntPtr TessBaseAPICreate();
    [LibraryImport(Tess)] public static partial void TessBaseAPIDelete(IntPtr handle);
    [LibraryImport(Tess, StringMarshalling = StringMarshalling.Utf8)] public static partial int TessBaseAPIInit3(IntPtr handle, string? datapath, string language);
    [LibraryImport(Tess, StringMarshalling = StringMarshalling.Utf8)] public static partial int TessBaseAPISetVariable(IntPtr handle, string name, string value);
    [LibraryImport(Tess)] public static partial void TessBaseAPISetPageSegMode(IntPtr handle, int mode);
    [LibraryImport(Tess)] public static partial void TessBaseAPISetImage(IntPtr handle, IntPtr data, int width, int height, int bytesPerPixel, int bytesPerLine);
    [LibraryImport(Tess)] public static partial void TessBaseAPISetSourceResolution(IntPtr handle, int ppi);
    /// <summary>The image as a leptonica Pix (not copied: it must outlive the recognition).</summary>
    [LibraryImport(Tess)] public static partial void TessBaseAPISetImage2(IntPtr handle, IntPtr pix);
    /// <summary>
    /// Orientation and script detection (an engine loaded with "osd"): <paramref name="orientDeg"/> is how far the
    /// page's text is turned; turning the page by (360 − it) clockwise sets it upright. Non-zero on success.
    /// </summary>
    [LibraryImport(Tess)]
    public static partial int TessBaseAPIDetectOrientationScript(IntPtr handle, out int orientDeg, out float orientConf, out IntPtr scriptName, out float scriptConf);
    [LibraryImport(Tess)] public static partial int TessBaseAPIRecognize(IntPtr handle, IntPtr monitor);
    [LibraryImport(Tess)] public static partial IntPtr TessBaseAPIGetUTF8Text(IntPtr handle);
    [LibraryImport(Tess)] public static partial int TessBaseAPIMeanTextConf(IntPtr handle);
    [LibraryImport(Tess)] public static partial void TessDeleteText(IntPtr text);
    [LibraryImport(Tess)] public static partial void TessBaseAPIClear(IntPtr handle);
    [LibraryImport(Tess)] public static partial void TessBaseAPIEnd(IntPtr handle);
    [LibraryImport(Tess)] public static partial IntPtr TessBaseAPIGetIterator(IntPtr handle);
    [LibraryImport(Tess)] public static partial void TessResultIteratorDelete(IntPtr iterator);
    [LibraryImport(Tess)] public static partial IntPtr TessResultIteratorGetPageIterator(IntPtr iterator);
    [LibraryImport(Tess)] public static partial int TessPageIteratorNext(IntPtr iterator, int level);
    [LibraryImport(Tess)] public static partial IntPtr TessResultIteratorGetUTF8Text(IntPtr iterator, int level);
    [LibraryImport(Tess)] public static partial int TessPageIteratorBoundingBox(IntPtr iterator, int level, out int left, out int top, out int right, out int bottom);
    [LibraryImport(Tess)] public static partial float TessResultIteratorConfidence(IntPtr iterator, int level);
    [LibraryImport(Tess)] public static partial IntPtr TessResultIteratorGetChoiceIterator(IntPtr iterator);
    [LibraryImport(Tess)] public static partial void TessChoiceIteratorDelete(IntPtr choices);
    [LibraryImport(Tess)] public static partial int TessChoiceIteratorNext(IntPtr choices);
    [LibraryImport(Tess)] public static partial IntPtr TessChoiceIteratorGetUTF8Text(IntPtr choices);
    [LibraryImport(Tess)] public static partial float TessChoiceIteratorConfidence(IntPtr choices);
    public const int LevelSymbol = 4;
    [LibraryImport(Tess)] public static partial IntPtr TessMonitorCreate();
    [LibraryImport(Tess)] public static partial void TessMonitorDelete(IntPtr monitor);
    [LibraryImport(Tess)] public static partial void TessMonitorSetDeadlineMSecs(IntPtr monitor, int deadline);

    /// <summary>leptonica's message level for this process; returns the old one (<see cref="SeverityNone"/>: silent).</summary>
    [LibraryImport(Lept)] public static partial int setMsgSeverity(int newsev);
    public const int SeverityNone = 6;
    [LibraryImport(Lept, StringMarshalling = StringMarshalling.Utf8)] public static partial IntPtr pixRead(string filename);
    [LibraryImport(Lept, StringMarshalling = StringMarshalling.Utf8)] public static partial IntPtr pixReadTiff(string filename, int n);
    /// <summary>Width and height from the file's header, without decoding it (0 on success).</summary>
    [LibraryImport(Lept, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int pixReadHeader(string filename, out int format, out int w, out int h, out int bps, out int spp, out int iscmap);
    /// <summary>Page <paramref name="n"/>'s width and height from a TIFF's directory, without decoding it (0 on success).</summary>
    [LibraryImport(Lept, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int readHeaderTiff(string filename, int n, out int w, out int h, out int bps, out int spp, out int res, out int cmap, out int format);
    [LibraryImport(Lept)] public static partial IntPtr pixConvertTo8(IntPtr pix, int colormapFlag);
    /// <summary>
    /// leptonica's deskew with its binarization <paramref name="threshold"/> given (0: leptonica's 130), the
    /// angle found and its confidence returned (below 3 the page is returned unturned).
    /// </summary>
    [LibraryImport(Lept)]
    public static partial IntPtr pixDeskewGeneral(IntPtr pix, int reductionSweep, float sweepRange, float sweepDelta, int reductionSearch,
        int threshold, out float angle, out float confidence);
    [LibraryImport(Lept)] public static partial int pixGetWidth(IntPtr pix);
    [LibraryImport(Lept)] public static partial int pixGetHeight(IntPtr pix);
    [LibraryImport(Lept)] public static partial int pixGetDepth(IntPtr pix);
    [LibraryImport(Lept)] public static partial int pixGetWpl(IntPtr pix);
    [LibraryImport(Lept)] public static partial IntPtr pixGetData(IntPtr pix);
    [LibraryImport(Lept)] public static partial void pixDestroy(ref IntPtr pix);
    [LibraryImport(Lept)] public static partial IntPtr pixConvertTo32(IntPtr pix);
    [LibraryImport(Lept)] public static partial IntPtr pixGetColormap(IntPtr pix);
    [LibraryImport(Lept)] public static partial IntPtr pixCreate(int width, int height, int depth);
    [LibraryImport(Lept)] public static partial int pixSetResolution(IntPtr pix, int xres, int yres);
    /// <summary>Horizontal resolution from the file's header (0 where the file gives none).</summary>
    [LibraryImport(Lept)] public static partial int pixGetXRes(IntPtr pix);
    /// <summary>32-bit colour to gray by one channel per pixel: <see cref="ChooseMax"/> keeps each pixel's lightest channel.</summary>
    [LibraryImport(Lept)] public static partial IntPtr pixConvertRGBToGrayMinMax(IntPtr pix, int type);
    public const int ChooseMax = 2;
    /// <summary>Each pixel's spread between its lightest and darkest channel: how coloured it is.</summary>
    public const int ChooseMaxDiff = 3;
    /// <summary>Adds two 8-bit images, clipped at white; <paramref name="pixd"/> may be <paramref name="pixs1"/>.</summary>
    [LibraryImport(Lept)] public static partial IntPtr pixAddGray(IntPtr pixd, IntPtr pixs1, IntPtr pixs2);
    /// <summary>Multiplies an 8-bit image's values by <paramref name="factor"/>, in place.</summary>
    [LibraryImport(Lept)] public static partial int pixMultConstantGray(IntPtr pix, float factor);
    /// <summary>
    /// Divides out the page's background (uneven light, a shadow), bringing the paper to <paramref name="bgval"/>:
    /// the background is measured in tiles of <paramref name="sx"/> × <paramref name="sy"/> from pixels lighter than
    /// <paramref name="thresh"/>, a tile needing <paramref name="mincount"/> of them, then smoothed.
    /// </summary>
    [LibraryImport(Lept)]
    public static partial IntPtr pixBackgroundNorm(IntPtr pix, IntPtr mask, IntPtr gray, int sx, int sy, int thresh, int mincount, int bgval, int smoothx, int smoothy);
    [LibraryImport(Lept)] public static partial IntPtr pixClipRectangle(IntPtr pix, IntPtr box, IntPtr boxClipped);
    /// <summary>A scaled copy; gray images are area-mapped when reduced, so thin strokes stay legible.</summary>
    [LibraryImport(Lept)] public static partial IntPtr pixScale(IntPtr pix, float scaleX, float scaleY);
    [LibraryImport(Lept)] public static partial int pixRenderBoxArb(IntPtr pix, IntPtr box, int width, byte r, byte g, byte b);
    [LibraryImport(Lept)] public static partial int pixWriteMem(out IntPtr data, out nuint size, IntPtr pix, int format);
    [LibraryImport(Lept)] public static partial IntPtr boxCreate(int x, int y, int w, int h);
    [LibraryImport(Lept)] public static partial void boxDestroy(ref IntPtr box);
    [LibraryImport(Lept)] public static partial void lept_free(IntPtr data);
    public const int IffPng = 3;


    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)] public static partial int setenv(string name, string value, int overwrite);
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)] public static partial IntPtr setlocale(int category, string locale);
    public const int LcNumeric = 1;
}
