using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerformanceEval.Contract;
using PerformanceEval.Review;

namespace PerformanceEval.Storage;

/// <summary>Which findings the review queue shows, and which page of them.</summary>
/// <param name="Year">Forms of this year only.</param>
/// <param name="Department">Forms of this 主管部门 only.</param>
/// <param name="Rule">Findings of this rule only.</param>
/// <param name="Severity">Findings of this severity only.</param>
/// <param name="Status">Findings in this review status only.</param>
/// <param name="Page">1-based page.</param>
/// <param name="PageSize">Findings a page (1–500).</param>
/// <param name="Sort">
/// <c>severity</c> (the default: the form's own discrepancies before suspected OCR misreadings, material ones first, then
/// by severity) or <c>amount</c> (the most yuan at stake first).
/// </param>
/// <param name="Kind"><c>stated</c>: discrepancies the form itself states; <c>ocr</c>: suspected misreadings; null: both.</param>
public sealed record QueueFilter(int? Year = null, string? Department = null, string? Rule = null, string? Severity = null,
    string? Status = null, int Page = 1, int PageSize = 50, string Sort = "severity", string? Kind = null);

/// <summary>One line of the review queue.</summary>
public sealed record QueueItem(long FindingId, long FormId, string Rule, string Severity, string Field, string? Stated,
    string? Expected, string Message, string Status, int? Year, string? Department, string? Project)
{
    /// <summary>stated − expected, when both are numbers.</summary>
    public double? Difference { get; init; }
    /// <summary>The yuan at stake, for findings about money.</summary>
    public double? Amount { get; init; }
    /// <summary>Material (重大) by pipeline.json's thresholds; null for a finding imported before it was measured.</summary>
    public bool? Material { get; init; }
    /// <summary>Computed from a figure the OCR was unsure of: perhaps the reading's discrepancy, not the form's.</summary>
    public bool? Suspect { get; init; }
    /// <summary>Findings of the form with this one's cause, itself included (1: it stands alone).</summary>
    public int CauseSize { get; init; } = 1;
}

/// <summary>A page of the queue, the counts over everything the filter matches, and the values the filters offer.</summary>
public sealed record QueuePage(IReadOnlyList<QueueItem> Items, long Matching, IReadOnlyDictionary<string, long> BySeverity,
    IReadOnlyDictionary<string, long> ByStatus, IReadOnlyList<int> Years, IReadOnlyList<string> Departments, IReadOnlyList<string> Rules)
{
    /// <summary>The page shown: the one asked for, or the last one when it asked beyond the end.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Pages the filter's findings fill (at least one).</summary>
    public int Pages { get; init; } = 1;
}

/// <summary>A finding as the form page shows it, with its review status.</summary>
public sealed record ReviewFinding(long Id, int Position, string Rule, string Severity, string Field, string? Stated,
    string? Expected, string Message, string Status, string Origin)
{
    /// <summary>Material (重大); null for a finding imported before it was measured.</summary>
    public bool? Material { get; init; }
    /// <summary>Computed from a figure the OCR was unsure of.</summary>
    public bool? Suspect { get; init; }
    /// <summary>The position of the finding whose cause this one follows (decided with it); null when it leads or stands alone.</summary>
    public int? Follows { get; init; }
}

/// <summary>One recorded decision: who, when, why, and for a correction what was replaced and what it changed.</summary>
public sealed record DecisionRecord(long Id, long? FindingId, string Decision, string? Reason, string? Field,
    string? OriginalValue, string? CorrectedValue, string DecidedBy, string DecidedAt, string? Outcome);

/// <summary>A form with everything the review page shows of it.</summary>
public sealed record ReviewForm(long Id, long DocumentId, int FormIndex, string ImportedJson, string? CorrectedJson,
    string? InputKind, IReadOnlyList<ReviewFinding> Findings, IReadOnlyList<DecisionRecord> History,
    long? PreviousFormId, long? NextFormId)
{
    /// <summary>The JSON of the table the form was read from (<see cref="Contract.ReadTable"/>); null for a form imported before tables were kept.</summary>
    public string? ReadTableJson { get; init; }

    /// <summary>The form's sign-off (审结), once a reviewer gave one.</summary>
    public SignOff? SignedOff { get; init; }

    /// <summary>The form as it stands: corrected where an auditor corrected it.</summary>
    public string CurrentJson => CorrectedJson ?? ImportedJson;
}

/// <summary>Another stored form that is the same form from another source (<see cref="Review.SameForm"/>).</summary>
public sealed record OtherSource(long FormId, long DocumentId, int FormIndex, string? InputKind, string? Path, string Json);

/// <summary>Where a stored document's file is, for its evidence: every path it was imported under, and its hash.</summary>
public sealed record StoredDocument(long Id, string Sha256, string? InputKind, IReadOnlyList<string> Paths);

/// <summary>A decision the store refuses (unknown finding, a finding a correction already resolved).</summary>
public sealed class DecisionRejectedException(string message) : Exception(message);

public sealed partial class FormStore
{
    public static readonly IReadOnlyList<string> ReviewStatuses = ["pending", "confirm", "dismiss", "resolved"];

    /// <summary>Severity as an order; the same expression is indexed (findings_queue, findings_stakes).</summary>
    private const string SeverityOrder = "CASE fi.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END";

    /// <summary>
    /// The queue's default order, as indexed (findings_stakes) so that a page is read, not sorted: resolved last, the
    /// form's own discrepancies before suspected OCR misreadings, material before the rest, then severity.
    /// </summary>
    private const string StakesOrder = "(CASE WHEN fi.review_status = 'resolved' THEN 1 ELSE 0 END), (CASE WHEN fi.suspect = 1 THEN 1 ELSE 0 END), " +
        "(CASE WHEN fi.material = 1 THEN 0 ELSE 1 END), " + SeverityOrder + ", fi.form_id, fi.position";

    /// <summary>The findings a filter matches, most severe first, one page of them.</summary>
    public QueuePage Queue(QueueFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = Connect();
        var where = " WHERE 1 = 1" + Conditions(filter) + (filter.Status is null ? "" : " AND fi.review_status = @status");
        (string, object?)[] args = [.. ConditionArguments(filter), ("status", filter.Status)];
        const string from = " FROM findings fi JOIN forms f ON f.id = fi.form_id";
        var groups = Rows(connection, "SELECT fi.severity, fi.review_status, COUNT(*)" + from + where + " GROUP BY fi.severity, fi.review_status", args);
        var bySeverity = groups.GroupBy(g => (string)g[0]!).ToDictionary(g => g.Key, g => g.Sum(r => Convert.ToInt64(r[2], CultureInfo.InvariantCulture)));
        var byStatus = groups.GroupBy(g => (string)g[1]!).ToDictionary(g => g.Key, g => g.Sum(r => Convert.ToInt64(r[2], CultureInfo.InvariantCulture)));
        var size = Math.Clamp(filter.PageSize, 1, 500);
        var matching = bySeverity.Values.Sum();
        var pages = (int)Math.Max(1, (matching + size - 1) / size);
        var shown = Math.Clamp(filter.Page, 1, pages);
        var offset = (long)(shown - 1) * size;
        var items = Rows(connection,
                "SELECT fi.id, fi.form_id, fi.rule, fi.severity, fi.field, fi.stated, fi.expected, fi.message, fi.review_status, f.year, f.department, f.project, fi.difference, fi.amount, fi.material, fi.suspect, " +
                "(CASE WHEN fi.cause IS NULL THEN 1 ELSE (SELECT COUNT(*) FROM findings g WHERE g.form_id = fi.form_id AND g.cause = fi.cause) END)" +
                from + where + (filter.Sort == "amount"
                    ? $" ORDER BY (CASE WHEN fi.amount IS NULL THEN 1 ELSE 0 END), fi.amount DESC, {SeverityOrder}, fi.form_id, fi.position"
                    : $" ORDER BY {StakesOrder}") + " LIMIT @limit OFFSET @offset",
                [.. args, ("limit", size), ("offset", offset)])
            .Select(r => new QueueItem(Convert.ToInt64(r[0], CultureInfo.InvariantCulture), Convert.ToInt64(r[1], CultureInfo.InvariantCulture),
                (string)r[2]!, (string)r[3]!, (string)r[4]!, (string?)r[5], (string?)r[6], (string)r[7]!, (string)r[8]!,
                r[9] is null ? null : Convert.ToInt32(r[9], CultureInfo.InvariantCulture), (string?)r[10], (string?)r[11])
            {
                Difference = r[12] is null ? null : Convert.ToDouble(r[12], CultureInfo.InvariantCulture),
                Amount = r[13] is null ? null : Convert.ToDouble(r[13], CultureInfo.InvariantCulture),
                Material = r[14] is null ? null : Convert.ToInt32(r[14], CultureInfo.InvariantCulture) == 1,
                Suspect = r[15] is null ? null : Convert.ToInt32(r[15], CultureInfo.InvariantCulture) == 1,
                CauseSize = Convert.ToInt32(r[16], CultureInfo.InvariantCulture),
            })
            .ToList();
        return new QueuePage(items, matching, bySeverity, byStatus,
            Rows(connection, "SELECT DISTINCT year FROM forms WHERE year IS NOT NULL ORDER BY year").Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture)).ToList(),
            Rows(connection, "SELECT DISTINCT department FROM forms WHERE department IS NOT NULL ORDER BY department").Select(r => (string)r[0]!).ToList(),
            Rows(connection, "SELECT DISTINCT rule FROM findings ORDER BY rule").Select(r => (string)r[0]!).ToList()) { Page = shown, Pages = pages };
    }

    /// <summary>
    /// The same form stored from other documents: candidates of the same year and 主管部门 whose project name or 总分 is
    /// the same (both indexed or narrow), kept when <see cref="Review.SameForm.Matches"/> agrees — a project name the OCR
    /// misread is matched by the budget and execution instead.
    /// </summary>
    public IReadOnlyList<OtherSource> OtherSources(long formId) => OtherSources(formId, int.MaxValue).Sources;

    /// <summary>
    /// At most <paramref name="limit"/> of the form's other sources, and how many more candidates there were: a form
    /// imported hundreds of times (a folder copied into the archive again and again) must not make its page read them all.
    /// </summary>
    public (IReadOnlyList<OtherSource> Sources, long More) OtherSources(long formId, int limit)
    {
        using var connection = Connect();
        var row = Row(connection, null, "SELECT year, department, project, total_score, COALESCE(corrected_json, json), document_id FROM forms WHERE id = @id", ("id", formId));
        if (row is null || row[0] is null || row[1] is null) return ([], 0);
        var here = ContractJson.Deserialize((string)row[4]!);
        var same = new List<string>();
        var args = new List<(string, object?)> { ("year", row[0]), ("dept", row[1]), ("doc", row[5]) };
        if (row[2] is not null) { same.Add("f.project = @project"); args.Add(("project", row[2])); }
        if (row[3] is not null) { same.Add("f.total_score = @total"); args.Add(("total", row[3])); }
        if (same.Count == 0) return ([], 0);
        var where = $" FROM forms f JOIN documents d ON d.id = f.document_id WHERE f.year = @year AND f.department = @dept AND f.document_id <> @doc AND ({string.Join(" OR ", same)})";
        var candidates = Convert.ToInt64(Scalar(connection, null, "SELECT COUNT(*)" + where, [.. args]), CultureInfo.InvariantCulture);
        var read = Rows(connection,
                "SELECT f.id, f.document_id, f.form_index, d.input_kind, d.path, COALESCE(f.corrected_json, f.json)" + where + " ORDER BY f.id LIMIT @limit",
                [.. args, ("limit", (long)Math.Min(limit, int.MaxValue))])
            .Select(r => new OtherSource(Convert.ToInt64(r[0], CultureInfo.InvariantCulture), Convert.ToInt64(r[1], CultureInfo.InvariantCulture),
                Convert.ToInt32(r[2], CultureInfo.InvariantCulture), (string?)r[3], (string?)r[4], (string)r[5]!))
            .ToList();
        return ([.. read.Where(o => Review.SameForm.Matches(here, ContractJson.Deserialize(o.Json)))], candidates - read.Count);
    }

    /// <summary>The filter's year, department, rule, severity and kind as SQL conditions over findings <c>fi</c> and forms <c>f</c>.</summary>
    private static string Conditions(QueueFilter filter) =>
        (filter.Year is null ? "" : " AND f.year = @year") +
        (filter.Department is null ? "" : " AND f.department = @dept") +
        (filter.Rule is null ? "" : " AND fi.rule = @rule") +
        (filter.Severity is null ? "" : " AND fi.severity = @sev") +
        // One cause, one line: a finding that follows another's cause is shown, counted and decided with its leader —
        // unless the filter asks for its rule, which then lists it.
        (filter.Rule is null ? " AND fi.follows IS NULL" : "") +
        filter.Kind switch
        {
            "ocr" => " AND fi.suspect = 1",
            "stated" => " AND (fi.suspect IS NULL OR fi.suspect = 0)",
            _ => "",
        };

    private static (string, object?)[] ConditionArguments(QueueFilter filter) =>
        [("year", filter.Year), ("dept", filter.Department), ("rule", filter.Rule), ("sev", filter.Severity)];

    /// <summary>
    /// A form with its findings and decisions; null when there is no such form. Its previous and next forms are those
    /// with findings still to decide that the queue's filter <paramref name="along"/> matches (year, department, rule,
    /// severity): an auditor working through 预算执行率不符 goes from one such form to the next.
    /// </summary>
    public ReviewForm? ReviewForm(long formId, QueueFilter? along = null)
    {
        using var connection = Connect();
        var form = Row(connection, null,
            "SELECT f.id, f.document_id, f.form_index, f.json, f.corrected_json, d.input_kind, f.read_table FROM forms f JOIN documents d ON d.id = f.document_id WHERE f.id = @id",
            ("id", formId));
        if (form is null) return null;
        var findings = Rows(connection,
                "SELECT id, position, rule, severity, field, stated, expected, message, review_status, origin, material, suspect, follows FROM findings WHERE form_id = @id ORDER BY position",
                ("id", formId))
            .Select(r => new ReviewFinding(Convert.ToInt64(r[0], CultureInfo.InvariantCulture), Convert.ToInt32(r[1], CultureInfo.InvariantCulture),
                (string)r[2]!, (string)r[3]!, (string)r[4]!, (string?)r[5], (string?)r[6], (string)r[7]!, (string)r[8]!, (string)r[9]!)
            {
                Material = r[10] is null ? null : Convert.ToInt32(r[10], CultureInfo.InvariantCulture) == 1,
                Suspect = r[11] is null ? null : Convert.ToInt32(r[11], CultureInfo.InvariantCulture) == 1,
                Follows = r[12] is null ? null : Convert.ToInt32(r[12], CultureInfo.InvariantCulture),
            })
            .ToList();
        var filter = along ?? new QueueFilter();
        long? Neighbour(string sql) =>
            Scalar(connection, null, sql.Replace("{conditions}", Conditions(filter), StringComparison.Ordinal), [("id", formId), .. ConditionArguments(filter)]) is { } v
                ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
        return new ReviewForm(formId, Convert.ToInt64(form[1], CultureInfo.InvariantCulture), Convert.ToInt32(form[2], CultureInfo.InvariantCulture),
            (string)form[3]!, (string?)form[4], (string?)form[5], findings, History(connection, formId),
            // Previous and next forms that still have findings to decide: the auditor's way through the store.
            Neighbour("SELECT MAX(fi.form_id) FROM findings fi JOIN forms f ON f.id = fi.form_id WHERE fi.review_status = 'pending' AND fi.form_id < @id{conditions}"),
            Neighbour("SELECT MIN(fi.form_id) FROM findings fi JOIN forms f ON f.id = fi.form_id WHERE fi.review_status = 'pending' AND fi.form_id > @id{conditions}")) { SignedOff = SignOffOf(connection, formId), ReadTableJson = (string?)form[6] };
    }

    private static List<DecisionRecord> History(System.Data.Common.DbConnection connection, long formId) =>
        Rows(connection,
                "SELECT id, finding_id, decision, reason, field, original_value, corrected_value, decided_by, decided_at, outcome FROM decisions WHERE form_id = @id ORDER BY id",
                ("id", formId))
            .Select(r => new DecisionRecord(Convert.ToInt64(r[0], CultureInfo.InvariantCulture),
                r[1] is null ? null : Convert.ToInt64(r[1], CultureInfo.InvariantCulture), (string)r[2]!, (string?)r[3], (string?)r[4],
                (string?)r[5], (string?)r[6], (string)r[7]!, (string)r[8]!, (string?)r[9]))
            .ToList();

    /// <summary>A document that was read into forms, by its id; null for any other id.</summary>
    public StoredDocument? Document(long documentId)
    {
        using var connection = Connect();
        var doc = Row(connection, null, "SELECT id, sha256, input_kind, path FROM documents WHERE id = @id AND status = 'done'", ("id", documentId));
        if (doc is null) return null;
        var paths = Rows(connection, "SELECT path FROM document_paths WHERE document_id = @id ORDER BY path", ("id", documentId)).Select(r => (string)r[0]!);
        return new StoredDocument(documentId, (string)doc[1]!, (string?)doc[2], [.. new[] { (string)doc[3]! }.Concat(paths).Distinct()]);
    }

    /// <summary>Records a confirmation or a dismissal of one finding of a form.</summary>
    public DecisionRecord Decide(long formId, long findingId, string decision, string? reason, string decidedBy)
    {
        if (decision is not ("confirm" or "dismiss")) throw new ArgumentOutOfRangeException(nameof(decision), decision, "confirm or dismiss");
        using var connection = Connect();
        using var tx = Begin(connection);
        var status = Scalar(connection, tx, "SELECT review_status FROM findings WHERE id = @f AND form_id = @form", ("f", findingId), ("form", formId)) as string
                     ?? throw new DecisionRejectedException($"第 {formId} 张表没有编号为 {findingId} 的问题");
        if (status == "resolved") throw new DecisionRejectedException("该问题已由一次更正解决");
        var now = Now();
        var id = Convert.ToInt64(Scalar(connection, tx,
            "INSERT INTO decisions (form_id, finding_id, decision, reason, decided_by, decided_at) VALUES (@form, @f, @d, @reason, @by, @at) RETURNING id",
            ("form", formId), ("f", findingId), ("d", decision), ("reason", reason), ("by", decidedBy), ("at", now)), CultureInfo.InvariantCulture);
        Execute(connection, tx, "UPDATE findings SET review_status = @d WHERE id = @f", ("d", decision), ("f", findingId));
        DecideFollowers(connection, tx, formId, findingId, decision, reason, decidedBy, now);
        tx.Commit();
        return new DecisionRecord(id, findingId, decision, reason, null, null, null, decidedBy, now, null);
    }

    /// <summary>
    /// The findings that follow <paramref name="leader"/>'s cause and are still to decide take its decision, each with
    /// a decision of its own in the history that says so.
    /// </summary>
    private static void DecideFollowers(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long formId, long leader,
        string decision, string? reason, string decidedBy, string now)
    {
        var followers = Rows(connection, tx,
                "SELECT g.id FROM findings g JOIN findings l ON l.form_id = g.form_id AND g.follows = l.position " +
                "WHERE l.id = @leader AND g.form_id = @form AND g.review_status = 'pending' ORDER BY g.position",
                ("leader", leader), ("form", formId))
            .Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).ToList();
        var why = "与同一原因的问题一并决定" + (string.IsNullOrWhiteSpace(reason) ? "" : "：" + reason);
        foreach (var follower in followers)
        {
            Execute(connection, tx,
                "INSERT INTO decisions (form_id, finding_id, decision, reason, decided_by, decided_at) VALUES (@form, @f, @d, @reason, @by, @at)",
                ("form", formId), ("f", follower), ("d", decision), ("reason", why), ("by", decidedBy), ("at", now));
            Execute(connection, tx, "UPDATE findings SET review_status = @d WHERE id = @f", ("d", decision), ("f", follower));
        }
    }

    /// <summary>
    /// Confirms or dismisses every finding still to decide that the queue's filter matches (its year, department, rule
    /// and severity), in one transaction, each with its own decision in the history. <paramref name="expected"/> is how
    /// many the reviewer saw: when the selection has changed since (another reviewer decided some), nothing is
    /// decided and the reviewer is told to look again.
    /// </summary>
    /// <returns>The findings decided.</returns>
    public int DecideAll(QueueFilter filter, string decision, string? reason, string decidedBy, long expected)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (decision is not ("confirm" or "dismiss")) throw new DecisionRejectedException("决定只能是确认或驳回");
        if (decision == "dismiss" && string.IsNullOrWhiteSpace(reason)) throw new DecisionRejectedException("驳回必须说明理由");
        using var connection = Connect();
        using var tx = Begin(connection);
        var pending = Rows(connection, tx,
                "SELECT fi.id, fi.form_id FROM findings fi JOIN forms f ON f.id = fi.form_id WHERE fi.review_status = 'pending'" + Conditions(filter) +
                " ORDER BY fi.form_id, fi.position",
                ConditionArguments(filter))
            .Select(r => (Finding: Convert.ToInt64(r[0], CultureInfo.InvariantCulture), Form: Convert.ToInt64(r[1], CultureInfo.InvariantCulture)))
            .ToList();
        if (pending.Count != expected)
            throw new DecisionRejectedException($"筛选出的待审核问题已由 {expected} 条变为 {pending.Count} 条，请刷新后再试");
        var now = Now();
        foreach (var (finding, form) in pending)
        {
            Execute(connection, tx,
                "INSERT INTO decisions (form_id, finding_id, decision, reason, decided_by, decided_at) VALUES (@form, @f, @d, @reason, @by, @at)",
                ("form", form), ("f", finding), ("d", decision), ("reason", reason), ("by", decidedBy), ("at", now));
            Execute(connection, tx, "UPDATE findings SET review_status = @d WHERE id = @f", ("d", decision), ("f", finding));
            DecideFollowers(connection, tx, form, finding, decision, reason, decidedBy, now);
        }
        tx.Commit();
        return pending.Count;
    }

    /// <summary>
    /// Records a correction of a misread value: <paramref name="apply"/> is given the form as it stands (inside the
    /// transaction, so two auditors' corrections apply one after the other) and returns it corrected and re-checked.
    /// The imported JSON is kept; findings the correction resolved are marked so, new ones are added, the rest take
    /// their recomputed figures.
    /// </summary>
    public (DecisionRecord Decision, CorrectedForm Form) Correct(long formId, long? findingId, string field, Func<string, CorrectedForm> apply,
        string? reason, string decidedBy)
    {
        ArgumentNullException.ThrowIfNull(apply);
        using var connection = Connect();
        using var tx = Begin(connection);
        var current = Row(connection, tx, "SELECT COALESCE(corrected_json, json) FROM forms WHERE id = @id", ("id", formId))
                      ?? throw new DecisionRejectedException($"没有第 {formId} 张表");
        if (findingId is { } fid && Scalar(connection, tx, "SELECT COUNT(*) FROM findings WHERE id = @f AND form_id = @form", ("f", fid), ("form", formId)) is 0L or 0)
            throw new DecisionRejectedException($"第 {formId} 张表没有编号为 {fid} 的问题");
        var corrected = apply((string)current[0]!);
        var open = Rows(connection, tx, "SELECT id, rule, field FROM findings WHERE form_id = @id AND review_status <> 'resolved' ORDER BY position", ("id", formId))
            .Select(r => (Id: Convert.ToInt64(r[0], CultureInfo.InvariantCulture), Rule: (string)r[1]!, Field: (string)r[2]!)).ToList();
        foreach (var gone in corrected.Changes.Resolved)
        {
            var row = open.FindIndex(o => o.Rule == gone.Rule && o.Field == gone.Field);
            if (row < 0) continue;
            Execute(connection, tx, "UPDATE findings SET review_status = 'resolved' WHERE id = @id", ("id", open[row].Id));
            open.RemoveAt(row);
        }
        foreach (var still in corrected.Changes.Remaining)
        {
            var row = open.FindIndex(o => o.Rule == still.Rule && o.Field == still.Field);
            if (row < 0) continue;
            Execute(connection, tx, "UPDATE findings SET stated = @stated, expected = @expected, message = @message WHERE id = @id",
                ("stated", Json(still.Stated)), ("expected", Json(still.Expected)), ("message", still.Message), ("id", open[row].Id));
            open.RemoveAt(row);
        }
        var position = Convert.ToInt32(Scalar(connection, tx, "SELECT COALESCE(MAX(position), -1) + 1 FROM findings WHERE form_id = @id", ("id", formId)), CultureInfo.InvariantCulture);
        // Findings a correction raised lead or follow a cause among themselves: the form's earlier ones were decided apart.
        var leaders = new Dictionary<string, int>();
        foreach (var raised in corrected.Changes.Raised)
        {
            int? follows = raised.Cause is { } cause && leaders.TryGetValue(cause, out var leader) ? leader : null;
            if (raised.Cause is { } first) leaders.TryAdd(first, position);
            Execute(connection, tx,
                "INSERT INTO findings (form_id, position, rule, severity, field, stated, expected, message, difference, amount, material, suspect, cause, follows, origin) " +
                "VALUES (@f, @k, @rule, @sev, @field, @stated, @expected, @message, @difference, @amount, @material, @suspect, @cause, @follows, 'correction')",
                ("f", formId), ("k", position++), ("rule", raised.Rule), ("sev", raised.Severity), ("field", raised.Field),
                ("stated", Json(raised.Stated)), ("expected", Json(raised.Expected)), ("message", raised.Message),
                ("difference", (double?)raised.Difference), ("amount", (double?)raised.Amount),
                ("material", Flag(raised.Material)), ("suspect", Flag(raised.SuspectedMisread)), ("cause", raised.Cause), ("follows", follows));
        }
        var form = ContractJson.Deserialize(corrected.Json);
        Execute(connection, tx,
            "UPDATE forms SET corrected_json = @json, year = @year, department = @dept, project = @project, total_score = @total, " +
            "error_count = @errors, warning_count = @warnings, info_count = @infos WHERE id = @id",
            ("json", corrected.Json), ("year", form.Year), ("dept", form.DepartmentCanonical ?? form.Department), ("project", form.ProjectName),
            ("total", form.TotalScore is { } t ? Invariant(t) : null),
            ("errors", form.Findings.Count(f => f.Severity == "error")), ("warnings", form.Findings.Count(f => f.Severity == "warning")),
            ("infos", form.Findings.Count(f => f.Severity == "info")), ("id", formId));
        var outcome = JsonSerializer.Serialize(new
        {
            resolved = corrected.Changes.Resolved.Select(f => new { f.Rule, f.Field, f.Message }),
            raised = corrected.Changes.Raised.Select(f => new { f.Rule, f.Field, f.Message }),
        }, ContractJson.Options);
        var now = Now();
        var id = Convert.ToInt64(Scalar(connection, tx,
            "INSERT INTO decisions (form_id, finding_id, decision, reason, field, original_value, corrected_value, decided_by, decided_at, outcome) " +
            "VALUES (@form, @f, 'correct', @reason, @field, @original, @corrected, @by, @at, @outcome) RETURNING id",
            ("form", formId), ("f", findingId), ("reason", reason), ("field", field), ("original", corrected.OriginalValue),
            ("corrected", corrected.CorrectedValue), ("by", decidedBy), ("at", now), ("outcome", outcome)), CultureInfo.InvariantCulture);
        tx.Commit();
        return (new DecisionRecord(id, findingId, "correct", reason, field, corrected.OriginalValue, corrected.CorrectedValue, decidedBy, now, outcome), corrected);
    }

    /// <summary>
    /// The export's <c>review</c> member of a form with decisions: its corrections (field, the value read, the value
    /// the auditor gave) and every decision on its findings, each with who, when and why.
    /// </summary>
    private static JsonObject? ReviewMember(System.Data.Common.DbConnection connection, long formId)
    {
        var history = History(connection, formId);
        var signedOff = SignOffOf(connection, formId);
        if (history.Count == 0 && signedOff is null) return null;
        var findings = Rows(connection, "SELECT id, rule, field, stated, expected FROM findings WHERE form_id = @id", ("id", formId))
            .ToDictionary(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture));
        var corrections = new JsonArray();
        var decisions = new JsonArray();
        foreach (var d in history)
        {
            if (d.Decision == "correct")
                corrections.Add(new JsonObject
                {
                    ["field"] = d.Field, ["original"] = d.OriginalValue, ["corrected"] = d.CorrectedValue,
                    ["reason"] = d.Reason, ["decidedBy"] = d.DecidedBy, ["decidedAt"] = d.DecidedAt,
                });
            var finding = d.FindingId is { } f && findings.TryGetValue(f, out var row) ? row : null;
            decisions.Add(new JsonObject
            {
                ["decision"] = d.Decision, ["rule"] = (string?)finding?[1], ["field"] = d.Field ?? (string?)finding?[2],
                ["stated"] = finding?[3] is string s ? JsonNode.Parse(s) : null,
                ["expected"] = finding?[4] is string e ? JsonNode.Parse(e) : null,
                ["reason"] = d.Reason, ["decidedBy"] = d.DecidedBy, ["decidedAt"] = d.DecidedAt,
            });
        }
        var member = new JsonObject { ["corrections"] = corrections, ["decisions"] = decisions };
        if (signedOff is not null)
            member["signOff"] = new JsonObject { ["opinion"] = signedOff.Opinion, ["signedBy"] = signedOff.SignedBy, ["signedAt"] = signedOff.SignedAt };
        return member;
    }
}
