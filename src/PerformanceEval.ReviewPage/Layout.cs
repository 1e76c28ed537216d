namespace PerformanceEval.ReviewPage;

/// <summary>The frame every page shares: head, the reviewer's name, the keyboard help; style and script from the assembly.</summary>
internal static class Layout
{
    /// <param name="title">The page's title.</param>
    /// <param name="body">Its content.</param>
    /// <param name="reviewer">The reviewer's name: the one signed in, or the default for the 审核人 box.</param>
    /// <param name="signedIn">True when <paramref name="reviewer"/> signed in: shown as is, with 退出, not as a box to type in.</param>
    public static string Page(string title, Html body, string reviewer, bool signedIn = false)
    {
        var page = new Html()
            .Raw("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Element("title", title + " — 绩效自评表审核")
            .Raw("<link rel=\"stylesheet\" href=\"/static/review.css\"><link rel=\"icon\" href=\"data:,\"></head><body>")
            .Raw("<header class=\"top\"><a class=\"home\" href=\"/\">绩效自评表审核</a>")
            .Raw(signedIn
                ? new Html().Raw("<span class=\"reviewer signed-in\">审核人 ").Element("strong", reviewer, ("id", "signed-in"))
                    .Raw(" <form method=\"post\" action=\"/logout\" class=\"logout\"><button type=\"submit\">退出</button></form></span>").ToString()
                : new Html().Raw("<label class=\"reviewer\">审核人 ").Open("input", ("id", "reviewer"), ("name", "reviewer"), ("value", reviewer), ("autocomplete", "name")).Raw("</label>").ToString())
            .Raw("<span class=\"keys\">快捷键：<kbd>j</kbd>/<kbd>k</kbd> 下一条/上一条 · <kbd>c</kbd> 确认 · <kbd>d</kbd> 驳回 · <kbd>e</kbd> 更正 · <kbd>n</kbd>/<kbd>p</kbd> 下一张/上一张表 · <kbd>q</kbd> 问题队列</span>")
            .Raw("</header><main>")
            .Raw(body.ToString())
            .Raw("</main><script src=\"/static/review.js\"></script></body></html>");
        return page.ToString();
    }

    /// <summary>
    /// A page that stands on its own as a file (the working paper, 审计底稿): the stylesheet inline with its print rules
    /// in force on screen too — no controls, findings and crops kept whole, the signature block shown — and no script.
    /// </summary>
    public static string Paper(string title, Html body, string stylesheet)
    {
        // The print rules are the working paper's look; in a file they apply wherever it is opened.
        var css = stylesheet.Replace("@media print", "@media all", StringComparison.Ordinal);
        return new Html()
            .Raw("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Element("title", title + " — 审计底稿")
            .Raw("<style>").Raw(css.Replace("</", "<\\/", StringComparison.Ordinal)).Raw("</style></head><body class=\"paper\"><main>")
            .Raw(body.ToString())
            .Raw("</main></body></html>").ToString();
    }
}
