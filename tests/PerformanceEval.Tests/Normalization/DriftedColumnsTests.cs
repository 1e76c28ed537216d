using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>
/// A table whose columns drifted over some rows (a rebuilt layout table whose wrapped header label stacked under the
/// wrong column does this): what a column's header says must still make sense of what stands under it. A 分值 of 96%
/// or of 4,850,558.00 is no 分值, and three figures in one cell are not one figure. The expected fields are read off
/// the rows below, cell by cell.
/// </summary>
public sealed class DriftedColumnsTests
{
    private const string Header = "<tr><td>项目资金 (元)</td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td></tr>";

    private const string IndicatorHeader =
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>";

    private static string Form(string totalRow, string firstIndicator) => $"""
        <table>
        <tr><td colspan="8">财政项目支出绩效自评表</td></tr>
        <tr><td colspan="8">(2023 年度)</td></tr>
        <tr><td>项目名称</td><td colspan="7">服务费</td></tr>
        {Header}
        {totalRow}
        {IndicatorHeader}
        {firstIndicator}
        <tr><td>产出指标</td><td>质量指标</td><td>工作计划完成率</td><td>&gt;90%</td><td>95%</td><td>90</td><td>90</td><td></td></tr>
        <tr><td>总分</td><td colspan="4"></td><td>100</td><td>94</td><td></td></tr>
        </table>
        """;

    private const string GoodTotal =
        "<tr><td>年度资金总额</td><td>5,108,743.50</td><td>5,108,743.50</td><td>4,850,558.00</td><td>10</td><td>94.95%</td><td>9.49</td></tr>";

    private const string GoodIndicator =
        "<tr><td>产出指标</td><td>数量指标</td><td>维护点位数</td><td>&gt;=95%</td><td>96%</td><td>10</td><td>4</td><td></td></tr>";

    private static CleanedForm Read(string html) =>
        Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("form.html", Encoding.UTF8.GetBytes(html))).Forms);

    [Fact]
    public void A_form_whose_columns_hold_is_read_by_its_header_without_a_warning()
    {
        var form = Read(Form(GoodTotal, GoodIndicator));
        Assert.Equal((4850558.00m, 10m, 94.95m, 9.49m), (form.Funding.Total!.Executed, form.Funding.Total.Weight, form.Funding.Total.ExecutionRate, form.Funding.Total.Score));
        Assert.Equal((">=95%", "96%", 10m, 4m), (form.Indicators[0].Target, form.Indicators[0].Actual, form.Indicators[0].Weight, form.Indicators[0].Score));
        Assert.DoesNotContain(form.Warnings, w => w.Code is "funding.by-order" or "table.read-by-position");
    }

    [Fact]
    public void A_percent_under_the_score_header_is_no_weight_the_row_s_own_pair_is_read_with_a_warning()
    {
        // 实际完成值 drifted one column right: 96% stands under 分值, the pair 10 / 4 under 得分 and the note.
        var drifted = "<tr><td>产出指标</td><td>数量指标</td><td>维护点位数</td><td>&gt;=95%</td><td></td><td>96%</td><td>10</td><td>4</td></tr>";
        var form = Read(Form(GoodTotal, drifted));
        Assert.Equal((10m, 4m), (form.Indicators[0].Weight, form.Indicators[0].Score));
        Assert.Equal("96%", form.Indicators[0].Actual);
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.ReadByPosition.Id);
    }

    [Fact]
    public void An_amount_under_the_weight_header_and_three_figures_in_one_cell_send_the_line_to_its_reading_by_order()
    {
        // 全年执行数 drifted under 分值, and 分值 (10) with the rate (94.95 / %) stacked in the 执行率 cell.
        var drifted = "<tr><td>年度资金总额</td><td>5,108,743.50</td><td>5,108,743.50</td><td></td><td>4,850,558.00</td><td>94.95<br>10<br>%</td><td>9.49</td></tr>";
        var total = Read(Form(drifted, GoodIndicator));
        Assert.Equal((5108743.50m, 5108743.50m, 4850558.00m), (total.Funding.Total!.InitialBudget, total.Funding.Total.AnnualBudget, total.Funding.Total.Executed));
        Assert.Equal((10m, 94.95m, 9.49m), (total.Funding.Total.Weight, total.Funding.Total.ExecutionRate, total.Funding.Total.Score));
        Assert.Equal("funding.total", Assert.Single(total.Warnings, w => w.Code == DiagnosticCodes.FundingByOrder.Id).Field);
    }

    [Fact]
    public void Two_lines_in_one_row_leave_their_amounts_unread_with_a_warning_never_an_amount_as_the_weight()
    {
        // The rule between 年度资金总额 and 当年财政拨款 lost: each amount cell holds both lines' figures, six amounts where a
        // line has three. By order they would be 7806281 three times and 7806281 again as the 分值.
        var twoLines = "<tr><td>年度资金总额<br>其中：当年财政拨款</td><td>7806281.00<br>7806281.00</td><td>7806281.00<br>7806281.00</td>" +
                       "<td>5194475<br>5194475</td><td>10</td><td>66.54%</td><td>6.65</td></tr>";
        var form = Read(Form(twoLines, GoodIndicator));
        var total = form.Funding.Total!;
        Assert.Equal(((decimal?)null, (decimal?)null, (decimal?)null), (total.InitialBudget, total.AnnualBudget, total.Executed));
        Assert.Equal((10m, 66.54m, 6.65m), (total.Weight, total.ExecutionRate, total.Score));
        Assert.Equal("funding.total", Assert.Single(form.Warnings, w => w.Code == DiagnosticCodes.AmountColumnUnknown.Id).Field);
    }

    [Fact]
    public void A_figure_wrapped_inside_its_cell_is_one_figure_read_by_its_column()
    {
        var wrapped = GoodTotal.Replace("<td>4,850,558.00</td>", "<td>4,850,558.0<br>0</td>");
        var form = Read(Form(wrapped, GoodIndicator));
        Assert.Equal(4850558.00m, form.Funding.Total!.Executed);
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.FundingByOrder.Id);
    }
}
