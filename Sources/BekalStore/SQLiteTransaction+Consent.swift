import BekalCore
import Foundation
import GRDB

/// Her consents (``ConsentEvent``): append-only rows.
extension SQLiteTransaction: ConsentPort {
    func insertConsentEvent(_ d: ConsentEventDraft) throws -> ConsentEvent {
        try run("""
            INSERT INTO consent_event (beneficiary_id, kind, given, on_date, name, service, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [d.beneficiaryID, d.kind.rawValue, d.given ? 1 : 0, d.onDate.description, d.name, d.service, d.actor, d.recordedAt])
        return ConsentEvent(id: db.lastInsertedRowID, beneficiaryID: d.beneficiaryID, kind: d.kind, given: d.given, onDate: d.onDate,
                            name: d.name, service: d.service, actor: d.actor, recordedAt: d.recordedAt)
    }

    func consentEvents(beneficiaryID: Int64?) throws -> [ConsentEvent] {
        let rows = try beneficiaryID.map { id in
            try all("SELECT id, beneficiary_id, kind, given, on_date, name, service, actor, recorded_at FROM consent_event WHERE beneficiary_id = ? ORDER BY id", [id])
        } ?? all("SELECT id, beneficiary_id, kind, given, on_date, name, service, actor, recorded_at FROM consent_event ORDER BY id")
        return try rows.map { row in
            try ConsentRows.event(id: row[0], beneficiaryID: row[1], kind: row[2], given: row[3], onDate: row[4], name: row[5], service: row[6],
                                  actor: row[7], recordedAt: row[8])
        }
    }
}
