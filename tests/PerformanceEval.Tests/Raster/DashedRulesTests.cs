using PerformanceEval.Raster;
using Xunit;

namespace PerformanceEval.Tests.Raster;

/// <summary>A black-and-white page's grey hairlines, thresholded into dots: found by their shape, text never.</summary>
public sealed class DashedRulesTests
{
    // At 300 dpi, as scans are read.
    private const int W = 1400, H = 600;
    private const double PointsPerPixel = 72.0 / 300;

    private static GrayImage Page(Action<byte[]> draw)
    {
        var pixels = new byte[W * H];
        Array.Fill(pixels, (byte)255);
        draw(pixels);
        return new GrayImage(W, H, pixels);
    }

    /// <summary>A fax's hairline: 3-px dots of one pixel row every 33 px, a few dots missing, from x0 to x1 at y.</summary>
    private static void Dotted(byte[] p, int y, int x0, int x1)
    {
        for (var (x, k) = (x0, 0); x < x1; x += 33, k++)
            if (k % 7 != 3)
                for (var dx = 0; dx < 3; dx++) p[y * W + x + dx] = 0;
    }

    /// <summary>
    /// A line of "characters": 36-px blocks of four horizontal strokes 2 px thick, each character's at heights of its
    /// own, and a vertical stroke through them.
    /// </summary>
    private static void TextLine(byte[] p, int top, int x0, int x1)
    {
        var k = 0;
        for (var x = x0; x + 36 < x1; x += 42, k++)
        {
            for (var j = 0; j < 4; j++)
            {
                var y = top + (k * 5 + j * 9) % 34;
                for (var dy = 0; dy < 2; dy++)
                    for (var dx = 0; dx < 36; dx++) p[(y + dy) * W + x + dx] = 0;
            }
            for (var y = top; y < top + 36; y++) p[y * W + x + 18] = p[y * W + x + 19] = 0;
        }
    }

    [Fact]
    public void A_dotted_rule_is_a_rule_across_its_length_and_lines_of_text_are_none()
    {
        var page = Page(p =>
        {
            Dotted(p, 100, 100, 1300);
            TextLine(p, 150, 120, 1280);
            Dotted(p, 230, 100, 1300);
            // A solid vertical rule crossing both dotted ones: no ink around them.
            for (var y = 80; y < 260; y++) p[y * W + 600] = p[y * W + 601] = 0;
            TextLine(p, 400, 120, 1280);
        });
        var (horizontal, vertical) = DashedRules.Find(page, PointsPerPixel);
        Assert.Equal([100.5, 230.5], horizontal.Select(r => Math.Round(r.At / PointsPerPixel, 1)).Order());
        Assert.All(horizontal, r => Assert.True(r.From / PointsPerPixel <= 101 && r.To / PointsPerPixel >= 1290, $"runs {r.From / PointsPerPixel}–{r.To / PointsPerPixel}"));
        // The solid vertical rule is the run finder's, and no character's vertical stroke is a dotted column.
        Assert.Empty(vertical);
    }

    [Fact]
    public void Dots_too_short_a_run_or_too_far_apart_are_no_rule()
    {
        var page = Page(p =>
        {
            Dotted(p, 100, 100, 250);                                          // 150 px: shorter than 48 pt
            for (var x = 100; x < 1300; x += 150) p[300 * W + x] = 0;          // a dot every 150 px: dust
        });
        var (horizontal, _) = DashedRules.Find(page, PointsPerPixel);
        Assert.Empty(horizontal);
    }
}
