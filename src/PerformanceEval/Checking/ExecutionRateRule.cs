using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>execution-rate: the stated 执行率 is not 全年执行数 ÷ 全年预算数 × 100 at its printed precision.</summary>
public sealed class ExecutionRateRule : ICheckRule
{
    public string Id => "execution-rate";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        foreach (var (path, label, line) in context.FundingLines())
        {
            if (line is not { ExecutionRate: { } rate, Executed: { } executed, AnnualBudget: { } budget } || budget <= 0) continue;
            var exact = executed / budget * 100m;
            if (Printed.Consistent(rate, exact)) continue;
            var shown = Printed.Show(exact, rate);
            var severity = Math.Abs(rate - exact) >= context.Options.ExecutionRateErrorPoints ? "error" : "warning";
            yield return Make.Finding(Id, severity, $"{path}.executionRate", rate, shown,
                $"{label}执行率填报为{Printed.Text(rate)}%，按全年执行数/全年预算数（{Printed.Text(executed)}/{Printed.Text(budget)}）计算应为{Printed.Text(shown)}%");
        }
    }
}
