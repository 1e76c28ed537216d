using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using PerformanceEval.Pipeline;
using PerformanceEval.Review;
using PerformanceEval.Storage;

namespace PerformanceEval.ReviewPage;

/// <summary>
/// The auditors' review page: an ASP.NET Core app over the import store. Pages are written on the server (they work
/// without the script; the script adds the keyboard), every decision is a POST that is stored before the page moves
/// on. Bound to loopback unless a token guards it; every POST carries a per-run secret so that another site open in
/// the same browser cannot record decisions.
/// </summary>
public static class ReviewApp
{
    private const string TokenCookie = "perfeval-review-token";

    public static WebApplication Build(ReviewOptions options, Serilog.ILogger log)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var store = FormStore.Open(options.Db);
        var settings = PipelineSettings.Load(options.ConfigPath);
        var corrector = new FormCorrector(new ExtractionPipelineBuilder().WithSettings(settings).Build().Checker);
        var images = new PageImages(settings.SubprocessOptions.Runner(log));
        var files = new DocumentFiles();
        var csrf = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        // A decision is recorded under a person's name: the one typed in the page's 审核人 box, else --reviewer; never the
        // machine's login (every decision would read "root").
        var reviewer = options.Reviewer ?? "";
        var logger = log.ForContext("Stage", "Review");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // A decision or a correction is a few hundred bytes: bodies beyond 1 MB and form values beyond 64 KB are refused
        // before they are read (413/400), never buffered.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1 << 20);
        Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(builder.Services, o =>
        {
            o.ValueLengthLimit = 64 << 10;
            o.KeyLengthLimit = 256;
            o.ValueCountLimit = 64;
            o.MultipartBodyLengthLimit = 1 << 20;
        });
        builder.WebHost.UseUrls($"http://{(options.Host.Contains(':') ? $"[{options.Host}]" : options.Host)}:{options.Port}");
        var app = builder.Build();

        if (options.Token is { } token) app.Use((context, next) => Guard(context, next, token));
        app.Use(async (context, next) =>
        {
            // Everything the page shows is escaped; the policy is the second wall should that ever fail.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self'; script-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            try
            {
                await next(context);
            }
            catch (Exception e) when (e is DecisionRejectedException or CorrectionRejectedException)
            {
                await WritePage(context, 400, "无法记录", new Html().Element("h1", "无法记录该决定").Element("p", e.Message, ("class", "error"))
                    .Raw("<p><a href=\"/\">回到问题队列</a></p>"), reviewer);
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                // A body over the limit, a malformed form: the request's fault, said in the reviewers' language.
                await WritePage(context, e.StatusCode, "请求无效", new Html().Element("h1", "请求无效").Element("p", "请求内容过大或格式不对，未被处理。", ("class", "error")), reviewer);
            }
            catch (InvalidDataException) when (!context.Response.HasStarted && context.Request.HasFormContentType)
            {
                // ASP.NET's form reader refuses a value or a key over the limits above.
                await WritePage(context, 400, "请求无效", new Html().Element("h1", "请求无效").Element("p", "表单中某一项过长或项数过多，未被处理。", ("class", "error")), reviewer);
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                logger.Error(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path.Value);
                await WritePage(context, 500, "出错", new Html().Element("h1", "服务器出错").Element("p", "该操作未完成，详情见服务日志。", ("class", "error")), reviewer);
            }
        });

        // Reviewers who sign in: once any is registered (perfeval reviewer add), every page but the sign-in page needs a
        // signed session cookie, and decisions are recorded under the name signed in.
        var signIn = new ReviewerSessions(store.HasReviewers());
        var throttle = new SignInThrottle();
        var byAddress = new SignInThrottle(SignInThrottle.MaxFailuresPerAddress);
        app.Use(async (context, next) =>
        {
            if (!signIn.Required || context.Request.Path.StartsWithSegments("/login") || context.Request.Path.StartsWithSegments("/static"))
            {
                await next(context);
                return;
            }
            if (signIn.Reviewer(context.Request.Cookies[ReviewerSessions.Cookie]) is { } name)
            {
                context.Items[SignedInItem] = name;
                await next(context);
                return;
            }
            if (HttpMethods.IsGet(context.Request.Method))
                context.Response.Redirect("/login?next=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
            else
                await WritePage(context, 401, "请先登录", new Html().Element("h1", "请先登录").Element("p", "审核须登录后进行。", ("class", "error"))
                    .Raw("<p><a href=\"/login\">登录</a></p>"), reviewer);
        });

        app.MapGet("/login", (HttpContext context) => Page(context, 200, "登录", LoginView.Render(csrf, LocalPath(context.Request.Query["next"]), null), reviewer));
        app.MapPost("/login", async (HttpContext context) =>
        {
            if (!context.Request.HasFormContentType) return BadRequest(context, reviewer, "登录须以表单提交");
            var form = await context.Request.ReadFormAsync();
            if (!SameSecret(form["csrf"], csrf)) return Forbidden(context, reviewer);
            var name = Blank(form["name"]) ?? "";
            var next = LocalPath(form["next"]);
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (!byAddress.Allowed(address))
            {
                logger.Warning("Sign-in from {Address} refused: too many failed attempts", address);
                return Page(context, 429, "登录", LoginView.Render(csrf, next, $"本机连续 {SignInThrottle.MaxFailuresPerAddress} 次登录失败，请 {SignInThrottle.Window.TotalMinutes:0} 分钟后再试。"), reviewer);
            }
            if (!throttle.Allowed(name))
            {
                logger.Warning("Sign-in of {Reviewer} refused: too many failed attempts", name);
                return Page(context, 429, "登录", LoginView.Render(csrf, next, $"该审核人连续 {SignInThrottle.MaxFailures} 次登录失败，请 {SignInThrottle.Window.TotalMinutes:0} 分钟后再试。"), reviewer);
            }
            if (!signIn.Required || !store.Authenticate(name, (string?)form["password"] ?? ""))
            {
                throttle.Failed(name);
                byAddress.Failed(address);
                logger.Warning("Sign-in refused for {Reviewer} from {Address}", name, address);
                return Page(context, 401, "登录", LoginView.Render(csrf, next, "姓名或密码不对。"), reviewer);
            }
            throttle.Succeeded(name);
            context.Response.Cookies.Append(ReviewerSessions.Cookie, signIn.Issue(name), new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", MaxAge = ReviewerSessions.Lifetime,
            });
            logger.Information("{Reviewer} signed in", name);
            return Redirect(context, next);
        });
        app.MapPost("/logout", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(ReviewerSessions.Cookie, new CookieOptions { Path = "/" });
            return Redirect(context, "/login");
        });

        app.MapGet("/", (HttpContext context) =>
        {
            var filter = FilterOf(context.Request.Query);
            return Page(context, 200, "问题队列", QueueView.Render(store.Queue(filter), filter, csrf), reviewer);
        });

        // Every pending finding a filter selects, confirmed or dismissed at once (one cause, one decision).
        app.MapPost("/decisions", async (HttpContext context) =>
        {
            if (!context.Request.HasFormContentType) return BadRequest(context, reviewer, "决定须以表单提交");
            var form = await context.Request.ReadFormAsync();
            if (!SameSecret(form["csrf"], csrf)) return Forbidden(context, reviewer);
            var filter = FilterOf(context.Request.Query) with { Status = null, Page = 1 };
            if (filter is { Year: null, Department: null, Rule: null, Severity: null })
                throw new DecisionRejectedException("一并决定须先筛选（规则、年度、主管部门或严重程度）");
            if (!long.TryParse(form["expected"], NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
                throw new DecisionRejectedException("缺少所见的问题条数，请刷新后再试");
            var decision = (string?)form["decision"] ?? "";
            var by = Who(context, form["decidedBy"], reviewer);
            var decided = store.DecideAll(filter, decision, Blank(form["reason"]), by, expected);
            logger.Information("{Reviewer} {Decision} {Count} findings at once ({Rule}, {Year}, {Department}, {Severity})",
                by, decision, decided, filter.Rule, filter.Year, filter.Department, filter.Severity);
            return Redirect(context, QueueView.Link(filter));
        });

        // The summary by department and year, on the page and as the workbook an auditor files.
        app.MapGet("/report", (HttpContext context) =>
        {
            var filter = SummaryFilterOf(context.Request.Query);
            return Page(context, 200, "汇总", ReportView.Render(store.Summary(filter), filter), reviewer);
        });
        app.MapGet("/report.xlsx", (HttpContext context) =>
        {
            var bytes = new MemoryStream();
            SummaryWorkbook.WriteXlsx(store.Summary(SummaryFilterOf(context.Request.Query)), bytes);
            return Results.File(bytes.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "绩效自评汇总.xlsx");
        });
        app.MapGet("/report.csv", (HttpContext context) =>
        {
            var bytes = new MemoryStream();
            SummaryWorkbook.WriteCsv(store.Summary(SummaryFilterOf(context.Request.Query)), bytes);
            return Results.File(bytes.ToArray(), "text/csv; charset=utf-8", "绩效自评汇总.csv");
        });

        // Every form, clean ones too: search by project name (its document number) or department, by state.
        app.MapGet("/forms", (HttpContext context) =>
        {
            var q = context.Request.Query;
            var filter = new FormListFilter(Blank(q["q"]) is { } text && text.Length <= 200 ? text : null,
                int.TryParse(q["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null,
                Departments.Canonical(Blank(q["department"])),
                (string?)q["state"] is { } state && FormStore.FormStates.Contains(state) ? state : null,
                int.TryParse(q["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1);
            return Page(context, 200, "全部自评表", FormsView.Render(store.Forms(filter), filter), reviewer);
        });

        app.MapPost("/forms/{id:long}/signoff", async (HttpContext context, long id) =>
        {
            if (!context.Request.HasFormContentType) return BadRequest(context, reviewer, "审结须以表单提交");
            var form = await context.Request.ReadFormAsync();
            if (!SameSecret(form["csrf"], csrf)) return Forbidden(context, reviewer);
            var opinion = Blank(form["opinion"]) ?? throw new DecisionRejectedException("审结须填写审核意见");
            var by = Who(context, form["decidedBy"], reviewer);
            store.SignOff(id, opinion, by);
            logger.Information("{Reviewer} signed off form {FormId}", by, id);
            return Redirect(context, $"/forms/{id}{QueueView.FormQuery(FilterOf(context.Request.Query))}#signoff");
        });

        app.MapGet("/forms/{id:long}", (HttpContext context, long id) =>
        {
            // The queue's filter comes along in the address, so 上一张/下一张 (p/n) stay within it.
            var along = FilterOf(context.Request.Query);
            if (store.ReviewForm(id, along) is not { } stored) return NotFound(context, reviewer);
            var form = ContractJson.Deserialize(stored.CurrentJson);
            var document = store.Document(stored.DocumentId);
            var evidence = new Evidence(document, document is null ? null : files.Resolve(document), form, stored.InputKind);
            long? changed = long.TryParse(context.Request.Query["changed"], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
            var source = $"{document?.Paths.FirstOrDefault() ?? form.Source.Path}（{stored.InputKind}，第 {stored.FormIndex + 1} 张表）";
            var (others, more) = store.OtherSources(id, FormPageModel.OtherSourcesShown);
            return Page(context, 200, form.ProjectName ?? "自评表",
                FormView.Render(new FormPageModel(stored, form, source, evidence.For, csrf, changed)
                {
                    Along = along,
                    OtherSources = [.. others.Select(o => (o, SameForm.Differences(form, ContractJson.Deserialize(o.Json))))],
                    MoreOtherSources = more,
                }), reviewer);
        });

        // The working paper (审计底稿) as a file to file with the audit: the form page as it prints — form, findings,
        // evidence with the crops inline, decisions, reviewer and date, the signature block — with nothing to fetch.
        app.MapGet("/forms/{id:long}/working-paper.html", (HttpContext context, long id) =>
        {
            if (store.ReviewForm(id) is not { } stored) return NotFound(context, reviewer);
            var form = ContractJson.Deserialize(stored.CurrentJson);
            var document = store.Document(stored.DocumentId);
            var path = document is null ? null : files.Resolve(document);
            // A page that cannot be rendered (a file changed on disk, a box off its page) costs its crop, not the paper.
            byte[]? Crop(int page, double[] box)
            {
                try
                {
                    return images.Crop(path!, stored.InputKind!, page, box);
                }
                catch (Exception e) when (e is InvalidDataException or ArgumentException)
                {
                    logger.Warning("No crop of document {DocumentId} page {Page} for a working paper: {Reason}", stored.DocumentId, page, e.Message);
                    return null;
                }
            }
            var evidence = new Evidence(document, path, form, stored.InputKind, path is null ? null : Crop);
            var source = $"{document?.Paths.FirstOrDefault() ?? form.Source.Path}（{stored.InputKind}，第 {stored.FormIndex + 1} 张表）";
            var title = form.ProjectName ?? "自评表";
            var html = Layout.Paper(title, FormView.Render(new FormPageModel(stored, form, source, evidence.For, csrf, null)), Stylesheet.Value);
            var name = $"审计底稿-{id}-{string.Concat(title.Where(c => !Path.GetInvalidFileNameChars().Contains(c) && c is not ('"' or '\\' or '/'))).Trim()}.html";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"working-paper-{id}.html\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
            logger.Information("Working paper of form {FormId} downloaded", id);
            return Results.Text(html, "text/html; charset=utf-8");
        });

        app.MapPost("/forms/{id:long}/findings/{findingId:long}/decision", async (HttpContext context, long id, long findingId) =>
        {
            if (!context.Request.HasFormContentType) return BadRequest(context, reviewer, "决定须以表单提交");
            var form = await context.Request.ReadFormAsync();
            if (!SameSecret(form["csrf"], csrf)) return Forbidden(context, reviewer);
            var decision = (string?)form["decision"];
            var reason = Blank(form["reason"]);
            if (decision is not ("confirm" or "dismiss")) throw new DecisionRejectedException("决定只能是确认或驳回");
            if (decision == "dismiss" && reason is null) throw new DecisionRejectedException("驳回必须说明理由");
            var by = Who(context, form["decidedBy"], reviewer);
            store.Decide(id, findingId, decision, reason, by);
            logger.Information("{Reviewer} {Decision} finding {FindingId} of form {FormId}", by, decision, findingId, id);
            return Redirect(context, $"/forms/{id}{QueueView.FormQuery(FilterOf(context.Request.Query))}{NextFinding(store, id, findingId)}");
        });

        app.MapPost("/forms/{id:long}/corrections", async (HttpContext context, long id) =>
        {
            if (!context.Request.HasFormContentType) return BadRequest(context, reviewer, "更正须以表单提交");
            var form = await context.Request.ReadFormAsync();
            if (!SameSecret(form["csrf"], csrf)) return Forbidden(context, reviewer);
            var field = Blank(form["field"]) ?? throw new DecisionRejectedException("请填写要更正的字段");
            long? findingId = long.TryParse(form["findingId"], NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : null;
            var by = Who(context, form["decidedBy"], reviewer);
            if (string.IsNullOrWhiteSpace(form["value"]) && Blank(form["reason"]) is null)
                throw new DecisionRejectedException("把一个值改为空须说明理由");
            var (decision, corrected) = store.Correct(id, findingId, field,
                json => corrector.Apply(json, new Correction(field, (string?)form["value"] ?? "")), Blank(form["reason"]), by);
            logger.Information("{Reviewer} corrected {Field} of form {FormId}: {Original} -> {Corrected}; {Resolved} findings resolved, {Raised} raised",
                by, field, id, corrected.OriginalValue, corrected.CorrectedValue, corrected.Changes.Resolved.Length, corrected.Changes.Raised.Length);
            var along = QueueView.FormQuery(FilterOf(context.Request.Query));
            return Redirect(context, $"/forms/{id}{(along.Length > 0 ? along + "&" : "?")}changed={decision.Id}#outcome");
        });

        // Page images by document id only: the path is the store's, never the request's.
        app.MapGet("/documents/{id:long}/pages/{page:int}.png", (HttpContext context, long id, int page) =>
        {
            if (store.Document(id) is not { InputKind: "pdf-text" or "pdf-scan" or "image" } document) return NotFound(context, reviewer);
            if (files.Resolve(document) is not { } path) return NotFound(context, reviewer);
            if (page < 1 || page > 10_000) return BadRequest(context, reviewer, "页码应从 1 开始");
            var box = ((string?)context.Request.Query["box"] ?? "").Split(',')
                .Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d >= 0 ? d : double.NaN).ToArray();
            if (box.Length != 4 || box.Any(double.IsNaN) || box[2] <= box[0] || box[3] <= box[1])
                return BadRequest(context, reviewer, "box 应为四个非负数 x0,y0,x1,y1，且 x1 > x0、y1 > y0");
            // A crop is a function of the document's bytes, the page and the box: the browser keeps it, and asks again
            // only to hear "not modified" (a scan's crop costs seconds to render).
            var etag = $"\"{document.Sha256[..Math.Min(16, document.Sha256.Length)]}-{page}-{string.Join('_', box.Select(b => b.ToString("R", CultureInfo.InvariantCulture)))}\"";
            context.Response.Headers.CacheControl = "private, max-age=86400";
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(304);
            try
            {
                return Results.File(images.Crop(path, document.InputKind!, page, box), "image/png");
            }
            catch (ArgumentOutOfRangeException)
            {
                return BadRequest(context, reviewer, "框不在页面之内");
            }
            catch (InvalidDataException e)
            {
                logger.Warning("No page image for document {DocumentId} page {Page}: {Reason}", id, page, e.Message);
                return NotFound(context, reviewer);
            }
        });

        app.MapGet("/static/{name}", (string name) =>
        {
            if (name is not ("review.css" or "review.js")) return Results.NotFound();
            return Asset(name) is { } text
                ? Results.Text(text, name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
                : Results.NotFound();
        });

        // The page has no icon of its own: a browser's request for one is answered "nothing", not a 404 in the log.
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapFallback((HttpContext context) => NotFound(context, reviewer));
        // The pages kept for crops are native memory: given back when the server stops.
        app.Lifetime.ApplicationStopping.Register(images.Dispose);
        return app;
    }

    /// <summary>After a decision, the form's next finding still to decide, else the form's top.</summary>
    private static string NextFinding(FormStore store, long formId, long decided)
    {
        var findings = store.ReviewForm(formId)?.Findings ?? [];
        var after = findings.SkipWhile(f => f.Id != decided).Skip(1).Concat(findings).FirstOrDefault(f => f.Status == "pending");
        return after is null ? "#history" : $"#finding-{after.Id}";
    }

    private static async Task Guard(HttpContext context, Func<Task> next, string token)
    {
        if (context.Request.Query["token"] is { Count: > 0 } given && SameSecret(given, token))
        {
            context.Response.Cookies.Append(TokenCookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
            // To this server's own path: "//evil.example/x" would otherwise be a protocol-relative address off-site.
            context.Response.Redirect("/" + (context.Request.Path.Value ?? "").TrimStart('/', '\\'));
            return;
        }
        if (context.Request.Cookies.TryGetValue(TokenCookie, out var cookie) && SameSecret(cookie, token))
        {
            await next();
            return;
        }
        context.Response.StatusCode = 401;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("401：请打开 perfeval review 启动时打印的地址（带 ?token=），本页须凭该地址进入。");
    }

    private static bool SameSecret(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Who decided: the reviewer signed in, when reviewers sign in (a name typed on the page then counts for nothing);
    /// otherwise the name in the page's 审核人 box, else --reviewer.
    /// </summary>
    private static string Who(HttpContext context, string? given, string fallback)
    {
        if (SignedIn(context) is { } signedIn) return signedIn;
        var name = Blank(given) ?? Blank(fallback) ?? throw new DecisionRejectedException("请在页面上方填写审核人姓名后再提交");
        return name.Length > 100 ? name[..100] : name;
    }

    private const string SignedInItem = "perfeval.reviewer";

    private static string? SignedIn(HttpContext context) => context.Items[SignedInItem] as string;

    private static IResult Page(HttpContext context, int status, string title, Html body, string reviewer) =>
        Results.Content(Layout.Page(title, body, SignedIn(context) ?? reviewer, SignedIn(context) is not null), "text/html; charset=utf-8", Encoding.UTF8, status);

    private static Task WritePage(HttpContext context, int status, string title, Html body, string reviewer)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(Layout.Page(title, body, SignedIn(context) ?? reviewer, SignedIn(context) is not null));
    }

    private static IResult NotFound(HttpContext context, string reviewer) =>
        Page(context, 404, "未找到", new Html().Element("h1", "未找到").Element("p", "没有这个页面或文件。").Raw("<p><a href=\"/\">回到问题队列</a></p>"), reviewer);

    private static IResult BadRequest(HttpContext context, string reviewer, string why) =>
        Page(context, 400, "请求无效", new Html().Element("h1", "请求无效").Element("p", why, ("class", "error")).Raw("<p><a href=\"/\">回到问题队列</a></p>"), reviewer);

    private static IResult Forbidden(HttpContext context, string reviewer) =>
        Page(context, 403, "已过期", new Html().Element("h1", "页面已过期").Element("p", "审核服务已重启，请刷新页面后再提交。"), reviewer);

    /// <summary>POST, then redirect, then GET: a reload never records a decision twice.</summary>
    private static IResult Redirect(HttpContext context, string location) => Results.Redirect(location);

    /// <summary>A file of the page embedded in the assembly (<c>wwwroot/</c>), or null.</summary>
    private static string? Asset(string name)
    {
        using var stream = typeof(ReviewApp).Assembly.GetManifestResourceStream("wwwroot/" + name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static readonly Lazy<string> Stylesheet = new(() => Asset("review.css") ?? "");

    /// <summary>Where to go after signing in: a path of this server only ("//evil.example" is no path here).</summary>
    private static string LocalPath(string? next) =>
        next is { Length: > 0 } n && n.StartsWith('/') && !n.StartsWith("//", StringComparison.Ordinal) && !n.StartsWith("/\\", StringComparison.Ordinal) ? n : "/";

    /// <summary>The summary's year and 主管部门 (either spelling finds the canonical one the store groups by).</summary>
    private static ExportFilter SummaryFilterOf(IQueryCollection q) => new(
        int.TryParse(q["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null,
        Departments.Canonical(Blank(q["department"])));

    private static readonly Templates.DepartmentNames Departments = Templates.DepartmentNames.Load(null);

    /// <summary>The queue's filter in an address (<c>?year=…&amp;rule=…</c>); what is not a valid value is no filter.</summary>
    private static QueueFilter FilterOf(IQueryCollection q) => new(
        int.TryParse(q["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null,
        Blank(q["department"]), Blank(q["rule"]), Blank(q["severity"]), Blank(q["status"]),
        int.TryParse(q["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1,
        Sort: (string?)q["sort"] == "amount" ? "amount" : "severity",
        Kind: (string?)q["kind"] is "stated" or "ocr" ? (string?)q["kind"] : null);
}
