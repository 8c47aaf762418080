import BekalCore
import Foundation
import GRDB

extension SQLiteTransaction: RegistryPort {
    func settings() throws -> ProgrammeSettings {
        if let settingsCache { return settingsCache }
        guard let text = try String.fetchOne(statement("SELECT value FROM setting WHERE key = 'programme'")) else {
            throw ProgrammeRejection.notInitialised
        }
        let settings = try Self.decodedSettings.settings(of: text)
        settingsCache = settings
        return settings
    }

    /// The settings row is read in every transaction that needs it; only its decoding, about 2 %
    /// of a home page, is shared, and only when the text read is the very text decoded last.
    static let decodedSettings = DecodedSettings()

    /// The last settings text decoded and what it decoded to, for every store of the process:
    /// the key is the whole text, so a changed row (by this process or the CLI) is decoded anew.
    final class DecodedSettings: @unchecked Sendable {
        private let lock = NSLock()
        private var last: (text: String, settings: ProgrammeSettings)?

        func settings(of text: String) throws -> ProgrammeSettings {
            if let hit = lock.withLock({ last.flatMap { $0.text == text ? $0.settings : nil } }) { return hit }
            let settings = try JSONDecoder().decode(ProgrammeSettings.self, from: Data(text.utf8))
            lock.withLock { last = (text, settings) }
            return settings
        }
    }

    func saveSettings(_ settings: ProgrammeSettings) throws {
        let text = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try run("INSERT INTO setting (key, value) VALUES ('programme', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [text])
        settingsCache = nil
    }

    // MARK: Tracks and cohorts

    static func track(_ row: Row) -> Track { Track(id: row["id"], code: row["code"], name: row["name"]) }

    func track(id: Int64) throws -> Track? { try one("SELECT * FROM track WHERE id = ?", [id]).map(Self.track) }
    func track(code: String) throws -> Track? { try one("SELECT * FROM track WHERE code = ?", [code]).map(Self.track) }

    func insertTrack(code: String, name: String) throws -> Track {
        try run("INSERT INTO track (code, name) VALUES (?, ?)", [code, name])
        return Track(id: db.lastInsertedRowID, code: code, name: name)
    }

    func cohort(_ row: Row) -> Cohort {
        Cohort(id: row["id"], code: row["code"], name: row["name"], trainingStart: date(row, "training_start"),
               trainingEnd: date(row, "training_end"), budget: Rupiah(row["budget"]), budgetYear: row["budget_year"],
               grantAmount: (row["grant_amount"] as Int64?).map(Rupiah.init))
    }

    func cohort(id: Int64) throws -> Cohort? {
        if let cached = cohortCache[id] { return cached }
        let found = try one("SELECT * FROM cohort WHERE id = ?", [id]).map(cohort)
        cohortCache[id] = found
        return found
    }
    func cohort(code: String) throws -> Cohort? { try one("SELECT * FROM cohort WHERE code = ?", [code]).map(cohort) }

    func insertCohort(code: String, name: String, trainingStart: LocalDate?, trainingEnd: LocalDate?,
                      budget: Rupiah, budgetYear: Int?, grantAmount: Rupiah?) throws -> Cohort {
        try run("""
            INSERT INTO cohort (code, name, training_start, training_end, budget, budget_year, grant_amount) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [code, name, trainingStart?.description, trainingEnd?.description, budget.amount, budgetYear, grantAmount?.amount])
        return Cohort(id: db.lastInsertedRowID, code: code, name: name, trainingStart: trainingStart,
                      trainingEnd: trainingEnd, budget: budget, budgetYear: budgetYear, grantAmount: grantAmount)
    }

    // MARK: Beneficiaries and enrolments

    func beneficiary(_ row: Row) -> Beneficiary {
        Beneficiary(id: row["id"], externalRef: row["external_ref"], name: row["name"],
                    nik: (row["nik"] as String?).flatMap { try? NIK.parse($0) }, birthYear: row["birth_year"],
                    originArea: row["origin_area"], kelurahan: row["kelurahan"], consentShare: row["consent_share"],
                    consentName: row["consent_name"])
    }

    // The lookups every grant makes read their columns by position: GRDB finds a column of a
    // fetched row by comparing lowercased names, which cost more than the query itself.
    // The columns in the order `beneficiaryByPosition` reads them.
    /// Her row, each of her enrolments, and whether any grant was ever paid to her, in one
    /// statement: what a grant reads about her. The enrolments and "never paid" are kept for
    /// the transaction (dropped as soon as one of hers is written), so the grant's next two
    /// reads need no statement at all.
    private static let beneficiaryByID: StaticString = """
        SELECT b.id, b.external_ref, b.name, b.nik, b.birth_year, b.origin_area, b.kelurahan, b.consent_share, b.consent_name,
          e.id, e.cohort_id, e.track_id, e.status, e.status_date,
          EXISTS (SELECT 1 FROM grant_payment g WHERE g.beneficiary_id = b.id)
        FROM beneficiary b LEFT JOIN enrolment e ON e.beneficiary_id = b.id WHERE b.id = ? ORDER BY e.id
        """
    private static let beneficiaryByRef: StaticString = """
        SELECT id, external_ref, name, nik, birth_year, origin_area, kelurahan, consent_share, consent_name
        FROM beneficiary WHERE external_ref = ?
        """

    static func beneficiaryByPosition(_ row: Row) -> Beneficiary {
        Beneficiary(id: row[0], externalRef: row[1], name: row[2], nik: (row[3] as String?).flatMap { try? NIK.parse($0) },
                    birthYear: row[4], originArea: row[5], kelurahan: row[6], consentShare: row[7], consentName: row[8])
    }

    func beneficiary(id: Int64) throws -> Beneficiary? {
        var person: Beneficiary?
        var enrolments: [Enrolment] = []
        var everPaid = false
        try query(Self.beneficiaryByID, { $0.int(id) }) { c in
            if person == nil {
                person = Beneficiary(id: c.int(0), externalRef: c.optionalText(1), name: c.text(2),
                                     nik: c.optionalText(3).flatMap { try? NIK.parse($0) }, birthYear: c.optionalInt(4).map(Int.init),
                                     originArea: c.optionalText(5), kelurahan: c.optionalText(6), consentShare: c.int(7) != 0,
                                     consentName: c.optionalText(8))
                everPaid = c.int(14) != 0
            }
            guard let enrolmentID = c.optionalInt(9) else { return }
            enrolments.append(Enrolment(id: enrolmentID, beneficiaryID: id, cohortID: c.int(10), trackID: c.int(11),
                                        status: Enrolment.Status(rawValue: c.text(12))!,
                                        statusDate: c.optionalText(13).flatMap(Self.storedDate)))
        }
        guard let person else { return nil }
        enrolmentsCache = (id, enrolments)
        neverPaidCache = everPaid ? nil : id
        return person
    }
    func beneficiary(externalRef: String) throws -> Beneficiary? {
        try one(Self.beneficiaryByRef, [externalRef]).map(Self.beneficiaryByPosition)
    }

    func beneficiaryID(nik: NIK) throws -> Int64? {
        try Int64.fetchOne(statement("SELECT id FROM beneficiary WHERE nik = ?"), arguments: [nik.digits])
    }

    func beneficiaries(nameKey: String, birthYear: Int) throws -> [Beneficiary] {
        try all("""
            SELECT id, external_ref, name, nik, birth_year, origin_area, kelurahan, consent_share, consent_name
            FROM beneficiary WHERE name_key = ? AND birth_year = ? ORDER BY id
            """, [nameKey, birthYear]).map(Self.beneficiaryByPosition)
    }

    func insertBeneficiary(_ d: BeneficiaryDraft) throws -> Beneficiary {
        try run("""
            INSERT INTO beneficiary (external_ref, name, nik, birth_year, origin_area, kelurahan, consent_share, consent_name,
              name_key, distinct_from)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [d.externalRef, d.name, d.nik?.digits, d.birthYear, d.originArea, d.kelurahan, d.consentShare, d.consentName,
                  LikelyDuplicate.nameKey(d.name), d.differentFrom.isEmpty ? nil : d.differentFrom.joined(separator: " ")])
        return Beneficiary(id: db.lastInsertedRowID, externalRef: d.externalRef, name: d.name, nik: d.nik, birthYear: d.birthYear,
                           originArea: d.originArea, kelurahan: d.kelurahan, consentShare: d.consentShare, consentName: d.consentName)
    }

    func enrolment(_ row: Row) -> Enrolment {
        Enrolment(id: row["id"], beneficiaryID: row["beneficiary_id"], cohortID: row["cohort_id"], trackID: row["track_id"],
                  status: Enrolment.Status(rawValue: row["status"])!, statusDate: date(row, "status_date"))
    }

    private static let enrolmentsOfBeneficiary: StaticString = """
        SELECT id, beneficiary_id, cohort_id, track_id, status, status_date FROM enrolment WHERE beneficiary_id = ? ORDER BY id
        """

    func enrolments(beneficiaryID: Int64) throws -> [Enrolment] {
        if let cached = enrolmentsCache, cached.beneficiaryID == beneficiaryID { return cached.enrolments }
        let enrolments = try all(Self.enrolmentsOfBeneficiary, [beneficiaryID]).map { row in
            Enrolment(id: row[0], beneficiaryID: row[1], cohortID: row[2], trackID: row[3],
                      status: Enrolment.Status(rawValue: row[4])!, statusDate: (row[5] as String?).flatMap(Self.storedDate))
        }
        enrolmentsCache = (beneficiaryID, enrolments)
        return enrolments
    }

    func enrolments(cohortID: Int64) throws -> [Enrolment] {
        try all("""
            SELECT id, beneficiary_id, cohort_id, track_id, status, status_date FROM enrolment WHERE cohort_id = ?
            ORDER BY beneficiary_id, id
            """, [cohortID]).map(enrolment)
    }

    func insertEnrolment(beneficiaryID: Int64, cohortID: Int64, trackID: Int64, status: Enrolment.Status,
                         statusDate: LocalDate?) throws -> Enrolment {
        enrolmentsCache = nil
        try run("INSERT INTO enrolment (beneficiary_id, cohort_id, track_id, status, status_date) VALUES (?, ?, ?, ?, ?)",
                [beneficiaryID, cohortID, trackID, status.rawValue, statusDate?.description])
        // Before the case summary, whose first row for her is an insert of its own.
        let id = db.lastInsertedRowID
        try refreshCase(beneficiaryID: beneficiaryID)
        return Enrolment(id: id, beneficiaryID: beneficiaryID, cohortID: cohortID, trackID: trackID,
                         status: status, statusDate: statusDate)
    }

    func updateEnrolment(id: Int64, status: Enrolment.Status, statusDate: LocalDate?) throws {
        enrolmentsCache = nil
        try run("UPDATE enrolment SET status = ?, status_date = ? WHERE id = ?", [status.rawValue, statusDate?.description, id])
    }

    // MARK: Kelompok and usaha

    static func kelompok(_ row: Row) -> Kelompok {
        Kelompok(id: row["id"], name: row["name"], cohortID: row["cohort_id"], trackID: row["track_id"])
    }

    func kelompok(id: Int64) throws -> Kelompok? { try one("SELECT * FROM kelompok WHERE id = ?", [id]).map(Self.kelompok) }

    func insertKelompok(name: String, cohortID: Int64, trackID: Int64?) throws -> Kelompok {
        try run("INSERT INTO kelompok (name, cohort_id, track_id) VALUES (?, ?, ?)", [name, cohortID, trackID])
        return Kelompok(id: db.lastInsertedRowID, name: name, cohortID: cohortID, trackID: trackID)
    }

    func memberships(kelompokID: Int64) throws -> [KelompokMembership] {
        try all("SELECT * FROM kelompok_member WHERE kelompok_id = ? ORDER BY joined_on, id", [kelompokID]).map { row in
            KelompokMembership(id: row["id"], kelompokID: row["kelompok_id"], beneficiaryID: row["beneficiary_id"],
                               joinedOn: date(row, "joined_on")!, leftOn: date(row, "left_on"))
        }
    }

    func insertMembership(kelompokID: Int64, beneficiaryID: Int64, joinedOn: LocalDate) throws -> KelompokMembership {
        try run("INSERT INTO kelompok_member (kelompok_id, beneficiary_id, joined_on) VALUES (?, ?, ?)",
                [kelompokID, beneficiaryID, joinedOn.description])
        let id = db.lastInsertedRowID
        try refreshCase(beneficiaryID: beneficiaryID)
        return KelompokMembership(id: id, kelompokID: kelompokID, beneficiaryID: beneficiaryID,
                                  joinedOn: joinedOn, leftOn: nil)
    }

    func endMembership(id: Int64, leftOn: LocalDate) throws {
        try run("UPDATE kelompok_member SET left_on = ? WHERE id = ?", [leftOn.description, id])
        if let person = try Int64.fetchOne(statement("SELECT beneficiary_id FROM kelompok_member WHERE id = ?"), arguments: [id]) {
            try refreshCase(beneficiaryID: person)
        }
    }

    static func usaha(_ row: Row) -> Usaha {
        let owner: Usaha.Owner = (row["owner_beneficiary_id"] as Int64?).map { .beneficiary($0) } ?? .kelompok(row["owner_kelompok_id"])
        return Usaha(id: row["id"], owner: owner, product: row["product"], brand: row["brand"], location: row["location"],
                     kelurahan: row["kelurahan"])
    }

    func usaha(id: Int64) throws -> Usaha? { try one("SELECT * FROM usaha WHERE id = ?", [id]).map(Self.usaha) }

    func insertUsaha(owner: Usaha.Owner, product: String, brand: String?, location: String?, kelurahan: String?) throws -> Usaha {
        var ownerBeneficiary: Int64?, ownerKelompok: Int64?
        switch owner {
        case .beneficiary(let id): ownerBeneficiary = id
        case .kelompok(let id): ownerKelompok = id
        }
        try run("INSERT INTO usaha (owner_beneficiary_id, owner_kelompok_id, product, brand, location, kelurahan) VALUES (?, ?, ?, ?, ?, ?)",
                [ownerBeneficiary, ownerKelompok, product, brand, location, kelurahan])
        return Usaha(id: db.lastInsertedRowID, owner: owner, product: product, brand: brand, location: location, kelurahan: kelurahan)
    }

    // MARK: Equipment

    static func item(_ row: Row) -> EquipmentItem {
        EquipmentItem(id: row["id"], code: row["code"], name: row["name"], unit: row["unit"])
    }

    func equipmentItem(id: Int64) throws -> EquipmentItem? { try one("SELECT * FROM equipment_item WHERE id = ?", [id]).map(Self.item) }
    func equipmentItem(code: String) throws -> EquipmentItem? {
        try one("SELECT * FROM equipment_item WHERE code = ?", [code]).map(Self.item)
    }

    func insertEquipmentItem(code: String, name: String, unit: String) throws -> EquipmentItem {
        try run("INSERT INTO equipment_item (code, name, unit) VALUES (?, ?, ?)", [code, name, unit])
        let id = db.lastInsertedRowID
        try run("INSERT INTO equipment_stock (item_id, quantity, value) VALUES (?, 0, 0)", [id])
        return EquipmentItem(id: id, code: code, name: name, unit: unit)
    }

    func stock(itemID: Int64) throws -> EquipmentStock {
        let row = try one("SELECT quantity, value FROM equipment_stock WHERE item_id = ?", [itemID])
        return EquipmentStock(quantity: row?["quantity"] ?? 0, value: Rupiah(row?["value"] ?? 0))
    }

    func insertEquipmentMovement(entryID: Int64, itemID: Int64, kelompokID: Int64?, quantity: Int64, value: Rupiah) throws {
        try run("INSERT INTO equipment_movement (entry_id, item_id, kelompok_id, quantity, value) VALUES (?, ?, ?, ?, ?)",
                [entryID, itemID, kelompokID, quantity, value.amount])
        try run("UPDATE equipment_stock SET quantity = quantity + ?, value = value + ? WHERE item_id = ?",
                [quantity, value.amount, itemID])
    }

    func equipmentMovements(entryID: Int64) throws -> [EquipmentMovement] {
        try all("SELECT * FROM equipment_movement WHERE entry_id = ? ORDER BY id", [entryID]).map { row in
            EquipmentMovement(entryID: row["entry_id"], itemID: row["item_id"], kelompokID: row["kelompok_id"],
                              quantity: row["quantity"], value: Rupiah(row["value"]))
        }
    }

    // MARK: Grants

    static func grant(_ row: Row) -> GrantPayment {
        GrantPayment(id: row["id"], beneficiaryID: row["beneficiary_id"], cohortID: row["cohort_id"], entryID: row["entry_id"],
                     usahaEntryID: row["usaha_entry_id"], usahaID: row["usaha_id"], amount: Rupiah(row["amount"]),
                     exceptionID: row["exception_id"], amountReason: row["amount_reason"], reversedByEntryID: row["reversed_by"])
    }

    func grants(beneficiaryID: Int64) throws -> [GrantPayment] {
        if neverPaidCache == beneficiaryID { return [] }
        // Most calls come before her first grant: answer those without building rows.
        let any = try Bool.fetchOne(statement("""
            SELECT EXISTS (SELECT 1 FROM grant_payment WHERE beneficiary_id = ?)
            """), arguments: [beneficiaryID])
        if any != true { return [] }
        return try all("""
            SELECT g.*, r.id AS reversed_by FROM grant_payment g
            LEFT JOIN journal_entry r ON r.reverses_entry_id = g.entry_id
            WHERE g.beneficiary_id = ? ORDER BY g.id
            """, [beneficiaryID]).map(Self.grant)
    }

    func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, usahaEntryID: Int64?, usahaID: Int64?,
                     amount: Rupiah, exceptionID: Int64?, amountReason: String?) throws -> GrantPayment {
        if neverPaidCache == beneficiaryID { neverPaidCache = nil }
        try execute("""
            INSERT INTO grant_payment (beneficiary_id, cohort_id, entry_id, usaha_entry_id, usaha_id, amount, exception_id, amount_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """) { b in
            b.int(beneficiaryID); b.int(cohortID); b.int(entryID); b.int(usahaEntryID); b.int(usahaID); b.int(amount.amount)
            b.int(exceptionID); b.text(amountReason)
        }
        let grantID = db.lastInsertedRowID
        try noteGrant(grantID: grantID, beneficiaryID: beneficiaryID, cohortID: cohortID, entryID: entryID, amount: amount)
        return GrantPayment(id: grantID, beneficiaryID: beneficiaryID, cohortID: cohortID, entryID: entryID,
                            usahaEntryID: usahaEntryID, usahaID: usahaID, amount: amount, exceptionID: exceptionID,
                            amountReason: amountReason, reversedByEntryID: nil)
    }

    func unusedGrantException(beneficiaryID: Int64, cohortID: Int64) throws -> GrantException? {
        try one("""
            SELECT * FROM grant_exception e WHERE beneficiary_id = ? AND cohort_id = ?
              AND NOT EXISTS (SELECT 1 FROM grant_payment g WHERE g.exception_id = e.id)
            ORDER BY id LIMIT 1
            """, [beneficiaryID, cohortID]).map { row in
            GrantException(id: row["id"], beneficiaryID: row["beneficiary_id"], cohortID: row["cohort_id"],
                           reason: row["reason"], actor: row["actor"], recordedAt: row["recorded_at"])
        }
    }

    func insertGrantException(beneficiaryID: Int64, cohortID: Int64, reason: String, actor: String,
                              recordedAt: String) throws -> GrantException {
        try run("INSERT INTO grant_exception (beneficiary_id, cohort_id, reason, actor, recorded_at) VALUES (?, ?, ?, ?, ?)",
                [beneficiaryID, cohortID, reason, actor, recordedAt])
        return GrantException(id: db.lastInsertedRowID, beneficiaryID: beneficiaryID, cohortID: cohortID, reason: reason,
                              actor: actor, recordedAt: recordedAt)
    }
}

// MARK: - Reports

extension SQLiteTransaction: ReportSource {
    func books() throws -> [Book] { try all("SELECT * FROM book ORDER BY id").map(Self.book) }

    func accounts(bookID: Int64) throws -> [Account] {
        try all("SELECT * FROM account WHERE book_id = ? ORDER BY code", [bookID]).map(Self.account)
    }

    func totals(accountID: Int64) throws -> AccountTotals {
        try finish()
        let row = try one("SELECT debit, credit FROM account_balance WHERE account_id = ?", [accountID])
        return AccountTotals(debit: Rupiah(row?["debit"] ?? 0), credit: Rupiah(row?["credit"] ?? 0))
    }

    func forEachEntry(_ body: (JournalEntry) throws -> Void) throws {
        // Two cursors walked side by side: entries and postings, both in entry order.
        let entries = try Row.fetchCursor(db, sql: "SELECT * FROM journal_entry ORDER BY id")
        let postings = try Row.fetchCursor(db, sql: "SELECT * FROM posting ORDER BY entry_id, line")
        try Self.forEachEntry(entries: entries, postings: postings, body)
    }

    func entryCount() throws -> Int { try Int.fetchOne(db, sql: "SELECT count(*) FROM journal_entry") ?? 0 }
}
