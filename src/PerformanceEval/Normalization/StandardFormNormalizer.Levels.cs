using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Tables;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

public sealed partial class StandardFormNormalizer
{
    /// <summary>
    /// Sets the 一级/二级指标 a row falls under. A 二级指标 gives its 一级指标 from the template's hierarchy —
    /// the OCR often prints a merged 一级指标 beside another row than its first — and a row without one carries
    /// the last down, as a merged cell does.
    /// </summary>
    private void UpdateLevels(FormBuilder b, int ri, ReadState state, List<RowCell> left)
    {
        var levels = left.Where(c => c.Level is not null).ToList();
        // A cell that only resembles a level word is a name when the row has no other name ("服务对象满意度"): when
        // another level word stands beside it, or, in plain text, when it only repeats the 二级指标 already in force (a
        // merged level is printed once; the same words again on a line of their own are the row's name).
        // So it is, in plain text, when no line above holds the row's name either: every row has one.
        if (!left.Any(c => c.Level is null) && levels.Count > 0 && !levels[^1].Level!.IsExact &&
            (levels.Count(c => !c.Level!.IsLevel1) > 1 ||
             b.Grid.Rows[ri].Origin is RowOrigin.Layout && (RepeatsLevel(levels[^1], state) || state.PendingName.Count == 0)))
            levels = [.. levels.Take(levels.Count - 1)];
        var level2 = levels.LastOrDefault(c => !c.Level!.IsLevel1 && c.Level.IsExact) ?? levels.LastOrDefault(c => !c.Level!.IsLevel1);
        var level1 = levels.FirstOrDefault(c => c.Level!.IsLevel1);
        if (level2 is not null)
        {
            var name = Settle(level2.Level!, state.Level2);
            if (!level2.Level!.IsExact)
                b.Warn(DiagnosticCodes.LevelRepaired, $"二级指标“{level2.Text}”按模板更正为“{name}”", level2.Raw, ri);
            state.Level2 = name;
            state.Level1 = matcher.Model.ParentOf(name) ?? state.Level1;
            state.LevelCell = level2.Raw;
            state.LevelRow = ri;
            (state.Level1Cell, state.Level1Row) = level1 is null ? (null, ri) : (level1.Raw, ri);
        }
        else if (level1 is not null)
        {
            state.Level1 = level1.Level!.Name;
            (state.Level1Cell, state.Level1Row) = (level1.Raw, ri);
            if (state.Level2 is { } l2 && matcher.Model.ParentOf(l2) != state.Level1) state.Level2 = null;
        }
        else if (state.Level2 is null && b.Indicators.Count == 0 && matcher.Model.AllLevel2.FirstOrDefault() is { } first)
        {
            // The template opens with its first 二级指标 (数量指标); a first row whose label is unreadable is under it.
            state.Level2 = first;
            state.Level1 = matcher.Model.ParentOf(first);
            (state.LevelCell, state.Level1Cell) = (null, null);
            b.Warn(DiagnosticCodes.LevelAssumed, $"第一行指标没有可读的二级指标，按模板的第一个二级指标“{first}”处理",
                left.FirstOrDefault()?.Raw, ri);
        }
    }

    /// <summary>
    /// A 二级指标 cell of its own under the header's 二级指标 column that reads as no level ("as 和 二 / 叶妈后 / 标": a
    /// merged cell's vertical print garbled) starts another 二级指标: carrying the one above down would put its rows
    /// under the wrong one. Which it is, is asked of the rows it spans — their names and measures against each
    /// 二级指标's cues (the template's levelCues) — among those the template puts after the one in force (under the
    /// 一级指标 read on the row, or the same one where that cell is carried down). Only a cue that picks one of them, and
    /// says no less for it than for the one in force (a cell of its own says the 二级指标 changed), is taken, with a
    /// warning on the cell; otherwise the rows keep the one in force, as before (a form printing its 二级指标 on every
    /// row repeats it, garbled or not, and then its rows' cues speak for the one in force). Only a scan's cell: a text's
    /// 二级指标 that names no level of the template is what the form printed.
    /// </summary>
    private void UnreadLevel2(FormBuilder b, int ri, ReadState state, ColumnMap map, RowCell? level1, RowCell level2)
    {
        var order = matcher.Model.AllLevel2.ToList();
        var current = state.Level2 is { } l2 ? order.IndexOf(l2) : -1;
        var parent = level1 is { Level: { IsLevel1: true } l1 } ? l1.Name
            : level1 is { Raw.Carried: true } && state.Level2 is { } inForce ? matcher.Model.ParentOf(inForce)
            : null;
        var candidates = Enumerable.Range(0, order.Count)
            .Where(j => (parent is null || matcher.Model.ParentOf(order[j]) == parent) &&
                        (j > current || current >= 0 && parent is not null && matcher.Model.ParentOf(order[current]) != parent))
            .ToList();
        if (candidates.Count == 0) return;
        // The rows the cell spans: this one and those after it that carry it down.
        var texts = new List<(string? Name, string? Target, string? Actual)>();
        for (var r = ri; r < b.Grid.Rows.Length && r < ri + Math.Max(1, level2.Raw.RowSpan); r++)
        {
            var cells = b.Grid.Rows[r].Cells;
            if (r > ri && map.CellFor(cells, "HdrLevel2") is not { Carried: true }) break;
            string? Text(string kind) => map.CellFor(cells, kind) is { IsEmpty: false } c ? TextCleaner.Clean(c.Text) : null;
            texts.Add((Text("HdrName"), Text("HdrTarget"), Text("HdrActual")));
        }
        int Agreement(string level) =>
            matcher.Model.LevelCues.FirstOrDefault(c => c.Level2 == level).Pattern is not { } cue ? 0
                : texts.Sum(t => (t.Name is { } n && cue.IsMatch(n) ? 2 : 0) + (t.Target is { } tg && cue.IsMatch(tg) ? 1 : 0) +
                                 (t.Actual is { } a && cue.IsMatch(a) ? 1 : 0));
        var scored = candidates.Select(j => (Level: order[j], Score: Agreement(order[j]))).OrderByDescending(x => x.Score).ToList();
        if (scored[0].Score == 0 || scored.Count > 1 && scored[1].Score == scored[0].Score) return;
        if (state.Level2 is { } kept && Agreement(kept) > scored[0].Score) return;
        var chosen = scored[0].Level;
        b.Warn(DiagnosticCodes.LevelAssumed,
            $"二级指标“{level2.Text!.Replace('\n', '/')}”读不出，按其下各行的名称与指标值及模板次序推定为“{chosen}”", level2.Raw, ri);
        state.Level2 = chosen;
        state.Level1 = matcher.Model.ParentOf(chosen) ?? state.Level1;
        state.LevelCell = level2.Raw;
        state.LevelRow = ri;
        if (level1 is not { Level.IsLevel1: true }) (state.Level1Cell, state.Level1Row) = (null, ri);
    }

    /// <summary>Settles a tie ("量指标": 数量指标 or 质量指标) by template order: the first candidate after the current one.</summary>
    /// <summary>True when a cell only resembling a level word settles to the 二级指标 already in force.</summary>
    private bool RepeatsLevel(RowCell cell, ReadState state) =>
        cell.Level is { IsExact: false, IsLevel1: false } level && state.Level2 is { } current && Settle(level, current) == current;

    private string Settle(LevelMatch match, string? current)
    {
        if (!match.IsAmbiguous) return match.Name;
        var order = matcher.Model.AllLevel2.ToList();
        var at = current is null ? -1 : order.IndexOf(current);
        return match.Candidates.OrderBy(c => order.IndexOf(c)).FirstOrDefault(c => order.IndexOf(c) > at) ?? match.Name;
    }

    /// <summary>
    /// The name among the cells left of the target: the one under the 三级指标 header if there is one, else the
    /// nearest to the target. The others are cells the OCR pushed out of place; each is reported.
    /// </summary>
    private (string Text, RawCell Cell)? ChooseName(FormBuilder b, int ri, ReadState state, List<RowCell> left)
    {
        var candidates = left.Where(c => c.Level is null).ToList();
        if (candidates.Count == 0)
        {
            // Only level words: the right-most non-exact one is a name that resembles a level word.
            var fuzzy = left.LastOrDefault(c => c.Level is { IsExact: false } && c.Raw != state.LevelCell);
            return fuzzy is null ? null : (fuzzy.Text!, fuzzy.Raw);
        }
        var nameColumn = state.IndicatorColumns?.FirstColumnOf("HdrName") ?? -1;
        var chosen = candidates.FirstOrDefault(c => c.Raw.Source.Col == nameColumn) ?? candidates[^1];
        foreach (var other in candidates.Where(c => c != chosen))
            b.Warn(DiagnosticCodes.SurplusCell, $"单元格“{other.Text}”在指标行中位置不符，未读取", other.Raw, ri);
        // A plain text line numbers its words, not the header's columns (a merged 一级指标 is printed once): no shift to see.
        var columnsComparable = b.Grid.Rows[ri].Origin is not RowOrigin.Layout;
        if (columnsComparable && candidates.Count == 1 && state.IndicatorColumns is not null && nameColumn >= 0 && chosen.Raw.Source.Col != nameColumn &&
            chosen.Raw.Source.Col < nameColumn && chosen.Raw.Source.Col is not null && state.IndicatorColumns.Count >= 5)
            b.Warn(DiagnosticCodes.RowShifted, $"指标名称“{chosen.Text}”出现在三级指标列的左侧", chosen.Raw, ri);
        return (chosen.Text!, chosen.Raw);
    }

    /// <summary>
    /// A row with no 分值/得分 pair: level words update the context; in layout text, other words are the start of
    /// a name broken over lines, or the rest of the note of the indicator above.
    /// </summary>
    private void ReadRowWithoutFigures(FormBuilder b, RawRow row, int ri, ReadState state, List<RowCell> nonEmpty)
    {
        // In plain text, a line that only resembles the 二级指标 in force is the start of a name ("服务对象满意" / "度").
        if (nonEmpty.All(c => c.Level is not null) &&
            !(row.Origin is RowOrigin.Layout && nonEmpty.Count == 1 && RepeatsLevel(nonEmpty[0], state)))
        {
            UpdateLevelsOnly(state, nonEmpty, ri);
            state.ExpectNote = false;
            return;
        }
        if (row.Origin is RowOrigin.Layout)
        {
            // A target and an actual alone on a line, their row's pair not on the next: a page's wrapped cells, written
            // between its rows and the next page's with no title or header to mark them (Calc's PDFs through
            // pdftotext -raw, a table without its header repeated). They and what follows up to the next page's rows
            // are read as after a title, not as the next row's name.
            if (b.Indicators.Count > 0 && nonEmpty.Count == 2 && nonEmpty.All(c => FormPatterns.IsMeasure(c.Text, matcher.Model.Units)) &&
                !PairFollows(b.Grid, ri))
            {
                if (state.PendingName.Count > 0) SetAsidePendingName(b, state);
                state.PageTail = true;
                state.ExpectNote = false;
                state.Unplaced.Add((row, ri));
                return;
            }
            var text = string.Concat(nonEmpty.Select(c => c.Text));
            // The first line after a row with a note, written as a sentence goes on ("…未按计划完" / "成，下年度加强跟踪"): the
            // note's rest, not the next row's name (a name is no clause).
            // So is the line after a note that stopped mid-sentence ("…未按计划完成，" / "下年度加强跟踪").
            var noteGoesOn = state.PendingName.Count == 0 && b.Indicators.Count > 0 && b.Indicators[^1].Note is { } open &&
                             (text.AsSpan().IndexOfAny("，；。") >= 0 ||
                              open.TrimEnd().EndsWith('，') || open.TrimEnd().EndsWith('；') || open.TrimEnd().EndsWith('、'));
            if ((state.ExpectNote || noteGoesOn) && b.Indicators.Count > 0 && nonEmpty.All(c => c.Level is null))
            {
                var last = b.Indicators[^1];
                b.Indicators[^1] = last with { Note = b.Repair((last.Note ?? "") + text, nonEmpty[0].Raw, $"indicators[{b.Indicators.Count - 1}].note") };
                b.From($"indicators[{b.Indicators.Count - 1}].note", nonEmpty[0].Raw, ri);
                // A note goes on while its lines are full (a wrapped cell); a short line is its last. A line as wide as
                // the note's first is full, however narrow the column ("部分工作未按" / "计划完成，下" / "年度加强跟踪").
                var width = TextCleaner.DisplayWidth(text);
                if (last.Note is null) state.NoteLineWidth = width;
                state.ExpectNote = text.Length >= 7 || last.Note is not null && width >= state.NoteLineWidth;
                state.NoteEndLine = nonEmpty.Max(c => c.Raw.Source.Line);
                return;
            }
            var repeats = nonEmpty.Count == 1 && RepeatsLevel(nonEmpty[0], state);
            if (!repeats) UpdateLevelsOnly(state, nonEmpty.Where(c => c.Level is not null).ToList(), ri);
            state.PendingName.AddRange(nonEmpty.Where(c => c.Level is null || repeats).Select(c => (c.Text!, c.Raw)));
            return;
        }
        UpdateLevelsOnly(state, nonEmpty.Where(c => c.Level is not null).ToList(), ri);
        var lost = string.Join(" ", nonEmpty.Where(c => c.Level is null).Select(c => c.Text));
        if (lost.Length == 0) return;
        // A row with figures or a name-sized text is an indicator the form's sums count; a scrap is not.
        var substantive = lost.Any(char.IsDigit) || lost.Length >= 6;
        b.Warn(substantive ? DiagnosticCodes.RowLost : DiagnosticCodes.RowFragment,
            $"没有分值/得分的指标行未读取：“{lost}”", nonEmpty[0].Raw, ri);
    }

    /// <summary>True when the next line with text holds two small figures and nothing else: a row's 分值/得分 on a line of its own.</summary>
    private static bool PairFollows(FormGrid grid, int ri)
    {
        var next = grid.Rows.Skip(ri + 1).FirstOrDefault(r => RowText.NonEmpty(r).Any());
        return next is not null && RowText.NonEmpty(next).ToList() is [var weight, var score] &&
               new[] { weight, score }.All(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out var n) && !n.Percent && n.Value <= 100);
    }

    /// <summary>The levels a row without figures names, with the row they stand in (what the fields' provenance says).</summary>
    private void UpdateLevelsOnly(ReadState state, List<RowCell> levels, int ri)
    {
        var level2 = levels.LastOrDefault(c => !c.Level!.IsLevel1);
        if (level2 is not null)
        {
            state.Level2 = Settle(level2.Level!, state.Level2);
            state.Level1 = matcher.Model.ParentOf(state.Level2) ?? state.Level1;
            state.LevelCell = level2.Raw;
            state.LevelRow = ri;
            state.Level1Cell = null;
        }
        else if (levels.FirstOrDefault() is { } level1)
        {
            state.Level1 = level1.Level!.Name;
            state.Level1Cell = level1.Raw;
            state.Level1Row = ri;
            if (state.Level2 is { } l2 && matcher.Model.ParentOf(l2) != state.Level1) state.Level2 = null;
        }
    }
}
