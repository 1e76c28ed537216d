using System.Security.Cryptography;

namespace PerformanceEval.Ingestion;

/// <summary>An input file as read from disk: its path as given, its bytes and their SHA-256.</summary>
public sealed record SourceDocument(string Path, byte[] Bytes, string Sha256)
{
    /// <summary>Reads a file whole. Environment failures (missing, unreadable) throw; the caller records them.</summary>
    public static SourceDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // A FIFO or a device would block or never end; they are refused before they are opened.
        if (InputPath.KindOf(path) is not InputPathKind.Regular and var kind)
            throw new IOException($"{path}: {InputPath.Describe(kind)}");
        var bytes = File.ReadAllBytes(path);
        return FromBytes(path, bytes);
    }

    /// <summary>A document from bytes already in memory (tests, stdin).</summary>
    public static SourceDocument FromBytes(string path, byte[] bytes) =>
        new(path, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
}

/// <summary>What kind of input a form came from; the contract's <c>source.inputKind</c>.</summary>
public enum InputKind
{
    Text,
    PdfText,
    PdfScan,
    Image,
}

public static class InputKindNames
{
    /// <summary>The contract spelling: text, pdf-text, pdf-scan, image.</summary>
    public static string ToContract(this InputKind kind) => kind switch
    {
        InputKind.Text => "text",
        InputKind.PdfText => "pdf-text",
        InputKind.PdfScan => "pdf-scan",
        InputKind.Image => "image",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
