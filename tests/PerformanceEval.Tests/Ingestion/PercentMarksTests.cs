using Xunit;
using PerformanceEval.Ingestion.Ocr;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>
/// A "%" the engine read as "9%" is one "%" where the engine's own boxes put the 9 inside the sign's; a 9 printed
/// before a % stands apart from it and stays.
/// </summary>
public sealed class PercentMarksTests
{
    /// <summary>A crop's reading and symbols as fixtures/ocr-crops recorded them from chi_sim.</summary>
    private static (string Read, List<BoxedSymbol> Symbols) RealReading(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Fixtures.Dir, "ocr-crops", name + ".txt"));
        var symbols = lines.Skip(1).Select(l => l.Split(' ')).Where(p => p.Length == 5)
            .Select(p => new BoxedSymbol(p[0], int.Parse(p[1]), int.Parse(p[2]), int.Parse(p[3]), int.Parse(p[4]))).ToList();
        return (lines[0], symbols);
    }

    [Theory]
    [InlineData("percent-read-as-9-percent", "=1009%", "=100%")]
    [InlineData("percent-read-as-9-percent-2", ">809%", ">80%")]
    [InlineData("percent-read-as-9-percent-3", ">=959%", ">=95%")]
    public void A_percent_read_as_9_percent_is_one_percent(string crop, string read, string expected)
    {
        var (recorded, symbols) = RealReading(crop);
        Assert.Equal(read, recorded);
        Assert.Equal(expected, PercentMarks.Restore(recorded, PercentMarks.Nines(recorded, symbols)));
    }

    [Fact]
    public void A_9_printed_before_a_percent_stays()
    {
        // 99%: each glyph's box ends before the next begins.
        List<BoxedSymbol> symbols = [new("9", 10, 30, 31, 60), new("9", 34, 30, 55, 60), new("%", 58, 30, 88, 60)];
        Assert.Equal("99%", PercentMarks.Restore("99%", PercentMarks.Nines("99%", symbols)));
        // Touching, as a tight face sets them: the % begins where the 9 ends.
        Assert.Equal("99%", PercentMarks.Restore("99%", PercentMarks.Nines("99%", [symbols[0], symbols[1] with { Right = 59 }, symbols[2]])));
    }

    [Fact]
    public void What_the_boxes_said_applies_to_the_reading_as_long_as_its_9_percents_are_as_many()
    {
        var (read, symbols) = RealReading("percent-read-as-9-percent");
        var nines = PercentMarks.Nines(read, symbols);
        Assert.Equal([true], nines.ToArray());
        // The cell's reading trimmed or compacted since: still one "9%", still mended.
        Assert.Equal("=100%", PercentMarks.Restore(" =1009% ".Trim(), nines));
        // A reading the digits' model replaced it with has no "9%", or another count of them: left as it is.
        Assert.Equal("=100%", PercentMarks.Restore("=100%", nines));
        Assert.Equal("99%9%", PercentMarks.Restore("99%9%", nines));
        Assert.Equal("=1009%", PercentMarks.Restore("=1009%", []));
    }

    [Fact]
    public void A_text_whose_9_percents_the_symbols_do_not_match_one_for_one_is_left_as_read()
    {
        // The engine's text has a "9%" its symbols do not (a space the text has and the boxes not): nothing to align.
        List<BoxedSymbol> symbols = [new("1", 10, 30, 25, 60), new("0", 28, 30, 49, 60), new("0", 52, 30, 73, 60), new("%", 76, 30, 100, 60)];
        Assert.Equal("1009%", PercentMarks.Restore("1009%", PercentMarks.Nines("1009%", symbols)));
        // Two "9%"s, the first of them printed so, the second a misread: only the second's 9 goes.
        List<BoxedSymbol> two = [new("9", 10, 30, 31, 60), new("%", 34, 30, 60, 60), new("5", 70, 30, 91, 60), new("9", 91, 30, 101, 60), new("%", 93, 30, 120, 60)];
        Assert.Equal("9% 5%", PercentMarks.Restore("9% 59%", PercentMarks.Nines("9% 59%", two)));
    }
}
