using System.Runtime.InteropServices;
using PerformanceEval.Ingestion.Pdf;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>What Tesseract read in a cell, and how sure it was (0–1).</summary>
internal readonly record struct OcrText(string Text, double Confidence);

/// <summary>
/// One Tesseract engine, loaded once and reused for every cell of every page its worker reads: loading the
/// chi_sim model costs more than a page. Not thread-safe: each worker thread has its own (<see cref="ForThisThread"/>).
/// </summary>
internal sealed class OcrEngine : IDisposable
{
    public const int PsmSingleBlock = 6;
    public const int PsmSingleLine = 7;
    private static readonly object NativeGate = new();
    private static bool _nativePrepared;
    private static readonly ThreadLocal<Dictionary<string, OcrEngine>> PerThread = new(() => [], trackAllValues: true);
    private IntPtr _handle;

    private OcrEngine(string? dataPath, string language)
    {
        PrepareNativeEnvironment();
        _handle = Native.TessBaseAPICreate();
        if (Native.TessBaseAPIInit3(_handle, dataPath, language) != 0)
        {
            Native.TessBaseAPIDelete(_handle);
            _handle = IntPtr.Zero;
            throw new ToolMissingException($"Tesseract language data '{language}'", language == "eng" ? "tesseract-ocr-eng" : "tesseract-ocr-chi-sim");
        }
        // Cells hold a few words each: no dictionary correction of figures, keep spaces out of the way.
        Native.TessBaseAPISetVariable(_handle, "preserve_interword_spaces", "1");
    }

    static OcrEngine() =>
        // Engines live as long as their worker threads; end them all before the process goes, or Tesseract's
        // model cache reports every shared model as leaked on standard error.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var engine in PerThread.Values.SelectMany(e => e.Values)) engine.Dispose();
        };

    /// <summary>This thread's engine for a language, created on first use.</summary>
    public static OcrEngine ForThisThread(string? dataPath, string language)
    {
        var engines = PerThread.Value!;
        return engines.TryGetValue(language, out var engine) ? engine : engines[language] = new OcrEngine(dataPath, language);
    }

    /// <summary>
    /// Before libtesseract loads: one OpenMP thread per engine (Debian's build otherwise spins a team per call and
    /// runs ~5× slower on 2 cores; parallelism comes from our workers), and the C numeric locale. Set through libc,
    /// because .NET's environment never reaches native code.
    /// </summary>
    public static void PrepareNativeEnvironment()
    {
        lock (NativeGate)
        {
            if (_nativePrepared) return;
            try
            {
                Native.setenv("OMP_THREAD_LIMIT", "1", 1);
                Native.setlocale(Native.LcNumeric, "C");
                _nativePrepared = true;
            }
            catch (DllNotFoundException e)
            {
                throw new ToolMissingException($"libc ({e.Message})", "libc6");
            }
        }
    }

    /// <summary>Reads a gray image region; an optional whitelist limits the characters (digits for figures).</summary>
    public OcrText Read(GrayImage image, int x0, int y0, int x1, int y1, int pageSegMode, string? whitelist = null)
    {
        const int pad = 12;
        var (w, h) = (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad);
        var buffer = new byte[w * h];
        Array.Fill(buffer, (byte)255);
        var source = image.Pixels;
        for (var y = y0; y < y1; y++)
            source.Slice(y * image.Width + x0, x1 - x0).CopyTo(buffer.AsSpan((y - y0 + pad) * w + pad));
        EraseEdgeLines(buffer, w, h, pad);
        var pin = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        try
        {
            Native.TessBaseAPISetPageSegMode(_handle, pageSegMode);
            Native.TessBaseAPISetVariable(_handle, "tessedit_char_whitelist", whitelist ?? "");
            Native.TessBaseAPISetImage(_handle, pin.AddrOfPinnedObject(), w, h, 1, w);
            Native.TessBaseAPISetSourceResolution(_handle, 300);
            if (Native.TessBaseAPIRecognize(_handle, IntPtr.Zero) != 0) return new OcrText("", 0);
            var textPtr = Native.TessBaseAPIGetUTF8Text(_handle);
            var text = Marshal.PtrToStringUTF8(textPtr) ?? "";
            Native.TessDeleteText(textPtr);
            var confidence = Math.Max(0, Native.TessBaseAPIMeanTextConf(_handle)) / 100.0;
            return new OcrText(text.Trim(), confidence);
        }
        finally
        {
            Native.TessBaseAPIClear(_handle);
            pin.Free();
        }
    }

    /// <summary>
    /// Whites out what is left of the cell's rules inside the crop: a column or row near the edge that is dark over
    /// most of its length is a rule, not ink — left in, Tesseract reads it as a 1 or a |.
    /// </summary>
    private static void EraseEdgeLines(byte[] buffer, int w, int h, int pad)
    {
        const int band = 10;
        bool DarkColumn(int x) { var n = 0; for (var y = pad; y < h - pad; y++) if (buffer[y * w + x] < 140) n++; return n > (h - 2 * pad) * 0.6; }
        bool DarkRow(int y) { var n = 0; for (var x = pad; x < w - pad; x++) if (buffer[y * w + x] < 140) n++; return n > (w - 2 * pad) * 0.6; }
        foreach (var x in Enumerable.Range(pad, band).Concat(Enumerable.Range(w - pad - band, band)))
            if (x >= 0 && x < w && DarkColumn(x)) for (var y = 0; y < h; y++) buffer[y * w + x] = 255;
        foreach (var y in Enumerable.Range(pad, band).Concat(Enumerable.Range(h - pad - band, band)))
            if (y >= 0 && y < h && DarkRow(y)) Array.Fill(buffer, (byte)255, y * w, w);
    }

    public void Dispose()
    {
        if (_handle == IntPtr.Zero) return;
        Native.TessBaseAPIEnd(_handle);
        Native.TessBaseAPIDelete(_handle);
        _handle = IntPtr.Zero;
    }
}
