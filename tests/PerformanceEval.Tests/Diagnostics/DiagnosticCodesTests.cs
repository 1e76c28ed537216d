using System.Text.RegularExpressions;
using PerformanceEval.Diagnostics;
using Xunit;

namespace PerformanceEval.Tests.Diagnostics;

/// <summary>The catalogue is the one place codes are written, every code in it is raised and tested, and its page is current.</summary>
public sealed partial class DiagnosticCodesTests
{
    private static readonly string Src = Path.Combine(Fixtures.RepoRoot, "src");
    private static readonly string CatalogueFile = Path.Combine(Src, "PerformanceEval", "Diagnostics", "DiagnosticCodes.cs");

    private static IEnumerable<(string Path, string Text)> Sources(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => (p, File.ReadAllText(p)));

    [Fact]
    public void Codes_are_unique_and_in_the_contracts_shape_with_a_chinese_meaning_and_action()
    {
        Assert.True(DiagnosticCodes.All.Length >= 40, $"only {DiagnosticCodes.All.Length} codes found by reflection");
        Assert.Equal(DiagnosticCodes.All.Length, DiagnosticCodes.All.Select(c => c.Id).Distinct().Count());
        foreach (var code in DiagnosticCodes.All)
        {
            Assert.Matches(@"^[a-z]+(\.[a-z0-9-]+)+$", code.Id);
            Assert.True(code.Meaning.Any(ch => ch >= '\u4e00' && ch <= '\u9fff'), $"{code.Id}: its meaning is not Chinese");
            Assert.True(code.Action.Any(ch => ch >= '\u4e00' && ch <= '\u9fff'), $"{code.Id}: its action is not Chinese");
            Assert.Same(code, DiagnosticCodes.Find(code.Id));
        }
        Assert.Null(DiagnosticCodes.Find("grid.no-such-code"));
    }

    [Fact]
    public void No_code_is_written_as_a_literal_outside_the_catalogue()
    {
        var ids = DiagnosticCodes.All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var literals = Sources(Src).Where(s => s.Path != CatalogueFile)
            .SelectMany(s => StringLiteral().Matches(s.Text).Select(m => (s.Path, Id: m.Groups[1].Value)))
            .Where(x => ids.Contains(x.Id))
            .Select(x => $"{Path.GetRelativePath(Src, x.Path)}: \"{x.Id}\"").ToList();
        Assert.True(literals.Count == 0, "codes written as literals:\n" + string.Join("\n", literals));
    }

    [Fact]
    public void Every_code_in_the_catalogue_is_raised_somewhere()
    {
        var raising = string.Concat(Sources(Src).Where(s => s.Path != CatalogueFile).Select(s => s.Text));
        var names = typeof(DiagnosticCodes).GetFields().Where(f => f.FieldType == typeof(DiagnosticCode)).Select(f => f.Name);
        var unused = names.Where(n => !raising.Contains($"DiagnosticCodes.{n}", StringComparison.Ordinal)).ToList();
        Assert.True(unused.Count == 0, "codes no stage raises: " + string.Join(", ", unused));
    }

    [Fact]
    public void Every_code_in_the_catalogue_is_asserted_by_a_test()
    {
        var tests = string.Concat(Sources(Path.Combine(Fixtures.RepoRoot, "tests")).Where(s => !s.Path.EndsWith(nameof(DiagnosticCodesTests) + ".cs", StringComparison.Ordinal)).Select(s => s.Text));
        var fields = typeof(DiagnosticCodes).GetFields().Where(f => f.FieldType == typeof(DiagnosticCode))
            .Select(f => (f.Name, ((DiagnosticCode)f.GetValue(null)!).Id));
        var untested = fields.Where(f => !tests.Contains($"DiagnosticCodes.{f.Name}", StringComparison.Ordinal) &&
                                         !tests.Contains($"\"{f.Id}\"", StringComparison.Ordinal)).Select(f => f.Id).ToList();
        Assert.True(untested.Count == 0, "codes no test asserts: " + string.Join(", ", untested));
    }

    [Fact]
    public void The_catalogue_page_is_generated_from_the_catalogue()
    {
        var page = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "docs", "diagnostics.md"));
        Assert.True(page == DiagnosticCatalogue.ToMarkdown(),
            "docs/diagnostics.md is stale: dotnet run --project src/PerformanceEval.Cli -c Release -- diagnostics > docs/diagnostics.md");
        foreach (var code in DiagnosticCodes.All) Assert.Contains($"`{code.Id}`", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("\"([a-z]+(?:\\.[a-z0-9-]+)+)\"")]
    private static partial Regex StringLiteral();
}
