using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Tables;
using PerformanceEval.Templates;
using Xunit;

namespace PerformanceEval.Tests.Tables;

/// <summary>
/// Text without positions (<c>pdftotext -raw</c>, a viewer's copy): one space between cells, every wrapped cell's lines
/// on lines of their own. The forms below are written the way LibreOffice Writer's PDFs come out of
/// <c>pdftotext -raw</c>: labels wrapped in narrow header cells, a funding label wrapped with its figures on the line
/// after, a 一级指标 and a name over two lines, a unit in another font ("=55 人"). The expected fields are read off the
/// text.
/// </summary>
public sealed class BrokenLineJoinerTests
{
    private static readonly LabelMatcher Matcher = new(TemplateModel.Load("standard", null));

    private const string Form = """
        财政项目支出绩效自评表
        (2023 年度)
        项目名称 服务费(宝财行签[2023]277 号)
        主管部门 上海市宝山区行政服务中心
        实施单
        位
        上海市宝山区行政服务中心
        项目资金
        (元)
        年初预
        算数
        全年预
        算数
        全年执
        行数
        分值 执行率 得分
        年度资金总额 93675.00 93675.00 79005 10 84.34
        %
        8.43
        其中：当年财政拨
        款
        93675.00 93675.00 —
        上年结转资金 0.00 0.00 —
        其他资金 0.00 0.00 —
        绩效指标
        一级
        指标
        二级
        指标
        三级
        指标
        年度指
        标值
        实际完
        成值
        分值 得分
        偏差
        原因分析及改进措
        施
        产出指标
        数量指标 年接待人次 =55 人 =60 人 30 30
        质量指标 工作计划完成率 >90% 95 10 8 部分工作未按计划完成
        时效指标 接待及时性 =100% 无 10 10
        效益指标 可持续影响指标 长效管理制
        度健全性
        健全 健全 30 30
        满意度指
        标
        服务对象满意度指标 接待人员满意度 >=85% 100 10 10
        总分 100 98
        """;

    private static CleanedForm Read(string text) =>
        Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("form.raw.txt", Encoding.UTF8.GetBytes(text))).Forms);

    private static List<string[]> Rows(string text)
    {
        var document = new TextDumpReader().Read(SourceDocument.FromBytes("form.raw.txt", Encoding.UTF8.GetBytes(text))).Value;
        // Each cell as the stages after read it: cleaned, its wrapped pieces joined.
        return [.. new BrokenLineJoiner(Matcher).Join(document.Rows).Select(r => r.Cells.Select(c => TextCleaner.Clean(c.Text) ?? "").ToArray())];
    }

    [Fact]
    public void Labels_broken_over_lines_are_one_word_and_the_header_lines_one_row_in_their_order()
    {
        var rows = Rows(Form);
        Assert.Contains(rows, r => r.SequenceEqual(["实施单位"]));
        Assert.Contains(rows, r => r.SequenceEqual(["项目资金", "(元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]));
        Assert.Contains(rows, r => r.SequenceEqual(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]));
        Assert.Contains(rows, r => r.SequenceEqual(["满意度指标"]));
        // A name wrapped over two lines is no label: its pieces stay for the normalizer to join to their row.
        Assert.Contains(rows, r => r.SequenceEqual(["度健全性"]));
    }

    [Fact]
    public void A_funding_line_takes_the_figures_and_the_percent_its_cells_wrapped_onto_the_lines_after_it()
    {
        var rows = Rows(Form);
        Assert.Contains(rows, r => r.SequenceEqual(["年度资金总额", "93675.00", "93675.00", "79005", "10", "84.34%", "8.43"]));
        Assert.Contains(rows, r => r.SequenceEqual(["其中：当年财政拨款", "93675.00", "93675.00", "—"]));
    }

    [Theory]
    [InlineData("其他资金 0.00 0.00 —\n上年结转资金 0.00 0.00 —", "—", "上年结转资金")]   // the matcher's keys drop the "—"
    [InlineData("得分 8.43\n其中：当年财政拨款 0.00 0.00 —", "8.43", "其中：当年财政拨款")]
    [InlineData("(元)\n年初预算数", "(元)", "年初预算数")]                            // one header row, two cells
    [InlineData("已基本完成绩效指\n标", "已基本完成绩效指", "标")]                       // a sentence holding 绩效指标 is none
    public void A_figure_a_placeholder_or_a_unit_is_never_joined_to_a_label(string text, string before, string label)
    {
        var cells = Rows(text).SelectMany(r => r).ToList();
        Assert.Contains(before, cells);
        Assert.Contains(label, cells);
    }

    [Fact]
    public void A_figure_wrapped_before_its_last_decimal_is_one_figure_and_the_total_takes_its_wrapped_score()
    {
        var rows = Rows("年度资金总额 2,873,658.50\n2,873,658.5\n0\n2,415,476.1\n9\n10\n84.06\n%\n8.41\n总分 100\n89.1\n4");
        Assert.Equal(["年度资金总额", "2,873,658.50", "2,873,658.50", "2,415,476.19", "10", "84.06%", "8.41"], rows[0]);
        Assert.Equal(["总分", "100", "89.14"], rows[1]);
    }

    [Fact]
    public void Short_scores_a_line_each_are_a_column_not_a_wrapped_figure()
    {
        // A text that writes a 得分 column a cell a line: 2.4 and 17.6 are scores of their own rows, and the lone figures
        // after them the next rows' (read as 2.43 and 17.67 they were wrong, and the column a cell short).
        var cells = Rows("得分\n4\n2.4\n3\n15\n17.6\n7\n4").SelectMany(r => r).ToList();
        Assert.Equal(["得分", "4", "2.4", "3", "15", "17.6", "7", "4"], cells);
    }

    [Theory]
    [InlineData("数量指标 年接待人次 =55 人 =60 人 30 30", new[] { "数量指标", "年接待人次", "=55人", "=60人", "30", "30" })]
    [InlineData("时效指标 接待及时性 =100% 无 10 10", new[] { "时效指标", "接待及时性", "=100%", "无", "10", "10" })]
    [InlineData("数量指标 投诉件数 <=1 10 9 件", new[] { "数量指标", "投诉件数", "<=1", "10", "9", "件" })]
    public void A_unit_printed_in_another_font_rejoins_its_figure_but_a_value_or_a_note_does_not(string line, string[] cells) =>
        Assert.Equal(cells, Assert.Single(Rows(line)));

    [Fact]
    public void A_form_of_raw_text_reads_its_header_funding_indicators_and_total()
    {
        var form = Read(Form);
        Assert.Equal((2023, "元"), (form.Year, form.CurrencyUnit));
        Assert.Equal(("上海市宝山区行政服务中心", "上海市宝山区行政服务中心"), (form.Department, form.ImplementingUnit));
        var total = form.Funding.Total!;
        Assert.Equal((93675.00m, 93675.00m, 79005m, 10m, 84.34m, 8.43m),
            (total.InitialBudget, total.AnnualBudget, total.Executed, total.Weight, total.ExecutionRate, total.Score));
        Assert.Equal((93675.00m, 93675.00m, (decimal?)null), (form.Funding.Fiscal!.InitialBudget, form.Funding.Fiscal.AnnualBudget, form.Funding.Fiscal.Executed));
        var expected = new (string L1, string L2, string Name, string Target, string Actual, decimal W, decimal S, string? Note)[]
        {
            ("产出指标", "数量指标", "年接待人次", "=55人", "=60人", 30, 30, null),
            ("产出指标", "质量指标", "工作计划完成率", ">90%", "95", 10, 8, "部分工作未按计划完成"),
            ("产出指标", "时效指标", "接待及时性", "=100%", "无", 10, 10, null),
            ("效益指标", "可持续影响指标", "长效管理制度健全性", "健全", "健全", 30, 30, null),
            ("满意度指标", "服务对象满意度指标", "接待人员满意度", ">=85%", "100", 10, 10, null),
        };
        Assert.Equal(expected.Length, form.Indicators.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var (want, got) = (expected[i], form.Indicators[i]);
            Assert.Equal((want.L1, want.L2, want.Name, want.Target, want.Actual, want.Note), (got.Level1, got.Level2, got.Name, got.Target, got.Actual, got.Note));
            Assert.Equal((want.W, want.S), (got.Weight, got.Score));
        }
        Assert.Equal((100m, 98m), (form.TotalWeight, form.TotalScore));
        // A plain line's word count says nothing of the header's columns: no row is reported shifted.
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.RowShifted.Id);
    }

    [Fact]
    public void The_header_s_order_decides_target_and_actual_in_raw_text_too()
    {
        // 实际完成值 printed before 年度指标值: the two cells before 分值/得分 are actual, then target.
        var swapped = Form.Replace("年度指\n标值\n实际完\n成值", "实际完\n成值\n年度指\n标值");
        var form = Read(swapped);
        Assert.Equal(("=60人", "=55人"), (form.Indicators[0].Target, form.Indicators[0].Actual));
        Assert.Equal(("95", ">90%"), (form.Indicators[1].Target, form.Indicators[1].Actual));
    }

    /// <summary>
    /// The same form as Calc's PDFs come out of <c>pdftotext -raw</c>: the cells it wraps are written after the rest of the
    /// table, so the year and the project name stand after the 总分, the 项目名称 label alone at the top.
    /// </summary>
    private const string CellsAfterTheTable = """
        财政项目支出绩效自评表
        项目名称
        主管部门 上海市宝山区行政服务中心 实施单位 上海市宝山区行政服务中心
        分值 执行率 得分
        年度资金总额 93675.00 93675.00 79005 10 84.34% 8.43
        其中：当年财政拨款 93675.00 93675.00 —
        绩效指标
        分值 得分
        产出指标
        数量指标 年接待人次 >2000 2000 30 30
        质量指标 工作计划完成率 >90% 100 70 68
        总分 100 98.43
        (2023 年度)
        服务费(宝财行签[2023]277号)
        项目资金
        (元)
        年初预
        算数
        一级
        指标
        """;

    [Fact]
    public void Cells_written_after_the_table_are_read_and_a_value_taken_away_from_its_label_says_so()
    {
        var form = Read(CellsAfterTheTable);
        Assert.Equal((2023, "元", "服务费(宝财行签[2023]277号)"), (form.Year, form.CurrencyUnit, form.ProjectName));
        var warning = Assert.Single(form.Warnings, w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id);
        Assert.Equal("projectName", warning.Field);
        Assert.Equal(14, warning.Source?.Line);
        Assert.Equal(2, form.Indicators.Length);
        Assert.Equal((100m, 98.43m), (form.TotalWeight, form.TotalScore));
        // The labels written after the table hold nothing to read and are not reported as left over.
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.TrailingRow.Id);
    }

    /// <summary>
    /// Calc's raw text when a row's cells wrap: the total line's 年初预算数, the first row's target and actual, and the
    /// fourth row's name are written after the table, in the table's order; the rows themselves keep what did not wrap.
    /// </summary>
    private const string WrappedCellsAfterTheTable = """
        财政项目支出绩效自评表
        项目名称 政府购买服务人员专项经费
        主管部门 上海市宝山区行政服务中心 实施单位 上海市宝山区行政服务中心
        年初预算数 全年预算数 全年执行数 分值 执行率 得分
        年度资金总额 1425600.00 1414200 10 99.21% 9.92
        上年结转资金 0.00 0.00 —
        一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
        产出指标
        数量指标 政府购买服务月平均人数 10 10
        质量指标 工作考核达标率 =100% =100% 20 20
        效益指标
        社会效益指标 持续 持续 20 20
        满意度指标 服务对象满意度指标 受众满意度 >=95% >=95% 50 49.92
        总分 100 99.92
        (2023 年度)
        项目资金
        (元)
        1425600.0
        0
        =55人 =56人
        对优化营商环境持续发挥
        作用
        """;

    [Fact]
    public void Two_amounts_under_a_rate_are_placed_by_the_rate_with_a_warning_never_silently_by_order()
    {
        var form = Read(WrappedCellsAfterTheTable);
        var total = form.Funding.Total!;
        // 1414200 ÷ 1425600.00 = 99.20%: the printed 99.21% says they are 全年预算数 and 全年执行数, not 年初 and 全年预算数;
        // the 年初预算数 Calc wrapped ("1425600.0" / "0") is the amount written after the table, read with a warning.
        Assert.Equal((1425600.00m, 1425600.00m, 1414200m), (total.InitialBudget, total.AnnualBudget, total.Executed));
        var warning = Assert.Single(form.Warnings, w => w.Code == DiagnosticCodes.AssignedByArithmetic.Id);
        Assert.Equal("funding.total", warning.Field);
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id && w.Field == "funding.total.initialBudget");
        Assert.Equal(18, form.Provenance["funding.total.initialBudget"].Line);
        // Their provenance says how they were placed; the 分值 beside them stood where it is read from.
        Assert.Equal(("arithmetic", "arithmetic", (string?)null),
            (form.Provenance["funding.total.annualBudget"].PlacedBy, form.Provenance["funding.total.executed"].PlacedBy, form.Provenance["funding.total.weight"].PlacedBy));
        // The form's own hundredth is still the finding it is: stated 99.21, computed 99.20.
        Assert.Contains(form.Findings, f => f.Rule == "execution-rate" && f.Field == "funding.total.executionRate");
    }

    /// <summary>
    /// Calc's raw text of a print-shop form (tuning half, seed 001 form 10): after the 总分 it writes the year, the
    /// wrapped labels ("其中：当年财政" / "拨款" among them), a row's target and actual and a wrapped 二级指标. The form
    /// prints no 主管部门 or 实施单位 value.
    /// </summary>
    private const string CalcTailAfterTheTotal = """
        财政项目支出绩效自评表
        项目名称 三级等保测评费用
        主管部门 实施单位
        分值 执行率 得分
        年度资金总额 36500 36500 10 100% 10
        —
        上年结转资金 36500 36500 10 100% 10
        其他资金 —
        预期目标 实际完成情况
        按年度计划推进项目实施，保障各项工作有序开展。 已按计划完成年度目标。
        分值 得分
        产出指标
        数量指标
        测评次数 10 10
        测评通过率 =100% 10 10
        时效指标 按计划节点完成 60% >80% 20 20
        效益指标
        社会效益指标 提升网络安全 达标 达标 20 20
        可持续影响指标 持续发挥作用 持续 持续 20 20
        满意度指标 工作人员满意度 100% >90% 10 10
        总分 100 100
        (2023 年度)
        项目资金
        (万元)
        年初预
        算数
        全年预
        算数
        全年执
        行数
        其中：当年财政
        拨款
        年度
        总体
        目标
        绩
        效
        指
        标
        一级
        指标
        二级
        指标
        三级
        指标
        实际完
        成值
        年度
        指标值
        偏差原因分析及
        改进措施
        1次 =1次
        服务对象满意度
        指标
        
        """;

    [Fact]
    public void What_a_dump_writes_after_the_total_is_the_form_s_tail_not_a_form_and_holds_no_header_value()
    {
        // The wrapped funding label made the tail look like a form's start (a funding line): with no title, no 项目名称
        // and not one figure, it is this form's tail, and its year, unit and 二级指标 are read.
        var form = Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("calc.raw.txt", Encoding.UTF8.GetBytes(CalcTailAfterTheTotal))).Forms);
        Assert.Equal((2023, "万元"), (form.Year, form.CurrencyUnit));
        Assert.Equal("服务对象满意度指标", form.Indicators[5].Level2);
        // "1次 =1次" (a row's measures) and "服务对象满意度指标" (a level) are never taken for the empty 主管部门 / 实施单位.
        Assert.Equal(((string?)null, (string?)null), (form.Department, form.ImplementingUnit));
        Assert.Equal(("=1次", "1次"), (form.Indicators[0].Target, form.Indicators[0].Actual));
    }

    [Fact]
    public void A_rate_glued_to_the_score_beside_it_is_two_cells()
    {
        // Text copied in drawing order glues the 执行率 to the 得分 printed close by: "99.21%9.92" is no figure at all.
        var form = Read(WrappedCellsAfterTheTable.Replace("10 99.21% 9.92", "10 99.21%9.92"));
        Assert.Equal((99.21m, 9.92m), (form.Funding.Total!.ExecutionRate, form.Funding.Total.Score));
    }

    [Theory]
    // A squeezed layout glues the next column's figure to an amount's cents: two amounts, or an amount and a 分值.
    [InlineData("年度资金总额 1,425,600.001,414,200 10 99.21% 9.92", 1425600.00, 1414200.0, 10.0)]
    [InlineData("年度资金总额 1,425,600.00 1,414,200.0010 99.21% 9.92", 1425600.00, 1414200.0, 10.0)]
    // Without thousands' commas, as Chromium's raw text glues a funding line: an amount of four digits or more ends at
    // its cents, and what follows is the next figure (print shop, tuning half, synthetics 560, 564 and 522).
    [InlineData("年度资金总额 1425600.001414200 10 99.21% 9.92", 1425600.00, 1414200.0, 10.0)]
    [InlineData("年度资金总额 1425600.001414200.0010 99.21%9.92", 1425600.00, 1414200.0, 10.0)]
    [InlineData("年度资金总额 1425600.00 1414200.0010 99.21% 9.92", 1425600.00, 1414200.0, 10.0)]
    // Three cells with their commas, as PdfPig's words of Chromium's PDF glue them (tuning half, synthetic 000).
    [InlineData("年度资金总额 1,425,600.00 1,425,600.001,414,200.0010 99.21%9.92", 1425600.00, 1414200.0, 10.0)]
    public void An_amount_glued_after_its_cents_is_two_cells(string line, double? annual, double? executed, double weight)
    {
        var form = Read(WrappedCellsAfterTheTable.Replace("年度资金总额 1425600.00 1414200 10 99.21% 9.92", line));
        Assert.Equal(((decimal?)annual, (decimal?)executed, (decimal?)weight),
            (form.Funding.Total!.AnnualBudget ?? form.Funding.Total.InitialBudget, form.Funding.Total.Executed, form.Funding.Total.Weight));
    }

    private static string[] UngluedCells(string line)
    {
        var row = Assert.Single(new TextDumpReader().Read(SourceDocument.FromBytes("l.txt", Encoding.UTF8.GetBytes(line + "\n"))).Value.Rows);
        var unglued = BrokenLineJoiner.Unglued(row);
        return [.. (BrokenLineJoiner.WeightGluedToWholeAmount(unglued)?.Row ?? unglued).Cells.Where(c => !c.IsEmpty).Select(c => c.Text)];
    }

    [Theory]
    // A whole amount has no cents to end at: the 分值 glued to it is the one tail whose 执行率 the 得分 is (Chromium's
    // layout, check set, tuning half, synthetic 1030: "592472910 89.24% 8.92").
    [InlineData("年度资金总额   6639228.19   6639228.19 592472910       89.24% 8.92", "6639228.19|6639228.19|5924729|10|89.24%|8.92")]
    [InlineData("年度资金总额   6,639,228.19   6,639,228.19 5,924,72910       89.24% 8.92", "6,639,228.19|6,639,228.19|5,924,729|10|89.24%|8.92")]
    // The 得分 is no tail's share at the rate (nor at a glued 分值 of 0 or over 100): nothing says where the amount ends.
    [InlineData("年度资金总额   6639228.19   6639228.19 592472910       89.24% 5.00", "6639228.19|6639228.19|592472910|89.24%|5.00")]
    [InlineData("年度资金总额   6639228.19   6639228.19 592472900       89.24% 8.92", "6639228.19|6639228.19|592472900|89.24%|8.92")]
    // A 分值 printed apart, or an amount that may be whole as it stands (its 分值 left blank): no cut.
    [InlineData("年度资金总额   6639228.19   6639228.19 592472910  10   89.24% 8.92", "6639228.19|6639228.19|592472910|10|89.24%|8.92")]
    [InlineData("年度资金总额   6639228.19   6639228.19 5924710       89.24% 8.92", "6639228.19|6639228.19|5924710|89.24%|8.92")]
    public void A_whole_amount_is_cut_from_its_glued_weight_only_where_the_lines_figures_say_where(string line, string cells) =>
        Assert.Equal(cells.Split('|'), UngluedCells(line).Skip(1));

    [Fact]
    public void A_whole_amount_glued_to_its_lines_dash_is_two_cells()
    {
        // "5924729—": Chromium's layout of a line the template does not score (check set, tuning half, synthetic 1030).
        var form = Read(WrappedCellsAfterTheTable.Replace("上年结转资金 0.00 0.00 —", "其中：当年财政拨款 1425600.00 1414200—"));
        Assert.Equal(((decimal?)1425600.00m, (decimal?)1414200m, (decimal?)null),
            (form.Funding.Fiscal!.AnnualBudget ?? form.Funding.Fiscal.InitialBudget, form.Funding.Fiscal.Executed, form.Funding.Fiscal.Weight));
    }

    [Fact]
    public void Amounts_in_ten_thousands_to_four_places_are_not_cut_at_their_cents()
    {
        // A block in 万元 printed to four places: "1425.6000" is one figure, not 1425.60 and a 00 glued on.
        var form = Read(WrappedCellsAfterTheTable.Replace("年度资金总额 1425600.00 1414200 10 99.21% 9.92", "年度资金总额 1425.6000 1414.2000 10 99.21% 9.92"));
        Assert.Equal((1425.6m, 1414.2m), (form.Funding.Total!.AnnualBudget ?? form.Funding.Total.InitialBudget, form.Funding.Total.Executed));
    }

    [Theory]
    [InlineData("年度资金总额 1425600.00 1000000 10 99.21% 9.92")]    // the quotient is off the rate: only the order fits
    public void Two_amounts_the_rate_cannot_place_stay_in_their_order(string line)
    {
        var form = Read(WrappedCellsAfterTheTable.Replace("年度资金总额 1425600.00 1414200 10 99.21% 9.92", line));
        Assert.Null(form.Funding.Total!.Executed);
        Assert.Equal(1425600.00m, form.Funding.Total.InitialBudget);
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.AssignedByArithmetic.Id);
    }

    [Theory]
    [InlineData("年度资金总额 1425600.00 1414200 10 99.21% 9.92", "年度资金总额 1425600.00 1425600.00 10 99.21% 9.92", 1425600.00, "funding.total")]   // 年初 or 执行数
    [InlineData("上年结转资金 0.00 0.00 —", "上年结转资金 36500 —", null, "funding.carryover")]                                // any of the three
    [InlineData("年度资金总额 1425600.00 1414200 10 99.21% 9.92", "年度资金总额 1414200 10 99.21% 9.92", null, "funding.total")] // with its rate, still any
    public void An_amount_whose_column_no_reading_can_tell_is_left_unread_with_a_warning(string printed, string line, double? annual, string field)
    {
        // (Without the 年初预算数 written after the table, which the rate and the order would place.)
        var form = Read(WrappedCellsAfterTheTable.Replace(printed, line).Replace("1425600.0\n0\n", ""));
        // A line left with no figure at all is no line (null), as a blank one would be.
        var funding = field == "funding.total" ? form.Funding.Total : form.Funding.Carryover;
        Assert.Equal(((decimal?)null, (decimal?)annual, (decimal?)null), (funding?.InitialBudget, funding?.AnnualBudget, funding?.Executed));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.AmountColumnUnknown.Id && w.Field == field);
    }

    [Fact]
    public void A_target_and_an_actual_written_on_lines_of_their_own_after_the_table_are_one_row_s_pair()
    {
        // The pair's two cells wrapped, each written on its own lines, the second's unit broken off ("<=100万" / "元").
        var form = Read(WrappedCellsAfterTheTable.Replace("=55人 =56人\n", "98.6万元\n<=100万\n元\n"));
        Assert.Equal(("98.6万元", "<=100万元"), (form.Indicators[0].Target, form.Indicators[0].Actual));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id && w.Field == "indicators[0].target");
        Assert.Equal(21, form.Provenance["indicators[0].actual"].Line);
        // Three measures in a run are no pair: which two go together is not in the text, and nothing is taken.
        var three = Read(WrappedCellsAfterTheTable.Replace("=55人 =56人\n", "98.6万元\n<=100万元\n=3次\n"));
        Assert.Equal(((string?)null, (string?)null), (three.Indicators[0].Target, three.Indicators[0].Actual));
    }

    [Fact]
    public void Two_equal_amounts_under_a_rate_of_a_hundred_are_the_annual_budget_and_what_was_spent()
    {
        // "1425600.00 1425600.00 10 100.00%" with nothing written after the table: the cell left out was printed empty.
        // As 年初 and 全年预算数, the 100% would stand on no 全年执行数; as 全年预算数 and 全年执行数 it holds.
        var form = Read(WrappedCellsAfterTheTable.Replace("年度资金总额 1425600.00 1414200 10 99.21% 9.92", "年度资金总额 1425600.00 1425600.00 10 100.00% 10")
            .Replace("1425600.0\n0\n", ""));
        var total = form.Funding.Total!;
        Assert.Equal(((decimal?)null, 1425600.00m, 1425600.00m), (total.InitialBudget, total.AnnualBudget, total.Executed));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.AssignedByArithmetic.Id && w.Field == "funding.total.executed");
        Assert.Equal("arithmetic", form.Provenance["funding.total.executed"].PlacedBy);
    }

    [Fact]
    public void Targets_and_names_written_after_the_table_go_in_order_to_the_rows_that_lack_them()
    {
        var form = Read(WrappedCellsAfterTheTable);
        Assert.Equal(("政府购买服务月平均人数", "=55人", "=56人"), (form.Indicators[0].Name, form.Indicators[0].Target, form.Indicators[0].Actual));
        Assert.Equal(("对优化营商环境持续发挥作用", "持续", "持续"), (form.Indicators[2].Name, form.Indicators[2].Target, form.Indicators[2].Actual));
        Assert.Equal(("政府购买服务人员专项经费", 2023), (form.ProjectName, form.Year));
        Assert.Equal(new[] { "funding.total.initialBudget", "indicators[0].target", "indicators[2].name" },
            form.Warnings.Where(w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id).Select(w => w.Field).Order());
        // The wrapped amount ("1425600.0" / "0", one figure) is no target and no name: it is the total's 年初预算数.
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.TrailingRow.Id);
    }

    [Fact]
    public void A_note_written_after_the_table_goes_to_the_row_that_lost_points_in_the_table_s_order()
    {
        // Calc writes the cells it wrapped row by row: row 2's note (it lost 2 points and has none; every other row has full
        // marks) before row 3's name.
        // "，下年度加强跟踪" starts mid-sentence and "作用" is narrower than the line above it: both go on their cells.
        var text = WrappedCellsAfterTheTable
            .Replace("工作考核达标率 =100% =100% 20 20", "工作考核达标率 =100% 90% 20 18").Replace(">=95% 50 49.92", ">=95% 50 50")
            .Replace("总分 100 99.92", "总分 100 98")
            .Replace("对优化营商环境持续发挥\n", "部分工作未按计划完成\n，下年度加强跟踪\n对优化营商环境持续发挥\n");
        var form = Read(text);
        Assert.Equal(("部分工作未按计划完成，下年度加强跟踪", null), (form.Indicators[1].Note, form.Indicators[0].Note));
        Assert.Equal("对优化营商环境持续发挥作用", form.Indicators[2].Name);
        Assert.Equal(new[] { "funding.total.initialBudget", "indicators[0].target", "indicators[1].note", "indicators[2].name" },
            form.Warnings.Where(w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id).Select(w => w.Field).Order());
        // Row 4 lost points too: the note could be row 2's and the name row 3's, or the note row 3's name and the name
        // row 4's note. Two ways fit: neither is taken.
        var twoWays = Read(text.Replace(">=95% 50 50", ">=95% 50 49.92").Replace("总分 100 98", "总分 100 97.92"));
        Assert.Equal(((string?)null, (string?)null), (twoWays.Indicators[1].Note, twoWays.Indicators[3].Note));
        // No row lost points: the sentence is no row's note and is reported, line by line; the name still goes to the
        // one row without a name.
        var unplaced = Read(text.Replace("90% 20 18", "=100% 20 20").Replace("总分 100 98", "总分 100 100"));
        Assert.All(unplaced.Indicators, i => Assert.Null(i.Note));
        Assert.Equal("对优化营商环境持续发挥作用", unplaced.Indicators[2].Name);
        Assert.Equal(2, unplaced.Warnings.Count(w => w.Code == DiagnosticCodes.TrailingRow.Id));
    }

    [Fact]
    public void A_target_written_alone_after_the_table_makes_its_row_s_first_text_the_name()
    {
        // "有责投诉发生数 无投诉 20 20": the target wrapped and was written after the table, row by row (before row 3's
        // name); read by position, the name stood where a target would.
        var text = WrappedCellsAfterTheTable.Replace("工作考核达标率 =100% =100% 20 20", "有责投诉发生数 无投诉 20 20")
            .Replace("对优化营商环境持续发挥\n", "<=1起\n对优化营商环境持续发挥\n");
        var form = Read(text);
        Assert.Equal(("有责投诉发生数", "<=1起", "无投诉"), (form.Indicators[1].Name, form.Indicators[1].Target, form.Indicators[1].Actual));
        Assert.Equal("有责投诉发生数", form.Provenance["indicators[1].name"].Text);
        Assert.Equal("对优化营商环境持续发挥作用", form.Indicators[2].Name);
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id && w.Field == "indicators[1].target");
        // A lone figure without a comparator could be the actual as well as the target: the row's texts stay where they
        // were read.
        var plain = Read(text.Replace("<=1起", "1起"));
        Assert.Equal(("有责投诉发生数", "无投诉"), (plain.Indicators[1].Target, plain.Indicators[1].Actual));
        Assert.DoesNotContain(plain.Warnings, w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id && w.Field == "indicators[1].target");
    }

    [Fact]
    public void A_level_word_is_never_read_as_a_target_or_an_actual()
    {
        var form = Read(WrappedCellsAfterTheTable.Replace("=55人 =56人\n", ""));
        Assert.Equal(("政府购买服务月平均人数", null, null), (form.Indicators[0].Name, form.Indicators[0].Target, form.Indicators[0].Actual));
        Assert.Equal("数量指标", form.Indicators[0].Level2);
    }

    /// <summary>
    /// Calc's raw text of a form over two pages: page one's wrapped cells (the year, the project name, a funding label, the
    /// header's labels) are written after page one's rows, then page two's rows and the 总分 follow.
    /// </summary>
    private const string TwoPages = """
        财政项目支出绩效自评表
        项目名称
        主管部门 上海市宝山区行政服务中心 实施单位 上海市宝山区行政服务中心
        年度资金总额 93675.00 93675.00 79005 10 84.34% 8.43
        分值 得分
        产出指标
        数量指标 年接待人次 >2000 2000 30 30
        (2023 年度)
        服务费(宝财行签[2023]277号)
        项目资金
        (元)
        其中：当年财
        政拨款
        一级
        指标
        质量指标 工作计划完成率 >90% 100 30 28
        满意度指标 服务对象满意度指标 接待人员满意度 >=85% 100 30 30
        总分 100 96.43
        """;

    [Fact]
    public void A_piece_that_starts_no_form_of_its_own_continues_the_form_before_its_total()
    {
        var form = Read(TwoPages);
        Assert.Equal(["年接待人次", "工作计划完成率", "接待人员满意度"], form.Indicators.Select(i => i.Name));
        Assert.Equal((2023, 100m, 96.43m), (form.Year, form.TotalWeight, form.TotalScore));
        // A second form after the 总分, with its own funding line, is a form of its own.
        var two = Fixtures.Pipeline.Extract(SourceDocument.FromBytes("two.raw.txt", Encoding.UTF8.GetBytes(TwoPages + TwoPages))).Forms;
        Assert.Equal(2, two.Length);
        Assert.All(two, f => Assert.Equal(3, f.Indicators.Length));
    }

    /// <summary>
    /// Calc's raw text of a form over two pages (as the print shop's synthetic030 comes out): page one's wrapped cells —
    /// the year, the labels, a note, a row's target and actual, a row's name — are written after page one's rows and
    /// before page two's, in the table's order, as a one-page form's are after its 总分.
    /// </summary>
    private const string PageOneCellsBetweenThePages = """
        财政项目支出绩效自评表
        项目名称 服务费
        主管部门 上海市宝山区行政服务中心 实施单位 上海市宝山区行政服务中心
        年初预算数 全年预算数 全年执行数 分值 执行率 得分
        年度资金总额 93675.00 93675.00 79005 10 84.34% 8.43
        一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
        产出指标
        数量指标
        年接待人次 >2000 2000 30 28
        工作计划完成率 15 15
        质量指标
        =100% 100% 15 15
        (2023 年度)
        项目资金
        (元)
        偏差原因分析及改进措
        施
        部分工作未按计划完成
        ，下年度加强跟踪
        >=85% 90%
        服务质量达标
        率
        满意度指标 服务对象满意度指标 接待人员满意度 >=85% 100 30 30
        总分 100 96.43
        """;

    [Fact]
    public void Cells_written_between_two_pages_go_to_page_one_s_rows_not_to_page_two_s_first_name()
    {
        var form = Read(PageOneCellsBetweenThePages);
        Assert.Equal(["年接待人次", "工作计划完成率", "服务质量达标率", "接待人员满意度"], form.Indicators.Select(i => i.Name));
        Assert.Equal("部分工作未按计划完成，下年度加强跟踪", form.Indicators[0].Note);
        Assert.Equal((">=85%", "90%"), (form.Indicators[1].Target, form.Indicators[1].Actual));
        Assert.Equal((2023, 100m, 96.43m), (form.Year, form.TotalWeight, form.TotalScore));
        // Each read away from its cell says so, with the line it was read from; nothing is left over.
        foreach (var field in new[] { "indicators[0].note", "indicators[1].target", "indicators[2].name" })
            Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id && w.Field == field);
        Assert.Equal(21, form.Provenance["indicators[2].name"].Line);
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.TrailingRow.Id);
    }

    [Fact]
    public void Levels_written_after_the_table_span_the_rows_their_names_belong_to_and_an_open_row_gets_none()
    {
        // Two 二级指标 for four rows under 效益指标: which rows each merged cell spanned is not in the text; the rows'
        // names say it (知晓, 公共服务: 社会效益; 绿化, 环境: 生态效益), with a warning on every row so placed.
        var rows = "效益指标\n社会知晓率 >=85% 90% 20 20\n公共服务水平提高 提升 提升 20 20\n绿化覆盖率 >=95% 96% 15 15\n环境质量改善 ≥90% 92.5% 15 13";
        var text = CellsAfterTheTable.Replace("质量指标 工作计划完成率 >90% 100 70 68", rows) + "\n社会效益指\n标\n生态效益指\n标";
        var form = Read(text);
        Assert.Equal(["数量指标", "社会效益指标", "社会效益指标", "生态效益指标", "生态效益指标"], form.Indicators.Select(i => i.Level2));
        Assert.All(form.Indicators.Skip(1), i => Assert.Equal("效益指标", i.Level1));
        Assert.Equal(4, form.Warnings.Count(w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id && w.Field!.EndsWith(".level2")));
        // Names that say nothing of their level: the rows the two readings disagree on get none, and the form says so.
        var plain = Read(text.Replace("社会知晓率", "指标甲").Replace("公共服务水平提高", "指标乙").Replace("绿化覆盖率", "指标丙").Replace("环境质量改善", "指标丁"));
        Assert.Equal(["社会效益指标", null, null, "生态效益指标"], plain.Indicators.Skip(1).Select(i => i.Level2));
        Assert.Contains(plain.Warnings, w => w.Code == DiagnosticCodes.OrderFreeUnplaced.Id);
    }

    [Fact]
    public void Funding_lines_whose_labels_were_wrapped_away_are_read_by_their_place_among_the_lines()
    {
        // Calc wrote the labels 年度资金总额 and 其中：当年财政拨款 (and the 年初预算数 they wrapped) after the table.
        var text = CellsAfterTheTable
            .Replace("年度资金总额 93675.00 93675.00 79005 10 84.34% 8.43\n其中：当年财政拨款 93675.00 93675.00 —",
                     "93675.00 79005 10 84.34% 8.43\n93675.00 79005 —\n上年结转资金 0.00 0.00 —")
            + "\n年度资金总\n额 93675.0\n0\n其中：当年\n财政拨款 93675.0\n0";
        var form = Read(text);
        var (total, fiscal) = (form.Funding.Total!, form.Funding.Fiscal!);
        Assert.Equal((93675.00m, 93675.00m, 79005m, 84.34m), (total.InitialBudget, total.AnnualBudget, total.Executed, total.ExecutionRate));
        // "93675.00 79005 —" by order would be 年初 and 全年预算数; the total's columns say 全年预算数 and 全年执行数.
        Assert.Equal((93675.00m, 93675.00m, 79005m), (fiscal.InitialBudget, fiscal.AnnualBudget, fiscal.Executed));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id && w.Field == "funding.total");
        // (Said on the line, or on the field the sums moved.)
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.AssignedByArithmetic.Id && w.Field!.StartsWith("funding.fiscal", StringComparison.Ordinal));
        Assert.Equal("arithmetic", form.Provenance["funding.fiscal.executed"].PlacedBy);
    }

    [Fact]
    public void A_row_s_line_that_begins_with_the_last_line_of_a_wrapped_measure_joins_it()
    {
        // A tool writing each cell's lines in turn: "预算控制率" (the name), "有所提" (the target's first line), then the
        // row's line with the target's last line, the actual and the 分值/得分.
        var form = Read(CellsAfterTheTable.Replace("质量指标 工作计划完成率 >90% 100 70 68", "成本指标\n预算控制率\n有所提\n升 提升 70 68"));
        Assert.Equal(("预算控制率", "有所提升", "提升"), (form.Indicators[1].Name, form.Indicators[1].Target, form.Indicators[1].Actual));
    }

    [Fact]
    public void A_level_written_after_the_table_goes_to_the_row_without_one()
    {
        // Calc writes a 二级指标 its narrow cell wrapped ("经济效益指" / "标") after the table, like the other wrapped cells.
        var text = CellsAfterTheTable.Replace("质量指标 工作计划完成率 >90% 100 70 68", "效益指标\n节约企业开办成本 是 是 70 68") + "\n经济效益指\n标";
        var form = Read(text);
        Assert.Equal(("效益指标", "经济效益指标", "节约企业开办成本"), (form.Indicators[1].Level1, form.Indicators[1].Level2, form.Indicators[1].Name));
        Assert.Equal("数量指标", form.Indicators[0].Level2);
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id && w.Field == "indicators[1].level2");
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.TrailingRow.Id);
        // A level under another 一级指标 than the row's is no level of that row: nothing is taken.
        var other = Read(CellsAfterTheTable.Replace("质量指标 工作计划完成率 >90% 100 70 68", "效益指标\n节约企业开办成本 是 是 70 68") + "\n质量指\n标");
        Assert.Null(other.Indicators[1].Level2);
    }

    [Fact]
    public void Lines_that_cut_into_name_target_and_actual_two_ways_alike_are_read_as_the_name_and_said_to_be()
    {
        // "完善" / "基本" / "完善" after a name of two lines: 完善 | 基本完善 or 完善基本 | 完善, each line as wide as the next.
        var text = CellsAfterTheTable.Replace("质量指标 工作计划完成率 >90% 100 70 68", "质量指标\n长效管理制度\n健全性 完善\n基本\n完善\n70 68");
        var form = Read(text);
        Assert.Equal(("长效管理制度健全性完善基本完善", null, null), (form.Indicators[1].Name, form.Indicators[1].Target, form.Indicators[1].Actual));
        Assert.Equal("indicators[1].name", Assert.Single(form.Warnings, w => w.Code == DiagnosticCodes.CellsUndivided.Id).Field);
        // After a name of one line, the target on that line is centred on it as the name is: one line, and the actual the
        // two after it.
        var centred = Read(CellsAfterTheTable.Replace("质量指标 工作计划完成率 >90% 100 70 68", "质量指标\n长效管理制度健全性 完善\n基本\n完善\n70 68"));
        Assert.Equal(("长效管理制度健全性", "完善", "基本完善"), (centred.Indicators[1].Name, centred.Indicators[1].Target, centred.Indicators[1].Actual));
        // One way better than the other ("基本完" / "善": a short last line): cut, and nothing to say.
        var cut = Read(CellsAfterTheTable.Replace("质量指标 工作计划完成率 >90% 100 70 68", "质量指标\n长效管理制度健全性 完善\n基本完\n善\n70 68"));
        Assert.Equal(("长效管理制度健全性", "完善", "基本完善"), (cut.Indicators[1].Name, cut.Indicators[1].Target, cut.Indicators[1].Actual));
        Assert.DoesNotContain(cut.Warnings, w => w.Code == DiagnosticCodes.CellsUndivided.Id);
    }

    [Fact]
    public void A_title_written_after_the_table_gives_its_year_and_is_no_value()
    {
        // Calc writes the title (and the year in it) after the table when the title is a wrapped cell of its own.
        var form = Read(CellsAfterTheTable.Replace("财政项目支出绩效自评表\n", "").Replace("(2023 年度)", "2023年度财政项目支出绩效自评表"));
        Assert.Equal((2023, "服务费(宝财行签[2023]277号)"), (form.Year, form.ProjectName));
        Assert.Equal("projectName", Assert.Single(form.Warnings, w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id).Field);
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.TrailingRow.Id);
    }

    [Fact]
    public void Texts_after_the_table_fill_the_empty_labels_in_the_table_s_order_and_what_is_left_is_reported()
    {
        // The tool writes wrapped cells in the table's order: the first text is the 项目名称's; a second, with no empty
        // label or nameless row to go to, is reported, never dropped.
        var form = Read(CellsAfterTheTable.Replace("服务费(宝财行签[2023]277号)", "服务费(宝财行签[2023]277号)\n另一段文字说明"));
        Assert.Equal("服务费(宝财行签[2023]277号)", form.ProjectName);
        Assert.Equal("projectName", Assert.Single(form.Warnings, w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id).Field);
        var left = Assert.Single(form.Warnings, w => w.Code == DiagnosticCodes.TrailingRow.Id);
        Assert.Equal(15, left.Source?.Line);
    }
}
