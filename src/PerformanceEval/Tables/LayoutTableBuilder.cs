using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Tables;

/// <summary>
/// Rebuilds the tables of layout text (<c>pdftotext -layout</c> and the like) into rows of cells under their header,
/// the same logical table HTML and ruled pages give. Such text keeps a word's x position as its character column but
/// loses the rules: a header label wrapped in its cell comes out over two or three lines ("年初预" / "算数"), a
/// wrapped name or note spreads over the lines around its row's figures, and a merged 一级/二级指标 is printed once,
/// at the middle of the rows it spans. So:
/// <list type="number">
/// <item>The header band is the run of lines whose tokens, stacked where their columns overlap, spell the most
/// header labels of the template (年初预算数 … 得分; 一级指标 … 偏差原因分析及改进措施). It gives the columns in the
/// printing's own order and their character ranges.</item>
/// <item>Each line's tokens go to columns in order by a small alignment: the cost of a token under a column is how
/// far it stands outside the column's territory plus what its kind says (分值/得分 hold one figure; a 二级指标 column
/// holds level words). Columns are only roughly where the header says — the tool shifts words right when the text
/// before them is wide — but their order holds.</item>
/// <item>A line with figures under 分值/得分 (the funding block: any figure) is a row; every other line's pieces join
/// the nearest row in their column (on a tie, a name piece goes to the row whose line has no name, any other piece
/// to the row whose line it continues).</item>
/// <item>Level labels are whole words re-joined from their pieces, and the rows each one spans are the run whose
/// middle is nearest the label's line; the rows after the label's own get it as a carried cell, as a rowspan
/// would.</item>
/// </list>
/// Lines the rebuilding cannot place (no header found) stay as they were, and the normalizer reads them by position.
/// </summary>
public sealed partial class LayoutTableBuilder(LabelMatcher matcher)
{
    private static readonly string[] IndicatorKinds = LabelKinds.IndicatorColumns;

    private static readonly string[] IndicatorTextKinds = ["HdrLevel1", "HdrLevel2", "HdrName", "HdrTarget", "HdrActual"];
    private static readonly string[] FundingKinds = LabelKinds.FundingColumns;
    private static readonly string[] FundingAmountKinds = ["ColInitial", "ColAnnual", "ColExecuted", "ColRate"];
    private static readonly string[] FundingLineKinds = LabelKinds.FundingLines;

    /// <summary>Header labels wrap over at most this many lines (偏差 / 原因分析及改进措 / 施, with a line between); the
    /// indicator header's over more (一 / 级 / 指 / 标 upright in a narrow cell, beside 偏差原 / 因分析 / 及改进 / 措施).</summary>
    private const int MaxBandLines = 6, MaxIndicatorBandLines = 8;

    /// <summary>The kind given to the funding block's label column, which has no header of its own.</summary>
    internal const string FundingLabelKind = "FundingLabel";

    /// <summary>A document's rows with its layout-text tables rebuilt; every other row as it was.</summary>
    public StageResult<ImmutableArray<RawRow>> Rebuild(ImmutableArray<RawRow> rows)
    {
        // Figures the dump glued ("1662653.0010": a 全年执行数 and its 分值) are two words at their own columns.
        var unglued = rows.Select(r => IsPositioned(r) ? BrokenLineJoiner.Unglued(r) : r).ToList();
        if (unglued.Where((r, i) => !ReferenceEquals(r, rows[i])).Any()) rows = [.. unglued];
        var laidOut = LaidOut(rows);
        if (laidOut.All(x => !x)) return StageResult<ImmutableArray<RawRow>>.Ok(rows);
        // A whole amount glued to its 分值 ("592472910") is cut where the line's own figures say, with a warning on the line.
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        for (var r = 0; r < rows.Length; r++)
            if (laidOut[r] && IsPositioned(rows[r]) && BrokenLineJoiner.WeightGluedToWholeAmount(rows[r]) is { } cut)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.AssignedByArithmetic, cut.Message, rows[r].Cells.First(c => !c.IsEmpty).Source));
                rows = rows.SetItem(r, cut.Row);
            }
        var output = new List<RawRow>(rows.Length);
        var i = 0;
        while (i < rows.Length)
        {
            if (!laidOut[i])
            {
                output.Add(rows[i]);
                i++;
                continue;
            }
            if (FindBand(rows, i, IndicatorKinds, IsIndicatorBand) is { } indicators && indicators.Start == i)
            {
                var end = IndicatorBlockEnd(rows, indicators.End);
                output.AddRange(RebuildIndicators(rows, indicators, end, diagnostics));
                i = end;
                continue;
            }
            if (FindBand(rows, i, FundingKinds, IsFundingBand) is { } funding && funding.Start == i)
            {
                var end = FundingBlockEnd(rows, funding.End);
                output.AddRange(RebuildFunding(rows, funding, end));
                i = end;
                continue;
            }
            if (HeaderBlock(rows, i) is { } header)
            {
                output.AddRange(header.Rows);
                i = header.End;
                continue;
            }
            if (WrappedTotal(rows, i) is { } total)
            {
                output.Add(total.Row);
                i = total.End;
                continue;
            }
            output.Add(rows[i]);
            i++;
        }
        return new StageResult<ImmutableArray<RawRow>>([.. output], diagnostics.ToImmutable());
    }

    /// <summary>Lines either side of a line that say whether its stretch of text is laid out.</summary>
    private const int LayoutWindow = 40;

    /// <summary>
    /// For each row, true when the text around it is laid out: many of its lines of several words hold a gap of two spaces
    /// or more between two of them. A dump written with one space between cells (<c>pdftotext -raw</c>) has no such gaps,
    /// and its character columns mean nothing. Judged over the lines around each row within its form, not over the whole
    /// file, so that a file holding both kinds reads each form as it would alone (and the same read whole or in sections).
    /// </summary>
    internal static bool[] LaidOut(ImmutableArray<RawRow> rows)
    {
        var lines = new int[rows.Length + 1];
        var gapped = new int[rows.Length + 1];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            var counts = IsPositioned(row) && row.Cells.Length >= 2;
            var gap = false;
            for (var k = 1; counts && k < row.Cells.Length && !gap; k++)
                gap = row.Cells[k].Columns!.Value.Start - row.Cells[k - 1].Columns!.Value.End >= 2;
            lines[r + 1] = lines[r] + (counts ? 1 : 0);
            gapped[r + 1] = gapped[r] + (gap ? 1 : 0);
        }
        // The window stops at a form's title either side: a form is judged by its own lines, as it is when a dump read
        // in sections starts at that form.
        var titleBefore = new int[rows.Length];
        var titleAfter = new int[rows.Length];
        for (int r = 0, last = 0; r < rows.Length; r++)
            titleBefore[r] = last = IsTitle(rows[r]) ? r : last;
        for (int r = rows.Length - 1, next = rows.Length; r >= 0; r--)
        {
            titleAfter[r] = next;
            if (titleBefore[r] == r && (r > 0 || IsTitle(rows[0]))) next = r;
        }
        var result = new bool[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            int from = Math.Max(titleBefore[r], r - LayoutWindow), to = Math.Min(titleAfter[r], r + LayoutWindow + 1);
            var n = lines[to] - lines[from];
            result[r] = IsPositioned(rows[r]) && n > 0 && gapped[to] - gapped[from] >= 0.3 * n;
        }
        return result;
    }

    private static bool IsPositioned(RawRow row) =>
        row.Origin is RowOrigin.Layout && row.Cells.Length > 0 && row.Cells.All(c => c.Columns is not null);

    // ---- header bands --------------------------------------------------------------------------------------------

    /// <summary>A token of a layout line: its cell, the grid row it is on, and its columns.</summary>
    private sealed record Token(RawCell Cell, int Row, int Line, TextColumns At)
    {
        public string Text => Cell.Text;
    }

    /// <summary>A column of a rebuilt table: its kind, the characters its header covers, and where its territory ends.</summary>
    private sealed record Column(string Kind, int Lo, int Hi, RawCell Header)
    {
        public double Left { get; set; }
        public double Right { get; set; }

        /// <summary>The grid row of the label's top line (-1 where the column was not read from a header band).</summary>
        public int Top { get; init; } = -1;

        /// <summary>The grid row of the label's bottom line (-1 where the column was not read from a header band).</summary>
        public int Bottom { get; init; } = -1;
    }

    /// <summary>Grid rows [Start, End) holding a header, and the columns it names in printed order.</summary>
    private sealed record Band(int Start, int End, List<Column> Columns);

    /// <summary>
    /// The best header band starting within a few lines of <paramref name="from"/>: most kinds named, then the best
    /// matches (a line of wrapped values above the header, "位" over 分值, spoils a label), then most tokens inside named
    /// stacks (so a line holding 偏差 above the rest is not left out), then fewest lines.
    /// </summary>
    private Band? FindBand(ImmutableArray<RawRow> rows, int from, string[] kinds, Func<HashSet<string>, bool> qualifies)
    {
        if (!IsPositioned(rows[from])) return null;
        (Band Band, int Kinds, double Score, int Tokens, int Lines)? best = null;
        for (var start = from; start < Math.Min(rows.Length, from + 3); start++)
        {
            if (!IsPositioned(rows[start])) break;
            // (Nor is its first: the last row before a page's repeated header, "益指标 噪声控制 无 >80% 3 2.5", is a row.)
            if (kinds == IndicatorKinds && HoldsScorePair(rows[start])) continue;
            for (var end = start + 1; end <= Math.Min(rows.Length, start + (kinds == IndicatorKinds ? MaxIndicatorBandLines : MaxBandLines)); end++)
            {
                if (!IsPositioned(rows[end - 1]) || end - 1 > start && rows[end - 1].Line - rows[end - 2].Line > 2) break;
                // A line holding a row's 分值 and 得分 is the first row, not the header's last line ("数量指 新建宣 90
                // >=85% 4 4" under a header whose 得 / 分 wrapped): no label of the indicator header is a bare figure.
                if (kinds == IndicatorKinds && end - 1 > start && HoldsScorePair(rows[end - 1])) break;
                var (columns, named, score) = Stacks(rows, start, end, kinds);
                var found = columns.Select(c => c.Kind).ToHashSet();
                if (!qualifies(found)) continue;
                // A band begins and ends with a line of its labels: a line above them that names nothing ("主管部门 上海市…局")
                // is no header line, nor is the first row's line under them, whatever pieces of them the header's reading
                // by order can do without.
                if (columns.All(c => c.Top != start) || columns.All(c => c.Bottom != end - 1)) continue;
                var candidate = (Band: new Band(start, end, columns), Kinds: found.Count, Score: Math.Round(score, 2), Tokens: named, Lines: end - start);
                if (best is not { } b || (candidate.Kinds, candidate.Score, candidate.Tokens, -candidate.Lines).CompareTo((b.Kinds, b.Score, b.Tokens, -b.Lines)) > 0)
                    best = candidate;
            }
        }
        return best?.Band;
    }

    private static bool HoldsScorePair(RawRow row) =>
        row.Cells.Sum(c => c.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(IsSmallFigure)) >= 2;

    /// <summary>
    /// Stacks the tokens of rows [start, end): tokens on neighbouring lines whose columns overlap are one label, read
    /// top to bottom. Each stack that reads as one of <paramref name="kinds"/> is a column (the first of a kind wins).
    /// </summary>
    private (List<Column> Columns, int NamedTokens, double Score) Stacks(ImmutableArray<RawRow> rows, int start, int end, string[] kinds)
    {
        var tokens = new List<Token>();
        for (var r = start; r < end; r++)
            tokens.AddRange(rows[r].Cells.Where(c => !c.IsEmpty).Select(c => new Token(c, r, rows[r].Line ?? r, c.Columns!.Value)));
        var parent = Enumerable.Range(0, tokens.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        // A token joins the overlapping tokens of the nearest line above that has any: a label wrapped around a
        // single-line neighbour ("年初预" / the line of 分值 / "算数") skips the line between.
        for (var b = 0; b < tokens.Count; b++)
            for (var row = tokens[b].Row - 1; row >= start; row--)
            {
                var joined = false;
                for (var a = 0; a < tokens.Count; a++)
                    if (tokens[a].Row == row && tokens[a].At.Overlaps(tokens[b].At)) { parent[Find(a)] = Find(b); joined = true; }
                if (joined) break;
            }
        var groups = tokens.Select((t, k) => (t, k)).GroupBy(x => Find(x.k), x => x.t)
            .Select(g => g.OrderBy(t => t.Row).ThenBy(t => t.At.Start).ToList()).ToList();
        JoinByVocabulary(groups, kinds);
        var byPlace = Named(groups, kinds);
        // Every kind named by place and spelled to the letter, or none but one (no header here: lines of data), or a band
        // of one line: the order has nothing to add. (A kind named by a near spelling may have lost its piece to a
        // neighbour: "值" under "年度指标" given to the "分" beside it, which wanted it more.)
        if (byPlace.Columns.Count == kinds.Length && byPlace.Score >= kinds.Length - 0.01 || byPlace.Columns.Count < 2 || end - start < 2)
            return byPlace;
        var ordered = StacksByOrder(tokens, start, end, kinds);
        JoinByVocabulary(ordered, kinds);
        var byOrder = Named(ordered, kinds);
        // Stacked by place unless the order names more of the header (a tool laying each line at its own widths) — and
        // keeps 一级指标, 二级指标 and 三级指标 in the order every printing has them: labels out of it hold pieces of other cells
        // (the "标" of a vertical 绩效指标 glued to a level label's "标", putting 二级指标 at the page's edge).
        var labels = new[] { "HdrLevel1", "HdrLevel2", "HdrName" }.Select(k => byOrder.Columns.Find(c => c.Kind == k)).OfType<Column>().ToList();
        var levelsInOrder = labels.Zip(labels.Skip(1)).All(p => p.First.Lo < p.Second.Lo);
        return levelsInOrder && (byOrder.Columns.Count, byOrder.Score).CompareTo((byPlace.Columns.Count, byPlace.Score)) > 0 ? byOrder : byPlace;
    }

    /// <summary>The most pieces of one line a header stack takes at once: "实际" and "完" of 实际完 over "成值".</summary>
    private const int MaxPiecesPerLine = 3;

    /// <summary>
    /// Stacks a header band's tokens by their order rather than their places: a wrapped header's labels stand left to right
    /// in the same order on each of its lines, so each line's pieces are paired, in order, with the stacks of the lines
    /// above (a piece may also start a stack of its own, a stack may take no piece), the pairing that spells the most
    /// labels winning — what Chromium's text needs, whose lines each have their own widths ("实际" over "完成值" six
    /// characters apart, "年度" over the "值" of 分值).
    /// </summary>
    private List<List<Token>> StacksByOrder(List<Token> tokens, int start, int end, string[] kinds)
    {
        var values = new Dictionary<string, (double Whole, double Beginning)>(StringComparer.Ordinal);
        var r = start;
        double Value(List<Token> g)
        {
            var text = string.Concat(g.Select(t => t.Text));
            if (!values.TryGetValue(text, out var v))
                values[text] = v = matcher.Match(text, kinds) is { Score: >= 0.8 } m ? (m.Score, 0) : (0, BeginningCredit(text, kinds));
            // A beginning counts only while it grows line by line: a word left lines above (年度 of 年度总体目标) is no
            // label's start. Nor is a whole label spelled by pieces lines apart with another cell printed between them
            // under the upper one ("年度" of 年度总体目标 over "总体", "目标", and "指标值" of the header at last).
            if (v.Whole > 0) return g.Zip(g.Skip(1)).Any(p => p.Second.Row - p.First.Row >= 2 && tokens.Any(t => t.Row > p.First.Row &&
                                        t.Row < p.Second.Row && t.At.Overlaps(p.First.At))) ? 0 : v.Whole;
            return g[^1].Row >= r - 1 && g.Zip(g.Skip(1)).All(p => p.Second.Row - p.First.Row <= 1) ? v.Beginning : 0;
        }
        var stacks = new List<List<Token>>();
        for (; r < end; r++)
        {
            var line = tokens.Where(t => t.Row == r).OrderBy(t => t.At.Start).ToList();
            if (line.Count == 0) continue;
            // A label's line may come as neighbouring pieces ("实际" and "完" of 实际完 / 成值): a stack, new or old, takes
            // a run of up to MaxPiecesPerLine pieces of a line. Two pieces may read the other way round, as Merged reads
            // them ("分析及改进措         偏差原因" over "施": a line laid at its own widths set its first piece last) — lines
            // of a label, never a lone character ("值" "分" of two labels).
            int n = stacks.Count, m = line.Count;
            var best = new double[n + 1, m + 1];
            var move = new (int Kind, int Pieces, bool Swapped)[n + 1, m + 1];
            List<Token> Run(int to, int pieces, bool swapped) => swapped ? [line[to - 1], line[to - 2]] : line.GetRange(to - pieces, pieces);
            for (var i = 0; i <= n; i++)
                for (var j = 0; j <= m; j++)
                {
                    if (i == 0 && j == 0) continue;
                    best[i, j] = double.NegativeInfinity;
                    if (i > 0 && best[i - 1, j] + Value(stacks[i - 1]) > best[i, j]) (best[i, j], move[i, j]) = (best[i - 1, j] + Value(stacks[i - 1]), (1, 0, false));
                    for (var k = 1; k <= Math.Min(j, MaxPiecesPerLine); k++)
                        foreach (var swapped in k == 2 && line[j - 1].Text.Length >= 2 && line[j - 2].Text.Length >= 2 ? [false, true] : new[] { false })
                        {
                            var run = Run(j, k, swapped);
                            if (best[i, j - k] + Value(run) > best[i, j]) (best[i, j], move[i, j]) = (best[i, j - k] + Value(run), (2, k, swapped));
                            if (i == 0) continue;
                            // A small pull toward the piece nearest below, so that equal spellings pair neighbours.
                            var joined = best[i - 1, j - k] + Value([.. stacks[i - 1], .. run]) -
                                         0.001 * Math.Abs(stacks[i - 1][^1].At.Center - run[0].At.Center);
                            if (joined > best[i, j]) (best[i, j], move[i, j]) = (joined, (3, k, swapped));
                        }
                }
            var next = new List<List<Token>>();
            for (int i = n, j = m; i > 0 || j > 0;)
            {
                var (kind, pieces, swapped) = move[i, j];
                switch (kind)
                {
                    case 1: next.Add(stacks[--i]); break;
                    case 2: next.Add(Run(j, pieces, swapped)); j -= pieces; break;
                    default: next.Add([.. stacks[--i], .. Run(j, pieces, swapped)]); j -= pieces; break;
                }
            }
            next.Reverse();
            stacks = next;
        }
        return stacks;
    }

    /// <summary>
    /// What a stack that names no label yet is worth while the lines below may complete it: the start of a label
    /// ("偏差原" over "因分析", its 及改进 and 措施 still to come), worth less than any whole label. Without it the pairing
    /// line by line sees no gain in joining two pieces that spell a label only with the lines after them, and leaves them
    /// apart.
    /// </summary>
    private double BeginningCredit(string text, string[] kinds)
    {
        var key = LabelMatcher.Key(text);
        if (key.Length < 2) return 0;
        var best = 0.0;
        foreach (var kind in kinds)
            if (matcher.Model.Labels.TryGetValue(kind, out var labels))
                foreach (var label in labels)
                {
                    var whole = LabelMatcher.Key(label);
                    if (whole.Length > key.Length && whole.StartsWith(key, StringComparison.Ordinal))
                        best = Math.Max(best, 0.5 * key.Length / whole.Length);
                }
        return best;
    }

    /// <summary>The columns a header band's stacks name (the first of a kind wins), their tokens and their match scores.</summary>
    private (List<Column> Columns, int NamedTokens, double Score) Named(List<List<Token>> groups, string[] kinds)
    {
        var columns = new List<Column>();
        var named = 0;
        var score = 0.0;
        foreach (var parts in groups)
        {
            var text = string.Concat(parts.Select(t => t.Text));
            if (matcher.Match(text, kinds) is not { Score: >= 0.8 } m || columns.Any(c => c.Kind == m.Kind)) continue;
            named += parts.Count;
            score += m.Score;
            var header = parts[0].Cell with { Text = text, Source = parts[0].Cell.Source with { Text = string.Join("\n", parts.Select(t => t.Text)) } };
            columns.Add(new Column(m.Kind, parts.Min(t => t.At.Start), parts.Max(t => t.At.End), header) { Top = parts.Min(t => t.Row), Bottom = parts.Max(t => t.Row) });
        }
        columns.Sort((x, y) => x.Lo.CompareTo(y.Lo));
        return (columns, named, score);
    }

    /// <summary>
    /// Some tools place each line of a page by its own widths, so the two halves of a wrapped label need not overlap
    /// ("分" over "值" five characters apart, or fourteen). A stack that names nothing joins a nearby stack on a neighbouring
    /// line when together they name a header better than that stack alone: the vocabulary decides what the positions cannot.
    /// </summary>
    private void JoinByVocabulary(List<List<Token>> groups, string[] kinds)
    {
        // Scores by text: the same groups and pairs are weighed again after every join.
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        double ScoreOf(List<Token> g)
        {
            var text = string.Concat(g.Select(t => t.Text));
            if (!scores.TryGetValue(text, out var score)) scores[text] = score = matcher.Match(text, kinds)?.Score ?? 0;
            return score;
        }
        while (true)
        {
            (int Loose, int Into, double Gain)? best = null;
            for (var a = 0; a < groups.Count; a++)
            {
                if (ScoreOf(groups[a]) >= 0.8) continue;
                for (var b = 0; b < groups.Count; b++)
                {
                    // Near: within eight characters; within twenty when a lone piece and the other, naming nothing either,
                    // spell a label to the letter together (Chromium sets "分" fourteen characters off the "值" under it).
                    if (a == b) continue;
                    var distance = double.PositiveInfinity;
                    // (A piece side by side with the other on one line is near too: a label a tool laid out at the line's
                    // own widths, "偏差原因        分析及改" over "进措施".)
                    // (On one line, the gap between the two is what counts.)
                    foreach (var x in groups[a])
                        foreach (var y in groups[b])
                            if (Math.Abs(x.Row - y.Row) is 1 or 2)
                                distance = Math.Min(distance, Math.Abs(x.At.Center - y.At.Center));
                            else if (x.Row == y.Row)
                                distance = Math.Min(distance, Math.Max(x.At.Start, y.At.Start) - Math.Min(x.At.End, y.At.End));
                    // The far join is for a lone piece of a label or two characters ("分"), nothing longer.
                    if (distance > 20 || distance > 8 && (groups[a].Count > 1 || groups[a][0].Text.Length > 2 || ScoreOf(groups[b]) >= 0.8)) continue;
                    var merged = Merged(groups[a], groups[b], ScoreOf);
                    var together = ScoreOf(merged);
                    if (distance > 8 && together < 0.99) continue;
                    var gain = together - ScoreOf(groups[b]);
                    if (together >= 0.8 && gain > 0.05 && (best is null || gain > best.Value.Gain)) best = (a, b, gain);
                }
            }
            if (best is not var (loose, into, _)) return;
            groups[into] = Merged(groups[loose], groups[into], ScoreOf);
            groups.RemoveAt(loose);
        }
    }

    /// <summary>
    /// Two stacks as one label, read line by line and left to right on a line; where both have pieces on one line, the
    /// other order on that line is tried too and the better spelling kept — a tool that merges a label's first two lines
    /// into one can put the upper one after the lower ("分析及改进 偏差原因" over "措施").
    /// </summary>
    private static List<Token> Merged(List<Token> a, List<Token> b, Func<List<Token>, double> score)
    {
        var plain = a.Concat(b).OrderBy(t => t.Row).ThenBy(t => t.At.Start).ToList();
        // Two lone pieces of a wrapped label the text set a line apart the other way up ("值" on the line above "分":
        // Chromium's text, whose "分值" cell's lines stand at other heights than the header's other lines): read either way.
        if (a is [var one] && b is [var other] && one.Row != other.Row && one.Text.Trim().Length == 1 && other.Text.Trim().Length == 1)
            return new[] { plain, [.. plain.AsEnumerable().Reverse()] }.MaxBy(score)!;
        // Only lines of a label swap, never a lone character ("分" and "得" of two labels on one line).
        var shared = a.Where(x => b.Any(y => y.Row == x.Row)).Concat(b.Where(y => a.Any(x => x.Row == y.Row))).ToList();
        if (shared.Count == 0 || shared.Any(t => t.Text.Length < 2)) return plain;
        var aFirst = a.Concat(b).OrderBy(t => t.Row).ThenBy(t => b.Contains(t)).ThenBy(t => t.At.Start).ToList();
        var bFirst = a.Concat(b).OrderBy(t => t.Row).ThenBy(t => a.Contains(t)).ThenBy(t => t.At.Start).ToList();
        return new[] { plain, aFirst, bFirst }.MaxBy(score)!;
    }

    private static bool IsIndicatorBand(HashSet<string> kinds) =>
        kinds.Contains("HdrWeight") && kinds.Contains("HdrScore") && kinds.Count >= 4 && IndicatorTextKinds.Count(kinds.Contains) >= 2;

    private static bool IsFundingBand(HashSet<string> kinds) =>
        kinds.Count >= 4 && FundingAmountKinds.Count(kinds.Contains) >= 2;

    /// <summary>Each column's territory: from halfway to its left neighbour to halfway to its right one.</summary>
    private static void SetTerritories(List<Column> columns)
    {
        for (var j = 0; j < columns.Count; j++)
        {
            columns[j].Left = j == 0 ? double.NegativeInfinity : (columns[j - 1].Hi + columns[j].Lo) / 2.0;
            columns[j].Right = j == columns.Count - 1 ? double.PositiveInfinity : (columns[j].Hi + columns[j + 1].Lo) / 2.0;
        }
    }

    // ---- the indicator table -------------------------------------------------------------------------------------

    /// <summary>The indicator block runs to the 总分 row, a funding header, or the end of the text.</summary>
    private int IndicatorBlockEnd(ImmutableArray<RawRow> rows, int from)
    {
        for (var r = from; r < rows.Length; r++)
        {
            if (!IsPositioned(rows[r])) return r;
            var first = rows[r].Cells.FirstOrDefault(c => !c.IsEmpty);
            if (first is not null && matcher.Match(first.Text, "Total") is { Score: >= 0.9 }) return WrappedTotal(rows, r - 1) is not null ? r - 1 : r;
            if (matcher.Match(first?.Text, "Title") is { Score: >= 0.9 }) return r;
        }
        return rows.Length;
    }

    private IEnumerable<RawRow> RebuildIndicators(ImmutableArray<RawRow> rows, Band band, int end, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var columns = band.Columns;
        SetTerritories(columns);
        columns = SettledOnRows(rows, band, end, columns);
        var lines = new List<(int Row, List<(Token Token, int Column)> Placed)>();
        var current = columns;
        // A page whose columns could not be mapped from the first's: its full rows are read in their cells' order.
        var unplaced = false;
        var columnsOf = new Dictionary<int, List<Column>>();
        var block = rows[band.Start].Block;
        for (var r = band.End; r < end; r++)
        {
            // The header printed again on the next page: its lines are no data, and its columns are that page's.
            if (FindBand(rows, r, IndicatorKinds, IsIndicatorBand) is { Start: var s, End: var e } again && s == r)
            {
                if (again.Columns.Select(c => c.Kind).SequenceEqual(columns.Select(c => c.Kind)))
                {
                    current = again.Columns;
                    SetTerritories(current);
                }
                unplaced = false;
                block = rows[r].Block;
                r = e - 1;
                continue;
            }
            // A page without the header (a form feed in the dump): the same columns, placed by that page's own scale.
            if (rows[r].Block != block)
            {
                block = rows[r].Block;
                (current, unplaced) = OnNewPage(rows, band, r, end, columns);
            }
            var tokens = Tokens(rows, r, current[0].Lo);
            if (tokens.Count == 0) continue;
            lines.Add((r, (unplaced ? InCellOrder(tokens, current) : null) ?? AlignIndicatorLine(tokens, current)));
            columnsOf[r] = current;
        }
        var weight = columns.FindIndex(c => c.Kind == "HdrWeight");
        var score = columns.FindIndex(c => c.Kind == "HdrScore");
        var levelColumns = columns.Select((c, j) => (c, j)).Where(x => x.c.Kind is "HdrLevel1" or "HdrLevel2").Select(x => x.j).ToHashSet();
        UnstackColumnBlocks(rows, lines, levelColumns, weight, score);
        DealColumnRuns(lines, columns);
        JoinSplitPairs(rows, lines, weight, score, (row, tokens) => Align(tokens, columnsOf[row].Take(weight).ToList()));
        GluedWeightScorePairs(lines, weight, score, diagnostics);
        var anchors = IndicatorAnchors(rows, lines, weight, score);
        if (anchors.Count == 0)
        {
            // No row could be placed: the lines stay as they were for the normalizer to read by position.
            for (var r = band.Start; r < end; r++) yield return rows[r];
            yield break;
        }
        // 分值 and 得分 hold one figure, the row's own: a figure on a line between rows is a wrapped target or actual
        // however near the 分值 label it stands, and is placed again with those two columns closed to it.
        var isAnchor = anchors.ToHashSet();
        for (var li = 0; li < lines.Count; li++)
            if (!isAnchor.Contains(lines[li].Row) && lines[li].Placed.Any(p => p.Column == weight || p.Column == score))
                lines[li] = (lines[li].Row, Align([.. lines[li].Placed.Select(p => p.Token)], columnsOf[lines[li].Row], closed: [weight, score]));
        // (A word that reads as no piece of a level's name is no level label's line, however flush it stands with one.)
        // (And a line between rows holds no 分值 or 得分, as above, however flush a word stands with the row's: "障", the
        // last character of "未发生故" / "障", set at its own line's widths under the 分值 above it.)
        AlignWithNeighbours(lines, anchors, (column, text) => column != weight && column != score &&
            (!levelColumns.Contains(column) || IsLevelPiece(text) || TextCleaner.Compact(text) is "标" or "指标" || matcher.MatchLevel(text) is not null));
        UnitsUnderTheirFigures(lines);
        MeasuresBetweenNameLines(lines, anchors, columns);
        NameRestsBesideWholeMeasures(lines, anchors, columns);
        var level = new[] { columns.FindIndex(c => c.Kind == "HdrLevel1"), columns.FindIndex(c => c.Kind == "HdrLevel2") };
        var nameColumn = columns.FindIndex(c => c.Kind == "HdrName");
        var dealt = DealtByColumn(lines, anchors, [.. level, weight, score]);
        var interleaved = RowsBesideTheirPairs(rows, lines, anchors, nameColumn, level, (weight, score), dealt);
        int[] measures = [columns.FindIndex(c => c.Kind == "HdrTarget"), columns.FindIndex(c => c.Kind == "HdrActual")];
        var note = columns.FindIndex(c => c.Kind == "HdrNote");
        var pieces = Attach(rows, lines, anchors, columns.Count, skip: level, nameColumn: nameColumn, dealt: dealt, units: matcher.Model.Units, measures: measures, noteColumn: note);
        if (NameFromOwnLine(lines, anchors, pieces, nameColumn, columns))
            pieces = Attach(rows, lines, anchors, columns.Count, skip: level, nameColumn: nameColumn, dealt: dealt, units: matcher.Model.Units, measures: measures, noteColumn: note);
        NamesCutWhereALineRunsLonger(anchors, pieces, nameColumn);
        foreach (var lv in level.Where(j => j >= 0))
            SpreadLevels(rows, lines, anchors, pieces, lv, columns[lv].Kind == "HdrLevel2" ? nameColumn : -1);
        yield return Header(rows[band.Start], columns);
        // A row whose lines stood around another's whole line is the first of the two, as its name's line is.
        var order = anchors.ToList();
        foreach (var (first, second) in interleaved)
            (order[order.IndexOf(first)], order[order.IndexOf(second)]) = (second, first);
        foreach (var anchor in order)
            yield return Row(rows[anchor], pieces[anchor], columns.Count) with { Block = rows[band.Start].Block };
    }

    /// <summary>
    /// Rows printed a column at a time. pdftotext may print the cells of two or three rows whose lines it could not tell
    /// apart column by column ("完成巡查次数" / "培训场次", then "&gt;80%" / "持续", "90%" / "持续", then "2 2" / "13 10
    /// 资金执行偏慢"): a run of lines whose first cells step right group by group, each group as many lines as the last
    /// one's, which holds each line's 分值 and 得分 (and the cells just before them at most: "12次 1 1" / "基本完善 14 14"),
    /// is those rows — the i-th line of each group is the i-th row's. (The 一级/二级指标 pieces stay on their lines: a
    /// merged label spans the rows anyway.)
    /// </summary>
    private static void UnstackColumnBlocks(ImmutableArray<RawRow> rows, List<(int Row, List<(Token Token, int Column)> Placed)> lines,
        HashSet<int> levels, int weight, int score)
    {
        if (weight < 0 || score < 0) return;
        var pairColumn = Math.Min(weight, score);
        int Lead(List<(Token Token, int Column)> placed) => placed.Where(p => !levels.Contains(p.Column)).Select(p => p.Column).DefaultIfEmpty(-1).Min();
        bool Pair(List<(Token Token, int Column)> placed) => placed.Count(p => p.Column == weight) == 1 && placed.Count(p => p.Column == score) == 1;
        for (var start = 0; start < lines.Count; start++)
        {
            var groups = new List<List<int>>();
            var lastLead = -1;
            for (var k = start; k < lines.Count; k++)
            {
                if (k > start && lines[k].Row != lines[k - 1].Row + 1) break;
                var lead = Lead(lines[k].Placed);
                if (lead < 0) break;
                if (groups.Count > 0 && lead == lastLead) groups[^1].Add(k);
                else if (lead > lastLead) { groups.Add([k]); lastLead = lead; }
                else break;
                if (Pair(lines[k].Placed) && groups[^1].Count >= groups[0].Count) break;
            }
            // (The group of pairs may run on past the rows: only the lines the other groups have are theirs. Its lines
            // may hold the cells just before the pair too: "12次 1 1" / "基本完善 14 14", each row's actual.)
            if (groups.Count < 2 || !Pair(lines[groups[^1][0]].Placed)) continue;
            var n = groups[0].Count;
            if (n < 2 || groups.Any(g => g.Count != n) || !groups[^1].All(k => Pair(lines[k].Placed)) ||
                groups.SkipLast(1).Any(g => g.Any(k => lines[k].Placed.Any(p => p.Column >= pairColumn))))
                continue;
            for (var j = 1; j < groups.Count; j++)
                for (var i = 0; i < n; i++)
                {
                    var (to, from) = (groups[0][i], groups[j][i]);
                    var row = lines[to].Row;
                    var moved = lines[from].Placed.Where(p => !levels.Contains(p.Column)).ToList();
                    lines[from].Placed.RemoveAll(moved.Contains);
                    lines[to].Placed.AddRange(moved.Select(p => (p.Token with { Row = row, Line = rows[row].Line ?? row }, p.Column)));
                }
            foreach (var (_, placed) in lines) placed.Sort((a, b) => a.Token.At.Start.CompareTo(b.Token.At.Start));
            lines.RemoveAll(l => l.Placed.Count == 0);
        }
    }

    /// <summary>
    /// The header's columns moved onto the cells under them where the rows say the header line stands elsewhere: labels
    /// centred over cells set left (Writer: 年度指标值 begins where the rows' names end), or a header line packed with
    /// characters set narrower than the rows under it. A name's wrapped end ("对优化营商环境持续发挥" / "作用") then falls in
    /// the target's column by the header. Each of the five cells of the full rows (a name, the two measures, 分值, 得分)
    /// that starts outside its own column's territory moves that column to run from where its cells start to where the
    /// next one's start, and the columns beside it give way — where the rows are laid at one width only.
    /// </summary>
    private List<Column> SettledOnRows(ImmutableArray<RawRow> rows, Band band, int end, List<Column> columns)
    {
        if (band.End >= end || FullRowColumns(columns) is not (>= 0 and var name)) return columns;
        if (FullRowStarts(rows, band.End, end, rows[band.End].Block, minRows: 3) is not { } full) return columns;
        // Only rows laid at one width measure the header: where each line is laid at its own, the cells of the rows
        // stand apart from one another as much as from the header, and the header is the surer.
        if (full.Any(xs => xs.Count(x => Math.Abs(x - xs[xs.Count / 2]) <= 2) * 3 < xs.Count * 2)) return columns;
        var starts = full.Select(xs => (double)xs[xs.Count / 2]).ToArray();
        if (Enumerable.Range(0, 5).All(q => starts[q] >= columns[name + q].Left && starts[q] < columns[name + q].Right)) return columns;
        // The rows' cells keep the header's order, or they are no measure of it.
        if (starts.Zip(starts.Skip(1)).Any(p => p.Second <= p.First)) return columns;
        // Only the columns whose cells start outside them move; the others stand where the header put them.
        var inside = Enumerable.Range(0, 5).Select(q => starts[q] >= columns[name + q].Left && starts[q] < columns[name + q].Right).ToArray();
        var settled = columns.ToList();
        for (var q = 4; q >= 0; q--)
        {
            if (inside[q]) continue;
            var c = columns[name + q];
            var lo = (int)starts[q];
            var hi = q == 4 ? lo + 2 : Math.Min((int)starts[q + 1], settled[name + q + 1].Lo) - 2;
            settled[name + q] = new Column(c.Kind, lo, Math.Max(lo, hi), c.Header);
        }
        // The columns either side of the five give way to them.
        var first = settled[name].Lo;
        var last = settled[name + 4].Hi;
        for (var j = 0; j < name; j++)
            settled[j] = settled[j] with { Lo = Math.Min(settled[j].Lo, first - 1), Hi = Math.Min(settled[j].Hi, first - 1) };
        for (var j = name + 5; j < columns.Count; j++)
            settled[j] = settled[j] with { Lo = Math.Max(settled[j].Lo, last + 1), Hi = Math.Max(settled[j].Hi, last + 1) };
        for (var q = 0; q < 4; q++)
            if (inside[q] && settled[name + q].Hi >= settled[name + q + 1].Lo)
                settled[name + q] = settled[name + q] with { Hi = Math.Max(settled[name + q].Lo, settled[name + q + 1].Lo - 1) };
        SetTerritories(settled);
        return settled;
    }

    /// <summary>
    /// The header's columns on a later page of the dump. The layout tool places a page's words by that page's own
    /// character width, so the table's columns stand elsewhere in characters though not in print. Where a cell starts
    /// in a full row (三级指标, the two measures, 分值, 得分) is measured on both pages, and the map from one page's
    /// characters to the other's (a scale and a shift, fitted to those five) moves the header's columns; with fewer
    /// full rows, the 分值/得分 pair alone gives it.
    /// </summary>
    private (List<Column> Columns, bool Unplaced) OnNewPage(ImmutableArray<RawRow> rows, Band band, int from, int end, List<Column> columns)
    {
        if ((FitByCells(rows, band, from, end) ?? FitByPair(rows, band, from, end)) is not var (scale, shift)) return (columns, true);
        // A page set at another character width is not set at half or twice it: a fit beyond that is a misreading.
        if (scale is < 0.5 or > 2) return (columns, true);
        var moved = columns.Select(c => new Column(c.Kind, (int)Math.Round(scale * c.Lo + shift), (int)Math.Round(scale * c.Hi + shift), c.Header)).ToList();
        LevelsFromPageEdge(rows, from, end, columns, moved);
        SetTerritories(moved);
        return (moved, false);
    }

    /// <summary>
    /// The column of 三级指标 where the two measures and the 分值/得分 pair follow it side by side, as a full row's five
    /// cells do; -1 where the header has them otherwise.
    /// </summary>
    private static int FullRowColumns(List<Column> columns)
    {
        var name = columns.FindIndex(c => c.Kind == "HdrName");
        var weight = columns.FindIndex(c => c.Kind == "HdrWeight");
        var score = columns.FindIndex(c => c.Kind == "HdrScore");
        return name >= 0 && name + 4 < columns.Count && columns.Skip(name + 1).Take(2).All(c => c.Kind is "HdrTarget" or "HdrActual") &&
               Math.Min(weight, score) == name + 3 && Math.Max(weight, score) == name + 4 ? name : -1;
    }

    /// <summary>
    /// The columns left of 三级指标 on a later page. The map is fitted to the five cells of full rows, all right of them;
    /// carried out to the page's left edge it misplaces the 一级/二级指标 (a page at 0.72 of the first's width put 一级
    /// where the page prints 二级: every label after the break was lost). Where the page's words begin left of the fitted
    /// first column, they lie between the page's left edge — its leftmost word — and where its names start, in the
    /// proportions the header gave them.
    /// </summary>
    private void LevelsFromPageEdge(ImmutableArray<RawRow> rows, int from, int end, List<Column> columns, List<Column> moved)
    {
        var name = columns.FindIndex(c => c.Kind == "HdrName");
        if (name <= 0 || columns[name].Lo <= columns[0].Lo) return;
        var block = rows[from].Block;
        var starts = new List<int>();
        for (var r = from; r < end && rows[r].Block == block && IsPositioned(rows[r]); r++)
            if (rows[r].Cells.FirstOrDefault(c => !c.IsEmpty && !IsVerticalPiece(c.Text)) is { Columns: { } at }) starts.Add(at.Start);
        // Where the page's words begin no further left than the fitted first column, the fit stands.
        if (starts.Count == 0 || starts.Min() >= moved[0].Lo) return;
        // The names' own start on the page where full rows show it: the fit is surest in the middle of the table.
        double left = starts.Min(), right = CellStarts(rows, from, end, block, minRows: 1)?[0] ?? moved[name].Lo;
        double headerLeft = columns[0].Lo, headerRight = columns[name].Lo;
        if (right <= left) return;
        var scale = (right - left) / (headerRight - headerLeft);
        int At(int x) => (int)Math.Round(left + (x - headerLeft) * scale);
        for (var j = 0; j < name; j++)
            moved[j] = moved[j] with { Lo = At(columns[j].Lo), Hi = Math.Min(At(columns[j].Hi), (int)right - 1) };
    }

    /// <summary>
    /// A full row on a page whose columns are not known, read by its cells' order: the level names the template knows
    /// (exactly) first, then three phrases — 三级指标 and the two measures in the header's order — the 分值/得分 pair and a
    /// note of words. A page that holds a row or two (the table's end run over) is laid at widths of its own, not a
    /// scale of the first page's, and its positions name no column; null for any other line, which is placed by position.
    /// </summary>
    private List<(Token Token, int Column)>? InCellOrder(List<Token> tokens, List<Column> columns)
    {
        if (FullRowColumns(columns) is not (>= 0 and var name)) return null;
        var pair = tokens.FindLastIndex(t => IsSmallFigure(t.Text));
        if (pair < 1 || !IsSmallFigure(tokens[pair - 1].Text) || tokens.Skip(pair + 1).Any(t => IsFigure(t.Text))) return null;
        var placed = new List<(Token Token, int Column)>(tokens.Count);
        var i = 0;
        for (; i < pair - 1 && matcher.MatchLevel(tokens[i].Text) is { IsExact: true } level; i++)
        {
            var column = columns.FindIndex(c => c.Kind == (level.IsLevel1 ? "HdrLevel1" : "HdrLevel2"));
            if (column < 0) return null;
            placed.Add((tokens[i], column));
        }
        var phrases = new List<List<Token>>();
        for (; i < pair - 1; i++)
        {
            if (phrases.Count > 0 && IsUnitAfter(phrases[^1][^1], tokens[i])) phrases[^1].Add(tokens[i]);
            else phrases.Add([tokens[i]]);
        }
        if (phrases.Count != 3 || IsFigure(phrases[0][0].Text)) return null;
        for (var q = 0; q < 3; q++) placed.AddRange(phrases[q].Select(t => (t, name + q)));
        placed.Add((tokens[pair - 1], name + 3));
        placed.Add((tokens[pair], name + 4));
        if (pair + 1 < tokens.Count)
        {
            if (name + 5 >= columns.Count) return null;
            placed.AddRange(tokens.Skip(pair + 1).Select(t => (t, name + 5)));
        }
        return placed;
    }

    private (double Scale, double Shift)? FitByCells(ImmutableArray<RawRow> rows, Band band, int from, int end)
    {
        var before = CellStarts(rows, band.End, from, rows[band.End < from ? band.End : from].Block, minRows: 2);
        // A page may hold one row only (the table's last, run over): its five cells fit the map too, if they fit it
        // closely — one row's cells have no median to steady them, so a cell read out of place must not bend the map.
        var after = CellStarts(rows, from, end, rows[from].Block, minRows: 2);
        var oneRow = after is null;
        after ??= CellStarts(rows, from, end, rows[from].Block, minRows: 1);
        if (before is null || after is null) return null;
        // Least squares over the five cells' starts.
        double n = before.Length, sx = before.Sum(), sy = after.Sum(), sxx = before.Sum(x => x * x), sxy = before.Zip(after, (x, y) => x * y).Sum();
        var d = n * sxx - sx * sx;
        if (d <= 0) return null;
        var scale = (n * sxy - sx * sy) / d;
        var shift = (sy - scale * sx) / n;
        if (oneRow && before.Zip(after).Any(p => Math.Abs(scale * p.First + shift - p.Second) > MaxCellMisfit)) return null;
        return (scale, shift);
    }

    /// <summary>How far, in characters, a cell's start may stand from where the fitted map puts it.</summary>
    private const double MaxCellMisfit = 3;

    /// <summary>
    /// Median starts of the five cells of the full rows of one block (a name, two measures, 分值 and 得分, after any
    /// level words), or null when fewer than <paramref name="minRows"/> rows are full.
    /// </summary>
    private double[]? CellStarts(ImmutableArray<RawRow> rows, int from, int end, int block, int minRows) =>
        FullRowStarts(rows, from, end, block, minRows) is { } starts ? [.. starts.Select(xs => (double)xs[xs.Count / 2])] : null;

    /// <summary>The sorted starts of each of the five cells of the full rows of one block, as <see cref="CellStarts"/> reads them.</summary>
    private List<int>[]? FullRowStarts(ImmutableArray<RawRow> rows, int from, int end, int block, int minRows)
    {
        var starts = Enumerable.Range(0, 5).Select(_ => new List<int>()).ToArray();
        for (var r = from; r < end && rows[r].Block == block; r++)
        {
            if (!IsPositioned(rows[r])) break;
            // Level words and their pieces lead a row ("产出指" / "标" of a wrapped 一级指标): the row's cells follow them.
            // A word only like a level ("受众满意度", near 满意度指标) may be the row's name: it is taken for a level only
            // while the words after it still hold the row's three cells.
            var all = Tokens(rows, r, 0);
            var sure = all.TakeWhile(t => matcher.MatchLevel(t.Text) is { IsExact: true } || TextCleaner.Compact(t.Text).Length <= 1).Count();
            var likely = all.TakeWhile(t => matcher.MatchLevel(t.Text) is not null || TextCleaner.Compact(t.Text).Length <= 1).Count();
            List<Token>? tokens = null, phrases = null;
            var last = -1;
            for (var skip = likely; skip >= sure && phrases is null; skip--)
            {
                var rest = all.Skip(skip).ToList();
                var pair = rest.FindLastIndex(t => IsSmallFigure(t.Text));
                if (pair < 1 || !IsSmallFigure(rest[pair - 1].Text)) break;
                var cells = new List<Token>();
                for (var i = 0; i < pair - 1; i++)
                    if (i == 0 || !IsUnitAfter(rest[i - 1], rest[i])) cells.Add(rest[i]);
                if (cells.Count == 3 && !IsFigure(cells[0].Text)) (tokens, phrases, last) = (rest, cells, pair);
            }
            if (tokens is null || phrases is null) continue;
            starts[0].Add(phrases[0].At.Start);
            starts[1].Add(phrases[1].At.Start);
            starts[2].Add(phrases[2].At.Start);
            starts[3].Add(tokens[last - 1].At.Start);
            starts[4].Add(tokens[last].At.Start);
        }
        if (starts[0].Count < minRows) return null;
        foreach (var xs in starts) xs.Sort();
        return starts;
    }

    /// <summary>How far apart, in characters, a page's 分值 and 得分 must start to measure its scale by.</summary>
    private const double MinPairGapForScale = 4;

    /// <summary>Where the leftmost word of one page's lines starts (from the block of the first line on).</summary>
    private static int? LeftEdge(ImmutableArray<RawRow> rows, int from, int end)
    {
        int? left = null;
        for (var r = from; r < end && rows[r].Block == rows[from].Block; r++)
            foreach (var cell in rows[r].Cells)
                if (!cell.IsEmpty && cell.Columns is { } at && (left is null || at.Start < left)) left = at.Start;
        return left;
    }

    private static (double Scale, double Shift)? FitByPair(ImmutableArray<RawRow> rows, Band band, int from, int end)
    {
        var before = WeightScoreStarts(rows, band.End, from, rows[band.End < from ? band.End : from].Block);
        var after = WeightScoreStarts(rows, from, end, rows[from].Block);
        if (before is not var (w, sc) || after is not var (w2, s2) || sc - w < 2 || s2 - w2 < 2) return null;
        // Two figures a few characters apart measure no scale: a character more or less between them on either page
        // halves or doubles it. The table's left edge and the 分值 are far apart on both pages, and measure it instead.
        if (Math.Min(sc - w, s2 - w2) < MinPairGapForScale && LeftEdge(rows, band.End, from) is { } left && LeftEdge(rows, from, end) is { } left2 &&
            w - left >= 10 && w2 - left2 >= 10)
        {
            var byEdge = (w2 - left2) / (w - left);
            return (byEdge, left2 - byEdge * left);
        }
        var scale = (s2 - w2) / (sc - w);
        return (scale, w2 - scale * w);
    }

    /// <summary>Median starts of the last two small figures of the lines of one block: a row's 分值 and 得分.</summary>
    private static (double Weight, double Score)? WeightScoreStarts(ImmutableArray<RawRow> rows, int from, int end, int block)
    {
        var weights = new List<int>();
        var scores = new List<int>();
        for (var r = from; r < end && rows[r].Block == block; r++)
        {
            var cells = rows[r].Cells.Where(c => !c.IsEmpty && c.Columns is not null).ToList();
            var last = cells.FindLastIndex(c => IsSmallFigure(c.Text));
            if (last < 1 || !IsSmallFigure(cells[last - 1].Text) || cells.Count < 3) continue;
            weights.Add(cells[last - 1].Columns!.Value.Start);
            scores.Add(cells[last].Columns!.Value.Start);
        }
        if (weights.Count == 0) return null;
        return (Median(weights), Median(scores));

        static double Median(List<int> xs) { xs.Sort(); return xs[xs.Count / 2]; }
    }

    /// <summary>
    /// An indicator line placed by position; where that leaves 分值 or 得分 without its figure but the line ends in a
    /// pair of small figures (and text after them at most), the pair is the 分值/得分 — the header's labels are narrow and
    /// the tool may print the figures a column to their right — and the words on either side are placed by position
    /// among the columns left of the pair and right of it.
    /// </summary>
    private List<(Token Token, int Column)> AlignIndicatorLine(List<Token> tokens, List<Column> columns) =>
        InOrderOfMeasures(ByWeightScorePair(tokens, columns), columns);

    /// <summary>
    /// A row's 三级指标, 年度指标值 and 实际完成值 stand side by side before its 分值: when a line holds exactly three
    /// phrases there (a unit printed apart from its figure is one phrase with it), they are those three cells in the
    /// header's order, whatever their character columns say. Positions decide only when a cell of the three is missing
    /// from the line (a name wrapped onto the lines around it, an empty target): a tool that centres each cell, or lays
    /// each line at its own widths, moves a long name right into the target's territory, and the phrases' count is
    /// surer than their places.
    /// </summary>
    private List<(Token Token, int Column)> InOrderOfMeasures(List<(Token Token, int Column)> placed, List<Column> columns)
    {
        var name = columns.FindIndex(c => c.Kind == "HdrName");
        if (name < 0 || name + 4 >= columns.Count) return placed;
        // The three columns and then the 分值/得分 pair, in this printing's order.
        var middle = new[] { name, name + 1, name + 2 };
        if (!middle.Skip(1).All(j => columns[j].Kind is "HdrTarget" or "HdrActual") ||
            columns[name + 3].Kind is not ("HdrWeight" or "HdrScore") || columns[name + 4].Kind is not ("HdrWeight" or "HdrScore"))
            return placed;
        if (placed.Count(p => p.Column > name + 2 && p.Column <= name + 4 && IsFigure(p.Token.Text)) != 2) return placed;
        var inside = placed.Select((p, i) => (p, i)).Where(x => x.p.Column >= name && x.p.Column <= name + 2).ToList();
        if (inside.Count < 3) return placed;
        var phrases = new List<List<int>>();
        foreach (var (p, i) in inside)
        {
            if (phrases.Count > 0 && phrases[^1][^1] == i - 1 && IsUnitAfter(placed[i - 1].Token, p.Token)) phrases[^1].Add(i);
            else phrases.Add([i]);
        }
        // A name wrapped beside one-line measures is printed on their line ("维护点位    数 ≥2000人次 2136人次": the
        // cells are centred in the row, and the name's two lines flank the measures' one): a piece of words between the
        // name and two whole measures is the name's rest — two measures side by side are the target and the actual.
        if (phrases.Count == 4 && phrases[1] is [var rest] && TextCleaner.Compact(placed[rest].Token.Text) is { Length: > 0 } words &&
            words.All(c => c > 0x2E80) && !HoldsFigure(placed[rest].Token) &&
            phrases.Skip(2).All(q => HoldsFigure(placed[q[0]].Token) && StartsWithComparisonOrDigit(placed[q[0]].Token.Text)))
        {
            phrases[0].Add(rest);
            phrases.RemoveAt(1);
        }
        // A wrapped measure's last character on its line, after a gap ("提升 有所提     升 8 8": a line laid at its own
        // widths), ends the measure before it: one character of words is no cell of its own there.
        else if (phrases.Count == 4 && phrases[3] is [var tail] && TextCleaner.Compact(placed[tail].Token.Text) is [var last] && last > 0x2E80 &&
                 phrases[2] is [var cut] && TextCleaner.Compact(placed[cut].Token.Text) is { Length: >= 2 } words2 && words2.All(c => c > 0x2E80))
        {
            phrases[2].Add(tail);
            phrases.RemoveAt(3);
        }
        if (phrases.Count != 3) return placed;
        var result = placed.ToList();
        for (var q = 0; q < 3; q++)
            foreach (var i in phrases[q]) result[i] = (placed[i].Token, middle[q]);
        return result;
    }

    private List<(Token Token, int Column)> ByWeightScorePair(List<Token> tokens, List<Column> columns)
    {
        var placed = Align(tokens, columns);
        var weight = columns.FindIndex(c => c.Kind == "HdrWeight");
        var score = columns.FindIndex(c => c.Kind == "HdrScore");
        // (Both filled is not enough where a bare figure went past them, to 偏差原因: a line at its own widths printed
        // "90 3 3" a column to the right, the actual under 分值; a note is words, never a bare figure.)
        var smalls = tokens.Where(t => IsSmallFigure(t.Text)).TakeLast(2).ToList();
        var pastPair = placed.Any(p => p.Column > Math.Max(weight, score) && smalls.Contains(p.Token)) &&
                       placed.Any(p => (p.Column == weight || p.Column == score) && !smalls.Contains(p.Token) && IsSmallFigure(p.Token.Text));
        if (weight < 0 || score < 0 || placed.Count(p => (p.Column == weight || p.Column == score) && IsFigure(p.Token.Text)) == 2 && !pastPair)
            return placed;
        var last = tokens.FindLastIndex(t => IsSmallFigure(t.Text));
        if (last < 1 || !IsSmallFigure(tokens[last - 1].Text) || tokens.Skip(last + 1).Any(t => IsFigure(t.Text))) return placed;
        var (first, second) = weight < score ? (weight, score) : (score, weight);
        if (second != first + 1) return placed;
        var result = new List<(Token Token, int Column)>(tokens.Count);
        var left = tokens.Take(last - 1).ToList();
        if (left.Count > 0)
        {
            if (first == 0) return placed;
            result.AddRange(Align(left, columns.Take(first).ToList()));
        }
        result.Add((tokens[last - 1], first));
        result.Add((tokens[last], second));
        var right = tokens.Skip(last + 1).ToList();
        if (right.Count > 0)
        {
            if (second == columns.Count - 1) return placed;
            result.AddRange(Align(right, columns.Skip(second + 1).ToList()).Select(p => (p.Token, p.Column + second + 1)));
        }
        return result;
    }

    private static bool IsSmallFigure(string text) =>
        NumberParser.TryParse(TextCleaner.Clean(text), out var n) && !n.Percent && n.Value <= 100;

    /// <summary>
    /// True when the rows' figures of one column stand at one character column, as a layout prints them: most within three
    /// characters of their median, by their starts or, for figures set flush right or centred, by their ends or centres. Text written with one
    /// space between cells (<c>pdftotext -raw</c>, a viewer's copy) has its figures wherever the text before them ends; its
    /// positions are no columns and it is left to be read in order.
    /// </summary>
    private static bool IsColumnar(List<TextColumns> figures) =>
        IsColumnar(figures.Select(f => f.Start)) || IsColumnar(figures.Select(f => f.End)) ||
        IsColumnar(figures.Select(f => (int)Math.Round(f.Center)));

    private static bool IsColumnar(IEnumerable<int> starts)
    {
        var xs = starts.Order().ToList();
        if (xs.Count < 2) return xs.Count == 1;
        var median = xs[xs.Count / 2];
        return xs.Count(x => Math.Abs(x - median) <= 3) >= 0.6 * xs.Count;
    }

    /// <summary>
    /// The lines that are indicator rows: a figure under 分值 and one under 得分; or one figure there, a 分值 or 得分 of at
    /// most 100, and something besides it, on a line no full row stands next to. A wrapped target or actual centred
    /// over its row ("≥2000 2136" above "覆盖社区数 7 5", "人次 人次" below) can stand under the 分值 label when the
    /// labels are narrow; beside a full row it is that row's piece, not a row of its own.
    /// </summary>
    private static List<int> IndicatorAnchors(ImmutableArray<RawRow> rows, List<(int Row, List<(Token Token, int Column)> Placed)> lines,
        int weight, int score)
    {
        List<(Token Token, int Column)> Figures(List<(Token Token, int Column)> placed) =>
            [.. placed.Where(p => (p.Column == weight || p.Column == score) && IsFigure(p.Token.Text))];
        var full = lines.Where(l => Figures(l.Placed).Count == 2).Select(l => rows[l.Row].Line ?? l.Row).ToHashSet();
        return [.. lines.Where(l => Figures(l.Placed) is var f && (f.Count == 2 ||
                f.Count == 1 && l.Placed.Count >= 2 && IsSmallFigure(f[0].Token.Text) &&
                !full.Any(x => Math.Abs(x - (rows[l.Row].Line ?? l.Row)) is >= 1 and <= 2)))
            .Select(l => l.Row)];
    }

    /// <summary>
    /// A 分值 and 得分 printed close enough for the dump to glue them ("11": 分值 1, 得分 1; "106": 10 and 6), on a line
    /// whose cells before them are a row's: the line's one figure under the pair is digits that cut one way only into a
    /// 分值 of 1 to 100 and a 得分 no greater (no piece but "0" starts with a zero). A 分值 of two digits beside an empty
    /// 得分 reads the same, so the form's arithmetic decides: the cuts are taken only where the block's 分值, its whole
    /// rows' and the cut ones', add up to what a form's indicators weigh (100, or 90 beside the 执行率's 10) and the
    /// glued figures read as 分值 would not. Each cut line is warned: a reading the arithmetic chose.
    /// </summary>
    private static void GluedWeightScorePairs(List<(int Row, List<(Token Token, int Column)> Placed)> lines, int weight, int score,
        ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (weight < 0 || score < 0 || score != weight + 1) return;
        List<(Token Token, int Column)> Figures(List<(Token Token, int Column)> placed) =>
            [.. placed.Where(p => (p.Column == weight || p.Column == score) && IsFigure(p.Token.Text))];
        var whole = 0m;
        var cuts = new List<(int Line, Token Glued, string Weight, string Score)>();
        for (var li = 0; li < lines.Count; li++)
        {
            var placed = lines[li].Placed;
            var figures = Figures(placed);
            if (figures.Count == 2)
            {
                if (!NumberParser.TryParse(TextCleaner.Clean(figures[0].Token.Text), out var w)) return;
                whole += w.Value;
                continue;
            }
            if (figures is not [var glued] || placed.Count(p => p.Column < weight) < 2 || placed.Any(p => p.Column > score && IsFigure(p.Token.Text)) ||
                !GluedPair().IsMatch(glued.Token.Text))
                continue;
            var text = glued.Token.Text;
            var splits = Enumerable.Range(1, text.Length - 1)
                .Select(k => (Weight: text[..k], Score: text[k..]))
                .Where(x => !x.Weight.Contains('.') && x.Score[0] != '.' && (x.Score[0] != '0' || x.Score == "0" || x.Score.StartsWith("0.", StringComparison.Ordinal)) &&
                            int.Parse(x.Weight, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 100 &&
                            decimal.Parse(x.Score, System.Globalization.CultureInfo.InvariantCulture) <= int.Parse(x.Weight, System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            if (splits.Count != 1) continue;
            cuts.Add((li, glued.Token, splits[0].Weight, splits[0].Score));
        }
        if (cuts.Count == 0) return;
        var cut = whole + cuts.Sum(c => int.Parse(c.Weight, System.Globalization.CultureInfo.InvariantCulture));
        var uncut = whole + cuts.Sum(c => decimal.Parse(c.Glued.Text, System.Globalization.CultureInfo.InvariantCulture));
        if (cut is not (90 or 100) || uncut is 90 or 100) return;
        foreach (var (li, glued, w, s) in cuts)
        {
            var placed = lines[li].Placed;
            var at = placed.FindIndex(p => ReferenceEquals(p.Token, glued));
            var start = glued.At.Start;
            var weightToken = glued with { Cell = glued.Cell with { Text = w, Columns = new TextColumns(start, start + w.Length) }, At = new TextColumns(start, start + w.Length) };
            var scoreToken = glued with
            {
                Cell = glued.Cell with { Text = s, Columns = new TextColumns(start + w.Length, glued.At.End) },
                At = new TextColumns(start + w.Length, glued.At.End),
            };
            placed[at] = (weightToken, weight);
            placed.Insert(at + 1, (scoreToken, score));
            diagnostics.Add(new Diagnostic(DiagnosticCodes.AssignedByArithmetic,
                $"指标行的“{glued.Text}”是分值与得分粘连：拆为分值 {w} 与得分 {s}，各行分值合计方为 {cut}", glued.Cell.Source));
        }
    }

    /// <summary>Two to four digits, a decimal tail at most: a 分值 and 得分 the dump printed as one word.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{2,4}(?:\.\d{1,2})?$")]
    private static partial System.Text.RegularExpressions.Regex GluedPair();

    /// <summary>
    /// A tall row a tool laid out line by line at each line's own widths may print its 分值 on one line and its 得分 on
    /// the next ("98.6万 &lt;=100万 11" over "元 元 8 资金执行偏慢"): neither line is a row by itself beside a full row, and
    /// the row was lost into the next. A line whose one figure stands under 分值, followed by a line whose one figure stands
    /// under 得分 and is no greater, holds the row's pair: the 得分 (and the words after it) joins the 分值's line.
    /// </summary>
    private static void JoinSplitPairs(ImmutableArray<RawRow> rows, List<(int Row, List<(Token Token, int Column)> Placed)> lines, int weight, int score,
        Func<int, List<Token>, List<(Token Token, int Column)>> alignLeft)
    {
        if (weight < 0 || score < 0 || score < weight) return;
        // The small figures a line holds from 分值 rightwards. A line laid at its own widths may set its 分值 under
        // 得分 and its 得分 past it, under 偏差原因 (a note is words, never a bare figure): the two are told by their
        // order, the 分值 left of the 得分, not by the column each fell in.
        List<(Token Token, int Column)> Figures(List<(Token Token, int Column)> placed) =>
            [.. placed.Where(p => p.Column >= weight && IsSmallFigure(p.Token.Text))];
        for (var k = 0; k + 1 < lines.Count; k++)
        {
            var (above, below) = (lines[k].Placed, lines[k + 1].Placed);
            if ((rows[lines[k + 1].Row].Line ?? lines[k + 1].Row) - (rows[lines[k].Row].Line ?? lines[k].Row) != 1) continue;
            // The 分值 alone may stand where the line's own widths set it under 实际完成值, the line's last word after its
            // measures ("设备购置数 <=100万 98.6万 9" over "量 元 元 9"), and the 得分 below it as far left: each line
            // placed by its own widths, the two figures are told by their lines, not their columns.
            var (aboveFigures, moved) = (Figures(above), false);
            if (aboveFigures.Count == 0 && above.Count >= 3 && above[^1] is var lastWord && lastWord.Column == weight - 1 && IsSmallFigure(lastWord.Token.Text))
                (aboveFigures, moved) = ([lastWord], true);
            if (aboveFigures is not [var w] || Figures(below) is not [var s] ||
                (moved ? s.Token.At.Start < w.Token.At.Start - 1 : s.Token.At.Start <= w.Token.At.Start)) continue;
            // (With the words after it on its line: the row's 偏差原因, printed beside its 得分.)
            var after = below.Where(p => p.Column >= weight && !p.Equals(s)).ToList();
            if (after.Any(p => p.Token.At.Start < s.Token.At.Start || p.Column <= score || IsFigure(p.Token.Text))) continue;
            if (!NumberParser.TryParse(TextCleaner.Clean(w.Token.Text), out var wv) || !NumberParser.TryParse(TextCleaner.Clean(s.Token.Text), out var sv) || sv.Value > wv.Value)
                continue;
            above[above.IndexOf(w)] = (w.Token, weight);
            below.Remove(s);
            below.RemoveAll(after.Contains);
            above.Add((s.Token, score));
            above.AddRange(after);
            // The line's other words the pair's columns took (an actual beside a 分值 set under 得分) go back among the
            // columns left of the pair, as on any line ending in its pair.
            if (moved || above.Any(p => p.Column >= weight && p.Column <= score && !p.Equals((w.Token, weight)) && !p.Equals((s.Token, score))))
            {
                var left = above.Where(p => p.Column < weight || p.Column <= score && !p.Token.Equals(w.Token) && !p.Token.Equals(s.Token)).Select(p => p.Token).OrderBy(t => t.At.Start).ToList();
                var rest = above.Where(p => !left.Contains(p.Token)).ToList();
                above.Clear();
                above.AddRange(alignLeft(lines[k].Row, left));
                above.AddRange(rest);
            }
            k++;
        }
    }

    /// <summary>A line's tokens left to right, less the pieces of a vertical 绩效指标 label standing left of the table.</summary>
    private static List<Token> Tokens(ImmutableArray<RawRow> rows, int r, int tableLeft) =>
        [.. rows[r].Cells.Where(c => !c.IsEmpty && !(c.Columns!.Value.End <= tableLeft && IsVerticalPiece(c.Text)))
            .Select(c => new Token(c, r, rows[r].Line ?? r, c.Columns!.Value)).OrderBy(t => t.At.Start)];

    private static bool IsVerticalPiece(string text) =>
        TextCleaner.Compact(text) is { Length: >= 1 and <= 2 } t && t.All(ch => "绩效指标".Contains(ch));

    /// <summary>
    /// Places a line's tokens under columns, in order (a token never goes left of the one before it), at the least
    /// cost: how far the token's centre stands outside the column's territory, plus what its kind says.
    /// </summary>
    private List<(Token Token, int Column)> Align(List<Token> tokens, List<Column> columns, int[]? closed = null)
    {
        int n = tokens.Count, m = columns.Count;
        var cost = new double[n + 1, m];
        var from = new int[n + 1, m];
        const double Impossible = 1e9;
        for (var j = 0; j < m; j++) cost[0, j] = 0;
        for (var i = 1; i <= n; i++)
            for (var j = 0; j < m; j++)
            {
                cost[i, j] = Impossible;
                var own = Cost(tokens[i - 1], columns[j]) + (closed is not null && closed.Contains(j) ? ClosedCost : 0);
                for (var k = 0; k <= j; k++)
                {
                    if (cost[i - 1, k] >= Impossible) continue;
                    // A figure column holds one figure: a second token there is no figure of its own.
                    var extra = k == j && i > 1 && IsSingle(columns[j].Kind) ? 50.0 : 0.0;
                    // A target or an actual is one measure: two figures side by side there are the target and the actual.
                    if (k == j && i > 1 && columns[j].Kind is "HdrTarget" or "HdrActual" && HoldsFigure(tokens[i - 2]) && HoldsFigure(tokens[i - 1]))
                        extra += NameMeasureCost;
                    // A level label's piece before another word in one column: the piece is the column left of it
                    // ("产出 时效指 按计划节点完成" under narrow level columns: 产出 is the 一级's, 时效指 the 二级's).
                    if (k == j && i > 1 && columns[j].Kind is "HdrLevel2" or "HdrName" && j > 0 && columns[j - 1].Kind is "HdrLevel1" or "HdrLevel2" &&
                        IsLevelPiece(tokens[i - 2].Text) && !IsLevelPiece(tokens[i - 2].Text + tokens[i - 1].Text))
                        extra += LevelPieceCost;
                    // A unit one space after its figure is the figure's cell ("<=100 万"), not the next one.
                    if (k != j && i > 1 && IsUnitAfter(tokens[i - 2], tokens[i - 1])) extra += 1;
                    var c = cost[i - 1, k] + own + extra;
                    if (c < cost[i, j]) (cost[i, j], from[i, j]) = (c, k);
                }
            }
        var placed = new List<(Token, int)>(n);
        var col = Enumerable.Range(0, m).MinBy(j => cost[n, j]);
        for (var i = n; i >= 1; i--)
        {
            placed.Add((tokens[i - 1], col));
            col = from[i, col];
        }
        placed.Reverse();
        return placed;
    }

    /// <summary>What a level label's piece costs in the name column: as much as standing six characters off.</summary>
    private const double LevelPieceCost = 3;

    /// <summary>What a token costs in a column closed to it: more than standing forty characters off any other.</summary>
    private const double ClosedCost = 20;

    private static bool IsUnitAfter(Token figure, Token next) =>
        next.At.Start - figure.At.End <= 1 && figure.Text.Length > 0 && (char.IsAsciiDigit(figure.Text[^1]) || figure.Text[^1] == '%') &&
        TextCleaner.Compact(next.Text) is { Length: >= 1 and <= 2 } unit && !unit.Any(char.IsAsciiDigit);

    private static bool IsSingle(string kind) => kind is "HdrWeight" or "HdrScore" or "ColInitial" or "ColAnnual" or "ColExecuted" or "ColRate";

    private double Cost(Token token, Column column)
    {
        var center = token.At.Center;
        var outside = center < column.Left ? column.Left - center : center > column.Right ? center - column.Right : 0;
        // A figure that starts where its figure column's label starts is that column's however far it runs on past the
        // label's end (left-aligned cells under a short "全年" / "预算数": "5522710.46" runs past the territory's edge).
        if (token.At.Start == column.Lo && IsSingle(column.Kind)) outside = 0;
        var text = TextCleaner.Clean(token.Text) ?? "";
        var kind = column.Kind switch
        {
            // A rate ("90.20%", its sign wrapped under it) is the 执行率's: in another figure column it costs as much as
            // standing four characters off (narrow centred labels leave a rate nearer 得分 than 执行率).
            "HdrWeight" or "HdrScore" or "ColInitial" or "ColAnnual" or "ColExecuted" when IsFigure(text) && text.EndsWith('%') => 4,
            "HdrWeight" or "HdrScore" or "ColInitial" or "ColAnnual" or "ColExecuted" or "ColRate" =>
                IsFigure(text) || text is "%" ? 0 : 50,
            "HdrLevel1" or "HdrLevel2" => matcher.MatchLevel(text) switch
            {
                // A whole level word of the other level is that level's, wherever it is printed.
                { IsExact: true, IsLevel1: var one } => one == (column.Kind == "HdrLevel1") ? 0 : 6,
                not null => 0,
                // A piece of a level name the column wrapped ("可持续影" / "响指标") is that column's as much as a whole one.
                _ => text.Length <= 2 || IsLevelPiece(text) ? 0 : 3,
            },
            // A whole level word (社会效益指标) is no name, target or actual: a level label centred over its rows can
            // stand far right of its column.
            "HdrName" or "HdrTarget" or "HdrActual" when matcher.MatchLevel(text) is { IsExact: true } => 20,
            // A level name's piece with its 指标 in it ("数量指", "益指标", "标") is a wrapped level label's, which a
            // narrow level column leaves standing over the name's territory; a name is seldom a level word's piece.
            "HdrName" when IsLevelPiece(text) && text.IndexOfAny(['指', '标']) >= 0 || text == "标" => LevelPieceCost,
            FundingLabelKind => NumberParser.TryParse(text, out _) ? 5 : 0,
            // A figure as a target prints it (=55人, >80%) is rarely a name: Chromium lays each line out at its own
            // widths, and a short name leaves its row's targets standing under the 三级指标 label.
            "HdrName" => FormPatterns.IsMeasure(text, matcher.Model.Units) ? NameMeasureCost : 0,
            _ => 0,
        };
        return outside / 2 + kind;
    }

    /// <summary>True when a piece of two characters or more is how a 一级 or 二级 label begins.</summary>
    private bool StartsLevel(string text)
    {
        var compact = TextCleaner.Compact(text);
        return compact.Length >= 2 && matcher.Model.Levels.Any(l =>
            l.Level1.StartsWith(compact, StringComparison.Ordinal) || l.Level2.Any(n => n.StartsWith(compact, StringComparison.Ordinal)));
    }

    /// <summary>A run of two characters or more of some level's name (its start, its middle or its end).</summary>
    private bool IsLevelPiece(string text)
    {
        var compact = TextCleaner.Compact(text);
        if (compact.Length < 2) return false;
        foreach (var (level1, level2) in matcher.Model.Levels)
        {
            if (level1.Contains(compact, StringComparison.Ordinal)) return true;
            foreach (var name in level2)
                if (name.Contains(compact, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private bool HoldsFigure(Token token) =>
        IsFigure(token.Text) || FormPatterns.IsMeasure(token.Text, matcher.Model.Units) || IsMeasureCut(token.Text);

    /// <summary>
    /// A figure whose unit its narrow cell wrapped after the unit's first characters ("98.6万" over "元", "1200平方" over
    /// "米"): a measure as much as a whole one.
    /// </summary>
    private bool IsMeasureCut(string text) =>
        TextCleaner.Clean(text) is { Length: >= 2 } t && (char.IsAsciiDigit(t[0]) || "<>=≥≤".Contains(t[0])) && t.Any(char.IsAsciiDigit) &&
        matcher.Model.Units.Any(u => u.Length > 1 && Enumerable.Range(1, u.Length - 1).Any(k => t.EndsWith(u[..k], StringComparison.Ordinal)));

    /// <summary>What a measure (=55人) under the 三级指标 column costs: as much as standing sixteen characters off a column.</summary>
    private const double NameMeasureCost = 8;

    private static bool IsFigure(string text)
    {
        var clean = TextCleaner.Clean(text);
        return NumberParser.IsPlaceholder(clean) || NumberParser.TryParse(clean, out _);
    }

    /// <summary>
    /// A piece on a line without figures that starts where a word of the line above or below starts is in that word's
    /// column: the data of a column is printed flush with itself, while its header label may be centred elsewhere
    /// ("度" under "工作人员满意", not under the 二级指标 label it is nearer to). Order on the line is kept.
    /// </summary>
    private static void AlignWithNeighbours(List<(int Row, List<(Token Token, int Column)> Placed)> lines, List<int> anchors,
        Func<int, string, bool> fits)
    {
        var isAnchor = anchors.ToHashSet();
        for (var li = 0; li < lines.Count; li++)
        {
            if (isAnchor.Contains(lines[li].Row)) continue;
            var placed = lines[li].Placed;
            for (var t = 0; t < placed.Count; t++)
            {
                var (token, column) = placed[t];
                int? flush = null;
                foreach (var other in new[] { li - 1, li + 1 }.Where(x => x >= 0 && x < lines.Count))
                {
                    if (Math.Abs(lines[other].Row - lines[li].Row) > 1) continue;
                    foreach (var (o, c) in lines[other].Placed)
                        if (Math.Abs(o.At.Start - token.At.Start) <= 0 && c != column) flush ??= c;
                }
                if (flush is not { } to || !fits(to, token.Text)) continue;
                var lo = t == 0 ? 0 : placed[t - 1].Column;
                var hi = t == placed.Count - 1 ? int.MaxValue : placed[t + 1].Column;
                if (to >= lo && to <= hi) placed[t] = (token, to);
            }
        }
    }

    /// <summary>
    /// The rests of units narrow cells wrapped ("元" under "98.6万") are in the columns of the figures they end on the line
    /// above, in order: the first rest the first cut figure's, and so on, where the two lines hold as many of each — a
    /// line at its own widths sets them anywhere under the pair (Chromium: "&lt;=100万 98.6万" over "元 元" shifted a
    /// column right), so their order is surer than their places. Order on the line is kept.
    /// </summary>
    private void UnitsUnderTheirFigures(List<(int Row, List<(Token Token, int Column)> Placed)> lines)
    {
        for (var li = 1; li < lines.Count; li++)
        {
            if (lines[li].Row - lines[li - 1].Row != 1) continue;
            var placed = lines[li].Placed;
            var cuts = lines[li - 1].Placed.Where(p => IsMeasureCut(p.Token.Text)).ToList();
            if (cuts.Count == 0) continue;
            var tails = Enumerable.Range(0, placed.Count).Where(t => cuts.Any(c => Completes(c.Token.Text, placed[t].Token.Text))).ToList();
            if (tails.Count != cuts.Count || tails.Where((t, q) => !Completes(cuts[q].Token.Text, placed[t].Token.Text)).Any()) continue;
            for (var q = 0; q < tails.Count; q++)
            {
                var t = tails[q];
                var to = cuts[q].Column;
                var lo = t == 0 ? 0 : placed[t - 1].Column;
                var hi = t == placed.Count - 1 ? int.MaxValue : placed[t + 1].Column;
                if (to >= lo && to <= hi) placed[t] = (placed[t].Token, to);
            }
        }
    }

    /// <summary>True when <paramref name="tail"/> is the rest of the unit a cut measure ends on ("98.6万" + "元").</summary>
    private bool Completes(string cut, string tail) =>
        TextCleaner.Clean(cut) is { } c && TextCleaner.Clean(tail) is { Length: > 0 } t &&
        matcher.Model.Units.Any(u => u.Length > t.Length && u.EndsWith(t, StringComparison.Ordinal) && c.EndsWith(u[..^t.Length], StringComparison.Ordinal));

    /// <summary>
    /// A row's name wrapped over two lines with its one-line cells set between them (the layout tool puts a centred cell's
    /// line between the lines of a taller one): where the row's own line holds two phrases left of its 分值/得分 and the
    /// lines just above and below hold a name piece and nothing right of the name, the two are the target and the actual
    /// — the name is what lies around them, and a tool that lays each line at its own widths may set the target under
    /// the name's territory.
    /// </summary>
    private static void MeasuresBetweenNameLines(List<(int Row, List<(Token Token, int Column)> Placed)> lines, List<int> anchors, List<Column> columns)
    {
        var name = columns.FindIndex(c => c.Kind == "HdrName");
        if (name < 0 || name + 4 >= columns.Count || !columns.Skip(name + 1).Take(2).All(c => c.Kind is "HdrTarget" or "HdrActual") ||
            !columns.Skip(name + 3).Take(2).All(c => c.Kind is "HdrWeight" or "HdrScore"))
            return;
        var isAnchor = anchors.ToHashSet();
        bool NameOnly(int k, int row) => k >= 0 && k < lines.Count && lines[k].Row == row && !isAnchor.Contains(row) &&
                                         lines[k].Placed.Any(p => p.Column == name) && lines[k].Placed.All(p => p.Column <= name);
        for (var li = 0; li < lines.Count; li++)
        {
            var (row, placed) = lines[li];
            if (!isAnchor.Contains(row) || !NameOnly(li - 1, row - 1) || !NameOnly(li + 1, row + 1)) continue;
            if (placed.Count(p => p.Column == name + 3 || p.Column == name + 4) != 2 || placed.Any(p => p.Column < name)) continue;
            var inside = placed.Select((p, i) => (p, i)).Where(x => x.p.Column >= name && x.p.Column <= name + 2).ToList();
            var phrases = new List<List<int>>();
            foreach (var (p, i) in inside)
            {
                if (phrases.Count > 0 && phrases[^1][^1] == i - 1 && IsUnitAfter(placed[i - 1].Token, p.Token)) phrases[^1].Add(i);
                else phrases.Add([i]);
            }
            if (phrases.Count != 2 || inside.All(x => x.p.Column != name)) continue;
            for (var q = 0; q < 2; q++)
                foreach (var i in phrases[q]) placed[i] = (placed[i].Token, name + 1 + q);
        }
    }

    /// <summary>
    /// A name's rest that its narrow cell wrapped ("工作考核达" / "标率", "带动相关产" / "业发展") is the name's, though a
    /// centred or line-by-line layout sets it under the target's territory or flush with the target: where the row next
    /// to it holds a whole measure there (">80%", "&gt;=85%" — nothing a word continues) and its name starts at or left of
    /// the piece, a piece of words that is no measure, no unit's rest and nothing else right of the name on its line
    /// goes to the name column, and the rows around it decide whose name it ends, as for any name piece.
    /// </summary>
    private void NameRestsBesideWholeMeasures(List<(int Row, List<(Token Token, int Column)> Placed)> lines, List<int> anchors, List<Column> columns)
    {
        var name = columns.FindIndex(c => c.Kind == "HdrName");
        if (name < 0 || name + 1 >= columns.Count || columns[name + 1].Kind is not ("HdrTarget" or "HdrActual")) return;
        var isAnchor = anchors.ToHashSet();
        for (var li = 0; li < lines.Count; li++)
        {
            var (row, placed) = lines[li];
            if (isAnchor.Contains(row)) continue;
            var first = placed.FindIndex(p => p.Column > name);
            // (A line with a name piece of its own left of it is that name's line: "时性" then "维护", a target's rest.)
            if (first < 0 || placed[first].Column != name + 1 || placed.Take(first).Any(p => p.Column == name &&
                    !IsLevelPiece(p.Token.Text) && TextCleaner.Compact(p.Token.Text) is not ("标" or "指标")))
                continue;
            var piece = placed[first].Token;
            var text = TextCleaner.Compact(piece.Text);
            if (text.Length == 0 || !text.All(c => c > 0x2E80) || HoldsFigure(piece) ||
                placed.Skip(first + 1).Any(p => p.Column <= name + 2))
                continue;
            var besides = new[] { li - 1, li + 1 }.Where(k => k >= 0 && k < lines.Count && isAnchor.Contains(lines[k].Row) && Math.Abs(lines[k].Row - row) == 1)
                .Select(k => lines[k].Placed).ToList();
            // (A unit printed apart from a figure that has none is the figure's, "&gt;=15000" over "件", unless it stands
            // under the name's own text — "节约运行成" over "本" is a name's rest; a unit's rest is always the measure's it
            // completes, "≥2000人" over "次".)
            // (Nor a piece flush with a target of words a line or two above: that target's own rest, "定期，及" / "时维护"
            // round the row's line.)
            if (Enumerable.Range(Math.Max(0, li - 2), li - Math.Max(0, li - 2)).Any(k => row - lines[k].Row <= 2 &&
                    lines[k].Placed.Any(p => p.Column == name + 1 && p.Token.At.Start == piece.At.Start && !FormPatterns.IsMeasure(p.Token.Text, matcher.Model.Units))))
                continue;
            bool UnderName(List<(Token Token, int Column)> other) =>
                other.FirstOrDefault(p => p.Column == name) is { Token: not null } n && piece.At.Start < n.Token.At.End;
            if (besides.Any(other => other.Any(p => p.Column > name &&
                    (Completes(p.Token.Text, piece.Text) ||
                     matcher.Model.Units.Contains(text) && !UnderName(other) && p.Token.Text.Length > 0 && char.IsAsciiDigit(p.Token.Text[^1])))))
                continue;
            if (besides.Any(other => other.FirstOrDefault(p => p.Column == name) is { Token: not null } n && n.Token.At.Start <= piece.At.Start &&
                                     other.Where(p => p.Column == name + 1).ToList() is [var m] && StartsWithComparison(m.Token.Text) &&
                                     FormPatterns.IsMeasure(m.Token.Text, matcher.Model.Units)))
                placed[first] = (piece, name);
        }
    }

    /// <summary>
    /// Rows the tool wrote one column at a time, every cell on a line of its own: after a full row, n lines holding one
    /// name each, then n targets, n actuals (or n lines of both), n 分值 and n 得分 (a note beside its 得分), the rows'
    /// 二级指标 on n lines among them. Where consecutive lines so hold the same columns n lines running, n ≥ 2, the
    /// columns going on in the header's order and the run ending in the 分值 and 得分 columns, the n-th line of each group
    /// is the n-th row's: its cells are set on that row's 得分 line, which becomes the row's own line. Anything else in
    /// the run (a line of other columns, counts that differ) leaves it as it was.
    /// </summary>
    private void DealColumnRuns(List<(int Row, List<(Token Token, int Column)> Placed)> lines, List<Column> columns)
    {
        var weight = columns.FindIndex(c => c.Kind == "HdrWeight");
        var score = columns.FindIndex(c => c.Kind == "HdrScore");
        var level2 = columns.FindIndex(c => c.Kind == "HdrLevel2");
        var level1 = columns.FindIndex(c => c.Kind == "HdrLevel1");
        if (weight < 0 || score < 0) return;
        var (first, second) = (Math.Min(weight, score), Math.Max(weight, score));
        bool IsLevel(int column) => column == level1 || column == level2;
        // The data columns a line holds (levels apart), first to last; under 分值 and 得分 one small figure each (one
        // past 得分 is the 得分 set right of its label: a note is words), and words past them only beside the 得分. Null
        // for any other line.
        // A line's data cells, a figure past 得分 taken as the 得分; and a figure after an actual, the two set under 实际完成值
        // by the line's own widths ("有所提升 2" in a run whose 得分 stand alone), as the 分值 it is.
        List<(Token Token, int Column)> Data(List<(Token Token, int Column)> placed)
        {
            var data = placed.Where(p => !IsLevel(p.Column)).Select(p => (p.Token, Column: p.Column > second && IsSmallFigure(p.Token.Text) ? second : p.Column)).ToList();
            if (first == weight && data.Count >= 2 && data[^1].Column == first - 1 && data[^2].Column == first - 1 &&
                IsSmallFigure(data[^1].Token.Text) && !IsSmallFigure(data[^2].Token.Text))
                data[^1] = (data[^1].Token, first);
            return data;
        }
        (int Lo, int Hi)? Columns(List<(Token Token, int Column)> placed)
        {
            var data = Data(placed);
            if (data.Count == 0) return null;
            foreach (var pair in new[] { first, second })
                if (data.Where(p => p.Column == pair) is var there && there.Any() && (there.Count() > 1 || !IsSmallFigure(there.First().Token.Text)))
                    return null;
            var past = data.Where(p => p.Column > second).ToList();
            if (past.Count > 0 && (data.All(p => p.Column != second) || past.Any(p => IsFigure(p.Token.Text)))) return null;
            return (data.Min(p => p.Column), Math.Min(second, data.Max(p => p.Column)));
        }
        for (var start = 0; start < lines.Count; start++)
        {
            // The run: consecutive lines each of cells left of the pair or of one of its figures, the columns never going back.
            var end = start;
            var runColumns = new List<(int Lo, int Hi)>();
            while (end < lines.Count && (end == start || lines[end].Placed[0].Token.Line - lines[end - 1].Placed[0].Token.Line == 1) &&
                   Columns(lines[end].Placed) is var c && (c is not null || lines[end].Placed.All(p => IsLevel(p.Column))) &&
                   (c is not { } now || runColumns.Count == 0 || now == runColumns[^1] || now.Lo > runColumns[^1].Hi))
            {
                if (c is { } cs) runColumns.Add(cs);
                end++;
            }
            var groups = runColumns.GroupBy(c => c).ToList();
            var n = groups.Count > 0 ? groups[0].Count() : 0;
            // (Lines holding both 分值 and 得分 are rows of their own, not dealt.)
            if (n < 2 || groups.Count < 2 || groups.Any(g => g.Count() != n) || groups[^1].Key.Hi != second ||
                !groups.Any(g => g.Key.Lo <= first && first <= g.Key.Hi) || groups.Any(g => g.Key.Lo <= first && second <= g.Key.Hi))
                continue;
            var data = Enumerable.Range(start, end - start).Where(k => Columns(lines[k].Placed) is not null).ToList();
            var levelLines = Enumerable.Range(start, end - start).Where(k => lines[k].Placed.Any(p => p.Column == level2)).ToList();
            var targets = data.Skip(data.Count - n).ToList();
            for (var q = 0; q < n; q++)
            {
                var holder = lines[targets[q]];
                var line = holder.Placed[0].Token.Line;
                for (var i = 0; i < holder.Placed.Count; i++)
                    if (holder.Placed[i].Column > second && IsSmallFigure(holder.Placed[i].Token.Text))
                        holder.Placed[i] = (holder.Placed[i].Token, second);
                var gathered = new List<(Token Token, int Column)>();
                for (var g = 0; g < groups.Count - 1; g++)
                {
                    var source = lines[data[g * n + q]].Placed;
                    var moved = Data(source).Where(p => p.Column == first).Select(p => p.Token).ToList();
                    gathered.AddRange(source.Where(p => !IsLevel(p.Column)).Select(p => p.Column == first - 1 && moved.Contains(p.Token) ? (p.Token, first) : p));
                }
                // The rows' own 二级指标, one a row on the run's lines: the n-th is the n-th row's.
                if (levelLines.Count == n)
                    gathered.AddRange(lines[levelLines[q]].Placed.Where(p => p.Column == level2));
                foreach (var (token, column) in gathered)
                {
                    lines.First(l => l.Row == token.Row).Placed.RemoveAll(p => p.Token.Equals(token));
                    holder.Placed.Add((token with { Line = line }, column));
                }
                holder.Placed.Sort((a, b) => a.Column.CompareTo(b.Column));
            }
            lines.RemoveAll(l => l.Placed.Count == 0);
        }
    }

    /// <summary>
    /// A row's cells on one line and its 分值/得分 on the line next to it (a centred pair a line off its row, as Chromium's
    /// text may set it): a line holding a name and a measure, beside rows whose own lines hold only their pairs, is one
    /// row's whole text and goes to one row — the adjacent one whose own line has none of its columns and that no other
    /// such line took. Pieces placed one by one would follow the nearest or mirrored rows apart. Returns the rows whose
    /// lines were found interleaved with another's (below), each with the row it stands before.
    /// </summary>
    private static List<(int Between, int Row)> RowsBesideTheirPairs(ImmutableArray<RawRow> rows, List<(int Row, List<(Token Token, int Column)> Placed)> lines,
        List<int> anchors, int nameColumn, int[] level, (int Weight, int Score) pair, Dictionary<Token, int> dealt)
    {
        var interleaved = new List<(int Between, int Row)>();
        if (nameColumn < 0) return interleaved;
        var isAnchor = anchors.ToHashSet();
        var ownLine = lines.Where(l => isAnchor.Contains(l.Row)).ToDictionary(l => l.Row, l => l.Placed);
        var taken = new HashSet<int>();
        int LineOf(int row) => rows[row].Line ?? row;
        // (Lines with one such row beside them first: what they take leaves the others theirs.)
        for (var pass = 0; pass < 2; pass++)
            foreach (var (row, placed) in lines)
            {
                if (isAnchor.Contains(row) || placed.Any(p => dealt.ContainsKey(p.Token))) continue;
                var cells = placed.Where(p => !level.Contains(p.Column)).ToList();
                if (placed.Any(p => p.Column == pair.Weight || p.Column == pair.Score) || !cells.Any(p => p.Column == nameColumn) ||
                    !cells.Any(p => p.Column > nameColumn))
                    continue;
                var columns = cells.Select(p => p.Column).ToHashSet();
                bool Free(int a) => !taken.Contains(a) && !ownLine[a].Any(p => columns.Contains(p.Column));
                var free = anchors.Where(a => Math.Abs(LineOf(a) - LineOf(row)) == 1 && Free(a)).ToList();
                // A whole row of its own between the line and its pair ("按计划节点完成 持续 持续", "项目成本控制 完善 基本完善
                // 25 25", "9 9": two rows' lines interleaved by the text's order) leaves the pair two lines off.
                if (free.Count == 0 && !anchors.Any(a => Math.Abs(LineOf(a) - LineOf(row)) == 1 && Free(a)))
                    free = anchors.Where(a => Math.Abs(LineOf(a) - LineOf(row)) == 2 && Free(a) && ownLine[a].All(p => p.Column == pair.Weight ||
                            p.Column == pair.Score || level.Contains(p.Column)) &&
                        anchors.Any(b => LineOf(b) == (LineOf(a) + LineOf(row)) / 2 && ownLine[b].Any(p => p.Column == nameColumn) &&
                                         ownLine[b].Any(p => p.Column == nameColumn + 1))).ToList();
                if (free.Count != 1) continue;
                taken.Add(free[0]);
                foreach (var p in cells) dealt[p.Token] = free[0];
                // (The row is the first of the two then, as its line is.)
                if (Math.Abs(LineOf(free[0]) - LineOf(row)) == 2 && anchors.IndexOf(free[0]) is > 0 and var at && LineOf(row) < LineOf(free[0]))
                    interleaved.Add((anchors[at - 1], free[0]));
            }
        // Two rows' lines interleaved (a "≥" in a fallback font lifts a whole row's line into another's): a line of a name
        // and one measure, the next a whole row on its own line, the one after it the other measure and a pair with no
        // name. The first and the third are one row; the whole row between is its own.
        int[] measures = [nameColumn + 1, nameColumn + 2];
        foreach (var (row, placed) in lines)
        {
            if (isAnchor.Contains(row) || placed.Any(p => dealt.ContainsKey(p.Token))) continue;
            var cells = placed.Where(p => !level.Contains(p.Column)).ToList();
            var columns = cells.Select(p => p.Column).ToHashSet();
            if (!columns.Contains(nameColumn) || columns.Count != 2 || columns.Intersect(measures).Count() != 1) continue;
            var between = anchors.FirstOrDefault(a => LineOf(a) == LineOf(row) + 1, -1);
            var after = anchors.FirstOrDefault(a => LineOf(a) == LineOf(row) + 2, -1);
            if (between < 0 || after < 0 || taken.Contains(after)) continue;
            var whole = ownLine[between].Select(p => p.Column).ToHashSet();
            var rest = ownLine[after].Where(p => !level.Contains(p.Column) && p.Column != pair.Weight && p.Column != pair.Score).ToList();
            if (!whole.Contains(nameColumn) || !measures.All(whole.Contains) || rest.Select(p => p.Column).Distinct().ToList() is not [var other] ||
                !measures.Contains(other))
                continue;
            // Both measures placed in one column (the lifted line laid at its own widths): the lifted line holds the
            // row's leftmost cells, so its measure is the one printed first.
            if (columns.Contains(other))
            {
                var own = placed.FindIndex(p => p.Column == other);
                placed[own] = (placed[own].Token, measures[0]);
                var line = ownLine[after];
                for (var i = 0; i < line.Count; i++)
                    if (line[i].Column == other) line[i] = (line[i].Token, measures[1]);
            }
            taken.Add(after);
            foreach (var p in placed.Where(p => !level.Contains(p.Column))) dealt[p.Token] = after;
            interleaved.Add((between, after));
        }
        return interleaved;
    }

    /// <summary>
    /// Rows the tool wrote column by column: a run of lines holding nothing but their 分值/得分 ("8 8", "2 2") after lines
    /// holding the rest of those rows one column at a time (both names, then both targets, then both actuals). Where every
    /// column between holds as many pieces as the run has rows, the n-th piece of each column is the n-th row's.
    /// </summary>
    private static Dictionary<Token, int> DealtByColumn(List<(int Row, List<(Token Token, int Column)> Placed)> lines, List<int> anchors, int[] figureAndLevel)
    {
        var dealt = new Dictionary<Token, int>();
        var isAnchor = anchors.ToHashSet();
        bool Bare(int k) => isAnchor.Contains(lines[k].Row) && lines[k].Placed.All(p => figureAndLevel.Contains(p.Column));
        for (var k = 0; k < lines.Count; k++)
        {
            if (!Bare(k)) continue;
            var end = k;
            while (end < lines.Count && Bare(end)) end++;
            var run = Enumerable.Range(k, end - k).Select(j => lines[j].Row).ToList();
            var start = k;
            while (start > 0 && !isAnchor.Contains(lines[start - 1].Row)) start--;
            var between = lines.Skip(start).Take(k - start).SelectMany(l => l.Placed).Where(p => !figureAndLevel.Contains(p.Column)).ToList();
            if (run.Count >= 2 && between.Count > 0 && between.GroupBy(p => p.Column).All(g => g.Count() == run.Count))
                foreach (var column in between.GroupBy(p => p.Column))
                    foreach (var (piece, n) in column.Select((p, n) => (p.Token, n)))
                        dealt[piece] = run[n];
            k = end;
        }
        return dealt;
    }

    /// <summary>
    /// Gathers each row's cells: its own line's tokens, and every other line's tokens joined to the nearest row in
    /// their column — on a tie, a name piece narrower than the row below's own line to the row above (it cannot be the
    /// first line of the name below), else to the row whose cell has a piece as far on the other side of its line (text
    /// centred in its cell), else any other piece so narrow to the row above, else a name piece to the row whose own line
    /// has no name, any other piece to the row whose line has text in that column, else to the row below. Columns in
    /// <paramref name="skip"/> are gathered apart (level labels).
    /// </summary>
    private static Dictionary<int, List<Token>[]> Attach(ImmutableArray<RawRow> rows, List<(int Row, List<(Token Token, int Column)> Placed)> lines,
        List<int> anchors, int columnCount, int[] skip, int nameColumn = -1, Dictionary<Token, int>? dealt = null,
        IReadOnlyCollection<string>? units = null, int[]? measures = null, int noteColumn = -1)
    {
        // The last text seen in each column, with the row it went to: a unit broken off its figure goes with it.
        var lastIn = new Dictionary<int, (string Text, int Row)>();
        // Where the pieces between rows went, by line and column.
        var went = new Dictionary<(int Line, int Column), int>();
        var pieces = anchors.ToDictionary(a => a, _ => Enumerable.Range(0, columnCount).Select(_ => new List<Token>()).ToArray());
        var own = lines.Where(l => pieces.ContainsKey(l.Row)).ToDictionary(l => l.Row, l => l.Placed.Select(p => p.Column).ToHashSet());
        var loose = lines.Where(l => !pieces.ContainsKey(l.Row))
            .SelectMany(l => l.Placed.Select(p => (Line: rows[l.Row].Line ?? l.Row, p.Column))).ToHashSet();
        // How wide each row's own text is in each column (a CJK character two columns wide).
        var ownWidth = lines.Where(l => pieces.ContainsKey(l.Row))
            .SelectMany(l => l.Placed.Select(p => (l.Row, p.Column, Width: Width(p.Token.Text))))
            .GroupBy(x => (x.Row, x.Column)).ToDictionary(g => g.Key, g => g.Sum(x => x.Width));
        // (Each page's: a tool may lay a page's rows out at widths of its own.)
        var widest = ownWidth.GroupBy(kv => (rows[kv.Key.Row].Block, kv.Key.Column)).ToDictionary(g => g.Key, g => g.Max(kv => kv.Value));
        bool Full(int width, int row, int column) => width >= widest[(rows[row].Block, column)] - 2;
        bool NarrowerThanBelow(int above, int below, int column, Token token) =>
            ownWidth.TryGetValue((above, column), out var wa) && ownWidth.TryGetValue((below, column), out var wb) &&
            Width(token.Text) < wb && Width(token.Text) <= wa;
        var midway = TwoLineCellsGo(rows, lines, anchors, nameColumn, dealt, ownWidth);
        var ownText = lines.Where(l => pieces.ContainsKey(l.Row)).SelectMany(l => l.Placed.Select(p => (l.Row, p.Column, p.Token.Text)))
            .GroupBy(x => (x.Row, x.Column)).ToDictionary(g => g.Key, g => string.Concat(g.Select(x => x.Text)));
        // A measure cut inside its unit ("≥2000人", "<=100万") whose rest ("次", "元") a row prints on its own line.
        bool CutBefore(string cut, int row, int column) =>
            units is not null && ownText.TryGetValue((row, column), out var rest) && TextCleaner.Clean(cut) is { } c && c.Any(char.IsAsciiDigit) &&
            TextCleaner.Clean(rest) is { Length: > 0 } t && units.Any(u => u.Length > t.Length && u.EndsWith(t, StringComparison.Ordinal) &&
                                                                          c.EndsWith(u[..^t.Length], StringComparison.Ordinal));
        foreach (var (row, placed) in lines)
            foreach (var (token, column) in placed)
            {
                if (skip.Contains(column)) continue;
                if (pieces.ContainsKey(row)) { pieces[row][column].Add(token); lastIn[column] = (token.Text, row); continue; }
                if (dealt is not null && dealt.TryGetValue(token, out var to)) { pieces[to][column].Add(token); lastIn[column] = (token.Text, to); continue; }
                var line = rows[row].Line ?? row;
                var above = anchors.LastOrDefault(a => a < row, -1);
                var below = anchors.FirstOrDefault(a => a > row, -1);
                int target;
                if (above < 0) target = below;
                else if (below < 0) target = above;
                else
                {
                    var up = line - (rows[above].Line ?? above);
                    var down = (rows[below].Line ?? below) - line;
                    var aboveLine = rows[above].Line ?? above;
                    var belowLine = rows[below].Line ?? below;
                    // A cell's text is centred on its row: a piece halfway between two rows goes to the one whose cell
                    // has a piece as far on the other side ("基本完" / the row's line / "善").
                    // (A piece that already went to another row mirrors nothing for this one.)
                    var mirrorAbove = loose.Contains((2 * aboveLine - line, column)) &&
                                      (!went.TryGetValue((2 * aboveLine - line, column), out var mirrored) || mirrored == above);
                    var mirrorBelow = loose.Contains((2 * belowLine - line, column));
                    // A target or an actual is one run of lines: a piece a blank line below the one the row above
                    // printed there on its own line, where the row below prints none on its own, is the row below's,
                    // however much nearer the row above ("提升" on its row's line, then "带来经济效益," / "提高工作效率"
                    // centred on the next row's figures, three lines down).
                    if (measures is not null && measures.Contains(column) && own[above].Contains(column) && !own[below].Contains(column) &&
                        line - aboveLine >= 2 && !loose.Contains((line - 1, column)) && !loose.Contains((aboveLine + 1, column)))
                        target = below;
                    // A measure cut inside its unit is the first line of the cell whose row prints the unit's rest on its
                    // own line ("≥2000人" over "工作考核达标率 次 次 1 1"), however near the row above.
                    else if (measures is not null && measures.Contains(column) && CutBefore(token.Text, below, column) && !CutBefore(token.Text, above, column))
                        target = below;
                    // A name's line short of its column's widest by a character or more is the name's last (a wrapped
                    // cell's other lines are full): a name piece below it is the next row's, where that row prints no
                    // name on its own line, however much nearer the row above ("问题整改率", then "各项工作完成" / "及时性"
                    // over a row of figures).
                    else if (column == nameColumn && line > aboveLine && own[above].Contains(column) && !own[below].Contains(column) &&
                             ownWidth[(above, column)] < widest[(rows[above].Block, column)] - 1 && !pieces[above][column].Any(t => IsFigure(t.Text)))
                        target = below;
                    // A line that opens on a one-character clause ("成，下年度加强跟踪") opens no cell: it goes on with the
                    // text the row above printed in that column ("部分工作未按计划完"), however near the row below.
                    else if (column == noteColumn && own[above].Contains(column) && TextCleaner.Compact(token.Text) is [_, var mark, ..] &&
                             "，、；：。,;".Contains(mark))
                        target = above;
                    // A note is centred on its row: where one row prints a line of its note on its own line and a
                    // piece stands as far the other side of it as this one, the row next to it printing none there,
                    // the three are that row's note however near the other row ("部分工作未按计" / "划完成，下年度" on
                    // the row's line / "加强跟踪", the first a line under the row above).
                    else if (column == noteColumn && own[below].Contains(column) && !own[above].Contains(column) && mirrorBelow && !mirrorAbove)
                        target = below;
                    else if (column == noteColumn && own[above].Contains(column) && !own[below].Contains(column) && mirrorAbove && !mirrorBelow)
                        target = above;
                    else if (up != down) target = up < down ? above : below;
                    // A unit broken off its figure ("2136人" / "次", "<=100万" / "元") goes where the figure went, however
                    // far the row below stands: a cell's lines are centred on its row, so the two may straddle its line.
                    else if (units is not null && WrappedCells.IsUnitPiece(token.Text, units) && lastIn.TryGetValue(column, out var figure) &&
                             (figure.Row == above || figure.Row == below) && EndsInFigureOrUnit(figure.Text, units))
                        target = figure.Row;
                    // A wrapped cell's first line is full: a piece narrower than the row below's own line cannot be that
                    // cell's first line, but it can be the rest of the row above's ("基本完" / "善", then "12次"). For a
                    // name (the cell that wraps most) this holds however the cells are aligned, so it comes before the
                    // mirror: in cells printed from the top, the row below's own rest ("完成弱电改" / "造工作") mirrors a
                    // piece that is the row above's ("完成办公家" / "具购置").
                    else if (column == nameColumn && NarrowerThanBelow(above, below, column, token))
                        target = above;
                    // The row below's own line short of its column cannot start its cell: a piece wider than it there is
                    // that cell's first line ("环境质量改" / "善"), whichever way the table's other cells go.
                    else if (midway is not null && column == nameColumn && own[above].Contains(column) && own[below].Contains(column) &&
                             !Full(ownWidth[(below, column)], below, column) && Width(token.Text) > ownWidth[(below, column)])
                        target = below;
                    // Both rows print a piece of this column on their own lines: a piece mirrored around one of them would
                    // make its cell three lines, and the rows the table shows its two-line cells' second lines going with
                    // say more ("新建宣" / "传栏", so "系统上" / "线时间" / "单位运" / "维支出" is two rows of two lines). (Not two
                    // pieces on one line in the column: two cells' lines side by side, "资金支付及 时性". Nor where the line it
                    // would follow ends short of the column, or it would start a cell short of it: a cell wraps only when
                    // its line is full, "达到预期" / "满意度调查在85%" / "以上".)
                    else if (midway is { } goesUp && own[above].Contains(column) && own[below].Contains(column) &&
                             placed.Count(p => p.Column == column) == 1 && (goesUp ? Full(ownWidth[(above, column)], above, column) : Full(Width(token.Text), below, column)))
                        target = goesUp ? above : below;
                    // (Mirrored both ways, the mirror that already went to the row above is the cell's other end: "资金执行"
                    // / the row's line / "偏慢", then "资金执行" of the next row's note two lines on.)
                    else if (column == noteColumn && mirrorAbove && mirrorBelow && went.TryGetValue((2 * aboveLine - line, column), out var partner) && partner == above)
                        target = above;
                    else if (mirrorAbove != mirrorBelow) target = mirrorAbove ? above : below;
                    else if (NarrowerThanBelow(above, below, column, token))
                        target = above;
                    // Both rows' names printed on their own lines, no piece mirrored around either: a name piece
                    // continues the name above it ("对优化营商环境持" / "续发挥作用") unless it is wider than the row below's
                    // line, when it is that name's first line ("环境质量改" / "善": a wrapped cell's first line is full).
                    else if (column == nameColumn && own[above].Contains(column) && own[below].Contains(column))
                        target = ownWidth.TryGetValue((below, column), out var belowWidth) && Width(token.Text) > belowWidth ? below : above;
                    // Both rows' notes printed on their own lines: a piece short of the column is no first line of a
                    // wrapped note, and ends the one above where that one's own line is full ("部分工作未按计划完成，下年度"
                    // / "加强跟踪", then the next row's "进度滞后").
                    else if (column == noteColumn && own[above].Contains(column) && own[below].Contains(column) &&
                             Full(ownWidth[(above, column)], above, column) && !Full(Width(token.Text), below, column))
                        target = above;
                    else if (own[above].Contains(column) == own[below].Contains(column)) target = below;
                    // A whole measure ("≥90%", "90", "=12次") is a cell of its own: it continues no text a row already
                    // printed on its own line, and belongs to the row whose cell is empty there (the tool lifts a line
                    // set in a fallback font's taller glyphs above its row's, or drops a centred figure below it).
                    else if (column != nameColumn && (StartsWithComparison(token.Text) || IsFigure(token.Text) ||
                                                      units is not null && FormPatterns.IsMeasure(token.Text, units)))
                        target = own[above].Contains(column) ? below : above;
                    // Every row has a name: a piece of one goes to the row whose line has none. Other cells are often
                    // empty: a piece continues the cell printed next to it.
                    else if (column == nameColumn) target = own[above].Contains(column) ? below : above;
                    else target = own[above].Contains(column) ? above : below;
                }
                pieces[target][column].Add(token);
                lastIn[column] = (token.Text, target);
                went[(line, column)] = target;
            }
        return pieces;
    }

    /// <summary>
    /// Where a line halfway between two rows goes in this table, as its names show where their widths tell: a piece of a
    /// name there narrower than both rows' own lines is the row above's last line (a wrapped cell's first line is full),
    /// one wider than both is the row below's first. A tool sets a one-line row's figures nearer the upper
    /// or the lower line of its two-line cells much the same way all through a table (a line of other glyphs may sit
    /// otherwise). True: with the row above; false: below; null where the names show neither more often.
    /// </summary>
    private static bool? TwoLineCellsGo(ImmutableArray<RawRow> rows, List<(int Row, List<(Token Token, int Column)> Placed)> lines,
        List<int> anchors, int nameColumn, Dictionary<Token, int>? dealt, Dictionary<(int Row, int Column), int> ownWidth)
    {
        if (nameColumn < 0) return null;
        var (up, down) = (0, 0);
        foreach (var (row, placed) in lines)
        {
            if (anchors.Contains(row)) continue;
            var above = anchors.LastOrDefault(a => a < row, -1);
            var below = anchors.FirstOrDefault(a => a > row, -1);
            if (above < 0 || below < 0) continue;
            var line = rows[row].Line ?? row;
            if (line - (rows[above].Line ?? above) != (rows[below].Line ?? below) - line) continue;
            var piece = placed.Where(p => p.Column == nameColumn && (dealt is null || !dealt.ContainsKey(p.Token))).ToList();
            if (piece.Count == 0 || !ownWidth.TryGetValue((above, nameColumn), out var wa) || !ownWidth.TryGetValue((below, nameColumn), out var wb))
                continue;
            var width = piece.Sum(p => Width(p.Token.Text)) + piece.Count - 1;
            if (width < wb && width <= wa) up++;
            else if (width > wa && width >= wb) down++;
        }
        return up > down ? true : down > up ? false : null;
    }

    private static bool StartsWithComparisonOrDigit(string text) => StartsWithComparison(text) || text.TrimStart() is [var c, ..] && char.IsAsciiDigit(c);

    private static bool StartsWithComparison(string text) => text.TrimStart() is [var c, ..] && "≥≤><=＞＜＝≧≦".Contains(c);

    /// <summary>A figure or the start of a unit after one ("2136人", "98.6万"): what a unit piece on the next line ends.</summary>
    private static bool EndsInFigureOrUnit(string text, IReadOnlyCollection<string> units)
    {
        var t = text.Trim();
        if (t.Length == 0) return false;
        // (A unit's start alone: a dump that spaced the unit off its figure, "2136 人" / "次".)
        if (char.IsAsciiDigit(t[^1]) || WrappedCells.IsUnitPiece(t, units)) return true;
        // The figure's own unit cut short: a unit's first characters after a digit.
        for (var k = t.Length - 1; k > 0; k--)
            if (char.IsAsciiDigit(t[k - 1])) return WrappedCells.IsUnitPiece(t[k..], units);
        return false;
    }

    /// <summary>
    /// Every indicator row has a 三级指标. A row that gathered none — no piece of a wrapped name on the lines around it —
    /// has it on its own line, placed under the target by position (a centred or pushed-right name): the first phrase
    /// under 年度指标值/实际完成值, when it is words and not a measure and another phrase follows it there, is the name.
    /// True when a line changed.
    /// </summary>
    /// <summary>
    /// A name cell wraps only where its line is full: a line of a row's name longer than the line before it (by more than
    /// a character, and not a figure or a latin word the line breaker moves down whole) starts another cell — the next
    /// row's name, whose first line a tool that lays each line at its own widths printed with the row above ("节约运行成本"
    /// / "带动相关产业发展" beside the first row's figures, the second row's on the line below). It goes to the next row,
    /// before that row's own name lines.
    /// </summary>
    private static void NamesCutWhereALineRunsLonger(List<int> anchors, Dictionary<int, List<Token>[]> pieces, int name)
    {
        if (name < 0) return;
        for (var a = 0; a + 1 < anchors.Count; a++)
        {
            var (mine, next) = (pieces[anchors[a]][name], pieces[anchors[a + 1]][name]);
            var lines = Lines(mine);
            if (next.Count > 0 && mine.Count > 0 && next.Min(t => t.Line) <= mine.Max(t => t.Line)) continue;
            var cut = Enumerable.Range(1, Math.Max(0, lines.Count - 1)).FirstOrDefault(i => Starts(lines, i));
            if (cut > 0)
            {
                var moved = mine.Where(t => t.Line >= lines[cut].Line).ToList();
                pieces[anchors[a]][name] = [.. mine.Except(moved)];
                pieces[anchors[a + 1]][name] = [.. moved, .. next];
                continue;
            }
            // The other way about: the next row's first name line short of its second ends a cell — the rest of this
            // row's name, where this row's last line is full ("项目设立的规" / "范性" / "绩效目标合理性").
            var theirs = Lines(next);
            if (lines.Count > 0 && theirs.Count >= 2 && Starts(theirs, 1) && lines[^1].Width >= theirs[1].Width - 2)
            {
                var moved = next.Where(t => t.Line == theirs[0].Line).ToList();
                pieces[anchors[a]][name] = [.. mine, .. moved];
                pieces[anchors[a + 1]][name] = [.. next.Except(moved)];
            }
        }

        static List<(int Line, int Width, string First)> Lines(List<Token> cell) =>
            [.. cell.GroupBy(t => t.Line).OrderBy(g => g.Key).Select(g => (Line: g.Key, Width: g.Sum(t => Width(t.Text)) + g.Count() - 1, First: g.First().Text))];

        // Line i starts a cell: it runs longer than the line before, and not by a figure or a mark moved down whole.
        static bool Starts(List<(int Line, int Width, string First)> lines, int i) =>
            lines[i].Width > lines[i - 1].Width + 2 && lines[i].First is { Length: > 0 } f && TextCleaner.IsCjk(f[0]) && !"，。、；：）)".Contains(f[0]);
    }

    private bool NameFromOwnLine(List<(int Row, List<(Token Token, int Column)> Placed)> lines, List<int> anchors,
        Dictionary<int, List<Token>[]> pieces, int name, List<Column> columns)
    {
        if (name < 0 || name + 2 >= columns.Count || columns[name + 1].Kind is not ("HdrTarget" or "HdrActual")) return false;
        var changed = false;
        foreach (var (row, placed) in lines)
        {
            if (!pieces.TryGetValue(row, out var cells) || cells[name].Count > 0) continue;
            // Two phrases at least: a lone word there is as likely a target whose row's name stood elsewhere.
            var first = placed.FindIndex(p => p.Column > name && p.Column <= name + 2);
            if (first < 0 || placed.Count(p => p.Column > name && p.Column <= name + 2) < 2) continue;
            var text = placed[first].Token.Text;
            if (IsFigure(text) || FormPatterns.IsMeasure(text, matcher.Model.Units) || matcher.MatchLevel(text) is { IsExact: true }) continue;
            placed[first] = (placed[first].Token, name);
            changed = true;
        }
        return changed;
    }

    /// <summary>How wide a text prints in a layout's character columns: a CJK character (or a full-width sign) is two.</summary>
    private static int Width(string text) => text.Sum(c => c > 0x2E80 ? 2 : 1);

    /// <summary>
    /// Re-joins a level column's pieces into labels ("可持续影响指" + "标") and gives each label the run of rows whose
    /// middle is nearest its line: the row nearest the label holds it, the others carry it.
    /// </summary>
    private void SpreadLevels(ImmutableArray<RawRow> rows, List<(int Row, List<(Token Token, int Column)> Placed)> lines,
        List<int> anchors, Dictionary<int, List<Token>[]> pieces, int column, int nameColumn = -1)
    {
        var labels = new List<List<Token>>();
        foreach (var token in lines.SelectMany(l => l.Placed).Where(p => p.Column == column).Select(p => p.Token))
        {
            // (A label's last piece may stand three lines below the rest in a tall cell: "成本指" … "标", when together they
            // are a whole label and the rest is none.)
            if (labels.Count > 0 && labels[^1] is var last &&
                (token.Line - last[^1].Line <= 2 && Joins(last, token) ||
                 token.Line - last[^1].Line == 3 && CompletesLevel(last, token) && !LevelPieceBetween(last[^1].Line, token.Line)))
                last.Add(token);
            else labels.Add([token]);
        }
        if (labels.Count == 0) return;
        // (Nor when another label's piece stands between, in any column: "质量指" / "时效指" / "标".)
        bool LevelPieceBetween(int above, int below) =>
            lines.SelectMany(l => l.Placed).Any(p => p.Token.Line > above && p.Token.Line < below && (IsLevelPiece(p.Token.Text) || StartsLevel(p.Token.Text)));
        // Lines that hold nothing of the table (the pieces of a vertical 绩效指标 label left of it: "标" on a line of its
        // own between two one-line rows) are no height of the table's: the rows either side of one are a line apart.
        var tableLines = lines.Select(l => rows[l.Row].Line ?? l.Row).ToHashSet();
        var outside = Enumerable.Range(lines[0].Row, lines[^1].Row - lines[0].Row + 1)
            .Where(r => rows[r].Cells.Any(c => !c.IsEmpty) && !tableLines.Contains(rows[r].Line ?? r)).Select(r => rows[r].Line ?? r).ToList();
        double Squeezed(double line) => line - outside.Count(x => x < line);
        var lineOf = anchors.Select(a => Squeezed(rows[a].Line ?? a)).ToArray();
        var centers = labels.Select(l => l.Average(t => Squeezed(t.Line))).ToArray();
        var extents = labels.Select(l => (Squeezed(l.Min(t => t.Line)), Squeezed(l.Max(t => t.Line)))).ToArray();
        // What each row's name says of its 二级指标 (the models' levelCues): a row whose name has another level's cue and
        // not this one's costs a run as much as a line off its label (the lines of a centred label are the layout's
        // rounding, the name is the form's own word).
        double[,]? against = null;
        if (nameColumn >= 0)
        {
            var names = anchors.Select(a => string.Concat(pieces[a][nameColumn].Select(t => t.Text))).ToArray();
            var levelNames = labels.Select(l => matcher.MatchLevel(string.Concat(l.Select(t => t.Text)))?.Name).ToArray();
            against = new double[labels.Count, anchors.Count];
            for (var q = 0; q < labels.Count; q++)
                for (var a = 0; a < anchors.Count; a++)
                {
                    var own = matcher.Model.LevelCues.FirstOrDefault(c => c.Level2 == levelNames[q]).Pattern;
                    var agreesHere = own is not null && own.IsMatch(names[a]);
                    var agreesElsewhere = matcher.Model.LevelCues.Any(c => c.Level2 != levelNames[q] && levelNames.Contains(c.Level2) && c.Pattern.IsMatch(names[a]));
                    against[q, a] = !agreesHere && agreesElsewhere ? CueCost : 0;
                }
        }
        var (spans, halfway) = Spans(lineOf, centers, extents, against);
        // A label centred on an even run of rows stands between two lines, and the layout sets it on one of them the same
        // way all through a table: where the labels, read as set on the upper line of such a run (or all on the lower),
        // sit a whole line nearer their runs in all than read as halfway, that reading is the table's.
        var best = halfway - RoundingGain;
        foreach (var rounding in new[] { -1, 1 })
            if (Spans(lineOf, centers, extents, against, rounding) is var (rounded, cost) && cost <= best)
                (spans, best) = (rounded, cost);
        for (var q = 0; q < labels.Count; q++)
        {
            var (first, last) = spans[q];
            if (first > last) continue;
            var holder = Enumerable.Range(first, last - first + 1).MinBy(a => Math.Abs(lineOf[a] - centers[q]));
            var cell = Merge(labels[q]);
            for (var a = first; a <= last; a++)
                pieces[anchors[a]][column] = [labels[q][0] with { Cell = cell with { Carried = a != holder } }];
        }
    }

    /// <summary>True when a piece makes a whole level of a label that is none yet ("成本指" and "标").</summary>
    private bool CompletesLevel(List<Token> label, Token piece)
    {
        var before = string.Concat(label.Select(t => t.Text));
        return matcher.MatchLevel(before) is not { IsExact: true } && matcher.MatchLevel(before + piece.Text) is { IsExact: true };
    }

    /// <summary>True when a piece continues the label above: together they read as a level no worse than apart.</summary>
    private bool Joins(List<Token> label, Token piece)
    {
        var before = string.Concat(label.Select(t => t.Text));
        // (A whole label ends where the next begins: "经济效益指标" then "生态效", the start of the label of the rows below.)
        if (matcher.MatchLevel(before) is { IsExact: true } && (matcher.MatchLevel(piece.Text) is not null || StartsLevel(piece.Text))) return false;
        return matcher.MatchLevel(before + piece.Text) is not null || matcher.MatchLevel(before) is null;
    }

    /// <summary>
    /// Splits rows (their lines, in order) into one run per label, each run holding at least one row, so that each
    /// run's middle line is as near as it can be to its label's line — and no run takes a row printed on the lines of
    /// another label ("服务对象满意" / "度指标" on the lines of its two rows: those rows are its, however far the
    /// label above reaches). Fewer rows than labels: the first rows take one each.
    /// </summary>
    /// <summary>What a row whose name has another level's cue and not its own costs a level's run: as much as its middle
    /// standing a line off the label's (tried at 0.5 and 2 on the tuning half: 1 read the most).</summary>
    private const double CueCost = 1.0;

    /// <summary>
    /// Between cuts that leave the labels as far off in all, the one that leaves each less far: a centred label stands
    /// within half a line of its run's middle (the layout's rounding), so two runs half a line off each are likelier
    /// than one on its label and one a line off.
    /// </summary>
    private const double EvenCost = 0.001;

    /// <summary>How much nearer its labels a table read with one rounding must be than read halfway to take it.</summary>
    private const double RoundingGain = 1.0;

    private static ((int First, int Last)[] Spans, double Cost) Spans(double[] rowLines, double[] centers,
        (double First, double Last)[] extents, double[,]? against = null, int rounding = 0)
    {
        const double OthersRowCost = 100;
        int n = rowLines.Length, k = centers.Length;
        var result = new (int, int)[k];
        if (k > n)
        {
            for (var q = 0; q < k; q++) result[q] = q < n ? (q, q) : (1, 0);
            return (result, 0);
        }
        // foreign[q, e]: how many of the first e rows stand on the lines of a label other than q (a running count).
        var foreign = new int[k, n + 1];
        for (var q = 0; q < k; q++)
            for (var r = 0; r < n; r++)
            {
                var others = 0;
                for (var other = 0; other < k; other++)
                    if (other != q && rowLines[r] >= extents[other].First && rowLines[r] <= extents[other].Last) others++;
                foreign[q, r + 1] = foreign[q, r] + others;
            }
        var cost = new double[k + 1, n + 1];
        var cut = new int[k + 1, n + 1];
        for (var q = 0; q <= k; q++)
            for (var e = 0; e <= n; e++) cost[q, e] = double.PositiveInfinity;
        cost[0, 0] = 0;
        for (var q = 1; q <= k; q++)
            for (var e = q; e <= n; e++)
                for (var s = q - 1; s < e; s++)
                {
                    if (double.IsPositiveInfinity(cost[q - 1, s])) continue;
                    var middle = (rowLines[s] + rowLines[e - 1]) / 2;
                    middle = rounding < 0 ? Math.Floor(middle) : rounding > 0 ? Math.Ceiling(middle) : middle;
                    var off = middle - centers[q - 1];
                    var c = cost[q - 1, s] + Math.Abs(off) + EvenCost * off * off + OthersRowCost * (foreign[q - 1, e] - foreign[q - 1, s]);
                    if (against is not null) for (var r = s; r < e; r++) c += against[q - 1, r];
                    if (c < cost[q, e]) (cost[q, e], cut[q, e]) = (c, s);
                }
        var end = n;
        for (var q = k; q >= 1; q--)
        {
            var start = cut[q, end];
            result[q - 1] = (start, end - 1);
            end = start;
        }
        return (result, cost[k, n]);
    }

    // ---- the funding block ---------------------------------------------------------------------------------------

    /// <summary>The funding block runs to the 年度总体目标 block, the indicator table, or the end of the text.</summary>
    private int FundingBlockEnd(ImmutableArray<RawRow> rows, int from)
    {
        for (var r = from; r < rows.Length; r++)
        {
            if (!IsPositioned(rows[r])) return r;
            var cells = rows[r].Cells.Where(c => !c.IsEmpty).ToList();
            if (cells.Any(c => matcher.Match(c.Text, "GoalsSection", "Planned", "Achieved", "IndicatorSection") is { Score: >= 0.9 }))
                return r;
            // 年度 / 总体 / 目标 stacked down the goals block's label cell — unless figures follow on the next lines: then
            // it is 年度资金总额 wrapped in a narrow cell ("年度" / "资金" with the line's figures / "总额").
            if (cells.Count > 0 && matcher.Model.Labels["GoalsFragment"].Contains(TextCleaner.Compact(cells[0].Text)) &&
                cells.Skip(1).All(c => !IsFigure(c.Text)) && !FiguresFollow(rows, r))
                return r;
            if (FindBand(rows, r, IndicatorKinds, IsIndicatorBand) is { } b && b.Start == r) return r;
        }
        return rows.Length;
    }

    /// <summary>True when one of the two lines after <paramref name="r"/> holds an amount (a figure with more than three digits).</summary>
    private static bool FiguresFollow(ImmutableArray<RawRow> rows, int r) =>
        Enumerable.Range(r + 1, 2).Where(k => k < rows.Length && IsPositioned(rows[k]) && rows[k].Block == rows[r].Block)
            .Any(k => rows[k].Cells.Any(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out var n) && !n.Percent && Math.Abs(n.Value) >= 1000));

    private IEnumerable<RawRow> RebuildFunding(ImmutableArray<RawRow> rows, Band band, int end)
    {
        // The line labels have no header: their column is everything left of the first figure column.
        var first = band.Columns[0];
        var label = new Column(FundingLabelKind, 0, Math.Max(0, first.Lo - 1), first.Header with { Text = "" });
        var columns = new List<Column> { label };
        columns.AddRange(band.Columns);
        SetTerritories(columns);
        var lines = new List<(int Row, List<(Token Token, int Column)> Placed)>();
        var section = new List<Token>();
        var tokensOf = new List<(int Row, List<Token> Tokens)>();
        for (var r = band.End; r < end; r++)
            if (Tokens(rows, r, 0) is { Count: > 0 } tokens) tokensOf.Add((r, tokens));
        JoinBrokenAmounts(tokensOf);
        foreach (var (r, tokens) in tokensOf)
            if (tokens.Count > 0) lines.Add((r, Align(tokens, columns)));
        // 项目资金（元）, the block's own label, stands left of the line labels: it is set apart on a row of its own
        // (it names the currency), so that it never joins a line's label.
        var labelStarts = lines.SelectMany(l => l.Placed).Where(p => p.Column == 0).Select(p => p.Token.At.Start).ToList();
        var leftmost = labelStarts.Count == 0 ? 0 : labelStarts.Min();
        var inset = labelStarts.Any(s => s >= leftmost + 2);
        foreach (var line in lines)
            line.Placed.RemoveAll(p =>
            {
                var isSection = p.Column == 0 && inset && p.Token.At.Start <= leftmost + 1 && IsSectionPiece(p.Token.Text);
                if (isSection) section.Add(p.Token);
                return isSection;
            });
        JoinWrappedLineLabels(lines);
        UnstackFundingColumns(rows, lines);
        // A line is a row when it holds figures — or one figure or dash beside a whole line label (其中：当年财政拨款 —):
        // a line with no money of its own is still a line of the block, and its label must not join the next row's.
        // Beside a line of figures without a label, though, the label and its one figure are that line's, wrapped around it.
        bool FiguresOnly(int k) => k >= 0 && k < lines.Count && lines[k].Placed.Count(p => p.Column > 0 && IsFigure(p.Token.Text)) >= 2 &&
                                   !lines[k].Placed.Any(p => p.Column == 0);
        var anchors = lines.Select((l, k) => (l, k)).Where(x => x.l.Placed.Any(p => p.Column > 0 && IsFigure(p.Token.Text)) &&
                                       (x.l.Placed.Count(p => p.Column > 0) >= 2 ||
                                        NamesFundingLine(x.l.Placed) && !FiguresOnly(x.k - 1) && !FiguresOnly(x.k + 1)))
            .Select(x => x.l.Row).ToList();
        // Text whose spaces are no layout (a tool that writes one space between cells, as seed 002's does) lets a
        // line's label run on under the figure columns: its positions say nothing, and the normalizer reads its figures
        // in order instead.
        var overrun = lines.Where(l => anchors.Contains(l.Row)).Any(l => l.Placed.Any(p => p.Column == 0 && !IsFigure(p.Token.Text) && p.Token.At.End > first.Lo + 2));
        var firstFigures = anchors.Select(a => rows[a].Cells.FirstOrDefault(c => !c.IsEmpty && IsFigure(c.Text))?.Columns).OfType<TextColumns>().ToList();
        // Lines whose first figures stand apart may still be laid out: a narrow column wraps its amounts and a centred
        // cell prints its figure on a line of its own ("8800240.0" / "0" beside "7891816.50" a line below), so each line's
        // first figure is another column's. Then the columns holding two figures or more must hold them at one place
        // (three of them at least, and all but one in four: a centred rate wrapped over "%" may stand off its column).
        var byColumn = lines.Where(l => anchors.Contains(l.Row)).SelectMany(l => l.Placed)
            .Where(p => p.Column > 0 && IsFigure(p.Token.Text)).GroupBy(p => p.Column).Where(g => g.Count() >= 2).ToList();
        var aligned = byColumn.Count(g => IsColumnar(g.Select(p => p.Token.At).ToList()));
        // Nor does a layout that squeezes a line to fit its label ("(元) 31667.50 31667.50" under "年初" / "全年预") set its
        // figures where the other lines have theirs; its gaps still are a layout's: two spaces or more between its cells,
        // where a tool that writes one space between cells has one everywhere.
        var gaps = anchors.SelectMany(a =>
        {
            var at = rows[a].Cells.Where(c => !c.IsEmpty && c.Columns is not null).Select(c => c.Columns!.Value).OrderBy(c => c.Start).ToList();
            return at.Zip(at.Skip(1), (left, right) => right.Start - left.End);
        }).ToList();
        var spaced = gaps.Count >= 4 && gaps.Count(g => g >= 2) >= 0.75 * gaps.Count;
        var columnar = IsColumnar(firstFigures) || aligned >= 3 && aligned >= 0.75 * byColumn.Count || spaced;
        if (anchors.Count == 0 || overrun || !columnar)
        {
            for (var r = band.Start; r < end; r++) yield return rows[r];
            yield break;
        }
        MergeCentredFigureLines(lines, anchors);
        ByKindWhenFull(lines, anchors, columns);
        SnapToFullestLine(lines, anchors);
        CloseFilledColumns(rows, lines, anchors, columns);
        var pieces = Attach(rows, lines, anchors, columns.Count, skip: []);
        RatesToScoredLines(pieces, anchors, columns);
        if (section.Count > 0)
        {
            var cell = Merge(section);
            yield return new RawRow([cell], RowOrigin.Layout, section[0].Cell.Source.Line, rows[section[0].Row].Block);
        }
        yield return Header(rows[band.Start], columns);
        foreach (var anchor in anchors)
            yield return Row(rows[anchor], pieces[anchor], columns.Count);
    }

    /// <summary>
    /// Funding lines printed a column at a time: pdftotext may print the labels of lines it could not tell apart first
    /// ("其中：当年财政拨款" / "上年结转资金"), then their 年初预算数 one under the other ("794,821.00" / "0.00"), then the rest of
    /// each ("3,243,096.00 1,628,318 —" / "0.00 —"). A run of lines each holding a whole line label (and its first amounts
    /// at most), followed by groups of as many lines of figures only, each group's lines starting in one column and each
    /// group right of the one before, is those lines: the i-th line of each group is the i-th label's.
    /// </summary>
    private void UnstackFundingColumns(ImmutableArray<RawRow> rows, List<(int Row, List<(Token Token, int Column)> Placed)> lines)
    {
        static bool IsFigureOrDash(string text) => IsFigure(text) || TextCleaner.Compact(text) is "—" or "-" or "－";
        bool Labelled(int k) => lines[k].Placed.Any(p => p.Column == 0) && NamesFundingLine(lines[k].Placed) &&
                                lines[k].Placed.All(p => p.Column == 0 || IsFigureOrDash(p.Token.Text));
        bool FiguresOnly(int k) => lines[k].Placed.Count > 0 && lines[k].Placed.All(p => p.Column > 0 && IsFigureOrDash(p.Token.Text));
        bool Next(int k) => k < lines.Count && lines[k].Row == lines[k - 1].Row + 1;
        for (var start = 0; start < lines.Count; start++)
        {
            var labels = 0;
            while (start + labels < lines.Count && (labels == 0 || Next(start + labels)) && Labelled(start + labels)) labels++;
            if (labels < 2) continue;
            // (The labels' lines may hold their first amounts: "年度资金总额 7100042.00" / "其中：当年财政拨款 7100042.00", the
            // rest of each line after them, right of those.)
            var lastLead = lines.GetRange(start, labels).SelectMany(l => l.Placed).Max(p => p.Column);
            var groups = new List<List<int>>();
            for (var k = start + labels; Next(k) && FiguresOnly(k); k++)
            {
                var lead = lines[k].Placed.Min(p => p.Column);
                if (groups.Count > 0 && groups[^1].Count < labels && lead == lastLead) groups[^1].Add(k);
                else if ((groups.Count == 0 || groups[^1].Count == labels) && lead > lastLead) groups.Add([k]);
                else break;
                lastLead = lead;
            }
            // The last group may be short: the scored line's 得分 alone, the lines under it having none.
            if (groups.Count == 0 || groups.SkipLast(1).Any(g => g.Count != labels) || groups.Count == 1 && groups[0].Count != labels) continue;
            foreach (var group in groups)
                for (var i = 0; i < group.Count; i++)
                {
                    var (to, from) = (start + i, group[i]);
                    var row = lines[to].Row;
                    lines[to].Placed.AddRange(lines[from].Placed.Select(p => (p.Token with { Row = row, Line = rows[row].Line ?? row }, p.Column)));
                    lines[from].Placed.Clear();
                }
            lines.RemoveAll(l => l.Placed.Count == 0);
        }
    }

    /// <summary>
    /// A tall funding row whose cells are centred prints its one-line cells on its middle line and a wrapped amount's
    /// two lines above and below it ("8800240.0" / "0"), so a line of figures without a label stands next to the labelled
    /// line: two lines of figures, one row. A label-less line next to (at most one line from) a labelled one, their
    /// figures in no column both, is no row of its own: its figures are gathered to the nearest row as wrapped pieces.
    /// </summary>
    private static void MergeCentredFigureLines(List<(int Row, List<(Token Token, int Column)> Placed)> lines, List<int> anchors)
    {
        var byRow = lines.ToDictionary(l => l.Row, l => l.Placed);
        bool Labelled(int row) => byRow[row].Any(p => p.Column == 0);
        HashSet<int> Figures(int row) => [.. byRow[row].Where(p => p.Column > 0).Select(p => p.Column)];
        foreach (var row in anchors.ToList())
        {
            if (Labelled(row)) continue;
            var next = anchors.Where(a => a != row && Math.Abs(a - row) <= 2 && Labelled(a) && !Figures(a).Overlaps(Figures(row))).ToList();
            if (next.Count > 0) anchors.Remove(row);
        }
    }

    /// <summary>
    /// An amount wrapped in its narrow cell: "2,873,658.5" with "0" under it on the next line or the one after (or
    /// "7,492,661" over ".50", "3,430,39" over "6"). Printed
    /// amounts carry two decimals, so a figure of one decimal over a lone digit in its columns is one figure; read apart
    /// they would be two wrong amounts and no warning. The digit joins the figure as a wrapped cell's line.
    /// </summary>
    private static void JoinBrokenAmounts(List<(int Row, List<Token> Tokens)> lines)
    {
        for (var k = 0; k < lines.Count; k++)
            for (var t = 0; t < lines[k].Tokens.Count; t++)
            {
                var top = lines[k].Tokens[t];
                // (So are a rate's sign wrapped under it, "90.20" / "%", and an amount's decimals, "7,492,661" / ".50".)
                var rate = NumberParser.TryParse(top.Text, out var r) && !r.Percent && r.Value <= 1000 && top.Text.Contains('.');
                // (And an amount cut inside its last group of thousands, "3,430,39" / "6".)
                var whole = top.Text.Length >= 4 && top.Text.All(c => char.IsAsciiDigit(c) || c == ',') && char.IsAsciiDigit(top.Text[^1]);
                var group = whole && top.Text.LastIndexOf(',') is > 0 and var comma ? top.Text.Length - comma - 1 : 3;
                if (!BrokenLineJoiner.OneDecimal(top.Text) && !rate && !whole) continue;
                bool Tail(string text) =>
                    whole && group < 3 ? Regex.IsMatch(text, $@"^\d{{{3 - group}}}(\.\d{{1,2}})?$")
                    : whole ? text.Length is 2 or 3 && text[0] == '.' && text.Skip(1).All(char.IsAsciiDigit)
                    : rate ? text == "%" : text.Length == 1 && char.IsAsciiDigit(text[0]);
                for (var n = k + 1; n < lines.Count && lines[n].Tokens.Count > 0 && lines[n].Tokens[0].Line - top.Line <= 2; n++)
                {
                    var below = lines[n].Tokens.FindIndex(b => Tail(b.Text) && b.At.Start >= top.At.Start && b.At.Start < top.At.End);
                    if (below < 0) continue;
                    var piece = lines[n].Tokens[below];
                    var text = top.Text + "\n" + piece.Text;
                    lines[k].Tokens[t] = top with { Cell = top.Cell with { Text = text, Source = top.Cell.Source with { Text = text } } };
                    lines[n].Tokens.RemoveAt(below);
                    break;
                }
            }
    }

    /// <summary>
    /// A line label wrapped in a narrow cell ("其中：当年财" / "政拨款") whose figures stand on one of its lines: the piece on
    /// the line without figures goes to the line with them when together, and not apart, they spell a line label — so
    /// the line is a row of its own and the piece never joins the next line's label.
    /// </summary>
    private void JoinWrappedLineLabels(List<(int Row, List<(Token Token, int Column)> Placed)> lines)
    {
        string Label(List<(Token Token, int Column)> placed) => string.Concat(placed.Where(p => p.Column == 0).Select(p => p.Token.Text));
        bool Spells(string text) => text.Length > 0 && matcher.Match(text, FundingLineKinds) is { Score: >= 0.99 };
        bool HasFigure(List<(Token Token, int Column)> placed) => placed.Any(p => p.Column > 0 && IsFigure(p.Token.Text));
        for (var k = 0; k < lines.Count; k++)
        {
            var placed = lines[k].Placed;
            if (!HasFigure(placed) || Spells(Label(placed))) continue;
            // A label wrapped around its line's one figure, no piece on the figure's own line ("上年结" / "—" / "转资金":
            // a tall cell centres the dash between the label's two lines): both pieces go to the line of the figure.
            if (Label(placed).Length == 0 && k > 0 && k + 1 < lines.Count &&
                lines[k + 1].Row - lines[k - 1].Row == 2 &&
                !HasFigure(lines[k - 1].Placed) && !HasFigure(lines[k + 1].Placed) &&
                Label(lines[k - 1].Placed) is { Length: > 0 } above && Label(lines[k + 1].Placed) is { Length: > 0 } below &&
                Spells(above + below) && !Spells(above) && !Spells(below))
            {
                foreach (var other in new[] { k - 1, k + 1 })
                {
                    placed.AddRange(lines[other].Placed.Where(p => p.Column == 0));
                    lines[other].Placed.RemoveAll(p => p.Column == 0);
                }
                continue;
            }
            // The piece on the next line, or the one after when the line between has no label (a tall row's line of
            // figures centred between a label's two lines: "其中：当年财政" / "7891816.50 —" / "拨款").
            foreach (var other in new[] { k + 1, k - 1, k + 2, k - 2 })
            {
                if (other < 0 || other >= lines.Count || HasFigure(lines[other].Placed) || Label(lines[other].Placed) is not { Length: > 0 } piece) continue;
                if (Math.Abs(other - k) == 2 && Label(lines[(other + k) / 2].Placed).Length > 0) continue;
                var together = other > k ? Label(placed) + piece : piece + Label(placed);
                if (!Spells(together) || Spells(piece)) continue;
                placed.AddRange(lines[other].Placed.Where(p => p.Column == 0));
                lines[other].Placed.RemoveAll(p => p.Column == 0);
                break;
            }
        }
    }

    /// <summary>
    /// A line that prints its three amounts reads by kind and order, whatever its characters' columns: the three amounts
    /// are 年初预算数, 全年预算数 and 全年执行数, a figure with % is the 执行率, and the small figures are the 分值 before it
    /// and the 得分 after (both after the amounts when the rate was wrapped onto the lines around). Layout text sets
    /// digits and CJK labels at different widths, so a line of figures may stand well right of its header's labels;
    /// the order of a full line cannot drift. Such a line then sets the columns for the others (<see cref="SnapToFullestLine"/>).
    /// </summary>
    private static void ByKindWhenFull(List<(int Row, List<(Token Token, int Column)> Placed)> lines, List<int> anchors, List<Column> columns)
    {
        int ColumnOf(string kind) => columns.FindIndex(c => c.Kind == kind);
        var amountColumns = new[] { ColumnOf("ColInitial"), ColumnOf("ColAnnual"), ColumnOf("ColExecuted") };
        var (weight, rate, score) = (ColumnOf("HdrWeight"), ColumnOf("ColRate"), ColumnOf("HdrScore"));
        if (amountColumns.Any(j => j < 0) || weight < 0 || score < 0) return;
        var isAnchor = anchors.ToHashSet();
        foreach (var (row, placed) in lines)
        {
            if (!isAnchor.Contains(row)) continue;
            var figures = placed.Select((p, i) => (p, i)).Where(x => x.p.Column > 0 && NumberParser.TryParse(TextCleaner.Clean(x.p.Token.Text), out _)).ToList();
            // A line the template does not score (其中：当年财政拨款, 上年结转资金, 其他资金) prints its amounts and a "—" for its
            // 分值, last. A line at its own widths may set an amount under 分值 and the dash under 得分: such an amount goes
            // to the first free amount column after the amount before it, the dash under 分值.
            var last = placed.FindLastIndex(p => p.Column > 0);
            if (placed.Count(p => p.Column > 0) == figures.Count + 1 && figures.Count is >= 1 and <= 3 && figures[^1].i < last &&
                TextCleaner.Compact(placed[last].Token.Text) is "—" or "-" or "－" &&
                figures.All(x => NumberParser.TryParse(TextCleaner.Clean(x.p.Token.Text), out var a) && !a.Percent && IsAmount(x.p.Token.Text, a.Value)) &&
                (figures.Any(x => !amountColumns.Contains(x.p.Column)) || placed[last].Column != weight))
            {
                var after = 0;
                var moved = new List<(int Index, int Column)>();
                foreach (var (p, i) in figures)
                {
                    var column = amountColumns.Contains(p.Column) && p.Column > after ? p.Column : amountColumns.FirstOrDefault(c => c > after, -1);
                    if (column < 0) break;
                    moved.Add((i, column));
                    after = column;
                }
                if (moved.Count < figures.Count) continue;
                foreach (var (i, column) in moved) placed[i] = (placed[i].Token, column);
                placed[last] = (placed[last].Token, weight);
                continue;
            }
            if (figures.Count < 5) continue;
            var parsed = figures.Select(x => { NumberParser.TryParse(TextCleaner.Clean(x.p.Token.Text), out var n); return n; }).ToList();
            if (!Enumerable.Range(0, 3).All(k => !parsed[k].Percent && IsAmount(figures[k].p.Token.Text, parsed[k].Value))) continue;
            var rest = parsed.Skip(3).ToList();
            int[] tail;
            if (rest.Count == 3 && !rest[0].Percent && rest[1].Percent && !rest[2].Percent && rate >= 0) tail = [weight, rate, score];
            else if (rest.Count == 2 && !rest[0].Percent && !rest[1].Percent) tail = [weight, score];
            else continue;
            if (rest.Where(n => !n.Percent).Any(n => n.Value > 100)) continue;
            var target = amountColumns.Concat(tail).ToArray();
            for (var k = 0; k < figures.Count; k++) placed[figures[k].i] = (figures[k].p.Token, target[k]);
        }

        static bool IsAmount(string text, decimal value) => value == 0 || text.Contains(',') || value > 100 || value.Scale == 2 && value >= 1;
    }

    /// <summary>
    /// The line with the most figures sets where each figure column's figures stand: a figure of another line that starts
    /// or ends where one of that line's does (within a character: a CJK label before it shifts a line by one), or is
    /// centred where one of them is (a centred cell's "0.00" under "4113433.51"), is in its column (amounts set flush right
    /// or centred under a narrow header label stand nearer the next label than their own).
    /// </summary>
    private static void SnapToFullestLine(List<(int Row, List<(Token Token, int Column)> Placed)> lines, List<int> anchors)
    {
        var isAnchor = anchors.ToHashSet();
        var withFigures = lines.Where(l => isAnchor.Contains(l.Row)).ToList();
        if (withFigures.Count < 2) return;
        var fullest = withFigures.MaxBy(l => l.Placed.Count(p => p.Column > 0 && IsPlainFigure(p.Token.Text)));
        var reference = fullest.Placed.Where(p => p.Column > 0 && IsPlainFigure(p.Token.Text)).ToList();
        // Where a figure stands, moved by a shift, against the fullest line's: the columns it would be in.
        List<int> Same(Token token, int shift) =>
            [.. reference.Where(r => Math.Abs(r.Token.At.End - token.At.End - shift) <= 1 || Math.Abs(r.Token.At.Start - token.At.Start - shift) <= 1 ||
                                     Math.Abs(r.Token.At.Start + r.Token.At.End - token.At.Start - token.At.End - 2 * shift) <= 2)
                .Select(r => r.Column).Distinct()];
        foreach (var (row, placed) in withFigures)
        {
            if (row == fullest.Row) continue;
            // A line's label of other characters may move all its figures by a character or three ("(元) 年财政拨" against
            // "年度资金"): the shift that lines up most of its figures, two at least, each with one of the fullest line's
            // in their order, is the line's; else none.
            var figures = placed.Where(p => p.Column > 0 && IsPlainFigure(p.Token.Text)).Select(p => p.Token).ToList();
            var lineShift = 0;
            if (figures.Count >= 2)
            {
                var best = (Matched: 0, Shift: 0);
                // Two shifts that line up as many figures in other columns ("0.00 … 0.00" right-aligned under
                // "2471096.00 2471096.00 1806777.00": +1 puts the second under 全年执行数, −3 under 全年预算数) say nothing.
                var agreed = true;
                string? placing = null;
                foreach (var shift in new[] { 0, -1, 1, -2, 2, -3, 3 })
                {
                    var columnsHit = figures.Select(f => Same(f, shift)).ToList();
                    var matched = columnsHit.Count(c => c.Count == 1);
                    var ordered = columnsHit.Where(c => c.Count == 1).Select(c => c[0]).ToList();
                    if (ordered.Zip(ordered.Skip(1)).Any(p => p.First >= p.Second)) continue;
                    var where = string.Join(",", columnsHit.Select(c => c.Count == 1 ? c[0] : -1));
                    if (matched == best.Matched && matched > 0 && where != placing) agreed = false;
                    if (matched > best.Matched) (best, agreed, placing) = ((matched, shift), true, where);
                }
                if (agreed && best.Matched >= 2 && best.Matched > figures.Count(f => Same(f, 0).Count == 1)) lineShift = best.Shift;
            }
            for (var t = 0; t < placed.Count; t++)
            {
                var (token, column) = placed[t];
                if (column == 0 || !IsPlainFigure(token.Text)) continue;
                var same = Same(token, lineShift);
                if (same.Count != 1 || same[0] == column) continue;
                var lo = t == 0 ? 1 : placed[t - 1].Column + 1;
                var hi = t == placed.Count - 1 ? int.MaxValue : placed[t + 1].Column - 1;
                if (same[0] >= lo && same[0] <= hi) placed[t] = (token, same[0]);
            }
        }

        static bool IsPlainFigure(string text) => NumberParser.TryParse(TextCleaner.Clean(text), out _);
    }

    /// <summary>
    /// A figure column holds one figure, its line's own: a piece on a line between rows (a rate wrapped in its narrow
    /// cell, "46.67" over the line and "%" under it) goes to a column the nearest row left empty, placed again with the
    /// filled ones closed to it.
    /// </summary>
    private void CloseFilledColumns(ImmutableArray<RawRow> rows, List<(int Row, List<(Token Token, int Column)> Placed)> lines,
        List<int> anchors, List<Column> columns)
    {
        var isAnchor = anchors.ToHashSet();
        var filled = lines.Where(l => isAnchor.Contains(l.Row))
            .ToDictionary(l => l.Row, l => l.Placed.Where(p => p.Column > 0 && IsFigure(p.Token.Text)).Select(p => p.Column).ToHashSet());
        for (var li = 0; li < lines.Count; li++)
        {
            var (row, placed) = lines[li];
            if (isAnchor.Contains(row) || !placed.Any(p => p.Column > 0 && IsFigure(p.Token.Text))) continue;
            var line = rows[row].Line ?? row;
            var nearest = anchors.MinBy(a => Math.Abs((rows[a].Line ?? a) - line));
            var closed = filled[nearest].Where(j => IsSingle(columns[j].Kind)).ToArray();
            if (closed.Length == 0 || !placed.Any(p => closed.Contains(p.Column))) continue;
            lines[li] = (row, Align([.. placed.Select(p => p.Token)], columns, closed));
        }
    }

    /// <summary>
    /// A line whose 分值 is "—" (当年财政拨款, 上年结转资金, 其他资金: the template scores only the total) has no 执行率 and
    /// no 得分: a rate or score piece gathered there from the lines around is the scored line's above it, wrapped far
    /// down its tall row.
    /// </summary>
    private static void RatesToScoredLines(Dictionary<int, List<Token>[]> pieces, List<int> anchors, List<Column> columns)
    {
        var weight = columns.FindIndex(c => c.Kind == "HdrWeight");
        var scored = new[] { columns.FindIndex(c => c.Kind == "ColRate"), columns.FindIndex(c => c.Kind == "HdrScore") }.Where(j => j >= 0).ToArray();
        if (weight < 0) return;
        bool Dash(int a) => pieces[a][weight] is { Count: > 0 } w && w.All(t => NumberParser.IsPlaceholder(TextCleaner.Clean(t.Text)));
        for (var k = 1; k < anchors.Count; k++)
        {
            if (!Dash(anchors[k])) continue;
            var owner = anchors.Take(k).LastOrDefault(a => !Dash(a) && pieces[a][weight].Count > 0, -1);
            if (owner < 0) continue;
            foreach (var j in scored)
            {
                var moved = pieces[anchors[k]][j].Where(t => t.Row != anchors[k]).ToList();
                if (moved.Count == 0 || pieces[owner][j].Any(t => t.Row == owner)) continue;
                pieces[owner][j].AddRange(moved);
                pieces[anchors[k]][j].RemoveAll(moved.Contains);
            }
        }
    }

    private bool NamesFundingLine(List<(Token Token, int Column)> placed) =>

        string.Concat(placed.Where(p => p.Column == 0).Select(p => p.Token.Text)) is { Length: > 0 } label &&
        matcher.Match(label, FundingLineKinds) is { Score: >= 0.9 };

    /// <summary>A piece of 项目资金（元）/（万元） as a narrow cell wraps it.</summary>
    private bool IsSectionPiece(string text)
    {
        var t = TextCleaner.Compact(text).Replace('（', '(').Replace('）', ')');
        if (t.Length == 0) return false;
        if (matcher.Match(t, FundingLineKinds) is { Score: >= 0.75 }) return false;
        return "项目资金(元)".Contains(t, StringComparison.Ordinal) || "项目资金(万元)".Contains(t, StringComparison.Ordinal) ||
               matcher.Match(t, "FundingBlock") is { Score: >= 0.9 };
    }

    // ---- the header block ----------------------------------------------------------------------------------------

    private static readonly string[] HeaderLabelKinds = ["ProjectName", "Department", "ImplementingUnit"];

    /// <summary>A label of the header block: its kind, its pieces (a label wrapped in its cell) and where it stands.</summary>
    private sealed record HeaderLabel(string Kind, List<Token> Pieces)
    {
        public int Lo => Pieces.Min(t => t.At.Start);
        public int Hi => Pieces.Max(t => t.At.End);
        public double Middle => Pieces.Average(t => (double)t.Line);

        /// <summary>Where the label ends on a line: its piece's end there, else its widest piece's (Chromium sets each of
        /// the label's lines at its own widths, "实施单" at 41–44 over "位" at 55, the value at 45 beside the first).</summary>
        public int HiOn(int line) => Pieces.Where(t => t.Line == line).Select(t => t.At.End).DefaultIfEmpty(Hi).Max();

        /// <summary>Where the label starts on a line, as <see cref="HiOn"/>.</summary>
        public int LoOn(int line) => Pieces.Where(t => t.Line == line).Select(t => t.At.Start).DefaultIfEmpty(Lo).Min();

        /// <summary>True when the label stands on the line or is wrapped over the lines around it.</summary>
        public bool Covers(int line) => Pieces.Min(t => t.Line) <= line && line <= Pieces.Max(t => t.Line);
    }

    /// <summary>
    /// The block above the funding table (项目名称, 主管部门, 实施单位) starting at line <paramref name="i"/>, as rows of
    /// label | value, and one past its last line. Layout text wraps a label ("实施单" / "位") and a value ("上海市宝山区行政服务中"
    /// / "心") over the lines around their row, so that a value's second line stands on the line of another row's label:
    /// read line by line, the 实施单位's value runs into the 项目名称 above it. So: label pieces are stacked into labels
    /// by the vocabulary (pieces over one another, or side by side on one line: "实施单  位"); every other word is a value
    /// piece, and pieces over one another (the nearest line above that has any) are one value; each value goes to the label
    /// whose line is nearest its middle, the nearest such label left of where the value starts. Null where the lines
    /// hold fewer than two of the three labels (another template's header, or none).
    /// </summary>
    private (List<RawRow> Rows, int End)? HeaderBlock(ImmutableArray<RawRow> rows, int i)
    {
        if (!IsPositioned(rows[i]) || IsTitleOrYear(rows[i])) return null;
        // Cheap first: the block starts at a label's line or the line before it, so one of the two holds a label's piece.
        if (!Enumerable.Range(i, 2).Any(r => r < rows.Length && rows[r].Cells.Any(c => IsLabelPiece(c.Text)))) return null;
        // The block runs to the funding table's header (which may begin with a label's wrapped piece) or a line of figures.
        var end = i + 1;
        while (end < rows.Length && end - i < 12 && IsPositioned(rows[end]) && rows[end].Block == rows[i].Block && !IsTitleOrYear(rows[end]) &&
               !rows[end].Cells.Any(c => !c.IsEmpty && NumberParser.TryParse(TextCleaner.Clean(c.Text), out _) && !c.Text.Contains('[')))
        {
            if (FindBand(rows, end, FundingKinds, IsFundingBand) is { } band && band.Start == end) break;
            end++;
        }
        if (end - i < 1) return null;
        var tokens = new List<Token>();
        for (var r = i; r < end; r++) tokens.AddRange(Tokens(rows, r, 0));
        var labels = HeaderLabels(tokens);
        // The block starts at a label's line or the line before it (a value wrapped above its label's line).
        if (labels.Count < 2 || labels.Select(l => l.Kind).Distinct().Count() < 2 || labels.Min(l => l.Pieces.Min(t => t.Row)) > i + 1)
            return null;
        var labelled = labels.SelectMany(l => l.Pieces).ToHashSet();
        if (AssignValues(Phrases([.. tokens.Where(t => !labelled.Contains(t))], labels), labels) is not { } owner) return null;
        var output = new List<RawRow>();
        foreach (var line in labels.GroupBy(l => (int)Math.Round(l.Middle)).OrderBy(g => g.Key))
        {
            var cells = new List<RawCell>();
            foreach (var label in line.OrderBy(l => l.Lo))
            {
                cells.Add(Merge(label.Pieces));
                if (owner[label].Count > 0) cells.Add(Merge([.. owner[label].SelectMany(v => v)]));
            }
            var first = line.OrderBy(l => l.Lo).First().Pieces[0];
            output.Add(new RawRow([.. cells.Select((c, k) => c with { Source = c.Source with { Col = k } })], RowOrigin.LayoutGrid,
                first.Line, rows[i].Block));
        }
        return (output, end);
    }

    private static bool IsTitle(RawRow row) => FormSegmenter.IsTitle(string.Concat(row.Cells.Select(c => c.Text)));

    private static bool IsTitleOrYear(RawRow row)
    {
        var joined = string.Concat(row.Cells.Select(c => c.Text));
        return FormSegmenter.IsTitle(joined) || FormSegmenter.IsYear(joined) && joined.Length <= 12;
    }

    /// <summary>
    /// The header labels among a block's tokens: a token that names one, or pieces that together do — stacked over one
    /// another (the nearest line above holding a piece overlapping it) or side by side on one line.
    /// </summary>
    private List<HeaderLabel> HeaderLabels(List<Token> tokens)
    {
        bool Names(string text, double score) => matcher.Match(text, HeaderLabelKinds) is { } m && m.Score >= score;
        var pieces = tokens.Where(t => IsLabelPiece(t.Text)).ToList();
        var groups = pieces.Select(t => new List<Token> { t }).ToList();
        // Pieces over one another: a piece joins the group of an overlapping piece on a line just above when together
        // they name a label better than apart.
        for (var changed = true; changed;)
        {
            changed = false;
            for (var a = 0; a < groups.Count && !changed; a++)
                for (var b = 0; b < groups.Count && !changed; b++)
                {
                    if (a == b) continue;
                    var (x, y) = (groups[a], groups[b]);
                    // (Stacked pieces need not overlap: Chromium sets each line at its own widths, "实施单" at 41 over "位"
                    // at 55; the vocabulary below decides.)
                    var near = x.Any(p => y.Any(q => q.Line - p.Line is >= 1 and <= 2 && (p.At.Overlaps(q.At) || Math.Abs(p.At.Center - q.At.Center) <= 16)) ||
                                          y.Any(q => q.Line == p.Line && q.At.Start > p.At.End && q.At.Start - p.At.End <= 12));
                    if (!near) continue;
                    var together = Text([.. x, .. y]);
                    var alone = Math.Max(matcher.Match(Text(x), HeaderLabelKinds)?.Score ?? 0, matcher.Match(Text(y), HeaderLabelKinds)?.Score ?? 0);
                    // A label wrapped over three lines ("实" / "施单" / "位") joins its first two pieces as its beginning.
                    if (alone < 0.99 && (matcher.Match(together, HeaderLabelKinds) is { Score: >= 0.99 } || BeginsHeaderLabel(together)))
                    {
                        groups[a] = [.. x, .. y];
                        groups.RemoveAt(b);
                        changed = true;
                    }
                }
        }
        return [.. groups.Where(g => Names(Text(g), 0.99)).Select(g => new HeaderLabel(matcher.Match(Text(g), HeaderLabelKinds)!.Kind, g))];

        static string Text(List<Token> g) => string.Concat(g.OrderBy(t => t.Line).ThenBy(t => t.At.Start).Select(t => t.Text));
    }

    /// <summary>True when the text is the first characters of a header label, not the whole of it.</summary>
    private bool BeginsHeaderLabel(string text) => BeginningCredit(text, HeaderLabelKinds) > 0;

    /// <summary>A token that can be a label or a piece of one: a few CJK characters all found in the header's labels.</summary>
    private static bool IsLabelPiece(string text) =>
        TextCleaner.Compact(text) is { Length: >= 1 and <= 4 } t && t.All(c => "项目名称主管部门实施单位".Contains(c));

    /// <summary>The words of each line between two labels (or far apart): one phrase each, a value or a line of one.</summary>
    private static List<List<Token>> Phrases(List<Token> tokens, List<HeaderLabel> labels)
    {
        var phrases = new List<List<Token>>();
        foreach (var line in tokens.GroupBy(t => t.Line).OrderBy(g => g.Key))
        {
            List<Token>? current = null;
            foreach (var token in line.OrderBy(t => t.At.Start))
            {
                var labelBetween = current is not null && labels.Any(l => l.Covers(token.Line) &&
                    l.LoOn(token.Line) >= current[^1].At.End && l.HiOn(token.Line) <= token.At.Start);
                if (current is null || labelBetween || token.At.Start - current[^1].At.End > 12)
                    phrases.Add(current = []);
                current.Add(token);
            }
        }
        return phrases;
    }

    /// <summary>
    /// Each phrase's label. A phrase with a label before it on its own line (or wrapped over the lines around it) is that
    /// label's. Any other is a line of a
    /// wrapped value: of a label on a line within two whose cell it stands in (right of the label, left of the next label
    /// on that row) — first a label with no value on its own line (its value centred on it, over and under), then the
    /// nearest, then the one whose value starts where this line does, then the label below (a cell's text is set in its
    /// middle or at its foot, so a line above a label's line is the start of that label's value). Null when a phrase has
    /// no label to go to.
    /// </summary>
    private static Dictionary<HeaderLabel, List<List<Token>>>? AssignValues(List<List<Token>> phrases, List<HeaderLabel> labels)
    {
        var owner = labels.ToDictionary(l => l, _ => new List<List<Token>>());
        double NextLo(HeaderLabel l) =>
            labels.Where(m => m != l && m.Lo >= l.Hi && Math.Abs(m.Middle - l.Middle) < 1).Select(m => (double)m.Lo).DefaultIfEmpty(double.PositiveInfinity).Min();
        var loose = new List<List<Token>>();
        foreach (var phrase in phrases)
        {
            var (line, start) = (phrase[0].Line, phrase[0].At.Start);
            // A label wrapped over the lines around this one ("实施单" / the 主管部门 line / "位") stands before it too.
            // (Not a label with another of its row between it and the phrase: "主管部" / "门" wraps onto a line whose "局"
            // ends the 实施单位's value, right of that label.)
            var before = labels.Where(l => l.Covers(line) && l.HiOn(line) <= start + 1 &&
                                           !labels.Any(m => m != l && m.Pieces.Any(p => l.Covers(p.Line)) && m.Lo >= l.Hi && m.Hi <= start + 1))
                .MaxBy(l => l.HiOn(line));
            if (before is not null) owner[before].Add(phrase);
            else loose.Add(phrase);
        }
        var own = owner.ToDictionary(kv => kv.Key, kv => kv.Value.ToList());
        foreach (var phrase in loose)
        {
            var (line, start, end) = (phrase[0].Line, phrase.Min(t => t.At.Start), phrase.Max(t => t.At.End));
            var label = labels.Where(l => Math.Abs(l.Middle - line) <= 2 && l.Hi <= end && start < NextLo(l))
                .OrderBy(l => own[l].Count == 0 ? 0 : 1)
                .ThenBy(l => Math.Abs(l.Middle - line))
                .ThenBy(l => own[l].Count == 0 ? 0 : own[l].Min(v => Math.Abs(v[0].At.Start - start)))
                .ThenBy(l => l.Middle > line ? 0 : 1)
                .FirstOrDefault();
            if (label is null) return null;
            owner[label].Add(phrase);
        }
        foreach (var list in owner.Values) list.Sort((a, b) => (a[0].Line, a[0].At.Start).CompareTo((b[0].Line, b[0].At.Start)));
        return owner;
    }

    // ---- the 总分 line --------------------------------------------------------------------------------------------

    /// <summary>
    /// The 总分 line whose 得分 wrapped in its narrow cell, centred on the line: "89.1" on the line above, "4" on the line
    /// below, one over the other. Starting at <paramref name="i"/> (the line above): the 总分 line with each such figure
    /// whole again ("89.1" / "4", as a wrapped cell's lines are kept), and one past the last line used. Null for anything
    /// else — the halves read apart would be two wrong figures and no warning.
    /// </summary>
    private (RawRow Row, int End)? WrappedTotal(ImmutableArray<RawRow> rows, int i)
    {
        if (i < 0 || i + 2 >= rows.Length || !IsPositioned(rows[i]) || !IsPositioned(rows[i + 1]) || !IsPositioned(rows[i + 2])) return null;
        var (above, total, below) = (rows[i], rows[i + 1], rows[i + 2]);
        if (total.Line - above.Line != 1 || below.Line - total.Line != 1 || above.Block != total.Block || below.Block != total.Block) return null;
        if (total.Cells.FirstOrDefault(c => !c.IsEmpty) is not { } label || matcher.Match(label.Text, "Total") is not { Score: >= 0.9 }) return null;
        static bool Figures(RawRow row) => row.Cells.All(c => c.IsEmpty || NumberParser.TryParse(TextCleaner.Clean(c.Text), out _));
        if (!Figures(above) || !Figures(below)) return null;
        var halves = above.Cells.Where(c => !c.IsEmpty)
            .Select(a => (Top: a, Bottom: below.Cells.FirstOrDefault(b => !b.IsEmpty && b.Columns!.Value.Overlaps(a.Columns!.Value))))
            .ToList();
        if (halves.Count == 0 || halves.Any(h => h.Bottom is null) || below.Cells.Count(c => !c.IsEmpty) != halves.Count) return null;
        var cells = total.Cells.Where(c => !c.IsEmpty).ToList();
        foreach (var (top, bottom) in halves)
            cells.Add(top with { Text = top.Text + "\n" + bottom!.Text, Source = top.Source with { Text = top.Source.Text + "\n" + bottom.Source.Text } });
        cells.Sort((x, y) => x.Columns!.Value.Start.CompareTo(y.Columns!.Value.Start));
        return (total with { Cells = [.. cells.Select((c, k) => c with { Source = c.Source with { Col = k } })] }, i + 3);
    }

    // ---- rows out ------------------------------------------------------------------------------------------------

    private static RawRow Header(RawRow first, List<Column> columns) =>
        new([.. columns.Select((c, j) => c.Header with { Source = c.Header.Source with { Col = j }, ColSpan = 1, Columns = null })],
            RowOrigin.LayoutGrid, first.Line, first.Block);

    private static RawRow Row(RawRow anchor, List<Token>[] cells, int columnCount)
    {
        var built = ImmutableArray.CreateBuilder<RawCell>(columnCount);
        for (var j = 0; j < columnCount; j++)
        {
            var tokens = cells[j];
            var cell = tokens.Count == 0
                ? new RawCell("", anchor.Cells[0].Source with { Col = j, Text = "" })
                : Merge(tokens);
            built.Add(cell with { Source = cell.Source with { Col = j }, ColSpan = 1, Columns = null });
        }
        return new RawRow(built.MoveToImmutable(), RowOrigin.LayoutGrid, anchor.Line, anchor.Block);
    }

    /// <summary>
    /// One cell of a cell's pieces: lines top to bottom, tokens of a line left to right with the spaces that stood between
    /// them (so that the cell's text is found on its line as printed).
    /// </summary>
    private static RawCell Merge(List<Token> tokens)
    {
        var ordered = tokens.OrderBy(t => t.Line).ThenBy(t => t.At.Start).ToList();
        static string OnOneLine(IEnumerable<Token> line)
        {
            var text = new System.Text.StringBuilder();
            Token? before = null;
            foreach (var t in line)
            {
                if (before is not null) text.Append(' ', Math.Max(1, t.At.Start - before.At.End));
                text.Append(t.Text);
                before = t;
            }
            return text.ToString();
        }
        var text = string.Join("\n", ordered.GroupBy(t => t.Line).Select(OnOneLine));
        var first = ordered[0].Cell;
        return first with { Text = text, Source = first.Source with { Text = text }, Columns = null };
    }
}
