namespace PerformanceEval.Storage;

/// <summary>Where the store lives: an embedded SQLite file, or a PostgreSQL server several importers share.</summary>
public enum StoreKind { Sqlite, Postgres }

/// <summary>The SQL that differs between the two stores; everything else is written once.</summary>
internal sealed record StoreDialect(StoreKind Kind)
{
    /// <summary>An auto-numbered primary key.</summary>
    public string Id => Kind == StoreKind.Sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY";

    public string Float => Kind == StoreKind.Sqlite ? "REAL" : "DOUBLE PRECISION";

    public string BigInt => Kind == StoreKind.Sqlite ? "INTEGER" : "BIGINT";

    /// <summary>
    /// Claims the next pending document. PostgreSQL locks the row for the claiming transaction and skips rows other
    /// importers hold (FOR UPDATE SKIP LOCKED), so a crashed importer's claim vanishes with its transaction. SQLite has
    /// one writer: the row is marked running in a short transaction, and a new run puts its crashed runs back.
    /// </summary>
    public string ClaimSql => Kind == StoreKind.Postgres
        ? "SELECT id, path, sha256 FROM documents WHERE status = 'pending' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
        : "UPDATE documents SET status = 'running', claimed_by = @run, started_at = @now, attempts = attempts + 1 " +
          "WHERE id = (SELECT id FROM documents WHERE status = 'pending' ORDER BY id LIMIT 1) RETURNING id, path, sha256";
}
