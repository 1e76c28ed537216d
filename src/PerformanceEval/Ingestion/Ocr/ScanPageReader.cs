using System.Text.RegularExpressions;
using PerformanceEval.Ingestion.Pdf;
using PerformanceEval.Normalization;
using PerformanceEval.Provenance;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// Reads one scanned page: finds the table's ruling lines in the (straightened) image, cuts the page into its cells
/// and OCRs each cell on its own — whole-page OCR of these ruled tables loses most figures and whole rows. A figure
/// cell is read again by the English model with a digits-only character set — chi_sim garbles this printing's
/// figures ("99.21%" as "99.219%6", "1425600.00" as "14225600.00"), eng reads them — and the surer reading is kept,
/// both recorded; a figure that stays unsure carries a warning naming its cell. Text above the table is read as lines.
/// </summary>
internal sealed partial class ScanPageReader(string? dataPath, string language, Serilog.ILogger? log = null)
{
    private readonly Serilog.ILogger _log = (log ?? Serilog.Core.Logger.None).ForContext("Stage", "Ocr");

    /// <summary>Scans are read at this resolution; rasterized PDF pages are made at it.</summary>
    public const int Dpi = 300;
    private const double PointsPerPixel = 72.0 / Dpi;
    private const double FigureWarnBelow = 0.90;
    private const string FigureCharacters = "0123456789.,%=<>-";

    public List<(double Y, RawRow Row)> Read(SourceDocument doc, int page, ScanPage scan, int block, List<Diagnostic> diagnostics)
    {
        var image = scan.Gray;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var confidences = new List<double>();
        var engine = OcrEngine.ForThisThread(dataPath, language);
        var figures = OcrEngine.ForThisThread(dataPath, FigureLanguage);
        var (horizontal, vertical) = RulingLines.Find(scan.Binary, PointsPerPixel);
        // The rules come back in points; the scan's boxes are pixels.
        var toPixels = 1 / PointsPerPixel;
        var grid = GridLayout.Build(Scale(horizontal, toPixels), Scale(vertical, toPixels), snap: 8);
        var rows = new List<(double, RawRow)>();
        var tableTop = grid?.Ys[0] ?? image.Height;
        if (tableTop > 60) rows.AddRange(TextAbove(doc, page, image, engine, (int)tableTop, block + 1));
        if (grid is null) return rows;
        rows.AddRange(grid.ToRows(doc, page, block, BoxUnits.Pixels, region =>
        {
            var box = grid.BoxOf(region, BoxUnits.Pixels);
            var cell = ReadCell(doc, page, image, engine, figures, box, diagnostics);
            if (cell.Item2 is { } c && cell.Item1.Length > 0) confidences.Add(c);
            return cell;
        }));
        _log.Information("OCR of {SourcePath} page {Page}: {Cells} cells in {ElapsedMs} ms, mean confidence {MeanConfidence:F2}",
            doc.Path, page, confidences.Count, clock.ElapsedMilliseconds, confidences.DefaultIfEmpty(0).Average());
        return [.. rows.OrderBy(r => r.Item1)];
    }

    private static (string, double?) ReadCell(SourceDocument doc, int page, GrayImage image, OcrEngine engine, OcrEngine figures,
        Box box, List<Diagnostic> diagnostics)
    {
        const int inset = 4;
        var (x0, y0) = ((int)box.X0 + inset, (int)box.Y0 + inset);
        var (x1, y1) = (Math.Min(image.Width, (int)box.X1 - inset), Math.Min(image.Height, (int)box.Y1 - inset));
        if (x1 - x0 < 8 || y1 - y0 < 8 || DarkFraction(image, x0, y0, x1, y1) < 0.002) return ("", null);
        var psm = y1 - y0 < 90 ? OcrEngine.PsmSingleLine : OcrEngine.PsmSingleBlock;
        var read = engine.Read(image, x0, y0, x1, y1, psm);
        var text = Compact(read.Text);
        if (MostlyFigure(text) && !text.Any(TextCleaner.IsCjk) || LoneCharacter(text))
        {
            // A figure: read it again with the English model, digits only, and keep the surer reading (eng's when
            // the two agree on being a figure). Figures are never made up from the form's arithmetic here.
            var digits = figures.Read(image, x0, y0, x1, y1, OcrEngine.PsmSingleLine, FigureCharacters);
            if (LooksLikeFigure(Compact(digits.Text)) && (digits.Confidence >= read.Confidence || !LooksLikeFigure(text)) &&
                Compact(digits.Text) is { Length: > 0 } better && better != text)
            {
                diagnostics.Add(new Diagnostic("ocr.figure-reread", DiagnosticSeverity.Warning,
                    $"figure in the cell at {Where(box)} read as \"{text}\" ({read.Confidence:F2}), re-read digits-only as \"{better}\" ({digits.Confidence:F2})",
                    Ref(doc, page, box, better, digits.Confidence)));
                (text, read) = (better, digits);
            }
        }
        if (LooksLikeFigure(text) && read.Confidence < FigureWarnBelow)
            diagnostics.Add(new Diagnostic("ocr.low-confidence", DiagnosticSeverity.Warning,
                $"figure \"{text}\" in the cell at {Where(box)} read with confidence {read.Confidence:F2}; check it against the scan",
                Ref(doc, page, box, text, read.Confidence)));
        return (text, read.Confidence);
    }

    private static List<(double, RawRow)> TextAbove(SourceDocument doc, int page, GrayImage image, OcrEngine engine, int bottom, int block)
    {
        var rows = new List<(double, RawRow)>();
        if (DarkFraction(image, 0, 0, image.Width, bottom) < 0.0005) return rows;
        var read = engine.Read(image, 0, 0, image.Width, Math.Max(1, bottom - 4), OcrEngine.PsmSingleBlock);
        var lines = read.Text.Split('\n').Select(Compact).Where(l => l.Length > 0).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var box = new Box(0, 0, image.Width, bottom, BoxUnits.Pixels);
            var cell = new RawCell(lines[i], Ref(doc, page, box, lines[i], read.Confidence) with { Col = 0 });
            rows.Add((i, new RawRow([cell], RowOrigin.Layout, null, block)));
        }
        return rows;
    }

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

    /// <summary>Tesseract spaces Chinese characters apart; the cleaner joins them, here only line ends are kept.</summary>
    private static string Compact(string text) =>
        string.Join("\n", text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    private static bool LooksLikeFigure(string text) => text.Length > 0 && Figure().IsMatch(text.Replace(" ", ""));

    /// <summary>Text mostly of figure characters ("99.219%6"): a figure the engine garbled.</summary>
    private static bool MostlyFigure(string text)
    {
        var compact = text.Replace(" ", "");
        return compact.Length > 0 && compact.Any(char.IsDigit) && compact.Count(c => FigureCharacters.Contains(c)) >= compact.Length * 0.7;
    }

    private const string FigureLanguage = "eng";

    /// <summary>One-character words a form prints in a cell; any other lone character is likely a misread digit ("了" for 7).</summary>
    private const string OneCharacterWords = "是否无有好优良中差高低";

    private static bool LoneCharacter(string text) => text.Length == 1 && !OneCharacterWords.Contains(text[0]);

    private static List<Rule> Scale(List<Rule> rules, double factor) =>
        [.. rules.Select(r => new Rule(r.At * factor, r.From * factor, r.To * factor))];

    [GeneratedRegex(@"^[<>=≥≤]{0,2}[0-9][0-9.,]*%?$")]
    private static partial Regex Figure();
}
