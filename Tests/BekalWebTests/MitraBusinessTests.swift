import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/usaha` and `/usaha/{code}`: the partner's register, built from the Koperasi profile's rows,
/// with no name given without consent, no NIK, no outcome, whereabouts or visit note.
@Suite struct MitraBusinessTests {
    /// A woman who agreed to share her business and the name "Bu Wulan", with a NIK on file,
    /// running a salon of her own; added to the demo for these tests.
    struct Consenting {
        let usaha: String
        let name = "Wulandari Prameswari"
        let nik = "3171045506870001"
        let consentName = "Bu Wulan"
    }

    static func addConsentingOwner(to f: WebFixture) throws -> Consenting {
        let operations = Operations(store: f.store)
        let sample = Consenting(usaha: "")
        let person = try operations.addBeneficiary(
            BeneficiaryDraft(externalRef: "BL-2010-900", name: sample.name, nik: try NIK.parse(sample.nik), birthYear: 1987,
                             kelurahan: "Kedaton", consentShare: true, consentName: sample.consentName),
            enrolIn: (cohort: "2010", track: "salon", status: .completed))
        let usaha = try operations.addUsaha(UsahaDraft(ownerBeneficiary: person.code, product: "Rias pengantin", brand: "Wulan Rias",
                                                       location: "Kedaton", kelurahan: "Kedaton"))
        return Consenting(usaha: usaha.code)
    }

    /// Words that would tell a partner about a woman rather than a business.
    static let forbiddenWords: [String] = Whereabouts.allCases.map(\.label) + OutcomeState.allCases.map(\.label)
        + ["moved_within_city", "went_home_to_village", "unreachable", "not_returned", "lost_to_follow_up", "returned",
           "kembali", "hilang kontak", "pekerja seks"]

    /// Fails if a page for a partner shows personal data: a full name, a NIK, 16 digits, an
    /// outcome or whereabouts word, or a visit note.
    static func expectNothingPersonal(_ body: String, in f: WebFixture, notes: [String],
                                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        try f.expectNoPersonalData(body, sourceLocation: sourceLocation)
        let text = body.lowercased()
        for word in forbiddenWords {
            #expect(!text.contains(word.lowercased()), "\(word)", sourceLocation: sourceLocation)
        }
        for note in notes { #expect(!body.contains(note), "a visit note", sourceLocation: sourceLocation) }
    }

    /// Every visit note and need long enough to be recognised, from the usaha visits.
    static func visitNotes(_ f: WebFixture) throws -> [String] {
        try f.store.read { tx in
            var notes: [String] = []
            try tx.forEachUsahaVisit(usahaID: nil) { visit in
                if let note = visit.notes, note.count >= 10 { notes.append(note) }
            }
            return notes
        }
    }

    static func register(_ f: WebFixture) throws -> Table {
        let asOf = LocalDate(WebFixture.now, in: TimeZone(identifier: "Asia/Jakarta")!)
        return try f.store.read { tx in try KoperasiProfile.register(from: tx, asOf: asOf) }
    }

    @Test func theRegisterHasExactlyTheKoperasiProfileRowsAndNothingPersonal() async throws {
        let f = try WebFixture(configuration: .admin())
        let consenting = try Self.addConsentingOwner(to: f)
        let register = try Self.register(f)
        let notes = try Self.visitNotes(f)
        try await f.test { browser in
            try await browser.login("koperasi")
            let page = try await browser.get("/usaha")
            #expect(page.status == .ok)
            let shown = page.body.matches(of: /<a href="\/usaha\/(U-\d{4})">/).map { String($0.1) }
            #expect(shown == register.rows.map { row in if case .text(let code) = row[0] { code } else { "" } })
            #expect(shown.contains(consenting.usaha))
            for column in KoperasiProfile.Column.allCases { #expect(page.body.contains(">\(column.column.title)</th>")) }
            #expect(page.body.contains(consenting.consentName), "a name shared with consent is shown")
            #expect(page.body.contains("Rp1.500.000") || page.body.contains("Rp0"))
            #expect(page.body.contains("href=\"/unduh/koperasi.xlsx\""))
            try Self.expectNothingPersonal(page.body, in: f, notes: notes)
            #expect(!page.body.contains(consenting.name) && !page.body.contains(consenting.nik))
        }
    }

    @Test func aBusinessPageShowsItsRegisterRowSalesAndEquipmentOnly() async throws {
        let f = try WebFixture(configuration: .admin())
        _ = try Self.addConsentingOwner(to: f)
        let register = try Self.register(f)
        let notes = try Self.visitNotes(f)
        #expect(register.rows.count >= 2)
        try await f.test { browser in
            try await browser.login("koperasi")
            for row in register.rows {
                guard case .text(let code) = row[0] else { continue }
                let page = try await browser.get("/usaha/\(code)")
                #expect(page.status == .ok, "\(code)")
                for column in KoperasiProfile.Column.allCases { #expect(page.body.contains("<dt>\(column.column.title)</dt>"), "\(code)") }
                #expect(page.body.contains("Penjualan per bulan") && page.body.contains("Kondisi peralatan"))
                try Self.expectNothingPersonal(page.body, in: f, notes: notes)
            }
        }
    }

    @Test func aBusinessThatIsNotSharedHasNoPage() async throws {
        let f = try WebFixture(configuration: .admin())
        // Every demo business is shared; one more whose owner did not agree.
        let owner = try f.operations.addBeneficiary(BeneficiaryDraft(name: "Tanpa Izin Uji", birthYear: 1980))
        _ = try f.operations.addUsaha(UsahaDraft(ownerBeneficiary: owner.code, product: "Warung uji tanpa izin"))
        let register = try Self.register(f)
        let listed = Set(register.rows.compactMap { row -> String? in if case .text(let code) = row[0] { code } else { nil } })
        let usahas = try f.count("SELECT count(*) FROM usaha")
        let unshared = (1...usahas).map { "U-" + String(repeating: "0", count: 4 - String($0).count) + String($0) }
            .filter { !listed.contains($0) }
        #expect(!unshared.isEmpty, "the demo has businesses whose owners did not agree to share")
        try await f.test { browser in
            try await browser.login("koperasi")
            let list = try await browser.get("/usaha")
            for code in unshared {
                #expect(!list.body.contains(code), "\(code)")
                let page = try await browser.get("/usaha/\(code)")
                #expect(page.status == .notFound, "\(code)")
            }
            #expect(try await browser.get("/usaha/U-9999").status == .notFound)
            #expect(try await browser.get("/usaha/bukan-kode").status == .notFound)
        }
    }

    @Test func theDashboardCountsTheRegisterAndLinksToIt() async throws {
        let f = try WebFixture(configuration: .admin())
        let register = try Self.register(f)
        try await f.test { browser in
            try await browser.login("koperasi")
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            #expect(AdminOutcomeTests.count("usaha", in: page.body) == register.rows.count)
            #expect(page.body.contains("href=\"/usaha\"") && page.body.contains("href=\"/unduh/koperasi.xlsx\""))
            try Self.expectNothingPersonal(page.body, in: f, notes: [])
        }
    }

    @Test func viewingTheRegisterIsNotOutcomeDataAndWritesNoAudit() async throws {
        let f = try WebFixture(configuration: .admin())
        let before = try f.auditCount
        try await f.test { browser in
            try await browser.login("koperasi")
            try await browser.get("/usaha")
            try await browser.get("/")
        }
        #expect(try f.auditCount == before)
    }

    @Test func everyRoleWithTheBusinessViewSeesItAndAnonymousSignsInFirst() async throws {
        let f = try WebFixture(configuration: .admin())
        for (username, download) in [("admin", true), ("bendahara", true), ("pendamping1", false), ("koperasi", true)] {
            try await f.test { browser in
                try await browser.login(username)
                let list = try await browser.get("/usaha")
                #expect(list.status == .ok, "\(username)")
                #expect(list.body.contains("href=\"/unduh/koperasi.xlsx\"") == download, "\(username): the download only where the role may")
                #expect(try await browser.get("/usaha/U-0001").status == .ok, "\(username)")
            }
        }
        try await f.test { browser in
            let page = try await browser.get("/usaha/U-0001")
            #expect(page.status == .seeOther)
            #expect(page.location == "/masuk?lanjut=%2Fusaha%2FU-0001")
        }
    }
}
