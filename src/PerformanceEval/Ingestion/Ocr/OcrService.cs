using PerformanceEval.Diagnostics;
using PerformanceEval.Provenance;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Polly;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// OCR of scanned pages for every worker: chooses the engine once (libtesseract in process; its CLI where the library
/// cannot load, said in the log) and runs each page behind one Polly pipeline shared by the workers, outermost first:
/// one retry of a failed or timed-out page with another page-segmentation mode; a circuit breaker that stops trying
/// OCR for a while when most recent pages failed (a broken install fails every page: better a fast, clear failure
/// per file than minutes each); a per-page timeout, which Tesseract itself honours through its monitor's deadline.
/// </summary>
public sealed class OcrService
{
    private readonly OcrSettings _settings;
    private readonly SubprocessRunner _runner;
    private readonly Serilog.ILogger _log;
    private readonly ResiliencePipeline _pipeline;
    private readonly object _choose = new();
    private bool? _useCli;
    private readonly Func<string, IOcrEngine>? _engines;

    private readonly TimeProvider _time;

    public OcrService(OcrSettings settings, SubprocessRunner runner, Serilog.ILogger? log = null, TimeProvider? time = null)
        : this(settings, runner, log, time, null)
    {
    }

    /// <summary>With <paramref name="engines"/>, the engine of each language comes from there (tests put a failing engine in).</summary>
    internal OcrService(OcrSettings settings, SubprocessRunner runner, Serilog.ILogger? log, TimeProvider? time, Func<string, IOcrEngine>? engines)
    {
        _engines = engines;
        _time = time ?? TimeProvider.System;
        // Its ranges were checked when the pipeline was built (ExtractionPipelineBuilder.Build), once.
        ArgumentNullException.ThrowIfNull(settings);
        (_settings, _runner) = (settings, runner);
        _log = (log ?? Serilog.Core.Logger.None).ForContext("Stage", "Ocr");
        if (settings.Engine == OcrEngineKind.Cli) _useCli = true;
        var failures = new PredicateBuilder().Handle<TimeoutRejectedException>().Handle<OcrEngineException>();
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        if (settings.Retries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = failures,
                MaxRetryAttempts = settings.Retries,
                Delay = TimeSpan.Zero,
                OnRetry = args =>
                {
                    _log.Warning("OCR of {SourcePath} page {Page} failed ({Reason}); retrying with page segmentation mode {Mode}",
                        args.Context.Properties.GetValue(SourceKey, ""), args.Context.Properties.GetValue(PageKey, 0),
                        args.Outcome.Exception?.Message, settings.RetryPageSegmentationMode);
                    return default;
                },
            });
        _pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = failures,
                FailureRatio = 0.8,
                MinimumThroughput = settings.BreakAfterFailedPages,
                SamplingDuration = TimeSpan.FromMinutes(2),
                BreakDuration = TimeSpan.FromSeconds(settings.BreakSeconds),
                OnOpened = args =>
                {
                    _log.Error("OCR keeps failing ({Reason}): pages fail at once for the next {Break}", args.Outcome.Exception?.Message, args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    _log.Information("OCR works again: the circuit is closed");
                    return default;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = TimeSpan.FromSeconds(settings.PageTimeoutSeconds),
                OnTimeout = args =>
                {
                    _log.Warning("OCR of {SourcePath} page {Page} timed out after {Timeout}",
                        args.Context.Properties.GetValue(SourceKey, ""), args.Context.Properties.GetValue(PageKey, 0), args.Timeout);
                    return default;
                },
            })
            .Build();
    }

    private static readonly ResiliencePropertyKey<string> SourceKey = new("perfeval.source");
    private static readonly ResiliencePropertyKey<int> PageKey = new("perfeval.page");

    public OcrSettings Settings => _settings;

    /// <summary>
    /// The form templates' label vocabularies, by which a scanned table's headers say which columns hold figures
    /// (<see cref="FigureColumns"/>); without them every cell is read by what it looks like alone.
    /// </summary>
    public IReadOnlyList<Templates.LabelMatcher> Templates { get; init; } = [];

    /// <summary>
    /// Reads one page into rows. Throws <see cref="TimeoutRejectedException"/> or <see cref="OcrEngineException"/>
    /// when every attempt failed, <see cref="BrokenCircuitException"/> while OCR rests.
    /// </summary>
    internal PageReading ReadPage(SourceDocument doc, int page, ScanPage scan, int block, List<Diagnostic> diagnostics,
        PageColumns? columnsAbove = null, CancellationToken cancel = default)
    {
        var reader = new ScanPageReader(this, _log);
        var context = ResilienceContextPool.Shared.Get(cancel);
        context.Properties.Set(SourceKey, doc.Path);
        context.Properties.Set(PageKey, page);
        var attempt = 0;
        try
        {
            return _pipeline.Execute(ctx =>
            {
                var mode = attempt++ == 0 ? _settings.PageSegmentationMode : _settings.RetryPageSegmentationMode;
                var found = new List<Diagnostic>();
                var rows = reader.Read(doc, page, scan, block, found, mode,
                    new OcrDeadline(ctx.CancellationToken, _time.GetUtcNow().UtcDateTime.AddSeconds(_settings.PageTimeoutSeconds), _time), columnsAbove);
                // A failed attempt's warnings are dropped with it; a retried page says so.
                if (attempt > 1)
                    found.Add(new Diagnostic(DiagnosticCodes.OcrRetried, $"第 {page} 页在重试时以版面分析模式 {mode} 识别",
                        SourceRef.ForPage(doc.Path, doc.Sha256, page)));
                diagnostics.AddRange(found);
                return rows;
            }, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The engine for a language on this worker thread: the library's, or the CLI where it cannot load.</summary>
    internal IOcrEngine EngineFor(string language)
    {
        if (_engines is not null) return _engines(language);
        if (_useCli != true)
        {
            try
            {
                var engine = OcrEngine.ForThisThread(_settings.TessdataPath, language);
                _useCli = false;
                return engine;
            }
            catch (Exception e) when (_settings.Engine == OcrEngineKind.Auto && e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                lock (_choose)
                {
                    if (_useCli != true)
                        _log.Warning("libtesseract cannot be loaded in process ({Reason}); OCR falls back to the tesseract command line, a process per page", e.Message);
                    _useCli = true;
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                throw new ToolMissingException($"libtesseract ({e.Message})", "tesseract-ocr");
            }
        }
        return new CliOcrEngine(_runner, _settings.TessdataPath, language);
    }

    /// <summary>True once the CLI is in use (the library could not load, or pipeline.json asks for it).</summary>
    public bool UsesCli => _useCli == true;
}
