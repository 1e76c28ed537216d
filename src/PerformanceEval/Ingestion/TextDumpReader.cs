using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PerformanceEval.Diagnostics;
using PerformanceEval.Provenance;

namespace PerformanceEval.Ingestion;

/// <summary>
/// Reads the text dumps OCR and layout tools write: markdown pipe tables with inline HTML, real HTML tables,
/// tab-separated text, plain layout text, and whole forms flattened into one paragraph — often mixed in one file.
/// Each line is classified on its own, so a TSV file holding a stray "| 100 | 99.97 |" row still reads.
/// </summary>
public sealed partial class TextDumpReader(InputLimits? limits = null) : IDocumentReader
{
    private readonly InputLimits _limits = limits ?? InputLimits.Default;

    /// <summary>Below this many tokens a "## " line is an ordinary heading, not a flattened form.</summary>
    private const int FlattenedMinTokens = 12;

    public bool CanRead(SourceDocument document) => TextDecoder.Decode(document.Bytes) is not null;

    public StageResult<IngestedDocument> Read(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var fileRef = SourceRef.ForFile(document.Path, document.Sha256);
        if (document.Bytes.Length == 0)
            return Fail(document, new Diagnostic(DiagnosticCodes.InputEmpty, "the file is empty", fileRef));
        if (ImageKind(document.Bytes) is { } image)
            return Fail(document, new Diagnostic(DiagnosticCodes.InputImage,
                $"the file is an image ({image}) that the OCR reader could not take", fileRef));
        // Bounded before decoding: a text's strings and cells take some forty times its bytes.
        if (document.Bytes.Length > _limits.MaxTextBytes)
            return Fail(document, new Diagnostic(DiagnosticCodes.InputTooLarge,
                $"the text is {document.Bytes.Length:N0} bytes, over limits.maxTextBytes ({_limits.MaxTextBytes:N0}); not read", fileRef));
        if (TextDecoder.Decode(document.Bytes) is not { } decoded)
            return Fail(document, new Diagnostic(DiagnosticCodes.InputBinary,
                "the file is binary (not a text dump in UTF-8, UTF-16 or GB18030, not a PDF)", fileRef));

        return ReadDecoded(document, decoded, firstLine: 1);
    }

    /// <summary>
    /// Reads one section of a dump too large to read whole (<see cref="TextSection"/>), decoded in the file's encoding;
    /// its lines are numbered from <paramref name="firstLine"/>, as they stand in the file.
    /// </summary>
    public StageResult<IngestedDocument> ReadSection(SourceDocument section, DecodedText decoded, int firstLine)
    {
        ArgumentNullException.ThrowIfNull(section);
        return ReadDecoded(section, decoded, firstLine);
    }

    private StageResult<IngestedDocument> ReadDecoded(SourceDocument document, DecodedText decoded, int firstLine)
    {
        var fileRef = SourceRef.ForFile(document.Path, document.Sha256);
        var text = decoded.Text;
        var warnings = ImmutableArray<Diagnostic>.Empty;
        if (decoded.InvalidSequences > 0)
        {
            var line = firstLine - 1 + decoded.FirstInvalidLine;
            warnings = [new Diagnostic(DiagnosticCodes.TextInvalidBytes,
                $"文件按 UTF-8 读取，但有 {decoded.InvalidSequences} 处字节不是 UTF-8（第一处在第 {line} 行），已替换为 �",
                fileRef with { Line = line })];
        }
        // Markup may well be one line (a minified export); its bounds are its cells and nesting, counted below.
        var html = HtmlTableReader.ContainsTable(text);
        if (!html && LongestLine(text) is var (longest, length) && length > _limits.MaxLineChars && firstLine - 1 + longest is var lineNo)
            return Fail(document, new Diagnostic(DiagnosticCodes.InputTooLarge,
                $"line {lineNo} is {length:N0} characters long, over limits.maxLineChars ({_limits.MaxLineChars:N0}); not read", fileRef with { Line = lineNo }));
        ImmutableArray<RawRow> rows;
        try
        {
            rows = html
                ? HtmlTableReader.ReadTables(document, text, _limits)
                : ReadLines(document, text, firstLine);
        }
        catch (InputLimitException limit)
        {
            return Fail(document, new Diagnostic(limit.Code, limit.Message, fileRef));
        }
        if (rows.IsEmpty || rows.All(r => r.Cells.All(c => c.IsEmpty)))
            return Fail(document, new Diagnostic(DiagnosticCodes.InputNoText, "the file holds no text", fileRef));
        return new(new IngestedDocument(document, InputKind.Text, rows), warnings);
    }

    private static string? ImageKind(ReadOnlySpan<byte> b) => Ocr.ImageKinds.Of(b);

    /// <summary>The 1-based line with the most characters, and that count.</summary>
    private static (int Line, int Length) LongestLine(string text)
    {
        var (best, bestLength, line, start) = (1, 0, 1, 0);
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n') continue;
            if (i - start > bestLength) (best, bestLength) = (line, i - start);
            line++;
            start = i + 1;
        }
        return (best, bestLength);
    }

    private static StageResult<IngestedDocument> Fail(SourceDocument document, Diagnostic diagnostic) =>
        new(new IngestedDocument(document, InputKind.Text, []), [diagnostic]);

    private static ImmutableArray<RawRow> ReadLines(SourceDocument document, string text, int firstLine)
    {
        var lines = text.Split('\n');
        var rows = ImmutableArray.CreateBuilder<RawRow>();
        var block = 0;
        RowOrigin? previous = null;
        var afterBlank = false;
        var pageBreak = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var lineNo = firstLine + i;
            // A form feed is a page break (pdftotext ends each page with one): the next page's table is a block of its
            // own, as a PDF page's is, and the feed is no character of the layout.
            if (line.Contains('\f'))
            {
                pageBreak = true;
                line = line.Replace("\f", "");
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                afterBlank = true;
                continue;
            }
            var (origin, cells) = Classify(line);
            if (origin is RowOrigin.Markdown && SeparatorRow().IsMatch(line))
                continue;
            if (previous != origin || afterBlank && origin is not RowOrigin.Layout || pageBreak) block++;
            pageBreak = false;
            previous = origin;
            var columns = origin is RowOrigin.Layout ? TokenColumns(line) : null;
            var raw = cells.Select((c, col) => new RawCell(c,
                new SourceRef(document.Path, document.Sha256, null, lineNo, null, col, null, c, null)) { Columns = columns?[col] });
            rows.Add(new RawRow([.. raw], origin, lineNo, block, afterBlank));
            afterBlank = false;
        }
        return rows.ToImmutable();
    }

    private static (RowOrigin, string[]) Classify(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.StartsWith('|'))
            return (RowOrigin.Markdown, SplitPipes(trimmed));
        if (line.Contains('\t'))
            return (RowOrigin.Tsv, line.Split('\t').Select(c => c.Trim()).ToArray());
        var tokens = Whitespace().Split(trimmed).Where(t => t.Length > 0).ToArray();
        if (trimmed.StartsWith('#') && tokens.Length >= FlattenedMinTokens)
            return (RowOrigin.Flattened, tokens.SkipWhile(t => t.All(c => c == '#')).ToArray());
        return (RowOrigin.Layout, tokens);
    }

    /// <summary>Each whitespace-separated token's character columns on its line, in the order <see cref="Classify"/> gives the tokens.</summary>
    private static TextColumns[] TokenColumns(string line) =>
        [.. Token().Matches(line).Select(m => new TextColumns(m.Index, m.Index + m.Length))];

    private static string[] SplitPipes(string line)
    {
        var inner = line.Trim();
        if (inner.StartsWith('|')) inner = inner[1..];
        if (inner.EndsWith('|')) inner = inner[..^1];
        return inner.Split('|').Select(c => c.Trim()).ToArray();
    }

    [GeneratedRegex(@"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")]
    private static partial Regex SeparatorRow();

    [GeneratedRegex(@"[\s\u3000]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[^\s\u3000]+")]
    private static partial Regex Token();
}
