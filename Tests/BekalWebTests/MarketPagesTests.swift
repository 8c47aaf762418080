import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// A business on its way to the market in the admin's browser (issue 16, part 3), on the demo:
/// its licences, koperasi and channels with a form for each, and the exhibitions with their
/// businesses and sales. Refusals are said in Indonesian next to the field and change nothing.
@Suite struct MarketPagesTests {
    @Test func theAdminRecordsALicenceAMembershipAChannelAndSales() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/usaha/U-0005/pasar")
            #expect(page.status == .ok)
            #expect(page.body.contains("NIB 9120003451287") && page.body.contains("Koperasi Wanita Sejahtera Bandar Lampung"))
            let short = try await browser.post("/usaha/U-0005/izin", [("kind", "nib"), ("number", "912000345128"), ("issued", "2012-12-01")])
            #expect(short.status == .unprocessableContent)
            #expect(fieldError(short.body, "number")?.contains("tidak 13 angka") == true, "\(fieldError(short.body, "number") ?? "-")")
            let elsewhere = try await browser.post("/usaha/U-0004/izin", [("kind", "nib"), ("number", "9120003451287"), ("issued", "2012-12-01")])
            #expect(fieldError(elsewhere.body, "number")?.contains("sudah tercatat untuk U-0005") == true)
            let halal = try await browser.post("/usaha/U-0005/izin", [("kind", "halal"), ("number", "ID18110000123450826"), ("issued", "2012-12-01")])
            #expect(halal.status == .seeOther && halal.location == "/usaha/U-0005/pasar")
            #expect(try await browser.get("/usaha/U-0005/pasar").body.contains("Sertifikat halal ID18110000123450826"))

            let notMember = try await browser.post("/usaha/U-0004/koperasi", [("affiliation", "koperasi"), ("name", "Koperasi Maju"), ("date", "2012-12-01"), ("left", "1")])
            #expect(fieldError(notMember.body, "name")?.contains("bukan anggota") == true)
            let joined = try await browser.post("/usaha/U-0004/koperasi", [("affiliation", "kube"), ("name", "KUBE Kue Bunda"), ("date", "2012-12-01")])
            #expect(joined.status == .seeOther)
            let same = try await browser.post("/usaha/U-0004/saluran", [("channel", "pesanan"), ("date", "2012-12-01")])
            #expect(fieldError(same.body, "channel")?.contains("sudah menjual") == true)
            #expect(try await browser.post("/usaha/U-0004/saluran", [("channel", "online"), ("date", "2012-12-01")]).status == .seeOther)

            // The partner's page of the business shows what was recorded, without anyone's name.
            let list = try await browser.get("/pameran")
            #expect(list.body.contains("href=\"/pameran/PM-0001\"") && list.body.contains("Pameran HUT Kota Bandar Lampung 2012"))
            let event = try await browser.get("/pameran/PM-0001")
            #expect(event.body.contains("belum dilaporkan") && event.body.contains("/jurnal/"))
            let sold = try await browser.post("/pameran/PM-0001", [("usaha", "U-0006"), ("amount", "600.000")])
            #expect(sold.status == .seeOther)
            #expect(try await browser.get("/pameran/PM-0001").body.contains("Rp600.000"))
            let again = try await browser.post("/pameran/PM-0001", [("usaha", "U-0006"), ("amount", "700.000")])
            #expect(fieldError(again.body, "amount")?.contains("sudah tercatat") == true)

            let empty = try await browser.post("/pameran/baru", [("kind", "bazar"), ("name", "Bazar Akhir Tahun"), ("place", "Pasar Tengah"),
                                                                   ("from", "2012-12-20"), ("to", "2012-12-21")])
            #expect(empty.status == .unprocessableContent && fieldError(empty.body, "usaha")?.contains("Belum ada usaha peserta") == true)
            let bazar = try await browser.post("/pameran/baru", [("kind", "bazar"), ("name", "Bazar Akhir Tahun"), ("place", "Pasar Tengah"),
                                                                   ("from", "2012-12-20"), ("to", "2012-12-21"), ("usaha", "U-0004"), ("usaha", "U-0005"),
                                                                   ("standCost", "250.000"), ("ref", "KW/PDP/2012/031")])
            #expect(bazar.status == .seeOther && bazar.location == "/pameran/PM-0002")
            #expect(try await browser.get("/pameran").body.contains("Rp250.000"))
        }
        let readiness = try f.store.read { tx in try MarketReadiness.build(asOf: LocalDate(year: 2013, month: 1, day: 2)!, in: tx) }
        let cakes = try #require(readiness.rows.first { $0.usahaCode == "U-0004" })
        #expect(cakes.memberships == ["KUBE Kue Bunda"] && cakes.channels == [.pesanan, .online])
    }
}
