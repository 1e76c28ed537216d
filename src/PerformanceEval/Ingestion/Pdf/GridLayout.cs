using System.Collections.Immutable;
using PerformanceEval.Provenance;

namespace PerformanceEval.Ingestion.Pdf;

/// <summary>
/// A ruled table's cells: row and column boundaries from the ruling lines, and grid cells no rule separates joined
/// into one merged region (union-find over the grid). What fills a region — words of a text layer, or OCR of its
/// crop — is the caller's; <c>ToRows</c> lays the regions out as rows of cells with their spans, a region spanning rows
/// carried down (as an HTML rowspan).
/// </summary>
internal sealed class GridLayout
{
    /// <summary>Boundaries closer than this (in the rules' units) are one.</summary>
    private const double Snap = 2.5;

    private readonly int[] _parent;

    private GridLayout(List<double> ys, List<double> xs)
    {
        (Ys, Xs) = (ys, xs);
        _parent = Enumerable.Range(0, Rows * Columns).ToArray();
    }

    public List<double> Ys { get; }
    public List<double> Xs { get; }
    public int Rows => Ys.Count - 1;
    public int Columns => Xs.Count - 1;

    /// <summary>
    /// The grid the rules draw, or null when they draw no table (fewer than two lines either way). Where no rule was
    /// found along a cell's edge, <paramref name="inkAlong"/> (scans) may still see a line there — (horizontal edge?,
    /// position, from, to) — too broken for the run finder; then the cells stay apart.
    /// </summary>
    public static GridLayout? Build(List<Rule> horizontal, List<Rule> vertical, double snap = Snap,
        Func<bool, double, double, double, bool>? inkAlong = null)
    {
        var ys = Cluster(horizontal.Select(r => r.At), snap);
        var xs = Cluster(vertical.Select(r => r.At), snap);
        if (ys.Count < 2 || xs.Count < 2) return null;
        var grid = new GridLayout(ys, xs);
        var across = xs.Select(x => Coverage(vertical, x, snap, ys)).ToList();
        var down = ys.Select(y => Coverage(horizontal, y, snap, xs)).ToList();
        for (var r = 0; r < grid.Rows; r++)
            for (var c = 0; c < grid.Columns; c++)
            {
                var midY = (ys[r] + ys[r + 1]) / 2;
                var midX = (xs[c] + xs[c + 1]) / 2;
                if (c + 1 < grid.Columns && !across[c + 1].Any(span => span.From <= midY && midY <= span.To) &&
                    inkAlong?.Invoke(false, xs[c + 1], ys[r], ys[r + 1]) != true)
                    grid.Union(r * grid.Columns + c, r * grid.Columns + c + 1);
                if (r + 1 < grid.Rows && !down[r + 1].Any(span => span.From <= midX && midX <= span.To) &&
                    inkAlong?.Invoke(true, ys[r + 1], xs[c], xs[c + 1]) != true)
                    grid.Union(r * grid.Columns + c, (r + 1) * grid.Columns + c);
            }
        return grid;
    }

    /// <summary>
    /// Where a boundary is drawn: the union of every rule snapped to it, gaps bridged unless the gap is a missing
    /// border. A scanned rule comes out in pieces (noise, dust, a faint stretch, a trace of skew) that together still
    /// separate the cells; a border that is really absent — cells merged across it — is missing over at least one
    /// whole cell, from one crossing boundary to the next. So a gap is bridged when it is small, or when no whole
    /// cell of the crossing boundaries lies inside it (a faint stretch in the middle of a cell's edge).
    /// </summary>
    private static List<(double From, double To)> Coverage(List<Rule> rules, double at, double snap, List<double> crossing)
    {
        var small = snap * 4;
        bool HoldsWholeCell(double from, double to) =>
            crossing.Zip(crossing.Skip(1)).Any(cell => cell.First >= from - snap && cell.Second <= to + snap);
        var spans = new List<(double From, double To)>();
        foreach (var r in rules.Where(r => Math.Abs(r.At - at) <= snap).OrderBy(r => r.From))
        {
            if (spans.Count > 0 && (r.From - spans[^1].To <= small || !HoldsWholeCell(spans[^1].To, r.From)))
                spans[^1] = (spans[^1].From, Math.Max(spans[^1].To, r.To));
            else spans.Add((r.From, r.To));
        }
        return [.. spans.Select(s => (s.From - snap, s.To + snap))];
    }

    public int Find(int i) => _parent[i] == i ? i : _parent[i] = Find(_parent[i]);

    private void Union(int a, int b) => _parent[Find(Math.Max(a, b))] = Find(Math.Min(a, b));

    /// <summary>The merged region a point falls in, or null outside the ruled area.</summary>
    public int? RegionAt(double x, double y)
    {
        var (r, c) = (Band(Ys, y), Band(Xs, x));
        return r < 0 || c < 0 ? null : Find(r * Columns + c);
    }

    /// <summary>Every merged region once, top-left first.</summary>
    public IEnumerable<int> Regions() => Enumerable.Range(0, Rows * Columns).Where(i => Find(i) == i);

    public Box BoxOf(int region, BoxUnits units)
    {
        var members = Enumerable.Range(0, Rows * Columns).Where(i => Find(i) == region).ToList();
        return new Box(Xs[members.Min(i => i % Columns)], Ys[members.Min(i => i / Columns)],
            Xs[members.Max(i => i % Columns) + 1], Ys[members.Max(i => i / Columns) + 1], units);
    }

    public List<(double Y, RawRow Row)> ToRows(SourceDocument doc, int page, int block, BoxUnits units,
        Func<int, (string Text, double? Confidence)> content) =>
        ToRows(doc, page, block, units, region => content(region) is var (text, confidence) ? (text, confidence, []) : default);

    /// <summary>
    /// Rows of the grid, each region's content given by <paramref name="content"/> (with OCR's alternative readings). A
    /// merged region is one cell with its spans, in every row it covers (carried down after its first); no padding.
    /// </summary>
    public List<(double Y, RawRow Row)> ToRows(SourceDocument doc, int page, int block, BoxUnits units,
        Func<int, (string Text, double? Confidence, ImmutableArray<string> Alternatives)> content)
    {
        var filled = Regions().ToDictionary(r => r, content);
        var boxes = Regions().ToDictionary(r => r, r => BoxOf(r, units));
        var extent = Regions().ToDictionary(r => r, Extent);
        var grid = new List<(int R, List<(RawCell Cell, int Top)> Cells)>();
        for (var r = 0; r < Rows; r++)
        {
            var cells = new List<(RawCell, int)>();
            for (var c = 0; c < Columns; c++)
            {
                var region = Find(r * Columns + c);
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
            if (grid.Count > 0 && ContinuesRowAbove(cells, grid[^1].R)) MergeInto(grid[^1].Cells, cells);
            else grid.Add((r, cells));
        }
        return [.. grid.Where(g => g.Cells.Any(x => !x.Cell.IsEmpty))
            .Select(g => (Ys[g.R], new RawRow([.. g.Cells.Select(x => x.Cell)], RowOrigin.RuledGrid, null, block)))];
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

    /// <summary>A region's first and last grid row and column.</summary>
    private (int Top, int Left, int Bottom, int Right) Extent(int region)
    {
        var members = Enumerable.Range(0, Rows * Columns).Where(i => Find(i) == region).ToList();
        return (members.Min(i => i / Columns), members.Min(i => i % Columns), members.Max(i => i / Columns), members.Max(i => i % Columns));
    }

    private static int Band(List<double> bounds, double v)
    {
        for (var i = 0; i + 1 < bounds.Count; i++)
            if (v >= bounds[i] && v < bounds[i + 1]) return i;
        return -1;
    }

    private static List<double> Cluster(IEnumerable<double> values, double snap)
    {
        var result = new List<double>();
        foreach (var v in values.Order())
            if (result.Count == 0 || v - result[^1] > snap) result.Add(v);
        return result;
    }
}
