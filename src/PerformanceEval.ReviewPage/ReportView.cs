using System.Globalization;
using PerformanceEval.Storage;

namespace PerformanceEval.ReviewPage;

/// <summary>The 汇总 page: the store by 主管部门 and year, the review's progress, and the workbook to download.</summary>
internal static class ReportView
{
    public static Html Render(StoreSummary summary, ExportFilter filter)
    {
        var html = new Html().Element("h1", "汇总");
        var query = Query(filter);
        html.Raw("<p class=\"downloads\">")
            .Element("a", "下载 Excel（汇总、按规则）", ("href", "/report.xlsx" + query), ("id", "report-xlsx"))
            .Raw(" · ")
            .Element("a", "下载 CSV（汇总）", ("href", "/report.csv" + query), ("id", "report-csv"))
            .Raw(" · ")
            .Element("a", "问题队列", ("href", "/"))
            .Raw("</p>");
        var rows = SummaryWorkbook.Totals(summary);
        if (rows.Count == 1)
            return html.Element("p", "库中还没有自评表。", ("class", "empty"));
        html.Raw("<table class=\"queue report\" id=\"report\"><thead><tr>");
        foreach (var column in rows[0].Keys) html.Element("th", column);
        html.Raw("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Open("tr", ("class", (string?)row["主管部门"] == "合计" ? "total" : null));
            foreach (var value in row.Values)
                html.Element("td", value switch
                {
                    double d => d.ToString("#,0.00", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value?.ToString(),
                });
            html.Raw("</tr>");
        }
        return html.Raw("</tbody></table>");
    }

    /// <summary>The filter as the address carries it: "?year=…&amp;department=…", or "".</summary>
    public static string Query(ExportFilter filter) =>
        QueryString.Of(("year", filter.Year?.ToString(CultureInfo.InvariantCulture)), ("department", filter.Department));
}
