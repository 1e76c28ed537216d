using PerformanceEval.Ingestion.Ocr;
using PerformanceEval.Ingestion.Pdf;
using PerformanceEval.Raster;
using PerformanceEval.Templates;
using Xunit;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>Which cells of a scanned table hold figures, by their column's header — read, or known from its neighbours.</summary>
public sealed class FigureColumnsTests
{
    private static readonly LabelMatcher[] Templates =
        [new(TemplateModel.Load("standard", null)), new(TemplateModel.Load("criteria", null))];

    // Four columns (0–100–200–300–400) and five rows (0–50–…–250). The fourth row is one cell across: no vertical rule
    // runs through it, as 年度总体目标's rows run under the funding block's columns.
    private static readonly GridLayout Grid = GridLayout.Build(
        [.. new[] { 0, 50, 100, 150, 200, 250 }.Select(y => new Rule(y, 0, 400))],
        [new Rule(0, 0, 250), new Rule(400, 0, 250), .. new[] { 100, 200, 300 }.SelectMany(x => new[] { new Rule(x, 0, 150), new Rule(x, 200, 250) })],
        snap: 2.5)!;

    private static int At(int column, int row) => Grid.RegionAt(column * 100 + 50, row * 50 + 25)!.Value;

    private static Dictionary<int, string> Read(params string[][] rows)
    {
        var texts = new Dictionary<int, string>();
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                texts[At(c, r)] = rows[r][c];
        return texts;
    }

    [Fact]
    public void The_cell_right_of_the_recurring_label_holds_yes_or_no_whatever_it_was_read_as()
    {
        // The criteria template's head: 是否为经常性项目's 否 read as "售" (tuning half, criteria 000's scan) had gone to
        // the digits' model, which made a "4" of it. The label wrapped in its cell is read whole; a cell right of any
        // other label, or with nothing left of it, is no such cell.
        var yesOrNo = FigureColumns.YesOrNo(Grid, Read(
            ["具体实施处", "财务科", "是否为经常性\n项目", "售"],
            ["当年预算数", "5,196,389.00", "上年预算金额", "4,020,976.50"],
            ["是否为经常性项目", "是"]), Templates);
        Assert.Equal([At(3, 0), At(1, 2)], yesOrNo.Order());
    }

    [Fact]
    public void Cells_under_a_score_header_and_under_a_garbled_one_between_its_neighbours_hold_figures()
    {
        // 分值 read as 人: between 实际完成值 and 得分, where the template puts 分值.
        var typed = FigureColumns.Find(Grid, Read(
            ["三级指标", "实际完成值", "人", "得分"],
            ["刻章数量", "健全", "aa", "10"],
            ["满意度", "95%", "", "本"],
            ["年度总体目标"],
            ["按计划完成", "是", "20", "20"]), Templates);
        Assert.Equal("分值", typed[At(2, 1)]);
        Assert.Equal("分值", typed[At(2, 2)]);
        Assert.Equal("得分", typed[At(3, 1)]);
        Assert.Equal("得分", typed[At(3, 2)]);
        // 实际完成值 holds words as often as figures; the headers themselves are no figures; nor is anything below the
        // row one cell across.
        Assert.DoesNotContain(At(1, 1), typed.Keys);
        Assert.DoesNotContain(At(2, 0), typed.Keys);
        Assert.DoesNotContain(At(0, 3), typed.Keys);
        Assert.DoesNotContain(At(3, 4), typed.Keys);
        Assert.Equal(4, typed.Count);
    }

    [Fact]
    public void A_blank_header_between_headers_a_moved_printing_put_apart_is_the_one_kind_of_the_gap_not_printed()
    {
        // 实际完成值 printed before 年度指标值; the 分值 header read as nothing. Between 年度指标值 and 得分 the template
        // has 实际完成值 and 分值: the one not in the row is 分值. (The criteria order, which has 得分 after 评分规则, had
        // made it a 评分规则 column: its "20"s were never read as figures.)
        var typed = FigureColumns.Find(Grid, Read(
            ["实际完成值", "年度指标值", "", "得分"],
            ["=100%", "=100%", "", "20"],
            ["及时", "及时", "20", "20"]), Templates);
        Assert.Equal("分值", typed[At(2, 1)]);
        Assert.Equal("分值", typed[At(2, 2)]);
        // With 实际完成值 nowhere in the row, the gap holds two kinds it could be: no guess.
        var unsure = FigureColumns.Find(Grid, Read(
            ["三级指标", "年度指标值", "", "得分"],
            ["刻章数量", "=100%", "", "20"]), Templates);
        Assert.NotEqual("分值", unsure.GetValueOrDefault(At(2, 1)));
    }

    [Fact]
    public void Without_the_templates_or_with_no_figure_header_no_cell_is_typed()
    {
        string[][] rows = [["三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施"], ["刻章数量", "10", "10", ""]];
        Assert.Empty(FigureColumns.Find(Grid, Read(rows), Templates));
        Assert.Empty(FigureColumns.Find(Grid, Read([["三级指标", "实际完成值", "分值", "得分"], ["刻章数量", "健全", "10", "10"]]), []));
    }

    [Fact]
    public void The_criteria_templates_weight_column_holds_figures()
    {
        var typed = FigureColumns.Find(Grid, Read(["指标名称", "指标解释", "权重", "评分规则"], ["预算执行率", "考察执行", "8", "按比例"]), Templates);
        // The column runs down to the row one cell across, through the blank row before it.
        Assert.Equal([At(2, 1), At(2, 2)], typed.Keys.Order());
        Assert.Equal("权重", typed[At(2, 1)]);
    }

    [Fact]
    public void On_a_page_with_no_header_a_column_of_plain_figures_holds_figures_in_its_other_cells()
    {
        // A continuation page laid out afresh (pchk3's synthetic720, page 2): 分值 and 得分 under no header, a serif
        // "15" read as "Lo" and "1Ls"; the actuals beside them are figures of another kind (96%) and words.
        var typed = FigureColumns.ByContent(Grid, Read(
            ["绿化覆盖率", "持续", "4", "4"],
            ["噪声控制", "2136人次", "Lo", "1Ls"],
            ["有效投诉次数", "96%", "14", "14"],
            ["总分"],
            ["满意度", "及时", "2", "2"]));
        Assert.Equal(FigureColumns.ByContentLabel, typed[At(2, 1)]);
        Assert.Equal(FigureColumns.ByContentLabel, typed[At(3, 1)]);
        Assert.Equal(2, typed.Count);
    }

    [Fact]
    public void A_column_with_a_percentage_a_comparison_or_a_unit_or_of_few_figures_is_no_such_column_and_words_stay_words()
    {
        // Two columns, six rows: a column's cells are read top to bottom.
        var grid = GridLayout.Build([.. Enumerable.Range(0, 7).Select(i => new Rule(i * 50, 0, 200))], [new Rule(0, 0, 300), new Rule(100, 0, 300), new Rule(200, 0, 300)], snap: 2.5)!;
        Dictionary<int, string> Column(params string[] cells) =>
            cells.Select((t, i) => (Region: grid.RegionAt(150, i * 50 + 25)!.Value, Text: t)).ToDictionary(c => c.Region, c => c.Text);
        int Cell(int row) => grid.RegionAt(150, row * 50 + 25)!.Value;
        Assert.Equal([Cell(1)], FigureColumns.ByContent(grid, Column("4", "Lo", "14", "2", "8", "20")).Keys);
        Assert.Empty(FigureColumns.ByContent(grid, Column("4", "Lo", "14", "2", "8", "100%")));
        Assert.Empty(FigureColumns.ByContent(grid, Column("4", "Lo", "14", "2", "8", "≥4")));
        Assert.Empty(FigureColumns.ByContent(grid, Column("4", "Lo", "14", "2", "8", "4次")));
        // Two plain figures are too few to say what a column holds; 不适用 in a column of figures is words.
        Assert.Empty(FigureColumns.ByContent(grid, Column("4", "Lo", "14")));
        Assert.Empty(FigureColumns.ByContent(grid, Column("4", "不适用", "14", "2", "8", "20")));
    }
}

