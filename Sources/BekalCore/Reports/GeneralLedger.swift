/// The general ledger (*buku besar*) of one account: the balance before the period, every
/// posting in it with a running balance, and the balance after.
///
/// Computed as a stream: ``stream(_:in:opening:line:)`` hands each line on as the store
/// reads it, so a book of a million postings is never held in memory. ``build(_:in:)``
/// collects the stream into a value for small reports and tests.
public struct GeneralLedger: Hashable, Codable, Sendable {
    /// What is asked: the account (by code, in a book) and optional period and slices.
    public struct Request: Hashable, Sendable {
        public var accountCode: String
        public var bookCode: String
        public var from: LocalDate?
        public var to: LocalDate?
        /// Slices, as people type them: `B-00012`, `K-0003`, `U-0007`, a cohort code.
        public var beneficiary: String?
        public var kelompok: String?
        public var usaha: String?
        public var cohort: String?
        public var budgetYear: Int?

        public init(accountCode: String, bookCode: String = Book.officeCode, from: LocalDate? = nil, to: LocalDate? = nil,
                    beneficiary: String? = nil, kelompok: String? = nil, usaha: String? = nil, cohort: String? = nil,
                    budgetYear: Int? = nil) {
            self.accountCode = accountCode
            self.bookCode = bookCode
            self.from = from
            self.to = to
            self.beneficiary = beneficiary
            self.kelompok = kelompok
            self.usaha = usaha
            self.cohort = cohort
            self.budgetYear = budgetYear
        }
    }

    /// What is known before the first line: the account, the period and the opening balance.
    public struct Opening: Hashable, Codable, Sendable {
        public let bookCode: String
        public let accountCode: String
        public let accountName: String
        public let from: LocalDate?
        public let to: LocalDate?
        /// The slices applied, as codes (`beneficiary: B-00012`); never a name.
        public let slices: [String: String]
        /// The balance of the selected postings dated before `from` (Rp0 without `from`).
        public let openingBalance: Rupiah
    }

    public struct Line: Hashable, Codable, Sendable {
        public let date: LocalDate
        public let entryID: Int64
        public let kind: EntryKind
        public let documentRef: String?
        public let memo: String
        public let debit: Rupiah
        public let credit: Rupiah
        public let balance: Rupiah
        public let reversesEntryID: Int64?
        public let reversedByEntryID: Int64?
        /// `membalik #5` / `dibalik oleh #9`: a reversed entry and its reversal name each other.
        public var note: String { ReversalNote.text(reverses: reversesEntryID, reversedBy: reversedByEntryID) }
    }

    public struct Closing: Hashable, Codable, Sendable {
        public let totalDebit: Rupiah
        public let totalCredit: Rupiah
        public let closingBalance: Rupiah
        public let lineCount: Int
    }

    public let opening: Opening
    public let lines: [Line]
    public let closing: Closing

    public static let title = "Buku Besar"

    public static let columns: [Table.Column] = [
        .init("date", "Tanggal", .date), .init("entry", "No. Entri", .integer), .init("kind", "Jenis"),
        .init("document_ref", "No. Bukti"), .init("memo", "Uraian"), .init("debit", "Debet", .rupiah),
        .init("credit", "Kredit", .rupiah), .init("balance", "Saldo", .rupiah), .init("note", "Keterangan"),
    ]

    /// Resolves the request, then hands on the opening, each line, and returns the closing.
    @discardableResult
    public static func stream(_ request: Request, in tx: any StoreTransaction, opening: (Opening) throws -> Void,
                              line: (Line) throws -> Void) throws -> Closing {
        guard let book = try tx.book(code: request.bookCode) else {
            throw ProgrammeRejection.notFound(.book, reference: request.bookCode)
        }
        guard let account = try tx.account(bookID: book.id, code: request.accountCode) else {
            throw ProgrammeRejection.notFound(.account(book: book.code), reference: request.accountCode)
        }
        let (dimensions, slices) = try resolveSlices(request, in: tx)
        try ReportPeriod.check(from: request.from, to: request.to)
        let query = PostingQuery(accountID: account.id, from: request.from, to: request.to, dimensions: dimensions)
        var balance = Rupiah.zero
        if let from = request.from {
            balance = try tx.postingTotals(PostingQuery(accountID: account.id, to: from.adding(days: -1), dimensions: dimensions)).net
        }
        try opening(Opening(bookCode: book.code, accountCode: account.code, accountName: account.name, from: request.from,
                            to: request.to, slices: slices, openingBalance: balance))
        var debit = Rupiah.zero, credit = Rupiah.zero, count = 0
        try tx.forEachPosting(query) { row in
            let d = row.amount.isPositive ? row.amount : .zero
            let c = row.amount.isPositive ? .zero : row.amount.negated
            balance = try balance.adding(row.amount)
            debit = try debit.adding(d)
            credit = try credit.adding(c)
            count += 1
            try line(Line(date: row.valueDate, entryID: row.entryID, kind: row.kind, documentRef: row.documentRef, memo: row.memo,
                          debit: d, credit: c, balance: balance, reversesEntryID: row.reversesEntryID,
                          reversedByEntryID: row.reversedByEntryID))
        }
        return Closing(totalDebit: debit, totalCredit: credit, closingBalance: balance, lineCount: count)
    }

    /// The whole ledger as one value. For a large book prefer ``stream(_:in:opening:line:)``.
    public static func build(_ request: Request, in tx: any StoreTransaction) throws -> GeneralLedger {
        var head: Opening?
        var lines: [Line] = []
        let closing = try stream(request, in: tx, opening: { head = $0 }, line: { lines.append($0) })
        return GeneralLedger(opening: head!, lines: lines, closing: closing)
    }

    static func resolveSlices(_ request: Request, in tx: any StoreTransaction) throws -> (Dimensions, [String: String]) {
        var dimensions = Dimensions()
        var slices: [String: String] = [:]
        if let text = request.beneficiary {
            let person = try Resolve.beneficiary(text, in: tx)
            dimensions.beneficiaryID = person.id
            slices["beneficiary"] = person.code
        }
        if let text = request.kelompok {
            let kelompok = try Resolve.kelompok(text, in: tx)
            dimensions.kelompokID = kelompok.id
            slices["kelompok"] = kelompok.code
        }
        if let text = request.usaha {
            let usaha = try Resolve.usaha(text, in: tx)
            dimensions.usahaID = usaha.id
            slices["usaha"] = usaha.code
        }
        if let text = request.cohort {
            let cohort = try Resolve.cohort(text, in: tx)
            dimensions.cohortID = cohort.id
            slices["cohort"] = cohort.code
        }
        if let year = request.budgetYear {
            dimensions.budgetYear = year
            slices["budget_year"] = String(year)
        }
        return (dimensions, slices)
    }

    // MARK: Table

    /// The row that opens the table: the balance brought forward.
    public static func openingRow(_ opening: Opening) -> [Table.Cell] {
        [opening.from.map { .date($0) } ?? .empty, .empty, .empty, .empty, .text("Saldo awal"), .empty, .empty,
         .rupiah(opening.openingBalance), .empty]
    }

    public static func cells(_ line: Line) -> [Table.Cell] {
        [.date(line.date), .integer(line.entryID), .text(line.kind.rawValue), line.documentRef.map { .text($0) } ?? .empty,
         .text(line.memo), .rupiah(line.debit), .rupiah(line.credit), .rupiah(line.balance), .text(line.note)]
    }

    public static func footer(_ closing: Closing) -> [[Table.Cell]] {
        [[.empty, .empty, .empty, .empty, .text("Jumlah / saldo akhir"), .rupiah(closing.totalDebit),
          .rupiah(closing.totalCredit), .rupiah(closing.closingBalance), .empty]]
    }

    public static func title(_ opening: Opening) -> String {
        var parts = ["\(title) \(opening.bookCode) \(opening.accountCode) \(opening.accountName)"]
        if opening.from != nil || opening.to != nil {
            parts.append("\(opening.from?.description ?? "awal") s.d. \(opening.to?.description ?? "akhir")")
        }
        parts += opening.slices.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        return parts.joined(separator: " · ")
    }

    public var table: Table {
        Table(title: Self.title(opening), columns: Self.columns,
              rows: [Self.openingRow(opening)] + lines.map(Self.cells), footer: Self.footer(closing))
    }
}

/// How a reversed entry and its reversal name each other in every report.
public enum ReversalNote {
    public static func text(reverses: Int64?, reversedBy: Int64?) -> String {
        var parts: [String] = []
        if let reverses { parts.append("membalik #\(reverses)") }
        if let reversedBy { parts.append("dibalik oleh #\(reversedBy)") }
        return parts.joined(separator: "; ")
    }
}

/// A report period: `from` must not come after `to`.
enum ReportPeriod {
    static func check(from: LocalDate?, to: LocalDate?) throws {
        if let from, let to, to < from {
            throw InputError(.periodEnd, input: to.description, .before(.periodStart(from)))
        }
    }
}
