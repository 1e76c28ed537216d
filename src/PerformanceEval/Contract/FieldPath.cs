using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PerformanceEval.Contract;

/// <summary>
/// A field of a cleaned form as the contract names it in <c>provenance</c> and in findings:
/// <c>totalScore</c>, <c>funding.total.executed</c>, <c>indicators[3].score</c>. Finds and replaces that field in
/// the form's JSON, so that a correction touches exactly one member and leaves every other literal as read.
/// </summary>
public sealed partial record FieldPath
{
    private readonly IReadOnlyList<object> _steps;

    private FieldPath(string text, IReadOnlyList<object> steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    private static readonly System.Collections.Frozen.FrozenSet<string> FigureLeaves = System.Collections.Frozen.FrozenSet.Create(StringComparer.Ordinal,
        "initialBudget", "annualBudget", "executed", "weight", "executionRate", "score", "totalWeight", "totalScore", "previousYearBudget");

    /// <summary>True for members that hold a figure (amounts, rates, weights, scores, totals); the rest hold text.</summary>
    public bool HoldsFigure => FigureLeaves.Contains(Leaf);

    /// <summary>The last member's name ("score" of <c>indicators[3].score</c>).</summary>
    public string Leaf => (string)_steps[^1];

    /// <summary>Parses a path; false for anything not of the contract's shape (no member, a bad index).</summary>
    public static bool TryParse(string? text, out FieldPath path)
    {
        path = null!;
        if (string.IsNullOrWhiteSpace(text) || !Shape().IsMatch(text)) return false;
        var steps = new List<object>();
        foreach (Match m in Step().Matches(text))
            steps.Add(m.Groups["name"].Success ? m.Groups["name"].Value : int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture));
        if (steps[^1] is not string) return false;
        path = new FieldPath(text, steps);
        return true;
    }

    /// <summary>The field's node in a form, or null when the form does not have it (a missing row, a null line).</summary>
    public JsonNode? Find(JsonObject form)
    {
        JsonNode? node = form;
        foreach (var step in _steps)
        {
            node = step switch
            {
                string name when node is JsonObject o => o[name],
                int index when node is JsonArray a && index < a.Count => a[index],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>
    /// Replaces the field's value; its parent (the object holding the member) must exist. Returns false when it
    /// does not, rather than inventing rows or funding lines the form never had.
    /// </summary>
    public bool TrySet(JsonObject form, JsonNode? value)
    {
        JsonNode? parent = form;
        foreach (var step in _steps.Take(_steps.Count - 1))
        {
            parent = step switch
            {
                string name when parent is JsonObject o => o[name],
                int index when parent is JsonArray a && index < a.Count => a[index],
                _ => null,
            };
            if (parent is null) return false;
        }
        if (parent is not JsonObject holder || !holder.ContainsKey(Leaf)) return false;
        holder[Leaf] = value;
        return true;
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(\[[0-9]{1,4}\])?(\.[A-Za-z][A-Za-z0-9]*(\[[0-9]{1,4}\])?)*$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"(?<name>[A-Za-z][A-Za-z0-9]*)|\[(?<index>[0-9]+)\]")]
    private static partial Regex Step();
}
