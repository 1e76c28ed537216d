using System.Collections.Immutable;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;

namespace PerformanceEval.Tables;

/// <summary>The rows of one form, cut out of a document and repaired.</summary>
public sealed record FormGrid(SourceDocument Source, InputKind Kind, int FormIndex, ImmutableArray<RawRow> Rows)
{
    /// <summary>The 1-based pages the form's rows come from, or null for text inputs.</summary>
    public ImmutableArray<int>? Pages =>
        Rows.Select(r => r.Page).OfType<int>().Distinct().Order().ToImmutableArray() is { Length: > 0 } p ? p : null;
}

/// <summary>One repair of a broken OCR grid: a form's rows in, repaired rows out, each change a diagnostic.</summary>
public interface IGridRepairer
{
    StageResult<FormGrid> Repair(FormGrid grid);
}

internal static class RowText
{
    /// <summary>A row's cleaned cells joined without separators (for titles and years split over cells).</summary>
    public static string Joined(RawRow row) =>
        string.Concat(row.Cells.Select(c => Templates.TextCleaner.Compact(c.Text)));

    public static IEnumerable<RawCell> NonEmpty(RawRow row) => row.Cells.Where(c => !c.IsEmpty);
}
