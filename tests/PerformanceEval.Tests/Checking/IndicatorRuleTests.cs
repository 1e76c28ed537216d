using PerformanceEval.Checking;
using Xunit;
using static PerformanceEval.Tests.Checking.Forms;

namespace PerformanceEval.Tests.Checking;

public sealed class TargetNotMetRuleTests
{
    [Theory]
    [InlineData(">2000", "2000", true)]      // '>' is strict
    [InlineData(">=2000", "2000", false)]    // '>=' is met at the bound
    [InlineData(">80%", "60%", true)]
    [InlineData("≥95%", "94%", true)]
    [InlineData("＞90%", "85%", true)]       // full-width comparator and percent
    [InlineData("<=1起", "2起", true)]
    [InlineData("<10%", "10%", true)]
    [InlineData("<10%", "0%", false)]
    [InlineData("=100", "99", true)]         // '=' missed from below
    [InlineData("=100", "100%", false)]      // "=100" vs "100%": a bare number compares with a unit
    [InlineData(">90%", "100", false)]
    [InlineData(">=95%", ">=95%", false)]    // the actual restates the target: met
    [InlineData(">80%", "<=2小时", false)]   // another comparator: not comparable
    [InlineData("=1次", "1个", false)]        // two different units never compare
    [InlineData("=100%", "用户满意度100%", false)]
    [InlineData("及时", "不及时", false)]
    [InlineData("<=5", "无投诉", false)]
    public void A_missed_target_with_full_marks(string target, string actual, bool fires) =>
        Assert.Equal(fires, Run(new TargetNotMetRule(), Standard(indicators: [Row("指标", 10m, 10m, target, actual)])).Count == 1);

    [Fact]
    public void A_missed_target_without_full_marks_is_not_flagged() =>
        Assert.Empty(Run(new TargetNotMetRule(), Standard(indicators: [Row("服务新开办企业数量", 7m, 4.7m, "=25000家", "16780")])));
}

public sealed class TargetExceededRuleTests
{
    [Theory]
    [InlineData("=8次", "9次", true)]
    [InlineData("=2人", "3人", true)]
    [InlineData("=8次", "8次", false)]
    [InlineData(">=8次", "9次", false)]      // only an '=' target can be set too low
    [InlineData("100%", "100%", false)]
    public void An_equals_target_the_actual_exceeds(string target, string actual, bool fires)
    {
        var findings = Run(new TargetExceededRule(), Standard(indicators: [Row("指标", 5m, 5m, target, actual)]));
        Assert.Equal(fires, findings.Count == 1);
        if (fires) Assert.Equal("info", findings[0].Severity);
    }
}

public sealed class NoActualScoredRuleTests
{
    [Theory]
    [InlineData("无", 6, true)]
    [InlineData("/", 5, true)]
    [InlineData(null, 10, true)]
    [InlineData("无", 0, false)]
    [InlineData("达标", 5, false)]
    public void An_empty_actual_that_still_scored(string? actual, int score, bool fires) =>
        Assert.Equal(fires, Run(new NoActualScoredRule(), Standard(indicators: [Row("指标", 10m, score, "=100%", actual)])).Count == 1);

    [Theory]
    [InlineData(null, "指标“指标”实际完成值未填写，但得分为5")]
    [InlineData("", "指标“指标”实际完成值未填写，但得分为5")]
    [InlineData("无", "指标“指标”实际完成值为“无”，但得分为5")]
    public void An_empty_actual_is_said_to_be_unfilled_not_shown_as_empty_quotes(string? actual, string message) =>
        Assert.Equal(message, Assert.Single(Run(new NoActualScoredRule(), Standard(indicators: [Row("指标", 10m, 5m, "=100%", actual)]))).Message);

    [Fact]
    public void The_criteria_template_has_no_actual_column_and_is_not_checked() =>
        Assert.Empty(Run(new NoActualScoredRule(), Standard(indicators: [Row("指标", 10m, 10m)]) with { Template = "criteria" }));
}

public sealed class ScoreExceedsWeightRuleTests
{
    [Theory]
    [InlineData(10, 10, false)]
    [InlineData(10, 10.5, true)]
    [InlineData(10, -1, true)]
    [InlineData(0, 0, false)]
    public void A_score_above_its_weight_or_below_zero(double weight, double score, bool fires) =>
        Assert.Equal(fires, Run(new ScoreExceedsWeightRule(), Standard(indicators: [Row("指标", (decimal)weight, (decimal)score)])).Count == 1);
}

public sealed class RateIndicatorMismatchRuleTests
{
    [Theory]
    [InlineData("预算执行率", "99", true)]        // seed 000: 99 against a stated 69.18%
    [InlineData("预算执行率", "69.18%", false)]
    [InlineData("预算执行率", "69.2%", false)]     // consistent at the actual's precision (rounded)
    [InlineData("预算执行率", "69", false)]        // (truncated)
    [InlineData("资金执行率", "=100%", true)]
    [InlineData("预算执行率", ">=98", false)]      // a bound, not a reported rate
    [InlineData("专款专用率", "50", false)]
    public void A_rate_indicator_against_the_funding_rate(string name, string actual, bool fires) =>
        Assert.Equal(fires, Run(new RateIndicatorMismatchRule(),
            Standard(Line(rate: 69.18m), [Row(name, 20m, 20m, ">=98", actual)])).Count == 1);
}
