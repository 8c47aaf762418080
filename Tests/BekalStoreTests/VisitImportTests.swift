import BekalCore
import BekalTestSupport
import BekalStore
import Foundation
import Testing

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The world of the visit rejection fixtures (see `Fixtures/rejections/visits/README.md`): one
/// cohort (training from 2025-01-06), three graduates B-00001..B-00003 paid on 2025-04-10,
/// kelompok K-0001 (B-00002, B-00003) with usaha U-0001, item `oven`, worker PSM-01, and one
/// visit already recorded (2025-05-12, PSM-01, B-00001, by phone, she was here). Today is 2026-11-25.
private struct VisitImportWorld {
    let store: SQLiteStore
    let ops: Operations
    static let context = OperationContext(actor: "tester", now: Date(timeIntervalSince1970: 1_795_582_800))

    init() throws {
        store = try SQLiteStore()
        ops = Operations(store: store)
        let context = Self.context
        try ops.initialise()
        _ = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
        _ = try ops.addCohort(CohortDraft(code: "2025", trainingStart: try LocalDate.parse("2025-01-06"),
                                          trainingEnd: try LocalDate.parse("2025-04-05"), budgetYear: 2025))
        for i in 1...3 {
            _ = try ops.addBeneficiary(BeneficiaryDraft(externalRef: "REG-2025-00\(i)", name: "Binaan Uji \(i)"),
                                       enrolIn: ("2025", "tata-boga", .completed))
        }
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(50_000_000), documentRef: "SP2D-1",
                                                valueDate: try LocalDate.parse("2025-04-01")), context: context)
        for i in 1...3 {
            _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-0000\(i)", documentRef: "KW-\(i)",
                                                   valueDate: try LocalDate.parse("2025-04-10")), context: context)
        }
        _ = try ops.addKelompok(name: "Kue Melati", cohort: "2025", track: "tata-boga", members: ["B-00002", "B-00003"],
                                joinedOn: try LocalDate.parse("2025-04-10"))
        _ = try ops.addUsaha(UsahaDraft(ownerKelompok: "K-0001", product: "kue basah"))
        _ = try ops.addEquipmentItem(code: "oven", name: "Oven gas", unit: "unit")
        _ = try ops.addWorker(code: "PSM-01", name: "Bu Rina")
        _ = try ops.recordVisit(VisitRequest(date: try LocalDate.parse("2025-05-12"), worker: "PSM-01", beneficiary: "B-00001",
                                             contactMode: .phone, whereabouts: .here), context: context)
    }

    /// Everything an import could change: entries, balances, visits, contact summaries.
    func snapshot() throws -> [String] {
        try store.read { tx in
            ["entries \(try tx.entryCount())", "tb \(try TrialBalance.build(from: tx))",
             "visits \(try tx.visitCountsByWorkerMonth(from: nil, to: nil))",
             "due \(try FollowUpList.build(from: tx, policy: .standard, asOf: try LocalDate.parse("2026-11-25"), workerID: nil))"]
        }
    }

    func visitCount() throws -> Int {
        try store.read { tx in try tx.visitCountsByWorkerMonth(from: nil, to: nil).reduce(0) { $0 + $1.visits } }
    }

    func importVisits(_ text: String, file: String = "kunjungan.csv", dryRun: Bool = false) throws -> VisitImportSummary {
        try ops.importVisits(Data(text.utf8), file: file, dryRun: dryRun, context: Self.context)
    }
}

@Suite struct VisitImportRejectionTests {
    static let folder = packageRoot.appendingPathComponent("Fixtures/rejections/visits")
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".csv") }.sorted()
    }()

    @Test func thereAreRejectionFixtures() {
        #expect(Self.cases.count >= 25)
    }

    @Test(arguments: cases)
    func eachFileIsRefusedWithItsExpectedMessageAndNothingWritten(_ name: String) throws {
        let world = try VisitImportWorld()
        let before = try world.snapshot()
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let rejection = try #require(throws: ImportRejection.self) {
            try world.ops.importVisits(data, file: name, dryRun: false, context: VisitImportWorld.context)
        }
        let expectedURL = Self.folder.appendingPathComponent(name.replacingOccurrences(of: ".csv", with: ".expected"))
        #expect(rejection.message + "\n" == (try TestSupport.golden(rejection.message + "\n", at: expectedURL)))
        #expect(try world.snapshot() == before, "a refused import wrote something")

        // A dry run finds exactly the same problems.
        let dry = try #require(throws: ImportRejection.self) {
            try world.ops.importVisits(data, file: name, dryRun: true, context: VisitImportWorld.context)
        }
        #expect(dry == rejection)

        // Privacy: no beneficiary reference that is not a code, no needs and no notes are printed back.
        if let records = try? CSV.parse(data), let header = records.first?.fields.map({ $0.lowercased() }) {
            for record in records.dropFirst() {
                for (column, value) in zip(header, record.fields) where ["binaan", "kebutuhan", "catatan", "pendamping"].contains(column) {
                    let value = value.trimmingCharacters(in: .whitespaces)
                    if value.count > 3 && value.contains(" ") { #expect(!rejection.message.contains(value), "\(name) echoes \(column)") }
                }
            }
        }
    }
}

@Suite struct VisitImportTests {
    static let good = """
        Tanggal,Pendamping,Cara-Kontak,Binaan,Kelompok,Usaha,Keberadaan,Status Usaha,Penjualan,Penjualan_Dari,Penjualan_Sampai,Dukungan,Peralatan,Penggunaan_Bantuan,Kebutuhan,Catatan,Kunjungan_Berikutnya\r
        2025-06-10,psm-01,kunjungan_rumah,REG-2025-001,,,di_tempat,,,,,rujukan_kesehatan,,telepon,,"Sehat; jualan ""pulsa"", lancar",2025-07-10\r
        2025-06-11,PSM-01,kunjungan_rumah,,K-0001,U-0001,di_tempat,berjalan,Rp 1.250.000,2025-05-11,2025-06-10,pemasaran; merek;kemasan,oven:baik,modal_usaha,pemasaran dan nama merek,,\r
        2025-07-11,PSM-01,phone,,,U-0001,here,running,900000,,,market_link,oven:broken,,,,\r
        2025-08-01,PSM-01,melalui_rt,B-00003,,,pulang_kampung,,,,,,,,,,\r

        """

    @Test func aGoodFileIsRecordedInOneGo() throws {
        let world = try VisitImportWorld()
        let summary = try world.importVisits(Self.good)
        #expect(summary == VisitImportSummary(recorded: 4, skipped: 0, salesPosted: 2))
        #expect(try world.visitCount() == 5)
        try world.store.read { tx in
            let first = try #require(try tx.visit(naturalKey: "2025-06-10|PSM-01|B-00001|-|-|home_visit"))
            #expect(first.whereabouts == .here && first.support == [.healthReferral] && first.grantUse == .phone)
            #expect(first.notes == "Sehat; jualan \"pulsa\", lancar" && first.nextVisitDue == LocalDate(year: 2025, month: 7, day: 10))
            let group = try #require(try tx.visit(naturalKey: "2025-06-11|PSM-01|-|K-0001|U-0001|home_visit"))
            #expect(group.sales == SalesReport(amount: Rupiah(1_250_000), periodStart: LocalDate(year: 2025, month: 5, day: 11)!,
                                               periodEnd: LocalDate(year: 2025, month: 6, day: 10)!))
            #expect(group.support == [.branding, .marketing, .packaging] && group.needs == "pemasaran dan nama merek")
            #expect(group.equipment.map(\.condition) == [.working] && group.businessStatus == .running)
            let phone = try #require(try tx.visit(naturalKey: "2025-07-11|PSM-01|-|-|U-0001|phone"))
            // Without a period the sales run from the first of the visit's month to the visit day.
            #expect(phone.sales?.periodStart == LocalDate(year: 2025, month: 7, day: 1) && phone.sales?.periodEnd == LocalDate(year: 2025, month: 7, day: 11))
            #expect(try tx.visit(naturalKey: "2025-08-01|PSM-01|B-00003|-|-|through_rt_head")?.whereabouts == .wentHomeToVillage)
            let usaha = try TrialBalance.build(from: tx, bookCode: "U-0001")
            let sales = try #require(usaha.books.first?.accounts.first { $0.code == "4101" })
            #expect(sales.balance == Rupiah(-2_150_000))
        }
    }

    @Test func importingTheSameFileTwiceRecordsItOnce() throws {
        let world = try VisitImportWorld()
        _ = try world.importVisits(Self.good)
        let after = try world.snapshot()
        let again = try world.importVisits(Self.good)
        #expect(again == VisitImportSummary(recorded: 0, skipped: 4, salesPosted: 0))
        #expect(try world.snapshot() == after)
        #expect(try world.visitCount() == 5)
    }

    @Test func aVisitAlreadyRecordedByHandIsSkipped() throws {
        let world = try VisitImportWorld()
        let file = "tanggal,pendamping,cara_kontak,binaan,keberadaan\r\n2025-05-12,PSM-01,telepon,REG-2025-001,di_tempat\r\n"
            + "2025-05-12,PSM-01,telepon,B-00001,here\r\n"
        #expect(try world.importVisits(file) == VisitImportSummary(recorded: 0, skipped: 2, salesPosted: 0))
        #expect(try world.visitCount() == 1)
    }

    @Test func aDryRunChecksEverythingAndWritesNothing() throws {
        let world = try VisitImportWorld()
        let before = try world.snapshot()
        let summary = try world.importVisits(Self.good, dryRun: true)
        #expect(summary == VisitImportSummary(recorded: 4, skipped: 0, salesPosted: 2))
        #expect(try world.snapshot() == before)
    }

    @Test func oneBadRowRefusesTheRowsBeforeIt() throws {
        let world = try VisitImportWorld()
        let before = try world.snapshot()
        let bad = Self.good + "2025-09-01,PSM-02,telepon,B-00001,,,,,,,,,,,,,\r\n"
        let rejection = try #require(throws: ImportRejection.self) { try world.importVisits(bad) }
        #expect(rejection.problems == [ImportProblem(place: .row(line: 6, column: "pendamping"), reason: "no worker \"PSM-02\" exists",
                                                     hint: "list workers with `bekal worker list`, or add one with `bekal worker add`")])
        #expect(try world.snapshot() == before)
    }

    @Test func aFileSeparatedBySemicolonsIsReadToo() throws {
        let world = try VisitImportWorld()
        let file = "tanggal;pendamping;cara_kontak;kelompok;dukungan\r\n2025-06-10;PSM-01;kunjungan_rumah;K-0001;\"pemasaran;merek\"\r\n"
        #expect(try world.importVisits(file).recorded == 1)
        #expect(try world.store.read { tx in try tx.visit(naturalKey: "2025-06-10|PSM-01|-|K-0001|-|home_visit")?.support }
                == [.branding, .marketing])
    }
}
