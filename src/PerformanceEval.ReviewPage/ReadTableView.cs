using System.Globalization;
using PerformanceEval.Contract;

namespace PerformanceEval.ReviewPage;

/// <summary>
/// The table the form was read from, drawn from the logical table the normalizer received (its cells, columns and
/// spans, after Tables' repairs), not from the form's fields: what the auditor sees is what was read. A cell a field
/// was read from names the field (and is marked when a finding concerns it); the form's own wording is shown as such;
/// any other cell nothing was read from is marked — a figure or a name standing there was not taken into the form.
/// </summary>
internal static class ReadTableView
{
    public static void Render(Html html, ReadTable? table, IReadOnlySet<string> flagged)
    {
        if (table is null)
        {
            html.Element("p", "这张表导入时还没有保存读取的表格；重新导入其文件后可见。", ("class", "empty"));
            return;
        }
        html.Raw("<p class=\"legend\">").Element("span", "表格用语", ("class", "label")).Text(" ")
            .Element("span", "已读入字段", ("class", "bound")).Text(" ")
            .Element("span", "未读入任何字段", ("class", "unread")).Text(" ")
            .Element("span", "有待审问题", ("class", "bound flagged")).Raw("</p>");
        var width = Math.Max(1, table.Columns);
        // Slots a cell spanning rows from above still covers: the browser places a row's cells around them, so none is drawn there.
        var coveredUntil = new int[width];
        Array.Fill(coveredUntil, -1);
        html.Raw("<div class=\"read-table-wrap\"><table class=\"read-table\"><tbody>");
        for (var r = 0; r < table.Rows.Length; r++)
        {
            var row = table.Rows[r];
            html.Open("tr", ("data-row", r.ToString(CultureInfo.InvariantCulture)), ("title", Where(row.Page, row.Line, r)));
            var at = 0;
            foreach (var cell in row.Cells.OrderBy(c => c.Col))
            {
                // A cell placed over one before it (two pieces of a layout line at one column) follows it instead.
                var start = Math.Max(cell.Col, at);
                at = Pad(html, coveredUntil, r, at, Math.Min(start, width));
                Cell(html, cell, flagged);
                var span = cell.Cols;
                for (var c = at; c < Math.Min(width, at + span); c++) coveredUntil[c] = Math.Max(coveredUntil[c], r + cell.Rows - 1);
                at += span;
            }
            Pad(html, coveredUntil, r, at, width);
            html.Raw("</tr>");
        }
        html.Raw("</tbody></table></div>");
    }

    /// <summary>Empty cells from column <paramref name="from"/> to <paramref name="to"/>, where no span from above stands.</summary>
    private static int Pad(Html html, int[] coveredUntil, int row, int from, int to)
    {
        for (var c = from; c < to; c++)
            if (coveredUntil[c] < row) html.Raw("<td></td>");
        return Math.Max(from, to);
    }

    private static void Cell(Html html, ReadCell cell, IReadOnlySet<string> flagged)
    {
        var fields = cell.Fields ?? [];
        var isFlagged = fields.Any(path => flagged.Contains(path) || flagged.Any(f => path.StartsWith(f + ".", StringComparison.Ordinal)));
        var kind = !fields.IsEmpty ? "bound" : cell.Label == true ? "label" : string.IsNullOrWhiteSpace(cell.Text) ? "" : "unread";
        var title = new List<string>();
        if (!fields.IsEmpty) title.Add("读作：" + string.Join("、", fields.Select(Labels.Field)));
        else if (kind == "unread") title.Add("未读入任何字段");
        if (cell.Confidence is { } confidence) title.Add($"识别置信度 {confidence:F2}");
        if (cell.Box is { Length: 4 } box) title.Add("位置 " + string.Join(",", box.Select(v => v.ToString("0.#", CultureInfo.InvariantCulture))));
        html.Open("td",
                ("class", string.Join(' ', new[] { kind, isFlagged ? "flagged" : "", cell.Confidence is < 0.9 ? "unsure" : "" }.Where(c => c.Length > 0)) is { Length: > 0 } classes ? classes : null),
                ("colspan", cell.Cols > 1 ? cell.Cols.ToString(CultureInfo.InvariantCulture) : null),
                ("rowspan", cell.Rows > 1 ? cell.Rows.ToString(CultureInfo.InvariantCulture) : null),
                ("data-fields", fields.IsEmpty ? null : string.Join(' ', fields)),
                ("title", title.Count == 0 ? null : string.Join(" · ", title)))
            .Text(cell.Text).Close("td");
    }

    private static string Where(int? page, int? line, int row)
    {
        var parts = new List<string>();
        if (page is { } p) parts.Add($"第{p}页");
        if (line is { } l) parts.Add($"第{l}行");
        parts.Add($"表格行{row}");
        return string.Join(" · ", parts);
    }
}
