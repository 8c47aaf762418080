import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/usaha/baru`: the admin records a usaha owned by one graduate or one kelompok, on the core
/// operation `bekal usaha add` calls (which opens its book); every refusal next to its field,
/// with nothing written. The path is not taken for a usaha code by `/usaha/{code}`.
@Suite struct UsahaFormTests {
    static func usaha(beneficiary: String = "", kelompok: String = "", product: String = "Warung kopi", brand: String = "",
                      location: String = "Rumah", kelurahan: String = "Kedaton") -> [(String, String)] {
        [("ownerBeneficiary", beneficiary), ("ownerKelompok", kelompok), ("product", product), ("brand", brand),
         ("location", location), ("kelurahan", kelurahan)]
    }

    /// Usaha, book and account rows, to show that a refusal wrote nothing.
    static func rows(_ f: WebFixture) throws -> [Int] {
        try ["usaha", "book", "account"].map { try f.count("SELECT count(*) FROM \($0)") }
    }

    @Test func aUsahaOfOneWomanHasTheRowsAndTheBookTheCLIWouldWrite() async throws {
        let f = try WebFixture()
        let usahas = try f.count("SELECT count(*) FROM usaha")
        let code = Usaha.code(for: Int64(usahas + 1))
        try await f.test { browser in
            try await browser.login("admin")
            let form = try await browser.get("/usaha/baru")
            #expect(form.status == .ok && form.body.contains("action=\"/usaha/baru\""))
            let posted = try await browser.post("/usaha/baru", Self.usaha(beneficiary: "B-00002"))
            #expect(posted.status == .seeOther && posted.location == "/usaha/baru")
            #expect(try await browser.get("/usaha/baru").body.contains("Usaha \(code) (Warung kopi) dicatat, dengan bukunya sendiri."))
        }
        // The same usaha through the operation `bekal usaha add` calls: the same rows, the same book.
        let cli = try f.operations.addUsaha(UsahaDraft(ownerBeneficiary: "B-00002", product: "Warung kopi", location: "Rumah", kelurahan: "Kedaton"))
        let web = usahas + 1
        #expect(try f.count("""
            SELECT count(*) FROM usaha w JOIN usaha c ON c.owner_beneficiary_id IS w.owner_beneficiary_id
              AND c.owner_kelompok_id IS w.owner_kelompok_id AND c.product = w.product AND c.brand IS w.brand
              AND c.location IS w.location AND c.kelurahan IS w.kelurahan
            WHERE w.id = \(web) AND c.id = \(cli.id) AND w.owner_beneficiary_id = 2 AND w.brand IS NULL AND w.kelurahan = 'Kedaton'
            """) == 1)
        #expect(try f.count("SELECT count(*) FROM book w JOIN book c ON c.name = w.name AND c.kind = w.kind WHERE w.code = '\(code)' AND c.code = '\(cli.code)'") == 1)
        let accounts = try f.count("SELECT count(*) FROM account a JOIN book b ON b.id = a.book_id WHERE b.code = '\(code)'")
        #expect(accounts > 0)
        #expect(try f.count("SELECT count(*) FROM account a JOIN book b ON b.id = a.book_id WHERE b.code = '\(cli.code)'") == accounts)
    }

    @Test func aKelompokUsahaIsShownOnTheKelompokPage() async throws {
        let f = try WebFixture()
        let code = Usaha.code(for: Int64(try f.count("SELECT count(*) FROM usaha") + 1))
        try await f.test { browser in
            try await browser.login("admin")
            let form = try await browser.get("/usaha/baru?kelompok=K-0001")
            #expect(form.body.contains("<option value=\"K-0001\" selected>"), "the kelompok page's link chooses its kelompok")
            let posted = try await browser.post("/usaha/baru", Self.usaha(kelompok: "K-0001", product: "Kue basah", brand: "Kue Siger"))
            #expect(posted.status == .seeOther)
            let page = try await browser.get("/kelompok/K-0001")
            #expect(page.body.contains("<span class=\"code\">\(code)</span> Kue basah · Kue Siger"))
        }
        #expect(try f.count("SELECT count(*) FROM usaha WHERE owner_kelompok_id = 1 AND owner_beneficiary_id IS NULL AND brand = 'Kue Siger'") == 1)
        #expect(try f.count("SELECT count(*) FROM book WHERE code = '\(code)' AND name = 'Kue Siger' AND kind = 'usaha'") == 1)
    }

    @Test func eachRefusalIsNextToItsFieldAndNothingIsWritten() async throws {
        let f = try WebFixture()
        let before = try Self.rows(f)
        let owner = "Usaha dimiliki tepat oleh satu penerima manfaat atau satu kelompok. Pilih salah satu saja."
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/usaha/baru")
            let noOwner = try await browser.post("/usaha/baru", Self.usaha())
            #expect(noOwner.status == .unprocessableContent && fieldError(noOwner.body, "owner") == owner)
            let twoOwners = try await browser.post("/usaha/baru", Self.usaha(beneficiary: "B-00002", kelompok: "K-0001"))
            #expect(twoOwners.status == .unprocessableContent && fieldError(twoOwners.body, "owner") == owner)
            let noProduct = try await browser.post("/usaha/baru", Self.usaha(beneficiary: "B-00002", product: " "))
            #expect(noProduct.status == .unprocessableContent && fieldError(noProduct.body, "product") == "Produk masih kosong; isi kolom ini.")
            let both = try await browser.post("/usaha/baru", Self.usaha(product: ""))
            #expect(fieldError(both.body, "owner") == owner && fieldError(both.body, "product") != nil, "every error at once")
            let nobody = try await browser.post("/usaha/baru", Self.usaha(beneficiary: "B-99999"))
            #expect(nobody.status == .unprocessableContent)
            #expect(fieldError(nobody.body, "ownerBeneficiary")?.hasPrefix("Penerima manfaat \"B-99999\" tidak ditemukan.") == true)
            #expect(nobody.body.contains("value=\"B-99999\""), "what she typed is kept")
            let noKelompok = try await browser.post("/usaha/baru", Self.usaha(kelompok: "K-9999"))
            #expect(noKelompok.status == .unprocessableContent)
            #expect(fieldError(noKelompok.body, "ownerKelompok")?.hasPrefix("Kelompok \"K-9999\" tidak ditemukan.") == true)
        }
        #expect(try Self.rows(f) == before)
    }

    @Test func theFormIsTheAdminsAndNotAUsahaCalledBaru() async throws {
        let f = try WebFixture()
        let before = try Self.rows(f)
        try await f.test { browser in
            // `/usaha/{code}` would answer 404 to these roles for a code that names nothing.
            for username in ["bendahara", "pendamping1", "koperasi"] {
                try await browser.login(username)
                try await browser.get("/")
                #expect(try await browser.get("/usaha/baru").status == .forbidden, "\(username)")
                #expect(try await browser.get("/usaha/U-9999").status == .notFound, "\(username)")
                #expect(try await browser.post("/usaha/baru", Self.usaha(beneficiary: "B-00002")).status == .forbidden, "\(username)")
            }
            try await browser.login("admin")
            #expect(try await browser.get("/usaha/U-0001").status == .ok, "the partner's page is still there")
            try await browser.get("/usaha/baru")
            #expect(try await browser.post("/usaha/baru", Self.usaha(beneficiary: "B-00002"), csrf: "").status == .forbidden)
        }
        #expect(try Self.rows(f) == before)
    }
}
