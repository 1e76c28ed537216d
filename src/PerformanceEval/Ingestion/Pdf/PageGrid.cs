using System.Collections.Immutable;
using PerformanceEval.Provenance;

namespace PerformanceEval.Ingestion.Pdf;

/// <summary>A word of a PDF's text layer and its box in points (origin top-left).</summary>
internal sealed record PdfWord(string Text, double X0, double Y0, double X1, double Y1)
{
    public double CenterX => (X0 + X1) / 2;
    public double CenterY => (Y0 + Y1) / 2;
    public double Height => Y1 - Y0;
}

/// <summary>
/// Rebuilds a page's table from geometry, not from reading order: the ruling lines give the row and column
/// boundaries, a pair of neighbouring grid cells that no rule separates is one merged cell, and each word goes
/// to the cell its centre falls in. A merged cell spanning rows is carried down into each row it spans (as an
/// HTML rowspan is); one spanning columns fills its first column only. Words outside the ruled area (a title
/// above the table, a page number) become rows of their own, in reading order.
/// </summary>
internal static class PageGrid
{
    private const double Snap = 2.5;

    public static List<(double Y, RawRow Row)> Rows(SourceDocument doc, int page, List<PdfWord> words,
        List<Rule> horizontal, List<Rule> vertical, int block)
    {
        var ys = Cluster(horizontal.Select(r => r.At));
        var xs = Cluster(vertical.Select(r => r.At));
        var rows = new List<(double, RawRow)>();
        if (ys.Count < 2 || xs.Count < 2) return LayoutRows(doc, page, words, block);

        var (nr, nc) = (ys.Count - 1, xs.Count - 1);
        var parent = Enumerable.Range(0, nr * nc).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        void Union(int a, int b) => parent[Find(Math.Max(a, b))] = Find(Math.Min(a, b));
        for (var r = 0; r < nr; r++)
            for (var c = 0; c < nc; c++)
            {
                var midY = (ys[r] + ys[r + 1]) / 2;
                var midX = (xs[c] + xs[c + 1]) / 2;
                if (c + 1 < nc && !vertical.Any(v => Math.Abs(v.At - xs[c + 1]) <= Snap && v.Covers(midY))) Union(r * nc + c, r * nc + c + 1);
                if (r + 1 < nr && !horizontal.Any(h => Math.Abs(h.At - ys[r + 1]) <= Snap && h.Covers(midX))) Union(r * nc + c, (r + 1) * nc + c);
            }

        var inCell = new Dictionary<int, List<PdfWord>>();
        var outside = new List<PdfWord>();
        foreach (var w in words)
        {
            var r = Band(ys, w.CenterY);
            var c = Band(xs, w.CenterX);
            if (r < 0 || c < 0) { outside.Add(w); continue; }
            var region = Find(r * nc + c);
            (inCell.TryGetValue(region, out var list) ? list : inCell[region] = []).Add(w);
        }

        for (var r = 0; r < nr; r++)
        {
            var cells = ImmutableArray.CreateBuilder<RawCell>();
            for (var c = 0; c < nc; c++)
            {
                var region = Find(r * nc + c);
                var ac = region % nc;
                var text = ac == c && inCell.TryGetValue(region, out var ws) ? CellText(ws) : "";
                var box = RegionBox(region, nr, nc, Find, xs, ys);
                cells.Add(new RawCell(text, new SourceRef(doc.Path, doc.Sha256, page, null, r, c, box, text, null)));
            }
            if (cells.Any(x => !x.IsEmpty)) rows.Add((ys[r], new RawRow(cells.ToImmutable(), RowOrigin.PdfGrid, null, block)));
        }
        rows.AddRange(LayoutRows(doc, page, outside, block + 1));
        return [.. rows.OrderBy(x => x.Item1)];
    }

    /// <summary>Words with no ruling around them: lines by vertical position, cells split at wide gaps.</summary>
    public static List<(double Y, RawRow Row)> LayoutRows(SourceDocument doc, int page, List<PdfWord> words, int block)
    {
        var rows = new List<(double, RawRow)>();
        foreach (var line in Lines(words))
        {
            var cells = new List<List<PdfWord>>();
            foreach (var w in line.OrderBy(w => w.X0))
            {
                if (cells.Count > 0 && w.X0 - cells[^1][^1].X1 <= w.Height * 1.2) cells[^1].Add(w);
                else cells.Add([w]);
            }
            var raw = cells.Select((ws, i) =>
            {
                var text = string.Join(" ", ws.Select(w => w.Text));
                var box = new Box(ws.Min(w => w.X0), ws.Min(w => w.Y0), ws.Max(w => w.X1), ws.Max(w => w.Y1), BoxUnits.PdfPoints);
                return new RawCell(text, new SourceRef(doc.Path, doc.Sha256, page, null, null, i, box, text, null));
            });
            rows.Add((line.Min(w => w.Y0), new RawRow([.. raw], RowOrigin.Layout, null, block)));
        }
        return rows;
    }

    /// <summary>A cell's words in reading order: lines top to bottom, words left to right, lines joined by breaks.</summary>
    private static string CellText(List<PdfWord> words) =>
        string.Join("\n", Lines(words).Select(l => string.Join(" ", l.OrderBy(w => w.X0).Select(w => w.Text))));

    private static List<List<PdfWord>> Lines(List<PdfWord> words)
    {
        var lines = new List<List<PdfWord>>();
        foreach (var w in words.OrderBy(w => w.CenterY))
        {
            if (lines.Count > 0 && Math.Abs(lines[^1].Average(x => x.CenterY) - w.CenterY) <= w.Height * 0.5) lines[^1].Add(w);
            else lines.Add([w]);
        }
        return lines;
    }

    private static Box RegionBox(int region, int nr, int nc, Func<int, int> find, List<double> xs, List<double> ys)
    {
        var members = Enumerable.Range(0, nr * nc).Where(i => find(i) == region).ToList();
        return new Box(xs[members.Min(i => i % nc)], ys[members.Min(i => i / nc)],
            xs[members.Max(i => i % nc) + 1], ys[members.Max(i => i / nc) + 1], BoxUnits.PdfPoints);
    }

    /// <summary>Index of the band between consecutive boundaries that holds <paramref name="v"/>, or -1.</summary>
    private static int Band(List<double> bounds, double v)
    {
        for (var i = 0; i + 1 < bounds.Count; i++)
            if (v >= bounds[i] && v < bounds[i + 1]) return i;
        return -1;
    }

    /// <summary>Positions within <see cref="Snap"/> points are one boundary.</summary>
    private static List<double> Cluster(IEnumerable<double> values)
    {
        var result = new List<double>();
        foreach (var v in values.Order())
            if (result.Count == 0 || v - result[^1] > Snap) result.Add(v);
        return result;
    }
}
