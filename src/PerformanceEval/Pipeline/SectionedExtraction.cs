using System.Collections.Immutable;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using PerformanceEval.Tables;

namespace PerformanceEval.Pipeline;

/// <summary>What a dump read in sections ended with: the diagnostics of the file itself (its forms carry their own).</summary>
internal sealed record SectionedOutcome(int Forms, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Reads a text dump too large to hold whole, a section of about <see cref="InputLimits.TextSectionBytes"/> at a time,
/// and hands its forms on as each section is done.
/// </summary>
/// <remarks>
/// Where one form ends is the segmenter's call, not the byte count's: a section is cut at a line, segmented, and all its
/// forms but the last are handed on; the last may go on past the cut, so the next section starts at its first line and
/// reads it again with what follows. Each form handed on was thus segmented with the start of the next one in view, as
/// in a file read whole. A section holding a single form is read again twice as large (up to
/// <see cref="InputLimits.MaxSectionBytes"/>: a "form" larger than that is refused); one holding none is skipped but for
/// its last lines, where the next form may begin.
/// </remarks>
/// <param name="limits">The section's size and the largest a section may grow to.</param>
/// <param name="read">Ingestion of one section (<see cref="TextDumpReader.ReadSection"/>), its lines numbered from the third argument.</param>
/// <param name="segment">Tables: a section's rows cut into forms.</param>
/// <param name="formsOf">Normalizer and checker: the forms of some grids, given what the reader noticed.</param>
internal sealed class SectionedExtraction(
    InputLimits limits,
    Func<SourceDocument, DecodedText, int, StageResult<IngestedDocument>> read,
    Func<IngestedDocument, StageResult<ImmutableArray<FormGrid>>> segment,
    Func<IReadOnlyList<FormGrid>, ImmutableArray<Diagnostic>, ImmutableArray<CleanedForm>> formsOf)
{
    /// <summary>What is kept of a section without a form (at most a quarter of it): the start of one may lie in its last lines.</summary>
    private const long CarriedBytes = 64 * 1024;

    public SectionedOutcome Run(string path, TextSurvey survey, Action<ImmutableArray<CleanedForm>> onForms)
    {
        var fileRef = SourceRef.ForFile(path, survey.Sha256);
        if (survey.Refusal(path, limits) is { } refusal) return new(0, [refusal]);
        Diagnostic? noForm = null;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var (offset, line, size, handed) = (0L, 1, limits.TextSectionBytes, 0);
        while (offset < survey.Length)
        {
            var section = TextSection.Read(file, offset, line, size);
            var atEnd = section.End >= survey.Length;
            var document = new SourceDocument(path, section.Bytes, survey.Sha256);
            var ingested = read(document, TextDecoder.DecodeAs(section.Bytes, survey.EncodingName), section.FirstLine);
            var readError = ingested.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            // A run of blank lines holds no text; anything else the reader refuses is the file's failure.
            if (readError is not null && readError.Code != DiagnosticCodes.InputNoText)
                return new(handed, [readError]);
            var grids = readError is null ? segment(ingested.Value) : new([], []);
            noForm ??= grids.Diagnostics.FirstOrDefault(d => d.Code == DiagnosticCodes.FormNoneFound);
            var forms = grids.Value;
            // The last form is read again from its first line with what follows, unless this section ends the file.
            var (next, restart) = !atEnd && forms.Length >= 2 && FirstLine(forms[^1], section.FirstLine) is var first
                ? (first, section.OffsetOfLine(first))
                : (line, section.Offset);
            if (!atEnd && forms.Length == 0)
            {
                (line, offset) = section.LineAtOrAfter(Math.Max(section.Offset + 1, section.End - Math.Min(CarriedBytes, section.Bytes.Length / 4)));
                size = limits.TextSectionBytes;
                continue;
            }
            if (!atEnd && restart <= section.Offset)
            {
                // One form fills the section (or the last reaches back to its start): read it again, twice as large.
                if (size >= limits.MaxSectionBytes)
                    return new(handed, [new Diagnostic(DiagnosticCodes.InputTooLarge,
                        $"the form that starts at line {FirstLine(forms[0], line)} does not end within {limits.MaxSectionBytes:N0} bytes (limits.maxTextBytes); not read on",
                        fileRef with { Line = FirstLine(forms[0], line) })]);
                size = Math.Min(size * 2, limits.MaxSectionBytes);
                continue;
            }
            var done = atEnd ? forms : forms[..^1];
            // Numbered through the file, as a file read whole numbers them.
            var numbered = done.Select((g, i) => g with { FormIndex = handed + i }).ToList();
            // (The tables stage's warnings at a line go to their forms, as the reader's do. One at a line of the form read
            // again with the next section is that reading's: given here, it went to the form before, and twice.)
            var cleaned = formsOf(numbered, [.. ingested.Diagnostics.AddRange(grids.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
                .Where(d => atEnd || d.Source?.Line is not { } at || at < next)]);
            handed += cleaned.Length;
            if (!cleaned.IsEmpty) onForms(cleaned);
            (line, offset, size) = (next, restart, limits.TextSectionBytes);
            if (atEnd) break;
        }
        return handed > 0 ? new(handed, [])
            : new(0, [noForm ?? new Diagnostic(DiagnosticCodes.FormNoneFound, "no 财政项目支出绩效自评表 found: no funding block, indicator rows or total", fileRef)]);
    }

    /// <summary>The first file line a form's rows were read from (rebuilt rows take pieces of several lines).</summary>
    private static int FirstLine(FormGrid form, int fallback) =>
        form.Rows.SelectMany(r => r.Cells.Select(c => c.Source.Line).Prepend(r.Line)).OfType<int>().DefaultIfEmpty(fallback).Min();
}
