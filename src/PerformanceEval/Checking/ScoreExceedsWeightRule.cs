using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>score-exceeds-weight: an indicator's 得分 is above its 分值, or below 0.</summary>
public sealed class ScoreExceedsWeightRule : ICheckRule
{
    public string Id => "score-exceeds-weight";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        var indicators = context.Form.Indicators;
        for (var i = 0; i < indicators.Length; i++)
        {
            if (indicators[i] is not { Score: { } score } indicator) continue;
            if (score < 0)
                yield return Make.Finding(Id, "error", $"indicators[{i}].score", score, 0m,
                    $"指标“{indicator.Name}”得分为{Printed.Text(score)}，不应为负数");
            else if (indicator.Weight is { } weight && score > weight)
                yield return Make.Finding(Id, "error", $"indicators[{i}].score", score, weight,
                    $"指标“{indicator.Name}”得分{Printed.Text(score)}超过其分值{Printed.Text(weight)}");
        }
    }
}
