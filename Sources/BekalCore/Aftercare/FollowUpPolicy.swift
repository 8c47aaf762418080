/// When a graduate should be visited after her grant.
///
/// The default is monthly for the first 6 months, then quarterly until 24 months: visits are
/// scheduled 1, 2, 3, 4, 5, 6, 9, 12, 15, 18, 21 and 24 months after the grant date. Dates are
/// clamped to the end of shorter months (a grant on 31 January is due on 28 or 29 February).
public struct FollowUpPolicy: Hashable, Codable, Sendable {
    public var monthlyUntilMonth: Int
    public var quarterlyUntilMonth: Int
    /// No contact for this many days makes her lost to follow-up.
    public var lostAfterDays: Int

    public init(monthlyUntilMonth: Int = 6, quarterlyUntilMonth: Int = 24, lostAfterDays: Int = 180) {
        self.monthlyUntilMonth = monthlyUntilMonth
        self.quarterlyUntilMonth = quarterlyUntilMonth
        self.lostAfterDays = lostAfterDays
    }

    public static let standard = FollowUpPolicy()

    /// The limits a policy is set within: monthly visits for up to two years, quarterly ones
    /// up to ten, lost after a month to ten years without contact.
    public static let monthlyMonths = 0...24
    public static let quarterlyMonthMax = 120
    public static let lostAfterDayRange = 30...3650

    public var isWithinLimits: Bool {
        Self.monthlyMonths.contains(monthlyUntilMonth) && (monthlyUntilMonth...Self.quarterlyMonthMax).contains(quarterlyUntilMonth)
            && Self.lostAfterDayRange.contains(lostAfterDays)
    }

    /// Months after the grant at which a visit is due.
    public var scheduleMonths: [Int] {
        let monthly = monthlyUntilMonth > 0 ? Array(1...monthlyUntilMonth) : []
        let quarterly = Array(stride(from: monthlyUntilMonth + 3, through: quarterlyUntilMonth, by: 3))
        return monthly + quarterly
    }

    /// The first scheduled date after the last contact (or on/after the grant when there was
    /// none yet); nil when the schedule has ended.
    public func nextDue(grantDate: LocalDate, lastContact: LocalDate?) -> LocalDate? {
        for months in scheduleMonths {
            let due = grantDate.adding(months: months)
            if let lastContact, due <= lastContact { continue }
            return due
        }
        return nil
    }

    /// Days past due as of `asOf` (0 when due that day), or nil when not yet due or ended.
    public func daysOverdue(grantDate: LocalDate, lastContact: LocalDate?, asOf: LocalDate) -> Int? {
        guard let due = nextDue(grantDate: grantDate, lastContact: lastContact), due <= asOf else { return nil }
        return due.days(until: asOf)
    }
}
