using PerformanceEval.Storage;
using Serilog.Core;
using Xunit;

namespace PerformanceEval.Tests.Storage;

/// <summary>The same import behaviour on both stores, each against the real database.</summary>
public abstract class ImportTests : IDisposable
{
    private readonly TestStore _store;

    private protected ImportTests(TestStore store) => _store = store;

    public void Dispose() => _store.Dispose();

    private ImportReport Import(IReadOnlyList<string> files, bool force = false, bool retryFailed = false, int workers = 2) =>
        new Importer(_store.Open(), Fixtures.Pipeline, Logger.None).Run(files, workers, force, retryFailed);

    [Fact]
    public void Every_good_file_is_done_every_bad_one_failed_with_a_reason_and_none_lost()
    {
        var files = Corpus.Files(Corpus.Make(_store.Dir));
        var report = Import(files);
        Assert.Equal(Corpus.Documents - Corpus.FailedDocuments, report.Done);
        Assert.Equal(Corpus.FailedDocuments, report.Failed);   // the unreadable one is counted at registration
        var status = _store.Open().Status();
        Assert.Equal(Corpus.Forms, status.Forms);
        Assert.Equal(Corpus.Documents, status.ByStatus.Sum(s => s.Documents));
        Assert.Equal(Corpus.Files(Path.Combine(_store.Dir, "archive")).Count, status.ByStatus.Sum(s => s.Files));   // 0 lost
        Assert.Contains(status.Failed, f => f.Path.EndsWith("empty.txt") && f.Reason.Contains("empty"));
        Assert.Contains(status.Failed, f => f.Path.EndsWith("encrypted.pdf") && f.Reason.Contains("encrypted"));
        Assert.Contains(status.Failed, f => f.Path.EndsWith("gone.txt"));
        Assert.Contains(status.ByYear, y => y.Year == "2023" && y.Forms == 15);
    }

    [Fact]
    public void A_document_whose_writing_fails_halfway_is_rolled_back_and_recorded_failed_in_a_transaction_of_its_own()
    {
        var file = Path.Combine(_store.Dir, "seed-002.txt");
        File.Copy(Fixtures.Input("seed-002-songjiang-2022-layout"), file);
        var store = _store.Open();
        store.Register([file], force: false, retryFailed: false);
        var result = Fixtures.Pipeline.Extract(file);
        // Two forms under one index: the second insert breaks the store's unique key after the first was written,
        // as running out of memory or a lost connection would halfway through.
        var broken = result with { Forms = [result.Forms[0], result.Forms[1] with { Source = result.Forms[1].Source with { FormIndex = 0 } }] };
        using (var claim = store.ClaimNext("test-run")!)
        {
            Assert.ThrowsAny<System.Data.Common.DbException>(() => store.Complete(claim, broken, TimeSpan.Zero));
            store.Fail(claim, "writing the forms failed", TimeSpan.Zero);
        }
        var status = _store.Open().Status();
        Assert.Equal(0, status.Forms);
        Assert.Contains(status.Failed, f => f.Path == file && f.Reason == "writing the forms failed");
        Assert.DoesNotContain(status.ByStatus, s => s.Status is "running" or "pending");
    }

    [Fact]
    public void A_dump_read_in_sections_is_stored_whole_or_not_at_all()
    {
        // Sections of 64 KiB: the forms go into the document's transaction a section at a time.
        var limits = new PerformanceEval.Ingestion.InputLimits(MaxTextBytes: 128 << 10, TextSectionBytes: 64 << 10);
        var pipeline = new PerformanceEval.Pipeline.ExtractionPipelineBuilder()
            .WithSettings(PerformanceEval.Pipeline.PipelineSettings.Load(Path.Combine(Fixtures.RepoRoot, "pipeline.json")) with { Limits = limits }).Build();
        var seed = File.ReadAllText(Fixtures.Input("seed-001-baoshan-2023-tsv"));
        var good = Path.Combine(_store.Dir, "eight-copies.txt");
        File.WriteAllText(good, string.Concat(Enumerable.Repeat(seed, 8)));
        // The same forms, then one that never ends: the file fails after some of its forms were handed on.
        var bad = Path.Combine(_store.Dir, "then-endless.txt");
        File.WriteAllText(bad, File.ReadAllText(good) + "财政项目支出绩效自评表\n(2023 年度)\n项目名称\t某项目\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n" +
            string.Concat(Enumerable.Repeat("产出指标\t数量指标\t完成数量\t100\t100\t10\t10\n", 5000)));

        var report = new Importer(_store.Open(), pipeline, Logger.None).Run([good, bad], 1, force: false, retryFailed: false);

        Assert.Equal((1, 1, 8 * 15), (report.Done, report.Failed, report.Forms));
        var status = _store.Open().Status();
        Assert.Equal(8 * 15, status.Forms);
        Assert.Contains(status.Failed, f => f.Path == bad && f.Reason.Contains("does not end", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_run_reads_nothing_and_force_reads_again()
    {
        var files = Corpus.Files(Corpus.Make(_store.Dir));
        Import(files);
        var again = Import(files);
        // Nothing is read again; only the unreadable file is tried again (and fails again).
        Assert.Equal((0, 0, 1), (again.Registration.Queued, again.Done, again.Failed));
        Assert.Equal(files.Count - 1, again.Registration.Known);
        var forced = Import(files, force: true);
        Assert.Equal(Corpus.Documents - Corpus.FailedDocuments, forced.Done);
        Assert.Equal(Corpus.Forms, _store.Open().Status().Forms);   // re-read, not duplicated
    }

    [Fact]
    public void Retry_failed_reads_only_the_failed_documents_again()
    {
        var root = Corpus.Make(_store.Dir);
        Import(Corpus.Files(root));
        File.Copy(Fixtures.Input("seed-003-minhang-2020-criteria"), Path.Combine(root, "empty.txt"), overwrite: true);
        var retry = Import(Corpus.Files(root), retryFailed: true);
        // empty.txt now holds a form: it is a new content (queued); encrypted.pdf is retried and fails again,
        // and gone.txt still cannot be read.
        Assert.Equal(2, retry.Failed);
        Assert.Equal(0, retry.Done);   // the new content is seed 003's, already done under its own name
    }

    [Fact]
    public void Export_is_byte_identical_twice_and_filters_by_year()
    {
        Import(Corpus.Files(Corpus.Make(_store.Dir)));
        var store = _store.Open();
        var first = store.Export(new ExportFilter(WithFindings: true)).ToList();
        var second = store.Export(new ExportFilter(WithFindings: true)).ToList();
        Assert.Equal(Corpus.Forms, first.Count);
        Assert.Equal(first, second);
        Assert.Equal(15, store.Export(new ExportFilter(Year: 2023)).Count());
        Assert.All(store.Export(new ExportFilter(Year: 2022)), line => Assert.Contains("\"findings\":[]", line));
        Assert.Contains(first, line => line.Contains("\"rule\":\"execution-rate\""));
    }

    [Fact]
    public void The_schema_is_versioned() => Assert.Equal(7, _store.Open().SchemaVersion());
}

public sealed class SqliteImportTests() : ImportTests(TestStore.Sqlite())
{
    [Fact]
    public void A_new_store_has_pages_a_form_fits_in_and_commits_without_flushing_each_document()
    {
        using var store = TestStore.Sqlite();
        using var connection = store.Open().Connect();
        object? Pragma(string name)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return command.ExecuteScalar();
        }
        Assert.Equal(16384L, Pragma("page_size"));
        Assert.Equal("wal", Pragma("journal_mode"));
        Assert.Equal(1L, Pragma("synchronous"));   // NORMAL: the WAL is flushed at checkpoints, not at every commit
    }

    [Fact]
    public void A_second_importer_on_one_sqlite_store_is_refused_with_a_message_and_the_first_goes_on()
    {
        using var store = TestStore.Sqlite();
        var files = Corpus.Files(Corpus.Make(store.Dir));
        var busy = Assert.Throws<StoreBusyException>(() =>
        {
            using var first = store.Open().AcquireImportLock();
            new Importer(store.Open(), Fixtures.Pipeline, Logger.None).Run(files, 1, force: false, retryFailed: false);
        });
        Assert.Contains("PostgreSQL", busy.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Open().Status().Forms);
        // Once the first lets go, the store is free again.
        var report = new Importer(store.Open(), Fixtures.Pipeline, Logger.None).Run(files, 1, force: false, retryFailed: false);
        Assert.Equal(Corpus.Forms, report.Forms);
    }
}

public sealed class PostgresImportTests() : ImportTests(TestStore.Postgres())
{
    [Fact]
    public void Two_importers_on_one_store_split_the_work_without_doing_a_file_twice()
    {
        using var store = TestStore.Postgres();
        var files = Corpus.Files(Corpus.Many(store.Dir, 40));
        var reports = new ImportReport[2];
        Parallel.For(0, 2, i => reports[i] = new Importer(store.Open(), Fixtures.Pipeline, Logger.None).Run(files, 2, false, false));
        Assert.Equal(40, reports.Sum(r => r.Done));
        Assert.True(reports.All(r => r.Done > 0), "both importers took part");
        using var connection = new Npgsql.NpgsqlConnection(store.Target);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT COUNT(*), MAX(attempts), SUM(form_count) FROM documents WHERE status = 'done'", connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal((40L, 1, 40L * Corpus.FormsPerDocument), (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2)));
    }
}

public sealed class StoreMigrationTests
{
    [Fact]
    public void Importers_opening_a_new_postgres_store_together_migrate_it_once()
    {
        using var store = TestStore.Postgres();
        var versions = new int[6];
        Parallel.For(0, versions.Length, i => versions[i] = store.Open().SchemaVersion());
        Assert.All(versions, v => Assert.Equal(7, v));
        using var connection = new Npgsql.NpgsqlConnection(store.Target);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM schema_version", connection);
        Assert.Equal(7L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public void A_store_from_before_the_review_page_is_migrated_with_its_forms_and_findings_kept()
    {
        using var store = TestStore.Sqlite();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.Target}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL);" +
                                  PerformanceEval.Storage.Migrations.For(new PerformanceEval.Storage.StoreDialect(PerformanceEval.Storage.StoreKind.Sqlite))[0] +
                                  "; INSERT INTO schema_version VALUES (1);" +
                                  "INSERT INTO documents (sha256, path, size, status) VALUES ('abc', 'old.txt', 1, 'done');" +
                                  "INSERT INTO forms (document_id, form_index, year, error_count, warning_count, info_count, json) VALUES (1, 0, 2021, 1, 0, 0, '{}');" +
                                  "INSERT INTO findings (form_id, position, rule, severity, field, message) VALUES (1, 0, 'total-score', 'error', 'totalScore', 'm');";
            command.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var migrated = store.Open();
        Assert.Equal(7, migrated.SchemaVersion());
        Assert.Null(migrated.ReviewForm(1)!.ReadTableJson);   // read before tables were kept: the page says so
        var item = Assert.Single(migrated.Queue(new QueueFilter()).Items);
        Assert.Equal(("total-score", "pending", 2021), (item.Rule, item.Status, item.Year!.Value));
        Assert.Null(item.Amount);   // a finding from before contract version 2 has no amount until re-imported
        Assert.Single(migrated.Queue(new QueueFilter(Sort: "amount")).Items);
        // Nor is it weighed: neither material nor suspect, and it stays among the form's own discrepancies.
        Assert.Equal((null, null), (item.Material, item.Suspect));
        Assert.Single(migrated.Queue(new QueueFilter(Kind: "stated")).Items);
        Assert.Empty(migrated.Queue(new QueueFilter(Kind: "ocr")).Items);
    }
}
