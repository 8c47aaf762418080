/// What the performance report reads in one pass instead of one woman at a time (SQLite's
/// `v15-performance-reads`, PostgreSQL's `pg11-performance-reads`; the same for every store but
/// for the words each uses for a date check).
///
/// The latest business status a visit reaching her gave is kept on her `case_summary` row
/// (`business_status`, `business_status_date`), and read with her case.
///
/// "Reaching her" is what `visits(reaching:)` means: a visit naming her, a visit of a kelompok
/// she was a member of on the day, a visit of a usaha she owns or whose kelompok she was in. A
/// visit writes it for each woman it reaches (the latest by date, a later record of the same day
/// winning, as `visits(reaching:)` orders them); the migration fills it from the visits already kept.
public enum PerformanceSQL {
    /// The indicators `programme_target`'s CHECK allows, as SQLite's `v12` and PostgreSQL's `pg8`
    /// shipped them: frozen, since a shipped migration's text never changes. A new indicator
    /// needs a migration that rebuilds the CHECK with it (a test compares the latest list with
    /// ``PerformanceIndicator/allCases``).
    public static let v12Indicators = ["lulusan", "hibah", "tidak-kembali", "usaha-berjalan", "hilang-kontak", "hari-tanggapan",
                                       "kunjungan-per-pendamping", "tutup-buku-tepat-waktu"]
    /// The list as SQLite's `v16` and PostgreSQL's `pg12` widened it (visits on schedule).
    public static let shippedIndicators = v12Indicators + ["kunjungan-sesuai-jadwal"]

    public static func migration(date: String) -> [String] {
        [
            "ALTER TABLE case_summary ADD COLUMN business_status TEXT",
            "ALTER TABLE case_summary ADD COLUMN business_status_date TEXT CHECK (business_status_date \(date))",
            // Kelompok visits are found by their kelompok (the due list and `visits(reaching:)` join on it);
            // a year's cohorts' costs by cohort; a year's needs by the day they were voiced.
            "CREATE INDEX visit_kelompok_date ON visit(kelompok_id, visit_date) WHERE kelompok_id IS NOT NULL",
            "CREATE INDEX posting_cohort ON posting(cohort_id, account_id, amount) WHERE cohort_id IS NOT NULL",
            "CREATE INDEX need_opened ON need(opened_on)",
            """
            UPDATE case_summary SET (business_status, business_status_date) = (
              SELECT r.business_status, r.visit_date FROM (
                SELECT v.id, v.visit_date, v.business_status FROM visit v
                WHERE v.beneficiary_id = case_summary.beneficiary_id AND v.business_status IS NOT NULL
                UNION ALL
                SELECT v.id, v.visit_date, v.business_status FROM kelompok_member m
                JOIN visit v ON v.kelompok_id = m.kelompok_id AND v.visit_date >= m.joined_on AND (m.left_on IS NULL OR v.visit_date < m.left_on)
                WHERE m.beneficiary_id = case_summary.beneficiary_id AND v.business_status IS NOT NULL
                UNION ALL
                SELECT v.id, v.visit_date, v.business_status FROM usaha u JOIN visit v ON v.usaha_id = u.id
                WHERE u.owner_beneficiary_id = case_summary.beneficiary_id AND v.business_status IS NOT NULL
                UNION ALL
                SELECT v.id, v.visit_date, v.business_status FROM kelompok_member m
                JOIN usaha u ON u.owner_kelompok_id = m.kelompok_id
                JOIN visit v ON v.usaha_id = u.id AND v.visit_date >= m.joined_on AND (m.left_on IS NULL OR v.visit_date < m.left_on)
                WHERE m.beneficiary_id = case_summary.beneficiary_id AND v.business_status IS NOT NULL
              ) r ORDER BY r.visit_date DESC, r.id DESC LIMIT 1)
            """,
        ]
    }

    /// The SQL words that differ between the stores.
    public enum Dialect: Sendable {
        case sqlite, postgres
    }

    /// What SQLite's `v16-visit-schedule` and PostgreSQL's `pg12-visit-schedule` add: each
    /// case's bits of the months whose window a visit reached her in (``VisitSchedule``), kept
    /// by every visit and every change of her grant, filled from the visits already kept.
    public static func visitScheduleColumn(_ dialect: Dialect) -> String {
        "ALTER TABLE case_summary ADD COLUMN visit_months \(dialect == .sqlite ? "INTEGER" : "bigint") NOT NULL DEFAULT 0"
    }

    /// Sets `visit_months` of the `case_summary` rows `condition` picks from the visits that
    /// reached her after her grant (not an unreachable attempt), by the rule of
    /// ``VisitSchedule/month(of:grantDate:)`` written in SQL: the calendar months between the
    /// visit and the grant are *k*, and the window is month *k − 1*'s, *k*'s or *k + 1*'s.
    public static func fillVisitMonths(_ dialect: Dialect, where condition: String) -> String {
        let grant = "case_summary.grant_date"
        func months(_ text: String, _ from: Int) -> String {
            dialect == .sqlite ? "CAST(substr(\(text), \(from), \(from == 1 ? 4 : 2)) AS INTEGER)" : "substr(\(text), \(from), \(from == 1 ? 4 : 2))::int"
        }
        let between = "((\(months("r.visit_date", 1)) - \(months(grant, 1))) * 12 + \(months("r.visit_date", 6)) - \(months(grant, 6)))"
        /// Whether the visit is on or before the last day of the window of month `n`.
        func within(_ n: String) -> String {
            switch dialect {
            case .sqlite:
                // The grant's day n months on, clamped to the end of a shorter month, then the grace.
                let day = "CAST(substr(\(grant), 9, 2) AS INTEGER) - 1"
                let clamped = "min(date(\(grant), 'start of month', printf('%+d months', \(n)), printf('+%d days', \(day))), "
                    + "date(\(grant), 'start of month', printf('%+d months', \(n) + 1), '-1 day'))"
                return "w.v <= date(\(clamped), '+\(VisitSchedule.graceDays) days')"
            case .postgres:
                // PostgreSQL's month arithmetic clamps to the end of a shorter month itself.
                return "w.v::date <= (\(grant)::date + make_interval(months => \(n)))::date + \(VisitSchedule.graceDays)"
            }
        }
        let one = dialect == .sqlite ? "1" : "1::bigint"
        let reached = """
            SELECT v.visit_date FROM visit v
            WHERE v.beneficiary_id = case_summary.beneficiary_id AND \(contact)
            UNION
            SELECT v.visit_date FROM kelompok_member m
            JOIN visit v ON v.kelompok_id = m.kelompok_id AND v.visit_date >= m.joined_on AND (m.left_on IS NULL OR v.visit_date < m.left_on)
            WHERE m.beneficiary_id = case_summary.beneficiary_id AND \(contact)
            UNION
            SELECT v.visit_date FROM usaha u JOIN visit v ON v.usaha_id = u.id
            WHERE u.owner_beneficiary_id = case_summary.beneficiary_id AND \(contact)
            UNION
            SELECT v.visit_date FROM kelompok_member m
            JOIN usaha u ON u.owner_kelompok_id = m.kelompok_id
            JOIN visit v ON v.usaha_id = u.id AND v.visit_date >= m.joined_on AND (m.left_on IS NULL OR v.visit_date < m.left_on)
            WHERE m.beneficiary_id = case_summary.beneficiary_id AND \(contact)
            """
        return """
            UPDATE case_summary SET visit_months = coalesce((
              SELECT sum(DISTINCT \(one) << ((CASE WHEN b.m < 1 THEN 1 ELSE b.m END) - 1)) FROM (
                SELECT CASE WHEN \(within("w.k - 1")) THEN w.k - 1 WHEN \(within("w.k")) THEN w.k ELSE w.k + 1 END AS m FROM (
                  SELECT r.visit_date AS v, \(between) AS k FROM (\(reached)) r WHERE r.visit_date > \(grant)
                ) w
              ) b WHERE b.m <= \(VisitSchedule.lastMonth)), 0)\(dialect == .postgres ? "::bigint" : "")
            WHERE \(condition)
            """
    }

    /// A visit that is a contact: not an unreachable attempt.
    static let contact = "(v.whereabouts IS NULL OR v.whereabouts <> 'unreachable')"

    /// Visits counted per worker and month (`worker_visit_month`), kept by every visit (visits
    /// are never changed or removed, so a count only grows), filled from the visits kept: the
    /// year's visits per worker are twelve rows a worker instead of a count of every visit. And
    /// an index of the enrolments by cohort.
    public static func workerVisitMonths(_ dialect: Dialect) -> [String] {
        let (integer, month, strict) = dialect == .sqlite
            ? ("INTEGER", "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'", " STRICT, WITHOUT ROWID")
            : ("bigint", "~ '^[0-9]{4}-[0-1][0-9]$'", "")
        return [
            """
            CREATE TABLE worker_visit_month (
              worker_id \(integer) NOT NULL REFERENCES worker(id),
              month \(dialect == .sqlite ? "TEXT" : "text") NOT NULL CHECK (month \(month)),
              visits \(integer) NOT NULL CHECK (visits > 0),
              PRIMARY KEY (worker_id, month)
            )\(strict)
            """,
            "INSERT INTO worker_visit_month (worker_id, month, visits) SELECT worker_id, substr(visit_date, 1, 7), count(*) FROM visit GROUP BY 1, 2",
            // A cohort's enrolments, in the order the intake is counted (and the enrolments per cohort).
            "CREATE INDEX enrolment_cohort ON enrolment(cohort_id, track_id, status, beneficiary_id)",
        ]
    }

    /// Needs counted per day voiced and day answered (`need_day`; `closed_on` is '' while a need
    /// is open), kept by every need and answer (neither is ever changed or removed: an answer
    /// moves one need from its day's open count to its pair of days), filled from the needs kept.
    public static func needDays(_ dialect: Dialect) -> [String] {
        let (integer, text, date, strict) = dialect == .sqlite
            ? ("INTEGER", "TEXT", "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'", " STRICT, WITHOUT ROWID")
            : ("bigint", "text", "~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'", "")
        return [
            """
            CREATE TABLE need_day (
              opened_on \(text) NOT NULL CHECK (opened_on \(date)),
              closed_on \(text) NOT NULL CHECK (closed_on = '' OR closed_on \(date)),
              needs \(integer) NOT NULL CHECK (needs >= 0),
              PRIMARY KEY (opened_on, closed_on)
            )\(strict)
            """,
            """
            INSERT INTO need_day (opened_on, closed_on, needs)
            SELECT n.opened_on, coalesce(a.closed_on, ''), count(*) FROM need n LEFT JOIN need_answer a ON a.need_id = n.id GROUP BY 1, 2
            """,
        ]
    }
}
