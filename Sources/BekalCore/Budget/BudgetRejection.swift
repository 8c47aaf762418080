/// Why a budget line, a receipt or a cost was refused against the year's budget. Lines are
/// named as `YEAR SOURCE CODE` (``BudgetLine/handle``).
public enum BudgetRejection: BekalFailure, Equatable {
    /// The same code from the same source for the same cohort is already a line of the year.
    case lineExists(line: String)
    case codeNotUsable(String)
    case nameEmpty
    case ceilingNotPositive(Rupiah)
    case yearOutOfRange(Int)
    /// A cohort-bound line for a cohort of another budget year.
    case cohortOfAnotherYear(cohort: String, cohortYear: Int, lineYear: Int)
    /// No line of the year has this code (from this source).
    case unknownLine(code: String, year: Int, source: FundingSource?)
    /// The year has lines, and none pays for this purpose (for this cohort).
    case noLine(purpose: BudgetPurpose?, year: Int, cohort: String?)
    /// More than one line would fit: the officer names one.
    case ambiguousLine(purpose: BudgetPurpose?, year: Int, candidates: [String])
    /// The line named pays for something else.
    case wrongPurpose(line: String, purpose: BudgetPurpose, cost: BudgetPurpose)
    /// The line named is for another cohort.
    case wrongCohort(line: String, lineCohort: String, cost: String?)
    /// The cost would take the line past its ceiling and what exceptions allow.
    case overCeiling(line: String, ceiling: Rupiah, allowed: Rupiah, realised: Rupiah, amount: Rupiah)
    /// More money received for the line than its ceiling.
    case receivedOverCeiling(line: String, ceiling: Rupiah, received: Rupiah, amount: Rupiah)
    case exceptionReasonTooShort(minimumCharacters: Int)
    case exceptionNotPositive(Rupiah)

    public var code: String {
        switch self {
        case .lineExists: "budget_line_exists"
        case .codeNotUsable: "budget_line_code"
        case .nameEmpty: "budget_line_name"
        case .ceilingNotPositive: "budget_line_ceiling"
        case .yearOutOfRange: "budget_line_year"
        case .cohortOfAnotherYear: "budget_line_cohort_year"
        case .unknownLine: "budget_line_unknown"
        case .noLine: "budget_line_missing"
        case .ambiguousLine: "budget_line_ambiguous"
        case .wrongPurpose: "budget_line_purpose"
        case .wrongCohort: "budget_line_cohort"
        case .overCeiling: "budget_over_ceiling"
        case .receivedOverCeiling: "budget_received_over_ceiling"
        case .exceptionReasonTooShort: "budget_exception_reason"
        case .exceptionNotPositive: "budget_exception_amount"
        }
    }

    public var message: String {
        switch self {
        case .lineExists(let line):
            "budget line \(line) is already recorded: a line is entered once per year, source, code and cohort"
        case .codeNotUsable(let code):
            "budget line code \"\(code)\" is not a kode rekening: use 1 to \(BudgetLine.codeLength.upperBound) letters, digits, '.', '-' or '/', e.g. 5.1.06.01.01.0001"
        case .nameEmpty:
            "the budget line has no name: give it as the DPA writes it, e.g. \"Belanja Bantuan Sosial kepada Individu\""
        case .ceilingNotPositive(let amount):
            "budget line ceiling \(amount) is not more than Rp0: give the pagu as the DPA states it"
        case .yearOutOfRange(let year):
            "budget year \(year) is out of range: give a four-digit year from \(BudgetLine.years.lowerBound) to \(BudgetLine.years.upperBound)"
        case .cohortOfAnotherYear(let cohort, let cohortYear, let lineYear):
            "cohort \(cohort) is budgeted in \(cohortYear), not \(lineYear): give the line the cohort's year, or leave --cohort out for a line of the whole year"
        case .unknownLine(let code, let year, let source):
            "no budget line \(code) in \(year)\(source.map { " from \($0.rawValue)" } ?? ""): list the year's lines with `bekal budget line list --year \(year)`"
        case .noLine(let purpose, let year, let cohort):
            "the \(year) budget has no line\(purpose.map { " for \($0.rawValue)" } ?? "")\(cohort.map { " of cohort \($0)" } ?? ""): "
                + "add one with `bekal budget line add --year \(year)\(purpose.map { " --purpose \($0.rawValue)" } ?? "") …` first"
        case .ambiguousLine(let purpose, let year, let candidates):
            "more than one \(year) budget line\(purpose.map { " pays for \($0.rawValue)" } ?? " fits") (\(candidates.joined(separator: "; "))): name one with --line (and --source)"
        case .wrongPurpose(let line, let purpose, let cost):
            "budget line \(line) pays for \(purpose.rawValue), not \(cost.rawValue): name a line for \(cost.rawValue)"
        case .wrongCohort(let line, let lineCohort, let cost):
            "budget line \(line) is for cohort \(lineCohort), and this cost is \(cost.map { "for cohort \($0)" } ?? "for no cohort"): name a line of that cohort or of the whole year"
        case .overCeiling(let line, let ceiling, let allowed, let realised, let amount):
            "\(amount) would take budget line \(line) past its ceiling: pagu \(ceiling)"
                + (allowed == ceiling ? "" : ", \(allowed) with exceptions") + ", realised \(realised), left \(Rupiah(allowed.amount &- realised.amount)); "
                + "an admin may allow it with `bekal budget exception`, naming why"
        case .receivedOverCeiling(let line, let ceiling, let received, let amount):
            "\(amount) more for budget line \(line) would be more than its ceiling: pagu \(ceiling), received \(received); check the SP2D's amount and line"
        case .exceptionReasonTooShort(let n):
            "say why the line may go past its ceiling, in at least \(n) characters (the decision, its letter)"
        case .exceptionNotPositive(let amount):
            "an exception of \(amount) allows nothing: give the amount by which the line may exceed its ceiling"
        }
    }
}
