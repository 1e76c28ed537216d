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
    public static int Run(string root, int rounds)
    {
        var dir = Directory.CreateTempSubdirectory("perfeval-scanbench-").FullName;
        try
        {
            var source = Path.Combine(root, "fixtures", "scan-baoshan-2023-pdf", "input.pdf");
            Process.Start("pdftoppm", ["-r", "300", "-png", source, Path.Combine(dir, "page")])!.WaitForExit();
            var pages = Directory.EnumerateFiles(dir, "page-*.png").Order().ToList();
            Console.WriteLine($"{pages.Count} scanned pages (300 dpi PNG from {Path.GetFileName(Path.GetDirectoryName(source))}), {rounds} rounds, {Environment.ProcessorCount} cores");

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
            pipeline.Extract(pages[0]);   // warm-up: this thread's engines load once
            double? oneWorker = null;
            foreach (var workers in new[] { 1, 2 })
            {
                var clock = Stopwatch.StartNew();
                for (var r = 0; r < rounds; r++)
                    pages.AsParallel().WithDegreeOfParallelism(workers).ForAll(p => pipeline.Extract(p));
                var rate = pages.Count * rounds / clock.Elapsed.TotalSeconds;
                oneWorker ??= rate;
                var memory = (Environment.WorkingSet - baseline) / 1024.0 / 1024.0;
                Console.WriteLine($"{$"perfeval pipeline, {workers} worker{(workers > 1 ? "s" : "")}",-44} {rate,6:F2} pages/s  ({rate / cliRate:F2}× the CLI, {rate / oneWorker:F2}× one worker; +{memory:F0} MiB working set over start)");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
