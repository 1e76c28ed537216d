namespace PerformanceEval.Normalization;

/// <summary>
/// Where the amounts of the 项目资金 block go when a text dump did not write them where they stood: Calc's PDFs
/// through <c>pdftotext -raw</c> write a cell wrapped in a narrow column ("8791116." / "98") after the table, so a line
/// reads "年度资金总额 3576164 10 65.40% 6.54" with two of its three amounts elsewhere, and a line of two amounts
/// without its rate ("4874919.00 3159604 —") can be any two of its three columns.
/// <para>
/// What a person reading such a dump uses decides it: the amounts written after the table come in the table's order
/// (line by line, column by column), the 年度资金总额 line has all three amounts, its 全年执行数 ÷ 全年预算数 is its 执行率,
/// and each column's 年度资金总额 is the sum of the lines under it. Every way to place the amounts is weighed by those
/// relations; the one way that holds best is taken, and none when two hold equally well.
/// </para>
/// </summary>
internal static class WrappedAmounts
{
    /// <summary>Of the 执行率: how far the quotient may stand from the printed rate, in points (rates print rounded).</summary>
    private const decimal RateFit = 0.1m;

    /// <summary>Above this many ways to weigh, the block is left as read (a dump this broken is read by no relation).</summary>
    private const int MaxWays = 2_000_000;

    /// <summary>One funding line as read.</summary>
    /// <param name="Amounts">Its three amounts as read (年初预算数, 全年预算数, 全年执行数), null where none was.</param>
    /// <param name="Rate">Its 执行率, in points.</param>
    /// <param name="Present">Whether the line was read at all (a line not in the form takes nothing).</param>
    /// <param name="ByOrder">Two amounts read by their order alone, no rate to say which columns (年初 and 全年预算数 by
    /// order): they may be any two of the three.</param>
    /// <param name="Unplaced">An amount of the line whose column nothing told (read nowhere yet).</param>
    public sealed record Line(decimal?[] Amounts, decimal? Rate, bool Present, bool ByOrder, decimal? Unplaced);

    /// <summary>Where the amounts went: per line, its three amounts and where each came from; <c>ByRelations</c> when
    /// the 执行率 or the columns' sums chose between ways the order alone left open.</summary>
    public sealed record Placement(Source[][] Sources, bool ByRelations);

    /// <summary>Where a placed amount came from: kept as read, moved within its line, the line's unplaced one, or the
    /// k-th amount written after the table.</summary>
    public readonly record struct Source(SourceKind Kind, int Index = -1);

    public enum SourceKind { None, Kept, Moved, Unplaced, After }

    /// <summary>
    /// The one best placement of <paramref name="after"/> (amounts written after the table, in order) and of the lines'
    /// movable amounts; null when nothing is to be placed, when there is no placement or two are equally good, or
    /// when the best is the reading as it stands.
    /// </summary>
    public static Placement? Place(IReadOnlyList<Line> lines, IReadOnlyList<decimal> after) => Place(lines, after, null);

    /// <param name="lines">The funding lines in the template's order, 年度资金总额 first.</param>
    /// <param name="after">The amounts written after the table, in order.</param>
    /// <param name="lineOf">For each of <paramref name="after"/>, the line it was written beside the label of (a wrapped
    /// label written after the table with its wrapped amount: "年度资金总⏎额 4874919.0⏎0"), or null.</param>
    public static Placement? Place(IReadOnlyList<Line> lines, IReadOnlyList<decimal> after, IReadOnlyList<int?>? lineOf)
    {
        if (after.Count == 0 && !lines.Any(l => l.ByOrder || l.Unplaced is not null)) return null;
        // Each line's options: its amounts as read, and where it has movable ones, every other column they may take.
        var options = lines.Select(Options).ToList();
        // (At most 3⁴ ways for the lines; the amounts after the table, each placed or left, into at most 12 cells.)
        if (after.Count > 6 || options.Aggregate(1L, (p, o) => p * o.Count) * Choose(12 + after.Count, after.Count) > MaxWays) return null;
        (int Complete, int Sums, int Kept, int Left, int Together)? best = null;
        Source[][]? chosen = null;
        decimal?[][]? chosenValues = null;
        var tie = false;
        // The sums seen for each completeness: more than one for the best's says the relations chose.
        var sumsSeen = new Dictionary<int, HashSet<int>>();
        foreach (var combo in Combine(options))
        {
            var slots = new List<(int Line, int Column)>();
            for (var l = 0; l < lines.Count; l++)
                if (lines[l].Present)
                    for (var c = 0; c < 3; c++)
                        if (combo[l][c].Kind is SourceKind.None) slots.Add((l, c));
            // Some of the amounts after the table, in their order, into some of the empty cells, in theirs.
            for (var m = Math.Min(after.Count, slots.Count); m >= 0; m--)
                foreach (var taken in Picks(after.Count, m))
                    foreach (var pick in Picks(slots.Count, m))
                    {
                        if (lineOf is not null && Enumerable.Range(0, m).Any(k => lineOf[taken[k]] is { } own && slots[pick[k]].Line != own)) continue;
                        var sources = combo.Select(x => (Source[])x.Clone()).ToArray();
                        for (var k = 0; k < m; k++) sources[slots[pick[k]].Line][slots[pick[k]].Column] = new Source(SourceKind.After, taken[k]);
                        var values = Values(lines, sources, after);
                        // Of amounts left where they were written, later ones rather than earlier: a cell's wrapped
                        // amount comes first, in the table's order.
                        var left = Enumerable.Range(0, after.Count).Except(taken).Sum(k => 1 << k);
                        if (Measure(lines, values, sources, left) is not { } measure) continue;
                        (sumsSeen.TryGetValue(measure.Complete, out var seen) ? seen : sumsSeen[measure.Complete] = []).Add(measure.Sums);
                        if (best is null || measure.CompareTo(best.Value) > 0) (best, chosen, chosenValues, tie) = (measure, sources, values, false);
                        // Two ways that give every column the same amount are one reading.
                        else if (measure.CompareTo(best.Value) == 0 && !Same(values, chosenValues!)) tie = true;
                    }
        }
        if (best is null || tie || chosen is null) return null;
        if (chosen.All(s => s.All(x => x.Kind is SourceKind.Kept or SourceKind.None))) return null;
        return new Placement(chosen, sumsSeen[best.Value.Complete].Count > 1);
    }

    /// <summary>A line's ways: as read; two by-order amounts in any two columns, keeping their order; the unplaced amount in any empty column.</summary>
    private static List<Source[]> Options(Line line)
    {
        var asRead = line.Amounts.Select(a => a is null ? default : new Source(SourceKind.Kept)).ToArray();
        var result = new List<Source[]> { asRead };
        if (!line.Present) return result;
        if (line.ByOrder && line.Amounts is [{ }, { }, null])
        {
            // 年初+全年预算数 as read; 年初+全年执行数; 全年预算数+全年执行数 (Moved k: the k-th amount as read).
            result.Add([new Source(SourceKind.Moved, 0), default, new Source(SourceKind.Moved, 1)]);
            result.Add([default, new Source(SourceKind.Moved, 0), new Source(SourceKind.Moved, 1)]);
        }
        if (line.Unplaced is not null)
            for (var c = 0; c < 3; c++)
                if (asRead[c].Kind is SourceKind.None)
                {
                    var with = (Source[])asRead.Clone();
                    with[c] = new Source(SourceKind.Unplaced);
                    result.Add(with);
                }
        return result;
    }

    /// <summary>The amounts a placement gives each line.</summary>
    public static decimal?[][] Values(IReadOnlyList<Line> lines, Source[][] sources, IReadOnlyList<decimal> after)
    {
        var values = new decimal?[lines.Count][];
        for (var l = 0; l < lines.Count; l++)
        {
            values[l] = new decimal?[3];
            var read = lines[l].Amounts.Where(a => a is not null).ToList();
            for (var c = 0; c < 3; c++)
                values[l][c] = sources[l][c].Kind switch
                {
                    SourceKind.Kept => lines[l].Amounts[c],
                    SourceKind.Moved => read[sources[l][c].Index],
                    SourceKind.Unplaced => lines[l].Unplaced,
                    SourceKind.After => after[sources[l][c].Index],
                    _ => null,
                };
        }
        return values;
    }

    /// <summary>
    /// How well a placement holds, or null when it breaks the 执行率 (a 全年执行数 ÷ 全年预算数 off the printed rate, where
    /// the placement gave either; the form's own two off its rate are its finding, no reason against a placement). In
    /// order: whether the 年度资金总额 line has its three amounts; how many relations hold (its rate; each column's total
    /// the sum of the lines under it, where they were read); how few amounts it moves from where they were read (two
    /// noughts in either pair of columns are the line as read); how few amounts after the table it places, the later
    /// ones left rather than the earlier (<paramref name="left"/>: a bit for each left) — an amount no relation asks for
    /// is left where it was written, and reported; then how few lines the amounts after the table go to.
    /// </summary>
    private static (int Complete, int Sums, int Kept, int Left, int Together)? Measure(IReadOnlyList<Line> lines, decimal?[][] values, Source[][] sources, int left)
    {
        var total = values[0];
        if (lines[0].Rate is { } rate && total[1] is > 0 && total[2] is { } executed &&
            Math.Abs(executed / total[1]!.Value * 100m - rate) > RateFit &&
            (sources[0][1].Kind is not SourceKind.Kept || sources[0][2].Kind is not SourceKind.Kept))
            return null;
        var complete = lines[0].Present && total.All(v => v is not null) ? 1 : 0;
        // The rate holding counts as a column's sum does ("36500 36500 10 100%": the second amount is the 全年执行数).
        var sums = lines[0].Rate is not null && total[1] is > 0 && total[2] is not null ? 1 : 0;
        for (var c = 0; c < 3; c++)
        {
            if (total[c] is not { } sum || lines.Count < 2 || !lines[1].Present) continue;
            // A line under the total that was read but left a column empty printed nothing there: nought.
            var parts = Enumerable.Range(1, lines.Count - 1).Where(l => lines[l].Present).Select(l => values[l][c] ?? 0m).Sum();
            if (Math.Abs(parts - sum) <= 0.01m) sums++;
        }
        var moved = sources.Sum(s => s.Count(x => x.Kind is SourceKind.Moved or SourceKind.Unplaced));
        // Of the rest, the amounts after the table on as few lines as may be: a line's wrapped cells are written one
        // after another ("3,374,697.6" / "2", "2,845,020.8" / "6" of one line), and an amount equal to the sum holds
        // as well under any line whose column is nought.
        var touched = sources.Count(s => s.Any(x => x.Kind is SourceKind.After));
        // Placing more is better only where it completes the total or makes a sum hold: otherwise fewer placed wins,
        // so an amount is never put in a cell just because the cell was empty.
        return (complete, sums, -moved, left, -touched);
    }

    private static bool Same(decimal?[][] a, decimal?[][] b) => a.Zip(b).All(x => x.First.SequenceEqual(x.Second));

    private static IEnumerable<Source[][]> Combine(List<List<Source[]>> options)
    {
        var index = new int[options.Count];
        while (true)
        {
            yield return [.. options.Select((o, l) => o[index[l]])];
            var l2 = options.Count - 1;
            while (l2 >= 0 && ++index[l2] == options[l2].Count) index[l2--] = 0;
            if (l2 < 0) yield break;
        }
    }

    /// <summary>Every way to choose <paramref name="k"/> of <paramref name="n"/> slots, in order.</summary>
    private static IEnumerable<int[]> Picks(int n, int k)
    {
        var pick = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])pick.Clone();
            var i = k - 1;
            while (i >= 0 && pick[i] == n - k + i) i--;
            if (i < 0) yield break;
            pick[i]++;
            for (var j = i + 1; j < k; j++) pick[j] = pick[j - 1] + 1;
        }
    }

    private static long Choose(int n, int k)
    {
        long r = 1;
        for (var i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }
}
