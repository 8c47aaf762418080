import Foundation

/// The year's budget lines (``BudgetLine``): entered by the admin from the DPA, with named
/// exceptions to their ceilings; and the rule by which every receipt and cost is booked
/// against one.
///
/// A year without lines books as before (an office that has not entered its DPA); once a
/// year has a line, every receipt and cost of that year is booked against one, or refused.
extension Operations {
    public func addBudgetLine(_ draft: BudgetLineDraft, context: OperationContext) throws -> BudgetLine {
        try store.write { tx in try Operations.addBudgetLine(draft, context: context, in: tx) }
    }

    public static func addBudgetLine(_ draft: BudgetLineDraft, context: OperationContext,
                                     in tx: any StoreTransaction) throws -> BudgetLine {
        if !BudgetLine.years.contains(draft.year) { throw BudgetRejection.yearOutOfRange(draft.year) }
        let code = draft.code.trimmingCharacters(in: .whitespaces)
        if !BudgetLine.codeLength.contains(code.count) || !Code.isCode(code) { throw BudgetRejection.codeNotUsable(draft.code) }
        guard let name = stated(draft.name) else { throw BudgetRejection.nameEmpty }
        if !draft.ceiling.isPositive { throw BudgetRejection.ceilingNotPositive(draft.ceiling) }
        let cohort = try draft.cohort.map { try Resolve.cohort($0, in: tx) }
        if let cohort, let year = cohort.budgetYear, year != draft.year {
            throw BudgetRejection.cohortOfAnotherYear(cohort: cohort.code, cohortYear: year, lineYear: draft.year)
        }
        if try tx.budgetLines(year: draft.year).contains(where: { $0.source == draft.source && $0.code == code && $0.cohortID == cohort?.id }) {
            throw BudgetRejection.lineExists(line: "\(draft.year) \(draft.source.rawValue) \(code)" + (cohort.map { " (\($0.code))" } ?? ""))
        }
        let line = try tx.insertBudgetLine(year: draft.year, source: draft.source, code: code, name: name, purpose: draft.purpose,
                                           cohortID: cohort?.id, ceiling: draft.ceiling, actor: context.actor, recordedAt: context.recordedAt)
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .budgetLineAdd, subject: line.handle,
                           detail: "\(line.purpose.rawValue), pagu \(line.ceiling)" + (cohort.map { ", cohort \($0.code)" } ?? ""))
        return line
    }

    public func recordBudgetException(line code: String, year: Int, source: FundingSource? = nil, cohort: String? = nil,
                                      amount: Rupiah, reason: String, context: OperationContext) throws -> BudgetException {
        try store.write { tx in
            try Operations.recordBudgetException(line: code, year: year, source: source, cohort: cohort, amount: amount, reason: reason,
                                                 context: context, in: tx)
        }
    }

    public static func recordBudgetException(line code: String, year: Int, source: FundingSource? = nil, cohort: String? = nil,
                                             amount: Rupiah, reason: String, context: OperationContext,
                                             in tx: any StoreTransaction) throws -> BudgetException {
        let cohortID = try cohort.map { try Resolve.cohort($0, in: tx).id }
        guard let line = try Operations.budgetLine(for: nil, choice: BudgetChoice(line: code, source: source), year: year,
                                                   cohortID: cohortID, lines: try tx.budgetLines(year: year), in: tx) else {
            throw BudgetRejection.unknownLine(code: code, year: year, source: source)
        }
        if !amount.isPositive { throw BudgetRejection.exceptionNotPositive(amount) }
        let reason = stated(reason) ?? ""
        if reason.count < BudgetLine.minimumExceptionReasonCharacters {
            throw BudgetRejection.exceptionReasonTooShort(minimumCharacters: BudgetLine.minimumExceptionReasonCharacters)
        }
        let exception = try tx.insertBudgetException(lineID: line.id, amount: amount, reason: reason, actor: context.actor,
                                                     recordedAt: context.recordedAt)
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .budgetException, subject: line.handle,
                           detail: "up to \(amount) past the ceiling, exception #\(exception.id)")
        return exception
    }

    /// The line a receipt (`purpose` nil) or a cost of `purpose` is booked against. Named: the
    /// year's line of that code (and source), for the cost's cohort or the whole year. Unnamed:
    /// the one line of the year for the purpose, the cohort's own line before a line of the
    /// whole year. Nil only when the year has no lines at all. `lines`: the year's lines.
    static func budgetLine(for purpose: BudgetPurpose?, choice: BudgetChoice, year: Int, cohortID: Int64?, lines: [BudgetLine],
                           in tx: any StoreTransaction) throws -> BudgetLine? {
        let cohortCode = try cohortID.flatMap { try tx.cohort(id: $0)?.code }
        func fits(_ line: BudgetLine) -> Bool { line.cohortID == nil || line.cohortID == cohortID }
        /// The cohort's own lines when it has some, else the year's.
        func narrowest(_ lines: [BudgetLine]) -> [BudgetLine] {
            let own = lines.filter { $0.cohortID != nil }
            return own.isEmpty ? lines : own
        }
        func described(_ line: BudgetLine) throws -> String {
            line.handle + (try line.cohortID.flatMap { try tx.cohort(id: $0)?.code }.map { " (\($0))" } ?? "")
        }
        if let named = choice.line?.trimmingCharacters(in: .whitespaces), !named.isEmpty {
            let withCode = lines.filter { $0.code == named && (choice.source == nil || $0.source == choice.source) }
            guard let first = withCode.first else { throw BudgetRejection.unknownLine(code: named, year: year, source: choice.source) }
            let candidates = narrowest(withCode.filter(fits))
            if candidates.isEmpty {
                throw BudgetRejection.wrongCohort(line: first.handle, lineCohort: try first.cohortID.flatMap { try tx.cohort(id: $0)?.code } ?? "-",
                                                  cost: cohortCode)
            }
            guard candidates.count == 1, let line = candidates.first else {
                throw BudgetRejection.ambiguousLine(purpose: purpose, year: year, candidates: try candidates.map(described))
            }
            if let purpose, line.purpose != purpose { throw BudgetRejection.wrongPurpose(line: line.handle, purpose: line.purpose, cost: purpose) }
            return line
        }
        if lines.isEmpty { return nil }
        let candidates = narrowest(lines.filter { line in
            (purpose == nil || line.purpose == purpose) && (choice.source == nil || line.source == choice.source) && fits(line)
        })
        guard let line = candidates.first else { throw BudgetRejection.noLine(purpose: purpose, year: year, cohort: cohortCode) }
        if candidates.count > 1 {
            throw BudgetRejection.ambiguousLine(purpose: purpose, year: year, candidates: try candidates.map(described))
        }
        return line
    }

    /// Books every posting of `draft` against its budget line, and gives the line whose
    /// ceiling the caller checks (``checkCeiling(_:adding:receipt:in:)``) just before posting.
    /// A replay keeps the line its entry was booked against, whatever lines were added since,
    /// and needs no check: nil. A year without lines costs one look-up and books as before
    /// (lines are append-only, so no entry of it was booked against one).
    static func bookAgainstBudget(_ draft: inout EntryDraft, purpose: BudgetPurpose?, choice: BudgetChoice, cohortID: Int64?,
                                  in tx: any StoreTransaction) throws -> BudgetLine? {
        let year = draft.postings.first?.dimensions.budgetYear ?? draft.valueDate.year
        let lines = try tx.budgetLines(year: year)
        if lines.isEmpty && choice.line == nil { return nil }
        if choice.line == nil, let recorded = try tx.entry(idempotencyKey: draft.idempotencyKey) {
            let lineID = recorded.postings.first?.dimensions.budgetLineID
            for i in draft.postings.indices { draft.postings[i] = draft.postings[i].booked(against: lineID) }
            return nil
        }
        guard let line = try budgetLine(for: purpose, choice: choice, year: year, cohortID: cohortID, lines: lines, in: tx) else { return nil }
        for i in draft.postings.indices { draft.postings[i] = draft.postings[i].booked(against: line.id) }
        return line
    }

    /// Refuses a cost that would take the line past its ceiling and the exceptions on record,
    /// and a receipt that would bring more than its ceiling.
    static func checkCeiling(_ line: BudgetLine, adding amount: Rupiah, receipt: Bool, in tx: any StoreTransaction) throws {
        let book = try officeBook(tx)
        let use = try BudgetLineUse.Sums.of(try tx.budgetLineTotals(bookID: book.id, lineID: line.id), roles: try BudgetLineUse.roles(book, in: tx))
        if receipt {
            guard let after = try? use.received.adding(amount), after <= line.ceiling else {
                throw BudgetRejection.receivedOverCeiling(line: line.handle, ceiling: line.ceiling, received: use.received, amount: amount)
            }
            return
        }
        var allowed = line.ceiling
        for exception in try tx.budgetExceptions(lineID: line.id) { allowed = try allowed.adding(exception.amount) }
        guard let after = try? use.realised.adding(amount), after <= allowed else {
            throw BudgetRejection.overCeiling(line: line.handle, ceiling: line.ceiling, allowed: allowed, realised: use.realised, amount: amount)
        }
    }
}

extension Posting {
    func booked(against lineID: Int64?) -> Posting {
        var dimensions = self.dimensions
        dimensions.budgetLineID = lineID
        return Posting(accountID: accountID, amount: amount, dimensions: dimensions)
    }
}
