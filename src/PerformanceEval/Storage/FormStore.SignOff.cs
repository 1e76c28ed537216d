using System.Data.Common;
using System.Globalization;

namespace PerformanceEval.Storage;

/// <summary>A form signed off (审结): the reviewer's opinion, who signed and when (Asia/Shanghai, to the second).</summary>
public sealed record SignOff(string Opinion, string SignedBy, string SignedAt);

/// <summary>
/// Which forms the forms list shows: a search over project name (which holds a form's document number, e.g.
/// 宝财行签[2023]277号) and 主管部门, a year, a department, a review state, a page.
/// </summary>
/// <param name="Search">Text the project name or the 主管部门 holds.</param>
/// <param name="Year">The forms' year.</param>
/// <param name="Department">The canonical 主管部门.</param>
/// <param name="State">pending (待审核: nothing decided yet), reviewing (审核中: some decided, not signed off), signed (已审结).</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Forms a page (at most 500).</param>
public sealed record FormListFilter(string? Search = null, int? Year = null, string? Department = null, string? State = null,
    int Page = 1, int PageSize = 50);

/// <summary>One line of the forms list.</summary>
public sealed record FormListItem(long FormId, int? Year, string? Department, string? Project, string? TotalScore,
    long Errors, long Warnings, long Infos, long Pending, string State, string? SignedBy, string? SignedAt);

/// <summary>A page of the forms list, with how many forms match and how many stand in each state.</summary>
public sealed record FormListPage(IReadOnlyList<FormListItem> Items, long Matching, IReadOnlyDictionary<string, long> ByState, int Page, int Pages);

public sealed partial class FormStore
{
    /// <summary>The form review states, in the order a form goes through them.</summary>
    public static readonly IReadOnlyList<string> FormStates = ["pending", "reviewing", "signed"];

    /// <summary>A form's state as SQL over forms <c>f</c>.</summary>
    private const string StateSql =
        "CASE WHEN EXISTS (SELECT 1 FROM signoffs s WHERE s.form_id = f.id) THEN 'signed' " +
        "WHEN EXISTS (SELECT 1 FROM decisions x WHERE x.form_id = f.id) THEN 'reviewing' ELSE 'pending' END";

    /// <summary>
    /// Signs a form off with the reviewer's opinion. Refused while any finding on it is still to decide (each must be
    /// confirmed, dismissed or resolved by a correction first), and refused a second time: a sign-off is final.
    /// </summary>
    public SignOff SignOff(long formId, string opinion, string signedBy)
    {
        if (string.IsNullOrWhiteSpace(opinion)) throw new DecisionRejectedException("审结须填写审核意见");
        if (string.IsNullOrWhiteSpace(signedBy)) throw new DecisionRejectedException("请填写审核人");
        using var connection = Connect();
        using var tx = Begin(connection);
        if (Scalar(connection, tx, "SELECT id FROM forms WHERE id = @id", ("id", formId)) is null)
            throw new DecisionRejectedException($"没有第 {formId} 张表");
        if (Scalar(connection, tx, "SELECT signed_by FROM signoffs WHERE form_id = @id", ("id", formId)) is string by)
            throw new DecisionRejectedException($"该表已由{by}审结");
        var pending = Convert.ToInt64(Scalar(connection, tx, "SELECT COUNT(*) FROM findings WHERE form_id = @id AND review_status = 'pending'", ("id", formId)),
            CultureInfo.InvariantCulture);
        if (pending > 0) throw new DecisionRejectedException($"尚有 {pending} 条问题待审核，不能审结");
        var now = Now();
        Execute(connection, tx, "INSERT INTO signoffs (form_id, opinion, signed_by, signed_at) VALUES (@id, @opinion, @by, @at)",
            ("id", formId), ("opinion", opinion.Trim()), ("by", signedBy.Trim()), ("at", now));
        tx.Commit();
        return new SignOff(opinion.Trim(), signedBy.Trim(), now);
    }

    private static SignOff? SignOffOf(DbConnection connection, long formId) =>
        Row(connection, null, "SELECT opinion, signed_by, signed_at FROM signoffs WHERE form_id = @id", ("id", formId)) is { } r
            ? new SignOff((string)r[0]!, (string)r[1]!, (string)r[2]!)
            : null;

    /// <summary>Every stored form the filter matches, clean ones too, oldest first, one page of them.</summary>
    public FormListPage Forms(FormListFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = Connect();
        // A search is a substring of the project name or the department; its own % and _ are literal.
        var search = string.IsNullOrWhiteSpace(filter.Search) ? null
            : "%" + filter.Search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var where = " WHERE d.status = 'done'" +
                    (search is null ? "" : " AND (f.project LIKE @q ESCAPE '\\' OR f.department LIKE @q ESCAPE '\\')") +
                    (filter.Year is null ? "" : " AND f.year = @year") +
                    (filter.Department is null ? "" : " AND f.department = @dept");
        (string, object?)[] args = [("q", search), ("year", filter.Year), ("dept", filter.Department), ("state", filter.State)];
        const string from = " FROM forms f JOIN documents d ON d.id = f.document_id";
        var byState = Rows(connection, $"SELECT {StateSql}, COUNT(*)" + from + where + $" GROUP BY {StateSql}", args)
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture));
        var matching = filter.State is null ? byState.Values.Sum() : byState.GetValueOrDefault(filter.State);
        var size = Math.Clamp(filter.PageSize, 1, 500);
        var pages = (int)Math.Max(1, (matching + size - 1) / size);
        var shown = Math.Clamp(filter.Page, 1, pages);
        var items = Rows(connection,
                $"SELECT f.id, f.year, f.department, f.project, f.total_score, f.error_count, f.warning_count, f.info_count, " +
                $"(SELECT COUNT(*) FROM findings fi WHERE fi.form_id = f.id AND fi.review_status = 'pending'), {StateSql}, s.signed_by, s.signed_at" +
                from + " LEFT JOIN signoffs s ON s.form_id = f.id" + where + (filter.State is null ? "" : $" AND {StateSql} = @state") +
                " ORDER BY f.id LIMIT @limit OFFSET @offset",
                [.. args, ("limit", size), ("offset", (long)(shown - 1) * size)])
            .Select(r => new FormListItem(Convert.ToInt64(r[0], CultureInfo.InvariantCulture),
                r[1] is null ? null : Convert.ToInt32(r[1], CultureInfo.InvariantCulture), (string?)r[2], (string?)r[3], (string?)r[4],
                Convert.ToInt64(r[5], CultureInfo.InvariantCulture), Convert.ToInt64(r[6], CultureInfo.InvariantCulture),
                Convert.ToInt64(r[7], CultureInfo.InvariantCulture), Convert.ToInt64(r[8], CultureInfo.InvariantCulture),
                (string)r[9]!, (string?)r[10], (string?)r[11]))
            .ToList();
        return new FormListPage(items, matching, byState, shown, pages);
    }
}
