using PerformanceEval.Diagnostics;
using PerformanceEval.Tables;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

public sealed partial class StandardFormNormalizer
{
    /// <summary>
    /// Reads the rows after the 总分. A form printed whole ends there, but a text dump may write some cells after the rest
    /// of the table (Calc's PDFs through <c>pdftotext -raw</c> put the wrapped cells last: the year, the project name, the
    /// header's labels). The template's own labels and the title there hold nothing to read. A year (alone or in the
    /// title) or a unit the form lacks is taken.
    /// The cells such a tool wrapped follow in the table's order: header values whose label stood empty, then names, 二级指标,
    /// and targets with actuals, of the rows that lack them. Each is taken only where the counts match one to one, and always
    /// with a warning that says it was read away from its label. Anything else left is reported, never dropped in silence.
    /// </summary>
    private void ReadAfterTotal(FormBuilder b, ReadState state)
    {
        var left = new List<(Ingestion.RawRow Row, int Index)>();
        foreach (var (row, ri) in state.Unplaced)
        {
            var cells = RowText.NonEmpty(row).ToList();
            var joined = RowText.Joined(row);
            if (YearIn(joined) is { } year && joined.Length <= 12 && (b.Year is null || b.Year == year))
            {
                if (b.Year is null)
                {
                    b.Year = year;
                    b.From("year", cells[0], ri, joined);
                }
                continue;
            }
            // The form's title, written after the table with the year it carries: its year is taken, and it is no value.
            if (matcher.FindInside(joined, "Title").Length > 0)
            {
                if (b.Year is null && YearIn(joined) is { } titled)
                {
                    b.Year = titled;
                    b.From("year", cells[0], ri, joined);
                }
                continue;
            }
            if (IsLabelsOnly(row))
            {
                if (b.CurrencyUnit is null && cells.FirstOrDefault(c => FormPatterns.IsCurrencyNote(c.Text)) is { } unit)
                {
                    b.CurrencyUnit = CurrencyIn(TextCleaner.Compact(unit.Text));
                    b.From("currencyUnit", unit, ri);
                }
                continue;
            }
            left.Add((row, ri));
        }
        left = TakeHeaderValues(b, state, left);
        left = TakePairs(b, state, left);
        left = TakeLevels(b, left);
        left = TakeNames(b, left);
        foreach (var (row, ri) in left)
            b.Warn(DiagnosticCodes.TrailingRow, "总分之后的一行未读取", RowText.NonEmpty(row).First(), ri);
    }

    /// <summary>
    /// Header values whose label stood empty (项目名称, 主管部门, 实施单位, in the table's order): the first texts after the
    /// table, one each, since a tool that writes wrapped cells last writes them in the table's order too.
    /// </summary>
    private List<(Ingestion.RawRow Row, int Index)> TakeHeaderValues(FormBuilder b, ReadState state, List<(Ingestion.RawRow Row, int Index)> left)
    {
        var unset = new (string Kind, string? Value, string Path)[]
            {
                ("ProjectName", b.ProjectName, "projectName"), ("Department", b.Department, "department"),
                ("ImplementingUnit", b.ImplementingUnit, "implementingUnit"),
            }
            .Where(f => f.Value is null && state.HeaderLabels.Contains(f.Kind)).ToList();
        // A level name or a row of measures ("1次 =1次") wrapped after the table is no 主管部门.
        var texts = left.Where(x => IsHeaderValue(x.Row) && matcher.MatchLevel(RowText.Joined(x.Row)) is not { IsExact: true } &&
                                    !RowText.NonEmpty(x.Row).All(c => IsTargetLike(c.Text)))
            .Take(unset.Count).ToList();
        if (texts.Count < unset.Count || unset.Count == 0) return left;
        foreach (var ((row, ri), field) in texts.Zip(unset))
        {
            var cells = RowText.NonEmpty(row).ToList();
            var label = matcher.Model.Labels[field.Kind][0];
            Append(b, field.Kind, TextCleaner.Clean(string.Join(" ", cells.Select(c => c.Text)))!, cells[0], ri);
            b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                $"“{label}”旁没有取值；表格之后的文字“{RowText.Joined(row)}”按{label}读取", cells[0], ri, field.Path);
        }
        return [.. left.Except(texts)];
    }

    /// <summary>
    /// Target and actual written after the table ("=55人 =55人"): rows of two values, each a figure with its comparator or
    /// unit, go in order to the indicator rows that have neither, when there are as many of each.
    /// </summary>
    private List<(Ingestion.RawRow Row, int Index)> TakePairs(FormBuilder b, ReadState state, List<(Ingestion.RawRow Row, int Index)> left)
    {
        var pairs = left.Where(x => RowText.NonEmpty(x.Row).Count() == 2 && RowText.NonEmpty(x.Row).All(c => IsTargetLike(c.Text))).ToList();
        var holes = Enumerable.Range(0, b.Indicators.Count).Where(i => b.Indicators[i] is { Target: null, Actual: null }).ToList();
        if (pairs.Count == 0 || pairs.Count != holes.Count) return left;
        var actualFirst = ActualPrintedFirst(state);
        foreach (var ((row, ri), i) in pairs.Zip(holes))
        {
            var cells = RowText.NonEmpty(row).ToList();
            var (target, actual) = actualFirst ? (cells[1], cells[0]) : (cells[0], cells[1]);
            var p = $"indicators[{i}]";
            b.Indicators[i] = b.Indicators[i] with { Target = b.Repair(TextCleaner.Clean(target.Text), target, $"{p}.target"), Actual = b.Repair(TextCleaner.Clean(actual.Text), actual, $"{p}.actual") };
            b.From($"{p}.target", target, ri);
            b.From($"{p}.actual", actual, ri);
            b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                $"第 {i + 1} 行指标没有年度指标值与实际完成值；表格之后的“{target.Text}”“{actual.Text}”按其顺序读作这一行的", cells[0], ri, $"{p}.target");
        }
        return [.. left.Except(pairs)];
    }

    /// <summary>
    /// 二级指标 written after the table, each over one or more lines ("经济效益指" / "标"): pieces that together spell a
    /// level to the letter go in order to the indicator rows without a 二级指标, when there are as many and each falls
    /// under the 一级指标 its row already has.
    /// </summary>
    private List<(Ingestion.RawRow Row, int Index)> TakeLevels(FormBuilder b, List<(Ingestion.RawRow Row, int Index)> left)
    {
        var holes = Enumerable.Range(0, b.Indicators.Count).Where(i => b.Indicators[i].Level2 is null).ToList();
        if (holes.Count == 0) return left;
        var levels = new List<(string Name, List<(Ingestion.RawRow Row, int Index)> Pieces)>();
        for (var i = 0; i < left.Count; i++)
        {
            var text = "";
            for (var j = i; j < left.Count && j < i + 3 && RowText.NonEmpty(left[j].Row).Count() == 1; j++)
            {
                text += RowText.Joined(left[j].Row);
                if (matcher.MatchLevel(text) is not { IsExact: true, IsLevel1: false, IsAmbiguous: false } level) continue;
                levels.Add((level.Name, left.GetRange(i, j - i + 1)));
                i = j;
                break;
            }
        }
        if (levels.Count != holes.Count) return left;
        foreach (var ((name, _), i) in levels.Zip(holes))
            if (b.Indicators[i].Level1 is { } level1 && matcher.Model.ParentOf(name) != level1) return left;
        foreach (var ((name, pieces), i) in levels.Zip(holes))
        {
            var first = RowText.NonEmpty(pieces[0].Row).First();
            var p = $"indicators[{i}]";
            // A row without its 一级指标 takes the level's parent, read (as the template gives it) from the same cell.
            if (b.Indicators[i].Level1 is null) b.From($"{p}.level1", first, pieces[0].Index);
            b.Indicators[i] = b.Indicators[i] with { Level2 = name, Level1 = b.Indicators[i].Level1 ?? matcher.Model.ParentOf(name) };
            b.From($"{p}.level2", first, pieces[0].Index, string.Join("\n", pieces.Select(x => RowText.NonEmpty(x.Row).First().Text)));
            foreach (var piece in pieces.Skip(1))
                foreach (var cell in RowText.NonEmpty(piece.Row)) b.AlsoFrom($"{p}.level2", cell, piece.Index);
            b.Warn(DiagnosticCodes.ValueAwayFromLabel, $"第 {i + 1} 行指标没有二级指标；表格之后的“{name}”按顺序读作这一行的二级指标", first, pieces[0].Index, $"{p}.level2");
        }
        return [.. left.Except(levels.SelectMany(l => l.Pieces))];
    }

    /// <summary>
    /// Names written after the table, each cell over one or more lines: a line as long as the longest is full and the name
    /// goes on, a shorter one ends it. They go in order to the indicator rows without a name, when there are as many.
    /// </summary>
    private List<(Ingestion.RawRow Row, int Index)> TakeNames(FormBuilder b, List<(Ingestion.RawRow Row, int Index)> left)
    {
        var texts = left.Where(x => RowText.NonEmpty(x.Row).Count() == 1 && IsHeaderValue(x.Row)).ToList();
        var holes = Enumerable.Range(0, b.Indicators.Count).Where(i => b.Indicators[i].Name is null).ToList();
        if (texts.Count == 0 || holes.Count == 0) return left;
        var full = texts.Max(x => RowText.Joined(x.Row).Length);
        var names = new List<List<(Ingestion.RawRow Row, int Index)>> { new() };
        foreach (var text in texts)
        {
            names[^1].Add(text);
            if (RowText.Joined(text.Row).Length < full) names.Add([]);
        }
        if (names[^1].Count == 0) names.RemoveAt(names.Count - 1);
        if (names.Count != holes.Count) return left;
        foreach (var (pieces, i) in names.Zip(holes))
        {
            var first = RowText.NonEmpty(pieces[0].Row).First();
            var name = string.Concat(pieces.Select(x => RowText.Joined(x.Row)));
            var p = $"indicators[{i}]";
            b.Indicators[i] = b.Indicators[i] with { Name = b.Repair(TextCleaner.Clean(name), first, $"{p}.name") };
            b.From($"{p}.name", first, pieces[0].Index, string.Join("\n", pieces.Select(x => RowText.NonEmpty(x.Row).First().Text)));
            foreach (var piece in pieces.Skip(1))
                foreach (var cell in RowText.NonEmpty(piece.Row)) b.AlsoFrom($"{p}.name", cell, piece.Index);
            b.Warn(DiagnosticCodes.ValueAwayFromLabel, $"第 {i + 1} 行指标没有三级指标名称；表格之后的“{name}”按顺序读作这一行的名称", first, pieces[0].Index, $"{p}.name");
        }
        return [.. left.Except(texts)];
    }

    /// <summary>A target or an actual by its grammar (a plain number alone after the table may as well be a wrapped amount).</summary>
    private bool IsTargetLike(string? text) => FormPatterns.IsMeasure(text, matcher.Model.Units);

    /// <summary>A row of nothing but the template's own labels (and the unit note): nothing in it to read.</summary>
    private bool IsLabelsOnly(Ingestion.RawRow row) =>
        RowText.NonEmpty(row).All(c => FormPatterns.IsCurrencyNote(c.Text) || matcher.Match(c.Text, LabelKinds.All) is { Score: >= 0.9 }) &&
        RowText.NonEmpty(row).Any();

    /// <summary>
    /// Words held for the next row's name go to the unplaced rows, at the grid row they were read in: the words of one
    /// line stay one row ("=55人 =55人" is a target and an actual still).
    /// </summary>
    private static void SetAsidePendingName(FormBuilder b, ReadState state)
    {
        foreach (var line in state.PendingName.GroupBy(p => b.Grid.Rows.IndexOf(b.Grid.Rows.First(r => r.Cells.Contains(p.Cell)))))
        {
            var cells = line.Select(p => p.Cell).ToList();
            state.Unplaced.Add((new Ingestion.RawRow([.. cells], Ingestion.RowOrigin.Layout, cells[0].Source.Line, b.Grid.Rows[line.Key].Block), line.Key));
        }
        state.PendingName.Clear();
    }

    /// <summary>A row that could be a header value: text, not a figure, not an indicator row.</summary>
    private static bool IsHeaderValue(Ingestion.RawRow row)
    {
        var text = RowText.Joined(row);
        return text.Length >= 2 && text.Any(TextCleaner.IsCjk) && !NumberParser.TryParse(text, out _) &&
               RowText.NonEmpty(row).Count(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out _)) == 0;
    }
}
