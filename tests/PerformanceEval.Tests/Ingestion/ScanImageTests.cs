using System.Runtime.InteropServices;
using PerformanceEval.Ingestion.Ocr;
using PerformanceEval.Raster;
using Xunit;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>
/// A page as OCR reads it, through leptonica and Tesseract's orientation detection (Debian's tesseract-ocr, which the
/// test command installs): a page fed sideways or upside down comes out upright, a red seal comes out pale.
/// </summary>
public sealed class ScanImageTests
{
    private static readonly string Tiff = Path.Combine(Fixtures.Dir, "scan-songjiang-2022-tiff", "input.tif");

    /// <summary>Share of pixels on which two pages of one size agree about ink.</summary>
    private static double Agreement(GrayImage a, GrayImage b)
    {
        var pa = a.Pixels;
        var pb = b.Pixels;
        var same = 0;
        for (var i = 0; i < pa.Length; i++) same += (pa[i] < 128) == (pb[i] < 128) ? 1 : 0;
        return (double)same / pa.Length;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_page_fed_turned_is_read_upright(int quarterTurns)
    {
        var upright = ScanImage.Pages(Tiff, tiff: true).First().Binary;
        var fed = upright.Turned(quarterTurns);
        var read = ScanImage.Prepare(ScanImage.ToPix(fed), renderedDpi: 300).Binary;
        Assert.Equal((upright.Width, upright.Height), (read.Width, read.Height));
        // The page as fed shares only the paper with the upright one; the page read is the upright one again.
        Assert.True(Agreement(upright, read) > 0.99, $"read back upright: {Agreement(upright, read):P2} of pixels agree");
        if (quarterTurns == 2) Assert.True(Agreement(upright, fed) < Agreement(upright, read) - 0.02);
    }

    [Fact]
    public void A_blurred_upright_page_the_orientation_model_is_unsure_of_stays_upright()
    {
        // fixtures/ocr-pages: osd called it upside down at 3.5, and turned so it read as nothing.
        var form = Assert.Single(Fixtures.Pipeline.Extract(Path.Combine(Fixtures.Dir, "ocr-pages", "blurred-200dpi-upright.jpg")).Forms);
        Assert.Equal(5267228m, form.Funding.Total?.InitialBudget);
        Assert.Equal(60.59m, form.TotalScore);
    }

    [Fact]
    public void A_red_seal_over_a_figure_is_dropped_and_the_figure_kept()
    {
        const int w = 2480, h = 3508;
        var words = new int[w * h];
        Array.Fill(words, unchecked((int)0xF5F5F5FF));                     // paper (leptonica: 0xRRGGBBAA)
        for (var y = 1000; y < 1040; y++)
            for (var x = 1000; x < 1200; x++)
            {
                words[y * w + x] = unchecked((int)0x141414FF);               // black print
                words[(y + 100) * w + x] = unchecked((int)0xD8283CFF);       // the seal's red: as dark as print by luminance
                words[(y + 200) * w + x] = unchecked((int)0xBE3C46FF);       // a deeper red (R 190), once left a gray ring
                words[(y + 300) * w + x] = unchecked((int)0x120304FF);       // print under the seal: dark in every channel
            }
        var pix = Native.pixCreate(w, h, 32);
        Marshal.Copy(words, 0, Native.pixGetData(pix), words.Length);
        var page = ScanImage.Prepare(pix, renderedDpi: 300).Gray;
        Assert.True(page.Pixels[1020 * w + 1100] < 60, "print stays black");
        Assert.True(page.Pixels[1120 * w + 1100] > 240, "the seal's red goes to paper");
        Assert.True(page.Pixels[1220 * w + 1100] > 240, "a deeper red goes to paper too");
        Assert.True(page.Pixels[1320 * w + 1100] < 60, "print under the seal stays black");
    }

    [Theory]
    [InlineData("之90%", "≥90%")]
    [InlineData("过2000人次", "≥2000人次")]
    [InlineData("三 2000人次", "≥ 2000人次")]
    [InlineData("二级指标", "二级指标")]
    [InlineData("三级指标", "三级指标")]
    [InlineData("过程管理", "过程管理")]
    public void A_greater_or_equal_chi_sim_misreads_is_read_as_one(string read, string meant) =>
        Assert.Equal(meant, ScanPageReader.Compact(read));
    [Theory]
    // 否 of 是否 read as 人否; a 人 before a 否 elsewhere is kept (本人否认).
    [InlineData("资金使用是人否符合规定", "资金使用是否符合规定")]
    [InlineData("本人否认", "本人否认")]
    public void The_是否_chi_sim_reads_as_是人否_is_是否(string read, string meant) =>
        Assert.Equal(meant, ScanPageReader.Compact(read));

    [Theory]
    // 否则 after a comma read as 人否则 or 和否则; a 和 or 人 that is a word of the text is kept.
    [InlineData("资料是否齐全，和否则不得分。", "资料是否齐全，否则不得分。")]
    [InlineData("资料是否齐全, 人否则不得分。", "资料是否齐全, 否则不得分。")]
    [InlineData("通知本人否则无效", "通知本人否则无效")]
    [InlineData("规范和透明，人员齐全", "规范和透明，人员齐全")]
    public void The_否则_after_a_comma_chi_sim_reads_as_人否则_or_和否则_is_否则(string read, string meant) =>
        Assert.Equal(meant, ScanPageReader.Compact(read));

    [Theory]
    // A merged 项目名称 row: the rule between label and name read as a bar.
    [InlineData("项目名称        |服务费(宝财行签[2023]277号)", "项目名称 服务费(宝财行签[2023]277号)")]
    [InlineData("实施单位 ｜ 上海市宝山区", "实施单位 上海市宝山区")]
    [InlineData("|98.5", "98.5")]
    // A rule left at a wrapped name's line end: "人员管理机制|" over "健全性".
    [InlineData("人员管理机制|\n健全性", "人员管理机制 健全性")]
    // A bar inside a word is not at its edge; a lone "/" is a form's "not applicable".
    [InlineData("A|B", "A|B")]
    [InlineData("/", "/")]
    public void A_bar_at_a_words_edge_is_a_rule_not_text(string read, string meant) =>
        // (The engine's spacing is kept here; the cleaner joins Chinese words later.)
        Assert.Equal(meant, System.Text.RegularExpressions.Regex.Replace(ScanPageReader.Compact(read), @"\s+", " "));

    [Theory]
    // A wide （ read as 〈: the ) that closes it was printed wide too.
    [InlineData("网络系统运营经费〈宝财行签[2023]257号)", "网络系统运营经费（宝财行签[2023]257号）")]
    [InlineData("升级项目〈跨年度项目〈专题审批表23002))", "升级项目（跨年度项目（专题审批表23002））")]
    // Narrow brackets read as such stay as printed: 抄告单 forms print them so.
    [InlineData("专项经费(抄告单【2021】139)", "专项经费(抄告单【2021】139)")]
    public void An_angle_bracket_read_for_a_wide_one_is_the_wide_pair(string read, string meant) =>
        Assert.Equal(meant, ScanPageReader.Compact(read));
}
