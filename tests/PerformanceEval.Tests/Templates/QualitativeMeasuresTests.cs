using PerformanceEval.Templates;
using Xunit;

namespace PerformanceEval.Tests.Templates;

public sealed class QualitativeMeasuresTests
{
    private static readonly QualitativeMeasures Measures = TemplateModel.Load("standard", null).QualitativeMeasures;

    [Theory]
    // The reader's characters before or after the word (a rule's remains, a neighbour's stroke).
    [InlineData("2完善", "完善")]
    [InlineData("ii完善", "完善")]
    [InlineData("人完善", "完善")]
    [InlineData("持续、-", "持续")]
    [InlineData("__健全", "健全")]
    // One character misread in a word of three or more.
    [InlineData("有所提5", "有所提升")]
    [InlineData("基本完菩", "基本完善")]
    public void A_scanned_qualitative_measure_with_the_reader_s_noise_is_the_word(string read, string word) =>
        Assert.Equal(word, Measures.Snap(read));

    [Theory]
    // A word as read, a figure's measure, a qualified word (another value), two characters for two, no word at all.
    [InlineData("完善")]
    [InlineData("基本完善")]
    [InlineData("=100%")]
    [InlineData("12次")]
    [InlineData("不完善")]
    [InlineData("较完善")]
    [InlineData("未及时")]
    [InlineData("完善中")]
    [InlineData("提高")]
    [InlineData("建全")]
    [InlineData("按计划完成")]
    public void A_reading_that_is_no_word_with_noise_is_left_as_read(string read) =>
        Assert.Null(Measures.Snap(read));
}
