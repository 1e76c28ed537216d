using System.Globalization;
using PerformanceEval.Storage;

namespace PerformanceEval.ReviewPage;

/// <summary>
/// The queue: counts, filters, one page of findings — by default the form's own discrepancies before suspected OCR
/// misreadings, material ones (重大, by pipeline.json's thresholds) first, then by severity.
/// </summary>
internal static class QueueView
{
    public static Html Render(QueuePage page, QueueFilter filter, string csrf = "")
    {
        var html = new Html().Element("h1", "问题队列");
        html.Raw("<p class=\"downloads\">").Element("a", "全部自评表（检索、审结）", ("href", "/forms"), ("id", "forms-link")).Raw(" · ")
            .Element("a", "汇总（按主管部门和年度，可下载 Excel）", ("href", "/report"), ("id", "report-link")).Raw("</p>");
        html.Raw("<p class=\"counts\" id=\"counts\">").Text($"共 {page.Matching} 条");
        foreach (var severity in new[] { "error", "warning", "info" })
            html.Raw(" · ").Element("span", $"{Labels.Severity(severity)} {page.BySeverity.GetValueOrDefault(severity)}", ("class", "sev-" + severity));
        foreach (var status in FormStore.ReviewStatuses)
            html.Raw(" · ").Element("span", $"{Labels.Status(status)} {page.ByStatus.GetValueOrDefault(status)}", ("class", "status-" + status));
        html.Raw("</p>");

        html.Raw("<form class=\"filters\" method=\"get\" action=\"/\">");
        Select(html, "year", "年度", filter.Year?.ToString(CultureInfo.InvariantCulture), page.Years.Select(y => (y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture))));
        Select(html, "department", "主管部门", filter.Department, page.Departments.Select(d => (d, d)));
        Select(html, "rule", "规则", filter.Rule, page.Rules.Select(r => (r, Labels.Rule(r))));
        Select(html, "severity", "严重程度", filter.Severity, new[] { "error", "warning", "info" }.Select(s => (s, Labels.Severity(s))));
        Select(html, "status", "审核状态", filter.Status, FormStore.ReviewStatuses.Select(s => (s, Labels.Status(s))));
        Select(html, "kind", "类别", filter.Kind, [("stated", "表内差异"), ("ocr", "疑似识别错误")]);
        html.Raw("<label>排序 ").Open("select", ("name", "sort"));
        foreach (var (value, text) in new[] { ("severity", "按重要性"), ("amount", "按涉及金额") })
        {
            if (value == filter.Sort) html.Element("option", text, ("value", value), ("selected", "selected"));
            else html.Element("option", text, ("value", value));
        }
        html.Raw("</select></label> ");
        html.Raw("<button type=\"submit\">筛选</button> <a href=\"/\">清除</a></form>");

        html.Raw("<table class=\"queue\"><thead><tr><th>严重程度</th><th>重要性</th><th>规则</th><th>字段</th><th>填报值</th><th>复核值</th><th>差额</th><th>涉及金额（元）</th><th>说明</th><th>年度</th><th>主管部门</th><th>项目</th><th>状态</th></tr></thead><tbody>");
        foreach (var item in page.Items)
        {
            var link = $"/forms/{item.FormId}{FormQuery(filter)}#finding-{item.FindingId}";
            html.Open("tr", ("class", $"finding-row sev-{item.Severity} status-{item.Status}"), ("data-href", link))
                .Element("td", Labels.Severity(item.Severity), ("class", "sev"));
            Stakes(html, item.Material, item.Suspect);
            html.Raw("<td>").Element("a", Labels.Rule(item.Rule), ("href", link), ("class", "open-finding"));
            if (item.CauseSize > 1)
                html.Raw(" ").Element("span", $"同一原因 {item.CauseSize} 条", ("class", "cause"),
                    ("title", "本表因同一原因引发的问题合为一行：确认或驳回这一条，其余随之决定"));
            html.Raw("</td>")
                .Element("td", Labels.Field(item.Field), ("title", item.Field))
                .Element("td", Values.Show(item.Stated), ("class", "num"))
                .Element("td", Values.Show(item.Expected), ("class", "num"))
                .Element("td", item.Difference?.ToString("0.####", CultureInfo.InvariantCulture), ("class", "num"))
                .Element("td", item.Amount?.ToString("N2", CultureInfo.InvariantCulture), ("class", "num amount"))
                .Element("td", item.Message)
                .Element("td", item.Year?.ToString(CultureInfo.InvariantCulture))
                .Element("td", item.Department)
                .Element("td", item.Project)
                .Element("td", Labels.Status(item.Status), ("class", "status"))
                .Close("tr");
        }
        html.Raw("</tbody></table>");
        if (page.Items.Count == 0) html.Element("p", "没有符合条件的问题。", ("class", "empty"));
        BulkDecision(html, page, filter, csrf);

        // The store's page: a page beyond the end (?page=1000) shows the last one, and says so truthfully.
        var (at, pages) = (page.Page, page.Pages);
        html.Raw("<nav class=\"pager\">");
        if (at > 1) html.Element("a", "← 上一页", ("href", Link(filter with { Page = at - 1 })), ("rel", "prev"));
        html.Element("span", $"第 {at} / {pages} 页");
        if (at < pages) html.Element("a", "下一页 →", ("href", Link(filter with { Page = at + 1 })), ("rel", "next"));
        return html.Raw("</nav>");
    }

    /// <summary>
    /// 重大 or 一般 by the materiality thresholds, and 疑似识别错误 where the finding was computed from a figure the OCR
    /// was unsure of (a finding imported before these were measured shows neither).
    /// </summary>
    internal static void Stakes(Html html, bool? material, bool? suspect)
    {
        html.Open("td", ("class", "stakes"));
        if (material is { } m) html.Element("span", m ? "重大" : "一般", ("class", m ? "material" : "immaterial"));
        if (suspect == true) html.Raw(" ").Element("span", "疑似识别错误", ("class", "ocr-suspect"), ("title", Labels.SuspectExplained));
        html.Close("td");
    }

    private static void Select(Html html, string name, string label, string? current, IEnumerable<(string Value, string Label)> options)
    {
        html.Raw("<label>").Text(label).Raw(" ").Open("select", ("name", name)).Element("option", "全部", ("value", ""));
        foreach (var (value, text) in options)
        {
            if (value == current) html.Element("option", text, ("value", value), ("selected", "selected"));
            else html.Element("option", text, ("value", value));
        }
        html.Raw("</select></label> ");
    }

    /// <summary>
    /// One cause, one decision: with a filter set (a rule, a year, a department, a severity), every finding it selects
    /// that is still to decide is confirmed or dismissed at once — each recorded in its form's history. The count the
    /// reviewer saw goes with the request, so a selection another reviewer changed meanwhile is not decided blind.
    /// </summary>
    private static void BulkDecision(Html html, QueuePage page, QueueFilter filter, string csrf)
    {
        var filtered = filter.Year is not null || filter.Department is not null || filter.Rule is not null || filter.Severity is not null || filter.Kind is not null;
        var pending = filter.Status is null or "pending" ? page.ByStatus.GetValueOrDefault("pending") : 0;
        if (!filtered || pending == 0 || csrf.Length == 0) return;
        var action = "/decisions" + FormQuery(filter with { Status = null, Page = 1, Sort = "severity" });
        var count = pending.ToString(CultureInfo.InvariantCulture);
        html.Raw("<section class=\"bulk\" id=\"bulk\">").Element("h2", $"对筛选出的 {count} 条待审核问题一并决定")
            .Open("form", ("method", "post"), ("action", action), ("class", "bulk-confirm"))
            .Open("input", ("type", "hidden"), ("name", "csrf"), ("value", csrf))
            .Open("input", ("type", "hidden"), ("name", "decision"), ("value", "confirm"))
            .Open("input", ("type", "hidden"), ("name", "expected"), ("value", count))
            .Open("input", ("type", "hidden"), ("name", "decidedBy"), ("class", "decided-by"))
            .Raw($"<button type=\"submit\">全部确认（{count} 条）</button></form>")
            .Open("form", ("method", "post"), ("action", action), ("class", "bulk-dismiss"))
            .Open("input", ("type", "hidden"), ("name", "csrf"), ("value", csrf))
            .Open("input", ("type", "hidden"), ("name", "decision"), ("value", "dismiss"))
            .Open("input", ("type", "hidden"), ("name", "expected"), ("value", count))
            .Open("input", ("type", "hidden"), ("name", "decidedBy"), ("class", "decided-by"))
            .Raw("<input name=\"reason\" class=\"reason\" required placeholder=\"驳回理由（必填）\" aria-label=\"驳回理由\">")
            .Raw($"<button type=\"submit\">全部驳回（{count} 条）</button></form>")
            .Raw("</section>");
    }

    /// <summary>The filter a form page carries on to its neighbours and back to the queue: "" when there is none.</summary>
    public static string FormQuery(QueueFilter f) => Link(f)[1..];

    public static string Link(QueueFilter f) => "/" + QueryString.Of(
        ("year", f.Year?.ToString(CultureInfo.InvariantCulture)), ("department", f.Department), ("rule", f.Rule),
        ("severity", f.Severity), ("status", f.Status), ("sort", f.Sort != "severity" ? f.Sort : null), ("kind", f.Kind),
        ("page", f.Page > 1 ? f.Page.ToString(CultureInfo.InvariantCulture) : null));
}

/// <summary>Stored JSON values as an auditor reads them: a number as printed, a text without quotes.</summary>
internal static class Values
{
    public static string? Show(string? json)
    {
        if (json is null) return null;
        try
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(json);
            return node is null ? "" : node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }

    public static string? Show(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
