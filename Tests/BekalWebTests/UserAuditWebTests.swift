import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// Changes to users from the admin's page go to the audit log, and the last admin stays.
@Suite struct UserAuditWebTests {
    @Test func theOnlyAdminCannotSwitchHerselfOffAndSwitchingOthersIsAudited() async throws {
        let f = try WebFixture(configuration: .admin())
        let disables = "SELECT count(*) FROM audit_log WHERE action = 'user.disable'"
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/pengguna")
            let refused = try await browser.post("/pengguna/admin/nonaktifkan", [MoneyFormsTests.confirmed])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("satu-satunya admin yang aktif"))
            #expect(try f.count(disables) == 0)
            #expect(try await browser.get("/").status == .ok, "she is still signed in")

            let off = try await browser.post("/pengguna/bendahara/nonaktifkan", [MoneyFormsTests.confirmed])
            #expect(off.status == .seeOther)
            #expect(try f.count(disables + " AND actor = 'web:admin' AND subject = 'bendahara'") == 1)
        }
    }
}
