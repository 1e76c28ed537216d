namespace PerformanceEval.Ingestion.Ocr;

/// <summary>Which Tesseract to use: the library in process (the default, falling back to the CLI if it cannot load), or the CLI.</summary>
public enum OcrEngineKind { Auto, Library, Cli }

/// <summary>pipeline.json's <c>ocr</c> section.</summary>
/// <param name="Language">Tesseract language of the form's text (Debian's tesseract-ocr-chi-sim).</param>
/// <param name="TessdataPath">Folder of traineddata; null for the system's.</param>
/// <param name="PageSegmentationMode">Mode for cells of several lines and the text above the table (6: one block).</param>
/// <param name="RetryPageSegmentationMode">Mode of the one retry of a page that failed or timed out (4: a column of lines of any size, no block layout).</param>
/// <param name="PageTimeoutSeconds">Time one attempt at a page may take.</param>
/// <param name="Retries">Retries of a failed page, each with the retry mode.</param>
/// <param name="Engine">auto, library or cli.</param>
/// <param name="BreakAfterFailedPages">Pages failing in a row (within two minutes) after which OCR stops being tried for a while.</param>
/// <param name="BreakSeconds">How long OCR rests once the circuit opens; pages meanwhile fail at once, with the reason.</param>
public sealed record OcrSettings(
    string Language = "chi_sim",
    string? TessdataPath = null,
    int PageSegmentationMode = 6,
    int RetryPageSegmentationMode = 4,
    double PageTimeoutSeconds = 60,
    int Retries = 1,
    OcrEngineKind Engine = OcrEngineKind.Auto,
    int BreakAfterFailedPages = 4,
    double BreakSeconds = 60)
{
    public static OcrSettings Default { get; } = new();

    /// <summary>Rejects settings no run could use, naming the setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Language)) throw new ArgumentException("pipeline.json: ocr.language is empty");
        if (PageSegmentationMode is < 3 or > 13 || RetryPageSegmentationMode is < 3 or > 13)
            throw new ArgumentException("pipeline.json: ocr.pageSegmentationMode and ocr.retryPageSegmentationMode are Tesseract modes 3–13");
        if (PageTimeoutSeconds <= 0 || Retries < 0)
            throw new ArgumentException("pipeline.json: ocr.pageTimeoutSeconds must be above 0 and ocr.retries 0 or more");
        if (BreakAfterFailedPages < 2 || BreakSeconds <= 0)
            throw new ArgumentException("pipeline.json: ocr.breakAfterFailedPages must be 2 or more and ocr.breakSeconds above 0");
        if (TessdataPath is not null && !Directory.Exists(TessdataPath))
            throw new ArgumentException($"pipeline.json: ocr.tessdataPath '{TessdataPath}' is not a folder");
    }
}
