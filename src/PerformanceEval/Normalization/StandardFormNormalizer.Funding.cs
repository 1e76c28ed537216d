using PerformanceEval.Diagnostics;
using PerformanceEval.Tables;
using PerformanceEval.Templates;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;

namespace PerformanceEval.Normalization;

public sealed partial class StandardFormNormalizer
{
    private static void ReadFundingLine(FormBuilder b, RawRow row, int ri, int labelIndex, string kind,
        ColumnMap? columns)
    {
        var after = row.Cells.Skip(labelIndex + 1).ToList();
        var trust = row.Origin is RowOrigin.Markdown or RowOrigin.Tsv or RowOrigin.Html or RowOrigin.RuledGrid or RowOrigin.LayoutGrid;
        var line = FundingReader.Read(b, kind, after, ri, columns, trust);
        Assign(b, kind, line);
    }

    /// <summary>
    /// Two funding lines in one scanned row, the rule between them lost: the label cell holds both labels, line under
    /// line ("年度资金总额" over "其中;当年财" "政拨款"), and each amount cell a figure a line ("7806281.00" over
    /// "7806281.00"). The row is parted into its lines, each cell's lines given in order; a cell of one line under 分值,
    /// 执行率 or 得分 is the first line's (the template prints them on 年度资金总额), an amount of one line or a cell of
    /// another count of lines is no line's and left unread, said so. Null where the row is not so (a single label, a
    /// label of lines that are no labels, lines out of the template's order).
    /// </summary>
    private List<(RawRow Part, int LabelAt, string Kind)>? PartedFundingLines(FormBuilder b, RawRow row, int ri, ColumnMap columns)
    {
        for (var i = 0; i < row.Cells.Length; i++)
        {
            var cell = row.Cells[i];
            if (cell.Source.Confidence is null || !cell.Text.Contains('\n') || LabelGroups(cell.Text) is not { Count: >= 2 } groups) continue;
            var parts = groups.Select(g => new List<RawCell>(row.Cells.Take(i)) { cell with { Text = g.Text } }).ToList();
            foreach (var other in row.Cells.Skip(i + 1))
            {
                var lines = other.Text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
                var kind = columns.KindOf(other);
                var firstOnly = lines.Count == 1 && kind is "HdrWeight" or "ColRate" or "HdrScore";
                var unread = lines.Count > 0 && lines.Count != groups.Count && !firstOnly;
                for (var k = 0; k < parts.Count; k++)
                {
                    var text = unread ? "" : lines.Count == groups.Count ? lines[k] : firstOnly && k == 0 ? lines[0] : "";
                    parts[k].Add(other with { Text = text });
                }
                if (unread)
                    b.Warn(DiagnosticCodes.AmountColumnUnknown,
                        $"两条资金行落在同一行，“{TextCleaner.Clean(other.Text)}”有 {lines.Count} 行文字，属于哪一条资金行无法确定，未读取",
                        other, ri, FundingReader.PathOf(groups[0].Kind));
            }
            b.Warn(DiagnosticCodes.RowsParted,
                $"“{string.Join("”与“", groups.Select(g => g.Text))}”两条资金行之间的表格线未识别，按单元格中的文字行拆为 {groups.Count} 行读取",
                cell, ri, FundingReader.PathOf(groups[0].Kind));
            return [.. parts.Select((cells, k) => (row with { Cells = [.. cells] }, i, groups[k].Kind))];
        }
        return null;
    }

    /// <summary>
    /// A label cell's lines as funding labels in the template's order, each of one line or more (a label wrapped:
    /// "其中;当年财" "政拨款"); null where a line is left over or the labels are not consecutive lines of the template.
    /// </summary>
    private List<(string Text, string Kind)>? LabelGroups(string text)
    {
        var lines = text.Split('\n').Select(l => TextCleaner.Clean(l)).OfType<string>().Where(l => l.Length > 0).ToList();
        var groups = new List<(string Text, string Kind)>();
        var acc = "";
        for (var k = 0; k < lines.Count; k++)
        {
            acc += lines[k];
            var m = matcher.Match(acc, FundingLineKinds);
            // A wrapped label reads as its first piece too ("其中;当年财"): the longer reading, where it is as good, wins.
            if (m is not { Score: >= 0.9 } || k + 1 < lines.Count && matcher.Match(acc + lines[k + 1], FundingLineKinds) is { } longer &&
                longer.Kind == m.Kind && longer.Score >= m.Score)
                continue;
            groups.Add((acc, m.Kind));
            acc = "";
        }
        if (acc.Length > 0 || groups.Count < 2) return null;
        var order = groups.Select(g => Array.IndexOf(FundingLineKinds, g.Kind)).ToList();
        return order.Zip(order.Skip(1)).All(p => p.Second == p.First + 1) ? groups : null;
    }

    /// <summary>
    /// Rows of a funding line's figures whose label a text dump wrote elsewhere (Calc's PDF through pdftotext -raw writes
    /// a wrapped "其中：当年财" / "政拨款" after the table), or whose label names no line of the template (a table's row
    /// whose label was garbled, or glued to other words): the template's lines come in one order (年度资金总额,
    /// 当年财政拨款, 上年结转资金, 其他资金), so the rows between two lines read by their labels are the lines missing
    /// between them, when there are as many rows as lines missing — always with a warning. Else each row is reported
    /// unread. <paramref name="next"/>: the line read by its label after them, or null at the block's end.
    /// </summary>
    private void ReadUnlabelledFunding(FormBuilder b, ReadState state, string? next)
    {
        if (state.UnlabelledFunding.Count == 0) return;
        var order = FundingLineKinds;
        var from = state.LastFundingKind is { } last ? Array.IndexOf(order, last) + 1 : 0;
        var to = next is null ? order.Length : Array.IndexOf(order, next);
        var missing = order.Take(to).Skip(from).Where(k => LineOf(b, k) is null or { IsEmpty: true }).ToList();
        var rows = state.UnlabelledFunding.ToList();
        state.UnlabelledFunding.Clear();
        if (missing.Count != rows.Count)
        {
            foreach (var (row, ri) in rows)
                b.Warn(DiagnosticCodes.RowLost, $"资金行没有可识别的标签（标签折行写在别处，或不是模板的资金行），无从判定是哪一行，未读取：“{RowText.Joined(row)}”", RowText.NonEmpty(row).First(), ri);
            return;
        }
        foreach (var ((row, ri), kind) in rows.Zip(missing))
        {
            ReadFundingLine(b, row, ri, -1, kind, state.FundingColumns);
            state.FundingLinesRead[kind] = row.Origin is RowOrigin.Layout;
            var label = matcher.Model.Labels[kind][0];
            b.Warn(DiagnosticCodes.ValueAwayFromLabel, $"资金行“{RowText.Joined(row)}”没有可识别的标签（标签折行写在别处，或不是模板的资金行）；按其在各资金行中的位置读作“{label}”",
                RowText.NonEmpty(row).First(), ri, FundingReader.PathOf(kind));
        }
    }

    /// <summary>
    /// Amounts written after the table ("8791116." / "98": a cell Calc wrapped in its narrow column, written last by
    /// pdftotext -raw) and a plain line's amounts whose columns its order left open, placed by
    /// <see cref="WrappedAmounts"/>: in the table's order, where the 执行率 and the columns' sums hold best. Each placed
    /// amount is said to have been read away from its cell, or placed by the arithmetic.
    /// </summary>
    private List<(RawRow Row, int Index)> TakeAmounts(FormBuilder b, ReadState state, List<(RawRow Row, int Index)> left)
    {
        // Only a plain text writes a wrapped cell away from its line; a ruled page's or an HTML table's figure after the
        // table (a footer's) is no amount of its funding block.
        if (!state.FundingLinesRead.Values.Any(plain => plain)) return left;
        var kinds = FundingLineKinds;
        var items = new List<(decimal Value, List<(RawRow Row, int Index)> Pieces, int? Line)>();
        for (var k = 0; k < left.Count; k++)
        {
            var cells = RowText.NonEmpty(left[k].Row).ToList();
            // A wrapped label written with its wrapped amount ("年度资金总⏎额 4874919.0⏎0"): the amount is that line's.
            int? line = null;
            if (cells.Count == 2 && FundingLineLabel(left[k].Row) is { Index: 0 } label)
            {
                line = Array.IndexOf(kinds, label.Kind);
                cells.RemoveAt(0);
            }
            if (cells.Count != 1 || TextCleaner.Clean(cells[0].Text) is not { } text) continue;
            // A cell already joined over its lines ("1425600.0⏎0"): the figure's pieces as printed.
            if (TextCleaner.Lines(cells[0].Text).Select(x => x.Trim()).Where(x => x.Length > 0).ToList() is [var head, var tail] &&
                BrokenDecimals(head) && tail.Length <= 2 && tail.All(char.IsAsciiDigit))
                text = head + tail;
            var pieces = new List<(RawRow Row, int Index)> { left[k] };
            // "8791116." / "98", "1425600.0" / "0": a figure broken in its narrow cell goes on over the next line.
            if (k + 1 < left.Count && left[k + 1].Index == left[k].Index + 1 && RowText.NonEmpty(left[k + 1].Row).ToList() is [var rest] &&
                TextCleaner.Clean(rest.Text) is { Length: <= 2 } digits && digits.All(char.IsAsciiDigit) && BrokenDecimals(text))
            {
                text += digits;
                pieces.Add(left[k + 1]);
            }
            if (!NumberParser.TryParse(text, out var n) || n.Percent || !(text.Contains('.') || text.Contains(',') || n.Value > 100)) continue;
            items.Add((n.Value, pieces, line));
            k += pieces.Count - 1;
        }
        var lines = kinds.Select(kind =>
        {
            var line = LineOf(b, kind);
            var read = state.FundingLinesRead.TryGetValue(kind, out var plain);
            decimal?[] amounts = [line?.InitialBudget, line?.AnnualBudget, line?.Executed];
            var unplaced = b.UnplacedAmounts.Where(u => u.Kind == kind).Select(u => (decimal?)u.Value).FirstOrDefault();
            return new WrappedAmounts.Line(amounts, line?.ExecutionRate, read,
                ByOrder: plain && kind != kinds[0] && line?.ExecutionRate is null, unplaced);
        }).ToList();
        if (items.Count == 0 && !lines.Any(l => l.ByOrder && l.Amounts is [{ }, { }, null] || l.Unplaced is not null)) return left;
        if (WrappedAmounts.Place(lines, [.. items.Select(i => i.Value)], [.. items.Select(i => i.Line)]) is not { } placement) return left;
        var values = WrappedAmounts.Values(lines, placement.Sources, [.. items.Select(i => i.Value)]);
        string[] fields = ["initialBudget", "annualBudget", "executed"];
        string[] columnLabels = ["年初预算数", "全年预算数", "全年执行数"];
        var placedBy = placement.ByRelations ? "arithmetic" : null;
        var used = new List<(RawRow Row, int Index)>();
        for (var l = 0; l < kinds.Length; l++)
        {
            var sources = placement.Sources[l];
            var path = FundingReader.PathOf(kinds[l]);
            if (sources.All(s => s.Kind is WrappedAmounts.SourceKind.Kept or WrappedAmounts.SourceKind.None) &&
                lines[l].Amounts.Zip(values[l]).All(x => x.First == x.Second)) continue;
            // Amounts moved within their line take where they were read along (all at once: two may trade places).
            var read = Enumerable.Range(0, 3).Where(c => lines[l].Amounts[c] is not null).ToList();
            b.RenameFields(Enumerable.Range(0, 3).Where(c => sources[c].Kind is WrappedAmounts.SourceKind.Moved)
                .ToDictionary(c => $"{path}.{fields[read[sources[c].Index]]}", c => $"{path}.{fields[c]}"));
            var line = LineOf(b, kinds[l]) ?? new Contract.FundingLine();
            line = line with { InitialBudget = values[l][0], AnnualBudget = values[l][1], Executed = values[l][2] };
            SetLine(b, kinds[l], line);
            for (var c = 0; c < 3; c++)
            {
                var field = $"{path}.{fields[c]}";
                switch (sources[c].Kind)
                {
                    case WrappedAmounts.SourceKind.Moved:
                        if (b.Provenance.TryGetValue(field, out var moved)) b.Provenance[field] = moved with { PlacedBy = "arithmetic" };
                        b.Warn(DiagnosticCodes.AssignedByArithmetic,
                            $"资金行的两个金额按顺序无从判定属于哪两列；与年度资金总额各列之和相符的读法：{Printed(values[l][c])} 读作{columnLabels[c]}", null, null, field);
                        break;
                    case WrappedAmounts.SourceKind.Unplaced when b.UnplacedAmounts.FirstOrDefault(u => u.Kind == kinds[l]) is { Cell: { } cell } u:
                        b.From(field, cell, u.Row, placedBy: "arithmetic");
                        b.Warn(DiagnosticCodes.AssignedByArithmetic,
                            $"资金行的金额 {Printed(u.Value)} 按执行率与各列之和读作{columnLabels[c]}", cell, u.Row, field);
                        break;
                    case WrappedAmounts.SourceKind.After:
                        var (value, pieces, _) = items[sources[c].Index];
                        var first = RowText.NonEmpty(pieces[0].Row).Last();
                        b.From(field, first, pieces[0].Index, string.Join("\n", pieces.Select(x => RowText.NonEmpty(x.Row).Last().Text)), placedBy);
                        foreach (var piece in pieces.Skip(1)) b.AlsoFrom(field, RowText.NonEmpty(piece.Row).Last(), piece.Index);
                        used.AddRange(pieces);
                        b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                            $"{matcher.Model.Labels[kinds[l]][0]}的{columnLabels[c]}折行写在表格之后：“{Printed(value)}”按表格的顺序{(placedBy is null ? "" : "与执行率、各列之和")}读作此处",
                            first, pieces[0].Index, field);
                        break;
                }
            }
        }
        return [.. left.Except(used)];
    }

    /// <summary>A figure's text cut at its decimals ("8791116.", "1425600.0"): its last digits are on the next line.</summary>
    private static bool BrokenDecimals(string text) =>
        text.EndsWith('.') || text.Length >= 3 && text[^2] == '.' && char.IsAsciiDigit(text[^1]);

    private static string Printed(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private static void SetLine(FormBuilder b, string kind, Contract.FundingLine line)
    {
        switch (kind)
        {
            case "FundingTotal": b.Total = line; break;
            case "FundingFiscal": b.Fiscal = line; break;
            case "FundingCarryover": b.Carryover = line; break;
            default: b.Other = line; break;
        }
    }

    private static FundingLine? LineOf(FormBuilder b, string kind) => kind switch
    {
        "FundingTotal" => b.Total,
        "FundingFiscal" => b.Fiscal,
        "FundingCarryover" => b.Carryover,
        _ => b.Other,
    };

    /// <summary>A row of nothing but a funding line's figures: amounts and placeholders ("0.00 0.00 —"), an amount among them.</summary>
    private static bool IsUnlabelledFundingRow(RawRow row)
    {
        var cells = RowText.NonEmpty(row).Select(c => TextCleaner.Clean(c.Text) ?? "").ToList();
        return cells.Count >= 2 &&
               cells.All(t => NumberParser.IsPlaceholder(t) || NumberParser.TryParse(t, out _)) &&
               cells.Any(t => NumberParser.TryParse(t, out var n) && !n.Percent && (t.Contains('.') || t.Contains(',') || n.Value > 100));
    }

    /// <summary>A row with an amount among its cells (a figure with decimals, separators or above 100, not a rate).</summary>
    private static bool HoldsAmount(RawRow row) =>
        RowText.NonEmpty(row).Select(c => TextCleaner.Clean(c.Text) ?? "")
            .Any(t => NumberParser.TryParse(t, out var n) && !n.Percent && (t.Contains('.') || t.Contains(',') || n.Value > 100));

    /// <summary>Sets a funding line unless an earlier row already gave it figures (an OCR repeat).</summary>
    internal static void Assign(FormBuilder b, string kind, FundingLine line)
    {
        switch (kind)
        {
            case "FundingTotal" when b.Total is null || b.Total.IsEmpty: b.Total = line; break;
            case "FundingFiscal" when b.Fiscal is null || b.Fiscal.IsEmpty: b.Fiscal = line; break;
            case "FundingCarryover" when b.Carryover is null || b.Carryover.IsEmpty: b.Carryover = line; break;
            case "FundingOther" when b.Other is null || b.Other.IsEmpty: b.Other = line; break;
        }
    }
}
