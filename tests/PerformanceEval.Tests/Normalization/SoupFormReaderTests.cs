using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>
/// Forms whose text came out in an order that is not the table's (issue 15). One form, written down here by hand as
/// it is printed — 社区公共文化设施维护项目, 2022, six indicator rows, two under 数量指标 — comes in three orders: the
/// printed template's words first and what was filled in after (each cell a line), each block written column by
/// column, and the blocks shuffled with each block's cells run together on one line. Every expected field below is
/// read off that form: the amounts 800000.00 / 800000.00 / 720000.00 at 90.00% (720000 ÷ 800000), 分值 10 and 得分 9.00;
/// rows 15/15, 10/10, 15/15, 10/10, 20/18 (its note 参与人次略低于目标), 20/20; 总分 100 and 97.00.
/// </summary>
public sealed class SoupFormReaderTests
{
    /// <summary>The printed template (title, labels) first, then what was filled in, in the table's row order.</summary>
    private const string TemplateFirst = """
        财政项目支出绩效自评表
        (2022 年度)
        项目名称
        主管部门
        实施单位
        项目资金(元)
        年初预算数
        全年预算数
        全年执行数
        分值
        执行率
        得分
        年度资金总额
        其中：当年财政拨款
        上年结转资金
        其他资金
        年度总体目标
        预期目标
        实际完成情况
        绩效指标
        一级指标
        二级指标
        三级指标
        年度指标值
        实际完成值
        分值
        得分
        偏差原因分析及改进措施
        总分
        社区公共文化设施维护项目
        上海市嘉定区文化和旅游局
        上海市嘉定区文化馆
        800000.00
        800000.00
        720000.00
        10
        90.00%
        9.00
        800000.00
        800000.00
        720000.00
        —
        0.00
        0.00
        —
        0.00
        0.00
        —
        维护辖区内公共文化设施，保障群众文化活动正常开展。
        已完成全年维护任务，设施运行良好。
        产出指标
        数量指标
        维护设施点位数
        ≥40个
        42个
        15
        15
        开展活动场次
        ≥12场
        12场
        10
        10
        质量指标
        设施完好率
        ≥95%
        97%
        15
        15
        时效指标
        维护任务完成及时性
        及时
        及时
        10
        10
        效益指标
        社会效益指标
        群众文化活动参与人次
        ≥5000人次
        4800人次
        20
        18
        参与人次略低于目标
        满意度指标
        服务对象满意度指标
        群众满意度
        ≥90%
        93%
        20
        20
        100
        97.00
        """;

    /// <summary>Each block column by column, top to bottom.</summary>
    private const string Columns = """
        财政项目支出绩效自评表
        (2022 年度)
        项目名称
        主管部门
        社区公共文化设施维护项目
        上海市嘉定区文化和旅游局
        实施单位
        上海市嘉定区文化馆
        项目资金(元)
        年度资金总额
        其中：当年财政拨款
        上年结转资金
        其他资金
        年初预算数
        800000.00
        800000.00
        0.00
        0.00
        全年预算数
        800000.00
        800000.00
        0.00
        0.00
        全年执行数
        720000.00
        720000.00
        分值
        10
        —
        —
        —
        执行率
        90.00%
        得分
        9.00
        年度总体目标
        预期目标
        维护辖区内公共文化设施，保障群众文化活动正常开展。
        实际完成情况
        已完成全年维护任务，设施运行良好。
        绩效指标
        一级指标
        产出指标
        效益指标
        满意度指标
        总分
        二级指标
        数量指标
        质量指标
        时效指标
        社会效益指标
        服务对象满意度指标
        三级指标
        维护设施点位数
        开展活动场次
        设施完好率
        维护任务完成及时性
        群众文化活动参与人次
        群众满意度
        年度指标值
        ≥40个
        ≥12场
        ≥95%
        及时
        ≥5000人次
        ≥90%
        实际完成值
        42个
        12场
        97%
        及时
        4800人次
        93%
        分值
        15
        10
        15
        10
        20
        20
        100
        得分
        15
        10
        15
        10
        18
        20
        97.00
        偏差原因分析及改进措施
        参与人次略低于目标
        """;

    /// <summary>Blocks shuffled (the title's block first, the header's last), each block's cells on one line.</summary>
    private const string Blocks = """
        财政项目支出绩效自评表 (2022 年度)
        绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 产出指标 数量指标 维护设施点位数 ≥40个 42个 15 15 开展活动场次 ≥12场 12场 10 10 质量指标 设施完好率 ≥95% 97% 15 15 时效指标 维护任务完成及时性 及时 及时 10 10 效益指标 社会效益指标 群众文化活动参与人次 ≥5000人次 4800人次 20 18 参与人次略低于目标 满意度指标 服务对象满意度指标 群众满意度 ≥90% 93% 20 20 总分 100 97.00
        项目资金(元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 800000.00 800000.00 720000.00 10 90.00% 9.00 其中：当年财政拨款 800000.00 800000.00 720000.00 — 上年结转资金 0.00 0.00 — 其他资金 0.00 0.00 —
        年度总体目标 预期目标 实际完成情况 维护辖区内公共文化设施，保障群众文化活动正常开展。 已完成全年维护任务，设施运行良好。
        项目名称 社区公共文化设施维护项目 主管部门 上海市嘉定区文化和旅游局 实施单位 上海市嘉定区文化馆
        """;

    private static CleanedForm Read(string text) =>
        Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("soup.txt", Encoding.UTF8.GetBytes(text))).Forms);

    public static TheoryData<string> Soups() => [nameof(TemplateFirst), nameof(Columns), nameof(Blocks)];

    private static string Soup(string name) => name switch
    {
        nameof(TemplateFirst) => TemplateFirst,
        nameof(Columns) => Columns,
        _ => Blocks,
    };

    [Theory]
    [MemberData(nameof(Soups))]
    public void Every_order_gives_the_form_s_header_funding_and_totals(string soup)
    {
        var form = Read(Soup(soup));
        Assert.Equal(2022, form.Year);
        Assert.Equal(("社区公共文化设施维护项目", "上海市嘉定区文化和旅游局", "上海市嘉定区文化馆"), (form.ProjectName, form.Department, form.ImplementingUnit));
        Assert.Equal("元", form.CurrencyUnit);
        var total = form.Funding.Total!;
        Assert.Equal((800000.00m, 800000.00m, 720000.00m, 10m, 90.00m, 9.00m),
            (total.InitialBudget, total.AnnualBudget, total.Executed, total.Weight, total.ExecutionRate, total.Score));
        Assert.Equal((800000.00m, 800000.00m, 720000.00m), (form.Funding.Fiscal!.InitialBudget, form.Funding.Fiscal.AnnualBudget, form.Funding.Fiscal.Executed));
        Assert.Equal((0.00m, 0.00m, (decimal?)null), (form.Funding.Carryover!.InitialBudget, form.Funding.Carryover.AnnualBudget, form.Funding.Carryover.Executed));
        Assert.Equal((0.00m, 0.00m), (form.Funding.Other!.InitialBudget, form.Funding.Other.AnnualBudget));
        Assert.Equal(("维护辖区内公共文化设施，保障群众文化活动正常开展。", "已完成全年维护任务，设施运行良好。"), (form.Goals.Planned, form.Goals.Achieved));
        Assert.Equal((100m, 97.00m), (form.TotalWeight, form.TotalScore));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.OrderFree.Id);
        Assert.Equal("order-free", form.Provenance["funding.total.executed"].PlacedBy);
        Assert.Equal("order-free", form.Provenance["indicators[4].score"].PlacedBy);
        // The form's own arithmetic holds as printed: no finding is one the placing made.
        Assert.DoesNotContain(form.Findings, f => f.Rule is "execution-rate" or "budget-score" or "weight-sum" or "total-score");
    }

    [Theory]
    [MemberData(nameof(Soups))]
    public void Every_order_gives_each_indicator_row_its_name_measures_points_and_note(string soup)
    {
        var rows = Read(Soup(soup)).Indicators;
        Assert.Equal(
            [
                ("维护设施点位数", "≥40个", "42个", 15m, 15m, null),
                ("开展活动场次", "≥12场", "12场", 10m, 10m, null),
                ("设施完好率", "≥95%", "97%", 15m, 15m, null),
                ("维护任务完成及时性", "及时", "及时", 10m, 10m, null),
                ("群众文化活动参与人次", "≥5000人次", "4800人次", 20m, 18m, "参与人次略低于目标"),
                ("群众满意度", "≥90%", "93%", 20m, 20m, (string?)null),
            ],
            rows.Select(r => (r.Name, r.Target, r.Actual, r.Weight, r.Score, r.Note)));
        Assert.Equal(["数量指标", "数量指标", "质量指标", "时效指标", "社会效益指标", "服务对象满意度指标"], rows.Select(r => r.Level2));
        Assert.Equal(["产出指标", "产出指标", "产出指标", "产出指标", "效益指标", "满意度指标"], rows.Select(r => r.Level1));
    }

    [Fact]
    public void A_funding_line_scored_like_the_total_ends_at_its_own_score()
    {
        // 当年财政拨款 left empty but for its "—", 上年结转资金 printing its amounts, 分值, rate and 得分 as the total does:
        // in the filled-in layer these run on with no label between them.
        var soup = TemplateFirst.Replace("9.00\n800000.00\n800000.00\n720000.00\n—\n0.00\n0.00\n—\n",
            "9.00\n—\n800000.00\n800000.00\n720000.00\n10\n90.00%\n9.00\n");
        Assert.NotEqual(TemplateFirst, soup);
        var form = Read(soup);
        var carryover = form.Funding.Carryover!;
        Assert.Equal((800000.00m, 800000.00m, 720000.00m, 10m, 90.00m, 9.00m),
            (carryover.InitialBudget, carryover.AnnualBudget, carryover.Executed, carryover.Weight, carryover.ExecutionRate, carryover.Score));
        Assert.Null(form.Funding.Fiscal);
        Assert.Equal((0.00m, 0.00m), (form.Funding.Other!.InitialBudget, form.Funding.Other.AnnualBudget));
    }

    [Fact]
    public void Levels_written_apart_from_their_rows_are_placed_by_what_the_rows_say_and_say_so()
    {
        // Five 二级指标 in a column of their own over six rows: which rows 数量指标 spanned is not in the text. Row two
        // (开展活动场次, 12场) is a count, no 质量指标, so 数量指标 spans two rows; the warning says the levels were inferred.
        var form = Read(Columns);
        Assert.Equal("数量指标", form.Indicators[1].Level2);
        Assert.Equal("level-cues", form.Provenance["indicators[1].level2"].PlacedBy);
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.OrderFree.Id && w.Field == "indicators");
    }

    [Fact]
    public void Levels_no_row_tells_apart_stay_empty_with_a_warning()
    {
        // The same rows with names and measures that say nothing of their kind: no 二级指标 is guessed.
        var blank = Columns;
        foreach (var (word, plain) in new[] { ("维护设施点位数", "甲项"), ("开展活动场次", "乙项"), ("设施完好率", "丙项"), ("维护任务完成及时性", "丁项"),
                     ("群众文化活动参与人次", "戊项"), ("群众满意度", "己项"), ("≥40个", "一"), ("42个", "一"), ("≥12场", "二"), ("12场", "二"),
                     ("≥95%", "三"), ("97%", "三"), ("及时", "四"), ("≥5000人次", "五"), ("4800人次", "五"), ("≥90%", "六"), ("93%", "六") })
            blank = blank.Replace(word, plain);
        var form = Read(blank);
        Assert.All(form.Indicators, r => Assert.Null(r.Level2));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.OrderFreeUnplaced.Id && w.Field == "indicators");
        Assert.Equal([15m, 10m, 15m, 10m, 20m, 20m], form.Indicators.Select(r => r.Weight ?? -1));
    }

    [Fact]
    public void A_row_the_cues_leave_between_two_levels_of_one_parent_keeps_its_level1()
    {
        // Rows one to three say nothing of their kind: 数量指标 spans row one at least, 时效指标 row four at most, and
        // rows two and three could fall under either side of each boundary. Every 二级指标 they could take is 产出指标's.
        var form = Read(FirstThreeRowsNamed("甲项", "乙项", "丙项"));
        Assert.Equal(["数量指标", null, null, "时效指标", "社会效益指标", "服务对象满意度指标"], form.Indicators.Select(r => r.Level2));
        Assert.Equal(["产出指标", "产出指标", "产出指标", "产出指标", "效益指标", "满意度指标"], form.Indicators.Select(r => r.Level1));
        Assert.Equal("level-cues", form.Provenance["indicators[1].level1"].PlacedBy);
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.OrderFree.Id && w.Message.Contains("无从判定的行留空"));
    }

    [Fact]
    public void Rows_written_alike_stay_under_one_level_where_the_cues_leave_a_choice()
    {
        // The same, but rows one and two written alike (完成…采购): they go under 数量指标 together, 丙项 under 质量指标.
        var form = Read(FirstThreeRowsNamed("完成座椅采购", "完成灯具采购", "丙项"));
        Assert.Equal(["数量指标", "数量指标", "质量指标", "时效指标"], form.Indicators.Take(4).Select(r => r.Level2));
    }

    /// <summary>The column soup with its first three rows renamed and their measures made words of no kind.</summary>
    private static string FirstThreeRowsNamed(string first, string second, string third)
    {
        var soup = Columns;
        foreach (var (word, plain) in new[] { ("维护设施点位数", first), ("开展活动场次", second), ("设施完好率", third),
                     ("≥40个", "一"), ("42个", "一"), ("≥12场", "二"), ("12场", "二"), ("≥95%", "三"), ("97%", "三") })
            soup = soup.Replace(word, plain);
        return soup;
    }

    [Fact]
    public void A_name_that_holds_a_label_s_word_is_a_name()
    {
        // "预算执行率" holds 执行率, the funding block's column: read as that label it ended the names' column, and
        // every row's 分值 and 得分 went with it.
        var soup = Columns.Replace("维护设施点位数", "预算执行率");
        Assert.NotEqual(Columns, soup);
        var form = Read(soup);
        Assert.Equal("预算执行率", form.Indicators[0].Name);
        Assert.Equal([15m, 10m, 15m, 10m, 20m, 20m], form.Indicators.Select(r => r.Weight ?? -1));
        Assert.Equal([15m, 10m, 15m, 10m, 18m, 20m], form.Indicators.Select(r => r.Score ?? -1));
        Assert.Equal(90.00m, form.Funding.Total!.ExecutionRate);
    }

    [Fact]
    public void The_lines_under_the_total_are_cut_by_what_a_line_prints()
    {
        // 当年财政拨款 printing its own 执行率 after its "—": the rate is that line's, and the two lines of 0.00 below
        // it keep theirs (cut at each "—", the rate began the next line and 上年结转资金 took it).
        var withRate = Read(TemplateFirst.Replace("720000.00\n—\n0.00\n0.00\n—\n", "720000.00\n—\n90.00%\n0.00\n0.00\n—\n"));
        var fiscal = withRate.Funding.Fiscal!;
        Assert.Equal((800000.00m, 800000.00m, 720000.00m, (decimal?)null, 90.00m, (decimal?)null),
            (fiscal.InitialBudget, fiscal.AnnualBudget, fiscal.Executed, fiscal.Weight, fiscal.ExecutionRate, fiscal.Score));
        Assert.Equal((0.00m, 0.00m, (decimal?)null), (withRate.Funding.Carryover!.InitialBudget, withRate.Funding.Carryover.AnnualBudget, withRate.Funding.Carryover.ExecutionRate));
        Assert.Equal((0.00m, 0.00m), (withRate.Funding.Other!.InitialBudget, withRate.Funding.Other.AnnualBudget));
        // 当年财政拨款 without its 全年执行数 and the two lines below left blank but for their "—".
        var blank = Read(TemplateFirst.Replace("9.00\n800000.00\n800000.00\n720000.00\n—\n0.00\n0.00\n—\n0.00\n0.00\n—\n", "9.00\n800000.00\n800000.00\n—\n—\n—\n"));
        Assert.Equal((800000.00m, 800000.00m, (decimal?)null), (blank.Funding.Fiscal!.InitialBudget, blank.Funding.Fiscal.AnnualBudget, blank.Funding.Fiscal.Executed));
        Assert.Null(blank.Funding.Carryover?.InitialBudget);
        Assert.Null(blank.Funding.Other?.InitialBudget);
    }

    [Fact]
    public void Funding_lines_whose_labels_were_wrapped_away_are_read_by_their_figures_in_order()
    {
        // Calc's raw text of narrow label cells: "年度资金总" / "额" and "其中：当年" / "财政拨款" written after the table,
        // their lines of figures left without a label, 其他资金 keeping its own. 4394281 ÷ 4973233 = 88.36%.
        const string text = """
            财政项目支出绩效自评表
            项目名称 公共文化设施维护项目
            主管部门 上海市金山区水务局 实施单位 上海市金山区水务局
            年初预算数 全年预算数 全年执行数 分值 执行率 得分
            4973233.00 4973233.00 4394281.00 10 88.36% 8.84
            4973233 4973233 4394281 — 88.36%
            —
            其他资金 —
            一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
            产出指标 数量指标 服务人次 =55人 =56人 90 90
            总分 100 98.84
            (2020 年度)
            项目资金
            (元)
            年度资金总
            额
            其中：当年
            财政拨款
            上年结转资
            金
            """;
        var form = Read(text);
        var (total, fiscal) = (form.Funding.Total!, form.Funding.Fiscal!);
        Assert.Equal((4973233.00m, 4973233.00m, 4394281.00m, 10m, 88.36m, 8.84m),
            (total.InitialBudget, total.AnnualBudget, total.Executed, total.Weight, total.ExecutionRate, total.Score));
        Assert.Equal((4973233m, 4973233m, 4394281m, (decimal?)null, 88.36m),
            (fiscal.InitialBudget, fiscal.AnnualBudget, fiscal.Executed, fiscal.Weight, fiscal.ExecutionRate));
        Assert.Null(form.Funding.Carryover?.InitialBudget);
    }

    [Fact]
    public void A_title_with_its_year_between_the_labels_and_their_values_is_passed_over()
    {
        // Printed outside the table, the title is filled in with the year: written with what was filled in, it stands
        // between the template's labels and the header's values.
        var soup = TemplateFirst.Replace("财政项目支出绩效自评表\n(2022 年度)\n", "").Replace("总分\n社区公共", "总分\n2022年度财政项目支出绩效自评表\n社区公共");
        var form = Read(soup);
        Assert.Equal(2022, form.Year);
        Assert.Equal(("社区公共文化设施维护项目", "上海市嘉定区文化和旅游局", "上海市嘉定区文化馆"), (form.ProjectName, form.Department, form.ImplementingUnit));
    }

    [Fact]
    public void A_row_that_lost_points_without_a_note_leaves_the_next_row_its_name()
    {
        // 群众文化活动参与人次 lost two points and says nothing; the next row's measures are words (满意, 较满意): its
        // three words are its name and measures, not a note of the row above and a row of two.
        var soup = TemplateFirst.Replace("18\n参与人次略低于目标\n", "18\n").Replace("群众满意度\n≥90%\n93%\n", "群众满意度\n满意\n较满意\n");
        var rows = Read(soup).Indicators;
        Assert.Null(rows[4].Note);
        Assert.Equal(("群众满意度", "满意", "较满意"), (rows[5].Name, rows[5].Target, rows[5].Actual));
    }

    [Fact]
    public void A_total_printed_as_a_whole_number_is_still_the_total()
    {
        // 795680 of 800000 is 99.46%, the funding's 得分 9.946; the rows add 86 to it (the last lost two points, and says
        // why) and the 总分 prints 95, not 95.95. The note before it had kept the pair from being the total.
        var soup = TemplateFirst.Replace("720000.00", "795680.00").Replace("90.00%", "99.46%").Replace("\n9.00\n", "\n9.946\n")
            .Replace("93%\n20\n20\n100\n97.00", "93%\n20\n18\n满意度调查样本偏少\n100\n95");
        Assert.Contains("满意度调查样本偏少", soup);
        var form = Read(soup);
        Assert.Equal((100m, 95m), (form.TotalWeight, form.TotalScore));
        Assert.Equal(6, form.Indicators.Length);
        Assert.Equal(("满意度调查样本偏少", 18m), (form.Indicators[5].Note, form.Indicators[5].Score));
        Assert.Equal(9.946m, form.Funding.Total!.Score);
    }

    [Fact]
    public void A_score_column_out_of_step_with_its_weight_column_is_not_dealt_out()
    {
        // The first two 得分 the other way round: 15 under a 分值 of 10. The sums still hold; only the rows tell.
        var soup = Columns.Replace("得分\n15\n10\n", "得分\n10\n15\n");
        Assert.NotEqual(Columns, soup);
        var form = Read(soup);
        Assert.All(form.Indicators, r => Assert.Equal(((decimal?)null, (decimal?)null), (r.Weight, r.Score)));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.OrderFreeUnplaced.Id && w.Field == "indicators");
        Assert.DoesNotContain(form.Findings, f => f.Rule == "score-exceeds-weight");
    }

    [Fact]
    public void A_measure_left_empty_goes_unwritten_and_the_column_s_cells_go_to_the_rows_they_pair_with()
    {
        // The form printed with 设施完好率's 实际完成值 empty: its column has five cells for six rows. Each goes beside the
        // target of its kind (个 with 个, 场 with 场, words with words, 人次 with 人次, % with %): only row three is left.
        var soup = Columns.Replace("实际完成值\n42个\n12场\n97%\n", "实际完成值\n42个\n12场\n");
        Assert.NotEqual(Columns, soup);
        var form = Read(soup);
        Assert.Equal(["42个", "12场", null, "及时", "4800人次", "93%"], form.Indicators.Select(r => r.Actual));
        Assert.Equal("≥95%", form.Indicators[2].Target);
        Assert.Equal("pairing", form.Provenance["indicators[5].actual"].PlacedBy);
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.OrderFree.Id && w.Message.Contains("第 3 行留空"));
        // Rows three and four both % targets (≥95%, ≥98%) with one % actual for them: which is empty is not in the text.
        var twoWays = Read(Columns.Replace("≥95%\n及时\n", "≥95%\n≥98%\n").Replace("97%\n及时\n", "99%\n"));
        Assert.All(twoWays.Indicators, r => Assert.Null(r.Actual));
        Assert.Contains(twoWays.Warnings, w => w.Code == DiagnosticCodes.OrderFreeUnplaced.Id && w.Field == "indicators");
    }

    [Fact]
    public void A_weight_column_in_the_rows_order_is_read_though_the_form_s_weights_miss_the_total()
    {
        // 设施完好率 printed with 分值 16: six 分值 for six rows and the 总分's 100 at the foot, adding up to 101 with the
        // funding's 10. The column is in the rows' order all the same; the sum is the checker's finding to report.
        var soup = Columns.Replace("分值\n15\n10\n15\n10\n20\n20\n100\n", "分值\n15\n10\n16\n10\n20\n20\n100\n");
        Assert.NotEqual(Columns, soup);
        var form = Read(soup);
        Assert.Equal([15m, 10m, 16m, 10m, 20m, 20m], form.Indicators.Select(r => r.Weight ?? -1));
        Assert.Equal([15m, 10m, 15m, 10m, 18m, 20m], form.Indicators.Select(r => r.Score ?? -1));
        Assert.Contains(form.Findings, f => f.Rule == "weight-sum");
    }

    [Fact]
    public void Figures_no_slot_takes_are_named_in_a_warning_not_dropped()
    {
        // A stray amount after the 总分 (a page footer's figure): nothing places it, and the warning names it.
        var form = Read(TemplateFirst.TrimEnd() + "\n123456.78\n");
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.OrderFreeUnplaced.Id && w.Message.Contains("123456.78"));
        Assert.Equal(6, form.Indicators.Length);
    }

    [Fact]
    public void A_form_read_in_its_own_order_is_not_read_again_order_free()
    {
        // The same form as rows (a markdown table would do; here one row a line, cells parted by two spaces): the
        // ordered reading's rows add up, so no order-free reading replaces it.
        const string rows = """
            财政项目支出绩效自评表
            (2022 年度)
            项目名称  社区公共文化设施维护项目
            主管部门  上海市嘉定区文化和旅游局  实施单位  上海市嘉定区文化馆
            项目资金(元)  年初预算数  全年预算数  全年执行数  分值  执行率  得分
            年度资金总额  800000.00  800000.00  720000.00  10  90.00%  9.00
            一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分  偏差原因分析及改进措施
            产出指标  数量指标  维护设施点位数  ≥40个  42个  90  88
            总分  100  97.00
            """;
        var form = Read(rows);
        Assert.Equal((90m, 88m), (form.Indicators[0].Weight, form.Indicators[0].Score));
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.OrderFree.Id);
    }

    [Fact]
    public void A_title_printed_between_the_blocks_does_not_cut_the_form_in_two()
    {
        // The 绩效指标 block, then the title, then the rest: cut at the title, the piece before it (rows and 总分) and
        // the one after it (funding, goals, header) share no block and hold all three, so they are one form.
        var lines = Blocks.Split('\n');
        var moved = string.Join('\n', new[] { lines[1], lines[0] }.Concat(lines[2..]));
        var form = Read(moved);
        Assert.Equal(("社区公共文化设施维护项目", 2022, 720000.00m, 6), (form.ProjectName, form.Year, form.Funding.Total!.Executed, form.Indicators.Length));
    }

    [Fact]
    public void A_block_before_the_title_that_starts_no_form_is_the_form_s_not_lost()
    {
        // The 年度总体目标 block written before the title: it holds no body, so no form of its own, and it was dropped.
        var lines = Blocks.Split('\n');
        var form = Read(string.Join('\n', new[] { lines[3], lines[0], lines[1], lines[2], lines[4] }));
        Assert.Equal(("维护辖区内公共文化设施，保障群众文化活动正常开展。", "已完成全年维护任务，设施运行良好。"), (form.Goals.Planned, form.Goals.Achieved));
    }

    [Fact]
    public void Two_whole_forms_after_each_other_stay_two_forms()
    {
        // Each holds its header, funding and 总分: the pieces of a shuffled form share none of these, two forms all three.
        var two = Blocks + "\n" + Blocks.Replace("社区公共文化设施维护项目", "第二个项目");
        var forms = Fixtures.Pipeline.Extract(SourceDocument.FromBytes("two.txt", Encoding.UTF8.GetBytes(two))).Forms;
        Assert.Equal(["社区公共文化设施维护项目", "第二个项目"], forms.Select(f => f.ProjectName));
    }
}
