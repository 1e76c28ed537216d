using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Ingestion.Ocr;
using PerformanceEval.Raster;
using PerformanceEval.Templates;
using Serilog.Core;
using Xunit;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>
/// A scanned table's cells read by what their column's header says they hold: engines scripted per cell (what chi_sim
/// and the digits-only eng made of each), the rules and the cells' ink drawn.
/// </summary>
public sealed class ScanPageReaderTests
{
    private const int Left = 100, Top = 100, CellW = 300, CellH = 150, Columns = 4, Rows = 3;

    /// <summary>
    /// A ruled table of <see cref="Rows"/> × <see cref="Columns"/> cells, each holding a blot of print; the rule left of
    /// column <paramref name="faintLeftOf"/> in row <paramref name="faintRow"/> not printed (a line too faint to find).
    /// </summary>
    private static ScanPage Page(int faintRow = -1, int faintLeftOf = -1, (int Row, int Column)? twoLines = null,
        (int Row, int Column)? thin = null, (int Row, int Column)? specks = null, int shift = 0, (int Row, int Column)? bar = null)
    {
        var (w, h) = (Left * 2 + CellW * Columns + shift, Top * 2 + CellH * Rows);
        var pixels = new byte[w * h];
        Array.Fill(pixels, (byte)250);
        for (var c = 0; c <= Columns; c++)
            for (var y = Top; y <= Top + CellH * Rows; y++)
                for (var t = 0; t < 3; t++)
                    if (c != faintLeftOf || y <= Top + faintRow * CellH + 3 || y >= Top + (faintRow + 1) * CellH)
                        pixels[y * w + Left + c * CellW + t] = 20;
        for (var r = 0; r <= Rows; r++)
            for (var x = Left; x <= Left + CellW * Columns + 2; x++)
                for (var t = 0; t < 3; t++) pixels[(Top + r * CellH + t) * w + x] = 20;
        for (var r = 0; r < Rows; r++)
            for (var c = 0; c < Columns; c++)
                for (var y = 0; y < 36; y++)
                    for (var x = 0; x < 30; x++)
                        pixels[(Top + r * CellH + 55 + y) * w + Left + c * CellW + 40 + x] = (r, c) == thin || (r, c) == specks || (r, c) == bar ? (byte)250 : (byte)30;
        // A dash: a bar 30 px wide and 3 tall, as the template prints where a line has no figure.
        if (bar is var (barRow, barColumn))
            for (var y = 0; y < 3; y++)
                for (var x = 0; x < 30; x++)
                    pixels[(Top + barRow * CellH + 72 + y) * w + Left + barColumn * CellW + 120 + x] = 30;
        // A thin "1": one stroke 2 px wide and 24 tall, 48 dark pixels in the cell's 45,000.
        if (thin is var (thinRow, thinColumn))
            for (var y = 0; y < 24; y++)
                for (var x = 0; x < 2; x++)
                    pixels[(Top + thinRow * CellH + 60 + y) * w + Left + thinColumn * CellW + 140 + x] = 30;
        // Dust: thirty dots of two pixels strewn over the cell, 60 dark pixels and no stroke.
        if (specks is var (speckRow, speckColumn))
            for (var k = 0; k < 30; k++)
                for (var x = 0; x < 2; x++)
                    pixels[(Top + speckRow * CellH + 20 + k % 5 * 22) * w + Left + speckColumn * CellW + 20 + k / 5 * 40 + x] = 30;
        if (shift > 0)
        {
            // The whole page lies further right on the scanner.
            var moved = new byte[w * h];
            Array.Fill(moved, (byte)250);
            for (var y = 0; y < h; y++) Array.Copy(pixels, y * w, moved, y * w + shift, w - shift);
            pixels = moved;
        }
        // A second line of print 10 px under the first (a label over its unit).
        if (twoLines is var (tr, tc))
            for (var y = 0; y < 36; y++)
                for (var x = 0; x < 30; x++)
                    pixels[(Top + tr * CellH + 101 + y) * w + Left + tc * CellW + 40 + x] = 30;
        var page = new GrayImage(w, h, pixels);
        return new ScanPage(page, page);
    }

    /// <summary>The OCR service over scripted engines (by language), knowing the named templates.</summary>
    private static OcrService Service(Func<string, IOcrEngine> engines, params string[] templates) =>
        new(new OcrSettings(), new SubprocessRunner(TimeSpan.FromSeconds(10), 0, Logger.None), Logger.None, null, engines)
        {
            Templates = [.. templates.Select(t => new LabelMatcher(TemplateModel.Load(t, null)))],
        };

    /// <summary>Answers each cell's request with what the script says for the cell its crop starts in.</summary>
    private sealed class ScriptedCells(Dictionary<(int Row, int Column), (string Text, double Confidence)> script) : IOcrEngine
    {
        public List<(int Row, int Column)> Asked { get; } = [];

        /// <summary>How far right the page being read lies (<see cref="Page"/>'s shift).</summary>
        public int Shift { get; set; }

        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
        [
            .. requests.Select(r =>
            {
                // Above the table (where the title would be) nothing is printed.
                if (r.Y0 < Top) return new OcrText("", 0);
                var cell = ((r.Y0 - Top) / CellH, (r.X0 - Left - Shift) / CellW);
                Asked.Add(cell);
                // (A "9%" the script writes is one sign misread, as the engine's boxes would show it.)
                return script.TryGetValue(cell, out var read)
                    ? new OcrText(read.Text, read.Confidence) { PercentNines = NinesOf(read.Text) }
                    : new OcrText("", 0);
            }),
        ];
    }

    [Fact]
    public void Cells_under_figure_headers_are_read_as_figures_whatever_chi_sim_saw_and_other_cells_are_not()
    {
        var chi = new ScriptedCells(new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("实际完成值", 0.95), [(0, 2)] = ("人", 0.4), [(0, 3)] = ("得分", 0.96),
            [(1, 0)] = ("刻章数量", 0.95), [(1, 1)] = ("健全", 0.95), [(1, 2)] = ("aa", 0.3), [(1, 3)] = ("10", 0.95),
            [(2, 0)] = ("满意度", 0.95), [(2, 1)] = ("很满意", 0.5), [(2, 2)] = ("", 0), [(2, 3)] = ("日2D", 0.2),
        });
        var eng = new ScriptedCells(new()
        {
            [(1, 1)] = ("11", 0.9), [(1, 2)] = ("10", 0.95), [(1, 3)] = ("10", 0.96),
            [(2, 1)] = ("4", 0.9), [(2, 2)] = ("1", 0.95), [(2, 3)] = ("", 0),
        });
        var ocr = Service(language => language == "eng" ? eng : chi, "standard", "criteria");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, diagnostics).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();

        // 分值 (read 人) is known between 实际完成值 and 得分: "aa" and a cell chi_sim read nothing in are its figures.
        Assert.Equal(["刻章数量", "健全", "10", "10"], rows[1]);
        Assert.Equal("1", rows[2][2]);
        // 实际完成值 holds words as often as figures: its cells are not read as figures (eng was never asked).
        Assert.DoesNotContain((1, 1), eng.Asked);
        Assert.DoesNotContain((2, 1), eng.Asked);
        Assert.Equal("很满意", rows[2][1]);
        // A 得分 no reading makes a figure of stays as read, with a warning naming its column.
        Assert.Equal("日2D", rows[2][3]);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.OcrLowConfidence && d.Message.Contains("得分") && d.Message.Contains("日2D"));
        Assert.Equal(2, diagnostics.Count(d => d.Code == DiagnosticCodes.OcrFigureReread));
    }

    /// <summary>Answers a request limited to 是 and 否 with <paramref name="choice"/>, else by the script.</summary>
    private sealed class ScriptedChoice(Dictionary<(int Row, int Column), (string Text, double Confidence)> script, OcrText choice) : IOcrEngine
    {
        private readonly ScriptedCells cells = new(script);

        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
            [.. requests.Select(r => r.Whitelist == "是否" ? choice : cells.ReadAll(image, [r], deadline)[0])];
    }

    [Theory]
    [InlineData("否", 0.9, "否")]
    [InlineData("", 0.0, "售")]
    public void A_yes_or_no_read_as_another_character_is_read_again_among_the_two_and_never_as_a_figure(string again, double confidence, string expected)
    {
        // The criteria template's head (tuning half, criteria 000's scan): 否 read as "售" at 0.11, which the digits'
        // model then made a "4" of. Read again among 是 and 否, it is 否 with ocr.choice-reread; a reading again that
        // gives neither leaves it as it was, unread as a figure (and the normalizer takes no 是否 from it).
        var script = new Dictionary<(int Row, int Column), (string Text, double Confidence)>
        {
            [(0, 0)] = ("具体实施处", 0.95), [(0, 1)] = ("财务科", 0.95), [(0, 2)] = ("是否为经常性\n项目", 0.9), [(0, 3)] = ("售", 0.11),
            [(1, 0)] = ("当年预算数", 0.95), [(1, 1)] = ("5,196,389.00", 0.9), [(1, 2)] = ("上年预算金额", 0.95), [(1, 3)] = ("0.00", 0.9),
        };
        var chi = new ScriptedChoice(script, new OcrText(again, confidence));
        var eng = new ScriptedCells(new() { [(0, 3)] = ("4", 0.35) });
        var ocr = Service(language => language == "eng" ? eng : chi, "standard", "criteria");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, diagnostics).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();

        Assert.Equal(expected, rows[0][3]);
        Assert.DoesNotContain((0, 3), eng.Asked);
        Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCodes.OcrFigureReread);
        if (expected == "否")
            Assert.Contains("售", Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.OcrChoiceReread).Message);
        else Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCodes.OcrChoiceReread);
    }

    /// <summary>Answers a crop wider than a cell (two cells no rule parted) with <paramref name="joined"/>, else by the script.</summary>
    private sealed class ScriptedWidths(Dictionary<(int Row, int Column), string> script, string joined) : IOcrEngine
    {
        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
        [
            .. requests.Select(r => r.Y0 < Top ? new OcrText("", 0)
                : r.X1 - r.X0 > CellW ? new OcrText(joined, 0.9)
                : new OcrText(script.GetValueOrDefault(((r.Y0 - Top) / CellH, (r.X0 - Left) / CellW), ""), 0.95)),
        ];
    }

    [Fact]
    public void Two_figure_cells_no_rule_was_found_between_are_read_apart_where_the_header_shows_the_boundary()
    {
        // The rule between 分值 and 得分 is missing in row 1: one region under both headers, read as "1010".
        Dictionary<(int, int), string> cells = new()
        {
            [(0, 0)] = "三级指标", [(0, 1)] = "实际完成值", [(0, 2)] = "分值", [(0, 3)] = "得分",
            [(1, 0)] = "刻章数量", [(1, 1)] = "健全", [(1, 2)] = "10", [(1, 3)] = "9",
            [(2, 0)] = "满意度", [(2, 1)] = "满意", [(2, 2)] = "5", [(2, 3)] = "5",
        };
        var engine = new ScriptedWidths(cells, "109");
        var ocr = Service(_ => engine, "standard");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(faintRow: 1, faintLeftOf: 3), 0, diagnostics).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();

        Assert.Equal(["刻章数量", "健全", "10", "9"], rows[1]);
        Assert.Equal("109", Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.OcrCellSplit).Source!.Text);
        // Where the rule is printed, nothing is split.
        var whole = new List<Diagnostic>();
        ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, whole);
        Assert.DoesNotContain(whole, d => d.Code == DiagnosticCodes.OcrCellSplit);
    }

    [Fact]
    public void A_percent_read_as_an_ideograph_is_read_again_as_a_figure_and_a_units_misreading_is_left_as_read()
    {
        var chi = new ScriptedCells(new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("实际完成值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.96),
            [(1, 0)] = ("验收合格率", 0.95), [(1, 1)] = ("100鸭", 0.6), [(1, 2)] = ("10", 0.95), [(1, 3)] = ("10", 0.95),
            [(2, 0)] = ("服务人数", 0.95), [(2, 1)] = ("=55大", 0.7), [(2, 2)] = ("5", 0.95), [(2, 3)] = ("5", 0.95),
        });
        // eng has no 人: it reads "=55人" as "=55", which is no better a reading of the cell.
        var eng = new ScriptedCells(new() { [(1, 1)] = ("100%", 0.93), [(2, 1)] = ("=55", 0.9) });
        var ocr = Service(language => language == "eng" ? eng : chi, "standard");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, diagnostics).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();

        Assert.Equal("100%", rows[1][1]);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.OcrFigureReread && d.Message.Contains("100鸭"));
        Assert.Equal("=55大", rows[2][1]);
        // A word in the column is not a figure misread: eng is not asked.
        Assert.DoesNotContain((1, 0), eng.Asked);
    }

    [Theory]
    [InlineData("=90%", "≥90%")]   // eng has no ≥: its sign is no reading of one
    [InlineData(">90%", "≥90%")]
    [InlineData("290%", "≥90%")]
    [InlineData("=80%", "≥80%")]   // another figure: the digits' reading stands, with chi_sim's sign, warned
    public void A_figure_read_with_a_sign_the_digits_model_lacks_keeps_its_sign(string digits, string expected)
    {
        var chi = new ScriptedCells(new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("年度指标值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.96),
            [(1, 0)] = ("验收合格率", 0.95), [(1, 1)] = ("≥90%", 0.6), [(1, 2)] = ("10", 0.95), [(1, 3)] = ("10", 0.95),
        });
        var eng = new ScriptedCells(new() { [(1, 1)] = (digits, 0.93) });
        var diagnostics = new List<Diagnostic>();
        var rows = Service(language => language == "eng" ? eng : chi, "standard").ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, diagnostics).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal(expected, rows[1][1]);
        Assert.Equal(expected != "≥90%", diagnostics.Any(d => d.Code == DiagnosticCodes.OcrFigureReread));
    }

    [Theory]
    [InlineData("≥909%6", "290%", "≥90%")]   // chi_sim's sign and a stray digit, eng's 2 for the sign: its 9 is chi_sim's first
    [InlineData("≤909%", "290%", "≤90%")]
    [InlineData("≥909%6", "2190%", "2190%")] // the digit after eng's 2 is not chi_sim's first after its sign: eng's reading
    [InlineData("≥90%6", "390%", "390%")]
    public void A_sign_the_digits_model_read_as_2_is_chi_sims_where_the_digits_after_it_begin_alike(string chiSim, string digits, string expected)
    {
        var chi = new ScriptedCells(new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("年度指标值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.96),
            [(1, 0)] = ("验收合格率", 0.95), [(1, 1)] = (chiSim, 0.6), [(1, 2)] = ("10", 0.95), [(1, 3)] = ("10", 0.95),
        });
        var eng = new ScriptedCells(new() { [(1, 1)] = (digits, 0.93) });
        var rows = Service(language => language == "eng" ? eng : chi, "standard").ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, []).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal(expected, rows[1][1]);
    }

    /// <summary>Reads as <paramref name="first"/> does, and a despeckled crop as <paramref name="despeckled"/>.</summary>
    private sealed class DespeckledReads(IOcrEngine first, string despeckled) : IOcrEngine
    {
        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
            [.. requests.Select(r => r.Despeckle ? new OcrText(despeckled, 0.95) : first.ReadAll(image, [r], deadline)[0])];
    }

    [Theory]
    [InlineData(">=80%", ">=80%", "80%", ">=80%")]  // both models read it alike: the despeckled crop takes nothing away
    [InlineData("3", "3", "13", "13")]             // but may add a faint stroke both missed
    [InlineData("1,478,591.85,", "1,478,591.85,", "1,478,591.85", "1,478,591.85")] // and drop a mark at an end
    [InlineData(">=80%", ">=90%", "80%", "80%")]    // they differ: the despeckled crop's surer reading is taken, as before
    public void A_figure_both_models_read_alike_is_only_added_to_by_a_despeckled_crop(string chiSim, string digits, string despeckled, string expected)
    {
        var chi = new ScriptedCells(new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("年度指标值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.96),
            [(1, 0)] = ("验收合格率", 0.95), [(1, 1)] = (chiSim, 0.46), [(1, 2)] = ("10", 0.95), [(1, 3)] = ("10", 0.95),
        });
        // The digits' model unsure too where it differs, so that chi_sim's reading stands into the last step.
        var eng = new DespeckledReads(new ScriptedCells(new() { [(1, 1)] = (digits, digits == chiSim ? 0.91 : 0.3) }), despeckled);
        var rows = Service(language => language == "eng" ? eng : chi, "standard").ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, []).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal(expected, rows[1][1]);
    }

    private static System.Collections.Immutable.ImmutableArray<bool> NinesOf(string text) =>
        [.. Enumerable.Range(0, Math.Max(0, text.Length - 1)).Where(i => text[i] == '9' && text[i + 1] == '%').Select(_ => true)];

    [Theory]
    [InlineData("=1009%", 0.60, "=100%", 0.93, "=100%")]  // the digits' reading replaces chi_sim's, as it did
    [InlineData("=1009%", 0.95, "", 0.0, "=100%")]        // chi_sim's reading stands: its 9 that is the sign's goes
    [InlineData("=1009%", 0.60, "=1009%", 0.93, "=100%")] // both read so: the reading kept is the digits', boxes its own
    public void A_percent_read_as_9_percent_is_mended_in_the_reading_a_cell_ends_with(string chiSim, double chiSure, string digits, double digitsSure, string expected)
    {
        var chi = new ScriptedCells(new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("年度指标值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.96),
            [(1, 0)] = ("验收合格率", 0.95), [(1, 1)] = (chiSim, chiSure), [(1, 2)] = ("10", 0.95), [(1, 3)] = ("10", 0.95),
        });
        var eng = new ScriptedCells(new() { [(1, 1)] = (digits, digitsSure) });
        var rows = Service(language => language == "eng" ? eng : chi, "standard").ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, []).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal(expected, rows[1][1]);
    }

    /// <summary>
    /// Answers a crop by the script for the cell it starts in; a crop that starts at the second line of a cell (a line
    /// read on its own) with <paramref name="lastLine"/>.
    /// </summary>
    private sealed class ScriptedLines(Dictionary<(int Row, int Column), string> script, string lastLine) : IOcrEngine
    {
        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
        [
            .. requests.Select(r => r.Y0 < Top ? new OcrText("", 0)
                : (r.Y0 - Top) % CellH > 90 ? new OcrText(lastLine, 0.8)
                : new OcrText(script.GetValueOrDefault(((r.Y0 - Top) / CellH, (r.X0 - Left) / CellW), ""), 0.9)),
        ];
    }

    [Theory]
    [InlineData("(元)", "元")]
    [InlineData("万元)", "万元")]
    [InlineData("(70)", null)]
    public void A_funding_labels_unit_read_as_no_unit_is_its_last_line_read_again_alone_and_warned(string lastLine, string? unit)
    {
        Dictionary<(int, int), string> cells = new()
        {
            [(0, 0)] = "三级指标", [(0, 1)] = "实际完成值", [(0, 2)] = "分值", [(0, 3)] = "得分",
            [(1, 0)] = "项目资金\n(7C)", [(1, 1)] = "健全", [(1, 2)] = "10", [(1, 3)] = "9",
        };
        var engine = new ScriptedLines(cells, lastLine);
        var ocr = Service(_ => engine, "standard");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(twoLines: (1, 0)), 0, diagnostics).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();

        if (unit is null)
        {
            // Not a unit of the template: the cell stays as first read, and nothing is said to have been reread.
            Assert.Equal("项目资金\n(7C)", rows[1][0]);
            Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCodes.OcrUnitReread);
            return;
        }
        Assert.Equal($"项目资金\n({unit})", rows[1][0]);
        var warned = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.OcrUnitReread);
        Assert.Contains("(7C)", warned.Message);
    }
    /// <summary>
    /// Answers a cell's crop by the script, and a crop starting at a cell's second line (a line read on its own) with
    /// what the script says for that page-segmentation mode.
    /// </summary>
    private sealed class ScriptedSecondLine(Dictionary<(int Row, int Column), string> script, Dictionary<int, string> byMode) : IOcrEngine
    {
        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
        [
            .. requests.Select(r => r.Y0 < Top ? new OcrText("", 0)
                : (r.Y0 - Top) % CellH > 90 ? new OcrText(byMode.GetValueOrDefault(r.PageSegMode, ""), 0.8)
                : new OcrText(script.GetValueOrDefault(((r.Y0 - Top) / CellH, (r.X0 - Left) / CellW), ""), 0.9)),
        ];
    }

    /// <summary>
    /// Reads nothing of cell (1, 0) at the crop's own size, and <paramref name="smaller"/> when asked at another (at 1.25,
    /// <paramref name="larger"/> where it is given).
    /// </summary>
    private sealed class NothingAtOneSize(Dictionary<(int Row, int Column), string> script, string smaller, double confidence, string? larger = null) : IOcrEngine
    {
        public List<double?> Scales { get; } = [];

        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
        [
            .. requests.Select(r =>
            {
                if (r.Y0 < Top) return new OcrText("", 0);
                var cell = ((r.Y0 - Top) / CellH, (r.X0 - Left) / CellW);
                if (cell != (1, 0)) return new OcrText(script.GetValueOrDefault(cell, ""), 0.9);
                Scales.Add(r.Scale);
                return r.Scale is null ? new OcrText("", 0) : new OcrText(r.Scale > 1 && larger is not null ? larger : smaller, confidence);
            }),
        ];
    }

    [Theory]
    [InlineData("受众满意度", 0.9, "受众满意度")]
    // Unsure, no character, or a bar: dust's reading or a rule's remains, not the cell's.
    [InlineData("受众满意度", 0.2, "")]
    [InlineData("、", 0.9, "")]
    [InlineData("一", 0.9, "")]
    public void A_cell_of_ink_read_as_nothing_is_read_again_at_a_smaller_size(string smaller, double confidence, string expected)
    {
        Dictionary<(int, int), string> cells = new()
        {
            [(0, 0)] = "三级指标", [(0, 1)] = "实际完成值", [(0, 2)] = "分值", [(0, 3)] = "得分",
            [(1, 1)] = "健全", [(1, 2)] = "10", [(1, 3)] = "9",
        };
        var engine = new NothingAtOneSize(cells, smaller, confidence);
        var rows = Service(_ => engine, "standard").ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, []).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal(expected, rows[1][0]);
        Assert.Equal([null, 0.75], engine.Scales.Take(2));
    }

    [Fact]
    public void A_cell_of_ink_read_as_nothing_at_three_quarters_too_is_read_at_a_larger_size()
    {
        Dictionary<(int, int), string> cells = new()
        {
            [(0, 0)] = "三级指标", [(0, 1)] = "实际完成值", [(0, 2)] = "分值", [(0, 3)] = "得分",
            [(1, 1)] = "健全", [(1, 2)] = "10", [(1, 3)] = "9",
        };
        var engine = new NothingAtOneSize(cells, "", 0.9, larger: "持续");
        var rows = Service(_ => engine, "standard").ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, []).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal("持续", rows[1][0]);
        Assert.Equal([null, 0.75, 1.25], engine.Scales.Take(3));
    }

    /// <summary>Reads cell (1, 0) unsure at its own size and as <paramref name="smaller"/> at another; the rest as scripted.</summary>
    private sealed class UnsureAtOneSize(Dictionary<(int Row, int Column), (string Text, double Confidence)> script, string smaller, double confidence) : IOcrEngine
    {
        public List<(int Row, int Column)> AskedSmaller { get; } = [];

        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
        [
            .. requests.Select(r =>
            {
                if (r.Y0 < Top) return new OcrText("", 0);
                var cell = ((r.Y0 - Top) / CellH, (r.X0 - Left) / CellW);
                if (r.Scale is not null) AskedSmaller.Add(cell);
                if (r.Scale is not null && cell == (1, 0)) return new OcrText(smaller, confidence);
                // (A "9%" the script writes is one sign misread, as the engine's boxes would show it.)
                return script.TryGetValue(cell, out var read)
                    ? new OcrText(read.Text, read.Confidence) { PercentNines = NinesOf(read.Text) }
                    : new OcrText("", 0);
            }),
        ];
    }

    [Theory]
    // Surer at three quarters of the size: that reading.
    [InlineData("对优化营商环境", 0.9, "对优化营商环境")]
    // Hardly surer: the first.
    [InlineData("对优化营商环境", 0.62, "对优镍营商环境")]
    public void A_cell_of_ideographs_read_unsure_is_read_again_smaller_and_the_surer_reading_kept(string smaller, double confidence, string expected)
    {
        Dictionary<(int, int), (string, double)> cells = new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("实际完成值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.95),
            [(1, 0)] = ("对优镍营商环境", 0.6), [(1, 1)] = ("健全", 0.95), [(1, 2)] = ("10", 0.5), [(1, 3)] = ("9", 0.9),
        };
        var engine = new UnsureAtOneSize(cells, smaller, confidence);
        var rows = Service(_ => engine, "standard").ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, []).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal(expected, rows[1][0]);
        // Only the unsure cell of ideographs: not the sure ones, not an unsure figure (the digits' model reads that again).
        // (The last row's cells, their ink read as nothing, are read again smaller for that.)
        Assert.Equal([(1, 0)], engine.AskedSmaller.Where(c => c.Row < 2));
    }

    [Theory]
    // The digits' model reads a figure: its figure, not the one chi_sim read at the smaller size.
    [InlineData("19", "19")]
    // It reads none: chi_sim's, warned as unsure.
    [InlineData("", "4")]
    public void A_figure_read_at_the_smaller_size_gives_way_to_the_digits_model_s_reading(string digits, string expected)
    {
        // 分值's "19" read "本" unsure, and "4" surely at three quarters of its size.
        Dictionary<(int, int), (string, double)> cells = new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("实际完成值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.95),
            [(1, 0)] = ("甲项指标", 0.95), [(1, 1)] = ("健全", 0.95), [(1, 2)] = ("本", 0.6), [(1, 3)] = ("9", 0.9),
        };
        var chi = new ScaledCell(cells, (1, 2), "4", 0.9);
        var eng = new ScriptedCells(new() { [(1, 2)] = (digits, 0.7), [(1, 3)] = ("9", 0.9) });
        var diagnostics = new List<Diagnostic>();
        var rows = Service(language => language == "eng" ? eng : chi, "standard").ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, diagnostics).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal(expected, rows[1][2]);
        if (digits.Length == 0) Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.OcrLowConfidence && d.Source?.Text == "4");
    }

    [Fact]
    public void A_figure_read_at_the_smaller_size_in_a_column_of_words_is_a_reading_like_any_other()
    {
        // 实际完成值's "100%" read as garbage unsure, and surely at three quarters: the digits' model's surer-looking "200%"
        // of lower confidence does not replace it.
        Dictionary<(int, int), (string, double)> cells = new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("实际完成值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.95),
            [(1, 0)] = ("甲项指标", 0.95), [(1, 1)] = ("全半人区", 0.6), [(1, 2)] = ("10", 0.9), [(1, 3)] = ("9", 0.9),
        };
        var chi = new ScaledCell(cells, (1, 1), "100%", 0.9);
        var eng = new ScriptedCells(new() { [(1, 1)] = ("200%", 0.7), [(1, 2)] = ("10", 0.9), [(1, 3)] = ("9", 0.9) });
        var rows = Service(language => language == "eng" ? eng : chi, "standard").ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, []).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal("100%", rows[1][1]);
    }

    /// <summary>Reads as scripted; one cell as <paramref name="smaller"/> when asked at another size.</summary>
    private sealed class ScaledCell(Dictionary<(int Row, int Column), (string Text, double Confidence)> script, (int Row, int Column) at,
        string smaller, double confidence) : IOcrEngine
    {
        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
        [
            .. requests.Select(r =>
            {
                if (r.Y0 < Top) return new OcrText("", 0);
                var cell = ((r.Y0 - Top) / CellH, (r.X0 - Left) / CellW);
                if (r.Scale is not null && cell == at) return new OcrText(smaller, confidence);
                // (A "9%" the script writes is one sign misread, as the engine's boxes would show it.)
                return script.TryGetValue(cell, out var read)
                    ? new OcrText(read.Text, read.Confidence) { PercentNines = NinesOf(read.Text) }
                    : new OcrText("", 0);
            }),
        ];
    }

    /// <summary>Reads each cell as the script says in block mode, and as <paramref name="asLine"/> when asked for one line.</summary>
    private sealed class ScriptedBlockAndLine(Dictionary<(int Row, int Column), string> script, string asLine) : IOcrEngine
    {
        public List<(int Row, int Column)> AskedAsLine { get; } = [];

        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
        [
            .. requests.Select(r =>
            {
                if (r.Y0 < Top) return new OcrText("", 0);
                var cell = ((r.Y0 - Top) / CellH, (r.X0 - Left) / CellW);
                if (r.PageSegMode != 7) return new OcrText(script.GetValueOrDefault(cell, ""), 0.9);
                AskedAsLine.Add(cell);
                return new OcrText(asLine, 0.9);
            }),
        ];
    }

    [Theory]
    // The line read again is one of the block's lines: the other was made up.
    [InlineData("完善", "完善")]
    // It agrees with none of them: the cell stays as first read.
    [InlineData("完美", "2\n完善")]
    [InlineData("", "2\n完善")]
    public void A_cell_of_one_line_of_ink_read_as_two_lines_is_its_line_read_again_alone(string asLine, string expected)
    {
        Dictionary<(int, int), string> cells = new()
        {
            [(0, 0)] = "三级指标", [(0, 1)] = "实际完成值", [(0, 2)] = "分值", [(0, 3)] = "得分",
            [(1, 0)] = "工作人员", [(1, 1)] = "2\n完善", [(1, 2)] = "10", [(1, 3)] = "9",
        };
        var engine = new ScriptedBlockAndLine(cells, asLine);
        var ocr = Service(_ => engine, "standard");
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, []).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal(expected, rows[1][1]);
        // Only the cell read with a line more than its ink is read again as a line (its tall neighbours of one line are not).
        Assert.Equal([(1, 1)], engine.AskedAsLine.Where(c => c.Column != 2 && c.Column != 3));
    }

    [Theory]
    // Read as a line, the lost line comes back.
    [InlineData("满意度", "", "工作人员\n满意度")]
    // Nothing as a line: read as a raw line.
    [InlineData("", "满意度", "工作人员\n满意度")]
    // Nothing either way, or a mark: the cell stays as first read.
    [InlineData("", "", "工作人员")]
    [InlineData("、", "", "工作人员")]
    public void A_line_the_engine_lost_is_read_on_its_own(string asLine, string asRawLine, string expected)
    {
        Dictionary<(int, int), string> cells = new()
        {
            [(0, 0)] = "三级指标", [(0, 1)] = "实际完成值", [(0, 2)] = "分值", [(0, 3)] = "得分",
            [(1, 0)] = "工作人员", [(1, 1)] = "健全", [(1, 2)] = "10", [(1, 3)] = "9",
        };
        var engine = new ScriptedSecondLine(cells, new() { [7] = asLine, [13] = asRawLine });
        var ocr = Service(_ => engine, "standard");
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(twoLines: (1, 0)), 0, []).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal(expected, rows[1][0]);
        // A cell whose one line was read is not read again.
        Assert.Equal("健全", rows[1][1]);
    }
    /// <summary>eng's digits-only readings: nothing but from a crop made black and white at 200, where <paramref name="clean"/>.</summary>
    private sealed class OnlyWhenThresholded(string clean) : IOcrEngine
    {
        public List<byte?> Thresholds { get; } = [];

        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline)
        {
            Thresholds.AddRange(requests.Select(r => r.Threshold));
            return [.. requests.Select(r => r.Threshold == 200 ? new OcrText(clean, 0.93) : new OcrText("", 0))];
        }
    }

    [Fact]
    public void A_figure_no_reading_makes_anything_of_is_read_once_more_from_a_black_and_white_crop()
    {
        // A thin grey "5" under 分值: chi_sim made "D" of it, eng nothing as a line or a raw line.
        var chi = new ScriptedCells(new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("实际完成值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.96),
            [(1, 0)] = ("运维制度", 0.95), [(1, 1)] = ("健全", 0.95), [(1, 2)] = ("D", 0.19), [(1, 3)] = ("5", 0.95),
        });
        var eng = new OnlyWhenThresholded("5");
        var ocr = Service(language => language == "eng" ? eng : chi, "standard");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, diagnostics).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal("5", rows[1][2]);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.OcrFigureReread && d.Message.Contains("“D”"));
        // The black-and-white crop is the last resort, after the grey ones.
        Assert.Equal((byte?)200, eng.Thresholds[^1]);
        Assert.Contains(eng.Thresholds, t => t is null);
    }

    [Fact]
    public void A_thin_figure_alone_in_a_wide_cell_is_read_and_dust_is_not()
    {
        var chi = new ScriptedCells(new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("实际完成值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.96),
            [(1, 0)] = ("刻章数量", 0.95), [(1, 1)] = ("健全", 0.95), [(1, 2)] = ("1", 0.95), [(1, 3)] = ("1", 0.95),
            [(2, 0)] = ("满意度", 0.95), [(2, 1)] = ("满意", 0.95), [(2, 2)] = ("四", 0.3), [(2, 3)] = ("5", 0.95),
        });
        var ocr = Service(_ => chi, "standard");
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(thin: (1, 2), specks: (2, 2)), 0, []).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();

        // 48 dark pixels, 0.1% of the cell, yet one stroke as tall as a character: the cell holds a figure.
        Assert.Equal("1", rows[1][2]);
        // Sixty dark pixels of dust make no stroke: the cell is blank and never read.
        Assert.DoesNotContain((2, 2), chi.Asked);
        Assert.Equal("", rows[2][2]);
    }

    [Fact]
    public void A_page_the_table_runs_on_to_with_no_header_reads_its_figure_columns_as_the_page_before_did()
    {
        // Page 1: the header and one indicator; page 2 (the table cut by the page break, a little further right on the
        // scanner): indicators and no header, chi_sim reading a 分值 "2" as "op".
        var first = new ScriptedCells(new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("实际完成值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.96),
            [(1, 0)] = ("刻章数量", 0.95), [(1, 1)] = ("健全", 0.95), [(1, 2)] = ("10", 0.95), [(1, 3)] = ("10", 0.95),
            [(2, 0)] = ("满意度", 0.95), [(2, 1)] = ("满意", 0.95), [(2, 2)] = ("5", 0.95), [(2, 3)] = ("5", 0.95),
        });
        Dictionary<(int, int), (string, double)> secondPage = new()
        {
            [(0, 0)] = ("培训人次", 0.95), [(0, 1)] = ("完成", 0.95), [(0, 2)] = ("op", 0.2), [(0, 3)] = ("2", 0.95),
            [(1, 0)] = ("信息共享程度", 0.95), [(1, 1)] = ("完成", 0.95), [(1, 2)] = ("5", 0.95), [(1, 3)] = ("SS", 0.5),
            [(2, 0)] = ("档案管理", 0.95), [(2, 1)] = ("规范", 0.95), [(2, 2)] = ("4", 0.95), [(2, 3)] = ("4", 0.95),
        };
        var eng = new ScriptedCells(new() { [(0, 2)] = ("2", 0.9), [(1, 3)] = ("5", 0.9) }) { Shift = 20 };
        string[][] SecondPage(PageColumns? above)
        {
            var chi = new ScriptedCells(secondPage) { Shift = 20 };
            var ocr = Service(language => language == "eng" ? eng : chi, "standard");
            return [.. ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 2, Page(shift: 20), 2, [], above).Rows
                .Select(r => r.Row.Cells.Select(c => c.Text).ToArray())];
        }
        var pageOne = Service(_ => first, "standard").ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(), 0, []);

        Assert.NotNull(pageOne.Columns);
        var rows = SecondPage(pageOne.Columns);
        Assert.Equal(["培训人次", "完成", "2", "2"], rows[0]);
        Assert.Equal("5", rows[1][3]);
        // The words under 实际完成值 stay words: only the figure columns carry on.
        Assert.DoesNotContain((0, 1), eng.Asked);
        // Read alone, the page has no header to say so, and "op" stays as chi_sim read it.
        Assert.Equal("op", SecondPage(null)[0][2]);
    }

    [Fact]
    public void A_figure_cell_whose_ink_is_one_short_bar_is_a_dash_whatever_the_engines_read()
    {
        var chi = new ScriptedCells(new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("实际完成值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.96),
            [(1, 0)] = ("刻章数量", 0.95), [(1, 1)] = ("健全", 0.95), [(1, 2)] = ("2", 0.3), [(1, 3)] = ("10", 0.95),
            [(2, 0)] = ("满意度", 0.95), [(2, 1)] = ("满意", 0.95), [(2, 2)] = ("5", 0.95), [(2, 3)] = ("5", 0.95),
        });
        var eng = new ScriptedCells(new() { [(1, 2)] = ("2", 0.9) });
        var ocr = Service(language => language == "eng" ? eng : chi, "standard");
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(bar: (1, 2)), 0, []).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();

        // The dash chi_sim and eng both read as "2" is the template's placeholder; a blot of print beside it is a figure.
        Assert.Equal("—", rows[1][2]);
        Assert.Equal("5", rows[2][2]);
    }

    /// <summary>
    /// Answers a digits-only request for one cell by the page-segmentation mode it was asked in — what eng makes of a
    /// figure wrapped over two lines as one line, and as a block — and every other request by the script.
    /// </summary>
    private sealed class ScriptedModes(Dictionary<(int Row, int Column), (string Text, double Confidence)> script, (int Row, int Column) wrapped,
        string asLine, string asBlock) : IOcrEngine
    {
        private readonly ScriptedCells cells = new(script);

        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
        [
            .. requests.Select(r => r.Y0 >= Top && ((r.Y0 - Top) / CellH, (r.X0 - Left) / CellW) == wrapped
                ? new OcrText(r.PageSegMode == 6 ? asBlock : asLine, 0.93)
                : cells.ReadAll(image, [r], deadline)[0]),
        ];
    }

    [Theory]
    [InlineData("77.12\n%", "77.12%")]
    // Two lines each a figure are two rows' figures in one cell (the rule between not found): no reading of it.
    [InlineData("12\n6", null)]
    public void A_figure_wrapped_over_two_lines_in_its_cell_is_read_again_as_a_block_and_its_lines_joined(string asBlock, string? expected)
    {
        // A narrow 执行率 column prints "77.12" over "%": read as one line, the digits' model makes nothing of the cell.
        var chi = new ScriptedCells(new()
        {
            [(0, 0)] = ("全年执行数", 0.95), [(0, 1)] = ("执行率", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.96),
            [(1, 0)] = ("850,885.00", 0.95), [(1, 1)] = ("FA也\n%", 0.5), [(1, 2)] = ("10", 0.95), [(1, 3)] = ("7.71", 0.95),
            [(2, 0)] = ("0.00", 0.95), [(2, 1)] = ("", 0), [(2, 2)] = ("", 0), [(2, 3)] = ("", 0),
        });
        var eng = new ScriptedModes(new() { [(1, 0)] = ("850,885.00", 0.95), [(1, 2)] = ("10", 0.95), [(1, 3)] = ("7.71", 0.95) },
            (1, 1), asLine: "", asBlock: asBlock);
        var ocr = Service(language => language == "eng" ? eng : chi, "standard");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, Page(twoLines: (1, 1)), 0, diagnostics).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();

        if (expected is not null)
        {
            Assert.Equal(expected, rows[1][1]);
            Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.OcrFigureReread && d.Message.Contains(expected));
        }
        else
        {
            Assert.DoesNotContain(rows[1][1].Replace("\n", ""), new[] { "126", "12", "6" });
            Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCodes.OcrFigureReread);
            Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.OcrLowConfidence && d.Message.Contains("执行率"));
        }
    }

    [Theory]
    [InlineData(20, false)]    // black rules: the grey line is the back of the sheet's rule showing through
    [InlineData(170, true)]    // a grey-hairline printing: the grey line is its own rule, fainter there, and parts the row
    public void A_grey_line_is_a_rule_on_a_page_printed_with_grey_rules_and_not_on_one_printed_with_black(byte ruleInk, bool parted)
    {
        var page = Page();
        var pixels = page.Gray.Pixels.ToArray();
        for (var i = 0; i < pixels.Length; i++)
            if (pixels[i] == 20) pixels[i] = ruleInk;
        // Across the middle row, between its blots and its foot: a hairline two pixels thick at 205 on paper of 250.
        var w = page.Gray.Width;
        for (var x = Left; x <= Left + CellW * Columns; x++)
            (pixels[(Top + CellH + 120) * w + x], pixels[(Top + CellH + 121) * w + x]) = (205, 205);
        var image = new GrayImage(w, page.Gray.Height, pixels);
        var chi = new ScriptedCells(Enumerable.Range(0, Rows).SelectMany(r => Enumerable.Range(0, Columns).Select(c => (r, c)))
            .ToDictionary(cell => cell, _ => ("字", 0.95)));
        var ocr = Service(_ => chi, "standard");
        var read = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, new ScanPage(image, image), 0, []).Rows;
        // The middle row's cells end at the table's next rule, or at the grey line (the strip under it holds no print).
        var bottom = read[1].Row.Cells[0].Source.Box!.Y1;
        Assert.InRange(bottom, parted ? Top + CellH + 118 : Top + 2 * CellH - 2, parted ? Top + CellH + 123 : Top + 2 * CellH + 4);
    }

    /// <summary>
    /// Answers by where a crop lies in <see cref="StackedPage"/>'s table: the header's labels, each printed row's words,
    /// and both rows' lines for a crop that holds both (the row read before it is cut).
    /// </summary>
    private sealed class ScriptedStack : IOcrEngine
    {
        private static readonly string[] Header = ["三级指标", "实际完成值", "分值", "得分"];
        private static readonly string[][] Printed = [["甲项指标", "健全", "12", "12"], ["乙项指标", "完善", "6", "5"]];

        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
        [
            .. requests.Select(r =>
            {
                if (r.Y0 < Top) return new OcrText("", 0);
                var column = (r.X0 - Left) / CellW;
                if (r.Y1 <= Top + CellH) return new OcrText(Header[column], 0.95);
                var (upper, lower) = (r.Y0 < Top + CellH + 90, r.Y1 > Top + CellH + 210);
                var text = upper && lower ? $"{Printed[0][column]}\n{Printed[1][column]}" : Printed[upper ? 0 : 1][column];
                return new OcrText(text, 0.95);
            }),
        ];
    }

    /// <summary>
    /// A header row over one 300-px row that is two printed rows, no rule between them: each cell a line of print in
    /// the upper half (y 300–336) and one in the lower (450–486).
    /// </summary>
    private static ScanPage StackedPage()
    {
        var (w, h) = (Left * 2 + CellW * Columns, Top * 2 + CellH * 3);
        var pixels = new byte[w * h];
        Array.Fill(pixels, (byte)250);
        for (var c = 0; c <= Columns; c++)
            for (var y = Top; y <= Top + CellH * 3; y++)
                for (var t = 0; t < 3; t++) pixels[y * w + Left + c * CellW + t] = 20;
        foreach (var ruleY in new[] { Top, Top + CellH, Top + CellH * 3 })
            for (var x = Left; x <= Left + CellW * Columns + 2; x++)
                for (var t = 0; t < 3; t++) pixels[(ruleY + t) * w + x] = 20;
        foreach (var lineTop in new[] { Top + 55, Top + CellH + 50, Top + CellH + 200 })
            for (var c = 0; c < Columns; c++)
                for (var y = 0; y < 36; y++)
                    for (var x = 0; x < 30; x++) pixels[(lineTop + y) * w + Left + c * CellW + 40 + x] = 30;
        var page = new GrayImage(w, h, pixels);
        return new ScanPage(page, page);
    }

    [Fact]
    public void Two_rows_no_rule_parts_are_read_as_two_rows_when_their_figure_cells_hold_a_figure_each_per_row()
    {
        var engine = new ScriptedStack();
        var ocr = Service(_ => engine, "standard");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, StackedPage(), 0, diagnostics).Rows
            .Select(r => r.Row.Cells.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["甲项指标", "健全", "12", "12"], rows[1]);
        Assert.Equal(["乙项指标", "完善", "6", "5"], rows[2]);
        var split = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.OcrRowsSplit);
        Assert.Contains("2 行", split.Message);
    }

    /// <summary>Answers every request with one word.</summary>
    private sealed class OneWord : IOcrEngine
    {
        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
            [.. requests.Select(_ => new OcrText("字", 0.95))];
    }

    /// <summary>
    /// A page of <paramref name="rows"/> × 4 blots of print (30 × 36 px, 300 px apart across, 80 down), ruled as a
    /// table of those cells or not at all.
    /// </summary>
    private static ScanPage PrintPage(int rows, bool ruled, bool rowRules = true, bool firstColumnOnly = false)
    {
        var (w, h) = (Left * 2 + CellW * Columns, Top * 2 + 80 * rows);
        var pixels = new byte[w * h];
        Array.Fill(pixels, (byte)250);
        if (ruled)
        {
            // (firstColumnOnly: the frame, and the rules of the first column alone.)
            for (var c = 0; c <= Columns; c++)
                if (!firstColumnOnly || c <= 1 || c == Columns)
                    for (var y = Top; y <= Top + 80 * rows; y++)
                        for (var t = 0; t < 3; t++) pixels[y * w + Left + c * CellW + t] = 20;
            for (var r = 0; r <= rows; r++)
                if (rowRules || r == 0 || r == rows)
                    for (var x = Left; x <= (firstColumnOnly && r > 0 && r < rows ? Left + CellW : Left + CellW * Columns + 2); x++)
                        for (var t = 0; t < 3; t++) pixels[(Top + r * 80 + t) * w + x] = 20;
        }
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < Columns; c++)
                for (var y = 0; y < 36; y++)
                    for (var x = 0; x < 30; x += 2) pixels[(Top + r * 80 + 22 + y) * w + Left + c * CellW + 40 + x] = 30;
        var page = new GrayImage(w, h, pixels);
        return new ScanPage(page, page);
    }

    /// <summary>Answers a word left of <paramref name="figuresFrom"/> and a figure from there on.</summary>
    private sealed class WordsThenFigures(int figuresFrom) : IOcrEngine
    {
        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
            [.. requests.Select(r => new OcrText(r.X0 < figuresFrom ? "字" : "10", 0.95))];
    }

    [Fact]
    public void A_page_of_print_with_no_rules_is_read_as_layout_text_and_each_line_of_figures_warned()
    {
        var ocr = Service(_ => new WordsThenFigures(Left + 2 * CellW), "standard");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, PrintPage(10, ruled: false), 0, diagnostics).Rows;
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.Equal(RowOrigin.Layout, r.Row.Origin));
        Assert.All(rows, r => Assert.Equal(["字", "字", "10", "10"], r.Row.Cells.Select(c => c.Text)));
        // Lines numbered down the page; each line's warning on its line, where its figures point.
        Assert.Equal(Enumerable.Range(1, 10).Cast<int?>(), rows.Select(r => r.Row.Line));
        var warned = diagnostics.Where(d => d.Code == DiagnosticCodes.OcrPageUnruled).ToList();
        Assert.Equal(rows.Select(r => r.Row.Line), warned.Select(d => d.Source!.Line));
        Assert.All(rows, r => Assert.All(r.Row.Cells, c => Assert.Equal(r.Row.Line, c.Source.Line)));
    }

    [Fact]
    public void A_table_that_kept_only_its_frame_and_column_rules_is_read_as_layout_text_its_rules_parting_the_columns()
    {
        // A fax dropped the row rules: four cells of ten lines each, the column rules running through every line of
        // print. Their ink whitened, the print is ten lines of four pieces, each in the column its rules make.
        var ocr = Service(_ => new WordsThenFigures(Left + 2 * CellW), "standard");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.tif", [1]), 3, PrintPage(10, ruled: true, rowRules: false), 0, diagnostics).Rows;
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.Equal(RowOrigin.Layout, r.Row.Origin));
        Assert.All(rows, r => Assert.Equal(["字", "字", "10", "10"], r.Row.Cells.Select(c => c.Text)));
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.OcrPageUnruled);
        // The third page's rows are numbered after any other page's (the tables stage joins lines by their numbers);
        // its cells and warnings point at the line on the page.
        Assert.Equal(Enumerable.Range(2001, 10).Cast<int?>(), rows.Select(r => r.Row.Line));
        Assert.Equal(Enumerable.Range(1, 10).Cast<int?>(), rows.Select(r => r.Row.Cells[0].Source.Line));
        Assert.Equal(Enumerable.Range(1, 10).Cast<int?>(),
            diagnostics.Where(d => d.Code == DiagnosticCodes.OcrPageUnruled).Select(d => d.Source!.Line));
    }

    /// <summary>Answers a word left of <paramref name="figuresFrom"/> and from there on <paramref name="figure"/>.</summary>
    private sealed class WordsThenFigure(int figuresFrom, string figure) : IOcrEngine
    {
        public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline) =>
            [.. requests.Select(r => new OcrText(r.X0 < figuresFrom ? "字 1, 2" : figure, 0.95))];
    }

    [Fact]
    public void A_space_read_into_a_figure_on_a_page_without_rules_does_not_cut_it_in_two()
    {
        // The page's pieces are cut into cells at their spaces: "785 ,498.00" would be the cells 785 and ,498.00.
        var ocr = Service(_ => new WordsThenFigure(Left + 2 * CellW, "785 ,498.00"), "standard");
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, PrintPage(10, ruled: false), 0, []).Rows;
        Assert.Equal(10, rows.Count);
        // A text's "1, 2" is left as read.
        Assert.All(rows, r => Assert.Equal(["字", "1,", "2", "字", "1,", "2", "785,498.00", "785,498.00"], r.Row.Cells.Select(c => c.Text)));
    }

    [Fact]
    public void A_grid_that_holds_most_of_its_pages_print_in_one_cell_is_read_as_layout_text()
    {
        // The frame and the first column's rules kept, every other rule lost: eleven cells, one of them holding 30 of
        // the page's 40 pieces of print (under four pieces a cell, so not by that measure).
        var ocr = Service(_ => new WordsThenFigures(Left + 2 * CellW), "standard");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, PrintPage(10, ruled: true, firstColumnOnly: true), 0, diagnostics).Rows;
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.Equal(RowOrigin.Layout, r.Row.Origin));
        Assert.All(rows, r => Assert.Equal(["字", "字", "10", "10"], r.Row.Cells.Select(c => c.Text)));
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.OcrPageUnruled);
    }

    [Fact]
    public void A_ruled_page_of_a_few_cells_and_nothing_else_is_still_its_table()
    {
        // The last rows of a table continued onto a page of their own: eight cells, no print outside them.
        var ocr = Service(_ => new OneWord(), "standard");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, PrintPage(2, ruled: true), 0, diagnostics).Rows;
        // (The strip above the table, its top rule's edge in it, is read as lines above a table are.)
        Assert.Equal(2, rows.Count(r => r.Row.Origin == RowOrigin.RuledGrid));
        Assert.All(rows.Where(r => r.Row.Origin == RowOrigin.RuledGrid), r => Assert.Equal(4, r.Row.Cells.Length));
        Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCodes.OcrPageUnruled);
    }

    [Fact]
    public void A_5_both_models_read_as_3_is_read_by_the_page_s_own_5s_and_warned()
    {
        // The cells print real digits of one binarized scan (fixtures/ocr-crops, digits-*): its 5s, its 3s (one alone,
        // two in "13"), and a 5 whose hairline stem the scan lost, read "3" by both models.
        var page = GlyphPage(new()
        {
            [(1, 1)] = "thirteen-sure-b", [(1, 2)] = "five-sure-a", [(1, 3)] = "five-sure-b",
            [(2, 1)] = "three-sure-a", [(2, 2)] = "thirteen-sure-a", [(2, 3)] = "five-read-as-three-a",
        });
        Dictionary<(int Row, int Column), (string Text, double Confidence)> read = new()
        {
            [(0, 0)] = ("三级指标", 0.95), [(0, 1)] = ("实际完成值", 0.95), [(0, 2)] = ("分值", 0.95), [(0, 3)] = ("得分", 0.95),
            [(1, 0)] = ("刻章数量", 0.95), [(1, 1)] = ("13", 0.95), [(1, 2)] = ("5", 0.96), [(1, 3)] = ("5", 0.95),
            [(2, 0)] = ("满意度", 0.95), [(2, 1)] = ("3", 0.95), [(2, 2)] = ("13", 0.92), [(2, 3)] = ("3", 0.59),
        };
        var ocr = Service(_ => new ScriptedCells(read), "standard", "criteria");
        var diagnostics = new List<Diagnostic>();
        var rows = ocr.ReadPage(SourceDocument.FromBytes("scan.png", [1]), 1, page, 0, diagnostics).Rows.Select(r => r.Row).ToList();

        var cell = rows[2].Cells[3];
        Assert.Equal("5", cell.Text);
        Assert.Contains("3", cell.Source.Alternatives);
        var warned = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.OcrDigitShape);
        Assert.Contains("“3”", warned.Message);
        Assert.Contains("“5”", warned.Message);
        // The surely read digits stay as read.
        Assert.Equal(["13", "5", "5"], rows[1].Cells.Skip(1).Select(c => c.Text));
        Assert.Equal(["3", "13"], rows[2].Cells.Skip(1).Take(2).Select(c => c.Text));
    }

    /// <summary>A ruled table of <see cref="Rows"/> × <see cref="Columns"/> cells: the named crops (fixtures/ocr-crops,
    /// digits-*) printed in their cells, a blot of print in the others.</summary>
    private static ScanPage GlyphPage(Dictionary<(int Row, int Column), string> crops)
    {
        var blots = Page().Gray;
        var (w, h) = (blots.Width, blots.Height);
        var pixels = blots.Pixels.ToArray();
        foreach (var ((row, column), name) in crops)
        {
            var crop = GrayImage.ParsePgm(File.ReadAllBytes(Path.Combine(Fixtures.Dir, "ocr-crops", $"digits-{name}.pgm")));
            var (x0, y0) = (Left + column * CellW + 6, Top + row * CellH + 6);
            // The cell's blot gives way to the crop (its paper included).
            for (var y = y0; y < Top + (row + 1) * CellH - 3; y++)
                for (var x = x0; x < Left + (column + 1) * CellW - 3; x++) pixels[y * w + x] = 250;
            for (var y = 0; y < crop.Height; y++)
                for (var x = 0; x < crop.Width; x++) pixels[(y0 + y) * w + x0 + x] = crop.Pixels[y * crop.Width + x];
        }
        var image = new GrayImage(w, h, pixels);
        return new ScanPage(image, image);
    }
}
