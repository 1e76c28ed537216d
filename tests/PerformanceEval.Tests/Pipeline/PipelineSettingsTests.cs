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
    public void A_limit_no_run_could_use_is_refused_when_the_pipeline_is_built(string member, long value)
    {
        // Bound as written; its range is checked once, by the builder.
        var settings = Load($"{{\"limits\": {{\"{member}\": {value}}}}}");
        var error = Assert.Throws<ArgumentException>(() => new ExtractionPipelineBuilder().WithSettings(settings).Build());
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
    [InlineData("""{"checker": {"executionRateErrorPoints": 0}}""", "checker.executionRateErrorPoints")]
    [InlineData("""{"checker": {"budgetScoreErrorPoints": -1}}""", "checker.budgetScoreErrorPoints")]
    [InlineData("""{"checker": {"totalScoreErrorPoints": 0}}""", "checker.totalScoreErrorPoints")]
    [InlineData("""{"checker": {"currencyUnitMaxWanYuan": 0}}""", "checker.currencyUnitMaxWanYuan")]
    [InlineData("""{"checker": {"gradeScales": [{"bands": []}]}}""", "checker.gradeScales")]
    [InlineData("""{"checker": {"materialYuan": -1}}""", "checker.materialYuan")]
    [InlineData("""{"checker": {"materialPoints": -0.5}}""", "checker.materialPoints")]
    [InlineData("""{"modelsPath": "/nonexistent-models"}""", "modelsPath")]
    [InlineData("""{"ocr": {"language": " "}}""", "ocr.language")]
    [InlineData("""{"ocr": {"retryPageSegmentationMode": 2}}""", "ocr.retryPageSegmentationMode")]
    [InlineData("""{"ocr": {"pageTimeoutSeconds": 0}}""", "ocr.pageTimeoutSeconds")]
    [InlineData("""{"ocr": {"retries": -1}}""", "ocr.retries")]
    [InlineData("""{"ocr": {"breakAfterFailedPages": 1}}""", "ocr.breakAfterFailedPages")]
    [InlineData("""{"ocr": {"breakSeconds": 0}}""", "ocr.breakSeconds")]
    [InlineData("""{"ocr": {"tessdataPath": "/nonexistent-tessdata"}}""", "ocr.tessdataPath")]
    [InlineData("""{"limits": {"maxFileBytes": 10}}""", "limits.maxFileBytes")]
    [InlineData("""{"limits": {"maxTableCells": 5}}""", "maxTableCells")]
    [InlineData("""{"limits": {"maxTableColumns": 5}}""", "maxTableColumns")]
    [InlineData("""{"subprocess": {"timeoutSeconds": 0}}""", "subprocess.timeoutSeconds")]
    [InlineData("""{"subprocess": {"retries": -1}}""", "subprocess.retries")]
    [InlineData("""{"ocr": {"pageSegmentationMode": 99}}""", "pageSegmentationMode")]
    public void A_value_out_of_its_range_fails_naming_the_setting_when_the_pipeline_is_built(string json, string named)
    {
        var settings = PipelineSettings.Load(Write(json));
        var error = Assert.Throws<ArgumentException>(() => new ExtractionPipelineBuilder().WithSettings(settings).Build());
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"ocr": {"engine": "gpu"}}""", "ocr.engine")]
    [InlineData("""{"parallelism": "two"}""", "parallelism")]
    public void A_value_of_the_wrong_kind_fails_naming_the_setting_when_the_file_is_read(string json, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => PipelineSettings.Load(Write(json)));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_refuses_a_value_out_of_range_as_a_usage_error()
    {
        var config = Write("""{"subprocess": {"timeoutSeconds": 0}}""");
        foreach (var verb in new[] { "config", "extract" })
        {
            var (code, _, stderr) = PerformanceEval.Tests.Cli.Perfeval.Run(verb == "config"
                ? ["config", "--config", config]
                : ["extract", Fixtures.Input("seed-003-minhang-2020-criteria"), "--config", config]);
            Assert.Equal((2, true), (code, stderr.Contains("subprocess.timeoutSeconds", StringComparison.Ordinal)));
        }
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
