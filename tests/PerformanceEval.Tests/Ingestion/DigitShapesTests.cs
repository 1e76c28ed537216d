using Xunit;
using PerformanceEval.Ingestion.Ocr;
using PerformanceEval.Raster;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>
/// A page's own digits read its figures a third time: a digit whose shape is far nearer the page's sure samples of
/// another digit than of its own is that other digit. The crops are one binarized tuning scan's (fixtures/ocr-crops,
/// digits-*): its thin serif 5s, their stems lost, read "3" by both models, beside the 3s and 5s they read surely.
/// </summary>
public sealed class DigitShapesTests
{
    private static (OcrCrop Crop, string Read) Crop(string name)
    {
        var folder = Path.Combine(Fixtures.Dir, "ocr-crops");
        var image = GrayImage.ParsePgm(File.ReadAllBytes(Path.Combine(folder, $"digits-{name}.pgm")));
        var read = File.ReadAllLines(Path.Combine(folder, $"digits-{name}.txt"))[0];
        return (new OcrCrop(image.Pixels.ToArray(), image.Width, image.Height), read);
    }

    private static List<DigitShapes.Glyph> GlyphsOf(string name)
    {
        var (crop, read) = Crop(name);
        return DigitShapes.Of(crop, read) ?? throw new InvalidOperationException($"no glyphs in {name}");
    }

    /// <summary>The page's cells read surely, each a distinct crop: 3s (two of them in "13"), and 5s (one in "92.65").</summary>
    private static readonly string[] SureThrees = ["three-sure-a", "three-sure-b", "thirteen-sure-a", "thirteen-sure-b"];
    private static readonly string[] SureFives = ["five-sure-a", "five-sure-b", "figure-sure"];

    /// <summary>The page's sure 3s and 5s learned, each crop a cell of its own (numbered in this order).</summary>
    private static DigitShapes.Page Learned(IEnumerable<string> sure)
    {
        var page = new DigitShapes.Page();
        var cell = 0;
        foreach (var name in sure) page.Learn(cell++, GlyphsOf(name));
        return page;
    }

    [Theory]
    [InlineData("five-read-as-three-a")]
    [InlineData("five-read-as-three-b")]
    [InlineData("five-read-as-three-c")]
    public void A_5_both_models_read_as_3_is_read_as_the_page_prints_its_5s(string misread)
    {
        var page = Learned([.. SureThrees, .. SureFives]);
        var glyphs = GlyphsOf(misread);
        Assert.Equal("3", Crop(misread).Read);
        Assert.Equal("5", page.Judge(100, glyphs, "3"));
    }

    [Theory]
    [InlineData(0.5, "3")]
    [InlineData(0.35, "3")]
    [InlineData(0.2, "5")]
    public void A_shape_moves_only_where_it_is_far_nearer_another_digit_than_its_own(double threeShare, string judged)
    {
        // A glyph blended from the page's 5 and 3, read "3": half of each is as near either; a third of a 3 in it is
        // nearer the 5s, not far nearer (under 0.6 of the distance); a fifth is the 5s'.
        var page = Learned([.. SureThrees, .. SureFives]);
        var (five, three) = (GlyphsOf("five-sure-a")[0].Shape, GlyphsOf("three-sure-a")[0].Shape);
        var blend = five.Zip(three, (f, t) => (float)((1 - threeShare) * f + threeShare * t)).ToArray();
        Assert.Equal(judged, page.Judge(100, [new DigitShapes.Glyph('3', blend)], "3"));
    }

    [Fact]
    public void Each_sure_digit_judged_by_the_others_stays_as_read()
    {
        var names = SureThrees.Concat(SureFives).ToList();
        var page = Learned(names);
        for (var cell = 0; cell < names.Count; cell++)
        {
            var read = Crop(names[cell]).Read;
            Assert.Equal(read, page.Judge(cell, GlyphsOf(names[cell]), read));
        }
    }

    [Fact]
    public void A_digit_the_page_has_no_sure_sample_of_moves_only_to_a_shape_as_near_as_its_sure_digits_are()
    {
        // Read "8" (the page prints no sure 8): its shape is the page's 5, as near it as the sure 5s are to each other.
        var page = Learned([.. SureThrees, .. SureFives]);
        var glyphs = GlyphsOf("five-read-as-three-b").Select(g => g with { Read = '8' }).ToList();
        Assert.Equal("5", page.Judge(100, glyphs, "8"));
        // Read "9" unsurely, a digit the page has one sure sample of (in "92.65"): too few to know its 9s by, and the
        // glyph is the page's 5. Read "9" surely, it is left as read: the 9s are too few to say it is no 9.
        var nine = glyphs.Select(g => g with { Read = '9' }).ToList();
        Assert.Equal("5", page.Judge(100, nine, "9"));
        page.Learn(100, nine);
        Assert.Equal("9", page.Judge(100, nine, "9"));
        // Known only by 3s and 1s, the page says nothing of a 5's shape read "8": no digit's samples are near it.
        var threes = Learned(SureThrees);
        Assert.Equal("8", threes.Judge(100, glyphs, "8"));
    }

    [Fact]
    public void Without_enough_samples_of_a_digit_its_shape_decides_nothing()
    {
        // One sure 5 is no sample of the page's 5s: the misread 3 stays as read.
        var page = Learned([.. SureThrees, "five-sure-a"]);
        Assert.Equal("3", page.Judge(100, GlyphsOf("five-read-as-three-a"), "3"));
    }

    [Fact]
    public void A_cell_is_not_its_own_evidence()
    {
        // A misread 5 the engine was sure was a "3", among the page's 3s and 5s: judged by the other 3s, its shape is
        // far nearer the 5s. Were it among its own samples, the 3s' mean would be a third itself, and it would stay a 3.
        var page = new DigitShapes.Page();
        page.Learn(0, GlyphsOf("three-sure-a"));
        page.Learn(1, GlyphsOf("three-sure-b"));
        page.Learn(2, GlyphsOf("five-read-as-three-a"));
        var cell = 3;
        foreach (var name in SureFives) page.Learn(cell++, GlyphsOf(name));
        Assert.Equal("5", page.Judge(2, GlyphsOf("five-read-as-three-a"), "3"));
    }

    /// <summary>A printed 1 as a plain bar, on paper.</summary>
    private static OcrCrop Bar(int width)
    {
        var (w, h) = (40, 60);
        var pixels = Enumerable.Repeat((byte)250, w * h).ToArray();
        for (var y = 10; y < 50; y++)
            for (var x = 18; x < 18 + width; x++) pixels[y * w + x] = 20;
        return new OcrCrop(pixels, w, h);
    }

    [Fact]
    public void A_figure_keeps_its_points_and_commas_and_is_judged_digit_by_digit()
    {
        var page = Learned([.. SureThrees, .. SureFives]);
        var five = GlyphsOf("five-read-as-three-c")[0];
        var three = GlyphsOf("three-sure-a")[0];
        // "3.3" whose first glyph is the misread 5 and whose second a sure 3's: only the first moves.
        List<DigitShapes.Glyph> glyphs = [five, three];
        Assert.Equal("5.3", page.Judge(100, glyphs, "3.3"));
        Assert.Equal("5,3", page.Judge(100, glyphs, "3,3"));
    }

    [Fact]
    public void Glyphs_are_found_one_for_each_digit_or_percent_of_a_one_line_figure()
    {
        var (crop, _) = Crop("five-sure-a");
        // A bar of a 5 cut from its bowl (the misread crops) is still one glyph of one line.
        Assert.Single(GlyphsOf("five-read-as-three-a"));
        Assert.Single(GlyphsOf("five-read-as-three-c"));
        // Two glyphs side by side: "55" read from two 5s joined across.
        var twice = SideBySide(crop, crop);
        Assert.Equal(2, DigitShapes.Of(twice, "55")!.Count);
        // The reading must have as many digits as the crop glyphs, and no other characters.
        Assert.Null(DigitShapes.Of(twice, "5"));
        Assert.Null(DigitShapes.Of(crop, "5人"));
        Assert.Null(DigitShapes.Of(crop, ">=5"));
        // Two lines (the 5 over itself) are no one-line figure.
        Assert.Null(DigitShapes.Of(OneOverOther(crop, crop), "55"));
        // Slices too narrow for what they are read as: a 3 and a 5 are no bars (a serif 3 cut in two by its faint
        // stroke, read with the next digit, would pair each slice with the wrong digit). As 1s they are glyphs.
        var bars = SideBySide(Bar(5), Bar(5));
        Assert.Null(DigitShapes.Of(bars, "35"));
        Assert.Equal(2, DigitShapes.Of(bars, "11")!.Count);
        // A blank crop has no glyphs.
        Assert.Null(DigitShapes.Of(new OcrCrop(Enumerable.Repeat((byte)250, 40 * 40).ToArray(), 40, 40), "5"));
    }

    private static OcrCrop SideBySide(OcrCrop a, OcrCrop b)
    {
        var (w, h) = (a.Width + b.Width, Math.Max(a.Height, b.Height));
        var pixels = Enumerable.Repeat((byte)255, w * h).ToArray();
        for (var y = 0; y < a.Height; y++) Array.Copy(a.Pixels, y * a.Width, pixels, y * w, a.Width);
        for (var y = 0; y < b.Height; y++) Array.Copy(b.Pixels, y * b.Width, pixels, y * w + a.Width, b.Width);
        return new OcrCrop(pixels, w, h);
    }

    private static OcrCrop OneOverOther(OcrCrop a, OcrCrop b)
    {
        var w = Math.Max(a.Width, b.Width);
        var pixels = Enumerable.Repeat((byte)255, w * (a.Height + b.Height)).ToArray();
        for (var y = 0; y < a.Height; y++) Array.Copy(a.Pixels, y * a.Width, pixels, y * w, a.Width);
        for (var y = 0; y < b.Height; y++) Array.Copy(b.Pixels, y * b.Width, pixels, (a.Height + y) * w, b.Width);
        return new OcrCrop(pixels, w, a.Height + b.Height);
    }
}
