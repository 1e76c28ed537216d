using PerformanceEval.Provenance;

namespace PerformanceEval.Raster;

/// <summary>
/// A ruled table's cells: row and column boundaries from the ruling lines, and grid cells no rule separates joined
/// into one merged region (union-find over the grid). What fills a region — words of a text layer, or OCR of its
/// crop — is the caller's; Ingestion lays the regions out as rows of cells with their spans, a region spanning rows
/// carried down (as an HTML rowspan). Geometry only: the rows of cells the readers make of it are Ingestion's
/// (<c>Ingestion.Pdf.GridRows</c>).
/// </summary>
internal sealed class GridLayout
{
    /// <summary>Boundaries closer than this (in the rules' units) are one.</summary>
    private const double Snap = 2.5;

    private readonly int[] _parent;

    /// <summary>Which grid cells were joined to the cell on their right and to the one below (no rule between).</summary>
    private readonly bool[] _joinsRight, _joinsDown;

    /// <summary>Each region's first and last grid row and column, by its root cell; set once the cells are joined.</summary>
    private (int Top, int Left, int Bottom, int Right)[] _extents = [];

    private GridLayout(List<double> ys, List<double> xs)
    {
        (Ys, Xs) = (ys, xs);
        _parent = Enumerable.Range(0, Rows * Columns).ToArray();
        (_joinsRight, _joinsDown) = (new bool[Rows * Columns], new bool[Rows * Columns]);
    }

    public List<double> Ys { get; }
    public List<double> Xs { get; }
    public int Rows => Ys.Count - 1;
    public int Columns => Xs.Count - 1;

    /// <summary>
    /// The grid the rules draw, or null when they draw no table (fewer than two lines either way). Where no rule was
    /// found along a cell's edge, <paramref name="inkAlong"/> (scans) may still see a line there — (horizontal edge?,
    /// position, from, to) — too broken for the run finder; then the cells stay apart. Column boundaries closer
    /// than <paramref name="minColumn"/> are one (see <see cref="Boundaries"/>).
    /// </summary>
    public static GridLayout? Build(List<Rule> horizontal, List<Rule> vertical, double snap = Snap,
        Func<bool, double, double, double, bool>? inkAlong = null, double minColumn = 0)
    {
        // Rows are not joined so: a bold title's strokes are thin rows of their own, and one row of them let its
        // vertical strokes cut the title into cells.
        var rows = Boundaries(horizontal, snap, 0);
        var columns = Boundaries(vertical, snap, minColumn);
        if (rows.Count < 2 || columns.Count < 2) return null;
        var (ys, xs) = (rows.Select(b => b.At).ToList(), columns.Select(b => b.At).ToList());
        var grid = new GridLayout(ys, xs);
        var across = columns.Select(b => Coverage(b.Rules, snap, ys)).ToList();
        var down = rows.Select(b => Coverage(b.Rules, snap, xs)).ToList();
        for (var r = 0; r < grid.Rows; r++)
            for (var c = 0; c < grid.Columns; c++)
            {
                var midY = (ys[r] + ys[r + 1]) / 2;
                var midX = (xs[c] + xs[c + 1]) / 2;
                var i = r * grid.Columns + c;
                grid._joinsRight[i] = c + 1 < grid.Columns && !across[c + 1].Any(span => span.From <= midY && midY <= span.To) &&
                                      inkAlong?.Invoke(false, xs[c + 1], ys[r], ys[r + 1]) != true;
                grid._joinsDown[i] = r + 1 < grid.Rows && !down[r + 1].Any(span => span.From <= midX && midX <= span.To) &&
                                     inkAlong?.Invoke(true, ys[r + 1], xs[c], xs[c + 1]) != true;
            }
        grid.Join();
        return grid;
    }

    /// <summary>
    /// The same grid with a boundary drawn at column boundary <paramref name="column"/> (between grid columns
    /// column − 1 and column) from grid row <paramref name="fromRow"/> to <paramref name="toRow"/>: a rule the finder
    /// missed where the reader knows one stands (the header's columns say two figures' cells are apart).
    /// </summary>
    public GridLayout WithBoundary(int column, int fromRow, int toRow)
    {
        var grid = new GridLayout(Ys, Xs);
        Array.Copy(_joinsRight, grid._joinsRight, _joinsRight.Length);
        Array.Copy(_joinsDown, grid._joinsDown, _joinsDown.Length);
        for (var r = fromRow; r <= toRow; r++) grid._joinsRight[r * Columns + column - 1] = false;
        grid.Join();
        return grid;
    }

    private void Join()
    {
        for (var i = 0; i < Rows * Columns; i++)
        {
            if (_joinsRight[i]) Union(i, i + 1);
            if (_joinsDown[i]) Union(i, i + Columns);
        }
        MeasureRegions();
    }

    /// <summary>
    /// Where a boundary is drawn: the union of every rule snapped to it, gaps bridged unless the gap is a missing
    /// border. A scanned rule comes out in pieces (noise, dust, a faint stretch, a trace of skew) that together still
    /// separate the cells; a border that is really absent — cells merged across it — is missing over at least one
    /// whole cell, from one crossing boundary to the next. So a gap is bridged when it is small, or when no whole
    /// cell of the crossing boundaries lies inside it (a faint stretch in the middle of a cell's edge).
    /// </summary>
    private static List<(double From, double To)> Coverage(List<Rule> rules, double snap, List<double> crossing)
    {
        var small = snap * 4;
        bool HoldsWholeCell(double from, double to) =>
            crossing.Zip(crossing.Skip(1)).Any(cell => cell.First >= from - snap && cell.Second <= to + snap);
        var spans = new List<(double From, double To)>();
        foreach (var r in rules.OrderBy(r => r.From))
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
        var (top, left, bottom, right) = Extent(region);
        return new Box(Xs[left], Ys[top], Xs[right + 1], Ys[bottom + 1], units);
    }

    /// <summary>A region's first and last grid row and column.</summary>
    public (int Top, int Left, int Bottom, int Right) Extent(int region) => _extents[region];

    /// <summary>
    /// Every region's extent in one pass over the cells, once the joins are done: asked for each region of a page,
    /// a scan of the whole grid per region cost a page of forty rows by ten columns 160,000 steps.
    /// </summary>
    private void MeasureRegions()
    {
        _extents = new (int, int, int, int)[Rows * Columns];
        Array.Fill(_extents, (int.MaxValue, int.MaxValue, -1, -1));
        for (var i = 0; i < Rows * Columns; i++)
        {
            var root = Find(i);
            var (r, c) = (i / Columns, i % Columns);
            var e = _extents[root];
            _extents[root] = (Math.Min(e.Top, r), Math.Min(e.Left, c), Math.Max(e.Bottom, r), Math.Max(e.Right, c));
        }
    }

    private static int Band(List<double> bounds, double v)
    {
        for (var i = 0; i + 1 < bounds.Count; i++)
            if (v >= bounds[i] && v < bounds[i + 1]) return i;
        return -1;
    }

    /// <summary>
    /// The boundaries the rules draw one way, each at a position with the rules it is made of: a rule no further than
    /// <paramref name="snap"/> past a boundary's first is one with it, at the first's position. Boundaries closer than
    /// <paramref name="minGap"/> are one too, at the position of the one drawn longest: no cell is that narrow, and on
    /// a scan two blocks' column edges a few pixels apart, or a rule seen twice (its dark core and its faint blur), are
    /// one edge — as two they made a column of nothing between them, and every cell beside it one column off.
    /// </summary>
    private static List<(double At, List<Rule> Rules)> Boundaries(List<Rule> rules, double snap, double minGap)
    {
        var chained = new List<(double At, List<Rule> Rules)>();
        foreach (var r in rules.OrderBy(r => r.At))
            if (chained.Count == 0 || r.At - chained[^1].At > snap) chained.Add((r.At, [r]));
            else chained[^1].Rules.Add(r);
        if (minGap <= 0) return chained;
        var result = new List<(double At, List<Rule> Rules, double Drawn)>();
        foreach (var (at, members) in chained)
        {
            var drawn = members.Sum(m => m.To - m.From);
            if (result.Count > 0 && at - result[^1].At < minGap)
            {
                var last = result[^1];
                result[^1] = (drawn > last.Drawn ? at : last.At, [.. last.Rules, .. members], Math.Max(drawn, last.Drawn));
            }
            else result.Add((at, members, drawn));
        }
        return [.. result.Select(b => (b.At, b.Rules))];
    }
}
