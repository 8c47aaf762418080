import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// The Buku Kas Umum of the month a cash book page shows, as the PDF the bendahara submits
/// (`/laporan/bku/{YYYY-MM}.pdf`); a month that is not one, or is still to come, is not found.
@Suite struct BKUDownloadTests {
    @Test func theCashBookPageLinksItsMonthsBKUAsPDF() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            let page = try await browser.get("/laporan/buku-kas?dari=2012-11-01&sampai=2012-11-30")
            #expect(page.body.contains("href=\"/laporan/bku/2012-11.pdf\"") && page.body.contains("Cetak BKU (PDF)"))
            #expect(try await browser.get("/laporan/buku-bank?dari=2010-03-05&sampai=2010-12-31").body
                .contains("href=\"/laporan/bku/2010-03.pdf\""))
            // Opened from the menu: this month (the fixture's today is 2 January 2013).
            #expect(try await browser.get("/laporan/buku-kas").body.contains("href=\"/laporan/bku/2013-01.pdf\""))
            let pdf = try await browser.get("/laporan/bku/2012-11.pdf")
            #expect(pdf.status == .ok && pdf.body.hasPrefix("%PDF-"))
            for missing in ["/laporan/bku/2013-02.pdf", "/laporan/bku/2012-11", "/laporan/bku/2012-1.pdf", "/laporan/bku/november.pdf"] {
                #expect(try await browser.get(missing).status == .notFound, "\(missing)")
            }
        }
    }
}
