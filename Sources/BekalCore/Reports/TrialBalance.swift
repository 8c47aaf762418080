/// The trial balance (*neraca saldo*) of every book, from the running balances: it never
/// re-sums postings.
public struct TrialBalance: Hashable, Codable, Sendable {
    public struct Line: Hashable, Codable, Sendable {
        public let code: String
        public let name: String
        public let type: AccountType
        public let debit: Rupiah
        public let credit: Rupiah
        public let balance: Rupiah
    }

    public struct BookBalance: Hashable, Codable, Sendable {
        public let code: String
        public let name: String
        public let accounts: [Line]
        public let totalDebit: Rupiah
        public let totalCredit: Rupiah
    }

    public let books: [BookBalance]

    public static func build(from source: some ReportSource, bookCode: String? = nil) throws -> TrialBalance {
        var books: [BookBalance] = []
        for book in try source.books() where bookCode == nil || book.code == bookCode {
            var lines: [Line] = []
            var debit = Rupiah.zero, credit = Rupiah.zero
            for account in try source.accounts(bookID: book.id) {
                let totals = try source.totals(accountID: account.id)
                lines.append(Line(code: account.code, name: account.name, type: account.type,
                                  debit: totals.debit, credit: totals.credit, balance: totals.balance))
                debit = try debit.adding(totals.debit)
                credit = try credit.adding(totals.credit)
            }
            books.append(BookBalance(code: book.code, name: book.name, accounts: lines, totalDebit: debit, totalCredit: credit))
        }
        return TrialBalance(books: books)
    }

    /// The trial balance as at the end of `date`: each account's postings dated up to it,
    /// summed (the running balances hold today's totals only).
    public static func build(from source: some ReportSource, asAt date: LocalDate) throws -> TrialBalance {
        var books: [BookBalance] = []
        for book in try source.books() {
            var lines: [Line] = []
            var debit = Rupiah.zero, credit = Rupiah.zero
            for account in try source.accounts(bookID: book.id) {
                let sums = try source.postingTotals(PostingQuery(accountID: account.id, to: date))
                lines.append(Line(code: account.code, name: account.name, type: account.type,
                                  debit: sums.debit, credit: sums.credit, balance: sums.net))
                debit = try debit.adding(sums.debit)
                credit = try credit.adding(sums.credit)
            }
            books.append(BookBalance(code: book.code, name: book.name, accounts: lines, totalDebit: debit, totalCredit: credit))
        }
        return TrialBalance(books: books)
    }

    /// One table for all books: the book code is the first column.
    public var table: Table {
        var table = Table(title: "Neraca Saldo", columns: [
            .init("book", "Buku"), .init("code", "Kode"), .init("name", "Nama Akun"), .init("type", "Jenis"),
            .init("debit", "Debet", .rupiah), .init("credit", "Kredit", .rupiah), .init("balance", "Saldo", .rupiah),
        ])
        for book in books {
            for line in book.accounts {
                table.rows.append([.text(book.code), .text(line.code), .text(line.name), .text(line.type.rawValue),
                                   .rupiah(line.debit), .rupiah(line.credit), .rupiah(line.balance)])
            }
            table.footer.append([.text(book.code), .text(""), .text("Jumlah"), .text(""),
                                 .rupiah(book.totalDebit), .rupiah(book.totalCredit),
                                 .rupiah(Rupiah(book.totalDebit.amount - book.totalCredit.amount))])
        }
        return table
    }
}
