using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>missing-field: a field every check needs could not be read.</summary>
public sealed class MissingFieldRule : ICheckRule
{
    public string Id => "missing-field";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        var form = context.Form;
        var fields = new (string Path, string Label, bool Missing)[]
        {
            ("year", "年度", form.Year is null),
            ("projectName", "项目名称", form.ProjectName is null),
            ("funding.total.annualBudget", form.Template == "criteria" ? "当年预算数" : "全年预算数", form.Funding.Total?.AnnualBudget is null),
            ("funding.total.executed", form.Template == "criteria" ? "预算执行数" : "全年执行数", form.Funding.Total?.Executed is null),
            ("totalScore", "总分", form.TotalScore is null),
        };
        foreach (var (path, label, missing) in fields.Where(f => f.Missing))
            yield return Make.Finding(Id, "warning", path, null, null, $"未能读取{label}");
    }
}
