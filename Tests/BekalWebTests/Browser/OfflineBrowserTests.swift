import BekalCore
import BekalStore
import Foundation
import HummingbirdBcrypt
import Testing

extension BrowserTests {
    /// Issue 17 in headless Chromium at phone size: the pendamping works without signal. The
    /// signal is cut twice over: DevTools' network emulation for the page (so the page knows it
    /// is offline) and a relay between the browser and the web app switched off (so the service
    /// worker, which the emulation does not reach, gets nothing from the network either).
    @Suite struct OfflineBrowserTests {
        @Test(.enabled(if: !VisitBrowserTests.skipped, "BEKAL_SKIP_BROWSER=1"), .timeLimit(.minutes(2)))
        func withoutSignalSheLogsThreeVisitsAndAnOutcomeAndEachReachesTheOfficeOnce() async throws {
            let started = Date()
            try await Self.withSignal(failureShot: "luring-gagal.png", Self.workOffline)
            print("The offline browser test took \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
        }

        @Test(.enabled(if: !VisitBrowserTests.skipped, "BEKAL_SKIP_BROWSER=1"), .timeLimit(.minutes(2)))
        func signingOutWithItemsWaitingSendsWhatItCanAndWipesThePhone() async throws {
            try await Self.withSignal(failureShot: "luring-keluar-gagal.png", Self.signOutWithItemsWaiting)
        }

        @Test(.enabled(if: !VisitBrowserTests.skipped, "BEKAL_SKIP_BROWSER=1"), .timeLimit(.minutes(2)))
        func whenTheOfficeEndsHerSessionHerCaseloadLeavesThePhoneAndHerQueueWaitsForHer() async throws {
            try await Self.withSignal(failureShot: "luring-dicabut-gagal.png", Self.sessionRevoked)
        }

        @Test(.enabled(if: !VisitBrowserTests.skipped, "BEKAL_SKIP_BROWSER=1"), .timeLimit(.minutes(2)))
        func anotherPendampingOnTheSamePhoneFindsNothingOfTheFirst() async throws {
            try await Self.withSignal(failureShot: "luring-pengguna-lain-gagal.png", prepare: { store in
                _ = try Operations(store: store).addUser(UserDraft(username: "pendamping2", displayName: "Yusuf", role: .pendamping, worker: "PSM-02"),
                                                         password: WebFixture.password, hash: { Bcrypt.hash($0, cost: 4) },
                                                         context: OperationContext(actor: "setup", now: WebFixture.now))
            }, Self.anotherPendamping)
        }

        /// The demo served through a ``SignalSwitch`` (`prepare` runs on the store first), and a
        /// phone-sized browser on the relay's address; everything stopped afterwards.
        static func withSignal(failureShot: String, prepare: (SQLiteStore) throws -> Void = { _ in },
                               _ body: (WebDriver, String, SignalSwitch, SQLiteStore) async throws -> Void) async throws {
            guard BrowserTests.browserIsInstalled() else { return }
            try await BrowserTests.withDemo { folder, store in
                try prepare(store)
                try await BrowserTests.serving(store, folder: folder) { driver, site in
                    let signal = try SignalSwitch(forwardingTo: port(of: site))
                    defer { signal.stop() }
                    try await BrowserTests.withBrowser(driver, failureShot: failureShot) { browser in
                        try await body(browser, "http://127.0.0.1:\(signal.port)", signal, store)
                    }
                }
            }
        }

        static func anotherPendamping(_ browser: WebDriver, site: String, signal: SignalSwitch, store: SQLiteStore) async throws {
            try await openWithSignal(browser, site: site)
            let first = try await listed(browser)
            try await setSignal(false, browser, signal)
            try await logVisit(browser, for: first[0], notes: "Milik pendamping pertama")
            // Her session ends while she is away (the cookie gone, as after the idle timeout) and she hands the phone on.
            try await browser.deleteCookies()
            try await setSignal(true, browser, signal)
            try await JobBrowserTests.signIn(browser, site: site, as: "pendamping2")
            try await browser.go("\(site)/luring")
            _ = try await browser.element("html[data-luring='siap']")
            try await waitFor(browser, "his caseload is downloaded") { !(try await listed(browser)).isEmpty }
            let second = try await listed(browser)
            #expect(second.contains(WebFixture.dueOfPSM02))
            #expect(Set(second).isDisjoint(with: first), "the first pendamping's caseload is still shown")
            #expect(try await statuses(browser).isEmpty, "the first pendamping's queue is still on the phone")
            let state = try await phoneState(browser)
            #expect((state["queue"] as? [[String: Any]])?.isEmpty == true)
            #expect(try store.integerForTesting("SELECT count(*) FROM visit WHERE notes = 'Milik pendamping pertama'") == 0)
        }

        static func sessionRevoked(_ browser: WebDriver, site: String, signal: SignalSwitch, store: SQLiteStore) async throws {
            try await openWithSignal(browser, site: site)
            let person = try await listed(browser)[0]
            try await setSignal(false, browser, signal)
            try await logVisit(browser, for: person, notes: "Sesi dicabut: tetap di ponsel")
            // Meanwhile the office resets her password (a phone reported lost): every session of hers ends.
            try Operations(store: store).setPassword(username: "pendamping1", password: WebFixture.password, hash: { Bcrypt.hash($0, cost: 4) },
                                                     context: OperationContext(actor: "setup"))
            try await setSignal(true, browser, signal)
            try await waitFor(browser, "the phone hears that her session ended", timeout: 20) {
                (try await browser.text("#luring-status")).hasPrefix("Sesi Anda sudah berakhir")
            }
            var state = try await phoneState(browser)
            #expect(state["people"] is NSNull || state["people"] == nil, "her caseload is still on the phone: \(state)")
            #expect((state["queue"] as? [[String: Any]])?.map { $0["status"] as? String } == ["waiting"])
            #expect(try await listed(browser).isEmpty)

            // Any page of the office now is the log-in page, which takes the cached shell as well.
            try await browser.refresh()
            _ = try await browser.element("html[data-luring='lupa']")
            #expect(try await browser.asyncScript("var done = arguments[arguments.length - 1]; caches.keys().then(done);") as? [String] == [])
            state = try await phoneState(browser)
            #expect((state["queue"] as? [[String: Any]])?.count == 1)
            #expect(try store.integerForTesting("SELECT count(*) FROM visit WHERE notes = 'Sesi dicabut: tetap di ponsel'") == 0)

            // Signed in again, her queue goes to the office, once.
            try await JobBrowserTests.signIn(browser, site: site, as: "pendamping1")
            try await browser.go("\(site)/luring")
            try await waitFor(browser, "her visit reaches the office", timeout: 20) { try await statuses(browser) == ["sent"] }
            #expect(try store.integerForTesting("SELECT count(*) FROM visit WHERE notes = 'Sesi dicabut: tetap di ponsel'") == 1)
        }

        static func workOffline(_ browser: WebDriver, site: String, signal: SignalSwitch, store: SQLiteStore) async throws {
            try await openWithSignal(browser, site: site)
            let people = try await listed(browser)
            #expect(people.first == WebFixture.dueOfPSM01)
            #expect(people.count >= 3)
            let visited = Array(people.prefix(3))
            let before = try store.integerForTesting("SELECT count(*) FROM visit")
            let outcomesBefore = try store.integerForTesting("SELECT count(*) FROM outcome")

            try await setSignal(false, browser, signal)
            try await waitFor(browser, "the page says there is no signal") {
                (try await browser.text("#luring-status")).hasPrefix("Tanpa sinyal")
            }
            for (index, code) in visited.enumerated() {
                try await logVisit(browser, for: code, notes: "Luring \(index + 1): bertemu di warungnya")
            }
            try await browser.click("button[data-hasil='\(visited[0])']")
            _ = try await browser.element("#luring-hasil:not([hidden])")
            try await browser.click("label[for='returned-1']")
            try await browser.click("#source option[value='self_report']")
            try await browser.click("#simpan-hasil")
            try await waitFor(browser, "four items wait on the phone") { try await statuses(browser) == ["waiting", "waiting", "waiting", "waiting"] }
            #expect(try await browser.text("#antrean-ringkas") == "4 menunggu dikirim, 0 ditolak, 0 diterima kantor.")
            try await browser.script("window.scrollTo(0, 0);")
            VisitBrowserTests.save(try await browser.screenshot(), as: "luring-antrean.png")
            #expect(try await VisitBrowserTests.fitsThePhone(browser), "the page without signal is wider than the phone")

            // Reloaded without signal: the service worker's shell, her caseload and her queue from the phone.
            let turnedAway = signal.refused
            try await browser.refresh()
            _ = try await browser.element("html[data-luring='siap']")
            #expect(signal.refused > turnedAway, "the reload did not try the network")
            #expect(try await listed(browser) == people)
            #expect(try await statuses(browser).count == 4)
            #expect(try await browser.script("return document.getElementById('luring').hidden;") as? Bool == false)
            VisitBrowserTests.save(try await browser.screenshot(), as: "luring-muat-ulang.png")
            #expect(try store.integerForTesting("SELECT count(*) FROM visit") == before, "nothing reached the office without signal")

            // The signal returns: everything is sent, each recorded once, and the queue keeps no fields.
            try await setSignal(true, browser, signal)
            try await waitFor(browser, "the office answers all four", timeout: 20) { try await statuses(browser) == ["sent", "sent", "sent", "sent"] }
            #expect(try await browser.text("#antrean-ringkas") == "0 menunggu dikirim, 0 ditolak, 4 diterima kantor.")
            #expect(try store.integerForTesting("SELECT count(*) FROM visit") == before + 3)
            #expect(try store.integerForTesting("SELECT count(*) FROM outcome") == outcomesBefore + 1)
            for index in 1...3 {
                #expect(try store.integerForTesting("SELECT count(*) FROM visit WHERE notes = 'Luring \(index): bertemu di warungnya'") == 1)
            }
            #expect(try store.integerForTesting("SELECT count(*) FROM phone_receipt WHERE actor = 'web:pendamping1'") == 4)
            let state = try await phoneState(browser)
            #expect((state["queue"] as? [[String: Any]] ?? []).allSatisfy { $0["fields"] == nil }, "what she wrote stays on the phone after the office has it")
            VisitBrowserTests.save(try await browser.screenshot(), as: "luring-terkirim.png")

            // Sent again (a second tap, another tab): each key answers what was recorded the first time.
            let keys = try store.stringsForTesting("SELECT key FROM phone_receipt WHERE kind = 'visit'")
            let replayed = try await browser.asyncScript("""
                var items = arguments[0], done = arguments[arguments.length - 1];
                fetch('/luring/data', {headers: {Accept: 'application/json'}}).then(function (r) { return r.json(); }).then(function (d) {
                  return fetch('/luring/kirim', {method: 'POST', body: JSON.stringify({items: items}),
                    headers: {'Content-Type': 'application/json', Accept: 'application/json', 'X-Bekal-Token': d.token}});
                }).then(function (r) { return r.json(); }).then(function (a) { done(a.answers.map(function (x) { return x.replayed; })); },
                  function () { done(null); });
                """, [keys.map { ["key": $0, "kind": "visit", "fields": ["date": ["2013-01-02"], "beneficiary": [visited[0]], "contact": ["home_visit"]]] as [String: Any] }])
            #expect(replayed as? [Bool] == [true, true, true])
            #expect(try store.integerForTesting("SELECT count(*) FROM visit") == before + 3)
        }

        static func signOutWithItemsWaiting(_ browser: WebDriver, site: String, signal: SignalSwitch, store: SQLiteStore) async throws {
            try await openWithSignal(browser, site: site)
            let people = try await listed(browser)
            let (stays, moves) = (people[0], people[1])
            let before = try store.integerForTesting("SELECT count(*) FROM visit")
            try await setSignal(false, browser, signal)
            try await logVisit(browser, for: stays, notes: "Sebelum keluar: tetap binaan")
            try await logVisit(browser, for: moves, notes: "Sebelum keluar: sudah pindah")
            // Meanwhile the office moves the second woman to another pendamping.
            _ = try Operations(store: store).assign(worker: "PSM-02", beneficiary: moves, kelompok: nil,
                                                    from: LocalDate(year: 2013, month: 1, day: 2)!, context: OperationContext(actor: "setup"))

            // Signing out without signal: she is asked, says no, and nothing is lost.
            try await signOut(browser)
            #expect(try await browser.dialogText().hasPrefix("2 isian belum diterima kantor dan akan dihapus dari ponsel ini."))
            try await browser.answerDialog(accept: false)
            #expect(try await statuses(browser) == ["waiting", "waiting"])

            // With signal: what can be recorded is; the other is refused with the reason, kept for her.
            try await setSignal(true, browser, signal)
            try await waitFor(browser, "the office answers both", timeout: 20) { try await statuses(browser).sorted() == ["refused", "sent"] }
            let reason = try await browser.text("li[data-status='refused'] p.error")
            #expect(reason == "\(moves) bukan binaan Anda. Kunjungan dan hasil dicatat hanya untuk binaan, kelompok dan usaha yang ditugaskan kepada Anda.")
            VisitBrowserTests.save(try await browser.screenshot(), as: "luring-ditolak.png")

            // Signing out now: the refused item is named, she agrees, and the phone is wiped.
            try await signOut(browser)
            #expect(try await browser.dialogText().hasPrefix("1 isian belum diterima kantor"))
            try await browser.answerDialog(accept: true)
            _ = try await browser.element("#username", timeout: 15)
            let state = try await phoneState(browser)
            #expect(state["exists"] as? Bool == false, "the phone still holds \(state)")
            #expect(try await browser.asyncScript("var done = arguments[arguments.length - 1]; caches.keys().then(done);") as? [String] == [])
            #expect(try store.integerForTesting("SELECT count(*) FROM visit") == before + 1)
            #expect(try store.integerForTesting("SELECT count(*) FROM visit WHERE notes = 'Sebelum keluar: tetap binaan'") == 1)
            #expect(try store.integerForTesting("SELECT count(*) FROM visit WHERE notes = 'Sebelum keluar: sudah pindah'") == 0)

            // Signed in again: a fresh caseload, without the woman who moved, and an empty queue.
            try await JobBrowserTests.signIn(browser, site: site, as: "pendamping1")
            try await browser.go("\(site)/luring")
            _ = try await browser.element("html[data-luring='siap']")
            try await waitFor(browser, "her caseload is downloaded again") { !(try await listed(browser)).isEmpty }
            #expect(!(try await listed(browser)).contains(moves))
            #expect(try await statuses(browser).isEmpty)
        }

        // MARK: - Steps

        /// Signs in, opens the page without signal once with signal (so the service worker keeps it), and waits for her caseload.
        static func openWithSignal(_ browser: WebDriver, site: String) async throws {
            try await JobBrowserTests.signIn(browser, site: site, as: "pendamping1")
            try await waitFor(browser, "the service worker controls her pages", timeout: 20) {
                try await browser.script("return !!navigator.serviceWorker.controller;") as? Bool == true
            }
            try await browser.go("\(site)/luring")
            _ = try await browser.element("html[data-luring='siap']")
            try await waitFor(browser, "her caseload is on the phone") { !(try await listed(browser)).isEmpty }
            try await waitFor(browser, "the shell is cached") {
                try await browser.asyncScript("""
                    var done = arguments[arguments.length - 1];
                    caches.keys().then(function (keys) { return Promise.all(keys.map(function (k) { return caches.open(k).then(function (c) { return c.match('/luring'); }); })); })
                      .then(function (hits) { done(hits.some(function (h) { return !!h; })); });
                    """) as? Bool == true
            }
        }

        static func logVisit(_ browser: WebDriver, for code: String, notes: String) async throws {
            let count = try await statuses(browser).count
            try await browser.click("button[data-kunjungan='\(code)']")
            _ = try await browser.element("#luring-kunjungan:not([hidden])")
            #expect(try await browser.script("return document.getElementById('beneficiary').value;") as? String == code)
            try await browser.click("#whereabouts option[value='here']")
            try await browser.click("label[for='support-0']")
            try await browser.type(notes, into: "#notes")
            try await browser.click("#simpan-kunjungan")
            try await waitFor(browser, "the visit for \(code) is queued") { try await statuses(browser).count == count + 1 }
        }

        static func signOut(_ browser: WebDriver) async throws {
            try await browser.script("window.scrollTo(0, 0);")
            // The menu may still be open from an earlier try.
            if try await browser.elements("details.menu[open]").isEmpty { try await browser.click("details.menu summary") }
            _ = try await browser.element("details.menu[open] form.signout button")
            try await browser.click("details.menu[open] form.signout button")
        }

        static func setSignal(_ on: Bool, _ browser: WebDriver, _ signal: SignalSwitch) async throws {
            signal.set(signal: on)
            try await browser.setOffline(!on)
        }

        /// The people the page lists, from the phone.
        static func listed(_ browser: WebDriver) async throws -> [String] {
            try await browser.script("return Array.from(document.querySelectorAll('#luring-binaan li')).map(function (e) { return e.dataset.code; });")
                as? [String] ?? []
        }

        /// The queue as the page shows it, oldest first.
        static func statuses(_ browser: WebDriver) async throws -> [String] {
            try await browser.script("return Array.from(document.querySelectorAll('#antrean-daftar li')).map(function (e) { return e.dataset.status; });")
                as? [String] ?? []
        }

        /// What Bekal keeps in the phone's IndexedDB, read without creating it.
        static func phoneState(_ browser: WebDriver) async throws -> [String: Any] {
            try await browser.asyncScript("""
                var done = arguments[arguments.length - 1];
                indexedDB.databases().then(function (dbs) {
                  if (!dbs.some(function (d) { return d.name === 'bekal-luring'; })) return done({exists: false});
                  var request = indexedDB.open('bekal-luring');
                  request.onsuccess = function () {
                    var db = request.result, tx = db.transaction(['queue', 'kv']);
                    var queue = tx.objectStore('queue').getAll(), caseload = tx.objectStore('kv').get('caseload');
                    tx.oncomplete = function () { db.close(); done({exists: true, queue: queue.result, people: caseload.result ? caseload.result.people.length : null}); };
                  };
                });
                """) as? [String: Any] ?? [:]
        }

        static func waitFor(_ browser: WebDriver, _ what: String, timeout: TimeInterval = 10, _ condition: () async throws -> Bool) async throws {
            let deadline = Date().addingTimeInterval(timeout)
            while !(try await condition()) {
                if Date() > deadline { throw WebDriver.Failure(description: "\(what): not within \(timeout) s at \(try await browser.currentURL())") }
                try await Task.sleep(for: .milliseconds(100))
            }
        }

        static func port(of site: String) -> Int { Int(site.split(separator: ":").last ?? "") ?? 0 }
    }
}
