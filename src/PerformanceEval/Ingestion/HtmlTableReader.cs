using System.Collections.Immutable;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using PerformanceEval.Provenance;

namespace PerformanceEval.Ingestion;

/// <summary>
/// Reads HTML &lt;table&gt;s with AngleSharp into rows. A rowspan is copied into every row it spans (a merged
/// 一级指标 is carried down, as the contract asks); a colspan fills only its first column, so a title spanning
/// eight columns is not read eight times.
/// </summary>
internal static class HtmlTableReader
{
    public static bool ContainsTable(string text) => text.Contains("<table", StringComparison.OrdinalIgnoreCase);

    public static ImmutableArray<RawRow> ReadTables(SourceDocument document, string text)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        var html = parser.ParseDocument(text);
        var rows = ImmutableArray.CreateBuilder<RawRow>();
        var block = 0;
        foreach (var table in html.QuerySelectorAll("table").OfType<IHtmlTableElement>())
        {
            block++;
            var carried = new Dictionary<int, (RawCell Cell, int RowsLeft)>();
            foreach (var tr in table.Rows)
            {
                var line = tr.SourceReference?.Position.Line;
                var cells = new List<RawCell>();
                var col = 0;
                foreach (var td in tr.Cells)
                {
                    col = TakeCarried(carried, cells, col);
                    var cellText = td.InnerHtml;
                    var source = new SourceRef(document.Path, document.Sha256, null,
                        td.SourceReference?.Position.Line ?? line, null, col, null, cellText, null);
                    var cell = new RawCell(cellText, source);
                    if (td.RowSpan > 1) carried[col] = (cell, td.RowSpan - 1);
                    cells.Add(cell);
                    col++;
                    for (var extra = 1; extra < Math.Max(1, td.ColumnSpan); extra++, col++)
                        cells.Add(new RawCell("", source with { Col = col, Text = "" }));
                }
                TakeCarried(carried, cells, col);
                rows.Add(new RawRow([.. cells], RowOrigin.Html, line, block));
            }
        }
        return rows.ToImmutable();
    }

    /// <summary>Inserts cells carried down by rowspans that start at <paramref name="col"/>.</summary>
    private static int TakeCarried(Dictionary<int, (RawCell Cell, int RowsLeft)> carried, List<RawCell> cells, int col)
    {
        while (carried.TryGetValue(col, out var span))
        {
            cells.Add(span.Cell);
            if (span.RowsLeft <= 1) carried.Remove(col); else carried[col] = (span.Cell, span.RowsLeft - 1);
            col++;
        }
        return col;
    }
}
