using Xunit;
using PerformanceEval.Templates;

namespace PerformanceEval.Tests.Templates;

public sealed class TextCleanerTests
{
    [Theory]
    [InlineData("年度<br>指标值", "年度指标值")]
    [InlineData("社会效益 指标", "社会效益指标")]
    [InlineData("年度投资完成率8<br>0%及以上", "年度投资完成率80%及以上")]
    [InlineData("<b>店</b>量指标", "店量指标")]
    [InlineData("<p>项目总目标</p> <p>项目年度目标</p>", "项目总目标项目年度目标")]
    [InlineData("=1 次", "=1次")]
    [InlineData("BX21-D-5 宝山区", "BX21-D-5宝山区")]
    [InlineData("Hello<br>World", "Hello World")]
    [InlineData("&lt;script&gt;", "<script>")]
    [InlineData("   ", null)]
    // Radicals a PDF's text map gave for the ideographs that share their glyphs (Kangxi by NFKC, simplified by table).
    [InlineData("项⽬名称", "项目名称")]
    [InlineData("主管部⻔", "主管部门")]
    [InlineData("⻓宁区", "长宁区")]
    [InlineData("上海市⻘浦区", "上海市青浦区")]      // Chromium's text map without its ActualText (a viewer's copy)
    [InlineData("系统用戶体验", "系统用户体验")]      // 户 drawn with the glyph its SC font shares with 戶 (PdfPig's words)
    [InlineData("系统⽤⼾体验", "系统用户体验")]      // the same glyph named by its Kangxi radical, whose NFKC is 戶
    [InlineData("(20٢٣ 年度)", "(2023年度)")]
    [InlineData("２０２３年度", "2023年度")]
    [InlineData("a\u00A0\u2003b", "a b")]
    [InlineData(" 项目名称\t", "项目名称")]
    [InlineData("上海市&amp;青浦区", "上海市&青浦区")]
    public void Cleans_cells_to_the_words_as_printed(string raw, string? expected) => Assert.Equal(expected, TextCleaner.Clean(raw));

    [Fact]
    public void A_cell_with_nothing_to_clean_is_returned_as_it_is()
    {
        // No copy: most cells of a dump are like this one, and every stage asks for them cleaned many times.
        var text = string.Concat("预算", "执行率");
        Assert.Same(text, TextCleaner.Clean(text));
    }

    /// <summary>
    /// The scan that replaced two regex passes gives what they gave: spaces and tabs that touch a CJK character
    /// dropped (the first pass), every other run of whitespace one space (the second), trimmed.
    /// </summary>
    [Fact]
    public void Spaces_collapse_as_the_two_regex_passes_did()
    {
        var cjkSpace = new System.Text.RegularExpressions.Regex(@"(?<=[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF“”‘’])[ \t]+|[ \t]+(?=[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF“”‘’])");
        var spaces = new System.Text.RegularExpressions.Regex(@"\s+");
        const string alphabet = "中文ab1.“”，（ \t\u2003\u00A0\u3000\v";
        var random = new Random(20261203);
        for (var i = 0; i < 20_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var expected = spaces.Replace(cjkSpace.Replace(text, ""), " ").Trim();
            Assert.True(expected == TextCleaner.CollapseSpaces(text), $"\"{text}\": \"{TextCleaner.CollapseSpaces(text)}\", expected \"{expected}\"");
        }
    }

    [Theory]
    [InlineData("其中：当年财政拨款<br>1,000.00", "其中：当年财政拨款")]
    [InlineData("年度资金总额\n 2,000 ", "年度资金总额")]
    [InlineData("项目名称", "项目名称")]
    [InlineData(" \n ", "")]
    public void A_cells_first_line_is_the_same_asked_once_or_again(string raw, string expected)
    {
        // Remembered by the string's identity: the second answer must be the first, and an equal string another's.
        Assert.Equal(expected, TextCleaner.FirstLine(raw));
        Assert.Equal(expected, TextCleaner.FirstLine(raw));
        Assert.Equal(expected, TextCleaner.FirstLine(new string(raw.AsSpan())));
        Assert.Equal(expected, TextCleaner.Lines(raw).FirstOrDefault() ?? "");
    }

    [Fact]
    public void Remembered_results_are_found_by_the_string_object_not_its_value()
    {
        var recent = new RecentResults<int>();
        var key = string.Concat("社会", "效益");
        recent.Remember(key, 7);
        Assert.True(recent.TryGet(key, out var seven) && seven == 7);
        Assert.False(recent.TryGet(string.Concat("社会", "效益"), out _));   // equal text, another object: asked afresh
    }
}
