using PerformanceEval.Checking;
using PerformanceEval.Contract;
using Xunit;

namespace PerformanceEval.Tests.Checking;

/// <summary>
/// Property-style tests over generated forms: a form whose figures agree raises nothing; changing one figure
/// raises exactly the rules that read it. Each case's random seed is in its name, so a failure replays.
/// </summary>
public sealed class CheckerPropertyTests
{
    private static readonly Checker Checker = Checker.CreateDefault(Forms.Options);

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    /// <summary>A consistent form: rate and score rounded half-up as printed, weights adding to 100.</summary>
    private static CleanedForm Consistent(int seed)
    {
        var random = new Random(seed);
        var annual = random.Next(10_000, 5_000_000) + 0.00m;
        var executed = Math.Round(annual * (decimal)(0.3 + 0.7 * random.NextDouble()), 2);
        var rate = Math.Round(executed / annual * 100m, 2, MidpointRounding.AwayFromZero);
        var fundingScore = Math.Round(rate / 100m * 10m, 2, MidpointRounding.AwayFromZero);
        var weights = new List<decimal>();
        for (var left = 90; left > 0;)
        {
            var w = Math.Min(left, random.Next(1, 4) * 5);
            weights.Add(w);
            left -= w;
        }
        var indicators = weights.Select((w, i) =>
        {
            var score = random.Next(3) == 0 ? w - random.Next(0, (int)w) : w;
            return i % 2 == 0
                ? Forms.Row($"指标{i}", w, score, ">=90%", $"{90 + random.Next(0, 11)}%")
                : Forms.Row($"指标{i}", w, score, "及时", "及时");
        }).ToArray();
        var total = indicators.Sum(i => i.Score!.Value) + fundingScore;
        return Forms.Standard(Forms.Line(annual: annual, executed: executed, rate: rate, weight: 10m, score: fundingScore),
            indicators, totalWeight: 100m, totalScore: total);
    }

    private static string[] Rules(CleanedForm form) => [.. Checker.Check(form).Select(f => f.Rule).Distinct().Order()];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_consistent_generated_form_raises_nothing(int seed) => Assert.Empty(Checker.Check(Consistent(seed)));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Changing_the_executed_amount_raises_execution_rate_only(int seed)
    {
        var form = Consistent(seed);
        var line = form.Funding.Total!;
        var changed = form with { Funding = form.Funding with { Total = line with { Executed = line.Executed!.Value * 0.9m } } };
        Assert.Equal(["execution-rate"], Rules(changed));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Changing_the_funding_score_raises_budget_score_and_total_score(int seed)
    {
        var form = Consistent(seed);
        var line = form.Funding.Total!;
        var changed = form with { Funding = form.Funding with { Total = line with { Score = line.Score!.Value + 1.5m } } };
        Assert.Equal(["budget-score", "total-score"], Rules(changed));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Changing_the_total_raises_total_score_only(int seed)
    {
        var form = Consistent(seed);
        Assert.Equal(["total-score"], Rules(form with { TotalScore = form.TotalScore + 2m }));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Changing_one_weight_raises_weight_sum_only(int seed)
    {
        var form = Consistent(seed);
        var first = form.Indicators[0];
        Assert.Equal(["weight-sum"], Rules(form with { Indicators = form.Indicators.SetItem(0, first with { Weight = first.Weight + 5m }) }));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Emptying_a_scored_actual_raises_no_actual_scored_only(int seed)
    {
        var form = Consistent(seed);
        var i = form.Indicators.Select((x, k) => (x, k)).First(p => p.x.Score > 0).k;
        Assert.Equal(["no-actual-scored"], Rules(form with { Indicators = form.Indicators.SetItem(i, form.Indicators[i] with { Actual = "无" }) }));
    }
}
