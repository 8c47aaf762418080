import BekalCore
import BekalStore
import BekalWeb
import Foundation
import HummingbirdBcrypt
import Testing

extension BrowserTests {
    /// The CSV import in headless Chromium on a 390×844 phone, through the page's own file input:
    /// what the browser really sends (`multipart/form-data`, the form token first, the file's CRLF)
    /// is read by ``Multipart``, the dry run says what the file would do, "Impor sekarang" imports
    /// it, and a refused file lists its problems in a table that fits the phone. Screenshots are
    /// saved as `impor-*.png` (``VisitBrowserTests/save(_:as:)``). Needs Chromium like
    /// ``VisitBrowserTests``; `BEKAL_SKIP_BROWSER=1` skips it.
    @Suite struct ImportBrowserTests {
        @Test(.enabled(if: !VisitBrowserTests.skipped, "BEKAL_SKIP_BROWSER=1"), .timeLimit(.minutes(2)))
        func theAdminUploadsAFileChecksItAndImportsIt() async throws {
            guard BrowserTests.browserIsInstalled() else { return }
            try await BrowserTests.withDemo { folder, store in
                _ = try Operations(store: store).addUser(UserDraft(username: "admin", displayName: "Admin Uji", role: .admin),
                                                         password: WebFixture.password, hash: { Bcrypt.hash($0, cost: 4) },
                                                         context: OperationContext(actor: "setup", now: WebFixture.now))
                // A spreadsheet's export: CRLF line ends, a name in quotes with a comma.
                let valid = folder.appendingPathComponent("binaan.csv")
                try Data("no_register,nama,tahun_lahir,angkatan,jurusan,status\r\nBL-2013-201,\"Sari, Uji Peramban\",1990,2010,salon,lulus\r\nBL-2013-202,Tuti Uji Peramban,1992,2010,salon,terdaftar\r\n".utf8)
                    .write(to: valid)
                let invalid = folder.appendingPathComponent("salah.csv")
                try Data("nama,angkatan,jurusan\r\n,2010,salon\r\nNama Rahasia Uji,1999,salon\r\n".utf8).write(to: invalid)

                try await BrowserTests.serving(store, folder: folder) { driver, site in
                    try await BrowserTests.withBrowser(driver, failureShot: "impor-gagal.png") { browser in
                        try await Self.importFiles(browser, site: site, store: store, valid: valid, invalid: invalid)
                    }
                }
            }
        }

        static func importFiles(_ browser: WebDriver, site: String, store: SQLiteStore, valid: URL, invalid: URL) async throws {
            let people = try store.integerForTesting("SELECT count(*) FROM beneficiary")
            try await browser.go("\(site)/masuk")
            try await browser.type("admin", into: "#username")
            try await browser.type(WebFixture.password, into: "#password")
            try await browser.click("form.card button[type=submit]")
            _ = try await browser.element("form.signout")
            try await browser.go("\(site)/registrasi")
            try await browser.click("a[href='/registrasi/impor']")
            _ = try await browser.element("#berkas")
            #expect(try await VisitBrowserTests.fitsThePhone(browser), "the import form is wider than the phone")
            VisitBrowserTests.save(try await browser.screenshot(), as: "impor-formulir.png")

            // A refused file: its problems in a table, nothing written.
            try await browser.type(invalid.path, into: "#berkas")
            try await browser.click("form.money-form button[type=submit]")
            _ = try await browser.element("[data-testid=masalah-impor]")
            let problems = try await browser.text("[data-testid=masalah-impor]")
            #expect(problems.contains("Kosong") && problems.contains("Tidak ada angkatan \"1999\""))
            #expect(!problems.contains("Nama Rahasia"))
            #expect(try await VisitBrowserTests.fitsThePhone(browser), "the problems table is wider than the phone")
            VisitBrowserTests.save(try await browser.screenshot(), as: "impor-ditolak.png")
            #expect(try store.integerForTesting("SELECT count(*) FROM beneficiary") == people)

            // A good file: the dry run says what it would do, then "Impor sekarang" does it.
            try await browser.go("\(site)/registrasi/impor")
            try await browser.type(valid.path, into: "#berkas")
            try await browser.click("form.money-form button[type=submit]")
            _ = try await browser.element("[data-testid=pertanyaan]")
            #expect(try await browser.text("[data-testid=pertanyaan]").contains("akan mendaftarkan 2 binaan (2 pendaftaran angkatan), melewati 0 yang sudah ada"))
            #expect(try store.integerForTesting("SELECT count(*) FROM beneficiary") == people)
            VisitBrowserTests.save(try await browser.screenshot(), as: "impor-periksa.png")
            try await browser.click("button[name=konfirmasi][value=ya]")
            _ = try await browser.element("p.flash")
            #expect(try await browser.text("p.flash").contains("2 binaan didaftarkan dari berkas"))
            VisitBrowserTests.save(try await browser.screenshot(), as: "impor-selesai.png")
            #expect(try store.integerForTesting("SELECT count(*) FROM beneficiary") == people + 2)
            #expect(try store.integerForTesting("SELECT count(*) FROM beneficiary WHERE name = 'Sari, Uji Peramban' AND birth_year = 1990") == 1)
            #expect(try store.integerForTesting("""
                SELECT count(*) FROM enrolment e JOIN beneficiary b ON b.id = e.beneficiary_id
                WHERE b.external_ref = 'BL-2013-202' AND e.status = 'enrolled'
                """) == 1)
        }
    }
}
