/// Visits per aftercare worker (*pendamping*) in each of the last few months, the series behind
/// the visit charts: every worker's for the admin, her own for a pendamping. A month without a
/// visit counts 0: the visits made are known, unlike the sales of a month nobody reported.
public struct MonthlyVisits: Hashable, Sendable {
    public struct Worker: Hashable, Sendable {
        public let code: String
        public let name: String
        /// One count per month of ``MonthlyVisits/months``, in the same order.
        public let visits: [Int]
    }

    /// Oldest first, ending with the month of the report's day.
    public let months: [YearMonth]
    public let workers: [Worker]

    /// The most months a series covers: two years.
    public static let monthsMax = 24

    /// The first day of the window of `months` months that ends with the month of `asOf`:
    /// what to pass to ``OutcomeReportSource/visitCountsByWorkerMonth(from:to:)``.
    public static func firstDay(months: Int, asOf: LocalDate) -> LocalDate {
        asOf.adding(months: -(window(months) - 1)).yearMonth.firstDay
    }

    /// The counts of `workers` only (others' visits are left out, whatever `counts` holds), for
    /// the `months` months up to `asOf`.
    public static func build(counts: [WorkerMonthCount], workers: [AftercareWorker], months: Int, asOf: LocalDate) -> MonthlyVisits {
        let window = (0..<window(months)).reversed().map { asOf.adding(months: -$0).yearMonth }
        var byWorker: [Int64: [YearMonth: Int]] = [:]
        for count in counts { byWorker[count.workerID, default: [:]][count.month, default: 0] += count.visits }
        return MonthlyVisits(months: window, workers: workers.map { w in
            Worker(code: w.code, name: w.name, visits: window.map { byWorker[w.id]?[$0] ?? 0 })
        })
    }

    private static func window(_ months: Int) -> Int {
        precondition(months > 0, "a visit series covers at least one month")
        return min(months, monthsMax)
    }

    /// One row per month (`2012-11`), one column per worker: the numbers the chart draws.
    public var table: Table {
        Table(title: "Kunjungan per bulan per pendamping",
              columns: [.init("month", "Bulan")] + workers.map { .init($0.code, $0.code, .integer) },
              rows: months.indices.map { i in [.text(months[i].description)] + workers.map { .integer(Int64($0.visits[i])) } })
    }
}
