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
        if (matcher.Match(text, LabelKinds.All) is { IsExact: true } label && !NamesMore(text, label.Label))
            return new(text, Kind.Label, label.Kind, null, default, piece, ri);
        return new(text, Kind.Text, null, null, default, piece, ri);
    }

    /// <summary>
    /// A cell that holds a label and words of its own beyond a unit or a bracket: "预算执行率" is an indicator's name
    /// that holds 执行率, not the funding block's column (read as a label it ended the names' column, and every row's
    /// 分值 with it). "项目资金（元）", "得分(分)", "其中:当年财政拨款" stay labels.
    /// </summary>
    private static bool NamesMore(string text, string label)
    {
        var rest = Bracketed().Replace(text, "");
        var at = rest.IndexOf(label, StringComparison.Ordinal);
        if (at < 0) return false;
        rest = rest.Remove(at, label.Length);
        return rest.Count(c => c is >= '\u4e00' and <= '\u9fff' && c is not ('其' or '中')) >= 2;
    }

    [GeneratedRegex(@"[(（][^)）]*[)）]")]
    private static partial Regex Bracketed();

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
    private sealed partial class Reading(TemplateModel model, FormBuilder b, List<Token> t, bool[] used)
    {
        private int fundingStart = -1, fundingEnd = -1;
        private decimal fundingWeight;

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
