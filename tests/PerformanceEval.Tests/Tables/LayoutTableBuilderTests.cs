using System.Text;
using PerformanceEval.Contract;
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
        Assert.Equal((93675.00m, 93675.00m, (decimal?)null), (form.Funding.Fiscal!.InitialBudget, form.Funding.Fiscal.AnnualBudget, form.Funding.Fiscal.Executed));
        Assert.Equal((0m, 0m, (decimal?)null), (form.Funding.Carryover!.InitialBudget, form.Funding.Carryover.AnnualBudget, form.Funding.Carryover.Executed));
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
}
