using System.Collections.Immutable;

namespace PerformanceEval.Provenance;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>A repair or a guess: the value is usable, a reviewer may want to look.</summary>
    Warning,
    /// <summary>Something could not be read at all.</summary>
    Error,
}

/// <summary>
/// Something a stage noticed about its input: a repaired cell, a guessed column, a part that could not be read.
/// Codes are stable (<c>grid.row-shifted</c>) so that tools and tests can key on them.
/// </summary>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, SourceRef? Source)
{
    /// <summary>The diagnostic as one line of a form's <c>warnings</c>.</summary>
    public string ToWarning() => Source is null ? $"{Code}: {Message}" : $"{Code}: {Message} ({Source.Describe()})";
}

/// <summary>A stage's output: the value plus what the stage noticed. Stages never throw for bad input.</summary>
public sealed record StageResult<T>(T Value, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>A result with no diagnostics.</summary>
    public static StageResult<T> Ok(T value) => new(value, ImmutableArray<Diagnostic>.Empty);
}

/// <summary>Thrown by <c>--strict</c> runs where a diagnostic would otherwise only be recorded.</summary>
public sealed class StrictModeException(Diagnostic diagnostic) : Exception(diagnostic.ToWarning())
{
    /// <summary>The diagnostic that stopped the run.</summary>
    public Diagnostic Diagnostic { get; } = diagnostic;
}
