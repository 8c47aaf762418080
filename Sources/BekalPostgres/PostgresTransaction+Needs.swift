import BekalCore
import Foundation

/// Needs (``Need``): `SQLiteTransaction+Needs.swift` in PostgreSQL's words.
extension PostgresTransaction: NeedPort {
    func insertNeed(_ d: NeedDraft) throws -> Need {
        let id = try insertReturningID("""
            INSERT INTO need (beneficiary_id, kelompok_id, kind, note, opened_on, visit_id, worker_id, actor, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
            """, [PGValue(d.beneficiaryID), PGValue(d.kelompokID), .text(d.kind.rawValue), PGValue(d.note), .text(d.openedOn.description),
                  PGValue(d.visitID), PGValue(d.workerID), .text(d.actor), .text(d.recordedAt)])
        // Counted on its day, open (PerformanceSQL.needDays).
        try run("""
            INSERT INTO need_day AS c (opened_on, closed_on, needs) VALUES ($1, '', 1)
            ON CONFLICT (opened_on, closed_on) DO UPDATE SET needs = c.needs + 1
            """, [.text(d.openedOn.description)])
        return Need(id: id, beneficiaryID: d.beneficiaryID, kelompokID: d.kelompokID, kind: d.kind, note: d.note, openedOn: d.openedOn,
                    visitID: d.visitID, workerID: d.workerID, actor: d.actor, recordedAt: d.recordedAt)
    }

    func insertNeedAnswer(needID: Int64, _ a: Need.Answer) throws {
        try run("INSERT INTO need_answer (need_id, closed_on, support, note, visit_id, actor, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                [.int(needID), .text(a.closedOn.description), PGValue(a.support?.rawValue), PGValue(a.note), PGValue(a.visitID), .text(a.actor),
                 .text(a.recordedAt)])
        // Moved from its day's open count to its pair of days (PerformanceSQL.needDays).
        try run("UPDATE need_day SET needs = needs - 1 WHERE opened_on = (SELECT opened_on FROM need WHERE id = $1) AND closed_on = ''",
                [.int(needID)])
        try run("""
            INSERT INTO need_day AS c (opened_on, closed_on, needs) SELECT opened_on, $2, 1 FROM need WHERE id = $1
            ON CONFLICT (opened_on, closed_on) DO UPDATE SET needs = c.needs + 1
            """, [.int(needID), .text(a.closedOn.description)])
    }

    func need(id: Int64) throws -> Need? { try needs(where: "n.id = $1", [.int(id)]).first }

    func needs(beneficiaryIDs: [Int64], kelompokIDs: [Int64], openOnly: Bool) throws -> [Need] {
        guard !beneficiaryIDs.isEmpty || !kelompokIDs.isEmpty else { return [] }
        let people = beneficiaryIDs.map(String.init).joined(separator: ","), groups = kelompokIDs.map(String.init).joined(separator: ",")
        return try needs(where: "(n.beneficiary_id IN (\(people.isEmpty ? "NULL" : people)) OR n.kelompok_id IN (\(groups.isEmpty ? "NULL" : groups)))"
                         + (openOnly ? " AND a.need_id IS NULL" : ""), [])
    }

    func allNeeds() throws -> [Need] { try needs(where: "1 = 1", []) }

    private func needs(where condition: String, _ parameters: [PGValue]) throws -> [Need] {
        try all("SELECT \(NeedRows.columns) FROM \(NeedRows.from) WHERE \(condition) ORDER BY n.opened_on, n.id", parameters).map { row in
            try NeedRows.need(id: try row.int(0), beneficiaryID: row.optionalInt(1), kelompokID: row.optionalInt(2), kind: try row.text(3),
                              note: row.optionalText(4), openedOn: try row.text(5), visitID: row.optionalInt(6), workerID: row.optionalInt(7),
                              actor: try row.text(8), recordedAt: try row.text(9), closedOn: row.optionalText(10), support: row.optionalText(11),
                              answerNote: row.optionalText(12), answerVisitID: row.optionalInt(13), answerActor: row.optionalText(14),
                              answerRecordedAt: row.optionalText(15))
        }
    }
}
