using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>
/// A 分值 cell holding a figure on each of its lines in a text input (not a scan): the Baoshan form's first row, 年接待人次
/// 30 / 30, with a "5" from another cell under its 分值 — what a layout dump gives when a split pair's lower figure is
/// taken into the cell above.
/// </summary>
public sealed class JoinedFiguresTests
{
    private static CleanedForm Read(string html) =>
        Fixtures.Pipeline.Extract(SourceDocument.FromBytes("form.html", Encoding.UTF8.GetBytes(html))).Forms[0];

    private static string Form => File.ReadAllText(Path.Combine(Fixtures.Case("html-baoshan-2023-rowspans"), "input.html"));

    [Fact]
    public void Lines_that_make_more_points_than_a_weight_has_are_two_figures_left_unread_and_said_so()
    {
        Assert.Contains("<td>2000</td><td>30</td><td>30</td>", Form);
        var form = Read(Form.Replace("<td>2000</td><td>30</td><td>30</td>", "<td>2000</td><td>30<br>5</td><td>30</td>"));
        // "30" over "5" read as one figure is 305 points: no 分值 is; the row's pair is left null, never read as 305.
        Assert.Equal(((decimal?)null, (decimal?)null), (form.Indicators[0].Weight, form.Indicators[0].Score));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.FiguresJoined.Id && w.Field == "indicators[0].weight");
    }

    [Fact]
    public void A_figure_wrapped_in_its_cell_is_still_one()
    {
        // "3" over "0": 30 points, a 分值 wrapped in a narrow cell.
        var form = Read(Form.Replace("<td>2000</td><td>30</td><td>30</td>", "<td>2000</td><td>3<br>0</td><td>30</td>"));
        Assert.Equal((30m, 30m), (form.Indicators[0].Weight, form.Indicators[0].Score));
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.FiguresJoined.Id);
    }
}
