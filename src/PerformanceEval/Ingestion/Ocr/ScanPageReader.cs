using System.Text.RegularExpressions;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion.Pdf;
using PerformanceEval.Provenance;
using PerformanceEval.Templates;
using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// Reads one scanned page: finds the table's ruling lines in the (straightened) image, cuts the page into its cells
/// and OCRs each cell on its own — whole-page OCR of these ruled tables loses most figures and whole rows. A figure
/// cell is read again by the English model with a digits-only character set — chi_sim garbles this printing's
/// figures ("99.21%" as "99.219%6", "1425600.00" as "14225600.00"), eng reads them — and the surer reading is kept,
/// both recorded; a figure that stays unsure carries a warning naming its cell. A cell under a figure header (分值,
/// 得分, 执行率 …, <see cref="FigureColumns"/>) is read as a figure whatever chi_sim made of it, and warned where no
/// reading is one. Text above the table is read as lines.
/// The cells of a page go to the engine together (the CLI reads them in one process).
/// </summary>
internal sealed partial class ScanPageReader(OcrService ocr, Serilog.ILogger log)
{
    /// <summary>Scans are read at this resolution; rasterized PDF pages are made at it.</summary>
    public const int Dpi = 300;
    private const double PointsPerPixel = 72.0 / Dpi;
    private const double FigureWarnBelow = 0.90;
    private const string FigureCharacters = "0123456789.,%=<>-";
    private const string FigureLanguage = "eng";
    private const int PsmSingleLine = 7;
    private const int PsmBlock = 6;

    /// <summary>How near a scan's column rules must end together to be a table's open edge, in points (~20 px).</summary>
    private const double ScannedEdgeSnap = 5;

    /// <summary>
    /// How sure the digits-only reading must be of a figure in a cell chi_sim read nothing in. A thin "1" chi_sim
    /// misses, eng reads at 0.95; a speck of dust in a blank 分值 cell it read as "2" at 0.24.
    /// </summary>
    private const double SureOfNothing = 0.5;

    /// <summary>The size a cell read as nothing, or read unsure, is read at again (see the first reading's use).</summary>
    private const double SmallerSize = 0.75;

    /// <summary>The sizes a cell read as nothing is read at again, in turn, until one reads it: smaller, then larger.</summary>
    private static readonly double[] OtherSizes = [SmallerSize, 1.25];

    /// <summary>Below this confidence a cell's ideographs are read again at <see cref="SmallerSize"/>.</summary>
    private const double UnsureText = 0.8;

    /// <summary>Dark pixels of one printed character at 300 dpi, about (a 9 pt 一 has ~250, 优 ~700).</summary>
    private const int OneCharacterInk = 200;

    /// <summary>
    /// Column rules closer than this (pixels, ~1.7 mm) are one column edge: two blocks' edges a few pixels apart, or a
    /// rule found twice (its dark core and its faint blur), made a column of nothing and every cell beside it one off.
    /// </summary>
    private const double MinColumn = 20;

    /// <summary>
    /// Rules found printed this light or lighter (their median darkest pixel) are a grey-hairline printing's, whose
    /// fainter stretches are looked for. The print shop's grey printings' found rules read 140–185, its black ones' 0–45
    /// (the median takes in a character's stroke or two that the finder took for rules).
    /// </summary>
    private const int GreyRulePrint = 100;
    private static readonly (int Mode, byte? Threshold)[] FallbackModes = [(PsmSingleLine, null), (PsmRawLine, null), (PsmSingleLine, 200)];

    /// <summary>
    /// Reads a page's rows; <paramref name="blockMode"/> is the page-segmentation mode of cells of several lines and
    /// of the text above the table (the retry of a page uses another).
    /// </summary>
    public PageReading Read(SourceDocument doc, int page, ScanPage scan, int block, List<Diagnostic> diagnostics,
        int blockMode, OcrDeadline deadline, PageColumns? columnsAbove = null)
    {
        var image = scan.Gray;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var engine = ocr.EngineFor(ocr.Settings.Language);
        var (horizontal, vertical) = RulingLines.Find(scan.Binary, PointsPerPixel);
        // A grey hairline a scanner's blur spread thin is lighter than the run finder's level all along (205 on paper of
        // 240): a whole block's rules lost, its cells one. Looked for again at a level under the page's own paper, as
        // long runs only — on a page whose rules found are grey themselves: where they are black, the grey lines are the
        // back of the sheet showing through, its table's rules mirrored (a bleed-through page's cells cut to pieces).
        // Not on a black-and-white page either, whose paper is white and whose hairlines are dots.
        var paperLevel = FaintRules.Paper(scan.Binary);
        if (!scan.BlackAndWhite && paperLevel - FaintRules.Contrast > RulingLines.DarkLevel &&
            RulingLines.PrintLevel(scan.Binary, horizontal, vertical, PointsPerPixel) >= GreyRulePrint)
        {
            var (faintAcross, faintDown) = RulingLines.FindFaint(scan.Binary, PointsPerPixel, (byte)(paperLevel - FaintRules.Contrast));
            (horizontal, vertical) = ([.. horizontal, .. faintAcross], [.. vertical, .. faintDown]);
        }
        // A black-and-white page's grey hairlines are dots: found by their shape.
        var (dashedAcross, dashedDown) = scan.BlackAndWhite ? DashedRules.Find(scan.Binary, PointsPerPixel) : ([], []);
        (horizontal, vertical) = ([.. horizontal, .. dashedAcross], [.. vertical, .. dashedDown]);
        // A table a page break cut is open there (Chromium draws no rule at the cut): its column rules run on past the
        // last row rule, and the part of a row there is a row of its own, closed where they end, as in a PDF's drawing.
        VectorRuleFinder.CloseOpenEnds(horizontal, vertical, snap: ScannedEdgeSnap);
        // The rules come back in points; the scan's boxes are pixels.
        var toPixels = 1 / PointsPerPixel;
        var (rulesAcross, rulesDown) = (Scale(horizontal, toPixels), Scale(vertical, toPixels));
        // A grey hairline the binarization dropped is still a line on the gray page, a level under its paper.
        var faintInk = (byte)Math.Max(0, FaintRules.Paper(image) - FaintRules.Contrast);
        bool InkAlong(bool across, double at, double from, double to) =>
            InkLine.Along(scan.Binary, across, at, from, to) || InkLine.Along(image, across, at, from, to, faintInk);
        var grid = GridLayout.Build(rulesAcross, rulesDown, snap: 8, InkAlong, minColumn: MinColumn);
        var across = rulesAcross;
        // Two rows whose rule was a grey hairline the binarization dropped make one row twice as tall: looked for again
        // on the gray page, inside such rows only.
        if (grid is not null && FaintRules.InTallRows(image, grid) is { Count: > 0 } faint)
        {
            log.Debug("Page {Page} of {SourcePath}: {Count} faint rule pieces found in tall rows", page, doc.Path, faint.Count);
            if (GridLayout.Build([.. rulesAcross, .. faint], rulesDown, snap: 8, InkAlong, minColumn: MinColumn) is { } withFaint)
                (grid, across) = (withFaint, [.. rulesAcross, .. faint]);
        }
        var tableTop = (int)(grid?.Ys[0] ?? image.Height);

        // Every region to read, in one batch: the text above the table, then the cells.
        var requests = new List<OcrRequest>();
        var above = tableTop > 60 && DarkFraction(image, 0, 0, image.Width, tableTop) >= 0.0005;
        if (above) requests.Add(new OcrRequest(0, 0, image.Width, Math.Max(1, tableTop - 4), blockMode));
        var cells = new List<(int Region, Box Box, int Request)>();
        void AddCells(GridLayout layout, IEnumerable<int> regions)
        {
            foreach (var region in regions)
            {
                var box = layout.BoxOf(region, BoxUnits.Pixels);
                if (Inner(image, box) is not { } r) continue;
                cells.Add((region, box, requests.Count));
                // A cell of one line of ink keeps the engine's alternatives, for the figures among them: chi_sim reads a 7
                // as 了 and offers 7. Not a cell of more lines: a figure is printed on one, and alternatives cost a sixth
                // of a reading, most of it in text cells of many lines, where none was ever kept.
                // A cell of one line's height is read as one line, unless its ink says it holds two (a header's
                // "年初预" over "算数" in a tightly ruled printing): read as one line, chi_sim makes "0" of them.
                var inkLines = OcrCrop.TextLines(image, r).Count;
                var oneLine = r.Y1 - r.Y0 < 90 && inkLines < 2;
                requests.Add(r with { PageSegMode = oneLine ? PsmSingleLine : blockMode, Choices = inkLines < 2 });
            }
        }
        if (grid is not null) AddCells(grid, grid.Regions());
        // No table the rules draw (a grey-ruled form whose rules a black-and-white scan dropped, or a grid of a few cells
        // with print out of a page of it): the page is read as layout text, by where its print stands (UnruledPage).
        // The rules that were found — the frame, a few inner ones a scan kept — are whitened first, and part what they
        // stand between; a table left with a few cells of many lines each has pieces of print many times its cells.
        // Not a page of a few cells a table continued onto (its last rows and 总分): that page's print is in its cells.
        // (A ruled page's print makes 1.5–2.6 pieces a cell on the tuning sets, a fax page that kept its frame 6–12.)
        // So is a page whose grid put most of its print in one cell: a table whose rules were dotted hairlines, turned
        // and blurred, kept its frame and the rules of one corner, and the rest of the form was one cell of 87 pieces
        // of print (on the tuning sets' other pages the fullest cell holds at most 47% of its page's pieces).
        {
            var bare = UnruledPage.WithoutRules(image, rulesAcross, rulesDown);
            if (UnruledPage.Pieces(bare, PsmSingleLine, rulesDown) is { Count: >= MinUnruledPieces } pieces &&
                (cells.Count < MaxUnruledCells && pieces.Count >= UnruledPiecesACell * cells.Count ||
                 FullestCellShare(pieces, cells.Select(c => c.Box)) >= OneCellShare))
                return ReadUnruled(doc, page, bare, engine, pieces, block, diagnostics, deadline, clock);
        }
        var read = requests.Count == 0 ? [] : engine.ReadAll(image, requests, deadline);
        var texts = read.Select(t => t with { Text = Compact(t.Text) }).ToList();

        // Nothing read from ink: chi_sim returns nothing at all for some clean lines at one size ("受众满意度" at 38 px, a
        // clean crop) and reads them at three quarters of it. A cell read so is read again at that size (and where that
        // reads nothing either, at 1.25: 3 more fields right on the tuning half, 8 on pchk2); a reading the
        // engine is sure of (not dust's, nor a rule's remains read as 一) replaces the nothing. A figure read so under a
        // figure header is the digits' model's to read (below).
        var figuresAtSmallerSize = new HashSet<int>();
        foreach (var size in OtherSizes)
        {
            var nothing = cells.Where(c => texts[c.Request].Text.Length == 0 && requests[c.Request].Whitelist is null).ToList();
            if (nothing.Count == 0) break;
            var again = engine.ReadAll(image, [.. nothing.Select(c => requests[c.Request] with { Scale = size })], deadline);
            for (var k = 0; k < nothing.Count; k++)
                if (Compact(again[k].Text) is { Length: > 0 } text && again[k].Confidence >= SureOfNothing && !text.All(IsBarLike) &&
                    text.Any(ch => char.IsAsciiDigit(ch) || char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.OtherLetter))
                {
                    texts[nothing[k].Request] = again[k] with { Text = text };
                    if (!HasIdeograph(text)) figuresAtSmallerSize.Add(nothing[k].Request);
                }
        }

        // Text the engine was unsure of: at another size the same crop often reads surer and right ("对优镍营商环境" at 0.6,
        // "对优化营商环境" at 0.9; chi_sim's sense of a size is uneven, above). A cell of ideographs read at under 0.8 is
        // read again at three quarters of its size, and the reading the engine is surer of (by 0.05) is kept (words read
        // as garbage may come back as the "100%" they were; a figure so under a figure header, as above, is the digits'
        // model's to read: a 分值's "本" read "4" had beaten that model's "19"). A cell read surely is left alone: where
        // both readings are sure, the one at the size the rest of the page was read at is as good.
        var unsure = cells.Where(c => texts[c.Request] is { Text.Length: > 0, Confidence: < UnsureText } t && requests[c.Request].Whitelist is null &&
                                      HasIdeograph(t.Text)).ToList();
        if (unsure.Count > 0)
        {
            var again = engine.ReadAll(image, [.. unsure.Select(c => requests[c.Request] with { Scale = SmallerSize })], deadline);
            for (var k = 0; k < unsure.Count; k++)
                if (Compact(again[k].Text) is { Length: > 0 } text && again[k].Confidence > texts[unsure[k].Request].Confidence + 0.05)
                {
                    texts[unsure[k].Request] = again[k] with { Text = text };
                    if (!HasIdeograph(text)) figuresAtSmallerSize.Add(unsure[k].Request);
                }
        }

        // Lines the engine lost: two lines set close in a cell (3 px apart) are one text line to its layout analysis,
        // and only the upper is recognised ("按计划节" of 按计划节点完成, "工作人员" of 工作人员满意度). Where a cell's ink holds
        // more lines than its reading — one more, of two or three lines of a height, the reading itself sure — the last
        // is read on its own, as a line and, where that gives nothing, as a raw line (chi_sim made nothing of a clean
        // 满意度 as a line, 满意度 as a raw one). A line read unsure, as no character, or as what the cell already says
        // (a line whose characters' halves are two runs of ink) is left out. A tall cell of many lines, or one read
        // unsure (a title's garbage), is not read line by line: its lines added only garbage rows.
        var fewerLines = cells.Where(c => requests[c.Request].PageSegMode != PsmSingleLine)
            .Select(c => (Cell: c, Lines: OcrCrop.TextLines(image, requests[c.Request]), Read: LinesOf(texts[c.Request].Text)))
            .Where(x => x.Read >= 1 && x.Read == x.Lines.Count - 1 && x.Lines.Count <= 3 && texts[x.Cell.Request].Confidence >= 0.6 &&
                        x.Lines.Min(l => l.Bottom - l.Top) * 5 >= x.Lines.Max(l => l.Bottom - l.Top) * 3).ToList();
        if (fewerLines.Count > 0)
        {
            var lineRequests = fewerLines.SelectMany(x => x.Lines.Skip(x.Read).Select(line => requests[x.Cell.Request] with
            {
                Y0 = Math.Max(requests[x.Cell.Request].Y0, line.Top - 6), Y1 = Math.Min(requests[x.Cell.Request].Y1, line.Bottom + 7),
                PageSegMode = PsmSingleLine, Choices = false,
            })).ToList();
            var lines = engine.ReadAll(image, lineRequests, deadline).ToList();
            var empty = Enumerable.Range(0, lines.Count).Where(k => Compact(lines[k].Text).Length == 0).ToList();
            if (empty.Count > 0)
            {
                var raw = engine.ReadAll(image, [.. empty.Select(k => lineRequests[k] with { PageSegMode = PsmRawLine })], deadline);
                for (var j = 0; j < empty.Count; j++) lines[empty[j]] = raw[j];
            }
            var at = 0;
            foreach (var (cell, inked, readLines) in fewerLines)
            {
                var added = lines.Skip(at).Take(inked.Count - readLines).Select(l => l with { Text = Compact(l.Text) })
                    .Where(l => l.Confidence >= SureOfNothing && !NoSpace(texts[cell.Request].Text).Contains(NoSpace(l.Text)) &&
                                l.Text.Any(ch => char.IsAsciiDigit(ch) || char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.OtherLetter)).ToList();
                at += inked.Count - readLines;
                if (added.Count == 0) continue;
                var first = texts[cell.Request];
                texts[cell.Request] = first with
                {
                    Text = string.Join("\n", added.Select(l => l.Text).Prepend(first.Text)),
                    Confidence = Math.Min(first.Confidence, added.Min(l => l.Confidence)),
                };
            }
        }

        // Lines the engine made up: a tall cell of one line of ink (a row a neighbour's wrapped note made tall), read as a
        // block, came back with a line more, "2" over 完善 — a rule's remains read as a digit. Its one line is read again
        // as a line; where that reading is one of the first's lines, the cell is that line alone. A reading that agrees
        // with none of them (two lines set too close for the ink to part) leaves the cell as first read.
        var moreLines = cells.Where(c => requests[c.Request].PageSegMode != PsmSingleLine && LinesOf(texts[c.Request].Text) >= 2)
            .Select(c => (Cell: c, Lines: OcrCrop.TextLines(image, requests[c.Request]))).Where(x => x.Lines.Count == 1).ToList();
        if (moreLines.Count > 0)
        {
            var again = engine.ReadAll(image, [.. moreLines.Select(x => requests[x.Cell.Request] with
            {
                Y0 = Math.Max(requests[x.Cell.Request].Y0, x.Lines[0].Top - 6), Y1 = Math.Min(requests[x.Cell.Request].Y1, x.Lines[0].Bottom + 7),
                PageSegMode = PsmSingleLine, Choices = true,
            })], deadline);
            for (var k = 0; k < moreLines.Count; k++)
            {
                var index = moreLines[k].Cell.Request;
                var line = again[k] with { Text = Compact(again[k].Text) };
                if (line.Text.Length > 0 && texts[index].Text.Split('\n').Any(l => NoSpace(l) == NoSpace(line.Text))) texts[index] = line;
            }
        }

        // The 项目资金 label's unit, "(元)" or "(万元)", is what chi_sim reads worst on these pages ("(7C)", "寺)", "(Z)",
        // "CC)"): in a block of lines it takes the bracketed line for Latin. Its last line is read again on its own as
        // one line ("(元)"), and where that gives no unit, the characters between the brackets alone as one word (a
        // clean "(元)" read as a line came out "(70)", its 元 alone as 元). Only a unit of the template is taken; the
        // cell is then the first reading's other lines and the unit, warned as read so.
        var units = cells.Select(c => (Cell: c, Lines: UnitUnread(texts[c.Request].Text) ? OcrCrop.TextLines(image, requests[c.Request]) : []))
            .Where(u => u.Lines.Count >= 2).ToList();
        if (units.Count > 0)
        {
            // Each cell's last line, across the cell's width, as one line.
            var lastLines = units.Select(u => requests[u.Cell.Request] with
            {
                Y0 = Math.Max(requests[u.Cell.Request].Y0, u.Lines[^1].Top - 6), Y1 = Math.Min(requests[u.Cell.Request].Y1, u.Lines[^1].Bottom + 7),
                PageSegMode = PsmSingleLine, Choices = false,
            }).ToList();
            var lines = engine.ReadAll(image, lastLines, deadline).ToList();
            var unread = Enumerable.Range(0, units.Count).Where(k => UnitOf(lines[k].Text) is null)
                .Select(k => (k, Glyphs: OcrCrop.Glyphs(image, lastLines[k]))).Where(g => g.Glyphs.Count >= 3).ToList();
            var words = unread.Count == 0 ? [] : engine.ReadAll(image, [.. unread.Select(g =>
                lastLines[g.k] with { X0 = g.Glyphs[1].Left - 2, X1 = g.Glyphs[^2].Right + 3, PageSegMode = PsmSingleWord })], deadline);
            for (var j = 0; j < unread.Count; j++)
                if (UnitOf(words[j].Text) is not null) lines[unread[j].k] = words[j] with { Text = $"({Compact(words[j].Text)})" };
            for (var k = 0; k < units.Count; k++)
            {
                var ((_, box, index), _) = units[k];
                if (UnitOf(lines[k].Text) is not { } currency) continue;
                var unit = $"({currency})";
                var first = texts[index].Text.Split('\n');
                var text = string.Join("\n", first.Length > 1 ? first[..^1].Append(unit) : [texts[index].Text, unit]);
                diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrUnitReread,
                    $"单元格 {Where(box)} 先识别为“{texts[index].Text.Replace('\n', ' ')}”，金额单位未能识别；其最后一行单独重新识别为“{Compact(lines[k].Text)}”，读作单位“{currency}”，请对照扫描件核对",
                    Ref(doc, page, box, text, lines[k].Confidence)));
                texts[index] = texts[index] with { Text = text, Alternatives = [] };
            }
        }

        // Rows whose rule between them no search found (a fax's dotted hairline): a row's figure cells each hold its
        // rows' figures one over the other. The row is cut between them and the cells it makes are read (StackedRows).
        if (grid is not null)
        {
            var textByRegion = cells.ToDictionary(c => c.Region, c => texts[c.Request].Text);
            var crops = cells.ToDictionary(c => c.Region, c => requests[c.Request]);
            var cuts = StackedRows.Cuts(image, grid, textByRegion, FigureColumns.Find(grid, textByRegion, ocr.Templates), crops);
            // A cell that spans rows only because its column's rule pieces were lost is cut along the rows too.
            var spanned = StackedRows.SpannedCuts(image, grid, textByRegion);
            if (cuts.Count + spanned.Count > 0 &&
                GridLayout.Build([.. across, .. cuts.Select(c => c.Cut), .. spanned.Select(c => c.Cut)], rulesDown, snap: 8, InkAlong, minColumn: MinColumn) is { } parted)
            {
                foreach (var region in spanned.Select(c => c.Region).Distinct())
                {
                    var box = grid.BoxOf(region, BoxUnits.Pixels);
                    var (top, _, bottom, _) = grid.Extent(region);
                    var figures = textByRegion[region].Replace('\n', '／');
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrRowsSplit,
                        $"单元格 {Where(box)} 跨 {bottom - top + 1} 行，每行各有一个数字（“{figures}”）：该列行间的表格线没有找到，已按各行分开识别",
                        Ref(doc, page, box, textByRegion[region].Replace('\n', ' '), 1)));
                }
                foreach (var row in cuts.Select(c => c.Row).Distinct())
                {
                    var rowBox = new Box(grid.Xs[0], grid.Ys[row], grid.Xs[^1], grid.Ys[row + 1], BoxUnits.Pixels);
                    var parts = cuts.Where(c => c.Row == row).Select(c => c.Cut.At).Distinct().Count() + 1;
                    var sample = cells.Where(c => grid.Extent(c.Region).Top == row && grid.Extent(c.Region).Bottom == row)
                        .Select(c => texts[c.Request].Text).FirstOrDefault(t => t.Split('\n').Length == parts) ?? "";
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrRowsSplit,
                        $"表格区域 {Where(rowBox)} 的数字单元格各有 {parts} 行数字（如“{sample.Replace('\n', '／')}”）：行间的表格线没有找到，已分成 {parts} 行识别",
                        Ref(doc, page, rowBox, sample.Replace('\n', ' '), 1)));
                }
                // Cells the cuts left as they were keep their reading; the ones they made are read.
                var before = cells.ToList();
                cells.Clear();
                var made = new List<int>();
                foreach (var region in parted.Regions())
                {
                    var box = parted.BoxOf(region, BoxUnits.Pixels);
                    var same = before.FindIndex(c => SameBox(c.Box, box));
                    if (same >= 0) cells.Add((region, box, before[same].Request));
                    else made.Add(region);
                }
                grid = parted;
                var first = requests.Count;
                AddCells(grid, made);
                if (requests.Count > first)
                    texts.AddRange(engine.ReadAll(image, requests[first..], deadline).Select(t => t with { Text = Compact(t.Text) }));
            }
        }

        // A 分值 | 得分 pair no rule was found between (a faint or broken line) reads as one figure, "1010": the boundary
        // the header row shows is drawn through it and each half is read on its own.
        if (grid is not null &&
            FigureColumns.JoinedPairs(grid, cells.ToDictionary(c => c.Region, c => texts[c.Request].Text), ocr.Templates) is { Count: > 0 } joined)
        {
            var areas = joined.Select(j => grid.Extent(j.Region)).ToList();
            foreach (var (region, _) in joined)
            {
                var box = grid.BoxOf(region, BoxUnits.Pixels);
                var merged = texts[cells.First(c => c.Region == region).Request];
                diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrCellSplit,
                    $"单元格 {Where(box)} 跨两个数字列，识别为“{merged.Text}”：两格之间的表格线没有找到，按表头的列分开识别", Ref(doc, page, box, merged.Text, merged.Confidence)));
            }
            foreach (var ((_, column), area) in joined.Zip(areas)) grid = grid.WithBoundary(column, area.Top, area.Bottom);
            cells.RemoveAll(c => joined.Any(j => j.Region == c.Region));
            var first = requests.Count;
            var split = grid.Regions().Where(r => grid.Extent(r) is var e &&
                areas.Any(a => e.Top >= a.Top && e.Bottom <= a.Bottom && e.Left >= a.Left && e.Right <= a.Right)).ToList();
            AddCells(grid, split);
            if (requests.Count > first)
                texts.AddRange(engine.ReadAll(image, requests[first..], deadline).Select(t => t with { Text = Compact(t.Text) }));
        }

        // A yes-or-no value (是否为经常性项目's 是 or 否) read as another character ("售" for 否) is read again among those
        // two alone; left as it was otherwise, and never read as a figure (the digits' model made "4" of that 否).
        var yesOrNo = grid is null ? [] : FigureColumns.YesOrNo(grid, cells.ToDictionary(c => c.Region, c => texts[c.Request].Text), ocr.Templates);
        var choices = cells.Where(c => yesOrNo.Contains(c.Region) && texts[c.Request].Text is not ("是" or "否")).ToList();
        if (choices.Count > 0)
        {
            var again = engine.ReadAll(image, [.. choices.Select(c => requests[c.Request] with { PageSegMode = PsmSingleLine, Whitelist = "是否", Choices = false })], deadline).ToList();
            // (A glyph the line's model reads as nothing among the two is read again as one character.)
            var blank = Enumerable.Range(0, choices.Count).Where(k => Compact(again[k].Text).Length == 0).ToList();
            if (blank.Count > 0)
            {
                var single = engine.ReadAll(image, [.. blank.Select(k => requests[choices[k].Request] with { PageSegMode = PsmSingleCharacter, Whitelist = "是否", Choices = false })], deadline);
                for (var j = 0; j < blank.Count; j++) again[blank[j]] = single[j];
            }
            for (var k = 0; k < choices.Count; k++)
            {
                var (_, box, index) = choices[k];
                if (Compact(again[k].Text) is not ("是" or "否") || again[k].Confidence < SureOfNothing) continue;
                diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrChoiceReread,
                    $"单元格 {Where(box)} 先识别为“{texts[index].Text}”（置信度 {texts[index].Confidence:F2}），只在“是”“否”中重新识别为“{Compact(again[k].Text)}”（{again[k].Confidence:F2}）",
                    Ref(doc, page, box, Compact(again[k].Text), again[k].Confidence)));
                texts[index] = again[k] with { Text = Compact(again[k].Text), Alternatives = [] };
            }
        }
        var choiceRequests = choices.Select(c => c.Request).ToHashSet();

        // Figures read again, digits only, by the English model.
        // The header says which columns hold figures; their cells are read as figures whatever chi_sim saw in them.
        var typed = grid is null ? [] : FigureColumns.Find(grid, cells.ToDictionary(c => c.Region, c => texts[c.Request].Text), ocr.Templates);
        // A page the table runs on to prints no header: its columns are the last page's where its rules stand as they did.
        var columns = grid is null ? null : FigureColumns.Columns(grid, typed);
        if (grid is not null && typed.Count == 0 && columnsAbove is not null)
        {
            typed = FigureColumns.Continued(grid, columnsAbove);
            if (typed.Count > 0)
            {
                columns = columnsAbove;
                log.Debug("Page {Page} of {SourcePath}: no figure header; {Count} cells under the last page's figure columns", page, doc.Path, typed.Count);
            }
        }
        // Nor where they stood: a column of plain figures is one in its other cells too.
        if (grid is not null && typed.Count == 0 && columnsAbove is not null)
            typed = FigureColumns.ByContent(grid, cells.ToDictionary(c => c.Region, c => texts[c.Request].Text));
        // A figure chi_sim read at the smaller size (above) in a figure column is as unsure as can be: any figure the digits'
        // model reads below is taken over it, and where that model reads none it stands, warned as unsure. In a column of
        // words (a target's "100%") it is a reading like the first.
        foreach (var (region, _, index) in cells)
            if (figuresAtSmallerSize.Contains(index) && typed.ContainsKey(region)) texts[index] = texts[index] with { Confidence = 0 };
        // A figure column's dash ("—" where a line has no figure) is what chi_sim reads as 一: a placeholder, not a digit.
        // So is a cell whose ink is one short bar, whatever chi_sim made of it (read "2", "4" or "7" by the digits' model).
        foreach (var (region, _, index) in cells)
            if (typed.ContainsKey(region) && (texts[index].Text is "一" or "—" or "-" or "_" or "ー" || InkIsOneBar(image, requests[index])))
                texts[index] = texts[index] with { Text = "—" };
        // A target's or an actual's % read as an ideograph ("100鸭", "=100多", ">=95中") is read again too; only a
        // reading that ends in % replaces it (eng has no 人 or 次: a unit misread stays as chi_sim read it). A figure
        // column's cells are read as figures whatever they hold (above).
        var unitStarts = ocr.Templates.SelectMany(t => t.Model.Units).Where(u => u.Length > 0).Select(u => u[0]).ToHashSet();
        var percents = cells.Where(c => !typed.ContainsKey(c.Region) && PercentMisread(texts[c.Request].Text, unitStarts)).Select(c => c.Request).ToHashSet();
        // Figures both models read alike: a third reading from a despeckled crop (below) only adds to them.
        var agreed = new HashSet<int>();
        var rereads = cells.Where(c => !NumberParser.IsPlaceholder(texts[c.Request].Text) && !choiceRequests.Contains(c.Request) &&
            (NeedsFigureReread(texts[c.Request].Text) || percents.Contains(c.Request) || typed.ContainsKey(c.Region) && !SureWords(texts[c.Request]))).ToList();
        if (rereads.Count > 0)
        {
            var figures = ocr.EngineFor(FigureLanguage);
            // A figure wrapped in a narrow column ("77.12" over "%") is read as the block of lines it is: read as one
            // line, the digits' model made nothing of it, and chi_sim "FA也" of its first line.
            var wrapped = rereads.Select(c => requests[c.Request].PageSegMode != PsmSingleLine &&
                                              OcrCrop.TextLines(image, requests[c.Request]).Count is 2 or 3).ToList();
            var again = figures.ReadAll(image, [.. rereads.Select((c, k) => requests[c.Request] with
                { PageSegMode = wrapped[k] ? PsmBlock : PsmSingleLine, Whitelist = FigureCharacters, Choices = true })], deadline);
            for (var k = 0; k < rereads.Count; k++)
            {
                var (_, box, index) = rereads[k];
                var (first, digits) = (texts[index], again[k] with { Text = SignKept(texts[index].Text, Compact(again[k].Text)) });
                // Lines that are each a figure are not one figure wrapped but two stacked: a row's rule not found, its
                // "12" over the next row's "6" (joined, a 126 and a 43 with no warning). Such a reading is no reading.
                if (wrapped[k] && digits.Text.Split('\n') is { Length: > 1 } parts)
                    digits = digits with { Text = parts.All(LooksLikeFigure) ? "" : LooksLikeFigure(digits.Text) ? NoSpace(digits.Text) : digits.Text };
                if (digits.Text == first.Text && LooksLikeFigure(first.Text)) agreed.Add(index);
                if (LooksLikeFigure(digits.Text) && (digits.Confidence >= first.Confidence || !LooksLikeFigure(first.Text)) && digits.Text != first.Text &&
                    (!percents.Contains(index) || digits.Text.EndsWith('%')) &&
                    (first.Text.Length > 0 || digits.Confidence >= SureOfNothing))
                {
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrFigureReread,
                        $"单元格 {Where(box)} 中的数字先识别为“{first.Text}”（置信度 {first.Confidence:F2}），以仅数字模式重新识别为“{digits.Text}”（{digits.Confidence:F2}）",
                        Ref(doc, page, box, digits.Text, digits.Confidence)));
                    texts[index] = digits;
                }
                // Both engines' alternatives that are figures, and the other engine's reading, remain candidates.
                var kept = texts[index].Text;
                texts[index] = texts[index] with
                {
                    Alternatives = [.. digits.Alternatives.Concat(first.Alternatives).Append(digits.Text).Append(first.Text)
                        .Where(a => a != kept && LooksLikeFigure(a)).Distinct().Take(6)],
                };
            }
        }
        // Figures still unread or very unsure: once more from a despeckled crop (dust beside a "15" made it "1" and
        // "屿"), as a line and then as a raw line (no layout analysis), digits only; the surer figure reading is kept.
        // Not the first reread: the median filter can take a decimal point with the dust. Last, from the crop made
        // black and white at 200: a thin grey "5" alone in its cell, clean to the eye, came out of every reading
        // above as nothing or "D" — the engine's own threshold lost its strokes. (Three quarters of the size as a last
        // try, as for words above, was measured and dropped: it made a "4740" of a 97.3 where nothing had been read.)
        foreach (var (mode, threshold) in FallbackModes)
        {
            var stubborn = rereads.Where(c => !LooksLikeFigure(texts[c.Request].Text) || texts[c.Request].Confidence < 0.5).ToList();
            if (stubborn.Count == 0) break;
            var figures = ocr.EngineFor(FigureLanguage);
            var again = figures.ReadAll(image, [.. stubborn.Select(c => requests[c.Request] with { PageSegMode = mode, Whitelist = FigureCharacters, Despeckle = true, Threshold = threshold })], deadline);
            for (var k = 0; k < stubborn.Count; k++)
            {
                var (_, box, index) = stubborn[k];
                var (before, digits) = (texts[index], again[k] with { Text = SignKept(texts[index].Text, Compact(again[k].Text)) });
                // A figure both models read alike is only added to: the despeckled crop may show a faint stroke they both
                // missed ("3" of a "13" whose 1 was thin), not take away what they both saw (it read a ">=80%" both had
                // read, chi_sim unsure, as "80%", a "92.5%" as "925%", a "5" as "3"). A mark at either end both read is
                // no character of a figure: "1,478,591.85," read so is "1,478,591.85".
                if (!LooksLikeFigure(digits.Text) || digits.Text == before.Text || LooksLikeFigure(before.Text) && digits.Confidence <= before.Confidence ||
                    percents.Contains(index) && !digits.Text.EndsWith('%') ||
                    before.Text.Length == 0 && digits.Confidence < SureOfNothing ||
                    agreed.Contains(index) && !Keeps(digits.Text, before.Text.Trim('.', ',', ':', '\'', '`'))) continue;
                diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrFigureReread,
                    $"单元格 {Where(box)} 中的数字先识别为“{before.Text}”（置信度 {before.Confidence:F2}），以仅数字模式（{mode}）重新识别为“{digits.Text}”（{digits.Confidence:F2}）",
                    Ref(doc, page, box, digits.Text, digits.Confidence)));
                texts[index] = digits with { Alternatives = [.. before.Alternatives.Append(before.Text).Where(a => a != digits.Text).Distinct()] };
            }
        }
        // A "%" the engine read as "9%", in the reading each cell ends with (PercentMarks).
        for (var i = 0; i < texts.Count; i++)
            if (!texts[i].PercentNines.IsDefaultOrEmpty) texts[i] = texts[i] with { Text = PercentMarks.Restore(texts[i].Text, texts[i].PercentNines) };
        ReadDigitsByShape(doc, page, image, cells, requests, texts, diagnostics);
        foreach (var (_, _, index) in cells)
            // Alternatives are kept for figures only: the form's relations can choose among figures, not among words.
            if (!LooksLikeFigure(texts[index].Text) || texts[index].Alternatives.IsDefaultOrEmpty)
                texts[index] = texts[index] with { Alternatives = [] };
            else
                texts[index] = texts[index] with { Alternatives = [.. texts[index].Alternatives.Where(LooksLikeFigure)] };
        foreach (var (region, box, index) in cells)
            if (typed.TryGetValue(region, out var header) && texts[index].Text is { Length: > 0 } text && !LooksLikeFigure(text) &&
                !NumberParser.IsPlaceholder(text) && !SureWords(texts[index]))
                diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrLowConfidence,
                    $"单元格 {Where(box)} 在“{header}”列中，应为数字，却识别为“{text}”，请对照扫描件核对",
                    Ref(doc, page, box, text, texts[index].Confidence)));
        foreach (var (_, box, index) in cells)
            if (LooksLikeFigure(texts[index].Text) && texts[index].Confidence < FigureWarnBelow)
                diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrLowConfidence,
                    $"单元格 {Where(box)} 中的数字“{texts[index].Text}”识别置信度仅 {texts[index].Confidence:F2}，请对照扫描件核对",
                    Ref(doc, page, box, texts[index].Text, texts[index].Confidence)));

        var rows = new List<(double, RawRow)>();
        if (above) rows.AddRange(LinesAbove(doc, page, image.Width, tableTop, texts[0], block + 1));
        if (grid is not null)
        {
            var byRegion = cells.ToDictionary(c => c.Region, c => texts[c.Request]);
            rows.AddRange(grid.ToRows(doc, page, block, BoxUnits.Pixels,
                region => byRegion.TryGetValue(region, out var t) && t.Text.Length > 0 ? (t.Text, t.Confidence, t.Alternatives) : ("", null, [])));
        }
        var confident = cells.Select(c => texts[c.Request]).Where(t => t.Text.Length > 0).Select(t => t.Confidence).ToList();
        log.Information("OCR of {SourcePath} page {Page}: {Cells} cells in {ElapsedMs} ms, mean confidence {MeanConfidence:F2}, mode {Mode}{Engine}",
            doc.Path, page, confident.Count, clock.ElapsedMilliseconds, confident.DefaultIfEmpty(0).Average(), blockMode, ocr.UsesCli ? " (tesseract CLI)" : "");
        return new PageReading([.. rows.OrderBy(r => r.Item1)], columns);
    }

    /// <summary>A page of this many cells with print or more is a ruled table's, read cell by cell: a form's page has some forty or more.</summary>
    private const int MaxUnruledCells = 40;

    /// <summary>
    /// The page's figures read again by the shapes of its own digits (<see cref="DigitShapes"/>): the digits of the
    /// figures read surely (≥ <see cref="FigureWarnBelow"/>) are the page's samples; a digit of any figure whose shape is
    /// far nearer another digit's samples than its own is read as that digit, warned, the first reading kept as an
    /// alternative. The crops are the engine's (rules and specks erased, small print enlarged), at their first size.
    /// </summary>
    private static void ReadDigitsByShape(SourceDocument doc, int page, GrayImage image, List<(int Region, Box Box, int Request)> cells,
        List<OcrRequest> requests, List<OcrText> texts, List<Diagnostic> diagnostics)
    {
        var glyphs = new List<(Box Box, int Index, List<DigitShapes.Glyph> Glyphs)>();
        foreach (var (_, box, index) in cells)
            if (LooksLikeFigure(texts[index].Text) &&
                DigitShapes.Of(OcrCrop.Cleaned(image, requests[index] with { Despeckle = false, Threshold = null, Scale = null }, out _), texts[index].Text) is { } g)
                glyphs.Add((box, index, g));
        var shapes = new DigitShapes.Page();
        foreach (var (_, index, g) in glyphs)
            if (texts[index].Confidence >= FigureWarnBelow) shapes.Learn(index, g);
        foreach (var (box, index, g) in glyphs)
        {
            var before = texts[index];
            if (shapes.Judge(index, g, before.Text) is var judged && judged == before.Text) continue;
            diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrDigitShape,
                $"单元格 {Where(box)} 中的数字识别为“{before.Text}”（置信度 {before.Confidence:F2}），其中的数字字形与本页其他数字比对，应为“{judged}”，已改读，请对照扫描件核对",
                Ref(doc, page, box, judged, before.Confidence)));
            texts[index] = before with { Text = judged, Alternatives = [.. before.Alternatives.Prepend(before.Text).Where(a => a != judged).Distinct()] };
        }
    }

    /// <summary>Pieces of print a cell a page has at least to be read as layout text (see where it is used).</summary>
    private const int UnruledPiecesACell = 4;

    /// <summary>The share of a page's pieces of print in one cell that makes the page's grid no table (see where it is used).</summary>
    private const double OneCellShare = 0.6;

    /// <summary>The largest share of <paramref name="pieces"/> whose middles lie in one of the boxes.</summary>
    private static double FullestCellShare(List<OcrRequest> pieces, IEnumerable<Box> cells)
    {
        var most = 0;
        foreach (var cell in cells)
            most = Math.Max(most, pieces.Count(p => (p.X0 + p.X1) / 2.0 is var x && x >= cell.X0 && x < cell.X1 &&
                                                     (p.Y0 + p.Y1) / 2.0 is var y && y >= cell.Y0 && y < cell.Y1));
        return pieces.Count == 0 ? 0 : (double)most / pieces.Count;
    }

    /// <summary>Pieces of print (<see cref="UnruledPage.Pieces"/>) a page read without rules holds at least: a form's, a hundred.</summary>
    private const int MinUnruledPieces = 30;

    /// <summary>
    /// A page read as layout text (<see cref="UnruledPage"/>): each piece of print read by chi_sim as a line, one that is
    /// mostly figure characters read again by the digits' model as in a cell, and a figure read unsure warned.
    /// </summary>
    private PageReading ReadUnruled(SourceDocument doc, int page, GrayImage image, IOcrEngine engine, List<OcrRequest> pieces, int block,
        List<Diagnostic> diagnostics, OcrDeadline deadline, System.Diagnostics.Stopwatch clock)
    {
        var texts = (pieces.Count == 0 ? [] : engine.ReadAll(image, pieces, deadline))
            .Select(t => t with { Text = RuleDots().Replace(FigureJoined(Compact(t.Text)), "") }).ToList();
        var rereads = Enumerable.Range(0, pieces.Count).Where(i => NeedsFigureReread(texts[i].Text)).ToList();
        if (rereads.Count > 0)
        {
            var again = ocr.EngineFor(FigureLanguage).ReadAll(image,
                [.. rereads.Select(i => pieces[i] with { Whitelist = FigureCharacters, Choices = false })], deadline);
            for (var k = 0; k < rereads.Count; k++)
            {
                var (i, digits) = (rereads[k], again[k] with { Text = SignKept(texts[rereads[k]].Text, FigureJoined(Compact(again[k].Text))) });
                if (!LooksLikeFigure(digits.Text) || digits.Text == texts[i].Text ||
                    LooksLikeFigure(texts[i].Text) && digits.Confidence < texts[i].Confidence) continue;
                var box = new Box(pieces[i].X0, pieces[i].Y0, pieces[i].X1, pieces[i].Y1, BoxUnits.Pixels);
                diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrFigureReread,
                    $"单元格 {Where(box)} 中的数字先识别为“{texts[i].Text}”（置信度 {texts[i].Confidence:F2}），以仅数字模式重新识别为“{digits.Text}”（{digits.Confidence:F2}）",
                    Ref(doc, page, box, digits.Text, digits.Confidence)));
                texts[i] = digits;
            }
        }
        for (var i = 0; i < texts.Count; i++)
            if (!texts[i].PercentNines.IsDefaultOrEmpty) texts[i] = texts[i] with { Text = PercentMarks.Restore(texts[i].Text, texts[i].PercentNines) };
        for (var i = 0; i < pieces.Count; i++)
        {
            if (!LooksLikeFigure(texts[i].Text) || texts[i].Confidence >= FigureWarnBelow) continue;
            var box = new Box(pieces[i].X0, pieces[i].Y0, pieces[i].X1, pieces[i].Y1, BoxUnits.Pixels);
            diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrLowConfidence,
                $"单元格 {Where(box)} 中的数字“{texts[i].Text}”识别置信度仅 {texts[i].Confidence:F2}，请对照扫描件核对",
                Ref(doc, page, box, texts[i].Text, texts[i].Confidence)));
        }
        var rows = UnruledPage.Rows(doc, page, pieces, texts, block);
        // Every line of figures is warned: no rule says which cell a figure is, only where it stands — a line's
        // warning stands on its line, where each figure read from it points.
        foreach (var (_, row) in rows.Where(r => r.Row.Cells.Any(c => c.Text.Any(char.IsAsciiDigit))))
        {
            var boxes = row.Cells.Select(c => c.Source.Box!).ToList();
            var box = new Box(boxes.Min(b => b.X0), boxes.Min(b => b.Y0), boxes.Max(b => b.X1), boxes.Max(b => b.Y1), BoxUnits.Pixels);
            var text = string.Join(" ", row.Cells.Select(c => c.Text));
            diagnostics.Add(new Diagnostic(DiagnosticCodes.OcrPageUnruled,
                $"第 {page} 页没有找到表格线：{Where(box)} 处的一行“{text}”按文字在页面上的位置读入表格的行与列，请对照扫描件核对其中的数字",
                new SourceRef(doc.Path, doc.Sha256, page, row.Cells[0].Source.Line, null, null, box, text, null)));
        }
        log.Information("OCR of {SourcePath} page {Page}: no ruled table; {Pieces} pieces of print read as layout text in {ElapsedMs} ms",
            doc.Path, page, pieces.Count, clock.ElapsedMilliseconds);
        return new PageReading(rows, null);
    }

    /// <summary>The cell's inside, clear of its rules; null for a sliver or a blank cell.</summary>
    private static OcrRequest? Inner(GrayImage image, Box box)
    {
        const int inset = 4;
        var (x0, y0) = ((int)box.X0 + inset, (int)box.Y0 + inset);
        var (x1, y1) = (Math.Min(image.Width, (int)box.X1 - inset), Math.Min(image.Height, (int)box.Y1 - inset));
        // Blank unless it holds ink: a share of the cell, or enough for one character — a lone 优 in a wide cell is
        // well under 0.2% of it.
        if (x1 - x0 < 8 || y1 - y0 < 8) return null;
        // What is left of a rule inside the inset (a thick or slanted rule) is not the cell's ink: a line of pixels at
        // the crop's edge that is mostly dark is cut off, up to eight from each side, before the ink is weighed.
        for (var k = 0; k < 8 && y1 - y0 > 8 && DarkFraction(image, x0, y0, x1, y0 + 1) > 0.5; k++) y0++;
        for (var k = 0; k < 8 && y1 - y0 > 8 && DarkFraction(image, x0, y1 - 1, x1, y1) > 0.5; k++) y1--;
        for (var k = 0; k < 8 && x1 - x0 > 8 && DarkFraction(image, x0, y0, x0 + 1, y1) > 0.5; k++) x0++;
        for (var k = 0; k < 8 && x1 - x0 > 8 && DarkFraction(image, x1 - 1, y0, x1, y1) > 0.5; k++) x1--;
        var dark = DarkFraction(image, x0, y0, x1, y1);
        if (dark < 0.002 && dark * (x1 - x0) * (y1 - y0) < OneCharacterInk && !HoldsGlyph(image, x0, y0, x1, y1)) return null;
        return new OcrRequest(x0, y0, x1, y1, PsmSingleLine);
    }

    /// <summary>
    /// Whether a cell's ink is one short horizontal bar — a dash, no digit: its dark pixels (specks of up to six left
    /// out) lie within 6 rows, over at least 12 columns and three times as wide as tall. A "1" is tall, a "一" in a
    /// text column is not asked.
    /// </summary>
    internal static bool InkIsOneBar(GrayImage image, OcrRequest r)
    {
        var (top, bottom, left, right, dark) = (int.MaxValue, -1, int.MaxValue, -1, 0);
        for (var y = r.Y0; y < r.Y1; y++)
            for (var x = r.X0; x < r.X1; x++)
            {
                if (image.Pixels[y * image.Width + x] >= 128 || Lonely(image, r, x, y)) continue;
                (top, bottom, left, right) = (Math.Min(top, y), Math.Max(bottom, y), Math.Min(left, x), Math.Max(right, x));
                dark++;
            }
        if (dark == 0) return false;
        var (tall, wide) = (bottom - top + 1, right - left + 1);
        return tall <= 6 && wide >= 12 && wide >= 3 * tall;
    }

    /// <summary>A dark pixel with at most six dark pixels within 3 px of it: a speck, not print.</summary>
    private static bool Lonely(GrayImage image, OcrRequest r, int x, int y)
    {
        var near = 0;
        for (var dy = -3; dy <= 3; dy++)
            for (var dx = -3; dx <= 3; dx++)
            {
                var (nx, ny) = (x + dx, y + dy);
                if (nx < r.X0 || ny < r.Y0 || nx >= r.X1 || ny >= r.Y1) continue;
                if (image.Pixels[ny * image.Width + nx] < 128) near++;
            }
        return near <= 6;
    }

    /// <summary>The least height of a character's stroke, pixels: a 9-point digit at 150 dpi is about 11 px tall.</summary>
    private const int GlyphHeight = 8;

    /// <summary>The least ink of a character, pixels: a thin "1" at 150 dpi.</summary>
    private const int GlyphInk = 20;

    /// <summary>
    /// Whether a region weighed blank by its ink still holds a character: one run of connected dark pixels as tall as
    /// a character, with a character's ink, and not a line. A "10" printed thin in a wide 分值 cell of two lines' height
    /// is 73 dark pixels, 0.16% of the cell, and was read as no figure; noise and dust are specks, not strokes that tall.
    /// </summary>
    internal static bool HoldsGlyph(GrayImage image, int x0, int y0, int x1, int y1)
    {
        var (w, h) = (x1 - x0, y1 - y0);
        if (w <= 0 || h <= 0) return false;
        var seen = new bool[w * h];
        var stack = new Stack<int>();
        var pixels = image.Pixels;
        for (var start = 0; start < seen.Length; start++)
        {
            if (seen[start] || pixels[(y0 + start / w) * image.Width + x0 + start % w] >= 128) continue;
            seen[start] = true;
            stack.Push(start);
            var (count, top, bottom, left, right) = (0, h, -1, w, -1);
            while (stack.Count > 0)
            {
                var at = stack.Pop();
                var (x, y) = (at % w, at / w);
                count++;
                (top, bottom, left, right) = (Math.Min(top, y), Math.Max(bottom, y), Math.Min(left, x), Math.Max(right, x));
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny) = (x + dx, y + dy);
                        if (nx < 0 || ny < 0 || nx >= w || ny >= h || seen[ny * w + nx]) continue;
                        if (pixels[(y0 + ny) * image.Width + x0 + nx] >= 128) continue;
                        seen[ny * w + nx] = true;
                        stack.Push(ny * w + nx);
                    }
            }
            var (tall, wide) = (bottom - top + 1, right - left + 1);
            // A stroke as tall as a character, not a rule's remnant along the cell (as tall as the cell, or as wide).
            if (count >= GlyphInk && tall >= GlyphHeight && tall < h * 0.9 && wide < w * 0.5) return true;
        }
        return false;
    }

    /// <summary>
    /// Words chi_sim is sure of (at 0.9, two ideographs or more, or a one-character word the form prints): a figure
    /// column's "无" or "不适用" is left as printed, not read again as digits.
    /// </summary>
    private static bool SureWords(OcrText read) =>
        read.Confidence >= 0.9 && (read.Text.Count(TextCleaner.IsCjk) >= 2 || read.Text.Length == 1 && OneCharacterWords.Contains(read.Text[0]));

    /// <summary>
    /// The digits-only reading with chi_sim's ≥ or ≤ kept. The English model has no ≥ or ≤: it reads "≥90%" as "290%",
    /// "=90%" or "&gt;90%", and its own sign is no reading of the one printed. Where chi_sim's reading begins with one,
    /// the digits' reading has that sign in place of its own ("≥909%" and "=90%": "≥90%"), and the 2 it makes of the
    /// sign is dropped where the rest is chi_sim's to the character, or where the figure's first digit after it is
    /// chi_sim's first after its sign (chi_sim's "≥909%6", the digits' "290%": "≥90%" — the 2 stands where chi_sim's
    /// sign does, and a figure 290% would have had chi_sim read its 2 as a sign and its 9 as the first digit).
    /// </summary>
    private static string SignKept(string first, string digits)
    {
        if (first.Length < 2 || first[0] is not ('≥' or '≤') || digits.Length == 0) return digits;
        if (digits.Length == first.Length && digits[0] == '2' && digits.AsSpan(1).SequenceEqual(first.AsSpan(1))) return first;
        if (digits.Length >= 2 && digits[0] == '2' && char.IsAsciiDigit(digits[1]) && digits[1] == first[1]) return first[0] + digits[1..];
        return digits[0] is '=' or '<' or '>' ? first[0] + digits.TrimStart('=', '<', '>') : digits;
    }

    /// <summary>A figure the Chinese model read (or garbled), or a lone character that is likely a misread digit.</summary>
    private static bool NeedsFigureReread(string text) => MostlyFigure(text) && !text.Any(TextCleaner.IsCjk) || LoneCharacter(text);

    private static IEnumerable<(double, RawRow)> LinesAbove(SourceDocument doc, int page, int width, int bottom, OcrText read, int block)
    {
        var lines = read.Text.Split('\n').Select(Compact).Where(l => l.Length > 0).ToList();
        var box = new Box(0, 0, width, bottom, BoxUnits.Pixels);
        for (var i = 0; i < lines.Count; i++)
            yield return (i, new RawRow([new RawCell(lines[i], Ref(doc, page, box, lines[i], read.Confidence) with { Col = 0 })], RowOrigin.Layout, null, block));
    }

    private static bool SameBox(Box a, Box b) =>
        Math.Abs(a.X0 - b.X0) < 0.5 && Math.Abs(a.Y0 - b.Y0) < 0.5 && Math.Abs(a.X1 - b.X1) < 0.5 && Math.Abs(a.Y1 - b.Y1) < 0.5;

    private static string Where(Box box) => $"[{box.X0:F0},{box.Y0:F0},{box.X1:F0},{box.Y1:F0}] px";

    private static SourceRef Ref(SourceDocument doc, int page, Box box, string text, double confidence) =>
        new(doc.Path, doc.Sha256, page, null, null, null, box, text, confidence);

    private static double DarkFraction(GrayImage image, int x0, int y0, int x1, int y1)
    {
        var dark = 0;
        var pixels = image.Pixels;
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
                if (pixels[y * image.Width + x] < 128) dark++;
        return (double)dark / Math.Max(1, (x1 - x0) * (y1 - y0));
    }

    /// <summary>
    /// Tesseract spaces Chinese characters apart; the cleaner joins them, here only line ends are kept. What is left
    /// of a cell's border at either end ("7/", "|98.5", a mark no cell text begins with) is not the cell's text.
    /// </summary>
    internal static string Compact(string text)
    {
        // A bar at a word's edge inside a line is a rule the grid did not find (a merged 项目名称 row read
        // "项目名称    |服务费(…)"), and so is one ending a line ("人员管理机制|" over "健全性"): no word of the form has one.
        var compact = string.Join("\n", text.Split('\n').Select(l => BarAtWordEdge().Replace(l, " ").Trim()).Where(l => l.Length > 0));
        var trimmed = compact.TrimStart(BorderMarks).TrimStart(NeverLeading).TrimEnd(BorderMarks).Trim();
        // chi_sim reads the 否 of 是否 — the word every 评分规则 and 指标解释 of the criteria template asks with — as 人否
        // on these pages (five tuning forms of three printings, 27 cells); "是人否" is no Chinese. So is the 否则 of a
        // rule's "…，否则不得分" read as 人否则 or 和否则 after its comma (eight cells of four tuning printings).
        var kept = trimmed.Length > 0 ? trimmed : compact;
        return OtherwiseMisread().Replace(WideBrackets(GreaterOrEqualMisread().Replace(kept, "≥")).Replace("是人否", "是否", StringComparison.Ordinal), "");
    }

    /// <summary>
    /// chi_sim reads a full-width （ as 〈 (no cell of the form has an angle bracket): the bracket printed was a wide
    /// one, and so was the ) closing it, which the engine reads as a narrow one — the pair printed as （…）.
    /// </summary>
    private static string WideBrackets(string text)
    {
        if (!text.Contains('〈')) return text;
        var chars = text.ToCharArray();
        var open = new Stack<int>();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '〈' or '（' or '(') { if (chars[i] == '〈') chars[i] = '（'; open.Push(chars[i] == '（' ? i : -1); }
            else if (chars[i] is ')' or '）' or '〉' && open.Count > 0 && open.Pop() >= 0) chars[i] = '）';
        }
        return new string(chars);
    }

    /// <summary>A bar (or a full-width one) with white space on one side, or at a line's end: at a word's edge.</summary>
    [GeneratedRegex(@"(?<=\s)[|｜]+|[|｜]+(?=\s)|^[|｜]+|[|｜]+$")]
    private static partial Regex BarAtWordEdge();

    /// <summary>
    /// chi_sim reads the form's ≥ before a target ("≥90%", "≥2000人次") as 之, 过, 二 or 三 (measured on the print
    /// shop's tuning scans: 24 of 26 misread ≥ were these); no cell of the form begins with one of them and a digit.
    /// </summary>
    [GeneratedRegex(@"^[之过二三](?=\s?[0-9])")]
    private static partial Regex GreaterOrEqualMisread();

    /// <summary>Marks no cell text begins with (a closing quote, a full stop): a speck or a border, read as one.</summary>
    private static readonly char[] NeverLeading = ['”', '’', '。', '，', '、', '；', '：'];

    private static readonly char[] BorderMarks = ['|', '/', '\\', '丨', '｜'];

    /// <summary>
    /// A figure whose % chi_sim read as an ideograph: a figure, then one ideograph that begins no unit of the template
    /// (<paramref name="unitStarts"/>: "=55人" is a figure with its unit, "100鸭" is not).
    /// </summary>
    private static bool PercentMisread(string text, HashSet<char> unitStarts)
    {
        var t = NoSpace(text);
        return t.Length >= 2 && TextCleaner.IsCjk(t[^1]) && !unitStarts.Contains(t[^1]) && !t.EndsWith("%", StringComparison.Ordinal) &&
               Figure().IsMatch(t[..^1]) && !t[..^1].EndsWith('%');
    }

    /// <summary>元 or 万元 where a line reads as nothing but the unit, its brackets or either of them lost; else null.</summary>
    private static string? UnitOf(string text) => UnitLine().Match(NoSpace(Compact(text))) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^[(（]?(万元|元)[)）]?$")]
    private static partial Regex UnitLine();

    private const int PsmSingleWord = 8;
    private const int PsmSingleCharacter = 10;
    private const int PsmRawLine = 13;

    private static int LinesOf(string text) => text.Split('\n').Count(l => l.Trim().Length > 0);

    /// <summary>
    /// A 项目资金 label whose unit was not read: the label's words begin it, a bracket or a second line follows, and no
    /// (元) or (万元) is in it.
    /// </summary>
    private static bool UnitUnread(string text)
    {
        var compact = NoSpace(text);
        return compact.Length is >= 5 and <= 12 && (compact.StartsWith("项目资", StringComparison.Ordinal) || compact.StartsWith("项目次", StringComparison.Ordinal)) &&
               (text.Contains('\n') || compact.AsSpan().IndexOfAny("()（）") >= 0) && FormPatterns.CurrencyIn(compact) is null;
    }

    /// <summary>A figure, also when the cell wraps it ("96.46" over "%").</summary>
    internal static bool LooksLikeFigure(string text) => text.Length > 0 && Figure().IsMatch(NoSpace(text));

    private static bool HasIdeograph(string text) => text.Any(ch => ch is >= '\u4E00' and <= '\u9FFF');

    /// <summary>A stroke a rule's remains read as: 一, a dash, a bar, an equals sign.</summary>
    private static bool IsBarLike(char c) => c is '一' or 'ー' or '—' or '－' or '-' or '_' or '=' or '|' or '丨' or '~';

    private static string NoSpace(string text) => text.Replace(" ", "").Replace("\n", "");

    /// <summary>Whether <paramref name="reading"/> has every character of <paramref name="read"/>, in its order.</summary>
    private static bool Keeps(string reading, string read)
    {
        var at = 0;
        foreach (var c in reading)
            if (at < read.Length && c == read[at]) at++;
        return at == read.Length;
    }

    /// <summary>Text mostly of figure characters ("99.219%6"): a figure the engine garbled.</summary>
    private static bool MostlyFigure(string text)
    {
        var compact = NoSpace(text);
        return compact.Length > 0 && compact.Any(char.IsDigit) && compact.Count(c => FigureCharacters.Contains(c)) >= compact.Length * 0.7;
    }

    /// <summary>One-character words a form prints in a cell; any other lone character is likely a misread digit ("了" for 7).</summary>
    private const string OneCharacterWords = "是否无有好优良中差高低";

    private static bool LoneCharacter(string text) => text.Length == 1 && !OneCharacterWords.Contains(text[0]);

    private static List<Rule> Scale(List<Rule> rules, double factor) =>
        [.. rules.Select(r => new Rule(r.At * factor, r.From * factor, r.To * factor))];

    [GeneratedRegex(@"^[<>=≥≤]{0,2}[0-9][0-9.,]*%?$")]
    private static partial Regex Figure();

    /// <summary>
    /// A dotted rule's dots read beside a piece of print on a page without rules (".2634775.00", ":0.00", "7.46."): no
    /// figure begins with a point, a colon or a comma, or ends with one.
    /// </summary>
    [GeneratedRegex(@"^[.:,'`]+(?=[0-9])|(?<=[0-9%])[.:,'`]+$")]
    private static partial Regex RuleDots();

    /// <summary>
    /// A piece of print of no ideograph with the spaces the engine read into its figures at their commas and points
    /// taken out ("785 ,498.00", "2, 634,380.00"): a piece on a page without rules is cut into cells at its spaces, and
    /// the figure would be two. Digits on both sides only — "10 20" may be two figures; a text's "1, 2" stays.
    /// </summary>
    private static string FigureJoined(string text) =>
        text.Any(c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherLetter) ? text : FigureSpaces().Replace(text, "");

    [GeneratedRegex(@"(?<=[0-9])\s+(?=[.,][0-9])|(?<=[0-9][.,])\s+(?=[0-9])")]
    private static partial Regex FigureSpaces();

    /// <summary>The 人 or 和 chi_sim reads before the 否则 that follows a comma (see <see cref="Compact"/>).</summary>
    [GeneratedRegex(@"(?<=[，,；;]\s*)[人和](?=否则)")]
    private static partial Regex OtherwiseMisread();
}
