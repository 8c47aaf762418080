import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// The training months in the admin's browser (issue 16, part 5), on the demo: the 2010 cohort's
/// attendance and evaluation with the sewing graduate under the threshold, the tools per
/// trainee, the instructors; and a completion below the threshold that asks to be confirmed.
@Suite struct TrainingPagesTests {
    @Test func theCohortsTrainingReadsAndALowAttendanceCompletionAsksFirst() async throws {
        let f = try WebFixture()
        let late = try f.unpaidGraduate(name: "Wati Uji Hadir", register: "BL-2010-907", status: .enrolled, listed: false)
        _ = try f.operations.recordSession(SessionRecord(cohort: "2010", track: "salon", kind: .skills, topic: "Sanggul", heldOn: LocalDate(year: 2010, month: 5, day: 20)!,
                                                         hours: 3, instructor: "INS-03", absent: [late.code]), context: OperationContext(actor: "admin"))
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/pelatihan?angkatan=2010")
            #expect(page.status == .ok)
            #expect(page.body.contains("<caption>Rekap Kehadiran dan Evaluasi Pelatihan · Angkatan 2010 · batas 80%"))
            #expect(page.body.contains("Tata Busana / Jahit") && !page.body.contains(">jahit<"), "tracks by name")
            #expect(page.body.contains("50,0%") && page.body.contains("Mesin jahit") && page.body.contains("0,40"))
            #expect(page.body.contains("Sertifikat Kompetensi BNSP Tata Kecantikan Rambut") && page.body.contains("sudah habis"))

            let asked = try await browser.post("/registrasi/status", [("beneficiary", late.code), ("cohort", "2010"), ("status", "completed"),
                                                                      ("date", "2010-05-28")])
            #expect(asked.status == .unprocessableContent)
            #expect(fieldError(asked.body, "status")?.contains("hadir 0 dari 1 sesi, di bawah batas 80%") == true, "\(fieldError(asked.body, "status") ?? "-")")
            #expect(asked.body.contains("name=\"lowAttendance\""))
            let confirmed = try await browser.post("/registrasi/status", [("beneficiary", late.code), ("cohort", "2010"), ("status", "completed"),
                                                                          ("date", "2010-05-28"), ("lowAttendance", "1")])
            #expect(confirmed.status == .seeOther)
        }
        let enrolment = try f.store.read { tx in try tx.enrolments(beneficiaryID: late.id).first }
        #expect(enrolment?.status == .completed)
    }

    @Test func theThresholdAndThePassMarkAreSettings() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/pengaturan")
            #expect(page.body.contains("name=\"minimumAttendance\" value=\"80\"") && page.body.contains("name=\"passScore\" value=\"60\""))
            let bad = try await browser.post("/pengaturan", [("officeName", "Dinas Sosial Kota Bandar Lampung"), ("minimumAttendance", "150")])
            #expect(bad.status == .unprocessableContent && fieldError(bad.body, "minimumAttendance")?.contains("Kehadiran minimum") == true)
            let saved = try await browser.post("/pengaturan", [("officeName", "Dinas Sosial Kota Bandar Lampung"), ("minimumAttendance", "70"),
                                                               ("passScore", "65")])
            #expect(saved.status == .seeOther)
        }
        let settings = try f.operations.settings()
        #expect(settings.minimumAttendancePercent == 70 && settings.skillsPassScore == 65)
    }
}
