import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/audit`: the audit log for the admin, newest first, filtered, with no personal data.
@Suite struct AuditLogTests {
    @Test func theLogListsOutcomeViewsNewestFirstWithoutPersonalData() async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/hasil/per-hibah")
            try await browser.get("/binaan/B-00001/riwayat-hasil")
            let page = try await browser.get("/audit")
            #expect(page.status == .ok)
            let grants = try #require(page.body.range(of: "data-action=\"report.outcome-grants\""))
            let history = try #require(page.body.range(of: "data-action=\"outcome.history\""))
            #expect(history.lowerBound < grants.lowerBound, "newest first")
            #expect(page.body.contains("Melihat riwayat hasil binaan"))
            #expect(page.body.contains("web:admin"))
            #expect(page.body.contains("2 Jan 2013 09:00"), "times in the office's zone, as officers read dates")
            try f.expectNoPersonalData(page.body)
        }
    }

    @Test func everyAuditRecordHoldsCodesAndCountsOnly() async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            try await browser.login("admin")
            for path in ["/", "/hasil?per=kelompok", "/hasil/per-hibah", "/binaan/B-00002/riwayat-hasil", "/unduh/hasil.xlsx"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
        }
        let records = try f.auditRecords()
        #expect(records.count >= 5)
        for record in records {
            try f.expectNoPersonalData([record.actor, record.action, record.subject, record.detail].joined(separator: " | "))
        }
    }

    @Test func filtersByWhoWhatAndWhen() async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/hasil")
            try await browser.get("/hasil/per-hibah")

            let byAction = try await browser.get("/audit?tindakan=report.outcome-grants")
            #expect(byAction.body.contains("data-action=\"report.outcome-grants\""))
            #expect(!byAction.body.contains("data-action=\"report.outcomes\""))

            let byOther = try await browser.get("/audit?oleh=web%3Abendahara")
            #expect(byOther.status == .ok)
            #expect(!byOther.body.contains("data-action="))
            #expect(byOther.body.contains("Tidak ada catatan yang cocok."))

            // The office day 2 Jan 2013 (WIB) holds the views; the day before holds none of them.
            let today = try await browser.get("/audit?dari=2013-01-02&sampai=2013-01-02&oleh=web%3Aadmin")
            #expect(today.body.contains("data-action=\"report.outcomes\""))
            let before = try await browser.get("/audit?sampai=2013-01-01&oleh=web%3Aadmin")
            #expect(!before.body.contains("data-action="))
            let after = try await browser.get("/audit?dari=2013-01-03")
            #expect(!after.body.contains("data-action="))
        }
    }

    @Test func theLogIsLimitedAndSaysWhenThereIsMore() async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            try await browser.login("admin")
            for _ in 0..<52 { try await browser.get("/hasil") }
            let page = try await browser.get("/audit?batas=50&oleh=web%3Aadmin")
            #expect(page.body.components(separatedBy: "data-action=").count - 1 == 50)
            #expect(page.body.contains("ada catatan yang lebih lama"))
            // A limit that is not offered falls back to the default.
            let fallback = try await browser.get("/audit?batas=100000&oleh=web%3Aadmin")
            // The 52 report views and her sign-in.
            #expect(fallback.body.components(separatedBy: "data-action=").count - 1 == 53)
            #expect(fallback.body.contains("data-action=\"auth.login\""))
        }
    }

    @Test func anUnreadableOrReversedRangeIsRefusedNextToItsField() async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            try await browser.login("admin")
            let reversed = try await browser.get("/audit?dari=2013-01-05&sampai=2013-01-01")
            #expect(reversed.status == .unprocessableContent)
            #expect(reversed.body.contains("id=\"sampai-error\""))
            #expect(reversed.body.contains("sebelum tanggal dari"))
            #expect(reversed.body.contains("value=\"2013-01-05\""), "the filter keeps what was typed")
            let unreadable = try await browser.get("/audit?dari=kemarin")
            #expect(unreadable.status == .unprocessableContent)
            #expect(unreadable.body.contains("id=\"dari-error\""))
        }
    }

    @Test func onlyTheAdminReadsTheLog() async throws {
        let f = try WebFixture(configuration: .admin())
        for username in ["bendahara", "pendamping1", "koperasi"] {
            try await f.test { browser in
                try await browser.login(username)
                let page = try await browser.get("/audit")
                #expect(page.status == .forbidden, "\(username)")
                #expect(!page.body.contains("data-action="))
            }
        }
        try await f.test { browser in
            let page = try await browser.get("/audit")
            #expect(page.status == .seeOther)
            #expect(page.location == "/masuk?lanjut=%2Faudit")
        }
    }
}

// MARK: - Helpers shared by the admin, audit and partner tests

extension WebConfiguration {
    /// The fixture's clock and bcrypt at cost 4. Downloads pass through one shared scratch
    /// folder unless a test gives its own (to see that it is left empty).
    static func admin(scratch: URL = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-web-tests")) -> WebConfiguration {
        WebConfiguration(clock: { WebFixture.now }, bcryptCost: 4, scratchFolder: scratch)
    }
}

extension WebFixture {
    /// The audit log, newest first.
    func auditRecords(limit: Int = 10_000) throws -> [AuditRecord] {
        try store.read { tx in try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: limit) }
    }



    /// Every beneficiary's name and NIK, read from the store.
    func beneficiaries() throws -> [Beneficiary] {
        try store.read { tx in
            var people: [Beneficiary] = []
            var id: Int64 = 1
            while let person = try tx.beneficiary(id: id) {
                people.append(person)
                id += 1
            }
            return people
        }
    }

    /// Fails the test if `text` holds a beneficiary's full name, a NIK, or 16 digits in a row.
    /// Form tokens (hex) are taken out first: they may hold a run of digits by chance.
    func expectNoPersonalData(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let cleaned = text.replacing(/[0-9a-f]{64}/, with: "")
        for person in try beneficiaries() {
            #expect(!cleaned.contains(person.name), "name of \(person.code) shown", sourceLocation: sourceLocation)
            if let nik = person.nik { #expect(!cleaned.contains(nik.digits), "NIK of \(person.code) shown", sourceLocation: sourceLocation) }
        }
        #expect(cleaned.firstMatch(of: /\d{16}/) == nil, "16 digits in a row (a NIK?)", sourceLocation: sourceLocation)
    }
}
