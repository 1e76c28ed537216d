using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>currency-unit: 万元 is printed, but an amount is so large (≥ 1 billion yuan in 万元) it must be yuan.</summary>
public sealed class CurrencyUnitRule : ICheckRule
{
    public string Id => "currency-unit";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        if (context.Form.CurrencyUnit != "万元") yield break;
        var amounts = context.FundingLines()
            .SelectMany(f => new[] { ($"{f.Label}的年初预算数", f.Line.InitialBudget), ($"{f.Label}的全年预算数", f.Line.AnnualBudget), ($"{f.Label}的全年执行数", f.Line.Executed) })
            .Append(("上年预算金额", context.Form.Funding.PreviousYearBudget));
        var first = amounts.FirstOrDefault(a => a.Item2 >= context.Options.CurrencyUnitMaxWanYuan);
        if (first.Item2 is not { } amount) yield break;
        yield return Make.Finding(Id, "warning", "currencyUnit", "万元", "元",
            $"金额单位标注为万元，但{first.Item1}为{Printed.Text(amount)}（即{Printed.Text(amount / 10000m)}亿元），应为元");
    }
}
