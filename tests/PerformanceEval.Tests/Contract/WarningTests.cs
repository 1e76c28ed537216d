using System.Text.Json.Nodes;
using PerformanceEval.Checking;
using PerformanceEval.Contract;
using Xunit;

namespace PerformanceEval.Tests.Contract;

/// <summary>Warnings as objects (contract version 2), and forms of version 1 read and brought up to it.</summary>
public sealed class WarningTests
{
    private static SchemaValidator Validator => SchemaValidator.Contract;

    private static CleanedForm Read(string warningsJson) => ContractJson.Deserialize(
        File.ReadLines(Path.Combine(Fixtures.Case("seed-001-baoshan-2023-tsv"), "expected.jsonl")).First()
            .Replace("\"warnings\": []", $"\"warnings\": {warningsJson}", StringComparison.Ordinal));

    [Fact]
    public void A_version_1_string_keeps_its_code_and_message_and_recovers_its_place()
    {
        var w = Assert.Single(Read("""["grid.row-lost: indicator row without 分值/得分 not read: \"x\" (seed.txt p2:78 r12 c4)"]""").Warnings);
        Assert.Equal(("grid.row-lost", "warning", "indicator row without 分值/得分 not read: \"x\""), (w.Code, w.Severity, w.Message));
        Assert.Equal((2, 78, 12, 4), (w.Source!.Page!.Value, w.Source.Line!.Value, w.Source.Row!.Value, w.Source.Col!.Value));
    }

    [Fact]
    public void A_version_1_string_whose_parentheses_are_no_place_keeps_them_in_its_message()
    {
        var w = Assert.Single(Read("""["grid.cell-split: \"a\" + \"b\" joined (one cell split by the OCR)"]""").Warnings);
        Assert.Equal("\"a\" + \"b\" joined (one cell split by the OCR)", w.Message);
        Assert.Null(w.Source);
    }

    [Fact]
    public void A_string_without_a_code_is_kept_whole_under_a_legacy_code()
    {
        var w = Assert.Single(Read("""["something odd"]""").Warnings);
        Assert.Equal(("legacy.text", "something odd"), (w.Code, w.Message));
    }

    [Fact]
    public void A_warning_object_round_trips_with_every_member_written()
    {
        var form = Read("""[{"code": "ocr.low-confidence", "severity": "warning", "message": "置信度低", "field": "totalScore", "source": {"page": 1, "line": null, "row": 3, "col": 2, "box": [1, 2, 3, 4]}}]""");
        var node = JsonNode.Parse(ContractJson.Serialize(form))!["warnings"]![0]!.AsObject();
        Assert.Equal(["code", "severity", "message", "field", "source"], node.Select(p => p.Key));
        Assert.Equal("totalScore", (string?)node["field"]);
        Assert.Equal("[1,2,3,4]", node["source"]!["box"]!.ToJsonString());
        Assert.Equal(ContractJson.Serialize(form), ContractJson.Serialize(ContractJson.Deserialize(ContractJson.Serialize(form))));
    }

    [Fact]
    public void A_version_1_form_is_upgraded_to_version_2_with_priced_findings_and_nothing_else_changed()
    {
        var v1 = JsonNode.Parse(File.ReadLines(Path.Combine(Fixtures.Case("seed-001-baoshan-2023-tsv"), "expected.jsonl")).First())!.AsObject();
        Assert.Equal("1", (string?)v1["schemaVersion"]);
        v1["warnings"] = new JsonArray("grid.row-repeated: row repeated by the OCR; the repeat was dropped (a.txt:9)");
        v1["findings"] = new JsonArray(new JsonObject
        {
            ["rule"] = "execution-rate", ["severity"] = "error", ["field"] = "funding.total.executionRate",
            ["stated"] = 90.0m, ["expected"] = 99.2m, ["message"] = "执行率不符",
        });
        var before = v1.DeepClone().AsObject();
        var v2 = VersionOneForms.Upgrade(v1.DeepClone().AsObject());

        Assert.Empty(Validator.Validate(v2));
        Assert.Equal("2", (string?)v2["schemaVersion"]);
        Assert.Equal("grid.row-repeated", (string?)v2["warnings"]![0]!["code"]);
        Assert.Equal(9, (int?)v2["warnings"]![0]!["source"]!["line"]);
        Assert.Equal(-9.2m, (decimal?)v2["findings"]![0]!["difference"]);
        Assert.NotNull(v2["findings"]![0]!["amount"]);
        foreach (var (key, value) in before.Where(p => p.Key is not ("schemaVersion" or "warnings" or "findings")))
            Assert.True(JsonNode.DeepEquals(value, v2[key]), $"{key} changed in the upgrade");
    }

    [Fact]
    public void Extraction_writes_version_2()
    {
        var form = Fixtures.Pipeline.Extract(Fixtures.Input("seed-000-qingpu-2021-markdown")).Forms[0];
        var json = ContractJson.Serialize(form);
        Assert.True(VersionOneForms.IsCurrent(json), json[..40]);
        var warnings = JsonNode.Parse(json)!["warnings"]!.AsArray();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.IsType<JsonObject>(w));
        Assert.Same(json, VersionOneForms.Upgrade(json));
    }
}
