import BekalCore
import Foundation
import Testing

/// The register page and the search read the same on every store: who matches a name, a
/// register number, a code or a NIK; newest registered first; paging; the office book's entries
/// by kuitansi number; and LIKE's own characters (`%`, `_`) typed by a user matched as themselves.
@Suite("Finding people and entries")
struct FindingContractTests {
    static let nik = "3171011501800001"

    static func programme(_ underTest: StoreUnderTest) throws -> Programme {
        let programme = try Programme(underTest)
        let ops = programme.ops
        _ = try ops.addBeneficiary(BeneficiaryDraft(externalRef: "REG_2026/007", name: "Siti Nurhaliza", nik: try NIK.parse(nik),
                                                    birthYear: 1990), enrolIn: ("2026", "tata-boga", .completed))
        _ = try ops.addBeneficiary(BeneficiaryDraft(externalRef: "REG-2026-008", name: "Sîti Aminah", birthYear: 1991))
        _ = try ops.disburseGrant(Programme.grant("B-00001", ref: "KW/2026/001"), context: Programme.context)
        _ = try ops.disburseGrant(Programme.grant("B-00002", ref: "KW/2026/002"), context: Programme.context)
        return programme
    }

    @Test("names, register numbers, codes and NIK find the same people on every store", arguments: StoreUnderTest.all)
    func findsPeople(_ underTest: StoreUnderTest) throws {
        let ops = try Self.programme(underTest).ops
        let everyone = try ops.register(matching: nil, page: 1, pageSize: 2)
        #expect(everyone.total == 5 && everyone.pageCount == 3)
        #expect(everyone.lines.map(\.code) == ["B-00005", "B-00004"], "newest registered first")
        #expect(try ops.register(matching: nil, page: 3, pageSize: 2).lines.map(\.code) == ["B-00001"])
        #expect(try ops.register(matching: nil, page: 9, pageSize: 2).lines.isEmpty)

        // A name, without its accents or case.
        let siti = try ops.register(matching: "SITI", page: 1)
        #expect(siti.lines.map(\.name) == ["Sîti Aminah", "Siti Nurhaliza"])
        #expect(siti.lines[1].cohortCode == "2026" && siti.lines[1].trackName == "Tata Boga" && siti.lines[1].status == .completed)
        #expect(siti.lines[1].hasNIK && !siti.lines[0].hasNIK)
        #expect(siti.lines[0].status == nil, "never enrolled")
        #expect(try ops.register(matching: "nurhal", page: 1).lines.map(\.code) == ["B-00004"])
        // A register number's start, a code, a NIK.
        #expect(try ops.register(matching: "reg-2026", page: 1).lines.map(\.code) == ["B-00005"])
        #expect(try ops.register(matching: "B-00002", page: 1).lines.map(\.code) == ["B-00002"])
        #expect(try ops.register(matching: Self.nik, page: 1).lines.map(\.code) == ["B-00004"])
        #expect(try ops.register(matching: "3171011501800002", page: 1).total == 0)
        // LIKE's wildcards typed by a user are only characters: `_` is not "any one character".
        #expect(try ops.register(matching: "REG_", page: 1).lines.map(\.code) == ["B-00004"])
        #expect(try ops.register(matching: "%", page: 1).total == 0)
        #expect(try ops.register(matching: "R%G", page: 1).total == 0)
    }

    @Test("entries are found by their kuitansi number, newest first, within the office book", arguments: StoreUnderTest.all)
    func findsEntries(_ underTest: StoreUnderTest) throws {
        let store = try Self.programme(underTest).store
        try store.read { tx in
            let book = try #require(try tx.book(code: Book.officeCode))
            let found = try tx.entries(documentRefContaining: "kw/2026", bookID: book.id, limit: 10)
            #expect(found.map(\.documentRef) == ["KW/2026/002", "KW/2026/001"])
            #expect(found.allSatisfy { !$0.postings.isEmpty }, "with their postings")
            #expect(try tx.entries(documentRefContaining: "KW_2026", bookID: book.id, limit: 10).isEmpty)
            #expect(try tx.entries(documentRefContaining: "2026/00", bookID: book.id, limit: 1).count == 1)
            #expect(try tx.entries(documentRefContaining: "%", bookID: book.id, limit: 10).isEmpty)
        }
    }

    @Test("a search is held to its scope: a pendamping finds her caseload only, a monitor nothing", arguments: StoreUnderTest.all)
    func searchScope(_ underTest: StoreUnderTest) throws {
        let ops = try Self.programme(underTest).ops
        let today = try #require(LocalDate(year: 2026, month: 11, day: 25))
        _ = try ops.addWorker(code: "PSM-01", name: "Pendamping Satu")
        _ = try ops.addWorker(code: "PSM-02", name: "Pendamping Dua")
        _ = try ops.assign(worker: "PSM-01", beneficiary: "B-00001", kelompok: nil, from: today)
        _ = try ops.assign(worker: "PSM-02", beneficiary: "B-00002", kelompok: nil, from: today)
        let worker = try #require(try ops.store.read { tx in try tx.worker(code: "PSM-01") })

        let admin = try ops.search("peserta", scope: SearchScope(role: .admin, workerID: nil), asOf: today)
        #expect(admin.people.map(\.code) == ["B-00003", "B-00002", "B-00001"])
        let hers = try ops.search("peserta", scope: SearchScope(role: .pendamping, workerID: worker.id), asOf: today)
        #expect(hers.people.map(\.code) == ["B-00001"], "only her own caseload")
        #expect(hers.entries.isEmpty)
        #expect(try ops.search("KW/2026", scope: SearchScope(role: .pendamping, workerID: worker.id), asOf: today).isEmpty)
        let bendahara = try ops.search("KW/2026/001", scope: SearchScope(role: .bendahara, workerID: nil), asOf: today)
        #expect(bendahara.entries.map(\.documentRef) == ["KW/2026/001"])
        let mitra = try ops.search("peserta", scope: SearchScope(role: .mitra, workerID: nil), asOf: today)
        #expect(mitra.people.isEmpty && mitra.kelompok.isEmpty && mitra.entries.isEmpty)
        #expect(SearchScope(role: .pemantau, workerID: nil).isEmpty)
        #expect(try ops.search("peserta", scope: SearchScope(role: .pemantau, workerID: nil), asOf: today).isEmpty)
        #expect(try ops.search("p", scope: SearchScope(role: .admin, workerID: nil), asOf: today).isEmpty, "one letter finds nothing")
        // A pendamping linked to no worker finds nobody.
        #expect(try ops.search("peserta", scope: SearchScope(role: .pendamping, workerID: nil), asOf: today).isEmpty)
    }
}
