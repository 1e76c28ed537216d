using System.Text.Json;
using PerformanceEval.Checking;
using PerformanceEval.Normalization;
using PerformanceEval.Templates;

namespace PerformanceEval.Pipeline;

/// <summary>pipeline.json: where the models are, how many workers, the checker's tolerances.</summary>
/// <param name="ModelsPath">A folder overriding the embedded <c>models/</c>; null uses the embedded ones.</param>
/// <param name="Parallelism">Files read at once; 0 means the machine's cores.</param>
/// <param name="ExecutionRateErrorPoints">See <see cref="CheckerOptions"/>.</param>
/// <param name="BudgetScoreErrorPoints">See <see cref="CheckerOptions"/>.</param>
/// <param name="TotalScoreErrorPoints">See <see cref="CheckerOptions"/>.</param>
/// <param name="CurrencyUnitMaxWanYuan">See <see cref="CheckerOptions"/>.</param>
/// <param name="GradeScales">The grade scales a 绩效等级 word may belong to, for forms that print no bands.</param>
/// <param name="Subprocess">The <c>subprocess</c> section (<see cref="Ingestion.SubprocessSettings"/>): poppler's time limits.</param>
/// <param name="Ocr">The <c>ocr</c> section: language, tessdata, modes, timeout, retries, engine, circuit breaker.</param>
/// <param name="Limits">The <c>limits</c> section (<see cref="Ingestion.InputLimits"/>): what one input may hold before it is refused.</param>
public sealed record PipelineSettings(
    string? ModelsPath,
    int Parallelism,
    decimal ExecutionRateErrorPoints,
    decimal BudgetScoreErrorPoints,
    decimal TotalScoreErrorPoints,
    decimal CurrencyUnitMaxWanYuan,
    System.Collections.Immutable.ImmutableArray<GradeScale> GradeScales,
    Ingestion.SubprocessSettings? Subprocess = null,
    Ingestion.Ocr.OcrSettings? Ocr = null,
    Ingestion.InputLimits? Limits = null)
{
    /// <summary>Yuan at stake from which a finding is material (<see cref="Checking.CheckerOptions.MaterialYuan"/>).</summary>
    public decimal MaterialYuan { get; init; } = 10_000m;

    /// <summary>Points at stake from which a finding is material (<see cref="Checking.CheckerOptions.MaterialPoints"/>).</summary>
    public decimal MaterialPoints { get; init; } = 1m;

    /// <summary>The input limits, the defaults where pipeline.json has no <c>limits</c> section.</summary>
    public Ingestion.InputLimits InputLimits => Limits ?? Ingestion.InputLimits.Default;

    /// <summary>The workers to run: <see cref="Parallelism"/>, or the machine's cores when it is 0.</summary>
    public int Workers => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;

    /// <summary>poppler's time limits, the defaults where pipeline.json has no <c>subprocess</c> section.</summary>
    public Ingestion.SubprocessSettings SubprocessOptions => Subprocess ?? Ingestion.SubprocessSettings.Default;

    /// <summary>The OCR settings, the defaults where pipeline.json has no <c>ocr</c> section.</summary>
    public Ingestion.Ocr.OcrSettings OcrOptions => Ocr ?? Ingestion.Ocr.OcrSettings.Default;

    /// <summary>
    /// Reads a pipeline.json, or the embedded default when <paramref name="path"/> is null. A key this version does not
    /// know, or a value of the wrong kind, fails here; ranges are checked once, when a pipeline is built from them
    /// (<see cref="ExtractionPipelineBuilder.Build"/>), as Polly checks its options.
    /// </summary>
    public static PipelineSettings Load(string? path)
    {
        string json;
        string? baseDir = null;
        if (path is not null)
        {
            json = File.ReadAllText(path);
            baseDir = Path.GetDirectoryName(Path.GetFullPath(path));
        }
        else
        {
            using var stream = typeof(PipelineSettings).Assembly.GetManifestResourceStream("pipeline.json")
                ?? throw new InvalidOperationException("embedded pipeline.json is missing from the build");
            using var reader = new StreamReader(stream);
            json = reader.ReadToEnd();
        }
        var file = Bind(json);
        var models = file.ModelsPath;
        if (models is not null && baseDir is not null && !Path.IsPathRooted(models)) models = Path.Combine(baseDir, models);
        var ocr = file.Ocr;
        if (ocr?.TessdataPath is { } tessdata && baseDir is not null && !Path.IsPathRooted(tessdata)) ocr = ocr with { TessdataPath = Path.Combine(baseDir, tessdata) };
        var checker = file.Checker ?? new CheckerSection();
        return new PipelineSettings(models, file.Parallelism,
            checker.ExecutionRateErrorPoints, checker.BudgetScoreErrorPoints, checker.TotalScoreErrorPoints, checker.CurrencyUnitMaxWanYuan,
            checker.GradeScales, file.Subprocess, ocr, file.Limits)
        {
            MaterialYuan = checker.MaterialYuan,
            MaterialPoints = checker.MaterialPoints,
        };
    }

    /// <summary>
    /// pipeline.json as records, the way Polly binds options: camelCase members, each default stated once (on the
    /// section records and on <see cref="Ingestion.Ocr.OcrSettings"/> and <see cref="Ingestion.InputLimits"/>), and a
    /// member this version does not know refused with its path — a mistyped key would otherwise leave its default.
    /// </summary>
    private static readonly JsonSerializerOptions Binding = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static SettingsFile Bind(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SettingsFile>(json, Binding) ?? new SettingsFile();
        }
        catch (JsonException e)
        {
            // The unknown member's section is named by the type it could not be mapped to (the path is lost when a
            // record is bound through its constructor).
            var unknown = System.Text.RegularExpressions.Regex.Match(e.Message, "property '([^']+)' could not be mapped to any .NET member contained in type '([^']+)'");
            if (unknown.Success)
            {
                var section = unknown.Groups[2].Value.Split('.', '+')[^1] switch
                {
                    nameof(CheckerSection) => "checker.",
                    nameof(Ingestion.SubprocessSettings) => "subprocess.",
                    nameof(Ingestion.Ocr.OcrSettings) => "ocr.",
                    nameof(Ingestion.InputLimits) => "limits.",
                    _ => "",
                };
                throw new ArgumentException($"pipeline.json: unknown setting '{section}{unknown.Groups[1].Value}' (perfeval config --print shows every setting)", e);
            }
            var at = e.Path is { Length: > 2 } path ? path[2..] : "the file";
            var why = e.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? "a value of the wrong kind (perfeval config --print shows each setting's kind and default)"
                : e.Message.Split(" Path:")[0];
            throw new ArgumentException($"pipeline.json: {at}: {why}", e);
        }
    }

    /// <summary>The effective settings as pipeline.json would state them (<c>perfeval config --print</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(new SettingsFile(ModelsPath, Parallelism,
        new CheckerSection(ExecutionRateErrorPoints, BudgetScoreErrorPoints, TotalScoreErrorPoints, CurrencyUnitMaxWanYuan, GradeScales,
            MaterialYuan, MaterialPoints),
        OcrOptions, SubprocessOptions, InputLimits), Binding);

    /// <summary>The file's shape.</summary>
    /// <param name="ModelsPath">A folder overriding the embedded <c>models/</c> (relative to the file); null: the embedded ones.</param>
    /// <param name="Parallelism">Files read at once; 0 (the default): the machine's cores.</param>
    /// <param name="Checker">The checker's tolerances and grade scales.</param>
    /// <param name="Ocr">OCR: language, data, engine, modes, timeouts, circuit breaker (defaults on <see cref="Ingestion.Ocr.OcrSettings"/>).</param>
    /// <param name="Subprocess">poppler's time limits (defaults on <see cref="Ingestion.SubprocessSettings"/>).</param>
    /// <param name="Limits">What one input may hold (defaults on <see cref="Ingestion.InputLimits"/>).</param>
    private sealed record SettingsFile(string? ModelsPath = null, int Parallelism = 0, CheckerSection? Checker = null,
        Ingestion.Ocr.OcrSettings? Ocr = null, Ingestion.SubprocessSettings? Subprocess = null, Ingestion.InputLimits? Limits = null);

    /// <summary>The <c>checker</c> section.</summary>
    /// <param name="ExecutionRateErrorPoints">执行率 off by this many points or more is an error (default 1).</param>
    /// <param name="BudgetScoreErrorPoints">A funding 得分 off by this much or more is an error (default 0.5).</param>
    /// <param name="TotalScoreErrorPoints">总分 off by this much or more is an error (default 1).</param>
    /// <param name="CurrencyUnitMaxWanYuan">An amount in 万元 at or above this is taken for yuan (default 100,000).</param>
    /// <param name="GradeScales">Grade scales for forms that print no bands (default: none beyond the checker's own).</param>
    /// <param name="MaterialYuan">A finding with this many yuan or more at stake is material, 重大 (default 10,000).</param>
    /// <param name="MaterialPoints">A finding off by this many points or more is material (default 1).</param>
    private sealed record CheckerSection(decimal ExecutionRateErrorPoints = 1m, decimal BudgetScoreErrorPoints = 0.5m,
        decimal TotalScoreErrorPoints = 1m, decimal CurrencyUnitMaxWanYuan = 100_000m, System.Collections.Immutable.ImmutableArray<GradeScale> GradeScales = default,
        decimal MaterialYuan = 10_000m, decimal MaterialPoints = 1m)
    {
        public System.Collections.Immutable.ImmutableArray<GradeScale> GradeScales { get; init; } = GradeScales.IsDefault ? [] : GradeScales;
    }

    /// <summary>Rejects settings no run could use, naming the setting (each section's own ranges on its record).</summary>
    public void Validate()
    {
        OcrOptions.Validate();
        InputLimits.Validate();
        SubprocessOptions.Validate();
        if (Parallelism < 0) throw new ArgumentException("pipeline.json: parallelism must be 0 (the machine's cores) or more");
        foreach (var (name, value) in new[] { ("executionRateErrorPoints", ExecutionRateErrorPoints), ("budgetScoreErrorPoints", BudgetScoreErrorPoints),
                     ("totalScoreErrorPoints", TotalScoreErrorPoints), ("currencyUnitMaxWanYuan", CurrencyUnitMaxWanYuan) })
            if (value <= 0) throw new ArgumentException($"pipeline.json: checker.{name} must be above 0 (a tolerance of 0 would flag every rounding)");
        foreach (var (name, value) in new[] { ("materialYuan", MaterialYuan), ("materialPoints", MaterialPoints) })
            if (value < 0) throw new ArgumentException($"pipeline.json: checker.{name} must be 0 (every finding material) or more");
        if (GradeScales.Any(s => s.Bands.IsEmpty))
            throw new ArgumentException("pipeline.json: checker.gradeScales has a scale without bands");
        if (ModelsPath is not null && !Directory.Exists(ModelsPath))
            throw new ArgumentException($"pipeline.json: modelsPath '{ModelsPath}' is not a folder");
    }

    public CheckerOptions CheckerOptions(TemplateModel standard) =>
        Checking.CheckerOptions.Default(standard, GradeScales) with
        {
            ExecutionRateErrorPoints = ExecutionRateErrorPoints,
            BudgetScoreErrorPoints = BudgetScoreErrorPoints,
            TotalScoreErrorPoints = TotalScoreErrorPoints,
            CurrencyUnitMaxWanYuan = CurrencyUnitMaxWanYuan,
            MaterialYuan = MaterialYuan,
            MaterialPoints = MaterialPoints,
        };
}
