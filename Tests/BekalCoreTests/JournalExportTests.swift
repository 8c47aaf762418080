import BekalCore
import Testing

@Suite struct JournalExportTests {
    let cash = Account(id: 1, bookID: 1, code: "1101", name: "Kas di Bendahara Pengeluaran", type: .asset, noNegative: true, role: .cash)
    let grants = Account(id: 5, bookID: 1, code: "5101", name: "Belanja Bantuan Modal Kerja", type: .expense, noNegative: false, role: .grantExpense)

    func grant(id: Int64 = 12, memo: String = "Bantuan modal kerja B-00012 angkatan 2007", ref: String? = "KW-001",
               reverses: Int64? = nil) -> JournalEntry {
        JournalEntry(id: id, bookID: 1, kind: reverses == nil ? .grant : .reversal, valueDate: LocalDate(year: 2007, month: 8, day: 1)!,
                     recordedAt: "2026-11-25T05:00:00Z", actor: "bendahara", memo: memo, documentRef: ref,
                     idempotencyKey: "grant:KW-001", reversesEntryID: reverses, linkedEntryID: nil,
                     postings: [Posting(accountID: 5, amount: Rupiah(1_500_000)), Posting(accountID: 1, amount: Rupiah(-1_500_000))],
                     previousHash: "", hash: String(repeating: "0", count: 64))
    }

    var names: JournalExport.Names {
        JournalExport.Names(accounts: [1: JournalExport.accountName(bookCode: "KANTOR", account: cash),
                                       5: JournalExport.accountName(bookCode: "KANTOR", account: grants)],
                            cohorts: [3: "2007"])
    }

    @Test func anEntryIsADatedCodedTransactionWithTwoSpacedPostings() {
        let text = JournalExport.text(of: grant(), names: names, reversedByEntryID: nil)
        #expect(text == """
            2007-08-01 (#12) Bantuan modal kerja B-00012 angkatan 2007
                ; ref: KW-001
                ; kind: grant
                KANTOR:5101 Belanja Bantuan Modal Kerja    1500000 IDR
                KANTOR:1101 Kas di Bendahara Pengeluaran    -1500000 IDR


            """)
    }

    @Test func eachPostingIsFollowedByItsDimensionsOneTagALine() {
        let all = Dimensions(beneficiaryID: 12, kelompokID: 3, usahaID: 7, cohortID: 3, budgetYear: 2007)
        var entry = grant()
        entry = JournalEntry(id: entry.id, bookID: 1, kind: .grant, valueDate: entry.valueDate, recordedAt: entry.recordedAt,
                             actor: entry.actor, memo: entry.memo, documentRef: "KW-001", idempotencyKey: entry.idempotencyKey,
                             reversesEntryID: nil, linkedEntryID: nil,
                             postings: [Posting(accountID: 5, amount: Rupiah(1_500_000), dimensions: all),
                                        Posting(accountID: 1, amount: Rupiah(-1_500_000), dimensions: Dimensions(budgetYear: 2007))],
                             previousHash: "", hash: entry.hash)
        let text = JournalExport.text(of: entry, names: names, reversedByEntryID: nil)
        #expect(text.hasSuffix("""
                KANTOR:5101 Belanja Bantuan Modal Kerja    1500000 IDR
                ; beneficiary: B-00012
                ; kelompok: K-0003
                ; usaha: U-0007
                ; cohort: 2007
                ; budget-year: 2007
                KANTOR:1101 Kas di Bendahara Pengeluaran    -1500000 IDR
                ; budget-year: 2007


            """))
    }

    @Test func aTagValueKeepsToOneValueInBothTools() {
        // hledger ends a tag value at a comma, ledger-cli at the end of the line.
        let text = JournalExport.text(of: grant(ref: "KW-001, lembar 2;  salinan"), names: names, reversedByEntryID: nil)
        #expect(text.contains("\n    ; ref: KW-001 lembar 2 salinan\n"))
    }

    @Test func aReversalAndItsOriginalNameEachOther() {
        let original = JournalExport.text(of: grant(), names: names, reversedByEntryID: 13)
        let reversal = JournalExport.text(of: grant(id: 13, memo: "Batal: salah orang", ref: nil, reverses: 12),
                                          names: names, reversedByEntryID: nil)
        #expect(original.contains("    ; reversed-by: #13\n"))
        #expect(reversal.contains("    ; reverses: #12\n"))
        #expect(!reversal.contains("; ref:"))
    }

    @Test func accountNamesCannotOpenSubAccountsCommentsOrEndEarly() {
        let odd = Account(id: 9, bookID: 2, code: "41:01", name: "Penjualan;  kue\tbasah\n", type: .income, noNegative: false, role: nil)
        #expect(JournalExport.accountName(bookCode: "U-0007", account: odd) == "U-0007:41-01 Penjualan, kue basah")
        #expect(JournalExport.accountName(bookCode: "KANTOR", account: cash) == "KANTOR:1101 Kas di Bendahara Pengeluaran")
    }

    @Test func aMemoStaysOnOneLineAndSingleSpaced() {
        let text = JournalExport.text(of: grant(memo: "Bantuan  modal\nkerja  ; catatan"), names: names, reversedByEntryID: nil)
        #expect(text.hasPrefix("2007-08-01 (#12) Bantuan modal kerja , catatan\n    ; ref: KW-001\n"))
    }

    @Test func amountsAboveTenTrillionKeepEveryDigit() {
        var entry = grant()
        entry = JournalEntry(id: entry.id, bookID: 1, kind: .budgetReceipt, valueDate: entry.valueDate, recordedAt: entry.recordedAt,
                             actor: entry.actor, memo: "APBD", documentRef: "SP2D-1", idempotencyKey: "b", reversesEntryID: nil,
                             linkedEntryID: nil,
                             postings: [Posting(accountID: 1, amount: Rupiah(12_345_678_901_234)),
                                        Posting(accountID: 5, amount: Rupiah(-12_345_678_901_234))],
                             previousHash: "", hash: entry.hash)
        let text = JournalExport.text(of: entry, names: names, reversedByEntryID: nil)
        #expect(text.contains("Pengeluaran    12345678901234 IDR\n"))
        #expect(text.contains("Kerja    -12345678901234 IDR\n"))
    }
}
