using System.Globalization;

namespace PerformanceEval.Storage;

/// <summary>What one department's forms of one year came to, and how far their review has gone.</summary>
/// <param name="Department">The canonical 主管部门 (null: unread on the form).</param>
/// <param name="Year">The form's year (null: unread).</param>
/// <param name="Forms">Forms stored.</param>
/// <param name="FormsWithFindings">Forms with at least one finding.</param>
/// <param name="Errors">Findings of severity error.</param>
/// <param name="Warnings">Findings of severity warning.</param>
/// <param name="Infos">Findings of severity info.</param>
/// <param name="AmountAtStake">Yuan of the findings still standing (to decide or confirmed; not dismissed or resolved).</param>
/// <param name="Pending">Findings still to decide.</param>
/// <param name="Confirmed">Findings confirmed.</param>
/// <param name="Dismissed">Findings dismissed.</param>
/// <param name="Resolved">Findings a correction resolved.</param>
public sealed record DepartmentYearSummary(string? Department, int? Year, long Forms, long FormsWithFindings,
    long Errors, long Warnings, long Infos, double AmountAtStake, long Pending, long Confirmed, long Dismissed, long Resolved);

/// <summary>Findings of one rule and severity among one department's forms of one year.</summary>
public sealed record RuleSummary(string? Department, int? Year, string Rule, string Severity, long Findings, double AmountAtStake, long Pending);

/// <summary>The store summed up by department and year (<c>perfeval report</c>, the review page's 汇总).</summary>
public sealed record StoreSummary(IReadOnlyList<DepartmentYearSummary> ByDepartmentYear, IReadOnlyList<RuleSummary> ByRule);

public sealed partial class FormStore
{
    /// <summary>Standing findings: a dismissed one was judged no problem, a resolved one was the reading's, not the form's.</summary>
    private const string Standing = "fi.review_status IN ('pending', 'confirm')";

    /// <summary>
    /// Every stored form by department and year (the filter's, when given), with its findings and their review. A cause
    /// is counted once, as the queue shows it: by the finding that leads it, with that finding's yuan (a breakdown that
    /// fails in three columns is one gap, not three times its money).
    /// </summary>
    public StoreSummary Summary(ExportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = Connect();
        var where = " WHERE d.status = 'done'" +
                    (filter.Year is null ? "" : " AND f.year = @year") +
                    (filter.Department is null ? "" : " AND f.department = @dept");
        (string, object?)[] args = [("year", filter.Year), ("dept", filter.Department)];
        const string forms = " FROM forms f JOIN documents d ON d.id = f.document_id";
        string Count(string condition) => $"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)";
        var byDepartmentYear = Rows(connection,
                "SELECT f.department, f.year, COUNT(DISTINCT f.id), COUNT(DISTINCT fi.form_id), " +
                $"{Count("fi.severity = 'error'")}, {Count("fi.severity = 'warning'")}, {Count("fi.severity = 'info'")}, " +
                $"SUM(CASE WHEN {Standing} THEN COALESCE(fi.amount, 0) ELSE 0 END), " +
                $"{Count("fi.review_status = 'pending'")}, {Count("fi.review_status = 'confirm'")}, " +
                $"{Count("fi.review_status = 'dismiss'")}, {Count("fi.review_status = 'resolved'")}" +
                forms + " LEFT JOIN findings fi ON fi.form_id = f.id AND fi.follows IS NULL" + where + " GROUP BY f.department, f.year", args)
            .Select(r => new DepartmentYearSummary((string?)r[0], Year(r[1]), Long(r[2]), Long(r[3]), Long(r[4]), Long(r[5]), Long(r[6]),
                Double(r[7]), Long(r[8]), Long(r[9]), Long(r[10]), Long(r[11])))
            .OrderBy(s => s.Department is null).ThenBy(s => s.Department, StringComparer.Ordinal).ThenBy(s => s.Year is null).ThenBy(s => s.Year)
            .ToList();
        var byRule = Rows(connection,
                "SELECT f.department, f.year, fi.rule, fi.severity, COUNT(*), " +
                $"SUM(CASE WHEN {Standing} THEN COALESCE(fi.amount, 0) ELSE 0 END), {Count("fi.review_status = 'pending'")}" +
                forms + " JOIN findings fi ON fi.form_id = f.id AND fi.follows IS NULL" + where + " GROUP BY f.department, f.year, fi.rule, fi.severity", args)
            .Select(r => new RuleSummary((string?)r[0], Year(r[1]), (string)r[2]!, (string)r[3]!, Long(r[4]), Double(r[5]), Long(r[6])))
            .OrderBy(s => s.Department is null).ThenBy(s => s.Department, StringComparer.Ordinal).ThenBy(s => s.Year is null).ThenBy(s => s.Year)
            .ThenBy(s => s.Severity switch { "error" => 0, "warning" => 1, _ => 2 }).ThenBy(s => s.Rule, StringComparer.Ordinal)
            .ToList();
        return new StoreSummary(byDepartmentYear, byRule);

        static long Long(object? v) => v is null ? 0 : Convert.ToInt64(v, CultureInfo.InvariantCulture);
        static double Double(object? v) => v is null ? 0 : Convert.ToDouble(v, CultureInfo.InvariantCulture);
        static int? Year(object? v) => v is null ? null : Convert.ToInt32(v, CultureInfo.InvariantCulture);
    }
}
