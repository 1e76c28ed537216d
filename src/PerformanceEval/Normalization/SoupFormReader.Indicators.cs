using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

internal sealed partial class SoupFormReader
{
    /// <summary>The 绩效指标 rows: by their 分值/得分 pairs, or by their columns, with the 总分 and the levels.</summary>
    private sealed partial class Reading
    {
        /// <summary>The 绩效指标 rows; true when their 分值 add up to the printed total's (or to 100 with the funding's).</summary>
        public bool Indicators()
        {
            var stream = Enumerable.Range(0, t.Count).Where(i => !used[i] && (i < fundingStart || i > fundingEnd)).ToList();
            var actualFirst = IndexOfLabel("HdrActual") is var a and >= 0 && IndexOfLabel("HdrTarget") is var tg and >= 0 && a < tg;
            var read = ColumnWise(stream) ? ByColumns(stream, actualFirst) : ByRows(stream, actualFirst);
            if (!read || b.Indicators.Count == 0) return false;
            var sum = b.Indicators.Sum(i => i.Weight ?? 0);
            return b.TotalWeight is { } w ? sum + fundingWeight == w || sum == w : sum + fundingWeight == 100;
        }

        private int IndexOfLabel(string kind) => t.FindIndex(x => x.Kind is Kind.Label && x.Label == kind);

        /// <summary>The indicator table written column by column: 三级指标 before its names, 分值 before its figures.</summary>
        private bool ColumnWise(List<int> stream)
        {
            bool Before(string kind, Func<Token, bool> value) =>
                stream.Zip(stream.Skip(1)).Any(p => t[p.First].Kind is Kind.Label && t[p.First].Label == kind && value(t[p.Second]));
            return Before("HdrName", x => x.Kind is Kind.Text) && Before("HdrWeight", x => x.IsPoints);
        }

        private bool ByColumns(List<int> stream, bool actualFirst)
        {
            var columns = new Dictionary<string, List<int>>();
            string? column = null;
            List<int>? headerless = null;
            var pages = new List<List<int>>();
            foreach (var i in stream)
            {
                if (t[i].Kind is Kind.Label)
                {
                    column = MeasureColumns.Contains(t[i].Label) ? t[i].Label : null;
                    if (column is not null) columns.TryAdd(column, []);
                    // 绩效指标 or 总分 with no column label after it: a page printed without the header, its columns to come.
                    else if (t[i].Label is "IndicatorSection" or "Total" && headerless is not { Count: 0 }) pages.Add(headerless = []);
                    if (column is not null) headerless = null;
                    continue;
                }
                // A level name is no value of a name, measure, 分值, 得分 or note column, nor comes after a headerless
                // page's values: a headerless page begins (its 绩效指标 label may be lost with the vertical text it
                // was printed as).
                if (t[i].Kind is Kind.Level && (column is not (null or "HdrLevel1" or "HdrLevel2") ||
                                                 column is null && headerless is { Count: > 0 } && t[headerless[^1]].Kind is not Kind.Level))
                {
                    column = null;
                    pages.Add(headerless = []);
                }
                if (column is not null) columns[column].Add(i);
                else headerless?.Add(i);
            }
            List<int> Column(string kind) => columns.TryGetValue(kind, out var cells) ? cells : columns[kind] = [];
            foreach (var page in pages) DealHeaderless(page, Column, actualFirst);
            var names = Column("HdrName");
            var rows = names.Count;
            if (rows == 0) return false;
            var weights = Column("HdrWeight").Where(i => t[i].IsPoints).ToList();
            var scores = Column("HdrScore").Where(i => t[i].IsPoints).ToList();
            // The 总分 row writes its 100 and its total at the foot of the 分值 and 得分 columns.
            if (weights.Count == rows + 1) { SetTotal(weights[^1], null); weights.RemoveAt(rows); }
            if (scores.Count == rows + 1) { SetTotal(null, scores[^1]); scores.RemoveAt(rows); }
            for (var k = 0; k < rows; k++) b.Indicators.Add(new Indicator());
            Fill(names, rows, "name", (ind, i) => ind with { Name = b.Repair(t[i].Text, t[i].Cell, $"indicators[{names.IndexOf(i)}].name") });
            // A column's cells go to the rows in order only where the 分值 then add up with the funding's to the total
            // (or 100): a cell left empty in the middle and the 总分's at the foot make as many cells as rows, shifted.
            var expected = b.TotalWeight ?? 100;
            var sum = weights.Count == rows ? weights.Sum(i => t[i].Figure.Value) : -1;
            // And each row's 得分 within its 分值: a 分值 column and a 得分 column dealt out of step put a score over a
            // weight (the form's own such slip is the checker's to find, but here it cannot be told from ours).
            var inStep = scores.Count != rows || weights.Count != rows ||
                         Enumerable.Range(0, rows).All(k => t[scores[k]].Figure.Value <= t[weights[k]].Figure.Value);
            // As many 分值 as rows, the last no 100 that could be the 总分's: the column is in the rows' order whatever it
            // adds up to (a form whose 分值 miss 100 is the checker's finding, not a reason to read none).
            var inOrder = weights.Count == rows && t[weights[^1]].Figure.Value != expected;
            if ((sum + fundingWeight == expected || sum == expected || inOrder) && inStep)
            {
                Fill(weights, rows, "weight", (ind, i) => ind with { Weight = t[i].Figure.Value });
                Fill(scores, rows, "score", (ind, i) => ind with { Score = t[i].Figure.Value });
            }
            else if (weights.Count == rows && scores.Count == rows && !inStep)
                b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                    $"{rows} 行指标的分值列与得分列逐行对照时有得分超过分值：两列无从确定是否对齐，未读取", t[weights[0]].Cell, t[weights[0]].Row, "indicators");
            else if (weights.Count > 0)
                b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                    $"{rows} 行指标的分值列有 {weights.Count} 个数，合计 {weights.Sum(i => t[i].Figure.Value)} 与总分的分值 {expected} 对不上：各行的分值与得分无从对应，未读取",
                    t[weights[0]].Cell, t[weights[0]].Row, "indicators");
            // A target or an actual left empty writes one cell fewer in its column: where the other column is whole, the
            // short one's cells go to the rows whose other measure they pair with (a unit with its unit, words with words).
            var (targets, actuals) = (Column("HdrTarget"), Column("HdrActual"));
            if (targets.Count == rows && actuals.Count is > 0 && actuals.Count < rows && actuals.Count >= rows - 2 &&
                PairedRows(targets, actuals) is { } actualRows)
                FillPaired(actuals, actualRows, "actual", (ind, i) => ind with { Actual = t[i].Text });
            else Fill(actuals, rows, "actual", (ind, i) => ind with { Actual = t[i].Text });
            if (actuals.Count == rows && targets.Count is > 0 && targets.Count < rows && targets.Count >= rows - 2 &&
                PairedRows(actuals, targets) is { } targetRows)
                FillPaired(targets, targetRows, "target", (ind, i) => ind with { Target = t[i].Text });
            else Fill(targets, rows, "target", (ind, i) => ind with { Target = t[i].Text });
            var notes = Column("HdrNote");
            var shortRows = Enumerable.Range(0, rows).Where(k => b.Indicators[k] is { Weight: { } w, Score: { } s } && s < w).ToList();
            if (notes.Count == shortRows.Count && notes.Count < rows)
                for (var k = 0; k < notes.Count; k++) SetIndicator(shortRows[k], "note", notes[k], ind => ind with { Note = t[notes[k]].Text });
            else Fill(notes, rows, "note", (ind, i) => ind with { Note = t[i].Text });
            PlaceLevels(Column("HdrLevel1").Concat(Column("HdrLevel2")).Where(i => t[i].Kind is Kind.Level).Order().ToList());
            return true;
        }

        /// <summary>
        /// A page of the table printed without its header and written column by column: its 二级指标, then k names, k
        /// of each measure (in the header's order), k 分值 and k 得分 (each with the 总分's at its foot where the 总分
        /// row is on this page), then its notes. k is the count that makes the 分值 and 得分 runs land on figures; none
        /// or several such counts leave the page unread (its words are reported with the other leftovers).
        /// </summary>
        private void DealHeaderless(List<int> page, Func<string, List<int>> column, bool actualFirst)
        {
            var levels = page.Where(i => t[i].Kind is Kind.Level).ToList();
            var rest = page.Where(i => t[i].Kind is not Kind.Level).ToList();
            var fits = new List<(int Rows, int Foot)>();
            for (var k = 1; 5 * k <= rest.Count; k++)
                foreach (var foot in new[] { 0, 1 })
                {
                    var end = 3 * k + 2 * (k + foot);
                    if (end > rest.Count || rest.Count - end > k) continue;
                    var points = rest.Skip(3 * k).Take(2 * (k + foot)).All(i => t[i].IsPoints);
                    var words = rest.Take(k).All(i => t[i].Kind is Kind.Text && !IsMeasure(t[i].Text));
                    // What follows the 得分 are notes: words, never figures.
                    var notes = rest.Skip(end).All(i => t[i].Kind is Kind.Text);
                    if (points && words && notes) fits.Add((k, foot));
                }
            if (fits.Count != 1) return;
            var (rows, f) = fits[0];
            var (second, third) = actualFirst ? ("HdrActual", "HdrTarget") : ("HdrTarget", "HdrActual");
            column("HdrName").AddRange(rest.Take(rows));
            column(second).AddRange(rest.Skip(rows).Take(rows));
            column(third).AddRange(rest.Skip(2 * rows).Take(rows));
            column("HdrWeight").AddRange(rest.Skip(3 * rows).Take(rows + f));
            column("HdrScore").AddRange(rest.Skip(4 * rows + f).Take(rows + f));
            column("HdrNote").AddRange(rest.Skip(5 * rows + 2 * f));
            column("HdrLevel2").AddRange(levels);
        }

        /// <summary>
        /// The rows a short measure column's cells belong to, in order, beside a whole one: the one way of leaving rows
        /// out that pairs every cell with its row's other measure best (same unit, or both words; a figure and words
        /// never), or null when two ways pair equally well or a cell pairs with nothing.
        /// </summary>
        private int[]? PairedRows(List<int> whole, List<int> shortColumn)
        {
            int n = whole.Count, m = shortColumn.Count;
            var fit = new int[n, m];
            for (var r = 0; r < n; r++)
                for (var k = 0; k < m; k++) fit[r, k] = Pairing(t[whole[r]].Text, t[shortColumn[k]].Text);
            // best[r, k]: the best pairing of cells k.. with rows r..; ways counted up to 2.
            const int None = int.MinValue / 2;
            var best = new int[n + 1, m + 1];
            var ways = new int[n + 1, m + 1];
            for (var r = 0; r <= n; r++) { best[r, m] = 0; ways[r, m] = 1; }
            for (var k = 0; k < m; k++) { best[n, k] = None; ways[n, k] = 0; }
            for (var r = n - 1; r >= 0; r--)
                for (var k = m - 1; k >= 0; k--)
                {
                    var skip = best[r + 1, k];
                    var take = fit[r, k] > 0 && best[r + 1, k + 1] > None ? fit[r, k] + best[r + 1, k + 1] : None;
                    best[r, k] = Math.Max(skip, take);
                    ways[r, k] = Math.Min(2, (skip == best[r, k] && skip > None ? ways[r + 1, k] : 0) + (take == best[r, k] && take > None ? ways[r + 1, k + 1] : 0));
                }
            if (best[0, 0] <= None || ways[0, 0] != 1) return null;
            var rowsOf = new int[m];
            for (int r = 0, k = 0; k < m; r++)
                if (fit[r, k] > 0 && best[r + 1, k + 1] > None && fit[r, k] + best[r + 1, k + 1] == best[r, k]) rowsOf[k++] = r;
            return rowsOf;
        }

        /// <summary>How well a target and an actual pair: 2 for the same unit or the same words (one holding the other:
        /// 提升 / 有所提升), 1 for two words or two plain figures, 0 for a figure and words.</summary>
        private int Pairing(string a, string b)
        {
            var (fa, fb) = (a.Any(char.IsAsciiDigit), b.Any(char.IsAsciiDigit));
            if (fa != fb) return 0;
            if (!fa) return a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal) ? 2 : 1;
            string Unit(string x) => x.EndsWith('%') ? "%" : model.Units.Where(u => x.EndsWith(u, StringComparison.Ordinal)).MaxBy(u => u.Length) ?? "";
            return Unit(a) == Unit(b) ? 2 : 1;
        }

        /// <summary>A short column's cells to the rows <see cref="PairedRows"/> found, each placed so said; the rows left out stay empty.</summary>
        private void FillPaired(List<int> column, int[] rowsOf, string field, Func<Indicator, int, Indicator> set)
        {
            for (var k = 0; k < column.Count; k++)
            {
                var (row, cell) = (rowsOf[k], column[k]);
                b.Indicators[row] = set(b.Indicators[row], cell);
                b.From($"indicators[{row}].{field}", t[cell].Cell, t[cell].Row, placedBy: "pairing");
                used[cell] = true;
            }
            var empty = Enumerable.Range(0, b.Indicators.Count).Except(rowsOf).Select(r => r + 1);
            b.Warn(DiagnosticCodes.OrderFree,
                $"{b.Indicators.Count} 行指标，该列只有 {column.Count} 个单元格：按各行另一指标值的类别（同一单位、同为文字）对应，第 {string.Join("、", empty)} 行留空",
                t[column[0]].Cell, t[column[0]].Row, "indicators");
        }

        /// <summary>A column's cells to the rows one to one, or, when their counts differ, to none (left over, with a warning).</summary>
        private void Fill(List<int> column, int rows, string field, Func<Indicator, int, Indicator> set)
        {
            if (column.Count == rows)
            {
                for (var k = 0; k < rows; k++) SetIndicator(k, field, column[k], ind => set(ind, column[k]));
                return;
            }
            if (column.Count > 0)
                b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                    $"{rows} 行指标，该列却有 {column.Count} 个单元格（{string.Join("、", column.Take(8).Select(i => t[i].Text))}），无法一一对应，未读取",
                    t[column[0]].Cell, t[column[0]].Row, "indicators");
        }

        private void SetIndicator(int k, string field, int token, Func<Indicator, Indicator> set)
        {
            b.Indicators[k] = set(b.Indicators[k]);
            b.From($"indicators[{k}].{field}", t[token].Cell, t[token].Row);
            used[token] = true;
        }

        private void SetTotal(int? weight, int? score)
        {
            if (weight is { } w) { b.TotalWeight = t[w].Figure.Value; b.From("totalWeight", t[w].Cell, t[w].Row); used[w] = true; }
            if (score is { } s) { b.TotalScore = t[s].Figure.Value; b.From("totalScore", t[s].Cell, t[s].Row); used[s] = true; }
        }

        /// <summary>
        /// 二级指标 written apart from their rows (all before the first row, or in a column of their own): one to one when
        /// there are as many as rows, else not placed — which rows a merged cell covered is not in the text.
        /// </summary>
        private void PlaceLevels(List<int> levels)
        {
            var level2s = levels.Where(i => !t[i].Level!.IsLevel1).ToList();
            if (level2s.Count == b.Indicators.Count)
            {
                for (var k = 0; k < level2s.Count; k++)
                {
                    var name = t[level2s[k]].Level!.Name;
                    SetIndicator(k, "level2", level2s[k], ind => ind with { Level2 = name, Level1 = model.ParentOf(name) });
                    b.From($"indicators[{k}].level1", t[level2s[k]].Cell, t[level2s[k]].Row);
                }
                return;
            }
            if (level2s.Count > 0 && level2s.Count < b.Indicators.Count && LevelSpans.Possible(b.Indicators, [.. level2s.Select(i => t[i].Level!.Name)], model) is { } possible)
            {
                var undecided = false;
                for (var k = 0; k < possible.Length; k++)
                {
                    if (possible[k].Count == 1)
                    {
                        var token = level2s[possible[k].First()];
                        var name = t[token].Level!.Name;
                        b.Indicators[k] = b.Indicators[k] with { Level2 = name, Level1 = model.ParentOf(name) };
                        b.From($"indicators[{k}].level2", t[token].Cell, t[token].Row, placedBy: "level-cues");
                        b.From($"indicators[{k}].level1", t[token].Cell, t[token].Row, placedBy: "level-cues");
                        continue;
                    }
                    undecided = true;
                    // The 二级指标 stays open, but where every one the row could fall under has the same parent, that is
                    // its 一级指标 (three rows between 数量指标 and 时效指标 are 产出指标 whichever spans they took).
                    var parents = possible[k].Select(j => model.ParentOf(t[level2s[j]].Level!.Name)).Distinct().ToList();
                    if (parents is [{ } parent])
                    {
                        var token = level2s[possible[k].Min()];
                        b.Indicators[k] = b.Indicators[k] with { Level1 = parent };
                        b.From($"indicators[{k}].level1", t[token].Cell, t[token].Row, placedBy: "level-cues");
                    }
                }
                foreach (var i in level2s) used[i] = true;
                b.Warn(DiagnosticCodes.OrderFree,
                    $"{b.Indicators.Count} 行指标共 {level2s.Count} 个二级指标，合并单元格各跨哪几行不在文字中：按各行名称与指标值所属的类别（数量、质量、时效……）推定{(undecided ? "，无从判定的行留空" : "")}", t[level2s[0]].Cell, t[level2s[0]].Row, "indicators");
                return;
            }
            if (level2s.Count > 0)
                b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                    $"{b.Indicators.Count} 行指标，二级指标却有 {level2s.Count} 个（{string.Join("、", level2s.Select(i => t[i].Text))}）：合并单元格各跨哪几行不在文字中，一、二级指标未读取",
                    t[level2s[0]].Cell, t[level2s[0]].Row, "indicators");
        }

        /// <summary>
        /// Rows in row order, each ending at its 分值/得分 pair: the words since the last pair are its name, target and
        /// actual (a note of the row before first, where that row lost points); levels between rows set the row's level.
        /// </summary>
        private bool ByRows(List<int> stream, bool actualFirst)
        {
            var pending = new List<int>();
            var listed = new List<int>();
            string? level1 = null, level2 = null;
            int? levelToken = null;
            var rowsSeen = 0;
            var sawTotalLabel = false;
            for (var p = 0; p < stream.Count; p++)
            {
                var i = stream[p];
                var x = t[i];
                if (x.Kind is Kind.Level)
                {
                    listed.Add(i);
                    if (x.Level!.IsLevel1) level1 = x.Level.Name;
                    else { level2 = x.Level.Name; level1 = model.ParentOf(level2); levelToken = i; }
                    continue;
                }
                // 总分 right before a pair names it the total; words between (a template layer's 总分, far from its
                // figures) undo that.
                if (x.Kind is Kind.Label) { sawTotalLabel = x.Label == "Total" || sawTotalLabel && x.Label is null; continue; }
                if (x.Kind is Kind.Placeholder) continue;
                // A sentence is a goal or a note, never a name or a measure: left over unless a note takes it.
                if (!x.IsPoints) { pending.Add(i); sawTotalLabel = false; continue; }
                // A run of figures: an odd one out at its head is the row's measure ("90" as 实际完成值), the rest pairs.
                var run = new List<int>();
                while (p < stream.Count && t[stream[p]].IsPoints) run.Add(stream[p++]);
                p--;
                if (run.Count % 2 == 1) { pending.Add(run[0]); run.RemoveAt(0); }
                for (var k = 0; k + 1 < run.Count; k += 2)
                {
                    var (w, s) = (run[k], run[k + 1]);
                    // The 总分's pair: labelled so, or a 分值 that is the rows' own sum (with the funding's) — the total's
                    // arithmetic; a row's weight never is.
                    var last = k + 2 >= run.Count && !stream.Skip(p + 1).Any(q => t[q].IsPoints);
                    var isTotal = sawTotalLabel || rowsSeen > 1 && IsTotalPair(w, s, last) && !pending.Any(q => IsMeasure(t[q].Text));
                    if (isTotal)
                    {
                        SetTotal(w, s);
                        sawTotalLabel = false;
                        TakeNote(pending);
                        pending = [];
                        continue;
                    }
                    AddRow(pending, w, s, actualFirst, rowsSeen == 0 && listed.Count(l => !t[l].Level!.IsLevel1) > 1 ? null : (level1, level2, levelToken));
                    pending = [];
                    rowsSeen++;
                }
            }
            TakeNote(pending);
            // An unlabelled 总分 whose score does not add up (the form's own discrepancy, the checker's to report) is
            // still the last pair, with the 分值 the rows and the funding add up to.
            if (b.TotalWeight is null && b.Indicators.Count > 1 && b.Indicators[^1] is { Name: null, Target: null, Weight: { } lw } &&
                fundingWeight > 0 && lw == b.Indicators.Take(b.Indicators.Count - 1).Sum(i => i.Weight ?? 0) + fundingWeight)
            {
                var last = b.Indicators.Count - 1;
                var (wt, st) = (b.Provenance[$"indicators[{last}].weight"], b.Provenance[$"indicators[{last}].score"]);
                (b.TotalWeight, b.TotalScore) = (lw, b.Indicators[^1].Score);
                b.Indicators.RemoveAt(last);
                foreach (var key in b.Provenance.Keys.Where(k => k.StartsWith($"indicators[{last}].", StringComparison.Ordinal)).ToList()) b.Provenance.Remove(key);
                b.Sources.RemoveAll(x => x.Key.StartsWith($"indicators[{last}].", StringComparison.Ordinal));
                b.Provenance["totalWeight"] = wt;
                b.Provenance["totalScore"] = st;
                b.Sources.Add(new("totalWeight", wt));
                b.Sources.Add(new("totalScore", st));
            }
            // Levels all written before the first row (the printed template's layer) are a list, not the rows' own.
            if (b.Indicators.Count > 0 && b.Indicators.All(ind => ind.Level2 is null)) PlaceLevels(listed);
            return b.Indicators.Count > 0;
        }

        /// <summary>
        /// The 总分's pair by its arithmetic: its 分值 is the rows' and the funding's added up, its 得分 theirs within
        /// rounding. A row's pair that happens to equal the rows so far (2, 1 after two rows of 1) does not add up both.
        /// </summary>
        private bool IsTotalPair(int w, int s, bool last)
        {
            if (fundingWeight <= 0) return false;
            var weights = b.Indicators.Sum(i => i.Weight ?? 0) + fundingWeight;
            var scores = b.Indicators.Sum(i => i.Score ?? 0) + (b.Total?.Score ?? 0);
            // A 总分 printed as a whole number drops what the funding's 得分 brought past it (90 + 9.946 printed 99): so
            // far off only as the last pair of all, where the 总分 stands (a row's 25, 15 after rows adding up to 25 and
            // 15.53 is no total).
            var score = t[s].Figure.Value;
            return t[w].Figure.Value == weights && (Math.Abs(score - scores) <= 0.05m * Math.Max(1, b.Indicators.Count) ||
                                                    last && score == decimal.Truncate(score) && Math.Abs(score - scores) < 1);
        }

        /// <summary>Words after the last row's pair: its note, where it lost points.</summary>
        private void TakeNote(List<int> words)
        {
            if (words.Count == 0 || b.Indicators.Count == 0 || b.Indicators[^1] is not { Weight: { } w, Score: { } s, Note: null } || s >= w) return;
            SetIndicator(b.Indicators.Count - 1, "note", words[0], ind => ind with { Note = string.Join("", words.Select(i => t[i].Text)) });
            words.ForEach(i => used[i] = true);
        }

        private void AddRow(List<int> words, int weight, int score, bool actualFirst, (string? Level1, string? Level2, int? Token)? level)
        {
            var k = b.Indicators.Count;
            b.Indicators.Add(new Indicator { Weight = t[weight].Figure.Value, Score = t[score].Figure.Value });
            b.From($"indicators[{k}].weight", t[weight].Cell, t[weight].Row);
            b.From($"indicators[{k}].score", t[score].Cell, t[score].Row);
            used[weight] = used[score] = true;
            if (level is { Level2: { } l2 } lv)
            {
                b.Indicators[k] = b.Indicators[k] with { Level1 = lv.Level1, Level2 = l2 };
                if (lv.Token is { } lt) { b.From($"indicators[{k}].level2", t[lt].Cell, t[lt].Row); b.From($"indicators[{k}].level1", t[lt].Cell, t[lt].Row); }
            }
            // The row before lost points: the first words are its note, when more words stand than a row holds.
            var start = 0;
            // Three words ending in two measures (figures or words: "稳定", "进行中"), a target that is a comparison
            // ("=100", "按计划完成") or a pair alike ("资金按计划到位90%-100%", "资金按计划到位") are a row of its own: a
            // row that lost points need not say why.
            static bool Comparison(string text) => text.Length > 1 && "=<>≥≤＝".Contains(text[0]);
            static bool Alike(string a, string b) => a.Length >= 2 && b.Length >= 2 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal));
            static bool MeasureOrWord(string text) => IsMeasure(text) || text.Length <= 4 && !text.Contains('，') && !text.Contains('。');
            if (k > 0 && b.Indicators[k - 1] is { Weight: { } pw, Score: { } ps } && ps < pw && words.Count >= 2 &&
                (words.Count >= 4 || !IsMeasure(t[words[^1]].Text) &&
                 !(words.Count == 3 && (MeasureOrWord(t[words[1]].Text) && MeasureOrWord(t[words[2]].Text) || Comparison(t[words[1]].Text) ||
                                        Pairing(t[words[1]].Text, t[words[2]].Text) == 2 || Alike(t[words[1]].Text, t[words[2]].Text)))))
            {
                start = words.Count >= 4 ? words.Count - 3 : 1;
                var note = string.Join("", words[..start].Select(i => t[i].Text));
                SetIndicator(k - 1, "note", words[0], ind => ind with { Note = note });
            }
            var own = words[start..];
            if (own.Count == 0) return;
            // The name stands before the two measures; words before the name are no part of the row (left over), and a
            // name is words, never a figure (an amount the funding block's run did not reach).
            var nameEnd = own.Count >= 3 ? own.Count - 2 : own.Count == 2 && IsMeasure(t[own[1]].Text) ? 1 : own.Count;
            var nameAt = own[nameEnd - 1];
            if (t[nameAt].Kind is not Kind.Text) return;
            if (!t[nameAt].Text.Contains('。'))
                SetIndicator(k, "name", nameAt, ind => ind with { Name = b.Repair(t[nameAt].Text, t[nameAt].Cell, $"indicators[{k}].name") });
            var measures = own[nameEnd..];
            if (measures.Count == 2)
            {
                var (target, actual) = actualFirst ? (measures[1], measures[0]) : (measures[0], measures[1]);
                SetIndicator(k, "target", target, ind => ind with { Target = t[target].Text });
                SetIndicator(k, "actual", actual, ind => ind with { Actual = t[actual].Text });
            }
            else if (measures.Count == 1)
                b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                    $"第 {k + 1} 行指标只有一个指标值“{t[measures[0]].Text}”，无从判定是年度指标值还是实际完成值，未读取",
                    t[measures[0]].Cell, t[measures[0]].Row, $"indicators[{k}]");
        }
    }
}
