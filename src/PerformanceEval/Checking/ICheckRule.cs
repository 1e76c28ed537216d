using System.Collections.Immutable;
using PerformanceEval.Contract;
using PerformanceEval.Templates;

namespace PerformanceEval.Checking;

/// <summary>What a rule sees: the form, the grade bands it prints (if any), the options.</summary>
public sealed record CheckContext(CleanedForm Form, GradeScale? PrintedBands, CheckerOptions Options)
{
    /// <summary>The form's funding lines with their contract paths, in form order.</summary>
    public IEnumerable<(string Path, string Label, FundingLine Line)> FundingLines()
    {
        if (Form.Funding.Total is { } t) yield return ("funding.total", "年度资金总额", t);
        if (Form.Funding.Fiscal is { } f) yield return ("funding.fiscal", "当年财政拨款", f);
        if (Form.Funding.Carryover is { } c) yield return ("funding.carryover", "上年结转资金", c);
        if (Form.Funding.Other is { } o) yield return ("funding.other", "其他资金", o);
    }

    /// <summary>A line's 执行率: the stated one, else executed ÷ annual budget × 100, else null.</summary>
    public static decimal? RateOf(FundingLine? line) =>
        line?.ExecutionRate ?? (line is { Executed: { } e, AnnualBudget: { } b } && b > 0 ? e / b * 100m : null);
}

/// <summary>One contract rule. Rules never throw on a form: a figure that is missing simply does not fire.</summary>
public interface ICheckRule
{
    /// <summary>The contract's rule id ("execution-rate").</summary>
    string Id { get; }

    IEnumerable<Finding> Check(CheckContext context);
}

/// <summary>Runs every rule on a form and returns its findings in rule order.</summary>
public sealed class Checker(IEnumerable<ICheckRule> rules, CheckerOptions options)
{
    private readonly ImmutableArray<ICheckRule> _rules = [.. rules];

    public CheckerOptions Options { get; } = options;

    /// <summary>Every contract rule, in the contract's order.</summary>
    public static Checker CreateDefault(CheckerOptions options) => new(
    [
        new ExecutionRateRule(), new BudgetScoreRule(), new TotalScoreRule(), new WeightSumRule(),
        new ScoreExceedsWeightRule(), new SectionWeightRule(), new TargetNotMetRule(), new TargetExceededRule(),
        new NoActualScoredRule(), new RateIndicatorMismatchRule(), new ExecutedExceedsBudgetRule(),
        new FundingBreakdownRule(), new GradeMismatchRule(), new CurrencyUnitRule(), new MissingFieldRule(),
    ], options);

    public ImmutableArray<Finding> Check(CleanedForm form, GradeScale? printedBands = null)
    {
        var context = new CheckContext(form, printedBands, Options);
        return FindingCauses.Grouped([.. _rules.SelectMany(r => r.Check(context)).Select(f => f.Priced(form).Weighed(form, Options))]);
    }
}

internal static class Make
{
    public static Finding Finding(string rule, string severity, string field, object? stated, object? expected, string message) =>
        new() { Rule = rule, Severity = severity, Field = field, Stated = stated, Expected = expected, Message = message };
}
