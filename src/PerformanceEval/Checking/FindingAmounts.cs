using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>
/// What a finding is worth to an auditor: <c>difference</c> (stated − expected) and, for rules about money,
/// <c>amount</c> — the yuan concerned. Kept apart from the rules so that the same figures are given to findings
/// the checker raises now and to findings read back from a version-1 file or store.
/// </summary>
public static class FindingAmounts
{
    /// <summary>The finding with its difference and amount filled in from the form it was raised on.</summary>
    public static Finding Priced(this Finding finding, CleanedForm form)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(form);
        var difference = Number(finding.Stated) is { } s && Number(finding.Expected) is { } e ? Printed.Normalize(s - e) : (decimal?)null;
        return finding with { Difference = difference, Amount = AmountOf(finding, form) };
    }

    /// <summary>
    /// Yuan: the gap of a funding breakdown, what was spent over a budget or over the total, and for a misstated
    /// 执行率 the money the gap stands for, |stated − executed ÷ budget × 100| × budget ÷ 100. Forms in 万元 are
    /// converted. Null for rules about points, text or completeness.
    /// </summary>
    public static decimal? AmountOf(Finding finding, CleanedForm form)
    {
        var (stated, expected) = (Number(finding.Stated), Number(finding.Expected));
        decimal? inUnit = finding.Rule switch
        {
            "funding-breakdown" or "executed-exceeds-budget" when stated is { } s && expected is { } e => Math.Abs(s - e),
            "execution-rate" when stated is { } rate && LineOf(form, finding.Field) is { Executed: { } executed, AnnualBudget: { } budget } && budget > 0 =>
                Math.Abs(rate - executed / budget * 100m) * budget / 100m,
            _ => null,
        };
        if (inUnit is not { } amount) return null;
        var yuan = form.CurrencyUnit == "万元" ? amount * 10000m : amount;
        return Printed.Normalize(Math.Round(yuan, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>A stated or expected figure: a decimal from the checker, a JSON number from a file or a store.</summary>
    internal static decimal? Number(object? value) => value switch
    {
        decimal d => d,
        int i => i,
        double x when double.IsFinite(x) && Math.Abs(x) < 1e15 => (decimal)x,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e when e.TryGetDecimal(out var d) => d,
        _ => null,
    };

    private static FundingLine? LineOf(CleanedForm form, string field) => field.Split('.') switch
    {
        ["funding", "total", ..] => form.Funding.Total,
        ["funding", "fiscal", ..] => form.Funding.Fiscal,
        ["funding", "carryover", ..] => form.Funding.Carryover,
        ["funding", "other", ..] => form.Funding.Other,
        _ => null,
    };
}
