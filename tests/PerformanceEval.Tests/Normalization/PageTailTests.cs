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
}
