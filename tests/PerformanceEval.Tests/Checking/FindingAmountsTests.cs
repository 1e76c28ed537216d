using PerformanceEval.Checking;
using PerformanceEval.Contract;
using Xunit;
using static PerformanceEval.Tests.Checking.Forms;

namespace PerformanceEval.Tests.Checking;

/// <summary>difference = stated − expected; amount = the yuan a finding about money stands for (contract version 2).</summary>
public sealed class FindingAmountsTests
{
    private static readonly Checker Checker = Checker.CreateDefault(Options);

    private static Finding Only(CleanedForm form, string rule) => Assert.Single(Checker.Check(form), f => f.Rule == rule);

    [Fact]
    public void A_misstated_rate_is_worth_the_gap_times_the_budget()
    {
        // 8,000,000 budget, 6,000,000 spent: 75%, stated 80% — five points of 8,000,000 is 400,000 yuan.
        var finding = Only(Standard(Line(annual: D("8000000.00"), executed: D("6000000.00"), rate: D("80.00"))), "execution-rate");
        Assert.Equal((80.00m, 75.00m), ((decimal)finding.Stated!, (decimal)finding.Expected!));
        Assert.Equal(5m, finding.Difference);
        Assert.Equal(400000m, finding.Amount);
    }

    [Fact]
    public void A_rate_stated_low_has_a_negative_difference_and_a_positive_amount()
    {
        var finding = Only(Standard(Line(annual: D("1000.00"), executed: D("900.00"), rate: D("85.00"))), "execution-rate");
        Assert.Equal(-5m, finding.Difference);
        Assert.Equal(50m, finding.Amount);
    }

    [Fact]
    public void Amounts_of_a_form_in_wan_yuan_are_given_in_yuan()
    {
        var finding = Only(Standard(Line(annual: D("100.00"), executed: D("120.00")), currency: "万元"), "executed-exceeds-budget");
        Assert.Equal(20m, finding.Difference);
        Assert.Equal(200000m, finding.Amount);
    }

    [Fact]
    public void A_funding_breakdown_gap_is_its_amount()
    {
        var form = Standard(Line(annual: D("1000.00"), executed: D("800.00"))) with
        {
            Funding = new Funding
            {
                Total = Line(annual: D("1000.00"), executed: D("800.00")),
                Fiscal = Line(annual: D("700.00"), executed: D("800.00")),
                Carryover = Line(annual: D("200.00")),
            },
        };
        var gap = Assert.Single(Checker.Check(form), f => f is { Rule: "funding-breakdown", Field: "funding.total.annualBudget" });
        Assert.Equal((100m, 100m), (gap.Difference, gap.Amount));
    }

    [Fact]
    public void Findings_about_points_have_a_difference_and_no_amount()
    {
        var finding = Only(Standard(Line(annual: D("1000.00"), executed: D("1000.00"), rate: D("100.00"), weight: 10m, score: D("8.00"))), "budget-score");
        Assert.Equal(-2m, finding.Difference);
        Assert.Null(finding.Amount);
    }

    [Fact]
    public void Findings_without_two_numbers_have_neither()
    {
        var finding = Assert.Single(Checker.Check(Standard() with { ProjectName = null }), f => f.Field == "projectName");
        Assert.Null(finding.Difference);
        Assert.Null(finding.Amount);
    }
}
