using System.Collections.Immutable;
using PerformanceEval.Ingestion;
using PerformanceEval.Normalization;
using PerformanceEval.Provenance;
using Xunit;
using PerformanceEval.Templates;

namespace PerformanceEval.Tests.Normalization;

public sealed class ColumnMapTests
{
    private static readonly string[] Kinds = ["HdrLevel1", "HdrLevel2", "HdrName", "HdrTarget", "HdrActual", "HdrWeight", "HdrScore", "HdrNote"];

    private static LabelMatcher Matcher { get; } = new(TemplateModel.Load("standard", null));

    /// <summary>A row of cells (text, first column, span), with boxes 10 pt a column when <paramref name="x0"/> is given.</summary>
    private static RawRow Row(int block, double? x0, params (string Text, int Col, int Span)[] cells) => Row(block, x0, null, cells);

    /// <summary>The same, each cell read by OCR at <paramref name="confidence"/> when it is given (a scan's).</summary>
    private static RawRow Row(int block, double? x0, double? confidence, params (string Text, int Col, int Span)[] cells) =>
        new([.. cells.Select(c => new RawCell(c.Text, new SourceRef("t.pdf", "", 1, null, 0, c.Col,
            x0 is { } x ? new Box(x + c.Col * 10, 0, x + (c.Col + c.Span) * 10, 10, BoxUnits.PdfPoints) : null, c.Text, confidence)) { ColSpan = c.Span })],
            RowOrigin.RuledGrid, null, block);

    [Fact]
    public void A_cell_belongs_to_the_header_it_overlaps_most()
    {
        var header = Row(0, null, ("一级指标", 0, 2), ("年度指标值", 2, 3), ("分值", 5, 1), ("得分", 6, 1));
        var map = ColumnMap.Of(header, Matcher, Kinds);
        Assert.Equal("HdrTarget", map.KindOf(Row(0, null, ("x", 3, 1)).Cells[0]));
        Assert.Equal("HdrTarget", map.KindOf(Row(0, null, ("x", 1, 4)).Cells[0]));   // 1 column of 一级指标, 3 of 年度指标值
        Assert.Null(map.KindOf(Row(0, null, ("x", 9, 1)).Cells[0]));
    }

    [Fact]
    public void An_unrecognised_header_between_two_known_ones_takes_the_one_kind_the_template_puts_there()
    {
        // "实际完成值" misread by the OCR as "买际亢成伍".
        var header = Row(0, null, ("三级指标", 0, 1), ("年度指标值", 1, 1), ("买际亢成伍", 2, 1), ("分值", 3, 1), ("得分", 4, 1));
        var inferred = new List<string>();
        var map = ColumnMap.Of(header, Matcher, Kinds, inferred: (_, kind) => inferred.Add(kind));
        Assert.Equal(["HdrActual"], inferred);
        Assert.Equal("HdrActual", map.KindOf(Row(0, null, ("100%", 2, 1)).Cells[0]));
    }

    [Theory]
    // 二级指标 read as 三级指标: the first of the two is the 二级指标 the template puts before 三级指标.
    [InlineData("三级指标", "三级指标", 1, "HdrLevel2")]
    // 三级指标 read as 二级指标: the second is the 三级指标 the template puts after 二级指标.
    [InlineData("二级指标", "二级指标", 2, "HdrName")]
    public void A_label_read_twice_side_by_side_is_the_missing_kind_next_to_it(string second, string third, int guessedColumn, string guessed)
    {
        var header = Row(0, null, ("一级指标", 0, 1), (second, 1, 1), (third, 2, 1), ("年度指标值", 3, 1), ("分值", 4, 1), ("得分", 5, 1));
        var inferred = new List<(int Column, string Kind)>();
        var map = ColumnMap.Of(header, Matcher, Kinds, inferred: (cell, kind) => inferred.Add((cell.FirstColumn, kind)));
        Assert.Equal([(guessedColumn, guessed)], inferred);
        Assert.Equal("HdrLevel2", map.KindOf(Row(0, null, ("数量指标", 1, 1)).Cells[0]));
        Assert.Equal("HdrName", map.KindOf(Row(0, null, ("覆盖社区数", 2, 1)).Cells[0]));
    }

    [Fact]
    public void A_label_read_twice_with_both_neighbouring_kinds_missing_or_far_apart_is_not_guessed()
    {
        // Both 二级指标 and 年度指标值 are missing around the pair: either cell could be the misread one.
        var both = Row(0, null, ("一级指标", 0, 1), ("三级指标", 1, 1), ("三级指标", 2, 1), ("分值", 3, 1), ("得分", 4, 1));
        var inferred = new List<string>();
        ColumnMap.Of(both, Matcher, Kinds, inferred: (_, kind) => inferred.Add(kind));
        Assert.Empty(inferred);
        // A recognised header between the two: no misreading of one cell explains that.
        var apart = Row(0, null, ("一级指标", 0, 1), ("三级指标", 1, 1), ("年度指标值", 2, 1), ("三级指标", 3, 1), ("分值", 4, 1), ("得分", 5, 1));
        ColumnMap.Of(apart, Matcher, Kinds, inferred: (_, kind) => inferred.Add(kind));
        Assert.Empty(inferred);
    }

    [Fact]
    public void A_header_misread_by_a_character_in_a_printing_that_moved_its_columns_takes_the_unclaimed_kind_it_is_nearest()
    {
        // 实际完成值 printed before 年度指标值 and read as 实际完成什: no gap of the template's order is there to fill.
        var header = Row(0, null, ("三级指标", 0, 1), ("实际完成什", 1, 1), ("年度指标值", 2, 1), ("分值", 3, 1), ("得分", 4, 1));
        var inferred = new List<string>();
        var map = ColumnMap.Of(header, Matcher, Kinds, inferred: (_, kind) => inferred.Add(kind));
        Assert.Equal(["HdrActual"], inferred);
        Assert.Equal("HdrActual", map.KindOf(Row(0, null, ("100%", 1, 1)).Cells[0]));
        Assert.Equal("HdrTarget", map.KindOf(Row(0, null, ("=100%", 2, 1)).Cells[0]));
        // 二级指标 and 三级指标 both misread by a stroke, side by side: each the nearest kind still unclaimed, in order.
        var two = Row(0, null, ("一级指标", 0, 1), ("王级指标", 1, 1), ("至级指标", 2, 1), ("年度指标值", 3, 1), ("分值", 4, 1), ("得分", 5, 1));
        inferred.Clear();
        ColumnMap.Of(two, Matcher, Kinds, inferred: (_, kind) => inferred.Add(kind));
        Assert.Equal(["HdrLevel2", "HdrName"], inferred);
        // A cell as far from every unclaimed label as a sentence is stays unread.
        var far = Row(0, null, ("三级指标", 0, 1), ("已按计划完成", 1, 1), ("年度指标值", 2, 1), ("分值", 3, 1), ("得分", 4, 1));
        inferred.Clear();
        var unread = ColumnMap.Of(far, Matcher, Kinds, inferred: (_, kind) => inferred.Add(kind));
        Assert.Empty(inferred);
        Assert.False(unread.Has("HdrActual"));
    }

    [Fact]
    public void A_label_as_near_a_claimed_kind_as_an_unclaimed_one_is_the_unclaimed_one()
    {
        // OCR lost the 三 of 三级指标: "级指标" is as near 一级指标 and 二级指标 as 三级指标.
        var header = Row(0, null, ("一级指标", 0, 1), ("二级指标", 1, 1), ("级指标", 2, 1), ("年度指标值", 3, 1), ("分值", 4, 1), ("得分", 5, 1));
        var map = ColumnMap.Of(header, Matcher, Kinds);
        Assert.Equal("HdrName", map.KindOf(Row(0, null, ("覆盖社区数", 2, 1)).Cells[0]));
        Assert.Equal("HdrLevel1", map.KindOf(Row(0, null, ("产出指标", 0, 1)).Cells[0]));
    }

    [Fact]
    public void A_cell_nearest_another_label_of_the_template_is_no_column_header()
    {
        // The 绩效指标 beside the header, read into its row and misread (媚效指标), with 一级指标 misread too (一级指级):
        // the gap before 二级指标 is 一级指标's, and only the misread 一级指标 fills it.
        var header = Row(0, null, ("媚效指标", 0, 1), ("一级指级", 1, 1), ("二级指标", 2, 1), ("三级指标", 3, 1), ("年度指标值", 4, 1),
            ("分值", 5, 1), ("得分", 6, 1));
        var inferred = new List<(int Column, string Kind)>();
        var map = ColumnMap.Of(header, Matcher, Kinds, inferred: (cell, kind) => inferred.Add((cell.FirstColumn, kind)));
        Assert.Equal([(1, "HdrLevel1")], inferred);
        Assert.Null(map.KindOf(Row(0, null, ("绩效指标", 0, 1)).Cells[0]));
    }

    [Fact]
    public void A_blank_header_cell_between_two_known_ones_takes_the_one_kind_there_but_not_at_the_rows_ends()
    {
        var funding = LabelKinds.FundingColumns;
        // OCR read nothing in the 分值 cell of the funding header.
        var header = Row(0, null, ("", 0, 2), ("年初预算数", 2, 1), ("全年预算数", 3, 1), ("全年执行数", 4, 1), ("", 5, 1), ("执行率", 6, 1), ("", 7, 1));
        var inferred = new List<(int Column, string Kind)>();
        var map = ColumnMap.Of(header, Matcher, funding, inferred: (cell, kind) => inferred.Add((cell.FirstColumn, kind)));
        Assert.Equal([(5, "HdrWeight")], inferred);
        // The blank label columns before the header's first kind and the blank last cell take nothing.
        Assert.Null(map.KindOf(Row(0, null, ("年度资金总额", 0, 2)).Cells[0]));
        Assert.Null(map.KindOf(Row(0, null, ("6.65", 7, 1)).Cells[0]));
    }

    [Fact]
    public void A_gap_left_single_by_a_nearest_kind_is_filled_too()
    {
        // 三级指缴 (one character wrong) and 年度指瓜逢 (two): two kinds missing between 二级指标 and 实际完成值 until the first is
        // read as its nearest kind; then the second is the one kind left between its neighbours.
        var header = Row(0, null, ("一级指标", 0, 1), ("二级指标", 1, 1), ("三级指缴", 2, 1), ("年度指瓜逢", 3, 1), ("实际完成值", 4, 1),
            ("分值", 5, 1), ("得分", 6, 1));
        var inferred = new List<string>();
        var map = ColumnMap.Of(header, Matcher, Kinds, inferred: (_, kind) => inferred.Add(kind));
        Assert.Equal(["HdrName", "HdrTarget"], inferred);
        Assert.Equal("HdrTarget", map.KindOf(Row(0, null, (">=90%", 3, 1)).Cells[0]));
    }

    [Fact]
    public void Two_unrecognised_headers_in_one_gap_are_not_guessed()
    {
        var header = Row(0, null, ("三级指标", 0, 1), ("???", 1, 1), ("!!!", 2, 1), ("分值", 3, 1), ("得分", 4, 1));
        var inferred = new List<string>();
        ColumnMap.Of(header, Matcher, Kinds, inferred: (_, kind) => inferred.Add(kind));
        Assert.Empty(inferred);
    }

    [Fact]
    public void On_another_page_a_cell_is_bound_by_its_x_position_not_by_its_grid_column()
    {
        var header = Row(0, 0, ("三级指标", 0, 1), ("年度指标值", 1, 1), ("分值", 2, 1), ("得分", 3, 1));
        var map = ColumnMap.Of(header, Matcher, Kinds);
        // Page 2's grid has an extra column at the left: its column 2 lies where page 1's 年度指标值 (x 10–20) was.
        var cell = new RawCell("=100%", new SourceRef("t.pdf", "", 2, null, 0, 2, new Box(11, 0, 19, 10, BoxUnits.PdfPoints), "=100%", null));
        Assert.Equal("HdrTarget", map.KindOf(cell));
    }

    [Fact]
    public void A_table_continued_without_its_header_takes_the_header_kinds_in_order_when_its_cells_match_in_number()
    {
        var header = Row(0, 0, ("三级指标", 0, 1), ("年度指标值", 1, 1), ("分值", 2, 1), ("得分", 3, 1));
        var map = ColumnMap.Of(header, Matcher, Kinds);
        var next = Row(2, 100, ("按计划节点完成", 0, 2), (">=80%", 2, 1), ("10", 3, 3), ("10", 6, 1));
        var continued = map.ForContinuation(next)!;
        Assert.Equal(["HdrName", "HdrTarget", "HdrWeight", "HdrScore"], next.Cells.Select(continued.KindOf));
        Assert.Null(map.ForContinuation(Row(2, 100, ("总分", 0, 3), ("100", 3, 1))));
    }

    [Fact]
    public void A_continued_table_one_cell_short_takes_the_kinds_in_order_only_where_the_caller_says_the_last_may_be_lost()
    {
        // A page whose narrow, empty last column (the criteria template's 备注) lost its rule: a cell short of the header.
        var header = Row(0, 0, ("三级指标", 0, 1), ("分值", 1, 1), ("得分", 2, 1), ("偏差原因分析及改进措施", 3, 1));
        var map = ColumnMap.Of(header, Matcher, Kinds);
        var next = Row(2, 100, ("档案管理规范性", 0, 1), ("4", 1, 1), ("4", 2, 1));
        Assert.Null(map.ForContinuation(next));
        var continued = map.ForContinuation(next, lastMayBeLost: "HdrNote")!;
        Assert.Equal(["HdrName", "HdrWeight", "HdrScore"], next.Cells.Select(continued.KindOf));
        // Not where the header's last kind is another: a cell lost in the middle would shift every kind after it.
        Assert.Null(map.ForContinuation(next, lastMayBeLost: "HdrScore"));
    }

    [Fact]
    public void The_three_level_labels_misread_alike_stand_in_the_template_s_order()
    {
        // A 240-dpi scan (tuning half, seed 001 form 11): "-级指标", "-级指标", ":级指标". The third read nearest 一级指标
        // first, the other two took 二级 and 三级: every row's 二级指标 was read as its name.
        var header = Row(0, null, ("-级指标", 0, 1), ("-级指标", 1, 1), (":级指标", 2, 1), ("年度指标值", 3, 1), ("分值", 4, 1), ("得分", 5, 1));
        var inferred = new List<(int Column, string Kind)>();
        var map = ColumnMap.Of(header, Matcher, Kinds, inferred: (cell, kind) => inferred.Add((cell.FirstColumn, kind)));
        Assert.Equal("HdrLevel1", map.KindOf(Row(0, null, ("产出指标", 0, 1)).Cells[0]));
        Assert.Equal("HdrLevel2", map.KindOf(Row(0, null, ("数量指标", 1, 1)).Cells[0]));
        Assert.Equal("HdrName", map.KindOf(Row(0, null, ("覆盖社区数", 2, 1)).Cells[0]));
        Assert.Contains((2, "HdrName"), inferred);
    }

    [Fact]
    public void Level_labels_read_exactly_keep_the_order_they_were_printed_in()
    {
        var header = Row(0, null, ("二级指标", 0, 1), ("一级指标", 1, 1), ("三级指标", 2, 1), ("年度指标值", 3, 1), ("分值", 4, 1), ("得分", 5, 1));
        var map = ColumnMap.Of(header, Matcher, Kinds);
        Assert.Equal("HdrLevel2", map.KindOf(Row(0, null, ("数量指标", 0, 1)).Cells[0]));
        Assert.Equal("HdrLevel1", map.KindOf(Row(0, null, ("产出指标", 1, 1)).Cells[0]));
    }

    [Fact]
    public void Three_ordinal_headers_OCR_garbled_take_the_three_levels_in_order_each_said_once()
    {
        // A scan's 一级/二级/三级指标: 一 read as a dash, 二 as a quote; the quote's "“级指标" is as near all three.
        var header = Row(0, null, ("-级指本", 0, 1), ("-级指性", 1, 1), ("“级指标", 2, 1), ("年度指标值", 3, 1), ("实际完成值", 4, 1),
            ("分值", 5, 1), ("得分", 6, 1));
        var inferred = new List<(int Column, string Kind)>();
        var map = ColumnMap.Of(header, Matcher, Kinds, inferred: (cell, kind) => inferred.Add((cell.FirstColumn, kind)));
        Assert.Equal("HdrLevel1", map.KindOf(Row(0, null, ("产出指标", 0, 1)).Cells[0]));
        Assert.Equal("HdrLevel2", map.KindOf(Row(0, null, ("数量指标", 1, 1)).Cells[0]));
        Assert.Equal("HdrName", map.KindOf(Row(0, null, ("数据备份率", 2, 1)).Cells[0]));
        Assert.Equal([(0, "HdrLevel1"), (1, "HdrLevel2"), (2, "HdrName")], inferred.OrderBy(x => x.Column));
    }

    [Fact]
    public void Ordinal_headers_with_two_dashes_or_a_digit_for_their_number_are_the_three_levels_too()
    {
        // Another scan's: 一 read as "- -", 二级 as 一级 with 指 garbled, 三 as 2.
        var header = Row(0, null, 0.9, ("- -级指标", 0, 1), ("一级省标", 1, 1), ("2级指标", 2, 1), ("实际完成值", 3, 1), ("年度指标值", 4, 1),
            ("分值", 5, 1), ("得分", 6, 1));
        var map = ColumnMap.Of(header, Matcher, Kinds);
        Assert.Equal(["HdrLevel1", "HdrLevel2", "HdrName"], new[] { 0, 1, 2 }.Select(c => map.KindOf(Row(0, null, ("x", c, 1)).Cells[0])));
    }

    [Fact]
    public void Wrapped_ordinal_headers_whose_number_line_ocr_lost_are_the_three_levels_too()
    {
        // A table's next page repeats its header, each level label wrapped "一级" / "指标": OCR read the first two's
        // number lines as "1" and "到", the third's 三 as 本 (as near 一级 as 三级: it took 一级, and the names were lost).
        var header = Row(0, null, 0.9, ("1\n指标", 0, 1), ("到\n指标", 1, 1), ("本级\n指标", 2, 1), ("实际完\n成什", 3, 1), ("年度指\n标值", 4, 1),
            ("分值", 5, 1), ("得分", 6, 1));
        var map = ColumnMap.Of(header, Matcher, Kinds);
        Assert.Equal(["HdrLevel1", "HdrLevel2", "HdrName"], new[] { 0, 1, 2 }.Select(c => map.KindOf(Row(0, null, ("x", c, 1)).Cells[0])));
    }

    [Fact]
    public void Two_ordinal_headers_read_and_the_third_garbled_beside_them_are_the_three_levels()
    {
        // A 240-dpi scan's header: 一级指标 read "一 专 指 本" (级 and 标 both lost), the other two "-级指标" and "“级指标".
        var header = Row(0, null, 0.9, ("一 专 指 本", 0, 1), ("-级指标", 1, 1), ("“级指标", 2, 1), ("年度指标值", 3, 1), ("实呵守成值", 4, 1),
            ("分值", 5, 1), ("得分", 6, 1));
        var map = ColumnMap.Of(header, Matcher, Kinds);
        Assert.Equal(["HdrLevel1", "HdrLevel2", "HdrName"], new[] { 0, 1, 2 }.Select(c => map.KindOf(Row(0, null, ("x", c, 1)).Cells[0])));
        // With a cell of its own look on both sides of the two, which one is the third is not guessed.
        var both = Row(0, null, 0.9, ("一 专 指 本", 0, 1), ("-级指标", 1, 1), ("“级指标", 2, 1), ("二 指 本", 3, 1), ("年度指标值", 4, 1),
            ("分值", 5, 1), ("得分", 6, 1));
        Assert.Null(ColumnMap.Of(both, Matcher, Kinds).KindOf(Row(0, null, ("x", 0, 1)).Cells[0]));
    }

    [Fact]
    public void Three_ordinal_headers_read_exactly_but_one_of_them_twice_take_the_template_s_order()
    {
        // 一级指标 read 二级指标 and 二级指标 read 三级指标 (a stroke each): the three cells are still the three levels.
        var header = Row(0, null, 0.9, ("", 0, 1), ("二级\n指标", 1, 1), ("三级\n指标", 2, 1), ("三级\n指标", 3, 1), ("年度\n指标值", 4, 1),
            ("实际\n完成什", 5, 1), ("分值", 6, 1), ("得分", 7, 1));
        var map = ColumnMap.Of(header, Matcher, Kinds);
        Assert.Equal(["HdrLevel1", "HdrLevel2", "HdrName"], new[] { 1, 2, 3 }.Select(c => map.KindOf(Row(0, null, ("x", c, 1)).Cells[0])));
    }

    [Fact]
    public void The_block_s_label_misread_beside_the_level_headers_is_none_of_them()
    {
        // 绩效指标 (its column's label, read 绩歼指标) before 一级指标, an unread 二级指标 and 三级指标: the levels stay.
        var header = Row(0, null, 0.9, ("绩歼\n指标", 0, 1), ("一级\n指标", 1, 1), ("", 2, 1), ("三级\n指标", 3, 1), ("实际完成值", 4, 1),
            ("年度指标值", 5, 1), ("分值", 6, 1), ("得分", 7, 1));
        var map = ColumnMap.Of(header, Matcher, Kinds);
        Assert.Equal(["HdrLevel1", "HdrLevel2", "HdrName"], new[] { 1, 2, 3 }.Select(c => map.KindOf(Row(0, null, ("x", c, 1)).Cells[0])));
    }

    [Fact]
    public void A_level_name_in_a_header_s_place_is_no_ordinal_header()
    {
        // Three cells "?指标" side by side that are level names (a row of names taken for a header) stay as they read.
        var header = Row(0, null, 0.9, ("产出指标", 0, 1), ("数量指标", 1, 1), ("质量指标", 2, 1), ("年度指标值", 3, 1), ("分值", 4, 1), ("得分", 5, 1));
        var map = ColumnMap.Of(header, Matcher, Kinds);
        Assert.NotEqual("HdrName", map.KindOf(Row(0, null, ("x", 2, 1)).Cells[0]));
    }

    [Fact]
    public void A_scanned_header_s_latin_noise_does_not_keep_it_from_the_kind_it_is_nearest()
    {
        // 实际完成值 printed before 年度指标值, read over four lines as "实际[一TD成值": its ideographs are one character
        // off 实际完成值; with the engine's Latin noise it measured too far from every kind.
        (string, int, int)[] cells = [("三级指标", 0, 1), ("实际[一TD成值", 1, 1), ("年度指标值", 2, 1), ("分值", 3, 1), ("得分", 4, 1)];
        Assert.Equal("HdrActual", ColumnMap.Of(Row(0, null, 0.9, cells), Matcher, Kinds).KindOf(Row(0, null, ("96%", 1, 1)).Cells[0]));
        // A text's header of the same characters is measured as it is: a printing's own label, not OCR's noise.
        Assert.Null(ColumnMap.Of(Row(0, null, cells), Matcher, Kinds).KindOf(Row(0, null, ("96%", 1, 1)).Cells[0]));
    }

    private static readonly string[] FundingKinds = LabelKinds.FundingColumns;

    [Fact]
    public void A_run_of_garbled_headers_after_the_last_read_one_takes_the_kinds_the_template_puts_there_in_order()
    {
        // A scan's funding header: 年初预算数 and 全年执行数 read, 全年预算数 one character off, the last three garbled.
        var header = Row(0, null, 0.9, ("项目资金", 0, 2), ("年初预算数", 2, 1), ("企年预算数", 3, 2), ("全年执行数", 5, 1), ("外侦", 6, 1),
            ("涩行这", 7, 1), ("丛分", 8, 1));
        var inferred = new List<(int Column, string Kind)>();
        var map = ColumnMap.Of(header, Matcher, FundingKinds, inferred: (cell, kind) => inferred.Add((cell.FirstColumn, kind)));
        Assert.Equal("ColAnnual", map.KindOf(Row(0, null, ("610,190.4", 3, 2)).Cells[0]));
        Assert.Equal("HdrWeight", map.KindOf(Row(0, null, ("10", 6, 1)).Cells[0]));
        Assert.Equal("ColRate", map.KindOf(Row(0, null, ("72.93%", 7, 1)).Cells[0]));
        Assert.Equal("HdrScore", map.KindOf(Row(0, null, ("7.3", 8, 1)).Cells[0]));
        Assert.Equal([(3, "ColAnnual"), (6, "HdrWeight"), (7, "ColRate"), (8, "HdrScore")], inferred.OrderBy(x => x.Column));
        // The label cell at the row's start, before any header read, is no column.
        Assert.Null(map.KindOf(Row(0, null, ("年度资金总额", 0, 2)).Cells[0]));
    }

    [Fact]
    public void A_run_of_garbled_headers_longer_than_the_kinds_missing_there_is_not_guessed()
    {
        // Four unread cells after 全年执行数, three kinds left: which cell is none of them, the order does not say.
        var header = Row(0, null, 0.9, ("年初预算数", 2, 1), ("全年预算数", 3, 1), ("全年执行数", 5, 1), ("外侦", 6, 1), ("涩行这", 7, 1),
            ("丛分", 8, 1), ("某某", 9, 1));
        var map = ColumnMap.Of(header, Matcher, FundingKinds);
        Assert.False(map.Has("ColRate"));
        Assert.False(map.Has("HdrScore"));
        // The same run in a text's header: the printing's own labels, not guessed.
        var text = Row(0, null, ("项目资金", 0, 2), ("年初预算数", 2, 1), ("企年预算数", 3, 2), ("全年执行数", 5, 1), ("外侦", 6, 1),
            ("涩行这", 7, 1), ("丛分", 8, 1));
        Assert.False(ColumnMap.Of(text, Matcher, FundingKinds).Has("ColRate"));
    }
}
