import BekalCore
import BekalPostgres
import BekalStore
import Foundation
import Testing

/// A woman registered twice, made one person (issue 15), on every store: tried as the careless
/// admin (two NIKs, two enrolments in one cohort, two grants, the paid record named as the
/// duplicate, business still open on it, a merge done twice), and as the insider with the
/// database (a merge rewritten, removed, or chained). Each is refused with nothing written; the
/// merge that goes through leaves one person whose history holds both records'.
@Suite("A person registered twice, merged")
struct PersonMergeTests {
    static let admin = CasePathTests.admin
    static func day(_ text: String) -> LocalDate { CasePathTests.day(text) }
    static let reason = "KTP yang sama terlihat saat kunjungan"

    /// What a refused merge must leave as it was: the merges, the audit log, every assignment.
    static func mergeState(_ programme: Programme) throws -> [String] {
        try programme.store.read { tx in
            var lines: [String] = []
            var id: Int64 = 1
            while let person = try tx.beneficiary(id: id) {
                lines += try tx.personMerges(keptID: person.id).map { "merge \($0.duplicateID)→\($0.keptID)" }
                if let a = try tx.currentAssignment(.beneficiary(person.id)) { lines.append("assigned \(person.id) \(a.workerID)") }
                id += 1
            }
            lines.append("audit \(try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 1000).count)")
            return lines
        }
    }

    @Test("every careless merge is refused with what to do, and writes nothing", arguments: StoreUnderTest.all)
    func refusals(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        let ops = programme.ops
        _ = try ops.addCohort(CohortDraft(code: "2025", trainingStart: Self.day("2025-02-01"), budget: Rupiah(50_000_000), budgetYear: 2025))
        _ = try ops.disburseGrant(Programme.grant("B-00001", ref: "KW-B1"), context: Programme.context)
        let unpaid = try ops.addBeneficiary(BeneficiaryDraft(name: "Belum Dibayar"))                        // B-00004
        let paid = try ops.addBeneficiary(BeneficiaryDraft(name: "Sudah Dibayar"),                          // B-00005
                                          enrolIn: ("2025", "tata-boga", .completed))
        _ = try ops.disburseGrant(Programme.grant(paid.code, ref: "KW-B5"), context: Programme.context)
        let training = try ops.addBeneficiary(BeneficiaryDraft(name: "Masih Latihan"),                    // B-00006
                                              enrolIn: ("2025", "tata-boga", .completed))
        _ = try ops.addKelompok(name: "Kue Basah", cohort: "2025", track: "tata-boga", members: [training.code],
                                joinedOn: Self.day("2025-06-01"), context: Self.admin)
        let withNIK = try ops.addBeneficiary(BeneficiaryDraft(name: "Ber NIK", nik: try NIK.parse("3271014101900001")))   // B-00007
        let otherNIK = try ops.addBeneficiary(BeneficiaryDraft(name: "NIK Lain", nik: try NIK.parse("3271014101900002"))) // B-00008
        let before = try Self.mergeState(programme)
        func merge(_ duplicate: String, into kept: String, reason: String = Self.reason) throws {
            _ = try ops.mergePerson(duplicate: duplicate, into: kept, reason: reason, context: Self.admin)
        }
        #expect(throws: MergeRejection.reasonTooShort(minimumCharacters: 10)) { try merge(unpaid.code, into: "B-00001", reason: "  sama ") }
        #expect(throws: MergeRejection.sameRecord("B-00001")) { try merge("B-00001", into: "b-1") }
        #expect(throws: ProgrammeRejection.notFound(.beneficiary, reference: "B-09999")) { try merge(unpaid.code, into: "B-09999") }
        #expect(throws: MergeRejection.niksDiffer(duplicate: otherNIK.code, kept: withNIK.code)) { try merge(otherNIK.code, into: withNIK.code) }
        #expect(throws: MergeRejection.enrolledInBoth(cohort: "2026")) { try merge("B-00002", into: "B-00001") }
        #expect(throws: MergeRejection.duplicatePaid(duplicate: paid.code, kept: unpaid.code, kuitansi: "KW-B5")) {
            try merge(paid.code, into: unpaid.code)
        }
        #expect(throws: MergeRejection.bothPaid(duplicate: paid.code, kept: "B-00001", kuitansi: ["KW-B5", "KW-B1"])) {
            try merge(paid.code, into: "B-00001")
        }
        #expect(throws: MergeRejection.openBusiness(duplicate: training.code, what: [.unpaidGraduate(cohort: "2025"), .member(kelompok: "K-0001")])) {
            try merge(training.code, into: unpaid.code)
        }
        let refusal = MergeRejection.openBusiness(duplicate: training.code, what: [.inTraining(cohort: "2025")])
        #expect(refusal.message.contains("record her graduation or drop-out") && !refusal.message.contains("Masih Latihan"))
        #expect(try Self.mergeState(programme) == before, "a refused merge writes nothing")
    }

    @Test("after a merge there is one person: the duplicate's code is refused, her history holds both, the register lists one",
          arguments: StoreUnderTest.all)
    func onePersonAfterwards(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        let ops = programme.ops
        _ = try ops.addCohort(CohortDraft(code: "2025", trainingStart: Self.day("2025-02-01"), budget: Rupiah(0), budgetYear: 2025))
        _ = try ops.disburseGrant(Programme.grant("B-00001", ref: "KW-B1"), context: Programme.context)
        // She was registered again for the 2025 cohort, left it, and a worker was given her case.
        let twice = try ops.addBeneficiary(BeneficiaryDraft(name: "Peserta Satu", nik: try NIK.parse("3271014101900009")),
                                           enrolIn: ("2025", "tata-boga", .enrolled))
        _ = try ops.setEnrolmentStatus(beneficiary: twice.code, cohort: "2025", status: .droppedOut, on: Self.day("2025-03-01"),
                                       reason: .other, reasonText: "terdaftar dua kali", context: Self.admin)
        _ = try ops.changeConsent(beneficiary: twice.code, kind: .shareBusiness, given: true, on: Self.day("2025-02-10"), context: Self.admin)
        _ = try ops.addWorker(code: "PSM-01", name: "Pendamping Satu")
        _ = try ops.assign(worker: "PSM-01", beneficiary: twice.code, kelompok: nil, from: Self.day("2025-02-15"), context: Self.admin)
        let registered = try ops.store.read { tx in try tx.registerPage(.everyone, limit: 50, offset: 0).total }

        let result = try ops.mergePerson(duplicate: twice.code, into: "B-00001", reason: "  " + Self.reason + " ", context: Self.admin)
        #expect(result.merge.duplicateCode == twice.code && result.merge.keptCode == "B-00001" && result.merge.reason == Self.reason)
        #expect(result.endedAssignment == "PSM-01", "her duplicate's own assignment ends with the merge")
        try ops.store.read { (tx: any StoreTransaction) throws -> Void in
            #expect(try tx.currentAssignment(.beneficiary(twice.id)) == nil)
            // The register lists her once; her code and her NIK still find the duplicate (its page leads on).
            #expect(try tx.registerPage(.everyone, limit: 50, offset: 0).total == registered - 1)
            #expect(try tx.registerPage(.text(nameKey: "peserta", reference: "peserta"), limit: 50, offset: 0).people.map(\.code)
                    == ["B-00003", "B-00002", "B-00001"])
            #expect(try tx.registerPage(.code(id: twice.id, reference: twice.code), limit: 50, offset: 0).people.map(\.code) == [twice.code])
            #expect(try Resolve.person(twice.code, in: tx).code == "B-00001")
        }
        // Nothing new is recorded on the duplicate's code; the refusal names the code to use.
        let refusal = MergeRejection.merged(beneficiary: twice.code, into: "B-00001", on: Self.day("2026-11-25"))
        #expect(throws: refusal) {
            try ops.changeConsent(beneficiary: twice.code, kind: .shareBusiness, given: false, on: nil, context: Self.admin)
        }
        #expect(throws: refusal) { try ops.disburseGrant(Programme.grant(twice.code, ref: "KW-X"), context: Programme.context) }
        #expect(throws: refusal) { try ops.mergePerson(duplicate: twice.code, into: "B-00002", reason: Self.reason, context: Self.admin) }
        #expect(throws: refusal) { try ops.mergePerson(duplicate: "B-00002", into: twice.code, reason: Self.reason, context: Self.admin) }
        #expect(throws: MergeRejection.holdsMerges(duplicate: "B-00001", merged: [twice.code])) {
            try ops.mergePerson(duplicate: "B-00001", into: "B-00003", reason: Self.reason, context: Self.admin)
        }
        // Her history, by either code: both records', each event of the duplicate marked, and the merge.
        for code in ["B-00001", twice.code] {
            let history = try ops.personHistory(beneficiary: code, withOutcomes: false, context: Self.admin)
            #expect(history.code == "B-00001" && history.mergedCodes == [twice.code])
            let texts = history.events.map(\.text)
            #expect(texts.contains { $0.contains("kuitansi KW-B1") && !$0.contains("[") }, "her own record's events are not marked")
            #expect(texts.contains("Angkatan 2025, Tata Boga [\(twice.code)]"))
            #expect(texts.contains { $0.hasPrefix("Angkatan 2025: keluar") && $0.hasSuffix("[\(twice.code)]") })
            #expect(texts.contains { $0.hasPrefix("Berbagi data usaha dengan mitra diberikan") && $0.hasSuffix("[\(twice.code)]") })
            #expect(history.events.contains { $0.kind == .merge && $0.text.contains(Self.reason) && $0.date == Self.day("2026-11-25") })
            #expect(history.table.title == "Riwayat B-00001 (digabung dengan \(twice.code))")
        }
        // The audit log names the two records, never the reason (it may describe her).
        let audit = try ops.store.read { tx in try tx.auditRecords(actor: nil, action: "beneficiary.merge", from: nil, to: nil, limit: 10) }
        #expect(audit.count == 1 && audit[0].subject == "B-00001" && audit[0].detail.contains(twice.code) && !audit[0].detail.contains("KTP"))
        #expect(try programme.verify().isValid)
    }

    @Test("an insider cannot rewrite, remove or chain a merge", arguments: StoreUnderTest.all)
    func insider(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        let ops = programme.ops
        let again = try ops.addBeneficiary(BeneficiaryDraft(name: "Peserta Dua Lagi"))
        _ = try ops.mergePerson(duplicate: again.code, into: "B-00002", reason: Self.reason, context: Self.admin)
        for sql in ["UPDATE person_merge SET kept_id = 1", "DELETE FROM person_merge",
                    // Chains: the kept record merged away, a merged record kept, a record merged into itself, no reason.
                    "INSERT INTO person_merge (duplicate_id, kept_id, on_date, reason, actor, recorded_at) VALUES (2, 1, '2026-11-25', 'sama orangnya', 'x', 'x')",
                    "INSERT INTO person_merge (duplicate_id, kept_id, on_date, reason, actor, recorded_at) VALUES (1, 4, '2026-11-25', 'sama orangnya', 'x', 'x')",
                    "INSERT INTO person_merge (duplicate_id, kept_id, on_date, reason, actor, recorded_at) VALUES (1, 1, '2026-11-25', 'sama orangnya', 'x', 'x')",
                    "INSERT INTO person_merge (duplicate_id, kept_id, on_date, reason, actor, recorded_at) VALUES (1, 2, '2026-11-25', 'sama', 'x', 'x')"] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(programme.store, sql) }
        }
        #expect(try ops.store.read { tx in try tx.personMerges(keptID: 2).map(\.duplicateID) } == [again.id])
        #expect(try programme.verify().isValid)
    }
}
