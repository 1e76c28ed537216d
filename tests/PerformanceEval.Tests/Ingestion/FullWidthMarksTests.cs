using PerformanceEval.Ingestion.Ocr;
using Xunit;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>
/// chi_sim reads "（" as "(" and "；" as ";": the marks are told apart by where their ink stands in the line. The lines
/// here are laid out as a printing sets them, 40-pixel ideographs 4 pixels apart; a full-width mark takes a whole em
/// with its ink at one side, a half-width one about a third of an em with ordinary gaps.
/// </summary>
public sealed class FullWidthMarksTests
{
    private const int Em = 40, Gap = 4;

    /// <summary>
    /// Symbols laid left to right: an ideograph a full em, "（" / "）" / "；" / "：" (written "(" ")" ";" ":" with
    /// <paramref name="wide"/>) an em with the ink at their closed side, half-width marks a third of an em.
    /// </summary>
    private static List<BoxedSymbol> Line(string read, bool wide)
    {
        var symbols = new List<BoxedSymbol>();
        var x = 0;
        foreach (var c in read)
        {
            var text = c.ToString();
            if (c is '(' or ')' or ',' or ';' or ':')
            {
                var ink = Em / 4;
                if (wide)
                {
                    // The ink at the closed side of a full em: "（" at its right, the others at their left.
                    var left = c == '(' ? x + Em - ink : x;
                    symbols.Add(new BoxedSymbol(text, left, c is ',' or ';' ? 28 : 0, left + ink, 40));
                    x += Em + Gap;
                }
                else
                {
                    symbols.Add(new BoxedSymbol(text, x, c is ',' or ';' ? 28 : 0, x + ink, 40));
                    x += ink + Gap;
                }
            }
            else
            {
                symbols.Add(new BoxedSymbol(text, x, 0, x + (char.IsAsciiDigit(c) ? Em / 2 : Em), 40));
                x += (char.IsAsciiDigit(c) ? Em / 2 : Em) + Gap;
            }
        }
        return symbols;
    }

    [Theory]
    [InlineData("服务费(第二年)", true, "服务费（第二年）")]
    [InlineData("服务费(第二年)", false, "服务费(第二年)")]
    [InlineData("资料是否齐全;(1分)", true, "资料是否齐全；（1分）")]
    [InlineData("项目年度目标:按计划推进", true, "项目年度目标：按计划推进")]
    [InlineData("项目年度目标:按计划推进", false, "项目年度目标:按计划推进")]
    public void A_mark_reads_full_width_where_its_ink_stands_at_one_side_of_a_whole_em(string read, bool wide, string expected) =>
        Assert.Equal(expected, FullWidthMarks.Restore(read, Line(read, wide)));

    [Fact]
    public void A_closing_bracket_at_the_lines_end_reads_as_its_opening_partner()
    {
        // "）" ends the cell: nothing stands after it to show its blank, but its "（" shows the printing's.
        var read = "专项经费(第二年)";
        Assert.Equal("专项经费（第二年）", FullWidthMarks.Restore(read, Line(read, wide: true)));
    }

    [Fact]
    public void A_closing_bracket_set_close_to_what_follows_reads_as_its_measured_opening_partner()
    {
        // "（1分）②": the "）" set close to the circled figure after it, its blank not showing; its "（" shows the printing.
        var read = "齐全;(1分)②项目";
        var symbols = Line(read, wide: true);
        var close = symbols.FindIndex(s => s.Text == ")");
        var shift = symbols[close + 1].Left - symbols[close].Right - Gap;
        for (var i = close + 1; i < symbols.Count; i++)
            symbols[i] = symbols[i] with { Left = symbols[i].Left - shift, Right = symbols[i].Right - shift };
        Assert.Equal("齐全；（1分）②项目", FullWidthMarks.Restore(read, symbols));
    }

    [Fact]
    public void A_closing_bracket_reads_as_the_full_width_opening_the_engine_itself_read()
    {
        // chi_sim saw the "（" but read the "）" ending the cell as ")": nothing after it to measure, its partner says.
        var read = "运营经费（宝信息委53号)";
        Assert.Equal("运营经费（宝信息委53号）", FullWidthMarks.Restore(read, Line(read, wide: true)));
    }

    [Theory]
    [InlineData("经费（宝信息委[2019]53号)", "经费（宝信息委[2019]53号）")]
    [InlineData("项目（跨年度项目（审批表))", "项目（跨年度项目（审批表））")]
    [InlineData("专项经费(抄告单【2021】139)", "专项经费(抄告单【2021】139)")]
    [InlineData("服务费（第二年）", "服务费（第二年）")]
    [InlineData("（1分)②(2分)", "（1分）②(2分)")]
    public void A_bracket_pair_read_of_two_widths_is_made_full_width_and_pairs_of_one_width_are_left(string read, string expected) =>
        Assert.Equal(expected, FullWidthMarks.PairBrackets(read));

    [Fact]
    public void Marks_the_symbols_do_not_match_one_for_one_are_left_as_read()
    {
        // The text holds a "(" the symbols do not (the engine's text and its iterator disagreeing): nothing is changed.
        var symbols = Line("服务费(第二年)", wide: true);
        Assert.Equal("服务费((第二年)", FullWidthMarks.Restore("服务费((第二年)", symbols));
    }

    [Fact]
    public void A_line_of_too_few_ideographs_to_measure_is_left_as_read()
    {
        var read = "(12)";
        Assert.Equal(read, FullWidthMarks.Restore(read, Line(read, wide: true)));
    }

    [Theory]
    [InlineData("工作；（1分）②资金;(2分)③手续；(1分)", "工作；（1分）②资金；（2分）③手续；（1分）")]
    [InlineData("工作；（1分）②资金;（2分）", "工作；（1分）②资金；（2分）")]
    // As the engine writes it, its characters spaced apart.
    [InlineData("工 作 ； （ 1 分 ） ② 资 金 ; ( 2 分 )", "工 作 ； （ 1 分 ） ② 资 金 ； （ 2 分 ）")]
    // No "；（" read in the cell: nothing says how it was printed.
    [InlineData("工作;(1分)②资金;(2分)", "工作;(1分)②资金;(2分)")]
    // Only the marks that follow a semicolon: a bracket of its own ("资金(资产)") is measured, not assumed.
    [InlineData("工作；（1分）②资金(资产);(2分)", "工作；（1分）②资金(资产)；（2分）")]
    public void A_cell_printing_semicolon_bracket_wide_prints_every_one_so(string read, string expected)
    {
        Assert.Equal(expected, FullWidthMarks.SameMarksThroughout(read));
    }

    [Theory]
    [InlineData("资料是否齐全，达到的得满分,未达到的酌情扣分。", "资料是否齐全，达到的得满分，未达到的酌情扣分。")]
    // As the engine writes it, spaced apart.
    [InlineData("齐 全 ， 达 到 的 得 满 分 , 未 达 到", "齐 全 ， 达 到 的 得 满 分 ， 未 达 到")]
    // No "，" read in the cell: a half-width comma is what the form may print.
    [InlineData("部分工作未按计划完成,下年度加强跟踪", "部分工作未按计划完成,下年度加强跟踪")]
    // A figure's thousands separator, and a comma beside a figure or a letter, stay.
    [InlineData("支出1,234元，完成率90%,达标", "支出1,234元，完成率90%,达标")]
    public void A_cell_printing_a_wide_comma_prints_every_comma_between_ideographs_so(string read, string expected)
    {
        Assert.Equal(expected, FullWidthMarks.SameCommasThroughout(read));
    }

    [Theory]
    [InlineData("项目决策《50分)", "项目决策（50分)")]
    [InlineData("手续是否完备;《3分)②是否按计划", "手续是否完备;（3分)②是否按计划")]
    [InlineData("〈1分）", "（1分）")]
    [InlineData("项目过程\n（《60\n分）", "项目过程\n（60\n分）")]   // one bracket read twice
    // A title mark that closes as one, or closes nowhere, stays.
    [InlineData("按《预算法》（2018年）执行", "按《预算法》（2018年）执行")]
    [InlineData("依据《管理办法", "依据《管理办法")]
    public void A_title_mark_closed_by_a_bracket_is_that_bracket_s_opening(string read, string expected)
    {
        Assert.Equal(expected, FullWidthMarks.TitleMarksAsBrackets(read));
    }
}
