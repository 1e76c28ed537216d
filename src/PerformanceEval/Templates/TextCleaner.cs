using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PerformanceEval.Templates;

/// <summary>
/// Turns a raw cell into the words as printed: inline HTML (&lt;br&gt;, &lt;sup&gt;, &lt;b&gt;, &lt;p&gt;) and entities
/// gone, OCR line breaks joined, and stray spaces inside Chinese text removed ("社会效益 指标" → "社会效益指标").
/// Spaces between two Latin words or numbers stay.
/// </summary>
public static partial class TextCleaner
{
    /// <summary>The cleaned text, or null when nothing is left.</summary>
    public static string? Clean(string? raw)
    {
        // A cell with none of the characters any step below changes is already clean: one scan instead of nine passes,
        // and no copy. Most cells of a text dump are such cells; the others' results are remembered a while.
        if (raw is { Length: > 0 } && IsClean(raw)) return raw;
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var recent = _recent ??= new RecentResults<string?>();
        return recent.TryGet(raw, out var cleaned) ? cleaned : recent.Remember(raw, CleanSteps(raw));
    }

    /// <summary>This thread's last cells that needed cleaning, and what they gave.</summary>
    [ThreadStatic] private static RecentResults<string?>? _recent;

    private static string? CleanSteps(string raw)
    {
        // Each step only where its input can be: most cells hold no markup and no space, and a regex pass over
        // every cell of every form is what made this the hot path.
        var s = raw;
        if (s.Contains('<'))
        {
            s = LineBreakTag().Replace(s, "\n");
            s = AnyTag().Replace(s, "");
        }
        s = WebUtility.HtmlDecode(s);
        s = s.Replace('\u3000', ' ').Replace('\u00A0', ' ').Replace('\r', '\n');
        s = FoldRadicals(s);
        s = FoldDigits(s);
        s = JoinLines(s);
        if (s.AsSpan().ContainsAny(Whitespace)) s = CollapseSpaces(s);
        return s.Length == 0 ? null : s;
    }

    /// <summary>
    /// Drops every run of spaces and tabs that touches a CJK character ("社会效益 指标"), turns every other run of
    /// whitespace into one space, and trims. One scan of the characters (it was two regex passes per cell).
    /// </summary>
    internal static string CollapseSpaces(string s)
    {
        Span<char> buffer = s.Length <= 512 ? stackalloc char[s.Length] : new char[s.Length];
        var n = 0;
        var pendingSpace = false;
        for (var i = 0; i < s.Length;)
        {
            if (s[i] is ' ' or '\t')
            {
                var end = i;
                while (end < s.Length && s[end] is ' ' or '\t') end++;
                var touchesCjk = i > 0 && IsCjk(s[i - 1]) || end < s.Length && IsCjk(s[end]);
                if (!touchesCjk) pendingSpace = true;
                i = end;
                continue;
            }
            if (char.IsWhiteSpace(s[i]))
            {
                pendingSpace = true;
                i++;
                continue;
            }
            // Leading whitespace is trimmed; a run between two characters is one space.
            if (pendingSpace && n > 0) buffer[n++] = ' ';
            pendingSpace = false;
            buffer[n++] = s[i++];
        }
        return buffer[..n].SequenceEqual(s) ? s : new string(buffer[..n]);
    }

    /// <summary>Every character <c>\s</c> matches (char.IsWhiteSpace): a cell with none needs no space handling.</summary>
    private static readonly System.Buffers.SearchValues<char> Whitespace =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(char.IsWhiteSpace)]);

    /// <summary>
    /// The characters some step of <see cref="Clean"/> acts on: whitespace (line breaks, full-width and no-break
    /// spaces included), markup and entities, digits of other scripts, radicals and compatibility ideographs, and the
    /// ideographs of <see cref="SharedGlyphs"/>.
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> NeedsCleaning =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(c =>
            char.IsWhiteSpace(c) || c is '<' or '&' || (char.IsDigit(c) && c > '9') ||
            c is >= '\u2E80' and <= '\u2FDF' or >= '\uF900' and <= '\uFAFF' || c == '戶')]);

    /// <summary>
    /// True when no character of <paramref name="s"/> is in <see cref="NeedsCleaning"/>. Cells are short and mostly
    /// ASCII and CJK ideographs, which are settled by a comparison each; the set is asked only for the rest.
    /// </summary>
    private static bool IsClean(string s)
    {
        foreach (var c in s)
        {
            if (c < 0x80)
            {
                if (AsciiNeedsCleaning[c]) return false;
            }
            else if ((c is < '\u4E00' or > '\u9FFF' || c == '戶') && NeedsCleaning.Contains(c)) return false;
        }
        return true;
    }

    private static readonly bool[] AsciiNeedsCleaning = [.. Enumerable.Range(0, 0x80).Select(c => NeedsCleaning.Contains((char)c))];

    /// <summary>NFKC, skipped where it can change nothing (ASCII, or text ICU's quick check finds normalized already).</summary>
    public static string Nfkc(string s) =>
        System.Text.Ascii.IsValid(s) || s.IsNormalized(NormalizationForm.FormKC) ? s : s.Normalize(NormalizationForm.FormKC);

    /// <summary>How wide a text prints in a monospace dump: an ideograph or a full-width mark takes two columns.</summary>
    public static int DisplayWidth(string text) => text.Sum(c => IsCjk(c) || c > 0x2E80 ? 2 : 1);

    /// <summary>Cleans and then drops every space: the form used to compare labels.</summary>
    public static string Compact(string? raw) => (Clean(raw) ?? "").Replace(" ", "");

    /// <summary>
    /// The first line of a cell, cleaned, or "" (a funding label is its cell's first line where the figures were
    /// wrapped under it). Asked of every cell by several stages, so this thread's last answers are remembered.
    /// </summary>
    public static string FirstLine(string raw)
    {
        if (IsClean(raw)) return raw;
        var recent = _recentFirstLines ??= new RecentResults<string>();
        return recent.TryGet(raw, out var line) ? line : recent.Remember(raw, Lines(raw).FirstOrDefault() ?? "");
    }

    [ThreadStatic] private static RecentResults<string>? _recentFirstLines;

    /// <summary>Lines of a multi-line cell, each cleaned, empty ones dropped.</summary>
    public static IEnumerable<string> Lines(string raw)
    {
        // One line unless a line break or a tag that makes one stands in it.
        if (!raw.Contains('\n') && !raw.Contains('<')) return Clean(raw) is { } line ? [line] : [];
        var s = LineBreakTag().Replace(raw, "\n");
        return s.Split('\n').Select(Clean).OfType<string>();
    }

    /// <summary>
    /// Joins OCR line breaks: a wrap inside a cell is no word boundary, so nothing goes between the pieces
    /// ("完成率8" + "0%及以上") — except between two Latin letters, where a space keeps the words apart.
    /// </summary>
    private static string JoinLines(string s)
    {
        if (!s.Contains('\n')) return s;
        var sb = new StringBuilder(s.Length);
        foreach (var range in s.AsSpan().Split('\n'))
        {
            var part = s.AsSpan(range).Trim();
            if (part.IsEmpty) continue;
            if (sb.Length > 0 && IsLatin(sb[^1]) && IsLatin(part[0])) sb.Append(' ');
            sb.Append(part);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Radicals printed for ideographs: a font whose glyph for 目 is also the Kangxi radical ⽬ (U+2F6C), or for 门 the
    /// simplified radical ⻔ (U+2ED4), lets a PDF's text map name the radical, and text copied out of such a PDF
    /// (a viewer, a web mirror, a tool that ignores ActualText) carries it. Kangxi radicals and compatibility
    /// ideographs fold by Unicode's NFKC; the simplified radicals have no decomposition and fold by the table below.
    /// </summary>
    internal static string FoldRadicals(string s)
    {
        if (!s.AsSpan().ContainsAnyInRange('\u2E80', '\u2FDF') && !s.AsSpan().ContainsAnyInRange('\uF900', '\uFAFF') && !s.Contains('戶')) return s;
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (SimplifiedRadicals.TryGetValue(c, out var ideograph) || SharedGlyphs.TryGetValue(c, out ideograph)) sb.Append(ideograph);
            else if (c is >= '\u2F00' and <= '\u2FDF' or >= '\uF900' and <= '\uFAFF' or >= '\u2E80' and <= '\u2EFF')
                // (The Kangxi radical ⼾ folds to the traditional 戶: the shared glyph's simplified one is meant.)
                foreach (var folded in c.ToString().Normalize(NormalizationForm.FormKC))
                    sb.Append(SharedGlyphs.GetValueOrDefault(folded, folded));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Decimal digits of other scripts (Arabic-Indic ٢٠٢٣, Devanagari, full-width ２０２３) as ASCII: a form printed or
    /// OCR'd with them means the same year and figures, and every pattern and parser downstream reads ASCII.
    /// </summary>
    internal static string FoldDigits(string s)
    {
        var i = 0;
        while (i < s.Length && !(s[i] > '9' && char.IsDigit(s[i]))) i++;
        if (i == s.Length) return s;
        var chars = s.ToCharArray();
        for (; i < chars.Length; i++)
            if (chars[i] > '9' && char.IsDigit(chars[i])) chars[i] = (char)('0' + (int)char.GetNumericValue(chars[i]));
        return new string(chars);
    }

    /// <summary>
    /// Ideographs a simplified-Chinese font draws with the glyph of another, whose text map (read back from the font's
    /// character map, lowest code first) then names the traditional one: Chromium's PDFs in Noto Sans CJK SC name 户
    /// "戶" (U+6236) wherever no ActualText says otherwise, so PdfPig's words and any tool that ignores ActualText read
    /// "用戶". Only pairs seen in such text are listed; 戶 is no character of these simplified-Chinese forms.
    /// </summary>
    private static readonly Dictionary<char, char> SharedGlyphs = new() { ['戶'] = '户' };

    private static readonly Dictionary<char, char> SimplifiedRadicals = new()
    {
        ['⺰'] = '纟', ['⻅'] = '见', ['⻆'] = '角', ['⻈'] = '讠', ['⻉'] = '贝', ['⻋'] = '车', ['⻌'] = '辶', ['⻐'] = '钅',
        ['⻓'] = '长', ['⻔'] = '门', ['⻙'] = '韦', ['⻚'] = '页', ['⻛'] = '风', ['⻜'] = '飞', ['⻠'] = '饣', ['⻢'] = '马',
        ['⻥'] = '鱼', ['⻦'] = '鸟', ['⻧'] = '卤', ['⻨'] = '麦', ['⻩'] = '黄', ['⻪'] = '黾', ['⻬'] = '齐', ['⻮'] = '齿',
        ['⻰'] = '龙', ['⻳'] = '龟', ['⻘'] = '青', ['⻝'] = '食', ['⺠'] = '民', ['⻄'] = '西', ['⺟'] = '母',
    };

    private static bool IsLatin(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    /// <summary>True for CJK ideographs and CJK/full-width punctuation.</summary>
    public static bool IsCjk(char c) =>
        c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF' or '“' or '”' or '‘' or '’';

    [GeneratedRegex(@"<\s*(br|/p|p|/div|div|/tr|/li)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreakTag();

    [GeneratedRegex(@"<[^<>]{0,200}>")]
    private static partial Regex AnyTag();

}
