namespace PerformanceEval.Templates;

/// <summary>
/// The words a qualitative target or actual is printed with (models' <c>qualitativeMeasures</c>), and a scanned
/// reading of one of them put right: the word with one or two characters of the reader's own around it ("2完善",
/// "ii完善", "持续、-"), or a word of three or more characters with one misread ("有所提5"). A character that
/// qualifies a word (不, 未, 较, 基本 …) is never taken for the reader's: "不完善" is another value. A word of two
/// characters is never made from another of two (提高 and 提升 are both printed).
/// </summary>
public sealed class QualitativeMeasures(IReadOnlyList<string> words)
{
    /// <summary>Characters that change what a measure says: negations, degrees, time ("完善中").</summary>
    private const string Qualifiers = "不未没无非否较欠待尚已基本很更中有初稍略暂";

    /// <summary>The word a reading is, put right; null where it is none, is one as read, or could be two.</summary>
    public string? Snap(string read)
    {
        if (read.Length < 2 || words.Contains(read)) return null;
        // A figure's measure ("=100%", "≥90%", "12次") is the figure grammar's, not this vocabulary's; one digit is noise.
        if (read.AsSpan().IndexOfAny("%≥≤<>=") >= 0 || read.Count(char.IsAsciiDigit) > 1) return null;
        string? found = null;
        foreach (var word in words)
        {
            if (word.Length < 2 || !Fits(read, word)) continue;
            // Several words in one reading: the longest holding the others ("有所提升" over "提升"); else none.
            if (found is null || word.Length > found.Length && word.Contains(found, StringComparison.Ordinal)) found = word;
            else if (!found.Contains(word, StringComparison.Ordinal)) return null;
        }
        return found;
    }

    private static bool Fits(string read, string word)
    {
        var extra = read.Length - word.Length;
        if (extra is 1 or 2 && read.IndexOf(word, StringComparison.Ordinal) is var at && at >= 0)
        {
            var around = read[..at] + read[(at + word.Length)..];
            return around.Length == extra && around.All(c => !Qualifiers.Contains(c));
        }
        if (extra != 0 || word.Length < 3) return false;
        var differ = -1;
        for (var i = 0; i < word.Length; i++)
            if (read[i] != word[i])
            {
                if (differ >= 0) return false;
                differ = i;
            }
        return differ >= 0 && !Qualifiers.Contains(read[differ]);
    }
}
