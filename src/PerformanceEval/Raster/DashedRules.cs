namespace PerformanceEval.Raster;

/// <summary>
/// Finds ruling lines that a black-and-white page keeps only as dots and dashes: a grey hairline thresholded by a fax
/// or a scanner's black-and-white mode comes out as specks of one or two pixels some 30 px apart, which no run of
/// dark pixels (<see cref="RulingLines"/>) and no bridging short of text's own gaps joins. A line of such dashes is
/// told from text by its shape, not by its darkness: the dashes lie on one band of at most three pixel lines, with
/// paper three pixels above and below every dash, there is next to no ink just above and below the band along its
/// whole length but where another rule crosses it (a line of text has its characters' other strokes there), and it
/// runs on, with gaps of at most <see cref="MaxGapPt"/>, for at least <see cref="MinLengthPt"/>. Used on pages that came
/// in black and white only: on a grey scan the same search took lines of text for rules.
/// </summary>
internal static class DashedRules
{
    /// <summary>
    /// Ink. A black-and-white page straightened has grey only at its strokes' edges. (Rendered from a PDF, a one-pixel
    /// dot came out grey, 130–180, and no threshold served both: such a page's image is taken from the PDF as it is.)
    /// </summary>
    private const byte Dark = 128;
    private const double MaxGapPt = 25;
    private const double MinLengthPt = 48;
    /// <summary>The longest dash: a longer run is a solid rule, which <see cref="RulingLines"/> finds.</summary>
    private const double MaxDashPt = 8;
    /// <summary>The least share of a dashed line's length its dashes cover (a fax's hairline: 9–15%).</summary>
    private const double MinFill = 0.05;
    /// <summary>Ink just above and below the band, at most this share of the dashes' own.</summary>
    private const double MaxInkAround = 0.3;

    public static (List<Rule> Horizontal, List<Rule> Vertical) Find(GrayImage image, double pointsPerPixel)
    {
        var pixels = image.Pixels;
        var (w, h) = (image.Width, image.Height);
        var horizontal = Lines(pixels, w, h, pointsPerPixel);
        // The columns, read as the rows of the page turned on its side.
        var turned = new byte[pixels.Length];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                turned[x * h + y] = pixels[y * w + x];
        var vertical = Lines(turned, h, w, pointsPerPixel);
        return (horizontal, vertical);
    }

    /// <summary>The dashed lines along the rows of a <paramref name="w"/> × <paramref name="h"/> raster, in points.</summary>
    private static List<Rule> Lines(ReadOnlySpan<byte> px, int w, int h, double scale)
    {
        var maxGap = (int)Math.Round(MaxGapPt / scale);
        var minLength = (int)Math.Round(MinLengthPt / scale);
        var maxDash = (int)Math.Round(MaxDashPt / scale);
        var found = new List<(int Line, int From, int To)>();
        var dashes = new List<int>();
        for (var y = 5; y < h - 5; y++)
        {
            dashes.Clear();
            var above = px.Slice((y - 1) * w, w);
            var at = px.Slice(y * w, w);
            var below = px.Slice((y + 1) * w, w);
            var clearAbove = px.Slice((y - 3) * w, w);
            var clearBelow = px.Slice((y + 3) * w, w);
            // Runs longer than a dash are a solid rule's (the run finder's) or a character's long stroke: not dashes.
            var run = 0;
            for (var x = 0; x <= w; x++)
            {
                if (x < w && (at[x] < Dark || above[x] < Dark || below[x] < Dark) && clearAbove[x] >= Dark && clearBelow[x] >= Dark)
                {
                    run++;
                    continue;
                }
                if (run > 0 && run <= maxDash)
                    for (var k = x - run; k < x; k++) dashes.Add(k);
                run = 0;
            }
            if (dashes.Count * maxGap < minLength) continue;
            var start = 0;
            for (var k = 1; k <= dashes.Count; k++)
            {
                if (k < dashes.Count && dashes[k] - dashes[k - 1] <= maxGap) continue;
                var (from, to, count) = (dashes[start], dashes[k - 1], k - start);
                start = k;
                if (to - from + 1 < minLength || count < MinFill * (to - from + 1)) continue;
                // A rule crossing the band (dark on all nine lines) is no ink around it.
                var around = 0;
                for (var x = from; x <= to; x++)
                {
                    var (crossing, near) = (true, 0);
                    for (var dy = -4; dy <= 4; dy++)
                    {
                        var dark = px[(y + dy) * w + x] < Dark;
                        crossing &= dark;
                        if (dark && Math.Abs(dy) >= 2) near++;
                    }
                    if (!crossing) around += near;
                }
                if (around <= MaxInkAround * count) found.Add((y, from, to));
            }
        }
        // A band is found on each of its neighbouring lines: one rule, at their middle, as long as the longest.
        var done = new List<List<(int Line, int From, int To)>>();
        var open = new List<List<(int Line, int From, int To)>>();
        foreach (var f in found)
        {
            done.AddRange(open.Where(g => f.Line - g[^1].Line > 2));
            open.RemoveAll(g => f.Line - g[^1].Line > 2);
            var joined = open.Find(g => f.From <= g.Max(r => r.To) && f.To >= g.Min(r => r.From));
            if (joined is null) open.Add([f]); else joined.Add(f);
        }
        done.AddRange(open);
        var rules = done.Select(g => new Rule((g.Average(r => (double)r.Line) + 0.5) * scale, g.Min(r => r.From) * scale, (g.Max(r => r.To) + 1) * scale)).ToList();
        return rules;
    }
}
