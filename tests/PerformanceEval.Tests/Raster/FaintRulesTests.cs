using Xunit;
using PerformanceEval.Raster;

namespace PerformanceEval.Tests.Raster;

/// <summary>
/// A rule too faint for the run finder, looked for inside rows twice the usual height: a grey hairline is found where it
/// stands; two lines of text in a tall row are no rule.
/// </summary>
public sealed class FaintRulesTests
{
    private const int W = 1200, Left = 100, Right = 1100, RowH = 80;

    /// <summary>
    /// A table of five 80-px rows, black rules, except that the rule at y = 260 (between rows 2 and 3) is printed in
    /// <paramref name="faintGray"/> (or not at all when null); each row holds a blot of text, row 2 two lines of it.
    /// </summary>
    private static (GrayImage Page, GridLayout Grid) Table(byte? faintGray)
    {
        const int h = 600;
        var pixels = new byte[W * h];
        Array.Fill(pixels, (byte)245);
        void Line(int y, byte v) { for (var x = Left; x <= Right; x++) pixels[y * W + x] = v; }
        foreach (var y in new[] { 100, 180, 340, 420, 500 }) Line(y, 20);
        if (faintGray is { } g) Line(260, g);
        foreach (var x in new[] { Left, 400, 700, Right })
            for (var y = 100; y <= 500; y++) pixels[y * W + x] = 20;
        // Text: solid 36-px characters 6 px apart (a character's widest stroke, and more), one line in each row, two in the tall one (180–340).
        foreach (var top in new[] { 125, 200, 230, 280, 310, 365, 445 })
            for (var c = 0; c < 6; c++)
                for (var y = top; y < top + 20; y++)
                    for (var x = Left + 20 + c * 42; x < Left + 20 + c * 42 + 36; x++) pixels[y * W + x] = 40;
        var page = new GrayImage(W, h, pixels);
        // The run finder (dark below 200) misses a rule printed at 215.
        var (horizontal, vertical) = RulingLines.Find(page, 1.0);
        var grid = GridLayout.Build(horizontal, vertical, snap: 8)!;
        return (page, grid);
    }

    [Fact]
    public void A_grey_hairline_inside_a_row_twice_the_usual_height_is_found_where_it_stands()
    {
        var (page, grid) = Table(faintGray: 215);
        Assert.Equal(4, grid.Rows);     // the hairline was not found: rows 2 and 3 are one
        var found = FaintRules.InTallRows(page, grid);
        Assert.NotEmpty(found);
        Assert.All(found, r => Assert.InRange(r.At, 259, 262));
        Assert.True(found.Sum(r => r.To - r.From) > 0.9 * (Right - Left));
        var rebuilt = GridLayout.Build([.. RulingLines.Find(page, 1.0).Horizontal, .. found], RulingLines.Find(page, 1.0).Vertical, snap: 8)!;
        Assert.Equal(5, rebuilt.Rows);
    }

    [Fact]
    public void Two_lines_of_text_in_a_tall_row_are_no_rule()
    {
        var (page, grid) = Table(faintGray: null);
        Assert.Empty(FaintRules.InTallRows(page, grid));
    }
}
