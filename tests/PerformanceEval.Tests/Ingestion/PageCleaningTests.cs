using PerformanceEval.Ingestion.Ocr;
using PerformanceEval.Raster;
using Xunit;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>What a scanner leaves on a page that is not the form: uneven light and dark borders; and its resolution.</summary>
public sealed class PageCleaningTests
{
    private const int W = 1200, H = 1700;

    private static byte[] Paper(byte level = 245)
    {
        var pixels = new byte[W * H];
        Array.Fill(pixels, level);
        return pixels;
    }

    /// <summary>The scan_shop's uneven light: the paper darkens from 245 to 160 across the page.</summary>
    private static byte[] FallingLight()
    {
        var pixels = Paper();
        for (var y = 0; y < H; y++)
            for (var x = 0; x < W; x++)
                pixels[y * W + x] = (byte)(245 - 85 * x / W);
        return pixels;
    }

    /// <summary>Rows of print: 30-pixel glyph-like blocks, as a form's text lines cover their tiles.</summary>
    private static void Print(byte[] p)
    {
        for (var line = 150; line < H - 150; line += 80)
            for (var x = 150; x < W - 150; x += 45)
                for (var y = line; y < line + 30; y++)
                    for (var dx = 0; dx < 30; dx += 3)
                        p[y * W + x + dx] = 30;
    }

    [Fact]
    public void Light_falling_off_across_the_sheet_is_uneven_and_print_on_even_paper_is_not()
    {
        var even = Paper();
        Print(even);
        Assert.False(PageCleaning.UnevenLight(new GrayImage(W, H, even)));

        var uneven = FallingLight();
        Print(uneven);
        Assert.True(PageCleaning.UnevenLight(new GrayImage(W, H, uneven)));
    }

    [Fact]
    public void Faint_print_is_stretched_to_dark_and_ordinary_print_is_left_as_it_is()
    {
        // A light serif scanned pale: its darkest ink 150 on white paper, its lighter strokes 180.
        var faint = Paper(255);
        Print(faint);
        for (var i = 0; i < faint.Length; i++)
            if (faint[i] == 30) faint[i] = (byte)(i % 2 == 0 ? 150 : 180);
        var stretched = PageCleaning.Stretched(new GrayImage(W, H, faint));
        var (dark, light) = (stretched.Pixels[150 * W + 150], stretched.Pixels[150 * W + 153]);
        Assert.True(dark < 60 && light < 128 && dark < light, $"ink {dark} and {light} after stretching");
        Assert.Equal(255, stretched.Pixels[10 * W + 10]);

        var ordinary = Paper();
        Print(ordinary);
        var page = new GrayImage(W, H, ordinary);
        Assert.Same(page, PageCleaning.Stretched(page));
        var blank = new GrayImage(W, H, Paper(255));
        Assert.Same(blank, PageCleaning.Stretched(blank));
    }

    [Fact]
    public void A_page_of_black_and_white_is_two_levelled_and_a_grey_scan_is_not()
    {
        var bw = Paper(255);
        Print(bw);
        for (var i = 0; i < bw.Length; i++) if (bw[i] == 30) bw[i] = 0;
        Assert.True(PageCleaning.TwoLevels(new GrayImage(W, H, bw)));
        var grey = FallingLight();
        Print(grey);
        Assert.False(PageCleaning.TwoLevels(new GrayImage(W, H, grey)));
    }

    [Fact]
    public void A_dark_band_at_the_edge_is_whitened_and_a_rule_clear_of_the_edge_is_kept()
    {
        var p = Paper();
        for (var y = 0; y < H; y++)
        {
            for (var x = 0; x < 40; x++) p[y * W + x] = 40;        // the open lid's shadow
            p[y * W + 90] = p[y * W + 91] = 20;                     // the table's outer rule
        }
        var cleaned = PageCleaning.WithoutDarkBorders(new GrayImage(W, H, p));
        Assert.True(cleaned.Pixels[500 * W + 10] == 255 && cleaned.Pixels[500 * W + 39] == 255, "the band is white");
        Assert.Equal(20, cleaned.Pixels[500 * W + 90]);
        Assert.Equal(20, cleaned.Pixels[500 * W + 91]);

        var clean = new GrayImage(W, H, Paper());
        Assert.Same(clean, PageCleaning.WithoutDarkBorders(clean));
    }

    [Fact]
    public void A_scan_s_resolution_is_its_own_where_stated_else_an_A4_page_s()
    {
        Assert.Equal(200, ScanImage.PageDpi(200, 1654, 2339));
        // No resolution in the file (a JPEG without JFIF density): an A4 page 2,480 pixels across is 300 dpi, and
        // sideways the same; a page widened a few per cent by skew still reads as A4.
        Assert.Equal(300, ScanImage.PageDpi(0, 2480, 3508)!.Value, 0);
        Assert.Equal(150, ScanImage.PageDpi(0, 1754, 1240)!.Value, 0);
        Assert.InRange(ScanImage.PageDpi(1, 2560, 3570)!.Value, 305, 315);
        // A crop of a page or a strip says nothing.
        Assert.Null(ScanImage.PageDpi(0, 2000, 600));
        Assert.Null(ScanImage.PageDpi(72, 500, 700));
    }
}
