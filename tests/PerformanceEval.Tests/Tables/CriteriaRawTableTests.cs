using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using Xunit;

namespace PerformanceEval.Tests.Tables;

/// <summary>
/// The criteria template (seed 003's family) as text written a cell at a time in drawing order, with no positions —
/// what <c>pdftotext -raw</c> makes of Writer's and Chromium's PDFs: each cell's text wrapped at its column's width,
/// cells one after another, two one-line cells side by side on a line. The form is printed here at widths chosen by
/// the test, so that the same form printed at other widths must read the same; the expected fields are the form's own.
/// </summary>
public sealed class CriteriaRawTableTests
{
    private sealed record Row(string Name, string Explanation, string Weight, string Rule, string Score, string Note);

    private static readonly (string Label, string Weight, Row[] Rows)[] Sections =
    [
        ("投入", "（30分）",
        [
            new("财务管理制度健全性", "项目的财务制度是否健全、完善、有效。", "10",
                "①是否已制定或具有相应的管理办法；（2分）②资金的拨付是否有完整的审批程序和手续；（8分）", "10", ""),
            new("预算执行率", "反映项目预算执行的进度", "20", "执行率在90%及以上得满分。", "18", "部分资金未支付"),
        ]),
        ("产出与效果", "（70分）",
        [
            new("完成数量", "完成年度相关工作任务", "40", "按计划完成的得满分。", "38", ""),
            new("服务对象满意度", "反映服务对象对项目实施的满意程度。", "30", "满意度达到90%的得满分。", "28", ""),
        ]),
    ];

    private const string Head = """
        2022年度财政项目绩效自评表
        项目名称 社区卫生服务能力提升项目 预算单位 上海市徐汇区民政局
        具体实施处（科室） 综合科 是否为经常性项目 是
        当年预算数（元） 1,200,000.00 上年预算金额（元） 0.00
        预算执行数（元） 1,080,000.00 预算执行率（%） 90.00%
        项目年度总目标 项目年度目标：按计划推进项目实施。
        自评时间 2023-04-01
        绩效等级 优
        主要绩效 按计划完成年度各项工作任务，资金使用规范。
        主要问题 无
        改进措施 无
        """;

    /// <summary>Column widths in characters: 一级指标, 指标名称, 指标解释, 评分规则, 备注.</summary>
    private sealed record Widths(int Label, int Name, int Explanation, int Rule, int Note);

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        for (var i = 0; i < text.Length; i += width) lines.Add(text.Substring(i, Math.Min(width, text.Length - i)));
        return lines;
    }

    /// <summary>
    /// The form as a tool writes it in drawing order: each row's cells in column order, each cell's lines after one
    /// another; a one-line cell after another one-line cell goes on that cell's line, a space apart (the two at one
    /// height), as a figure after a cell's last line does.
    /// </summary>
    private static string Print(Widths w, string? header = null, string total = "合计 100 94", (string Label, string Weight, Row[] Rows)[]? sections = null)
    {
        // The header's 一级指标 wraps in its column as the labels below it do.
        header ??= string.Join("\n", Wrap("一级指标", w.Label)) + " 指标名称 指标解释 权重 评分规则 自评得分 备注";
        var output = new List<string>();
        var lastWasOneLine = false;
        void Cell(List<string> lines, bool joins)
        {
            if (lines.Count == 0) return;
            if (joins && lastWasOneLine && output.Count > 0) output[^1] += " " + lines[0];
            else output.Add(lines[0]);
            output.AddRange(lines.Skip(1));
            lastWasOneLine = lines.Count == 1;
        }
        foreach (var (label, weight, rows) in sections ?? Sections)
            for (var k = 0; k < rows.Length; k++)
            {
                var row = rows[k];
                lastWasOneLine = false;
                // "（30分）" is four em: in a narrower column it wraps after its digits, as a browser wraps it.
                if (k == 0) Cell([.. Wrap(label, w.Label), .. w.Label >= 4 ? [weight] : new[] { weight[..^2], weight[^2..] }], joins: false);
                Cell(Wrap(row.Name, w.Name), joins: false);
                Cell(Wrap(row.Explanation, w.Explanation), joins: true);
                Cell([row.Weight], joins: true);
                Cell(Wrap(row.Rule, w.Rule), joins: true);
                Cell([row.Score], joins: true);
                if (row.Note.Length > 0) Cell(Wrap(row.Note, w.Note), joins: false);
            }
        return Head + "\n" + header + "\n" + string.Join("\n", output) + "\n" + total + "\n";
    }

    private static CleanedForm Read(string text) =>
        Assert.Single(Fixtures.Pipeline.Extract(SourceDocument.FromBytes("criteria.raw.txt", Encoding.UTF8.GetBytes(text))).Forms);

    private static void AssertTable(CleanedForm form, (string Label, string Weight, Row[] Rows)[]? sections = null)
    {
        var rows = (sections ?? Sections).SelectMany(s => s.Rows.Select(r => (Section: s.Label, Row: r))).ToList();
        Assert.Equal(rows.Count, form.Indicators.Length);
        for (var i = 0; i < rows.Count; i++)
        {
            var (section, row) = rows[i];
            var got = form.Indicators[i];
            Assert.Equal((section, row.Name, row.Explanation, row.Rule.Length == 0 ? null : row.Rule, row.Note.Length == 0 ? null : row.Note),
                (got.Level1, got.Name, got.Explanation, got.ScoringRule, got.Note));
            Assert.Equal((decimal.Parse(row.Weight), decimal.Parse(row.Score)), (got.Weight, got.Score));
        }
        Assert.Equal([("投入", (decimal?)30m), ("产出与效果", 70m)], form.Sections.Select(s => (s.Name, s.Weight)));
        Assert.Equal((100m, 94m), (form.TotalWeight, form.TotalScore));
    }

    /// <summary>
    /// The printed text with passages written as another tool writes them: each passage must stand in the text as
    /// printed, so that a change to <see cref="Print"/> fails here rather than leaving the text as it was.
    /// </summary>
    private static string Rewritten(string text, params (string Printed, string Written)[] passages)
    {
        foreach (var (printed, written) in passages)
        {
            Assert.Contains(printed, text, StringComparison.Ordinal);
            text = text.Replace(printed, written, StringComparison.Ordinal);
        }
        return text;
    }

    [Fact]
    public void A_criteria_form_written_cell_by_cell_is_read_into_its_template()
    {
        var form = Read(Print(new Widths(Label: 3, Name: 4, Explanation: 8, Rule: 12, Note: 3)));
        Assert.Equal("criteria", form.Template);
        Assert.Equal(("社区卫生服务能力提升项目", "上海市徐汇区民政局", "综合科", (bool?)true),
            (form.ProjectName, form.Department, form.ImplementingOffice, form.Recurring));
        Assert.Equal(("2023-04-01", "优"), (form.EvaluationDate, form.Grade));
        AssertTable(form);
        Assert.DoesNotContain(form.Warnings, w => w.Code == "layout.criteria-cells-undivided");
        Assert.Empty(form.Findings);
    }

    [Theory]
    [InlineData(2, 6, 11, 15, 4)]
    [InlineData(5, 5, 12, 20, 7)]
    [InlineData(4, 7, 9, 10, 3)]
    public void The_same_form_printed_at_other_column_widths_reads_the_same(int label, int name, int explanation, int rule, int note) =>
        AssertTable(Read(Print(new Widths(label, name, explanation, rule, note))));

    [Fact]
    public void Pages_laid_out_at_widths_of_their_own_are_read_each_under_its_own()
    {
        // A tool that lays each page's rows out anew (Writer's table split over pages) wraps them at other widths, and a
        // dump of words says nothing of where a page ends. Three pages: the third holds one row, under its section's
        // label printed again atop it — the page break the label tells of. Under one pair of widths for all, rows of
        // every page but one would not cut; under the first two pages' widths, the third's row would not.
        Row A(string name, string explanation, string weight, string score) =>
            new(name, explanation, weight, "按计划完成的得满分，未完成的酌情扣分。", score, "");
        var pages = new (Widths Widths, (string Label, string Weight, Row[] Rows)[] Sections)[]
        {
            (new Widths(2, 4, 7, 12, 3), [("投入", "（30分）", [A("财务管理制度健全性", "项目的财务制度是否健全、完善、有效。", "10", "10"),
                A("预算执行率情况", "反映项目预算执行的进度和资金到位。", "20", "20")])]),
            (new Widths(2, 6, 11, 16, 3), [("产出与效果", "（70分）", [A("完成数量及质量情况", "完成年度相关工作任务的数量和质量要求。", "20", "19"),
                A("项目实施进度及时性", "反映项目按计划时间节点完成的及时程度。", "20", "19")])]),
            (new Widths(2, 3, 14, 20, 3), [("产出与效果", "（70分）", [A("服务对象满意度", "反映服务对象对项目实施的满意程度和项目的社会影响。", "30", "26")])]),
        };
        var printed = pages.Select((p, k) => Print(p.Widths, sections: p.Sections, total: k == pages.Length - 1 ? "合计 100 94" : "")).ToList();
        // Each later page's rows after the first page's: one table, one form.
        static string Rows(string page) => page[(page.IndexOf("自评得分 备注\n", StringComparison.Ordinal) + "自评得分 备注\n".Length)..];
        var text = printed[0] + string.Concat(printed.Skip(1).Select(Rows));
        Assert.Contains("\n服务对\n象满意\n度\n反映服务对象对项目实施的满意\n", text, StringComparison.Ordinal);
        var form = Read(text);
        var rows = pages.SelectMany(p => p.Sections).SelectMany(s => s.Rows.Select(r => (s.Label, r.Name, r.Explanation))).ToList();
        Assert.Equal(rows, form.Indicators.Select(i => (i.Level1!, i.Name!, i.Explanation!)));
        Assert.DoesNotContain(form.Warnings, w => w.Code == "layout.criteria-cells-undivided");
    }

    [Fact]
    public void A_section_name_printed_above_its_first_row_and_its_weight_below_is_one_label()
    {
        // Chromium's text of a merged cell centred on a row (check set, criteria 214 and 228): the label's name comes before
        // the row's lines, its weight "（30" / "分）" after the row's 自评得分, first among the next row's pieces. The name is
        // one the template prints (models/criteria.json); the section had been read without a weight, and the next row's
        // name and explanation cut around the weight.
        AssertTable(Read(Rewritten(Print(new Widths(Label: 2, Name: 4, Explanation: 8, Rule: 12, Note: 3)),
            ("\n投入\n（30\n分）\n", "\n投入\n"), ("（8分）\n10\n预算执", "（8分）\n10\n（30\n分）\n预算执"))));
    }

    [Fact]
    public void A_section_weight_after_the_first_line_of_its_rows_note_is_the_sections()
    {
        // Writer's words of a section whose label stands on its first row's line (check set, criteria 280): the row's
        // 备注 begins on its score's line, and the label's weight comes next, before the note's other lines ("4 部分目标"
        // / "(32分)" / "未完全实现"). The section had been read without its weight, the row with no name and explanation.
        var sections = Sections.Select((s, i) => i > 0 ? s : s with { Rows = [s.Rows[0] with { Note = "部分目标未完全实现" }, s.Rows[1]] }).ToArray();
        AssertTable(Read(Rewritten(Print(new Widths(Label: 2, Name: 4, Explanation: 8, Rule: 12, Note: 3), sections: sections),
            ("\n投入\n（30\n分）\n", "\n投入\n"), ("（8分）\n10\n部分目\n标未完\n", "（8分）\n10 部分目\n（30\n分）\n标未完\n"))), sections);
    }

    [Fact]
    public void A_section_weight_between_a_rules_lines_leaves_the_rule_whole()
    {
        // Writer sets the figures at a row's middle and its rule from the top, and the section label's weight at the
        // label's middle: the weight can fall after the score, between the rule's lines ("2" / "(21 分)" / "了有效的…"),
        // and pdftotext writes a space inside a clause's points where the digits are set in another font ("（8 分）").
        // Check set, criteria 268 and 248: the weight had stayed with the next row, the rule's last line with it.
        AssertTable(Read(Rewritten(Print(new Widths(Label: 2, Name: 4, Explanation: 8, Rule: 12, Note: 3)),
            ("\n投入\n（30\n分）\n", "\n投入\n"),
            ("\n的拨付是否有完整的审批程\n序和手续；（8分）\n10\n", "\n的拨付是否有完整的审批程\n10\n（30 分）\n序和手续；（8 分）\n"))));
    }

    [Fact]
    public void A_rules_last_line_that_the_next_character_would_have_fitted_on_ends_the_rule()
    {
        // The rule's last line goes on after the score and closes one character short of its column ("分，未达到的酌情扣分。"
        // of twelve): a full line, but a cell that went on would have set its next character there. Check set, criteria
        // 262: that line had been left to the row after, as its 备注.
        const string rule = "资金的拨付是否有完整的审批程序和手续，达到的得满分，未达到的酌情扣分。";
        var sections = Sections.Select((s, i) => i > 0 ? s : s with { Rows = [s.Rows[0] with { Rule = rule }, s.Rows[1]] }).ToArray();
        AssertTable(Read(Rewritten(Print(new Widths(Label: 4, Name: 4, Explanation: 8, Rule: 12, Note: 3), sections: sections),
            ("\n批程序和手续，达到的得满\n分，未达到的酌情扣分。\n10\n", "\n批程序和手续，达到的得满\n10\n分，未达到的酌情扣分。\n"))), sections);
    }

    [Fact]
    public void A_rules_full_last_line_closing_a_clause_with_no_next_clause_after_it_ends_the_rule()
    {
        // The rule's last line goes on after the score, as full as its column and closing with a clause's points: the
        // next line opens no clause "②…", so the rule ends there (check set, criteria 232).
        const string rule = "①是否已制定或具有相应的项目管理办法；（2分）②资金拨付是否完整（8分）";
        var sections = Sections.Select((s, i) => i > 0 ? s : s with { Rows = [s.Rows[0] with { Rule = rule }, s.Rows[1]] }).ToArray();
        AssertTable(Read(Rewritten(Print(new Widths(Label: 4, Name: 4, Explanation: 8, Rule: 12, Note: 3), sections: sections),
            ("\n项目管理办法；（2分）②\n资金拨付是否完整（8分）\n10\n", "\n项目管理办法；（2分）②\n10\n资金拨付是否完整（8分）\n"))), sections);
    }

    [Fact]
    public void A_header_piece_that_ends_one_label_and_begins_the_next_is_both()
    {
        // Chromium's text of a header whose 指标名称 wraps in its narrow column, 指标解释 written beside its second line
        // with no space (check set, criteria 290): "名称指标解释" had been read as 指标名称 alone (it contains it), and
        // every explanation was dropped with the column it had no header for.
        var form = Read(Print(new Widths(Label: 4, Name: 4, Explanation: 8, Rule: 12, Note: 3),
            header: "一级\n指标\n指标\n名称指标解释 权重 评分规则 自评\n得分 备注"));
        AssertTable(form);
        Assert.DoesNotContain(form.Warnings, w => w.Code == "grid.surplus-cell");
    }

    [Fact]
    public void Text_a_header_without_the_column_for_it_leaves_unread_is_said()
    {
        // A header read without 指标解释: the rows' explanations have no column to go to, and are never lost in silence.
        var form = Read(Print(new Widths(Label: 4, Name: 4, Explanation: 8, Rule: 12, Note: 3), header: "一级指标 指标名称 权重 评分规则 自评得分 备注"));
        Assert.All(form.Indicators, i => Assert.Null(i.Explanation));
        var said = form.Warnings.Where(w => w.Code == "grid.surplus-cell").ToList();
        Assert.Equal(form.Indicators.Length, said.Count);
        Assert.Contains(said, w => w.Message.Contains("项目的财务制度是否健全、完善、有效。", StringComparison.Ordinal));
    }

    [Fact]
    public void A_section_label_wrapped_narrower_than_another_keeps_its_first_line()
    {
        // The first label fits its column on one line ("项目投入"), the second wraps at two characters ("产出" / "与效" /
        // "果"): its first line is narrower than the column the first label shows, yet it is as full as its own lines.
        var text = Print(new Widths(Label: 2, Name: 4, Explanation: 8, Rule: 12, Note: 3));
        Assert.Contains("\n投入\n（30\n分）\n", text, StringComparison.Ordinal);
        Assert.Contains("\n产出\n与效\n果\n（70\n分）\n", text, StringComparison.Ordinal);
        var form = Read(text.Replace("\n投入\n（30\n分）\n", "\n项目投入\n（30\n分）\n", StringComparison.Ordinal));
        Assert.Equal([("项目投入", (decimal?)30m), ("产出与效果", 70m)], form.Sections.Select(s => (s.Name, s.Weight)));
        Assert.Equal(["项目投入", "项目投入", "产出与效果", "产出与效果"], form.Indicators.Select(i => i.Level1));
    }

    [Fact]
    public void A_score_the_dump_glued_to_the_rules_last_line_is_the_rows_score()
    {
        // The 自评得分 set close to the rule's last line: the dump writes "（8分）10" as one word. Its figures had been
        // one short, and the whole table was left unread.
        var text = Print(new Widths(Label: 3, Name: 4, Explanation: 8, Rule: 12, Note: 3));
        Assert.Contains("（8分）\n10\n", text, StringComparison.Ordinal);
        AssertTable(Read(text.Replace("（8分）\n10\n", "（8分）10\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_header_wrapped_a_piece_a_line_is_found()
    {
        var header = string.Join("\n", "一级", "指标", "指标", "名称", "指标", "解释 权", "重 评分", "规则", "自", "评", "得", "分 备注");
        AssertTable(Read(Print(new Widths(2, 4, 8, 12, 3), header)));
    }

    [Fact]
    public void A_header_written_as_two_whole_lines_of_pieces_is_read_column_by_column()
    {
        // Each label wrapped in two (备注 on one line), and the text writes the header's first lines, then its second.
        AssertTable(Read(Print(new Widths(2, 4, 8, 12, 3), "一级 指标 指标 权 评分 自评 备注\n指标 名称 解释 重 规则 得分")));
    }

    [Fact]
    public void A_total_wrapped_in_its_narrow_cell_is_read()
    {
        var form = Read(Print(new Widths(3, 4, 8, 12, 3), total: "合\n计 100 94"));
        Assert.Equal((100m, 94m), (form.TotalWeight, form.TotalScore));
        Assert.Equal(4, form.Indicators.Length);
    }

    [Fact]
    public void Rows_whose_figures_do_not_add_up_to_the_total_are_left_to_the_other_readers()
    {
        // A figure alone inside a rule's text ("得 8 分" written with spaces) would make a row of it: the weights then
        // miss the 合计's 100, and no row is cut from these figures. No indicator takes a rule's 8 as its weight.
        var text = Print(new Widths(3, 4, 8, 12, 3)).Replace("（8分）", "得\n8\n分");
        var form = Read(text);
        Assert.DoesNotContain(form.Indicators, i => i.Weight == 8m);
    }

    [Fact]
    public void A_row_whose_lines_cut_two_ways_as_well_gets_no_name_and_a_warning()
    {
        // Name and explanation columns four characters wide, the name's two lines and the explanation's one all full:
        // "资金使用" / "合规情况" / "良好有效" cuts after its first line or its second as well. The row's figures and
        // rule are read; its name and explanation are left empty, and a warning names the row.
        var text = Print(new Widths(3, 4, 4, 12, 3));
        Assert.Contains("完成数量 完成年度\n相关工作\n任务\n40", text, StringComparison.Ordinal);
        text = text.Replace("完成数量 完成年度\n相关工作\n任务\n40", "资金使用\n合规情况\n良好有效\n40", StringComparison.Ordinal);
        var form = Read(text);
        var row = form.Indicators[2];
        Assert.Equal((null, null, 40m, 38m, "按计划完成的得满分。"), (row.Name, row.Explanation, row.Weight, row.Score, row.ScoringRule));
        var warning = Assert.Single(form.Warnings, w => w.Code == "layout.criteria-cells-undivided");
        Assert.Equal("indicators[2]", warning.Field);
        Assert.Equal("服务对象满意度", form.Indicators[3].Name);
    }

    /// <summary>
    /// The form as Calc's PDFs come out of <c>pdftotext -raw</c>: a page's one-line cells row by row first (each
    /// indicator row on one line with its figures, the head's labels and values), then every cell that wrapped or spans
    /// rows, row by row and left to right — the title and the head's wrapped labels first, the section labels again
    /// atop a page they go on over. Rows after <paramref name="pageBreak"/> are on a second page, after the 合计's line.
    /// </summary>
    private static string PrintCalc(Widths w, int pageBreak, bool headerAgain = false, (string Label, string Weight, Row[] Rows)[]? sections = null)
    {
        // The header printed again atop page two (a sheet's repeated title rows): the labels that fit on one line, then
        // the others' pieces, a line each, first among the page's wrapped cells.
        List<string> HeaderAgain() => headerAgain ? ["权重 备注"] : [];
        List<string> HeaderPieces() => headerAgain ? ["一级", "指标", "指标", "名称", "指标", "解释", "评分", "规则", "自评", "得分"] : [];
        var head = Head.Split('\n').Skip(1).Select(l => l.Replace(" 预算执行率（%）", "")).ToList();
        var lines = new List<string>(head) { "一级指标 指标名称 指标解释 权重 评分规则 自评得分 备注" };
        var pages = new List<(List<string> Rows, List<string> Wrapped)> { ([], ["2022年度财政项目绩效自评表", "预算执行率（%）"]) };
        var index = 0;
        foreach (var (label, weight, rows) in sections ?? Sections)
            for (var k = 0; k < rows.Length; k++, index++)
            {
                if (index == pageBreak) pages.Add((HeaderAgain(), k > 0 ? [.. HeaderPieces(), .. Wrap(label, w.Label), weight] : HeaderPieces()));
                var (oneLine, wrapped) = (pages[^1].Rows, pages[^1].Wrapped);
                var row = rows[k];
                if (k == 0) wrapped.AddRange([.. Wrap(label, w.Label), weight]);
                var line = new List<string>();
                void Cell(string text, int width)
                {
                    if (text.Length == 0) return;
                    var cell = Wrap(text, width);
                    if (cell.Count == 1) line.Add(text);
                    else wrapped.AddRange(cell);
                }
                Cell(row.Name, w.Name);
                Cell(row.Explanation, w.Explanation);
                line.Add(row.Weight);
                Cell(row.Rule, w.Rule);
                line.Add(row.Score);
                Cell(row.Note, w.Note);
                oneLine.Add(string.Join(" ", line));
            }
        foreach (var (page, k) in pages.Select((p, k) => (p, k)))
        {
            lines.AddRange(page.Rows);
            if (k == pages.Count - 1) lines.Add("合计 100 94");
            lines.AddRange(page.Wrapped);
        }
        return string.Join("\n", lines) + "\n";
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Calcs_rows_written_before_their_wrapped_cells_are_given_those_cells_back(int pageBreak)
    {
        // Each row's line says which of its cells wrapped (no text before the 权重: name and explanation; one: one of
        // them; none between the figures: the rule), and the wrapped lines after the page's rows are cut into those
        // cells in order; the section labels open the rows their weights add up to, one printed again atop page two.
        var form = Read(PrintCalc(new Widths(4, 6, 10, 12, 4), pageBreak));
        AssertTable(form);
    }

    [Fact]
    public void Calcs_first_page_with_one_row_on_a_line_before_the_title_is_still_read_rows_first()
    {
        // Page one holds one indicator row, so one one-line row comes before the title Calc writes first among the
        // page's wrapped cells; three such rows had been wanted before the text was taken for Calc's order.
        var text = PrintCalc(new Widths(4, 6, 10, 12, 4), pageBreak: 1);
        Assert.Contains("10 10\n2022年度财政项目绩效自评表\n", text, StringComparison.Ordinal);
        AssertTable(Read(text));
    }

    [Fact]
    public void A_section_Calc_labels_only_on_the_next_page_is_given_its_label()
    {
        // 产出与效果 opens on page one's last row and goes on over page two; Calc prints a merged cell's text where its
        // middle falls, so the label is printed atop page two only. Its weights had been one label short on page one,
        // and the whole table was left unread.
        var text = PrintCalc(new Widths(4, 6, 10, 12, 4), pageBreak: 3);
        const string label = "\n产出与效\n果\n（70分）\n";
        var first = text.IndexOf(label, StringComparison.Ordinal);
        Assert.True(first > 0 && text.IndexOf(label, first + 1, StringComparison.Ordinal) > first);
        var form = Read(text.Remove(first, label.Length - 1));
        Assert.Equal([("投入", (decimal?)30m), ("产出与效果", 70m)], form.Sections.Select(s => (s.Name, s.Weight)));
        Assert.Equal(["投入", "投入", "产出与效果", "产出与效果"], form.Indicators.Select(i => i.Level1));
        Assert.Equal(Sections.SelectMany(s => s.Rows).Select(r => ((string?)r.Name, (string?)r.Explanation, (string?)r.Rule)),
            form.Indicators.Select(i => (i.Name, i.Explanation, i.ScoringRule)));
        // (Page one's last wrapped lines, "部分资金" / "未支付", are now row 2's 备注 or row 3's alike: without the label
        // between them nothing in the text tells which; the reader gives them to the later row.)
    }

    [Fact]
    public void The_header_Calc_prints_again_atop_a_page_is_no_row_of_the_table()
    {
        // Page two opens with the header again: "权重 备注" on a line, then "一级" / "指标" / "指标" / "名称" / … / "得分"
        // before the page's wrapped cells. Read as cells they had made "一级" the section and the labels an explanation.
        var text = PrintCalc(new Widths(4, 6, 10, 12, 4), 3, headerAgain: true);
        Assert.Contains("\n权重 备注\n", text, StringComparison.Ordinal);
        AssertTable(Read(text));
    }

    [Fact]
    public void Calcs_execution_rate_beside_the_executed_amount_is_read_with_a_warning_where_its_label_wrapped()
    {
        var form = Read(PrintCalc(new Widths(4, 6, 10, 12, 4), 4));
        Assert.Equal((decimal?)90.00m, form.Funding.Total?.ExecutionRate);
        Assert.Contains(form.Warnings, w => w.Code == "layout.value-away-from-label" && w.Field == "funding.total.executionRate");
    }

    [Fact]
    public void Two_forms_of_Calcs_raw_text_one_after_the_other_are_two_forms_each_whole()
    {
        // The first form's last wrapped cells run up to the second's head: its lines are the second form's, not cells.
        var text = PrintCalc(new Widths(4, 6, 10, 12, 4), 4) + PrintCalc(new Widths(4, 6, 10, 12, 4), 3);
        var forms = Fixtures.Pipeline.Extract(SourceDocument.FromBytes("criteria.raw.txt", Encoding.UTF8.GetBytes(text))).Forms;
        Assert.Equal(2, forms.Length);
        foreach (var form in forms)
        {
            AssertTable(form);
            Assert.Equal("社区卫生服务能力提升项目", form.ProjectName);
        }
    }

    [Fact]
    public void Calcs_values_first_head_and_one_line_header_labels_still_give_the_table_and_the_currency()
    {
        // Where the head's labels and most header labels wrapped, Calc writes the values alone, "权重 备注" alone, and
        // every label's pieces after the title: the table is read under the template's header, the head in its order,
        // the currency from the wrapped "当年预" / "算数（元）".
        var text = PrintCalc(new Widths(4, 6, 10, 12, 4), 4);
        var values = string.Join("\n",
            "社区卫生服务能力提升项目 上海市徐汇区民政局", "综合科 是", "1,200,000.00 0.00", "1,080,000.00 90.00%",
            "项目年度目标：按计划推进项目实施。", "2023-04-01", "优", "按计划完成年度各项工作任务，资金使用规范。", "无", "无", "权重 备注");
        var labels = string.Join("\n", "2022年度财政项目绩效自评表", "项目", "名称", "预算", "单位", "具体实", "施处（科室）", "是否为经",
            "常性项目", "当年预", "算数（元）", "上年预算金", "额（元）", "预算执行数", "（元）", "预算执行率（", "%）", "项目年度",
            "总目标", "自评", "时间", "绩效", "等级", "主要", "绩效", "主要", "问题", "改进", "措施", "一级", "指标", "指标", "名称",
            "指标", "解释", "评分", "规则", "自评", "得分");
        var head = Head.Split('\n').Skip(1).Select(l => l.Replace(" 预算执行率（%）", "")).Append("一级指标 指标名称 指标解释 权重 评分规则 自评得分 备注");
        text = text.Replace(string.Join("\n", head), values).Replace("2022年度财政项目绩效自评表\n预算执行率（%）", labels);
        Assert.DoesNotContain("项目名称", text);
        Assert.Contains("权重 备注", text);
        var form = Read(text);
        AssertTable(form);
        Assert.Equal(("社区卫生服务能力提升项目", "元", (decimal?)1_200_000m), (form.ProjectName, form.CurrencyUnit, form.Funding.Total?.AnnualBudget));
    }

    [Fact]
    public void Head_labels_wrapped_inside_their_unit_keep_their_values()
    {
        // A narrow label cell wraps inside its unit ("当年预算数（" / "元）", "（元" / "）") or puts the unit on a long
        // last piece ("上年" / "预算金额（元）"): the pieces are the label's, the figure after them its value.
        var text = Print(new Widths(4, 5, 9, 12, 4))
            .Replace("当年预算数（元） 1,200,000.00 上年预算金额（元） 0.00", "当年\n预\n算数\n（元\n）\n1,200,000.00\n上年\n预算金额（元）\n0.00")
            .Replace("预算执行数（元） 1,080,000.00 预算执行率（%） 90.00%", "预算执行数（\n元）\n1,080,000.00\n预算执行率（%）\n90.00%");
        Assert.Contains("算数\n（元\n）", text);
        var form = Read(text);
        Assert.Equal(((decimal?)1_200_000m, (decimal?)1_080_000m, (decimal?)90.00m, (decimal?)0m, "元"),
            (form.Funding.Total?.AnnualBudget, form.Funding.Total?.Executed, form.Funding.Total?.ExecutionRate, form.Funding.PreviousYearBudget, form.CurrencyUnit));
        AssertTable(form);
    }

    [Fact]
    public void Of_a_rows_name_and_explanation_the_one_that_wrapped_is_told_by_its_columns_width()
    {
        // "完成数量" wraps in a name column three characters wide and "完成年度相关工作任务" fits on the row's line: neither
        // reads more like an explanation than the other, but the wrapped one is as wide as the names' column.
        var form = Read(PrintCalc(new Widths(4, 3, 10, 12, 4), 4));
        Assert.Equal(("完成数量", "完成年度相关工作任务"), (form.Indicators[2].Name, form.Indicators[2].Explanation));
        AssertTable(form);
    }

    /// <summary>The form with rows whose cells Calc's order leaves the least to go by: rules missing, cells of two lines.</summary>
    private static readonly (string Label, string Weight, Row[] Rows)[] Sparse =
    [
        ("投入", "（30分）",
        [
            new("财务管理制度健全性", "项目的财务制度是否健全、完善、有效。", "10", "", "10", ""),
            new("预算执行率", "反映项目预算执行的进度", "20", "执行率在90%及以上得满分。", "18", ""),
        ]),
        ("产出与效果", "（70分）",
        [
            new("完成数量", "完成年度工作", "40", "①工作按计划完成；（30分）②资料齐全；（10分）", "38", ""),
            new("服务对象满意度", "满意程度", "30", "", "28", ""),
        ]),
    ];

    [Fact]
    public void A_cell_Calc_wrapped_is_never_cut_into_one_line_cells()
    {
        // "项目的财务制度是否" / "健全、完善、有效。" is one explanation whose row has no rule: Calc writes a cell that fits
        // on one line on its row's line, so neither line alone is a cell here (the second had been read as the rule).
        var text = PrintCalc(new Widths(4, 9, 9, 12, 4), 4, sections: Sparse);
        Assert.Contains("\n项目的财务制度是否\n健全、完善、有效。\n", text, StringComparison.Ordinal);
        AssertTable(Read(text), Sparse);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_wrapped_rule_of_two_rows_without_one_on_their_lines_goes_to_the_row_its_points_add_up_to(bool later)
    {
        // Rows 3 and 4 write no rule on their lines, and nothing else of theirs wrapped: the one wrapped rule after the
        // section label is either row's by its place. Its points (30 + 10) are the weight of the row it belongs to.
        var rule = Sparse[1].Rows[0].Rule;
        var sections = later
            ? [Sparse[0], Sparse[1] with { Rows = [Sparse[1].Rows[0] with { Weight = "30", Score = "28", Rule = "" }, Sparse[1].Rows[1] with { Weight = "40", Score = "38", Rule = rule }] }]
            : Sparse;
        var form = Read(PrintCalc(new Widths(4, 9, 9, 12, 4), 4, sections: sections));
        Assert.Equal(later ? [null, rule] : [rule, null], form.Indicators[2..].Select(i => i.ScoringRule));
    }

    [Fact]
    public void A_figure_the_dump_glued_to_a_full_stop_is_the_rows_weight()
    {
        // PdfPig's words see no gap after a full-width stop, whose glyph is half blank: "…有效。10" is one word.
        var text = PrintCalc(new Widths(4, 9, 20, 30, 4), 4);
        Assert.Contains("有效。 10 ", text, StringComparison.Ordinal);
        AssertTable(Read(text.Replace("有效。 10 ", "有效。10 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_section_weight_on_one_line_with_the_next_cells_first_is_two_lines()
    {
        // The label's last line and the cell Calc draws after it share a baseline: the dump writes them as one line
        // ("（30分） 财务管理制度"), which had been read as no section weight at all.
        var text = PrintCalc(new Widths(4, 6, 10, 12, 4), 4);
        Assert.Contains("\n（30分）\n财务管理制度\n", text, StringComparison.Ordinal);
        AssertTable(Read(text.Replace("\n（30分）\n财务管理制度\n", "\n（30分） 财务管理制度\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_name_that_wrapped_well_short_of_the_explanations_one_line_widths_is_the_name()
    {
        // "完成年度工作任务" fitted on row 3's line and "项目管理制度健全性" wrapped five characters wide, neither reading more
        // like an explanation: row 2 wrote both on its line, an explanation of eleven characters, so a cell that wrapped
        // at five is the name.
        Row Renamed(Row r) => r.Name == "完成数量" ? r with { Name = "项目管理制度健全性", Explanation = "完成年度工作任务" } : r;
        (string, string, Row[])[] sections = [.. Sparse.Select(s => s with { Rows = [.. s.Rows.Select(Renamed)] })];
        var text = PrintCalc(new Widths(4, 5, 11, 30, 4), 4, sections: sections);
        Assert.Contains("\n预算执行率 反映项目预算执行的进度 20 ", text, StringComparison.Ordinal);
        Assert.Contains("\n完成年度工作任务 40 ", text, StringComparison.Ordinal);
        var form = Read(text);
        Assert.Equal(("项目管理制度健全性", "完成年度工作任务"), (form.Indicators[2].Name, form.Indicators[2].Explanation));
    }

    [Fact]
    public void An_office_after_the_departments_name_is_the_office_where_its_label_was_written_elsewhere()
    {
        // Calc wrote 具体实施处（科室） after the table (it wrapped): "综合科" opens the line after 预算单位's value. It had
        // been read as the department's name going on ("上海市徐汇区民政局综合科").
        var text = PrintCalc(new Widths(4, 6, 10, 12, 4), 4);
        Assert.Contains("\n具体实施处（科室） 综合科 是否为经常性项目 是\n", text, StringComparison.Ordinal);
        text = text.Replace("\n具体实施处（科室） 综合科 是否为经常性项目 是\n", "\n综合科 是否为经常性项目 是\n", StringComparison.Ordinal)
            .Replace("预算执行率（%）\n", "预算执行率（%）\n具体实施处（科室\n）\n", StringComparison.Ordinal);
        var form = Read(text);
        Assert.Equal(("上海市徐汇区民政局", "综合科"), (form.Department, form.ImplementingOffice));
        Assert.Contains(form.Warnings, w => w.Code == "layout.value-away-from-label" && w.Field == "implementingOffice");
    }

    [Fact]
    public void A_weight_the_dump_glued_to_the_rule_after_it_is_the_rows_weight()
    {
        // A narrow 权重 column with little padding: the weight and the rule's first line are one word ("20执行率在90%"). Its
        // figures had been one short, and the whole table was left unread.
        var text = Print(new Widths(Label: 3, Name: 4, Explanation: 8, Rule: 12, Note: 3));
        Assert.Contains("\n20 执行率在90%", text, StringComparison.Ordinal);
        AssertTable(Read(text.Replace("\n20 执行率在90%", "\n20执行率在90%", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("具体实施处（科室）综合科 是否为经常性项目 是")]
    [InlineData("具体\n实施处（科室）\n综合科 是否为经常性项目 是")]
    [InlineData("具体实施处\n（\n科室）\n综合科 是否为经常性项目 是")]
    public void The_offices_label_glued_to_its_value_or_wrapped_in_pieces_still_labels_it(string line)
    {
        // A label set close to its value is one word of the dump; a narrow label cell wraps it a piece a line, the unit
        // on a long piece or alone. Each had been read as the department's name going on.
        var text = Print(new Widths(Label: 3, Name: 4, Explanation: 8, Rule: 12, Note: 3));
        Assert.Contains("\n具体实施处（科室） 综合科 是否为经常性项目 是\n", text, StringComparison.Ordinal);
        var form = Read(text.Replace("具体实施处（科室） 综合科 是否为经常性项目 是", line, StringComparison.Ordinal));
        Assert.Equal(("上海市徐汇区民政局", "综合科", (bool?)true), (form.Department, form.ImplementingOffice, form.Recurring));
    }

    [Fact]
    public void Rows_a_later_page_laid_out_at_other_widths_are_cut_at_those_widths_without_a_page_break_to_say_so()
    {
        // Page one's rows printed with names four characters wide and explanations eight, page two's seven and fourteen
        // (a tool that lays each page out anew), and the dump marks no page break (PdfPig's words): no one pair of
        // widths cuts every row, and rows had been left with neither name nor explanation.
        var (narrow, wide) = (Print(new Widths(3, 4, 8, 12, 3)), Print(new Widths(3, 7, 14, 12, 3)));
        var (a, b) = (narrow.IndexOf("\n产出", StringComparison.Ordinal), wide.IndexOf("\n产出", StringComparison.Ordinal));
        Assert.True(a > 0 && b > 0);
        var form = Read(narrow[..a] + wide[b..]);
        AssertTable(form);
        Assert.DoesNotContain(form.Warnings, w => w.Code == "layout.criteria-cells-undivided");
    }

    [Theory]
    [InlineData("合计 100\n94")]
    [InlineData("合计 100\n94.0\n0")]
    [InlineData("合计\n100.0\n0\n94.0\n0")]
    public void The_totals_score_wrapped_onto_the_lines_after_its_weight_is_read_where_the_rows_add_up_to_it(string total)
    {
        // Narrow 权重 and 自评得分 cells wrap "100.00" and "94.00" a piece a line; the score had been left unread.
        var form = Read(Print(new Widths(3, 4, 8, 12, 3), total: total));
        Assert.Equal((100m, 94m), (form.TotalWeight, form.TotalScore));
        AssertTable(form);
    }

    [Fact]
    public void A_figure_after_the_totals_weight_that_the_rows_do_not_add_up_to_is_not_its_score()
    {
        // "7" under the 合计 line: a page number as well as a score, and the rows make 94.
        var form = Read(Print(new Widths(3, 4, 8, 12, 3), total: "合计 100\n7"));
        Assert.Equal((100m, (decimal?)null), (form.TotalWeight, form.TotalScore));
    }

    [Fact]
    public void A_note_as_wide_as_the_section_label_below_it_is_the_notes_where_the_label_is_a_known_section()
    {
        // "部分目标未完全实现" wraps in a 备注 three wide into three full lines, then "产出目标" / "（70分）" in a label
        // column as wide: every line fills the column, and the label had been read "部分目标未完全实现产出目标". The
        // template's 一级指标 names (models/criteria.json) tell the label's lines from the note's.
        var sections = new[]
        {
            Sections[0] with { Rows = [Sections[0].Rows[0], Sections[0].Rows[1] with { Note = "部分目标未完全实现" }] },
            Sections[1] with { Label = "产出目标" },
        };
        var text = Print(new Widths(3, 4, 8, 12, 3), sections: sections);
        Assert.Contains("\n部分目\n标未完\n全实现\n产出目\n标\n", text, StringComparison.Ordinal);
        var form = Read(text);
        Assert.Equal([("投入", (decimal?)30m), ("产出目标", 70m)], form.Sections.Select(s => (s.Name, s.Weight)));
        Assert.Equal("部分目标未完全实现", form.Indicators[1].Note);
        Assert.Equal(["投入", "投入", "产出目标", "产出目标"], form.Indicators.Select(i => i.Level1));
        Assert.Equal(["完成数量", "服务对象满意度"], form.Indicators[2..].Select(i => i.Name));
    }

    [Fact]
    public void A_remark_in_a_note_column_as_narrow_as_the_names_is_the_notes_of_the_row_that_lost_points()
    {
        // Check set, criteria 202 (Chromium's words): "部分目标未完全实现" wraps in a 备注 three wide into three full lines
        // right before the next row's "服务对" / "象满意" / "度" in a 指标名称 as wide, inside a section: nothing in the
        // widths tells the two cells apart, and the name had been read "部分目标未完全实现服务对象满意度" with no warning.
        // The row above lost points (38 of 40) and the lines say what was not done: they are its remark.
        var sections = new[]
        {
            Sections[0],
            Sections[1] with { Rows = [Sections[1].Rows[0] with { Note = "部分目标未完全实现" }, Sections[1].Rows[1]] },
        };
        var text = Print(new Widths(3, 3, 8, 12, 3), sections: sections);
        Assert.Contains("\n部分目\n标未完\n全实现\n服务对\n象满意\n度\n", text, StringComparison.Ordinal);
        var form = Read(text);
        AssertTable(form, sections);
        Assert.DoesNotContain(form.Warnings, w => w.Code == "layout.criteria-cells-undivided");
    }

    [Fact]
    public void A_notes_lines_written_before_the_rest_of_the_rows_explanation_are_the_notes_and_the_rest_the_explanations()
    {
        // Check set, criteria 244 (Chromium's words): the explanation's first lines, the weight and the rule, the score
        // with the note's first line beside it, the note's other lines, and only then the explanation's last two lines
        // ("否为达到项目质量要求" / "而采取了必需的措施。"). They had been read into the note, and the next row's cells
        // cut around them.
        var text = Head + "\n" + WriterHeader + """
            投入
            （30分）
            系统故障
            维修及时
            反映项目系统故障维修
            及时，用以考核项目实
            施单位对资金运行和项
            目管理的控制情况，是
            30 ①是否按计划时间节点完成各项工作；
            （20分）②资金的拨付是否有完整的审批
            程序和手续。（10分）
            24 部分目
            标未完
            全实现
            否为达到项目质量要求
            而采取了必需的措施。
            产出
            （70分）
            完成数量
            完成年度相关工作任务 70 按计划完成的得满分。 70
            合计 100 94

            """;
        var form = Read(text);
        Assert.Equal(2, form.Indicators.Length);
        var row = form.Indicators[0];
        Assert.Equal(("系统故障维修及时", "反映项目系统故障维修及时，用以考核项目实施单位对资金运行和项目管理的控制情况，是否为达到项目质量要求而采取了必需的措施。",
                "①是否按计划时间节点完成各项工作；（20分）②资金的拨付是否有完整的审批程序和手续。（10分）", "部分目标未完全实现"),
            (row.Name, row.Explanation, row.ScoringRule, row.Note));
        Assert.Equal(("产出", "完成数量", "完成年度相关工作任务"), (form.Indicators[1].Level1, form.Indicators[1].Name, form.Indicators[1].Explanation));
    }

    [Fact]
    public void A_notes_lines_around_the_rest_of_a_top_aligned_rows_explanation_are_the_notes()
    {
        // Check set, criteria 224 (Writer's raw text): the name and the explanation's first line on one line, the
        // explanation's second, the weight and the rule, the score with the note's first line, the note's second, the
        // explanation's rest (its last line short), and the note's last character after it. The explanation's rest had
        // been cut into the next row's text, which was then left undivided.
        var text = Head + "\n" + WriterHeader + """
            投入
            （30分）
            长效机制健全 反映项目长效机制健全，
            用以考核项目实施单位对
            30 是否符合部门中期规划和年度目标，视
            情况扣分。
            24 部分目标
            未完全实
            资金运行和项目管理的控
            制情况，是否为达到项目
            质量要求而采取了必需的
            措施。
            现
            产出
            （70分）
            档案管理规范性
            完成年度相关工作任务 70 按计划完成的得满分。 70
            合计 100 94

            """;
        var form = Read(text);
        Assert.Equal(2, form.Indicators.Length);
        var row = form.Indicators[0];
        Assert.Equal(("长效机制健全", "反映项目长效机制健全，用以考核项目实施单位对资金运行和项目管理的控制情况，是否为达到项目质量要求而采取了必需的措施。",
                "部分目标未完全实现"), (row.Name, row.Explanation, row.Note));
        Assert.Equal(("产出", "档案管理规范性"), (form.Indicators[1].Level1, form.Indicators[1].Name));
    }

    [Fact]
    public void A_notes_short_last_line_above_a_label_one_character_wide_is_the_notes()
    {
        // Check set, criteria 230 (Chromium's words): "部分目标未完全实现" wraps two characters a line, its last line "现"
        // alone; the section label under it wraps a character a line ("产" / "出" / …). "现" fills a line of the label's
        // column as well, but it is narrower than the full line above it, which it ends: the label had been read "现产出目标".
        var sections = new[]
        {
            Sections[0] with { Weight = "(30分)", Rows = [Sections[0].Rows[0], Sections[0].Rows[1] with { Note = "部分目标未完全实现" }] },
            Sections[1] with { Label = "产出目标", Weight = "(70分)" },
        };
        var text = Print(new Widths(1, 4, 8, 12, 2), sections: sections);
        Assert.Contains("\n全实\n现\n产\n出\n", text, StringComparison.Ordinal);
        var form = Read(text);
        Assert.Equal([("投入", (decimal?)30m), ("产出目标", 70m)], form.Sections.Select(s => (s.Name, s.Weight)));
        Assert.Equal("部分目标未完全实现", form.Indicators[1].Note);
    }

    /// <summary>The head and header of a form written line by line as Writer's top-aligned rows come out of PdfPig's words.</summary>
    private const string WriterHeader = "一级指标 指标名称 指标解释 权重 评分规则 自评得分 备注\n";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_rows_first_lines_written_as_one_line_with_its_figures_are_given_the_rest_of_each_cell_back(bool spaced)
    {
        // Writer sets a top-aligned row's cells' first lines at one height, the figures among them: the dump writes
        // them as one line, then the rest of each cell in column order. The rest had gone to the 备注 and the next row.
        // pdftotext -raw writes a space after a circled number and inside a clause's points ("① 是否…", "（5 分）"), set
        // in other fonts (check set, criteria 248): the rule's first line is then several pieces, and "（5" / "分）…" are
        // not two cells' lines.
        var text = Head + "\n" + WriterHeader + """
            投入
            （30分）
            预算执
            行率
            反映项目预算执行的
            进度
            30 执行率在90%及以上得满分。 30
            产出
            （70分）
            服务对 用以反映和考核服务 70 ①是否按计划时间节点完成各项工作； 64
            象满意
            度
            对象满意度的实际情
            况，以及对项目目标
            实现的保障作用。
            （5分）②是否已制定或具有相应的项
            目资金管理办法；（65分）
            合计 100 94

            """;
        if (spaced)
        {
            Assert.Contains("\n（5分）②", text, StringComparison.Ordinal);
            text = text.Replace(" ①是否按计划", " ① 是否按计划", StringComparison.Ordinal).Replace("\n（5分）②", "\n（5 分）②", StringComparison.Ordinal);
        }
        var form = Read(text);
        var row = form.Indicators[1];
        Assert.Equal(("产出", "服务对象满意度", "用以反映和考核服务对象满意度的实际情况，以及对项目目标实现的保障作用。",
                "①是否按计划时间节点完成各项工作；（5分）②是否已制定或具有相应的项目资金管理办法；（65分）", (string?)null),
            (row.Level1, row.Name, row.Explanation, row.ScoringRule, row.Note));
        Assert.Equal(("预算执行率", "反映项目预算执行的进度"), (form.Indicators[0].Name, form.Indicators[0].Explanation));
        Assert.Equal((70m, 64m), (row.Weight, row.Score));
    }

    [Fact]
    public void A_row_led_by_its_section_labels_first_line_gets_its_cells_rest_back_though_its_rule_ends_on_that_line()
    {
        // Check set, criteria 286: Writer's top-aligned row, its first lines one line with its figures and the 备注's first
        // line after the score; below, the rest of the label ("投入" / "（30" / "分）"), of the name, of the explanation and
        // of the note, in that order. The rule ends on the row's line, so nothing said the rest was this row's: the section
        // had lost its name's second line, the row its name and explanation.
        var text = Head + "\n" + WriterHeader + """
            项目 财务管理 项目的财务制度是否 10 按制度执行的得满分。 9 部分资金
            投入
            （30
            分）
            制度健全
            性
            健全、完善、有效。
            未完全支
            付
            预算执行
            率
            反映项目预算执行的
            进度
            20 执行率在90%及以上得满分。 20
            产出
            （70分）
            服务对象
            满意度
            反映服务对象满意程
            度
            70 满意度达到90%的得满分。 65
            合计 100 94

            """;
        var form = Read(text);
        Assert.Equal([("项目投入", (decimal?)30m), ("产出", 70m)], form.Sections.Select(s => (s.Name, s.Weight)));
        var row = form.Indicators[0];
        Assert.Equal(("项目投入", "财务管理制度健全性", "项目的财务制度是否健全、完善、有效。", "按制度执行的得满分。", "部分资金未完全支付", 10m, 9m),
            (row.Level1, row.Name, row.Explanation, row.ScoringRule, row.Note, row.Weight, row.Score));
        Assert.Equal(("项目投入", "预算执行率", "反映项目预算执行的进度", (string?)null),
            (form.Indicators[1].Level1, form.Indicators[1].Name, form.Indicators[1].Explanation, form.Indicators[1].Note));
        Assert.Equal(("服务对象满意度", "反映服务对象满意程度"), (form.Indicators[2].Name, form.Indicators[2].Explanation));
    }

    [Fact]
    public void A_row_whose_section_labels_weight_alone_goes_on_below_keeps_its_cells_and_its_note_gets_its_lines()
    {
        // Check set, criteria 280: the label's name whole on the row's line, its weight below after the 备注's first line
        // ("… 28 部分资金" / "（30" / "分）" / "未完全支" / "付"). A label so may be centred on its row: nothing says the
        // other cells went on below, and the lines after the weight are the note's, not the name's.
        var text = Head + "\n" + WriterHeader + """
            投入 预算执行率 反映项目预算执行的进度 30 执行率在90%及以上得满分。 28 部分资金
            （30
            分）
            未完全支
            付
            产出
            （70分）
            服务对象满
            意度
            反映服务对象满意程度
            70 满意度达到90%的得满分。 66
            合计 100 94

            """;
        var form = Read(text);
        Assert.Equal([("投入", (decimal?)30m), ("产出", 70m)], form.Sections.Select(s => (s.Name, s.Weight)));
        var row = form.Indicators[0];
        Assert.Equal(("投入", "预算执行率", "反映项目预算执行的进度", "部分资金未完全支付"), (row.Level1, row.Name, row.Explanation, row.Note));
        Assert.Equal(("服务对象满意度", "反映服务对象满意程度"), (form.Indicators[1].Name, form.Indicators[1].Explanation));
    }

    [Fact]
    public void A_row_set_from_its_middle_gets_the_rest_of_its_explanation_and_then_of_its_rule_back()
    {
        // Writer sets a tall row's figures at its middle: the explanation and the rule each print their lines down to
        // that line, then the dump writes the explanation's rest and the rule's rest, in the columns' order (check set,
        // criteria 232). Both had been read as the row's 备注.
        var text = Head + "\n" + WriterHeader + """
            投入
            （30分）
            预算执
            行率
            反映项目预算执行的进
            度，用以考核项目资金
            30 预算执行率达到计划要求的得满
            28
            的使用情况。
            分，未达到的按比例扣分。
            产出
            （70分）
            服务对
            象满意
            度
            反映服务对象的满意程
            度
            70 满意度达到90%的得满分。 66
            合计 100 94

            """;
        var form = Read(text);
        var row = form.Indicators[0];
        Assert.Equal(("预算执行率", "反映项目预算执行的进度，用以考核项目资金的使用情况。", "预算执行率达到计划要求的得满分，未达到的按比例扣分。", (string?)null),
            (row.Name, row.Explanation, row.ScoringRule, row.Note));
        Assert.Equal(("服务对象满意度", "反映服务对象的满意程度", "产出"), (form.Indicators[1].Name, form.Indicators[1].Explanation, form.Indicators[1].Level1));
    }

    [Fact]
    public void A_rule_going_on_below_its_rows_score_is_the_rules()
    {
        // Writer sets the figures at the row's middle and a tall rule from the top: the score comes between the rule's
        // lines ("…③资金" / "38" / "使用是否符合国家财经法规" / "的规定；（23分）"), and the rest had been read as the 备注.
        var rule = "①项目调整手续是否完备；（1分）②是否已制定资金管理办法；（6分）③资金使用是否符合国家财经法规的规定；（23分）";
        var sections = new[]
        {
            Sections[0] with { Rows = [Sections[0].Rows[0], Sections[0].Rows[1]] },
            Sections[1] with { Rows = [Sections[1].Rows[0] with { Rule = rule }, Sections[1].Rows[1]] },
        };
        var text = Print(new Widths(3, 4, 8, 12, 3), sections: sections);
        var lines = Wrap(rule, 12);
        var written = string.Join("\n", lines) + "\n38";
        Assert.Contains(lines[0] + "\n", text, StringComparison.Ordinal);
        var at = text.IndexOf(written, StringComparison.Ordinal);
        Assert.True(at > 0);
        // The score after the rule's third line of five, as the middle of the row puts it.
        Assert.Equal(5, lines.Count);
        text = text[..at] + string.Join("\n", lines[..3]) + "\n38\n" + string.Join("\n", lines[3..]) + text[(at + written.Length)..];
        var form = Read(text);
        Assert.Equal((rule, (string?)null, 38m), (form.Indicators[2].ScoringRule, form.Indicators[2].Note, form.Indicators[2].Score));
        Assert.Equal(("服务对象满意度", "产出与效果"), (form.Indicators[3].Name, form.Indicators[3].Level1));
    }
}
