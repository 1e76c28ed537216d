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

    /// <summary>
    /// PdfPig's words of a Chromium page (tuning half, synthetic 1890): a note wrapped in a narrow cell, four short lines
    /// after its row ("成" carried down with its comma), then the next 二级指标 on a line of its own.
    /// </summary>
    private const string NarrowNote = RawTextForms.Head + "\n" + """
        产出指标 数量指标 新建宣传栏 =100 按计划完成 2 1
        部分工作未
        按计划完
        成，下年度
        加强跟踪
        质量指标
        问题整改率 完善 基本完善 12 12
        工作考核达标率 =100% 100% 2 1
        部分工作未
        按计划完
        成，下年度
        加强跟踪
        时效指标
        项目完工
        已完工
        按计划
        5 4 进度滞后
        总分 100 93.43
        """;

    [Fact]
    public void A_note_wrapped_into_short_lines_goes_on_over_them_before_a_row_with_a_name_of_its_own()
    {
        var form = RawTextForms.Read(NarrowNote);
        Assert.Equal("部分工作未按计划完成，下年度加强跟踪", form.Indicators[0].Note);
        Assert.Equal("问题整改率", form.Indicators[1].Name);
    }

    [Fact]
    public void A_note_wrapped_into_short_lines_ends_at_the_line_between_it_and_the_next_rows_held_cells()
    {
        var form = RawTextForms.Read(NarrowNote);
        Assert.Equal("部分工作未按计划完成，下年度加强跟踪", form.Indicators[2].Note);
        Assert.Equal(("项目完工", "时效指标"), (form.Indicators[3].Name, form.Indicators[3].Level2));
    }
}
