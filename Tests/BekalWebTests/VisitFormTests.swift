import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

@Suite struct VisitFormTests {
    /// A home visit to PSM-01's most overdue graduate, as the form sends it.
    static let visit: [(String, String)] = [
        ("date", "2013-01-02"), ("beneficiary", WebFixture.dueOfPSM01), ("contact", "home_visit"), ("whereabouts", "here"),
        ("support", "marketing"), ("support", "branding"), ("item-oven", "broken"), ("needs", "merek dan kemasan"),
        ("grantUse", "business_stock"), ("notes", "Ibu sedang di pasar; bertemu di rumah"), ("nextDue", "2013-02-04"),
    ]

    static func replacing(_ name: String, with value: String, in fields: [(String, String)] = visit) -> [(String, String)] {
        fields.filter { $0.0 != name } + [(name, value)]
    }

    @Test func theFormIsPrefilledForTheDuePersonAndOffersOnlyHerCaseload() async throws {
        let f = try WebFixture.aftercare()
        try await f.test { browser in
            try await browser.login("pendamping1")
            let form = try await browser.get("/kunjungan/baru?binaan=B-00139")
            #expect(form.status == .ok)
            #expect(form.body.contains("<option value=\"B-00139\" selected>Nining Suryani · B-00139</option>"))
            #expect(form.body.contains("<input type=\"date\" id=\"date\" name=\"date\" value=\"2013-01-02\""))
            #expect(form.body.contains("value=\"home_visit\" checked"))
            // A text field: a number input would refuse "2.350.000", the way amounts are written.
            #expect(form.body.contains("type=\"text\" id=\"sales\" name=\"sales\" value=\"\" inputmode=\"numeric\""))
            #expect(form.body.contains("type=\"checkbox\" id=\"support-0\" name=\"support\" value=\"marketing\""))
            // Her kelompok's equipment, one select per item.
            #expect(form.body.contains("<select id=\"item-oven\" name=\"item-oven\">"))
            #expect(!form.body.contains("item-mesin-jahit"))
            for label in ["Keberadaan binaan", "Keadaan usaha", "Omzet (Rp)", "Dukungan yang diberikan", "Kebutuhan yang diminta",
                          "Bantuan modal dipakai untuk", "Catatan", "Kunjungan berikutnya", "Melalui ketua RT", "Pulang ke kampung"] {
                #expect(form.body.contains(label), "\(label)")
            }
            #expect(!form.body.contains(WebFixture.dueOfPSM02))
        }
    }

    @Test func aVisitIsRecordedOnceAndTakesHerOffTheDueList() async throws {
        let f = try WebFixture.aftercare()
        let visits = try f.count("SELECT count(*) FROM visit")
        try await f.test { browser in
            try await browser.login("pendamping1")
            #expect(dueCodes(try await browser.get("/")).contains(WebFixture.dueOfPSM01))
            try await browser.get("/kunjungan/baru?binaan=B-00139")
            let saved = try await browser.post("/kunjungan/baru", Self.visit)
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/")
            let home = try await browser.get("/")
            #expect(home.body.contains("Kunjungan 2 Jan 2013 untuk Nining Suryani tercatat."))
            #expect(!dueCodes(home).contains(WebFixture.dueOfPSM01))
            #expect(dueCodes(home).count == 8)
            // The same form sent again (a double tap, a reload) records nothing new.
            try await browser.get("/kunjungan/baru?binaan=B-00139")
            let again = try await browser.post("/kunjungan/baru", Self.visit)
            #expect(again.status == .seeOther)
            #expect(try await browser.get("/").body.contains("sudah tercatat sebelumnya"))
        }
        #expect(try f.count("SELECT count(*) FROM visit") == visits + 1)
        let row = try f.count("""
            SELECT count(*) FROM visit WHERE beneficiary_id = 139 AND visit_date = '2013-01-02' AND worker_id = 1
              AND contact_mode = 'home_visit' AND whereabouts = 'here' AND support = 'branding,marketing'
              AND grant_use = 'business_stock' AND needs = 'merek dan kemasan' AND next_visit_due = '2013-02-04'
              AND notes = 'Ibu sedang di pasar; bertemu di rumah' AND actor = 'web:pendamping1'
            """)
        #expect(row == 1)
        #expect(try f.count("SELECT count(*) FROM visit_equipment e JOIN visit v ON v.id = e.visit_id JOIN equipment_item i ON i.id = e.item_id WHERE v.visit_date = '2013-01-02' AND i.code = 'oven' AND e.condition = 'broken'") == 1)
    }

    @Test func aKelompokVisitWithSalesIsPostedToTheUsahasBook() async throws {
        let f = try WebFixture.aftercare()
        let entries = try f.count("SELECT count(*) FROM journal_entry")
        try await f.test { browser in
            try await browser.login("pendamping1")
            try await browser.get("/kunjungan/baru?kelompok=K-0049")
            let saved = try await browser.post("/kunjungan/baru", [
                ("date", "2013-01-02"), ("kelompok", "K-0049"), ("usaha", "U-0006"), ("contact", "home_visit"),
                ("businessStatus", "running"), ("sales", "Rp 750.000"), ("salesFrom", "2012-12-01"), ("salesTo", "2012-12-31"),
                ("item-kursi-salon", "working"), ("item-hair-dryer", "working"),
            ])
            #expect(saved.status == .seeOther)
            #expect(!dueCodes(try await browser.get("/")).contains("B-00159"))
        }
        #expect(try f.count("SELECT count(*) FROM visit WHERE kelompok_id = 49 AND usaha_id = 6 AND sales_amount = 750000 AND sales_start = '2012-12-01' AND sales_end = '2012-12-31' AND sales_entry_id IS NOT NULL") == 1)
        #expect(try f.count("SELECT count(*) FROM journal_entry") == entries + 1)
    }

    /// Each refusal of the core, said in Indonesian next to its field; the form keeps what was
    /// typed and nothing is written.
    @Test(arguments: [
        ("date", "2006-12-01", "date", "Tanggal kunjungan 1 Des 2006 sebelum pelatihan B-00139 dimulai (1 Mar 2010); periksa tanggalnya."),
        ("date", "2013-01-03", "date", "Tanggal kunjungan 3 Jan 2013 sesudah hari ini (2 Jan 2013); catat kunjungan yang sudah terjadi."),
        ("nextDue", "2012-12-31", "nextDue", "Kunjungan berikutnya (31 Des 2012) sebelum kunjungan ini (2 Jan 2013); pilih tanggal yang lebih lambat."),
        ("sales", "250000", "usaha", "Omzet dicatat untuk sebuah usaha: pilih usahanya (omzet dibukukan di buku usaha itu), atau kosongkan omzet."),
        ("salesFrom", "2013-01-05", "sales", "Periode omzet diisi, tetapi omzetnya kosong: isi omzetnya (tulis 0 bila tidak ada penjualan) atau kosongkan periodenya."),
        ("contact", "telepati", "contact", "Pilihan \"telepati\" tidak dikenal; pilih salah satu dari daftar."),
        ("date", "", "date", "Tanggal kunjungan masih kosong; isi tanggalnya."),
        ("beneficiary", "", "beneficiary", "Pilih binaan, kelompok atau usaha yang dikunjungi."),
    ])
    func aRefusedVisitIsShownAtItsFieldAndWritesNothing(change: (String, String, String, String)) async throws {
        let (name, value, field, message) = change
        let f = try WebFixture.aftercare()
        let visits = try f.count("SELECT count(*) FROM visit")
        try await f.test { browser in
            try await browser.login("pendamping1")
            try await browser.get("/kunjungan/baru?binaan=B-00139")
            let page = try await browser.post("/kunjungan/baru", Self.replacing(name, with: value))
            #expect(page.status == .unprocessableContent)
            #expect(fieldError(page, field) == message)
            // What was typed is still there.
            #expect(page.body.contains(">Ibu sedang di pasar; bertemu di rumah</textarea>"))
            #expect(page.body.contains("value=\"branding\" checked"))
            #expect(page.body.contains("<option value=\"broken\" selected>Rusak</option>"))
            if name != "beneficiary" { #expect(page.body.contains("<option value=\"B-00139\" selected>")) }
        }
        #expect(try f.count("SELECT count(*) FROM visit") == visits)
    }

    @Test func negativeSalesAreRefusedAtTheSalesFieldAndNothingIsWritten() async throws {
        let f = try WebFixture.aftercare()
        let counts = (try f.count("SELECT count(*) FROM visit"), try f.count("SELECT count(*) FROM journal_entry"))
        try await f.test { browser in
            try await browser.login("pendamping1")
            try await browser.get("/kunjungan/baru?kelompok=K-0049")
            let page = try await browser.post("/kunjungan/baru", [
                ("date", "2013-01-02"), ("kelompok", "K-0049"), ("usaha", "U-0006"), ("contact", "home_visit"), ("sales", "-5000"),
            ])
            #expect(page.status == .unprocessableContent)
            // The core's InputError, said by InputMessages.swift.
            #expect(fieldError(page, "sales") == "Omzet \"-Rp5.000\" bernilai negatif; omzet Rp0 atau lebih, tulis 0 bila tidak ada penjualan.")
            #expect(page.body.contains("value=\"-5000\""))
        }
        #expect(try f.count("SELECT count(*) FROM visit") == counts.0)
        #expect(try f.count("SELECT count(*) FROM journal_entry") == counts.1)
    }

    @Test func aSecondRecordingWithOtherDetailsIsRefusedNotEdited() async throws {
        let f = try WebFixture.aftercare()
        try await f.test { browser in
            try await browser.login("pendamping1")
            try await browser.get("/kunjungan/baru?binaan=B-00139")
            #expect(try await browser.post("/kunjungan/baru", Self.visit).status == .seeOther)
            let visits = try f.count("SELECT count(*) FROM visit")
            try await browser.get("/kunjungan/baru?binaan=B-00139")
            let page = try await browser.post("/kunjungan/baru", Self.replacing("notes", with: "Catatan lain"))
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("sudah dicatat sebagai kunjungan #"))
            #expect(page.body.contains("role=\"alert\""))
            #expect(try f.count("SELECT count(*) FROM visit") == visits)
        }
    }

    @Test func aVisitWithoutTheFormTokenOrSignInIsRefused() async throws {
        let f = try WebFixture.aftercare()
        let visits = try f.count("SELECT count(*) FROM visit")
        try await f.test { browser in
            let anonymous = try await browser.post("/kunjungan/baru", Self.visit)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location?.hasPrefix("/masuk") == true)
            try await browser.login("pendamping1")
            try await browser.get("/kunjungan/baru?binaan=B-00139")
            let forged = try await browser.post("/kunjungan/baru", Self.visit, csrf: "")
            #expect(forged.status == .forbidden)
            #expect(forged.body.contains("Formulir tidak sah"))
            let wrong = try await browser.post("/kunjungan/baru", Self.visit, csrf: String(repeating: "a", count: 64))
            #expect(wrong.status == .forbidden)
        }
        #expect(try f.count("SELECT count(*) FROM visit") == visits)
    }

    @Test func bendaharaAndMitraMayNotPostAVisit() async throws {
        let f = try WebFixture.aftercare()
        let visits = try f.count("SELECT count(*) FROM visit")
        for username in ["bendahara", "koperasi"] {
            try await f.test { browser in
                try await browser.login(username)
                try await browser.get("/")
                #expect(try await browser.post("/kunjungan/baru", Self.visit).status == .forbidden, "\(username)")
            }
        }
        #expect(try f.count("SELECT count(*) FROM visit") == visits)
    }

    @Test func anAdminLogsAVisitForAnyWorkersCaseload() async throws {
        let f = try WebFixture.aftercare()
        let visits = try f.count("SELECT count(*) FROM visit")
        try await f.test { browser in
            try await browser.login("admin")
            let pick = try await browser.get("/kunjungan/baru?binaan=B-00142")
            #expect(pick.body.contains("Pilih dulu pendamping"))
            #expect(pick.body.contains("name=\"binaan\" value=\"B-00142\""))
            let form = try await browser.get("/kunjungan/baru?binaan=B-00142&pendamping=PSM-02")
            #expect(form.body.contains("<input type=\"hidden\" name=\"worker\" value=\"PSM-02\">"))
            #expect(form.body.contains("<option value=\"B-00142\" selected>"))
            let missing = try await browser.post("/kunjungan/baru", [("date", "2013-01-02"), ("beneficiary", "B-00142"),
                                                                      ("contact", "phone")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.body.contains("Pilih pendamping yang berkunjung."))
            let saved = try await browser.post("/kunjungan/baru", [("worker", "PSM-02"), ("date", "2013-01-02"),
                                                                    ("beneficiary", "B-00142"), ("contact", "phone")])
            #expect(saved.status == .seeOther)
            #expect(!dueCodes(try await browser.get("/jadwal?pendamping=PSM-02")).contains("B-00142"))
        }
        #expect(try f.count("SELECT count(*) FROM visit") == visits + 1)
        #expect(try f.count("SELECT count(*) FROM visit WHERE beneficiary_id = 142 AND worker_id = 2 AND actor = 'web:admin'") == 1)
    }
}

/// Long notes are never cut: the form counts, and the core refuses an over-long text whole.
@Suite struct VisitTextLimitTests {
    @Test func notesOverTheLimitAreRefusedWholeAndTheLimitItselfIsKept() async throws {
        let f = try WebFixture.aftercare()
        let visits = try f.count("SELECT count(*) FROM visit")
        let long = String(repeating: "a", count: 4001)
        try await f.test { browser in
            try await browser.login("pendamping1")
            let form = try await browser.get("/kunjungan/baru")
            #expect(form.body.contains("data-limit=\"4000\"") && !form.body.contains("maxlength=\"4000\""), "no silent cut in the browser")
            let refused = try await browser.post("/kunjungan/baru", VisitFormTests.visit.filter { $0.0 != "notes" } + [("notes", long)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Catatan berisi 4001 huruf; paling banyak 4000 yang disimpan."))
            #expect(refused.body.contains(long), "what she wrote is still there, to shorten")
            #expect(try f.count("SELECT count(*) FROM visit") == visits)
            let kept = try await browser.post("/kunjungan/baru", VisitFormTests.visit.filter { $0.0 != "notes" } + [("notes", String(long.dropLast()))])
            #expect(kept.status == .seeOther)
        }
        #expect(try f.count("SELECT count(*) FROM visit WHERE length(notes) = 4000") == 1)
    }
}
