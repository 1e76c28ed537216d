using System.Collections.Immutable;
using System.Text.Json;

namespace PerformanceEval.Templates;

/// <summary>
/// One department under one name: "宝山区行政服务中心" and "上海市宝山区行政服务中心" are the same 主管部门, printed two
/// ways by two years' forms. The canonical name is what filters, the store and reports group by; the form keeps the
/// name as printed. Read from <c>models/departments.json</c>: a district-led name takes the city prefix, and an alias
/// table maps any other printed name.
/// </summary>
public sealed class DepartmentNames
{
    private readonly string _cityPrefix;
    private readonly ImmutableArray<string> _districts;
    private readonly ImmutableDictionary<string, string> _aliases;

    private DepartmentNames(string cityPrefix, ImmutableArray<string> districts, ImmutableDictionary<string, string> aliases) =>
        (_cityPrefix, _districts, _aliases) = (cityPrefix, districts, aliases);

    /// <summary>The canonical name of a printed one; null for null.</summary>
    public string? Canonical(string? printed)
    {
        if (TextCleaner.Compact(printed) is not { Length: > 0 } name) return null;
        if (_aliases.TryGetValue(name, out var alias)) return alias;
        if (!name.StartsWith(_cityPrefix, StringComparison.Ordinal) && _districts.Any(d => name.StartsWith(d, StringComparison.Ordinal)))
            name = _cityPrefix + name;
        return _aliases.GetValueOrDefault(name, name);
    }

    /// <summary>The table from <paramref name="modelsPath"/> when it holds one, else the embedded one.</summary>
    public static DepartmentNames Load(string? modelsPath)
    {
        string json;
        if (modelsPath is not null && File.Exists(Path.Combine(modelsPath, "departments.json")))
            json = File.ReadAllText(Path.Combine(modelsPath, "departments.json"));
        else
        {
            using var stream = typeof(DepartmentNames).Assembly.GetManifestResourceStream("models.departments.json")
                ?? throw new InvalidOperationException("embedded model departments.json is missing from the build");
            using var reader = new StreamReader(stream);
            json = reader.ReadToEnd();
        }
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new DepartmentNames(
            root.GetProperty("cityPrefix").GetString() ?? "",
            [.. root.GetProperty("districts").EnumerateArray().Select(d => d.GetString()!)],
            root.GetProperty("aliases").EnumerateObject().ToImmutableDictionary(p => TextCleaner.Compact(p.Name), p => p.Value.GetString()!));
    }
}
