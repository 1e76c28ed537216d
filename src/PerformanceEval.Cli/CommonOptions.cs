using System.CommandLine;
using PerformanceEval.Pipeline;
using Serilog;
using Serilog.Events;

namespace PerformanceEval.Cli;

/// <summary>Options every command shares, and the start-up they drive.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Out = new("--out", "-o")
    {
        Description = "Write JSON Lines to this file ('-' or absent: standard output).",
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "pipeline.json to use (default: ./pipeline.json if present, else the built-in defaults).",
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log per-document stage timings and every extraction warning to standard error.",
    };

    /// <summary>Files read at once, as OCRmyPDF's <c>--jobs</c>: 1 or more; absent, pipeline.json's parallelism.</summary>
    public static readonly Option<int?> Workers = WorkersOption();

    private static Option<int?> WorkersOption()
    {
        var option = new Option<int?>("--workers", "-j")
        {
            Description = "Files read at once (default: pipeline.json's parallelism, else the machine's cores).",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError("--workers must be 1 or more.");
        });
        return option;
    }

    public static ILogger Logger(bool verbose) => new LoggerConfiguration()
        .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
        .Enrich.FromLogContext()
        .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose,
            outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}")
        .CreateLogger();

    public static PipelineSettings Settings(string? config) =>
        PipelineSettings.Load(config ?? (File.Exists("pipeline.json") ? "pipeline.json" : null));

    /// <summary>Opens the output: a file, or standard output. UTF-8 without BOM, "\n" line ends.</summary>
    public static TextWriter OpenOutput(string? path)
    {
        if (path is null or "-")
            return new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)) { NewLine = "\n", AutoFlush = false };
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        return new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
    }
}
