using System.Collections.Immutable;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using PerformanceEval.Diagnostics;
using PerformanceEval.Provenance;

namespace PerformanceEval.Ingestion;

/// <summary>
/// Reads HTML &lt;table&gt;s with AngleSharp into the logical table: each &lt;td&gt;/&lt;th&gt; one cell at its grid
/// column with its colspan and rowspan as the DOM gives them (never padding slots), a rowspan cell carried into
/// every row it spans (a merged 一级指标 is carried down, as the contract asks). Text outside the tables — a title
/// and year printed above the table, a caption — becomes layout rows in document order, as a PDF's would.
/// </summary>
internal static class HtmlTableReader
{
    private static readonly HashSet<string> TextBlocks = ["H1", "H2", "H3", "H4", "H5", "H6", "P", "CAPTION", "LI", "DT", "DD"];

    public static bool ContainsTable(string text) => text.Contains("<table", StringComparison.OrdinalIgnoreCase);

    public static ImmutableArray<RawRow> ReadTables(SourceDocument document, string text, InputLimits? limits = null)
    {
        limits ??= InputLimits.Default;
        CheckBounds(text, limits);
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        var html = parser.ParseDocument(text);
        var rows = ImmutableArray.CreateBuilder<RawRow>();
        var block = 0;
        foreach (var element in html.Body?.Descendants<IElement>() ?? [])
        {
            if (element is IHtmlTableElement table)
            {
                // A table nested in a cell is that cell's text; only outermost tables are grids.
                if (table.Ancestors<IHtmlTableElement>().Any()) continue;
                block++;
                ReadTable(document, table, block, rows, limits);
            }
            else if (TextBlocks.Contains(element.TagName) && !element.Ancestors<IHtmlTableElement>().Any() &&
                     !element.Ancestors<IElement>().Any(a => TextBlocks.Contains(a.TagName)))
            {
                var line = element.SourceReference?.Position.Line;
                var tokens = element.TextContent.Split((char[])[' ', '\t', '\n', '\r', '\u3000', '\u00A0'], StringSplitOptions.RemoveEmptyEntries);
                if (tokens.Length == 0) continue;
                block++;
                var cells = tokens.Select((t, i) => new RawCell(t, new SourceRef(document.Path, document.Sha256, null, line, null, i, null, t, null)));
                rows.Add(new RawRow([.. cells], RowOrigin.Layout, line, block));
            }
        }
        return rows.ToImmutable();
    }

    /// <summary>
    /// Cells and nesting counted on the markup before it is parsed: a DOM of 10,000 nested tables or millions of cells
    /// costs gigabytes and minutes to build, and no form has more than a few hundred cells.
    /// </summary>
    private static void CheckBounds(string text, InputLimits limits)
    {
        var (cells, depth, deepest) = (0, 0, 0);
        for (var i = text.IndexOf('<'); i >= 0 && i < text.Length - 3; i = text.IndexOf('<', i + 1))
        {
            var close = text[i + 1] == '/';
            var name = text.AsSpan(i + (close ? 2 : 1), Math.Min(5, text.Length - i - (close ? 2 : 1)));
            if (!close && (name.StartsWith("td", StringComparison.OrdinalIgnoreCase) || name.StartsWith("th", StringComparison.OrdinalIgnoreCase)) &&
                (name.Length == 2 || !char.IsLetter(name[2])))
                cells++;
            else if (name.StartsWith("table", StringComparison.OrdinalIgnoreCase))
                deepest = Math.Max(deepest, depth = Math.Max(0, depth + (close ? -1 : 1)));
        }
        if (cells > limits.MaxTableCells)
            throw new InputLimitException(DiagnosticCodes.TableTooLarge, $"the HTML holds {cells:N0} table cells, over limits.maxTableCells ({limits.MaxTableCells:N0}); not read");
        if (deepest > limits.MaxTableNesting)
            throw new InputLimitException(DiagnosticCodes.TableTooLarge, $"the HTML nests tables {deepest:N0} deep, over limits.maxTableNesting ({limits.MaxTableNesting}); not read");
    }

    private static void ReadTable(SourceDocument document, IHtmlTableElement table, int block, ImmutableArray<RawRow>.Builder rows, InputLimits limits)
    {
        // Grid columns still covered by a rowspan from a row above: column → (cell, rows left after this one).
        var carried = new SortedDictionary<int, (RawCell Cell, int RowsLeft)>();
        foreach (var tr in table.Rows)
        {
            var line = tr.SourceReference?.Position.Line;
            var cells = new List<RawCell>();
            var col = 0;
            foreach (var td in tr.Cells)
            {
                col = TakeCarried(carried, cells, col);
                var cellText = td.InnerHtml;
                var colSpan = Math.Clamp(td.ColumnSpan, 1, 1000);
                var rowSpan = Math.Clamp(td.RowSpan, 1, 1000);
                var source = new SourceRef(document.Path, document.Sha256, null,
                    td.SourceReference?.Position.Line ?? line, null, col, null, cellText, null);
                var cell = new RawCell(cellText, source) { ColSpan = colSpan, RowSpan = rowSpan };
                if (rowSpan > 1) carried[col] = (cell with { Carried = true }, rowSpan - 1);
                cells.Add(cell);
                col += colSpan;
                if (col > limits.MaxTableColumns)
                    throw new InputLimitException(DiagnosticCodes.TableTooLarge,
                        $"a table row at line {line} spans over {limits.MaxTableColumns:N0} columns (limits.maxTableColumns); not read");
            }
            TakeCarried(carried, cells, col, toEnd: true);
            rows.Add(new RawRow([.. cells], RowOrigin.Html, line, block));
        }
    }

    /// <summary>
    /// Inserts the cells carried down by rowspans that cover <paramref name="col"/> (and the columns after them), or,
    /// with <paramref name="toEnd"/>, every carried cell right of the row's own cells.
    /// </summary>
    private static int TakeCarried(SortedDictionary<int, (RawCell Cell, int RowsLeft)> carried, List<RawCell> cells, int col, bool toEnd = false)
    {
        while (carried.Count > 0)
        {
            var next = carried.Keys.FirstOrDefault(k => toEnd ? k >= col : k == col, -1);
            if (next < 0) break;
            var span = carried[next];
            cells.Add(span.Cell);
            if (span.RowsLeft <= 1) carried.Remove(next); else carried[next] = (span.Cell, span.RowsLeft - 1);
            col = next + span.Cell.ColSpan;
        }
        return col;
    }
}
