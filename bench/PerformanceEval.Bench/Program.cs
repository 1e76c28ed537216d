using System.Diagnostics;
using PerformanceEval.Pipeline;

// Benchmarks print figures; no test times anything. Usage:
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- pdf [FOLDER_OR_FILES...] [--rounds N]
// Text-layer PDF pages per second: the whole pipeline (PdfPig words and rules + grid + normalizer + checker) with 1
// and 2 workers, next to `pdftotext -bbox-layout` alone on the same files, one process per file, 1 worker.
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- import [FILES_PER_KIND]
// Import files per second into a fresh SQLite store, for text dumps and text-layer PDFs, with 1 and 2 workers.
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- scan [ROUNDS]
// Scanned pages per second, pipeline vs the Tesseract CLI page by page, 1 and 2 workers, memory.
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- review [FILES]
// The review page over a store of FILES × 15 forms: queue pages, filters and a form page, timed over HTTP.
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- crops
// The review page's evidence crops: six cells of one page of a scan, a TIFF and a text-layer PDF, each crop timed.
//   dotnet run --project bench/PerformanceEval.Bench -c Release -- quality FOLDER [--misses] [--kinds layout,raw]
// Field accuracy over one half of the print shop's output (fixtures/tools/print_shop.py), per input kind.
var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(3);
var paths = args.Skip(1).TakeWhile(a => a != "--rounds").ToList();
var root = FindRoot();
if (args.FirstOrDefault() == "scan") return PerformanceEval.Bench.ScanBench.Run(root, args.Skip(1).Select(int.Parse).FirstOrDefault(2));
if (args.FirstOrDefault() == "review") return PerformanceEval.Bench.ReviewBench.Run(root, args.Skip(1).Select(int.Parse).FirstOrDefault(800));
if (args.FirstOrDefault() == "crops") return PerformanceEval.Bench.CropBench.Run(root);
if (args.FirstOrDefault() == "rows") return PerformanceEval.Bench.QualityBench.Rows(root, args[1]);
if (args.FirstOrDefault() == "quality") return PerformanceEval.Bench.QualityBench.Run(root, args[1], args.Contains("--misses"),
    args.SkipWhile(a => a != "--kinds").Skip(1).FirstOrDefault()?.Split(','));
if (args.FirstOrDefault() == "import") return PerformanceEval.Bench.ImportBench.Run(root, args.Skip(1).Select(int.Parse).FirstOrDefault(200));
if (args.FirstOrDefault() != "pdf")
{
    Console.Error.WriteLine("usage: bench pdf [FOLDER_OR_FILES...] [--rounds N] | bench import [FILES_PER_KIND] | bench scan [ROUNDS] | bench review [FILES] | bench crops | bench quality FOLDER [--misses] [--kinds K,...]");
    return 2;
}
if (paths.Count == 0) paths = [.. Directory.EnumerateDirectories(Path.Combine(root, "fixtures"), "pdf-*")];
var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.pdf", SearchOption.AllDirectories) : [p]).Order().ToList();
var pages = files.Sum(PageCount);
Console.WriteLine($"{files.Count} PDFs, {pages} pages, {rounds} rounds each, {Environment.ProcessorCount} cores");

var pipeline = new ExtractionPipelineBuilder().WithSettings(PipelineSettings.Load(Path.Combine(root, "pipeline.json"))).Build();
files.ForEach(f => pipeline.Extract(f)); // warm-up: the JIT and the models, every file once, so that rounds time steady state
Report("pdftotext -bbox-layout alone", Time(() => files.ForEach(f => Run("pdftotext", "-bbox-layout", f, "-"))));
foreach (var workers in new[] { 1, 2 })
{
    var forms = 0;
    var seconds = Time(() => forms = files.AsParallel().WithDegreeOfParallelism(workers).Sum(f => pipeline.Extract(f).Forms.Length));
    Report($"perfeval pipeline, {workers} worker{(workers > 1 ? "s" : "")} ({forms} forms)", seconds);
}
var stages = new Dictionary<string, double>();
foreach (var file in files)
    foreach (var (stage, ms) in pipeline.Extract(file).StageMilliseconds)
        stages[stage] = stages.GetValueOrDefault(stage) + ms;
Console.WriteLine("one warm round by stage: " + string.Join(", ", stages.Select(s => $"{s.Key} {s.Value:F0} ms")));
return 0;

void Report(string what, double seconds) =>
    Console.WriteLine($"{what,-44} {pages * rounds / seconds,8:F1} pages/s   ({seconds / rounds * 1000:F0} ms a round)");

double Time(Action work)
{
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < rounds; i++) work();
    return clock.Elapsed.TotalSeconds;
}

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
