using PerformanceEval.Diagnostics;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>
/// A page's wrapped cells written between its rows and the next page's, as Calc's PDFs come out of <c>pdftotext -raw</c>
/// when the table's header is not repeated and the title is printed once: no line marks where they start. A target and
/// an actual alone on a line, their row's pair not after them, start them (print shop, tuning half, synthetic 470). The
/// expected fields are read off the text.
/// </summary>
public sealed class PageTailTests
{
    private const string Form = RawTextForms.Head + "\n" + """
        产出指标 数量指标 年接待人次 30 30
        工作计划完成率 >90% 95 15 15
        质量指标 服务规范性 15 12
        >2000人次 2136人次
        =12次 12次
        部分工作未按计划完成
        效益指标 可持续影响指标
        长效管理制度健全性 健全 健全 30 30
        总分 100 95.43
        """;

    [Fact]
    public void Measures_written_between_two_pages_go_to_the_rows_that_lack_them_not_to_a_note_or_a_name()
    {
        var form = RawTextForms.Read(Form);
        Assert.Equal(["年接待人次", "工作计划完成率", "服务规范性", "长效管理制度健全性"], form.Indicators.Select(i => i.Name));
        Assert.Equal((">2000人次", "2136人次"), (form.Indicators[0].Target, form.Indicators[0].Actual));
        Assert.Equal(("=12次", "12次"), (form.Indicators[2].Target, form.Indicators[2].Actual));
        // Each read away from its row says so; the sentence after them is read as a note or reported, never glued to
        // the measures.
        Assert.Equal(["indicators[0].target", "indicators[2].target"],
            form.Warnings.Where(w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id).Select(w => w.Field).Order());
        Assert.DoesNotContain("人次", form.Indicators[2].Note ?? "");
        Assert.Equal(("效益指标", "可持续影响指标"), (form.Indicators[3].Level1, form.Indicators[3].Level2));
    }

    [Fact]
    public void A_target_and_an_actual_on_a_line_before_their_pair_stay_their_row_s()
    {
        // The same two measures with their row's pair on the next line (a tool writing each row's cells in turn): no
        // page's tail, the row's own cells.
        var form = RawTextForms.Read(Form.Replace("质量指标 服务规范性 15 12\n>2000人次 2136人次\n=12次 12次\n部分工作未按计划完成\n",
                                     "质量指标 服务规范性 达标 达标 15 15\n服务质量达标率\n>2000人次 2136人次\n6 6\n")
                            .Replace("长效管理制度健全性 健全 健全 30 30", "长效管理制度健全性 健全 健全 24 24"));
        var row = Assert.Single(form.Indicators, i => i.Name == "服务质量达标率");
        Assert.Equal((">2000人次", "2136人次", 6m, 6m), (row.Target, row.Actual, row.Weight!.Value, row.Score!.Value));
    }
    [Fact]
    public void Pairs_of_measures_after_the_table_go_in_order_with_the_names_where_more_rows_lack_them()
    {
        // Three rows lack both measures, two lines of them follow the 总分: by count alone which rows they are is not
        // known (群众满意率 printed none), but in the table's order, with the names around them, only one way fits.
        var form = RawTextForms.Read(RawTextForms.Head + "\n" + """
            产出指标
            数量指标 =100 100 40 40
            完成巡查次数 及时 及时 20 20
            质量指标 10 10
            效益指标 社会效益指标 提升服务能力 10 10
            满意度指标 服务对象满意度指标 10 10
            总分 100 98.43
            完成办公家具
            购置
            完成弱电改造
            工作
            ≥2000人次 2136人次
            =22个 22个
            群众满意率
            """);
        Assert.Equal(["完成办公家具购置", "完成巡查次数", "完成弱电改造工作", "提升服务能力", "群众满意率"], form.Indicators.Select(i => i.Name));
        Assert.Equal([("=100", "100"), ("及时", "及时"), ("≥2000人次", "2136人次"), ("=22个", "22个"), (null, null)],
            form.Indicators.Select(i => (i.Target, i.Actual)));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id && w.Field == "indicators[3].target");
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.TrailingRow.Id);
    }
}
