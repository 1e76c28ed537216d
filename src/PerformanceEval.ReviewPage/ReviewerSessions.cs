using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PerformanceEval.ReviewPage;

/// <summary>
/// Signed-in reviewers' sessions: a cookie holding the name and an expiry, signed with a key made when the server
/// starts (HMAC-SHA256). Nothing is kept on the server; a restart signs everyone out.
/// </summary>
internal sealed class ReviewerSessions(bool required)
{
    public const string Cookie = "perfeval-reviewer";

    /// <summary>A working day.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>True when reviewers are registered and must sign in.</summary>
    public bool Required { get; } = required;

    /// <summary>The cookie value for <paramref name="name"/>: base64url(name), expiry ticks, signature.</summary>
    public string Issue(string name)
    {
        var payload = $"{Base64Url(Encoding.UTF8.GetBytes(name))}.{DateTimeOffset.UtcNow.Add(Lifetime).UtcTicks.ToString(CultureInfo.InvariantCulture)}";
        return $"{payload}.{Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload)))}";
    }

    /// <summary>The reviewer a cookie was issued to, or null when it is missing, forged or expired.</summary>
    public string? Reviewer(string? cookie)
    {
        var parts = cookie?.Split('.');
        if (parts is not { Length: 3 }) return null;
        var payload = $"{parts[0]}.{parts[1]}";
        var expected = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload));
        byte[] given;
        try
        {
            given = FromBase64Url(parts[2]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return null;
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || expires < DateTimeOffset.UtcNow.UtcTicks) return null;
        try
        {
            return Encoding.UTF8.GetString(FromBase64Url(parts[0]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var b = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(b.PadRight(b.Length + (4 - b.Length % 4) % 4, '='));
    }
}
