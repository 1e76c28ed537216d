using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PerformanceEval.Templates;

/// <summary>A label the matcher recognised, how well, and from what text.</summary>
public sealed record LabelMatch(string Kind, string Label, double Score)
{
    public bool IsExact => Score >= 0.95;
}

/// <summary>
/// Matches cells against a template's label vocabulary tolerantly: exact, containing ("其中：当年财政拨款"),
/// a fragment of a label broken over cells ("际完成情"), or by longest-common-subsequence similarity for OCR
/// misreadings ("5目名称" → 项目名称, "平度资金总额" → 年度资金总额). Callers say which kinds may match where,
/// so an indicator named 预算执行率 is never taken for the 执行率 column.
/// </summary>
public sealed partial class LabelMatcher
{
    private const double FuzzyThreshold = 0.6;
    private const double LevelThreshold = 0.65;

    /// <summary>A label compiled once: its text, its comparison key, and the characters of the key for a quick "nothing shared" test.</summary>
    private sealed record CompiledLabel(string Label, string Key, System.Buffers.SearchValues<char> Chars);

    private readonly Dictionary<string, CompiledLabel[]> _labels;
    private readonly (string Name, bool IsLevel1, System.Buffers.SearchValues<char> Chars)[] _levels;

    public LabelMatcher(TemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        // The vocabulary's keys are computed here, once per template, instead of through a regex for every label of
        // every kind on every cell.
        _labels = model.Labels.ToDictionary(k => k.Key, k => k.Value.Select(l => Compile(l)).ToArray());
        _levels = [.. model.Levels.SelectMany(p => p.Level2.Select(l2 => (l2, false)).Prepend((p.Level1, true)))
            .Select(x => (x.Item1, x.Item2, System.Buffers.SearchValues.Create(x.Item1)))];
    }

    private static CompiledLabel Compile(string label)
    {
        var key = Key(label);
        return new CompiledLabel(label, key, System.Buffers.SearchValues.Create(key));
    }

    public TemplateModel Model { get; }

    /// <summary>The best label among <paramref name="kinds"/> for a whole cell, or null.</summary>
    public LabelMatch? Match(string? cellText, params string[] kinds)
    {
        var c = Key(cellText);
        if (c.Length < 2) return null;
        (string Kind, string Label, double Score)? best = null;
        foreach (var kind in kinds)
        {
            if (!_labels.TryGetValue(kind, out var labels)) continue;
            foreach (var label in labels)
            {
                // A label that shares no character with the cell scores 0 whatever the measure; and one whose best
                // possible score cannot beat the best so far is not measured.
                if (c.AsSpan().IndexOfAny(label.Chars) < 0) continue;
                var floor = Math.Max(best?.Score ?? 0, 0);
                if (c != label.Key && UpperBound(c, label.Key) <= floor) continue;
                var score = Similarity(c, label.Key);
                if (score > floor) best = (kind, label.Label, score);
            }
        }
        return best is { Score: >= FuzzyThreshold } b ? new LabelMatch(b.Kind, b.Label, b.Score) : null;
    }

    /// <summary>The most <see cref="Similarity"/> can give this pair, from their lengths alone.</summary>
    private static double UpperBound(string c, string l)
    {
        if (c.Length <= l.Length + 4 && c.Length >= l.Length) return 0.95;   // c may contain l
        if (c.Length < l.Length && c.Length >= 3) return Math.Max(0.6 + 0.3 * c.Length / l.Length, 0.9 * c.Length / l.Length);
        if (c.Length > l.Length + 2) return c.Length <= l.Length + 4 ? 0.95 : 0;
        return 0.9 * Math.Min(c.Length, l.Length) / Math.Max(c.Length, l.Length);
    }

    /// <summary>Exact occurrences of labels of <paramref name="kinds"/> inside a longer text, left to right.</summary>
    public ImmutableArray<(int Start, int Length, string Kind)> FindInside(string text, params string[] kinds)
    {
        var hits = new List<(int, int, string)>();
        foreach (var kind in kinds)
        {
            if (!Model.Labels.TryGetValue(kind, out var labels)) continue;
            foreach (var label in labels.OrderByDescending(l => l.Length))
            {
                var at = text.IndexOf(label, StringComparison.Ordinal);
                if (at >= 0 && !hits.Any(h => at < h.Item1 + h.Item2 && h.Item1 < at + label.Length))
                    hits.Add((at, label.Length, kind));
            }
        }
        return [.. hits.OrderBy(h => h.Item1)];
    }

    /// <summary>
    /// The 一级/二级指标 a cell names: exact first, then by similarity. Ties (a misread "量指标" is as close to
    /// 数量指标 as to 质量指标) come back as several candidates for the caller to settle from the row order.
    /// </summary>
    public LevelMatch? MatchLevel(string? cellText)
    {
        var c = LevelKey(cellText);
        // A template without 一级/二级 levels (the criteria one) names none.
        if (c.Length < 2 || _levels.Length == 0) return null;
        var candidates = new List<(string Name, bool IsLevel1, double Score)>(_levels.Length);
        foreach (var (name, isLevel1, chars) in _levels)
            candidates.Add((name, isLevel1, c.AsSpan().IndexOfAny(chars) < 0 ? 0 : LevelSimilarity(c, name)));
        var top = candidates.Max(x => x.Score);
        if (top < LevelThreshold) return null;
        var best = candidates.Where(x => x.Score == top).ToList();
        return new LevelMatch([.. best.Select(b => b.Name)], best[0].IsLevel1, top >= 0.999);
    }

    private static double LevelSimilarity(string c, string label) =>
        c == label ? 1.0 : (double)Lcs(c, label) / Math.Max(c.Length, label.Length);

    private static double Similarity(string c, string l)
    {
        if (c == l) return 1.0;
        if (c.Contains(l, StringComparison.Ordinal) && c.Length <= l.Length + 4) return 0.95;
        if (l.Contains(c, StringComparison.Ordinal) && c.Length >= 3) return 0.6 + 0.3 * c.Length / l.Length;
        if (c.Length > l.Length + 2) return 0;
        return 0.9 * Lcs(c, l) / Math.Max(c.Length, l.Length);
    }

    /// <summary>Length of the longest common subsequence.</summary>
    internal static int Lcs(string a, string b)
    {
        // Labels are short: the two rows live on the stack.
        Span<int> prev = b.Length < 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> cur = b.Length < 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        foreach (var ca in a)
        {
            for (var j = 1; j <= b.Length; j++)
                cur[j] = ca == b[j - 1] ? prev[j - 1] + 1 : Math.Max(prev[j], cur[j - 1]);
            var swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.Length];
    }

    /// <summary>The comparison key of a label cell: no spaces, colons, bullets or a (元)/(万元)/(%) suffix.</summary>
    public static string Key(string? text)
    {
        var compact = TextCleaner.Compact(text);
        // The noise regex can only match where one of its characters stands; most cells hold none.
        return compact.AsSpan().ContainsAny(KeyNoiseChars) ? KeyNoise().Replace(compact, "") : compact;
    }

    private static readonly System.Buffers.SearchValues<char> KeyNoiseChars = System.Buffers.SearchValues.Create(":：·•[]【】(（");

    private static string LevelKey(string? text)
    {
        var compact = TextCleaner.Compact(text);
        foreach (var ch in compact)
            if (!char.IsLetter(ch) && !IsNumber(ch)) return LevelNoise().Replace(compact, "");
        return compact;
    }

    /// <summary>\p{N}: decimal digits, letter numbers and other numbers (char.IsDigit covers only the first).</summary>
    private static bool IsNumber(char ch) => char.GetUnicodeCategory(ch) is
        System.Globalization.UnicodeCategory.DecimalDigitNumber or System.Globalization.UnicodeCategory.LetterNumber or System.Globalization.UnicodeCategory.OtherNumber;

    [GeneratedRegex(@"[:：·•\[\]【】]|[(（]\s*(万元|元|%)\s*[)）]")]
    private static partial Regex KeyNoise();

    [GeneratedRegex(@"[^\p{L}\p{N}]")]
    private static partial Regex LevelNoise();
}

/// <summary>A 一级/二级指标 match: the candidate names (one unless tied), and whether it was exact.</summary>
public sealed record LevelMatch(ImmutableArray<string> Candidates, bool IsLevel1, bool IsExact)
{
    public string Name => Candidates[0];
    public bool IsAmbiguous => Candidates.Length > 1;
}
