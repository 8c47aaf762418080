import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// The search box in every page's header (`/cari`) and the admin's register (`/registrasi`),
/// on the demo programme (168 women, PSM-01 follows Siti Kurniasih B-00121 and Sri Suryani B-00122).
@Suite struct SearchPageTests {
    /// The names a page lists in its people results.
    static func names(_ body: String) -> [String] {
        body.matches(of: /<strong>([^<]+)<\/strong>(?:<\/a>)? (?:· |<span class="code">)B-\d{5}/).map { String($0.1) }
    }

    @Test func theAdminFindsPeopleKelompokUsahaAndEntriesAndEachLeadsOn() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("admin")
            let home = try await browser.get("/")
            #expect(home.body.contains("action=\"/cari\""), "the search box is in the header")
            let siti = try await browser.get("/cari?q=siti")
            #expect(siti.status == .ok)
            let names = Self.names(siti.body)
            #expect(names.contains("Siti Rahayu") && names.contains("Siti Kurniasih"))
            #expect(names.allSatisfy { $0.lowercased().contains("siti") })
            #expect(siti.body.contains("href=\"/binaan/B-00001\""))
            #expect(!siti.body.contains("<title>Siti"), "no name in the tab list")
            let entry = try await browser.get("/cari?q=SP2D%2F0213")
            #expect(entry.body.contains("<strong>SP2D/0213/LS/DINSOS/2007</strong>"))
            #expect(entry.body.contains("href=\"/jurnal/"))
            let kelompok = try await browser.get("/cari?q=K-0001")
            #expect(kelompok.body.contains("<strong>K-0001</strong> · Kelompok Tata Boga 2007-1"))
            let usaha = try await browser.get("/cari?q=busana")
            #expect(usaha.body.contains("<strong>Busana Siger</strong> · U-0003"))
            let nothing = try await browser.get("/cari?q=zzzzqq")
            #expect(nothing.body.contains("Tidak ada yang cocok dengan “zzzzqq”"))
            let short = try await browser.get("/cari?q=s")
            #expect(short.body.contains("Ketik paling sedikit 2 huruf"))
            #expect(Self.names(short.body).isEmpty)
            // Markup typed into the box is text on the page, never markup.
            let markup = try await browser.get("/cari?q=%3Cscript%3Ex%3C%2Fscript%3E")
            #expect(markup.status == .ok && !markup.body.contains("<script>x</script>"))
        }
    }

    @Test func aPendampingFindsOnlyHerOwnCaseload() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("pendamping1")
            let siti = try await browser.get("/cari?q=siti")
            #expect(Self.names(siti.body) == ["Siti Kurniasih"], "Siti Rahayu (PSM-04's) is not hers to find")
            #expect(siti.body.contains("href=\"/binaan/B-00121\""))
            let entries = try await browser.get("/cari?q=SP2D")
            #expect(!entries.body.contains("SP2D/0213"), "the books are not hers")
            // Another worker's person, by code: not there.
            #expect(Self.names(try await browser.get("/cari?q=B-00001").body).isEmpty)
        }
    }

    @Test func theBendaharaFindsAKuitansiAndAGraduateToPayButOpensNoCaseFile() async throws {
        let f = try WebFixture()
        let dewi = try f.unpaidGraduate()
        try await f.test { browser in
            try await browser.login("bendahara")
            let kw = try await browser.get("/cari?q=KW%2FBMK%2F2007%2F001")
            #expect(kw.body.contains("<strong>KW/BMK/2007/001</strong>"))
            let found = try await browser.get("/cari?q=Dewi+Kartika")
            #expect(Self.names(found.body) == ["Dewi Kartika Uji"])
            #expect(!found.body.contains("href=\"/binaan/"), "the bendahara has no case file to open")
            #expect(found.body.contains("href=\"/hibah/baru?binaan=\(dewi.code)\""))
            let form = try await browser.get("/hibah/baru?binaan=\(dewi.code)")
            #expect(form.body.contains("value=\"\(dewi.code)\" selected") || form.body.contains("value=\"\(dewi.code)\""))
        }
    }

    @Test func aPartnerFindsBusinessesAndNoPerson() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("koperasi")
            let siti = try await browser.get("/cari?q=siti")
            #expect(siti.status == .ok)
            #expect(Self.names(siti.body).isEmpty)
            #expect(!siti.body.contains("Siti Rahayu"))
            let placeholder = try await browser.get("/")
            #expect(placeholder.body.contains("placeholder=\"Cari usaha\""))
        }
        try await f.test { browser in
            try await browser.login("provinsi")
            #expect(!(try await browser.get("/").body.contains("action=\"/cari\"")), "the monitor has no search box")
            #expect(try await browser.get("/cari?q=siti").status == .forbidden)
        }
    }

    @Test func theRegisterPagesThroughEveryoneNewestFirstAndFindsByNIKWithoutShowingIt() async throws {
        let f = try WebFixture()
        let nik = "3171011501800001"
        _ = try f.operations.addBeneficiary(BeneficiaryDraft(externalRef: "BL-2013-001", name: "Wulan Sari Uji", nik: try NIK.parse(nik),
                                                             birthYear: 1990))
        try await f.test { browser in
            try await browser.login("admin")
            let first = try await browser.get("/registrasi")
            #expect(first.status == .ok)
            #expect(first.body.contains("Binaan 1–25 dari 169, terbaru di atas."))
            #expect(Self.names(first.body).first == "Wulan Sari Uji")
            #expect(Self.names(first.body).count == 25)
            #expect(first.body.contains("href=\"/registrasi?hal=2\""))
            #expect(!first.body.contains(nik), "the NIK is never shown")
            let last = try await browser.get("/registrasi?hal=7")
            #expect(last.body.contains("Binaan 151–169 dari 169"))
            #expect(Self.names(last.body).last == "Siti Rahayu", "B-00001 is the oldest")
            #expect(!last.body.contains("rel=\"next\""))
            let byNIK = try await browser.get("/registrasi?q=\(nik)")
            #expect(Self.names(byNIK.body) == ["Wulan Sari Uji"])
            #expect(byNIK.body.contains("NIK tercatat"))
            let list = try #require(byNIK.body.firstMatch(of: /<ul class="cards register-list">[\s\S]*?<\/ul>/)).0
            #expect(!list.contains(nik), "the NIK she typed is in the search box, never in the register")
            let sri = try await browser.get("/registrasi?q=sri")
            #expect(Self.names(sri.body).allSatisfy { $0.lowercased().contains("sri") })
            #expect(Self.names(sri.body).contains("Sri Handayani"))
            let none = try await browser.get("/registrasi?q=zzzzqq")
            #expect(none.body.contains("Tidak ada binaan yang cocok dengan “zzzzqq”."))
            let beyond = try await browser.get("/registrasi?hal=99")
            #expect(beyond.status == .ok && Self.names(beyond.body).isEmpty)
        }
    }
}
