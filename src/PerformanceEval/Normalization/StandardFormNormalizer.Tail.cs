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
        // A 总分's score wrapped in its narrow cell ("95.88" / "9") and a page number under the table read alike in a
        // text dump. The form's own sum tells them apart where it can (the rows' scores and the 预算执行率's add up to the
        // two lines' figures: the score wrapped); else the score stays as its line has it. Either way a warning says so.
        if (b.Provenance.TryGetValue("totalScore", out var score) && score.Row is { } totalRow && b.TotalScore is { } stated &&
            state.Unplaced.Count > 0 && state.Unplaced[0] is { Row: var after, Index: var next } && next == totalRow + 1 &&
            after.Origin is Ingestion.RowOrigin.Layout && RowText.NonEmpty(after).ToList() is [var lone] && LoneDigits().IsMatch(lone.Text.Trim()) &&
            score.Text is { } printed && printed.Contains('.') &&
            decimal.TryParse(TextCleaner.Clean(printed) + lone.Text.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var whole))
        {
            var sum = b.Indicators.Sum(i => i.Score ?? 0) + (b.Total?.Score ?? 0);
            var wrapped = sum == whole && sum != stated;
            if (wrapped)
            {
                b.TotalScore = whole;
                b.AlsoFrom("totalScore", lone, next);
                state.Unplaced.RemoveAt(0);
            }
            b.Warn(DiagnosticCodes.TotalMaybeWrapped, wrapped
                    ? $"总分的得分“{printed}”的下一行只有“{lone.Text.Trim()}”，各行得分之和为 {whole}：读作折行的得分“{whole}”（也可能是页码）"
                    : $"总分的得分“{printed}”的下一行只有“{lone.Text.Trim()}”：可能是得分折行（“{whole}”），也可能是页码；得分按“{printed}”读取",
                lone, next, "totalScore");
        }
        foreach (var (row, ri) in SplitWrappedEnds(state.Unplaced))
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
        left = TakeAmounts(b, state, left);
        left = TakePairs(b, state, left);
        left = TakeLevels(b, left);
        left = TakeTexts(b, state, left);
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
    /// unit, go in order to the indicator rows that have neither, when there are as many of each. Where the counts differ,
    /// a pair whose two cells the tool wrote on lines of their own ("98.6万元" / "&lt;=100万" / "元": two measures, the
    /// second's unit broken off) counts as one too, when it stands alone between other lines.
    /// </summary>
    private List<(Ingestion.RawRow Row, int Index)> TakePairs(FormBuilder b, ReadState state, List<(Ingestion.RawRow Row, int Index)> left)
    {
        var holes = Enumerable.Range(0, b.Indicators.Count).Where(i => b.Indicators[i] is { Target: null, Actual: null }).ToList();
        var pairs = left.Where(x => RowText.NonEmpty(x.Row).Count() == 2 && RowText.NonEmpty(x.Row).All(c => IsTargetLike(c.Text)))
            .Select(x => (First: new List<(Ingestion.RawRow Row, int Index)> { x }, Second: new List<(Ingestion.RawRow Row, int Index)> { x }, At: x.Index))
            .ToList();
        if (pairs.Count < holes.Count) pairs = [.. pairs.Concat(WrappedPairs(left)).OrderBy(x => x.At)];
        if (pairs.Count == 0 || pairs.Count != holes.Count) return left;
        var actualFirst = ActualPrintedFirst(state);
        foreach (var ((first, second, _), i) in pairs.Zip(holes))
        {
            // A row of two: its two cells; a wrapped pair: each measure's lines.
            var (one, two) = ReferenceEquals(first, second) || first.SequenceEqual(second)
                ? (RowText.NonEmpty(first[0].Row).Take(1).Select(c => (Cell: c, first[0].Index)).ToList(), RowText.NonEmpty(first[0].Row).Skip(1).Select(c => (Cell: c, first[0].Index)).ToList())
                : (first.Select(x => (Cell: RowText.NonEmpty(x.Row).First(), x.Index)).ToList(), second.Select(x => (Cell: RowText.NonEmpty(x.Row).First(), x.Index)).ToList());
            var (target, actual) = actualFirst ? (two, one) : (one, two);
            var p = $"indicators[{i}]";
            string Text(List<(Ingestion.RawCell Cell, int Index)> pieces) => TextCleaner.Clean(string.Concat(pieces.Select(x => x.Cell.Text)))!;
            b.Indicators[i] = b.Indicators[i] with
            {
                Target = b.Repair(Text(target), target[0].Cell, $"{p}.target"), Actual = b.Repair(Text(actual), actual[0].Cell, $"{p}.actual"),
            };
            foreach (var (field, pieces) in new[] { ("target", target), ("actual", actual) })
            {
                b.From($"{p}.{field}", pieces[0].Cell, pieces[0].Index, pieces.Count > 1 ? string.Join("\n", pieces.Select(x => x.Cell.Text)) : null);
                foreach (var (cell, ri) in pieces.Skip(1)) b.AlsoFrom($"{p}.{field}", cell, ri);
            }
            b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                $"第 {i + 1} 行指标没有年度指标值与实际完成值；表格之后的“{Text(target)}”“{Text(actual)}”按其顺序读作这一行的", target[0].Cell, target[0].Index, $"{p}.target");
        }
        return [.. left.Except(pairs.SelectMany(x => x.First.Concat(x.Second)))];
    }

    /// <summary>
    /// Two measures written on lines of their own, one after the other, with nothing of their kind around them: a row's
    /// target and actual, each cell's lines in turn (a unit broken off its figure goes on it: "&lt;=100万" / "元").
    /// </summary>
    private IEnumerable<(List<(Ingestion.RawRow Row, int Index)> First, List<(Ingestion.RawRow Row, int Index)> Second, int At)> WrappedPairs(
        List<(Ingestion.RawRow Row, int Index)> left)
    {
        var units = matcher.Model.Units;
        var singles = new List<List<(Ingestion.RawRow Row, int Index)>>();
        var runs = new List<List<List<(Ingestion.RawRow Row, int Index)>>>();
        foreach (var x in left)
        {
            var cells = RowText.NonEmpty(x.Row).ToList();
            var text = cells.Count == 1 ? TextCleaner.Clean(cells[0].Text) ?? "" : "";
            var last = singles.Count > 0 ? singles[^1] : null;
            var joined = last is null ? "" : string.Concat(last.Select(p => RowText.Joined(p.Row)));
            if (text.Length > 0 && last is not null && last[^1].Index == x.Index - 1 && WrappedCells.IsUnitPiece(text, units) &&
                IsTargetLike(joined + text))
            {
                last.Add(x);
                continue;
            }
            if (text.Length > 0 && text.Any(char.IsAsciiDigit) && !text.Any(TextCleaner.IsCjk) || IsTargetLike(text) && text.Any(char.IsAsciiDigit))
            {
                var piece = new List<(Ingestion.RawRow Row, int Index)> { x };
                if (last is not null && last[^1].Index == x.Index - 1) runs[^1].Add(piece);
                else runs.Add([piece]);
                singles.Add(piece);
                continue;
            }
            singles.Clear();
        }
        foreach (var run in runs)
            if (run is [var first, var second] && run.All(m => IsTargetLike(string.Concat(m.Select(p => RowText.Joined(p.Row))))))
                yield return (first, second, first[0].Index);
    }

    /// <summary>Whether a row's 一级指标 was printed on the row's own line, not carried down from a line above.</summary>
    private static bool OwnLevel1(FormBuilder b, int i) =>
        b.Provenance.TryGetValue($"indicators[{i}].level1", out var level1) && b.Provenance.TryGetValue($"indicators[{i}].weight", out var weight) &&
        level1.Row == weight.Row;

    /// <summary>
    /// A cell's last character wrapped onto a line the tool wrote with other cells ("社会效益指" / "标 =12次 12次"): the
    /// character is a line of its own, after the line it ends.
    /// </summary>
    private static IEnumerable<(Ingestion.RawRow Row, int Index)> SplitWrappedEnds(List<(Ingestion.RawRow Row, int Index)> rows)
    {
        for (var k = 0; k < rows.Count; k++)
        {
            var (row, ri) = rows[k];
            var cells = RowText.NonEmpty(row).ToList();
            var above = k > 0 ? RowText.NonEmpty(rows[k - 1].Row).ToList() : [];
            if (cells.Count >= 2 && cells[0].Text.Trim() is { Length: 1 } end && TextCleaner.IsCjk(end[0]) &&
                above.Count == 1 && rows[k - 1].Index == ri - 1 && above[0].Text.Trim().Length >= 2)
            {
                yield return (row with { Cells = [cells[0]] }, ri);
                yield return (row with { Cells = [.. cells.Skip(1)] }, ri);
                continue;
            }
            yield return (row, ri);
        }
    }

    /// <summary>
    /// 二级指标 written after the table, each over one or more lines ("经济效益指" / "标"): pieces that together spell a
    /// level to the letter go in order to the indicator rows without a 二级指标, when there are as many and each falls
    /// under the 一级指标 its row already has. Fewer levels than rows: each was a merged cell over a run of those rows, and
    /// which rows each spanned is read from the rows' own 一级指标 and from what their names say
    /// (<see cref="LevelSpans"/>), always with a warning; a row that stays open to two readings gets none.
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
        if (levels.Count == 0 || levels.Count > holes.Count) return left;
        // 一级指标 wrapped after the table too ("满意度指" / "标"): a row's 一级指标 carried down from a line above is then no
        // bar to a level under one of these (its own merged cell was the one wrapped away).
        var wrappedLevel1s = new HashSet<string>();
        for (var i = 0; i < left.Count; i++)
        {
            var text = "";
            for (var j = i; j < left.Count && j < i + 3 && RowText.NonEmpty(left[j].Row).Count() == 1; j++)
                if (matcher.MatchLevel(text += RowText.Joined(left[j].Row)) is { IsExact: true, IsLevel1: true } level1) { wrappedLevel1s.Add(level1.Name); break; }
        }
        bool Binds(int row, string level) =>
            b.Indicators[row].Level1 is { } level1 && matcher.Model.ParentOf(level) != level1 &&
            (OwnLevel1(b, row) || !wrappedLevel1s.Contains(matcher.Model.ParentOf(level) ?? ""));
        int[] chosen;
        var spanned = levels.Count < holes.Count;
        if (!spanned)
        {
            foreach (var ((name, _), i) in levels.Zip(holes))
                if (Binds(i, name)) return left;
            chosen = [.. Enumerable.Range(0, holes.Count)];
        }
        else
        {
            // A run of rows under one merged cell: rows next to each other in the table, none under another 一级指标.
            // (A 一级指标 carried down from a line above binds nothing: the merged cell of the next one may have been
            // wrapped after the table too.)
            bool Allowed(int j, int s, int e) =>
                holes[e - 1] - holes[s] == e - 1 - s &&
                Enumerable.Range(s, e - s).All(r => !OwnLevel1(b, holes[r]) || b.Indicators[holes[r]].Level1 == matcher.Model.ParentOf(levels[j].Name));
            if (LevelSpans.Choose([.. holes.Select(i => b.Indicators[i])], [.. levels.Select(l => l.Name)], matcher.Model, Allowed, needCue: false)
                is not { } spans || spans.All(x => x < 0))
                return left;
            chosen = spans;
        }
        for (var r = 0; r < holes.Count; r++)
        {
            if (chosen[r] < 0) continue;
            var (name, pieces) = levels[chosen[r]];
            var i = holes[r];
            var first = RowText.NonEmpty(pieces[0].Row).First();
            var p = $"indicators[{i}]";
            // A row without its 一级指标 takes the level's parent, read (as the template gives it) from the same cell.
            var parent = matcher.Model.ParentOf(name);
            if (b.Indicators[i].Level1 is null || b.Indicators[i].Level1 != parent && (spanned || !Binds(i, name)))
            {
                b.Provenance.Remove($"{p}.level1");
                b.From($"{p}.level1", first, pieces[0].Index);
                b.Indicators[i] = b.Indicators[i] with { Level1 = parent };
            }
            b.Indicators[i] = b.Indicators[i] with { Level2 = name };
            b.From($"{p}.level2", first, pieces[0].Index, string.Join("\n", pieces.Select(x => RowText.NonEmpty(x.Row).First().Text)));
            foreach (var piece in pieces.Skip(1))
                foreach (var cell in RowText.NonEmpty(piece.Row)) b.AlsoFrom($"{p}.level2", cell, piece.Index);
            b.Warn(DiagnosticCodes.ValueAwayFromLabel, spanned
                    ? $"第 {i + 1} 行指标没有二级指标；表格之后的二级指标 {levels.Count} 个、缺二级指标的行 {holes.Count} 行，合并单元格各跨哪几行不在文字中：按各行的一级指标与名称所属的类别推定为“{name}”"
                    : $"第 {i + 1} 行指标没有二级指标；表格之后的“{name}”按顺序读作这一行的二级指标", first, pieces[0].Index, $"{p}.level2");
        }
        if (spanned && chosen.Any(x => x < 0))
            b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                $"表格之后的二级指标（{string.Join("、", levels.Select(l => l.Name))}）各跨哪几行无从判定的，第 {string.Join("、", holes.Where((_, r) => chosen[r] < 0).Select(i => i + 1))} 行留空",
                RowText.NonEmpty(levels[0].Pieces[0].Row).First(), levels[0].Pieces[0].Index, "indicators");
        return [.. left.Except(levels.SelectMany(l => l.Pieces))];
    }

    /// <summary>
    /// Names, notes and lone targets written after the table, in the table's order: row by row, a row's 三级指标 (or its
    /// 年度指标值) before its 偏差原因分析及改进措施.
    /// <list type="bullet">
    /// <item>A note is missing where a row lost points and has none (a note explains the loss, and only a long one wraps:
    /// one line alone is no wrapped note).</item>
    /// <item>A figure with a comparator written alone ("&lt;=1起") is a target whose row kept its name and actual on its line
    /// ("有责投诉发生数 无投诉 10 10"): read by position, that row has no name and a "target" that is no measure, which is
    /// then its name.</item>
    /// <item>Lines are cut into cells where a line is wider than the one before it (a wrapped cell's lines are as wide as
    /// its column, its last the narrowest); a line starting with a mark that cannot begin a sentence ("，下年度加强跟踪")
    /// goes on the cell before it.</item>
    /// </list>
    /// They go one to one to the rows' missing slots (a note's slot may stay empty), in that order, only when there is one
    /// way for every one to fit its slot; else the names alone are tried (<see cref="TakeNames"/>).
    /// </summary>
    private List<(Ingestion.RawRow Row, int Index)> TakeTexts(FormBuilder b, ReadState state, List<(Ingestion.RawRow Row, int Index)> left)
    {
        var holes = new List<(int Row, Slot Kind)>();
        for (var i = 0; i < b.Indicators.Count; i++)
        {
            var row = b.Indicators[i];
            if (row.Name is null) holes.Add((i, Slot.Name));
            // A row of one text and its 分值/得分 ("无投诉 10 10"): its name and its target may both have been wrapped away.
            if (row is { Name: not null, Target: null, Actual: null }) holes.Add((i, Slot.NameAndTarget));
            // Both measures wrapped away, written on one line after the table ("=22个 22个", two sentences alike).
            if (row is { Target: null, Actual: null }) holes.Add((i, Slot.Measures));
            if (row is { Note: null, Weight: { } w, Score: { } s } && s < w) holes.Add((i, Slot.Note));
        }
        var items = new List<(List<(Ingestion.RawRow Row, int Index)> Pieces, bool IsTarget, bool IsPair)>();
        var lastWasText = false;
        for (var n = 0; n < left.Count; n++)
        {
            var x = left[n];
            var line = RowText.Joined(x.Row);
            var single = RowText.NonEmpty(x.Row).Count() == 1;
            var above = lastWasText ? items[^1].Pieces[^1] : default;
            // A cell's last character wrapped alone ("可持续影响指" / "标") goes on the line above; a run of single
            // characters is a label printed upright (绩/效/指/标), no value.
            if (single && line.Length == 1 && TextCleaner.IsCjk(line[0]))
            {
                var run = n + 1 < left.Count && RowText.Joined(left[n + 1].Row).Length == 1 && left[n + 1].Index == x.Index + 1;
                if (lastWasText && x.Index == above.Index + 1 && !run) items[^1].Pieces.Add(x);
                lastWasText = false;
                continue;
            }
            // The rest of a measure worded with a figure, wrapped ("年度投资计划完成率" / "100%", "…到位90%-" / "100%"):
            // figures alone on the line after a full line of the cell.
            if (single && lastWasText && x.Index == above.Index + 1 && !line.Any(TextCleaner.IsCjk) && line.Any(char.IsAsciiDigit) &&
                RowText.Joined(above.Row) is { Length: > 0 } aboveText &&
                TextCleaner.DisplayWidth(aboveText) >= TextCleaner.DisplayWidth(RowText.Joined(items[^1].Pieces[0].Row)) &&
                (items[^1].Pieces.Any(p => WordyMeasure(RowText.Joined(p.Row))) || TextCleaner.IsCjk(aboveText[^1]) || aboveText[^1] == '-'))
            {
                items[^1].Pieces.Add(x);
                continue;
            }
            if (single && IsTargetLike(line) && HasComparator(line)) items.Add(([x], true, false));
            else if (IsMeasurePair(x.Row)) items.Add(([x], false, true));
            // A piece of a wrapped column label ("析及改进措施") is the template's, no value.
            else if (single && (IsHeaderValue(x.Row) && !IsTargetLike(line) || WordyMeasure(line)))
            {
                // A cell goes on only over the very next line: a line read as something else between breaks it.
                // A level's name is a cell of its own, and so is a line that begins as the cell above began or holds
                // its words (a row's actual after its target: "带来经济效益,…" / "带来了经济效益,…", "实现建设目标" /
                // "达到建设目标"); a wrapped cell's lines go on with new words.
                var itemStart = lastWasText ? RowText.Joined(items[^1].Pieces[0].Row) : "";
                var goesOn = lastWasText && x.Index == above.Index + 1 &&
                             (StartsMidSentence(line) || TextCleaner.DisplayWidth(line) <= TextCleaner.DisplayWidth(RowText.Joined(above.Row))) &&
                             matcher.MatchLevel(line) is not { IsExact: true } && matcher.MatchLevel(itemStart) is not { IsExact: true } &&
                             !SharesWords(line, string.Concat(items[^1].Pieces.Select(p => RowText.Joined(p.Row))));
                // What only a label's middle or end looks like ("完成" of 实际完成值) goes on a value above it; alone, or at
                // the start of a label, it is the label's.
                if (IsLabelPiece(line) && !(goesOn && !IsLabelStart(line)))
                {
                    lastWasText = false;
                    continue;
                }
                if (goesOn) items[^1].Pieces.Add(x);
                else items.Add(([x], false, false));
                lastWasText = true;
                continue;
            }
            lastWasText = false;
        }
        // A level name wrapped after the table ("服务对象满意度指" / "标") that no row took as its 二级指标 is no name or note.
        items.RemoveAll(t => !t.IsTarget && !t.IsPair && matcher.MatchLevel(string.Concat(t.Pieces.Select(x => RowText.Joined(x.Row)))) is { IsExact: true });
        // A sentence where no row lacks a note (a goal the tool wrapped there) is not read here; any other cell that fits
        // nowhere leaves the reading undecided.
        if (!holes.Any(h => h.Kind is Slot.Note))
            items.RemoveAll(t => !t.IsTarget && !t.IsPair && string.Concat(t.Pieces.Select(x => RowText.Joined(x.Row))).AsSpan().IndexOfAny("，。；") >= 0);
        if (items.Count == 0) return left;
        bool FitsOne(int k, int j, bool measures) =>
            items[k].IsPair ? measures && holes[j].Kind is Slot.Measures
                : holes[j].Kind is not Slot.Measures && Fits(b, state, items[k].Pieces, items[k].IsTarget, holes[j]);
        bool FitsTwo(int k, int j, bool measures) =>
            holes[j].Kind is Slot.NameAndTarget && !items[k].IsTarget && !items[k].IsPair && items[k + 1].IsTarget && !ActualPrintedFirst(state) &&
            Fits(b, state, items[k].Pieces, false, (holes[j].Row, Slot.Name)) ||
            measures && holes[j].Kind is Slot.Measures && TextsAlike(items[k], items[k + 1]);
        List<(int Item, int Count, int Slot)>? AlignedIn(List<int> itemIds, List<int> slotIds, bool measures) =>
            itemIds.Count == 0 ? null :
            Align(itemIds.Count, slotIds.Count, j => holes[slotIds[j]].Kind is not Slot.Name,
                (k, j) => FitsOne(itemIds[k], slotIds[j], measures),
                (k, j) => itemIds[k + 1] == itemIds[k] + 1 && FitsTwo(itemIds[k], slotIds[j], measures))
            ?.Select(p => (itemIds[p.Item], p.Count, slotIds[p.Slot])).ToList();
        // Targets and actuals (two on one line, or two alike on lines of their own) go with the rest where one way fits
        // them all; where they leave it open (more rows lack both than there are such pairs: which rows is not in the
        // text), the names and notes are placed without them.
        List<(int Item, int Count, int Slot)>? Both(List<int> itemIds, List<int> slotIds) =>
            AlignedIn(itemIds, slotIds, measures: true) ?? AlignedIn([.. itemIds.Where(k => !items[k].IsPair)], slotIds, measures: false);
        var pairs = Both([.. Enumerable.Range(0, items.Count)], [.. Enumerable.Range(0, holes.Count)]);
        // A form over pages has a tail after each page's rows (Calc writes a page's wrapped cells at its foot): each
        // tail is its page's, and a page whose tail fits no way leaves the others read.
        if (pairs is null)
        {
            var rowAt = Enumerable.Range(0, b.Indicators.Count)
                .Select(i => b.Provenance.TryGetValue($"indicators[{i}].weight", out var w) ? w.Row ?? -1 : -1).ToArray();
            var segments = new List<List<int>>();
            for (var k = 0; k < items.Count; k++)
            {
                var (after, before) = (k > 0 ? items[k - 1].Pieces[^1].Index : -1, items[k].Pieces[0].Index);
                if (k == 0 || rowAt.Any(r => r > after && r < before)) segments.Add([]);
                segments[^1].Add(k);
            }
            if (segments.Count > 1)
            {
                pairs = [];
                var previous = -1;
                foreach (var segment in segments)
                {
                    var start = items[segment[0]].Pieces[0].Index;
                    var slotIds = Enumerable.Range(0, holes.Count).Where(j => rowAt[holes[j].Row] > previous && rowAt[holes[j].Row] < start).ToList();
                    if (Both(segment, slotIds) is { } placed) pairs.AddRange(placed);
                    previous = start;
                }
                if (pairs.Count == 0) pairs = null;
            }
        }
        if (pairs is null) return left;
        foreach (var (k, count, j) in pairs)
        {
            var (pieces, isTarget, isPair) = items[k];
            var (i, kind) = holes[j];
            var first = RowText.NonEmpty(pieces[0].Row).First();
            var p = $"indicators[{i}]";
            if (isPair)
            {
                var cells = RowText.NonEmpty(pieces[0].Row).ToList();
                var (target, actual) = ActualPrintedFirst(state) ? (cells[1], cells[0]) : (cells[0], cells[1]);
                b.Indicators[i] = b.Indicators[i] with
                {
                    Target = b.Repair(TextCleaner.Clean(target.Text), target, $"{p}.target"), Actual = b.Repair(TextCleaner.Clean(actual.Text), actual, $"{p}.actual"),
                };
                b.From($"{p}.target", target, pieces[0].Index);
                b.From($"{p}.actual", actual, pieces[0].Index);
                b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                    $"第 {i + 1} 行指标没有年度指标值与实际完成值；表格之后的“{target.Text}”“{actual.Text}”按表格的顺序读作这一行的", target, pieces[0].Index, $"{p}.target");
                continue;
            }
            if (isTarget)
            {
                // The name is the text read as the first measure the header prints, from the same cell; where it prints
                // 实际完成值 first, the text read as the target is the actual.
                if (ActualPrintedFirst(state))
                {
                    b.MoveSource($"{p}.actual", $"{p}.name");
                    b.MoveSource($"{p}.target", $"{p}.actual");
                    b.Indicators[i] = b.Indicators[i] with { Name = b.Indicators[i].Actual, Actual = b.Indicators[i].Target };
                }
                else
                {
                    b.MoveSource($"{p}.target", $"{p}.name");
                    b.Indicators[i] = b.Indicators[i] with { Name = b.Indicators[i].Target };
                }
                b.Indicators[i] = b.Indicators[i] with { Target = b.Repair(TextCleaner.Clean(first.Text), first, $"{p}.target") };
                b.From($"{p}.target", first, pieces[0].Index);
                b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                    $"第 {i + 1} 行指标只有两段文字；表格之后的“{first.Text}”按顺序读作这一行的年度指标值，行内第一段读作名称", first, pieces[0].Index, $"{p}.target");
                continue;
            }
            var text = TextCleaner.Clean(string.Concat(pieces.Select(x => RowText.Joined(x.Row))));
            if (count == 2 && kind is Slot.Measures)
            {
                // A target and an actual each on lines of their own ("带来经济效益,提高工作效率" / "带来了经济效益,工作
                // 效率得" / "到了提高"), alike as a row's two measures are.
                var (one, two) = (pieces, items[k + 1].Pieces);
                var (target, actual) = ActualPrintedFirst(state) ? (two, one) : (one, two);
                string Joined(List<(Ingestion.RawRow Row, int Index)> lines) => TextCleaner.Clean(string.Concat(lines.Select(x => RowText.Joined(x.Row))))!;
                var (targetCell, actualCell) = (RowText.NonEmpty(target[0].Row).First(), RowText.NonEmpty(actual[0].Row).First());
                b.Indicators[i] = b.Indicators[i] with
                {
                    Target = b.Repair(Joined(target), targetCell, $"{p}.target"), Actual = b.Repair(Joined(actual), actualCell, $"{p}.actual"),
                };
                FromLines(b, $"{p}.target", target);
                FromLines(b, $"{p}.actual", actual);
                b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                    $"第 {i + 1} 行指标没有年度指标值与实际完成值；表格之后的“{Joined(target)}”“{Joined(actual)}”按表格的顺序读作这一行的", targetCell, target[0].Index, $"{p}.target");
                continue;
            }
            if (count == 2)
            {
                // The one text on the row is its actual; the name and the target were written after the table.
                var target = RowText.NonEmpty(items[k + 1].Pieces[0].Row).First();
                b.MoveSource($"{p}.name", $"{p}.actual");
                b.Indicators[i] = b.Indicators[i] with
                {
                    Actual = b.Indicators[i].Name, Name = b.Repair(text, first, $"{p}.name"),
                    Target = b.Repair(TextCleaner.Clean(target.Text), target, $"{p}.target"),
                };
                FromLines(b, $"{p}.name", pieces);
                b.From($"{p}.target", target, items[k + 1].Pieces[0].Index);
                b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                    $"第 {i + 1} 行指标只有一段文字；表格之后的“{text}”“{target.Text}”按顺序读作这一行的名称与年度指标值，行内文字读作实际完成值", first, pieces[0].Index, $"{p}.name");
                continue;
            }
            // A measure in words that begins as the row's actual does ("资金按计划到位90%-100%" beside 资金按计划到位) is
            // the row's target: the text read as its target was its name.
            if (kind is Slot.Name && text is { } worded && WordyMeasure(worded) && !ActualPrintedFirst(state) &&
                b.Indicators[i] is { Target: { } readAsTarget, Actual: { Length: >= 2 } actualText } && !IsTargetLike(readAsTarget) &&
                worded.StartsWith(actualText[..2], StringComparison.Ordinal))
            {
                b.MoveSource($"{p}.target", $"{p}.name");
                b.Indicators[i] = b.Indicators[i] with { Name = readAsTarget, Target = b.Repair(worded, first, $"{p}.target") };
                FromLines(b, $"{p}.target", pieces);
                b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                    $"第 {i + 1} 行指标只有两段文字；表格之后的“{worded}”与实际完成值同起，按顺序读作这一行的年度指标值，行内第一段读作名称", first, pieces[0].Index, $"{p}.target");
                continue;
            }
            var isNote = kind is Slot.Note;
            var field = isNote ? "note" : "name";
            b.Indicators[i] = isNote ? b.Indicators[i] with { Note = text } : b.Indicators[i] with { Name = b.Repair(text, first, $"{p}.name") };
            FromLines(b, $"{p}.{field}", pieces);
            var what = isNote ? "偏差原因分析及改进措施" : "三级指标名称";
            b.Warn(DiagnosticCodes.ValueAwayFromLabel, $"第 {i + 1} 行指标没有{what}；表格之后的“{text}”按顺序读作这一行的{what}", first, pieces[0].Index, $"{p}.{field}");
        }
        var taken = pairs.SelectMany(p => Enumerable.Range(p.Item, p.Count)).SelectMany(k => items[k].Pieces);
        return [.. left.Except(taken)];
    }

    /// <summary>A field read from a cell written over lines of its own: its first line's cell, and each line after.</summary>
    private static void FromLines(FormBuilder b, string field, List<(Ingestion.RawRow Row, int Index)> lines)
    {
        b.From(field, RowText.NonEmpty(lines[0].Row).First(), lines[0].Index, string.Join("\n", lines.Select(x => RowText.NonEmpty(x.Row).First().Text)));
        foreach (var piece in lines.Skip(1))
            foreach (var cell in RowText.NonEmpty(piece.Row)) b.AlsoFrom(field, cell, piece.Index);
    }

    /// <summary>What a row lacks that a cell written after the table can give it.</summary>
    private enum Slot { Name, Note, NameAndTarget, Measures }

    /// <summary>
    /// The one way to put <paramref name="items"/> in order into <paramref name="slots"/> so that every slot that must be
    /// filled is and every item fits its slot (an optional slot may stay empty: a row that lost a few points with no
    /// note), or null when there is none or more than one. Where <paramref name="fitsTwo"/> is given, two items in a row
    /// may fill one slot together (a name and a target); each pair says its first item, how many it took and its slot.
    /// </summary>
    internal static List<(int Item, int Count, int Slot)>? Align(int items, int slots, Func<int, bool> optional, Func<int, int, bool> fits,
        Func<int, int, bool>? fitsTwo = null)
    {
        bool Two(int i, int j) => fitsTwo is not null && i + 1 < items && fitsTwo(i, j);
        // ways[i, j]: how many ways items i.. go into slots j.. (counted up to 2: one is all that matters).
        var ways = new int[items + 1, slots + 1];
        ways[items, slots] = 1;
        for (var j = slots - 1; j >= 0; j--) ways[items, j] = optional(j) ? ways[items, j + 1] : 0;
        for (var i = items - 1; i >= 0; i--)
            for (var j = slots - 1; j >= 0; j--)
                ways[i, j] = Math.Min(2, (optional(j) ? ways[i, j + 1] : 0) + (fits(i, j) ? ways[i + 1, j + 1] : 0) +
                                         (Two(i, j) ? ways[i + 2, j + 1] : 0));
        if (ways[0, 0] != 1) return null;
        var pairs = new List<(int Item, int Count, int Slot)>();
        for (int i = 0, j = 0; i < items; j++)
        {
            if (fits(i, j) && ways[i + 1, j + 1] == 1) pairs.Add((i++, 1, j));
            else if (Two(i, j) && ways[i + 2, j + 1] == 1) { pairs.Add((i, 2, j)); i += 2; }
        }
        return pairs;
    }

    /// <summary>Whether a cell written after the table can fill a row's missing slot: a note of two lines at least, a name
    /// that is no sentence (no comma or stop inside it), a lone target only in a row whose name was read as the measure
    /// the header prints first.</summary>
    private bool Fits(FormBuilder b, ReadState state, List<(Ingestion.RawRow Row, int Index)> pieces, bool isTarget, (int Row, Slot Kind) hole) =>
        hole.Kind is not Slot.NameAndTarget && (isTarget
            ? hole.Kind is Slot.Name && b.Indicators[hole.Row] is { Target: { } t, Actual: { } a } &&
              (ActualPrintedFirst(state) ? !IsTargetLike(a) && !HasComparator(t) : !IsTargetLike(t) && !HasComparator(a))
            : hole.Kind is Slot.Note ? pieces.Count >= 2 : !pieces.Any(x => RowText.Joined(x.Row).AsSpan().IndexOfAny("，。；") > 0));

    private static bool HasComparator(string? text) => text is not null && text.AsSpan().IndexOfAny("<>=≥≤") >= 0;

    /// <summary>A line a wrapped sentence goes on with: one that starts with a comma, a stop or a closing bracket.</summary>
    private static bool StartsMidSentence(string line) => line.Length > 0 && "，,、。；;：:）)》」".Contains(line[0]);

    /// <summary>A piece of a column label the tool wrapped ("析及改进措施" of 偏差原因分析及改进措施).</summary>
    private bool IsLabelPiece(string line)
    {
        var compact = TextCleaner.Compact(line);
        return compact.Length >= 2 && LabelKinds.IndicatorColumns.Concat(LabelKinds.FundingColumns)
            .Any(k => matcher.Model.Labels.TryGetValue(k, out var labels) && labels.Any(l => l.Contains(compact, StringComparison.Ordinal)));
    }

    /// <summary>The first piece of a column label the tool wrapped ("偏差原因分" of 偏差原因分析及改进措施).</summary>
    private bool IsLabelStart(string line)
    {
        var compact = TextCleaner.Compact(line);
        return LabelKinds.IndicatorColumns.Concat(LabelKinds.FundingColumns)
            .Any(k => matcher.Model.Labels.TryGetValue(k, out var labels) && labels.Any(l => l.StartsWith(compact, StringComparison.Ordinal)));
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

    /// <summary>
    /// A measure in words with a figure in it and no comparator ("年度投资完成率100%", "满意度调查在85%以上"): four words'
    /// characters at least, more than a figure's unit ("98.6万元", "2136人次" are measures of their own).
    /// </summary>
    private static bool WordyMeasure(string text) =>
        text.Count(TextCleaner.IsCjk) >= 4 && text.Any(char.IsAsciiDigit) && !HasComparator(text);

    /// <summary>Two texts written after the table that begin alike, as a row's target and actual do ("带来…" / "带来了…").</summary>
    private static bool TextsAlike((List<(Ingestion.RawRow Row, int Index)> Pieces, bool IsTarget, bool IsPair) a,
        (List<(Ingestion.RawRow Row, int Index)> Pieces, bool IsTarget, bool IsPair) b)
    {
        if (a.IsTarget || a.IsPair || b.IsTarget || b.IsPair) return false;
        return SharesWords(string.Concat(a.Pieces.Select(p => RowText.Joined(p.Row))), string.Concat(b.Pieces.Select(p => RowText.Joined(p.Row))));
    }

    /// <summary>
    /// Whether two texts begin alike (two characters) or hold the same words of three characters ("实现建设目标" /
    /// "达到建设目标", "按计划100%开展" / "项目已按计划100%开展"), as a row's target and actual do.
    /// </summary>
    private static bool SharesWords(string x, string y)
    {
        if (x.Length >= 2 && y.Length >= 2 && x[..2] == y[..2] && TextCleaner.IsCjk(x[0])) return true;
        for (var i = 0; i + 3 <= x.Length; i++)
            if (x.Skip(i).Take(3).Count(TextCleaner.IsCjk) >= 2 && y.Contains(x.AsSpan(i, 3), StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// A line of two cells that are a row's target and actual: two measures ("=22个 22个"), or two texts that begin
    /// alike ("带来经济效益,…" / "带来了经济效益,…", "满意度调查在85%以上" twice). Labels and levels are no measures.
    /// </summary>
    private bool IsMeasurePair(Ingestion.RawRow row)
    {
        if (RowText.NonEmpty(row).Select(c => TextCleaner.Clean(c.Text)).ToList() is not [{ } a, { } b] || IsLabelsOnly(row) ||
            matcher.MatchLevel(a) is { IsExact: true } || matcher.MatchLevel(b) is { IsExact: true }) return false;
        return IsTargetLike(a) && IsTargetLike(b) || a.Length >= 2 && b.Length >= 2 && a[..2] == b[..2] && a.Any(TextCleaner.IsCjk);
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

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{1,2}$")]
    private static partial System.Text.RegularExpressions.Regex LoneDigits();
}
