import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// The admin's outcome pages: each view is read through the core's audited operation and
/// leaves exactly one audit record; no other role sees them.
@Suite struct AdminOutcomeTests {
    /// Each outcome page and the audit action its view writes, with the record's subject.
    static let auditedViews: [(path: String, action: String, subject: String)] = [
        ("/", "report.outcomes", "cohort"),
        ("/hasil", "report.outcomes", "cohort"),
        ("/hasil?per=angkatan&per-tanggal=2010-12-31", "report.outcomes", "cohort"),
        ("/hasil?per=jalur", "report.outcomes", "track"),
        ("/hasil?per=kelompok", "report.outcomes", "kelompok"),
        ("/hasil/per-hibah", "report.outcome-grants", "all"),
        ("/binaan/B-00001/riwayat-hasil", "outcome.history", "B-00001"),
        ("/unduh/hasil.xlsx", "export.hasil", "hasil-v1"),
    ]

    @Test func eachViewOfOutcomeDataAddsExactlyOneAuditRecord() async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            try await browser.login("admin")
            for view in Self.auditedViews {
                let before = try f.auditCount
                let page = try await browser.get(view.path)
                #expect(page.status == .ok, "\(view.path)")
                #expect(try f.auditCount == before + 1, "\(view.path)")
                let record = try #require(try f.auditRecords(limit: 1).first)
                #expect(record.actor == "web:admin", "\(view.path)")
                #expect(record.action == view.action, "\(view.path)")
                #expect(record.subject == view.subject, "\(view.path)")
                try f.expectNoPersonalData([record.subject, record.detail].joined(separator: " "))
            }
        }
    }

    @Test func otherRolesAreRefusedAndNothingIsAudited() async throws {
        let f = try WebFixture(configuration: .admin())
        let before = try f.auditCount
        for username in ["bendahara", "pendamping1", "koperasi"] {
            try await f.test { browser in
                try await browser.login(username)
                for view in Self.auditedViews.dropFirst() {
                    let page = try await browser.get(view.path)
                    #expect(page.status == .forbidden, "\(username) \(view.path)")
                    #expect(page.body.contains("Tidak diizinkan"))
                }
            }
        }
        try await f.test { browser in
            for view in Self.auditedViews.dropFirst() {
                let page = try await browser.get(view.path)
                #expect(page.status == .seeOther, "\(view.path)")
                #expect(page.location?.hasPrefix("/masuk?lanjut=") == true)
            }
        }
        #expect(try f.auditCount == before)
    }

    @Test func theDashboardShowsTheRangeAndTheCountsFromTheCore() async throws {
        let f = try WebFixture(configuration: .admin())
        let operations = Operations(store: f.store)
        let context = OperationContext(actor: "test", now: WebFixture.now)
        let report = try operations.outcomeReport(by: .cohort, asOf: nil, context: context)
        let due = try operations.followUpDue(worker: nil, asOf: nil, context: context)
        let graduates = try f.count("SELECT count(*) FROM enrolment WHERE status = 'completed'")
        let visits = try f.count("SELECT count(*) FROM visit WHERE visit_date BETWEEN '2013-01-01' AND '2013-01-02'")
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            #expect(page.body.contains("Hasil per angkatan per 2 Jan 2013"))
            #expect(page.body.contains("<tfoot><tr><td></td><td>Jumlah</td>"), "the total row")
            #expect(page.body.contains(report.total.tally.successRangeLabel))
            #expect(Self.count("lulusan", in: page.body) == graduates)
            #expect(graduates == 156)
            #expect(Self.count("bantuan", in: page.body) == report.total.grants)
            #expect(Self.count("hilang-kontak", in: page.body) == report.total.tally.lost)
            #expect(Self.count("jatuh-tempo", in: page.body) == due.rows.count)
            #expect(Self.count("kunjungan-bulan-ini", in: page.body) == visits)
            #expect(page.body.contains("Kunjungan Januari 2013"))
            for link in ["/hasil?per=jalur", "/hasil/per-hibah", "/unduh/hasil.xlsx", "/audit", "/pengguna"] {
                #expect(page.body.contains("href=\"\(link)\""), "\(link)")
            }
            try f.expectNoPersonalData(page.body)
        }
    }

    @Test func theReportIsGroupedAndDatedAsAsked() async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            try await browser.login("admin")
            let byTrack = try await browser.get("/hasil?per=jalur")
            #expect(byTrack.body.contains("Hasil per jurusan per 2 Jan 2013"))
            #expect(byTrack.body.contains("Salon"))
            #expect(byTrack.body.contains("<option value=\"jalur\" selected>"))
            let alias = try await browser.get("/hasil?per=jurusan")
            #expect(alias.body.contains("Hasil per jurusan"))
            let byKelompok = try await browser.get("/hasil?per=kelompok")
            #expect(byKelompok.body.contains("Hasil per kelompok"))
            let earlier = try await browser.get("/hasil?per-tanggal=2008-01-01")
            #expect(earlier.body.contains("Hasil per angkatan per 1 Jan 2008"))
            #expect(earlier.body.contains("value=\"2008-01-01\""))
            try f.expectNoPersonalData(byKelompok.body)
        }
    }

    @Test func anUnknownGroupingOrDateIsRefusedAndNothingIsRead() async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            try await browser.login("admin")
            let before = try f.auditCount
            let grouping = try await browser.get("/hasil?per=kota")
            #expect(grouping.status == .unprocessableContent)
            #expect(grouping.body.contains("id=\"per-error\""))
            #expect(grouping.body.contains("Pengelompokan &quot;kota&quot; tidak dikenal"))
            #expect(!grouping.body.contains("<caption>"))
            let date = try await browser.get("/hasil?per-tanggal=31-12-2010")
            #expect(date.status == .unprocessableContent)
            #expect(date.body.contains("id=\"date-error\""))
            #expect(date.body.contains("value=\"31-12-2010\""))
            #expect(try f.auditCount == before)
        }
    }

    @Test func perGrantRowsLinkToEachOutcomeHistory() async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/hasil/per-hibah")
            #expect(page.body.contains("href=\"/binaan/B-00001/riwayat-hasil\""))
            #expect(page.body.contains("Hasil per bantuan per 2 Jan 2013"))
            #expect(page.body.contains("Rp1.500.000"))
            try f.expectNoPersonalData(page.body)

            let history = try await browser.get("/binaan/B-00001/riwayat-hasil")
            #expect(history.status == .ok)
            #expect(history.body.contains("BL-2007-001"), "the office's register number")
            try f.expectNoPersonalData(history.body)
            let missing = try await browser.get("/binaan/B-99999/riwayat-hasil")
            #expect(missing.status == .notFound)
        }
    }

    @Test func theOutcomeWorkbookIsAnAuditedXlsxAndItsFileIsGone() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-web-admin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let f = try WebFixture(configuration: .admin(scratch: scratch))
        try await f.test { browser in
            try await browser.login("admin")
            let file = try await browser.get("/unduh/hasil.xlsx")
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"hasil-2013-01-02.xlsx\"")
            #expect(file.headers[.cacheControl] == "no-store")
            #expect(file.body.hasPrefix("PK"), "a zip container")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
            let record = try #require(try f.auditRecords(limit: 1).first)
            #expect(record.action == "export.hasil" && record.actor == "web:admin")
        }
    }

    /// The number in a dashboard card, `data-testid="jumlah-<key>">156<`.
    static func count(_ key: String, in body: String) -> Int? {
        guard let start = body.range(of: "data-testid=\"jumlah-\(key)\">") else { return nil }
        return Int(body[start.upperBound...].prefix { $0.isNumber })
    }
}
