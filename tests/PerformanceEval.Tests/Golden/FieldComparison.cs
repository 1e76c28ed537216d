using System.Text.Json.Nodes;
using PerformanceEval.Contract;

namespace PerformanceEval.Tests.Golden;

/// <summary>One scored field: its category ("indicator.name"), where it is, and whether extract got it right.</summary>
internal sealed record FieldOutcome(string Category, string Path, string? Expected, string? Actual)
{
    public bool Correct => Expected == Actual;

    /// <summary>
    /// Where the field is in the extracted form, where that is not <see cref="Path"/>: an indicator row aligned with the
    /// gold's row of another index (a row before it lost) has its provenance and warnings under its own index.
    /// </summary>
    public string? FormPath { get; init; }
}

/// <summary>
/// Compares an extracted form with its gold field by field, over what the issue scores: header, funding lines,
/// indicators and totals (plus the criteria template's sections and closing fields). Indicator rows are aligned
/// by dynamic programming on how many of their fields agree, so one missing row costs its own fields and not
/// every row after it; a row extract invented costs its fields too.
/// </summary>
internal static class FieldComparison
{
    // Only the fields a template prints are scored: a standard form has no 指标解释 to get right.
    private static readonly string[] StandardHeader = ["year", "projectName", "department", "implementingUnit", "currencyUnit"];
    private static readonly string[] CriteriaHeader = ["year", "projectName", "department", "implementingOffice", "recurring", "currencyUnit"];
    private static readonly string[] StandardLines = ["total", "fiscal", "carryover", "other"];
    private static readonly string[] LineFields = ["initialBudget", "annualBudget", "executed", "weight", "executionRate", "score"];
    private static readonly string[] CriteriaLineFields = ["annualBudget", "executed", "executionRate"];
    private static readonly string[] StandardIndicator = ["level1", "level2", "name", "target", "actual", "weight", "score", "note"];
    private static readonly string[] CriteriaIndicator = ["level1", "name", "explanation", "weight", "scoringRule", "score", "note"];
    private static readonly string[] Totals = ["totalWeight", "totalScore"];
    private static readonly string[] CriteriaClosing = ["grade", "evaluationDate", "mainResults", "mainProblems", "improvements"];

    public static List<FieldOutcome> Compare(JsonObject gold, JsonObject? actual)
    {
        var criteria = gold["template"]!.GetValue<string>() == "criteria";
        var outcomes = new List<FieldOutcome>();
        foreach (var f in criteria ? CriteriaHeader : StandardHeader) outcomes.Add(Outcome($"header.{f}", f, gold[f], actual?[f]));
        foreach (var line in criteria ? ["total"] : StandardLines)
            foreach (var f in criteria ? CriteriaLineFields : LineFields)
                outcomes.Add(Outcome($"funding.{f}", $"funding.{line}.{f}", gold["funding"]?[line]?[f], actual?["funding"]?[line]?[f]));
        if (criteria)
            outcomes.Add(Outcome("funding.previousYearBudget", "funding.previousYearBudget",
                gold["funding"]?["previousYearBudget"], actual?["funding"]?["previousYearBudget"]));
        var indicatorFields = criteria ? CriteriaIndicator : StandardIndicator;
        outcomes.AddRange(CompareIndicators(gold["indicators"]!.AsArray(), actual?["indicators"]?.AsArray() ?? [], indicatorFields));
        foreach (var f in Totals) outcomes.Add(Outcome($"totals.{f}", f, gold[f], actual?[f]));
        if (criteria)
            foreach (var f in CriteriaClosing) outcomes.Add(Outcome($"closing.{f}", f, gold[f], actual?[f]));
        var goldSections = gold["sections"]!.AsArray();
        for (var i = 0; i < goldSections.Count; i++)
        {
            outcomes.Add(Outcome("sections.name", $"sections[{i}].name", goldSections[i]!["name"], actual?["sections"]?.AsArray().ElementAtOrDefault(i)?["name"]));
            outcomes.Add(Outcome("sections.weight", $"sections[{i}].weight", goldSections[i]!["weight"], actual?["sections"]?.AsArray().ElementAtOrDefault(i)?["weight"]));
        }
        return outcomes;
    }

    private static IEnumerable<FieldOutcome> CompareIndicators(JsonArray gold, JsonArray actual, string[] fields)
    {
        int Agreement(JsonNode g, JsonNode a) => fields.Count(f => Text(g[f]) == Text(a[f]));
        var (g, a) = (gold.Count, actual.Count);
        var score = new int[g + 1, a + 1];
        for (var i = g - 1; i >= 0; i--)
            for (var j = a - 1; j >= 0; j--)
                score[i, j] = Math.Max(Math.Max(score[i + 1, j], score[i, j + 1]), Agreement(gold[i]!, actual[j]!) + score[i + 1, j + 1]);
        var outcomes = new List<FieldOutcome>();
        int x = 0, y = 0;
        while (x < g || y < a)
        {
            if (x < g && y < a && score[x, y] == Agreement(gold[x]!, actual[y]!) + score[x + 1, y + 1] && Agreement(gold[x]!, actual[y]!) > 0)
            {
                outcomes.AddRange(fields.Select(f => Outcome($"indicator.{f}", $"indicators[{x}].{f}", gold[x]![f], actual[y]![f]) with
                    { FormPath = x == y ? null : $"indicators[{y}].{f}" }));
                x++; y++;
            }
            else if (x < g && (y >= a || score[x, y] == score[x + 1, y]))
            {
                outcomes.AddRange(fields.Select(f => new FieldOutcome($"indicator.{f}", $"indicators[{x}].{f} (row missing)", Text(gold[x]![f]), "<missing row>")));
                x++;
            }
            else
            {
                outcomes.AddRange(fields.Select(f => new FieldOutcome($"indicator.{f}", $"extra row {y}.{f}", "<no such row>", Text(actual[y]![f]))));
                y++;
            }
        }
        return outcomes;
    }

    private static FieldOutcome Outcome(string category, string path, JsonNode? expected, JsonNode? actual) =>
        new(category, path, Text(expected), Text(actual));

    /// <summary>A field as comparable text: numbers by value (7.30 = 7.3), text without white space, null as null.</summary>
    public static string? Text(JsonNode? node)
    {
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue<decimal>(out var d)) return (d / 1.0000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (node is JsonValue b && b.TryGetValue<bool>(out var flag)) return flag ? "true" : "false";
        var s = node.GetValue<string>();
        return string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
    }

    public static JsonObject ToNode(CleanedForm form) =>
        System.Text.Json.JsonSerializer.SerializeToNode(form, ContractJson.Options)!.AsObject();
}
