using System.Text.RegularExpressions;

namespace PerformanceEval.Templates;

/// <summary>The few fixed phrasings every template prints: the year "2021年度", the unit "(元)" / "（万元）".</summary>
internal static partial class FormPatterns
{
    /// <summary>The year of "(2021 年度)" or "2020年度…", from compacted text; null when none.</summary>
    public static int? YearIn(string compact) =>
        Year().Match(compact) is { Success: true } m ? int.Parse(m.Groups[1].Value) : null;

    /// <summary>
    /// The year of a row above a form's table: "(2021 年度)" anywhere, or a row that begins with the year and an
    /// ideograph — a scanned title whose 度 or 年 OCR garbled ("2021年虔!)", "2021千虞朵必项目…"). Only for rows before any
    /// field of the form is read, where no date is printed (a date has no ideograph after its year: "2021-06-09").
    /// </summary>
    public static int? HeadYearIn(string compact) =>
        YearIn(compact) ?? (HeadYear().Match(compact) is { Success: true } m ? int.Parse(m.Groups[1].Value) : null);

    [GeneratedRegex(@"^[^\d]{0,2}((?:19|20)\d{2})\s*\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HeadYear();

    /// <summary>元 or 万元 from "(元)", "（万元）" anywhere in compacted text; null when none.</summary>
    public static string? CurrencyIn(string compact) =>
        Currency().Match(compact) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>
    /// A figure as a target or an actual prints it: with a comparator, a % or a unit of the template (=55人, >=95%, 100%,
    /// 12次). A plain number is not one (it may be an amount or a 分值), nor a name that holds digits (12345热线办结率).
    /// </summary>
    public static bool IsMeasure(string? text, IReadOnlyCollection<string> units) =>
        TextCleaner.Clean(text) is { } t && t.Any(char.IsDigit) &&
        (t.AsSpan().IndexOfAny("<>=≥≤%") >= 0 || units.Any(u => t.EndsWith(u, StringComparison.Ordinal)));

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
