import BekalCore
import BekalTestSupport
import BekalStore
import Foundation
import Testing

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A small register: three tracks, cohorts 2007 and 2008, one woman (REG-001) already in.
private func importTestStore() throws -> SQLiteStore {
    let store = try SQLiteStore()
    let operations = Operations(store: store)
    try operations.initialise(officeName: "Dinas Sosial Kota Uji")
    for (code, name) in [("tata-boga", "Tata Boga"), ("jahit", "Jahit"), ("salon", "Salon")] {
        _ = try operations.addTrack(code: code, name: name)
    }
    for code in ["2007", "2008"] { _ = try operations.addCohort(CohortDraft(code: code, budgetYear: Int(code))) }
    _ = try operations.addBeneficiary(BeneficiaryDraft(externalRef: "REG-001", name: "Rina Marlina", nik: try NIK.parse("1871000000000001"),
                                                       birthYear: 1980, kelurahan: "Kangkung"))
    _ = try operations.enrol(EnrolmentRequest(beneficiary: "REG-001", cohort: "2007", track: "tata-boga", status: .completed,
                                              statusDate: LocalDate(year: 2007, month: 6, day: 1)))
    return store
}

private let importContext = OperationContext(actor: "test", now: Date(timeIntervalSince1970: 1_795_582_800)) // 2026-11-25T05:00:00Z

/// Everything the store holds about people, to prove a refused import wrote nothing.
private func registerSnapshot(_ store: SQLiteStore) throws -> [String] {
    try store.read { tx in
        var lines: [String] = []
        var id: Int64 = 1
        while let b = try tx.beneficiary(id: id) {
            lines.append("\(b)")
            lines += try tx.enrolments(beneficiaryID: id).map { "\($0)" }
            id += 1
        }
        return lines
    }
}

@Suite struct ImportRejectionTests {
    static let folder = packageRoot.appendingPathComponent("Fixtures/rejections")
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".csv") }.sorted()
    }()

    @Test func thereAreRejectionFixtures() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func eachFileIsRefusedWithItsExpectedMessage(_ name: String) throws {
        let store = try importTestStore()
        let before = try registerSnapshot(store)
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let rejection = try #require(throws: ImportRejection.self) {
            try Operations(store: store).importBeneficiaries(data, file: name, dryRun: false, context: importContext)
        }
        let expectedURL = Self.folder.appendingPathComponent(name.replacingOccurrences(of: ".csv", with: ".expected"))
        #expect(rejection.message + "\n" == (try TestSupport.golden(rejection.message + "\n", at: expectedURL)))
        #expect(try registerSnapshot(store) == before, "a refused import wrote something")
        #expect(rejection.code == "import_rejected")

        // Privacy: no name and no NIK of the file is ever printed back.
        #expect(rejection.message.firstMatch(of: /[0-9]{12,}/) == nil)
        if let records = try? CSV.parse(data), let header = records.first?.fields.map({ $0.lowercased() }) {
            for record in records.dropFirst() {
                for (column, value) in zip(header, record.fields) where ["nama", "nik", "nama_izin"].contains(column) {
                    let value = value.trimmingCharacters(in: .whitespaces)
                    if value.count > 3 { #expect(!rejection.message.contains(value), "\(name) echoes a \(column)") }
                }
            }
        }
    }

    @Test func aDryRunOfABadFileIsRefusedTheSameWay() throws {
        let store = try importTestStore()
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("many-errors.csv"))
        let wet = try #require(throws: ImportRejection.self) {
            try Operations(store: store).importBeneficiaries(data, file: "f.csv", dryRun: false, context: importContext)
        }
        let dry = try #require(throws: ImportRejection.self) {
            try Operations(store: store).importBeneficiaries(data, file: "f.csv", dryRun: true, context: importContext)
        }
        #expect(wet == dry)
    }
}

@Suite struct ImportTests {
    static let good = """
        No Register,NAMA,angkatan,jurusan,nik,tahun_lahir,daerah_asal,kelurahan,status,tanggal_status,izin_berbagi,nama_izin\r
        REG-101,Ani Lestari,2007,tata-boga,1871000000000101,1985,Indramayu,Kangkung,lulus,2007-06-01,ya,Ibu Ani\r
        REG-102,"Tuti ""Tutik"" Handayani",2008,Jahit,,1990,"Lampung Selatan, Kalianda",Garuntang,keluar,2008-05-02,tidak,\r
        ,Wulan Sari Dewi,2008,salon,,,,,,,,\r

        """

    @Test func aGoodFileIsWrittenInOneGo() throws {
        let store = try importTestStore()
        let summary = try Operations(store: store).importBeneficiaries(Data(Self.good.utf8), file: "good.csv", dryRun: false,
                                                                       context: importContext)
        #expect(summary == ImportSummary(beneficiaries: 3, enrolments: 3, skipped: 0))
        try store.read { tx in
            let ani = try #require(try tx.beneficiary(externalRef: "REG-101"))
            #expect(ani.name == "Ani Lestari" && ani.nik?.digits == "1871000000000101" && ani.birthYear == 1985)
            #expect(ani.originArea == "Indramayu" && ani.kelurahan == "Kangkung" && ani.consentShare && ani.consentName == "Ibu Ani")
            let tuti = try #require(try tx.beneficiary(externalRef: "REG-102"))
            #expect(tuti.name == "Tuti \"Tutik\" Handayani" && tuti.originArea == "Lampung Selatan, Kalianda")
            let enrolment = try #require(try tx.enrolments(beneficiaryID: tuti.id).first)
            #expect(enrolment.status == .droppedOut && enrolment.statusDate == LocalDate(year: 2008, month: 5, day: 2))
            #expect(try tx.track(id: enrolment.trackID)?.code == "jahit")
            let wulan = try #require(try tx.beneficiary(id: 4))
            #expect(wulan.externalRef == nil && wulan.nik == nil && !wulan.consentShare)
            #expect(try tx.enrolments(beneficiaryID: 4).first?.status == .enrolled)
        }
    }

    /// A namesake confirmed as a different woman in beda_dari is imported, and the
    /// confirmation is kept with her record and in the audit log.
    @Test func aNamesakeConfirmedDifferentIsImported() throws {
        let store = try importTestStore()
        let file = "nama,tahun_lahir,angkatan,jurusan,status,beda_dari\r\nRina Marlina,1980,2008,jahit,lulus,B-00001\r\n"
        let summary = try Operations(store: store).importBeneficiaries(Data(file.utf8), file: "namesake.csv", dryRun: false,
                                                                       context: importContext)
        #expect(summary.beneficiaries == 1)
        let audit = try store.read { tx in
            try tx.auditRecords(actor: nil, action: "beneficiary.confirmed_distinct", from: nil, to: nil, limit: 5)
        }
        #expect(audit.map(\.subject) == ["B-00002"] && audit.map(\.detail) == ["a different person from B-00001"])
        #expect(audit.allSatisfy { $0.actor == "test" })
    }

    @Test func reimportingSkipsRowsAlreadyPresent() throws {
        let store = try importTestStore()
        let operations = Operations(store: store)
        let file = "REG-101,Ani Lestari,2007,tata-boga,1871000000000101\r\n"
        let header = "no_register,nama,angkatan,jurusan,nik\r\n"
        _ = try operations.importBeneficiaries(Data((header + file).utf8), file: "a.csv", dryRun: false, context: importContext)
        let before = try registerSnapshot(store)
        let again = header + file + "REG-001,Rina Marlina,2007,tata-boga,1871000000000001\r\n"
        let summary = try operations.importBeneficiaries(Data(again.utf8), file: "a.csv", dryRun: false, context: importContext)
        #expect(summary == ImportSummary(beneficiaries: 0, enrolments: 0, skipped: 2))
        #expect(try registerSnapshot(store) == before)
    }

    @Test func aDryRunWritesNothing() throws {
        let store = try importTestStore()
        let before = try registerSnapshot(store)
        let summary = try Operations(store: store).importBeneficiaries(Data(Self.good.utf8), file: "good.csv", dryRun: true,
                                                                       context: importContext)
        #expect(summary.beneficiaries == 3)
        #expect(try registerSnapshot(store) == before)
    }

    @Test func rowErrorsComeInLineThenColumnOrder() throws {
        let store = try importTestStore()
        let file = "tahun_lahir,jurusan,nama,angkatan\r\n1750,x y,,2099\r\n1980,salon,Ani Lestari,2007\r\n"
        let rejection = try #require(throws: ImportRejection.self) {
            try Operations(store: store).importBeneficiaries(Data(file.utf8), file: "o.csv", dryRun: false, context: importContext)
        }
        #expect(rejection.problems.map(\.place) == [
            .row(line: 2, column: "tahun_lahir"), .row(line: 2, column: "jurusan"), .row(line: 2, column: "nama"),
            .row(line: 2, column: "angkatan"),
        ])
    }
}

extension ImportTests {
    @Test func aNulInANameIsRefusedNotCut() throws {
        // GRDB binds text as a C string (sqlite3_bind_text, length -1): stored, her name would end at the NUL, "Ani".
        let store = try importTestStore()
        let before = try registerSnapshot(store)
        let file = "nama,angkatan,jurusan\r\nAni\u{0}Lestari,2007,tata-boga\r\n"
        let rejection = try #require(throws: ImportRejection.self) {
            try Operations(store: store).importBeneficiaries(Data(file.utf8), file: "nul.csv", dryRun: false, context: importContext)
        }
        #expect(rejection.problems.map(\.place) == [.row(line: 2, column: "nama")])
        #expect(try registerSnapshot(store) == before)
    }

    @Test func aFlawedHeadingIsNamedByItsPositionNeverEchoed() throws {
        let store = try importTestStore()
        let file = "nama,angkatan,jurusan,catatan\u{1B}rahasia\r\nAni Lestari,2007,tata-boga,x\r\n"
        let rejection = try #require(throws: ImportRejection.self) {
            try Operations(store: store).importBeneficiaries(Data(file.utf8), file: "h.csv", dryRun: false, context: importContext)
        }
        #expect(rejection.problems.map(\.place) == [.row(line: 1, column: "4")])
        #expect(!rejection.message.contains("rahasia"))
    }

    @Test func aFileSeparatedBySemicolonsIsReadToo() throws {
        let store = try importTestStore()
        let file = "nama;angkatan;jurusan;kelurahan\r\nAni Lestari;2007;tata-boga;\"Way Halim; Bandar Lampung\"\r\n"
        let summary = try Operations(store: store).importBeneficiaries(Data(file.utf8), file: "excel.csv", dryRun: false,
                                                                       context: importContext)
        #expect(summary.beneficiaries == 1)
        #expect(try store.read { tx in try tx.beneficiary(id: 2)?.kelurahan } == "Way Halim; Bandar Lampung")
    }
}
