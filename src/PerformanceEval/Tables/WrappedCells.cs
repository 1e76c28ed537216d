using System.Collections.Immutable;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Tables;

/// <summary>
/// Splits the pieces a plain dump wrote over several lines back into a known number of cells. <c>pdftotext -raw</c> and a
/// viewer's copy write a row's cells one space apart on a line, and a wrapped cell's lines as lines of their own:
/// "覆盖社区数" / "≥2000" / "人次" / "2136" / "人次" before the line "7 5" is a name, a target and an actual. Two pieces on
/// one line are two cells (a unit after its figure aside: "=55 人"); a line break may be a cell's end or its wrapping.
/// Of the ways to cut the pieces into cells, the one a printer would have made wins:
/// <list type="bullet">
/// <item>a unit of the template's list (or a piece of one: "98.6 万" / "元") after a figure ends that figure's cell
/// ("≥2000" / "人次"), never starts a cell;</item>
/// <item>a wrapped cell's lines are full but its last: a line shorter than the one after it ends its cell
/// ("完善" / "基本完" / "善" is 完善 and 基本完善), and a last line as wide as the one before it is less likely than a
/// shorter rest ("人员管理机制健" / "全性" / "完善" is a name and a target, not a name and 全性完善);</item>
/// <item>a cell is words or a measure, not both: "验收合格率" / "&lt;=100" is two cells — unless the words flow into the
/// figure on one line ("资金按计划" / "到位90%-" / "100%" is one measure) or the figure's line has words of its own
/// ("满意度调查在85%" / "以上": a measure written in words around its figure);</item>
/// <item>a comparison starts a target: "98.6万元" / "&lt;=100万" / "元" is two cells;</item>
/// <item>a cell of one character is rarer than a wrapped cell's last line ("有所提" / "升").</item>
/// </list>
/// Null when the pieces cannot make that many cells, or two cuts are equally good: the caller reads the pieces as before.
/// </summary>
public static class WrappedCells
{
    /// <summary>More pieces than this are not cut (the cuts to weigh grow as 2ⁿ).</summary>
    private const int MaxPieces = 14;

    /// <summary>
    /// The pieces (in reading order, each with the line it stood on) cut into <paramref name="count"/> cells, each cell
    /// the indices of its pieces; null when there is no single best cut.
    /// </summary>
    public static ImmutableArray<ImmutableArray<int>>? Split(IReadOnlyList<(string Text, int Line)> pieces, int count, IReadOnlyCollection<string> units) =>
        Split(pieces, count, units, out _);

    /// <param name="pieces">The pieces in reading order, each with the line it stood on.</param>
    /// <param name="count">The cells to cut them into.</param>
    /// <param name="units">The template's units (a unit after its figure is that figure's cell).</param>
    /// <param name="tied">True when the pieces cut into that many cells two ways equally good: the caller cannot tell
    /// them apart, and should say so rather than read them as one cell in silence.</param>
    public static ImmutableArray<ImmutableArray<int>>? Split(IReadOnlyList<(string Text, int Line)> pieces, int count, IReadOnlyCollection<string> units,
        out bool tied)
    {
        tied = false;
        var n = pieces.Count;
        if (count < 1 || n < count || n > MaxPieces) return null;
        // Between piece i and i+1: a cut that must be made, one that must not, or one to choose.
        var optional = new List<int>();
        var must = new bool[n - 1];
        for (var i = 0; i + 1 < n; i++)
        {
            // A unit after its figure, or the rest of a unit the line broke ("98.6 万" / "元"), goes on the cell.
            var unitAfter = IsUnitPiece(pieces[i + 1].Text, units) && (EndsInFigure(pieces[i].Text) || IsUnitPiece(pieces[i].Text, units) ||
                                                                     EndsUnitCut(pieces[i].Text, pieces[i + 1].Text, units));
            if (unitAfter) continue;
            if (pieces[i].Line == pieces[i + 1].Line) must[i] = true;
            else optional.Add(i);
        }
        var fixedCuts = must.Count(m => m);
        var wanted = count - 1 - fixedCuts;
        if (wanted < 0 || wanted > optional.Count) return null;
        (double Cost, int Mask)? best = null;
        var tie = false;
        for (var mask = 0; mask < 1 << optional.Count; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != wanted) continue;
            var cuts = (bool[])must.Clone();
            for (var b = 0; b < optional.Count; b++)
                if ((mask & (1 << b)) != 0) cuts[optional[b]] = true;
            var cost = Cost(pieces, Groups(cuts, n), units);
            if (best is null || cost < best.Value.Cost - 1e-9) { best = (cost, mask); tie = false; }
            else if (Math.Abs(cost - best.Value.Cost) <= 1e-9) tie = true;
        }
        tied = tie;
        if (best is null || tie) return null;
        var chosen = (bool[])must.Clone();
        for (var b = 0; b < optional.Count; b++)
            if ((best.Value.Mask & (1 << b)) != 0) chosen[optional[b]] = true;
        return [.. Groups(chosen, n).Select(g => g.ToImmutableArray())];
    }

    private static List<List<int>> Groups(bool[] cuts, int n)
    {
        var groups = new List<List<int>> { new() { 0 } };
        for (var i = 1; i < n; i++)
        {
            if (cuts[i - 1]) groups.Add([]);
            groups[^1].Add(i);
        }
        return groups;
    }

    private static double Cost(IReadOnlyList<(string Text, int Line)> pieces, List<List<int>> groups, IReadOnlyCollection<string> units)
    {
        var cost = 0.0;
        // The row's widest piece: the widest line any of its columns is seen to hold.
        var widest = pieces.Max(p => TextCleaner.DisplayWidth(p.Text));
        for (var gi = 0; gi < groups.Count; gi++)
        {
            var group = groups[gi];
            // A cell that shares its first line with a cell of one line before it is centred on that line as that cell is
            // (the row's middle), not hung from it: "长效管理制度健全性 完善" / "基本" / "完善" is a target of one line and
            // an actual of two, not a target "完善基本". (A cell on two lines is as likely either, by half a line.)
            if (gi > 0 && groups[gi - 1] is var before && before.All(i => pieces[i].Line == pieces[group[0]].Line) &&
                pieces[group[^1]].Line > pieces[group[0]].Line)
                cost += 0.25;
            // A cell after the first opens where a cut was chosen: not on a suffix or a particle ("度提升" / "有所提" / "升"
            // after "群众办事便利" is the name's end and a measure, not a name and "度提升有所提升").
            if (gi > 0 && Remarks.OpensOnSuffix(TextCleaner.Clean(pieces[group[0]].Text) ?? "")) cost += 1;
            // The group's lines, each as wide as it prints (a CJK character is two columns).
            var lines = group.GroupBy(i => pieces[i].Line).Select(g => g.Sum(i => TextCleaner.DisplayWidth(pieces[i].Text))).ToList();
            for (var l = 0; l + 1 < lines.Count; l++)
            {
                if (lines[l] < lines[l + 1]) cost += 1;
                // A last line exactly as wide as a full one is rarer than a shorter rest: two such lines are more
                // likely two cells, each of one line.
                else if (lines[l] == lines[l + 1] && l + 2 == lines.Count) cost += 0.5;
            }
            var words = group.FindIndex(i => IsWords(pieces[i].Text, units));
            var figure = group.FindIndex(i => pieces[i].Text.Any(char.IsAsciiDigit));
            // Words flowing into a figure on one line ("资金按计划" / "到位90%-" / "100%", "年度投资计划完" / "成率100%") are
            // one measure: its figure starts mid-line, after a character. So are words around a figure that has words on
            // its own line ("满意度调查在85%" / "以上"): a bare figure or a comparison alone on its line is a cell of its own.
            // And words whose line the figure after them would make wider than any line the row shows: a full line
            // wrapped before its figure ("年度投资完成率" / "100%" where no piece is wider than "年度投资计划完成"), not a
            // comparison, which starts a target.
            var flows = words >= 0 && figure >= 0 && TextCleaner.Clean(pieces[group[figure]].Text) is { Length: > 0 } f &&
                        (words < figure && TextCleaner.IsCjk(f[0]) || f.Any(TextCleaner.IsCjk) ||
                         figure == words + 1 && pieces[group[words]].Line < pieces[group[figure]].Line &&
                         TextCleaner.DisplayWidth(pieces[group[words]].Text) + TextCleaner.DisplayWidth(f) > widest &&
                         !"≥≤<>=＞＜＝".Contains(f[0]));
            if (words >= 0 && figure >= 0 && !flows) cost += 2;
            // A measure whole with its unit ends its cell: a figure after it on the next line starts another
            // ("<=100万元" / "98.6万" / "元" is a target and an actual, not one cell of two measures).
            for (var k = 1; k < group.Count; k++)
                if (pieces[group[k]].Line != pieces[group[k - 1]].Line && EndsInUnit(pieces[group[k - 1]].Text, units) &&
                    TextCleaner.Clean(pieces[group[k]].Text) is { Length: > 0 } next && (char.IsAsciiDigit(next[0]) || "≥≤<>=＞＜＝".Contains(next[0])))
                    cost += 1;
            // A comparison starts a target ("98.6万元" / "<=100万" is an actual and a target), never the middle of a cell.
            if (group.Skip(1).Any(i => TextCleaner.Clean(pieces[i].Text) is { Length: > 0 } t && "≥≤<>=＞＜＝".Contains(t[0]))) cost += 1;
            // A cell of one character ("升") is rarer than the last line of a wrapped one ("有所提" / "升"); where a cut
            // may go either way, the character goes on the line before it.
            if (group.Count == 1 && pieces[group[0]].Text.Trim() is { Length: 1 } one && TextCleaner.IsCjk(one[0]) && !IsUnitPiece(one, units))
                cost += 0.75;
        }
        return cost;
    }

    private static bool IsWords(string text, IReadOnlyCollection<string> units) =>
        !IsUnitPiece(text, units) && text.Any(TextCleaner.IsCjk) && !text.Any(char.IsAsciiDigit);

    private static bool IsUnit(string text, IReadOnlyCollection<string> units) =>
        TextCleaner.Clean(text) is { Length: > 0 } t && t != "%" && units.Contains(t);

    /// <summary>A unit of the template's list, or the start or end of one a line broke (万 / 元 of 万元).</summary>
    internal static bool IsUnitPiece(string text, IReadOnlyCollection<string> units) =>
        IsUnit(text, units) || TextCleaner.Clean(text) is { Length: > 0 } t &&
        units.Any(u => u.Length > t.Length && (u.StartsWith(t, StringComparison.Ordinal) || u.EndsWith(t, StringComparison.Ordinal)));

    /// <summary>True when <paramref name="text"/> is a figure and its unit's first characters, and <paramref name="rest"/>
    /// the unit's other characters ("98.6万" / "元").</summary>
    private static bool EndsUnitCut(string text, string rest, IReadOnlyCollection<string> units) =>
        TextCleaner.Clean(text) is { Length: > 1 } t && TextCleaner.Clean(rest) is { Length: > 0 } r &&
        units.Any(u => u.Length > r.Length && u.EndsWith(r, StringComparison.Ordinal) && t.EndsWith(u[..^r.Length], StringComparison.Ordinal) &&
                       t.Length > u.Length - r.Length && char.IsAsciiDigit(t[t.Length - (u.Length - r.Length) - 1]));

    /// <summary>A figure and a whole unit of the template's after it ("&lt;=100万元", "2136人次").</summary>
    private static bool EndsInUnit(string text, IReadOnlyCollection<string> units) =>
        TextCleaner.Clean(text) is { Length: > 1 } t && t.Any(char.IsAsciiDigit) &&
        units.Any(u => u.Length > 0 && u != "%" && t.EndsWith(u, StringComparison.Ordinal) && t.Length > u.Length && char.IsAsciiDigit(t[t.Length - u.Length - 1]));

    private static bool EndsInFigure(string text) =>
        TextCleaner.Clean(text) is { Length: > 0 } t && (char.IsAsciiDigit(t[^1]) || t[^1] == '%');
}
