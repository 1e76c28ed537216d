using System.Diagnostics;
using PerformanceEval.Pipeline;
using Serilog;
using Serilog.Context;

namespace PerformanceEval.Storage;

/// <summary>Where an import run stands, reported as it goes.</summary>
public sealed record ImportProgress(int Done, int Failed, int Total, int Forms, int Findings, TimeSpan Elapsed)
{
    public double FilesPerSecond => Elapsed.TotalSeconds > 0 ? (Done + Failed) / Elapsed.TotalSeconds : 0;

    public TimeSpan? Remaining => FilesPerSecond > 0 ? TimeSpan.FromSeconds((Total - Done - Failed) / FilesPerSecond) : null;
}

/// <summary>How a run ended.</summary>
public sealed record ImportReport(Registration Registration, int Done, int Failed, int Forms, int Findings, bool Interrupted, TimeSpan Elapsed);

/// <summary>
/// Takes an archive into the store: registers the files, then workers claim pending documents one at a time,
/// extract them and commit each in its own transaction. A crash loses at most the documents in hand, which stay
/// pending; cancellation (Ctrl-C) stops the claiming and lets the documents in hand finish.
/// </summary>
public sealed class Importer(FormStore store, ExtractionPipeline pipeline, ILogger log)
{
    private readonly ILogger _log = log.ForContext("Stage", "Import");

    public ImportReport Run(IReadOnlyList<string> files, int workers, bool force, bool retryFailed,
        IProgress<ImportProgress>? progress = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        using var exclusive = store.AcquireImportLock();
        var reset = store.ResetInterrupted();
        if (reset > 0) _log.Warning("{Count} documents an interrupted run left in hand are pending again", reset);
        var registration = store.Register(files, force, retryFailed, cancel);
        foreach (var (path, reason) in registration.Failures) _log.Warning("Cannot read {SourcePath}: {Reason}", path, reason);
        _log.Information("{Files} files: {Known} already in the store, {Queued} to read", registration.Files, registration.Known, registration.Queued);

        var runId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        int done = 0, failed = registration.Unreadable, forms = 0, findings = 0;
        var total = registration.Queued + registration.Unreadable;
        void Report() => progress?.Report(new ImportProgress(done, failed, total, forms, findings, clock.Elapsed));

        var threads = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(() =>
        {
            while (!cancel.IsCancellationRequested)
            {
                using var claim = store.ClaimNext(runId);
                if (claim is null) return;
                using var _ = LogContext.PushProperty("SourcePath", claim.Path);
                var started = Stopwatch.StartNew();
                try
                {
                    // A dump read in sections hands its forms on a section at a time; the spool keeps them on disk
                    // past a few hundred, so a worker never holds a whole archive file's forms.
                    using var spool = new FormSpool();
                    var result = pipeline.Extract(claim.Path, spool.Add);
                    if (result.Failed)
                    {
                        store.Fail(claim, result.Failure!, started.Elapsed);
                        Interlocked.Increment(ref failed);
                    }
                    else
                    {
                        store.Complete(claim, result, started.Elapsed, spool.Forms());
                        Interlocked.Increment(ref done);
                        Interlocked.Add(ref forms, spool.Count);
                        Interlocked.Add(ref findings, spool.Findings);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One file's unexpected failure never stops the run: it is recorded with its reason.
                    _log.Error(e, "Failed {SourcePath}", claim.Path);
                    try
                    {
                        store.Fail(claim, $"{e.GetType().Name}: {e.Message}", started.Elapsed);
                        Interlocked.Increment(ref failed);
                    }
                    catch (Exception again)
                    {
                        _log.Error(again, "Could not record the failure of {SourcePath}; it stays pending", claim.Path);
                    }
                }
                Report();
            }
        })).ToArray();
        Task.WaitAll(threads);
        Report();
        return new ImportReport(registration, done, failed, forms, findings, cancel.IsCancellationRequested, clock.Elapsed);
    }
}
