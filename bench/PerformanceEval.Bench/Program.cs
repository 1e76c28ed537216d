using System.Collections.Concurrent;
using System.Diagnostics;
using PerformanceEval.Pipeline;

// Benchmarks print figures; no test times anything. Usage:
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- pdf [FOLDER_OR_FILES...] [--rounds N]
// Text-layer PDF pages per second: the whole pipeline (PdfPig words and rules + grid + normalizer + checker) with 1
// and 2 workers, next to `pdftotext -bbox-layout` alone on the same files, one process per file, 1 worker.
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- text [FILES_OR_FOLDERS...] [--rounds N] [--copies C] [--workers 1,2]
// Text forms per second in memory (default: the seeds' four dumps, each read C times a round), 1 and 2 workers, and
// each stage's forms/s and bytes allocated a form (ingestion, tables, normalizer, checker, json).
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- import [FILES_PER_KIND] [--db TARGET] [--kinds text,pdf-text]
// Import files per second into a fresh SQLite store (or TARGET, a PostgreSQL connection string), for text dumps and
// PDFs, with 1 and 2 workers, next to extract's files per second on the same files.
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- scan [ROUNDS] [--pages SHOP_HALF] [--count N]
// Scanned pages per second, pipeline vs the Tesseract CLI page by page, 1 and 2 workers, memory. --pages takes the
// one-page scans (scan.png, scan.jpg) of a print-shop half, N of them (default 6), in place of the fixture's pages.
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- review [FILES]
// The review page over a store of FILES × 15 forms: queue pages, filters and a form page, timed over HTTP.
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- crops
// The review page's evidence crops: six cells of one page of a scan, a TIFF and a text-layer PDF, each crop timed.
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- quality FOLDER [--misses] [--kinds layout,raw,scan] [--workers N]
// Field accuracy over one half of the print shop's output (fixtures/tools/print_shop.py), per input kind.
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- soups SHOP_DIR
// Writes each print-shop PDF's letters in content-stream order (<engine>.letters.txt), a soup of issue 15.
const string Usage = "usage: bench pdf [FOLDER_OR_FILES...] [--rounds N] [--workers 1,2] [--no-poppler] [--pdfpig] [--raster-pages] | bench text [FILES_OR_FOLDERS...] [--rounds N] [--copies C] [--workers 1,2] | bench import [FILES_PER_KIND] [--db TARGET] [--kinds K,...] | bench scan [ROUNDS] [--pages SHOP_HALF] [--count N] | bench review [FILES] | bench crops | bench quality FOLDER [--misses] [--kinds K,...] [--workers N] | bench soups SHOP_DIR | bench rows FILE";
string[] verbs =
[
    "  pdf      text-layer PDF pages a second, 1 and 2 workers, beside pdftotext alone",
    "  text     text forms a second in memory, 1 and 2 workers, and each stage's time and bytes a form",
    "  import   files a second into a store (SQLite, or PostgreSQL with --db), beside extract's",
    "  scan     scanned pages a second, beside the Tesseract CLI page by page",
    "  review   the review page over a store, timed over HTTP",
    "  crops    the review page's evidence crops, each timed",
    "  quality  fields and figures right per input kind over one half of the print shop's output",
    "           (--misses prints the tuning half's misses; --kinds layout,raw,... picks input kinds)",
    "  soups    writes each print-shop PDF's letters in content-stream order beside it",
    "  rows     prints the rows of one input's tables as the normalizer gets them (cells, columns, spans)",
];
if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage);
    foreach (var line in verbs) Console.WriteLine(line);
    return args.Length == 0 ? 2 : 0;
}
if (args[0] is "quality" or "soups" && (args.Length < 2 || !Directory.Exists(args[1])) || args[0] is "rows" && (args.Length < 2 || !File.Exists(args[1])))
{
    Console.Error.WriteLine($"bench {args[0]}: no such {(args[0] is "rows" ? "file" : "folder")}: {(args.Length < 2 ? "(none given)" : args[1])}");
    return 2;
}
var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(3);
var paths = args.Skip(1).TakeWhile(a => !a.StartsWith("--")).ToList();
// --workers 1 times only those worker counts (a profile of one worker alone); --no-poppler skips pdftotext's timing.
var workerCounts = args.SkipWhile(a => a != "--workers").Skip(1).FirstOrDefault()?.Split(',').Select(int.Parse).ToArray() ?? [1, 2];
var root = FindRoot();
if (args.FirstOrDefault() == "scan") return PerformanceEval.Bench.ScanBench.Run(root, args.Skip(1).TakeWhile(a => !a.StartsWith("--")).Select(int.Parse).FirstOrDefault(2),
    args.SkipWhile(a => a != "--pages").Skip(1).FirstOrDefault(), args.SkipWhile(a => a != "--count").Skip(1).Select(int.Parse).FirstOrDefault(6));
if (args.FirstOrDefault() == "review") return PerformanceEval.Bench.ReviewBench.Run(root, args.Skip(1).Select(int.Parse).FirstOrDefault(800));
if (args.FirstOrDefault() == "crops") return PerformanceEval.Bench.CropBench.Run(root);
if (args.FirstOrDefault() == "soups") return PerformanceEval.Bench.SoupBench.Run(args[1]);
if (args.FirstOrDefault() == "rows") return PerformanceEval.Bench.QualityBench.Rows(root, args[1]);
if (args.FirstOrDefault() == "quality") return PerformanceEval.Bench.QualityBench.Run(root, args[1], args.Contains("--misses"),
    args.SkipWhile(a => a != "--kinds").Skip(1).FirstOrDefault()?.Split(','), workerCounts.Max());
if (args.FirstOrDefault() == "text") return PerformanceEval.Bench.TextBench.Run(root, paths, rounds,
    args.SkipWhile(a => a != "--copies").Skip(1).Select(int.Parse).FirstOrDefault(100), workerCounts);
if (args.FirstOrDefault() == "import") return PerformanceEval.Bench.ImportBench.Run(root, paths.Select(int.Parse).FirstOrDefault(200),
    args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault(), args.SkipWhile(a => a != "--kinds").Skip(1).FirstOrDefault()?.Split(','));
if (args.FirstOrDefault() != "pdf")
{
    Console.Error.WriteLine(Usage);
    return 2;
}
if (paths.Count == 0) paths = [.. Directory.EnumerateDirectories(Path.Combine(root, "fixtures"), "pdf-*")];
var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.pdf", SearchOption.AllDirectories) : [p]).Order().ToList();
var pages = files.Sum(PageCount);
if (args.Contains("--pdfpig") || args.Contains("--raster-pages"))
    return PerformanceEval.Bench.PdfPigProbe.Run(files, rounds, args.Contains("--raster-pages"));
Console.WriteLine($"{files.Count} PDFs, {pages} pages, {rounds} rounds each, {Environment.ProcessorCount} cores");

var pipeline = new ExtractionPipelineBuilder().WithSettings(PipelineSettings.Load(Path.Combine(root, "pipeline.json"))).Build();
files.ForEach(f => pipeline.Extract(f)); // warm-up: the JIT and the models, every file once, so that rounds time steady state
// The contenders take turns, round by round, and each is reported by its median round: this machine's speed drifts
// by a tenth over a minute, and a contender timed in one block would carry the drift of its own minute.
var contenders = new List<(string Name, Action Work)>();
if (!args.Contains("--no-poppler"))
    contenders.Add(("pdftotext -bbox-layout alone", () => files.ForEach(f => Run("pdftotext", "-bbox-layout", f, "-"))));
var forms = 0;
foreach (var workers in workerCounts)
    contenders.Add(($"perfeval pipeline, {workers} worker{(workers > 1 ? "s" : "")}",
        // Files handed out as extract hands them out: each worker takes the next one when it is free. PLINQ's default
        // split of a list into one range a worker timed the range that happened to hold the larger files.
        () => forms = Partitioner.Create(files, EnumerablePartitionerOptions.NoBuffering).AsParallel().WithDegreeOfParallelism(workers)
            .Sum(f => pipeline.Extract(f).Forms.Length)));
var timings = contenders.Select(_ => new List<double>()).ToList();
var gc = contenders.Select(_ => new GcTally()).ToList();
for (var round = 0; round < rounds; round++)
    for (var i = 0; i < contenders.Count; i++)
        timings[i].Add(gc[i].Time(contenders[i].Work));
for (var i = 0; i < contenders.Count; i++)
{
    var sorted = timings[i].Order().ToList();
    var median = sorted[sorted.Count / 2];
    Console.WriteLine($"{contenders[i].Name,-36} {pages / median,8:F1} pages/s   (median round {median * 1000:F0} ms, " +
        $"fastest {sorted[0] * 1000:F0}, slowest {sorted[^1] * 1000:F0}){gc[i].Summary(rounds)}");
}
Console.WriteLine($"({forms} forms a round)");
var stages = new Dictionary<string, double>();
foreach (var file in files)
    foreach (var (stage, ms) in pipeline.Extract(file).StageMilliseconds)
        stages[stage] = stages.GetValueOrDefault(stage) + ms;
Console.WriteLine("one warm round by stage: " + string.Join(", ", stages.Select(s => $"{s.Key} {s.Value:F0} ms")));
return 0;

static int PageCount(string pdf) =>
    Run("pdfinfo", pdf).Split('\n').Where(l => l.StartsWith("Pages:")).Select(l => int.Parse(l[6..].Trim())).FirstOrDefault();

static string Run(string tool, params string[] arguments)
{
    var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in arguments) start.ArgumentList.Add(a);
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.StandardError.ReadToEnd();
    process.WaitForExit();
    return output;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "PerformanceEval.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}

/// <summary>
/// What the garbage collector took from one contender's rounds: PdfPig allocates megabytes a page, and a pause stops
/// every worker.
/// </summary>
sealed class GcTally
{
    private int _gen0, _gen1, _gen2;
    private TimeSpan _paused;
    private long _allocated;

    public double Time(Action work)
    {
        var (gen0, gen1, gen2, paused, allocated) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
        var clock = Stopwatch.StartNew();
        work();
        var seconds = clock.Elapsed.TotalSeconds;
        _gen0 += GC.CollectionCount(0) - gen0;
        _gen1 += GC.CollectionCount(1) - gen1;
        _gen2 += GC.CollectionCount(2) - gen2;
        _paused += GC.GetTotalPauseDuration() - paused;
        _allocated += GC.GetTotalAllocatedBytes() - allocated;
        return seconds;
    }

    public string Summary(int rounds) => _allocated < 1048576 ? "" :
        $"\n{"",36}   GC a round: {_allocated / rounds / 1048576.0:F0} MB allocated, {(double)_gen0 / rounds:F1} gen0 / " +
        $"{(double)_gen1 / rounds:F1} gen1 / {(double)_gen2 / rounds:F1} gen2 collections, paused {_paused.TotalMilliseconds / rounds:F0} ms";
}
