using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using PerformanceEval.Tables;
using PerformanceEval.Templates;
using Xunit;

namespace PerformanceEval.Tests.Tables;

/// <summary>Where one form ends and the next begins, when OCR garbled the labels that say so.</summary>
public sealed class FormSegmenterTests
{
    private static readonly FormSegmenter Segmenter = new(new LabelMatcher(TemplateModel.Load("standard", null)));

    private static IngestedDocument Document(params string[][] rows)
    {
        var source = SourceDocument.FromBytes("scan.png", [1]);
        return new IngestedDocument(source, InputKind.Image, [.. rows.Select((cells, line) => new RawRow(
            [.. cells.Select((text, col) => new RawCell(text, new SourceRef("scan.png", source.Sha256, 1, line + 1, null, col, null, text, null)))],
            RowOrigin.RuledGrid, line + 1, 0))]);
    }

    private static readonly string[][] Indicators =
    [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "刻章数量", ">=4枚", ">=4枚", "10", "10"],
        ["总分", "", "", "", "", "100", "93.70"],
    ];

    [Fact]
    public void A_funding_total_whose_label_ocr_garbled_does_not_end_the_form_at_the_next_funding_line()
    {
        // 年度资金总额 read as 评资金总额: its row has words and figures of at most 100 (10, 3.7), as an indicator row
        // does, but its two amounts above 100 make it a funding line; the 当年财政拨款 line after it is the same form's.
        var document = Document(
        [
            ["财政项目支出绩效自评表"], ["项目名称", "免费刻章项目"],
            ["项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["项目资金", "评资金总额", "2,234,400.00", "2,234,400.00", "827,842", "10", "37.05%", "3.7"],
            ["项目资金", "其中：当年财政拨款", "0.00", "0.00", "", "", "", ""],
            .. Indicators,
        ]);
        Assert.Single(Segmenter.Segment(document).Value);
    }

    [Fact]
    public void A_second_form_after_a_first_ones_indicators_still_starts_at_its_funding_line()
    {
        var document = Document(
        [
            ["财政项目支出绩效自评表"], ["项目名称", "甲项目"],
            ["项目资金", "年度资金总额", "100.00", "100.00", "90.00", "10", "90%", "9"],
            .. Indicators,
            ["项目资金", "年度资金总额", "2,234,400.00", "2,234,400.00", "827,842", "10", "37.05%", "3.7"],
            .. Indicators,
        ]);
        Assert.Equal(2, Segmenter.Segment(document).Value.Length);
    }
    [Fact]
    public void A_title_and_a_page_of_indicator_rows_before_a_form_printed_without_a_title_are_that_forms()
    {
        // Blocks shuffled: the title, page one's indicator rows, then the header, funding and the rest with no title.
        string[][] pageOne = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], ["产出指标", "质量指标", "服务规范性", ">80%", "90%", "2", "2"]];
        string[][] rest =
        [
            ["项目名称", "甲项目"],
            ["项目资金", "年度资金总额", "100.00", "100.00", "90.00", "10", "90%", "9"],
            .. Indicators,
        ];
        var shuffled = Segmenter.Segment(Document([["2022年度财政项目支出绩效自评表"], .. pageOne, .. rest])).Value;
        Assert.Equal(1 + pageOne.Length + rest.Length, Assert.Single(shuffled).Rows.Length);
        // Two forms, each with its title: the first (its header, funding and 总分 lost) stays a form of its own.
        var two = Segmenter.Segment(Document([["财政项目支出绩效自评表"], .. pageOne, ["财政项目支出绩效自评表"], .. rest])).Value;
        Assert.Equal(2, two.Length);
    }
}
