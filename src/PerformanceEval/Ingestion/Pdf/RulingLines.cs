namespace PerformanceEval.Ingestion.Pdf;

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
    private const byte DarkThreshold = 160;

    public static (List<Rule> Horizontal, List<Rule> Vertical) Find(GrayImage image, double pointsPerPixel)
    {
        var minRun = (int)Math.Ceiling(MinLengthPt / pointsPerPixel);
        var horizontal = Runs(image.Height, image.Width, minRun, (line, i) => image.IsDark(i, line, DarkThreshold));
        var vertical = Runs(image.Width, image.Height, minRun, (line, i) => image.IsDark(line, i, DarkThreshold));
        return (Merge(horizontal, pointsPerPixel), Merge(vertical, pointsPerPixel));
    }

    /// <summary>Dark runs along each line of pixels: (line, start, end).</summary>
    private static List<(int Line, int From, int To)> Runs(int lines, int length, int minRun, Func<int, int, bool> dark)
    {
        var runs = new List<(int, int, int)>();
        for (var line = 0; line < lines; line++)
        {
            var start = -1;
            for (var i = 0; i <= length; i++)
            {
                var isDark = i < length && dark(line, i);
                if (isDark && start < 0) start = i;
                else if (!isDark && start >= 0)
                {
                    if (i - start >= minRun) runs.Add((line, start, i - 1));
                    start = -1;
                }
            }
        }
        return runs;
    }

    /// <summary>Runs on neighbouring pixel lines that overlap are one rule; its position is their middle.</summary>
    private static List<Rule> Merge(List<(int Line, int From, int To)> runs, double scale)
    {
        var rules = new List<(double At, int Count, int From, int To, int Last)>();
        foreach (var (line, from, to) in runs.OrderBy(r => r.Line))
        {
            var i = rules.FindIndex(r => line - r.Last <= 2 && from <= r.To + 2 && to >= r.From - 2);
            if (i < 0) rules.Add((line, 1, from, to, line));
            else
            {
                var r = rules[i];
                rules[i] = (r.At + line, r.Count + 1, Math.Min(r.From, from), Math.Max(r.To, to), line);
            }
        }
        return [.. rules.Select(r => new Rule((r.At / r.Count + 0.5) * scale, r.From * scale, (r.To + 1) * scale))];
    }
}
