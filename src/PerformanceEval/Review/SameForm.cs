using System.Globalization;
using PerformanceEval.Contract;
using PerformanceEval.Templates;

namespace PerformanceEval.Review;

/// <summary>One figure two sources of the same form read differently.</summary>
/// <param name="Field">The field's path (<c>funding.total.executed</c>, <c>indicators[3].score</c>).</param>
/// <param name="Here">What this source read (null: not read).</param>
/// <param name="There">What the other source read.</param>
public sealed record SourceDisagreement(string Field, string? Here, string? There);

/// <summary>
/// The same form arriving from several sources — the TSV a department sent, the PDF it printed, the scan of the signed
/// copy — is recognised by what it says, not by its file: the same year and 主管部门, and the same project name or
/// (a project name the OCR misread) the same budget and execution. Where the sources then read a figure differently,
/// that is shown: one of them misread it, and the auditor picks the source to trust.
/// </summary>
public static class SameForm
{
    public static bool Matches(CleanedForm a, CleanedForm b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Year is null || a.Year != b.Year || Department(a) is not { } department || department != Department(b)) return false;
        if (a.ProjectName is { } p && b.ProjectName is { } q && TextCleaner.Compact(p) == TextCleaner.Compact(q)) return true;
        return a.Funding.Total is { AnnualBudget: { } budget, Executed: { } executed } &&
               b.Funding.Total is { AnnualBudget: { } budget2, Executed: { } executed2 } && budget == budget2 && executed == executed2;
    }

    /// <summary>The figures (and grade) that <paramref name="here"/> and <paramref name="there"/> read differently, in the form's order.</summary>
    public static List<SourceDisagreement> Differences(CleanedForm here, CleanedForm there)
    {
        ArgumentNullException.ThrowIfNull(here);
        ArgumentNullException.ThrowIfNull(there);
        var found = new List<SourceDisagreement>();
        void Compare(string field, decimal? a, decimal? b)
        {
            // 7.30 and 7.3 are one figure: the comparison is by value, the display as each source printed it.
            if (a != b) found.Add(new SourceDisagreement(field, Show(a), Show(b)));
        }
        foreach (var (name, a, b) in new[] { ("total", here.Funding.Total, there.Funding.Total), ("fiscal", here.Funding.Fiscal, there.Funding.Fiscal),
                     ("carryover", here.Funding.Carryover, there.Funding.Carryover), ("other", here.Funding.Other, there.Funding.Other) })
        {
            Compare($"funding.{name}.initialBudget", a?.InitialBudget, b?.InitialBudget);
            Compare($"funding.{name}.annualBudget", a?.AnnualBudget, b?.AnnualBudget);
            Compare($"funding.{name}.executed", a?.Executed, b?.Executed);
            Compare($"funding.{name}.executionRate", a?.ExecutionRate, b?.ExecutionRate);
            Compare($"funding.{name}.weight", a?.Weight, b?.Weight);
            Compare($"funding.{name}.score", a?.Score, b?.Score);
        }
        for (var i = 0; i < Math.Min(here.Indicators.Length, there.Indicators.Length); i++)
        {
            Compare($"indicators[{i}].weight", here.Indicators[i].Weight, there.Indicators[i].Weight);
            Compare($"indicators[{i}].score", here.Indicators[i].Score, there.Indicators[i].Score);
        }
        if (here.Indicators.Length != there.Indicators.Length)
            found.Add(new SourceDisagreement("indicators", $"{here.Indicators.Length} 项", $"{there.Indicators.Length} 项"));
        Compare("totalWeight", here.TotalWeight, there.TotalWeight);
        Compare("totalScore", here.TotalScore, there.TotalScore);
        if (here.Grade != there.Grade) found.Add(new SourceDisagreement("grade", here.Grade, there.Grade));
        return found;
    }

    private static string? Department(CleanedForm form) => form.DepartmentCanonical ?? form.Department;

    private static string? Show(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
