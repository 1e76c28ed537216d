using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Tables;

/// <summary>
/// Calc's raw text of the criteria template (<c>pdftotext -raw</c> of the PDFs LibreOffice Calc prints). Calc draws a
/// page's one-line cells row by row first — each indicator row on one line: the 指标名称 and 指标解释 that fit on one
/// line, its 权重, a one-line 评分规则, its 自评得分, a one-line 备注 — and every cell that wrapped or spans rows after
/// them, row by row and left to right (the section labels too, printed again atop each page they run over; on the
/// first page the title and the head's wrapped labels come first). So each row's missing cells are known from its line
/// (no text before the 权重: both name and explanation wrapped; one: one of them; nothing between the figures: the rule
/// wrapped), and the page's wrapped lines are cut into those cells in order: where each cell's lines but its last are as
/// wide as its widest (a cell wraps only when its column is full), a rule opens with ① and a section label ends in its
/// weight ("(24分)"). The rows' weights must add up to the 合计's, or the form is left as it was.
/// </summary>
public sealed partial class CriteriaRawTable
{
    private enum Slot { Section, Name, Explanation, NameOrExplanation, Rule, Note }

    /// <summary>What the first cut measured: each column's width (half-width characters), the lines a section label takes.</summary>
    /// <summary>
    /// A line of a page's wrapped text: pieces <c>First</c> to <c>First + Count</c> of its row. A section label's last line
    /// and the first line of the cell drawn after it may share a baseline, and the dump a line ("(6分) 让企业和群众享受规
    /// 范、透明"): two lines of two cells.
    /// </summary>
    private sealed record WrappedLine(int Row, string Text, int First = 0, int Count = int.MaxValue);

    private static IEnumerable<WrappedLine> WrappedLines(int row, List<RawCell> pieces)
    {
        if (pieces.Count >= 2 && TextCleaner.Compact(pieces[0].Text) is { Length: <= 10 } first && SectionWeightEnd().IsMatch(first))
        {
            yield return new WrappedLine(row, pieces[0].Text.Trim(), 0, 1);
            yield return new WrappedLine(row, string.Join(" ", pieces.Skip(1).Select(c => c.Text.Trim())), 1);
        }
        else yield return new WrappedLine(row, string.Join(" ", pieces.Select(c => c.Text.Trim())));
    }

    private sealed record Measured(Dictionary<Slot, int> Widths, int? SectionLines);

    /// <summary>An indicator row written on one line: its cells before the 权重, the figures, what is between and after.</summary>
    private sealed record OneLineRow(int Row, List<RawCell> Lead, RawCell Weight, List<RawCell> Rule, RawCell Score, List<RawCell> Note);

    /// <summary>A page's one-line rows and the document rows of the wrapped cells written after them.</summary>
    private sealed record CalcPage(List<OneLineRow> Rows, List<int> Wrapped);

    /// <summary>A slot of a page's wrapped text: the row it belongs to, the cell it fills, and whether it may stay empty.</summary>
    private sealed record CellSlot(int Row, Slot Kind, bool Optional, decimal Weight);

    /// <summary>
    /// The rows rebuilt from the header to the end of the last page's wrapped cells, the rows written among them that
    /// are no cell of the table (the title, the head's wrapped labels: they go after it, as a form's tail), and the row
    /// after them; null to leave the text as it is.
    /// </summary>
    private (List<RawRow> Rows, List<RawRow> Tail, int End)? CalcBody(ImmutableArray<RawRow> rows, Header header, bool[] laidOut)
    {
        var pages = new List<CalcPage>();
        int? totalRow = null;
        var titleSeen = false;
        var r = header.End;
        for (; r < Math.Min(rows.Length, header.End + 800); r++)
        {
            var row = rows[r];
            if (laidOut[r] || row.Origin is not RowOrigin.Layout) break;
            var cells = RowText.NonEmpty(row).ToList();
            if (cells.Count == 0) continue;
            if (totalRow is null && matcher.Match(cells[0].Text, "Total") is { IsExact: true })
            {
                totalRow = r;
                continue;
            }
            // The header again atop a later page: whole, or its one-line labels ("权重 备注"; the others' pieces come
            // first among the page's wrapped lines, see RepeatedHeaderLines).
            if ((HeaderAt(rows, r, laidOut) ?? OneLineLabels(rows, r)) is { } again)
            {
                if (totalRow is not null) break;
                r = again.End - 1;
                continue;
            }
            if (OneLine(r, cells) is { } one)
            {
                if (totalRow is not null) break;
                if (pages.Count == 0 || pages[^1].Wrapped.Count > 0) pages.Add(new CalcPage([], []));
                pages[^1].Rows.Add(one);
                continue;
            }
            if (pages.Count == 0) return null;
            // The next form: its head written a label and its value a line, or a second title.
            var title = FormSegmenter.IsTitle(RowText.Joined(row));
            if (title && titleSeen || cells.Count >= 2 && CriteriaLayoutTable.HeadKinds.Any(k => Matches(cells[0].Text, k)))
                break;
            titleSeen |= title;
            pages[^1].Wrapped.Add(r);
        }
        if (totalRow is not { } tr || pages.Count == 0) return null;
        var all = pages.SelectMany(p => p.Rows).ToList();
        var totalFigures = RowText.NonEmpty(rows[tr]).Skip(1).Where(c => Bare(c.Text) is not null).ToList();
        if (totalFigures.Count == 0 || all.Sum(o => Bare(o.Weight.Text)!.Value) != Bare(totalFigures[0].Text)) return null;

        // Each page's wrapped lines cut into its rows' missing cells: once by the cells' own shapes, then again knowing
        // each column's width from the cells the first cut found (Calc prints every page at the sheet's widths).
        var work = new List<(List<CellSlot> Slots, List<WrappedLine> Lines, int First)>();
        var pageLines = new List<(List<WrappedLine> Lines, int First)>();
        for (var p = 0; p < pages.Count; p++)
        {
            var lines = pages[p].Wrapped.SelectMany(w => WrappedLines(w, RowText.NonEmpty(rows[w]).ToList())).ToList();
            // Before the first page's first section label: the title and the head's and header's wrapped labels, drawn
            // before the table. The label starts after them: at its weight's line, or the short lines before it that end
            // no printed label ("自评" / "时间" are 自评时间's; "投入" is the section's).
            var (lo, hi) = (0, 0);
            if (p == 0)
            {
                hi = lines.FindIndex(l => SectionWeightEnd().IsMatch(TextCleaner.Compact(l.Text)));
                if (hi < 0) return null;
                lo = hi;
                while (lo > 0 && hi - lo < 4 && LabelPiece(lines[lo - 1].Text) && !EndsLabel(lines, lo - 1)) lo--;
            }
            else lo = RepeatedHeaderLines(lines);
            pageLines.Add((lines, lo));
        }
        // Which rows open a section, from the weights: where the labels found do not lay over the rows' weights, the
        // wrapped lines are not what this reading takes them for (a page of them missing, a dump cut short).
        if (SectionStarts(pages, [.. pageLines.Select(l => l.Lines.Skip(l.First).Select(x => x.Text).ToList())]) is not { } starts) return null;
        var rowIndex = 0;
        for (var p = 0; p < pages.Count; p++)
        {
            var slots = new List<CellSlot>();
            for (var k = 0; k < pages[p].Rows.Count; k++)
            {
                var one = pages[p].Rows[k];
                var i = rowIndex + k;
                var lead = one.Lead.Count;
                // The rows that open a section have their label among the wrapped lines, as has a page's first row where
                // the page prints its section's label again; no other row has.
                var weight = Bare(one.Weight.Text)!.Value;
                if (starts.Rows.Contains(i) || k == 0 && starts.Repeated.Contains(p)) slots.Add(new CellSlot(i, Slot.Section, false, weight));
                if (lead == 0) slots.AddRange([new CellSlot(i, Slot.Name, false, weight), new CellSlot(i, Slot.Explanation, false, weight)]);
                else if (lead == 1) slots.Add(new CellSlot(i, Slot.NameOrExplanation, false, weight));
                if (one.Rule.Count == 0) slots.Add(new CellSlot(i, Slot.Rule, true, weight));
                if (one.Note.Count == 0) slots.Add(new CellSlot(i, Slot.Note, true, weight));
            }
            rowIndex += pages[p].Rows.Count;
            work.Add((slots, pageLines[p].Lines, pageLines[p].First));
        }
        Measured? measured = null;
        var cuts = new List<(List<(CellSlot Slot, int From, int To)> Cells, int Skipped, int Used)>();
        for (var pass = 0; pass < 2; pass++)
        {
            cuts.Clear();
            for (var p = 0; p < work.Count; p++)
            {
                var (slots, lines, lo) = work[p];
                if (Cut([.. lines.Select(l => l.Text)], slots, lo, trailing: p == work.Count - 1, measured) is not { } cut) return null;
                cuts.Add(cut);
            }
            // A column's width: the widest line of its cells of two lines or more, the middle of those. (And the lines a
            // section label takes: the middle of the labels'.)
            var widths = cuts.SelectMany((c, p) => c.Cells.Where(x => x.To - x.From >= 2)
                    .Select(x => (x.Slot.Kind, Width: work[p].Lines[x.From..x.To].Max(l => TextCleaner.DisplayWidth(l.Text)))))
                .GroupBy(x => x.Kind).Where(g => g.Count() >= 2)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Width).Order().ElementAt(g.Count() / 2));
            var spans = cuts.SelectMany(c => c.Cells).Where(x => x.Slot.Kind is Slot.Section).Select(x => x.To - x.From).Order().ToList();
            measured = new Measured(widths, spans.Count >= 2 ? spans[spans.Count / 2] : null);
        }
        var filled = new Dictionary<(int Row, Slot Kind), List<WrappedLine>>();
        var tail = new List<int>();
        for (var p = 0; p < work.Count; p++)
        {
            var (lines, cut) = (work[p].Lines, cuts[p]);
            tail.AddRange(lines.Take(cut.Skipped).Select(l => l.Row));
            foreach (var (slot, from, to) in cut.Cells)
                filled[(slot.Row, slot.Kind)] = lines[from..to];
        }
        // Lines after the last page's last cell are the next form's (its head written values first): left to it.
        if (work[^1] is { Lines: var last } && cuts[^1].Used < last.Count) r = last[cuts[^1].Used].Row;

        var labels = header.Labels;
        int IndexOf(string kind) => labels.FindIndex(l => l.Kind == kind);
        List<RawCell> Pieces(WrappedLine l) => [.. RowText.NonEmpty(rows[l.Row]).Skip(l.First).Take(l.Count)];
        RawCell Wrapped(List<WrappedLine> at, int column) => Cell(at.SelectMany(Pieces), column, at.SelectMany(l => Pieces(l).Select((_, k) => k > 0)));
        var output = new List<RawRow> { new([.. labels.Select((l, c) => Cell([l.Cell with { Text = TextCleaner.Compact(l.Cell.Text) }], c, [false]))], RowOrigin.LayoutGrid, rows[header.Start].Line, rows[header.Start].Block) };
        RawCell? section = null;
        var bothOnLine = all.Where(o => o.Lead.Count >= 2).ToList();
        var nameAtLeast = bothOnLine.Select(o => TextCleaner.DisplayWidth(o.Lead[0].Text.Trim())).DefaultIfEmpty(0).Max();
        var explanationAtLeast = bothOnLine.Select(o => TextCleaner.DisplayWidth(string.Join(" ", o.Lead.Skip(1).Select(c => c.Text.Trim())))).DefaultIfEmpty(0).Max();
        for (var i = 0; i < all.Count; i++)
        {
            var one = all[i];
            var cells = new RawCell?[labels.Count];
            void Put(string kind, RawCell? cell)
            {
                if (IndexOf(kind) is >= 0 and var at && cell is not null) cells[at] = cell with { Source = cell.Source with { Col = at } };
            }
            var lead = one.Lead;
            // (A label printed again atop a page is the section going on.)
            if (filled.TryGetValue((i, Slot.Section), out var label))
                section = Wrapped(label, IndexOf("HdrLevel1")) with { Carried = !starts.Rows.Contains(i) };
            // A section opened at a page's foot whose label the next page prints: that label, its first.
            else if (starts.Deferred.TryGetValue(i, out var labelPage) &&
                     filled.TryGetValue((pages.Take(labelPage).Sum(pg => pg.Rows.Count), Slot.Section), out var later))
                section = Wrapped(later, IndexOf("HdrLevel1"));
            else if (section is not null)
                section = section with { Carried = true };
            Put("HdrLevel1", section);
            if (section is not null) section = section with { Carried = true };
            RawCell? name = null, explanation = null;
            if (lead.Count >= 2)
                (name, explanation) = (Cell([lead[0]], 0, [false]), Cell(lead[1..], 0, lead[1..].Select((_, k) => k > 0)));
            else if (lead.Count == 1 && filled.TryGetValue((i, Slot.NameOrExplanation), out var other))
            {
                // One of the two fitted on the row's line. The one that wrapped is as wide as its column: where the two
                // columns' widths differ, that says which it is; else the explanation is the one that reads as one (a
                // sentence, or what 反映 / 用以 open), else the one that wrapped.
                var wrapped = Wrapped(other, 0);
                var oneLine = Cell([lead[0]], 0, [false]);
                var widest = other.Max(l => TextCleaner.DisplayWidth(l.Text));
                // Where the widths are not known, the rows that wrote both on their line tell how wide each column is
                // at least: a cell that wrapped well short of that is in the other column.
                var (nw, ew) = (measured?.Widths.GetValueOrDefault(Slot.Name) ?? 0, measured?.Widths.GetValueOrDefault(Slot.Explanation) ?? 0);
                bool? byWidth = nw > 0 && ew > 0 && Math.Abs(nw - ew) >= 6 && other.Count >= 2 && Math.Min(Math.Abs(widest - nw), Math.Abs(widest - ew)) <= 2
                    ? Math.Abs(widest - nw) < Math.Abs(widest - ew)
                    : other.Count < 2 ? null
                    : widest + 3 < nameAtLeast && widest + 3 >= explanationAtLeast ? false
                    : widest + 3 < explanationAtLeast && widest + 3 >= nameAtLeast ? true
                    : null;
                var wrappedIsName = byWidth ?? ExplanationLike(oneLine.Text) > ExplanationLike(wrapped.Text);
                (name, explanation) = wrappedIsName ? (wrapped, oneLine) : (oneLine, wrapped);
            }
            else
            {
                if (filled.TryGetValue((i, Slot.Name), out var n)) name = Wrapped(n, 0);
                if (filled.TryGetValue((i, Slot.Explanation), out var e)) explanation = Wrapped(e, 0);
            }
            Put("HdrName", name);
            Put("HdrExplanation", explanation);
            Put("HdrWeight", Cell([one.Weight], 0, [false]));
            Put("HdrRule", one.Rule.Count > 0 ? Cell(one.Rule, 0, one.Rule.Select((_, k) => k > 0)) : filled.TryGetValue((i, Slot.Rule), out var rule) ? Wrapped(rule, 0) : null);
            Put("HdrScore", Cell([one.Score], 0, [false]));
            Put("HdrNote", one.Note.Count > 0 ? Cell(one.Note, 0, one.Note.Select((_, k) => k > 0)) : filled.TryGetValue((i, Slot.Note), out var note) ? Wrapped(note, 0) : null);
            output.Add(new RawRow([.. cells.Select((c, k) => c ?? Empty(one.Weight, k))], RowOrigin.LayoutGrid, rows[one.Row].Line, rows[one.Row].Block));
        }
        var total = new RawCell?[labels.Count];
        var totalLabel = RowText.NonEmpty(rows[tr]).First();
        total[0] = Cell([totalLabel], 0, [false]);
        if (IndexOf("HdrWeight") is > 0 and var w) total[w] = Cell([totalFigures[0]], w, [false]);
        if (IndexOf("HdrScore") is > 0 and var sc && totalFigures.Count >= 2) total[sc] = Cell([totalFigures[1]], sc, [false]);
        output.Add(new RawRow([.. total.Select((c, i) => c ?? Empty(totalLabel, i))], RowOrigin.LayoutGrid, rows[tr].Line, rows[tr].Block));
        return (output, [.. tail.Order().Select(t => rows[t])], r);
    }

    /// <summary>
    /// The header as Calc writes it where most labels wrapped: the labels that fit on one line ("权重 备注", 权重 among
    /// them) alone on a line, an indicator row's line after it. The others are taken as the template prints them, in
    /// its order (their wrapped pieces come with the first page's wrapped cells, before the table's).
    /// </summary>
    private Header? OneLineLabels(ImmutableArray<RawRow> rows, int i)
    {
        var cells = RowText.NonEmpty(rows[i]).ToList();
        if (cells.Count == 0 || i + 1 >= rows.Length || OneLine(i + 1, [.. RowText.NonEmpty(rows[i + 1])]) is null) return null;
        var kinds = cells.Select(c => matcher.Match(c.Text, TableKinds) is { IsExact: true } m ? m.Kind : null).ToList();
        if (kinds.Any(k => k is null) || !kinds.Contains("HdrWeight") || kinds.Distinct().Count() != kinds.Count) return null;
        var labels = TableKinds.Select(kind => kinds.IndexOf(kind) is >= 0 and var at
                ? (kind, cells[at], TextCleaner.DisplayWidth(cells[at].Text.Trim()) / 2.0)
                : (kind, cells[0] with { Text = matcher.Model.Labels[kind][0] }, 0.0))
            .ToList();
        return new Header(i, i + 1, labels);
    }

    /// <summary>
    /// The rows that open a section, and the pages that print a section's label again atop them: the section weights
    /// the wrapped lines hold, page by page in order, laid over the rows' weights (a section's rows add up to its
    /// weight; a page whose first rows go on a section prints its label first again). A section whose rows begin at the
    /// foot of a page and go on over the next may have its label printed on the next page only (Calc centres a merged
    /// cell's text in it, and prints it on the page its middle falls on): its first row is <c>Deferred</c>, with the page
    /// whose first label is its own. Null where the weights do not add up so, or a row printed its label on its own line.
    /// </summary>
    private static (HashSet<int> Rows, HashSet<int> Repeated, Dictionary<int, int> Deferred)? SectionStarts(List<CalcPage> pages, List<List<string>> lines)
    {
        if (pages.Any(p => p.Rows.Any(r => r.Lead.Count > 0 && SectionLabel().IsMatch(TextCleaner.Compact(r.Lead[0].Text))))) return null;
        var (starts, repeated, deferred) = (new HashSet<int>(), new HashSet<int>(), new Dictionary<int, int>());
        var (row, left, current) = (0, 0m, 0m);
        var pageWeights = lines.Select(SectionWeights).ToList();
        for (var p = 0; p < pages.Count; p++)
        {
            var weights = pageWeights[p];
            var q = 0;
            if (left > 0 && q < weights.Count && weights[q] == current)
            {
                repeated.Add(p);
                q++;
            }
            foreach (var one in pages[p].Rows)
            {
                if (left == 0)
                {
                    if (q < weights.Count)
                    {
                        starts.Add(row);
                        (current, left) = (weights[q], weights[q]);
                        q++;
                    }
                    else if (p + 1 < pages.Count && pageWeights[p + 1].Count > 0)
                    {
                        // The label is the next page's first: that page then reads as one printing it again.
                        deferred[row] = p + 1;
                        (current, left) = (pageWeights[p + 1][0], pageWeights[p + 1][0]);
                    }
                    else return null;
                }
                left -= Bare(one.Weight.Text)!.Value;
                if (left < 0) return null;
                row++;
            }
            if (q != weights.Count) return null;
        }
        return left == 0 ? (starts, repeated, deferred) : null;
    }

    /// <summary>The section weights a page's wrapped lines hold, in order.</summary>
    private static List<decimal> SectionWeights(List<string> lines)
    {
        var weights = new List<decimal>();
        for (var k = 0; k < lines.Count; k++)
            if (IsSectionWeightLine(lines, k) && SectionWeightEnd().Match(TextCleaner.Compact(lines[k])) is { Success: true } m &&
                decimal.TryParse(m.Groups[1].Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var w))
                weights.Add(w);
        return weights;
    }

    /// <summary>
    /// A line that is a section label's weight: "(24分)" alone or after the label's name on a short line, or after a
    /// short line ("产出" / "（55分）"); not a rule's points ending a long line.
    /// </summary>
    private static bool IsSectionWeightLine(List<string> lines, int k) =>
        TextCleaner.Compact(lines[k]) is { Length: <= 8 } piece && SectionWeightEnd().IsMatch(piece) &&
        (k == 0 || TextCleaner.Compact(lines[k - 1]).Length <= 6 || SectionLabel().IsMatch(piece));

    private bool Matches(string text, string kind) => matcher.Match(text, kind) is { IsExact: true };

    /// <summary>
    /// Whether the header is followed by indicator rows each on one line with both figures, three of them (or all, up to
    /// the 合计, or up to the form's title, which Calc writes first among the first page's wrapped cells: a first page
    /// whose other rows all wrapped) before any other line: Calc's order. Writer and Chromium write a row's wrapped cells
    /// among its rows, and the title before the table.
    /// </summary>
    private bool RowsFirst(ImmutableArray<RawRow> rows, Header header)
    {
        var count = 0;
        for (var r = header.End; r < rows.Length && count < 3; r++)
        {
            var cells = RowText.NonEmpty(rows[r]).ToList();
            if (cells.Count == 0) continue;
            if (matcher.Match(cells[0].Text, "Total") is { IsExact: true }) return count > 0;
            if (OneLine(r, cells) is null) return count > 0 && FormSegmenter.IsTitle(RowText.Joined(rows[r]));
            count++;
        }
        return count == 3;
    }

    /// <summary>
    /// A line holding an indicator row: at most three texts, its 权重, its rule's text if any, its 自评得分, its note's
    /// text if any — the line's only two bare figures (a section label that fitted on one line may lead it, and the
    /// form is then left to the readers after this one).
    /// </summary>
    private static OneLineRow? OneLine(int row, List<RawCell> cells)
    {
        cells = [.. cells.SelectMany(Unglued)];
        var figures = Enumerable.Range(0, cells.Count).Where(k => Bare(cells[k].Text) is not null).ToList();
        if (figures.Count != 2 || figures[0] > 3 || figures[1] == figures[0]) return null;
        var (w, s) = (figures[0], figures[1]);
        if (Bare(cells[s].Text) > Bare(cells[w].Text)) return null;
        return new OneLineRow(row, cells[..w], cells[w], cells[(w + 1)..s], cells[s], cells[(s + 1)..]);
    }

    /// <summary>
    /// A cell and the figure set so near its end that the dump wrote them as one word ("…的政务服务。9": a full-width
    /// stop's glyph is half blank, and PdfPig's words see no gap after it): two cells, where a sentence mark or a
    /// closing bracket ends the text.
    /// </summary>
    private static IEnumerable<RawCell> Unglued(RawCell cell)
    {
        if (GluedFigure().Match(cell.Text.Trim()) is { Success: true } glued)
        {
            yield return cell with { Text = glued.Groups[1].Value };
            yield return cell with { Text = glued.Groups[2].Value };
        }
        else yield return cell;
    }

    /// <summary>Whether line <paramref name="k"/> ends a printed label of the head or the header with the lines before it.</summary>
    private bool EndsLabel(List<WrappedLine> lines, int k)
    {
        var text = "";
        for (var b = k; b >= 0 && k - b < 4; b--)
        {
            text = TextCleaner.Compact(lines[b].Text) + text;
            if (matcher.Match(text, [.. CriteriaLayoutTable.HeadKinds, .. TableKinds]) is { Score: >= 0.999 }) return true;
        }
        return false;
    }

    /// <summary>
    /// How many of a later page's first wrapped lines are the header's labels printed again atop it, wrapped a piece a
    /// line ("一级" / "指标" / "指标" / "名称" / … / "自评" / "得分"): lines that together spell whole column labels, two
    /// or more. Read as cells they had made "一级" a section and the labels an explanation.
    /// </summary>
    private int RepeatedHeaderLines(List<WrappedLine> lines)
    {
        var labels = TableKinds.SelectMany(k => matcher.Model.Labels[k]).Select(TextCleaner.Compact).Where(l => l.Length > 0).Distinct().ToList();
        var (text, whole) = ("", 0);
        for (var k = 0; k < lines.Count; k++)
        {
            text += TextCleaner.Compact(lines[k].Text);
            var (spelled, complete) = Spells(text, labels);
            if (!spelled) break;
            if (complete) whole = k + 1;
        }
        return whole >= 2 ? whole : 0;
    }

    /// <summary>Whether the text is whole labels one after another, the last perhaps begun only; and whether it ends on a label's end.</summary>
    private static (bool Spelled, bool Complete) Spells(string text, List<string> labels)
    {
        // reach[i]: the text's first i characters are whole labels.
        var reach = new bool[text.Length + 1];
        reach[0] = true;
        var begun = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (!reach[i]) continue;
            foreach (var label in labels)
            {
                if (string.CompareOrdinal(text, i, label, 0, Math.Min(label.Length, text.Length - i)) != 0) continue;
                if (i + label.Length <= text.Length) reach[i + label.Length] = true;
                else begun = true;
            }
        }
        return (reach[text.Length] || begun, reach[text.Length]);
    }

    /// <summary>A short line that may be a section label's first piece ("投入", "投入与"): no figure, no sentence mark.</summary>
    private static bool LabelPiece(string text) =>
        TextCleaner.Compact(text) is { Length: > 0 and <= 6 } t && !t.Any(char.IsDigit) && !t.Any(c => "；;。，,、：:%（(".Contains(c));

    /// <summary>
    /// The page's wrapped lines cut into its slots in order, each cell a run of lines: the cut that costs least (see
    /// <see cref="CellCost"/>), the first cell starting at line <paramref name="first"/> (the lines before it the title's
    /// and the head's wrapped labels), and on the last page lines after the last cell (the next form's) left over.
    /// </summary>
    private static (List<(CellSlot Slot, int From, int To)> Cells, int Skipped, int Used)? Cut(List<string> lines, List<CellSlot> slots, int first,
        bool trailing, Measured? measured)
    {
        const int MaxLines = 14;
        int n = lines.Count, m = slots.Count;
        var cost = new double[n + 1, m + 1];
        var back = new (int Line, int Slot, bool Filled)[n + 1, m + 1];
        for (var j = 0; j <= n; j++)
            for (var s = 0; s <= m; s++)
                cost[j, s] = double.PositiveInfinity;
        cost[first, 0] = 0;
        for (var s = 0; s < m; s++)
            for (var j = 0; j <= n; j++)
            {
                if (double.IsPositiveInfinity(cost[j, s])) continue;
                // (A row may have no rule at all; most have one.)
                if (slots[s].Optional && cost[j, s] + (slots[s].Kind is Slot.Rule ? 1.0 : 0) is var skip && skip < cost[j, s + 1])
                    (cost[j, s + 1], back[j, s + 1]) = (skip, (j, s, false));
                for (var e = j + 1; e <= Math.Min(n, j + MaxLines); e++)
                    if (cost[j, s] + CellCost(slots[s], lines, j, e, measured) is var c && c < cost[e, s + 1])
                        (cost[e, s + 1], back[e, s + 1]) = (c, (j, s, true));
            }
        var end = n;
        if (trailing)
            for (var j = 0; j < n; j++)
                if (cost[j, m] + 0.5 * (n - j) < cost[end, m] + 0.5 * (n - end)) end = j;
        if (double.IsPositiveInfinity(cost[end, m])) return null;
        var cells = new List<(CellSlot, int, int)>();
        var (line, slot) = (end, m);
        while (slot > 0)
        {
            var (from, previous, isFilled) = back[line, slot];
            if (isFilled) cells.Add((slots[previous], from, line));
            (line, slot) = (from, previous);
        }
        cells.Reverse();
        return (cells, line, end);
    }

    /// <summary>
    /// What a run of lines costs as the cell of <paramref name="slot"/>: each line but the last narrower than the widest by
    /// more than a character and a half (the cell would have gone on there), a section label's weight where it should not
    /// be or missing where it should, a clause ② opening a cell or ① opening any line but the first, a comma ending one,
    /// a rule's points that do not add up to its row's weight.
    /// </summary>
    private static double CellCost(CellSlot slot, List<string> lines, int from, int to, Measured? measured)
    {
        var kind = slot.Kind;
        var run = lines[from..to];
        var text = string.Concat(run.Select(TextCleaner.Compact));
        var cost = 0.0;
        // A rule of clauses shares its indicator's 权重 out among them ("①…（2分）②…（1分）" of a 3): of two rows with no
        // rule on their lines, the one whose weight its points add up to (the figure itself is the checker's, not read here).
        if (kind is Slot.Rule && Points().Matches(text) is { Count: >= 2 } clauses &&
            clauses.Sum(c => decimal.Parse(PointsFigure().Match(c.Value).Value, CultureInfo.InvariantCulture)) != slot.Weight)
            cost += 1.5;
        var label = SectionLabel().IsMatch(text);
        // (A label wraps over a line or two; more where its column is narrow, fewer lines being likelier.)
        if (kind is Slot.Section) cost += (label && run.Count <= 5 ? 0 : 8) + (measured?.Widths.GetValueOrDefault(Slot.Section) is > 0 ? 1.0 : 0.4) *
            Math.Max(0, run.Count - (measured?.SectionLines is > 0 and var typical ? typical : 2));
        else if (label || SectionWeightEnd().IsMatch(text) && text.Length <= 10) cost += 6;
        if (text.Length == 0) return cost + 8;
        // Calc draws a cell whose text fits on one line with its row's one-line cells: only a merged section label is
        // written here on a single line.
        if (kind is not Slot.Section && run.Count == 1) cost += 4;
        if (text[0] is > '①' and <= '⑩') cost += 3;
        if (run.Skip(1).Any(l => l.TrimStart().StartsWith('①'))) cost += 2;
        // A section label's weight on a line of its own, or after a short piece of the label ("产出" / "（55分）"), is
        // the label's, never a cell's first lines (a rule's last line may be its points alone, after a long line).
        for (var k = 0; k < run.Count && kind is not Slot.Section; k++)
            if (TextCleaner.Compact(run[k]) is { Length: <= 8 } piece && SectionWeightEnd().IsMatch(piece) &&
                (k == 0 || TextCleaner.Compact(run[k - 1]).Length <= 6))
                cost += 6;
        if (kind is Slot.Rule && text[0] != '①') cost += 0.3;
        // Most rows have no 备注, and a narrow one holds a few words: not a rule's clauses.
        if (kind is Slot.Note) cost += 0.8 + (text.Contains('；') || text.Contains('②') ? 2 : 0) + (run.Max(TextCleaner.DisplayWidth) > 16 ? 1 : 0);
        if (kind is Slot.Name && text.Contains('；')) cost += 1;
        // A clause's points ("（3分）") are a rule's.
        if (kind is Slot.Name or Slot.Explanation or Slot.NameOrExplanation && Points().IsMatch(text)) cost += 1.5;
        if (text[^1] is '，' or '、' or ',') cost += 1;
        if (text[0] is '。' or '，' or '、' or '）' or ')' or '；') cost += 2;
        var lineWidths = run.Select(TextCleaner.DisplayWidth).ToList();
        var widest = lineWidths.Max();
        // (A narrow column wraps a character at a time: a line one character short ended its cell.)
        var slack = widest <= 12 ? 1 : 3;
        for (var k = 0; k + 1 < lineWidths.Count; k++)
            if (lineWidths[k] < widest - slack) cost += 1;
        // The column's width, where the first cut measured it: no line wider (two columns' cells run together), no line
        // but the last well short of it, and a last line that fills it goes on in the next line.
        var widths = measured?.Widths;
        // (Before the widths are known, a cell's own widest line stands for its column's.)
        if (measured is null && run.Count >= 2 && lineWidths[^1] >= widest - 1 && text[^1] is not ('。' or '；' or '）' or ')')) cost += 1.0;
        var column = kind is Slot.NameOrExplanation && widths is not null
            ? new[] { Slot.Name, Slot.Explanation, Slot.NameOrExplanation }.Where(widths.ContainsKey).Select(k => widths[k]).OrderBy(w => Math.Abs(w - widest)).Cast<int?>().FirstOrDefault()
            : widths?.GetValueOrDefault(kind);
        if (column is { } w and > 0)
        {
            if (widest > w + 3) cost += 2;
            // (A cell wraps where its column is full: a wrapped cell far narrower is another column's, "部分目标未完全" /
            // "实现" a narrow 备注's, not a rule's.)
            if (run.Count >= 2 && widest < w - 4) cost += 1.5;
            for (var k = 0; k + 1 < lineWidths.Count; k++)
                if (lineWidths[k] < w - 3) cost += 1;
            if (lineWidths[^1] >= w - 1 && text[^1] is not ('。' or '；' or '）' or ')')) cost += 1.0;
        }
        return cost;
    }

    /// <summary>How much a text reads as a 指标解释 rather than a 指标名称: a sentence, a clause, what explanations open with.</summary>
    private static int ExplanationLike(string text)
    {
        var t = TextCleaner.Compact(text);
        return (t.EndsWith('。') ? 2 : 0) + (t.Contains('，') ? 1 : 0) + (Regex.IsMatch(t, "^(反映|用以|让|是否)") ? 1 : 0) +
               (t.Contains("是否") || t.Contains("情况") ? 1 : 0);
    }

    [GeneratedRegex(@"[(（]\d+(?:\.\d+)?分[)）]")]
    private static partial Regex Points();

    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex PointsFigure();

    [GeneratedRegex(@"[(（](\d+(?:\.\d+)?)分[)）]$")]
    private static partial Regex SectionWeightEnd();

    [GeneratedRegex(@"^(.*[^\d\s(（][。；）)])(\d{1,3}(?:\.\d+)?)$")]
    private static partial Regex GluedFigure();
}
