using PerformanceEval.Raster;
using Xunit;

namespace PerformanceEval.Tests.Raster;

/// <summary>Ruling lines from a page's raster: runs of ink, neighbouring pixel rows joined, too thick a band no rule.</summary>
public sealed class RulingLinesTests
{
    private const int W = 700, H = 220;

    private static GrayImage Page(Action<byte[]> draw)
    {
        var pixels = new byte[W * H];
        Array.Fill(pixels, (byte)245);
        draw(pixels);
        return new GrayImage(W, H, pixels);
    }

    private static void Fill(byte[] p, int x0, int y0, int x1, int y1)
    {
        for (var y = y0; y <= y1; y++)
            for (var x = x0; x <= x1; x++) p[y * W + x] = 20;
    }

    [Fact]
    public void A_rule_with_a_seals_star_lying_on_it_is_still_a_rule_and_a_filled_bar_is_none()
    {
        // At one pixel a point: runs of 12 px are long enough, bands thicker than 3 px are bars. A rule 3 px thick at
        // y = 99–101, and over it a star's body 60 px wide from y = 70 to 130, touching it on the lines above and below.
        var page = Page(p =>
        {
            Fill(p, 20, 99, 620, 101);
            Fill(p, 300, 70, 360, 130);
            Fill(p, 20, 160, 620, 180);   // a shaded bar 21 px thick
        });
        var (horizontal, _) = RulingLines.Find(page, 1.0);
        var rule = Assert.Single(horizontal, r => Math.Abs(r.At - 100.5) < 1);
        Assert.True(rule.From <= 21 && rule.To >= 620, $"the rule runs {rule.From}–{rule.To}");
        Assert.DoesNotContain(horizontal, r => r.At is > 150 and < 190);
        // Without the star the rule is the same rule.
        var (alone, _) = RulingLines.Find(Page(p => Fill(p, 20, 99, 620, 101)), 1.0);
        Assert.Equal(rule.At, Assert.Single(alone).At, 3);
    }
}
