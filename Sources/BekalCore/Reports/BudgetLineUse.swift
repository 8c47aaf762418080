/// Budget use per funding source, budget line and cohort for one year (*realisasi anggaran
/// per sumber dana dan mata anggaran*): each line's ceiling (*pagu*), the exceptions that let it
/// go past it, the money received for it and what was spent against it, net of reversals, and
/// what is left. A line of the whole year shows its spending per cohort beneath it; money of the
/// year booked against no line (before the lines were entered) has a row of its own, so that
/// the totals still equal the books.
public struct BudgetLineUse: Hashable, Codable, Sendable {
    public struct Line: Hashable, Codable, Sendable {
        public let source: FundingSource
        public let code: String
        public let name: String
        public let purpose: BudgetPurpose
        /// Nil: a line of the whole year.
        public let cohortCode: String?
        public let ceiling: Rupiah
        /// What the exceptions on record allow beyond the ceiling.
        public let exceptions: Rupiah
        public let received: Rupiah
        public let realised: Rupiah
        /// The ceiling less what was realised: below zero only under an exception.
        public let remaining: Rupiah
        public let usedPerMille: Int64?
        /// A line of the whole year: what each cohort's costs took of it.
        public let byCohort: [CohortPart]
    }

    public struct CohortPart: Hashable, Codable, Sendable {
        /// Nil for costs that name no cohort.
        public let cohortCode: String?
        public let realised: Rupiah

        public init(cohortCode: String?, realised: Rupiah) {
            self.cohortCode = cohortCode
            self.realised = realised
        }
    }

    public struct Total: Hashable, Codable, Sendable {
        /// Nil: every source.
        public let source: FundingSource?
        public let ceiling: Rupiah
        public let exceptions: Rupiah
        public let received: Rupiah
        public let realised: Rupiah
        public let remaining: Rupiah
        public let usedPerMille: Int64?
    }

    public let year: Int
    public let lines: [Line]
    /// The year's money booked against no line.
    public let unlinedReceived: Rupiah
    public let unlinedRealised: Rupiah
    public let bySource: [Total]
    public let total: Total

    public static func title(_ year: Int) -> String { "Realisasi Anggaran per Sumber Dana \(year)" }

    /// What the postings booked against a line come to.
    public struct Sums: Equatable, Sendable {
        public var received = Rupiah.zero
        /// Received less the cash and bank still held for it: what was paid out.
        public var realised = Rupiah.zero

        /// The sums of `totals` (of one line, or one line and cohort); `roles`: the book's accounts'.
        static func of(_ totals: [BudgetLineTotal], roles: [Int64: AccountRole]) throws -> Sums {
            var received = Rupiah.zero, held = Rupiah.zero
            for total in totals {
                switch roles[total.accountID] {
                case .budgetTransfer: received = try received.adding(total.net.negated)
                case .cash, .bank: held = try held.adding(total.net)
                default: continue
                }
            }
            return Sums(received: received, realised: try received.adding(held.negated))
        }
    }

    /// The role of each account of the book, by id.
    static func roles(_ book: Book, in tx: any StoreTransaction) throws -> [Int64: AccountRole] {
        var roles: [Int64: AccountRole] = [:]
        for account in try tx.accounts(bookID: book.id) { roles[account.id] = account.role }
        return roles
    }

    /// The year's lines; `year` nil: the latest year that has lines, else the year of the
    /// office book's latest entry, else `today`'s.
    public static func build(year: Int?, today: LocalDate, in tx: any StoreTransaction) throws -> BudgetLineUse {
        guard let book = try tx.book(code: Book.officeCode) else { throw ProgrammeRejection.notInitialised }
        let year = try year ?? tx.budgetLines(year: nil).map(\.year).max() ?? tx.latestValueDate(bookID: book.id)?.year ?? today.year
        let totals = try tx.budgetLineTotals(bookID: book.id, year: year)
        var byLine: [Int64?: [BudgetLineTotal]] = [:]
        for total in totals { byLine[total.lineID, default: []].append(total) }
        let roles = try Self.roles(book, in: tx)
        var cohortCodes: [Int64: String] = [:]
        func cohortCode(_ id: Int64?) throws -> String? {
            guard let id else { return nil }
            if let code = cohortCodes[id] { return code }
            let code = try tx.cohort(id: id)?.code ?? "#\(id)"
            cohortCodes[id] = code
            return code
        }
        var lines: [Line] = []
        for line in try tx.budgetLines(year: year) {
            let mine = byLine[line.id] ?? []
            let sums = try Sums.of(mine, roles: roles)
            var exceptions = Rupiah.zero
            for e in try tx.budgetExceptions(lineID: line.id) { exceptions = try exceptions.adding(e.amount) }
            var parts: [CohortPart] = []
            if line.cohortID == nil {
                let cohorts = Set(mine.map(\.cohortID)).sorted { ($0 ?? .max) < ($1 ?? .max) }
                for cohort in cohorts {
                    let part = try Sums.of(mine.filter { $0.cohortID == cohort }, roles: roles)
                    if part.realised != .zero { parts.append(CohortPart(cohortCode: try cohortCode(cohort), realised: part.realised)) }
                }
            }
            lines.append(Line(source: line.source, code: line.code, name: line.name, purpose: line.purpose,
                              cohortCode: try cohortCode(line.cohortID), ceiling: line.ceiling, exceptions: exceptions,
                              received: sums.received, realised: sums.realised,
                              remaining: try line.ceiling.adding(sums.realised.negated),
                              usedPerMille: BudgetUse.perMille(sums.realised, of: line.ceiling), byCohort: parts))
        }
        let unlined = try Sums.of(byLine[nil] ?? [], roles: roles)
        var bySource: [Total] = []
        for source in FundingSource.allCases {
            let of = lines.filter { $0.source == source }
            if !of.isEmpty { bySource.append(try total(source, of)) }
        }
        return BudgetLineUse(year: year, lines: lines, unlinedReceived: unlined.received, unlinedRealised: unlined.realised,
                             bySource: bySource, total: try total(nil, lines))
    }

    static func total(_ source: FundingSource?, _ lines: [Line]) throws -> Total {
        var ceiling = Rupiah.zero, exceptions = Rupiah.zero, received = Rupiah.zero, realised = Rupiah.zero
        for l in lines {
            ceiling = try ceiling.adding(l.ceiling)
            exceptions = try exceptions.adding(l.exceptions)
            received = try received.adding(l.received)
            realised = try realised.adding(l.realised)
        }
        return Total(source: source, ceiling: ceiling, exceptions: exceptions, received: received, realised: realised,
                     remaining: try ceiling.adding(realised.negated), usedPerMille: BudgetUse.perMille(realised, of: ceiling))
    }

    public static let columns: [Table.Column] = [
        .init("source", "Sumber Dana"), .init("code", "Kode Rekening"), .init("name", "Uraian"),
        .init("cohort", "Angkatan"), .init("ceiling", "Pagu", .rupiah), .init("exceptions", "Pengecualian", .rupiah),
        .init("received", "Dana Diterima", .rupiah), .init("realised", "Realisasi", .rupiah), .init("remaining", "Sisa Pagu", .rupiah),
        .init("used_percent", "% Realisasi"),
    ]

    public var table: Table {
        var rows: [[Table.Cell]] = []
        for line in lines {
            rows.append([.text(line.source.label), .text(line.code), .text(line.name),
                         .text(line.cohortCode ?? "(semua angkatan)"), .rupiah(line.ceiling), .rupiah(line.exceptions),
                         .rupiah(line.received), .rupiah(line.realised), .rupiah(line.remaining),
                         line.usedPerMille.map { .text(BudgetUse.percentText($0)) } ?? .empty])
            for part in line.byCohort {
                rows.append([.empty, .empty, .text("rincian \(line.code)"),
                             .text(part.cohortCode ?? "(tanpa angkatan)"), .empty, .empty, .empty, .rupiah(part.realised), .empty, .empty])
            }
        }
        if unlinedReceived != .zero || unlinedRealised != .zero {
            rows.append([.text("-"), .text("-"), .text("(tanpa mata anggaran)"), .empty, .empty, .empty,
                         .rupiah(unlinedReceived), .rupiah(unlinedRealised), .empty, .empty])
        }
        func cells(_ t: Total) -> [Table.Cell] {
            [.text(t.source.map { "Jumlah \($0.label)" } ?? "Jumlah"), .empty, .empty, .empty, .rupiah(t.ceiling), .rupiah(t.exceptions),
             .rupiah(t.received), .rupiah(t.realised), .rupiah(t.remaining), t.usedPerMille.map { .text(BudgetUse.percentText($0)) } ?? .empty]
        }
        return Table(title: Self.title(year), columns: Self.columns, rows: rows,
                     footer: (bySource.count > 1 ? bySource.map(cells) : []) + [cells(total)])
    }
}
