import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// The grant, equipment, reversal and month-closing forms: what they record, and each refusal
/// shown next to its field in Indonesian with status 422, the typed values kept, nothing written.
@Suite struct MoneyFormsTests {
    static func grant(_ beneficiary: String, ref: String, amount: String = "1.500.000", date: String = "2013-01-02",
                      cohort: String = "", usaha: String = "") -> [(String, String)] {
        [("beneficiary", beneficiary), ("ref", ref), ("amount", amount), ("date", date), ("cohort", cohort), ("usaha", usaha),
         confirmed]
    }

    /// The second post of a form that asks to confirm first (``Confirmation``).
    static let confirmed = ("konfirmasi", "ya")

    @Test func theGrantFormOffersUnpaidGraduatesByNameWithTheDefaults() async throws {
        let f = try WebFixture()
        let dewi = try f.unpaidGraduate()
        try await f.test { browser in
            try await browser.login("bendahara")
            let page = try await browser.get("/hibah/baru")
            #expect(page.status == .ok)
            #expect(page.body.contains("<option value=\"\(dewi.code)\">Dewi Kartika Uji · BL-2010-901 · angkatan 2010</option>"))
            // A graduate already paid is not offered.
            #expect(!page.body.contains("BL-2007-001"))
            #expect(page.body.contains("name=\"amount\" value=\"1.500.000\""))
            #expect(page.body.contains("name=\"date\" type=\"date\" value=\"2013-01-02\""))
        }
    }

    @Test func aGrantPaidThroughTheFormIsRecordedAndShowsOnTheDashboard() async throws {
        let f = try WebFixture()
        let dewi = try f.unpaidGraduate()
        let entries = try f.entryCount
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/hibah/baru")
            let paid = try await browser.post("/hibah/baru", Self.grant("BL-2010-901", ref: "KW/BMK/2013/001"))
            #expect(paid.status == .seeOther)
            let id = try f.count("SELECT max(id) FROM journal_entry")
            #expect(paid.location == "/hibah/baru?cetak=\(id)")
            let next = try await browser.get(try #require(paid.location))
            #expect(next.body.contains("Bantuan modal kerja Rp1.500.000 untuk \(dewi.code) tercatat sebagai entri #\(id)"))
            // "Cetak kuitansi" right after the payment, for her to sign.
            #expect(unescape(next.body).contains("href=\"/jurnal/\(id)/kuitansi.pdf\" download data-testid=\"cetak-kuitansi\">Cetak kuitansi KW/BMK/2013/001 (PDF)"))
            #expect(!(try await browser.get("/hibah/baru?cetak=1").body.contains("cetak-kuitansi")), "a budget receipt has no kuitansi")
            #expect(!next.body.contains("Dewi Kartika Uji"), "a paid graduate leaves the picker")
            let home = try await browser.get("/")
            #expect(home.body.contains("<a href=\"/jurnal/\(id)\">#\(id)</a>"))
            #expect(home.body.contains("Bantuan modal kerja \(dewi.code) angkatan 2010"))
            #expect(home.body.contains("KW/BMK/2013/001"))
            let entry = try await browser.get("/jurnal/\(id)")
            #expect(entry.status == .ok)
            #expect(entry.body.contains("web:bendahara"))
            #expect(entry.body.contains("penerima \(dewi.code)"))
        }
        #expect(try f.entryCount == entries + 1)
        #expect(try f.count("SELECT count(*) FROM grant_payment WHERE beneficiary_id = \(dewi.id)") == 1)
        #expect(try f.count("SELECT count(*) FROM journal_entry WHERE actor = 'web:bendahara' AND document_ref = 'KW/BMK/2013/001'") == 1)
    }

    @Test func theSameKuitansiSubmittedTwicePaysOnce() async throws {
        let f = try WebFixture()
        try f.unpaidGraduate()
        let entries = try f.entryCount
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/hibah/baru")
            let first = try await browser.post("/hibah/baru", Self.grant("BL-2010-901", ref: "KW/BMK/2013/002"))
            let second = try await browser.post("/hibah/baru", Self.grant("BL-2010-901", ref: "KW/BMK/2013/002"))
            #expect(first.status == .seeOther)
            #expect(second.status == .seeOther)
            let page = try await browser.get("/hibah/baru")
            #expect(page.body.contains("Kuitansi KW/BMK/2013/002 sudah tercatat sebagai entri #"))
            #expect(page.body.contains("tidak dibayar dua kali"))
        }
        #expect(try f.entryCount == entries + 1)
    }

    /// Posts a grant that the core refuses; checks the 422, the field, the message, the kept
    /// values, and that no entry was written.
    func expectGrantRefused(_ f: WebFixture, _ fields: [(String, String)], field: String, saying phrases: [String],
                            sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let entries = try f.entryCount
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/hibah/baru")
            let page = try await browser.post("/hibah/baru", fields.contains { $0.0 == "konfirmasi" } ? fields : fields + [Self.confirmed])
            #expect(page.status == .unprocessableContent, sourceLocation: sourceLocation)
            let message = fieldError(page.body, field)
            #expect(message != nil, "no refusal next to \(field)", sourceLocation: sourceLocation)
            for phrase in phrases {
                #expect(message?.contains(phrase) == true, "\(message ?? "-") lacks \(phrase)", sourceLocation: sourceLocation)
            }
            #expect(page.body.contains("Hibah belum dibayar; tidak ada yang tersimpan."), sourceLocation: sourceLocation)
            for (name, value) in fields where !value.isEmpty && name != "cohort" && name != "usaha" && name != "konfirmasi" {
                #expect(unescape(page.body).contains("name=\"\(name)\"") && unescape(page.body).contains("value=\"\(value)\""),
                        "\(name) not kept", sourceLocation: sourceLocation)
            }
        }
        #expect(try f.entryCount == entries, sourceLocation: sourceLocation)
    }

    /// In an office that pays without recipient lists (the setting off), the cohort's standard
    /// is the check; on a list, the approved amount is (``onTheListTheApprovedAmountIsTheOnlyOne()``).
    @Test func anAmountOtherThanTheStandardNeedsAReasonAndTheBankCanPay() async throws {
        let f = try WebFixture()
        var off = SettingsChange()
        off.grantsNeedApprovedList = false
        _ = try f.operations.changeSettings(off, context: f.demoContext)
        let dewi = try f.unpaidGraduate(listed: false)
        try await expectGrantRefused(f, Self.grant("BL-2010-901", ref: "KW/UJI/NOL", amount: "15.000.000"), field: "amount",
                                     saying: ["sebesar Rp15.000.000", "jumlah baku angkatan 2010 (Rp1.500.000)", "kelebihan satu nol"])
        try await expectGrantRefused(f, Self.grant("BL-2010-901", ref: "KW/UJI/NOL", amount: "1.000.000") + [("amountReason", "sisa")],
                                     field: "amountReason", saying: ["sedikitnya 10 huruf"])
        _ = try f.operations.receiveBudget(BudgetReceipt(amount: Rupiah(5_000_000), documentRef: "SP2D/UJI/BANK",
                                                         valueDate: LocalDate(year: 2013, month: 1, day: 2), intoBank: true),
                                           context: f.demoContext)
        try await f.test { browser in
            try await browser.login("bendahara")
            let form = try await browser.get("/hibah/baru")
            #expect(form.body.contains("name=\"paidFrom\"") && form.body.contains("Bank (transfer ke rekeningnya)"))
            let paid = try await browser.post("/hibah/baru", Self.grant("BL-2010-901", ref: "TRF/UJI/1", amount: "1.000.000")
                                              + [("amountReason", "sisa pagu setelah revisi DPA"), ("paidFrom", "bank")])
            #expect(paid.status == .seeOther)
        }
        let grant = try f.store.read { tx in try tx.grants(beneficiaryID: dewi.id) }
        #expect(grant.map(\.amountReason) == ["sisa pagu setelah revisi DPA"])
        let bank = try f.store.read { tx in try tx.balance(accountID: try tx.account(bookID: 1, role: .bank)!.id) }
        #expect(bank == Rupiah(4_000_000))
    }

    @Test func onTheListTheApprovedAmountIsTheOnlyOne() async throws {
        let f = try WebFixture()
        try f.unpaidGraduate()
        try await expectGrantRefused(f, Self.grant("BL-2010-901", ref: "KW/UJI/LAIN", amount: "1.000.000") + [("amountReason", "sisa pagu setelah revisi")],
                                     field: "amount", saying: ["menyetujui Rp1.500.000", "bukan Rp1.000.000"])
        try f.unpaidGraduate(name: "Wati Belum Terdaftar Uji", register: "BL-2010-902", listed: false)
        try await expectGrantRefused(f, Self.grant("BL-2010-902", ref: "KW/UJI/LUAR"), field: "beneficiary",
                                     saying: ["belum tercantum dalam daftar penerima angkatan 2010", "pengecualian"])
    }

    @Test func aGraduateStillInTrainingIsRefused() async throws {
        let f = try WebFixture()
        let sari = try f.unpaidGraduate(name: "Sari Uji", register: "BL-2010-902", status: .enrolled)
        try await expectGrantRefused(f, Self.grant("BL-2010-902", ref: "KW/UJI/LATIH"), field: "beneficiary",
                                     saying: ["\(sari.code) belum lulus pelatihan angkatan 2010", "masih mengikuti pelatihan"])
    }

    @Test func aSecondGrantInTheSameCohortIsRefused() async throws {
        let f = try WebFixture()
        try await expectGrantRefused(f, Self.grant("BL-2007-001", ref: "KW/UJI/DUA"), field: "beneficiary",
                                     saying: ["sudah menerima hibah angkatan 2007", "sekali per orang"])
    }

    @Test func aGrantLargerThanTheCashOnHandIsRefused() async throws {
        let f = try WebFixture()
        try f.unpaidGraduate()
        try f.drainCash(leaving: Rupiah(1_000_000))
        try await expectGrantRefused(f, Self.grant("BL-2010-901", ref: "KW/UJI/KAS"), field: "amount",
                                     saying: ["tinggal Rp1.000.000", "kurang Rp500.000", "penerimaan anggaran"])
    }

    @Test func aGrantDatedAfterTodayIsRefused() async throws {
        let f = try WebFixture()
        try f.unpaidGraduate()
        try await expectGrantRefused(f, Self.grant("BL-2010-901", ref: "KW/UJI/BESOK", date: "2013-01-03"), field: "date",
                                     saying: ["Tanggal 3 Jan 2013 sesudah hari ini (2 Jan 2013)"])
    }

    @Test func aFractionOfARupiahIsRefused() async throws {
        let f = try WebFixture()
        try f.unpaidGraduate()
        try await expectGrantRefused(f, Self.grant("BL-2010-901", ref: "KW/UJI/KOMA", amount: "1.500.000,50"), field: "amount",
                                     saying: ["Jumlah \"1.500.000,50\" memuat pecahan rupiah", "rupiah utuh"])
    }

    @Test func aMissingReferenceAndAnUnknownBeneficiaryAreRefused() async throws {
        let f = try WebFixture()
        try f.unpaidGraduate()
        try await expectGrantRefused(f, Self.grant("BL-2010-901", ref: ""), field: "ref", saying: ["Nomor bukti wajib diisi"])
        try await expectGrantRefused(f, Self.grant("B-99999", ref: "KW/UJI/SIAPA"), field: "beneficiary",
                                     saying: ["Penerima manfaat \"B-99999\" tidak ditemukan"])
    }

    @Test func closingAMonthThenPayingInItIsRefused() async throws {
        let f = try WebFixture()
        // On a list approved before the closed month, so that the closing is what refuses it.
        try f.unpaidGraduate(listed: false)
        try WebFixture.listAgain(f.operations, cohort: "2010", decreeDate: LocalDate(year: 2012, month: 12, day: 1)!)
        try await f.test { browser in
            try await browser.login("bendahara")
            let form = try await browser.get("/tutup-buku")
            #expect(form.body.contains("Belum ada bulan yang ditutup"))
            #expect(form.body.contains("value=\"2012-12\""), "the suggested month is last month")
            let closed = try await browser.post("/tutup-buku", [("month", "2012-12"), Self.confirmed])
            #expect(closed.status == .seeOther)
            let after = try await browser.get("/tutup-buku")
            #expect(after.body.contains("Buku Kantor ditutup sampai dengan Desember 2012: terkunci "))
            #expect(after.body.contains("Entri bertanggal pada atau sebelum 31 Des 2012 kini ditolak."))
            #expect(after.body.contains("Ditutup sampai dengan Desember 2012"))
        }
        #expect(try f.count("SELECT count(*) FROM period_closing") == 1)
        try await expectGrantRefused(f, Self.grant("BL-2010-901", ref: "KW/UJI/TUTUP", date: "2012-12-28"), field: "date",
                                     saying: ["Tanggal 28 Des 2012 jatuh pada bulan yang sudah ditutup", "Desember 2012"])
    }

    @Test func closingAClosedOrFutureMonthIsRefused() async throws {
        let f = try WebFixture()
        try f.operations.closeMonth(YearMonth(year: 2012, month: 12)!, context: f.demoContext)
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/tutup-buku")
            for (month, phrase) in [("2012-11", "sudah ditutup sampai dengan Desember 2012"), ("2013-02", "Februari 2013 belum berakhir"),
                                    ("2013-01", "Januari 2013 belum berakhir"),
                                    ("2013-13", "Bulan \"2013-13\" bukan bulan"), ("", "Bulan masih kosong")] {
                let page = try await browser.post("/tutup-buku", [("month", month), Self.confirmed])
                #expect(page.status == .unprocessableContent, "\(month)")
                #expect(fieldError(page.body, "month")?.contains(phrase) == true, "\(month): \(fieldError(page.body, "month") ?? "-")")
            }
        }
        #expect(try f.count("SELECT count(*) FROM period_closing") == 1)
    }

    @Test func anEntryIsReversedThroughTheFormOnceOnly() async throws {
        let f = try WebFixture()
        try f.unpaidGraduate()
        let grant = try f.operations.disburseGrant(GrantRequest(beneficiary: "BL-2010-901", documentRef: "KW/UJI/BALIK"), context: f.demoContext)
        let id = grant.entry.id
        let entries = try f.entryCount
        try await f.test { browser in
            try await browser.login("bendahara")
            let show = try await browser.get("/jurnal/\(id)")
            #expect(show.body.contains("href=\"/jurnal/\(id)/batal\""))
            let form = try await browser.get("/jurnal/\(id)/batal")
            #expect(form.status == .ok)
            let short = try await browser.post("/jurnal/\(id)/batal", [("reason", "ups"), ("date", "2013-01-02"), Self.confirmed])
            #expect(short.status == .unprocessableContent)
            #expect(fieldError(short.body, "reason")?.contains("Alasannya terlalu pendek") == true)
            #expect(short.body.contains(">ups</textarea>"))
            #expect(try f.entryCount == entries)

            let reversed = try await browser.post("/jurnal/\(id)/batal", [("reason", "Kuitansi ganda, uji pembalikan"), ("date", "2013-01-02"), Self.confirmed])
            #expect(reversed.status == .seeOther)
            #expect(reversed.location == "/jurnal/\(id)")
            let reversal = try f.count("SELECT id FROM journal_entry WHERE reverses_entry_id = \(id)")
            let after = try await browser.get("/jurnal/\(id)")
            #expect(after.body.contains("Entri #\(id) dibalik oleh entri #\(reversal)."))
            #expect(after.body.contains("<dt>Dibalik oleh</dt><dd><a href=\"/jurnal/\(reversal)\">entri #\(reversal)</a></dd>"))
            #expect(!after.body.contains("href=\"/jurnal/\(id)/batal\""))
            let home = try await browser.get("/")
            #expect(home.body.contains("dibalik oleh <a href=\"/jurnal/\(reversal)\">#\(reversal)</a>"))
            #expect(home.body.contains("membalik <a href=\"/jurnal/\(id)\">#\(id)</a>"))
            #expect(try f.entryCount == entries + 1)
            let picker = try await browser.get("/hibah/baru")
            #expect(picker.body.contains("Dewi Kartika Uji"), "a reversed grant can be paid again")
            let reversedForm = try await browser.get("/jurnal/\(id)/batal")
            #expect(reversedForm.body.contains("Entri ini sudah dibalik oleh"))
            #expect(!reversedForm.body.contains("<textarea"))

            let again = try await browser.post("/jurnal/\(id)/batal", [("reason", "Dibalik sekali lagi, uji"), ("date", "2013-01-02"), Self.confirmed])
            #expect(again.status == .unprocessableContent)
            #expect(unescape(again.body).contains("Entri #\(id) sudah dibalik oleh entri #\(reversal); satu entri hanya dapat dibalik sekali."))
            let ofReversal = try await browser.post("/jurnal/\(reversal)/batal", [("reason", "Membalik pembalikan, uji"), ("date", "2013-01-02"), Self.confirmed])
            #expect(ofReversal.status == .unprocessableContent)
            #expect(ofReversal.body.contains("tidak dapat dibalik lagi"))
        }
        #expect(try f.entryCount == entries + 1)
    }

    @Test func equipmentIsIssuedToAKelompokAndStockIsChecked() async throws {
        let f = try WebFixture()
        _ = try f.operations.buyEquipment(EquipmentPurchase(lines: [.init(item: "oven", quantity: 2, unitCost: Rupiah(1_650_000)),
                                                                .init(item: "mixer", quantity: 1, unitCost: Rupiah(550_000))],
                                                        documentRef: "NOTA/UJI/1", valueDate: LocalDate(year: 2013, month: 1, day: 2)),
                                      context: f.demoContext)
        let entries = try f.entryCount
        try await f.test { browser in
            try await browser.login("bendahara")
            let form = try await browser.get("/peralatan/serah")
            #expect(form.body.contains("Oven gas · stok 2 unit"))
            #expect(form.body.contains("<option value=\"K-0001\">K-0001 · "))

            let short = try await browser.post("/peralatan/serah", [("kelompok", "K-0001"), ("item", "oven"), ("quantity", "5"),
                                                                     ("item", ""), ("quantity", ""), ("ref", "BAST/UJI/1"), ("date", "2013-01-02")])
            #expect(short.status == .unprocessableContent)
            #expect(fieldError(short.body, "quantity")?.contains("Persediaan oven hanya 2; diminta 5") == true)
            #expect(short.body.contains("<option value=\"oven\" selected>"))
            #expect(short.body.contains("value=\"BAST/UJI/1\""))

            let notANumber = try await browser.post("/peralatan/serah", [("kelompok", "K-0001"), ("item", "oven"), ("quantity", "dua"),
                                                                         ("ref", "BAST/UJI/1"), ("date", "2013-01-02")])
            #expect(notANumber.status == .unprocessableContent)
            #expect(fieldError(notANumber.body, "quantity")?.contains("bukan bilangan bulat") == true)

            let none = try await browser.post("/peralatan/serah", [("kelompok", "K-0001"), ("ref", "BAST/UJI/1"), ("date", "2013-01-02")])
            #expect(none.status == .unprocessableContent)
            #expect(fieldError(none.body, "item")?.contains("Belum ada barang") == true)
            #expect(try f.entryCount == entries)

            let kit = [("kelompok", "K-0001"), ("item", "oven"), ("quantity", "1"), ("item", "mixer"), ("quantity", "1"),
                       ("ref", "BAST/UJI/1"), ("date", "2013-01-02")]
            let issued = try await browser.post("/peralatan/serah", kit)
            #expect(issued.status == .seeOther)
            // "Cetak BAST" right after the issue, for the kelompok to sign.
            let issuedID = try f.count("SELECT max(id) FROM journal_entry")
            #expect(issued.location == "/peralatan/serah?cetak=\(issuedID)")
            #expect(try await browser.get(try #require(issued.location)).body.contains("href=\"/jurnal/\(issuedID)/bast.pdf\""))
            let again = try await browser.post("/peralatan/serah", kit)
            #expect(again.status == .seeOther)
            let page = try await browser.get("/peralatan/serah")
            #expect(page.body.contains("Berita acara BAST/UJI/1 sudah tercatat sebagai entri #"))
            #expect(page.body.contains("Oven gas · stok 1 unit"))
        }
        #expect(try f.entryCount == entries + 1)
    }
}
