import BekalCore
import Foundation

/// The programme registry (``RegistryPort``) and its listings (``ListingPort``): the SQLite
/// store's statements (`SQLiteTransaction+Registry.swift`, `+Listing.swift`) in PostgreSQL's
/// words. Text is ordered `COLLATE "C"` and NULLs first, as SQLite
/// orders them (byte order; NULL before any value).
extension PostgresTransaction: RegistryPort {
    func settings() throws -> ProgrammeSettings {
        try besideTheWriter {
            if let settings = cache.settings { return settings }
            guard let text = try one("SELECT value FROM setting WHERE key = 'programme'")?.text("value") else {
                throw ProgrammeRejection.notInitialised
            }
            let settings = try JSONDecoder().decode(ProgrammeSettings.self, from: Data(text.utf8))
            cache.settings = settings
            return settings
        }
    }

    func saveSettings(_ settings: ProgrammeSettings) throws {
        let text = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try run("INSERT INTO setting (key, value) VALUES ('programme', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [.text(text)])
        cache.settings = nil
    }

    // MARK: Tracks and cohorts

    static func registryTrack(_ row: PGRow) throws -> Track {
        Track(id: try row.int("id"), code: try row.text("code"), name: try row.text("name"))
    }

    func track(id: Int64) throws -> Track? {
        try besideTheWriter {
            try one("SELECT * FROM track WHERE id = $1", [.int(id)]).map(Self.registryTrack)
        }
    }
    func track(code: String) throws -> Track? {
        try besideTheWriter {
            try one("SELECT * FROM track WHERE code = $1", [.text(code)]).map(Self.registryTrack)
        }
    }

    func insertTrack(code: String, name: String) throws -> Track {
        let id = try insertReturningID("INSERT INTO track (code, name) VALUES ($1, $2) RETURNING id", [.text(code), .text(name)])
        return Track(id: id, code: code, name: name)
    }

    static func registryCohort(_ row: PGRow) throws -> Cohort {
        Cohort(id: try row.int("id"), code: try row.text("code"), name: try row.text("name"),
               trainingStart: try row.optionalDate("training_start"), trainingEnd: try row.optionalDate("training_end"),
               budget: Rupiah(try row.int("budget")), budgetYear: try row.optionalInt("budget_year").map(Int.init),
               grantAmount: try row.optionalInt("grant_amount").map(Rupiah.init))
    }

    /// Cohorts are added, never changed, so one read by id holds for the transaction.
    func cohort(id: Int64) throws -> Cohort? {
        try besideTheWriter {
            if let cohort = cache.cohorts[id] { return cohort }
            let cohort = try one("SELECT * FROM cohort WHERE id = $1", [.int(id)]).map(Self.registryCohort)
            if let cohort { cache.cohorts[id] = cohort }
            return cohort
        }
    }
    func cohort(code: String) throws -> Cohort? {
        try besideTheWriter {
            try one("SELECT * FROM cohort WHERE code = $1", [.text(code)]).map(Self.registryCohort)
        }
    }

    func insertCohort(code: String, name: String, trainingStart: LocalDate?, trainingEnd: LocalDate?,
                      budget: Rupiah, budgetYear: Int?, grantAmount: Rupiah?) throws -> Cohort {
        let id = try insertReturningID("""
            INSERT INTO cohort (code, name, training_start, training_end, budget, budget_year, grant_amount)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, [.text(code), .text(name), .date(trainingStart), .date(trainingEnd), .money(budget), .int(budgetYear),
                  .money(grantAmount)])
        return Cohort(id: id, code: code, name: name, trainingStart: trainingStart, trainingEnd: trainingEnd, budget: budget,
                      budgetYear: budgetYear, grantAmount: grantAmount)
    }

    // MARK: Beneficiaries and enrolments

    static func registryBeneficiary(_ row: PGRow) throws -> Beneficiary {
        Beneficiary(id: try row.int("id"), externalRef: try row.optionalText("external_ref"), name: try row.text("name"),
                    nik: try row.optionalText("nik").flatMap { try? NIK.parse($0) },
                    birthYear: try row.optionalInt("birth_year").map(Int.init), originArea: try row.optionalText("origin_area"),
                    kelurahan: try row.optionalText("kelurahan"), consentShare: try row.flag("consent_share"),
                    consentName: try row.optionalText("consent_name"))
    }

    private static let beneficiaryColumns =
        "id, external_ref, name, nik, birth_year, origin_area, kelurahan, consent_share, consent_name"

    func beneficiary(id: Int64) throws -> Beneficiary? {
        try besideTheWriter {
            try one("SELECT \(Self.beneficiaryColumns) FROM beneficiary WHERE id = $1", [.int(id)]).map(Self.registryBeneficiary)
        }
    }
    func beneficiary(externalRef: String) throws -> Beneficiary? {
        try besideTheWriter {
            try one("SELECT \(Self.beneficiaryColumns) FROM beneficiary WHERE external_ref = $1", [.text(externalRef)])
                .map(Self.registryBeneficiary)
        }
    }

    func beneficiaryID(nik: NIK) throws -> Int64? {
        try scalar("SELECT id FROM beneficiary WHERE nik = $1", [.text(nik.digits)])
    }

    func beneficiaries(nameKey: String, birthYear: Int) throws -> [Beneficiary] {
        try all("SELECT \(Self.beneficiaryColumns) FROM beneficiary WHERE name_key = $1 AND birth_year = $2 ORDER BY id",
                [.text(nameKey), .int(birthYear)]).map(Self.registryBeneficiary)
    }

    func insertBeneficiary(_ d: BeneficiaryDraft) throws -> Beneficiary {
        let id = try insertReturningID("""
            INSERT INTO beneficiary (external_ref, name, nik, birth_year, origin_area, kelurahan, consent_share, consent_name,
              name_key, distinct_from)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id
            """, [PGValue(d.externalRef), .text(d.name), PGValue(d.nik?.digits), .int(d.birthYear), PGValue(d.originArea),
                  PGValue(d.kelurahan), .flag(d.consentShare), PGValue(d.consentName), .text(LikelyDuplicate.nameKey(d.name)),
                  PGValue(d.differentFrom.isEmpty ? nil : d.differentFrom.joined(separator: " "))])
        return Beneficiary(id: id, externalRef: d.externalRef, name: d.name, nik: d.nik, birthYear: d.birthYear,
                           originArea: d.originArea, kelurahan: d.kelurahan, consentShare: d.consentShare, consentName: d.consentName)
    }

    static func registryEnrolment(_ row: PGRow) throws -> Enrolment {
        Enrolment(id: try row.int("id"), beneficiaryID: try row.int("beneficiary_id"), cohortID: try row.int("cohort_id"),
                  trackID: try row.int("track_id"), status: try row.value("status"), statusDate: try row.optionalDate("status_date"))
    }

    func enrolments(beneficiaryID: Int64) throws -> [Enrolment] {
        try besideTheWriter {
            try all("""
                SELECT id, beneficiary_id, cohort_id, track_id, status, status_date FROM enrolment WHERE beneficiary_id = $1 ORDER BY id
                """, [.int(beneficiaryID)]).map(Self.registryEnrolment)
        }
    }

    func enrolments(cohortID: Int64) throws -> [Enrolment] {
        try besideTheWriter {
            try all("""
                SELECT id, beneficiary_id, cohort_id, track_id, status, status_date FROM enrolment WHERE cohort_id = $1
                ORDER BY beneficiary_id, id
                """, [.int(cohortID)]).map(Self.registryEnrolment)
        }
    }

    func insertEnrolment(beneficiaryID: Int64, cohortID: Int64, trackID: Int64, status: Enrolment.Status,
                         statusDate: LocalDate?) throws -> Enrolment {
        let id = try insertReturningID("""
            INSERT INTO enrolment (beneficiary_id, cohort_id, track_id, status, status_date) VALUES ($1, $2, $3, $4, $5) RETURNING id
            """, [.int(beneficiaryID), .int(cohortID), .int(trackID), .text(status.rawValue), .date(statusDate)])
        try refreshCase(beneficiaryID: beneficiaryID)
        return Enrolment(id: id, beneficiaryID: beneficiaryID, cohortID: cohortID, trackID: trackID, status: status,
                         statusDate: statusDate)
    }

    func updateEnrolment(id: Int64, status: Enrolment.Status, statusDate: LocalDate?) throws {
        try run("UPDATE enrolment SET status = $1, status_date = $2 WHERE id = $3", [.text(status.rawValue), .date(statusDate), .int(id)])
    }

    // MARK: Kelompok and usaha

    static func registryKelompok(_ row: PGRow) throws -> Kelompok {
        Kelompok(id: try row.int("id"), name: try row.text("name"), cohortID: try row.int("cohort_id"),
                 trackID: try row.optionalInt("track_id"))
    }

    func kelompok(id: Int64) throws -> Kelompok? {
        try besideTheWriter {
            try one("SELECT * FROM kelompok WHERE id = $1", [.int(id)]).map(Self.registryKelompok)
        }
    }

    func insertKelompok(name: String, cohortID: Int64, trackID: Int64?) throws -> Kelompok {
        let id = try insertReturningID("INSERT INTO kelompok (name, cohort_id, track_id) VALUES ($1, $2, $3) RETURNING id",
                                       [.text(name), .int(cohortID), PGValue(trackID)])
        return Kelompok(id: id, name: name, cohortID: cohortID, trackID: trackID)
    }

    func memberships(kelompokID: Int64) throws -> [KelompokMembership] {
        try besideTheWriter {
            try all("SELECT * FROM kelompok_member WHERE kelompok_id = $1 ORDER BY joined_on, id", [.int(kelompokID)]).map { row in
                KelompokMembership(id: try row.int("id"), kelompokID: try row.int("kelompok_id"),
                                   beneficiaryID: try row.int("beneficiary_id"), joinedOn: try row.date("joined_on"),
                                   leftOn: try row.optionalDate("left_on"))
            }
        }
    }

    func insertMembership(kelompokID: Int64, beneficiaryID: Int64, joinedOn: LocalDate) throws -> KelompokMembership {
        let id = try insertReturningID("""
            INSERT INTO kelompok_member (kelompok_id, beneficiary_id, joined_on) VALUES ($1, $2, $3) RETURNING id
            """, [.int(kelompokID), .int(beneficiaryID), .date(joinedOn)])
        try refreshCase(beneficiaryID: beneficiaryID)
        return KelompokMembership(id: id, kelompokID: kelompokID, beneficiaryID: beneficiaryID, joinedOn: joinedOn, leftOn: nil)
    }

    func endMembership(id: Int64, leftOn: LocalDate) throws {
        if let person = try one("UPDATE kelompok_member SET left_on = $1 WHERE id = $2 RETURNING beneficiary_id",
                                [.date(leftOn), .int(id)]) {
            try refreshCase(beneficiaryID: try person.int("beneficiary_id"))
        }
    }

    static func registryUsaha(_ row: PGRow) throws -> Usaha {
        let owner: Usaha.Owner = if let person = try row.optionalInt("owner_beneficiary_id") {
            .beneficiary(person)
        } else {
            .kelompok(try row.int("owner_kelompok_id"))
        }
        return Usaha(id: try row.int("id"), owner: owner, product: try row.text("product"), brand: try row.optionalText("brand"),
                     location: try row.optionalText("location"), kelurahan: try row.optionalText("kelurahan"))
    }

    func usaha(id: Int64) throws -> Usaha? {
        try besideTheWriter {
            try one("SELECT * FROM usaha WHERE id = $1", [.int(id)]).map(Self.registryUsaha)
        }
    }

    func insertUsaha(owner: Usaha.Owner, product: String, brand: String?, location: String?, kelurahan: String?) throws -> Usaha {
        var ownerBeneficiary: Int64?, ownerKelompok: Int64?
        switch owner {
        case .beneficiary(let id): ownerBeneficiary = id
        case .kelompok(let id): ownerKelompok = id
        }
        let id = try insertReturningID("""
            INSERT INTO usaha (owner_beneficiary_id, owner_kelompok_id, product, brand, location, kelurahan)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """, [PGValue(ownerBeneficiary), PGValue(ownerKelompok), .text(product), PGValue(brand), PGValue(location),
                  PGValue(kelurahan)])
        return Usaha(id: id, owner: owner, product: product, brand: brand, location: location, kelurahan: kelurahan)
    }

    // MARK: Equipment

    static func registryItem(_ row: PGRow) throws -> EquipmentItem {
        EquipmentItem(id: try row.int("id"), code: try row.text("code"), name: try row.text("name"), unit: try row.text("unit"))
    }

    func equipmentItem(id: Int64) throws -> EquipmentItem? {
        try besideTheWriter {
            try one("SELECT * FROM equipment_item WHERE id = $1", [.int(id)]).map(Self.registryItem)
        }
    }
    func equipmentItem(code: String) throws -> EquipmentItem? {
        try besideTheWriter {
            try one("SELECT * FROM equipment_item WHERE code = $1", [.text(code)]).map(Self.registryItem)
        }
    }

    func insertEquipmentItem(code: String, name: String, unit: String) throws -> EquipmentItem {
        let id = try insertReturningID("INSERT INTO equipment_item (code, name, unit) VALUES ($1, $2, $3) RETURNING id",
                                       [.text(code), .text(name), .text(unit)])
        try run("INSERT INTO equipment_stock (item_id, quantity, value) VALUES ($1, 0, 0)", [.int(id)])
        return EquipmentItem(id: id, code: code, name: name, unit: unit)
    }

    func stock(itemID: Int64) throws -> EquipmentStock {
        let row = try one("SELECT quantity, value FROM equipment_stock WHERE item_id = $1", [.int(itemID)])
        return EquipmentStock(quantity: try row?.int("quantity") ?? 0, value: Rupiah(try row?.int("value") ?? 0))
    }

    func insertEquipmentMovement(entryID: Int64, itemID: Int64, kelompokID: Int64?, quantity: Int64, value: Rupiah) throws {
        try run("INSERT INTO equipment_movement (entry_id, item_id, kelompok_id, quantity, value) VALUES ($1, $2, $3, $4, $5)",
                [.int(entryID), .int(itemID), PGValue(kelompokID), .int(quantity), .money(value)])
        try run("UPDATE equipment_stock SET quantity = quantity + $1, value = value + $2 WHERE item_id = $3",
                [.int(quantity), .money(value), .int(itemID)])
    }

    func equipmentMovements(entryID: Int64) throws -> [EquipmentMovement] {
        try all("SELECT * FROM equipment_movement WHERE entry_id = $1 ORDER BY id", [.int(entryID)]).map { row in
            EquipmentMovement(entryID: try row.int("entry_id"), itemID: try row.int("item_id"),
                              kelompokID: try row.optionalInt("kelompok_id"), quantity: try row.int("quantity"),
                              value: Rupiah(try row.int("value")))
        }
    }

    // MARK: Grants

    /// A `grant_payment` row with `reversed_by`, the id of the entry that reversed it.
    static func registryGrant(_ row: PGRow) throws -> GrantPayment {
        GrantPayment(id: try row.int("id"), beneficiaryID: try row.int("beneficiary_id"), cohortID: try row.int("cohort_id"),
                     entryID: try row.int("entry_id"), usahaEntryID: try row.optionalInt("usaha_entry_id"),
                     usahaID: try row.optionalInt("usaha_id"), amount: Rupiah(try row.int("amount")),
                     exceptionID: try row.optionalInt("exception_id"), amountReason: try row.optionalText("amount_reason"),
                     reversedByEntryID: try row.optionalInt("reversed_by"))
    }

    func grants(beneficiaryID: Int64) throws -> [GrantPayment] {
        try all("""
            SELECT g.*, r.id AS reversed_by FROM grant_payment g
            LEFT JOIN journal_entry r ON r.reverses_entry_id = g.entry_id
            WHERE g.beneficiary_id = $1 ORDER BY g.id
            """, [.int(beneficiaryID)]).map(Self.registryGrant)
    }

    func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, usahaEntryID: Int64?, usahaID: Int64?,
                     amount: Rupiah, exceptionID: Int64?, amountReason: String?) throws -> GrantPayment {
        let id = try insertReturningID("""
            INSERT INTO grant_payment (beneficiary_id, cohort_id, entry_id, usaha_entry_id, usaha_id, amount, exception_id, amount_reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
            """, [.int(beneficiaryID), .int(cohortID), .int(entryID), PGValue(usahaEntryID), PGValue(usahaID), .money(amount),
                  PGValue(exceptionID), PGValue(amountReason)])
        try noteGrant(beneficiaryID: beneficiaryID)
        return GrantPayment(id: id, beneficiaryID: beneficiaryID, cohortID: cohortID, entryID: entryID, usahaEntryID: usahaEntryID,
                            usahaID: usahaID, amount: amount, exceptionID: exceptionID, amountReason: amountReason,
                            reversedByEntryID: nil)
    }

    func unusedGrantException(beneficiaryID: Int64, cohortID: Int64) throws -> GrantException? {
        try one("""
            SELECT * FROM grant_exception e WHERE beneficiary_id = $1 AND cohort_id = $2
              AND NOT EXISTS (SELECT 1 FROM grant_payment g WHERE g.exception_id = e.id)
            ORDER BY id LIMIT 1
            """, [.int(beneficiaryID), .int(cohortID)]).map { row in
            GrantException(id: try row.int("id"), beneficiaryID: try row.int("beneficiary_id"), cohortID: try row.int("cohort_id"),
                           reason: try row.text("reason"), actor: try row.text("actor"), recordedAt: try row.text("recorded_at"))
        }
    }

    func insertGrantException(beneficiaryID: Int64, cohortID: Int64, reason: String, actor: String,
                              recordedAt: String) throws -> GrantException {
        let id = try insertReturningID("""
            INSERT INTO grant_exception (beneficiary_id, cohort_id, reason, actor, recorded_at) VALUES ($1, $2, $3, $4, $5) RETURNING id
            """, [.int(beneficiaryID), .int(cohortID), .text(reason), .text(actor), .text(recordedAt)])
        return GrantException(id: id, beneficiaryID: beneficiaryID, cohortID: cohortID, reason: reason, actor: actor,
                              recordedAt: recordedAt)
    }
}

// MARK: - Listings

extension PostgresTransaction: ListingPort {
    /// A limit as SQLite reads it: a negative one is none (PostgreSQL refuses it; NULL is none).
    static func sqliteLimit(_ limit: Int) -> PGValue { limit < 0 ? .null : .int(limit) }

    func tracks() throws -> [Track] {
        try all("SELECT * FROM track ORDER BY code COLLATE \"C\"").map(Self.registryTrack)
    }

    func equipmentItems() throws -> [EquipmentItem] {
        try all("SELECT * FROM equipment_item ORDER BY code COLLATE \"C\"").map(Self.registryItem)
    }

    func recentEntries(bookID: Int64, limit: Int) throws -> [JournalEntry] {
        try withPostings(all("SELECT * FROM journal_entry WHERE book_id = $1 ORDER BY id DESC LIMIT $2::bigint",
                             [.int(bookID), Self.sqliteLimit(limit)]))
    }

    func grantCandidates(limit: Int) throws -> [GrantCandidate] {
        try all("""
            SELECT b.id, b.external_ref, b.name, c.code AS cohort_code FROM enrolment e
            JOIN beneficiary b ON b.id = e.beneficiary_id
            JOIN cohort c ON c.id = e.cohort_id
            WHERE e.status = 'completed' AND NOT EXISTS (
              SELECT 1 FROM grant_payment g WHERE g.beneficiary_id = e.beneficiary_id AND g.cohort_id = e.cohort_id
                AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = g.entry_id))
            ORDER BY c.code COLLATE "C", b.external_ref COLLATE "C" NULLS FIRST, b.id LIMIT $1::bigint
            """, [Self.sqliteLimit(limit)]).map { row in
            GrantCandidate(beneficiaryID: try row.int("id"), externalRef: try row.optionalText("external_ref"),
                           name: try row.text("name"), cohortCode: try row.text("cohort_code"))
        }
    }
}
