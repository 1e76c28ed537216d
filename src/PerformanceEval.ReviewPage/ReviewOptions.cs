using System.Net;

namespace PerformanceEval.ReviewPage;

/// <summary>How <c>perfeval review</c> runs.</summary>
/// <param name="Db">The store (SQLite file or PostgreSQL connection string).</param>
/// <param name="Host">Address to bind; 127.0.0.1 unless told otherwise.</param>
/// <param name="Port">Port; 0 picks a free one (tests).</param>
/// <param name="Token">Required of every request when set; binding beyond loopback requires one.</param>
/// <param name="Reviewer">The name decisions are recorded under unless the page says another.</param>
/// <param name="ConfigPath">pipeline.json for the checker a correction re-runs; null for the embedded one.</param>
public sealed record ReviewOptions(string Db, string Host = "127.0.0.1", int Port = 5080, string? Token = null,
    string? Reviewer = null, string? ConfigPath = null)
{
    /// <summary>Loopback, an IPv4-mapped loopback (::ffff:127.0.0.1) included.</summary>
    public bool IsLoopback => Host == "localhost" ||
                              IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);

    /// <summary>Rejects a run that would put the store on the network without a token.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException($"--port {Port} is not a port");
        if (Host != "localhost" && !IPAddress.TryParse(Host, out _))
            throw new ArgumentException($"--host '{Host}' is not an IP address (give one, such as 127.0.0.1, ::1 or 0.0.0.0, or localhost)");
        if (!IsLoopback && string.IsNullOrEmpty(Token))
            throw new ArgumentException($"binding to {Host} makes the store reachable from the network: give --token (or set PERFEVAL_REVIEW_TOKEN)");
        if (Token is { Length: < 12 }) throw new ArgumentException("--token must be at least 12 characters");
    }
}
