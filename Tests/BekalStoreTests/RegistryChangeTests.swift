import BekalCore
import BekalPostgres
import BekalStore
import Foundation
import Testing

/// Corrections of her data, a usaha's brand set later and a drop-out with its reason, on every
/// store: the row holds the current values, the change keeps who, when, why and what it was;
/// bad input changes nothing; and an insider's hand edit of a corrected or an uncorrected
/// field is found by `verify`.
@Suite("Registry changes")
struct RegistryChangeTests {
    static let admin = OperationContext(actor: "web:admin", now: Date(timeIntervalSince1970: 1_795_582_800)) // 2026-11-25
    static let nik = "3171011501800001"

    static func programme(_ underTest: StoreUnderTest) throws -> Programme {
        let programme = try Programme(underTest)
        _ = try programme.ops.addBeneficiary(BeneficiaryDraft(externalRef: "REG-9", name: "Siti Nurhaliza", nik: try NIK.parse(nik),
                                                              birthYear: 1990, kelurahan: "Sukajadi"))
        return programme
    }

    static func changeCount(_ store: any BekalStore) throws -> Int {
        try store.read { tx in
            try (1...4).reduce(0) { $0 + (try tx.registryChanges(subject: .beneficiary, subjectID: Int64($1)).count) }
        }
    }

    @Test("a correction updates her row and keeps the old and new values, who, when and why", arguments: StoreUnderTest.all)
    func correction(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        let change = try ops.correctBeneficiary("B-00004", BeneficiaryCorrection(name: "Siti Nurhalizah", nik: "3171011501800009",
                                                                                  kelurahan: "", reason: "salah ketik, sesuai KTP"),
                                                context: Self.admin)
        #expect(change.shownFields.map(\.field) == [.name, .nik, .kelurahan])
        #expect(change.fields.map(\.field).contains(.nameKey), "the likely-duplicate key moves with the name")
        let person = try programme.store.read { tx in try tx.beneficiary(id: 4) }
        #expect(person?.name == "Siti Nurhalizah" && person?.nik?.digits == "3171011501800009" && person?.kelurahan == nil)
        #expect(person?.birthYear == 1990 && person?.externalRef == "REG-9", "fields not given are unchanged")

        let kept = try ops.registryChanges(.beneficiary, id: 4)
        #expect(kept.count == 1)
        let first = try #require(kept.first)
        #expect(first.actor == "web:admin" && first.reason == "salah ketik, sesuai KTP" && first.onDate == LocalDate(year: 2026, month: 11, day: 25))
        #expect(first.fields.first { $0.field == .name } == .init(field: .name, old: "Siti Nurhaliza", new: "Siti Nurhalizah"))
        #expect(first.fields.first { $0.field == .nik }?.shownOld == "••••••••••••0001", "a NIK is shown by its last four digits")
        // The NIK search finds her by the new number only.
        #expect(try ops.register(matching: "3171011501800009", page: 1).lines.map(\.code) == ["B-00004"])
        #expect(try ops.register(matching: Self.nik, page: 1).total == 0)

        // The audit log names the fields, never the values.
        let audit = try programme.store.read { tx in
            try tx.auditRecords(actor: nil, action: AuditAction.beneficiaryCorrect.rawValue, from: nil, to: nil, limit: 10)
        }
        #expect(audit.count == 1 && audit[0].subject == "B-00004" && audit[0].detail == "corrected name, nik, kelurahan (change #\(first.id))")
        #expect(!audit[0].detail.contains("Siti") && !audit[0].detail.contains("3171"))
        #expect(try programme.verify().isValid)
    }

    @Test("a correction that breaks a rule is refused and changes nothing", arguments: StoreUnderTest.all)
    func refusals(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        _ = try ops.addBeneficiary(BeneficiaryDraft(externalRef: "REG-10", name: "Ani", nik: try NIK.parse("3171011501800002")))
        let before = try programme.store.read { tx in try tx.beneficiary(id: 4) }
        func refused(_ correction: BeneficiaryCorrection, _ check: (any Error) -> Bool) {
            #expect(performing: { _ = try ops.correctBeneficiary("B-00004", correction, context: Self.admin) }, throws: check)
        }
        refused(.init(nik: "3171011501800002", reason: "sesuai KTP")) {
            ($0 as? ProgrammeRejection) == .duplicateNIK(existingBeneficiary: "B-00005")
        }
        refused(.init(externalRef: "REG-10", reason: "sesuai berkas")) {
            ($0 as? ProgrammeRejection) == .duplicate(.registerNumber, reference: "REG-10", existing: "B-00005")
        }
        refused(.init(nik: "31710115", reason: "sesuai KTP")) { ($0 as? InputError)?.reason == .notANIK }
        refused(.init(name: "  ", reason: "sesuai KTP")) { ($0 as? InputError)?.reason == .empty }
        refused(.init(birthYear: "1850", reason: "sesuai KTP")) { ($0 as? InputError)?.reason == .outOfRange }
        refused(.init(birthYear: "tahun 90", reason: "sesuai KTP")) { ($0 as? InputError)?.reason == .notAWholeNumber }
        refused(.init(name: "Siti N.", reason: "ktp")) { ($0 as? ProgrammeRejection) == .reasonTooShort(minimumCharacters: 5) }
        refused(.init(name: "Siti Nurhaliza", kelurahan: "Sukajadi", reason: "sesuai KTP")) {
            ($0 as? ProgrammeRejection) == .nothingChanged(record: "B-00004")
        }
        #expect(try programme.store.read { tx in try tx.beneficiary(id: 4) } == before)
        #expect(try Self.changeCount(programme.store) == 0)
        #expect(try programme.verify().isValid)
    }

    @Test("a usaha's brand and product set later are kept with the day they changed", arguments: StoreUnderTest.all)
    func usahaUpdate(_ underTest: StoreUnderTest) throws {
        let ops = try Self.programme(underTest).ops
        let usaha = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00001", product: "Kue basah"), context: Self.admin)
        let change = try ops.updateUsaha(usaha.code, UsahaUpdate(product: "Kue basah dan kering", brand: "Dapur Bunda",
                                                                 onDate: LocalDate(year: 2026, month: 11, day: 20), note: "bantuan branding"),
                                         context: Self.admin)
        #expect(change.fields == [.init(field: .product, old: "Kue basah", new: "Kue basah dan kering"),
                                  .init(field: .brand, old: nil, new: "Dapur Bunda")])
        let now = try ops.store.read { tx in try tx.usaha(id: usaha.id) }
        #expect(now?.brand == "Dapur Bunda" && now?.product == "Kue basah dan kering")
        let kept = try ops.registryChanges(.usaha, id: usaha.id)
        #expect(kept.map(\.onDate) == [LocalDate(year: 2026, month: 11, day: 20)] && kept.first?.reason == "bantuan branding")
        #expect(performing: { _ = try ops.updateUsaha(usaha.code, UsahaUpdate(brand: "Dapur Bunda"), context: Self.admin) },
                throws: { ($0 as? ProgrammeRejection) == .nothingChanged(record: usaha.code) })
        #expect(performing: { _ = try ops.updateUsaha(usaha.code, UsahaUpdate(product: ""), context: Self.admin) },
                throws: { ($0 as? InputError)?.reason == .empty })
        #expect(try ops.registryChanges(.usaha, id: usaha.id).count == 1)
    }

    @Test("leaving takes a coded reason, `other` a text; the change keeps the status before", arguments: StoreUnderTest.all)
    func dropOut(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        let date = LocalDate(year: 2026, month: 11, day: 3)
        func drop(_ reason: ExitReason?, _ text: String? = nil) throws -> Enrolment {
            try ops.setEnrolmentStatus(beneficiary: "B-00002", cohort: "2026", status: .droppedOut, on: date, reason: reason,
                                       reasonText: text, context: Self.admin)
        }
        #expect(performing: { _ = try drop(nil) },
                throws: { ($0 as? ProgrammeRejection) == .exitReasonRequired(beneficiary: "B-00002", cohort: "2026") })
        #expect(performing: { _ = try drop(.other) }, throws: { ($0 as? ProgrammeRejection) == .exitReasonTextRequired })
        #expect(performing: {
            _ = try ops.setEnrolmentStatus(beneficiary: "B-00002", cohort: "2026", status: .completed, on: date, reason: .illness,
                                           context: Self.admin)
        }, throws: { ($0 as? ProgrammeRejection) == .exitReasonNotForStatus(status: .completed) })
        let enrolment = try #require(try programme.store.read { tx in try tx.enrolments(beneficiaryID: 2) }.first)
        #expect(enrolment.status == .completed, "nothing written by the refusals")
        #expect(try ops.registryChanges(.enrolment, id: enrolment.id).isEmpty)

        #expect(try drop(.takenOut).status == .droppedOut)
        let kept = try ops.registryChanges(.enrolment, id: enrolment.id)
        #expect(kept.count == 1 && kept[0].reasonCode == .takenOut && kept[0].onDate == date && kept[0].actor == "web:admin")
        #expect(kept[0].fields.first == .init(field: .status, old: "completed", new: "dropped_out"))
        // The same again is no new change.
        _ = try drop(.takenOut)
        #expect(try ops.registryChanges(.enrolment, id: enrolment.id).count == 1)
        #expect(try programme.verify().isValid)
    }

    /// SQL outside Bekal, as an insider with the database would run it.
    static func insider(_ store: any BekalStore, _ sql: String) throws {
        if let sqlite = store as? SQLiteStore {
            try sqlite.unsafeExecuteForTesting(sql)
        } else if let postgres = store as? PostgresStore {
            try PGConnection(postgres.target, schema: postgres.schemaName).execute(sql)
        }
    }

    @Test("a seal made before a correction verifies after it; a hand edit of any field of her row does not",
          arguments: StoreUnderTest.all)
    func sealsAndHandEdits(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        let key = SealKey.generate()
        _ = try ops.seal(key: key, context: Self.admin)
        _ = try ops.correctBeneficiary("B-00004", BeneficiaryCorrection(name: "Siti Nurhalizah", birthYear: "1991",
                                                                         reason: "sesuai KTP"), context: Self.admin)
        let usaha = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00001", product: "Kue"), context: Self.admin)
        _ = try ops.updateUsaha(usaha.code, UsahaUpdate(brand: "Mawar"), context: Self.admin)
        func problems() throws -> [String] {
            try programme.store.read { tx in try Verification.run(on: tx, trustedPublicKey: key.publicKeyHex) }.problems
        }
        #expect(try problems() == [], "the seal digests her row as first registered")
        _ = try ops.seal(key: key, context: Self.admin)
        #expect(try problems() == [])

        // The corrected name, edited again by hand: the change says otherwise.
        try Self.insider(programme.store, "UPDATE beneficiary SET name = 'Orang Lain' WHERE id = 4")
        #expect(try problems() == ["registry: B-00004: name is not what its last recorded change (#1) set; the row was edited outside Bekal"])
        try Self.insider(programme.store, "UPDATE beneficiary SET name = 'Siti Nurhalizah' WHERE id = 4")
        #expect(try problems() == [])
        // A field never corrected: the seal's digest of the row as registered.
        try Self.insider(programme.store, "UPDATE beneficiary SET kelurahan = 'Cicendo' WHERE id = 4")
        #expect(try problems() == ["table beneficiary: a row sealed by seal #2 (up to #4) was changed"])
        try Self.insider(programme.store, "UPDATE beneficiary SET kelurahan = 'Sukajadi' WHERE id = 4")
        // A brand edited by hand.
        try Self.insider(programme.store, "UPDATE usaha SET brand = 'Melati' WHERE id = \(usaha.id)")
        #expect(try problems().contains { $0.hasPrefix("registry: \(usaha.code): brand is not what") })
        try Self.insider(programme.store, "UPDATE usaha SET brand = 'Mawar' WHERE id = \(usaha.id)")
        #expect(try problems() == [])

        // The changes themselves are append-only.
        for sql in ["UPDATE registry_change SET reason = 'x'", "DELETE FROM registry_change_field",
                    "UPDATE registry_change_field SET old_value = 'Siti Nurhalizah' WHERE field = 'name'"] {
            #expect(throws: (any Error).self, "\(sql) is refused") { try Self.insider(programme.store, sql) }
        }
        #expect(try problems() == [])
    }
}
