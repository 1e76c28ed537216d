using System.Collections.Concurrent;

namespace PerformanceEval.ReviewPage;

/// <summary>
/// Failed sign-ins per key — a reviewer's name, or the address they come from: after <see cref="Limit"/> failures within
/// <see cref="Window"/>, that key is refused for the rest of the window without a password being checked. By name, a
/// guessed password costs a try a minute, not one per 0.3 s of hashing; by address, one machine trying a password on
/// many names (spraying) is stopped too, and a flood of guesses does not keep the server's cores busy.
/// </summary>
internal sealed class SignInThrottle(int limit = SignInThrottle.MaxFailures, TimeProvider? time = null)
{
    /// <summary>Failures a reviewer's name may have in a window.</summary>
    public const int MaxFailures = 5;

    /// <summary>Failures one address may have in a window, over every name it tried (an office behind one NAT included).</summary>
    public const int MaxFailuresPerAddress = 20;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Keys kept before the expired ones are swept: names an attacker makes up must not grow memory for ever.</summary>
    private const int SweepAbove = 10_000;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> _failures = new(StringComparer.Ordinal);

    public int Limit { get; } = limit;

    /// <summary>False while the key has failed too often in the window.</summary>
    public bool Allowed(string key) =>
        !_failures.TryGetValue(Key(key), out var f) || f.Failures < Limit || _time.GetUtcNow() - f.Since >= Window;

    public void Failed(string key)
    {
        var now = _time.GetUtcNow();
        _failures.AddOrUpdate(Key(key), _ => (1, now), (_, f) => now - f.Since >= Window ? (1, now) : (f.Failures + 1, f.Since));
        if (_failures.Count > SweepAbove)
            foreach (var (k, f) in _failures)
                if (now - f.Since >= Window) _failures.TryRemove(k, out _);
    }

    public void Succeeded(string key) => _failures.TryRemove(Key(key), out _);

    /// <summary>Keys held now (tests: the sweep).</summary>
    internal int Count => _failures.Count;

    private static string Key(string key) => key.Trim();
}
