import BekalCore
import Testing

@Suite struct FollowUpPolicyTests {
    func d(_ s: String) throws -> LocalDate { try LocalDate.parse(s) }

    @Test func standardScheduleIsMonthlyThenQuarterly() {
        #expect(FollowUpPolicy.standard.scheduleMonths == [1, 2, 3, 4, 5, 6, 9, 12, 15, 18, 21, 24])
    }

    @Test func firstVisitIsDueAMonthAfterTheGrant() throws {
        #expect(FollowUpPolicy.standard.nextDue(grantDate: try d("2026-03-15"), lastContact: nil) == (try d("2026-04-15")))
    }

    @Test func monthEndsAreClampedIncludingLeapYears() throws {
        let policy = FollowUpPolicy.standard
        #expect(policy.nextDue(grantDate: try d("2024-01-31"), lastContact: nil) == (try d("2024-02-29")))
        #expect(policy.nextDue(grantDate: try d("2023-01-31"), lastContact: nil) == (try d("2023-02-28")))
        // After a contact on the February due date, the next is 31 March, not 28 March.
        #expect(policy.nextDue(grantDate: try d("2023-01-31"), lastContact: try d("2023-02-28")) == (try d("2023-03-31")))
    }

    @Test func aContactBetweenScheduledDatesMovesToTheNextOne() throws {
        let grant = try d("2026-01-10")
        #expect(FollowUpPolicy.standard.nextDue(grantDate: grant, lastContact: try d("2026-03-20")) == (try d("2026-04-10")))
        // In the quarterly phase: after month 6 the next is month 9.
        #expect(FollowUpPolicy.standard.nextDue(grantDate: grant, lastContact: try d("2026-07-10")) == (try d("2026-10-10")))
    }

    @Test func theScheduleEndsAfterTwentyFourMonths() throws {
        let grant = try d("2024-01-10")
        #expect(FollowUpPolicy.standard.nextDue(grantDate: grant, lastContact: try d("2026-01-10")) == nil)
        #expect(FollowUpPolicy.standard.daysOverdue(grantDate: grant, lastContact: try d("2026-01-10"), asOf: try d("2026-11-25")) == nil)
    }

    @Test func daysOverdueCountsFromTheDueDate() throws {
        let grant = try d("2026-01-10")
        let policy = FollowUpPolicy.standard
        #expect(policy.daysOverdue(grantDate: grant, lastContact: nil, asOf: try d("2026-02-09")) == nil)
        #expect(policy.daysOverdue(grantDate: grant, lastContact: nil, asOf: try d("2026-02-10")) == 0)
        #expect(policy.daysOverdue(grantDate: grant, lastContact: nil, asOf: try d("2026-03-12")) == 30)
    }

    @Test func aChangedPolicyChangesTheSchedule() throws {
        let policy = FollowUpPolicy(monthlyUntilMonth: 3, quarterlyUntilMonth: 12)
        #expect(policy.scheduleMonths == [1, 2, 3, 6, 9, 12])
        #expect(policy.nextDue(grantDate: try d("2026-01-10"), lastContact: try d("2026-04-11")) == (try d("2026-07-10")))
    }
}

@Suite struct OutcomeTests {
    func d(_ s: String) throws -> LocalDate { try LocalDate.parse(s) }

    @Test func unreachableIsLostWhateverTheLastOutcome() throws {
        let state = OutcomeState.of(latestOutcome: .no, lastContact: try d("2026-11-01"), lastWhereabouts: .unreachable,
                                    grantDate: try d("2026-01-01"), asOf: try d("2026-11-25"), lostAfterDays: 180)
        #expect(state == .lostToFollowUp)
    }

    @Test func noContactForMoreThanTheLimitIsLost() throws {
        let grant = try d("2025-01-01")
        let asOf = try d("2026-01-01")
        #expect(OutcomeState.of(latestOutcome: .no, lastContact: asOf.adding(days: -180), lastWhereabouts: .here,
                                grantDate: grant, asOf: asOf, lostAfterDays: 180) == .notReturned)
        #expect(OutcomeState.of(latestOutcome: .no, lastContact: asOf.adding(days: -181), lastWhereabouts: .here,
                                grantDate: grant, asOf: asOf, lostAfterDays: 180) == .lostToFollowUp)
        // Never contacted: counted from the grant.
        #expect(OutcomeState.of(latestOutcome: nil, lastContact: nil, lastWhereabouts: nil,
                                grantDate: grant, asOf: asOf, lostAfterDays: 180) == .lostToFollowUp)
    }

    @Test func rangeCountsUnknownAndLostAsFailuresAtTheLowEndOnly() {
        // 7 not returned, 1 returned, 1 unknown, 1 lost: low 7/10 = 70,0 %, high 7/8 = 87,5 %.
        let tally = OutcomeTally(returned: 1, notReturned: 7, unknown: 1, lost: 1)
        #expect(tally.grants == 10)
        #expect(tally.successLowPermille == 700)
        #expect(tally.successHighPermille == 875)
        #expect(tally.successRangeLabel == "70,0 % s.d. 87,5 %")
    }

    @Test func rangeRoundsHalfUpAndHandlesEmptyGroups() {
        #expect(OutcomeTally(returned: 2, notReturned: 1).successLowPermille == 333)
        #expect(OutcomeTally(returned: 1, notReturned: 2).successLowPermille == 667)
        #expect(OutcomeTally().successRangeLabel == "–")
        // Nothing known: the low end is 0 %, the high end is undefined rather than 100 %.
        let unknownOnly = OutcomeTally(unknown: 3, lost: 2)
        #expect(unknownOnly.successLowPermille == 0)
        #expect(unknownOnly.successHighPermille == nil)
        #expect(unknownOnly.successRangeLabel == "0,0 % s.d. – (belum ada hasil diketahui)")
    }
}
