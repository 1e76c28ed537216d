namespace PerformanceEval.ReviewPage;

/// <summary>The sign-in page: a reviewer's name and password (registered with perfeval reviewer add).</summary>
internal static class LoginView
{
    public static Html Render(string csrf, string next, string? error)
    {
        var html = new Html().Element("h1", "登录");
        if (error is not null) html.Element("p", error, ("class", "error"), ("id", "login-error"));
        return html.Open("form", ("method", "post"), ("action", "/login"), ("class", "login"))
            .Open("input", ("type", "hidden"), ("name", "csrf"), ("value", csrf))
            .Open("input", ("type", "hidden"), ("name", "next"), ("value", next))
            .Raw("<p><label>审核人 ").Open("input", ("name", "name"), ("required", "required"), ("autocomplete", "username")).Raw("</label></p>")
            .Raw("<p><label>密码 ").Open("input", ("name", "password"), ("type", "password"), ("required", "required"), ("autocomplete", "current-password")).Raw("</label></p>")
            .Raw("<p><button type=\"submit\">登录</button></p></form>");
    }
}
