namespace PerformanceEval.Raster;

/// <summary>A ruling line of a table, in PDF points (origin top-left, as poppler's boxes).</summary>
/// <param name="At">y of a horizontal line, x of a vertical one.</param>
/// <param name="From">Where it starts along its direction.</param>
/// <param name="To">Where it ends.</param>
internal sealed record Rule(double At, double From, double To)
{
    public bool Covers(double position, double slack = 1.0) => position >= From - slack && position <= To + slack;
}

/// <summary>
/// Finds the ruling lines of a page from its raster: runs of dark pixels at least <see cref="MinLengthPt"/> long,
/// horizontal and vertical, merged when they lie on adjacent pixel rows (a thick line) and close together.
/// The forms are fully ruled tables, so these lines are the table's row and column boundaries.
/// </summary>
internal static class RulingLines
{
    private const double MinLengthPt = 12;
    /// <summary>Light enough to catch an anti-aliased hairline; a shaded cell is told apart by its thickness.</summary>
    private const byte DarkThreshold = 200;

    /// <summary>Gray under this is dark to <see cref="Find"/>.</summary>
    public const byte DarkLevel = DarkThreshold;
    /// <summary>A "rule" thicker than this is a filled cell or a bar, not a line between cells.</summary>
    private const double MaxThicknessPt = 3;

    public static (List<Rule> Horizontal, List<Rule> Vertical) Find(GrayImage image, double pointsPerPixel)
    {
        var minRun = (int)Math.Ceiling(MinLengthPt / pointsPerPixel);
        var (horizontal, vertical) = Runs(image, minRun, DarkThreshold, pairs: false);
        return (Merge(horizontal, pointsPerPixel), Merge(vertical, pointsPerPixel));
    }

    /// <summary>A faint rule's run is at least this long: longer than any run a blurred line of text makes at its level.</summary>
    private const double FaintMinLengthPt = 30;

    /// <summary>
    /// Rules printed fainter than <see cref="DarkThreshold"/>: a grey hairline a scanner's blur spread over two pixel
    /// lines, each a little darker than the paper (205 on paper of 238, where the print is under 100). A pixel is dark
    /// here below <paramref name="threshold"/> in its own line or the next (the hairline's two halves), and only long
    /// runs count: at a level this near the paper the strokes of a blurred text line run together into runs a
    /// character or two long, and the normal finder's 12 pt takes them for rules.
    /// </summary>
    public static (List<Rule> Horizontal, List<Rule> Vertical) FindFaint(GrayImage image, double pointsPerPixel, byte threshold)
    {
        var minRun = (int)Math.Ceiling(FaintMinLengthPt / pointsPerPixel);
        var (horizontal, vertical) = Runs(image, minRun, threshold, pairs: true);
        return (Merge(horizontal, pointsPerPixel), Merge(vertical, pointsPerPixel));
    }

    /// <summary>
    /// How dark a page's rules are printed: along each rule, the darkest of the pixel on it and those either side of it,
    /// sampled every few pixels; the median over all. 255 where there are none.
    /// </summary>
    public static int PrintLevel(GrayImage image, IEnumerable<Rule> horizontal, IEnumerable<Rule> vertical, double pointsPerPixel)
    {
        var samples = new List<int>();
        void Along(Rule rule, bool across)
        {
            var at = (int)(rule.At / pointsPerPixel);
            var (from, to) = ((int)(rule.From / pointsPerPixel), (int)(rule.To / pointsPerPixel));
            for (var a = from; a < to; a += 6)
            {
                var darkest = 255;
                for (var d = -1; d <= 1; d++)
                {
                    var (x, y) = across ? (a, at + d) : (at + d, a);
                    if (x >= 0 && y >= 0 && x < image.Width && y < image.Height) darkest = Math.Min(darkest, image.Pixels[y * image.Width + x]);
                }
                samples.Add(darkest);
            }
        }
        foreach (var r in horizontal) Along(r, true);
        foreach (var r in vertical) Along(r, false);
        if (samples.Count == 0) return 255;
        samples.Sort();
        return samples[samples.Count / 2];
    }

    /// <summary>
    /// Dark runs as (line, start, end), in one row-major pass: horizontal runs along each row, vertical runs through
    /// a run counter per column — no per-pixel callbacks and no column-order walks over the raster.
    /// </summary>
    /// <param name="image">The page.</param>
    /// <param name="minRun">The shortest run kept, pixels.</param>
    /// <param name="threshold">Gray below this is dark.</param>
    /// <param name="pairs">A pixel is dark where it or its neighbour after it (below it for runs across, right of it for
    /// runs down) is under the threshold.</param>
    private static (List<(int Line, int From, int To)>, List<(int Line, int From, int To)>) Runs(GrayImage image, int minRun, byte threshold, bool pairs)
    {
        var (w, h) = (image.Width, image.Height);
        var pixels = image.Pixels;
        var horizontal = new List<(int, int, int)>();
        var vertical = new List<(int, int, int)>();
        var down = new int[w];
        for (var y = 0; y <= h; y++)
        {
            var row = y < h ? pixels.Slice(y * w, w) : default;
            var next = pairs && y + 1 < h ? pixels.Slice((y + 1) * w, w) : row;
            var start = -1;
            for (var x = 0; x <= w; x++)
            {
                var dark = y < h && x < w && (row[x] < threshold || pairs && next[x] < threshold);
                if (dark && start < 0) start = x;
                else if (!dark && start >= 0)
                {
                    if (x - start >= minRun) horizontal.Add((y, start, x - 1));
                    start = -1;
                }
                if (x == w) continue;
                if (pairs && y < h) dark = row[x] < threshold || x + 1 < w && row[x + 1] < threshold;
                if (dark) down[x]++;
                else if (down[x] > 0)
                {
                    if (down[x] >= minRun) vertical.Add((x, y - down[x], y - 1));
                    down[x] = 0;
                }
            }
        }
        return (horizontal, vertical);
    }

    /// <summary>
    /// Runs on neighbouring pixel lines that overlap are one rule; its position is their middle. A group too thick for
    /// a rule is a filled cell or bar — unless a few of its lines run far longer than the rest: a rule with a seal's
    /// star or a signature's stroke lying on it, the ink touching the rule on the lines above and below. Then the long
    /// lines are the rule (<see cref="RulesInside"/>) and the rest is the mark.
    /// </summary>
    private static List<Rule> Merge(List<(int Line, int From, int To)> runs, double scale)
    {
        var done = new List<List<(int Line, int From, int To)>>();
        var active = new List<(List<(int Line, int From, int To)> Runs, int From, int To, int Last)>();
        foreach (var (line, from, to) in runs.OrderBy(r => r.Line).ThenBy(r => r.From))
        {
            for (var k = active.Count - 1; k >= 0; k--)
                if (line - active[k].Last > 2)
                {
                    done.Add(active[k].Runs);
                    active.RemoveAt(k);
                }
            var i = active.FindIndex(r => from <= r.To + 2 && to >= r.From - 2);
            if (i < 0) active.Add(([(line, from, to)], from, to, line));
            else
            {
                var r = active[i];
                r.Runs.Add((line, from, to));
                active[i] = (r.Runs, Math.Min(r.From, from), Math.Max(r.To, to), line);
            }
        }
        done.AddRange(active.Select(r => r.Runs));
        var rules = new List<Rule>();
        foreach (var group in done)
        {
            if (group.Count * scale <= MaxThicknessPt) rules.Add(RuleOf(group, scale));
            else rules.AddRange(RulesInside(group, scale));
        }
        return rules;
    }

    private static Rule RuleOf(List<(int Line, int From, int To)> runs, double scale) =>
        new((runs.Average(r => (double)r.Line) + 0.5) * scale, runs.Min(r => r.From) * scale, (runs.Max(r => r.To) + 1) * scale);

    /// <summary>
    /// The rules inside a group too thick to be one: its lines at least half as long (in dark pixels) as its longest,
    /// in bands of neighbouring lines, each band thin enough for a rule. A filled bar's lines are all about as long, so
    /// the band is the bar and stays too thick.
    /// </summary>
    private static IEnumerable<Rule> RulesInside(List<(int Line, int From, int To)> group, double scale)
    {
        var byLine = group.GroupBy(r => r.Line).Select(g => (Line: g.Key, Runs: g.ToList(), Length: g.Sum(r => r.To - r.From + 1)))
            .OrderBy(l => l.Line).ToList();
        var longest = byLine.Max(l => l.Length);
        var band = new List<(int Line, List<(int Line, int From, int To)> Runs, int Length)>();
        foreach (var line in byLine.Where(l => l.Length * 2 >= longest).Append((Line: int.MaxValue, Runs: [], Length: 0)))
        {
            if (band.Count > 0 && line.Line - band[^1].Line > 2)
            {
                if ((band[^1].Line - band[0].Line + 1) * scale <= MaxThicknessPt)
                    yield return RuleOf([.. band.SelectMany(b => b.Runs)], scale);
                band.Clear();
            }
            band.Add(line);
        }
    }
}
