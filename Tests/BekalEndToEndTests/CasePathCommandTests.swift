import BekalCore
import Foundation
import Testing

/// `bekal intake`, `bekal stage`, `bekal report stages` and the settings they follow, run as
/// the built executable: each refusal says what, where and how to fix it, and writes nothing.
@Suite("bekal intake, stage and report stages")
struct CasePathCommandTests {
    @Test func aPersonRegisteredTwiceIsMergedFromTheCommandLine() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        #expect(try bekal.run("init", "--name", "Dinas Sosial Kota Uji").status == 0)
        #expect(try bekal.run("beneficiary", "add", "--name", "Sari Uji", "--birth-year", "1990").status == 0)
        #expect(try bekal.run("beneficiary", "add", "--name", "Sari Uji Lagi", "--birth-year", "1991").status == 0)
        let short = try bekal.run("beneficiary", "merge", "B-00002", "--into", "B-00001", "--reason", "sama")
        #expect(short.status == 1 && short.stderr.contains("at least 10 characters"))
        let merged = try bekal.run("beneficiary", "merge", "B-00002", "--into", "B-00001", "--reason", "KTP yang sama terlihat saat kunjungan")
        #expect(merged.status == 0 && merged.stdout.hasPrefix("B-00002 merged into B-00001 on ") && merged.stdout.contains("use B-00001 from now on"))
        let again = try bekal.run("consent", "give", "--beneficiary", "B-00002", "--kind", "share_business")
        #expect(again.status == 1 && again.stderr.contains("B-00002 was merged into B-00001 on ") && again.stderr.contains(": use B-00001."))
        let show = try bekal.run("beneficiary", "show", "B-00002", "--format", "csv")
        #expect(show.status == 0 && show.stdout.contains("Penggabungan data,B-00002 digabung ke B-00001 oleh "), "\(show.stdout)")
    }

    @Test func herPathFromTheCommandLine() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        #expect(try bekal.run("init", "--name", "Dinas Sosial Kota Uji").status == 0)
        #expect(try bekal.run("track", "add", "--code", "tata-boga", "--name", "Tata Boga").status == 0)
        #expect(try bekal.run("cohort", "add", "--code", "2026", "--training-start", "2026-03-02", "--budget-year", "2026").status == 0)
        #expect(try bekal.run("beneficiary", "add", "--name", "Sari Uji", "--birth-year", "1990").status == 0)
        #expect(try bekal.run("beneficiary", "add", "--name", "Nia Belia", "--birth-year", "2012").status == 0)
        #expect(try bekal.run("enrol", "--beneficiary", "B-00001", "--cohort", "2026", "--track", "tata-boga").status == 0)
        let child = try bekal.run("enrol", "--beneficiary", "B-00002", "--cohort", "2026", "--track", "tata-boga")
        #expect(child.status == 1 && child.stderr.contains("B-00002 is 14 (under 18)") && child.stderr.contains("child protection"))
        #expect(!child.stderr.contains("Nia"), "a refusal names her by code only")

        let noLetter = try bekal.run("intake", "record", "--beneficiary", "B-00001", "--cohort", "2026", "--route", "referral",
                                     "--referred-by", "Dinsos Kab. Pesawaran", "--category", "eks-wts", "--consent-on", "2026-02-20")
        #expect(noLetter.status == 1 && noLetter.stderr == "bekal: A referral is recorded with who referred her and the letter: give --letter.\n")
        let badRoute = try bekal.run("intake", "record", "--beneficiary", "B-00001", "--cohort", "2026", "--route", "polisi",
                                     "--category", "eks-wts", "--consent-on", "2026-02-20")
        #expect(badRoute.status == 1 && badRoute.stderr.contains("referral, outreach, self"))
        let intake = try bekal.run("intake", "record", "--beneficiary", "B-00001", "--cohort", "2026", "--route", "referral",
                                   "--referred-by", "Dinsos Kab. Pesawaran", "--letter", "460/7/2026", "--category", "eks-wts",
                                   "--consent-on", "2026-02-20")
        #expect(intake.status == 0 && intake.stdout == "Intake of B-00001 into cohort 2026 recorded (referral, consent 2026-02-20).\n")

        #expect(try bekal.run("stage", "record", "--beneficiary", "B-00001", "--cohort", "2026", "--stage", "asesmen", "--on", "2026-02-25").status == 0)
        let unknown = try bekal.run("stage", "record", "--beneficiary", "B-00001", "--cohort", "2026", "--stage", "pembinaan", "--on", "2026-03-01")
        #expect(unknown.status == 1 && unknown.stderr.contains("\"pembinaan\" is not a stage of this office's list; use one of: identifikasi, asesmen"))
        let noReason = try bekal.run("stage", "record", "--beneficiary", "B-00001", "--cohort", "2026", "--stage", "terminasi", "--on", "2026-03-01")
        #expect(noReason.status == 1 && noReason.stderr.contains("give --reason"))
        let closed = try bekal.run("stage", "record", "--beneficiary", "B-00001", "--cohort", "2026", "--stage", "terminasi", "--on", "2026-03-01",
                                   "--reason", "other", "--reason-text", "pindah ke Palembang ikut suami")
        #expect(closed.status == 0 && closed.stdout == "B-00001 in cohort 2026: stage terminasi on 2026-03-01 — case closed.\n")

        let list = try bekal.run("stage", "list", "B-00001", "--format", "csv")
        #expect(list.stdout.replacingOccurrences(of: "\r\n", with: "\n") == """
            cohort,date,stage,detail,actor
            2026,2026-02-20,masuk: Rujukan,"eks-wts · Dinsos Kab. Pesawaran, surat 460/7/2026",bendahara
            2026,2026-02-25,Asesmen,,bendahara
            2026,2026-03-01,Terminasi (kasus ditutup),Lainnya: pindah ke Palembang ikut suami,bendahara

            """)
        let report = try bekal.run("report", "stages", "--format", "json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let total = try #require(json["total"] as? [String: Any])
        #expect(total["enrolments"] as? Int == 1 && (total["closedBy"] as? [String: Int]) == ["other": 1])
        let csv = try bekal.run("report", "stages", "--format", "csv")
        #expect(csv.stdout.hasPrefix("cohort,enrolments,no_stage,stage_identifikasi,stage_asesmen,"))
        #expect(csv.stdout.contains("2026,1,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,1"))
        #expect(!csv.stdout.contains("Palembang"), "the report counts reasons; it quotes nobody")

        // The office's own list: exactly one closing stage.
        let noClosing = try bekal.run("settings", "set", "--stages", "datang=Datang,binaan=Dibina")
        #expect(noClosing.status == 1 && noClosing.stderr.contains("exactly one closing stage"))
        #expect(try bekal.run("settings", "set", "--stages", "datang=Datang,binaan=Dibina,selesai=Selesai!", "--age-min", "17").status == 0)
        let shown = try bekal.run("settings", "show")
        #expect(shown.stdout.contains("Stages: datang=Datang,binaan=Dibina,selesai=Selesai!") && shown.stdout.contains("Ages enrolled: 17 to any"))
    }

    @Test func needsConsentsAndReferralsFromTheCommandLine() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        #expect(try bekal.run("init", "--name", "Dinas Sosial Kota Uji").status == 0)
        #expect(try bekal.run("track", "add", "--code", "jahit", "--name", "Jahit").status == 0)
        #expect(try bekal.run("cohort", "add", "--code", "2026").status == 0)
        #expect(try bekal.run("beneficiary", "add", "--name", "Sari Uji").status == 0)
        #expect(try bekal.run("enrol", "--beneficiary", "B-00001", "--cohort", "2026", "--track", "jahit", "--status", "completed").status == 0)

        let both = try bekal.run("need", "open", "--beneficiary", "B-00001", "--kelompok", "K-0001", "--kind", "capital")
        #expect(both.status == 1 && both.stderr.contains("one person or one kelompok"))
        let badKind = try bekal.run("need", "open", "--beneficiary", "B-00001", "--kind", "uang")
        #expect(badKind.status == 1 && badKind.stderr.contains("marketing, branding, capital"))
        let opened = try bekal.run("need", "open", "--beneficiary", "B-00001", "--kind", "capital", "--on", "2026-11-01", "--note", "modal bahan")
        #expect(opened.status == 0 && opened.stdout == "Need #1 of B-00001 opened on 2026-11-01 (capital).\n")
        let answered = try bekal.run("need", "answer", "1", "--on", "2026-11-11", "--support", "market_link")
        #expect(answered.status == 0 && answered.stdout == "Need #1 answered on 2026-11-11, 10 days after it was voiced.\n")
        let again = try bekal.run("need", "answer", "1")
        #expect(again.status == 1 && again.stderr.contains("answered on 2026-11-11 already"))
        let needs = try bekal.run("report", "needs", "--as-of", "2026-11-25", "--format", "csv")
        #expect(needs.stdout.contains("-,Modal,1,1,0,0,10,10"), "\(needs.stdout)")

        #expect(try bekal.run("partner", "add", "--code", "PKM-1", "--name", "Puskesmas Satu", "--kind", "puskesmas").status == 0)
        let noConsent = try bekal.run("referral", "send", "--beneficiary", "B-00001", "--partner", "PKM-1", "--service", "pemeriksaan")
        #expect(noConsent.status == 1 && noConsent.stderr.contains("has not agreed to be referred to PKM-1"))
        #expect(try bekal.run("consent", "give", "--beneficiary", "B-00001", "--kind", "referral", "--service", "PKM-1", "--on", "2026-11-20").status == 0)
        let sent = try bekal.run("referral", "send", "--beneficiary", "B-00001", "--partner", "PKM-1", "--service", "pemeriksaan", "--on", "2026-11-21")
        #expect(sent.status == 0 && sent.stdout == "Referral #1 of B-00001 sent on 2026-11-21.\n")
        let declined = try bekal.run("referral", "update", "1", "--status", "declined")
        #expect(declined.status == 1 && declined.stderr.contains("give --note"))
        #expect(try bekal.run("referral", "update", "1", "--status", "declined", "--note", "jadwal penuh").status == 0)
        let report = try bekal.run("report", "referrals", "--format", "json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let line = try #require((json["lines"] as? [[String: Any]])?.first)
        #expect(line["partner"] as? String == "PKM-1" && line["declined"] as? Int == 1 && line["open"] as? Int == 0)
        #expect(!report.stdout.contains("penuh"), "counts only")
        let consents = try bekal.run("consent", "list", "B-00001")
        #expect(consents.stdout.hasPrefix("Now: share business no; name shown none; referral to PKM-1."))
    }
}
