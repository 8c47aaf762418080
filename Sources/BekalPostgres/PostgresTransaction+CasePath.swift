import BekalCore
import Foundation

/// Her path (``Intake``, ``CaseStage``): `SQLiteTransaction+CasePath.swift` in PostgreSQL's words.
extension PostgresTransaction: CasePathPort {
    func insertIntake(_ i: Intake) throws {
        try run("""
            INSERT INTO intake (enrolment_id, route, referring_office, letter_number, letter_date, category, consent_on, birth_date,
              actor, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, [.int(i.enrolmentID), .text(i.route.rawValue), PGValue(i.referringOffice), PGValue(i.letterNumber),
                  PGValue(i.letterDate?.description), .text(i.category), .text(i.consentOn.description), PGValue(i.birthDate?.description),
                  .text(i.actor), .text(i.recordedAt)])
    }

    func intake(enrolmentID: Int64) throws -> Intake? {
        try one("""
            SELECT enrolment_id, route, referring_office, letter_number, letter_date, category, consent_on, birth_date, actor, recorded_at
            FROM intake WHERE enrolment_id = $1
            """, [.int(enrolmentID)]).map { row in
            try CasePathRows.intake(enrolmentID: try row.int(0), route: try row.text(1), referringOffice: row.optionalText(2),
                                    letterNumber: row.optionalText(3), letterDate: row.optionalText(4), category: try row.text(5),
                                    consentOn: try row.text(6), birthDate: row.optionalText(7), actor: try row.text(8), recordedAt: try row.text(9))
        }
    }

    func insertCaseStage(_ d: CaseStageDraft) throws -> CaseStage {
        let id = try insertReturningID("""
            INSERT INTO case_stage (enrolment_id, stage, on_date, closes, reason_code, reason, actor, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
            """, [.int(d.enrolmentID), .text(d.stage), .text(d.onDate.description), .int(d.closes ? 1 : 0), PGValue(d.reasonCode?.rawValue),
                  PGValue(d.reason), .text(d.actor), .text(d.recordedAt)])
        return CaseStage(id: id, enrolmentID: d.enrolmentID, stage: d.stage, onDate: d.onDate, closes: d.closes,
                         reasonCode: d.reasonCode, reason: d.reason, actor: d.actor, recordedAt: d.recordedAt)
    }

    func caseStages(enrolmentID: Int64) throws -> [CaseStage] {
        try all("""
            SELECT id, enrolment_id, stage, on_date, closes, reason_code, reason, actor, recorded_at
            FROM case_stage WHERE enrolment_id = $1 ORDER BY id
            """, [.int(enrolmentID)]).map { try Self.stage($0, from: 0) }
    }

    func latestStages() throws -> [EnrolmentStage] {
        try all("""
            SELECT e.id, e.beneficiary_id, e.cohort_id,
              s.id, s.enrolment_id, s.stage, s.on_date, s.closes, s.reason_code, s.reason, s.actor, s.recorded_at
            FROM enrolment e
            LEFT JOIN case_stage s ON s.id = (SELECT max(id) FROM case_stage WHERE enrolment_id = e.id)
            ORDER BY e.id
            """).map { row in
            EnrolmentStage(enrolmentID: try row.int(0), beneficiaryID: try row.int(1), cohortID: try row.int(2),
                           latest: try row.optionalInt(3).map { _ in try Self.stage(row, from: 3) })
        }
    }

    func closedCases() throws -> [ClosedCase] {
        try all("""
            SELECT e.beneficiary_id, e.cohort_id, s.on_date
            FROM case_stage s JOIN enrolment e ON e.id = s.enrolment_id WHERE s.closes = 1 ORDER BY s.id
            """).map { row in ClosedCase(beneficiaryID: try row.int(0), cohortID: try row.int(1), onDate: try LocalDate.parse(try row.text(2))) }
    }

    func insertOutcomeFactors(outcomeID: Int64, _ factors: OutcomeFactors) throws {
        for row in factors.rows {
            try run("INSERT INTO outcome_factor (outcome_id, kind, code, text) VALUES ($1, $2, $3, $4)",
                    [.int(outcomeID), .text(row.kind), .text(row.code), PGValue(row.text)])
        }
    }

    // A reason before a protective factor, then in the order of the codes' lists (the rows'
    // order of insertion is SQLite's rowid; here the kinds and codes are put back in order).
    func outcomeFactors(outcomeID: Int64) throws -> OutcomeFactors {
        var factors = OutcomeFactors()
        for row in try all("SELECT kind, code, text FROM outcome_factor WHERE outcome_id = $1", [.int(outcomeID)]) {
            try factors.add(kind: try row.text(0), code: try row.text(1), text: row.optionalText(2))
        }
        return factors.inListOrder
    }

    func latestOutcomeFactors(asOf: LocalDate) throws -> [Int64: OutcomeFactors] {
        var byPerson: [Int64: OutcomeFactors] = [:]
        for row in try all("""
            SELECT o.beneficiary_id, f.kind, f.code, f.text FROM outcome_factor f JOIN outcome o ON o.id = f.outcome_id
            WHERE o.id = (SELECT l.id FROM outcome l WHERE l.beneficiary_id = o.beneficiary_id AND l.as_of <= $1
                          ORDER BY l.as_of DESC, l.id DESC LIMIT 1)
            """, [.text(asOf.description)]) {
            try byPerson[try row.int(0), default: OutcomeFactors()].add(kind: try row.text(1), code: try row.text(2), text: row.optionalText(3))
        }
        return byPerson.mapValues(\.inListOrder)
    }

    static func stage(_ row: PGRow, from i: Int) throws -> CaseStage {
        try CasePathRows.stage(id: try row.int(i), enrolmentID: try row.int(i + 1), stage: try row.text(i + 2), onDate: try row.text(i + 3),
                               closes: try row.int(i + 4), reasonCode: row.optionalText(i + 5), reason: row.optionalText(i + 6),
                               actor: try row.text(i + 7), recordedAt: try row.text(i + 8))
    }
}
