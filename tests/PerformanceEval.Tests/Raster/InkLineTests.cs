using Xunit;
using PerformanceEval.Raster;

namespace PerformanceEval.Tests.Raster;

/// <summary>A cell edge the run finder missed: a broken, blurred rule is ink along most of it; a label crossing it is not.</summary>
public sealed class InkLineTests
{
    private const int W = 400, H = 200;

    private static GrayImage Page(Action<byte[]> draw)
    {
        var pixels = new byte[W * H];
        Array.Fill(pixels, (byte)245);
        draw(pixels);
        return new GrayImage(W, H, pixels);
    }

    private static void Dot(byte[] p, int x, int y, byte v) => p[y * W + x] = v;

    [Fact]
    public void A_rule_broken_into_short_gray_dashes_two_pixels_off_is_a_line()
    {
        // Dashes of 30 px with 10 px gaps (none long enough for the run finder), mid-gray, wobbling a pixel.
        var page = Page(p => { for (var x = 0; x < W; x++) if (x % 40 < 30) Dot(p, x, 102 + x / 200, 150); });
        Assert.True(InkLine.Along(page, true, 100, 20, 380));
        var vertical = Page(p => { for (var y = 0; y < H; y++) if (y % 40 < 30) Dot(p, 51, y, 150); });
        Assert.True(InkLine.Along(vertical, false, 50, 10, 190));
    }

    [Fact]
    public void A_grey_hairline_is_a_line_only_at_a_level_set_under_its_own_paper()
    {
        // Printed at 215 on paper of 245: no ink at the binarized page's level (170), a line 28 under the paper.
        var page = Page(p => { for (var x = 0; x < W; x++) Dot(p, x, 100, 215); });
        Assert.False(InkLine.Along(page, true, 100, 20, 380));
        Assert.True(InkLine.Along(page, true, 100, 20, 380, ink: 245 - 28));
    }

    [Fact]
    public void A_characters_stroke_down_a_one_line_cells_edge_is_not_a_line_and_a_rule_there_is()
    {
        // The edge of a 56-px row at x = 200; 业 crosses it: three strokes down, 6 px apart, and one across its foot.
        // The middle stroke covers most of the edge, as a rule would; its neighbours stand beside it, as a rule's never do.
        var character = Page(p =>
        {
            foreach (var x0 in new[] { 194, 200, 206 })
                for (var y = 84; y < 126; y++)
                    for (var x = x0; x < x0 + 3; x++) Dot(p, x, y, 25);
            for (var y = 122; y < 126; y++)
                for (var x = 186; x < 216; x++) Dot(p, x, y, 25);
        });
        Assert.False(InkLine.Along(character, false, 201, 80, 136));
        var rule = Page(p => { for (var y = 80; y < 136; y++) for (var x = 200; x < 203; x++) Dot(p, x, y, 60); });
        Assert.True(InkLine.Along(rule, false, 201, 80, 136));
    }

    [Fact]
    public void A_lone_stroke_down_a_cell_that_stops_at_its_padding_is_not_a_line_and_a_rule_as_broken_running_to_its_ends_is()
    {
        // A 73-px row's edge at x = 200, its rules at y = 80 and 153. 付's 寸 (or 行's 亍) stands one stroke on it, 40 px
        // with paper either side as a rule has, but 17 px short of each rule: over two thirds of the edge, as a broken
        // rule covers.
        var stroke = Page(p => { for (var y = 97; y < 137; y++) for (var x = 200; x < 203; x++) Dot(p, x, y, 30); });
        Assert.False(InkLine.Along(stroke, false, 201, 80, 153));
        // A rule as broken (dashes of 14 px, 6 apart) that runs on to both rules.
        var rule = Page(p => { for (var y = 80; y < 153; y++) if ((y - 80) % 20 < 14) for (var x = 200; x < 203; x++) Dot(p, x, y, 60); });
        Assert.True(InkLine.Along(rule, false, 201, 80, 153));
    }

    [Fact]
    public void A_label_crossing_where_no_border_is_drawn_is_not_a_line()
    {
        // Four "characters" 40 px wide in a 360 px edge: a merged cell's text, not a rule.
        var page = Page(p =>
        {
            foreach (var x0 in new[] { 100, 150, 200, 250 })
                for (var x = x0; x < x0 + 40; x++)
                    for (var y = 85; y < 125; y += 3)
                        Dot(p, x, y, 20);
        });
        Assert.False(InkLine.Along(page, true, 100, 20, 380));
        Assert.False(InkLine.Along(Page(_ => { }), true, 100, 20, 380));
    }
}
