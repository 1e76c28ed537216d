using System.Text.Json;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using PerformanceEval.Pipeline;

namespace PerformanceEval.Storage;

public sealed partial class FormStore
{
    /// <summary>
    /// Writes a document's forms and findings and marks it done — one transaction, all or nothing. The forms are
    /// <paramref name="forms"/> when given (a <see cref="FormSpool"/> a dump read in sections filled), else the result's.
    /// </summary>
    public void Complete(Claim claim, DocumentResult result, TimeSpan elapsed, IEnumerable<CleanedForm>? forms = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var source = forms ?? result.Forms;
        // Forms held in memory are written as JSON before the transaction begins: on SQLite it holds the store's one
        // write lock, which the other workers wait for. Forms spooled on disk are read and written one at a time.
        IEnumerable<StoredForm> rows = source is ICollection<CleanedForm> held
            ? [.. held.Select(StoredForm.Of)]
            : source.Select(StoredForm.Of);
        var tx = claim.Transaction ?? Begin(claim.Connection);
        claim.Transaction = tx;
        try
        {
            Execute(claim.Connection, tx, "DELETE FROM findings WHERE form_id IN (SELECT id FROM forms WHERE document_id = @d)", ("d", claim.Id));
            Execute(claim.Connection, tx, "DELETE FROM forms WHERE document_id = @d", ("d", claim.Id));
            var written = WriteForms(claim, tx, rows);
            Finish(claim, tx, "done", null, result.Kind?.ToContract() ?? result.Forms.FirstOrDefault()?.Source.InputKind, written, elapsed);
        }
        catch
        {
            // The document's half-written forms go with the transaction; its failure is then recorded in one of its own.
            Abandon(claim);
            throw;
        }
    }

    private const string InsertFormSql =
        "INSERT INTO forms (document_id, form_index, year, department, project, total_score, error_count, warning_count, info_count, json, read_table) " +
        "VALUES (@d, @i, @year, @dept, @project, @total, @errors, @warnings, @infos, @json, @table) RETURNING id";
    private static readonly string[] FormColumns = ["d", "i", "year", "dept", "project", "total", "errors", "warnings", "infos", "json", "table"];
    private const string InsertFindingSql =
        "INSERT INTO findings (form_id, position, rule, severity, field, stated, expected, message, difference, amount, material, suspect, cause, follows) " +
        "VALUES (@f, @k, @rule, @sev, @field, @stated, @expected, @message, @difference, @amount, @material, @suspect, @cause, @follows)";
    private static readonly string[] FindingColumns =
        ["f", "k", "rule", "sev", "field", "stated", "expected", "message", "difference", "amount", "material", "suspect", "cause", "follows"];

    /// <summary>How many forms go to PostgreSQL in one round trip (their findings in a second).</summary>
    private const int FormsPerBatch = 50;

    /// <summary>A form, its contract JSON and the JSON of the table it was read from (when the pipeline kept it), as the store keeps them.</summary>
    private readonly record struct StoredForm(CleanedForm Form, string Json, string? TableJson)
    {
        public static StoredForm Of(CleanedForm form) => new(form, ContractJson.Serialize(form), form.ReadTable?.ToJson());
    }

    private static int WriteForms(Claim claim, System.Data.Common.DbTransaction tx, IEnumerable<StoredForm> forms)
    {
        // A server store is a round trip a statement: PostgreSQL takes a document's forms in batches, each one
        // batch of inserts and one of their findings.
        if (claim.Connection.CanCreateBatch) return WriteFormsInBatches(claim, tx, forms);
        // SQLite (no batches, no round trips): one command per table for the whole document, its parameters bound again
        // for each row; SQLite keeps the statement compiled between executions.
        using var insertForm = new Statement(claim.Connection, tx, InsertFormSql, FormColumns);
        using var insertFinding = new Statement(claim.Connection, tx, InsertFindingSql, FindingColumns);
        var written = 0;
        foreach (var row in forms)
        {
            written++;
            var formId = Convert.ToInt64(insertForm.Scalar(FormValues(claim, row)));
            foreach (var values in FindingValues(formId, row.Form)) insertFinding.Execute(values);
        }
        return written;
    }

    private static int WriteFormsInBatches(Claim claim, System.Data.Common.DbTransaction tx, IEnumerable<StoredForm> forms)
    {
        var written = 0;
        foreach (var chunk in forms.Chunk(FormsPerBatch))
        {
            using var insertForms = claim.Connection.CreateBatch();
            insertForms.Transaction = tx;
            foreach (var row in chunk) insertForms.BatchCommands.Add(BatchCommand(insertForms, InsertFormSql, FormColumns, FormValues(claim, row)));
            var ids = new List<long>(chunk.Length);
            using (var reader = insertForms.ExecuteReader())
                do
                {
                    while (reader.Read()) ids.Add(reader.GetInt64(0));
                } while (reader.NextResult());
            using var insertFindings = claim.Connection.CreateBatch();
            insertFindings.Transaction = tx;
            for (var i = 0; i < chunk.Length; i++)
                foreach (var values in FindingValues(ids[i], chunk[i].Form))
                    insertFindings.BatchCommands.Add(BatchCommand(insertFindings, InsertFindingSql, FindingColumns, values));
            if (insertFindings.BatchCommands.Count > 0) insertFindings.ExecuteNonQuery();
            written += chunk.Length;
        }
        return written;
    }

    private static System.Data.Common.DbBatchCommand BatchCommand(System.Data.Common.DbBatch batch, string sql, string[] names, object?[] values)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        for (var i = 0; i < names.Length; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + names[i];
            p.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    /// <summary>A form's row, in <see cref="FormColumns"/>' order.</summary>
    private static object?[] FormValues(Claim claim, StoredForm row) =>
    [
        claim.Id, row.Form.Source.FormIndex, row.Form.Year, row.Form.DepartmentCanonical ?? row.Form.Department, row.Form.ProjectName,
        row.Form.TotalScore is { } t ? Invariant(t) : null,
        row.Form.Findings.Count(f => f.Severity == "error"),
        row.Form.Findings.Count(f => f.Severity == "warning"),
        row.Form.Findings.Count(f => f.Severity == "info"),
        row.Json,
        row.TableJson,
    ];

    /// <summary>Its findings' rows, in <see cref="FindingColumns"/>' order; a finding that follows an earlier one's cause points to it.</summary>
    private static IEnumerable<object?[]> FindingValues(long formId, CleanedForm form)
    {
        var leaders = new Dictionary<string, int>();
        for (var k = 0; k < form.Findings.Length; k++)
        {
            var f = form.Findings[k];
            int? follows = f.Cause is { } cause && leaders.TryGetValue(cause, out var leader) ? leader : null;
            if (f.Cause is { } first) leaders.TryAdd(first, k);
            yield return [formId, k, f.Rule, f.Severity, f.Field, Json(f.Stated), Json(f.Expected), f.Message,
                (double?)f.Difference, (double?)f.Amount, Flag(f.Material), Flag(f.SuspectedMisread), f.Cause, follows];
        }
    }

    /// <summary>Marks a document failed with its reason, so it is listed by <c>status</c> and never lost.</summary>
    public void Fail(Claim claim, string reason, TimeSpan elapsed)
    {
        var tx = claim.Transaction ?? Begin(claim.Connection);
        claim.Transaction = tx;
        try
        {
            Finish(claim, tx, "failed", reason, null, 0, elapsed);
        }
        catch
        {
            Abandon(claim);
            throw;
        }
    }

    /// <summary>Rolls back whatever the claim's transaction holds; a rollback that fails (a broken connection) is the connection's end.</summary>
    private static void Abandon(Claim claim)
    {
        try
        {
            claim.Transaction?.Rollback();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // Nothing was committed; the document stays as the store last saw it.
        }
        claim.Transaction?.Dispose();
        claim.Transaction = null;
    }

    private void Finish(Claim claim, System.Data.Common.DbTransaction tx, string status, string? failure, string? kind, int forms, TimeSpan elapsed)
    {
        Execute(claim.Connection, tx,
            "UPDATE documents SET status = @status, failure = @failure, input_kind = COALESCE(@kind, input_kind), form_count = @forms, " +
            "finished_at = @now, elapsed_ms = @ms, claimed_by = NULL WHERE id = @id",
            ("status", status), ("failure", failure), ("kind", kind ?? KindOf(claim.Path)), ("forms", forms),
            ("now", Now()), ("ms", elapsed.TotalMilliseconds), ("id", claim.Id));
        tx.Commit();
        tx.Dispose();
        claim.Transaction = null;
    }

    /// <summary>Gives a claim back untouched (Ctrl-C before its work began): it stays pending.</summary>
    public void Release(Claim claim)
    {
        if (claim.Transaction is { } tx) tx.Rollback();
        else Execute(claim.Connection, null, "UPDATE documents SET status = 'pending', claimed_by = NULL WHERE id = @id AND status = 'running'", ("id", claim.Id));
        claim.Transaction?.Dispose();
        claim.Transaction = null;
    }

    private static string KindOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".pdf" => "pdf",
        ".png" or ".jpg" or ".jpeg" or ".tif" or ".tiff" => "image",
        _ => "text",
    };

    /// <summary>A yes/no beyond the contract as the store keeps it: 1, 0, or null where the form did not say.</summary>
    private static int? Flag(bool? value) => value switch { true => 1, false => 0, null => null };

    private static string? Json(object? value) => value is null ? null : JsonSerializer.Serialize(value, ContractJson.Options);
}
