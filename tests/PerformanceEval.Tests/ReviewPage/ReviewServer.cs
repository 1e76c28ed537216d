using Microsoft.AspNetCore.Builder;
using PerformanceEval.ReviewPage;
using PerformanceEval.Storage;
using PerformanceEval.Tests.Storage;
using Serilog.Core;
using Xunit;

namespace PerformanceEval.Tests.ReviewPage;

/// <summary>
/// A review page really served on loopback (Kestrel on a free port) over a SQLite store holding seed 001, the
/// three-form PDF, the TIFF scan and the hostile form, imported by the real pipeline.
/// </summary>
internal sealed class ReviewServer : IAsyncDisposable
{
    private readonly TestStore _store;
    private readonly WebApplication _app;

    private ReviewServer(TestStore store, WebApplication app, long hostileForm)
    {
        (_store, _app, HostileForm) = (store, app, hostileForm);
        BaseUrl = app.Urls.Single().TrimEnd('/');
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
    }

    public string BaseUrl { get; }
    public HttpClient Http { get; }
    public long HostileForm { get; }
    public FormStore Store => _store.Open();
    public string Db => _store.Target;

    /// <param name="prepare">What to do to the store before the server starts (register reviewers).</param>
    public static async Task<ReviewServer> StartAsync(string? token = null, bool withScans = true, string? reviewer = "测试审核人",
        Action<FormStore>? prepare = null)
    {
        var store = TestStore.Sqlite();
        string[] files =
        [
            Fixtures.Input("seed-001-baoshan-2023-tsv"),
            Path.Combine(Fixtures.Case("review-hostile-text"), "form.txt"),
            .. withScans ? new[] { Fixtures.Input("pdf-baoshan-2023-three-forms"), Fixtures.Input("scan-songjiang-2022-tiff") } : [],
        ];
        var report = new Importer(store.Open(), Fixtures.ImportPipeline, Logger.None).Run(files, 2, false, false);
        Assert.Equal(files.Length, report.Done);
        var hostile = store.Open().Queue(new QueueFilter(PageSize: 500)).Items.First(i => i.Project!.Contains("window.__xss", StringComparison.Ordinal)).FormId;
        prepare?.Invoke(store.Open());
        var app = ReviewApp.Build(new ReviewOptions(store.Target, Port: 0, Token: token, Reviewer: reviewer,
            ConfigPath: Path.Combine(Fixtures.RepoRoot, "pipeline.json")), Logger.None);
        await app.StartAsync();
        return new ReviewServer(store, app, hostile);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
    }
}
