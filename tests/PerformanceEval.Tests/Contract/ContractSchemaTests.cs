using System.Text.Json.Nodes;
using PerformanceEval.Contract;
using Xunit;

namespace PerformanceEval.Tests.Contract;

public sealed class ContractSchemaTests
{
    private static SchemaValidator Validator => SchemaValidator.Contract;

    public static TheoryData<string> CaseNames() => [.. Fixtures.Cases()];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_extracted_form_is_valid_against_the_contract(string caseName)
    {
        var forms = Fixtures.Pipeline.Extract(Fixtures.Input(caseName)).Forms;
        Assert.NotEmpty(forms);
        foreach (var form in forms)
        {
            var errors = Validator.Validate(JsonNode.Parse(ContractJson.Serialize(form)));
            Assert.True(errors.Count == 0, $"{caseName} form {form.Source.FormIndex}:\n{string.Join("\n", errors)}");
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_form_is_written_as_the_contract_options_write_it_by_reflection(string caseName)
    {
        // Forms are written through the source generator's metadata; the options the export, check and the tests read
        // with must give the same bytes, or a type added to the contract without its metadata shows here.
        // Both as extracted (a finding's stated figure a decimal) and as read back (a JsonElement), findings included.
        var extracted = Fixtures.Pipeline.Extract(Fixtures.Input(caseName)).Forms;
        var readBack = extracted.Select(f => ContractJson.Deserialize(ContractJson.Serialize(f)));
        var gold = File.ReadAllLines(Path.Combine(Fixtures.Case(caseName), "expected.jsonl")).Where(l => l.Length > 0).Select(ContractJson.Deserialize);
        foreach (var form in extracted.Concat(readBack).Concat(gold))
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(form, ContractJson.Options), ContractJson.Serialize(form));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_gold_form_is_valid_against_the_contract(string caseName)
    {
        foreach (var line in File.ReadAllLines(Path.Combine(Fixtures.Case(caseName), "expected.jsonl")).Where(l => l.Length > 0))
            Assert.Empty(Validator.Validate(JsonNode.Parse(line)));
    }

    [Fact]
    public void The_validator_rejects_what_the_contract_forbids()
    {
        var form = JsonNode.Parse(File.ReadLines(Path.Combine(Fixtures.Case("seed-001-baoshan-2023-tsv"), "expected.jsonl")).First())!.AsObject();
        form["template"] = "other";
        form["totalScore"] = "99.92";
        form.Remove("findings");
        var errors = Validator.Validate(form);
        Assert.Contains(errors, e => e.StartsWith("/template:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/totalScore:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("required", StringComparison.Ordinal) && e.Contains("findings", StringComparison.Ordinal));
    }
}
