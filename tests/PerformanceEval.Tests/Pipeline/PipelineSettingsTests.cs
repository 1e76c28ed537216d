using PerformanceEval.Ingestion;
using PerformanceEval.Pipeline;
using Xunit;

namespace PerformanceEval.Tests.Pipeline;

public sealed class PipelineSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfeval-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private PipelineSettings Load(string json)
    {
        var path = Path.Combine(_dir, "pipeline.json");
        File.WriteAllText(path, json);
        return PipelineSettings.Load(path);
    }

    [Fact]
    public void The_limits_section_binds_each_member_and_leaves_the_rest_at_their_defaults()
    {
        var limits = Load("""{"limits": {"maxPixelsPerPage": 50000000, "maxTableNesting": 4}}""").InputLimits;
        Assert.Equal(InputLimits.Default with { MaxPixelsPerPage = 50_000_000, MaxTableNesting = 4 }, limits);
        Assert.Equal(InputLimits.Default, Load("{}").InputLimits);
    }

    [Fact]
    public void A_mistyped_limit_is_refused_by_its_name()
    {
        var error = Assert.Throws<ArgumentException>(() => Load("""{"limits": {"maxPixelPerPage": 5}}"""));
        Assert.Contains("maxPixelPerPage", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("pipeline.json: limits", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("maxPixelsPerPage", 10)]
    [InlineData("maxPagesPerDocument", 0)]
    [InlineData("maxLineChars", 5)]
    [InlineData("maxTableNesting", 0)]
    [InlineData("maxTextBytes", 10)]
    public void A_limit_no_run_could_use_is_refused_at_load(string member, long value)
    {
        var error = Assert.Throws<ArgumentException>(() => Load($"{{\"limits\": {{\"{member}\": {value}}}}}"));
        Assert.Contains(member, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_pipeline_json_states_every_limit_at_its_default() =>
        Assert.Equal(InputLimits.Default, PipelineSettings.Load(Path.Combine(Fixtures.RepoRoot, "pipeline.json")).InputLimits);
}
