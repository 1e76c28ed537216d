using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PerformanceEval.Storage;
using Serilog.Core;
using Xunit;

namespace PerformanceEval.Tests.Storage;

/// <summary>A real importer process killed with SIGKILL halfway; the next run finishes and nothing is done twice.</summary>
public sealed class KillNineTests
{
    [Fact]
    public void An_import_killed_halfway_and_run_again_ends_with_each_file_done_exactly_once()
    {
        using var store = TestStore.Sqlite();
        var archive = Corpus.Many(store.Dir, 60);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "perfeval.dll"), "import", archive, "--db", store.Target, "--workers", "1" })
            start.ArgumentList.Add(a);
        using (var importer = Process.Start(start)!)
        {
            importer.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (Done(store.Target) < 10 && !importer.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90)) Thread.Sleep(50);
            Assert.False(importer.HasExited, "the importer finished before it could be killed");
            importer.Kill();   // SIGKILL: no cleanup, no Ctrl-C handling
            importer.WaitForExit();
        }
        var halfway = Done(store.Target);
        Assert.InRange(halfway, 10, 59);

        var report = new Importer(FormStore.Open(store.Target), Fixtures.Pipeline, Logger.None).Run(Corpus.Files(archive), 2, false, false);
        Assert.Equal(60 - halfway, report.Done);
        using var connection = new SqliteConnection($"Data Source={store.Target}");
        connection.Open();
        using var command = new SqliteCommand("SELECT COUNT(*), SUM(form_count), (SELECT COUNT(*) FROM forms) FROM documents WHERE status = 'done'", connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        const long forms = 60 * Corpus.FormsPerDocument;
        Assert.Equal((60L, forms, forms), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    private static long Done(string db)
    {
        if (!File.Exists(db)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
            connection.Open();
            using var command = new SqliteCommand("SELECT COUNT(*) FROM documents WHERE status = 'done'", connection);
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0;   // the importer is still creating the schema
        }
    }
}
