using System.Text;

namespace PerformanceEval.Ingestion;

/// <summary>
/// Detects a text dump's encoding: BOMs first (UTF-8, UTF-16 LE/BE), then strict UTF-8, then GB18030 —
/// Chinese archives are full of GBK files, and GB18030 is its superset.
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>The decoded text and the encoding's name, or null when the bytes are not text.</summary>
    public static (string Text, string EncodingName)? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return (Encoding.UTF8.GetString(bytes[3..]), "utf-8-bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return (Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        if (LooksBinary(bytes))
            return null;
        try
        {
            return (StrictUtf8.GetString(bytes), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: GB18030 decodes every GBK byte sequence; anything it cannot map becomes U+FFFD.
            var text = Encoding.GetEncoding(54936).GetString(bytes);
            return text.Count(c => c == '\uFFFD') > text.Length / 20 ? null : (text, "gb18030");
        }
    }

    /// <summary>NUL bytes or many control characters: an image, an archive, a PDF — not a text dump.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
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
