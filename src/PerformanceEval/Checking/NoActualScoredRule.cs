using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>no-actual-scored (standard): the 实际完成值 is empty, "无" or "/", yet the indicator scored above 0.</summary>
public sealed class NoActualScoredRule : ICheckRule
{
    public string Id => "no-actual-scored";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        if (context.Form.Template != "standard") yield break;
        var indicators = context.Form.Indicators;
        for (var i = 0; i < indicators.Length; i++)
        {
            var indicator = indicators[i];
            if (indicator.Score is not > 0 || !IsNone(indicator.Actual)) continue;
            yield return Make.Finding(Id, "warning", $"indicators[{i}].score", indicator.Score, 0m,
                $"指标“{indicator.Name}”实际完成值{(string.IsNullOrWhiteSpace(indicator.Actual) ? "未填写" : $"为“{indicator.Actual}”")}，但得分为{Printed.Text(indicator.Score.Value)}");
        }
    }

    private static bool IsNone(string? actual) =>
        string.IsNullOrWhiteSpace(actual) || actual.Trim() is "无" or "/" or "／";
}
