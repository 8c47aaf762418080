import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// The demo's aftercare as a pendamping sees it on 2 January 2013.
///
/// The demo follows graduates on the standard schedule, which ends 24 months after the grant;
/// every cohort's grants (2007–2010) are older than that on the fixture date, so with the
/// standard policy nobody but the long-lost is due. The office here follows graduates for 36
/// months: the 2010 cohort's next quarterly visit (month 30) fell due in mid-December 2012
/// and its last contact was the phone check of November, so nine of PSM-01's people are
/// 15–22 days overdue — a realistic morning for her.
extension WebFixture {
    static func aftercare() throws -> WebFixture {
        let f = try WebFixture()
        _ = try Operations(store: f.store).changeSettings(SettingsChange(
            followUpPolicy: FollowUpPolicy(monthlyUntilMonth: 6, quarterlyUntilMonth: 36, lostAfterDays: 180)), context: OperationContext(actor: "setup"))
        return f
    }

    /// PSM-01's most overdue graduate on the fixture date (2010 cohort, grant 11 Jun 2010).
    static let dueOfPSM01 = "B-00139"
    /// A graduate of PSM-02's caseload, due on the fixture date as well.
    static let dueOfPSM02 = "B-00142"
}

/// The text of the refusal shown next to a field (`<p class="error" id="date-error">`), unescaped.
func fieldError(_ page: Browser.Page, _ field: String) -> String? {
    guard let range = page.body.range(of: "id=\"\(field)-error\">") else { return nil }
    let rest = page.body[range.upperBound...]
    guard let end = rest.range(of: "</p>") else { return nil }
    return String(rest[..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
}

/// The beneficiary codes on the due list of a page, in order.
func dueCodes(_ page: Browser.Page) -> [String] {
    page.body.matches(of: /<li class="due[^"]*" data-code="([^"]+)"/).map { String($0.1) }
}

@Suite struct CaseloadTests {
    static let pages = ["/jadwal", "/binaan", "/binaan/\(WebFixture.dueOfPSM01)", "/binaan/\(WebFixture.dueOfPSM01)/hasil",
                        "/kunjungan/baru", "/kunjungan/baru?binaan=\(WebFixture.dueOfPSM01)"]

    @Test(arguments: pages)
    func pendampingAndAdminMayOpenBendaharaAndMitraMayNot(path: String) async throws {
        let f = try WebFixture.aftercare()
        for (username, status) in [("pendamping1", HTTPResponse.Status.ok), ("admin", .ok), ("bendahara", .forbidden),
                                   ("koperasi", .forbidden)] {
            try await f.test { browser in
                try await browser.login(username)
                let page = try await browser.get(path)
                #expect(page.status == status, "\(username) \(path)")
                if status == .forbidden { #expect(page.body.contains("Tidak diizinkan")) }
            }
        }
        try await f.test { browser in
            let page = try await browser.get(path)
            #expect(page.status == .seeOther)
            #expect(page.location == "/masuk?lanjut=\(FormData.encode(path))")
        }
    }

    @Test func theDashboardListsHerDueVisitsMostOverdueFirstWithNamesAndLinks() async throws {
        let f = try WebFixture.aftercare()
        try await f.test { browser in
            try await browser.login("pendamping1")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            let codes = dueCodes(home)
            #expect(codes.count == 9)
            #expect(codes.first == WebFixture.dueOfPSM01)
            #expect(!codes.contains(WebFixture.dueOfPSM02))
            #expect(home.body.contains("Terlambat 22 hari"))
            #expect(home.body.contains("kontak terakhir 11 Nov 2012"))
            #expect(home.body.contains("<strong>Nining Suryani</strong> · B-00139"))
            #expect(home.body.contains("href=\"/kunjungan/baru?binaan=B-00139\""))
            #expect(home.body.contains("data-testid=\"jumlah-binaan\">27<"))
            #expect(home.body.contains("Catat kunjungan"))
            // Days overdue never go up down the list.
            let days = home.body.matches(of: /Terlambat (\d+) hari/).map { Int($0.1)! }
            #expect(days == days.sorted(by: >))
        }
    }

    @Test func withTheStandardScheduleNobodyOfPSM01IsDueOnTheDemoDate() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("pendamping1")
            let home = try await browser.get("/")
            #expect(dueCodes(home).isEmpty)
            #expect(home.body.contains("Tidak ada binaan yang jatuh tempo."))
        }
    }

    @Test func herCaseloadHasHerPeopleKelompokAndUsahaAndNobodyElse() async throws {
        let f = try WebFixture.aftercare()
        try await f.test { browser in
            try await browser.login("pendamping1")
            let page = try await browser.get("/binaan")
            #expect(page.status == .ok)
            #expect(page.body.contains("27 binaan, 9 kelompok dan 2 usaha"))
            #expect(page.body.contains("Nining Suryani"))
            #expect(page.body.contains("K-0043"))
            #expect(page.body.contains("Salon kecantikan"))
            #expect(!page.body.contains(WebFixture.dueOfPSM02))
            #expect(!page.body.contains("K-0044"))
            // She cannot pick another worker's caseload.
            let other = try await browser.get("/binaan?pendamping=PSM-02")
            #expect(other.body.contains("27 binaan"))
            #expect(!other.body.contains(WebFixture.dueOfPSM02))
            let jadwal = try await browser.get("/jadwal?pendamping=PSM-02")
            #expect(!dueCodes(jadwal).contains(WebFixture.dueOfPSM02))
            #expect(dueCodes(jadwal).count == 9)
        }
    }

    @Test func aPersonsPageShowsHerFileAndVisitsButNoOutcome() async throws {
        let f = try WebFixture.aftercare()
        let audits = try f.count("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'auth.%'")
        try await f.test { browser in
            try await browser.login("pendamping1")
            let page = try await browser.get("/binaan/B-00139")
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>Nining Suryani (B-00139)</h1>"))
            #expect(page.body.contains("K-0043 · Kelompok Tata Boga 2010-2"))
            #expect(page.body.contains("<dt>Tanggal bantuan</dt><dd>11 Jun 2010</dd>"))
            #expect(page.body.contains("<dt>Kontak terakhir</dt><dd>11 Nov 2012</dd>"))
            #expect(page.body.contains("11 Des 2012 <strong class=\"late\">(terlambat 22 hari)</strong>"))
            #expect(page.body.contains("Melalui kelompok K-0043"))
            // Her outcomes (recorded 11 Dec 2010 and 11 Jun 2012) are not on her worker's page.
            for word in ["Hasil per", "Pengakuan sendiri", "Pengamatan pendamping", "kembali ke pekerjaan"] {
                #expect(!page.body.contains(word), "\(word)")
            }
            #expect(!page.body.contains("NIK"))
        }
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'auth.%'") == audits)
    }

    @Test func anotherWorkersPeopleAreNotFoundForHerAndNothingIsWritten() async throws {
        let f = try WebFixture.aftercare()
        let visits = try f.count("SELECT count(*) FROM visit")
        let outcomes = try f.count("SELECT count(*) FROM outcome")
        let other = WebFixture.dueOfPSM02
        try await f.test { browser in
            try await browser.login("pendamping1")
            for path in ["/binaan/\(other)", "/binaan/\(other)/hasil", "/kunjungan/baru?binaan=\(other)",
                         "/kunjungan/baru?kelompok=K-0044", "/binaan/B-99999", "/binaan/bukan-kode"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(!page.body.contains("Suryani"), "\(path)")
            }
            try await browser.get("/kunjungan/baru")
            for fields in [[("beneficiary", other)], [("kelompok", "K-0044")], [("usaha", "U-0005")],
                           [("beneficiary", WebFixture.dueOfPSM01), ("kelompok", "K-0044")]] {
                let page = try await browser.post("/kunjungan/baru", fields + [("date", "2013-01-02"), ("contact", "home_visit")])
                #expect(page.status == .notFound, "\(fields)")
            }
            try await browser.get("/binaan/\(WebFixture.dueOfPSM01)/hasil")
            let outcome = try await browser.post("/binaan/\(other)/hasil", [("returned", "no"), ("asOf", "2013-01-02"),
                                                                             ("source", "self_report")])
            #expect(outcome.status == .notFound)
        }
        #expect(try f.count("SELECT count(*) FROM visit") == visits)
        #expect(try f.count("SELECT count(*) FROM outcome") == outcomes)
    }

    /// The core refuses the write; a form refused before it gets there shows nothing of her either.
    @Test func aRefusedFormAboutAnotherWorkersPersonShowsNothingOfHer() async throws {
        let f = try WebFixture.aftercare()
        let other = WebFixture.dueOfPSM02
        let name = try f.store.read { tx in try Resolve.beneficiary(other, in: tx).name }
        let visits = try f.count("SELECT count(*) FROM visit")
        try await f.test { browser in
            try await browser.login("pendamping1")
            try await browser.get("/kunjungan/baru")
            // An unreadable date: the form again (422), the same for her as for a code that names nobody.
            for code in [other, "B-99999"] {
                let page = try await browser.post("/kunjungan/baru", [("beneficiary", code), ("date", "kemarin"), ("contact", "home_visit")])
                #expect(page.status == .unprocessableContent, "\(code)")
                #expect(!page.body.contains(name), "\(code)")
                #expect(!page.body.contains("<option value=\"\(code)\""), "\(code)")
            }
            // Posting as another worker records nothing under that worker's name: she visits as herself.
            let asOther = try await browser.post("/kunjungan/baru", [("worker", "PSM-02"), ("beneficiary", other), ("date", "2013-01-02"),
                                                                      ("contact", "home_visit")])
            #expect(asOther.status == .notFound)
            let outcome = try await browser.post("/binaan/\(other)/hasil", [("asOf", "2013-01-02"), ("source", "self_report")])
            #expect(outcome.status == .notFound)
            #expect(!outcome.body.contains(name))
        }
        #expect(try f.count("SELECT count(*) FROM visit") == visits)
    }

    @Test func anAdminSeesEveryCaseloadAndFiltersByWorker() async throws {
        let f = try WebFixture.aftercare()
        try await f.test { browser in
            try await browser.login("admin")
            let all = try await browser.get("/jadwal")
            #expect(dueCodes(all).contains(WebFixture.dueOfPSM01))
            #expect(dueCodes(all).contains(WebFixture.dueOfPSM02))
            // The office-wide list shows codes, not names.
            #expect(!all.body.contains("Nining Suryani"))
            let psm02 = try await browser.get("/jadwal?pendamping=PSM-02")
            #expect(dueCodes(psm02).contains(WebFixture.dueOfPSM02))
            #expect(!dueCodes(psm02).contains(WebFixture.dueOfPSM01))
            #expect(psm02.body.contains("href=\"/kunjungan/baru?binaan=B-00142&amp;pendamping=PSM-02\""))
            #expect(try await browser.get("/jadwal?pendamping=PSM-99").status == .notFound)
            let pick = try await browser.get("/binaan")
            #expect(pick.body.contains("Pilih pendamping untuk melihat binaannya."))
            let caseload = try await browser.get("/binaan?pendamping=psm-02")
            #expect(caseload.body.contains(WebFixture.dueOfPSM02))
            #expect(try await browser.get("/binaan/\(WebFixture.dueOfPSM02)").status == .ok)
            #expect(try await browser.get("/binaan/B-99999").status == .notFound)
        }
    }

    @Test func aPersonsFileHasHerKelompoksVisitsOnlyWhileSheWasInIt() throws {
        let f = try WebFixture.aftercare()
        let operations = Operations(store: f.store)
        let context = OperationContext(actor: "test", now: WebFixture.now)
        // B-00009 left kelompok K-0003 on 22 Nov 2008 and stays in PSM-03's caseload on her own.
        let file = try operations.caseFile(beneficiary: "B-00009", asOf: nil, context: context)
        let left = LocalDate(year: 2008, month: 11, day: 22)!
        #expect(file.kelompok?.code == "K-0003")
        #expect(file.kelompok?.current == false)
        #expect(file.visits.contains { $0.kelompokID == 3 })
        #expect(file.visits.allSatisfy { $0.kelompokID != 3 || $0.date < left })
        #expect(file.visits.contains { $0.beneficiaryID == 9 })
        #expect(file.visits.map(\.date) == file.visits.map(\.date).sorted(by: >))
        #expect(try operations.isInCaseload(worker: "PSM-03", beneficiary: "B-00009", kelompok: nil, usaha: nil))
        #expect(try !operations.isInCaseload(worker: "PSM-01", beneficiary: "B-00009", kelompok: nil, usaha: nil))
        // A usaha is in the caseload of its owner's worker; codes that name nothing are in nobody's.
        #expect(try operations.isInCaseload(worker: "PSM-01", beneficiary: nil, kelompok: "K-0049", usaha: "U-0006"))
        #expect(try !operations.isInCaseload(worker: "PSM-01", beneficiary: nil, kelompok: nil, usaha: "U-0005"))
        #expect(try !operations.isInCaseload(worker: "PSM-01", beneficiary: "B-99999", kelompok: nil, usaha: nil))
        #expect(try !operations.isInCaseload(worker: "PSM-99", beneficiary: nil, kelompok: nil, usaha: nil))
        // Everyone the follow-up list gives a worker is in that worker's caseload, and no one else.
        for worker in ["PSM-01", "PSM-02", "PSM-03", "PSM-04"] {
            let caseload = try operations.caseload(worker: worker, asOf: nil, context: context)
            let followed = try f.count("SELECT count(*) FROM case_summary cs JOIN worker w ON w.id = cs.worker_id WHERE w.code = '\(worker)'")
            #expect(caseload.people.count == followed, "\(worker)")
        }
    }
}
