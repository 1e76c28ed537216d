using PerformanceEval.Templates;
using Xunit;

namespace PerformanceEval.Tests.Templates;

public sealed class DepartmentNamesTests
{
    private static readonly DepartmentNames Names = DepartmentNames.Load(null);

    [Theory]
    [InlineData("宝山区行政服务中心", "上海市宝山区行政服务中心")]       // the district-led spelling takes the city
    [InlineData("上海市宝山区行政服务中心", "上海市宝山区行政服务中心")]
    [InlineData("宝山区 行政服务中心", "上海市宝山区行政服务中心")]      // spaces the OCR put in
    [InlineData("宝山区政务服务中心", "上海市宝山区行政服务中心")]       // the alias table
    [InlineData("上海市青浦区政务服务办公室", "上海市青浦区政务服务办公室")]
    [InlineData("区财政局", "区财政局")]                             // nothing known: as printed
    [InlineData(null, null)]
    public void A_department_printed_two_ways_has_one_canonical_name(string? printed, string? canonical) =>
        Assert.Equal(canonical, Names.Canonical(printed));
}
