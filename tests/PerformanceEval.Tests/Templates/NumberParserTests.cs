using Xunit;
using PerformanceEval.Templates;

namespace PerformanceEval.Tests.Templates;

public sealed class NumberParserTests
{
    [Theory]
    [InlineData("21,252,800.00", "21252800.00", false)]
    [InlineData("1.960.000.00", "1960000.00", false)]   // OCR read the thousands commas as dots
    [InlineData("83.15%", "83.15", true)]
    [InlineData("8.3150000000000001", "8.315", false)]  // a double written out by a spreadsheet
    [InlineData("6.9180000000000001", "6.918", false)]
    [InlineData("７.３０", "7.30", false)]               // full-width digits
    [InlineData("100.00%", "100.00", true)]
    [InlineData("0", "0", false)]
    [InlineData("-3", "-3", false)]
    [InlineData("0.5%", "0.5", true)]
    [InlineData("٨٣.١٥%", "83.15", true)]                // Arabic-Indic digits
    [InlineData("999,999,999,999,999.99", "999999999999999.99", false)] // the largest magnitude read
    public void Parses_the_numbers_forms_print(string text, string expected, bool percent)
    {
        Assert.True(NumberParser.TryParse(text, out var n));
        Assert.Equal(expected, n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(percent, n.Percent);
    }

    [Fact]
    public void Keeps_the_printed_scale_the_checker_needs()
    {
        Assert.True(NumberParser.TryParse("7.30", out var n));
        Assert.Equal(2, n.Value.Scale);
    }

    [Theory]
    [InlineData("=100%")]
    [InlineData("100%修复")]
    [InlineData("及时")]
    [InlineData("—")]
    [InlineData("1,2,3")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("-")]
    [InlineData("%")]
    [InlineData("1.2.3")]
    [InlineData("9999999999999999999999999999")] // 28 nines: no form's figure, and two of them overflow a sum
    [InlineData("1000000000000000")]
    [InlineData("①")]   // a 评分规则 clause's mark, which NFKC folds to "1"
    [InlineData("⑵")]
    [InlineData("㉑")]
    public void Rejects_what_is_not_one_number(string text) => Assert.False(NumberParser.TryParse(text, out _));

    [Theory]
    [InlineData("—", true)]
    [InlineData("_", true)]
    [InlineData("-", true)]
    [InlineData("0", false)]
    public void Knows_the_placeholders_for_none(string text, bool placeholder) => Assert.Equal(placeholder, NumberParser.IsPlaceholder(text));
}
