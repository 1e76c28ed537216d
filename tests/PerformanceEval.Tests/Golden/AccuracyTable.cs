using System.Text;

namespace PerformanceEval.Tests.Golden;

/// <summary>The per-field accuracy table the golden tests print.</summary>
internal static class AccuracyTable
{
    public static string Render(string title, IReadOnlyCollection<FieldOutcome> outcomes)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{title}: {outcomes.Count(o => o.Correct)}/{outcomes.Count} fields right ({Percent(outcomes):F2}%)");
        sb.AppendLine($"  {"field",-30} {"right",6} {"all",6} {"accuracy",9}");
        foreach (var group in outcomes.GroupBy(o => o.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
            sb.AppendLine($"  {group.Key,-30} {group.Count(o => o.Correct),6} {group.Count(),6} {Percent([.. group]),8:F2}%");
        return sb.ToString();
    }

    public static double Percent(IReadOnlyCollection<FieldOutcome> outcomes) =>
        outcomes.Count == 0 ? 100 : 100.0 * outcomes.Count(o => o.Correct) / outcomes.Count;
}
