using System.Text.RegularExpressions;
using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>
/// What a finding means to an auditor beyond its rule's severity: whether what is at stake is material, and whether the
/// discrepancy may be the OCR's rather than the form's. The contract fixes each rule's severity; the review queue orders
/// by these (material discrepancies the form itself states first, OCR suspicions apart).
/// </summary>
public static partial class FindingStakes
{
    /// <summary>The finding with <see cref="Finding.Material"/> and <see cref="Finding.SuspectedMisread"/> set.</summary>
    public static Finding Weighed(this Finding finding, CleanedForm form, CheckerOptions options)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(options);
        return finding with { Material = IsMaterial(finding, options), SuspectedMisread = IsSuspect(finding, form) };
    }

    /// <summary>
    /// Points at stake for rules about points: the gap of a rate, score, weight or total, the score given with no
    /// actual, and for a missed target the full marks given for it. Null for rules about money or text.
    /// </summary>
    public static decimal? PointsAtStake(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Rule switch
        {
            "execution-rate" or "budget-score" or "total-score" or "weight-sum" or "score-exceeds-weight" or "section-weight"
                or "no-actual-scored" => finding.Difference is { } d ? Math.Abs(d) : null,
            "target-not-met" => FindingAmounts.Number(finding.Stated) is { } score ? Math.Abs(score) : null,
            _ => null,
        };
    }

    /// <summary>
    /// Material: the yuan at stake reach <see cref="CheckerOptions.MaterialYuan"/>, or the points
    /// <see cref="CheckerOptions.MaterialPoints"/>; a finding that measures neither (a grade that disagrees with the
    /// total, a field not read) is material when its rule makes it an error.
    /// </summary>
    public static bool IsMaterial(Finding finding, CheckerOptions options)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(options);
        var points = PointsAtStake(finding);
        if (finding.Amount is null && points is null) return finding.Severity == "error";
        return finding.Amount >= options.MaterialYuan || points >= options.MaterialPoints;
    }

    /// <summary>
    /// A figure the finding was computed from (<see cref="Inputs"/>) was read by OCR under the bar of
    /// <see cref="AlternativeReadings.UnsureBelow"/>, or an OCR warning names it (re-read, low confidence, an
    /// alternative chosen). A text input has no confidence and is never suspect.
    /// </summary>
    public static bool IsSuspect(Finding finding, CleanedForm form)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(form);
        var inputs = Inputs(finding, form).ToHashSet(StringComparer.Ordinal);
        return inputs.Any(p => form.Provenance.TryGetValue(p, out var where) && where.Confidence < AlternativeReadings.UnsureBelow) ||
               form.Warnings.Any(w => w.Code.StartsWith("ocr.", StringComparison.Ordinal) && w.Field is { } f && inputs.Contains(f));
    }

    /// <summary>The field paths a finding's check read: its own field and the figures it was recomputed from.</summary>
    public static IEnumerable<string> Inputs(Finding finding, CleanedForm form)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(form);
        var field = finding.Field;
        yield return field;
        var parts = field.Split('.');
        var line = parts is ["funding", var name, ..] ? $"funding.{name}" : null;
        var indicator = IndicatorIndex().Match(field) is { Success: true } m ? $"indicators[{m.Groups[1].Value}]" : null;
        switch (finding.Rule)
        {
            case "execution-rate" or "budget-score" or "executed-exceeds-budget" when line is not null:
                foreach (var column in (string[])["executionRate", "executed", "annualBudget", "score", "weight"]) yield return $"{line}.{column}";
                break;
            case "total-score":
                yield return "totalScore";
                yield return "funding.total.score";
                for (var i = 0; i < form.Indicators.Length; i++) yield return $"indicators[{i}].score";
                break;
            case "weight-sum" or "section-weight":
                yield return "totalWeight";
                yield return "funding.total.weight";
                for (var i = 0; i < form.Indicators.Length; i++) yield return $"indicators[{i}].weight";
                break;
            case "grade-mismatch":
                yield return "totalScore";
                break;
            case "funding-breakdown" when parts.Length == 3:
                foreach (var kind in (string[])["total", "fiscal", "carryover", "other"]) yield return $"funding.{kind}.{parts[2]}";
                break;
            case "rate-indicator-mismatch" when indicator is not null:
                yield return $"{indicator}.actual";
                yield return "funding.total.executionRate";
                break;
            case "score-exceeds-weight" or "target-not-met" or "target-exceeded" or "no-actual-scored" when indicator is not null:
                foreach (var column in (string[])["score", "weight", "target", "actual"]) yield return $"{indicator}.{column}";
                break;
        }
    }

    [GeneratedRegex(@"^indicators\[(\d+)\]")]
    private static partial Regex IndicatorIndex();
}
