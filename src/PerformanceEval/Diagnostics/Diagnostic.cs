using System.Collections.Immutable;
using PerformanceEval.Contract;
using PerformanceEval.Provenance;

namespace PerformanceEval.Diagnostics;

/// <summary>
/// Something a stage noticed about its input: a repaired cell, a guessed column, a part that could not be read.
/// Its <see cref="Code"/> comes from the catalogue (<see cref="DiagnosticCodes"/>), which also sets its severity;
/// <see cref="Message"/> says, in Chinese, what happened to which text.
/// </summary>
/// <param name="Code">The catalogue entry.</param>
/// <param name="Message">What happened to which text, one sentence (Chinese for what reaches a form).</param>
/// <param name="Source">Where: file, page, line, row, column, box.</param>
/// <param name="Field">The contract path of the one field concerned (<c>indicators[3].weight</c>), when there is one.</param>
public sealed record Diagnostic(DiagnosticCode Code, string Message, SourceRef? Source, string? Field = null)
{
    public DiagnosticSeverity Severity => Code.Severity;

    /// <summary>The diagnostic as an entry of a form's <c>warnings</c> (contract version 2).</summary>
    public Warning ToWarning() => new()
    {
        Code = Code.Id,
        Severity = Severity.ToContract(),
        Message = Message,
        Field = Field,
        Source = Source is { } s
            ? new WarningSource { Page = s.Page, Line = s.Line, Row = s.Row, Col = s.Col, Box = s.Box is { } b ? [b.X0, b.Y0, b.X1, b.Y1] : null }
            : null,
    };

    /// <summary>One line for logs and <c>--strict</c> errors: code, message and where.</summary>
    public override string ToString() => Source is null ? $"{Code.Id}: {Message}" : $"{Code.Id}: {Message} ({Source.Describe()})";
}

/// <summary>A stage's output: the value plus what the stage noticed. Stages never throw for bad input.</summary>
public sealed record StageResult<T>(T Value, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>A result with no diagnostics.</summary>
    public static StageResult<T> Ok(T value) => new(value, ImmutableArray<Diagnostic>.Empty);
}

/// <summary>Thrown by <c>--strict</c> runs where a diagnostic would otherwise only be recorded.</summary>
public sealed class StrictModeException(Diagnostic diagnostic) : Exception(diagnostic.ToString())
{
    /// <summary>The diagnostic that stopped the run.</summary>
    public Diagnostic Diagnostic { get; } = diagnostic;
}

/// <summary>A flood of one code (a damaged file can raise one per cell, a million times) reduced to what a reviewer can read.</summary>
public static class DiagnosticFlood
{
    /// <summary>Warnings of one code a form lists before the rest are counted in one more.</summary>
    public const int PerCode = 100;

    /// <summary>The first <see cref="PerCode"/> of each code, in order, and for each code beyond that one warning with the count.</summary>
    public static List<Diagnostic> Cap(IEnumerable<Diagnostic> diagnostics)
    {
        var kept = new List<Diagnostic>();
        var counts = new Dictionary<DiagnosticCode, int>();
        foreach (var d in diagnostics)
        {
            var n = counts[d.Code] = counts.GetValueOrDefault(d.Code) + 1;
            if (n <= PerCode) kept.Add(d);
        }
        foreach (var (code, n) in counts.Where(c => c.Value > PerCode))
            kept.Add(new Diagnostic(code, $"另有 {n - PerCode} 条同类警告（{code.Id}）未列出", null));
        return kept;
    }
}

/// <summary>Questions later stages ask of a form's warnings: by code, never by text.</summary>
public static class FormDiagnostics
{
    /// <summary>True when the form carries a warning with this code.</summary>
    public static bool Has(this CleanedForm form, DiagnosticCode code) =>
        form.Warnings.Any(w => string.Equals(w.Code, code.Id, StringComparison.Ordinal));

    /// <summary>True when the form carries a warning with any of these codes.</summary>
    public static bool HasAny(this CleanedForm form, IEnumerable<DiagnosticCode> codes) => codes.Any(form.Has);
}
