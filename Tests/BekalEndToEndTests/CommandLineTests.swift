import BekalCore
import Foundation
import Testing

@Suite("bekal, the executable")
struct CommandLineTests {
    /// Today in the office's time zone, as the executable computes it from the clock.
    var today: String { LocalDate(Date(), in: TimeZone(identifier: "Asia/Jakarta")!).description }

    func expectOK(_ run: Bekal.Run, _ stdout: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 0, "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdout == stdout + "\n", sourceLocation: sourceLocation)
        #expect(run.stderr.isEmpty, sourceLocation: sourceLocation)
    }

    func expectRefused(_ run: Bekal.Run, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 1, sourceLocation: sourceLocation)
        #expect(run.stderr == "bekal: \(message)\n", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    /// The set-up of a programme with one graduate and Rp20.000.000 in cash.
    func setUp(_ bekal: Bekal) throws {
        let initialised = try bekal.run("init", "--name", "Dinas Sosial Kota Uji")
        #expect(initialised.status == 0 && initialised.stdout.hasPrefix("Database bekal.sqlite is ready (book KANTOR).\nSeal key created at bekal.sqlite.seal-key"))
        expectOK(try bekal.run("track", "add", "--code", "tata-boga", "--name", "Tata Boga"), "Track tata-boga added.")
        expectOK(try bekal.run("cohort", "add", "--code", "2026", "--budget-year", "2026"), "Cohort 2026 added.")
        expectOK(try bekal.run("beneficiary", "add", "--name", "Sari Uji", "--birth-year", "1990"), "Beneficiary B-00001 added.")
        expectOK(try bekal.run("beneficiary", "add", "--name", "Wati Uji"), "Beneficiary B-00002 added.")
        expectOK(try bekal.run("enrol", "--beneficiary", "B-00001", "--cohort", "2026", "--track", "tata-boga", "--status", "completed"),
                 "B-00001 is completed in cohort 2026.")
        expectOK(try bekal.run("enrol", "--beneficiary", "B-00002", "--cohort", "2026", "--track", "tata-boga", "--status", "completed"),
                 "B-00002 is completed in cohort 2026.")
        expectOK(try bekal.run("budget", "receive", "--amount", "Rp 20.000.000", "--ref", "SP2D-001"),
                 "Entry #1 recorded on \(today): budget received Rp20.000.000.")
        // These tests are about the grant's own rules; the recipient list's are in
        // ``recipientListsFromDraftToPaidAndPrinted()``.
        expectOK(try bekal.run("settings", "set", "--grants-need-list", "no"),
                 "Settings saved: grant Rp1.500.000, kelompok of 3, Asia/Jakarta.")
    }

    /// A new office pays only against an approved list: the admin drafts it, she cannot approve
    /// it herself, the head of office approves it with the SK, the bendahara pays the whole list
    /// (run twice: nobody paid twice), and the list and its kuitansi print once the settings
    /// they need are set.
    @Test func recipientListsFromDraftToPaidAndPrinted() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        _ = try bekal.run("init", "--name", "Dinas Sosial Kota Uji")
        _ = try bekal.run("track", "add", "--code", "tata-boga", "--name", "Tata Boga")
        _ = try bekal.run("cohort", "add", "--code", "2026", "--budget-year", "2026")
        for name in ["Sari Uji", "Wati Uji"] {
            let added = try bekal.run("beneficiary", "add", "--name", name)
            let code = String(try #require(added.stdout.firstMatch(of: /B-[0-9]{5}/)).0)
            _ = try bekal.run("enrol", "--beneficiary", code, "--cohort", "2026", "--track", "tata-boga", "--status", "completed")
        }
        _ = try bekal.run("budget", "receive", "--amount", "10.000.000", "--ref", "SP2D-001")
        expectRefused(try bekal.run("grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-001"),
                      "B-00001 is on no approved recipient list of cohort 2026; a grant is paid only against an approved list. Have the list approved (`bekal list approve`), draft one that names her, or have an admin record `bekal grant exception --cohort 2026` with a reason.")
        expectOK(try bekal.run("list", "draft", "--cohort", "2026", "--actor", "admin"),
                 "List DP-2026-1 drafted: 2 people, Rp1.500.000 each, Rp3.000.000 in all. It waits for approval by another officer: bekal list approve DP-2026-1 --sk … --sk-date … --actor ….")
        expectRefused(try bekal.run("list", "approve", "DP-2026-1", "--sk", "460/1/2026", "--sk-date", today, "--actor", "admin"),
                      "You drafted list DP-2026-1, so you cannot approve it: the head of office (or another officer who may approve) approves it.")
        expectOK(try bekal.run("list", "approve", "DP-2026-1", "--sk", "460/1/2026", "--sk-date", today, "--actor", "kepala"),
                 "List DP-2026-1 approved by kepala with SK 460/1/2026 of \(today): 2 people, Rp3.000.000. It is frozen now.")
        expectOK(try bekal.run("list", "pay", "DP-2026-1"),
                 "  1. B-00001 KW/DP-2026-1/001: paid, entry #2\n  2. B-00002 KW/DP-2026-1/002: paid, entry #3")
        expectOK(try bekal.run("list", "pay", "DP-2026-1"),
                 "  1. B-00001 KW/DP-2026-1/001: already paid under this number (entry #2)\n  2. B-00002 KW/DP-2026-1/002: already paid under this number (entry #3)")
        let shown = try bekal.run("list", "show", "DP-2026-1")
        #expect(shown.status == 0 && shown.stdout.contains("2 of 2 paid (Rp3.000.000 of Rp3.000.000)."), "\(shown.stdout)")
        // Printing needs the office's settings: refused by name until they are set.
        expectRefused(try bekal.run("print", "daftar-penerima", "--list", "DP-2026-1", "--out", "dp.pdf"),
                      "The daftar penerima prints the place documents are signed, which is not set; an admin sets it with `bekal settings set --place …` (or on the web app's Pengaturan page), then print it again.")
        #expect(!FileManager.default.fileExists(atPath: bekal.directory.appendingPathComponent("dp.pdf").path))
        _ = try bekal.run("settings", "set", "--place", "Kota Uji", "--treasurer-name", "Bendahara Uji", "--treasurer-nip", "198203152006042011",
                          "--head-name", "Kepala Uji", "--head-nip", "196807121994031004", "--officer-name", "PPTK Uji",
                          "--officer-nip", "197905202005012009")
        expectOK(try bekal.run("print", "daftar-penerima", "--list", "DP-2026-1", "--out", "dp.pdf"),
                 "Daftar penerima DP-2026-1 (2 people, Rp3.000.000, SK 460/1/2026) written to dp.pdf.")
        expectOK(try bekal.run("print", "kuitansi", "--entry", "3", "--out", "k.pdf"),
                 "Kuitansi KW/DP-2026-1/002 (B-00002, Rp1.500.000) written to k.pdf.")
        expectOK(try bekal.run("print", "kuitansi", "--list", "DP-2026-1", "--out", "semua.pdf"),
                 "2 kuitansi of list DP-2026-1 written to semua.pdf, one per page.")
        expectOK(try bekal.run("verify"), "OK: 3 entries, 6 postings; hash chain, balance, running balances, cash by value date, no seal yet (`bekal seal`) and the schema verified.")
    }

    @Test func anOfficersDay() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        try setUp(bekal)

        expectOK(try bekal.run("grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-001"),
                 "Entry #2 recorded on \(today): grant Rp1.500.000 to B-00001.")
        // The same kuitansi again pays once.
        expectOK(try bekal.run("grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-001"),
                 "Already recorded as entry #2 (reference KW-001); nothing changed.")
        expectRefused(try bekal.run("grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-001", "--amount", "2.000.000"),
                      "Reference \"KW-001\" was already recorded as entry #2 with amount Rp1.500.000; this request has amount Rp2.000.000. If it is the same document, nothing needs doing; if not, use the document's own reference.")
        // One zero too many is not paid; the same amount stated as intended meets the cash check.
        expectRefused(try bekal.run("grant", "disburse", "--beneficiary", "B-00002", "--ref", "KW-002", "--amount", "Rp15.000.000"),
                      "The grant to B-00002 is Rp15.000.000, not cohort 2026's standard Rp1.500.000. Check the amount (one zero too many?); if it is intended, state why with --amount-reason.")
        expectRefused(try bekal.run("grant", "disburse", "--beneficiary", "B-00002", "--ref", "KW-002", "--amount", "Rp30.000.000",
                                    "--amount-reason", "modal kelompok enam orang"),
                      "Account 1101 Kas di Bendahara Pengeluaran holds Rp18.500.000; this would take it below zero by Rp11.500.000. Record the budget received first, or pay less.")
        expectRefused(try bekal.run("grant", "disburse", "--beneficiary", "B-00002", "--ref", "KW-002", "--amount", "1.500.000,50"),
                      "amount \"1.500.000,50\" has a fraction of a rupiah (a decimal comma): amounts are whole rupiah: write 1.500.000, not 1.500.000,50.")
        expectRefused(try bekal.run("grant", "disburse", "--beneficiary", "B-00002", "--ref", "KW-002", "--date", "26-11-2026"),
                      "--date \"26-11-2026\" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25.")

        let verify = try bekal.run("verify")
        expectOK(verify, "OK: 2 entries, 4 postings; hash chain, balance, running balances, cash by value date, no seal yet (`bekal seal`) and the schema verified.")

        let attributes = try FileManager.default.attributesOfItem(atPath: bekal.databasePath)
        #expect((attributes[.posixPermissions] as! NSNumber).intValue & 0o777 == 0o600)
    }

    /// Money into the bank, a withdrawal to cash, a grant transferred from the bank, and the
    /// BKU's two sub-books.
    @Test func theBankIsASubBookThatCanBeSpent() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        try setUp(bekal)
        expectOK(try bekal.run("budget", "receive", "--amount", "10.000.000", "--ref", "SP2D-002", "--into-bank"),
                 "Entry #2 recorded on \(today): budget received Rp10.000.000.")
        expectOK(try bekal.run("transfer", "--to", "cash", "--amount", "4.000.000", "--ref", "PB-001"),
                 "Entry #3 recorded on \(today): Rp4.000.000 moved from bank to cash.")
        expectOK(try bekal.run("grant", "disburse", "--beneficiary", "B-00001", "--ref", "TRF-001", "--from-bank"),
                 "Entry #4 recorded on \(today): grant Rp1.500.000 to B-00001.")
        expectRefused(try bekal.run("transfer", "--to", "cash", "--amount", "5.000.000", "--ref", "PB-002"),
                      "Account 1102 Rekening Bank Bendahara holds Rp4.500.000; this would take it below zero by Rp500.000. Record the budget received first, or pay less.")
        let bank = try bekal.run("report", "cash-book", "--sub-book", "bank", "--format", "csv")
        #expect(bank.status == 0, "\(bank.stderr)")
        let lines = bank.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.filter { $0.contains("SP2D-002") || $0.contains("PB-001") || $0.contains("TRF-001") }.count == 3)
        #expect(lines.last?.hasSuffix(",4500000,") == true, "\(lines)")
        let cash = try bekal.run("report", "cash-book")
        #expect(cash.stdout.hasPrefix("Buku Kas Umum · Kas Tunai · 1101"))
        #expect(!cash.stdout.contains("TRF-001") && cash.stdout.contains("PB-001"))
        expectOK(try bekal.run("verify"), "OK: 4 entries, 8 postings; hash chain, balance, running balances, cash by value date, no seal yet (`bekal seal`) and the schema verified.")
    }

    /// `{"books": [{"code", "name", "accounts": [{"code", "name", "type", "debit", "credit", "balance"}],
    /// "totalDebit", "totalCredit"}]}`, amounts as integers.
    @Test func trialBalanceJSONKeepsTheContract() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        try setUp(bekal)
        _ = try bekal.run("grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-001")
        let run = try bekal.run("report", "trial-balance", "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["books"])
        let books = try #require(root["books"] as? [[String: Any]])
        #expect(books.count == 1)
        let book = books[0]
        #expect(Set(book.keys) == ["code", "name", "accounts", "totalDebit", "totalCredit"])
        #expect(book["code"] as? String == "KANTOR")
        let accounts = try #require(book["accounts"] as? [[String: Any]])
        #expect(accounts.count == 7)
        for account in accounts {
            #expect(Set(account.keys) == ["code", "name", "type", "debit", "credit", "balance"])
        }
        // Integers, not strings or floats: decode them as Int64.
        struct Line: Decodable { let code: String; let name: String; let type: String; let debit: Int64; let credit: Int64; let balance: Int64 }
        struct BookJSON: Decodable { let code: String; let name: String; let accounts: [Line]; let totalDebit: Int64; let totalCredit: Int64 }
        struct Root: Decodable { let books: [BookJSON] }
        let decoded = try JSONDecoder().decode(Root.self, from: Data(run.stdout.utf8)).books[0]
        #expect(!run.stdout.contains("."), "amounts must be integers")
        #expect(decoded.totalDebit == 21_500_000 && decoded.totalCredit == 21_500_000)
        let byCode = Dictionary(uniqueKeysWithValues: decoded.accounts.map { ($0.code, $0) })
        let cash = try #require(byCode["1101"])
        #expect((cash.name, cash.type, cash.debit, cash.credit, cash.balance) == ("Kas di Bendahara Pengeluaran", "asset", 20_000_000, 1_500_000, 18_500_000))
        let grants = try #require(byCode["5101"])
        #expect((grants.type, grants.debit, grants.credit, grants.balance) == ("expense", 1_500_000, 0, 1_500_000))
        let budget = try #require(byCode["4101"])
        #expect((budget.type, budget.debit, budget.credit, budget.balance) == ("income", 0, 20_000_000, -20_000_000))
    }

    @Test func bekalDBEnvironmentVariableIsHonoured() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let elsewhere = bekal.directory.appendingPathComponent("kantor/buku.sqlite").path
        try FileManager.default.createDirectory(atPath: bekal.directory.appendingPathComponent("kantor").path, withIntermediateDirectories: true)
        #expect(try bekal.run("init", environment: ["BEKAL_DB": elsewhere]).stdout.hasPrefix("Database \(elsewhere) is ready (book KANTOR).\n"))
        #expect(FileManager.default.fileExists(atPath: elsewhere))
        #expect(!FileManager.default.fileExists(atPath: bekal.databasePath))
        let attributes = try FileManager.default.attributesOfItem(atPath: elsewhere)
        #expect((attributes[.posixPermissions] as! NSNumber).intValue & 0o777 == 0o600)
        expectOK(try bekal.run("budget", "receive", "--amount", "5000000", "--ref", "SP2D-9", environment: ["BEKAL_DB": elsewhere]),
                 "Entry #1 recorded on \(today): budget received Rp5.000.000.")
        // --db wins over the environment.
        let explicit = bekal.directory.appendingPathComponent("lain.sqlite").path
        #expect(try bekal.run("init", "--db", explicit, environment: ["BEKAL_DB": elsewhere]).stdout.hasPrefix("Database \(explicit) is ready (book KANTOR).\n"))
        expectOK(try bekal.run("verify", environment: ["BEKAL_DB": elsewhere]),
                 "OK: 1 entries, 2 postings; hash chain, balance, running balances, cash by value date, no seal yet (`bekal seal`) and the schema verified.")
    }

    @Test func refusalsBeforeInitAndUsageErrors() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        expectRefused(try bekal.run("budget", "receive", "--amount", "5000000", "--ref", "SP2D-9"),
                      "No Bekal database at bekal.sqlite; create one with `bekal init --db bekal.sqlite` (or `bekal demo`), or give the right path with --db or BEKAL_DB.")
        #expect(!FileManager.default.fileExists(atPath: bekal.databasePath), "a refused command must not create the file")
        let nowhere = bekal.directory.appendingPathComponent("tidak-ada/bekal.sqlite").path
        expectRefused(try bekal.run("verify", "--db", nowhere),
                      "No Bekal database at \(nowhere); create one with `bekal init --db \(nowhere)` (or `bekal demo`), or give the right path with --db or BEKAL_DB.")
        let missing = try bekal.run("grant", "disburse", "--beneficiary", "B-00001")
        #expect(missing.status != 0 && missing.status != 1)
        #expect(missing.stderr.contains("Missing expected argument '--ref <ref>'"))
    }

    @Test func verifyAndRestoreCatchTampering() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        try setUp(bekal)
        _ = try bekal.run("grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-001")
        expectOK(try bekal.run("backup", "--to", "cadangan.sqlite"), "Backed up bekal.sqlite to cadangan.sqlite.")
        expectRefused(try bekal.run("backup", "--to", "cadangan.sqlite"),
                      "cadangan.sqlite already exists; a backup never overwrites a file. Choose a new name.")
        expectOK(try bekal.run("restore", "--from", "cadangan.sqlite"), "Restored bekal.sqlite from cadangan.sqlite.")

        // Edit the backup behind Bekal's back, as someone with the file could.
        let backup = bekal.directory.appendingPathComponent("cadangan.sqlite").path
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("DROP TRIGGER journal_entry_no_update")
            db.execute("UPDATE journal_entry SET memo = 'diubah' WHERE id = 2")
            db.commit()
            """, backup]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0, "python3 with sqlite3 is needed to tamper with the file")

        let verify = try bekal.run("verify", "--db", backup)
        #expect(verify.status == 1)
        #expect(verify.stdout == "entry #2: content does not match its hash (altered after recording)\nschema: trigger journal_entry_no_update is missing (an append-only rule was dropped)\n")
        #expect(verify.stderr == "bekal: Verification failed with 2 problem(s); the first wrong entry is #2.\n")
        let restore = try bekal.run("restore", "--from", "cadangan.sqlite")
        #expect(restore.status == 1 && restore.stdout.isEmpty)
        #expect(restore.stderr == """
            bekal: cadangan.sqlite: entry #2: content does not match its hash (altered after recording)
            bekal: cadangan.sqlite: schema: trigger journal_entry_no_update is missing (an append-only rule was dropped)
            bekal: Verification failed with 2 problem(s); the first wrong entry is #2.

            """)
        expectOK(try bekal.run("verify"), "OK: 2 entries, 4 postings; hash chain, balance, running balances, cash by value date, no seal yet (`bekal seal`) and the schema verified.")
    }
}
