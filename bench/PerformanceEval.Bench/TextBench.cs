using System.Diagnostics;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using PerformanceEval.Pipeline;

namespace PerformanceEval.Bench;

/// <summary>
/// Text forms per second, the whole pipeline and each stage, with 1 and 2 workers, and the bytes each stage allocates
/// a form. The documents are held in memory (disk and decoding of the command line are not the pipeline's), each round
/// reads every document <c>copies</c> times, and each form is written as JSON as <c>extract</c> writes it.
/// </summary>
internal static class TextBench
{
    private static readonly string[] StageOrder = ["ingestion", "tables", "normalizer", "checker", "json"];

    public static int Run(string root, IReadOnlyList<string> paths, int rounds, int copies, int[] workerCounts)
    {
        if (paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p)) is { } missing)
        {
            Console.Error.WriteLine($"bench text: {missing}: no such file or folder");
            return 2;
        }
        var files = Inputs(root, paths);
        if (files.Count == 0)
        {
            Console.Error.WriteLine("bench text: no text files found (give files or folders; default: ../shared/seeds/*.txt)");
            return 2;
        }
        var pipeline = new ExtractionPipelineBuilder().WithSettings(PipelineSettings.Load(Path.Combine(root, "pipeline.json"))).Build();
        var documents = files.Select(f => SourceDocument.FromBytes(f, File.ReadAllBytes(f))).ToList();
        var work = Enumerable.Range(0, copies).SelectMany(_ => documents).ToArray();

        // Warm-up: the JIT's tiers settle over a few thousand calls of each hot method, compiled in the background; five
        // seconds of work leave nothing for it to do in the timed rounds (fewer left a fifth of the samples in the JIT).
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 5) documents.ForEach(d => Write(pipeline.Extract(d)));
        var formsPerRound = documents.Sum(d => pipeline.Extract(d).Forms.Length) * copies;
        Console.WriteLine($"{files.Count} text files ({documents.Sum(d => d.Bytes.Length):N0} bytes, {formsPerRound / copies} forms), " +
            $"{copies} copies a round = {formsPerRound:N0} forms, {rounds} rounds, {Environment.ProcessorCount} cores, in memory");

        var timings = workerCounts.Select(_ => new List<double>()).ToList();
        var gc = workerCounts.Select(_ => new GcTally()).ToList();
        var stageMs = new Dictionary<string, double>();
        var stageBytes = new Dictionary<string, long>();
        // Contenders take turns round by round (the machine's speed drifts within a minute); each is reported by its median.
        for (var round = 0; round < rounds; round++)
            for (var i = 0; i < workerCounts.Length; i++)
            {
                var workers = workerCounts[i];
                var tally = i == 0;
                timings[i].Add(gc[i].Time(() =>
                {
                    if (workers == 1)
                        foreach (var d in work) Measure(pipeline, d, tally ? stageMs : null, tally ? stageBytes : null);
                    else
                        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = workers }, d => Measure(pipeline, d, null, null));
                }));
            }

        double? one = null;
        for (var i = 0; i < workerCounts.Length; i++)
        {
            var sorted = timings[i].Order().ToList();
            var median = sorted[sorted.Count / 2];
            var rate = formsPerRound / median;
            one ??= workerCounts[i] == 1 ? rate : null;
            var scaling = one is { } o && workerCounts[i] > 1 ? $", {rate / o:F2}× one worker" : "";
            Console.WriteLine($"{workerCounts[i]} worker{(workerCounts[i] > 1 ? "s" : " ")} {rate,10:N0} forms/s   (median round {median * 1000:F0} ms, " +
                $"fastest {sorted[0] * 1000:F0}, slowest {sorted[^1] * 1000:F0}{scaling}){gc[i].Summary(rounds)}");
        }
        if (stageMs.Count > 0)
        {
            Console.WriteLine($"by stage, over the {workerCounts[0]}-worker rounds (forms/s if the stage ran alone; bytes allocated a form):");
            var tallied = (double)formsPerRound * rounds;
            foreach (var stage in StageOrder.Where(stageMs.ContainsKey))
                Console.WriteLine($"  {stage,-11} {tallied / (stageMs[stage] / 1000),12:N0} forms/s  {stageMs[stage] / tallied * 1000,8:F1} µs a form  " +
                    $"{stageBytes.GetValueOrDefault(stage) / tallied / 1024,8:F1} KB a form");
            var total = stageBytes.Values.Sum() / tallied / 1024;
            Console.WriteLine($"  {"all",-11} {tallied / (stageMs.Values.Sum() / 1000),12:N0} forms/s  {stageMs.Values.Sum() / tallied * 1000,8:F1} µs a form  {total,8:F1} KB a form");
        }
        return 0;
    }

    /// <summary>One document extracted and written, the stages' costs added to the tallies when they are given.</summary>
    private static void Measure(ExtractionPipeline pipeline, SourceDocument document, Dictionary<string, double>? ms, Dictionary<string, long>? bytes)
    {
        var result = pipeline.Extract(document);
        var start = Stopwatch.GetTimestamp();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Write(result);
        if (ms is null || bytes is null) return;
        ms["json"] = ms.GetValueOrDefault("json") + Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        bytes["json"] = bytes.GetValueOrDefault("json") + GC.GetAllocatedBytesForCurrentThread() - allocated;
        foreach (var (stage, value) in result.StageMilliseconds) ms[stage] = ms.GetValueOrDefault(stage) + value;
        foreach (var (stage, value) in result.StageAllocatedBytes) bytes[stage] = bytes.GetValueOrDefault(stage) + value;
    }

    /// <summary>Each form serialized as <c>extract</c> writes it, to a sink (the disk is not what is measured).</summary>
    private static void Write(DocumentResult result)
    {
        if (result.Failed) throw new InvalidOperationException($"{result.Path}: {result.Failure}");
        foreach (var form in result.Forms) TextWriter.Null.WriteLine(ContractJson.Serialize(form));
    }

    private static List<string> Inputs(string root, IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) paths = [Path.Combine(root, "..", "shared", "seeds")];
        return [.. paths.Where(p => File.Exists(p) || Directory.Exists(p)).SelectMany(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*.txt", SearchOption.AllDirectories)
            : [p]).Order()];
    }
}
