import BekalCore

extension Schema {
    /// The year's budget lines (``BudgetLine``) and the exceptions to their ceilings, both
    /// append-only; the line a posting is booked against, a new column of `posting` (NULL
    /// for every posting written before, whose hash it does not enter); and the year's
    /// performance targets, append-only.
    static let v12BudgetAndTargets: [String] = [
        """
        CREATE TABLE budget_line (
          id INTEGER PRIMARY KEY,
          year INTEGER NOT NULL CHECK (year BETWEEN \(BudgetLine.years.lowerBound) AND \(BudgetLine.years.upperBound)),
          source TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(FundingSource.allCases.map(\.rawValue), column: "source"))),
          code TEXT NOT NULL CHECK (length(code) BETWEEN \(BudgetLine.codeLength.lowerBound) AND \(BudgetLine.codeLength.upperBound)),
          name TEXT NOT NULL CHECK (length(trim(name)) > 0),
          purpose TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(BudgetPurpose.allCases.map(\.rawValue), column: "purpose"))),
          cohort_id INTEGER REFERENCES cohort(id),
          ceiling INTEGER NOT NULL CHECK (ceiling > 0),
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        ) STRICT
        """,
        // One line per year, source, code and cohort (a line of the whole year counts as cohort 0).
        "CREATE UNIQUE INDEX budget_line_key ON budget_line(year, source, code, ifnull(cohort_id, 0))",
        """
        CREATE TABLE budget_exception (
          id INTEGER PRIMARY KEY,
          line_id INTEGER NOT NULL REFERENCES budget_line(id),
          amount INTEGER NOT NULL CHECK (amount > 0),
          reason TEXT NOT NULL CHECK (length(trim(reason)) >= \(BudgetLine.minimumExceptionReasonCharacters)),
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        ) STRICT
        """,
        "CREATE INDEX budget_exception_line ON budget_exception(line_id)",
        "ALTER TABLE posting ADD COLUMN budget_line_id INTEGER REFERENCES budget_line(id)",
        "CREATE INDEX posting_budget_line ON posting(budget_line_id, cohort_id) WHERE budget_line_id IS NOT NULL",
        // The year's targets (``ProgrammeTarget``): a later one for the same key replaces an earlier one.
        programmeTarget("programme_target", indicators: PerformanceSQL.v12Indicators),
        "CREATE INDEX programme_target_year ON programme_target(year, id)",
    ] + appendOnlyTriggers(["budget_line", "budget_exception", "programme_target"], remedy: "add a new row instead")

    static func programmeTarget(_ name: String, indicators: [String]) -> String {
        """
        CREATE TABLE \(name) (
          id INTEGER PRIMARY KEY,
          year INTEGER NOT NULL CHECK (year BETWEEN \(BudgetLine.years.lowerBound) AND \(BudgetLine.years.upperBound)),
          cohort_id INTEGER REFERENCES cohort(id),
          indicator TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(indicators, column: "indicator"))),
          value INTEGER NOT NULL CHECK (value >= 0),
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        ) STRICT
        """
    }
}
