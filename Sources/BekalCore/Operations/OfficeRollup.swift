extension Operations {
    /// This office's figures for a roll-up across offices (``Rollup``). The outcome counts in
    /// it are outcome data, so the reading goes into this office's audit log (who, when).
    public func rollupFigures(office: Office, asOf: LocalDate, context: OperationContext) throws -> Rollup.OfficeFigures {
        try store.write { tx in
            // An office added but not yet set up has nothing to count.
            guard try tx.book(code: Book.officeCode) != nil else {
                return Rollup.OfficeFigures(office: office, trialBalance: TrialBalance(books: []),
                                            budget: BudgetUse(lines: [], total: try BudgetUse.total([])),
                                            outcomes: OutcomeTally())
            }
            let settings = try tx.settings()
            let figures = try Rollup.OfficeFigures.build(office: office, in: tx, asOf: asOf, policy: settings.followUpPolicy)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .reportRollup, subject: office.code,
                               detail: "\(figures.outcomes.grants) grants")
            return figures
        }
    }

    /// The office's today, for a roll-up that names no date.
    public func today(_ context: OperationContext) throws -> LocalDate {
        context.today(in: try settings())
    }

    /// The roll-up of `offices` (each with the operations on its own books) as at `asOf`
    /// (default: the first office's today).
    public static func rollup(_ offices: [(office: Office, operations: Operations)], asOf: LocalDate?,
                              context: OperationContext) throws -> Rollup {
        guard let first = offices.first else { return try Rollup(asOf: asOf ?? context.today(in: ProgrammeSettings()), offices: []) }
        let date = try asOf ?? first.operations.today(context)
        return try Rollup(asOf: date, offices: offices.map { try $0.operations.rollupFigures(office: $0.office, asOf: date, context: context) })
    }
}
