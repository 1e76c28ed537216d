using System.Collections.Immutable;
using PerformanceEval.Checking;
using PerformanceEval.Ingestion;
using PerformanceEval.Normalization;
using Serilog;
using PerformanceEval.Templates;

namespace PerformanceEval.Pipeline;

/// <summary>
/// Builds an <see cref="ExtractionPipeline"/>: settings are validated and models loaded here, once, in
/// <see cref="Build"/>, so that a bad pipeline.json fails at start-up with its name and not halfway through a batch.
/// </summary>
public sealed class ExtractionPipelineBuilder
{
    private PipelineSettings? _settings;
    private ILogger _log = Serilog.Core.Logger.None;
    private bool _strict;
    private bool _keepReadTables;
    private readonly List<IDocumentReader> _readers = [];
    private bool _built;

    public ExtractionPipelineBuilder WithSettings(PipelineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        return this;
    }

    public ExtractionPipelineBuilder WithLogger(ILogger log)
    {
        _log = log ?? throw new ArgumentNullException(nameof(log));
        return this;
    }

    /// <summary>Turns every diagnostic into a failure of its file.</summary>
    public ExtractionPipelineBuilder Strict(bool strict = true)
    {
        _strict = strict;
        return this;
    }

    /// <summary>
    /// Keeps with each form the table it was read from (<see cref="Contract.CleanedForm.ReadTable"/>), for the store and
    /// the review page. Off for <c>extract</c>: the export carries no table, and building one costs every form.
    /// </summary>
    public ExtractionPipelineBuilder KeepReadTables(bool keep = true)
    {
        _keepReadTables = keep;
        return this;
    }

    /// <summary>Adds a reader in front of the default text-dump reader (PDF, images).</summary>
    public ExtractionPipelineBuilder AddReader(IDocumentReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _readers.Add(reader);
        return this;
    }

    /// <summary>The pipeline; settings no run could use throw an <see cref="ArgumentException"/> naming the setting.</summary>
    public ExtractionPipeline Build()
    {
        if (_built) throw new InvalidOperationException("this builder already built its pipeline");
        _built = true;
        var settings = _settings ?? PipelineSettings.Load(null);
        settings.Validate();
        var standard = TemplateModel.Load("standard", settings.ModelsPath);
        var criteria = TemplateModel.Load("criteria", settings.ModelsPath);
        var checker = Checker.CreateDefault(settings.CheckerOptions(standard));
        var runner = settings.SubprocessOptions.Runner(_log);
        // One OCR service for all workers: one circuit breaker sees every page.
        var (standardLabels, criteriaLabels) = (new LabelMatcher(standard), new LabelMatcher(criteria));
        var ocr = new Ingestion.Ocr.OcrService(settings.OcrOptions, runner, _log) { Templates = [standardLabels, criteriaLabels] };
        ImmutableArray<IDocumentReader> readers =
        [
            .. _readers,
            new Ingestion.Pdf.PdfTextReader(runner, ocr, settings.InputLimits),
            new Ingestion.Ocr.ImageReader(ocr, settings.InputLimits),
            new TextDumpReader(settings.InputLimits),
        ];
        return new ExtractionPipeline(readers, standardLabels, criteriaLabels, checker, _strict, _log, settings.InputLimits,
            DepartmentNames.Load(settings.ModelsPath)) { KeepsReadTables = _keepReadTables };
    }
}
