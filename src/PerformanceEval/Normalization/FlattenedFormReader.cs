using PerformanceEval.Diagnostics;
using System.Text.RegularExpressions;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

/// <summary>
/// Recovers what it can of a form the OCR flattened into one paragraph. Header values there stand before their
/// labels ("…建设经费 项目名称 上海市…办公 主管部门"), funding figures after theirs; indicator rows are rebuilt from
/// their 分值/得分 pairs, names and 二级指标 matched up in order. The goal texts of the two columns are interleaved
/// line by line and cannot be told apart: they are left out, with a warning.
/// </summary>
internal sealed partial class FlattenedFormReader(LabelMatcher matcher, FormBuilder b)
{
    private static readonly string[] FundingKinds = LabelKinds.FundingLines;

    public void Read(RawRow row, int ri)
    {
        var tokens = row.Cells.ToList();
        b.Warn(DiagnosticCodes.Flattened, "OCR 把整张表压成了一段文字，按标签顺序读取", tokens[0], ri);
        var joined = string.Concat(tokens.Select(t => TextCleaner.Compact(t.Text)));
        if (FormPatterns.YearIn(joined) is { } year)
        {
            b.Year = year;
            b.From("year", tokens[0], ri, joined[..Math.Min(joined.Length, 30)]);
        }
        var yearEnd = tokens.FindIndex(t => t.Text.Contains("年度"));
        var nameAt = IndexOf(tokens, "ProjectName");
        var deptAt = IndexOf(tokens, "Department");
        if (nameAt > yearEnd + 1)
            SetHeader("projectName", tokens[(yearEnd + 1)..nameAt], ri, v => b.ProjectName = v);
        if (deptAt > nameAt + 1 && nameAt >= 0)
            SetHeader("department", tokens[(nameAt + 1)..deptAt], ri, v => b.Department = v);
        ReadFunding(tokens, ri);
        b.Warn(DiagnosticCodes.GoalsInterleaved, "压平的文字中两栏年度目标交错，目标未读取", tokens[0], ri);
        var header = tokens.FindIndex(t => matcher.Match(t.Text, "HdrLevel1") is { IsExact: true });
        if (header >= 0) ReadIndicators(tokens, header, ri);
    }

    private int IndexOf(List<RawCell> tokens, string kind) =>
        tokens.FindIndex(t => matcher.Match(t.Text, kind) is { IsExact: true });

    private void SetHeader(string path, List<RawCell> cells, int ri, Action<string?> set)
    {
        set(b.Repair(TextCleaner.Clean(string.Join(" ", cells.Select(c => c.Text))), cells[0], path));
        b.From(path, cells[0], ri, string.Join(" ", cells.Select(c => c.Text)));
    }

    private void ReadFunding(List<RawCell> tokens, int ri)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var compact = TextCleaner.Compact(tokens[i].Text);
            if (b.CurrencyUnit is null && compact.Length <= 4 && FormPatterns.CurrencyIn(compact) is { } unit)
            {
                b.CurrencyUnit = unit;
                b.From("currencyUnit", tokens[i], ri);
            }
            if (matcher.Match(tokens[i].Text, FundingKinds) is not { Score: >= 0.9 } label) continue;
            var values = tokens.Skip(i + 1).TakeWhile(t => TextCleaner.Clean(t.Text) is { } v &&
                (NumberParser.TryParse(v, out _) || NumberParser.IsPlaceholder(v))).ToList();
            StandardFormNormalizer.Assign(b, label.Kind, FundingReader.Read(b, label.Kind, values, ri, null, false));
        }
    }

    private void ReadIndicators(List<RawCell> tokens, int header, int ri)
    {
        var rest = tokens.Skip(header)
            .SkipWhile(t => matcher.Match(t.Text, "HdrLevel1", "HdrLevel2", "HdrName", "HdrTarget", "HdrActual",
                "HdrWeight", "HdrScore", "HdrNote", "HdrFragment") is { Score: >= 0.9 })
            .ToList();
        var items = SplitGlued(rest);
        var isNumber = items.Select(t => NumberParser.TryParse(t.Text, out var n) && !n.Percent).ToArray();
        var levels = items.Select(t => matcher.MatchLevel(t.Text) is { IsExact: true } l ? l : null).ToArray();
        var consumed = new bool[items.Count];
        var rows = new List<(string? Target, string? Actual, decimal Weight, decimal? Score, RawCell Cell, RawCell? TargetCell, RawCell? ActualCell, int At)>();
        for (var i = 0; i + 1 < items.Count; i++)
        {
            if (!isNumber[i] || !isNumber[i + 1]) continue;
            string? Take(int at) => at >= 0 && !isNumber[at] && levels[at] is null && !consumed[at] ? items[at].Text : null;
            var actual = Take(i - 1);
            if (actual is not null) consumed[i - 1] = true;
            var target = Take(i - 2);
            if (target is not null) consumed[i - 2] = true;
            NumberParser.TryParse(items[i].Text, out var w);
            NumberParser.TryParse(items[i + 1].Text, out var s);
            rows.Add((target, actual, w.Value, s.Value, items[i].Cell, target is null ? null : items[i - 2].Cell, actual is null ? null : items[i - 1].Cell, i));
            consumed[i] = consumed[i + 1] = true;
            i++;
        }
        // A lone 分值 beside a 二级指标 ("…使 10 质量指标 …"): a row whose 得分 the OCR lost. Kept as a row (its 得分
        // null, said so) so that the rows after it keep their places; dropped, every later row would take the name,
        // level and provenance of the one before.
        for (var i = 0; i < items.Count; i++)
            if (isNumber[i] && !consumed[i] && NumberParser.TryParse(items[i].Text, out var w) && w.Value is > 0 and <= 100 &&
                (i + 1 < items.Count && levels[i + 1] is { IsLevel1: false } || i > 0 && levels[i - 1] is { IsLevel1: false }))
            {
                rows.Add((null, null, w.Value, null, items[i].Cell, null, null, i));
                consumed[i] = true;
            }
        rows = [.. rows.OrderBy(r => r.At)];
        var names = items.Where((t, i) => !consumed[i] && !isNumber[i] && levels[i] is null).ToList();
        var level2s = items.Where((t, i) => levels[i] is { IsLevel1: false }).Select(t => matcher.MatchLevel(t.Text)!.Name).ToList();
        var level2Cells = items.Where((t, i) => levels[i] is { IsLevel1: false }).Select(t => t.Cell).ToList();
        string? level2 = null;
        for (var k = 0; k < rows.Count; k++)
        {
            level2 = k < level2s.Count ? level2s[k] : level2;
            var p = $"indicators[{b.Indicators.Count}]";
            b.Indicators.Add(new Indicator
            {
                Level1 = level2 is null ? null : matcher.Model.ParentOf(level2),
                Level2 = level2,
                Name = k < names.Count ? b.Repair(TextCleaner.Clean(names[k].Text), names[k].Cell, $"{p}.name") : null,
                Target = TextCleaner.Clean(rows[k].Target),
                Actual = TextCleaner.Clean(rows[k].Actual),
                Weight = rows[k].Weight,
                Score = rows[k].Score,
            });
            b.From($"{p}.weight", rows[k].Cell, ri);
            if (rows[k].Score is not null) b.From($"{p}.score", rows[k].Cell, ri);
            else b.Warn(DiagnosticCodes.FigureUnread, $"压平的文字中第 {k + 1} 行指标只有分值 {rows[k].Weight}，得分没有读出，留空", rows[k].Cell, ri, $"{p}.score");
            if (rows[k].TargetCell is { } tc) b.From($"{p}.target", tc, ri);
            if (rows[k].ActualCell is { } ac) b.From($"{p}.actual", ac, ri);
            if (k < names.Count) b.From($"{p}.name", names[k].Cell, ri);
            // A row past the last 二级指标 named carries the one before it (the merged cell spanned it too), and its source.
            if (level2 is not null && level2Cells.Count > 0)
            {
                b.From($"{p}.level2", level2Cells[Math.Min(k, level2Cells.Count - 1)], ri);
                b.From($"{p}.level1", level2Cells[Math.Min(k, level2Cells.Count - 1)], ri);
            }
        }
        b.Warn(DiagnosticCodes.FlattenedIndicators,
            $"从压平的文字中按顺序恢复了 {rows.Count} 行指标，名称与数值可能错配", tokens[header], ri);
    }

    /// <summary>
    /// Splits tokens the flattening glued: "=100=10015" followed by "15" is target "=100", actual "=100", 分值 "15".
    /// </summary>
    private static List<(string Text, RawCell Cell)> SplitGlued(List<RawCell> tokens)
    {
        var parts = new List<(string Text, RawCell Cell)>();
        foreach (var t in tokens)
        {
            var text = TextCleaner.Clean(t.Text) ?? "";
            var pieces = Comparators().Split(text).Where(p => p.Length > 0).ToList();
            var joinedPieces = new List<string>();
            for (var i = 0; i < pieces.Count; i++)
                if (Comparators().IsMatch(pieces[i]) && i + 1 < pieces.Count) joinedPieces.Add(pieces[i] + pieces[++i]);
                else joinedPieces.Add(pieces[i]);
            parts.AddRange(joinedPieces.Select(p => (p, t)));
        }
        for (var i = 0; i + 1 < parts.Count; i++)
        {
            if (GluedFigure().Match(parts[i].Text) is not { Success: true } m) continue;
            var next = parts[i + 1].Text;
            if (!NumberParser.TryParse(next, out _) || !m.Groups[2].Value.EndsWith(next) || m.Groups[2].Value.Length <= next.Length) continue;
            var head = m.Groups[2].Value[..^next.Length];
            parts[i] = (m.Groups[1].Value + head, parts[i].Cell);
            parts.Insert(i + 1, (next, parts[i].Cell));
            i++;
        }
        return parts;
    }

    [GeneratedRegex(@"([<>=≥≤]+)")]
    private static partial Regex Comparators();

    [GeneratedRegex(@"^([<>=≥≤]+)(\d+)$")]
    private static partial Regex GluedFigure();
}
