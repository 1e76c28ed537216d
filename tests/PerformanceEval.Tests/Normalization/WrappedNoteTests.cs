using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>
/// A note (偏差原因分析及改进措施) wrapped in its narrow cell, in text with no columns (<c>pdftotext -raw</c> of Chromium's
/// PDFs): its lines after the first come after the row's own line, just where the next row's wrapped name would start.
/// Which of the two a line is, the text says: a sentence stopped at a comma goes on, and a line narrower than the name's
/// next line is no name's first line. The expected fields are read off the text.
/// </summary>
public sealed class WrappedNoteTests
{
    // Print-shop forms of the tuning half (synthetic 440 and 412) wrote the notes this way.
    private const string Form = RawTextForms.Head + "\n" + """
        产出指标 数量指标 年接待人次 >2000 2000 30 28 部分工作未按计划完成，
        下年度加强跟踪
        工作计划完成率 >90% 95 15 15
        质量指标 服务规范性 达标 达标 15 12
        资金执行偏
        慢
        服务质量达标率 >=85% 90% 15 15
        满意度指标 服务对象满意度指标 接待人员满意度 >=85% 100 15 15
        总分 100 93.43
        """;

    [Fact]
    public void A_note_s_last_lines_after_its_row_end_the_note_not_the_next_row_s_name()
    {
        var form = RawTextForms.Read(Form);
        Assert.Equal(["年接待人次", "工作计划完成率", "服务规范性", "服务质量达标率", "接待人员满意度"], form.Indicators.Select(i => i.Name));
        // "…完成，" stopped mid-sentence: the line after it is the note's.
        Assert.Equal("部分工作未按计划完成，下年度加强跟踪", form.Indicators[0].Note);
        // "慢" is narrower than "服务质量达标率": no name's first line, but the end of "资金执行偏".
        Assert.Equal("资金执行偏慢", form.Indicators[2].Note);
        Assert.Null(form.Indicators[1].Note);
    }

    [Fact]
    public void A_name_s_first_line_after_a_finished_note_stays_the_name_s()
    {
        // The next row's name wrapped ("对优化营商环境持续" / "发挥作用" on its row's line): its first line is the fuller,
        // and the note before it ended its sentence.
        var form = RawTextForms.Read(Form.Replace("资金执行偏\n慢\n服务质量达标率", "资金执行慢。\n对优化营商环境持续\n发挥作用"));
        Assert.Equal(("资金执行慢。", "对优化营商环境持续发挥作用"), (form.Indicators[2].Note, form.Indicators[3].Name));
    }
}
