using System.Collections.Immutable;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using PerformanceEval.Tables;
using Xunit;

namespace PerformanceEval.Tests.Tables;

/// <summary>A form's repaired grid as the table the store keeps and the review page draws.</summary>
public sealed class ReadTablesTests
{
    private static RawCell Cell(string text, int line, int? col, int colSpan = 1, int rowSpan = 1) =>
        new(text, new SourceRef("form.html", "", null, line, null, col, null, text, null)) { ColSpan = colSpan, RowSpan = rowSpan };

    private static FormGrid Grid(params RawRow[] rows) =>
        new(SourceDocument.FromBytes("form.html", [1]), InputKind.Text, 0, [.. rows]);

    private static RawRow Row(int line, params RawCell[] cells) => new([.. cells], RowOrigin.Html, line, 0);

    /// <summary>A field's provenance as the normalizer writes it: where the cell stood, the row the field was read in, the text read.</summary>
    private static FieldProvenance ReadFrom(RawCell cell, int row, string? text = null) =>
        new() { Page = cell.Source.Page, Line = cell.Source.Line, Row = row, Col = cell.Source.Col, Text = text ?? cell.Text };

    [Fact]
    public void A_cell_spanning_rows_is_drawn_once_over_the_rows_that_still_carry_it_and_names_the_fields_read_there()
    {
        var level = Cell("产出指标", 1, 0, rowSpan: 3);
        var nine = Cell("9", 2, 2);
        var grid = Grid(
            Row(1, level, Cell("数量指标", 1, 1), Cell("10", 1, 2)),
            // The third row the span covered was dropped by a repair: the span now reaches two rows.
            Row(2, level with { Carried = true }, Cell("", 2, 1), nine),
            Row(3, Cell("效益指标", 3, 0, colSpan: 2), Cell("", 3, 2)));
        var provenance = new Dictionary<string, FieldProvenance>
        {
            ["indicators[0].level1"] = ReadFrom(level, 0),
            ["indicators[1].level1"] = ReadFrom(level with { Carried = true }, 1),
            ["indicators[1].weight"] = ReadFrom(nine, 1),
        };

        var table = ReadTables.Of(grid, provenance, text => text is "效益指标" or "产出指标" or "数量指标");

        var merged = table.Rows[0].Cells[0];
        Assert.Equal((0, 1, 2, "产出指标"), (merged.Col, merged.Cols, merged.Rows, merged.Text));
        Assert.Equal(["indicators[0].level1", "indicators[1].level1"], merged.Fields!.Value.ToArray());
        // The carried copy and the empty cell are not drawn; the figure is, at its column, with its field.
        var second = Assert.Single(table.Rows[1].Cells);
        Assert.Equal((2, "9"), (second.Col, second.Text));
        Assert.Equal(["indicators[1].weight"], second.Fields!.Value.ToArray());
        // A figure nothing was read from stays, named by no field; a cell spanning columns keeps its span.
        Assert.Null(table.Rows[0].Cells[2].Fields);
        Assert.Equal((0, 2), (table.Rows[2].Cells[0].Col, table.Rows[2].Cells[0].Cols));
        // The template's wording is marked as such, but never a cell a field was read from (产出指标 is indicators' level1).
        Assert.Equal([null, true, null], table.Rows[0].Cells.Select(c => c.Label));
        Assert.True(table.Rows[2].Cells[0].Label);
        Assert.Equal(3, table.Columns);
    }

    [Fact]
    public void Cells_without_columns_follow_each_other_and_two_pieces_at_one_column_are_told_apart_by_text()
    {
        var name = Cell("及时", 2, 3);
        var figure = Cell("5", 2, 3);
        var grid = Grid(
            new RawRow([Cell("完成率", 1, null), Cell("95%", 1, null)], RowOrigin.Layout, 1, 0),
            new RawRow([name, figure], RowOrigin.Layout, 2, 0),
            new RawRow([Cell("5", 3, 0), Cell("5", 3, 1)], RowOrigin.Layout, 3, 0));
        var provenance = new Dictionary<string, FieldProvenance>
        {
            ["indicators[0].weight"] = ReadFrom(figure, 2),
            // A name broken over two lines is read in the row of its figures, from the cell on the line above.
            ["indicators[1].name"] = ReadFrom(name, 3, "及时率"),
        };

        var table = ReadTables.Of(grid, provenance);

        Assert.Equal([0, 1], table.Rows[0].Cells.Select(c => c.Col));
        Assert.Equal(["indicators[1].name"], table.Rows[1].Cells[0].Fields!.Value.ToArray());
        Assert.Equal(["indicators[0].weight"], table.Rows[1].Cells[1].Fields!.Value.ToArray());
        Assert.All(table.Rows[2].Cells, c => Assert.Null(c.Fields));
    }

    [Fact]
    public void A_table_survives_its_json()
    {
        var hundred = Cell("100", 1, 5);
        var grid = Grid(Row(1, Cell("总分", 1, 0, colSpan: 5), hundred));
        var table = ReadTables.Of(grid, new Dictionary<string, FieldProvenance> { ["totalWeight"] = ReadFrom(hundred, 0) });
        var json = table.ToJson();
        var back = ReadTable.FromJson(json)!;
        Assert.Equal(json, back.ToJson());
        Assert.Equal((0, 5, 1), (back.Rows[0].Cells[0].Col, back.Rows[0].Cells[0].Cols, back.Rows[0].Cells[0].Rows));
        // Chinese as itself, and a span of one not written.
        Assert.Contains("\"text\":\"总分\"", json);
        Assert.DoesNotContain("\"rowSpan\"", json);
        Assert.Equal(["totalWeight"], back.Rows[0].Cells[1].Fields!.Value.ToArray());
        Assert.Null(ReadTable.FromJson(null));
    }

    /// <summary>
    /// Every field the normalizer read from a cell is named by a cell of the form's read table — else the review page
    /// would show a figure's field with no source cell.
    /// </summary>
    [Theory]
    [MemberData(nameof(TextAndPdfCases))]
    public void Every_field_read_from_a_cell_is_named_by_a_cell_of_the_table(string caseName)
    {
        foreach (var form in Fixtures.ImportPipeline.Extract(Fixtures.Input(caseName)).Forms)
        {
            var named = form.ReadTable!.Rows.SelectMany(r => r.Cells).SelectMany(c => (c.Fields ?? []).Select(f => (Field: f, Cell: c)))
                .ToLookup(x => x.Field, x => x.Cell);
            var missing = form.Provenance.Where(p => p.Value.Row is not null && !named.Contains(p.Key)).Select(p => p.Key).ToList();
            Assert.True(missing.Count == 0, $"{caseName} form {form.Source.FormIndex}: no cell names {string.Join(", ", missing)}");
            // And the cell is the one it was read from: the text the provenance quotes shares its first character or more.
            var elsewhere = form.Provenance.Where(p => p.Value is { Row: not null, Text: { Length: > 0 } })
                .Where(p => !named[p.Key].Any(c => Shares(c.Text, p.Value.Text!))).Select(p => $"{p.Key} 「{p.Value.Text}」 at {string.Join("|", named[p.Key].Select(c => c.Text))}").ToList();
            Assert.True(elsewhere.Count == 0, $"{caseName} form {form.Source.FormIndex}: named by another cell: {string.Join("; ", elsewhere)}");
        }
    }

    /// <summary>
    /// A cell whose text went into a field's value (the second line of a name, the rest of a project name split over
    /// cells) is drawn as read, never as a cell nothing was read from.
    /// </summary>
    [Theory]
    [MemberData(nameof(TextAndPdfCases))]
    public void No_cell_whose_text_is_in_a_value_is_drawn_as_read_from_nothing(string caseName)
    {
        foreach (var form in Fixtures.ImportPipeline.Extract(Fixtures.Input(caseName)).Forms)
        {
            string[] values =
            [
                form.ProjectName ?? "", form.Department ?? "", form.ImplementingUnit ?? "",
                .. form.Indicators.SelectMany(i => new[] { i.Name ?? "", i.Target ?? "", i.Actual ?? "", i.Note ?? "" }),
            ];
            var compact = values.Select(Compact).Where(v => v.Length > 0).ToList();
            // A cell a warning says was not read (an OCR duplicate of a name, a cell out of place) is rightly drawn so.
            var warned = form.Warnings.Where(w => w.Source is not null).Select(w => (w.Source!.Page, w.Source.Line, w.Source.Col)).ToHashSet();
            var unread = form.ReadTable!.Rows.SelectMany(r => r.Cells.Select(c => (Row: r, Cell: c)))
                .Where(x => x.Cell.Fields is null && x.Cell.Label is null && Compact(x.Cell.Text).Length >= 4 &&
                            !warned.Contains((x.Row.Page, x.Row.Line, x.Cell.Col)) &&
                            compact.Any(v => v.Contains(Compact(x.Cell.Text), StringComparison.Ordinal)))
                .Select(x => $"{x.Cell.Text} (line {x.Row.Line})").ToList();
            Assert.True(unread.Count == 0, $"{caseName} form {form.Source.FormIndex}: drawn as read from nothing: {string.Join(" | ", unread)}");
        }
    }

    private static string Compact(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c) && c is not ('<' or '>' or '/')).Select(c => c)).Replace("br", "");

    private static bool Shares(string cell, string read)
    {
        static string Compact(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
        var (a, b) = (Compact(cell), Compact(read));
        return a.Length == 0 || b.Length == 0 || a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal);
    }

    public static TheoryData<string> TextAndPdfCases() =>
        [.. Fixtures.Cases().Where(c => !c.StartsWith("scan-", StringComparison.Ordinal) && !c.StartsWith("review-", StringComparison.Ordinal))];
}
