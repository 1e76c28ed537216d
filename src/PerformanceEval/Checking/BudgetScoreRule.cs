using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>budget-score: the funding 得分 is not min(执行率, 100) ÷ 100 × 分值 (stated rate, else recomputed).</summary>
public sealed class BudgetScoreRule : ICheckRule
{
    public string Id => "budget-score";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        foreach (var (path, label, line) in context.FundingLines())
        {
            if (line is not { Weight: { } weight, Score: { } score }) continue;
            if (CheckContext.RateOf(line) is not { } r) continue;
            var exact = Math.Min(r, 100m) / 100m * weight;
            if (Printed.Consistent(score, exact)) continue;
            var shown = Printed.Show(exact, score);
            var severity = Math.Abs(score - exact) >= context.Options.BudgetScoreErrorPoints ? "error" : "warning";
            yield return Make.Finding(Id, severity, $"{path}.score", score, shown,
                $"{label}得分填报为{Printed.Text(score)}，按执行率{Printed.Text(r)}%×分值{Printed.Text(weight)}计算应为{Printed.Text(shown)}");
        }
    }
}
