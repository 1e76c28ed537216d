using System.Collections.Immutable;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using PerformanceEval.Templates;

namespace PerformanceEval.Tables;

/// <summary>
/// Cuts a document's rows into forms. A form starts at its title (…绩效自评表), or — when the OCR lost the
/// title — at a year row "(2021 年度)", a 项目名称 row, or a funding row met after the previous form's body.
/// A flattened paragraph is a form of its own; a table block with neither title nor header (the second page of
/// a form) continues the form before it.
/// </summary>
public sealed class FormSegmenter(LabelMatcher standard, LabelMatcher? criteria = null)
{
    private readonly LayoutTableBuilder _layoutTables = new(standard);
    private readonly CriteriaLayoutTable? _criteriaTables = criteria is null ? null : new(criteria);
    private readonly CriteriaRawTable? _criteriaRawTables = criteria is null ? null : new(criteria);
    private readonly BrokenLineJoiner _brokenLines = new(standard);

    public StageResult<ImmutableArray<FormGrid>> Segment(IngestedDocument document)
    {
        // Layout text's tables are rebuilt first, and words the plain lines broke are joined: a funding line wrapped over
        // three lines would otherwise look like the start of the next form.
        // A criteria form's layout text first: its table is none the standard template's builder knows.
        // Then one written a cell at a time in drawing order, with no positions (its header on a line, its cells after).
        var rows = _criteriaTables?.Rebuild(document.Rows) ?? document.Rows;
        var raw = _criteriaRawTables?.Rebuild(rows);
        var rebuilt = _layoutTables.Rebuild(raw?.Value ?? rows);
        if (raw is { Diagnostics.IsEmpty: false }) rebuilt = rebuilt with { Diagnostics = raw.Diagnostics.AddRange(rebuilt.Diagnostics) };
        var forms = new List<List<RawRow>>();
        List<RawRow>? current = null;
        var inBody = false;
        foreach (var row in _brokenLines.Join(rebuilt.Value))
        {
            var start = StartsForm(row, current, inBody);
            if (start || current is null)
            {
                current = [];
                forms.Add(current);
                inBody = false;
            }
            current.Add(row);
            if (row.Origin is RowOrigin.Flattened || IsBody(row, fundingCounts: false)) inBody = true;
        }
        var grids = Rejoined([.. WithBodies(forms)])
            .Select((rows, i) => new FormGrid(document.Source, document.Kind, i, [.. rows]))
            .ToImmutableArray();
        var diagnostics = grids.IsEmpty
            ? rebuilt.Diagnostics.Add(new Diagnostic(DiagnosticCodes.FormNoneFound,
                "no 财政项目支出绩效自评表 found: no funding block, indicator rows or total",
                SourceRef.ForFile(document.Source.Path, document.Source.Sha256)))
            : rebuilt.Diagnostics;
        return new(grids, diagnostics);
    }

    /// <summary>
    /// The pieces that are forms. A piece without a body that follows a form is that form's tail, not a form of its
    /// own: text dumps that write a wrapped cell after the rest of the table (Calc's PDFs through <c>pdftotext -raw</c>)
    /// put the year, the project name and the header's wrapped labels after the 总分, and a year there looks like the
    /// start of the next form. Kept with its form, its rows are read (or reported as left over) rather than dropped.
    /// </summary>
    private IEnumerable<List<RawRow>> WithBodies(List<List<RawRow>> pieces)
    {
        List<RawRow>? form = null;
        // Rows before the first form's body that start no form (text in drawing order printing a block before the
        // title) go with that first form, not nowhere.
        List<RawRow> before = [];
        foreach (var piece in pieces)
        {
            var body = piece.Any(r => r.Origin is RowOrigin.Flattened || IsBody(r, fundingCounts: true) && HoldsData(r));
            // A piece that starts no form of its own (no 项目名称, no funding line) after a form still without its 总分 is
            // that form going on: the tool wrote a page's wrapped cells, title or year between its rows.
            if (body && (form is null || StartsItsOwnForm(piece) || form.Any(IsTotal) && !IsTail(piece, form)))
            {
                if (form is not null) yield return form;
                form = [.. before, .. piece];
                before = [];
            }
            else if (form is not null) form.AddRange(piece);
            else before.AddRange(piece);
        }
        if (form is not null) yield return form;
    }

    /// <summary>
    /// Pieces cut at a title that stood inside a form: text in drawing order, blocks shuffled, prints the title where its
    /// block fell. Two pieces in a row that each hold some of a form's three blocks (header, funding, 总分), share none
    /// and hold all three between them are one form's blocks: a form of its own holds all three, so two forms are never
    /// joined this way (nor a flattened paragraph, a form of its own by what it is). The document's first piece, with
    /// no title and no block, goes with a whole form after it: a page of indicator rows written before the title (a
    /// file that begins with a form's second page is rarer than a soup, and its rows then show in that form).
    /// </summary>
    private List<List<RawRow>> Rejoined(List<List<RawRow>> forms)
    {
        if (forms.Count < 2) return forms;
        // Each piece's blocks are found once: a file of a thousand forms asks every cell once, not twice.
        var blocks = forms.Select(Blocks).ToList();
        for (var i = 0; i + 1 < forms.Count; i++)
        {
            var (first, second) = (blocks[i], blocks[i + 1]);
            // The document's first piece may hold no block at all: a page's indicator rows written before the title.
            // (The criteria template has no funding block: its 项目名称 and 合计 make it whole. Calc's `-raw` writes such a
            // form's one-line values and rows first, its title and labels after them.)
            // A title heading such a first piece is the form's own where the whole form after it has none (blocks
            // shuffled: the title, then page one's indicator rows, then the header block).
            var lead = i == 0 && first.Count == 0 && (second.Count == 3 || second.SetEquals(["ProjectName", "Total"])) &&
                (!forms[i].Any(r => IsTitle(RowText.Joined(r))) || !forms[i + 1].Any(r => IsTitle(RowText.Joined(r))));
            if (!lead && (first.Count == 0 || second.Count == 0 || first.Overlaps(second) || first.Count + second.Count < 3) ||
                forms[i].Concat(forms[i + 1]).Any(r => r.Origin is RowOrigin.Flattened)) continue;
            forms[i] = [.. forms[i], .. forms[i + 1]];
            first.UnionWith(second);
            forms.RemoveAt(i + 1);
            blocks.RemoveAt(i + 1);
            i--;
        }
        return forms;
    }

    /// <summary>Which of a form's three blocks a piece holds: its header (项目名称), its funding (年度资金总额), its 总分.</summary>
    private HashSet<string> Blocks(List<RawRow> rows)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
            foreach (var cell in row.Cells)
                if (!cell.IsEmpty && standard.Match(cell.Text, "ProjectName", "FundingTotal", "Total") is { IsExact: true } m)
                    found.Add(m.Kind);
        return found;
    }

    /// <summary>
    /// What a dump writes after a form's 总分 from that form (Calc's `-raw`: its year, its name and its wrapped labels,
    /// "其中：当年财" / "政拨款" among them): no title, no 项目名称 and not one figure. A form of its own, even one whose
    /// figures a scan left unread, prints its title — unless the form before printed none: a title set in the table's
    /// first row is one of the cells Calc writes after the 总分, and a form has one title.
    /// </summary>
    private bool IsTail(List<RawRow> piece, List<RawRow> form) =>
        (!piece.Any(r => IsTitle(RowText.Joined(r))) || !form.Any(r => IsTitle(RowText.Joined(r)))) &&
        !piece.SelectMany(RowText.NonEmpty).Any(c => standard.Match(c.Text, "ProjectName") is { IsExact: true }) &&
        (!piece.SelectMany(RowText.NonEmpty).Any(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out _)) || WrappedPiecesOnly(piece));

    /// <summary>
    /// Lines of one piece of a wrapped cell each, a figure at most on a line and no funding label beside it (Calc's `-raw`
    /// writes a wrapped amount "3,369,43" / "4" and a wrapped measure "≥2000" / "人次" after the 总分 too): no form's row,
    /// which holds a funding line's figures or an indicator's 分值 and 得分 side by side. Plain lines only: a table row's
    /// cells are a row's.
    /// </summary>
    private bool WrappedPiecesOnly(List<RawRow> piece) =>
        piece.All(r => r.Origin is RowOrigin.Layout && !r.HasSpans &&
                       RowText.NonEmpty(r).Count(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out _)) <= 1 &&
                       !RowText.NonEmpty(r).Any(c => standard.Match(FirstLine(c.Text), LabelKinds.FundingLines) is { Score: >= 0.75 } &&
                                                     RowText.NonEmpty(r).Count() > 1));

    /// <summary>
    /// A piece holds a form's start: a 项目名称 label, or a funding line with its figures. A funding label alone is not
    /// one: a tool that writes wrapped cells after a page's rows writes the wrapped label there too ("其中：当年财" / "政拨款").
    /// </summary>
    private bool StartsItsOwnForm(List<RawRow> piece) =>
        piece.Any(r => r.Origin is RowOrigin.Flattened) ||
        piece.SelectMany(RowText.NonEmpty).Any(c => standard.Match(c.Text, "ProjectName") is { IsExact: true }) ||
        piece.Any(r => RowText.NonEmpty(r).Any(c => standard.Match(FirstLine(c.Text), LabelKinds.FundingLines) is { Score: >= 0.75 }) &&
                       RowText.NonEmpty(r).Any(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out _)));

    private bool IsTotal(RawRow row) => RowText.NonEmpty(row).Any(c => standard.Match(c.Text, "Total") is { Score: >= 0.9 });

    /// <summary>
    /// A body row that holds something to read: a figure, or a funding line's label (a scan's figures may all be
    /// unread). A header row alone (一级指标 二级指标 …) is no form.
    /// </summary>
    private bool HoldsData(RawRow row) =>
        RowText.NonEmpty(row).Any(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out _) ||
            standard.Match(FirstLine(c.Text), LabelKinds.FundingLines) is { Score: >= 0.75 });

    private bool StartsForm(RawRow row, List<RawRow>? current, bool inBody)
    {
        if (current is null) return true;
        if (row.Origin is RowOrigin.Flattened) return true;
        var joined = RowText.Joined(row);
        if (IsTitle(joined))
            return current.Any(r => RowText.Joined(r) is var j && !IsTitle(j) && !IsYear(j));
        if (!inBody) return false;
        if (IsYear(joined) && joined.Length <= 12) return true;
        var first = RowText.NonEmpty(row).Take(3).ToList();
        return first.Any(c => standard.Match(c.Text, "ProjectName", "FundingTotal") is { IsExact: true } ||
                              standard.Match(FirstLine(c.Text), "FundingFiscal", "FundingTotal") is { Score: >= 0.75 });
    }

    private static string FirstLine(string text) => TextCleaner.FirstLine(text);

    /// <summary>
    /// A row of a form's body: indicators or total (and, with <paramref name="fundingCounts"/>, funding). Only once a
    /// form has reached its indicators does a year, a 项目名称 or a funding row start the next form.
    /// </summary>
    private bool IsBody(RawRow row, bool fundingCounts)
    {
        var cells = RowText.NonEmpty(row).ToList();
        if (cells.Count == 0) return false;
        string[] kinds = fundingCounts ? ["FundingTotal", "Total", "HdrLevel1", "HdrName"] : ["Total", "HdrLevel1", "HdrName"];
        if (cells.Any(c => standard.Match(c.Text, kinds) is { Score: >= 0.75 })) return true;
        // A funding row has text and figures too, but it is no indicator row.
        if (cells.Any(c => standard.Match(FirstLine(c.Text), LabelKinds.FundingLines) is { Score: >= 0.75 } ||
                           standard.Match(c.Text, LabelKinds.FundingLines) is { Score: >= 0.75 }))
            return fundingCounts;
        // An indicator row: some text and a weight/score pair (figures of at most 100: a funding line wrapped away from
        // its label, "金 7848556.97 7848556.97 —", is none). Two amounts above 100 make a funding line whose label OCR
        // garbled ("评资金总额 2,234,400.00 2,234,400.00 827,842 10 37.05% 3.7"), not an indicator's.
        var figures = cells.Select(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out var n) ? n : (PrintedNumber?)null).ToList();
        if (figures.Count(n => n is { Percent: false, Value: > 100 }) >= 2) return fundingCounts;
        return cells.Count >= 3 && figures.Count(n => n is { Percent: false, Value: <= 100 }) >= 2
               && cells.Any(c => TextCleaner.Clean(c.Text) is { } t && t.Any(TextCleaner.IsCjk));
    }

    internal static bool IsTitle(string joined) => joined.Contains("绩效自评表") || joined.Contains("支出绩效自评");

    internal static bool IsYear(string joined) => FormPatterns.YearIn(joined) is not null;
}
