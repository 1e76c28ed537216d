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

    [Fact]
    public void A_rules_mid_gray_fringe_at_the_crops_edge_is_erased_and_the_print_is_not()
    {
        var page = Page(p =>
        {
            for (var x = 0; x < W; x++) p[5 * W + x] = 192;   // the fringe of the cell's top rule, 190 on paper of 240
            Characters(p, 36);
        });
        var crop = OcrCrop.Cut(page, new OcrRequest(0, 5, W, H, 7));
        // The crop is padded by 12: the page's row 5 is the crop's row 12.
        Assert.All(Enumerable.Range(12, W).Select(x => crop.Pixels[12 * crop.Width + x]), v => Assert.Equal(255, v));
        Assert.Equal(30, crop.Pixels[(12 + 40) * crop.Width + 12 + 30]);
    }

    [Fact]
    public void A_gray_texture_of_the_paper_is_no_rule()
    {
        // A row only a little darker than the paper (220 on 240) is paper; it is left as scanned.
        var page = Page(p => { for (var x = 0; x < W; x++) p[5 * W + x] = 220; Characters(p, 36); });
        var crop = OcrCrop.Cut(page, new OcrRequest(0, 5, W, H, 7));
        Assert.Equal(220, crop.Pixels[12 * crop.Width + 50]);
    }

    [Fact]
    public void Print_of_small_characters_is_enlarged_to_the_engines_size_and_print_of_ordinary_size_is_not()
    {
        var small = OcrCrop.Cut(Page(p => Characters(p, 19)), new OcrRequest(0, 0, W, H, 7));
        Assert.InRange(OcrCrop.LineHeight(small), 30, 34);
        Assert.True(small.Width > W + 24, "the crop grew with its print");
        // 26 px: a 9-point line of digits at 300 dpi.
        var ordinary = OcrCrop.Cut(Page(p => Characters(p, 26)), new OcrRequest(0, 0, W, H, 7));
        Assert.Equal((W + 24, H + 24), (ordinary.Width, ordinary.Height));
        Assert.Equal(26, OcrCrop.LineHeight(ordinary));
    }

    [Fact]
    public void Two_lines_of_small_print_give_the_height_of_one()
    {
        var page = Page(p => { Characters(p, 19); for (var y = 60; y < 79; y++) for (var x = 20; x < 100; x++) p[y * W + x] = 30; });
        Assert.Equal(19, OcrCrop.LineHeight(new OcrCrop(page.Pixels.ToArray(), W, H)));
    }
}
