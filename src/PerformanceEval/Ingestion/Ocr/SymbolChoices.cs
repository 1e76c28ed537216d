using System.Collections.Immutable;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>One recognized symbol with the engine's choices for it (its own reading among them), confidences 0–1.</summary>
internal sealed record OcrSymbol(string Text, double Confidence, IReadOnlyList<(string Text, double Confidence)> Choices);

/// <summary>
/// Other readings of a cell from the engine's own per-symbol alternatives. Only symbols the engine was unsure of are
/// varied, only with alternatives it gave a real weight, and only a few at once: these are candidates for the
/// form's relations to choose among, never readings made up here.
/// </summary>
internal static class SymbolChoices
{
    /// <summary>A symbol read at or above this is not varied.</summary>
    public const double SureAbove = 0.90;

    /// <summary>An alternative below this is noise, not a reading.</summary>
    private const double AlternativeFloor = 0.05;

    private const int MaxUnsureSymbols = 2;
    private const int MaxReadings = 6;

    /// <summary>
    /// A symbol the engine was unsure of: read below <see cref="SureAbove"/> with any real alternative, or with a
    /// runner-up at least half as likely as its best choice (chi_sim reads 7 as 了 at 0.90 and offers 7 at 0.82).
    /// </summary>
    private static bool Unsure(OcrSymbol s)
    {
        var others = s.Choices.Where(c => c.Text != s.Text).ToList();
        var best = s.Choices.Select(c => c.Confidence).DefaultIfEmpty(0).Max();
        return others.Any(c => c.Confidence >= AlternativeFloor) && (s.Confidence < SureAbove || others.Any(c => c.Confidence >= best * 0.5));
    }

    public static ImmutableArray<string> Readings(IReadOnlyList<OcrSymbol> symbols)
    {
        var text = string.Concat(symbols.Select(s => s.Text));
        var unsure = symbols.Select((s, i) => (s, i)).Where(x => Unsure(x.s))
            .OrderBy(x => x.s.Confidence).Take(MaxUnsureSymbols).ToList();
        if (unsure.Count == 0) return [];
        var readings = new List<(string[] Symbols, double Weight)> { ([.. symbols.Select(s => s.Text)], 1.0) };
        foreach (var (symbol, index) in unsure)
        {
            var options = symbol.Choices.Where(c => c.Confidence >= AlternativeFloor).GroupBy(c => c.Text).Select(g => g.OrderByDescending(c => c.Confidence).First()).ToList();
            readings = [.. readings.SelectMany(r => options.Select(o =>
            {
                var next = (string[])r.Symbols.Clone();
                next[index] = o.Text;
                return (next, r.Weight * o.Confidence);
            }))];
        }
        return [.. readings.OrderByDescending(r => r.Weight).Select(r => string.Concat(r.Symbols)).Where(r => r != text).Distinct().Take(MaxReadings)];
    }
}
