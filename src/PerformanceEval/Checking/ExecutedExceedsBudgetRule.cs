using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>executed-exceeds-budget: a funding line executed more than its 全年预算数.</summary>
public sealed class ExecutedExceedsBudgetRule : ICheckRule
{
    public string Id => "executed-exceeds-budget";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        foreach (var (path, label, line) in context.FundingLines())
        {
            if (line is not { Executed: { } executed, AnnualBudget: { } budget } || executed <= budget) continue;
            yield return Make.Finding(Id, "warning", $"{path}.executed", executed, budget,
                $"{label}全年执行数{Printed.Text(executed)}超过全年预算数{Printed.Text(budget)}");
        }
    }
}
