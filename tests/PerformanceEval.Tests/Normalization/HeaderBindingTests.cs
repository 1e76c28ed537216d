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
/// The same form printed with other column widths and with a column moved reads to the same fields: a row is bound
/// to the header's columns, never to positions one printing happens to have.
/// </summary>
public sealed class HeaderBindingTests
{
    private static readonly (string L1, string L2, string Name, string Target, string Actual, int Weight, int Score, string Note)[] Rows =
    [
        ("产出指标", "数量指标", "年接待人次", ">2000", "2136", 30, 30, ""),
        ("产出指标", "质量指标", "工作计划完成率", ">90%", "100", 30, 28, "部分工作未按计划完成"),
        ("效益指标", "可持续影响指标", "长效管理制度健全性", "健全", "健全", 20, 20, ""),
        ("满意度指标", "服务对象满意度指标", "接待人员满意度", ">=85%", "90%", 10, 10, ""),
    ];

    /// <summary>A standard form as HTML: <paramref name="spans"/> are the indicator block's colspans, in print order.</summary>
    private static string Standard(int[] spans, bool actualFirst)
    {
        string[] headers = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"];
        if (actualFirst) (headers[3], headers[4]) = (headers[4], headers[3]);
        var width = spans.Sum() + 1;
        var sb = new StringBuilder($"<table border=1><tr><td colspan={width}>财政项目支出绩效自评表</td></tr><tr><td colspan={width}>(2023 年度)</td></tr>");
        sb.Append($"<tr><td colspan=2>项目名称</td><td colspan={width - 2}>服务费</td></tr>");
        // The funding block has grid boundaries of its own: they need not line up with the indicator block's.
        var f = width - 3;
        sb.Append($"<tr><td rowspan=2>项目资金(元)</td><td></td><td>年初预算数</td><td>全年预算数</td><td colspan={f - 4}>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td></tr>");
        sb.Append($"<tr><td>年度资金总额</td><td>93675.00</td><td>93675.00</td><td colspan={f - 4}>79,005</td><td>10</td><td>84.34%</td><td>8.43</td></tr>");
        sb.Append($"<tr><td rowspan={Rows.Length + 1}>绩效指标</td>");
        sb.Append(string.Concat(headers.Zip(spans, (h, s) => $"<td colspan={s}>{h}</td>"))).Append("</tr>");
        for (var i = 0; i < Rows.Length; i++)
        {
            var r = Rows[i];
            var byHeader = new Dictionary<string, string>
            {
                ["一级指标"] = r.L1, ["二级指标"] = r.L2, ["三级指标"] = r.Name, ["年度指标值"] = r.Target, ["实际完成值"] = r.Actual,
                ["分值"] = $"{r.Weight}", ["得分"] = $"{r.Score}", ["偏差原因分析及改进措施"] = r.Note,
            };
            sb.Append("<tr>");
            for (var k = 0; k < headers.Length; k++)
            {
                // 一级指标 is merged over its rows, as the forms print it.
                if (headers[k] == "一级指标")
                {
                    if (i > 0 && Rows[i - 1].L1 == r.L1) continue;
                    sb.Append($"<td colspan={spans[k]} rowspan={Rows.Skip(i).TakeWhile(x => x.L1 == r.L1).Count()}>{r.L1}</td>");
                }
                else sb.Append($"<td colspan={spans[k]}>{byHeader[headers[k]]}</td>");
            }
            sb.Append("</tr>");
        }
        var before = spans.Take(Array.IndexOf(headers, "分值")).Sum() + 1;
        sb.Append($"<tr><td colspan={before}>总分</td><td colspan={spans[Array.IndexOf(headers, "分值")]}>100</td><td colspan={spans[Array.IndexOf(headers, "得分")]}>96.43</td><td colspan={width - before - spans[5] - spans[6]}></td></tr></table>");
        return sb.ToString();
    }

    private static CleanedForm Read(string html) =>
        Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("form.html", Encoding.UTF8.GetBytes(html))).Forms);

    public static TheoryData<int[], bool> StandardPrintings() => new()
    {
        { [1, 1, 1, 1, 1, 1, 1, 1], false },
        { [2, 3, 4, 2, 2, 1, 1, 3], false },
        { [1, 2, 5, 3, 1, 2, 2, 1], true },
        { [3, 1, 2, 1, 4, 1, 3, 2], true },
    };

    [Theory]
    [MemberData(nameof(StandardPrintings))]
    public void A_standard_form_reads_the_same_whatever_its_column_widths_and_order(int[] spans, bool actualFirst)
    {
        var form = Read(Standard(spans, actualFirst));
        Assert.Equal(Rows.Length, form.Indicators.Length);
        for (var i = 0; i < Rows.Length; i++)
        {
            var (got, want) = (form.Indicators[i], Rows[i]);
            Assert.Equal((want.L1, want.L2, want.Name, want.Target, want.Actual), (got.Level1, got.Level2, got.Name, got.Target, got.Actual));
            Assert.Equal(((decimal)want.Weight, (decimal)want.Score), (got.Weight!.Value, got.Score!.Value));
            Assert.Equal(want.Note.Length == 0 ? null : want.Note, got.Note);
        }
        Assert.Equal((93675.00m, 79005m, 84.34m, 8.43m), (form.Funding.Total!.AnnualBudget, form.Funding.Total.Executed, form.Funding.Total.ExecutionRate, form.Funding.Total.Score));
        Assert.Equal((100m, 96.43m), (form.TotalWeight, form.TotalScore));
        Assert.DoesNotContain(form.Warnings, w => w.Code == "table.read-by-position");
    }

    [Fact]
    public void A_funding_row_whose_label_names_no_line_is_read_by_the_lines_order_and_says_so_never_dropped()
    {
        // A garbled label ("其中某某某某") between 年度资金总额 and 上年结转资金: no line of the template by its label, yet
        // its amounts are the form's. The lines come in one order, so it is 当年财政拨款 — read so, and said to be.
        const string garbled = "<tr><td>其中某某某某</td><td>500.00</td><td>600.00</td><td colspan=2>400</td><td>—</td><td></td><td></td></tr>";
        const string carryover = "<tr><td>上年结转资金</td><td>0.00</td><td>0.00</td><td colspan=2></td><td>—</td><td></td><td></td></tr>";
        var html = Standard([1, 1, 1, 1, 1, 1, 1, 1], false).Replace("rowspan=2>项目资金(元)", "rowspan=4>项目资金(元)")
            .Replace("<td>8.43</td></tr>", "<td>8.43</td></tr>" + garbled + carryover);
        var form = Read(html);
        Assert.Equal((500.00m, 600.00m, 400m), (form.Funding.Fiscal!.InitialBudget, form.Funding.Fiscal.AnnualBudget, form.Funding.Fiscal.Executed));
        Assert.Contains(form.Warnings, w => w.Code == "layout.value-away-from-label" && w.Field == "funding.fiscal");
        Assert.Equal((93675.00m, 0.00m), (form.Funding.Total!.AnnualBudget, form.Funding.Carryover!.AnnualBudget));
        // Without the line after it, the order cannot say which line it is: reported unread, with its figures quoted.
        html = Standard([1, 1, 1, 1, 1, 1, 1, 1], false).Replace("rowspan=2>项目资金(元)", "rowspan=3>项目资金(元)")
            .Replace("<td>8.43</td></tr>", "<td>8.43</td></tr>" + garbled);
        form = Read(html);
        Assert.Null(form.Funding.Fiscal);
        Assert.Contains(form.Warnings, w => w.Code == "grid.row-lost" && w.Message.Contains("600.00"));
    }

    [Theory]
    [InlineData("30 28")]
    [InlineData("3028")]
    public void One_cell_under_both_the_weight_and_the_score_is_read_as_neither_and_says_so(string text)
    {
        // A rule the reader missed between 分值 and 得分 (a scan's faint line) leaves one cell under both headers: which
        // figure is which is not for the reader to guess.
        var html = Standard([1, 1, 1, 1, 1, 1, 1, 1], false).Replace("<td colspan=1>30</td><td colspan=1>28</td>", $"<td colspan=2>{text}</td>");
        var form = Read(html);
        Assert.Equal(((decimal?)null, (decimal?)null), (form.Indicators[1].Weight, form.Indicators[1].Score));
        Assert.Equal(["indicators[1].score", "indicators[1].weight"],
            form.Warnings.Where(w => w.Code == "grid.figures-joined").Select(w => w.Field).Order());
        Assert.Equal((30m, 30m), (form.Indicators[0].Weight, form.Indicators[0].Score));
        // The sums over the rows would report what the reading lost, not what the form says.
        Assert.DoesNotContain(form.Findings, f => f.Rule is "weight-sum" or "total-score");
    }

    [Fact]
    public void A_scanned_figure_cell_with_a_figure_on_each_line_is_two_rows_no_rule_parted_and_is_read_as_neither()
    {
        // The rule between two rows was too faint to find: one tall row whose 分值 reads "10" over "20".
        RawRow Row(params string[] cells) =>
            new([.. cells.Select((t, c) => new RawCell(t, new SourceRef("scan.png", "", 1, null, 0, c, null, t, 0.93)))],
                RowOrigin.RuledGrid, null, 0);
        var document = SourceDocument.FromBytes("scan.png", [1]);
        var grid = new FormGrid(document, InputKind.Image, 0,
        [
            Row("财政项目支出绩效自评表"),
            Row("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
            Row("产出指标", "数量指标", "年接待人次", ">2000", "2136", "60", "60", ""),
            Row("产出指标", "质量指标", "完成率\n及时性", ">90%\n及时", "100\n及时", "10\n20", "10\n20", ""),
            Row("总分", "", "", "", "", "", "100", "90"),
        ]);
        var form = new StandardFormNormalizer(new LabelMatcher(TemplateModel.Load("standard", null))).Normalize(grid).Value.Form;
        Assert.Equal(((decimal?)null, (decimal?)null), (form.Indicators[1].Weight, form.Indicators[1].Score));
        Assert.Equal(2, form.Warnings.Count(w => w.Code == "grid.figures-joined"));
        Assert.Equal((60m, 60m), (form.Indicators[0].Weight, form.Indicators[0].Score));
    }

    [Fact]
    public void A_text_dump_without_spans_is_read_by_position_and_says_so()
    {
        var tsv = string.Join("\n",
            "财政项目支出绩效自评表", "(2023 年度)", "项目名称\t服务费",
            "\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "\t产出指标\t数量指标\t年接待人次\t>2000\t2136\t90\t90\t", "\t总分\t\t\t\t\t100\t90");
        var form = Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("form.txt", Encoding.UTF8.GetBytes(tsv))).Forms);
        Assert.Equal(">2000", form.Indicators[0].Target);
        Assert.Contains(form.Warnings, w => w.Code == "table.read-by-position");
    }

    /// <summary>A criteria form as HTML with its table's columns in <paramref name="order"/> and widths <paramref name="spans"/>.</summary>
    private static string Criteria(string[] order, int[] spans)
    {
        var width = spans.Sum();
        var sb = new StringBuilder($"<table border=1><tr><td colspan={width}>2020年度财政项目绩效自评表</td></tr>");
        sb.Append($"<tr><td>项目名称</td><td colspan={width - 1}>一网通办配套系统</td></tr>");
        sb.Append($"<tr><td>当年预算数（元）</td><td colspan={width - 1}>910,000.00</td></tr>");
        sb.Append("<tr>").Append(string.Concat(order.Zip(spans, (h, s) => $"<td colspan={s}>{h}</td>"))).Append("</tr>");
        (string L1, string Name, string Expl, string W, string Rule, string S, string Note)[] rows =
        [
            ("投入与管理<br>(20分)", "项目设立的规范性", "项目的申请、设立过程是否符合相关要求", "12", "①是否按程序申请设立", "11", "无"),
            ("", "预算执行率", "反映项目预算执行的进度", "8", "按执行率打分", "8", ""),
            ("产出目标<br>(80分)", "项目预算", "完成年度相关预算金额", "80", "", "76", ""),
        ];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            var by = new Dictionary<string, string>
            {
                ["指标名称"] = r.Name, ["指标解释"] = r.Expl, ["权重"] = r.W, ["评分规则"] = r.Rule, ["自评得分"] = r.S, ["备注"] = r.Note,
            };
            sb.Append("<tr>");
            for (var k = 0; k < order.Length; k++)
            {
                if (order[k] == "一级指标")
                {
                    if (r.L1.Length > 0) sb.Append($"<td colspan={spans[k]} rowspan={(i == 0 ? 2 : 1)}>{r.L1}</td>");
                }
                else sb.Append($"<td colspan={spans[k]}>{by[order[k]]}</td>");
            }
            sb.Append("</tr>");
        }
        var total = order.Select(h => h switch { "一级指标" => "合计", "权重" => "100", "自评得分" => "95", _ => "" });
        sb.Append("<tr>").Append(string.Concat(total.Zip(spans, (t, s) => $"<td colspan={s}>{t}</td>"))).Append("</tr></table>");
        return sb.ToString();
    }

    public static TheoryData<string[], int[]> CriteriaPrintings() => new()
    {
        { ["一级指标", "指标名称", "指标解释", "权重", "评分规则", "自评得分", "备注"], [1, 1, 1, 1, 1, 1, 1] },
        { ["一级指标", "指标名称", "指标解释", "权重", "评分规则", "自评得分", "备注"], [2, 3, 4, 1, 4, 2, 1] },
        // 评分规则 moved before 权重, and other widths.
        { ["一级指标", "指标名称", "指标解释", "评分规则", "权重", "自评得分", "备注"], [1, 2, 3, 3, 1, 1, 2] },
    };

    [Theory]
    [MemberData(nameof(CriteriaPrintings))]
    public void A_criteria_form_reads_the_same_whatever_its_column_widths_and_order(string[] order, int[] spans)
    {
        var form = Read(Criteria(order, spans));
        Assert.Equal("criteria", form.Template);
        Assert.Equal(["项目设立的规范性", "预算执行率", "项目预算"], form.Indicators.Select(i => i.Name));
        Assert.Equal([12m, 8m, 80m], form.Indicators.Select(i => i.Weight!.Value));
        Assert.Equal([11m, 8m, 76m], form.Indicators.Select(i => i.Score!.Value));
        Assert.Equal(["①是否按程序申请设立", "按执行率打分", null], form.Indicators.Select(i => i.ScoringRule));
        Assert.Equal(["投入与管理", "投入与管理", "产出目标"], form.Indicators.Select(i => i.Level1));
        Assert.Equal((100m, 95m), (form.TotalWeight, form.TotalScore));
        Assert.Equal([("投入与管理", 20m), ("产出目标", 80m)], form.Sections.Select(s => (s.Name, s.Weight!.Value)));
    }

    [Theory]
    [InlineData("100")]   // its 分值 the whole form's
    [InlineData("0")]     // 100 misread: its 得分 is what the rows' and the funding's add up to (88 + 8.43)
    public void A_standard_row_of_only_the_totals_figures_after_the_indicators_is_the_total(string weight)
    {
        // The 总分 label OCR'd into a stray character: the row read as one more indicator of no name, weighing 100.
        int[] spans = [1, 1, 1, 1, 1, 1, 1, 1];
        var html = Standard(spans, actualFirst: false).Replace(">总分</td><td colspan=1>100</td>", $">生</td><td colspan=1>{weight}</td>");
        Assert.Contains($">生</td><td colspan=1>{weight}</td>", html, StringComparison.Ordinal);
        var form = Read(html);
        Assert.Equal(Rows.Length, form.Indicators.Length);
        Assert.Equal((decimal.Parse(weight), 96.43m), (form.TotalWeight, form.TotalScore));
        Assert.Contains(form.Warnings, w => w.Code == "grid.total-unlabelled");
    }

    [Fact]
    public void A_total_label_among_specks_is_the_total_and_a_garbled_score_after_its_weight_leaves_the_score_unread()
    {
        // A scan's merged 总分 cell as wide as the table: dust and bleed-through in its white read as marks and lone
        // characters around the label.
        int[] spans = [1, 1, 1, 1, 1, 1, 1, 1];
        var specks = Standard(spans, actualFirst: false).Replace(">总分</td>", ">可 序 亲 ， 总分 了</td>");
        Assert.Contains(">可 序 亲 ， 总分 了</td>", specks, StringComparison.Ordinal);
        var form = Read(specks);
        Assert.Equal(Rows.Length, form.Indicators.Length);
        Assert.Equal((100m, 96.43m), (form.TotalWeight, form.TotalScore));
        Assert.DoesNotContain(form.Warnings, w => w.Code == "grid.total-unlabelled");
        // 96.43 read as "3989沁": the one figure is the 分值 the label is followed by, not a score of 100.
        var garbled = Read(Standard(spans, actualFirst: false).Replace("<td colspan=1>96.43</td>", "<td colspan=1>3989沁</td>"));
        Assert.Equal(100m, garbled.TotalWeight);
        Assert.Null(garbled.TotalScore);
    }

    [Fact]
    public void A_last_row_without_the_totals_figures_stays_an_indicator()
    {
        // Neither 100 nor the points of all the others: an indicator whose name the OCR lost, not the total.
        int[] spans = [1, 1, 1, 1, 1, 1, 1, 1];
        var html = Standard(spans, actualFirst: false).Replace(">总分</td><td colspan=1>100</td><td colspan=1>96.43</td>", ">生</td><td colspan=1>5</td><td colspan=1>4</td>");
        Assert.Contains(">生</td><td colspan=1>5</td>", html, StringComparison.Ordinal);
        var form = Read(html);
        Assert.Equal(Rows.Length + 1, form.Indicators.Length);
        Assert.Equal((5m, 4m), (form.Indicators[^1].Weight, form.Indicators[^1].Score));
        Assert.Null(form.TotalWeight);
    }

    [Theory]
    [InlineData("本", true)]      // 合计 garbled past recognition: its 100 says what it is
    [InlineData("合计", false)]   // labelled: nothing to say
    public void A_criteria_row_weighing_100_after_the_indicators_is_the_total(string label, bool warned)
    {
        var order = new[] { "一级指标", "指标名称", "指标解释", "权重", "评分规则", "自评得分", "备注" };
        var form = Read(Criteria(order, [1, 1, 1, 1, 1, 1, 1]).Replace("<td colspan=1>合计</td>", $"<td colspan=1>{label}</td>"));
        Assert.Equal(3, form.Indicators.Length);
        Assert.Equal((100m, 95m), (form.TotalWeight, form.TotalScore));
        Assert.Equal(warned, form.Warnings.Any(w => w.Code == "grid.total-unlabelled"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_header_naming_only_the_target_orders_the_two_measures_by_their_comparators(bool actualFirst)
    {
        // A plain dump whose header line lost 实际完成值 (its label wrapped and written after the table, as Calc's -raw
        // writes it): the header says nothing of the two measures' order. A target states what is aimed at (">=85%"),
        // an actual what was reached ("90%"): every comparator standing second says 实际完成值 was printed first.
        (string Name, string Target, string Actual)[] rows =
            [("服务人次", "≥2000人次", "2136人次"), ("验收合格率", "=100%", "100%"), ("社会知晓率", ">=85%", "90%"), ("办理时限", "及时", "及时")];
        var lines = new List<string>
        {
            "财政项目支出绩效自评表", "(2022 年度)", "项目名称 服务费", "一级指标 二级指标 三级指标 年度指标值 分值 得分",
            "产出指标", "数量指标",
        };
        lines.AddRange(rows.Select(r => $"{r.Name} {(actualFirst ? r.Actual : r.Target)} {(actualFirst ? r.Target : r.Actual)} 25 25"));
        lines.AddRange(["总分 100 100", "实际完成", "值"]);
        var form = Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("form.txt", Encoding.UTF8.GetBytes(string.Join("\n", lines)))).Forms);
        Assert.Equal(rows.Select(r => (r.Target, r.Actual)), form.Indicators.Select(i => (i.Target!, i.Actual!)));
        Assert.Equal(actualFirst, form.Warnings.Any(w => w.Code == "header.measures-by-values"));
    }

    [Fact]
    public void A_header_written_after_the_total_orders_the_measures_of_rows_read_under_a_header_naming_neither()
    {
        // Calc's -raw: the header line before the rows names neither 年度指标值 nor 实际完成值 (both wrapped), and the
        // wrapped labels come after the 总分, 实际完成值 first. That late header, not the values, says the order.
        var lines = new[]
        {
            "财政项目支出绩效自评表", "(2022 年度)", "项目名称 服务费", "一级指标 二级指标 三级指标 分值 得分",
            "产出指标", "数量指标", "服务人次 基本完善 完善 50 50", "办理时限 有所提升 提升 50 50", "总分 100 100",
            "实际完成值 年度指标值 偏差原因分析及改进措施",
        };
        var form = Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("form.txt", Encoding.UTF8.GetBytes(string.Join("\n", lines)))).Forms);
        Assert.Equal([("完善", "基本完善"), ("提升", "有所提升")], form.Indicators.Select(i => (i.Target!, i.Actual!)));
    }
}
