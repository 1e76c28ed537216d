using PerformanceEval.Ingestion;

namespace PerformanceEval.Review;

/// <summary>One line of a text input, numbered as provenance numbers it (1-based, split on line feeds).</summary>
public sealed record SourceLine(int Number, string Text);

/// <summary>
/// The evidence of a text input: the lines a form's fields were read from, decoded the way ingestion decoded them
/// (UTF-8, UTF-16, GB18030), so the numbers match the provenance.
/// </summary>
public static class SourceLines
{
    /// <summary>The lines around <paramref name="line"/> of text already in memory.</summary>
    public static IReadOnlyList<SourceLine> Around(byte[] bytes, int line, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (TextDecoder.Decode(bytes) is not { } decoded) return [];
        return Window(decoded.Text, 1, line - context, line + context);
    }

    /// <summary>
    /// Lines <paramref name="first"/> to <paramref name="last"/> of a file. Only those lines are decoded: a dump of
    /// 100 MB read in sections is never read whole to show a form from it, only streamed up to its lines.
    /// </summary>
    public static IReadOnlyList<SourceLine> Read(string path, int first, int last)
    {
        first = Math.Max(1, first);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var head = new byte[2];
        var headLength = stream.Read(head);
        // UTF-16's line feed is two bytes; such files are read whole by ingestion too, and kept small by its limits.
        if (headLength == 2 && (head is [0xFF, 0xFE] or [0xFE, 0xFF]))
            return TextDecoder.Decode(File.ReadAllBytes(path)) is { } whole ? Window(whole.Text, 1, first, last) : [];
        stream.Seek(0, SeekOrigin.Begin);
        var window = new MemoryStream();
        var (line, buffer) = (1, new byte[1 << 16]);
        int read;
        while (line <= last && (read = stream.Read(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            while (!span.IsEmpty && line <= last)
            {
                var feed = span.IndexOf((byte)'\n');
                var piece = feed < 0 ? span : span[..(feed + 1)];
                if (line >= first) window.Write(piece);
                if (feed < 0) break;
                line++;
                span = span[(feed + 1)..];
            }
        }
        var bytes = window.ToArray();
        // The file's first line may begin with a BOM, which Decode takes off.
        return TextDecoder.Decode(bytes) is { } text ? Window(text.Text.EndsWith('\n') ? text.Text[..^1] : text.Text, first, first, last) : [];
    }

    private static List<SourceLine> Window(string text, int numberOfFirst, int first, int last)
    {
        var lines = text.Split('\n');
        first = Math.Max(numberOfFirst, first);
        last = Math.Min(numberOfFirst + lines.Length - 1, last);
        return [.. Enumerable.Range(first, Math.Max(0, last - first + 1)).Select(n => new SourceLine(n, lines[n - numberOfFirst].TrimEnd('\r')))];
    }
}
