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
    [Fact]
    public void Levels_and_two_measures_each_on_lines_of_their_own_after_the_table_go_to_their_rows()
    {
        // Calc's raw text of narrow cells: the 二级指标 of four rows, 满意度指标 among them, and one row's target and actual,
        // each cell's lines in turn. The last row printed under 效益指标 carries it only from the line above: its own
        // 一级指标 is the 满意度指标 its 二级指标 falls under. The actual begins as its target does: a cell of its own.
        var form = RawTextForms.Read(RawTextForms.Head + "\n" + """
            产出指标
            数量指标 维护点位数 >=98 99 40 40
            效益指标
            带动相关产业发展 完善 基本完善 10 10
            社会知晓率 20 20
            人员管理机制健全性 完善 基本完善 10 10
            工作人员满意度 <=0.1 未发生故障 10 10
            总分 100 98.43
            经济效益
            指标
            社会效益
            指标
            带来经济效益,提高工作效率
            带来了经济效益,工作效率得
            到了提高
            可持续影
            响指标
            满意度指
            标
            服务对象
            满意度指
            标
            """);
        Assert.Equal(["数量指标", "经济效益指标", "社会效益指标", "可持续影响指标", "服务对象满意度指标"], form.Indicators.Select(i => i.Level2));
        Assert.Equal(["产出指标", "效益指标", "效益指标", "效益指标", "满意度指标"], form.Indicators.Select(i => i.Level1));
        Assert.Equal(("带来经济效益,提高工作效率", "带来了经济效益,工作效率得到了提高"), (form.Indicators[2].Target, form.Indicators[2].Actual));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.ValueAwayFromLabel.Id && w.Field == "indicators[2].target");
    }
    [Fact]
    public void Measures_worded_with_figures_after_the_table_go_to_their_rows_whole()
    {
        // Measures in words with a figure in them, wrapped: "年度投资完成率100%" and "年度投资计划完成率" / "100%" are a
        // row's target and actual; "资金按计划到位90%-" / "100%" is the target of the row whose actual begins the same
        // (its name was read as its target); "实现建设目标" and "达到建设目标" share their words and are a pair too.
        var form = RawTextForms.Read(RawTextForms.Head + "\n" + """
            产出指标
            数量指标 新建宣传栏 40 40
            服务人次 <=0.1 未发生故障 20 20
            效益指标
            经济效益指标 降低运维支出 资金按计划到位 10 10
            社会效益指标 信息共享程度 10 10
            满意度指标 服务对象满意度指标 群众满意率 =100% 100% 10 10
            总分 100 98.43
            年度投资完成率100%
            年度投资计划完成率
            100%
            资金按计划到位90%-
            100%
            实现建设目标
            达到建设目标
            """);
        Assert.Equal([("新建宣传栏", "年度投资完成率100%", "年度投资计划完成率100%"), ("服务人次", "<=0.1", "未发生故障"),
                ("降低运维支出", "资金按计划到位90%-100%", "资金按计划到位"), ("信息共享程度", "实现建设目标", "达到建设目标"),
                ("群众满意率", "=100%", "100%")],
            form.Indicators.Select(i => (i.Name, i.Target, i.Actual)));
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.TrailingRow.Id);
    }
    [Fact]
    public void Each_page_s_tail_is_read_with_its_page_s_rows_when_another_tail_fits_no_way()
    {
        // Page one's wrapped name at its foot; page two's tail holds a text no row of page two lacks. Read as one, the
        // two tails fit no way and nothing was read; page one's is read, page two's text reported.
        var form = RawTextForms.Read(RawTextForms.Head + "\n" + """
            产出指标
            数量指标 40 40
            服务人次 <=0.1 未发生故障 20 20
            完成办公家具
            购置
            分值 得分
            效益指标 社会效益指标 社会知晓率 完善 基本完善 10 10
            满意度指标 服务对象满意度指标 群众满意率 =100 100 10 10
            总分 100 98.43
            多余的文字
            """);
        Assert.Equal(["完成办公家具购置", "服务人次", "社会知晓率", "群众满意率"], form.Indicators.Select(i => i.Name));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.TrailingRow.Id);
    }
    [Fact]
    public void A_row_that_prints_only_its_pair_ends_a_page_s_cells()
    {
        // Page one's wrapped cells between the pages, then page two's first row, whose every text was wrapped away (to
        // the cells after the 总分): its "20 20" alone is a row, not one of page one's cells.
        var form = RawTextForms.Read(RawTextForms.Head + "\n" + """
            产出指标
            数量指标 服务人次 =55人 =56人 40 40
            质量指标 20 20
            (2023 年度)
            项目资金
            (元)
            完成办公家具
            购置
            20 20
            满意度指标 服务对象满意度指标 群众满意率 =100% 100% 10 10
            总分 100 98.43
            投诉处置满意度
            """);
        Assert.Equal([40m, 20m, 20m, 10m], form.Indicators.Select(i => i.Weight ?? -1));
        Assert.Equal(["服务人次", "完成办公家具购置", "投诉处置满意度", "群众满意率"], form.Indicators.Select(i => i.Name));
    }

    [Fact]
    public void A_year_after_the_total_with_wrapped_pieces_of_figures_is_the_forms_tail_not_a_second_form()
    {
        // Calc's `-raw` (tuning half, synthetic 1754) writes the year, the project's name and the wrapped cells after the
        // 总分: an amount broken over two lines ("3,369,43" / "4"), a funding label wrapped ("其中：当年财政拨" / "款"), a
        // measure and its unit ("≥2000" / "人次"). The year started a second form, empty, in the output.
        var forms = Fixtures.Pipeline.Extract(PerformanceEval.Ingestion.SourceDocument.FromBytes("form.raw.txt", System.Text.Encoding.UTF8.GetBytes(
            RawTextForms.Head + "\n" + """
            产出指标 数量指标 年接待人次 30 30
            总分 100 95.43
            (2021 年度)
            食品安全抽检服务费
            3,369,43
            4
            其中：当年财政拨
            款
            3,369,43
            4
            ≥2000
            人次
            2136人次
            """))).Forms;
        Assert.Single(forms);
        // A second form printed without a title still starts one: its funding line holds its figures.
        var two = Fixtures.Pipeline.Extract(PerformanceEval.Ingestion.SourceDocument.FromBytes("form.raw.txt", System.Text.Encoding.UTF8.GetBytes(
            RawTextForms.Head + "\n" + """
            产出指标 数量指标 年接待人次 30 30
            总分 100 95.43
            (2021 年度)
            年度资金总额 7,683,307.26 7,098,498.00 10 47.47% 4.75
            产出指标 数量指标 年接待人次 30 30
            总分 100 95.43
            """))).Forms;
        Assert.Equal(2, two.Length);
    }
}
