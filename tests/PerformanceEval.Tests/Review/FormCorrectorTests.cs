using Xunit;
using System.Text.Json.Nodes;
using PerformanceEval.Review;

namespace PerformanceEval.Tests.Review;

public sealed class FormCorrectorTests
{
    private static readonly FormCorrector Corrector = new(Fixtures.Pipeline.Checker);

    /// <summary>The hostile fixture's form: its first indicator's 得分 printed 1.0 for 10, so 总分 does not add up.</summary>
    private static string MisreadForm()
    {
        var result = Fixtures.Pipeline.Extract(Path.Combine(Fixtures.Case("review-hostile-text"), "form.txt"));
        return PerformanceEval.Contract.ContractJson.Serialize(Assert.Single(result.Forms));
    }

    [Fact]
    public void Correcting_the_misread_score_resolves_the_total_finding_and_nothing_else_changes()
    {
        var before = MisreadForm();
        Assert.Contains(JsonNode.Parse(before)!["findings"]!.AsArray(), f => (string?)f!["rule"] == "total-score");

        var corrected = Corrector.Apply(before, new Correction("indicators[0].score", "10"));

        Assert.Equal("1.0", corrected.OriginalValue);
        Assert.Equal("10", corrected.CorrectedValue);
        var resolved = Assert.Single(corrected.Changes.Resolved);
        Assert.Equal(("total-score", "totalScore"), (resolved.Rule, resolved.Field));
        Assert.Empty(corrected.Changes.Raised);
        Assert.DoesNotContain(corrected.Findings, f => f.Rule == "total-score");
        // Only the corrected member and the findings differ: every other literal is written back as read.
        var a = JsonNode.Parse(before)!.AsObject();
        var b = JsonNode.Parse(corrected.Json)!.AsObject();
        Assert.Equal("10", b["indicators"]![0]!["score"]!.ToJsonString());
        a["indicators"]![0]!["score"] = JsonValue.Create(10m);
        a.Remove("findings");
        b.Remove("findings");
        Assert.Equal(a.ToJsonString(), b.ToJsonString());
    }

    [Fact]
    public void A_correction_that_breaks_a_relation_raises_the_new_finding()
    {
        var corrected = Corrector.Apply(MisreadForm(), new Correction("indicators[1].score", "25"));
        Assert.Contains(corrected.Changes.Raised, f => f.Rule == "score-exceeds-weight" && f.Field == "indicators[1].score");
    }

    [Fact]
    public void A_rate_keeps_its_printed_precision_and_accepts_a_percent_sign()
    {
        var corrected = Corrector.Apply(MisreadForm(), new Correction("funding.total.executionRate", "99.20%"));
        Assert.Equal("99.20", JsonNode.Parse(corrected.Json)!["funding"]!["total"]!["executionRate"]!.ToJsonString());
        Assert.Contains(corrected.Changes.Resolved, f => f.Rule == "execution-rate");
    }

    [Theory]
    [InlineData("indicators[0].score", "十分", "不是数字")]
    [InlineData("indicators[0].weight", "10%", "百分数")]
    [InlineData("indicators[40].score", "10", "没有字段")]
    [InlineData("findings[0].rule", "x", "不能更正")]
    [InlineData("provenance", "x", "不能更正")]
    [InlineData("totalScore; DROP TABLE forms", "1", "不是表中的字段")]
    [InlineData("year", "22", "不是年度")]
    [InlineData("indicators[\u0663].score", "5", "不是表中的字段")]      // Arabic-Indic digit: no index
    [InlineData("totalScore", "79228162514264337593543950335", "不是数字")]
    [InlineData("funding.total.initialBudget", "1425600.00", "相同")]     // the value it already has: not a correction
    public void A_correction_that_cannot_apply_is_refused_with_its_reason(string field, string value, string reason)
    {
        var e = Assert.Throws<CorrectionRejectedException>(() => Corrector.Apply(MisreadForm(), new Correction(field, value)));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_text_field_takes_the_text_and_an_empty_value_clears_the_field()
    {
        var named = Corrector.Apply(MisreadForm(), new Correction("projectName", "政府购买服务人员专项经费"));
        Assert.Equal("政府购买服务人员专项经费", (string?)JsonNode.Parse(named.Json)!["projectName"]);
        var cleared = Corrector.Apply(MisreadForm(), new Correction("implementingUnit", ""));
        Assert.Null(JsonNode.Parse(cleared.Json)!["implementingUnit"]);
        Assert.Equal("上海市宝山区行政服务中心", cleared.OriginalValue);
        // Clearing what is already empty is no correction ("（空）→（空）" was stored before).
        Assert.Throws<CorrectionRejectedException>(() => Corrector.Apply(MisreadForm(), new Correction("indicators[0].note", "")));
    }

    [Fact]
    public void Findings_are_matched_by_rule_and_field_counting_duplicates()
    {
        static PerformanceEval.Contract.Finding F(string rule, string field) => new() { Rule = rule, Severity = "warning", Field = field, Message = "" };
        var changes = PerformanceEval.Checking.FindingChanges.Between([F("a", "x"), F("a", "x"), F("b", "y")], [F("a", "x"), F("c", "z")]);
        Assert.Equal(["a/x", "b/y"], changes.Resolved.Select(f => $"{f.Rule}/{f.Field}"));
        Assert.Equal(["c/z"], changes.Raised.Select(f => $"{f.Rule}/{f.Field}"));
        Assert.Equal(["a/x"], changes.Remaining.Select(f => $"{f.Rule}/{f.Field}"));
    }
}
