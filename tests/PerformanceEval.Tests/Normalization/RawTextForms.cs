using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>A form as text with no columns (<c>pdftotext -raw</c>): its first lines, down to the indicator header, and its reading.</summary>
internal static class RawTextForms
{
    /// <summary>Title, header block, funding header and 年度资金总额, and the indicator header; the rows follow.</summary>
    public const string Head = """
        2023年度财政项目支出绩效自评表
        项目名称 服务费
        主管部门 上海市宝山区行政服务中心 实施单位 上海市宝山区行政服务中心
        年初预算数 全年预算数 全年执行数 分值 执行率 得分
        年度资金总额 93675.00 93675.00 79005 10 84.34% 8.43
        一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
        """;

    public static CleanedForm Read(string text) =>
        Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("form.raw.txt", Encoding.UTF8.GetBytes(text))).Forms);
}
