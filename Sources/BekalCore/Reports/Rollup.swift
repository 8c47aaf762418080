/// The roll-up (*rekapitulasi antar kantor*) for a province's or the ministry's office: each
/// office's books, budget use and outcomes as totals, and their sums. It holds aggregates only:
/// no names, no codes of people, kelompok or usaha, no outcome of any one woman.
///
/// How the sums are honest:
/// - Money adds exactly (whole rupiah; an overflow is refused, never wrapped).
/// - Outcome counts add; the success range of the sum is computed from the summed counts (the
///   not-returned over all grants, and over the grants whose outcome is known), never as an
///   average of the offices' percentages, so a small office weighs what its grants weigh.
/// - An office with 1 to ``smallestShownGroup``−1 grants shows no outcome counts of its own
///   (a count of 1 would be one woman's outcome); if that leaves exactly one office hidden,
///   the next smallest is hidden too, so that the total less the others does not give it away.
///   The total always counts every grant.
public struct Rollup: Hashable, Codable, Sendable {
    /// What one office gives the roll-up.
    public struct OfficeFigures: Hashable, Codable, Sendable {
        public let office: Office
        /// The office book's trial balance lines (the usaha books are the businesses' own).
        public let accounts: [TrialBalance.Line]
        public let totalDebit: Rupiah
        public let totalCredit: Rupiah
        /// The office's budget use, all cohorts together.
        public let budget: BudgetUse.Line
        public let outcomes: OutcomeTally

        public init(office: Office, trialBalance: TrialBalance, budget: BudgetUse, outcomes: OutcomeTally) {
            self.office = office
            let book = trialBalance.books.first { $0.code == Book.officeCode }
            accounts = book?.accounts ?? []
            totalDebit = book?.totalDebit ?? .zero
            totalCredit = book?.totalCredit ?? .zero
            self.budget = budget.total
            self.outcomes = outcomes
        }

        /// The office's figures from its own books, as at `asOf` for the outcomes.
        public static func build(office: Office, in tx: any StoreTransaction, asOf: LocalDate, policy: FollowUpPolicy) throws -> OfficeFigures {
            let outcomes = try OutcomeReport.build(from: tx, by: .cohort, asOf: asOf, policy: policy).total.tally
            return OfficeFigures(office: office, trialBalance: try TrialBalance.build(from: tx, bookCode: Book.officeCode),
                                 budget: try BudgetUse.build(in: tx), outcomes: outcomes)
        }
    }

    /// One office's row: its outcome counts are nil when hidden (``smallestShownGroup``).
    public struct Row: Hashable, Codable, Sendable {
        public let office: Office
        public let totalDebit: Rupiah
        public let totalCredit: Rupiah
        public let budget: BudgetUse.Line
        public let grants: Int
        public let outcomes: OutcomeTally?
    }

    /// An account summed over the offices, by its code.
    public struct AccountLine: Hashable, Codable, Sendable {
        public let code: String
        public let name: String
        public let type: AccountType
        public let debit: Rupiah
        public let credit: Rupiah
        public let balance: Rupiah
        /// How many offices have the account.
        public let offices: Int
    }

    public static let smallestShownGroup = 5

    public let asOf: LocalDate
    public let rows: [Row]
    public let accounts: [AccountLine]
    public let totalDebit: Rupiah
    public let totalCredit: Rupiah
    public let budget: BudgetUse.Line
    public let outcomes: OutcomeTally

    public static let title = "Rekapitulasi Antar Kantor"

    public init(asOf: LocalDate, offices: [OfficeFigures]) throws {
        self.asOf = asOf
        let sorted = offices.sorted { $0.office.code < $1.office.code }
        var hidden = Set(sorted.filter { (1..<Self.smallestShownGroup).contains($0.outcomes.grants) }.map(\.office.code))
        if hidden.count == 1, let next = sorted.filter({ !hidden.contains($0.office.code) && $0.outcomes.grants > 0 })
            .min(by: { ($0.outcomes.grants, $0.office.code) < ($1.outcomes.grants, $1.office.code) }) {
            hidden.insert(next.office.code)
        }
        rows = sorted.map { f in
            Row(office: f.office, totalDebit: f.totalDebit, totalCredit: f.totalCredit, budget: f.budget,
                grants: hidden.contains(f.office.code) ? 0 : f.outcomes.grants,
                outcomes: hidden.contains(f.office.code) ? nil : f.outcomes)
        }
        var byCode: [String: AccountLine] = [:]
        for f in sorted {
            for line in f.accounts {
                let sum = byCode[line.code]
                byCode[line.code] = AccountLine(
                    code: line.code, name: sum?.name ?? line.name, type: sum?.type ?? line.type,
                    debit: try (sum?.debit ?? .zero).adding(line.debit), credit: try (sum?.credit ?? .zero).adding(line.credit),
                    balance: try (sum?.balance ?? .zero).adding(line.balance), offices: (sum?.offices ?? 0) + 1)
            }
        }
        accounts = byCode.values.sorted { $0.code < $1.code }
        var debit = Rupiah.zero, credit = Rupiah.zero
        var outcomes = OutcomeTally()
        for f in sorted {
            debit = try debit.adding(f.totalDebit)
            credit = try credit.adding(f.totalCredit)
            outcomes = outcomes + f.outcomes
        }
        totalDebit = debit
        totalCredit = credit
        budget = try BudgetUse.total(sorted.map(\.budget))
        self.outcomes = outcomes
    }

    public static let columns: [Table.Column] = [
        .init("office", "Kantor"), .init("name", "Nama Kantor"),
        .init("debit", "Jumlah Debet", .rupiah), .init("credit", "Jumlah Kredit", .rupiah),
        .init("budget", "Pagu", .rupiah), .init("received", "Dana Diterima", .rupiah), .init("used", "Jumlah Realisasi", .rupiah),
        .init("remaining", "Sisa Pagu", .rupiah), .init("used_percent", "% Realisasi"),
        .init("grants", "Penerima Bantuan", .integer), .init("not_returned", "Tidak Kembali", .integer),
        .init("returned", "Kembali", .integer), .init("unknown", "Belum Diketahui", .integer),
        .init("lost", "Putus Kontak", .integer), .init("success_range", "Rentang Keberhasilan"),
    ]

    static func cells(code: String, name: String, debit: Rupiah, credit: Rupiah, budget: BudgetUse.Line,
                      outcomes: OutcomeTally?) -> [Table.Cell] {
        let money: [Table.Cell] = [.text(code), .text(name), .rupiah(debit), .rupiah(credit), .rupiah(budget.budget),
                                   .rupiah(budget.received), .rupiah(budget.used), .rupiah(budget.remaining),
                                   budget.usedPerMille.map { .text(BudgetUse.percentText($0)) } ?? .empty]
        guard let o = outcomes else {
            return money + [.text("< \(smallestShownGroup)"), .empty, .empty, .empty, .empty, .text("(disembunyikan)")]
        }
        return money + [.integer(Int64(o.grants)), .integer(Int64(o.notReturned)), .integer(Int64(o.returned)),
                        .integer(Int64(o.unknown)), .integer(Int64(o.lost)), .text(o.successRangeLabel)]
    }

    /// One row per office, the sums in the footer.
    public var table: Table {
        var table = Table(title: "\(Self.title) per \(asOf)", columns: Self.columns)
        for row in rows {
            table.rows.append(Self.cells(code: row.office.code, name: row.office.name, debit: row.totalDebit, credit: row.totalCredit,
                                         budget: row.budget, outcomes: row.outcomes))
        }
        table.footer.append(Self.cells(code: "", name: "Jumlah \(rows.count) kantor", debit: totalDebit, credit: totalCredit,
                                       budget: budget, outcomes: outcomes))
        return table
    }

    /// The trial balance of the offices' books summed by account code.
    public var accountsTable: Table {
        var table = Table(title: "Neraca Saldo Gabungan per \(asOf)", columns: [
            .init("code", "Kode"), .init("name", "Nama Akun"), .init("type", "Jenis"), .init("offices", "Kantor", .integer),
            .init("debit", "Debet", .rupiah), .init("credit", "Kredit", .rupiah), .init("balance", "Saldo", .rupiah),
        ])
        for line in accounts {
            table.rows.append([.text(line.code), .text(line.name), .text(line.type.rawValue), .integer(Int64(line.offices)),
                               .rupiah(line.debit), .rupiah(line.credit), .rupiah(line.balance)])
        }
        table.footer.append([.text(""), .text("Jumlah"), .text(""), .integer(Int64(rows.count)), .rupiah(totalDebit),
                             .rupiah(totalCredit), .rupiah(Rupiah(totalDebit.amount - totalCredit.amount))])
        return table
    }
}

extension OutcomeTally {
    /// Both tallies' counts together.
    public static func + (a: OutcomeTally, b: OutcomeTally) -> OutcomeTally {
        OutcomeTally(returned: a.returned + b.returned, notReturned: a.notReturned + b.notReturned,
                     unknown: a.unknown + b.unknown, lost: a.lost + b.lost)
    }
}
