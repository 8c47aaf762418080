import BekalCore
@testable import BekalStore
import Foundation
import GRDB
import Testing

/// The guardrails around a grant a finance officer would trip in the first month: paid before
/// she graduated, a typo in the amount, a second grant in a later cohort, and a woman
/// registered twice.
@Suite("Grant guardrails")
struct GrantGuardrailTests {
    let f: Fixture
    init() throws {
        f = try Fixture()
        try f.receive(100_000_000, date: Self.day(1))
    }

    var ctx: OperationContext { Fixture.context }
    static func day(_ d: Int) -> LocalDate { LocalDate(year: 2026, month: 11, day: d)! }

    func grant(_ who: String, ref: String, amount: Int64? = nil, reason: String? = nil, day: Int = 20,
               cohort: String? = nil) throws -> GrantResult {
        try f.ops.disburseGrant(GrantRequest(beneficiary: who, documentRef: ref, amount: amount.map(Rupiah.init), valueDate: Self.day(day),
                                             cohort: cohort, amountReason: reason), context: ctx)
    }

    @Test func aGrantDatedBeforeSheGraduatedIsRefused() throws {
        _ = try f.ops.enrol(EnrolmentRequest(beneficiary: "B-00001", cohort: "2026", track: "tata-boga", status: .completed,
                                             statusDate: Self.day(10)))
        try f.expectRefusal("grant_before_graduation",
                            "B-00001 graduated from cohort 2026 on 2026-11-10; a grant dated 2026-11-05 is before that. Date it on or after 2026-11-10, or correct her completion date with `bekal enrol --status completed --date`.") {
            _ = try grant("B-00001", ref: "KW-001", day: 5)
        }
        #expect(try !grant("B-00001", ref: "KW-001", day: 10).replayed)
    }

    @Test func withoutACompletionDateTheCohortsTrainingEndCounts() throws {
        _ = try f.ops.addCohort(CohortDraft(code: "2027", trainingStart: Self.day(2), trainingEnd: Self.day(15)))
        _ = try f.ops.enrol(EnrolmentRequest(beneficiary: "B-00003", cohort: "2027", track: "tata-boga", status: .completed))
        _ = try f.ops.recordGrantException(beneficiary: "B-00003", cohort: "2027", reason: "belum pernah dibayar sebelumnya", context: ctx)
        try f.expectRefusal("grant_before_graduation",
                            "B-00003 graduated from cohort 2027 on 2026-11-15; a grant dated 2026-11-14 is before that. Date it on or after 2026-11-15, or correct her completion date with `bekal enrol --status completed --date`.") {
            _ = try grant("B-00003", ref: "KW-001", day: 14, cohort: "2027")
        }
    }

    @Test func anotherAmountThanTheStandardNeedsAReason() throws {
        try f.expectRefusal("grant_amount_not_standard",
                            "The grant to B-00001 is Rp15.000.000, not cohort 2026's standard Rp1.500.000. Check the amount (one zero too many?); if it is intended, state why with --amount-reason.") {
            _ = try grant("B-00001", ref: "KW-001", amount: 15_000_000)
        }
        try f.expectRefusal("reason_too_short", "The reason is too short; write at least 10 characters saying why.") {
            _ = try grant("B-00001", ref: "KW-001", amount: 1_000_000, reason: " sisa ")
        }
        let paid = try grant("B-00001", ref: "KW-001", amount: 1_000_000, reason: "sisa pagu angkatan\nsetelah revisi")
        #expect(paid.grant.amount == Rupiah(1_000_000) && paid.grant.amountReason == "sisa pagu angkatan setelah revisi")
        #expect(paid.entry.memo == "Bantuan modal kerja B-00001 angkatan 2026 · jumlah Rp1.000.000 (standar Rp1.500.000): sisa pagu angkatan setelah revisi")
        // The reason is kept with the grant record and shown in the register.
        let register = try f.store.read { tx in try GrantRegister.build(cohort: nil, in: tx) }
        #expect(register.lines.first?.amountReason == "sisa pagu angkatan setelah revisi")
        #expect(register.table.rows.first?.last == .text("Jumlah khusus: sisa pagu angkatan setelah revisi"))
        // The same kuitansi with another amount is the idempotency conflict, named as such.
        try f.expectRefusal("idempotency_conflict",
                            "Reference \"KW-001\" was already recorded as entry #2 with amount Rp1.000.000; this request has amount Rp1.500.000. If it is the same document, nothing needs doing; if not, use the document's own reference.") {
            _ = try grant("B-00001", ref: "KW-001")
        }
        // The standard amount needs none; a reason given for it is dropped.
        let standard = try grant("B-00003", ref: "KW-003", reason: "tidak perlu alasan")
        #expect(standard.grant.amountReason == nil && standard.entry.memo == "Bantuan modal kerja B-00003 angkatan 2026")
    }

    @Test func aCohortCanHaveItsOwnStandardGrant() throws {
        _ = try f.ops.addCohort(CohortDraft(code: "2027", budgetYear: 2027, grantAmount: Rupiah(2_000_000)))
        _ = try f.ops.addBeneficiary(BeneficiaryDraft(name: "Peserta baru"), enrolIn: ("2027", "jahit", .completed))  // B-00010
        try f.expectRefusal("grant_amount_not_standard",
                            "The grant to B-00010 is Rp1.500.000, not cohort 2027's standard Rp2.000.000. Check the amount (one zero too many?); if it is intended, state why with --amount-reason.") {
            _ = try grant("B-00010", ref: "KW-010", amount: 1_500_000)
        }
        #expect(try grant("B-00010", ref: "KW-010").grant.amount == Rupiah(2_000_000))
        #expect(throws: InputError.self) { _ = try f.ops.addCohort(CohortDraft(code: "2028", grantAmount: Rupiah(0))) }
    }

    @Test func aSecondGrantInAnyCohortNeedsAnException() throws {
        _ = try grant(Fixture.twoCohorts, ref: "KW-001", cohort: "2025")
        try f.expectRefusal("already_paid_in_other_cohort",
                            "B-00009 was already paid a grant in cohort 2025 (entry #2); a grant is paid once per person. If a second grant in cohort 2026 is right, an admin records `bekal grant exception --cohort 2026` with a reason first.") {
            _ = try grant(Fixture.twoCohorts, ref: "KW-002", cohort: "2026")
        }
        let exception = try f.ops.recordGrantException(beneficiary: Fixture.twoCohorts, cohort: "2026",
                                                       reason: "mengulang pelatihan di angkatan 2026, disetujui Kasi", context: ctx)
        let second = try grant(Fixture.twoCohorts, ref: "KW-002", cohort: "2026")
        #expect(second.grant.exceptionID == exception.id)
        // The exception is used up.
        try f.expectRefusal("already_paid",
                            "B-00009 was already paid a grant in cohort 2026 (entry #3); a grant is paid once per person. If a second payment is right, an admin records `bekal grant exception` with a reason first.") {
            _ = try grant(Fixture.twoCohorts, ref: "KW-003", cohort: "2026")
        }
        // A reversed grant does not count.
        _ = try f.ops.reverse(entryID: 2, reason: "dibayar di angkatan yang salah", context: ctx)
        _ = try f.ops.reverse(entryID: 3, reason: "dibayar ulang dengan kuitansi baru", context: ctx)
        #expect(try !grant(Fixture.twoCohorts, ref: "KW-004", cohort: "2025").replayed)
    }

    // MARK: Registered twice

    func register(_ name: String, year: Int?, area: String? = nil, nik: String? = nil, differentFrom: [String] = []) throws -> Beneficiary {
        try f.ops.addBeneficiary(BeneficiaryDraft(name: name, nik: try nik.map { try NIK.parse($0) }, birthYear: year, originArea: area,
                                                  differentFrom: differentFrom), context: ctx)
    }

    @Test func theSameNameAndBirthYearWithoutANIKIsALikelyDuplicate() throws {
        let siti = try register("Siti Aminah", year: 1985, area: "Way Halim")  // B-00010
        #expect(siti.code == "B-00010")
        try f.expectRefusal("likely_duplicate",
                            "B-00010 has the same name and birth year and no NIK to tell them apart: she may be registered already. Check that record; if she is a different person, confirm it with --different-from B-00010.") {
            _ = try register("SITI  aminah.", year: 1985)
        }
        try f.expectRefusal("likely_duplicate",
                            "B-00010 has the same name and birth year and no NIK to tell them apart: she may be registered already. Check that record; if she is a different person, confirm it with --different-from B-00010.") {
            _ = try register("Siti Aminah", year: 1985, area: "way halim", nik: "1871014501850001")
        }
        // Another birth year, another area, or a NIK on both sides: not flagged.
        _ = try register("Siti Aminah", year: 1986)
        let kedaton = try register("Siti Aminah", year: 1985, area: "Kedaton")  // B-00012
        // Without an area she could be either: confirmed as a different person from both, she is
        // registered, and the confirmation kept on her record and in the audit log.
        try f.expectRefusal("likely_duplicate",
                            "B-00012 has the same name and birth year and no NIK to tell them apart: she may be registered already. Check that record; if she is a different person, confirm it with --different-from B-00012.") {
            _ = try register("Siti Aminah", year: 1985, differentFrom: ["B-00010"])
        }
        let other = try register("Siti Aminah", year: 1985, differentFrom: ["B-00010", kedaton.code])
        let kept = try f.store.writer.read { db in
            try String.fetchOne(db, sql: "SELECT distinct_from FROM beneficiary WHERE id = ?", arguments: [other.id])
        }
        #expect(kept == "B-00010 B-00012")
        let audit: [AuditRecord] = try f.store.read { tx in
            try tx.auditRecords(actor: nil, action: "beneficiary.confirmed_distinct", from: nil, to: nil, limit: 10)
        }
        #expect(audit.map(\.subject) == [other.code])
        #expect(audit.map(\.detail) == ["a different person from B-00010, B-00012"])
        // Now there are three: a fourth must be told apart from each.
        try f.expectRefusal("likely_duplicate",
                            "B-00012, \(other.code) have the same name and birth year and no NIK to tell them apart: she may be registered already. Check those records; if she is a different person, confirm it with --different-from B-00012 --different-from \(other.code).") {
            _ = try register("Siti Aminah", year: 1985, differentFrom: ["B-00010"])
        }
        // Two NIKs that differ are two people.
        _ = try register("Rina Wati", year: 1990, nik: "1871014501900001")
        _ = try register("Rina Wati", year: 1990, nik: "1871014501900002")
    }

    @Test func theNameKeyFoldsCaseAccentsPunctuationAndSpaces() {
        #expect(LikelyDuplicate.nameKey("  Siti   Nurhaliza ") == "siti nurhaliza")
        #expect(LikelyDuplicate.nameKey("SITI NURHALIZA.") == "siti nurhaliza")
        #expect(LikelyDuplicate.nameKey("Sití Nurhaliza") == "siti nurhaliza")
        #expect(LikelyDuplicate.nameKey("Siti Nur-haliza") == "siti nur haliza")
        #expect(LikelyDuplicate.nameKey("Siti Nurhalizah") != LikelyDuplicate.nameKey("Siti Nurhaliza"))
    }

    /// A database written before the name key existed gets one for everyone when it is opened.
    @Test func theMigrationGivesEveryoneANameKey() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v3-users")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO beneficiary (name, birth_year, consent_share) VALUES ('SITI  Aminah', 1985, 0), ('Rina', NULL, 0)")
        }
        try Schema.migrator.migrate(queue)
        let keys = try queue.read { db in try String.fetchAll(db, sql: "SELECT name_key FROM beneficiary ORDER BY id") }
        #expect(keys == ["siti aminah", "rina"])
    }
}
