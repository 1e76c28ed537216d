using PerformanceEval.Normalization;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

public sealed class NumberParserTests
{
    [Theory]
    [InlineData("21,252,800.00", "21252800.00", false)]
    [InlineData("1.960.000.00", "1960000.00", false)]   // OCR read the thousands commas as dots
    [InlineData("83.15%", "83.15", true)]
    [InlineData("8.3150000000000001", "8.315", false)]  // a double written out by a spreadsheet
    [InlineData("6.9180000000000001", "6.918", false)]
    [InlineData("７.３０", "7.30", false)]               // full-width digits
    [InlineData("100.00%", "100.00", true)]
    [InlineData("0", "0", false)]
    [InlineData("٨٣.١٥%", "83.15", true)]                // Arabic-Indic digits
    [InlineData("999,999,999,999,999.99", "999999999999999.99", false)] // the largest magnitude read
    public void Parses_the_numbers_forms_print(string text, string expected, bool percent)
    {
        Assert.True(NumberParser.TryParse(text, out var n));
        Assert.Equal(expected, n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(percent, n.Percent);
    }

    [Fact]
    public void Keeps_the_printed_scale_the_checker_needs()
    {
        Assert.True(NumberParser.TryParse("7.30", out var n));
        Assert.Equal(2, n.Value.Scale);
    }

    [Theory]
    [InlineData("=100%")]
    [InlineData("100%修复")]
    [InlineData("及时")]
    [InlineData("—")]
    [InlineData("1,2,3")]
    [InlineData("9999999999999999999999999999")] // 28 nines: no form's figure, and two of them overflow a sum
    [InlineData("1000000000000000")]
    public void Rejects_what_is_not_one_number(string text) => Assert.False(NumberParser.TryParse(text, out _));

    [Theory]
    [InlineData("—", true)]
    [InlineData("_", true)]
    [InlineData("-", true)]
    [InlineData("0", false)]
    public void Knows_the_placeholders_for_none(string text, bool placeholder) => Assert.Equal(placeholder, NumberParser.IsPlaceholder(text));
}

public sealed class TextCleanerTests
{
    [Theory]
    [InlineData("年度<br>指标值", "年度指标值")]
    [InlineData("社会效益 指标", "社会效益指标")]
    [InlineData("年度投资完成率8<br>0%及以上", "年度投资完成率80%及以上")]
    [InlineData("<b>店</b>量指标", "店量指标")]
    [InlineData("<p>项目总目标</p> <p>项目年度目标</p>", "项目总目标项目年度目标")]
    [InlineData("=1 次", "=1次")]
    [InlineData("BX21-D-5 宝山区", "BX21-D-5宝山区")]
    [InlineData("Hello<br>World", "Hello World")]
    [InlineData("&lt;script&gt;", "<script>")]
    [InlineData("   ", null)]
    // Radicals a PDF's text map gave for the ideographs that share their glyphs (Kangxi by NFKC, simplified by table).
    [InlineData("项⽬名称", "项目名称")]
    [InlineData("主管部⻔", "主管部门")]
    [InlineData("⻓宁区", "长宁区")]
    [InlineData("(20٢٣ 年度)", "(2023年度)")]
    public void Cleans_cells_to_the_words_as_printed(string raw, string? expected) => Assert.Equal(expected, TextCleaner.Clean(raw));
}

public sealed class LabelMatcherTests
{
    private static readonly LabelMatcher Matcher = new(TemplateModel.Load("standard", null));

    [Theory]
    [InlineData("5目名称", "ProjectName")]          // OCR misreading
    [InlineData("管部门", "Department")]            // a label cut short
    [InlineData("平度资金总额", "FundingTotal")]
    [InlineData("其中：当年财政拨款", "FundingFiscal")]
    [InlineData("上年结转资 金", "FundingCarryover")]
    [InlineData("预算执行率", null)]                 // an indicator's name, not the 执行率 column
    public void Matches_labels_tolerantly(string text, string? kind) =>
        Assert.Equal(kind, Matcher.Match(text, "ProjectName", "Department", "FundingTotal", "FundingFiscal", "FundingCarryover")?.Kind);

    [Theory]
    [InlineData("可持续影响指", "可持续影响指标", false)]
    [InlineData("服务对象 满意度指 标", "服务对象满意度指标", true)]
    [InlineData("· 服务对象满意度指标", "服务对象满意度指标", true)]
    [InlineData("效益指 标", "效益指标", true)]
    public void Matches_level_words_through_breaks_and_noise(string text, string name, bool exact)
    {
        var level = Matcher.MatchLevel(text)!;
        Assert.Equal(name, level.Name);
        Assert.Equal(exact, level.IsExact);
    }

    [Fact]
    public void A_misread_level_word_equally_close_to_two_comes_back_as_a_tie()
    {
        var level = Matcher.MatchLevel("店量指标")!;
        Assert.True(level.IsAmbiguous);
        Assert.Equal(["数量指标", "质量指标"], level.Candidates.Order());
    }

    [Theory]
    [InlineData("对社会影响指标")]
    [InlineData("用户对项目满意度")]
    [InlineData("投诉处置满意度")]
    public void Indicator_names_that_share_words_with_levels_are_not_levels(string name) => Assert.Null(Matcher.MatchLevel(name));
}
