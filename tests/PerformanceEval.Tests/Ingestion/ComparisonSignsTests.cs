using PerformanceEval.Ingestion.Ocr;
using Xunit;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>
/// A sign chi_sim read as "&gt;" or "&lt;" is "≥" or "≤" where its ink reaches from about the digits' top to their foot
/// (chevron and bar), and stays as read where it stands in the middle of their height. Crops drawn here: paper 250,
/// print 30, digits 31 px tall.
/// </summary>
public sealed class ComparisonSignsTests
{
    private const int Width = 200, Height = 60, DigitTop = 10, DigitBottom = 40;

    /// <summary>A sign's ink from <paramref name="signTop"/> to <paramref name="signBottom"/> at x 10–30, then digits 20 px apart.</summary>
    private static (byte[] Pixels, List<BoxedSymbol> Symbols) Crop(string read, int signTop, int signBottom)
    {
        var pixels = Enumerable.Repeat((byte)250, Width * Height).ToArray();
        var symbols = new List<BoxedSymbol>();
        var x = 10;
        foreach (var c in read)
        {
            var (top, bottom) = c is '>' or '<' ? (signTop, signBottom) : c == '=' ? (20, 30) : (DigitTop, DigitBottom);
            for (var y = top; y <= bottom; y++)
                for (var dx = 0; dx < 14; dx++)
                    // A stroke's outline: ink at the glyph's edges only, as print thins to.
                    if (y == top || y == bottom || dx < 2 || dx > 11) pixels[y * Width + x + dx] = 30;
            symbols.Add(new BoxedSymbol(c.ToString(), x, DigitTop, x + 13, DigitBottom));
            x += 20;
        }
        return (pixels, symbols);
    }

    [Theory]
    [InlineData(">2000", 9, 41, "≥2000")]   // chevron and bar: the digits' whole height
    [InlineData("<100", 10, 40, "≤100")]
    [InlineData(">80", 17, 33, ">80")]       // a chevron alone, in the middle of the digits' height
    [InlineData(">=95", 9, 41, ">=95")]      // a printed ">=": the sign stands before "=", not a digit
    public void A_sign_is_read_with_its_bar_where_its_ink_is_as_tall_as_the_digits(string read, int signTop, int signBottom, string expected)
    {
        var (pixels, symbols) = Crop(read, signTop, signBottom);
        Assert.Equal(expected, ComparisonSigns.Restore(read, symbols, pixels, Width, Height));
    }

    [Fact]
    public void Signs_the_symbols_do_not_match_one_for_one_are_left_as_read()
    {
        var (pixels, symbols) = Crop(">2000", 9, 41);
        Assert.Equal(">>2000", ComparisonSigns.Restore(">>2000", symbols, pixels, Width, Height));
    }

    /// <summary>A crop of fixtures/ocr-crops: its pixels, and the engine's reading and symbols recorded with it.</summary>
    private static (string Read, List<BoxedSymbol> Symbols, PerformanceEval.Raster.GrayImage Image) RealCrop(string name)
    {
        var folder = Path.Combine(Fixtures.Dir, "ocr-crops");
        var lines = File.ReadAllLines(Path.Combine(folder, name + ".txt"));
        var symbols = lines.Skip(1).Select(l => l.Split(' ')).Where(p => p.Length == 5)
            .Select(p => new BoxedSymbol(p[0], int.Parse(p[1]), int.Parse(p[2]), int.Parse(p[3]), int.Parse(p[4]))).ToList();
        return (lines[0], symbols, PerformanceEval.Raster.GrayImage.ParsePgm(File.ReadAllBytes(Path.Combine(folder, name + ".pgm"))));
    }

    [Theory]
    [InlineData("serif-sign-read-as-ideograph", "≥2000人次")]
    [InlineData("sans-sign-read-as-equals", "≥2000人次")]
    [InlineData("small-sign-read-as-greater", "≥2000人次")]
    [InlineData("sign-dropped", "≥2000人次")]
    [InlineData("printed-greater-equals", ">=859%6")]   // the sign read from its two glyphs; the rest is left as read
    [InlineData("equals-stays", "=55人")]
    [InlineData("equals-stays-2", "=12次")]
    // A "6"'s stem runs from its top right down to the left as a "≤"'s upper arm does; its bowl's far side stands at
    // the glyph's other edge at once, where an arm comes back a step a row.
    [InlineData("six-stays", "6948646.50")]
    [InlineData("six-stays-2", "67 .92%")]
    public void The_sign_before_a_figure_is_read_from_its_ink(string crop, string expected)
    {
        var (read, symbols, image) = RealCrop(crop);
        Assert.Equal(expected, ComparisonSigns.SignFromInk(read, symbols, image.Pixels.ToArray(), image.Width, image.Height));
    }

    /// <summary>
    /// Glyphs drawn on a 200 × 60 crop, paper 250 and print 30, each 3 px strokes: a glyph at x 10 (what the line
    /// begins with), then digits 16 × 30 px at x 40, 60, 80 standing on row 45.
    /// </summary>
    private static (byte[] Pixels, List<BoxedSymbol> Symbols) Drawn(Action<Action<int, int, int, int>> firstGlyph, string read)
    {
        var pixels = Enumerable.Repeat((byte)250, Width * Height).ToArray();
        void Line(int x0, int y0, int x1, int y1)
        {
            var steps = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0));
            for (var i = 0; i <= steps; i++)
            {
                var (x, y) = (x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps);
                for (var dy = -1; dy <= 1; dy++) for (var dx = -1; dx <= 1; dx++) pixels[(y + dy) * Width + x + dx] = 30;
            }
        }
        firstGlyph(Line);
        var symbols = new List<BoxedSymbol>();
        foreach (var x in (int[])[40, 60, 80])
        {
            Line(x, 16, x + 15, 16); Line(x, 45, x + 15, 45); Line(x, 16, x, 45); Line(x + 15, 16, x + 15, 45);
            symbols.Add(new BoxedSymbol("0", x - 1, 15, x + 16, 46));
        }
        var prefix = read.TakeWhile(c => !char.IsAsciiDigit(c)).Select(c => new BoxedSymbol(c.ToString(), 9, 15, 33, 46));
        return (pixels, [.. prefix, .. symbols]);
    }

    [Fact]
    public void A_chevron_over_a_bar_as_tall_as_the_digits_is_greater_or_equal_whatever_was_read()
    {
        // Chevron from (10,17) to the apex (30,25) back to (10,33); a bar at row 44.
        var (pixels, symbols) = Drawn(line => { line(11, 17, 30, 25); line(30, 25, 11, 33); line(11, 44, 30, 44); }, "二000");
        Assert.Equal("≥000", ComparisonSigns.SignFromInk("二000", symbols, pixels, Width, Height));
        Assert.Equal("≥000", ComparisonSigns.SignFromInk("000", symbols.Skip(1).ToList(), pixels, Width, Height));
    }

    [Fact]
    public void A_chevron_alone_in_the_middle_of_the_digits_height_is_greater_than_and_its_mirror_less_than()
    {
        var (pixels, symbols) = Drawn(line => { line(11, 22, 30, 30); line(30, 30, 11, 38); }, "一000");
        Assert.Equal(">000", ComparisonSigns.SignFromInk("一000", symbols, pixels, Width, Height));
        (pixels, symbols) = Drawn(line => { line(30, 22, 11, 30); line(11, 30, 30, 38); }, "一000");
        Assert.Equal("<000", ComparisonSigns.SignFromInk("一000", symbols, pixels, Width, Height));
    }

    [Fact]
    public void Two_bars_are_equals()
    {
        var (pixels, symbols) = Drawn(line => { line(11, 26, 30, 26); line(11, 35, 30, 35); }, "三000");
        Assert.Equal("=000", ComparisonSigns.SignFromInk("三000", symbols, pixels, Width, Height));
    }

    [Fact]
    public void An_ideograph_or_a_bracket_before_the_figure_is_left_as_read()
    {
        // Taller than the digits (rows 10–50): an ideograph's box with a cross; the same chevron as above, but reaching
        // past the digits' top and foot as a bracket does.
        var (pixels, symbols) = Drawn(line => { line(11, 10, 31, 10); line(11, 50, 31, 50); line(11, 10, 11, 50); line(31, 10, 31, 50); line(11, 30, 31, 30); }, "约000");
        Assert.Equal("约000", ComparisonSigns.SignFromInk("约000", symbols, pixels, Width, Height));
        (pixels, symbols) = Drawn(line => { line(30, 8, 12, 30); line(12, 30, 30, 52); }, "一000");
        Assert.Equal("一000", ComparisonSigns.SignFromInk("一000", symbols, pixels, Width, Height));
        // A chevron over a stroke, as 之 is, but from above the digits' top to below their foot: an ideograph's height.
        (pixels, symbols) = Drawn(line => { line(11, 6, 30, 16); line(30, 16, 11, 26); line(11, 52, 30, 52); }, "之000");
        Assert.Equal("之000", ComparisonSigns.SignFromInk("之000", symbols, pixels, Width, Height));
    }

    [Fact]
    public void A_cell_whose_figure_comes_after_words_or_a_letter_is_left_as_read()
    {
        var (pixels, symbols) = Drawn(line => { line(11, 17, 30, 25); line(30, 25, 11, 33); line(11, 44, 30, 44); }, "二000");
        Assert.Equal("E000", ComparisonSigns.SignFromInk("E000", [new BoxedSymbol("E", 9, 15, 33, 46), .. symbols.Skip(1)], pixels, Width, Height));
        Assert.Equal("不低于000", ComparisonSigns.SignFromInk("不低于000", symbols, pixels, Width, Height));
        Assert.Equal("(000", ComparisonSigns.SignFromInk("(000", symbols, pixels, Width, Height));
    }
}

