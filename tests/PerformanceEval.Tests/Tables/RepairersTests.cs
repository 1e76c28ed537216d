using System.Collections.Immutable;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using PerformanceEval.Tables;
using PerformanceEval.Templates;
using Xunit;

namespace PerformanceEval.Tests.Tables;

/// <summary>The grid repairs: page furniture, vertical labels and OCR noise, repeated rows, a 总分 set apart or unlabelled.</summary>
public sealed class RepairersTests
{
    private static FormGrid Grid(params string[][] rows)
    {
        var document = SourceDocument.FromBytes("dump.txt", [1]);
        return new FormGrid(document, InputKind.Text, 0, [.. rows.Select((cells, line) => new RawRow(
            [.. cells.Select((text, col) => new RawCell(text, new SourceRef("dump.txt", document.Sha256, null, line + 1, null, col, null, text, null)))],
            RowOrigin.Tsv, line + 1, 0))]);
    }

    private static IEnumerable<string> Texts(FormGrid grid) => grid.Rows.Select(r => string.Join("|", r.Cells.Select(c => c.Text)));

    [Fact]
    public void Page_numbers_are_dropped_however_the_cells_cut_them_and_nothing_longer_is()
    {
        var grid = Grid(
            ["- 4 -"], ["第", "12", "页共", "30", "页"], ["第 123 页 共 123 页"], ["3/9"],
            ["项目名称", "第4页"],                   // words before a page-like cell: a row of the form
            ["第1234页"],                            // four digits: no page number this pattern knows
            ["满意度", "95%", "10"]);
        Assert.Equal(["项目名称|第4页", "第1234页", "满意度|95%|10"], Texts(new PageFurnitureRemover().Repair(grid).Value));
    }

    [Fact]
    public void Vertical_label_pieces_and_punctuation_noise_are_blanked_and_placeholders_and_words_kept()
    {
        var grid = Grid(["绩", "效指标", ",,,,", "****", "—", "社会效益", "1.5", "(万元)"]);
        Assert.Equal(["||||—|社会效益|1.5|(万元)"], Texts(new VerticalLabelRepairer().Repair(grid).Value));
    }

    [Fact]
    public void A_plain_dumps_piece_of_a_wrapped_head_label_is_kept_and_a_vertical_labels_piece_is_not()
    {
        // pdftotext -raw of a criteria form's narrow label cells: "绩效" / "等级 优" and "主要" / "绩效 …" are the labels
        // 绩效等级 and 主要绩效; a "绩效" whose neighbours spell nothing is a vertical 绩效指标's piece, blanked as before.
        var grid = Grid(["自评时间", "2022-05-07"], ["绩效"], ["等级", "优"], ["主要"], ["绩效", "按计划完成"], ["绩效"], ["产出指标", "数量指标"]);
        grid = grid with { Rows = [.. grid.Rows.Select(r => r with { Origin = RowOrigin.Layout })] };
        Assert.Equal(["自评时间|2022-05-07", "绩效", "等级|优", "主要", "绩效|按计划完成", "产出指标|数量指标"],
            Texts(new VerticalLabelRepairer().Repair(grid).Value));
    }

    private static readonly LabelMatcher Standard = new(TemplateModel.Load("standard", null));

    [Fact]
    public void A_row_of_100_and_a_score_after_the_indicators_gets_its_lost_total_label_in_the_empty_cell_before_it()
    {
        var grid = Grid(
            ["年度资金总额", "100", "98", "10"],                    // a funding line: its figures are no total
            ["产出指标", "数量指标", "场次", "5", "5", "10", "10"],
            ["", "", "", "", "", "100", "98.5"]);
        var result = new LostTotalLabelRepairer(Standard).Repair(grid);

        Assert.Equal("||||总分|100|98.5", Texts(result.Value).Last());
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Same(DiagnosticCodes.TotalUnlabelled, diagnostic.Code);
        Assert.Equal("totalScore", diagnostic.Field);
        Assert.Equal((3, 5, 2), (diagnostic.Source!.Line, diagnostic.Source.Col, diagnostic.Source.Row));
    }

    [Fact]
    public void A_row_with_no_empty_cell_before_its_figures_gets_the_label_as_a_cell_of_its_own_and_only_the_first_such_row()
    {
        var grid = Grid(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], ["100", "97"], ["100", "96"]);
        var result = new LostTotalLabelRepairer(Standard).Repair(grid);

        Assert.Equal(["总分|100|97", "100|96"], Texts(result.Value).Skip(1));
        Assert.Equal(result.Value.Rows[1].Cells[1].Source, result.Value.Rows[1].Cells[0].Source);
        Assert.Single(result.Diagnostics);
    }

    [Theory]
    [InlineData(new[] { "100", "98" }, new[] { "产出指标", "数量指标", "场次", "10", "10" })]   // before the table begins
    [InlineData(new[] { "产出指标", "数量指标", "场次", "10", "10" }, new[] { "10", "9" })]     // an indicator's pair
    [InlineData(new[] { "产出指标", "数量指标", "场次", "10", "10" }, new[] { "100", "98", "说明" })]
    [InlineData(new[] { "总分", "100", "97" }, new[] { "100", "98" })]                         // the total is labelled
    public void Other_rows_keep_what_they_say(string[] first, string[] second)
    {
        var grid = Grid(first, second);
        var result = new LostTotalLabelRepairer(Standard).Repair(grid);

        Assert.Equal(Texts(grid), Texts(result.Value));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_total_row_whose_label_OCR_garbled_is_read_as_the_total_with_a_warning_naming_what_was_read()
    {
        // A scan's 总分 read as 避分, its 100 and 95.50, and a speck in the note column read as "PS".
        var grid = Grid(["产出指标", "数量指标", "场次", "5", "5", "10", "10"], ["避分", "100", "95.50", "PS"]);
        var result = new LostTotalLabelRepairer(Standard).Repair(grid);

        Assert.Equal("总分|100|95.50|PS", Texts(result.Value).Last());
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Same(DiagnosticCodes.TotalUnlabelled, diagnostic.Code);
        Assert.Contains("避分", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("本", 10, true)]              // 总分 garbled past recognition, but as wide as its label is printed
    [InlineData("本", 1, false)]              // one column wide: an indicator's cell could be as narrow
    [InlineData("数量指标", 10, false)]       // a level spanning the columns is a row of the table
    [InlineData("和 双人 AN ~ 四", 7, true)]  // a fax's specks across level, name, target and actual
    [InlineData("和 双人 AN ~ 四", 3, false)] // as many specks in a narrower cell: not the total's shape
    [InlineData("可 序 亲 ， 总分 了", 7, false)] // the label whole among specks: the normalizer reads it, no repair
    public void A_garbled_total_label_as_wide_as_the_printed_one_is_the_total(string label, int span, bool total)
    {
        var grid = Grid(["产出指标", "数量指标", "场次", "5", "5", "10", "10"], [label, "100", "89.14"]);
        var rows = grid.Rows.SetItem(1, grid.Rows[1] with { Cells = grid.Rows[1].Cells.SetItem(0, grid.Rows[1].Cells[0] with { ColSpan = span }) });
        var result = new LostTotalLabelRepairer(Standard).Repair(grid with { Rows = rows });

        Assert.Equal(total ? "总分|100|89.14" : $"{label}|100|89.14", Texts(result.Value).Last());
        Assert.Equal(total ? 1 : 0, result.Diagnostics.Count(d => d.Code == DiagnosticCodes.TotalUnlabelled));
    }

    [Theory]
    [InlineData(0.9, true)]    // a scan: a seal over the label, not one ideograph read in it
    [InlineData(null, false)]  // a text's cell of Latin letters is what it says
    public void A_scanned_total_label_read_as_a_long_run_of_latin_specks_is_the_total(double? confidence, bool total)
    {
        const string label = "TECN ERKEIIIIEIIEIEEIIDIEINERIENEEE RS";
        var grid = Grid(["产出指标", "数量指标", "场次", "5", "5", "10", "10"], [label, "100", "96.60"]);
        var cell = grid.Rows[1].Cells[0];
        var rows = grid.Rows.SetItem(1, grid.Rows[1] with
        {
            Cells = grid.Rows[1].Cells.SetItem(0, cell with { ColSpan = 7, Source = cell.Source with { Confidence = confidence } }),
        });
        var result = new LostTotalLabelRepairer(Standard).Repair(grid with { Rows = rows });

        Assert.Equal(total ? "总分|100|96.60" : $"{label}|100|96.60", Texts(result.Value).Last());
        Assert.Equal(total ? 1 : 0, result.Diagnostics.Count(d => d.Code == DiagnosticCodes.TotalUnlabelled));
    }

    [Theory]
    [InlineData("总从", 5, true)]             // a character of 总分 kept and as wide as the label: its score unreadable
    [InlineData("总从", 1, false)]            // one sign only, and the score no figure: not enough
    [InlineData("本", 5, false)]              // as wide, but no character of it kept
    public void A_garbled_total_label_with_both_signs_is_the_total_even_when_its_score_was_not_read(string label, int span, bool total)
    {
        // A blurred scan's 总分 read "总从" across five columns, its 100, and 97.30 read "07 ,，刘".
        var grid = Grid(["产出指标", "数量指标", "场次", "5", "5", "10", "10"], [label, "100", "07 ,，刘"]);
        var rows = grid.Rows.SetItem(1, grid.Rows[1] with { Cells = grid.Rows[1].Cells.SetItem(0, grid.Rows[1].Cells[0] with { ColSpan = span }) });
        var result = new LostTotalLabelRepairer(Standard).Repair(grid with { Rows = rows });

        Assert.Equal(total ? "总分|100|07 ,，刘" : $"{label}|100|07 ,，刘", Texts(result.Value).Last());
        Assert.Equal(total ? 1 : 0, result.Diagnostics.Count(d => d.Code == DiagnosticCodes.TotalUnlabelled));
    }

    [Theory]
    [InlineData("满意度|100%|98")]           // a rate is no total weight
    [InlineData("场次|100|98")]              // no character of 总分 / 合计 in the label
    [InlineData("分项|100|98|10")]           // a fourth figure: a row of the table
    [InlineData("工作总结评分|100|98")]      // a name, not a short label
    public void A_short_label_and_100_are_not_enough_without_the_rest_of_a_total_s_shape(string row)
    {
        var grid = Grid(["产出指标", "数量指标", "场次", "5", "5", "10", "10"], row.Split('|'));
        var result = new LostTotalLabelRepairer(Standard).Repair(grid);

        Assert.Equal(Texts(grid), Texts(result.Value));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_total_set_apart_from_its_figures_is_joined_to_them()
    {
        var grid = Grid(["满意度", "95%", "10", "10"], ["总分"], ["100", "97.5"], ["填报人"]);
        var result = new DetachedTotalJoiner(Standard).Repair(grid);

        Assert.Equal(["满意度|95%|10|10", "总分|100|97.5", "填报人"], Texts(result.Value));
        Assert.Same(DiagnosticCodes.TotalJoined, Assert.Single(result.Diagnostics).Code);
        Assert.Equal(["总分", "说明"], Texts(new DetachedTotalJoiner(Standard).Repair(Grid(["总分"], ["说明"])).Value));
    }

    [Fact]
    public void A_header_row_a_page_break_cut_in_two_is_one_row_again_and_other_pairs_of_pages_are_not()
    {
        // Ruled rows: the header's first lines at the foot of page 1, its last lines atop page 2 (a row allowed to break
        // across pages), then a row of data. Each half names two or fewer columns; cell by cell they name seven.
        RawRow Ruled(int page, params string[] cells) => new([.. cells.Select((text, col) =>
            new RawCell(text, new SourceRef("form.pdf", "0", page, null, null, col, null, text, null)))], RowOrigin.RuledGrid, null, page);
        var criteria = new LabelMatcher(TemplateModel.Load("criteria", null));
        var grid = Grid() with
        {
            Rows =
            [
                Ruled(1, "一级", "指标", "指标", "权", "评分", "自评", "备注"),
                Ruled(2, "指标", "名称", "解释", "重", "规则", "得分", ""),
                Ruled(2, "投入（20分）", "资金到位率", "到位率达到计划", "10", "全部到位得满分", "10", ""),
            ],
        };
        var result = new PageBrokenHeaderJoiner(Standard, criteria).Repair(grid);
        Assert.Equal(["一级\n指标|指标\n名称|指标\n解释|权\n重|评分\n规则|自评\n得分|备注", "投入（20分）|资金到位率|到位率达到计划|10|全部到位得满分|10|"],
            Texts(result.Value));
        Assert.Same(DiagnosticCodes.HeaderJoinedAcrossPages, Assert.Single(result.Diagnostics).Code);

        // A whole header atop page 2 under page 1's last row of data: together they name no more than the header alone.
        var repeated = grid with { Rows = [grid.Rows[2] with { Cells = [.. grid.Rows[2].Cells.Select(c => c with { Source = c.Source with { Page = 1 } })] },
            Ruled(2, "一级指标", "指标名称", "指标解释", "权重", "评分规则", "自评得分", "备注")] };
        Assert.Empty(new PageBrokenHeaderJoiner(Standard, criteria).Repair(repeated).Diagnostics);
    }

    [Fact]
    public void A_row_the_ocr_wrote_twice_is_dropped_and_a_short_or_spanned_repeat_kept()
    {
        var grid = Grid(["产出指标", "数量指标", "完成场次", "10", "10"], ["产出指标", "数量指标", "完成场次", "10", "10"], ["及时", "5"], ["及时", "5"]);
        var result = new RepeatedRowRemover().Repair(grid);

        Assert.Equal(["产出指标|数量指标|完成场次|10|10", "及时|5", "及时|5"], Texts(result.Value));
        var dropped = Assert.Single(result.Diagnostics);
        Assert.Same(DiagnosticCodes.RowRepeated, dropped.Code);
        Assert.Equal(2, dropped.Source!.Line);

        var spanned = new FormGrid(grid.Source, grid.Kind, 0, [.. grid.Rows.Take(2).Select(r => r with { Origin = RowOrigin.Html })]);
        Assert.Equal(2, new RepeatedRowRemover().Repair(spanned).Value.Rows.Length);
    }
}
