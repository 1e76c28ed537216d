using System.Collections.Immutable;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using PerformanceEval.Tables;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

/// <summary>
/// Maps a standard-template form grid to the contract. It reads by labels, not by fixed positions: each row is
/// recognised by the vocabulary it holds (项目名称, 年度资金总额, 一级指标 …), and the figures next to a label are
/// taken by their column when the grid has trustworthy columns, by their kind and order when it has not
/// (layout text, a flattened paragraph).
/// </summary>
public sealed partial class StandardFormNormalizer(LabelMatcher matcher, DepartmentNames? departments = null) : IFormNormalizer
{
    /// <summary>The city and districts a department's name begins with (scans' garbled heads are put right by them).</summary>
    private readonly DepartmentNames _departments = departments ?? DepartmentNames.Load(null);

    private enum Phase { Header, Funding, Goals, Indicators, Done }

    private static readonly string[] IndicatorHeaderKinds = LabelKinds.IndicatorColumns;
    private static readonly string[] FundingHeaderKinds = LabelKinds.FundingColumns;
    private static readonly string[] FundingLineKinds = LabelKinds.FundingLines;

    public StageResult<NormalizedForm> Normalize(FormGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var b = new FormBuilder(grid, matcher.Model);
        var state = new ReadState();
        var phase = Phase.Header;
        for (var ri = 0; ri < grid.Rows.Length; ri++)
        {
            var row = grid.Rows[ri];
            if (row.Origin is RowOrigin.Flattened)
            {
                new FlattenedFormReader(matcher, b).Read(row, ri);
                phase = Phase.Indicators;
                continue;
            }
            var joined = RowText.Joined(row);
            if (b.Year is null && (phase is Phase.Header && b.Provenance.Count == 0 ? FormPatterns.HeadYearIn(joined) : YearIn(joined)) is { } year &&
                (phase < Phase.Indicators || joined.Length <= 16))
            {
                b.Year = year;
                b.From("year", RowText.NonEmpty(row).First(), ri, joined);
            }
            if (phase is < Phase.Indicators or Phase.Done && b.CurrencyUnit is null && CurrencyIn(joined) is { } unit)
            {
                b.CurrencyUnit = unit;
                var cell = RowText.NonEmpty(row).FirstOrDefault(c => CurrencyIn(TextCleaner.Compact(c.Text)) is not null)
                           ?? RowText.NonEmpty(row).First();
                b.From("currencyUnit", cell, ri);
            }
            if (phase is not Phase.Done && (FormSegmenter.IsTitle(joined) || (YearIn(joined) is not null && joined.Length <= 12)))
            {
                // The title between indicator rows of a plain text: a tool (Calc's PDF through pdftotext -raw) wrote the
                // page's wrapped cells there, after the page's rows and before the next page's. They are read as what is
                // written after the 总分 is, in the table's order, not as the next row's name.
                if (phase is Phase.Indicators && row.Origin is RowOrigin.Layout && b.Indicators.Count > 0)
                {
                    if (state.PendingName.Count > 0) SetAsidePendingName(b, state);
                    state.PageTail = true;
                    state.Unplaced.Add((row, ri));
                }
                continue;
            }
            if (state.PageTail && phase is Phase.Indicators)
            {
                // The page's wrapped header labels, joined, still say the columns' order (read as a header below).
                if (EndsPageTail(b.Grid, ri)) state.PageTail = false;
                else if (CountKinds(row, IndicatorHeaderKinds) < 3)
                {
                    if (RowText.NonEmpty(row).Any()) state.Unplaced.Add((row, ri));
                    continue;
                }
            }

            if (phase is Phase.Indicators && IsLabelsOnly(row) && !RowText.NonEmpty(row).Any(c => matcher.Match(c.Text, "Total") is { Score: >= 0.9 }))
            {
                // The template's labels between an indicator's rows: a tool wrote a page's wrapped cells there. Words held
                // for a name before them were none; the labels themselves hold nothing (a full header still sets the columns).
                if (state.PendingName.Count > 0) SetAsidePendingName(b, state);
                // The page's wrapped cells were written before these labels: its targets and actuals go to its rows now,
                // before the next page's rows make the counts differ.
                var taken = TakePairs(b, state, state.Unplaced);
                if (taken.Count != state.Unplaced.Count) { state.Unplaced.Clear(); state.Unplaced.AddRange(taken); }
                if (CountKinds(row, IndicatorHeaderKinds) < 3) continue;
            }
            if (CountKinds(row, IndicatorHeaderKinds) >= 3)
            {
                // After the 总分 (a dump that writes the header's wrapped labels last) the header still says the columns'
                // order, but the rows after it are the table's leftovers, not indicator rows. The rows before it took the
                // template's order where no header came first, or one that named at most one of 年度指标值 and 实际完成值.
                var late = (state.IndicatorColumns is null || !(state.IndicatorColumns.Has("HdrTarget") && state.IndicatorColumns.Has("HdrActual"))) &&
                           state.ReadInTemplateOrder.Count > 0;
                state.IndicatorColumns = ColumnsOf(b, row, ri, IndicatorHeaderKinds);
                if (phase is not Phase.Done) phase = Phase.Indicators;
                // Rows read before any header took the template's order; a header printed after them (a dump writing a
                // page's wrapped cells after its rows) that puts 实际完成值 first says they were the other way round.
                if (late && ActualPrintedFirst(state)) SwapMeasures(b, state.ReadInTemplateOrder);
                // The header's labels wrapped and joined between a page's rows and the next page's (no title between:
                // the form's title is printed once), its unwrapped labels (分值 得分) still to come before the next row:
                // the page's other wrapped cells follow them, as after a title (Calc's PDFs, through pdftotext -raw).
                if (phase is Phase.Indicators && row.Origin is RowOrigin.Layout && b.Indicators.Count > 0 &&
                    RowText.NonEmpty(row).Any(c => c.Text.Contains('\n')) && LabelsBeforeNextRow(grid, ri))
                {
                    if (state.PendingName.Count > 0) SetAsidePendingName(b, state);
                    state.PageTail = true;
                }
                continue;
            }
            if (phase < Phase.Goals && IsFundingHeader(row))
            {
                state.FundingColumns = ColumnsOf(b, row, ri, FundingHeaderKinds);
                phase = Phase.Funding;
                continue;
            }
            if (state.UnlabelledFunding.Count > 0 && phase is not Phase.Funding) ReadUnlabelledFunding(b, state, null);
            if (phase < Phase.Indicators && row.Origin is RowOrigin.Layout or RowOrigin.LayoutGrid && GluedFundingLabel(row) is { } unglued) row = unglued;
            if (phase < Phase.Indicators && state.FundingColumns is { } fundingColumns && PartedFundingLines(b, row, ri, fundingColumns) is { } parted)
            {
                ReadUnlabelledFunding(b, state, parted[0].Kind);
                foreach (var (part, labelAt, kind) in parted)
                {
                    ReadFundingLine(b, part, ri, labelAt, kind, fundingColumns);
                    state.LastFundingKind = kind;
                    state.FundingLinesRead[kind] = false;
                }
                phase = Phase.Funding;
                continue;
            }
            if (phase < Phase.Indicators && FundingLineLabel(row) is { } label)
            {
                ReadUnlabelledFunding(b, state, label.Kind);
                ReadFundingLine(b, row, ri, label.Index, label.Kind, state.FundingColumns);
                state.LastFundingKind = label.Kind;
                state.FundingLinesRead[label.Kind] = row.Origin is RowOrigin.Layout;
                phase = Phase.Funding;
                continue;
            }
            // (A table's row of amounts whose label names no line of the template — garbled, or a neighbour's words glued
            // to it — is such a row too: read by the lines' order with a warning, or reported unread, never dropped.)
            if (phase is Phase.Funding && (row.Origin is RowOrigin.Layout && IsUnlabelledFundingRow(row) ||
                                           row.HasSpans && state.FundingColumns is not null && HoldsAmount(row)))
            {
                state.UnlabelledFunding.Add((row, ri));
                continue;
            }
            if (phase is Phase.Funding or Phase.Goals && StartsIndicators(row, out var labelOnly))
            {
                phase = Phase.Indicators;
                if (labelOnly) continue;
            }
            switch (phase)
            {
                case Phase.Header:
                    ReadHeaderRow(b, row, ri, state);
                    break;
                case Phase.Funding or Phase.Goals:
                    if (IsGoalsHeader(row, state)) phase = Phase.Goals;
                    else if (phase is Phase.Goals) ReadGoalsRow(b, row, ri, state);
                    break;
                case Phase.Indicators:
                    if (ReadTotalRow(b, row, ri)) phase = Phase.Done;
                    else ReadIndicatorRow(b, row, ri, state);
                    break;
                case Phase.Done:
                    if (RowText.NonEmpty(row).Any()) state.Unplaced.Add((row, ri));
                    break;
            }
        }
        if (state.UnlabelledFunding.Count > 0) ReadUnlabelledFunding(b, state, null);
        ReadUnlabelledTotal(b);
        ReadAfterTotal(b, state);
        OrderMeasuresByValues(b, state);
        if (grid.Rows.Any(r => r.Origin is RowOrigin.Layout or RowOrigin.LayoutGrid) && !grid.Rows.Any(r => r.Origin is RowOrigin.Html or RowOrigin.RuledGrid))
            UnglueFigurePair(b);
        foreach (var (i, cell, ri) in state.Undivided)
            if (i < b.Indicators.Count && b.Indicators[i] is { Target: null, Actual: null } undivided)
                b.Warn(DiagnosticCodes.CellsUndivided,
                    $"第 {i + 1} 行指标折行的文字“{undivided.Name}”可按两种方式拆成名称、年度指标值与实际完成值，无从判定，整体读作名称", cell, ri, $"indicators[{i}].name");
        FinishGoals(b, state);
        if (state.ReadByPosition)
            b.Warn(DiagnosticCodes.ReadByPosition,
                "输入没有单元格跨度或列表头，指标行按分值/得分的位置读取",
                null, null);
        b.FlagFiguresOver100();
        var form = b.Build("standard");
        // No 年度资金总额 read in the table's order: its block alone read order-free, when its arithmetic places its
        // figures. Then rows that do not add up (or none), and an order-free reading whose own do (or whose funding
        // holds, where the ordered one has no rows) reads more: the text's order was not the table's (issue 15's soups).
        if (SoupFormReader.WorthForFunding(form) && new SoupFormReader(matcher).ReadFundingInto(grid, b))
            form = b.Build("standard");
        if (SoupFormReader.Worth(form) && SoupFormReader.CouldReadMore(grid, form) && new SoupFormReader(matcher).Read(grid) is { } soup &&
            SoupFormReader.Better(soup.Value.Form, form))
            return soup;
        return new(new NormalizedForm(form, null) { ReadFrom = b.Sources }, [.. b.Diagnostics]);
    }

    /// <summary>
    /// A last indicator row of nothing but a 分值 and a 得分, in a form with no 总分 read, whose 分值 is 100 or whose 得分 is
    /// what the other rows' and the funding's add up to: the 总分 row, its label lost (a scan's OCR left "总分" unread or
    /// read it as a level's word). No indicator weighs the whole form or scores all the others' points, so that row is the
    /// total — read as such with <c>grid.total-unlabelled</c> — rather than an extra indicator.
    /// </summary>
    private static void ReadUnlabelledTotal(FormBuilder b)
    {
        if (b.TotalWeight is not null || b.TotalScore is not null || b.Indicators.Count < 2) return;
        var last = b.Indicators.Count - 1;
        if (b.Indicators[last] is not { Name: null, Target: null, Actual: null, Note: null, Weight: { } weight, Score: { } score } || score > 100m) return;
        // Its 分值 the whole form's, or its 得分 what the other rows' and the funding's add up to (a 100 the OCR misread).
        var others = b.Indicators.Take(last).ToList();
        var scores = others.All(r => r.Score is not null) ? others.Sum(r => r.Score!.Value) + (b.Total?.Score ?? 0m) : (decimal?)null;
        if (weight != 100m && !(scores == score && score > others.Max(r => r.Weight ?? 0m))) return;
        var p = $"indicators[{last}]";
        b.Indicators.RemoveAt(last);
        (b.TotalWeight, b.TotalScore) = (weight, score);
        b.MoveSource($"{p}.weight", "totalWeight");
        b.MoveSource($"{p}.score", "totalScore");
        foreach (var path in b.Provenance.Keys.Where(k => k.StartsWith(p + ".", StringComparison.Ordinal)).ToList()) b.Provenance.Remove(path);
        b.Sources.RemoveAll(x => x.Key.StartsWith(p + ".", StringComparison.Ordinal));
        b.Warn(DiagnosticCodes.TotalUnlabelled, $"指标之后只有分值 {weight} 与得分 {score} 的一行按总分读取（“总分”二字未识别）", null, null, "totalWeight");
    }

    /// <summary>What the reader carries from row to row.</summary>
    private sealed class ReadState
    {
        public ColumnMap? FundingColumns;
        public ColumnMap? IndicatorColumns;
        public bool ReadByPosition;
        public string? OpenHeaderLabel;
        public int? AchievedColumn;
        public readonly List<List<string>> GoalParagraphs = [];
        public readonly List<string> PlannedParts = [], AchievedParts = [];
        public readonly List<(int Paragraph, RawCell First, RawCell Last, int Row)> GoalCells = [];
        public string? Level1, Level2;
        public readonly List<(string Text, RawCell Cell)> PendingName = [];
        public bool ExpectNote;
        /// <summary>The last funding line read by its label, and rows of a funding line's figures with no label since.</summary>
        public string? LastFundingKind;
        public readonly List<(RawRow Row, int Index)> UnlabelledFunding = [];
        /// <summary>The funding lines read, each with whether it was read from a plain text line (its figures by their order).</summary>
        public readonly Dictionary<string, bool> FundingLinesRead = [];
        /// <summary>How wide the first line of the note being read was: a wrapped note's lines are all that wide but its last.</summary>
        public int NoteLineWidth;
        /// <summary>The source line the last indicator's note ended on, while nothing has been read after it but its lines.</summary>
        public int? NoteEndLine;
        /// <summary>Between a page's rows and the next page's, where a plain text wrote the page's wrapped cells.</summary>
        public bool PageTail;
        /// <summary>Indicators whose held lines cut into name, target and actual two ways equally well: read as the name.</summary>
        public readonly List<(int Indicator, RawCell Cell, int Row)> Undivided = [];
        /// <summary>Indicators whose target and actual were told apart by the template's order, no header having been read.</summary>
        public readonly List<int> ReadInTemplateOrder = [];
        public RawCell? LevelCell, Level1Cell;
        public int LevelRow, Level1Row;
        /// <summary>Header labels read (项目名称, 主管部门, 实施单位), whether or not a value stood beside them.</summary>
        public readonly HashSet<string> HeaderLabels = [];
        /// <summary>
        /// Rows read nowhere in the table, placed once the whole form has been seen: rows after the 总分, and words held
        /// for a name that a row of the template's labels then showed were none (a tool wrote a page's wrapped cells
        /// between its rows).
        /// </summary>
        public readonly List<(RawRow Row, int Index)> Unplaced = [];
    }

    /// <summary>
    /// Rows whose 年度指标值 and 实际完成值 were told apart by the template's order alone, under a header that named only
    /// one of the two (the other's label wrapped and written after the table, as Calc's <c>-raw</c> does), or on a scan
    /// whose header was not read at all: a target
    /// states what is aimed at ("&gt;=85%", "&lt;=100万元", "=12次") and an actual what was reached ("90%", "98.6万元"), so
    /// where every such row with a comparator in one of the two has it in the one read as the actual — two rows at
    /// least — the printing put 实际完成值 first: those rows are swapped, and a warning says the order was judged so.
    /// </summary>
    private static void OrderMeasuresByValues(FormBuilder b, ReadState state)
    {
        if (state.ReadInTemplateOrder.Count == 0) return;
        var header = state.IndicatorColumns;
        if (header is not null ? header.Has("HdrTarget") && header.Has("HdrActual")
            // A scan whose indicator header OCR lost whole (read by position) says no more of the order than a header
            // naming one of the two: its rows' values decide the same way. Not a text's: its order is the text's own.
            : b.Grid.Kind is not (InputKind.Image or InputKind.PdfScan))
            return;
        var (swapped, kept) = (0, 0);
        foreach (var i in state.ReadInTemplateOrder)
        {
            var (target, actual) = (HasComparator(b.Indicators[i].Target), HasComparator(b.Indicators[i].Actual));
            if (actual && !target) swapped++;
            else if (target && !actual) kept++;
        }
        if (swapped < 2 || kept > 0) return;
        SwapMeasures(b, state.ReadInTemplateOrder);
        b.Warn(DiagnosticCodes.MeasuresByValues,
            $"{(header is null ? "指标表头未能识别" : $"表头未写出{(header.Has("HdrTarget") ? "实际完成值" : "年度指标值")}的位置")}；{swapped} 行的比较符都在后一格，判定实际完成值印在年度指标值之前，{state.ReadInTemplateOrder.Count} 行据此对调",
            null, null, "indicators");
    }

    /// <summary>
    /// Layout text may glue two figures a narrow table printed side by side into one word ("6 6" → "66": pdftotext on a
    /// line a tool laid out at its own widths). Such a row reads its actual (90) as its 分值 and the glued word as its
    /// 得分, and has no actual. Where the 分值 so read (and the funding's) miss the printed 总分's and exactly one such row, read as [its
    /// actual, a glued 分值/得分 pair], makes them add up (the word split into a 分值 and an 得分 no greater), that row's
    /// actual is the figure read as its 分值, and its 分值 and 得分 are left unread with <c>grid.figures-joined</c>: which
    /// digits are which is the arithmetic's guess, not the form's.
    /// </summary>
    private static void UnglueFigurePair(FormBuilder b)
    {
        if (b.TotalWeight is not { } total || b.Indicators.Count == 0 || b.Indicators.Any(r => r.Weight is null)) return;
        // (The 总分 counts the funding block's 分值 too, as the checker's weight-sum does.)
        var sum = b.Indicators.Sum(r => r.Weight!.Value) + (b.Total?.Weight ?? 0m);
        if (sum == total) return;
        var fits = new List<(int Row, decimal Weight, decimal Score)>();
        for (var i = 0; i < b.Indicators.Count; i++)
        {
            var row = b.Indicators[i];
            if (row.Actual is not null || row.Target is null || row.Score is not { } glued || glued < 10 || glued != decimal.Truncate(glued)) continue;
            var digits = glued.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var k in Enumerable.Range(1, digits.Length - 1))
            {
                var (w, s) = (digits[..k], digits[k..]);
                if (s.Length > 1 && s[0] == '0') continue;
                var (weight, score) = (decimal.Parse(w, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture));
                if (score <= weight && sum - row.Weight!.Value + weight == total) fits.Add((i, weight, score));
            }
        }
        if (fits is not [var (only, pairWeight, pairScore)]) return;
        var p = $"indicators[{only}]";
        var glue = b.Indicators[only];
        var actualText = b.Provenance.TryGetValue($"{p}.weight", out var read) && read.Text is { } t ? TextCleaner.Clean(t) : glue.Weight!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        b.MoveSource($"{p}.weight", $"{p}.actual");
        b.Indicators[only] = glue with { Actual = actualText, Weight = null, Score = null };
        foreach (var field in new[] { "weight", "score" })
            b.Warn(DiagnosticCodes.FiguresJoined,
                $"第 {only + 1} 行的“{glue.Weight}”与“{glue.Score}”读作实际完成值与粘连的分值/得分：“{glue.Score}”是两个数字连在一起（按分值合计 {total} 可能是 {pairWeight} 与 {pairScore}），分不开，两者留空",
                null, null, $"{p}.{field}");
    }

    /// <summary>Swaps the target and the actual of the given indicators, with where each was read and the warnings naming them.</summary>
    private static void SwapMeasures(FormBuilder b, List<int> indicators)
    {
        foreach (var i in indicators)
        {
            var (target, actual) = ($"indicators[{i}].target", $"indicators[{i}].actual");
            b.Indicators[i] = b.Indicators[i] with { Target = b.Indicators[i].Actual, Actual = b.Indicators[i].Target };
            const string held = "\0held";
            b.MoveSource(target, held);
            b.MoveSource(actual, target);
            b.MoveSource(held, actual);
        }
    }

    private static int? YearIn(string joined) => FormPatterns.YearIn(joined);

    private static string? CurrencyIn(string joined) => FormPatterns.CurrencyIn(joined);

    private int CountKinds(RawRow row, string[] kinds) =>
        RowText.NonEmpty(row).Select(c => matcher.Match(c.Text, kinds)).Count(m => m is { Score: >= 0.75 });

    /// <summary>
    /// The funding block's header row: three of its labels read, or — a scan's, OCR having garbled the rest — two of
    /// the amounts' labels exactly (printed nowhere else) and a third near one ("企年预算数", then "外侦", "涩行这"), or
    /// two labels exactly and four near, two of them the amounts' ("年初颅算数", "全年所算数", "全年刁行数" beside 分值
    /// and 得分).
    /// </summary>
    private bool IsFundingHeader(RawRow row)
    {
        var matches = RowText.NonEmpty(row).Select(c => matcher.Match(c.Text, FundingHeaderKinds)).OfType<LabelMatch>().ToList();
        static bool Amount(LabelMatch m) => m.Kind is "ColInitial" or "ColAnnual" or "ColExecuted";
        var near = matches.Where(m => m.Score >= 0.65).ToList();
        return matches.Count(m => m.Score >= 0.75) >= 3 ||
               matches.Count(m => m.IsExact && Amount(m)) >= 2 && near.Count >= 3 ||
               matches.Count(m => m.IsExact) >= 2 && near.Count >= 4 && near.Count(Amount) >= 2;
    }

    private ColumnMap ColumnsOf(FormBuilder b, RawRow row, int ri, string[] kinds) => ColumnMap.Of(row, matcher, kinds,
        inferred: (cell, kind) => b.Warn(DiagnosticCodes.HeaderInferred,
            cell.IsEmpty ? $"表头单元格未识别出文字，按模板在此位置的列“{matcher.Model.Labels[kind][0]}”读取"
                : $"表头单元格“{TextCleaner.Clean(cell.Text)}”未能识别，按模板在此位置的列“{matcher.Model.Labels[kind][0]}”读取",
            cell, ri));

    /// <summary>
    /// A funding line whose label and first amount a layout dump set in one cell ("年度资金总额 1,475,047.50": a label
    /// column narrower than the text's), the amount a cell of its own again; null where no cell is so. The amount keeps
    /// the label's place: it lines up with no header column, and the line is read by its figures' order, said so.
    /// </summary>
    private RawRow? GluedFundingLabel(RawRow row)
    {
        for (var i = 0; i < row.Cells.Length; i++)
        {
            var text = row.Cells[i].Text.Trim();
            if (text.Contains('\n') || text.LastIndexOf(' ') is not (> 0 and var space)) continue;
            var (label, amount) = (text[..space].TrimEnd(), text[(space + 1)..]);
            if (!NumberParser.TryParse(amount, out var n) || n.Percent || matcher.Match(label, FundingLineKinds) is not { Score: >= 0.95 }) continue;
            return row with { Cells = [.. row.Cells[..i], row.Cells[i] with { Text = label }, row.Cells[i] with { Text = amount }, .. row.Cells[(i + 1)..]] };
        }
        return null;
    }

    private (int Index, string Kind)? FundingLineLabel(RawRow row)
    {
        (int, string)? found = null;
        for (var i = 0; i < row.Cells.Length; i++)
        {
            // The label on its first line (a text dump's label with more below it), or the whole cell (a narrow cell
            // wraps 年度资金总额 over three lines).
            var first = TextCleaner.FirstLine(row.Cells[i].Text);
            var whole = TextCleaner.Clean(row.Cells[i].Text);
            var best = matcher.Match(first, FundingLineKinds);
            // A one-line cell is its own first line: measured once (this runs on every cell of every row before the goals).
            if (whole != first && matcher.Match(whole, FundingLineKinds) is { } wrapped && wrapped.Score > (best?.Score ?? double.MinValue))
                best = wrapped;
            if (best is { Score: >= 0.75 } m) found = (i, m.Kind);
        }
        return found;
    }
}
