using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using PerformanceEval.Templates;

namespace PerformanceEval.Tables;

/// <summary>Drops page furniture a PDF's text layer leaves between rows: "- 4 -", "第 4 页", "共 9 页".</summary>
public sealed partial class PageFurnitureRemover : IGridRepairer
{
    public StageResult<FormGrid> Repair(FormGrid grid)
    {
        var kept = grid.Rows.Where(r => !IsPageNumber(r)).ToImmutableArray();
        return StageResult<FormGrid>.Ok(grid with { Rows = kept });
    }

    /// <summary>The longest page number the pattern takes ("第123页共123页", 10 characters): a longer row is none, and is not joined to see.</summary>
    private const int LongestPageNumber = 10;

    private static bool IsPageNumber(RawRow row)
    {
        var length = 0;
        foreach (var cell in row.Cells)
            if ((length += TextCleaner.Compact(cell.Text).Length) > LongestPageNumber) return false;
        return PageNumber().IsMatch(RowText.Joined(row));
    }

    [GeneratedRegex(@"^(-\d{1,3}-|第\d{1,3}页(共\d{1,3}页)?|\d{1,3}/\d{1,3})$")]
    private static partial Regex PageNumber();
}

/// <summary>
/// Blanks the pieces of vertical labels (绩/效/指/标 printed one character a line, read as "效指标" or "绩&lt;br&gt;效")
/// and cells of OCR noise (",,,,", "****", ")"): they carry no data, and left in place they would be read as an
/// indicator's name. Placeholders such as "—" are data and stay.
/// </summary>
public sealed partial class VerticalLabelRepairer : IGridRepairer
{
    private const string VerticalChars = "绩效指标";

    /// <summary>
    /// Head labels of the criteria template that a narrow cell wraps into a piece made of these characters alone
    /// ("主要" / "绩效", "绩效" / "等级"): in a plain dump such a piece, with the line before or after it, is the label.
    /// </summary>
    private static readonly string[] WrappedHeadLabels = ["主要绩效", "绩效等级"];

    public StageResult<FormGrid> Repair(FormGrid grid)
    {
        var rows = ImmutableArray.CreateBuilder<RawRow>();
        for (var r = 0; r < grid.Rows.Length; r++)
        {
            var row = grid.Rows[r];
            if (row.Origin is RowOrigin.Flattened) { rows.Add(row); continue; }
            // Most rows hold no noise: they are kept as they are, not copied.
            var noisy = Enumerable.Range(0, row.Cells.Length).Where(i => IsNoise(row.Cells[i].Text) && !IsPieceOfLabel(grid.Rows, r, i)).ToList();
            if (noisy.Count == 0)
            {
                if (!row.Cells.All(c => c.IsEmpty)) rows.Add(row);
                continue;
            }
            var cells = row.Cells.Select((c, i) => noisy.Contains(i) ? c with { Text = "" } : c).ToImmutableArray();
            if (cells.All(c => c.IsEmpty)) continue;
            rows.Add(row with { Cells = cells });
        }
        return StageResult<FormGrid>.Ok(grid with { Rows = rows.ToImmutable() });
    }

    /// <summary>
    /// A plain line's piece that, with the line before or the line after, spells a wrapped head label ("绩效" / "等级 优"):
    /// text, not noise. (A bracket's rest, "预算执行率（" / "%）", stays noise: the label reads without it.)
    /// </summary>
    private static bool IsPieceOfLabel(ImmutableArray<RawRow> rows, int r, int i)
    {
        if (rows[r].Origin is not RowOrigin.Layout) return false;
        var piece = TextCleaner.Compact(rows[r].Cells[i].Text);
        var before = i > 0 ? rows[r].Cells[i - 1] : r > 0 && rows[r - 1].Origin is RowOrigin.Layout ? rows[r - 1].Cells.LastOrDefault(c => !c.IsEmpty) : null;
        var after = i + 1 < rows[r].Cells.Length ? rows[r].Cells[i + 1]
            : r + 1 < rows.Length && rows[r + 1].Origin is RowOrigin.Layout ? rows[r + 1].Cells.FirstOrDefault(c => !c.IsEmpty) : null;
        var prior = TextCleaner.Compact(before?.Text);
        var next = TextCleaner.Compact(after?.Text);
        return WrappedHeadLabels.Any(l => (prior + piece == l || (piece + next).StartsWith(l, StringComparison.Ordinal)) && piece.Length < l.Length);
    }

    internal static bool IsNoise(string text)
    {
        var compact = TextCleaner.Compact(text);
        if (compact.Length == 0) return false;
        if (compact.Length <= 4 && compact.All(c => VerticalChars.Contains(c))) return true;
        // Noise is punctuation and symbols only: a letter, an ideograph or a digit settles it without the patterns.
        foreach (var c in compact)
            if (char.IsLetterOrDigit(c)) return false;
        return !NumberParser.IsPlaceholder(compact) && NoiseOnly().IsMatch(compact);
    }

    [GeneratedRegex(@"^[\p{P}\p{S}]+$")]
    private static partial Regex NoiseOnly();
}

/// <summary>
/// Drops rows the OCR wrote more than once: an exact repeat of an earlier row of the form, or — for long rows of
/// stacked text, where OCR repeats come out slightly different each time — one whose character bigrams are
/// mostly the same as an earlier row's.
/// </summary>
public sealed class RepeatedRowRemover : IGridRepairer
{
    private const int NearDuplicateMinLength = 60;
    private const double NearDuplicateSimilarity = 0.7;

    public StageResult<FormGrid> Repair(FormGrid grid)
    {
        var kept = ImmutableArray.CreateBuilder<RawRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Only long rows are compared by their bigrams, so only theirs are made.
        var seenLong = new List<HashSet<int>>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var row in grid.Rows)
        {
            var text = RowText.Joined(row);
            var bigrams = text.Length >= NearDuplicateMinLength ? Bigrams(text) : null;
            // Layout lines repeat legitimately ("及时 及时 5 5" under two names); only table rows are judged.
            var repeat = row.Origin is not RowOrigin.Layout && text.Length >= 10 && seen.Contains(text) ||
                         bigrams is not null && seenLong.Any(s => Dice(s, bigrams) >= NearDuplicateSimilarity);
            // Only text dumps are judged: a table read with its spans (HTML, a ruled page, a scan's grid) repeats a row
            // because the form does — the header a table prints again on each page — and that header binds the page's
            // columns.
            if (repeat && row.Origin is not RowOrigin.Flattened && !row.HasSpans)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.RowRepeated,
                    "OCR 重复识别了这一行，重复的一行已删除", row.Cells[0].Source));
                continue;
            }
            seen.Add(text);
            if (bigrams is not null) seenLong.Add(bigrams);
            kept.Add(row);
        }
        return new(grid with { Rows = kept.ToImmutable() }, diagnostics.ToImmutable());
    }

    /// <summary>The distinct pairs of adjacent characters, each packed in an int.</summary>
    private static HashSet<int> Bigrams(string s)
    {
        var set = new HashSet<int>(s.Length);
        for (var i = 0; i + 1 < s.Length; i++) set.Add(s[i] << 16 | s[i + 1]);
        return set;
    }

    /// <summary>The Dice coefficient of two bigram sets, or 0 where it cannot reach <see cref="NearDuplicateSimilarity"/>.</summary>
    private static double Dice(HashSet<int> a, HashSet<int> b)
    {
        if (a.Count + b.Count == 0) return 0;
        // At most the smaller set is shared: two rows of very different lengths are not measured.
        if (2.0 * Math.Min(a.Count, b.Count) / (a.Count + b.Count) < NearDuplicateSimilarity) return 0;
        var shared = 0;
        foreach (var x in a) if (b.Contains(x)) shared++;
        return 2.0 * shared / (a.Count + b.Count);
    }
}

/// <summary>
/// Joins a header row a page break cut in two. A word processor may let a table row break across pages: the column
/// labels' first lines stand at the foot of one page ("一级 | 指标 | 指标 | 权 | 评分 | 自评 | 备注") and their last lines
/// atop the next ("指标 | 名称 | 解释 | 重 | 规则 | 得分"), and neither half names the columns. Two ruled rows on
/// consecutive pages with their cells at the same columns are one row again where, read cell by cell together, they
/// spell at least four column labels of a template and more than either half does alone. This runs before the
/// vertical-label cleaning, which would take a lone "指标" for a piece of 绩效指标.
/// </summary>
public sealed class PageBrokenHeaderJoiner(LabelMatcher standard, LabelMatcher criteria) : IGridRepairer
{
    private const int MinLabels = 4;

    public StageResult<FormGrid> Repair(FormGrid grid)
    {
        var rows = grid.Rows.ToList();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        for (var i = 0; i + 1 < rows.Count; i++)
        {
            var (upper, lower) = (rows[i], rows[i + 1]);
            if (upper.Origin is not RowOrigin.RuledGrid || lower.Origin is not RowOrigin.RuledGrid ||
                upper.Page is not { } page || lower.Page != page + 1 || upper.Cells.Length != lower.Cells.Length ||
                upper.Cells.Zip(lower.Cells).Any(p => p.First.FirstColumn != p.Second.FirstColumn || p.First.ColSpan != p.Second.ColSpan))
                continue;
            var joined = upper.Cells.Zip(lower.Cells, (a, b) => a with { Text = Joined(a.Text, b.Text) }).ToImmutableArray();
            var labels = Labels(joined);
            if (labels < MinLabels || labels <= Math.Max(Labels(upper.Cells), Labels(lower.Cells))) continue;
            rows[i] = upper with { Cells = joined };
            rows.RemoveAt(i + 1);
            diagnostics.Add(new Diagnostic(DiagnosticCodes.HeaderJoinedAcrossPages,
                $"第 {page} 页页尾与第 {page + 1} 页页首的两半表头已合并为一行", upper.Cells[0].Source));
        }
        return new(grid with { Rows = [.. rows] }, diagnostics.ToImmutable());
    }

    private static string Joined(string a, string b) => a.Trim().Length == 0 ? b : b.Trim().Length == 0 ? a : a + "\n" + b;

    /// <summary>The most column labels the cells name exactly, by either template's vocabulary.</summary>
    private int Labels(ImmutableArray<RawCell> cells) => Math.Max(
        cells.Count(c => !c.IsEmpty && standard.Match(c.Text, LabelKinds.IndicatorColumns) is { IsExact: true }),
        cells.Count(c => !c.IsEmpty && criteria.Match(c.Text, LabelKinds.CriteriaColumns) is { IsExact: true }));
}

/// <summary>
/// Joins a 总分 row that the OCR set apart from its figures ("总分" alone, then "| 100 | 99.97 |") into one row.
/// </summary>
public sealed class DetachedTotalJoiner(LabelMatcher matcher) : IGridRepairer
{
    public StageResult<FormGrid> Repair(FormGrid grid)
    {
        var rows = grid.Rows.ToList();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        for (var i = 0; i + 1 < rows.Count; i++)
        {
            var cells = RowText.NonEmpty(rows[i]).ToList();
            if (cells.Count != 1 || matcher.Match(cells[0].Text, "Total") is not { IsExact: true }) continue;
            var next = RowText.NonEmpty(rows[i + 1]).ToList();
            if (next.Count is < 1 or > 2 || !next.All(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out _))) continue;
            rows[i] = rows[i] with { Cells = [cells[0], .. next] };
            rows.RemoveAt(i + 1);
            diagnostics.Add(new Diagnostic(DiagnosticCodes.TotalJoined,
                "“总分”与其数字被分在两行，已合并", next[0].Source));
        }
        return new(grid with { Rows = [.. rows] }, diagnostics.ToImmutable());
    }
}

/// <summary>
/// Gives its 总分 label back to the row that closes the indicator table with two figures only ("| 100 | 98 |"): the
/// OCR lost the label, and the figures alone would be read as nothing (no name, no level) or as a row of the table.
/// Only the first such row after the table has begun, before any labelled 总分, and only a total of 100 weight — a
/// pair of other figures is an indicator's, whatever cell its name went to.
/// </summary>
public sealed class LostTotalLabelRepairer(LabelMatcher matcher) : IGridRepairer
{
    /// <summary>What the form's indicator weights add up to: the figure a 总分 row starts with.</summary>
    private const decimal TotalWeight = 100m;

    public StageResult<FormGrid> Repair(FormGrid grid)
    {
        var tableBegun = false;
        for (var i = 0; i < grid.Rows.Length; i++)
        {
            var row = grid.Rows[i];
            var cells = RowText.NonEmpty(row).ToList();
            if (cells.Any(c => matcher.Match(c.Text, "Total") is { Score: >= 0.9 })) break;
            if (tableBegun && IsUnlabelledTotal(cells))
                return Labelled(grid, i, cells[0]);
            if (tableBegun && GarbledTotalLabel(cells) is { } garbled)
                return Relabelled(grid, i, garbled);
            tableBegun |= cells.Any(c => matcher.MatchLevel(c.Text) is { IsExact: true }) ||
                          cells.Count(c => matcher.Match(c.Text, LabelKinds.IndicatorColumns) is { Score: >= 0.9 }) >= 3;
        }
        return StageResult<FormGrid>.Ok(grid);
    }

    private static bool IsUnlabelledTotal(List<RawCell> cells) =>
        cells.Count == 2 &&
        NumberParser.TryParse(TextCleaner.Clean(cells[0].Text), out var weight) && weight.Value == TotalWeight &&
        NumberParser.TryParse(TextCleaner.Clean(cells[1].Text), out _);

    /// <summary>
    /// A 总分 row whose label OCR garbled: a short first cell that kept a character of it ("避分", "总汁"), or one as
    /// wide as the 总分 label is printed, across the columns of level, name, target and actual, that reads as no level
    /// ("本": no indicator's name spans three columns); then 100 (not a rate) and a figure, then at most a note that is no
    /// figure. An indicator row never weighs 100.
    /// </summary>
    private RawCell? GarbledTotalLabel(List<RawCell> cells)
    {
        if (cells.Count is < 3 or > 4) return null;
        var label = cells[0].Text.Replace(" ", "");
        // (A cell across five columns or more — level, name, target and actual — is the total's whatever specks a
        // fax's scan made of it: "和 双人 AN ~ 四". One holding the label whole among its specks, "可 序 亲 ， 总分 了", is
        // the normalizer's to read as the label it is, with no warning.)
        // (Nor is its length a bound on a scan where the engine read not one ideograph in it: a seal or a signature over
        // the label, "TECN ERKEIIIIEIIEIEEIIDIEINERIENEEE RS" — no note or name of a form is written in Latin letters.)
        var specksOnly = cells[0].Source.Confidence is not null && !label.Any(TextCleaner.IsCjk);
        if (label.Length == 0 || label.Length > 4 && (cells[0].ColSpan < 5 || label.Length > 12 && !specksOnly || label.Contains("总分") || label.Contains("合计")))
            return null;
        var keptACharacter = label.Any(c => c is '总' or '分' or '计');
        var asWideAsTheLabel = cells[0].ColSpan >= 3 && matcher.MatchLevel(label) is null or { IsExact: false };
        if (!keptACharacter && !asWideAsTheLabel) return null;
        if (cells[1].Text.Contains('%') || !IsUnlabelledTotal([cells[1], cells[2]]))
        {
            // Both signs at once (a character of 总分 kept, the cell as wide as 总分 is printed: "总从" across five
            // columns), then 100: the score beside it may be what OCR could not read ("07 ,，刘"). It stays unread and
            // warned by the normalizer, and the row is no indicator weighing 100.
            var weighs100 = NumberParser.TryParse(TextCleaner.Clean(cells[1].Text), out var weight) && weight.Value == TotalWeight;
            return keptACharacter && asWideAsTheLabel && weighs100 && !cells[1].Text.Contains('%') && cells.Count == 3 &&
                   !NumberParser.TryParse(TextCleaner.Clean(cells[2].Text), out _) ? cells[0] : null;
        }
        return cells.Count == 3 || !NumberParser.TryParse(TextCleaner.Clean(cells[3].Text), out _) ? cells[0] : null;
    }

    /// <summary>The row with its garbled 总分 label read as 总分, said in a warning naming what was read.</summary>
    private static StageResult<FormGrid> Relabelled(FormGrid grid, int index, RawCell label)
    {
        var row = grid.Rows[index];
        var at = row.Cells.IndexOf(label);
        var repaired = grid with { Rows = grid.Rows.SetItem(index, row with { Cells = row.Cells.SetItem(at, label with { Text = "总分" }) }) };
        var diagnostic = new Diagnostic(DiagnosticCodes.TotalUnlabelled,
            $"指标之后的一行“{label.Text}”后为 100，按总分读取（“总分”识别有误）", label.Source with { Row = index }, "totalScore");
        return new(repaired, [diagnostic]);
    }

    /// <summary>
    /// The row with 总分 in the empty cell left of its figures (where the form prints it), or — none being empty — in
    /// a cell put before them at the first figure's place.
    /// </summary>
    private static StageResult<FormGrid> Labelled(FormGrid grid, int index, RawCell firstFigure)
    {
        var row = grid.Rows[index];
        var at = row.Cells.IndexOf(firstFigure);
        var emptyBefore = at > 0 && row.Cells[at - 1].IsEmpty;
        var cells = emptyBefore
            ? row.Cells.SetItem(at - 1, row.Cells[at - 1] with { Text = "总分" })
            : row.Cells.Insert(at, new RawCell("总分", firstFigure.Source));
        var repaired = grid with { Rows = grid.Rows.SetItem(index, row with { Cells = cells }) };
        var diagnostic = new Diagnostic(DiagnosticCodes.TotalUnlabelled,
            "指标之后只有两个数字的一行按总分读取（“总分”二字丢失）", firstFigure.Source with { Row = index }, "totalScore");
        return new(repaired, [diagnostic]);
    }
}
