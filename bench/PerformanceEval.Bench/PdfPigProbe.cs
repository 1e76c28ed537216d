using System.Diagnostics;
using PerformanceEval.Ingestion.Pdf;
using UglyToad.PdfPig;

namespace PerformanceEval.Bench;

/// <summary>
/// Where a text-layer PDF's time goes before the table is built: PdfPig opening the documents, PdfPig reading every
/// page as its own pages (letters with their outline boxes, paths, fonts), the same pages as <see cref="PageMarks"/>
/// (what the pipeline reads: boxes only where asked), and <see cref="PdfLayer"/> on top (words and rules). The pipeline cannot be faster
/// than the second line; `bench pdf` prints the whole pipeline beside pdftotext. `--raster-pages` lists the pages that
/// draw no usable rules and so cost a pdftoppm process.
/// </summary>
internal static class PdfPigProbe
{
    private static readonly ParsingOptions Options = new() { UseLenientParsing = true, SkipMissingFonts = true, UseActualText = true };

    public static int Run(List<string> files, int rounds, bool rasterPages)
    {
        var bytes = files.Select(File.ReadAllBytes).ToList();
        if (rasterPages)
        {
            foreach (var (file, pdf) in files.Zip(bytes))
            {
                List<PdfLayerPage> pages;
                try { pages = PdfLayer.Read(pdf); }
                catch (PdfLayerException e) { Console.WriteLine($"{file}: {e.Message}"); continue; }
                foreach (var page in pages.Where(p => !p.VectorRules))
                    Console.WriteLine($"{file} page {page.Number}: {page.Horizontal.Count} row rules, {page.Vertical.Count} column rules, {page.Words.Count} words");
            }
            return 0;
        }
        void Open()
        {
            foreach (var pdf in bytes)
            {
                using var document = PdfDocument.Open(pdf, Options);
                _ = document.NumberOfPages;
            }
        }
        void Pages()
        {
            foreach (var pdf in bytes)
            {
                using var document = PdfDocument.Open(pdf, Options);
                for (var n = 1; n <= document.NumberOfPages; n++) _ = document.GetPage(n).Letters.Count;
            }
        }
        void Marks()
        {
            foreach (var pdf in bytes)
            {
                using var document = PdfDocument.Open(pdf, Options);
                document.AddPageFactory<PageMarks, PageMarksFactory>();
                for (var n = 1; n <= document.NumberOfPages; n++) _ = document.GetPage<PageMarks>(n).Glyphs.Count;
            }
        }
        void Layer() => bytes.ForEach(pdf => PdfLayer.Read(pdf));
        foreach (var (name, work) in new (string, Action)[]
                 {
                     ("PdfPig: open", Open), ("PdfPig: open and read every page", Pages),
                     ("PdfPig: every page as PageMarks", Marks), ("PdfLayer.Read (words and rules)", Layer),
                 })
        {
            work();
            var times = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                var clock = Stopwatch.StartNew();
                work();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"{name,-36} {times.Order().ElementAt(rounds / 2),8:F0} ms a round (median)");
        }
        return 0;
    }
}
