using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PerformanceEval.Storage;

/// <summary>
/// The import store: documents (one per content hash, with every path it was found under), the forms read from
/// them, their findings, and room for the auditors' decisions. An embedded SQLite file by default; a PostgreSQL
/// connection string puts it on a server several importers share. Every document is written in one transaction.
/// </summary>
public sealed partial class FormStore
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    internal StoreDialect Dialect { get; }

    // Microsoft.Data.Sqlite.Core leaves choosing the native SQLite to the application: the bundled e_sqlite3.
    static FormStore() => SQLitePCL.Batteries_V2.Init();

    private FormStore(StoreKind kind, string connectionString, TimeProvider time)
    {
        Dialect = new StoreDialect(kind);
        _connectionString = connectionString;
        _time = time;
    }

    public StoreKind Kind => Dialect.Kind;

    /// <summary>
    /// Opens a store: a PostgreSQL connection string ("Host=…;Database=…" or "postgres://…") or a SQLite file path.
    /// The schema is brought up to date here, so every command sees the same tables.
    /// </summary>
    /// <param name="target">The store.</param>
    /// <param name="time">The clock its times (claims, decisions, finished documents) are read from; the system's by default.</param>
    public static FormStore Open(string target, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        time ??= TimeProvider.System;
        var store = IsPostgres(target)
            ? new FormStore(StoreKind.Postgres, PostgresConnectionString(target), time)
            : new FormStore(StoreKind.Sqlite, new SqliteConnectionStringBuilder { DataSource = target, Pooling = true }.ToString(), time);
        store.Migrate();
        return store;
    }

    private static bool IsPostgres(string target) =>
        target.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
        target.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
        target.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    private static string PostgresConnectionString(string target)
    {
        if (!target.Contains("://", StringComparison.Ordinal)) return target;
        var uri = new Uri(target);
        var user = uri.UserInfo.Split(':');
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.Trim('/'),
            Username = Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
        }.ToString();
    }

    /// <summary>
    /// One importer at a time on a SQLite store: two would each reset the other's in-flight documents as a killed
    /// run's and read them twice. The lock is an exclusive lock on <c>STORE.import-lock</c> (flock, released by the
    /// kernel when the process dies, so a killed importer never leaves it stale). PostgreSQL needs none: its
    /// importers share the queue through row locks.
    /// </summary>
    /// <exception cref="StoreBusyException">another importer holds the store.</exception>
    public IDisposable AcquireImportLock()
    {
        if (Kind != StoreKind.Sqlite) return new NoLock();
        var path = new SqliteConnectionStringBuilder(_connectionString).DataSource + ".import-lock";
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            return file;
        }
        catch (IOException e)
        {
            throw new StoreBusyException($"another perfeval import is running on this SQLite store (it holds {path}); " +
                                         "wait for it to finish, or import into PostgreSQL to run several importers at once", e);
        }
    }

    private sealed class NoLock : IDisposable
    {
        public void Dispose() { }
    }

    internal DbConnection Connect()
    {
        DbConnection connection = Kind == StoreKind.Postgres ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);
        connection.Open();
        if (Kind == StoreKind.Sqlite)
            // WAL lets readers (status, export) run beside the importer; writers wait for each other, not fail.
            // synchronous=NORMAL: a commit is not flushed to disk on its own (the WAL is, at each checkpoint). A process
            // that dies loses nothing committed; a machine that loses power may lose the last documents committed, which
            // are then pending again, whole, for the next run. page_size=16384 (takes effect on a new store only): a
            // form's JSON, about 11 KB, fits one page instead of a chain of three.
            Execute(connection, null, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;");
        return connection;
    }

    internal DbTransaction Begin(DbConnection connection) =>
        connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : connection.BeginTransaction();

    /// <summary>Any constant all perfeval importers agree on: the advisory lock that serializes migrations.</summary>
    private const long MigrationLock = 0x7065_7266_6576_616C; // "perfeval"

    /// <summary>
    /// Applies the migrations this store has not seen, in one transaction. Importers starting together on a new
    /// PostgreSQL store would race on CREATE TABLE (it is not safe concurrently there), so they first take a
    /// transaction-scoped advisory lock; SQLite's immediate transaction already admits one writer.
    /// </summary>
    private void Migrate()
    {
        using var connection = Connect();
        var migrations = Migrations.For(Dialect);
        using var tx = Begin(connection);
        if (Kind == StoreKind.Postgres) Execute(connection, tx, "SELECT pg_advisory_xact_lock(@key)", ("key", MigrationLock));
        Execute(connection, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        var current = Convert.ToInt32(Scalar(connection, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
        for (var v = current; v < migrations.Count; v++)
        {
            Execute(connection, tx, migrations[v]);
            Execute(connection, tx, "INSERT INTO schema_version (version) VALUES (@v)", ("v", v + 1));
        }
        tx.Commit();
    }

    /// <summary>The schema version the store is at.</summary>
    public int SchemaVersion()
    {
        using var connection = Connect();
        return Convert.ToInt32(Scalar(connection, null, "SELECT MAX(version) FROM schema_version"), CultureInfo.InvariantCulture);
    }

    internal static int Execute(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    internal static object? Scalar(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>
    /// A command executed many times in one transaction with new values: built once, its parameters (named in the
    /// order the values come) bound again for each execution.
    /// </summary>
    internal sealed class Statement : IDisposable
    {
        private readonly DbCommand _command;

        public Statement(DbConnection connection, DbTransaction? tx, string sql, params string[] names)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            _command.Transaction = tx;
            foreach (var name in names)
            {
                var p = _command.CreateParameter();
                p.ParameterName = "@" + name;
                _command.Parameters.Add(p);
            }
        }

        public int Execute(params object?[] values) => Bind(values).ExecuteNonQuery();

        public object? Scalar(params object?[] values) => Bind(values).ExecuteScalar() is var v && v is DBNull ? null : v;

        private DbCommand Bind(object?[] values)
        {
            if (values.Length != _command.Parameters.Count)
                throw new ArgumentException($"{values.Length} values for {_command.Parameters.Count} parameters", nameof(values));
            for (var i = 0; i < values.Length; i++) _command.Parameters[i].Value = values[i] ?? DBNull.Value;
            return _command;
        }

        public void Dispose() => _command.Dispose();
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    /// <summary>Now, from the store's clock, as the ISO 8601 UTC text the store keeps.</summary>
    internal string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    internal static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>The store is held by another importer; the message says which lock and what to do.</summary>
public sealed class StoreBusyException(string message, Exception inner) : Exception(message, inner);
