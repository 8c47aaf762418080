/// Budget use per cohort (*realisasi anggaran per angkatan*): each cohort's budget against
/// what its grants, equipment and aftercare have cost, net of reversals, from the expense
/// postings that carry the cohort. Costs without a cohort (an aftercare expense for a
/// usaha, say) get a row of their own, so the totals still equal the trial balance.
public struct BudgetUse: Hashable, Codable, Sendable {
    public struct Line: Hashable, Codable, Sendable {
        /// Nil for the costs recorded without a cohort.
        public let cohortCode: String?
        public let budget: Rupiah
        public let grants: Rupiah
        public let equipment: Rupiah
        public let aftercare: Rupiah
        public let used: Rupiah
        public let remaining: Rupiah
        /// Used per thousand of the budget, rounded half away from zero; nil without a budget.
        public let usedPerMille: Int64?
        /// `37,5%`, or `-` without a budget.
        public var usedPercentText: String { usedPerMille.map(BudgetUse.percentText) ?? "-" }
    }

    public let lines: [Line]
    public let total: Line

    public static let title = "Realisasi Anggaran per Angkatan"

    public static let columns: [Table.Column] = [
        .init("cohort", "Angkatan"), .init("budget", "Pagu", .rupiah), .init("grants", "Bantuan Modal", .rupiah),
        .init("equipment", "Peralatan", .rupiah), .init("aftercare", "Pendampingan", .rupiah),
        .init("used", "Jumlah Realisasi", .rupiah), .init("remaining", "Sisa", .rupiah), .init("used_percent", "% Realisasi"),
    ]

    public static func build(in tx: any StoreTransaction) throws -> BudgetUse {
        guard let book = try tx.book(code: Book.officeCode) else { throw ProgrammeRejection.notInitialised }
        var roles: [Int64: AccountRole] = [:]
        for account in try tx.accounts(bookID: book.id) { roles[account.id] = account.role }
        var costs: [Int64?: (grants: Rupiah, equipment: Rupiah, aftercare: Rupiah)] = [:]
        for total in try tx.cohortAccountTotals(bookID: book.id) {
            var c = costs[total.cohortID] ?? (.zero, .zero, .zero)
            switch roles[total.accountID] {
            case .grantExpense: c.grants = try c.grants.adding(total.net)
            case .equipmentExpense: c.equipment = try c.equipment.adding(total.net)
            case .aftercareExpense: c.aftercare = try c.aftercare.adding(total.net)
            default: continue
            }
            costs[total.cohortID] = c
        }
        var lines: [Line] = []
        for cohort in try tx.cohorts() {
            let c = costs[cohort.id] ?? (.zero, .zero, .zero)
            lines.append(try line(cohort.code, budget: cohort.budget, c.grants, c.equipment, c.aftercare))
        }
        if let c = costs[nil], c != (.zero, .zero, .zero) {
            lines.append(try line(nil, budget: .zero, c.grants, c.equipment, c.aftercare))
        }
        var budget = Rupiah.zero, grants = Rupiah.zero, equipment = Rupiah.zero, aftercare = Rupiah.zero
        for l in lines {
            budget = try budget.adding(l.budget)
            grants = try grants.adding(l.grants)
            equipment = try equipment.adding(l.equipment)
            aftercare = try aftercare.adding(l.aftercare)
        }
        return BudgetUse(lines: lines, total: try line("Jumlah", budget: budget, grants, equipment, aftercare))
    }

    static func line(_ code: String?, budget: Rupiah, _ grants: Rupiah, _ equipment: Rupiah, _ aftercare: Rupiah) throws -> Line {
        let used = try grants.adding(equipment).adding(aftercare)
        let remaining = try budget.adding(used.negated)
        return Line(cohortCode: code, budget: budget, grants: grants, equipment: equipment, aftercare: aftercare,
                    used: used, remaining: remaining, usedPerMille: perMille(used, of: budget))
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
        [.text(line.cohortCode ?? "(tanpa angkatan)"), .rupiah(line.budget), .rupiah(line.grants), .rupiah(line.equipment),
         .rupiah(line.aftercare), .rupiah(line.used), .rupiah(line.remaining), .text(line.usedPercentText)]
    }

    public var table: Table {
        Table(title: Self.title, columns: Self.columns, rows: lines.map(Self.cells), footer: [Self.cells(total)])
    }
}
