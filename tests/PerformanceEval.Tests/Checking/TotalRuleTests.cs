using PerformanceEval.Diagnostics;
using PerformanceEval.Checking;
using PerformanceEval.Contract;
using PerformanceEval.Normalization;
using Xunit;
using static PerformanceEval.Tests.Checking.Forms;

namespace PerformanceEval.Tests.Checking;

public sealed class TotalScoreRuleTests
{
    // Indicators 90 + funding 8.315 = 98.315.
    private static CleanedForm Form(string total, Warning[]? warnings = null) =>
        Standard(Line(weight: 10m, score: 8.315m), [Row("a", 50m, 50m), Row("b", 40m, 40m)], totalScore: D(total), warnings: warnings);

    [Theory]
    [InlineData("98", null)]        // truncated, as seed 000 prints it
    [InlineData("98.32", null)]     // half-up
    [InlineData("98.31", null)]     // truncated
    [InlineData("98.3", null)]
    [InlineData("98.4", "warning")]
    [InlineData("97", "error")]     // ≥ 1 off
    public void Total_against_indicator_scores_plus_the_funding_score(string total, string? severity) =>
        Assert.Equal(severity, Run(new TotalScoreRule(), Form(total)).SingleOrDefault()?.Severity);

    [Fact]
    public void Sums_over_rows_extraction_lost_are_not_reported() =>
        Assert.Empty(Run(new TotalScoreRule(), Form("97", [new Diagnostic(DiagnosticCodes.RowLost, "没有分值/得分的指标行未读取", null).ToWarning()])));
}

public sealed class WeightSumRuleTests
{
    [Theory]
    [InlineData(50, 40, 100, false)]
    [InlineData(50, 45, 100, true)]
    [InlineData(50, 40, 95, true)]
    public void Weights_plus_funding_weight_against_the_total_weight(int a, int b, int total, bool fires) =>
        Assert.Equal(fires, Run(new WeightSumRule(), Standard(Line(weight: 10m), [Row("a", a, a), Row("b", b, b)], totalWeight: total)).Count == 1);

    [Fact]
    public void Without_a_stated_total_weight_the_sum_must_be_100() =>
        Assert.Single(Run(new WeightSumRule(), Standard(Line(weight: 10m), [Row("a", 50m, 50m)], totalWeight: null)));
}

public sealed class SectionWeightRuleTests
{
    [Theory]
    [InlineData(36, false)]
    [InlineData(35, true)]
    public void A_section_weight_against_its_indicators(int printed, bool fires)
    {
        var form = Standard(indicators: [Row("a", 20m, 20m) with { Level1 = "投入与管理" }, Row("b", 16m, 16m) with { Level1 = "投入与管理" }])
            with { Template = "criteria", Sections = [new Section("投入与管理", printed)] };
        Assert.Equal(fires, Run(new SectionWeightRule(), form).Count == 1);
    }
}

public sealed class GradeMismatchRuleTests
{
    private static CleanedForm Graded(string grade, decimal total) => Standard(totalScore: total) with { Grade = grade };

    [Theory]
    [InlineData("优", 97, null)]
    [InlineData("优秀", 90, null)]        // 90(含)
    [InlineData("优秀", 89.99, "良好")]
    [InlineData("良好", 75, null)]        // 75(含)
    [InlineData("合格", 75, "良好")]
    [InlineData("不合格", 59, null)]
    [InlineData("良", 85, null)]          // 优/良/中/差 at 90/80/60
    [InlineData("中", 85, "良")]
    [InlineData("较好", 85, null)]        // a word of no known scale is not judged
    public void Grade_by_the_scale_its_word_belongs_to(string grade, double total, string? expected)
    {
        var findings = Run(new GradeMismatchRule(), Graded(grade, (decimal)total));
        Assert.Equal(expected, findings.SingleOrDefault()?.Expected as string);
    }

    [Fact]
    public void The_bands_a_form_prints_win_over_the_default()
    {
        var printed = CriteriaFormNormalizer.Bands("自评合计85（含）-100分为优秀，70（含）-85分为良好，0-70分为不合格")!;
        Assert.Empty(Run(new GradeMismatchRule(), Graded("优秀", 86m), printed));
        Assert.Equal("良好", Run(new GradeMismatchRule(), Graded("优秀", 84m), printed).Single().Expected);
    }
}

public sealed class MissingFieldRuleTests
{
    [Fact]
    public void A_complete_form_raises_nothing() =>
        Assert.Empty(Run(new MissingFieldRule(), Standard(Line(annual: 1m, executed: 1m), totalScore: 100m)));

    [Fact]
    public void Each_missing_field_is_named()
    {
        var form = Standard(Line(annual: 1m), totalScore: null) with { Year = null };
        Assert.Equal(["year", "funding.total.executed", "totalScore"], Run(new MissingFieldRule(), form).Select(f => f.Field));
    }
}
