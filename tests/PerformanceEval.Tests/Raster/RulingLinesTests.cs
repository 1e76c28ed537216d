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

    [Fact]
    public void A_grey_hairline_too_faint_for_the_run_finder_is_found_at_the_papers_level_and_short_runs_of_text_are_not()
    {
        // At 300 dpi: a blurred hairline over two pixel rows, each 205 on paper 245 (lighter than the finder's 200), 600 px
        // long; and a text line's strokes at that level, runs of 80 px (two blurred characters run together).
        const double pointsPerPixel = 72.0 / 300;
        var page = Page(p =>
        {
            for (var x = 50; x < 650; x++) (p[100 * W + x], p[101 * W + x]) = (205, 208);
            for (var k = 0; k < 5; k++)
                for (var x = 40 + k * 120; x < 120 + k * 120; x++) p[170 * W + x] = 205;
        });
        Assert.Empty(RulingLines.Find(page, pointsPerPixel).Horizontal);
        var (faint, _) = RulingLines.FindFaint(page, pointsPerPixel, threshold: 212);
        var rule = Assert.Single(faint);
        Assert.InRange(rule.At / pointsPerPixel, 99.5, 101.5);
        Assert.InRange(rule.From / pointsPerPixel, 49, 51);
        Assert.InRange(rule.To / pointsPerPixel, 649, 651);
    }

    [Fact]
    public void A_faint_rule_broken_between_its_two_pixel_rows_by_noise_is_still_one_run()
    {
        // The hairline's darker half alternates between the two rows every 7 px: neither row alone has a run of 125 px.
        const double pointsPerPixel = 72.0 / 300;
        var page = Page(p =>
        {
            for (var x = 50; x < 650; x++)
                if (x / 7 % 2 == 0) p[100 * W + x] = 205; else p[101 * W + x] = 205;
        });
        var (faint, _) = RulingLines.FindFaint(page, pointsPerPixel, threshold: 212);
        Assert.True(faint.Count >= 1 && faint.Max(r => r.To - r.From) / pointsPerPixel >= 590, "the hairline is one rule its whole length");
    }

    [Fact]
    public void A_pages_rules_are_printed_as_dark_as_their_darkest_pixel_across_them_says()
    {
        var black = Page(p => { Fill(p, 20, 99, 620, 101); Fill(p, 300, 20, 302, 200); });
        var (h, v) = RulingLines.Find(black, 1.0);
        Assert.Equal(20, RulingLines.PrintLevel(black, h, v, 1.0));
        // Grey rules, their middle pixel row 170 and their edges lighter: the darkest across is what counts.
        var grey = Page(p =>
        {
            for (var x = 20; x <= 620; x++) (p[99 * W + x], p[100 * W + x], p[101 * W + x]) = (190, 170, 190);
        });
        (h, v) = RulingLines.Find(grey, 1.0);
        Assert.Equal(170, RulingLines.PrintLevel(grey, h, v, 1.0));
        Assert.Equal(255, RulingLines.PrintLevel(grey, [], [], 1.0));
    }
}
