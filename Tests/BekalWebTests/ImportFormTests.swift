import BekalCore
import BekalStore
@testable import BekalWeb
import Foundation
import HTTPTypes
import NIOCore
import Testing

/// `/registrasi/impor`: the admin imports women from a CSV file in the browser, checked as a
/// whole by the core's dry run first, then imported on a second post; a refused file lists
/// every problem by line and column in Bahasa Indonesia and writes nothing.
@Suite struct ImportFormTests {
    /// Two new women, in cohort 2010 (salon), with register numbers the demo does not have.
    static let validCSV = """
        no_register,nama,tahun_lahir,angkatan,jurusan,status,tanggal_status
        BL-2013-101,Wulan Uji Impor,1991,2010,salon,lulus,2012-11-30
        BL-2013-102,Yuni Uji Impor,1989,2010,salon,terdaftar,

        """
    /// Five problems on three lines: a name left empty and an unknown cohort on line 3, a NIK
    /// that is not 16 digits and a year that is not a year on line 4, a name in the year's
    /// column on line 5. Line 2 alone would be fine.
    static let invalidCSV = """
        nama,angkatan,jurusan,nik,tahun_lahir
        Wulan Uji Impor,2010,salon,,1991
        ,1999,salon,,1990
        Ratna Rahasia Uji,2010,salon,3271011234,abcd
        Dewi Uji Impor,2010,salon,,Sri Bersembunyi

        """

    static let written = ["beneficiary", "enrolment", "audit_log WHERE action NOT LIKE 'auth.%'"]

    static func counts(_ f: WebFixture) throws -> [Int] {
        try written.map { try f.count("SELECT count(*) FROM \($0)") }
    }

    @Test func aValidFilesDryRunWritesNothingAndSaysWhatItWouldDo() async throws {
        let f = try WebFixture()
        let before = try Self.counts(f)
        try await f.test { browser in
            try await browser.login("admin")
            let form = try await browser.get("/registrasi/impor")
            #expect(form.status == .ok)
            #expect(form.body.contains("enctype=\"multipart/form-data\""))
            #expect(form.body.contains("<input id=\"berkas\" type=\"file\" name=\"berkas\" accept=\".csv,text/csv\">"))
            #expect(form.body.contains("name=\"isi\""))
            for column in BeneficiaryColumn.allCases { #expect(form.body.contains("<code>\(column.rawValue)</code>")) }
            #expect(form.body.contains("Kode jurusan yang sudah ada: <code>jahit</code> <code>salon</code> <code>tata-boga</code>"))
            let checked = try await browser.postMultipart("/registrasi/impor", fields: [], file: ("berkas", "binaan.csv", Self.validCSV))
            #expect(checked.status == .ok)
            #expect(checked.body.contains("akan mendaftarkan 2 binaan (2 pendaftaran angkatan), melewati 0 yang sudah ada"))
            #expect(checked.body.contains("name=\"konfirmasi\" value=\"ya\">Impor sekarang</button>"))
            #expect(Self.hiddenText(in: checked.body) == Self.validCSV)
        }
        #expect(try Self.counts(f) == before)
    }

    @Test func theSecondPostImportsExactlyTheRowsTheCoreWould() async throws {
        let f = try WebFixture()
        let before = try Self.counts(f)
        // The command line's import, on a copy of the same data.
        let copy = try f.store.inMemoryCopy()
        let core = try Operations(store: copy).importBeneficiaries(Data(Self.validCSV.utf8), file: "binaan.csv", dryRun: false,
                                                                   context: OperationContext(actor: "cli", now: WebFixture.now))
        #expect(core == ImportSummary(beneficiaries: 2, enrolments: 2, skipped: 0))
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/registrasi/impor")
            // Pasted in the text box, as on a phone; then the confirmation page's own form.
            let checked = try await browser.post("/registrasi/impor", [("isi", Self.validCSV)])
            #expect(checked.status == .ok)
            let carried = try #require(Self.hiddenText(in: checked.body))
            #expect(try Self.counts(f) == before)
            let imported = try await browser.post("/registrasi/impor", [("isi", carried), ("konfirmasi", "ya")])
            #expect(imported.status == .seeOther && imported.location == "/registrasi")
            #expect(try await browser.get("/registrasi").body.contains("2 binaan didaftarkan dari berkas (2 pendaftaran angkatan); 0 dilewati karena sudah ada."))
            // The same file again: every row is already there under its register number, and skipped.
            let again = try await browser.post("/registrasi/impor", [("isi", carried)])
            #expect(again.body.contains("akan mendaftarkan 0 binaan (0 pendaftaran angkatan), melewati 2 yang sudah ada"))
            #expect(!again.body.contains(">Impor sekarang</button>"))
        }
        let after = try Self.counts(f)
        #expect(after[0] == before[0] + core.beneficiaries && after[1] == before[1] + core.enrolments)
        for (sql, expected) in [
            ("SELECT count(*) FROM beneficiary WHERE external_ref IN ('BL-2013-101', 'BL-2013-102')", 2),
            ("SELECT count(*) FROM enrolment e JOIN beneficiary b ON b.id = e.beneficiary_id WHERE b.external_ref = 'BL-2013-101' AND e.status = 'completed' AND e.status_date = '2012-11-30'", 1),
            ("SELECT count(*) FROM enrolment e JOIN beneficiary b ON b.id = e.beneficiary_id WHERE b.external_ref = 'BL-2013-102' AND e.status = 'enrolled'", 1),
        ] {
            #expect(try f.count(sql) == copy.integerForTesting(sql), "\(sql)")
            #expect(try f.count(sql) == expected, "\(sql)")
        }
    }

    @Test func anInvalidFileListsEveryProblemInIndonesianAndWritesNothing() async throws {
        let f = try WebFixture()
        let before = try Self.counts(f)
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/registrasi/impor")
            let refused = try await browser.postMultipart("/registrasi/impor", fields: [], file: ("berkas", "binaan.csv", Self.invalidCSV))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Tidak ada yang diimpor: 5 masalah di 3 baris."))
            let rows = Self.problemRows(in: refused.body)
            #expect(rows == [
                ["3", "nama", "Kosong", "Tulis namanya seperti di KTP, atau nama yang ia pakai"],
                ["3", "angkatan", "Tidak ada angkatan &quot;1999&quot;", "Buat dulu angkatan itu, atau perbaiki kodenya"],
                ["4", "nik", "NIK di baris ini bukan 16 angka",
                 "Tulis tepat 16 angka tanpa spasi atau titik, atau kosongkan selnya; bila spreadsheet menampilkan 3,27E+15, jadikan kolomnya teks"],
                ["4", "tahun_lahir", "&quot;abcd&quot; bukan tahun", "Tulis empat angka, misalnya 1985"],
                // A name in the wrong column is not quoted back.
                ["5", "tahun_lahir", "Isinya bukan tahun", "Tulis empat angka, misalnya 1985"],
            ])
            // Never her name or her NIK, and no English.
            #expect(!refused.body.contains("Ratna Rahasia") && !refused.body.contains("3271011234") && !refused.body.contains("Bersembunyi"))
            #expect(!refused.body.contains("is empty") && !refused.body.contains("not 16 digits"))
        }
        #expect(try Self.counts(f) == before)
    }

    @Test func aFileThatIsNotCSVOrNotUTF8IsRefusedWithWhereAndWhy() async throws {
        let f = try WebFixture()
        let before = try Self.counts(f)
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/registrasi/impor")
            let quote = try await browser.post("/registrasi/impor", [("isi", "nama,angkatan,jurusan\nWarung \"Bu\" Ani,2010,salon\n")])
            #expect(quote.status == .unprocessableContent)
            #expect(quote.body.contains("Warung &quot;Bu&quot; Ani,2010,salon\n</textarea>"), "pasted text is given back to correct")
            #expect(Self.problemRows(in: quote.body).first == ["2", "karakter ke-8", "Ada tanda kutip di dalam sel yang tidak diawali tanda kutip",
                                                              "Apit seluruh isi sel dengan tanda kutip dan tulis kutip di dalamnya dua kali, misalnya &quot;Warung &quot;&quot;Bu Ani&quot;&quot;&quot;"])
            let latin1 = try await browser.postMultipart("/registrasi/impor", fields: [],
                                                         file: ("berkas", "a.csv", "nama,angkatan,jurusan\nS\u{ED},2010,salon\n"), latin1: true)
            #expect(latin1.status == .unprocessableContent && latin1.body.contains("Berkas ini bukan teks UTF-8."))
            let truncated = try await browser.postMultipart("/registrasi/impor", fields: [], file: ("berkas", "a.csv", Self.validCSV),
                                                            cutBytes: 10)
            #expect(truncated.status == .unprocessableContent && truncated.body.contains("Kiriman formulir terpotong"))
            let nothing = try await browser.postMultipart("/registrasi/impor", fields: [("isi", "  ")], file: ("berkas", "", ""))
            #expect(nothing.status == .unprocessableContent && nothing.body.contains("Pilih berkas CSV, atau tempel isinya"))
        }
        #expect(try Self.counts(f) == before)
    }

    @Test func onlyTheAdminImportsAndNeverWithoutTheFormToken() async throws {
        let f = try WebFixture()
        let before = try Self.counts(f)
        try await f.test { browser in
            try await browser.login("bendahara")
            #expect(try await browser.get("/registrasi/impor").status == .forbidden)
            try await browser.get("/")
            let bendahara = try await browser.postMultipart("/registrasi/impor", fields: [("konfirmasi", "ya")],
                                                            file: ("berkas", "binaan.csv", Self.validCSV))
            #expect(bendahara.status == .forbidden && bendahara.body.contains("Tidak diizinkan"))
            try await browser.login("admin")
            try await browser.get("/registrasi/impor")
            let noToken = try await browser.postMultipart("/registrasi/impor", fields: [("konfirmasi", "ya")],
                                                          file: ("berkas", "binaan.csv", Self.validCSV), csrf: "")
            #expect(noToken.status == .forbidden && noToken.body.contains("Formulir tidak sah"))
            let wrongToken = try await browser.post("/registrasi/impor", [("isi", Self.validCSV), ("konfirmasi", "ya")], csrf: "00ff")
            #expect(wrongToken.status == .forbidden)
        }
        #expect(try Self.counts(f) == before)
    }

    @Test func theExampleFileIsTheHeaderOfEveryColumn() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("admin")
            let example = try await browser.get("/registrasi/impor/contoh.csv")
            #expect(example.status == .ok)
            #expect(example.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(example.body == BeneficiaryColumn.allCases.map(\.rawValue).joined(separator: ",") + "\r\n")
            #expect(try await browser.get("/registrasi").body.contains("href=\"/registrasi/impor\""))
            #expect(try await browser.get("/").body.contains("href=\"/registrasi/impor\""))
        }
    }

    /// The CSV text the confirmation page carries to the second post, as the browser reads it.
    static func hiddenText(in body: String) -> String? {
        guard let match = body.firstMatch(of: /<input type="hidden" name="isi" value="([^"]*)">/) else { return nil }
        return unescape(String(match.1))
    }

    static func unescape(_ html: String) -> String {
        html.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The cells of each row of the problems table: Baris, Kolom, Masalah, Cara memperbaiki.
    static func problemRows(in body: String) -> [[String]] {
        body.matches(of: /<tr><td data-label="Baris" class="num">([^<]*)<\/td><td data-label="Kolom">([^<]*)<\/td><td data-label="Masalah">([^<]*)<\/td><td data-label="Cara memperbaiki">([^<]*)<\/td><\/tr>/)
            .map { [String($0.1), String($0.2), String($0.3), String($0.4)] }
    }
}

extension Browser {
    /// Posts a form with a file as a browser does (`multipart/form-data`), with the session's
    /// cookies and the page's form token first (pass "" to leave it out), and follows a refused
    /// form's redirect to its page. `latin1` writes the file in ISO-8859-1; `cutBytes` cuts the
    /// end off the body, as a connection lost on the way would.
    func postMultipart(_ uri: String, fields: [(String, String)], file: (name: String, filename: String, content: String),
                       csrf: String? = nil, latin1: Bool = false, cutBytes: Int = 0) async throws -> Page {
        let boundary = "----BekalUjiBerkas\(UUID().uuidString.prefix(8))"
        var body: [UInt8] = []
        func part(_ name: String, filename: String? = nil, _ content: [UInt8]) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"".utf8)
            if let filename { body += Array("; filename=\"\(filename)\"\r\nContent-Type: text/csv".utf8) }
            body += Array("\r\n\r\n".utf8) + content + Array("\r\n".utf8)
        }
        let token = csrf ?? self.csrf ?? ""
        if !token.isEmpty { part("_csrf", Array(token.utf8)) }
        for (name, value) in fields { part(name, Array(value.utf8)) }
        part(file.name, filename: file.filename,
             latin1 ? Array(file.content.data(using: .isoLatin1) ?? Data()) : Array(file.content.utf8))
        body += Array("--\(boundary)--\r\n".utf8)
        body.removeLast(min(cutBytes, body.count))
        var headers = HTTPFields()
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        if response.status == .seeOther, let location = response.headers[.location], location.hasSuffix("?ditolak=1") {
            return try await get(location)
        }
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }
}
