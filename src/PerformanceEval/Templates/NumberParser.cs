using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PerformanceEval.Templates;

/// <summary>A number as printed: its value (with the printed scale kept) and whether a % followed it.</summary>
public readonly record struct PrintedNumber(decimal Value, bool Percent);

/// <summary>
/// Parses the numbers forms print: "21,252,800.00", "1.960.000.00" (OCR read the commas as dots), "83.15%",
/// "8.3150000000000001" (a binary float written out by a spreadsheet), full-width digits. The decimal keeps the
/// printed scale — "7.30" stays 7.30 — because the checker needs the printed precision.
/// </summary>
public static partial class NumberParser
{
    /// <summary>Placeholders forms print for "none".</summary>
    public static bool IsPlaceholder(string? text) =>
        text is not null && PlaceholderPattern().IsMatch(text.Trim());

    /// <summary>Parses a whole cell as one number; false for anything else ("=100%", "100%修复", "及时").</summary>
    public static bool TryParse(string? text, out PrintedNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        // Most cells asked are words: an ideograph (which no normalization turns into a digit) ends it at once.
        if (text.AsSpan().ContainsAnyInRange('\u4E00', '\u9FFF')) return false;
        // A circled number (①, ⑵, ㉑) is a clause's mark in a 评分规则, never a figure: folded it would read as one.
        if (text.AsSpan().ContainsAnyInRange('\u2460', '\u24FF') || text.AsSpan().ContainsAnyInRange('\u2776', '\u2793') ||
            text.AsSpan().ContainsAnyInRange('\u3251', '\u325F') || text.AsSpan().ContainsAnyInRange('\u32B1', '\u32BF'))
            return false;
        // A figure printed plainly ("1234.50", "-3", "98.5%"): nothing below would change it but the parse.
        if (IsPlainFigure(text)) return TryParsePlain(text.EndsWith('%') ? text[..^1] : text, text.EndsWith('%'), out number);
        var s = TextCleaner.FoldDigits(TextCleaner.Nfkc(text)).Replace(" ", "").Replace("，", ",");
        var percent = s.EndsWith('%');
        if (percent) s = s[..^1];
        if (s.Length == 0) return false;
        if (Grouped().IsMatch(s)) s = s.Replace(",", "");
        else if (DotGrouped().IsMatch(s))
        {
            // "1.960.000.00": every dot but the last is a misread thousands comma.
            var last = s.LastIndexOf('.');
            s = s[..last].Replace(".", "") + s[last..];
        }
        if (!Plain().IsMatch(s)) return false;
        return TryParsePlain(s, percent, out number);
    }

    private static bool TryParsePlain(string s, bool percent, out PrintedNumber number)
    {
        number = default;
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return false;
        // Beyond any figure a form can hold (a district's budget is under 10^12 yuan): a misread or a corrupted cell,
        // left unread with its warning rather than summed into an overflow by the checker.
        if (Math.Abs(value) >= Largest) return false;
        number = new PrintedNumber(StripFloatNoise(value), percent);
        return true;
    }

    /// <summary>
    /// <c>-?\d+(\.\d+)?%?</c> in ASCII, by one scan: most figure cells are printed so, and for them the folding,
    /// the unglueing of thousands and the patterns above change nothing.
    /// </summary>
    private static bool IsPlainFigure(string text)
    {
        var span = text.AsSpan();
        if (span.EndsWith("%")) span = span[..^1];
        if (span.StartsWith("-")) span = span[1..];
        var dot = span.IndexOf('.');
        var whole = dot < 0 ? span : span[..dot];
        var fraction = dot < 0 ? "1" : span[(dot + 1)..];
        return whole.Length > 0 && fraction.Length > 0 && !whole.ContainsAnyExceptInRange('0', '9') && !fraction.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>The largest magnitude read as a figure; the contract's numbers and the checker's sums stay exact below it.</summary>
    public const decimal Largest = 1_000_000_000_000_000m;

    /// <summary>
    /// "8.3150000000000001" is 8.315 written through a double: past 6 decimals no form prints real digits,
    /// so round to 10 places and drop the trailing zeros, leaving the precision the author meant.
    /// </summary>
    public static decimal StripFloatNoise(decimal value)
    {
        if (value.Scale <= 6) return value;
        var rounded = Math.Round(value, 10, MidpointRounding.AwayFromZero);
        return rounded / 1.0000000000000000000000000000m;
    }

    [GeneratedRegex(@"^[—–\-_－/\\]{1,3}$")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"^-?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+\.\d{2}$")]
    private static partial Regex DotGrouped();

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex Plain();
}
