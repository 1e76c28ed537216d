using System.Globalization;
using PerformanceEval.Contract;
using PerformanceEval.Review;
using PerformanceEval.Storage;

namespace PerformanceEval.ReviewPage;

/// <summary>
/// The evidence of a field: the source lines of a text input around the line it was read from, or the crop of the
/// page image around its box for PDFs and scans — with the raw cell text and the OCR confidence beside it. Given
/// <paramref name="crop"/> (the working paper, a file that must stand on its own), a crop is the image itself, inline,
/// rather than an address of this server.
/// </summary>
internal sealed class Evidence(StoredDocument? document, string? file, CleanedForm form, string? inputKind,
    Func<int, double[], byte[]?>? crop = null)
{
    /// <summary>Lines of the form's part of a text input, around every line its fields were read from (read once a page).</summary>
    private Dictionary<int, string>? _lines;

    private const int Context = 3;

    public Html? For(string field)
    {
        var key = form.Provenance.ContainsKey(field) ? field
            : form.Provenance.Keys.Order(StringComparer.Ordinal).FirstOrDefault(k => k.StartsWith(field + ".", StringComparison.Ordinal) || k.StartsWith(field + "[", StringComparison.Ordinal));
        if (key is null || !form.Provenance.TryGetValue(key, out var where)) return null;
        var html = new Html().Raw("<p class=\"where\">").Text("来源：" + Labels.Field(key));
        if (where.Page is { } page) html.Text($" · 第{page}页");
        if (where.Line is { } line) html.Text($" · 第{line}行");
        if (where.Text is { } text) html.Text(" · 原文「").Element("span", text, ("class", "raw")).Text("」");
        if (where.Confidence is { } confidence)
            html.Text(" · ").Element("span", $"识别置信度 {confidence:F2}", ("class", confidence < 0.9 ? "confidence low" : "confidence"));
        html.Raw("</p>");
        if (document is null || file is null)
            return html.Element("p", "源文件已移动或内容已改变，无法显示原件。", ("class", "missing-source"));

        if (inputKind == "text" && where.Line is { } n)
        {
            _lines ??= FormLines(file);
            html.Raw("<pre class=\"source\">");
            for (var number = n - Context; number <= n + Context; number++)
            {
                if (!_lines.TryGetValue(number, out var source)) continue;
                html.Open("span", ("class", number == n ? "line hit" : "line"))
                    .Element("span", number.ToString(CultureInfo.InvariantCulture), ("class", "ln"));
                // The figure itself is marked, so the box can scroll to it: a TSV or layout line is wider than the box,
                // and the flagged figure is often its last cell.
                var at = number == n ? Figure(source, where.Text) : -1;
                if (at < 0) html.Text(source);
                else
                {
                    var length = FirstLine(where.Text!).Length;
                    html.Text(source[..at]).Element("mark", source.Substring(at, length)).Text(source[(at + length)..]);
                }
                html.Raw("</span>\n");
            }
            return html.Raw("</pre>");
        }
        if (inputKind is "pdf-text" or "pdf-scan" or "image" && where.Page is { } p && where.Box is { Length: 4 } box)
        {
            var shown = box.Select(v => Math.Round(v, 2)).ToArray();
            if (crop is null)
            {
                var src = $"/documents/{document.Id}/pages/{p}.png?box={string.Join(",", shown.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)))}";
                return html.Open("img", ("class", "crop"), ("src", src), ("alt", $"第{p}页该单元格附近的原件图像"), ("loading", "lazy"));
            }
            return crop(p, shown) is { } png
                ? html.Open("img", ("class", "crop"), ("src", "data:image/png;base64," + Convert.ToBase64String(png)), ("alt", $"第{p}页该单元格附近的原件图像"))
                : html.Element("p", $"第{p}页的原件图像无法生成。", ("class", "missing-source"));
        }
        return html;
    }

    /// <summary>Where the cell's text (its first line) stands on the source line, or -1.</summary>
    private static int Figure(string line, string? text) =>
        text is null || FirstLine(text) is not { Length: > 0 } first ? -1 : line.IndexOf(first, StringComparison.Ordinal);

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private Dictionary<int, string> FormLines(string file)
    {
        var lines = form.Provenance.Values.Select(p => p.Line).OfType<int>().ToList();
        if (lines.Count == 0) return [];
        return SourceLines.Read(file, lines.Min() - Context, lines.Max() + Context).ToDictionary(l => l.Number, l => l.Text);
    }
}
