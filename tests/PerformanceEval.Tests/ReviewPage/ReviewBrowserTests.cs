using System.Diagnostics;
using System.Text.Json.Nodes;
using PerformanceEval.Storage;
using Xunit;

namespace PerformanceEval.Tests.ReviewPage;

/// <summary>
/// The review page in a real browser: Debian's chromium driven by playwright-core (tests/browser/review.spec.mjs)
/// opens the queue, filters it, opens a form with the keyboard, dismisses a finding with a reason, corrects a misread
/// score; then the store and the export are checked here. scripts/test.sh installs chromium and the npm package;
/// without them this test fails and says what is missing. PERFEVAL_SCREENSHOTS=DIR keeps the pages as PNGs (the README's).
/// </summary>
public sealed class ReviewBrowserTests
{
    [Fact]
    public async Task An_auditor_dismisses_and_corrects_with_the_keyboard_and_the_export_carries_both()
    {
        var browserDir = Path.Combine(Fixtures.RepoRoot, "tests", "browser");
        Assert.True(File.Exists("/usr/bin/chromium") || Environment.GetEnvironmentVariable("CHROMIUM") is not null,
            "chromium is not installed: run scripts/test.sh (it installs Debian's chromium) or apt-get install chromium");
        Assert.True(Directory.Exists(Path.Combine(browserDir, "node_modules", "playwright-core")),
            "playwright-core is not installed: run scripts/test.sh (it runs npm ci in tests/browser)");

        await using var server = await ReviewServer.StartAsync();
        var shots = Environment.GetEnvironmentVariable("PERFEVAL_SCREENSHOTS");
        var start = new ProcessStartInfo("node") { WorkingDirectory = browserDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "review.spec.mjs", server.BaseUrl, server.HostileForm.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        if (shots is not null) start.ArgumentList.Add(Path.GetFullPath(shots));
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
            await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"the browser run failed:\n{await output}\n{await error}");
        var seen = JsonNode.Parse((await output).Trim().Split('\n')[^1])!;
        Assert.Empty(seen["dialogs"]!.AsArray());

        // The store: the dismissal with its reason and reviewer; the correction with both values; the finding resolved.
        var store = server.Store;
        var dismissedId = (long)seen["dismissedFinding"]!;
        var dismissedForm = store.Queue(new QueueFilter(Status: "dismiss", PageSize: 500)).Items.Single(i => i.FindingId == dismissedId).FormId;
        var dismissal = store.ReviewForm(dismissedForm)!.History.Single(d => d.FindingId == dismissedId);
        Assert.Equal(("dismiss", "审计员甲"), (dismissal.Decision, dismissal.DecidedBy));
        Assert.Contains("四舍五入", dismissal.Reason);
        var hostile = store.ReviewForm(server.HostileForm)!;
        var correction = hostile.History.Single(d => d.Decision == "correct");
        Assert.Equal(("indicators[0].score", "1.0", "10", "审计员甲"), (correction.Field, correction.OriginalValue, correction.CorrectedValue, correction.DecidedBy));
        Assert.Equal("resolved", hostile.Findings.Single(f => f.Rule == "total-score").Status);

        // The export: the corrected value, the correction with the original, the dismissal with who and why.
        var forms = store.Export(new ExportFilter(WithFindings: true)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var exported = forms.Single(f => ((string?)f["projectName"])!.Contains("window.__xss", StringComparison.Ordinal));
        Assert.Equal("10", exported["indicators"]![0]!["score"]!.ToJsonString());
        Assert.Equal("1.0", (string?)exported["review"]!["corrections"]![0]!["original"]);
        var withDismissal = forms.Single(f => f["review"]?["decisions"]?.AsArray().Any(d => (string?)d!["decision"] == "dismiss") == true);
        Assert.Contains("四舍五入", (string?)withDismissal["review"]!["decisions"]!.AsArray().First(d => (string?)d!["decision"] == "dismiss")!["reason"]);
    }
}
