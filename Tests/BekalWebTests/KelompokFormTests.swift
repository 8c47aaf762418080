import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/kelompok`: the admin forms a kelompok from the women enrolled in its cohort, adds a member
/// and, after a confirmation page, ends a membership, on the core operations the CLI calls
/// (`bekal kelompok add|join|leave`); every refusal next to its field, with nothing written.
@Suite struct KelompokFormTests {
    static func kelompok(name: String = "Kelompok Salon Uji", cohort: String = "2010", track: String = "salon",
                         members: [String], date: String = "2013-01-02") -> [(String, String)] {
        [("name", name), ("cohort", cohort), ("track", track), ("date", date)] + members.map { ("members", $0) }
    }

    /// Kelompok and membership rows, to show that a refusal wrote nothing.
    static func rows(_ f: WebFixture) throws -> [Int] {
        try [f.count("SELECT count(*) FROM kelompok"), f.count("SELECT count(*) FROM kelompok_member"),
             f.count("SELECT count(*) FROM kelompok_member WHERE left_on IS NOT NULL")]
    }

    @Test func aKelompokFormedInTheBrowserHasTheRowsTheCLIWouldWrite() async throws {
        let f = try WebFixture()
        let ani = try f.unpaidGraduate(name: "Ani Uji Salon", register: "BL-2010-911")
        let budi = try f.unpaidGraduate(name: "Wati Uji Salon", register: "BL-2010-912")
        let kelompoks = try f.count("SELECT count(*) FROM kelompok")
        let code = Kelompok.code(for: Int64(kelompoks + 1))
        try await f.test { browser in
            try await browser.login("admin")
            let picker = try await browser.get("/kelompok/baru")
            #expect(picker.status == .ok && picker.body.contains("<option value=\"2010\">2010 · Angkatan 2010</option>"))
            #expect(!picker.body.contains("name=\"members\""), "members are offered once the cohort is chosen")
            let form = try await browser.get("/kelompok/baru?angkatan=2010")
            #expect(form.body.contains("name=\"members\" value=\"\(ani.code)\"> Ani Uji Salon · \(ani.code) · lulus"))
            #expect(form.body.contains("<option value=\"salon\">Salon</option>"), "the track by its name")
            let member = try #require(try f.store.read { tx in try tx.memberships(kelompokID: 51).first { $0.leftOn == nil } })
            #expect(form.body.contains("\(Beneficiary.code(for: member.beneficiaryID)) · lulus · kini di K-0051</label>"),
                    "a woman in a kelompok already says which")
            let posted = try await browser.post("/kelompok/baru", Self.kelompok(members: [ani.code, budi.code]))
            #expect(posted.status == .seeOther && posted.location == "/kelompok/\(code)")
            let page = try await browser.get("/kelompok/\(code)")
            #expect(page.body.contains("Kelompok \(code) (Kelompok Salon Uji) dibentuk dengan 2 anggota per 2 Jan 2013."))
            #expect(page.body.contains("<strong>Ani Uji Salon</strong> <span class=\"code\">\(ani.code)</span>"))
            #expect(page.body.contains("<dd>Angkatan 2010</dd>") && page.body.contains("<dd>Salon</dd>"))
            #expect(page.body.contains("data-testid=\"anggota-aktif\">2<"))
            let list = try await browser.get("/kelompok?angkatan=2010")
            #expect(list.body.contains("<strong>Kelompok Salon Uji</strong></a> <span class=\"code\">\(code)</span>"))
            #expect(list.body.contains("data-testid=\"anggota-\(code)\">2 anggota aktif<"))
        }
        // The same kelompok through the operation `bekal kelompok add` calls: the same rows.
        let cli = try f.operations.addKelompok(name: "Kelompok Salon Uji", cohort: "2010", track: "salon", members: [ani.code, budi.code],
                                               joinedOn: try LocalDate.parse("2013-01-02"))
        let web = kelompoks + 1
        #expect(try f.count("""
            SELECT count(*) FROM kelompok w JOIN kelompok c ON c.name = w.name AND c.cohort_id = w.cohort_id AND c.track_id IS w.track_id
            WHERE w.id = \(web) AND c.id = \(cli.id) AND w.name = 'Kelompok Salon Uji'
            """) == 1)
        #expect(try f.count("""
            SELECT count(*) FROM kelompok_member w JOIN kelompok_member c ON c.beneficiary_id = w.beneficiary_id
              AND c.joined_on = w.joined_on AND c.left_on IS w.left_on
            WHERE w.kelompok_id = \(web) AND c.kelompok_id = \(cli.id) AND w.joined_on = '2013-01-02' AND w.left_on IS NULL
            """) == 2)
        #expect(try f.count("SELECT count(*) FROM kelompok_member WHERE kelompok_id = \(web)") == 2)
    }

    @Test func eachRefusalIsNextToItsFieldAndNothingIsWritten() async throws {
        let f = try WebFixture()
        let ani = try f.unpaidGraduate(name: "Ani Uji Salon", register: "BL-2010-911")
        let before = try Self.rows(f)
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/kelompok/baru?angkatan=2010")
            let noName = try await browser.post("/kelompok/baru", Self.kelompok(name: "  ", members: [ani.code]))
            #expect(noName.status == .unprocessableContent)
            #expect(fieldError(noName.body, "name") == "Nama kelompok masih kosong; isi kolom ini.")
            #expect(noName.body.contains("name=\"members\" value=\"\(ani.code)\" checked"), "what she chose is kept")
            let unknownCohort = try await browser.post("/kelompok/baru", Self.kelompok(cohort: "2099", members: [ani.code]))
            #expect(unknownCohort.status == .unprocessableContent)
            #expect(fieldError(unknownCohort.body, "cohort")?.hasPrefix("Angkatan \"2099\" tidak ditemukan.") == true)
            // B-00001 trained in 2007: she is not one of the women of 2010.
            let notEnrolled = try await browser.post("/kelompok/baru", Self.kelompok(members: [ani.code, "B-00001"]))
            #expect(notEnrolled.status == .unprocessableContent)
            #expect(fieldError(notEnrolled.body, "members")?.hasPrefix("B-00001 tidak terdaftar di angkatan 2010.") == true)
            let unknownPerson = try await browser.post("/kelompok/baru", Self.kelompok(members: ["B-99999"]))
            #expect(fieldError(unknownPerson.body, "members")?.hasPrefix("Penerima manfaat \"B-99999\" tidak ditemukan.") == true)
            let unknownTrack = try await browser.post("/kelompok/baru", Self.kelompok(track: "kapal", members: [ani.code]))
            #expect(fieldError(unknownTrack.body, "track")?.hasPrefix("Jurusan \"kapal\" tidak ditemukan.") == true)
            let badDate = try await browser.post("/kelompok/baru", Self.kelompok(members: [ani.code], date: "2013-02-30"))
            #expect(badDate.status == .unprocessableContent)
            #expect(fieldError(badDate.body, "date")?.contains("tidak ada di kalender") == true)
            // Every error of the form at once.
            let both = try await browser.post("/kelompok/baru", Self.kelompok(name: "", members: [ani.code], date: "kemarin"))
            #expect(fieldError(both.body, "name") != nil && fieldError(both.body, "date") != nil)
        }
        #expect(try Self.rows(f) == before)
    }

    @Test func aMemberJoinsAndLeavesAfterAConfirmation() async throws {
        let f = try WebFixture()
        let rina = try f.operations.addBeneficiary(BeneficiaryDraft(externalRef: "BL-2007-901", name: "Rina Uji Boga"),
                                                   enrolIn: ("2007", "tata-boga", .completed))
        let later = try f.unpaidGraduate(name: "Dewi Uji 2010", register: "BL-2010-913")
        let siti = try #require(try f.store.read { tx in try tx.beneficiary(id: 1) })
        let kelompok = try #require(try f.store.read { tx in try tx.kelompok(id: 1) })
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/kelompok/K-0001")
            #expect(page.body.contains("<option value=\"\(rina.code)\">Rina Uji Boga · \(rina.code) · lulus</option>"))
            #expect(!page.body.contains("<option value=\"B-00001\">"), "a member now is not offered again")
            #expect(page.body.contains("Bergabung 4 Jun 2007 · masih anggota"))
            let joined = try await browser.post("/kelompok/K-0001/anggota", [("beneficiary", rina.code), ("date", "2013-01-02")])
            #expect(joined.status == .seeOther && joined.location == "/kelompok/K-0001")
            #expect(try await browser.get("/kelompok/K-0001").body.contains("\(rina.code) bergabung dengan K-0001 per 2 Jan 2013."))
            let rows = try Self.rows(f)
            let again = try await browser.post("/kelompok/K-0001/anggota", [("beneficiary", rina.code), ("date", "2013-01-02")])
            #expect(again.status == .unprocessableContent && fieldError(again.body, "beneficiary") == "\(rina.code) sudah menjadi anggota K-0001.")
            let otherCohort = try await browser.post("/kelompok/K-0001/anggota", [("beneficiary", later.code), ("date", "2013-01-02")])
            #expect(otherCohort.status == .unprocessableContent)
            #expect(fieldError(otherCohort.body, "beneficiary")?.hasPrefix("\(later.code) tidak terdaftar di angkatan 2007.") == true)
            let noDate = try await browser.post("/kelompok/K-0001/anggota", [("beneficiary", rina.code), ("date", "")])
            #expect(noDate.status == .unprocessableContent && fieldError(noDate.body, "date") == "Tanggal masih kosong; isi kolom ini.")

            // Leaving: a page asks first, and asking writes nothing.
            let question = try await browser.get("/kelompok/K-0001/keluar?binaan=B-00001&tanggal=2013-01-02")
            #expect(question.status == .ok)
            #expect(question.body.contains("Akhiri keanggotaan <strong>\(siti.name)</strong> (B-00001) di <strong>\(kelompok.name)</strong> (K-0001) per <strong>2 Jan 2013</strong>?"))
            #expect(try await browser.get("/kelompok/K-0001/keluar?binaan=\(later.code)&tanggal=2013-01-02").status == .notFound,
                    "she is not a member: there is nothing to ask")
            #expect(try Self.rows(f) == rows)
            let early = try await browser.post("/kelompok/K-0001/keluar", [("beneficiary", "B-00001"), ("date", "2007-01-01")])
            #expect(early.status == .unprocessableContent)
            #expect(fieldError(early.body, "date")?.contains("lebih awal dari tanggal ia bergabung (4 Jun 2007)") == true)
            let badDate = try await browser.post("/kelompok/K-0001/keluar", [("beneficiary", "B-00001"), ("date", "2/1/2013")])
            #expect(badDate.status == .unprocessableContent && fieldError(badDate.body, "date")?.contains("bukan tanggal") == true)
            let notMember = try await browser.post("/kelompok/K-0001/keluar", [("beneficiary", later.code), ("date", "2013-01-02")])
            #expect(notMember.status == .unprocessableContent && notMember.body.contains("\(later.code) bukan anggota K-0001 saat ini."))
            #expect(try Self.rows(f) == rows)
            let left = try await browser.post("/kelompok/K-0001/keluar", [("beneficiary", "B-00001"), ("date", "2013-01-02")])
            #expect(left.status == .seeOther && left.location == "/kelompok/K-0001")
            let after = try await browser.get("/kelompok/K-0001")
            #expect(after.body.contains("Keanggotaan B-00001 di K-0001 berakhir per 2 Jan 2013."))
            #expect(after.body.contains("Bergabung 4 Jun 2007 · keluar 2 Jan 2013"))
        }
        #expect(try f.count("SELECT count(*) FROM kelompok_member WHERE kelompok_id = 1 AND beneficiary_id = \(rina.id) AND joined_on = '2013-01-02' AND left_on IS NULL") == 1)
        #expect(try f.count("SELECT count(*) FROM kelompok_member WHERE kelompok_id = 1 AND beneficiary_id = 1 AND left_on = '2013-01-02'") == 1)
        #expect(try f.count("SELECT count(*) FROM kelompok_member WHERE kelompok_id = 1 AND left_on IS NULL") == 3)
    }

    @Test func theListIsPagedAndFilteredByCohort() async throws {
        let f = try WebFixture()
        let total = try f.count("SELECT count(*) FROM kelompok")
        let of2008 = try f.count("SELECT count(*) FROM kelompok k JOIN cohort c ON c.id = k.cohort_id WHERE c.code = '2008'")
        let withUsaha = try f.count("SELECT min(owner_kelompok_id) FROM usaha")
        let usaha = try f.count("SELECT id FROM usaha WHERE owner_kelompok_id = \(withUsaha)")
        try #require(total > 50)
        try await f.test { browser in
            try await browser.login("admin")
            let first = try await browser.get("/kelompok")
            #expect(first.body.contains("Kelompok 1–25 dari \(total)."))
            #expect(first.body.contains("href=\"/kelompok?hal=2\" rel=\"next\"") && !first.body.contains("rel=\"prev\""))
            #expect(first.body.contains("Angkatan 2007 · Tata Boga"), "cohort and track by name")
            let last = try await browser.get("/kelompok?hal=3")
            #expect(last.body.contains("Kelompok 51–\(total) dari \(total).") && last.body.contains("Halaman 3 dari 3"))
            #expect(last.body.contains("href=\"/kelompok?hal=2\" rel=\"prev\"") && !last.body.contains("rel=\"next\""))
            #expect(last.body.contains("/kelompok/\(Kelompok.code(for: Int64(total)))") && !last.body.contains("/kelompok/K-0001\""))
            let tooFar = try await browser.get("/kelompok?hal=99")
            #expect(tooFar.body.contains("Halaman 3 dari 3"))
            let cohort = try await browser.get("/kelompok?angkatan=2008")
            #expect(cohort.body.contains("Kelompok 1–\(of2008) dari \(of2008) di angkatan 2008."))
            #expect(!cohort.body.contains("/kelompok/K-0001\""))
            let unknown = try await browser.get("/kelompok?angkatan=2099")
            #expect(fieldError(unknown.body, "angkatan")?.hasPrefix("Angkatan \"2099\" tidak ditemukan.") == true)
            let page = (withUsaha - 1) / 25 + 1
            let owned = try await browser.get("/kelompok?hal=\(page)")
            #expect(owned.body.contains("<span class=\"code\">\(Usaha.code(for: Int64(usaha)))</span>"))
        }
    }

    @Test func onlyTheAdminMayOpenOrPostAndPostsNeedTheFormToken() async throws {
        let f = try WebFixture()
        let ani = try f.unpaidGraduate(name: "Ani Uji Salon", register: "BL-2010-911")
        let before = try Self.rows(f)
        try await f.test { browser in
            for username in ["bendahara", "pendamping1", "koperasi", "provinsi"] {
                try await browser.login(username)
                try await browser.get("/")
                #expect(try await browser.get("/kelompok").status == .forbidden, "\(username)")
                #expect(try await browser.get("/kelompok/K-0001").status == .forbidden, "\(username)")
                #expect(try await browser.post("/kelompok/baru", Self.kelompok(members: [ani.code])).status == .forbidden, "\(username)")
                #expect(try await browser.post("/kelompok/K-0001/keluar", [("beneficiary", "B-00001"), ("date", "2013-01-02")]).status == .forbidden)
            }
            try await browser.login("admin")
            try await browser.get("/kelompok/baru?angkatan=2010")
            #expect(try await browser.post("/kelompok/baru", Self.kelompok(members: [ani.code]), csrf: "").status == .forbidden)
            #expect(try await browser.post("/kelompok/K-0001/anggota", [("beneficiary", ani.code), ("date", "2013-01-02")], csrf: "").status == .forbidden)
            #expect(try await browser.post("/kelompok/K-0001/keluar", [("beneficiary", "B-00001"), ("date", "2013-01-02")], csrf: "").status == .forbidden)
        }
        #expect(try Self.rows(f) == before)
    }
}
