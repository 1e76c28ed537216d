using System.CommandLine;
using PerformanceEval.Contract;
using PerformanceEval.Pipeline;
using Serilog;
using Serilog.Context;

namespace PerformanceEval.Cli;

/// <summary><c>perfeval extract PATH... [--out FILE] [--workers N] [--summary] [--strict]</c></summary>
internal static class ExtractCommand
{
    private static readonly Argument<string[]> Paths = new("path")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Input files, or folders read recursively: text dumps (markdown/HTML tables, TSV, layout text; UTF-8, UTF-16 or GB18030), PDFs (text layer or scanned), PNG/JPEG/TIFF scans.",
    };

    private static readonly Option<bool> Summary = new("--summary")
    {
        Description = "After the run, print a table on standard error: forms read, forms with findings, findings by rule and severity.",
    };

    private static readonly Option<bool> Strict = new("--strict")
    {
        Description = "Fail a file on any extraction warning instead of recording it in the form's warnings.",
    };

    public static Command Create()
    {
        var command = new Command("extract",
            "Extract every form from the inputs and write one JSON object per form (JSON Lines, the contract in shared/contract). " +
            "Exit 0 when every input was read (findings do not fail a run), 1 when any input failed (each reported on standard error), 2 on a usage error.")
        {
            Paths, CommonOptions.Out, CommonOptions.Workers, Summary, Strict, CommonOptions.Config, CommonOptions.Verbose,
        };
        command.SetAction(parse => Run(parse.GetValue(Paths)!, parse.GetValue(CommonOptions.Out), parse.GetValue(CommonOptions.Workers),
            parse.GetValue(Summary), parse.GetValue(Strict), parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.Verbose)));
        return command;
    }

    private static int Run(string[] paths, string? outPath, int? workersAsked, bool summary, bool strict, string? config, bool verbose)
    {
        // System.CommandLine hands an unknown "--flag" to the path argument; no archive file is named like that.
        if (paths.FirstOrDefault(p => p.StartsWith('-') && !File.Exists(p) && !Directory.Exists(p)) is { } unknown)
        {
            Console.Error.WriteLine($"error: unknown option '{unknown}'. Run 'perfeval extract --help' for usage.");
            return ExitCodes.Usage;
        }
        var log = CommonOptions.Logger(verbose);
        PipelineSettings settings;
        ExtractionPipeline pipeline;
        try
        {
            settings = CommonOptions.Settings(config);
            pipeline = new ExtractionPipelineBuilder().WithSettings(settings).WithLogger(log).Strict(strict).Build();
        }
        catch (Exception e) when (e is ArgumentException or IOException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        var inputs = InputFiles.Expand(paths);
        var (files, missing) = (inputs.Files, inputs.Problems);
        foreach (var (path, reason) in missing) Console.Error.WriteLine($"error: {path}: {reason}");
        if (inputs.Duplicates > 0) log.Information("{Duplicates} files reached twice (through links) are read once", inputs.Duplicates);
        var workers = workersAsked ?? settings.Workers;
        log.Information("Extracting {FileCount} files with {Workers} workers", files.Count, workers);

        var tally = new RunSummary();
        var started = System.Diagnostics.Stopwatch.StartNew();
        using (var output = CommonOptions.OpenOutput(outPath))
        {
            // A dump read in sections is left to this thread, in its turn, so its forms are written as they are read
            // and in file order; the workers meanwhile go on with the files after it.
            // Each worker takes the next file when it is free (no buffering partitioner) and each result is handed on as
            // soon as its turn comes: PLINQ's default split of a list into one range a worker made the second worker's
            // results wait in memory for the first's whole range (615 MB on 4,000 files) and left it idle at the end.
            var results = System.Collections.Concurrent.Partitioner.Create(files, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering)
                .AsParallel().AsOrdered().WithDegreeOfParallelism(workers).WithMergeOptions(ParallelMergeOptions.NotBuffered)
                .Select(file =>
                {
                    using (LogContext.PushProperty("SourcePath", file))
                        return (File: file, Result: pipeline.ReadsInSections(file) ? null : pipeline.Extract(file));
                });
            foreach (var (file, extracted) in results)
            {
                DocumentResult result;
                if (extracted is null)
                {
                    using (LogContext.PushProperty("SourcePath", file))
                        result = pipeline.Extract(file, forms =>
                        {
                            tally.Add(forms);
                            foreach (var form in forms) output.WriteLine(ContractJson.Serialize(form));
                        });
                    if (result.Failed && result.FormCount > 0)
                        log.Warning("{SourcePath}: the {FormCount} forms read before the failure are written", file, result.FormCount);
                }
                else
                {
                    result = extracted;
                    tally.Add(result.Forms);
                    foreach (var form in result.Forms) output.WriteLine(ContractJson.Serialize(form));
                }
                tally.AddFile(result);
                if (result.Failed) Console.Error.WriteLine($"error: {result.Path}: {result.Failure}");
                if (verbose) LogDocument(log, result);
            }
        }
        log.Information("Read {FormCount} forms from {FileCount} files ({FailedCount} failed) in {ElapsedMs} ms",
            tally.Forms, files.Count, tally.FailedFiles, started.ElapsedMilliseconds);
        if (summary) tally.Print(Console.Error);
        return tally.FailedFiles > 0 || missing.Count > 0 ? ExitCodes.SomeInputsFailed : ExitCodes.Ok;
    }

    private static void LogDocument(ILogger log, DocumentResult result)
    {
        log.Debug("{SourcePath}: {FormCount} forms; ingestion {IngestionMs:F1} ms, tables {TablesMs:F1} ms, normalizer {NormalizerMs:F1} ms, checker {CheckerMs:F1} ms",
            result.Path, result.FormCount, result.StageMilliseconds.GetValueOrDefault("ingestion"),
            result.StageMilliseconds.GetValueOrDefault("tables"), result.StageMilliseconds.GetValueOrDefault("normalizer"),
            result.StageMilliseconds.GetValueOrDefault("checker"));
        foreach (var form in result.Forms)
            foreach (var warning in form.Warnings)
                log.Debug("{SourcePath} form {FormIndex}: {Warning}", result.Path, form.Source.FormIndex, warning);
    }
}
