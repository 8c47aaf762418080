import BekalCore
import BekalStore
import Foundation
import Testing
@testable import BekalCLI

/// `bekal report … --format csv|csv-excel` and `bekal export … --format csv-excel`: text that a
/// spreadsheet would run is written inert, as `bekal export` writes it; numbers stay numbers;
/// the Excel form opens in an Indonesian-locale Excel and reads back with the core's parser.
@Suite struct ReportCSVTests {
    static let context = OperationContext(actor: "bendahara", now: ISO8601DateFormatter().date(from: "2026-11-25T05:00:00Z")!)
    static let hyperlink = "=HYPERLINK(\"http://contoh.invalid\";\"klik\")"
    static let memos = [hyperlink, "-2+3", "@SUM(A1)", "Cetak label; merek \"Kue Sari\""]

    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-report-csv-\(UUID().uuidString).sqlite").path
        let ops = Operations(store: try SQLiteStore(path: path))
        try ops.initialise()
        _ = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
        _ = try ops.addCohort(CohortDraft(code: "2026", budgetYear: 2026))
        _ = try ops.addBeneficiary(BeneficiaryDraft(name: "Sari Wulandari"), enrolIn: (cohort: "2026", track: "tata-boga", status: .completed))
        _ = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00001", product: "kue basah", brand: Self.hyperlink))
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(10_000_000), documentRef: "SP2D-1",
                                                valueDate: try LocalDate.parse("2026-01-10")), context: Self.context)
        for (index, memo) in Self.memos.enumerated() {
            _ = try ops.recordAftercareExpense(AftercareExpense(amount: Rupiah(50_000), documentRef: "NOTA-\(index + 1)", memo: memo,
                                                                valueDate: try LocalDate.parse("2026-02-0\(index + 1)")), context: Self.context)
        }
    }

    func output(_ arguments: [String]) throws -> String { try reportOutput(arguments, db: path) }

    @Test func textLikeAFormulaGetsAnApostropheAndAmountsStayNumbers() throws {
        let ledger = try output(["ledger", "--account", "5103", "--format", "csv"])
        #expect(ledger.contains(",\"'=HYPERLINK(\"\"http://contoh.invalid\"\";\"\"klik\"\")\","))
        #expect(ledger.contains(",'-2+3,"))
        #expect(ledger.contains(",'@SUM(A1),"))
        #expect(!ledger.contains(",=") && !ledger.contains(",-2+3"))

        // A negative amount is the number it says: the budget received is a credit balance.
        let trialBalance = try output(["trial-balance", "--format", "csv"])
        #expect(trialBalance.contains(",-10000000\r\n"))
        #expect(!trialBalance.contains("'-"))

        // The whole-report path (report usaha renders through Render.csv) applies the same rule.
        let table = try SQLiteStore(path: path).read { tx in
            try BusinessFollowUp.build(from: tx, usahaID: nil, asOf: try LocalDate.parse("2026-11-25")).table
        }
        #expect(Render.csv(table).contains(",\"'=HYPERLINK(\"\"http://contoh.invalid\"\";\"\"klik\"\")\","))
    }

    @Test func theExcelFormHasABOMSemicolonsAndReadsBackAsTheSameRecords() throws {
        let excel = try output(["ledger", "--account", "5103", "--format", "csv-excel"])
        let standard = try output(["ledger", "--account", "5103", "--format", "csv"])
        #expect(excel.hasPrefix("\u{FEFF}date;"))
        #expect(!standard.hasPrefix("\u{FEFF}"))
        #expect(excel.contains(";\"Cetak label; merek \"\"Kue Sari\"\"\";"), "a field with ; is quoted")
        let records = try CSV.parse(excel, separator: ";")
        #expect(records.map(\.fields) == (try CSV.parse(standard)).map(\.fields))
        #expect(records.count == 1 + 1 + Self.memos.count + 1, "header, opening, one line per cost, closing")

        let whole = try output(["trial-balance", "--format", "csv-excel"])
        #expect(whole.hasPrefix("\u{FEFF}book;"))
        #expect((try CSV.parse(whole, separator: ";")).map(\.fields) == (try CSV.parse(try output(["trial-balance", "--format", "csv"]))).map(\.fields))
    }

    @Test func theSpreadsheetExportWritesTheExcelFormToo() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        #expect(try bekal.run("demo").status == 0)
        let excel = try bekal.run("export", "keuangan", "--format", "csv-excel", "--sheet", "Neraca Saldo", "--out", "neraca.csv")
        #expect(excel.status == 0, "\(excel.stderr)")
        let standard = try bekal.run("export", "keuangan", "--format", "csv", "--sheet", "Neraca Saldo", "--out", "neraca-rfc.csv")
        #expect(standard.status == 0, "\(standard.stderr)")
        // Decoded by hand: Foundation's String(contentsOf:) drops a byte-order mark.
        let excelText = String(decoding: try Data(contentsOf: bekal.directory.appendingPathComponent("neraca.csv")), as: UTF8.self)
        let standardText = try String(contentsOf: bekal.directory.appendingPathComponent("neraca-rfc.csv"), encoding: .utf8)
        #expect(excelText.hasPrefix("\u{FEFF}Buku;Kode;Nama Akun;Jenis;Debet;Kredit;Saldo\r\n"))
        #expect((try CSV.parse(excelText, separator: ";")).map(\.fields) == (try CSV.parse(standardText)).map(\.fields))
        let audit = try bekal.run("audit", "--action", "export.keuangan", "--format", "csv")
        #expect(audit.stdout.contains("format=csv-excel rows="))
    }

    @Test func theReportHelpNamesBothCSVForms() throws {
        #expect(BekalCommand.helpMessage(for: GrantsReport.self, columns: 100) == """
            OVERVIEW: Grant register: every grant, its document and status.

            USAGE: bekal report grants [--db <db>] [--office <office>] [--actor <actor>] [--format <format>] [--cohort <cohort>]

            OPTIONS:
              --db <db>               The database: an SQLite file, or postgres://USER@HOST:PORT/NAME (default:
                                      $BEKAL_DB, else bekal.sqlite).
              --office <office>       The office, on a PostgreSQL database that holds several (default:
                                      $BEKAL_OFFICE, else its only office).
              --actor <actor>         Who is acting, for the record (default: the OS user).
              --format <format>       table, json, csv or csv-excel. (values: table, json, csv, csv-excel;
                                      default: table)
                    csv is RFC 4180 (comma, UTF-8, CRLF). csv-excel is for an Excel set to Indonesian:
                    semicolons and a UTF-8 byte-order mark, so a double-click opens it in columns with its
                    letters intact. In both, amounts are whole rupiah digits and dates YYYY-MM-DD; text that a
                    spreadsheet would run as a formula (starting with =, +, - or @) gets a leading apostrophe,
                    as in `bekal export`.
              --cohort <cohort>       Only this cohort.
              -h, --help              Show help information.

            """)
    }
}
