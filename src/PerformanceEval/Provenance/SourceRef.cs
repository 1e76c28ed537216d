namespace PerformanceEval.Provenance;

/// <summary>Where a piece of text was read: the first link of the chain from a finding back to the source.</summary>
/// <param name="Path">The input path as given on the command line.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the input file.</param>
/// <param name="Page">1-based page, or null for text inputs.</param>
/// <param name="Line">1-based line of a text input, or null.</param>
/// <param name="Row">Row in the grid the cell sits in (0-based, in the reconstructed form grid once known).</param>
/// <param name="Col">Column in that grid (0-based).</param>
/// <param name="Box">Geometry on the page, or null for text inputs.</param>
/// <param name="Text">The raw cell text before any cleaning.</param>
/// <param name="Confidence">OCR confidence 0–1, or null when no OCR was involved.</param>
public sealed record SourceRef(
    string Path,
    string Sha256,
    int? Page,
    int? Line,
    int? Row,
    int? Col,
    Box? Box,
    string Text,
    double? Confidence)
{
    /// <summary>The whole file, no place inside it (what a file-level diagnostic points at).</summary>
    public static SourceRef ForFile(string path, string sha256) => new(path, sha256, null, null, null, null, null, "", null);

    /// <summary>One page of a file, no cell on it.</summary>
    public static SourceRef ForPage(string path, string sha256, int page) => new(path, sha256, page, null, null, null, null, "", null);

    /// <summary>Other readings the OCR engine itself offered for an unsure figure cell (its alternative symbols).</summary>
    public System.Collections.Immutable.ImmutableArray<string> Alternatives { get; init; } = [];

    /// <summary>A short human-readable location: "file.txt:78 r12 c4".</summary>
    public string Describe() =>
        $"{System.IO.Path.GetFileName(Path)}{(Page is { } p ? $" p{p}" : "")}{(Line is { } l ? $":{l}" : "")}" +
        $"{(Row is { } r ? $" r{r}" : "")}{(Col is { } c ? $" c{c}" : "")}";
}
