using System.CommandLine;
using PerformanceEval.ReviewPage;

namespace PerformanceEval.Cli;

/// <summary><c>perfeval review [--db] [--port 5080] [--host 127.0.0.1] [--token T] [--reviewer NAME]</c>: the auditors' page.</summary>
internal static class ReviewCommand
{
    private static readonly Option<int> Port = new("--port") { Description = "Port to serve on.", DefaultValueFactory = _ => 5080 };
    private static readonly Option<string> Host = new("--host")
    {
        Description = "Address to bind. Anything but loopback (127.0.0.1) needs --token.",
        DefaultValueFactory = _ => "127.0.0.1",
    };
    private static readonly Option<string?> Token = new("--token")
    {
        Description = "A secret every request must carry (open the printed address once; a cookie keeps it). Default: $PERFEVAL_REVIEW_TOKEN.",
    };
    private static readonly Option<string?> Reviewer = new("--reviewer")
    {
        Description = "The name decisions are recorded under when the page gives none (default: the login name).",
    };

    public static Command Create()
    {
        var command = new Command("review",
            "Serve the auditors' review page over the store: the queue of findings, each form with its evidence, and decisions " +
            "(confirm, dismiss with a reason, correct a misread value) that are stored and exported.")
        {
            StoreOptions.Db, Port, Host, Token, Reviewer, CommonOptions.Config, CommonOptions.Verbose,
        };
        command.SetAction((p, cancel) => Run(
            new ReviewOptions(p.GetValue(StoreOptions.Db)!, p.GetValue(Host)!, p.GetValue(Port),
                p.GetValue(Token) ?? Environment.GetEnvironmentVariable("PERFEVAL_REVIEW_TOKEN"), p.GetValue(Reviewer),
                p.GetValue(CommonOptions.Config) ?? (File.Exists("pipeline.json") ? "pipeline.json" : null)),
            p.GetValue(CommonOptions.Verbose), cancel));
        return command;
    }

    private static async Task<int> Run(ReviewOptions options, bool verbose, CancellationToken cancel)
    {
        if (!options.Db.Contains('=') && !options.Db.Contains("://") && !File.Exists(options.Db))
        {
            Console.Error.WriteLine($"error: no store at {options.Db} (run perfeval import first)");
            return ExitCodes.Usage;
        }
        var log = CommonOptions.Logger(verbose);
        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = ReviewApp.Build(options, log);
            await app.StartAsync(cancel);
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            // An address this machine has not, a family the socket cannot take (::ffff:127.0.0.1 on some systems).
            Console.Error.WriteLine($"error: cannot listen on {options.Host} port {options.Port}: {e.Message}");
            return ExitCodes.Usage;
        }
        foreach (var url in app.Urls)
            Console.Error.WriteLine($"review page: {url}/{(options.Token is null ? "" : "?token=" + Uri.EscapeDataString(options.Token))}  (Ctrl-C stops)");
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        return ExitCodes.Ok;
    }
}
