using System.Net;
using System.Text.RegularExpressions;
using PerformanceEval.ReviewPage;
using PerformanceEval.Storage;
using Xunit;

namespace PerformanceEval.Tests.ReviewPage;

/// <summary>The review page over HTTP: pages, safety (escaping, images by id only, the token, the per-run secret), decisions.</summary>
public sealed partial class ReviewAppTests(ReviewAppTests.Server fixture) : IClassFixture<ReviewAppTests.Server>
{
    /// <summary>One server for the class: importing the scan costs seconds. Tests that decide touch their own finding.</summary>
    public sealed class Server : IAsyncLifetime
    {
        internal ReviewServer Value { get; private set; } = null!;
        public async Task InitializeAsync() => Value = await ReviewServer.StartAsync();
        public async Task DisposeAsync() => await Value.DisposeAsync();
    }

    private readonly ReviewServer _server = fixture.Value;

    private async Task<(HttpStatusCode, string)> Get(string path)
    {
        using var response = await _server.Http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_queue_lists_findings_with_counts_and_filters()
    {
        var (status, html) = await Get("/?severity=warning");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches(@"共 \d+ 条", html);
        Assert.Contains("<option value=\"warning\" selected=\"selected\">警告</option>", html);
        Assert.DoesNotContain("<td class=\"sev\">错误</td>", html);
        Assert.Contains("<td class=\"sev\">警告</td>", html);
    }

    [Fact]
    public async Task The_queue_marks_material_findings_and_sets_suspected_misreadings_apart()
    {
        static List<string> Rows(string html) => [.. Regex.Matches(html, "<tr class=\"finding-row[^>]*>.*?</tr>", RegexOptions.Singleline).Select(m => m.Value)];
        var (_, ocr) = await Get("/?kind=ocr");
        Assert.Contains("<option value=\"ocr\" selected=\"selected\">疑似识别错误</option>", ocr);
        // The scanned TIFF's funding breakdown: its figures came from unsure readings.
        var suspects = Rows(ocr);
        Assert.NotEmpty(suspects);
        Assert.All(suspects, r => Assert.Contains("class=\"ocr-suspect\"", r));
        var (_, stated) = await Get("/?kind=stated&page_size=500");
        Assert.NotEmpty(Rows(stated));
        Assert.All(Rows(stated), r => Assert.DoesNotContain("ocr-suspect", r));
        // By default the form's own material discrepancies come first.
        var (_, all) = await Get("/");
        Assert.Contains("<th>重要性</th>", all);
        Assert.Contains("<span class=\"material\">重大</span>", Rows(all)[0]);
        Assert.DoesNotContain("ocr-suspect", Rows(all)[0]);
        // Seed 001's funding breakdowns, one line a form with the number of its findings.
        Assert.Contains(Rows(all), r => Regex.IsMatch(r, "<span class=\"cause\"[^>]*>同一原因 [2-4] 条</span>"));
    }

    [Fact]
    public async Task The_summary_page_and_its_workbook_count_the_store_s_forms()
    {
        var (status, html) = await Get("/report");
        Assert.Equal(HttpStatusCode.OK, status);
        var forms = _server.Store.Status().Forms;
        Assert.Matches($"<tr class=\"total\"><td>合计</td><td></td><td>{forms}</td>", html);
        using var response = await _server.Http.GetAsync("/report.xlsx?year=2023");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "汇总").Cast<IDictionary<string, object>>().ToList();
        Assert.All(rows.SkipLast(1), r => Assert.Equal("2023", r["年度"]?.ToString()));
        Assert.Equal("合计", rows[^1]["主管部门"]?.ToString());
    }

    [Fact]
    public async Task The_forms_list_searches_by_document_number_and_a_form_with_findings_to_decide_is_not_signed_off()
    {
        var (status, html) = await Get("/forms?q=" + Uri.EscapeDataString("宝财行签[2023]277号"));
        Assert.Equal(HttpStatusCode.OK, status);
        var projects = Regex.Matches(html, "class=\"open-form\">([^<]*)<").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.Contains("宝财行签[2023]277号", p, StringComparison.Ordinal));
        Assert.Contains($"共 {projects.Count} 张", html, StringComparison.Ordinal);
        var id = long.Parse(Regex.Match(html, "data-href=\"/forms/(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var (_, page) = await Get($"/forms/{id}");
        Assert.Contains("条问题待审核；全部确认、驳回或更正后方可审结", page, StringComparison.Ordinal);
        var csrf = Csrf().Match(page).Groups[1].Value;
        using var early = await _server.Http.PostAsync($"/forms/{id}/signoff", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["csrf"] = csrf, ["opinion"] = "无误", ["decidedBy"] = "审计员" }));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("待审核，不能审结", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filtered_queue_offers_one_decision_for_its_pending_findings_and_refuses_a_changed_count()
    {
        var (_, unfiltered) = await Get("/");
        Assert.DoesNotContain("一并决定", unfiltered, StringComparison.Ordinal);
        var (status, html) = await Get("/?rule=execution-rate");
        Assert.Equal(HttpStatusCode.OK, status);
        var count = Regex.Match(html, "对筛选出的 (\\d+) 条待审核问题一并决定").Groups[1].Value;
        Assert.NotEqual("", count);
        var csrf = Csrf().Match(html).Groups[1].Value;
        using var stale = await _server.Http.PostAsync("/decisions?rule=execution-rate", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["csrf"] = csrf, ["decision"] = "confirm", ["expected"] = (long.Parse(count, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ["decidedBy"] = "审计员" }));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("请刷新后再试", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unfilteredPost = await _server.Http.PostAsync("/decisions", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["csrf"] = csrf, ["decision"] = "confirm", ["expected"] = count, ["decidedBy"] = "审计员" }));
        Assert.Equal(HttpStatusCode.BadRequest, unfilteredPost.StatusCode);
    }

    [Fact]
    public async Task The_hostile_form_shows_its_tags_as_text_and_runs_nothing()
    {
        var (status, html) = await Get($"/forms/{_server.HostileForm}");
        Assert.Equal(HttpStatusCode.OK, status);
        // The source line with the tag is shown, encoded; no tag of the data reaches the page as markup.
        Assert.Contains("&lt;script&gt;window.__xss=1&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>window", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Equal(["/static/review.js"], ScriptSources().Matches(html).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void A_form_whose_fields_hold_markup_renders_them_as_text()
    {
        var form = PerformanceEval.Contract.ContractJson.Deserialize(_server.Store.ReviewForm(_server.HostileForm)!.ImportedJson) with
        {
            ProjectName = "<script>alert(1)</script>",
            Warnings = [new PerformanceEval.Contract.Warning { Code = "text.repaired", Severity = "warning", Message = "<img src=x onerror=alert(2)>" }],
        };
        var stored = _server.Store.ReviewForm(_server.HostileForm)!;
        var html = FormView.Render(new FormPageModel(stored, form, "\"><b>path</b>", _ => null, "secret", null)).ToString();
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html);
        Assert.Contains("&quot;&gt;&lt;b&gt;path&lt;/b&gt;", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img src=x", html);
    }

    [Theory]
    [InlineData("pdf-text")]   // a ruled page: merged regions, one cell each
    [InlineData("text")]       // seed 001's TSV: 1×1 cells
    public async Task The_form_page_draws_the_table_as_read_with_its_spans_and_the_fields_read_from_each_cell(string kind)
    {
        var store = _server.Store;
        var stored = store.Queue(new QueueFilter(PageSize: 500)).Items.Select(i => i.FormId).Distinct()
            .Select(id => store.ReviewForm(id)!).Where(f => f.InputKind == kind).OrderByDescending(f => f.Findings.Count).First();
        var table = PerformanceEval.Contract.ReadTable.FromJson(stored.ReadTableJson)!;
        var form = PerformanceEval.Contract.ContractJson.Deserialize(stored.ImportedJson);

        var (status, html) = await Get($"/forms/{stored.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        var drawn = Regex.Match(html, "<table class=\"read-table\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(table.Rows.Length, Regex.Matches(drawn, "<tr ").Count);
        // Every field read from a cell is on the cell it was read from, drawn as such.
        var cells = Regex.Matches(drawn, "<td class=\"([^\"]*)\"[^>]*data-fields=\"([^\"]*)\"[^>]*>([^<]*)</td>").ToList();
        var named = cells.SelectMany(c => c.Groups[2].Value.Split(' ')).ToHashSet();
        Assert.All(form.Provenance.Where(p => p.Value.Row is not null), p => Assert.Contains(p.Key, named));
        Assert.All(cells, c => Assert.Contains("bound", c.Groups[1].Value));
        var executed = cells.Single(c => c.Groups[2].Value.Split(' ').Contains("funding.total.executed"));
        Assert.Equal(form.Provenance["funding.total.executed"].Text, System.Net.WebUtility.HtmlDecode(executed.Groups[3].Value));
        // A cell a finding concerns is marked.
        var open = stored.Findings.Where(f => f.Status != "resolved").Select(f => f.Field).ToHashSet();
        Assert.Contains(cells, c => c.Groups[1].Value.Contains("flagged") && c.Groups[2].Value.Split(' ').Any(open.Contains));
        if (kind == "pdf-text")
            Assert.Matches("<td [^>]*(rowspan|colspan)=\"[2-9]", drawn);
        // The form's own wording is drawn as such, not as data nothing was read from.
        Assert.Matches("<td class=\"label\"[^>]*>年初预算数</td>", drawn);
    }

    [Fact]
    public void A_form_stored_before_tables_were_kept_says_so()
    {
        var html = new Html();
        ReadTableView.Render(html, null, new HashSet<string>());
        Assert.Contains("重新导入其文件后可见", html.ToString());
        Assert.DoesNotContain("<table", html.ToString());
    }

    [Theory]
    [InlineData("/documents/..%2F..%2F..%2Fetc%2Fpasswd/pages/1.png")]
    [InlineData("/documents/1/pages/1.png?path=/etc/passwd")]
    [InlineData("/documents/9999/pages/1.png?box=0,0,10,10")]
    [InlineData("/page-image?path=/etc/passwd")]
    [InlineData("/static/..%2F..%2Fpipeline.json")]
    [InlineData("/etc/passwd")]
    public async Task A_page_image_by_anything_but_a_stored_document_id_is_not_found(string path)
    {
        var (status, _) = await Get(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_text_document_has_no_page_image()
    {
        var form = _server.Store.ReviewForm(_server.HostileForm)!;
        var (status, _) = await Get($"/documents/{form.DocumentId}/pages/1.png?box=0,0,10,10");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Theory]
    [InlineData("pdf-text")]
    [InlineData("image")]
    public async Task The_evidence_of_a_PDF_or_scan_finding_is_a_PNG_crop_of_its_page(string kind)
    {
        var store = _server.Store;
        var form = store.Queue(new QueueFilter(PageSize: 500)).Items.Select(i => store.ReviewForm(i.FormId)!).First(f => f.InputKind == kind);
        var (status, html) = await Get($"/forms/{form.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        var src = WebUtility.HtmlDecode(CropSource().Match(html).Groups[1].Value);
        Assert.StartsWith($"/documents/{form.DocumentId}/pages/", src);
        using var image = await _server.Http.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        var png = await image.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        var (width, height) = (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.True(width > 3 * height, $"a band of the page, not the whole page ({width}×{height})");
    }

    [Fact]
    public async Task The_working_paper_of_a_scanned_form_is_a_file_that_stands_on_its_own()
    {
        var store = _server.Store;
        var form = store.Queue(new QueueFilter(PageSize: 500)).Items.Select(i => store.ReviewForm(i.FormId)!).First(f => f.InputKind == "image");
        var (_, page) = await Get($"/forms/{form.Id}");
        Assert.Contains($"href=\"/forms/{form.Id}/working-paper.html\"", page);
        using var response = await _server.Http.GetAsync($"/forms/{form.Id}/working-paper.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("审计底稿-", response.Content.Headers.ContentDisposition?.FileNameStar);
        var paper = await response.Content.ReadAsStringAsync();
        // Nothing to fetch from the server: the stylesheet and every crop are in the file, and no script runs.
        Assert.DoesNotContain("<script", paper, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/static/", paper, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"/documents/", paper, StringComparison.Ordinal);
        var crops = Regex.Matches(paper, "src=\"data:image/png;base64,([^\"]+)\"").Select(m => Convert.FromBase64String(WebUtility.HtmlDecode(m.Groups[1].Value))).ToList();
        Assert.NotEmpty(crops);
        Assert.All(crops, png => Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]));
        // The print rules are in force wherever it is opened: the signature block shows, the controls do not.
        Assert.Contains("@media all", paper, StringComparison.Ordinal);
        Assert.Contains("审核人（签名）", paper, StringComparison.Ordinal);
        foreach (var finding in form.Findings) Assert.Contains($"id=\"finding-{finding.Id}\"", paper, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_page_links_the_same_form_s_other_sources()
    {
        var store = _server.Store;
        var pdf = store.Queue(new QueueFilter(PageSize: 500)).Items.Select(i => store.ReviewForm(i.FormId)!).First(f => f.InputKind == "pdf-text");
        // Seed 001's TSV holds the same form (and the hostile form copies one of its forms' amounts).
        var others = store.OtherSources(pdf.Id);
        var tsv = Assert.Single(others, o => o.Path!.EndsWith("input.txt", StringComparison.Ordinal));
        var (_, html) = await Get($"/forms/{pdf.Id}");
        Assert.Contains($"同一张表的其他来源（{others.Count}）", html);
        Assert.Matches($"<a href=\"/forms/{tsv.FormId}\" class=\"other-source\">[^<]*input.txt（text，第 \\d+ 张表）</a>", html);
    }

    [Fact]
    public void A_working_paper_crop_that_cannot_be_made_is_said_so_and_the_paper_goes_on()
    {
        var store = _server.Store;
        var scan = store.Queue(new QueueFilter(PageSize: 500)).Items.Select(i => store.ReviewForm(i.FormId)!).First(f => f.InputKind == "image");
        var form = PerformanceEval.Contract.ContractJson.Deserialize(scan.CurrentJson);
        var field = form.Provenance.First(p => p.Value.Box is not null).Key;
        var document = store.Document(scan.DocumentId)!;
        var evidence = new Evidence(document, "/nonexistent/scan.tif", form, "image", (_, _) => null);
        var html = evidence.For(field)!.ToString();
        Assert.Contains("原件图像无法生成", html);
        Assert.DoesNotContain("<img", html);
    }

    [Fact]
    public async Task A_decision_without_the_pages_secret_is_refused_and_not_stored()
    {
        var finding = _server.Store.ReviewForm(_server.HostileForm)!.Findings.Last();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "confirm", ["csrf"] = "guess" });
        using var response = await _server.Http.PostAsync($"/forms/{_server.HostileForm}/findings/{finding.Id}/decision", content);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(_server.Store.ReviewForm(_server.HostileForm)!.History, d => d.FindingId == finding.Id);
    }

    [Fact]
    public async Task A_dismissal_needs_a_reason_and_then_is_stored_and_shown()
    {
        var (_, page) = await Get($"/forms/{_server.HostileForm}");
        var csrf = Csrf().Match(page).Groups[1].Value;
        var finding = _server.Store.ReviewForm(_server.HostileForm)!.Findings.First();
        var url = $"/forms/{_server.HostileForm}/findings/{finding.Id}/decision";
        using (var bare = await _server.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "dismiss", ["csrf"] = csrf })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
            Assert.Contains("驳回必须说明理由", await bare.Content.ReadAsStringAsync());
        }
        using (var ok = await _server.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
               { ["decision"] = "dismiss", ["csrf"] = csrf, ["reason"] = "<b>不是问题</b>", ["decidedBy"] = "" })))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            Assert.StartsWith($"/forms/{_server.HostileForm}", ok.Headers.Location!.OriginalString);
        }
        var record = Assert.Single(_server.Store.ReviewForm(_server.HostileForm)!.History, d => d.FindingId == finding.Id);
        Assert.Equal(("dismiss", "<b>不是问题</b>", "测试审核人"), (record.Decision, record.Reason, record.DecidedBy));
        var (_, after) = await Get($"/forms/{_server.HostileForm}");
        Assert.Contains("&lt;b&gt;不是问题&lt;/b&gt;", after);
    }

    [Fact]
    public async Task An_unknown_form_is_not_found() => Assert.Equal(HttpStatusCode.NotFound, (await Get("/forms/987654")).Item1);

    [Fact]
    public async Task The_browser_s_icon_request_is_answered_without_a_404()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await Get("/favicon.ico")).Item1);
        Assert.Contains("<link rel=\"icon\" href=\"data:,\">", (await Get("/")).Item2);
    }

    [GeneratedRegex("<script[^>]*src=\"([^\"]*)\"")]
    private static partial Regex ScriptSources();

    [GeneratedRegex("<img class=\"crop\" src=\"([^\"]*)\"")]
    private static partial Regex CropSource();

    [GeneratedRegex("name=\"csrf\" value=\"([0-9a-f]+)\"")]
    private static partial Regex Csrf();

    private long PdfDocument()
    {
        var store = _server.Store;
        return store.Queue(new QueueFilter(PageSize: 500)).Items.Select(i => store.ReviewForm(i.FormId)!).First(f => f.InputKind == "pdf-text").DocumentId;
    }

    [Fact]
    public async Task The_stylesheet_prints_a_form_without_its_controls_and_keeps_crops_whole()
    {
        var (status, css) = await Get("/static/review.css");
        Assert.Equal(HttpStatusCode.OK, status);
        var print = css[css.IndexOf("@media print", StringComparison.Ordinal)..];
        Assert.Contains(".decide", print, StringComparison.Ordinal);
        Assert.Contains("display: none", print, StringComparison.Ordinal);
        Assert.Contains("break-inside: avoid", print, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crop_is_kept_by_the_browser_and_a_revisit_is_answered_not_modified()
    {
        var url = $"/documents/{PdfDocument()}/pages/1.png?box=50,50,120,80";
        using var first = await _server.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("max-age", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        using var revisit = await _server.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revisit.StatusCode);
        Assert.Empty(await revisit.Content.ReadAsByteArrayAsync());
        // Another box of the same page is another crop.
        using var other = await _server.Http.GetAsync($"/documents/{PdfDocument()}/pages/1.png?box=50,50,121,80");
        Assert.NotEqual(etag, other.Headers.ETag);
    }

    [Theory]
    [InlineData("0,0,1000000000,1000000000")]        // clamped to the page: a crop, never a billion-pixel outline
    [InlineData("0,0,1e300,1e300")]
    public async Task A_box_larger_than_the_page_is_clamped_to_it(string box)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await _server.Http.GetAsync($"/documents/{PdfDocument()}/pages/1.png?box={box}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Theory]
    [InlineData("/pages/0.png?box=0,0,10,10")]
    [InlineData("/pages/1.png?box=10,10,5,5")]
    [InlineData("/pages/1.png?box=5000,5000,6000,6000")]
    [InlineData("/pages/1.png?box=a,b,c,d")]
    public async Task A_page_or_box_that_cannot_be_is_a_400_in_chinese(string rest)
    {
        var (status, html) = await Get($"/documents/{PdfDocument()}{rest}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("请求无效", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_posts_get_4xx_and_the_server_stays_up()
    {
        var finding = _server.Store.ReviewForm(_server.HostileForm)!.Findings.First();
        var decision = $"/forms/{_server.HostileForm}/findings/{finding.Id}/decision";
        var correction = $"/forms/{_server.HostileForm}/corrections";
        var (_, page) = await Get($"/forms/{_server.HostileForm}");
        var csrf = Csrf().Match(page).Groups[1].Value;

        using (var json = await _server.Http.PostAsync(decision, new StringContent("{\"decision\":\"confirm\"}", System.Text.Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        try
        {
            using var huge = await _server.Http.PostAsync(correction, new ByteArrayContent(new byte[3 << 20]) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } });
            Assert.True((int)huge.StatusCode is 400 or 413, $"{huge.StatusCode}");
        }
        catch (HttpRequestException e) when (e.InnerException is IOException or System.Net.Sockets.SocketException)
        {
            // Kestrel answers 413 once the body passes its limit and may close the connection before the client has
            // sent the rest: the upload is refused either way. What matters is that the server is still up (below).
        }
        using (var longField = await _server.Http.PostAsync(correction, new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = csrf, ["field"] = "totalScore", ["value"] = new string('9', 200_000) })))
            Assert.Equal(HttpStatusCode.BadRequest, longField.StatusCode);
        foreach (var (field, value) in new[] { ("indicators[٣].score", "5"), ("totalScore", "79228162514264337593543950335"), ("findings", "x") })
        {
            using var bad = await _server.Http.PostAsync(correction, new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = csrf, ["field"] = field, ["value"] = value, ["reason"] = "test" }));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Matches("[\u4e00-\u9fff]", await bad.Content.ReadAsStringAsync());
        }
        var (status, _) = await Get("/");
        Assert.Equal(HttpStatusCode.OK, status);
    }
}

public sealed partial class ReviewSignOffTests
{
    [Fact]
    public async Task A_form_decided_through_is_signed_off_on_the_page_with_the_reviewer_s_name_and_shanghai_time()
    {
        await using var server = await ReviewServer.StartAsync(withScans: false);
        var store = server.Store;
        var form = store.Forms(new FormListFilter(Search: "277号")).Items.Single(i => i.Pending > 0);
        foreach (var finding in store.ReviewForm(form.FormId)!.Findings.Where(f => f.Status == "pending"))
            store.Decide(form.FormId, finding.Id, "confirm", null, "审计员甲");
        var page = await server.Http.GetStringAsync($"/forms/{form.FormId}");
        Assert.Contains("class=\"do-signoff\"", page, StringComparison.Ordinal);
        var csrf = Csrf().Match(page).Groups[1].Value;

        using var signed = await server.Http.PostAsync($"/forms/{form.FormId}/signoff", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["csrf"] = csrf, ["opinion"] = "执行率填报误差已确认。", ["decidedBy"] = "审计员甲" }));
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.EndsWith("#signoff", signed.Headers.Location!.OriginalString, StringComparison.Ordinal);

        page = await server.Http.GetStringAsync($"/forms/{form.FormId}");
        var at = store.ReviewForm(form.FormId)!.SignedOff!.SignedAt;
        var shanghai = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8));
        Assert.Contains($"已审结 · 审计员甲 · {shanghai:yyyy-MM-dd HH:mm:ss}", page, StringComparison.Ordinal);
        Assert.Contains("执行率填报误差已确认。", page, StringComparison.Ordinal);
        Assert.Contains($"日期：{shanghai:yyyy-MM-dd}", page, StringComparison.Ordinal);   // the printed signature block
        Assert.DoesNotContain("class=\"do-signoff\"", page, StringComparison.Ordinal);
        var list = await server.Http.GetStringAsync("/forms?state=signed");
        Assert.Contains("共 1 张", list, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"csrf\" value=\"([0-9a-f]+)\"")]
    private static partial Regex Csrf();
}

public sealed class ReviewTokenTests
{
    [Fact]
    public void Binding_beyond_loopback_without_a_token_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ReviewOptions("x.db", Host: "0.0.0.0").Validate());
        Assert.Contains("--token", e.Message);
        new ReviewOptions("x.db", Host: "0.0.0.0", Token: "a-long-enough-token").Validate();
        new ReviewOptions("x.db", Host: "::1").Validate();
    }

    [Fact]
    public async Task With_a_token_every_request_needs_it_and_the_address_with_it_opens_the_page()
    {
        await using var server = await ReviewServer.StartAsync(token: "s3cret-token-for-tests", withScans: false);
        using (var bare = await server.Http.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
            Assert.Contains("请打开 perfeval review 启动时打印的地址", await bare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var wrong = await server.Http.GetAsync("/?token=wrong-token-wrong"))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var opened = await server.Http.GetAsync("/?token=s3cret-token-for-tests");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var cookie = opened.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        using var page = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_token_redirect_stays_on_this_server()
    {
        await using var server = await ReviewServer.StartAsync(token: "s3cret-token-for-tests", withScans: false);
        // The path itself starts with two slashes; the address is built whole so the client does not read it as a host.
        using var opened = await server.Http.GetAsync(new Uri(server.BaseUrl.TrimEnd('/') + "//evil.example/x?token=s3cret-token-for-tests"));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/evil.example/x", opened.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.0.0.1", false)]
    public void Loopback_is_known_in_every_spelling(string host, bool loopback) =>
        Assert.Equal(loopback, new ReviewOptions("x.db", Host: host).IsLoopback);

    [Fact]
    public void A_host_that_is_no_address_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new ReviewOptions("x.db", Host: "127.0.0.1:80").Validate());
        Assert.Contains("127.0.0.1:80", e.Message, StringComparison.Ordinal);
    }
}

public sealed class ReviewerTests
{
    [Fact]
    public async Task A_decision_without_a_reviewer_s_name_is_refused_never_recorded_as_the_machine_s_user()
    {
        await using var server = await ReviewServer.StartAsync(withScans: false, reviewer: null);
        var page = await server.Http.GetStringAsync($"/forms/{server.HostileForm}");
        var csrf = System.Text.RegularExpressions.Regex.Match(page, "name=\"csrf\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        var finding = server.Store.ReviewForm(server.HostileForm)!.Findings.First();
        using var response = await server.Http.PostAsync($"/forms/{server.HostileForm}/findings/{finding.Id}/decision",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "confirm", ["csrf"] = csrf, ["decidedBy"] = " " }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("审核人", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(server.Store.ReviewForm(server.HostileForm)!.History);

        using var named = await server.Http.PostAsync($"/forms/{server.HostileForm}/findings/{finding.Id}/decision",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "confirm", ["csrf"] = csrf, ["decidedBy"] = "审计员乙" }));
        Assert.Equal(HttpStatusCode.Redirect, named.StatusCode);
        Assert.Equal("审计员乙", Assert.Single(server.Store.ReviewForm(server.HostileForm)!.History).DecidedBy);
    }

    [Fact]
    public async Task Emptying_a_value_without_a_reason_is_refused()
    {
        await using var server = await ReviewServer.StartAsync(withScans: false);
        var page = await server.Http.GetStringAsync($"/forms/{server.HostileForm}");
        var csrf = System.Text.RegularExpressions.Regex.Match(page, "name=\"csrf\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        using var response = await server.Http.PostAsync($"/forms/{server.HostileForm}/corrections",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = csrf, ["field"] = "totalScore", ["value"] = "" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("理由", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(server.Store.ReviewForm(server.HostileForm)!.History);
    }

    [Theory]
    [InlineData("2026-12-02T05:37:05.1234567+00:00", "2026-12-02 13:37:05")]
    [InlineData("2026-12-31T20:00:00.0000000+00:00", "2027-01-01 04:00:00")]
    [InlineData("not a time", "not a time")]
    public void Times_are_shown_in_shanghai_time_to_the_second(string stored, string shown) =>
        Assert.Equal(shown, Labels.Time(stored));
}
