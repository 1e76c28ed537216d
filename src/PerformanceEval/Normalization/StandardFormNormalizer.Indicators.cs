using System.Globalization;
using System.Collections.Immutable;
using PerformanceEval.Diagnostics;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using PerformanceEval.Tables;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

public sealed partial class StandardFormNormalizer
{
    /// <summary>A cell of an indicator row with what it was recognised as.</summary>
    private sealed record RowCell(RawCell Raw, string? Text, int Index, bool IsNumber, LevelMatch? Level);

    /// <summary>
    /// Reads a 总分 / 合计 row (a row of just "100 | 98" has had its lost label given back in Tables): the first figure
    /// is the total weight, the second the total score.
    /// </summary>
    private bool ReadTotalRow(FormBuilder b, RawRow row, int ri)
    {
        var cells = RowText.NonEmpty(row).ToList();
        var labelled = cells.FindIndex(c => IsTotalLabel(c.Text));
        var figures = cells.Skip(labelled + 1)
            .Select(c => (Cell: c, Ok: NumberParser.TryParse(TextCleaner.Clean(c.Text), out var n), n))
            .Where(x => x.Ok).ToList();
        if (labelled < 0) return false;
        if (figures.Count >= 2)
        {
            (b.TotalWeight, b.TotalScore) = (figures[0].n.Value, figures[1].n.Value);
            b.From("totalWeight", figures[0].Cell, ri);
            b.From("totalScore", figures[1].Cell, ri);
        }
        else if (figures.Count == 1 && cells.Skip(cells.IndexOf(figures[0].Cell) + 1).Any(c => TextCleaner.Clean(c.Text) is { } t && t.Any(char.IsDigit)))
        {
            // A figure and, after it, digits that read as no figure (a scan's score garbled, "3989沁" for 99.2): the
            // figure is the weight, the score is left unread.
            b.TotalWeight = figures[0].n.Value;
            b.From("totalWeight", figures[0].Cell, ri);
        }
        else if (figures.Count == 1 && GluedTotal(TextCleaner.Clean(figures[0].Cell.Text)) is { } score)
        {
            // A 总分 is out of 100: one figure past it is the 100 and the score glued ("10089.54", PdfPig's words of a
            // Chromium page).
            (b.TotalWeight, b.TotalScore) = (100m, score);
            b.From("totalWeight", figures[0].Cell, ri);
            b.From("totalScore", figures[0].Cell, ri);
            b.Warn(DiagnosticCodes.TotalUnglued, $"总分读作“{figures[0].Cell.Text}”，按分值合计 100、得分 {score} 读取", figures[0].Cell, ri, "totalScore");
        }
        else if (figures.Count == 1)
        {
            b.TotalScore = figures[0].n.Value;
            b.From("totalScore", figures[0].Cell, ri);
        }
        return true;
    }

    /// <summary>The score of a 总分 figure that is "100" and a score of at most 100 run together; null for any other.</summary>
    private static decimal? GluedTotal(string? text) =>
        text is { Length: > 3 } t && t.StartsWith("100", StringComparison.Ordinal) && t[3] != '.' && t[3] != '%' &&
        (t[3] != '0' || t.Length == 4 || t[4] == '.') && NumberParser.TryParse(t[3..], out var rest) && !rest.Percent && rest.Value <= 100
            ? rest.Value
            : null;

    /// <summary>
    /// A 总分 / 合计 label: the whole cell, or on a scan one word of it among specks the engine read as marks and lone
    /// characters ("可 序 亲 ， 总分 了": a merged label cell as wide as the table, dust and bleed-through in its white).
    /// </summary>
    private bool IsTotalLabel(string? text)
    {
        if (matcher.Match(text, "Total") is { Score: >= 0.9 }) return true;
        if (text is null) return false;
        var words = text.Split([' ', '\n', '\u3000'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 && words.Count(w => matcher.Match(w, "Total") is { Score: >= 0.999 }) == 1 &&
               words.All(w => matcher.Match(w, "Total") is { Score: >= 0.999 } || w.Count(TextCleaner.IsCjk) <= 1);
    }

    /// <summary>
    /// Reads one indicator row. The 分值/得分 pair anchors it from the right (rows shift, but those two figures
    /// stay together): 实际完成值 and 年度指标值 are the two cells before it, anything after is the note, and the
    /// 一级/二级指标 and the name are told apart by vocabulary, not by position.
    /// </summary>
    private void ReadIndicatorRow(FormBuilder b, RawRow row, int ri, ReadState state)
    {
        var cells = row.Cells.Select((c, i) => Classify(c, i)).ToList();
        var nonEmpty = cells.Where(c => c.Text is not null).ToList();
        if (nonEmpty.Count == 0) return;
        if (nonEmpty.All(c => matcher.Match(c.Text, [.. IndicatorHeaderKinds, "HdrFragment", "IndicatorSection"]) is { Score: >= 0.9 }))
            return;
        // A table going on in a new block (the next page) without its header: its columns in the header's order.
        if (row.HasSpans && state.IndicatorColumns is { HasSpans: true } header && row.Block != header.Block &&
            header.ForContinuation(row) is { } continued)
            state.IndicatorColumns = continued;
        if (row.HasSpans && state.IndicatorColumns is { HasSpans: true } map && map.Has("HdrWeight") && map.Has("HdrScore") &&
            ReadRowByHeader(b, row, ri, state, map, cells))
            return;
        var s = FindWeightScorePair(cells);
        // A target and an actual of one unit written as one word ("≥2000人次2136人次": PdfPig's words of a PDF that set the
        // two cells close) just before the pair are two cells, where nothing before them is a measure already.
        if (s >= 2 && row.Origin is RowOrigin.Layout && GluedMeasures(cells[s - 2].Text) is var (firstMeasure, secondMeasure) &&
            (s < 3 || cells[s - 3].Text is not { } ahead || !IsTargetLike(ahead)))
        {
            var twoInOne = cells[s - 2].Raw;
            ReadIndicatorRow(b, row with { Cells = [.. row.Cells.SelectMany(c => ReferenceEquals(c, twoInOne)
                ? new[] { c with { Text = firstMeasure }, c with { Text = secondMeasure } } : [c])] }, ri, state);
            return;
        }
        if (s >= 0) state.ReadByPosition = true;
        if (s < 0 && row.Origin is RowOrigin.Layout && GluedPair(row, cells) is var (apart, glued))
        {
            var before = b.Indicators.Count;
            ReadIndicatorRow(b, apart, ri, state);
            if (glued is { } split && b.Indicators.Count == before + 1)
            {
                // Which digits are the 分值 and which the 得分 is the text's guess, not the form's: both stay unread.
                b.Indicators[before] = b.Indicators[before] with { Weight = null, Score = null };
                foreach (var field in new[] { "weight", "score" })
                    b.Warn(DiagnosticCodes.FiguresJoined,
                        $"分值与得分在文本中粘成一个数“{split.Digits}”（也许是 {split.Weight} 与 {split.Score}），分不开，两者留空",
                        split.Cell, ri, $"indicators[{before}].{field}");
            }
            return;
        }
        if (s < 0)
        {
            ReadRowWithoutFigures(b, row, ri, state, nonEmpty);
            return;
        }
        var w = s - 1;
        // Cells of the line read into a measure joined from several lines.
        var consumed = new HashSet<RawCell>(ReferenceEqualityComparer.Instance);
        // The two cells before the pair, in the order the header printed their columns (年度指标值 first, as the
        // template has it, unless this printing put 实际完成值 first).
        var (at, tt) = ActualPrintedFirst(state) ? (w - 2, w - 1) : (w - 1, w - 2);
        var actual = at >= 0 ? cells[at] : null;
        var target = tt >= 0 ? cells[tt] : null;
        if (row.Origin is RowOrigin.Layout)
        {
            // A plain line has no empty cells to hold a place: a level word before the pair is no target or actual, and
            // one text alone there without a figure's grammar is the name, its target and actual written elsewhere (a
            // dump that puts wrapped cells after the table) — unless the lines above already hold the row's name.
            if (target?.Level is { IsExact: true }) target = null;
            if (actual?.Level is { IsExact: true }) actual = null;
            // (Whichever of the two the header prints nearer the 分值: the lone cell is the one before the pair.)
            if (target is null && actual is { } only && !IsTargetLike(only.Text) && state.PendingName.Count == 0) actual = null;
            if (actual is null && target is { } alone && !IsTargetLike(alone.Text) && state.PendingName.Count == 0) target = null;
            var first = cells.FindIndex(c => c.Text is not null);
            // The note above gone on over the held lines is no part of this row.
            NoteGoesOnOverHeldLines(b, state, ri,
                ownCells: target?.Text is not null && actual?.Text is not null && cells.Skip(first).Take(Math.Min(at, tt) - first).Any(c => c.Text is not null && c.Level is null));
            // Nothing before the pair on its own line: the lines held for the name are the row's name, target and actual,
            // each cell's wrapped lines one after the other.
            var undivided = false;
            // The line's first cell the last line of a cell the held lines began ("预算控制率" / "有所提" / "升 提升 6 6": a
            // tool writing each cell's lines in turn puts the cells' last lines on the row's line): the held lines and the
            // line's cells are cut together into the name and the two measures.
            var onLine = cells.Skip(first).Take(w - first).Where(c => c.Text is not null && c.Level is not { IsExact: true }).ToList();
            if (state.PendingName.Count > 0 && onLine.Count is 1 or 2 && SplitWithLine(state, onLine) is { } joined)
            {
                state.PendingName.Clear();
                state.PendingName.AddRange(joined.Name);
                (target, actual) = ActualPrintedFirst(state) ? (joined.Measures[1], joined.Measures[0]) : (joined.Measures[0], joined.Measures[1]);
                consumed.UnionWith(onLine.Select(c => c.Raw));
            }
            else if (target is null && actual is null && w == first && SplitHeldLines(state, 3, out undivided) is { } split)
            {
                state.PendingName.Clear();
                state.PendingName.AddRange(split.Name);
                (target, actual) = ActualPrintedFirst(state) ? (split.Measures[1], split.Measures[0]) : (split.Measures[0], split.Measures[1]);
            }
            // One measure on the line: it is the second the header prints, and the held lines are the name and the first.
            else if (first == w - 1 && cells[first].Level is null && SplitHeldLines(state, 2, out _) is { } named)
            {
                state.PendingName.Clear();
                state.PendingName.AddRange(named.Name);
                (target, actual) = ActualPrintedFirst(state) ? (cells[first], named.Measures[0]) : (named.Measures[0], cells[first]);
            }
            // The held lines are a name, a target and an actual two ways equally well: they are read as the name, and
            // unless the cells written after the table give the row its target and actual, the form says so.
            if (undivided) state.Undivided.Add((b.Indicators.Count, state.PendingName[0].Cell, ri));
        }
        var left = cells.Take(Math.Max(0, w)).Where(c => c.Text is not null && c != target && c != actual && !consumed.Contains(c.Raw)).ToList();
        var noteCells = cells.Skip(s + 1).Where(c => c.Text is not null).ToList();
        UpdateLevels(b, ri, state, left);
        var name = ChooseName(b, ri, state, left);

        var index = b.Indicators.Count;
        var p = $"indicators[{index}]";
        // (A header naming only one of 年度指标值 and 实际完成值, the other's label wrapped and written elsewhere, says no
        // more of their order than none.)
        if ((state.IndicatorColumns is null || !(state.IndicatorColumns.Has("HdrTarget") && state.IndicatorColumns.Has("HdrActual"))) &&
            (target is not null || actual is not null))
            state.ReadInTemplateOrder.Add(index);
        var nameText = name is null ? null : TextCleaner.Clean(name.Value.Text);
        NoteEndBeforeName(b, state, name?.Text, ri);
        if (state.PendingName.Count > 0)
        {
            nameText = TextCleaner.Clean(string.Concat(state.PendingName.Select(x => x.Text)) + nameText);
            b.From($"{p}.name", state.PendingName[0].Cell, ri, string.Join("\n", state.PendingName.Select(x => x.Cell.Text)));
            foreach (var (_, piece) in state.PendingName.Skip(1)) b.AlsoFrom($"{p}.name", piece, ri);
            if (name is { } last) b.AlsoFrom($"{p}.name", last.Cell, ri);
            state.PendingName.Clear();
        }
        else if (name is { } n) b.From($"{p}.name", n.Cell, ri);
        var weight = Number(cells[w]);
        var score = Number(cells[s]);
        // A scan's 分值 or 得分 holding a figure on each of its lines is several rows' figures in one cell (a rule the
        // reader missed), read by position as on a table whose header was lost: no figure of this row, as by the header.
        var stacked = (cells[w].Raw.Source.Confidence is not null || cells[s].Raw.Source.Confidence is not null) &&
                      JoinedFigures(cells[w], cells[s], weight, target, actual);
        if (stacked) (weight, score) = (null, null);
        var note = TextCleaner.Clean(string.Join("\n", noteCells.Select(c => c.Raw.Text)));
        b.Indicators.Add(new Indicator
        {
            Level1 = state.Level1,
            Level2 = state.Level2,
            Name = b.Repair(nameText, name?.Cell, $"{p}.name"),
            Target = b.Repair(target?.Text, target?.Raw, $"{p}.target"),
            Actual = b.Repair(actual?.Text, actual?.Raw, $"{p}.actual"),
            Weight = weight,
            Score = score,
            Note = b.Repair(note, noteCells.FirstOrDefault()?.Raw, $"{p}.note"),
        });
        if (target?.Text is not null) b.From($"{p}.target", target.Raw, ri);
        if (actual?.Text is not null) b.From($"{p}.actual", actual.Raw, ri);
        b.From($"{p}.weight", cells[w].Raw, ri);
        b.From($"{p}.score", cells[s].Raw, ri);
        if (stacked) WarnJoined(b, p, ri, cells[w].Raw, cells[s].Raw);
        if (noteCells.Count > 0) b.From($"{p}.note", noteCells[0].Raw, ri);
        foreach (var piece in noteCells.Skip(1)) b.AlsoFrom($"{p}.note", piece.Raw, ri);
        // A level read on an earlier row (a merged cell carried down) points at that row; one the template
        // gave (the 一级指标 of a 二级指标) points at the cell it was derived from.
        var rowCell = name?.Cell ?? cells.First(c => c.Text is not null).Raw;
        if (state.Level2 is not null) b.From($"{p}.level2", state.LevelCell ?? rowCell, state.LevelCell is null ? ri : state.LevelRow);
        if (state.Level1 is not null) b.From($"{p}.level1", state.Level1Cell ?? state.LevelCell ?? rowCell, state.Level1Cell is not null ? state.Level1Row : state.LevelCell is not null ? state.LevelRow : ri);
        state.ExpectNote = row.Origin is RowOrigin.Layout && note is null && score < weight;
        state.NoteEndLine = noteCells.Count > 0 ? noteCells.Max(c => c.Raw.Source.Line) : null;
    }

    /// <summary>
    /// The held lines that go on the note of the row above: the run of them on the lines right after the note's
    /// ("部分工作未" / "按计划完" / "成，下年度" / "加强跟踪", a note wrapped in a narrow cell, the "成" carried down with its
    /// comma), when a line of the run reads as a clause — a name is none — and the run is not this row's: the row holds
    /// its own name and both measures (<paramref name="ownCells"/>), or the run ends at a line between (a 二级指标 printed
    /// over the next row) and held lines go on after it.
    /// </summary>
    private void NoteGoesOnOverHeldLines(FormBuilder b, ReadState state, int ri, bool ownCells)
    {
        if (state.PendingName.Count == 0 || b.Indicators.Count == 0 || b.Indicators[^1].Note is null || state.NoteEndLine is not { } noteLine) return;
        var run = 0;
        while (run < state.PendingName.Count && state.PendingName[run].Cell.Source.Line == noteLine + 1 + run) run++;
        if (run == 0 || !state.PendingName.Take(run).Any(h => h.Text.AsSpan().IndexOfAny("，；。") >= 0)) return;
        if (ownCells ? run != state.PendingName.Count : run == state.PendingName.Count) return;
        var at = $"indicators[{b.Indicators.Count - 1}].note";
        var held = state.PendingName.Take(run).ToList();
        b.Indicators[^1] = b.Indicators[^1] with { Note = b.Repair(b.Indicators[^1].Note + string.Concat(held.Select(h => h.Text)), held[0].Cell, at) };
        foreach (var (_, cell) in held) b.AlsoFrom(at, cell, ri);
        state.NoteEndLine = noteLine + run;
        state.PendingName.RemoveRange(0, run);
    }

    /// <summary>
    /// A note's last line written after its row and before the next row's name, in text without columns ("资金执行偏" /
    /// "慢" / "问题整改率 及时 及时 10 10"): the first line held for the name, on the line after the note's, narrower than the
    /// name's next line, is no first line of a name — a wrapped cell's first line is full — but the note's end.
    /// </summary>
    private void NoteEndBeforeName(FormBuilder b, ReadState state, string? nameOnLine, int ri)
    {
        if (state.PendingName.Count == 0 || b.Indicators.Count == 0 || b.Indicators[^1].Note is null || state.NoteEndLine is not { } noteLine) return;
        var (text, cell) = state.PendingName[0];
        var next = state.PendingName.Count > 1 ? state.PendingName[1].Text : nameOnLine;
        if (cell.Source.Line != noteLine + 1 || next is null || TextCleaner.DisplayWidth(text) >= TextCleaner.DisplayWidth(next)) return;
        var at = $"indicators[{b.Indicators.Count - 1}].note";
        b.Indicators[^1] = b.Indicators[^1] with { Note = b.Repair(b.Indicators[^1].Note + text, cell, at) };
        b.AlsoFrom(at, cell, ri);
        state.PendingName.RemoveAt(0);
    }

    /// <summary>
    /// The lines held for a row's name cut into its name and one or two measures (<paramref name="cellCount"/> cells in
    /// all, <see cref="WrappedCells"/>), each measure one cell of its pieces; null when they do not cut into that many one
    /// way better than the others (<paramref name="tied"/> when two ways were equally good).
    /// </summary>
    private (List<(string Text, RawCell Cell)> Name, List<RowCell> Measures)? SplitHeldLines(ReadState state, int cellCount, out bool tied)
    {
        tied = false;
        var held = state.PendingName;
        if (held.Count < cellCount) return null;
        var groups = WrappedCells.Split([.. held.Select((h, i) => (h.Cell.Text, h.Cell.Source.Line ?? i))], cellCount, matcher.Model.Units, out tied);
        if (groups is not { } g) return null;
        RowCell Cell(ImmutableArray<int> pieces)
        {
            var raw = held[pieces[0]].Cell;
            for (var k = 1; k < pieces.Length; k++)
            {
                var next = held[pieces[k]].Cell;
                var between = next.Source.Line == held[pieces[k - 1]].Cell.Source.Line ? " " : "\n";
                raw = raw with { Text = raw.Text + between + next.Text, Source = raw.Source with { Text = raw.Source.Text + between + next.Source.Text } };
            }
            return Classify(raw, raw.Source.Col ?? 0);
        }
        return ([.. g[0].Select(i => held[i])], [.. g.Skip(1).Select(Cell)]);
    }

    /// <summary>
    /// The held lines and the line's own cells before its 分值/得分 cut together into a name and two measures, when the
    /// best cut joins the line's first cell to a held line (else null: the line's cells are cells of their own, read as
    /// before). Cells on one line are never joined to each other.
    /// </summary>
    private (List<(string Text, RawCell Cell)> Name, List<RowCell> Measures)? SplitWithLine(ReadState state, List<RowCell> onLine)
    {
        var pieces = state.PendingName.Select(h => (h.Text, h.Cell)).Concat(onLine.Select(c => (Text: c.Text!, Cell: c.Raw))).ToList();
        var lineOf = pieces.Select((x, i) => i < state.PendingName.Count ? x.Cell.Source.Line ?? i - pieces.Count : int.MaxValue).ToList();
        var groups = WrappedCells.Split([.. pieces.Select((x, i) => (x.Text, lineOf[i]))], 3, matcher.Model.Units, out _);
        var firstOnLine = state.PendingName.Count;
        if (groups is not { } g || !g.Any(group => group.Contains(firstOnLine) && group[0] < firstOnLine)) return null;
        RowCell Cell(ImmutableArray<int> members)
        {
            var raw = pieces[members[0]].Cell;
            for (var k = 1; k < members.Length; k++)
            {
                var next = pieces[members[k]].Cell;
                raw = raw with { Text = raw.Text + "\n" + next.Text, Source = raw.Source with { Text = raw.Source.Text + "\n" + next.Source.Text } };
            }
            return Classify(raw, raw.Source.Col ?? 0);
        }
        return ([.. g[0].Select(i => pieces[i])], [.. g.Skip(1).Select(Cell)]);
    }

    /// <summary>
    /// Reads an indicator row of a table with spans by its header: each cell is the field whose header column it
    /// covers most, whatever the widths, spans or order the printing gave the columns. False when the row has no
    /// 分值 or 得分 figure (a label row, a row the page split): the caller reads it as such.
    /// </summary>
    private bool ReadRowByHeader(FormBuilder b, RawRow row, int ri, ReadState state, ColumnMap map, List<RowCell> cells)
    {
        RowCell? Under(string kind) => map.CellFor(row.Cells, kind) is { } c ? cells.First(x => ReferenceEquals(x.Raw, c)) : null;
        var weightCell = Under("HdrWeight");
        var scoreCell = Under("HdrScore");
        // A 分值 or 得分 printed with % is none: the header's columns drifted over the row (a wrapped label stacked under
        // the wrong column, "分值" over the "值" of 实际完成值). The row's own 分值/得分 pair decides instead.
        if (IsPercent(weightCell) || IsPercent(scoreCell)) return false;
        var weight = weightCell is null ? null : Number(weightCell);
        var score = scoreCell is null ? null : Number(scoreCell);
        // One cell under both headers is read for both.
        if (weightCell is not null && scoreCell is null && map.Spans(weightCell.Raw, "HdrScore")) scoreCell = weightCell;
        if (scoreCell is not null && weightCell is null && map.Spans(scoreCell.Raw, "HdrWeight")) weightCell = scoreCell;
        var joined = JoinedFigures(weightCell, scoreCell, weight, Under("HdrTarget"), Under("HdrActual"));
        if (joined) (weight, score) = (null, null);
        else if (weight is null && score is null) return false;
        var level1 = Under("HdrLevel1");
        var level2 = Under("HdrLevel2");
        UpdateLevels(b, ri, state, [.. new[] { level1, level2 }.OfType<RowCell>().Where(c => c.Level is not null)]);
        if (level2 is { Level: null, Text: not null, Raw.Carried: false, Raw.Source.Confidence: not null }) UnreadLevel2(b, ri, state, map, level1, level2);
        var name = Under("HdrName") is { Text: not null } n ? n : null;
        var target = Under("HdrTarget");
        var actual = Under("HdrActual");
        var note = Under("HdrNote");
        var bound = new[] { weightCell, scoreCell, level1, level2, name, target, actual, note }.OfType<RowCell>().Select(c => c.Raw).ToHashSet();
        foreach (var other in cells.Where(c => c.Text is not null && !bound.Contains(c.Raw) && !c.Raw.Carried && c.Text.Length > 1 &&
                                               matcher.Match(c.Text, "IndicatorSection", "HdrFragment") is not { Score: >= 0.75 }))
            b.Warn(DiagnosticCodes.SurplusCell, $"单元格“{other.Text}”不在指标表的任何表头之下，未读取", other.Raw, ri);

        var index = b.Indicators.Count;
        var p = $"indicators[{index}]";
        b.Indicators.Add(new Indicator
        {
            Level1 = state.Level1,
            Level2 = state.Level2,
            Name = b.Repair(name?.Text, name?.Raw, $"{p}.name"),
            Target = b.Repair(target?.Text, target?.Raw, $"{p}.target"),
            Actual = b.Repair(actual?.Text, actual?.Raw, $"{p}.actual"),
            Weight = weight,
            Score = score,
            Note = b.Repair(note?.Text, note?.Raw, $"{p}.note"),
        });
        if (joined) WarnJoined(b, p, ri, weightCell?.Raw, scoreCell?.Raw);
        else
        {
            if (weightCell is not null && weight is null) b.Warn(DiagnosticCodes.FigureUnread, $"分值“{weightCell.Text}”不是数字，留空", weightCell.Raw, ri, $"{p}.weight");
            if (scoreCell is not null && score is null) b.Warn(DiagnosticCodes.FigureUnread, $"得分“{scoreCell.Text}”不是数字，留空", scoreCell.Raw, ri, $"{p}.score");
        }
        foreach (var (cell, field) in new[] { (name, "name"), (target, "target"), (actual, "actual"), (weightCell, "weight"), (scoreCell, "score"), (note, "note") })
            if (cell is { Text: not null }) b.From($"{p}.{field}", cell.Raw, ri);
        var rowCell = name?.Raw ?? cells.First(c => c.Text is not null).Raw;
        if (state.Level2 is not null) b.From($"{p}.level2", state.LevelCell ?? rowCell, state.LevelCell is null ? ri : state.LevelRow);
        if (state.Level1 is not null) b.From($"{p}.level1", state.Level1Cell ?? state.LevelCell ?? rowCell, state.Level1Cell is not null ? state.Level1Row : state.LevelCell is not null ? state.LevelRow : ri);
        state.ExpectNote = false;
        return true;
    }

    /// <summary>
    /// Says a row's 分值 and 得分 were left null for a joined reading, on the first of the cells read. Each of the two
    /// figures is named: either may be the one to put right.
    /// </summary>
    private static void WarnJoined(FormBuilder b, string p, int ri, RawCell? weight, RawCell? score)
    {
        var read = string.Join(" ", new[] { weight, score }.OfType<RawCell>().Distinct().Select(c => c.Text.Replace('\n', '/')));
        foreach (var field in new[] { "weight", "score" })
            b.Warn(DiagnosticCodes.FiguresJoined, $"分值与得分读作“{read}”：两个格子（或上下两行）的数字落在同一格中，分不开，两者留空",
                (weight ?? score)!, ri, $"{p}.{field}");
    }

    /// <summary>
    /// Two figures in the place of one, where a rule the reader missed (a scan's faint line) joined two cells: one cell
    /// under both 分值 and 得分 (a standard form never joins them), or a scanned 分值 or 得分 holding a figure on each of
    /// its lines ("10" over "20": two rows no rule parted), or a text's over 100 together. Which is which cannot be told from what is read, so the row's
    /// 分值 and 得分 are both left null (the caller says why). False when the row's figure cells are its own.
    /// </summary>
    private static bool JoinedFigures(RowCell? weight, RowCell? score, decimal? weightValue, params RowCell?[] measures)
    {
        if (weight is not null && ReferenceEquals(weight.Raw, score?.Raw)) return true;
        // (In text, a figure wrapped in its cell ("89.1" / "4") is one; lines that make more points than any 分值 has,
        // "21" over the next row's "3", are two; so are lines beside a measure of as many lines each holding a figure of
        // its own — two rows' cells laid into one, "2" / "2" beside "=12次" / "<=100万元", which had read 22 points.)
        bool Stacked(RowCell? c) =>
            c is not null && TextCleaner.Lines(c.Raw.Text).ToList() is { Count: >= 2 } lines &&
            lines.All(l => NumberParser.TryParse(l, out _)) &&
            (c.Raw.Source.Confidence is not null || NumberParser.TryParse(TextCleaner.Clean(c.Raw.Text), out var whole) && whole.Value > 100 ||
             measures.Any(m => m is not null && TextCleaner.Lines(m.Raw.Text).ToList() is var ms && ms.Count == lines.Count &&
                               ms.All(l => l.Any(char.IsAsciiDigit))));
        // (And a 得分 of whole figures on two lines that make more points than the row's own 分值, "9" over "2" beside a
        // 2: the score above it is the row above's, laid into this row's cell — not a score the form overstates.)
        bool OverWeight(RowCell? c) =>
            c is not null && weightValue is { } most && !ReferenceEquals(c.Raw, weight?.Raw) && TextCleaner.Lines(c.Raw.Text).ToList() is { Count: >= 2 } lines &&
            lines.All(l => !l.Contains('.') && NumberParser.TryParse(l, out _)) &&
            NumberParser.TryParse(TextCleaner.Clean(c.Raw.Text), out var whole) && whole.Value > most;
        return Stacked(weight) || Stacked(score) || OverWeight(score);
    }

    /// <summary>True when the indicator header read so far printed 实际完成值 left of 年度指标值.</summary>
    private static bool ActualPrintedFirst(ReadState state) =>
        state.IndicatorColumns is { } header && header.FirstColumnOf("HdrActual") is >= 0 and var actual &&
        header.FirstColumnOf("HdrTarget") is >= 0 and var target && actual < target;

    /// <summary>
    /// True when a row begins the indicator table though no header row of three labels did: the 绩效指标 label on a
    /// line of its own (a text dump broke the header's labels apart or wrote them elsewhere), or a first indicator row
    /// of plain text, a level and its 分值/得分 pair. <paramref name="labelOnly"/>: the row holds nothing more to read.
    /// </summary>
    private bool StartsIndicators(RawRow row, out bool labelOnly)
    {
        var cells = RowText.NonEmpty(row).ToList();
        labelOnly = cells.Count > 0 && cells.All(c => matcher.Match(c.Text, "IndicatorSection") is { IsExact: true });
        if (labelOnly) return true;
        // A scan whose indicator header OCR garbled or joined to the goals' cell above (its rules lost): the first row
        // holding a level word and a 分值/得分 pair begins the table, read by position, instead of going on as goals.
        if (row.HasSpans && row.Cells.Any(c => c.Source.Confidence is not null))
        {
            var read = row.Cells.Select((c, i) => Classify(c, i)).ToList();
            return read.Any(c => c.Level is { IsExact: true } && !c.Raw.Carried) && FindWeightScorePair(read) >= 0;
        }
        if (row.HasSpans) return false;
        // A dump that writes the header's one-line labels in place and the wrapped ones after the table leaves "分值 得分"
        // alone where the header stood.
        labelOnly = cells.Count > 0 && cells.All(c => matcher.Match(c.Text, IndicatorHeaderKinds) is { Score: >= 0.9 }) &&
                    cells.Any(c => matcher.Match(c.Text, "HdrWeight", "HdrScore") is { IsExact: true });
        if (labelOnly) return true;
        var classified = row.Cells.Select((c, i) => Classify(c, i)).ToList();
        if (classified.Any(c => c.Level is { IsExact: true }) && FindWeightScorePair(classified) >= 0) return true;
        if (row.Origin is not RowOrigin.Layout) return false;
        // In plain text: a line of 一级/二级指标 words alone, or words and a 分值/得分 pair — no goal's sentence is either.
        return cells.Count > 0 && classified.Where(c => c.Text is not null).All(c => c.Level is { IsExact: true }) ||
               FindWeightScorePair(classified) is var s && s >= 1 && classified.Take(s - 1).Any(c => c.Text is { } t && t.Any(TextCleaner.IsCjk));
    }

    /// <summary>
    /// True when, after <paramref name="ri"/> and before any indicator row or the 总分, comes a line of the header's labels
    /// alone (the next page's 分值 得分) or of a target and an actual alone (a page's wrapped cells: a row's own line
    /// holds its pair).
    /// </summary>
    private bool LabelsBeforeNextRow(FormGrid grid, int ri)
    {
        for (var k = ri + 1; k < grid.Rows.Length; k++)
        {
            var row = grid.Rows[k];
            if (!RowText.NonEmpty(row).Any()) continue;
            if (IsLabelsOnly(row) && CountKinds(row, IndicatorHeaderKinds) >= 1) return true;
            if (RowText.NonEmpty(row).ToList() is [var first, var second] &&
                new[] { first, second }.All(c => FormPatterns.IsMeasure(TextCleaner.Clean(c.Text) ?? "", matcher.Model.Units)))
                return true;
            if (RowText.NonEmpty(row).Any(c => matcher.Match(c.Text, "Total") is { Score: >= 0.9 }) || IsPairRow(row)) return false;
        }
        return false;
    }

    /// <summary>An indicator row: a 分值/得分 pair after text.</summary>
    private bool IsPairRow(RawRow row) =>
        row.Cells.Select((c, i) => Classify(c, i)).ToList() is var cells && FindWeightScorePair(cells) is var s && s >= 1 &&
        cells.Take(s - 1).Any(c => c.Text is not null);

    /// <summary>
    /// The next page's table going on after the cells a plain text wrote between two pages: an indicator row (a 分值/得分
    /// pair after text), a line of whole level names just before one, the header printed on its line or the 总分. A piece
    /// of a wrapped level ("可持续影响指") is still one of the page's cells.
    /// </summary>
    private bool EndsPageTail(FormGrid grid, int ri)
    {
        var row = grid.Rows[ri];
        var cells = RowText.NonEmpty(row).ToList();
        if (cells.Any(c => matcher.Match(c.Text, "Total") is { Score: >= 0.9 })) return true;
        // The next page's header, printed on its line; labels wrapped over lines and joined are the page's wrapped cells.
        if (CountKinds(row, IndicatorHeaderKinds) >= 3) return !cells.Any(c => c.Text.Contains('\n'));
        var classified = row.Cells.Select((c, i) => Classify(c, i)).ToList();
        // A line of whole level names opens the next page's rows only where they follow it: a page's merged 二级指标
        // wrapped and joined ("经济效益" / "指标") is the page's own cell, followed by more of them ("=12次 12次").
        if (classified.Where(c => c.Text is not null).All(c => c.Level is { IsExact: true }))
            return Enumerable.Range(ri + 1, grid.Rows.Length - ri - 1).Select(k => grid.Rows[k]).Where(r => RowText.NonEmpty(r).Any())
                .SkipWhile(r => r.Cells.Select((c, i) => Classify(c, i)).Where(c => c.Text is not null).All(c => c.Level is { IsExact: true }))
                .Take(1).All(r => RowText.NonEmpty(r).Any(c => matcher.Match(c.Text, "Total") is { Score: >= 0.9 }) ||
                                  CountKinds(r, IndicatorHeaderKinds) >= 3 || IsPairRow(r));
        // A row whose every text was wrapped away prints its 分值 and 得分 alone ("7 7"): the next page's too. (Measures
        // short enough to stand there never wrapped into the page's cells.)
        return IsPairRow(row) ||
               classified.Where(c => c.Text is not null).ToList() is [{ IsNumber: true } weight, { IsNumber: true } score] &&
               Number(weight) is { } w && Number(score) is { } s && w is > 0 and <= 100 && s <= w;
    }

    private RowCell Classify(RawCell cell, int index)
    {
        var text = TextCleaner.Clean(cell.Text);
        var isNumber = text is not null && NumberParser.TryParse(text, out var n) && !n.Percent;
        return new RowCell(cell, text, index, isNumber, text is null || isNumber ? null : matcher.MatchLevel(text));
    }

    private static bool IsPercent(RowCell? cell) => cell?.Text is { } t && NumberParser.TryParse(t, out var n) && n.Percent;

    private static decimal? Number(RowCell cell) =>
        NumberParser.TryParse(cell.Text, out var n) ? n.Value : null;

    /// <summary>
    /// A plain line whose 分值 and 得分 the dump glued into one word, cut apart so that the row is read: PdfPig's words of a
    /// Chromium page run "92.5% 5 5" together as "92.5% 55", and a pair into its note ("4 2部分工作未按计划完成" →
    /// "42部分工作未按计划完成"). The word stands last (or before a note of words) right after a measure, not a figure;
    /// its digits cut one way only into a 分值 of at most 100 and a 得分 no greater, neither with a leading zero. A note
    /// glued to a 得分 that has its 分值 before it ("2 1进度滞后") is only cut from it: that pair is whole. Null when the
    /// line is no such row. <c>Joined</c> is the glued pair, whose split the caller does not read.
    /// </summary>
    private (RawRow Row, (RawCell Cell, string Digits, int Weight, int Score)? Joined)? GluedPair(RawRow row, List<RowCell> cells)
    {
        var filled = cells.Where(c => c.Text is not null).ToList();
        if (filled.Count < 2) return null;
        var last = filled[^1];
        var pieces = new List<RawCell>();
        var figure = last;
        string digits;
        if (GluedNote().Match(last.Text!) is { Success: true } m && !matcher.Model.Units.Any(u => m.Groups[2].Value.StartsWith(u, StringComparison.Ordinal)))
        {
            digits = m.Groups[1].Value;
            pieces.Add(last.Raw with { Text = digits });
            pieces.Add(last.Raw with { Text = m.Groups[2].Value });
            // "2 1进度滞后": the 得分 glued to the note after a 分值 of its own.
            if (filled[^2].IsNumber && digits.Length <= 3)
                return (row with { Cells = [.. row.Cells.SelectMany(c => ReferenceEquals(c, last.Raw) ? pieces : [c])] }, null);
        }
        else if (last.IsNumber && last.Text!.All(char.IsAsciiDigit)) digits = last.Text!;
        else if (filled.Count >= 3 && filled[^2].IsNumber && filled[^2].Text!.All(char.IsAsciiDigit) && !last.IsNumber && last.Level is null &&
                 !NumberParser.TryParse(last.Text, out _))
        {
            // The glued pair before a note of its own.
            figure = filled[^2];
            digits = figure.Text!;
        }
        else return null;
        var measure = filled[filled.IndexOf(figure) - 1];
        if (measure.IsNumber || measure.Level is { IsExact: true } || digits.Length is < 2 or > 4) return null;
        var splits = Enumerable.Range(1, digits.Length - 1)
            .Select(k => (W: digits[..k], S: digits[k..]))
            .Where(x => (x.W.Length == 1 || x.W[0] != '0') && (x.S.Length == 1 || x.S[0] != '0'))
            .Select(x => (W: int.Parse(x.W, CultureInfo.InvariantCulture), S: int.Parse(x.S, CultureInfo.InvariantCulture)))
            .Where(x => x.W is > 0 and <= 100 && x.S <= x.W)
            .ToList();
        if (splits.Count != 1) return null;
        var (weight, score) = splits[0];
        var pair = new[] { figure.Raw with { Text = weight.ToString(CultureInfo.InvariantCulture) }, figure.Raw with { Text = score.ToString(CultureInfo.InvariantCulture) } };
        var replaced = row.Cells.SelectMany(c => ReferenceEquals(c, figure.Raw) ? (IEnumerable<RawCell>)(pieces.Count > 0 ? [pair[0], pair[1], pieces[1]] : pair) : [c]);
        return (row with { Cells = [.. replaced] }, (figure.Raw, digits, weight, score));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d{1,4})(\p{IsCJKUnifiedIdeographs}.*)$")]
    private static partial System.Text.RegularExpressions.Regex GluedNote();

    /// <summary>Two measures of one unit glued into one word ("≥2000人次2136人次", "≥90%92.5%"); null for anything else (a
    /// date "2023年12月", a duration "1小时30分钟": two units).</summary>
    private (string First, string Second)? GluedMeasures(string? text)
    {
        if (TextCleaner.Clean(text) is not { } t || TwoMeasures().Match(t) is not { Success: true } m) return null;
        var unit = m.Groups[2].Value;
        if (unit != m.Groups[4].Value || unit != "%" && !matcher.Model.Units.Contains(unit)) return null;
        return (m.Groups[1].Value + unit, m.Groups[3].Value + unit);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^([=<>≥≤＜＞]*\d[\d,]*(?:\.\d+)?)(%|\p{IsCJKUnifiedIdeographs}{1,3})([=<>≥≤＜＞]*\d[\d,]*(?:\.\d+)?)(%|\p{IsCJKUnifiedIdeographs}{1,3})$")]
    private static partial System.Text.RegularExpressions.Regex TwoMeasures();

    /// <summary>Index of the 得分 cell: the rightmost pair of adjacent plain figures with only text after it.</summary>
    private static int FindWeightScorePair(List<RowCell> cells)
    {
        for (var s = cells.Count - 1; s >= 1; s--)
        {
            if (cells[s].Text is null) continue;
            if (!cells[s].IsNumber) continue;
            return cells[s - 1].IsNumber ? s : -1;
        }
        return -1;
    }
}
