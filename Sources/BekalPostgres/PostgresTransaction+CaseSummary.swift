import BekalCore

/// `case_summary`, the derived row per beneficiary: her latest unreversed grant, track,
/// kelompok and worker as ``CaseRule`` defines them (the store contract tests check it), her
/// last contact and whereabouts, her latest outcome. Every write that changes what it
/// summarises calls one of these in the same transaction.
///
/// Unlike the SQLite store, a new grant recomputes her whole row (``refreshCase(beneficiaryID:)``)
/// rather than taking a short cut: the SQLite store's short cut is a bulk-posting optimisation,
/// measured there; this one is written for being right first.
extension PostgresTransaction {
    /// Recomputes her latest unreversed grant, track, kelompok and worker from the source rows,
    /// in one statement (her row made if she has none; its contact and outcome columns kept).
    func refreshCase(beneficiaryID id: Int64) throws {
        try run("""
            INSERT INTO case_summary (beneficiary_id, grant_id, grant_entry_id, grant_amount, grant_date, cohort_id,
                                      track_id, kelompok_id, worker_id)
            SELECT $1, g.id, g.entry_id, g.amount, g.value_date, g.cohort_id,
              coalesce(
                (SELECT en.track_id FROM enrolment en WHERE en.beneficiary_id = $1 AND en.cohort_id = g.cohort_id),
                (SELECT en.track_id FROM enrolment en WHERE en.beneficiary_id = $1 ORDER BY en.id DESC LIMIT 1)),
              (SELECT m.kelompok_id FROM kelompok_member m WHERE m.beneficiary_id = $1
               ORDER BY m.left_on IS NULL DESC, m.joined_on DESC, m.id DESC LIMIT 1),
              coalesce(
                (SELECT a.worker_id FROM case_assignment a WHERE a.beneficiary_id = $1 AND a.to_date IS NULL),
                (SELECT a.worker_id FROM kelompok_member m
                   JOIN case_assignment a ON a.kelompok_id = m.kelompok_id AND a.to_date IS NULL
                 WHERE m.beneficiary_id = $1 AND m.left_on IS NULL ORDER BY m.joined_on DESC, m.id DESC LIMIT 1))
            FROM (SELECT 1) AS one LEFT JOIN (
              SELECT g.id, g.entry_id, g.amount, e.value_date, g.cohort_id
              FROM grant_payment g JOIN journal_entry e ON e.id = g.entry_id
              WHERE g.beneficiary_id = $1 AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = g.entry_id)
              ORDER BY e.value_date DESC, g.id DESC LIMIT 1) AS g ON true
            ON CONFLICT (beneficiary_id) DO UPDATE SET
              grant_id = excluded.grant_id, grant_entry_id = excluded.grant_entry_id, grant_amount = excluded.grant_amount,
              grant_date = excluded.grant_date, cohort_id = excluded.cohort_id, track_id = excluded.track_id,
              kelompok_id = excluded.kelompok_id, worker_id = excluded.worker_id
            """, [.int(id)])
        // Her visits' months after her grant (VisitSchedule), again from her visits.
        try run(Self.fillVisitMonths, [.int(id)])
    }

    static let fillVisitMonths = PerformanceSQL.fillVisitMonths(.postgres, where: "beneficiary_id = $1 AND last_contact IS NOT NULL")

    /// A new grant: her row recomputed.
    func noteGrant(beneficiaryID: Int64) throws {
        try refreshCase(beneficiaryID: beneficiaryID)
    }

    /// Everyone who has ever been a member of the kelompok (an assignment to it moves them).
    func refreshCases(kelompokID: Int64) throws {
        for row in try all("SELECT DISTINCT beneficiary_id FROM kelompok_member WHERE kelompok_id = $1", [.int(kelompokID)]) {
            try refreshCase(beneficiaryID: try row.int(0))
        }
    }

    /// After an entry that reverses a grant, her latest unreversed grant changes.
    func refreshCaseAfterReversal(of entryID: Int64) throws {
        if let id = try scalar("SELECT beneficiary_id FROM grant_payment WHERE entry_id = $1", [.int(entryID)]) {
            try refreshCase(beneficiaryID: id)
        }
    }

    /// The latest outcome by date (then by record) is the one the summary holds.
    func noteOutcome(beneficiaryID: Int64, asOf: LocalDate, returned: ReturnedToSexWork) throws {
        try run("INSERT INTO case_summary (beneficiary_id) VALUES ($1) ON CONFLICT DO NOTHING", [.int(beneficiaryID)])
        try run("""
            UPDATE case_summary SET outcome_returned = $2, outcome_as_of = $3
            WHERE beneficiary_id = $1 AND (outcome_as_of IS NULL OR outcome_as_of <= $3)
            """, [.int(beneficiaryID), .text(returned.rawValue), .date(asOf)])
    }
}
