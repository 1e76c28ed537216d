using PerformanceEval.Raster;
using Xunit;

namespace PerformanceEval.Tests.Raster;

public sealed class GrayImageTests
{
    [Fact]
    public void A_page_turned_by_quarter_turns_clockwise_puts_each_corner_where_a_turned_sheet_has_it()
    {
        // 3 wide, 2 high:  1 2 3
        //                  4 5 6
        var page = new GrayImage(3, 2, [1, 2, 3, 4, 5, 6]);
        var quarter = page.Turned(1);       // clockwise: the left column becomes the top row, read bottom up
        Assert.Equal((2, 3), (quarter.Width, quarter.Height));
        Assert.Equal(new byte[] { 4, 1, 5, 2, 6, 3 }, quarter.Pixels.ToArray());
        Assert.Equal(new byte[] { 6, 5, 4, 3, 2, 1 }, page.Turned(2).Pixels.ToArray());
        Assert.Equal(new byte[] { 3, 6, 2, 5, 1, 4 }, page.Turned(3).Pixels.ToArray());
        Assert.Equal(page.Pixels.ToArray(), page.Turned(1).Turned(3).Pixels.ToArray());
        Assert.Same(page, page.Turned(4));
    }
}
