using Npgsql;
using PerformanceEval.Storage;

namespace PerformanceEval.Tests.Storage;

/// <summary>Real stores for the tests: a SQLite file in a temporary folder, or a fresh database on the test PostgreSQL.</summary>
internal sealed class TestStore : IDisposable
{
    private readonly string? _pgDatabase;
    private readonly string _dir = Directory.CreateTempSubdirectory("perfeval-store-").FullName;

    private TestStore(Func<string, string> target, string? pgDatabase)
    {
        Target = target(_dir);
        _pgDatabase = pgDatabase;
    }

    public string Target { get; }
    public string Dir => _dir;

    public static TestStore Sqlite() => new(dir => Path.Combine(dir, "perfeval.db"), null);

    /// <summary>
    /// A new database on the server scripts/test.sh starts (PERFEVAL_TEST_PG). Without it the test fails and says
    /// so: the store is tested against PostgreSQL itself, never a mock.
    /// </summary>
    public static TestStore Postgres()
    {
        var admin = Environment.GetEnvironmentVariable("PERFEVAL_TEST_PG")
            ?? throw new InvalidOperationException("PERFEVAL_TEST_PG is not set: run the tests with scripts/test.sh, which starts a PostgreSQL on loopback");
        var name = $"perfeval_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new TestStore(_ => new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ToString(), name);
    }

    public FormStore Open() => FormStore.Open(Target);

    public void Dispose()
    {
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("PERFEVAL_TEST_PG"));
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>A small archive: seed dumps, a PDF, the same content under a second name, and files that must fail.</summary>
internal static class Corpus
{
    public static string Make(string dir)
    {
        var root = Directory.CreateDirectory(Path.Combine(dir, "archive")).FullName;
        File.Copy(Fixtures.Input("seed-001-baoshan-2023-tsv"), Path.Combine(root, "2023-baoshan.txt"));
        File.Copy(Fixtures.Input("seed-002-songjiang-2022-layout"), Path.Combine(root, "2022-songjiang.txt"));
        File.Copy(Fixtures.Input("seed-003-minhang-2020-criteria"), Path.Combine(root, "2020-minhang.txt"));
        Directory.CreateDirectory(Path.Combine(root, "copies"));
        File.Copy(Fixtures.Input("seed-002-songjiang-2022-layout"), Path.Combine(root, "copies", "same-content.txt"));
        File.Copy(Fixtures.Input("pdf-songjiang-2022-page-break"), Path.Combine(root, "2022-page-break.pdf"));
        File.WriteAllBytes(Path.Combine(root, "empty.txt"), []);
        File.Copy(Path.Combine(Fixtures.Dir, "bad-pdfs", "encrypted.pdf"), Path.Combine(root, "encrypted.pdf"));
        // A file listed in the archive that cannot be read at all (its target is gone).
        File.CreateSymbolicLink(Path.Combine(root, "gone.txt"), Path.Combine(dir, "moved-away.txt"));
        return root;
    }

    /// <summary>15 + 5 + 1 forms from the dumps, 1 from the PDF; the copy adds none.</summary>
    public const int Forms = 22;
    public const int Documents = 7;   // 8 files, one a copy of another
    public const int FailedDocuments = 3;

    public static List<string> Files(string root) => [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>Forms in each of <see cref="Many"/>'s documents (seed 002 holds five).</summary>
    public const int FormsPerDocument = 5;

    /// <summary>
    /// Many distinct documents: seed 002's five forms <paramref name="copies"/> times over, each file with a unique
    /// trailing line. Tests that stop an importer halfway take several copies, so that the import lasts seconds and a
    /// poll delayed by the rest of the suite still finds it running.
    /// </summary>
    public static string Many(string dir, int count, int copies = 1)
    {
        var root = Directory.CreateDirectory(Path.Combine(dir, "many")).FullName;
        var seed = File.ReadAllText(Fixtures.Input("seed-002-songjiang-2022-layout"));
        var form = string.Join("\n", Enumerable.Repeat(seed, copies));
        for (var i = 0; i < count; i++) File.WriteAllText(Path.Combine(root, $"form-{i:0000}.txt"), form + $"\n存档编号 {i}\n");
        return root;
    }
}
