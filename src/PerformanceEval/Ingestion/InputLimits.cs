using PerformanceEval.Diagnostics;

namespace PerformanceEval.Ingestion;

/// <summary>
/// What one input may hold before it is refused rather than read: the bounds that keep a worker's memory under
/// 1 GB whatever an archive holds (a decompression bomb, a 50,000-column table, a 100 MB line). Each refusal is
/// the file's recorded failure with its reason; pipeline.json's <c>limits</c> section moves the bounds.
/// </summary>
/// <param name="MaxFileBytes">Any input file (default 512 MiB): larger files are not read into memory.</param>
/// <param name="MaxTextBytes">
/// An HTML or UTF-16 text file, read whole (default 8 MiB), and the most one section of a larger text dump grows to
/// while its one form has not ended.
/// </param>
/// <param name="TextSectionBytes">
/// A text dump larger than this (default 1 MiB, some 180 forms) is read in sections of about this size, each cut at a
/// line and its forms handed on, so a worker's memory does not grow with the file (300 MB for any size).
/// </param>
/// <param name="MaxLineChars">One line of a text dump (default 200,000 characters; a form's longest line is a few hundred).</param>
/// <param name="MaxPixelsPerPage">One page image (default 100 million pixels: A3 at 600 dpi is 70 million), checked from the header before decoding.</param>
/// <param name="MaxPagesPerDocument">Pages of one TIFF or scanned PDF (default 1,000).</param>
/// <param name="MaxTableCells">Cells of the HTML tables of one file (default 200,000).</param>
/// <param name="MaxTableColumns">Columns of one HTML table row, spans counted (default 1,000).</param>
/// <param name="MaxTableNesting">Tables nested in tables (default 16).</param>
public sealed record InputLimits(
    long MaxFileBytes = 512L << 20,
    long MaxTextBytes = 8L << 20,
    long TextSectionBytes = 1L << 20,
    int MaxLineChars = 200_000,
    long MaxPixelsPerPage = 100_000_000,
    int MaxPagesPerDocument = 1_000,
    int MaxTableCells = 200_000,
    int MaxTableColumns = 1_000,
    int MaxTableNesting = 16)
{
    public static InputLimits Default { get; } = new();

    /// <summary>The most one section of a text dump grows to while its one form has not ended.</summary>
    public long MaxSectionBytes => Math.Max(MaxTextBytes, TextSectionBytes);

    /// <summary>Rejects bounds no run could use, naming the setting.</summary>
    public void Validate()
    {
        if (MaxFileBytes < 1024 || MaxTextBytes < 1024 || MaxTextBytes > MaxFileBytes)
            throw new ArgumentException("pipeline.json: limits.maxFileBytes and limits.maxTextBytes must be at least 1024, maxTextBytes no more than maxFileBytes");
        if (TextSectionBytes < 65536)
            throw new ArgumentException("pipeline.json: limits.textSectionBytes must be at least 65536");
        if (MaxLineChars < 1000) throw new ArgumentException("pipeline.json: limits.maxLineChars must be at least 1000");
        if (MaxPixelsPerPage < 1_000_000) throw new ArgumentException("pipeline.json: limits.maxPixelsPerPage must be at least 1000000");
        if (MaxPagesPerDocument < 1) throw new ArgumentException("pipeline.json: limits.maxPagesPerDocument must be at least 1");
        if (MaxTableCells < 100 || MaxTableColumns < 10 || MaxTableNesting < 1)
            throw new ArgumentException("pipeline.json: limits.maxTableCells must be at least 100, maxTableColumns at least 10, maxTableNesting at least 1");
    }
}

/// <summary>An input beyond one of the <see cref="InputLimits"/>: the reader turns it into the file's failure.</summary>
public sealed class InputLimitException(DiagnosticCode code, string message) : Exception(message)
{
    public DiagnosticCode Code { get; } = code;
}
