import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// The finance reports as pages, a bad filter as a 422 page in Indonesian, and the downloads:
/// real files, each with one audit record.
@Suite struct MoneyReportsTests {
    @Test func theIndexLinksEveryReport() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            let index = try await browser.get("/laporan")
            for slug in ["neraca-saldo", "buku-kas", "buku-bank", "buku-besar", "hibah", "peralatan", "realisasi"] {
                #expect(index.body.contains("href=\"/laporan/\(slug)\""), "\(slug)")
            }
            #expect(index.body.contains("href=\"/unduh/keuangan.xlsx\""))
        }
    }

    @Test(arguments: [
        ("/laporan/neraca-saldo", "Neraca Saldo"),
        ("/laporan/buku-kas?dari=2012-01-01&sampai=2012-12-31", "Buku Kas Umum · Kas Tunai · 1101"),
        ("/laporan/buku-bank", "Buku Kas Umum · Bank · 1102"),
        ("/laporan/buku-besar?akun=5101&dari=2007-01-01", "Buku Besar KANTOR 5101"),
        ("/laporan/hibah?angkatan=2008", "Register Bantuan Modal Kerja"),
        ("/laporan/peralatan?kelompok=K-0001", "Register Bantuan Peralatan per Kelompok · K-0001"),
        ("/laporan/realisasi", "Realisasi Anggaran per Angkatan"),
        ("/laporan/anggaran", "Realisasi Anggaran per Sumber Dana 2012"),
        ("/laporan/anggaran?tahun=2010", "Realisasi Anggaran per Sumber Dana 2010"),
    ])
    func eachReportRendersItsTable(path: String, caption: String) async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            let page = try await browser.get(path)
            #expect(page.status == .ok, "\(path)")
            #expect(page.body.contains("<caption>\(caption)"), "\(path)")
            #expect(page.body.contains("Rp"), "\(path)")
            #expect(page.body.contains("<tfoot>"), "\(path): the totals are shown")
        }
    }

    /// The 2012 DPA of the demo: the aftercare line went past its pagu under the head of
    /// office's exception, and shows it; the earlier years' money is booked against no line.
    @Test func budgetUsePerSourceShowsTheLinesTheExceptionAndTheUnlinedMoney() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            let page = unescape(try await browser.get("/laporan/anggaran").body)
            #expect(page.contains("APBD Kabupaten/Kota") && page.contains("APBD Provinsi"))
            #expect(page.contains("5.1.02.02.01.0026") && page.contains("Belanja Jasa Pendampingan dan Pemasaran Usaha Binaan"))
            #expect(page.contains("Rp1.500.000") && page.contains("-Rp1.250.000") && page.contains("120,8%"))
            #expect(page.contains("Jumlah APBD Provinsi"))
            let earlier = unescape(try await browser.get("/laporan/anggaran?tahun=2010").body)
            #expect(earlier.contains("(tanpa mata anggaran)") && earlier.contains("Rp95.000.000"))
        }
    }

    /// The demo's 2010 targets: met, not met, and the share not returned that the outcomes known
    /// so far cannot settle; a year without cohorts is refused next to the filter.
    @Test func thePerformanceReportShowsTargetsMetAndNot() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("kepala")
            let page = unescape(try await browser.get("/kinerja?tahun=2010").body)
            #expect(page.contains("<caption>Laporan Kinerja Program 2010"))
            for phrase in ["Efektivitas", "Efisiensi", "Responsivitas", "Produktivitas", "Kesetaraan", "Akuntabilitas",
                           "Tercapai", "Belum tercapai", "Belum pasti", "Biaya per lulusan yang tidak kembali"] {
                #expect(page.contains(phrase), "\(phrase)")
            }
            #expect(!page.contains("pekerja seks"))
            // The charts: the shares against their targets, and the equity groups' ranges.
            #expect(page.contains("<title id=\"grafik-kinerja-judul\">Capaian indikator kinerja 2010</title>") && page.contains("id=\"grafik-kesetaraan-judul\""))
            #expect(page.contains("Usaha berjalan 12 bulan setelah bantuan · 20,0% s.d. 100,0% · target 60,0% · Belum pasti"))
            let refused = try await browser.get("/kinerja?tahun=1990")
            #expect(refused.status == .unprocessableContent)
            #expect(unescape(refused.body).contains("Tahun \"1990\" tidak punya angkatan"))
        }
    }

    @Test func theCashBookShowsMoneyAndDatesAsOfficersWriteThem() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            let page = try await browser.get("/laporan/buku-kas?dari=2007-01-01&sampai=2007-12-31")
            #expect(page.body.contains("19 Feb 2007"))
            #expect(page.body.contains("Rp120.000.000"))
            #expect(page.body.contains("href=\"/unduh/keuangan.csv?lembar=buku-kas&amp;dari=2007-01-01&amp;sampai=2007-12-31\""))
        }
    }

    @Test(arguments: [
        ("/laporan/buku-kas?dari=2012-13-01", "dari", "Tanggal awal \"2012-13-01\" tidak ada di kalender"),
        ("/laporan/buku-kas?dari=kemarin", "dari", "Tanggal awal \"kemarin\" bukan tanggal"),
        ("/laporan/buku-kas?dari=2012-06-01&sampai=2012-01-31", "sampai", "lebih awal dari tanggal awal 1 Jun 2012"),
        ("/laporan/buku-besar?akun=9999", "akun", "Akun \"9999\" tidak ditemukan"),
        ("/laporan/buku-besar?akun=1101&sampai=31-12-2012", "sampai", "Tanggal akhir \"31-12-2012\" bukan tanggal"),
        ("/laporan/hibah?angkatan=1999", "angkatan", "Angkatan \"1999\" tidak ditemukan"),
        ("/laporan/peralatan?kelompok=K-9999", "kelompok", "Kelompok \"K-9999\" tidak ditemukan"),
    ])
    func aBadFilterIsShownInIndonesianWith422(path: String, field: String, phrase: String) async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            let page = try await browser.get(path)
            #expect(page.status == .unprocessableContent, "\(path)")
            let message = fieldError(page.body, field)
            #expect(message?.contains(phrase) == true, "\(path): \(message ?? "-")")
            #expect(!page.body.contains("<table>"), "no table for a refused filter")
            #expect(!page.body.contains("/unduh/keuangan.csv"))
        }
    }

    @Test func theFinanceWorkbookIsARealXlsxAndItsDownloadIsAudited() async throws {
        let f = try WebFixture()
        let audits = try f.auditCount
        try await f.test { browser in
            try await browser.login("bendahara")
            let file = try await browser.get("/unduh/keuangan.xlsx")
            #expect(file.status == .ok)
            #expect(file.body.hasPrefix("PK"))
            #expect(file.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"keuangan-2013-01-02.xlsx\"")
            #expect(file.headers[.cacheControl] == "no-store")
        }
        #expect(try f.auditCount == audits + 1)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE actor = 'web:bendahara' AND action = 'export.keuangan'") == 1)
    }

    @Test(arguments: ["koperasi", "bendahara", "admin"])
    func theKoperasiRegisterIsARealXlsxAndItsDownloadIsAudited(username: String) async throws {
        let f = try WebFixture()
        let audits = try f.auditCount
        try await f.test { browser in
            try await browser.login(username)
            let file = try await browser.get("/unduh/koperasi.xlsx")
            #expect(file.status == .ok)
            #expect(file.body.hasPrefix("PK"))
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"koperasi-2013-01-02.xlsx\"")
        }
        #expect(try f.auditCount == audits + 1)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE actor = 'web:\(username)' AND action = 'export.koperasi'") == 1)
    }

    @Test func aReportsCsvIsOneAuditedSheetOfTheFinanceWorkbook() async throws {
        let f = try WebFixture()
        let audits = try f.auditCount
        try await f.test { browser in
            try await browser.login("bendahara")
            let file = try await browser.get("/unduh/keuangan.csv?lembar=buku-kas&dari=2007-01-01&sampai=2007-12-31")
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(file.body.hasPrefix("Tanggal,No. BKU,No. Bukti"))
            #expect(file.body.contains("SP2D/0213/LS/DINSOS/2007"))
            #expect(!file.body.contains("SP2D/0341/LS/DINSOS/2008"))
            let bad = try await browser.get("/unduh/keuangan.csv?lembar=buku-kas&dari=2007-02-30")
            #expect(bad.status == .unprocessableContent)
            #expect(unescape(bad.body).contains("Tanggal awal \"2007-02-30\" tidak ada di kalender"))
            #expect(try await browser.get("/unduh/keuangan.csv?lembar=realisasi").status == .notFound)
        }
        #expect(try f.auditCount == audits + 1)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'export.keuangan' AND detail LIKE 'format=csv%'") == 1)
    }
}

/// The cash book and the general ledger open on the current month when opened from the menu.
@Suite struct BooksOpenOnThisMonthTests {
    @Test func theCashBookOpensOnTheCurrentMonthAndKeepsAFilterTheOfficerChose() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            for path in ["/laporan/buku-kas", "/laporan/buku-bank", "/laporan/buku-besar"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains("value=\"2013-01-01\"") && page.body.contains("value=\"2013-01-02\""), "\(path) opens on January 2013")
            }
            // Emptied on purpose: the whole book.
            let all = try await browser.get("/laporan/buku-kas?dari=&sampai=")
            #expect(!all.body.contains("value=\"2013-01-01\""))
        }
    }
}
