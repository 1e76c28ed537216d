namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// "≥" and "≤" told from "&gt;" and "&lt;" by the ink's height. chi_sim reads a 年度指标值's "≥2000人次" as "&gt;2000人次"
/// (nine of the print shop's tuning scans' targets): the bar under the sign is what it drops. A "&gt;" printed on its
/// own stands in the middle of the digits' height; a "≥" — chevron and bar — reaches from about their top down to
/// their foot. Where the ink under a sign the engine read as "&gt;" or "&lt;", right before a digit, is nearly as tall
/// as that digit's and reaches its foot, the sign is read "≥" or "≤". A sign before "=" (a printed "&gt;=") or one
/// whose ink cannot be measured is left as read.
/// </summary>
internal static class ComparisonSigns
{
    /// <summary>How tall a sign's ink must be, against the digit after it, to hold a bar under its chevron.</summary>
    private const double WithBar = 0.85;

    public static string Restore(string text, IReadOnlyList<BoxedSymbol> symbols, byte[] pixels, int width, int height)
    {
        var signs = symbols.Select((s, i) => (s, i)).Where(x => x.s.Text is ">" or "<").ToList();
        if (signs.Count == 0 || signs.Count != text.Count(c => c is '>' or '<')) return text;
        var ink = InkLevel(pixels);
        var chars = text.ToCharArray();
        var nth = 0;
        for (var k = 0; k < chars.Length; k++)
        {
            if (chars[k] is not ('>' or '<')) continue;
            var (sign, at) = signs[nth++];
            if (at + 1 >= symbols.Count || symbols[at + 1].Text is not [var d] || !char.IsAsciiDigit(d)) continue;
            if (Extent(pixels, width, height, sign, ink) is not { } mark || Extent(pixels, width, height, symbols[at + 1], ink) is not { } digit) continue;
            var digitHeight = digit.Bottom - digit.Top + 1;
            if (digitHeight < 8) continue;
            if (mark.Bottom - mark.Top + 1 >= WithBar * digitHeight && mark.Bottom >= digit.Bottom - 0.15 * digitHeight)
                chars[k] = chars[k] == '>' ? '≥' : '≤';
        }
        return new string(chars);
    }

    /// <summary>
    /// The comparison sign before a cell's first figure, read from its ink where the engine's reading of it is not a
    /// sign's. chi_sim reads a printed "≥" before "2000人次" as 亏, 之, 二, 六, "=" — or drops it — on clean crops of the
    /// tuning scans (the sign's chevron and bar are no stroke of its ideographs'). The glyphs the line begins with are
    /// measured against the figure's digits after them (<see cref="Sign"/>): a chevron with far more of it below its
    /// apex than above (a bar under it) is "≥", one as much below as above and shorter than the digits "&gt;", two bars
    /// and nothing else "="; the mirror images "≤" and "&lt;". The text before the figure — at most two characters, none
    /// a letter, digit or bracket — is replaced by what the ink shows, only when the line's first one or two glyphs
    /// are signs: an ideograph before a figure ("约2000") reaches past the digits and stays as read. The glyphs are
    /// found by the ink alone: the engine's boxes of a misread line fall a glyph to the right of its ink ("亏" boxed
    /// over the sign and the "2").
    /// </summary>
    public static string SignFromInk(string text, IReadOnlyList<BoxedSymbol> symbols, byte[] pixels, int width, int height)
    {
        var k = 0;
        while (k < text.Length && !char.IsAsciiDigit(text[k])) k++;
        if (k == text.Length) return text;
        var prefix = text[..k].Trim();
        if (prefix.Length > 2 || prefix.Any(c => char.IsAsciiLetterOrDigit(c) || char.IsWhiteSpace(c) || "([{（【〔《".Contains(c))) return text;
        var first = -1;
        for (var i = 0; i < symbols.Count && first < 0; i++) if (symbols[i].Text is [var c] && char.IsAsciiDigit(c)) first = i;
        if (first < 0 || first != prefix.Length) return text;
        var ink = InkLevel(pixels);
        var digit = symbols[first];
        // The first line's band: the digit's rows (the engine's boxes are right in height) and a third of its height
        // above and below, so that a bracket or an ideograph reaching past the digits' top and foot shows it does.
        var margin = (digit.Bottom - digit.Top) / 3;
        var band = (Top: Math.Max(0, digit.Top - margin), Bottom: Math.Min(height - 1, digit.Bottom + margin));
        var glyphs = new List<(int Left, int Right, int Top, int Bottom)>();
        var start = -1;
        for (var x = 0; x <= width && glyphs.Count < 6; x++)
        {
            var inked = false;
            for (var y = band.Top; x < width && y <= band.Bottom && !inked; y++) inked = pixels[y * width + x] < ink;
            if (inked && start < 0) start = x;
            else if (!inked && start >= 0)
            {
                if (Extent(pixels, width, band, (start, x - 1), ink) is { } rows) glyphs.Add((start, x - 1, rows.Top, rows.Bottom));
                start = -1;
            }
        }
        if (glyphs.Count < 3) return text;
        // The digits' height and foot: the middle of the glyphs after the first that are narrower than tall (a
        // digit; not an ideograph, nor "=", nor digits the blur ran together).
        var digits = glyphs.Skip(1).Where(g => g.Right - g.Left + 1 <= 0.85 * (g.Bottom - g.Top + 1)).OrderBy(g => g.Bottom - g.Top).ToList();
        if (digits.Count == 0) return text;
        var reference = digits[digits.Count / 2];
        var digitInk = (Top: reference.Top, Bottom: reference.Bottom);
        if (digitInk.Bottom - digitInk.Top + 1 < 8) return text;
        var signs = new List<char>();
        for (var g = 0; g < 2 && Sign(pixels, width, glyphs[g], ink, digitInk) is { } sign; g++) signs.Add(sign);
        // The glyph after the signs is the figure's first digit: no sign, and not two run together.
        var next = glyphs[signs.Count];
        if (signs.Count == 0 || next.Right - next.Left > next.Bottom - next.Top) return text;
        var read = new string([.. signs]);
        return read == prefix || signs.Count == 2 && read is not (">=" or "<=") ? text : read + text[k..];
    }

    /// <summary>The sign one glyph is, by its ink, or null where it is none.</summary>
    private static char? Sign(byte[] pixels, int width, (int Left, int Right, int Top, int Bottom) glyph, byte ink, (int Top, int Bottom) digit)
    {
        var (gw, gh) = (glyph.Right - glyph.Left + 1, glyph.Bottom - glyph.Top + 1);
        var digitHeight = digit.Bottom - digit.Top + 1;
        // Within the digits' height (an ideograph or a bracket reaches past it), not a sliver (a rule's remnant, a speck).
        if (glyph.Top < digit.Top - 0.15 * digitHeight || glyph.Bottom > digit.Bottom + 0.15 * digitHeight) return null;
        if (gw > 1.2 * digitHeight || gw < 0.3 * digitHeight || gh < 3) return null;
        // Each row's leftmost and rightmost ink, and how much of the glyph's width it covers.
        var (lefts, rights, cover) = (new int[gh], new int[gh], new int[gh]);
        for (var y = 0; y < gh; y++)
        {
            var (l, r, n) = (-1, -1, 0);
            for (var x = 0; x < gw; x++)
                if (pixels[(glyph.Top + y) * width + glyph.Left + x] < ink) { if (l < 0) l = x; r = x; n++; }
            (lefts[y], rights[y], cover[y]) = (l, r, n);
        }
        // A "≥" is a chevron over a bar: its apex stands in the glyph's upper part, far more of it below than above.
        // A ">" is the chevron alone, as much below its apex as above. Both by the digits' height too.
        foreach (var pointsRight in (bool[])[true, false])
        {
            if (Apex(lefts, rights, gw, pointsRight) is not { } apex) continue;
            var (above, below) = (apex, gh - 1 - apex);
            if (below >= 1.4 * above && gh >= 0.65 * digitHeight) return pointsRight ? '≥' : '≤';
            if (below <= 1.25 * above && gh <= 0.8 * digitHeight) return pointsRight ? '>' : '<';
            return null;
        }
        var small = gh <= 0.75 * digitHeight;
        // "=": two runs of inked rows with paper between, each with a row across the glyph (a skewed bar's ends fall a
        // row apart), no taller than a third of the digits each.
        var bars = new List<(int From, int To, int Widest)>();
        for (var y = 0; y < gh; y++)
        {
            if (lefts[y] < 0) continue;
            if (bars.Count > 0 && bars[^1].To == y - 1) bars[^1] = (bars[^1].From, y, Math.Max(bars[^1].Widest, cover[y]));
            else bars.Add((y, y, cover[y]));
        }
        return small && bars.Count == 2 && bars.All(b => b.Widest >= 0.75 * gw && b.To - b.From + 1 <= digitHeight / 3.0) ? '=' : null;
    }

    /// <summary>
    /// The apex row of a chevron pointing right ("&gt;"), or null where the glyph is none: its top row inked only in the
    /// glyph's left half, from its left edge (the next row a little further: a blurred stroke is thick); every row
    /// down to the apex inked (one stroke); the apex — a sixth to three quarters of the way down, the middle of the
    /// rows reaching furthest — inked only right of the glyph's first two fifths; the rows below it inked, back to the
    /// left edge; each row's ink a step from the row above's. Pointing left, the mirror image. A digit's top is an
    /// arc or a bar across it ("2", "7", "8"), or a stroke at its right ("1", "4").
    /// </summary>
    private static int? Apex(int[] lefts, int[] rights, int gw, bool pointsRight)
    {
        var gh = lefts.Length;
        // Each row's ink measured from the side the chevron opens to: its near edge and its far edge.
        int Near(int y) => pointsRight ? lefts[y] : gw - 1 - rights[y];
        int Far(int y) => pointsRight ? rights[y] : gw - 1 - lefts[y];
        if (gh < 4 || lefts[0] < 0 || lefts[1] < 0 || Near(0) > 0.25 * gw || Far(0) > 0.55 * gw || Far(1) > 0.65 * gw) return null;
        var (first, last) = (0, 0);
        for (var y = 1; y < gh; y++)
            if (lefts[y] >= 0 && Near(y) > Near(first)) (first, last) = (y, y);
            else if (lefts[y] >= 0 && Near(y) == Near(first) && last == y - 1) last = y;
        var apex = (first + last) / 2;
        if (Near(apex) < 0.4 * gw || apex < gh / 6.0 || apex > 0.75 * gh) return null;
        // One stroke there and back: each row's ink a step from the last, not a jump (a "6"'s stem meets its bowl,
        // whose far side is at once at the glyph's other edge).
        var step = Math.Max(2, 0.35 * gw);
        for (var y = 0; y <= apex; y++)
            if (lefts[y] < 0 || y > 0 && Math.Abs(Near(y) - Near(y - 1)) > step) return null;
        for (var y = apex + 1; y < gh && lefts[y] >= 0; y++)
        {
            if (Near(y - 1) - Near(y) > step) return null;
            if (Near(y) <= 0.25 * gw) return apex;
        }
        return null;
    }

    /// <summary>The top and bottom row of ink within columns of a band.</summary>
    private static (int Top, int Bottom)? Extent(byte[] pixels, int width, (int Top, int Bottom) band, (int Left, int Right) columns, byte ink)
    {
        var (top, bottom) = (-1, -1);
        for (var y = band.Top; y <= band.Bottom; y++)
        {
            var inked = false;
            for (var x = columns.Left; x <= columns.Right && !inked; x++) inked = pixels[y * width + x] < ink;
            if (!inked) continue;
            if (top < 0) top = y;
            bottom = y;
        }
        return top < 0 ? null : (top, bottom);
    }

    /// <summary>The top and bottom row of ink within a symbol's columns (its box widened by two rows up and down).</summary>
    private static (int Top, int Bottom)? Extent(byte[] pixels, int width, int height, BoxedSymbol symbol, byte ink) =>
        Extent(pixels, width, (Math.Max(0, symbol.Top - 2), Math.Min(height - 1, symbol.Bottom + 2)),
            (Math.Max(0, symbol.Left), Math.Min(width - 1, symbol.Right)), ink);

    /// <summary>Halfway between the crop's paper (its median) and its darkest print (the 1st percentile).</summary>
    internal static byte InkLevel(byte[] pixels)
    {
        var histogram = new int[256];
        foreach (var p in pixels) histogram[p]++;
        int Percentile(double q)
        {
            var (target, seen) = ((int)(pixels.Length * q), 0);
            for (var v = 0; v < 256; v++)
                if ((seen += histogram[v]) > target) return v;
            return 255;
        }
        return (byte)((Percentile(0.5) + Percentile(0.01)) / 2);
    }
}
