using System.Collections.Concurrent;

namespace PerformanceEval.ReviewPage;

/// <summary>
/// Failed sign-ins per reviewer name: after <see cref="MaxFailures"/> within <see cref="Window"/>, that name is refused
/// for the rest of the window without its password being checked — a guessed password costs a try per minute, not
/// one per 0.3 s of hashing, and a flood of guesses does not keep the server's cores busy.
/// </summary>
internal sealed class SignInThrottle(TimeProvider? time = null)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> _failures = new(StringComparer.Ordinal);

    /// <summary>False while the name has failed too often in the window.</summary>
    public bool Allowed(string name) =>
        !_failures.TryGetValue(Key(name), out var f) || f.Failures < MaxFailures || _time.GetUtcNow() - f.Since >= Window;

    public void Failed(string name) =>
        _failures.AddOrUpdate(Key(name), _ => (1, _time.GetUtcNow()),
            (_, f) => _time.GetUtcNow() - f.Since >= Window ? (1, _time.GetUtcNow()) : (f.Failures + 1, f.Since));

    public void Succeeded(string name) => _failures.TryRemove(Key(name), out _);

    private static string Key(string name) => name.Trim();
}
