import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/binaan/{code}/hasil`: a worker records an outcome for her own caseload without seeing
/// the earlier ones.
@Suite struct CaseloadOutcomeTests {
    static let outcome = [("returned", "no"), ("asOf", "2013-01-02"), ("source", "worker_observation")]

    @Test func theFormShowsNoEarlierOutcomeAndReadsNothingRestricted() async throws {
        let f = try WebFixture.aftercare()
        let audits = try f.count("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'auth.%'")
        try await f.test { browser in
            try await browser.login("pendamping1")
            let form = try await browser.get("/binaan/B-00139/hasil")
            #expect(form.status == .ok)
            #expect(form.body.contains("Nining Suryani"))
            #expect(form.body.contains("type=\"radio\" id=\"returned-0\" name=\"returned\" value=\"yes\""))
            #expect(form.body.contains("> Tidak diketahui</label>"))
            #expect(form.body.contains("<input type=\"date\" id=\"asOf\" name=\"asOf\" value=\"2013-01-02\""))
            // Her outcomes of 11 Dec 2010 and 11 Jun 2012 are not shown, nor is any answer pre-chosen.
            #expect(!form.body.contains("11 Des 2010"))
            #expect(!form.body.contains("11 Jun 2012"))
            #expect(!form.body.contains(" checked"))
        }
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'auth.%'") == audits)
    }

    @Test func anOutcomeIsRecordedAuditedAndNotEchoed() async throws {
        let f = try WebFixture.aftercare()
        let outcomes = try f.count("SELECT count(*) FROM outcome")
        try await f.test { browser in
            try await browser.login("pendamping1")
            try await browser.get("/binaan/B-00139/hasil")
            let saved = try await browser.post("/binaan/B-00139/hasil", Self.outcome)
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/binaan/B-00139")
            let page = try await browser.get("/binaan/B-00139")
            #expect(page.body.contains("Hasil per 2 Jan 2013 tercatat."))
            #expect(!page.body.contains("Pengamatan pendamping"))
        }
        #expect(try f.count("SELECT count(*) FROM outcome") == outcomes + 1)
        #expect(try f.count("SELECT count(*) FROM outcome WHERE beneficiary_id = 139 AND as_of = '2013-01-02' AND returned = 'no' AND source = 'worker_observation' AND recorded_by = 'web:pendamping1'") == 1)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE actor = 'web:pendamping1' AND action = 'outcome.record' AND subject = 'B-00139'") == 1)
    }

    @Test(arguments: [
        ("asOf", "2013-01-05", "asOf", "Tanggal hasil 5 Jan 2013 sesudah hari ini (2 Jan 2013); catat yang sudah diketahui."),
        ("returned", "", "returned", "Pilih ya, tidak, atau tidak diketahui."),
        ("source", "", "source", "Pilih dari mana hasil ini diketahui."),
        ("asOf", "", "asOf", "Tanggal masih kosong; isi tanggal hasil ini diketahui."),
        ("returned", "mungkin", "returned", "Pilihan \"mungkin\" tidak dikenal; pilih salah satu dari daftar."),
    ])
    func aRefusedOutcomeIsShownAtItsFieldAndWritesNothing(change: (String, String, String, String)) async throws {
        let (name, value, field, message) = change
        let f = try WebFixture.aftercare()
        let counts = (try f.count("SELECT count(*) FROM outcome"), try f.count("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'auth.%'"))
        try await f.test { browser in
            try await browser.login("pendamping1")
            try await browser.get("/binaan/B-00139/hasil")
            let page = try await browser.post("/binaan/B-00139/hasil", Self.outcome.filter { $0.0 != name } + [(name, value)])
            #expect(page.status == .unprocessableContent)
            #expect(fieldError(page, field) == message)
            if name != "source" { #expect(page.body.contains("<option value=\"worker_observation\" selected>")) }
        }
        #expect(try f.count("SELECT count(*) FROM outcome") == counts.0)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'auth.%'") == counts.1)
    }

    @Test func withoutTheTokenOrTheRoleNothingIsRecorded() async throws {
        let f = try WebFixture.aftercare()
        let outcomes = try f.count("SELECT count(*) FROM outcome")
        try await f.test { browser in
            #expect(try await browser.post("/binaan/B-00139/hasil", Self.outcome).status == .seeOther)
            try await browser.login("pendamping1")
            try await browser.get("/binaan/B-00139/hasil")
            #expect(try await browser.post("/binaan/B-00139/hasil", Self.outcome, csrf: "").status == .forbidden)
        }
        for username in ["bendahara", "koperasi"] {
            try await f.test { browser in
                try await browser.login(username)
                try await browser.get("/")
                #expect(try await browser.post("/binaan/B-00139/hasil", Self.outcome).status == .forbidden, "\(username)")
            }
        }
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/binaan/B-00142/hasil")
            #expect(try await browser.post("/binaan/B-00142/hasil", Self.outcome).status == .seeOther)
        }
        #expect(try f.count("SELECT count(*) FROM outcome") == outcomes + 1)
    }
}
