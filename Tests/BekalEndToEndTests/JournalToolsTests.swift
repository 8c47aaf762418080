import BekalCLI
import BekalCore
import BekalStore
import Foundation
import Testing

/// `bekal export journal` read back by ledger-cli and hledger: both must report exactly
/// Bekal's trial balance. The tools are Debian packages that CI does not install, so each
/// cross-check is skipped, with the reason, where its tool is missing; the export itself is
/// always checked.
@Suite struct JournalToolsTests {
    static let now = ISO8601DateFormatter().date(from: "2026-11-25T05:00:00Z")!
    static let context = OperationContext(actor: "bendahara", now: now)

    static func tool(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A small programme: a budget, grants (one into a usaha's book), an aftercare cost and a
    /// reversed grant, so the export has two books, linked entries and a reversal pair.
    static func programme(in folder: URL) throws -> (store: SQLiteStore, path: String) {
        let path = folder.appendingPathComponent("bekal.sqlite").path
        let store = try SQLiteStore(path: path)
        let ops = Operations(store: store)
        try ops.initialise(officeName: "Dinas Sosial Kota Bandar Lampung")
        _ = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
        _ = try ops.addCohort(CohortDraft(code: "2007", budgetYear: 2007))
        let names = ["Sari Wulandari", "Dewi Lestari", "Rina Handayani", "Maya Puspita"]
        for name in names {
            _ = try ops.addBeneficiary(BeneficiaryDraft(name: name), enrolIn: (cohort: "2007", track: "tata-boga", status: .completed))
        }
        let day = LocalDate(year: 2007, month: 8, day: 1)!
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(20_000_000), documentRef: "SP2D-001", valueDate: day), context: context)
        _ = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00001", product: "kue basah", brand: "Kue Sari"))
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-001", valueDate: day, usaha: "U-0001"), context: context)
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00002", documentRef: "KW-002", valueDate: day), context: context)
        let wrong = try ops.disburseGrant(GrantRequest(beneficiary: "B-00003", documentRef: "KW-003", amount: Rupiah(1_250_000), valueDate: day,
                                                       amountReason: "salah ketik nominal di kuitansi"),
                                          context: context)
        _ = try ops.reverse(entryID: wrong.entry.id, reason: "salah nominal", date: day, context: context)
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00004", documentRef: "KW-004", valueDate: day), context: context)
        _ = try ops.recordAftercareExpense(AftercareExpense(amount: Rupiah(350_000), documentRef: "NOTA-17",
                                                           memo: "Cetak label merek", valueDate: day), context: context)
        return (store, path)
    }

    static func export(db: String, to out: String, book: String? = nil) throws {
        var arguments = ["export", "journal", "--db", db, "--out", out]
        if let book { arguments += ["--book", book] }
        var command = try BekalCommand.parseAsRoot(arguments)
        try command.run()
    }

    /// Bekal's non-zero balances as `account name -> rupiah`, named as the export names them.
    static func bekalBalances(_ store: SQLiteStore) throws -> [String: Int64] {
        try store.read { tx in
            var balances: [String: Int64] = [:]
            for book in try tx.books() {
                for account in try tx.accounts(bookID: book.id) {
                    let balance = try tx.totals(accountID: account.id).balance.amount
                    if balance != 0 { balances[JournalExport.accountName(bookCode: book.code, account: account)] = balance }
                }
            }
            return balances
        }
    }

    /// Runs a tool's flat balance report and reads lines of the form `  -1500000 IDR  ACCOUNT`.
    static func toolBalances(_ executable: String, _ arguments: [String]) throws -> [String: Int64] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(executable) \(arguments) failed")
        var balances: [String: Int64] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 2)
            guard fields.count == 3, fields[1] == "IDR", let amount = Int64(fields[0]) else { continue }
            balances[fields[2].trimmingCharacters(in: .whitespaces)] = amount
        }
        return balances
    }

    @Test func theExportHoldsEveryEntryAndNoName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, db) = try Self.programme(in: folder)
        let out = folder.appendingPathComponent("books.journal").path
        try Self.export(db: db, to: out)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let count = try store.read { tx in try tx.entryCount() }
        #expect(text.components(separatedBy: "\n2007-08-01 (#").count - 1 == count)
        #expect(text.contains("(#2) Bantuan modal kerja B-00001 angkatan 2007\n    ; ref:KW-001\n"))
        #expect(text.contains("    U-0001:1101 Kas Usaha    1500000 IDR\n"))
        #expect(text.contains("; reversed-by:#"))
        for name in ["Sari", "Dewi", "Rina", "Maya", "Wulandari"] { #expect(!text.contains(name)) }
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o644)

        let office = folder.appendingPathComponent("kantor.journal").path
        try Self.export(db: db, to: office, book: "KANTOR")
        let officeText = try String(contentsOfFile: office, encoding: .utf8)
        #expect(!officeText.contains("U-0001:"))
        #expect(officeText.contains("KANTOR:1101 Kas di Bendahara Pengeluaran    -1500000 IDR\n"))
        #expect(throws: ProgrammeRejection.self) { try Self.export(db: db, to: office, book: "U-9999") }
    }

    @Test(.enabled(if: tool("ledger") != nil, "ledger-cli is not installed (apt-get install ledger); CI does not install it"))
    func ledgerBalancesEqualTheTrialBalance() throws {
        try crossCheck(tool: "ledger")
    }

    @Test(.enabled(if: tool("hledger") != nil, "hledger is not installed (apt-get install hledger); CI does not install it"))
    func hledgerBalancesEqualTheTrialBalance() throws {
        try crossCheck(tool: "hledger")
    }

    func crossCheck(tool name: String) throws {
        let executable = try #require(Self.tool(name))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, db) = try Self.programme(in: folder)
        let out = folder.appendingPathComponent("books.journal").path
        try Self.export(db: db, to: out)
        let expected = try Self.bekalBalances(store)
        #expect(expected["KANTOR:1101 Kas di Bendahara Pengeluaran"] == Int64(20_000_000 - 3 * 1_500_000 - 350_000))
        #expect(expected["U-0001:3101 Modal Bantuan"] == Int64(-1_500_000))
        let balances = try Self.toolBalances(executable, ["-f", out, "bal", "--flat", "--no-total"])
        #expect(balances == expected, "\(name) disagrees with Bekal's trial balance")
        let tb = try store.read { tx in try TrialBalance.build(from: tx) }
        for book in tb.books { #expect(book.totalDebit == book.totalCredit) }
    }
}
