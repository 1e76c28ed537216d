using PerformanceEval.Diagnostics;
using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>total-score: the stated 总分 is not Σ indicator 得分 + the 年度资金总额 line's 得分.</summary>
public sealed class TotalScoreRule : ICheckRule
{
    public string Id => "total-score";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        var form = context.Form;
        if (form.HasAny(DiagnosticCodes.IndicatorsIncomplete)) yield break;
        if (form.TotalScore is not { } total) yield break;
        var scores = form.Indicators.Select(i => i.Score).OfType<decimal>().ToList();
        var funding = form.Funding.Total?.Score;
        if (scores.Count == 0 && funding is null) yield break;
        var sum = scores.Sum() + (funding ?? 0m);
        if (Printed.Consistent(total, sum)) yield break;
        var severity = Math.Abs(total - sum) >= context.Options.TotalScoreErrorPoints ? "error" : "warning";
        var parts = funding is null ? "各指标得分之和" : $"各指标得分之和加资金得分{Printed.Text(funding.Value)}";
        yield return Make.Finding(Id, severity, "totalScore", total, Printed.Normalize(sum),
            $"总分填报为{Printed.Text(total)}，按{parts}计算应为{Printed.Text(Printed.Normalize(sum))}");
    }
}
