using PerformanceEval.Ingestion.Ocr;
using Xunit;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>
/// Circled numbers found by their ring and put into the engine's text where its symbols stood on them. Crops drawn
/// here: paper 250, print 30; a ring 38 px across with a stroke of 3, as a 10.5 pt ① is at 300 dpi.
/// </summary>
public sealed class CircledNumbersTests
{
    private const int Width = 400, Height = 80;
    private const byte Ink = 140;

    private static byte[] Paper() => Enumerable.Repeat((byte)250, Width * Height).ToArray();

    /// <summary>A ring centred at (cx, cy), radius 18 to its stroke's middle, and a digit-like bar 20 px tall inside.</summary>
    private static void Ring(byte[] p, int cx, int cy, bool digit = true, bool digitTouching = false)
    {
        for (var y = cy - 22; y <= cy + 22; y++)
            for (var x = cx - 22; x <= cx + 22; x++)
                if (Math.Abs(Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) - 17.5) <= 1.5) p[y * Width + x] = 30;
        if (!digit) return;
        for (var y = cy - 10; y <= cy + 10; y++)
            for (var x = cx - 1; x <= cx + 1; x++) p[y * Width + x] = 30;
        // A foot run out to the ring (a blurred ②'s base touching it).
        if (digitTouching)
            for (var x = cx - 17; x <= cx + 1; x++) (p[(cy + 10) * Width + x], p[(cy + 11) * Width + x]) = (30, 30);
    }

    /// <summary>A square outline (口) of the same size, with a bar inside (回 has a square inside, 日 a bar).</summary>
    private static void Square(byte[] p, int cx, int cy)
    {
        for (var y = cy - 18; y <= cy + 18; y++)
            for (var x = cx - 18; x <= cx + 18; x++)
                if (Math.Abs(x - cx) >= 16 || Math.Abs(y - cy) >= 16) p[y * Width + x] = 30;
        for (var x = cx - 8; x <= cx + 8; x++) p[cy * Width + x] = 30;
    }

    [Fact]
    public void A_ring_with_a_digit_inside_is_found_and_a_square_or_an_empty_ring_is_not()
    {
        var p = Paper();
        Ring(p, 40, 40);
        Square(p, 120, 40);
        Ring(p, 200, 40, digit: false);
        Ring(p, 280, 40, digitTouching: true);
        var rings = CircledNumbers.Find(p, Width, Height, Ink);
        Assert.Equal(2, rings.Count);
        Assert.InRange(rings[0].CenterX, 38, 42);
        Assert.InRange(rings[1].CenterX, 278, 282);
        // The digit's box is inside the ring, the part of it that touches the ring included.
        Assert.True(rings[0].InnerTop >= 28 && rings[0].InnerBottom <= 52 && rings[0].InnerLeft >= 36 && rings[0].InnerRight <= 44);
        Assert.True(rings[1].InnerLeft < 275, "the foot that runs to the ring is the digit's");
    }

    [Fact]
    public void The_digit_alone_is_cut_out_without_the_ring()
    {
        var p = Paper();
        Ring(p, 40, 40, digitTouching: true);
        var ring = Assert.Single(CircledNumbers.Find(p, Width, Height, Ink));
        var (pixels, w, h) = CircledNumbers.Digit(p, Width, ring);
        Assert.True(w > 2 * (ring.InnerRight - ring.InnerLeft) && h > 2 * (ring.InnerBottom - ring.InnerTop), "enlarged, with a margin");
        // The bar's ink is there; the margin, where the ring would be, is paper.
        Assert.Contains(pixels, v => v < Ink);
        Assert.All(Enumerable.Range(0, w), x => Assert.Equal(255, pixels[x]));
        Assert.All(Enumerable.Range(0, h), y => Assert.Equal(255, pixels[y * w]));
    }

    private static BoxedSymbol S(string text, int left, int right = -1, int top = 21, int bottom = 59) =>
        new(text, left, top, right < 0 ? left + 36 : right, bottom);

    /// <summary>A ring at x 21–59 of the first line (y 21–59), as <see cref="CircledNumbers.Find"/> gives it.</summary>
    private static CircledNumbers.Ring RingAt(int left, int top = 21) => new(left, top, left + 38, top + 38, left + 15, top + 9, left + 23, top + 29);

    [Fact]
    public void A_symbol_the_engine_read_on_the_ring_is_replaced_by_the_circled_number()
    {
        // chi_sim read ① as 中, its box a little wider than the ring; 是 starts right after the ring.
        var text = "中是否完备";
        var symbols = new[] { S("中", 17, 96), S("是", 70), S("否", 115), S("完", 160), S("备", 205) };
        Assert.Equal("①是否完备", CircledNumbers.Restore(text, symbols, [RingAt(18)], [1]));
    }

    [Fact]
    public void A_ring_the_engine_dropped_goes_before_the_character_its_box_was_stretched_over()
    {
        // "①资金" read "资金": 资's box runs from the ring's left to past where 资 itself ends, and 金 starts far right.
        var text = "资金使用";
        var symbols = new[] { S("资", 17, 139), S("金", 142), S("使", 185), S("用", 230) };
        Assert.Equal("①资金使用", CircledNumbers.Restore(text, symbols, [RingAt(18)], [null]));
    }

    [Fact]
    public void Several_symbols_made_of_one_ring_are_one_circled_number()
    {
        // ③ read as "@3": two symbols on the ring.
        var text = "（1分）@3项目";
        var symbols = new[] { S("(", 0, 10), S("1", 12, 20), S("分", 22, 52), S(")", 54, 60), S("@", 62, 85), S("3", 86, 98), S("项", 104), S("目", 146) };
        Assert.Equal("（1分）③项目", CircledNumbers.Restore(text, symbols, [RingAt(62)], [3]));
    }

    [Theory]
    [InlineData(new[] { 0, 2, 0 }, "①a②b③c")]      // unread ones take their places in the run the read one makes
    [InlineData(new[] { 1, 0, 0 }, "①a②b③c")]
    [InlineData(new[] { 0, 0, 0 }, "①a②b③c")]      // none read: an enumeration starts at ①
    [InlineData(new[] { 0, 4, 5 }, "③a④b⑤c")]      // counted back from the first read
    [InlineData(new[] { 1, 0, 2 }, "①a?b②c")]      // no number fits between ① and ②: that ring is left as read
    public void An_unread_digit_is_its_place_in_the_enumeration(int[] read, string expected)
    {
        // Three rings on one line, each read by the engine as "?", with a letter after each.
        var text = "?a?b?c";
        var symbols = new List<BoxedSymbol>();
        var rings = new List<CircledNumbers.Ring>();
        for (var k = 0; k < 3; k++)
        {
            symbols.Add(S("?", 20 + k * 100, 50 + k * 100));
            symbols.Add(S(((char)('a' + k)).ToString(), 62 + k * 100, 90 + k * 100));
            rings.Add(RingAt(18 + k * 100));
        }
        var digits = read.Select(d => d == 0 ? (int?)null : d).ToList();
        Assert.Equal(expected, CircledNumbers.Restore(text, symbols, rings, digits));
    }

    [Fact]
    public void Text_the_symbols_do_not_match_is_left_as_read()
    {
        var symbols = new[] { S("中", 17, 56), S("是", 70) };
        Assert.Equal("甲是", CircledNumbers.Restore("甲是", symbols, [RingAt(18)], [1]));
    }
}
