import BekalCore
import Foundation
import GRDB

/// Registry changes (``RegistryChange``): the change rows, the record rows they update, and
/// what `bekal verify` compares.
extension SQLiteTransaction {
    func nameKey(beneficiaryID: Int64) throws -> String? {
        try String.fetchOne(statement("SELECT name_key FROM beneficiary WHERE id = ?"), arguments: [beneficiaryID])
    }

    func updateBeneficiary(_ b: Beneficiary, nameKey: String) throws {
        enrolmentsCache = nil
        neverPaidCache = nil
        try run("""
            UPDATE beneficiary SET external_ref = ?, name = ?, nik = ?, birth_year = ?, origin_area = ?, kelurahan = ?, name_key = ?
            WHERE id = ?
            """, [b.externalRef, b.name, b.nik?.digits, b.birthYear, b.originArea, b.kelurahan, nameKey, b.id])
    }

    func updateUsaha(_ u: Usaha) throws {
        try run("UPDATE usaha SET product = ?, brand = ?, location = ?, kelurahan = ? WHERE id = ?",
                [u.product, u.brand, u.location, u.kelurahan, u.id])
    }

    func insertRegistryChange(_ d: RegistryChangeDraft) throws -> RegistryChange {
        try run("""
            INSERT INTO registry_change (subject, subject_id, on_date, reason_code, reason, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [d.subject.rawValue, d.subjectID, d.onDate.description, d.reasonCode?.rawValue, d.reason, d.actor, d.recordedAt])
        let id = db.lastInsertedRowID
        for field in d.fields {
            try run("INSERT INTO registry_change_field (change_id, field, old_value, new_value) VALUES (?, ?, ?, ?)",
                    [id, field.field.rawValue, field.old, field.new])
        }
        return RegistryChange(id: id, subject: d.subject, subjectID: d.subjectID, onDate: d.onDate, reasonCode: d.reasonCode,
                              reason: d.reason, actor: d.actor, recordedAt: d.recordedAt, fields: d.fields)
    }

    func registryChanges(subject: RegistryChange.Subject, subjectID: Int64) throws -> [RegistryChange] {
        let rows = try all("""
            SELECT c.id, c.on_date, c.reason_code, c.reason, c.actor, c.recorded_at, f.field, f.old_value, f.new_value
            FROM registry_change c JOIN registry_change_field f ON f.change_id = c.id
            WHERE c.subject = ? AND c.subject_id = ? ORDER BY c.id, f.id
            """, [subject.rawValue, subjectID])
        return try RegistryChangeRows.changes(subject: subject, subjectID: subjectID, rows: rows.map { row in
            RegistryChangeRows.Row(id: row[0], onDate: row[1], reasonCode: row[2], reason: row[3], actor: row[4], recordedAt: row[5],
                                   field: row[6], old: row[7], new: row[8])
        })
    }

    func registryOverlayChecks() throws -> [RegistryOverlayCheck] {
        try all(built: RegistrySQL.latestChanges).compactMap { row in
            guard let subject = RegistryChange.Subject(rawValue: row[0]), let field = RegistryChange.Field(rawValue: row[2]) else {
                return nil
            }
            let subjectID: Int64 = row[1]
            // Table and column names come from the enums, never from the row's text.
            let current = try String.fetchOne(db, sql: "SELECT CAST(\(field.rawValue) AS TEXT) FROM \(subject.rawValue) WHERE id = ?",
                                              arguments: [subjectID])
            return RegistryOverlayCheck(subject: subject, subjectID: subjectID, field: field, changeID: row[3], recorded: row[4],
                                        current: current)
        }
    }
}
