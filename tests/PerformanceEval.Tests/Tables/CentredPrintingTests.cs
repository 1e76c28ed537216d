using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using Xunit;

namespace PerformanceEval.Tests.Tables;

/// <summary>
/// One synthetic form of the print shop's tuning half (崇明 智慧城市平台建设服务费) as LibreOffice Writer printed it with
/// every cell centred, and as <c>pdftotext -layout</c> and <c>-raw</c> gave it back: labels and values wrapped around
/// their row's line (实施单位's value over and under the 主管部门 line), figures centred in their columns, targets and
/// actuals wrapped over and under their row's 分值/得分 ("≥2000" / "人次"), the 总分's 得分 broken in its narrow cell
/// ("89.1" / "4"), and in the raw text each wrapped cell's lines as lines of their own. The expected values are the
/// form's own, as printed.
/// </summary>
public sealed class CentredPrintingTests
{
    private const string Layout = """
                                        财政项目支出绩效自评表
                                                   (2022 年度)

                   项目名称                         智慧城市平台建设服务费（崇明财预[2022]201 号）
                                                                              上海市崇明区城市管理行政执法
            主管部门          上海市崇明区城市管理行政执法局                        实施单位
                                                                                    局
                          年初预           全年               全年                   执行
                                                                       分值                     得分
                          算数            预算数              执行数                  率
              年度资金                                                            81.37
                   7741181.00         7741181.00        6299205         10                    8.14
               总额                                                               %
        项目
              其中：当
        资金
              年财政拨 7741181.00         7741181.00        6299205         —
        (元)
                款
              上年结转
                          0.00           0.00                           —
               资金
              其他资金        0.00           0.00                           —
              年度                      预期目标                                    实际完成情况
              总体      按年度计划推进项目实施，保障各项工作
                                                                        已按计划完成年度目标。
              目标             有序开展。
               一级                二级                三级          年度指 实际                           偏差原
                                                                       分值             得分
               指标                指标                指标           标值 完成值                       因分析及改进措施
                                                               ≥2000   2136
                                                覆盖社区数                          7       5       进度滞后
                                                                人次     人次
                            数量指标
                                                                       基本完
                                                 培训场次          完善              8       8
                                                                        善
                                                               <=100   98.6
                                                验收合格率                          3       3
                                                                万元     万元
                            质量指标
              产出指标                                                     基本完
                                            工作考核达标率            完善              3       3
                                                                        善
                            时效指标                响应及时率          =55 人 =55 人     1       1
                                                                                      89.1
                                       总分                                     100
                                                                                       4
        """;

    private const string Raw = """
        财政项目支出绩效自评表
        (2022 年度)
        项目名称 智慧城市平台建设服务费（崇明财预[2022]201 号）
        主管部门 上海市崇明区城市管理行政执法局 实施单位
        上海市崇明区城市管理行政执法
        局
        项目
        资金
        (元)
        年初预
        算数
        全年
        预算数
        全年
        执行数
        分值
        执行
        率
        得分
        年度资金
        总额
        7741181.00 7741181.00 6299205 10
        81.37
        %
        8.14
        其中：当
        年财政拨
        款
        7741181.00 7741181.00 6299205 —
        上年结转
        资金
        0.00 0.00 —
        其他资金 0.00 0.00 —
        年度
        总体
        目标
        预期目标 实际完成情况
        按年度计划推进项目实施，保障各项工作
        有序开展。
        已按计划完成年度目标。
        绩
        效
        指
        标
        一级
        指标
        二级
        指标
        三级
        指标
        年度指
        标值
        实际
        完成值
        分值 得分
        偏差原
        因分析及改进措施
        产出指标
        数量指标
        覆盖社区数
        ≥2000
        人次
        2136
        人次
        7 5 进度滞后
        培训场次 完善
        基本完
        善
        8 8
        质量指标
        验收合格率
        <=100
        万元
        98.6
        万元
        3 3
        工作考核达标率 完善
        基本完
        善
        3 3
        时效指标 响应及时率 =55 人 =55 人 1 1
        总分 100
        89.1
        4
        """;

    private static readonly (string L2, string Name, string Target, string Actual, decimal Weight, decimal Score, string? Note)[] Rows =
    [
        ("数量指标", "覆盖社区数", "≥2000人次", "2136人次", 7, 5, "进度滞后"),
        ("数量指标", "培训场次", "完善", "基本完善", 8, 8, null),
        ("质量指标", "验收合格率", "<=100万元", "98.6万元", 3, 3, null),
        ("质量指标", "工作考核达标率", "完善", "基本完善", 3, 3, null),
        ("时效指标", "响应及时率", "=55人", "=55人", 1, 1, null),
    ];

    private static CleanedForm Read(string name, string text) =>
        Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes(name, Encoding.UTF8.GetBytes(text))).Forms);

    [Fact]
    public void A_laid_out_form_after_raw_ones_in_one_file_reads_as_it_does_alone()
    {
        // Whether text is laid out is judged form by form: four raw forms before it (one space between cells) once made
        // the whole file "raw", and the layout form was read by position.
        var text = string.Concat(Enumerable.Repeat(Raw + "\n", 4)) + Layout;
        var forms = Fixtures.Pipeline.Extract(SourceDocument.FromBytes("mixed.txt", Encoding.UTF8.GetBytes(text))).Forms;
        Assert.Equal(5, forms.Length);
        var alone = Read("form.layout.txt", Layout);
        Assert.Equal(ContractJson.Serialize(alone with { Source = forms[4].Source, Provenance = forms[4].Provenance }),
            ContractJson.Serialize(forms[4]));
    }

    [Theory]
    [InlineData("form.layout.txt")]
    [InlineData("form.raw.txt")]
    public void Every_wrapped_cell_is_read_whole_in_its_own_field(string name)
    {
        var form = Read(name, name.Contains("layout") ? Layout : Raw);
        Assert.Equal("智慧城市平台建设服务费（崇明财预[2022]201号）", form.ProjectName);
        Assert.Equal("上海市崇明区城市管理行政执法局", form.Department);
        Assert.Equal("上海市崇明区城市管理行政执法局", form.ImplementingUnit);
        var total = form.Funding.Total!;
        Assert.Equal((7741181.00m, 7741181.00m, 6299205m, 10m, 81.37m, 8.14m),
            (total.InitialBudget, total.AnnualBudget, total.Executed, total.Weight, total.ExecutionRate, total.Score));
        Assert.Equal((7741181.00m, 7741181.00m, 6299205m), (form.Funding.Fiscal!.InitialBudget, form.Funding.Fiscal.AnnualBudget, form.Funding.Fiscal.Executed));
        Assert.Equal((0m, 0m, (decimal?)null), (form.Funding.Other!.InitialBudget, form.Funding.Other.AnnualBudget, form.Funding.Other.Executed));
        Assert.Equal(Rows.Length, form.Indicators.Length);
        for (var i = 0; i < Rows.Length; i++)
        {
            var (want, got) = (Rows[i], form.Indicators[i]);
            Assert.Equal(("产出指标", want.L2, want.Name, want.Target, want.Actual, want.Note),
                (got.Level1, got.Level2, got.Name, got.Target, got.Actual, got.Note));
            Assert.Equal((want.Weight, want.Score), (got.Weight, got.Score));
        }
        Assert.Equal((100m, 89.14m), (form.TotalWeight, form.TotalScore));
    }
}
