using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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

    /// <summary>A label compiled once: its kind, its text and its comparison key.</summary>
    private sealed record CompiledLabel(string Kind, string Label, string Key, LcsPattern Pattern);

    /// <summary>Every label of the vocabulary, kind by kind (each kind's labels in the model's order); the indexes below point into it.</summary>
    private readonly CompiledLabel[] _all;
    /// <summary>Each kind's labels, in the vocabulary's order, by the kind's number.</summary>
    private readonly int[][] _kindLabels;
    /// <summary>Each kind's number.</summary>
    private readonly System.Collections.Frozen.FrozenDictionary<string, int> _kindNumbers;
    /// <summary>
    /// The kinds' names, interned, by number: callers name kinds by literals, which are interned, and a form's cells are
    /// asked about some two thousand times with several kinds each, so a kind is found by comparing references along
    /// these few names instead of hashing its characters.
    /// </summary>
    private readonly string[] _kindNames;
    /// <summary>
    /// This thread's readings of the texts it has matched (see <see cref="Reading"/>), by the text's characters: a form's
    /// labels come back in every form, and every stage asks about the same cells with other kinds.
    /// </summary>
    private readonly ThreadLocal<Readings> _readings = new(() => new Readings());
    /// <summary>Readings a thread keeps before it starts afresh: the vocabulary's texts come back at once, a project name seldom.</summary>
    private const int ReadingsKept = 8192;
    /// <summary>
    /// For each character, the set of labels whose key holds it (bit i: label i). A label sharing no character with a
    /// cell scores 0 by every measure, so only the labels in the union of the cell's characters' sets are measured.
    /// </summary>
    private readonly CharSets _labelsWithChar;
    private readonly int _words;
    private readonly (string Name, bool IsLevel1, LcsPattern Pattern)[] _levels;
    private readonly CharSets _levelsWithChar;
    private readonly Dictionary<string, int[]> _exactLevels;

    public LabelMatcher(TemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        // The vocabulary is compiled here, once per template, instead of a regex and a scan of every label of every
        // kind on every cell.
        _all = [.. model.Labels.SelectMany(k => k.Value.Select(l => new CompiledLabel(string.Intern(k.Key), l, Key(l), new LcsPattern(Key(l)))))];
        var kinds = Enumerable.Range(0, _all.Length).GroupBy(i => _all[i].Kind).ToList();
        _kindLabels = [.. kinds.Select(g => g.ToArray())];
        _kindNumbers = System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(
            Enumerable.Range(0, kinds.Count), k => kinds[k].Key, k => k, StringComparer.Ordinal);
        _kindNames = [.. kinds.Select(g => string.Intern(g.Key))];
        _words = Math.Max(1, (_all.Length + 63) / 64);
        _labelsWithChar = new CharSets([.. _all.Select(l => l.Key)]);
        _levels = [.. model.Levels.SelectMany(p => p.Level2.Select(l2 => (l2, false)).Prepend((p.Level1, true)))
            .Select(x => (x.Item1, x.Item2, new LcsPattern(x.Item1)))];
        _levelsWithChar = new CharSets([.. _levels.Select(l => l.Name)]);
        _exactLevels = Enumerable.Range(0, _levels.Length).GroupBy(i => _levels[i].Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public TemplateModel Model { get; }

    /// <summary>
    /// Which of a list of words hold each character: bit i of a character's set is word i. Kept as pages of 256
    /// characters, made only for the pages the words use, so a lookup is two array reads.
    /// </summary>
    private sealed class CharSets
    {
        private readonly ulong[]?[] _pages = new ulong[]?[256];
        private readonly int _words;

        public CharSets(IReadOnlyList<string> words)
        {
            _words = Math.Max(1, (words.Count + 63) / 64);
            for (var i = 0; i < words.Count; i++)
                foreach (var ch in words[i])
                {
                    var page = _pages[ch >> 8] ??= new ulong[256 * _words];
                    page[(ch & 0xFF) * _words + (i >> 6)] |= 1UL << (i & 63);
                }
        }

        /// <summary>Adds to <paramref name="into"/> the words that hold any character of <paramref name="text"/>.</summary>
        public void Union(string text, Span<ulong> into)
        {
            foreach (var ch in text)
            {
                if (_pages[ch >> 8] is not { } page) continue;
                var at = (ch & 0xFF) * _words;
                for (var w = 0; w < _words; w++) into[w] |= page[at + w];
            }
        }
    }

    /// <summary>
    /// What one text reads as against the vocabulary, worked out once and kept: its key, the labels that share a
    /// character with it, each kind's best label (measured the first time a caller asks about that kind) and its
    /// 一级/二级指标 name. Stages ask about the same cell again and again with other kinds; a kind's best does not
    /// depend on the others asked with it, so the answer for a list of kinds is picked from these without measuring.
    /// </summary>
    private sealed class Reading(string key, ulong[] shared, int kinds)
    {
        public readonly string Key = key;
        public readonly ulong[] Shared = shared;
        /// <summary>Each kind's best label (null where none shares a character), once measured.</summary>
        public readonly LabelMatch?[] Best = new LabelMatch?[kinds];
        public readonly bool[] Measured = new bool[kinds];
        public LevelMatch? Level;
        public bool LevelMeasured;
    }

    private Reading ReadingOf(string text) => ReadingOf(_readings.Value!, text);

    private Reading ReadingOf(Readings readings, string text)
    {
        var slot = RuntimeHelpers.GetHashCode(text) & (Readings.Recent - 1);
        if (readings.RecentText[slot] == (object)text) return readings.RecentReading[slot]!;
        if (!readings.ByText.TryGetValue(text, out var reading))
        {
            if (readings.ByText.Count >= ReadingsKept) readings.ByText.Clear();
            var key = Key(text);
            var shared = new ulong[_words];
            _labelsWithChar.Union(key, shared);
            readings.ByText[text] = reading = new Reading(key, shared, _kindLabels.Length);
        }
        readings.RecentText[slot] = text;
        readings.RecentReading[slot] = reading;
        return reading;
    }

    /// <summary>
    /// One thread's readings: by the text's characters, and the last texts asked about by reference (a stage asks
    /// about one cell's text object many times; a reference is found without hashing its characters).
    /// </summary>
    private sealed class Readings
    {
        public const int Recent = 512;
        public readonly Dictionary<string, Reading> ByText = new(StringComparer.Ordinal);
        public readonly string?[] RecentText = new string?[Recent];
        public readonly Reading?[] RecentReading = new Reading?[Recent];
        /// <summary>
        /// The kinds of the last question and their numbers: a stage asks about a row's cells one after another with
        /// the same kinds (the same interned names), which then need no looking up again. Room for every kind a list
        /// names (<see cref="LabelKinds.All"/> is some thirty): a longer list is looked up into an array of its own.
        /// </summary>
        public readonly string[] LastKinds = new string[32];
        public readonly int[] LastNumbers = new int[32];
        public int LastCount = -1;
    }

    /// <summary>The numbers of <paramref name="kinds"/> (-1 for a kind the vocabulary does not have).</summary>
    private ReadOnlySpan<int> KindNumbers(Readings readings, ReadOnlySpan<string> kinds)
    {
        if (kinds.Length > readings.LastKinds.Length)
        {
            var numbers = new int[kinds.Length];
            for (var i = 0; i < kinds.Length; i++) numbers[i] = KindNumber(kinds[i]);
            return numbers;
        }
        var same = kinds.Length == readings.LastCount;
        for (var i = 0; same && i < kinds.Length; i++) same = ReferenceEquals(readings.LastKinds[i], kinds[i]);
        if (!same)
        {
            for (var i = 0; i < kinds.Length; i++) (readings.LastKinds[i], readings.LastNumbers[i]) = (kinds[i], KindNumber(kinds[i]));
            readings.LastCount = kinds.Length;
        }
        return readings.LastNumbers.AsSpan(0, kinds.Length);
    }

    /// <summary>The best label among <paramref name="kinds"/> for a whole cell, or null.</summary>
    public LabelMatch? Match(string? cellText, params ReadOnlySpan<string> kinds)
    {
        if (cellText is null) return null;
        var readings = _readings.Value!;
        var reading = ReadingOf(readings, cellText);
        if (reading.Key.Length < 2) return null;
        // The first kind (in the caller's order) whose best scores highest, as measuring the kinds' labels in that order
        // and keeping only a strictly better one would find.
        LabelMatch? best = null;
        foreach (var k in KindNumbers(readings, kinds))
        {
            if (k < 0) continue;
            if (!reading.Measured[k])
            {
                reading.Best[k] = BestOfKind(reading, k);
                reading.Measured[k] = true;
            }
            if (reading.Best[k] is { } m && m.Score > (best?.Score ?? 0)) best = m;
        }
        return best is { Score: >= FuzzyThreshold } ? best : null;
    }

    /// <summary>A kind's number, or -1 for a kind the vocabulary does not have.</summary>
    private int KindNumber(string kind)
    {
        for (var k = 0; k < _kindNames.Length; k++)
            if (ReferenceEquals(_kindNames[k], kind)) return k;
        return _kindNumbers.TryGetValue(kind, out var number) ? number : -1;
    }

    /// <summary>A kind's best label for a text: its first label of the highest score, or null if none scores above 0.</summary>
    private LabelMatch? BestOfKind(Reading reading, int kind)
    {
        var c = reading.Key;
        (int Label, double Score)? best = null;
        foreach (var i in _kindLabels[kind])
        {
            // A label that shares no character with the cell scores 0 whatever the measure; and one whose best
            // possible score cannot beat the best so far is not measured.
            if ((reading.Shared[i >> 6] & (1UL << (i & 63))) == 0) continue;
            var label = _all[i];
            var floor = best?.Score ?? 0;
            if (c != label.Key && UpperBound(c, label.Key) <= floor) continue;
            var score = Similarity(c, label);
            if (score > floor) best = (i, score);
            if (score >= 1.0) break;
        }
        return best is { } b ? new LabelMatch(_all[b.Label].Kind, _all[b.Label].Label, b.Score) : null;
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
    public ImmutableArray<(int Start, int Length, string Kind)> FindInside(string text, params ReadOnlySpan<string> kinds)
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
        if (cellText is null) return null;
        var reading = ReadingOf(cellText);
        if (!reading.LevelMeasured)
        {
            reading.Level = MeasureLevel(cellText);
            reading.LevelMeasured = true;
        }
        return reading.Level;
    }

    private LevelMatch? MeasureLevel(string cellText)
    {
        var c = LevelKey(cellText);
        // A template without 一级/二级 levels (the criteria one) names none.
        if (c.Length < 2 || _levels.Length == 0) return null;
        // Only an equal name scores 1.0: the names equal to the cell are the whole answer.
        if (_exactLevels.TryGetValue(c, out var equal))
            return new LevelMatch([.. equal.Select(i => _levels[i].Name)], _levels[equal[0]].IsLevel1, true);
        Span<ulong> shared = _levels.Length <= 512 ? stackalloc ulong[(_levels.Length + 63) / 64] : new ulong[(_levels.Length + 63) / 64];
        _levelsWithChar.Union(c, shared);
        // A name that shares no character with the cell scores 0.
        Span<double> scores = _levels.Length <= 256 ? stackalloc double[_levels.Length] : new double[_levels.Length];
        var top = 0.0;
        for (var i = 0; i < _levels.Length; i++)
        {
            scores[i] = (shared[i >> 6] & (1UL << (i & 63))) == 0 ? 0 : LevelSimilarity(c, _levels[i].Name, _levels[i].Pattern);
            top = Math.Max(top, scores[i]);
        }
        if (top < LevelThreshold) return null;
        var best = ImmutableArray.CreateBuilder<string>();
        var isLevel1 = false;
        for (var i = 0; i < _levels.Length; i++)
        {
            if (scores[i] != top) continue;
            if (best.Count == 0) isLevel1 = _levels[i].IsLevel1;
            best.Add(_levels[i].Name);
        }
        return new LevelMatch(best.ToImmutable(), isLevel1, top >= 0.999);
    }

    private static double LevelSimilarity(string c, string label, LcsPattern pattern) =>
        c == label ? 1.0 : (double)pattern.Lcs(c) / Math.Max(c.Length, label.Length);

    private static double Similarity(string c, CompiledLabel label)
    {
        var l = label.Key;
        if (c == l) return 1.0;
        if (c.Contains(l, StringComparison.Ordinal) && c.Length <= l.Length + 4 && (l.Length > 2 || !HasOtherWords(c, l))) return 0.95;
        if (l.Contains(c, StringComparison.Ordinal) && c.Length >= 3) return 0.6 + 0.3 * c.Length / l.Length;
        if (c.Length > l.Length + 2) return 0;
        var lcs = 0.9 * label.Pattern.Lcs(c) / Math.Max(c.Length, l.Length);
        // A long label's characters all there in another order: a layout dump that set a wrapped cell's pieces on one
        // line out of order ("原因分析及改进偏差" / "措施" for 偏差原因分析及改进措施).
        return lcs < 0.85 && c.Length == l.Length && c.Length >= 6 && SameCharacters(c, l) ? 0.85 : lcs;
    }

    private static bool SameCharacters(string a, string b)
    {
        Span<char> x = stackalloc char[a.Length], y = stackalloc char[b.Length];
        a.AsSpan().CopyTo(x);
        b.AsSpan().CopyTo(y);
        x.Sort();
        y.Sort();
        return x.SequenceEqual(y);
    }

    /// <summary>
    /// Words besides a short label in a cell ("年度加强跟踪" holds 年度, but is a sentence's piece, not the label): CJK
    /// characters outside the label and outside brackets ("分值（分）" is the label with its unit).
    /// </summary>
    private static bool HasOtherWords(string c, string l)
    {
        var rest = System.Text.RegularExpressions.Regex.Replace(c.Replace(l, ""), @"[（(【\[][^）)】\]]*[）)】\]]", "");
        // (Ideographs only: a full-width comma or colon an OCR left beside "分值" is no word.)
        return rest.Any(ch => ch is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF');
    }

    /// <summary>
    /// A label or level name prepared for bit-parallel LCS (Hyyrö 2004): each of its characters with the positions it
    /// stands at as bits, so a cell is measured in one word operation per character instead of a row of the table.
    /// </summary>
    internal sealed class LcsPattern
    {
        private readonly string _text;
        private readonly char[] _chars;
        private readonly ulong[] _positions;

        public LcsPattern(string text)
        {
            _text = text;
            _chars = [.. text.Distinct()];
            _positions = new ulong[_chars.Length];
            for (var j = 0; j < text.Length && j < 64; j++) _positions[Array.IndexOf(_chars, text[j])] |= 1UL << j;
        }

        /// <summary>The length of the longest common subsequence of the pattern and <paramref name="other"/>.</summary>
        public int Lcs(string other)
        {
            if (_text.Length > 64) return LabelMatcher.Lcs(other, _text);
            var v = ulong.MaxValue;
            foreach (var ch in other)
            {
                var at = Array.IndexOf(_chars, ch);
                if (at < 0) continue;
                var u = v & _positions[at];
                v = (v + u) | (v - u);
            }
            var low = _text.Length == 64 ? ulong.MaxValue : (1UL << _text.Length) - 1;
            return _text.Length - System.Numerics.BitOperations.PopCount(v & low);
        }
    }

    /// <summary>Length of the longest common subsequence, by the table (the reference the patterns are tested against).</summary>
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
        if (text is null) return "";
        var recent = _recentKeys ??= new RecentResults<string>();
        if (recent.TryGet(text, out var key)) return key;
        var compact = TextCleaner.Compact(text);
        // The noise regex can only match where one of its characters stands; most cells hold none.
        return recent.Remember(text, compact.AsSpan().ContainsAny(KeyNoiseChars) ? KeyNoise().Replace(compact, "") : compact);
    }

    /// <summary>This thread's last cells' keys: every stage asks for a cell's label, each time with other kinds.</summary>
    [ThreadStatic] private static RecentResults<string>? _recentKeys;

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
