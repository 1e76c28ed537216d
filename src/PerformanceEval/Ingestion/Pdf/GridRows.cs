using System.Collections.Immutable;
using PerformanceEval.Provenance;
using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Pdf;

/// <summary>
/// A ruled grid's regions laid out as rows of cells (the shape Tables reads): a merged region is one cell with its
/// spans, in every row it covers (carried down after its first), as an HTML rowspan. Both the text-layer and the scan
/// reader fill the regions; <see cref="GridLayout"/> is the geometry they share.
/// </summary>
internal static class GridRows
{
    public static List<(double Y, RawRow Row)> ToRows(this GridLayout grid, SourceDocument doc, int page, int block, BoxUnits units,
        Func<int, (string Text, double? Confidence)> content) =>
        grid.ToRows(doc, page, block, units, region => content(region) is var (text, confidence) ? (text, confidence, []) : default);

    /// <summary>
    /// Rows of the grid, each region's content given by <paramref name="content"/> (with OCR's alternative readings). A
    /// merged region is one cell with its spans, in every row it covers (carried down after its first); no padding.
    /// </summary>
    public static List<(double Y, RawRow Row)> ToRows(this GridLayout grid, SourceDocument doc, int page, int block, BoxUnits units,
        Func<int, (string Text, double? Confidence, ImmutableArray<string> Alternatives)> content)
    {
        var filled = grid.Regions().ToDictionary(r => r, content);
        var boxes = grid.Regions().ToDictionary(r => r, r => grid.BoxOf(r, units));
        var extent = grid.Regions().ToDictionary(r => r, grid.Extent);
        var laid = new List<(int R, List<(RawCell Cell, int Top)> Cells)>();
        for (var r = 0; r < grid.Rows; r++)
        {
            var cells = new List<(RawCell, int)>();
            for (var c = 0; c < grid.Columns; c++)
            {
                var region = grid.Find(r * grid.Columns + c);
                var (top, left, bottom, right) = extent[region];
                if (left != c) continue;
                var (text, confidence, alternatives) = filled[region];
                cells.Add((new RawCell(text, new SourceRef(doc.Path, doc.Sha256, page, null, r, c, boxes[region], text, confidence) { Alternatives = alternatives })
                {
                    ColSpan = right - left + 1,
                    RowSpan = bottom - top + 1,
                    Carried = r > top,
                }, top));
            }
            // A grid row where nothing starts exists only because a boundary of another part of the table crosses it.
            if (cells.All(x => x.Item1.Carried || x.Item1.IsEmpty)) continue;
            if (laid.Count > 0 && ContinuesRowAbove(cells, laid[^1].R)) MergeInto(laid[^1].Cells, cells);
            else laid.Add((r, cells));
        }
        return [.. laid.Where(g => g.Cells.Any(x => !x.Cell.IsEmpty))
            .Select(g => (grid.Ys[g.R], new RawRow([.. g.Cells.Select(x => x.Cell)], RowOrigin.RuledGrid, null, block)))];
    }

    /// <summary>
    /// A grid row most of whose cells are carried from the row just above is the rest of that row: the figures span
    /// both, and a rule seen only across one cell (the horizontal stroke of a wrapped line of text, a rule a scan
    /// broke) split that cell in two. A row of its own starts more cells than it inherits from the row above.
    /// </summary>
    private static bool ContinuesRowAbove(List<(RawCell Cell, int Top)> cells, int above)
    {
        var own = cells.Count(x => !x.Cell.Carried && !x.Cell.IsEmpty);
        var fromAbove = cells.Count(x => x.Cell.Carried && x.Top >= above && !x.Cell.IsEmpty);
        return own > 0 && fromAbove > own;
    }

    /// <summary>Each own cell of the continuing row joins the cell above it that covers the same columns.</summary>
    private static void MergeInto(List<(RawCell Cell, int Top)> row, List<(RawCell Cell, int Top)> continuation)
    {
        foreach (var (cell, _) in continuation.Where(x => !x.Cell.Carried && !x.Cell.IsEmpty))
        {
            var i = row.FindIndex(x => x.Cell.FirstColumn == cell.FirstColumn && x.Cell.ColSpan == cell.ColSpan && (!x.Cell.Carried || x.Cell.IsEmpty));
            if (i < 0) continue;
            var upper = row[i].Cell;
            if (upper.IsEmpty) { row[i] = (cell with { Carried = false }, row[i].Top); continue; }
            var text = upper.Text + "\n" + cell.Text;
            var box = upper.Source.Box is { } a && cell.Source.Box is { } b
                ? new Box(Math.Min(a.X0, b.X0), Math.Min(a.Y0, b.Y0), Math.Max(a.X1, b.X1), Math.Max(a.Y1, b.Y1), a.Units)
                : upper.Source.Box;
            // The joined text is as sure as its least sure part (OCR); a text layer has no confidence.
            double? confidence = (upper.Source.Confidence, cell.Source.Confidence) switch
            {
                (null, null) => null,
                var (p, q) => Math.Min(p ?? 1, q ?? 1),
            };
            row[i] = (upper with { Text = text, Source = upper.Source with { Box = box, Text = text, Confidence = confidence } }, row[i].Top);
        }
    }

}
