using PerformanceEval.Checking;
using PerformanceEval.Contract;
using PerformanceEval.Normalization;
using PerformanceEval.Templates;

namespace PerformanceEval.Tests.Checking;

/// <summary>Builds small forms for rule tests; figures are decimals with the scale they would be printed with.</summary>
internal static class Forms
{
    public static readonly CheckerOptions Options =
        PerformanceEval.Pipeline.PipelineSettings.Load(null).CheckerOptions(TemplateModel.Load("standard", null));

    public static CleanedForm Standard(FundingLine? total = null, Indicator[]? indicators = null, decimal? totalWeight = 100m,
        decimal? totalScore = null, string? currency = "元", PerformanceEval.Contract.Warning[]? warnings = null) => new()
    {
        Source = new FormSource { Path = "test.txt", Sha256 = new string('0', 64), InputKind = "text" },
        Template = "standard",
        Year = 2023,
        ProjectName = "测试项目",
        CurrencyUnit = currency,
        Funding = new Funding { Total = total },
        Indicators = [.. indicators ?? []],
        TotalWeight = totalWeight,
        TotalScore = totalScore,
        Warnings = [.. warnings ?? []],
    };

    public static FundingLine Line(decimal? annual = null, decimal? executed = null, decimal? rate = null,
        decimal? weight = null, decimal? score = null, decimal? initial = null) =>
        new() { InitialBudget = initial, AnnualBudget = annual, Executed = executed, ExecutionRate = rate, Weight = weight, Score = score };

    public static Indicator Row(string name, decimal? weight, decimal? score, string? target = null, string? actual = null) =>
        new() { Level1 = "产出指标", Level2 = "数量指标", Name = name, Target = target, Actual = actual, Weight = weight, Score = score };

    public static List<Finding> Run(ICheckRule rule, CleanedForm form, GradeScale? bands = null) =>
        [.. rule.Check(new CheckContext(form, bands, Options))];

    public static decimal D(string printed) => decimal.Parse(printed, System.Globalization.CultureInfo.InvariantCulture);
}
