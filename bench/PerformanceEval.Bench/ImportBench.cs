using System.Diagnostics;
using PerformanceEval.Pipeline;
using PerformanceEval.Storage;
using Serilog.Core;

namespace PerformanceEval.Bench;

/// <summary>Files per second of <c>import</c> into a fresh SQLite store, by input kind and worker count.</summary>
internal static class ImportBench
{
    public static int Run(string root, int perKind)
    {
        var pipeline = new ExtractionPipelineBuilder().WithSettings(PipelineSettings.Load(Path.Combine(root, "pipeline.json"))).Build();
        var kinds = new (string Kind, string Source, int Count)[]
        {
            ("text (seed 002, 5 forms a file)", Path.Combine(root, "fixtures", "seed-002-songjiang-2022-layout", "input.txt"), perKind),
            ("text (seed 001, 15 forms a file)", Path.Combine(root, "fixtures", "seed-001-baoshan-2023-tsv", "input.txt"), perKind),
            ("pdf-text (2 pages, 1 form)", Path.Combine(root, "fixtures", "pdf-songjiang-2022-page-break", "input.pdf"), perKind),
            // OCR is seconds a page: fewer files, the same measure.
            ("pdf-scan (3 pages, 3 forms)", Path.Combine(root, "fixtures", "scan-baoshan-2023-pdf", "input.pdf"), Math.Max(4, perKind / 25)),
        };
        Console.WriteLine($"{perKind} distinct files per kind ({Math.Max(4, perKind / 25)} scans), {Environment.ProcessorCount} cores, SQLite store");
        foreach (var (kind, source, count) in kinds)
            foreach (var workers in new[] { 1, 2 })
            {
                var dir = Directory.CreateTempSubdirectory("perfeval-bench-").FullName;
                try
                {
                    var files = Copies(source, Path.Combine(dir, "in"), count);
                    var store = FormStore.Open(Path.Combine(dir, "bench.db"));
                    var clock = Stopwatch.StartNew();
                    var report = new Importer(store, pipeline, Logger.None).Run(files, workers, false, false);
                    var seconds = clock.Elapsed.TotalSeconds;
                    Console.WriteLine($"{kind,-34} {workers} worker{(workers > 1 ? "s" : " ")} {report.Done / seconds,8:F2} files/s  ({report.Forms} forms, {report.Failed} failed, {seconds:F1} s)");
                }
                finally
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    Directory.Delete(dir, recursive: true);
                }
            }
        return 0;
    }

    /// <summary>Distinct copies of a file: bytes appended after the content (text: a line; PDF: after %%EOF, which readers ignore).</summary>
    internal static List<string> Copies(string source, string dir, int count)
    {
        Directory.CreateDirectory(dir);
        var bytes = File.ReadAllBytes(source);
        var files = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(dir, $"{i:00000}{Path.GetExtension(source)}");
            File.WriteAllBytes(path, [.. bytes, .. System.Text.Encoding.UTF8.GetBytes($"\n% copy {i}\n")]);
            files.Add(path);
        }
        return files;
    }
}
