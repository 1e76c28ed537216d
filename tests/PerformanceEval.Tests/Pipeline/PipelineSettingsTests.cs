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
        Assert.Contains("'limits.maxPixelPerPage'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("maxPixelsPerPage", 10)]
    [InlineData("maxPagesPerDocument", 0)]
    [InlineData("maxLineChars", 5)]
    [InlineData("maxTableNesting", 0)]
    [InlineData("maxTextBytes", 10)]
    [InlineData("textSectionBytes", 4096)]
    public void A_limit_no_run_could_use_is_refused_at_load(string member, long value)
    {
        var error = Assert.Throws<ArgumentException>(() => Load($"{{\"limits\": {{\"{member}\": {value}}}}}"));
        Assert.Contains(member, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_pipeline_json_states_every_limit_at_its_default() =>
        Assert.Equal(InputLimits.Default, PipelineSettings.Load(Path.Combine(Fixtures.RepoRoot, "pipeline.json")).InputLimits);
}

public sealed class PipelineSettingsBindingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfeval-binding-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "pipeline.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Theory]
    [InlineData("""{"paralelism": 2}""", "paralelism")]
    [InlineData("""{"checker": {"totalScoreErrorPoint": 2}}""", "checker.totalScoreErrorPoint")]
    [InlineData("""{"ocr": {"langauge": "eng"}}""", "ocr.langauge")]
    [InlineData("""{"subprocess": {"timeout": 5}}""", "subprocess.timeout")]
    public void A_mistyped_key_anywhere_fails_with_its_path(string json, string path)
    {
        var error = Assert.Throws<ArgumentException>(() => PipelineSettings.Load(Write(json)));
        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"parallelism": -1}""", "parallelism")]
    [InlineData("""{"checker": {"totalScoreErrorPoints": 0}}""", "tolerances")]
    [InlineData("""{"subprocess": {"timeoutSeconds": 0}}""", "subprocess.timeoutSeconds")]
    [InlineData("""{"ocr": {"pageSegmentationMode": 99}}""", "pageSegmentationMode")]
    [InlineData("""{"ocr": {"engine": "gpu"}}""", "ocr.engine")]
    [InlineData("""{"parallelism": "two"}""", "parallelism")]
    public void A_value_out_of_its_range_or_of_the_wrong_kind_fails_naming_the_setting(string json, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => PipelineSettings.Load(Write(json)));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_effective_settings_print_as_a_pipeline_json_that_loads_to_the_same_settings()
    {
        var shipped = PipelineSettings.Load(Path.Combine(Fixtures.RepoRoot, "pipeline.json"));
        var printed = shipped.ToJson();
        Assert.Contains("\"maxPixelsPerPage\": 100000000", printed, StringComparison.Ordinal);
        Assert.Contains("\"engine\": \"auto\"", printed, StringComparison.Ordinal);
        var again = PipelineSettings.Load(Write(printed));
        Assert.Equal(printed, again.ToJson());
        Assert.Equal(shipped.GradeScales.Length, again.GradeScales.Length);
    }

    [Fact]
    public void Config_print_exits_0_and_a_mistyped_file_exits_2_naming_the_key()
    {
        var (ok, stdout, _) = PerformanceEval.Tests.Cli.Perfeval.Run("config", "--print");
        Assert.Equal(0, ok);
        Assert.Contains("\"limits\"", stdout, StringComparison.Ordinal);
        var (bad, _, stderr) = PerformanceEval.Tests.Cli.Perfeval.Run("config", "--config", Write("""{"ocr": {"retrys": 2}}"""));
        Assert.Equal(2, bad);
        Assert.Contains("ocr.retrys", stderr, StringComparison.Ordinal);
    }
}
