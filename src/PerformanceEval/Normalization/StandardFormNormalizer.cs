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
public sealed partial class StandardFormNormalizer(LabelMatcher matcher) : IFormNormalizer
{
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
            if (b.Year is null && YearIn(joined) is { } year && (phase < Phase.Indicators || joined.Length <= 16))
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
                if (EndsPageTail(row)) state.PageTail = false;
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
                // order, but the rows after it are the table's leftovers, not indicator rows.
                var late = state.IndicatorColumns is null && state.ReadInTemplateOrder.Count > 0;
                state.IndicatorColumns = ColumnsOf(b, row, ri, IndicatorHeaderKinds);
                if (phase is not Phase.Done) phase = Phase.Indicators;
                // Rows read before any header took the template's order; a header printed after them (a dump writing a
                // page's wrapped cells after its rows) that puts 实际完成值 first says they were the other way round.
                if (late && ActualPrintedFirst(state)) SwapMeasures(b, state.ReadInTemplateOrder);
                continue;
            }
            if (phase < Phase.Goals && CountKinds(row, FundingHeaderKinds) >= 3)
            {
                state.FundingColumns = ColumnsOf(b, row, ri, FundingHeaderKinds);
                phase = Phase.Funding;
                continue;
            }
            if (state.UnlabelledFunding.Count > 0 && phase is not Phase.Funding) ReadUnlabelledFunding(b, state, null);
            if (phase < Phase.Indicators && FundingLineLabel(row) is { } label)
            {
                ReadUnlabelledFunding(b, state, label.Kind);
                ReadFundingLine(b, row, ri, label.Index, label.Kind, state.FundingColumns);
                state.LastFundingKind = label.Kind;
                state.FundingLinesRead[label.Kind] = row.Origin is RowOrigin.Layout;
                phase = Phase.Funding;
                continue;
            }
            if (phase is Phase.Funding && row.Origin is RowOrigin.Layout && IsUnlabelledFundingRow(row))
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
        ReadAfterTotal(b, state);
        foreach (var (i, cell, ri) in state.Undivided)
            if (i < b.Indicators.Count && b.Indicators[i] is { Target: null, Actual: null } undivided)
                b.Warn(DiagnosticCodes.CellsUndivided,
                    $"第 {i + 1} 行指标折行的文字“{undivided.Name}”可按两种方式拆成名称、年度指标值与实际完成值，无从判定，整体读作名称", cell, ri, $"indicators[{i}].name");
        FinishGoals(b, state);
        if (state.ReadByPosition)
            b.Warn(DiagnosticCodes.ReadByPosition,
                "输入没有单元格跨度或列表头，指标行按分值/得分的位置读取",
                null, null);
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

    private ColumnMap ColumnsOf(FormBuilder b, RawRow row, int ri, string[] kinds) => ColumnMap.Of(row, matcher, kinds,
        inferred: (cell, kind) => b.Warn(DiagnosticCodes.HeaderInferred,
            $"表头单元格“{TextCleaner.Clean(cell.Text)}”未能识别，按模板在此位置的列“{matcher.Model.Labels[kind][0]}”读取",
            cell, ri));

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
