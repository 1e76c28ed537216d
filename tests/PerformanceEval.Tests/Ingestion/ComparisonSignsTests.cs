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
}
