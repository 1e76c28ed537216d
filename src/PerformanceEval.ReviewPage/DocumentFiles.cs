using System.Collections.Concurrent;
using PerformanceEval.Storage;

namespace PerformanceEval.ReviewPage;

/// <summary>
/// Finds the file of a stored document among the paths it was imported under, and only if its content is still the
/// one imported (same SHA-256): evidence from a changed file would be evidence of something else. The check is
/// remembered per file size and time, so a page of crops hashes a PDF once.
/// </summary>
internal sealed class DocumentFiles
{
    private readonly ConcurrentDictionary<(string Path, long Size, DateTime Modified), string> _hashes = new();

    public string? Resolve(StoredDocument document)
    {
        foreach (var path in document.Paths)
        {
            var info = new FileInfo(path);
            if (!info.Exists) continue;
            var sha = _hashes.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), key =>
            {
                using var stream = File.OpenRead(key.Path);
                return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
            });
            if (sha == document.Sha256) return info.FullName;
        }
        return null;
    }
}
