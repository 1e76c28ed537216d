using PerformanceEval.Ingestion;
using PerformanceEval.Normalization;
using PerformanceEval.Provenance;
using PerformanceEval.Tables;
using PerformanceEval.Templates;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>
/// A scanned standard form as the OCR gives it (every cell with a confidence), its title, funding header and figures
/// garbled the way the print shop's scans garble them (tuning half, seed 001 form 11: a 240-dpi page, blurred, its
/// light uneven).
/// </summary>
public sealed class ScannedFormTests
{
    private static RawRow Row(params string[] cells) =>
        new([.. cells.Select((t, c) => new RawCell(t, new SourceRef("scan.pdf", "", 1, null, 0, c, null, t, 0.9)))],
            RowOrigin.RuledGrid, null, 0);

    private static PerformanceEval.Contract.CleanedForm Read(params RawRow[] funding) => Read("2021年虔!)", funding);

    private static PerformanceEval.Contract.CleanedForm Read(string title, params RawRow[] funding) =>
        Read(title, ["项目资金", "", "年初预算数", "企年预算数", "全年执行数", "外侦", "涩行这", "丛分"], funding);

    private static PerformanceEval.Contract.CleanedForm Read(string title, string[] fundingHeader, params RawRow[] funding)
    {
        var grid = new FormGrid(SourceDocument.FromBytes("scan.pdf", [1]), InputKind.PdfScan, 0,
        [
            Row(title),
            Row("项目名称", "", "数据备份服务"),
            Row(fundingHeader),
            .. funding,
            Row("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
            Row("产出指标", "数量指标", "数据备份率", "=100%", "100%", "90", "90", ""),
            Row("总分", "", "", "", "", "100", "97.3", ""),
        ]);
        return new StandardFormNormalizer(new LabelMatcher(TemplateModel.Load("standard", null))).Normalize(grid).Value.Form;
    }

    [Fact]
    public void A_funding_header_OCR_garbled_is_read_by_the_labels_it_kept_and_the_template_s_order()
    {
        var form = Read(Row("项目资金", "年度资金总额", "", "610,190.4", "445,034.4", "10", "72.93%", "7.3"));
        var total = form.Funding.Total!;
        Assert.Equal(((decimal?)null, 610190.4m, 445034.4m, 10m, 72.93m, 7.3m),
            (total.InitialBudget, total.AnnualBudget, total.Executed, total.Weight, total.ExecutionRate, total.Score));
        Assert.Equal(4, form.Warnings.Count(w => w.Code == "header.inferred" && w.Message.Contains("全年预算数") | w.Message.Contains("分值") |
                                                                                   w.Message.Contains("执行率") | w.Message.Contains("得分")));
        Assert.DoesNotContain(form.Warnings, w => w.Code == "funding.by-order");
    }

    [Fact]
    public void A_scanned_funding_figure_that_makes_no_figure_is_left_unread_under_its_header_and_the_rest_stay_in_their_columns()
    {
        // "445.,034.4" (two separators) and "7T2 .8t" (72.93%, its % lost and digits read as letters).
        var form = Read(Row("项目资金", "年度资金总额", "", "610,190.4", "445.,034.4", "10", "7T2 .8t", "7.3"));
        var total = form.Funding.Total!;
        Assert.Equal(((decimal?)null, 610190.4m, (decimal?)null, 10m, (decimal?)null, 7.3m),
            (total.InitialBudget, total.AnnualBudget, total.Executed, total.Weight, total.ExecutionRate, total.Score));
        Assert.Equal(["funding.total.executed", "funding.total.executionRate"],
            form.Warnings.Where(w => w.Code == "grid.figure-unread").Select(w => w.Field).Order());
        Assert.DoesNotContain(form.Warnings, w => w.Code == "funding.by-order");
    }

    [Fact]
    public void A_scanned_rate_read_as_one_ideograph_the_engine_was_unsure_of_is_left_unread_and_the_rest_stay_in_their_columns()
    {
        // 72.93% read as 网 at confidence 0: no figure, and no sign the row's columns drifted.
        var row = Row("项目资金", "年度资金总额", "", "610,190.4", "445,034.4", "10", "网", "7.3");
        row = row with { Cells = row.Cells.SetItem(6, row.Cells[6] with { Source = row.Cells[6].Source with { Confidence = 0.0 } }) };
        var form = Read(row);
        var total = form.Funding.Total!;
        Assert.Equal(((decimal?)null, 610190.4m, 445034.4m, 10m, (decimal?)null, 7.3m),
            (total.InitialBudget, total.AnnualBudget, total.Executed, total.Weight, total.ExecutionRate, total.Score));
        Assert.Equal("funding.total.executionRate", Assert.Single(form.Warnings, w => w.Code == "grid.figure-unread").Field);
        Assert.DoesNotContain(form.Warnings, w => w.Code == "funding.by-order");
    }

    [Theory]
    [InlineData("2021年虔!)", 2021)]                  // 度 garbled
    [InlineData("2021千虞朵必项目福出绩效目六表", 2021)]  // 年 garbled
    [InlineData("2021-06-09", null)]                  // a date, no year of a title
    public void The_year_of_a_garbled_title_atop_the_form_is_read(string title, int? year)
    {
        var form = Read(title, Row("项目资金", "年度资金总额", "", "610,190.4", "445,034.4", "10", "72.93%", "7.3"));
        Assert.Equal(year, form.Year);
    }

    [Fact]
    public void A_funding_header_with_every_amount_label_garbled_is_known_by_its_exact_labels_and_near_ones()
    {
        // 年初预算数, 全年预算数, 全年执行数 each one character off, 执行率 two: only 分值 and 得分 read exactly.
        var form = Read("财政项目支出绩效自评表", ["项目资金", "", "年初颅算数", "全年所算数", "全年刁行数", "分值", "执行阁", "得分"],
            Row("项目资金", "年度资金总额", "8,026,991.00", "8,026,991.00", "7,822,727", "10", "97.46%", "9.75"));
        var total = form.Funding.Total!;
        Assert.Equal((8026991m, 8026991m, 7822727m, 10m, 97.46m, 9.75m),
            (total.InitialBudget, total.AnnualBudget, total.Executed, total.Weight, total.ExecutionRate, total.Score));
        Assert.Equal(4, form.Warnings.Count(w => w.Code == "header.inferred"));
    }
    [Fact]
    public void Two_funding_lines_in_one_row_whose_rule_was_lost_are_parted_by_their_lines()
    {
        // 年度资金总额 and 当年财政拨款 in one row (tuning half, synthetic 028: a fax's grey rule thresholded away), each
        // amount cell a figure a line; 分值, 执行率 and 得分 printed on the total's line only.
        var form = Read("财政项目支出绩效自评表", ["项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            Row("项目资金", "年度资金总额\n其中;当年财\n政拨款", "7806281.00\n7806281.00", "7806281.00\n7806281.00", "5194475\n5194475",
                "10", "66.54%", "6.65"),
            Row("项目资金", "上年结转资金", "0.00", "0.00", "", "", "", ""));
        var (total, fiscal) = (form.Funding.Total!, form.Funding.Fiscal!);
        Assert.Equal((7806281m, 7806281m, 5194475m, 10m, 66.54m, 6.65m),
            (total.InitialBudget, total.AnnualBudget, total.Executed, total.Weight, total.ExecutionRate, total.Score));
        Assert.Equal((7806281m, 7806281m, 5194475m, (decimal?)null),
            (fiscal.InitialBudget, fiscal.AnnualBudget, fiscal.Executed, fiscal.Weight));
        Assert.Equal(0m, form.Funding.Carryover!.InitialBudget);
        Assert.Single(form.Warnings, w => w.Code == "grid.rows-parted");
    }

    [Fact]
    public void An_amount_of_one_line_in_two_parted_funding_lines_is_no_line_s_and_is_left_unread()
    {
        // Which of the two lines a lone amount stands on, the cell's text does not say.
        var form = Read("财政项目支出绩效自评表", ["项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            Row("项目资金", "年度资金总额\n其中：当年财政拨款", "7806281.00", "7806281.00\n7806281.00", "5194475\n5194475", "10", "66.54%", "6.65"));
        Assert.Equal(((decimal?)null, (decimal?)null), (form.Funding.Total!.InitialBudget, form.Funding.Fiscal!.InitialBudget));
        Assert.Equal((7806281m, 7806281m), (form.Funding.Total.AnnualBudget!.Value, form.Funding.Fiscal.AnnualBudget!.Value));
        Assert.Contains(form.Warnings, w => w.Code == "funding.amount-column-unknown" && w.Message.Contains("7806281.00"));
    }

    /// <summary>A scanned criteria form's head (tuning half, seed 003 form 00, a TIFF with a seal) and its table's first row.</summary>
    private static PerformanceEval.Contract.CleanedForm ReadCriteria(params RawRow[] head)
    {
        var grid = new FormGrid(SourceDocument.FromBytes("scan.tif", [1]), InputKind.Image, 0,
        [
            Row("2020年度财政项目绩效目标自评表"),
            Row("项目\n名称", "闵行区一网通办配套系统", "预算\n单位", "上海市闵行区证照办理中心"),
            .. head,
            Row("一级\n指标", "指标\n名称", "指标\n解释", "权重", "评分\n规则", "自评\n得分", "备\n注"),
            Row("投入与管理(5分)", "项目设立的规范性", "项目的申请是否符合要求。", "5", "是否按照规定的程序申请设立。", "5", ""),
        ]);
        return new CriteriaFormNormalizer(new LabelMatcher(TemplateModel.Load("criteria", null))).Normalize(grid).Value.Form;
    }

    [Fact]
    public void A_scanned_amount_label_OCR_garbled_is_read_as_the_template_s_with_a_warning()
    {
        // 当年预算数（元） with its 数（ read as 煞, 上年预算金额 with its 上 read as 由, 预算执行数（ read as 预算执行到.
        var form = ReadCriteria(
            Row("当年预算\n煞\n元)", "910,000.00", "由年\n预算金额 (元)", "0.00"),
            Row("预算执行\n到\n元)", "905,000.00", "预算执行率\n(%)", "99.45%"));
        Assert.Equal((910000m, 905000m, 0m, 99.45m),
            (form.Funding.Total!.AnnualBudget, form.Funding.Total.Executed, form.Funding.PreviousYearBudget, form.Funding.Total.ExecutionRate));
        Assert.Equal(3, form.Warnings.Count(w => w.Code == "text.repaired" && w.Message.Contains("按模板读作")));
    }

    [Fact]
    public void A_garbled_label_is_no_amount_s_where_it_does_not_say_which_or_its_value_is_no_figure()
    {
        // "预算执行" begins both 预算执行数 and 预算执行率: an amount beside it is the executed amount, a % the rate — and
        // a rate already read leaves a % beside a second garbled 预算执行 unread. A garbled label over words is no amount's.
        var form = ReadCriteria(
            Row("当年预算\n煞\n元)", "按计划推进", "由年\n预算金额 (元)", "0.00"),
            Row("预算执行\n到\n元)", "99.45%", "预算执行率\n(%)", "98.00%"));
        Assert.Null(form.Funding.Total?.AnnualBudget);
        Assert.Null(form.Funding.Total?.Executed);
        Assert.Equal(98.00m, form.Funding.Total!.ExecutionRate);
        Assert.DoesNotContain(form.Warnings, w => w.Code == "text.repaired" && (w.Message.Contains("当年预算数") || w.Message.Contains("预算执行数")));
    }

    private static PerformanceEval.Contract.CleanedForm ReadHead(RawRow departmentRow)
    {
        var grid = new FormGrid(SourceDocument.FromBytes("scan.pdf", [1]), InputKind.PdfScan, 0,
        [
            Row("2023年度项目支出绩效自评表"),
            Row("项目名称", "", "数据备份服务"),
            departmentRow,
            Row("项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
            Row("项目资金", "年度资金总额", "610,190.4", "610,190.4", "445,034.4", "10", "72.93%", "7.3"),
            Row("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
            Row("产出指标", "数量指标", "数据备份率", "=100%", "100%", "90", "90", ""),
            Row("总分", "", "", "", "", "100", "97.3", ""),
        ]);
        return new StandardFormNormalizer(new LabelMatcher(TemplateModel.Load("standard", null))).Normalize(grid).Value.Form;
    }

    [Theory]
    // The label in a cell of its own (tuning half, seed 001 form 11), and inside the department's cell, its rule lost.
    [InlineData(new[] { "主管部门", "宝山芭行政服务中心", "宗郊单位", "宝山区行政服务中心" }, "宝山芭行政服务中心", "宝山区行政服务中心")]
    [InlineData(new[] { "主管部门", "上海市闵行区生态环境局医施单位上海市闵行区生态环境服务站" }, "上海市闵行区生态环境局", "上海市闵行区生态环境服务站")]
    public void A_实施单位_label_OCR_garbled_on_the_department_s_row_still_parts_the_two(string[] cells, string department, string unit)
    {
        var form = ReadHead(Row(cells));
        Assert.Equal((department, unit), (form.Department, form.ImplementingUnit));
        Assert.Contains(form.Warnings, w => w.Code == "text.repaired" && w.Message.Contains("实施单位"));
    }

    [Fact]
    public void A_department_whose_name_holds_单位_is_not_parted()
    {
        // 预算单位 inside the name, and the words after it are no unit's name: nothing to part.
        var form = ReadHead(Row("主管部门", "上海市长宁区财政局预算单位管理中心"));
        Assert.Equal("上海市长宁区财政局预算单位管理中心", form.Department);
        Assert.Null(form.ImplementingUnit);
    }

    [Theory]
    // The city prefix stuttered, glued to a label the reader garbled, one character misread, a district's first
    // characters twice, a rule's dash before it.
    [InlineData("上上上海市宝山区行政服务中心", "上海市宝山区行政服务中心")]
    [InlineData("主管惠站上海市宝山区行政服务中心", "上海市宝山区行政服务中心")]
    [InlineData("上诲市黄浦区财政局", "上海市黄浦区财政局")]
    [InlineData("二海市徐汇区退役军人事务局", "上海市徐汇区退役军人事务局")]
    [InlineData("上海市普陀普陀区生态环境局", "上海市普陀区生态环境局")]
    [InlineData("-上诲市黄浦区财政局", "上海市黄浦区财政局")]
    public void A_scanned_department_whose_city_and_district_head_OCR_garbled_is_put_right_with_a_warning(string read, string department)
    {
        var form = ReadHead(Row("主管部门", read));
        Assert.Equal(department, form.Department);
        Assert.Contains(form.Warnings, w => w.Code == "text.repaired" && w.Field == "department" && w.Message.Contains(read));
    }

    [Fact]
    public void A_garbled_department_label_read_as_the_name_s_first_piece_is_dropped_with_a_warning()
    {
        // 主管部门 read "主管惠站" in its own cell: no label, so the row's value before 实施单位 is the department, read from both cells.
        var form = ReadHead(Row("主管惠站", "上海市宝山区行政服务中心", "实施单位", "上海市宝山区行政服务中心"));
        Assert.Equal(("上海市宝山区行政服务中心", "上海市宝山区行政服务中心"), (form.Department, form.ImplementingUnit));
        Assert.Contains(form.Warnings, w => w.Code == "text.repaired" && w.Field == "department" && w.Message.Contains("主管惠站"));
    }

    [Theory]
    // A name's own words before the city, a head that is no misread city, no district of the table: as read.
    [InlineData("中共上海市宝山区委宣传部")]
    [InlineData("共青团上海市黄浦区委员会")]
    [InlineData("上海海关宝山区办事处")]
    [InlineData("上海市闵行人局资源和社会保障")]
    public void A_department_s_head_that_is_not_a_garbled_city_is_left_as_read(string read)
    {
        var form = ReadHead(Row("主管部门", read));
        Assert.Equal(read, form.Department);
        Assert.DoesNotContain(form.Warnings, w => w.Code == "text.repaired" && w.Field == "department");
    }

    [Fact]
    public void A_text_s_department_is_never_put_right_by_the_city_s_name()
    {
        // The same head in a text layer (no OCR confidence): it prints what it prints.
        var form = ReadTable(null, ["主管部门", "上上海市宝山区行政服务中心"], ["产出指标", "数量指标", "数据备份率", "=100%", "100%", "90", "90", ""]);
        Assert.Equal("上上海市宝山区行政服务中心", form.Department);
    }

    /// <summary>A scanned indicator table: a 一级指标 cell spanning four rows, then a 二级指标 cell per run of rows.</summary>
    private static PerformanceEval.Contract.CleanedForm ReadLevels(string thirdLevel2, string thirdName, string fourthName, double? confidence = 0.9)
    {
        RawCell Cell(string text, int col, int rowSpan = 1, bool carried = false) =>
            new(text, new SourceRef("scan.pdf", "", 1, null, 0, col, null, text, confidence)) { RowSpan = rowSpan, Carried = carried };
        RawRow Line(params RawCell[] cells) => new([.. cells], RowOrigin.RuledGrid, null, 0);
        RawCell[] Figures(string name, string target, string actual) =>
            [Cell(name, 2), Cell(target, 3), Cell(actual, 4), Cell("10", 5), Cell("10", 6), Cell("", 7)];
        var grid = new FormGrid(SourceDocument.FromBytes("scan.pdf", [1]), InputKind.PdfScan, 0,
        [
            Row("2023年度项目支出绩效自评表"),
            Row("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
            Line([Cell("产出指标", 0, 4), Cell("数量指标", 1), .. Figures("完成巡查次数", "=12次", "12次")]),
            Line([Cell("产出指标", 0, carried: true), Cell("质量指标", 1), .. Figures("服务规范性", "完善", "完善")]),
            Line([Cell("产出指标", 0, carried: true), Cell(thirdLevel2, 1, 2), .. Figures(thirdName, "≥90%", "92.5%")]),
            Line([Cell("产出指标", 0, carried: true), Cell(thirdLevel2, 1, carried: true), .. Figures(fourthName, "=100%", "100%")]),
            Row("总分", "", "", "", "", "100", "40", ""),
        ]);
        return new StandardFormNormalizer(new LabelMatcher(TemplateModel.Load("standard", null))).Normalize(grid).Value.Form;
    }

    [Fact]
    public void A_二级指标_cell_of_its_own_that_reads_as_no_level_is_the_one_its_rows_names_say_after_the_one_above()
    {
        // A merged 时效指标 cell's vertical print read "as 和 二 / 叶妈后 / 标": its rows were carried under 质量指标.
        var form = ReadLevels("as 和 二\n叶妈后\n标", "资金支付及时性", "各项工作完成及时性");
        Assert.Equal(["数量指标", "质量指标", "时效指标", "时效指标"], form.Indicators.Select(i => i.Level2));
        Assert.All(form.Indicators, i => Assert.Equal("产出指标", i.Level1));
        Assert.Contains(form.Warnings, w => w.Code == "text.level-assumed" && w.Message.Contains("时效指标"));
    }

    [Fact]
    public void A_二级指标_cell_that_reads_as_no_level_over_rows_that_say_nothing_keeps_the_one_above()
    {
        // Names no cue speaks for (and 质量指标's "完成率" speaks for the one in force): nothing to go by.
        var form = ReadLevels("as 和 二\n叶妈后\n标", "项目开展情况", "数据更新完成率");
        Assert.Equal(["数量指标", "质量指标", "质量指标", "质量指标"], form.Indicators.Select(i => i.Level2));
        Assert.DoesNotContain(form.Warnings, w => w.Code == "text.level-assumed");
    }

    [Fact]
    public void A_text_s_二级指标_cell_that_names_no_level_is_not_guessed_from_its_rows()
    {
        // What a text layer prints is what the form says: its rows are not put under a level by their names.
        var form = ReadLevels("专项指标", "资金支付及时性", "各项工作完成及时性", confidence: null);
        Assert.DoesNotContain("时效指标", form.Indicators.Select(i => i.Level2));
        Assert.DoesNotContain(form.Warnings, w => w.Code == "text.level-assumed");
    }

    [Fact]
    public void A_scanned_qualitative_target_with_the_reader_s_noise_is_the_word_with_a_warning_and_a_text_s_is_not()
    {
        string[] row = ["产出指标", "质量指标", "管理制度完善性", "2完善", "有所提5", "10", "10", ""];
        var scanned = ReadTable(0.9, row);
        Assert.Equal(("完善", "有所提升"), (scanned.Indicators[0].Target, scanned.Indicators[0].Actual));
        Assert.Equal(["indicators[0].actual", "indicators[0].target"],
            scanned.Warnings.Where(w => w.Code == "text.repaired").Select(w => w.Field).Order());
        var text = ReadTable(null, row);
        Assert.Equal(("2完善", "有所提5"), (text.Indicators[0].Target, text.Indicators[0].Actual));
    }

    [Theory]
    [InlineData("工作考核达标率-，-", "工作考核达标率")]
    [InlineData("节约运行成本.", "节约运行成本")]
    [InlineData(":完成巡查次数，", "完成巡查次数")]
    [InlineData("人员'管理机制健全性", "人员管理机制健全性")]
    [InlineData("长效管理制|度健全性", "长效管理制度健全性")]
    public void A_scanned_indicator_name_s_stray_marks_are_dropped_with_a_warning(string read, string name)
    {
        var form = ReadName(read, 0.9);
        Assert.Equal(name, form.Indicators[0].Name);
        Assert.Contains(form.Warnings, w => w.Code == "text.repaired" && w.Field == "indicators[0].name");
    }

    [Theory]
    // Commas and stops inside a name (a name that lists), brackets and quotes: as read.
    [InlineData("按计划完成项目,通过竣工验收,项目可顺利投入使用")]
    [InlineData("财务（资产）管理制度的健全性")]
    [InlineData("推进“一网通办”工作")]
    public void A_scanned_indicator_name_s_own_marks_stay(string read)
    {
        var form = ReadName(read, 0.9);
        Assert.Equal(read, form.Indicators[0].Name);
        Assert.DoesNotContain(form.Warnings, w => w.Code == "text.repaired" && w.Field == "indicators[0].name");
    }

    [Fact]
    public void A_text_s_indicator_name_keeps_its_marks() =>
        Assert.Equal("节约运行成本.", ReadName("节约运行成本.", null).Indicators[0].Name);

    [Theory]
    [InlineData("人", null)]               // a speck read as a lone character
    [InlineData("ET", null)]
    [InlineData("一一-一一", null)]        // a rule's remains
    [InlineData("二ee012205人", null)]     // a seal's ink
    [InlineData("无", "无")]               // a one-character answer is words
    [InlineData("/", "/")]                 // a placeholder
    [InlineData("进度滞后", "进度滞后")]
    [InlineData("部分工作未按计划完成,下年度加强跟踪", "部分工作未按计划完成,下年度加强跟踪")]
    public void A_scanned_note_that_reads_as_no_words_is_left_empty_with_a_warning(string read, string? note)
    {
        var form = ReadTable(0.9, ["产出指标", "质量指标", "验收合格率", "=100%", "100%", "10", "10", read]);
        Assert.Equal(note, form.Indicators[0].Note);
        Assert.Equal(note is null ? 1 : 0, form.Warnings.Count(w => w.Code == "text.noise-dropped" && w.Field == "indicators[0].note"));
    }

    [Fact]
    public void A_scanned_分值_or_得分_over_100_stays_as_read_and_is_flagged_and_a_text_s_is_not()
    {
        // "155" for a 15 and "190" for a 10, read surely; 总分's own 100 is no such figure.
        string[][] rows = [["产出指标", "质量指标", "验收合格率", "=100%", "100%", "155", "15", ""], ["产出指标", "质量指标", "受益人数", "=55人", "55人", "10", "190", ""]];
        var form = ReadTable(0.9, rows);
        Assert.Equal((155m, 190m), (form.Indicators[0].Weight, form.Indicators[1].Score));
        Assert.Equal(["indicators[0].weight", "indicators[1].score"],
            form.Warnings.Where(w => w.Code == "ocr.figure-implausible").Select(w => w.Field).Order());
        Assert.DoesNotContain(ReadTable(null, rows).Warnings, w => w.Code == "ocr.figure-implausible");
    }

    [Fact]
    public void A_text_s_note_is_what_it_says() =>
        Assert.Equal("人", ReadTable(null, ["产出指标", "质量指标", "验收合格率", "=100%", "100%", "10", "10", "人"]).Indicators[0].Note);

    private static PerformanceEval.Contract.CleanedForm ReadName(string name, double? confidence) =>
        ReadTable(confidence, ["产出指标", "质量指标", name, "=100%", "100%", "10", "10", ""]);

    /// <summary>
    /// A form of a title, the given rows (a 主管部门 row, indicator rows), the indicator header before the first indicator
    /// row and 总分 last; every cell read by OCR at <paramref name="confidence"/>, or a text layer's where it is null.
    /// </summary>
    private static PerformanceEval.Contract.CleanedForm ReadTable(double? confidence, params string[][] rows)
    {
        RawRow Line(params string[] cells) =>
            new([.. cells.Select((t, c) => new RawCell(t, new SourceRef("scan.pdf", "", 1, null, 0, c, null, t, confidence)))], RowOrigin.RuledGrid, null, 0);
        var header = Array.FindIndex(rows, r => r.Length == 8);
        var grid = new FormGrid(SourceDocument.FromBytes("scan.pdf", [1]), confidence is null ? InputKind.PdfText : InputKind.PdfScan, 0,
        [
            Line("2023年度项目支出绩效自评表"),
            .. rows[..header].Select(r => Line(r)),
            Line("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
            .. rows[header..].Select(r => Line(r)),
            Line("总分", "", "", "", "", "100", "97.3", ""),
        ]);
        return new StandardFormNormalizer(new LabelMatcher(TemplateModel.Load("standard", null))).Normalize(grid).Value.Form;
    }

    /// <summary>
    /// A scanned form whose indicator header OCR joined to the goals' cell above it (the rule between them lost, tuning
    /// check set, synthetic 704: a 150-dpi black-and-white page): the goals row, then the indicator rows and 总分.
    /// </summary>
    private static PerformanceEval.Contract.CleanedForm ReadWithoutHeader(params string[][] indicators)
    {
        RawRow Line(params string[] cells) =>
            new([.. cells.Select((t, c) => new RawCell(t, new SourceRef("scan.pdf", "", 1, null, 0, c, null, t, 0.9)))], RowOrigin.RuledGrid, null, 0);
        var grid = new FormGrid(SourceDocument.FromBytes("scan.pdf", [1]), InputKind.PdfScan, 0,
        [
            Line("2023年度项目支出绩效自评表"),
            Line("项目名称", "", "档案数字化加工服务费"),
            Line("项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
            Line("项目资金", "年度资金总额", "6090853.00", "6090853.00", "3037077.00", "10", "49.86%", "4.986"),
            Line("年度总体目标", "预期目标\n按年度计划推进项目实施。\n一 一 年度指标 偏差原因分析及改\n级指标 二级指标 =砚和 实际完成信 得分 进措施", "已按计划完成年度目标。"),
            // What is left of the header: the vertical 绩效指标 label's cell with specks, three labels in one cell.
            Line("[\n效\n指\n标\n效益指标\n本", "二级指标 三级指标 实际完成值", "年度指标\n值", "得分  伪差原因分析及改\n进措施"),
            .. indicators.Select(r => Line(r) is var row ? row with { Cells = row.Cells.SetItem(0, row.Cells[0] with { Carried = true }) } : row),
            Line("总分", "", "", "", "", "", "100", "94.986", ""),
        ]);
        return new StandardFormNormalizer(new LabelMatcher(TemplateModel.Load("standard", null))).Normalize(grid).Value.Form;
    }

    [Fact]
    public void A_scanned_indicator_table_whose_header_went_into_the_goals_cell_begins_at_its_first_row_of_a_level_and_a_pair()
    {
        var form = ReadWithoutHeader(
            ["[\n效\n指\n标\n效益指标\n本", "产出指标", "数量指标", "完成巡查次数", "完善", "基本完善", "5", "5", ""],
            ["[\n效\n指\n标\n效益指标\n本", "产出指标", "质量指标", "问题整改率", ">80%", "90%", "10", "10", ""]);
        Assert.Equal(["完成巡查次数", "问题整改率"], form.Indicators.Select(i => i.Name));
        Assert.Equal([5m, 10m], form.Indicators.Select(i => i.Weight));
        Assert.DoesNotContain("完成巡查次数", form.Goals.Planned ?? "");
        // Read in the table's order, not by the order-free reading of what the goals took.
        Assert.DoesNotContain(form.Warnings, w => w.Code.StartsWith("layout.order-free", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scanned_table_read_without_its_header_takes_the_measures_order_from_where_its_comparators_stand()
    {
        // 实际完成值 printed before 年度指标值: every comparator stands in the cell the template's order reads as the actual.
        var form = ReadWithoutHeader(
            ["[\n效\n指\n标\n效益指标\n本", "产出指标", "数量指标", "完成巡查次数", "基本完善", "完善", "5", "5", ""],
            ["[\n效\n指\n标\n效益指标\n本", "产出指标", "质量指标", "问题整改率", "90%", ">80%", "10", "10", ""],
            ["[\n效\n指\n标\n效益指标\n本", "产出指标", "成本指标", "预算控制率", "90", ">=85%", "15", "15", ""]);
        Assert.Equal([(">80%", "90%"), (">=85%", "90")], form.Indicators.Skip(1).Select(i => (i.Target, i.Actual)));
        Assert.Equal(("完善", "基本完善"), (form.Indicators[0].Target, form.Indicators[0].Actual));
        Assert.Single(form.Warnings, w => w.Code == "header.measures-by-values");
    }

    [Fact]
    public void A_scanned_分值_holding_a_figure_on_each_line_read_by_position_is_no_figure_of_the_row()
    {
        // Two rows' weights in one cell ("1" over "5"), read by position for want of a header: once a weight of 15.
        var form = ReadWithoutHeader(
            ["[\n效\n指\n标\n效益指标\n本", "产出指标", "数量指标", "完成巡查次数", "完善", "基本完善", "1\n5", "1", ""],
            ["[\n效\n指\n标\n效益指标\n本", "产出指标", "质量指标", "问题整改率", ">80%", "90%", "10", "10", ""]);
        Assert.Equal(2, form.Indicators.Length);
        Assert.Equal(((decimal?)null, (decimal?)null), (form.Indicators[0].Weight, form.Indicators[0].Score));
        Assert.Equal(["indicators[0].score", "indicators[0].weight"],
            form.Warnings.Where(w => w.Code == "grid.figures-joined").Select(w => w.Field).Order());
        Assert.Equal(10m, form.Indicators[1].Weight);
    }
}
