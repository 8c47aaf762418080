import BekalCore
import BekalStore
import Foundation
import Testing
@testable import BekalCLI

/// `bekal report …` parsed in-process, its output read from the writer it renders to.
@Suite("bekal report commands")
struct ReportsCommandTests {
    let path: String
    static let context = OperationContext(actor: "bendahara", now: ISO8601DateFormatter().date(from: "2026-11-25T05:00:00Z")!)
    static let purchaseMemo = "Mesin jahit \"Butterfly\", 2 unit"

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-reports-\(UUID().uuidString).sqlite").path
        let ops = Operations(store: try SQLiteStore(path: path))
        try ops.initialise()
        _ = try ops.addEquipmentItem(code: "mesin-jahit", name: "Mesin jahit", unit: "unit")
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(10_000_000), documentRef: "SP2D-1",
                                                valueDate: try LocalDate.parse("2026-01-10")), context: Self.context)
        _ = try ops.buyEquipment(EquipmentPurchase(lines: [.init(item: "mesin-jahit", quantity: 2, unitCost: Rupiah(500_000))],
                                                   documentRef: "NOTA-1", valueDate: try LocalDate.parse("2026-01-12"),
                                                   memo: Self.purchaseMemo), context: Self.context)
        _ = try ops.recordAftercareExpense(AftercareExpense(amount: Rupiah(75_000), documentRef: "KW-9",
                                                            memo: "Cetak label\r\nbaris kedua",
                                                            valueDate: try LocalDate.parse("2026-02-02")), context: Self.context)
        _ = try ops.reverse(entryID: 3, reason: "salah catat", date: try LocalDate.parse("2026-02-03"), context: Self.context)
    }

    func output(_ arguments: [String]) throws -> String { try reportOutput(arguments, db: path) }

    @Test func cashBookCSVQuotesACommaAQuoteAndALineBreakPerRFC4180() throws {
        let csv = try output(["cash-book", "--format", "csv", "--to", "2026-01-31"])
        #expect(csv == [
            "date,bku_number,document_ref,entry,description,receipt,payment,balance,note",
            ",,,,Saldo awal,,,0,",
            "2026-01-10,1,SP2D-1,1,Penerimaan anggaran (transfer APBD),10000000,0,10000000,",
            "2026-01-12,2,NOTA-1,2,\"Mesin jahit \"\"Butterfly\"\", 2 unit\",0,1000000,9000000,",
            "2026-01-31,,,,Jumlah bulan 2026-01,10000000,1000000,9000000,",
            ",,,,Jumlah / saldo akhir,10000000,1000000,9000000,",
        ].map { $0 + "\r\n" }.joined())
        let february = try output(["cash-book", "--format", "csv", "--from", "2026-02-01"])
        // A line break in text is one LF, as in `bekal export` (SpreadsheetText).
        #expect(february.contains("\"Cetak label\nbaris kedua\""))
        #expect(february.contains(",membalik #3\r\n"))
    }

    @Test func ledgerJSONIsTheModelWrittenRowByRow() throws {
        let json = try output(["ledger", "--account", "1101", "--from", "2026-01-11", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["opening", "lines", "closing"])
        let lines = try #require(object["lines"] as? [[String: Any]])
        #expect(lines.count == 3)
        #expect(lines[0]["memo"] as? String == Self.purchaseMemo)
        #expect(lines[0]["credit"] as? Int == 1_000_000 && lines[0]["date"] as? String == "2026-01-12")
        #expect((object["opening"] as? [String: Any])?["openingBalance"] as? Int == 10_000_000)
        let decoded = try JSONDecoder().decode(GeneralLedger.self, from: Data(json.utf8))
        let built = try SQLiteStore(path: path).read { tx in
            try GeneralLedger.build(GeneralLedger.Request(accountCode: "1101", from: try LocalDate.parse("2026-01-11")), in: tx)
        }
        #expect(decoded == built)
        #expect(decoded.closing.closingBalance == Rupiah(9_000_000))
    }

    @Test func cashBookJSONWithoutRowsIsStillValid() throws {
        let json = try output(["cash-book", "--from", "2027-01-01", "--to", "2027-01-31", "--format", "json"])
        let decoded = try JSONDecoder().decode(CashBook.self, from: Data(json.utf8))
        #expect(decoded.rows.isEmpty && decoded.opening.openingBalance == Rupiah(9_000_000))
    }

    @Test func grantsBudgetUseAndEquipmentJSONHaveTheirModelsShape() throws {
        let grants = try #require(try JSONSerialization.jsonObject(with: Data(try output(["grants", "--format", "json"]).utf8)) as? [String: Any])
        #expect(Set(grants.keys) == ["lines", "totals"])
        let use = try JSONDecoder().decode(BudgetUse.self, from: Data(try output(["budget-use", "--format", "json"]).utf8))
        // No cohorts; the only cost was reversed, and the budget received without a cohort has its own row.
        #expect(use.lines.map(\.cohortCode) == [nil] && use.lines[0].received == use.total.received && use.total.used == .zero)
        #expect(use.total.aftercare == .zero && use.total.usedPercentText == "-")
        let equipment = try JSONDecoder().decode(EquipmentRegister.self, from: Data(try output(["equipment", "--format", "json"]).utf8))
        #expect(equipment.rows.isEmpty)
    }

    @Test func textViewKeepsOneLinePerRow() throws {
        let text = try output(["cash-book"])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("Buku Kas Umum · Kas Tunai · 1101"))
        #expect(lines[1].hasPrefix("Tanggal"))
        #expect(lines[3].contains("Saldo awal"))
        #expect(text.contains("Rp9.000.000"))
        // Title, heading, rule, opening, 4 entries and 2 month totals, rule, closing.
        #expect(lines.count == 12)
        #expect(text.contains("Cetak label baris kedua"))
    }

    @Test func aPeriodEndingBeforeItStartsIsRefused() throws {
        #expect(throws: InputError.self) { try output(["ledger", "--account", "1101", "--from", "2026-02-01", "--to", "2026-01-01"]) }
    }
}
