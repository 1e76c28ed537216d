namespace PerformanceEval.Raster;

/// <summary>
/// Whether a scanned page shows a line along a cell's edge where the run finder found none: blur, JPEG and a faint
/// print break a rule into pieces shorter than a run, yet the edge is still mostly ink. Text crossing where a border
/// is really absent (a merged cell's label) covers a small part of the edge; a rule covers most of it.
/// </summary>
internal static class InkLine
{
    /// <summary>Gray below this is ink (a blurred rule is mid-gray, not black).</summary>
    private const byte Ink = 170;

    /// <summary>Share of the edge that must be ink.</summary>
    private const double Covered = 0.6;

    /// <summary>
    /// Where the line is ink, the share where it is a rule's width of ink with paper on each side (<see cref="Alone"/>). A character's stroke
    /// crossing the edge of a one-line cell can cover 60% of it (the 业 of 节约企业开办成本 split its merged 三级指标 cell
    /// in two), but the character's other strokes lie beside it; a rule has the cell's white on both sides.
    /// </summary>
    private const double AloneShare = 0.7;

    /// <summary>Paper needed on each side of the line's run of ink, pixels: more than the gap between a character's strokes.</summary>
    private const int Side = 6;

    /// <summary>A blurred rule is at most this wide; a run of ink wider is a character's stroke across, or a blot.</summary>
    private const int RuleWidth = 9;

    /// <summary>
    /// Whether the ink at <paramref name="center"/> (or a pixel beside it) in one line across the edge is a run no
    /// wider than a rule with <see cref="Side"/> pixels of paper on each side of it.
    /// </summary>
    private static bool Alone(ReadOnlySpan<byte> pixels, int lineStart, int stride, int center, int across, byte ink)
    {
        var seed = pixels[lineStart + center * stride] < ink ? center : pixels[lineStart + (center - 1) * stride] < ink ? center - 1 : center + 1;
        var (from, to) = (seed, seed);
        while (from > 0 && pixels[lineStart + (from - 1) * stride] < ink && seed - from < RuleWidth) from--;
        while (to + 1 < across && pixels[lineStart + (to + 1) * stride] < ink && to - seed < RuleWidth) to++;
        if (to - from + 1 > RuleWidth) return false;
        for (var k = 1; k <= Side; k++)
            if (from - k >= 0 && pixels[lineStart + (from - k) * stride] < ink || to + k < across && pixels[lineStart + (to + k) * stride] < ink)
                return false;
        return true;
    }

    /// <summary>How far off its boundary the line may run (the boundary is a cluster of rules; a trace of skew).</summary>
    private const int Wobble = 4;

    /// <param name="image">The straightened page.</param>
    /// <param name="horizontal">A horizontal edge (y = <paramref name="at"/>), else a vertical one (x = <paramref name="at"/>).</param>
    /// <param name="at">The edge's position, pixels.</param>
    /// <param name="from">Where the edge starts, pixels.</param>
    /// <param name="to">Where it ends, pixels.</param>
    /// <param name="ink">Gray below this is ink: <see cref="Ink"/> on a binarized page; on a gray one, a level under its paper.</param>
    public static bool Along(GrayImage image, bool horizontal, double at, double from, double to, byte ink = Ink)
    {
        // The corners are left out: they hold the crossing rules, which are ink whatever this edge is.
        var (start, end) = ((int)from + 8, (int)to - 8);
        var line = (int)Math.Round(at);
        var length = horizontal ? image.Width : image.Height;
        var across = horizontal ? image.Height : image.Width;
        start = Math.Max(0, start);
        end = Math.Min(length - 1, end);
        if (end - start < 12) return false;
        var pixels = image.Pixels;
        var (step, stride) = horizontal ? (1, image.Width) : (image.Width, 1);
        var (best, alone, bestCenter) = (0.0, 0.0, line);
        for (var offset = -Wobble; offset <= Wobble; offset++)
        {
            var center = line + offset;
            if (center - 1 < 0 || center + 1 >= across) continue;
            var (inked, lone) = (0, 0);
            for (var a = start; a <= end; a++)
            {
                var i = a * step + center * stride;
                if (Math.Min(pixels[i - stride], Math.Min(pixels[i], pixels[i + stride])) >= ink) continue;
                inked++;
                if (Alone(pixels, a * step, stride, center, across, ink)) lone++;
            }
            var covered = (double)inked / (end - start + 1);
            if (covered > best) (best, alone, bestCenter) = (covered, inked == 0 ? 0 : (double)lone / inked, center);
        }
        if (best < Covered || alone < AloneShare) return false;
        // A vertical stroke of a character standing on a column boundary no rule draws in this block (行's, 付's, a
        // 0's side) covers most of a one-line cell's edge too, but stops at the cell's padding; a rule, however
        // broken, runs on to the rules it meets. Where the edge is not nearly all ink, its ends must be.
        var ends = horizontal || best >= WholeEdge ||
                   InkNear(pixels, step, stride, bestCenter, (int)from + EndFrom, (int)from + EndTo, ink, length) &&
                   InkNear(pixels, step, stride, bestCenter, (int)to - EndTo, (int)to - EndFrom, ink, length);
        return ends;
    }

    /// <summary>An edge this much ink is a rule whatever its ends show.</summary>
    private const double WholeEdge = 0.8;

    /// <summary>Where an edge's end is looked at, pixels from the crossing rule's centre: past its half-thickness.</summary>
    private const int EndFrom = 4, EndTo = 10;

    /// <summary>Whether at least half the pixels from <paramref name="a0"/> to <paramref name="a1"/> along the line are ink (a pixel beside it counts).</summary>
    private static bool InkNear(ReadOnlySpan<byte> pixels, int step, int stride, int center, int a0, int a1, byte ink, int length)
    {
        var (inked, all) = (0, 0);
        for (var a = Math.Max(0, a0); a <= Math.Min(length - 1, a1); a++)
        {
            all++;
            var i = a * step + center * stride;
            if (Math.Min(pixels[i - stride], Math.Min(pixels[i], pixels[i + stride])) < ink) inked++;
        }
        return all > 0 && inked * 2 >= all;
    }
}
