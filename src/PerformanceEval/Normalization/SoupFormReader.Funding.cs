using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

internal sealed partial class SoupFormReader
{
    /// <summary>The 项目资金 block: found by the rate its amounts give, read by its columns, its lines or its figures alone.</summary>
    private sealed partial class Reading
    {
        /// <summary>The 项目资金 block: true when its 年度资金总额 line holds by its own arithmetic.</summary>
        public bool Funding()
        {
            for (var r = 0; r < t.Count; r++)
            {
                if (!t[r].IsRate || t[r].Figure.Value is <= 0 or > 200) continue;
                var (from, to) = RunAround(r);
                if (!RateFromAmounts(from, to, r)) continue;
                var line = ColumnHeaded(from, to) ? ByColumns(from, to) : ByRows(from, to, r);
                if (line is not { } total) continue;
                fundingStart = from;
                fundingEnd = to;
                for (var i = from; i <= to; i++) used[i] = true;
                fundingWeight = total.Weight ?? 0;
                return Holds(total);
            }
            return false;
        }

        private static bool Holds(FundingLine l) =>
            l is { AnnualBudget: > 0, Executed: not null, ExecutionRate: not null } &&
            Math.Abs(l.Executed.Value / l.AnnualBudget.Value * 100 - l.ExecutionRate.Value) <= 0.1m;

        /// <summary>
        /// Whether two amounts give the rate: amounts before it (a line prints its amounts, then 分值, then 执行率), or
        /// anywhere in a block written by columns. An indicator's "100%" followed by its 分值 and 得分 (20, 20) has none.
        /// </summary>
        private bool RateFromAmounts(int from, int to, int r)
        {
            var rate = t[r].Figure.Value;
            var amounts = Enumerable.Range(from, (ColumnHeaded(from, to) ? to : r) - from + 1).Where(i => t[i].Kind is Kind.Figure && !t[i].Figure.Percent)
                .Select(i => t[i].Figure.Value).ToList();
            return amounts.Any(a => a > 0 && amounts.Any(e => Math.Abs(e / a * 100 - rate) <= 0.1m));
        }

        /// <summary>The run of figures, placeholders and funding labels the rate stands in.</summary>
        private (int From, int To) RunAround(int r)
        {
            bool InRun(Token x) => x.Kind is Kind.Figure or Kind.Placeholder || x.Kind is Kind.Label && FundingLabels.Contains(x.Label);
            var from = r;
            while (from > 0 && InRun(t[from - 1])) from--;
            var to = r;
            while (to + 1 < t.Count && InRun(t[to + 1])) to++;
            // Where the block prints its labels, its figures follow them: figures before its first label are another
            // block's (a 总分's "100 99.49" just before a 项目资金 block).
            var firstLabel = Enumerable.Range(from, r - from).FirstOrDefault(i => t[i].Kind is Kind.Label, -1);
            if (firstLabel > from) from = firstLabel;
            return (from, to);
        }

        /// <summary>A block written column by column: its column labels stand each before its own figures.</summary>
        private bool ColumnHeaded(int from, int to)
        {
            var headed = 0;
            for (var i = from; i < to; i++)
                if (t[i].Kind is Kind.Label && LabelKinds.FundingColumns.Contains(t[i].Label) && t[i + 1].Kind is Kind.Figure or Kind.Placeholder)
                    headed++;
            return headed >= 3;
        }

        private FundingLine? ByColumns(int from, int to)
        {
            // The lines the block names, in its order; a block that names none has the template's four.
            var lines = Enumerable.Range(from, to - from + 1).Where(i => t[i].Kind is Kind.Label && LabelKinds.FundingLines.Contains(t[i].Label))
                .Select(i => t[i].Label!).Distinct().ToList();
            if (lines.Count == 0) lines = [.. LabelKinds.FundingLines];
            var slots = lines.ToDictionary(l => l, _ => new (decimal? Value, RawCell? Cell)[6]);
            var columns = new List<(int Column, Token Label, List<Token> Values)>();
            for (var i = from; i <= to; i++)
            {
                if (t[i].Kind is not Kind.Label) continue;
                var column = Array.IndexOf(LabelKinds.FundingColumns, t[i].Label);
                if (column < 0) continue;
                var values = new List<Token>();
                for (var j = i + 1; j <= to && t[j].Kind is Kind.Figure or Kind.Placeholder; j++) values.Add(t[j]);
                columns.Add((column, t[i], values));
            }
            // A column with a cell for every line (a "—" prints) says which lines hold figures at all; a shorter column
            // (its empty cells printed nothing) belongs to exactly those lines when it has as many figures as they are.
            var live = Enumerable.Range(0, lines.Count)
                .Where(k => columns.Any(c => c.Values.Count == lines.Count && c.Values[k].Kind is Kind.Figure)).ToList();
            foreach (var (column, label, values) in columns)
            {
                var rows = values.Count == lines.Count ? Enumerable.Range(0, lines.Count).ToList()
                    : values.Count == live.Count && live.Count < lines.Count ? live
                    : Enumerable.Range(0, Math.Min(values.Count, lines.Count)).ToList();
                // Otherwise the column's cells are the lines at its top, and it says so.
                if (values.Count < lines.Count && rows != live && values.Count > 1)
                    b.Warn(DiagnosticCodes.FundingByOrder,
                        $"“{label.Text}”一列只有 {values.Count} 个数，各属哪一资金行无从判定，按自上而下的顺序归入前 {values.Count} 行", values[0].Cell, values[0].Row, "funding");
                for (var k = 0; k < rows.Count; k++)
                    if (values[k].Kind is Kind.Figure && values[k].Figure.Percent == (column == 4))
                        slots[lines[rows[k]]][column] = (values[k].Figure.Value, values[k].Cell);
            }
            foreach (var (kind, s) in slots)
            {
                var path = FundingReader.PathOf(kind);
                string[] fields = ["initialBudget", "annualBudget", "executed", "weight", "executionRate", "score"];
                for (var k = 0; k < 6; k++)
                    if (s[k].Cell is { } cell) b.From($"{path}.{fields[k]}", cell, t[from].Row);
                StandardFormNormalizer.Assign(b, kind, new FundingLine
                {
                    InitialBudget = s[0].Value, AnnualBudget = s[1].Value, Executed = s[2].Value,
                    Weight = s[3].Value, ExecutionRate = s[4].Value, Score = s[5].Value,
                });
            }
            return b.Total;
        }

        private FundingLine? ByRows(int from, int to, int rate)
        {
            // Line labels between the figures: each line's figures follow its label, read as a line of layout text is.
            var labelled = Enumerable.Range(from, to - from + 1)
                .Where(i => t[i].Kind is Kind.Label && LabelKinds.FundingLines.Contains(t[i].Label) && i < to && t[i + 1].Kind is Kind.Figure or Kind.Placeholder)
                .ToList();
            void ReadLabelled()
            {
                foreach (var at in labelled)
                {
                    var cells = new List<RawCell>();
                    for (var j = at + 1; j <= to && t[j].Kind is Kind.Figure or Kind.Placeholder; j++) cells.Add(t[j].Cell);
                    StandardFormNormalizer.Assign(b, t[at].Label!, FundingReader.Read(b, t[at].Label!, cells, t[at].Row, null, false));
                }
            }
            // Labels of the lines below but not of the total's, and the rate before them: the lines whose labels were
            // wrapped away (Calc writes a wrapped cell after the table: "年度资金总" / "额") are read by their figures, in
            // order, up to the first label left in place (其他资金 —).
            var labelledKinds = labelled.Select(at => t[at].Label!).ToHashSet();
            if (labelled.Count > 0 && (labelledKinds.Contains("FundingTotal") || rate > labelled[0]))
            {
                ReadLabelled();
                return b.Total;
            }
            var last = labelled.Count > 0 ? labelled[0] - 1 : to;
            // The figures alone, in row order: the 年度资金总额 line is the one with the rate, ending at its 得分.
            var figures = Enumerable.Range(from, last - from + 1).Where(i => t[i].Kind is Kind.Figure or Kind.Placeholder).ToList();
            var at2 = figures.IndexOf(rate);
            var end = at2 + 1 < figures.Count && t[figures[at2 + 1]].IsPoints ? at2 + 1 : at2;
            var totalCells = figures[..(end + 1)].Select(i => t[i].Cell).ToList();
            if (totalCells.Count(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out var n) && !n.Percent) > 5) return null;
            b.Total = FundingReader.Read(b, "FundingTotal", totalCells, t[rate].Row, null, false);
            // The other lines: each ends at the placeholder its 分值 prints, or at its 得分 when it prints a rate; read
            // one by one when these cut the rest into exactly the lines the template has, else left over.
            var rest = figures[(end + 1)..];
            var groups = new List<List<int>>();
            var current = new List<int>();
            string[] others = [.. new[] { "FundingFiscal", "FundingCarryover", "FundingOther" }.Where(k => !labelledKinds.Contains(k))];
            for (var k = 0; k < rest.Count; k++)
            {
                current.Add(rest[k]);
                // A line that prints its own rate ends at the 得分 after it (a 上年结转资金 line scored like the total).
                var closes = t[rest[k]].Kind is Kind.Placeholder && (k + 1 == rest.Count || t[rest[k + 1]].Kind is Kind.Figure) ||
                             k > 0 && t[rest[k - 1]].IsRate && t[rest[k]].IsPoints;
                if (closes) { groups.Add(current); current = []; }
            }
            if (current.Count > 0) groups.Add(current);
            if (others.Length > 0 && LinesByGrammar(rest, others.Length) is { } parsed)
                groups = parsed;
            // Three amounts a line, six with its 分值, rate and 得分.
            if (groups.Count == others.Length && groups.All(g => g.Count(i => t[i].Kind is Kind.Figure) <= (g.Any(i => t[i].IsRate) ? 6 : 3)))
                for (var k = 0; k < groups.Count; k++)
                    StandardFormNormalizer.Assign(b, others[k], FundingReader.Read(b, others[k], [.. groups[k].Select(i => t[i].Cell)], t[groups[k][0]].Row, null, false));
            else if (rest.Any(i => t[i].Kind is Kind.Figure))
                b.Warn(DiagnosticCodes.OrderFreeUnplaced,
                    $"年度资金总额之外的资金数字（{string.Join("、", rest.Where(i => t[i].Kind is Kind.Figure).Select(i => t[i].Text))}）无法确定各属哪一行，未读取",
                    t[rest[0]].Cell, t[rest[0]].Row, "funding");
            ReadLabelled();
            return b.Total;
        }

        /// <summary>
        /// The figures of the lines below the total cut into <paramref name="count"/> lines by what a line prints, when
        /// one cut fits best: up to three amounts, then its 分值 (a "—" where the line has none), then its 执行率, and a
        /// 得分 only after a 分值 that is a figure (a line without a 分值 scores nothing). "7399768.84 7399768.84 — — —"
        /// is one line with two amounts and two blank lines, not one line of five cells.
        /// </summary>
        private List<List<int>>? LinesByGrammar(List<int> rest, int count)
        {
            // -1 when the cells are no line, else 1 when its 分值 is a "—" (the cell every blank line still prints), 0 when
            // a figure: of the cuts that fit, the one with the most "—" in 分值 is taken ("0.00 0.00 — 0.00 0.00 —" is two
            // lines of 0.00, 0.00 and no 分值, not "0.00" with a 分值 of 0.00 and "— 0.00 0.00 —").
            int Line(int s, int e)
            {
                var k = s;
                var amounts = 0;
                // Amounts (a "—" may stand in an amount's cell too) up to the 分值: the last cell before a rate, or
                // the last of the line, or the one after three amounts.
                while (k < e && amounts < 3 && (t[rest[k]].Kind is Kind.Placeholder || t[rest[k]].Kind is Kind.Figure && !t[rest[k]].IsRate) &&
                       !(k + 1 == e || t[rest[k + 1]].IsRate))
                { k++; amounts++; }
                if (k == e) return -1;
                var weight = t[rest[k]];
                if (!(weight.Kind is Kind.Placeholder || weight.IsPoints)) return -1;
                k++;
                if (k < e && t[rest[k]].IsRate) k++;
                if (k < e && weight.Kind is Kind.Figure && t[rest[k]].IsPoints) k++;
                return k != e ? -1 : weight.Kind is Kind.Placeholder ? 1 : 0;
            }
            List<List<int>>? found = null;
            var best = -1;
            var tied = false;
            var n = rest.Count;
            if (count is < 1 or > 3 || n < count || n > count * 6) return null;
            // Every cut into count lines (at most three, of six cells each: a few hundred cuts).
            void Cut(int from, List<int> ends, int dashes)
            {
                if (ends.Count == count - 1)
                {
                    if (Line(from, n) is var last && last < 0) return;
                    var total = dashes + last;
                    if (total == best) tied = true;
                    if (total <= best) return;
                    (best, tied) = (total, false);
                    var starts = new[] { 0 }.Concat(ends).ToList();
                    found = [.. starts.Zip(ends.Append(n), (s, e) => rest[s..e])];
                    return;
                }
                for (var e = from + 1; e < n; e++)
                    if (Line(from, e) is var x && x >= 0)
                    {
                        ends.Add(e);
                        Cut(e, ends, dashes + x);
                        ends.RemoveAt(ends.Count - 1);
                    }
            }
            Cut(0, [], 0);
            return tied ? null : found;
        }
    }
}
