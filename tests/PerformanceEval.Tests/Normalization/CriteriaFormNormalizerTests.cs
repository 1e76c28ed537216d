using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using PerformanceEval.Normalization;
using PerformanceEval.Provenance;
using PerformanceEval.Tables;
using PerformanceEval.Templates;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>
/// The criteria template read from ruled PDFs printed by tools other than ours (the print shop's tuning half): a merged
/// 一级指标 that a page break cut from its rows, and a table going on on a page that does not print its header again.
/// The expected values are the printed forms' (the print shop's gold).
/// </summary>
public sealed class CriteriaFormNormalizerTests
{
    private static (CleanedForm Form, CleanedForm Gold) Read(string caseName)
    {
        var input = Fixtures.Input(caseName);
        var gold = ContractJson.Deserialize(File.ReadLines(Path.Combine(Path.GetDirectoryName(input)!, "expected.jsonl")).First());
        return (Assert.Single(Fixtures.Pipeline.Extract(input).Forms), gold);
    }

    [Fact]
    public void A_section_label_printed_apart_from_its_rows_by_a_page_break_keeps_its_rows()
    {
        // Calc centres a merged cell's text over its whole range: 投入与管理 / (59分) is printed between the first and the
        // second page's tables (beside none of its rows), and 影响力目标 / (13分), whose first row ends page two, is printed
        // under page two's table, its first row's own cell empty. The rows keep their sections, and only the printed four
        // sections are read (no "(59分)" section of its own).
        var (form, gold) = Read("shop-tune-criteria000-calc");
        Assert.Equal(gold.Indicators.Select(i => i.Level1), form.Indicators.Select(i => i.Level1));
        Assert.Equal(gold.Sections.Select(s => (s.Name, s.Weight)), form.Sections.Select(s => (s.Name, s.Weight)));
        // 长效机制健全 went to 影响力目标 because the weights said so (2 + 4 + 7 = 13; 效果目标's 6 + 5 + 5 = 16), not
        // because it stood there: its provenance says so.
        var moved = form.Indicators.Select((ind, k) => (ind, k)).Single(x => x.ind.Name == "长效机制健全").k;
        Assert.Equal("arithmetic", form.Provenance[$"indicators[{moved}].level1"].PlacedBy);
        Assert.DoesNotContain(form.Findings, f => f.Rule == "section-weight");
    }

    [Fact]
    public void A_table_going_on_on_a_page_without_its_header_is_read_under_the_first_pages_header()
    {
        // Chromium starts a new table on page two with widths of its own and no header: its rows are read in the header's
        // column order (their own x positions match nothing on page one).
        var (form, gold) = Read("shop-tune-criteria002-chromium");
        Assert.Equal(gold.Indicators.Select(i => (i.Name, i.Explanation, i.Weight, i.Score)),
            form.Indicators.Select(i => (i.Name, i.Explanation, i.Weight, i.Score)));
        Assert.Equal((gold.TotalWeight, gold.TotalScore), (form.TotalWeight, form.TotalScore));
    }

    /// <summary>
    /// Calc's PDF of a criteria form through <c>pdftotext -raw</c>: each row's one-line cells on its line (a name and an
    /// 指标解释, or only one of them, then 权重 and 自评得分), and every wrapped cell — the other names, the sections
    /// with their weights, the 评分规则 — written after the rows and before the 合计, where nothing says which row each
    /// belongs to.
    /// </summary>
    private const string RawCriteria = """
        2021年度财政项目绩效自评表
        项目名称 社区卫生服务能力提升项目 预算单位 上海市徐汇区民政局
        一级指标 指标名称 指标解释 权重 评分规则 自评得分 备注
        资金到位率 完成年度相关工作任务 6 6
        验收合格率 9 6
        完成年度相关工作任务 18 18
        投入
        （24分）
        财务（资产）管理制度的健全性和执行的
        有效性
        ①是否将项目绩效目标细化分解为具体的
        绩效指标和指标值；（8分）②项目合同
        合计 100 90.00
        """;

    [Fact]
    public void Raw_text_rows_are_read_by_their_two_figures_and_say_so_and_wrapped_lines_make_no_sections()
    {
        var form = Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("criteria.raw.txt", Encoding.UTF8.GetBytes(RawCriteria))).Forms);
        Assert.Equal("criteria", form.Template);
        Assert.Equal([(6m, 6m), (9m, 6m), (18m, 18m)], form.Indicators.Select(i => (i.Weight!.Value, i.Score!.Value)));
        // Two texts before the figures are the name and the 指标解释; one could be either (the other wrapped away): unread.
        Assert.Equal([("资金到位率", "完成年度相关工作任务"), (null, null), (null, null)], form.Indicators.Select(i => (i.Name, i.Explanation)));
        Assert.All(form.Indicators, i => Assert.Null(i.Level1));
        Assert.Empty(form.Sections);
        Assert.Equal((100m, 90.00m), (form.TotalWeight, form.TotalScore));
        // Every row read so is named in a warning, and the lines not read are counted in one.
        Assert.Equal(["indicators[0]", "indicators[1]", "indicators[2]"],
            form.Warnings.Where(w => w.Code == "table.read-by-position").Select(w => w.Field));
        Assert.Contains(form.Warnings, w => w.Code == "form.trailing-row" && w.Message.Contains("6 行", StringComparison.Ordinal));
    }

    [Fact]
    public void Raw_text_with_its_wrapped_cells_written_apart_is_not_cut_in_drawing_order()
    {
        // The same dump with weights that add up to its 合计: the rows could be paired, but the section label and the
        // rule after the last row are wrapped cells written apart from their rows, no 备注 of the last row's. The rows
        // are read by their figures only, each named in a warning, and no wrapped text lands in a cell.
        var text = RawCriteria.Replace("完成年度相关工作任务 18 18", "完成年度相关工作任务 85 80").Replace("合计 100 90.00", "合计 100 92");
        var form = Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("criteria.raw.txt", Encoding.UTF8.GetBytes(text))).Forms);
        Assert.Equal([(6m, 6m), (9m, 6m), (85m, 80m)], form.Indicators.Select(i => (i.Weight!.Value, i.Score!.Value)));
        Assert.All(form.Indicators, i => Assert.Null(i.Note));
        Assert.All(form.Indicators, i => Assert.Null(i.ScoringRule));
        Assert.Equal(3, form.Warnings.Count(w => w.Code == "table.read-by-position"));
    }

    /// <summary>
    /// Calc's <c>pdftotext -raw</c> of a criteria form whose title and labels are wrapped or merged cells: written after
    /// the head's values and the rows' one-line cells, the title among them. The rows before it are the form's.
    /// </summary>
    private const string RawCriteriaTitleAfter = """
        社区卫生服务能力提升项目 上海市徐汇区民政局
        综合科 是
        1,200,000.00 0.00
        1,080,000.00 90.00%
        项目年度目标：按计划推进项目实施。
        2023-04-01
        优
        按计划完成年度各项工作任务，资金使用规范。
        无
        无
        权重 备注
        资金到位率 完成年度相关工作任务 40 40
        预算执行率 60 50 部分资金未支付
        2022年度财政项目绩效自评表
        项目
        名称
        预算
        单位
        一级
        指标
        指标
        名称
        指标
        解释
        评分
        规则
        自评
        得分
        投入
        （100分）
        反映项目预算执行的进
        度
        合计 100 90
        """;

    [Fact]
    public void Rows_written_before_the_title_they_belong_under_are_that_forms()
    {
        var form = Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("criteria.raw.txt", Encoding.UTF8.GetBytes(RawCriteriaTitleAfter))).Forms);
        Assert.Equal("criteria", form.Template);
        Assert.Equal([(40m, 40m), (60m, 50m)], form.Indicators.Select(i => (i.Weight!.Value, i.Score!.Value)));
        // Text after a row's two figures, side by side, is its 备注.
        Assert.Equal([null, "部分资金未支付"], form.Indicators.Select(i => i.Note));
        Assert.Equal((100m, 90m), (form.TotalWeight, form.TotalScore));
        Assert.Equal(2022, form.Year);
        // Two rows on a line, then the title Calc writes first among the page's wrapped cells: Calc's order, so the
        // rows get their cells back from the wrapped lines (their section and the name that wrapped), not read by position.
        Assert.Equal([("投入", (decimal?)100m)], form.Sections.Select(s => (s.Name, s.Weight)));
        Assert.Equal([("投入", "资金到位率"), ("投入", "预算执行率")], form.Indicators.Select(i => (i.Level1, i.Name)));
        Assert.DoesNotContain(form.Warnings, w => w.Code == "table.read-by-position");
    }

    /// <summary>
    /// Writer's PDF of a print-shop criteria form (tuning half) through <c>pdftotext -raw</c>, its head as written: labels
    /// wrapped in their narrow cells a piece a line ("项目名" / "称", "当年预" / "算数" / "（元）"), a value wrapped likewise.
    /// </summary>
    private const string RawCriteriaHead = """
        2021 年度财政项目绩效自评表
        项目名
        称
        青浦区防汛物资储备工程 预算单位
        上海市青浦区退役军
        人事务局
        具体实
        施处
        （科
        室）
        规划建设科 是否为经常性项目 否
        当年预
        算数
        （元）
        1,737,112.00 上年预算金额（元） 0.00
        预算执
        行数
        （元）
        1,103,716.40 预算执行率（%） 63.54%
        项目年度总目标 项目年度目标：按计划推进项目实施。
        自评时间 2022-04-18
        绩效等级 良
        主要绩效 项目按进度推进，服务对象满意度较高，基本完成了年度绩效目标。
        主要问题 部分工作进度滞后于计划
        改进措施 进一步细化绩效目标，完善指标体系。
        一级指
        标
        指标名称 指标解释 权重 评分规则 自评得分 备注
        资金到位率 完成年度相关工作任务 24 20
        合计 100.00 83.00
        """;

    [Fact]
    public void A_plain_dumps_head_is_read_in_order_where_its_labels_came_a_piece_a_line()
    {
        var form = Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("criteria.raw.txt", Encoding.UTF8.GetBytes(RawCriteriaHead))).Forms);
        // The labels apart ("指标" / "解释" never on one line in such dumps) still make it the criteria template.
        Assert.Equal("criteria", form.Template);
        Assert.Equal(("青浦区防汛物资储备工程", "上海市青浦区退役军人事务局", "规划建设科", (bool?)false),
            (form.ProjectName, form.Department, form.ImplementingOffice, form.Recurring));
        Assert.Equal((1737112.00m, 1103716.40m, 63.54m, 0.00m, "元"),
            (form.Funding.Total!.AnnualBudget, form.Funding.Total.Executed, form.Funding.Total.ExecutionRate, form.Funding.PreviousYearBudget, form.CurrencyUnit));
        Assert.Equal(("2022-04-18", "良"), (form.EvaluationDate, form.Grade));
    }

    [Fact]
    public void A_bare_figure_after_a_bare_budget_rate_label_is_a_rows_weight_not_the_heads_rate()
    {
        // A dump that lost the table's header: "预算执行率 31 21 …" is an indicator row named 预算执行率, not the head's
        // 预算执行率（%） — a rate is printed as one. The head's rate stays unread rather than read as 31.
        var text = RawCriteriaHead.Replace("预算执行率（%） 63.54%", "").Replace("一级指\n标\n指标名称 指标解释 权重 评分规则 自评得分 备注\n", "权重 备注\n")
            .Replace("资金到位率 完成年度相关工作任务 24 20", "预算执行率 31 21 部分目标未完全实现");
        var form = Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("criteria.raw.txt", Encoding.UTF8.GetBytes(text))).Forms);
        Assert.Null(form.Funding.Total?.ExecutionRate);
    }

    /// <summary>
    /// Calc's PDF of a print-shop criteria form (tuning half) through <c>pdftotext -raw</c>: the head's one-line values
    /// first, in the template's order, with no label beside them; some of the table's wrapped labels written after it.
    /// </summary>
    private const string RawCriteriaValuesFirst = """
        青浦区道路照明维护工程（第二年） 上海市青浦区财政局
        业务科 是
        2,938,800.98 0.00
        2,469,143.44 84.02%
        项目年度目标：按计划推进项目实施。
        2022-05-07
        优
        项目预算严格按照财政批复以及合同规定执行落实；按照规定时间顺利完成验收。
        无
        进一步细化绩效目标，完善指标体系。
        权重 备注
        资金到位率 完成年度相关工作任务 24 20
        合计 100.00 83.00
        预算
        单位
        评分
        规则
        """;

    [Fact]
    public void A_head_written_without_its_labels_is_read_in_the_templates_order_when_every_value_is_of_its_kind()
    {
        var form = Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("criteria.raw.txt", Encoding.UTF8.GetBytes(RawCriteriaValuesFirst))).Forms);
        Assert.Equal(("青浦区道路照明维护工程（第二年）", "上海市青浦区财政局", "业务科", (bool?)true),
            (form.ProjectName, form.Department, form.ImplementingOffice, form.Recurring));
        Assert.Equal((2938800.98m, 2469143.44m, 84.02m, 0.00m),
            (form.Funding.Total!.AnnualBudget, form.Funding.Total.Executed, form.Funding.Total.ExecutionRate, form.Funding.PreviousYearBudget));
        Assert.Equal(("2022-05-07", "优", "无"), (form.EvaluationDate, form.Grade, form.MainProblems));
        // Each value so placed is named in a warning.
        Assert.Equal(14, form.Warnings.Count(w => w.Code == "layout.value-away-from-label"));
        // One value missing (the 上年预算金额 left empty): the order would shift every value after it, so none is read.
        var missing = Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("criteria.raw.txt",
            Encoding.UTF8.GetBytes(RawCriteriaValuesFirst.Replace("2,938,800.98 0.00", "2,938,800.98")))).Forms);
        Assert.Equal(((decimal?)null, (string?)null), (missing.Funding.Total?.AnnualBudget, missing.ProjectName));
    }

    [Fact]
    public void A_head_value_of_two_figures_is_read_as_neither_and_said_so()
    {
        // A layout tool's lines gave 当年预算数 the 上年预算金额's value under its own: joined, "1,200,000.000.00" would
        // read as a figure no one printed.
        RawRow Row(params string[] cells) =>
            new([.. cells.Select((t, c) => new RawCell(t, new SourceRef("criteria.layout.txt", "", 1, null, 0, c, null, t, null)))],
                RowOrigin.LayoutGrid, null, 0);
        var grid = new FormGrid(SourceDocument.FromBytes("criteria.layout.txt", [1]), InputKind.Text, 0,
        [
            Row("2022年度财政项目绩效自评表"),
            Row("项目名称", "社区卫生服务能力提升项目"),
            Row("当年预算数（元）", "1,200,000.00\n0.00"),
            Row("预算执行数（元）", "1,080,000.00"),
            Row("一级指标", "指标名称", "指标解释", "权重", "评分规则", "自评得分", "备注"),
            Row("投入（100分）", "预算执行率", "反映项目预算执行的进度", "100", "执行率在90%及以上得满分。", "90", ""),
            Row("合计", "", "", "100", "", "90", ""),
        ]);
        var form = new CriteriaFormNormalizer(new LabelMatcher(TemplateModel.Load("criteria", null))).Normalize(grid).Value.Form;
        Assert.Null(form.Funding.Total?.AnnualBudget);
        Assert.Equal(1_080_000m, form.Funding.Total?.Executed);
        Assert.Contains(form.Warnings, w => w.Code == "grid.figures-joined" && w.Field == "funding.total.annualBudget");
    }
    private static CleanedForm ScannedCriteria(string label, params (string Name, string Weight)[] rows)
    {
        RawRow Row(params string[] cells) =>
            new([.. cells.Select((t, c) => new RawCell(t, new SourceRef("criteria.tif", "", 1, null, 0, c, null, t, 0.8)))],
                RowOrigin.RuledGrid, null, 0);
        var grid = new FormGrid(SourceDocument.FromBytes("criteria.tif", [1]), InputKind.Image, 0,
        [
            Row("2022年度财政项目绩效自评表"),
            Row("项目名称", "社区卫生服务能力提升项目"),
            Row("一级指标", "指标名称", "指标解释", "权重", "评分规则", "自评得分", "备注"),
            .. rows.Select((r, k) => Row(k == 0 ? label : "", r.Name, "项目资金到位率情况", r.Weight, "视情况扣分。", r.Weight, "")),
            Row("合计", "", "", "100", "", "90", ""),
        ]);
        return new CriteriaFormNormalizer(new LabelMatcher(TemplateModel.Load("criteria", null))).Normalize(grid).Value.Form;
    }

    [Theory]
    // 投入(14分): the 分) read as a 2 on a line of its own; 效果(15分): its 1 lost too, read "(52".
    [InlineData("投入\n(14\n2", "投入")]
    [InlineData("效果\n(5\n2", "效果")]
    [InlineData("投入(14人)", "投入")]
    public void A_scanned_section_label_whose_weight_OCR_garbled_keeps_its_name_and_leaves_the_weight_unread(string label, string name)
    {
        // The section's one row weighs 10: no reading of the label's digits is what its rows add up to.
        var form = ScannedCriteria(label, ("资金到位率", "10"));
        Assert.Equal((name, (decimal?)null), (form.Sections[0].Name, form.Sections[0].Weight));
        Assert.Equal(name, form.Indicators[0].Level1);
        Assert.Contains(form.Warnings, w => w.Code == "grid.figure-unread" && w.Field == "sections[0].weight");
    }

    [Theory]
    [InlineData("投入\n(14\n2")]   // 分) read as 2: "142", the last digit no digit of the weight
    [InlineData("投入(14人)")]       // 分 read as 人
    public void A_scanned_section_weight_OCR_garbled_is_read_where_its_digits_are_what_its_rows_weigh(string label)
    {
        var form = ScannedCriteria(label, ("资金到位率", "8"), ("预算执行率", "6"));
        Assert.Equal(14m, form.Sections[0].Weight);
        Assert.Contains(form.Warnings, w => w.Code == "grid.section-weight-by-sum" && w.Field == "sections[0].weight");
        Assert.DoesNotContain(form.Warnings, w => w.Code == "grid.figure-unread" && w.Field == "sections[0].weight");
    }

    [Theory]
    [InlineData("投入\n理\n(36\n作", "投入与管理")]   // the middle line 与管 lost
    [InlineData("产出目\n(34分)", "产出目标")]          // 标 lost at a line's end
    [InlineData("投理(36分)", null)]                     // fits 投入与管理 but keeps too little of it
    [InlineData("项目生出(36分)", "项目产出")]           // one character misread, and no other listed name one off
    [InlineData("项目效出(36分)", null)]                 // one off 项目效果 and 项目效益 both: not guessed
    [InlineData("效果有目标(36分)", "效果目标")]         // one character read into it, and into no other listed name
    [InlineData("项目效益果(36分)", null)]               // 项目效果 with 益 read in, or 项目效益 with 果: not guessed
    public void A_scanned_section_name_that_lost_a_line_is_the_templates_name_it_is_left_of(string label, string? listed)
    {
        var form = ScannedCriteria(label, ("资金到位率", "20"), ("预算执行率", "16"));
        var read = TextCleaner.Clean(label)!;
        Assert.Equal(listed ?? read[..read.IndexOfAny(['(', '（'])], form.Sections[0].Name);
        Assert.Equal(listed is not null, form.Warnings.Any(w => w.Code == "text.level-repaired"));
    }

    [Theory]
    [InlineData("过程\n（43\n分） ，")]   // a speck of the cell's rule read as a comma after the bracket
    [InlineData("过程（43分）。")]
    [InlineData("过程《43分)")]           // the bracket read as a title mark
    public void A_section_label_with_a_stray_mark_after_its_bracket_is_read_whole(string label)
    {
        var form = ScannedCriteria(label, ("资金到位率", "20"), ("预算执行率", "23"));
        Assert.Equal(("过程", (decimal?)43m), (form.Sections[0].Name, form.Sections[0].Weight));
        Assert.Equal("过程", form.Indicators[0].Level1);
    }
}
