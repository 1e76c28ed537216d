using System.Collections.Immutable;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;

namespace PerformanceEval.Tables;

/// <summary>A form's repaired grid as the <see cref="ReadTable"/> the store keeps and the review page draws.</summary>
public static class ReadTables
{
    /// <summary>
    /// The grid's rows with their cells at their logical columns: a cell spanning rows once, over the rows it covers
    /// (the rows that carry it down drop it), empty cells left out unless they span; each cell named with the fields
    /// the form's provenance says were read from it — by where the cell stood (page, line, column, box), not by the
    /// row the field was assembled in (a name broken over lines is read from the line above its figures).
    /// </summary>
    public static ReadTable Of(FormGrid grid, IReadOnlyDictionary<string, FieldProvenance> provenance)
    {
        var fieldsAt = provenance.ToLookup(p => Place.Of(p.Value), p => (Field: p.Key, p.Value.Text));
        // Cells standing at one place (pieces of a layout line given one column) are told apart by their text.
        var shared = grid.Rows.SelectMany(r => r.Cells).Where(c => !c.IsEmpty && !c.Carried)
            .GroupBy(Place.Of).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        // How far each spanning cell really reaches: the rows after it that still carry it (a repair may have dropped some).
        var covered = new HashSet<(int Row, Place Cell)>();
        var rows = ImmutableArray.CreateBuilder<ReadRow>(grid.Rows.Length);
        for (var r = 0; r < grid.Rows.Length; r++)
        {
            var row = grid.Rows[r];
            var cells = ImmutableArray.CreateBuilder<ReadCell>();
            var next = 0;
            foreach (var cell in row.Cells)
            {
                var col = cell.FirstColumn >= 0 ? cell.FirstColumn : next;
                next = Math.Max(next, col + Math.Max(1, cell.ColSpan));
                var place = Place.Of(cell);
                if (cell.Carried && covered.Contains((r, place))) continue;
                var span = 1;
                if (cell.RowSpan > 1)
                    while (r + span < grid.Rows.Length && span < cell.RowSpan &&
                           grid.Rows[r + span].Cells.Any(c => c.Carried && Place.Of(c) == place))
                        covered.Add((r + span++, place));
                var fields = fieldsAt[place]
                    .Where(f => !shared.Contains(place) || f.Text is { } text && (cell.Text.Contains(text, StringComparison.Ordinal) || text.Contains(cell.Text, StringComparison.Ordinal)))
                    .Select(f => f.Field).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
                if (cell.IsEmpty && cell.ColSpan <= 1 && span <= 1 && fields.IsEmpty) continue;
                cells.Add(new ReadCell(col, Math.Max(1, cell.ColSpan), span, cell.Text,
                    cell.Source.Box is { } b ? [b.X0, b.Y0, b.X1, b.Y1] : null, cell.Source.Confidence,
                    fields.IsEmpty ? null : fields));
            }
            rows.Add(new ReadRow(row.Page, row.Line, cells.ToImmutable()));
        }
        return new ReadTable(rows.MoveToImmutable());
    }

    /// <summary>Where a cell stood in the source, as its provenance records it; a carried cell stands where its first row's does.</summary>
    private readonly record struct Place(int? Page, int? Line, int? Col, double X0, double Y0)
    {
        public static Place Of(RawCell cell) =>
            new(cell.Source.Page, cell.Source.Line, cell.Source.Col, Round(cell.Source.Box?.X0), Round(cell.Source.Box?.Y0));

        public static Place Of(FieldProvenance p) =>
            new(p.Page, p.Line, p.Col, Round(p.Box is { Length: 4 } b ? b[0] : null), Round(p.Box is { Length: 4 } c ? c[1] : null));

        private static double Round(double? v) => v is { } x ? Math.Round(x, 2) : double.NaN;
    }
}
