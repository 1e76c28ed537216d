using PerformanceEval.Diagnostics;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>
/// Funding lines of raw text whose amounts the dump thinned: a form read off as printed, 年初预算数 93,675.00, 全年预算数
/// 93,675.00, 全年执行数 79,005.00 (84.34%, 得分 8.43), the fiscal line the same amounts, the two lines below blank but
/// for their "—"; the dump wrote each line's two equal amounts once.
/// </summary>
public sealed class FundingReaderTests
{
    private static readonly string Thinned = RawTextForms.Head.Replace("年度资金总额 93675.00 93675.00 79005 10 84.34% 8.43",
        "年度资金总额 93,675.00 79,005.00 10 84.34% 8.43\n其中：当年财政拨款 93,675.00 79,005.00 —\n上年结转资金 —\n其他资金 —") +
        "\n产出指标 数量指标 服务人次 =55人 =56人 90 90\n总分 100 98.43";

    [Fact]
    public void A_line_with_the_total_s_two_amounts_takes_the_columns_the_total_s_rate_gave_them()
    {
        Assert.Contains("其中：当年财政拨款 93,675.00 79,005.00 —", Thinned);
        var form = RawTextForms.Read(Thinned);
        // 79,005 ÷ 93,675 = 84.34%: the total's two amounts are its 全年预算数 and 全年执行数, and so are the fiscal line's.
        Assert.Equal(((decimal?)null, 93675.00m, 79005.00m), (form.Funding.Total!.InitialBudget, form.Funding.Total.AnnualBudget, form.Funding.Total.Executed));
        Assert.Equal(((decimal?)null, 93675.00m, 79005.00m), (form.Funding.Fiscal!.InitialBudget, form.Funding.Fiscal.AnnualBudget, form.Funding.Fiscal.Executed));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.AssignedByArithmetic.Id && w.Field == "funding.fiscal");
        Assert.Equal("arithmetic", form.Provenance["funding.fiscal.executed"].PlacedBy);
    }

    [Fact]
    public void A_line_with_other_amounts_keeps_their_order()
    {
        // The fiscal line's own two amounts, not the total's: nothing says they are other columns than the first two.
        var form = RawTextForms.Read(Thinned.Replace("其中：当年财政拨款 93,675.00 79,005.00 —", "其中：当年财政拨款 90,000.00 79,005.00 —"));
        Assert.Equal((90000.00m, 79005.00m, (decimal?)null), (form.Funding.Fiscal!.InitialBudget, form.Funding.Fiscal.AnnualBudget, form.Funding.Fiscal.Executed));
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.AssignedByArithmetic.Id && w.Field == "funding.fiscal");
    }
    [Theory]
    [InlineData("年度资金总额 7173622.00 7173622.00 465797910 64.93% 6.49", 4657979.0, 10.0)]
    [InlineData("年度资金总额 7173622.00 7173622.00 4657979 10 64.93% 6.49", 4657979.0, 10.0)]
    public void A_whole_yuan_amount_glued_to_its_weight_is_cut_where_the_rate_says(string line, double executed, double weight)
    {
        // 4,657,979 of 7,173,622 is 64.93%: "465797910" is that amount and a 分值 of 10 copied with no space between.
        var form = RawTextForms.Read(RawTextForms.Head.Replace("年度资金总额 93675.00 93675.00 79005 10 84.34% 8.43", line) +
                                     "\n产出指标 数量指标 服务人次 =55人 =56人 90 90\n总分 100 96.49");
        Assert.Equal(((decimal?)executed, (decimal?)weight, 64.93m), (form.Funding.Total!.Executed, form.Funding.Total.Weight, form.Funding.Total.ExecutionRate));
        Assert.Equal(line.Contains("465797910"), form.Warnings.Any(w => w.Code == DiagnosticCodes.AssignedByArithmetic.Id && w.Message.Contains("粘连")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_funding_block_whose_header_a_layout_dump_set_off_its_figures_is_read_by_the_figures_order(bool weightLabelLost)
    {
        // Chromium's layout text (tuning check set, synthetic 862) broke the header ("全年执行 … 数 值" / "分 执行率 得分")
        // and took the total's first amount into its label's cell ("年度资金总额 1,475,047.50"): under the header's
        // columns the total had read 903,450 of 10, and the fiscal line its 全年预算数 as executed, with no warning. The
        // 分值 label set "值" over "分" is stacked either way up now and gives its column: the block reads by its header.
        // With that label gone too ("数" / "分" alone), the figures are read by their order, with a warning on each line.
        var text = File.ReadAllText(Fixtures.Input("shop-tune-synthetic862-chromium-layout"));
        Assert.Contains("年度资金总额 1,475,047.50 1,475,047.50 903,450 10 61.25%", text);
        Assert.Contains("全年执行         数 值\n", text);
        if (weightLabelLost) text = text.Replace("全年执行         数 值\n", "全年执行         数  \n");
        var form = Assert.Single(Fixtures.Pipeline.Extract(PerformanceEval.Ingestion.SourceDocument.FromBytes("862.layout.txt", System.Text.Encoding.UTF8.GetBytes(text))).Forms);
        var (total, fiscal) = (form.Funding.Total!, form.Funding.Fiscal!);
        Assert.Equal((1475047.50m, 1475047.50m, 903450m, 10m, 61.25m, 6.12m),
            (total.InitialBudget, total.AnnualBudget, total.Executed, total.Weight, total.ExecutionRate, total.Score));
        Assert.Equal((1475047.50m, 1475047.50m, (decimal?)null), (fiscal.InitialBudget, fiscal.AnnualBudget, fiscal.Executed));
        Assert.Equal(((decimal?)0m, (decimal?)0m, (decimal?)null), (form.Funding.Carryover!.InitialBudget, form.Funding.Carryover.AnnualBudget, form.Funding.Carryover.Executed));
        Assert.Equal(weightLabelLost, form.Warnings.Any(w => w.Code == DiagnosticCodes.FundingByOrder.Id && w.Field == "funding.total"));
        Assert.Equal(weightLabelLost, form.Warnings.Any(w => w.Code == DiagnosticCodes.FundingByOrder.Id && w.Field == "funding.fiscal"));
    }
}
