using PerformanceEval.Diagnostics;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

/// <summary>
/// Reads the figures of one funding row (年度资金总额, 当年财政拨款, 上年结转资金, 其他资金). With a column header
/// it reads each figure from the cell under its header (by the columns the cells cover); where the row does not line up with it, or there are no columns (layout text, a
/// flattened form), by kind and order: up to three amounts, then the 分值, the 执行率 (the one with %), the 得分.
/// </summary>
internal static class FundingReader
{
    private static readonly string[] Fields = ["initialBudget", "annualBudget", "executed", "weight", "executionRate", "score"];
    private static readonly string[] ColumnKinds = LabelKinds.FundingColumns;

    public static string PathOf(string kind) => kind switch
    {
        "FundingTotal" => "funding.total",
        "FundingFiscal" => "funding.fiscal",
        "FundingCarryover" => "funding.carryover",
        _ => "funding.other",
    };

    /// <summary>Reads the cells after the label into a funding line.</summary>
    public static FundingLine Read(FormBuilder b, string kind, IReadOnlyList<RawCell> after, int ri,
        ColumnMap? columns, bool trustColumns)
    {
        if (!trustColumns) after = UngluedByRate(b, kind, after, ri);
        var slots = new (decimal? Value, RawCell? Cell)[6];
        var figures = after.Count(c => TextCleaner.Clean(c.Text) is { } t && NumberParser.TryParse(t, out _));
        var byRate = false;
        var unread = new List<(int Slot, RawCell Cell)>();
        var positional = trustColumns && columns is not null && columns.Count >= 4 && !b.FundingColumnsDrifted && ByColumn(after, columns, slots, unread);
        if (positional)
            foreach (var (slot, cell) in unread)
                b.Warn(DiagnosticCodes.FigureUnread, $"资金行“{ColumnLabel(b, slot)}”一列的“{TextCleaner.Clean(cell.Text)}”不是数字，留空",
                    cell, ri, $"{PathOf(kind)}.{Fields[slot]}");
        if (!positional && figures > 0)
        {
            Array.Clear(slots);
            if (trustColumns && columns is not null)
                b.Warn(DiagnosticCodes.FundingByOrder, "该资金行的数字与表头各列对不上，按数字的类型与顺序读取",
                    after.FirstOrDefault(c => !c.IsEmpty), ri, PathOf(kind));
            // A table's row holding more amounts than a line has columns for is two lines in one (the rule between
            // them lost): which amount is whose, the order cannot say. Its amounts are left unread, said so.
            // (Figures over 100: a 分值 or 得分 with decimals, 9.49, looks like an amount too.)
            var amounts = Figures(after).Count(f => NumberParser.TryParse(f.Text, out var n) && !n.Percent && n.Value > 100);
            var twoLines = trustColumns && columns is not null && amounts > 3;
            if (twoLines)
                b.Warn(DiagnosticCodes.AmountColumnUnknown,
                    $"资金行有 {amounts} 个金额，多于一行的三列：可能是两行的数字落在同一行（两行间的表格线未识别），金额未读取",
                    after.FirstOrDefault(c => !c.IsEmpty), ri, PathOf(kind));
            ByOrder(after, slots, readAmounts: !twoLines);
            // The total's figures off the header's columns but giving its rate in order: the block's other lines, printed
            // alike, are read by order too (their own figures may line up with columns that are not theirs).
            if (kind == "FundingTotal" && trustColumns && columns is not null && RateHolds(slots)) b.FundingColumnsDrifted = true;
            if (PlacedByRate(slots) is { } rate)
            {
                byRate = true;
                b.Warn(DiagnosticCodes.AssignedByArithmetic,
                    $"资金行只有两个金额；{Printed(slots[2].Value)} ÷ {Printed(slots[1].Value)} 与执行率 {Printed(rate)}% 相符，" +
                    "按全年预算数与全年执行数读取，年初预算数未读到", slots[1].Cell, ri, PathOf(kind));
            }
            else if (kind != "FundingTotal" && SameAsTotalByRate(b, slots))
            {
                // The dump dropped an amount from the total's line too, and the total's two were placed by its rate: a
                // line printing the very same two amounts prints them in the same columns (the fiscal line's copy of the
                // total), not as its 年初预算数 and 全年预算数.
                byRate = true;
                b.Warn(DiagnosticCodes.AssignedByArithmetic,
                    $"资金行只有两个金额 {Printed(slots[1].Value)}、{Printed(slots[2].Value)}，与年度资金总额按执行率读出的全年预算数、全年执行数相同：" +
                    "同样读取，年初预算数未读到", slots[1].Cell, ri, PathOf(kind));
            }
            else if (!trustColumns && Unplaceable(slots) is { } left)
            {
                b.Warn(DiagnosticCodes.AmountColumnUnknown,
                    $"资金行的金额 {Printed(left.Value)} 可能属于不止一列，未读取", left.Cell, ri, PathOf(kind));
                if (left is { Value: { } value, Cell: { } cell }) b.UnplacedAmounts.Add((kind, value, cell, ri));
            }
        }
        var path = PathOf(kind);
        for (var i = 0; i < 6; i++)
            if (slots[i].Cell is { } cell && slots[i].Value is not null)
                b.From($"{path}.{Fields[i]}", cell, ri, placedBy: byRate && i is 1 or 2 ? "arithmetic" : null);
        return new FundingLine
        {
            InitialBudget = slots[0].Value, AnnualBudget = slots[1].Value, Executed = slots[2].Value,
            Weight = slots[3].Value, ExecutionRate = slots[4].Value, Score = slots[5].Value,
        };
    }

    /// <summary>
    /// A whole-yuan 全年执行数 glued to the 分值 after it ("465797910" for 4657979 and 10: text copied in drawing order, no
    /// cents to end the amount at): cut where the amount over the line's other amount gives the line's printed rate
    /// (to 0.01 points) and what is left is a 分值 of a few points — said so, as the arithmetic placed it.
    /// </summary>
    private static IReadOnlyList<RawCell> UngluedByRate(FormBuilder b, string kind, IReadOnlyList<RawCell> after, int ri)
    {
        var texts = after.Select(c => TextCleaner.Clean(c.Text)).ToList();
        var rate = texts.Select(t => t is not null && NumberParser.TryParse(t, out var n) && n.Percent ? n.Value : (decimal?)null).FirstOrDefault(r => r is > 0);
        if (rate is not { } r) return after;
        for (var k = 0; k < after.Count; k++)
        {
            if (texts[k] is not { Length: >= 6 } glued || !glued.All(char.IsAsciiDigit)) continue;
            var others = texts.Where((t, j) => j != k && t is not null && NumberParser.TryParse(t, out var n) && !n.Percent && n.Value > 100)
                .Select(t => { NumberParser.TryParse(t!, out var n); return n.Value; }).ToList();
            var cuts = new List<int>();
            for (var cut = glued.Length - 3; cut < glued.Length; cut++)
            {
                if (cut < 4 || glued[cut] == '0' && cut < glued.Length - 1) continue;
                var (amount, weight) = (decimal.Parse(glued[..cut]), decimal.Parse(glued[cut..]));
                if (weight is > 0 and <= 100 && others.Any(a => a > 0 && Math.Abs(amount / a * 100m - r) <= 0.01m)) cuts.Add(cut);
            }
            if (cuts is not [var at]) continue;
            var cell = after[k];
            b.Warn(DiagnosticCodes.AssignedByArithmetic,
                $"资金行的“{glued}”是全年执行数与分值粘连：按执行率 {r}% 拆为 {glued[..at]} 与 {glued[at..]}", cell, ri, PathOf(kind));
            return [.. after.Take(k), cell with { Text = glued[..at] }, cell with { Text = glued[at..] }, .. after.Skip(k + 1)];
        }
        return after;
    }

    /// <summary>
    /// An OCR reading of at least two digits and no ideograph ("445.,034.4", "7T2 .8t": Latin letters in a figure column
    /// are the engine's misreadings of digits, not a label), or of a character or two the engine was unsure of (a
    /// 执行率 "94.95%" read as 网 at 0.00), where the caller found no figure in it.
    /// </summary>
    private static bool GarbledFigure(RawCell cell, string text) =>
        cell.Source.Confidence is { } confidence &&
        (text.Count(char.IsAsciiDigit) >= 2 && !text.Any(ch => ch >= '\u2E80') || text.Length <= 2 && confidence < UnsureReading);

    /// <summary>The OCR confidence under which a character or two in a figure column is a misreading, not a word.</summary>
    private const double UnsureReading = 0.5;

    private static string ColumnLabel(FormBuilder b, int slot) => b.Model.Labels[ColumnKinds[slot]][0];

    /// <summary>
    /// Each column's figure into its slot; false where the row does not line up with the header. A scanned cell under
    /// its column whose OCR gave digits and marks that make no figure ("445.,034.4", "7 4") is no sign of that: it is
    /// left unread, in <paramref name="unread"/>, and the row's other figures still stand under their headers.
    /// </summary>
    private static bool ByColumn(IReadOnlyList<RawCell> after, ColumnMap columns, (decimal?, RawCell?)[] slots, List<(int, RawCell)> unread)
    {
        var used = 0;
        for (var i = 0; i < 6; i++)
        {
            if (!columns.Has(ColumnKinds[i])) continue;
            var cell = columns.CellFor(after, ColumnKinds[i]);
            var text = TextCleaner.Clean(cell?.Text);
            if (text is null || NumberParser.IsPlaceholder(text)) continue;
            if (!SeveralFigures(cell!) && !NumberParser.TryParse(text, out _) && GarbledFigure(cell!, text))
            {
                unread.Add((i, cell!));
                continue;
            }
            if (SeveralFigures(cell!) || !NumberParser.TryParse(text, out var n)) return false;
            // (A scanned 执行率 whose % OCR lost, "7 4" of 72.93%, is such a reading too.)
            if (i == 4 && !n.Percent && GarbledFigure(cell!, text))
            {
                unread.Add((i, cell!));
                continue;
            }
            if (i == 4 != n.Percent) return false;
            // A 分值 or 得分 is a few points, never an amount or a rate: the columns drifted over this row.
            if (i is 3 or 5 && (n.Percent || n.Value > 100)) return false;
            slots[i] = (n.Value, cell);
            used++;
        }
        // Every figure of the row must have been taken by some column, or the row does not line up.
        if (used == 0) unread.Clear();
        var figures = after.Count(c => unread.All(u => u.Item2 != c) && TextCleaner.Clean(c.Text) is { } t && NumberParser.TryParse(t, out _));
        return used > 0 && used == figures;
    }

    /// <summary>
    /// A cell holding figures on separate lines ("94.95" / "10" / "%"): columns that drifted put two cells' figures in
    /// one. Cleaning would join them into one wrong figure (94.951). A figure wrapped inside its cell
    /// ("1,492,484.0" / "0") joins into a figure as printed, with at most two decimals: that is one.
    /// </summary>
    private static bool SeveralFigures(RawCell cell)
    {
        // Lines end at a newline, or at a <br> in HTML and OCR markdown.
        if (!cell.Text.Contains('\n') && !cell.Text.Contains('<') || TextCleaner.Lines(cell.Text).Count(l => NumberParser.TryParse(l, out _)) < 2) return false;
        var joined = TextCleaner.Clean(cell.Text);
        return joined is null || !NumberParser.TryParse(joined, out var n) || n.Value.Scale > 2;
    }

    /// <summary>A cell's figures one by one: a cell of several figures split at its lines, a lone "%" kept with the figure before it.</summary>
    private static IEnumerable<(string Text, RawCell Cell)> Figures(IReadOnlyList<RawCell> after)
    {
        foreach (var cell in after)
        {
            if (!SeveralFigures(cell))
            {
                if (TextCleaner.Clean(cell.Text) is { } whole) yield return (whole, cell);
                continue;
            }
            var lines = TextCleaner.Lines(cell.Text).ToList();
            var percent = lines.Remove("%");
            var figures = lines.Where(l => NumberParser.TryParse(l, out _)).ToList();
            // The "%" belongs to the figure with decimals (the rate), not to a 分值 of a few points; the lines of a
            // drifted cell keep no order, so the rate goes after the others, as 执行率 stands after 分值 in the template.
            var rate = percent ? figures.FindIndex(f => f.Contains('.')) : -1;
            for (var k = 0; k < figures.Count; k++)
                if (k != rate) yield return (figures[k], cell);
            if (rate >= 0) yield return (figures[rate] + "%", cell);
        }
    }

    private static void ByOrder(IReadOnlyList<RawCell> after, (decimal?, RawCell?)[] slots, bool readAmounts = true)
    {
        var amounts = 0;
        var rateSeen = false;
        var weightDone = false;
        foreach (var (text, cell) in Figures(after))
        {
            if (text is null) continue;
            if (NumberParser.IsPlaceholder(text))
            {
                // "—" stands in the 分值 column of the component rows; the amounts are behind it.
                amounts = 3;
                if (!weightDone) weightDone = true;
                else if (rateSeen) break;
                continue;
            }
            if (!NumberParser.TryParse(text, out var n)) break;
            if (n.Percent)
            {
                slots[4] = (n.Value, cell);
                rateSeen = true;
                amounts = 3;
                weightDone = true;
            }
            else if (rateSeen) { slots[5] = (n.Value, cell); break; }
            else if (amounts < 3 && LooksLikeAmount(text, n.Value)) { if (readAmounts) slots[amounts] = (n.Value, cell); amounts++; }
            // A 分值 or 得分 is a few points, never an amount.
            else if (!readAmounts && LooksLikeAmount(text, n.Value)) continue;
            else if (!weightDone) { slots[3] = (n.Value, cell); weightDone = true; amounts = 3; }
            else slots[5] = (n.Value, cell);
        }
    }

    /// <summary>
    /// How far the two amounts' quotient may stand from the printed 执行率, in points, and still say which columns they
    /// are: printed rates are rounded to hundredths, and forms computed by hand are sometimes off by a hundredth or two.
    /// </summary>
    private const decimal RateFit = 0.1m;

    /// <summary>
    /// A line that prints its 执行率 but only two amounts (the third cell empty, or a text dump wrote it elsewhere). By
    /// order they would be 年初预算数 and 全年预算数; when the second ÷ the first gives the printed rate they are
    /// 全年预算数 and 全年执行数, the relation a person reading the form would use. Equal amounts fit both readings, and a
    /// quotient off the rate fits neither: the order stands. Returns the rate when the amounts were moved.
    /// </summary>
    /// <summary>
    /// Two amounts and no rate, the very 全年预算数 and 全年执行数 the total's line gave by its rate (its 年初预算数
    /// unread): moved to those columns.
    /// </summary>
    private static bool SameAsTotalByRate(FormBuilder b, (decimal? Value, RawCell? Cell)[] slots)
    {
        if (b.Total is not { InitialBudget: null, AnnualBudget: { } annual, Executed: { } executed } || slots[2].Value is not null ||
            slots[4].Value is not null || slots[0].Value != annual || slots[1].Value != executed) return false;
        (slots[0], slots[1], slots[2]) = ((null, null), slots[0], slots[1]);
        return true;
    }

    /// <summary>Whether the line's 全年执行数 over its 全年预算数 gives its 执行率, all three read.</summary>
    private static bool RateHolds((decimal? Value, RawCell? Cell)[] slots) =>
        slots[1].Value is > 0 and { } annual && slots[2].Value is { } executed && slots[4].Value is { } rate &&
        Math.Abs(executed / annual * 100m - rate) <= RateFit;

    private static decimal? PlacedByRate((decimal? Value, RawCell? Cell)[] slots)
    {
        if (slots[4].Value is not { } rate || slots[2].Value is not null || slots[0].Value is not { } first ||
            slots[1].Value is not { } second || first <= 0 || first == second) return null;
        if (Math.Abs(second / first * 100m - rate) > RateFit) return null;
        (slots[0], slots[1], slots[2]) = ((null, null), slots[0], slots[1]);
        return rate;
    }

    /// <summary>
    /// Amounts whose column the order cannot tell, taken out of the line; returns the one left unread. Two equal amounts
    /// under a rate: the 全年预算数 is that amount either way, but the other is the 年初预算数 or the 全年执行数. One
    /// amount alone on a line, with its rate or not: any of the three. What every reading agrees on is kept.
    /// </summary>
    private static (decimal? Value, RawCell? Cell)? Unplaceable((decimal? Value, RawCell? Cell)[] slots)
    {
        var amounts = slots.Take(3).Count(x => x.Value is not null);
        if (slots[4].Value is not null && amounts == 2 && slots[2].Value is null && slots[0].Value == slots[1].Value)
        {
            var left = slots[0];
            slots[0] = (null, null);
            return left;
        }
        // With or without its rate: one amount where three stand ("3576164 10 65.40% 6.54", the others wrapped and
        // written elsewhere) could be any of them.
        if (amounts == 1 && slots[0].Value is not null)
        {
            var left = slots[0];
            slots[0] = (null, null);
            return left;
        }
        return null;
    }

    private static string Printed(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>An amount, not a 分值: zero, a thousands separator, or more than a weight could be.</summary>
    private static bool LooksLikeAmount(string text, decimal value) =>
        value == 0 || text.Contains(',') || value > 100 || (value.Scale == 2 && value >= 1);
}
