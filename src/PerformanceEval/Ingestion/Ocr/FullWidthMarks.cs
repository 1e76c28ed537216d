namespace PerformanceEval.Ingestion.Ocr;

/// <summary>A symbol the engine read, with its box in the crop's pixels.</summary>
internal sealed record BoxedSymbol(string Text, int Left, int Top, int Right, int Bottom)
{
    public int Height => Bottom - Top;
}

/// <summary>
/// Full-width parentheses, semicolons and colons told from half-width ones by where the ink stands. chi_sim reads "（"
/// and "(" alike as "(" (and "；" as ";"), though a form prints either (项目名称 "…服务费（第二年）" and "…专项经费(抄告单【2021】139)" both
/// occur): the text cannot tell them, the page can. A full-width mark fills a whole em of the line, its ink at one side
/// of it ("（" at the right, "）", "；" and "：" at the left), so the blank on that side is half an em wider than the
/// gap between two ideographs of the line; a half-width mark sits between its neighbours with ordinary gaps. A bracket
/// with no neighbour on its open side reads as its partner does; any other such mark, or any in a line of too few
/// ideographs to measure the em by, is left as read. (Commas are left as read: the boxes the engine gives a comma
/// overlap the character after it on the print shop's scans, and measure nothing.)
/// </summary>
internal static partial class FullWidthMarks
{
    /// <summary>How much wider than the line's ideograph gap the open side of a full-width mark is, in ems.</summary>
    private const double OpenSide = 0.3;

    public static string Restore(string text, IReadOnlyList<BoxedSymbol> symbols)
    {
        if (text.IndexOfAny([.. Marks]) < 0 || symbols.Count < 3) return text;
        // The engine's own full-width reading ("（" it did see) is as good as a measure: its partner follows it.
        static char Half(char c) => c switch { '（' => '(', '）' => ')', '；' => ';', '：' => ':', _ => c };
        var ideographs = symbols.Where(s => IsIdeograph(s.Text)).ToList();
        if (ideographs.Count < 2) return text;
        var em = Median(ideographs.Select(s => (double)Math.Max(s.Height, s.Right - s.Left)));
        if (em <= 0) return text;
        // The ordinary gap: between two ideographs side by side on one line.
        var gaps = new List<double>();
        for (var i = 1; i < symbols.Count; i++)
            if (IsIdeograph(symbols[i - 1].Text) && IsIdeograph(symbols[i].Text) && SameLine(symbols[i - 1], symbols[i]) &&
                symbols[i].Left - symbols[i - 1].Right is var g && g >= 0 && g < em)
                gaps.Add(g);
        var gap = gaps.Count > 0 ? Median(gaps) : 0.1 * em;
        // Each mark's reading where its open side can be measured: wide, half-width, or unknown (no neighbour there).
        var marks = new List<(char Mark, bool? Wide)>();
        for (var i = 0; i < symbols.Count; i++)
        {
            if (symbols[i].Text.Length != 1 || !Marks.Contains(symbols[i].Text[0]) && !WideMarks.Contains(symbols[i].Text[0])) continue;
            if (WideMarks.Contains(symbols[i].Text[0]))
            {
                marks.Add((Half(symbols[i].Text[0]), true));
                continue;
            }
            var mark = symbols[i].Text[0];
            double? open = mark == '('
                ? i > 0 && SameLine(symbols[i - 1], symbols[i]) ? symbols[i].Left - symbols[i - 1].Right : null
                : i + 1 < symbols.Count && SameLine(symbols[i], symbols[i + 1]) ? symbols[i + 1].Left - symbols[i].Right : null;
            marks.Add((mark, open is { } o ? o - gap >= OpenSide * em : null));
        }
        // A bracket printed one way closes the same way, and "（" shows it best (the blank before it is all its own; a
        // "）" may be set close to a circled ② after it): a "）" takes its "（"'s reading where that was measured, and a "（"
        // with nothing before it its "）"'s.
        var stack = new Stack<int>();
        for (var k = 0; k < marks.Count; k++)
        {
            if (marks[k].Mark == '(') stack.Push(k);
            else if (marks[k].Mark == ')' && stack.Count > 0)
            {
                var open = stack.Pop();
                if (marks[open].Wide is not null) marks[k] = marks[k] with { Wide = marks[open].Wide };
                else marks[open] = marks[open] with { Wide = marks[k].Wide };
            }
        }
        // The k-th mark of the symbols is the k-th of the text; counts that differ leave the text as read.
        var inText = text.Where(c => Marks.Contains(c) || WideMarks.Contains(c)).Select(Half).ToList();
        if (!inText.SequenceEqual(marks.Select(m => m.Mark))) return text;
        var chars = text.ToCharArray();
        var at = 0;
        for (var k = 0; k < chars.Length; k++)
        {
            if (!Marks.Contains(chars[k]) && !WideMarks.Contains(chars[k])) continue;
            if (marks[at++].Wide == true && Marks.Contains(chars[k])) chars[k] = Wide(chars[k]);
        }
        return new string(chars);
    }

    /// <summary>
    /// A "（" chi_sim read as a title mark, "《" or "〈" ("项目决策《50分)", "完备;《3分)"): a title mark closes with its own
    /// "》", so one whose next closing mark is a bracket's is that bracket's opening, full-width as the engine saw it —
    /// or, right after that opening ("（《60分）"), the same bracket read twice. For OCR text only.
    /// </summary>
    public static string TitleMarksAsBrackets(string text)
    {
        if (text.IndexOfAny(['《', '〈']) < 0) return text;
        var kept = new System.Text.StringBuilder(text.Length);
        for (var k = 0; k < text.Length; k++)
        {
            var next = text[k] is '《' or '〈' ? text.AsSpan(k + 1).IndexOfAny("《〈》〉(（)）") : -1;
            if (next < 0 || text[k + 1 + next] is not (')' or '）')) kept.Append(text[k]);
            // The one bracket read twice, "（《60分）": once is enough.
            else if (kept.Length == 0 || kept[^1] is not ('(' or '（')) kept.Append('（');
        }
        return kept.ToString();
    }

    /// <summary>
    /// A bracket pair read one full-width and one half-width ("经费（宝信息委[2019]53号)") made one width, the full one:
    /// chi_sim reads both as "(" and ")" unless it saw the width, so the full-width reading is the one it was shown.
    /// For OCR text only: a digital text prints what it prints.
    /// </summary>
    public static string PairBrackets(string text)
    {
        if (text.IndexOfAny(['（', '）']) < 0 || text.IndexOfAny(['(', ')']) < 0) return text;
        var chars = text.ToCharArray();
        var open = new Stack<int>();
        for (var k = 0; k < chars.Length; k++)
        {
            if (chars[k] is '(' or '（') open.Push(k);
            else if (chars[k] is ')' or '）' && open.Count > 0)
            {
                var o = open.Pop();
                if (chars[o] == '（' && chars[k] == ')') chars[k] = '）';
                else if (chars[o] == '(' && chars[k] == '）') chars[o] = '（';
            }
        }
        return new string(chars);
    }

    /// <summary>
    /// A cell that prints "；（" (the criteria template's 评分规则 enumerate "…工作；（1分）②…") prints it so throughout:
    /// where chi_sim read some of them narrow (";(", "；(", ";（" — the engine's boxes beside a semicolon are too loose for
    /// <see cref="Restore"/> to measure there), they are the same marks, and the bracket they open closes wide. A cell
    /// with no "；（" read is left as read. For OCR text only.
    /// </summary>
    public static string SameMarksThroughout(string text)
    {
        // (The engine's text spaces its characters apart: "工 作 ； （ 1 分 ）".)
        if (text.AsSpan().IndexOfAny(";(") < 0 || !WideSemicolonBracket().IsMatch(text)) return text;
        var chars = text.ToCharArray();
        for (var k = 0; k < chars.Length; k++)
        {
            if (chars[k] is not (';' or '；')) continue;
            var b = k + 1;
            while (b < chars.Length && chars[b] is ' ') b++;
            if (b == chars.Length || chars[b] is not ('(' or '（') || chars[k] == '；' && chars[b] == '（') continue;
            (chars[k], chars[b]) = ('；', '（');
            // Its closing bracket: the first one after it, unless another bracket opens first.
            for (var j = b + 1; j < chars.Length && chars[j] is not ('(' or '（'); j++)
                if (chars[j] is ')' or '）')
                {
                    chars[j] = '）';
                    break;
                }
        }
        return new string(chars);
    }

    /// <summary>
    /// A cell that prints "，" prints every comma of its sentences so: where chi_sim read one of them narrow
    /// ("齐全，达到的得满分,未达到的"), a "," between two ideographs (the engine's spaces aside) is "，". A form's cell
    /// holds one or the other, never both (none of the seeds' and print shop's 1,184 texts with such commas mixes them;
    /// 98 of them print "," only, which a cell with no "，" read keeps). A figure's "1,234" is between digits and stays.
    /// For OCR text only.
    /// </summary>
    public static string SameCommasThroughout(string text)
    {
        if (text.IndexOf(',') < 0 || text.IndexOf('，') < 0) return text;
        char[]? chars = null;
        for (var k = 0; k < text.Length; k++)
        {
            if (text[k] != ',') continue;
            var before = k - 1;
            while (before >= 0 && text[before] == ' ') before--;
            var after = k + 1;
            while (after < text.Length && text[after] == ' ') after++;
            if (before >= 0 && after < text.Length && IsIdeograph(text[before]) && IsIdeograph(text[after]))
                (chars ??= text.ToCharArray())[k] = '，';
        }
        return chars is null ? text : new string(chars);
    }

    [System.Text.RegularExpressions.GeneratedRegex("； *（")]
    private static partial System.Text.RegularExpressions.Regex WideSemicolonBracket();

    private const string Marks = "();:";

    private const string WideMarks = "（）；：";

    private static char Wide(char mark) => mark switch { '(' => '（', ')' => '）', ';' => '；', _ => '：' };

    private static bool IsIdeograph(string text) => text.Length == 1 && IsIdeograph(text[0]);

    private static bool IsIdeograph(char c) => c is >= '\u4E00' and <= '\u9FFF';

    private static bool SameLine(BoxedSymbol a, BoxedSymbol b) =>
        Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top) > 0 && b.Left >= a.Left;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
