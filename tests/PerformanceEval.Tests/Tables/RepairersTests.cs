using System.Collections.Immutable;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using PerformanceEval.Tables;
using Xunit;

namespace PerformanceEval.Tests.Tables;

/// <summary>The grid repairs that need no vocabulary: page furniture, vertical labels and OCR noise.</summary>
public sealed class RepairersTests
{
    private static FormGrid Grid(params string[][] rows)
    {
        var document = SourceDocument.FromBytes("dump.txt", [1]);
        return new FormGrid(document, InputKind.Text, 0, [.. rows.Select((cells, line) => new RawRow(
            [.. cells.Select((text, col) => new RawCell(text, new SourceRef("dump.txt", document.Sha256, null, line + 1, null, col, null, text, null)))],
            RowOrigin.Tsv, line + 1, 0))]);
    }

    private static IEnumerable<string> Texts(FormGrid grid) => grid.Rows.Select(r => string.Join("|", r.Cells.Select(c => c.Text)));

    [Fact]
    public void Page_numbers_are_dropped_however_the_cells_cut_them_and_nothing_longer_is()
    {
        var grid = Grid(
            ["- 4 -"], ["第", "12", "页共", "30", "页"], ["第 123 页 共 123 页"], ["3/9"],
            ["项目名称", "第4页"],                   // words before a page-like cell: a row of the form
            ["第1234页"],                            // four digits: no page number this pattern knows
            ["满意度", "95%", "10"]);
        Assert.Equal(["项目名称|第4页", "第1234页", "满意度|95%|10"], Texts(new PageFurnitureRemover().Repair(grid).Value));
    }

    [Fact]
    public void Vertical_label_pieces_and_punctuation_noise_are_blanked_and_placeholders_and_words_kept()
    {
        var grid = Grid(["绩", "效指标", ",,,,", "****", "—", "社会效益", "1.5", "(万元)"]);
        Assert.Equal(["||||—|社会效益|1.5|(万元)"], Texts(new VerticalLabelRepairer().Repair(grid).Value));
    }
}
