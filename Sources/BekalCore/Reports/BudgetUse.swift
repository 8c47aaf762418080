/// Budget use per cohort (*realisasi anggaran per angkatan*): each cohort's planned ceiling
/// (*pagu*, set on the cohort) and the money received for it (budget receipts recorded with
/// `--cohort`), against what its grants, equipment and aftercare have cost, net of reversals,
/// from the postings that carry the cohort. Every operation books its cost against a cohort
/// where one can be traced (the grant's, the kelompok's, the usaha's or the person's); money
/// received or spent without one gets a row of its own, so the totals still equal the trial
/// balance.
public struct BudgetUse: Hashable, Codable, Sendable {
    public struct Line: Hashable, Codable, Sendable {
        /// Nil for the costs recorded without a cohort.
        public let cohortCode: String?
        /// The planned ceiling (*pagu*).
        public let budget: Rupiah
        /// Budget receipts recorded for the cohort, net of reversals.
        public let received: Rupiah
        public let grants: Rupiah
        public let equipment: Rupiah
        public let aftercare: Rupiah
        public let used: Rupiah
        /// The ceiling less what was used (*sisa pagu*).
        public let remaining: Rupiah
        /// What was received less what was used (*sisa dana*): money still to spend.
        public let unspent: Rupiah
        /// Used per thousand of the budget, rounded half away from zero; nil without a budget.
        public let usedPerMille: Int64?
        /// `37,5%`, or `-` without a budget.
        public var usedPercentText: String { usedPerMille.map(BudgetUse.percentText) ?? "-" }
    }

    public let lines: [Line]
    public let total: Line

    public static let title = "Realisasi Anggaran per Angkatan"

    public static let columns: [Table.Column] = [
        .init("cohort", "Angkatan"), .init("budget", "Pagu", .rupiah), .init("received", "Dana Diterima", .rupiah),
        .init("grants", "Bantuan Modal", .rupiah), .init("equipment", "Peralatan", .rupiah), .init("aftercare", "Pendampingan", .rupiah),
        .init("used", "Jumlah Realisasi", .rupiah), .init("remaining", "Sisa Pagu", .rupiah), .init("unspent", "Sisa Dana", .rupiah),
        .init("used_percent", "% Realisasi"),
    ]

    struct Sums: Equatable {
        var received = Rupiah.zero, grants = Rupiah.zero, equipment = Rupiah.zero, aftercare = Rupiah.zero
        func used() throws -> Rupiah { try grants.adding(equipment).adding(aftercare) }
    }

    public static func build(in tx: any StoreTransaction) throws -> BudgetUse {
        let sums = try sums(cohortIDs: nil, in: tx)
        var lines: [Line] = []
        for cohort in try tx.cohorts() {
            lines.append(try line(cohort.code, budget: cohort.budget, sums[cohort.id] ?? Sums()))
        }
        if let c = sums[nil], c != Sums() { lines.append(try line(nil, budget: .zero, c)) }
        return BudgetUse(lines: lines, total: try total(lines))
    }

    /// What each of these cohorts used (the `used` of its line), without reading the others'.
    public static func used(cohortIDs: [Int64], in tx: any StoreTransaction) throws -> [Int64: Rupiah] {
        guard !cohortIDs.isEmpty else { return [:] }
        let sums = try sums(cohortIDs: cohortIDs, in: tx)
        var used: [Int64: Rupiah] = [:]
        for id in cohortIDs { used[id] = try (sums[id] ?? Sums()).used() }
        return used
    }

    /// The office book's totals per cohort, summed by what the account is for.
    static func sums(cohortIDs: [Int64]?, in tx: any StoreTransaction) throws -> [Int64?: Sums] {
        guard let book = try tx.book(code: Book.officeCode) else { throw ProgrammeRejection.notInitialised }
        var roles: [Int64: AccountRole] = [:]
        for account in try tx.accounts(bookID: book.id) { roles[account.id] = account.role }
        var sums: [Int64?: Sums] = [:]
        for total in try tx.cohortAccountTotals(bookID: book.id, cohortIDs: cohortIDs) {
            var c = sums[total.cohortID] ?? Sums()
            switch roles[total.accountID] {
            case .budgetTransfer: c.received = try c.received.adding(total.net.negated)
            case .grantExpense: c.grants = try c.grants.adding(total.net)
            case .equipmentExpense, .equipmentWriteOff, .equipmentRepair: c.equipment = try c.equipment.adding(total.net)
            case .aftercareExpense: c.aftercare = try c.aftercare.adding(total.net)
            default: continue
            }
            sums[total.cohortID] = c
        }
        return sums
    }

    /// The `Jumlah` line of `lines`: every amount added, an overflow refused.
    static func total(_ lines: [Line]) throws -> Line {
        var budget = Rupiah.zero, total = Sums()
        for l in lines {
            budget = try budget.adding(l.budget)
            total.received = try total.received.adding(l.received)
            total.grants = try total.grants.adding(l.grants)
            total.equipment = try total.equipment.adding(l.equipment)
            total.aftercare = try total.aftercare.adding(l.aftercare)
        }
        return try line("Jumlah", budget: budget, total)
    }

    static func line(_ code: String?, budget: Rupiah, _ c: Sums) throws -> Line {
        let used = try c.used()
        return Line(cohortCode: code, budget: budget, received: c.received, grants: c.grants, equipment: c.equipment,
                    aftercare: c.aftercare, used: used, remaining: try budget.adding(used.negated),
                    unspent: try c.received.adding(used.negated), usedPerMille: perMille(used, of: budget))
    }

    /// `part × 1000 / whole`, rounded half away from zero, in 128-bit arithmetic so a
    /// province's budget cannot overflow it.
    public static func perMille(_ part: Rupiah, of whole: Rupiah) -> Int64? {
        guard whole.isPositive else { return nil }
        let divisor = UInt64(whole.amount)
        let magnitude = part.amount.magnitude.multipliedFullWidth(by: 1000)
        // Used beyond 10^15 times the budget: shown as the largest per-mille, never a trap.
        if magnitude.high >= divisor { return part.amount < 0 ? -Int64.max : Int64.max }
        let (q, r) = divisor.dividingFullWidth(magnitude)
        let bumped = r >= divisor - r && q < UInt64.max ? q + 1 : q
        let rounded = Int64(min(bumped, UInt64(Int64.max)))
        return part.amount < 0 ? -rounded : rounded
    }

    public static func percentText(_ perMille: Int64) -> String {
        let sign = perMille < 0 ? "-" : ""
        return "\(sign)\(perMille.magnitude / 10),\(perMille.magnitude % 10)%"
    }

    public static func cells(_ line: Line) -> [Table.Cell] {
        // Money without a cohort has no ceiling: its pagu and what is left of it are blank, not Rp0 and a deficit.
        let ceiling = line.cohortCode != nil
        return [.text(line.cohortCode ?? "(tanpa angkatan)"), ceiling ? .rupiah(line.budget) : .empty, .rupiah(line.received),
                .rupiah(line.grants), .rupiah(line.equipment), .rupiah(line.aftercare), .rupiah(line.used),
                ceiling ? .rupiah(line.remaining) : .empty, .rupiah(line.unspent),
                line.usedPerMille.map { .text(BudgetUse.percentText($0)) } ?? .empty]
    }

    public var table: Table {
        Table(title: Self.title, columns: Self.columns, rows: lines.map(Self.cells), footer: [Self.cells(total)])
    }
}
