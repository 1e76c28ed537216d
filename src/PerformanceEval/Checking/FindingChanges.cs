using System.Collections.Immutable;
using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>What changed in the checker's findings between two versions of a form: gone, new, and still there.</summary>
public sealed record FindingChanges(ImmutableArray<Finding> Resolved, ImmutableArray<Finding> Raised, ImmutableArray<Finding> Remaining)
{
    /// <summary>Findings matched by rule and field (duplicates counted): those only before are resolved, those only after raised.</summary>
    public static FindingChanges Between(IReadOnlyList<Finding> before, IReadOnlyList<Finding> after)
    {
        var unmatched = after.ToList();
        var resolved = ImmutableArray.CreateBuilder<Finding>();
        var remaining = ImmutableArray.CreateBuilder<Finding>();
        foreach (var finding in before)
        {
            var match = unmatched.FindIndex(f => f.Rule == finding.Rule && f.Field == finding.Field);
            if (match < 0) { resolved.Add(finding); continue; }
            remaining.Add(unmatched[match]);
            unmatched.RemoveAt(match);
        }
        return new FindingChanges(resolved.ToImmutable(), [.. unmatched], remaining.ToImmutable());
    }
}
