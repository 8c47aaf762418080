import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/registrasi/baru`: the admin registers and enrols a woman in the browser, on the core's
/// rules: a NIK once, a register number once, and a likely double registration only after she
/// confirms, person by person, that it is someone else (audited).
@Suite struct RegistrationFormTests {
    static func person(name: String = "Sri Wahyuni Uji", ref: String = "BL-2013-001", nik: String = "",
                       year: String = "1990", cohort: String = "2010", track: String = "salon") -> [(String, String)] {
        [("name", name), ("externalRef", ref), ("nik", nik), ("birthYear", year), ("originArea", ""), ("kelurahan", "Kedaton"),
         ("consentName", ""), ("cohort", cohort), ("track", track), ("status", "completed")]
    }

    @Test func aWomanRegisteredAndGraduatedIsThenOfferedForHerGrant() async throws {
        let f = try WebFixture()
        let people = try f.count("SELECT count(*) FROM beneficiary")
        try await f.test { browser in
            try await browser.login("admin")
            #expect(try await browser.get("/registrasi/baru").status == .ok)
            let posted = try await browser.post("/registrasi/baru", Self.person())
            #expect(posted.status == .seeOther)
            let code = Beneficiary.code(for: Int64(people + 1))
            #expect(try await browser.get("/registrasi/baru").body.contains("Terdaftar sebagai \(code) (angkatan 2010, lulus)."))
            // The bendahara's grant form now offers her.
            try await browser.login("bendahara")
            #expect(try await browser.get("/hibah/baru").body.contains("<option value=\"\(code)\">Sri Wahyuni Uji · BL-2013-001 · angkatan 2010</option>"))
        }
        #expect(try f.count("SELECT count(*) FROM beneficiary") == people + 1)
        #expect(try f.count("SELECT count(*) FROM enrolment WHERE beneficiary_id = \(people + 1) AND status = 'completed'") == 1)
    }

    @Test func refusalsChangeNothingAndALikelyDoubleNeedsAConfirmation() async throws {
        let f = try WebFixture()
        let people = try f.count("SELECT count(*) FROM beneficiary")
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/registrasi/baru")
            let badNIK = try await browser.post("/registrasi/baru", Self.person(nik: "12345"))
            #expect(badNIK.status == .unprocessableContent && badNIK.body.contains("id=\"nik-error\""))
            let halfEnrolment = try await browser.post("/registrasi/baru", Self.person(track: ""))
            #expect(halfEnrolment.status == .unprocessableContent && halfEnrolment.body.contains("id=\"track-error\""))
            let first = try await browser.post("/registrasi/baru", Self.person())
            #expect(first.status == .seeOther)
            let sameRef = try await browser.post("/registrasi/baru", Self.person(name: "Orang Lain", ref: "BL-2013-001", year: "1970"))
            #expect(sameRef.status == .unprocessableContent && sameRef.body.contains("id=\"externalRef-error\""))
            // The same name and birth year again, under another register number: a likely double.
            let double = try await browser.post("/registrasi/baru", Self.person(ref: "BL-2013-002"))
            let existing = Beneficiary.code(for: Int64(people + 1))
            #expect(double.status == .unprocessableContent)
            #expect(double.body.contains("name=\"differentFrom\" value=\"\(existing)\""))
            let confirmed = try await browser.post("/registrasi/baru", Self.person(ref: "BL-2013-002") + [("differentFrom", existing)])
            #expect(confirmed.status == .seeOther)
        }
        #expect(try f.count("SELECT count(*) FROM beneficiary") == people + 2)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'beneficiary.confirmed_distinct' AND actor = 'web:admin'") == 1)
    }
}

extension RegistrationFormTests {
    @Test func aWomanEnrolledGraduatesInTheBrowserAndIsThenOfferedForHerGrant() async throws {
        let f = try WebFixture()
        let rina = try f.unpaidGraduate(name: "Rina Uji Terdaftar", register: "BL-2010-902", status: .enrolled)
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/registrasi/status?binaan=\(rina.code)")
            let notThere = try await browser.post("/registrasi/status", [("beneficiary", rina.code), ("cohort", "2009"),
                                                                         ("status", "completed"), ("date", "2013-01-02")])
            #expect(notThere.status == .unprocessableContent && notThere.body.contains("tidak terdaftar di angkatan 2009"))
            let graduated = try await browser.post("/registrasi/status", [("beneficiary", rina.code), ("cohort", "2010"),
                                                                          ("status", "completed"), ("date", "2013-01-02")])
            #expect(graduated.status == .seeOther)
            #expect(try await browser.get("/registrasi/status").body.contains("\(rina.code) di angkatan 2010: lulus per 2 Jan 2013."))
            try await browser.login("bendahara")
            #expect(try await browser.get("/hibah/baru").body.contains("<option value=\"\(rina.code)\">"))
        }
        #expect(try f.count("SELECT count(*) FROM enrolment WHERE beneficiary_id = \(rina.id) AND status = 'completed' AND status_date = '2013-01-02'") == 1)
    }
}
