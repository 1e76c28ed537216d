using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;

namespace PerformanceEval.Templates;

/// <summary>A form template's model from <c>models/</c>: its label vocabulary and the facts of its layout.</summary>
public sealed record TemplateModel(
    string Template,
    ImmutableDictionary<string, ImmutableArray<string>> Labels,
    ImmutableArray<(string Level1, ImmutableArray<string> Level2)> Levels,
    ImmutableArray<(string Wrong, string Right)> Misreadings,
    ImmutableArray<(string Cut, string Whole)> Truncations,
    ImmutableArray<string> Units)
{
    /// <summary>
    /// What a row's name and measures say about its 二级指标 (models' <c>levelCues</c>): used only where a text lost which
    /// rows a merged 二级指标 cell spanned.
    /// </summary>
    public ImmutableArray<(string Level2, System.Text.RegularExpressions.Regex Pattern)> LevelCues { get; init; } = [];

    /// <summary>
    /// The 一级指标 (section) names the template's tables are known to print (models' <c>sections</c>): used only to
    /// choose between two cuts of a text that wraps a section label among other cells' lines, never to change a label.
    /// </summary>
    public ImmutableHashSet<string> Sections { get; init; } = [];

    /// <summary>The words qualitative targets and actuals are printed with (models' <c>qualitativeMeasures</c>).</summary>
    public QualitativeMeasures QualitativeMeasures { get; init; } = new([]);

    /// <summary>The 一级指标 a 二级指标 belongs to in this template, or null.</summary>
    public string? ParentOf(string level2) =>
        Levels.FirstOrDefault(l => l.Level2.Contains(level2)).Level1;

    /// <summary>All 二级指标 in template order.</summary>
    public IEnumerable<string> AllLevel2 => Levels.SelectMany(l => l.Level2);

    /// <summary>Parses a model file's JSON.</summary>
    public static TemplateModel Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var labels = root.GetProperty("labels").EnumerateObject()
            .ToImmutableDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToImmutableArray());
        return new TemplateModel(
            root.GetProperty("template").GetString()!,
            labels,
            Pairs(root, "levels").Select(p => (p.Name, p.Value.EnumerateArray().Select(v => v.GetString()!).ToImmutableArray())).ToImmutableArray(),
            Pairs(root, "misreadings").Select(p => (p.Name, p.Value.GetString()!)).ToImmutableArray(),
            Pairs(root, "truncations").Select(p => (p.Name, p.Value.GetString()!)).ToImmutableArray(),
            root.TryGetProperty("units", out var units) ? [.. units.EnumerateArray().Select(u => u.GetString()!)] : [])
        {
            LevelCues = [.. Pairs(root, "levelCues").Where(p => !p.Name.StartsWith('_'))
                .Select(p => (p.Name, new System.Text.RegularExpressions.Regex(p.Value.GetString()!, System.Text.RegularExpressions.RegexOptions.CultureInvariant)))],
            Sections = root.TryGetProperty("sections", out var sections) ? [.. sections.EnumerateArray().Select(s => s.GetString()!)] : [],
            QualitativeMeasures = new(root.TryGetProperty("qualitativeMeasures", out var measures) && measures.TryGetProperty("words", out var words)
                ? [.. words.EnumerateArray().Select(w => w.GetString()!)] : []),
        };
    }

    private static IEnumerable<JsonProperty> Pairs(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) ? e.EnumerateObject() : [];

    /// <summary>Loads <c>standard.json</c> or <c>criteria.json</c> from a folder, or the embedded default.</summary>
    public static TemplateModel Load(string template, string? modelsPath)
    {
        var file = $"{template}.json";
        if (modelsPath is not null && File.Exists(Path.Combine(modelsPath, file)))
            return Parse(File.ReadAllText(Path.Combine(modelsPath, file)));
        using var stream = typeof(TemplateModel).Assembly.GetManifestResourceStream($"models.{file}")
            ?? throw new InvalidOperationException($"embedded model {file} is missing from the build");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}

