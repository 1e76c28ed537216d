using PerformanceEval.Pipeline;

namespace PerformanceEval.Tests;

/// <summary>Finds the repository's fixtures/ from the test binary, wherever the clone is.</summary>
internal static class Fixtures
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Dir => Path.Combine(RepoRoot, "fixtures");

    public static string Case(string name) => Path.Combine(Dir, name);

    /// <summary>Every golden case: a fixtures/ folder with an input.* file.</summary>
    public static IEnumerable<string> Cases() =>
        Directory.EnumerateDirectories(Dir)
            .Where(d => Directory.EnumerateFiles(d, "input.*").Any())
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static string Input(string caseName) =>
        Directory.EnumerateFiles(Case(caseName), "input.*").Single();

    /// <summary>One pipeline for the whole test run: building it loads the models once.</summary>
    public static ExtractionPipeline Pipeline { get; } =
        new ExtractionPipelineBuilder().WithSettings(PipelineSettings.Load(Path.Combine(RepoRoot, "pipeline.json"))).Build();

    /// <summary>The pipeline as <c>import</c> builds it: each form keeps the table it was read from.</summary>
    public static ExtractionPipeline ImportPipeline { get; } =
        new ExtractionPipelineBuilder().WithSettings(PipelineSettings.Load(Path.Combine(RepoRoot, "pipeline.json"))).KeepReadTables().Build();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PerformanceEval.sln"))) return dir.FullName;
        throw new InvalidOperationException("PerformanceEval.sln not found above the test binary");
    }
}
