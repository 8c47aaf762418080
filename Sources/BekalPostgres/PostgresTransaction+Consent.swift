import BekalCore
import Foundation

/// Her consents (``ConsentEvent``): `SQLiteTransaction+Consent.swift` in PostgreSQL's words.
extension PostgresTransaction: ConsentPort {
    func insertConsentEvent(_ d: ConsentEventDraft) throws -> ConsentEvent {
        let id = try insertReturningID("""
            INSERT INTO consent_event (beneficiary_id, kind, given, on_date, name, service, actor, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
            """, [.int(d.beneficiaryID), .text(d.kind.rawValue), .int(d.given ? 1 : 0), .text(d.onDate.description), PGValue(d.name),
                  PGValue(d.service), .text(d.actor), .text(d.recordedAt)])
        return ConsentEvent(id: id, beneficiaryID: d.beneficiaryID, kind: d.kind, given: d.given, onDate: d.onDate, name: d.name,
                            service: d.service, actor: d.actor, recordedAt: d.recordedAt)
    }

    func consentEvents(beneficiaryID: Int64?) throws -> [ConsentEvent] {
        let columns = "id, beneficiary_id, kind, given, on_date, name, service, actor, recorded_at"
        let rows = try beneficiaryID.map { try all("SELECT \(columns) FROM consent_event WHERE beneficiary_id = $1 ORDER BY id", [.int($0)]) }
            ?? all("SELECT \(columns) FROM consent_event ORDER BY id")
        return try rows.map { row in
            try ConsentRows.event(id: try row.int(0), beneficiaryID: try row.int(1), kind: try row.text(2), given: try row.int(3),
                                  onDate: try row.text(4), name: row.optionalText(5), service: row.optionalText(6), actor: try row.text(7),
                                  recordedAt: try row.text(8))
        }
    }
}
