/// Whether a graduate's scheduled aftercare visits were made on time, for the performance
/// report's *kunjungan sesuai jadwal*.
///
/// Her visits are due on the days ``FollowUpPolicy/scheduleMonths`` gives after her grant. A
/// scheduled visit was made on time when a visit reached her (not an unreachable attempt) after
/// the previous scheduled day plus ``graceDays`` and no later than ``graceDays`` after its own
/// day: the windows follow each other without overlap, so one visit never counts for two.
///
/// What a store keeps for this does not depend on the policy: month *m*'s window runs from the
/// day after `grant + (m − 1) months + grace` through `grant + m months + grace` (the first from
/// the day after the grant), and her case carries one bit per month whose window a visit reached
/// her in (``bit(of:grantDate:)``, bit *m − 1*). A scheduled visit *m* months after the grant,
/// the previous one *p* months after, was made on time when a bit of months *p + 1 … m* is set.
/// Months after the 62nd have no bit (a schedule that long is not counted past it); the standard
/// schedule ends at the 24th.
public enum VisitSchedule {
    /// A visit up to this many days after its scheduled day is on time.
    public static let graceDays = 14
    /// The last month after the grant whose window her case keeps.
    public static let lastMonth = 62

    /// The month whose window a visit on `day` falls in, or nil (on or before the grant day, or after the last month).
    public static func month(of day: LocalDate, grantDate: LocalDate) -> Int? {
        guard day > grantDate else { return nil }
        // The window of the calendar months between, or of the one before or after it.
        let between = (day.year - grantDate.year) * 12 + day.month - grantDate.month
        var month = max(1, between - 1)
        while month <= lastMonth {
            if day <= end(ofMonth: month, grantDate: grantDate) { return month }
            month += 1
        }
        return nil
    }

    /// The last day of month `m`'s window.
    public static func end(ofMonth m: Int, grantDate: LocalDate) -> LocalDate {
        grantDate.adding(months: m).adding(days: graceDays)
    }

    /// Her case's bit for a visit on `day` (0 when it falls in no window).
    public static func bit(of day: LocalDate, grantDate: LocalDate) -> Int64 {
        month(of: day, grantDate: grantDate).map { Int64(1) << ($0 - 1) } ?? 0
    }

    /// The bits of the visits that reached her on these days.
    public static func bits(of days: some Sequence<LocalDate>, grantDate: LocalDate) -> Int64 {
        days.reduce(0) { $0 | bit(of: $1, grantDate: grantDate) }
    }

    /// Scheduled visits whose window has closed, and those of them made on time.
    public struct Tally: Hashable, Sendable {
        public var due = 0
        public var onTime = 0
        public init(due: Int = 0, onTime: Int = 0) {
            self.due = due
            self.onTime = onTime
        }
        public static func + (a: Tally, b: Tally) -> Tally { Tally(due: a.due + b.due, onTime: a.onTime + b.onTime) }
    }

    /// A grant's scheduled visits: the months after it and the last day of each one's window.
    public struct Plan: Sendable {
        public let months: [Int]
        public let windowEnds: [LocalDate]
        public let dueDays: [LocalDate]

        public init(grantDate: LocalDate, policy: FollowUpPolicy) {
            months = policy.scheduleMonths.filter { $0 <= VisitSchedule.lastMonth }
            dueDays = months.map { grantDate.adding(months: $0) }
            windowEnds = months.map { VisitSchedule.end(ofMonth: $0, grantDate: grantDate) }
        }

        /// Her scheduled visits whose window closed by `asOf` and that fell due before her case
        /// was closed, and those of them her case's bits say were made on time.
        public func tally(bits: Int64, asOf: LocalDate, closedOn: LocalDate?) -> Tally {
            var tally = Tally(), previous = 0
            for (index, month) in months.enumerated() {
                defer { previous = month }
                guard windowEnds[index] <= asOf else { break }
                if let closedOn, closedOn <= dueDays[index] { break }
                tally.due += 1
                // Months previous + 1 … month.
                let window = (Int64(1) << month) - (Int64(1) << previous)
                if bits & window != 0 { tally.onTime += 1 }
            }
            return tally
        }
    }
}
