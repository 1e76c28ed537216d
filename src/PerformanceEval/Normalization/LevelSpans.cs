using PerformanceEval.Contract;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

/// <summary>
/// Which 二级指标 each indicator row falls under, when a text kept the 二级指标 in the table's order but lost which rows
/// each merged cell spanned (an order-free soup; a dump that wrote the wrapped level cells after the table). Every
/// 二级指标 takes a run of consecutive rows (at least one), in order; a run may be barred (a row already under another
/// 一级指标); the runs chosen are those whose rows' names and measures agree best with their 二级指标's cues (the
/// template's levelCues). A row gets the 二级指标 every best choice gives it; a row the best choices disagree on gets none.
/// </summary>
internal static partial class LevelSpans
{
    /// <summary>
    /// For each row, the index of its 二级指标 in <paramref name="level2s"/>, or -1 where the best choices disagree; null
    /// when no choice is allowed, or (with <paramref name="needCue"/>) when no row agrees with any cue.
    /// </summary>
    public static int[]? Choose(IReadOnlyList<Indicator> rows, IReadOnlyList<string> level2s, TemplateModel model,
        Func<int, int, int, bool>? allowed = null, bool needCue = true) =>
        Possible(rows, level2s, model, allowed, needCue) is { } possible ? [.. possible.Select(p => p.Count == 1 ? p.First() : -1)] : null;

    /// <summary>
    /// For each row, every 二级指标 (index in <paramref name="level2s"/>) some best choice gives it: one where the choices
    /// agree. A row the choices disagree on may still have one 一级指标 (the 二级指标 it could fall under share a parent).
    /// </summary>
    public static IReadOnlySet<int>[]? Possible(IReadOnlyList<Indicator> rows, IReadOnlyList<string> level2s, TemplateModel model,
        Func<int, int, int, bool>? allowed = null, bool needCue = true)
    {
        var n = rows.Count;
        var m = level2s.Count;
        if (m == 0 || m > n) return null;
        var cues = level2s.Select(l => model.LevelCues.FirstOrDefault(c => c.Level2 == l).Pattern).ToArray();
        var score = new int[n, m];
        for (var r = 0; r < n; r++)
            for (var j = 0; j < m; j++)
                if (cues[j] is { } cue && rows[r] is var ind)
                    score[r, j] = (ind.Name is { } name && cue.IsMatch(name) ? 2 : 0) + (ind.Target is { } tg && cue.IsMatch(tg) ? 1 : 0) +
                                  (ind.Actual is { } a && cue.IsMatch(a) ? 1 : 0);
        // Where the cues leave a choice, rows alike stay together: a run under one 二级指标 is often written alike
        // ("完成办公家具购置", "完成办公设备购置"; targets "=100%", "=100%"). Each pair of neighbours in one run that
        // share a word of two characters or the shape of their targets adds a little, never as much as one cue.
        var alike = new int[Math.Max(0, n - 1)];
        for (var r = 0; r + 1 < n; r++)
            alike[r] = (SharesBigram(rows[r].Name, rows[r + 1].Name) ? 1 : 0) + (Shape(rows[r].Target) is { } a && a == Shape(rows[r + 1].Target) ? 1 : 0);
        const int Cue = 1000;
        const int None = int.MinValue / 2;
        int Run(int j, int s, int e)
        {
            if (allowed is not null && !allowed(j, s, e)) return None;
            var sum = 0;
            for (var r = s; r < e; r++) sum += score[r, j] * Cue + (r + 1 < e ? alike[r] : 0);
            return sum;
        }
        // ahead[j, i]: the best agreement of rows [0, i) under levels [0, j); behind[j, i]: of rows [i, n) under levels [j, m).
        var ahead = new int[m + 1, n + 1];
        var behind = new int[m + 1, n + 1];
        for (var j = 0; j <= m; j++) for (var i = 0; i <= n; i++) ahead[j, i] = behind[j, i] = None;
        ahead[0, 0] = 0;
        behind[m, n] = 0;
        for (var j = 1; j <= m; j++)
            for (var i = j; i <= n; i++)
                for (var s = j - 1; s < i; s++)
                    if (ahead[j - 1, s] > None && Run(j - 1, s, i) is var run && run > None)
                        ahead[j, i] = Math.Max(ahead[j, i], ahead[j - 1, s] + run);
        for (var j = m - 1; j >= 0; j--)
            for (var i = n - (m - j); i >= 0; i--)
                for (var e = i + 1; e <= n; e++)
                    if (behind[j + 1, e] > None && Run(j, i, e) is var run && run > None)
                        behind[j, i] = Math.Max(behind[j, i], run + behind[j + 1, e]);
        var best = ahead[m, n];
        if (best <= None || needCue && best < Cue) return null;
        var possible = new HashSet<int>[n];
        for (var r = 0; r < n; r++) possible[r] = [];
        for (var j = 0; j < m; j++)
            for (var s = 0; s < n; s++)
                for (var e = s + 1; e <= n; e++)
                    if (ahead[j, s] > None && behind[j + 1, e] > None && Run(j, s, e) is var run && run > None &&
                        ahead[j, s] + run + behind[j + 1, e] == best)
                        for (var r = s; r < e; r++) possible[r].Add(j);
        return possible;
    }

    private static bool SharesBigram(string? a, string? b)
    {
        if (a is null || b is null || a.Length < 2 || b.Length < 2) return false;
        for (var i = 0; i + 1 < a.Length; i++)
            if (char.IsLetter(a[i]) && char.IsLetter(a[i + 1]) && b.Contains(a.AsSpan(i, 2), StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>A target's shape: its comparison, figures as one digit and its unit ("≥2000人次" → "≥0人次").</summary>
    private static string? Shape(string? target) =>
        target is null ? null : Digits().Replace(target.Trim(), "0");

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial System.Text.RegularExpressions.Regex Digits();
}
