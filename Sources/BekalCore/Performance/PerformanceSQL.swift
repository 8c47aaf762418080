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
    /// needs a migration that rebuilds the CHECK with it (a test compares this with
    /// ``PerformanceIndicator/allCases``).
    public static let shippedIndicators = ["lulusan", "hibah", "tidak-kembali", "usaha-berjalan", "hilang-kontak", "hari-tanggapan",
                                           "kunjungan-per-pendamping", "tutup-buku-tepat-waktu"]

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
}
