using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

/// <summary>
/// What a table's header row says each column holds: every header cell recognised as a kind (年度指标值 →
/// <c>HdrTarget</c>) with the grid columns it covers. A data cell belongs to the header whose columns it overlaps
/// most, so a row is read by what its header says, whatever the column widths, spans or order of the printing.
/// Where header and data cells have boxes (a ruled PDF page, a scan) the overlap is measured in the page's x
/// coordinates — grid column numbers are only comparable within one page's grid, and a table that breaks over a page
/// without repeating its header continues under the first page's header; elsewhere (HTML) in grid columns.
/// </summary>
internal sealed class ColumnMap
{
    private readonly List<(string Kind, int From, int To, Box? Box)> _ranges;

    /// <summary>The header row's cells in order, each with its kind or null (a 绩效指标 label left of the headers).</summary>
    private readonly List<string?> _ordinals;

    private ColumnMap(List<(string Kind, int From, int To, Box? Box)> ranges, bool hasSpans, List<string?> ordinals, int block) =>
        (_ranges, HasSpans, _ordinals, Block) = (ranges, hasSpans, ordinals, block);

    /// <summary>The table block (a page's table) the header was read in.</summary>
    public int Block { get; }

    /// <summary>True when the header came from a table with spans (HTML, a ruled page), whose columns can be trusted.</summary>
    public bool HasSpans { get; }

    public int Count => _ranges.Count;

    /// <summary>
    /// The header row's recognised kinds, each once (the first cell of a kind wins). <paramref name="kinds"/> is in the
    /// template's column order: a header cell the matcher does not recognise (an OCR misreading of 实际完成值) takes
    /// the one kind the template puts between its recognised neighbours, when exactly one is missing there, and
    /// <paramref name="inferred"/> hears of it; so does a label read twice side by side where the kind next to it in
    /// the template is missing (<see cref="Repeated"/>). A printing that moves columns keeps its own order: only a single
    /// gap is filled, never a kind that was read elsewhere.
    /// </summary>
    public static ColumnMap Of(RawRow header, LabelMatcher matcher, IReadOnlyList<string> kinds, double minScore = 0.75,
        Action<RawCell, string>? inferred = null)
    {
        // A cell's inference is said once, and only as it stands at the end: a later pass (the ordinals' order) may
        // give a cell another kind than an earlier one did.
        var said = new List<(RawCell Cell, string Kind)>();
        var map = Build(header, matcher, kinds, minScore, (cell, kind) => { said.RemoveAll(x => x.Cell == cell); said.Add((cell, kind)); });
        foreach (var (cell, kind) in said)
            if (map._ranges.Any(r => r.Kind == kind && r.From == cell.FirstColumn && r.To == cell.EndColumn))
                inferred?.Invoke(cell, kind);
        return map;
    }

    private static ColumnMap Build(RawRow header, LabelMatcher matcher, IReadOnlyList<string> kinds, double minScore,
        Action<RawCell, string>? inferred)
    {
        var ranges = new List<(string Kind, int From, int To, Box? Box)>();
        var unknown = new List<RawCell>();
        var read = new Dictionary<string, RawCell>();
        var repeated = new List<(RawCell Cell, string Kind)>();
        var blank = new List<RawCell>();
        foreach (var cell in header.Cells)
        {
            if (cell.FirstColumn < 0) continue;
            if (cell.IsEmpty) { blank.Add(cell); continue; }
            if (matcher.Match(cell.Text, [.. kinds]) is not { } m || m.Score < minScore) { unknown.Add(cell); continue; }
            // A label that matches a claimed kind and an unclaimed one as well (OCR lost the 三 of 三级指标: "级指标" is
            // as near 一级指标 as 三级指标) is the unclaimed one.
            if (ranges.Any(r => r.Kind == m.Kind) && matcher.Match(cell.Text, [.. kinds.Where(k => ranges.All(r => r.Kind != k))]) is { } other &&
                other.Score >= m.Score)
                m = other;
            if (ranges.Any(r => r.Kind == m.Kind)) { repeated.Add((cell, m.Kind)); continue; }
            ranges.Add((m.Kind, cell.FirstColumn, cell.EndColumn, cell.Source.Box));
            read[m.Kind] = cell;
        }
        // Enough of a header read to infer the rest by the template's order: three labels, or two read exactly (a scan's
        // funding header, its other labels garbled: "企年预算数", "外侦", "涩行这").
        var exactly = ranges.Count(r => read.TryGetValue(r.Kind, out var c) && matcher.Match(c.Text, r.Kind) is { IsExact: true });
        var enough = header.HasSpans && (ranges.Count >= 3 || exactly >= 2);
        if (enough)
            foreach (var (cell, kind) in repeated)
                Repeated(ranges, read[kind], cell, kind, kinds, inferred);
        // A cell nearest another of the template's labels (the 绩效指标 beside the header, its span read into the
        // header's row: OCR's 媚效指标, one character wrong in four) is no column's header, misread or not.
        var allKinds = matcher.Model.Labels.Keys.ToArray();
        unknown.RemoveAll(cell => matcher.Match(cell.Text, allKinds) is { Score: >= NearEnough } m && !kinds.Contains(m.Kind));
        // A header cell left blank (OCR read nothing in it) between two recognised ones is such a cell too; not at the
        // row's ends, where a header has its blank label columns.
        void FillGaps()
        {
            foreach (var cell in unknown.Concat(blank))
            {
                if (ranges.Any(r => r.From == cell.FirstColumn && r.To == cell.EndColumn)) continue;
                var before = ranges.Where(r => r.To <= cell.FirstColumn).OrderBy(r => r.To).LastOrDefault();
                var after = ranges.Where(r => r.From >= cell.EndColumn).OrderBy(r => r.From).FirstOrDefault();
                var from = before.Kind is null ? -1 : IndexOf(kinds, before.Kind);
                var to = after.Kind is null ? kinds.Count : IndexOf(kinds, after.Kind);
                if (from >= to || (before.Kind is null && after.Kind is null)) continue;
                if (cell.IsEmpty && (before.Kind is null || after.Kind is null)) continue;
                var missing = kinds.Skip(from + 1).Take(to - from - 1).Where(k => ranges.All(r => r.Kind != k)).ToList();
                if (missing.Count != 1) continue;
                ranges.Add((missing[0], cell.FirstColumn, cell.EndColumn, cell.Source.Box));
                inferred?.Invoke(cell, missing[0]);
            }
        }
        if (enough) FillGaps();
        // A header cell misread beyond the first bar (OCR's 实际完成什, one character of five wrong) in a printing that
        // moved its columns, or two misread side by side (王级指标, 至级指标), where no single gap of the template's
        // order names it: the kind it is nearest among those no cell claimed, when near enough. Only in a header
        // otherwise read, each kind once, in column order (of two as near, the template's earlier kind goes first).
        // The gaps it leaves are single ones again (三级指缴 read so leaves 年度指瓜逢 the one kind between its neighbours).
        if (enough)
        {
            var before = ranges.Count;
            foreach (var cell in unknown)
            {
                if (ranges.Any(r => r.From == cell.FirstColumn && r.To == cell.EndColumn)) continue;
                var unclaimed = kinds.Where(k => ranges.All(r => r.Kind != k)).ToArray();
                if (unclaimed.Length == 0 || matcher.Match(Ideographs(cell), unclaimed) is not { Score: >= NearEnough } near) continue;
                ranges.Add((near.Kind, cell.FirstColumn, cell.EndColumn, cell.Source.Box));
                inferred?.Invoke(cell, near.Kind);
            }
            if (ranges.Count > before) FillGaps();
            FillRuns(ranges, header, unknown, kinds, inferred);
        }
        InLevelOrder(ranges, header, matcher, inferred);
        OrdinalTriple(ranges, header, matcher, kinds, inferred);
        var ordinals = header.Cells.Where(c => c.FirstColumn >= 0)
            .Select(c => ranges.Find(r => r.From == c.FirstColumn && r.To == c.EndColumn) is { Kind: not null } r ? r.Kind : (string?)null).ToList();
        return new ColumnMap([.. ranges.OrderBy(r => r.From)], header.HasSpans, ordinals, header.Block);
    }

    /// <summary>
    /// The map for a table that goes on in a new block (the next page's table) without printing its header again: its
    /// first row's cells take the header's kinds in order, when it has as many cells as the header had. A printing that
    /// starts a new table on the next page gives it widths of its own, so neither grid columns nor x positions line up
    /// with the first page's header; the order of the columns does. Null when the counts differ.
    /// </summary>
    public ColumnMap? ForContinuation(RawRow first, string? lastMayBeLost = null)
    {
        var cells = first.Cells.Where(c => c.FirstColumn >= 0).ToList();
        // A narrow last column (the criteria template's 备注, often empty) whose rule the page lost: the other columns
        // still in order, when the caller says which kind the last may be.
        var lost = lastMayBeLost is not null && _ordinals.Count > 0 && _ordinals[^1] == lastMayBeLost && cells.Count == _ordinals.Count - 1;
        if (cells.Count != _ordinals.Count && !lost || _ordinals.All(k => k is null)) return null;
        var ranges = cells.Zip(_ordinals).Where(x => x.Second is not null)
            .Select(x => (x.Second!, x.First.FirstColumn, x.First.EndColumn, x.First.Source.Box)).ToList();
        return new ColumnMap(ranges, first.HasSpans, _ordinals, first.Block);
    }

    /// <summary>The three columns whose labels differ by one character: 一级指标, 二级指标, 三级指标.</summary>
    private static readonly string[] Ordinals = ["HdrLevel1", "HdrLevel2", "HdrName"];

    /// <summary>
    /// 一级, 二级 and 三级指标 differ by the one character OCR reads worst ("-级指标", ":级指标", "级指标"): each such cell is
    /// as near one of the three as another, and which it took depended on which were claimed before it (":级指标" read
    /// first took 一级 and left the two cells left of it 二级 and 三级: every row's 二级指标 read as its name). No printing
    /// puts them in another order, so where a cell of the three was not read exactly and their columns stand out of
    /// that order, they take it, and the cells that change are reported to <paramref name="inferred"/>.
    /// </summary>
    private static void InLevelOrder(List<(string Kind, int From, int To, Box? Box)> ranges, RawRow header, LabelMatcher matcher,
        Action<RawCell, string>? inferred)
    {
        var at = Enumerable.Range(0, ranges.Count).Where(i => Ordinals.Contains(ranges[i].Kind)).OrderBy(i => ranges[i].From).ToList();
        if (at.Count < 2) return;
        var inOrder = at.Select(i => ranges[i].Kind).OrderBy(k => Array.IndexOf(Ordinals, k)).ToList();
        if (at.Select(i => ranges[i].Kind).SequenceEqual(inOrder)) return;
        RawCell? CellOf(int i) => header.Cells.FirstOrDefault(c => c.FirstColumn == ranges[i].From && c.EndColumn == ranges[i].To);
        if (at.All(i => CellOf(i) is { } c && matcher.Match(c.Text, Ordinals) is { IsExact: true })) return;
        for (var j = 0; j < at.Count; j++)
        {
            if (ranges[at[j]].Kind == inOrder[j]) continue;
            ranges[at[j]] = ranges[at[j]] with { Kind = inOrder[j] };
            if (CellOf(at[j]) is { } cell) inferred?.Invoke(cell, inOrder[j]);
        }
    }

    /// <summary>
    /// Three header cells side by side that each read as "?级指?" — a scan's "-级指本", "-级指性", "“级指标": 一 read as
    /// a dash, 二 as a quote, a last character garbled — are 一级, 二级 and 三级指标 in that order, whichever kinds the
    /// similarity gave them one by one (the quote's "“级指标" is as near all three, and took 一级 before the two
    /// cells left of it, which took nothing). Only with all three kinds in the template, exactly three such cells in
    /// the row and nothing between them; the cells whose kind changes are reported to <paramref name="inferred"/>.
    /// </summary>
    private static void OrdinalTriple(List<(string Kind, int From, int To, Box? Box)> ranges, RawRow header, LabelMatcher matcher,
        IReadOnlyList<string> kinds, Action<RawCell, string>? inferred)
    {
        if (!Ordinals.All(kinds.Contains)) return;
        var cells = header.Cells.Where(c => c.FirstColumn >= 0 && !c.IsEmpty).OrderBy(c => c.FirstColumn).ToList();
        // (A wrapped "一级" / "指标" whose ordinal line OCR garbled, "1" / "指标" or "到" / "指标", is such a cell too:
        // "?指标" of three or four characters near no other label of the template (绩效指标 read 绩歼指标 beside them is
        // that label) and no level's name.)
        var others = matcher.Model.Labels.Keys.Where(k => !Ordinals.Contains(k)).ToArray();
        var at = Enumerable.Range(0, cells.Count).Where(i => LabelMatcher.Key(cells[i].Text) is var key &&
            (OrdinalLike(key) || key.Length is 3 or 4 && key.EndsWith("指标", StringComparison.Ordinal) &&
             matcher.Match(cells[i].Text, others) is not { Score: >= NearEnough } && matcher.MatchLevel(cells[i].Text) is not { IsExact: true })).ToList();
        if (at.Count == 2 && at[1] - at[0] == 1 && ThirdOfTriple(cells, at, matcher, others) is { } third) at.Insert(third < at[0] ? 0 : 2, third);
        if (at.Count != 3 || at[2] - at[0] != 2) return;
        var triple = at.Select(i => cells[i]).ToList();
        // Labels read exactly keep the order they were printed in — unless one of them is read twice and the template's
        // next column follows them ("二级指标 | 三级指标 | 三级指标 | 年度指标值": three cells of the three, one misread by a
        // stroke, the template's order says which). Without that column after them, a cell of the pair may be the
        // measure's header misread instead (Repeated's case).
        if (triple.Select(c => matcher.Match(c.Text, Ordinals)).ToList() is var exact && exact.All(m => m is { IsExact: true }) &&
            (exact.Select(m => m!.Kind).Distinct().Count() == 3 ||
             !(at[2] + 1 < cells.Count && matcher.Match(cells[at[2] + 1].Text, "HdrTarget", "HdrActual") is { IsExact: true }))) return;
        if (triple.Select((c, j) => ranges.Any(r => r.From == c.FirstColumn && r.To == c.EndColumn && r.Kind == Ordinals[j])).All(x => x)) return;
        // A kind the triple takes is nowhere else; a cell of the triple holds no other kind.
        ranges.RemoveAll(r => Ordinals.Contains(r.Kind) || triple.Any(c => r.From == c.FirstColumn && r.To == c.EndColumn));
        for (var j = 0; j < 3; j++)
        {
            ranges.Add((Ordinals[j], triple[j].FirstColumn, triple[j].EndColumn, triple[j].Source.Box));
            if (matcher.Match(triple[j].Text, Ordinals[j]) is not { IsExact: true }) inferred?.Invoke(triple[j], Ordinals[j]);
        }
    }

    /// <summary>
    /// Several misread header cells side by side, where as many kinds of the template are missing between the
    /// recognised cells either side of them (or after the last, the run reaching the row's end): the funding header's
    /// "外侦 | 涩行这 | 丛分" after 全年执行数 are 分值, 执行率 and 得分, in the template's order. A single such cell is
    /// <c>FillGaps</c>' case; blank cells break a run (a header's blank cells at its ends are label columns). Scans
    /// only: in a text, two unknown labels side by side are the printing's own.
    /// </summary>
    private static void FillRuns(List<(string Kind, int From, int To, Box? Box)> ranges, RawRow header, List<RawCell> unknown,
        IReadOnlyList<string> kinds, Action<RawCell, string>? inferred)
    {
        var cells = header.Cells.Where(c => c.FirstColumn >= 0).OrderBy(c => c.FirstColumn).ToList();
        bool Claimed(RawCell c) => ranges.Any(r => r.From == c.FirstColumn && r.To == c.EndColumn);
        var i = 0;
        while (i < cells.Count)
        {
            if (!unknown.Contains(cells[i]) || Claimed(cells[i])) { i++; continue; }
            var end = i;
            while (end + 1 < cells.Count && unknown.Contains(cells[end + 1]) && !Claimed(cells[end + 1])) end++;
            var run = cells.GetRange(i, end - i + 1);
            i = end + 1;
            // Only what OCR read: a text's unknown header is a printing's own column, a scan's is OCR's garbling of one
            // of the template's.
            if (run.Count < 2 || run[0] == cells[0] || run.Any(c => c.Source.Confidence is null)) continue;
            var left = cells[cells.IndexOf(run[0]) - 1];
            var right = end + 1 < cells.Count ? cells[end + 1] : null;
            var before = ranges.Find(r => r.From == left.FirstColumn && r.To == left.EndColumn);
            if (before.Kind is null) continue;
            var after = right is null ? default : ranges.Find(r => r.From == right.FirstColumn && r.To == right.EndColumn);
            if (right is not null && after.Kind is null) continue;
            var from = IndexOf(kinds, before.Kind);
            var to = after.Kind is null ? kinds.Count : IndexOf(kinds, after.Kind);
            var missing = kinds.Skip(from + 1).Take(to - from - 1).Where(k => ranges.All(r => r.Kind != k)).ToList();
            if (from < 0 || missing.Count != run.Count) continue;
            for (var j = 0; j < run.Count; j++)
            {
                ranges.Add((missing[j], run[j].FirstColumn, run[j].EndColumn, run[j].Source.Box));
                inferred?.Invoke(run[j], missing[j]);
            }
        }
    }

    /// <summary>
    /// What a header cell says for the nearest-kind measure: a scanned cell's ideographs only — every label of the
    /// templates is ideographs, and Latin letters, digits and marks in an OCR'd one are the engine's noise ("实际[一TD成值"
    /// of 实际完成值 across four lines measured 0.51 with them, 0.72 without).
    /// </summary>
    private static string Ideographs(RawCell cell) =>
        cell.Source.Confidence is null ? cell.Text : string.Concat(cell.Text.Where(ch => ch >= '\u2E80'));

    /// <summary>"?级指?": three to five characters holding 级 ("--级指标" of 一级指标), whose last three share two with 级指标.</summary>
    /// <summary>
    /// Two of the three read "?级指标" side by side and the third garbled further ("一 专 指 本" beside "-级指标 | “级指标":
    /// 级 and 标 both lost): the cell just before or after the two is the third where it still looks like one of them —
    /// three to five characters with an ordinal (一, 二, 三), 级 or 指 — and reads as no other label of the template and
    /// no level's name. Where both neighbours look so, neither is taken. Only a scan's cell: a text prints its labels.
    /// </summary>
    private static int? ThirdOfTriple(List<RawCell> cells, List<int> two, LabelMatcher matcher, string[] others)
    {
        bool Looks(int i) => i >= 0 && i < cells.Count && cells[i].Source.Confidence is not null && LabelMatcher.Key(cells[i].Text) is { Length: >= 3 and <= 5 } key &&
            (key[0] is '一' or '二' or '三' || key.Contains('级') || key.Contains('指')) &&
            matcher.Match(cells[i].Text, others) is not { Score: >= NearEnough } && matcher.MatchLevel(cells[i].Text) is not { IsExact: true };
        var before = Looks(two[0] - 1);
        var after = Looks(two[1] + 1);
        return before == after ? null : before ? two[0] - 1 : two[1] + 1;
    }

    private static bool OrdinalLike(string key) =>
        key.Length is >= 3 and <= 5 && key.Contains('级') && LabelMatcher.Lcs(key[^3..], "级指标") >= 2;

    /// <summary>
    /// A label read twice in neighbouring header cells where the template's kind just before or after it is missing:
    /// OCR read 二级指标 as 三级指标 (or the other way: the characters differ by a stroke). The template's order says
    /// which cell is which — the first takes the kind before, or the second the kind after — where only one of the two
    /// is missing; the cell whose label was not what it read is reported to <paramref name="inferred"/>.
    /// </summary>
    private static void Repeated(List<(string Kind, int From, int To, Box? Box)> ranges, RawCell first, RawCell second, string kind,
        IReadOnlyList<string> kinds, Action<RawCell, string>? inferred)
    {
        var k = IndexOf(kinds, kind);
        if (first.EndColumn > second.FirstColumn || ranges.Any(r => r.From >= first.EndColumn && r.To <= second.FirstColumn)) return;
        var before = k > 0 && ranges.All(r => r.Kind != kinds[k - 1]) ? kinds[k - 1] : null;
        var after = k + 1 < kinds.Count && ranges.All(r => r.Kind != kinds[k + 1]) ? kinds[k + 1] : null;
        if ((before is null) == (after is null)) return;
        if (before is not null)
        {
            ranges.RemoveAll(r => r.Kind == kind);
            ranges.Add((before, first.FirstColumn, first.EndColumn, first.Source.Box));
            ranges.Add((kind, second.FirstColumn, second.EndColumn, second.Source.Box));
            inferred?.Invoke(first, before);
        }
        else
        {
            ranges.Add((after!, second.FirstColumn, second.EndColumn, second.Source.Box));
            inferred?.Invoke(second, after!);
        }
    }

    /// <summary>
    /// How near an unclaimed kind's label a misread header cell must be: one character wrong in four (王级指标, 0.675) or
    /// five (实际完成什, 0.72) is near enough; two in five (0.54) are not.
    /// </summary>
    private const double NearEnough = 0.65;

    private static int IndexOf(IReadOnlyList<string> kinds, string kind)
    {
        for (var i = 0; i < kinds.Count; i++)
            if (kinds[i] == kind) return i;
        return -1;
    }

    public bool Has(string kind) => _ranges.Any(r => r.Kind == kind);

    /// <summary>The first grid column of a kind's header, or -1.</summary>
    public int FirstColumnOf(string kind) => _ranges.Find(r => r.Kind == kind) is { Kind: not null } r ? r.From : -1;

    /// <summary>The header kind a cell falls under: the one its columns overlap most, or null (a cell left of the header).</summary>
    public string? KindOf(RawCell cell)
    {
        if (cell.FirstColumn < 0) return null;
        string? best = null;
        var bestOverlap = 0.0;
        foreach (var range in _ranges)
        {
            var overlap = Overlap(range, cell);
            if (overlap > bestOverlap) (best, bestOverlap) = (range.Kind, overlap);
        }
        return best;
    }

    /// <summary>The row's cell under a kind's header: among the cells whose best header it is, the widest overlap.</summary>
    public RawCell? CellFor(IEnumerable<RawCell> cells, string kind)
    {
        if (_ranges.Find(r => r.Kind == kind) is not { Kind: not null } range) return null;
        RawCell? best = null;
        var bestOverlap = 0.0;
        foreach (var cell in cells)
        {
            if (KindOf(cell) != kind) continue;
            var overlap = Overlap(range, cell);
            if (overlap > bestOverlap) (best, bestOverlap) = (cell, overlap);
        }
        return best;
    }

    /// <summary>True when a cell spans at least half of a kind's header: a cell under two headers (a rule between them missing).</summary>
    public bool Spans(RawCell cell, string kind) =>
        _ranges.Find(r => r.Kind == kind) is { Kind: not null } range &&
        Overlap(range, cell) >= 0.5 * (range.Box is { } h && cell.Source.Box?.Units == h.Units ? h.X1 - h.X0 : range.To - range.From);

    /// <summary>How much of a header's width a cell shares: in page coordinates where both have boxes, else in grid columns.</summary>
    private static double Overlap((string Kind, int From, int To, Box? Box) range, RawCell cell)
    {
        if (range.Box is { } h && cell.Source.Box is { } c && h.Units == c.Units)
        {
            // A sliver shared across a rule (the cells of two pages never align to the point) is no overlap.
            var shared = Math.Min(h.X1, c.X1) - Math.Max(h.X0, c.X0);
            return shared > 0.15 * Math.Min(h.X1 - h.X0, c.X1 - c.X0) ? shared : 0;
        }
        return Math.Min(range.To, cell.EndColumn) - Math.Max(range.From, cell.FirstColumn);
    }
}
