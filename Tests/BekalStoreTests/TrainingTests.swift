import BekalCore
import BekalStore
import Foundation
import Testing

/// The training months (issue 16, part 5), on every store: sessions with their attendance, an
/// instructor and her certificate, the skills evaluation, the training room's tools, and the
/// completion that asks for a confirmation below the attendance threshold; tried as the careless
/// officer and as the insider who marks an absence present.
@Suite("The training months")
struct TrainingTests {
    static let context = Programme.context
    static func d(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

    /// Cohort 2026 (training from 2026-03-02) with B-00001 … B-00003 in tata-boga, graduated, and
    /// B-00004 enrolled in jahit; one instructor; five tata-boga sessions with B-00002 absent from
    /// two, B-00003 from three; one guidance session for everyone.
    static func programme(_ underTest: StoreUnderTest) throws -> Programme {
        let programme = try Programme(underTest, cash: 0)
        let ops = programme.ops
        _ = try ops.addTrack(code: "jahit", name: "Jahit")
        _ = try ops.addBeneficiary(BeneficiaryDraft(name: "Peserta 4"), enrolIn: ("2026", "jahit", .enrolled))
        _ = try ops.addInstructor(code: "ins-01", name: "Yuliana", expertise: "Tata boga", context: context)
        for (index, day) in ["2026-03-03", "2026-03-10", "2026-03-17", "2026-03-24", "2026-03-31"].enumerated() {
            var absent: [String] = []
            if index < 2 { absent.append("B-00002") }
            if index < 3 { absent.append("B-00003") }
            _ = try ops.recordSession(SessionRecord(cohort: "2026", track: "tata-boga", kind: .skills, topic: "Kue \(index)", heldOn: d(day),
                                                    hours: 4, instructor: "INS-01", absent: absent), context: context)
        }
        let guidance = try ops.recordSession(SessionRecord(cohort: "2026", track: nil, kind: .religious, topic: "Ibadah", heldOn: d("2026-03-05"),
                                                           hours: 2, instructor: nil, absent: ["B-00004"]), context: context)
        #expect(guidance.present == 3 && guidance.absent == 1)
        return programme
    }

    @Test("attendance and evaluation are counted per trainee, and a completion below the threshold asks to be confirmed",
          arguments: StoreUnderTest.all)
    func attendanceAndCompletion(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        _ = try ops.recordEvaluation(beneficiary: "B-00001", cohort: "2026", score: 81, evaluatedOn: Self.d("2026-06-01"), evaluator: "INS-01",
                                     note: nil, context: Self.context)
        let low = try ops.recordEvaluation(beneficiary: "B-00003", cohort: "2026", score: 59, evaluatedOn: Self.d("2026-06-01"), evaluator: "INS-01",
                                           note: "perlu latihan", context: Self.context)
        #expect(!low.passed, "below the pass mark of 60")
        let report = try programme.store.read { tx in try TrainingAttendanceReport.build(cohort: "2026", in: tx) }
        // Six sessions each for tata-boga (five skills and the guidance), two for jahit's B-00004 (the guidance only).
        #expect(report.rows.map { "\($0.beneficiaryCode) \($0.attended)/\($0.sessions) \($0.perMille.map(String.init) ?? "-") \($0.belowThreshold) \($0.score.map(String.init) ?? "-")" }
                == ["B-00001 6/6 1000 false 81", "B-00002 4/6 667 true -", "B-00003 3/6 500 true 59", "B-00004 0/1 0 true -"])
        #expect(report.table.footer.map { $0[0].plain } == ["Bimbingan keterampilan", "Bimbingan keagamaan"])

        // B-00002 graduated in the register already; B-00004 is still training: completing her asks.
        #expect(throws: TrainingRejection.attendanceBelowThreshold(beneficiary: "B-00004", attended: 0, held: 1, thresholdPercent: 80)) {
            _ = try ops.setEnrolmentStatus(beneficiary: "B-00004", cohort: "2026", status: .completed, on: Self.d("2026-06-01"), context: Self.context)
        }
        // The same through `enrol`, as the command line and the import do it.
        #expect(throws: TrainingRejection.attendanceBelowThreshold(beneficiary: "B-00004", attended: 0, held: 1, thresholdPercent: 80)) {
            _ = try ops.enrol(EnrolmentRequest(beneficiary: "B-00004", cohort: "2026", track: "jahit", status: .completed,
                                               statusDate: Self.d("2026-06-01")), context: Self.context)
        }
        let confirmed = try ops.setEnrolmentStatus(beneficiary: "B-00004", cohort: "2026", status: .completed, on: Self.d("2026-06-01"),
                                                   despiteLowAttendance: true, context: Self.context)
        #expect(confirmed.status == .completed)
        // A lower threshold lets the next one through without asking.
        _ = try ops.changeSettings({ var c = SettingsChange(); c.minimumAttendancePercent = 0; return c }(), context: Self.context)
        #expect(try ops.settings().minimumAttendancePercent == 0)

        _ = try ops.recordTools(cohort: "2026", track: "tata-boga", name: "Oven", quantity: 1, countedOn: Self.d("2026-03-02"), context: Self.context)
        _ = try ops.recordTools(cohort: "2026", track: "tata-boga", name: "oven", quantity: 2, countedOn: Self.d("2026-04-01"), context: Self.context)
        _ = try ops.recordTools(cohort: "2026", track: "jahit", name: "Mesin jahit", quantity: 1, countedOn: Self.d("2026-03-02"), context: Self.context)
        let tools = try programme.store.read { tx in try TrainingToolsReport.build(cohort: "2026", in: tx) }
        #expect(tools.rows.map { "\($0.trackCode) \($0.tool) \($0.quantity)/\($0.trainees) \($0.short)" } == ["jahit Mesin jahit 1/1 false", "tata-boga oven 2/3 true"])
        #expect(tools.table.rows.map { $0[4].plain } == ["1,00", "0,67"])
        #expect(try programme.verify().isValid)
    }

    @Test("every careless session, evaluation, instructor and count is refused with what to do, and writes nothing", arguments: StoreUnderTest.all)
    func refusals(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        func counts() throws -> [Int] {
            try programme.store.read { tx in
                let cohort = try Resolve.cohort("2026", in: tx).id
                return [try tx.sessions(cohortID: cohort).count, try tx.attendance(cohortID: cohort, enrolmentID: nil).count,
                        try tx.instructors().count, try tx.evaluations(cohortID: cohort).count, try tx.tools(cohortID: cohort).count]
            }
        }
        let before = try counts()
        func session(track: String? = "tata-boga", kind: SessionKind = .skills, topic: String = "Roti", day: String = "2026-04-07", hours: Int = 3,
                     instructor: String? = nil, absent: [String] = []) throws {
            _ = try ops.recordSession(SessionRecord(cohort: "2026", track: track, kind: kind, topic: topic, heldOn: Self.d(day), hours: hours,
                                                    instructor: instructor, absent: absent), context: Self.context)
        }
        #expect(throws: TrainingRejection.skillsNeedTrack) { try session(track: nil) }
        #expect(throws: TrainingRejection.topicEmpty) { try session(topic: " \n") }
        #expect(throws: TrainingRejection.hoursOutOfRange(0)) { try session(hours: 0) }
        #expect(throws: TrainingRejection.hoursOutOfRange(13)) { try session(hours: 13) }
        #expect(throws: TrainingRejection.dateInFuture(date: Self.d("2026-11-26"), today: Self.d("2026-11-25"))) { try session(day: "2026-11-26") }
        #expect(throws: TrainingRejection.unknownInstructor("INS-99")) { try session(instructor: "INS-99") }
        #expect(throws: TrainingRejection.notATrainee(beneficiary: "B-00004", cohort: "2026")) { try session(absent: ["B-00004"]) }
        #expect(throws: TrainingRejection.instructorExists(code: "INS-01")) {
            _ = try ops.addInstructor(code: " INS-01 ", name: "Lagi", expertise: nil, context: Self.context)
        }
        #expect(throws: TrainingRejection.instructorCodeUnusable("INS 02")) {
            _ = try ops.addInstructor(code: "INS 02", name: "Lagi", expertise: nil, context: Self.context)
        }
        #expect(throws: TrainingRejection.certificateExpiresBeforeIssue(issuedOn: Self.d("2026-01-02"), validUntil: Self.d("2026-01-01"))) {
            _ = try ops.addCertificate(instructor: "INS-01", name: "BNSP", number: "KOM-1", issuedOn: Self.d("2026-01-02"),
                                       validUntil: Self.d("2026-01-01"), context: Self.context)
        }
        func evaluate(_ score: Int, who: String = "B-00001") throws {
            _ = try ops.recordEvaluation(beneficiary: who, cohort: "2026", score: score, evaluatedOn: Self.d("2026-06-01"), evaluator: "INS-01",
                                         note: nil, context: Self.context)
        }
        #expect(throws: TrainingRejection.scoreOutOfRange(101)) { try evaluate(101) }
        #expect(throws: TrainingRejection.scoreOutOfRange(-1)) { try evaluate(-1) }
        #expect(throws: TrainingRejection.quantityNegative(-2)) {
            _ = try ops.recordTools(cohort: "2026", track: "jahit", name: "Mesin", quantity: -2, countedOn: Self.d("2026-03-02"), context: Self.context)
        }
        #expect(try counts() == before)
        try evaluate(70)
        try evaluate(70) // the same again is the same evaluation
        #expect(throws: TrainingRejection.alreadyEvaluated(beneficiary: "B-00001", cohort: "2026", score: 70)) { try evaluate(90) }
        #expect(try programme.verify().isValid)
    }

    @Test("an absence marked present by hand is refused by the store, and found by the seal when its guard is dropped",
          arguments: StoreUnderTest.all)
    func insider(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let key = SealKey.generate()
        _ = try programme.ops.seal(key: key, context: Self.context)
        for sql in ["UPDATE training_attendance SET present = 1", "DELETE FROM training_session", "UPDATE instructor SET name = 'X'"] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(programme.store, sql) }
        }
        #expect(throws: (any Error).self, "a skills session for no track") {
            try RegistryChangeTests.insider(programme.store, "INSERT INTO training_session (cohort_id, track_id, kind, topic, held_on, hours, actor, recorded_at) VALUES (1, NULL, 'skills', 'x', '2026-04-01', 2, 'x', 'y')")
        }
        let drop = programme.store is SQLiteStore
            ? "DROP TRIGGER training_attendance_no_update; UPDATE training_attendance SET present = 1"
            : "DROP TRIGGER training_attendance_append_only ON training_attendance; UPDATE training_attendance SET present = 1"
        try RegistryChangeTests.insider(programme.store, drop)
        let problems = try programme.store.read { tx in try Verification.run(on: tx, trustedPublicKey: key.publicKeyHex) }.problems
        #expect(problems.contains { $0.contains("training_attendance") }, "\(problems)")
    }
}
