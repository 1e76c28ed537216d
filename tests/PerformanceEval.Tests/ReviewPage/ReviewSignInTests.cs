using System.Net;
using System.Text.RegularExpressions;
using PerformanceEval.ReviewPage;
using PerformanceEval.Storage;
using Xunit;

namespace PerformanceEval.Tests.ReviewPage;

/// <summary>Reviewers who sign in: every page asks for it, a wrong password is refused, decisions carry the name signed in.</summary>
public sealed partial class ReviewSignInTests
{
    [Fact]
    public async Task Once_a_reviewer_is_registered_every_page_asks_to_sign_in_and_decisions_carry_the_name_signed_in()
    {
        await using var server = await ReviewServer.StartAsync(withScans: false, prepare: store => store.SetReviewer("审计员甲", "correct horse battery"));

        using (var bare = await server.Http.GetAsync("/?rule=execution-rate"))
        {
            Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
            Assert.Equal("/login?next=%2F%3Frule%3Dexecution-rate", bare.Headers.Location!.OriginalString);
        }
        using (var post = await server.Http.PostAsync("/decisions?rule=execution-rate", new FormUrlEncodedContent(new Dictionary<string, string>())))
            Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);

        var login = await server.Http.GetStringAsync("/login?next=%2F%3Frule%3Dexecution-rate");
        var csrf = Csrf().Match(login).Groups[1].Value;
        using (var wrong = await server.Http.PostAsync("/login", Form(("csrf", csrf), ("name", "审计员甲"), ("password", "wrong password"), ("next", "/"))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("姓名或密码不对", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var offSite = await server.Http.PostAsync("/login", Form(("csrf", csrf), ("name", "审计员甲"), ("password", "correct horse battery"), ("next", "//evil.example/x"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, offSite.StatusCode);
            Assert.Equal("/", offSite.Headers.Location!.OriginalString);   // never off-site
        }

        var queue = await server.Http.GetStringAsync("/?rule=execution-rate");
        Assert.Contains("<strong id=\"signed-in\">审计员甲</strong>", queue, StringComparison.Ordinal);
        var item = server.Store.Queue(new QueueFilter(Rule: "execution-rate")).Items.First(i => i.Status == "pending");
        using (var decided = await server.Http.PostAsync($"/forms/{item.FormId}/findings/{item.FindingId}/decision",
                   Form(("csrf", csrf), ("decision", "confirm"), ("decidedBy", "冒名者"))))
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal("审计员甲", server.Store.ReviewForm(item.FormId)!.History.Single(d => d.FindingId == item.FindingId).DecidedBy);

        using (var logout = await server.Http.PostAsync("/logout", Form()))
            Assert.Equal("/login", logout.Headers.Location!.OriginalString);
        using var after = await server.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public void A_session_cookie_is_the_server_s_own_and_unaltered()
    {
        var sessions = new ReviewerSessions(required: true);
        var cookie = sessions.Issue("审计员甲");
        Assert.Equal("审计员甲", sessions.Reviewer(cookie));
        var parts = cookie.Split('.');
        var other = Convert.ToBase64String("审计员乙"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Null(sessions.Reviewer($"{other}.{parts[1]}.{parts[2]}"));       // another name under the same signature
        Assert.Null(sessions.Reviewer($"{parts[0]}.{parts[1]}9.{parts[2]}"));   // a later expiry
        Assert.Null(new ReviewerSessions(required: true).Reviewer(cookie));     // another server's key
        Assert.Null(sessions.Reviewer("garbage"));
        Assert.Null(sessions.Reviewer(null));
    }

    [Fact]
    public void Five_failed_sign_ins_lock_the_name_for_five_minutes_and_a_success_clears_the_count()
    {
        var clock = new MovableClock();
        var throttle = new SignInThrottle(time: clock);
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            Assert.True(throttle.Allowed("审计员甲"));
            throttle.Failed("审计员甲");
        }
        Assert.False(throttle.Allowed("审计员甲"));
        Assert.False(throttle.Allowed(" 审计员甲 "));
        Assert.True(throttle.Allowed("审计员乙"));   // another name is not locked out with it
        clock.Now += SignInThrottle.Window;
        Assert.True(throttle.Allowed("审计员甲"));
        throttle.Failed("审计员甲");                  // a new window: one failure, not six
        Assert.True(throttle.Allowed("审计员甲"));
        for (var i = 0; i < SignInThrottle.MaxFailures - 2; i++) throttle.Failed("审计员甲");
        throttle.Succeeded("审计员甲");
        throttle.Failed("审计员甲");
        Assert.True(throttle.Allowed("审计员甲"));
    }

    [Fact]
    public async Task The_server_refuses_a_sixth_guess_without_checking_it()
    {
        await using var server = await ReviewServer.StartAsync(withScans: false, prepare: store => store.SetReviewer("审计员甲", "correct horse battery"));
        var csrf = Csrf().Match(await server.Http.GetStringAsync("/login")).Groups[1].Value;
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            using var wrong = await server.Http.PostAsync("/login", Form(("csrf", csrf), ("name", "审计员甲"), ("password", $"guess {i}")));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        // Even the right password is refused until the window has passed.
        using var locked = await server.Http.PostAsync("/login", Form(("csrf", csrf), ("name", "审计员甲"), ("password", "correct horse battery")));
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.Contains("5 分钟后再试", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_address_spraying_a_password_over_many_names_is_refused_after_twenty_failures()
    {
        await using var server = await ReviewServer.StartAsync(withScans: false, prepare: store => store.SetReviewer("审计员甲", "correct horse battery"));
        var csrf = Csrf().Match(await server.Http.GetStringAsync("/login")).Groups[1].Value;
        // Each name fails fewer times than its own limit; the address fails twenty times in all.
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAddress; i++)
        {
            using var wrong = await server.Http.PostAsync("/login", Form(("csrf", csrf), ("name", $"审计员{i % 5}"), ("password", "Summer2026!")));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var refused = await server.Http.PostAsync("/login", Form(("csrf", csrf), ("name", "审计员甲"), ("password", "correct horse battery")));
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Contains("本机连续 20 次登录失败", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_made_up_by_the_thousand_are_swept_once_their_window_has_passed()
    {
        var clock = new MovableClock();
        var throttle = new SignInThrottle(time: clock);
        for (var i = 0; i < 10_000; i++) throttle.Failed($"n{i}");
        clock.Now += SignInThrottle.Window;
        throttle.Failed("one more");
        throttle.Failed("and another");
        Assert.Equal(2, throttle.Count);
    }

    private sealed class MovableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 3, 4, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex("name=\"csrf\" value=\"([0-9a-f]+)\"")]
    private static partial Regex Csrf();
}
