using PerformanceEval.Checking;
using Xunit;
using static PerformanceEval.Tests.Checking.Forms;

namespace PerformanceEval.Tests.Checking;

public sealed class ExecutionRateRuleTests
{
    [Theory]
    // 236500 / 480000 = 49.2708…%: 49.27 rounds or truncates to it; 49.28 does neither (the example).
    [InlineData("49.27", 236500, 480000, null)]
    [InlineData("49.28", 236500, 480000, "warning")]
    [InlineData("49.3", 236500, 480000, null)]
    [InlineData("49", 236500, 480000, null)]
    // 2/3 = 66.666…%: half-up gives 66.67, truncation 66.66 — forms print both, both are consistent.
    [InlineData("66.67", 2, 3, null)]
    [InlineData("66.66", 2, 3, null)]
    [InlineData("66.65", 2, 3, "warning")]
    // ≥ 1 percentage point off is an error; just under is a warning.
    [InlineData("70.00", 69, 100, "error")]
    [InlineData("69.99", 69, 100, "warning")]
    [InlineData("100.00", 6412300, 6412300, null)]
    public void Stated_rate_against_executed_over_budget(string stated, int executed, int budget, string? severity)
    {
        var findings = Run(new ExecutionRateRule(), Standard(Line(annual: budget, executed: executed, rate: D(stated))));
        Assert.Equal(severity, findings.SingleOrDefault()?.Severity);
        if (severity is null) return;
        Assert.Equal("funding.total.executionRate", findings[0].Field);
        Assert.Equal(D(stated), findings[0].Stated);
    }

    [Fact]
    public void The_message_names_both_figures_at_the_printed_precision()
    {
        var finding = Run(new ExecutionRateRule(), Standard(Line(annual: 1425600.00m, executed: 1414200m, rate: 99.21m))).Single();
        Assert.Equal(99.20m, (decimal)finding.Expected!);
        Assert.Contains("99.21%", finding.Message);
        Assert.Contains("99.20%", finding.Message);
    }

    [Fact]
    public void A_line_without_budget_or_with_a_zero_budget_is_not_checked()
    {
        Assert.Empty(Run(new ExecutionRateRule(), Standard(Line(executed: 5m, rate: 50m))));
        Assert.Empty(Run(new ExecutionRateRule(), Standard(Line(annual: 0m, executed: 5m, rate: 50m))));
    }
}

public sealed class BudgetScoreRuleTests
{
    [Theory]
    // 72.93% of 10 = 7.293: "7.30" has two decimals, so it is not consistent; "7.29" and "7.3" are.
    [InlineData("7.30", "72.93", null)]
    [InlineData("7.29", "72.93", "none")]
    [InlineData("7.3", "72.93", "none")]
    [InlineData("8.315", "83.15", "none")]
    [InlineData("8.3", "83.15", "none")]
    [InlineData("9", "83.15", "error")]
    [InlineData("10", "105.00", "none")]
    public void Score_against_min_rate_100_times_weight(string score, string rate, string? outcome)
    {
        var findings = Run(new BudgetScoreRule(), Standard(Line(rate: D(rate), weight: 10m, score: D(score))));
        if (outcome == "none") Assert.Empty(findings);
        else Assert.Equal(outcome ?? "warning", findings.Single().Severity);
    }

    [Fact]
    public void Without_a_stated_rate_the_recomputed_one_is_used()
    {
        Assert.Empty(Run(new BudgetScoreRule(), Standard(Line(annual: 200m, executed: 100m, weight: 10m, score: 5m))));
        Assert.Single(Run(new BudgetScoreRule(), Standard(Line(annual: 200m, executed: 100m, weight: 10m, score: 6m))));
    }
}

public sealed class ExecutedExceedsBudgetRuleTests
{
    [Theory]
    [InlineData(100, 100, false)]
    [InlineData(101, 100, true)]
    public void Executed_above_the_annual_budget(int executed, int budget, bool fires) =>
        Assert.Equal(fires, Run(new ExecutedExceedsBudgetRule(), Standard(Line(annual: budget, executed: executed))).Count == 1);
}

public sealed class FundingBreakdownRuleTests
{
    private static PerformanceEval.Contract.CleanedForm With(PerformanceEval.Contract.FundingLine total,
        PerformanceEval.Contract.FundingLine? fiscal, PerformanceEval.Contract.FundingLine? carryover = null) =>
        Standard(total) with { Funding = new PerformanceEval.Contract.Funding { Total = total, Fiscal = fiscal, Carryover = carryover } };

    [Fact]
    public void Components_that_add_up_raise_nothing() =>
        Assert.Empty(Run(new FundingBreakdownRule(), With(Line(annual: 100m, executed: 90m), Line(annual: 60m, executed: 50m), Line(annual: 40m, executed: 40m))));

    [Fact]
    public void Components_that_do_not_add_up_raise_one_finding_per_column()
    {
        var findings = Run(new FundingBreakdownRule(), With(Line(initial: 100m, annual: 100m), Line(initial: 0.00m, annual: 0.00m)));
        Assert.Equal(["funding.total.initialBudget", "funding.total.annualBudget"], findings.Select(f => f.Field));
    }

    [Fact]
    public void A_column_with_no_component_stated_is_not_checked() =>
        Assert.Empty(Run(new FundingBreakdownRule(), With(Line(annual: 100m, executed: 90m), Line())));

    [Fact]
    public void A_component_that_executed_more_than_the_total_is_flagged_on_the_component()
    {
        var findings = Run(new FundingBreakdownRule(), With(Line(executed: 1414200m), Line(executed: 1425600m)));
        Assert.Contains(findings, f => f.Field == "funding.fiscal.executed");
    }
}

public sealed class CurrencyUnitRuleTests
{
    [Theory]
    [InlineData("万元", 36500, false)]
    [InlineData("万元", 99999, false)]
    [InlineData("万元", 100000, true)]
    [InlineData("元", 610190, false)]
    public void Wan_yuan_with_an_amount_only_yuan_can_be(string unit, int annual, bool fires) =>
        Assert.Equal(fires, Run(new CurrencyUnitRule(), Standard(Line(annual: annual), currency: unit)).Count == 1);
}
