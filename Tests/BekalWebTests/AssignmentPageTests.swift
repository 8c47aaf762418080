import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/penugasan`: a graduate paid her grant whom nobody follows is the admin's work to do until
/// she is assigned to a pendamping, and then she is on that pendamping's list.
@Suite struct AssignmentPageTests {
    @Test func aNewGraduateWithoutAPendampingIsShownUntilSheIsAssigned() async throws {
        let f = try WebFixture()
        let dewi = try f.unpaidGraduate()
        _ = try f.operations.disburseGrant(GrantRequest(beneficiary: dewi.code, documentRef: "KW/UJI/PENUGASAN",
                                                        valueDate: LocalDate(year: 2013, month: 1, day: 2)), context: f.demoContext)
        try await f.test { browser in
            try await browser.login("admin")
            let home = try await browser.get("/")
            #expect(home.body.contains("Penerima bantuan tanpa pendamping"))
            let page = try await browser.get("/penugasan")
            #expect(page.status == .ok)
            #expect(page.body.contains("<strong>Dewi Kartika Uji</strong> <span class=\"code\">\(dewi.code)</span>"))
            let missing = try await browser.post("/penugasan", [("beneficiary", dewi.code), ("worker", ""), ("date", "2013-01-02")])
            #expect(missing.status == .unprocessableContent && missing.body.contains("id=\"worker-error\""))
            let assigned = try await browser.post("/penugasan", [("beneficiary", dewi.code), ("worker", "PSM-01"), ("date", "2013-01-02")])
            #expect(assigned.status == .seeOther)
            let after = try await browser.get("/penugasan")
            #expect(after.body.contains("\(dewi.code) didampingi"))
            #expect(!after.body.contains("<strong>Dewi Kartika Uji</strong>"), "she has left the list of work to do")
        }
        #expect(try f.count("SELECT count(*) FROM case_assignment WHERE beneficiary_id = \(dewi.id) AND to_date IS NULL") == 1)
        #expect(try f.count("SELECT count(*) FROM case_summary WHERE beneficiary_id = \(dewi.id) AND worker_id = (SELECT id FROM worker WHERE code = 'PSM-01')") == 1)
        // Her pendamping sees her now.
        try await f.test { browser in
            try await browser.login("pendamping1")
            #expect(try await browser.get("/binaan/\(dewi.code)").status == .ok)
        }
    }
}
