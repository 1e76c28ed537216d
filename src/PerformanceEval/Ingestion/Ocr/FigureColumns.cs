using System.Collections.Immutable;
using PerformanceEval.Raster;
using PerformanceEval.Templates;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// The cells of a scanned table that hold figures because their column's header says so (分值, 得分, 执行率, 年初预算数 …
/// in the standard template; 权重, 自评得分 in the criteria one), found from the first reading of the page's cells. The
/// reader then reads each of them as a figure whatever the Chinese model made of it: chi_sim reads a lone "10" as 本 or
/// 必, "92.5%" as "日2D20", and a thin "1" as nothing at all — none of which looked like a figure to be read again.
/// Bound to the header's words, not to where a printing puts its columns.
/// </summary>
internal static partial class FigureColumns
{
    /// <summary>Header kinds (models/*.json) whose columns hold figures, in either template.</summary>
    private static readonly string[] FigureKinds = ["ColInitial", "ColAnnual", "ColExecuted", "ColRate", "HdrWeight", "HdrScore"];

    /// <summary>A header is taken at this label score or better (OCR of a header is mostly clean; 王纹指标 for 二级指标 is not).</summary>
    private const double HeaderScore = 0.8;

    /// <summary>
    /// Each region under a figure header, with the header's label. A column runs down from its header until a region
    /// crosses the header's side borders (the next section's wider cells: 年度总体目标's 实际完成情况 under 分值) or
    /// another header row begins; cells carried down from above (a 一级指标 spanning rows) are not the column's.
    /// </summary>
    public static Dictionary<int, string> Find(GridLayout grid, IReadOnlyDictionary<int, string> textByRegion, IReadOnlyList<LabelMatcher> templates)
    {
        var typed = new Dictionary<int, string>();
        if (templates.Count == 0) return typed;
        var labels = new Dictionary<int, LabelMatch?>();
        LabelMatch? LabelOf(int region) =>
            labels.TryGetValue(region, out var known) ? known : labels[region] = BestLabel(textByRegion.GetValueOrDefault(region), templates);
        string NameOf(string kind) =>
            templates.Select(t => t.Model.Labels.TryGetValue(kind, out var names) ? names.FirstOrDefault() : null).FirstOrDefault(n => n is not null) ?? kind;
        foreach (var (header, _, label) in Headers(grid, LabelOf, NameOf))
        {
            var (_, left, bottom, right) = grid.Extent(header);
            for (var row = bottom + 1; row < grid.Rows; row++)
            {
                var below = Enumerable.Range(left, right - left + 1).Select(c => grid.Find(row * grid.Columns + c)).Distinct().ToList();
                if (below.Any(r => grid.Extent(r).Left < left || grid.Extent(r).Right > right)) break;
                if (below.Any(r => grid.Extent(r).Top == row && LabelOf(r) is { Score: >= HeaderScore })) break;
                foreach (var region in below.Where(r => grid.Extent(r).Top == row)) typed.TryAdd(region, label);
            }
        }
        return typed;
    }

    /// <summary>
    /// The regions that hold a yes-or-no value: the cell right of a 是否为经常性项目 label in its row (the label wrapped
    /// in its cell, "是否为经常性" / "项目", read whole). Such a cell holds 是 or 否, never a figure.
    /// </summary>
    public static HashSet<int> YesOrNo(GridLayout grid, IReadOnlyDictionary<int, string> textByRegion, IReadOnlyList<LabelMatcher> templates)
    {
        var found = new HashSet<int>();
        foreach (var (region, _) in textByRegion)
        {
            var (top, left, _, _) = grid.Extent(region);
            if (left == 0 || !textByRegion.TryGetValue(grid.Find(top * grid.Columns + left - 1), out var label)) continue;
            var text = label.Replace("\n", "", StringComparison.Ordinal);
            if (templates.Any(t => t.Match(text, "Recurring") is { Score: >= HeaderScore })) found.Add(region);
        }
        return found;
    }

    /// <summary>
    /// Where a page's figure columns stand, to be known again on the next page: the grid's column boundaries and each
    /// figure column's edges (pixels) with its header's label. Only columns that run down to the page's last row go on
    /// (the funding block's 全年预算数 stands over the indicators' 年度指标值, and ends with its block). Null where the
    /// page has none.
    /// </summary>
    public static PageColumns? Columns(GridLayout grid, IReadOnlyDictionary<int, string> typed)
    {
        var figures = typed.Select(t => (Extent: grid.Extent(t.Key), Label: t.Value)).Where(t => t.Extent.Bottom == grid.Rows - 1)
            .Select(t => (Left: grid.Xs[t.Extent.Left], Right: grid.Xs[t.Extent.Right + 1], t.Label))
            .Distinct().ToImmutableArray();
        return figures.IsEmpty ? null : new PageColumns([.. grid.Xs], figures);
    }

    /// <summary>How far apart two boundaries may be and still be one rule on two pages, pixels (a page fed a little aside).</summary>
    private const double SameRule = 10;

    /// <summary>
    /// The regions of a page that prints no header under the figure columns of the page before: the table a page break
    /// cut runs on with the same rules (the criteria template's second page is 权重 and 得分 cells under no header; read
    /// by what they look like alone, its "2" came out as "op" and no figure). The page may lie shifted on the scanner:
    /// the shift is the one that brings most of its column rules onto the last page's, and at least three, and most of
    /// the page's rules, must agree; a region is a figure cell where both its edges meet a figure column's.
    /// </summary>
    public static Dictionary<int, string> Continued(GridLayout grid, PageColumns above)
    {
        var typed = new Dictionary<int, string>();
        int Agreeing(double shift) => grid.Xs.Count(x => above.Boundaries.Any(b => Math.Abs(x + shift - b) <= SameRule));
        var (best, agree) = (0.0, -1);
        foreach (var shift in grid.Xs.SelectMany(x => above.Boundaries.Select(b => b - x)))
            if (Agreeing(shift) is var n && n > agree) (best, agree) = (shift, n);
        if (agree < 3 || agree * 3 < Math.Min(grid.Xs.Count, above.Boundaries.Length) * 2) return typed;
        foreach (var region in grid.Regions())
        {
            var e = grid.Extent(region);
            var (left, right) = (grid.Xs[e.Left] + best, grid.Xs[e.Right + 1] + best);
            if (above.Figures.FirstOrDefault(f => Math.Abs(f.Left - left) <= SameRule && Math.Abs(f.Right - right) <= SameRule) is { Label: not null } column)
                typed[region] = column.Label;
        }
        return typed;
    }

    /// <summary>
    /// The regions of a page that prints no header and whose rules do not stand as the last page's did (a table laid
    /// out afresh on each page, its columns as wide as each page's words need): a column of the grid whose own cells
    /// are mostly plain figures of at most three digits (分值 and 得分: "4", "2", "14"), and none a figure of another
    /// kind (a percentage, a comparison, a figure with its unit: a target's or an actual's), holds figures in its
    /// other cells too — a serif "15" at 200 dpi that chi_sim read as "Lo" and "1Ls", and lost its row. Cells of two
    /// ideographs or more are words, not figures.
    /// </summary>
    public static Dictionary<int, string> ByContent(GridLayout grid, IReadOnlyDictionary<int, string> textByRegion)
    {
        var typed = new Dictionary<int, string>();
        var byColumn = grid.Regions().Select(r => (Region: r, Extent: grid.Extent(r)))
            .Where(r => r.Extent.Left == r.Extent.Right && textByRegion.GetValueOrDefault(r.Region) is { } t && t.Trim().Length > 0)
            .GroupBy(r => r.Extent.Left);
        foreach (var column in byColumn)
        {
            var texts = column.Select(r => (r.Region, Text: textByRegion[r.Region].Trim())).ToList();
            var plain = texts.Count(t => PlainFigure().IsMatch(t.Text));
            if (plain < 3 || plain * 5 < texts.Count * 3 || texts.Any(t => OtherFigure().IsMatch(t.Text))) continue;
            foreach (var (region, text) in texts)
                if (!PlainFigure().IsMatch(text) && text.Count(TextCleaner.IsCjk) < 2) typed[region] = ByContentLabel;
        }
        return typed;
    }

    /// <summary>What the reader's warnings name a column found by its figures, not by a header.</summary>
    internal const string ByContentLabel = "无表头、其余各格为数字";

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{1,3}(\.\d{1,3})?$")]
    private static partial System.Text.RegularExpressions.Regex PlainFigure();

    /// <summary>A figure of a target's or an actual's kind: a comparison first, a percentage, or a unit after its digits.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[<>=≥≤]|\d\s*%$|\d[\u4e00-\u9fff]+$")]
    private static partial System.Text.RegularExpressions.Regex OtherFigure();

    /// <summary>
    /// The figure headers, read or inferred. A header OCR garbled (分值 read as 人) is known by its neighbours: in a row
    /// of three headers or more, a cell that reads as no label between 实际完成值 and 得分 is where the template
    /// puts 分值 (<see cref="LabelKinds"/>' column orders).
    /// </summary>
    private static IEnumerable<(int Region, string Kind, string Label)> Headers(GridLayout grid, Func<int, LabelMatch?> labelOf, Func<string, string> nameOf)
    {
        foreach (var row in grid.Regions().GroupBy(r => grid.Extent(r).Top))
        {
            var cells = row.OrderBy(r => grid.Extent(r).Left).ToList();
            var labels = cells.Select(r => labelOf(r) is { Score: >= HeaderScore } m ? m : null).ToList();
            for (var i = 0; i < cells.Count; i++)
                if (labels[i] is { } label && FigureKinds.Contains(label.Kind)) yield return (cells[i], label.Kind, label.Label);
            if (labels.Count(l => l is not null) < 3) continue;
            for (var i = 0; i < cells.Count; i++)
            {
                if (labels[i] is not null || labelOf(cells[i]) is not null) continue;
                var (before, after) = (i > 0 ? labels[i - 1]?.Kind : null, i + 1 < cells.Count ? labels[i + 1]?.Kind : null);
                // An order that holds both neighbours, in order, says most: the one kind of the gap between them that no
                // cell of the row is near (a printing that put 实际完成值 before 年度指标值 leaves 分值 the one kind
                // between 年度指标值 and 得分 not printed — 实际完成什 is 实际完成值, one character off).
                var (kind, support) = ((string?)GapKind(cells, labelOf, before, after), 0);
                // Else the order both neighbours agree with wins over one only one of them is in.
                foreach (var order in kind is null ? ColumnOrders : [])
                {
                    var (b, a) = (before is null ? -1 : Array.IndexOf(order, before), after is null ? -1 : Array.IndexOf(order, after));
                    var (at, agree) = b >= 0 && a == b + 2 ? (b + 1, 2) : b >= 0 && a < 0 && b + 1 < order.Length ? (b + 1, 1) : a > 0 && b < 0 ? (a - 1, 1) : (-1, 0);
                    // Ties go to the order holding more of the row's headers (得分 ends both standard header rows).
                    var weight = agree == 0 ? 0 : agree * 100 + labels.Count(l => l is not null && order.Contains(l.Kind));
                    if (weight > support) (kind, support) = (order[at], weight);
                }
                if (kind is not null && FigureKinds.Contains(kind)) yield return (cells[i], kind, nameOf(kind));
            }
        }
    }

    /// <summary>
    /// Regions under two figure headers side by side (分值 | 得分) that span exactly both columns and read as figures
    /// ("1010"): the rule between the two cells was not found (faint, broken), yet the header row shows where it
    /// stands. Each comes with the grid column boundary between the headers, to be drawn through the region's rows.
    /// </summary>
    public static List<(int Region, int Column)> JoinedPairs(GridLayout grid, IReadOnlyDictionary<int, string> textByRegion, IReadOnlyList<LabelMatcher> templates)
    {
        var pairs = new List<(int Region, int Column)>();
        if (templates.Count == 0) return pairs;
        var labels = new Dictionary<int, LabelMatch?>();
        LabelMatch? LabelOf(int region) =>
            labels.TryGetValue(region, out var known) ? known : labels[region] = BestLabel(textByRegion.GetValueOrDefault(region), templates);
        var headers = Headers(grid, LabelOf, kind => kind).ToList();
        foreach (var (a, _, _) in headers)
            foreach (var (b, _, _) in headers)
            {
                var (ea, eb) = (grid.Extent(a), grid.Extent(b));
                if (ea.Top != eb.Top || ea.Right + 1 != eb.Left) continue;
                // Down the two columns, as far as they go (see Find): the funding block's 分值 | 执行率 stand over
                // indicator cells whose own boundaries lie elsewhere.
                for (var row = Math.Max(ea.Bottom, eb.Bottom) + 1; row < grid.Rows; row++)
                {
                    var below = Enumerable.Range(ea.Left, eb.Right - ea.Left + 1).Select(c => grid.Find(row * grid.Columns + c)).Distinct().ToList();
                    if (below.Any(r => grid.Extent(r).Left < ea.Left || grid.Extent(r).Right > eb.Right)) break;
                    if (below.Any(r => grid.Extent(r).Top == row && LabelOf(r) is { Score: >= HeaderScore })) break;
                    foreach (var region in below)
                    {
                        var e = grid.Extent(region);
                        if (e.Top == row && e.Left == ea.Left && e.Right == eb.Right && Figures(textByRegion.GetValueOrDefault(region)))
                            pairs.Add((region, eb.Left));
                    }
                }
            }
        return pairs;
    }

    /// <summary>Digits (two at least, for two figures), with nothing but figure marks and spaces.</summary>
    private static bool Figures(string? text) =>
        text is not null && text.Count(char.IsAsciiDigit) >= 2 && text.All(c => char.IsAsciiDigit(c) || c is '.' or '%' or ' ' or '\n');

    /// <summary>The one kind between two neighbouring headers, in an order holding both, that no cell of the row is near.</summary>
    private static string? GapKind(List<int> cells, Func<int, LabelMatch?> labelOf, string? before, string? after)
    {
        if (before is null || after is null) return null;
        foreach (var order in ColumnOrders)
        {
            var (b, a) = (Array.IndexOf(order, before), Array.IndexOf(order, after));
            if (b < 0 || a <= b + 1) continue;
            var left = order[(b + 1)..a].Where(k => !cells.Any(r => labelOf(r) is { Score: >= NearLabel } m && m.Kind == k)).ToList();
            if (left.Count == 1) return left[0];
        }
        return null;
    }

    /// <summary>How near a header cell must read to a label for its kind to be taken as printed in the row (one character in five wrong).</summary>
    private const double NearLabel = 0.65;

    private static readonly string[][] ColumnOrders = [LabelKinds.FundingColumns, LabelKinds.IndicatorColumns, LabelKinds.CriteriaColumns];

    /// <summary>The best label of any kind in any template for a cell's text, so that 实际完成值 is never taken for 分值.</summary>
    private static LabelMatch? BestLabel(string? text, IReadOnlyList<LabelMatcher> templates)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        LabelMatch? best = null;
        foreach (var matcher in templates)
            if (matcher.Match(text, [.. matcher.Model.Labels.Keys]) is { } m && (best is null || m.Score > best.Score)) best = m;
        return best;
    }
}

/// <summary>A page's figure columns by where they stand (<see cref="FigureColumns.Columns"/>), pixels.</summary>
internal sealed record PageColumns(ImmutableArray<double> Boundaries, ImmutableArray<(double Left, double Right, string Label)> Figures);

/// <summary>One page's rows, top to bottom, and the figure columns it had or carried on (null: none).</summary>
internal sealed record PageReading(List<(double Y, RawRow Row)> Rows, PageColumns? Columns);
