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
        case anonymous, admin, bendahara, pendamping, mitra

        /// The fixture's user for the role (`pendamping1` is worker PSM-01).
        var username: String? {
            switch self {
            case .anonymous: nil
            case .admin: "admin"
            case .bendahara: "bendahara"
            case .pendamping: "pendamping1"
            case .mitra: "koperasi"
            }
        }
    }

    typealias Expected = [Who: HTTPResponse.Status]

    /// Everyone signed in.
    static let signedIn: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .ok, .pendamping: .ok, .mitra: .ok]
    /// Outcome data, the audit log, users: the programme admin only.
    static let adminOnly: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .forbidden, .pendamping: .forbidden, .mitra: .forbidden]
    /// The business register without personal data: every role that ``Permission/viewBusinesses``.
    static let businesses: Expected = signedIn
    /// The books and the forms that post to them: the bendahara (and the admin).
    static let money: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .ok, .pendamping: .forbidden, .mitra: .forbidden]
    /// The partner's register as a file: the bendahara and the partner (and the admin).
    static let koperasiFile: Expected = [.anonymous: .seeOther, .admin: .ok, .bendahara: .ok, .pendamping: .forbidden, .mitra: .ok]

    /// (path, status per role). Every line names all five roles.
    static let routes: [(path: String, expected: Expected)] = [
        // Dashboards
        ("/", signedIn),
        // Admin: outcomes (audited), the restricted workbook, the audit log, users
        ("/hasil", adminOnly),
        ("/hasil?per=jalur", adminOnly),
        ("/hasil?per=kelompok&per-tanggal=2011-12-31", adminOnly),
        ("/hasil/per-hibah", adminOnly),
        ("/binaan/B-00001/riwayat-hasil", adminOnly),
        ("/unduh/hasil.xlsx", adminOnly),
        ("/audit", adminOnly),
        ("/audit?tindakan=export.hasil&dari=2013-01-01", adminOnly),
        ("/pengguna", adminOnly),
        // Money: forms, one entry, month closing, the reports, the finance downloads
        ("/hibah/baru", money),
        ("/peralatan/serah", money),
        ("/jurnal/1", money),
        ("/jurnal/1/batal", money),
        ("/jurnal/999999", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .notFound, .pendamping: .forbidden, .mitra: .forbidden]),
        ("/tutup-buku", money),
        ("/laporan", money),
        ("/laporan/neraca-saldo", money),
        ("/laporan/buku-kas", money),
        ("/laporan/buku-bank", money),
        ("/laporan/buku-kas?dari=2010-01-01&sampai=2010-12-31", money),
        ("/laporan/buku-besar?akun=1101", money),
        ("/laporan/hibah", money),
        ("/laporan/peralatan", money),
        ("/laporan/realisasi", money),
        ("/unduh/keuangan.xlsx", money),
        ("/unduh/koperasi.xlsx", koperasiFile),
        // Partner: the business register and a business page
        ("/usaha", businesses),
        ("/usaha/U-0001", businesses),
        ("/usaha/U-9999", [.anonymous: .seeOther, .admin: .notFound, .bendahara: .notFound, .pendamping: .notFound, .mitra: .notFound]),
    ]

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
}
