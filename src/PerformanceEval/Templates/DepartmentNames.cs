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

    /// <summary>
    /// An OCR reading of a department's or unit's name whose head — the city and a district of the table — came out
    /// garbled, put right; null where it needs nothing. Only the head is touched, and only where a district stands in
    /// the reading exactly: what stands before it is the city prefix read with more or other characters — repeated
    /// ("上上上海市宝山区…"), with one character misread ("上诲市黄浦区…", "二海市徐汇区…"), after a label of the form the
    /// reader glued on ("主管惠站上海市宝山区…": four characters, two of 主管部门 or 实施单位), or with the district's first
    /// characters twice ("上海市普陀普陀区…"). Marks before the name ("-上诲市…") go with it. Anything else before the
    /// district is left as read.
    /// </summary>
    public string? RestoreHead(string read)
    {
        var (at, district) = _districts.Select(d => (At: read.IndexOf(d, StringComparison.Ordinal), District: d))
            .Where(x => x.At > 0).OrderBy(x => x.At).FirstOrDefault();
        if (district is null) return null;
        var printed = read[..at];
        var head = printed;
        var stem = district[..^1];
        if (head.EndsWith(stem, StringComparison.Ordinal) && head[..^stem.Length].TrimStart(NotName).EndsWith(_cityPrefix, StringComparison.Ordinal))
            head = head[..^stem.Length];
        var city = head.TrimStart(NotName);
        if (city.EndsWith(_cityPrefix, StringComparison.Ordinal))
        {
            // What stands before the prefix is the reader's: the prefix's first character again, or a label of the form's
            // (主管部门, 实施单位) glued on. A name's own words before the city ("中共上海市…", "共青团上海市…") stay.
            var before = city[..^_cityPrefix.Length];
            if (before.Length > 0 && !before.All(c => c == _cityPrefix[0]) &&
                !(before.Length == 4 && (LabelMatcher.Lcs(before, "主管部门") >= 2 || LabelMatcher.Lcs(before, "实施单位") >= 2)))
                return null;
            city = _cityPrefix;
        }
        else if (city.Length == _cityPrefix.Length && city[^1] == _cityPrefix[^1] &&
                 Enumerable.Range(0, city.Length).Count(i => city[i] != _cityPrefix[i]) == 1)
            city = _cityPrefix;
        else
            return null;
        return city == printed ? null : city + read[at..];
    }

    /// <summary>Marks and letters a reader puts before a name off the cell's rule ("-", "|", "I").</summary>
    private static readonly char[] NotName = [.. "-_—|Il1.,:;'\"“”‘’ "];

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
