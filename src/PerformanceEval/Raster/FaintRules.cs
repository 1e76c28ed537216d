namespace PerformanceEval.Raster;

/// <summary>
/// Horizontal rules too faint for the run finder, looked for where the grid says one is missing: a row about twice as
/// tall as the table's usual row is, on a scan, most often two rows whose rule between them was a grey hairline the
/// binarization dropped ("10" over "20" read as one 分值 of 1020). Inside such a row the gray page is searched, at a
/// threshold set by its own paper, for a pixel row crossed by long dark runs — a rule's, not text's: a character's
/// stroke is a few dozen pixels long and the gaps between characters and cells break it. What is found comes back as
/// rules (pixels), to build the grid again; where nothing is, the row stays as it was (a name wrapped over two lines
/// makes a tall row with no rule in it).
/// </summary>
internal static class FaintRules
{
    /// <summary>A row this many times the median row's height may hold a rule not found.</summary>
    private const double TallRow = 1.7;

    /// <summary>A one-line row of 9–12 pt print with its padding, pixels at 300 dpi, about.</summary>
    private const double UsualRowAtMost = 90;

    /// <summary>How much darker than its paper a pixel must be to count as a faint rule's.</summary>
    public const int Contrast = 28;

    /// <summary>Dark runs shorter than this (pixels at 300 dpi, 12 pt) are text, not rule.</summary>
    private const int MinRun = 50;

    /// <summary>The share of the table's width a found line must cross in such runs.</summary>
    private const double MinCover = 0.45;

    public static List<Rule> InTallRows(GrayImage gray, GridLayout grid)
    {
        var found = new List<Rule>();
        if (grid.Rows < 3) return found;
        var heights = Enumerable.Range(0, grid.Rows).Select(r => grid.Ys[r + 1] - grid.Ys[r]).Order().ToList();
        // The usual row: the median's, but no taller than a one-line row of this print at 300 dpi — a page whose rules
        // were mostly lost has few rows, all tall.
        var median = Math.Min(heights[heights.Count / 2], UsualRowAtMost);
        var (left, right) = ((int)Math.Max(0, grid.Xs[0]), (int)Math.Min(gray.Width - 1, grid.Xs[^1]));
        var width = right - left;
        if (median < 20 || width < MinRun * 4) return found;
        for (var r = 0; r < grid.Rows; r++)
        {
            var (top, bottom) = (grid.Ys[r], grid.Ys[r + 1]);
            if (bottom - top < TallRow * median) continue;
            // Away from the row's own rules: a line closer to them than a third of a usual row is no row boundary.
            var (from, to) = ((int)(top + median / 3), (int)Math.Min(gray.Height - 1, bottom - median / 3));
            if (to <= from) continue;
            var paper = Paper(gray, left, right, from, to);
            var threshold = paper - Contrast;
            var scores = new double[to - from + 1];
            var runs = new List<(int From, int To)>[to - from + 1];
            for (var y = from; y <= to; y++)
                (scores[y - from], runs[y - from]) = LongRuns(gray, y, left, right, threshold);
            // Each run of pixel rows scoring enough is one line, at its best row; lines closer than half a usual row
            // are one (a rule two or three pixels thick, or blurred).
            var lastAt = double.NegativeInfinity;
            for (var i = 0; i < scores.Length; i++)
            {
                if (scores[i] < MinCover * width) continue;
                var best = i;
                while (i + 1 < scores.Length && scores[i + 1] >= MinCover * width)
                    if (scores[++i] > scores[best]) best = i;
                var at = from + best;
                if (at - lastAt < median / 2) continue;
                lastAt = at;
                found.AddRange(runs[best].Select(run => new Rule(at + 0.5, run.From, run.To + 1)));
            }
        }
        return found;
    }

    /// <summary>The page's paper level: the 90th percentile of its pixels, sampled.</summary>
    public static int Paper(GrayImage gray) => Paper(gray, 0, gray.Width - 1, 0, gray.Height - 1);

    /// <summary>The paper's level in a band: the 90th percentile of its pixels, sampled.</summary>
    private static int Paper(GrayImage gray, int left, int right, int from, int to)
    {
        var histogram = new int[256];
        var pixels = gray.Pixels;
        var count = 0;
        for (var y = from; y <= to; y += 2)
            for (var x = left; x <= right; x += 3)
            {
                histogram[pixels[y * gray.Width + x]]++;
                count++;
            }
        var above = 0;
        for (var v = 255; v >= 0; v--)
            if ((above += histogram[v]) >= count / 10) return v;
        return 255;
    }

    /// <summary>The runs at least <see cref="MinRun"/> long of pixels darker than the threshold, in this pixel row or the
    /// one below (a hairline the straightening left a little off), and their total length.</summary>
    private static (double Total, List<(int From, int To)> Runs) LongRuns(GrayImage gray, int y, int left, int right, int threshold)
    {
        var pixels = gray.Pixels;
        var below = Math.Min(gray.Height - 1, y + 1);
        var runs = new List<(int From, int To)>();
        var total = 0;
        var start = -1;
        for (var x = left; x <= right + 1; x++)
        {
            var dark = x <= right && (pixels[y * gray.Width + x] < threshold || pixels[below * gray.Width + x] < threshold);
            if (dark && start < 0) start = x;
            else if (!dark && start >= 0)
            {
                if (x - start >= MinRun)
                {
                    runs.Add((start, x - 1));
                    total += x - start;
                }
                start = -1;
            }
        }
        return (total, runs);
    }
}
