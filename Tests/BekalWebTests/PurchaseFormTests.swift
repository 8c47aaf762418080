import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/peralatan/beli`: equipment bought from the browser fills the store room that the hand-over
/// form then offers; once per nota; each refusal at its rows, nothing written.
@Suite struct PurchaseFormTests {
    @Test func aPurchaseIsRecordedOnceAndTheStockIsOfferedForTheHandOver() async throws {
        let f = try WebFixture()
        let entries = try f.entryCount
        let stockBefore = try f.count("SELECT coalesce(sum(s.quantity), 0) FROM equipment_stock s JOIN equipment_item i ON i.id = s.item_id WHERE i.code = 'oven'")
        let kit = [("item", "oven"), ("quantity", "2"), ("unitCost", "1.650.000"), ("item", ""), ("quantity", ""), ("unitCost", ""),
                   ("ref", "NOTA/TB-MAJU/2013/07"), ("date", "2013-01-02"), ("paidFrom", "cash"), ("memo", "Toko Maju")]
        try await f.test { browser in
            try await browser.login("bendahara")
            let form = try await browser.get("/peralatan/beli")
            #expect(form.status == .ok && form.body.contains("name=\"unitCost\""))
            let bought = try await browser.post("/peralatan/beli", kit)
            #expect(bought.status == .seeOther && bought.location == "/peralatan/beli")
            let id = try f.count("SELECT max(id) FROM journal_entry")
            let next = try await browser.get("/peralatan/beli")
            #expect(next.body.contains("Pembelian peralatan tercatat sebagai entri #\(id) (bukti NOTA/TB-MAJU/2013/07); stok bertambah."))
            _ = try await browser.post("/peralatan/beli", kit)
            let again = try await browser.get("/peralatan/beli")
            #expect(again.body.contains("sudah tercatat sebagai entri #\(id); tidak dicatat dua kali."))
            let handOver = try await browser.get("/peralatan/serah")
            #expect(handOver.body.contains("stok \(stockBefore + 2)"), "the hand-over form offers what was bought")
        }
        #expect(try f.entryCount == entries + 1)
    }

    @Test func aPurchaseKeepsItsSupplierAndItsSPJPapersOnTheEntry() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            let form = try await browser.get("/peralatan/beli")
            #expect(form.body.contains("name=\"supplier\"") && form.body.contains("name=\"invoiceNumber\"") && form.body.contains("name=\"receiptReport\""))
            let bought = try await browser.post("/peralatan/beli", [("item", "oven"), ("quantity", "1"), ("unitCost", "1.650.000"),
                                                                   ("ref", "KW/BRG/2013/01"), ("date", "2013-01-02"), ("paidFrom", "cash"),
                                                                   ("supplier", "CV Maju Jaya"), ("invoiceNumber", "F-0112"),
                                                                   ("receiptReport", "BA/PB/2013/01")])
            #expect(bought.status == .seeOther)
            let id = try f.count("SELECT max(id) FROM journal_entry")
            let entry = unescape(try await browser.get("/jurnal/\(id)").body)
            #expect(entry.contains("CV Maju Jaya") && entry.contains("F-0112") && entry.contains("BA/PB/2013/01"), "\(entry)")
            #expect(entry.contains("Pembelian peralatan: 1 × oven · penyedia CV Maju Jaya, faktur/nota F-0112, BA penerimaan BA/PB/2013/01"))
        }
    }

    @Test func eachRefusalIsShownAndNothingIsWritten() async throws {
        let f = try WebFixture()
        let entries = try f.entryCount
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/peralatan/beli")
            let badCost = try await browser.post("/peralatan/beli", [("item", "oven"), ("quantity", "2"), ("unitCost", "1.650.000,5"),
                                                                     ("ref", "NOTA-1"), ("date", "2013-01-02"), ("paidFrom", "cash")])
            #expect(badCost.status == .unprocessableContent && badCost.body.contains("id=\"unitCost-error\""))
            #expect(badCost.body.contains("value=\"1.650.000,5\""), "what she typed is kept")
            let badCount = try await browser.post("/peralatan/beli", [("item", "oven"), ("quantity", "dua"), ("unitCost", "1.650.000"),
                                                                      ("ref", "NOTA-1"), ("date", "2013-01-02"), ("paidFrom", "cash")])
            #expect(badCount.status == .unprocessableContent && badCount.body.contains("id=\"quantity-error\""))
            let nothing = try await browser.post("/peralatan/beli", [("item", ""), ("ref", "NOTA-1"), ("date", "2013-01-02")])
            #expect(nothing.status == .unprocessableContent && nothing.body.contains("Pilih sedikitnya satu barang"))
            let tooMuch = try await browser.post("/peralatan/beli", [("item", "oven"), ("quantity", "1000"), ("unitCost", "999.000.000"),
                                                                     ("ref", "NOTA-2"), ("date", "2013-01-02"), ("paidFrom", "cash")])
            #expect(tooMuch.status == .unprocessableContent, "more than cash on hand is refused by the core")
        }
        #expect(try f.entryCount == entries)
    }
}
