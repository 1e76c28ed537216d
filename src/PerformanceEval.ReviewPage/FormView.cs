using System.Globalization;
using System.Text.Json;
using PerformanceEval.Contract;
using PerformanceEval.Review;
using PerformanceEval.Storage;

namespace PerformanceEval.ReviewPage;

/// <summary>What the form page is drawn from: the stored form, the form as it stands, and the evidence of its fields.</summary>
internal sealed record FormPageModel(ReviewForm Stored, CleanedForm Form, string SourceLabel, Func<string, Html?> Evidence,
    string Csrf, long? ChangedBy)
{
    /// <summary>The queue's filter the auditor came with; the links to the previous and next forms and back keep it.</summary>
    public QueueFilter Along { get; init; } = new();

    /// <summary>The same form stored from other sources, each with the figures it reads differently from this one.</summary>
    public IReadOnlyList<(OtherSource Source, List<SourceDisagreement> Differences)> OtherSources { get; init; } = [];

    /// <summary>Candidates beyond the ones read (<see cref="OtherSourcesShown"/>).</summary>
    public long MoreOtherSources { get; init; }

    /// <summary>Other sources a form page reads and compares at most.</summary>
    public const int OtherSourcesShown = 20;
}

/// <summary>
/// The form page: each finding with its rule, message, stated and recomputed figures, the evidence and the decision
/// buttons; the form's fields laid out as the form prints it, flagged cells marked; the table as it was read (cells and
/// spans, each naming the fields read from it); warnings; the decision history.
/// </summary>
internal static class FormView
{
    private static readonly string[] SeverityOrder = ["error", "warning", "info"];

    public static Html Render(FormPageModel model)
    {
        var (stored, form) = (model.Stored, model.Form);
        var html = new Html();
        html.Raw("<nav class=\"formnav\">");
        var along = QueueView.FormQuery(model.Along);
        if (stored.PreviousFormId is { } prev) html.Element("a", "← 上一张待审表", ("href", $"/forms/{prev}{along}"), ("rel", "prev"), ("id", "prev-form"));
        html.Element("a", "问题队列", ("href", QueueView.Link(model.Along)), ("id", "queue-link"));
        if (stored.NextFormId is { } next) html.Element("a", "下一张待审表 →", ("href", $"/forms/{next}{along}"), ("rel", "next"), ("id", "next-form"));
        html.Raw("</nav>");
        html.Element("h1", form.ProjectName ?? "（未识别项目名称）", ("id", "project"));
        html.Raw("<p class=\"meta\">").Text($"{form.Year?.ToString(CultureInfo.InvariantCulture) ?? "年度未识别"} · {form.Department ?? "主管部门未识别"} · 来源 ")
            .Element("span", model.SourceLabel, ("class", "source"));
        if (stored.CorrectedJson is not null) html.Element("span", "（含审核更正）", ("class", "corrected-mark"));
        html.Raw("</p>");

        if (model.ChangedBy is { } changed && stored.History.FirstOrDefault(h => h.Id == changed) is { Decision: "correct" } correction)
            Outcome(html, correction);

        html.Raw("<div class=\"columns\"><section class=\"findings\" aria-label=\"问题\">").Element("h2", $"问题（{stored.Findings.Count}）");
        var ordered = stored.Findings.OrderBy(f => f.Status == "resolved" ? 1 : 0)
            .ThenBy(f => Array.IndexOf(SeverityOrder, f.Severity)).ThenBy(f => f.Position).ToList();
        foreach (var finding in ordered) Finding(html, model, finding);
        if (ordered.Count == 0) html.Element("p", "检查器未发现问题。", ("class", "empty"));
        html.Raw("</section><section class=\"table\" aria-label=\"整理后的表\">").Element("h2", "整理后的表");
        FormTable.Render(html, form, OpenFields(stored));
        html.Raw("</section></div>");
        // The table as the normalizer received it, spans and all: where a figure came from, and what was read from nothing.
        html.Raw("<section class=\"read\" id=\"read-table\" aria-label=\"读取的表格\">").Element("h2", "读取的表格（原件的单元格与合并，修复之后）");
        ReadTableView.Render(html, ReadTable.FromJson(stored.ReadTableJson), OpenFields(stored));
        html.Raw("</section>");

        OtherSourcesSection(html, model);
        if (!form.Warnings.IsEmpty)
        {
            html.Raw("<section class=\"warnings\">").Element("h2", $"提取警告（{form.Warnings.Length}）").Raw("<ul>");
            // The message is the reviewer's; the catalogue's code stays in the title and data attribute for tools and tests.
            foreach (var warning in form.Warnings)
                html.Element("li", warning.Field is { } field ? $"{Labels.Field(field)}：{warning.Message}" : warning.Message,
                    ("class", $"sev-{warning.Severity}"), ("title", warning.Code), ("data-code", warning.Code));
            html.Raw("</ul></section>");
        }
        SignOffSection(html, model);
        History(html, stored);
        return html;
    }

    /// <summary>
    /// 同一张表的其他来源: the same form imported from another file (its TSV, its PDF, its scan), linked, with every figure
    /// the two read differently — one of them misread it, and the original decides which.
    /// </summary>
    private static void OtherSourcesSection(Html html, FormPageModel model)
    {
        if (model.OtherSources.Count == 0) return;
        html.Raw("<section class=\"sources\" id=\"other-sources\">").Element("h2", $"同一张表的其他来源（{model.OtherSources.Count}）");
        if (model.MoreOtherSources > 0)
            html.Element("p", $"另有 {model.MoreOtherSources} 个同年度、同主管部门、同名或同总分的表未列出（只比较前 {FormPageModel.OtherSourcesShown} 个）。", ("class", "more-sources"));
        html.Raw("<ul>");
        foreach (var (source, differences) in model.OtherSources)
        {
            html.Raw("<li>").Element("a", $"{source.Path ?? "（路径未知）"}（{source.InputKind}，第 {source.FormIndex + 1} 张表）",
                ("href", $"/forms/{source.FormId}"), ("class", "other-source"));
            if (differences.Count == 0) html.Element("span", " · 数字与本来源一致", ("class", "agrees"));
            else
            {
                html.Raw("<table class=\"disagreements\"><thead><tr><th>字段</th><th>本来源</th><th>该来源</th></tr></thead><tbody>");
                foreach (var d in differences)
                    html.Raw("<tr>").Element("td", Labels.Field(d.Field), ("title", d.Field)).Element("td", d.Here ?? "（未读出）", ("class", "num"))
                        .Element("td", d.There ?? "（未读出）", ("class", "num")).Raw("</tr>");
                html.Raw("</tbody></table>");
            }
            html.Raw("</li>");
        }
        html.Raw("</ul></section>");
    }

    /// <summary>审结: the reviewer's opinion once every finding is decided; a signed-off form shows who signed, when, and what.</summary>
    private static void SignOffSection(Html html, FormPageModel model)
    {
        var stored = model.Stored;
        html.Raw("<section class=\"signoff\" id=\"signoff\">").Element("h2", "审结")
            .Raw("<p class=\"paper-link\">").Element("a", "下载审计底稿（可单独存档的 HTML 文件，含原件截图）",
                ("href", $"/forms/{stored.Id}/working-paper.html"), ("id", "working-paper"), ("download", "")).Raw("</p>");
        if (stored.SignedOff is { } signed)
        {
            html.Raw("<p class=\"signed\">").Text($"已审结 · {signed.SignedBy} · {Labels.Time(signed.SignedAt)}").Raw("</p>")
                .Element("blockquote", signed.Opinion, ("class", "opinion"));
        }
        else
        {
            var pending = stored.Findings.Count(f => f.Status == "pending");
            if (pending > 0) html.Element("p", $"尚有 {pending} 条问题待审核；全部确认、驳回或更正后方可审结。", ("class", "not-yet"));
            html.Open("form", ("method", "post"), ("action", $"/forms/{stored.Id}/signoff{QueueView.FormQuery(model.Along)}"), ("class", "signoff"))
                .Open("input", ("type", "hidden"), ("name", "csrf"), ("value", model.Csrf))
                .Open("input", ("type", "hidden"), ("name", "decidedBy"), ("class", "decided-by"))
                .Raw("<textarea name=\"opinion\" class=\"opinion\" required rows=\"3\" placeholder=\"审核意见（必填）\" aria-label=\"审核意见\"></textarea>")
                .Raw(pending > 0 ? "<button type=\"submit\" disabled>审结</button>" : "<button type=\"submit\" class=\"do-signoff\">审结</button>")
                .Raw("</form>");
        }
        // The working paper's signature block: printed, never shown on screen.
        html.Raw("<div class=\"signature print-only\">")
            .Element("span", $"审核人（签名）：{stored.SignedOff?.SignedBy ?? "______________"}")
            .Element("span", "复核人（签名）：______________")
            .Element("span", $"日期：{(stored.SignedOff is { } s ? Labels.Time(s.SignedAt)[..10] : "______________")}")
            .Raw("</div>");
        html.Raw("</section>");
    }

    private static HashSet<string> OpenFields(ReviewForm stored) =>
        [.. stored.Findings.Where(f => f.Status is not "resolved").Select(f => f.Field)];

    private static void Finding(Html html, FormPageModel model, ReviewFinding finding)
    {
        var formId = model.Stored.Id;
        html.Open("article", ("class", $"finding sev-{finding.Severity} status-{finding.Status}"), ("id", $"finding-{finding.Id}"),
                ("tabindex", "0"), ("data-field", finding.Field), ("data-finding", finding.Id.ToString(CultureInfo.InvariantCulture)))
            .Raw("<h3>").Element("span", Labels.Severity(finding.Severity), ("class", "sev"))
            .Raw(" ").Element("span", Labels.Rule(finding.Rule), ("class", "rule"), ("title", finding.Rule))
            .Raw(" · ").Element("span", Labels.Field(finding.Field), ("class", "field"), ("title", finding.Field))
            .Element("span", Labels.Status(finding.Status), ("class", "status"));
        if (finding.Material is { } material) html.Raw(" ").Element("span", material ? "重大" : "一般", ("class", material ? "material" : "immaterial"));
        if (finding.Suspect == true)
            html.Raw(" ").Element("span", "疑似识别错误", ("class", "ocr-suspect"), ("title", Labels.SuspectExplained));
        html.Raw("</h3>")
            .Element("p", finding.Message, ("class", "message"));
        if (finding.Follows is { } follows && model.Stored.Findings.FirstOrDefault(f => f.Position == follows) is { } leader)
            html.Element("p", $"与“{Labels.Rule(leader.Rule)} · {Labels.Field(leader.Field)}”同一原因：决定那一条时，这一条随之决定。",
                ("class", "cause"));
        html
            .Raw("<dl class=\"figures\"><dt>填报值</dt>").Element("dd", Values.Show(finding.Stated) ?? "—", ("class", "stated"))
            .Raw("<dt>复核值</dt>").Element("dd", Values.Show(finding.Expected) ?? "—", ("class", "expected")).Raw("</dl>");
        if (finding.Origin == "correction") html.Element("p", "此问题由审核更正后的复查产生。", ("class", "origin"));
        if (model.Evidence(finding.Field) is { } evidence) html.Raw("<div class=\"evidence\">").Raw(evidence.ToString()).Raw("</div>");
        else html.Element("p", "没有该字段的来源位置。", ("class", "evidence none"));

        if (finding.Status != "resolved")
        {
            var action = $"/forms/{formId}/findings/{finding.Id}/decision{QueueView.FormQuery(model.Along)}";
            html.Raw("<div class=\"decide\">")
                .Open("form", ("method", "post"), ("action", action), ("class", "confirm"))
                .Open("input", ("type", "hidden"), ("name", "csrf"), ("value", model.Csrf))
                .Open("input", ("type", "hidden"), ("name", "decision"), ("value", "confirm"))
                .Open("input", ("type", "hidden"), ("name", "decidedBy"), ("class", "decided-by"))
                .Raw("<button type=\"submit\" class=\"do-confirm\">确认问题 (c)</button></form>")
                .Open("form", ("method", "post"), ("action", action), ("class", "dismiss"))
                .Open("input", ("type", "hidden"), ("name", "csrf"), ("value", model.Csrf))
                .Open("input", ("type", "hidden"), ("name", "decision"), ("value", "dismiss"))
                .Open("input", ("type", "hidden"), ("name", "decidedBy"), ("class", "decided-by"))
                .Raw("<input name=\"reason\" class=\"reason\" required placeholder=\"驳回理由（必填）\" aria-label=\"驳回理由\">")
                .Raw("<button type=\"submit\" class=\"do-dismiss\">驳回 (d)</button></form>")
                .Open("form", ("method", "post"), ("action", $"/forms/{formId}/corrections{QueueView.FormQuery(model.Along)}"), ("class", "correct"))
                .Open("input", ("type", "hidden"), ("name", "csrf"), ("value", model.Csrf))
                .Open("input", ("type", "hidden"), ("name", "findingId"), ("value", finding.Id.ToString(CultureInfo.InvariantCulture)))
                .Open("input", ("type", "hidden"), ("name", "decidedBy"), ("class", "decided-by"))
                .Open("input", ("name", "field"), ("class", "field"), ("value", finding.Field), ("aria-label", "更正字段"), ("required", "required"))
                .Open("input", ("name", "value"), ("class", "value"), ("placeholder", "源文件上的正确值"), ("aria-label", "正确值"))
                .Raw("<input name=\"reason\" class=\"reason\" placeholder=\"更正说明\" aria-label=\"更正说明\">")
                .Raw("<button type=\"submit\" class=\"do-correct\">更正识别值 (e)</button></form></div>");
        }
        html.Raw("</article>");
    }

    private static void Outcome(Html html, DecisionRecord correction)
    {
        html.Raw("<section class=\"outcome\" id=\"outcome\">")
            .Element("h2", $"已更正 {Labels.Field(correction.Field ?? "")}：{correction.OriginalValue ?? "（空）"} → {(correction.CorrectedValue is { Length: > 0 } v ? v : "（空）")}");
        if (correction.Outcome is { } outcome)
        {
            using var doc = JsonDocument.Parse(outcome);
            foreach (var (key, label) in new[] { ("resolved", "复查后消除的问题"), ("raised", "复查后新出现的问题") })
            {
                var items = doc.RootElement.GetProperty(key);
                html.Raw("<p>").Text($"{label}：{items.GetArrayLength()} 项").Raw("</p><ul class=\"" + key + "\">");
                foreach (var item in items.EnumerateArray())
                    html.Element("li", $"{Labels.Rule(item.GetProperty("rule").GetString() ?? "")} · {Labels.Field(item.GetProperty("field").GetString() ?? "")}：{item.GetProperty("message").GetString()}");
                html.Raw("</ul>");
            }
        }
        html.Raw("</section>");
    }

    private static void History(Html html, ReviewForm stored)
    {
        html.Raw("<section class=\"history\" id=\"history\">").Element("h2", $"审核记录（{stored.History.Count}）");
        if (stored.History.Count == 0)
        {
            html.Element("p", "尚无审核记录。", ("class", "empty")).Raw("</section>");
            return;
        }
        html.Raw("<table><thead><tr><th>时间</th><th>审核人</th><th>决定</th><th>问题</th><th>字段</th><th>原值</th><th>更正值</th><th>理由</th></tr></thead><tbody>");
        var findings = stored.Findings.ToDictionary(f => f.Id);
        foreach (var d in stored.History)
        {
            var finding = d.FindingId is { } id && findings.TryGetValue(id, out var f) ? f : null;
            html.Raw("<tr>").Element("td", Labels.Time(d.DecidedAt), ("title", d.DecidedAt)).Element("td", d.DecidedBy).Element("td", Labels.Status(d.Decision), ("class", "decision"))
                .Element("td", finding is null ? "" : Labels.Rule(finding.Rule))
                .Element("td", d.Field is null ? finding is null ? "" : Labels.Field(finding.Field) : Labels.Field(d.Field))
                .Element("td", d.OriginalValue).Element("td", d.CorrectedValue).Element("td", d.Reason).Raw("</tr>");
        }
        html.Raw("</tbody></table></section>");
    }
}
