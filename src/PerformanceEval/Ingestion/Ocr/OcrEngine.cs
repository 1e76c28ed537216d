using System.Runtime.InteropServices;
using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// What Tesseract read in a cell, how sure it was (0–1), and — when asked — other readings of the whole cell made of
/// the engine's own alternative symbols where it was unsure ("1" read, "7" its runner-up), most likely first.
/// </summary>
internal readonly record struct OcrText(string Text, double Confidence)
{
    public System.Collections.Immutable.ImmutableArray<string> Alternatives { get; init; } = [];

    /// <summary>
    /// For each "9%" of the text in turn, whether the engine's boxes show it to be one "%" (<see cref="PercentMarks"/>);
    /// empty where there is none. Applied to the reading a cell ends with, not to the one the figure re-reads weigh.
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<bool> PercentNines { get; init; } = [];
}

/// <summary>
/// One Tesseract engine, loaded once and reused for every cell of every page its worker reads: loading the
/// chi_sim model costs more than a page. Not thread-safe: each worker thread has its own (<see cref="ForThisThread"/>).
/// </summary>
internal sealed class OcrEngine : IOcrEngine, IDisposable
{
    private static readonly object NativeGate = new();
    private static bool _nativePrepared;
    private static readonly ThreadLocal<Dictionary<string, OcrEngine>> PerThread = new(() => [], trackAllValues: true);
    private IntPtr _handle;
    private IntPtr _monitor;

    /// <summary>The engine reads ideographs (chi_sim): circled numbers, which its unicharset lacks, are looked for.</summary>
    private readonly bool _readsCircledNumbers;

    private OcrEngine(string? dataPath, string language)
    {
        PrepareNativeEnvironment();
        _readsCircledNumbers = language.StartsWith("chi_", StringComparison.Ordinal);
        _handle = Native.TessBaseAPICreate();
        if (Native.TessBaseAPIInit3(_handle, dataPath, language) != 0)
        {
            Native.TessBaseAPIDelete(_handle);
            _handle = IntPtr.Zero;
            throw new ToolMissingException($"Tesseract language data '{language}'",
                language switch { "eng" => "tesseract-ocr-eng", "osd" => "tesseract-ocr-osd", _ => "tesseract-ocr-chi-sim" });
        }
        // Cells hold a few words each: no dictionary correction of figures, keep spaces out of the way.
        Native.TessBaseAPISetVariable(_handle, "preserve_interword_spaces", "1");
        // Tesseract's own remarks on a cell ("Image too small to scale!!", "Line cannot be recognized!!") went to the
        // user's terminal, hundreds a batch; what matters of a cell's reading is in its confidence and our warnings.
        Native.TessBaseAPISetVariable(_handle, "debug_file", "/dev/null");
        // A line read with confidence under 0.7 is read a second time inverted (white on black) by default: a form
        // prints no inverted text, and a scan's unsure cells (most of a poor page's) cost two recognitions each.
        Native.TessBaseAPISetVariable(_handle, "tessedit_do_invert", "0");
        _monitor = Native.TessMonitorCreate();
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
    /// because .NET's environment never reaches native code. leptonica is told to keep quiet.
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
            }
            catch (DllNotFoundException e)
            {
                throw new ToolMissingException($"libc ({e.Message})", "libc6");
            }
            try
            {
                // leptonica writes its errors to standard error: the end of a TIFF's pages, a page it cannot scale.
                // Every one of them that matters comes back to us as a failed call, reported with the file's name.
                Native.setMsgSeverity(Native.SeverityNone);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // No leptonica: the reader that needs it says so when it first calls it, naming what to install.
            }
            _nativePrepared = true;
        }
    }

    /// <summary>
    /// Reads regions of a page. Each recognition gets the attempt's remaining time as Tesseract's own deadline (its
    /// monitor), so a page that hangs inside the engine is stopped there, not only between cells.
    /// </summary>
    public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline)
    {
        var results = new OcrText[requests.Count];
        var failures = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            deadline.ThrowIfPassed();
            var (text, failed) = Read(image, requests[i], deadline);
            results[i] = text;
            if (failed) failures++;
        }
        deadline.ThrowIfPassed();
        if (failures > 0 && failures * 2 > requests.Count)
            throw new OcrEngineException($"Tesseract failed on {failures} of {requests.Count} regions of the page");
        return results;
    }

    private (OcrText Text, bool Failed) Read(GrayImage image, OcrRequest request, OcrDeadline deadline)
    {
        var crop = OcrCrop.Cut(image, request);
        var pin = GCHandle.Alloc(crop.Pixels, GCHandleType.Pinned);
        try
        {
            Native.TessBaseAPISetPageSegMode(_handle, request.PageSegMode);
            Native.TessBaseAPISetVariable(_handle, "tessedit_char_whitelist", request.Whitelist ?? "");
            Native.TessBaseAPISetImage(_handle, pin.AddrOfPinnedObject(), crop.Width, crop.Height, 1, crop.Width);
            Native.TessBaseAPISetSourceResolution(_handle, 300);
            // The LSTM engine keeps its per-symbol alternatives only when asked before recognition.
            Native.TessBaseAPISetVariable(_handle, "lstm_choice_mode", request.Choices ? "2" : "0");
            Native.TessMonitorSetDeadlineMSecs(_monitor, deadline.RemainingMilliseconds);
            if (Native.TessBaseAPIRecognize(_handle, _monitor) != 0) return (new OcrText("", 0), true);
            var textPtr = Native.TessBaseAPIGetUTF8Text(_handle);
            var text = Marshal.PtrToStringUTF8(textPtr) ?? "";
            Native.TessDeleteText(textPtr);
            var confidence = Math.Max(0, Native.TessBaseAPIMeanTextConf(_handle)) / 100.0;
            // chi_sim reads "（" as "(": where the page shows which one was printed, the text says so.
            if (text.IndexOfAny(['(', ')', ';', ':']) >= 0)
                text = FullWidthMarks.SameMarksThroughout(FullWidthMarks.PairBrackets(FullWidthMarks.Restore(text, BoxedSymbols())));
            text = FullWidthMarks.SameCommasThroughout(text);
            // chi_sim drops the bar of "≥": the ink's height tells.
            if (text.IndexOfAny(['>', '<']) >= 0) text = ComparisonSigns.Restore(text, BoxedSymbols(), crop.Pixels, crop.Width, crop.Height);
            // And reads it as an ideograph, or drops it: the ink before a cell's first figure tells.
            if (_readsCircledNumbers && request.Whitelist is null && text.Any(char.IsAsciiDigit))
                text = ComparisonSigns.SignFromInk(text, BoxedSymbols(), crop.Pixels, crop.Width, crop.Height);
            var alternatives = request.Choices ? SymbolChoices.Readings(Symbols()) : [];
            // ① … ⑨ are not in chi_sim: found by their ring, their digits read alone (the last use of this recognition's
            // result: reading a digit replaces it).
            if (_readsCircledNumbers && request.Whitelist is null && request.Threshold is null &&
                CircledNumbers.Find(crop.Pixels, crop.Width, crop.Height, ComparisonSigns.InkLevel(crop.Pixels)) is { Count: > 0 } rings)
            {
                var symbols = BoxedSymbols();
                var digits = rings.Select(ring => ReadDigit(CircledNumbers.Digit(crop.Pixels, crop.Width, ring), deadline)).ToList();
                text = CircledNumbers.Restore(text, symbols, rings, digits);
            }
            // And as "《" (the text's last change: the steps above align its characters with the engine's symbols).
            if (FullWidthMarks.TitleMarksAsBrackets(text) is var bracketed && bracketed != text)
                text = FullWidthMarks.SameMarksThroughout(FullWidthMarks.PairBrackets(bracketed));
            // A "%" read as "9%": the engine's boxes of the two tell (matched to the text by their count alone).
            var nines = text.Contains("9%", StringComparison.Ordinal) ? PercentMarks.Nines(text, BoxedSymbols()) : [];
            var read = new OcrText(text.Trim(), confidence) { Alternatives = alternatives, PercentNines = nines };
            return (read, false);
        }
        finally
        {
            Native.TessBaseAPIClear(_handle);
            pin.Free();
        }
    }

    /// <summary>A small image read whole as a block of text: its mean confidence (0–1) and its text (orientation by cells).</summary>
    public (double Confidence, string Text) ReadWhole(GrayImage image)
    {
        var read = ReadAll(image, [new OcrRequest(0, 0, image.Width, image.Height, PsmBlock)], OcrDeadline.None)[0];
        return (read.Confidence, read.Text);
    }

    private const int PsmBlock = 6;

    private const int PsmSingleCharacter = 10;

    /// <summary>A lone digit 1–9 on white (a circled number's inside), or null where the engine reads none surely.</summary>
    private int? ReadDigit((byte[] Pixels, int Width, int Height) image, OcrDeadline deadline)
    {
        var pin = GCHandle.Alloc(image.Pixels, GCHandleType.Pinned);
        try
        {
            Native.TessBaseAPISetPageSegMode(_handle, PsmSingleCharacter);
            Native.TessBaseAPISetVariable(_handle, "tessedit_char_whitelist", "123456789");
            Native.TessBaseAPISetVariable(_handle, "lstm_choice_mode", "0");
            Native.TessBaseAPISetImage(_handle, pin.AddrOfPinnedObject(), image.Width, image.Height, 1, image.Width);
            Native.TessBaseAPISetSourceResolution(_handle, 300);
            Native.TessMonitorSetDeadlineMSecs(_monitor, deadline.RemainingMilliseconds);
            if (Native.TessBaseAPIRecognize(_handle, _monitor) != 0) return null;
            var textPtr = Native.TessBaseAPIGetUTF8Text(_handle);
            var text = (Marshal.PtrToStringUTF8(textPtr) ?? "").Trim();
            Native.TessDeleteText(textPtr);
            var confidence = Native.TessBaseAPIMeanTextConf(_handle) / 100.0;
            return text is [var d and >= '1' and <= '9'] && confidence >= MinDigitConfidence ? d - '0' : null;
        }
        finally
        {
            Native.TessBaseAPIClear(_handle);
            pin.Free();
        }
    }

    /// <summary>How sure the reading of a circled number's digit must be to be taken.</summary>
    private const double MinDigitConfidence = 0.5;

    /// <summary>
    /// Quarter turns clockwise that set a page upright (0–3), by orientation detection — on an engine loaded with the
    /// "osd" model. A page whose answer is unsure (confidence under <see cref="SureOrientation"/>: a page of few
    /// characters, most of them rules) stays as it is.
    /// </summary>
    public (int QuarterTurns, float Confidence) QuarterTurnsToUpright(IntPtr pix, int dpi = 300)
    {
        try
        {
            Native.TessBaseAPISetPageSegMode(_handle, 0);   // orientation and script detection only
            Native.TessBaseAPISetImage2(_handle, pix);
            Native.TessBaseAPISetSourceResolution(_handle, dpi);
            if (Native.TessBaseAPIDetectOrientationScript(_handle, out var degrees, out var confidence, out _, out _) == 0) return (0, 0);
            return (confidence < SureOrientation ? 0 : (360 - degrees) % 360 / 90, confidence);
        }
        finally
        {
            Native.TessBaseAPIClear(_handle);
        }
    }

    /// <summary>
    /// Orientation confidence a turn needs. On the print shop's tuning scans (36 files, 46 pages, 12 of them turned)
    /// Tesseract's osd answered every turned page rightly at 5.2–20.9, every upright page it was sure of (over 2.2)
    /// rightly, and wrongly only below 1.7 (a page of a table's last rows, a faint page). OCRmyPDF's default is 14
    /// on the same scale, which would leave half of those turned pages sideways. Raised from 3 at stop 60: a blurred
    /// 200-dpi JPEG of pchk3 (no text cell found to read its way up by) was turned upside down at 3.5 and lost every
    /// field; still under every turned page's 5.2.
    /// </summary>
    private const float SureOrientation = 4.5f;

    /// <summary>The symbols of the last recognition with their boxes, in reading order.</summary>
    private List<BoxedSymbol> BoxedSymbols()
    {
        var symbols = new List<BoxedSymbol>();
        EachSymbol((_, page, text) =>
        {
            if (Native.TessPageIteratorBoundingBox(page, Native.LevelSymbol, out var left, out var top, out var right, out var bottom) != 0)
                symbols.Add(new BoxedSymbol(text, left, top, right, bottom));
        });
        return symbols;
    }

    /// <summary>The symbols of the last recognition, each with the engine's choices for it and their confidences (0–1).</summary>
    private List<OcrSymbol> Symbols()
    {
        var symbols = new List<OcrSymbol>();
        EachSymbol((iterator, _, text) =>
        {
            var choices = new List<(string, double)>();
            var choice = Native.TessResultIteratorGetChoiceIterator(iterator);
            if (choice != IntPtr.Zero)
            {
                try
                {
                    do
                    {
                        var c = Marshal.PtrToStringUTF8(Native.TessChoiceIteratorGetUTF8Text(choice));
                        if (!string.IsNullOrEmpty(c)) choices.Add((c, Native.TessChoiceIteratorConfidence(choice) / 100.0));
                    }
                    while (Native.TessChoiceIteratorNext(choice) != 0);
                }
                finally
                {
                    Native.TessChoiceIteratorDelete(choice);
                }
            }
            symbols.Add(new OcrSymbol(text, Native.TessResultIteratorConfidence(iterator, Native.LevelSymbol) / 100.0, choices));
        });
        return symbols;
    }

    /// <summary>Visits each symbol of the last recognition in reading order: the result iterator, its page iterator, its text.</summary>
    private void EachSymbol(Action<IntPtr, IntPtr, string> visit)
    {
        var iterator = Native.TessBaseAPIGetIterator(_handle);
        if (iterator == IntPtr.Zero) return;
        try
        {
            var page = Native.TessResultIteratorGetPageIterator(iterator);
            do
            {
                var textPtr = Native.TessResultIteratorGetUTF8Text(iterator, Native.LevelSymbol);
                if (textPtr == IntPtr.Zero) continue;
                var text = Marshal.PtrToStringUTF8(textPtr) ?? "";
                Native.TessDeleteText(textPtr);
                visit(iterator, page, text);
            }
            while (Native.TessPageIteratorNext(page, Native.LevelSymbol) != 0);
        }
        finally
        {
            Native.TessResultIteratorDelete(iterator);
        }
    }

    public void Dispose()
    {
        if (_handle == IntPtr.Zero) return;
        Native.TessBaseAPIEnd(_handle);
        Native.TessBaseAPIDelete(_handle);
        Native.TessMonitorDelete(_monitor);
        _handle = IntPtr.Zero;
        _monitor = IntPtr.Zero;
    }
}
