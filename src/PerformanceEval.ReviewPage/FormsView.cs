using System.Globalization;
using PerformanceEval.Storage;

namespace PerformanceEval.ReviewPage;

/// <summary>全部自评表: every stored form, clean ones too, with its findings, what is left to decide and its review state.</summary>
internal static class FormsView
{
    public static Html Render(FormListPage page, FormListFilter filter)
    {
        var html = new Html().Element("h1", "全部自评表");
        html.Raw("<p class=\"counts\" id=\"form-counts\">").Text($"共 {page.Matching} 张");
        foreach (var state in FormStore.FormStates)
            html.Raw(" · ").Element("span", $"{Labels.FormState(state)} {page.ByState.GetValueOrDefault(state)}", ("class", "state-" + state));
        html.Raw(" · ").Element("a", "问题队列", ("href", "/")).Raw(" · ").Element("a", "汇总", ("href", "/report")).Raw("</p>");

        html.Raw("<form class=\"filters\" method=\"get\" action=\"/forms\">")
            .Raw("<label>检索 ").Open("input", ("name", "q"), ("value", filter.Search), ("placeholder", "项目名称、文号或主管部门"), ("maxlength", "200")).Raw("</label> ");
        html.Raw("<label>审核状态 ").Open("select", ("name", "state")).Element("option", "全部", ("value", ""));
        foreach (var state in FormStore.FormStates)
        {
            if (state == filter.State) html.Element("option", Labels.FormState(state), ("value", state), ("selected", "selected"));
            else html.Element("option", Labels.FormState(state), ("value", state));
        }
        html.Raw("</select></label> <button type=\"submit\">检索</button> <a href=\"/forms\">清除</a></form>");

        html.Raw("<table class=\"queue forms\" id=\"forms\"><thead><tr><th>年度</th><th>主管部门</th><th>项目</th><th>总分</th><th>错误</th><th>警告</th><th>提示</th><th>待审核问题</th><th>状态</th><th>审结人</th></tr></thead><tbody>");
        foreach (var item in page.Items)
        {
            var link = $"/forms/{item.FormId}";
            html.Open("tr", ("class", $"form-row state-{item.State}"), ("data-href", link))
                .Element("td", item.Year?.ToString(CultureInfo.InvariantCulture) ?? "—")
                .Element("td", item.Department ?? "—")
                .Raw("<td>").Element("a", item.Project ?? "（未识别项目名称）", ("href", link), ("class", "open-form")).Raw("</td>")
                .Element("td", item.TotalScore ?? "—")
                .Element("td", item.Errors.ToString(CultureInfo.InvariantCulture))
                .Element("td", item.Warnings.ToString(CultureInfo.InvariantCulture))
                .Element("td", item.Infos.ToString(CultureInfo.InvariantCulture))
                .Element("td", item.Pending.ToString(CultureInfo.InvariantCulture))
                .Element("td", Labels.FormState(item.State), ("class", "state"))
                .Element("td", item.SignedBy is null ? "" : $"{item.SignedBy} {Labels.Time(item.SignedAt!)}")
                .Raw("</tr>");
        }
        html.Raw("</tbody></table>");
        html.Raw("<nav class=\"pages\">").Text($"第 {page.Page} / {page.Pages} 页 ");
        if (page.Page > 1) html.Element("a", "← 上一页", ("href", Link(filter with { Page = page.Page - 1 })), ("rel", "prev"));
        if (page.Page < page.Pages) html.Raw(" ").Element("a", "下一页 →", ("href", Link(filter with { Page = page.Page + 1 })), ("rel", "next"));
        return html.Raw("</nav>");
    }

    private static string Link(FormListFilter f) => "/forms" + QueryString.Of(
        ("q", f.Search), ("year", f.Year?.ToString(CultureInfo.InvariantCulture)), ("department", f.Department), ("state", f.State),
        ("page", f.Page > 1 ? f.Page.ToString(CultureInfo.InvariantCulture) : null));
}
