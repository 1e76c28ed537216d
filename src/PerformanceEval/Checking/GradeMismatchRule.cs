using PerformanceEval.Contract;
using PerformanceEval.Templates;

namespace PerformanceEval.Checking;

/// <summary>
/// grade-mismatch: the stated 绩效等级 is not what the total gives — by the bands the form prints when the grade
/// word is of that scale, else by the scale the word belongs to (优秀/良好/合格/不合格, or 优/良/中/差).
/// </summary>
public sealed class GradeMismatchRule : ICheckRule
{
    public string Id => "grade-mismatch";

    public IEnumerable<Finding> Check(CheckContext context)
    {
        var form = context.Form;
        if (form.Grade is not { } grade || form.TotalScore is not { } total) yield break;
        GradeScale? scale = context.PrintedBands is { } printed && printed.Contains(grade)
            ? printed
            : context.Options.GradeScales.FirstOrDefault(s => s.Contains(grade));
        if (scale is null) yield break;
        var expected = scale.GradeFor(total);
        if (expected == grade) yield break;
        yield return Make.Finding(Id, "error", "grade", grade, expected,
            $"绩效等级填报为“{grade}”，按总分{Printed.Text(total)}应为“{expected}”");
    }
}
