import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/binaan/{code}/data`, `/binaan/{code}/koreksi`, `/usaha/{code}/ubah` and a drop-out's
/// reason on `/registrasi/status`: the admin corrects a woman's data and a usaha's brand in the
/// browser; each change is kept with who, when, why and the value before, audited without
/// values, and a NIK never appears whole in a page.
@Suite struct CorrectionFormTests {
    static let nik = "1871014107900011"

    static func correction(name: String, ref: String = "BL-2010-903", nik: String = "", year: String = "1990",
                           reason: String = "salah ketik, sesuai KTP") -> [(String, String)] {
        [("name", name), ("externalRef", ref), ("nik", nik), ("birthYear", year), ("originArea", ""), ("kelurahan", "Kedaton"),
         ("reason", reason)]
    }

    @Test func aCorrectionKeepsTheValueBeforeAndTheNIKNeverAppearsWhole() async throws {
        let f = try WebFixture()
        let rina = try f.unpaidGraduate(name: "Rina Uji Koreksi", register: "BL-2010-903", status: .completed)
        try await f.test { browser in
            try await browser.login("admin")
            let form = try await browser.get("/binaan/\(rina.code)/koreksi")
            #expect(form.status == .ok && form.body.contains("value=\"Rina Uji Koreksi\""))
            // Every error of the form at once, and nothing written.
            let bad = try await browser.post("/binaan/\(rina.code)/koreksi", Self.correction(name: "", nik: "1871", year: "18", reason: "x"))
            #expect(bad.status == .unprocessableContent)
            for field in ["name", "nik", "reason"] { #expect(bad.body.contains("id=\"\(field)-error\""), "\(field)") }
            #expect(try f.count("SELECT count(*) FROM registry_change") == 0)

            let saved = try await browser.post("/binaan/\(rina.code)/koreksi", Self.correction(name: "Rina Uji Koreksi Benar", nik: Self.nik))
            #expect(saved.status == .seeOther)
            let data = try await browser.get("/binaan/\(rina.code)/data")
            #expect(data.body.contains("Data \(rina.code) dikoreksi: Nama, NIK, Tahun lahir, Kelurahan."), "the fields the form changed, and no others")
            #expect(data.body.contains("Rina Uji Koreksi Benar") && data.body.contains("••••••••••••0011"))
            #expect(data.body.contains("<td data-label=\"Sebelumnya\">Rina Uji Koreksi</td>"))
            #expect(data.body.contains("<td data-label=\"Alasan\">salah ketik, sesuai KTP</td>"))
            #expect(!data.body.contains(Self.nik), "the NIK is never in a page")
            #expect(!(try await browser.get("/binaan/\(rina.code)/koreksi").body.contains(Self.nik)))
            // The same form again changes nothing and says so.
            let again = try await browser.post("/binaan/\(rina.code)/koreksi", Self.correction(name: "Rina Uji Koreksi Benar"))
            #expect(again.status == .unprocessableContent && again.body.contains("Tidak ada yang berubah"))
        }
        #expect(try f.count("SELECT count(*) FROM beneficiary WHERE id = \(rina.id) AND name = 'Rina Uji Koreksi Benar' AND nik = '\(Self.nik)'") == 1)
        #expect(try f.count("SELECT count(*) FROM registry_change WHERE subject = 'beneficiary' AND actor = 'web:admin'") == 1)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'beneficiary.correct' AND subject = '\(rina.code)' AND detail NOT LIKE '%Rina%' AND detail NOT LIKE '%1871%'") == 1)
    }

    @Test func aUsahaGetsItsBrandLaterAndADropOutNeedsItsReason() async throws {
        let f = try WebFixture()
        let rina = try f.unpaidGraduate(name: "Rina Uji Merek", register: "BL-2010-904", status: .completed)
        let usaha = try f.operations.addUsaha(UsahaDraft(ownerBeneficiary: rina.code, product: "Kue basah"))
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/usaha/\(usaha.code)/ubah")
            let saved = try await browser.post("/usaha/\(usaha.code)/ubah", [("product", "Kue basah"), ("brand", "Dapur Rina"),
                                                                             ("location", ""), ("kelurahan", ""), ("date", "2013-01-02"),
                                                                             ("note", "bantuan merek")])
            #expect(saved.status == .seeOther)
            let data = try await browser.get("/binaan/\(rina.code)/data")
            #expect(data.body.contains("Usaha \(usaha.code) diubah: Merek.") && data.body.contains("“Dapur Rina”"))
            #expect(try await browser.get("/usaha/\(usaha.code)/ubah").body.contains("<td data-label=\"Keterangan\">bantuan merek</td>"))

            try await browser.get("/registrasi/status")
            let noReason = try await browser.post("/registrasi/status", [("beneficiary", rina.code), ("cohort", "2010"),
                                                                         ("status", "dropped_out"), ("date", "2013-01-02")])
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("id=\"reasonCode-error\""))
            let otherWithoutText = try await browser.post("/registrasi/status", [("beneficiary", rina.code), ("cohort", "2010"),
                                                                                 ("status", "dropped_out"), ("date", "2013-01-02"),
                                                                                 ("reasonCode", "other")])
            #expect(otherWithoutText.status == .unprocessableContent && otherWithoutText.body.contains("id=\"reasonText-error\""))
            let left = try await browser.post("/registrasi/status", [("beneficiary", rina.code), ("cohort", "2010"), ("status", "dropped_out"),
                                                                     ("date", "2013-01-02"), ("reasonCode", "went_home")])
            #expect(left.status == .seeOther)
            let after = try await browser.get("/binaan/\(rina.code)/data")
            #expect(after.body.contains("Alasan keluar: Pulang ke daerah asal"))
            #expect(after.body.contains("<td data-label=\"Sebelumnya\">lulus</td>"))
        }
        #expect(try f.count("SELECT count(*) FROM usaha WHERE id = \(usaha.id) AND brand = 'Dapur Rina'") == 1)
        #expect(try f.count("SELECT count(*) FROM registry_change WHERE subject = 'enrolment' AND reason_code = 'went_home'") == 1)
    }
}
