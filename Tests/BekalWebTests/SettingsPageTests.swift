import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/pengaturan`: the admin sets what the paper prints and the approval rules in the browser;
/// a bad NIP is refused at its field and changes nothing; an emptied setting is named as what
/// the documents will refuse.
@Suite struct SettingsPageTests {
    static func form(_ overrides: [String: String] = [:]) -> [(String, String)] {
        var values = ["officeName": "Dinas Sosial Kota Bandar Lampung", "officeAddress": "Jl. Uji No. 1", "place": "Bandar Lampung",
                      "budgetYear": "2013", "headName": "Kepala Uji", "headNIP": "196807121994031004", "headTitle": "",
                      "treasurerName": "Bendahara Uji", "treasurerNIP": "19820315 200604 2 011", "officerName": "PPTK Uji",
                      "officerNIP": "197905202005012009", "grantsNeedList": "ya", "equipmentNeedsList": "tidak"]
        for (key, value) in overrides { values[key] = value }
        return values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    @Test func theAdminSetsThePapersSettingsAndABadNIPChangesNothing() async throws {
        let f = try WebFixture()
        let before = try f.operations.settings()
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/pengaturan")
            #expect(page.status == .ok && page.body.contains("value=\"\(before.signatories.headName ?? "")\""))
            let bad = try await browser.post("/pengaturan", Self.form(["treasurerNIP": "1982"]))
            #expect(bad.status == .unprocessableContent && fieldError(bad.body, "treasurerNIP") != nil)
            #expect(try f.operations.settings() == before, "a refused form changes nothing")
            let saved = try await browser.post("/pengaturan", Self.form(["officerNIP": "", "equipmentNeedsList": "ya"]))
            #expect(saved.status == .seeOther)
            let after = try await browser.get("/pengaturan")
            #expect(after.body.contains("Pengaturan tersimpan.") && after.body.contains("NIP pejabat pelaksana teknis kegiatan (PPTK)"))
        }
        let s = try f.operations.settings()
        #expect(s.signatories.treasurerNIP?.digits == "198203152006042011" && s.signatories.headName == "Kepala Uji")
        #expect(s.signatories.programmeOfficerNIP == nil && s.signatories.headTitle == nil && s.officeAddress == "Jl. Uji No. 1")
        #expect(s.budgetYear == 2013 && s.grantsNeedApprovedList && s.equipmentNeedsApprovedList)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'settings.change' AND actor = 'web:admin'") == 1)
    }
}
