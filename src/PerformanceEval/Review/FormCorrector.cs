using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerformanceEval.Checking;
using PerformanceEval.Contract;
using PerformanceEval.Templates;

namespace PerformanceEval.Review;

/// <summary>An auditor's correction of one misread value.</summary>
/// <param name="Field">The contract's path of the field (<c>indicators[3].score</c>).</param>
/// <param name="Value">The value as the auditor reads it on the source ("73.00", "83.15%", "良好"); empty for none.</param>
public sealed record Correction(string Field, string Value);

/// <summary>A corrected form: its JSON with fresh findings, the value replaced, and what the checker now says.</summary>
public sealed record CorrectedForm(string Json, string? OriginalValue, string CorrectedValue, ImmutableArray<Finding> Findings, FindingChanges Changes);

/// <summary>A correction that cannot be applied, with the reason an auditor can act on.</summary>
public sealed class CorrectionRejectedException(string message) : Exception(message);

/// <summary>
/// Applies an auditor's correction to a stored form and re-runs the checker. The stated figure is only ever replaced
/// by what a person read on the source, never by a recomputed one; the original stays in the store's history.
/// What changed is measured against the checker run on the same form before the correction, so a difference the
/// stored JSON cannot reproduce (a form's printed grade bands are not in the contract) is not reported as the
/// correction's doing.
/// </summary>
public sealed class FormCorrector(Checker checker)
{
    /// <summary>Top-level members that are the pipeline's record of the form, not the form's content.</summary>
    private static readonly FrozenSet<string> NotCorrectable = FrozenSet.Create(StringComparer.Ordinal,
        "schemaVersion", "source", "template", "findings", "warnings", "provenance");

    public CorrectedForm Apply(string formJson, Correction correction)
    {
        ArgumentNullException.ThrowIfNull(correction);
        if (!FieldPath.TryParse(correction.Field, out var path))
            throw new CorrectionRejectedException($"“{correction.Field}”不是表中的字段（应形如 indicators[3].score）");
        var top = correction.Field.Split('.', '[')[0];
        if (NotCorrectable.Contains(top))
            throw new CorrectionRejectedException($"“{top}”是提取过程的记录，不能更正");
        var node = JsonNode.Parse(formJson)?.AsObject() ?? throw new JsonException("the stored form is not a JSON object");
        var before = path.Find(node);
        var original = before is null ? null : Display(before);
        var value = ValueOf(path, correction.Value.Trim());
        if (JsonNode.DeepEquals(before, value))
            throw new CorrectionRejectedException($"更正值与原值（{(original is null or "" ? "未填写" : original)}）相同，未作更正");
        if (!path.TrySet(node, value))
            throw new CorrectionRejectedException($"表中没有字段“{correction.Field}”");
        // A corrected department is its own canonical name until the form is read again.
        if (correction.Field == "department") node.Remove("departmentCanonical");

        var baseline = checker.Check(ContractJson.Deserialize(formJson));
        var corrected = ContractJson.Deserialize(node.ToJsonString(ContractJson.Options));
        var findings = checker.Check(corrected);
        node["findings"] = JsonSerializer.SerializeToNode(findings, ContractJson.Options);
        return new CorrectedForm(node.ToJsonString(ContractJson.Options), original, value is null ? "" : Display(value), findings, FindingChanges.Between(baseline, findings));
    }

    private static JsonNode? ValueOf(FieldPath path, string text)
    {
        if (text.Length == 0) return null;
        if (path.Text == "year")
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1990 and <= 2100
                ? JsonValue.Create(year)
                : throw new CorrectionRejectedException($"“{text}”不是年度（1990–2100）");
        if (!path.HoldsFigure) return JsonValue.Create(text);
        if (!NumberParser.TryParse(text, out var number))
            throw new CorrectionRejectedException($"“{text}”不是数字（该字段是数值），或超出可记录的范围");
        if (number.Percent && path.Leaf != "executionRate")
            throw new CorrectionRejectedException($"“{text}”是百分数，而该字段不是比率");
        return JsonValue.Create(number.Value);
    }

    /// <summary>A value as an auditor reads it: numbers as printed ("7.30"), text as is.</summary>
    private static string Display(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString(ContractJson.Options);
}
