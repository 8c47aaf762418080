import BekalCore
import BekalStore
import BekalTestSupport
import Foundation
import Testing

/// Items a pendamping's phone queued offline, received by the office (issue 17), on every
/// store: each recorded exactly once however often it is sent, each refused with its reason and
/// nothing written, a woman who left her caseload or whose case was closed refused, and two
/// workers' visits to one woman both kept.
@Suite("Items sent from the phone")
struct PhoneSyncTests {
    static func day(_ text: String) -> LocalDate { PerformanceTests.day(text) }

    /// Three grants of 1 September 2026; B-00001 and B-00002 are PSM-01's (user `rina`), B-00003
    /// PSM-02's (user `yusuf`).
    struct Field {
        let programme: Programme
        var ops: Operations { programme.ops }
        let users: [String: AppUser]

        init(_ underTest: StoreUnderTest) throws {
            programme = try PerformanceTests.threeGrants(underTest)
            let ops = programme.ops
            _ = try ops.addWorker(code: "PSM-02", name: "Pendamping Dua")
            for (who, worker) in [("B-00001", "PSM-01"), ("B-00002", "PSM-01"), ("B-00003", "PSM-02")] {
                _ = try ops.assign(worker: worker, beneficiary: who, kelompok: nil, from: PhoneSyncTests.day("2026-09-01"), context: PerformanceTests.admin)
            }
            var users: [String: AppUser] = [:]
            for (name, worker) in [("rina", "PSM-01"), ("yusuf", "PSM-02")] {
                users[name] = try ops.addUser(UserDraft(username: name, displayName: name, role: .pendamping, worker: worker),
                                              password: "rahasia-panjang", hash: { "hash:\($0.count)" }, context: PerformanceTests.admin)
            }
            self.users = users
        }

        func acting(_ username: String) -> OperationContext {
            OperationContext(actor: "web:\(username)", acting: .user(users[username]!), now: ISO8601DateFormatter().date(from: "2026-10-20T05:00:00Z")!)
        }

        func count(_ table: String) throws -> Int {
            try programme.store.read { tx in
                switch table {
                case "visit": try tx.aftercareCounts().visits
                default: try tx.aftercareCounts().outcomes
                }
            }
        }
    }

    static func visit(_ who: String, _ date: String, worker: String = "PSM-01") -> PhoneItem.Payload {
        .visit(VisitRequest(date: day(date), worker: worker, beneficiary: who, contactMode: .homeVisit, whereabouts: .here, businessStatus: .running))
    }

    @Test("each item is recorded once however often it is sent; a refused one writes nothing", arguments: StoreUnderTest.all)
    func exactlyOnce(_ underTest: StoreUnderTest) throws {
        let f = try Field(underTest)
        let rina = f.acting("rina")
        let items = [
            PhoneItem(key: "3f0c6a52-8e1b-4d53-9d0e-000000000001", payload: Self.visit("B-00001", "2026-10-05")),
            PhoneItem(key: "3f0c6a52-8e1b-4d53-9d0e-000000000002", payload: Self.visit("B-00002", "2026-10-06")),
            PhoneItem(key: "3f0c6a52-8e1b-4d53-9d0e-000000000003", payload: Self.visit("B-00001", "2026-10-12")),
            PhoneItem(key: "3f0c6a52-8e1b-4d53-9d0e-000000000004",
                      payload: .outcome(PhoneOutcome(beneficiary: "B-00001", asOf: Self.day("2026-10-12"), returned: .no, source: .selfReport))),
            // A visit dated after today is refused; the others are kept.
            PhoneItem(key: "3f0c6a52-8e1b-4d53-9d0e-000000000005", payload: Self.visit("B-00002", "2026-10-25")),
        ]
        let first = try f.ops.receiveFromPhone(items, context: rina)
        #expect(first.map(\.key) == items.map(\.key))
        var recorded: [String: Int64] = [:]
        for answer in first {
            if case .recorded(let key, _, let id, let replayed) = answer { #expect(!replayed); recorded[key] = id }
        }
        #expect(recorded.count == 4)
        guard case .refused(_, let failure) = first[4] else { Issue.record("the future visit is refused"); return }
        #expect(failure.code == "future_date")
        #expect(try f.count("visit") == 3 && f.count("outcome") == 1)
        // The phone lost the answers and sends everything again, the refused one corrected.
        var again = items
        again[4] = PhoneItem(key: items[4].key, payload: Self.visit("B-00002", "2026-10-19"))
        let second = try f.ops.receiveFromPhone(again, context: rina)
        for answer in second.prefix(4) {
            guard case .recorded(let key, _, let id, let replayed) = answer else { Issue.record("\(answer)"); continue }
            #expect(replayed && recorded[key] == id)
        }
        guard case .recorded(_, .visit, _, false) = second[4] else { Issue.record("the corrected visit is recorded: \(second[4])"); return }
        #expect(try f.count("visit") == 4 && f.count("outcome") == 1)
        // A third time changes nothing at all.
        _ = try f.ops.receiveFromPhone(again, context: rina)
        #expect(try f.count("visit") == 4 && f.count("outcome") == 1)
    }

    @Test("a woman who left her caseload, a closed case, a bad or reused key: refused with the reason", arguments: StoreUnderTest.all)
    func conflicts(_ underTest: StoreUnderTest) throws {
        let f = try Field(underTest)
        let rina = f.acting("rina")
        // B-00002 moves to PSM-02 on 10 October; B-00001's case is closed on 15 October.
        _ = try f.ops.assign(worker: "PSM-02", beneficiary: "B-00002", kelompok: nil, from: Self.day("2026-10-10"), context: PerformanceTests.admin)
        _ = try f.ops.recordStage(beneficiary: "B-00001", cohort: "2026", stage: "terminasi", on: Self.day("2026-10-15"), reason: .wentHome,
                                  context: PerformanceTests.admin)
        let answers = try f.ops.receiveFromPhone([
            PhoneItem(key: "aaaaaaaa-0000-0000-0000-000000000001", payload: Self.visit("B-00002", "2026-10-08")),
            PhoneItem(key: "aaaaaaaa-0000-0000-0000-000000000002", payload: Self.visit("B-00001", "2026-10-16")),
            PhoneItem(key: "aaaaaaaa-0000-0000-0000-000000000003",
                      payload: .outcome(PhoneOutcome(beneficiary: "B-00001", asOf: Self.day("2026-10-15"), returned: .no, source: .selfReport))),
            // Before her case was closed: kept.
            PhoneItem(key: "aaaaaaaa-0000-0000-0000-000000000004", payload: Self.visit("B-00001", "2026-10-14")),
            PhoneItem(key: "pendek", payload: Self.visit("B-00001", "2026-10-13")),
            PhoneItem(key: "aaaaaaaa-0000-0000-0000-000000000004",
                      payload: .outcome(PhoneOutcome(beneficiary: "B-00001", asOf: Self.day("2026-10-14"), returned: .no, source: .selfReport))),
        ], context: rina)
        let codes = answers.map { answer -> String in
            switch answer {
            case .recorded(_, _, _, let replayed): replayed ? "replayed" : "recorded"
            case .refused(_, let failure): failure.code
            }
        }
        #expect(codes == ["outside_caseload", "case_closed", "case_closed", "recorded", "phone_key", "phone_key_reused"])
        #expect(try f.count("visit") == 1 && f.count("outcome") == 0)
        if case .refused(_, let failure) = answers[1] {
            #expect(failure as? CasePathRejection == .caseClosed(beneficiary: "B-00001", cohort: "2026", on: Self.day("2026-10-15")))
        }
    }

    @Test("two workers' visits to one woman are both kept", arguments: StoreUnderTest.all)
    func twoWorkers(_ underTest: StoreUnderTest) throws {
        let f = try Field(underTest)
        _ = try f.ops.assign(worker: "PSM-02", beneficiary: "B-00002", kelompok: nil, from: Self.day("2026-10-10"), context: PerformanceTests.admin)
        let rina = try f.ops.receiveFromPhone([PhoneItem(key: "bbbbbbbb-0000-0000-0000-000000000001", payload: Self.visit("B-00002", "2026-10-09"))],
                                              context: f.acting("rina"))
        // Rina's is refused now (she is PSM-02's since 10 October); the office records it instead,
        // and Yusuf's visit of the same day from his phone is kept beside it.
        guard case .refused = rina[0] else { Issue.record("\(rina)"); return }
        _ = try f.ops.recordVisit(VisitRequest(date: Self.day("2026-10-09"), worker: "PSM-01", beneficiary: "B-00002", contactMode: .homeVisit,
                                               whereabouts: .here), context: PerformanceTests.admin)
        let yusuf = try f.ops.receiveFromPhone([PhoneItem(key: "bbbbbbbb-0000-0000-0000-000000000002",
                                                          payload: Self.visit("B-00002", "2026-10-09", worker: "PSM-02"))],
                                               context: f.acting("yusuf"))
        guard case .recorded(_, .visit, _, false) = yusuf[0] else { Issue.record("\(yusuf)"); return }
        #expect(try f.count("visit") == 2)
    }

    @Test("a received key cannot be changed or removed", arguments: StoreUnderTest.all)
    func appendOnly(_ underTest: StoreUnderTest) throws {
        let f = try Field(underTest)
        _ = try f.ops.receiveFromPhone([PhoneItem(key: "cccccccc-0000-0000-0000-000000000001", payload: Self.visit("B-00001", "2026-10-05"))],
                                       context: f.acting("rina"))
        for sql in ["UPDATE phone_receipt SET record_id = 99", "DELETE FROM phone_receipt"] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(f.programme.store, sql) }
        }
    }

    /// Two tabs, or a phone that sent again before the first answer came, deliver the same new
    /// items at the same moment: each is recorded once, and both are answered with it.
    @Test("the same items sent twice at once are recorded once, and both sends are answered", arguments: StoreUnderTest.all)
    func sentTwiceAtOnce(_ underTest: StoreUnderTest) throws {
        let f = try Field(underTest)
        let items = (1...20).map { n in
            PhoneItem(key: String(format: "dddddddd-0000-4000-8000-%012d", n), payload: Self.visit(n % 2 == 0 ? "B-00001" : "B-00002",
                                                                                               String(format: "2026-10-%02d", n)))
        }
        let answers = Locked<[[PhoneAnswer]]>([])
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do {
                let got = try f.ops.receiveFromPhone(items, context: f.acting("rina"))
                answers.withLock { $0.append(got) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "a send failed whole: \(failures.withLock { $0 })")
        let both = answers.withLock { $0 }
        #expect(both.count == 2)
        func ids(_ list: [PhoneAnswer]) -> [Int64?] {
            list.map { if case .recorded(_, _, let id, _) = $0 { id } else { nil } }
        }
        #expect(both.count == 2 && ids(both[0]) == ids(both[1]) && !ids(both[0]).contains(nil))
        // Each item was new for exactly one of the two sends.
        let fresh = both.flatMap { $0 }.filter { if case .recorded(_, _, _, false) = $0 { true } else { false } }.count
        #expect(fresh == items.count)
        #expect(try f.count("visit") == items.count)
    }
}
