using PerformanceEval.Ingestion;

namespace PerformanceEval.Review;

/// <summary>One line of a text input, numbered as provenance numbers it (1-based, split on line feeds).</summary>
public sealed record SourceLine(int Number, string Text);

/// <summary>
/// The evidence of a text input: the lines around the one a field was read from, decoded the way ingestion decoded
/// them (UTF-8, UTF-16, GB18030), so the numbers match the provenance.
/// </summary>
public static class SourceLines
{
    public static IReadOnlyList<SourceLine> Around(byte[] bytes, int line, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (TextDecoder.Decode(bytes) is not { } decoded) return [];
        var lines = decoded.Text.Split('\n');
        var first = Math.Max(1, line - context);
        var last = Math.Min(lines.Length, line + context);
        return [.. Enumerable.Range(first, Math.Max(0, last - first + 1)).Select(n => new SourceLine(n, lines[n - 1].TrimEnd('\r')))];
    }
}
