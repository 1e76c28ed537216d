using System.Diagnostics;
using System.Text.Json.Nodes;
using PerformanceEval.Storage;
using Xunit;

namespace PerformanceEval.Tests.ReviewPage;

/// <summary>
/// The auditor's desk walked in a real browser (tests/browser/desk.spec.mjs) with sign-in on: sign in, the queue by
/// amount, one rule's findings confirmed at once, a form signed off, the summary downloaded as .xlsx and the form
/// printed to PDF; the store, the workbook (MiniExcel) and the PDF's text (pdftotext) are checked here.
/// </summary>
public sealed class ReviewDeskBrowserTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("perfeval-desk-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task An_auditor_signs_in_decides_a_rule_at_once_signs_a_form_off_and_files_the_summary_and_the_working_paper()
    {
        var browserDir = Path.Combine(Fixtures.RepoRoot, "tests", "browser");
        Assert.True(Directory.Exists(Path.Combine(browserDir, "node_modules", "playwright-core")),
            "playwright-core is not installed: run scripts/test.sh (it runs npm ci in tests/browser)");
        await using var server = await ReviewServer.StartAsync(withScans: false, prepare: s => s.SetReviewer("审计员甲", "correct horse battery"));
        var pendingBefore = server.Store.Queue(new QueueFilter(Rule: "execution-rate", Status: "pending")).Matching;

        var start = new ProcessStartInfo("node") { WorkingDirectory = browserDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "desk.spec.mjs", server.BaseUrl, _out }) start.ArgumentList.Add(a);
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
            await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"the browser run failed:\n{await output}\n{await error}");
        var seen = JsonNode.Parse((await output).Trim().Split('\n')[^1])!;

        // The store: the rule's findings confirmed by the reviewer signed in, the form signed off by them.
        var store = server.Store;
        Assert.Equal(pendingBefore, (long)seen["bulk"]!);
        Assert.Equal(0, store.Queue(new QueueFilter(Rule: "execution-rate", Status: "pending")).Matching);
        var signed = store.ReviewForm((long)seen["signedForm"]!)!;
        Assert.Equal(("审计员甲", "执行率填报误差已确认，其余与原件相符。"), (signed.SignedOff!.SignedBy, signed.SignedOff.Opinion));
        Assert.All(signed.History, d => Assert.Equal("审计员甲", d.DecidedBy));

        // The workbook, read back: its 合计 counts every form and every confirmed finding.
        var workbook = Path.Combine(_out, "summary.xlsx");
        var total = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "汇总").Cast<IDictionary<string, object>>().Last();
        Assert.Equal(("合计", (double)store.Status().Forms), (total["主管部门"]?.ToString(), Convert.ToDouble(total["自评表数"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal((double)store.Queue(new QueueFilter(Status: "confirm")).Matching, Convert.ToDouble(total["已确认"], System.Globalization.CultureInfo.InvariantCulture));

        // The working paper: the form's project, its findings, the opinion and the signature block, no controls.
        var text = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", Path.Combine(_out, "working-paper.pdf"), "-"]) { RedirectStandardOutput = true })!
            .StandardOutput.ReadToEnd();
        var project = PerformanceEval.Contract.ContractJson.Deserialize(signed.CurrentJson).ProjectName!;
        Assert.Contains(project[..Math.Min(6, project.Length)], text, StringComparison.Ordinal);
        Assert.Contains("执行率填报误差已确认", text, StringComparison.Ordinal);
        Assert.Contains("审核人（签名）：审计员甲", text, StringComparison.Ordinal);
        Assert.DoesNotContain("快捷键", text, StringComparison.Ordinal);
    }
}
