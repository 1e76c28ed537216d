using System.Collections.Immutable;
using PerformanceEval.Diagnostics;
using PerformanceEval.Provenance;

namespace PerformanceEval.Ingestion;

/// <summary>How a row was laid out in the input; later stages trust positions more for some than for others.</summary>
public enum RowOrigin
{
    /// <summary>A markdown pipe-table row (OCR/layout tools): columns exist but drift.</summary>
    Markdown,
    /// <summary>An HTML &lt;table&gt; row, spans expanded.</summary>
    Html,
    /// <summary>Tab-separated text: columns exist, rows shift.</summary>
    Tsv,
    /// <summary>Plain layout text (a PDF's text layer): one line, cells split by spaces, each with its character columns.</summary>
    Layout,
    /// <summary>A whole form flattened into one paragraph: tokens in reading order only.</summary>
    Flattened,
    /// <summary>A row of a table rebuilt from its ruling lines — a text-layer PDF's vector rules or a scan's raster ones: true cells with boxes.</summary>
    RuledGrid,
    /// <summary>
    /// A row of a layout-text table rebuilt under its header by Tables: a line holding the row's figures with the pieces
    /// of its wrapped cells from the lines around it, each cell at the column of the header it stands under.
    /// </summary>
    LayoutGrid,
}

/// <summary>
/// One cell of the logical table as read: its raw text, where it was, and the grid columns and rows it covers. The
/// cell's first column is <c>Source.Col</c>; a merged cell is one cell with its spans (never padding slots after it),
/// and a cell spanning rows appears in each row it covers, the rows after its first marked <see cref="Carried"/>.
/// </summary>
public sealed record RawCell(string Text, SourceRef Source)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Text);

    /// <summary>Grid columns the cell covers (an HTML colspan, or a merged region of a ruled page).</summary>
    public int ColSpan { get; init; } = 1;

    /// <summary>Grid rows the cell covers.</summary>
    public int RowSpan { get; init; } = 1;

    /// <summary>True in the rows after a row-spanning cell's first: the same cell, carried down as the contract asks.</summary>
    public bool Carried { get; init; }

    /// <summary>The first grid column, or -1 where the input has no columns.</summary>
    public int FirstColumn => Source.Col ?? -1;

    /// <summary>One past the last grid column.</summary>
    public int EndColumn => FirstColumn + ColSpan;

    /// <summary>
    /// Where a token of layout text stands on its line, in characters (as <c>pdftotext -layout</c> places words by
    /// their x position), or null. Tables rebuild the layout's columns from these under the table's header.
    /// </summary>
    public TextColumns? Columns { get; init; }
}

/// <summary>Characters [<paramref name="Start"/>, <paramref name="End"/>) of a layout-text line.</summary>
public readonly record struct TextColumns(int Start, int End)
{
    public double Center => (Start + End) / 2.0;

    public bool Overlaps(TextColumns other) => Start < other.End && other.Start < End;
}

/// <summary>One row of cells in input order.</summary>
/// <param name="Cells">Cells left to right; empty cells are kept because their position carries meaning.</param>
/// <param name="Origin">The layout the row came from.</param>
/// <param name="Line">1-based line of a text input where the row starts.</param>
/// <param name="Block">Index of the table or paragraph block the row belongs to.</param>
/// <param name="AfterBlankLine">True when a blank line precedes the row (layout text keeps paragraphs this way).</param>
public sealed record RawRow(ImmutableArray<RawCell> Cells, RowOrigin Origin, int? Line, int Block, bool AfterBlankLine = false)
{
    public int? Page => Cells.IsEmpty ? null : Cells[0].Source.Page;

    /// <summary>True when the row's cells come from a table with columns (HTML, a ruled PDF page, a scan's ruled grid, a rebuilt layout table).</summary>
    public bool HasSpans => Origin is RowOrigin.Html or RowOrigin.RuledGrid or RowOrigin.LayoutGrid;

    /// <summary>The cell covering grid column <paramref name="col"/>, or null.</summary>
    public RawCell? CellCovering(int col)
    {
        foreach (var cell in Cells)
            if (cell.FirstColumn <= col && col < cell.EndColumn) return cell;
        return null;
    }
}

/// <summary>The ingestion stage's output: every row of a document in reading order.</summary>
public sealed record IngestedDocument(SourceDocument Source, InputKind Kind, ImmutableArray<RawRow> Rows);

/// <summary>One ingestion reader: a kind of input in, positioned rows out.</summary>
public interface IDocumentReader
{
    /// <summary>True when this reader understands the document (by content, not only by extension).</summary>
    bool CanRead(SourceDocument document);

    /// <summary>Reads the document. Bad input comes back as diagnostics, never as an exception.</summary>
    StageResult<IngestedDocument> Read(SourceDocument document);
}
