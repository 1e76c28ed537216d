using System.Collections.Immutable;
using System.Text.Json;

namespace PerformanceEval.Templates;

/// <summary>A grade scale: bands by minimum total, highest first.</summary>
public sealed record GradeScale(ImmutableArray<GradeBand> Bands)
{
    /// <summary>The grade this scale gives a total.</summary>
    public string GradeFor(decimal total) => Bands.OrderByDescending(b => b.Min).First(b => total >= b.Min).Grade;

    public bool Contains(string grade) => Bands.Any(b => b.Grade == grade);

    /// <summary>Reads scales written as [{"bands": [{"min": 90, "grade": "优秀"}, …]}, …].</summary>
    public static ImmutableArray<GradeScale> ParseAll(JsonElement scales) =>
        [.. scales.EnumerateArray().Select(s => new GradeScale([.. s.GetProperty("bands").EnumerateArray()
            .Select(b => new GradeBand(b.GetProperty("min").GetDecimal(), b.GetProperty("grade").GetString()!))]))];
}

/// <summary>One band: totals from <see cref="Min"/> (inclusive) up get <see cref="Grade"/>.</summary>
public sealed record GradeBand(decimal Min, string Grade);
