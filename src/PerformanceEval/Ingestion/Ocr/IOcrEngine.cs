using PerformanceEval.Raster;
namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// One region of a page to read, in pixels, with the mode and an optional character whitelist; with
/// <paramref name="Choices"/> the engine also gives its alternative readings where it was unsure of a symbol.
/// </summary>
internal readonly record struct OcrRequest(int X0, int Y0, int X1, int Y1, int PageSegMode, string? Whitelist = null, bool Choices = false)
{
    /// <summary>Clear the crop of specks first (dust beside a figure reads as a character of it).</summary>
    public bool Despeckle { get; init; }

    /// <summary>Make the crop black and white at this level first (a thin grey figure the engine's own threshold loses).</summary>
    public byte? Threshold { get; init; }

    /// <summary>
    /// Scale the crop by this factor last, after its own enlargement of small print: chi_sim reads nothing at all of some
    /// clean lines at one size ("受众满意度" at 38 px) and all of them at three quarters of it.
    /// </summary>
    public double? Scale { get; init; }
}

/// <summary>
/// When an attempt at a page must end: the resilience pipeline's token, the instant it fires, and the clock that
/// instant is read on — the OCR service's, so a test runs the deadline on a fake clock instead of waiting.
/// </summary>
internal readonly record struct OcrDeadline(CancellationToken Cancel, DateTime UtcEnd, TimeProvider? Clock = null)
{
    public static OcrDeadline None => new(CancellationToken.None, DateTime.MaxValue);

    private DateTime Now => (Clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    public int RemainingMilliseconds => UtcEnd == DateTime.MaxValue ? int.MaxValue
        : (int)Math.Clamp((UtcEnd - Now).TotalMilliseconds, 0, int.MaxValue);

    /// <summary>Throws when the attempt is out of time: the pipeline's timeout turns it into a retry or a failure.</summary>
    public void ThrowIfPassed()
    {
        Cancel.ThrowIfCancellationRequested();
        if (Now >= UtcEnd) throw new Polly.Timeout.TimeoutRejectedException("the page's OCR time is up");
    }
}

/// <summary>The engine failed on a page (not a timeout): worth one retry with another mode, and counted by the circuit.</summary>
public sealed class OcrEngineException(string message) : Exception(message);

/// <summary>
/// Tesseract behind one shape: the library in process (<see cref="OcrEngine"/>) or the CLI (<see cref="CliOcrEngine"/>),
/// reading many regions of one page image in one call — the CLI reads them in one process.
/// </summary>
internal interface IOcrEngine
{
    IReadOnlyList<OcrText> ReadAll(Raster.GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline);
}
