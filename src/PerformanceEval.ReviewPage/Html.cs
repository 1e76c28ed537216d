using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace PerformanceEval.ReviewPage;

/// <summary>
/// Writes the pages. Everything that came from a form, a file or a request goes through <see cref="Text"/> or an
/// attribute value, both HTML-encoded: the forms hold HTML tags (seed 000 has inline &lt;br&gt;, an archive may
/// hold &lt;script&gt;), and they must show as text. Markup is written only from constants here, with
/// <see cref="Raw"/>.
/// </summary>
internal sealed class Html
{
    private readonly StringBuilder _out = new();
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>Constant markup written by this program, never data.</summary>
    public Html Raw(string markup)
    {
        _out.Append(markup);
        return this;
    }

    /// <summary>Text from the data: encoded.</summary>
    public Html Text(string? text)
    {
        if (text is not null) Encoder.Encode(new StringWriter(_out, CultureInfo.InvariantCulture), text);
        return this;
    }

    public Html Text(long number) => Text(number.ToString(CultureInfo.InvariantCulture));

    /// <summary>An element with text content: <c>&lt;tag attr="…"&gt;text&lt;/tag&gt;</c>, attributes and text encoded.</summary>
    public Html Element(string tag, string? text, params (string Name, string? Value)[] attributes)
    {
        Open(tag, attributes);
        Text(text);
        return Raw($"</{tag}>");
    }

    /// <summary>An opening tag; attribute names are constants, values are encoded.</summary>
    public Html Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _out.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            _out.Append(' ').Append(name).Append("=\"");
            Text(value);
            _out.Append('"');
        }
        _out.Append('>');
        return this;
    }

    public Html Close(string tag) => Raw($"</{tag}>");

    public override string ToString() => _out.ToString();
}
