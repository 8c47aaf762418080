import BekalCore
import Foundation

/// What `bekal demo` loaded.
public struct DemoSummary: Hashable, Sendable {
    public let beneficiaries: Int
    public let graduates: Int
    public let kelompok: Int
    public let usaha: Int
    public let grants: Int
    public let entries: Int
    public let visits: Int
    public let outcomes: Int
}

/// `bekal demo` refuses a database that already holds other records.
public struct DemoRefused: BekalFailure {
    public let reason: String
    public var code: String { "demo_refused" }
    public var message: String { "The demo loads into an empty database only, and this one \(reason); give a new file with --db, e.g. `bekal demo --db demo.sqlite`." }
}

/// The demo programme of Dinas Sosial Kota Bandar Lampung, 2007–2012, loaded through the
/// same operations (and the same CSV import) an office uses, in one transaction.
///
/// Deterministic: every date is fixed, and the recording time is a fixed instant, so two
/// loads give the same entries and the same hash chain.
///
/// The five stories of seed 002 are recognisable cases (names invented, not the study's):
/// 1. BL-2007-001, tata boga, opened a warung makan with her mother: usaha "Warung makan
///    sederhana" owned by her; her grant is paid into it as capital.
/// 2. BL-2007-060, salon, found the grant too small to start anything: grant paid, no usaha.
/// 3. BL-2008-015, jahit, spent the grant on a mobile phone: grant paid, no usaha.
/// 4. BL-2007-030, jahit, gave the grant to her husband's kiosk: usaha "Kios rokok" in her
///    name (the registry knows owners who are beneficiaries or kelompok, not husbands); her
///    grant is its capital. (The study dates her to 2006; the demo's first cohort is 2007.)
/// 5. The first tata-boga kelompok of 2008 has six members; four go home on 2009-06-30,
///    the two left (BL-2008-001, BL-2008-002) bake cakes: usaha "Kue basah dan kue kering"
///    owned by the kelompok, no brand yet; their two grants are its capital.
///
/// Aftercare (`DemoAftercare.swift`): workers PSM-01..PSM-04, kelompok visits for 24 months
/// after the grants and a phone check every five months after that, until the demo's clock
/// (2012-12-31). Stories 1 and 4 are visited at home with their sales (grant use business
/// stock and family business) and did not return; story 2 (business never started, grant use
/// household) and story 3 (grant use phone) did; the cake kelompok gets marketing and branding
/// support and asks for "pemasaran dan nama merek", and the four who went home are lost to
/// follow-up. Of the others, about one in seven is lost (unreachable, or gone home and not
/// heard of for more than 180 days).
///
/// Besides: a grant in 2009 paid under a mistyped kuitansi number, reversed and paid again
/// (BL-2009-005); labels printed for the brand "Keripik Siger Manis"; a stand at an
/// exhibition with the Dinas Koperasi, Perindustrian dan Perdagangan.
public enum DemoProgramme {
    public static let officeName = "Dinas Sosial Kota Bandar Lampung"
    /// The letterhead's address and the officers who sign the demo's paper: invented names,
    /// NIPs of the right shape that belong to nobody.
    public static let officeAddress = "Jl. Dr. Susilo No. 2, Sumur Batu, Teluk Betung Utara, Bandar Lampung"
    public static func signatories() throws -> Signatories {
        Signatories(place: "Bandar Lampung", treasurerName: "Rina Marlina, S.E.",
                    treasurerNIP: try NIP.parse("198203152006042011", field: .option("nip")),
                    headName: "Drs. Hendra Gunawan, M.Si.", headNIP: try NIP.parse("196807121994031004", field: .option("nip")),
                    headTitle: "Kepala Dinas Sosial Kota Bandar Lampung", programmeOfficerName: "Yuliana Sari, S.Sos.",
                    programmeOfficerNIP: try NIP.parse("197905202005012009", field: .option("nip")))
    }
    /// The demo is recorded as of this instant (2012-12-31 10:00 WIB), after every value date
    /// and every visit: the last cohort's 24 months of aftercare end in mid-2012.
    public static let context = OperationContext(actor: "demo", now: Date(timeIntervalSince1970: 1_356_922_800))
    /// Imported under this name, so a problem would point at the fixture file.
    static let csvFile = "Fixtures/demo/beneficiaries.csv"

    /// The beneficiary file the demo imports (the content of `Fixtures/demo/beneficiaries.csv`).
    public static var beneficiariesCSV: String { DemoRoster.beneficiariesCSV }

    /// True when the demo's first budget receipt is already in the books.
    public static func isLoaded(in store: any BekalStore) throws -> Bool {
        try store.read { tx in try tx.entry(idempotencyKey: markerKey) != nil }
    }

    static var markerKey: String { "budget:" + DemoRoster.cohorts[0].receipts[0].ref }

    /// Loads the whole demo in one transaction; throws ``DemoRefused`` on a database that
    /// holds anything besides an empty office book.
    public static func load(into store: any BekalStore) throws -> DemoSummary {
        try store.write { tx in
            try checkEmpty(tx)
            var loader = Loader(tx: tx)
            return try loader.run()
        }
    }

    static func checkEmpty(_ tx: any StoreTransaction) throws {
        if try tx.entry(idempotencyKey: markerKey) != nil { throw DemoRefused(reason: "already holds the demo") }
        let entries = try tx.entryCount()
        if entries > 0 { throw DemoRefused(reason: "holds \(entries) journal entries") }
        if try tx.beneficiary(id: 1) != nil { throw DemoRefused(reason: "holds beneficiaries") }
        for track in DemoRoster.tracks where try tx.track(code: track.code) != nil {
            throw DemoRefused(reason: "already has a track \"\(track.code)\"")
        }
        for cohort in DemoRoster.cohorts where try tx.cohort(code: cohort.code) != nil {
            throw DemoRefused(reason: "already has a cohort \"\(cohort.code)\"")
        }
    }

    /// A usaha of the demo: who owns it and whose grants are its capital.
    struct UsahaPlan {
        enum Owner { case person(String), kelompok(track: String, number: Int) }
        let cohort: String
        let owner: Owner
        let product: String
        let brand: String?
        let location: String
        let kelurahan: String
        /// Register numbers of the women whose grant is paid into the usaha; nil for every member.
        let capitalFrom: [String]?
        /// Whether every owner agreed to her name being shown to partners (see DemoRoster).
        var namesShown = false
    }

    static let usahaPlans: [UsahaPlan] = [
        UsahaPlan(cohort: "2007", owner: .person("BL-2007-001"), product: "Warung makan sederhana", brand: nil,
                  location: "Teluk Betung", kelurahan: "Kangkung", capitalFrom: ["BL-2007-001"], namesShown: true),
        UsahaPlan(cohort: "2007", owner: .person("BL-2007-030"), product: "Kios rokok", brand: nil,
                  location: "Teluk Betung", kelurahan: "Pesawahan", capitalFrom: ["BL-2007-030"]),
        UsahaPlan(cohort: "2007", owner: .kelompok(track: "jahit", number: 3), product: "Jahit dan permak pakaian",
                  brand: "Busana Siger", location: "Tanjung Karang", kelurahan: "Pasir Gintung", capitalFrom: nil, namesShown: true),
        UsahaPlan(cohort: "2008", owner: .kelompok(track: "tata-boga", number: 1), product: "Kue basah dan kue kering",
                  brand: nil, location: "Teluk Betung", kelurahan: "Kangkung", capitalFrom: ["BL-2008-001", "BL-2008-002"]),
        UsahaPlan(cohort: "2009", owner: .kelompok(track: "tata-boga", number: 1), product: "Keripik pisang",
                  brand: "Keripik Siger Manis", location: "Way Halim", kelurahan: "Way Halim Permai", capitalFrom: nil, namesShown: true),
        UsahaPlan(cohort: "2010", owner: .kelompok(track: "salon", number: 1), product: "Salon kecantikan",
                  brand: "Salon Melati", location: "Kedaton", kelurahan: "Kedaton", capitalFrom: nil),
        UsahaPlan(cohort: "2010", owner: .kelompok(track: "jahit", number: 1), product: "Konveksi seragam sekolah",
                  brand: "Rapi Jaya", location: "Rajabasa", kelurahan: "Rajabasa", capitalFrom: nil),
    ]

    /// Story 5: the kelompok of six, and the four who went home.
    static let cakeKelompok = (cohort: "2008", track: "tata-boga", number: 1, size: 6)
    static let wentHome = (members: ["BL-2008-003", "BL-2008-004", "BL-2008-005", "BL-2008-006"], on: DemoRoster.day("2009-06-30"))
    /// The grant paid under a mistyped kuitansi number, reversed the next day and paid again.
    static let mistypedGrant = (register: "BL-2009-005", wrongRef: "KW/BMK/2009/05")
}
