using System.Text;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using Xunit;

namespace PerformanceEval.Tests.Ingestion;

public sealed class TextDumpReaderTests
{
    static TextDumpReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly string Seed002 = File.ReadAllText(Fixtures.Input("seed-002-songjiang-2022-layout"), Encoding.UTF8);

    public static TheoryData<string> Encodings() => ["utf-8-bom", "utf-16le", "utf-16be", "gb18030"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_seed_in_another_encoding_gives_the_same_forms(string encoding)
    {
        var bytes = encoding switch
        {
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Seed002)],
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Seed002)],
            "utf-16be" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Seed002)],
            _ => Encoding.GetEncoding(54936).GetBytes(Seed002),
        };
        Assert.Equal(encoding, TextDecoder.Decode(bytes)!.Value.EncodingName);
        var reference = Fixtures.Pipeline.Extract(SourceDocument.FromBytes("a.txt", Encoding.UTF8.GetBytes(Seed002)));
        var other = Fixtures.Pipeline.Extract(SourceDocument.FromBytes("a.txt", bytes));
        Assert.Equal(5, other.Forms.Length);
        Assert.Equal(reference.Forms.Select(f => f.ProjectName), other.Forms.Select(f => f.ProjectName));
        Assert.Equal(reference.Forms.SelectMany(f => f.Indicators), other.Forms.SelectMany(f => f.Indicators));
    }

    [Theory]
    [InlineData(new byte[0], "input.empty")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "input.image")]
    [InlineData(new byte[] { 0x01, 0x02, 0x00, 0x00, 0x05, 0x06 }, "input.binary")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x0A }, "input.no-text")]
    public void A_damaged_file_is_an_error_diagnostic_not_an_exception(byte[] bytes, string code)
    {
        var result = new TextDumpReader().Read(SourceDocument.FromBytes("bad.txt", bytes));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(code, error.Code.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("bad.txt", error.Source!.Path);
    }

    [Fact]
    public void Lines_are_classified_one_by_one_and_keep_their_line_numbers()
    {
        var text = "财政项目支出绩效自评表\t\t\n\n| 100 | 99.97 |\n|---|---|\n项目名称 宣传与推广\n";
        var rows = new TextDumpReader().Read(SourceDocument.FromBytes("m.txt", Encoding.UTF8.GetBytes(text))).Value.Rows;
        Assert.Equal([RowOrigin.Tsv, RowOrigin.Markdown, RowOrigin.Layout], rows.Select(r => r.Origin));
        Assert.Equal([1, 3, 5], rows.Select(r => r.Line));
        Assert.Equal(["100", "99.97"], rows[1].Cells.Select(c => c.Text));
        Assert.True(rows[1].AfterBlankLine);
    }

    [Fact]
    public void Html_cells_keep_their_spans_and_rowspans_are_carried_down()
    {
        const string html = """
            <table>
              <tr><td colspan="3">财政项目支出绩效自评表</td></tr>
              <tr><td rowspan="2">产出指标</td><td>数量指标</td><td>10</td></tr>
              <tr><td>质量指标</td><td>20</td></tr>
            </table>
            """;
        var rows = new TextDumpReader().Read(SourceDocument.FromBytes("t.html", Encoding.UTF8.GetBytes(html))).Value.Rows;
        Assert.Equal(["财政项目支出绩效自评表"], rows[0].Cells.Select(c => c.Text));
        Assert.Equal(3, rows[0].Cells[0].ColSpan);
        Assert.Equal(["产出指标", "质量指标", "20"], rows[2].Cells.Select(c => c.Text));
        Assert.Equal([0, 1, 2], rows[2].Cells.Select(c => c.FirstColumn));
        Assert.True(rows[2].Cells[0].Carried);
        Assert.False(rows[1].Cells[0].Carried);
        Assert.Equal(4, rows[2].Cells[1].Source.Line);
    }

    [Fact]
    public void A_rowspan_right_of_a_rows_own_cells_is_carried_to_its_column()
    {
        const string html = """
            <table>
              <tr><td>年接待人次</td><td>30</td><td rowspan="2">备注</td></tr>
              <tr><td>工作计划完成率</td><td>10</td></tr>
            </table>
            """;
        var rows = new TextDumpReader().Read(SourceDocument.FromBytes("t.html", Encoding.UTF8.GetBytes(html))).Value.Rows;
        Assert.Equal(["工作计划完成率", "10", "备注"], rows[1].Cells.Select(c => c.Text));
        Assert.Equal(2, rows[1].Cells[2].FirstColumn);
    }

    [Fact]
    public void Html_text_above_the_table_is_read_as_layout_rows_in_document_order()
    {
        const string html = """
            <h3>财政项目支出绩效自评表</h3><p>(2023 年度)</p>
            <table><tr><td>项目名称</td><td>服务费</td></tr></table>
            """;
        var rows = new TextDumpReader().Read(SourceDocument.FromBytes("t.html", Encoding.UTF8.GetBytes(html))).Value.Rows;
        Assert.Equal([RowOrigin.Layout, RowOrigin.Layout, RowOrigin.Html], rows.Select(r => r.Origin));
        Assert.Equal(["(2023", "年度)"], rows[1].Cells.Select(c => c.Text));
    }
}
