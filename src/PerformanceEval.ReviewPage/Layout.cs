namespace PerformanceEval.ReviewPage;

/// <summary>The frame every page shares: head, the reviewer's name, the keyboard help; style and script from the assembly.</summary>
internal static class Layout
{
    public static string Page(string title, Html body, string reviewer)
    {
        var page = new Html()
            .Raw("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Element("title", title + " — 绩效自评表审核")
            .Raw("<link rel=\"stylesheet\" href=\"/static/review.css\"></head><body>")
            .Raw("<header class=\"top\"><a class=\"home\" href=\"/\">绩效自评表审核</a>")
            .Raw("<label class=\"reviewer\">审核人 ").Open("input", ("id", "reviewer"), ("name", "reviewer"), ("value", reviewer), ("autocomplete", "name")).Raw("</label>")
            .Raw("<span class=\"keys\">快捷键：<kbd>j</kbd>/<kbd>k</kbd> 下一条/上一条 · <kbd>c</kbd> 确认 · <kbd>d</kbd> 驳回 · <kbd>e</kbd> 更正 · <kbd>n</kbd>/<kbd>p</kbd> 下一张/上一张表 · <kbd>q</kbd> 问题队列</span>")
            .Raw("</header><main>")
            .Raw(body.ToString())
            .Raw("</main><script src=\"/static/review.js\"></script></body></html>");
        return page.ToString();
    }
}
