namespace PerformanceEval.Storage;

/// <summary>
/// The store's schema, as numbered migrations applied in order and recorded in <c>schema_version</c>. A migration
/// once released is never edited: a change is a new one.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<string> For(StoreDialect d) =>
    [
        // 1: documents (one per content hash), their paths, forms with indexed columns, findings, decisions.
        $"""
        CREATE TABLE documents (
            id {d.Id},
            sha256 TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            size {d.BigInt} NOT NULL,
            input_kind TEXT,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
            failure TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            claimed_by TEXT,
            started_at TEXT,
            finished_at TEXT,
            elapsed_ms {d.Float},
            form_count INTEGER);
        CREATE INDEX documents_status ON documents (status, id);
        CREATE TABLE document_paths (
            path TEXT PRIMARY KEY,
            document_id {d.BigInt} NOT NULL REFERENCES documents (id),
            size {d.BigInt} NOT NULL,
            modified_ticks {d.BigInt} NOT NULL);
        CREATE TABLE forms (
            id {d.Id},
            document_id {d.BigInt} NOT NULL REFERENCES documents (id),
            form_index INTEGER NOT NULL,
            year INTEGER,
            department TEXT,
            project TEXT,
            total_score TEXT,
            error_count INTEGER NOT NULL,
            warning_count INTEGER NOT NULL,
            info_count INTEGER NOT NULL,
            json TEXT NOT NULL,
            UNIQUE (document_id, form_index));
        CREATE INDEX forms_year ON forms (year);
        CREATE INDEX forms_department ON forms (department);
        CREATE INDEX forms_project ON forms (project);
        CREATE TABLE findings (
            id {d.Id},
            form_id {d.BigInt} NOT NULL REFERENCES forms (id),
            position INTEGER NOT NULL,
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            field TEXT NOT NULL,
            stated TEXT,
            expected TEXT,
            message TEXT NOT NULL);
        CREATE INDEX findings_form ON findings (form_id);
        CREATE INDEX findings_rule ON findings (rule, severity);
        CREATE TABLE decisions (
            id {d.Id},
            form_id {d.BigInt} NOT NULL REFERENCES forms (id),
            finding_id {d.BigInt} REFERENCES findings (id),
            decision TEXT NOT NULL CHECK (decision IN ('confirm', 'dismiss', 'correct')),
            reason TEXT,
            field TEXT,
            original_value TEXT,
            corrected_value TEXT,
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL);
        """,
        // 2: the review page. A finding's review status is kept on its row (the queue filters and sorts on it over
        // tens of thousands); a correction keeps the imported JSON and writes the corrected form beside it; a finding
        // a correction raised is marked so; a decision records what its correction changed.
        """
        ALTER TABLE forms ADD COLUMN corrected_json TEXT;
        ALTER TABLE findings ADD COLUMN review_status TEXT NOT NULL DEFAULT 'pending'
            CHECK (review_status IN ('pending', 'confirm', 'dismiss', 'resolved'));
        ALTER TABLE findings ADD COLUMN origin TEXT NOT NULL DEFAULT 'import' CHECK (origin IN ('import', 'correction'));
        ALTER TABLE decisions ADD COLUMN outcome TEXT;
        CREATE INDEX findings_review ON findings (review_status, severity);
        CREATE INDEX findings_queue ON findings ((CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END), form_id, position);
        CREATE INDEX decisions_form ON decisions (form_id, id);
        """,
        // 3: contract version 2's money at stake: a finding's difference (stated − expected) and the yuan it concerns,
        // so the queue can show and sort by them. Findings imported before stay null until their document is re-read.
        $"""
        ALTER TABLE findings ADD COLUMN difference {d.Float};
        ALTER TABLE findings ADD COLUMN amount {d.Float};
        CREATE INDEX findings_amount ON findings (amount);
        """,
        // 4: a form signed off (审结) by a reviewer with an opinion, once every finding on it is decided.
        $"""
        CREATE TABLE signoffs (
            form_id {d.BigInt} PRIMARY KEY REFERENCES forms (id),
            opinion TEXT NOT NULL,
            signed_by TEXT NOT NULL,
            signed_at TEXT NOT NULL);
        """,
        // 5: reviewers who sign in to the review page: a name and a salted PBKDF2 hash of the password, never the password.
        """
        CREATE TABLE reviewers (
            name TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            salt TEXT NOT NULL,
            iterations INTEGER NOT NULL,
            created_at TEXT NOT NULL);
        """,
        // 6: what a finding is worth to the queue: material (重大) by pipeline.json's thresholds, suspected to be an
        // OCR misreading rather than the form's own discrepancy, and the cause it shares with other findings of its form
        // (follows: the position of the finding that leads the cause; the queue shows and counts the leader, a decision
        // on it decides its followers). The default order is indexed, as the severity order
        // was (findings_queue): decided-by-correction last, suspicions after the form's own discrepancies, material
        // first. Findings imported before stay null (neither) until their document is re-read.
        """
        ALTER TABLE findings ADD COLUMN material INTEGER;
        ALTER TABLE findings ADD COLUMN suspect INTEGER;
        ALTER TABLE findings ADD COLUMN cause TEXT;
        ALTER TABLE findings ADD COLUMN follows INTEGER;
        CREATE INDEX findings_stakes ON findings ((CASE WHEN review_status = 'resolved' THEN 1 ELSE 0 END),
            (CASE WHEN suspect = 1 THEN 1 ELSE 0 END), (CASE WHEN material = 1 THEN 0 ELSE 1 END),
            (CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END), form_id, position);
        """,
        // 7: the table each form was read from (its rows after Tables' repairs, cells with spans and the fields read from
        // them), which the review page draws. Forms imported before stay null until their document is re-read.
        """
        ALTER TABLE forms ADD COLUMN read_table TEXT;
        """,
    ];
}
