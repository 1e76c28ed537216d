using System.Collections.Immutable;
using PerformanceEval.Provenance;
using PerformanceEval.Raster;

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
    public static List<(double Y, RawRow Row)> Rows(SourceDocument doc, int page, List<PdfWord> words,
        List<Rule> horizontal, List<Rule> vertical, int block)
    {
        if (GridLayout.Build(horizontal, vertical) is not { } grid) return LayoutRows(doc, page, words, block);
        var inCell = new Dictionary<int, List<PdfWord>>();
        var outside = new List<PdfWord>();
        foreach (var w in words)
        {
            if (grid.RegionAt(w.CenterX, w.CenterY) is not { } region) { outside.Add(w); continue; }
            (inCell.TryGetValue(region, out var list) ? list : inCell[region] = []).Add(w);
        }
        var rows = grid.ToRows(doc, page, block, BoxUnits.PdfPoints,
            region => (inCell.TryGetValue(region, out var ws) ? CellText(ws) : "", null));
        rows.AddRange(LayoutRows(doc, page, outside, block + 1));
        return [.. rows.OrderBy(x => x.Y)];
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
}
