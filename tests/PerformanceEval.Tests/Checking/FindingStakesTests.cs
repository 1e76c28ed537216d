using PerformanceEval.Checking;
using PerformanceEval.Contract;
using Xunit;
using static PerformanceEval.Tests.Checking.Forms;

namespace PerformanceEval.Tests.Checking;

/// <summary>
/// Materiality and OCR suspicion on findings the checker really raises: a ¥2.14M funding-breakdown gap is material and
/// a rounding-sized one is not; a rate off by 0.01 point is not, by 3 points is; a finding computed from a figure the
/// OCR was unsure of is marked as a suspected misreading, and one from a printed text layer never is.
/// </summary>
public sealed class FindingStakesTests
{
    private static readonly Checker Checker = Checker.CreateDefault(Options);

    private static CleanedForm WithBreakdown(decimal total, decimal fiscal) =>
        Standard(total: Line(annual: total, executed: total, rate: 100m)) with
        {
            Funding = new Funding { Total = Line(annual: total, executed: total, rate: 100m), Fiscal = Line(annual: fiscal, executed: total, rate: 100m) },
        };

    [Theory]
    [InlineData("3000000", "860000", true)]     // ¥2.14M unaccounted for
    [InlineData("3000000", "2999990", false)]   // ¥10
    public void A_funding_breakdown_gap_is_material_by_its_yuan(string total, string fiscal, bool material)
    {
        var finding = Assert.Single(Checker.Check(WithBreakdown(D(total), D(fiscal))), f => f.Rule == "funding-breakdown" && f.Field == "funding.total.annualBudget");
        Assert.Equal(material, finding.Material);
        Assert.Equal("warning", finding.Severity); // the contract's severity stands
    }

    [Theory]
    [InlineData("95.01", false)] // 0.01 point on ¥100,000: ¥10 and a hundredth of a point
    [InlineData("98.00", true)]  // 3 points
    public void A_misstated_rate_is_material_by_its_points_or_its_yuan(string stated, bool material)
    {
        var form = Standard(total: Line(annual: 100000m, executed: 95000m, rate: D(stated)));
        var finding = Assert.Single(Checker.Check(form), f => f.Rule == "execution-rate");
        Assert.Equal(material, finding.Material);
    }

    [Fact]
    public void A_small_rate_gap_on_a_large_budget_is_material_by_its_yuan()
    {
        // 0.01 point of ¥500,000,000 is ¥50,000.
        var form = Standard(total: Line(annual: 500_000_000m, executed: 475_000_000m, rate: 95.01m));
        Assert.True(Assert.Single(Checker.Check(form), f => f.Rule == "execution-rate").Material);
    }

    [Fact]
    public void Full_marks_for_a_missed_target_stake_the_marks_given()
    {
        var options = Options with { MaterialPoints = 6m };
        var missed = Checker.CreateDefault(options).Check(Standard(indicators:
        [
            Row("培训人次", 5m, 5m, target: ">=100人", actual: "80人"),
            Row("覆盖率", 10m, 10m, target: ">=90%", actual: "85%"),
        ], totalWeight: null)).Where(f => f.Rule == "target-not-met").ToList();
        Assert.Equal([false, true], missed.Select(f => f.Material!.Value));
    }

    [Fact]
    public void A_finding_without_a_measure_is_material_when_its_rule_makes_it_an_error()
    {
        var grade = new Finding { Rule = "grade-mismatch", Severity = "error", Field = "grade", Message = "" };
        var missing = new Finding { Rule = "missing-field", Severity = "warning", Field = "year", Message = "" };
        Assert.True(FindingStakes.IsMaterial(grade, Options));
        Assert.False(FindingStakes.IsMaterial(missing, Options));
    }

    [Fact]
    public void A_finding_from_a_figure_read_under_the_bar_is_a_suspected_misreading()
    {
        var form = Standard(total: Line(annual: 100000m, executed: 95000m, rate: 59m)) with
        {
            Provenance = new Dictionary<string, FieldProvenance>
            {
                ["funding.total.executionRate"] = new() { Page = 1, Text = "59", Confidence = 0.97 },
                ["funding.total.executed"] = new() { Page = 1, Text = "95000", Confidence = 0.62 },
            },
        };
        Assert.True(Assert.Single(Checker.Check(form), f => f.Rule == "execution-rate").SuspectedMisread);
        var sure = form with
        {
            Provenance = new Dictionary<string, FieldProvenance>(form.Provenance) { ["funding.total.executed"] = new() { Page = 1, Text = "95000", Confidence = 0.96 } },
        };
        Assert.False(Assert.Single(Checker.Check(sure), f => f.Rule == "execution-rate").SuspectedMisread);
    }

    [Fact]
    public void An_ocr_warning_on_an_input_makes_the_total_suspect_and_a_text_layer_never_is()
    {
        var rows = new[] { Row("甲", 50m, 50m), Row("乙", 50m, 40m) };
        var reread = new Warning { Code = "ocr.figure-reread", Severity = "warning", Message = "", Field = "indicators[1].score" };
        var ocr = Checker.Check(Standard(indicators: rows, totalScore: 99m, warnings: [reread]));
        Assert.True(Assert.Single(ocr, f => f.Rule == "total-score").SuspectedMisread);
        var printed = Checker.Check(Standard(indicators: rows, totalScore: 99m) with
        {
            Provenance = new Dictionary<string, FieldProvenance> { ["indicators[1].score"] = new() { Page = 1, Text = "40", Confidence = null } },
        });
        Assert.False(Assert.Single(printed, f => f.Rule == "total-score").SuspectedMisread);
    }

    [Fact]
    public void Both_are_written_beside_the_contract_members()
    {
        var form = Standard(total: Line(annual: 100000m, executed: 95000m, rate: 98m));
        var json = ContractJson.Serialize(form with { Findings = Checker.Check(form) });
        Assert.Contains("\"material\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"suspectedMisread\":false", json, StringComparison.Ordinal);
    }
}
