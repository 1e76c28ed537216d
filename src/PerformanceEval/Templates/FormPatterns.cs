using System.Text.RegularExpressions;

namespace PerformanceEval.Templates;

/// <summary>The few fixed phrasings every template prints: the year "2021年度", the unit "(元)" / "（万元）".</summary>
internal static partial class FormPatterns
{
    /// <summary>The year of "(2021 年度)" or "2020年度…", from compacted text; null when none.</summary>
    public static int? YearIn(string compact) =>
        Year().Match(compact) is { Success: true } m ? int.Parse(m.Groups[1].Value) : null;

    /// <summary>元 or 万元 from "(元)", "（万元）" anywhere in compacted text; null when none.</summary>
    public static string? CurrencyIn(string compact) =>
        Currency().Match(compact) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>True when a cell is nothing but the unit note, "(元)" or "（万元）" (a header wraps it onto a line of its own).</summary>
    public static bool IsCurrencyNote(string? text) =>
        TextCleaner.Compact(text) is { Length: > 0 and <= 5 } compact && CurrencyNote().IsMatch(compact);

    [GeneratedRegex(@"^[(（](万元|元)[)）]$")]
    private static partial Regex CurrencyNote();

    [GeneratedRegex(@"((?:19|20)\d{2})年度")]
    private static partial Regex Year();

    [GeneratedRegex(@"[(（](万元|元)[)）]")]
    private static partial Regex Currency();
}
