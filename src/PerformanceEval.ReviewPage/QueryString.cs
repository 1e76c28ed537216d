namespace PerformanceEval.ReviewPage;

/// <summary>The query part of the page's own addresses, its values escaped; parts without a value are left out.</summary>
internal static class QueryString
{
    /// <summary>"?name=value&amp;…", or "" when no part has a value.</summary>
    public static string Of(params (string Name, string? Value)[] parts)
    {
        var given = parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join("&", given);
    }
}
