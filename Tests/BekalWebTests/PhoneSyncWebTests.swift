import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// Issue 17's endpoints as the phone's script calls them: what the phone is given (her own
/// caseload, the minimum), and how the queue is answered (each item once, in order, refusals
/// in Bahasa Indonesia at their field, and a bad request refused whole).
@Suite struct PhoneSyncWebTests {
    static func json(_ page: Browser.Page) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any] ?? [:]
    }

    static func batch(_ items: [(key: String, kind: String, fields: [String: [String]])]) throws -> String {
        let object = ["items": items.map { ["key": $0.key, "kind": $0.kind, "fields": $0.fields] as [String: Any] }]
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    static func answers(_ page: Browser.Page) throws -> [[String: Any]] {
        try json(page)["answers"] as? [[String: Any]] ?? []
    }

    static let visit: [String: [String]] = [
        "date": ["2013-01-02"], "beneficiary": [WebFixture.dueOfPSM01], "contact": ["home_visit"], "whereabouts": ["here"],
        "support": ["marketing"], "notes": ["Bertemu di warungnya"],
    ]

    @Test func thePhoneGetsHerOwnCaseloadAndNothingSensitive() async throws {
        let f = try WebFixture.aftercare()
        // The demo records no NIK; give her people theirs, as a registry would have them.
        try f.store.unsafeExecuteForTesting("UPDATE beneficiary SET nik = '3171' || printf('%012d', id) WHERE id BETWEEN 100 AND 200")
        try await f.test { browser in
            try await browser.login("pendamping1")
            try await browser.get("/")
            let page = try await browser.get("/luring/data")
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            let data = try Self.json(page)
            #expect(data["username"] as? String == "pendamping1")
            #expect((data["worker"] as? [String: Any])?["code"] as? String == "PSM-01")
            #expect(data["token"] as? String == browser.csrf)
            let people = data["people"] as? [[String: Any]] ?? []
            let codes = people.compactMap { $0["code"] as? String }
            #expect(codes.first == WebFixture.dueOfPSM01, "the most overdue first")
            #expect(!codes.contains(WebFixture.dueOfPSM02))
            // Her open cases, each once: the same people as her caseload's page.
            let caseload = try Operations(store: f.store).caseload(worker: "PSM-01", asOf: LocalDate(year: 2013, month: 1, day: 2)!,
                                                                   context: OperationContext(actor: "test"))
            #expect(Set(codes) == Set(caseload.people.filter { $0.caseClosedOn == nil }.map(\.code)))
            #expect(codes.count == Set(codes).count)
            // The minimum to find her and fill a visit: no NIK, no outcome, no note of an earlier visit.
            for person in people { #expect(Set(person.keys).isSubset(of: ["code", "name", "kelompok", "due", "overdueDays"])) }
            let niks = try f.store.stringsForTesting("SELECT nik FROM beneficiary WHERE nik IS NOT NULL AND id IN (\(codes.map { String(Int($0.dropFirst(2))!) }.joined(separator: ",")))")
            #expect(!niks.isEmpty)
            for nik in niks { #expect(!page.body.contains(nik), "a NIK is on the phone") }
            let notes = try f.store.stringsForTesting("SELECT notes FROM visit WHERE notes IS NOT NULL AND length(notes) > 8")
            for note in notes { #expect(!page.body.contains(note), "an earlier visit's note is on the phone") }
            for word in ["returned", "outcome", "nik", "notes"] { #expect(!page.body.contains("\"\(word)\""), "\(word)") }
            #expect(data["keepUntil"] as? String == "2013-01-09T02:00:00Z")
        }
    }

    @Test func eachItemIsAnsweredInOrderAndRecordedOnce() async throws {
        let f = try WebFixture.aftercare()
        let visits = try f.count("SELECT count(*) FROM visit"), outcomes = try f.count("SELECT count(*) FROM outcome")
        try await f.test { browser in
            try await browser.login("pendamping1")
            try await browser.get("/")
            let first = try Self.batch([
                ("11111111-1111-4111-8111-111111111111", "visit", Self.visit),
                ("22222222-2222-4222-8222-222222222222", "visit", Self.visit.merging(["beneficiary": [WebFixture.dueOfPSM02]]) { $1 }),
                ("33333333-3333-4333-8333-333333333333", "outcome",
                 ["beneficiary": [WebFixture.dueOfPSM01], "returned": ["yes"], "asOf": ["2013-01-02"], "source": ["self_report"]]),
                ("44444444-4444-4444-8444-444444444444", "visit", Self.visit.merging(["sales": ["dua juta"]]) { $1 }),
            ])
            let page = try await browser.postJSON("/luring/kirim", first)
            #expect(page.status == .ok)
            let answers = try Self.answers(page)
            #expect(answers.compactMap { $0["key"] as? String }.map { $0.prefix(1) } == ["1", "2", "3", "4"])
            #expect(answers.compactMap { $0["status"] as? String } == ["recorded", "refused", "refused", "refused"])
            #expect(answers[0]["replayed"] as? Bool == false)
            #expect(answers[1]["message"] as? String == "\(WebFixture.dueOfPSM02) bukan binaan Anda. Kunjungan dan hasil dicatat hanya "
                + "untuk binaan, kelompok dan usaha yang ditugaskan kepada Anda.")
            #expect(answers[1]["field"] as? String == "beneficiary")
            #expect(answers[2]["field"] as? String == "reasons")
            #expect((answers[2]["message"] as? String)?.contains("alasan") == true)
            #expect(answers[3]["field"] as? String == "sales")
            #expect(try f.count("SELECT count(*) FROM visit") == visits + 1)
            #expect(try f.count("SELECT count(*) FROM outcome") == outcomes)

            // The phone lost the answer and sends everything again, the outcome corrected: the visit is not recorded twice.
            let again = try Self.batch([
                ("11111111-1111-4111-8111-111111111111", "visit", Self.visit),
                ("33333333-3333-4333-8333-333333333333", "outcome",
                 ["beneficiary": [WebFixture.dueOfPSM01], "returned": ["yes"], "reasons": ["family_needs_money"], "asOf": ["2013-01-02"], "source": ["self_report"]]),
            ])
            let second = try Self.answers(try await browser.postJSON("/luring/kirim", again))
            #expect(second.compactMap { $0["status"] as? String } == ["recorded", "recorded"])
            #expect(second.compactMap { $0["replayed"] as? Bool } == [true, false])
            let third = try Self.answers(try await browser.postJSON("/luring/kirim", again))
            #expect(third.compactMap { $0["replayed"] as? Bool } == [true, true])
            #expect(try f.count("SELECT count(*) FROM visit") == visits + 1)
            #expect(try f.count("SELECT count(*) FROM outcome") == outcomes + 1)
            #expect(try f.count("SELECT count(*) FROM visit WHERE beneficiary_id = 139 AND visit_date = '2013-01-02' AND notes = 'Bertemu di warungnya'") == 1)
            #expect(try f.count("SELECT count(*) FROM phone_receipt WHERE actor = 'web:pendamping1'") == 2)
        }
    }

    @Test func aRequestThePhoneWouldNotSendIsRefusedWholeAndWritesNothing() async throws {
        let f = try WebFixture.aftercare()
        let visits = try f.count("SELECT count(*) FROM visit")
        try await f.test { browser in
            try await browser.login("pendamping1")
            try await browser.get("/")
            let one = try Self.batch([("55555555-5555-4555-8555-555555555555", "visit", Self.visit)])
            // A stale or missing token: the phone fetches a new one.
            for token in ["0000", ""] {
                let page = try await browser.postJSON("/luring/kirim", one, token: token)
                #expect(page.status == .forbidden)
                #expect(try Self.json(page)["problem"] as? String == "token")
            }
            let unreadable = try await browser.postJSON("/luring/kirim", "{\"items\": [{\"key\": 1}]}")
            #expect(unreadable.status == .badRequest)
            #expect((try Self.json(unreadable)["message"] as? String)?.contains("tidak dapat dibaca") == true)
            let many = try Self.batch((0..<101).map { (String(format: "aaaaaaaa-0000-4000-8000-%012d", $0), "visit", Self.visit) })
            let tooMany = try await browser.postJSON("/luring/kirim", many)
            #expect(tooMany.status == .badRequest)
            #expect(try Self.json(tooMany)["message"] as? String == "Kiriman berisi 101 isian; paling banyak 100 sekali kirim. Tidak ada yang dicatat.")
            let badKey = try Self.answers(try await browser.postJSON("/luring/kirim", try Self.batch([("pendek", "visit", Self.visit)])))
            #expect(badKey.first?["status"] as? String == "refused")
            #expect((badKey.first?["message"] as? String)?.contains("kode kirimnya rusak") == true)
            #expect(try f.count("SELECT count(*) FROM visit") == visits)

            // Signed out: 401, and the phone keeps what she typed.
            try await browser.post("/keluar", [])
            let ended = try await browser.postJSON("/luring/kirim", one, token: "0000")
            #expect(ended.status == .unauthorized)
            #expect(try Self.json(ended)["problem"] as? String == "session")
            #expect(try f.count("SELECT count(*) FROM visit") == visits)
        }
    }

    @Test func theShellCarriesNoOnesDataAndTheWorkerAndManifestAreServed() async throws {
        let f = try WebFixture.aftercare()
        try await f.test { browser in
            try await browser.login("pendamping1")
            let shell = try await browser.get("/luring")
            #expect(shell.status == .ok)
            #expect(!shell.body.contains(WebFixture.dueOfPSM01), "the cached shell names nobody")
            #expect(shell.body.contains("<meta name=\"bekal-pengguna\" content=\"pendamping1\">"))
            #expect(shell.body.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"))
            let home = try await browser.get("/")
            #expect(home.body.contains("href=\"/luring\""), "her menu has the page without signal")
            let worker = try await browser.get("/sw.js")
            #expect(worker.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(worker.body.firstMatch(of: /var CACHE = "bekal-shell-[0-9a-f]{16}";/) != nil)
            let manifest = try JSONSerialization.jsonObject(with: Data(try await browser.get("/manifest.webmanifest").body.utf8)) as? [String: Any]
            #expect(manifest?["start_url"] as? String == "/" && manifest?["display"] as? String == "standalone")
            for icon in manifest?["icons"] as? [[String: Any]] ?? [] {
                #expect(try await browser.get(icon["src"] as? String ?? "").status == .ok, "\(icon)")
            }
            #expect(try await browser.get("/static/tidak-ada.js").status == .notFound)
        }
        // Nobody else's pages load the offline script.
        try await f.test { browser in
            try await browser.login("admin")
            #expect(!(try await browser.get("/").body.contains("bekal-luring.js")))
        }
    }
}
