using PerformanceEval.Ingestion.Pdf;
using Xunit;

namespace PerformanceEval.Tests.Ingestion;

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
}
