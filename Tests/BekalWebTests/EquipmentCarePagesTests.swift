import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// Equipment after issue in the browser (issue 16, part 4), on the demo: where every item is,
/// the broken items that are still work for the office, the year-end stock-take, and the
/// register's note of the machine moved between kelompok. Items read by name, never by code.
@Suite struct EquipmentCarePagesTests {
    @Test func whereaboutsBrokenItemsAndTheStockTakeRead() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            let index = try await browser.get("/laporan")
            for slug in ["peralatan-posisi", "peralatan-rusak", "stock-opname"] {
                #expect(index.body.contains("href=\"/laporan/\(slug)\""), "\(slug)")
            }
            let whereabouts = try await browser.get("/laporan/peralatan-posisi?barang=mesin-jahit")
            #expect(whereabouts.status == .ok)
            #expect(whereabouts.body.contains("<caption>Posisi Peralatan"))
            #expect(whereabouts.body.contains("Gudang kantor") && whereabouts.body.contains("Mesin jahit"))
            #expect(!whereabouts.body.contains(">mesin-jahit<"))
            // K-0046 gave one of its four machines to K-0047: three each now.
            #expect(row(whereabouts.body, "K-0046")?.contains(">3<") == true, "\(row(whereabouts.body, "K-0046") ?? "-")")
            #expect(row(whereabouts.body, "K-0047")?.contains(">3<") == true)

            let broken = try await browser.get("/laporan/peralatan-rusak")
            #expect(broken.status == .ok)
            #expect(broken.body.contains("<caption>Peralatan Rusak atau Hilang yang Belum Ditindaklanjuti"))
            // The repaired machine (K-0048) and the written-off oven (K-0033) are answered; K-0013's is not.
            #expect(row(broken.body, "K-0013") != nil)
            #expect(row(broken.body, "K-0048") == nil && row(broken.body, "K-0033") == nil)
            #expect(row(broken.body, "K-0043") != nil, "the 2010 oven found broken in June 2012 is still open")

            let counts = try await browser.get("/laporan/stock-opname?nomor=BA%2FSTOCK-OPNAME%2F2012")
            #expect(counts.status == .ok)
            #expect(counts.body.contains("<caption>Hasil Stock Opname Peralatan"))
            #expect(counts.body.contains("Mesin obras") && counts.body.contains(">-1<"))

            let register = try await browser.get("/laporan/peralatan?kelompok=K-0047")
            #expect(register.body.contains("Mutasi dari K-0046: Anggota aktif kelompok 2010-1 tinggal dua"))

            let unknown = try await browser.get("/laporan/stock-opname?nomor=SO-404")
            #expect(unknown.status == .unprocessableContent)
            #expect(fieldError(unknown.body, "nomor")?.contains("SO-404") == true, "\(fieldError(unknown.body, "nomor") ?? "-")")
        }
    }

    /// The table row whose first cell is `first`, if any.
    func row(_ body: String, _ first: String) -> String? {
        body.components(separatedBy: "<tr").first { $0.contains(">\(first)<") }
    }
}
