using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics;
using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Pdf;

/// <summary>
/// The ruling lines a page's content stream draws, as the grid wants them (<see cref="Rule"/>s in points, origin
/// top-left). Printers draw a table's rules in one of two ways: stroked line segments or rectangles (LibreOffice,
/// Word, poppler's own output), or thin filled rectangles (Chromium/Skia, Excel and WPS exports). Both are read; a
/// filled shape thicker than <see cref="MaxThickness"/> both ways is a shaded cell, not a rule, and white strokes and
/// fills (a background painted over the page) are no rules at all. Clipping paths are never drawn and are skipped.
/// Collinear pieces that touch are joined, so a border drawn cell by cell is one rule, as the raster finder sees it.
/// </summary>
internal static class VectorRuleFinder
{
    /// <summary>A line thicker than this is a bar or a filled cell, as in <see cref="RulingLines"/>.</summary>
    internal const double MaxThickness = 3;

    /// <summary>Shorter than this, a piece is a tick, a glyph drawn as a path or a corner join — not a cell's edge.</summary>
    private const double MinLength = 2;

    /// <summary>How far apart pieces of one rule may lie: in its direction (a gap at a crossing) and across it.</summary>
    private const double JoinGap = 1.5;

    private const double SameLine = 0.75;

    public static (List<Rule> Horizontal, List<Rule> Vertical) Find(IEnumerable<PdfPath> paths, PageFrame frame)
    {
        var horizontal = new List<Rule>();
        var vertical = new List<Rule>();
        foreach (var path in paths)
        {
            if (path.IsClipping) continue;
            var stroked = path.IsStroked && path.LineWidth <= MaxThickness && !IsWhite(path.StrokeColor);
            var filled = path.IsFilled && !IsWhite(path.FillColor);
            if (!stroked && !filled) continue;
            foreach (var subpath in path)
            {
                if (stroked) AddSegments(subpath, frame, horizontal, vertical);
                if (filled) AddThinFill(subpath, frame, horizontal, vertical);
            }
        }
        var (h, v) = (Join(horizontal), Join(vertical));
        CloseOpenEnds(h, v);
        return (h, v);
    }

    /// <summary>How near the column rules' ends must lie to be one open edge of the table.</summary>
    private const double EdgeSnap = 2.5;

    /// <summary>
    /// A table cut by a page break is left open where the cut falls: Chromium (border-collapse) draws no border at the
    /// foot of page 1 or the head of page 2, so the part of a row on the next page has its column rules and its bottom
    /// rule but no top. Where two or more column rules run on past the outermost row rule and end together, the table's
    /// edge is there and is closed with a rule across them. Only a table that draws row rules at all is closed: column
    /// rules alone (a table ruled only down) would make the whole page one row.
    /// </summary>
    /// <param name="horizontal">The row rules, in points; the closing rule is added to them.</param>
    /// <param name="vertical">The column rules, in points.</param>
    /// <param name="snap">How near the ends must lie, in points: a scan's rules end less exactly than a PDF's drawn ones.</param>
    internal static void CloseOpenEnds(List<Rule> horizontal, List<Rule> vertical, double snap = EdgeSnap)
    {
        if (horizontal.Count == 0 || vertical.Count < 2) return;
        foreach (var top in new[] { true, false })
        {
            var edge = top ? vertical.Min(r => r.From) : vertical.Max(r => r.To);
            var outermost = top ? horizontal.Min(r => r.At) : horizontal.Max(r => r.At);
            if (top ? edge >= outermost - snap : edge <= outermost + snap) continue;
            var ending = vertical.Where(r => Math.Abs((top ? r.From : r.To) - edge) <= snap).ToList();
            if (ending.Count < 2) continue;
            horizontal.Add(new Rule(edge, ending.Min(r => r.At), ending.Max(r => r.At)));
        }
    }

    /// <summary>Every straight axis-parallel segment of a stroked subpath, the closing edge included.</summary>
    private static void AddSegments(PdfSubpath subpath, PageFrame frame, List<Rule> horizontal, List<Rule> vertical)
    {
        PdfPoint? start = null, at = null;
        foreach (var command in subpath.Commands)
        {
            switch (command)
            {
                case PdfSubpath.Move move:
                    start = at = move.Location;
                    break;
                case PdfSubpath.Line line:
                    Add(line.From, line.To, frame, horizontal, vertical);
                    at = line.To;
                    break;
                case PdfSubpath.Close when start is { } s && at is { } a:
                    Add(a, s, frame, horizontal, vertical);
                    at = s;
                    break;
                case PdfSubpath.BezierCurve curve:
                    at = curve.EndPoint;
                    break;
            }
        }
    }

    private static void Add(PdfPoint from, PdfPoint to, PageFrame frame, List<Rule> horizontal, List<Rule> vertical)
    {
        var ((x0, y0), (x1, y1)) = (frame.Map(from), frame.Map(to));
        if (Math.Abs(y1 - y0) <= 0.1 && Math.Abs(x1 - x0) >= MinLength)
            horizontal.Add(new Rule((y0 + y1) / 2, Math.Min(x0, x1), Math.Max(x0, x1)));
        else if (Math.Abs(x1 - x0) <= 0.1 && Math.Abs(y1 - y0) >= MinLength)
            vertical.Add(new Rule((x0 + x1) / 2, Math.Min(y0, y1), Math.Max(y0, y1)));
    }

    /// <summary>
    /// A filled subpath of straight edges that is thin one way and long the other is a rule along its middle. Curved
    /// shapes (a glyph drawn as outlines, a rounded box) are not.
    /// </summary>
    private static void AddThinFill(PdfSubpath subpath, PageFrame frame, List<Rule> horizontal, List<Rule> vertical)
    {
        if (subpath.Commands.Any(c => c is PdfSubpath.BezierCurve)) return;
        if (subpath.GetBoundingRectangle() is not { } bounds) return;
        var ((ax, ay), (bx, by)) = (frame.Map(bounds.BottomLeft), frame.Map(bounds.TopRight));
        var (left, top, right, bottom) = (Math.Min(ax, bx), Math.Min(ay, by), Math.Max(ax, bx), Math.Max(ay, by));
        var (width, height) = (right - left, bottom - top);
        if (height <= MaxThickness && width >= Math.Max(MinLength, 2 * height))
            horizontal.Add(new Rule((top + bottom) / 2, left, right));
        else if (width <= MaxThickness && height >= Math.Max(MinLength, 2 * width))
            vertical.Add(new Rule((left + right) / 2, top, bottom));
    }

    private static bool IsWhite(UglyToad.PdfPig.Graphics.Colors.IColor? color)
    {
        if (color is null) return false;
        try
        {
            var (r, g, b) = color.ToRGBValues();
            return r > 0.9 && g > 0.9 && b > 0.9;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or NotImplementedException)
        {
            return false; // a colour space PdfPig cannot convert (a pattern): drawn, so taken as ink
        }
    }

    /// <summary>Pieces on one line (within <see cref="SameLine"/>) that touch or overlap become one rule.</summary>
    private static List<Rule> Join(List<Rule> pieces)
    {
        var joined = new List<Rule>();
        foreach (var line in ClusterByPosition(pieces))
        {
            var at = line.Average(r => r.At);
            Rule? current = null;
            foreach (var piece in line.OrderBy(r => r.From))
            {
                if (current is not null && piece.From <= current.To + JoinGap)
                    current = current with { To = Math.Max(current.To, piece.To) };
                else
                {
                    if (current is not null) joined.Add(current);
                    current = new Rule(at, piece.From, piece.To);
                }
            }
            if (current is not null) joined.Add(current);
        }
        return joined;
    }

    private static IEnumerable<List<Rule>> ClusterByPosition(List<Rule> pieces)
    {
        var line = new List<Rule>();
        foreach (var piece in pieces.OrderBy(r => r.At))
        {
            if (line.Count > 0 && piece.At - line[^1].At > SameLine)
            {
                yield return line;
                line = [];
            }
            line.Add(piece);
        }
        if (line.Count > 0) yield return line;
    }
}
