import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/anggaran/terima`: a budget transfer recorded from the browser, into cash or the bank,
/// once per SP2D, each refusal next to its field with nothing written.
@Suite struct BudgetFormTests {
    static func receipt(amount: String = "25.000.000", ref: String = "SP2D/2013/0001", date: String = "2013-01-02",
                        into: String = "cash", cohort: String = "", year: String = "") -> [(String, String)] {
        [("amount", amount), ("ref", ref), ("date", date), ("into", into), ("cohort", cohort), ("budgetYear", year), ("memo", "")]
    }

    @Test func aReceiptIsRecordedOnceAndMovesCash() async throws {
        let f = try WebFixture()
        let entries = try f.entryCount
        let cash = try f.count("SELECT b.balance FROM account_balance b JOIN account a ON a.id = b.account_id WHERE a.role = 'cash'")
        try await f.test { browser in
            try await browser.login("bendahara")
            let form = try await browser.get("/anggaran/terima")
            #expect(form.status == .ok && form.body.contains("name=\"date\" type=\"date\" value=\"2013-01-02\""))
            let posted = try await browser.post("/anggaran/terima", Self.receipt(cohort: "2010"))
            #expect(posted.status == .seeOther && posted.location == "/anggaran/terima")
            let id = try f.count("SELECT max(id) FROM journal_entry")
            let next = try await browser.get("/anggaran/terima")
            #expect(next.body.contains("Penerimaan anggaran Rp25.000.000 tercatat sebagai entri #\(id) (bukti SP2D/2013/0001)."))
            // The same SP2D again: recorded once.
            _ = try await browser.post("/anggaran/terima", Self.receipt(cohort: "2010"))
            let again = try await browser.get("/anggaran/terima")
            #expect(again.body.contains("SP2D SP2D/2013/0001 sudah tercatat sebagai entri #\(id); tidak dicatat dua kali."))
        }
        #expect(try f.entryCount == entries + 1)
        #expect(try f.count("SELECT b.balance FROM account_balance b JOIN account a ON a.id = b.account_id WHERE a.role = 'cash'")
                == cash + 25_000_000)
        #expect(try f.count("SELECT count(*) FROM posting p JOIN cohort c ON c.id = p.cohort_id WHERE c.code = '2010' AND p.entry_id = (SELECT max(id) FROM journal_entry)") == 2)
    }

    @Test func eachRefusalIsNextToItsFieldAndNothingIsWritten() async throws {
        let f = try WebFixture()
        let entries = try f.entryCount
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/anggaran/terima")
            let bad = try await browser.post("/anggaran/terima", Self.receipt(amount: "25.000.000,50", ref: "", date: "2/1/2013", year: "13"))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("id=\"amount-error\""), "the amount's refusal is next to it")
            #expect(bad.body.contains("id=\"date-error\""))
            #expect(bad.body.contains("id=\"budgetYear-error\""))
            #expect(bad.body.contains("value=\"25.000.000,50\""), "what she typed is kept")
            let noRef = try await browser.post("/anggaran/terima", Self.receipt(ref: ""))
            #expect(noRef.status == .unprocessableContent && noRef.body.contains("Penerimaan belum dicatat"))
            let unknownCohort = try await browser.post("/anggaran/terima", Self.receipt(cohort: "1999"))
            #expect(unknownCohort.status == .unprocessableContent)
        }
        #expect(try f.entryCount == entries)
    }
}
