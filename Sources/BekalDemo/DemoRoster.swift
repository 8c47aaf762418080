import BekalCore

/// The demo programme's facts: Dinas Sosial Kota Bandar Lampung, 2007–2011, after the
/// study in seed 002 (cohorts of 70, 35, 30 and 33 binaan; tracks tata boga, jahit, salon;
/// Rp1.500.000 per graduate; equipment per kelompok of three).
///
/// Every name is invented by combining two lists of common Indonesian names; no woman has
/// a NIK (the column is left out altogether, so no number that could be someone's real NIK
/// is ever in the demo). This file is the single source of `Fixtures/demo/beneficiaries.csv`;
/// a test checks the two are the same.
enum DemoRoster {
    struct TrackPlan {
        let track: String
        let count: Int
        /// The last `dropouts` women of the track leave during training.
        let dropouts: Int
    }

    struct CohortPlan {
        let code: String
        let trainingStart: LocalDate
        let trainingEnd: LocalDate
        /// The SP2D transfers that fund the cohort, in order: reference, date, amount.
        let receipts: [(ref: String, date: LocalDate, amount: Rupiah)]
        let tracks: [TrackPlan]
        var year: Int { trainingStart.year }
        var budget: Rupiah { Rupiah(receipts.reduce(0) { $0 + $1.amount.amount }) }
    }

    struct Person {
        let register: String
        let name: String
        let birthYear: Int
        let originArea: String
        let kelurahan: String
        let cohort: String
        let track: String
        let completed: Bool
        let statusDate: LocalDate
        var consentShare: Bool
        var consentName: String?
    }

    static func day(_ text: String) -> LocalDate {
        guard let date = try? LocalDate.parse(text) else { preconditionFailure("demo date \(text) is not a date") }
        return date
    }

    static let tracks: [(code: String, name: String)] = [
        ("tata-boga", "Tata Boga"), ("jahit", "Tata Busana / Jahit"), ("salon", "Salon"),
    ]

    static let cohorts: [CohortPlan] = [
        CohortPlan(code: "2007", trainingStart: day("2007-03-05"), trainingEnd: day("2007-06-01"),
                   receipts: [("SP2D/0213/LS/DINSOS/2007", day("2007-02-19"), Rupiah(120_000_000)),
                              ("SP2D/0588/LS/DINSOS/2007", day("2007-06-04"), Rupiah(80_000_000))],
                   tracks: [.init(track: "tata-boga", count: 28, dropouts: 1), .init(track: "jahit", count: 25, dropouts: 1),
                            .init(track: "salon", count: 17, dropouts: 2)]),
        CohortPlan(code: "2008", trainingStart: day("2008-04-07"), trainingEnd: day("2008-07-04"),
                   receipts: [("SP2D/0341/LS/DINSOS/2008", day("2008-03-24"), Rupiah(100_000_000))],
                   tracks: [.init(track: "tata-boga", count: 13, dropouts: 1), .init(track: "jahit", count: 13, dropouts: 1),
                            .init(track: "salon", count: 9, dropouts: 0)]),
        CohortPlan(code: "2009", trainingStart: day("2009-05-04"), trainingEnd: day("2009-07-31"),
                   receipts: [("SP2D/0402/LS/DINSOS/2009", day("2009-04-20"), Rupiah(85_000_000))],
                   tracks: [.init(track: "tata-boga", count: 11, dropouts: 2), .init(track: "jahit", count: 10, dropouts: 1),
                            .init(track: "salon", count: 9, dropouts: 0)]),
        CohortPlan(code: "2010", trainingStart: day("2010-03-01"), trainingEnd: day("2010-05-28"),
                   receipts: [("SP2D/0197/LS/DINSOS/2010", day("2010-02-15"), Rupiah(95_000_000))],
                   tracks: [.init(track: "tata-boga", count: 13, dropouts: 1), .init(track: "jahit", count: 10, dropouts: 1),
                            .init(track: "salon", count: 10, dropouts: 1)]),
    ]

    static let firstNames = [
        "Siti", "Sri", "Rina", "Yuli", "Ratna", "Nur", "Eka", "Wulan", "Tuti", "Ani", "Lina", "Fitri",
        "Yanti", "Maya", "Desi", "Rosa", "Indah", "Lestari", "Nining", "Ermi", "Ayu", "Heni", "Murni", "Novi",
    ]
    static let secondNames = [
        "Rahayu", "Handayani", "Susanti", "Wahyuni", "Marlina", "Hartati", "Kurniasih", "Suryani", "Maryati",
        "Safitri", "Anggraini", "Oktaviani", "Purnamasari", "Rosmawati", "Yuliani", "Fauziah", "Ningsih",
    ]
    /// Not all binaan come from Lampung (seed 002): some from Java and South Sumatra.
    static let originAreas = [
        "Bandar Lampung", "Lampung Selatan", "Pesawaran", "Tanggamus", "Lampung Tengah", "Metro", "Pringsewu",
        "Indramayu", "Karawang", "Cianjur", "Palembang", "Serang", "Jember",
    ]
    static let kelurahans = [
        "Kangkung", "Pesawahan", "Sukaraja", "Garuntang", "Way Lunik", "Panjang Selatan", "Kota Karang", "Gedong Pakuon",
        "Talang", "Bumi Waras", "Sukamaju", "Kupang Kota", "Kedamaian", "Way Halim Permai", "Kedaton", "Rajabasa",
    ]

    /// The women of seed 002's stories keep the ages the study gives them (as of 2011).
    static let storyBirthYears = [
        "BL-2007-001": 1983, "BL-2007-060": 1988, "BL-2007-030": 1989, "BL-2008-001": 1984, "BL-2008-002": 1966,
    ]

    /// The 168 women, cohort by cohort, track by track; register numbers `BL-2007-001` onwards.
    static let people: [Person] = {
        var people: [Person] = []
        for cohort in cohorts {
            var number = 0
            for plan in cohort.tracks {
                for index in 0..<plan.count {
                    number += 1
                    let i = people.count
                    // 24 first names by 17 second names: i and i + 24k differ in the second name for k < 17.
                    let name = firstNames[i % firstNames.count] + " " + secondNames[(i / firstNames.count + i) % secondNames.count]
                    let dropped = index >= plan.count - plan.dropouts
                    let dropIndex = index - (plan.count - plan.dropouts)
                    let consent = !dropped && i % 3 == 0
                    let register = "BL-\(cohort.code)-" + String(format: "%03d", number)
                    people.append(Person(
                        register: register, name: name, birthYear: storyBirthYears[register] ?? 1968 + (i * 7) % 22, originArea: originAreas[(i * 5) % originAreas.count],
                        kelurahan: kelurahans[(i * 3) % kelurahans.count], cohort: cohort.code, track: plan.track,
                        completed: !dropped,
                        statusDate: dropped ? cohort.trainingStart.adding(days: 21 + 9 * dropIndex) : cohort.trainingEnd,
                        consentShare: consent, consentName: consent && i % 2 == 0 ? "Ibu " + firstNames[i % firstNames.count] : nil))
                }
            }
        }
        // The owners of the demo's businesses agreed to share them with the Dinas Koperasi when
        // the office linked them to it; some of them (a kelompok only when every member did)
        // also agreed to their names being shown.
        var index: [String: Int] = [:]
        for (i, person) in people.enumerated() { index[person.register] = i }
        for plan in DemoProgramme.usahaPlans {
            let owners = owners(of: plan, in: people)
            for (position, register) in owners.enumerated() {
                guard let i = index[register] else { continue }
                people[i].consentShare = true
                // In a kelompok where not everyone agreed, one woman did: her name still stays hidden.
                let named = plan.namesShown || (owners.count > 1 && position == 0)
                people[i].consentName = named ? "Ibu " + people[i].name.split(separator: " ")[0] : nil
            }
        }
        return people
    }()

    /// The register numbers of a planned usaha's owners: the woman, or her kelompok's members.
    static func owners(of plan: DemoProgramme.UsahaPlan, in people: [Person]) -> [String] {
        switch plan.owner {
        case .person(let register): return [register]
        case .kelompok(let track, let number):
            guard let cohort = cohorts.first(where: { $0.code == plan.cohort }) else { return [] }
            let graduates = people.filter { $0.cohort == cohort.code && $0.completed }
            let groups = kelompokPlan(cohort, graduates).filter { $0.track == track }
            return number <= groups.count ? groups[number - 1].members : []
        }
    }

    /// Graduates of each track in groups of three, in register order; the cake kelompok of
    /// story 5 takes six.
    static func kelompokPlan(_ cohort: CohortPlan, _ graduates: [Person]) -> [(track: String, members: [String])] {
        let cake = DemoProgramme.cakeKelompok
        var groups: [(track: String, members: [String])] = []
        for track in tracks.map(\.code) {
            var members = graduates.filter { $0.track == track }.map(\.register)[...]
            if cohort.code == cake.cohort && track == cake.track {
                groups.append((track, Array(members.prefix(cake.size))))
                members = members.dropFirst(cake.size)
            }
            while !members.isEmpty {
                groups.append((track, Array(members.prefix(3))))
                members = members.dropFirst(3)
            }
        }
        return groups
    }

    /// The beneficiary file the demo imports, exactly as `Fixtures/demo/beneficiaries.csv`.
    static var beneficiariesCSV: String {
        let header = ["no_register", "nama", "tahun_lahir", "daerah_asal", "kelurahan", "angkatan", "jurusan",
                      "status", "tanggal_status", "izin_berbagi", "nama_izin"]
        let rows = people.map { p in
            [p.register, p.name, String(p.birthYear), p.originArea, p.kelurahan, p.cohort, p.track,
             p.completed ? "lulus" : "keluar", p.statusDate.description, p.consentShare ? "ya" : "tidak", p.consentName ?? ""]
        }
        return CSV.format([header] + rows)
    }

    /// Equipment the office buys: code, name, unit, unit cost in rupiah of the time.
    static let items: [(code: String, name: String, unit: String, cost: Rupiah)] = [
        ("mesin-jahit", "Mesin jahit", "unit", Rupiah(1_750_000)),
        ("mesin-obras", "Mesin obras", "unit", Rupiah(2_400_000)),
        ("oven", "Oven gas", "unit", Rupiah(1_650_000)),
        ("kompor-gas", "Kompor gas 2 tungku", "unit", Rupiah(450_000)),
        ("mixer", "Mixer", "unit", Rupiah(550_000)),
        ("kursi-salon", "Kursi salon", "unit", Rupiah(1_250_000)),
        ("hair-dryer", "Hair dryer", "unit", Rupiah(375_000)),
    ]

    /// What one kelompok of each track receives.
    static let kits: [String: [(item: String, quantity: Int64)]] = [
        "tata-boga": [("oven", 1), ("kompor-gas", 1), ("mixer", 1)],
        "jahit": [("mesin-jahit", 2), ("mesin-obras", 1)],
        "salon": [("kursi-salon", 2), ("hair-dryer", 2)],
    ]
}
