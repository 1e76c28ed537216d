using PerformanceEval.Ingestion;
using PerformanceEval.Review;
using Serilog.Core;
using Xunit;

namespace PerformanceEval.Tests.Review;

public sealed class PageImagesTests
{
    private static readonly SubprocessRunner Runner = new(TimeSpan.FromSeconds(60), 0, Logger.None);

    [Fact]
    public void A_page_kept_for_several_crops_gives_each_crop_as_a_fresh_render_would()
    {
        var path = Fixtures.Input("scan-baoshan-2023-pdf");
        double[] first = [300, 400, 900, 480], second = [1200, 1500, 1800, 1580];
        using var kept = new PageImages(Runner);
        var a = kept.Crop(path, "pdf-scan", 1, first);
        var b = kept.Crop(path, "pdf-scan", 1, second);   // the kept page: the first crop's outline must not be on it
        using var fresh = new PageImages(Runner);
        Assert.Equal(fresh.Crop(path, "pdf-scan", 1, second), b);
        Assert.Equal(a, kept.Crop(path, "pdf-scan", 1, first));
        Assert.NotEqual(a, b);
        // A scanned PDF's band is its page rendered at 150 dpi: A4's 595 pt are 1,240 px, a screen's width already.
        Assert.Equal(1240, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(a.AsSpan(16)));
        // A scanned image's band (some 2,500 pixels at 300 dpi) is sent at a screen's width.
        using var image = new PageImages(Runner);
        var tiff = image.Crop(Fixtures.Input("scan-songjiang-2022-tiff"), "image", 1, second);
        Assert.Equal(1600, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(tiff.AsSpan(16)));
    }

    [Fact]
    public void A_file_changed_since_its_page_was_kept_is_rendered_again()
    {
        var dir = Directory.CreateTempSubdirectory("perfeval-crops-").FullName;
        try
        {
            var path = Path.Combine(dir, "page.pdf");
            File.Copy(Fixtures.Input("scan-baoshan-2023-pdf"), path);
            double[] box = [300, 400, 900, 480];
            using var kept = new PageImages(Runner);
            var before = kept.Crop(path, "pdf-scan", 1, box);
            // Another scan under the same name: its page 1 is another page.
            File.Copy(Fixtures.Input("scan-qingpu-2021-pdf"), path, overwrite: true);
            using var fresh = new PageImages(Runner);
            var expected = fresh.Crop(path, "pdf-scan", 1, box);
            Assert.NotEqual(before, expected);
            Assert.Equal(expected, kept.Crop(path, "pdf-scan", 1, box));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
