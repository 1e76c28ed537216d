using System.ComponentModel;
using System.Diagnostics;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Serilog;

namespace PerformanceEval.Ingestion;

/// <summary>What a finished subprocess gave back.</summary>
public sealed record SubprocessResult(int ExitCode, byte[] Output, string Error);

/// <summary>pipeline.json's <c>subprocess</c> section: poppler's time limits.</summary>
/// <param name="TimeoutSeconds">Time one run of a tool may take on one file (default 60).</param>
/// <param name="Retries">Retries of a run that timed out (default 1); failures are never retried.</param>
public sealed record SubprocessSettings(double TimeoutSeconds = 60, int Retries = 1)
{
    public static SubprocessSettings Default { get; } = new();

    /// <summary>Rejects limits no run could use, naming the setting.</summary>
    public void Validate()
    {
        if (TimeoutSeconds <= 0 || Retries < 0)
            throw new ArgumentException("pipeline.json: subprocess.timeoutSeconds must be above 0 and subprocess.retries 0 or more");
    }

    /// <summary>The runner these limits make.</summary>
    public SubprocessRunner Runner(ILogger log, TimeProvider? time = null) => new(TimeSpan.FromSeconds(TimeoutSeconds), Retries, log, time);
}

/// <summary>The tool a stage needs is not installed; every file needing it fails with this reason.</summary>
public sealed class ToolMissingException(string tool, string package)
    : Exception($"{tool} is not installed (Debian package {package}: apt-get install {package})");

/// <summary>
/// Runs an external tool (poppler's pdftotext, pdftoppm) behind one Polly pipeline built at start-up, outermost
/// first: an overall timeout, a retry of timeouts only (a damaged file fails the same way every time, so a
/// failure is never retried), and a per-attempt timeout. A cancelled attempt kills the whole process tree.
/// </summary>
public sealed class SubprocessRunner
{
    private readonly ResiliencePipeline _pipeline;

    public SubprocessRunner(TimeSpan attemptTimeout, int retries, ILogger log, TimeProvider? time = null)
    {
        var logger = log.ForContext("Stage", "Subprocess");
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System }
            .AddTimeout(attemptTimeout * (retries + 1) + TimeSpan.FromSeconds(5));
        // Polly's retry takes one attempt or more; "retries": 0 in pipeline.json means no retry strategy at all.
        if (retries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                OnRetry = args =>
                {
                    logger.Warning("Retrying {Tool} after {Reason} (attempt {Attempt})", args.Context.OperationKey,
                        args.Outcome.Exception?.GetType().Name, args.AttemptNumber + 1);
                    return default;
                },
            });
        _pipeline = builder
            .AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = attemptTimeout,
                OnTimeout = args =>
                {
                    logger.Warning("{Tool} timed out after {Timeout}", args.Context.OperationKey, args.Timeout);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="tool"/> to completion. Throws <see cref="ToolMissingException"/> or <see cref="TimeoutRejectedException"/>.</summary>
    public SubprocessResult Run(string tool, string package, IReadOnlyList<string> arguments, CancellationToken cancel = default,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var context = ResilienceContextPool.Shared.Get(tool, cancel);
        try
        {
            return _pipeline.Execute(static (ctx, state) => RunOnce(state.tool, state.package, state.arguments, state.environment, ctx.CancellationToken),
                context, (tool, package, arguments, environment));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static SubprocessResult RunOnce(string tool, string package, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ToolMissingException(tool, package);
        }
        catch (Win32Exception)
        {
            throw new ToolMissingException(tool, package);
        }
        using (process)
        {
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancel);
            var error = process.StandardError.ReadToEndAsync(cancel);
            try
            {
                process.WaitForExitAsync(cancel).GetAwaiter().GetResult();
                copy.GetAwaiter().GetResult();
                return new SubprocessResult(process.ExitCode, output.ToArray(), error.GetAwaiter().GetResult());
            }
            catch (OperationCanceledException)
            {
                // The pipeline's timeout cancelled us: leave no orphan behind.
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw;
            }
        }
    }
}
