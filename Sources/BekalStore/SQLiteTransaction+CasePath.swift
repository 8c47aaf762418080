import BekalCore
import Foundation
import GRDB

/// Her path (``Intake``, ``CaseStage``): append-only rows, decoded by ``CasePathRows``.
extension SQLiteTransaction: CasePathPort {
    func insertIntake(_ i: Intake) throws {
        try run("""
            INSERT INTO intake (enrolment_id, route, referring_office, letter_number, letter_date, category, consent_on, birth_date,
              actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [i.enrolmentID, i.route.rawValue, i.referringOffice, i.letterNumber, i.letterDate?.description, i.category,
                  i.consentOn.description, i.birthDate?.description, i.actor, i.recordedAt])
    }

    func intake(enrolmentID: Int64) throws -> Intake? {
        try one("""
            SELECT enrolment_id, route, referring_office, letter_number, letter_date, category, consent_on, birth_date, actor, recorded_at
            FROM intake WHERE enrolment_id = ?
            """, [enrolmentID]).map { row in
            try CasePathRows.intake(enrolmentID: row[0], route: row[1], referringOffice: row[2], letterNumber: row[3], letterDate: row[4],
                                    category: row[5], consentOn: row[6], birthDate: row[7], actor: row[8], recordedAt: row[9])
        }
    }

    func insertCaseStage(_ d: CaseStageDraft) throws -> CaseStage {
        try run("""
            INSERT INTO case_stage (enrolment_id, stage, on_date, closes, reason_code, reason, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [d.enrolmentID, d.stage, d.onDate.description, d.closes ? 1 : 0, d.reasonCode?.rawValue, d.reason, d.actor, d.recordedAt])
        return CaseStage(id: db.lastInsertedRowID, enrolmentID: d.enrolmentID, stage: d.stage, onDate: d.onDate, closes: d.closes,
                         reasonCode: d.reasonCode, reason: d.reason, actor: d.actor, recordedAt: d.recordedAt)
    }

    func caseStages(enrolmentID: Int64) throws -> [CaseStage] {
        try all("""
            SELECT id, enrolment_id, stage, on_date, closes, reason_code, reason, actor, recorded_at
            FROM case_stage WHERE enrolment_id = ? ORDER BY id
            """, [enrolmentID]).map(Self.stage)
    }

    func latestStages() throws -> [EnrolmentStage] {
        try all("""
            SELECT e.id AS enrolment, e.beneficiary_id, e.cohort_id,
              s.id, s.enrolment_id, s.stage, s.on_date, s.closes, s.reason_code, s.reason, s.actor, s.recorded_at
            FROM enrolment e
            LEFT JOIN case_stage s ON s.id = (SELECT max(id) FROM case_stage WHERE enrolment_id = e.id)
            ORDER BY e.id
            """).map { row in
            let stageID: Int64? = row[3]
            return EnrolmentStage(enrolmentID: row[0], beneficiaryID: row[1], cohortID: row[2],
                                  latest: try stageID.map { _ in try Self.stage(row, from: 3) })
        }
    }

    func closedCases() throws -> [ClosedCase] {
        // Every due list and outcome report reads these: the closing stages only (a partial
        // index), and of each only whose case it closed and the day.
        var cases: [ClosedCase] = []
        try query("""
            SELECT e.beneficiary_id, e.cohort_id, s.on_date
            FROM case_stage s JOIN enrolment e ON e.id = s.enrolment_id WHERE s.closes = 1 ORDER BY s.id
            """, { _ in }) { c in
            guard let day = try c.date(2, column: "case_stage.on_date") else { return }
            cases.append(ClosedCase(beneficiaryID: c.int(0), cohortID: c.int(1), onDate: day))
        }
        return cases
    }

    func insertOutcomeFactors(outcomeID: Int64, _ factors: OutcomeFactors) throws {
        for row in factors.rows {
            try run("INSERT INTO outcome_factor (outcome_id, kind, code, text) VALUES (?, ?, ?, ?)", [outcomeID, row.kind, row.code, row.text])
        }
    }

    func outcomeFactors(outcomeID: Int64) throws -> OutcomeFactors {
        var factors = OutcomeFactors()
        for row in try all("SELECT kind, code, text FROM outcome_factor WHERE outcome_id = ? ORDER BY rowid", [outcomeID]) {
            try factors.add(kind: row[0], code: row[1], text: row[2])
        }
        return factors.inListOrder
    }

    func latestOutcomeFactors(asOf: LocalDate) throws -> [Int64: OutcomeFactors] {
        var byPerson: [Int64: OutcomeFactors] = [:]
        for row in try all("""
            SELECT o.beneficiary_id, f.kind, f.code, f.text FROM outcome_factor f JOIN outcome o ON o.id = f.outcome_id
            WHERE o.id = (SELECT l.id FROM outcome l WHERE l.beneficiary_id = o.beneficiary_id AND l.as_of <= ?1
                          ORDER BY l.as_of DESC, l.id DESC LIMIT 1)
            ORDER BY f.outcome_id, f.rowid
            """, [asOf.description]) {
            try byPerson[row[0], default: OutcomeFactors()].add(kind: row[1], code: row[2], text: row[3])
        }
        return byPerson.mapValues(\.inListOrder)
    }

    static func stage(_ row: Row) throws -> CaseStage { try stage(row, from: 0) }

    static func stage(_ row: Row, from i: Int) throws -> CaseStage {
        try CasePathRows.stage(id: row[i], enrolmentID: row[i + 1], stage: row[i + 2], onDate: row[i + 3], closes: row[i + 4],
                               reasonCode: row[i + 5], reason: row[i + 6], actor: row[i + 7], recordedAt: row[i + 8])
    }
}
