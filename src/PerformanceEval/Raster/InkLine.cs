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

    /// <summary>How far off its boundary the line may run (the boundary is a cluster of rules; a trace of skew).</summary>
    private const int Wobble = 4;

    /// <param name="image">The straightened page.</param>
    /// <param name="horizontal">A horizontal edge (y = <paramref name="at"/>), else a vertical one (x = <paramref name="at"/>).</param>
    /// <param name="at">The edge's position, pixels.</param>
    /// <param name="from">Where the edge starts, pixels.</param>
    /// <param name="to">Where it ends, pixels.</param>
    public static bool Along(GrayImage image, bool horizontal, double at, double from, double to)
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
        var best = 0.0;
        for (var offset = -Wobble; offset <= Wobble; offset++)
        {
            var center = line + offset;
            if (center - 1 < 0 || center + 1 >= across) continue;
            var ink = 0;
            for (var a = start; a <= end; a++)
            {
                var i = a * step + center * stride;
                if (Math.Min(pixels[i - stride], Math.Min(pixels[i], pixels[i + stride])) < Ink) ink++;
            }
            best = Math.Max(best, (double)ink / (end - start + 1));
        }
        return best >= Covered;
    }
}
