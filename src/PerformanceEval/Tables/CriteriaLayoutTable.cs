using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Tables;

/// <summary>
/// Rebuilds the layout text (<c>pdftotext -layout</c> and the like) of a criteria-template form (seed 003's family:
/// 一级指标 with its section weight, 指标名称, 指标解释, 权重, 评分规则, 自评得分, 备注) into the logical table a ruled page
/// gives: one row per label above the table with its value, the header, one row per indicator, the 合计. Such text keeps
/// each word's character column but loses the rules, and the template's long paragraphs wrap over many lines around
/// their row's figures. So:
/// <list type="number">
/// <item>Labels are the pieces, stacked where their columns overlap, that spell the template's labels (项目 / 名称); a
/// value is every other word, given to the label on its left whose lines it stands nearest.</item>
/// <item>The header band is the run of lines whose stacked pieces spell at least five of the table's seven labels; it may
/// be printed again on each page, and each page's columns are measured on that page.</item>
/// <item>An indicator row is a line with its two figures, 权重 then 自评得分 (an anchor). Words after the 自评得分 are 备注,
/// words from the 权重 on are 评分规则; words before it are 一级指标, 指标名称 or 指标解释, cut where the page's lines
/// leave the fewest words across (the white rivers a rule leaves).</item>
/// <item>The lines between two anchors are cut between the two rows once, at the line that sets each row's cells
/// around its anchor as the printing aligns them (middle, top or bottom: whichever fits the whole table best).</item>
/// <item>Section labels (一级指标 with "(36分)") span the rows whose weights add up to their printed weight; where the
/// weights cannot tell, the run of rows centred on the label.</item>
/// </list>
/// A form whose header band is not found is left as it was.
/// </summary>
public sealed partial class CriteriaLayoutTable(LabelMatcher matcher)
{
    private static readonly string[] TableKinds = LabelKinds.CriteriaColumns;

    internal static readonly string[] HeadKinds =
    [
        "ProjectName", "Department", "ImplementingOffice", "Recurring", "CurrentBudget", "PreviousBudget", "BudgetExecuted",
        "BudgetRate", "AnnualGoal", "EvaluationDate", "Grade", "MainResults", "MainProblems", "Improvements",
    ];

    /// <summary>A word of a layout line: its text, the file line it is on (blank lines count), its page block and columns.</summary>
    private sealed record Word(RawCell Cell, string Text, int Line, int Block, int Start, int End)
    {
        public double Center => (Start + End) / 2.0;
    }

    /// <summary>A header band: its rows [Start, End) and the column labels stacked from its pieces.</summary>
    private sealed record Band(int Start, int End, List<Label> Labels)
    {
        public double? Center(string kind) => Labels.Find(l => l.Kind == kind) is { } l ? (l.Lo + l.Hi) / 2.0 : null;
    }

    /// <summary>A label stacked from pieces, with the kind it names.</summary>
    private sealed record Label(string Kind, List<Word> Pieces)
    {
        public int Lo => Pieces.Min(p => p.Start);
        public int Hi => Pieces.Max(p => p.End);
        public double Middle => Pieces.Average(p => (double)p.Line);
        public int Top => Pieces.Min(p => p.Line);
        public int Bottom => Pieces.Max(p => p.Line);
    }

    /// <summary>The document's rows with each criteria form's laid-out lines rebuilt; every other row as it was.</summary>
    public ImmutableArray<RawRow> Rebuild(ImmutableArray<RawRow> rows)
    {
        if (!rows.Any(r => r.Origin is RowOrigin.Layout && r.Cells.Any(c => c.Text.Contains("评分") || c.Text.Contains("解释"))))
            return rows;
        var laidOut = LaidOut(rows);
        var words = rows.Select((row, r) => laidOut[r] ? Words(row) : []).ToArray();
        var bands = new List<Band>();
        for (var i = 0; i < rows.Length; i++)
            if (laidOut[i] && HeaderBand(rows, words, i, laidOut) is { } band)
            {
                bands.Add(band);
                i = band.End - 1;
            }
        if (bands.Count == 0) return rows;
        var output = new List<RawRow>(rows.Length);
        var done = 0;
        for (var k = 0; k < bands.Count;)
        {
            // A form: its title (or the rows after the form before), its bands (one a page when the header is repeated),
            // its 合计. A title or a 合计 between two bands starts another form.
            var start = bands[k].Start;
            while (start > done && bands[k].Start - start < 60 && !IsTitle(rows[start])) start--;
            var last = k;
            while (last + 1 < bands.Count && !Enumerable.Range(bands[last].End, bands[last + 1].Start - bands[last].End)
                       .Any(r => IsTitle(rows[r]) || IsTotal(rows[r])))
                last++;
            var end = bands[last].End;
            var limit = last + 1 < bands.Count ? bands[last + 1].Start : rows.Length;
            while (end < limit && !IsTitle(rows[end]) && !RowText.Joined(rows[end]).StartsWith("说明", StringComparison.Ordinal))
                if (IsTotal(rows[end++])) break;
            output.AddRange(rows[done..start]);
            output.AddRange(RebuildForm(rows, words, start, end, bands[k..(last + 1)], laidOut) ?? [.. rows[start..end]]);
            done = end;
            k = last + 1;
        }
        output.AddRange(rows[done..]);
        return [.. output];
    }

    /// <summary>
    /// Rows whose character columns mean something: laid out as <see cref="LayoutTableBuilder"/> judges (gaps of two
    /// spaces between cells), or among lines many of which are indented. A tool that places each line by its own widths
    /// separates cells by one space (Chromium's PDFs through <c>pdftotext -layout</c>) but still indents a line whose
    /// first cells are empty; a dump written with one space and no positions (<c>-raw</c>) never indents.
    /// </summary>
    internal static bool[] LaidOut(ImmutableArray<RawRow> rows)
    {
        var laidOut = LayoutTableBuilder.LaidOut(rows);
        var indented = new int[rows.Length + 1];
        var positioned = new int[rows.Length + 1];
        for (var r = 0; r < rows.Length; r++)
        {
            var at = rows[r].Origin is RowOrigin.Layout && rows[r].Cells.Length > 0 && rows[r].Cells.All(c => c.Columns is not null);
            positioned[r + 1] = positioned[r] + (at ? 1 : 0);
            indented[r + 1] = indented[r] + (at && rows[r].Cells[0].Columns!.Value.Start > 0 ? 1 : 0);
        }
        for (var r = 0; r < rows.Length; r++)
        {
            if (laidOut[r] || rows[r].Origin is not RowOrigin.Layout || rows[r].Cells.Any(c => c.Columns is null)) continue;
            int from = Math.Max(0, r - 40), to = Math.Min(rows.Length, r + 41);
            var n = positioned[to] - positioned[from];
            laidOut[r] = n > 0 && indented[to] - indented[from] >= 0.3 * n;
        }
        return laidOut;
    }

    private bool IsTotal(RawRow row) => RowText.NonEmpty(row).Any(c => matcher.Match(c.Text, "Total") is { IsExact: true });

    private static bool IsTitle(RawRow row) => FormSegmenter.IsTitle(RowText.Joined(row));

    // ---- words ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// A row's words, with the words one space apart joined where the space is the layout's around a digit or a latin
    /// letter inside one cell ("（1" "分）", "2020" "年度"): CJK text within a cell has no spaces of its own.
    /// </summary>
    private static List<Word> Words(RawRow row)
    {
        var words = new List<Word>();
        if (row.Origin is not RowOrigin.Layout || row.Line is not { } line) return words;
        foreach (var cell in row.Cells)
        {
            if (cell.IsEmpty || cell.Columns is not { } at) continue;
            var word = new Word(cell, cell.Text, line, row.Block, at.Start, at.End);
            // A section weight first on its line with a name's piece printed against it ("（7分）性": the two columns
            // touch where the line's widths pushed the name left) is two words.
            if (words.Count == 0 && GluedWeight().Match(cell.Text) is { Success: true } glued && at.End - at.Start == cell.Text.Length)
            {
                var cut = at.Start + glued.Groups[1].Length;
                words.Add(word with { Text = glued.Groups[1].Value, End = cut });
                words.Add(word with { Text = glued.Groups[2].Value, Start = cut });
                continue;
            }
            // A section weight's piece first on its line ("(20" "人次") is the section label's, the word after it a name's.
            if (words.Count > 0 && words[^1] is var last && at.Start - last.End == 1 && JoinsAcrossSpace(last.Text, cell.Text) &&
                !(words.Count == 1 && PieceOfWeight(last.Text) && !cell.Text.StartsWith('分')))
                words[^1] = last with { Text = last.Text + " " + cell.Text, End = at.End };
            else
                words.Add(word);
        }
        return words;
    }

    private static bool JoinsAcrossSpace(string left, string right)
    {
        bool Latin(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '%' or '=' or '<' or '>' or '-';
        bool Opening(char c) => c is '（' or '(' or '[' or '“' || c is >= '①' and <= '⑩';
        var (a, b) = (left[^1], right[0]);
        // "①" "是否" is a clause's, "（1" "分）" a clause's points, "2020" "年度" a year, "在" "90%及以上" prose: both
        // sides one cell's. A value of figures alone after a label ("自评时间" "2023-04-09") is a cell of its own; a
        // figure alone is never joined ("19" "分）②…" is a row's 权重 before its 评分规则's next line), nor a figure's
        // piece to a word that is no unit ("（43" "算" are a section weight's and a name's).
        // A bracket the line ends on opens a clause or a figure's unit on the next word ("（" "8 分）"); a narrow label
        // cell wraps inside its unit ("数（" / "元）"), and the word one space on is then the label's value ("数（"
        // "2,938,800.98", "处（" "业务科"): the bracket closes in neither.
        if (Opening(a) && a is '（' or '(')
            return right.Contains('）') || right.Contains(')') || IsFigure(right) && right.Length <= 3 || !left.Any(TextCleaner.IsCjk) && !IsFigure(right);
        if (Opening(a)) return !IsFigure(right);
        if (Latin(a) && Latin(b)) return false;
        return Latin(a) && "分年月日元个次人项万".Contains(b) && !IsFigure(left) ||
               TextCleaner.IsCjk(a) && Latin(b) && right.Any(TextCleaner.IsCjk);
    }

    private static bool IsFigure(string text) =>
        NumberParser.TryParse(TextCleaner.Clean(text), out var n) && !n.Percent && !text.Contains('-');

    // ---- labels --------------------------------------------------------------------------------------------------

    /// <summary>
    /// Pieces over one another joined into labels of <paramref name="kinds"/>: a chain grows downwards by the piece under
    /// its last one (its columns overlapping, at most <paramref name="maxGap"/> lines below) while what it spells is still
    /// the start of one of the labels as printed (with its unit: 当年预算数（元）); a narrow cell wraps a label a character
    /// or two a line ("具体" / "实施" / "处（" / "科" / "室）"). Side by side pieces one space apart join too
    /// ("预算执行" "率（%）"). Chains that spell a whole label are the labels.
    /// </summary>
    private List<Label> Labels(List<Word> words, string[] kinds, int maxGap)
    {
        // Labels as printed: an amount's or a rate's with its unit.
        var printed = kinds.SelectMany(k => matcher.Model.Labels.GetValueOrDefault(k, [])
                .Select(l => TextCleaner.Compact(l))
                .SelectMany(l => k is "CurrentBudget" or "PreviousBudget" or "BudgetExecuted" or "BudgetRate" ? new[] { l, l + "（元）", l + "（%）", l + "（万元）" } : [l]))
            .Select(Key).ToList();
        bool Starts(string text) => Key(TextCleaner.Compact(text)) is { Length: > 0 } k && printed.Any(p => p.StartsWith(k, StringComparison.Ordinal));
        bool Inside(string text) => printed.Any(p => p.Contains(Key(TextCleaner.Compact(text)), StringComparison.Ordinal));
        // Two narrow cells' pieces printed with no space between ("评备" of 自评得分 beside 备注) are taken a character
        // each, at its own column, when the whole is in no label.
        var pieces = words.SelectMany(w => Inside(w.Text) || w.Text.Length > 4 || w.End - w.Start != w.Text.Length
            ? [w]
            : w.Text.Select((c, k) => w with { Text = c.ToString(), Start = w.Start + k, End = w.Start + k + 1 }).Where(x => Inside(x.Text)));
        var candidates = pieces.Where(w => Starts(w.Text) || Inside(w.Text)).OrderBy(w => w.Line).ThenBy(w => w.Start).ToList();
        var taken = new HashSet<Word>();
        var labels = new List<Label>();
        foreach (var first in candidates)
        {
            if (taken.Contains(first) || !Starts(first.Text)) continue;
            var chain = new List<Word> { first };
            while (true)
            {
                var last = chain[^1];
                // Under it first (a label wraps inside its cell), beside it only where nothing under it goes on.
                var next = candidates.Where(w => !taken.Contains(w) && !chain.Contains(w) && w.Block == last.Block &&
                        (w.Line - last.Line >= 1 && w.Line - last.Line <= maxGap && Overlaps(last, w, 1) ||
                         w.Line == last.Line && w.Start > last.End && w.Start - last.End <= 2) &&
                        Starts(Text([.. chain, w])))
                    .OrderBy(w => w.Line == last.Line).ThenBy(w => w.Line).ThenBy(w => Math.Abs(w.Center - last.Center)).FirstOrDefault();
                // A tool that places each line by its own widths may print a label's second line columns away from its
                // first ("预算" after a long value, "单位" after a short one): a piece on the next line that makes the
                // chain a whole label is taken where nothing under it goes on.
                next ??= candidates.Where(w => !taken.Contains(w) && !chain.Contains(w) && w.Block == last.Block &&
                        w.Line == last.Line + 1 && matcher.Match(Text([.. chain, w]), kinds) is { Score: >= 0.99 })
                    .OrderBy(w => Math.Abs(w.Center - last.Center)).FirstOrDefault();
                if (next is null) break;
                chain.Add(next);
            }
            // The longest start of the chain that names a label exactly (a chain may run into a value below it).
            for (var n = chain.Count; n >= 1; n--)
                if (matcher.Match(Text(chain.Take(n)), kinds) is { Score: >= 0.99 } m)
                {
                    labels.Add(new Label(m.Kind, [.. chain.Take(n)]));
                    taken.UnionWith(chain.Take(n));
                    break;
                }
        }
        return labels;

        static string Key(string text) => text.Replace('(', '（').Replace(')', '）');
    }

    private static bool Overlaps(Word p, Word q, int slack) => p.Start < q.End + slack && q.Start < p.End + slack;

    private static string Text(IEnumerable<Word> words) =>
        string.Concat(words.OrderBy(w => w.Line).ThenBy(w => w.Start).Select(w => w.Text));

    /// <summary>
    /// The table's header band starting at row <paramref name="i"/>: up to seven lines whose stacked pieces spell at least
    /// five of the seven column labels, 权重 and 自评得分 among them.
    /// </summary>
    private Band? HeaderBand(ImmutableArray<RawRow> rows, List<Word>[] wordsOf, int i, bool[] laidOut)
    {
        if (!rows[i].Cells.Any(c => IsHeaderPiece(c.Text))) return null;
        var words = new List<Word>();
        var end = i;
        while (end < rows.Length && laidOut[end] && end - i < 7 && rows[end].Line - rows[i].Line < 8 &&
               (rows[end].Block == rows[i].Block || end == i + 1 && rows[end].Block == rows[i].Block + 1))
        {
            words.AddRange(wordsOf[end].Where(w => IsHeaderPiece(w.Text)));
            end++;
        }
        var labels = Labels(words, TableKinds, 2);
        if (labels.Count < 5 && ByOrder(words) is { } paired) labels = paired;
        // One label whose pieces a tool placing each line by its own widths printed apart ("权" … "重"): the band's
        // pieces left between its neighbours in the template's order, when together they spell it.
        if (TableKinds.Where(k => labels.All(l => l.Kind != k)).ToList() is [var missing] && labels.Count == TableKinds.Length - 1)
        {
            var k = Array.IndexOf(TableKinds, missing);
            var lo = k > 0 ? labels.Single(l => l.Kind == TableKinds[k - 1]).Hi : int.MinValue;
            var hi = k + 1 < TableKinds.Length ? labels.Single(l => l.Kind == TableKinds[k + 1]).Lo : int.MaxValue;
            var used = labels.SelectMany(l => l.Pieces).ToHashSet();
            var left = words.Where(w => !used.Contains(w) && w.Start >= lo && w.End <= hi).ToList();
            if (left.Count > 0 && matcher.Match(Text(left), missing) is { Score: >= 0.99 })
                labels.Add(new Label(missing, left));
        }
        if (labels.Select(l => l.Kind).Distinct().Count() < 5 || !labels.Any(l => l.Kind == "HdrWeight") || !labels.Any(l => l.Kind == "HdrScore"))
            return null;
        // The band must start at row i (its first piece there) and ends at its last piece's row.
        if (labels.Min(l => l.Top) != rows[i].Line) return null;
        var last = labels.Max(l => l.Bottom);
        var bandEnd = i;
        while (bandEnd < end && rows[bandEnd].Line <= last) bandEnd++;
        return new Band(i, bandEnd, labels);
    }

    /// <summary>
    /// A header of two lines whose halves do not stand over one another: Writer breaks a header row over a page break
    /// ("一级 指标 指标 权 评分 自评 备注" at a page's foot, "指标 名称 解释 重 规则 得分" atop the next), and the next
    /// page is laid out at its own widths. Each upper piece is a label with the lower piece next in order, or alone where
    /// it is one by itself (备注); the upper line's columns are carried to the lower line's by the pairs (the table's body
    /// is on the lower line's page). Null where the two lines do not read so.
    /// </summary>
    private List<Label>? ByOrder(List<Word> words)
    {
        var lines = words.GroupBy(w => w.Line).OrderBy(g => g.Key).Select(g => g.OrderBy(w => w.Start).ToList()).ToList();
        if (lines is not [var upper, var lower] || upper.Count < 5 || lower.Count < 3 || lower.Count > upper.Count) return null;
        var pairs = new List<(Word Upper, Word? Lower, string Kind)>();
        var (below, single) = (0, upper.Count - lower.Count);
        foreach (var piece in upper)
        {
            if (below < lower.Count && matcher.Match(piece.Text + lower[below].Text, TableKinds) is { IsExact: true } pair)
                pairs.Add((piece, lower[below++], pair.Kind));
            else if (single-- > 0 && matcher.Match(piece.Text, TableKinds) is { IsExact: true } alone)
                pairs.Add((piece, null, alone.Kind));
            else return null;
        }
        if (below != lower.Count || pairs.Select(p => p.Kind).Distinct().Count() != pairs.Count) return null;
        // The upper line's columns on the lower line's scale: a straight line through the pairs' centres.
        var xs = pairs.Where(p => p.Lower is not null).Select(p => ((p.Upper.Start + p.Upper.End) / 2.0, (p.Lower!.Start + p.Lower.End) / 2.0)).ToList();
        var (mx, my) = (xs.Average(x => x.Item1), xs.Average(x => x.Item2));
        var sxx = xs.Sum(x => (x.Item1 - mx) * (x.Item1 - mx));
        var slope = sxx > 0 ? xs.Sum(x => (x.Item1 - mx) * (x.Item2 - my)) / sxx : 1;
        int Carried(int at) => (int)Math.Round(my + slope * (at - mx));
        return [.. pairs.Select(p => new Label(p.Kind, p.Lower is { } l
            ? [p.Upper with { Start = Carried(p.Upper.Start), End = Carried(p.Upper.End), Block = l.Block }, l]
            : [p.Upper with { Start = Carried(p.Upper.Start), End = Carried(p.Upper.End), Block = lower[0].Block }]))];
    }

    private static bool IsHeaderPiece(string text) =>
        TextCleaner.Compact(text) is { Length: >= 1 and <= 8 } t && t.All(c => "一级指标名称解释权重评分规则自得备注".Contains(c));

    // ---- the form ------------------------------------------------------------------------------------------------

    private List<RawRow>? RebuildForm(ImmutableArray<RawRow> rows, List<Word>[] wordsOf, int start, int end, List<Band> bands, bool[] laidOut)
    {
        var output = new List<RawRow>();
        // Title and year lines stay as they were; the head is what stands between them and the header band.
        var headWords = new List<Word>();
        for (var r = start; r < bands[0].Start; r++)
        {
            var joined = RowText.Joined(rows[r]);
            if (IsTitle(rows[r]) || FormPatterns.YearIn(joined) is not null && joined.Length <= 12 || !laidOut[r])
                output.Add(rows[r]);
            else
                headWords.AddRange(wordsOf[r]);
        }
        output.AddRange(HeadRows(headWords, rows[start].Block));
        output.Add(HeaderRow(bands[0], rows));
        var body = Body(rows, wordsOf, bands, end);
        if (body is null) return null;
        output.AddRange(body);
        return output;
    }

    /// <summary>One row per label above the table: the label, then its value (its words in reading order).</summary>
    private IEnumerable<RawRow> HeadRows(List<Word> words, int block)
    {
        var labels = Labels(words, HeadKinds, 2);
        var used = labels.SelectMany(l => l.Pieces).ToHashSet();
        var values = labels.ToDictionary(l => l, _ => new List<Word>());
        foreach (var word in words.Where(w => !used.Contains(w)))
        {
            // The label on the word's left whose lines it stands nearest; of two as near (within half a line: labels
            // wrap over different numbers of lines), the closer on the left, or of two in one column of labels the one
            // whose lines run past the word's (a wrapped label's value on its last line, not the next label's).
            // (A label is on the word's left where one of its lines is: one placed by its own widths may print its first
            // line further right than the value on its next.)
            var left = labels.Where(l => l.Pieces.Any(p => p.End <= word.Start + 1)).ToList();
            if (left.Count == 0) continue;
            var nearest = left.Min(l => Math.Abs(word.Line - l.Middle));
            var near = left.Where(l => Math.Abs(word.Line - l.Middle) <= nearest + 0.5)
                .OrderByDescending(l => l.Hi).ThenBy(l => Math.Abs(word.Line - l.Middle)).ToList();
            bool Spans(Label l) => l.Top <= word.Line && word.Line <= l.Bottom;
            var owner = Spans(near[0]) ? near[0] : near.Find(l => Spans(l) && l.Hi >= near[0].Hi - 4) ?? near[0];
            if (Math.Abs(word.Line - owner.Middle) <= 3) values[owner].Add(word);
        }
        // A word above its label's lines that goes on a value of a label above (the line before, starting where it
        // starts: a wrapped value's last line, "上海市静" / "安区卫生" / "健康委员" / "会") is that value's.
        foreach (var label in labels.OrderBy(l => l.Top))
            foreach (var word in values[label].Where(w => w.Line < label.Top).OrderBy(w => w.Line).ToList())
                if (labels.FirstOrDefault(m => m != label && m.Top < label.Top &&
                        values[m].Any(v => v.Line < word.Line && word.Line - v.Line <= 2 && Math.Abs(v.Start - word.Start) <= 1)) is { } above)
                {
                    values[label].Remove(word);
                    values[above].Add(word);
                }
        foreach (var label in labels.OrderBy(l => l.Middle).ThenBy(l => l.Lo))
        {
            var cells = new List<RawCell> { Cell(label.Pieces, 0) };
            if (values[label].Count > 0) cells.Add(Cell(values[label], 1));
            yield return new RawRow([.. cells], RowOrigin.LayoutGrid, label.Top, block);
        }
    }

    private static RawRow HeaderRow(Band band, ImmutableArray<RawRow> rows)
    {
        var cells = band.Labels.OrderBy(l => l.Lo).Select((l, k) => Cell(l.Pieces, k));
        return new RawRow([.. cells], RowOrigin.LayoutGrid, rows[band.Start].Line, rows[band.Start].Block);
    }

    // ---- the body ------------------------------------------------------------------------------------------------

    private enum Col { Level1, Name, Explanation, Weight, Rule, Score, Note }

    private static readonly (Col Col, string Kind)[] Kinds =
    [
        (Col.Level1, "HdrLevel1"), (Col.Name, "HdrName"), (Col.Explanation, "HdrExplanation"), (Col.Weight, "HdrWeight"),
        (Col.Rule, "HdrRule"), (Col.Score, "HdrScore"), (Col.Note, "HdrNote"),
    ];

    /// <summary>A word of the table's body under the column it was given.</summary>
    private sealed record Placed(Word Word, Col Col, int? Row = null);

    /// <summary>
    /// The indicator rows and the 合计 of the body after each band: words to columns page by page, rows cut between
    /// anchors, sections spanned. Null when no anchor was found (nothing to hang rows on).
    /// </summary>
    private List<RawRow>? Body(ImmutableArray<RawRow> rows, List<Word>[] wordsOf, List<Band> bands, int end)
    {
        // The body's pages: each block (a page, as the form feed cut it) with the band printed on it, if any.
        var pages = new List<Page>();
        (Word Label, List<List<Word>> Figures)? total = null;
        for (var k = 0; k < bands.Count && total is null; k++)
        {
            var to = k + 1 < bands.Count ? bands[k + 1].Start : end;
            for (var r = bands[k].End; r < to; r++)
            {
                if (IsTotal(rows[r]))
                {
                    var words = wordsOf[r];
                    if (words.FirstOrDefault(w => matcher.Match(w.Text, "Total") is { IsExact: true }) is { } label)
                    {
                        total = (label, TotalFigures(rows, wordsOf, r, label));
                        foreach (var page in pages) page.Words.RemoveAll(w => total.Value.Figures.Any(f => f.Contains(w)));
                    }
                    break;
                }
                if (pages.Count == 0 || pages[^1].Block != rows[r].Block)
                    pages.Add(new Page(rows[r].Block, bands.Find(b => rows[b.Start].Block == rows[r].Block) ?? bands[k], []));
                pages[^1].Words.AddRange(wordsOf[r]);
            }
        }
        var found = pages.Select(p => Anchors(p.Words, p.Band)).ToList();
        for (var i = 0; i < pages.Count; i++)
            if (SplitGluedWeights(pages[i].Words, found[i])) found[i] = Anchors(pages[i].Words, pages[i].Band);
        var (placed, anchors) = PlaceAll(found);
        if (anchors.Count == 0) return null;
        // A figure pair inside a rule's text ("得 4 分，…得 2" wrapped so both stand alone) looks like a row's 权重 and
        // 自评得分: where the rows' weights exceed the form's whole by exactly one such pair's, that pair is text.
        var whole = total is { Figures: [var tw, ..] } && NumberParser.TryParse(TextCleaner.Clean(string.Concat(tw.Select(w => w.Text))), out var tv) ? tv.Value : 100m;
        if (Spurious(placed, anchors, whole) is { } spurious)
        {
            found = [.. found.Select(f => f.Where(a => a != spurious).ToList())];
            (placed, anchors) = PlaceAll(found);
        }
        var rowOf = CutRows(placed, anchors);
        var sections = Sections([.. placed.Where(p => p.Col == Col.Level1).Select(p => p.Word)], anchors, matcher.Model.Sections);
        var header = bands[0].Labels.OrderBy(l => l.Lo).Select(l => l.Kind).ToList();
        int IndexOf(Col col) => header.IndexOf(Kinds[(int)col].Kind);
        var output = new List<RawRow>();
        for (var r = 0; r < anchors.Count; r++)
        {
            var cells = new RawCell?[header.Count];
            var mine = placed.Where((p, i) => rowOf[i] == r).ToList();
            foreach (var col in new[] { Col.Name, Col.Explanation, Col.Rule, Col.Note })
                if (IndexOf(col) is >= 0 and var at && mine.Where(p => p.Col == col).Select(p => p.Word).ToList() is { Count: > 0 } words)
                    cells[at] = Cell(words, at);
            if (IndexOf(Col.Weight) is >= 0 and var w) cells[w] = Cell([anchors[r].Weight], w);
            if (IndexOf(Col.Score) is >= 0 and var s) cells[s] = Cell([anchors[r].Score], s);
            // (The sections are tuples: a row no section spans has none, not a default one.)
            if (IndexOf(Col.Level1) is >= 0 and var l && sections.FindIndex(x => x.First <= r && r <= x.Last) is >= 0 and var si)
                cells[l] = Cell(sections[si].Words, l, carried: r != sections[si].First);
            var like = anchors[r].Weight.Cell;
            output.Add(new RawRow([.. cells.Select((c, i) => c ?? EmptyCell(like, i))], RowOrigin.LayoutGrid, anchors[r].Weight.Line,
                anchors[r].Weight.Block));
        }
        if (total is { } t)
        {
            var cells = new RawCell?[header.Count];
            cells[0] = Cell([t.Label], 0);
            // Two figures are the 合计's 权重 and 自评得分 in order; one is whichever its column stands nearer.
            var samePage = anchors.Where(a => a.Weight.Block == t.Label.Block).ToList();
            var (wAt, sAt) = Figures(samePage.Count > 0 ? samePage : anchors);
            List<Word>? weight = null, score = null;
            if (t.Figures.Count >= 2) (weight, score) = (t.Figures[0], t.Figures[^1]);
            else if (t.Figures.Count == 1 && Math.Abs(t.Figures[0][0].Start - wAt) <= Math.Abs(t.Figures[0][0].Start - sAt)) weight = t.Figures[0];
            else if (t.Figures.Count == 1) score = t.Figures[0];
            if (IndexOf(Col.Weight) is > 0 and var w && weight is not null) cells[w] = Figure(weight, w);
            if (IndexOf(Col.Score) is > 0 and var s && score is not null) cells[s] = Figure(score, s);
            output.Add(new RawRow([.. cells.Select((c, i) => c ?? EmptyCell(t.Label.Cell, i))], RowOrigin.LayoutGrid, t.Label.Line, t.Label.Block));
        }
        return output;

        (List<Placed>, List<(Word Weight, Word Score)>) PlaceAll(List<List<(Word Weight, Word Score)>> found)
        {
            var placed = new List<Placed>();
            var anchors = new List<(Word Weight, Word Score)>();
            // Each band's own page sets how it prints its figures; a page without the header again is carried over from it.
            var reference = new Dictionary<Band, (double Left, double Weight)>();
            for (var i = 0; i < pages.Count; i++)
                if (found[i].Count > 0 && pages[i].Band is var band && rows[band.Start].Block == pages[i].Block)
                    reference.TryAdd(band, (LeftEdge(pages[i].Words, Figures(found[i]).Weight), Figures(found[i]).Weight));
            for (var i = 0; i < pages.Count; i++)
            {
                // A page without anchors (a row's last lines a page break carried over) is measured as the page after it.
                var j = Enumerable.Range(i, pages.Count - i).Concat(Enumerable.Range(0, i).Reverse()).FirstOrDefault(x => found[x].Count > 0, -1);
                if (j < 0) break;
                var page = pages[i];
                var at = Figures(found[j]);
                var refAt = reference.TryGetValue(pages[j].Band, out var r0) ? r0 : (LeftEdge(pages[j].Words, at.Weight), at.Weight);
                // Words above the page's own repeated header are the last row's, the rest of a row the page break cut.
                var bandLine = rows[page.Band.Start].Block == page.Block ? rows[page.Band.Start].Line : null;
                var before = anchors.Count - 1;
                anchors.AddRange(found[i]);
                Place(page.Words, page.Band, found[i], at, refAt, placed, w => bandLine is { } l && w.Line < l && before >= 0 ? before : null,
                    IsSectionWord);
            }
            if (anchors.Count == 0) return (placed, anchors);
            // A page that prints no section label (its section's merged cell began on the page before, and the tool printed
            // the label there) has no 一级指标 words: what stands leftmost there are the names.
            var weighted = placed.Where(p => p.Col == Col.Level1).GroupBy(p => p.Word.Block)
                .ToDictionary(g => g.Key, g => SectionWeight().IsMatch(Text(g.Select(p => p.Word))) ||
                    g.Any(p => PieceOfWeight(p.Word.Text) || SectionWeight().IsMatch(p.Word.Text)));
            if (weighted.Values.Any(x => x))
                for (var i = 0; i < placed.Count; i++)
                    if (placed[i].Col == Col.Level1 && !weighted[placed[i].Word.Block])
                        placed[i] = placed[i] with { Col = Col.Name };
            // 一级指标 words that stack into no section label (a name's piece the line's widths pushed left) are names; so
            // are those of a label with no weight printed on the lines of a weighted one, right of it (two sections never
            // share lines: a name wrapped a character a line beside its section's label, "项目 预" / "决策 算" / "（8 编").
            var labels = SectionLabels([.. placed.Where(p => p.Col == Col.Level1).Select(p => p.Word)], matcher.Model.Sections);
            bool Weighted(List<Word> l) => SectionWeight().IsMatch(Text(l)) || l.Any(w => PieceOfWeight(w.Text));
            var beside = labels.Where(l => !Weighted(l) && labels.Any(o => o != l && Weighted(o) && o.Min(w => w.Start) < l.Min(w => w.Start) &&
                o.Min(w => w.Line) <= l.Max(w => w.Line) && l.Min(w => w.Line) <= o.Max(w => w.Line))).SelectMany(l => l).ToHashSet();
            // So is a label with no weight in a table whose others print theirs, where it names no section the
            // template knows: "用户" / "数" / "群众" / "办事" … at the left edge of lines beside no label, which the text's
            // layout set two columns left of the names above them.
            var known = matcher.Model.Sections;
            if (known.Count > 0 && labels.Any(Weighted))
                beside.UnionWith(labels.Where(l => !Weighted(l) && !known.Contains(TextCleaner.Compact(Text(l)))).SelectMany(l => l));
            // And the first words of a weighted label that names no known section where the words after them do: a name
            // pushed into the label column a few lines above the label, stacked onto it ("长效" / "机制" / "健全" over
            // "影响" / "力目" / "标" / "(27分)").
            var split = new HashSet<Word>();
            if (known.Count > 0)
                foreach (var label in labels.Where(Weighted))
                {
                    var ordered = label.OrderBy(w => w.Line).ThenBy(w => w.Start).ToList();
                    string Named(IEnumerable<Word> part) =>
                        SectionWeight().Replace(TextCleaner.Compact(string.Concat(part.Where(w => !PieceOfWeight(w.Text)).Select(w => w.Text))), "");
                    if (known.Contains(Named(ordered))) continue;
                    for (var from = 1; from < ordered.Count; from++)
                        if (ordered[from].Line > ordered[from - 1].Line && known.Contains(Named(ordered[from..])))
                        {
                            split.UnionWith(ordered[..from]);
                            break;
                        }
                }
            var stacked = labels.SelectMany(l => l).Where(w => !beside.Contains(w) && !split.Contains(w)).ToHashSet();
            for (var i = 0; i < placed.Count; i++)
                if (placed[i].Col == Col.Level1 && !stacked.Contains(placed[i].Word))
                    placed[i] = placed[i] with { Col = Col.Name };
            var named = split.ToList();
            // The lines of those names and the lines next to them cut one by one again, with those names in (a line of one
            // piece goes with the cell it stands nearer on the lines around it, which those names change; the page's other
            // lines stay as they were cut). Where a page's lines are not cut so, a line's name is still one piece.
            foreach (var block in named.Select(w => w.Block).Distinct())
            {
                var cols = placed.Where(p => p.Word.Block == block).ToDictionary(p => p.Word, p => p.Col);
                CutLineByLine(cols);
                for (var i = 0; i < placed.Count; i++)
                    if (cols.TryGetValue(placed[i].Word, out var col) && col != placed[i].Col &&
                        named.Any(n => n.Block == block && Math.Abs(n.Line - placed[i].Word.Line) <= 1))
                        placed[i] = placed[i] with { Col = col };
            }
            // (What the line had as its name, right of a word found to be the name, is the explanation: the line had been
            // cut with that word in the label column.)
            for (var i = 0; i < placed.Count; i++)
                if (placed[i].Col == Col.Name && !named.Contains(placed[i].Word) &&
                    named.Any(n => n.Block == placed[i].Word.Block && n.Line == placed[i].Word.Line && n.End <= placed[i].Word.Start))
                    placed[i] = placed[i] with { Col = Col.Explanation };
            return (placed, anchors);
        }
    }

    /// <summary>
    /// The 合计's figures, each the pieces of one number stacked where a narrow cell wrapped it ("100.0" / "0" over and
    /// under the 合计's line): numeric words on the 合计's line and the lines either side, their columns overlapping,
    /// in order across. A line either side holding a row's two figures is that row's, not the 合计's.
    /// </summary>
    private static List<List<Word>> TotalFigures(ImmutableArray<RawRow> rows, List<Word>[] wordsOf, int r, Word label)
    {
        bool Numeric(Word w) => w.Text.All(c => char.IsAsciiDigit(c) || c is '.' or ',') && w.Text.Any(char.IsAsciiDigit);
        var pieces = new List<Word>();
        for (var k = Math.Max(0, r - 1); k <= Math.Min(rows.Length - 1, r + 1); k++)
        {
            if (rows[k].Block != rows[r].Block) continue;
            var numeric = wordsOf[k].Where(w => Numeric(w) && w.Start > label.End).ToList();
            if (k != r && (numeric.Count >= 2 || wordsOf[k].Any(w => !Numeric(w)))) continue;
            pieces.AddRange(numeric);
        }
        var stacks = new List<List<Word>>();
        foreach (var piece in pieces.OrderBy(w => w.Line))
        {
            var under = stacks.Find(st => Overlaps(st[^1], piece, 1) && piece.Line - st[^1].Line is 1 or 2);
            if (under is not null) under.Add(piece);
            else stacks.Add([piece]);
        }
        // A stack only of lines either side, with nothing on the 合计's line, is still its figure (centred on it).
        return [.. stacks.Where(st => IsFigure(string.Concat(st.Select(w => w.Text)))).OrderBy(st => st.Min(w => w.Start))];
    }

    /// <summary>A figure's cell from its stacked pieces, joined without a break (one number).</summary>
    private static RawCell Figure(List<Word> pieces, int column)
    {
        var cell = Cell(pieces, column);
        var text = string.Concat(pieces.OrderBy(w => w.Line).Select(w => w.Text));
        return cell with { Text = text, Source = cell.Source with { Text = text } };
    }

    /// <summary>A page of the body: its block, the band it is read under, its words.</summary>
    private sealed record Page(int Block, Band Band, List<Word> Words);

    /// <summary>
    /// A page's anchors: each line's 权重 and 自评得分 figures (whole figures of at most 100), the pair nearest the band's
    /// two labels.
    /// </summary>
    private static List<(Word Weight, Word Score)> Anchors(List<Word> words, Band band)
    {
        var (wc, sc) = (band.Center("HdrWeight")!.Value, band.Center("HdrScore")!.Value);
        var anchors = new List<(Word Weight, Word Score)>();
        var lone = new List<Word>();
        foreach (var line in words.GroupBy(w => w.Line).OrderBy(g => g.Key))
        {
            var figures = line.Where(w => IsFigure(w.Text) && NumberParser.TryParse(TextCleaner.Clean(w.Text), out var n) && n.Value <= 100).ToList();
            if (figures.Count == 1) lone.Add(figures[0]);
            if (figures.Count < 2) continue;
            var best = (from a in figures from b in figures where b.Start > a.End
                        orderby Math.Abs(a.Center - wc) + Math.Abs(b.Center - sc) select (a, b)).FirstOrDefault();
            if (best.a is not null) anchors.Add(best);
        }
        // A tool that places each line by its own widths (Chromium's) may print a row's 权重 and 自评得分 up to three lines
        // apart: a figure alone on its line is a 权重 or a 自评得分 by which of the two it stands nearer, and pairs with
        // the nearest of the other kind within three lines that no row's pair stands between.
        if (lone.Count >= 2)
        {
            var (wAt, sAt) = anchors.Count > 0 ? Figures(anchors) : (wc, sc);
            var weights = lone.Where(f => Math.Abs(f.Start - wAt) < Math.Abs(f.Start - sAt)).ToList();
            var scores = lone.Except(weights).ToList();
            var taken = new HashSet<Word>();
            foreach (var weight in weights)
            {
                var score = scores.Where(x => !taken.Contains(x) && Math.Abs(x.Line - weight.Line) <= 3 && x.Start > weight.End &&
                                              !anchors.Any(a => a.Weight.Line > Math.Min(x.Line, weight.Line) && a.Weight.Line < Math.Max(x.Line, weight.Line)))
                    .OrderBy(x => Math.Abs(x.Line - weight.Line)).FirstOrDefault();
                if (score is null) continue;
                taken.Add(score);
                anchors.Add((weight, score));
            }
        }
        return [.. anchors.OrderBy(a => Math.Min(a.Weight.Line, a.Score.Line))];
    }

    /// <summary>
    /// A row's 权重 the text wrote against its 评分规则's first line, no space between ("2完成质量是否达到计划要求。": a
    /// narrow 权重 column and a rule set flush left beside it), on a line with a 自评得分 alone where the page prints its
    /// scores: the word starting where the page prints its weights is cut after its figure. True where one was cut.
    /// </summary>
    private static bool SplitGluedWeights(List<Word> words, List<(Word Weight, Word Score)> anchors)
    {
        if (anchors.Count < 2) return false;
        var (wAt, sAt) = Figures(anchors);
        var paired = anchors.SelectMany(a => new[] { a.Weight.Line, a.Score.Line }).ToHashSet();
        var cut = false;
        foreach (var line in words.GroupBy(w => w.Line).Where(g => !paired.Contains(g.Key)).Select(g => g.ToList()).ToList())
        {
            var figures = line.Where(w => IsFigure(w.Text)).ToList();
            if (figures is not [var score] || Math.Abs(score.Start - sAt) > 2) continue;
            foreach (var word in line)
            {
                if (Math.Abs(word.Start - wAt) > 1 || GluedFigure().Match(word.Text) is not { Success: true } m ||
                    !NumberParser.TryParse(m.Groups[1].Value, out var n) || n.Value > 100)
                    continue;
                var at = words.IndexOf(word);
                var end = word.Start + m.Groups[1].Length;
                words[at] = word with { Text = m.Groups[1].Value, End = end };
                words.Insert(at + 1, word with { Text = m.Groups[2].Value, Start = end });
                cut = true;
                break;
            }
        }
        return cut;
    }

    [GeneratedRegex(@"^(\d{1,3}(?:\.\d+)?)([\p{IsCJKUnifiedIdeographs}①-⑩（(].*)$")]
    private static partial Regex GluedFigure();

    /// <summary>Where a page's table starts: its leftmost word before the 权重.</summary>
    private static double LeftEdge(List<Word> words, double weightAt) =>
        words.Where(w => w.Start < weightAt - 3).Select(w => (double)w.Start).DefaultIfEmpty(0).Min();

    /// <summary>Where a page prints its 权重 and 自评得分: the middle of its anchors' starts.</summary>
    private static (double Weight, double Score) Figures(List<(Word Weight, Word Score)> anchors) =>
        (Median(anchors.Select(a => (double)a.Weight.Start)), Median(anchors.Select(a => (double)a.Score.Start)));

    /// <summary>
    /// One page's words to columns: words from the 自评得分 on are 备注, from the 权重 on 评分规则, and the words before
    /// are cut into 一级指标 / 指标名称 / 指标解释 where a rule most likely stood between those labels' middles (the band's,
    /// carried to this page's scale by where the two print their figures).
    /// </summary>
    /// <summary>
    /// A piece of a section label the template knows ("影响力" of 影响力目标), or of its weight ("（37", "分）"). (One
    /// character is too little to tell: "度", "力" end names as well.)
    /// </summary>
    private bool IsSectionWord(string text)
    {
        var compact = TextCleaner.Compact(text);
        return PieceOfWeight(text) || IsWeight(text) ||
               compact.Length >= 2 && matcher.Model.Sections.Any(n => n.Contains(compact, StringComparison.Ordinal));
    }

    private static void Place(List<Word> words, Band band, List<(Word Weight, Word Score)> anchors, (double Weight, double Score) at,
        (double Left, double Weight) reference, List<Placed> placed, Func<Word, int?> forced, Func<string, bool> isSectionWord)
    {
        var (wAt, sAt) = at;
        var figuresOf = anchors.SelectMany(m => new[] { m.Weight, m.Score }).ToHashSet();
        var before = words.Where(w => !figuresOf.Contains(w) && w.Start < wAt - 3).ToList();
        var hasLevel1 = band.Center("HdrLevel1") is not null;
        var left = before.Count > 0 ? before.Min(w => w.Start) : 0;
        // The band's columns carried to this page: the stretch from the table's left edge to the 权重 scaled to this
        // page's (the band's own page: the same stretch, no change).
        var scale = (double x) => x;
        if (reference.Weight > reference.Left && reference != (left, wAt))
            scale = x => left + (x - reference.Left) * (wAt - left) / (reference.Weight - reference.Left);
        var nameAt = band.Center("HdrName") is { } n0 ? scale(n0) : left + 4;
        var explanationAt = Math.Max(band.Center("HdrExplanation") is { } e0 ? scale(e0) : nameAt + 8, nameAt + 2);
        // A section label's weight "(36分)" (or its piece) first on its line says how wide the 一级指标 column can be: its
        // label wraps inside it. The band's columns carried over from another page say it only roughly (a page of other
        // widths is scaled as a whole, not column by column).
        var levelTo = (int)nameAt;
        var weights = before.Where(w => !before.Any(x => x.Line == w.Line && x.Start < w.Start) &&
            (PieceOfWeight(w.Text) || IsWeight(w.Text))).ToList();
        if (weights.Count > 0) levelTo = Math.Min(levelTo, weights.Max(w => w.End) + 6);
        var levelCut = hasLevel1 ? River(before, (int)Math.Ceiling(Math.Max(left, scale(band.Center("HdrLevel1")!.Value))), levelTo) : int.MinValue;
        // On a page carried over from another, the scaled columns are rough: where every word first on its line that
        // is a section label's piece ends well left of that cut, the cut found was the names' right edge (their
        // explanations start in a line, a river stronger than the labels'), and the labels end where their pieces do.
        var carried = reference.Weight > reference.Left && reference != (left, wAt);
        var sectionWords = before.Where(w => !before.Any(x => x.Line == w.Line && x.Start < w.Start) && isSectionWord(w.Text)).ToList();
        if (carried && hasLevel1 && sectionWords.Count >= 2 && sectionWords.Max(w => w.End) + 2 < levelCut)
            levelCut = sectionWords.Max(w => w.End) + 1;
        var nameCut = River(before, (int)Math.Ceiling(carried && hasLevel1 ? Math.Min(nameAt, levelCut + 2) : nameAt), (int)explanationAt);
        // A line with a row's figure places it where that line's widths put it: a word after it is that row's 评分规则 (or,
        // after the 自评得分, its 备注), a word before it none of them, wherever the page's other lines put those columns.
        var weightOn = anchors.GroupBy(a => a.Weight.Line).ToDictionary(g => g.Key, g => g.First().Weight.Start);
        var scoreOn = anchors.GroupBy(a => a.Score.Line).ToDictionary(g => g.Key, g => g.First().Score.Start);
        var cols = new Dictionary<Word, Col>();
        foreach (var w in words)
        {
            if (figuresOf.Contains(w)) continue;
            // A section weight's piece ("(36", "分)") first on its line is the section label's, however far the line's
            // widths pushed it; so is a whole weight ("(36分)") at the table's left edge (a clause's points, "（8 分）", a
            // page break printed first on a line further right).
            var firstOnLine = !words.Any(x => x.Line == w.Line && x.Start < w.Start);
            var afterScore = scoreOn.TryGetValue(w.Line, out var s0) ? w.Start > s0 : w.Start >= sAt - 1;
            var afterWeight = weightOn.TryGetValue(w.Line, out var w0) ? w.Start > w0 : w.Start >= wAt - 3;
            cols[w] = afterScore ? Col.Note
                : afterWeight ? Col.Rule
                : w.Center < levelCut || hasLevel1 && firstOnLine && (PieceOfWeight(w.Text) || w.Start <= left + 2 && IsWeight(w.Text)) ? Col.Level1
                : w.Center < nameCut ? Col.Name
                : Col.Explanation;
        }
        // A line without a figure has only the page's middle 权重 to go by, and a tool that places each line by its own
        // widths prints a column further left or right line by line ("资金使用" at the explanation's start on its own line,
        // left of where most rows print their weight). The figure lines say where each of the two columns starts on this
        // page: a word starting where explanations start there, and where no rule does, is an explanation's; and the
        // other way about.
        var starts = cols.Where(kv => weightOn.ContainsKey(kv.Key.Line) && kv.Value is Col.Explanation or Col.Rule)
            .GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.Select(kv => kv.Key.Start).ToHashSet());
        bool StartsAs(Col col, Word w) => starts.TryGetValue(col, out var at) && at.Any(x => Math.Abs(x - w.Start) <= 1);
        foreach (var w in cols.Keys.Where(w => !weightOn.ContainsKey(w.Line) && cols[w] is Col.Explanation or Col.Rule).ToList())
        {
            if (cols[w] is Col.Rule && StartsAs(Col.Explanation, w) && !StartsAs(Col.Rule, w)) cols[w] = Col.Explanation;
            else if (cols[w] is Col.Explanation && StartsAs(Col.Rule, w) && !StartsAs(Col.Explanation, w)) cols[w] = Col.Rule;
        }
        CutLineByLine(cols);
        foreach (var (w, col) in cols) placed.Add(new Placed(w, col, forced(w)));
    }

    /// <summary>
    /// 指标名称 and 指标解释 cut line by line where one cut for the page puts a line's two cells in one column. A tool that
    /// places each line by its own widths (Chromium's PDFs through <c>pdftotext -layout</c>: one space between cells)
    /// prints the same column further left on a line of long text than on a short one, so no one character column
    /// parts the two. There a line's first piece is its name and the rest its explanation (a second 一级指标 piece on the
    /// line counting as its first: a section label prints one piece a line); a line of one piece is the cell whose start
    /// it stands nearer on the nearest lines of two, above and below.
    /// </summary>
    private static void CutLineByLine(Dictionary<Word, Col> cols)
    {
        var lines = cols.Where(kv => kv.Value is Col.Name or Col.Explanation).GroupBy(kv => kv.Key.Line)
            .ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).OrderBy(w => w.Start).ToList());
        var oneByOne = lines.Values.Any(l => l.Count >= 2 && l.Select(w => cols[w]).Distinct().Count() == 1);
        // A second 一级指标 piece on a line is the name pushed left ("投入" "性"; "目" "项目设" under a label printed a
        // character a line, whether or not the page's lines need cutting one by one).
        foreach (var level in cols.Where(kv => kv.Value is Col.Level1).GroupBy(kv => kv.Key.Line).Where(g => g.Count() >= 2))
        {
            var extra = level.Select(kv => kv.Key).OrderBy(w => w.Start).Skip(1).ToList();
            foreach (var w in extra) cols[w] = Col.Name;
            lines[level.Key] = [.. extra.Concat(lines.GetValueOrDefault(level.Key, [])).OrderBy(w => w.Start)];
        }
        if (!oneByOne)
        {
            FlushWithTheirCell(cols, lines, []);
            return;
        }
        // The page's widest name piece: the first pieces of its lines of two.
        var nameWidth = lines.Values.Where(l => l.Count >= 2).Select(l => l[0].Text.Length).DefaultIfEmpty(0).Max();
        var byTurns = NamesByTurns(lines, nameWidth);
        foreach (var w in byTurns) cols[w] = Col.Name;
        var pairs = lines.Where(kv => kv.Value.Count >= 2).Select(kv => (Line: kv.Key, Name: kv.Value[0].Start, Explanation: kv.Value[1].Start))
            .OrderBy(p => p.Line).ToList();
        foreach (var (line, pieces) in lines)
        {
            if (pieces.Count >= 2)
            {
                cols[pieces[0]] = Col.Name;
                foreach (var w in pieces.Skip(1)) cols[w] = Col.Explanation;
                continue;
            }
            var w0 = pieces[0];
            if (byTurns.Contains(w0)) continue;
            var near = new[] { pairs.LastOrDefault(p => p.Line < line), pairs.FirstOrDefault(p => p.Line > line) }
                .Where(p => p != default).ToList();
            if (near.Count == 0) continue;
            var toName = near.Sum(p => Math.Abs(w0.Start - p.Name));
            var toExplanation = near.Sum(p => Math.Abs(w0.Start - p.Explanation));
            // Halfway between the two (the lines above and below set at their own widths), a piece no wider than the
            // page's names is a name's ("（33分）数量" under "程 购置 透明、高效的政务服务。").
            cols[w0] = toName < toExplanation || toName == toExplanation && w0.Text.Length <= nameWidth ? Col.Name : Col.Explanation;
        }
        FlushWithTheirCell(cols, lines, byTurns);
    }

    /// <summary>
    /// A line of one piece that starts where the longer one pieces of lines up to two above or below start, all of one
    /// cell, is that cell's: a wrapped cell's lines start at one place ("完成年度相关工作任" / … / "务", the name's lines between),
    /// however far the lines that measured the cut stand, and however near the cut a last character's middle falls.
    /// </summary>
    private static void FlushWithTheirCell(Dictionary<Word, Col> cols, Dictionary<int, List<Word>> lines, HashSet<Word> fixedNames)
    {
        var decided = cols.Where(kv => kv.Value is Col.Name or Col.Explanation).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (line, pieces) in lines)
        {
            if (pieces.Count != 1 || fixedNames.Contains(pieces[0])) continue;
            var flush = decided.Where(kv => kv.Key != pieces[0] && Math.Abs(kv.Key.Line - line) is >= 1 and <= 2 && kv.Key.Start == pieces[0].Start &&
                                            kv.Key.Text.Length > pieces[0].Text.Length && lines.TryGetValue(kv.Key.Line, out var other) && other.Count == 1)
                .Select(kv => kv.Value).Distinct().ToList();
            if (flush is [var col]) cols[pieces[0]] = col;
        }
    }

    /// <summary>
    /// Lines of one piece each, a name's and its explanation's by turns ("完成" / "完成及时性是否达" / "及时"): a tool that
    /// sets each line at its own widths may print such a row's name right of where the page's other rows print theirs,
    /// nearer the explanations of the lines of two pieces further off than their names. A piece no wider than the
    /// page's names, starting well left of the nearest lines of one piece too wide for a name, is a name's (an
    /// explanation's short last line stands where its longer lines start, or right of them where the table centres
    /// its cells).
    /// </summary>
    private static HashSet<Word> NamesByTurns(Dictionary<int, List<Word>> lines, int nameWidth)
    {
        var singles = lines.Where(kv => kv.Value.Count == 1).ToDictionary(kv => kv.Key, kv => kv.Value[0]);
        var names = new HashSet<Word>();
        foreach (var (line, w) in singles)
        {
            if (w.Text.Length > nameWidth) continue;
            // The nearest such line above and below within four (a row's explanation, not the row's before).
            var wide = singles.Where(kv => Math.Abs(kv.Key - line) <= 4 && kv.Value.Text.Length > nameWidth).OrderBy(kv => kv.Key).ToList();
            var near = new[] { wide.LastOrDefault(kv => kv.Key < line).Value, wide.FirstOrDefault(kv => kv.Key > line).Value }.OfType<Word>().ToList();
            if (near.Count > 0 && w.Start <= near.Min(x => x.Start) - 2) names.Add(w);
        }
        return names;
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v[v.Count / 2];
    }

    /// <summary>
    /// The column in [from, to] where a rule most likely stood: few words cross it, many start just after it (a
    /// left-aligned column's edge) and many end just before it (the column on its left). A word crossing weighs more
    /// than one starting or ending, so a rule is not taken inside a paragraph that happens to have several lines
    /// starting at one place; and a column's left edge alone (nothing ending before it) is not taken for a rule.
    /// </summary>
    private static int River(List<Word> words, int from, int to)
    {
        if (to <= from) return from;
        var (best, bestScore) = (from, int.MaxValue);
        for (var x = from; x <= to; x++)
            if (RuleScore(words, x) is var score && score < bestScore) (best, bestScore) = (x, score);
        return best;
    }

    private static int RuleScore(List<Word> words, int x)
    {
        var crossing = words.Count(w => w.Start < x && x < w.End);
        var starting = words.Count(w => w.Start >= x && w.Start <= x + 2);
        var ending = words.Count(w => w.End <= x && w.End >= x - 2);
        return 3 * crossing - starting - ending;
    }

    private enum Alignment { Middle, Top, Bottom }

    /// <summary>What a row cut that leaves a row without a name costs: as much as a comma closing a cell (2 reads the same).</summary>
    private const double EmptyNameCost = 1;

    /// <summary>
    /// What each cell's squared distance from its row's middle adds, up to a line: between cuts as far off in all, the
    /// one that leaves a row's cells together (a line's rounding each) over one that puts one row's all on its middle and
    /// the next row's a line apart (0.3 and 1 read less on the tuning half; uncapped, the tall top-aligned rows of seed
    /// 003's printings pulled their cuts by lines).
    /// </summary>
    private const double SpreadCost = 0.1;

    /// <summary>How far a row's cells stand off a middle: in lines, with <see cref="SpreadCost"/> for their spread.</summary>
    private static double Off(List<double> points, double middle)
    {
        var off = 0.0;
        foreach (var p in points) off += Math.Abs(p - middle) + SpreadCost * Math.Min(1, (p - middle) * (p - middle));
        return off;
    }

    /// <summary>
    /// The row of each placed word: the lines between two anchors are cut once, for all columns, at the line that sets
    /// each row's cells about its anchor as the table aligns them; the alignment that fits the whole table best wins.
    /// 一级指标 words are left out (a section spans rows).
    /// </summary>
    private static int[] CutRows(List<Placed> placed, List<(Word Weight, Word Score)> anchors)
    {
        // A row's figures are on one line, or (a tool that places each line by its own widths) up to three lines apart: the
        // row is centred between them, and is cut no higher than the first.
        var lines = anchors.Select(a => Math.Min(a.Weight.Line, a.Score.Line)).ToArray();
        var centres = anchors.Select(a => (a.Weight.Line + a.Score.Line) / 2.0).ToArray();
        var n = lines.Length;
        var rowOf = new int[placed.Count];
        if (n == 1) return rowOf;
        var text = placed.Select((p, i) => (p, i)).Where(x => x.p.Col != Col.Level1 && x.p.Row is null).ToList();
        // Each column's width on each page, in half-width characters: its longest line.
        var widths = placed.Where(p => p.Col != Col.Level1).GroupBy(p => (p.Word.Block, p.Col))
            .ToDictionary(g => g.Key, g => g.GroupBy(p => p.Word.Line).Max(l => LineWidth(l.Select(p => p.Word))));
        int[]? best = null;
        var bestCost = double.MaxValue;
        foreach (var alignment in Enum.GetValues<Alignment>())
        {
            // cut[r]: the last line of row r (rows 0..n-2); a row's words are those after the cut above it up to its own cut.
            var ends = anchors.Select(a => Math.Max(a.Weight.Line, a.Score.Line)).ToArray();
            var choices = Enumerable.Range(0, n - 1).Select(r => Enumerable.Range(ends[r], Math.Max(1, lines[r + 1] - ends[r])).ToArray()).ToArray();
            double Cost(int r, int fromLine, int toLine)
            {
                var cost = 0.0;
                var points = new List<double>();
                foreach (var col in new[] { Col.Name, Col.Explanation, Col.Rule, Col.Note })
                {
                    var cell = text.Where(x => x.p.Col == col && x.p.Word.Line > fromLine && x.p.Word.Line <= toLine).Select(x => x.p.Word)
                        .OrderBy(w => w.Line).ThenBy(w => w.Start).ToList();
                    // Every row has a name: a cut that leaves one without ("绩效目标合理性" halfway between its row's
                    // figures and the row above's, taken into the name above) runs through a name.
                    if (cell.Count == 0 && col == Col.Name) cost += EmptyNameCost;
                    if (cell.Count == 0) continue;
                    var at = cell.Select(w => w.Line).Distinct().ToList();
                    // The cell's own words say where it starts and ends: a clause ① opens a cell (and ② never does), a
                    // comma never closes one.
                    if (cell.Skip(1).Any(w => w.Text[0] == '①' && w.Line != at[0])) cost += 1.5;
                    if (cell[0].Text[0] is > '①' and <= '⑩') cost += 1.5;
                    if (cell[^1].Text[^1] is '，' or '、' or ',') cost += 1;
                    // A cell wraps only when its line is full: a line well short of its column's width ends its cell, and
                    // a last line that fills it, with the column's next line right under it, runs on into that line.
                    // "Well short" by the column: a name wraps a character at a time; an explanation may leave one
                    // character a line-start rule pushed down; a rule's clause points ("（1" "分）") wrap as a unit.
                    var width = widths[(cell[0].Block, col)];
                    var slack = col switch { Col.Name when width >= 4 => 1, Col.Explanation when width >= 12 => 3, Col.Rule when width >= 12 => 5, _ => -1 };
                    if (slack >= 0)
                    {
                        var byLine = cell.GroupBy(w => w.Line).Select(g => (Line: g.Key, Width: LineWidth(g))).ToList();
                        for (var k = 0; k + 1 < byLine.Count; k++)
                            if (byLine[k].Width < width - slack && byLine[k + 1].Line - byLine[k].Line <= 2) cost += 1;
                        if (byLine[^1].Width >= width - 1 && cell[^1].Text[^1] is not ('。' or '）' or ')' or '；')
                            && text.Any(x => x.p.Col == col && x.p.Word.Line == byLine[^1].Line + 1 && x.p.Word.Block == cell[0].Block))
                            cost += 1;
                    }
                    points.Add(alignment switch
                    {
                        Alignment.Middle => (at[0] + at[^1]) / 2.0,
                        Alignment.Top => at[0],
                        _ => at[^1],
                    });
                    // A name is a phrase of its own: it does not open on a suffix or a particle ("性完成及时性", "的规范性…"),
                    // nor close on a particle ("项目设立的"): a cut there runs through a name.
                    if (col == Col.Name && Remarks.CutThrough(string.Concat(cell.Select(w => w.Text)))) cost += 1;
                    // A cell's lines follow one another; a gap of blank lines inside one is another cell's.
                    for (var k = 1; k < at.Count; k++)
                        if (at[k] - at[k - 1] > 2) cost += 2;
                }
                // Each cell's middle (or first, or last line) measured from where the row's own cells put its middle: the
                // figures' line, or half a line either side of it — a cell of an even number of lines centred on the row
                // stands half a line off any one line, and so do all the row's cells alike. Measured from the figures'
                // line alone, two rows of four-line names each gained half a line a cell by a cut a line late.
                if (points.Count > 0)
                    cost += Math.Min(Off(points, centres[r]), Math.Min(Off(points, centres[r] - 0.5), Off(points, centres[r] + 0.5)));
                return cost;
            }
            // Dynamic programming over the cut after each row.
            var costs = new Dictionary<int, (double Cost, int Previous)>[n - 1];
            for (var r = 0; r < n - 1; r++)
            {
                costs[r] = [];
                foreach (var cut in choices[r])
                {
                    if (r == 0)
                    {
                        costs[r][cut] = (Cost(0, int.MinValue, cut), -1);
                        continue;
                    }
                    var options = costs[r - 1].Select(kv => (Cost: kv.Value.Cost + Cost(r, kv.Key, cut), Previous: kv.Key));
                    costs[r][cut] = options.MinBy(o => o.Cost);
                }
            }
            var finals = costs[n - 2].Select(kv => (Cost: kv.Value.Cost + Cost(n - 1, kv.Key, int.MaxValue), Cut: kv.Key)).MinBy(o => o.Cost);
            if (finals.Cost >= bestCost) continue;
            bestCost = finals.Cost;
            best = new int[n - 1];
            var c = finals.Cut;
            for (var r = n - 2; r >= 0; r--)
            {
                best[r] = c;
                c = costs[r][c].Previous;
            }
        }
        for (var i = 0; i < placed.Count; i++)
        {
            if (placed[i].Row is { } forced) { rowOf[i] = forced; continue; }
            var line = placed[i].Word.Line;
            var r = 0;
            while (r < n - 1 && line > best![r]) r++;
            rowOf[i] = r;
        }
        return rowOf;
    }

    /// <summary>A line's words' width in half-width characters, with the spaces between them as printed.</summary>
    private static int LineWidth(IEnumerable<Word> words)
    {
        var ordered = words.OrderBy(w => w.Start).ToList();
        return ordered.Sum(w => TextCleaner.DisplayWidth(w.Text)) + ordered.Count - 1;
    }

    /// <summary>
    /// The section labels (一级指标 words stacked into "投入与管理(36分)", each closed by its weight) and the rows each
    /// spans: by the rows' weights where they add up to the printed section weights in exactly one way, else the run of
    /// rows whose lines are centred nearest the label.
    /// </summary>
    private static List<(List<Word> Words, int First, int Last)> Sections(List<Word> words, List<(Word Weight, Word Score)> anchors, IReadOnlySet<string> known)
    {
        var labels = SectionLabels(words, known);
        var n = anchors.Count;
        // More labels than rows: the words under 一级指标 are not the sections' labels this reading takes them for.
        if (labels.Count == 0 || labels.Count > n) return [];
        if (labels.Count == 1) return [(labels[0], 0, n - 1)];
        // By the weights: each section's rows add up to its printed weight.
        if (Partition(Printed(labels), Weights(anchors)) is { } spans)
            return [.. spans.Select((x, k) => (labels[k], x.First, x.Last))];
        // A label printed again as the next page begins ("产出（32分）" on both sides of a page break) goes on the section
        // it repeats: the rows of both pages add up to its weight once.
        var once = labels.Where((l, k) => k == 0 || Text(l) != Text(labels[k - 1])).ToList();
        if (once.Count < labels.Count && Partition(Printed(once), Weights(anchors)) is { } continued)
            return [.. continued.Select((x, k) => (once[k], x.First, x.Last))];
        // By the lines: each label's middle nearest the middle of its rows' anchors (a merged cell centres its text).
        var middles = labels.Select(l => l.Average(w => (double)w.Line)).ToList();
        var lines = anchors.Select(a => (double)a.Weight.Line).ToList();
        var m = labels.Count;
        var cost = new double[m + 1, n + 1];
        var from = new int[m + 1, n + 1];
        for (var a = 0; a <= m; a++)
            for (var b = 0; b <= n; b++)
                cost[a, b] = double.MaxValue;
        cost[0, 0] = 0;
        for (var a = 1; a <= m; a++)
            for (var b = a; b <= n - (m - a); b++)
                for (var s = a - 1; s < b; s++)
                {
                    if (cost[a - 1, s] == double.MaxValue) continue;
                    var c = cost[a - 1, s] + Math.Abs((lines[s] + lines[b - 1]) / 2 - middles[a - 1]);
                    if (c < cost[a, b]) (cost[a, b], from[a, b]) = (c, s);
                }
        var result = new List<(List<Word>, int, int)>();
        for (int a = m, b = n; a > 0; a--)
        {
            var s = from[a, b];
            result.Insert(0, (labels[a - 1], s, b - 1));
            b = s;
        }
        return result;
    }

    /// <summary>Each section label's printed weight ("(36分)"), or null.</summary>
    private static List<decimal?> Printed(List<List<Word>> labels) =>
        [.. labels.Select(l => SectionWeight().Match(Text(l)) is { Success: true } m &&
            decimal.TryParse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (decimal?)null)];

    private static List<decimal> Weights(List<(Word Weight, Word Score)> anchors) =>
        [.. anchors.Select(a => NumberParser.TryParse(TextCleaner.Clean(a.Weight.Text), out var x) ? x.Value : 0m)];

    /// <summary>
    /// The rows each section spans when the rows' weights, in order, add up to every printed section weight exactly
    /// (each section at least one row, every row in one); null when they do not, or a weight is not printed.
    /// </summary>
    private static List<(int First, int Last)>? Partition(List<decimal?> printed, List<decimal> weights)
    {
        if (printed.Count == 0 || printed.Any(p => p is null)) return null;
        var spans = new List<(int, int)>();
        var row = 0;
        foreach (var section in printed)
        {
            var (first, sum) = (row, 0m);
            while (row < weights.Count && sum < section!.Value) sum += weights[row++];
            if (sum != section!.Value || row == first) return null;
            spans.Add((first, row - 1));
        }
        return row == weights.Count ? spans : null;
    }

    /// <summary>
    /// The one anchor that is no row: the rows' weights add up to more than the form's whole (the 合计's weight, or
    /// 100) by exactly this pair's 权重, and its 权重 stands inside a run of text (a word just before it and just after
    /// it on its line: "得 4 分"), as no other such pair's does. Null otherwise: a form whose weights add up, or miss in
    /// a way one text pair does not explain, keeps every anchor (the checker's weight sum says what is off).
    /// </summary>
    private static (Word Weight, Word Score)? Spurious(List<Placed> placed, List<(Word Weight, Word Score)> anchors, decimal whole)
    {
        var weights = Weights(anchors);
        var excess = weights.Sum() - whole;
        if (excess <= 0) return null;
        var fits = Enumerable.Range(0, anchors.Count).Where(k => weights[k] == excess && Inline(placed, anchors[k].Weight)).ToList();
        return fits is [var only] ? anchors[only] : null;
    }

    /// <summary>Whether a word has another word at most one space before it and one at most one space after it on its line.</summary>
    private static bool Inline(List<Placed> placed, Word word) =>
        placed.Any(p => p.Word.Line == word.Line && p.Word.End <= word.Start && word.Start - p.Word.End <= 1) &&
        placed.Any(p => p.Word.Line == word.Line && p.Word.Start >= word.End && p.Word.Start - word.End <= 1);

    /// <summary>A section weight alone: "(36分)", "（ 8 分）" (not a clause's text ending in its points).</summary>
    private static bool IsWeight(string text) => SectionWeight().Match(text) is { Success: true, Index: 0 };

    /// <summary>A piece of a section weight wrapped in a narrow cell: "(36" or "分)".</summary>
    private static bool PieceOfWeight(string text) => Regex.IsMatch(TextCleaner.Compact(text), @"^([(（]\d+(\.\d+)?分?|分[)）])$");

    /// <summary>
    /// The 一级指标 words stacked into section labels: a word joins the label above it when it stands under one of its
    /// words (columns overlapping) within three lines, until the label's weight "(36分)" closes it.
    /// </summary>
    private static List<List<Word>> SectionLabels(List<Word> words, IReadOnlySet<string> known)
    {
        var labels = new List<List<Word>>();
        foreach (var w in words.OrderBy(w => w.Line).ThenBy(w => w.Start))
        {
            // Of two labels open over the word, the one it stands under most squarely (a name wrapped a character a line
            // beside a section label touches both).
            // (A label's weight may stand further below it, the lines of the cells beside it between: "项目过程" … "(14分)"
            // four lines down.)
            // So may its last piece, where with it the label is a section the template knows ("项目产" … "出").
            bool Ends(List<Word> l) => known.Contains(TextCleaner.Compact(Text(l) + w.Text));
            var open = labels.Where(l => !SectionWeight().IsMatch(Text(l)) && l.Any(x => Overlaps(x, w, 1)) &&
                                         l[^1].Line >= w.Line - (IsWeight(w.Text) || PieceOfWeight(w.Text) || Ends(l) ? 5 : 3))
                .Select((l, k) => (l, k)).OrderByDescending(x => x.l.Max(y => Math.Min(y.End, w.End) - Math.Max(y.Start, w.Start)))
                .ThenByDescending(x => x.k).Select(x => x.l).FirstOrDefault();
            if (open is null) labels.Add([w]);
            else open.Add(w);
        }
        return [.. labels.Where(l => TextCleaner.Compact(Text(l)).Length >= 2)];
    }

    [GeneratedRegex(@"^([(（]\d+(?:\.\d+)?分[)）])(\p{IsCJKUnifiedIdeographs}.*)$")]
    private static partial Regex GluedWeight();

    [GeneratedRegex(@"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")]
    private static partial Regex SectionWeight();

    /// <summary>A cell of words: their lines joined in order (a wrapped cell's lines, as a ruled page gives them).</summary>
    private static RawCell Cell(IEnumerable<Word> words, int column, bool carried = false)
    {
        var ordered = words.OrderBy(w => w.Line).ThenBy(w => w.Start).ToList();
        var text = new StringBuilder();
        for (var k = 0; k < ordered.Count; k++)
        {
            // Words of one line keep the spaces between them as printed (provenance quotes the line).
            if (k > 0 && ordered[k].Line != ordered[k - 1].Line) text.Append('\n');
            else if (k > 0) text.Append(' ', Math.Max(1, ordered[k].Start - ordered[k - 1].End));
            text.Append(ordered[k].Text);
        }
        var first = ordered[0].Cell;
        return new RawCell(text.ToString(), first.Source with { Col = column, Text = text.ToString() })
        {
            Columns = new TextColumns(ordered.Min(w => w.Start), ordered.Max(w => w.End)),
            Carried = carried,
        };
    }

    private static RawCell EmptyCell(RawCell like, int column) =>
        new("", like.Source with { Col = column, Text = "" }) { Carried = false };
}
