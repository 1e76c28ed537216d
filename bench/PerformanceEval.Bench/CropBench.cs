using System.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Review;
using Serilog.Core;

namespace PerformanceEval.Bench;

/// <summary>
/// The review page's evidence crops: six cells of one page, each crop's time and PNG size, for a scanned PDF, a TIFF
/// and a text-layer PDF. The first crop of a page renders it; the others reuse the page PageImages keeps. Each kind is
/// first cropped once by a server of its own (not timed): the JIT and leptonica's loading are a server's start-up, and
/// what a reviewer waits for on a running one is a page not yet rendered.
/// </summary>
internal static class CropBench
{
    public static int Run(string root)
    {
        var runner = new SubprocessRunner(TimeSpan.FromSeconds(60), 0, Logger.None);
        var cases = new (string Kind, string Case, double[][] Boxes)[]
        {
            ("pdf-scan", "scan-baoshan-2023-pdf", Boxes(300, 400, 2200, 3200, 80)),
            ("image", "scan-songjiang-2022-tiff", Boxes(300, 400, 2200, 3200, 80)),
            ("pdf-text", "pdf-songjiang-2022-page-break", Boxes(60, 100, 520, 760, 16)),
        };
        Console.WriteLine($"six crops of page 1, {Environment.ProcessorCount} cores (warm: each kind cropped once before)");
        foreach (var (kind, name, boxes) in cases)
        {
            var path = Directory.EnumerateFiles(Path.Combine(root, "fixtures", name), "input.*").Single();
            using (var warm = new PageImages(runner)) warm.Crop(path, kind, 1, boxes[0]);
            using var images = new PageImages(runner);
            var times = new List<string>();
            long bytes = 0;
            foreach (var box in boxes)
            {
                var clock = Stopwatch.StartNew();
                bytes += images.Crop(path, kind, 1, box).Length;
                times.Add($"{clock.Elapsed.TotalMilliseconds:F0}");
            }
            Console.WriteLine($"{kind,-9} {name,-32} ms: {string.Join(" ", times)}  ({bytes / boxes.Length / 1024} KB a crop)");
        }
        return 0;
    }

    /// <summary>Six cells down a page, each <paramref name="h"/> high, between the given corners.</summary>
    private static double[][] Boxes(double x0, double y0, double x1, double y1, double h) =>
        [.. Enumerable.Range(0, 6).Select(i => y0 + i * (y1 - y0) / 6).Select(y => new[] { x0, y, x1 / 2, y + h })];
}
