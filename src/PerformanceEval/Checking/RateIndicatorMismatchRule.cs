using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>
/// rate-indicator-mismatch: an indicator named 预算执行率 / 资金执行率 / 资金使用率 reports an actual rate that
/// the funding block's stated 执行率 does not give at the actual's printed precision.
/// </summary>
public sealed class RateIndicatorMismatchRule : ICheckRule
{
    private static readonly string[] RateNames = ["预算执行率", "资金执行率", "资金使用率"];

    public string Id => "rate-indicator-mismatch";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        if (CheckContext.RateOf(context.Form.Funding.Total) is not { } r) yield break;
        var indicators = context.Form.Indicators;
        for (var i = 0; i < indicators.Length; i++)
        {
            var indicator = indicators[i];
            if (indicator.Name is null || !RateNames.Any(indicator.Name.Contains)) continue;
            var actual = ComparableValue.Parse(indicator.Actual, context.Options.Units);
            if (actual is null || actual.Comparator is not (Comparator.None or Comparator.Equal) || actual.Unit is not ("" or "%")) continue;
            if (Printed.Consistent(actual.Value, r)) continue;
            yield return Make.Finding(Id, "warning", $"indicators[{i}].actual", indicator.Actual, r,
                $"指标“{indicator.Name}”实际完成值为{indicator.Actual}，与项目资金执行率{Printed.Text(r)}%不符");
        }
    }
}
