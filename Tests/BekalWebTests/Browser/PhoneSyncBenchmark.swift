import BekalCore
import BekalStore
import Foundation
import Testing

extension BrowserTests {
    /// Issue 17's figures, in headless Chromium against the web app on loopback (BENCHMARKS.md):
    /// what the phone stores for a caseload of 60, and how long 500 visits queued without signal
    /// take to be confirmed once the signal returns. A measurement, not a test: it asserts no
    /// time, and runs only when asked:
    ///
    ///     BEKAL_BENCH_PHONE=1 swift test --filter PhoneSyncBenchmark
    @Suite struct PhoneSyncBenchmark {
        static let enabled = ProcessInfo.processInfo.environment["BEKAL_BENCH_PHONE"] == "1"
        static let caseloadSize = 60
        static let queued = 500

        @Test(.enabled(if: enabled, "BEKAL_BENCH_PHONE=1"), .timeLimit(.minutes(5)))
        func fiveHundredQueuedVisitsAndACaseloadOfSixty() async throws {
            var codes: [String] = []
            try await OfflineBrowserTests.withSignal(failureShot: "luring-bench-gagal.png", prepare: { codes = try Self.caseloadOfSixty($0) }) {
                browser, site, signal, store in
                try await Self.measure(browser, site: site, signal: signal, store: store, codes: codes)
            }
        }

        /// PSM-01's caseload made up to 60 open cases with graduates of other workers.
        static func caseloadOfSixty(_ store: SQLiteStore) throws -> [String] {
            let operations = Operations(store: store), today = LocalDate(year: 2013, month: 1, day: 2)!
            let context = OperationContext(actor: "bench")
            func open() throws -> [String] {
                try operations.caseload(worker: "PSM-01", asOf: today, context: context).people.filter { $0.caseClosedOn == nil }.map(\.code)
            }
            var mine = Set(try open())
            for id in try store.stringsForTesting("SELECT DISTINCT beneficiary_id FROM grant_payment ORDER BY beneficiary_id") where mine.count < caseloadSize {
                let code = Beneficiary.code(for: Int64(id)!)
                guard !mine.contains(code) else { continue }
                _ = try operations.assign(worker: "PSM-01", beneficiary: code, kelompok: nil, from: today, context: context)
                mine = Set(try open())
            }
            return try open()
        }

        static func measure(_ browser: WebDriver, site: String, signal: SignalSwitch, store: SQLiteStore, codes: [String]) async throws {
            try await OfflineBrowserTests.openWithSignal(browser, site: site)
            try await OfflineBrowserTests.waitFor(browser, "all 60 on the phone") { try await OfflineBrowserTests.listed(browser).count == codes.count }
            let sizes = try await browser.asyncScript("""
                var done = arguments[arguments.length - 1];
                Promise.all([
                  fetch('/luring/data', {headers: {Accept: 'application/json'}}).then(function (r) { return r.text(); }),
                  caches.keys().then(function (keys) { return Promise.all(keys.map(function (k) { return caches.open(k).then(function (c) {
                    return c.keys().then(function (requests) { return Promise.all(requests.map(function (q) { return c.match(q).then(function (r) { return r.arrayBuffer(); }); })); });
                  }); })); }),
                  navigator.storage.estimate()
                ]).then(function (got) {
                  var shell = 0; got[1].forEach(function (list) { list.forEach(function (b) { shell += b.byteLength; }); });
                  done({caseload: new Blob([got[0]]).size, shell: shell, usage: got[2].usage});
                });
                """) as? [String: Any] ?? [:]
            print("Phone storage, caseload of \(codes.count): caseload JSON \(sizes["caseload"] ?? "?") bytes, cached shell \(sizes["shell"] ?? "?") bytes, "
                + "origin usage (navigator.storage.estimate) \(sizes["usage"] ?? "?") bytes")

            // 500 visits saved without signal, as the page saves them; sent on loopback, then over an emulated slow mobile network.
            let networks: [(name: String, latency: Int, bytesPerSecond: Int, firstDay: Int)] = [
                ("loopback", 0, -1, 1), ("slow mobile (DevTools: 400 ms a request, 50 kB/s each way)", 400, 50_000, 12),
            ]
            for network in networks {
                try await syncQueued(browser, signal: signal, store: store, codes: codes, network: network)
            }
        }

        static func syncQueued(_ browser: WebDriver, signal: SignalSwitch, store: SQLiteStore, codes: [String],
                               network: (name: String, latency: Int, bytesPerSecond: Int, firstDay: Int)) async throws {
            try await OfflineBrowserTests.setSignal(false, browser, signal)
            let days = (0..<9).map { String(format: "2012-12-%02d", network.firstDay + $0) }
            var items: [[String: Any]] = []
            for (index, pair) in days.flatMap({ day in codes.map { (day, $0) } }).prefix(queued).enumerated() {
                items.append(["key": UUID().uuidString.lowercased(), "kind": "visit", "user": "pendamping1", "created": 1_700_000_000_000 + index,
                              "status": "waiting", "summary": ["code": pair.1, "date": pair.0],
                              "fields": ["date": [pair.0], "beneficiary": [pair.1], "contact": ["home_visit"], "whereabouts": ["here"],
                                         "support": ["marketing"], "notes": ["Kunjungan rutin \(index): usaha berjalan, omzet naik sedikit, minta bantuan label kemasan."]]])
            }
            let usage = try await browser.asyncScript("""
                var items = arguments[0], done = arguments[arguments.length - 1];
                var request = indexedDB.open('bekal-luring');
                request.onsuccess = function () {
                  var db = request.result, tx = db.transaction('queue', 'readwrite');
                  var store = tx.objectStore('queue');
                  store.clear();
                  items.forEach(function (i) { store.put(i); });
                  tx.oncomplete = function () { db.close(); navigator.storage.estimate().then(function (e) { done(e.usage); }); };
                };
                """, [items]) as? Int ?? 0
            let json = try JSONSerialization.data(withJSONObject: items).count
            print("With \(queued) visits waiting: the records are \(json) bytes as JSON; origin usage \(usage) bytes (IndexedDB's own accounting, compacted later)")
            try await browser.refresh()
            _ = try await browser.element("html[data-luring='siap']")
            try await OfflineBrowserTests.waitFor(browser, "500 waiting") { try await OfflineBrowserTests.statuses(browser).count == queued }

            let before = try store.integerForTesting("SELECT count(*) FROM visit")
            let started = Date()
            signal.set(signal: true)
            try await browser.setNetwork(latency: network.latency, download: network.bytesPerSecond, upload: network.bytesPerSecond)
            try await OfflineBrowserTests.waitFor(browser, "all 500 confirmed", timeout: 240) {
                try await browser.script("return document.querySelectorAll('#antrean-daftar li[data-status=waiting]').length;") as? Int == 0
            }
            let seconds = Date().timeIntervalSince(started)
            let statuses = try await OfflineBrowserTests.statuses(browser)
            let recorded = try store.integerForTesting("SELECT count(*) FROM visit") - before
            print(String(format: "Sync of %d queued visits, %@: %.2f s until the last was confirmed (%.1f ms a visit); %d recorded, %d refused",
                         queued, network.name, seconds, seconds * 1000 / Double(queued), statuses.filter { $0 == "sent" }.count,
                         statuses.filter { $0 == "refused" }.count))
            #expect(recorded == statuses.filter { $0 == "sent" }.count)
            try await browser.setNetwork()
        }
    }
}
