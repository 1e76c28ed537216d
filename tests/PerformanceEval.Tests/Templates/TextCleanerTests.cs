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
    [InlineData("(20٢٣ 年度)", "(2023年度)")]
    public void Cleans_cells_to_the_words_as_printed(string raw, string? expected) => Assert.Equal(expected, TextCleaner.Clean(raw));
}
