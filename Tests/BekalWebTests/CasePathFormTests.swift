import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/binaan/{code}/asal`, `/binaan/{code}/tahap` and `/laporan/tahap`: the admin records how a
/// woman came in and the stages of her case in the browser; every refusal is shown at its
/// field with nothing written, her data page shows her path in order, and her case file says
/// a closed case is due for nothing more. Why it was closed never reaches the audit log.
@Suite struct CasePathFormTests {
    /// Her rows only: the demo holds every other woman's path too.
    static func herStages(_ person: Beneficiary) -> String {
        "SELECT count(*) FROM case_stage s JOIN enrolment e ON e.id = s.enrolment_id WHERE e.beneficiary_id = \(person.id)"
    }
    static func herIntakes(_ person: Beneficiary) -> String {
        "SELECT count(*) FROM intake i JOIN enrolment e ON e.id = i.enrolment_id WHERE e.beneficiary_id = \(person.id)"
    }

    @Test func stagesInOrderAndAClosingWithItsReason() async throws {
        let f = try WebFixture()
        let rina = try f.unpaidGraduate(name: "Rina Uji Tahap", register: "BL-2010-905", status: .completed, listed: false)
        try await f.test { browser in
            try await browser.login("admin")
            let form = try await browser.get("/binaan/\(rina.code)/tahap?angkatan=2010")
            #expect(form.status == .ok && form.body.contains("<option value=\"asesmen\">Asesmen</option>"))
            #expect(form.body.contains("<option value=\"2010\" selected>"))
            // Every error at once: no stage chosen, a date that is no date.
            let empty = try await browser.post("/binaan/\(rina.code)/tahap", [("cohort", "2010"), ("stage", ""), ("date", "2 Januari")])
            #expect(empty.status == .unprocessableContent && empty.body.contains("id=\"stage-error\"") && empty.body.contains("id=\"date-error\""))
            let assessed = try await browser.post("/binaan/\(rina.code)/tahap", [("cohort", "2010"), ("stage", "asesmen"), ("date", "2012-12-20")])
            #expect(assessed.status == .seeOther)
            let early = try await browser.post("/binaan/\(rina.code)/tahap", [("cohort", "2010"), ("stage", "intervensi"), ("date", "2012-12-01")])
            #expect(early.status == .unprocessableContent && unescape(early.body).contains("sebelum tahap terakhir yang tercatat"))
            let noReason = try await browser.post("/binaan/\(rina.code)/tahap", [("cohort", "2010"), ("stage", "terminasi"), ("date", "2013-01-02")])
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("id=\"reasonCode-error\""))
            #expect(try f.count(Self.herStages(rina)) == 1, "refusals write nothing")
            let closed = try await browser.post("/binaan/\(rina.code)/tahap", [("cohort", "2010"), ("stage", "terminasi"), ("date", "2013-01-02"),
                                                                               ("reasonCode", "taken_out")])
            #expect(closed.status == .seeOther)
            let data = unescape(try await browser.get("/binaan/\(rina.code)/data").body)
            #expect(data.contains("tahap Terminasi (kasus ditutup) per 2 Jan 2013; kasus ditutup."))
            #expect(data.contains("<strong>Asesmen</strong>") && data.contains("Dibawa keluar oleh keluarga atau mucikari"))
            #expect(data.contains("(kasus ditutup 2 Jan 2013)") && !data.contains("/binaan/\(rina.code)/tahap?angkatan=2010"),
                    "a closed case offers no further stage")
            let file = unescape(try await browser.get("/binaan/\(rina.code)").body)
            #expect(file.contains("Terminasi (kasus ditutup) (kasus ditutup 2 Jan 2013: tidak ada kunjungan terjadwal)"))
            let after = try await browser.post("/binaan/\(rina.code)/tahap", [("cohort", "2010"), ("stage", "evaluasi"), ("date", "2013-01-02")])
            #expect(after.status == .unprocessableContent && unescape(after.body).contains("sudah ditutup pada 2 Jan 2013"))
            let report = unescape(try await browser.get("/laporan/tahap").body)
            #expect(report.contains("Tahap Penanganan per Angkatan") && report.contains("Ditutup: Dibawa keluar oleh keluarga atau mucikari"))
            #expect(!report.contains("Rina"), "the report counts; it names nobody")
        }
        #expect(try f.count(Self.herStages(rina) + " AND s.actor = 'web:admin'") == 2)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'case.stage' AND subject = '\(rina.code)' AND detail NOT LIKE '%taken%'") == 2)
    }

    @Test func anIntakeNamesItsReferralAndAChildIsReferredElsewhere() async throws {
        let f = try WebFixture()
        let rina = try f.unpaidGraduate(name: "Rina Uji Asal", register: "BL-2010-906", status: .completed, listed: false)
        try await f.test { browser in
            try await browser.login("admin")
            let form = try await browser.get("/binaan/\(rina.code)/asal?angkatan=2010")
            #expect(form.status == .ok && form.body.contains("<option value=\"eks-wts\">Eks WTS</option>"))
            func post(_ fields: [(String, String)]) async throws -> Browser.Page {
                try await browser.post("/binaan/\(rina.code)/asal", [("cohort", "2010"), ("category", "eks-wts"), ("consentOn", "2012-12-03")] + fields)
            }
            let noLetter = try await post([("route", "referral"), ("referredBy", "Dinsos Kab. Pesawaran")])
            #expect(noLetter.status == .unprocessableContent && noLetter.body.contains("id=\"referredBy-error\""))
            let child = try await post([("route", "outreach"), ("birthDate", "1998-05-01")])
            #expect(child.status == .unprocessableContent && unescape(child.body).contains("perlindungan anak"))
            #expect(try f.count(Self.herIntakes(rina)) == 0)
            let saved = try await post([("route", "referral"), ("referredBy", "Dinsos Kab. Pesawaran"), ("letter", "460/77/2012"),
                                        ("letterDate", "2012-11-30")])
            #expect(saved.status == .seeOther)
            let data = unescape(try await browser.get("/binaan/\(rina.code)/data").body)
            #expect(data.contains("Masuk: Rujukan · Dinsos Kab. Pesawaran · surat 460/77/2012 tanggal 30 Nov 2012 · Eks WTS · bersedia ikut per 3 Des 2012"))
            let twice = try await post([("route", "self")])
            #expect(twice.status == .unprocessableContent && unescape(twice.body).contains("sudah tercatat"))
        }
        #expect(try f.count(Self.herIntakes(rina) + " AND i.route = 'referral' AND i.letter_number = '460/77/2012'") == 1)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'case.intake' AND subject = '\(rina.code)' AND detail NOT LIKE '%Pesawaran%' AND detail NOT LIKE '%eks-wts%'") == 1)
    }
}

/// The outcome form asks why she returned (required with "ya") and what kept her from it
/// (optional with "tidak"); the admin reads them in her outcome history and as counts.
@Suite struct OutcomeReasonFormTests {
    @Test func aReturnedOutcomeSaysWhy() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("admin")
            let form = try await browser.get("/binaan/B-00139/hasil")
            #expect(form.status == .ok && form.body.contains("name=\"reasons\" value=\"family_needs_money\""))
            let before = try f.count("SELECT count(*) FROM outcome")
            let noReason = try await browser.post("/binaan/B-00139/hasil", [("returned", "yes"), ("asOf", "2013-01-02"), ("source", "self_report")])
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("id=\"reasons-error\""))
            let wrongKind = try await browser.post("/binaan/B-00139/hasil", [("returned", "no"), ("asOf", "2013-01-02"), ("source", "self_report"),
                                                                             ("reasons", "coerced")])
            #expect(wrongKind.status == .unprocessableContent && wrongKind.body.contains("id=\"reasons-error\""))
            #expect(try f.count("SELECT count(*) FROM outcome") == before, "refusals write nothing")
            let saved = try await browser.post("/binaan/B-00139/hasil", [("returned", "yes"), ("asOf", "2013-01-02"), ("source", "self_report"),
                                                                         ("reasons", "family_needs_money"), ("reasons", "other"),
                                                                         ("reasonText", "utang ke rentenir")])
            #expect(saved.status == .seeOther)
            let history = unescape(try await browser.get("/binaan/B-00139/riwayat-hasil").body)
            #expect(history.contains("Keluarga membutuhkan uang; Lainnya: utang ke rentenir"))
            let reasons = unescape(try await browser.get("/hasil/alasan").body)
            #expect(reasons.contains("Alasan kembali dan faktor pelindung per") && reasons.contains("Keluarga membutuhkan uang"))
            #expect(!reasons.contains("rentenir"), "the counts quote no one's words")
        }
        #expect(try f.count("SELECT count(*) FROM outcome_factor WHERE text = 'utang ke rentenir'") == 1)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE detail LIKE '%rentenir%' OR detail LIKE '%family_needs%'") == 0)
    }
}

/// Needs in the browser: the pendamping notes one on her binaan's page or on a visit, sees her
/// caseload's open needs on her home page, and marks one answered; another worker's need is
/// not hers to see (404), and what was asked never reaches the audit log.
@Suite struct NeedFormTests {
    @Test func aNeedFromVoicedToAnswered() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("pendamping1")
            let page = try await browser.get("/binaan/B-00139/kebutuhan")
            #expect(page.status == .ok && page.body.contains("<option value=\"capital\">Modal</option>"))
            let noKind = try await browser.post("/binaan/B-00139/kebutuhan", [("kind", ""), ("date", "2013-01-02"), ("note", "")])
            #expect(noKind.status == .unprocessableContent && noKind.body.contains("id=\"kind-error\""))
            let future = try await browser.post("/binaan/B-00139/kebutuhan", [("kind", "capital"), ("date", "2013-02-01"), ("note", "")])
            #expect(future.status == .unprocessableContent && unescape(future.body).contains("sesudah hari ini"))
            #expect(try f.count("SELECT count(*) FROM need WHERE beneficiary_id = 139") == 0)
            let saved = try await browser.post("/binaan/B-00139/kebutuhan", [("kind", "capital"), ("date", "2012-12-20"),
                                                                             ("note", "modal tambahan untuk gerobak")])
            #expect(saved.status == .seeOther)
            let home = unescape(try await browser.get("/").body)
            #expect(home.contains("Kebutuhan yang belum terjawab (1)") && home.contains("modal tambahan untuk gerobak"))
            #expect(home.contains("13 hari lalu"))
            let id = try f.count("SELECT max(id) FROM need")
            try await browser.get("/kebutuhan/\(id)/jawab")
            let early = try await browser.post("/kebutuhan/\(id)/jawab", [("date", "2012-12-19"), ("support", ""), ("note", "")])
            #expect(early.status == .unprocessableContent && unescape(early.body).contains("20 Des 2012"))
            let answered = try await browser.post("/kebutuhan/\(id)/jawab", [("date", "2013-01-02"), ("support", "market_link"),
                                                                             ("note", "dihubungkan ke koperasi")])
            #expect(answered.status == .seeOther)
            let list = unescape(try await browser.get("/binaan/B-00139/kebutuhan").body)
            #expect(list.contains("terjawab 2 Jan 2013 · Jejaring pasar (Dinas Koperasi) · dihubungkan ke koperasi"))
            #expect(unescape(try await browser.get("/").body).contains("Kebutuhan yang belum terjawab (0)"))
            // The cake kelompok's need is PSM-02's: not hers to open, nor to answer.
            #expect(try await browser.get("/kebutuhan/2/jawab").status == .notFound)
            let other = try await browser.post("/kebutuhan/2/jawab", [("date", "2013-01-02"), ("support", "branding"), ("note", "")])
            #expect(other.status == .notFound)
        }
        #expect(try f.count("SELECT count(*) FROM need_answer WHERE need_id = 2") == 0)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action LIKE 'need.%' AND (detail LIKE '%gerobak%' OR detail LIKE '%koperasi%' OR detail LIKE '%capital%')") == 0)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action LIKE 'need.%' AND subject = 'B-00139'") == 2)
    }

    @Test func aVisitOpensTheNeedsItHeard() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("pendamping1")
            try await browser.get("/kunjungan/baru?binaan=B-00139")
            let saved = try await browser.post("/kunjungan/baru", [("date", "2013-01-02"), ("beneficiary", "B-00139"), ("contact", "home_visit"),
                                                                   ("needs", "ingin ikut pameran dan perlu KTP"), ("needKinds", "marketing"),
                                                                   ("needKinds", "documents")])
            #expect(saved.status == .seeOther)
            let report = try await browser.get("/laporan/kebutuhan")
            #expect(report.status == .forbidden, "the report is the admin's")
        }
        #expect(try f.count("SELECT count(*) FROM need WHERE beneficiary_id = 139 AND visit_id IS NOT NULL AND note = 'ingin ikut pameran dan perlu KTP'") == 2)
    }
}

/// Referrals in the browser: the admin records her consent, the worker sends the referral and
/// its steps; without consent it is refused at the partner's field.
@Suite struct ReferralFormTests {
    @Test func aReferralWithHerConsent() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/binaan/B-00139/rujukan")
            #expect(page.status == .ok && page.body.contains("Puskesmas Kedaton · Puskesmas (belum ada izin)"))
            let refused = try await browser.post("/binaan/B-00139/rujukan", [("partner", "PKM-KEDATON"), ("service", "pemeriksaan"),
                                                                             ("date", "2013-01-02"), ("note", "")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("id=\"partner-error\""))
            try await browser.get("/binaan/B-00139/data")
            let consent = try await browser.post("/binaan/B-00139/izin", [("kind", "referral"), ("given", "ya"), ("date", "2013-01-02"),
                                                                          ("name", ""), ("service", "PKM-KEDATON")])
            #expect(consent.status == .seeOther)
            #expect(unescape(try await browser.get("/binaan/B-00139/data").body).contains("<dt>Dirujuk ke layanan</dt><dd>PKM-KEDATON</dd>"))
            try await browser.get("/binaan/B-00139/rujukan")
            let sent = try await browser.post("/binaan/B-00139/rujukan", [("partner", "PKM-KEDATON"), ("service", "pemeriksaan gigi"),
                                                                          ("date", "2013-01-02"), ("note", "sakit gigi sejak seminggu")])
            #expect(sent.status == .seeOther)
            let id = try f.count("SELECT max(id) FROM referral")
            let done = try await browser.post("/rujukan/\(id)", [("status", "done"), ("date", "2013-01-02"), ("note", "")])
            #expect(done.status == .unprocessableContent && unescape(done.body).contains("Tulis hasil layanannya."))
            let finished = try await browser.post("/rujukan/\(id)", [("status", "done"), ("date", "2013-01-02"), ("note", "gigi dicabut")])
            #expect(finished.status == .seeOther)
            let list = unescape(try await browser.get("/binaan/B-00139/rujukan").body)
            #expect(list.contains("pemeriksaan gigi · <strong>Selesai</strong>") && list.contains("gigi dicabut"))
            #expect(unescape(try await browser.get("/laporan/rujukan").body).contains("Puskesmas Kedaton"))
            #expect(try await browser.get("/layanan").body.contains("UPTD PPA Provinsi Lampung"))
        }
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE detail LIKE '%gigi%'") == 0)
    }

    @Test func herOpenReferralsAreOnTheWorkersHome() async throws {
        let f = try WebFixture()
        let admin = OperationContext(actor: "web:admin", now: WebFixture.now)
        _ = try f.operations.changeConsent(beneficiary: "B-00139", kind: .referral, given: true, on: nil, service: "BLK-BL", context: admin)
        _ = try f.operations.sendReferral(beneficiary: "B-00139", partner: "BLK-BL", service: "pelatihan menjahit lanjutan", on: nil, context: admin)
        try await f.test { browser in
            try await browser.login("pendamping1")
            let home = unescape(try await browser.get("/").body)
            #expect(home.contains("Rujukan yang masih berjalan (1)") && home.contains("UPTD Balai Latihan Kerja Bandar Lampung: pelatihan menjahit lanjutan"))
        }
    }
}

/// Her whole history, in order, on one page: the pendamping reads it without outcomes; the
/// admin with them, and that read is audited.
@Suite struct PersonHistoryTests {
    @Test func herHistoryInOrderAndOutcomesOnlyForThoseWhoMaySeeThem() async throws {
        let f = try WebFixture()
        let code = try #require(try f.store.read { tx in try tx.beneficiary(externalRef: "BL-2008-003") }).code
        let history = try f.operations.personHistory(beneficiary: code, withOutcomes: false, context: OperationContext(actor: "test", now: WebFixture.now))
        #expect(history.events.map(\.date) == history.events.map(\.date).sorted(), "in order of the day")
        let kinds = history.events.map(\.kind)
        for kind in [PersonHistory.Kind.enrolment, .intake, .stage, .grant, .kelompok, .visit] { #expect(kinds.contains(kind), "\(kind)") }
        #expect(!kinds.contains(.outcome))
        let closing = try #require(history.events.firstIndex { $0.text.contains("Terminasi (kasus ditutup) — Dibawa keluar oleh keluarga atau mucikari") })
        #expect(history.events[closing].date == LocalDate(year: 2009, month: 6, day: 30))
        #expect(history.events.contains { $0.kind == .kelompok && $0.text.hasPrefix("Keluar dari") && $0.date == history.events[closing].date })
        let before = try f.count("SELECT count(*) FROM audit_log WHERE action = 'outcome.history'")
        try await f.test { browser in
            try await browser.login("pendamping1")
            let own = try await browser.get("/binaan/B-00139/riwayat")
            #expect(own.status == .ok && !own.body.contains("event-outcome") && own.body.contains("event-grant"))
            #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'outcome.history'") == before, "no outcome read, nothing to audit")
        }
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/binaan/B-00139/riwayat")
            #expect(page.status == .ok && page.body.contains("event-outcome"))
        }
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'outcome.history' AND subject = 'B-00139'") == 1)
    }
}

/// What her path holds never reaches a partner: the partner's pages, her search and the
/// Koperasi download carry no reason, need answer, referral note or closing of the demo's stories.
@Suite struct PathPrivacyTests {
    @Test func aPartnerSeesNothingOfHerPath() async throws {
        let f = try WebFixture()
        let secrets = ["Dibawa keluar", "Keluarga membutuhkan uang", "Dibantu menerima pesanan kue", "Diperiksa dan diobati",
                       "Puskesmas Kedaton", "Terminasi", "Eks WTS", "460/"]
        try await f.test { browser in
            try await browser.login("koperasi")
            var bodies: [String] = []
            for path in ["/", "/usaha", "/usaha/U-0004", "/cari?q=kue", "/cari?q=U-0004"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                bodies.append(unescape(page.body))
            }
            for body in bodies { for secret in secrets { #expect(!body.contains(secret), "\(secret)") } }
        }
        // The Koperasi workbook's rows are this table's (SpreadsheetExport writes KoperasiProfile.register).
        let register = try f.store.read { tx in try KoperasiProfile.register(from: tx, asOf: LocalDate(year: 2013, month: 1, day: 2)!) }
        let text = register.rows.flatMap { $0.map(\.plain) }.joined(separator: "|")
        #expect(!register.rows.isEmpty)
        for secret in secrets { #expect(!text.contains(secret), "\(secret) in the Koperasi export") }
    }
}

/// The admin's merge of a woman registered twice: every error at once, a confirmation before
/// anything is written, and afterwards every page of the duplicate's code leads to the kept one.
@Suite struct MergeFormTests {
    @Test func aDuplicateIsMergedAfterItsConfirmationAndItsPagesLeadOn() async throws {
        let f = try WebFixture()
        let twice = try f.operations.addBeneficiary(BeneficiaryDraft(externalRef: "BL-2012-990", name: "Ayu Ganda Uji"))
        let graduate = try f.unpaidGraduate(name: "Lulus Belum Dibayar Uji", register: "BL-2010-991", listed: false)
        try await f.test { browser in
            try await browser.login("admin")
            let data = unescape(try await browser.get("/binaan/\(twice.code)/data").body)
            #expect(data.contains("href=\"/binaan/\(twice.code)/gabung\""))
            let form = unescape(try await browser.get("/binaan/\(twice.code)/gabung").body)
            #expect(form.contains("Kode data yang disimpan") && form.contains("Ayu Ganda Uji"))
            // Every error at once: no record to keep, a reason too short.
            let empty = try await browser.post("/binaan/\(twice.code)/gabung", [("kept", ""), ("reason", "sama")])
            #expect(empty.status == .unprocessableContent && empty.body.contains("id=\"kept-error\"") && empty.body.contains("id=\"reason-error\""))
            let reason = "KTP yang sama terlihat saat kunjungan"
            // The core's refusal, at the field: business still open on the duplicate.
            let open = try await browser.post("/binaan/\(graduate.code)/gabung", [("kept", "B-00139"), ("reason", reason)])
            #expect(open.status == .unprocessableContent && open.body.contains("id=\"kept-error\""))
            #expect(unescape(open.body).contains("Kedua data terdaftar di angkatan 2010, padahal satu orang terdaftar sekali per angkatan"), "\(unescape(open.body))")
            // The confirmation names both, and writes nothing.
            let confirm = unescape(try await browser.post("/binaan/\(twice.code)/gabung", [("kept", "b-00139"), ("reason", reason)]).body)
            #expect(confirm.contains("Gabungkan Ayu Ganda Uji (\(twice.code)) ke") && confirm.contains("(B-00139)?")
                    && confirm.contains("tidak dapat dibatalkan") && confirm.contains("Ya, gabungkan"))
            #expect(try f.count("SELECT count(*) FROM person_merge") == 0, "nothing is written before the confirmation")
            let done = try await browser.post("/binaan/\(twice.code)/gabung", [("kept", "b-00139"), ("reason", reason), ("konfirmasi", "ya")])
            #expect(done.status == .seeOther && done.location == "/binaan/B-00139/data")
            #expect(try f.count("SELECT count(*) FROM person_merge WHERE duplicate_id = \(twice.id) AND kept_id = 139") == 1)
            let kept = unescape(try await browser.get("/binaan/B-00139/data").body)
            #expect(kept.contains("digabung ke B-00139; pakai B-00139 mulai sekarang.") && kept.contains("<code>\(twice.code)</code> digabung ke data ini"))
            // Each of the duplicate's pages is the kept record's now.
            for page in ["", "/data", "/riwayat"] {
                let moved = try await browser.get("/binaan/\(twice.code)\(page)")
                #expect(moved.status == .seeOther && moved.location == "/binaan/B-00139\(page)", "\(page): \(moved.status) \(moved.location ?? "")")
            }
            let history = unescape(try await browser.get("/binaan/B-00139/riwayat").body)
            #expect(history.contains("\(twice.code) digabung ke B-00139 oleh web:admin: \(reason)"))
            // Nothing new on the duplicate's code: a post to it is refused with the code to use.
            let again = try await browser.post("/binaan/\(twice.code)/gabung", [("kept", "B-00139"), ("reason", reason)])
            #expect(again.status == .unprocessableContent && unescape(again.body).contains("\(twice.code) sudah digabung ke B-00139 per 2 Jan 2013 (data ganda): pakai B-00139."))
            #expect(try f.count("SELECT count(*) FROM person_merge") == 1)
        }
    }
}
