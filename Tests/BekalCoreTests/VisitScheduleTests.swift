import BekalCore
import Testing

/// The windows of the scheduled visits (``VisitSchedule``): each month's runs from the day after
/// the previous month's last day through the grant's day that month plus 14 days, clamped to
/// the end of a shorter month; a scheduled visit is on time when a visit fell in its windows.
@Suite struct VisitScheduleTests {
    static func day(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

    @Test("a visit's month after the grant, at the edges of its window", arguments: [
        ("2026-01-31", "2026-01-31", nil), // the grant's own day is no aftercare visit
        ("2026-02-01", "2026-01-31", 1),
        ("2026-03-14", "2026-01-31", 1), // 31 January + 1 month is 28 February, + 14 days
        ("2026-03-15", "2026-01-31", 2),
        ("2026-04-14", "2026-01-31", 2), // + 2 months is 31 March, + 14 days
        ("2026-04-15", "2026-01-31", 3),
        ("2026-10-15", "2026-09-01", 1), ("2026-10-16", "2026-09-01", 2),
        ("2026-12-20", "2026-09-01", 4),
        ("2031-10-15", "2026-09-01", 61), ("2031-11-15", "2026-09-01", 62), ("2031-11-16", "2026-09-01", nil),
    ] as [(String, String, Int?)])
    func month(visit: String, grant: String, expected: Int?) {
        #expect(VisitSchedule.month(of: Self.day(visit), grantDate: Self.day(grant)) == expected)
        #expect(VisitSchedule.bit(of: Self.day(visit), grantDate: Self.day(grant)) == expected.map { Int64(1) << ($0 - 1) } ?? 0)
    }

    /// Grant on 1 September 2026, the standard schedule (months 1–6, then 9, 12 … 24). Visits in
    /// months 1, 2 (twice) and 4: the visits due in months 1, 2 and 4 were on time, month 3's
    /// was not; the quarterly one of month 9 is on time for a visit in month 7, 8 or 9.
    @Test func scheduledVisitsOnTime() {
        let grant = Self.day("2026-09-01")
        let plan = VisitSchedule.Plan(grantDate: grant, policy: .standard)
        #expect(plan.months == [1, 2, 3, 4, 5, 6, 9, 12, 15, 18, 21, 24])
        let bits = VisitSchedule.bits(of: ["2026-09-20", "2026-11-10", "2026-11-14", "2026-12-20"].map(Self.day), grantDate: grant)
        #expect(bits == 0b1011)
        #expect(plan.tally(bits: bits, asOf: Self.day("2027-01-05"), closedOn: nil) == VisitSchedule.Tally(due: 3, onTime: 2))
        #expect(plan.tally(bits: bits, asOf: Self.day("2027-01-15"), closedOn: nil) == VisitSchedule.Tally(due: 4, onTime: 3))
        // Closed on 1 December: the visit due that day is not due any more.
        #expect(plan.tally(bits: bits, asOf: Self.day("2027-01-15"), closedOn: Self.day("2026-12-01")) == VisitSchedule.Tally(due: 2, onTime: 2))
        // A visit in month 8 (15 April – 15 May 2027) is on time for month 9's; nothing for months 5 and 6.
        let later = bits | VisitSchedule.bit(of: Self.day("2027-05-01"), grantDate: grant)
        #expect(VisitSchedule.month(of: Self.day("2027-05-01"), grantDate: grant) == 8)
        #expect(plan.tally(bits: later, asOf: Self.day("2027-06-15"), closedOn: nil) == VisitSchedule.Tally(due: 7, onTime: 4))
    }
}
