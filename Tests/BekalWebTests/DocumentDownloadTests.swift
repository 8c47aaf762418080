import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// The office's paper from the web app: a grant's kuitansi and an equipment issue's BAST from
/// the entry's page (audited), and a closed month's berita acara penutupan kas.
@Suite struct DocumentDownloadTests {
    @Test func theBendaharaPrintsAGrantsKuitansiFromItsEntry() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            let page = try await browser.get("/jurnal/26")
            #expect(page.body.contains("href=\"/jurnal/26/kuitansi.pdf\""))
            let pdf = try await browser.get("/jurnal/26/kuitansi.pdf")
            #expect(pdf.status == .ok && pdf.body.hasPrefix("%PDF-"))
            #expect(!(try await browser.get("/jurnal/1").body.contains("kuitansi.pdf")), "a budget receipt has no kuitansi")
        }
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'document.kuitansi' AND actor = 'web:bendahara'") == 1)
    }

    @Test func theBendaharaPrintsAnEquipmentIssuesBAST() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            #expect(try await browser.get("/jurnal/4").body.contains("href=\"/jurnal/4/bast.pdf\""))
            let pdf = try await browser.get("/jurnal/4/bast.pdf")
            #expect(pdf.status == .ok && pdf.body.hasPrefix("%PDF-"))
        }
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'document.bast' AND subject = 'K-0001'") == 1)
    }

    @Test func aClosedMonthsCashClosingReportIsItsPDF() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            #expect(try await browser.get("/tutup-buku/2012-11/berita-acara.pdf").status == .notFound, "not closed yet")
            try await browser.get("/tutup-buku")
            let closed = try await browser.post("/tutup-buku", [("month", "2012-11"), ("konfirmasi", "ya")])
            #expect(closed.status == .seeOther)
            #expect(try await browser.get("/tutup-buku").body.contains("href=\"/tutup-buku/2012-11/berita-acara.pdf\""))
            let pdf = try await browser.get("/tutup-buku/2012-11/berita-acara.pdf")
            #expect(pdf.status == .ok && pdf.body.hasPrefix("%PDF-"))
        }
    }
}
