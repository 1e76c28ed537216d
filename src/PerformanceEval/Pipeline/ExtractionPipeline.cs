using System.Collections.Immutable;
using System.Diagnostics;
using PerformanceEval.Checking;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Normalization;
using PerformanceEval.Provenance;
using PerformanceEval.Tables;
using Serilog;
using PerformanceEval.Templates;

namespace PerformanceEval.Pipeline;

/// <summary>What one input file gave: its forms, or the reason it failed. A failed file is never dropped.</summary>
/// <param name="Path">The file as given.</param>
/// <param name="Forms">The forms, unless they were handed on as they were read (<see cref="ExtractionPipeline.Extract(string, Action{ImmutableArray{CleanedForm}})"/>).</param>
/// <param name="Failure">Why the file failed, or null.</param>
/// <param name="Diagnostics">What the stages raised on the file (a file read in sections: the file's own; its forms carry theirs).</param>
/// <param name="StageMilliseconds">Time spent in each stage.</param>
public sealed record DocumentResult(
    string Path,
    ImmutableArray<CleanedForm> Forms,
    string? Failure,
    ImmutableArray<Diagnostic> Diagnostics,
    IReadOnlyDictionary<string, double> StageMilliseconds)
{
    public bool Failed => Failure is not null;

    /// <summary>Forms read from the file: <see cref="Forms"/>' count, or how many were handed on as they were read.</summary>
    public int FormCount { get; init; } = Forms.Length;

    /// <summary>What kind of input the file was read as, once it was read.</summary>
    public InputKind? Kind { get; init; }

    /// <summary>Bytes each stage allocated on this document (for benchmarks: <c>bench text</c>).</summary>
    public IReadOnlyDictionary<string, long> StageAllocatedBytes { get; init; } = new Dictionary<string, long>();
}

/// <summary>
/// The whole extraction: ingestion → table reconstruction → normalizer → checker, for one file at a time.
/// Immutable once built (see <see cref="ExtractionPipelineBuilder"/>) and safe to share between workers.
/// </summary>
public sealed class ExtractionPipeline
{
    private readonly AlternativeReadings _alternatives;
    private readonly ImmutableArray<IDocumentReader> _readers;
    private readonly FormSegmenter _segmenter;
    private readonly ImmutableArray<IGridRepairer> _repairers;
    private readonly IFormNormalizer _standard;
    private readonly IFormNormalizer _criteria;
    private readonly LabelMatcher _criteriaLabels;
    private readonly LabelMatcher _standardLabels;
    /// <summary>Every label kind of each template: what a cell of its own wording is.</summary>
    private readonly string[] _standardKinds, _criteriaKinds;
    private readonly bool _strict;
    private readonly ILogger _log;

    private readonly InputLimits _limits;
    private readonly DepartmentNames _departments;
    private readonly TextDumpReader _textReader;

    internal ExtractionPipeline(ImmutableArray<IDocumentReader> readers, LabelMatcher standard, LabelMatcher criteria,
        Checker checker, bool strict, ILogger log, InputLimits? limits = null, DepartmentNames? departments = null)
    {
        _limits = limits ?? InputLimits.Default;
        _departments = departments ?? DepartmentNames.Load(null);
        _readers = readers;
        _textReader = readers.OfType<TextDumpReader>().FirstOrDefault() ?? new TextDumpReader(_limits);
        _segmenter = new FormSegmenter(standard, criteria);
        _repairers =
        [
            new PageFurnitureRemover(), new PageBrokenHeaderJoiner(standard, criteria), new VerticalLabelRepairer(), new RepeatedRowRemover(),
            new DetachedTotalJoiner(standard),
            new LostTotalLabelRepairer(standard),
        ];
        _standard = new StandardFormNormalizer(standard, _departments);
        _criteria = new CriteriaFormNormalizer(criteria);
        _criteriaLabels = criteria;
        _standardLabels = standard;
        (_standardKinds, _criteriaKinds) = ([.. standard.Model.Labels.Keys], [.. criteria.Model.Labels.Keys]);
        Checker = checker;
        _alternatives = new AlternativeReadings(checker);
        _strict = strict;
        _log = log.ForContext("Stage", "Pipeline");
    }

    /// <summary>Whether each form keeps the table it was read from (<see cref="ExtractionPipelineBuilder.KeepReadTables"/>).</summary>
    public bool KeepsReadTables { get; internal init; }

    /// <summary>The checker this pipeline runs (also used by <c>check</c>).</summary>
    public Checker Checker { get; }

    /// <summary>Reads a file from disk and extracts it; a file that cannot be read is a failed result, not an exception.</summary>
    public DocumentResult Extract(string path)
    {
        if (!TextSurvey.IsSectioned(path, _limits)) return ExtractWhole(path);
        var forms = ImmutableArray.CreateBuilder<CleanedForm>();
        var result = Extract(path, forms.AddRange);
        return result with { Forms = forms.ToImmutable() };
    }

    /// <summary>
    /// True when <paramref name="path"/> is a text dump over <c>limits.textSectionBytes</c>: it is read a section at a
    /// time and its forms are handed on as each section is done, so its memory does not grow with the file.
    /// </summary>
    public bool ReadsInSections(string path) => TextSurvey.IsSectioned(path, _limits);

    /// <summary>
    /// Extracts a file, handing its forms to <paramref name="onForms"/> as they are read: a section at a time for a
    /// dump read in sections (<see cref="ReadsInSections"/>), all at once for any other file. The result holds no forms,
    /// only their <see cref="DocumentResult.FormCount"/>. When a later section of a dump fails, the forms already handed
    /// on stand, and the result says from which line the file failed.
    /// </summary>
    public DocumentResult Extract(string path, Action<ImmutableArray<CleanedForm>> onForms)
    {
        ArgumentNullException.ThrowIfNull(onForms);
        DocumentResult Whole()
        {
            var whole = ExtractWhole(path);
            if (!whole.Forms.IsEmpty) onForms(whole.Forms);
            return whole with { Forms = [] };
        }
        if (!TextSurvey.IsSectioned(path, _limits)) return Whole();
        var timings = new StageMeter();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var sections = new SectionedExtraction(_limits,
            (section, decoded, firstLine) => Timed(timings, "ingestion", () => _textReader.ReadSection(section, decoded, firstLine)),
            ingested => Timed(timings, "tables", () => _segmenter.Segment(ingested)),
            (grids, reading) => FormsOf(grids, reading, timings, diagnostics: null));
        var handed = 0;
        try
        {
            var survey = TextSurvey.Of(path);
            // Markup spans lines and cannot be cut at one: an HTML dump is read whole, within limits.maxTextBytes.
            if (survey.HoldsHtml) return Whole();
            _log.Information("Reading {SourcePath} ({Bytes} bytes, {Encoding}) in sections of {SectionBytes} bytes",
                path, survey.Length, survey.EncodingName, _limits.TextSectionBytes);
            var outcome = sections.Run(path, survey, forms =>
            {
                handed += forms.Length;
                onForms(forms);
            });
            diagnostics.AddRange(outcome.Diagnostics);
            var failure = outcome.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            return failure is null
                ? new DocumentResult(path, [], null, diagnostics.ToImmutable(), timings.Milliseconds) { FormCount = handed, Kind = InputKind.Text, StageAllocatedBytes = timings.AllocatedBytes }
                : Failed(path, failure.Message, diagnostics.ToImmutable(), timings) with { FormCount = handed };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = $"cannot read the file: {e.Message}";
            diagnostics.Add(new Diagnostic(DiagnosticCodes.InputUnreadable, reason, SourceRef.ForFile(path, "")));
            return Failed(path, reason, diagnostics.ToImmutable(), timings) with { FormCount = handed };
        }
        catch (Exception e)
        {
            return StageFailure(path, e, diagnostics, timings, SourceRef.ForFile(path, "")) with { FormCount = handed };
        }
    }

    private DocumentResult ExtractWhole(string path)
    {
        SourceDocument document;
        try
        {
            // Refused before it is read into memory.
            if (new FileInfo(path) is { Exists: true, Length: var length } && length > _limits.MaxFileBytes)
            {
                var tooLarge = $"the file is {length:N0} bytes, over limits.maxFileBytes ({_limits.MaxFileBytes:N0}); not read";
                return Failed(path, tooLarge, [new Diagnostic(DiagnosticCodes.InputTooLarge, tooLarge, SourceRef.ForFile(path, ""))],
                    new StageMeter());
            }
            document = SourceDocument.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = $"cannot read the file: {e.Message}";
            return Failed(path, reason, [new Diagnostic(DiagnosticCodes.InputUnreadable, reason, SourceRef.ForFile(path, ""))],
                new StageMeter());
        }
        return Extract(document);
    }

    /// <summary>The forms a document is cut into, as the normalizer receives them (for tuning tools; no checks run).</summary>
    internal ImmutableArray<Tables.FormGrid> Grids(SourceDocument document)
    {
        var reader = ReaderFor(document);
        return [.. _segmenter.Segment(reader.Read(document).Value).Value.Select(g => _repairers.Aggregate(g, (x, r) => r.Repair(x).Value))];
    }

    public DocumentResult Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var timings = new StageMeter();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        try
        {
            var reader = ReaderFor(document);
            var ingested = Timed(timings, "ingestion", () => reader.Read(document));
            diagnostics.AddRange(ingested.Diagnostics);
            if (Error(ingested.Diagnostics) is { } readError)
                return Failed(document.Path, readError.Message, diagnostics.ToImmutable(), timings);

            var segmented = Timed(timings, "tables", () => _segmenter.Segment(ingested.Value));
            diagnostics.AddRange(segmented.Diagnostics);
            if (Error(segmented.Diagnostics) is { } segmentError)
                return Failed(document.Path, segmentError.Message, diagnostics.ToImmutable(), timings);

            // What the tables stage noticed at a line (a row it could not cut) goes to the form on that line, as the reader's does.
            var forms = FormsOf(segmented.Value, ingested.Diagnostics.AddRange(segmented.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning)),
                timings, diagnostics);
            return new DocumentResult(document.Path, forms, null, diagnostics.ToImmutable(), timings.Milliseconds) { Kind = ingested.Value.Kind, StageAllocatedBytes = timings.AllocatedBytes };
        }
        catch (Exception e)
        {
            return StageFailure(document.Path, e, diagnostics, timings, ReaderSupport.FileRef(document));
        }
    }

    /// <summary>
    /// The first reader that takes the document, else the text-dump reader, which comes last and explains what a file
    /// it cannot read is — so it is not asked first (its question decodes the whole file, which its reading does again).
    /// </summary>
    private IDocumentReader ReaderFor(SourceDocument document)
    {
        for (var i = 0; i < _readers.Length - 1; i++)
            if (_readers[i].CanRead(document)) return _readers[i];
        return _readers[^1];
    }

    /// <summary>
    /// The file's fault boundary: whatever a stage throws on this input (a defect of ours, or input no rule foresaw)
    /// fails this file with the stage and the cause, and the batch goes on with the next one.
    /// </summary>
    private DocumentResult StageFailure(string path, Exception e, ImmutableArray<Diagnostic>.Builder diagnostics,
        StageMeter timings, SourceRef fileRef)
    {
        if (e is StrictModeException strict)
            return Failed(path, $"--strict: {strict.Message}", diagnostics.ToImmutable(), timings);
        var (stage, cause) = e is StageFailedException failed ? (failed.Stage, failed.InnerException!) : ("pipeline", e);
        _log.Error(cause, "Stage {Stage} failed on {SourcePath}", stage, path);
        var reason = $"the {stage} stage failed on this file ({cause.GetType().Name}: {cause.Message})";
        diagnostics.Add(new Diagnostic(DiagnosticCodes.StageFailed, reason, fileRef));
        return Failed(path, reason, diagnostics.ToImmutable(), timings);
    }

    /// <summary>
    /// The forms of a document's tables: each repaired, normalized, given what the reader noticed on its pages or
    /// lines, and checked. <paramref name="diagnostics"/> collects what the stages raised (null: the forms carry it).
    /// </summary>
    private ImmutableArray<CleanedForm> FormsOf(IEnumerable<FormGrid> grids, ImmutableArray<Diagnostic> reading,
        StageMeter timings, ImmutableArray<Diagnostic>.Builder? diagnostics)
    {
        var normalized = grids.Select(grid => NormalizeForm(grid, timings, diagnostics))
            .Select(n => WithReadingWarnings(n, reading)).ToList();
        WithLineWarnings(normalized, reading);
        InferMissingYears(normalized);
        return normalized
            .Select(n => Timed(timings, "checker", () =>
            {
                // The engine's alternative readings of unsure figures, chosen by the form's relations, before the check.
                var (form, choices) = _alternatives.Choose(n.Form, n.PrintedBands);
                return form with { Warnings = form.Warnings.AddRange(choices), Findings = Checker.Check(form, n.PrintedBands) };
            }))
            .ToImmutableArray();
    }

    private NormalizedForm NormalizeForm(FormGrid grid, StageMeter timings, ImmutableArray<Diagnostic>.Builder? diagnostics)
    {
        var repaired = grid;
        var gridDiagnostics = new List<Diagnostic>();
        foreach (var repairer in _repairers)
        {
            var result = Timed(timings, "tables", () => repairer.Repair(repaired));
            repaired = result.Value;
            gridDiagnostics.AddRange(result.Diagnostics);
        }
        var normalizer = IsCriteria(repaired) ? _criteria : _standard;
        var normalized = Timed(timings, "normalizer", () => normalizer.Normalize(repaired));
        var all = gridDiagnostics.Concat(normalized.Diagnostics).ToList();
        diagnostics?.AddRange(all);
        if (_strict && all.FirstOrDefault() is { } first) throw new StrictModeException(first);
        var form = normalized.Value.Form with
        {
            Warnings = [.. gridDiagnostics.Select(d => d.ToWarning()), .. normalized.Value.Form.Warnings],
            DepartmentCanonical = _departments.Canonical(normalized.Value.Form.Department),
        };
        // The canonical name was read from the department's cell: it points where the printed one does.
        if (form.DepartmentCanonical is not null && form.Provenance.TryGetValue("department", out var printedAt))
            form = form with { Provenance = new Dictionary<string, FieldProvenance>(form.Provenance) { ["departmentCanonical"] = printedAt } };
        if (KeepsReadTables)
        {
            var (labels, kinds) = normalizer == _criteria ? (_criteriaLabels, _criteriaKinds) : (_standardLabels, _standardKinds);
            var table = ReadTables.Of(repaired, normalized.Value.ReadFrom.Concat(form.Provenance), text => IsTemplateWording(labels, kinds, text));
            form = form with { ReadTable = table };
        }
        return normalized.Value with { Form = form };
    }

    /// <summary>
    /// What the reader noticed on a form's pages (a figure OCR was unsure of, one it re-read) belongs in that form's
    /// warnings, where a reviewer sees it beside the figure.
    /// </summary>
    private static NormalizedForm WithReadingWarnings(NormalizedForm n, ImmutableArray<Diagnostic> reading)
    {
        var pages = n.Form.Source.Pages;
        var mine = reading.Where(d => d.Severity == DiagnosticSeverity.Warning && d.Source?.Page is { } p && pages is { } ps && ps.Contains(p)).ToList();
        if (mine.Count == 0) return n;
        // A cell's warning names the field read from that cell, so a reviewer's tool finds it beside the figure.
        var fieldAt = n.Form.Provenance
            .Where(p => p.Value is { Page: not null, Box.Length: 4 })
            .GroupBy(p => (p.Value.Page!.Value, Key: BoxKey(p.Value.Box!.Value)))
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? g.First().Key : null);
        var warnings = DiagnosticFlood.Cap(mine).Select(d =>
        {
            var field = d.Field ?? (d.Source is { Page: { } page, Box: { } b } ? fieldAt.GetValueOrDefault((page, BoxKey([b.X0, b.Y0, b.X1, b.Y1]))) : null);
            return (d with { Field = field }).ToWarning();
        });
        return n with { Form = n.Form with { Warnings = [.. warnings, .. n.Form.Warnings] } };
    }

    /// <summary>
    /// A text reader's warning at a line (a byte that was not UTF-8) goes to the form printed over that line: the last
    /// form that starts at or before it, as far as the lines its fields were read from tell.
    /// </summary>
    private static void WithLineWarnings(List<NormalizedForm> forms, ImmutableArray<Diagnostic> reading)
    {
        var atLines = reading.Where(d => d.Severity == DiagnosticSeverity.Warning && d.Source is { Page: null, Line: not null }).ToList();
        if (atLines.Count == 0 || forms.Count == 0) return;
        var starts = forms.Select(f => f.Form.Provenance.Values.Select(p => p.Line).OfType<int>().DefaultIfEmpty(int.MaxValue).Min()).ToList();
        foreach (var group in atLines.GroupBy(d => Math.Max(0, starts.FindLastIndex(s => s <= d.Source!.Line!.Value))))
        {
            var form = forms[group.Key].Form;
            forms[group.Key] = forms[group.Key] with
            {
                Form = form with { Warnings = [.. DiagnosticFlood.Cap(group).Select(d => d.ToWarning()), .. form.Warnings] },
            };
        }
    }

    private static string BoxKey(ImmutableArray<double> b) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{b[0]:F1},{b[1]:F1},{b[2]:F1},{b[3]:F1}");

    /// <summary>
    /// A form whose year row the OCR lost takes the year every other form of the same file states: an archive
    /// file is one district's one year. The guess is a warning, never silent; with no agreement there is no guess.
    /// </summary>
    private static void InferMissingYears(List<NormalizedForm> forms)
    {
        var years = forms.Select(f => f.Form.Year).OfType<int>().Distinct().ToList();
        if (years.Count != 1) return;
        for (var i = 0; i < forms.Count; i++)
        {
            if (forms[i].Form.Year is not null) continue;
            var form = forms[i].Form;
            forms[i] = forms[i] with
            {
                Form = form with
                {
                    Year = years[0],
                    Warnings = [.. form.Warnings, new Diagnostic(DiagnosticCodes.YearInferred,
                        $"表中没有年度，按同一文件中其他各表的年度 {years[0]} 处理", null, "year").ToWarning()],
                },
            };
        }
    }

    /// <summary>
    /// A label of the template (项目名称, 年初预算数 …), a level's name (产出指标, 数量指标) or a placeholder ("—", "/") the form
    /// prints where a line has no figure: the form's own wording, nothing a field could have been read from.
    /// </summary>
    private static bool IsTemplateWording(LabelMatcher labels, string[] kinds, string text) =>
        NumberParser.IsPlaceholder(TextCleaner.Compact(text)) ||
        labels.Match(text, kinds) is { Score: >= 0.9 } || labels.MatchLevel(text) is { IsExact: true };

    /// <summary>
    /// The criteria template prints 指标解释 / 评分规则 columns and a 预算单位; the standard one never does. A plain dump
    /// may write a label wrapped in its narrow cell a piece a line ("指标" / "解释", "预算" / "单位"): two short lines in a
    /// row are read together as well.
    /// </summary>
    private bool IsCriteria(FormGrid grid)
    {
        var rows = grid.Rows.Take(60).ToList();
        var texts = rows.SelectMany(r => r.Cells).Where(c => !c.IsEmpty).Select(c => c.Text).ToList();
        for (var r = 0; r + 1 < rows.Count; r++)
            if (RowText.NonEmpty(rows[r]).ToList() is [var piece] && TextCleaner.Compact(piece.Text).Length <= 4 &&
                RowText.NonEmpty(rows[r + 1]).FirstOrDefault() is { } next && TextCleaner.Compact(next.Text).Length <= 4)
                texts.Add(TextCleaner.Compact(piece.Text) + TextCleaner.Compact(next.Text));
        // Two of the criteria template's own labels (two kinds, or one twice) settle it; the rest need not be asked.
        var found = 0;
        foreach (var text in texts)
            if (_criteriaLabels.Match(text, CriteriaOnlyKinds) is { IsExact: true } && ++found == 2) return true;
        return false;
    }

    private static readonly string[] CriteriaOnlyKinds = ["HdrExplanation", "HdrRule", "Department"];

    private static Diagnostic? Error(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);

    private DocumentResult Failed(string path, string reason, ImmutableArray<Diagnostic> diagnostics, StageMeter timings)
    {
        _log.Warning("Failed {SourcePath}: {Reason}", path, reason);
        return new DocumentResult(path, [], reason, diagnostics, timings.Milliseconds) { StageAllocatedBytes = timings.AllocatedBytes };
    }

    /// <summary>Runs one stage's work, timed; what it throws is tagged with the stage for the file's failure.</summary>
    private static T Timed<T>(StageMeter meter, string stage, Func<T> work)
    {
        var start = Stopwatch.GetTimestamp();
        // This thread's own allocations: a worker's figure is not blurred by the other workers'.
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            return work();
        }
        catch (Exception e) when (e is not StageFailedException and not StrictModeException)
        {
            throw new StageFailedException(stage, e);
        }
        finally
        {
            meter.Add(stage, Stopwatch.GetElapsedTime(start).TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - allocated);
        }
    }

    /// <summary>What each stage cost one document: time and bytes allocated, summed over its forms.</summary>
    private sealed class StageMeter
    {
        public Dictionary<string, double> Milliseconds { get; } = [];
        public Dictionary<string, long> AllocatedBytes { get; } = [];

        public void Add(string stage, double milliseconds, long bytes)
        {
            Milliseconds[stage] = Milliseconds.GetValueOrDefault(stage) + milliseconds;
            AllocatedBytes[stage] = AllocatedBytes.GetValueOrDefault(stage) + bytes;
        }
    }

    private sealed class StageFailedException(string stage, Exception cause) : Exception(cause.Message, cause)
    {
        public string Stage { get; } = stage;
    }
}
