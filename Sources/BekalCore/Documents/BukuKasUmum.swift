/// One month of the treasurer's cash book (*Buku Kas Umum*, BKU) in the layout a bendahara
/// pengeluaran submits with the monthly SPJ: the cash and the bank together, one row per
/// posting (No., Tanggal, No. Bukti, Uraian, Kode Rekening, Penerimaan, Pengeluaran, Saldo),
/// the month's totals (*jumlah bulan ini*), the totals of the budget year before it (*s.d.
/// bulan lalu*) and through it (*s.d. bulan ini*), the closing cash split into kas tunai and
/// bank, and the place, date and signatories. The PDF and xlsx adapters only lay it out.
///
/// - The Kode Rekening of a row is the code of the entry's other account (the budget line,
///   the grant expense …): the account's `code`, which offices renumber with
///   `bekal account rename`. Several other accounts are listed, separated by commas.
/// - A transfer between the bank and cash (*pemindahbukuan*) shows both sides: a payment in the
///   sub-book it leaves and a receipt in the one it enters, each with the other sub-book's
///   account as its Kode Rekening. The two rows cancel in the Saldo, and both count in the
///   Penerimaan and Pengeluaran totals, as the paper BKU writes them.
/// - The budget year is the calendar year: *s.d. bulan lalu* runs from 1 January.
/// - A month is bounded (the benchmark prints one of 10,000 entries), so its rows are held.
///
/// It names no beneficiary: an entry's Uraian carries codes (B-00001), never names.
public struct BukuKasUmum: Hashable, Sendable {
    /// One posting on the cash or bank account.
    public struct Row: Hashable, Sendable {
        /// No.: 1, 2, 3 … within the month.
        public let number: Int
        public let date: LocalDate
        public let entryID: Int64
        /// No. Bukti: the entry's document reference.
        public let documentRef: String?
        /// The entry's memo.
        public let memo: String
        public let subBook: CashSubBook
        /// Kode Rekening: the entry's other accounts' codes.
        public let accountCodes: String
        public let receipt: Rupiah
        public let payment: Rupiah
        /// Cash and bank together after this row.
        public let balance: Rupiah
        public let reversesEntryID: Int64?
        public let reversedByEntryID: Int64?

        /// Uraian as printed: the memo, the sub-book, and a reversal's note.
        public var uraian: String {
            let note = ReversalNote.text(reverses: reversesEntryID, reversedBy: reversedByEntryID)
            return "\(memo) (\(subBook.label.lowercased()))" + (note.isEmpty ? "" : "; \(note)")
        }
    }

    /// Receipts and payments over a span of the budget year.
    public struct Totals: Hashable, Sendable {
        public var receipts: Rupiah
        public var payments: Rupiah
        public static let zero = Totals(receipts: .zero, payments: .zero)

        public init(receipts: Rupiah, payments: Rupiah) {
            self.receipts = receipts
            self.payments = payments
        }

        func adding(_ other: Totals) throws -> Totals {
            Totals(receipts: try receipts.adding(other.receipts), payments: try payments.adding(other.payments))
        }
    }

    public let officeName: String
    public var officeAddress: String?
    public let month: YearMonth
    /// "1101 Kas di Bendahara", "1102 Bank".
    public let cashAccount: String
    public let bankAccount: String
    /// Cash and bank together at the end of the month before.
    public let openingBalance: Rupiah
    public let rows: [Row]
    /// Jumlah bulan ini.
    public let thisMonth: Totals
    /// s.d. bulan lalu: from 1 January to the end of the month before.
    public let beforeThisMonth: Totals
    /// s.d. bulan ini.
    public let throughThisMonth: Totals
    /// Kas tunai and bank at the month's end.
    public let closingCash: Rupiah
    public let closingBank: Rupiah
    public var closingBalance: Rupiah { Rupiah(closingCash.amount &+ closingBank.amount) }
    /// Whether the month is closed (`bekal period close`); an open month's BKU is a draft.
    public let isClosed: Bool
    public let signatories: Signatories

    public static let title = "BUKU KAS UMUM"
    public static let columnTitles = ["No.", "Tanggal", "No. Bukti", "Uraian", "Kode Rekening", "Penerimaan", "Pengeluaran", "Saldo"]
    /// What the BKU prints from the settings: it is refused while one is missing.
    public static let neededSettings: [DocumentSetting] = [.officeName, .place, .treasurerName, .treasurerNIP, .headName, .headNIP]

    /// `bku-2026-11.pdf` (or `.xlsx`).
    public func fileName(extension ext: String = "pdf") -> String { "bku-\(month).\(ext)" }

    /// The signing date: the month's last day.
    public var signedOn: LocalDate { month.lastDay }

    /// Builds the month's BKU from the office book; refused, naming it, while a setting it prints is missing.
    public static func build(month: YearMonth, in tx: any StoreTransaction) throws -> BukuKasUmum {
        let settings = try tx.settings()
        try settings.require(neededSettings, for: "Buku Kas Umum")
        let book = try Operations.officeBook(tx)
        guard let cash = try tx.account(bookID: book.id, role: .cash) else { throw ProgrammeRejection.chartIncomplete(book: book.code, role: .cash) }
        guard let bank = try tx.account(bookID: book.id, role: .bank) else { throw ProgrammeRejection.chartIncomplete(book: book.code, role: .bank) }
        let codes = Dictionary(try tx.accounts(bookID: book.id).map { ($0.id, $0.code) }) { first, _ in first }
        let accounts: [(CashSubBook, Account)] = [(.cash, cash), (.bank, bank)]
        let monthBefore = month.firstDay.adding(days: -1)
        let yearStart = LocalDate(year: month.year, month: 1, day: 1)!

        var opening = Rupiah.zero
        var closing: [CashSubBook: Rupiah] = [:]
        var before = Totals.zero
        var postings: [(subBook: CashSubBook, posting: PostingRow)] = []
        for (subBook, account) in accounts {
            let brought = try tx.postingTotals(PostingQuery(accountID: account.id, to: monthBefore)).net
            opening = try opening.adding(brought)
            closing[subBook] = brought
            if month.month > 1 {
                let year = try tx.postingTotals(PostingQuery(accountID: account.id, from: yearStart, to: monthBefore))
                before = try before.adding(Totals(receipts: year.debit, payments: year.credit))
            }
            try tx.forEachPosting(PostingQuery(accountID: account.id, from: month.firstDay, to: month.lastDay)) { postings.append((subBook, $0)) }
        }
        postings.sort { a, b in
            (a.posting.valueDate, a.posting.entryID, a.posting.line) < (b.posting.valueDate, b.posting.entryID, b.posting.line)
        }

        var rows: [Row] = []
        rows.reserveCapacity(postings.count)
        var balance = opening
        var totals = Totals.zero
        var entry: JournalEntry?
        for (index, item) in postings.enumerated() {
            let p = item.posting
            if entry?.id != p.entryID { entry = try tx.entry(id: p.entryID) }
            let other = item.subBook == .cash ? bank : cash
            let counter = (entry?.postings ?? []).map(\.accountID).filter { $0 != cash.id && $0 != bank.id }
            var seen = Set<Int64>()
            let counterCodes = counter.filter { seen.insert($0).inserted }.compactMap { codes[$0] }
            let receipt = p.amount.isPositive ? p.amount : .zero
            let payment = p.amount.isPositive ? .zero : p.amount.negated
            balance = try balance.adding(p.amount)
            totals = try totals.adding(Totals(receipts: receipt, payments: payment))
            closing[item.subBook] = try (closing[item.subBook] ?? .zero).adding(p.amount)
            rows.append(Row(number: index + 1, date: p.valueDate, entryID: p.entryID, documentRef: p.documentRef, memo: p.memo,
                            subBook: item.subBook, accountCodes: counterCodes.isEmpty ? other.code : counterCodes.joined(separator: ", "),
                            receipt: receipt, payment: payment, balance: balance, reversesEntryID: p.reversesEntryID,
                            reversedByEntryID: p.reversedByEntryID))
        }
        let closed = try tx.closedThrough(bookID: book.id).map { $0 >= month } ?? false
        var bku = BukuKasUmum(officeName: settings.officeName, month: month, cashAccount: "\(cash.code) \(cash.name)",
                              bankAccount: "\(bank.code) \(bank.name)", openingBalance: opening, rows: rows, thisMonth: totals,
                              beforeThisMonth: before, throughThisMonth: try before.adding(totals), closingCash: closing[.cash] ?? .zero,
                              closingBank: closing[.bank] ?? .zero, isClosed: closed, signatories: settings.signatories)
        bku.officeAddress = settings.officeAddress
        return bku
    }

    public init(officeName: String, month: YearMonth, cashAccount: String, bankAccount: String, openingBalance: Rupiah, rows: [Row],
                thisMonth: Totals, beforeThisMonth: Totals, throughThisMonth: Totals, closingCash: Rupiah, closingBank: Rupiah, isClosed: Bool,
                signatories: Signatories) {
        self.officeName = officeName
        self.month = month
        self.cashAccount = cashAccount
        self.bankAccount = bankAccount
        self.openingBalance = openingBalance
        self.rows = rows
        self.thisMonth = thisMonth
        self.beforeThisMonth = beforeThisMonth
        self.throughThisMonth = throughThisMonth
        self.closingCash = closingCash
        self.closingBank = closingBank
        self.isClosed = isClosed
        self.signatories = signatories
    }
}

extension BukuKasUmum.Row {
    public init(number: Int, date: LocalDate, entryID: Int64, documentRef: String?, memo: String, subBook: CashSubBook,
                accountCodes: String, receipt: Rupiah, payment: Rupiah, balance: Rupiah) {
        self.init(number: number, date: date, entryID: entryID, documentRef: documentRef, memo: memo, subBook: subBook,
                  accountCodes: accountCodes, receipt: receipt, payment: payment, balance: balance, reversesEntryID: nil,
                  reversedByEntryID: nil)
    }
}

extension Operations {
    /// The Buku Kas Umum of a month of the office book (open or closed; an open one prints as a draft).
    public func bukuKasUmum(month: YearMonth) throws -> BukuKasUmum {
        try store.read { tx in try BukuKasUmum.build(month: month, in: tx) }
    }
}
