using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>section-weight (criteria): a section's printed weight ("(36分)") is not Σ 权重 of its indicators.</summary>
public sealed class SectionWeightRule : ICheckRule
{
    public string Id => "section-weight";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        var form = context.Form;
        for (var s = 0; s < form.Sections.Length; s++)
        {
            var section = form.Sections[s];
            if (section.Weight is not { } printed) continue;
            var members = form.Indicators.Where(i => i.Level1 == section.Name).ToList();
            if (members.Count == 0) continue;
            var sum = members.Select(i => i.Weight ?? 0m).Sum();
            if (sum == printed) continue;
            yield return Make.Finding(Id, "error", $"sections[{s}].weight", printed, Printed.Normalize(sum),
                $"一级指标“{section.Name}”标注{Printed.Text(printed)}分，但其下指标权重之和为{Printed.Text(Printed.Normalize(sum))}");
        }
    }
}
