namespace PerformanceEval.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is; the contract's <c>severity</c> (error, warning, info).</summary>
public enum DiagnosticSeverity
{
    /// <summary>A repair or a guess: the value is usable, a reviewer may want to look.</summary>
    Warning,
    /// <summary>Something could not be read at all; on a file, the file failed.</summary>
    Error,
    /// <summary>Noted for the record; nothing for a reviewer to do.</summary>
    Info,
}

/// <summary>The stage that raises a code (one of the folders of <c>src/PerformanceEval</c>).</summary>
public enum DiagnosticStage
{
    Ingestion,
    Tables,
    Normalization,
    Checking,
    Pipeline,
}

/// <summary>
/// One entry of the catalogue (<see cref="DiagnosticCodes"/>): a stable id that tools, the store and tests key on,
/// its severity, the stage that raises it, what it means and what a reviewer should do, both in Chinese — the
/// reviewers' language, as AngleSharp's parse-error catalogue describes each of its codes.
/// </summary>
/// <param name="Id">The contract's <c>code</c>: <c>grid.row-lost</c>.</param>
/// <param name="Severity">How serious it is wherever it is raised.</param>
/// <param name="Stage">The stage that raises it.</param>
/// <param name="Meaning">What happened, one sentence (Chinese).</param>
/// <param name="Action">What a reviewer should do about it (Chinese).</param>
public sealed record DiagnosticCode(string Id, DiagnosticSeverity Severity, DiagnosticStage Stage, string Meaning, string Action)
{
    public override string ToString() => Id;
}

public static class DiagnosticSeverityNames
{
    /// <summary>The contract spelling: error, warning, info.</summary>
    public static string ToContract(this DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };
}

/// <summary>The catalogue as a reviewer's reference page (<c>docs/diagnostics.md</c>, <c>perfeval diagnostics</c>).</summary>
public static class DiagnosticCatalogue
{
    public static string ToMarkdown()
    {
        var md = new System.Text.StringBuilder();
        md.Append("# Diagnostics catalogue\n\n")
          .Append("Every code a form's `warnings` (or a failed file's reason) can carry, generated from\n")
          .Append("`src/PerformanceEval/Diagnostics/DiagnosticCodes.cs` by `perfeval diagnostics` (a test fails when this page is stale).\n")
          .Append("`error`: the file failed and has no forms; `warning`: a figure or text was repaired, guessed or left unread.\n");
        foreach (var stage in Enum.GetValues<DiagnosticStage>())
        {
            var codes = DiagnosticCodes.All.Where(c => c.Stage == stage).ToList();
            if (codes.Count == 0) continue;
            md.Append($"\n## {stage}\n\n| code | severity | 含义 | 审核人应当 |\n|---|---|---|---|\n");
            foreach (var c in codes) md.Append($"| `{c.Id}` | {c.Severity.ToContract()} | {c.Meaning} | {c.Action} |\n");
        }
        return md.ToString();
    }
}
