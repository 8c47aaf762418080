import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// Every GET route × every role: the status each one gets. One line per route; add the routes
/// of a new page here. Anonymous visitors are always sent to the log-in page (303 to
/// `/masuk?lanjut=…`), checked for every line.
@Suite struct RouteMatrixTests {
    enum Who: String, CaseIterable, Sendable {
        case anonymous, admin, bendahara, pendamping, mitra, pemantau, kepala

        /// The fixture's user for the role (`pendamping1` is worker PSM-01).
        var username: String? {
            switch self {
            case .anonymous: nil
            case .admin: "admin"
            case .bendahara: "bendahara"
            case .pendamping: "pendamping1"
            case .mitra: "koperasi"
            case .pemantau: "provinsi"
            case .kepala: "kepala"
            }
        }
    }

    typealias Expected = [Who: HTTPResponse.Status]

    /// Everyone signed in.
    static let signedIn: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .ok, .pendamping: .ok, .mitra: .ok, .pemantau: .ok, .kepala: .ok]
    /// Outcome data, the audit log, users: the programme admin only.
    static let adminOnly: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .forbidden, .pendamping: .forbidden, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]
    /// The business register without personal data: every role that ``Permission/viewBusinesses``.
    static let businesses: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .ok, .pendamping: .ok, .mitra: .ok, .pemantau: .forbidden, .kepala: .ok]
    /// The roll-up across offices, totals only: the monitor (and the admin).
    static let rollup: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .forbidden, .pendamping: .forbidden, .mitra: .forbidden,
                                   .pemantau: .ok, .kepala: .forbidden]
    /// The forms that post to the books: the bendahara (and the admin).
    static let money: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .ok, .pendamping: .forbidden, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]
    /// The partner's register as a file: the bendahara and the partner (and the admin).
    static let koperasiFile: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .ok, .pendamping: .forbidden, .mitra: .ok, .pemantau: .forbidden, .kepala: .forbidden]
    /// The books to read (not the forms that post to them): the bendahara, the head of office (and the admin).
    static let performance: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .forbidden, .pendamping: .forbidden, .mitra: .forbidden,
                                        .pemantau: .forbidden, .kepala: .ok]
    static let books: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .ok, .pendamping: .forbidden, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .ok]
    /// A book's record that is not there: for whoever may read the books.
    static let noSuchBookRecord: Expected = [.anonymous: .seeOther, .admin: .notFound, .bendahara: .notFound, .pendamping: .forbidden, .mitra: .forbidden,
                                             .pemantau: .forbidden, .kepala: .notFound]
    /// Caseloads, visits and the outcome form: the pendamping (her own) and the admin (everyone's).
    static let caseload: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .forbidden, .pendamping: .ok, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]
    /// Another worker's person: not there for the pendamping, exactly like a code that names nobody.
    static let othersCase: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .forbidden, .pendamping: .notFound, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]

    /// (path, status per role). Every line names all seven.
    static let routes: [(path: String, expected: Expected)] = [
        // Dashboards, and the search in every page's header (the monitor has none)
        ("/", signedIn),
        ("/cari?q=siti", [.anonymous: .seeOther, .admin: .ok, .bendahara: .ok, .pendamping: .ok, .mitra: .ok, .pemantau: .forbidden, .kepala: .ok]),
        // Admin: outcomes (audited), the restricted workbook, the audit log, users
        ("/hasil", adminOnly),
        ("/hasil?per=jalur", adminOnly),
        ("/hasil?per=kelompok&per-tanggal=2011-12-31", adminOnly),
        ("/hasil/per-hibah", adminOnly),
        ("/hasil/alasan", adminOnly),
        ("/binaan/B-00001/riwayat-hasil", adminOnly),
        ("/binaan/B-00139/gabung", adminOnly),
        ("/unduh/hasil.xlsx", adminOnly),
        ("/audit", adminOnly),
        ("/usaha/U-0005/pasar", adminOnly),
        ("/pameran", adminOnly),
        ("/pelatihan", adminOnly),
        ("/anggaran/mata", adminOnly),
        ("/anggaran/mata?tahun=2012", adminOnly),
        ("/pelatihan?angkatan=2010", adminOnly),
        ("/pameran/baru", adminOnly),
        ("/pameran/PM-0001", adminOnly),
        ("/audit?tindakan=export.hasil&dari=2013-01-01", adminOnly),
        ("/pengguna", adminOnly),
        ("/penugasan", adminOnly),
        ("/registrasi", adminOnly),
        ("/registrasi?q=sri&hal=2", adminOnly),
        ("/registrasi/baru", adminOnly),
        ("/registrasi/impor", adminOnly),
        ("/registrasi/impor/contoh.csv", adminOnly),
        ("/registrasi/status", adminOnly),
        ("/binaan/B-00139/data", adminOnly),
        ("/binaan/B-99999/data", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .forbidden, .pendamping: .forbidden, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]),
        ("/binaan/B-00139/koreksi", adminOnly),
        // Her path: the intake and stage forms, and the stage report (counts only).
        ("/binaan/B-00139/asal", adminOnly),
        ("/binaan/B-00139/asal?angkatan=2010", adminOnly),
        ("/binaan/B-99999/asal", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .forbidden, .pendamping: .forbidden, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]),
        ("/binaan/B-00139/tahap", adminOnly),
        ("/binaan/B-00139/tahap?angkatan=2010", adminOnly),
        ("/binaan/B-99999/tahap", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .forbidden, .pendamping: .forbidden, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]),
        ("/laporan/tahap", adminOnly),
        ("/laporan/kebutuhan", adminOnly),
        ("/laporan/kebutuhan?terlambat=1", adminOnly),
        ("/usaha/U-0001/ubah", adminOnly),
        ("/usaha/U-9999/ubah", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .forbidden, .pendamping: .forbidden, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]),
        ("/hibah/pengecualian", adminOnly),
        ("/kelompok", adminOnly),
        ("/kelompok?angkatan=2008&hal=2", adminOnly),
        ("/kelompok/baru", adminOnly),
        ("/kelompok/baru?angkatan=2010", adminOnly),
        ("/kelompok/K-0001", adminOnly),
        ("/kelompok/K-9999", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .forbidden, .pendamping: .forbidden, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]),
        ("/kelompok/K-0001/keluar?binaan=B-00001&tanggal=2013-01-02", adminOnly),
        ("/usaha/baru", adminOnly),
        ("/pendamping", adminOnly),
        // Money: forms, one entry, month closing, the reports, the finance downloads
        ("/hibah/baru", money),
        ("/hari-ini", books),
        ("/anggaran/terima", money),
        ("/peralatan/beli", money),
        ("/biaya/baru", money),
        ("/pindah-buku", money),
        ("/peralatan/serah", money),
        ("/peralatan/mutasi", money),
        ("/peralatan/perbaikan", money),
        ("/peralatan/opname", money),
        ("/jurnal/1", books),
        ("/jurnal/1/batal", money),
        ("/jurnal/26/kuitansi.pdf", books),
        ("/jurnal/4/bast.pdf", books),
        // Recipient lists: read by the books' readers, drafted by the admin.
        ("/daftar-penerima", books),
        ("/daftar-penerima/baru", adminOnly),
        ("/pengaturan", adminOnly),
        ("/daftar-penerima/DP-2010-1", books),
        ("/daftar-penerima/DP-2010-1/daftar.pdf", books),
        ("/daftar-penerima/DP-9999-1", noSuchBookRecord),
        ("/daftar-penerima/DP-9999-1/daftar.pdf", noSuchBookRecord),
        ("/daftar-penerima/DP-2010-1/kuitansi.pdf", books),
        ("/daftar-penerima/DP-9999-1/kuitansi.pdf", noSuchBookRecord),
        ("/tutup-buku/2012-13/berita-acara.pdf", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .notFound, .pendamping: .forbidden, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .notFound]),
        ("/laporan/bku/2012-11.pdf", books),
        ("/jurnal/1/bast.pdf", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .notFound, .pendamping: .forbidden, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .notFound]),
        ("/jurnal/1/kuitansi.pdf", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .notFound, .pendamping: .forbidden, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .notFound]),
        ("/jurnal/999999", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .notFound, .pendamping: .forbidden, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .notFound]),
        ("/tutup-buku", money),
        ("/laporan", books),
        ("/laporan/neraca-saldo", books),
        ("/laporan/buku-kas", books),
        ("/laporan/buku-bank", books),
        ("/laporan/buku-kas?dari=2010-01-01&sampai=2010-12-31", books),
        ("/laporan/buku-besar?akun=1101", books),
        ("/laporan/hibah", books),
        ("/laporan/peralatan", books),
        ("/laporan/peralatan-posisi?barang=mesin-jahit", books),
        ("/laporan/peralatan-rusak", books),
        ("/laporan/stock-opname", books),
        ("/laporan/realisasi", books),
        ("/laporan/anggaran?tahun=2012", books),
        ("/kinerja", performance),
        ("/kinerja?tahun=2009", performance),
        ("/kinerja/target", adminOnly),
        ("/kinerja/target?tahun=2010", adminOnly),
        ("/unduh/keuangan.xlsx", books),
        ("/unduh/keuangan.csv?lembar=neraca-saldo", books),
        ("/unduh/koperasi.xlsx", koperasiFile),
        // Aftercare: `pendamping1` is PSM-01, whose caseload has B-00139; B-00142 is PSM-02's
        ("/jadwal", caseload),
        ("/binaan", caseload),
        ("/binaan/B-00139", caseload),
        ("/binaan/B-00142", othersCase),
        ("/binaan/B-99999", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .forbidden, .pendamping: .notFound, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]),
        ("/binaan/B-00139/hasil", caseload),
        ("/binaan/B-00139/kebutuhan", caseload),
        ("/binaan/B-00139/rujukan", caseload),
        ("/binaan/B-00139/riwayat", caseload),
        ("/binaan/B-99999/riwayat", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .forbidden, .pendamping: .notFound, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]),
        ("/layanan", adminOnly),
        ("/laporan/rujukan", adminOnly),
        // The cake kelompok's open need is PSM-02's: another pendamping's page is 404 for her.
        ("/kebutuhan/2/jawab", [.anonymous: .seeOther, .admin: .ok, .bendahara: .forbidden, .pendamping: .notFound, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]),
        ("/kebutuhan/999999/jawab", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .forbidden, .pendamping: .notFound, .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]),
        ("/binaan/B-00142/hasil", othersCase),
        ("/kunjungan/baru", caseload),
        ("/kunjungan/baru?binaan=B-00139", caseload),
        ("/kunjungan/baru?binaan=B-00142", othersCase),
        // The pendamping's page without signal: hers alone (the admin records on the ordinary form).
        ("/luring", phone),
        // Partner: the business register and a business page
        ("/usaha", businesses),
        ("/usaha/U-0001", businesses),
        ("/rekap", rollup),
        ("/usaha/U-9999", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .notFound, .pendamping: .notFound, .mitra: .notFound, .pemantau: .forbidden, .kepala: .notFound]),
    ]

    /// The pages anyone may open, signed in or not.
    static let open = ["/masuk", "/static/bekal.css", "/static/bekal.js", "/static/bekal-luring.js", "/static/bekal-ikon.svg",
                       "/static/bekal-ikon-192.png", "/static/bekal-ikon-512.png", "/sw.js", "/manifest.webmanifest", "/sehat"]

    /// A pendamping's own pages, none of anyone else's.
    static let phone: Expected = [.anonymous: .seeOther, .admin: .forbidden, .bendahara: .forbidden, .pendamping: .ok, .mitra: .forbidden,
                                  .pemantau: .forbidden, .kepala: .forbidden]
    /// What the phone's script calls, answered in JSON: a visitor not signed in gets 401 (her
    /// queue stays on the phone), not the log-in page.
    static let phoneJSON: [(method: HTTPRequest.Method, path: String)] = [(.get, "/luring/data"), (.post, "/luring/kirim")]
    static let phoneJSONExpected: Expected = [.anonymous: .unauthorized, .admin: .forbidden, .bendahara: .forbidden, .pendamping: .ok,
                                              .mitra: .forbidden, .pemantau: .forbidden, .kepala: .forbidden]

    /// Every form post and the roles that may make it; every other role is refused with the 403
    /// page and a visitor who is not signed in signs in first, before anything is written. (What
    /// those that may post get is each form's own tests.)
    static let posts: [(path: String, allowed: Set<Who>)] = [
        ("/hibah/baru", [.admin, .bendahara]),
        ("/anggaran/terima", [.admin, .bendahara]),
        ("/peralatan/beli", [.admin, .bendahara]),
        ("/biaya/baru", [.admin, .bendahara]),
        ("/pindah-buku", [.admin, .bendahara]),
        ("/peralatan/serah", [.admin, .bendahara]),
        ("/peralatan/mutasi", [.admin, .bendahara]),
        ("/peralatan/perbaikan", [.admin, .bendahara]),
        ("/peralatan/opname", [.admin, .bendahara]),
        ("/jurnal/1/batal", [.admin, .bendahara]),
        ("/tutup-buku", [.admin, .bendahara]),
        ("/binaan/B-00139/hasil", [.admin, .pendamping]),
        ("/binaan/B-00139/kebutuhan", [.admin, .pendamping]),
        ("/binaan/B-00139/rujukan", [.admin, .pendamping]),
        ("/rujukan/1", [.admin, .pendamping]),
        ("/layanan", [.admin]),
        ("/kinerja/target", [.admin]),
        ("/kebutuhan/2/jawab", [.admin, .pendamping]),
        ("/kunjungan/baru", [.admin, .pendamping]),
        ("/pengguna", [.admin]),
        ("/penugasan", [.admin]),
        ("/registrasi/baru", [.admin]),
        ("/registrasi/impor", [.admin]),
        ("/registrasi/status", [.admin]),
        ("/binaan/B-00139/koreksi", [.admin]),
        ("/binaan/B-00139/asal", [.admin]),
        ("/binaan/B-00139/tahap", [.admin]),
        ("/binaan/B-00139/izin", [.admin]),
        ("/binaan/B-00139/gabung", [.admin]),
        ("/usaha/U-0001/ubah", [.admin]),
        ("/hibah/pengecualian", [.admin]),
        ("/daftar-penerima/baru", [.admin]),
        ("/pengaturan", [.admin]),
        ("/daftar-penerima/DP-2010-1/setujui", [.admin, .kepala]),
        ("/daftar-penerima/DP-2010-1/bayar", [.admin, .bendahara]),
        ("/kelompok/baru", [.admin]),
        ("/kelompok/K-0001/anggota", [.admin]),
        ("/kelompok/K-0001/keluar", [.admin]),
        ("/usaha/baru", [.admin]),
        ("/pendamping", [.admin]),
        ("/pengguna/pendamping2/nonaktifkan", [.admin]),
        ("/pengguna/pendamping2/aktifkan", [.admin]),
        ("/usaha/U-0005/izin", [.admin]),
        ("/usaha/U-0005/koperasi", [.admin]),
        ("/usaha/U-0005/saluran", [.admin]),
        ("/pameran/baru", [.admin]),
        ("/anggaran/mata", [.admin]),
        ("/anggaran/mata/pengecualian", [.admin]),
        ("/pameran/PM-0001", [.admin]),
    ]
    /// Posts anyone may make: signing in and out.
    static let openPosts = ["/masuk", "/keluar"]

    /// A new route needs its lines here: every route the router has is on this page.
    @Test func everyRouteOfTheRouterIsOnThisPage() throws {
        func matches(_ pattern: String, _ path: String) -> Bool {
            let p = pattern.split(separator: "/"), q = (path.split(separator: "?").first ?? "").split(separator: "/")
            return p.count == q.count && zip(p, q).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        let router = try WebFixture().app.router()
        try router.validate()
        let gets = Self.routes.map(\.path) + Self.open + Self.phoneJSON.filter { $0.method == .get }.map(\.path)
        let posts = Self.posts.map(\.path) + Self.openPosts + Self.phoneJSON.filter { $0.method == .post }.map(\.path)
        for route in router.routes {
            let known = route.method == .get ? gets : route.method == .post ? posts : []
            #expect(known.contains { matches(route.path.description, $0) }, "\(route) is not on the route matrix")
        }
        #expect(router.routes.count == Set(router.routes.map(\.description)).count)
    }

    @Test func thePagesAnyoneMayOpenNeedNoSignIn() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            for path in Self.open {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
            }
        }
    }

    @Test(arguments: Who.allCases)
    func everyFormPostIsRefusedToTheRolesItIsNotForAndWritesNothing(who: Who) async throws {
        let f = try WebFixture(configuration: .admin())
        @Sendable func written() throws -> [Int] {
            try ["visit", "outcome", "journal_entry", "period_closing", "grant_exception", "app_user WHERE active = 1",
                 "audit_log WHERE action NOT LIKE 'auth.%'", "kelompok", "kelompok_member WHERE left_on IS NULL", "usaha", "worker", "registry_change", "recipient_list", "recipient_list_approval"].map { try f.count("SELECT count(*) FROM \($0)") }
        }
        try await f.test { browser in
            if let username = who.username {
                try await browser.login(username)
                try await browser.get("/")
            }
            let before = try written()
            for post in Self.posts where !post.allowed.contains(who) {
                let page = try await browser.post(post.path, [("date", "2013-01-02"), ("beneficiary", "B-00139"), ("returned", "no")])
                #expect(page.status == (who == .anonymous ? .seeOther : .forbidden), "\(who.rawValue) POST \(post.path)")
                if who != .anonymous { #expect(page.body.contains("Tidak diizinkan"), "\(post.path)") }
            }
            #expect(try written() == before)
        }
    }

    @Test func everyLineNamesEveryRole() {
        for route in Self.routes {
            #expect(Set(route.expected.keys) == Set(Who.allCases), "\(route.path)")
            #expect(route.expected[.anonymous] == .seeOther, "\(route.path): anonymous visitors sign in first")
        }
    }

    @Test(arguments: Who.allCases)
    func eachRoleGetsTheExpectedStatusOnEveryRoute(who: Who) async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            if let username = who.username {
                #expect(try await browser.login(username).status == .seeOther, "\(username) signs in")
            }
            for route in Self.routes {
                let page = try await browser.get(route.path)
                #expect(page.status == route.expected[who], "\(who.rawValue) GET \(route.path)")
                if who == .anonymous {
                    #expect(page.location == "/masuk?lanjut=\(FormData.encode(route.path))", "\(route.path)")
                }
            }
        }
    }

    /// The phone's calls, for every role: only her own queue, and nothing written for anyone else.
    @Test(arguments: Who.allCases)
    func thePhonesCallsAnswerOnlyAPendamping(who: Who) async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            if let username = who.username {
                try await browser.login(username)
                try await browser.get("/")
            }
            let before = try f.count("SELECT count(*) FROM visit")
            for call in Self.phoneJSON {
                let page = call.method == .get ? try await browser.get(call.path) : try await browser.postJSON(call.path, #"{"items":[]}"#)
                #expect(page.status == Self.phoneJSONExpected[who], "\(who.rawValue) \(call.method) \(call.path)")
                #expect(page.headers[.contentType]?.hasPrefix("application/json") == true, "\(call.path) answers JSON")
            }
            #expect(try f.count("SELECT count(*) FROM visit") == before)
        }
    }
}
