import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/biaya/baru` and `/pindah-buku`: an aftercare cost against a usaha's cohort, and money
/// between the bank and cash, from the browser; once per document; refusals change nothing.
@Suite struct CashFormTests {
    func balance(_ f: WebFixture, _ role: String) throws -> Int {
        try f.count("SELECT b.balance FROM account_balance b JOIN account a ON a.id = b.account_id WHERE a.role = '\(role)' AND a.book_id = 1")
    }

    @Test func anAftercareCostIsBookedAgainstTheUsahaOnce() async throws {
        let f = try WebFixture()
        let entries = try f.entryCount, cash = try balance(f, "cash")
        let cost = [("amount", "350.000"), ("memo", "Cetak label merek"), ("subject", "U-0001"), ("ref", "BKT/2013/01"),
                    ("date", "2013-01-02"), ("paidFrom", "cash")]
        try await f.test { browser in
            try await browser.login("bendahara")
            let form = try await browser.get("/biaya/baru")
            #expect(form.status == .ok && form.body.contains("<option value=\"U-0001\">"))
            let posted = try await browser.post("/biaya/baru", cost)
            #expect(posted.status == .seeOther)
            let id = try f.count("SELECT max(id) FROM journal_entry")
            #expect(try await browser.get("/biaya/baru").body.contains("Biaya pendampingan Rp350.000 tercatat sebagai entri #\(id) (bukti BKT/2013/01)."))
            _ = try await browser.post("/biaya/baru", cost)
            #expect(try await browser.get("/biaya/baru").body.contains("Bukti BKT/2013/01 sudah tercatat sebagai entri #\(id)"))
            let noMemo = try await browser.post("/biaya/baru", [("amount", "350.000"), ("ref", "BKT/2013/02"), ("date", "2013-01-02")])
            #expect(noMemo.status == .unprocessableContent && noMemo.body.contains("id=\"memo-error\""))
        }
        #expect(try f.entryCount == entries + 1)
        #expect(try balance(f, "cash") == cash - 350_000)
        #expect(try f.count("SELECT count(*) FROM posting WHERE entry_id = (SELECT max(id) FROM journal_entry) AND usaha_id = 1") >= 1)
    }

    @Test func moneyMovesBetweenTheBankAndCashAndCannotOverdrawEither() async throws {
        let f = try WebFixture()
        let entries = try f.entryCount, cash = try balance(f, "cash"), bank = try balance(f, "bank")
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/pindah-buku")
            let deposit = try await browser.post("/pindah-buku", [("to", "bank"), ("amount", "1.000.000"), ("ref", "SETOR/01"),
                                                                  ("date", "2013-01-02")])
            #expect(deposit.status == .seeOther)
            #expect(try await browser.get("/pindah-buku").body.contains("Setoran Rp1.000.000 dari kas ke bank tercatat"))
            let tooMuch = try await browser.post("/pindah-buku", [("to", "cash"), ("amount", "999.000.000"), ("ref", "TARIK/01"),
                                                                  ("date", "2013-01-02")])
            #expect(tooMuch.status == .unprocessableContent)
            #expect(tooMuch.body.contains("value=\"999.000.000\""))
        }
        #expect(try f.entryCount == entries + 1)
        #expect(try balance(f, "cash") == cash - 1_000_000 && balance(f, "bank") == bank + 1_000_000)
    }
}
