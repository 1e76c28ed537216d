using PerformanceEval.Ingestion.Pdf;
using PerformanceEval.Raster;
using Xunit;

namespace PerformanceEval.Tests.Raster;

/// <summary>A table a page break cut, its column rules running on past its last row rule (points).</summary>
public sealed class OpenTableEdgesTests
{
    private static (List<Rule> Across, List<Rule> Down) Cut(params double[] columnEnds) =>
        ([new Rule(100, 50, 450), new Rule(200, 50, 450)], [.. columnEnds.Select((end, i) => new Rule(50 + i * 100, 100, end))]);

    [Fact]
    public void A_scan_s_column_rules_ending_together_past_the_last_row_rule_close_the_table_there()
    {
        // A scan's rules end a few points apart (skew straightened, a blurred end): one open edge within 5 pt.
        var (across, down) = Cut(318, 321, 322.5, 319);
        VectorRuleFinder.CloseOpenEnds(across, down, snap: 5);
        var added = Assert.Single(across, r => r.At > 200);
        Assert.InRange(added.At, 321, 323);
        Assert.Equal((50.0, 350.0), (added.From, added.To));
    }

    [Fact]
    public void Column_rules_that_do_not_end_together_or_end_at_the_last_row_rule_add_nothing()
    {
        // One rule running on alone (a stroke, a signature's line) is no table's edge.
        var (across, down) = Cut(200, 201, 320, 200);
        VectorRuleFinder.CloseOpenEnds(across, down, snap: 5);
        Assert.Equal(2, across.Count);
        // A closed table: every column rule ends at its last row rule.
        (across, down) = Cut(202, 201, 203, 200);
        VectorRuleFinder.CloseOpenEnds(across, down, snap: 5);
        Assert.Equal(2, across.Count);
    }
}
