using System.Collections.Immutable;
using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>
/// Findings one discrepancy raised several times, given one <see cref="Finding.Cause"/> so that an auditor sees, decides
/// and counts them once:
/// - every <c>funding-breakdown</c> of a form: the components do not add up, column after column of one table;
/// - a funding line's <c>budget-score</c> with its own <c>execution-rate</c>: the score is computed from the stated rate;
/// - <c>grade-mismatch</c> with <c>total-score</c>: the grade is read against the stated total;
/// - one misread row: a single <c>score-exceeds-weight</c> with the form's <c>total-score</c> (and its grade) — the score
///   read beyond its weight (50 for 5) is what puts the rows' sum off the total.
/// A finding alone in its cause keeps none. Which of a cause's findings leads is the checker's order (the contract's
/// order of rules): the rate before its score, the total before its grade.
/// </summary>
public static class FindingCauses
{
    public static ImmutableArray<Finding> Grouped(ImmutableArray<Finding> findings)
    {
        var keys = findings.Select(f => KeyOf(f, findings)).ToList();
        var sizes = keys.Where(k => k is not null).GroupBy(k => k!).ToDictionary(g => g.Key, g => g.Count());
        return [.. findings.Select((f, i) => keys[i] is { } key && sizes[key] > 1 ? f with { Cause = key } : f with { Cause = null })];
    }

    private static string? KeyOf(Finding finding, ImmutableArray<Finding> all)
    {
        var line = finding.Field.Split('.') is ["funding", var name, ..] ? $"funding.{name}" : null;
        var total = all.Any(f => f.Rule == "total-score");
        var row = total && all.Where(f => f.Rule == "score-exceeds-weight").ToList() is [var only] ? only.Field : null;
        return finding.Rule switch
        {
            "score-exceeds-weight" or "total-score" or "grade-mismatch" when row is not null => row,
            "funding-breakdown" => "funding-breakdown",
            "execution-rate" or "budget-score" when line is not null &&
                all.Any(f => f.Rule == "execution-rate" && f.Field == $"{line}.executionRate") &&
                all.Any(f => f.Rule == "budget-score" && f.Field == $"{line}.score") => $"{line}.executionRate",
            "total-score" or "grade-mismatch" when total && all.Any(f => f.Rule == "grade-mismatch") => "totalScore",
            _ => null,
        };
    }
}
