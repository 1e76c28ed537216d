using PerformanceEval.Ingestion.Ocr;
using PerformanceEval.Raster;
using Xunit;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>A cell's crop as Tesseract is given it: a rule's gray fringe erased, small print enlarged.</summary>
public sealed class OcrCropTests
{
    private const int W = 300, H = 100;

    private static GrayImage Page(Action<byte[]> draw)
    {
        var pixels = new byte[W * H];
        Array.Fill(pixels, (byte)240);
        draw(pixels);
        return new GrayImage(W, H, pixels);
    }

    /// <summary>Dark blocks standing for characters <paramref name="height"/> px tall, from y = 30.</summary>
    private static void Characters(byte[] p, int height)
    {
        for (var x0 = 20; x0 < 200; x0 += height + 6)
            for (var y = 30; y < 30 + height; y++)
                for (var x = x0; x < x0 + height; x++)
                    p[y * W + x] = 30;
    }

    /// <summary>The crop cleaned, before it is softened for the engine.</summary>
    private static OcrCrop Cleaned(GrayImage page, OcrRequest request) => OcrCrop.Cleaned(page, request, out _);

    [Fact]
    public void Sharp_print_is_softened_for_the_engine_and_print_already_grey_is_not()
    {
        // Blocks of 30 on paper of 240: every dark pixel black, edges sharp. Softened, a block's edge is grey and its
        // inside stays black.
        var sharp = Page(p => Characters(p, 26));
        var crop = OcrCrop.Cut(sharp, new OcrRequest(0, 0, W, H, 7));
        var (edge, inside) = ((12 + 40) * crop.Width + 12 + 20, (12 + 40) * crop.Width + 12 + 30);
        Assert.InRange(crop.Pixels[edge], 60, 200);
        Assert.InRange(crop.Pixels[inside], 0, 40);
        // The same blocks printed grey (120, a blurred scan's print): left as they are.
        var grey = Page(p => { Characters(p, 26); for (var i = 0; i < p.Length; i++) if (p[i] == 30) p[i] = 120; });
        Assert.Equal(Cleaned(grey, new OcrRequest(0, 0, W, H, 7)).Pixels, OcrCrop.Cut(grey, new OcrRequest(0, 0, W, H, 7)).Pixels);
    }

    [Fact]
    public void A_rules_mid_gray_fringe_at_the_crops_edge_is_erased_and_the_print_is_not()
    {
        var page = Page(p =>
        {
            for (var x = 0; x < W; x++) p[5 * W + x] = 192;   // the fringe of the cell's top rule, 190 on paper of 240
            Characters(p, 36);
        });
        var crop = Cleaned(page, new OcrRequest(0, 5, W, H, 7));
        // The crop is padded by 12: the page's row 5 is the crop's row 12.
        Assert.All(Enumerable.Range(12, W).Select(x => crop.Pixels[12 * crop.Width + x]), v => Assert.Equal(255, v));
        Assert.Equal(30, crop.Pixels[(12 + 40) * crop.Width + 12 + 30]);
    }

    [Fact]
    public void A_broken_rules_dashes_at_the_top_edge_are_erased_and_a_characters_own_stroke_there_is_not()
    {
        // What the scan left of a thick top rule: 8-px dashes every 20 px over the cell's width, two pixel rows, grey
        // and black, none of it a line of pixels mostly dark.
        var page = Page(p =>
        {
            for (var x = 0; x < W; x += 20)
                for (var dx = 0; dx < 8; dx++) { p[5 * W + x + dx] = 120; p[6 * W + x + dx] = 180; }
            Characters(p, 36);
        });
        var crop = Cleaned(page, new OcrRequest(0, 5, W, H, 7));
        Assert.All(Enumerable.Range(12, W).Select(x => crop.Pixels[12 * crop.Width + x]), v => Assert.Equal(255, v));
        Assert.All(Enumerable.Range(12, W).Select(x => crop.Pixels[13 * crop.Width + x]), v => Assert.Equal(255, v));
        Assert.Equal(30, crop.Pixels[(12 + 40) * crop.Width + 12 + 30]);

        // One character's top stroke at the edge (a 二 cut close), 20 px of a 300-px cell, is the character's.
        var stroke = Page(p =>
        {
            for (var x = 20; x < 40; x++) p[5 * W + x] = 30;
            Characters(p, 36);
        });
        var kept = Cleaned(stroke, new OcrRequest(0, 5, W, H, 7));
        Assert.Equal(30, kept.Pixels[12 * kept.Width + 12 + 25]);
    }

    [Fact]
    public void A_crop_asked_black_and_white_is_ink_or_paper_at_its_level()
    {
        var page = Page(p => { Characters(p, 36); for (var i = 0; i < p.Length; i++) if (p[i] == 30) p[i] = 150; });
        var grey = Cleaned(page, new OcrRequest(0, 5, W, H, 7));
        var bw = Cleaned(page, new OcrRequest(0, 5, W, H, 7) { Threshold = 200 });
        var at = (12 + 40) * grey.Width + 12 + 30;
        Assert.Equal((150, 0), (grey.Pixels[at], bw.Pixels[at]));
        Assert.All(bw.Pixels, v => Assert.True(v is 0 or 255));
    }

    [Fact]
    public void A_gray_texture_of_the_paper_is_no_rule()
    {
        // A row only a little darker than the paper (220 on 240) is paper; it is left as scanned.
        var page = Page(p => { for (var x = 0; x < W; x++) p[5 * W + x] = 220; Characters(p, 36); });
        var crop = Cleaned(page, new OcrRequest(0, 5, W, H, 7));
        Assert.Equal(220, crop.Pixels[12 * crop.Width + 50]);
    }

    [Fact]
    public void Print_of_small_characters_is_enlarged_to_the_engines_size_and_print_of_ordinary_size_is_not()
    {
        var small = Cleaned(Page(p => Characters(p, 19)), new OcrRequest(0, 0, W, H, 7));
        Assert.InRange(OcrCrop.LineHeight(small), 30, 34);
        Assert.True(small.Width > W + 24, "the crop grew with its print");
        // 26 px: a 9-point line of digits at 300 dpi.
        var ordinary = Cleaned(Page(p => Characters(p, 26)), new OcrRequest(0, 0, W, H, 7));
        Assert.Equal((W + 24, H + 24), (ordinary.Width, ordinary.Height));
        Assert.Equal(26, OcrCrop.LineHeight(ordinary));
    }

    [Fact]
    public void Two_lines_of_small_print_give_the_height_of_one()
    {
        var page = Page(p => { Characters(p, 19); for (var y = 60; y < 79; y++) for (var x = 20; x < 100; x++) p[y * W + x] = 30; });
        Assert.Equal(19, OcrCrop.LineHeight(new OcrCrop(page.Pixels.ToArray(), W, H)));
    }

    [Fact]
    public void Specks_standing_alone_are_erased_and_a_decimal_point_beside_its_digits_is_not()
    {
        var page = Page(p =>
        {
            Characters(p, 26);
            // Dust in the cell's empty right part: dots of one to twelve pixels, far from any print and from each other.
            foreach (var (x, y) in new[] { (230, 20), (255, 45), (275, 25), (290, 85) }) p[y * W + x] = 40;
            for (var y = 75; y < 77; y++) for (var x = 240; x < 242; x++) p[y * W + x] = 40;
            for (var y = 60; y < 63; y++) for (var x = 270; x < 274; x++) p[y * W + x] = 40;
            // A decimal point, 4 × 4, 8 px after the last "digit" (x 180–205), at its foot.
            for (var y = 52; y < 56; y++) for (var x = 213; x < 217; x++) p[y * W + x] = 30;
        });
        var crop = Cleaned(page, new OcrRequest(0, 0, W, H, 7));
        int At(int x, int y) => crop.Pixels[(y + 12) * crop.Width + x + 12];
        Assert.All(new[] { (230, 20), (255, 45), (275, 25), (290, 85), (240, 75), (241, 76), (270, 60), (273, 62) }, d => Assert.Equal(255, At(d.Item1, d.Item2)));
        Assert.Equal(30, At(214, 53));
        Assert.Equal(30, At(30, 40));
    }

    [Fact]
    public void A_cells_lines_of_text_are_counted_by_its_ink_and_a_speck_is_no_line()
    {
        // "年初预" over "算数": two lines of 30 px, 8 px of paper between them, in a cell 80 px tall.
        var two = Page(p =>
        {
            for (var y = 10; y < 40; y++) for (var x = 20; x < 120; x++) p[y * W + x] = 30;
            for (var y = 48; y < 78; y++) for (var x = 20; x < 90; x++) p[y * W + x] = 30;
        });
        Assert.Equal([(10, 39), (48, 77)], OcrCrop.TextLines(two, new OcrRequest(0, 0, W, 80, 7)));
        var one = Page(p => { Characters(p, 30); p[85 * W + 150] = 30; });
        Assert.Single(OcrCrop.TextLines(one, new OcrRequest(0, 0, W, H, 7)));
        // The glyphs of a line: "(元)" is a bracket, a character and a bracket.
        var unit = Page(p =>
        {
            for (var y = 20; y < 60; y++) { p[y * W + 30] = 30; p[y * W + 31] = 30; p[y * W + 90] = 30; p[y * W + 91] = 30; }
            for (var y = 25; y < 55; y++) for (var x = 45; x < 77; x++) p[y * W + x] = 30;
        });
        Assert.Equal([(30, 31), (45, 76), (90, 91)], OcrCrop.Glyphs(unit, new OcrRequest(0, 15, 150, 65, 7)));
    }

    [Fact]
    public void A_crop_asked_at_another_size_is_scaled_after_it_is_cut()
    {
        // Print of 38 px (left as it is by the crop itself), asked at three quarters.
        var page = Page(p => Characters(p, 38));
        var own = Cleaned(page, new OcrRequest(0, 5, W, H, 7));
        var smaller = Cleaned(page, new OcrRequest(0, 5, W, H, 7) { Scale = 0.75 });
        Assert.Equal((Math.Round(own.Width * 0.75), Math.Round(own.Height * 0.75)), ((double)smaller.Width, (double)smaller.Height));
        Assert.InRange(OcrCrop.LineHeight(smaller), 27, 30);
    }
}
