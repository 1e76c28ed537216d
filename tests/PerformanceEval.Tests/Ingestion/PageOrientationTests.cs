using PerformanceEval.Ingestion.Ocr;
using PerformanceEval.Raster;
using Xunit;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>
/// Which way up a form lies, told by reading a few of its cells with chi_sim (Debian's tesseract-ocr-chi-sim, which
/// the test command installs) — without Tesseract's orientation detection, which the caller asks only where the
/// cells do not decide.
/// </summary>
public sealed class PageOrientationTests
{
    private static readonly string Tiff = Path.Combine(Fixtures.Dir, "scan-songjiang-2022-tiff", "input.tif");

    private static (double, string) Read(GrayImage cell) => OcrEngine.ForThisThread(null, "chi_sim").ReadWhole(cell);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_form_fed_turned_is_known_by_its_cells(int quarterTurns)
    {
        var upright = ScanImage.Pages(Tiff, tiff: true).First().Binary;
        var read = new List<GrayImage>();
        var turns = PageOrientation.FromCells(upright.Turned(quarterTurns), 300, cell => { read.Add(cell); return Read(cell); });
        Assert.Equal((4 - quarterTurns) % 4, turns);
        // Upright, the first reading of the cells decides; turned, each turn tried costs a reading of them all, and the
        // cells' shapes leave two turns to try: upright or upside down, or a quarter either way.
        if (quarterTurns == 0) Assert.True(read.Count <= 6, $"{read.Count} cells read for an upright page");
        Assert.True(read.Count <= 12, $"{read.Count} cells read for a page turned {quarterTurns} quarters");
    }

    [Fact]
    public void A_page_with_no_table_is_left_to_the_orientation_detection()
    {
        // Blank paper: no rules, so no grid and no cells to read.
        var page = new GrayImage(2480, 3508, Enumerable.Repeat((byte)255, 2480 * 3508).ToArray());
        Assert.Null(PageOrientation.FromCells(page, 300, _ => throw new InvalidOperationException("no cell should be read")));
    }

    [Fact]
    public void Cells_that_read_no_better_one_way_than_another_do_not_decide()
    {
        var upright = ScanImage.Pages(Tiff, tiff: true).First().Binary;
        // An engine that is equally unsure whichever way a cell lies: no turn is far enough ahead.
        Assert.Null(PageOrientation.FromCells(upright, 300, _ => (0.4, "口")));
    }
}
