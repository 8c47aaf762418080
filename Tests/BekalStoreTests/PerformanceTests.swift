import BekalCore
import BekalStore
import Foundation
import Testing

/// Targets and the performance report (issue 16), on every store: every figure of the report
/// of a small programme, computed here by hand; and every careless target refused.
@Suite("Targets and the performance report")
struct PerformanceTests {
    static let admin = CasePathTests.admin
    static func day(_ text: String) -> LocalDate { CasePathTests.day(text) }
    static func at(_ text: String) -> OperationContext {
        OperationContext(actor: "bendahara", now: ISO8601DateFormatter().date(from: text + "T05:00:00Z")!)
    }

    /// Cohort 2026: four enrolled, three graduated (B-00001 … B-00003), one dropped out. B-00001
    /// and B-00002 were paid their grant; B-00001 did not return, B-00002's outcome is not known
    /// yet. Rp400.000 of labels for B-00003. One worker made three visits in 2026. Three needs
    /// voiced in 2026: answered in 7 and 10 days, one open. September was closed on 5 October
    /// (on time), October on 25 November (late).
    static func programme(_ underTest: StoreUnderTest) throws -> Programme {
        let programme = try Programme(underTest, cash: 0)
        let ops = programme.ops
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(10_000_000), documentRef: "SP2D-1"), context: at("2026-08-03"))
        _ = try ops.addBeneficiary(BeneficiaryDraft(name: "Peserta Keluar"), enrolIn: ("2026", "tata-boga", .droppedOut))
        _ = try ops.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: at("2026-09-01"))
        _ = try ops.disburseGrant(Programme.grant("B-00002", ref: "KW-2"), context: at("2026-09-01"))
        _ = try ops.recordAftercareExpense(AftercareExpense(amount: Rupiah(400_000), documentRef: "N-1", memo: "Label", beneficiary: "B-00003"),
                                           context: at("2026-09-02"))
        _ = try ops.addWorker(code: "PSM-01", name: "Pendamping Satu")
        for who in ["B-00001", "B-00002"] {
            _ = try ops.assign(worker: "PSM-01", beneficiary: who, kelompok: nil, from: day("2026-09-01"), context: admin)
        }
        for (who, date) in [("B-00001", "2026-10-01"), ("B-00002", "2026-10-02"), ("B-00001", "2026-11-03")] {
            _ = try ops.recordVisit(VisitRequest(date: day(date), worker: "PSM-01", beneficiary: who, contactMode: .homeVisit,
                                                 whereabouts: .here, businessStatus: .running), context: Programme.context)
        }
        _ = try ops.recordOutcome(beneficiary: "B-00001", asOf: day("2026-11-03"), returned: .no, source: .selfReport, context: Programme.context)
        let first = try ops.openNeed(NeedRequest(beneficiary: "B-00001", kind: .marketing, openedOn: day("2026-10-01")), context: Programme.context)
        let second = try ops.openNeed(NeedRequest(beneficiary: "B-00002", kind: .branding, openedOn: day("2026-10-10")), context: Programme.context)
        _ = try ops.openNeed(NeedRequest(beneficiary: "B-00001", kind: .capital, openedOn: day("2026-11-01")), context: Programme.context)
        _ = try ops.answerNeed(id: first.id, on: day("2026-10-08"), support: .marketing, note: nil, context: Programme.context)
        _ = try ops.answerNeed(id: second.id, on: day("2026-10-20"), support: .branding, note: nil, context: Programme.context)
        // Cohort 2025: one case closed in 2025, one closed in 2026, one still open.
        _ = try ops.addCohort(CohortDraft(code: "2025", budget: Rupiah(1), budgetYear: 2025))
        for (i, closedOn) in [(5, "2025-12-20"), (6, "2026-06-01"), (7, nil)] as [(Int, String?)] {
            let person = try ops.addBeneficiary(BeneficiaryDraft(name: "Peserta Lama \(i)"), enrolIn: ("2025", "tata-boga", .completed))
            _ = try ops.recordIntake(IntakeRequest(beneficiary: person.code, cohort: "2025", route: .selfReferred, category: "rentan",
                                                   consentOn: day("2025-02-01")), context: admin)
            if let closedOn {
                _ = try ops.recordStage(beneficiary: person.code, cohort: "2025", stage: "terminasi", on: day(closedOn), reason: .wentHome,
                                        context: admin)
            }
        }
        _ = try ops.closeMonth(try YearMonth.parse("2026-09"), context: at("2026-10-05"))
        _ = try ops.closeMonth(try YearMonth.parse("2026-10"), context: at("2026-11-25"))
        for (indicator, value) in [(PerformanceIndicator.graduates, Int64(3)), (.grantsPaid, 3), (.notReturned, 60), (.lostToFollowUp, 0),
                                   (.daysToAnswer, 7), (.visitsPerWorker, 3), (.monthsClosedOnTime, 50)] {
            _ = try ops.setTarget(year: 2026, cohort: nil, indicator: indicator, value: value, context: admin)
        }
        // Set again: the later target holds. And one for the cohort itself.
        _ = try ops.setTarget(year: 2026, cohort: nil, indicator: .daysToAnswer, value: 9, context: admin)
        _ = try ops.setTarget(year: 2026, cohort: "2026", indicator: .graduates, value: 4, context: admin)
        return programme
    }

    @Test("every figure of the report, computed by hand", arguments: StoreUnderTest.all)
    func figures(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let report = try programme.store.read { tx in
            try Performance.build(year: 2026, asOf: Self.day("2026-11-25"), policy: try tx.settings().followUpPolicy, in: tx)
        }
        #expect(report.cohorts == ["2026"])
        func row(_ label: String, _ scope: String? = nil) throws -> Performance.Row {
            let found = report.rows.first { $0.label == label && $0.scope == scope }
            return try #require(found, "\(label) \(scope ?? "")")
        }
        // Effectiveness: 3 of 4 graduated (target 3: met); 2 of 3 paid (target 3: not met).
        let graduates = try row("Lulusan pelatihan")
        #expect(graduates.numerator == .count(3) && graduates.denominator == .count(4) && graduates.value == .count(3))
        #expect(graduates.target == .count(3) && graduates.met == .met)
        let paid = try row("Bantuan modal kerja tersalurkan")
        #expect(paid.numerator == .count(2) && paid.denominator == .count(3) && paid.met == .notMet)
        // Not returned: 1 of 2 grants (50,0 %) to 1 of 1 known (100,0 %): target 60 % is in the range.
        let notReturned = try row("Penerima bantuan yang tidak kembali")
        #expect(notReturned.numerator == .count(1) && notReturned.denominator == .range(.count(2), .count(1)))
        #expect(notReturned.value == .range(.permille(500), .permille(1000)) && notReturned.target == .permille(600))
        #expect(notReturned.met == .undetermined)
        let lost = try row("Penerima bantuan hilang kontak")
        #expect(lost.numerator == .count(0) && lost.denominator == .count(2) && lost.value == .permille(0) && lost.met == .met)
        // The cohort's own target of 4 graduates: not met.
        let cohortGraduates = try row("Lulusan pelatihan", "Angkatan 2026")
        #expect(cohortGraduates.value == .count(3) && cohortGraduates.target == .count(4) && cohortGraduates.met == .notMet)
        // Efficiency: Rp3.400.000 for 3 graduates: Rp1.133.333 each; per graduate who did not
        // return: at most 2 (one unknown) Rp1.700.000, at least 1 Rp3.400.000.
        let perGraduate = try row("Biaya per lulusan")
        #expect(perGraduate.numerator == .rupiah(Rupiah(3_400_000)) && perGraduate.denominator == .count(3))
        #expect(perGraduate.value == .rupiah(Rupiah(1_133_333)))
        let perSuccess = try row("Biaya per lulusan yang tidak kembali")
        #expect(perSuccess.denominator == .range(.count(2), .count(1)))
        #expect(perSuccess.value == .range(.rupiah(Rupiah(1_700_000)), .rupiah(Rupiah(3_400_000))))
        // Responsiveness: answered in 7 and 10 days, median 9 (half up); 2 of 3; target 9 (the later one): met.
        let days = try row("Lama menanggapi kebutuhan (median)")
        #expect(days.numerator == .count(2) && days.denominator == .count(3) && days.value == .days(9))
        #expect(days.target == .days(9) && days.met == .met)
        // Productivity: 3 visits by 1 worker; target 3: met.
        let visits = try row("Kunjungan per pendamping")
        #expect(visits.numerator == .count(3) && visits.denominator == .count(1) && visits.value == .count(3) && visits.met == .met)
        // Accountability: January to October have ended; only September closed by 10 October: 10,0 %, target 50 %.
        let closed = try row("Bulan ditutup tepat waktu")
        #expect(closed.numerator == .count(1) && closed.denominator == .count(10) && closed.value == .permille(100))
        #expect(closed.target == .permille(500) && closed.met == .notMet)
        // Equity: all four in Tata Boga; two grants is too few to show an outcome.
        let track = try row("Kelulusan", "Jurusan Tata Boga")
        #expect(track.numerator == .count(3) && track.denominator == .count(4) && track.value == .permille(750))
        let trackOutcome = try row("Penerima bantuan yang tidak kembali", "Jurusan Tata Boga")
        #expect(trackOutcome.value == .none && trackOutcome.numerator == .none)
        // The yearly recap: two cases of 2025 carried over (one closed in 2025 is not), four new,
        // six handled, one closed in 2026, five open at its end.
        let recap = Performance.recapLabels.map { label in report.rows.first { $0.aspect == .recap && $0.label == label }?.value }
        #expect(recap == [.count(2), .count(4), .count(6), .count(1), .count(5)])
        #expect(report.table.rows.count == report.rows.count)
        // The needs are counted per pair of days as they are voiced and answered; the migration
        // that brought the counts fills in the same from the needs kept.
        func answered() throws -> Performance.Row { try Self.row(.daysToAnswer, of: programme, asOf: "2026-11-25") }
        try RegistryChangeTests.insider(programme.store, "DELETE FROM need_day")
        #expect(try answered().value == .none)
        try RegistryChangeTests.insider(programme.store, PerformanceSQL.needDays(Self.dialect(programme))[1])
        #expect(try answered() == days)
    }

    /// Three grants paid on 1 September 2026; a year later B-00001's business was found running,
    /// B-00002's closed, and nobody has reported on B-00003's since (her last visit was before
    /// the anniversary): one to two of three running, 33,3 % to 66,7 %; a target of 50 % is not settled.
    /// The three graduates paid their grant on 1 September 2026, and worker PSM-01.
    static func threeGrants(_ underTest: StoreUnderTest) throws -> Programme {
        let programme = try Programme(underTest, cash: 0)
        let ops = programme.ops
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(10_000_000), documentRef: "SP2D-1"), context: at("2026-08-03"))
        _ = try ops.addWorker(code: "PSM-01", name: "Pendamping Satu")
        for who in ["B-00001", "B-00002", "B-00003"] {
            _ = try ops.disburseGrant(Programme.grant(who, ref: "KW-\(who)"), context: at("2026-09-01"))
        }
        return programme
    }

    /// The year's row of an indicator in the 2026 report as of a day.
    static func row(_ indicator: PerformanceIndicator, of programme: Programme, asOf: String) throws -> Performance.Row {
        let report = try programme.store.read { tx in
            try Performance.build(year: 2026, asOf: day(asOf), policy: try tx.settings().followUpPolicy, in: tx)
        }
        return try #require(report.rows.first { $0.indicator == indicator && $0.scope == nil })
    }

    /// The SQL words of the store under test, for a migration's fill run by hand.
    static func dialect(_ programme: Programme) -> PerformanceSQL.Dialect { programme.store is SQLiteStore ? .sqlite : .postgres }

    @Test("businesses running a year after the grant, as a range", arguments: StoreUnderTest.all)
    func businessesAfterAYear(_ underTest: StoreUnderTest) throws {
        let programme = try Self.threeGrants(underTest)
        let ops = programme.ops
        for who in ["B-00001", "B-00002", "B-00003"] {
            _ = try ops.assign(worker: "PSM-01", beneficiary: who, kelompok: nil, from: Self.day("2026-09-01"), context: Self.admin)
        }
        let later = Self.at("2027-10-05")
        for (who, date, status) in [("B-00001", "2027-09-10", BusinessStatus.running), ("B-00002", "2027-09-12", .closed),
                                    ("B-00003", "2027-08-01", .running), ("B-00001", "2027-05-01", .paused)] {
            _ = try ops.recordVisit(VisitRequest(date: Self.day(date), worker: "PSM-01", beneficiary: who, contactMode: .homeVisit,
                                                 whereabouts: .here, businessStatus: status), context: later)
        }
        _ = try ops.setTarget(year: 2026, cohort: nil, indicator: .businessesRunning, value: 50, context: Self.admin)
        func report(asOf: String) throws -> Performance.Row { try Self.row(.businessesRunning, of: programme, asOf: asOf) }
        let row = try report(asOf: "2027-10-05")
        #expect(row.denominator == .count(3) && row.numerator == .range(.count(1), .count(2)))
        #expect(row.value == .range(.permille(333), .permille(667)) && row.target == .permille(500) && row.met == .undetermined)
        // On 11 September B-00002's closing (12 September) was not yet known: her case's latest
        // status is dated after the report's day, so her visits are read: none since the anniversary.
        let before = try report(asOf: "2027-09-11")
        #expect(before.denominator == .count(3) && before.numerator == .range(.count(1), .count(3)))
        // Before the grants' first anniversary none is due yet.
        let early = try report(asOf: "2027-08-31")
        #expect(early.denominator == .count(0) && early.value == .none && early.met == .undetermined)
    }

    /// B-00001 owns a usaha; B-00002 and B-00003 are in a kelompok that owns another, and B-00003
    /// leaves it. Each visit's business status goes to every woman it reaches on its day, the
    /// latest winning (a later record of the same day over an earlier one), as her visits say;
    /// and the migration that brought the column fills in the same from the visits already kept.
    @Test("the business status kept with her case is what her visits say, and what the migration fills in",
          arguments: StoreUnderTest.all)
    func businessStatusKeptWithHerCase(_ underTest: StoreUnderTest) throws {
        let programme = try Self.threeGrants(underTest)
        let ops = programme.ops
        _ = try ops.addKelompok(name: "Kue Melati", cohort: "2026", track: "tata-boga", members: ["B-00002", "B-00003"],
                                joinedOn: Self.day("2026-09-05"))
        _ = try ops.addUsaha(UsahaDraft(ownerKelompok: "K-0001", product: "kue basah"))
        _ = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00001", product: "jahit"))
        _ = try ops.assign(worker: "PSM-01", beneficiary: "B-00001", kelompok: nil, from: Self.day("2026-09-05"), context: Self.admin)
        _ = try ops.assign(worker: "PSM-01", beneficiary: nil, kelompok: "K-0001", from: Self.day("2026-09-05"), context: Self.admin)
        try ops.leave(kelompok: "K-0001", beneficiary: "B-00003", on: Self.day("2027-03-01"))
        let later = Self.at("2027-10-05")
        for (date, who, kelompok, usaha, status) in [
            ("2027-01-10", "B-00001", nil, nil, BusinessStatus.running), ("2027-02-10", nil, nil, "U-0002", .paused),
            ("2027-01-05", "B-00003", nil, nil, .neverStarted), ("2027-02-15", nil, "K-0001", nil, .closed),
            ("2027-04-01", nil, nil, "U-0001", .running), ("2027-04-01", "B-00002", nil, nil, .paused),
            // No status: it changes nothing.
            ("2027-05-01", "B-00002", nil, nil, nil),
        ] as [(String, String?, String?, String?, BusinessStatus?)] {
            _ = try ops.recordVisit(VisitRequest(date: Self.day(date), worker: "PSM-01", beneficiary: who, kelompok: kelompok, usaha: usaha,
                                                 contactMode: .homeVisit, whereabouts: who == nil ? nil : .here, businessStatus: status),
                                    context: later)
        }
        func kept() throws -> [Int64: String] {
            var found: [Int64: String] = [:]
            try programme.store.read { tx in
                try tx.forEachOutcomeCase(asOf: Self.day("2027-10-05")) { c in
                    found[c.beneficiaryID] = "\(c.businessStatus?.rawValue ?? "-") \(c.businessStatusOn?.description ?? "-")"
                }
            }
            return found
        }
        let expected: [Int64: String] = [1: "paused 2027-02-10", 2: "paused 2027-04-01", 3: "closed 2027-02-15"]
        #expect(try kept() == expected)
        // What her visits say, read one woman at a time.
        try programme.store.read { tx in
            for (id, text) in expected {
                let latest = try #require(try tx.visits(reaching: id, limit: 60).first { $0.businessStatus != nil })
                #expect("\(latest.businessStatus!.rawValue) \(latest.date)" == text, "B-0000\(id)")
            }
        }
        // The migration's fill, from the visits alone.
        try RegistryChangeTests.insider(programme.store, "UPDATE case_summary SET business_status = NULL, business_status_date = NULL")
        #expect(try kept().values.allSatisfy { $0 == "- -" })
        try RegistryChangeTests.insider(programme.store, try #require(PerformanceSQL.migration(date: "").last))
        #expect(try kept() == expected)
    }

    /// Three grants of 1 September 2026, visits due 1 October, 1 November, 1 December, 1 January …
    /// (each on time up to 14 days after). B-00001 was visited on 20 September, 10 and 14 November
    /// and 20 December: on time for October and November, not for December (the 20 December visit
    /// is January's). B-00002 was not found on 10 October (no contact) and seen on 15 October, the
    /// last day of October's window. B-00003 was never visited; her case was closed on 20 November,
    /// so December's visit is not due. On 5 January: 8 visits due, 3 on time (37,5 %, target 40 %
    /// not met); on 15 January, January's window has closed too: 10 due, 4 on time (40,0 %, met).
    @Test("visits on schedule, computed by hand", arguments: StoreUnderTest.all)
    func visitsOnSchedule(_ underTest: StoreUnderTest) throws {
        let programme = try Self.threeGrants(underTest)
        let ops = programme.ops
        let later = Self.at("2027-01-05")
        for (who, date, whereabouts) in [("B-00001", "2026-09-20", Whereabouts.here), ("B-00001", "2026-11-10", .here),
                                         ("B-00001", "2026-11-14", .here), ("B-00001", "2026-12-20", .here),
                                         ("B-00002", "2026-10-10", .unreachable), ("B-00002", "2026-10-15", .here)] {
            _ = try ops.recordVisit(VisitRequest(date: Self.day(date), worker: "PSM-01", beneficiary: who, contactMode: .homeVisit,
                                                 whereabouts: whereabouts), context: later)
        }
        _ = try ops.recordStage(beneficiary: "B-00003", cohort: "2026", stage: "terminasi", on: Self.day("2026-11-20"), reason: .wentHome,
                                context: Self.admin)
        _ = try ops.setTarget(year: 2026, cohort: nil, indicator: .visitsOnSchedule, value: 40, context: Self.admin)
        func report(asOf: String) throws -> Performance.Row { try Self.row(.visitsOnSchedule, of: programme, asOf: asOf) }
        let early = try report(asOf: "2027-01-05")
        #expect(early.numerator == .count(3) && early.denominator == .count(8) && early.value == .permille(375))
        #expect(early.target == .permille(400) && early.met == .notMet)
        let january = try report(asOf: "2027-01-15")
        #expect(january.numerator == .count(4) && january.denominator == .count(10) && january.value == .permille(400))
        #expect(january.met == .met && january.label == "Kunjungan sesuai jadwal")
    }

    /// The months kept with her case are those her visits give (``VisitSchedule/bits(of:grantDate:)``
    /// of the visits reaching her that found her): after visits by name and by kelompok, after her
    /// grant was reversed and paid again a month later (the months count from the new grant), and
    /// as the migration that brought the column fills them in from the visits alone; and so are
    /// the visits counted per worker and month.
    @Test("the visit months kept with her case are her visits', after a new grant and from the migration's fill",
          arguments: StoreUnderTest.all)
    func visitMonthsKeptWithHerCase(_ underTest: StoreUnderTest) throws {
        let programme = try Self.threeGrants(underTest)
        let ops = programme.ops
        _ = try ops.addKelompok(name: "Kue Melati", cohort: "2026", track: "tata-boga", members: ["B-00002", "B-00003"],
                                joinedOn: Self.day("2026-09-05"))
        _ = try ops.addUsaha(UsahaDraft(ownerKelompok: "K-0001", product: "kue basah"))
        try ops.leave(kelompok: "K-0001", beneficiary: "B-00003", on: Self.day("2026-12-01"))
        let later = Self.at("2027-03-05")
        for (date, who, kelompok, usaha, whereabouts) in [
            ("2026-09-20", "B-00001", nil, nil, Whereabouts.here), ("2026-10-20", nil, "K-0001", nil, nil),
            ("2026-11-20", nil, nil, "U-0001", nil), ("2026-12-20", nil, "K-0001", nil, nil),
            ("2027-01-20", "B-00001", nil, nil, .unreachable), ("2027-02-20", "B-00003", nil, nil, .here),
        ] as [(String, String?, String?, String?, Whereabouts?)] {
            _ = try ops.recordVisit(VisitRequest(date: Self.day(date), worker: "PSM-01", beneficiary: who, kelompok: kelompok, usaha: usaha,
                                                 contactMode: .homeVisit, whereabouts: whereabouts), context: later)
        }
        func kept() throws -> [Int64: Int64] {
            var found: [Int64: Int64] = [:]
            try programme.store.read { tx in try tx.forEachOutcomeCase(asOf: Self.day("2027-03-05")) { found[$0.beneficiaryID] = $0.visitMonths } }
            return found
        }
        func fromVisits() throws -> [Int64: Int64] {
            var found: [Int64: Int64] = [:]
            try programme.store.read { tx in
                try tx.forEachOutcomeCase(asOf: Self.day("2027-03-05")) { c in
                    let days = try tx.visits(reaching: c.beneficiaryID, limit: 100).filter { $0.whereabouts != .unreachable }.map(\.date)
                    found[c.beneficiaryID] = VisitSchedule.bits(of: days, grantDate: c.grantDate)
                }
            }
            return found
        }
        // B-00001: September (month 1); January's attempt found nobody. B-00002: October, November
        // (her kelompok's usaha), December (months 2, 3, 4). B-00003: October and November with her
        // kelompok, not December's (she had left), February by name (month 6).
        #expect(try kept() == [1: 0b1, 2: 0b1110, 3: 0b100110])
        #expect(try kept() == fromVisits())
        // B-00002's grant reversed and paid again on 1 October: her months count from then.
        let grant = try #require(try programme.store.read { tx in try tx.grants(beneficiaryID: 2) }.first)
        _ = try ops.reverse(entryID: grant.entryID, reason: "salah tanggal pembayaran", context: Self.at("2026-10-01"))
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00002", documentRef: "KW-B-00002-2"), context: Self.at("2026-10-01"))
        #expect(try kept()[2] == 0b111)
        #expect(try kept() == fromVisits())
        // The migration's fill, from the visits alone.
        try RegistryChangeTests.insider(programme.store, "UPDATE case_summary SET visit_months = 0")
        #expect(try kept().values.allSatisfy { $0 == 0 })
        let dialect = Self.dialect(programme)
        try RegistryChangeTests.insider(programme.store, PerformanceSQL.fillVisitMonths(dialect, where: "grant_date IS NOT NULL AND last_contact IS NOT NULL"))
        #expect(try kept() == [1: 0b1, 2: 0b111, 3: 0b100110])
        // The visits per worker and month kept beside them: four of PSM-01's six in 2026; the
        // migration's fill counts the same from the visits.
        func perWorker() throws -> [Int64: Int] {
            try programme.store.read { tx in try tx.visitsPerWorker(in: try YearMonth.parse("2026-01")...(try YearMonth.parse("2026-12"))) }
        }
        #expect(try perWorker() == [1: 4])
        try RegistryChangeTests.insider(programme.store, "DELETE FROM worker_visit_month")
        #expect(try perWorker().isEmpty)
        try RegistryChangeTests.insider(programme.store, PerformanceSQL.workerVisitMonths(dialect)[1])
        #expect(try perWorker() == [1: 4])
    }

    /// The schema's CHECK on `programme_target.indicator` is the shipped list, frozen: an
    /// indicator added to the core without a migration that widens the CHECK would be refused by
    /// the store only, on the day an admin first sets it.
    @Test func theIndicatorsTheSchemaAllowsAreTheCoresOwn() {
        #expect(PerformanceSQL.shippedIndicators == PerformanceIndicator.allCases.map(\.rawValue),
                "a new indicator needs a migration that rebuilds programme_target's CHECK with it, then a new shipped list")
    }

    @Test("a careless target is refused and writes nothing", arguments: StoreUnderTest.all)
    func refusals(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        let ops = programme.ops
        _ = try ops.addCohort(CohortDraft(code: "2025", budget: Rupiah(1), budgetYear: 2025))
        #expect(throws: TargetRejection.valueOutOfRange(indicator: .notReturned, value: 101)) {
            _ = try ops.setTarget(year: 2026, cohort: nil, indicator: .notReturned, value: 101, context: Self.admin)
        }
        #expect(throws: TargetRejection.valueOutOfRange(indicator: .graduates, value: -1)) {
            _ = try ops.setTarget(year: 2026, cohort: nil, indicator: .graduates, value: -1, context: Self.admin)
        }
        #expect(throws: TargetRejection.yearOutOfRange(1999)) {
            _ = try ops.setTarget(year: 1999, cohort: nil, indicator: .graduates, value: 1, context: Self.admin)
        }
        #expect(throws: TargetRejection.notPerCohort(.visitsPerWorker)) {
            _ = try ops.setTarget(year: 2026, cohort: "2026", indicator: .visitsPerWorker, value: 1, context: Self.admin)
        }
        #expect(throws: TargetRejection.cohortOfAnotherYear(cohort: "2025", cohortYear: 2025, year: 2026)) {
            _ = try ops.setTarget(year: 2026, cohort: "2025", indicator: .graduates, value: 1, context: Self.admin)
        }
        #expect(throws: InputError(.option("--indicator"), input: "kepuasan", .notOneOf(PerformanceIndicator.allCases.map(\.rawValue)))) {
            _ = try PerformanceIndicator.parse("kepuasan")
        }
        #expect(try programme.store.read { tx in try tx.targets(year: 2026).count } == 0)
        // The insider: a target is append-only.
        _ = try ops.setTarget(year: 2026, cohort: nil, indicator: .graduates, value: 3, context: Self.admin)
        for sql in ["UPDATE programme_target SET value = 1", "DELETE FROM programme_target",
                    "INSERT INTO programme_target (year, indicator, value, actor, recorded_at) VALUES (2026, 'kepuasan', 1, 'x', 'x')"] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(programme.store, sql) }
        }
        #expect(try programme.verify().isValid)
    }
}
