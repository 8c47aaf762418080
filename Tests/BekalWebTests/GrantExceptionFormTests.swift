import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/hibah/pengecualian`: the admin's permission for a second grant, with its reason, audited;
/// then the bendahara can pay it, and a reason too short is refused with nothing written.
@Suite struct GrantExceptionFormTests {
    @Test func anExceptionLetsTheBendaharaPayASecondGrant() async throws {
        let f = try WebFixture()
        let dewi = try f.unpaidGraduate()
        _ = try f.operations.disburseGrant(GrantRequest(beneficiary: dewi.code, documentRef: "KW/UJI/PERTAMA",
                                                        valueDate: LocalDate(year: 2013, month: 1, day: 2)), context: f.demoContext)
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/hibah/pengecualian")
            let short = try await browser.post("/hibah/pengecualian", [("beneficiary", dewi.code), ("cohort", "2010"), ("reason", "terbakar")])
            #expect(short.status == .unprocessableContent && short.body.contains("Pengecualian belum dicatat"))
            let allowed = try await browser.post("/hibah/pengecualian", [("beneficiary", dewi.code), ("cohort", "2010"),
                                                                         ("reason", "Warungnya terbakar, ia memulai lagi")])
            #expect(allowed.status == .seeOther)
            #expect(try await browser.get("/hibah/pengecualian").body.contains("\(dewi.code) boleh menerima satu bantuan lagi di angkatan 2010."))
            try await browser.login("bendahara")
            try await browser.get("/hibah/baru")
            let second = try await browser.post("/hibah/baru", MoneyFormsTests.grant(dewi.code, ref: "KW/UJI/KEDUA", cohort: "2010"))
            #expect(second.status == .seeOther, "the second grant is paid against the exception")
        }
        #expect(try f.count("SELECT count(*) FROM grant_exception WHERE beneficiary_id = \(dewi.id)") == 1)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'grant.exception' AND actor = 'web:admin'") == 1)
        #expect(try f.count("SELECT count(*) FROM grant_payment WHERE beneficiary_id = \(dewi.id)") == 2)
    }
}
