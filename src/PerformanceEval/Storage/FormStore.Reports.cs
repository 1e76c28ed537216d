using System.Text.Json.Nodes;
using PerformanceEval.Contract;

namespace PerformanceEval.Storage;

/// <summary>What <c>perfeval status</c> prints.</summary>
public sealed record StoreStatus(
    IReadOnlyList<(string Status, long Files, long Documents)> ByStatus,
    IReadOnlyList<(string Kind, string Status, long Count)> ByKind,
    IReadOnlyList<(string Year, long Forms)> ByYear,
    long Forms,
    long Findings,
    IReadOnlyList<(string Path, string Reason)> Failed);

/// <summary>Which forms <c>export</c> writes.</summary>
public sealed record ExportFilter(int? Year = null, string? Department = null, bool WithFindings = false);

public sealed partial class FormStore
{
    public StoreStatus Status()
    {
        using var connection = Connect();
        return new StoreStatus(
            // Files are paths; documents are distinct contents (the same form saved under two names is one document).
            Rows(connection, "SELECT d.status, COUNT(p.path), COUNT(DISTINCT d.id) FROM documents d LEFT JOIN document_paths p ON p.document_id = d.id GROUP BY d.status ORDER BY d.status")
                .Select(r => ((string)r[0]!, Convert.ToInt64(r[1]), Convert.ToInt64(r[2]))).ToList(),
            Rows(connection, "SELECT COALESCE(input_kind, '?'), status, COUNT(*) FROM documents GROUP BY COALESCE(input_kind, '?'), status ORDER BY 1, 2")
                .Select(r => ((string)r[0]!, (string)r[1]!, Convert.ToInt64(r[2]))).ToList(),
            Rows(connection, "SELECT year, COUNT(*) FROM forms GROUP BY year ORDER BY year")
                .Select(r => (r[0] is null ? "unknown" : Invariant(r[0]), Convert.ToInt64(r[1]))).ToList(),
            Convert.ToInt64(Scalar(connection, null, "SELECT COUNT(*) FROM forms")),
            Convert.ToInt64(Scalar(connection, null, "SELECT COUNT(*) FROM findings")),
            Rows(connection, "SELECT p.path, d.failure FROM documents d JOIN document_paths p ON p.document_id = d.id WHERE d.status = 'failed' ORDER BY p.path")
                .Select(r => ((string)r[0]!, (string?)r[1] ?? "")).ToList());
    }

    /// <summary>
    /// Cleaned forms as stored, in document and form order: the JSON written at import — or, where an auditor
    /// corrected a value, the corrected form with its re-run findings — so the same form exports byte-identical every
    /// time. A form with decisions carries them in a <c>review</c> member (the contract allows members beyond its
    /// own): corrections with the original value, decisions with who, when and why. Without findings, the form's
    /// <c>findings</c> is written empty.
    /// </summary>
    public IEnumerable<string> Export(ExportFilter filter)
    {
        using var connection = Connect();
        var sql = "SELECT f.id, COALESCE(f.corrected_json, f.json), EXISTS (SELECT 1 FROM decisions x WHERE x.form_id = f.id) " +
                  "OR EXISTS (SELECT 1 FROM signoffs s WHERE s.form_id = f.id) " +
                  "FROM forms f JOIN documents d ON d.id = f.document_id WHERE d.status = 'done'" +
                  (filter.Year is null ? "" : " AND f.year = @year") +
                  (filter.Department is null ? "" : " AND f.department = @dept") +
                  " ORDER BY d.id, f.form_index";
        // Streamed; the review members come over a second connection, as PostgreSQL runs one command at a time on each.
        using var reviews = Connect();
        using var command = Command(connection, null, sql, ("year", filter.Year), ("dept", filter.Department));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // Forms stored before contract version 2 leave in version 2.
            var json = Checking.VersionOneForms.Upgrade(reader.GetString(1));
            var reviewed = Convert.ToBoolean(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            if (filter.WithFindings && !reviewed) { yield return json; continue; }
            var node = JsonNode.Parse(json)!.AsObject();
            if (!filter.WithFindings) node["findings"] = new JsonArray();
            if (reviewed) node["review"] = ReviewMember(reviews, reader.GetInt64(0));
            yield return node.ToJsonString(ContractJson.Options);
        }
    }

    internal static List<object?[]> Rows(System.Data.Common.DbConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        Rows(connection, null, sql, parameters);

    internal static List<object?[]> Rows(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, string sql,
        params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(values);
        }
        return rows;
    }
}
