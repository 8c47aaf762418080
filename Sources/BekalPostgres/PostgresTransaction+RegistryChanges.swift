import BekalCore
import Foundation

/// Registry changes (``RegistryChange``): `SQLiteTransaction+RegistryChanges.swift` in
/// PostgreSQL's words.
extension PostgresTransaction {
    func nameKey(beneficiaryID: Int64) throws -> String? {
        try one("SELECT name_key FROM beneficiary WHERE id = $1", [.int(beneficiaryID)])?.optionalText(0)
    }

    func updateBeneficiary(_ b: Beneficiary, nameKey: String) throws {
        try run("""
            UPDATE beneficiary SET external_ref = $1, name = $2, nik = $3, birth_year = $4, origin_area = $5, kelurahan = $6,
              name_key = $7 WHERE id = $8
            """, [PGValue(b.externalRef), .text(b.name), PGValue(b.nik?.digits), PGValue(b.birthYear.map(Int64.init)),
                  PGValue(b.originArea), PGValue(b.kelurahan), .text(nameKey), .int(b.id)])
    }

    func updateUsaha(_ u: Usaha) throws {
        try run("UPDATE usaha SET product = $1, brand = $2, location = $3, kelurahan = $4 WHERE id = $5",
                [.text(u.product), PGValue(u.brand), PGValue(u.location), PGValue(u.kelurahan), .int(u.id)])
    }

    func insertRegistryChange(_ d: RegistryChangeDraft) throws -> RegistryChange {
        let id = try insertReturningID("""
            INSERT INTO registry_change (subject, subject_id, on_date, reason_code, reason, actor, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, [.text(d.subject.rawValue), .int(d.subjectID), .text(d.onDate.description), PGValue(d.reasonCode?.rawValue),
                  PGValue(d.reason), .text(d.actor), .text(d.recordedAt)])
        for field in d.fields {
            try run("INSERT INTO registry_change_field (change_id, field, old_value, new_value) VALUES ($1, $2, $3, $4)",
                    [.int(id), .text(field.field.rawValue), PGValue(field.old), PGValue(field.new)])
        }
        return RegistryChange(id: id, subject: d.subject, subjectID: d.subjectID, onDate: d.onDate, reasonCode: d.reasonCode,
                              reason: d.reason, actor: d.actor, recordedAt: d.recordedAt, fields: d.fields)
    }

    func registryChanges(subject: RegistryChange.Subject, subjectID: Int64) throws -> [RegistryChange] {
        let rows = try besideTheWriter {
            try all("""
                SELECT c.id, c.on_date, c.reason_code, c.reason, c.actor, c.recorded_at, f.field, f.old_value, f.new_value
                FROM registry_change c JOIN registry_change_field f ON f.change_id = c.id
                WHERE c.subject = $1 AND c.subject_id = $2 ORDER BY c.id, f.id
                """, [.text(subject.rawValue), .int(subjectID)])
        }
        return try RegistryChangeRows.changes(subject: subject, subjectID: subjectID, rows: rows.map { row in
            RegistryChangeRows.Row(id: try row.int(0), onDate: try row.text(1), reasonCode: row.optionalText(2), reason: row.optionalText(3),
                                   actor: try row.text(4), recordedAt: try row.text(5), field: try row.text(6), old: row.optionalText(7),
                                   new: row.optionalText(8))
        })
    }

    func registryOverlayChecks() throws -> [RegistryOverlayCheck] {
        try all(RegistrySQL.latestChanges).compactMap { row in
            guard let subject = RegistryChange.Subject(rawValue: try row.text(0)),
                  let field = RegistryChange.Field(rawValue: try row.text(2)) else { return nil }
            let subjectID = try row.int(1)
            // Table and column names come from the enums, never from the row's text.
            let current = try one("SELECT \(field.rawValue)::text FROM \(subject.rawValue) WHERE id = $1", [.int(subjectID)])?.optionalText(0)
            return RegistryOverlayCheck(subject: subject, subjectID: subjectID, field: field, changeID: try row.int(3),
                                        recorded: row.optionalText(4), current: current)
        }
    }
}
