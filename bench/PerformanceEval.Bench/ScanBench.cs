using System.Diagnostics;
using PerformanceEval.Pipeline;

namespace PerformanceEval.Bench;

/// <summary>
/// Scanned pages per second: the whole pipeline (deskew, rules, cell-by-cell OCR, normalizer, checker) with 1 and
/// 2 workers, next to the Tesseract CLI run page by page at its best (OMP_THREAD_LIMIT=1, --psm 3) on the same
/// pages; and the process's memory per worker.
/// </summary>
internal static class ScanBench
{
    /// <param name="shopHalf">A print-shop half (fixtures/tools/scan_shop.py's output): its one-page scans are timed in
    /// place of the fixture's pages, the first <paramref name="count"/> by case name.</param>
    public static int Run(string root, int rounds, string? shopHalf = null, int count = 6)
    {
        var dir = Directory.CreateTempSubdirectory("perfeval-scanbench-").FullName;
        try
        {
            List<string> pages;
            if (shopHalf is null)
            {
                var source = Path.Combine(root, "fixtures", "scan-baoshan-2023-pdf", "input.pdf");
                Process.Start("pdftoppm", ["-r", "300", "-png", source, Path.Combine(dir, "page")])!.WaitForExit();
                pages = [.. Directory.EnumerateFiles(dir, "page-*.png").Order()];
                Console.WriteLine($"{pages.Count} scanned pages (300 dpi PNG from {Path.GetFileName(Path.GetDirectoryName(source))}), {rounds} rounds, {Environment.ProcessorCount} cores");
            }
            else
            {
                if (!Directory.Exists(shopHalf)) throw new DirectoryNotFoundException($"bench scan --pages: no such folder: {shopHalf}");
                // One-page scans only (PNG, JPEG): the CLI reads them as they are, so both read the same pixels.
                pages = [.. Directory.EnumerateDirectories(shopHalf).Order()
                    .Select(c => new[] { "scan.png", "scan.jpg" }.Select(n => Path.Combine(c, n)).FirstOrDefault(File.Exists))
                    .OfType<string>().Take(count)];
                if (pages.Count == 0) throw new FileNotFoundException($"bench scan --pages: no scan.png or scan.jpg under {shopHalf} (run fixtures/tools/scan_shop.py first)");
                Console.WriteLine($"{pages.Count} scanned pages (one-page scans of {shopHalf}: {string.Join(", ", pages.Select(p => Path.GetFileName(Path.GetDirectoryName(p))))}), {rounds} rounds, {Environment.ProcessorCount} cores");
            }

            var cli = Stopwatch.StartNew();
            for (var r = 0; r < rounds; r++)
                foreach (var page in pages)
                {
                    var start = new ProcessStartInfo("tesseract", [page, "-", "-l", "chi_sim", "--psm", "3"]) { RedirectStandardOutput = true, RedirectStandardError = true };
                    start.Environment["OMP_THREAD_LIMIT"] = "1";
                    using var p = Process.Start(start)!;
                    p.StandardOutput.ReadToEnd();
                    p.StandardError.ReadToEnd();
                    p.WaitForExit();
                }
            var cliRate = pages.Count * rounds / cli.Elapsed.TotalSeconds;
            Console.WriteLine($"{"tesseract CLI, --psm 3, page by page",-44} {cliRate,6:F2} pages/s");

            var pipeline = new ExtractionPipelineBuilder().WithSettings(PipelineSettings.Load(Path.Combine(root, "pipeline.json"))).Build();
            var baseline = Environment.WorkingSet;
            // Warm-up: each worker thread's engines load once (a model load costs more than a page), outside the timing.
            pages.AsParallel().WithDegreeOfParallelism(2).ForAll(p => pipeline.Extract(p));
            // All rounds in one pass: a pass per round would make a worker wait at each round's end (3 pages on 2
            // workers can go at most 1.5× as fast as on one), which measures the bench, not the pipeline.
            var work = Enumerable.Repeat(pages, rounds).SelectMany(p => p).ToList();
            double? oneWorker = null;
            foreach (var workers in new[] { 1, 2 })
            {
                var clock = Stopwatch.StartNew();
                work.AsParallel().WithDegreeOfParallelism(workers).WithExecutionMode(ParallelExecutionMode.ForceParallelism).ForAll(p => pipeline.Extract(p));
                var rate = pages.Count * rounds / clock.Elapsed.TotalSeconds;
                oneWorker ??= rate;
                var memory = (Environment.WorkingSet - baseline) / 1024.0 / 1024.0;
                Console.WriteLine($"{$"perfeval pipeline, {workers} worker{(workers > 1 ? "s" : "")}",-44} {rate,6:F2} pages/s  ({rate / cliRate:F2}× the CLI, {rate / oneWorker:F2}× one worker; +{memory:F0} MiB working set over start)");
                // The warm-up loaded two workers' engines (chi_sim and eng each): memory per worker is half of it.
                if (workers == 2) Console.WriteLine($"{"memory per worker (engines + pages in hand)",-44} ≈{memory / 2,6:F0} MiB");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
