using PerformanceEval.Diagnostics;
using PerformanceEval.Provenance;

namespace PerformanceEval.Ingestion;

/// <summary>What the readers of external-tool formats (PDF, images) share.</summary>
internal static class ReaderSupport
{
    /// <summary>The file to hand a tool: the input's own path, or a temporary copy of bytes read elsewhere.</summary>
    public static (string Path, string? Temp) FileFor(SourceDocument document, string extension)
    {
        if (File.Exists(document.Path)) return (document.Path, null);
        var temp = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"perfeval-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(temp, document.Bytes);
        return (temp, temp);
    }

    public static SourceRef FileRef(SourceDocument document) =>
        SourceRef.ForFile(document.Path, document.Sha256);

    /// <summary>A failed read: no rows, one error diagnostic that names the file.</summary>
    public static StageResult<IngestedDocument> Fail(SourceDocument document, InputKind kind, DiagnosticCode code, string message) =>
        new(new IngestedDocument(document, kind, []), [new Diagnostic(code, message, FileRef(document))]);
}
