using Xunit;
using PerformanceEval.Templates;

namespace PerformanceEval.Tests.Templates;

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

    [Fact]
    public void A_template_without_levels_names_no_level() =>
        // The criteria template has no 一级/二级 vocabulary: asking it for one is an answer (none), not an exception.
        Assert.Null(new LabelMatcher(TemplateModel.Load("criteria", null)).MatchLevel("产出指标"));
}
