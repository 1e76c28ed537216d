using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Tables;
using PerformanceEval.Templates;
using Xunit;

namespace PerformanceEval.Tests.Tables;

/// <summary>
/// Layout text (<c>pdftotext -layout</c> of a ruled form) rebuilt into the table it was printed from: labels wrapped in
/// their header cells, names and notes wrapped around their row's figures, a merged 二级指标 printed once in the
/// middle of its rows, a table going on on the next page at another scale. The expected fields are read off the text.
/// </summary>
public sealed class LayoutTableBuilderTests
{
    /// <summary>
    /// A form as LibreOffice prints it and pdftotext lays it out. 质量指标 is merged over two rows and printed between
    /// them; 工作计划完成率 and its note wrap onto the lines around the row.
    /// </summary>
    private const string Form = """
        财政项目支出绩效自评表
        (2023 年度)
        项目名称                    服务费
        主管部门             上海市宝山区行政服务中心
                         年初预    全年预          全年执
                                                           分值    执行率 得分
                         算数     算数           行数
             年度资金总额   93675.00 93675.00      79005         10    84.34% 8.43
        项目资金
             其中：当年财政拨
        (元)           93675.00 93675.00                    —
             款
                上年结转资金   0.00   0.00                       —
                其他资金     0.00   0.00                       —
        绩效指标
                                                                         偏差
        一级      二级              三级           年度指 实际完
                                                     分值          得分      原因分析及改进措
        指标      指标              指标           标值  成值
                                                                         施
                数量指标            年接待人次        >2000 2000    30    30
                                工作计划完                                    部分工作未按
        产出指标                    成率           >90%  95      10    8       计划完成
                质量指标
                                服务规范性        达标    达标      10    10
        效益指标 可持续影响指标            长效管理制度健全性 健全         健全    30    30
        满意度指
             服务对象满意度指标          接待人员满意度      >=85% 100     10    10
        标
        总分                                                 100   98
        """;

    private static readonly (string L1, string L2, string Name, string Target, string Actual, decimal Weight, decimal Score, string? Note)[] Expected =
    [
        ("产出指标", "数量指标", "年接待人次", ">2000", "2000", 30, 30, null),
        ("产出指标", "质量指标", "工作计划完成率", ">90%", "95", 10, 8, "部分工作未按计划完成"),
        ("产出指标", "质量指标", "服务规范性", "达标", "达标", 10, 10, null),
        ("效益指标", "可持续影响指标", "长效管理制度健全性", "健全", "健全", 30, 30, null),
        ("满意度指标", "服务对象满意度指标", "接待人员满意度", ">=85%", "100", 10, 10, null),
    ];

    private static CleanedForm Read(string text) =>
        Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("form.layout.txt", Encoding.UTF8.GetBytes(text))).Forms);

    /// <summary>A dump as printed, its page breaks written "[page]" (a form feed in the file).</summary>
    private static CleanedForm ReadPrinted(string text) => Read(text.Replace("[page]", "\f", StringComparison.Ordinal) + "\n");

    private static void AssertIndicators(CleanedForm form, bool actualFirst = false)
    {
        Assert.Equal(Expected.Length, form.Indicators.Length);
        for (var i = 0; i < Expected.Length; i++)
        {
            var (want, got) = (Expected[i], form.Indicators[i]);
            var (target, actual) = actualFirst ? (want.Actual, want.Target) : (want.Target, want.Actual);
            Assert.Equal((want.L1, want.L2, want.Name, target, actual, want.Note), (got.Level1, got.Level2, got.Name, got.Target, got.Actual, got.Note));
            Assert.Equal((want.Weight, want.Score), (got.Weight, got.Score));
        }
    }

    [Fact]
    public void Wrapped_headers_names_notes_and_merged_levels_are_read_into_their_columns()
    {
        var form = Read(Form);
        AssertIndicators(form);
        Assert.Equal((93675.00m, 93675.00m, 79005m, 10m, 84.34m, 8.43m),
            (form.Funding.Total!.InitialBudget, form.Funding.Total.AnnualBudget, form.Funding.Total.Executed, form.Funding.Total.Weight,
             form.Funding.Total.ExecutionRate, form.Funding.Total.Score));
        // The fiscal line prints its two budgets and a "—" under 分值, its 全年执行数 left empty.
        Assert.Equal((93675.00m, 93675.00m, (decimal?)null), Amounts(form.Funding.Fiscal));
        Assert.Equal((0m, 0m, (decimal?)null), Amounts(form.Funding.Carryover));
        Assert.Equal("元", form.CurrencyUnit);
        Assert.Equal((100m, 98m), (form.TotalWeight, form.TotalScore));
        Assert.DoesNotContain(form.Warnings, w => w.Code == "table.read-by-position");
    }

    [Fact]
    public void Targets_a_line_laid_out_at_its_own_widths_puts_under_the_name_label_are_still_targets()
    {
        // Chromium lays each line out at its own widths: after a short name, the row's target and actual stand under
        // the 三级指标 label, well left of 年度指标值. Their grammar (a comparator, a figure) says what they are.
        var drifted = Form.Replace("        数量指标            年接待人次        >2000 2000    30    30",
                                   "        数量指标            年接待人次 >2000 2000              30    30");
        AssertIndicators(Read(drifted));
    }

    [Fact]
    public void Pieces_of_a_level_name_wrapped_in_its_narrow_cell_stay_in_the_level_column()
    {
        // Chromium's layout of a print-shop form: "可持续影响指" / "标" and "服务对象满意" / "度指标" wrap in the narrow
        // 二级指标 cell, and "度指标" stands as near the 三级指标 column as its own. A piece of a level name is the level
        // column's: read as a name, it made "度指标服务对象满意度" and moved the rows' levels by one.
        var input = Fixtures.Input("shop-tune-synthetic032-chromium-layout");
        var expected = PerformanceEval.Contract.ContractJson.Deserialize(File.ReadLines(Path.Combine(Path.GetDirectoryName(input)!, "expected.jsonl")).First());
        var form = Assert.Single(Fixtures.Pipeline.Extract(input).Forms);
        Assert.Equal(expected.Indicators.Length, form.Indicators.Length);
        foreach (var i in Enumerable.Range(form.Indicators.Length - 3, 3))
            Assert.Equal((expected.Indicators[i].Level1, expected.Indicators[i].Level2, expected.Indicators[i].Name),
                (form.Indicators[i].Level1, form.Indicators[i].Level2, form.Indicators[i].Name));
    }

    /// <summary>
    /// Chromium's layout text of a check-set form as printed (tuning half, standard synthetic 832): 二级指标 labels
    /// centred over runs of rows at the layout's rounding, and cells wrapped at each line's own widths.
    /// </summary>
    private static readonly string Synthetic832 = """
        2021年度财政项目支出绩效自评表
        项目名称       档案数字化加工工程（虹口财预[2021]72号）
        主管部门                  上海市虹口区科学技术委员会                实施 上海市虹口区科学技术委员会
                                                           单位
                   年初预算数 全年预算数            全年执行数            分值 执行率 得分
             年度资金总 5598293.25 5598293.25  2916733.00       10 52.10% 5.21
             额
        项目 其中：当年
        资金 财政拨款 5598293.25 5598293.25     2916733.00       —
        (元)
             上年结转资                                         —
             金
             其他资金                                          —
        年度总体目标     预期目标                             实际完成情况
                   按年度计划推进项目实施，保障各项工作有序开展。 已按计划完成年度目标。
             一级指标 二级指标        三级指标        年度指标 实际完成 分值 得分 偏差原因分析及改进措
                                          值         值                施
                   数量指标       社会氛围(营造良好生 >=95% 96% 1 1
                              产、生活环境)
                   质量指标       工作考核达标率     齐全 齐全 27 24 部分工作未按计划完      成，下年度加强跟踪
             产出指标             专家评审意见      完善 基本完善 14 14
                              年度投资计划按时序推 <=0.1 未发生故 5 5
        绩                     进                     障
        效          时效指标
        指                     系统上线时间      <=0.1 未发生故障      2   1     部分工作未按计划完
                                                                     成，下年度加强跟踪
        标
                   经济效益指标 带动相关产业发展        >95       99.98% 1 0       进度滞后
             效益指标 社会效益指标 对优化营商环境持续发
                              挥作用
                                          ≥2000人 2136人次 8 8
                                          次
                   可持续影响指标 项目资料管理齐全性 提升 有所提升 13 13
                              工作人员满意度     =30000家   18650  2   1     部分工作未按计划完
             满意度指标 服务对象满意度                                           成，下年度加强跟踪
                   指标         投诉处置满意度     >=15000 14210 17 17
                                          件
        总分                                                 100 89

        """;


    [Fact]
    public void Between_two_cuts_as_far_off_in_all_a_centred_level_takes_the_one_that_leaves_each_label_less_far()
    {
        // Chromium's layout of a check-set form (tuning half, standard synthetic 832, as printed): 质量指标 stands on the
        // line of 工作考核达标率 and 时效指标 a line below 年度投资计划按时序推进's. 质量 over one row and 时效 over three
        // leave the labels 0 and 1 line off their runs' middles; 质量 over two and 时效 over two, half a line each. A
        // centred label is within half a line of its run's middle, so the even cut is the table's: 专家评审意见 is 质量.
        var form = Read(Synthetic832 + "\n");
        Assert.Equal(["数量指标", "质量指标", "质量指标", "时效指标", "时效指标"], form.Indicators.Take(5).Select(i => i.Level2));
        Assert.Equal(["社会氛围(营造良好生产、生活环境)", "工作考核达标率", "专家评审意见", "年度投资计划按时序推进", "系统上线时间"],
            form.Indicators.Take(5).Select(i => i.Name));
    }

    [Fact]
    public void The_last_row_before_a_repeated_header_is_a_row_and_a_whole_level_does_not_take_the_next_ones_start()
    {
        // Chromium's layout of a check-set form (tuning half, standard synthetic 1060, as printed): 噪声控制's row is the
        // page's last line, right above the header printed again. The header search took that line for the header's
        // first (its labels stand on the lines below), and the row was lost without a warning. And 生态效 / 益指标 is
        // centred over 绿化覆盖率 and 噪声控制, right under 经济效 / 益指标: "经济效益指标" is a whole label, and "生态效" —
        // how 生态效益指标 begins — starts the next, not a piece of it.
        var text = """
                             财政项目支出绩效自评表
                                   (2020 年度)
                 项目名称    社区卫生服务能力提升经费（长宁财预[2020]54号）
             主管部门 上海市长宁区卫生健康委员会 实施单位 上海市长宁区卫生健康管理所
                            年初预算数 全年预算数 全年执行    数 值
                                                     分 执行率 得分
            项目资 年度资金总额 8787452.50 4952389.50 4950161 10 99.96% 10.00
              金 其中：当年财政 8787452 4952389 4950161 — 99.96%
             (元)      拨款
                   上年结转资金     0.00       0.00        —
                    其他资金      0.00       0.00        —
                            预期目标
            年度总 按年度计划推进项目实施，保障各项工作有序开                 实际完成情况
            体目标 展。                            已按计划完成年度目标。
                  一级 二级指 三级指标 实际完 年度指标 分值 得分 偏差原因分析
                  指标 标             成值 值                        及改进措施
                     数量指 完成办公家具购 进行中 <=0.1       10       9.5 项目取消
                       标    置
                     质量指 资料归档完整性 有所提99 >=98       5        5
              绩 产出 标 问题整改率 升 提升                   1        1
              效 指标 时效指 响应及时率 进行中 齐全               5        0 尚未验收
              指        标 系统上线时间 90 >=85%         18       18
              标
                     成本指 项目成本控制 进行中 =55人         28       19
                       标
                     经济效 减少重复投入 无 >80%           13      12.2 尚未验收
                  效益 益指标
                  指标 生态效 绿化覆盖率 无投诉 <=5            6        6
                     益指标 噪声控制       无 >80%        3       2.5
            [page]绩 一级指标 二级指标 三级指标 实际完成 年度指标 分 得分 偏差原因分析及改进
            效                     值   值 值          措施
            指 满意度指 服务对象满意度 工作人员满 有所提升 提升 1 1
            标 标      指标      意度
                          总分             100 84.20

            """;
        var form = Read(text.Replace("[page]", "\f", StringComparison.Ordinal) + "\n");
        Assert.Equal(10, form.Indicators.Length);
        var row = form.Indicators[8];
        Assert.Equal(("噪声控制", ">80%", "无", (decimal?)3m, (decimal?)2.5m), (row.Name, row.Target, row.Actual, row.Weight, row.Score));
        Assert.Equal(["经济效益指标", "生态效益指标", "生态效益指标"], form.Indicators.Skip(6).Take(3).Select(i => i.Level2));
        Assert.Equal("满意度指标", form.Indicators[9].Level1);
    }

    /// <summary>Chromium's layout of a check-set form as printed (tuning half, standard synthetic 1020): narrow labels
    /// wrapped in every column, a page break before 满意度指标.</summary>
    private static readonly string Synthetic1020 = """
                                    财政项目支出绩效自评表
                                         (2023 年度)
            项目名称 档案数字化加工工程（闵行财预[2023]101号）

                                                                上海市闵行区行政服务中
            主管部门 上海市闵行区行政服务中心                      实施单位
                                                                心服务站
                        年初预          全年          全年执        分
                                                                执行率          得分
                         算数         预算数           行数        值

                 年度资
                     6890223.16   6980778.50   3629872.37   10 52.00%        5.20
                 金总额

            项目 其中：
            资金 当年财 6890223.16     6980778.50   3629872.37   — 52.00%
            (元) 政拨款
                 上年结
                                                            —
                 转资金
                 其他资
                                                            —
                  金

             年度                   预期目标                            实际完成情况
             总体    按年度计划推进项目实施，保障各项工作有序开
             目标                                             已按计划完成年度目标。
                   展。
                                            绩效指标
                                                                              偏差
            一级    二级     三级          年度              实际完                     原因分析
                                                                分值      得分
            指标    指标     指标         指标值              成值                      及改进措
                                                                              施
                 时效指 按计划节点完 满意度调查在             满意度调查在85%
                                                                 1      1
                  标    成     85%以上                以上

            产出                                                               部分工作
            指标 成本指                                                           未按计划
                                  年度投资完成       年度投资计划完成
                       预算控制率                                     49     43   完成，下
                标                  率100%         率100%
                                                                             年度加强
                                                                             跟踪
                 经济效
                     节约运行成本         <=0.1        未发生故障           1      1
                 益指标
               生态效        满意度调查在               满意度调查在85%
            效益     环境质量改善                                        12     12
               益指标         85%以上                  以上
            指标
               可持续
                   设施持续使用 年度投资完成
               影响指                                    无          18     17.1 项目取消
                     年限    率100%
                标
            [page]满意 服务对
                                                         项目正在
            度指 象满意   受众满意度        >95   进行中   9     7
                                                         开展中
             标 度指标
                             总分               100   86

            """.Replace("[page]", "\f", StringComparison.Ordinal) + "\n";

    [Fact]
    public void A_level_labels_last_piece_three_lines_below_the_rest_completes_it()
    {
        // Chromium's layout of a check-set form (tuning half, standard synthetic 1020, as printed): 成本指标 is wrapped
        // "成本指" / "标" in a tall cell, three lines apart. Left as two labels, the six rows had seven labels and every
        // 二级指标 after 成本指标 went to the row above its own.
        var form = Read(Synthetic1020);
        Assert.Equal(["时效指标", "成本指标", "经济效益指标", "生态效益指标", "可持续影响指标"], form.Indicators.Take(5).Select(i => i.Level2));
    }

    [Fact]
    public void Rows_printed_a_column_at_a_time_are_put_back_line_by_line()
    {
        // Chromium's layout of a check-set form (tuning half, standard synthetic 1058, as printed): pdftotext prints the
        // first two rows a column at a time — "完成巡查次数" / "培训场次", ">80%" / "持续", "90%" / "持续", "2 2" / "13 10
        // 资金执行偏慢" — and 成本指标's two rows likewise after their names and targets. Read as lines, the first row took
        // both rows' cells and the second had none but its figures.
        var text = """
                                      财政项目支出绩效自评表
                                           (2021 年度)
            项目名称               校园安全设施改造项目
            主管部门        上海市普陀区生态环境局 实施单位 上海市普陀区生态环境局
                               年初         全年         全年执 分 执行率 得分
                               预算数 预算数 行数                       值
                        年度资金总额 3403988.00 3403988.00 3180115.73 10 93.42% 9.342
            项目资金        其中：当年财 3403988.00 3403988.00
            (元)         政拨款                                     —
                        上年结转资金                                  —
                        其他资金                                    —
            年度 预期目标                                  实际完成情况
            总体
            目标 按年度计划推进项目实施，保障各项工作有序开展。 已按计划完成年度目标。
            绩效指标
            一级 二级       三级     年度指                   实际完 分 得分 偏差原
            指标 指标       指标     标值                    成值         值         因分析及改进措施
                 数量指标 完成巡查次数
                        培训场次
                               >80%
                               持续
                                                     90%
                                                     持续
                                                                2 2
                                                                13 10 资金执行偏慢
                        服务规范性 及时                     及时         5 5
            产出指 质量指标 系统运行稳定
                        率      提升                    有所提升 1 1
            标
                 时效指标 各项工作完成
                        及时性    健全                    健全         1 1
                 成本指标 预算控制率    =55人
                        项目成本控制 >=85%
                                                     =55人
                                                     90
                                                                1 1
                                                                5 5
                        带动相关产业 提升                    有所提升 6 6
                 经济效益指标 发展
                        节约运行成本 >80%                  90%        2 1       进度滞后
                        公共服务水平 >80%                  90%        4  3      部分工作未按计划完成，下
                        提高                                                年度加强跟踪
                 社会效益指标 公共服务水平 提升                    有所提升 3 3
                        提高
            效益指         社会知晓率 >=95%                  96%        10 10
            标
                 生态效益指标 环境质量改善 ≥2000人次               2136人次 8 6           资金执行偏慢
                        长效管理制度 =12次                  12次        2 2
                        健全性
                 可持续影响指 设施持续使用 ≥2000人次               2136人次 5 5
                 标      年限
                        设施持续使用 =12次                  12次        6 4       部分工作未按计划完成，下
                        年限                                                年度加强跟踪
            满意度 服务对象满意 工作人员满意 提升                     有所提升 5 3             部分工作未按计划完成，下
            指标 度指标      度                                                 年度加强跟踪
                        服务对象满意 提升                    有所提升 5 5
                        度
            [page]     工作人员满意 <=100万元   98.6万元 6 6
                 度
            总分                           100 88.342
            [page]
            """;
        var form = Read(text.Replace("[page]", "\f", StringComparison.Ordinal) + "\n");
        string Row(int i) => string.Join(" | ", form.Indicators[i].Name, form.Indicators[i].Target, form.Indicators[i].Actual,
            form.Indicators[i].Weight, form.Indicators[i].Score, form.Indicators[i].Note);
        Assert.Equal("完成巡查次数 | >80% | 90% | 2 | 2 | ", Row(0));
        Assert.Equal("培训场次 | 持续 | 持续 | 13 | 10 | 资金执行偏慢", Row(1));
        Assert.Equal(["数量指标", "数量指标", "质量指标"], form.Indicators.Take(3).Select(i => i.Level2));
        Assert.Equal("预算控制率 | =55人 | =55人 | 1 | 1 | ", Row(5));
        Assert.Equal("项目成本控制 | >=85% | 90 | 5 | 5 | ", Row(6));
    }

    [Fact]
    public void A_word_between_rows_flush_with_the_rows_weight_is_no_weight()
    {
        // The same form: "未发生故" / "障" wraps in the 实际完成值 cell, and Chromium sets "障" at its own line's widths,
        // flush with the row's 分值 "5" above it. A line between rows holds no 分值 or 得分 (a figure there is placed again
        // with those columns closed), so "障" stays the actual's: it had read "5障" as the weight, left unread.
        var form = Read(Synthetic832 + "\n");
        var row = form.Indicators[3];
        Assert.Equal(("年度投资计划按时序推进", "未发生故障", (decimal?)5m, (decimal?)5m), (row.Name, row.Actual, row.Weight, row.Score));
    }

    [Fact]
    public void A_target_a_blank_line_below_the_one_on_the_row_above_is_the_next_rows()
    {
        // Chromium's layout of a check-set form as printed (tuning half, standard synthetic 852): 完成办公家具 prints its
        // target and actual ("提升", "未完成") on its own line; 新建宣传栏's two-line target and three-line actual are
        // centred on its figures three lines further down, so their first lines stand nearer the row above. A target or
        // an actual is one run of lines, and the row above's is already whole on its line: the run is the row below's.
        var text = """
                                          财政项目支出绩效自评表
                                             (2023 年度)
               项目名称     食品安全抽检专项经费
               主管部门     上海市松江区民政局                         实施单位        上海市松江区民政信息中心
                         年初预算数 全年预算数                  全年执行数           分 执行率    得分
                                                                      值
                 年度资金 3728934.00 4508930.50      2390176.33           10 53.01%    5.301
                  总额
            项目资 其中：当
              金
             (元) 年财政拨
                  款
                      3728934.00 4508930.50      2390176.33           — 53.01%
                 上年结转                                                 —
                  资金
                 其他资金                                                 —
            年度总                       预期目标                            实际完成情况
            体目标 按年度计划推进项目实施，保障各项工作有序开展。                           已按计划完成年度目标。
                                            绩效指标
            一级指                                                   分               偏差原因分
             标        二级指标         三级指标     年度指标值       实际完成值     值       得分      析及改进措
                                                                                    施
                                 完成办公家具       提升      未完成    4            2       尚未验收
                                   购置
                      数量指标        新建宣传栏     带来经济效益, 带来了经济效益,
                                            提高工作效率 工作效率得到了
                                                       提高
                                                             2            1       进度滞后
            产出指                   培训场次       =30000家  未完成    5            3       尚未验收
             标
                                 资料归档完整       >80%          无     8       7.7     尚未验收
                      质量指标         性
                                 验收合格率      <=100万元      98.6万元   7        7
                      时效指标       各项工作完成      ≥90%        92.5%    2       2
                                  及时性
                  时效指标     项目完工        >=85%         90     1 1
            产出指标          单位运维支出        >80%        进行中     4 3.9 项目取消
                  成本指标
                        年度投资计划按时序推进      持续         持续      8 8
                          节约运行成本         完善         未完成     14 0 项目取消
            效益指标 经济效益指标   减少重复投入    满意度调查在85%以上 满意度调查在85%以上 8 8
                          降低运维支出    满意度调查在85%以上 满意度调查在85%以上 3 3
                             提升服务能力          =100      达到预期    2      2
                   社会效益指标    社会知晓率       满意度调查在85%以上 满意度调查在85%
                                                         以上    10     10
            效益指标             信息共享程度           ≥90%      92.5%  8      8
                           项目资料管理齐全性       资金按计划到位    资金按计划到位 1       1
                   可持续影响指标                  90%-100%
                           系统后续维护保障           >=95%      96%   2      2
            满意度指 服务对象满意度 社会氛围(营造良好生产、生     ≥2000人次     2136人次    1 1
             标     指标         活环境)
                                   总分                           100 75.901

            """;
        var form = Read(text + "\n");
        Assert.Equal(
        [
            ("完成办公家具购置", "提升", "未完成"),
            ("新建宣传栏", "带来经济效益,提高工作效率", "带来了经济效益,工作效率得到了提高"),
        ], form.Indicators.Take(2).Select(i => (i.Name, i.Target, i.Actual)));
    }

    [Fact]
    public void A_centred_level_spans_the_rows_its_name_cues_say_where_its_lines_leave_it_open()
    {
        // Chromium's layout of a print-shop form (tuning half, synthetic 038): 成本指标 is printed beside 项目成本控制 and
        // 经济效益指标 beside 带动相关产业发展, a wrapped row between them stretching the lines, so by the lines alone 成本
        // would reach down over 节约运行成本. The names say otherwise (节约: 经济效益; 产业: 经济效益): one row for 成本指标,
        // three for 经济效益指标.
        var input = Fixtures.Input("shop-tune-synthetic038-chromium-layout");
        var form = Assert.Single(Fixtures.Pipeline.Extract(input).Forms);
        Assert.Equal(("项目成本控制", "成本指标"), (form.Indicators[5].Name, form.Indicators[5].Level2));
        Assert.Equal(["经济效益指标", "经济效益指标", "经济效益指标"], form.Indicators.Skip(6).Take(3).Select(i => i.Level2));
        Assert.Equal(["节约运行成本", "带动相关产业发展", "节约运行成本"], form.Indicators.Skip(6).Take(3).Select(i => i.Name));
    }

    [Fact]
    public void Names_printed_from_the_top_of_their_cells_keep_their_last_lines()
    {
        // Chromium prints a cell's text from its top: "年接待人" on the row's line and "次" under it, which stands as near
        // the next row, whose own rest ("成率") lies as far below it. "次" is narrower than the next row's first line, so
        // it is no first line of that row's name: it is the rest of the row above's.
        var lines = Form.Split('\n').ToList();
        var first = lines.FindIndex(l => l.Contains("年接待人次"));
        var nameAt = lines[first].IndexOf("年接待人次", StringComparison.Ordinal);
        lines[first] = lines[first].Replace("年接待人次", "年接待人 ");
        var wrapped = lines.FindIndex(l => l.Contains("工作计划完"));
        var row = lines.FindIndex(l => l.Contains("成率"));
        var noteAt = lines[wrapped].IndexOf("部分工作未按", StringComparison.Ordinal);
        var rest = (new string(' ', nameAt) + "成率").PadRight(noteAt) + "计划完成";
        lines[row] = lines[row].Replace("成率   ", "工作计划完").Replace("计划完成", "部分工作未按");
        lines[wrapped] = new string(' ', nameAt) + "次";
        lines.Insert(row + 1, rest);
        AssertIndicators(Read(string.Join('\n', lines)));
    }

    [Fact]
    public void The_header_decides_the_column_order_not_the_template()
    {
        // The same text with 实际完成值 printed before 年度指标值: each figure is what its header says.
        var swapped = Form.Replace("年度指 实际完", "实际完 年度指").Replace("标值  成值", "成值  标值");
        AssertIndicators(Read(swapped), actualFirst: true);
    }

    [Fact]
    public void A_page_without_the_header_is_read_at_its_own_scale()
    {
        // pdftotext places each page by its own character width: the rows after the form feed stand 6 characters right.
        var lines = Form.Split('\n').ToList();
        var at = lines.FindIndex(l => l.Contains("服务规范性"));
        var moved = lines.Take(at).Append("\f      " + lines[at]).Concat(lines.Skip(at + 1).Select(l => "      " + l));
        AssertIndicators(Read(string.Join('\n', moved)));
    }

    [Fact]
    public void A_value_wrapped_under_its_label_s_line_is_not_given_to_the_label_a_line_above()
    {
        // Chromium's layout text of a print-shop form (tuning half): 主管部门's value wraps ("上海市宝山区行政服" / "务中心")
        // and its second line stands under it, below the indented 项目名称 of the line above, which is no label of
        // 主管部门's row and so does not end its cell.
        const string header = """
                              财政项目支出绩效自评表
                                   (2023 年度)
                 项目名称    网络系统运营经费（宝财行签[2023]257号）
            主管部门 上海市宝山区行政服
                   务中心                  实施单位             上海市宝山区行政服务
                                                         中心
                              年初           全年      全年 分 执行率 得分
                             预算数          预算数 执行数 值
                   年度资金总额 1527000.00 1527000.00 1135733 10 74.38% 7.44
            """;
        var document = new TextDumpReader().Read(SourceDocument.FromBytes("form.layout.txt", Encoding.UTF8.GetBytes(header))).Value;
        var rebuilt = new LayoutTableBuilder(new LabelMatcher(TemplateModel.Load("standard", null))).Rebuild(document.Rows).Value;
        var rows = rebuilt.Where(r => r.Origin is RowOrigin.LayoutGrid).Take(3).Select(r => r.Cells.Select(c => TextCleaner.Clean(c.Text)).ToList()).ToList();
        Assert.Equal(["项目名称", "网络系统运营经费（宝财行签[2023]257号）"], rows[0]);
        Assert.Equal(["主管部门", "上海市宝山区行政服务中心"], rows[1]);
        Assert.Equal(["实施单位", "上海市宝山区行政服务中心"], rows[2]);
    }

    [Fact]
    public void Text_without_layout_is_left_to_the_reading_in_order()
    {
        // pdftotext -raw: one space between cells, so character columns say nothing and no table is rebuilt.
        var raw = string.Join('\n', Form.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        var document = new TextDumpReader().Read(SourceDocument.FromBytes("form.raw.txt", Encoding.UTF8.GetBytes(raw))).Value;
        var rebuilt = new LayoutTableBuilder(new LabelMatcher(TemplateModel.Load("standard", null))).Rebuild(document.Rows).Value;
        Assert.DoesNotContain(rebuilt, r => r.Origin is RowOrigin.LayoutGrid);
        Assert.Equal(document.Rows, rebuilt);
    }

    [Fact]
    public void The_rebuilt_rows_are_one_cell_per_header_column()
    {
        var document = new TextDumpReader().Read(SourceDocument.FromBytes("form.layout.txt", Encoding.UTF8.GetBytes(Form))).Value;
        var rebuilt = new LayoutTableBuilder(new LabelMatcher(TemplateModel.Load("standard", null))).Rebuild(document.Rows).Value;
        var table = rebuilt.Where(r => r.Origin is RowOrigin.LayoutGrid).ToList();
        // The header block: label | value rows; funding: a header and four lines of seven columns; indicators: a header
        // and five rows of eight.
        Assert.Equal([2, 2, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8], table.Select(r => r.Cells.Length));
        Assert.Equal(["项目名称", "服务费"], table[0].Cells.Select(c => c.Text));
        Assert.Equal(["主管部门", "上海市宝山区行政服务中心"], table[1].Cells.Select(c => c.Text));
        table.RemoveRange(0, 2);
        Assert.Equal(["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"], table[0].Cells.Select(c => c.Text));
        // 质量指标 is printed once, between its rows: the row below it carries it, as a rowspan would.
        Assert.Equal(("质量指标", false), (table[7].Cells[1].Text, table[7].Cells[1].Carried));
        Assert.Equal(("质量指标", true), (table[8].Cells[1].Text, table[8].Cells[1].Carried));
        // A wrapped name keeps the line it started on.
        Assert.Equal("工作计划完\n成率", table[7].Cells[2].Text);
        Assert.Equal(22, table[7].Cells[2].Source.Line);
    }

    [Fact]
    public void A_funding_block_whose_amounts_all_wrapped_is_read_in_its_columns_not_order_free()
    {
        // Calc's layout text of a print-shop form (tuning half): every amount wrapped in its narrow cell ("4874919.0" /
        // "0"), each line's first figure on a line of its own, the 当年财政拨款 label against its amount. The columns
        // still hold (each column's figures stand at one place), so the block is rebuilt by them and every line read in
        // its cells — the order-free reading, which placed 年度资金总额 by its rate and left 当年财政拨款 unread, is not needed.
        var form = Assert.Single(Fixtures.Pipeline.Extract(Fixtures.Input("shop-tune-synthetic004-calc-layout")).Forms);
        var total = form.Funding.Total!;
        Assert.Equal((4874919.0m, 4874919.0m, 3159604m, 10m, 64.81m, 6.48m),
            (total.InitialBudget, total.AnnualBudget, total.Executed, total.Weight, total.ExecutionRate, total.Score));
        var fiscal = form.Funding.Fiscal!;
        Assert.Equal((4874919.0m, 4874919.0m, 3159604m), (fiscal.InitialBudget, fiscal.AnnualBudget, fiscal.Executed));
        Assert.Equal((0m, 0m), (form.Funding.Carryover!.InitialBudget!.Value, form.Funding.Other!.AnnualBudget!.Value));
        Assert.DoesNotContain(form.Warnings, w => w.Code == DiagnosticCodes.OrderFree.Id || w.Code == DiagnosticCodes.AmountColumnUnknown.Id);
        Assert.Equal([34m, 1m, 55m], form.Indicators.Select(i => i.Weight ?? -1));
    }

    /// <summary>The form above with its funding block (header to 其他资金) printed another way.</summary>
    private static CleanedForm WithFunding(string block)
    {
        var lines = Form.Split('\n');
        var head = lines.TakeWhile(l => !l.Contains("年初预")).ToList();
        var tail = lines.SkipWhile(l => !l.StartsWith("绩效指标", StringComparison.Ordinal)).ToList();
        return Read(string.Join('\n', head.Concat(block.Split('\n')).Concat(tail)));
    }

    private static void AssertLine(FundingLine? line, decimal? initial, decimal? annual, decimal? executed) =>
        Assert.Equal((initial, annual, executed), (line?.InitialBudget, line?.AnnualBudget, line?.Executed));

    /// <summary>The total line's amounts and scores, and the 当年财政拨款 line's amounts, the same as the total's.</summary>
    private static void AssertTotalAndFiscal(CleanedForm form, decimal initial, decimal annual, decimal executed, decimal weight, decimal rate, decimal score)
    {
        AssertLine(form.Funding.Total, initial, annual, executed);
        Assert.Equal((weight, rate, score), (form.Funding.Total!.Weight, form.Funding.Total.ExecutionRate, form.Funding.Total.Score));
        AssertLine(form.Funding.Fiscal, initial, annual, executed);
    }

    [Fact]
    public void A_tall_funding_row_with_its_amounts_wrapped_above_and_below_its_labelled_line_is_one_row()
    {
        // Writer's layout of a print-shop form (tuning half): a narrow 全年预算数 wraps "8800240.0" / "0" round the
        // row's middle line, which holds the label, 年初预算数, 分值 and 得分; the rate "90.20" / "%" likewise; the
        // 当年财政拨款 label wraps round a line of figures alone. The lines' first figures stand in different columns, yet
        // each column's figures stand at one place: the block is laid out, and each row is its three lines.
        var form = WithFunding("""
                         年初预          全年预      全年
                                                         分值 执行率 得分
                         算数           算数       执行数
                                      8800240.0 7938184.6      90.20
                年度资金总额   7891816.50                       10         9.02
        项目资金                          0         0              %
        (元)  其中：当年财政                  8800240.0 7938184.6
                     7891816.50                           —
             拨款                       0         0
                上年结转资金   0.00         0.00               —
                其他资金     0.00         0.00               —
        """);
        var total = form.Funding.Total!;
        AssertLine(total, 7891816.50m, 8800240.00m, 7938184.60m);
        Assert.Equal((10m, 90.20m, 9.02m), (total.Weight, total.ExecutionRate, total.Score));
        AssertLine(form.Funding.Fiscal, 7891816.50m, 8800240.00m, 7938184.60m);
        AssertLine(form.Funding.Carryover, 0m, 0m, null);
        AssertLine(form.Funding.Other, 0m, 0m, null);
        // None of the block's lines is taken for an indicator row.
        AssertIndicators(form);
    }

    [Fact]
    public void A_line_label_wrapped_round_its_lone_dash_is_that_lines_label()
    {
        // Chromium's layout of a check-set form (tuning half, standard synthetic 1020, as printed): the narrow label
        // column wraps 上年结转资金 as "上年结" / "转资金" round the line of its one "—", and 其他资金 as "其他资" / "金". With
        // no label on the dash's line, neither line was a row: their pieces joined the 当年财政拨款 row's label, which then
        // named no line, and its amounts were lost ("资金行没有可识别的标签").
        var form = Read(Synthetic1020);
        AssertLine(form.Funding.Total, 6890223.16m, 6980778.50m, 3629872.37m);
        AssertLine(form.Funding.Fiscal, 6890223.16m, 6980778.50m, 3629872.37m);
        Assert.Equal(52.00m, form.Funding.Fiscal!.ExecutionRate);
        Assert.DoesNotContain(form.Warnings, w => w.Code == "grid.row-lost");
    }

    [Fact]
    public void A_whole_amount_glued_to_its_weight_is_cut_where_the_score_says_and_the_line_is_warned()
    {
        // Chromium's layout of a check-set form (tuning half, standard synthetic 1030, as printed): padding of one point
        // glues the total line's 全年执行数 to its 分值 ("592472910") and the 当年财政拨款 line's to its dash ("5924729—").
        // Read whole, the total's 全年执行数 was 592,472,910 with no warning. 8.92 is 89.24% of 10, and of no other tail.
        var form = WithFunding("""
                         年初           全年预        全年执    分值       执行率 得分
                         预算数          算数         行数
        项目资金 年度资金总额      6639228.19   6639228.19 592472910       89.24% 8.92
        (元)  其中：当年财政拨款   6639228.19   6639228.19 5924729—
             上年结转资金      0.00         0.00              —
             其他资金        0.00         0.00              —
        """);
        var total = form.Funding.Total!;
        AssertLine(total, 6639228.19m, 6639228.19m, 5924729m);
        Assert.Equal((10m, 89.24m, 8.92m), (total.Weight, total.ExecutionRate, total.Score));
        AssertLine(form.Funding.Fiscal, 6639228.19m, 6639228.19m, 5924729m);
        Assert.Contains(form.Warnings, w => w.Code == DiagnosticCodes.AssignedByArithmetic.Id && w.Message.Contains("592472910"));
        AssertIndicators(form);
    }

    [Fact]
    public void A_funding_line_squeezed_beside_its_label_is_still_laid_out()
    {
        // Chromium's layout of a check-set form (tuning half, standard synthetic 1006, as printed): the 当年财政拨款 line
        // sets "(元)" and its amounts at its own widths, "31667.50 31667.50" one space apart, four and eleven characters
        // left of the total line's. Its figures stand in no column with the others', yet the block's lines are a layout's
        // (two spaces or more between their cells); read as text without layout, the whole block went to the header.
        var form = WithFunding("""
                               年初             全年预                全年执           分
                                                                                  执行率    得分
                              预算数              算数                行数            值
                  年度资金总额     31667.50        31667.50            24457         10 77.23% 7.72
        项目资金
                 其中：当年财政
         (元)             31667.50 31667.50                       24457         —
                    拨款
                  上年结转资金                                                  —
                   其他资金                                                   —
        """);
        AssertLine(form.Funding.Total, 31667.50m, 31667.50m, 24457m);
        AssertLine(form.Funding.Fiscal, 31667.50m, 31667.50m, 24457m);
        Assert.Equal((10m, 77.23m, 7.72m), (form.Funding.Total!.Weight, form.Funding.Total.ExecutionRate, form.Funding.Total.Score));
        AssertIndicators(form);
    }

    [Fact]
    public void Amounts_printed_one_space_apart_and_cut_inside_a_group_of_thousands_are_read_whole()
    {
        // Writer's layout: the narrow amount columns print "7,492,661.5 3,430,39" one space apart, their last characters
        // ("0", "6") on the line below; "3,430,39" is no figure until joined, so both went to the label, and "6" was an
        // amount of another line.
        var form = WithFunding("""
                             年初预         全年预        全年
                                                              分值       执行率         得分
                              算数         算数        执行数
                                      7,492,661.5 3,430,39
               年度资金总额 1,450,357.00                            10      45.78%       4.58
        项目资金                               0          6
         (元) 其中：当年财              7,492,661.5 3,430,39
                    1,450,357.00                               —
              政拨款                     0          6
               上年结转资金        0.00         0.00                 —
                其他资金         0.00         0.00                 —
        """);
        AssertTotalAndFiscal(form, 1450357.00m, 7492661.50m, 3430396m, 10m, 45.78m, 4.58m);
        AssertLine(form.Funding.Carryover, 0m, 0m, null);
        Assert.Null(form.Funding.Carryover!.Weight);
    }

    [Fact]
    public void An_amount_cut_at_its_decimal_point_is_read_whole()
    {
        // Calc's layout: "7,492,661" over the row's line, ".50" under it.
        var form = WithFunding("""
                                              年初预           全年预        全年
                                                                                      分值                 执行率            得分
                                              算数            算数        执行数


                                                           7,492,661
                             年度资金总额        1,450,357.00              3,430,396         10                45.78%         4.58
                                                              .50


             项目资金
              (元)                                          7,492,661
                          其中：当年财政拨款        1,450,357.00              3,430,396         —
                                                              .50


        """);
        AssertLine(form.Funding.Total, 1450357.00m, 7492661.50m, 3430396m);
        AssertLine(form.Funding.Fiscal, 1450357.00m, 7492661.50m, 3430396m);
    }

    [Fact]
    public void An_unscored_line_at_its_own_widths_keeps_its_amounts_in_the_amount_columns_and_its_dash_under_the_weight()
    {
        // Chromium lays each line at its own widths: "上年结转 0.00  0.00  —" puts its second amount under 分值 and its
        // dash under 得分 by position; a 分值 of 0.00 on a line the template does not score was a wrong figure unwarned.
        var form = WithFunding("""
                       年初预算数 全年预算数 全年执行数 分值 执行率 得分
                 年度资金 7,770,877.00 7,770,877.00 3,983,381.17 10 51.26% 5.13
                  总额
          项目资金 其中：当
           (元)   年财政拨 7,770,877.00 7,770,877.00 3,983,381.17 —
                  款
                 上年结转 0.00             0.00                  —
                  资金
                 其他资金 0.00             0.00                  —
        """);
        AssertLine(form.Funding.Total, 7770877.00m, 7770877.00m, 3983381.17m);
        foreach (var line in new[] { form.Funding.Carryover, form.Funding.Other })
        {
            AssertLine(line, 0m, 0m, null);
            Assert.Equal(((decimal?)null, (decimal?)null), (line!.Weight, line.Score));
        }
    }

    [Fact]
    public void A_line_that_prints_its_actual_under_the_weight_and_its_score_past_it_is_read_by_its_trailing_pair()
    {
        // Chromium's layout of a print-shop form (tuning half), each line at its own widths: "设备购置数量 >=85% 90 3 3"
        // sets the actual 90 under 分值 and the row's 3 3 under 得分 and 偏差原因. A note is words, never a bare figure:
        // the line's last two small figures are its 分值 and 得分, the 90 its actual.
        var form = Read("""
                                       2022年度财政项目支出绩效自评表
        项目名称               智慧城市平台建设服务费（长宁财预[2022]88号）
        主管部门    上海市长宁区民政局                            实施单位         上海市长宁区民政局
                           年初预算数        全年预算数 全年执行数               分值 执行率 得分
        项目资金    年度资金总额     4,241,338.50 4,241,338.50 2,170,446    10 51.17% 5.12
        (元)     其中：当年财政拨款 4,241,338.50  4,241,338.50 2,170,446    —
                上年结转资金     0.00         0.00                      —
                其他资金       0.00         0.00                      —
        年度总体目标 预期目标
                按年度计划推进项目实施，保障各项工作有序开展。
                                                     实际完成情况
                                                     已按计划完成年度目标。
           一级指标 二级指标       三级指标         年度指标值 实际完成值 分值 得分                   偏差原因分析及改进措施
                           完成巡查次数       提升           有所提升 6 6
                数量指标       设备购置数量       >=85%        90        3 3
        绩                  培训场次         持续           持续        1 1
        效       质量指标       服务规范性        =55人         =55人      9 9
        指 产出指标 时效指标        各项工作完成及时性 >=85%           90        1 1
        标                  按计划节点完成      >=85%        90        15 15
                           预算控制率        =12次         12次       6 5          部分工作未按计划完成，下年度加强跟踪
                成本指标       项目成本控制       完善           基本完善 3 3
                           项目成本控制       ≥2000人次 2136人次 5 5
                              节约运行成本          =55人      =55人     3 3
                  经济效益指标      节约运行成本          ≥2000人次   2136人次   3 3
        绩                     带动相关产业发展        =55人      =55人     3 3
        效 效益指标    社会效益指标      对优化营商环境持续发挥作用   持续        持续       1 1
        指                     群众办事便利度提升       =55人      =55人     6 3       进度滞后
        标                     绿化覆盖率           ≥90%      92.5%    8 8
                  生态效益指标      绿化覆盖率           =55人      =55人     1 1
          满意度指标   服务对象满意度指标   受众满意度           提升        有所提升     16 15     进度滞后
        总分                                                       100 90.12
        """);
        (string Target, string Actual, decimal Weight, decimal Score)[] expected =
        [
            ("提升", "有所提升", 6, 6),
            (">=85%", "90", 3, 3),
            ("持续", "持续", 1, 1),
            ("=55人", "=55人", 9, 9),
            (">=85%", "90", 1, 1),
            (">=85%", "90", 15, 15),
            ("=12次", "12次", 6, 5),
            ("完善", "基本完善", 3, 3),
            ("≥2000人次", "2136人次", 5, 5),
            ("=55人", "=55人", 3, 3),
            ("≥2000人次", "2136人次", 3, 3),
            ("=55人", "=55人", 3, 3),
            ("持续", "持续", 1, 1),
            ("=55人", "=55人", 6, 3),
            ("≥90%", "92.5%", 8, 8),
            ("=55人", "=55人", 1, 1),
            ("提升", "有所提升", 16, 15)
        ];
        Assert.Equal(expected, form.Indicators.Select(i => (i.Target!, i.Actual!, i.Weight!.Value, i.Score!.Value)));
        Assert.DoesNotContain(form.Indicators, i => i.Note is { } note && note.All(char.IsAsciiDigit));
    }

    [Fact]
    public void A_header_label_a_line_at_its_own_widths_printed_in_two_pieces_side_by_side_is_one_label()
    {
        // Chromium: "偏差原因        分析及改" on one line, "进措施" under the second piece. Stacked by place the two halves
        // never meet, and without the 偏差原因 column a row's note had no column: the row was lost.
        var form = Read("""
                                财政项目支出绩效自评表
                                      (2021 年度)
                项目名称          公共法律服务经费（崇明财预[2021]400号）
           主管部门 上海市崇明区科学技术委员会                      实施单位 上海市崇明区科学技术委员会
                      年初预           全年           全年 分 执行率                  得分
                       算数          预算数          执行数 值
            年度资金总 7,664,320.00 6,529,479.38 3,970,246.79 10 60.80%         6.08
        项目     额
        资金 其中：当年 7,664,320.00 6,529,479.38 3,970,246.79 —
        (元) 财政拨款
            上年结转资      0.00         0.00                 —
               金
             其他资金      0.00         0.00                 —
            年度                 预期目标                         实际完成情况
            总体     按年度计划推进项目实施，保障各项工作有序 已按计划完成年度目标。
            目标     开展。
              一级       二级               三级          年度指 实际 分 得分 偏差原因        分析及改
              指标       指标               指标           标值 完成值 值                进措施
                     时效指标          按计划节点完成           及时 及时 7 7
             产出指标                    响应及时率          =55人 =55人 2 2
                     成本指标            预算控制率           及时 及时 20 20
                                     预算控制率          >=85% 90 8 8
         绩                          节约运行成本           提升    有所提 2 2
         效          经济效益指标                                  升
         指                        带动相关产业发展          >=85%   90    4    3   资金执行
         标                                                                 偏慢
             效益指标 社会效益指标 对优化营商环境持续发挥作 =55人 =55人 8 8
                                         用
                    生态效益指标          环境质量改善          ≥90% 92.5% 14 14
                   可持续影响指标 长效管理制度健全性
                                 长效管理制度健全性
                                                    >=95% 96% 9 9
                                                     及时 及时 6 6
            满意度指标 服务对象满意度
                       指标            受众满意度          =55人 =55人 10 10
                                总分                               100 95.08
        """);
        var row = Assert.Single(form.Indicators, i => i.Name == "带动相关产业发展");
        Assert.Equal((">=85%", 4m, 3m, "资金执行偏慢"), (row.Target, row.Weight!.Value, row.Score!.Value, row.Note));
        Assert.Equal(11, form.Indicators.Length);
    }

    [Fact]
    public void Two_figures_glued_into_one_word_are_read_as_neither_where_the_weights_say_so()
    {
        // pdftotext glued the row's 分值 and 得分 ("5 5" → "55"): read in order, the actual 95 was the 分值 and 55 the
        // 得分, the actual empty — wrong figures with no warning. The 分值 then add up to the 总分's 95 only as [95 the
        // actual, 55 a glued 5 and 5]: the actual is 95, the two figures are left unread and said to be glued.
        var glued = Form.Replace("成率           >90%  95      10    8       计划完成", "成率           >90%  95      55            计划完成")
            .Replace("总分                                                 100   98", "总分                                                 95    98");
        var form = Read(glued);
        var row = form.Indicators[1];
        Assert.Equal((">90%", "95", (decimal?)null, (decimal?)null), (row.Target, row.Actual, row.Weight, row.Score));
        Assert.Equal(["indicators[1].score", "indicators[1].weight"],
            form.Warnings.Where(w => w.Code == "grid.figures-joined").Select(w => w.Field).Order());
        Assert.Equal((30m, 30m), (form.Indicators[0].Weight, form.Indicators[0].Score));
    }

    [Fact]
    public void A_tall_rows_weight_and_score_on_two_lines_beside_a_full_row_are_its_pair()
    {
        // Chromium's layout of a print-shop form (tuning half): "98.6万 <=100万 11" over "元 元 8 资金执行偏慢", the next
        // row full on the line below. Neither line is a row by itself beside a full row, and the row was lost into the
        // next one (its 得分 joined the next row's: "847"). A 分值 alone over a no greater 得分 alone is one row's pair.
        var form = Read("""
        财政项目支出绩效自评表
        (2022 年度)
        项目名称         公共文化设施维护专项经费
        主管部门         上海市徐汇区生态环境局                             实施单位 上海市徐汇区
                                                                       生态环境局
                     年初预          全年            全年执          分 执行率 得分
                     算数           预算数           行数           值
               年度资金总 2,708,913.50 2,708,913.50  2,664,762.56 10 98.37% 9.84
        项目资    额
        金      其中：当年 2,708,913.50 2,708,913.50               —
        (元) 财政拨款
               上年结转资 0.00         0.00                       —
               金
               其他资金 0.00          0.00                       —
        年度           预期目标                                       实际完成情况
        总体
        目标           按年度计划推进项目实施，保障各项工作有序开展。 已按计划完成年度目标。
        绩效指标
        一级 二级        三级           实际 年度 分值                             偏差
        指标 指标        指标           完成值 指标值                       得分 原因分析及改
                                                                       进措施
               质量指标 系统运行稳定
                     率
                                  98.6万 <=100万 11
                                  元       元                     8      资金执行偏慢
        产出指 时效指标 响应及时率 100% =100% 47                            47
        标            项目成本控制 90            >=85% 9               9
               成本指标
                     项目成本控制 基本完   善       完善 1                  1
        效益指 生态效益指 环境质量改善 12次 =12次 12                            12
        标      标     绿化覆盖率 100% =100% 2                         2
        满意度 服务对象满 群众满意率 90                >=85% 8               8
        指标 意度指标
        总分                                      100             96.84
        """);
        Assert.Equal(("系统运行稳定率", 11m, 8m, "资金执行偏慢"), (form.Indicators[0].Name, form.Indicators[0].Weight!.Value, form.Indicators[0].Score!.Value, form.Indicators[0].Note));
        Assert.Equal(("响应及时率", 47m, 47m, (string?)null), (form.Indicators[1].Name, form.Indicators[1].Weight!.Value, form.Indicators[1].Score!.Value, form.Indicators[1].Note));
        Assert.Equal(7, form.Indicators.Length);
    }

    /// <summary>The form with the lines from <paramref name="first"/> to <paramref name="last"/> (each a line's own text, trimmed) replaced.</summary>
    private static string Replaced(string first, string last, params string[] with)
    {
        var lines = Form.Split('\n').ToList();
        var from = lines.FindIndex(l => l.Trim().StartsWith(first, StringComparison.Ordinal));
        var to = lines.FindIndex(from, l => l.Trim().StartsWith(last, StringComparison.Ordinal));
        return string.Join('\n', lines.Take(from).Concat(with).Concat(lines.Skip(to + 1)));
    }

    [Fact]
    public void A_row_s_pair_split_over_two_lines_and_set_right_of_its_labels_is_still_its_pair()
    {
        // Chromium's layout text of a print-shop form (tuning half, synthetic 424): a line lifted by a "≥" in a
        // fallback font holds the row's measures and its 分值, set under the 得分 label; the next line holds the name and
        // the 得分, set past its label under 偏差原因. Neither line is a row; read apart, the row was lost into the next.
        var form = Read(Replaced("数量指标", "数量指标",
            "        数量指标                         >2000 2000          30",
            "                        年接待人次                                      30"));
        var row = form.Indicators[0];
        Assert.Equal(("年接待人次", ">2000", "2000", 30m, 30m, (string?)null), (row.Name, row.Target, row.Actual, row.Weight!.Value, row.Score!.Value, row.Note));
        Assert.Equal(Expected.Length, form.Indicators.Length);
    }

    [Fact]
    public void Rows_whose_pairs_stand_on_the_lines_below_them_keep_their_own_cells()
    {
        // Chromium's layout text of a print-shop form (tuning half, synthetic 440): each row's cells on one line and its
        // centred 分值/得分 on the next. The second row's line stands between two pair lines, the first's target as far
        // above it as the row's own below: it was read as the first row's wrapped cells.
        AssertIndicators(Read(Replaced("数量指标", "产出指标",
            "        数量指标            年接待人次        >2000 2000",
            "                                                   30    30",
            "产出指标                    工作计划完成率      >90%  95",
            "                                                   10    8       部分工作未按计划完成")));
    }

    [Fact]
    public void A_measure_lifted_above_its_row_is_not_appended_to_the_row_above()
    {
        // Chromium's layout text of a print-shop form (tuning half, synthetic 462): a "≥" from a fallback font lifts the
        // target with the first line of the row's name to a line between two rows; the row above has its own target.
        var form = Read(Replaced("服务规范性", "效益指标",
            "                        服务规范性        达标    达标      10    10",
            "                        长效管理制度       ≥90%",
            "效益指标 可持续影响指标            健全性                92.5%   30    30"));
        Assert.Equal(("服务规范性", "达标"), (form.Indicators[2].Name, form.Indicators[2].Target));
        Assert.Equal(("长效管理制度健全性", "≥90%", "92.5%"), (form.Indicators[3].Name, form.Indicators[3].Target, form.Indicators[3].Actual));
    }

    [Fact]
    public void Measures_whose_units_wrapped_are_a_target_and_an_actual_though_their_line_stands_left()
    {
        // Chromium's layout text of a print-shop form (check set, synthetic 866): a line laid out at its own widths,
        // left of the header, holds the name's first line, "<=100万" and "98.6万" one space apart (both under the
        // 年度指标值 label) and the 分值; their units' last characters and the 得分 are on the next line. The two
        // measures went to the target as one, and so did the two "元".
        var form = Read(Replaced("数量指标", "数量指标",
            "        数量指标      设备购置数       <=100万 98.6万  30",
            "                  量               元     元         30"));
        var row = form.Indicators[0];
        Assert.Equal(("设备购置数量", "<=100万元", "98.6万元", 30m, 30m), (row.Name, row.Target, row.Actual, row.Weight!.Value, row.Score!.Value));
        Assert.Equal(Expected.Length, form.Indicators.Length);
    }

    [Fact]
    public void A_name_line_longer_than_the_line_above_it_starts_the_next_rows_name()
    {
        // Chromium's layout text of a print-shop form (check set, synthetic 822): the first row's name alone on a line,
        // the second row's name beside the first row's figures, the second row's figures on the next line with no name.
        // "年接待人次" is shorter than "工作计划完成率" under it: a cell wraps only where its line is full, so the
        // second line starts another cell. It had been the first row's name, the second row's left empty.
        var form = Read(Replaced("数量指标", "产出指标",
            "                        年接待人次",
            "        数量指标            工作计划完成率    >2000 2000    30    30",
            "产出指标                                 >90%  95      10    8       部分工作未按计划完成"));
        Assert.Equal(["年接待人次", "工作计划完成率", "服务规范性"], form.Indicators.Take(3).Select(i => i.Name));
        Assert.Equal(("部分工作未按计划完成", 8m), (form.Indicators[1].Note, form.Indicators[1].Score!.Value));
    }

    [Fact]
    public void A_short_first_name_line_before_a_longer_one_ends_the_name_of_the_row_above()
    {
        // The last line of a wrapped name ("成率") set just over the next row's name, two lines below its own row's figures:
        // it is shorter than the line after it, so it ends a cell, and the row above's last line is full. It had begun
        // the next row's name.
        var form = Read(Replaced("数量指标", "服务规范性",
            "        数量指标            年接待人次        >2000 2000    30    30",
            "                        工作计划完",
            "产出指标                                 >90%  95      10    8       部分工作未按计划完成",
            "        质量指标",
            "                        成率",
            "                        服务规范性        达标    达标      10    10"));
        AssertIndicators(form);
    }

    [Fact]
    public void Two_line_names_in_a_narrow_column_keep_their_second_lines_as_the_table_shows_them_going()
    {
        // Chromium's layout text (check set, synthetic 862): names three characters wide, two lines each, the row's
        // figures on the first line and the second line alone below, as far from the next row's line as from its own.
        // "传栏" and "格率" are narrower than the lines around them, so they end the rows above them: the table sets its
        // two-line cells' second lines below their rows. "线时间" had gone to the next row, "维支出" two lines down
        // standing as its mirror, and every name from there on had lost its end to the row below.
        var form = Read("""
                              财政项目支出绩效自评表
                                  (2020 年度)
          项目名称 智慧城市平台建设经费
             主管部门     上海市徐汇区退役军人事务 实施单位 上海市徐汇区退役军人事务监
                      局                              测站
                       年初预算数 全年预算数 全年执行         数 值
                                                     分 执行率      得分
        项目资 年度资金总额 1,475,047.50 1,475,047.50 903,450 10 61.25%  6.12
          金 其中：当年财政 1,475,047.50 1,475,047.50        —
         (元)    拨款
              上年结转资金 0.00             0.00           —
               其他资金      0.00         0.00           —
                       预期目标
        年度总 按年度计划推进项目实施，保障各项工作有                        实际完成情况
        体目标 序开展。                              已按计划完成年度目标。
                                    绩效指标
        一级指 二级指 三级指 实际完成值 年度指标值 分值 得 偏差原因分析及改进措施
          标 标 标                                      分
              数量指 新建宣 90            >=85%       4 4
               标 传栏
              质量指 验收合 及时              及时        13   9 部分工作未按计划完成，
        产出指 标 格率                                       下年度加强跟踪
          标 时效指 系统上 有所提升              提升        16 16
               标 线时间
              成本指 单位运 90%            >80%       1 1
               标 维支出
                  降低运 90%            >80%       2 2
              经济效 维支出
              益指标 节约运 92.5%         ≥90%        3 3
                  行成本
        效益指 社会效 信息共 持续                持续        12 12
          标 益指标 享程度
                      总分                  100 83.12
        """);
        Assert.Equal(["新建宣传栏", "验收合格率", "系统上线时间", "单位运维支出", "降低运维支出", "节约运行成本", "信息共享程度"],
            form.Indicators.Select(i => i.Name));
        Assert.Equal([">=85%", "及时", "提升", ">80%", ">80%", "≥90%", "持续"], form.Indicators.Select(i => i.Target));
    }

    [Fact]
    public void A_level_label_s_pieces_standing_over_the_name_column_stay_level_pieces()
    {
        // Chromium's layout text of a print-shop form in a narrow grid (tuning half, synthetic 460): "质量指" / "标"
        // of a wrapped 二级指标 stand nearer the names than their own column, the first one on the row's line just
        // before its name.
        var form = Read(Replaced("质量指标", "服务规范性",
            "                  质量指   服务规范性        达标    达标      10    10",
            "                  标"));
        Assert.Equal(("质量指标", "服务规范性"), (form.Indicators[2].Level2, form.Indicators[2].Name));
        Assert.Equal("工作计划完成率", form.Indicators[1].Name);
    }

    /// <summary>A funding line's three amounts: 年初预算数, 全年预算数, 全年执行数.</summary>
    private static (decimal?, decimal?, decimal?) Amounts(FundingLine? line) =>
        (Assert.IsType<FundingLine>(line).InitialBudget, line.AnnualBudget, line.Executed);

    [Fact]
    public void A_funding_line_whose_label_moves_its_figures_keeps_them_in_the_fullest_line_s_columns()
    {
        // Chromium's layout text of a print-shop form (tuning half, synthetic 482): "(元) 年财政拨" sets the fiscal line's
        // two budgets two characters left of the total line's, its 全年预算数 centred under 全年执行数's label. Read by
        // the labels, 3419897.50 was the fiscal 全年执行数, with no warning.
        var form = Read(Replaced("主管部门", "其他资金",
            "    主管部门     上海市普陀区民政局                 实施单 上海市普陀区民政局",
            "                                        位",
            "              年初预算数 全年预算数 全年执行数 分          值 执行率        得分",
            "        年度资金 3419897.50 3419897.50 1554951 10 45.47%     4.55",
            "         总额",
            " 项目资金 其中：当",
            "  (元) 年财政拨 3419897.50 3419897.50           —",
            "         款",
            "        上年结转    0.00       0.00            —",
            "         资金",
            "        其他资金    0.00       0.00            —"));
        Assert.Equal((3419897.50m, 3419897.50m, 1554951m), Amounts(form.Funding.Total));
        Assert.Equal((3419897.50m, 3419897.50m, (decimal?)null), Amounts(form.Funding.Fiscal));
        Assert.Equal((0m, 0m, (decimal?)null), Amounts(form.Funding.Carryover));
    }

    [Fact]
    public void A_centred_figure_is_in_the_column_of_the_figure_it_is_centred_under()
    {
        // Chromium's layout text of a print-shop form in centred cells (tuning half, synthetic 442): the carryover's second
        // "0.00" is centred under the total line's 全年预算数 but nearer the 全年执行数 label.
        var form = Read(Replaced("主管部门", "其他资金",
            "主管部门 上海市杨浦区规划和自然资源局                     实施单位      上海市杨浦区规划和自然资源局",
            "             年初预算数 全年预算数 全年执行数 分值 执行率                           得分",
            "      年度资金总额 4113433.51 4113433.51 3806002.00  10   92.53%      9.25",
            "项目资金 其中：当年财 4113433.51 4113433.51 3806002.00   —",
            " (元)    政拨款",
            "      上年结转资金 0.00          0.00                —",
            "       其他资金     0.00       0.00                —"));
        Assert.Equal((4113433.51m, 4113433.51m, 3806002.00m), Amounts(form.Funding.Total));
        // (Both unscored lines print their two budgets and nothing under 全年执行数.)
        Assert.All([form.Funding.Carryover, form.Funding.Other], line => Assert.Equal((0m, 0m, (decimal?)null), Amounts(line)));
    }

    [Fact]
    public void Short_figures_that_two_shifts_line_up_with_other_columns_stay_where_they_stand()
    {
        // Chromium's layout text of a print-shop form (tuning half, synthetic 1958): the carryover's right-aligned "0.00"s
        // end where the total line's 年初预算数 ends and two characters past its 全年预算数; shifted one way the second
        // lines up with the 全年执行数, three the other way with the 全年预算数. No shift is the line's: it had gone to
        // 全年执行数, read with no warning.
        var form = Read(Replaced("主管部门", "其他资金",
            "      主管部门     上海市长宁区卫生健康委员会    实施单位     上海市长宁区卫生健康委员会",
            "                 年初预算数      全年预算数        全年执行数     分值      执行率             得分",
            "      年度资金总额 2471096.00 2471096.00 1806777.00       10     73.12%          7.31",
            "项目资金 其中：当年财 2471096.00 2471096.00                  —",
            "(元)    政拨款",
            "      上年结转资金       0.00          0.00               —",
            "       其他资金        0.00          0.00               —"));
        Assert.Equal((2471096.00m, 2471096.00m, 1806777.00m), Amounts(form.Funding.Total));
        Assert.All([form.Funding.Carryover, form.Funding.Other], line => Assert.Equal((0m, 0m, (decimal?)null), Amounts(line)));
    }

    [Fact]
    public void Two_rows_whose_lines_interleave_are_read_apart_in_their_order()
    {
        // Chromium's layout text of print-shop forms (tuning half, synthetics 420 and 486): a "≥" in a fallback font lifts
        // one row's whole line between another's: the first row's name and target, the second row whole, then the first
        // row's actual and pair. Read by nearness, the first row's name and target joined the second row and the first
        // row came out after it, with no name — its pair read unwarned in a row the form does not have.
        var form = Read(Replaced("数量指标", "产出指标",
            "        数量指标            年接待人次        >2000",
            "产出指标                    工作计划完成率      >90%  95      10    8       部分工作未按计划完成",
            "                                           2000    30    30"));
        Assert.Equal(("年接待人次", ">2000", "2000", 30m, 30m), (form.Indicators[0].Name, form.Indicators[0].Target, form.Indicators[0].Actual, form.Indicators[0].Weight!.Value, form.Indicators[0].Score!.Value));
        Assert.Equal(("工作计划完成率", ">90%", "95", 10m, 8m), (form.Indicators[1].Name, form.Indicators[1].Target, form.Indicators[1].Actual, form.Indicators[1].Weight!.Value, form.Indicators[1].Score!.Value));
        Assert.Equal(Expected.Length, form.Indicators.Length);
    }

    [Fact]
    public void Figures_the_layout_glued_are_read_apart_at_their_own_columns()
    {
        // Chromium's layout text of a print-shop form (tuning half, synthetic 564): a 全年执行数 glued to the 分值 after
        // its cents ("1662653.0010") and to the fiscal line's dash ("1662653.00—"). Read glued, the total line set no
        // column for the others, and the carryover's second "0.00" went to 全年执行数 with no warning.
        var form = Read(Replaced("主管部门", "其他资金",
            "主管部门             上海市普陀区卫生健康委员会 实施单位 上海市普陀区卫生健    康委员会",
            "                 年初         全年预 全年执 分 执行率 得分",
            "                 预算数        算数         行数        值",
            "项目资 年度资金总额 2334275.00       2334275.00 1662653.0010 71.23% 7.12",
            "金 其中：当年财政拨 2334275.00       2334275.00 1662653.00—",
            "(元) 款",
            "       上年结转资金 0.00          0.00                 —",
            "       其他资金      0.00       0.00                 —"));
        Assert.Equal((2334275.00m, 2334275.00m, 1662653.00m), Amounts(form.Funding.Total));
        Assert.Equal(10m, form.Funding.Total!.Weight);
        Assert.Equal((2334275.00m, 2334275.00m, 1662653.00m), Amounts(form.Funding.Fiscal));
        Assert.All([form.Funding.Carryover, form.Funding.Other], line => Assert.Equal((0m, 0m, (decimal?)null), Amounts(line)));
    }

    [Fact]
    public void A_note_label_wrapped_over_four_lines_beside_a_packed_header_line_is_the_note_column()
    {
        // Chromium's layout text of a print-shop form (tuning half, synthetic 1820): "偏差原" / "因分析" / "及改进" / "措施",
        // the second piece twenty characters left of the others on a line packed with labels. Only the lines below spell the
        // whole label, so paired line by line the first two pieces gained nothing together and the column was never named:
        // every note was lost and the first two rows read as one.
        var form = Read("""
                             2023年度财政项目支出绩效自评表
                 项目名称         志愿者服务保障经费
                 主管部门          上海市浦东新区卫生健康委员会             实施单位 上海市浦东新区卫生健康委员会
                    年初预算数 全年预算数 全年执行数 分值 执行率 得分
                年度资 2428713.50 2428713.50 1884043.00 10 77.57% 7.76
                金总额
            项目 其中：
            资金 当年财  2428713.50 2428713.50 1884043.00 —
            (元) 政拨款
                上年结                                   —
                转资金
                其他资                                   —
                 金
                                预期目标                    实际完成情况
            年度总体目标 按年度计划推进项目实施，保障各项工作
                    有序开展。                           已按计划完成年度目标。
             绩                                                  偏差原
             效 一级指 二级指标 三级指标 实际完成值 年度指 分值 得 因分析
             指 标                                     标值       分 及改进
             标                                                   措施
                产出指            完成巡查次数      基本完善      完善    1  0 资金执
                 标                                              行偏慢
                     数量指标
                                服务人次 基本完善 完善               4 2 进度滞
                                                                后
                      成本指标 项目成本控制     及时     及时     1    1
                满意度指标 服务对象满意度指标 受众满意度     90% >80% 20 20
                             总分                   100 94.76
            """);
        Assert.Equal(4, form.Indicators.Length);
        Assert.Equal(("完成巡查次数", "完善", "基本完善", 1m, 0m, "资金执行偏慢"), Row(form, 0));
        Assert.Equal(("服务人次", "完善", "基本完善", 4m, 2m, "进度滞后"), Row(form, 1));
    }

    [Fact]
    public void A_note_label_whose_first_line_the_layout_printed_after_its_second_is_the_note_column()
    {
        // Chromium (tuning half, synthetic 1998): "分析及改进        偏差原因" on one line, "措施" under the second. Read left
        // to right the pieces spell no label, the note column was never named, and the rows with a note were lost.
        var form = Read("""
                                         财政项目支出绩效自评表
                                               (2022 年度)
                项目名称       社区服务经费
                主管部门       上海市静安区民政局 实施单位 上海市静安区社区服务中心
                         年初预算数 全年预算数 全年执行数 分值 执行率 得分
                项目资金 年度资金总额 500000.00 500000.00 450000.00 10 90.00% 9.00
                (元) 其中：当年财政拨款 500000.00 500000.00 450000.00 —
                      上年结转资金 0.00 0.00 —
                      其他资金 0.00 0.00 —
                            绩效指标
             一级      二级           三级            实际完 年度 分 得分 分析及改进        偏差原因
             指标      指标           指标              成值 指标值 值                措施
                    数量指标       覆盖社区数            98.6万 <=100万元 1 0 进度滞后
                                                   元
            产出指标             资金支付及时性              及时     及时 8 8
                    时效指标   各项工作完成及时性               90 >=85% 18 18
              满意度指 服务对象满意度     工作人员满意度             =55人 =55人 7 7
                标      指标        群众满意率              持续     持续 10 10
                                总分                            100 91.025
            """);
        Assert.Equal(5, form.Indicators.Length);
        Assert.Equal(("覆盖社区数", "<=100万元", "98.6万元", 1m, 0m, "进度滞后"), Row(form, 0));
        Assert.Equal(("各项工作完成及时性", ">=85%", "90", 18m, 18m, (string?)null), Row(form, 2));
    }

    [Fact]
    public void Wrapped_names_go_by_where_the_rows_cells_start_where_the_header_stands_elsewhere()
    {
        // Writer's layout text (tuning half, synthetic 030): the header's labels are centred over their columns, the rows'
        // cells set left, so by the header 年度指标值 begins where the rows' names end. A name wrapped around its row's
        // figures ("对优化营商环境持续发挥" / "作用") was then read as the row's target. Where every row starts its cells at
        // one place, those places say where the columns are.
        var form = Read("""
                                                  财政项目支出绩效自评表
                                                        (2020 年度)
                  项目名称                           校园安全设施改造专项经费（普陀财预[2020]202 号）
                                                                            实施单
                  主管部门                    上海市普陀区生态环境局                              上海市普陀区生态环境事务中心
                                                                              位
                                                               全年执行
                            年初预算数            全年预算数                      分值  执行率           得分
                                                                  数
            项目资 年度资金总额     7,763,239.00     7,763,239.00      7,762,790  10 99.99%       10.00
              金  其中：当年财政
                           7,763,239.00     7,763,239.00              —
             (元)    拨款
                  上年结转资金       0.00     0.00                          —
                   其他资金        0.00     0.00                          —
                                     预期目标                                             实际完成情况
                 年度总体目标
                           按年度计划推进项目实施，保障各项工作有序开展。                                 已按计划完成年度目标。
             绩                                 年度指标                 实际完成
                    一级指标    二级指标       三级指标                                   分值    得分     偏差原因分析及改进措施
             效                                    值                   值
             指                        维护点位数     >=95%                96%       4      4
             标
                            数量指标       培训场次     >=95%                96%      12     12
                                      覆盖社区数      健全                  健全        2      1        进度滞后
                                                                                          部分工作未按计划完成，下年度
                                           工作考核达标率           提升     有所提升      5      4
                                                                                               加强跟踪
                             质量指标
                                                            ≥2000 人
                    产出指标                   工作考核达标率                  2136 人次   1      1
                                                               次
                                            资金支付及时性           及时       及时     8      8
                             时效指标
                                            资金支付及时性           提升    有所提升      7      5        资金执行偏慢
                                              预算控制率           完善    基本完善      2      1         进度滞后
                             成本指标            项目成本控制           健全       健全     2      2
                                              预算控制率           健全       健全     1      1
                    效益指标   经济效益指标            节约运行成本          =100%     100%   9      9
                                             节约运行成本          =55 人    =55 人   5      5
                                           带动相关产业发展        <=100 万元 98.6 万元   3      3
                               对优化营商环境持续发挥
                                               >80%     90%      4      4
                                     作用
                     社会效益指标
                               对优化营商环境持续发挥
                                               提升     有所提升       1      1
                                     作用
                                 设施持续使用年限      ≥90%     92.5%    1      0     进度滞后
                    可持续影响指标
                                 设施持续使用年限      健全        健全      1      1
                                  工作人员满意度      ≥90%     92.5%   15     15
                    服务对象满意度指                  ≥2000 人
            满意度指标                    群众满意率            2136 人次    2      2
                        标                       次
                                    工作人员满意度    >80%      90%     5      5
                               总分                               100   94.00

            """);
        Assert.Equal(20, form.Indicators.Length);
        Assert.Equal(("工作考核达标率", "≥2000人次", "2136人次", 1m, 1m, (string?)null), Row(form, 4));
        Assert.Equal(("对优化营商环境持续发挥作用", ">80%", "90%", 4m, 4m, (string?)null), Row(form, 13));
        Assert.Equal(("对优化营商环境持续发挥作用", "提升", "有所提升", 1m, 1m, (string?)null), Row(form, 14));
    }

    private static (string? Name, string? Target, string? Actual, decimal? Weight, decimal? Score, string? Note) Row(CleanedForm form, int i) =>
        (form.Indicators[i].Name, form.Indicators[i].Target, form.Indicators[i].Actual, form.Indicators[i].Weight, form.Indicators[i].Score, form.Indicators[i].Note);

    [Fact]
    public void The_level_columns_of_a_page_at_another_width_lie_between_its_left_edge_and_its_names()
    {
        // Chromium's layout text (tuning half, synthetic 2066): the second page is set at 0.72 of the first's width. The map
        // fitted to the full rows' cells, carried out to the left, put 一级指标 where this page prints its 二级指标, and every
        // row after the break kept the 二级指标 before it (经济效益指标).
        var form = Read("""
                                财政项目支出绩效自评表
                                       (2021 年度)
            项目名称
            主管部门          上海市闵行区城市管理行政执 实施单位               上海市闵行区城市管理
                          法局                               行政执法局
                          年初        全年预       全年执       分 执行率 得分
                          预算数       算数        行数        值
            项目 年度资金总额     533352.77 533352.77 519541.56 10 97.41% 9.741
            资金 其中：当年财政拨 533352.77 533352.77 519541.56 — 97.41%
            (元) 款
                上年结转资金                                  —
                其他资金                                    —
            年度      预期目标                                实际完成情况
            总体
            目标      按年度计划推进项目实施，保障各项工作有序开展。 已按计划完成年度目标。
            绩效指标
            一级 二级 三级      年度指       实际完                 分 得分 偏差原因 分析及改进措
            指标 指标 指标      标值        成值                  值         施
                数量指 完成巡查次 =100%     100%                2 2
                标 数
                质量指 系统运行稳 ≥2000人次 2136人次                9 9
                标 定率
                    系统上线时 ≥2000人次 2136人次                4 2       进度滞后
                    间
                时效指 完成时限 =100%      100%                5 5
            产出  标
                    按计划节点 带来经济效益, 带来了经济效益,工作效率 10 10
            指标      完成    提高工作效率 得到了提高
                    按计划完成
                    平台二期建 <=100万元 98.6万元                4 4
                    设项目内容
                成本指 控制在预算
                标 内       >80%      90%                 5 5
                    控制在预算 ≥90%      92.5%               1 1
                    内
            效益 经济效 降低运维支 健全         健全                  1 0       资金执行偏慢
            指标 益指标 出
            <FF>       降低运维支 满意度调查在 满意度调查在85%以上 12 12
                   出     85%以上
                   带动相关产 带来经济效益, 带来了经济效益,工作效率 1 1
                   业发展 提高工作效率 得到了提高
               社会效 信息共享程 资金按计划到位 资金按计划到位      1 1
               益指标 度     90%-100%
                   噪声控制 =100      100%修复      3 3
               生态效 环境质量改                                 部分工作未按
               益指标 善     =12次     12次         8 4        计划完成，下
                                                         年度加强跟踪
                   项目资料管 >=15000件 14210       7 7
                   理齐全性
               可持续 系统后续维
               影响指 护保障 =100       100         4 4
               标
                   人员管理机 带来经济效益, 带来了经济效益,工作效率 5 5
                   制健全性 提高工作效率 得到了提高
            满意 服务对 工作人员满 及时       及时          6 6
            度指 象满意 意度
            标 度指标 用户评价 提升         有所提升        2 2
            总分                                100 92.741
            <FF>
            """.Replace("<FF>", "\f"));
        Assert.Equal(19, form.Indicators.Length);
        Assert.Equal(("信息共享程度", "效益指标", "社会效益指标"), Levels(form, 11));
        Assert.Equal(("项目资料管理齐全性", "效益指标", "可持续影响指标"), Levels(form, 14));
        Assert.Equal(("用户评价", "满意度指标", "服务对象满意度指标"), Levels(form, 18));
    }

    private static (string? Name, string? Level1, string? Level2) Levels(CleanedForm form, int i) =>
        (form.Indicators[i].Name, form.Indicators[i].Level1, form.Indicators[i].Level2);

    [Theory]
    // Chromium (tuning half, synthetic 2054): "实施单" at 41 on the 主管部门 line, "位" at 55 under it, the unit's value
    // between the two; the label's pieces did not overlap, 实施单 was read as part of the 主管部门's value.
    [InlineData(
        "         主管部门               上海市宝山区行政服务中 实施单 上海市宝山区行政服务中心",
        "                            心                          位")]
    // (synthetic 2046): "实" / "施单" / "位" over three lines, none over another.
    [InlineData(
        "                                   实",
        "主管部门           上海市宝山区行政服务中心 施单 上海市宝山区行政服务中",
        "                                     心",
        "                                   位")]
    public void A_label_a_line_at_its_own_widths_wrapped_out_of_line_is_still_the_label(params string[] lines)
    {
        var form = Read(Replaced("主管部门", "主管部门", lines));
        Assert.Equal(("上海市宝山区行政服务中心", "上海市宝山区行政服务中心"), (form.Department, form.ImplementingUnit));
    }

    /// <summary>Chromium's layout of a check-set form as printed (tuning half, plain-generator synthetic 058): landscape,
    /// six rows a page without the header again, and on the second page three rows whose 分值 and 得分 the dump glued
    /// ("11", "11", "99").</summary>
    private static readonly string Synthetic058 = """
                                           财政项目支出绩效自评表
                                                 (2021 年度)
        项目名称                 社区卫生服务能力提升经费
        主管部门     上海市徐汇区卫生健康委员会                        实施单位         上海市徐汇区卫生健康委员会
                             年初预算数       全年预算数        全年执行数        分值 执行率 得分
        项目资金     年度资金总额      7050166.00  4850485.43   2215877.00   10 45.68% 4.57
        (元)      其中：当年财政拨款 7050166.00    4850485.43   2215877.00   —
                 上年结转资金      0.00        0.00                      —
                 其他资金        0.00        0.00                      —
        年度总体目标 预期目标
                 按年度计划推进项目实施，保障各项工作有序开展。
                                                      实际完成情况
                                                      已按计划完成年度目标。
            一级指标 二级指标        三级指标        年度指标值        实际完成值 分值 得分         偏差原因分析及改进措施
                 数量指标        培训场次        及时           及时     4 4
        绩                    服务人次        <=100万元      98.6万元 9 9
        效                    系统运行稳定率     >=95%        96%    4 4
        指 产出指标 质量指标          问题整改率       持续           持续     10 10
        标
                             工作考核达标率     健全           健全     3 3
                 时效指标        各项工作完成及时性 =55人           =55人   3 2          部分工作未按计划完成，下年度加强跟踪
        [page]         时效指标     响应及时率    ≥2000人次   2136人次   11
        绩 产出指标            项目成本控制   =100%     100%     11
        效        成本指标     项目成本控制   >=95%     96%      2 1 资金执行偏慢
        指                 预算控制率    提升        有所提升     6 3 资金执行偏慢
        标                 节约运行成本   <=100万元   98.6万元   99
          效益指标   经济效益指标   节约运行成本   >80%      90%      6 5 部分工作未按计划完成，下年度加强跟踪
        [page]         经济效益指标   带动相关产业发展    及时        及时       2    2
        绩                 社会知晓率       >=85%     90       2    2
        效 效益指标   社会效益指标   群众办事便利度提升   ≥90%      92.5%    3    3
        指                 群众办事便利度提升   =55人      =55人     10   10
        标                 绿化覆盖率       <=100万元   98.6万元   1    0 进度滞后
                 生态效益指标   环境质量改善      持续        持续       10   6 资金执行偏慢
        [page]绩 效益指标    可持续影响指标     长效管理制度健全性   提升        有所提升     1    1
        效
        指 满意度指标   服务对象满意度指标   工作人员满意度     ≥2000人次   2136人次   3   3
        标
        总分                                                   100 83.57
        [page]
        """.Replace("[page]", "\f", StringComparison.Ordinal) + "\n";

    [Fact]
    public void A_weight_and_score_glued_into_one_word_are_cut_where_the_rows_weights_add_up()
    {
        // Each glued pair had left its row without a pair: the row's cells joined the row above ("=55人≥2000人次"), and
        // three rows were lost. Cut (1 and 1, 9 and 9), the indicators weigh 90, beside the 执行率's 10.
        var form = Read(Synthetic058);
        Assert.Equal(20, form.Indicators.Length);
        var cut = form.Indicators.Where(i => i.Name is "响应及时率" or "节约运行成本" && i.Target is "≥2000人次" or "<=100万元")
            .Select(i => (i.Name, i.Target, i.Actual, i.Weight, i.Score)).ToList();
        Assert.Equal([("响应及时率", "≥2000人次", "2136人次", (decimal?)1m, (decimal?)1m), ("节约运行成本", "<=100万元", "98.6万元", 9m, 9m)], cut);
        Assert.Equal(("项目成本控制", "=100%", "100%", (decimal?)1m, (decimal?)1m),
            (form.Indicators[7].Name, form.Indicators[7].Target, form.Indicators[7].Actual, form.Indicators[7].Weight, form.Indicators[7].Score));
        Assert.Equal(90m, form.Indicators.Sum(i => i.Weight ?? 0));
        Assert.Equal(3, form.Warnings.Count(w => w.Code == DiagnosticCodes.AssignedByArithmetic.Id && w.Message.Contains("分值与得分粘连")));
    }

    [Fact]
    public void A_glued_weight_and_score_stay_whole_where_cutting_them_does_not_make_the_weights_add_up()
    {
        // The same form with its first row weighing 5: no cut makes the block's 分值 add up, and "11" may as well be a
        // 分值 beside an empty 得分 — nothing is cut, nothing is said to be.
        var form = Read(Synthetic058.Replace("培训场次        及时           及时     4 4", "培训场次        及时           及时     5 4", StringComparison.Ordinal));
        Assert.Equal((decimal?)5m, form.Indicators[0].Weight);
        Assert.DoesNotContain(form.Warnings, w => w.Message.Contains("分值与得分粘连"));
        Assert.DoesNotContain(form.Indicators, i => i.Name == "响应及时率" && i.Weight == 1m);
    }

    /// <summary>Chromium's layout of a check-set form as printed (tuning half, plain-generator synthetic 054): cells centred
    /// in narrow columns, each line at its own widths; labels and values wrapped in the header and the indicator block.</summary>
    private static readonly string Synthetic054 = """
                         2022年度财政项目支出绩效自评表
          项目名称 职业技能培训补贴服务费（浦东新财预[2022]238号）
        主管部 上海市浦东新区文化和旅游局               实施单位           上海市浦东新区文化和旅游
          门                                            局
                       年初预算数 全年预算数 全年执行          数 值
                                                       分 执行率 得分

        项目资 年度资金总额 6,430,524.00 6,430,524.00 6,394,287 10 99.44% 9.94
          金 其中：当年财 6,430,524.00 6,430,524.00           —
         (元)   政拨款
             上年结转资金      0.00       0.00               —
               其他资金      0.00       0.00               —
                    预期目标                          实际完成情况
        年度总
        体目标 按年度计划推进项目实施，保障各 已按计划完成年度目标。
             项工作有序开展。
                                绩效指标
                                             实际完成      分        偏差原因分
          一级指标    二级指标 三级指标 年度指标值 值 值 得分 析及改进措
                                                                  施
                          培训场次 >=85%             90     3 3
                  数量指标
                          培训场次      持续          持续 1 1
                         工作考核达 >80%             90% 14 14
                            标率
                  质量指标 系统运行稳定率      持续          持续 4 4
                         工作考核达 >=95%            96%     1    0  资金执行偏
          产出指标              标率                                  慢
                  时效指标 响应及时率 =12次               12次 4 2 资金执行偏   慢
                         项目成本控 健全               健全 4 4
                              制
                  成本指标 预算控制率 >=95%              96% 1 1
                         项目成本控 >=85%             90 12 12
                              制
          效益指标 经济效益指标 带动相关产 >=85%                90     5 5
                            业发展
        [page]              节约运行成 >=85%      90   8    7   资金执行偏
                         本                           慢
                      带动相关产 ≥2000人次 2136人次 1 1
                       业发展
                      社会知晓率 <=100万元 98.6万元 5 4 进度滞后
                      群众办事便 健全        健全 9 9
              社会效益指标 利度提升
                      公共服务水 =55人     =55人 3 3
                       平提高
              生态效益指标 绿化覆盖率 提升 有所提升 2 2
              可持续影响指标 长效管理制
                       度健全性 =55人     =55人 4 4
                      服务对象满 <=100万元 98.6万元 2 2
        满意度指标 服务对象满意度   意度
                指标
                      群众满意率 提升 有所提升 7 7
                      总分                   100 94.94
        [page]
        """.Replace("[page]", "\f", StringComparison.Ordinal) + "\n";

    [Fact]
    public void A_names_rest_wrapped_under_a_whole_measure_is_the_names()
    {
        // A name's second line ("标率", "制", "业发展") stands under the target's territory or flush with the target
        // (">=85%" over "业发展"), and had joined the target (">80%标率").
        var form = Read(Synthetic054);
        Assert.Equal(19, form.Indicators.Length);
        Assert.Equal(
            [("工作考核达标率", ">80%"), ("工作考核达标率", ">=95%"), ("项目成本控制", "健全"), ("项目成本控制", ">=85%"), ("带动相关产业发展", ">=85%"),
             ("节约运行成本", ">=85%"), ("服务对象满意度", "<=100万元")],
            new[] { 2, 4, 6, 8, 9, 10, 17 }.Select(k => (form.Indicators[k].Name, form.Indicators[k].Target)));
    }

    [Fact]
    public void A_value_wrapped_right_of_the_next_label_is_that_labels_though_a_label_wrapped_onto_its_line()
    {
        // "主管部" / "门" wraps onto the line of "局", the last line of the 实施单位's value, set right of the 实施单位
        // label: the 主管部门 label standing on that line had taken it ("…文化和旅游局局", and "…文化和旅游" for the unit).
        var form = Read(Synthetic054);
        Assert.Equal(("上海市浦东新区文化和旅游局", "上海市浦东新区文化和旅游局"), (form.Department, form.ImplementingUnit));
    }

    [Fact]
    public void A_name_wrapped_round_its_rows_one_line_of_measures_is_the_name()
    {
        // Chromium's layout of a check-set form as printed (tuning half, plain-generator synthetic 082): the cells are
        // centred in their rows, so a name of two lines flanks the measures' one, and the dump prints both its lines on
        // the measures' ("维护点位    数 ≥2000人次 2136人次"); the rest had gone to the target ("数≥2000人次").
        var form = ReadPrinted("""
                                       财政项目支出绩效自评表
                                                   (2023 年度)
                           项目名称                           道路照明维护专项经费
                    主管部门           上海市浦东新区规划和自然资源局                      实施单 上海市浦东新区规划和自然资
                                                                          位 源监测站
                         年初预算数           全年预算数              全年执行数 分值 执行率               得分
                年度资金总 2,821,516.50      2,821,516.50       2,686,700.48 10 95.22%      9.52
                   额
            项目 其中：当年
            资金 财政拨款 2,821,516.50        2,821,516.50                      —
            (元)
                上年结转资      0.00             0.00                          —
                   金
                 其他资金      0.00             0.00                          —
                                                           预期目标                    实际完成情况
                      年度总体目标                  按年度计划推进项目实施，保障各项 已按计划完成年度目标。
                                              工作有序开展。
                 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进                            措施
                          数量指标 维护点位    数 ≥2000人次 2136人次                    1   1
                          质量指标 问题整改    率          >80%         90%         3   3
                                    响应及时 健全                    健全          8   8
                                       率
                 产出指标
             绩            时效指标 按计划节  点完成 =100%                100%        12 12
             效
             指                      按计划节 提升                                        部分工作未按计划完
             标                       点完成                     有所提升          7   5   成，下年度加强跟踪
                          成本指标 项目成本   控制         =55人         =55人         8   8
                        经济效益指标 带动相关 产业发展 完善                  基本完善          7   7
                 效益指标
                        生态效益指标 绿化覆盖    率         =100%        100%        17 17
                满意度指标 服务对象满意度
                           指标
                                    服务对象 =100%
                                     满意度                      100%        27 27
                                   总分                                    100 97.52
            [page]
            """);
        Assert.Equal(
            [("维护点位数", "≥2000人次", "2136人次"), ("问题整改率", ">80%", "90%"), ("按计划节点完成", "=100%", "100%"), ("项目成本控制", "=55人", "=55人"),
             ("绿化覆盖率", "=100%", "100%")],
            new[] { 0, 1, 3, 5, 7 }.Select(k => (form.Indicators[k].Name, form.Indicators[k].Target, form.Indicators[k].Actual)));
    }

    [Fact]
    public void A_targets_rest_flush_with_it_round_the_rows_line_stays_the_targets()
    {
        // Writer's layout of a seed form (tuning half, seed 001 form 08): "定期，及" above the row's line, "时维护" below it
        // and flush with it, beside the next row's whole measure "=100%" — the target's rest, not a name's.
        var form = ReadPrinted("""
                                 财政项目支出绩效自评表
                                            (2023 年度)

                     项目名称              网络系统运营经费（宝财行签[2023]257 号）

                       上海市宝山区行政服务                                         上海市宝山区行政服
            主管部门                                  实施单位
                           中心                                                务中心

                                      年初            全年          全年
                                                                       分值 执行率           得分
                                     预算数           预算数         执行数

                                                                                74.38
                      年度资金总额     1527000.00      1527000.00 1135733        10           7.44
                                                                                 %
            项目资金
             (元)      其中：当年财
                                     0.00           0.00                   —
                        政拨款

                      上年结转资金         0.00           0.00                   —

                       其他资金          0.00           0.00                   —

                年度            预期目标                             实际完成情况
                总体     按年度计划推进项目实施，保
                目标                                       已按计划完成年度目标。
                         障各项工作有序开展。

            绩                                                                           偏差
            效                                                                           原因
            指   一级      二级      三级      年度指             实际完                             分析
                                                                     分值         得分
            标   指标      指标      指标       标值              成值                              及
                                                                                        改进
                                                                                        措施

                               数据备份
                                        =100%           100%          10         10
                                 率
                       数量指标
                               设备巡检
                                        =100%           100%          10         10
                                完成率

                               设备运行
                                        =100%           100%          10         10
                产出              完好度
                       质量指标
                指标             运维验收
                                        =100%           100%          10         10
                                合格率

                               按计划节
                                        >=80%           100%          5          5
                                点完成
                       时效指标
                               运维及时    定期，及
                                                        及时            5          5
                                 性     时维护

                效益     经济效益指   故障排除     =100%           100%          10         10
            [page]       标      率

                         有责投诉
                                <=1 起   无投诉    10     10
                 社会效益指    发生数
            指标     标     故障排除
                                 及时     及时     5      5
                          及时性

                 可持续影响
                         运维制度   建立健全    健全     5      5
                  指标

            满意
                 服务对象满   工作人员
            度指                  >=90%   100%   10     10
                  意度指标    满意度
             标

                           总分                  100   97.44
            [page]
            """);
        var row = Assert.Single(form.Indicators, i => i.Name?.StartsWith("运维及", StringComparison.Ordinal) == true);
        Assert.Equal(("运维及时性", "定期，及时维护", "及时"), (row.Name, row.Target, row.Actual));
    }

    [Fact]
    public void A_vertical_labels_line_between_two_rows_is_no_height_of_the_table()
    {
        // In synthetic 058 the 绩效指标 label's last character "标" stands on a line of its own between the 问题整改率 and
        // 工作考核达标率 rows. Counted as a line of the table, it set 质量指标 (on 问题整改率's line) over the middle of
        // four rows, and 数量指标 over its own row alone.
        var form = Read(Synthetic058);
        Assert.Equal(["数量指标", "数量指标", "质量指标", "质量指标", "质量指标", "时效指标"], form.Indicators.Take(6).Select(i => i.Level2));
    }

    [Fact]
    public void A_name_piece_below_a_rows_short_name_is_the_next_rows_that_prints_none_on_its_line()
    {
        // Chromium's layout of a check-set form as printed (tuning half, plain-generator synthetic 108): "问题整改率" on
        // its row's line, a character short of the column's widest, so the whole of that name; then "各项工作完成" and
        // "及时性" over the next row's figures, whose line holds no name. The first piece, nearer the row above, had
        // gone to it ("问题整改率各项工作完成").
        var form = ReadPrinted("""
                                财政项目支出绩效自评表

                                         (2020 年度)

            项目名
                   档案数字化加工专项经费（浦东新财预[2020]51号）
             称
            主管部                                                    上海市浦东新区人力
                   上海市浦东新区人力资源和社会保障局                  实施单位
             门                                                     资源和社会保障局
                                                              分
                          年初预算数        全年预算数         全年执行数         执行率    得分
                                                              值

                   年度资金
                          3045512.50   3045512.50 1688909.26 10 55.46%    5.55
                    总额
            项目资
                   其中：当
              金
                   年财政拨   3045512.50   3045512.50 1688909.26 —
             (元)
                     款
                   上年结转
                             0.00         0.00                —
                    资金
                   其他资金      0.00         0.00                —

            年度总                     预期目标                           实际完成情况
            体目标    按年度计划推进项目实施，保障各项工作有序开展。                    已按计划完成年度目标。
                                                                         偏差原因分
             一级                                               分
                二级指标       三级指标        年度指标值         实际完成值         得分    析及改进措
             指标                                               值
                                                                           施

                   数量指标    服务人次          =100%        100%    3     3
                          服务规范性           及时          及时      6     6

                 质量指标     服务规范性          ≥90%         92.5%   6     6
            绩
            效             问题整改率          =55人         =55人    9     9
            指             各项工作完成
            标 产出            及时性
                                          及时          及时      4     4
              指标 时效指标
                          各项工作完成
                                         =100%        100%    3     3
                            及时性
                          预算控制率        <=100万元       98.6万元   13    13
                   成本指标   预算控制率          =100%        100%    8     8
                          项目成本控制         ≥90%         92.5%   5     5
            [page] 一级指                    年度指标 实际完成       分           偏差原因分析
                    二级指标    三级指标                         得分
              标                       值    值        值            及改进措施
                    经济效益指   带动相关产
                                    =12次    12次      5    5
                      标      业发展
                    社会效益指
                            社会知晓率   =55人    =55人     1    1
                      标
            绩
            效 效益指   生态效益指
                            绿化覆盖率   >=95%    96%    10   10
            指  标      标
            标
                            长效管理制
                                    =100%   100%     8    8
                    可持续影响    度健全性
                      指标    设施持续使
                                    ≥90%    92.5%    8    8
                             用年限
             满意度    服务对象满   工作人员满
                                     完善     基本完善     1    1
              指标     意度指标     意度
                            总分                      100 95.55
            [page]
            """);
        Assert.Equal(["服务人次", "服务规范性", "服务规范性", "问题整改率", "各项工作完成及时性", "各项工作完成及时性"],
            form.Indicators.Take(6).Select(i => i.Name));
    }

    [Fact]
    public void Level_labels_a_layout_sets_on_the_upper_of_their_two_rows_lines_span_both_rows()
    {
        // Chromium's layout of a check-set form as printed (tuning half, archive-shape synthetic 1034): each 二级指标 of two
        // rows stands on the first row's line (质量指标, 时效指标, 成本指标, 经济效益指标, 社会效益指标). Read as halfway
        // between, a label on its run's first line is as far off as one a line off: 时效指标 had taken its first row
        // only and 成本指标 three, 社会效益指标 the row of 经济效益指标.
        var form = ReadPrinted("""
                                                     财政项目支出绩效自评表
                                                            (2020 年度)
                      项目名称         公共文化设施维护项目（松江财预[2020]129号）
                      主管部门         上海市松江区退役军人事务局                        实施单位     上海市松江区退役军人事务监测站
                                   年初预算数 全年预算数           全年执行数           分值        执行率      得分
                      年度资金总额       3895785.50 3895785.50  2091529        10       53.69%    5.369
            项目资金     其中：当年财政拨款     3895785.50 3895785.50                  —
             (元)
                      上年结转资金                                              —
                       其他资金                                               —
             年度总体目标                     预期目标                                    实际完成情况
                        按年度计划推进项目实施，保障各项工作有序开展。                已按计划完成年度目标。
             绩     一级指标    二级指标       三级指标        年度指标值              实际完成值         分值 得分 偏差原因分析及改进措施
             效                       覆盖社区数      年度投资完成率100%       年度投资计划完成率100%     2 1 进度滞后
             指             数量指标
             标                        服务人次           >80%               90%         1 1
                           质量指标     工作考核达标率       ≥2000人次             2136人次       10 10
                   产出指标              问题整改率          >=95%               96%         8 8
                           时效指标     按计划节点完成           =0%                0%         3 3
                                     响应及时率     资金按计划到位90%-100%      资金按计划到位         2 2
                           成本指标      项目成本控制        =30000家             18650        8 8
                                     项目成本控制        >=15000件            14210        9 5 资金执行偏慢
                   效益指标 经济效益指标       节约运行成本          ≥90%              92.5%        8 8
                                     节约运行成本          =100               100         2 2
                          社会效益指标     社会知晓率            健全                健全          3 3
                                   群众办事便利度提升           ≥1                 1         1 0 资金执行偏慢
                          生态效益指标     环境质量改善        =30000家             18650        3 2 进度滞后
            [page]                  人员管理机制健全性        =100           达到预期        16 16
                  可持续影响指标     人员管理机制健全性        <=0.1          未发生故障        2 2
                              人员管理机制健全性        ≥90%            92.5%       2 2
                               工作人员满意度    带来经济效益,提高工作效率 带来了经济效益,工作效率得到了提高 7 7
            满意度指标 服务对象满意度指标     群众满意率           及时              及时         3 3
                                       总分                                 100 88.369
            [page]
            """);
        Assert.Equal(["质量指标", "质量指标", "时效指标", "时效指标", "成本指标", "成本指标", "经济效益指标", "经济效益指标", "社会效益指标", "社会效益指标"],
            form.Indicators.Skip(2).Take(10).Select(i => i.Level2));
    }

    [Fact]
    public void A_note_centred_on_its_row_over_three_lines_is_that_rows_though_its_first_line_is_nearer_the_row_above()
    {
        // Chromium's layout of a check-set form as printed (tuning half, plain-generator synthetic 162): the 0-score row's
        // note "部分工作未按计" / "划完成，下年度" (on the row's line) / "加强跟踪", a line between each; the first piece,
        // a line under the row above, had gone to it, and the last to the row below.
        var form = ReadPrinted("""
            财政项目支出绩效自评表
            (2021 年度)
            项目名称           道路照明维护经费
                                                             实施 上海市松江区人力资源和社会保
            主管部门           上海市松江区人力资源和社会保障局
                                                             单位 障服务站
                                                    全年执行
                           年初预算数      全年预算数                  分值 执行率              得分
                                                    数
                   年度资金
                        7,570,297.00 7,570,297.00   5,162,366 10    68.19%       6.82
                   总额
            项目资金 其中：当
            (元)  年财政拨 7,570,297.00 7,570,297.00              —
                 款
                   上年结转
                        0.00          0.00                   —
                   资金
                   其他资金 0.00          0.00                   —
            年度总体 预期目标                                              实际完成情况
            目标   按年度计划推进项目实施，保障各项工作有序开展。                           已按计划完成年度目标。
                                                                    实际完 分 得 偏差原因分析及
                 一级指标      二级指标       三级指标          年度指标值
                                                                    成值  值 分 改进措施
                                                                    基本完
                                      完成巡查次数        完善                  25 25
                                                                    善
                           数量指标
            绩                         维护点位数         健全              健全       3   3
            效                         完成巡查次数        =100%           100%     1   1
            指                                                       基本完
                 产出指标      质量指标       系统运行稳定率 完善                        3        3
            标                                                       善
                                      资金支付及时性 >80%                  90%      1   1
                                                                                     部分工作未按计
                           时效指标       各项工作完成及
                                              >=85%                 90       1   0   划完成，下年度
                                      时性
                                                                                     加强跟踪
            [page]                带动相关产业发展        完善     基本完善 1 1
                  经济效益指标
            绩               带动相关产业发展        >=85% 90     10 10
            效               公共服务水平提高        >80%   90%   7 7
              效益指标
            指      社会效益指标   社会知晓率           =12次 12次     13 12 资金执行偏慢
            标               对优化营商环境持续发挥作用   提升     有所提升 7 6 资金执行偏慢
                  生态效益指标 绿化覆盖率              =100% 100%   6 6
            [page]                      人员管理机制健全性   >80%      90%    7   7
            绩 效益指标    可持续影响指标
                                  设施持续使用年限    提升        有所提升 1     1
            效
                                  群众满意率       <=100万元   98.6万元 1   1
            指
            标 满意度指标   服务对象满意度指标   工作人员满意度     提升        有所提升 2     2
                                  工作人员满意度     提升        有所提升 1     1
            总分                                                 100 93.82
            [page]
            """);
        Assert.Equal([null, "部分工作未按计划完成，下年度加强跟踪", null], form.Indicators.Skip(4).Take(3).Select(i => i.Note));
    }

    [Fact]
    public void A_note_line_halfway_between_two_rows_ends_the_note_whose_other_end_went_to_the_row_above()
    {
        // Chromium's layout of a check-set form as printed (tuning half, plain-generator synthetic 160): "资金执行" / the
        // row's line / "偏慢", twice, two lines apart; "偏慢" stands as far from the next row, whose note's "资金执行" mirrors
        // it round that row, and had gone there ("资金执行" for the first row's note, "偏慢" for a row with none).
        var form = ReadPrinted("""
            财政项目支出绩效自评表
            (2022 年度)
            项目名称                         档案数字化加工经费
            主管部                                                     上海市闵行区科学技术委
                   上海市闵行区科学技术委员会                   实施单位
            门                                                       员会
                            年初预          全年预       全年         分
                                                                    执行率 得分
                            算数           算数        执行数        值
            项目资    年度资金总额   7891816.50   8800240.00 7938184.60 10 90.20% 9.02
            金      其中：当年财
                            7891816.50   8800240.00 7938184.60 —
            (元)    政拨款
                   上年结转资金   0.00         0.00                 —
                   其他资金     0.00         0.00                 —
            年度     预期目标                                            实际完成情况
            总体
            目标     按年度计划推进项目实施，保障各项工作有序开展。                         已按计划完成年度目标。
            绩效指标
                                                                                  偏差原因
            一级     二级       三级           年度指       实际完                            分析
                                                                    分值    得分
            指标     指标       指标           标值        成值                             及改进措
                                                                                  施
                            服务人次         =12次      12次              1     1
                   数量指标
                            覆盖社区数        ≥2000人次 2136人次             2     2
                            按计划节点完成      >80%      90%              1     1
            产出指
                   时效指标     响应及时率        >=85%     90               3     3
            标
                            按计划节点完成      健全        健全               21    21
                            项目成本控制       ≥2000人次 2136人次             9     9
                   成本指标
                            预算控制率        及时        及时               3     3
                            节约运行成本       >=95%     96%              8     8
                   经济效益指标                                                         资金执行
                            节约运行成本       >80%      90%              3     2
                                                                                  偏慢
                            对优化营商环境持续发
                                       及时          及时               8     8
                            挥作用
                   社会效益指标   对优化营商环境持续发
            效益指                        ≥90%        92.5%            11    11
                            挥作用
            标
                            群众办事便利度提升    >80%      90%              5     5
                                                                                  资金执行
                            绿化覆盖率        健全        健全               1     0
                                                                                  偏慢
                   生态效益指标   绿化覆盖率        >=85%     90               4     4
                                                                                  资金执行
                            绿化覆盖率        ≥90%      92.5%            9     6
                                                                                  偏慢
            满意度    服务对象满意
                            服务对象满意度      =100%     100%             1     1
            指标     度指标
            总分                                                      100   94.02
            [page]
            """);
        Assert.Equal(["资金执行偏慢", null, "资金执行偏慢"], form.Indicators.Skip(12).Take(3).Select(i => i.Note));
    }

    [Fact]
    public void A_short_note_line_between_two_rows_notes_ends_the_full_one_above()
    {
        // Chromium's layout of a print-shop form (tuning half, synthetic 024): "部分工作未按计划完成，下年度" on its row's
        // line, "加强跟踪" on the next, then the next row's own "进度滞后": the short piece is no wrapped note's first line
        // (those are full), and had begun the row below's ("加强跟踪进度滞后").
        var form = ReadPrinted("""
            财政项目支出绩效自评表
            (2021 年度)
            项目名称                 校园安全设施改造经费（嘉定财预[2021]353号）
            主管部门                 上海市嘉定区水务局                  实施单 上海市嘉定区水务培训中心
                                                            位
                        年初            全年         全年执 分值               执行率      得分
                        预算数           预算数        行数
            项目资 年度资金总额 2558397.00     2558397.00 2369523.00 10        92.62%   9.26
            金    其中：当年财 2558397.00    2558397.00 2369523.00 —
            (元) 政拨款
                 上年结转资金 0.00          0.00                  —
                 其他资金   0.00          0.00                  —
            年度          预期目标                     实际完成情况
            总体          按年度计划推进项目实施，保障各项工作有 已按计划完成年度目标。
            目标          序开展。
            绩效指标
            一级 二级       三级                       年度指 实际完 分 得分 偏差原因分析
            指标 指标       指标                       标值         成值 值      及改进措施
            产出指 数量指标    维护点位数                    =12次       12次 9 9
            标           服务人次                     ≥90% 92.5% 3 3
            [page]           服务人次        完善      基本完 1    1
                                           善
                       服务规范性       =12次    12次 7    7
                质量指标
                       工作考核达标率     =55人    =55人 6   6
                       响应及时率       >=95%   96% 6    6
                时效指标
                       各项工作完成及时性   持续      持续 3     3
                       预算控制率       >=85%   90   1   1
                成本指标
                       预算控制率       >=85%   90   1   1
                经济效益指标 节约运行成本      >80%    90% 3    3
                       社会知晓率       提升      有所提 1    1
                                           升
            效益指 社会效益指标 公共服务水平提高    持续      持续     3 2 部分工作未按计划完成，下年度
            标                                               加强跟踪
                       社会知晓率       =100%   100%   19 13 进度滞后
                       环境质量改善      =55人    =55人   9 9
                生态效益指标
                       绿化覆盖率       >=95%   96%    2 1 资金执行偏慢
                       工作人员满意度     =12次    12次    3 3
            满意度 服务对象满意 服务对象满意度     >80%    90%    9 9
            指标 度指标
                       群众满意率       健全      健全     4 4
            总分                                    100 91.26
            [page]
            """);
        Assert.Equal(["部分工作未按计划完成，下年度加强跟踪", "进度滞后"], form.Indicators.Skip(11).Take(2).Select(i => i.Note));
    }

    [Fact]
    public void A_page_of_one_row_whose_weight_and_score_stand_close_is_scaled_by_the_tables_left_edge()
    {
        // Chromium's layout of a check-set form as printed (tuning half, plain-generator synthetic 146): the last page
        // holds one row, its 分值 and 得分 four characters apart, two on the page before. Scaled by that pair (twice),
        // the page's columns stood far off: the level words went to the measures ("服务对象满意度指标群众满意率92.5%≥90%").
        // The table's left edge and the 分值, over thirty characters apart on both pages, measure the page.
        var form = ReadPrinted("""
                                  财政项目支出绩效自评表
                                         (2022 年度)
            项目名称        公共文化设施维护经费
            主管部门        上海市浦东新区教育局               实施单位 上海市浦东新区教育服务站
                            年初         全年        全年        分 执行率 得分
                            预算数        预算数 执行数 值
                   年度资金总额 683411.37    683411.37 508911.00 10 74.47% 7.45
            项目资金   其中：当年财政 683411.37
            (元)    拨款                  683411.37 508911.00 —
                   上年结转资金 0.00         0.00                —
                   其他资金     0.00       0.00                —
            年度     预期目标             实际完成情况
            总体     按年度计划推进项目实施， 已按计划完成年度目标。
            目标     保障各项工作有序开展。
            绩 一级   二级       三级         实际完 年度指 分 得分 偏差原因分
            效 指标   指标       指标         成值        标值        值         析及改进措施
            指               设备购置数量 92.5% ≥90% 14 14
            标      数量指标
                            服务人次       12次       =12次      5 3       资金执行偏慢
                                                                     部分工作未按计划
                            验收合格率      90%       >80%      13 10     完成，下年度加强
                   质量指标                                              跟踪
             产出             系统运行稳定率 =55人 =55人              12 12
             指标
                   时效指标     资金支付及时性 96%          >=95% 1 1
                            预算控制率      90%       >80%      13 13
                   成本指标                                              部分工作未按计划
                            预算控制率      有所提升 提升             4 2       完成，下年度加强
                                                                     跟踪
                   经济效益指标 节约运行成本 96%             >=95% 2 2
                            社会知晓率      基本完善 完善             10 10
                   社会效益指标
             效益             社会知晓率      90        >=85% 1 0           资金执行偏慢
             指标    生态效益指标 环境质量改善 2136人次 ≥2000人             9 9
                                                 次
                   可持续影响指标 设施持续使用年
                            限          90%       >80%      1 1
            [page]  满意 服务对象满意度
              度指 指标      群众满意率   92.5%   ≥90%   5   4       进度滞后
              标
            总分                                  100 88.45
            [page]
            """);
        var row = form.Indicators[^1];
        Assert.Equal(("满意度指标", "服务对象满意度指标", "群众满意率", "≥90%", "92.5%"), (row.Level1, row.Level2, row.Name, row.Target, row.Actual));
    }

    [Fact]
    public void Rows_printed_a_column_at_a_time_whose_last_lines_hold_the_actual_beside_the_pair_are_put_back()
    {
        // Chromium's layout of a check-set form as printed (tuning half, plain-generator synthetic 174): two rows printed
        // column by column — "验收合格率" / "各项工作完成及时性", "=12次" / "完善", then "12次 1 1" / "基本完善 14 14", each
        // last line the row's actual beside its pair. Only groups ending in bare pairs were put back; the second row's
        // target had joined the first's ("=12次完善").
        var form = ReadPrinted("""
                                         财政项目支出绩效自评表
                                            (2020 年度)
                        项目名称            职业技能培训补贴专项经费（宝山财预[2020]133号）
                        主管部门            上海市宝山区文化和旅 实施单位 上海市宝山区文化和旅游局
                                        游局
                                                 年初           全年         全年执 分值       执行率    得分
                                                预算数          预算数          行数
            项目资            年度资金总额            5,777,349.50 5,777,349.50 2,882,374 10   49.89% 4.99
              金          其中：当年财政拨款           5,777,349.50 5,777,349.50           —
             (元)           上年结转资金                0.00         0.00               —
                            其他资金                 0.00         0.00               —
                 年度                预期目标                                        实际完成情况
                 总体
                 目标 按年度计划推进项目实施，保障各项工作有序开展。               已按计划完成年度目标。
              绩 一级      二级        三级          年度           实际完 分 得分                 偏差原因分析及
              效 指标      指标        指标         指标值            成值 值                      改进措施
              指                 覆盖社区数        =12次           12次 5 5
              标        数量指标      服务人次        =12次           12次 2 2
                  产出指 质量指标      验收合格率
                       时效指标 各项工作完成及时性
                                             =12次
                                              完善
                                                            12次 1 1
                                                          基本完善 14 14
                    标           预算控制率         健全            健全 1 0 资金执行偏慢
                       成本指标     预算控制率      ≥2000人次        2136人 8 8
                                                             次
                  效益指 社会效益指标 对优化营商环境持续        提升          有所提升      2      1    部分工作未按计划完成，下年度加
                    标            发挥作用                                           强跟踪
            [page]           对优化营商环境持续    完善     基本完善 10 10
                         发挥作用
                         绿化覆盖率
                生态效益指标 环境质量改善      =55人     =55人 5 5
                                   >=85%     90 12 12
                可持续影响指 设施持续使用年限    >=85%     90 20 20
                  标
            满意度 服务对象满意 服务对象满意度     >=85%     90 7 7
            指标   度指标     群众满意率     =12次     12次 3 3
                           总分                    100 92.99
            [page]
            """);
        Assert.Equal([("验收合格率", "=12次", "12次", (decimal?)1m), ("各项工作完成及时性", "完善", "基本完善", 14m)],
            form.Indicators.Skip(2).Take(2).Select(i => (i.Name, i.Target, i.Actual, i.Weight)));
    }

    /// <summary>
    /// Chromium's layout text of a check-set form as printed (tuning half, standard synthetic 282): the header's
    /// 实际完成值 prints "实际" and "完" as two words over "成值", and 分值's "值" stands under the "完", five characters
    /// left of its "分".
    /// </summary>
    private static readonly string Synthetic282 = """
                                   财政项目支出绩效自评表
                                       (2023 年度)
                项目名称            档案数字化加工专项经费（松江财预[2023]37号）
           主管部门 上海市松江区退役军人事务局                       实施单位          上海市松江区退役军人事务局
                         年初                全年预                全年执 分值 执行率 得分
                        预算数                 算数                 行数
        项目资 年度资金总额 8558479.50            8558479.50         5942196.06 10 69.43% 6.94
          金 其中：当年财政拨 8558479.50          8558479.50                    —
         (元)     款
              上年结转资金     0.00               0.00                       —
               其他资金      0.00               0.00                       —
              年度                        预期目标                            实际完成情况
              总体
              目标       按年度计划推进项目实施，保障各项工作有序开展。                    已按计划完成年度目标。
                    一级             二级            三级    年度指 实际 完    分 得分 偏差原因分析及改
                    指标             指标            指标     标值 成值 值               进措施
                                  质量指标 工作考核达标率 ≥90% 92.5% 29 24 资金执行偏慢
                   产出指标           时效指标        响应及时率 =55人 =55人 3 3
          绩                       成本指标        预算控制率 持续 持续 3 3
          效                                  项目成本控制 健全 健全 2 2
          指
          标                      经济效益指标 带动相关产业发   展    >80% 90% 17 17
                   效益指标          社会效益指标 公共服务水平提        =55人 =55人 5 5
                                                  高
                                 生态效益指标 环境质量改善 健全 健全 3 2 资金执行偏慢
                  满意度指标         服务对象满意度指 工作人员满意度 >=85% 90 28 28
                                    标
                                 总分                               100 90.94

        """;

    [Fact]
    public void A_header_label_whose_line_comes_in_pieces_is_read_whole_by_the_order_of_its_lines()
    {
        // Read by place, "值" made "实际完成值值" and 分值 was lost with it; read by order a stack took one piece of a line,
        // and 实际完成值 was never spelled: the header had no 实际完成值, and each row's actual joined its target or name
        // ("工作考核达标率≥90%"). A stack takes a run of a line's pieces now.
        var form = Read(Synthetic282);
        Assert.Equal(("工作考核达标率", "≥90%", "92.5%", (decimal?)29m, (decimal?)24m),
            (form.Indicators[0].Name, form.Indicators[0].Target, form.Indicators[0].Actual, form.Indicators[0].Weight, form.Indicators[0].Score));
        Assert.Equal(("工作人员满意度", ">=85%", "90"), (form.Indicators[7].Name, form.Indicators[7].Target, form.Indicators[7].Actual));
        Assert.Equal(("预算控制率", "持续", "持续"), (form.Indicators[2].Name, form.Indicators[2].Target, form.Indicators[2].Actual));
    }

    /// <summary>
    /// Chromium's layout text of a check-set form as printed (tuning half, standard synthetic 358): pdftotext sets the
    /// 时效指标 row's line ("按计划节点完成 持续 持续"), then the 成本指标 row whole with its pair ("25 25"), then the first
    /// row's pair alone ("9 9").
    /// </summary>
    private static readonly string Synthetic358 = """
                                 财政项目支出绩效自评表
                                      (2023 年度)
         项目名称 办公设备购置经费（长宁财预[2023]48号）
             主管部门    上海市长宁区卫生健康委                实施单位           上海市长宁区卫生健康委员会
                     员会
                           年初预               全年         全年
                            算数              预算数 执行数 分值 执行率                     得分
        项目 年度资金总额        894,095.50       894,095.50 801,872.00 10    89.69%   8.97
        资金 其中：当年财政拨      894,095.50       894,095.50             —
        (元)      款
              上年结转资金        0.00             0.00                —
               其他资金         0.00             0.00                —
              年度                预期目标                               实际完成情况
              总体     按年度计划推进项目实施，保障各项工 已按计划完成年度目标。
              目标     作有序开展。
             一级 二级       三级          年度 实际              分值      得分         偏差原
             指标 指标       指标         指标值 完成值                           因分析及改进措施
            产出指 质量指标  工作考核达标率 健全 健全                      14 14
             标 时效指标   按计划节点完成 持续 持续
                 成本指标 项目成本控制 完善 基本完善 25 25
                                                          9      9
         绩      经济效益指 节约运行成本 持续 持续
         效         标                                     15 15
         指
         标 效益指 社会效益指 对优化营商环境持 =100% 100%                  1      1
             标     标   续发挥作用
                生态效益指 环境质量改善 >=85% 90                    25 25
                   标
            满意度 服务对象满 工作人员满意度 完善 基本完善                     1      0  部分工作未按计划完成，下
             指标 意度指标                                                年度加强跟踪
                       总分                               100 97.97

        """;

    [Fact]
    public void A_whole_row_between_a_line_and_its_pair_leaves_the_pair_to_that_line()
    {
        // The line without a pair was taken for a wrapped piece of the whole row under it: "按计划节点完成项目成本控制"
        // with 25 and 25, and a row of no name with 9 and 9 — two rows' figures swapped with no warning, the weights
        // still adding up.
        var form = Read(Synthetic358);
        Assert.Equal(
            [("按计划节点完成", "持续", "持续", (decimal?)9m, (decimal?)9m), ("项目成本控制", "完善", "基本完善", 25m, 25m)],
            form.Indicators.Skip(1).Take(2).Select(i => (i.Name, i.Target, i.Actual, i.Weight, i.Score)));
    }

    [Fact]
    public void An_amount_that_starts_where_its_column_label_starts_is_that_columns_however_far_it_runs()
    {
        // Chromium's layout of a check-set form (tuning half, standard synthetic 344, as printed): amounts set left in
        // their cells under the short labels "全年" / "预算数" run past the label's end, "5522710.46" centred nearer 全年执行数
        // than 全年预算数, and the total line's 全年执行数 went to 分值, the carryover's "0.00" to 全年执行数, with no warning.
        var form = WithFunding("""
                              年初            全年         全年执   分值 执行率         得分
                              预算数           预算数 行数
                     年度资金总额 5522710.46      5522710.46 4428425
                                                             10 80.19%      8.02
            项目资金     其中：当年财政拨 5522710.46
            (元)      款                      5522710.46 4428425
                                                             —
                     上年结转资金 0.00            0.00             —
                     其他资金     0.00          0.00             —
        """);
        AssertTotalAndFiscal(form, 5522710.46m, 5522710.46m, 4428425m, 10m, 80.19m, 8.02m);
        AssertLine(form.Funding.Carryover, 0m, 0m, null);
        AssertLine(form.Funding.Other, 0m, 0m, null);
    }

    [Fact]
    public void Funding_lines_printed_a_column_at_a_time_are_put_back_line_by_line()
    {
        // Chromium's layout of a check-set form (tuning half, standard synthetic 364, as printed): pdftotext prints the
        // labels of 当年财政拨款 and 上年结转资金 first, then their 年初预算数 one under the other, then the rest of each.
        // Read as lines, the carryover took the fiscal line's amounts (794,821 as its 年初预算数) with no warning.
        var form = WithFunding("""
                                          年初预算数      全年预算数 全年执行数 分值 执行率 得分
            项目资金 年度资金总额                   794,821.00 3,243,096.00 1,628,318 10 50.21% 5.02
            (元) 其中：当年财政拨款
                    上年结转资金
                                          794,821.00
                                          0.00
                                                     3,243,096.00 1,628,318 —
                                                     0.00                   —
                    其他资金                  0.00       0.00                   —
        """);
        AssertLine(form.Funding.Total, 794821.00m, 3243096.00m, 1628318m);
        AssertLine(form.Funding.Fiscal, 794821.00m, 3243096.00m, 1628318m);
        AssertLine(form.Funding.Carryover, 0m, 0m, null);
        AssertLine(form.Funding.Other, 0m, 0m, null);
    }

    /// <summary>
    /// Chromium's layout text of a check-set form as printed (tuning half, standard synthetic 042): 实施单位's name wraps
    /// above the 主管部门 line, and the funding header prints 全年执行数's "数" ten characters right of "全年执行".
    /// </summary>
    private static readonly string Synthetic042 = """
                             财政项目支出绩效自评表
                                    (2022 年度)

        项目名称        绿地养护管理经费（闵行财预[2022]62号）
                                                        上海市闵行区行政服务中
        主管部门    上海市闵行区行政服务中心                  实施单位 心综合保障中心

                    年初预算数 全年预算数 全年执行          数         分值   执行率    得分

        项目资 年度资金总额  1,478,591.85 1,478,591.85 741,562   10   50.15% 5.01
        金   其中：当年财政 1,478,591.85 1,478,591.85 741,562   —
        (元) 拨款
            上年结转资金  0.00         0.00                   —
            其他资金    0.00         0.00                   —
        年度总 预期目标                                      实际完成情况
        体目标 按年度计划推进项目实施，保障各项工作有序开展。                   已按计划完成年度目标。
        绩效指标
        一级指 二级指 三级指 年度指标值                     实际完 分 得分 偏差原因分析及
        标   标   标                             成值      值      改进措施
            数量指 设备购 >=95%                     96%     1    1
        产出指 标   置数量
        标   时效指 响应及 >80%
            标   时率                            90%     13 13
                带动相
                关产业 =55人                      =55人    6    6
            经济效 发展
            益指标 带动相
                关产业 ≥2000人次                   2136人 1      1
                发展                            次
        效益指
        标
            社会效 公共服
            益指标 务水平
                    >=95%                     96%     7    7
                提高
            可持续 长效管
            影响指 理制度 <=100万元                     98.6万   8    8
                                                元
            标   健全性
                群众满 =100%
                                                100%    8    8
                意率
        满意度 服务对
                工作人
            象满意 员满意 >=95%                       96%     11   10     进度滞后
        指标
            度指标 度
                   群众满 =12次
                                                12次     35   35
                   意率
        总分                                              100 94.01

        """;

    [Fact]
    public void The_funding_header_does_not_begin_on_the_lines_above_it()
    {
        // The header reading by order spells 全年执行数 from "全年执行" and the "数" on its line; a band begun two lines
        // up, on "上海市闵行区行政服务中", then named as much as the header's own line, and took the 主管部门 line in.
        var form = Read(Synthetic042);
        Assert.Equal(("上海市闵行区行政服务中心", "上海市闵行区行政服务中心综合保障中心"), (form.Department, form.ImplementingUnit));
        Assert.Equal("绿地养护管理经费（闵行财预[2022]62号）", form.ProjectName);
        AssertLine(form.Funding.Total, 1478591.85m, 1478591.85m, 741562m);
    }

    [Fact]
    public void Funding_lines_whose_first_amounts_stand_beside_their_labels_take_the_rest_from_the_lines_after()
    {
        // Chromium's layout of a check-set form (tuning half, standard synthetic 334, as printed): pdftotext sets each
        // line's label and 年初预算数 first, then the rest of the two lines under them, then the total's 得分 alone. Read as
        // lines, the total took the fiscal line's 年初预算数 as its 全年预算数, with no warning.
        var form = WithFunding("""
                                   年初预算数            全年预算数 全年执行数 分值 执行率                得分
            项目资金 年度资金总额            7100042.00
                      其中：当年财政拨款 7100042.00
                                                    3544237.50 1622851.00 10 45.79%
                                                    3544237.50 1622851.00 —
                                                                                      4.58
            (元)       上年结转资金       0.00             0.00                  —
                      其他资金         0.00             0.00                  —
        """);
        AssertTotalAndFiscal(form, 7100042.00m, 3544237.50m, 1622851.00m, 10m, 45.79m, 4.58m);
        AssertLine(form.Funding.Carryover, 0m, 0m, null);
        AssertLine(form.Funding.Other, 0m, 0m, null);
    }

    /// <summary>
    /// Chromium's layout text of a check-set form as printed (tuning half, standard synthetic 354; its title and its
    /// indicator table, the lines between left out): the header's first line ends "得分 分析及改进措         偏差原因", the
    /// note label's first two lines set the wrong way round at the line's own widths, over "施".
    /// </summary>
    private static readonly string Synthetic354 = """
                                  财政项目支出绩效自评表
                                     (2020 年度)
                                      绩效指标
         一级      二级          三级            年度指 实际 分 得分 分析及改进措         偏差原因
         指标      指标          指标              标值 完成值 值                   施
               数量指标        覆盖社区数             完善 基本完善 2 2
        产出指 质量指标         系统运行稳定率             健全       健全 12 12
          标    时效指标      按计划节点完成           ≥90% 92.5% 16 14 进度滞后
               成本指标        预算控制率           =100% 100% 16 16
              经济效益指标      节约运行成本             及时       及时 14 13 资金执行偏慢
                          节约运行成本         ≥2000人次 2136人次 9 9
              社会效益指标 对优化营商环境持续发挥
                             作用              健全       健全 1 1
        效益指
          标 生态效益指标         绿化覆盖率            =12次      12次 6 4 资金执行偏慢
                        设施持续使用年限            >80%      90% 2 2
              可持续影响指 长效管理制度健全性 >=95% 96% 1 1
                  标
                       人员管理机制健全性             提升 有所提升 7 7
        满意度 服务对象满意 工作人员满意度                 >=95% 96% 4 4
         指标     度指标
                            总分                              100 94.26

        """;

    [Fact]
    public void A_note_label_whose_first_lines_are_set_the_wrong_way_round_is_still_the_note_column()
    {
        // Without the note column, a row's note went to its 得分 and the row was no row: 按计划节点完成 and 节约运行成本 were
        // lost into the rows around them.
        var form = Read(Synthetic354);
        Assert.Equal(12, form.Indicators.Length);
        Assert.Equal(
            [("按计划节点完成", "≥90%", "92.5%", (decimal?)16m, (decimal?)14m, "进度滞后"), ("预算控制率", "=100%", "100%", 16m, 16m, null),
             ("节约运行成本", "及时", "及时", 14m, 13m, "资金执行偏慢")],
            form.Indicators.Skip(2).Take(3).Select(i => (i.Name, i.Target, i.Actual, i.Weight, i.Score, i.Note)));
    }

    /// <summary>
    /// Chromium's layout text of a check-set form as printed (tuning half, standard synthetic 338; its title and its
    /// indicator table, the lines between left out): lines laid at their own widths set a wrapped actual's last line
    /// beside the rest of its row, "提升 有所提     升 8 8".
    /// </summary>
    private static readonly string Synthetic338 = """
                                    2022年度财政项目支出绩效自评表
                项目名称          食品安全抽检服务费（闵行财预[2022]369号）
            绩        一级         二级           三级    年度 实际 分 得分 原因分析及改进措       偏差
            效        指标         指标           指标   指标值 完成值 值
            指                                                                 施
            标
                                           覆盖社区数 ≥2000    2136人 6 4 部分工作未按计划
                                                                          完成，下年度加强
                                                   人次       次             跟踪
                               数量指标         服务人次 ≥90% 92.5% 4 4
                                           覆盖社区数 提升 有所提     升 8 8
                                           服务规范性 完善 基本完     善 8 8
                   产出指标        质量指标
                                           问题整改率 =12次 12次 10 10
                                           响应及时率 健全 健全 4 4
                               时效指标                                       部分工作未按计划
                                           响应及时率 提升 有所提     升   4     3   完成，下年度加强
                                                                          跟踪
                                          项目成本控制 =12次 12次 3 3
                               成本指标
                                          项目成本控制 =100% 100% 4 4
                   效益指标                   节约运行成本 >80% 90% 1 0 资金执行偏慢
                              经济效益指 节约运行成本 完善 基本完           善 2 2
                                标
                                          带动相关产业 ≥90% 92.5% 1 1
                                             发展
                              社会效益指 对优化营商环
                                标         境持续发挥作 =12次 12次 6 6
                                             用
                      公共服务水平   提升   有所提 1   1
                        提高           升
                      绿化覆盖率    >80% 90% 3   3
                生态效益指                           部分工作未按计划
                  标   环境质量改善    提升 有所提
                                     升 3    2   完成，下年度加强
                                                跟踪
                      人员管理机制 ≥2000 2136人 1 1
                       健全性    人次     次
                可持续影响 设施持续使用 =100% 100% 6 6
                 指标     年限
                      长效管理制度 及时 及时 7 7
                       健全性
        满意度指标   服务对象满 服务对象满意 >=95% 96% 8 5 资金执行偏慢
                意度指标    度
                  总分                     100 90.78

        """;

    [Fact]
    public void A_measures_last_character_set_apart_on_its_line_ends_that_measure()
    {
        // The lone "升" stood nearest the actual's column and "有所提" the target's: the row read "提升有所提" / "升".
        var form = Read(Synthetic338);
        Assert.Equal(
            [("覆盖社区数", "提升", "有所提升", (decimal?)8m), ("服务规范性", "完善", "基本完善", 8m)],
            form.Indicators.Skip(2).Take(2).Select(i => (i.Name, i.Target, i.Actual, i.Weight)));
    }

    /// <summary>
    /// Chromium's layout text of a check-set form as printed (tuning half, standard synthetic 242; its title and its
    /// indicator table, the lines between left out): measures wrapped inside their units, "≥2000人" / "次" and
    /// "<=100万" / "元", their first lines halfway between two rows.
    /// </summary>
    private static readonly string Synthetic242 = """
                            财政项目支出绩效自评表
                               (2023 年度)
                                    年度指标 实际完成 分        偏差原因分析及改
              一级指标   二级指标   三级指标       值     值   值 得分     进措施
                     数量指标 设备购置数量      及时    及时   11 11
                                    ≥2000人 2136人
         绩                工作考核达标率      次     次    1 1
                     质量指标
         效                工作考核达标率 =100%     100%  5 5
         指
         标    产出指标         响应及时率     >=95%  96%   2 2
                     时效指标 各项工作完成及
                             时性       健全    健全    1 1
                                    <=100万 98.6万
                     成本指标 项目成本控制       元     元   10 6  资金执行偏慢
         一级指   二级指标     三级指标    年度指标值 实际完成     分    得 偏差原因分析及改进措
          标                            值       值    分     施
         产出指   成本指标     预算控制率   <=100万元 98.6万元 16   16
          标
              经济效益指标  节约运行成本  ≥2000人 2136人次 23      23
        绩                        次
        效
        指     社会效益指标 群众办事便利度提   >80%    90%  1      1
        标 效益指            升
           标  生态效益指标  绿化覆盖率   <=100万元 98.6万元 6      6
                     人员管理机制健全 <=100万元 98.6万元 3      3
              可持续影响指     性
                 标   长效管理制度健全   =55人   =55人  4      4
                         性
        绩 一级指标   二级指标   三级指标   年度指标    实际完成   分    得分 偏差原因分析及改进措
        效                       值       值     值           施
        指 满意度指 服务对象满意度指 受众满意
        标                      >=85%    90     7   7
           标      标      度
                      总分                      100 91.59

        """;

    [Fact]
    public void A_measure_cut_inside_its_unit_goes_to_the_row_that_prints_the_units_rest()
    {
        // Halfway between the rows, "≥2000人" and "2136人" went up to the row above, "及时≥2000人", and left "次" alone.
        var form = Read(Synthetic242);
        Assert.Equal(
            [("设备购置数量", "及时", "及时"), ("工作考核达标率", "≥2000人次", "2136人次")],
            form.Indicators.Take(2).Select(i => (i.Name, i.Target, i.Actual)));
        Assert.Equal(("项目成本控制", "<=100万元", "98.6万元"), (form.Indicators[5].Name, form.Indicators[5].Target, form.Indicators[5].Actual));
    }

    /// <summary>
    /// Chromium's layout text of a check-set form as printed (tuning half, standard synthetic 332; its title and its
    /// indicator table, the lines between left out): notes of two lines, "部分工作未按计划完" on the row's line and
    /// "成，下年度加强跟踪" on the line under it, the row below printing its own one-line note.
    /// </summary>
    private static readonly string Synthetic332 = """
                                财政项目支出绩效自评表
                                        (2023 年度)
            绩      一级        二级     三级         年度指 实际 分值 得分             偏差
            效      指标        指标     指标           标值 完成值            原因分析及改进措施
            指                     培训场次 >=85% 90             3 3
            标             数量指标 设备购置数量           =55人 =55人 2 2
                                按计划节点完成         >80%   90%  7   4 部分工作未按计划完
                  产出指 时效指标                                        成，下年度加强跟踪
                   标            资金支付及时性 及时 及时 4 2 资金执行偏慢
                                按计划节点完成 >80% 90% 2 2
                          成本指标 项目成本控制 提升 有所提            升   25 19 部分工作未按计划完
                                                                  成，下年度加强跟踪
                                带动相关产业发 >=95% 96% 4 2 进度滞后
                                     展
                        经济效益指标 带动相关产业发 <=100万 98.6万 11 11
                                     展            元     元
                                节约运行成本 =12次 12次 2 2
                                公共服务水平提 ≥90% 92.5% 9 9
                        社会效益指标       高
                  效益指            社会知晓率 ≥2000人     次
                                                      2136人 5 5
                                                        次
                   标             绿化覆盖率 持续 持续 4 2 进度滞后
                        生态效益指标 绿化覆盖率 =55人 =55人 1 0 部分工作未按计划完      成，下年度加强跟踪
                                环境质量改善 =55人 =55人 2 2
                                长效管理制度健 >=85% 90            4 4
                        可持续影响指      全性
                             标  人员管理机制健 完善 基本完 2 2
                                    全性                  善
        满意度 服务对象满意 群众满意率 完善 基本完
                             善    2 2
        指标 度指标 服务对象满意度 =55人 =55人 1 1
               总分                100 81.57

        """;

    [Fact]
    public void A_notes_line_that_opens_on_a_one_character_clause_goes_on_with_the_note_above()
    {
        // Halfway between two rows that print notes on their own lines, "成，下年度加强跟踪" went to the row below:
        // "部分工作未按计划完" above, "成，下年度加强跟踪资金执行偏慢" below.
        var form = Read(Synthetic332);
        Assert.Equal(
            ["部分工作未按计划完成，下年度加强跟踪", "资金执行偏慢", null, "部分工作未按计划完成，下年度加强跟踪", "进度滞后"],
            form.Indicators.Skip(2).Take(5).Select(i => i.Note));
    }
}
