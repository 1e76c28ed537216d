using System.Security.Cryptography;
using System.Text;
using PerformanceEval.Diagnostics;
using PerformanceEval.Provenance;

namespace PerformanceEval.Ingestion;

/// <summary>
/// One streaming pass over a text dump too large to read whole: its hash, its encoding decided on every byte (as
/// <see cref="TextDecoder.Decode"/> decides it for a file in memory), its longest line and whether it holds HTML markup.
/// Nothing of the file is kept, so a 500 MB dump costs one buffer; what the pass finds wrong refuses the file before a
/// single form of it is written.
/// </summary>
/// <param name="Length">The file's bytes.</param>
/// <param name="Sha256">The file's SHA-256, as <see cref="SourceDocument"/> gives it for a file read whole.</param>
/// <param name="EncodingName">utf-8, utf-8-bom or gb18030 (UTF-16 files are read whole).</param>
/// <param name="HoldsHtml">The text holds a &lt;table&gt;: markup spans lines, so it is read whole, never cut.</param>
/// <param name="LongestLine">The 1-based line with the most characters, and that count.</param>
public sealed record TextSurvey(long Length, string Sha256, string EncodingName, bool HoldsHtml, (int Line, long Chars) LongestLine)
{
    /// <summary>Bytes looked at to decide whether a file is a text dump at all.</summary>
    private const int HeadBytes = 64 * 1024;

    /// <summary>
    /// True when <paramref name="path"/> is a regular file over <see cref="InputLimits.TextSectionBytes"/> whose head is
    /// plain text in UTF-8 or GB18030 (not a PDF, an image, UTF-16, binary or HTML): it is read in sections.
    /// </summary>
    public static bool IsSectioned(string path, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (InputPath.KindOf(path) is not InputPathKind.Regular) return false;
        var info = new FileInfo(path);
        if (!info.Exists || info.Length <= limits.TextSectionBytes || info.Length > limits.MaxFileBytes) return false;
        var head = new byte[(int)Math.Min(HeadBytes, info.Length)];
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            stream.ReadExactly(head);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Read whole, the file's failure is recorded with its reason there.
            return false;
        }
        if (head.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("%PDF-"u8) || Ocr.ImageKinds.Of(head) is not null) return false;
        if (head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return false;
        if (TextDecoder.LooksBinary(head)) return false;
        return TextDecoder.Decode(head) is { } text && !HtmlTableReader.ContainsTable(text.Text);
    }

    /// <summary>Reads the file once, a buffer at a time.</summary>
    public static TextSurvey Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        var (filled, total, line) = (0, 0L, 1);
        long valid = 0, invalid = 0;
        var (longestLine, longest, current) = (1, 0L, 0L);
        var html = false;
        var bom = false;
        while (true)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            hash.AppendData(buffer, filled, read);
            if (total == 0 && filled == 0 && read >= 3 && buffer.AsSpan(0, 3).SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bom = true;
            total += read;
            filled += read;
            // Whole lines only, so no character and no "<table" is cut by the buffer's end; a line longer than the
            // buffer is taken as it stands (it is refused as too long anyway).
            var end = read == 0 ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            if (end == 0 && filled == buffer.Length) end = filled;
            var chunk = buffer.AsSpan(0, end);
            var (v, i, _) = TextDecoder.Utf8Evidence(chunk);
            (valid, invalid) = (valid + v, invalid + i);
            html |= chunk.IndexOf("<table"u8) >= 0 || chunk.IndexOf("<TABLE"u8) >= 0 || chunk.IndexOf("<Table"u8) >= 0;
            foreach (var b in chunk)
            {
                if (b == (byte)'\n')
                {
                    if (current > longest) (longestLine, longest) = (line, current);
                    (line, current) = (line + 1, 0);
                }
                // A character is counted at its first byte: UTF-8's continuation bytes are 10xxxxxx.
                else if ((b & 0xC0) != 0x80 && b != (byte)'\r') current++;
            }
            buffer.AsSpan(end, filled - end).CopyTo(buffer);
            filled -= end;
            if (read == 0) break;
        }
        if (current > longest) (longestLine, longest) = (line, current);
        var encoding = bom ? "utf-8-bom" : TextDecoder.ChooseByEvidence(valid, invalid);
        return new(total, Convert.ToHexStringLower(hash.GetHashAndReset()), encoding, html, (longestLine, longest));
    }

    /// <summary>The reason this file cannot be read in sections under <paramref name="limits"/>, or null.</summary>
    public Diagnostic? Refusal(string path, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var at = SourceRef.ForFile(path, Sha256);
        return LongestLine.Chars > limits.MaxLineChars
            ? new Diagnostic(DiagnosticCodes.InputTooLarge,
                $"line {LongestLine.Line} is {LongestLine.Chars:N0} characters long, over limits.maxLineChars ({limits.MaxLineChars:N0}); not read",
                at with { Line = LongestLine.Line })
            : null;
    }
}

/// <summary>
/// Lines [<paramref name="FirstLine"/>, …) of a text file from byte <paramref name="Offset"/> to <paramref name="End"/>:
/// what one pass of the pipeline reads of a dump too large to read whole.
/// </summary>
public sealed record TextSection(long Offset, long End, int FirstLine, byte[] Bytes)
{
    /// <summary>
    /// Reads whole lines from <paramref name="offset"/> (a line's start): at least <paramref name="size"/> bytes, up to the
    /// end of the line they end in, or to the end of the file.
    /// </summary>
    public static TextSection Read(FileStream file, long offset, int firstLine, long size)
    {
        ArgumentNullException.ThrowIfNull(file);
        file.Seek(offset, SeekOrigin.Begin);
        var bytes = new MemoryStream((int)Math.Min(size + 4096, file.Length - offset));
        var buffer = new byte[Math.Min(size, 1 << 20)];
        while (bytes.Length < size)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, size - bytes.Length));
            if (read == 0) break;
            bytes.Write(buffer, 0, read);
        }
        // On to the end of the line the section stopped in (the survey bounded lines, so this is short).
        if (bytes.Length > 0 && bytes.GetBuffer()[bytes.Length - 1] != (byte)'\n')
        {
            int b;
            while ((b = file.ReadByte()) >= 0)
            {
                bytes.WriteByte((byte)b);
                if (b == '\n') break;
            }
        }
        return new(offset, offset + bytes.Length, firstLine, bytes.ToArray());
    }

    /// <summary>The byte offset in the file where 1-based <paramref name="line"/> of this section starts.</summary>
    public long OffsetOfLine(int line)
    {
        if (line < FirstLine) throw new ArgumentOutOfRangeException(nameof(line), $"line {line} is before the section's first, {FirstLine}");
        var at = 0;
        for (var n = FirstLine; n < line; n++)
        {
            var next = Bytes.AsSpan(at).IndexOf((byte)'\n');
            if (next < 0) return End;
            at += next + 1;
        }
        return Offset + at;
    }

    /// <summary>The first line starting at or after byte <paramref name="offset"/> of the file, and where it starts.</summary>
    public (int Line, long Offset) LineAtOrAfter(long offset)
    {
        var (line, at) = (FirstLine, 0);
        while (Offset + at < offset)
        {
            var next = Bytes.AsSpan(at).IndexOf((byte)'\n');
            if (next < 0) return (line + 1, End);
            (line, at) = (line + 1, at + next + 1);
        }
        return (line, Offset + at);
    }
}
