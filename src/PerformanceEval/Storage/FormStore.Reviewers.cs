using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PerformanceEval.Storage;

public sealed partial class FormStore
{
    /// <summary>PBKDF2-HMAC-SHA256 rounds for a new password (OWASP's 2023 figure is 600,000; a sign-in costs ~0.2 s here).</summary>
    private const int PasswordIterations = 600_000;

    /// <summary>True when reviewers are registered: the review page then asks each to sign in.</summary>
    public bool HasReviewers()
    {
        using var connection = Connect();
        return Convert.ToInt64(Scalar(connection, null, "SELECT COUNT(*) FROM reviewers"), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Registers a reviewer, or gives one a new password; only a salted hash of it is kept.</summary>
    public void SetReviewer(string name, string password)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100) throw new ArgumentException("审核人姓名须为 1–100 个字符");
        if (password is null || password.Length < 8) throw new ArgumentException("密码至少 8 个字符");
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, PasswordIterations, HashAlgorithmName.SHA256, 32);
        using var connection = Connect();
        using var tx = Begin(connection);
        Execute(connection, tx, "DELETE FROM reviewers WHERE name = @n", ("n", name));
        Execute(connection, tx, "INSERT INTO reviewers (name, password_hash, salt, iterations, created_at) VALUES (@n, @h, @s, @i, @at)",
            ("n", name), ("h", Convert.ToBase64String(hash)), ("s", Convert.ToBase64String(salt)), ("i", PasswordIterations), ("at", Now()));
        tx.Commit();
    }

    /// <summary>Whether <paramref name="password"/> is the reviewer's; compared in constant time.</summary>
    public bool Authenticate(string name, string password)
    {
        using var connection = Connect();
        var row = Row(connection, null, "SELECT password_hash, salt, iterations FROM reviewers WHERE name = @n", ("n", name?.Trim() ?? ""));
        if (row is null || password is null) return false;
        var expected = Convert.FromBase64String((string)row[0]!);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String((string)row[1]!),
            Convert.ToInt32(row[2], CultureInfo.InvariantCulture), HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
