using System.Buffers;
using System.Text;

namespace PerformanceEval.Ingestion;

/// <summary>A text dump decoded: its text, the encoding it was read in, and the bytes that encoding could not read.</summary>
/// <param name="Text">The text.</param>
/// <param name="EncodingName">utf-8, utf-8-bom, utf-16le, utf-16be or gb18030.</param>
/// <param name="InvalidSequences">Byte sequences that were not UTF-8 in a file read as UTF-8 (each became U+FFFD).</param>
/// <param name="FirstInvalidLine">The 1-based line of the first of them.</param>
public readonly record struct DecodedText(string Text, string EncodingName, int InvalidSequences = 0, int? FirstInvalidLine = null);

/// <summary>
/// Detects a text dump's encoding: BOMs first (UTF-8, UTF-16 LE/BE), then strict UTF-8, then by evidence. A file
/// that is UTF-8 but for a few bad bytes (a truncated copy, one stray \xff) stays UTF-8, its bad bytes replaced and
/// counted, so the reader warns at them; GB18030 — Chinese archives are full of GBK files, and GB18030 is its
/// superset — is chosen only when the bytes read as GB18030 and not as UTF-8, never as the fallback for any bad byte.
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>The decoded text, or null when the bytes are not text.</summary>
    public static DecodedText? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return Utf8(bytes[3..], "utf-8-bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return new(Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return new(Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        if (LooksBinary(bytes))
            return null;
        if (System.Text.Unicode.Utf8.IsValid(bytes))
            return new(StrictUtf8.GetString(bytes), "utf-8");
        var (valid, invalid, firstInvalid) = Utf8Evidence(bytes);
        if (ChooseByEvidence(valid, invalid) == "utf-8")
            return Utf8(bytes, "utf-8", invalid, firstInvalid);
        var text = Gb18030.GetString(bytes);
        return text.Count(c => c == '\uFFFD') > text.Length / 20 ? null : new(text, "gb18030");
    }

    private static Encoding Gb18030 => Encoding.GetEncoding(54936);

    /// <summary>
    /// UTF-8 or GB18030 for bytes without a BOM that are not valid UTF-8, from <paramref name="valid"/> multi-byte UTF-8
    /// characters and <paramref name="invalid"/> bad sequences. Mostly UTF-8 is a handful of bad sequences among many good
    /// multi-byte characters; GBK text read as UTF-8 is the other way round: its pairs are almost never valid UTF-8.
    /// </summary>
    internal static string ChooseByEvidence(long valid, long invalid) =>
        invalid == 0 || valid > 0 && invalid <= Math.Max(3, valid / 50) ? "utf-8" : "gb18030";

    /// <summary>
    /// A section of a file in the encoding <see cref="TextSurvey"/> chose for the whole file (one of the names
    /// <see cref="Decode"/> gives), its bad UTF-8 bytes counted as there.
    /// </summary>
    public static DecodedText DecodeAs(ReadOnlySpan<byte> bytes, string encodingName) => encodingName switch
    {
        "utf-8-bom" when bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) => Utf8(bytes[3..], encodingName),
        "utf-8" or "utf-8-bom" => Utf8(bytes, encodingName),
        "gb18030" => new(Gb18030.GetString(bytes), encodingName),
        _ => throw new ArgumentException($"a text section cannot be read as {encodingName}", nameof(encodingName)),
    };

    private static DecodedText Utf8(ReadOnlySpan<byte> bytes, string name, int invalid = -1, int firstInvalid = -1)
    {
        if (invalid < 0) (_, invalid, firstInvalid) = Utf8Evidence(bytes);
        var line = invalid > 0 ? bytes[..firstInvalid].Count((byte)'\n') + 1 : (int?)null;
        return new(Encoding.UTF8.GetString(bytes), name, invalid, line);
    }

    /// <summary>Valid multi-byte UTF-8 characters, invalid sequences, and the offset of the first invalid one.</summary>
    internal static (int Valid, int Invalid, int FirstInvalid) Utf8Evidence(ReadOnlySpan<byte> bytes)
    {
        var (valid, invalid, first, at) = (0, 0, -1, 0);
        while (at < bytes.Length)
        {
            var skip = bytes[at..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (skip < 0) break;
            at += skip;
            var status = Rune.DecodeFromUtf8(bytes[at..], out _, out var consumed);
            if (status == OperationStatus.Done) valid++;
            else
            {
                if (first < 0) first = at;
                invalid++;
            }
            at += Math.Max(1, consumed);
        }
        return (valid, invalid, first);
    }

    /// <summary>NUL bytes or many control characters: an image, an archive, a PDF — not a text dump.</summary>
    internal static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0) return true;
            if (b < 0x09 || (b > 0x0D && b < 0x20)) control++;
        }
        return control > sample.Length / 10;
    }
}
