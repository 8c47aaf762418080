import BekalCore
import Foundation
import GRDB

/// Needs (``Need``): append-only rows, decoded by ``NeedRows``.
extension SQLiteTransaction: NeedPort {
    func insertNeed(_ d: NeedDraft) throws -> Need {
        try run("""
            INSERT INTO need (beneficiary_id, kelompok_id, kind, note, opened_on, visit_id, worker_id, actor, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [d.beneficiaryID, d.kelompokID, d.kind.rawValue, d.note, d.openedOn.description, d.visitID, d.workerID, d.actor, d.recordedAt])
        let id = db.lastInsertedRowID
        // Counted on its day, open (PerformanceSQL.needDays).
        try run("""
            INSERT INTO need_day (opened_on, closed_on, needs) VALUES (?, '', 1) ON CONFLICT (opened_on, closed_on) DO UPDATE SET needs = needs + 1
            """, [d.openedOn.description])
        return Need(id: id, beneficiaryID: d.beneficiaryID, kelompokID: d.kelompokID, kind: d.kind, note: d.note,
                    openedOn: d.openedOn, visitID: d.visitID, workerID: d.workerID, actor: d.actor, recordedAt: d.recordedAt)
    }

    func insertNeedAnswer(needID: Int64, _ a: Need.Answer) throws {
        try run("INSERT INTO need_answer (need_id, closed_on, support, note, visit_id, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [needID, a.closedOn.description, a.support?.rawValue, a.note, a.visitID, a.actor, a.recordedAt])
        // Moved from its day's open count to its pair of days (PerformanceSQL.needDays).
        try run("""
            UPDATE need_day SET needs = needs - 1 WHERE opened_on = (SELECT opened_on FROM need WHERE id = ?1) AND closed_on = ''
            """, [needID])
        try run("""
            INSERT INTO need_day (opened_on, closed_on, needs) SELECT opened_on, ?2, 1 FROM need WHERE id = ?1
            ON CONFLICT (opened_on, closed_on) DO UPDATE SET needs = needs + 1
            """, [needID, a.closedOn.description])
    }

    func need(id: Int64) throws -> Need? {
        try needs(where: "n.id = ?", [id]).first
    }

    func needs(beneficiaryIDs: [Int64], kelompokIDs: [Int64], openOnly: Bool) throws -> [Need] {
        guard !beneficiaryIDs.isEmpty || !kelompokIDs.isEmpty else { return [] }
        let people = beneficiaryIDs.map(String.init).joined(separator: ","), groups = kelompokIDs.map(String.init).joined(separator: ",")
        return try needs(where: "(n.beneficiary_id IN (\(people.isEmpty ? "NULL" : people)) OR n.kelompok_id IN (\(groups.isEmpty ? "NULL" : groups)))"
                         + (openOnly ? " AND a.need_id IS NULL" : ""), [])
    }

    func allNeeds() throws -> [Need] { try needs(where: "1 = 1", []) }

    private func needs(where condition: String, _ arguments: StatementArguments) throws -> [Need] {
        try all(built: "SELECT \(NeedRows.columns) FROM \(NeedRows.from) WHERE \(condition) ORDER BY n.opened_on, n.id", arguments).map { row in
            try NeedRows.need(id: row[0], beneficiaryID: row[1], kelompokID: row[2], kind: row[3], note: row[4], openedOn: row[5], visitID: row[6],
                              workerID: row[7], actor: row[8], recordedAt: row[9], closedOn: row[10], support: row[11], answerNote: row[12],
                              answerVisitID: row[13], answerActor: row[14], answerRecordedAt: row[15])
        }
    }
}
