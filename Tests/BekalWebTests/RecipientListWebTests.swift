import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// Recipient lists in the browser, each step by the role that does it: the admin drafts a
/// replacement list for a late graduate and cannot approve it; the head of office approves it
/// with the SK after a confirmation; the bendahara pays the whole list after a confirmation,
/// and paying it again pays nobody twice; the daftar penerima is a PDF.
@Suite struct RecipientListWebTests {
    static func grants(_ f: WebFixture) throws -> Int { try f.count("SELECT count(*) FROM grant_payment") }

    @Test func aListGoesFromTheAdminToTheHeadToTheBendahara() async throws {
        let f = try WebFixture()
        let late = try f.unpaidGraduate(listed: false)
        // A kelompok of cohort 2010 whose oven the SK approves along with the late graduate.
        let kelompok = try #require(try f.store.read { tx -> Kelompok? in
            let cohort = try tx.cohort(code: "2010")
            return try tx.kelompoks().first { $0.cohortID == cohort?.id }
        })
        let kelompokLine = "\(kelompok.code):oven:1"
        try await f.test { browser in
            try await browser.login("admin")
            #expect(try await browser.get("/daftar-penerima/baru").status == .ok)
            let refused = try await browser.post("/daftar-penerima/baru", [("cohort", "2010")])
            #expect(refused.status == .unprocessableContent)
            #expect(fieldError(refused.body, "supersedes")?.contains("sudah mempunyai daftar DP-2010-1") == true, "\(refused.body)")
            let badLine = try await browser.post("/daftar-penerima/baru", [("cohort", "2010"), ("supersedes", "DP-2010-1"),
                                                                           ("reason", "lulusan susulan belum tercantum"), ("equipment", "K-0001:oven")])
            #expect(badLine.status == .unprocessableContent && fieldError(badLine.body, "equipment")?.contains("K-0001:mesin-jahit:2") == true)
            let drafted = try await browser.post("/daftar-penerima/baru", [("cohort", "2010"), ("supersedes", "DP-2010-1"),
                                                                           ("reason", "lulusan susulan belum tercantum"), ("equipment", kelompokLine)])
            #expect(drafted.status == .seeOther && drafted.location == "/daftar-penerima/DP-2010-2")
            let page = try await browser.get("/daftar-penerima/DP-2010-2")
            #expect(page.body.contains("Menunggu persetujuan") && page.body.contains(late.code))
            #expect(page.body.contains("data-testid=\"peralatan-\(kelompok.code)\"") && page.body.contains("1 disetujui"))
            #expect(page.body.contains("Anda yang menyusun daftar ini") && !page.body.contains("action=\"/daftar-penerima/DP-2010-2/setujui\""))
            // Posting the approval anyway is the core's refusal: the maker is not the checker.
            let own = try await browser.post("/daftar-penerima/DP-2010-2/setujui", [("decreeNumber", "460/9/2013"), ("decreeDate", "2013-01-02"),
                                                                                   ("konfirmasi", "ya")])
            #expect(own.status == .unprocessableContent && own.body.contains("Anda yang menyusun daftar DP-2010-2"))
        }
        try await f.test { browser in
            try await browser.login("kepala")
            let home = try await browser.get("/")
            #expect(home.body.contains("Menunggu persetujuan") && home.body.contains("href=\"/daftar-penerima/DP-2010-2\""))
            #expect(try await browser.get("/daftar-penerima/DP-2010-2").body.contains("action=\"/daftar-penerima/DP-2010-2/setujui\""))
            let check = try await browser.post("/daftar-penerima/DP-2010-2/setujui", [("decreeNumber", "460/9/2013"), ("decreeDate", "2013-01-02")])
            #expect(check.status == .ok && unescape(check.body).contains("Setujui daftar DP-2010-2 dengan SK 460/9/2013 tanggal 2 Jan 2013?"))
            #expect(try await browser.get("/daftar-penerima/DP-2010-2").body.contains("Menunggu persetujuan"), "nothing before the confirmation")
            let approved = try await browser.post("/daftar-penerima/DP-2010-2/setujui", [("decreeNumber", "460/9/2013"), ("decreeDate", "2013-01-02"),
                                                                                        ("konfirmasi", "ya")])
            #expect(approved.status == .seeOther)
            let page = try await browser.get("/daftar-penerima/DP-2010-2")
            #expect(page.body.contains("Disetujui, berlaku") && unescape(page.body).contains("460/9/2013 tanggal 2 Jan 2013"))
            #expect(!page.body.contains("action=\"/daftar-penerima/DP-2010-2/bayar\""), "the head of office does not pay")
            #expect(try await browser.get("/daftar-penerima/DP-2010-1").body.contains("Sudah diganti"))
        }
        let before = try Self.grants(f)
        try await f.test { browser in
            try await browser.login("bendahara")
            let page = try await browser.get("/daftar-penerima/DP-2010-2")
            #expect(page.body.contains("Bayar semua yang belum dibayar (1 orang)"))
            let check = try await browser.post("/daftar-penerima/DP-2010-2/bayar", [("date", "2013-01-02"), ("paidFrom", "cash")])
            #expect(check.status == .ok && check.body.contains("Bayar 1 orang dari daftar DP-2010-2, jumlah Rp1.500.000?"))
            #expect(try Self.grants(f) == before, "nothing paid before the confirmation")
            let paid = try await browser.post("/daftar-penerima/DP-2010-2/bayar", [("date", "2013-01-02"), ("paidFrom", "cash"), ("konfirmasi", "ya")])
            #expect(paid.status == .seeOther)
            let after = try await browser.get("/daftar-penerima/DP-2010-2")
            #expect(after.body.contains("Daftar DP-2010-2: 1 orang dibayar sekarang"), "\(after.body)")
            #expect(unescape(after.body).contains("kuitansi KW/DP-2010-2/") && !after.body.contains("Bayar semua yang belum dibayar"))
            // A second run (a double tap, a retry after a dropped connection) pays nobody again.
            let again = try await browser.post("/daftar-penerima/DP-2010-2/bayar", [("date", "2013-01-02"), ("paidFrom", "cash"), ("konfirmasi", "ya")])
            #expect(again.status == .seeOther)
            #expect(try await browser.get("/daftar-penerima/DP-2010-2").body.contains("0 orang dibayar sekarang"))
            let pdf = try await browser.get("/daftar-penerima/DP-2010-2/daftar.pdf")
            #expect(pdf.status == .ok && pdf.body.hasPrefix("%PDF-"))
            // Every kuitansi of the list at once, one per page.
            let all = try await browser.get("/daftar-penerima/DP-2010-2/kuitansi.pdf")
            #expect(all.status == .ok && all.body.hasPrefix("%PDF-"))
        }
        #expect(try Self.grants(f) == before + 1)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'document.daftar_penerima' AND subject = 'DP-2010-2'") == 1)
        #expect(try f.count("SELECT count(*) FROM audit_log WHERE action = 'list.approve' AND actor = 'web:kepala'") == 1)
    }
}
