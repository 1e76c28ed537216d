using PerformanceEval.Ingestion;
using PerformanceEval.Ingestion.Pdf;
using PerformanceEval.Provenance;
using Xunit;
using PerformanceEval.Raster;

namespace PerformanceEval.Tests.Raster;

/// <summary>Cells from rules: a rule broken inside a cell's edge still separates, a border missing over a whole cell merges.</summary>
public sealed class GridLayoutTests
{
    // Three columns (0–100–200–300), three rows (0–50–100–150); the middle horizontal rule at y=50 is given per test.
    private static readonly List<Rule> Verticals = [new(0, 0, 150), new(100, 0, 150), new(200, 0, 150), new(300, 0, 150)];

    private static GridLayout Grid(params Rule[] middle) =>
        GridLayout.Build([new(0, 0, 300), .. middle, new(100, 0, 300), new(150, 0, 300)], Verticals, snap: 2.5)!;

    private static bool Merged(GridLayout grid, double x) => grid.RegionAt(x, 25) == grid.RegionAt(x, 75);

    [Fact]
    public void A_rule_faint_over_part_of_a_cell_edge_still_separates_the_cells()
    {
        // A 40-unit gap (far more than a small break) inside the middle column's edge: a faint stretch, not a merge.
        var grid = Grid(new Rule(50, 0, 130), new Rule(50, 170, 300));
        Assert.False(Merged(grid, 50));
        Assert.False(Merged(grid, 150));
        Assert.False(Merged(grid, 250));
    }

    [Fact]
    public void A_border_missing_over_a_whole_cell_merges_that_cell_with_the_one_below()
    {
        var grid = Grid(new Rule(50, 0, 100), new Rule(50, 200, 300));
        Assert.False(Merged(grid, 50));
        Assert.True(Merged(grid, 150));
        Assert.False(Merged(grid, 250));
    }

    [Fact]
    public void A_gap_running_from_inside_one_cell_over_the_whole_next_one_still_merges_the_whole_one()
    {
        var grid = Grid(new Rule(50, 0, 60), new Rule(50, 205, 300));
        Assert.True(Merged(grid, 150));
        Assert.False(Merged(grid, 250));
    }

    [Fact]
    public void A_merged_region_reports_the_rows_and_columns_it_covers_and_their_box()
    {
        // The middle rule drawn over the first column only: the cells of columns 2 and 3 merge down both rows each.
        var grid = Grid(new Rule(50, 0, 100));
        var middle = grid.RegionAt(150, 75)!.Value;
        Assert.Equal((0, 1, 1, 1), grid.Extent(middle));
        Assert.Equal(new Box(100, 0, 200, 100, BoxUnits.PdfPoints), grid.BoxOf(middle, BoxUnits.PdfPoints));
        var corner = grid.RegionAt(50, 125)!.Value;
        Assert.Equal((2, 0, 2, 0), grid.Extent(corner));
        Assert.Equal(new Box(0, 100, 100, 150, BoxUnits.PdfPoints), grid.BoxOf(corner, BoxUnits.PdfPoints));
        Assert.Equal(3 * 3 - 2, grid.Regions().Count());
    }

    private static List<RawRow> Rows(GridLayout grid, Dictionary<(double X, double Y), string> text) =>
        [.. grid.ToRows(SourceDocument.FromBytes("t.pdf", [1]), 1, 0, BoxUnits.PdfPoints,
                region => (text.FirstOrDefault(t => grid.RegionAt(t.Key.X, t.Key.Y) == region).Value ?? "", null))
            .Select(r => r.Row)];

    [Fact]
    public void A_rule_across_one_cell_only_does_not_split_the_row_its_neighbours_span()
    {
        // The middle rule crosses only the middle column (a wrapped line's stroke taken for a rule): the row's other
        // cells span both grid rows, so the text under the false rule is the rest of the same row.
        var grid = Grid(new Rule(50, 100, 200));
        var rows = Rows(grid, new() { [(50, 25)] = "产出指标", [(150, 75)] = "按计划节点完成", [(250, 25)] = "10", [(150, 125)] = "下一行" });
        Assert.Equal(2, rows.Count);
        Assert.Equal(["产出指标", "按计划节点完成", "10"], rows[0].Cells.Select(c => c.Text));
        Assert.Equal(["", "下一行", ""], rows[1].Cells.Select(c => c.Text));
    }

    [Fact]
    public void A_grid_row_in_which_no_cell_starts_is_no_row()
    {
        // A rule stub at y=100 too short to cross any cell's middle makes a grid boundary that splits no cell: the grid
        // row below it holds only the carried parts of the cells above, and is no row of the table.
        var grid = GridLayout.Build([new(0, 0, 300), new(50, 0, 300), new(100, 200, 240), new(150, 0, 300)], Verticals, snap: 2.5)!;
        Assert.Equal(3, grid.Rows);
        var rows = Rows(grid, new() { [(50, 25)] = "总分", [(50, 75)] = "效益指标", [(250, 75)] = "20" });
        Assert.Equal(2, rows.Count);
        Assert.Equal(["效益指标", "", "20"], rows[1].Cells.Select(c => c.Text));
        Assert.Equal(2, rows[1].Cells[0].RowSpan);
    }

    [Fact]
    public void Column_rules_closer_than_the_narrowest_column_are_one_edge_where_the_longer_drawn_one_stands()
    {
        // Two blocks' edges 8 units apart (beyond the snap): the upper block's at 100, drawn 0–70; the lower's at 108,
        // drawn 70–150. Apart, they make a column 8 units wide between them and every cell right of it one column off.
        List<Rule> across = [new(0, 0, 300), new(70, 0, 300), new(150, 0, 300)];
        List<Rule> down = [new(0, 0, 150), new(100, 0, 70), new(108, 70, 150), new(300, 0, 150)];
        var apart = GridLayout.Build(across, down, snap: 2.5)!;
        Assert.Equal([0.0, 100, 108, 300], apart.Xs);
        var joined = GridLayout.Build(across, down, snap: 2.5, minColumn: 20)!;
        Assert.Equal([0.0, 108, 300], joined.Xs);
        // The edge still parts the cells of both blocks: each block has two cells a row, not one.
        Assert.NotEqual(joined.RegionAt(50, 35), joined.RegionAt(200, 35));
        Assert.NotEqual(joined.RegionAt(50, 110), joined.RegionAt(200, 110));
    }
}
