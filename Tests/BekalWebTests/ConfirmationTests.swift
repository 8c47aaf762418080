import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// What cannot be undone asks first (``Confirmation``): the first post shows what it will do
/// and writes nothing; "Ubah isian" brings the form back as typed; only `konfirmasi=ya` does it.
@Suite struct ConfirmationTests {
    static func question(_ body: String) -> String? {
        body.firstMatch(of: /data-testid="pertanyaan">([^<]*)</).map { String($0.1) }
    }

    @Test func payingAGrantNamesTheWomanTheAmountAndTheKuitansiBeforeAnythingIsPaid() async throws {
        let f = try WebFixture()
        let dewi = try f.unpaidGraduate()
        let entries = try f.entryCount
        let fields = [("beneficiary", dewi.code), ("ref", "KW/UJI/TANYA"), ("amount", "1.500.000"), ("date", "2013-01-02")]
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/hibah/baru")
            let ask = try await browser.post("/hibah/baru", fields)
            #expect(ask.status == .ok)
            #expect(Self.question(ask.body) == "Bayar Rp1.500.000 kepada Dewi Kartika Uji (\(dewi.code)), kuitansi KW/UJI/TANYA?")
            #expect(ask.body.contains("<title>Periksa pembayaran · Bekal</title>"), "no name in the tab list")
            #expect(!ask.body.contains("berbeda dari bantuan yang biasa"), "the usual amount: no warning")
            #expect(ask.body.contains("name=\"ref\" value=\"KW/UJI/TANYA\""), "the values ride along, hidden")
            #expect(try f.entryCount == entries, "asking wrote nothing")

            let edit = try await browser.post("/hibah/baru", fields + [("konfirmasi", "ubah")])
            #expect(edit.status == .ok && edit.body.contains("value=\"KW/UJI/TANYA\""), "the form again, as typed")
            #expect(try f.entryCount == entries)

            let paid = try await browser.post("/hibah/baru", fields + [MoneyFormsTests.confirmed])
            #expect(paid.status == .seeOther)
        }
        #expect(try f.entryCount == entries + 1)
    }

    @Test func anAmountUnlikeTheUsualGrantIsWarnedAbout() async throws {
        let f = try WebFixture()
        let dewi = try f.unpaidGraduate()
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/hibah/baru")
            let ask = try await browser.post("/hibah/baru", [("beneficiary", dewi.code), ("ref", "KW/UJI/LAIN"), ("amount", "1.000.000"),
                                                             ("amountReason", "Sisa pagu angkatan 2010, disetujui kepala"), ("date", "2013-01-02")])
            #expect(Self.question(ask.body) == "Bayar Rp1.000.000 kepada Dewi Kartika Uji (\(dewi.code)), kuitansi KW/UJI/LAIN?")
            #expect(ask.body.contains("Jumlah ini berbeda dari bantuan yang biasa (Rp1.500.000)."))
        }
    }

    @Test func anUnknownPersonIsRefusedAtTheFirstPostWithNothingToConfirm() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/hibah/baru")
            let page = try await browser.post("/hibah/baru", [("beneficiary", "B-99999"), ("ref", "KW/UJI/SIAPA"), ("amount", "1.500.000"),
                                                              ("date", "2013-01-02")])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("Penerima manfaat &quot;B-99999&quot; tidak ditemukan"))
            #expect(Self.question(page.body) == nil)
        }
    }

    @Test func closingAMonthNamesWhatItLocksAndClosesNothingUntilConfirmed() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/tutup-buku")
            let ask = try await browser.post("/tutup-buku", [("month", "2012-12")])
            #expect(ask.status == .ok)
            #expect(Self.question(ask.body) == "Tutup Buku Kantor sampai dengan Desember 2012?")
            #expect(ask.body.contains("Buku Kantor ditutup sampai dengan Desember 2012: terkunci "))
            #expect(ask.body.contains(" entri bertanggal "), "it counts the entries it locks")
            #expect(try f.count("SELECT count(*) FROM period_closing") == 0)
            #expect(try await browser.post("/tutup-buku", [("month", "2012-12"), MoneyFormsTests.confirmed]).status == .seeOther)
        }
        #expect(try f.count("SELECT count(*) FROM period_closing") == 1)
    }

    @Test func aReversalAsksWithItsReasonAndAShortReasonIsRefusedBeforeAsking() async throws {
        let f = try WebFixture()
        let id = try f.count("SELECT max(id) FROM journal_entry WHERE reverses_entry_id IS NULL AND book_id = (SELECT id FROM book WHERE code = 'KANTOR')")
        let entries = try f.entryCount
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/jurnal/\(id)/batal")
            let short = try await browser.post("/jurnal/\(id)/batal", [("reason", "ups"), ("date", "2013-01-02")])
            #expect(short.status == .unprocessableContent && Self.question(short.body) == nil)
            let ask = try await browser.post("/jurnal/\(id)/batal", [("reason", "Kuitansi ganda, uji konfirmasi"), ("date", "2013-01-02")])
            #expect(ask.status == .ok)
            #expect(Self.question(ask.body)?.hasPrefix("Balik entri #\(id) (Rp") == true)
            #expect(ask.body.contains("Kuitansi ganda, uji konfirmasi"))
            #expect(try f.entryCount == entries)
            let done = try await browser.post("/jurnal/\(id)/batal", [("reason", "Kuitansi ganda, uji konfirmasi"), ("date", "2013-01-02"),
                                                                     MoneyFormsTests.confirmed])
            #expect(done.status == .seeOther)
        }
        #expect(try f.entryCount == entries + 1)
    }

    @Test func switchingAUserOffAsksFirstAndSheStaysOnUntilConfirmed() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/pengguna")
            let ask = try await browser.post("/pengguna/pendamping2/nonaktifkan", [])
            #expect(ask.status == .ok)
            #expect(Self.question(ask.body)?.hasPrefix("Nonaktifkan ") == true && Self.question(ask.body)?.contains("(pendamping2, Pendamping)") == true)
            #expect(try f.count("SELECT count(*) FROM app_user WHERE username = 'pendamping2' AND active = 1") == 1)
            #expect(ask.body.contains("href=\"/pengguna\""), "Batal goes back to the users")
            #expect(try await browser.post("/pengguna/pendamping2/nonaktifkan", [MoneyFormsTests.confirmed]).status == .seeOther)
        }
        #expect(try f.count("SELECT count(*) FROM app_user WHERE username = 'pendamping2' AND active = 1") == 0)
    }
}
