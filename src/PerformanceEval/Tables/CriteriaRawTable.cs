using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Tables;

/// <summary>
/// Rebuilds a criteria-template form's table (一级指标 with its section weight, 指标名称, 指标解释, 权重, 评分规则,
/// 自评得分, 备注) from text that writes it a cell at a time, in the order the cells were drawn, with no positions:
/// <c>pdftotext -raw</c> of the PDFs Writer and Chromium print, a viewer's copy. A row comes as its cells one after
/// another, each wrapped over as many lines as its column's width makes it take, two cells on one line (a space
/// apart) where the printing put their lines at one height. Nothing marks where one cell ends and the next begins
/// but this:
/// <list type="number">
/// <item>权重 and 自评得分 are the table's only bare figures, a pair a row: the rows are cut at them. The pairs are
/// taken only where the weights add up to the 合计's (none printed: where no score exceeds its weight); any other
/// count or sum leaves the form as it was, for the readers after this one.</item>
/// <item>Between a row's two figures is its 评分规则; before its 权重, its 一级指标 where a section starts (the text up
/// to "(24分)"), 指标名称 and 指标解释, and the 备注 of the row before.</item>
/// <item>Where 备注, 指标名称 and 指标解释 meet, the cut is where each cell's lines fill its column's width but the last
/// (a cell wraps only when its column is full), a space between two CJK characters being more likely two cells' edge
/// than a cell's own. The two columns' widths are the ones under which the most rows cut so, table by table (a page
/// may print its rows at other widths); a row that cannot be cut so under them, or can two ways as well, gets no
/// 指标名称 and 指标解释, and a warning says so.</item>
/// </list>
/// Laid-out text (words at their columns) is <see cref="CriteriaLayoutTable"/>'s, and is left alone here.
/// </summary>
public sealed partial class CriteriaRawTable(LabelMatcher matcher)
{
    private static readonly string[] TableKinds = LabelKinds.CriteriaColumns;

    /// <summary>
    /// A cell of a line: its text, the document row it is on, whether a piece of the same line stands before it, and
    /// which of the form's tables it is in (a repeated header or a new page starts one: it may print other widths).
    /// </summary>
    private sealed record Piece(RawCell Cell, string Text, int Row, bool SameLine, int Table)
    {
        /// <summary>Printed width in em: a CJK character or a full-width mark one, a latin letter or digit about half.</summary>
        public double Width { get; } = TextCleaner.DisplayWidth(Text) / 2.0;
    }

    /// <summary>The header found: its rows [Start, End) and its labels in the order printed, each with its widest line.</summary>
    private sealed record Header(int Start, int End, List<(string Kind, RawCell Cell, double Width)> Labels);

    /// <summary>The document's rows with each criteria form written cell by cell rebuilt; every other row as it was.</summary>
    public StageResult<ImmutableArray<RawRow>> Rebuild(ImmutableArray<RawRow> rows)
    {
        if (!rows.Any(r => r.Origin is RowOrigin.Layout && r.Cells.Any(c => c.Text.Contains("评分") || c.Text.Contains("解释"))))
            return new(rows, []);
        var laidOut = CriteriaLayoutTable.LaidOut(rows);
        var output = new List<RawRow>(rows.Length);
        var diagnostics = new List<Diagnostic>();
        var done = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            if (laidOut[i] || rows[i].Origin is not RowOrigin.Layout) continue;
            var whole = HeaderAt(rows, i, laidOut);
            if ((whole ?? OneLineLabels(rows, i)) is not { } header) continue;
            // Calc's rows each on a line with their figures, their wrapped cells after them; else cells in drawing order.
            if ((RowsFirst(rows, header) ? CalcBody(rows, header, laidOut) : null) is { } calc)
            {
                output.AddRange(rows[done..header.Start]);
                output.AddRange(calc.Rows);
                output.AddRange(calc.Tail);
                done = calc.End;
                i = calc.End - 1;
            }
            else if (whole is not null && (Body(rows, header, laidOut, leadingFigures: false) ?? Body(rows, header, laidOut, leadingFigures: true)) is { } body)
            {
                diagnostics.AddRange(body.Diagnostics);
                output.AddRange(rows[done..header.Start]);
                output.AddRange(body.Rows);
                done = body.End;
                i = body.End - 1;
            }
        }
        if (done == 0) return new(rows, []);
        output.AddRange(rows[done..]);
        return new([.. output], [.. diagnostics]);
    }

    // ---- the header ----------------------------------------------------------------------------------------------

    /// <summary>
    /// A header starting at row <paramref name="i"/>: the run of lines from it whose pieces spell the table's labels one
    /// after another, each whole — a narrow cell wraps its label a piece a line ("一级" / "指标", "权" / "重", "指标名" /
    /// "称 指标解释 … 自评得" / "分"). Of the runs that spell so, the one with the most labels; at least five of the
    /// seven, 权重 and 自评得分 among them.
    /// </summary>
    private Header? HeaderAt(ImmutableArray<RawRow> rows, int i, bool[] laidOut)
    {
        // (Its first label, 一级指标 or 指标名称, may come a character a line.)
        var first = string.Concat(Enumerable.Range(i, Math.Min(4, rows.Length - i)).Select(r => RowText.Joined(rows[r])));
        if (!(first.StartsWith("一级", StringComparison.Ordinal) || first.StartsWith("指标", StringComparison.Ordinal))) return null;
        Header? best = null;
        var pieces = new List<RawCell>();
        for (var end = i + 1; end <= Math.Min(rows.Length, i + 20) && rows[end - 1].Origin is RowOrigin.Layout && !laidOut[end - 1]; end++)
        {
            pieces.AddRange(RowText.NonEmpty(rows[end - 1]));
            if (pieces.Sum(p => TextCleaner.Compact(p.Text).Length) > 40) break;
            if (Spelled(pieces, []) is { } labels && (best is null || labels.Count > best.Labels.Count))
                best = new Header(i, end, labels);
        }
        if (best is not { Labels.Count: >= 5 } && Stacked(rows, i, laidOut) is { } stacked) best = stacked;
        return best is { Labels.Count: >= 5 } && best.Labels.Any(l => l.Kind == "HdrWeight") && best.Labels.Any(l => l.Kind == "HdrScore")
            ? best : null;
    }

    /// <summary>
    /// A header whose labels wrapped into two lines, each line written whole: "一级 指标 指标 权 评分 自评 备注" over
    /// "指标 名称 解释 重 规则 得分" (a tool writing a row's first lines, then its second ones). Each upper piece is a label
    /// with the lower piece of its column, or alone where it is a label by itself and the lower pieces are fewer
    /// (备注 on one line); null where the two lines do not read so.
    /// </summary>
    private Header? Stacked(ImmutableArray<RawRow> rows, int i, bool[] laidOut)
    {
        if (i + 1 >= rows.Length || laidOut[i] || laidOut[i + 1] || rows[i + 1].Origin is not RowOrigin.Layout) return null;
        var (upper, lower) = (RowText.NonEmpty(rows[i]).ToList(), RowText.NonEmpty(rows[i + 1]).ToList());
        if (upper.Count < 5 || lower.Count < 3 || lower.Count > upper.Count) return null;
        var labels = new List<(string Kind, RawCell Cell, double Width)>();
        var below = 0;
        var single = upper.Count - lower.Count;
        foreach (var piece in upper)
        {
            var top = TextCleaner.Compact(piece.Text);
            string? kind = null;
            var width = TextCleaner.DisplayWidth(piece.Text.Trim()) / 2.0;
            if (below < lower.Count && matcher.Match(top + TextCleaner.Compact(lower[below].Text), TableKinds) is { IsExact: true } pair)
            {
                kind = pair.Kind;
                top += TextCleaner.Compact(lower[below].Text);
                width = Math.Max(width, TextCleaner.DisplayWidth(lower[below].Text.Trim()) / 2.0);
                below++;
            }
            else if (single > 0 && matcher.Match(top, TableKinds) is { IsExact: true } alone)
            {
                kind = alone.Kind;
                single--;
            }
            if (kind is null || labels.Any(l => l.Kind == kind)) return null;
            labels.Add((kind, piece with { Text = top }, width));
        }
        return below == lower.Count ? new Header(i, i + 2, labels) : null;
    }

    /// <summary>
    /// The labels that pieces spell one after another, every piece used, no label twice; else null. A piece may be a
    /// label of its own and also the start of a longer one ("评分" / "规则"): each way is tried. A piece may also end one
    /// label and begin the next, where the dump wrote no space between two cells ("指标" / "名称指标解释 权重 …": 指标名称
    /// wrapped in its narrow column, 指标解释 beside its second line).
    /// </summary>
    private List<(string Kind, RawCell Cell, double Width)>? Spelled(List<RawCell> pieces, List<(string Kind, RawCell Cell, double Width)> found)
    {
        if (pieces.Count == 0) return found;
        for (var e = 1; e <= Math.Min(pieces.Count, 6); e++)
        {
            var text = string.Concat(pieces[..e].Select(p => TextCleaner.Compact(p.Text)));
            var m = text.Length <= 8 ? matcher.Match(text, TableKinds) : null;
            if (m is { Score: 1.0 } && found.All(l => l.Kind != m.Kind) &&
                Spelled(pieces[e..], [.. found, (m.Kind, pieces[0] with { Text = text }, pieces[..e].Max(p => TextCleaner.DisplayWidth(p.Text.Trim()) / 2.0))]) is { } all)
                return all;
            // The last piece cut where a label ends, the rest of it starting the next label (before a text that only
            // contains a label, "指标名称指标解释", is taken for it).
            var last = TextCleaner.Compact(pieces[e - 1].Text);
            var head = text[..^last.Length];
            if (head.Length >= 8) break;
            for (var c = 1; c < last.Length && head.Length + c <= 8; c++)
                if (matcher.Match(head + last[..c], TableKinds) is { Score: 1.0 } cut && found.All(l => l.Kind != cut.Kind) &&
                    Spelled([pieces[e - 1] with { Text = last[c..] }, .. pieces[e..]],
                        [.. found, (cut.Kind, pieces[0] with { Text = head + last[..c] }, pieces[..(e - 1)].Select(p => TextCleaner.DisplayWidth(p.Text.Trim()) / 2.0).Append(c).Max())]) is { } split)
                    return split;
            if (m is { IsExact: true, Score: < 1.0 } && found.All(l => l.Kind != m.Kind) &&
                Spelled(pieces[e..], [.. found, (m.Kind, pieces[0] with { Text = text }, pieces[..e].Max(p => TextCleaner.DisplayWidth(p.Text.Trim()) / 2.0))]) is { } near)
                return near;
        }
        return null;
    }

    // ---- the body ------------------------------------------------------------------------------------------------

    /// <summary>
    /// The rows rebuilt from the header to the 合计 (inclusive), the row after them, and what the rebuilding warns of;
    /// null to leave them. With <paramref name="leadingFigures"/>, a figure the dump glued to the text after it is a
    /// piece of its own ("1是否符合部门中期规划…": a 权重 set close to the rule beside it in a narrow column) — tried only
    /// where the rows did not add up without it, since the weights adding up to the 合计's is what tells it is one.
    /// </summary>
    private (List<RawRow> Rows, int End, List<Diagnostic> Diagnostics)? Body(ImmutableArray<RawRow> rows, Header header, bool[] laidOut, bool leadingFigures)
    {
        var diagnostics = new List<Diagnostic>();
        var pieces = new List<Piece>();
        int? totalRow = null;
        var table = 0;
        for (var r = header.End; r < Math.Min(rows.Length, header.End + 600) && totalRow is null; r++)
        {
            var row = rows[r];
            if (laidOut[r] || row.Origin is not RowOrigin.Layout) return null;
            var joined = RowText.Joined(row);
            if (joined.Length == 0) continue;
            if (FormSegmenter.IsTitle(joined) || joined.StartsWith("说明", StringComparison.Ordinal)) return null;
            // The header printed again atop a page: no text of the table's, but the start of a table of its own, whose
            // columns may be as wide as that page's printing made them.
            if (HeaderAt(rows, r, laidOut) is { } again)
            {
                table++;
                r = again.End - 1;
                continue;
            }
            if (RowText.NonEmpty(row).FirstOrDefault() is { } first && matcher.Match(first.Text, "Total") is { IsExact: true })
            {
                totalRow = r;
                break;
            }
            // "合" / "计 100.00 96.00": the label wrapped in its narrow cell.
            if (joined == "合" && r + 1 < rows.Length && RowText.NonEmpty(rows[r + 1]).FirstOrDefault() is { } rest &&
                TextCleaner.Compact(rest.Text) == "计")
            {
                totalRow = r + 1;
                break;
            }
            // A page may print its part of the table at other widths (a tool that lays out each page's rows anew).
            if (pieces.Count > 0 && rows[pieces[^1].Row].Block != row.Block) table++;
            var k = 0;
            foreach (var cell in RowText.NonEmpty(row))
            {
                // A 自评得分 set so near the rule's last line that the dump wrote them as one word ("（1分）3"): a rule's
                // point count closes with 分）, and nothing of the rule follows it on that line.
                if (GluedScore().Match(cell.Text.Trim()) is { Success: true } glued)
                {
                    pieces.Add(new Piece(cell with { Text = glued.Groups[1].Value }, glued.Groups[1].Value, r, k++ > 0, table));
                    pieces.Add(new Piece(cell with { Text = glued.Groups[2].Value }, glued.Groups[2].Value, r, true, table));
                    continue;
                }
                if (leadingFigures && LeadingFigure().Match(cell.Text.Trim()) is { Success: true } lead)
                {
                    pieces.Add(new Piece(cell with { Text = lead.Groups[1].Value }, lead.Groups[1].Value, r, k++ > 0, table));
                    pieces.Add(new Piece(cell with { Text = lead.Groups[2].Value }, lead.Groups[2].Value, r, true, table));
                    continue;
                }
                // A clause's points that pdftotext wrote a space inside, the digits being set in another font ("措施；（2"
                // "分）③是否…"): one piece, as printed; apart they would pass for two cells' lines.
                if (k > 0 && pieces[^1].Row == r && OpenPoints().IsMatch(pieces[^1].Text) && cell.Text.TrimStart().StartsWith('分'))
                {
                    var points = pieces[^1].Text + cell.Text.Trim();
                    pieces[^1] = new Piece(pieces[^1].Cell with { Text = points }, points, r, pieces[^1].SameLine, table);
                    continue;
                }
                pieces.Add(new Piece(cell, cell.Text.Trim(), r, k++ > 0, table));
            }
        }
        if (totalRow is not { } tr) return null;
        var totalFigures = RowText.NonEmpty(rows[tr]).Skip(1).Where(c => Bare(c.Text) is not null).ToList();
        // Its figures on the line after it ("合" / "计" / "100.00 97.00"): a line of figures alone.
        var end = tr + 1;
        if (totalFigures.Count == 0 && end < rows.Length && !laidOut[end] && RowText.NonEmpty(rows[end]).ToList() is { Count: > 0 } next &&
            next.All(c => Bare(c.Text) is not null))
            (totalFigures, end) = (next, end + 1);

        // 1. The rows' figures, a 权重 and a 自评得分 each.
        var figures = Enumerable.Range(0, pieces.Count).Where(k => IsFigure(pieces, k)).ToList();
        if (figures.Count < 2 || figures.Count % 2 != 0) return null;
        var pairs = Enumerable.Range(0, figures.Count / 2).Select(k => (Weight: figures[2 * k], Score: figures[2 * k + 1])).ToList();
        var weights = pairs.Sum(p => Bare(pieces[p.Weight].Text)!.Value);
        if (totalFigures.Count > 0 ? weights != Bare(totalFigures[0].Text) : pairs.Any(p => Bare(pieces[p.Score].Text) > Bare(pieces[p.Weight].Text)))
            return null;
        // The 合计's score on the lines after its weight's, each wrapped in its narrow cell a line a piece ("合计 100" /
        // "92.0" / "0", or "100.0" / "0" / "85.0" / "0"; a figure of one decimal and a lone digit are one): the figure
        // after the weight is its score where the rows' scores add up to it (a page number would stand there as well).
        if (totalFigures.Count == 1)
        {
            var read = new List<(string Text, RawCell Cell)> { (TextCleaner.Compact(totalFigures[0].Text), totalFigures[0]) };
            var at = end;
            for (; at < Math.Min(rows.Length, end + 4) && !laidOut[at] && RowText.NonEmpty(rows[at]).ToList() is [var piece] &&
                   TextCleaner.Compact(piece.Text) is var text && Bare(text) is not null; at++)
            {
                if (BrokenLineJoiner.OneDecimal(read[^1].Text) && text.Length == 1) read[^1] = (read[^1].Text + text, read[^1].Cell);
                else if (read.Count < 2) read.Add((text, piece));
                else break;
            }
            if (read.Count == 2 && Bare(read[1].Text) is { } score && score == pairs.Sum(p => Bare(pieces[p.Score].Text)!.Value))
                (totalFigures, end) = ([totalFigures[0], read[1].Cell with { Text = read[1].Text }], at);
        }

        // 2. What stands before each row's 权重: the 备注 of the row before, a section label, the name and explanation.
        // A section label's column is as wide as the widest line of any label in its table (a table of one section tells
        // too little: the form's widest then), or of the header's 一级指标, wrapped in the same column: the lines before
        // a label's own that fill it are the label's too ("投入与" / "管理" / "(6" / "分)").
        var befores = Enumerable.Range(0, pairs.Count).Select(k => pieces[(k == 0 ? 0 : pairs[k - 1].Score + 1)..pairs[k].Weight]).ToList();
        var tail = pieces[(pairs[^1].Score + 1)..];
        var rules = pairs.Select(p => pieces[(p.Weight + 1)..p.Score]).ToList();
        FirstLinesTogether(pieces, pairs, befores, rules, ref tail);
        // A section label whose name a tool printed above its first row's line and its weight below ("产" / "出" / the row /
        // "(22" / "分)": Chromium's text of a merged cell centred on a row): the weight, first among the next row's pieces,
        // goes back after the name, where the name is one the template prints. (Before the rules' ends are looked for: the
        // weight may stand between a rule's lines, "2" / "(21分)" / "了有效的质量检查…".)
        for (var k = 0; k + 1 < pairs.Count; k++)
        {
            // (After the first line of the row's 备注, where that stood on the score's line: "4 部分目标" / "(32" / "分)" /
            // "未完全实现".)
            var at = befores[k + 1].TakeWhile(p => p.SameLine).Count();
            var weight = WeightAlone(befores[k + 1][at..]);
            if (weight == 0) continue;
            // (The longest such name: "产出" / "目标" is 产出目标, not 产出.)
            var (name, named) = ("", 0);
            for (var n = 0; n < Math.Min(befores[k].Count, 6) && !befores[k][n].SameLine; n++)
                if (matcher.Model.Sections.Contains(name += TextCleaner.Compact(befores[k][n].Text))) named = n + 1;
            if (named == 0) continue;
            befores[k] = [.. befores[k][..named], .. befores[k + 1][at..(at + weight)], .. befores[k][named..]];
            befores[k + 1] = [.. befores[k + 1][..at], .. befores[k + 1][(at + weight)..]];
        }
        // A 评分规则 taller than its row's middle goes on after the 自评得分 drawn there (Writer sets the figures at the
        // row's middle and the rule from its top: "…④资金使用是否符合国家财经法规" / "37" / "和财务管理制度的规定；" /
        // "（25分）"). The lines after the score are the rule's where its last line before it is full and stops
        // mid-sentence, and they run as a wrapped cell does, full lines up to a last that closes the rule.
        // An explanation taller still goes on there too, before the rule's rest ("规性，用以考核项目实" / "2 ①项目预算…" /
        // "2" / "施单位对资金运行和项" / … / "而采取了必需的措施。" / "为具体的…；（1分）"): Writer sets the whole row from its
        // middle, and writes each cell's rest in the columns' order.
        var tableRuleWidth = rules.SelectMany(r => Lines(r)).DefaultIfEmpty(0).Max();
        for (var k = 0; k < pairs.Count; k++)
        {
            var after = k + 1 < pairs.Count ? befores[k + 1] : tail;
            if (RuleGoesOn(rules[k], after) is > 0 and var n)
            {
                rules[k] = [.. rules[k], .. after[..n]];
                after = after[n..];
            }
            else if (ExplanationAndRuleGoOn(befores[k], rules[k], after, tableRuleWidth) is ( > 0 and var e, > 0 and var r))
            {
                befores[k] = [.. befores[k], .. after[..e].Select(p => p with { SameLine = false })];
                rules[k] = [.. rules[k], .. after[e..(e + r)]];
                after = after[(e + r)..];
            }
            else if (NoteThenExplanationGoOn(befores[k], after) is ( > 0 and var noted, > 0 and var rest))
            {
                befores[k] = [.. befores[k], .. after[noted..(noted + rest)].Select(p => p with { SameLine = false })];
                after = [.. after[..noted], .. after[(noted + rest)..]];
            }
            else continue;
            if (k + 1 < pairs.Count) befores[k + 1] = after;
            else tail = after;
        }
        var labelWidths = befores.Select((b, k) => (Table: pieces[pairs[k].Weight].Table, Found: SectionAt(b, null)))
            .Where(x => x.Found is not null).GroupBy(x => x.Table)
            .Where(g => g.Count() >= 2).ToDictionary(g => g.Key, g => g.Max(x => x.Found!.Value.Width));
        var headerWidth = header.Labels.Find(l => l.Kind == "HdrLevel1") is { Kind: not null } own ? own.Width : 0;
        var labelWidth = labelWidths.Values.Append(headerWidth).Max();
        var texts = new List<RowTexts>();
        var open = false;
        var (lastLabel, pageBreaks) = ((string?)null, 0);
        for (var k = 0; k < pairs.Count; k++)
        {
            var before = befores[k];
            // The rest of a label a page break cut ("分)"), printed where the next page goes on: the label's, not a cell's.
            if (open && before.FindIndex(p => TextCleaner.Compact(p.Text) is "分)" or "分）") is >= 0 and var orphan)
            {
                before = [.. before[..orphan], .. before[(orphan + 1)..]];
                open = false;
            }
            var section = SectionAt(before, Math.Max(headerWidth, labelWidths.TryGetValue(pieces[pairs[k].Weight].Table, out var lw) ? lw : labelWidth));
            if (section is { } opened) open = OpenLabel().IsMatch(string.Concat(before.GetRange(opened.Start, opened.Count).Select(p => TextCleaner.Compact(p.Text))));
            var lead = section is { } s ? before[..s.Start] : [];
            var rest = section is { } s2 ? before[(s2.Start + s2.Count)..] : before;
            // The label of the section the rows are in, printed again: a page break, where the tool printed the merged cell
            // anew and may have laid that page's rows out at widths of their own.
            var label = section is { } s4 ? string.Concat(before.GetRange(s4.Start, s4.Count).Select(p => TextCleaner.Compact(p.Text))) : null;
            if (label is not null && label == lastLabel) pageBreaks++;
            if (label is not null) lastLabel = label;
            texts.Add(new RowTexts(lead, section is { } s3 ? before.GetRange(s3.Start, s3.Count) : null, rest, pieces[pairs[k].Weight].Table + pageBreaks));
        }
        // Rows each on one line with both their figures, and a section label or a rule after the last: the text writes
        // its wrapped cells apart from their rows (Calc's `-raw`), and cutting it in drawing order would give them to
        // the wrong cells. (Writer writes a top-aligned row's first lines together too, but not every row's.)
        if (pairs.Count(p => pieces[p.Weight].Row == pieces[p.Score].Row) >= 0.8 * pairs.Count &&
            (SectionAt(tail, null) is not null || tail.Any(p => p.Text.StartsWith('①'))))
            return null;

        // 3. The columns' widths, table by table (a header printed again starts a table of its own), then each row cut
        // under them. A 备注 is known where a section label or the 合计 ends it.
        var cuts = new RowCut?[texts.Count];
        foreach (var group in texts.Select((t, k) => (Texts: t, Index: k)).GroupBy(x => x.Texts.Table))
        {
            var notes = group.Where(x => x.Texts.Section is not null && x.Texts.Lead.Count > 0).Select(x => x.Texts.Lead)
                .Concat(group.Key == texts[^1].Table ? [tail] : []).Where(n => n.Count > 0).ToList();
            double? noteWidth = notes.Count > 0 ? notes.Max(n => Lines(n).Max()) : null;
            var members = group.ToList();
            var widths = Enumerable.Repeat(Widths([.. members.Select(x => x.Texts)], noteWidth), members.Count).ToList();
            // A dump without page breaks (PdfPig's words) does not say where a tool laid a later page's rows out at other
            // widths: where runs of the rows, each under widths of its own, cut two rows more a run than all of them under
            // one pair, the rows are those runs (of two rows at least; a table over three pages may take three widths).
            int CutUnder(IEnumerable<RowTexts> run, (double Name, double Explanation) w) => run.Count(t => Best(t, false, w.Name, w.Explanation, noteWidth) is not null);
            var single = CutUnder(members.Select(x => x.Texts), widths[0]);
            if (members.Count >= 4 && members.Count - single >= 2 && Runs(members.Select(x => x.Texts).ToList(), noteWidth, CutUnder) is { } runs &&
                runs.Score > single)
                widths = [.. runs.Widths];
            for (var m = 0; m < members.Count; m++)
            {
                var (t, k) = members[m];
                cuts[k] = Cut(t, k > 0 && t.Section is null, widths[m].Name, widths[m].Explanation, noteWidth,
                    remarked: k > 0 && Bare(pieces[pairs[k - 1].Score].Text) < Bare(pieces[pairs[k - 1].Weight].Text));
            }
        }

        var labels = header.Labels;
        int IndexOf(string kind) => labels.FindIndex(l => l.Kind == kind);
        var output = new List<RawRow> { new([.. labels.Select((l, c) => Cell([l.Cell with { Text = TextCleaner.Compact(l.Cell.Text) }], c, [false]))], RowOrigin.LayoutGrid, rows[header.Start].Line, rows[header.Start].Block) };
        RawCell? sectionCell = null;
        for (var k = 0; k < pairs.Count; k++)
        {
            var cells = new RawCell?[labels.Count];
            var like = pieces[pairs[k].Weight].Cell;
            void Put(string kind, List<Piece>? run)
            {
                if (run is not { Count: > 0 }) return;
                if (IndexOf(kind) is >= 0 and var at) cells[at] = Cell(run.Select(p => p.Cell), at, run.Select(p => p.SameLine));
                // A cell the header found no column for is said, never dropped in silence.
                else diagnostics.Add(new Diagnostic(DiagnosticCodes.SurplusCell,
                    $"第 {k + 1} 行指标的文字“{string.Concat(run.Select(p => p.Text))}”在表头中找不到所属的列，未读取", run[0].Cell.Source, $"indicators[{k}]"));
            }
            if (texts[k].Section is { } section)
            {
                Put("HdrLevel1", section);
                // A label cut inside its weight is closed as printed on the next page.
                if (IndexOf("HdrLevel1") is >= 0 and var l0 && cells[l0] is { } cut0 && OpenLabel().IsMatch(TextCleaner.Compact(cut0.Text)))
                    cells[l0] = cut0 with { Text = cut0.Text + "分）" };
                sectionCell = IndexOf("HdrLevel1") is >= 0 and var l1 ? cells[l1] : null;
            }
            else if (sectionCell is not null && IndexOf("HdrLevel1") is >= 0 and var l2)
                cells[l2] = sectionCell with { Carried = true };
            if (cuts[k] is { } cut)
            {
                Put("HdrName", cut.Name);
                Put("HdrExplanation", cut.Explanation);
            }
            else if (texts[k].Rest.Count > 0)
                diagnostics.Add(new Diagnostic(DiagnosticCodes.CriteriaCellsUndivided,
                    $"第 {k + 1} 行指标的文字“{string.Join("", texts[k].Rest.Select(p => p.Text))}”分不出指标名称与指标解释（折行的宽度定不下边界），两者留空",
                    texts[k].Rest[0].Cell.Source, $"indicators[{k}]"));
            Put("HdrWeight", [pieces[pairs[k].Weight]]);
            Put("HdrRule", rules[k]);
            Put("HdrScore", [pieces[pairs[k].Score]]);
            var note = k + 1 < pairs.Count ? (texts[k + 1].Section is not null ? texts[k + 1].Lead : cuts[k + 1]?.Note) : tail;
            Put("HdrNote", note);
            output.Add(new RawRow([.. cells.Select((c, i) => c ?? Empty(like, i))], RowOrigin.LayoutGrid, like.Source.Line, rows[pieces[pairs[k].Weight].Row].Block));
        }
        var total = new RawCell?[labels.Count];
        var totalLabel = RowText.NonEmpty(rows[tr]).First() is var printed && TextCleaner.Compact(printed.Text) == "计"
            ? printed with { Text = "合计" } : RowText.NonEmpty(rows[tr]).First();
        total[0] = Cell([totalLabel], 0, [false]);
        if (IndexOf("HdrWeight") is > 0 and var w && totalFigures.Count >= 1) total[w] = Cell([totalFigures[0]], w, [false]);
        if (IndexOf("HdrScore") is > 0 and var sc && totalFigures.Count >= 2) total[sc] = Cell([totalFigures[1]], sc, [false]);
        output.Add(new RawRow([.. total.Select((c, i) => c ?? Empty(totalLabel, i))], RowOrigin.LayoutGrid, rows[tr].Line, rows[tr].Block));
        return (output, end, diagnostics);
    }

    /// <summary>
    /// A top-aligned row whose cells' first lines the dump wrote as one line, figures among them ("服务对 用以反映和考核服务
    /// 27 ①是否按计划时间节点完成各项工作； 27"), and then the rest of each cell in the columns' order ("象满意" / "度" /
    /// "对象满意度的实际情" / … / "（5分）②是否已制定或具有相应的项" / "目资金管理办法；（22分）"): each cell's rest is
    /// put back after its first line. A cell goes on where its first line fills its column (the widest first line of
    /// that column among the table's rows of this shape; for the rule, the widest line of any rule in the table) and
    /// does not end a sentence; its lines are then those no wider than the column, full but the last. Only rows whose
    /// rule is found going on so are put back, or whose section label's own name goes on below to its weight (the row
    /// set from its top though its rule ended on its first line).
    /// </summary>
    private static void FirstLinesTogether(List<Piece> pieces, List<(int Weight, int Score)> pairs, List<List<Piece>> befores,
                                           List<List<Piece>> rules, ref List<Piece> tail)
    {
        // The rows of this shape: the weight after one to three pieces on its line, the rule's first line and the score
        // after it (the line one piece, or several where pdftotext wrote a space inside it: "①" "资金的拨付…（2" "分）②…").
        // The 备注's first line may follow the score on that line ("12 部分目标"): a cell of the row as well.
        var shaped = new List<(int Row, int Cells, bool Noted)>();
        for (var k = 0; k < pairs.Count; k++)
        {
            var (w, sc) = pairs[k];
            var noted = sc + 1 < pieces.Count && pieces[sc + 1].SameLine;
            if (sc < w + 2 || !pieces[w].SameLine || Enumerable.Range(w + 1, sc - w).Any(j => !pieces[j].SameLine) ||
                noted && (k + 1 == pairs.Count || sc + 2 < pieces.Count && pieces[sc + 2].SameLine)) continue;
            var m = 1;
            while (m <= befores[k].Count && befores[k][^m].SameLine) m++;
            if (m <= 3 && m <= befores[k].Count) shaped.Add((k, m, noted));
        }
        if (shaped.Count == 0) return;
        double Column(int fromRight) => shaped.Where(x => x.Cells >= fromRight).Select(x => befores[x.Row][^fromRight].Width).DefaultIfEmpty(0).Max();
        var ruleWidth = rules.SelectMany(r => Lines(r)).DefaultIfEmpty(0).Max();
        var noteWidth = shaped.Where(x => x.Noted).Select(x => befores[x.Row + 1][0].Width).DefaultIfEmpty(0).Max();
        foreach (var (k, m, noted) in shaped)
        {
            var after = k + 1 < pairs.Count ? befores[k + 1] : tail;
            var firstLine = rules[k] is [var one] ? one : new Piece(rules[k][0].Cell, string.Join(" ", rules[k].Select(p => p.Text)), rules[k][0].Row, true, rules[k][0].Table);
            var cells = befores[k][^m..].Select((p, i) => (First: p, Width: Column(m - i))).Append((First: firstLine, Width: ruleWidth)).ToList();
            if (noted) cells.Add((First: after[0], Width: noteWidth));
            var rests = Enumerable.Range(0, cells.Count).Select(_ => new List<Piece>()).ToArray();
            var at = noted ? 1 : 0;
            // A row led by its section label's first line, the label's weight not on it ("项目" / … / "决策" / "(29" /
            // "分)"): the label goes on below, and the row's cells with it, whether or not its rule does.
            var labelled = m == 3 && TextCleaner.Compact(cells[0].First.Text) is var lead && !lead.EndsWith("分)", StringComparison.Ordinal) &&
                           !lead.EndsWith("分）", StringComparison.Ordinal);
            var openAtFirst = new bool[cells.Count];
            // The rule alone going on is taken first (the cells before it most often one line each).
            if (RuleGoesOn(rules[k], after[at..], ruleWidth, open: true) is > 0 and var alone)
                (rests[m], at) = (after[at..(at + alone)], at + alone);
            else
            {
                // Else line by line: a line's pieces go to open cells left to right, each to the first whose column it
                // fits (the dump writes the rest of each cell after the other, or the cells' lines at one height as one
                // line), until the rule is closed.
                // A line of one piece goes on from the cell the line before ended in (the dump writing a cell's rest
                // after the other's: "（1分）" after the rule's lines is the rule's, not a name's); a line of several
                // starts again from the first column.
                var open = cells.Select(c => TextCleaner.Compact(c.First.Text) is { Length: > 0 } t && c.First.Width >= c.Width - 2.0 && !Closes(t[^1]) && t[^1] != '。').ToArray();
                openAtFirst = [.. open];
                var last = 0;
                var ruleOpen = open[m];
                while (at < after.Count && (open[m] || labelled && !ruleOpen && open.Any(o => o)))
                {
                    var next = at + 1;
                    while (next < after.Count && after[next].SameLine) next++;
                    var (cursor, taken) = (next - at == 1 ? last : 0, new List<(int Cell, Piece Piece)>());
                    foreach (var piece in after[at..next])
                    {
                        var c = cursor;
                        while (c < cells.Count && !(open[c] && piece.Width <= cells[c].Width + 0.5)) c++;
                        if (c == cells.Count) break;
                        taken.Add((c, piece));
                        cursor = c + 1;
                    }
                    if (taken.Count < next - at) break;
                    last = taken[^1].Cell;
                    foreach (var (c, piece) in taken)
                    {
                        rests[c].Add(piece with { SameLine = false });
                        var text = TextCleaner.Compact(piece.Text);
                        open[c] = piece.Width >= cells[c].Width - 2.0 && text.Length > 0 && !Closes(text[^1]) && text[^1] != '。';
                    }
                    at = next;
                }
            }
            // Only where the rule is found going on below them too, up to a line that ends it: the rule is the row's
            // tallest cell, and lines the cells before it took with none left for it are as likely the next row's. Or
            // where the rule ended on its first line and the label's own name goes on below, closing with its weight: the
            // label is set from the row's top, and so are the row's other cells. (A label whose weight alone is below may
            // be centred, its name on the row's line by chance: "过程 完成数量 完成年度相关工作任务 5 … 4 部分目标" / "(32" /
            // "分)" / "未完全实" / "现", whose lines are the 备注's.) Each of the name and explanation that filled its column
            // at its first line must go on too.
            var ruleEnds = rests[m].Count > 0 && TextCleaner.Compact(rests[m][^1].Text) is { Length: > 0 } end && Closes(end[^1]);
            var labelEnds = labelled && rests[m].Count == 0 && rests[0].Count > 0 && TextCleaner.Compact(rests[0][^1].Text) is var close &&
                            (close.EndsWith("分)", StringComparison.Ordinal) || close.EndsWith("分）", StringComparison.Ordinal)) &&
                            !PieceOfWeight(rests[0][0].Text) && Enumerable.Range(1, m - 1).All(c => !openAtFirst[c] || rests[c].Count > 0);
            if (!ruleEnds && !labelEnds) continue;
            befores[k] = [.. befores[k][..^m], .. Enumerable.Range(0, m).SelectMany(c => rests[c].Prepend(cells[c].First with { SameLine = false }))];
            rules[k] = [.. rules[k], .. rests[m]];
            List<Piece> rest = noted ? [after[0], .. rests[m + 1], .. after[at..]] : after[at..];
            if (k + 1 < pairs.Count) befores[k + 1] = rest;
            else tail = rest;
        }
    }

    /// <summary>
    /// How many of the pieces after a row's 自评得分 are the rest of its 评分规则: none unless the rule's last line before
    /// the score fills its column and ends mid-sentence; then lines no wider than the column, full but the last, up to
    /// one that ends a clause (none if no line does).
    /// </summary>
    private static int RuleGoesOn(List<Piece> rule, List<Piece> after, double? column = null, bool open = false)
    {
        if (rule.Count == 0 || after.Count == 0) return 0;
        var lines = Lines(rule);
        var width = column ?? lines.Max();
        var last = TextCleaner.Compact(rule[^1].Text);
        if (!open && lines.Count < 2 || lines[^1] < width - (open ? 2.0 : 1.0) || last.Length == 0 || Closes(last[^1])) return 0;
        // Line by line; a line of two pieces is two cells' unless the space stands after a mark (Chromium writes one
        // after a full-width "；" inside a cell: "化；" "（2分）③资金使用…").
        var ends = new List<int>();
        for (var n = 0; n < after.Count; n++)
            if (n + 1 == after.Count || !after[n + 1].SameLine) ends.Add(n + 1);
        for (var (i, start) = (0, 0); i < ends.Count && !after[start].SameLine; start = ends[i++])
        {
            var line = after[start..ends[i]];
            // Nor one inside a clause's points, which pdftotext writes apart ("措施；（1" "分）").
            if (Enumerable.Range(1, line.Count - 1).Any(j => TextCleaner.Compact(line[j - 1].Text) is not { Length: > 0 } t ||
                    !("，；。、：）)".Contains(t[^1]) || char.IsAsciiDigit(t[^1]) && line[j].Text.StartsWith('分'))))
                return 0;
            // (The mark and the space after it print narrower than a character and a quarter em each.)
            var lineWidth = Lines(line)[0] - 1.25 * (line.Count - 1);
            if (lineWidth > width + 0.5) return 0;
            var text = TextCleaner.Compact(line[^1].Text);
            var nextWidth = i + 1 < ends.Count ? Lines(after[ends[i]..ends[i + 1]])[0] : 0;
            // (A line the next line's first character would have fitted on ends its cell: a cell wraps only when full.)
            // (Nor does a clause's points "（1分）" with no next clause "②…" after it.)
            var room = i + 1 < ends.Count && after[ends[i]].Text.Trim() is { Length: > 0 } nextText &&
                       (lineWidth + TextCleaner.DisplayWidth(nextText[..1]) / 2.0 <= width + 0.25 ||
                        (text.EndsWith("分）", StringComparison.Ordinal) || text.EndsWith("分)", StringComparison.Ordinal)) && nextText[0] is not (>= '①' and <= '⑳'));
            if (text.Length > 0 && Closes(text[^1]) && (i + 1 == ends.Count || lineWidth < width - 2.0 || room || nextWidth > width + 0.5))
                return ends[i];
            if (lineWidth < width - 2.0) return 0;
        }
        return 0;
    }

    /// <summary>
    /// How many of the pieces after a row's 自评得分 are the rest of its 指标解释 and then of its 评分规则, where both stop
    /// mid-sentence on a full line before the row's figures: the explanation's lines (no wider than its widest line before
    /// the figures) up to one that ends it, then the rule's (no wider than the table's widest rule line) up to one that
    /// ends the rule as <see cref="RuleGoesOn"/> finds it. (0, 0) where they do not run so.
    /// </summary>
    private static (int Explanation, int Rule) ExplanationAndRuleGoOn(List<Piece> before, List<Piece> rule, List<Piece> after, double ruleWidth)
    {
        if (before.Count == 0 || rule.Count == 0 || after.Count == 0 || before[^1].SameLine) return (0, 0);
        var ruleLines = Lines(rule);
        var ruleLast = TextCleaner.Compact(rule[^1].Text);
        if (ruleLines[^1] < ruleWidth - 2.0 || ruleLast.Length == 0 || Closes(ruleLast[^1]) || ruleLast[^1] == '。') return (0, 0);
        // The explanation's last line before the figures: as wide as the widest line before them, and mid-sentence.
        var width = Lines(before).Max();
        var explanationLast = TextCleaner.Compact(before[^1].Text);
        if (before[^1].Width < width - 1.0 || explanationLast.Length == 0 || "。）)".Contains(explanationLast[^1])) return (0, 0);
        var ends = new List<int>();
        for (var n = 0; n < after.Count; n++)
            if (n + 1 == after.Count || !after[n + 1].SameLine) ends.Add(n + 1);
        var explanation = 0;
        for (var (i, start) = (0, 0); i < ends.Count; start = ends[i++])
        {
            if (ends[i] - start > 1 || after[start].SameLine || after[start].Width > width + 0.5) return (0, 0);
            var text = TextCleaner.Compact(after[start].Text);
            if (text.Length == 0) return (0, 0);
            if (text[^1] is '。' or '）' or ')')
            {
                explanation = ends[i];
                break;
            }
            if (after[start].Width < width - 2.0) return (0, 0);
        }
        if (explanation == 0) return (0, 0);
        var rest = RuleGoesOn(rule, after[explanation..], ruleWidth, open: true);
        return rest > 0 ? (explanation, rest) : (0, 0);
    }

    /// <summary>
    /// How many of the pieces after a row's 自评得分 are its 备注 and then the rest of its 指标解释, where the dump wrote the
    /// note's lines (the first on the score's line) before the explanation's last ones (Chromium's words: "…控制情况，是" /
    /// "11 …" / "10 部分目" / "标未完" / "全实现" / "否为达到项目质量要求" / "而采取了必需的措施。"): the explanation's last line
    /// before the figures fills its column and stops mid-sentence; the note's lines are no wider than its first; then lines
    /// no wider than the explanation's column, the first wider than the note's, full but the last, which ends the sentence.
    /// (0, 0) where they do not run so.
    /// </summary>
    private static (int Note, int Explanation) NoteThenExplanationGoOn(List<Piece> before, List<Piece> after)
    {
        if (before.Count == 0 || after.Count < 2 || before[^1].SameLine || !after[0].SameLine) return (0, 0);
        // (The widest piece, not line: Writer writes a top-aligned row's name and explanation on one line.)
        var width = before.Max(p => p.Width);
        var last = TextCleaner.Compact(before[^1].Text);
        if (before[^1].Width < width - 1.0 || last.Length == 0 || "。）)；".Contains(last[^1])) return (0, 0);
        var note = 1;
        while (note < after.Count && !after[note].SameLine && after[note].Width <= after[0].Width + 0.5) note++;
        for (var n = note; n < after.Count; n++)
        {
            if (after[n].SameLine || n == note && after[n].Width <= after[0].Width + 0.5 || after[n].Width > width + 0.5) return (0, 0);
            var text = TextCleaner.Compact(after[n].Text);
            if (text.Length == 0) return (0, 0);
            if (text[^1] is '。' or '）' or ')') return (note, n + 1 - note);
            if (after[n].Width < width - 2.0) return (0, 0);
        }
        return (0, 0);
    }

    /// <summary>A mark a 评分规则 ends with (not "；": a clause of a numbered rule ends so, and its points "（2分）" follow).</summary>
    private static bool Closes(char c) => c is '。' or '）' or ')' or '！';

    /// <summary>The pieces before a row's 权重: before a section label (the 备注 of the row above), the label, and the rest.</summary>
    private sealed record RowTexts(List<Piece> Lead, List<Piece>? Section, List<Piece> Rest, int Table);

    /// <summary>A row's text cut into its cells: the 备注 of the row above (if any), 指标名称, 指标解释.</summary>
    private sealed record RowCut(List<Piece>? Note, List<Piece> Name, List<Piece> Explanation);

    /// <summary>
    /// A section label among a row's leading pieces: the run that ends in its weight ("(24" / "分)") and whose name has
    /// at least two characters, taking in the lines before it that fill the label's column (<paramref name="width"/>,
    /// where known) as a wrapped label's lines do. Its widest line comes with it.
    /// </summary>
    private (int Start, int Count, double Width)? SectionAt(List<Piece> before, double? width)
    {
        for (var j = 0; j < before.Count; j++)
        {
            var close = TextCleaner.Compact(before[j].Text);
            if (!close.EndsWith("分)", StringComparison.Ordinal) && !close.EndsWith("分）", StringComparison.Ordinal)) continue;
            for (var s = j; s >= 0 && j - s < 6; s--)
            {
                if (before[s].SameLine) continue;
                var text = string.Concat(before[s..(j + 1)].Select(p => TextCleaner.Compact(p.Text)));
                if (SectionLabel().Match(text) is not { Success: true } m || m.Groups[1].Value.Length < 2) continue;
                var widest = before[s..(j + 1)].Max(p => p.Width);
                var column = Math.Max(widest, width ?? widest);
                // A line before the label is its own where it fits the column and is as full as the label's own lines: a
                // wrapped label's lines but its last are (the column is the widest label's, so "项目" / "效益" / "(44" /
                // "分)" in a column of three counts by its own lines), and no line of it is shorter than the one after
                // (a note's short last line, "现" before "过程", is the note's).
                bool Wraps(double line, double next) =>
                    line <= column + 0.25 && line >= next - 0.25 && (line >= column - 0.75 || line >= widest - 0.25);
                var starts = new List<(int Start, string Text, double Widest)> { (s, text, widest) };
                // (Nor one narrower than a full line above it, which it would then end: "未完" / "全实" / "现" above "过" /
                // "程" / "(12" / "分)" in a column one character wide is a 备注's, two wide. A line above that is short
                // itself had ended its cell: "部分资金" / "未支付" / "产出" / "与效".)
                bool EndsTheLineAbove(int j) => j > 1 && !before[j - 2].SameLine && before[j - 1].Width < before[j - 2].Width - 0.25 &&
                                                (j == 2 || before[j - 3].SameLine || before[j - 2].Width >= before[j - 3].Width - 0.25);
                while (s > 0 && !before[s].SameLine && !before[s - 1].SameLine && Wraps(before[s - 1].Width, before[s].Width) &&
                       !EndsTheLineAbove(s) &&
                       SectionLabel().IsMatch(TextCleaner.Compact(before[s - 1].Text) + text))
                {
                    s--;
                    text = TextCleaner.Compact(before[s].Text) + text;
                    widest = Math.Max(widest, before[s].Width);
                    starts.Add((s, text, widest));
                }
                // Lines as wide as the label's column pass for its own: a 备注 of the row above ("部分目" / "标未完" /
                // "全实现") wraps in a column as narrow. Where the widest wrap is longer than any section's name and one
                // of the shorter cuts leaves a label the template is known to print, the longest such is the label; a
                // known name one or two lines above a label cut short by a narrower line ("投入与" / "管理") is too.
                // Otherwise the widest wrap, as before.
                var known = matcher.Model.Sections;
                if (known.Count > 0)
                {
                    for (var (t, more) = (s, text); t > 0 && s - t < 2 && !before[t].SameLine && !before[t - 1].SameLine;)
                    {
                        t--;
                        more = TextCleaner.Compact(before[t].Text) + more;
                        if (SectionLabel().Match(more) is { Success: true } beyond && known.Contains(beyond.Groups[1].Value))
                            starts.Add((t, more, Math.Max(widest, before[t..s].Max(p => p.Width))));
                    }
                    // (A shorter known name under a wrap that could be a label itself, "产出与" / "效果", is not taken.)
                    var wrapped = SectionLabel().Match(text).Groups[1].Value.Length;
                    if (starts.FindLastIndex(c => SectionLabel().Match(c.Text) is { Success: true } m2 && known.Contains(m2.Groups[1].Value)) is >= 0 and var at &&
                        (starts[at].Start <= s || wrapped > MaxSectionName))
                        (s, widest) = (starts[at].Start, starts[at].Widest);
                }
                return (s, j + 1 - s, widest);
            }
        }
        // A label a page break cut inside its weight ("过程" / "(9" here, "分)" atop the next page): whole up to its digits.
        for (var j = 1; j < Math.Min(before.Count, 6); j++)
        {
            if (before[j].SameLine || !OpenWeight().IsMatch(TextCleaner.Compact(before[j].Text))) continue;
            var text = string.Concat(before[..(j + 1)].Select(p => TextCleaner.Compact(p.Text)));
            if (!before[0].SameLine && OpenLabel().Match(text) is { Success: true } m && m.Groups[1].Value.Length >= 2)
                return (0, j + 1, before[..(j + 1)].Max(p => p.Width));
        }
        return null;
    }

    /// <summary>A section weight or a piece of one wrapped in a narrow cell: "(32分)", "(32", "分)".</summary>
    private static bool PieceOfWeight(string text) =>
        TextCleaner.Compact(text) is var t && (SectionWeightAlone().IsMatch(t) || OpenWeight().IsMatch(t) || t is "分)" or "分）");

    /// <summary>How many of the pieces' first lines are a section weight alone ("(22" / "分)", "（22分）"); 0 if none.</summary>
    private static int WeightAlone(List<Piece> before)
    {
        if (before.Count == 0 || before[0].SameLine) return 0;
        var first = TextCleaner.Compact(before[0].Text);
        if (SectionWeightAlone().IsMatch(first)) return 1;
        // ("(21" / "分)" on two lines, or on one a space apart.)
        return before.Count > 1 && OpenWeight().IsMatch(first) && TextCleaner.Compact(before[1].Text) is "分)" or "分）" ? 2 : 0;
    }

    [GeneratedRegex(@"^[(（]\d+(\.\d+)?分[)）]$")]
    private static partial Regex SectionWeightAlone();

    /// <summary>The longest 一级指标 name a wrap is taken for without the model's list ("投入与管理", "社会效益指标").</summary>
    private const int MaxSectionName = 6;

    [GeneratedRegex(@"^[(（]\d+(\.\d+)?$")]
    private static partial Regex OpenWeight();

    /// <summary>A piece ending in a clause's points cut before their 分 ("…措施；（2", "(21").</summary>
    [GeneratedRegex(@"[(（]\d+(\.\d+)?$")]
    private static partial Regex OpenPoints();

    [GeneratedRegex(@"^([^()（）\d；;。，,、：:]+)[(（]\d+(?:\.\d+)?$")]
    private static partial Regex OpenLabel();

    /// <summary>
    /// The widths of the 指标名称 and 指标解释 columns: of the widths the rows' lines suggest, the pair under which the
    /// most rows can be cut with every cell's lines but its last full, each row counting less the worse its lines fill
    /// them; of pairs as good, the narrowest.
    /// </summary>
    private static (double Name, double Explanation) Widths(List<RowTexts> texts, double? noteWidth)
    {
        var candidates = texts.SelectMany(t => Lines(t.Rest)).Select(w => Math.Round(w * 2) / 2).Distinct().Order().Append(double.PositiveInfinity).ToList();
        var best = (Name: double.PositiveInfinity, Explanation: double.PositiveInfinity);
        var bestScore = double.NegativeInfinity;
        foreach (var n in candidates)
            foreach (var e in candidates)
            {
                // (Rows cut without a 备注 only: a note can make almost any row cut under almost any widths.)
                var (count, slack) = (0, 0.0);
                foreach (var t in texts)
                    if (Best(t, false, n, e, noteWidth) is { } cut) (count, slack) = (count + 1, slack + cut.Slack);
                // Rows cut, each less what its lines miss the widths by: widths too narrow or too wide still cut some
                // rows, but badly.
                var score = count - 0.25 * slack;
                if (score > bestScore + 1e-9 || Math.Abs(score - bestScore) < 1e-9 && n + e < best.Name + best.Explanation)
                    (best, bestScore) = ((n, e), score);
            }
        return best;
    }

    /// <summary>
    /// The rows cut into runs of two rows or more, each under the widths its own rows suggest, for the most rows cut less
    /// <see cref="RunCost"/> for each run after the first; each row's widths and that score.
    /// </summary>
    private static (double Score, List<(double Name, double Explanation)> Widths)? Runs(List<RowTexts> texts, double? noteWidth,
        Func<IEnumerable<RowTexts>, (double Name, double Explanation), int> cutUnder)
    {
        var n = texts.Count;
        var best = new (double Score, int From)[n + 1];
        best[0] = (0, -1);
        var runWidths = new Dictionary<(int, int), (double Name, double Explanation)>();
        for (var j = 1; j <= n; j++)
        {
            best[j] = (double.NegativeInfinity, -1);
            for (var i = 0; i + 2 <= j; i++)
            {
                if (double.IsNegativeInfinity(best[i].Score)) continue;
                var w = runWidths[(i, j)] = Widths(texts[i..j], noteWidth);
                var score = best[i].Score + cutUnder(texts[i..j], w) - (i > 0 ? RunCost : 0);
                if (score > best[j].Score) best[j] = (score, i);
            }
        }
        if (double.IsNegativeInfinity(best[n].Score)) return null;
        var widths = new (double Name, double Explanation)[n];
        for (var j = n; j > 0; j = best[j].From)
            for (var k = best[j].From; k < j; k++) widths[k] = runWidths[(best[j].From, j)];
        return (best[n].Score, [.. widths]);
    }

    /// <summary>What a run of other widths must gain in rows cut over all of them under one pair (less than two rows).</summary>
    private const double RunCost = 1.5;

    /// <summary>
    /// The one cut of a row's text into [备注 of the row above] 指标名称 指标解释 under which every cell's lines but the
    /// last fill its column best; null where there is none, or two as good.
    /// </summary>
    private static RowCut? Cut(RowTexts texts, bool noteAllowed, double nameWidth, double explanationWidth, double? noteWidth, bool remarked) =>
        Best(texts, noteAllowed, nameWidth, explanationWidth, noteWidth, remarked)?.Cut;

    /// <summary>
    /// The cut of a row's text with its cost. Where the row above lost points (remarked), its 备注 most likely says
    /// why ("部分目标未完全实现"): a note that reads as a remark then costs only its lines (the remark ends where it is
    /// whole, not a line into the name below it), one that does not (a remark cut short) as much as a note of a column
    /// never seen, a name that reads as one (the remark run into it) <see cref="RemarkInName"/>. A name is never one
    /// character.
    /// </summary>
    private static (RowCut Cut, double Slack)? Best(RowTexts texts, bool noteAllowed, double nameWidth, double explanationWidth, double? noteWidth,
                                                    bool remarked = false)
    {
        var rest = texts.Rest;
        if (rest.Count < 2) return null;
        var found = new List<(RowCut Cut, double Slack)>();
        for (var a = 0; a <= (noteAllowed ? rest.Count - 2 : 0); a++)
        {
            // A piece on the line of the row above's 自评得分 is that row's 备注 (the two cells aligned alike): a cut
            // without a note is then no cut. Otherwise a note costs a little (most rows have none): a narrow 备注's lines
            // may pass for a wider name's, but they fill that column worse than their own.
            if (a == 0 && noteAllowed && rest[0].SameLine) continue;
            var note = 0.0;
            if (a > 0)
            {
                if (Slack(rest[..a], noteWidth ?? Lines(rest[..a]).Max()) is not { } ns) continue;
                note = ns + (remarked && Remarks.SaysWhatHappened(string.Concat(rest[..a].Select(p => p.Text)))
                    ? 0.5 * Lines(rest[..a]).Count
                    : noteWidth is null || remarked ? 4.0 : 1.5);
            }
            for (var b = a + 1; b < rest.Count; b++)
            {
                var name = string.Concat(rest[a..b].Select(p => p.Text));
                if (TextCleaner.Compact(name).Length >= 2 && Slack(rest[a..b], nameWidth) is { } s1 && Slack(rest[b..], explanationWidth) is { } s2)
                    found.Add((new RowCut(a > 0 ? rest[..a] : null, rest[a..b], rest[b..]),
                        note + s1 + s2 + (noteAllowed && remarked && Remarks.SaysWhatHappened(name) ? RemarkInName : 0)));
            }
        }
        if (found.Count == 0) return null;
        var ordered = found.OrderBy(f => f.Slack).ToList();
        return ordered.Count > 1 && ordered[1].Slack - ordered[0].Slack < 0.5 ? null : ordered[0];
    }

    /// <summary>
    /// What a 指标名称 that reads as a remark costs, below a row that lost points (a narrow 备注 of that row,
    /// "部分目标未完全实现", fills its lines as a name in a column as narrow would): where the two cuts fill their columns
    /// alike, the remark goes to the 备注.
    /// </summary>
    private const double RemarkInName = 3.0;

    /// <summary>
    /// How far a cell's lines but its last stand from the column's width, or null where one falls more than two em
    /// short (the column had room for more: the cell ends there) or any line overflows the column.
    /// </summary>
    private static double? Slack(List<Piece> run, double width)
    {
        var lines = Lines(run);
        // Text of one cell has no space between two CJK characters: a space there is more likely two cells' boundary.
        double slack = Enumerable.Range(1, run.Count - 1).Count(k => run[k].SameLine && EndsCjk(run[k - 1].Text) && StartsCjk(run[k].Text));
        if (double.IsPositiveInfinity(width)) return lines.Count == 1 ? slack : null;
        var starts = run.Where(p => !p.SameLine).Select(p => TextCleaner.Compact(p.Text)).ToList();
        if (run.Count > 0 && run[0].SameLine) starts.Insert(0, TextCleaner.Compact(run[0].Text));
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] > width + 0.5) return null;
            if (i == lines.Count - 1) break;
            if (lines[i] < width - Shortfall(i + 1 < starts.Count ? starts[i + 1] : "")) return null;
            slack += Math.Abs(width - lines[i]);
        }
        return slack;
    }

    /// <summary>
    /// How much shorter than its column a wrapped line may end: less than the character that went to the next line
    /// where that is an ideograph a mark may not follow alone (it would have fitted in a whole em); two em where the next line
    /// opens with a figure, a latin word or a mark, which the line breaker moves down with what stands before it.
    /// </summary>
    private static double Shortfall(string next) =>
        next.Length >= 1 && next[0] is >= '\u4E00' and <= '\u9FFF' && (next.Length == 1 || !"，。、；：）)！？”’".Contains(next[1])) ? 0.75 : 2.0;

    private static bool EndsCjk(string text) => text.Length > 0 && text[^1] > 0x2E80;

    private static bool StartsCjk(string text) => text.Length > 0 && text[0] > 0x2E80;

    /// <summary>The widths of a run's lines (pieces on one line a quarter em apart).</summary>
    private static List<double> Lines(List<Piece> run)
    {
        var widths = new List<double>();
        foreach (var p in run)
            if (p.SameLine && widths.Count > 0) widths[^1] += 0.25 + p.Width;
            else widths.Add(p.Width);
        return widths;
    }

    /// <summary>A bare figure of the table (a 权重 or 自评得分): digits alone, at most 100.</summary>
    private static decimal? Bare(string text)
    {
        var t = TextCleaner.Compact(text);
        return BareFigure().IsMatch(t) && decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v <= 100 ? v : null;
    }

    /// <summary>
    /// A piece that is a row's figure: bare, and not a number inside a sentence ("（ 8 分）", "得 4 分" written with
    /// spaces around the digit).
    /// </summary>
    private static bool IsFigure(List<Piece> pieces, int k)
    {
        if (Bare(pieces[k].Text) is null) return false;
        var before = pieces[k].SameLine && k > 0 ? TextCleaner.Compact(pieces[k - 1].Text) : "";
        var after = k + 1 < pieces.Count && pieces[k + 1].SameLine ? TextCleaner.Compact(pieces[k + 1].Text) : "";
        return !(before.Length > 0 && "（(得扣第约计".Contains(before[^1]) || after.Length > 0 && "分%％个.".Contains(after[0]));
    }

    /// <summary>A cell of pieces: a wrapped cell's lines joined by line breaks, pieces of one line by a space.</summary>
    private static RawCell Cell(IEnumerable<RawCell> pieces, int column, IEnumerable<bool> sameLine)
    {
        var list = pieces.ToList();
        var same = sameLine.ToList();
        var text = new StringBuilder();
        for (var k = 0; k < list.Count; k++)
        {
            if (k > 0) text.Append(same[k] ? ' ' : '\n');
            text.Append(list[k].Text.Trim());
        }
        return new RawCell(text.ToString(), list[0].Source with { Col = column, Text = text.ToString() }) { Columns = list[0].Columns };
    }

    private static RawCell Empty(RawCell like, int column) => new("", like.Source with { Col = column, Text = "" });

    [GeneratedRegex(@"^(.*分[)）])(\d{1,3}(?:\.\d+)?)$")]
    private static partial Regex GluedScore();

    /// <summary>A figure of up to three digits run into a text that opens with a clause mark or a character no count takes after it.</summary>
    [GeneratedRegex(@"^(\d{1,3}(?:\.\d+)?)((?:[①-⑩]|项目|(?![分个次人天年月日项家万元件份户名台套批期场所条篇小时位座处倍层米])\p{IsCJKUnifiedIdeographs}).*)$")]
    private static partial Regex LeadingFigure();

    [GeneratedRegex(@"^\d{1,3}(\.\d+)?$")]
    private static partial Regex BareFigure();

    [GeneratedRegex(@"^([^()（）\d；;。，,、：:]+)[(（]\d+(?:\.\d+)?分[)）]$")]
    private static partial Regex SectionLabel();
}
