import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/pendamping`: the aftercare workers with their caseloads, and a new one added on the core
/// operation `bekal worker add` calls; every refusal next to its field, with nothing written.
@Suite struct WorkerFormTests {
    @Test func theWorkersAreListedWithTheirCaseloadsAndANewOneIsAdded() async throws {
        let f = try WebFixture()
        let cases = try f.count("SELECT count(*) FROM case_summary WHERE worker_id = (SELECT id FROM worker WHERE code = 'PSM-01')")
        try #require(cases > 0)
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/pendamping")
            #expect(page.status == .ok)
            #expect(page.body.contains("<strong>Marlina Sitompul</strong> <span class=\"code\">PSM-01</span>"))
            #expect(page.body.contains("data-testid=\"dampingan-PSM-01\">\(cases) binaan didampingi<"))
            #expect(page.body.contains("href=\"/penugasan\""), "assigning is the next page")
            let posted = try await browser.post("/pendamping", [("code", "psm-05"), ("name", "  Rahmawati Uji ")])
            #expect(posted.status == .seeOther && posted.location == "/pendamping")
            let after = try await browser.get("/pendamping")
            #expect(after.body.contains("Pendamping Rahmawati Uji (PSM-05) ditambahkan."))
            #expect(after.body.contains("data-testid=\"dampingan-PSM-05\">0 binaan didampingi<"))
            #expect(try await browser.get("/penugasan").body.contains("<option value=\"PSM-05\">Rahmawati Uji (PSM-05) · 0 binaan</option>"))
        }
        // As `bekal worker add --code psm-05` writes it: the code in capitals, the name trimmed.
        #expect(try f.count("SELECT count(*) FROM worker WHERE code = 'PSM-05' AND name = 'Rahmawati Uji'") == 1)
    }

    @Test func eachRefusalIsNextToItsFieldAndNothingIsWritten() async throws {
        let f = try WebFixture()
        let workers = try f.count("SELECT count(*) FROM worker")
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/pendamping")
            let duplicate = try await browser.post("/pendamping", [("code", "psm-01"), ("name", "Orang Lain")])
            #expect(duplicate.status == .unprocessableContent)
            #expect(fieldError(duplicate.body, "code") == "Pendamping \"PSM-01\" sudah ada (Marlina Sitompul). Pakai yang sudah ada, atau pilih kode lain.")
            #expect(duplicate.body.contains("value=\"Orang Lain\""), "what she typed is kept")
            let noName = try await browser.post("/pendamping", [("code", "PSM-05"), ("name", " ")])
            #expect(noName.status == .unprocessableContent && fieldError(noName.body, "name") == "Nama masih kosong; isi kolom ini.")
            let badCode = try await browser.post("/pendamping", [("code", "PSM 05"), ("name", "Rahmawati Uji")])
            #expect(badCode.status == .unprocessableContent)
            #expect(fieldError(badCode.body, "code")?.hasPrefix("Kode pendamping \"PSM 05\" bukan kode yang dapat dipakai") == true)
            let nothing = try await browser.post("/pendamping", [("code", ""), ("name", "")])
            #expect(fieldError(nothing.body, "code") == "Kode pendamping masih kosong; isi kolom ini.")
            #expect(fieldError(nothing.body, "name") != nil, "every error at once")
        }
        #expect(try f.count("SELECT count(*) FROM worker") == workers)
    }

    @Test func onlyTheAdminMayOpenOrPostAndPostsNeedTheFormToken() async throws {
        let f = try WebFixture()
        let workers = try f.count("SELECT count(*) FROM worker")
        try await f.test { browser in
            for username in ["bendahara", "pendamping1", "koperasi", "provinsi"] {
                try await browser.login(username)
                try await browser.get("/")
                #expect(try await browser.get("/pendamping").status == .forbidden, "\(username)")
                #expect(try await browser.post("/pendamping", [("code", "PSM-05"), ("name", "Rahmawati Uji")]).status == .forbidden, "\(username)")
            }
            try await browser.login("admin")
            try await browser.get("/pendamping")
            #expect(try await browser.post("/pendamping", [("code", "PSM-05"), ("name", "Rahmawati Uji")], csrf: "").status == .forbidden)
        }
        #expect(try f.count("SELECT count(*) FROM worker") == workers)
    }
}
