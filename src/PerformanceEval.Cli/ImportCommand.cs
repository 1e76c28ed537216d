using System.CommandLine;
using PerformanceEval.Pipeline;
using PerformanceEval.Storage;

namespace PerformanceEval.Cli;

/// <summary><c>perfeval import PATH... [--db TARGET] [--workers N] [--force] [--retry-failed]</c></summary>
internal static class ImportCommand
{
    private static readonly Argument<string[]> Paths = new("path") { Arity = ArgumentArity.OneOrMore, Description = "Files, or folders read recursively." };
    private static readonly Option<bool> Force = new("--force") { Description = "Read again documents already in the store (except those with auditors' decisions, which are kept)." };
    private static readonly Option<bool> RetryFailed = new("--retry-failed") { Description = "Read again documents that failed before." };

    public static Command Create()
    {
        var command = new Command("import",
            "Import an archive into the store: every file once by content, each document committed in one transaction. " +
            "Resumable: a second run reads nothing new; after a crash the next run picks up; Ctrl-C finishes the documents in hand.")
        {
            Paths, StoreOptions.Db, CommonOptions.Workers, Force, RetryFailed, CommonOptions.Config, CommonOptions.Verbose,
        };
        command.SetAction(p => Run(p.GetValue(Paths)!, p.GetValue(StoreOptions.Db)!, p.GetValue(CommonOptions.Workers), p.GetValue(Force),
            p.GetValue(RetryFailed), p.GetValue(CommonOptions.Config), p.GetValue(CommonOptions.Verbose)));
        return command;
    }

    private static int Run(string[] paths, string db, int? workers, bool force, bool retryFailed, string? config, bool verbose)
    {
        var log = CommonOptions.Logger(verbose);
        PipelineSettings settings;
        ExtractionPipeline pipeline;
        try
        {
            settings = CommonOptions.Settings(config);
            pipeline = new ExtractionPipelineBuilder().WithSettings(settings).WithLogger(log).KeepReadTables().Build();
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        var inputs = InputFiles.Expand(paths);
        var (files, missing) = (inputs.Files, inputs.Problems);
        foreach (var (path, reason) in missing) Console.Error.WriteLine($"error: {path}: {reason}");
        if (inputs.Duplicates > 0) log.Information("{Duplicates} files reached twice (through links) are read once", inputs.Duplicates);
        FormStore store;
        try
        {
            store = FormStore.Open(db);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: cannot open the store {db}: {e.Message}");
            return ExitCodes.SomeInputsFailed;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl-C stops the claiming; documents in hand finish and commit. A second one is the OS's.
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
            Console.Error.WriteLine("\ninterrupted: finishing the documents in hand; the rest stay pending");
        };
        using var bar = new ProgressReporter(Console.Error);
        ImportReport report;
        try
        {
            report = new Importer(store, pipeline, log).Run(files, workers ?? settings.Workers, force, retryFailed, bar, cancel.Token);
        }
        catch (StoreBusyException busy)
        {
            bar.Finish();
            Console.Error.WriteLine($"error: {db}: {busy.Message}");
            return ExitCodes.Usage;
        }
        bar.Finish();
        Console.Error.WriteLine($"{report.Registration.Known} already in the store, {report.Done} read, {report.Failed} failed, " +
                                $"{report.Forms} forms, {report.Findings} findings in {report.Elapsed.TotalSeconds:F1} s" +
                                (report.Interrupted ? " (interrupted; run again to continue)" : ""));
        foreach (var (path, reason) in report.Registration.Failures) Console.Error.WriteLine($"error: {path}: {reason}");
        if (report.Failed > 0) Console.Error.WriteLine("failed files and their reasons: perfeval status --db …");
        return report.Failed > 0 || missing.Count > 0 ? ExitCodes.SomeInputsFailed : ExitCodes.Ok;
    }
}
