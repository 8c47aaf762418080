import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/pengguna`: the admin lists users (never a hash), adds one through the core's
/// `addUser`, and switches users off and on.
@Suite struct AdminUserTests {
    static func newUser(_ username: String = "kasi.baru", role: String = "bendahara", worker: String = "",
                        password: String = "sandi-yang-panjang-1", repeated: String? = nil) -> [(String, String)] {
        [("username", username), ("name", "Kasi Baru"), ("role", role), ("worker", worker),
         ("password", password), ("password2", repeated ?? password)]
    }

    @Test func theListShowsUsersButNeverAPasswordHash() async throws {
        let f = try WebFixture(configuration: .admin())
        let hashes = try Operations(store: f.store).users().map(\.passwordHash)
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/pengguna")
            #expect(page.status == .ok)
            for username in ["admin", "bendahara", "koperasi", "pendamping1", "pendamping2"] {
                #expect(page.body.contains("data-username=\"\(username)\""), "\(username)")
            }
            #expect(page.body.contains("PSM-02"))
            #expect(!page.body.contains("$2b$") && !page.body.contains("$2a$") && !page.body.contains("$2y$"))
            for hash in hashes { #expect(!page.body.contains(hash)) }
        }
    }

    @Test func anAddedUserCanSignIn() async throws {
        let f = try WebFixture(configuration: .admin())
        let before = try f.count("SELECT count(*) FROM app_user")
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/pengguna")
            let added = try await browser.post("/pengguna", Self.newUser("psm.tiga", role: "pendamping", worker: "PSM-03"))
            #expect(added.status == .seeOther)
            #expect(added.location == "/pengguna")
            let list = try await browser.get("/pengguna")
            #expect(list.body.contains("Pengguna psm.tiga (Pendamping) ditambahkan."))
            #expect(list.body.contains("data-username=\"psm.tiga\""))
        }
        #expect(try f.count("SELECT count(*) FROM app_user") == before + 1)
        let user = try #require(try Operations(store: f.store).user(username: "psm.tiga"))
        #expect(user.role == .pendamping && user.workerID != nil && user.displayName == "Kasi Baru")
        #expect(user.passwordHash.hasPrefix("$2b$04$"), "bcrypt at the configured cost")
        try await f.test { browser in
            let login = try await browser.login("psm.tiga", password: "sandi-yang-panjang-1")
            #expect(login.status == .seeOther)
            #expect(try await browser.get("/").body.contains("<h1>Beranda pendamping</h1>"))
        }
    }

    @Test func theBcryptCostComesFromTheConfigurationAndIsTwelveByDefault() {
        #expect(WebConfiguration().bcryptCost == 12)
        #expect(WebConfiguration.admin().bcryptCost == 4)
    }

    @Test(arguments: [
        (AdminUserTests.newUser(password: "pendek", repeated: "pendek"), "password",
         "Kata sandi baru 6 karakter; gunakan paling sedikit 10 karakter."),
        (AdminUserTests.newUser(password: String(repeating: "a", count: 80)), "password",
         "Kata sandi terlalu panjang (80 bita); bcrypt hanya membaca 72 bita. Gunakan yang lebih pendek."),
        (AdminUserTests.newUser(repeated: "sandi-yang-lain-22"), "password2",
         "Ulangan kata sandi tidak sama dengan kata sandi; ketik keduanya lagi."),
        (AdminUserTests.newUser("bendahara"), "username", "Nama pengguna \"bendahara\" sudah dipakai; pilih nama lain."),
        (AdminUserTests.newUser(role: "pendamping"), "worker",
         "Pengguna pendamping melihat binaan satu pendamping: pilih pendamping (pekerja sosial) untuknya."),
        (AdminUserTests.newUser(role: "mitra", worker: "PSM-01"), "worker",
         "Hanya pengguna pendamping yang dikaitkan dengan pekerja sosial; pengguna Mitra tidak. Kosongkan pilihan pendamping."),
    ])
    func aRefusedUserIsShownInIndonesianNextToTheFieldAndNothingIsWritten(
        form: [(String, String)], field: String, message: String
    ) async throws {
        let f = try WebFixture(configuration: .admin())
        let before = try f.count("SELECT count(*) FROM app_user")
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/pengguna")
            let page = try await browser.post("/pengguna", form)
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("<p class=\"error\" id=\"\(field)-error\">\(Self.escaped(message))</p>"), "\(field)")
            let typed = form.first { $0.0 == "username" }!.1
            #expect(page.body.contains("value=\"\(typed)\""), "the form keeps the user name")
            #expect(page.body.contains("value=\"Kasi Baru\""), "the form keeps the name")
            #expect(!page.body.contains("sandi-yang-panjang-1"), "a password is never sent back")
        }
        #expect(try f.count("SELECT count(*) FROM app_user") == before)
    }

    @Test func anUnreadableUserNameIsShownNextToItsField() async throws {
        let f = try WebFixture(configuration: .admin())
        let before = try f.count("SELECT count(*) FROM app_user")
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/pengguna")
            let page = try await browser.post("/pengguna", Self.newUser("Kasi Baru!"))
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("id=\"username-error\""))
            #expect(page.body.contains("value=\"Kasi Baru!\""))
        }
        #expect(try f.count("SELECT count(*) FROM app_user") == before)
    }

    @Test func aUserAddWithoutTheFormTokenIsRefusedAndNothingIsWritten() async throws {
        let f = try WebFixture(configuration: .admin())
        let before = try f.count("SELECT count(*) FROM app_user")
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/pengguna")
            let page = try await browser.post("/pengguna", Self.newUser(), csrf: "")
            #expect(page.status == .forbidden)
            let off = try await browser.post("/pengguna/bendahara/nonaktifkan", [MoneyFormsTests.confirmed], csrf: "")
            #expect(off.status == .forbidden)
        }
        #expect(try f.count("SELECT count(*) FROM app_user") == before)
        #expect(try Operations(store: f.store).user(username: "bendahara")?.active == true)
    }

    @Test func aDisabledUserCannotSignInUntilEnabledAgain() async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/pengguna")
            let off = try await browser.post("/pengguna/bendahara/nonaktifkan", [MoneyFormsTests.confirmed])
            #expect(off.status == .seeOther)
            let list = try await browser.get("/pengguna")
            #expect(list.body.contains("Pengguna bendahara dinonaktifkan"))
            #expect(list.body.contains("action=\"/pengguna/bendahara/aktifkan\""))
        }
        try await f.test { browser in
            let login = try await browser.login("bendahara")
            #expect(login.status == .unauthorized)
            #expect(try await browser.get("/").status == .seeOther)
        }
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/pengguna")
            #expect(try await browser.post("/pengguna/bendahara/aktifkan", []).status == .seeOther)
        }
        try await f.test { browser in
            let login = try await browser.login("bendahara")
            #expect(login.status == .seeOther)
        }
    }

    @Test func switchingAnUnknownUserIsRefusedInIndonesian() async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/pengguna")
            let page = try await browser.post("/pengguna/siapa/nonaktifkan", [MoneyFormsTests.confirmed])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("Tidak ada pengguna \(Self.escaped("\"siapa\"")). Periksa daftar pengguna."))
        }
    }

    @Test func onlyTheAdminManagesUsers() async throws {
        let f = try WebFixture(configuration: .admin())
        let before = try f.count("SELECT count(*) FROM app_user")
        for username in ["bendahara", "pendamping1", "koperasi"] {
            try await f.test { browser in
                try await browser.login(username)
                try await browser.get("/")  // the session's form token, so a refusal is the role's, not the token's
                #expect(try await browser.get("/pengguna").status == .forbidden, "\(username)")
                #expect(try await browser.post("/pengguna", Self.newUser()).status == .forbidden, "\(username)")
                #expect(try await browser.post("/pengguna/admin/nonaktifkan", [MoneyFormsTests.confirmed]).status == .forbidden, "\(username)")
            }
        }
        try await f.test { browser in
            let page = try await browser.get("/pengguna")
            #expect(page.status == .seeOther)
            #expect(page.location == "/masuk?lanjut=%2Fpengguna")
            #expect(try await browser.post("/pengguna", Self.newUser()).status == .seeOther)
        }
        #expect(try f.count("SELECT count(*) FROM app_user") == before)
        #expect(try Operations(store: f.store).user(username: "admin")?.active == true)
    }

    /// Text as Mustache escapes it in HTML.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
