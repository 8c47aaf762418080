import BekalCore
import BekalStore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/rekap`: the roll-up across offices for the province's or the ministry's monitor: totals
/// only, its reading audited in each office's log, and nothing else of the app open to her.
@Suite struct RollupPageTests {
    @Test func theMonitorSeesTheOfficesTotalsAndNoPerson() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            #expect(try await browser.login("provinsi").status == .seeOther)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.contains("Rekapitulasi antar kantor") && home.body.contains("Neraca saldo gabungan"))
            // The demo office's 156 grants and its cash account, summed.
            #expect(home.body.contains("156") && home.body.contains("Kas di Bendahara Pengeluaran"))
            #expect(home.body.firstMatch(of: /B-\d{5}/) == nil, "a beneficiary's code on the roll-up")
            #expect(home.body.firstMatch(of: /K-\d{4}|U-\d{4}/) == nil, "a kelompok's or usaha's code on the roll-up")
            try f.expectNoPersonalData(home.body)
            // Her menu holds the roll-up only.
            #expect(!home.body.contains("href=\"/usaha\"") && !home.body.contains("href=\"/laporan\""))
            #expect(try await browser.get("/usaha").status == .forbidden)
        }
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'report.rollup' AND actor = 'web:provinsi'") == 1)
    }

    @Test func theRollupAddsEveryOfficeItIsGiven() async throws {
        // Two offices: this one and a second, empty one (a new district not yet started).
        let second = try SQLiteStore()
        _ = try Operations(store: second).initialise(officeName: "Dinas Sosial Kabupaten Baru")
        var configuration = WebConfiguration.admin()
        let f = try WebFixture(configuration: configuration)
        configuration.rollupOffices = RollupOffices { [store = f.store] in
            [(try Office(code: "kota", name: "Dinas Sosial Kota"), Operations(store: store)),
             (try Office(code: "baru", name: "Dinas Sosial Kabupaten Baru"), Operations(store: second))]
        }
        let g = try WebFixture(store: f.store, configuration: configuration)
        try await g.test { browser in
            try await browser.login("provinsi")
            let page = try await browser.get("/rekap")
            #expect(page.status == .ok)
            #expect(page.body.contains("Dinas Sosial Kabupaten Baru") && page.body.contains("Jumlah 2 kantor"))
        }
    }
}

/// The roll-up's captions read their date as officers do (the CSV keeps the ISO date).
@Suite struct RollupCaptionTests {
    @Test func theCaptionsSayTheDateInIndonesian() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("provinsi")
            let page = try await browser.get("/rekap")
            #expect(page.status == .ok)
            #expect(page.body.contains("per 2 Jan 2013"))
            #expect(!page.body.contains("per 2013-01-02"))
        }
    }
}
