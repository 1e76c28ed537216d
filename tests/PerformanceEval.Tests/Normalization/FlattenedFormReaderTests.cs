using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>
/// A form the OCR flattened into one paragraph (seed 000's second form: its header, funding and first three indicator
/// rows on one line, the rest as a markdown table). Its rows are read off the form: 计划完成率 15/15, 合格率 20/20,
/// 计划完成及时性 15/15 from the paragraph, then 故障率, 政务服务水平, 修复率 and 有效投诉人次 at 10/10.
/// </summary>
public sealed class FlattenedFormReaderTests
{
    /// <summary>The seed's lines of that form (25–34 of its markdown).</summary>
    private static string SecondForm() =>
        string.Join('\n', File.ReadAllLines(Fixtures.Input("seed-000-qingpu-2021-markdown"))[24..34]);

    private static CleanedForm Read(string text) =>
        Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("flat.md", Encoding.UTF8.GetBytes(text))).Forms);

    [Fact]
    public void The_paragraph_s_rows_come_before_the_table_s()
    {
        var form = Read(SecondForm());
        Assert.Equal(["计划完成率", "合格率", "计划完成及时性", "故障率", "政务服务水平", "修复率", "有效投诉人次"], form.Indicators.Select(r => r.Name));
        Assert.Equal([15m, 20m, 15m, 10m, 10m, 10m, 10m], form.Indicators.Select(r => r.Weight ?? -1));
    }

    [Fact]
    public void A_row_whose_score_the_ocr_lost_keeps_its_place_and_says_so()
    {
        // 合格率's 得分 gone from the paragraph ("=100 =100 20 质量指标", its 分值 alone beside its 二级指标): the row stays,
        // its 得分 null with a warning, and the table's rows keep their places (dropped, 故障率 took the fourth row's
        // place with the wrong 二级指标, and each row after it the one before's).
        var text = SecondForm();
        Assert.Contains("=100 =10020 20 质量指标", text);
        var form = Read(text.Replace("=100 =10020 20 质量指标", "=100 =100 20 质量指标"));
        Assert.Equal(7, form.Indicators.Length);
        Assert.Equal((20m, (decimal?)null, "质量指标"), (form.Indicators[1].Weight, form.Indicators[1].Score, form.Indicators[1].Level2));
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.FigureUnread.Id && w.Field == "indicators[1].score");
        Assert.Equal(("故障率", 10m, 10m), (form.Indicators[3].Name, form.Indicators[3].Weight, form.Indicators[3].Score));
        Assert.DoesNotContain(form.Findings, f => f.Rule == "total-score");
    }
}
