import BekalCLI
import BekalCore
import BekalDemo
import BekalStore
import Foundation
import Testing

/// `bekal export journal` read back by ledger-cli and hledger: both must report exactly
/// Bekal's trial balance. The small programme's cross-checks are skipped, with the reason,
/// where a tool is missing (a developer's machine); the export itself is always checked.
/// The demo's journal (``DemoJournalToolsTests``) needs both tools and fails without them.
@Suite struct JournalToolsTests {
    static let now = ISO8601DateFormatter().date(from: "2026-11-25T05:00:00Z")!
    static let context = OperationContext(actor: "bendahara", now: now)

    static func tool(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A small programme: a budget, grants (one into a usaha's book), an aftercare cost, a
    /// reversed grant and a budget receipt recorded last but dated first, so the export has two
    /// books, linked entries, a reversal pair and an entry whose date is not its chain place.
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
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(5_000_000), documentRef: "SP2D-000",
                                                valueDate: LocalDate(year: 2007, month: 7, day: 15)!), context: context)
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

    /// Runs a tool to its end: exit status, standard output, standard error.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // Standard error goes to a file, so a tool with much to say cannot stall on a full pipe.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-tool-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errorHandle
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        let stderr = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), stderr)
    }

    /// Runs a tool's flat balance report and reads lines of the form `  -1500000 IDR  ACCOUNT`.
    static func toolBalances(_ executable: String, _ arguments: [String]) throws -> [String: Int64] {
        let result = try run(executable, arguments)
        #expect(result.status == 0, "\(executable) \(arguments) failed: \(result.stderr)")
        var balances: [String: Int64] = [:]
        for line in result.stdout.split(separator: "\n") {
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
        #expect(text.components(separatedBy: "\n2007-0").count - 1 == count)
        #expect(text.contains("(#2) Bantuan modal kerja B-00001 angkatan 2007\n    ; ref: KW-001\n"))
        #expect(text.contains("    U-0001:1101 Kas Usaha    1500000 IDR\n"))
        #expect(text.contains("; reversed-by: #"))
        #expect(text.contains("\ncommodity IDR\n"))
        // By value date, then entry number: the receipt recorded last but dated first leads.
        let heads = text.split(separator: "\n").filter { $0.hasPrefix("2007-") }
        #expect(heads.first?.hasPrefix("2007-07-15 (#\(count)) ") == true)
        let order = heads.map { head in [String(head.prefix(10)), String(head.dropFirst(13).prefix { $0.isNumber })] }
        #expect(zip(order, order.dropFirst()).allSatisfy { a, b in (a[0], Int(a[1])!) < (b[0], Int(b[1])!) },
                "entries are not by value date, then entry number")
        for name in ["Sari", "Dewi", "Rina", "Maya", "Wulandari"] { #expect(!text.contains(name)) }
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o644)

        let office = folder.appendingPathComponent("kantor.journal").path
        try Self.export(db: db, to: office, book: "KANTOR")
        let officeText = try String(contentsOfFile: office, encoding: .utf8)
        #expect(!officeText.contains("U-0001:"))
        #expect(officeText.contains("KANTOR:1101 Kas di Bendahara Pengeluaran    -1500000 IDR\n    ; beneficiary: B-00002\n"))
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
        #expect(expected["KANTOR:1101 Kas di Bendahara Pengeluaran"] == Int64(25_000_000 - 3 * 1_500_000 - 350_000))
        #expect(expected["U-0001:3101 Modal Bantuan"] == Int64(-1_500_000))
        let balances = try Self.toolBalances(executable, ["-f", out, "bal", "--flat", "--no-total"])
        #expect(balances == expected, "\(name) disagrees with Bekal's trial balance")
        let tb = try store.read { tx in try TrialBalance.build(from: tx) }
        for book in tb.books { #expect(book.totalDebit == book.totalCredit) }
    }
}

/// The demo programme's journal read by both tools. CI installs them (`.ci/run`); unlike the
/// small programme's cross-checks, this suite fails where a tool is missing, naming the
/// command that installs it, so a CI run can never pass without having run the tools.
///
/// It checks what the export promises: both tools' strictest checks pass (hledger 1.25:
/// `check --strict ordereddates`; ledger 3.3: `--pedantic`), both tools' balances equal
/// Bekal's trial balance for every account of every book, and the postings tagged with one
/// woman (one whose grant was reversed and paid again) are exactly Bekal's postings about her.
@Suite struct DemoJournalToolsTests {
    static func requireTool(_ name: String) throws -> String {
        try #require(JournalToolsTests.tool(name),
                     "\(name) is not installed: run `apt-get install hledger ledger` (CI installs both in .ci/run)")
    }

    @Test func theDemoJournalPassesBothToolsAndAgreesWithBekal() throws {
        let hledger = try Self.requireTool("hledger"), ledger = try Self.requireTool("ledger")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-demo-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("demo.sqlite").path
        let store = try SQLiteStore(path: db)
        _ = try DemoProgramme.load(into: store)
        let out = folder.appendingPathComponent("demo.journal").path
        try JournalToolsTests.export(db: db, to: out)

        let strict = try JournalToolsTests.run(hledger, ["-f", out, "check", "--strict", "ordereddates"])
        #expect(strict.status == 0, "hledger check --strict ordereddates refused the demo journal: \(strict.stderr)")
        let pedantic = try JournalToolsTests.run(ledger, ["--pedantic", "-f", out, "bal"])
        #expect(pedantic.status == 0, "ledger --pedantic bal refused the demo journal: \(pedantic.stderr)")

        let expected = try Self.trialBalance(store)
        #expect(expected.count == 9 + 7 * 4, "every account of the office's book (5104 and 5105 opened by the demo's write-off and repair) and of the seven usaha books")
        let nonZero = expected.filter { $0.value != 0 }
        for (name, executable) in [("hledger", hledger), ("ledger", ledger)] {
            let balances = try JournalToolsTests.toolBalances(executable, ["-f", out, "bal", "--flat", "--no-total"])
            #expect(balances == nonZero, "\(name) disagrees with Bekal's trial balance")
        }

        let her = try Self.womanWithAReversedGrant(store)
        let tag = "^\(her.code)$"
        for (name, executable, query) in [("hledger", hledger, "tag:beneficiary=\(tag)"), ("ledger", ledger, "%beneficiary=\(tag)")] {
            let balances = try JournalToolsTests.toolBalances(executable, ["-f", out, "bal", query, "--flat", "--no-total"])
            #expect(balances == her.balances.filter { $0.value != 0 }, "\(name) \(query) is not Bekal's sum of her postings")
        }
        // Her grants as hledger's register lists them: paid, reversed, paid again; total Rp1.500.000.
        let register = try JournalToolsTests.run(hledger, ["-f", out, "reg", "tag:beneficiary=\(tag)", "-O", "csv"])
        // Columns: txnidx, date, code, description, account, amount, total.
        let rows = try CSV.parse(register.stdout).dropFirst().map(\.fields)
        #expect(rows.count == her.postingCount)
        #expect(her.entryIDs.contains(her.reversalID), "the reversal carries the original's dimensions")
        #expect(Set(rows.map { $0[2] }) == Set(her.entryIDs.map { "#\($0)" }), "the reversal is among her postings")
        let grants = try JournalToolsTests.run(hledger, ["-f", out, "reg", "tag:beneficiary=\(tag)", "KANTOR:5101", "-O", "csv"])
        let grantRows = try CSV.parse(grants.stdout).dropFirst().map(\.fields)
        #expect(grantRows.count == 3, "paid, reversed, paid again")
        #expect(grantRows.last?.last == "\(her.balances["KANTOR:5101 Belanja Bantuan Modal Kerja"] ?? 0) IDR")
        #expect(her.balances["KANTOR:5101 Belanja Bantuan Modal Kerja"] == 1_500_000)
    }

    /// Bekal's trial balance, every account of every book, named as the export names it.
    static func trialBalance(_ store: SQLiteStore) throws -> [String: Int64] {
        try store.read { tx in
            let tb = try TrialBalance.build(from: tx)
            var balances: [String: Int64] = [:]
            for book in try tx.books() {
                let lines = try #require(tb.books.first { $0.code == book.code }).accounts
                for account in try tx.accounts(bookID: book.id) {
                    let line = try #require(lines.first { $0.code == account.code })
                    balances[JournalExport.accountName(bookCode: book.code, account: account)] = line.balance.amount
                }
            }
            return balances
        }
    }

    /// The woman whose grant was reversed, with Bekal's own sums of the postings that carry her
    /// as their beneficiary, per account, and the entries they belong to.
    static func womanWithAReversedGrant(_ store: SQLiteStore) throws
        -> (code: String, balances: [String: Int64], postingCount: Int, entryIDs: Set<Int64>, reversalID: Int64) {
        try store.read { tx in
            var names: [Int64: String] = [:]
            for book in try tx.books() {
                for account in try tx.accounts(bookID: book.id) {
                    names[account.id] = JournalExport.accountName(bookCode: book.code, account: account)
                }
            }
            var entries: [JournalEntry] = []
            try tx.forEachEntry { entries.append($0) }
            let reversedGrant = try #require(entries.first { entry in
                entry.kind == .reversal && entries.contains { $0.id == entry.reversesEntryID && $0.kind == .grant }
            }, "the demo has a reversed grant")
            let id = try #require(reversedGrant.postings.compactMap(\.dimensions.beneficiaryID).first)
            var balances: [String: Int64] = [:]
            var count = 0
            var entryIDs: Set<Int64> = []
            for entry in entries {
                for posting in entry.postings where posting.dimensions.beneficiaryID == id {
                    balances[names[posting.accountID]!, default: 0] += posting.amount.amount
                    count += 1
                    entryIDs.insert(entry.id)
                }
            }
            return (Beneficiary.code(for: id), balances, count, entryIDs, reversedGrant.id)
        }
    }
}
