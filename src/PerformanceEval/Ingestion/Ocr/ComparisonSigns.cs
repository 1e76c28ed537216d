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

    /// <summary>The top and bottom row of ink within a symbol's columns (its box widened by two rows up and down).</summary>
    private static (int Top, int Bottom)? Extent(byte[] pixels, int width, int height, BoxedSymbol symbol, byte ink)
    {
        var (top, bottom) = (-1, -1);
        var (x0, x1) = (Math.Max(0, symbol.Left), Math.Min(width - 1, symbol.Right));
        for (var y = Math.Max(0, symbol.Top - 2); y <= Math.Min(height - 1, symbol.Bottom + 2); y++)
        {
            var inked = false;
            for (var x = x0; x <= x1 && !inked; x++) inked = pixels[y * width + x] < ink;
            if (!inked) continue;
            if (top < 0) top = y;
            bottom = y;
        }
        return top < 0 ? null : (top, bottom);
    }

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
