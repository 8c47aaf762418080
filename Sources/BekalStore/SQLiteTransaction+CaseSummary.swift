import BekalCore
import GRDB

/// `case_summary`: one row per beneficiary, a derived table like the running balances. Its
/// grant, cohort, track, kelompok and worker are what the core's ``CaseRule`` derives from the
/// source rows (the store contract tests check it); the SQL below is that rule, run where the
/// rows are.
///
/// Every write that changes what it summarises calls one of these in the same transaction:
/// grants and their reversals, enrolments, kelompok memberships and caseload assignments
/// (``refreshCase(beneficiaryID:)``), visits (contact and whereabouts) and outcomes.
extension SQLiteTransaction {
    /// Recomputes her latest unreversed grant, track, kelompok and worker from the source rows.
    func refreshCase(beneficiaryID id: Int64) throws {
        try run("INSERT INTO case_summary (beneficiary_id) VALUES (?) ON CONFLICT DO NOTHING", [id])
        try run("""
            UPDATE case_summary SET (grant_id, grant_entry_id, grant_amount, grant_date, cohort_id) = (
              SELECT g.id, g.entry_id, g.amount, e.value_date, g.cohort_id
              FROM grant_payment g JOIN journal_entry e ON e.id = g.entry_id
              WHERE g.beneficiary_id = ?1 AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = g.entry_id)
              ORDER BY e.value_date DESC, g.id DESC LIMIT 1)
            WHERE beneficiary_id = ?1
            """, [id])
        try run("""
            UPDATE case_summary SET
              track_id = coalesce(
                (SELECT en.track_id FROM enrolment en WHERE en.beneficiary_id = ?1 AND en.cohort_id = case_summary.cohort_id),
                (SELECT en.track_id FROM enrolment en WHERE en.beneficiary_id = ?1 ORDER BY en.id DESC LIMIT 1)),
              kelompok_id = (SELECT m.kelompok_id FROM kelompok_member m WHERE m.beneficiary_id = ?1
                             ORDER BY m.left_on IS NULL DESC, m.joined_on DESC, m.id DESC LIMIT 1),
              worker_id = coalesce(
                (SELECT a.worker_id FROM case_assignment a WHERE a.beneficiary_id = ?1 AND a.to_date IS NULL),
                (SELECT a.worker_id FROM kelompok_member m
                   JOIN case_assignment a ON a.kelompok_id = m.kelompok_id AND a.to_date IS NULL
                 WHERE m.beneficiary_id = ?1 AND m.left_on IS NULL ORDER BY m.joined_on DESC, m.id DESC LIMIT 1))
            WHERE beneficiary_id = ?1
            """, [id])
        try refreshVisitMonths(beneficiaryID: id)
    }

    /// Her visits' months after her grant (``VisitSchedule``), again from her visits: after her
    /// grant or a membership changed. Nothing to do before her first contact.
    func refreshVisitMonths(beneficiaryID id: Int64) throws {
        try db.cachedStatement(sql: Self.fillVisitMonths).execute(arguments: [id])
    }

    static let fillVisitMonths = PerformanceSQL.fillVisitMonths(.sqlite, where: "beneficiary_id = ?1 AND last_contact IS NOT NULL")

    /// A new grant becomes her latest unless she has one dated later: what
    /// ``refreshCase(beneficiaryID:)`` would find, without its full recomputation, because this
    /// runs once per grant in bulk. The entry's date and her track in the cohort are nearly always
    /// known to this transaction already (it has just inserted the entry and read her
    /// enrolments), so they are bound rather than looked up again; and her row nearly always
    /// exists (from her enrolment), so one UPDATE does it and the INSERT is the fallback.
    func noteGrant(grantID: Int64, beneficiaryID: Int64, cohortID: Int64, entryID: Int64, amount: Rupiah) throws {
        let grantDate: String? = if let entry = lastInsertedEntry, entry.id == entryID {
            entry.valueDate
        } else {
            try String.fetchOne(statement("SELECT value_date FROM journal_entry WHERE id = ?"), arguments: [entryID])
        }
        let trackID: Int64? = if let cached = enrolmentsCache, cached.beneficiaryID == beneficiaryID {
            cached.enrolments.first { $0.cohortID == cohortID }?.trackID
        } else {
            try Int64.fetchOne(statement("SELECT track_id FROM enrolment WHERE beneficiary_id = ? AND cohort_id = ?"),
                               arguments: [beneficiaryID, cohortID])
        }
        try execute("""
            UPDATE case_summary SET grant_id = ?2, grant_entry_id = ?3, grant_amount = ?4, grant_date = ?5, cohort_id = ?6,
              track_id = ?7
            WHERE beneficiary_id = ?1 AND (grant_date IS NULL OR grant_date <= ?5)
            """) { b in
            b.int(beneficiaryID); b.int(grantID); b.int(entryID); b.int(amount.amount); b.text(grantDate); b.int(cohortID); b.int(trackID)
        }
        if changes == 0 {
            let arguments: StatementArguments = [beneficiaryID, grantID, entryID, amount.amount, grantDate, cohortID, trackID]
            // No row yet, or a later grant already holds it (then this does nothing).
            try run("""
                INSERT INTO case_summary (beneficiary_id, grant_id, grant_entry_id, grant_amount, grant_date, cohort_id, track_id)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (beneficiary_id) DO NOTHING
                """, arguments)
        }
        try refreshVisitMonths(beneficiaryID: beneficiaryID)
    }

    /// Everyone who has ever been a member of the kelompok (an assignment to it moves them).
    func refreshCases(kelompokID: Int64) throws {
        for id in try Int64.fetchAll(statement("SELECT DISTINCT beneficiary_id FROM kelompok_member WHERE kelompok_id = ?"),
                                     arguments: [kelompokID]) {
            try refreshCase(beneficiaryID: id)
        }
    }

    /// After an entry that reverses a grant, her latest unreversed grant changes.
    func refreshCaseAfterReversal(of entryID: Int64) throws {
        if let id = try Int64.fetchOne(statement("SELECT beneficiary_id FROM grant_payment WHERE entry_id = ?"),
                                       arguments: [entryID]) {
            try refreshCase(beneficiaryID: id)
        }
    }

    /// The latest outcome by date (then by record) is the one the summary holds.
    func noteOutcome(beneficiaryID: Int64, asOf: LocalDate, returned: ReturnedToSexWork) throws {
        try run("INSERT INTO case_summary (beneficiary_id) VALUES (?) ON CONFLICT DO NOTHING", [beneficiaryID])
        try run("""
            UPDATE case_summary SET outcome_returned = ?2, outcome_as_of = ?3
            WHERE beneficiary_id = ?1 AND (outcome_as_of IS NULL OR outcome_as_of <= ?3)
            """, [beneficiaryID, returned.rawValue, asOf.description])
    }
}
