using System.Diagnostics;
using PerformanceEval.Pipeline;
using PerformanceEval.Storage;
using Serilog.Core;

namespace PerformanceEval.Bench;

/// <summary>Files per second of <c>import</c> into a fresh SQLite store, by input kind and worker count.</summary>
internal static class ImportBench
{
    /// <param name="target">A PostgreSQL server to import into instead of a fresh SQLite file (its connection string):
    /// each run gets a database of its own, dropped after it.</param>
    public static int Run(string root, int perKind, string? target = null, string[]? only = null)
    {
        // Each as its command builds it: import keeps the table each form was read from, extract does not.
        var settings = PipelineSettings.Load(Path.Combine(root, "pipeline.json"));
        var pipeline = new ExtractionPipelineBuilder().WithSettings(settings).Build();
        var importing = new ExtractionPipelineBuilder().WithSettings(settings).KeepReadTables().Build();
        var kinds = new (string Kind, string Source, int Count)[]
        {
            ("text (seed 002, 5 forms a file)", Path.Combine(root, "fixtures", "seed-002-songjiang-2022-layout", "input.txt"), perKind),
            ("text (seed 001, 15 forms a file)", Path.Combine(root, "fixtures", "seed-001-baoshan-2023-tsv", "input.txt"), perKind),
            ("pdf-text (2 pages, 1 form)", Path.Combine(root, "fixtures", "pdf-songjiang-2022-page-break", "input.pdf"), perKind),
            // OCR is seconds a page: fewer files, the same measure.
            ("pdf-scan (3 pages, 3 forms)", Path.Combine(root, "fixtures", "scan-baoshan-2023-pdf", "input.pdf"), Math.Max(4, perKind / 25)),
        };
        Console.WriteLine($"{perKind} distinct files per kind ({Math.Max(4, perKind / 25)} scans), {Environment.ProcessorCount} cores, {(target is null ? "SQLite store" : "PostgreSQL store")}");
        foreach (var (kind, source, count) in kinds.Where(k => only is null || only.Any(o => k.Kind.StartsWith(o, StringComparison.Ordinal))))
            foreach (var workers in new[] { 1, 2 })
            {
                var dir = Directory.CreateTempSubdirectory("perfeval-bench-").FullName;
                try
                {
                    var files = Copies(source, Path.Combine(dir, "in"), count);
                    // extract on the same files first, as `perfeval extract` runs it: the figure import is held to.
                    var clock = Stopwatch.StartNew();
                    var extracted = Extract(pipeline, files, workers, Path.Combine(dir, "out.jsonl"));
                    var extractSeconds = clock.Elapsed.TotalSeconds;
                    var database = target is null ? null : FreshDatabase(target);
                    var store = FormStore.Open(database ?? Path.Combine(dir, "bench.db"));
                    clock.Restart();
                    var report = new Importer(store, importing, Logger.None).Run(files, workers, false, false);
                    var seconds = clock.Elapsed.TotalSeconds;
                    Console.WriteLine($"{kind,-34} {workers} worker{(workers > 1 ? "s" : " ")} import {report.Done / seconds,8:F2} files/s  ({report.Forms} forms, {report.Failed} failed, {seconds:F1} s); " +
                        $"extract {files.Count / extractSeconds,8:F2} files/s ({extracted} forms, {extractSeconds:F1} s): import {(seconds > 0 ? extractSeconds / seconds : 0):P0} of extract");
                }
                finally
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    Npgsql.NpgsqlConnection.ClearAllPools();
                    Directory.Delete(dir, recursive: true);
                }
            }
        return 0;
    }

    /// <summary>A new database on the server <paramref name="server"/> names, and the connection string to it.</summary>
    private static string FreshDatabase(string server)
    {
        var name = $"perfeval_bench_{Guid.NewGuid():N}";
        using (var connection = new Npgsql.NpgsqlConnection(server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>The files extracted and written as JSON Lines in order, as <c>perfeval extract</c> does; the forms written.</summary>
    private static int Extract(ExtractionPipeline pipeline, List<string> files, int workers, string output)
    {
        using var writer = new StreamWriter(output);
        var forms = 0;
        foreach (var result in files.AsParallel().AsOrdered().WithDegreeOfParallelism(workers).Select(f => pipeline.Extract(f)))
            foreach (var form in result.Forms)
            {
                writer.WriteLine(PerformanceEval.Contract.ContractJson.Serialize(form));
                forms++;
            }
        return forms;
    }

    /// <summary>Distinct copies of a file: bytes appended after the content (text: a line; PDF: after %%EOF, which readers ignore).</summary>
    internal static List<string> Copies(string source, string dir, int count)
    {
        Directory.CreateDirectory(dir);
        var bytes = File.ReadAllBytes(source);
        var files = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(dir, $"{i:00000}{Path.GetExtension(source)}");
            File.WriteAllBytes(path, [.. bytes, .. System.Text.Encoding.UTF8.GetBytes($"\n% copy {i}\n")]);
            files.Add(path);
        }
        return files;
    }
}
