import BekalCore
import BekalStore
import Foundation
import Testing

/// A small programme for aftercare tests: one cohort (training from 2025-01-06), three
/// graduates paid on 2025-04-10, a kelompok of two with a usaha, one worker.
private struct AftercareWorld {
    let store: SQLiteStore
    let ops: Operations
    let context: OperationContext

    init() throws {
        store = try SQLiteStore()
        ops = Operations(store: store)
        // 2026-11-25 12:00 WIB.
        context = OperationContext(actor: "tester", now: Date(timeIntervalSince1970: 1_795_582_800))
        try ops.initialise()
        _ = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
        _ = try ops.addCohort(CohortDraft(code: "2025", trainingStart: try LocalDate.parse("2025-01-06"),
                                          trainingEnd: try LocalDate.parse("2025-04-05"), budgetYear: 2025))
        for i in 1...3 {
            _ = try ops.addBeneficiary(BeneficiaryDraft(name: "Binaan \(i)"), enrolIn: ("2025", "tata-boga", .completed))
        }
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(50_000_000), documentRef: "SP2D-1",
                                                valueDate: try LocalDate.parse("2025-04-01")), context: context)
        for i in 1...3 {
            _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-0000\(i)", documentRef: "KW-\(i)",
                                                   valueDate: try LocalDate.parse("2025-04-10")), context: context)
        }
        _ = try ops.addKelompok(name: "Kue Melati", cohort: "2025", track: "tata-boga", members: ["B-00002", "B-00003"],
                                joinedOn: try LocalDate.parse("2025-04-10"))
        _ = try ops.addUsaha(UsahaDraft(ownerKelompok: "K-0001", product: "kue basah"))
        _ = try ops.addWorker(code: "PSM-01", name: "Bu Rina")
        _ = try ops.assign(worker: "PSM-01", beneficiary: "B-00001", kelompok: nil, from: try LocalDate.parse("2025-04-10"))
        _ = try ops.assign(worker: "PSM-01", beneficiary: nil, kelompok: "K-0001", from: try LocalDate.parse("2025-04-10"))
    }

    func d(_ s: String) throws -> LocalDate { try LocalDate.parse(s) }

    /// Everything a refused operation must leave untouched.
    func snapshot() throws -> [String] {
        try store.read { tx in
            let tb = try TrialBalance.build(from: tx)
            return ["entries \(try tx.entryCount())", "tb \(tb)",
                    "due \(try FollowUpList.build(from: tx, policy: .standard, asOf: try d("2026-11-25"), workerID: nil))"]
        }
    }

    func visitCount() throws -> Int {
        try store.read { tx in try tx.visitCountsByWorkerMonth(from: nil, to: nil).reduce(0) { $0 + $1.visits } }
    }
}

@Suite struct AftercareVisitTests {
    @Test func salesGoToTheUsahaBookAndTheOfficeBookIsUntouched() throws {
        let w = try AftercareWorld()
        let officeBefore = try w.store.read { tx in try TrialBalance.build(from: tx, bookCode: Book.officeCode) }
        let result = try w.ops.recordVisit(VisitRequest(date: try w.d("2025-05-12"), worker: "PSM-01", kelompok: "K-0001", usaha: "U-0001",
                                                        contactMode: .homeVisit,
                                                        sales: SalesReport(amount: Rupiah(750_000), periodStart: try w.d("2025-04-12"),
                                                                           periodEnd: try w.d("2025-05-11")),
                                                        support: [.marketing, .branding], needs: "merek dan kemasan"), context: w.context)
        #expect(result.replayed == false)
        #expect(result.visit.salesEntryID != nil)
        let (office, usaha) = try w.store.read { tx in
            (try TrialBalance.build(from: tx, bookCode: Book.officeCode), try TrialBalance.build(from: tx, bookCode: "U-0001"))
        }
        #expect(office == officeBefore)
        let sales = try #require(usaha.books.first?.accounts.first { $0.code == "4101" })
        #expect(sales.credit == Rupiah(750_000))
        #expect(try w.store.read { tx in try Verification.run(on: tx) }.isValid)
    }

    @Test func theSameVisitRecordedTwiceIsStoredOnce() throws {
        let w = try AftercareWorld()
        let request = VisitRequest(date: try w.d("2025-05-12"), worker: "psm-01", beneficiary: "B-00001", contactMode: .phone,
                                   whereabouts: .here, businessStatus: .running, notes: "baik")
        let first = try w.ops.recordVisit(request, context: w.context)
        let second = try w.ops.recordVisit(request, context: w.context)
        #expect(second.replayed)
        #expect(second.visit.id == first.visit.id)
        #expect(try w.visitCount() == 1)
    }

    @Test func aDifferentReportOfTheSameVisitIsRefused() throws {
        let w = try AftercareWorld()
        var request = VisitRequest(date: try w.d("2025-05-12"), worker: "PSM-01", beneficiary: "B-00001", contactMode: .phone,
                                   businessStatus: .running)
        _ = try w.ops.recordVisit(request, context: w.context)
        request.businessStatus = .closed
        let before = try w.snapshot()
        let error = try #require(throws: AftercareRejection.self) { try w.ops.recordVisit(request, context: w.context) }
        #expect(error.code == "visit_conflict")
        #expect(error.message == "This visit (same day, worker, person and contact mode) was already recorded as visit #1 with different details; visits are not edited — record what changed in a new visit.")
        #expect(try w.snapshot() == before)
    }

    /// Each refusal: its message, and nothing written.
    @Test(arguments: [
        ("future", "The visit date 2026-11-26 is after today (2026-11-25); record what has happened."),
        ("before-enrolment", "The visit date 2024-12-01 is before B-00001's training started (2025-01-06); check the date."),
        ("unknown-worker", "No aftercare worker \"PSM-09\" exists; list workers with `bekal worker list`."),
        ("unknown-person", "No beneficiary \"B-00099\" exists; give her code (B-00012) or the office's register number."),
        ("negative-sales", "sales \"-Rp5.000\" is negative: sales are Rp0 or more; write 0 when nothing was sold."),
        ("sales-without-usaha", "Sales belong to a business: name the usaha with --usaha (sales are posted to its book)."),
        ("no-subject", "A visit needs someone or something visited: give --beneficiary, --kelompok or --usaha."),
        ("next-before", "The next visit due 2025-05-01 is before this visit (2025-05-12); give a later date."),
    ])
    func refusals(_ testCase: (String, String)) throws {
        let w = try AftercareWorld()
        let day = try w.d("2025-05-12")
        let period = SalesReport(amount: Rupiah(-5_000), periodStart: try w.d("2025-05-01"), periodEnd: day)
        let request: VisitRequest = switch testCase.0 {
        case "future": VisitRequest(date: try w.d("2026-11-26"), worker: "PSM-01", beneficiary: "B-00001", contactMode: .phone)
        case "before-enrolment": VisitRequest(date: try w.d("2024-12-01"), worker: "PSM-01", beneficiary: "B-00001", contactMode: .phone)
        case "unknown-worker": VisitRequest(date: day, worker: "PSM-09", beneficiary: "B-00001", contactMode: .phone)
        case "unknown-person": VisitRequest(date: day, worker: "PSM-01", beneficiary: "B-00099", contactMode: .phone)
        case "negative-sales": VisitRequest(date: day, worker: "PSM-01", usaha: "U-0001", contactMode: .phone, sales: period)
        case "sales-without-usaha":
            VisitRequest(date: day, worker: "PSM-01", beneficiary: "B-00001", contactMode: .phone,
                         sales: SalesReport(amount: Rupiah(5_000), periodStart: try w.d("2025-05-01"), periodEnd: day))
        case "no-subject": VisitRequest(date: day, worker: "PSM-01", contactMode: .phone)
        default: VisitRequest(date: day, worker: "PSM-01", beneficiary: "B-00001", contactMode: .phone, nextVisitDue: try w.d("2025-05-01"))
        }
        let before = try w.snapshot()
        var message: String?
        do { _ = try w.ops.recordVisit(request, context: w.context) } catch let failure as any BekalFailure { message = failure.message }
        #expect(message == testCase.1)
        #expect(try w.snapshot() == before)
        #expect(try w.visitCount() == 0)
    }
}

@Suite struct FollowUpAndOutcomeTests {
    @Test func aVisitTakesHerOffTheDueListUntilTheNextScheduledDate() throws {
        let w = try AftercareWorld()
        let asOf = try w.d("2025-05-20")
        func due() throws -> [String] {
            try w.ops.followUpDue(worker: "PSM-01", asOf: asOf, context: w.context).rows.map(\.beneficiary)
        }
        #expect(try due() == ["B-00001", "B-00002", "B-00003"])
        _ = try w.ops.recordVisit(VisitRequest(date: try w.d("2025-05-15"), worker: "PSM-01", beneficiary: "B-00001",
                                               contactMode: .homeVisit, whereabouts: .here), context: w.context)
        #expect(try due() == ["B-00002", "B-00003"])
        // A kelompok visit reaches its current members.
        _ = try w.ops.recordVisit(VisitRequest(date: try w.d("2025-05-16"), worker: "PSM-01", kelompok: "K-0001",
                                               contactMode: .homeVisit), context: w.context)
        #expect(try due() == [])
    }

    @Test func mostOverdueComesFirstWithDaysCounted() throws {
        let w = try AftercareWorld()
        _ = try w.ops.recordVisit(VisitRequest(date: try w.d("2025-06-01"), worker: "PSM-01", kelompok: "K-0001",
                                               contactMode: .homeVisit), context: w.context)
        let rows = try w.ops.followUpDue(worker: nil, asOf: try w.d("2025-07-15"), context: w.context).rows
        // B-00001: due 2025-05-10, 66 days late; the kelompok members: due 2025-06-10 (after the 1 June contact), 35 days.
        #expect(rows.map(\.beneficiary) == ["B-00001", "B-00002", "B-00003"])
        #expect(rows.map(\.daysOverdue) == [66, 35, 35])
        #expect(rows.map(\.dueDate.description) == ["2025-05-10", "2025-06-10", "2025-06-10"])
    }

    @Test func unreachableMakesHerLostAndANewContactClearsIt() throws {
        let w = try AftercareWorld()
        _ = try w.ops.recordVisit(VisitRequest(date: try w.d("2025-05-10"), worker: "PSM-01", beneficiary: "B-00001",
                                               contactMode: .phone, whereabouts: .unreachable), context: w.context)
        var row = try #require(try w.ops.followUpDue(worker: nil, asOf: try w.d("2025-05-20"), context: w.context).rows.first { $0.beneficiary == "B-00001" })
        #expect(row.lostToFollowUp)
        #expect(row.lastContact == nil)
        _ = try w.ops.recordVisit(VisitRequest(date: try w.d("2025-05-25"), worker: "PSM-01", beneficiary: "B-00001",
                                               contactMode: .homeVisit, whereabouts: .movedWithinCity), context: w.context)
        row = try #require(try w.ops.followUpDue(worker: nil, asOf: try w.d("2025-07-20"), context: w.context).rows.first { $0.beneficiary == "B-00001" })
        #expect(row.lostToFollowUp == false)
        #expect(row.lastContact == (try w.d("2025-05-25")))
    }

    /// A programme that records outcomes and no visits must not report everyone lost: an
    /// outcome she reported herself, or her worker saw, is a contact; a neighbour's report is not.
    @Test func anOutcomeFromADirectContactIsAContact() throws {
        let w = try AftercareWorld()
        _ = try w.ops.recordVisit(VisitRequest(date: try w.d("2025-05-10"), worker: "PSM-01", beneficiary: "B-00001",
                                               contactMode: .phone, whereabouts: .unreachable), context: w.context)
        _ = try w.ops.recordOutcome(beneficiary: "B-00001", asOf: try w.d("2025-09-01"), returned: .no, source: .selfReport, context: w.context)
        _ = try w.ops.recordOutcome(beneficiary: "B-00002", asOf: try w.d("2025-09-01"), returned: .no, source: .workerObservation, context: w.context)
        _ = try w.ops.recordOutcome(beneficiary: "B-00003", asOf: try w.d("2025-09-01"), returned: .no, source: .communityReport, context: w.context)
        let asOf = try w.d("2025-12-01")
        let rows = try w.ops.followUpDue(worker: nil, asOf: asOf, context: w.context).rows
        let byCode = Dictionary(uniqueKeysWithValues: rows.map { ($0.beneficiary, $0) })
        let september = try w.d("2025-09-01")
        #expect(byCode["B-00001"]?.lostToFollowUp == false && byCode["B-00001"]?.lastContact == september)
        #expect(byCode["B-00002"]?.lostToFollowUp == false)
        // Nobody reached B-00003 since her grant of 2025-04-10: 235 days, lost.
        #expect(byCode["B-00003"]?.lostToFollowUp == true && byCode["B-00003"]?.lastContact == nil)
        let report = try w.ops.outcomeReport(by: .cohort, asOf: asOf, context: w.context)
        #expect(report.total.tally == OutcomeTally(notReturned: 2, lost: 1))
        #expect(OutcomeSource.allCases.filter(\.isContact) == [.selfReport, .workerObservation])
    }

    @Test func outcomeReportShowsTheRangeAndIsAudited() throws {
        let w = try AftercareWorld()
        let asOf = try w.d("2025-08-01")
        // B-00001 not returned (self report); B-00002 returned; B-00003 contacted but unknown.
        _ = try w.ops.recordVisit(VisitRequest(date: try w.d("2025-07-01"), worker: "PSM-01", kelompok: "K-0001",
                                               contactMode: .homeVisit), context: w.context)
        _ = try w.ops.recordVisit(VisitRequest(date: try w.d("2025-07-02"), worker: "PSM-01", beneficiary: "B-00001",
                                               contactMode: .homeVisit, whereabouts: .here), context: w.context)
        _ = try w.ops.recordOutcome(beneficiary: "B-00001", asOf: try w.d("2025-07-02"), returned: .no, source: .selfReport, context: w.context)
        _ = try w.ops.recordOutcome(beneficiary: "B-00002", asOf: try w.d("2025-07-01"), returned: .yes, source: .communityReport,
                                    factors: OutcomeFactors(reasons: [.familyNeedsMoney]), context: w.context)
        let report = try w.ops.outcomeReport(by: .cohort, asOf: asOf, context: w.context)
        #expect(report.total.tally == OutcomeTally(returned: 1, notReturned: 1, unknown: 1, lost: 0))
        #expect(report.total.tally.successRangeLabel == "33,3 % s.d. 50,0 %")
        // Half a year later without contact, all three are lost: the low end falls to 0.
        let later = try w.ops.outcomeReport(by: .kelompok, asOf: try w.d("2026-02-01"), context: w.context)
        #expect(later.total.tally == OutcomeTally(lost: 3))
        // An outcome recorded after the as-of day does not count for it.
        let early = try w.ops.outcomeReport(by: .cohort, asOf: try w.d("2025-06-30"), context: w.context)
        #expect(early.total.tally.notReturned == 0 && early.total.tally.returned == 0)
        let audit = try w.store.read { tx in try tx.auditRecords(actor: nil, action: "report.outcomes", from: nil, to: nil, limit: 10) }
        #expect(audit.count == 3)
        #expect(audit.allSatisfy { $0.actor == "tester" && !$0.detail.contains("Binaan") })
    }

    @Test func readingAnOutcomeHistoryIsAuditedWithoutItsContent() throws {
        let w = try AftercareWorld()
        _ = try w.ops.recordOutcome(beneficiary: "B-00002", asOf: try w.d("2025-07-01"), returned: .yes, source: .selfReport,
                                    factors: OutcomeFactors(reasons: [.businessFailed]), context: w.context)
        let (_, history) = try w.ops.outcomeHistory(beneficiary: "B-00002", context: w.context)
        #expect(history.map(\.returned) == [.yes])
        let audit = try w.store.read { tx in try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 10) }
        #expect(audit.map(\.action) == ["outcome.history", "outcome.record"])
        #expect(audit.allSatisfy { $0.subject == "B-00002" && !$0.detail.contains("yes") && !$0.detail.contains("Binaan") })
    }

    @Test func outcomeRefusals() throws {
        let w = try AftercareWorld()
        let before = try w.snapshot()
        let unknown = try #require(throws: ProgrammeRejection.self) {
            try w.ops.recordOutcome(beneficiary: "B-00042", asOf: try w.d("2025-07-01"), returned: .no, source: .selfReport, context: w.context)
        }
        #expect(unknown.message == "No beneficiary \"B-00042\" exists; give her code (B-00012) or the office's register number.")
        let future = try #require(throws: AftercareRejection.self) {
            try w.ops.recordOutcome(beneficiary: "B-00001", asOf: try w.d("2027-01-01"), returned: .no, source: .selfReport, context: w.context)
        }
        #expect(future.message == "The outcome date 2027-01-01 is after today (2026-11-25); record what has happened.")
        #expect(try w.snapshot() == before)
        #expect(try w.store.read { tx in try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 10) }.isEmpty)
    }

    @Test func aReversedGrantLeavesTheScheduleAndARepaymentRestartsIt() throws {
        let w = try AftercareWorld()
        let asOf = try w.d("2025-09-01")
        let entry = try #require(try w.store.read { tx in try tx.entry(idempotencyKey: "grant:KW-1") })
        _ = try w.ops.reverse(entryID: entry.id, reason: "salah orang", date: try w.d("2025-04-11"), context: w.context)
        #expect(try w.ops.followUpDue(worker: nil, asOf: asOf, context: w.context).rows.map(\.beneficiary) == ["B-00002", "B-00003"])
        #expect(try w.ops.outcomeReport(by: .cohort, asOf: asOf, context: w.context).total.grants == 2)
        _ = try w.ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-1b", valueDate: try w.d("2025-05-20")),
                                    context: w.context)
        let row = try #require(try w.ops.followUpDue(worker: nil, asOf: asOf, context: w.context).rows.first { $0.beneficiary == "B-00001" })
        #expect(row.grantDate == (try w.d("2025-05-20")))
        #expect(row.dueDate == (try w.d("2025-06-20")))
        #expect(row.worker == "PSM-01")
    }

    @Test func leavingTheKelompokTakesHerOutOfItsWorkersCaseload() throws {
        let w = try AftercareWorld()
        _ = try w.ops.addWorker(code: "PSM-02", name: "Pak Yusuf")
        _ = try w.ops.assign(worker: "PSM-02", beneficiary: nil, kelompok: "K-0001", from: try w.d("2025-05-01"))
        let asOf = try w.d("2025-07-01")
        #expect(try w.ops.followUpDue(worker: "PSM-02", asOf: asOf, context: w.context).rows.map(\.beneficiary) == ["B-00002", "B-00003"])
        try w.ops.leave(kelompok: "K-0001", beneficiary: "B-00003", on: try w.d("2025-06-01"))
        #expect(try w.ops.followUpDue(worker: "PSM-02", asOf: asOf, context: w.context).rows.map(\.beneficiary) == ["B-00002"])
        let unassigned = try #require(try w.ops.followUpDue(worker: nil, asOf: asOf, context: w.context).rows.first { $0.beneficiary == "B-00003" })
        #expect(unassigned.worker == nil)
    }

    @Test func aChangedPolicyChangesWhoIsDueAndWhoIsLost() throws {
        let w = try AftercareWorld()
        _ = try w.ops.recordVisit(VisitRequest(date: try w.d("2025-05-10"), worker: "PSM-01", beneficiary: "B-00001",
                                               contactMode: .homeVisit, whereabouts: .here), context: w.context)
        let asOf = try w.d("2025-06-15")
        func row() throws -> FollowUpList.Row? {
            try w.ops.followUpDue(worker: nil, asOf: asOf, context: w.context).rows.first { $0.beneficiary == "B-00001" }
        }
        #expect(try row()?.dueDate == (try w.d("2025-06-10")))
        // Quarterly from the start: the next visit after 10 May is 10 July, not yet due.
        _ = try w.ops.changeSettings(SettingsChange(followUpPolicy: FollowUpPolicy(monthlyUntilMonth: 0, quarterlyUntilMonth: 24, lostAfterDays: 30)), context: w.context)
        #expect(try row() == nil)
        let later = try #require(try w.ops.followUpDue(worker: nil, asOf: try w.d("2025-07-15"), context: w.context).rows.first { $0.beneficiary == "B-00001" })
        #expect(later.daysOverdue == 5)
        #expect(later.lostToFollowUp)
        let refused = try #require(throws: InputError.self) {
            try w.ops.changeSettings(SettingsChange(followUpPolicy: FollowUpPolicy(monthlyUntilMonth: 6, quarterlyUntilMonth: 3, lostAfterDays: 180)), context: w.context)
        }
        #expect(refused.message == "follow-up policy \"6/3/180\" is out of range: monthly for 0 to 24 months, quarterly until that or up to 120 months, lost after 30 to 3650 days.")
        #expect(try w.ops.settings().followUpPolicy.lostAfterDays == 30)
    }

    @Test func reassignmentKeepsHistoryAndMovesTheCaseload() throws {
        let w = try AftercareWorld()
        _ = try w.ops.addWorker(code: "PSM-02", name: "Pak Yusuf")
        _ = try w.ops.assign(worker: "PSM-02", beneficiary: "B-00001", kelompok: nil, from: try w.d("2025-06-01"))
        let asOf = try w.d("2025-07-01")
        #expect(try w.ops.followUpDue(worker: "PSM-02", asOf: asOf, context: w.context).rows.map(\.beneficiary) == ["B-00001"])
        #expect(try w.ops.followUpDue(worker: "PSM-01", asOf: asOf, context: w.context).rows.map(\.beneficiary) == ["B-00002", "B-00003"])
    }
}
