import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// The admin sets the year's targets in the browser (issue 16, part 2), on the demo's 2010: each
/// careless target refused in Indonesian at its field, nothing written; a target set, shown as
/// holding, set again (the later holds, both stay), and audited; the head of office reads the
/// report but sets nothing.
@Suite struct TargetFormTests {
    @Test func theAdminSetsATargetAndSetsItAgain() async throws {
        let f = try WebFixture()
        let before = try f.count("SELECT count(*) FROM programme_target")
        try await f.test { browser in
            try await browser.login("admin")
            let report = try await browser.get("/kinerja?tahun=2010")
            #expect(report.body.contains("href=\"/kinerja/target?tahun=2010\""))
            let page = unescape(try await browser.get("/kinerja/target?tahun=2010").body)
            #expect(page.contains("<caption>Target kinerja 2010") && page.contains("Kunjungan sesuai jadwal"))
            let tooMuch = try await browser.post("/kinerja/target", [("year", "2010"), ("indicator", "kunjungan-sesuai-jadwal"), ("value", "101")])
            #expect(tooMuch.status == .unprocessableContent)
            #expect(fieldError(unescape(tooMuch.body), "value")?.contains("0 sampai 100 (persen bulat)") == true, "\(fieldError(tooMuch.body, "value") ?? "-")")
            let perCohort = try await browser.post("/kinerja/target", [("year", "2010"), ("indicator", "hari-tanggapan"), ("cohort", "2010"), ("value", "7")])
            #expect(fieldError(unescape(perCohort.body), "cohort")?.contains("kosongkan angkatan") == true)
            let otherYear = try await browser.post("/kinerja/target", [("year", "2011"), ("indicator", "lulusan"), ("cohort", "2010"), ("value", "7")])
            #expect(fieldError(unescape(otherYear.body), "cohort")?.contains("bukan 2011") == true)
            let blank = try await browser.post("/kinerja/target", [("year", "2010"), ("indicator", "lulusan")])
            #expect(fieldError(unescape(blank.body), "value") == "Tulis targetnya.")
            #expect(try f.count("SELECT count(*) FROM programme_target") == before, "no refusal writes")
            let set = try await browser.post("/kinerja/target", [("year", "2010"), ("indicator", "kunjungan-sesuai-jadwal"), ("value", "97")])
            #expect(set.status == .seeOther && set.location == "/kinerja/target?tahun=2010")
            let again = try await browser.post("/kinerja/target", [("year", "2010"), ("indicator", "kunjungan-sesuai-jadwal"), ("value", "90")])
            #expect(again.status == .seeOther)
            let after = unescape(try await browser.get("/kinerja/target?tahun=2010").body)
            #expect(after.contains("Kunjungan sesuai jadwal") && after.contains("paling sedikit 90%") && !after.contains("paling sedikit 97%"))
            // The report measures against the later one: the demo's 95,6 % does not meet 97 % but meets 90 %.
            let kinerja = unescape(try await browser.get("/kinerja?tahun=2010").body)
            #expect(kinerja.contains("90,0%"))
        }
        #expect(try f.count("SELECT count(*) FROM programme_target") == before + 2)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'target.set' AND subject = '2010 kunjungan-sesuai-jadwal'") == 3, "the demo's and these two")
    }

    @Test func theHeadOfOfficeReadsTheReportButSetsNoTarget() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("kepala")
            let report = try await browser.get("/kinerja?tahun=2010")
            #expect(report.status == .ok && !report.body.contains("/kinerja/target"))
            #expect(try await browser.get("/kinerja/target").status == .forbidden)
        }
    }
}
