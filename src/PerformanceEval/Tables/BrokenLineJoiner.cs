using System.Collections.Immutable;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Tables;

/// <summary>
/// Puts back together what a text dump without positions broke over lines. <c>pdftotext -raw</c>, a viewer's copy and
/// a web archive's text give each cell's lines as lines of their own, one space between cells: a header label wrapped
/// in its cell comes out as "年初预" / "算数", a funding label as "其中：当年财政拨" / "款" with its figures on the line
/// after, a merged 一级指标 as "满意度指" / "标". Nothing in such text says where a column is, but the template's own
/// vocabulary says which pieces make a word. So, within one block of plain lines:
/// <list type="number">
/// <item>The last word of a line and the first words of the lines after it (up to six pieces, each alone on its line
/// but the last) are one word when together they spell a label of the template or an indicator level to the letter, and
/// no piece is a label, a figure, a placeholder or a unit note on its own.</item>
/// <item>A run of lines that hold nothing but header labels is one header row, its labels in the order they came:
/// that order is the printing's column order (实际完成值 before 年度指标值 where the printer put it there).</item>
/// <item>A funding line's label (and the 总分's) takes the figures the wrapping put on the lines after it, a rate its
/// "%", a figure its last decimal ("89.1" / "4").</item>
/// <item>A figure and its unit printed in another font ("=55 人") are one cell again.</item>
/// </list>
/// Rows of other kinds (HTML, ruled pages, TSV, markdown, layout tables already rebuilt) are left as they are, and so is
/// every line these rules do not name: the normalizer reads the rest as it reads any text.
/// </summary>
public sealed partial class BrokenLineJoiner(LabelMatcher matcher)
{
    /// <summary>What a header row holds: the column labels of the funding block and of the indicator table, and their fragments.</summary>
    private static readonly string[] HeaderKinds =
        [.. new[] { "FundingBlock" }.Concat(LabelKinds.FundingColumns).Concat(LabelKinds.IndicatorColumns).Append("HdrFragment").Distinct()];

    /// <summary>A document's rows with the plain lines' broken words and header rows joined; every other row as it was.</summary>
    public ImmutableArray<RawRow> Join(ImmutableArray<RawRow> rows)
    {
        if (!rows.Any(r => r.Origin is RowOrigin.Layout)) return rows;
        var lines = rows.Select(r => r.Origin is RowOrigin.Layout ? Unglued(r).Cells.ToList() : r.Cells.ToList()).ToList();
        JoinBrokenWords(rows, lines);
        var output = new List<RawRow>(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            if (lines[i].Count == 0 && rows[i].Origin is RowOrigin.Layout) continue;
            if (rows[i].Origin is not RowOrigin.Layout)
            {
                output.Add(rows[i]);
                continue;
            }
            var end = HeaderRunEnd(rows, lines, i);
            if (end > i + 1)
            {
                output.Add(Renumbered(rows[i], [.. Enumerable.Range(i, end - i).SelectMany(k => lines[k])]));
                i = end - 1;
                continue;
            }
            if (FiguresALineHolds(lines[i]) is { } most)
            {
                // The line's figures, and those the cell's wrapping put on the lines after it, up to the six a funding
                // line has (the two of a 总分 line).
                var cells = new List<RawCell>(lines[i]);
                while (NextPlain(rows, lines, i) is { } next && lines[next].All(IsFigure) &&
                       cells.Count(IsFigure) + lines[next].Count <= most)
                {
                    cells.AddRange(lines[next]);
                    for (var k = i + 1; k <= next; k++) lines[k].Clear();
                }
                output.Add(cells.SequenceEqual(rows[i].Cells) ? rows[i] : Renumbered(rows[i], cells));
                continue;
            }
            output.Add(lines[i].SequenceEqual(rows[i].Cells) ? rows[i] : Renumbered(rows[i], lines[i]));
        }
        return [.. output];
    }

    /// <summary>
    /// A rate's "%" ends its cell: text copied in drawing order glues the 执行率 to the 得分 printed close beside it
    /// ("99.21%9.92"), which is no figure at all.
    /// </summary>
    private static bool IsGluedRate(RawCell cell) =>
        cell.Text.IndexOf('%') is var at and > 0 && at + 1 < cell.Text.Length && char.IsAsciiDigit(cell.Text[at + 1]) && GluedRate().IsMatch(cell.Text);

    /// <summary>
    /// A line with the figures a dump glued together (a rate and the 得分 after it, an amount and what follows its cents)
    /// cut apart, each piece at its own character columns; the line itself where nothing was glued.
    /// </summary>
    internal static RawRow Unglued(RawRow row)
    {
        var cents = Cents(row);
        if (row.Cells.Any(c => IsGluedRate(c) || IsGluedAmount(c) || GluedChain(c.Text, cents) is not null || GluedDash().IsMatch(c.Text)))
            row = row with
            {
                Cells = [.. row.Cells.SelectMany(c => Split(c, GluedRate())).SelectMany(c => Split(c, GluedAmount())).SelectMany(c => SplitChain(c, cents))
                    .SelectMany(c => Split(c, GluedDash()))],
            };
        return row;
    }

    /// <summary>A whole amount glued to the dash of a line the template does not score ("5924729—").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d{4,}|\d{1,3}(?:,\d{3})+)([—－-]+)$")]
    private static partial System.Text.RegularExpressions.Regex GluedDash();

    /// <summary>
    /// A whole amount glued to the 分值 after it ("592472910": 全年执行数 5924729 and 分值 10), on a line whose rate and
    /// 得分 follow and no 分值 stands apart. Whole yuan have no cents to end at; the line's own figures say where the amount
    /// ends: the 分值 is the one tail of one to three digits, 1 to 100, that the line's 得分 is the 执行率 of (8.92 of 10 at
    /// 89.24%) — the rule the form scores the line by, within the rounding of its printed figures — and the amount read
    /// whole is no amount of the line (over five times its others: a blank 分值 beside a 全年执行数 ending in "10" stays
    /// whole). Nothing else splits; the normalizer's reading by the rate, with its warning, is left the rest. Null where
    /// nothing was cut; else the line and the cut's message (a warning on the line: a reading the line's arithmetic chose).
    /// </summary>
    internal static (RawRow Row, string Message)? WeightGluedToWholeAmount(RawRow row)
    {
        var cells = row.Cells.Where(c => !c.IsEmpty).ToList();
        var rate = cells.FindIndex(c => c.Text.EndsWith('%'));
        if (rate < 1 || rate + 1 >= cells.Count) return null;
        var glued = cells[rate - 1];
        if (!WholeAmount().IsMatch(glued.Text) || glued.Text.Length < 6) return null;
        if (!NumberParser.TryParse(cells[rate].Text, out var r) || !NumberParser.TryParse(cells[rate + 1].Text, out var score) || score.Percent) return null;
        // The line's figures before the rate are amounts (no 分值 printed apart from them).
        var amounts = cells.Take(rate - 1).Select(c => NumberParser.TryParse(c.Text, out var n) && !n.Percent ? n.Value : (decimal?)null).OfType<decimal>().ToList();
        if (amounts.Count == 0 || amounts.Any(a => a <= 100)) return null;
        var digits = glued.Text.Replace(",", "", StringComparison.Ordinal);
        if (decimal.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) <= 5 * amounts.Max()) return null;
        // (An amount grouped in thousands ends on a whole group.)
        var splits = Enumerable.Range(1, 3).Where(k => digits.Length - k >= 4 && digits[^k] != '0' &&
                                                      (!glued.Text.Contains(',') || glued.Text[^(k + 4)] == ','))
            .Select(k => (Amount: digits[..^k], Weight: decimal.Parse(digits[^k..], System.Globalization.CultureInfo.InvariantCulture)))
            .Where(x => x.Weight is >= 1 and <= 100 && Math.Abs(r.Value * x.Weight / 100 - score.Value) <= 0.01m)
            .ToList();
        if (splits.Count != 1) return null;
        var at = row.Cells.IndexOf(glued);
        var amountLength = glued.Text.Length - (digits.Length - splits[0].Amount.Length);
        var pieces = Pieces(glued, [glued.Text[..amountLength], glued.Text[amountLength..]]).ToList();
        var message = $"资金行的“{glued.Text}”是金额与分值粘连：得分 {cells[rate + 1].Text} 为执行率 {cells[rate].Text} 下 {pieces[1].Text} 分的得分，拆为 {pieces[0].Text} 与 {pieces[1].Text}";
        return (row with { Cells = row.Cells.RemoveAt(at).InsertRange(at, pieces) }, message);
    }

    /// <summary>Digits, or digits grouped in thousands with one to three more glued after them ("1,414,20010").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:\d+|\d{1,3}(?:,\d{3})+\d{1,3})$")]
    private static partial System.Text.RegularExpressions.Regex WholeAmount();

    /// <summary>A cell the pattern's two groups make whole, as two cells; any other as it is.</summary>
    private static IEnumerable<RawCell> Split(RawCell cell, System.Text.RegularExpressions.Regex glued) =>
        glued.Match(cell.Text) is { Success: true } m ? Pieces(cell, [m.Groups[1].Value, m.Groups[2].Value]) : [cell];

    /// <summary>A cell cut into consecutive pieces of its text, each at the columns it stands at.</summary>
    private static IEnumerable<RawCell> Pieces(RawCell cell, IReadOnlyList<string> pieces)
    {
        var offset = 0;
        foreach (var piece in pieces)
        {
            var columns = cell.Columns is { } at ? new TextColumns(at.Start + offset, at.Start + offset + piece.Length) : (TextColumns?)null;
            yield return cell with { Text = piece, Columns = columns };
            offset += piece.Length;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d[\d,]*(?:\.\d+)?%)(\d[\d,]*(?:\.\d+)?)$")]
    private static partial System.Text.RegularExpressions.Regex GluedRate();

    /// <summary>
    /// An amount grouped in thousands ends at its cents: a layout dump that squeezes two columns glues the next figure
    /// to them ("6,820,814.004,854,867.25", Chromium's 全年预算数 and 全年执行数), which reads as no figure or a wrong one.
    /// An amount is printed with two decimals at most.
    /// </summary>
    private static bool IsGluedAmount(RawCell cell) => GluedAmount().IsMatch(cell.Text);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d{1,3}(?:,\d{3})+\.\d{2})(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?%?)$")]
    private static partial System.Text.RegularExpressions.Regex GluedAmount();

    /// <summary>
    /// The same without thousands' commas, as Chromium's raw text glues a funding line's cells: "4053143.192360660"
    /// (全年预算数 and 全年执行数), "2334275.001662653.0010" (and the 分值), "1662653.00—"; and with them, three cells
    /// long ("5,108,743.504,850,558.0010": PdfPig's words of Chromium's PDF). An amount of four digits or more
    /// ends at its cents, and what follows is a figure of three digits or more, another such amount, a rate or a dash —
    /// never two decimals more, which a value in 万元 to four places ("1234.5678") would be, unless the line prints its
    /// other amounts to the cent (<paramref name="cents"/>: "8966172.50 8711166.00 8538046.0010" is the 分值 glued on).
    /// Null when the text is no such chain.
    /// </summary>
    private static List<string>? GluedChain(string text, bool cents)
    {
        if (GluedHead().Match(text) is not { Success: true } head) return null;
        var pieces = new List<string> { head.Value };
        var rest = text[head.Length..];
        while (rest.Length > 0)
        {
            if (GluedHead().Match(rest) is { Success: true } amount) { pieces.Add(amount.Value); rest = rest[amount.Length..]; continue; }
            if (GluedTail().Match(rest) is not { Success: true } last || last.Length != rest.Length) return null;
            if (char.IsAsciiDigit(rest[0]) && !rest.Contains('%') && rest.TakeWhile(c => c != '.').Count() < 3 && pieces.Count == 1 && !cents) return null;
            pieces.Add(rest);
            rest = "";
        }
        return pieces.Count >= 2 ? pieces : null;
    }

    private static IEnumerable<RawCell> SplitChain(RawCell cell, bool cents) =>
        GluedChain(cell.Text, cents) is { } pieces ? Pieces(cell, pieces) : [cell];

    /// <summary>True when a line holds an amount printed to the cent on its own ("8711166.00").</summary>
    private static bool Cents(RawRow row) => row.Cells.Any(c => AmountToTheCent().IsMatch(c.Text));

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d[\d,]{3,}\.\d{2}$")]
    private static partial System.Text.RegularExpressions.Regex AmountToTheCent();

    /// <summary>An amount of four digits or more to the cent, with or without its thousands' commas: a chain's link.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:\d{4,}|\d{1,3}(?:,\d{3})+)\.\d{2}")]
    private static partial System.Text.RegularExpressions.Regex GluedHead();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:\d+(?:\.\d{1,2})?%?|[—－-]+)")]
    private static partial System.Text.RegularExpressions.Regex GluedTail();

    // ---- broken words ---------------------------------------------------------------------------------------------

    /// <summary>Joins each line's last word with the first words of the lines after it where together they spell a label.</summary>
    private void JoinBrokenWords(ImmutableArray<RawRow> rows, List<List<RawCell>> lines)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].Origin is not RowOrigin.Layout || lines[i].Count == 0) continue;
            JoinPercent(rows, lines, i);
            JoinBrokenFigure(rows, lines, i);
            while (lines[i].Count > 0 && JoinLabel(rows, lines, i)) { }
            GlueUnits(lines[i]);
        }
    }

    /// <summary>
    /// Joins line <paramref name="i"/>'s last word with the first words of up to <see cref="MaxPieces"/> − 1 lines after
    /// it, when together, and not before, they spell a label: 偏差 / 原因 / 分析 / 及 / 改进 / 措施 in a narrow column. Every
    /// line between holds that one piece only. False when nothing was joined.
    /// </summary>
    private bool JoinLabel(ImmutableArray<RawRow> rows, List<List<RawCell>> lines, int i)
    {
        var first = lines[i][^1];
        if (!IsPiece(first.Text) || IsWhole(first.Text)) return false;
        var pieces = new List<int>();
        var text = first.Text;
        var at = i;
        while (pieces.Count < MaxPieces - 1 && NextPlain(rows, lines, at) is { } j)
        {
            var piece = lines[j][0].Text;
            if (!IsPiece(piece) || IsWhole(piece)) return false;
            text += piece;
            pieces.Add(j);
            if (Spells(text))
            {
                var joined = first;
                foreach (var k in pieces)
                {
                    joined = Joined(joined, lines[k][0]);
                    lines[k].RemoveAt(0);
                }
                lines[i][^1] = joined;
                return true;
            }
            // Only a line holding nothing but its piece lets the word go on to the next line.
            if (lines[j].Count > 1) return false;
            at = j;
        }
        return false;
    }

    /// <summary>A label broken over more lines than this is not looked for: 偏差原因分析及改进措施 in a column two characters wide.</summary>
    private const int MaxPieces = 6;

    /// <summary>"%" alone at the start of a line is the end of the figure before it: a rate wrapped in a narrow cell (74.38 / %).</summary>
    private static void JoinPercent(ImmutableArray<RawRow> rows, List<List<RawCell>> lines, int i)
    {
        if (lines[i][0].Text is not ("%" or "％") || i == 0 || rows[i - 1].Origin is not RowOrigin.Layout ||
            rows[i - 1].Block != rows[i].Block || lines[i - 1].Count == 0) return;
        var before = lines[i - 1][^1];
        if (!NumberParser.TryParse(TextCleaner.Clean(before.Text), out var n) || n.Percent) return;
        lines[i - 1][^1] = Joined(before, lines[i][0]);
        lines[i].RemoveAt(0);
    }

    /// <summary>
    /// A figure wrapped inside a narrow cell: "2,873,658.5" / "0", "89.1" / "4". Printed amounts and scores carry two
    /// decimals, so a figure ending in one decimal with a lone digit on the next line is one figure; read apart they
    /// would be two wrong figures and no warning.
    /// </summary>
    private static void JoinBrokenFigure(ImmutableArray<RawRow> rows, List<List<RawCell>> lines, int i)
    {
        if (lines[i].Count == 0 || !OneDecimal(lines[i][^1].Text) || NextPlain(rows, lines, i) is not { } j) return;
        if (lines[j].Count != 1 || lines[j][0].Text.Length != 1 || !char.IsAsciiDigit(lines[j][0].Text[0])) return;
        // A short score alone on its line beside other lone figures (above it, or after the digit) is a column's
        // cell, not a wrapped one: a text that writes a 得分 column a cell a line ("2", "2.4", "3", "4") puts a 4.7 or
        // a 9.3 before the next row's score, and read as one they would be a wrong figure.
        static bool LoneFigure(List<RawCell> line) =>
            line is [var only] && NumberParser.TryParse(TextCleaner.Clean(only.Text), out var n) && !n.Percent;
        if (lines[i].Count == 1 && lines[i][0].Text.Length <= 4 &&
            (PreviousPlain(rows, lines, i) is { } p && LoneFigure(lines[p]) || NextPlain(rows, lines, j) is { } q && LoneFigure(lines[q])))
            return;
        lines[i][^1] = Joined(lines[i][^1], lines[j][0]);
        lines[j].RemoveAt(0);
    }

    /// <summary>A figure printed with one decimal ("2,873,658.5"): printed amounts carry two, so its last digit wrapped.</summary>
    internal static bool OneDecimal(string text)
    {
        var dot = text.LastIndexOf('.');
        return dot > 0 && dot == text.Length - 2 && char.IsAsciiDigit(text[^1]) && char.IsAsciiDigit(text[dot - 1]) &&
               text.AsSpan(0, dot).IndexOfAnyExcept("0123456789,") < 0;
    }

    /// <summary>
    /// Glues a unit of the template's list printed in another font back to its figure: the tool writes "=55人" as "=55 人" and "&lt;=1起" as
    /// "&lt;=1 起". Only where the row's 分值/得分 pair still follows, so a one-character note after the 得分 ("10 10 无")
    /// stays a note.
    /// </summary>
    private void GlueUnits(List<RawCell> line)
    {
        for (var k = 0; k + 1 < line.Count; k++)
        {
            var figure = TextCleaner.Clean(line[k].Text);
            var unit = TextCleaner.Clean(line[k + 1].Text);
            // A unit of the template's list after a figure that ends in a digit: "=100% 无" is a target and an actual.
            if (figure is null || unit is null || figure.Length == 0 || !char.IsDigit(figure[^1]) ||
                !matcher.Model.Units.Contains(unit) || unit == "%") continue;
            var plainAfter = line.Skip(k + 2).Count(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out var n) && !n.Percent);
            if (plainAfter < 2) continue;
            line[k] = Joined(line[k], line[k + 1], " ");
            line.RemoveAt(k + 1);
        }
    }

    /// <summary>The next plain line of the same block that still holds words, or null.</summary>
    private static int? PreviousPlain(ImmutableArray<RawRow> rows, List<List<RawCell>> lines, int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            if (rows[j].Origin is not RowOrigin.Layout || rows[j].Block != rows[i].Block) return null;
            if (lines[j].Count > 0) return j;
        }
        return null;
    }

    private static int? NextPlain(ImmutableArray<RawRow> rows, List<List<RawCell>> lines, int i)
    {
        for (var j = i + 1; j < rows.Length; j++)
        {
            if (rows[j].Origin is not RowOrigin.Layout || rows[j].Block != rows[i].Block) return null;
            if (lines[j].Count > 0) return j;
        }
        return null;
    }

    /// <summary>
    /// True when a word can be a piece of a broken label: Chinese text, no figure or placeholder. The matcher's keys
    /// leave digits and punctuation out, so without this "—" + "上年结转资金" or "8.43" + "其中：当年财政拨款" would spell
    /// a label too.
    /// </summary>
    private static bool IsPiece(string text) =>
        TextCleaner.Clean(text) is { } t && t.Any(TextCleaner.IsCjk) && !t.Any(char.IsDigit) && !NumberParser.IsPlaceholder(t) &&
        !FormPatterns.IsCurrencyNote(t);

    /// <summary>
    /// True when joined pieces spell a label or a level to the letter. The matcher calls a cell that merely contains a
    /// label exact (a misread cell around it), which is right for a cell but not for pieces of a sentence: "基本完成绩效指"
    /// / "标" is a goal's text, not 绩效指标.
    /// </summary>
    private bool Spells(string text) =>
        matcher.Match(text, LabelKinds.Whole) is { Score: >= 1.0 } || matcher.MatchLevel(text) is { IsExact: true };

    /// <summary>True when the text is (or holds, as the matcher sees cells) a whole label of the template or a whole indicator level.</summary>
    private bool IsWhole(string text) =>
        matcher.Match(text, LabelKinds.Whole) is { IsExact: true } || matcher.MatchLevel(text) is { IsExact: true };

    /// <summary>
    /// Two pieces of one cell as one cell, read where the first piece was: its raw text holds both pieces as they stood —
    /// on two lines (a wrapped cell, as a PDF's merged cell keeps them; cleaning joins them: 数量指 / 标 → 数量指标) or one
    /// space apart on one line (a unit in another font: "=55 人", which cleaning reads as =55人).
    /// </summary>
    private static RawCell Joined(RawCell first, RawCell second, string between = "\n") =>
        first with { Text = first.Text + between + second.Text, Source = first.Source with { Text = first.Source.Text + between + second.Source.Text } };

    // ---- header rows ----------------------------------------------------------------------------------------------

    /// <summary>One past the last line of a run of header-only lines starting at <paramref name="i"/>; i + 1 when there is no run.</summary>
    private int HeaderRunEnd(ImmutableArray<RawRow> rows, List<List<RawCell>> lines, int i)
    {
        if (!IsHeaderLine(lines[i])) return i + 1;
        var end = i + 1;
        while (end < rows.Length && rows[end].Origin is RowOrigin.Layout && rows[end].Block == rows[i].Block &&
               (lines[end].Count == 0 || IsHeaderLine(lines[end])))
            end++;
        while (end > i + 1 && lines[end - 1].Count == 0) end--;
        return end;
    }

    /// <summary>
    /// A line of header labels only. A label is read against the funding lines' labels too: 年度资金总额 holds the
    /// fragment 年度 and would pass for a header label, but it is the first funding line (its figures on the lines after).
    /// </summary>
    private bool IsHeaderLine(List<RawCell> line) =>
        line.Count > 0 && line.All(c => FormPatterns.IsCurrencyNote(c.Text) ||
            matcher.Match(c.Text, HeaderOrLineKinds) is { Score: >= 0.9 } m && HeaderKinds.Contains(m.Kind));

    private static readonly string[] HeaderOrLineKinds = [.. HeaderKinds, .. LabelKinds.FundingLines, "Total"];

    // ---- funding lines --------------------------------------------------------------------------------------------

    /// <summary>
    /// For a funding line's label, or the 总分's, with nothing after it but figures: how many figures such a line holds
    /// (six, two). Null for any other line.
    /// </summary>
    private int? FiguresALineHolds(List<RawCell> line)
    {
        if (line.Count == 0 || !line.Skip(1).All(IsFigure)) return null;
        if (matcher.Match(line[0].Text, LabelKinds.FundingLines) is { IsExact: true }) return 6;
        return matcher.Match(line[0].Text, "Total") is { Score: >= 1.0 } ? 2 : null;
    }

    private static bool IsFigure(RawCell cell) =>
        TextCleaner.Clean(cell.Text) is { } t && (NumberParser.TryParse(t, out _) || NumberParser.IsPlaceholder(t));

    /// <summary>A row of the given cells, each at its place in the row, as a line's tokens are.</summary>
    private static RawRow Renumbered(RawRow row, List<RawCell> cells) =>
        row with { Cells = [.. cells.Select((c, i) => c with { Source = c.Source with { Col = i }, Columns = null })] };
}
