using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PerformanceEval.Storage;
using Serilog.Core;
using Xunit;

namespace PerformanceEval.Tests.Storage;

/// <summary>A real importer process killed with SIGKILL halfway; the next run finishes and nothing is done twice.</summary>
public sealed class KillNineTests
{
    /// <summary>Copies of the seed in each document: enough work that the importer is still running when it is stopped.</summary>
    internal const int Copies = 6;

    [Fact]
    public void An_import_killed_halfway_and_run_again_ends_with_each_file_done_exactly_once()
    {
        using var store = TestStore.Sqlite();
        // Six copies of the seed a file: about five seconds of import for one worker, so the kill lands halfway even
        // when the suite's OCR tests keep this thread waiting (with one copy the import finished first now and then).
        var archive = Corpus.Many(store.Dir, 60, Copies);
        using (var importer = Process.Start(Cli.Perfeval.StartInfo("import", archive, "--db", store.Target, "--workers", "1"))!)
        {
            _ = importer.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (StoreCounts.Of(store.Target, "done") < 10 && !importer.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90)) Thread.Sleep(50);
            Assert.False(importer.HasExited, "the importer finished before it could be killed");
            importer.Kill();   // SIGKILL: no cleanup, no Ctrl-C handling
            importer.WaitForExit();
        }
        var halfway = StoreCounts.Of(store.Target, "done");
        Assert.InRange(halfway, 10, 59);

        var report = new Importer(FormStore.Open(store.Target), Fixtures.Pipeline, Logger.None).Run(Corpus.Files(archive), 2, false, false);
        Assert.Equal(60 - halfway, report.Done);
        using var connection = new SqliteConnection($"Data Source={store.Target}");
        connection.Open();
        using var command = new SqliteCommand("SELECT COUNT(*), SUM(form_count), (SELECT COUNT(*) FROM forms) FROM documents WHERE status = 'done'", connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        const long forms = 60 * Corpus.FormsPerDocument * Copies;
        Assert.Equal((60L, forms, forms), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

}

/// <summary>Ctrl-C (SIGINT) finishes the documents in hand, leaves the rest pending, and a new run completes them.</summary>
public sealed class InterruptTests
{
    [Fact]
    public async Task Ctrl_c_leaves_no_document_half_done_and_the_next_run_finishes()
    {
        using var store = TestStore.Sqlite();
        var archive = Corpus.Many(store.Dir, 60, KillNineTests.Copies);
        string stderr;
        using (var importer = Process.Start(Cli.Perfeval.StartInfo("import", archive, "--db", store.Target, "--workers", "1"))!)
        {
            var error = importer.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (StoreCounts.Of(store.Target, "done") < 5 && !importer.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90)) Thread.Sleep(50);
            Assert.False(importer.HasExited, "the importer finished before Ctrl-C could reach it");
            using (var kill = Process.Start("kill", ["-s", "INT", importer.Id.ToString()])) kill.WaitForExit();
            Assert.True(importer.WaitForExit(60_000), "the importer did not stop after Ctrl-C");
            stderr = await error;
        }
        Assert.Contains("interrupted", stderr);
        Assert.Equal(0, StoreCounts.Of(store.Target, "running"));
        var pending = StoreCounts.Of(store.Target, "pending");
        Assert.InRange(pending, 1, 55);
        var report = new Importer(FormStore.Open(store.Target), Fixtures.Pipeline, Logger.None).Run(Corpus.Files(archive), 2, false, false);
        Assert.Equal(pending, report.Done);
        Assert.Equal(60, StoreCounts.Of(store.Target, "done"));
    }

}

/// <summary>Documents of a status in a SQLite store another process may be writing (read-only, WAL).</summary>
internal static class StoreCounts
{
    public static long Of(string db, string status)
    {
        if (!File.Exists(db)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
            connection.Open();
            using var command = new SqliteCommand("SELECT COUNT(*) FROM documents WHERE status = @s", connection);
            command.Parameters.AddWithValue("@s", status);
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0;   // the importer is still creating the schema
        }
    }
}
