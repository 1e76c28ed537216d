using System.Diagnostics;
using PerformanceEval.Pipeline;
using PerformanceEval.ReviewPage;
using PerformanceEval.Storage;
using Serilog.Core;

namespace PerformanceEval.Bench;

/// <summary>
/// The review page on a large store: seed 001 imported FILES times (15 forms and ~50 findings a file), then the
/// server timed over HTTP — the queue's first and last page, filtered pages, a form page, a scanned form's page with all
/// its crops — as the auditor waits for them.
/// </summary>
internal static class ReviewBench
{
    public static int Run(string root, int files)
    {
        var dir = Directory.CreateTempSubdirectory("perfeval-review-bench-").FullName;
        try
        {
            var pipeline = new ExtractionPipelineBuilder().WithSettings(PipelineSettings.Load(Path.Combine(root, "pipeline.json"))).Build();
            var db = Path.Combine(dir, "review.db");
            var inputs = ImportBench.Copies(Path.Combine(root, "fixtures", "seed-001-baoshan-2023-tsv", "input.txt"), Path.Combine(dir, "in"), files);
            var clock = Stopwatch.StartNew();
            var report = new Importer(FormStore.Open(db), pipeline, Logger.None).Run(inputs, Environment.ProcessorCount, false, false);
            Console.WriteLine($"store: {report.Forms} forms, {report.Findings} findings from {report.Done} files (import {clock.Elapsed.TotalSeconds:F1} s)");
            // One scanned PDF among them: its form page is the one whose evidence is page crops.
            new Importer(FormStore.Open(db), pipeline, Logger.None).Run([Path.Combine(root, "fixtures", "scan-baoshan-2023-pdf", "input.pdf")], 1, false, false);
            var scanForm = FormStore.Open(db).Forms(new FormListFilter(Page: int.MaxValue, PageSize: 1)).Items.Single().FormId;

            var app = ReviewApp.Build(new ReviewOptions(db, Port: 0, ConfigPath: Path.Combine(root, "pipeline.json")), Logger.None);
            app.StartAsync().GetAwaiter().GetResult();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var pages = (report.Findings + 49) / 50;
            var form = FormStore.Open(db).Queue(new QueueFilter(PageSize: 1)).Items[0].FormId;
            foreach (var (what, url) in new[]
                     {
                         ("queue, first page", "/"),
                         ("queue, last page", $"/?page={pages}"),
                         ("queue, middle page", $"/?page={pages / 2}"),
                         ("queue, rule + severity filter", "/?rule=execution-rate&severity=warning"),
                         ("queue, year + status filter, page 20", "/?year=2023&status=pending&page=20"),
                         ("form page", $"/forms/{form}"),
                     })
            {
                http.GetStringAsync(url).GetAwaiter().GetResult(); // warm
                var times = Enumerable.Range(0, 10).Select(_ =>
                {
                    var t = Stopwatch.StartNew();
                    http.GetStringAsync(url).GetAwaiter().GetResult();
                    return t.Elapsed.TotalMilliseconds;
                }).Order().ToList();
                Console.WriteLine($"{what,-38} median {times[5],7:F1} ms   worst {times[^1],7:F1} ms");
            }
            // A scan's form page fully loaded: the HTML and every crop on it, first with its page not yet rendered, then again.
            foreach (var round in new[] { "first load", "second load" })
            {
                var t = Stopwatch.StartNew();
                var html = http.GetStringAsync($"/forms/{scanForm}").GetAwaiter().GetResult();
                var crops = System.Text.RegularExpressions.Regex.Matches(html, "<img class=\"crop\" src=\"([^\"]*)\"")
                    .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
                foreach (var crop in crops) http.GetByteArrayAsync(crop).GetAwaiter().GetResult();
                Console.WriteLine($"{"scan form page + " + crops.Count + " crops, " + round,-38} {t.Elapsed.TotalMilliseconds,7:F0} ms");
            }
            app.StopAsync().GetAwaiter().GetResult();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
