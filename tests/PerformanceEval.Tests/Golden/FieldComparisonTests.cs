using System.Text.Json.Nodes;
using Xunit;

namespace PerformanceEval.Tests.Golden;

/// <summary>
/// Indicator rows are aligned with the gold's by what they say; a row aligned with a gold row of another index (a row
/// before it lost) is found in the extracted form under its own index, where its warnings and provenance are.
/// </summary>
public sealed class FieldComparisonTests
{
    private static JsonObject Form(params string[] names) => new()
    {
        ["template"] = "standard",
        ["funding"] = new JsonObject(),
        ["indicators"] = new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["name"] = n, ["weight"] = 10m, ["score"] = 9m })]),
        ["sections"] = new JsonArray(),
    };

    [Fact]
    public void A_row_after_a_lost_one_is_compared_with_its_gold_row_and_found_under_its_own_index()
    {
        var outcomes = FieldComparison.Compare(Form("场次", "合格率", "满意度"), Form("合格率", "满意度"));
        var weight = Assert.Single(outcomes, o => o.Path == "indicators[1].weight");
        Assert.True(weight.Correct);
        Assert.Equal("indicators[0].weight", weight.FormPath);
        Assert.Equal("indicators[1].name", Assert.Single(outcomes, o => o.Path == "indicators[2].name").FormPath);
        Assert.Contains(outcomes, o => o.Path == "indicators[0].name (row missing)");
        // Rows at the same index need no other path.
        Assert.All(FieldComparison.Compare(Form("场次", "合格率"), Form("场次", "合格率")), o => Assert.Null(o.FormPath));
    }
}
