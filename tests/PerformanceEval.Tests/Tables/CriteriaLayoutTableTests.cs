using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using Xunit;

namespace PerformanceEval.Tests.Tables;

/// <summary>
/// The criteria template (seed 003's family) as layout text: its label/value rows wrapped in narrow cells, its 指标解释 and
/// 评分规则 paragraphs wrapped over lines around their row's two figures, its section labels centred over the rows they
/// span. The forms are laid out here as a layout tool would (each word at its character column), so that the same form
/// can be printed aligned to the middle, the top or the bottom of its cells; the expected fields are the form's own.
/// </summary>
public sealed class CriteriaLayoutTableTests
{
    public enum Align { Middle, Top, Bottom }

    private sealed record Row(string[] Name, string[] Explanation, string Weight, string[] Rule, string Score, string[] Note);

    // Character columns of the table's columns, as a layout tool places them.
    private const int L = 0, N = 8, E = 17, W = 32, R = 36, S = 56, T = 61;

    private static readonly (string[] Label, Row[] Rows)[] Sections =
    [
        (["投入", "(30分)"],
        [
            new(["财务管理", "制度健全", "性"], ["项目的财务制度是", "否健全、完善、有", "效。"], "10",
                ["①是否已制定或具有", "相应的管理办法；（2", "分）②资金的拨付是否", "有完整的审批程序和手", "续；（8分）"], "10", []),
            new(["预算执行率"], ["反映项目预", "算执行的进", "度"], "20", ["执行率在90%及以上得满分。"], "18", ["部分资", "金未支", "付"]),
        ]),
        (["产出", "(70分)"],
        [
            new(["完成数量"], ["完成年度", "相关工作", "任务"], "70", ["按计划完成的得满分。"], "66", []),
        ]),
    ];

    private static readonly string[] Head =
    [
        Line((16, "2022年度财政项目绩效自评表")),
        Line((0, "项目"), (32, "预算")),
        Line((7, "社区卫生服务能力提升项目"), (39, "上海市徐汇区民政局")),
        Line((0, "名称"), (32, "单位")),
        Line((0, "具体实施处"), (30, "是否为经常")),
        Line((11, "综合科"), (44, "是")),
        Line((0, "（科室）"), (30, "性项目")),
        Line((0, "当年预算数")),
        Line((10, "1,200,000.00"), (29, "上年预算金额（元）"), (44, "0.00")),
        Line((0, "（元）")),
        Line((0, "预算执行数")),
        Line((10, "1,080,000.00"), (29, "预算执行率（%）"), (44, "90.00%")),
        Line((0, "（元）")),
        Line((0, "项目年度总目标"), (14, "项目年度目标：按计划推进项目实施。")),
        Line((0, "自评时间"), (14, "2023-04-01")),
        Line((0, "绩效等级"), (14, "优")),
        Line((0, "主要绩效"), (14, "按计划完成年度各项工作任务，资金使用规范。")),
        Line((0, "主要问题"), (14, "无")),
        Line((0, "改进措施"), (14, "无")),
        Line((0, "一级"), (N, "指标"), (E, "指标"), (W, "权"), (R + 2, "评分"), (S - 4, "自评")),
        Line((W, "重"), (T, "备注")),
        Line((0, "指标"), (N, "名称"), (E, "解释"), (R + 2, "规则"), (S - 4, "得分")),
    ];

    /// <summary>A line of words, each at its character column (at least one space after the word before it).</summary>
    private static string Line(params (int Column, string Text)[] words)
    {
        var line = new StringBuilder();
        foreach (var (column, text) in words.OrderBy(w => w.Column))
        {
            if (line.Length < column) line.Append(' ', column - line.Length);
            else if (line.Length > 0) line.Append(' ');
            line.Append(text);
        }
        return line.ToString();
    }

    /// <summary>
    /// The form laid out with its cells aligned as <paramref name="align"/> says; <paramref name="scoreOffset"/> puts
    /// each 自评得分 that many lines below its 权重 (a tool that places each line by its own widths).
    /// </summary>
    private static string Print(Align align, int scoreOffset = 0, string totalWeight = "100", (string[] Label, Row[] Rows)[]? sections = null)
    {
        var lines = new List<List<(int, string)>>();
        List<(int, string)> At(int i)
        {
            while (lines.Count <= i) lines.Add([]);
            return lines[i];
        }
        int Offset(int height, int n) => align switch { Align.Middle => (height - n) / 2, Align.Top => 0, _ => height - n };
        var top = 0;
        foreach (var (label, rows) in sections ?? Sections)
        {
            var first = top;
            foreach (var row in rows)
            {
                var height = new[] { row.Name.Length, row.Explanation.Length, row.Rule.Length, row.Note.Length, 1 }.Max();
                foreach (var (column, cell) in new[] { (N, row.Name), (E, row.Explanation), (R, row.Rule), (T, row.Note) })
                    for (var k = 0; k < cell.Length; k++)
                        At(top + Offset(height, cell.Length) + k).Add((column, cell[k]));
                var anchor = top + Offset(height, 1);
                At(anchor).Add((W, row.Weight));
                At(anchor + scoreOffset).Add((S, row.Score));
                top += height;
            }
            var middle = first + (top - first - label.Length) / 2;
            for (var k = 0; k < label.Length; k++) At(middle + k).Add((L, label[k]));
        }
        var body = lines.Select(words => Line([.. words]));
        return string.Join("\n", Head.Concat(body).Append(Line((0, "合计"), (W, totalWeight), (S, "94")))) + "\n";
    }

    private static CleanedForm Read(string text) =>
        Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("criteria.layout.txt", Encoding.UTF8.GetBytes(text))).Forms);

    private static void AssertTable(CleanedForm form)
    {
        var rows = Sections.SelectMany(s => s.Rows.Select(r => (Section: s.Label[0], Row: r))).ToList();
        Assert.Equal(rows.Count, form.Indicators.Length);
        for (var i = 0; i < rows.Count; i++)
        {
            var (section, row) = rows[i];
            var got = form.Indicators[i];
            Assert.Equal((section, string.Concat(row.Name), string.Concat(row.Explanation), string.Concat(row.Rule), row.Note.Length == 0 ? null : string.Concat(row.Note)),
                (got.Level1, got.Name, got.Explanation, got.ScoringRule, got.Note));
            Assert.Equal((decimal.Parse(row.Weight), decimal.Parse(row.Score)), (got.Weight, got.Score));
        }
        Assert.Equal([("投入", (decimal?)30m), ("产出", 70m)], form.Sections.Select(s => (s.Name, s.Weight)));
        Assert.Equal((100m, 94m), (form.TotalWeight, form.TotalScore));
    }

    [Fact]
    public void A_criteria_form_in_layout_text_is_read_into_its_template()
    {
        var form = Read(Print(Align.Middle));
        Assert.Equal("criteria", form.Template);
        Assert.Equal(("社区卫生服务能力提升项目", "上海市徐汇区民政局", "综合科", (bool?)true),
            (form.ProjectName, form.Department, form.ImplementingOffice, form.Recurring));
        Assert.Equal((1_200_000.00m, 1_080_000.00m, 90.00m, 0.00m),
            (form.Funding.Total!.AnnualBudget, form.Funding.Total.Executed, form.Funding.Total.ExecutionRate, form.Funding.PreviousYearBudget));
        Assert.Equal(("元", "2023-04-01", "优", "按计划完成年度各项工作任务，资金使用规范。", "无", "无"),
            (form.CurrencyUnit, form.EvaluationDate, form.Grade, form.MainResults, form.MainProblems, form.Improvements));
        AssertTable(form);
        // Everything adds up as printed: the checker finds nothing.
        Assert.Empty(form.Findings);
    }

    [Theory]
    [InlineData(Align.Top)]
    [InlineData(Align.Bottom)]
    public void Cells_aligned_to_the_top_or_the_bottom_are_cut_between_rows_as_printed(Align align) =>
        AssertTable(Read(Print(align)));

    [Fact]
    public void A_rows_weight_and_score_a_line_apart_are_still_its_pair()
    {
        // Each row's centre is then between its two figures' lines, half a line from where its cells are centred: the
        // rows, their names and figures are what this asserts, not where a paragraph's last line lands.
        var form = Read(Print(Align.Middle, scoreOffset: 1));
        Assert.Equal(["财务管理制度健全性", "预算执行率", "完成数量"], form.Indicators.Select(i => i.Name));
        Assert.Equal([(10m, 10m), (20m, 18m), (70m, 66m)], form.Indicators.Select(i => (i.Weight!.Value, i.Score!.Value)));
        Assert.Equal(["投入", "投入", "产出"], form.Indicators.Select(i => i.Level1));
    }

    [Fact]
    public void A_total_wrapped_in_its_narrow_cell_is_read_whole()
    {
        // "100.0" over the 合计's line and "0" under it: one figure, 100.00.
        var text = Print(Align.Middle).Replace(Line((0, "合计"), (W, "100"), (S, "94")),
            Line((W, "100.0")) + "\n" + Line((0, "合计"), (S, "94")) + "\n" + Line((W + 2, "0")));
        var form = Read(text);
        Assert.Equal((100.00m, 94m), (form.TotalWeight, form.TotalScore));
        Assert.Equal(3, form.Indicators.Length);
    }

    [Fact]
    public void Rows_weighing_as_their_sections_print_take_those_sections_though_a_label_stands_nearer_others()
    {
        // The 投入 label printed at the top of the table, beside the first row only (a tool that prints a merged
        // cell's text from its top): by its lines it would span one row, by the weights (10 + 20 = 30) it spans two.
        var text = Print(Align.Middle);
        var lines = text.Split('\n').ToList();
        var at = lines.FindIndex(l => l.StartsWith("投入", StringComparison.Ordinal));
        lines[at] = lines[at][2..].PadLeft(lines[at].Length);
        lines[at + 1] = lines[at + 1].Replace("(30分)", "      ", StringComparison.Ordinal);
        var first = lines.FindIndex(l => l.Contains("①是否已制定", StringComparison.Ordinal));
        lines[first] = "投入" + lines[first][2..];
        lines[first + 1] = "(30分)" + lines[first + 1][6..];
        var form = Read(string.Join("\n", lines));
        Assert.Equal(["投入", "投入", "产出"], form.Indicators.Select(i => i.Level1));
    }

    [Fact]
    public void A_weight_the_text_wrote_against_its_rule_is_the_rows_weight()
    {
        // A narrow 权重 column and a rule set flush left beside it: the layout writes "20执行率在90%…" as one word, and the
        // row's 自评得分 stands alone on its line. The row had been no row (its weight unseen), its text given to others.
        var text = Print(Align.Middle);
        Assert.Contains("20  执行率在90%及以上得满分。", text, StringComparison.Ordinal);
        AssertTable(Read(text.Replace("20  执行率在90%及以上得满分。", "20执行率在90%及以上得满分。  ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_figure_pair_inside_a_rules_text_is_no_row_when_the_weights_say_so()
    {
        // "…的得 4 分，否则得 2" wrapped so that both figures stand alone on a line of the rule: a line with two figures
        // like a row's 权重 and 自评得分. The rows' weights then add up to 104 against the 合计's 100, by exactly that
        // pair's 4, and its 4 stands inside the text: it is the rule's, not a row (which was a row of wrong figures, unwarned).
        var text = Print(Align.Middle).Replace("相应的管理办法；（2", "办法的得 4 分，否则得 2");
        var form = Read(text);
        Assert.Equal([10m, 20m, 70m], form.Indicators.Select(i => i.Weight!.Value));
        Assert.Equal([10m, 18m, 66m], form.Indicators.Select(i => i.Score!.Value));
        Assert.Contains("办法的得4分，否则得2", string.Concat(form.Indicators[0].ScoringRule!.Where(c => !char.IsWhiteSpace(c))));
        // Where the pair's weight is no row's excess (the 合计 says 104), every pair stays a row: nothing is dropped on a guess.
        Assert.Equal(4, Read(Print(Align.Middle, totalWeight: "104").Replace("相应的管理办法；（2", "办法的得 4 分，否则得 2")).Indicators.Length);
    }

    /// <summary>
    /// The form as Chromium's PDFs come out of <c>pdftotext -layout</c>: one space between cells, and each line placed by
    /// its own widths, so that a cell prints columns further left on one line than on the next ("预算" after a long value,
    /// "单位" after a short one; an explanation's line alone further left than its lines beside a name).
    /// </summary>
    private static string PrintOneSpaced() => string.Join("\n",
    [
        Line((14, "2022年度财政项目绩效自评表")),
        Line((0, "项目"), (3, "社区卫生服务能力提升项目"), (17, "预算"), (32, "上海市徐汇区民政局")),
        Line((0, "名称"), (3, "（第二期）"), (27, "单位")),
        Line((0, "具体实施"), (23, "是否为经常性"), (30, "是")),
        Line((0, "处（"), (3, "综合科"), (27, "项目")),
        Line((0, "科室）")),
        Line((0, "当年预算"), (23, "上年预算金")),
        Line((0, "数（"), (3, "1,200,000.00"), (24, "额（元）"), (32, "0.00")),
        Line((0, "元）")),
        Line((0, "预算执行"), (23, "预算执行率（"), (30, "90.00%")),
        Line((0, "数（元）"), (5, "1,080,000.00"), (23, "%）")),
        Line((0, "项目年度总目标"), (8, "项目年度目标：按计划推进项目实施。")),
        Line((0, "自评时间"), (8, "2023-04-01")),
        Line((0, "绩效等级"), (8, "优")),
        Line((0, "主要绩效"), (8, "按计划完成年度各项工作任务，资金使用规范。")),
        Line((0, "主要问题"), (8, "无")),
        Line((0, "改进措施"), (8, "无")),
        Line((60, "自评")),
        Line((0, "一级指标"), (5, "指标名称"), (18, "指标解释"), (34, "权重"), (39, "评分规则"), (60, "得分"), (65, "备注")),
        Line((8, "财务管理制"), (14, "项目的财务制度是否健全、完善、"), (39, "①是否已制定或具有相应的管理办法；")),
        Line((34, "10"), (60, "10")),
        Line((8, "度健全性"), (14, "有效。"), (39, "（2分）②资金的拨付是否有完整的审批程序。")),
        Line((0, "投入"), (12, "反映项目预算执行的进度，用以考")),
        Line((0, "（30分）"), (8, "预算执行率"), (14, "核项目资金的使用情况。"), (34, "20"), (39, "执行率在90%及以上得满分。"), (60, "18"),
            (65, "部分资金未支付")),
        Line((0, "产出"), (8, "完成数量"), (14, "完成年度相关工作任务"), (34, "70"), (39, "按计划完成的得满分。"), (60, "66")),
        Line((0, "（70分）")),
        Line((0, "合计"), (34, "100"), (60, "94")),
    ]) + "\n";

    /// <summary>
    /// <paramref name="table"/>'s lines under the head of <see cref="PrintOneSpaced"/> (its label/value rows), without its
    /// table; with <paramref name="withoutHeaderAbove"/>, without the "自评" its header prints on a line above as well.
    /// </summary>
    private static string UnderOneSpacedHead(IEnumerable<string> table, bool withoutHeaderAbove = false)
    {
        var head = PrintOneSpaced().Split('\n').TakeWhile(l => !l.StartsWith("一级指标", StringComparison.Ordinal) &&
            !(withoutHeaderAbove && l.StartsWith(new string(' ', 60) + "自评", StringComparison.Ordinal)));
        return string.Join("\n", head.Concat(table)) + "\n";
    }

    [Fact]
    public void One_spaced_lines_placed_by_their_own_widths_still_part_each_rows_name_from_its_explanation()
    {
        // One character column for the page cannot part 指标名称 from 指标解释 here (the explanation alone on a line
        // starts left of where it starts beside a name): each line's first piece is its name, a lone piece the cell it
        // stands nearer on the lines around it.
        var form = Read(PrintOneSpaced());
        Assert.Equal(
        [
            ("投入", "财务管理制度健全性", "项目的财务制度是否健全、完善、有效。", 10m, 10m),
            ("投入", "预算执行率", "反映项目预算执行的进度，用以考核项目资金的使用情况。", 20m, 18m),
            ("产出", "完成数量", "完成年度相关工作任务", 70m, 66m),
        ], form.Indicators.Select(i => (i.Level1, i.Name, i.Explanation, i.Weight!.Value, i.Score!.Value)));
        Assert.Equal("①是否已制定或具有相应的管理办法；（2分）②资金的拨付是否有完整的审批程序。", form.Indicators[0].ScoringRule);
        Assert.Equal("部分资金未支付", form.Indicators[1].Note);
        Assert.Equal([("投入", (decimal?)30m), ("产出", 70m)], form.Sections.Select(s => (s.Name, s.Weight)));
    }

    [Fact]
    public void One_spaced_head_labels_are_stacked_and_valued_though_their_lines_shift()
    {
        // "预算" / "单位" stand ten columns apart, "处（" and "数（" end on their unit's bracket one space before the value,
        // and 预算执行数's value sits on its label's last line with the next label (项目年度总目标) one line below.
        var form = Read(PrintOneSpaced());
        Assert.Equal(("社区卫生服务能力提升项目（第二期）", "上海市徐汇区民政局", "综合科"), (form.ProjectName, form.Department, form.ImplementingOffice));
        Assert.Equal(((decimal?)1_200_000m, (decimal?)1_080_000m, (decimal?)90.00m, (decimal?)0m),
            (form.Funding.Total?.AnnualBudget, form.Funding.Total?.Executed, form.Funding.Total?.ExecutionRate, form.Funding.PreviousYearBudget));
    }

    [Fact]
    public void Names_wrapped_beside_their_section_label_one_space_apart_are_names_not_sections()
    {
        // A narrow 指标名称 column wraps its names two characters a line, one space right of the section label's own
        // pieces ("投入 管理", "（30 制度"), and a section weight may touch the name's piece ("（70分）数量"): a section
        // label prints one piece a line, so the second piece is the name's. (The line of 完成数量's first piece, placed by
        // its own widths, prints the name where the others print their explanation.)
        var table = new[]
        {
            Line((0, "一级"), (3, "指标"), (6, "指标"), (22, "权重"), (25, "评分规则"), (45, "自评"), (50, "备注")),
            Line((0, "指标"), (3, "名称"), (6, "解释"), (45, "得分")),
            Line((3, "财务")),
            Line((0, "投入"), (3, "管理"), (6, "项目的财务制度是否健全")),
            Line((0, "（30"), (3, "制度"), (6, "、完善、有效。"), (22, "10"), (25, "按规定执行的得满分。"), (45, "10")),
            Line((0, "分）"), (3, "健全")),
            Line((3, "预算")),
            Line((3, "执行"), (6, "反映项目预算执行的进度"), (22, "20"), (25, "执行率在90%及以上得满分。"), (45, "18")),
            Line((3, "率")),
            Line((0, "产出"), (6, "完成"), (9, "完成年度相关工作任务"), (22, "70"), (25, "按计划完成的得满分。"), (45, "66")),
            Line((0, "（70分）数量")),
            Line((0, "合计"), (22, "100"), (45, "94")),
        };
        var form = Read(UnderOneSpacedHead(table));
        Assert.Equal(
        [
            ("投入", "财务管理制度健全", "项目的财务制度是否健全、完善、有效。", 10m),
            ("投入", "预算执行率", "反映项目预算执行的进度", 20m),
            ("产出", "完成数量", "完成年度相关工作任务", 70m),
        ], form.Indicators.Select(i => (i.Level1, i.Name, i.Explanation, i.Weight!.Value)));
        Assert.Equal([("投入", (decimal?)30m), ("产出", 70m)], form.Sections.Select(s => (s.Name, s.Weight)));
    }

    [Fact]
    public void Lines_of_a_name_and_of_its_explanation_by_turns_are_told_apart_by_where_they_start_and_how_wide()
    {
        // Chromium's layout text of a centred table (check set, criteria 270, as printed): a narrow 指标名称 wraps two
        // characters a line, and in the rows of 项目过程 and 项目产出 its lines and its explanation's never share a line
        // ("完成" / "完成及时性是否达" / "及时"), each set at its own line's widths. The lines of two pieces (资金 使用 |
        // 项目资金使用的合) print their names three columns further left than those rows do, so measured against them
        // every piece looked an explanation's and the two rows lost their names. A piece no wider than the page's names,
        // well left of the nearest lines too wide for a name, is the name's.
        var table = """
             一
             级 指标         指标                            评分               自评
                                     权重                                         备注
             指 名称         解释                            规则               得分
             标
             项
             目 资金
                                                                              部分目
             决 使用 项目资金使用的合
                                       6                                  4 标未完
             策 的合 规性情况
                                                                              全实现
             (6 规性
            分)
             项
                                           ①是否采取了有效的质量检查、验收等必需的控制措施；（14
             目
                 完成                        分）②是否按计划时间节点完成各项工作；（2分）③资金使用
             过      完成及时性是否达
                 及时                   43 是否符合国家财经法规和财务管理制度的规定；（1分）④资金 43
             程      到计划要求。
                  性                        的拨付是否有完整的审批程序和手续；（24分）⑤是否将项目
            (43
                                           绩效目标细化分解为具体的绩效指标和指标值；（2分）
            分)
             项
             目
                 信息
             产      信息共享程度是否               项目预算编制是否细化和量化，达到的得满分，未达到的酌情
                 共享                   46                                  46
             出      达到计划要求。                扣分。
                 程度
            (46
            分)
                 档案
                    让企业和群众享受
                 管理                        是否将项目绩效目标细化分解为具体的绩效指标和指标值，达
             项 规范 规范、透明、高效 2 到的得满分，未达到的酌情扣分。                              2
             目 性 的政务服务。
             效
             益 可持 用以反映和考核可
             (5 续发 持续发展能力的实                ①项目合同书、验收报告等资料是否齐全；（2分）②资金使用
            分) 展能 际情况，以及对项 3 是否符合国家财经法规和财务管理制度的规定；（1分）                    2
                    目目标实现的保障
                  力
                    作用。
                     合计             100.00                              97.00
            """.Split('\n');
        var form = Read(UnderOneSpacedHead(table, withoutHeaderAbove: true));
        Assert.Equal(
        [
            ("项目决策", "资金使用的合规性", "项目资金使用的合规性情况", 6m),
            ("项目过程", "完成及时性", "完成及时性是否达到计划要求。", 43m),
            ("项目产出", "信息共享程度", "信息共享程度是否达到计划要求。", 46m),
            ("项目效益", "档案管理规范性", "让企业和群众享受规范、透明、高效的政务服务。", 2m),
            ("项目效益", "可持续发展能力", "用以反映和考核可持续发展能力的实际情况，以及对项目目标实现的保障作用。", 3m),
        ], form.Indicators.Select(i => (i.Level1, i.Name, i.Explanation, i.Weight!.Value)));
    }

    [Fact]
    public void A_lone_piece_halfway_between_the_lines_around_it_is_a_name_when_no_wider_than_the_names()
    {
        // Chromium's layout text (check set, criteria 290, as printed): "数量", 设备购置数量's last piece, glued to its
        // section's weight ("（33分）数量"), stands as far from the name starts of the lines of two above and below as
        // from their explanation starts (those lines are set at their own widths). Halfway, a piece no wider than the
        // page's names is a name's: it had gone to the end of the row's explanation.
        var table = """
            一级指 指标 指标解释          权重 评分规则                自评 备注
            标 名称                                        得分
                                    ①资金使用是否符合国家财经法规和财
                  预算                务管理制度的规定；（17分）②项目调
                  执行 项目预算执行率情况 25 整及支出调整手续是否完备；（1分）③ 25
                  率                 是否采取了有效的质量检查、验收等必
                                    需的控制措施；（7分）
            项目决                     ①项目调整及支出调整手续是否完备；
            策                       （6分）②资金的拨付是否有完整的审批
            （38分）预算                 程序和手续；（1分）③是否将项目绩效
                  编制 预算编制科学性是否达到 13 目标细化分解为具体的绩效指标和指标 13
                  科学 计划要求。          值；（1分）④是否符合部门中期规划和
                  性                 年度目标；（2分）⑤是否采取了有效的
                                    质量检查、验收等必需的控制措施；（3
                                    分）
                  项目 用以反映和考核项目预算
                     的实际情况，以及对项目 22
                                    ①项目预算编制是否细化和量化；（2分）
                                    ②是否已制定或具有相应的项目资金管 22
                  预算 目标实现的保障作用。     理办法；（20分）
                                    ①资金使用是否符合国家财经法规和财
            项目过 设备 让企业和群众享受规范、      务管理制度的规定；（4分）②项目合同
            程 购置 透明、高效的政务服务。 8 书、验收报告等资料是否齐全；      （2分） 8
                                    ③资金的拨付是否有完整的审批程序和
            （33分）数量                 手续；（1分）④项目预算编制是否细化
                                    和量化；（1分）
                  完成 完成质量是否达到计划要 3 是否已制定或具有相应的项目资金管理
                                    办法，达到的得满分，未达到的酌情扣 2
                  质量 求。             分。
                    反映项目社会效益，用以
                    考核项目实施单位对资金
                 社会 运行和项目管理的控制情 3 ①是否按计划时间节点完成各项工作；
                                       （2分）②项目合同书、验收报告等资料 3
                 效益 况，是否为达到项目质量        是否齐全；（1分）
                    要求而采取了必需的措
            项目产     施。
            出 信息 用以反映和考核信息共享           ①资金的拨付是否有完整的审批程序和
            （9分） 共享 程度的实际情况，以及对 5 手续；     （1分）②项目调整及支出调整手
                                       续是否完备； （1分）③资金使用是否符 5
                    项目目标实现的保障作
                 程度 用。                 合国家财经法规和财务管理制度的规
                                       定；（3分）
                 公众 让企业和群众享受规范、
                 满意 透明、高效的政务服务。 1 是否将项目绩效目标细化分解为具体的
                                       绩效指标和指标值，否则不得分。     1
                 度
                 档案
                 管理 项目档案管理规范性情况 2                          2
            项目效 性规范
            益 可持
            （20分）续发 让企业和群众享受规范、        ①是否采取了有效的质量检查、验收等         部分目标未完
                 展能 透明、高效的政务服务。 18     必需的控制措施； （5分）②是否按计划 15    全实现
                 力                     时间节点完成各项工作； （13分）
            合计                  100.00                     96.00
            """.Split('\n');
        var form = Read(UnderOneSpacedHead(table, withoutHeaderAbove: true));
        var row = form.Indicators.Single(i => i.Name?.StartsWith("设备购置", StringComparison.Ordinal) == true);
        Assert.Equal(("项目过程", "设备购置数量", "让企业和群众享受规范、透明、高效的政务服务。", 8m),
            (row.Level1, row.Name, row.Explanation, row.Weight!.Value));
    }

    [Fact]
    public void Every_row_keeps_a_name_where_the_rows_are_cut()
    {
        // Chromium's layout text (check set, criteria 266, its first section as printed): "绩效目标合理性" and the first
        // line of its explanation stand halfway between 预算执行率's figures and their own row's, and the cut had taken
        // them up into 预算执行率 ("预算执行率绩效目标合理性"), leaving the row below without a name. Every row has a name:
        // a cut that leaves one without runs through a name.
        var table = """
            一级       指标          指标        权            评分        自评 备注
            指标       名称          解释        重            规则        得分
                资金使用的合规 资金使用的合规性是 3 ①项目合同书、验收报告等资料是否齐
                                              全；（1分）②是否符合部门中期规划和年 2
                      性     否达到计划要求。          度目标；（2分）
            投入
            与管 资金使用的合规 完成年度相关工作任 1 完成年度相关工作任务                       1
             理        性     务
            （22
            分） 预算执行率 预算执行率是否达到
                            计划要求。          17                      17
                绩效目标合理性 完成年度相关工作任
                        务               1 资金使用是否符合国家财经法规和财务管
                                          理制度的规定，否则不得分。            1
            合计                           22.00                        20.00
            """.Split('\n');
        var form = Read(UnderOneSpacedHead(table, withoutHeaderAbove: true));
        Assert.Equal(["资金使用的合规性", "资金使用的合规性", "预算执行率", "绩效目标合理性"], form.Indicators.Select(i => i.Name));
        Assert.Equal(("预算执行率是否达到计划要求。", "完成年度相关工作任务"), (form.Indicators[2].Explanation, form.Indicators[3].Explanation));
    }

    [Fact]
    public void A_name_pushed_left_against_a_label_printed_a_character_a_line_is_the_rows_name()
    {
        // Chromium's layout text of a section label set vertically, a character a line (check set, criteria 260): a
        // line holding a piece of the label lays its name out from further left, so near the label's column that the
        // name had been stacked into the label ("项目设立的规范性" for 项目决策) and the sections shifted by one. A
        // section label prints one piece a line: the second is the name's, though no other line needs cutting one by one.
        var table = new[]
        {
            Line((0, "一级指标"), (6, "指标名称"), (18, "指标解释"), (34, "权重"), (39, "评分规则"), (60, "自评得分"), (66, "备注")),
            Line((6, "预算编"), (14, "预算编制科学性是否达到"), (39, "按规定执行的得满分。")),
            Line((6, "制科学"), (14, "计划要求。"), (34, "10"), (60, "10")),
            Line((6, "性")),
            Line((0, "项")),
            Line((0, "目"), (2, "项目设"), (14, "项目设立的规范性情况"), (34, "10"), (39, "按规定执行的得满分。"), (60, "9")),
            Line((0, "决"), (2, "立的规")),
            Line((0, "策"), (2, "范性")),
            Line((0, "（20")),
            Line((0, "分）")),
            Line((6, "完成数"), (14, "完成年度相关工作任务"), (34, "80"), (39, "按计划完成的得满分。"), (60, "76")),
            Line((0, "产出"), (6, "量")),
            Line((0, "（80分）")),
            Line((0, "合计"), (34, "100"), (60, "95")),
        };
        var form = Read(UnderOneSpacedHead(table, withoutHeaderAbove: true));
        Assert.Equal([("项目决策", (decimal?)20m), ("产出", 80m)], form.Sections.Select(s => (s.Name, s.Weight)));
        Assert.Equal(
        [
            ("项目决策", "预算编制科学性", 10m, 10m),
            ("项目决策", "项目设立的规范性", 10m, 9m),
            ("产出", "完成数量", 80m, 76m),
        ], form.Indicators.Select(i => (i.Level1, i.Name, i.Weight!.Value, i.Score!.Value)));
    }

    [Fact]
    public void A_name_stacked_onto_the_section_label_below_it_is_the_name_where_the_rest_names_a_known_section()
    {
        // Chromium's layout text (check set, criteria 240): the last row before a section's label prints its name two
        // columns left of the other names, right over the label's first piece, and the two stacked into one label
        // "长效机制健全影响力目标 (70分)". Its last pieces name a section the template prints; the first are the name's.
        var table = new[]
        {
            Line((0, "一级指标"), (6, "指标名称"), (18, "指标解释"), (34, "权重"), (39, "评分规则"), (60, "自评得分"), (66, "备注")),
            Line((6, "预算")),
            Line((0, "投入"), (6, "执行"), (14, "预算执行率是否达到计划要求。"), (34, "30"), (39, "按规定执行的得满分。"), (60, "28")),
            Line((0, "（30分）"), (6, "率")),
            Line((2, "长效"), (14, "反映项目长效机制健全，")),
            Line((2, "机制"), (14, "用以考核项目实施单位对"), (34, "40"), (39, "按计划完成的得满分。"), (60, "38")),
            Line((2, "健全"), (14, "资金运行的控制情况。")),
            Line((6, "人员"), (14, "用以反映和考核人员管理")),
            Line((0, "影响"), (6, "管理"), (14, "的实际情况。"), (34, "30"), (39, "按计划完成的得满分。"), (60, "28")),
            Line((0, "力目"), (6, "机制")),
            Line((0, "标")),
            Line((0, "（70分）")),
            Line((0, "合计"), (34, "100"), (60, "94")),
        };
        var form = Read(UnderOneSpacedHead(table, withoutHeaderAbove: true));
        Assert.Equal([("投入", (decimal?)30m), ("影响力目标", 70m)], form.Sections.Select(s => (s.Name, s.Weight)));
        Assert.Equal(
        [
            ("投入", "预算执行率", 30m),
            ("影响力目标", "长效机制健全", 40m),
            ("影响力目标", "人员管理机制", 30m),
        ], form.Indicators.Select(i => (i.Level1, i.Name, i.Weight!.Value)));
        Assert.Equal("反映项目长效机制健全，用以考核项目实施单位对资金运行的控制情况。", form.Indicators[1].Explanation);
    }

    [Fact]
    public void A_header_row_a_page_break_cut_with_the_next_page_at_other_widths_is_read_in_order()
    {
        // Writer's layout text (tuning check set, criteria 282): "一级 指标 指标 权 评分 自评 备注" at page 1's foot,
        // "指标 名称 解释 重 规则 得分" atop page 2, laid out at page 2's own widths so that no lower half stands under its
        // upper half. Only 备注 had been named, and the form was read without its table.
        var text = File.ReadAllText(Fixtures.Input("shop-tune-criteria282-writer-layout"));
        Assert.Contains("\f指标", text, StringComparison.Ordinal);
        var form = Read(text);
        var gold = System.Text.Json.Nodes.JsonNode.Parse(File.ReadLines(Path.Combine(Fixtures.Case("shop-tune-criteria282-writer-layout"), "expected.jsonl")).First())!;
        var rows = gold["indicators"]!.AsArray();
        Assert.Equal(rows.Count, form.Indicators.Length);
        Assert.Equal(rows.Select(r => ((string?)r!["name"], (decimal?)r["weight"], (decimal?)r["score"])),
            form.Indicators.Select(i => (i.Name, i.Weight, i.Score)));
        Assert.Equal(((decimal?)gold["totalWeight"], (decimal?)gold["totalScore"]), (form.TotalWeight, form.TotalScore));
    }

    [Fact]
    public void A_name_the_layout_set_into_the_label_column_is_a_name_where_it_names_no_section()
    {
        // pdftotext lays a line with nothing in the 一级指标 column out from further left: the last row's name stands
        // under the label column, left of the names above it, and stacked into a label "服务对象满意度" with
        // no weight (a section of its own that had taken the row from 产出, and the row's name with it).
        var sections = new[]
        {
            Sections[0],
            (Sections[1].Label, new[]
            {
                new Row(["完成数量"], ["完成年度", "相关工作", "任务"], "20", ["按计划完成的得满分。"], "18", []),
                new Row(["完成质量"], ["验收合格", "率达到", "要求"], "20", ["合格的得满分。"], "20", []),
                new Row(["服务对象", "满意度"], ["反映服务", "对象满意", "程度"], "30", ["满意度达到90%的得满分。"], "28", []),
            }),
        };
        var lines = Print(Align.Middle, sections: sections).Split('\n').ToList();
        foreach (var name in new[] { "服务对象", "满意度" })
        {
            var at = lines.FindIndex(l => l.StartsWith(new string(' ', N) + name, StringComparison.Ordinal));
            Assert.True(at > 0);
            lines[at] = " " + name + new string(' ', N - 1) + lines[at][(N + name.Length)..];
        }
        var form = Read(string.Join("\n", lines));
        Assert.Equal([("投入", (decimal?)30m), ("产出", 70m)], form.Sections.Select(s => (s.Name, s.Weight)));
        Assert.Equal(("产出", "服务对象满意度", 30m), (form.Indicators[^1].Level1, form.Indicators[^1].Name, form.Indicators[^1].Weight!.Value));
        Assert.Equal(["投入", "投入", "产出", "产出", "产出"], form.Indicators.Select(i => i.Level1));
    }

    [Fact]
    public void Words_on_lines_without_a_figure_take_the_column_whose_words_start_there_on_the_figure_lines()
    {
        // Chromium's layout text of a print-shop form set centred in a narrow grid (tuning half, criteria 006): each line
        // is placed at its own widths, the rows print their weights anywhere from column 17 to 27, and an explanation's
        // line alone ("项目资金", "资金使用", "充分性是") starts at 17, left of where the page prints its weights halfway.
        // Those lines had gone to the rule ("项目资金是否将项目绩效目标…"). The figure lines start explanations at 17 and
        // rules elsewhere. (Rows 3 to 6 still share some explanation lines wrongly between them: their cut is the rows'.)
        var form = Read("""
                           2022年度财政项目绩效自评表
         项目名称 普陀区档案数字化加工项
                目                   预算单位   上海市普陀区财政局
        具体实施处 业务科                 是否为经常性项目 否
         （科室）
        当年预算数 237,787.32         上年预算金额（元） 0.00
          （元）
        预算执行数 237,787.32          预算执行率（%） 100.00%
          （元）
         项目年度总目标 项目年度目标：按计划推进项目实施。
            自评时间 2023-04-09
            绩效等级 优
            主要绩效 项目按进度推进，服务对象满意度较高，基本完成了年度绩效目标。
            主要问题 部分工作进度滞后于计划
            改进措施 进一步细化绩效目标，完善指标体系。
        一级指 指标名称 指标解释 权                  评分规则      自评 备注
          标                      重                 得分
         投入              项目资金      是否将项目绩效目标细化分解为具
        (14分) 资金到位率 到位率情 1 体的绩效指标和指标值，视情况扣 0
                         况         分。
                         资金使用
              资金使用的合规 的合规性
                         是否达到    2 资金使用的合规性是否达到计划要 2
                  性      计划要       求。
                         求。
                         立项依据      资金使用是否符合国家财经法规和
                         充分性是
              立项依据充分性 否达到计 1 财务管理制度的规定，视情况扣          1
                         划要求。      分。
                         资金使用
              资金使用的合规 的合规性
                         是否达到 4                      4
                  性      计划要
                         求。
              财务（资产）管 完成年度
              理制度的健全性 相关工作 1 是否采取了有效的质量检查、验收
                                   等必需的控制措施，视情况扣分。   1
              和执行的有效性 任务
                        让企业和
                        群众享受
                立项依据充分性 规范、透
                        明、高效   2                     1
                        的政务服
                        务。
                        预算编制
                预算编制科学性 科学性是
                        否达到计   3 资金的拨付是否有完整的审批程序
                                 和手续，视情况扣分。          3
                        划要求。
              合计                       100.00                          93.00
        """);
        Assert.Equal(7, form.Indicators.Length);
        Assert.Equal(["项目资金到位率情况", "资金使用的合规性是否达到计划要求。"], form.Indicators.Take(2).Select(i => i.Explanation));
        Assert.Equal(["是否将项目绩效目标细化分解为具体的绩效指标和指标值，视情况扣分。", "资金使用的合规性是否达到计划要求。",
            "资金使用是否符合国家财经法规和财务管理制度的规定，视情况扣分。"], form.Indicators.Take(3).Select(i => i.ScoringRule));
        Assert.Equal(("预算编制科学性是否达到计划要求。", "资金的拨付是否有完整的审批程序和手续，视情况扣分。"),
            (form.Indicators[6].Explanation, form.Indicators[6].ScoringRule));
    }

    [Fact]
    public void A_name_is_not_cut_where_it_would_open_on_a_suffix()
    {
        // Chromium's layout text (check set, criteria 282): "立项依" / "据充分" on the row's lines and "性" alone two lines
        // below, between it and the next row's "验收合"; the rows' middles put the cut above "性", which then opened the
        // next name ("性验收合格率"). A name does not open on a suffix or a particle, nor close on a particle.
        var form = Read("""
                                  2021年度财政项目绩效自评表
                                         (2021 年度)
        项目 崇明区档案数字化加工经费                预算            上海市崇明区水
        名称                             单位            务局
        具体实                            是否
        施处 信息科                         为经常性项目        否
        （科室）
        当年                             上年预算金额（
        预算数 5,731,473.50               元）            8,513,671.00
        （元）
        预算执                            预算执行
        行数 5,267,092.85                率（%）          91.90%
        （元）
        项目年度       项目年度目标：按计划推进项目实施。
        总目标
        自评         2022-06-24
        时间
        绩效         优
        等级
        主要         项目按进度推进，服务对象满意度较高，基本完成了年度绩效目标。
        绩效
        主要         系统用户体验上存在一定不足
        问题
        改进         无
        措施
        一级   指标 指标                 权 评分                                  自评 备注
        指标   名称 解释                 重 规则                                  得分
                                      ①是否符合部门中期规划和年度目标；（1分）②项目调整及支出调整手续
              资金到 项目资金到位率情况        9  是否完备；（3分）③是否将项目绩效目标细化分解为具体的绩效指标和指 6
              位率                      标值；（1分）④项目合同书、验收报告等资料是否齐全；（1分）⑤是否已
                                      制定或具有相应的项目资金管理办法；（3分）
        项目决 绩效目 用以反映和考核绩效目标合理性的实
        策     标合理 际情况，以及对项目目标实现的保障 6  用以反映和考核绩效目标合理性的实际情况，以及对项目目标实现的保障 6
        （26分） 性 作用。                   作用。
              立项依
              据充分 立项依据充分性是否达到计划要求。 11 ①是否按计划时间节点完成各项工作；
                                      量化；（9分）
                                                       （2分）②项目预算编制是否细化和 11
              性
        项目过 验收合 反映项目验收合格率，用以考核项目
                  实施单位对资金运行和项目管理的控 59 ①资金使用是否符合国家财经法规和财务管理制度的规定；（38分）②是 59
        程
        （59分） 格率 制情况，是否为达到项目质量要求而
                  采取了必需的措施。
                                      否采取了有效的质量检查、验收等必需的控制措施；（21分）

        项目产 服务对 反映项目服务对象满意度，用以考核
                  项目实施单位对资金运行和项目管理    ①是否采取了有效的质量检查、验收等必需的控制措施； （6分）②资金的    部分目标
        出     象满意 的控制情况，是否为达到项目质量要 7 拨付是否有完整的审批程序和手续；（1分）                6 未完全实
        （7分） 度 求而采取了必需的措施。                                                  现
        项目效 长效机 完成年度相关工作任务         2 项目预算编制是否细化和量化，视情况扣分。                1
        益     制健全
        （8分） 人员管 用以反映和考核人员管理机制健全性
              理机制 的实际情况，以及对项目目标实现的 1 项目预算编制是否细化和量化，否则不得分。                1
              健全性 保障作用。
              档案管 让企业和群众享受规范、透明、高效
              理规范 的政务服务。           3 ①资金的拨付是否有完整的审批程序和手续； （1分）②项目调整及支出调 2
                                      整手续是否完备；（1分）③是否符合部门中期规划和年度目标；（1分）
              性
             人员管 用以反映和考核人员管理机制健全性
             理机制 的实际情况，以及对项目目标实现的 2 ①是否按计划时间节点完成各项工作；  （1分）②是否将项目绩效目标细化 2
                                      分解为具体的绩效指标和指标值；（1分）
             健全性 保障作用。
        合计                        100                                   94.00
        
        """);
        Assert.Equal(["资金到位率", "绩效目标合理性", "立项依据充分性", "验收合格率"], form.Indicators.Take(4).Select(i => i.Name));
    }

    [Fact]
    public void A_section_label_printed_again_after_a_page_break_goes_on_its_section()
    {
        // Calc's layout text (check set, criteria 246): "过程" / "(12分)" is printed on both sides of the page break, as
        // a merged cell split by a page is. The weights could not be partitioned among five labels (the rows of 过程 add
        // up to 12 once, not twice), and the sections fell back to the labels' middles: a row of 过程 went to 产出.
        var form = Read("""
                                                        2020年度财政项目绩效自评表
                                                              (2020 年度)
        项目                                                                预算
                           浦东新区公共法律服务专项经费（第二年）                                            上海市浦东新区规划和自然资源局
        名称                                                                单位
        具体实施处（                                                            是否为经
                           网上政务科                                                          是
        科室）                                                               常性项目
        当年预                                                               上年预算金额（
                           1,632,581.00                                                   2,797,989.50
        算数（元）                                                             元）
        预算执行数                                                             预算执行率（
                           1,632,581.00                                                   100.00%
        （元）                                                               %）
        项目年度
                           项目年度目标：按计划推进项目实施。
        总目标
        自评
                           2021-06-19
        时间
        绩效
                           优
        等级
        主要
                           项目按进度推进，服务对象满意度较高，基本完成了年度绩效目标。
        绩效
        主要
                           绩效指标设置不够细化
        问题
        改进
                           无
        措施
        一级       指标                       指标                              评分                                自评
                                                                   权重                                            备注
        指标       名称                       解释                              规则                                得分

                                          反映项目预算执行率，用以考核项目实施单位对资
                 预算执行率                    金运行和项目管理的控制情况，是否为达到项目质   41                                       41
                                          量要求而采取了必需的措施。

        投入       项目管理制度健全性和执行的有效
                                 完成年度相关工作任务                        16     是否符合部门中期规划和年度目标，否则不得分。            16
        (60分)    性

                                                                          ①项目合同书、验收报告等资料是否齐全；（1分）②资金使用是否符
                 立项依据充分性                  让企业和群众享受规范、透明、高效的政务服务。   3      合国家财经法规和财务管理制度的规定；（1分）③是否符合部门中期 3
                                                                          规划和年度目标；（1分）


                                                                          ①资金使用是否符合国家财经法规和财务管理制度的规定；（2分）②
                                                                          是否符合部门中期规划和年度目标；（1分）③是否将项目绩效目标细
                 项目预算                     让企业和群众享受规范、透明、高效的政务服务。   6                                      6
                                                                          化分解为具体的绩效指标和指标值；（2分）④项目调整及支出调整手
                                                                          续是否完备；（1分）
        过程
        (12分)    项目预算                     让企业和群众享受规范、透明、高效的政务服务。   2                                        2
        [page]过程
        (12分)

                                                            ①是否按计划时间节点完成各项工作；（1分）②是否符合部门中期规
                完成及时性     完成及时性是否达到计划要求。           2                                        2
                                                            划和年度目标；（1分）
                          用以反映和考核完成质量的实际情况，以及对项目                                                    部分目标未完全
                完成质量                               2        是否符合部门中期规划和年度目标，视情况扣分。          1
                          目标实现的保障作用。                                                                实现
        产出                                                  ①项目预算编制是否细化和量化；（9分）②项目调整及支出调整手续
                信息共享程度    项目信息共享程度情况               16                                       11
        (16分)                                               是否完备；（7分）
        效果
                可持续发展能力   完成年度相关工作任务               12       项目预算编制是否细化和量化，视情况扣分。            12
        (12分)

        合计                                         100.00                                   94.00
        """.Replace("[page]", "\f", StringComparison.Ordinal));
        Assert.Equal(["投入", "投入", "投入", "过程", "过程", "过程", "过程", "产出", "效果"], form.Indicators.Select(i => i.Level1));
        Assert.Equal([("投入", (decimal?)60m), ("过程", 12m), ("产出", 16m), ("效果", 12m)], form.Sections.Select(x => (x.Name, x.Weight)));
    }

    [Fact]
    public void On_a_page_at_other_widths_the_section_labels_end_where_their_pieces_do()
    {
        // Chromium's layout of a check-set form (tuning half, criteria 1046, as printed): the third page sets its lines at
        // other widths than the first, and the columns carried over to it are rough. There the names' right edge (the
        // explanations all start at one column) was a stronger river than the section labels' and was taken for the
        // labels' edge: the names went to the labels, their explanations to the names. The labels' own pieces (产出,
        // （10, 分）, 效果, （37) all end four columns further left.
        var form = Read("""
                        2022年度财政项目绩效自评表
                               (2022 年度)
                                                          上海市奉贤
         项目名称 奉贤区绿地养护管理项
              目                            预算单位           区绿化和市
                                                          容管理局
         具体实施处 计划财务科                是否为经常性项目              否
          （科室）
         当年预算数 2,121,550.50        上年预算金额（元）              0.00
          （元）
         预算执行数 1,889,424.60         预算执行率（%）              89.06%
          （元）
        项目年度总目 项目年度目标：按计划推进项目实施。
           标
          自评时间 2023-05-05
          绩效等级 优
          主要绩效 按计划完成年度各项工作任务，资金使用规范。
          主要问题 绩效指标设置不够细化
          改进措施 加强项目进度管理，确保按计划节点完成。
        一级指标 指标名称           指标解释 权        评分规则            自评 备
                                 重                        得分 注
             资金到位 用以反映和考核资金到位率 1 资金使用是否符合国家财经法规和财务
              率 的实际情况，以及对项目目
                  标实现的保障作用。      管理制度的规定，否则不得分。             1
                                   ①项目合同书、验收报告等资料是否齐
              资金使用 用以反映和考核资金使用的    全；（1分）②是否采取了有效的质量检
         投入 的合规性 合规性的实际情况，以及对 4 查、验收等必需的控制措施；（1分）③是         4
        （6分）       项目目标实现的保障作用。    否已制定或具有相应的项目资金管理办
                                   法；（2分）
              项目管理 用以反映和考核项目管理制
              制度健全 度健全性和执行的有效性的 1                           1
              性和执行 实际情况，以及对项目目标
              的有效性 实现的保障作用。
                                   ①是否采取了有效的质量检查、验收等
                                   必需的控制措施；（9分）②资金的拨付
                   让企业和群众享受规范、透
              完成质量 明、高效的政务服务。   15 是否有完整的审批程序和手续； （1分）③    13
                                   是否已制定或具有相应的项目资金管理
         过程                        办法；（1分）④项目调整及支出调整手续
        （47分）                      是否完备；（4分）
              验收合格 让企业和群众享受规范、透 32 ①是否按计划时间节点完成各项工作；
                                   （15分）②项目调整及支出调整手续是      32
               率 明、高效的政务服务。        否完备；（17分）
        [page] 产出 公众满意 让企业和群众享受规范、透 1 是否将项目绩效目标细化分解为具体的   1
        （10分） 度 明、高效的政务服务。      绩效指标和指标值，否则不得分。
        [page]    社会效 社会效益是否达到计划要求。        1 项目调整及支出调整手续是  1
             益                          否完备，视情况扣分。
        产出 服务对  让企业和群众享受规范、透明、高效的政务服    是否已制定或具有相应的项
        （10 象满意
             度  务。                   3 目资金管理办法，否则不得 3
                                        分。
        分）
            信息共 反映项目信息共享程度，用以考核项目实施单
                位对资金运行和项目管理的控制情况，是否为 5
                                        是否将项目绩效目标细化分
                                        解为具体的绩效指标和指标 5
            享程度 达到项目质量要求而采取了必需的措施。      值，否则不得分。
            可持续                         资金的拨付是否有完整的审
            发展能 完成年度相关工作任务           1 批程序和手续，达到的得满 1
             力                          分，未达到的酌情扣分。
        效果 人员管 反映项目人员管理机制健全性，用以考核项目
                实施单位对资金运行和项目管理的控制情况，    资金使用是否符合国家财经   部分目
        （37 理机制 是否为达到项目质量要求而采取了必需的措 5 法规和财务管理制度的规 4 标未完
        分） 健全性 施。                       定，视情况扣分。       全实现
            可持续 反映项目可持续发展能力，用以考核项目实施    资金的拨付是否有完整的审   部分目
            发展能 单位对资金运行和项目管理的控制情况，是否 13 批程序和手续，否则不得 12 标未完
             力 为达到项目质量要求而采取了必需的措施。      分。             全实现
        [page]效果 档案管 反映项目档案管理规范性，用以考核项目实施单位对      资金的拨付是否有完整
        （37 理规范 资金运行和项目管理的控制情况，是否为达到项目质 18 的审批程序和手续，否 18
        分） 性 量要求而采取了必需的措施。                  则不得分。
                       合计               100            96.00
        [page]
        """.Replace("[page]", "\f", StringComparison.Ordinal));
        Assert.Equal(["社会效益", "服务对象满意度", "信息共享程度", "可持续发展能力", "人员管理机制健全性", "可持续发展能力"],
            form.Indicators.Skip(6).Take(6).Select(i => i.Name));
        Assert.Equal(["社会效益是否达到计划要求。", "让企业和群众享受规范、透明、高效的政务服务。"], form.Indicators.Skip(6).Take(2).Select(i => i.Explanation));
        Assert.Equal(["产出", "产出", "产出", "效果", "效果", "效果"], form.Indicators.Skip(6).Take(6).Select(i => i.Level1));
    }

    [Fact]
    public void A_cells_last_character_alone_on_its_line_stays_with_the_lines_it_is_flush_with()
    {
        // Writer's layout of a check-set form (tuning half, criteria 216, as printed): "完成年度相关工作任" / "务" wraps in
        // the 指标解释 cell between the lines of "人员管" / "理机制" / "健全性". "务" starts where its first line does, but
        // its middle falls left of the cut between the two columns, and it went to the name ("人员管理机制务健全性").
        var form = Read("""
        2022 年度财政项目绩效自评表
                                                               上海市嘉定区绿化
        项目名称   嘉定区道路照明维护服务费（第二年）        预算单位
                                                               和市容管理局
        具体实施处
                 信息科                    是否为经常性项目            是
        （科室）
        当年预算数
                 1,547,650.00           上年预算金额（元）           5,818,306.50
        （元）
        预算执行数
                 1,209,411.84           预算执行率（%）            78.15%
        （元）
        项目年度总目标 项目年度目标：按计划推进项目实施。
        自评时间           2023-05-17
        绩效等级           优
        主要绩效           按计划完成年度各项工作任务，资金使用规范。
        主要问题           绩效指标设置不够细化
        改进措施           加强项目进度管理，确保按计划节点完成。
               指标名
        一级指标           指标解释       权重    评分规则                自评得分 备注
               称
                                        ① 资金使用是否符合国家财经法规和财
                                        务管理制度的规定；（5 分）②是否已制
                                                                       部分
                       用以反映和考核预算        定或具有相应的项目资金管理办法；（2
                                                                       目标
               预算执 执行率的实际情况，            分）③是否将项目绩效目标细化分解为
                                  26                        23         未完
               行率      以及对项目目标实现        具体的绩效指标和指标值；（2 分）④项
        投入与管                                                           全实
                       的保障作用。           目调整及支出调整手续是否完备；（5
        理                                                              现
                                        分）⑤是否采取了有效的质量检查、验
        (30 分)                          收等必需的控制措施；（12 分）
                                        ① 资金的拨付是否有完整的审批程序和
               预算编 让企业和群众享受规
                                        手续；（1 分）②是否将项目绩效目标细
               制科学 范、透明、高效的政 4                              4
                                        化分解为具体的绩效指标和指标值；（3
               性       务服务。
                                        分）
                                        资金使用是否符合国家财经法规和财务
               完成数
                       项目完成数量情况   1     管理制度的规定，达到的得满分，未达 1
               量
                                        到的酌情扣分。
                       反映项目培训人次，
                       用以考核项目实施单
                       位对资金运行和项目
               培训人
                       管理的控制情况，是 2                          2
               次
        产出目标           否为达到项目质量要
        (22 分)         求而采取了必需的措
                       施。
                       用以反映和考核完成
               完成及 及时性的实际情况，
                                  12                        12
               时性      以及对项目目标实现
                       的保障作用。
               设备购 完成年度相关工作任            项目调整及支出调整手续是否完备，否
                                  7                         7
               置数量 务                    则不得分。
                                                                       部分
               群众办                      ① 项目预算编制是否细化和量化；（1             目标
                       群众办事便利度是否
               事便利                3     分）②是否按计划时间节点完成各项工 2            未完
                       达到计划要求。
               度                        作；（2 分）                        全实
                                                                       现
               社会效 社会效益是否达到计
                                  7                         7
        效果目标 益         划要求。
        (33 分)         反映项目信息共享程
                       度，用以考核项目实
                       施单位对资金运行和
               信息共                      资金使用是否符合国家财经法规和财务
                       项目管理的控制情   23                        23
               享程度                      管理制度的规定，否则不得分。
                       况，是否为达到项目
                       质量要求而采取了必
                       需的措施。
        影响力目           用以反映和考核长效
                                        是否采取了有效的质量检查、验收等必
        标      长效机 机制健全的实际情
                                  4     需的控制措施，达到的得满分，未达到 4
        (15 分) 制健全 况，以及对项目目标
                                        的酌情扣分。
                       实现的保障作用。
               可持续 项目可持续发展能力 2          ① 是否将项目绩效目标细化分解为具体 1           部分
               发展能 情况                   的绩效指标和指标值；（1 分）②是否按            目标
        [page]                                                           未完
             力                        计划时间节点完成各项工作；（1 分）           全实
                                                                   现
             人员管                      ① 项目调整及支出调整手续是否完备；
                 完成年度相关工作任
             理机制             2        （1 分）②是否已制定或具有相应的项目 2
                 务
             健全性                      资金管理办法；（1 分）
                                      ① 是否符合部门中期规划和年度目标；
                                      （1 分）②是否将项目绩效目标细化分解
             档案管
                 完成年度相关工作任            为具体的绩效指标和指标值；（2 分）③
             理规范             6                            6
                 务                    资金使用是否符合国家财经法规和财务
             性
                                      管理制度的规定；（2 分）④资金的拨付
                                      是否有完整的审批程序和手续；（1 分）
                 反映项目可持续发展
                 能力，用以考核项目
             可持续 实施单位对资金运行            项目合同书、验收报告等资料是否齐
             发展能 和项目管理的控制情   1        全，达到的得满分，未达到的酌情扣     1
             力   况，是否为达到项目            分。
                 质量要求而采取了必
                 需的措施。
        合计                   100.00                        95.00
        [page]
        """.Replace("[page]", "\f", StringComparison.Ordinal));
        Assert.Equal(["人员管理机制健全性", "档案管理规范性"], form.Indicators.Skip(11).Take(2).Select(i => i.Name));
        Assert.Equal(["完成年度相关工作任务", "完成年度相关工作任务"], form.Indicators.Skip(11).Take(2).Select(i => i.Explanation));
    }

    [Fact]
    public void Rows_of_names_an_even_number_of_lines_high_are_cut_where_their_cells_agree_on_the_middle()
    {
        // Chromium's layout of a check-set form (tuning half, criteria 1020, as printed): "项目/设立/的规/范性" and
        // "预算/编制/科学/性" are four lines each, centred on their rows, whose figures stand on the third line of each.
        // Measured from the figures' lines, each name stood half a line off, and a cut a line late put both on their
        // figures: "项目设立的规范性预算" / "编制科学性". A row's middle is where its cells agree it is, within half a line
        // of its figures.
        var form = Read("""
        2022年度财政项目绩效自评表
        项目名称    虹口区公共文化设施维护经费     预算单位             上海市虹口区民政局
        具体实施处
        （科室）    网上政务科             是否为经常性项目         是
        当年预算数
                2,856,350.00      上年预算金额（元）        2,166,687.00
        （元）
        预算执行数
                2,284,693.47      预算执行率（%）         79.99%
        （元）
        项目年度总
        目标      项目年度目标：按计划推进项目实施。
        自评时间    2023-07-07
        绩效等级    优
        主要绩效    按计划完成年度各项工作任务，资金使用规范。
        主要问题    系统用户体验上存在一定不足
        改进措施    进一步细化绩效目标，完善指标体系。
        一级指 指标                                                  自评得
        标     名称 指标解释             权重   评分规则                     分   备注
                   反映项目立项依据充分性，用以
              立项 考核项目实施单位对资金运行和
              依据
                   项目管理的控制情况，是否为达 2                             2
              充分 到项目质量要求而采取了必需的
              性    措施。
              项目                       ①项目合同书、验收报告等资料是否齐全；（1
              设立 项目设立的规范性是否达到计划        分）②是否按计划时间节点完成各项工作；（1
              的规 要求。              3    分）③项目调整及支出调整手续是否完备；（1    3
              范性                       分）
              预算
        投入    编制 让企业和群众享受规范、透明、
        （11   科学 高效的政务服务。         1    项目预算编制是否细化和量化，否则不得分。     0
        分）    性
                   反映项目项目设立的规范性，用
              项目 以考核项目实施单位对资金运行        ①是否采取了有效的质量检查、验收等必需的控制
              设立 和项目管理的控制情况，是否为 2      措施；（1分）②项目预算编制是否细化和量化； 2
              的规 达到项目质量要求而采取了必需        （1分）
              范性 的措施。
                   反映项目绩效目标合理性，用以
              绩效 考核项目实施单位对资金运行和        ①是否采取了有效的质量检查、验收等必需的控制
              目标 项目管理的控制情况，是否为达 3      措施；（1分）②是否按计划时间节点完成各项工 3
              合理 到项目质量要求而采取了必需的        作；（1分）③资金使用是否符合国家财经法规和
              性    措施。                 财务管理制度的规定；（1分）
                                       ①是否符合部门中期规划和年度目标；（1分）②
                                       是否已制定或具有相应的项目资金管理办法；（1
              项目 让企业和群众享受规范、透明、        分）③资金的拨付是否有完整的审批程序和手续；
                                  13                            13
              预算 高效的政务服务。              （1分）④项目调整及支出调整手续是否完备；（4
                                       分）⑤项目合同书、验收报告等资料是否齐全；
        过程                             （6分）
        （63
              完成
        分）    数量 完成年度相关工作任务       20                            20
                   反映项目完成质量，用以考核项      ①是否按计划时间节点完成各项工作；（1分）②
              完成 目实施单位对资金运行和项目管        项目预算编制是否细化和量化；（25分）③是否采
              质量 理的控制情况，是否为达到项目 30
                                                                30
                                       取了有效的质量检查、验收等必需的控制措施；
                   质量要求而采取了必需的措施。      （4分）
              信息                       ①是否采取了有效的质量检查、验收等必需的控制
              共享 信息共享程度是否达到计划要    4    措施；（3分）②资金使用是否符合国家财经法规 4
              程度 求。                    和财务管理制度的规定；（1分）
                                       ①是否符合部门中期规划和年度目标；（1分）②
              信息 用以反映和考核信息共享程度的
                                       项目调整及支出调整手续是否完备；（1分）③资
              共享 实际情况，以及对项目目标实现 3      金使用是否符合国家财经法规和财务管理制度的规 3
        产出    程度   的保障作用。              定；（1分）
        （13
        分）    公众
              满意 让企业和群众享受规范、透明、 5      是否按计划时间节点完成各项工作，视情况扣分。 5
              度    高效的政务服务。
              群众
              办事 群众办事便利度是否达到计划要        项目调整及支出调整手续是否完备，达到的得满
              便利 求。               1    分，未达到的酌情扣分。              0
              度
        效果    可持 可持续发展能力是否达到计划要 11     ①是否采取了有效的质量检查、验收等必需的控制 9
        （13   续发 求。                    措施；（2分）②是否已制定或具有相应的项目资
        分）    展能                       金管理办法；（1分）③资金使用是否符合国家财
              力                        经法规和财务管理制度的规定；（2分）④项目预
        [page]                               算编制是否细化和量化；（3分）⑤资金的拨付是
                                       否有完整的审批程序和手续；（3分）
             人员   反映项目人员管理机制健全性，
             管理   用以考核项目实施单位对资金运                                        部分目
                                       资金的拨付是否有完整的审批程序和手续，达到的
             机制   行和项目管理的控制情况，是否 2                            1         标未完
                                       得满分，未达到的酌情扣分。
             健全   为达到项目质量要求而采取了必                                        全实现
             性    需的措施。
        合计                       100                            95.00
        [page]
        """.Replace("[page]", "\f", StringComparison.Ordinal));
        Assert.Equal(["立项依据充分性", "项目设立的规范性", "预算编制科学性", "项目设立的规范性", "绩效目标合理性"],
            form.Indicators.Take(5).Select(i => i.Name));
    }

    [Fact]
    public void A_section_weight_four_lines_below_its_label_is_that_labels()
    {
        // Chromium's layout of a check-set form (tuning half, criteria 1062, as printed): pdftotext sets the lines of the
        // cells beside a section label between its two lines, so "项目过程" and "(14分)" stand four lines apart, as do
        // "项目效益" and its "(14分)". Taken for labels of their own, the weights named no section and the rows' weights
        // could not be shared out: 资金到位率 went to 项目过程 and 公众满意度 to no section.
        var form = Read("""
                           2023年度财政项目绩效自评表
         项目名称 静安区办公设备购置服务
              费               预算单位 上海市静安区人力资源和社会保障局
        具体实施处 业务科           是否为经常性 否
         （科室）                   项目
        当年预算数 7,889,024.00  上年预算金额 0.00
          （元）                  （元）
        预算执行数 7,889,024.00   预算执行率 100.00%
          （元）                  （%）
        项目年度总 项目年度目标：按计划推进项目实施。
           目标
         自评时间 2024-05-23
         绩效等级 优
         主要绩效 按计划完成年度各项工作任务，资金使用规范。
         主要问题 绩效指标设置不够细化
         改进措施 加强项目进度管理，确保按计划节点完成。
                                                         自
        一级指标   指标名称      指标解释    权         评分规则          评 备
                                 重                       得 注
                                                         分
                                   ①项目调整及支出调整手续是否完备；（1
                        完成年度相关工作   分）②是否将项目绩效目标细化分解为具体
        项目决策 预算编制科学性 任务          4 的绩效指标和指标值；（1分）③资金的拨付 4
                                   是否有完整的审批程序和手续；（1分）④项
          (5分)                     目预算编制是否细化和量化；（1分）
                 资金到位率 完成年度相关工作
                        任务       1 项目调整及支出调整手续是否完备，视情况 1
                                   扣分。
        项目过程 设备购置数量 完成年度相关工作 14 ①是否按计划时间节点完成各项工作；
                                   分）②是否将项目绩效目标细化分解为具体
                                                      （3
                                                         12
         (14分)          任务         的绩效指标和指标值；（11分）
                        用以反映和考核公
                        众满意度的实际情 资金的拨付是否有完整的审批程序和手续，
                 公众满意度 况，以及对项目目 1 达到的得满分，未达到的酌情扣分。        1
                        标实现的保障作
                        用。
        项目产出 支持并发访问用户 完成年度相关工作 47 ①项目预算编制是否细化和量化；  （26分）
                                   ②资金的拨付是否有完整的审批程序和手 47
         (67分)     数    任务         续；（21分）
               支持并发访问用户 完成年度相关工作 5 项目合同书、验收报告等资料是否齐全，否 5
                   数    任务         则不得分。
                        让企业和群众享受 项目预算编制是否细化和量化，达到的得满
                信息共享程度 规范、透明、高效 14 分，未达到的酌情扣分。           14
                        的政务服务。
        [page]              让企业和群众享受 ①项目合同书、验收报告等资料是否齐全；
        项目效益 可持续发展能力 规范、透明、高效
                      的政务服务。
                               3 （1分）②项目预算编制是否细化和量化； 3
                                 （2分）
         (14分)
               长效机制健全 长效机制健全是否
                      达到计划要求。  4 资金使用是否符合国家财经法规和财务管理 4
                                 制度的规定，视情况扣分。
        [page]一级 指标名        指标解释       权重         评分规则     自评得 备注
        指标 称                                          分
            人员管
        项目 理机制 项目人员管理机制健全性情况      6 是否按计划时间节点完成各项
                                       工作，视情况扣分。       6
        效益 健全性
        (14 人员管 用以反映和考核人员管理机制健全        是否按计划时间节点完成各项       部分目标
        分) 理机制 性的实际情况，以及对项目目标实 1 工作，达到的得满分，未达到 0 未完全实
            健全性 现的保障作用。                的酌情扣分。              现
        合计                      100.00               97.00
        [page]
        """.Replace("[page]", "\f", StringComparison.Ordinal));
        Assert.Equal([("项目决策", (decimal?)5m), ("项目过程", 14m), ("项目产出", 67m), ("项目效益", 14m)], form.Sections.Select(x => (x.Name, x.Weight)));
        Assert.Equal(["项目决策", "项目决策", "项目过程", "项目产出", "项目产出", "项目产出", "项目产出", "项目效益"],
            form.Indicators.Take(8).Select(i => i.Level1));
    }

    [Fact]
    public void A_section_labels_last_piece_four_lines_below_is_its_own_where_it_ends_a_known_section()
    {
        // Chromium's layout of a check-set form (tuning half, criteria 1004, as printed): "项目产" and "出" stand four
        // lines apart, the lines of the cells beside them between. Apart, "出" was too short for a label and read as the
        // start of a name ("出社会效益"), and the section was "项目产"; together they are 项目产出, a section the template knows.
        var form = Read("""
        2020年度财政项目绩效自评表
        项目        金山区公共文化设施维护经费                预算                      上海市金山区科学技术委员会
        名称                                     单位
        具体实施处（ 计划财务科                           是否为经常                   是
        科室）                                    性项目
        当年预算      8,624,616.50                 上年预算金额                  4,852,069.00
        数（元）                                   （元）
        预算        5,284,063.75                 预算执行率（                  61.27%
        执行数（元）                                 %）
        项目年       项目年度目标：按计划推进项目实施。
        度总目标
        自评        2021-05-12
        时间
        绩效        优
        等级
        主要        项目预算严格按照财政批复以及合同规定执行落实；按照规定时间顺利完成验收。
        绩效
        主要        系统用户体验上存在一定不足
        问题
        改进        要求在年底前对系统操作界面等进行相关优化，提升系统便捷性。
        措施
        一级 指标             指标                   权重  评分                                      自评 备
        指标 名称             解释                       规则                                      得分 注
              财务（资产）管
        项目决 理制度的健全性
              和执行的有效性
                          完成年度相关工作任务           8   项目调整及支出调整手续是否完备，视情况扣分。                  8
        策                                          ①是否采取了有效的质量检查、验收等必需的控制措施；（3分）②项目合同书、验收
        (15分) 资金使用的合规 让企业和群众享受规范、透明、高效的政务服 7       报告等资料是否齐全；（1分）③是否已制定或具有相应的项目资金管理办法；（2分） 7
              性           务。                       ④是否按计划时间节点完成各项工作；（1分）
        项目过               反映项目项目预算，用以考核项目实施单位对
        程     项目预算        资金运行和项目管理的控制情况，是否为达到 9   是否已制定或具有相应的项目资金管理办法，达到的得满分，未达到的酌情扣分。 9
        (19分)             项目质量要求而采取了必需的措施。
        [page]                                         ①是否符合部门中期规划和年度目标；（4分）②项目调整及支出调整手续是否完备；
            完成数量     完成数量是否达到计划要求。          10   （2分）③是否将项目绩效目标细化分解为具体的绩效指标和指标值；（1分）④是否已 10
                                                 制定或具有相应的项目资金管理办法；（1分）⑤资金使用是否符合国家财经法规和财
                                                 务管理制度的规定；（2分）
                                                 ①项目预算编制是否细化和量化；（1分）②资金使用是否符合国家财经法规和财务管
            社会效益     项目社会效益情况               4    理制度的规定；（1分）③是否将项目绩效目标细化分解为具体的绩效指标和指标值； 3
                                                 （2分）
        项目产 服务对象满意度 完成年度相关工作任务           2
                    让企业和群众享受规范、透明、高效的政务服 20
                                                 项目调整及支出调整手续是否完备，视情况扣分。                  2
                                                 ①是否按计划时间节点完成各项工作；（4分）②是否已制定或具有相应的项目资金管 20
        出     社会效益  务。                           理办法；（16分）
        (34分)
                    反映项目公众满意度，用以考核项目实施单位         ①是否已制定或具有相应的项目资金管理办法；（1分）②是否采取了有效的质量检
              公众满意度 对资金运行和项目管理的控制情况，是否为达 8       查、验收等必需的控制措施；（3分）③项目预算编制是否细化和量化；（2分）④资金 8
                    到项目质量要求而采取了必需的措施。            的拨付是否有完整的审批程序和手续；（1分）⑤资金使用是否符合国家财经法规和财
                                                 务管理制度的规定；（1分）
                                                 ①是否已制定或具有相应的项目资金管理办法；（19分）②项目合同书、验收报告等资 20
        项目效 长效机制健全 项目长效机制健全情况              20    料是否齐全；（1分）
        益             反映项目档案管理规范性，用以考核项目实施        ①项目调整及支出调整手续是否完备；（3分）②是否将项目绩效目标细化分解为具体 12
        (32分) 档案管理规范性 单位对资金运行和项目管理的控制情况，是否 12     的绩效指标和指标值；（5分）③是否符合部门中期规划和年度目标；（4分）
                      为达到项目质量要求而采取了必需的措施。
        合计                                 100.00                                        99.00
        [page]
        """.Replace("[page]", "\f", StringComparison.Ordinal));
        Assert.Equal([("项目决策", (decimal?)15m), ("项目过程", 19m), ("项目产出", 34m), ("项目效益", 32m)], form.Sections.Select(x => (x.Name, x.Weight)));
        Assert.Equal(["社会效益", "服务对象满意度", "社会效益", "公众满意度"], form.Indicators.Skip(4).Take(4).Select(i => i.Name));
    }
}
