using PerformanceEval.Checking;
using PerformanceEval.Contract;
using Xunit;
using static PerformanceEval.Tests.Checking.Forms;

namespace PerformanceEval.Tests.Checking;

/// <summary>One discrepancy raised several times is one cause: the checker names it on each of its findings.</summary>
public sealed class FindingCausesTests
{
    private static readonly Checker Checker = Checker.CreateDefault(Options);

    [Fact]
    public void A_breakdown_that_does_not_add_up_in_three_columns_is_one_cause_and_a_lone_finding_has_none()
    {
        // Fiscal funds ¥2.14M short of the total in the initial, annual and executed columns; the rate misstated too.
        var form = Standard() with
        {
            Funding = new Funding
            {
                Total = Line(initial: 3_000_000m, annual: 3_000_000m, executed: 2_900_000m, rate: 95m),
                Fiscal = Line(initial: 860_000m, annual: 860_000m, executed: 760_000m),
            },
        };
        var findings = Checker.Check(form);
        var breakdown = findings.Where(f => f.Rule == "funding-breakdown").ToList();
        Assert.Equal(3, breakdown.Count);
        Assert.All(breakdown, f => Assert.Equal("funding-breakdown", f.Cause));
        Assert.Null(Assert.Single(findings, f => f.Rule == "execution-rate").Cause);
    }

    [Fact]
    public void A_score_computed_from_a_misstated_rate_shares_the_rate_s_cause()
    {
        // 95 stated for 80,000 / 100,000; the score 9.5 of 10 follows the stated rate and is off from the true one.
        var findings = Checker.Check(Standard(total: Line(annual: 100_000m, executed: 80_000m, rate: 95m, weight: 10m, score: 8m)))
            .Where(f => f.Rule != "missing-field").ToList();
        Assert.Equal(["execution-rate", "budget-score"], findings.Select(f => f.Rule));
        Assert.All(findings, f => Assert.Equal("funding.total.executionRate", f.Cause));
    }

    [Fact]
    public void A_grade_read_against_a_misstated_total_shares_the_total_s_cause()
    {
        // The rows add up to 80; 92 is stated, and 良好 is graded, which 92 is not.
        var form = Standard(indicators: [Row("甲", 50m, 40m, "≥90%", "80%"), Row("乙", 50m, 40m, "≥90%", "80%")], totalScore: 92m) with { Grade = "良好" };
        var findings = Checker.Check(form).Where(f => f.Rule is "total-score" or "grade-mismatch").ToList();
        Assert.Equal(["total-score", "grade-mismatch"], findings.Select(f => f.Rule));
        Assert.All(findings, f => Assert.Equal("totalScore", f.Cause));
        // With the total right, the grade's finding stands alone.
        var alone = Checker.Check(form with { TotalScore = 80m, Grade = "优秀" });
        Assert.DoesNotContain(alone, f => f.Rule == "total-score");
        Assert.Null(Assert.Single(alone, f => f.Rule == "grade-mismatch").Cause);
    }

    [Fact]
    public void One_score_read_beyond_its_weight_and_the_total_it_puts_off_are_one_cause()
    {
        // 乙's 5 read as 50: beyond its weight of 5, and the rows then add up to 95 against the stated 50.
        var rows = new[] { Row("甲", 45m, 45m, "≥90%", "95%"), Row("乙", 5m, 50m, "≥90%", "95%") };
        var findings = Checker.Check(Standard(indicators: rows, totalWeight: 50m, totalScore: 50m))
            .Where(f => f.Rule is "score-exceeds-weight" or "total-score").ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("indicators[1].score", f.Cause));
        // Two rows beyond their weights: which one put the total off is not known, and nothing is grouped with it.
        var two = Checker.Check(Standard(indicators: [Row("甲", 5m, 45m, "≥90%", "95%"), Row("乙", 5m, 50m, "≥90%", "95%")], totalWeight: 10m, totalScore: 10m));
        Assert.All(two.Where(f => f.Rule is "score-exceeds-weight" or "total-score"), f => Assert.Null(f.Cause));
    }
}
