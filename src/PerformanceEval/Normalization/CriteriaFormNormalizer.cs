using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using PerformanceEval.Tables;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

/// <summary>
/// Maps a criteria-template form (一级指标 with section weight, 指标名称, 指标解释, 权重, 评分规则, 自评得分, 备注)
/// to the contract: label/value pairs above the table, indicator rows by the table's header, the 合计 row, and the
/// grade bands the form prints in its 说明.
/// </summary>
public sealed partial class CriteriaFormNormalizer(LabelMatcher matcher) : IFormNormalizer
{
    private static readonly string[] HeaderKinds =
    [
        "ProjectName", "Department", "ImplementingOffice", "Recurring", "CurrentBudget", "PreviousBudget", "BudgetExecuted",
        "BudgetRate", "AnnualGoal", "EvaluationDate", "Grade", "MainResults", "MainProblems", "Improvements",
    ];
    private static readonly string[] TableKinds = LabelKinds.CriteriaColumns;

    public StageResult<NormalizedForm> Normalize(FormGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var b = new FormBuilder(grid, matcher.Model);
        var total = new FundingLine();
        ColumnMap? columns = null;
        string? section = null;
        (RawCell Cell, int Row)? sectionCell = null;
        RawRow? previous = null;
        var totalSeen = false;
        RawCell? pendingSection = null;
        var unlabelled = new HashSet<int>();
        var unaligned = new List<int>();
        // A form of plain text lines only (no table rebuilt from it, no spans): no row of it need hold a label and its value.
        // (A table rebuilt from such text, its head left as lines, still has a plain head.)
        var plain = grid.Rows.TakeWhile(r => RowText.NonEmpty(r).Count(c => matcher.Match(c.Text, TableKinds) is { IsExact: true }) < 4)
            .All(r => r.Origin is RowOrigin.Layout);
        var head = new List<(RawRow Row, int Index)>();
        for (var ri = 0; ri < grid.Rows.Length; ri++)
        {
            var row = grid.Rows[ri];
            var joined = RowText.Joined(row);
            if (FormSegmenter.IsTitle(joined))
            {
                if (FormPatterns.YearIn(joined) is { } y) { b.Year = y; b.From("year", RowText.NonEmpty(row).First(), ri, joined); }
                continue;
            }
            // A title OCR garbled ("UZ3S征及财以项目须次目伴衣 (2023 年度)") is no title, but its year is the form's, in a
            // row above every field read.
            if (b.Year is null && columns is null && b.Provenance.Count == 0 && FormPatterns.HeadYearIn(joined) is { } year)
            {
                b.Year = year;
                b.From("year", RowText.NonEmpty(row).First(), ri, joined);
            }
            if (totalSeen || joined.StartsWith("说明"))
            {
                // The footnote below the table: nothing to read but the grade bands it may print.
                b.PrintedBands ??= Bands(joined);
                continue;
            }
            var cells = RowText.NonEmpty(row).ToList();
            if (columns is null && row.Origin is RowOrigin.Layout && cells.Any(c => GluedHeadLabel(c) is not null))
            {
                row = row with { Cells = [.. row.Cells.SelectMany(c => GluedHeadLabel(c) is { } glued ? [c with { Text = glued.Label }, c with { Text = glued.Value }] : new[] { c })] };
                cells = RowText.NonEmpty(row).ToList();
            }
            // (Plain text whose one-line header labels stand on a line of their own, the wrapped ones written after
            // the table — Calc's `-raw`: "权重 备注" — has its header there: the rows after it are read by their figures.)
            if (cells.Count(c => matcher.Match(c.Text, TableKinds) is { IsExact: true }) >= 4 ||
                columns is null && plain && row.Origin is RowOrigin.Layout && cells.Count >= 2 &&
                cells.All(c => matcher.Match(c.Text, TableKinds) is { IsExact: true }) && cells.Any(c => matcher.Match(c.Text, "HdrWeight") is { IsExact: true }))
            {
                columns = ColumnMap.Of(row, matcher, TableKinds, minScore: 0.95);
                continue;
            }
            if (columns is null)
            {
                // Plain text written a cell a line (`pdftotext -raw`): a label wrapped in its narrow cell comes a piece a
                // line, its value on the lines after it. Such rows are read in order too once the head is whole, for
                // what no line read beside its label.
                ReadLabelValues(b, ref total, cells, ri);
                if (plain) head.Add((row, ri));
                continue;
            }
            if (head.Count > 0) { ReadHeadInOrder(b, ref total, head); head.Clear(); }
            // A table going on in a new block (the next page) without its header: its columns in the header's order.
            if (row.HasSpans && columns.HasSpans && row.Block != columns.Block && columns.ForContinuation(row, lastMayBeLost: "HdrNote") is { } continued)
                columns = continued;
            // A section label standing alone between a page's table and the next (a merged 一级指标 a page break cut:
            // its text printed apart from its rows): held for the rows after it whose own section cell is empty.
            if (OnlySectionLabel(row, columns, cells))
            {
                pendingSection = pendingSection is null ? cells[0] : pendingSection with { Text = pendingSection.Text + "\n" + cells[0].Text };
                continue;
            }
            // Plain text whose lines do not hold the header's cells (a dump that writes each row's one-line cells on its
            // line and every wrapped cell elsewhere, as `pdftotext -raw` does): positions mean nothing there.
            // (A header itself broken over lines, its columns not all on one, aligns no line.)
            if (!row.HasSpans && row.Origin is RowOrigin.Layout && (cells.Count != columns.Count || columns.Count < TableKinds.Length))
            {
                if (ReadUnaligned(b, row, ri, cells)) totalSeen = b.TotalScore is not null || b.TotalWeight is not null;
                else unaligned.Add(ri);
                continue;
            }
            var labelled = matcher.Match(cells.FirstOrDefault()?.Text, "Total") is { IsExact: true };
            // A 合计 OCR garbled past recognition: a row weighing 100 after the indicators is the total, since no
            // indicator weighs what the whole form does.
            var garbled = !labelled && b.Indicators.Count > 0 && WeighsTheWhole(row, columns);
            if (garbled)
                b.Warn(DiagnosticCodes.TotalUnlabelled, $"指标之后权重为 100 的一行“{RowText.Joined(row)}”按合计读取（“合计”识别有误）",
                    columns.CellFor(row.Cells, "HdrWeight"), ri, "totalScore");
            if (labelled || garbled)
            {
                b.TotalWeight = NumberAt(row, columns, "HdrWeight", b, "totalWeight", ri);
                b.TotalScore = NumberAt(row, columns, "HdrScore", b, "totalScore", ri);
                totalSeen = true;
                continue;
            }
            var before = b.Indicators.Count;
            ReadIndicator(b, row, ri, columns, ref section, ref sectionCell, ref previous, pendingSection);
            // A ruled row whose 一级指标 cell is empty: the section above it, or one whose label a page break printed
            // below the page's table (Calc centres a merged cell's text over its whole range) — settled afterwards.
            if (b.Indicators.Count > before && pendingSection is null && row.HasSpans &&
                columns.CellFor(row.Cells, "HdrLevel1") is { IsEmpty: true })
                unlabelled.Add(before);
            // A plain text line with as many words as the header has columns is read word for word, which nothing
            // but the count vouches for (a wrapped cell elsewhere and a split one here would count the same): said so.
            if (b.Indicators.Count > before && !row.HasSpans && row.Origin is RowOrigin.Layout)
                b.Warn(DiagnosticCodes.ReadByPosition, $"第 {b.Indicators.Count} 行指标“{RowText.Joined(row)}”按词的顺序对应表头各列读取（文字没有列位置）",
                    row.Cells[0], ri, $"indicators[{before}]");
            pendingSection = null;
        }
        if (head.Count > 0) ReadHeadInOrder(b, ref total, head);
        if (!b.Provenance.ContainsKey("currencyUnit")) ReadCurrencyFromWrappedLabel(b, grid);
        GiveUnlabelledRowsBySectionWeights(b, unlabelled);
        WeighGarbledSections(b);
        if (unaligned.Count > 0)
            b.Warn(DiagnosticCodes.TrailingRow,
                $"表内 {unaligned.Count} 行文字与表头的列对不上（折行的指标名称、指标解释、评分规则或一级指标写在了别处），未读取", null, null);
        b.Total = total;
        b.PrintedBands ??= grid.Rows.Select(r => Bands(RowText.Joined(r))).FirstOrDefault(x => x is not null);
        b.FlagFiguresOver100();
        return new(new NormalizedForm(b.Build("criteria"), b.PrintedBands) { ReadFrom = b.Sources }, [.. b.Diagnostics]);
    }

    private void ReadLabelValues(FormBuilder b, ref FundingLine total, List<RawCell> cells, int ri)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (matcher.Match(cells[i].Text, HeaderKinds) is not { Score: >= 0.9 } label)
            {
                if (ScannedAmountLabel(b, cells, i) is not { } garbled) continue;
                label = garbled;
                b.Warn(DiagnosticCodes.TextRepaired,
                    $"标签“{cells[i].Text.Replace('\n', ' ')}”OCR 识别有误，按模板读作“{garbled.Label}”，其值“{cells[i + 1].Text.Replace('\n', ' ')}”按此读取",
                    cells[i], ri, PathOf(garbled.Kind));
            }
            if (i + 1 >= cells.Count || matcher.Match(cells[i + 1].Text, HeaderKinds) is { Score: >= 0.9 }) continue;
            // A rate is printed as one: "预算执行率（%）" or "69.32%". A bare figure after a bare 预算执行率 is an indicator
            // row's 权重 (a row named 预算执行率 in a dump that lost the table's header), not the head's rate.
            if (label.Kind is "BudgetRate" && !cells[i].Text.Contains('%') && !cells[i + 1].Text.Contains('%')) continue;
            var cell = cells[++i];
            var text = TextCleaner.Clean(cell.Text);
            // Two figures in one value (a layout tool's lines gave this label a value of the label below): neither is
            // surely this label's, and joined they read as a third figure no one printed.
            if (label.Kind is "CurrentBudget" or "PreviousBudget" or "BudgetExecuted" or "BudgetRate" &&
                cell.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 2 } parts && parts.All(p => NumberParser.TryParse(TextCleaner.Clean(p), out _)))
            {
                b.Warn(DiagnosticCodes.FiguresJoined, $"“{matcher.Model.Labels[label.Kind][0]}”的值“{cell.Text.Replace('\n', ' ')}”是上下两个数，未读取", cell, ri, PathOf(label.Kind));
                continue;
            }
            if (label.Kind is "CurrentBudget" && FormPatterns.CurrencyIn(TextCleaner.Compact(cells[i - 1].Text)) is { } unit)
            {
                b.CurrencyUnit = unit;
                b.From("currencyUnit", cells[i - 1], ri);
            }
            var number = NumberParser.TryParse(text, out var n) ? n.Value : (decimal?)null;
            var path = Set(b, ref total, label.Kind, text, number);
            if (path is not null) b.From(path, cell, ri);
            // The template prints 预算执行率 right of 预算执行数: a rate alone after the executed amount, its label
            // wrapped and written elsewhere (Calc's raw text), is that rate.
            if (label.Kind is "BudgetExecuted" && i + 1 < cells.Count && TextCleaner.Clean(cells[i + 1].Text) is { } rateText &&
                rateText.EndsWith('%') && NumberParser.TryParse(rateText, out var rate) && rate.Percent && !b.Provenance.ContainsKey("funding.total.executionRate") &&
                !cells.Any(c => matcher.Match(c.Text, "BudgetRate") is { Score: >= 0.9 }))
            {
                var at = cells[++i];
                if (Set(b, ref total, "BudgetRate", rateText, rate.Value) is { } ratePath)
                {
                    b.From(ratePath, at, ri);
                    b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                        $"“{rateText}”在预算执行数之后、没有自己的标签（“预算执行率”写在了别处），按模板的位置读作预算执行率", at, ri, ratePath);
                }
            }
        }
    }

    private static readonly string[] AmountKinds = ["CurrentBudget", "PreviousBudget", "BudgetExecuted", "BudgetRate"];

    /// <summary>
    /// A scanned head label OCR garbled that is still one amount's ("当年预算⏎煞⏎元)" for 当年预算数（元）, its 数（ read as
    /// 煞; "由年预算金额（元）" for 上年预算金额): the cell was OCR'd, its value beside it is a figure, and the label either
    /// begins with the first four characters of the template's amount labels (with its unit struck off) or is near one
    /// (0.7). 预算执行 begins both 预算执行数 and 预算执行率: the value's % decides. Only a kind still unread, and printed
    /// by no other label of the row, is taken. Null where the label is not surely one amount's.
    /// </summary>
    private LabelMatch? ScannedAmountLabel(FormBuilder b, List<RawCell> cells, int i)
    {
        if (cells[i].Source.Confidence is null || i + 1 >= cells.Count) return null;
        var valueText = TextCleaner.Clean(cells[i + 1].Text);
        if (!NumberParser.TryParse(valueText, out var value) || matcher.Match(cells[i + 1].Text, HeaderKinds) is { Score: >= 0.9 }) return null;
        var text = UnitSuffix().Replace(TextCleaner.Compact(cells[i].Text).Replace("\n", ""), "");
        var byStart = AmountKinds.Where(k => matcher.Model.Labels[k].Any(l => l.Length >= 4 && text.StartsWith(l[..4], StringComparison.Ordinal))).ToList();
        var kinds = byStart.Count > 0 ? byStart
            : matcher.Match(cells[i].Text, AmountKinds) is { Score: >= 0.7 } near ? [near.Kind] : [];
        kinds = [.. kinds.Where(k => (k == "BudgetRate") == value.Percent && PathOf(k) is { } path && !b.Provenance.ContainsKey(path) &&
                                     !cells.Any(c => matcher.Match(c.Text, k) is { Score: >= 0.9 }))];
        return kinds.Count == 1 ? new LabelMatch(kinds[0], matcher.Model.Labels[kinds[0]][0], 0.7) : null;
    }

    /// <summary>A label's unit at its end as a scan reads it: "（元）", "元)", "(%)", "%）".</summary>
    [GeneratedRegex(@"[（(]?[元%][）)]?$")]
    private static partial Regex UnitSuffix();

    /// <summary>
    /// The currency a wrapped 当年预算数 label states, where no label was read beside its value: Calc's raw text writes
    /// the head's values first and its wrapped labels after the table, a piece a line ("当年预" / "算数（元）").
    /// </summary>
    private void ReadCurrencyFromWrappedLabel(FormBuilder b, FormGrid grid)
    {
        for (var ri = 0; ri < grid.Rows.Length; ri++)
        {
            if (RowText.NonEmpty(grid.Rows[ri]).ToList() is not [var cell]) continue;
            var text = TextCleaner.Compact(cell.Text);
            for (var back = ri; back >= Math.Max(0, ri - 2); back--)
            {
                if (back < ri)
                {
                    if (RowText.NonEmpty(grid.Rows[back]).ToList() is not [var before]) break;
                    text = TextCleaner.Compact(before.Text) + text;
                }
                if (matcher.Match(text, "CurrentBudget") is { Score: >= 0.95 } && FormPatterns.CurrencyIn(text) is { } unit)
                {
                    b.CurrencyUnit = unit;
                    b.From("currencyUnit", cell, ri);
                    return;
                }
            }
        }
    }

    /// <summary>
    /// The head of a plain dump read in order: a label is a line's cell, or the cells of a few lines running on that spell
    /// one together ("当年预" / "算数" / "（元）", "当年预算数（" / "元）"); its value is every cell after it up to the next
    /// label, joined (a value wrapped over lines: "上海市青浦区退役军" / "人事务局"). Cells before the first label, and a
    /// label with nothing after it, give nothing.
    /// </summary>
    private void ReadHeadInOrder(FormBuilder b, ref FundingLine total, List<(RawRow Row, int Index)> head)
    {
        var cells = head.SelectMany(h => RowText.NonEmpty(h.Row).Select(c => (Cell: c, Row: h.Index))).ToList();
        // The table's first label wrapped above its header line ("一级指" / "标") ends the head.
        for (var i = 0; i < cells.Count; i++)
        {
            var text = "";
            for (var k = i; k < Math.Min(cells.Count, i + 3) && TextCleaner.Compact(cells[k].Cell.Text) is { Length: <= 4 } piece; k++)
                if (matcher.Match(text += piece, TableKinds) is { IsExact: true })
                {
                    cells.RemoveRange(i, cells.Count - i);
                    break;
                }
        }
        var labels = new List<(int Start, int End, LabelMatch Match)>();
        for (var i = 0; i < cells.Count;)
        {
            (int End, LabelMatch Match)? found = null;
            var text = "";
            for (var k = i; k < Math.Min(cells.Count, i + 5); k++)
            {
                var piece = TextCleaner.Compact(cells[k].Cell.Text);
                // Only short pieces run on (a value after its label is no piece of it), or a label's last piece with
                // its unit ("上年" / "预算金额（元）", "具体" / "实施处（科室）").
                if (k > i && piece.Length > 5 && !(piece.Length <= 8 && (FormPatterns.CurrencyIn(piece) is not null ||
                        matcher.Match(text + piece, HeaderKinds) is { IsExact: true }))) break;
                text += piece;
                if (text.Length > 14) break;
                // Pieces run on only from a label's first piece: a value before it is no part of it ("否" / "当年预").
                if (matcher.Match(text, HeaderKinds) is { } m && m.Score >= (k == i ? 0.9 : 0.95) && (found is null || m.Score >= found.Value.Match.Score) &&
                    (k == i || TextCleaner.Compact(m.Label).StartsWith(TextCleaner.Compact(cells[i].Cell.Text).TrimEnd('（', '('), StringComparison.Ordinal)))
                    found = (k + 1, m);
            }
            if (found is { } f)
            {
                // The label's unit wrapped a piece a line after it ("算数" / "（元" / "）") is the label's, not its value.
                var end = f.End;
                while (end < cells.Count && UnitPiece().IsMatch(TextCleaner.Compact(cells[end].Cell.Text))) end++;
                labels.Add((i, end, f.Match));
                i = end;
            }
            else i++;
        }
        if (labels.Count == 0)
        {
            ReadHeadInTemplateOrder(b, ref total, cells);
            return;
        }
        for (var j = 0; j < labels.Count; j++)
        {
            var (start, end, label) = labels[j];
            var to = j + 1 < labels.Count ? labels[j + 1].Start : cells.Count;
            if (end >= to) continue;
            var valueCells = cells.GetRange(end, to - end);
            var text = TextCleaner.Clean(string.Concat(valueCells.Select(c => TextCleaner.Clean(c.Cell.Text))));
            var labelText = string.Concat(cells.GetRange(start, end - start).Select(c => c.Cell.Text));
            if (label.Kind is "BudgetRate" && !labelText.Contains('%') && text?.Contains('%') != true) continue;
            // (A unit's closing bracket wrapped onto a line of its own may be lost with that line: "（元".)
            if (label.Kind is "CurrentBudget" && !b.Provenance.ContainsKey("currencyUnit") &&
                (FormPatterns.CurrencyIn(TextCleaner.Compact(labelText)) ?? OpenUnitIn(TextCleaner.Compact(labelText))) is { } unit)
            {
                b.CurrencyUnit = unit;
                b.From("currencyUnit", cells[start].Cell, cells[start].Row, labelText);
            }
            if (PathOf(label.Kind) is not { } read || text is null) continue;
            // A figure is one cell (the cells after it are other labels' values written before their labels).
            var figure = label.Kind is "CurrentBudget" or "PreviousBudget" or "BudgetExecuted" or "BudgetRate";
            if (figure)
            {
                if (b.Provenance.ContainsKey(read)) continue;
                valueCells = [valueCells[0]];
                text = TextCleaner.Clean(valueCells[0].Cell.Text);
                if (text is null) continue;
            }
            // The template prints 具体实施处（科室） right of 预算单位: where that label was written elsewhere (wrapped, after
            // the table), the office standing after a whole department's name is its value ("上海市杨浦区民政局" /
            // "信息科"), not the name gone on.
            if (label.Kind is "Department" && !labels.Any(l => l.Match.Kind is "ImplementingOffice") && !b.Provenance.ContainsKey("implementingOffice") &&
                OfficeAfterDepartment(valueCells) is { } office)
            {
                var officeCells = valueCells[office..];
                var officeText = TextCleaner.Clean(string.Concat(officeCells.Select(c => TextCleaner.Clean(c.Cell.Text))))!;
                Set(b, ref total, "ImplementingOffice", officeText, null);
                b.From("implementingOffice", officeCells[0].Cell, officeCells[0].Row, officeText);
                b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                    $"“{officeText}”在预算单位的值之后、没有自己的标签（“具体实施处（科室）”写在了别处），按模板的位置读作具体实施处（科室）",
                    officeCells[0].Cell, officeCells[0].Row, "implementingOffice");
                valueCells = valueCells[..office];
                text = TextCleaner.Clean(string.Concat(valueCells.Select(c => TextCleaner.Clean(c.Cell.Text))));
                if (text is null) continue;
            }
            // A field a line read beside its label keeps that reading, unless this one is the same value gone on over
            // more lines ("上海市青浦区退役军" / "人事务局").
            if (b.Provenance.TryGetValue(read, out var prior))
            {
                if (TextCleaner.Clean(prior.Text) is not { } before || text.Length <= before.Length || !text.StartsWith(before, StringComparison.Ordinal)) continue;
                b.Provenance.Remove(read);
                b.Sources.RemoveAll(x => x.Key == read);
            }
            var number = NumberParser.TryParse(text, out var n) ? n.Value : (decimal?)null;
            var path = Set(b, ref total, label.Kind, text, number);
            if (path is null) continue;
            b.From(path, valueCells[0].Cell, valueCells[0].Row, text);
            foreach (var more in valueCells.Skip(1)) b.AlsoFrom(path, more.Cell, more.Row);
        }
    }

    /// <summary>
    /// A head label and its value the dump wrote as one word ("具体实施处（科室）规划建设科": a label set close to its
    /// value); null where the cell is no label followed by a value.
    /// </summary>
    private (string Label, string Value)? GluedHeadLabel(RawCell cell)
    {
        var text = cell.Text.Trim();
        foreach (var kind in HeaderKinds)
            foreach (var label in matcher.Model.Labels[kind])
            {
                if (label.Length < 4 || !text.StartsWith(label, StringComparison.Ordinal)) continue;
                var at = label.Length + (LabelUnit().Match(text, label.Length) is { Success: true, Index: var i } unit && i == label.Length ? unit.Length : 0);
                if (at < text.Length && text[at] is not ('（' or '(' or ' ') && !text[at..].StartsWith("科室", StringComparison.Ordinal))
                    return (text[..at], text[at..]);
            }
        return null;
    }

    [GeneratedRegex(@"[（(](元|万元|%|％|科室)[)）]")]
    private static partial Regex LabelUnit();

    /// <summary>
    /// Where a 预算单位's value cells are a whole department's name (…局, …委员会, …办公室) and then an office's (…科,
    /// …处, …室), the index of the office's first cell; null where the cells read as one name wrapped.
    /// </summary>
    private static int? OfficeAfterDepartment(List<(RawCell Cell, int Row)> cells)
    {
        for (var k = 1; k < cells.Count; k++)
        {
            var department = TextCleaner.Compact(string.Concat(cells.Take(k).Select(c => c.Cell.Text)));
            var office = TextCleaner.Compact(string.Concat(cells.Skip(k).Select(c => c.Cell.Text)));
            if (cells[k].Row != cells[k - 1].Row && WholeDepartment().IsMatch(department) && OfficeName().IsMatch(office)) return k;
        }
        return null;
    }

    [GeneratedRegex(@"^(上海市)?\p{IsCJKUnifiedIdeographs}{2,}(局|委员会|委|办公室|政府|院|中心|会|所)$")]
    private static partial Regex WholeDepartment();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}{1,10}(科|处|室|股|组|部)$")]
    private static partial Regex OfficeName();

    /// <summary>
    /// A plain dump that wrote the head's values without their labels (Calc's <c>-raw</c> writes each row's one-line
    /// cells first, the wrapped labels after the table): where the cells before the table are exactly the template's
    /// fourteen values and each is of its slot's kind — 是/否, three amounts, a rate with %, a date, a short grade —
    /// they are read in the template's order, each named in a <c>layout.value-away-from-label</c> warning. Anything
    /// else (a value missing, one split at a space) reads nothing: the order alone would shift every value after it.
    /// </summary>
    private void ReadHeadInTemplateOrder(FormBuilder b, ref FundingLine total, List<(RawCell Cell, int Row)> cells)
    {
        if (cells.Count != HeaderKinds.Length) return;
        string? Text(int k) => TextCleaner.Clean(cells[k].Cell.Text);
        bool Amount(int k) => NumberParser.TryParse(Text(k), out var n) && !n.Percent;
        var fits = Text(3) is "是" or "否" && Amount(4) && Amount(5) && Amount(6) &&
                   NumberParser.TryParse(Text(7), out var rate) && rate.Percent && IsoDate(Text(9)) is not null &&
                   Text(10) is { Length: <= 3 } grade && !grade.Any(char.IsAsciiDigit) &&
                   new[] { 0, 1, 2, 8, 11, 12, 13 }.All(k => Text(k) is { } t && !NumberParser.TryParse(t, out _));
        if (!fits) return;
        for (var k = 0; k < HeaderKinds.Length; k++)
        {
            var text = Text(k);
            var number = NumberParser.TryParse(text, out var n) ? n.Value : (decimal?)null;
            if (Set(b, ref total, HeaderKinds[k], text, number) is not { } path) continue;
            b.From(path, cells[k].Cell, cells[k].Row, placedBy: "template-order");
            b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                $"表头的标签写在了别处；“{text}”按模板中各项的顺序读作“{matcher.Model.Labels[HeaderKinds[k]][0]}”的值", cells[k].Cell, cells[k].Row, path);
        }
    }

    /// <summary>The field a head label's value is read into (as <see cref="Set"/> sets it), or null.</summary>
    private static string? PathOf(string kind) => kind switch
    {
        "ProjectName" => "projectName", "Department" => "department", "ImplementingOffice" => "implementingOffice",
        "Recurring" => "recurring", "CurrentBudget" => "funding.total.annualBudget", "PreviousBudget" => "funding.previousYearBudget",
        "BudgetExecuted" => "funding.total.executed", "BudgetRate" => "funding.total.executionRate", "AnnualGoal" => "goals.planned",
        "EvaluationDate" => "evaluationDate", "Grade" => "grade", "MainResults" => "mainResults", "MainProblems" => "mainProblems",
        "Improvements" => "improvements", _ => null,
    };

    private static string? Set(FormBuilder b, ref FundingLine total, string kind, string? text, decimal? number)
    {
        switch (kind)
        {
            case "ProjectName": b.ProjectName = b.Repair(text, null, "projectName"); return "projectName";
            case "Department": b.Department = text; return "department";
            case "ImplementingOffice": b.ImplementingOffice = text; return "implementingOffice";
            case "Recurring": b.Recurring = text switch { "是" => true, "否" => false, _ => null }; return "recurring";
            case "CurrentBudget": total = total with { AnnualBudget = number }; return "funding.total.annualBudget";
            case "PreviousBudget": b.PreviousYearBudget = number; return "funding.previousYearBudget";
            case "BudgetExecuted": total = total with { Executed = number }; return "funding.total.executed";
            case "BudgetRate": total = total with { ExecutionRate = number }; return "funding.total.executionRate";
            case "AnnualGoal": b.Planned = text; return "goals.planned";
            case "EvaluationDate": b.EvaluationDate = IsoDate(text); return "evaluationDate";
            case "Grade": b.Grade = text; return "grade";
            case "MainResults": b.MainResults = text; return "mainResults";
            case "MainProblems": b.MainProblems = text; return "mainProblems";
            case "Improvements": b.Improvements = text; return "improvements";
            default: return null;
        }
    }

    private void ReadIndicator(FormBuilder b, RawRow row, int ri, ColumnMap columns, ref string? section,
        ref (RawCell Cell, int Row)? sectionCell, ref RawRow? previous, RawCell? pendingSection)
    {
        string? At(string kind) => TextCleaner.Clean(columns.CellFor(row.Cells, kind)?.Text);
        // A label held from lines between two pages' tables is taken only whole, with its weight ("影响力目标" / "(13分)"):
        // a line of other text there (an OCR's stray line beside a scanned table) is no section.
        if (pendingSection is not null && !SectionWeight().IsMatch(TextCleaner.Clean(pendingSection.Text) ?? "")) pendingSection = null;
        var sectionLabel = columns.CellFor(row.Cells, "HdrLevel1") is { IsEmpty: false } own ? own : pendingSection;
        var level1 = TextCleaner.Clean(sectionLabel?.Text);
        // The rest of a section label a page break cut (Writer and Chromium print a merged cell's text where it falls:
        // "项目效益(19" at the foot of one page, "分)" atop the next): the section goes on, its label whole at last.
        if (level1 is not null && previous is not null && row.Block != previous.Block && sectionCell is { } open &&
            b.Sections.Count > 0 && b.Sections[^1].Weight is null && TextCleaner.Clean(open.Cell.Text) is { } before &&
            !(SectionWeight().Match(level1) is { Success: true } own2 && own2.Groups[1].Value.Trim().Length >= 2) &&
            SectionWeight().Match(before + level1) is { Success: true } whole)
        {
            var cut = b.Sections[^1].Name;
            var joined = whole.Groups[1].Value.Trim();
            b.Sections[^1] = new Section(joined, decimal.TryParse(whole.Groups[2].Value, CultureInfo.InvariantCulture, out var w0) ? w0 : null);
            b.AlsoFrom($"sections[{b.Sections.Count - 1}].name", sectionLabel!, ri);
            b.From($"sections[{b.Sections.Count - 1}].weight", sectionLabel!, ri);
            for (var k = 0; k < b.Indicators.Count; k++)
                if (b.Indicators[k].Level1 == cut) b.Indicators[k] = b.Indicators[k] with { Level1 = joined };
            section = joined;
            // The rows after it carry the same piece ("分)") in their merged cell: the same section.
            sectionCell = (sectionLabel!, ri);
            level1 = null;
        }
        if (level1 is not null)
        {
            var m = SectionWeight().Match(level1);
            // A scanned label whose weight OCR garbled ("投入(142" of 投入(14分), "效果目标(52" of 效果目标(15分): the 1
            // lost, 分 read as 2; "投入(14人)"; its bracket read as 《, "项目决策《50分)"): the name before the bracket is
            // the section's, the weight is not to be guessed (a digit lost reads as a weight too).
            var garbled = !m.Success && sectionLabel!.Source.Confidence is not null ? ScannedSectionWeight().Match(level1) : null;
            var name1 = m.Success ? m.Groups[1].Value.Trim() : garbled is { Success: true } ? garbled.Groups[1].Value : level1;
            if (sectionLabel!.Source.Confidence is not null && LostLinesOf(name1) is { } listed)
            {
                b.Warn(DiagnosticCodes.LevelRepaired, $"一级指标“{name1}”是模板的“{listed}”，OCR 漏读或误读了其中的字，按模板更正", sectionLabel, ri);
                name1 = listed;
            }
            // A merged 一级指标 cell read from a ruled page comes with each row it spans: one section, not one a row.
            if (name1 != section && !(sectionCell is { } same && sectionLabel!.Text == same.Cell.Text && sectionLabel.Source.Page == same.Cell.Source.Page))
            {
                section = name1;
                decimal? weight = m.Success && decimal.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var w) ? w : null;
                b.Sections.Add(new Section(section, weight));
                sectionCell = (sectionLabel!, ri);
                b.From($"sections[{b.Sections.Count - 1}].name", sectionLabel!, ri);
                b.From($"sections[{b.Sections.Count - 1}].weight", sectionLabel!, ri);
                if (garbled is { Success: true })
                    b.GarbledSectionWeights[b.Sections.Count - 1] = (new string([.. garbled.Value.SkipWhile(c => c is not ('(' or '（' or '《' or '〈')).Where(char.IsAsciiDigit)]), sectionLabel!, ri);
            }
        }
        var name = At("HdrName");
        var p = $"indicators[{b.Indicators.Count}]";
        if (Continues(b, row, columns, previous))
        {
            // The rest of the indicator above: a row a page break split (text only), or a second grid row of an
            // indicator whose 权重 cell spans both (the same merged cell): its own text pieces are appended.
            AppendText(b, row, ri, columns, previous!);
            previous = row;
            return;
        }
        var weightValue = NumberAt(row, columns, "HdrWeight", b, $"{p}.weight", ri);
        if (name is null && weightValue is null) return;
        previous = row;
        b.Indicators.Add(new Indicator
        {
            Level1 = section,
            Name = name,
            Explanation = At("HdrExplanation"),
            Weight = weightValue,
            ScoringRule = At("HdrRule"),
            Score = NumberAt(row, columns, "HdrScore", b, $"{p}.score", ri),
            Note = At("HdrNote"),
        });
        // A section label spans its rows (a merged cell): every row's 一级指标 points at it.
        if (sectionCell is { } sc) b.From($"{p}.level1", sc.Cell, sc.Row);
        foreach (var (kind, field) in new[] { ("HdrName", "name"), ("HdrExplanation", "explanation"), ("HdrRule", "scoringRule"), ("HdrNote", "note") })
            if (columns.CellFor(row.Cells, kind) is { IsEmpty: false } cell)
                b.From($"{p}.{field}", cell, ri);
    }

    /// <summary>
    /// A line of plain text inside the table whose words do not line up with the header's columns: a row only when it
    /// ends in two figures of at most 100 (its 权重 and 自评得分 — the template's only figures), or the 合计 with its
    /// two. Its texts are the row's name and 指标解释 only when there are exactly two before the figures (one text could
    /// be either, the other wrapped away); its section, rule and note are not read. Each such row is named in a
    /// <c>table.read-by-position</c> warning. False for any other line (a wrapped cell's line), which is not read.
    /// </summary>
    private static bool ReadUnaligned(FormBuilder b, RawRow row, int ri, List<RawCell> cells)
    {
        bool Figure(RawCell c) => NumberParser.TryParse(TextCleaner.Clean(c.Text), out var n) && !n.Percent && n.Value <= 100;
        var figures = cells.Where(Figure).ToList();
        if (figures.Count < 2) return false;
        var (weight, score) = (figures[^2], figures[^1]);
        // Text after the pair is the row's 备注 only where the two figures stand side by side (a rule's words between
        // them, or figures inside text, make no row of this line).
        var after = cells.SkipWhile(c => c != score).Skip(1).ToList();
        if (after.Count > 0 && cells.IndexOf(score) != cells.IndexOf(weight) + 1) return false;
        decimal Value(RawCell c) => NumberParser.TryParse(TextCleaner.Clean(c.Text), out var n) ? n.Value : 0m;
        var texts = cells.TakeWhile(c => c != weight).Where(c => !Figure(c)).ToList();
        if (texts.Count > 0 && TextCleaner.Compact(texts[0].Text) is "合计" or "总分")
        {
            b.TotalWeight = Value(weight);
            b.TotalScore = Value(score);
            b.From("totalWeight", weight, ri);
            b.From("totalScore", score, ri);
            return true;
        }
        var p = $"indicators[{b.Indicators.Count}]";
        var (name, explanation) = texts.Count == 2 ? (texts[0], texts[1]) : (null, null);
        b.Indicators.Add(new Indicator
        {
            Name = TextCleaner.Clean(name?.Text), Explanation = TextCleaner.Clean(explanation?.Text), Weight = Value(weight), Score = Value(score),
            Note = after.Count > 0 ? TextCleaner.Clean(string.Join(" ", after.Select(c => c.Text))) : null,
        });
        if (after.Count > 0) b.From($"{p}.note", after[0], ri);
        b.From($"{p}.weight", weight, ri);
        b.From($"{p}.score", score, ri);
        if (name is not null) b.From($"{p}.name", name, ri);
        if (explanation is not null) b.From($"{p}.explanation", explanation, ri);
        b.Warn(DiagnosticCodes.ReadByPosition,
            $"第 {b.Indicators.Count} 行指标“{RowText.Joined(row)}”的文字与表头的列对不上，只按行末的权重与自评得分读取" +
            (name is null ? "（指标名称与指标解释无法区分，未读取）" : ""), weight, ri, p);
        return true;
    }

    /// <summary>
    /// Rows read with an empty 一级指标 cell carry the section above them; where a run of them stands just before another
    /// section's rows, the run may instead open that section (its label printed after them, past a page break). The
    /// printed section weights decide: the run is split between the two sections only where exactly one split makes
    /// both sections' rows add up to their printed weights and carrying them all down does not.
    /// </summary>
    private static void GiveUnlabelledRowsBySectionWeights(FormBuilder b, HashSet<int> unlabelled)
    {
        var rows = b.Indicators;
        for (var i = 0; i < rows.Count; i++)
        {
            if (!unlabelled.Contains(i) || i == 0) continue;
            var j = i;
            while (j + 1 < rows.Count && unlabelled.Contains(j + 1)) j++;
            var (above, below) = (rows[i - 1].Level1, j + 1 < rows.Count ? rows[j + 1].Level1 : null);
            var first = i;
            i = j;
            if (above is null || below is null || above == below || rows[first].Level1 != above) continue;
            decimal? Printed(string name) => b.Sections.FirstOrDefault(s => s.Name == name)?.Weight;
            if (Printed(above) is not { } aboveWeight || Printed(below) is not { } belowWeight) continue;
            if (rows.Any(r => r.Weight is null && (r.Level1 == above || r.Level1 == below))) continue;
            decimal Sum(string name, int exceptFrom, int exceptTo) =>
                rows.Where((r, k) => r.Level1 == name && (k < exceptFrom || k > exceptTo)).Sum(r => r.Weight!.Value);
            var fits = new List<int>();
            for (var k = first; k <= j + 1; k++)
            {
                // Rows first..k-1 stay above; rows k..j open the section below.
                var aboveSum = Sum(above, k, j) ;
                var belowSum = Sum(below, first, j) + rows.Skip(k).Take(j - k + 1).Sum(r => r.Weight!.Value);
                if (aboveSum == aboveWeight && belowSum == belowWeight) fits.Add(k);
            }
            if (fits is not [var split] || split == j + 1) continue;
            var label = b.Provenance.GetValueOrDefault($"indicators[{j + 1}].level1");
            for (var k = split; k <= j; k++)
            {
                rows[k] = rows[k] with { Level1 = below };
                var path = $"indicators[{k}].level1";
                b.Sources.RemoveAll(x => x.Key == path);
                b.Provenance.Remove(path);
                if (label is null) continue;
                // The section's label cell, placed there by the weights: provenance says so.
                b.Provenance[path] = label with { PlacedBy = "arithmetic" };
                b.Sources.Add(new(path, b.Provenance[path]));
            }
        }
    }

    /// <summary>
    /// A row that holds nothing but text under 一级指标 (or one cell of text, in no ruled table, while the page's table
    /// has a 一级指标 column): a piece of a merged section label a page break separated from its rows ("投入与管理" /
    /// "(59分)" printed between two pages' tables). Never a row with a figure or a name of its own.
    /// </summary>
    private static bool OnlySectionLabel(RawRow row, ColumnMap columns, List<RawCell> cells)
    {
        if (cells.Count != 1 || !columns.Has("HdrLevel1")) return false;
        var cell = cells[0];
        if (NumberParser.TryParse(TextCleaner.Clean(cell.Text), out _)) return false;
        if (row.HasSpans) return columns.KindOf(cell) == "HdrLevel1" && row.Cells.Count(c => c.FirstColumn >= 0) > 1;
        return cell.Source.Box is not null && columns.HasSpans && TextCleaner.Compact(cell.Text).Length <= 12;
    }

    private static bool WeighsTheWhole(RawRow row, ColumnMap columns) =>
        NumberParser.TryParse(TextCleaner.Clean(columns.CellFor(row.Cells, "HdrWeight")?.Text), out var weight) && weight.Value == 100m;

    private static readonly (string Kind, string Field)[] TextColumns =
        [("HdrName", "name"), ("HdrExplanation", "explanation"), ("HdrRule", "scoringRule"), ("HdrNote", "note")];

    /// <summary>
    /// Whether a row continues the indicator read from <paramref name="previous"/>: positioned cells only (a text dump
    /// has no boxes to tell), and either its 权重 is the very cell of the row above (a merged cell carried down) or it
    /// has neither 权重 nor 自评得分 yet holds text (a row split by a page break).
    /// </summary>
    private static bool Continues(FormBuilder b, RawRow row, ColumnMap columns, RawRow? previous)
    {
        if (previous is null || b.Indicators.Count == 0) return false;
        RawCell? Cell(RawRow r, string kind) => columns.CellFor(r.Cells, kind);
        var weight = Cell(row, "HdrWeight");
        if (weight?.Source.Box is null) return false;
        if (!weight.IsEmpty && weight.Source.Box == Cell(previous, "HdrWeight")?.Source.Box) return true;
        return weight.IsEmpty && Cell(row, "HdrScore") is null or { IsEmpty: true } &&
               TextColumns.Any(t => Cell(row, t.Kind) is { IsEmpty: false });
    }

    /// <summary>Appends a continuation row's own text pieces (not cells carried down from the row above) to the last indicator.</summary>
    private static void AppendText(FormBuilder b, RawRow row, int ri, ColumnMap columns, RawRow previous)
    {
        var last = b.Indicators[^1];
        foreach (var (kind, field) in TextColumns)
        {
            if (columns.CellFor(row.Cells, kind) is not { IsEmpty: false } cell) continue;
            if (cell.Source.Box == columns.CellFor(previous.Cells, kind)?.Source.Box) continue;
            // A field first filled here is read from here; one continued keeps where it began.
            b.From($"indicators[{b.Indicators.Count - 1}].{field}", cell, ri);
            var text = TextCleaner.Clean(cell.Text);
            string? Join(string? before) => before is null ? text : before + text;
            last = kind switch
            {
                "HdrName" => last with { Name = Join(last.Name) },
                "HdrExplanation" => last with { Explanation = Join(last.Explanation) },
                "HdrRule" => last with { ScoringRule = Join(last.ScoringRule) },
                _ => last with { Note = Join(last.Note) },
            };
        }
        b.Indicators[^1] = last;
    }

    private static decimal? NumberAt(RawRow row, ColumnMap columns, string kind, FormBuilder b, string path, int ri)
    {
        if (columns.CellFor(row.Cells, kind) is not { } cell) return null;
        if (!NumberParser.TryParse(TextCleaner.Clean(cell.Text), out var n)) return null;
        b.From(path, cell, ri);
        return n.Value;
    }

    /// <summary>The bands a 说明 prints: "自评合计90（含）-100分为优秀，75（含）-90分为良好…0-60分为不合格".</summary>
    internal static GradeScale? Bands(string text)
    {
        var bands = BandPattern().Matches(text)
            .Select(m => new GradeBand(decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value))
            .ToImmutableArray();
        return bands.Length >= 2 ? new GradeScale(bands) : null;
    }

    private static string? IsoDate(string? text)
    {
        if (text is null) return null;
        var m = DatePattern().Match(text);
        return m.Success ? $"{m.Groups[1].Value}-{int.Parse(m.Groups[2].Value):00}-{int.Parse(m.Groups[3].Value):00}" : null;
    }


    // A stray mark after the bracket ("过程（43分），") is a scan's speck of the cell's rule, read as a comma.
    [GeneratedRegex(@"^(.*?)\s*[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*[，,。.、]?\s*$")]
    private static partial Regex SectionWeight();

    /// <summary>
    /// A section's name, then a bracket and at most five characters holding a digit, closed or not: its weight garbled
    /// ("(142", "(14人)").
    /// </summary>
    /// <summary>
    /// A scanned section weight OCR garbled is taken where its digits are what the section's indicators' weights add up
    /// to — as read ("(36作" of (36分)), or without the last digit (分 read as 2: "(142" of (14分)) — and said so;
    /// otherwise it is left unread, said so. Every indicator of the section must have its weight: a sum short of one
    /// vouches for nothing.
    /// </summary>
    private static void WeighGarbledSections(FormBuilder b)
    {
        foreach (var (k, (digits, cell, ri)) in b.GarbledSectionWeights)
        {
            var path = $"sections[{k}].weight";
            var name = b.Sections[k].Name;
            var rows = b.Indicators.Where(i => i.Level1 == name).ToList();
            decimal? sum = rows.Count > 0 && rows.All(i => i.Weight is not null) ? rows.Sum(i => i.Weight!.Value) : null;
            var readings = new[] { digits, digits.Length > 1 ? digits[..^1] : "" }.Where(d => d.Length > 0).Distinct();
            if (sum is { } total && readings.FirstOrDefault(d => decimal.Parse(d, CultureInfo.InvariantCulture) == total) is { } taken)
            {
                b.Sections[k] = b.Sections[k] with { Weight = total };
                b.Warn(DiagnosticCodes.SectionWeightBySum,
                    $"一级指标“{TextCleaner.Clean(cell.Text)}”括号中的分值 OCR 识别有误；其中的“{taken}”与其下 {rows.Count} 个指标的权重之和 {total} 相符，按 {total} 读取",
                    cell, ri, path);
            }
            else
                b.Warn(DiagnosticCodes.FigureUnread, $"一级指标“{TextCleaner.Clean(cell.Text)}”括号中的分值 OCR 识别有误，留空", cell, ri, path);
        }
    }

    /// <summary>
    /// The template's section name a scanned label is, where the OCR lost a line of it: a tall merged 一级指标 printed
    /// two characters a line ("投入" / "与管" / "理(36分)") read without its middle line as 投入理. The reading must keep
    /// the name's first character and the order of the rest, three in five at least, and fit one listed name only; or it
    /// is a listed name of four characters or more with one of them misread (项目生出) or one read into it (效果有目标),
    /// and no other listed name is. A name the template lists is never changed.
    /// </summary>
    private string? LostLinesOf(string name)
    {
        if (name.Length < 2 || matcher.Model.Sections.Contains(name)) return null;
        static bool InOrder(string part, string whole)
        {
            var at = 0;
            foreach (var c in whole)
                if (at < part.Length && part[at] == c) at++;
            return at == part.Length;
        }
        var fits = matcher.Model.Sections.Where(s => s.Length > name.Length && s[0] == name[0] && name.Length * 5 >= s.Length * 3 && InOrder(name, s)).ToList();
        if (fits.Count == 1) return fits[0];
        // Or one character misread in a name of four or more ("项目生出" of 项目产出), where no other listed name is as near.
        var misread = matcher.Model.Sections.Where(s => s.Length == name.Length && s.Length >= 4 && s.Where((c, i) => c != name[i]).Count() == 1).ToList();
        if (misread.Count == 1) return misread[0];
        // Or one character read into one ("效果有目标" of 效果目标: six cells of a tuning printing), where no other is so.
        var readInto = matcher.Model.Sections.Where(s => s.Length >= 4 && name.Length == s.Length + 1 &&
                                                       Enumerable.Range(0, name.Length).Any(i => name.Remove(i, 1) == s)).ToList();
        return readInto.Count == 1 ? readInto[0] : null;
    }

    [GeneratedRegex(@"^(\p{IsCJKUnifiedIdeographs}{2,}?)\s*[(（《〈](?=[^()（）《〈》〉]{0,4}\d)[^()（）《〈》〉]{1,5}[)）》〉]?$")]
    private static partial Regex ScannedSectionWeight();

    [GeneratedRegex(@"(\d+)(?:（含）|\(含\))?-\d+分为([^，。,；;\d]+)")]
    private static partial Regex BandPattern();

    [GeneratedRegex(@"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")]
    private static partial Regex DatePattern();

    private static string? OpenUnitIn(string compact) => OpenUnit().Match(compact) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"[（(](万元|元)$")]
    private static partial Regex OpenUnit();

    [GeneratedRegex(@"^(?=.)[（(]?(元|万元|%|％|科室)?[)）]?$")]
    private static partial Regex UnitPiece();
}
