using System.Text.RegularExpressions;
using Xunit;

namespace PerformanceEval.Tests;

/// <summary>
/// The stages' folders as the arrows run (STYLE.md): Ingestion → Tables → Normalization → Checking, with what several
/// share in folders that import no stage (Provenance, Diagnostics, Templates, Contract, Raster). A folder that imports one
/// that imports it back fails here, naming the files.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string Library = Path.Combine(Fixtures.RepoRoot, "src", "PerformanceEval");

    /// <summary>Folder → the folders its sources name (by using, by qualified name).</summary>
    private static Dictionary<string, Dictionary<string, List<string>>> Graph()
    {
        var folders = Directory.GetDirectories(Library).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Cast<string>().ToHashSet();
        var graph = folders.ToDictionary(f => f, _ => new Dictionary<string, List<string>>());
        foreach (var file in Directory.EnumerateFiles(Library, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Library, file);
            var folder = relative.Split(Path.DirectorySeparatorChar)[0];
            if (!folders.Contains(folder)) continue;
            var text = Comments().Replace(File.ReadAllText(file), "");
            var named = Qualified().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(Relative().Matches(text).Select(m => m.Groups[1].Value))
                .Where(t => folders.Contains(t) && t != folder);
            foreach (var target in named.Distinct())
            {
                if (!graph[folder].TryGetValue(target, out var files)) graph[folder][target] = files = [];
                files.Add(relative);
            }
        }
        return graph;
    }

    [Fact]
    public void No_folder_imports_one_that_imports_it_back()
    {
        var graph = Graph();
        var cycles = new List<string>();
        foreach (var (a, targets) in graph)
            foreach (var (b, files) in targets)
                if (string.CompareOrdinal(a, b) < 0 && graph[b].TryGetValue(a, out var back))
                    cycles.Add($"{a} ↔ {b}: {string.Join(", ", files.Distinct())} / {string.Join(", ", back.Distinct())}");
        Assert.True(cycles.Count == 0, "folders importing each other:\n" + string.Join("\n", cycles));
    }

    [Theory]
    [InlineData("Provenance")]
    [InlineData("Templates")]
    [InlineData("Contract")]
    [InlineData("Raster")]
    [InlineData("Ingestion")]
    public void A_shared_folder_and_the_first_stage_import_no_later_stage(string folder)
    {
        string[] stages = folder == "Ingestion"
            ? ["Tables", "Normalization", "Checking", "Pipeline", "Storage", "Review"]
            : ["Ingestion", "Tables", "Normalization", "Checking", "Pipeline", "Storage", "Review"];
        var imported = Graph()[folder].Keys.Intersect(stages).ToList();
        Assert.True(imported.Count == 0, $"{folder} imports {string.Join(", ", imported)}");
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"\bPerformanceEval\.(\w+)")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.])(Ingestion|Tables|Normalization|Checking|Pipeline|Storage|Review|Templates|Diagnostics|Provenance|Contract|Raster)\.[A-Z]\w*")]
    private static partial Regex Relative();
}
