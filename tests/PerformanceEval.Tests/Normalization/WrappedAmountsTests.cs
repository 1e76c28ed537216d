using PerformanceEval.Normalization;
using Xunit;
using static PerformanceEval.Normalization.WrappedAmounts;

namespace PerformanceEval.Tests.Normalization;

/// <summary>
/// The 项目资金 block's amounts placed where a text dump did not write them beside their cells. Each case is a funding
/// block as Calc's PDFs come out of pdftotext -raw (print shop, tuning half), its amounts as printed.
/// </summary>
public sealed class WrappedAmountsTests
{
    private static Line Read(decimal? initial, decimal? annual, decimal? executed, decimal? rate = null, bool byOrder = false, decimal? unplaced = null) =>
        new([initial, annual, executed], rate, Present: true, byOrder, unplaced);

    private static readonly Line Absent = new([null, null, null], null, Present: false, ByOrder: false, Unplaced: null);

    private static decimal?[][] Placed(IReadOnlyList<Line> lines, decimal[] after, int?[]? lineOf = null)
    {
        var placement = Place(lines, after, lineOf);
        Assert.NotNull(placement);
        return Values(lines, placement.Sources, after);
    }

    [Fact]
    public void An_amount_written_after_the_table_completes_the_total_line()
    {
        // "年度资金总额 1425600.00 1414200 10 99.21% 9.92": 全年预算数 and 全年执行数 by the rate; "1425600.0" / "0" after the table.
        Line[] lines = [Read(null, 1425600.00m, 1414200m, 99.21m), Absent, Read(0m, 0m, null, byOrder: true), Absent];
        var values = Placed(lines, [1425600.00m]);
        Assert.Equal([1425600.00m, 1425600.00m, 1414200m], values[0]);
        // The line of noughts stays as read: in either pair of columns it adds the same.
        Assert.Equal([0m, 0m, null], values[2]);
    }

    [Fact]
    public void The_rate_and_the_columns_sums_tell_where_a_lone_amount_and_those_after_the_table_go()
    {
        // "年度资金总额 3576164 10 65.40% 6.54" (one amount of three) and "其中：当年财政拨款 —"; after the table, in the
        // table's order: 8791116.98, 5467903.50 (the total's) and 8791116.98, 5467903.50 (the fiscal line's).
        Line[] lines = [Read(null, null, null, 65.40m, unplaced: 3576164m), Read(null, null, null), Read(0m, 0m, null, byOrder: true), Read(0m, 0m, null, byOrder: true)];
        var placement = Place(lines, [8791116.98m, 5467903.50m, 8791116.98m, 5467903.50m]);
        Assert.NotNull(placement);
        var values = Values(lines, placement.Sources, [8791116.98m, 5467903.50m, 8791116.98m, 5467903.50m]);
        // 3576164 ÷ 5467903.50 = 65.40%: the lone amount is the 全年执行数.
        Assert.Equal([8791116.98m, 5467903.50m, 3576164m], values[0]);
        Assert.Equal([8791116.98m, 5467903.50m, null], values[1]);
        Assert.True(placement.ByRelations);
    }

    [Fact]
    public void Two_amounts_of_a_line_without_its_rate_take_the_columns_the_sums_give()
    {
        // "4874919.00 3159604 —" under a total of 4874919 / 3159604: by order 年初 and 全年预算数, by the sums 全年预算数
        // and 全年执行数 (the 年初预算数 wrapped, written beside its wrapped label after the table).
        Line[] lines = [Read(null, 4874919m, 3159604m, 64.81m), Read(4874919m, 3159604m, null, byOrder: true), Read(0m, 0m, null, byOrder: true), Absent];
        var values = Placed(lines, [4874919.00m, 4874919.00m], [0, 1]);
        Assert.Equal([4874919.00m, 4874919m, 3159604m], values[0]);
        Assert.Equal([4874919.00m, 4874919m, 3159604m], values[1]);
    }

    [Fact]
    public void An_amount_no_relation_asks_for_is_left_where_it_was_written()
    {
        // The total and its lines complete and adding up: an amount after the table would only break a column's sum.
        Line[] lines = [Read(1000m, 1000m, 800m, 80m), Read(1000m, 1000m, 800m), Read(0m, 0m, null, byOrder: true), Read(0m, 0m, null, byOrder: true)];
        Assert.Null(Place(lines, [5m]));
        // Nothing after the table and nothing to move: no placement.
        Assert.Null(Place(lines, []));
        // "年度资金总额 1425600.00 1000000 10 99.21%": the order's 年初 and 全年预算数; an amount after the table as the
        // 全年执行数 would give 142.56%, off the printed rate, and nothing else asks for it.
        Assert.Null(Place([Read(1425600.00m, 1000000m, null, 99.21m), Absent, Read(0m, 0m, null, byOrder: true), Absent], [1425600.00m]));
    }

    [Fact]
    public void Of_the_amounts_after_the_table_only_those_a_relation_places_are_placed()
    {
        // The first completes the total; the second fits no cell any relation asks for and stays where it was written.
        Line[] lines = [Read(null, 1425600.00m, 1414200m, 99.21m), Absent, Read(0m, 0m, null, byOrder: true), Absent];
        var placement = Place(lines, [1425600.00m, 77m]);
        Assert.NotNull(placement);
        Assert.Equal(new Source(SourceKind.After, 0), placement.Sources[0][0]);
        Assert.DoesNotContain(placement.Sources.SelectMany(s => s), s => s is { Kind: SourceKind.After, Index: 1 });
    }

    [Fact]
    public void Amounts_after_the_table_that_hold_under_several_lines_go_to_the_line_whose_others_they_follow()
    {
        // Print shop, tuning half (synthetic 494): "年度资金总额 3,374,697.62 10 84.30% 8.43" and "其中：当年财政拨款
        // 3,374,697.62 —", one amount each of three; after the table, each line's two wrapped ones: "3,374,697.6" / "2",
        // "2,845,020.8" / "6", twice. The last 2845020.86 makes the 全年执行数 column add up under the fiscal line, the
        // carryover or the other line alike (theirs are nought): it is the fiscal line's, whose 全年预算数 came just before it.
        Line[] lines = [Read(null, null, null, 84.30m, unplaced: 3374697.62m), Read(null, null, null, byOrder: true, unplaced: 3374697.62m),
                        Read(0m, 0m, null, byOrder: true), Read(0m, 0m, null, byOrder: true)];
        var values = Placed(lines, [3374697.62m, 2845020.86m, 3374697.62m, 2845020.86m]);
        Assert.Equal([3374697.62m, 3374697.62m, 2845020.86m], values[0]);
        Assert.Equal([3374697.62m, 3374697.62m, 2845020.86m], values[1]);
        Assert.Equal([0m, 0m, null], values[2]);
        Assert.Equal([0m, 0m, null], values[3]);
    }
}
