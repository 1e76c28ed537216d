using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>
/// funding-breakdown: 当年财政拨款 + 上年结转资金 + 其他资金 is not the 年度资金总额 in a column where the total is
/// stated and some component is; or a component executed more than the total did.
/// </summary>
public sealed class FundingBreakdownRule : ICheckRule
{
    private static readonly (string Field, string Label, Func<FundingLine, decimal?> Get)[] Columns =
    [
        ("initialBudget", "年初预算数", l => l.InitialBudget),
        ("annualBudget", "全年预算数", l => l.AnnualBudget),
        ("executed", "全年执行数", l => l.Executed),
    ];

    public string Id => "funding-breakdown";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        var funding = context.Form.Funding;
        if (funding.Total is not { } total) yield break;
        var components = new[] { ("funding.fiscal", "当年财政拨款", funding.Fiscal), ("funding.carryover", "上年结转资金", funding.Carryover), ("funding.other", "其他资金", funding.Other) };
        foreach (var (field, label, get) in Columns)
        {
            if (get(total) is not { } stated) continue;
            var parts = components.Select(c => c.Item3 is null ? null : get(c.Item3)).ToList();
            if (parts.All(p => p is null)) continue;
            var sum = parts.Sum(p => p ?? 0m);
            if (sum == stated) continue;
            yield return Make.Finding(Id, "warning", $"funding.total.{field}", stated, Printed.Normalize(sum),
                $"{label}：年度资金总额为{Printed.Text(stated)}，但当年财政拨款、上年结转资金、其他资金之和为{Printed.Text(Printed.Normalize(sum))}");
        }
        if (total.Executed is not { } totalExecuted) yield break;
        foreach (var (path, label, line) in components)
        {
            if (line?.Executed is not { } executed || executed <= totalExecuted) continue;
            yield return Make.Finding(Id, "warning", $"{path}.executed", executed, totalExecuted,
                $"{label}全年执行数{Printed.Text(executed)}超过年度资金总额的全年执行数{Printed.Text(totalExecuted)}");
        }
    }
}
