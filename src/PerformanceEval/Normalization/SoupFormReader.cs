using System.Text.RegularExpressions;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Tables;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

/// <summary>
/// Reads a standard form whose text came out in an order that is not the table's: words in drawing order, the
/// printed template before what was filled in, a table written column by column, blocks shuffled. No reading order
/// is trusted. The template says which labels exist and what kind of value each takes; the words are found wherever
/// they stand, and figures go to slots by their kind and by the form's own arithmetic (执行率 = 全年执行数 ÷ 全年预算数,
/// 得分 = 执行率 × 分值, 分值 adding up to the total). The order of the text is used only where it agrees with itself:
/// values that follow a run of labels are that run's, matched by kind; a column of figures that follows its header
/// label is that column, read from the top; rows are told apart by their 分值/得分 pairs. Where neither the kinds,
/// the arithmetic nor a consistent order decides, the field stays null and a warning lists what was left over.
/// </summary>
internal sealed partial class SoupFormReader(LabelMatcher matcher)
{
    /// <summary>The provenance of what this reader places (<see cref="FieldProvenance.PlacedBy"/>).</summary>
    private const string OrderFree = "order-free";

    private enum Kind { Label, Level, Figure, Placeholder, Text }

    private sealed record Token(string Text, Kind Kind, string? Label, LevelMatch? Level, PrintedNumber Figure, RawCell Cell, int Row)
    {
        public bool IsRate => Kind is Kind.Figure && Figure.Percent;
        public bool IsPoints => Kind is Kind.Figure && !Figure.Percent && Figure.Value is >= 0 and <= 100;
    }

    private static readonly string[] TextValueLabels = ["ProjectName", "Department", "ImplementingUnit", "Planned", "Achieved"];
    private static readonly string[] FundingLabels = ["FundingBlock", .. LabelKinds.FundingLines, .. LabelKinds.FundingColumns];
    private static readonly string[] MeasureColumns = ["HdrName", "HdrTarget", "HdrActual", "HdrWeight", "HdrScore", "HdrNote", "HdrLevel1", "HdrLevel2"];

    /// <summary>
    /// Whether a form read in the table's order may have been read in the wrong order: its rows' 分值 do not add up to
    /// the total (with the funding's), or it has no rows at all.
    /// </summary>
    public static bool Worth(CleanedForm read) => read.Template == "standard" && !RowsHold(read);

    /// <summary>
    /// Whether the text holds enough small figures for more than twice the rows the ordered reading found (each row
    /// prints a 分值 and a 得分): if not, no order-free reading could replace it, and it is not tried.
    /// </summary>
    public static bool CouldReadMore(FormGrid grid, CleanedForm ordered)
    {
        var rows = ordered.Indicators.Count(i => i.Weight is not null && i.Score is not null);
        if (rows == 0) return true;
        var needed = 2 * (2 * rows + 1);
        var points = 0;
        foreach (var row in grid.Rows)
            foreach (var cell in row.Cells)
                foreach (var word in cell.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                    if (NumberParser.TryParse(word, out var n) && !n.Percent && n.Value is >= 0 and <= 100 && ++points >= needed) return true;
        return false;
    }

    /// <summary>Rows whose 分值 add up to the printed total, or to 100 with the funding's 分值.</summary>
    public static bool RowsHold(CleanedForm f)
    {
        if (!f.Indicators.Any(i => i.Weight is not null && i.Score is not null)) return false;
        var sum = f.Indicators.Sum(i => i.Weight ?? 0);
        var funding = f.Funding.Total?.Weight ?? 0;
        return f.TotalWeight is { } w ? sum + funding == w || sum == w : sum + funding == 100;
    }

    /// <summary>
    /// An order-free reading replaces an ordered one that found fewer than half its rows (none, or a few out of a shuffled
    /// block), when its own rows add up (or the ordered one has none) and it reads more. An ordered reading that found
    /// most rows is the text's own order with a row or two read wrong: that is its warnings' to say, not a soup.
    /// </summary>
    public static bool Better(CleanedForm soup, CleanedForm ordered)
    {
        var orderedRows = ordered.Indicators.Count(i => i.Weight is not null && i.Score is not null);
        return orderedRows * 2 < soup.Indicators.Length && (RowsHold(soup) || orderedRows == 0) && Filled(soup) > Filled(ordered);
    }

    /// <summary>Whether a form read in the table's order has its rows but not its 年度资金总额's amounts.</summary>
    public static bool WorthForFunding(CleanedForm read) =>
        read.Template == "standard" && read.Funding.Total is not { Executed: not null, AnnualBudget: not null };

    /// <summary>
    /// The 项目资金 block alone read order-free into a form whose rows the table's order read: its 年度资金总额 line, when
    /// that holds by its arithmetic, replaces the ordered reading's, and the other lines fill those the ordered reading
    /// left empty. True when it did.
    /// </summary>
    public bool ReadFundingInto(FormGrid grid, FormBuilder into)
    {
        var scratch = new FormBuilder(grid, matcher.Model) { Placement = OrderFree };
        var tokens = Tokens(grid);
        if (tokens.Count == 0 || !new Reading(matcher.Model, scratch, tokens, new bool[tokens.Count]).Funding()) return false;
        void Take(string path, FundingLine? line, Action<FundingLine?> set)
        {
            bool Under(string? field) => field is not null && (field == path || field.StartsWith(path + ".", StringComparison.Ordinal));
            set(line);
            into.Sources.RemoveAll(s => Under(s.Key));
            foreach (var key in into.Provenance.Keys.Where(k => Under(k)).ToList()) into.Provenance.Remove(key);
            into.Diagnostics.RemoveAll(d => Under(d.Field));
            into.Sources.AddRange(scratch.Sources.Where(s => Under(s.Key)));
            foreach (var (key, at) in scratch.Provenance.Where(p => Under(p.Key))) into.Provenance[key] = at;
            into.Diagnostics.AddRange(scratch.Diagnostics.Where(d => Under(d.Field)));
        }
        Take("funding.total", scratch.Total, l => into.Total = l);
        static bool Empty(FundingLine? l) => l is null or { IsEmpty: true };
        if (Empty(into.Fiscal) && !Empty(scratch.Fiscal)) Take("funding.fiscal", scratch.Fiscal, l => into.Fiscal = l);
        if (Empty(into.Carryover) && !Empty(scratch.Carryover)) Take("funding.carryover", scratch.Carryover, l => into.Carryover = l);
        if (Empty(into.Other) && !Empty(scratch.Other)) Take("funding.other", scratch.Other, l => into.Other = l);
        into.Diagnostics.AddRange(scratch.Diagnostics.Where(d => d.Field is null or "funding"));
        into.Diagnostics.Add(new Diagnostic(DiagnosticCodes.OrderFree,
            "项目资金一栏的文字顺序不是表格的顺序：年度资金总额一行的数字按类型与勾稽关系（执行率 = 全年执行数 ÷ 全年预算数）读取", null, "funding.total"));
        return true;
    }

    /// <summary>How much of the form a reading filled: the measure by which an order-free reading replaces an ordered one.</summary>
    public static int Filled(CleanedForm f)
    {
        var n = new[] { f.ProjectName, f.Department, f.ImplementingUnit, f.Goals.Planned, f.Goals.Achieved }.Count(s => s is not null);
        foreach (var line in new[] { f.Funding.Total, f.Funding.Fiscal, f.Funding.Carryover, f.Funding.Other })
            if (line is not null)
                n += new[] { line.InitialBudget, line.AnnualBudget, line.Executed, line.Weight, line.ExecutionRate, line.Score }.Count(v => v is not null);
        foreach (var i in f.Indicators)
            n += new object?[] { i.Level1, i.Level2, i.Name, i.Target, i.Actual, i.Weight, i.Score, i.Note }.Count(v => v is not null);
        return n + (f.TotalWeight is null ? 0 : 1) + (f.TotalScore is null ? 0 : 1);
    }

    /// <summary>
    /// The form read order-free, or null when its figures do not hold together: without a funding line whose rate the
    /// amounts give, or indicator weights that add up to the printed total, nothing says the reading is the form's.
    /// </summary>
    public StageResult<NormalizedForm>? Read(FormGrid grid)
    {
        var b = new FormBuilder(grid, matcher.Model) { Placement = OrderFree };
        var tokens = Tokens(grid);
        if (tokens.Count == 0) return null;
        var used = new bool[tokens.Count];
        var reading = new Reading(matcher.Model, b, tokens, used);
        var fundingHolds = reading.Funding();
        reading.HeaderAndGoals();
        var indicatorsHold = reading.Indicators();
        if (!fundingHolds && !indicatorsHold) return null;
        b.Warn(DiagnosticCodes.OrderFree,
            "文字的顺序不是表格的顺序（标签、数字与名称交错）：按模板的标签、数字的类型与表内的勾稽关系读取", tokens[0].Cell, tokens[0].Row);
        // What the arithmetic did not confirm was placed by the text's order alone: each such figure is named as such.
        if (!fundingHolds && b.Total is { IsEmpty: false })
            b.Warn(DiagnosticCodes.OrderFree, "年度资金总额一行的执行率与金额对不上，项目资金各数按文字的顺序归入，未经勾稽关系确认", null, null, "funding");
        if (!indicatorsHold)
        {
            for (var k = 0; k < b.Indicators.Count; k++)
                if (b.Indicators[k] is { Weight: not null } or { Score: not null })
                    b.Warn(DiagnosticCodes.OrderFree, $"各行分值合计与总分对不上：第 {k + 1} 行的分值与得分按文字的顺序归入，未经勾稽关系确认", null, null, $"indicators[{k}]");
            if (b.TotalWeight is not null || b.TotalScore is not null)
            {
                b.Warn(DiagnosticCodes.OrderFree, "各行分值合计与总分对不上：总分一行按文字的顺序认定", null, null, "totalWeight");
                b.Warn(DiagnosticCodes.OrderFree, "各行分值合计与总分对不上：总分一行按文字的顺序认定", null, null, "totalScore");
            }
        }
        reading.ReportLeftovers();
        return new(new NormalizedForm(b.Build("standard"), null) { ReadFrom = b.Sources }, [.. b.Diagnostics]);
    }

    private List<Token> Tokens(FormGrid grid)
    {
        var tokens = new List<Token>();
        for (var ri = 0; ri < grid.Rows.Length; ri++)
            foreach (var cell in grid.Rows[ri].Cells)
            {
                if (cell.IsEmpty) continue;
                // A cell whose text is one label or one value stays whole ("上年结转资金", "对优化营商环境持续发挥作用");
                // a cell holding a run of words (a mirror's paragraph) is its words.
                var whole = TextCleaner.Clean(cell.Text);
                if (whole is null) continue;
                // Split before cleaning: cleaning joins figures that spaces separate ("1 425 600", an OCR's spaced digits).
                var words = cell.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                // A whole cell keeps its text as printed for its provenance ("2,012,827.6" / "0" over two lines); a
                // word of a paragraph is its own piece.
                var pieces = words.Length == 1 || Classify(whole, cell, ri) is { Kind: not Kind.Text } ? [Classify(whole, cell, ri, cell)]
                    : words.Select(TextCleaner.Clean).OfType<string>().Select(p => Classify(p, cell, ri)).ToList();
                tokens.AddRange(pieces);
            }
        return tokens;
    }

    private Token Classify(string text, RawCell cell, int ri, RawCell? whole = null)
    {
        var piece = whole ?? cell with { Text = text };
        if (NumberParser.TryParse(text, out var n)) return new(text, Kind.Figure, null, null, n, piece, ri);
        if (NumberParser.IsPlaceholder(text)) return new(text, Kind.Placeholder, null, null, default, piece, ri);
        // "(元)", "（万元）": the unit the 项目资金 label prints, no value.
        if (text.Length <= 6 && FormPatterns.CurrencyIn(TextCleaner.Compact(text)) is not null) return new(text, Kind.Label, "Currency", null, default, piece, ri);
        if (matcher.MatchLevel(text) is { IsExact: true } level) return new(text, Kind.Level, null, level, default, piece, ri);
        if (matcher.Match(text, LabelKinds.All) is { IsExact: true } label) return new(text, Kind.Label, label.Kind, null, default, piece, ri);
        return new(text, Kind.Text, null, null, default, piece, ri);
    }

    /// <summary>An organisation's name (a 主管部门 or 实施单位), by how such names end.</summary>
    private static bool IsOrganisation(string text) => OrganisationEnd().IsMatch(text);

    /// <summary>A goal's sentence rather than a name: punctuated, or long.</summary>
    private static bool IsSentence(string text) => text.Length >= 20 || text.IndexOfAny(['。', '；', '，', ';']) >= 0;

    private static bool IsMeasure(string text) => MeasureLike().IsMatch(text);

    [GeneratedRegex(@"(局|委员会|委|中心|办公室|办|政府|办事处|街道|镇|所|站|院|馆|队|学校|医院|公司|处|部|厅|会|社|室|园|场)$")]
    private static partial Regex OrganisationEnd();

    [GeneratedRegex(@"^[=<>≥≤＝]|\d|%")]
    private static partial Regex MeasureLike();

    /// <summary>One form's reading: the tokens, which of them are taken, and the builder.</summary>
    private sealed class Reading(TemplateModel model, FormBuilder b, List<Token> t, bool[] used)
    {
        private int fundingStart = -1, fundingEnd = -1;
        private decimal fundingWeight;

        // ── Funding ────────────────────────────────────────────────────────────────────────────────

        /// <summary>The 项目资金 block: true when its 年度资金总额 line holds by its own arithmetic.</summary>
        public bool Funding()
        {
            for (var r = 0; r < t.Count; r++)
            {
                if (!t[r].IsRate || t[r].Figure.Value is <= 0 or > 200) continue;
                var (from, to) = RunAround(r);
                if (!RateFromAmounts(from, to, r)) continue;
                var line = ColumnHeaded(from, to) ? ByColumns(from, to) : ByRows(from, to, r);
                if (line is not { } total) continue;
                fundingStart = from;
                fundingEnd = to;
                for (var i = from; i <= to; i++) used[i] = true;
                fundingWeight = total.Weight ?? 0;
                return Holds(total);
            }
            return false;
        }

        private static bool Holds(FundingLine l) =>
            l is { AnnualBudget: > 0, Executed: not null, ExecutionRate: not null } &&
            Math.Abs(l.Executed.Value / l.AnnualBudget.Value * 100 - l.ExecutionRate.Value) <= 0.1m;

        /// <summary>
        /// Whether two amounts give the rate: amounts before it (a line prints its amounts, then 分值, then 执行率), or
        /// anywhere in a block written by columns. An indicator's "100%" followed by its 分值 and 得分 (20, 20) has none.
        /// </summary>
        private bool RateFromAmounts(int from, int to, int r)
        {
            var rate = t[r].Figure.Value;
            var amounts = Enumerable.Range(from, (ColumnHeaded(from, to) ? to : r) - from + 1).Where(i => t[i].Kind is Kind.Figure && !t[i].Figure.Percent)
                .Select(i => t[i].Figure.Value).ToList();
            return amounts.Any(a => a > 0 && amounts.Any(e => Math.Abs(e / a * 100 - rate) <= 0.1m));
        }

        /// <summary>The run of figures, placeholders and funding labels the rate stands in.</summary>
        private (int From, int To) RunAround(int r)
        {
            bool InRun(Token x) => x.Kind is Kind.Figure or Kind.Placeholder || x.Kind is Kind.Label && FundingLabels.Contains(x.Label);
            var from = r;
            while (from > 0 && InRun(t[from - 1])) from--;
            var to = r;
            while (to + 1 < t.Count && InRun(t[to + 1])) to++;
            // Where the block prints its labels, its figures follow them: figures before its first label are another
            // block's (a 总分's "100 99.49" just before a 项目资金 block).
            var firstLabel = Enumerable.Range(from, r - from).FirstOrDefault(i => t[i].Kind is Kind.Label, -1);
            if (firstLabel > from) from = firstLabel;
            return (from, to);
        }

        /// <summary>A block written column by column: its column labels stand each before its own figures.</summary>
        private bool ColumnHeaded(int from, int to)
        {
            var headed = 0;
            for (var i = from; i < to; i++)
                if (t[i].Kind is Kind.Label && LabelKinds.FundingColumns.Contains(t[i].Label) && t[i + 1].Kind is Kind.Figure or Kind.Placeholder)
                    headed++;
            return headed >= 3;
        }

        private FundingLine? ByColumns(int from, int to)
        {
            // The lines the block names, in its order; a block that names none has the template's four.
            var lines = Enumerable.Range(from, to - from + 1).Where(i => t[i].Kind is Kind.Label && LabelKinds.FundingLines.Contains(t[i].Label))
                .Select(i => t[i].Label!).Distinct().ToList();
            if (lines.Count == 0) lines = [.. LabelKinds.FundingLines];
            var slots = lines.ToDictionary(l => l, _ => new (decimal? Value, RawCell? Cell)[6]);
            var columns = new List<(int Column, Token Label, List<Token> Values)>();
            for (var i = from; i <= to; i++)
            {
                if (t[i].Kind is not Kind.Label) continue;
                var column = Array.IndexOf(LabelKinds.FundingColumns, t[i].Label);
                if (column < 0) continue;
                var values = new List<Token>();
                for (var j = i + 1; j <= to && t[j].Kind is Kind.Figure or Kind.Placeholder; j++) values.Add(t[j]);
                columns.Add((column, t[i], values));
            }
            // A column with a cell for every line (a "—" prints) says which lines hold figures at all; a shorter column
            // (its empty cells printed nothing) belongs to exactly those lines when it has as many figures as they are.
            var live = Enumerable.Range(0, lines.Count)
                .Where(k => columns.Any(c => c.Values.Count == lines.Count && c.Values[k].Kind is Kind.Figure)).ToList();
            foreach (var (column, label, values) in columns)
            {
                var rows = values.Count == lines.Count ? Enumerable.Range(0, lines.Count).ToList()
                    : values.Count == live.Count && live.Count < lines.Count ? live
                    : Enumerable.Range(0, Math.Min(values.Count, lines.Count)).ToList();
                // Otherwise the column's cells are the lines at its top, and it says so.
                if (values.Count < lines.Count && rows != live && values.Count > 1)
                    b.Warn(DiagnosticCodes.FundingByOrder,
                        $"“{label.Text}”一列只有 {values.Count} 个数，各属哪一资金行无从判定，按自上而下的顺序归入前 {values.Count} 行", values[0].Cell, values[0].Row, "funding");
                for (var k = 0; k < rows.Count; k++)
                    if (values[k].Kind is Kind.Figure && values[k].Figure.Percent == (column == 4))
                        slots[lines[rows[k]]][column] = (values[k].Figure.Value, values[k].Cell);
            }
            foreach (var (kind, s) in slots)
            {
                var path = FundingReader.PathOf(kind);
                string[] fields = ["initialBudget", "annualBudget", "executed", "weight", "executionRate", "score"];
                for (var k = 0; k < 6; k++)
                    if (s[k].Cell is { } cell) b.From($"{path}.{fields[k]}", cell, t[from].Row);
                StandardFormNormalizer.Assign(b, kind, new FundingLine
                {
                    InitialBudget = s[0].Value, AnnualBudget = s[1].Value, Executed = s[2].Value,
                    Weight = s[3].Value, ExecutionRate = s[4].Value, Score = s[5].Value,
                });
            }
            return b.Total;
        }

        private FundingLine? ByRows(int from, int to, int rate)
        {
            // Line labels between the figures: each line's figures follow its label, read as a line of layout text is.
            var labelled = Enumerable.Range(from, to - from + 1)
                .Where(i => t[i].Kind is Kind.Label && LabelKinds.FundingLines.Contains(t[i].Label) && i < to && t[i + 1].Kind is Kind.Figure or Kind.Placeholder)
                .ToList();
            if (labelled.Count > 0)
            {
                foreach (var at in labelled)
                {
                    var cells = new List<RawCell>();
                    for (var j = at + 1; j <= to && t[j].Kind is Kind.Figure or Kind.Placeholder; j++) cells.Add(t[j].Cell);
                    StandardFormNormalizer.Assign(b, t[at].Label!, FundingReader.Read(b, t[at].Label!, cells, t[at].Row, null, false));
                }
                return b.Total;
            }
            // The figures alone, in row order: the 年度资金总额 line is the one with the rate, ending at its 得分.
            var figures = Enumerable.Range(from, to - from + 1).Where(i => t[i].Kind is Kind.Figure or Kind.Placeholder).ToList();
            var at2 = figures.IndexOf(rate);
            var end = at2 + 1 < figures.Count && t[figures[at2 + 1]].IsPoints ? at2 + 1 : at2;
            var totalCells = figures[..(end + 1)].Select(i => t[i].Cell).ToList();
            if (totalCells.Count(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out var n) && !n.Percent) > 5) return null;
            b.Total = FundingReader.Read(b, "FundingTotal", totalCells, t[rate].Row, null, false);
            // The other lines: each ends at the placeholder its 分值 prints, or at its 得分 when it prints a rate; read
            // one by one when these cut the rest into exactly the lines the template has, else left over.
            var rest = figures[(end + 1)..];
            var groups = new List<List<int>>();
            var current = new List<int>();
            string[] others = ["FundingFiscal", "FundingCarryover", "FundingOther"];
            for (var k = 0; k < rest.Count; k++)
            {
                current.Add(rest[k]);
                // A line that prints its own rate ends at the 得分 after it (a 上年结转资金 line scored like the total).
                var closes = t[rest[k]].Kind is Kind.Placeholder && (k + 1 == rest.Count || t[rest[k + 1]].Kind is Kind.Figure) ||
                             k > 0 && t[rest[k - 1]].IsRate && t[rest[k]].IsPoints;
                if (closes) { groups.Add(current); current = []; }
            }
            if (current.Count > 0) groups.Add(current);
            // Three amounts a line, six with its 分值, rate and 得分.
            if (groups.Count == others.Length && groups.All(g => g.Count(i => t[i].Kind is Kind.Figure) <= (g.Any(i => t[i].IsRate) ? 6 : 3)))
                for (var k = 0; k < groups.Count; k++)
                    StandardFormNormalizer.Assign(b, others[k], FundingReader.Read(b, others[k], [.. groups[k].Select(i => t[i].Cell)], t[groups[k][0]].Row, null, false));
            else if (rest.Any(i => t[i].Kind is Kind.Figure))
                b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                    $"年度资金总额之外的资金数字（{string.Join("、", rest.Where(i => t[i].Kind is Kind.Figure).Select(i => t[i].Text))}）无法确定各属哪一行，未读取",
                    t[rest[0]].Cell, t[rest[0]].Row, "funding");
            return b.Total;
        }

        // ── Header and goals ───────────────────────────────────────────────────────────────────────

        /// <summary>
        /// Values that follow a run of labels are the run's, each to the first label of its kind still open: an
        /// organisation's name to 主管部门 and 实施单位, anything else to 项目名称, a sentence to the goals.
        /// </summary>
        public void HeaderAndGoals()
        {
            if (Enumerable.Range(0, t.Count - 1).Select(i => FormPatterns.YearIn(TextCleaner.Compact(t[i].Text + t[i + 1].Text)) is { } y ? (y, i) : ((int, int)?)null)
                    .FirstOrDefault(x => x is not null) is var (year, yi))
            {
                b.Year = year;
                b.From("year", t[yi].Cell, t[yi].Row);
                used[yi] = true;
                if (t[yi + 1].Kind is Kind.Text or Kind.Figure && FormPatterns.YearIn(TextCleaner.Compact(t[yi].Text)) is null) used[yi + 1] = true;
            }
            if (t.FirstOrDefault(x => x.Text.Length <= 10 && FormPatterns.CurrencyIn(TextCleaner.Compact(x.Text)) is not null) is { } unit)
            {
                b.CurrencyUnit = FormPatterns.CurrencyIn(TextCleaner.Compact(unit.Text));
                b.From("currencyUnit", unit.Cell, unit.Row);
            }
            var open = new HashSet<string>(TextValueLabels);
            for (var i = 0; i < t.Count; i++)
            {
                if (t[i].Kind is not (Kind.Label or Kind.Level)) continue;
                var run = new List<string>();
                var j = i;
                for (; j < t.Count && t[j].Kind is Kind.Label or Kind.Level; j++)
                    if (t[j].Label is { } l && open.Contains(l)) run.Add(l);
                var values = new List<int>();
                for (var k = j; k < t.Count && t[k].Kind is Kind.Text && !used[k]; k++) values.Add(k);
                foreach (var label in run)
                    if (values.FirstOrDefault(v => !used[v] && Fits(label, t[v].Text), -1) is var v and >= 0)
                    {
                        Set(label, v);
                        open.Remove(label);
                    }
                i = j - 1;
            }
            // Goals the labels did not reach: the sentences nobody took, when they are exactly the two the block holds.
            if (open.Contains("Planned") && open.Contains("Achieved"))
            {
                var sentences = Enumerable.Range(0, t.Count).Where(i => !used[i] && t[i].Kind is Kind.Text && IsSentence(t[i].Text)).ToList();
                if (sentences.Count == 2)
                {
                    Set("Planned", sentences[0]);
                    Set("Achieved", sentences[1]);
                }
            }
        }

        private static bool Fits(string label, string text) => label switch
        {
            "Department" or "ImplementingUnit" => IsOrganisation(text) && !IsSentence(text),
            "ProjectName" => !IsOrganisation(text) && !(text.Length >= 20 && text.Contains('。')),
            _ => IsSentence(text),
        };

        private void Set(string label, int at)
        {
            used[at] = true;
            var (path, text) = (label switch
            {
                "ProjectName" => "projectName", "Department" => "department", "ImplementingUnit" => "implementingUnit",
                "Planned" => "goals.planned", _ => "goals.achieved",
            }, t[at].Text);
            var value = b.Repair(text, t[at].Cell, path);
            switch (label)
            {
                case "ProjectName": b.ProjectName = value; break;
                case "Department": b.Department = value; break;
                case "ImplementingUnit": b.ImplementingUnit = value; break;
                case "Planned": b.Planned = value; break;
                default: b.Achieved = value; break;
            }
            b.From(path, t[at].Cell, t[at].Row);
        }

        // ── Indicators ─────────────────────────────────────────────────────────────────────────────

        /// <summary>The 绩效指标 rows; true when their 分值 add up to the printed total's (or to 100 with the funding's).</summary>
        public bool Indicators()
        {
            var stream = Enumerable.Range(0, t.Count).Where(i => !used[i] && (i < fundingStart || i > fundingEnd)).ToList();
            var actualFirst = IndexOfLabel("HdrActual") is var a and >= 0 && IndexOfLabel("HdrTarget") is var tg and >= 0 && a < tg;
            var read = ColumnWise(stream) ? ByColumns(stream, actualFirst) : ByRows(stream, actualFirst);
            if (!read || b.Indicators.Count == 0) return false;
            var sum = b.Indicators.Sum(i => i.Weight ?? 0);
            return b.TotalWeight is { } w ? sum + fundingWeight == w || sum == w : sum + fundingWeight == 100;
        }

        private int IndexOfLabel(string kind) => t.FindIndex(x => x.Kind is Kind.Label && x.Label == kind);

        /// <summary>The indicator table written column by column: 三级指标 before its names, 分值 before its figures.</summary>
        private bool ColumnWise(List<int> stream)
        {
            bool Before(string kind, Func<Token, bool> value) =>
                stream.Zip(stream.Skip(1)).Any(p => t[p.First].Kind is Kind.Label && t[p.First].Label == kind && value(t[p.Second]));
            return Before("HdrName", x => x.Kind is Kind.Text) && Before("HdrWeight", x => x.IsPoints);
        }

        private bool ByColumns(List<int> stream, bool actualFirst)
        {
            var columns = new Dictionary<string, List<int>>();
            string? column = null;
            List<int>? headerless = null;
            var pages = new List<List<int>>();
            foreach (var i in stream)
            {
                if (t[i].Kind is Kind.Label)
                {
                    column = MeasureColumns.Contains(t[i].Label) ? t[i].Label : null;
                    if (column is not null) columns.TryAdd(column, []);
                    // 绩效指标 or 总分 with no column label after it: a page printed without the header, its columns to come.
                    else if (t[i].Label is "IndicatorSection" or "Total" && headerless is not { Count: 0 }) pages.Add(headerless = []);
                    if (column is not null) headerless = null;
                    continue;
                }
                // A level name is no value of a name, measure, 分值, 得分 or note column, nor comes after a headerless
                // page's values: a headerless page begins (its 绩效指标 label may be lost with the vertical text it
                // was printed as).
                if (t[i].Kind is Kind.Level && (column is not (null or "HdrLevel1" or "HdrLevel2") ||
                                                 column is null && headerless is { Count: > 0 } && t[headerless[^1]].Kind is not Kind.Level))
                {
                    column = null;
                    pages.Add(headerless = []);
                }
                if (column is not null) columns[column].Add(i);
                else headerless?.Add(i);
            }
            List<int> Column(string kind) => columns.TryGetValue(kind, out var cells) ? cells : columns[kind] = [];
            foreach (var page in pages) DealHeaderless(page, Column, actualFirst);
            var names = Column("HdrName");
            var rows = names.Count;
            if (rows == 0) return false;
            var weights = Column("HdrWeight").Where(i => t[i].IsPoints).ToList();
            var scores = Column("HdrScore").Where(i => t[i].IsPoints).ToList();
            // The 总分 row writes its 100 and its total at the foot of the 分值 and 得分 columns.
            if (weights.Count == rows + 1) { SetTotal(weights[^1], null); weights.RemoveAt(rows); }
            if (scores.Count == rows + 1) { SetTotal(null, scores[^1]); scores.RemoveAt(rows); }
            for (var k = 0; k < rows; k++) b.Indicators.Add(new Indicator());
            Fill(names, rows, "name", (ind, i) => ind with { Name = b.Repair(t[i].Text, t[i].Cell, $"indicators[{names.IndexOf(i)}].name") });
            // A column's cells go to the rows in order only where the 分值 then add up with the funding's to the total
            // (or 100): a cell left empty in the middle and the 总分's at the foot make as many cells as rows, shifted.
            var expected = b.TotalWeight ?? 100;
            var sum = weights.Count == rows ? weights.Sum(i => t[i].Figure.Value) : -1;
            // And each row's 得分 within its 分值: a 分值 column and a 得分 column dealt out of step put a score over a
            // weight (the form's own such slip is the checker's to find, but here it cannot be told from ours).
            var inStep = scores.Count != rows || weights.Count != rows ||
                         Enumerable.Range(0, rows).All(k => t[scores[k]].Figure.Value <= t[weights[k]].Figure.Value);
            if ((sum + fundingWeight == expected || sum == expected) && inStep)
            {
                Fill(weights, rows, "weight", (ind, i) => ind with { Weight = t[i].Figure.Value });
                Fill(scores, rows, "score", (ind, i) => ind with { Score = t[i].Figure.Value });
            }
            else if (weights.Count == rows && scores.Count == rows && !inStep)
                b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                    $"{rows} 行指标的分值列与得分列逐行对照时有得分超过分值：两列无从确定是否对齐，未读取", t[weights[0]].Cell, t[weights[0]].Row, "indicators");
            else if (weights.Count > 0)
                b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                    $"{rows} 行指标的分值列有 {weights.Count} 个数，合计 {weights.Sum(i => t[i].Figure.Value)} 与总分的分值 {expected} 对不上：各行的分值与得分无从对应，未读取",
                    t[weights[0]].Cell, t[weights[0]].Row, "indicators");
            Fill(Column("HdrTarget"), rows, "target", (ind, i) => ind with { Target = t[i].Text });
            Fill(Column("HdrActual"), rows, "actual", (ind, i) => ind with { Actual = t[i].Text });
            var notes = Column("HdrNote");
            var shortRows = Enumerable.Range(0, rows).Where(k => b.Indicators[k] is { Weight: { } w, Score: { } s } && s < w).ToList();
            if (notes.Count == shortRows.Count && notes.Count < rows)
                for (var k = 0; k < notes.Count; k++) SetIndicator(shortRows[k], "note", notes[k], ind => ind with { Note = t[notes[k]].Text });
            else Fill(notes, rows, "note", (ind, i) => ind with { Note = t[i].Text });
            PlaceLevels(Column("HdrLevel1").Concat(Column("HdrLevel2")).Where(i => t[i].Kind is Kind.Level).Order().ToList());
            return true;
        }

        /// <summary>
        /// A page of the table printed without its header and written column by column: its 二级指标, then k names, k
        /// of each measure (in the header's order), k 分值 and k 得分 (each with the 总分's at its foot where the 总分
        /// row is on this page), then its notes. k is the count that makes the 分值 and 得分 runs land on figures; none
        /// or several such counts leave the page unread (its words are reported with the other leftovers).
        /// </summary>
        private void DealHeaderless(List<int> page, Func<string, List<int>> column, bool actualFirst)
        {
            var levels = page.Where(i => t[i].Kind is Kind.Level).ToList();
            var rest = page.Where(i => t[i].Kind is not Kind.Level).ToList();
            var fits = new List<(int Rows, int Foot)>();
            for (var k = 1; 5 * k <= rest.Count; k++)
                foreach (var foot in new[] { 0, 1 })
                {
                    var end = 3 * k + 2 * (k + foot);
                    if (end > rest.Count || rest.Count - end > k) continue;
                    var points = rest.Skip(3 * k).Take(2 * (k + foot)).All(i => t[i].IsPoints);
                    var words = rest.Take(k).All(i => t[i].Kind is Kind.Text && !IsMeasure(t[i].Text));
                    // What follows the 得分 are notes: words, never figures.
                    var notes = rest.Skip(end).All(i => t[i].Kind is Kind.Text);
                    if (points && words && notes) fits.Add((k, foot));
                }
            if (fits.Count != 1) return;
            var (rows, f) = fits[0];
            var (second, third) = actualFirst ? ("HdrActual", "HdrTarget") : ("HdrTarget", "HdrActual");
            column("HdrName").AddRange(rest.Take(rows));
            column(second).AddRange(rest.Skip(rows).Take(rows));
            column(third).AddRange(rest.Skip(2 * rows).Take(rows));
            column("HdrWeight").AddRange(rest.Skip(3 * rows).Take(rows + f));
            column("HdrScore").AddRange(rest.Skip(4 * rows + f).Take(rows + f));
            column("HdrNote").AddRange(rest.Skip(5 * rows + 2 * f));
            column("HdrLevel2").AddRange(levels);
        }

        /// <summary>A column's cells to the rows one to one, or, when their counts differ, to none (left over, with a warning).</summary>
        private void Fill(List<int> column, int rows, string field, Func<Indicator, int, Indicator> set)
        {
            if (column.Count == rows)
            {
                for (var k = 0; k < rows; k++) SetIndicator(k, field, column[k], ind => set(ind, column[k]));
                return;
            }
            if (column.Count > 0)
                b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                    $"{rows} 行指标，该列却有 {column.Count} 个单元格（{string.Join("、", column.Take(8).Select(i => t[i].Text))}），无法一一对应，未读取",
                    t[column[0]].Cell, t[column[0]].Row, "indicators");
        }

        private void SetIndicator(int k, string field, int token, Func<Indicator, Indicator> set)
        {
            b.Indicators[k] = set(b.Indicators[k]);
            b.From($"indicators[{k}].{field}", t[token].Cell, t[token].Row);
            used[token] = true;
        }

        private void SetTotal(int? weight, int? score)
        {
            if (weight is { } w) { b.TotalWeight = t[w].Figure.Value; b.From("totalWeight", t[w].Cell, t[w].Row); used[w] = true; }
            if (score is { } s) { b.TotalScore = t[s].Figure.Value; b.From("totalScore", t[s].Cell, t[s].Row); used[s] = true; }
        }

        /// <summary>
        /// 二级指标 written apart from their rows (all before the first row, or in a column of their own): one to one when
        /// there are as many as rows, else not placed — which rows a merged cell covered is not in the text.
        /// </summary>
        private void PlaceLevels(List<int> levels)
        {
            var level2s = levels.Where(i => !t[i].Level!.IsLevel1).ToList();
            if (level2s.Count == b.Indicators.Count)
            {
                for (var k = 0; k < level2s.Count; k++)
                {
                    var name = t[level2s[k]].Level!.Name;
                    SetIndicator(k, "level2", level2s[k], ind => ind with { Level2 = name, Level1 = model.ParentOf(name) });
                    b.From($"indicators[{k}].level1", t[level2s[k]].Cell, t[level2s[k]].Row);
                }
                return;
            }
            if (level2s.Count > 0 && level2s.Count < b.Indicators.Count && SpansByCues(level2s) is { } spans)
            {
                for (var k = 0; k < spans.Length; k++)
                {
                    if (spans[k] < 0) continue;
                    var name = t[level2s[spans[k]]].Level!.Name;
                    b.Indicators[k] = b.Indicators[k] with { Level2 = name, Level1 = model.ParentOf(name) };
                    b.From($"indicators[{k}].level2", t[level2s[spans[k]]].Cell, t[level2s[spans[k]]].Row, placedBy: "level-cues");
                    b.From($"indicators[{k}].level1", t[level2s[spans[k]]].Cell, t[level2s[spans[k]]].Row, placedBy: "level-cues");
                }
                foreach (var i in level2s) used[i] = true;
                b.Warn(DiagnosticCodes.OrderFree,
                    $"{b.Indicators.Count} 行指标共 {level2s.Count} 个二级指标，合并单元格各跨哪几行不在文字中：按各行名称与指标值所属的类别（数量、质量、时效……）推定{(spans.Contains(-1) ? "，无从判定的行留空" : "")}", t[level2s[0]].Cell, t[level2s[0]].Row, "indicators");
                return;
            }
            if (level2s.Count > 0)
                b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                    $"{b.Indicators.Count} 行指标，二级指标却有 {level2s.Count} 个（{string.Join("、", level2s.Select(i => t[i].Text))}）：合并单元格各跨哪几行不在文字中，一、二级指标未读取",
                    t[level2s[0]].Cell, t[level2s[0]].Row, "indicators");
        }

        /// <summary>
        /// Which 二级指标 each row falls under, when the text kept the 二级指标 in order but not which rows each spanned:
        /// every 二级指标 takes a run of consecutive rows (at least one), in order, and the runs chosen are those whose rows'
        /// names and measures agree best with their 二级指标's cues (models' levelCues). A row gets the 二级指标 every best
        /// choice gives it; a row the best choices disagree on gets none (-1). Null when no row agrees with any cue.
        /// </summary>
        private int[]? SpansByCues(List<int> level2s)
        {
            var rows = b.Indicators.Count;
            var m = level2s.Count;
            var cues = level2s.Select(i => model.LevelCues.FirstOrDefault(c => c.Level2 == t[i].Level!.Name).Pattern).ToArray();
            var score = new int[rows, m];
            for (var r = 0; r < rows; r++)
                for (var j = 0; j < m; j++)
                    if (cues[j] is { } cue && b.Indicators[r] is var ind)
                        score[r, j] = (ind.Name is { } n && cue.IsMatch(n) ? 2 : 0) + (ind.Target is { } tg && cue.IsMatch(tg) ? 1 : 0) +
                                      (ind.Actual is { } a && cue.IsMatch(a) ? 1 : 0);
            int Run(int j, int s, int e) { var sum = 0; for (var r = s; r < e; r++) sum += score[r, j]; return sum; }
            const int None = int.MinValue / 2;
            // ahead[j, i]: the best agreement of rows [0, i) under levels [0, j); behind[j, i]: of rows [i, rows) under levels [j, m).
            var ahead = new int[m + 1, rows + 1];
            var behind = new int[m + 1, rows + 1];
            for (var j = 0; j <= m; j++) for (var i = 0; i <= rows; i++) ahead[j, i] = behind[j, i] = None;
            ahead[0, 0] = 0;
            behind[m, rows] = 0;
            for (var j = 1; j <= m; j++)
                for (var i = j; i <= rows; i++)
                    for (var s = j - 1; s < i; s++)
                        if (ahead[j - 1, s] > None) ahead[j, i] = Math.Max(ahead[j, i], ahead[j - 1, s] + Run(j - 1, s, i));
            for (var j = m - 1; j >= 0; j--)
                for (var i = rows - (m - j); i >= 0; i--)
                    for (var e = i + 1; e <= rows; e++)
                        if (behind[j + 1, e] > None) behind[j, i] = Math.Max(behind[j, i], Run(j, i, e) + behind[j + 1, e]);
            var best = ahead[m, rows];
            if (best <= 0) return null;
            var possible = new HashSet<int>[rows];
            for (var r = 0; r < rows; r++) possible[r] = [];
            for (var j = 0; j < m; j++)
                for (var s = 0; s < rows; s++)
                    for (var e = s + 1; e <= rows; e++)
                        if (ahead[j, s] > None && behind[j + 1, e] > None && ahead[j, s] + Run(j, s, e) + behind[j + 1, e] == best)
                            for (var r = s; r < e; r++) possible[r].Add(j);
            return [.. possible.Select(p => p.Count == 1 ? p.First() : -1)];
        }

        /// <summary>
        /// Rows in row order, each ending at its 分值/得分 pair: the words since the last pair are its name, target and
        /// actual (a note of the row before first, where that row lost points); levels between rows set the row's level.
        /// </summary>
        private bool ByRows(List<int> stream, bool actualFirst)
        {
            var pending = new List<int>();
            var listed = new List<int>();
            string? level1 = null, level2 = null;
            int? levelToken = null;
            var rowsSeen = 0;
            var sawTotalLabel = false;
            for (var p = 0; p < stream.Count; p++)
            {
                var i = stream[p];
                var x = t[i];
                if (x.Kind is Kind.Level)
                {
                    listed.Add(i);
                    if (x.Level!.IsLevel1) level1 = x.Level.Name;
                    else { level2 = x.Level.Name; level1 = model.ParentOf(level2); levelToken = i; }
                    continue;
                }
                // 总分 right before a pair names it the total; words between (a template layer's 总分, far from its
                // figures) undo that.
                if (x.Kind is Kind.Label) { sawTotalLabel = x.Label == "Total" || sawTotalLabel && x.Label is null; continue; }
                if (x.Kind is Kind.Placeholder) continue;
                // A sentence is a goal or a note, never a name or a measure: left over unless a note takes it.
                if (!x.IsPoints) { pending.Add(i); sawTotalLabel = false; continue; }
                // A run of figures: an odd one out at its head is the row's measure ("90" as 实际完成值), the rest pairs.
                var run = new List<int>();
                while (p < stream.Count && t[stream[p]].IsPoints) run.Add(stream[p++]);
                p--;
                if (run.Count % 2 == 1) { pending.Add(run[0]); run.RemoveAt(0); }
                for (var k = 0; k + 1 < run.Count; k += 2)
                {
                    var (w, s) = (run[k], run[k + 1]);
                    // The 总分's pair: labelled so, or a 分值 that is the rows' own sum (with the funding's) — the total's
                    // arithmetic; a row's weight never is.
                    var isTotal = sawTotalLabel || rowsSeen > 1 && IsTotalPair(w, s) && !pending.Any(q => IsMeasure(t[q].Text));
                    if (isTotal)
                    {
                        SetTotal(w, s);
                        sawTotalLabel = false;
                        TakeNote(pending);
                        pending = [];
                        continue;
                    }
                    AddRow(pending, w, s, actualFirst, rowsSeen == 0 && listed.Count(l => !t[l].Level!.IsLevel1) > 1 ? null : (level1, level2, levelToken));
                    pending = [];
                    rowsSeen++;
                }
            }
            TakeNote(pending);
            // An unlabelled 总分 whose score does not add up (the form's own discrepancy, the checker's to report) is
            // still the last pair, with the 分值 the rows and the funding add up to.
            if (b.TotalWeight is null && b.Indicators.Count > 1 && b.Indicators[^1] is { Name: null, Target: null, Weight: { } lw } &&
                fundingWeight > 0 && lw == b.Indicators.Take(b.Indicators.Count - 1).Sum(i => i.Weight ?? 0) + fundingWeight)
            {
                var last = b.Indicators.Count - 1;
                var (wt, st) = (b.Provenance[$"indicators[{last}].weight"], b.Provenance[$"indicators[{last}].score"]);
                (b.TotalWeight, b.TotalScore) = (lw, b.Indicators[^1].Score);
                b.Indicators.RemoveAt(last);
                foreach (var key in b.Provenance.Keys.Where(k => k.StartsWith($"indicators[{last}].", StringComparison.Ordinal)).ToList()) b.Provenance.Remove(key);
                b.Sources.RemoveAll(x => x.Key.StartsWith($"indicators[{last}].", StringComparison.Ordinal));
                b.Provenance["totalWeight"] = wt;
                b.Provenance["totalScore"] = st;
                b.Sources.Add(new("totalWeight", wt));
                b.Sources.Add(new("totalScore", st));
            }
            // Levels all written before the first row (the printed template's layer) are a list, not the rows' own.
            if (b.Indicators.Count > 0 && b.Indicators.All(ind => ind.Level2 is null)) PlaceLevels(listed);
            return b.Indicators.Count > 0;
        }

        /// <summary>
        /// The 总分's pair by its arithmetic: its 分值 is the rows' and the funding's added up, its 得分 theirs within
        /// rounding. A row's pair that happens to equal the rows so far (2, 1 after two rows of 1) does not add up both.
        /// </summary>
        private bool IsTotalPair(int w, int s)
        {
            if (fundingWeight <= 0) return false;
            var weights = b.Indicators.Sum(i => i.Weight ?? 0) + fundingWeight;
            var scores = b.Indicators.Sum(i => i.Score ?? 0) + (b.Total?.Score ?? 0);
            return t[w].Figure.Value == weights && Math.Abs(t[s].Figure.Value - scores) <= 0.05m * Math.Max(1, b.Indicators.Count);
        }

        /// <summary>Words after the last row's pair: its note, where it lost points.</summary>
        private void TakeNote(List<int> words)
        {
            if (words.Count == 0 || b.Indicators.Count == 0 || b.Indicators[^1] is not { Weight: { } w, Score: { } s, Note: null } || s >= w) return;
            SetIndicator(b.Indicators.Count - 1, "note", words[0], ind => ind with { Note = string.Join("", words.Select(i => t[i].Text)) });
            words.ForEach(i => used[i] = true);
        }

        private void AddRow(List<int> words, int weight, int score, bool actualFirst, (string? Level1, string? Level2, int? Token)? level)
        {
            var k = b.Indicators.Count;
            b.Indicators.Add(new Indicator { Weight = t[weight].Figure.Value, Score = t[score].Figure.Value });
            b.From($"indicators[{k}].weight", t[weight].Cell, t[weight].Row);
            b.From($"indicators[{k}].score", t[score].Cell, t[score].Row);
            used[weight] = used[score] = true;
            if (level is { Level2: { } l2 } lv)
            {
                b.Indicators[k] = b.Indicators[k] with { Level1 = lv.Level1, Level2 = l2 };
                if (lv.Token is { } lt) { b.From($"indicators[{k}].level2", t[lt].Cell, t[lt].Row); b.From($"indicators[{k}].level1", t[lt].Cell, t[lt].Row); }
            }
            // The row before lost points: the first words are its note, when more words stand than a row holds.
            var start = 0;
            if (k > 0 && b.Indicators[k - 1] is { Weight: { } pw, Score: { } ps } && ps < pw && words.Count >= 2 &&
                (words.Count >= 4 || !IsMeasure(t[words[^1]].Text)))
            {
                start = words.Count >= 4 ? words.Count - 3 : 1;
                var note = string.Join("", words[..start].Select(i => t[i].Text));
                SetIndicator(k - 1, "note", words[0], ind => ind with { Note = note });
            }
            var own = words[start..];
            if (own.Count == 0) return;
            // The name stands before the two measures; words before the name are no part of the row (left over), and a
            // name is words, never a figure (an amount the funding block's run did not reach).
            var nameEnd = own.Count >= 3 ? own.Count - 2 : own.Count == 2 && IsMeasure(t[own[1]].Text) ? 1 : own.Count;
            var nameAt = own[nameEnd - 1];
            if (t[nameAt].Kind is not Kind.Text) return;
            if (!t[nameAt].Text.Contains('。'))
                SetIndicator(k, "name", nameAt, ind => ind with { Name = b.Repair(t[nameAt].Text, t[nameAt].Cell, $"indicators[{k}].name") });
            var measures = own[nameEnd..];
            if (measures.Count == 2)
            {
                var (target, actual) = actualFirst ? (measures[1], measures[0]) : (measures[0], measures[1]);
                SetIndicator(k, "target", target, ind => ind with { Target = t[target].Text });
                SetIndicator(k, "actual", actual, ind => ind with { Actual = t[actual].Text });
            }
            else if (measures.Count == 1)
                b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                    $"第 {k + 1} 行指标只有一个指标值“{t[measures[0]].Text}”，无从判定是年度指标值还是实际完成值，未读取",
                    t[measures[0]].Cell, t[measures[0]].Row, $"indicators[{k}]");
        }

        /// <summary>Figures and words nobody took, named in one warning: nothing is dropped in silence.</summary>
        public void ReportLeftovers()
        {
            var left = Enumerable.Range(0, t.Count).Where(i => !used[i] && t[i].Kind is Kind.Figure or Kind.Text).ToList();
            if (left.Count == 0) return;
            b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                $"未能归入任何栏目的内容 {left.Count} 项：{string.Join("、", left.Take(12).Select(i => t[i].Text))}{(left.Count > 12 ? "……" : "")}",
                t[left[0]].Cell, t[left[0]].Row);
        }
    }
}
