using PerformanceEval.Tables;
using Xunit;

namespace PerformanceEval.Tests.Tables;

/// <summary>
/// A raw dump's lines before a row's 分值/得分 cut back into the row's cells. Pieces are as <c>pdftotext -raw</c> wrote
/// them (each with its line); the expected cells are the printed ones.
/// </summary>
public sealed class WrappedCellsTests
{
    private static readonly string[] Units = ["人次", "人", "次", "万元", "元", "%"];

    /// <summary>The cells, " | " between them; null when the pieces are left alone.</summary>
    private static string? Cut(int count, params (string Text, int Line)[] pieces) =>
        WrappedCells.Split(pieces, count, Units) is { } groups
            ? string.Join(" | ", groups.Select(g => string.Concat(g.Select(i => pieces[i].Text))))
            : null;

    [Fact]
    public void A_unit_alone_on_its_line_ends_the_figure_before_it()
    {
        Assert.Equal("覆盖社区数 | ≥2000人次 | 2136人次",
            Cut(3, ("覆盖社区数", 1), ("≥2000", 2), ("人次", 3), ("2136", 4), ("人次", 5)));
        // A unit the line broke ("98.6 万" / "元") is one unit still.
        Assert.Equal("系统运行稳定率 | <=100万元 | 98.6万元",
            Cut(3, ("系统运行稳定率", 1), ("<=100", 2), ("万", 2), ("元", 3), ("98.6", 4), ("万", 4), ("元", 5)));
        // So is a unit broken inside the figure's word (PdfPig's words of Chromium's PDF: "98.6万" / "元"): the rest goes
        // on it, not alone as a cell of one character after "<=100万元" and "98.6万" joined.
        Assert.Equal("响应及时率 | <=100万元 | 98.6万元", Cut(3, ("响应及时率", 1), ("<=100万元", 1), ("98.6万", 2), ("元", 3)));
    }

    [Fact]
    public void Words_whose_figure_no_column_of_the_row_could_have_held_on_their_line_are_one_measure()
    {
        // PdfPig's words of Chromium's PDF (check set, synthetic 850): the target's words and its figure are wider together
        // than any piece of the row, so no column of it could have held them on one line: "年度投资完成率" / "100%" is one
        // measure, as "年度投资计划完成" / "率100%" is. The row's cells had been left uncut, all read as its name.
        Assert.Equal("资金支付及时性 | 年度投资计划完成率100% | 年度投资完成率100%",
            Cut(3, ("资金支付及时", 1), ("性", 2), ("年度投资计划完成", 3), ("率100%", 4), ("年度投资完成率", 5), ("100%", 6)));
        // Words with room for the figure on their line, on a row with a wider piece, are a cell of their own.
        Assert.Equal("完成年度建设任务数量 | 验收合格率 | 100%",
            Cut(3, ("完成年度建设任务数", 1), ("量", 2), ("验收合格率", 3), ("100%", 4)));
    }

    [Fact]
    public void A_measure_whole_with_its_unit_ends_its_cell_before_a_figure_on_the_next_line()
    {
        // Chromium's raw text and letters (check set, synthetic 854): a name wrapped over two lines, then the target and
        // the actual a line each. Read as the name's second line alone and one cell of two measures, the cut tied with
        // the right one, and the row's cells were left as one name.
        Assert.Equal("人员管理机制健全性 | <=100万元 | 98.6万元",
            Cut(3, ("人员管理机制", 1), ("健全性", 2), ("<=100万元", 3), ("98.6万", 4), ("元", 5)));
    }

    [Fact]
    public void Two_cuts_equally_good_are_no_cut_and_say_they_tied()
    {
        // (A name of two lines, the target on its last: nothing says whether "完善" / "基本" / "完善" is 完善 and 基本完善
        // or 完善基本 and 完善.)
        (string, int)[] pieces = [("长效管理制度", 1), ("健全性", 2), ("完善", 2), ("基本", 3), ("完善", 4)];
        Assert.Null(WrappedCells.Split(pieces, 3, Units, out var tied));
        Assert.True(tied);
        // Too few pieces for the cells is no tie.
        Assert.Null(WrappedCells.Split(pieces.Take(2).ToArray(), 3, Units, out var few));
        Assert.False(few);
        Assert.NotNull(WrappedCells.Split([("培训场次", 1), ("完善", 1), ("基本完", 2), ("善", 3)], 3, Units, out var clear));
        Assert.False(clear);
    }

    [Fact]
    public void A_line_shorter_than_the_next_ends_its_cell()
    {
        // Two on one line are two cells; of 完善 / 基本完 / 善, 完善基本完 + 善 would have a short line before a long one.
        Assert.Equal("培训场次 | 完善 | 基本完善", Cut(3, ("培训场次", 1), ("完善", 1), ("基本完", 2), ("善", 3)));
        // A last line as wide as a full one is less likely than a shorter rest.
        Assert.Equal("人员管理机制健全性 | 完善 | 基本完善",
            Cut(3, ("人员管理机制健", 1), ("全性", 2), ("完善", 3), ("基本完", 4), ("善", 5)));

    }

    [Fact]
    public void A_cell_on_the_line_of_a_one_line_name_is_centred_there_not_hung_from_it()
    {
        // PdfPig's words of Chromium's PDF (tuning half, synthetic 004): the name and the target share the row's middle
        // line, the actual wraps onto two lines around it. "完善" / "基本" / "完善" cut either way into lines as wide, and the
        // row had been read as one name with no target or actual; a target sharing the name's line is centred on it as the
        // name is, so it is one line here.
        Assert.Equal("长效管理制度健全性 | 完善 | 基本完善", Cut(3, ("长效管理制度健全性", 1), ("完善", 1), ("基本", 2), ("完善", 3)));
        // A cell that wraps on both sides of that line is not pushed apart by it.
        Assert.Equal("培训场次 | 完善 | 基本完善", Cut(3, ("培训场次", 1), ("完善", 1), ("基本完", 2), ("善", 3)));
    }

    [Fact]
    public void A_cell_does_not_open_on_a_suffix()
    {
        // PdfPig's words of Chromium's PDF (tuning half, synthetic 028): "度提升" / "有所提" / "升" fills a measure's lines as
        // well as "有所提" / "升" does, and the name "群众办事便利" is as whole without its end. A measure opening on "度" was
        // cut through a name; the two ways had tied, and the row was read as one name.
        Assert.Equal("群众办事便利度提升 | 有所提升", Cut(2, ("群众办事便利", 1), ("度提升", 2), ("有所提", 3), ("升", 4)));
    }

    [Fact]
    public void A_character_alone_goes_on_the_line_before_it_where_a_cut_may_go_either_way()
    {
        // 设备购置数量 + 基本完善, or a name 设备购置数量基本完 and a cell "善": the cell of one character is the rarer.
        Assert.Equal("设备购置数量 | 基本完善", Cut(2, ("设备购置数量", 1), ("基本完", 2), ("善", 3)));
        // The row's line holding the last line of the actual and the whole target ("有所提" / "升 提升").
        Assert.Equal("预算控制率 | 有所提升 | 提升", Cut(3, ("预算控制率", 1), ("有所提", 2), ("升", 3), ("提升", 3)));
        // A one-character cell stands where the line makes it one ("是 是" on the row's line).
        Assert.Equal("节约企业开办成本 | 是 | 是", Cut(3, ("节约企业开办成本", 1), ("是", 2), ("是", 2)));
    }

    [Fact]
    public void Pieces_that_cannot_make_the_cells_or_make_them_two_ways_are_left_alone()
    {
        Assert.Null(Cut(3, ("对优化营商环境持续发挥", 1), ("作用", 2)));
        // 设备购置数量 + 基本完善, or a name 设备购置数量基本完善 over two lines and 良好: nothing in the lines tells.
        Assert.Null(Cut(2, ("设备购置数量", 1), ("基本完善", 2), ("良好", 3)));
        // Two one-line pieces into two cells one way only; three equal ones into two, two ways: no cut.
        Assert.Null(Cut(2, ("及时", 1), ("完善", 2), ("持续", 3)));
        // Words and a measure in one cell cost more than apart.
        Assert.Equal("验收合格率 | =12次", Cut(2, ("验收合格率", 1), ("=12", 2), ("次", 3)));
    }

    [Fact]
    public void A_comparison_starts_a_cell_of_its_own()
    {
        // Writer's letters (tuning half, synthetic 2158): a name over two lines, an actual, and a target whose unit the
        // line broke. "98.6万元" and "<=100万元" as one cell read as well by every other measure.
        Assert.Equal("年度投资计划按时序推进 | 98.6万元 | <=100万元",
            Cut(3, ("年度投资计划按", 1), ("时序推进", 2), ("98.6万元", 3), ("<=100万", 4), ("元", 5)));
    }

    [Fact]
    public void Words_that_run_into_a_figure_on_one_line_are_one_measure()
    {
        // "年度投资计划完" / "成率100%": the figure starts after a character, mid-line — the words' cell going on. Counted
        // as words and a figure in one cell, every cut cost the same and the name took them all.
        Assert.Equal("提升服务能力 | 年度投资计划完成率100% | 年度投资完成率100%",
            Cut(3, ("提升服务能力", 1), ("年度投资计划完", 2), ("成率100%", 3), ("年度投资完", 4), ("成率100%", 5)));
        // A figure that starts its line after words is a cell of its own still.
        Assert.Equal("验收合格率 | <=100 | 98",
            Cut(3, ("验收合格率", 1), ("<=100", 2), ("98", 3)));
        // Unless words stand on the figure's line too: "满意度调查在85%" / "以上" twice is a target and an actual written in
        // words around their figures (PdfPig's words of a check-set form, synthetic 810); both had been taken into the name.
        Assert.Equal("有效投诉次数 | 满意度调查在85%以上 | 满意度调查在85%以上",
            Cut(3, ("有效投诉次数", 1), ("满意度调查在85%", 2), ("以上", 3), ("满意度调查在85%", 4), ("以上", 5)));
    }
}
