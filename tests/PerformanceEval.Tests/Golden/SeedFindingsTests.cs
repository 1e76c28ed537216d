using PerformanceEval.Contract;
using Xunit;
using Xunit.Abstractions;

namespace PerformanceEval.Tests.Golden;

/// <summary>
/// Findings end to end: the checker run on what extract read, against the same checker run on the hand-made gold.
/// A finding matches on (form, rule, field); missing-field is left out, as the issue scores it. What this measures
/// is how much extraction errors move the findings; the rules themselves are tested one by one in Checking/.
/// </summary>
public sealed class SeedFindingsTests(ITestOutputHelper output)
{
    [Fact]
    public void Findings_from_extraction_match_findings_from_the_gold()
    {
        var expected = new HashSet<string>();
        var actual = new HashSet<string>();
        foreach (var caseName in Fixtures.Cases().Where(c => c.StartsWith("seed-", StringComparison.Ordinal)))
        {
            var gold = File.ReadAllLines(System.IO.Path.Combine(Fixtures.Case(caseName), "expected.jsonl"))
                .Where(l => l.Length > 0).Select(ContractJson.Deserialize).ToList();
            foreach (var form in gold)
                foreach (var f in Fixtures.Pipeline.Checker.Check(form).Where(f => f.Rule != "missing-field"))
                    expected.Add($"{caseName}#{form.Source.FormIndex} {f.Rule} {f.Field}");
            foreach (var form in Fixtures.Pipeline.Extract(Fixtures.Input(caseName)).Forms)
                foreach (var f in form.Findings.Where(f => f.Rule != "missing-field"))
                    actual.Add($"{caseName}#{form.Source.FormIndex} {f.Rule} {f.Field}");
        }
        var hit = expected.Intersect(actual).Count();
        var recall = 100.0 * hit / expected.Count;
        var precision = actual.Count == 0 ? 100 : 100.0 * hit / actual.Count;
        output.WriteLine($"findings: {expected.Count} from the gold, {actual.Count} from extraction, {hit} in both; recall {recall:F1}%, precision {precision:F1}%");
        foreach (var miss in expected.Except(actual).Order()) output.WriteLine($"  missed: {miss}");
        foreach (var extra in actual.Except(expected).Order()) output.WriteLine($"  extra:  {extra}");
        Assert.True(expected.Count > 40, "the seeds hold dozens of real discrepancies; the gold should raise them");
        Assert.True(recall >= 95, $"recall {recall:F1}% < 95%");
        Assert.True(precision >= 90, $"precision {precision:F1}% < 90%");
    }
}
