using System.Text.Json;
using PerformanceEval.Checking;
using PerformanceEval.Normalization;

namespace PerformanceEval.Pipeline;

/// <summary>pipeline.json: where the models are, how many workers, the checker's tolerances.</summary>
/// <param name="ModelsPath">A folder overriding the embedded <c>models/</c>; null uses the embedded ones.</param>
/// <param name="Parallelism">Files read at once; 0 means the machine's cores.</param>
/// <param name="ExecutionRateErrorPoints">See <see cref="CheckerOptions"/>.</param>
/// <param name="BudgetScoreErrorPoints">See <see cref="CheckerOptions"/>.</param>
/// <param name="TotalScoreErrorPoints">See <see cref="CheckerOptions"/>.</param>
/// <param name="CurrencyUnitMaxWanYuan">See <see cref="CheckerOptions"/>.</param>
/// <param name="GradeScales">The grade scales a 绩效等级 word may belong to, for forms that print no bands.</param>
/// <param name="SubprocessTimeoutSeconds">Time one run of a poppler tool may take on one file (default 60).</param>
/// <param name="SubprocessRetries">Retries of a poppler run that timed out (default 1); failures are never retried.</param>
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
    double SubprocessTimeoutSeconds = 60,
    int SubprocessRetries = 1,
    Ingestion.Ocr.OcrSettings? Ocr = null,
    Ingestion.InputLimits? Limits = null)
{
    /// <summary>The input limits, the defaults where pipeline.json has no <c>limits</c> section.</summary>
    public Ingestion.InputLimits InputLimits => Limits ?? Ingestion.InputLimits.Default;

    /// <summary>The workers to run: <see cref="Parallelism"/>, or the machine's cores when it is 0.</summary>
    public int Workers => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;

    /// <summary>The OCR settings, the defaults where pipeline.json has no <c>ocr</c> section.</summary>
    public Ingestion.Ocr.OcrSettings OcrOptions => Ocr ?? Ingestion.Ocr.OcrSettings.Default;

    /// <summary>Reads a pipeline.json, or the embedded default when <paramref name="path"/> is null.</summary>
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
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = doc.RootElement;
        var checker = root.TryGetProperty("checker", out var c) ? c : default;
        decimal Tol(string name, decimal fallback) =>
            checker.ValueKind == JsonValueKind.Object && checker.TryGetProperty(name, out var v) ? v.GetDecimal() : fallback;
        var models = root.TryGetProperty("modelsPath", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (models is not null && baseDir is not null && !Path.IsPathRooted(models)) models = Path.Combine(baseDir, models);
        var settings = new PipelineSettings(
            models,
            root.TryGetProperty("parallelism", out var p) ? p.GetInt32() : 0,
            Tol("executionRateErrorPoints", 1m), Tol("budgetScoreErrorPoints", 0.5m),
            Tol("totalScoreErrorPoints", 1m), Tol("currencyUnitMaxWanYuan", 100_000m),
            checker.ValueKind == JsonValueKind.Object && checker.TryGetProperty("gradeScales", out var scales) ? GradeScale.ParseAll(scales) : [],
            root.TryGetProperty("subprocess", out var sub) && sub.TryGetProperty("timeoutSeconds", out var t) ? t.GetDouble() : 60,
            root.TryGetProperty("subprocess", out var sub2) && sub2.TryGetProperty("retries", out var r) ? r.GetInt32() : 1,
            root.TryGetProperty("ocr", out var ocr) && ocr.ValueKind == JsonValueKind.Object ? ReadOcr(ocr, baseDir) : null,
            root.TryGetProperty("limits", out var limits) && limits.ValueKind == JsonValueKind.Object ? ReadLimits(limits) : null);
        settings.Validate();
        return settings;
    }

    /// <summary>
    /// The limits bound as Polly binds options: camelCase members, a default for each one left out, and a member this
    /// version does not know refused by name (a mistyped limit would otherwise silently leave its default).
    /// </summary>
    private static Ingestion.InputLimits ReadLimits(JsonElement limits)
    {
        try
        {
            return limits.Deserialize<Ingestion.InputLimits>(new JsonSerializerOptions
            {
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            }) ?? Ingestion.InputLimits.Default;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"pipeline.json: limits: {e.Message}", e);
        }
    }

    private static Ingestion.Ocr.OcrSettings ReadOcr(JsonElement ocr, string? baseDir)
    {
        var d = Ingestion.Ocr.OcrSettings.Default;
        string? Text(string name) => ocr.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        double Number(string name, double fallback) => ocr.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;
        var tessdata = Text("tessdataPath");
        if (tessdata is not null && baseDir is not null && !Path.IsPathRooted(tessdata)) tessdata = Path.Combine(baseDir, tessdata);
        var engine = Text("engine") ?? "auto";
        return new Ingestion.Ocr.OcrSettings(
            Text("language") ?? d.Language,
            tessdata,
            (int)Number("pageSegmentationMode", d.PageSegmentationMode),
            (int)Number("retryPageSegmentationMode", d.RetryPageSegmentationMode),
            Number("pageTimeoutSeconds", d.PageTimeoutSeconds),
            (int)Number("retries", d.Retries),
            Enum.TryParse<Ingestion.Ocr.OcrEngineKind>(engine, ignoreCase: true, out var kind)
                ? kind : throw new ArgumentException($"pipeline.json: ocr.engine '{engine}' is not auto, library or cli"),
            (int)Number("breakAfterFailedPages", d.BreakAfterFailedPages),
            Number("breakSeconds", d.BreakSeconds));
    }

    /// <summary>Rejects settings no run could use, naming the setting.</summary>
    public void Validate()
    {
        OcrOptions.Validate();
        InputLimits.Validate();
        if (Parallelism < 0) throw new ArgumentException("pipeline.json: parallelism must be 0 (the machine's cores) or more");
        if (ExecutionRateErrorPoints <= 0 || BudgetScoreErrorPoints <= 0 || TotalScoreErrorPoints <= 0)
            throw new ArgumentException("pipeline.json: checker tolerances must be above 0");
        if (SubprocessTimeoutSeconds <= 0 || SubprocessRetries < 0)
            throw new ArgumentException("pipeline.json: subprocess.timeoutSeconds must be above 0 and subprocess.retries 0 or more");
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
        };
}
