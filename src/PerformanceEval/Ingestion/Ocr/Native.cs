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

    [LibraryImport(Lept, StringMarshalling = StringMarshalling.Utf8)] public static partial IntPtr pixRead(string filename);
    [LibraryImport(Lept, StringMarshalling = StringMarshalling.Utf8)] public static partial IntPtr pixReadTiff(string filename, int n);
    /// <summary>Width and height from the file's header, without decoding it (0 on success).</summary>
    [LibraryImport(Lept, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int pixReadHeader(string filename, out int format, out int w, out int h, out int bps, out int spp, out int iscmap);
    /// <summary>Page <paramref name="n"/>'s width and height from a TIFF's directory, without decoding it (0 on success).</summary>
    [LibraryImport(Lept, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int readHeaderTiff(string filename, int n, out int w, out int h, out int bps, out int spp, out int res, out int cmap, out int format);
    [LibraryImport(Lept)] public static partial IntPtr pixConvertTo8(IntPtr pix, int colormapFlag);
    [LibraryImport(Lept)] public static partial IntPtr pixDeskew(IntPtr pix, int reductionSearch);
    [LibraryImport(Lept)] public static partial int pixGetWidth(IntPtr pix);
    [LibraryImport(Lept)] public static partial int pixGetHeight(IntPtr pix);
    [LibraryImport(Lept)] public static partial int pixGetDepth(IntPtr pix);
    [LibraryImport(Lept)] public static partial int pixGetWpl(IntPtr pix);
    [LibraryImport(Lept)] public static partial IntPtr pixGetData(IntPtr pix);
    [LibraryImport(Lept)] public static partial void pixDestroy(ref IntPtr pix);
    [LibraryImport(Lept)] public static partial IntPtr pixConvertTo32(IntPtr pix);
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
