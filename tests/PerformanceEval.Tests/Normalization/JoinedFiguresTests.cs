using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>
/// A 分值 cell holding a figure on each of its lines in a text input (not a scan): the Baoshan form's first row, 年接待人次
/// 30 / 30, with a "5" from another cell under its 分值 — what a layout dump gives when a split pair's lower figure is
/// taken into the cell above.
/// </summary>
public sealed class JoinedFiguresTests
{
    private static CleanedForm Read(string html) =>
        Fixtures.Pipeline.Extract(SourceDocument.FromBytes("form.html", Encoding.UTF8.GetBytes(html))).Forms[0];

    private static string Form => File.ReadAllText(Path.Combine(Fixtures.Case("html-baoshan-2023-rowspans"), "input.html"));

    [Fact]
    public void Lines_that_make_more_points_than_a_weight_has_are_two_figures_left_unread_and_said_so()
    {
        Assert.Contains("<td>2000</td><td>30</td><td>30</td>", Form);
        var form = Read(Form.Replace("<td>2000</td><td>30</td><td>30</td>", "<td>2000</td><td>30<br>5</td><td>30</td>"));
        // "30" over "5" read as one figure is 305 points: no 分值 is; the row's pair is left null, never read as 305.
        Assert.Equal(((decimal?)null, (decimal?)null), (form.Indicators[0].Weight, form.Indicators[0].Score));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.FiguresJoined.Id && w.Field == "indicators[0].weight");
    }

    [Fact]
    public void A_score_of_two_lines_that_makes_more_points_than_its_rows_weight_is_two_figures()
    {
        // Chromium's layout text (tuning check set, synthetic 866) laid the row above's 得分 "9" into this row's cell over
        // its own "2": read as 92 points of a 2, an overstated score the checker would have reported as the form's.
        Assert.Contains("<td>2000</td><td>30</td><td>30</td>", Form);
        var form = Read(Form.Replace("<td>2000</td><td>30</td><td>30</td>", "<td>2000</td><td>30</td><td>3<br>2</td>"));
        Assert.Equal(((decimal?)null, (decimal?)null), (form.Indicators[0].Weight, form.Indicators[0].Score));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.FiguresJoined.Id && w.Field == "indicators[0].score");
        // A score printed on two lines within its weight ("1" / "0" of a 30) is one figure still.
        var whole = Read(Form.Replace("<td>2000</td><td>30</td><td>30</td>", "<td>2000</td><td>30</td><td>1<br>0</td>"));
        Assert.Equal(((decimal?)30m, (decimal?)10m), (whole.Indicators[0].Weight, whole.Indicators[0].Score));
    }

    [Fact]
    public void Figures_on_two_lines_beside_measures_of_two_lines_each_with_its_figure_are_two_rows_figures()
    {
        // Chromium's layout text (tuning half, synthetic 2006) laid two rows into one: "=12次" / "<=100万元", "12次" /
        // "98.6万元", and their 分值 "2" / "2" — read as 22 points, with no warning (here "3" / "2", 32).
        Assert.Contains("<td>&gt;2000</td><td>2000</td><td>30</td><td>30</td>", Form);
        var form = Read(Form.Replace("<td>&gt;2000</td><td>2000</td><td>30</td><td>30</td>",
            "<td>&gt;2000<br>&lt;=100万元</td><td>2000<br>98.6万元</td><td>3<br>2</td><td>30</td>"));
        Assert.Equal(((decimal?)null, (decimal?)null), (form.Indicators[0].Weight, form.Indicators[0].Score));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.FiguresJoined.Id && w.Field == "indicators[0].weight");
    }

    [Fact]
    public void A_figure_wrapped_in_its_cell_is_still_one()
    {
        // "3" over "0": 30 points, a 分值 wrapped in a narrow cell.
        var form = Read(Form.Replace("<td>2000</td><td>30</td><td>30</td>", "<td>2000</td><td>3<br>0</td><td>30</td>"));
        Assert.Equal((30m, 30m), (form.Indicators[0].Weight, form.Indicators[0].Score));
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.FiguresJoined.Id);
    }

    /// <summary>
    /// PdfPig's words of a Chromium page (tuning half, synthetic 1742): on the page after the first the words of a row's
    /// 分值 and 得分 run together ("92.5% 55"), or into the note ("42部分工作未按计划完成…"), and the 总分's 100 into its
    /// score. Each such line had no pair and was read as part of the next row's name: five rows lost.
    /// </summary>
    private const string GluedPairs = RawTextForms.Head + "\n" + """
        产出指标 数量指标 完成弱电改造工作 =12次 12次 30 30
        成本指标 控制在预算内 ≥90% 92.5% 55
        控制在预算内 ≥90% 92.5% 42部分工作未按计划完成，下年度加强跟踪
        效益指标 经济效益指标 节约运行成本 =55人 =55人 2 1进度滞后
        降低运维支出 <=100万元 98.6万元 2020
        满意度指标 服务对象满意度指标 用户评价 健全 健全 20 20
        总分 10089.43
        """;

    [Fact]
    public void A_pair_a_plain_text_glued_into_one_word_keeps_its_row_and_is_left_unread_and_said_so()
    {
        var form = RawTextForms.Read(GluedPairs);
        Assert.Equal(6, form.Indicators.Length);
        Assert.Equal(("控制在预算内", "≥90%", "92.5%", (decimal?)null, (decimal?)null, (string?)null),
            (form.Indicators[1].Name, form.Indicators[1].Target, form.Indicators[1].Actual, form.Indicators[1].Weight, form.Indicators[1].Score, form.Indicators[1].Note));
        Assert.Equal(("部分工作未按计划完成，下年度加强跟踪", (decimal?)null), (form.Indicators[2].Note, form.Indicators[2].Weight));
        Assert.Equal(("降低运维支出", "98.6万元", (decimal?)null), (form.Indicators[4].Name, form.Indicators[4].Actual, form.Indicators[4].Score));
        foreach (var row in new[] { 1, 2, 4 })
            foreach (var field in new[] { "weight", "score" })
                Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.FiguresJoined.Id && w.Field == $"indicators[{row}].{field}");
        // The rows read whole keep their figures.
        Assert.Equal((30m, 30m), (form.Indicators[0].Weight!.Value, form.Indicators[0].Score!.Value));
        Assert.Equal((20m, 20m), (form.Indicators[5].Weight!.Value, form.Indicators[5].Score!.Value));
    }

    [Fact]
    public void A_target_and_an_actual_of_one_unit_glued_into_one_word_are_two_cells()
    {
        // PdfPig's words of a Chromium PDF that set the two cells close (check set, synthetic 808): "≥2000人次2136人次" and
        // "≥90%92.5%". The name had been read as the target and the glued word as the actual. A date or a duration is
        // one measure of two units, and stays whole.
        var form = RawTextForms.Read(RawTextForms.Head + "\n" + """
            产出指标 数量指标 年接待人次 ≥2000人次2136人次 30 30
            质量指标 控制在预算内 ≥90%92.5% 20 18 部分工作未按计划完成
            时效指标 完成时间 2023年12月 2023年11月 20 20
            效益指标 社会效益指标 响应时间 1小时30分钟 1小时 30 30
            总分 100 98
            """);
        Assert.Equal([("年接待人次", "≥2000人次", "2136人次"), ("控制在预算内", "≥90%", "92.5%"), ("完成时间", "2023年12月", "2023年11月"),
            ("响应时间", "1小时30分钟", "1小时")], form.Indicators.Select(i => (i.Name!, i.Target!, i.Actual!)));
    }

    [Fact]
    public void A_note_glued_to_a_score_that_has_its_weight_is_cut_from_it()
    {
        var form = RawTextForms.Read(GluedPairs);
        Assert.Equal(("节约运行成本", 2m, 1m, "进度滞后"),
            (form.Indicators[3].Name, form.Indicators[3].Weight!.Value, form.Indicators[3].Score!.Value, form.Indicators[3].Note));
        Assert.DoesNotContain(form.Warnings, w => w.Field?.StartsWith("indicators[3]", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_total_past_100_is_the_100_and_its_score_glued_and_said_so()
    {
        var form = RawTextForms.Read(GluedPairs);
        Assert.Equal((100m, 89.43m), (form.TotalWeight!.Value, form.TotalScore!.Value));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.TotalUnglued.Id && w.Field == "totalScore");
    }

    [Fact]
    public void A_lone_figure_that_cuts_into_no_pair_one_way_only_is_no_glued_pair()
    {
        // "510" is 51 and 0 or 5 and 10 — a 得分 over its 分值 is no pair, so 51/0 only; "12" is 1 and 2, a score over
        // its weight: no pair at all, and the line stays no row.
        var form = RawTextForms.Read(GluedPairs.Replace("降低运维支出 <=100万元 98.6万元 2020", "降低运维支出 <=100万元 98.6万元 12"));
        Assert.DoesNotContain(form.Indicators, i => i.Name == "降低运维支出");
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.FiguresJoined.Id && w.Message.Contains("“12”", StringComparison.Ordinal));
    }
}
