using System.Collections.Immutable;
using PerformanceEval.Templates;

namespace PerformanceEval.Checking;

/// <summary>The checker's tolerances (pipeline.json "checker").</summary>
/// <param name="ExecutionRateErrorPoints">An 执行率 off by at least this many percentage points is an error, less a warning (default 1).</param>
/// <param name="BudgetScoreErrorPoints">A funding 得分 off by at least this is an error (default 0.5).</param>
/// <param name="TotalScoreErrorPoints">A 总分 off by at least this is an error (default 1).</param>
/// <param name="CurrencyUnitMaxWanYuan">An amount in 万元 at or above this is almost surely yuan (default 100,000).</param>
/// <param name="GradeScales">The grade scales a grade word may belong to (优秀/良好/合格/不合格, 优/良/中/差).</param>
/// <param name="Units">Measure words a comparable target may end in ("%", "人", "次" …).</param>
public sealed record CheckerOptions(
    decimal ExecutionRateErrorPoints,
    decimal BudgetScoreErrorPoints,
    decimal TotalScoreErrorPoints,
    decimal CurrencyUnitMaxWanYuan,
    ImmutableArray<GradeScale> GradeScales,
    ImmutableArray<string> Units)
{
    /// <summary>
    /// A finding is material (重大) when this many yuan or more are at stake (default 10,000: 1 万元). Sets the review
    /// queue's order, never a finding's severity, which the contract fixes per rule.
    /// </summary>
    public decimal MaterialYuan { get; init; } = 10_000m;

    /// <summary>A finding about points (rates, scores, weights) is material when off by this many or more (default 1).</summary>
    public decimal MaterialPoints { get; init; } = 1m;

    /// <summary>The contract's tolerances, with the given grade scales and the units of the standard template model.</summary>
    public static CheckerOptions Default(TemplateModel model, ImmutableArray<GradeScale> gradeScales) =>
        new(1.0m, 0.5m, 1.0m, 100_000m, gradeScales, model.Units);
}
