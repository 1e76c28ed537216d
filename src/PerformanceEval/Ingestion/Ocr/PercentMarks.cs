namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// A "%" the engine read as "9%": the sign's upper ring taken for a 9 and the whole sign for a "%" again ("=100%" read
/// "=1009%", "≥95%" "≥959%", "92.5%" "92.59%": 27 of the tuning scans' crops, every "9%" among them). The engine's own
/// boxes say so: the 9's box lies inside the %'s, which begins a few pixels into it, where a 9 printed before a % ends
/// before the sign begins. Such a 9 is dropped; a "9%" whose boxes lie apart, or a text whose "9%"s the symbols do not
/// match one for one, is left as read. The reading a cell ends with is mended so, not the one the figure re-reads weigh
/// (their rules were set by what the engine reads: chi_sim's "≥80%" at 0.46 and the digits' "≥80%" at 0.91 agree, and
/// the unsure cell is read once more from a despeckled crop, which lost the "≥" — where "≥809%" had been replaced).
/// </summary>
internal static class PercentMarks
{
    /// <summary>How much of the 9's width the %'s box must cover for the 9 to be part of it.</summary>
    private const double Inside = 0.4;

    /// <summary>
    /// For each "9%" of <paramref name="text"/> in turn, whether the engine's boxes put the 9 inside the sign's; empty
    /// where the symbols' 9-then-% pairs are not the text's "9%"s one for one, or none of them is one sign.
    /// </summary>
    public static System.Collections.Immutable.ImmutableArray<bool> Nines(string text, IReadOnlyList<BoxedSymbol> symbols)
    {
        var pairs = new List<bool>();
        for (var i = 0; i + 1 < symbols.Count; i++)
            if (symbols[i].Text == "9" && symbols[i + 1].Text == "%")
            {
                var (nine, percent) = (symbols[i], symbols[i + 1]);
                var overlap = Math.Min(nine.Right, percent.Right) - Math.Max(nine.Left, percent.Left);
                pairs.Add(percent.Left > nine.Left && overlap >= Inside * (nine.Right - nine.Left));
            }
        return pairs.Count == Occurrences(text).Count && pairs.Contains(true) ? [.. pairs] : [];
    }

    /// <summary>
    /// The text with each "9%" that <paramref name="nines"/> says is one sign as "%"; as it is where its "9%"s are no
    /// longer as many as when the engine read it (the reading was changed since).
    /// </summary>
    public static string Restore(string text, System.Collections.Immutable.ImmutableArray<bool> nines)
    {
        if (nines.IsDefaultOrEmpty) return text;
        var at = Occurrences(text);
        if (at.Count != nines.Length) return text;
        // Last to first, so that each position still points where it did.
        for (var n = at.Count - 1; n >= 0; n--)
            if (nines[n]) text = text.Remove(at[n], 1);
        return text;
    }

    private static List<int> Occurrences(string text)
    {
        var at = new List<int>();
        for (var k = text.IndexOf("9%", StringComparison.Ordinal); k >= 0; k = text.IndexOf("9%", k + 1, StringComparison.Ordinal)) at.Add(k);
        return at;
    }
}
