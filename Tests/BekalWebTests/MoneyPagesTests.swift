import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// Every money page and form × every role: admin and bendahara in, pendamping and mitra out
/// (403), except the Koperasi download for mitra; no one signed in goes to the log-in page.
@Suite struct MoneyPagesTests {
    static let pages = [
        "/hibah/baru", "/peralatan/serah", "/jurnal/1", "/jurnal/1/batal", "/tutup-buku",
        "/laporan", "/laporan/neraca-saldo", "/laporan/buku-kas", "/laporan/buku-besar", "/laporan/hibah",
        "/laporan/peralatan", "/laporan/realisasi", "/laporan/anggaran",
        "/laporan/peralatan-posisi", "/laporan/peralatan-rusak", "/laporan/stock-opname",
        "/unduh/keuangan.xlsx", "/unduh/keuangan.csv?lembar=buku-kas", "/unduh/koperasi.xlsx",
    ]
    /// Pages a mitra may open besides her own.
    static let mitraPages: Set<String> = ["/unduh/koperasi.xlsx"]

    static let posts: [(String, [(String, String)])] = [
        ("/hibah/baru", [("beneficiary", "BL-2010-901"), ("ref", "KW/UJI/PERAN"), ("amount", "1.500.000"), ("date", "2013-01-02"), MoneyFormsTests.confirmed]),
        ("/peralatan/serah", [("kelompok", "K-0001"), ("item", "oven"), ("quantity", "1"), ("ref", "BAST/UJI/PERAN"), ("date", "2013-01-02")]),
        ("/jurnal/1/batal", [("reason", "Uji hak akses pembalikan"), ("date", "2013-01-02"), MoneyFormsTests.confirmed]),
        ("/tutup-buku", [("month", "2012-12"), MoneyFormsTests.confirmed]),
    ]

    @Test(arguments: ["admin", "bendahara"])
    func financeRolesOpenEveryMoneyPage(username: String) async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login(username)
            for path in Self.pages {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(username) \(path): \(page.status)")
            }
        }
    }

    @Test(arguments: ["pendamping1", "koperasi"])
    func otherRolesAreRefusedWithA403(username: String) async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login(username)
            for path in Self.pages {
                let page = try await browser.get(path)
                let allowed = username == "koperasi" && Self.mitraPages.contains(path)
                #expect(page.status == (allowed ? .ok : .forbidden), "\(username) \(path): \(page.status)")
                if !allowed { #expect(page.body.contains("Tidak diizinkan"), "\(username) \(path)") }
            }
        }
    }

    @Test(arguments: ["pendamping1", "koperasi"])
    func otherRolesCannotPostMoneyAndNothingIsWritten(username: String) async throws {
        let f = try WebFixture()
        try f.unpaidGraduate()
        let entries = try f.entryCount
        let closings = try f.count("SELECT count(*) FROM period_closing")
        try await f.test { browser in
            try await browser.login(username)
            try await browser.get("/")
            for (path, fields) in Self.posts {
                let page = try await browser.post(path, fields)
                #expect(page.status == .forbidden, "\(username) \(path): \(page.status)")
            }
        }
        #expect(try f.entryCount == entries)
        #expect(try f.count("SELECT count(*) FROM period_closing") == closings)
    }

    @Test func anonymousVisitorsAreSentToTheLoginPage() async throws {
        let f = try WebFixture()
        let entries = try f.entryCount
        try await f.test { browser in
            for path in Self.pages {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.location == "/masuk?lanjut=\(FormData.encode(path))", "\(path)")
            }
            for (path, fields) in Self.posts {
                let page = try await browser.post(path, fields, csrf: "")
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.location?.hasPrefix("/masuk") == true, "\(path)")
            }
        }
        #expect(try f.entryCount == entries)
    }

    @Test func everyMoneyPostWithoutItsFormTokenIsRefusedAndWritesNothing() async throws {
        let f = try WebFixture()
        try f.unpaidGraduate()
        let entries = try f.entryCount
        let closings = try f.count("SELECT count(*) FROM period_closing")
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/hibah/baru")
            for (path, fields) in Self.posts {
                let missing = try await browser.post(path, fields, csrf: "")
                #expect(missing.status == .forbidden, "\(path)")
                #expect(missing.body.contains("Formulir tidak sah"), "\(path)")
                let forged = try await browser.post(path, fields, csrf: String(repeating: "a", count: 64))
                #expect(forged.status == .forbidden, "\(path)")
            }
        }
        #expect(try f.entryCount == entries)
        #expect(try f.count("SELECT count(*) FROM period_closing") == closings)
    }

    @Test func aMissingEntryIsA404() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            #expect(try await browser.get("/jurnal/999999").status == .notFound)
            #expect(try await browser.get("/jurnal/abc").status == .notFound)
            #expect(try await browser.get("/jurnal/999999/batal").status == .notFound)
        }
    }

    @Test func theDashboardListsTheTenLatestEntriesWithTheirReversals() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.contains("Entri terakhir"))
            let rows = home.body.matches(of: /<td><a href="\/jurnal\/(\d+)">#\d+<\/a><\/td>/).map { Int64($0.1)! }
            #expect(rows.count == 10)
            #expect(rows == rows.sorted(by: >))
            #expect(home.body.contains("data-testid=\"saldo-1101\""))
            #expect(home.body.contains("Realisasi Anggaran per Angkatan"))
        }
    }
}
