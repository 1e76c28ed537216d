using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>
/// A 总分 whose score wrapped in its narrow cell, in Writer's raw text (tuning half, synthetic 012): "总分 100" / "89.1" /
/// "4" — the last digit on a line of its own, where a page number under the table would stand as well.
/// </summary>
public sealed class WrappedTotalTests
{
    private static string Text => File.ReadAllText(Path.Combine(Fixtures.Case("shop-tune-synthetic012-writer-raw"), "input.txt"));

    private static CleanedForm Read(string text) =>
        Fixtures.Pipeline.Extract(SourceDocument.FromBytes("form.raw.txt", Encoding.UTF8.GetBytes(text))).Forms[0];

    [Fact]
    public void A_score_whose_last_digit_wrapped_is_read_whole_where_the_forms_scores_add_up_to_it()
    {
        // A score of three decimals, its third on the line after: the rows' scores (81) and the 预算执行率's (here 8.147)
        // make 89.147, so the "7" is the score's, not a page number. (A score of one decimal and a digit is joined in
        // Tables already: a printed score carries two.)
        Assert.Contains("\n8.14\n", Text, StringComparison.Ordinal);
        var form = Read(Text.Replace("\n8.14\n", "\n8.147\n", StringComparison.Ordinal).Replace("\n总分 100\n89.1\n4\n", "\n总分 100\n89.14\n7\n", StringComparison.Ordinal));
        Assert.Equal(8.147m, form.Funding.Total?.Score);
        Assert.Equal(89.147m, form.TotalScore);
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.TotalMaybeWrapped.Id && w.Field == "totalScore");
    }

    [Fact]
    public void A_lone_figure_after_a_score_the_form_does_not_add_up_to_leaves_the_score_as_printed_and_says_so()
    {
        // "7" after "89.14" makes 89.147, which nothing on the form adds up to (81 and 8.14): a page number as well as a wrap.
        var form = Read(Text.Replace("\n总分 100\n89.1\n4\n", "\n总分 100\n89.14\n7\n", StringComparison.Ordinal));
        Assert.Equal(89.14m, form.TotalScore);
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.TotalMaybeWrapped.Id && w.Field == "totalScore");
    }
}
