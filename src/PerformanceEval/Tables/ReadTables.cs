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
    /// <param name="grid">The form's rows as the normalizer received them.</param>
    /// <param name="provenance">Where each field was read: every cell of it (a name joined from two lines names both),
    /// or the form's provenance (its first cell).</param>
    /// <param name="isLabel">Whether a cell's text is the template's own wording (a label, a level's name): such a cell
    /// is drawn as the form's, not as data nothing was read from.</param>
    public static ReadTable Of(FormGrid grid, IEnumerable<KeyValuePair<string, FieldProvenance>> provenance, Func<string, bool>? isLabel = null)
    {
        // Built for every form an import stores: one pass over the provenance, none over the cells but the drawing.
        var fieldsAt = new Dictionary<Place, List<(string Field, string? Text)>>();
        foreach (var (field, p) in provenance)
        {
            var place = Place.Of(p);
            if (!fieldsAt.TryGetValue(place, out var list)) fieldsAt[place] = list = [];
            list.Add((field, p.Text));
        }
        // How far each spanning cell really reaches: the rows after it that still carry it (a repair may have dropped some).
        HashSet<(int Row, Place Cell)>? covered = null;
        var rows = ImmutableArray.CreateBuilder<ReadRow>(grid.Rows.Length);
        var cells = ImmutableArray.CreateBuilder<ReadCell>();
        for (var r = 0; r < grid.Rows.Length; r++)
        {
            var row = grid.Rows[r];
            cells.Clear();
            var next = 0;
            foreach (var cell in row.Cells)
            {
                var col = cell.FirstColumn >= 0 ? cell.FirstColumn : next;
                next = Math.Max(next, col + Math.Max(1, cell.ColSpan));
                var place = Place.Of(cell);
                var hasFields = fieldsAt.TryGetValue(place, out var here);
                if (cell.IsEmpty && cell.ColSpan <= 1 && cell.RowSpan <= 1 && !hasFields) continue;
                if (cell.Carried && covered is not null && covered.Contains((r, place))) continue;
                var span = 1;
                if (cell.RowSpan > 1)
                    while (r + span < grid.Rows.Length && span < cell.RowSpan && Carries(grid.Rows[r + span], place))
                        (covered ??= []).Add((r + span++, place));
                var fields = hasFields ? FieldsOf(cell, here!, row) : [];
                if (cell.IsEmpty && cell.ColSpan <= 1 && span <= 1 && fields.IsEmpty) continue;
                var label = fields.IsEmpty && !cell.IsEmpty && isLabel is not null && isLabel(cell.Text);
                cells.Add(new ReadCell(col, cell.Text, cell.ColSpan > 1 ? cell.ColSpan : null, span > 1 ? span : null,
                    cell.Source.Box is { } b ? [b.X0, b.Y0, b.X1, b.Y1] : null, cell.Source.Confidence,
                    fields.IsEmpty ? null : fields, label ? true : null));
            }
            rows.Add(new ReadRow(row.Page, row.Line, cells.ToImmutable()));
        }
        return new ReadTable(rows.MoveToImmutable());
    }

    private static bool Carries(RawRow row, Place place)
    {
        foreach (var c in row.Cells)
            if (c.Carried && Place.Of(c) == place) return true;
        return false;
    }

    /// <summary>
    /// The fields read at a cell's place. Cells standing at one place in a row (pieces of a layout line given one
    /// column) are told apart by the text each field was read from.
    /// </summary>
    private static ImmutableArray<string> FieldsOf(RawCell cell, List<(string Field, string? Text)> here, RawRow row)
    {
        var place = Place.Of(cell);
        var alike = 0;
        foreach (var c in row.Cells)
            if (!c.IsEmpty && !c.Carried && Place.Of(c) == place) alike++;
        var fields = ImmutableArray.CreateBuilder<string>(here.Count);
        foreach (var (field, text) in here)
            if (alike <= 1 || text is not null && (cell.Text.Contains(text, StringComparison.Ordinal) || text.Contains(cell.Text, StringComparison.Ordinal)))
                if (!fields.Contains(field)) fields.Add(field);
        fields.Sort(StringComparer.Ordinal);
        return fields.ToImmutable();
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
