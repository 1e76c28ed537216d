using System.Data.Common;
using System.Globalization;

namespace PerformanceEval.Storage;

/// <summary>How a run's files stood against the store when it started.</summary>
public sealed record Registration(int Files, int Known, int Queued, int Unreadable, IReadOnlyList<(string Path, string Reason)> Failures);

/// <summary>A document one worker has claimed; for PostgreSQL it holds the transaction that locks the row.</summary>
public sealed class Claim : IDisposable
{
    internal Claim(long id, string path, string sha256, DbConnection connection, DbTransaction? transaction)
    {
        Id = id;
        Path = path;
        Sha256 = sha256;
        Connection = connection;
        Transaction = transaction;
    }

    public long Id { get; }
    public string Path { get; }
    public string Sha256 { get; }
    internal DbConnection Connection { get; }
    internal DbTransaction? Transaction { get; set; }

    public void Dispose()
    {
        Transaction?.Dispose();
        Connection.Dispose();
    }
}

public sealed partial class FormStore
{
    /// <summary>
    /// Records the run's files. A path seen before with the same size and time, whose document is done (or failed,
    /// unless <paramref name="retryFailed"/>), is not even hashed: a second run reads nothing. Otherwise the file is
    /// hashed; content already stored is a known document under one more path. <paramref name="force"/> puts every
    /// given document back to pending.
    /// </summary>
    public Registration Register(IReadOnlyList<string> files, bool force, bool retryFailed, CancellationToken cancel = default)
    {
        using var connection = Connect();
        int known = 0, queued = 0;
        var failures = new List<(string, string)>();
        foreach (var path in files)
        {
            cancel.ThrowIfCancellationRequested();
            FileInfo info;
            try
            {
                info = new FileInfo(path);
                if (!info.Exists) throw new FileNotFoundException("no such file", path);
                // Hashing a FIFO would wait for a writer forever; a device would never end.
                if (Ingestion.InputPath.KindOf(path) is not Ingestion.InputPathKind.Regular and var kind)
                    throw new IOException(Ingestion.InputPath.Describe(kind));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add((path, e.Message));
                RecordUnreadable(connection, path, e.Message);
                continue;
            }
            using var tx = Begin(connection);
            var seen = Row(connection, tx, "SELECT p.document_id, p.size, p.modified_ticks, d.status FROM document_paths p JOIN documents d ON d.id = p.document_id WHERE p.path = @path", ("path", path));
            long documentId;
            string status;
            if (seen is not null && Convert.ToInt64(seen[1]) == info.Length && Convert.ToInt64(seen[2]) == info.LastWriteTimeUtc.Ticks)
            {
                documentId = Convert.ToInt64(seen[0]);
                status = (string)seen[3]!;
            }
            else
            {
                string sha;
                try
                {
                    sha = Sha256Of(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    tx.Rollback();
                    failures.Add((path, e.Message));
                    RecordUnreadable(connection, path, e.Message);
                    continue;
                }
                Execute(connection, tx, "INSERT INTO documents (sha256, path, size) VALUES (@sha, @path, @size) ON CONFLICT (sha256) DO NOTHING",
                    ("sha", sha), ("path", path), ("size", info.Length));
                var doc = Row(connection, tx, "SELECT id, status FROM documents WHERE sha256 = @sha", ("sha", sha))!;
                (documentId, status) = (Convert.ToInt64(doc[0]), (string)doc[1]!);
                Execute(connection, tx,
                    "INSERT INTO document_paths (path, document_id, size, modified_ticks) VALUES (@path, @doc, @size, @ticks) " +
                    "ON CONFLICT (path) DO UPDATE SET document_id = @doc, size = @size, modified_ticks = @ticks",
                    ("path", path), ("doc", documentId), ("size", info.Length), ("ticks", info.LastWriteTimeUtc.Ticks));
            }
            if ((force || retryFailed && status == "failed") && Requeue(connection, tx, documentId))
                status = "pending";
            tx.Commit();
            if (status == "pending") queued++; else known++;
        }
        return new Registration(files.Count, known, queued, failures.Count, failures);
    }

    /// <summary>
    /// A file that cannot even be read for hashing is still recorded, failed with its reason, under a key made from
    /// its path: status lists it and nothing is lost. Its path row has no size, so the next run tries it again.
    /// </summary>
    private void RecordUnreadable(DbConnection connection, string path, string reason)
    {
        var key = "unreadable:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)));
        using var tx = Begin(connection);
        Execute(connection, tx, "INSERT INTO documents (sha256, path, size, status, failure, finished_at) VALUES (@k, @p, 0, 'failed', @r, @now) " +
            "ON CONFLICT (sha256) DO UPDATE SET status = 'failed', failure = @r, finished_at = @now", ("k", key), ("p", path), ("r", reason), ("now", Now()));
        var id = Convert.ToInt64(Scalar(connection, tx, "SELECT id FROM documents WHERE sha256 = @k", ("k", key)));
        Execute(connection, tx, "INSERT INTO document_paths (path, document_id, size, modified_ticks) VALUES (@p, @d, -1, -1) " +
            "ON CONFLICT (path) DO UPDATE SET document_id = @d, size = -1, modified_ticks = -1", ("p", path), ("d", id));
        tx.Commit();
    }

    /// <summary>
    /// Puts a document back to pending, its forms and findings dropped — unless auditors have recorded decisions on
    /// it: those are never thrown away by a re-import, so such a document keeps its forms (false).
    /// </summary>
    private static bool Requeue(DbConnection connection, DbTransaction tx, long documentId)
    {
        if (Convert.ToInt64(Scalar(connection, tx, "SELECT COUNT(*) FROM decisions WHERE form_id IN (SELECT id FROM forms WHERE document_id = @d)", ("d", documentId))) > 0 ||
            Convert.ToInt64(Scalar(connection, tx, "SELECT COUNT(*) FROM signoffs WHERE form_id IN (SELECT id FROM forms WHERE document_id = @d)", ("d", documentId))) > 0)
            return false;
        Execute(connection, tx, "DELETE FROM findings WHERE form_id IN (SELECT id FROM forms WHERE document_id = @d)", ("d", documentId));
        Execute(connection, tx, "DELETE FROM forms WHERE document_id = @d", ("d", documentId));
        Execute(connection, tx, "UPDATE documents SET status = 'pending', failure = NULL WHERE id = @d AND status <> 'running'", ("d", documentId));
        return true;
    }

    /// <summary>
    /// SQLite only: documents a previous run left running (it was killed) go back to pending. One importer works a
    /// SQLite store at a time; PostgreSQL needs no such step, a dead importer's locks die with its connection.
    /// </summary>
    public int ResetInterrupted()
    {
        if (Kind != StoreKind.Sqlite) return 0;
        using var connection = Connect();
        return Execute(connection, null, "UPDATE documents SET status = 'pending', claimed_by = NULL WHERE status = 'running'");
    }

    /// <summary>Claims the next pending document, or null when none is left.</summary>
    public Claim? ClaimNext(string runId)
    {
        var connection = Connect();
        DbTransaction? tx = null;
        try
        {
            tx = Begin(connection);
            var row = Row(connection, tx, Dialect.ClaimSql, ("run", runId), ("now", Now()));
            if (row is null)
            {
                tx.Rollback();
                tx.Dispose();
                connection.Dispose();
                return null;
            }
            if (Kind == StoreKind.Sqlite)
            {
                // The claim is the 'running' mark; the work is committed in its own transaction later.
                tx.Commit();
                tx.Dispose();
                tx = null;
            }
            else
            {
                Execute(connection, tx, "UPDATE documents SET attempts = attempts + 1, claimed_by = @run, started_at = @now WHERE id = @id",
                    ("run", runId), ("now", Now()), ("id", Convert.ToInt64(row[0])));
            }
            return new Claim(Convert.ToInt64(row[0]), (string)row[1]!, (string)row[2]!, connection, tx);
        }
        catch
        {
            tx?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    internal static object?[]? Row(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var values = new object?[reader.FieldCount];
        for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        return values;
    }

    internal static string Invariant(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
