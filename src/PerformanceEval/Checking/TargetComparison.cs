using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>How an actual stands against its target, for the target-* rules.</summary>
internal enum TargetOutcome { NotComparable, Met, Missed, Exceeded }

internal static class TargetComparison
{
    /// <summary>
    /// Compares an indicator's actual with its target. An actual that repeats the target's comparator
    /// (">=95%" against ">=95%") restates it and counts as met; one with another inequality is not comparable.
    /// A target without a comparator ("100%") is read as "=".
    /// </summary>
    public static TargetOutcome Compare(Indicator indicator, IReadOnlyCollection<string> units)
    {
        var target = ComparableValue.Parse(indicator.Target, units);
        var actual = ComparableValue.Parse(indicator.Actual, units);
        if (target is null || actual is null || !target.UnitsCompare(actual)) return TargetOutcome.NotComparable;
        var comparator = target.Comparator == Comparator.None ? Comparator.Equal : target.Comparator;
        if (actual.Comparator != Comparator.None && actual.Comparator != Comparator.Equal)
            return actual.Comparator == comparator ? TargetOutcome.Met : TargetOutcome.NotComparable;
        var (a, t) = (actual.Value, target.Value);
        var missed = comparator switch
        {
            Comparator.Greater => a <= t,
            Comparator.GreaterOrEqual => a < t,
            Comparator.Less => a >= t,
            Comparator.LessOrEqual => a > t,
            _ => a < t,
        };
        if (missed) return TargetOutcome.Missed;
        return comparator == Comparator.Equal && a > t ? TargetOutcome.Exceeded : TargetOutcome.Met;
    }

    public static bool FullMarks(Indicator i) => i is { Score: { } s, Weight: { } w } && s == w && w > 0;
}

/// <summary>target-not-met: the actual misses a comparable target, yet the indicator got its full weight.</summary>
public sealed class TargetNotMetRule : ICheckRule
{
    public string Id => "target-not-met";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        var indicators = context.Form.Indicators;
        for (var i = 0; i < indicators.Length; i++)
        {
            var indicator = indicators[i];
            if (!TargetComparison.FullMarks(indicator) ||
                TargetComparison.Compare(indicator, context.Options.Units) != TargetOutcome.Missed) continue;
            yield return Make.Finding(Id, "warning", $"indicators[{i}].score", indicator.Score, null,
                $"指标“{indicator.Name}”年度指标值为{indicator.Target}，实际完成值{indicator.Actual}未达到，但得分为满分{Printed.Text(indicator.Score!.Value)}");
        }
    }
}

/// <summary>target-exceeded: an "=" target the actual exceeds, with full marks: the target was set too low.</summary>
public sealed class TargetExceededRule : ICheckRule
{
    public string Id => "target-exceeded";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        var indicators = context.Form.Indicators;
        for (var i = 0; i < indicators.Length; i++)
        {
            var indicator = indicators[i];
            if (!TargetComparison.FullMarks(indicator) ||
                TargetComparison.Compare(indicator, context.Options.Units) != TargetOutcome.Exceeded) continue;
            yield return Make.Finding(Id, "info", $"indicators[{i}].target", indicator.Target, indicator.Actual,
                $"指标“{indicator.Name}”年度指标值为{indicator.Target}，实际完成值{indicator.Actual}超出目标，目标值可能设置偏低");
        }
    }
}
