using System.Globalization;
using PerformanceEval.Contract;

namespace PerformanceEval.ReviewPage;

/// <summary>
/// The reconstructed table laid out as the 自评表 prints it — header, funding block, goals, indicator rows with their
/// merged 一级/二级指标 cells, 总分 — every value cell carrying its field path, the cells a finding names marked, and
/// where it was read (row, column, the raw text, OCR confidence) in its title.
/// </summary>
internal static class FormTable
{
    private static readonly (string Key, string Label)[] FundingLines =
        [("total", "年度资金总额"), ("fiscal", "其中：当年财政拨款"), ("carryover", "上年结转资金"), ("other", "其他资金")];

    public static void Render(Html html, CleanedForm form, IReadOnlySet<string> flagged)
    {
        html.Raw("<table class=\"form-table\"><tbody>");
        html.Raw("<tr><th>项目名称</th>");
        Cell(html, form, flagged, "projectName", form.ProjectName, 7);
        html.Raw("</tr><tr><th>主管部门</th>");
        Cell(html, form, flagged, "department", form.Department, 3);
        html.Raw("<th>项目实施单位</th>");
        Cell(html, form, flagged, "implementingUnit", form.ImplementingUnit, 3);
        html.Raw("</tr>");

        var lines = FundingLines.Select(l => (l.Key, l.Label, Line: LineOf(form.Funding, l.Key))).Where(l => l.Line is not null).ToList();
        html.Raw($"<tr><th rowspan=\"{lines.Count + 1}\">").Text($"项目资金（{form.CurrencyUnit ?? "元"}）")
            .Raw("</th><th></th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th><th>分值</th><th>执行率</th><th>得分</th></tr>");
        foreach (var (key, label, line) in lines)
        {
            html.Raw("<tr>").Element("th", label);
            var p = $"funding.{key}.";
            Cell(html, form, flagged, p + "initialBudget", N(line!.InitialBudget));
            Cell(html, form, flagged, p + "annualBudget", N(line.AnnualBudget));
            Cell(html, form, flagged, p + "executed", N(line.Executed));
            Cell(html, form, flagged, p + "weight", N(line.Weight));
            Cell(html, form, flagged, p + "executionRate", line.ExecutionRate is { } r ? N(r) + "%" : null);
            Cell(html, form, flagged, p + "score", N(line.Score));
            html.Raw("</tr>");
        }

        html.Raw("<tr><th rowspan=\"2\">年度总体目标</th><th>预期目标</th>");
        Cell(html, form, flagged, "goals.planned", form.Goals.Planned, 6);
        html.Raw("</tr><tr><th>实际完成情况</th>");
        Cell(html, form, flagged, "goals.achieved", form.Goals.Achieved, 6);
        html.Raw("</tr>");

        // The criteria template prints 指标解释 and 评分标准 where the standard one prints target and actual.
        var criteria = form.Indicators.All(i => i.Target is null && i.Actual is null) && form.Indicators.Any(i => i.Explanation is not null || i.ScoringRule is not null);
        html.Raw(criteria
            ? "<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标解释</th><th>评分标准</th><th>分值</th><th>得分</th><th>备注</th></tr>"
            : "<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th><th>偏差原因分析及改进措施</th></tr>");
        var rows = form.Indicators;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var p = $"indicators[{i}].";
            html.Open("tr", ("class", "indicator"), ("id", $"row-{i}"));
            // Merged cells as printed: a 一级/二级指标 spans the rows that share it.
            if (i == 0 || rows[i - 1].Level1 != row.Level1)
                Cell(html, form, flagged, p + "level1", row.Level1, rowspan: Run(rows, i, r => r.Level1), header: true);
            if (i == 0 || rows[i - 1].Level2 != row.Level2 || rows[i - 1].Level1 != row.Level1)
                Cell(html, form, flagged, p + "level2", row.Level2, rowspan: Run(rows, i, r => r.Level1 + "\u0001" + r.Level2), header: true);
            Cell(html, form, flagged, p + "name", row.Name);
            if (criteria)
            {
                Cell(html, form, flagged, p + "explanation", row.Explanation);
                Cell(html, form, flagged, p + "scoringRule", row.ScoringRule);
            }
            else
            {
                Cell(html, form, flagged, p + "target", row.Target);
                Cell(html, form, flagged, p + "actual", row.Actual);
            }
            Cell(html, form, flagged, p + "weight", N(row.Weight));
            Cell(html, form, flagged, p + "score", N(row.Score));
            Cell(html, form, flagged, p + "note", row.Note);
            html.Raw("</tr>");
        }
        html.Raw("<tr><th colspan=\"5\">总分</th>");
        Cell(html, form, flagged, "totalWeight", N(form.TotalWeight));
        Cell(html, form, flagged, "totalScore", N(form.TotalScore));
        html.Raw("<td></td></tr><tr><th colspan=\"7\">绩效等级</th>");
        Cell(html, form, flagged, "grade", form.Grade);
        html.Raw("</tr></tbody></table>");
    }

    private static int Run(IReadOnlyList<Indicator> rows, int from, Func<Indicator, string?> key)
    {
        var n = 1;
        while (from + n < rows.Count && key(rows[from + n]) == key(rows[from])) n++;
        return n;
    }

    private static FundingLine? LineOf(Funding funding, string key) => key switch
    {
        "total" => funding.Total,
        "fiscal" => funding.Fiscal,
        "carryover" => funding.Carryover,
        _ => funding.Other,
    };

    private static string? N(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static void Cell(Html html, CleanedForm form, IReadOnlySet<string> flagged, string path, string? value,
        int colspan = 1, int rowspan = 1, bool header = false)
    {
        var isFlagged = flagged.Contains(path) || flagged.Any(f => path.StartsWith(f + ".", StringComparison.Ordinal));
        var where = form.Provenance.TryGetValue(path, out var p) ? Where(p) : null;
        html.Open(header ? "th" : "td",
            ("class", "v" + (isFlagged ? " flagged" : "") + (p is { Confidence: < 0.9 } ? " unsure" : "")),
            ("id", "cell-" + path), ("data-field", path),
            ("colspan", colspan > 1 ? colspan.ToString(CultureInfo.InvariantCulture) : null),
            ("rowspan", rowspan > 1 ? rowspan.ToString(CultureInfo.InvariantCulture) : null),
            ("title", where))
            .Text(value)
            .Close(header ? "th" : "td");
    }

    private static string Where(FieldProvenance p)
    {
        var parts = new List<string>();
        if (p.Page is { } page) parts.Add($"第{page}页");
        if (p.Line is { } line) parts.Add($"第{line}行");
        if (p.Row is { } row) parts.Add($"表格行{row}");
        if (p.Col is { } col) parts.Add($"列{col}");
        if (p.Text is { } text) parts.Add($"原文「{text}」");
        if (p.Confidence is { } c) parts.Add($"识别置信度 {c:F2}");
        return string.Join(" · ", parts);
    }
}
