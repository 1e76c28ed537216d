using PerformanceEval.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Pdf;

/// <summary>
/// One page of a PDF as the grid needs it: its words (boxes in points, origin top-left, as poppler's) and the ruling
/// lines its content stream draws. <see cref="VectorRules"/> false means the page draws no table rules (its table is
/// an image, or there is none): then rules, if any, come from its raster.
/// </summary>
internal sealed record PdfLayerPage(int Number, List<PdfWord> Words, List<Rule> Horizontal, List<Rule> Vertical,
    int HiddenLetters, int Images)
{
    /// <summary>
    /// The page is a black-and-white image (one bit a sample, over half the page: a fax or a scanner's line-art mode
    /// saved as PDF). Rendered, its edges come out grey, so the rendering cannot say so itself.
    /// </summary>
    public bool BlackAndWhiteImage { get; init; }

    public bool VectorRules => Horizontal.Count >= 2 && Vertical.Count >= 2;
}

/// <summary>Why PdfPig could not read a document or a page, in a reviewer's words.</summary>
internal sealed class PdfLayerException(DiagnosticCode code, string reason, Exception? inner = null) : Exception(reason, inner)
{
    public DiagnosticCode Code { get; } = code;
}

/// <summary>
/// Reads a PDF's text layer and ruling lines in process with PdfPig: no subprocess, no temporary file, no raster.
/// Letters are grouped into words here rather than by PdfPig's word extractor, which splits where the font changes
/// ("0" in a Latin font next to "次" in a CJK one) while the form prints them as one word; grouping follows poppler's
/// rule (a gap wider than a tenth of the font size breaks a word) so that cell text reads as it did through pdftotext.
/// Text is taken from a span's ActualText where the printer wrote one: Chromium maps a glyph shared by 门 and the
/// radical ⻔ to the radical in its font map and gives the real text as ActualText, as poppler reads it.
/// Invisible letters (rendering mode "neither": the OCR layer a scanner's software lays under a page image) are not
/// text of the page; they are counted so the reader can tell a searchable scan from a printed form.
/// </summary>
internal static class PdfLayer
{
    /// <summary>Poppler's <c>minWordBreakSpace</c>: a gap wider than this fraction of the font size ends a word.</summary>
    private const double WordBreak = 0.1;

    /// <summary>Letters whose baselines differ by more than this fraction of the font size are on different lines.</summary>
    private const double SameLine = 0.3;

    public static List<PdfLayerPage> Read(byte[] bytes)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true, UseActualText = true });
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new PdfLayerException(DiagnosticCodes.PdfEncrypted, "the PDF is encrypted (it needs a password)", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new PdfLayerException(DiagnosticCodes.PdfUnreadable, $"the PDF is damaged or not a PDF ({e.Message})", e);
        }
        using (document)
        {
            if (document.NumberOfPages == 0) throw new PdfLayerException(DiagnosticCodes.PdfNoPages, "the PDF has no pages");
            document.AddPageFactory<PageMarks, PageMarksFactory>();
            var pages = new List<PdfLayerPage>(document.NumberOfPages);
            for (var n = 1; n <= document.NumberOfPages; n++)
            {
                try
                {
                    pages.Add(ReadPage(document.GetPage<PageMarks>(n)));
                }
                catch (Exception e) when (e is not OutOfMemoryException and not PdfLayerException)
                {
                    throw new PdfLayerException(DiagnosticCodes.PdfPageUnreadable, $"page {n} could not be read ({e.Message})", e);
                }
            }
            return pages;
        }
    }

    private static PdfLayerPage ReadPage(PageMarks page)
    {
        var visible = new List<MarkedGlyph>(page.Glyphs.Count);
        var hidden = 0;
        foreach (var letter in page.Glyphs)
        {
            if (letter.RenderingMode is TextRenderingMode.Neither or TextRenderingMode.NeitherClip) hidden++;
            else if (!string.IsNullOrWhiteSpace(letter.Value)) visible.Add(letter);
        }
        // PdfPig gives a turned page's content already turned as the viewer shows it, in a space of the shown page's
        // width and height; an upright page's content is in user space, framed by its crop box.
        var bounds = page.Rotation % 360 == 0 ? page.CropBounds : new PdfRectangle(0, 0, page.Width, page.Height);
        var frame = PageFrame.Upright(bounds, visible);
        var (horizontal, vertical) = VectorRuleFinder.Find(page.Paths, frame);
        // Only the images' dictionaries are read: no image is decoded here.
        var area = page.Width * page.Height;
        var blackAndWhite = page.Images.Any(i => (i.BitsPerComponent == 1 || i.IsMask) && i.Bounds.Width * i.Bounds.Height * 2 >= area);
        return new PdfLayerPage(page.Number, Words([.. visible.Select(l => Glyph.Of(l, frame))], vertical), horizontal, vertical,
            hidden, page.Images.Count) { BlackAndWhiteImage = blackAndWhite };
    }

    /// <summary>
    /// Glyphs into words: by direction, then by baseline, then in order along the line, a word ending at a gap, at a
    /// glyph that steps back over its neighbour, or at a vertical rule between two glyphs (two cells' texts that
    /// happen to touch are two words, each in its own cell). Text running across the page's reading direction (a
    /// label set vertically in a merged cell) is grouped along its own direction.
    /// </summary>
    internal static List<PdfWord> Words(List<Glyph> glyphs, List<Rule> vertical)
    {
        var words = new List<PdfWord>();
        foreach (var direction in glyphs.GroupBy(g => g.Direction))
        {
            var (ux, uy) = direction.Key;
            double Along(Glyph g) => g.StartX * ux + g.StartY * uy;
            double Across(Glyph g) => -g.StartX * uy + g.StartY * ux;
            var reading = direction.Key == (1, 0);
            foreach (var line in Lines([.. direction], Along, Across))
            {
                var word = new List<Glyph>();
                foreach (var glyph in line)
                {
                    if (word.Count > 0 && Breaks(word[^1], glyph, Along, reading, vertical))
                    {
                        words.Add(Word(word, reading));
                        word = [];
                    }
                    word.Add(glyph);
                }
                if (word.Count > 0) words.Add(Word(word, reading));
            }
        }
        return words;
    }

    /// <summary>Glyphs of one direction sorted across it, clustered by baseline, each line in order along it.</summary>
    private static IEnumerable<List<Glyph>> Lines(List<Glyph> glyphs, Func<Glyph, double> along, Func<Glyph, double> across)
    {
        var line = new List<Glyph>();
        double lineAt = 0;
        foreach (var glyph in glyphs.OrderBy(across).ThenBy(along))
        {
            var at = across(glyph);
            if (line.Count > 0 && Math.Abs(at - lineAt) > SameLine * glyph.Size)
            {
                yield return [.. line.OrderBy(along)];
                line = [];
            }
            if (line.Count == 0) lineAt = at;
            line.Add(glyph);
        }
        if (line.Count > 0) yield return [.. line.OrderBy(along)];
    }

    private static bool Breaks(Glyph previous, Glyph next, Func<Glyph, double> along, bool reading, List<Rule> vertical)
    {
        var size = Math.Max(previous.Size, next.Size);
        var gap = along(next) - (along(previous) + previous.Advance);
        if (gap > WordBreak * size || gap < -0.5 * size) return true;
        if (!reading) return false;
        var x0 = previous.StartX + previous.Advance / 2;
        var x1 = next.StartX + next.Advance / 2;
        var y = previous.StartY - size / 3;
        return vertical.Any(r => r.At > x0 && r.At < x1 && r.Covers(y));
    }

    /// <summary>
    /// A word's box. Text in the reading direction: from the first glyph's start to the last one's end, and from the
    /// baseline up to the ascent of the font size — the same box for every glyph of a size, as poppler gives, so that
    /// a dash and a digit on one line share a centre. Turned text: its glyphs' boxes together.
    /// </summary>
    private static PdfWord Word(List<Glyph> glyphs, bool reading)
    {
        var text = string.Concat(glyphs.Select(g => g.Text));
        if (reading)
        {
            var size = glyphs.Max(g => g.Size);
            var baseline = glyphs.Average(g => g.StartY);
            return new PdfWord(text, glyphs[0].StartX, baseline - 0.86 * size, glyphs[^1].StartX + glyphs[^1].Advance, baseline + 0.14 * size);
        }
        return new PdfWord(text, glyphs.Min(g => g.Box.X0), glyphs.Min(g => g.Box.Y0), glyphs.Max(g => g.Box.X1), glyphs.Max(g => g.Box.Y1));
    }
}

/// <summary>
/// A letter in the page's reading frame (points, origin top-left, y down): where its baseline starts, how far it
/// advances, which way it runs (a unit axis: (1, 0) is the reading direction), its size and its glyph box. The box
/// costs the font's glyph program, and only text across the reading direction and a glyph without an advance need it:
/// it is mapped when first asked for.
/// </summary>
internal sealed record Glyph(string Text, double StartX, double StartY, double Advance, (int X, int Y) Direction, double Size,
    Lazy<(double X0, double Y0, double X1, double Y1)> Outline)
{
    public (double X0, double Y0, double X1, double Y1) Box => Outline.Value;

    public static Glyph Of(MarkedGlyph letter, PageFrame frame)
    {
        var (sx, sy) = frame.Map(letter.StartBaseLine);
        var (ex, ey) = frame.Map(letter.EndBaseLine);
        var (dx, dy) = (ex - sx, ey - sy);
        var advance = Math.Sqrt(dx * dx + dy * dy);
        var box = new Lazy<(double, double, double, double)>(() =>
        {
            var b = letter.BoundingBox;
            var (ax, ay) = frame.Map(new PdfPoint(b.Left, b.Bottom));
            var (bx, by) = frame.Map(new PdfPoint(b.Right, b.Top));
            return (Math.Min(ax, bx), Math.Min(ay, by), Math.Max(ax, bx), Math.Max(ay, by));
        }, LazyThreadSafetyMode.None);
        // A glyph with no advance (some Type 3 fonts) runs the way its box is longer, and advances by that length.
        if (advance < 1e-9)
        {
            var (x0, y0, x1, y1) = box.Value;
            (dx, dy, advance) = (x1 - x0, 0, Math.Max(x1 - x0, y1 - y0));
        }
        var direction = Math.Abs(dx) >= Math.Abs(dy) ? (Math.Sign(dx) is 0 ? 1 : Math.Sign(dx), 0) : (0, Math.Sign(dy));
        var size = letter.PointSize > 0 ? letter.PointSize : Math.Max(letter.BoundingBox.Height, 1);
        return new Glyph(letter.Value, sx, sy, advance, direction, size, box);
    }
}

/// <summary>
/// PDF user space (origin bottom-left) to the page's reading frame in points: origin top-left, y down, x along the
/// text — as poppler reports boxes for an upright page. The frame turns with the text, not with the page's
/// <c>/Rotate</c>: a form drawn upright on a page the viewer shows sideways, and a landscape page whose content is
/// drawn turned to be shown upright, both read with their lines across and their columns down.
/// </summary>
internal readonly record struct PageFrame(double Left, double Bottom, double Right, double Top, int QuarterTurns)
{
    public static PageFrame Upright(PdfRectangle crop, List<MarkedGlyph> letters)
    {
        // The direction most letters run in, by count: (1,0) upright, (0,1) up the page, (-1,0), (0,-1).
        var votes = new int[4];
        foreach (var l in letters)
        {
            var (dx, dy) = (l.EndBaseLine.X - l.StartBaseLine.X, l.EndBaseLine.Y - l.StartBaseLine.Y);
            if (Math.Abs(dx) < 1e-9 && Math.Abs(dy) < 1e-9) continue;
            votes[Math.Abs(dx) >= Math.Abs(dy) ? (dx > 0 ? 0 : 2) : (dy > 0 ? 1 : 3)]++;
        }
        var turns = Array.IndexOf(votes, votes.Max());
        return new PageFrame(crop.Left, crop.Bottom, crop.Right, crop.Top, votes.Max() == 0 ? 0 : turns);
    }

    /// <summary>A point of user space in the reading frame.</summary>
    public (double X, double Y) Map(PdfPoint p) => QuarterTurns switch
    {
        1 => (p.Y - Bottom, p.X - Left),    // text runs up the page: its lines follow each other to the right
        2 => (Right - p.X, p.Y - Bottom),
        3 => (Top - p.Y, Right - p.X),      // text runs down the page: lines follow each other to the left
        _ => (p.X - Left, Top - p.Y),
    };
}
