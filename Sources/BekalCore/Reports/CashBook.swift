/// The treasurer's cash book (*Buku Kas Umum*, BKU) of one sub-book, cash (*kas tunai*) or the
/// bank: every receipt and payment of its account in date order, numbered from 1 again each month (No. BKU), with a running
/// balance, the balance brought forward, and a total after each month.
///
/// Streamed like ``GeneralLedger``: ``stream(_:in:opening:row:)`` hands on each row as it is
/// read; only the current month's totals are kept.
public struct CashBook: Hashable, Codable, Sendable {
    public struct Request: Hashable, Sendable {
        public var from: LocalDate?
        public var to: LocalDate?
        /// Cash (the default) or the bank.
        public var subBook: CashSubBook
        /// Any account of the office's book instead of a sub-book's.
        public var accountCode: String?

        public init(from: LocalDate? = nil, to: LocalDate? = nil, subBook: CashSubBook = .cash, accountCode: String? = nil) {
            self.from = from
            self.to = to
            self.subBook = subBook
            self.accountCode = accountCode
        }
    }

    public struct Opening: Hashable, Codable, Sendable {
        /// Nil when the book was asked for by account code and the account is neither cash nor the bank.
        public let subBook: CashSubBook?
        public let accountCode: String
        public let accountName: String
        public let from: LocalDate?
        public let to: LocalDate?
        public let openingBalance: Rupiah
    }

    /// A body row: a posting (`entry`) or the total of a month (`month_total`).
    public struct Row: Hashable, Codable, Sendable {
        public enum RowType: String, Codable, Sendable {
            case entry
            case monthTotal = "month_total"
        }
        public let type: RowType
        public let month: YearMonth
        /// The posting's date; for a month total, the last day of the month (or of the period).
        public let date: LocalDate
        /// No. BKU: 1, 2, 3 … within the month. Nil on a month total.
        public let number: Int?
        public let entryID: Int64?
        public let documentRef: String?
        public let description: String
        public let receipt: Rupiah
        public let payment: Rupiah
        public let balance: Rupiah
        public let reversesEntryID: Int64?
        public let reversedByEntryID: Int64?
        public var note: String { ReversalNote.text(reverses: reversesEntryID, reversedBy: reversedByEntryID) }
    }

    public struct Closing: Hashable, Codable, Sendable {
        public let totalReceipts: Rupiah
        public let totalPayments: Rupiah
        public let closingBalance: Rupiah
        public let entryCount: Int
    }

    public let opening: Opening
    public let rows: [Row]
    public let closing: Closing

    public static let title = "Buku Kas Umum"

    public static let columns: [Table.Column] = [
        .init("date", "Tanggal", .date), .init("bku_number", "No. BKU", .integer), .init("document_ref", "No. Bukti"),
        .init("entry", "No. Entri", .integer), .init("description", "Uraian"), .init("receipt", "Penerimaan", .rupiah),
        .init("payment", "Pengeluaran", .rupiah), .init("balance", "Saldo", .rupiah), .init("note", "Keterangan"),
    ]

    @discardableResult
    public static func stream(_ request: Request, in tx: any StoreTransaction, opening: (Opening) throws -> Void,
                              row: (Row) throws -> Void) throws -> Closing {
        guard let book = try tx.book(code: Book.officeCode) else { throw ProgrammeRejection.notInitialised }
        let found = try request.accountCode.map { try tx.account(bookID: book.id, code: $0) }
            ?? tx.account(bookID: book.id, role: request.subBook.role)
        guard let account = found else {
            throw ProgrammeRejection.notFound(.account(book: nil), reference: request.accountCode ?? request.subBook.role.rawValue)
        }
        try ReportPeriod.check(from: request.from, to: request.to)
        var balance = Rupiah.zero
        if let from = request.from {
            balance = try tx.postingTotals(PostingQuery(accountID: account.id, to: from.adding(days: -1))).net
        }
        let subBook = CashSubBook.allCases.first { $0.role == account.role }
        try opening(Opening(subBook: subBook, accountCode: account.code, accountName: account.name, from: request.from, to: request.to,
                            openingBalance: balance))

        var month: YearMonth?
        var number = 0
        var monthReceipts = Rupiah.zero, monthPayments = Rupiah.zero
        var totalReceipts = Rupiah.zero, totalPayments = Rupiah.zero, count = 0
        func closeMonth(_ m: YearMonth) throws {
            let end = request.to.map { min($0, m.lastDay) } ?? m.lastDay
            try row(Row(type: .monthTotal, month: m, date: end, number: nil, entryID: nil, documentRef: nil,
                        description: "Jumlah bulan \(m)", receipt: monthReceipts, payment: monthPayments, balance: balance,
                        reversesEntryID: nil, reversedByEntryID: nil))
        }
        try tx.forEachPosting(PostingQuery(accountID: account.id, from: request.from, to: request.to)) { posting in
            let m = posting.valueDate.yearMonth
            if m != month {
                if let month { try closeMonth(month) }
                month = m
                monthReceipts = .zero
                monthPayments = .zero
                number = try numbersBefore(posting.valueDate, from: request.from, accountID: account.id, in: tx)
            }
            number += 1
            count += 1
            let receipt = posting.amount.isPositive ? posting.amount : .zero
            let payment = posting.amount.isPositive ? .zero : posting.amount.negated
            balance = try balance.adding(posting.amount)
            monthReceipts = try monthReceipts.adding(receipt)
            monthPayments = try monthPayments.adding(payment)
            totalReceipts = try totalReceipts.adding(receipt)
            totalPayments = try totalPayments.adding(payment)
            try row(Row(type: .entry, month: m, date: posting.valueDate, number: number, entryID: posting.entryID,
                        documentRef: posting.documentRef, description: posting.memo, receipt: receipt, payment: payment,
                        balance: balance, reversesEntryID: posting.reversesEntryID, reversedByEntryID: posting.reversedByEntryID))
        }
        if let month { try closeMonth(month) }
        return Closing(totalReceipts: totalReceipts, totalPayments: totalPayments, closingBalance: balance, entryCount: count)
    }

    /// When the period starts inside a month, No. BKU continues that month's numbering:
    /// the postings from the first of the month up to the period's start come first.
    static func numbersBefore(_ date: LocalDate, from: LocalDate?, accountID: Int64, in tx: any StoreTransaction) throws -> Int {
        guard let from, from.yearMonth == date.yearMonth, from.day > 1 else { return 0 }
        return try tx.postingTotals(PostingQuery(accountID: accountID, from: from.yearMonth.firstDay, to: from.adding(days: -1))).count
    }

    public static func build(_ request: Request, in tx: any StoreTransaction) throws -> CashBook {
        var head: Opening?
        var rows: [Row] = []
        let closing = try stream(request, in: tx, opening: { head = $0 }, row: { rows.append($0) })
        return CashBook(opening: head!, rows: rows, closing: closing)
    }

    // MARK: Table

    public static func openingRow(_ opening: Opening) -> [Table.Cell] {
        [opening.from.map { .date($0) } ?? .empty, .empty, .empty, .empty, .text("Saldo awal"), .empty, .empty,
         .rupiah(opening.openingBalance), .empty]
    }

    public static func cells(_ row: Row) -> [Table.Cell] {
        [.date(row.date), row.number.map { .integer(Int64($0)) } ?? .empty, row.documentRef.map { .text($0) } ?? .empty,
         row.entryID.map { .integer($0) } ?? .empty, .text(row.description), .rupiah(row.receipt), .rupiah(row.payment),
         .rupiah(row.balance), .text(row.note)]
    }

    public static func footer(_ closing: Closing) -> [[Table.Cell]] {
        [[.empty, .empty, .empty, .empty, .text("Jumlah / saldo akhir"), .rupiah(closing.totalReceipts),
          .rupiah(closing.totalPayments), .rupiah(closing.closingBalance), .empty]]
    }

    public static func title(_ opening: Opening) -> String {
        var title = Self.title
        if let subBook = opening.subBook { title += " · \(subBook.label)" }
        title += " · \(opening.accountCode) \(opening.accountName)"
        if opening.from != nil || opening.to != nil {
            title += " · \(opening.from?.description ?? "awal") s.d. \(opening.to?.description ?? "akhir")"
        }
        return title
    }

    public var table: Table {
        Table(title: Self.title(opening), columns: Self.columns,
              rows: [Self.openingRow(opening)] + rows.map(Self.cells), footer: Self.footer(closing))
    }
}

/// What the treasurer holds now, per sub-book of the cash book: cash and the bank.
public struct CashOnHand: Hashable, Codable, Sendable {
    public struct Line: Hashable, Codable, Sendable {
        public let subBook: CashSubBook
        public let accountCode: String
        public let accountName: String
        public let balance: Rupiah
    }

    public let lines: [Line]

    public static func build(from tx: some LedgerPort) throws -> CashOnHand {
        guard let book = try tx.book(code: Book.officeCode) else { throw ProgrammeRejection.notInitialised }
        return CashOnHand(lines: try CashSubBook.allCases.compactMap { subBook in
            guard let account = try tx.account(bookID: book.id, role: subBook.role) else { return nil }
            return Line(subBook: subBook, accountCode: account.code, accountName: account.name, balance: try tx.balance(accountID: account.id))
        })
    }
}
