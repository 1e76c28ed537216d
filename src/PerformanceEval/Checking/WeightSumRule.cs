using PerformanceEval.Diagnostics;
using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>weight-sum: Σ indicator 分值 + the funding 分值 is not the stated total weight (or 100 when none is stated).</summary>
public sealed class WeightSumRule : ICheckRule
{
    public string Id => "weight-sum";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        var form = context.Form;
        if (form.HasAny(DiagnosticCodes.IndicatorsIncomplete)) yield break;
        var weights = form.Indicators.Select(i => i.Weight).OfType<decimal>().ToList();
        if (weights.Count == 0) yield break;
        var sum = weights.Sum() + (form.Funding.Total?.Weight ?? 0m);
        var stated = form.TotalWeight ?? 100m;
        if (sum == stated) yield break;
        var what = form.TotalWeight is null ? "未填报总分值，应为100" : $"总分值填报为{Printed.Text(stated)}";
        yield return Make.Finding(Id, "error", "totalWeight", stated, Printed.Normalize(sum),
            $"{what}，但各指标分值与资金分值之和为{Printed.Text(Printed.Normalize(sum))}");
    }
}
