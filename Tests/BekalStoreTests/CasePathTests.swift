import BekalCore
import BekalPostgres
import BekalStore
import Foundation
import Testing

/// Her path through the programme on every store (issue 15: intake and stages), tried as the
/// careless officer (a child enrolled, a referral without its letter, a stage out of order, a
/// case closed without a reason) and as the insider with the database (a stage written after
/// the closing, a stage rewritten): each is refused, with nothing written.
@Suite("Her path: intake, age, stages, closing")
struct CasePathTests {
    static let now = Date(timeIntervalSince1970: 1_795_582_800) // 2026-11-25
    static let admin = OperationContext(actor: "web:admin", now: now)
    static func day(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

    /// What a refusal must leave as it was: every intake and stage, and the audit log's length.
    static func pathState(_ programme: Programme) throws -> [String] {
        try programme.store.read { tx in
            var lines: [String] = []
            for id in Int64(1)...Int64(12) {
                guard let person = try tx.beneficiary(id: id) else { break }
                for e in try tx.enrolments(beneficiaryID: person.id) {
                    if let i = try tx.intake(enrolmentID: e.id) { lines.append("intake \(e.id) \(i.route) \(i.consentOn)") }
                    lines += try tx.caseStages(enrolmentID: e.id).map { "stage \($0.enrolmentID) \($0.stage) \($0.onDate)" }
                }
            }
            lines.append("audit \(try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 1000).count)")
            lines.append("enrolments \(try tx.enrolmentCounts().values.reduce(0, +))")
            return lines
        }
    }

    @Test("a child is not enrolled: she is referred to child protection, and the limit is a setting", arguments: StoreUnderTest.all)
    func childrenAreReferred(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest, cash: 0)
        let ops = programme.ops
        _ = try ops.addCohort(CohortDraft(code: "2027", trainingStart: Self.day("2027-02-01"), budget: Rupiah(0)))
        let child = try ops.addBeneficiary(BeneficiaryDraft(name: "Anak Belia", birthYear: 2013))
        let before = try Self.pathState(programme)
        let refusal = CasePathRejection.underAge(beneficiary: child.code, age: 14, minimum: 18)
        #expect(throws: refusal) {
            try ops.enrol(EnrolmentRequest(beneficiary: child.code, cohort: "2027", track: "tata-boga", status: .enrolled))
        }
        #expect(refusal.message.contains("child protection") && !refusal.message.contains("Anak Belia"))
        #expect(try Self.pathState(programme) == before, "a refused enrolment writes nothing")
        // The year alone counts the most she can be that year: 2009 is 18 in 2027, and she is taken.
        let adult = try ops.addBeneficiary(BeneficiaryDraft(name: "Dewasa Muda", birthYear: 2009))
        _ = try ops.enrol(EnrolmentRequest(beneficiary: adult.code, cohort: "2027", track: "tata-boga", status: .enrolled))
        // The office's own limit.
        var change = SettingsChange()
        change.ageMinimum = 21
        _ = try ops.changeSettings(change, context: Self.admin)
        let young = try ops.addBeneficiary(BeneficiaryDraft(name: "Dua Puluh", birthYear: 2007))
        #expect(throws: CasePathRejection.underAge(beneficiary: young.code, age: 20, minimum: 21)) {
            try ops.enrol(EnrolmentRequest(beneficiary: young.code, cohort: "2027", track: "tata-boga", status: .enrolled))
        }
        change = SettingsChange()
        change.ageMaximum = 5
        #expect(throws: InputError(.option("--age-max"), input: "5", .outOfRange)) { try ops.changeSettings(change, context: Self.admin) }
    }

    @Test("an intake names its referral, a category of the list and the day she agreed; once per enrolment", arguments: StoreUnderTest.all)
    func intakeRules(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest, cash: 0)
        let ops = programme.ops
        func request(_ change: (inout IntakeRequest) -> Void) -> IntakeRequest {
            var r = IntakeRequest(beneficiary: "B-00001", cohort: "2026", route: .referral, referringOffice: "Dinsos Kab. Pesawaran",
                                  letterNumber: "460/77/2026", letterDate: Self.day("2026-10-01"), category: "eks-wts",
                                  consentOn: Self.day("2026-10-05"))
            change(&r)
            return r
        }
        let before = try Self.pathState(programme)
        #expect(throws: CasePathRejection.referralIncomplete(missing: "--letter")) {
            try ops.recordIntake(request { $0.letterNumber = "  " }, context: Self.admin)
        }
        #expect(throws: CasePathRejection.referralIncomplete(missing: "--referred-by and --letter")) {
            try ops.recordIntake(request { $0.referringOffice = nil; $0.letterNumber = nil }, context: Self.admin)
        }
        #expect(throws: CasePathRejection.consentMissing(beneficiary: "B-00001")) {
            try ops.recordIntake(request { $0.consentOn = nil }, context: Self.admin)
        }
        #expect(throws: CasePathRejection.unknownCategory("pengamen", known: IntakeCategory.standard.map(\.code))) {
            try ops.recordIntake(request { $0.category = "pengamen" }, context: Self.admin)
        }
        #expect(throws: CasePathRejection.futureDate(what: "consent date", date: Self.day("2026-12-01"), today: Self.day("2026-11-25"))) {
            try ops.recordIntake(request { $0.consentOn = Self.day("2026-12-01") }, context: Self.admin)
        }
        #expect(throws: CasePathRejection.underAge(beneficiary: "B-00001", age: 15, minimum: 18)) {
            try ops.recordIntake(request { $0.birthDate = Self.day("2011-06-30") }, context: Self.admin)
        }
        _ = try ops.addCohort(CohortDraft(code: "2027", budget: Rupiah(0)))
        #expect(throws: ProgrammeRejection.notEnrolled(beneficiary: "B-00001", cohort: "2027")) {
            try ops.recordIntake(request { $0.cohort = "2027" }, context: Self.admin)
        }
        #expect(try Self.pathState(programme).filter { !$0.hasPrefix("audit") } == before.filter { !$0.hasPrefix("audit") })
        let intake = try ops.recordIntake(request { _ in }, context: Self.admin)
        #expect(intake.route == .referral && intake.letterNumber == "460/77/2026" && intake.actor == "web:admin")
        #expect(throws: CasePathRejection.intakeExists(beneficiary: "B-00001", cohort: "2026")) {
            try ops.recordIntake(request { $0.route = .outreach }, context: Self.admin)
        }
        // Outreach needs no letter, and keeps none given by mistake.
        let outreach = try ops.recordIntake(IntakeRequest(beneficiary: "B-00002", cohort: "2026", route: .outreach, letterNumber: "X/1",
                                                          category: "rentan", consentOn: Self.day("2026-10-07")), context: Self.admin)
        #expect(outreach.letterNumber == nil && outreach.referringOffice == nil)
        // Who referred her and her category stay out of the audit log.
        let audit = try ops.store.read { tx in try tx.auditRecords(actor: nil, action: "case.intake", from: nil, to: nil, limit: 10) }
        #expect(audit.count == 2 && audit.allSatisfy { !$0.detail.contains("Pesawaran") && !$0.detail.contains("eks-wts") && !$0.detail.contains("460/77") })
    }

    @Test("stages come from the list, in order, not after today; a closing takes its reason; nothing after it", arguments: StoreUnderTest.all)
    func stageRules(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest, cash: 0)
        let ops = programme.ops
        func stage(_ code: String, _ date: String, reason: ExitReason? = nil, text: String? = nil) throws -> CaseStage {
            try ops.recordStage(beneficiary: "B-00001", cohort: "2026", stage: code, on: Self.day(date), reason: reason, reasonText: text,
                                context: Self.admin)
        }
        _ = try stage("identifikasi", "2026-09-01")
        _ = try stage("Asesmen", "2026-09-10")
        let before = try Self.pathState(programme)
        #expect(throws: CasePathRejection.unknownStage("rehabilitasi", known: StageDefinition.atensi.map(\.code))) {
            try stage("rehabilitasi", "2026-09-11")
        }
        #expect(throws: CasePathRejection.stageBeforeLast(stage: "intervensi", date: Self.day("2026-09-09"), last: "asesmen",
                                                          lastDate: Self.day("2026-09-10"))) { try stage("intervensi", "2026-09-09") }
        #expect(throws: CasePathRejection.futureDate(what: "stage date", date: Self.day("2026-11-26"), today: Self.day("2026-11-25"))) {
            try stage("intervensi", "2026-11-26")
        }
        #expect(throws: CasePathRejection.reasonNotForStage(stage: "intervensi")) { try stage("intervensi", "2026-09-12", reason: .illness) }
        #expect(throws: CasePathRejection.closingReasonRequired(beneficiary: "B-00001", cohort: "2026")) { try stage("terminasi", "2026-09-12") }
        #expect(throws: ProgrammeRejection.exitReasonTextRequired) { try stage("terminasi", "2026-09-12", reason: .other) }
        #expect(try Self.pathState(programme) == before, "each refusal writes nothing")
        let closed = try stage("terminasi", "2026-09-12", reason: .takenOut)
        #expect(closed.closes && closed.reasonCode == .takenOut && closed.reason == nil)
        #expect(throws: CasePathRejection.caseClosed(beneficiary: "B-00001", cohort: "2026", on: Self.day("2026-09-12"))) {
            try stage("evaluasi", "2026-10-01")
        }
        let path = try ops.casePath(beneficiary: "B-00001")
        #expect(path.first?.stages.map(\.stage) == ["identifikasi", "asesmen", "terminasi"])
        #expect(path.first?.closed?.onDate == Self.day("2026-09-12"))
        // Why her case was closed is not in the audit log.
        let audit = try ops.store.read { tx in try tx.auditRecords(actor: nil, action: "case.stage", from: nil, to: nil, limit: 10) }
        #expect(audit.count == 3 && audit.allSatisfy { !$0.detail.contains("taken") })
    }

    @Test("the schema refuses a stage after the closing, and any rewrite of her path", arguments: StoreUnderTest.all)
    func insiderCannotRewriteHerPath(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest, cash: 0)
        let ops = programme.ops
        _ = try ops.recordIntake(IntakeRequest(beneficiary: "B-00001", cohort: "2026", route: .selfReferred, category: "rentan",
                                               consentOn: Self.day("2026-09-01")), context: Self.admin)
        _ = try ops.recordStage(beneficiary: "B-00001", cohort: "2026", stage: "terminasi", on: Self.day("2026-09-12"), reason: .wentHome,
                                context: Self.admin)
        let before = try Self.pathState(programme)
        for sql in [
            "INSERT INTO case_stage (enrolment_id, stage, on_date, closes, actor, recorded_at) VALUES (1, 'intervensi', '2026-10-01', 0, 'x', 'x')",
            "UPDATE case_stage SET on_date = '2026-01-01'",
            "UPDATE case_stage SET reason_code = 'completed_aftercare'",
            "DELETE FROM case_stage",
            "UPDATE intake SET consent_on = '2026-01-01'",
            "DELETE FROM intake",
            // A closing without its reason, or a referral without its letter.
            "INSERT INTO case_stage (enrolment_id, stage, on_date, closes, actor, recorded_at) VALUES (2, 'terminasi', '2026-10-01', 1, 'x', 'x')",
            "INSERT INTO intake (enrolment_id, route, category, consent_on, actor, recorded_at) VALUES (2, 'referral', 'rentan', '2026-10-01', 'x', 'x')",
        ] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(programme.store, sql) }
        }
        #expect(try Self.pathState(programme) == before)
        #expect(try programme.verify().isValid)
    }

    @Test("a closed case leaves the due list, needs no worker, and is judged as of its closing, not as lost", arguments: StoreUnderTest.all)
    func closedCaseLeavesTheDueList(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest, cash: 0)
        let ops = programme.ops
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(10_000_000), documentRef: "SP2D-1", valueDate: Self.day("2026-01-02")),
                                  context: Programme.context)
        for who in ["B-00001", "B-00002"] {
            _ = try ops.disburseGrant(GrantRequest(beneficiary: who, documentRef: "KW-\(who)", valueDate: Self.day("2026-01-15")),
                                      context: Programme.context)
        }
        func due() throws -> [String] { try ops.followUpDue(worker: nil, asOf: nil, context: Programme.context).rows.map(\.beneficiary) }
        func tally() throws -> OutcomeTally { try ops.outcomeReport(by: .cohort, asOf: nil, context: Programme.context).total.tally }
        #expect(try due() == ["B-00001", "B-00002"])
        #expect(try tally() == OutcomeTally(lost: 2), "ten months without contact: both lost to follow-up")
        #expect(try ops.unassignedCases().map(\.beneficiaryCode) == ["B-00001", "B-00002"])
        // Closed six weeks after her grant (she went home): within the contact window then.
        _ = try ops.recordStage(beneficiary: "B-00001", cohort: "2026", stage: "terminasi", on: Self.day("2026-03-01"), reason: .wentHome,
                                context: Self.admin)
        #expect(try due() == ["B-00002"])
        #expect(try tally() == OutcomeTally(unknown: 1, lost: 1), "her closed case is what it was on its day, not lost")
        #expect(try ops.unassignedCases().map(\.beneficiaryCode) == ["B-00002"])
        // Before the closing day, the report as of then still follows her.
        #expect(try ops.followUpDue(worker: nil, asOf: Self.day("2026-02-28"), context: Programme.context).rows.map(\.beneficiary) == ["B-00001", "B-00002"])
        let report = try ops.stageReport()
        #expect(report.total.enrolments == 3 && report.total.noStage == 2)
        #expect(report.total.stages == ["terminasi": 1] && report.total.closedBy == ["went_home": 1])
    }

    @Test("a returned outcome says why; a not-returned one may say what kept her; the report keeps the honest range",
          arguments: StoreUnderTest.all)
    func whySheReturned(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        let ops = programme.ops
        for who in ["B-00001", "B-00002", "B-00003"] { _ = try ops.disburseGrant(Programme.grant(who, ref: "KW-\(who)"), context: Programme.context) }
        let day = Self.day("2026-11-25")
        func record(_ who: String, _ returned: ReturnedToSexWork, _ factors: OutcomeFactors) throws -> OutcomeRecord {
            try ops.recordOutcome(beneficiary: who, asOf: day, returned: returned, source: .selfReport, factors: factors, context: Self.admin)
        }
        func outcomes() throws -> Int { try ops.store.read { tx in try (1...3).reduce(0) { $0 + (try tx.outcomes(beneficiaryID: Int64($1)).count) } } }
        #expect(throws: AftercareRejection.returnReasonRequired) { try record("B-00001", .yes, .none) }
        #expect(throws: AftercareRejection.returnReasonTextRequired) { try record("B-00001", .yes, OutcomeFactors(reasons: [.other])) }
        #expect(throws: AftercareRejection.factorNotForOutcome(.yes)) {
            try record("B-00001", .yes, OutcomeFactors(reasons: [.coerced], protective: [.married]))
        }
        #expect(throws: AftercareRejection.factorNotForOutcome(.no)) { try record("B-00002", .no, OutcomeFactors(reasons: [.coerced])) }
        #expect(throws: AftercareRejection.factorNotForOutcome(.unknown)) { try record("B-00003", .unknown, OutcomeFactors(protective: [.married])) }
        #expect(try outcomes() == 0, "each refusal writes nothing")

        let returned = try record("B-00001", .yes, OutcomeFactors(reasons: [.coerced, .familyNeedsMoney, .coerced]))
        _ = try record("B-00002", .no, OutcomeFactors(protective: [.familySupport]))
        #expect(try ops.outcomeFactors(outcomeID: returned.id) == OutcomeFactors(reasons: [.familyNeedsMoney, .coerced]),
                "each reason once, in the list's order, on every store")
        let (_, history) = try ops.outcomeHistory(beneficiary: "B-00001", context: Self.admin)
        #expect(history.first?.factors.reasons == [.familyNeedsMoney, .coerced])
        let audit = try ops.store.read { tx in try tx.auditRecords(actor: nil, action: "outcome.record", from: nil, to: nil, limit: 10) }
        #expect(audit.count == 2 && audit.allSatisfy { $0.detail.isEmpty }, "the audit log holds no outcome and no reason")

        // Computed by hand: three grants, one returned (money, coerced), one not (family), one unknown.
        let report = try ops.outcomeReasonReport(asOf: nil, context: Self.admin)
        #expect(report.tally == OutcomeTally(returned: 1, notReturned: 1, unknown: 1))
        let money = try #require(report.reasons.first { $0.code == "family_needs_money" })
        #expect(money.count == 1 && money.lowPermille == 333 && money.highPermille == 667, "1 of 3 known; up to 2 of 3 if the unknown did")
        let failed = try #require(report.reasons.first { $0.code == "business_failed" })
        #expect(failed.count == 0 && failed.lowPermille == 0 && failed.highPermille == 333)
        let family = try #require(report.protective.first { $0.code == "family_support" })
        #expect(family.count == 1 && family.lowPermille == 333)
        #expect(report.table.rows.contains { $0.first == .text("Alasan kembali") && $0[1] == .text("Keluarga membutuhkan uang")
                                                 && $0[3] == .text("33,3 % s.d. 66,7 %") })
        let read = try ops.store.read { tx in try tx.auditRecords(actor: nil, action: "report.outcomes", from: nil, to: nil, limit: 10) }
        #expect(read.contains { $0.subject == "reasons" }, "reading the reasons is audited")

        // The insider: a reason on a not-returned outcome, and any rewrite.
        let notReturnedID = try #require(try ops.store.read { tx in try tx.outcomes(beneficiaryID: 2).first?.id })
        for sql in [
            "INSERT INTO outcome_factor (outcome_id, kind, code) VALUES (\(notReturnedID), 'reason', 'coerced')",
            "INSERT INTO outcome_factor (outcome_id, kind, code) VALUES (\(returned.id), 'reason', 'pimp')",
            "UPDATE outcome_factor SET code = 'moved_back'",
            "DELETE FROM outcome_factor",
        ] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(programme.store, sql) }
        }
        #expect(try ops.outcomeFactors(outcomeID: returned.id).reasons == [.familyNeedsMoney, .coerced])
        #expect(try programme.verify().isValid)
    }

    @Test("a need is voiced, answered once, and counted by the days it took", arguments: StoreUnderTest.all)
    func needsToAnswer(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        let ops = programme.ops
        for who in ["B-00001", "B-00002"] { _ = try ops.disburseGrant(Programme.grant(who, ref: "KW-\(who)"), context: Programme.context) }
        _ = try ops.addWorker(code: "PSM-01", name: "Pendamping Satu")
        _ = try ops.assign(worker: "PSM-01", beneficiary: "B-00001", kelompok: nil, from: Self.day("2026-11-01"), context: Self.admin)
        let before = try ops.store.read { tx in try tx.allNeeds().count }
        #expect(throws: CasePathRejection.needSubject) {
            try ops.openNeed(NeedRequest(beneficiary: "B-00001", kelompok: "K-0001", kind: .marketing), context: Self.admin)
        }
        #expect(throws: CasePathRejection.futureDate(what: "need's date", date: Self.day("2026-11-26"), today: Self.day("2026-11-25"))) {
            try ops.openNeed(NeedRequest(beneficiary: "B-00001", kind: .marketing, openedOn: Self.day("2026-11-26")), context: Self.admin)
        }
        #expect(throws: CasePathRejection.noteTooLong(characters: 201, limit: 200)) {
            try ops.openNeed(NeedRequest(beneficiary: "B-00001", kind: .marketing, note: String(repeating: "a", count: 201)), context: Self.admin)
        }
        #expect(try ops.store.read { tx in try tx.allNeeds().count } == before, "each refusal writes nothing")
        let marketing = try ops.openNeed(NeedRequest(beneficiary: "B-00001", kind: .marketing, note: "ingin dibantu jualan online",
                                                     openedOn: Self.day("2026-11-01")), context: Self.admin)
        #expect(marketing.workerID != nil, "heard in PSM-01's caseload")
        let capital = try ops.openNeed(NeedRequest(beneficiary: "B-00002", kind: .capital, openedOn: Self.day("2026-09-01")), context: Self.admin)
        // A visit hears a need too.
        let visit = try ops.recordVisit({
            var r = VisitRequest(date: Self.day("2026-11-10"), worker: "PSM-01", beneficiary: "B-00001", contactMode: .homeVisit,
                                 needs: "perlu KTP baru")
            r.needKinds = [.documents, .documents]
            return r
        }(), context: Self.admin)
        let heard = try ops.needs(beneficiary: "B-00001", openOnly: true)
        #expect(heard.map(\.kind) == [.marketing, .documents] && heard.last?.visitID == visit.visit.id && heard.last?.note == "perlu KTP baru")

        #expect(throws: CasePathRejection.dateOrder(what: "answer's date", date: Self.day("2026-10-31"), before: "day it was voiced",
                                                    other: Self.day("2026-11-01"))) {
            try ops.answerNeed(id: marketing.id, on: Self.day("2026-10-31"), support: .marketing, note: nil, context: Self.admin)
        }
        let answered = try ops.answerNeed(id: marketing.id, on: Self.day("2026-11-15"), support: .marketLink, note: "dihubungkan ke Dinas Koperasi",
                                          context: Self.admin)
        #expect(answered.daysToAnswer == 14)
        #expect(throws: CasePathRejection.needClosed(marketing.id, on: Self.day("2026-11-15"))) {
            try ops.answerNeed(id: marketing.id, on: nil, support: nil, note: nil, context: Self.admin)
        }
        #expect(throws: CasePathRejection.needNotFound(999)) { try ops.answerNeed(id: 999, on: nil, support: nil, note: nil, context: Self.admin) }

        // Computed by hand on 2026-11-25, late after 30 days: PSM-01 heard marketing (14 days)
        // and documents (open 15 days); nobody's caseload holds B-00002's capital (open 85 days, late).
        let report = try ops.needReport(asOf: nil, context: Self.admin)
        #expect(report.total.opened == 3 && report.total.answered == 1 && report.total.open == 2 && report.total.late == 1)
        let psm = try #require(report.lines.first { $0.worker == "PSM-01" && $0.kind == .marketing })
        #expect(psm.answered == 1 && psm.medianDays == 14 && psm.longestDays == 14)
        #expect(report.late.map(\.id) == [capital.id] && report.late.first?.daysOpen == 85 && report.late.first?.worker == "-")
        let audit = try ops.store.read { tx in try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 100) }
        #expect(audit.filter { $0.action.hasPrefix("need.") }.count == 4)
        #expect(audit.allSatisfy { !$0.detail.contains("KTP") && !$0.detail.contains("online") && !$0.detail.contains("capital") },
                "what she asked for stays out of the audit log")
        for sql in ["UPDATE need SET kind = 'health'", "DELETE FROM need_answer",
                    "INSERT INTO need_answer (need_id, closed_on, actor, recorded_at) VALUES (\(capital.id), '2026-08-01', 'x', 'x')",
                    "INSERT INTO need (beneficiary_id, kelompok_id, kind, opened_on, actor, recorded_at) VALUES (1, 1, 'health', '2026-08-01', 'x', 'x')"] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(programme.store, sql) }
        }
        #expect(try programme.verify().isValid)
    }

    @Test("consents are given and withdrawn with a day; the partner register follows the state on its day", arguments: StoreUnderTest.all)
    func consentLifecycle(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        let ops = programme.ops
        let usaha = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00001", product: "Kue basah", brand: "Dapur Uji"))
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-1", usaha: usaha.code), context: Programme.context)
        func listed(_ day: String) throws -> [Table.Cell]? {
            try ops.store.read { tx in try KoperasiProfile.register(from: tx, asOf: Self.day(day)) }.rows.first { $0.first == .text(usaha.code) }
        }
        #expect(try listed("2026-11-25") == nil, "registered without her consent: not listed")
        func change(_ kind: ConsentKind, _ given: Bool, _ day: String, name: String? = nil, service: String? = nil) throws -> ConsentEvent {
            try ops.changeConsent(beneficiary: "B-00001", kind: kind, given: given, on: Self.day(day), name: name, service: service, context: Self.admin)
        }
        #expect(throws: CasePathRejection.consentUnchanged(beneficiary: "B-00001", kind: .shareBusiness, given: false)) {
            try change(.shareBusiness, false, "2026-11-01")
        }
        #expect(throws: CasePathRejection.consentNameNeedsSharing(beneficiary: "B-00001")) { try change(.showName, true, "2026-11-01", name: "Ibu Uji") }
        #expect(throws: CasePathRejection.consentServiceMissing) { try change(.referral, true, "2026-11-01") }
        _ = try change(.shareBusiness, true, "2026-11-10")
        #expect(throws: CasePathRejection.consentNameMissing) { try change(.showName, true, "2026-11-11") }
        _ = try change(.showName, true, "2026-11-11", name: "Ibu Uji")
        #expect(try listed("2026-11-25") != nil && (try listed("2026-11-09")) == nil, "listed from the day she agreed")
        #expect(try listed("2026-11-25")?.contains(.text("Ibu Uji")) == true)
        #expect(throws: CasePathRejection.consentBeforeLast(date: Self.day("2026-11-05"), last: Self.day("2026-11-10"))) {
            try change(.shareBusiness, false, "2026-11-05")
        }
        _ = try change(.shareBusiness, false, "2026-11-20")
        #expect(try listed("2026-11-25") == nil, "withdrawn: the next register leaves her business out")
        #expect(try listed("2026-11-15")?.contains(.text("Ibu Uji")) == true, "the history stays: as it stood on the 15th")
        _ = try change(.referral, true, "2026-11-21", service: "PUSKESMAS-KEDATON")
        let (state, events) = try ops.consents(beneficiary: "B-00001", context: Self.admin)
        #expect(!state.shareBusiness && state.referrals == ["PUSKESMAS-KEDATON"] && events.count == 4)
        let audit = try ops.store.read { tx in try tx.auditRecords(actor: nil, action: "consent.change", from: nil, to: nil, limit: 10) }
        #expect(audit.count == 4 && audit.allSatisfy { !$0.detail.contains("Ibu Uji") && !$0.detail.contains("PUSKESMAS") })
        for sql in ["UPDATE consent_event SET given = 1", "DELETE FROM consent_event",
                    "INSERT INTO consent_event (beneficiary_id, kind, given, on_date, actor, recorded_at) VALUES (1, 'show_name', 1, '2026-11-22', 'x', 'x')",
                    "INSERT INTO consent_event (beneficiary_id, kind, given, on_date, actor, recorded_at) VALUES (1, 'referral', 1, '2026-11-22', 'x', 'x')"] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(programme.store, sql) }
        }
        #expect(try programme.verify().isValid)
    }

    @Test("a referral only with her consent to that partner; sent, accepted or declined, done; counted by partner", arguments: StoreUnderTest.all)
    func referrals(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest, cash: 0)
        let ops = programme.ops
        _ = try ops.addPartner(code: "pkm-kedaton", name: "Puskesmas Kedaton", kind: .puskesmas, context: Self.admin)
        _ = try ops.addPartner(code: "BLK-BL", name: "BLK Bandar Lampung", kind: .blk, context: Self.admin)
        #expect(throws: CasePathRejection.partnerExists("PKM-KEDATON")) {
            try ops.addPartner(code: "PKM-KEDATON", name: "Lagi", kind: .puskesmas, context: Self.admin)
        }
        func send(_ partner: String, _ day: String = "2026-11-10") throws -> Referral {
            try ops.sendReferral(beneficiary: "B-00001", partner: partner, service: "pemeriksaan kesehatan", on: Self.day(day),
                                 note: "keluhan sakit kepala", context: Self.admin)
        }
        #expect(throws: CasePathRejection.referralWithoutConsent(beneficiary: "B-00001", partner: "PKM-KEDATON")) { try send("PKM-KEDATON") }
        #expect(throws: ProgrammeRejection.notFound(.partner, reference: "PKM-NOWHERE")) { try send("PKM-NOWHERE") }
        #expect(try ops.store.read { tx in try tx.referrals(beneficiaryIDs: nil) }.isEmpty, "refusals write nothing")
        _ = try ops.changeConsent(beneficiary: "B-00001", kind: .referral, given: true, on: Self.day("2026-11-09"), service: "PKM-KEDATON",
                                  context: Self.admin)
        #expect(throws: CasePathRejection.referralWithoutConsent(beneficiary: "B-00001", partner: "BLK-BL")) { try send("BLK-BL") }
        #expect(throws: CasePathRejection.referralWithoutConsent(beneficiary: "B-00001", partner: "PKM-KEDATON")) {
            try send("PKM-KEDATON", "2026-11-08")
        }
        let referral = try send("PKM-KEDATON")
        #expect(throws: CasePathRejection.referralNoteRequired(.done)) {
            try ops.updateReferral(id: referral.id, status: .done, on: Self.day("2026-11-12"), note: nil, context: Self.admin)
        }
        _ = try ops.updateReferral(id: referral.id, status: .accepted, on: Self.day("2026-11-11"), note: nil, context: Self.admin)
        #expect(throws: CasePathRejection.referralStep(referral.id, from: .accepted, to: .declined)) {
            try ops.updateReferral(id: referral.id, status: .declined, on: Self.day("2026-11-12"), note: "penuh", context: Self.admin)
        }
        #expect(throws: CasePathRejection.dateOrder(what: "step's date", date: Self.day("2026-11-10"), before: "last step",
                                                    other: Self.day("2026-11-11"))) {
            try ops.updateReferral(id: referral.id, status: .done, on: Self.day("2026-11-10"), note: "diobati", context: Self.admin)
        }
        let done = try ops.updateReferral(id: referral.id, status: .done, on: Self.day("2026-11-18"), note: "diobati", context: Self.admin)
        #expect(done.steps.map(\.status) == [.sent, .accepted, .done] && !done.isOpen)
        // Withdrawn: no second referral there.
        _ = try ops.changeConsent(beneficiary: "B-00001", kind: .referral, given: false, on: Self.day("2026-11-20"), service: "PKM-KEDATON",
                                  context: Self.admin)
        #expect(throws: CasePathRejection.referralWithoutConsent(beneficiary: "B-00001", partner: "PKM-KEDATON")) { try send("PKM-KEDATON", "2026-11-21") }
        let report = try ops.referralReport()
        let pkm = try #require(report.lines.first { $0.partner == "PKM-KEDATON" })
        #expect(pkm.sent == 1 && pkm.accepted == 1 && pkm.done == 1 && pkm.open == 0 && pkm.declined == 0)
        #expect(report.lines.map(\.partner) == ["BLK-BL", "PKM-KEDATON"])
        let audit = try ops.store.read { tx in try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 100) }
        #expect(audit.allSatisfy { !$0.detail.contains("sakit") && !$0.detail.contains("diobati") && !$0.detail.contains("pemeriksaan") })
        for sql in ["UPDATE referral_step SET status = 'declined'", "DELETE FROM referral",
                    "INSERT INTO referral_step (referral_id, number, status, on_date, actor, recorded_at) VALUES (\(referral.id), 9, 'sent', '2026-11-22', 'x', 'x')"] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(programme.store, sql) }
        }
        #expect(try programme.verify().isValid)
    }
}
