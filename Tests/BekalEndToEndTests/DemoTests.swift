import BekalCLI
import BekalCore
import BekalDemo
import BekalStore
import Foundation
import Testing

/// The package root, found from this file, for the fixtures.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct DemoTests {
    static let fixture = packageRoot.appendingPathComponent("Fixtures/demo/beneficiaries.csv")

    /// The Swift roster is the single truth; `BEKAL_REGENERATE_FIXTURES=1 swift test --filter DemoTests`
    /// rewrites the fixture after a deliberate change.
    @Test func fixtureFileIsWhatTheDemoImports() throws {
        let embedded = DemoProgramme.beneficiariesCSV
        if ProcessInfo.processInfo.environment["BEKAL_REGENERATE_FIXTURES"] == "1" {
            try Data(embedded.utf8).write(to: Self.fixture)
        }
        let onDisk = try String(contentsOf: Self.fixture, encoding: .utf8)
        #expect(onDisk == embedded, "Fixtures/demo/beneficiaries.csv differs from DemoRoster; regenerate it (see this test)")
    }

    @Test func demoRosterHasNoNIKAndUniqueInventedNames() throws {
        let records = try CSV.parse(DemoProgramme.beneficiariesCSV)
        let header = try #require(records.first).fields
        #expect(!header.contains("nik"))
        let nameColumn = try #require(header.firstIndex(of: "nama"))
        let names = records.dropFirst().map { $0.fields[nameColumn] }
        #expect(names.count == 168)
        #expect(Set(names).count == names.count)
        // No sixteen-digit run anywhere in the file: nothing that could be somebody's NIK.
        #expect(DemoProgramme.beneficiariesCSV.firstMatch(of: /[0-9]{16}/) == nil)
    }

    @Test func loadsTheProgrammeAndEverythingAddsUp() throws {
        let store = try SQLiteStore()
        let summary = try DemoProgramme.load(into: store)
        #expect(summary.beneficiaries == 168)
        #expect(summary.graduates == 156)
        try store.read { tx in
            let report = try Verification.run(on: tx)
            #expect(report.isValid, "\(report.problems)")

            #expect(try tx.beneficiary(id: 168) != nil)
            #expect(try tx.beneficiary(id: 169) == nil)
            var graduates = 0, dropouts = 0, standingGrants = 0, reversedGrants = 0
            for id in Int64(1)...168 {
                for enrolment in try tx.enrolments(beneficiaryID: id) {
                    if enrolment.status == .completed { graduates += 1 }
                    if enrolment.status == .droppedOut { dropouts += 1 }
                    let grants = try tx.grants(beneficiaryID: id).filter { $0.cohortID == enrolment.cohortID }
                    standingGrants += grants.filter { $0.reversedByEntryID == nil }.count
                    reversedGrants += grants.filter { $0.reversedByEntryID != nil }.count
                    if enrolment.status != .completed { #expect(grants.isEmpty) }
                }
            }
            #expect(graduates == 156 && dropouts == 12)
            #expect(standingGrants == graduates)
            #expect(reversedGrants == 1)

            let tb = try TrialBalance.build(from: tx)
            for book in tb.books { #expect(book.totalDebit == book.totalCredit, "book \(book.code)") }
            let office = try #require(tb.books.first { $0.code == Book.officeCode })
            let grantExpense = try #require(office.accounts.first { $0.code == "5101" })
            #expect(grantExpense.balance == Rupiah(156 * 1_500_000))
            let stock = try #require(office.accounts.first { $0.code == "1301" })
            #expect(stock.balance == .zero, "every item bought was issued to a kelompok")
        }
    }

    @Test func theFiveStoriesAreRecognisable() throws {
        let store = try SQLiteStore()
        _ = try DemoProgramme.load(into: store)
        try store.read { tx in
            let warungOwner = try #require(try tx.beneficiary(externalRef: "BL-2007-001"))
            let warung = try #require(try tx.usaha(id: 1))
            #expect(warung.owner == .beneficiary(warungOwner.id))
            #expect(warung.product == "Warung makan sederhana")

            let kioskOwner = try #require(try tx.beneficiary(externalRef: "BL-2007-030"))
            let kiosk = try #require(try tx.usaha(id: 2))
            #expect(kiosk.owner == .beneficiary(kioskOwner.id))
            #expect(kiosk.product == "Kios rokok")

            for register in ["BL-2007-060", "BL-2008-015"] {
                let person = try #require(try tx.beneficiary(externalRef: register))
                let enrolment = try #require(try tx.enrolments(beneficiaryID: person.id).first)
                let grants = try tx.grants(beneficiaryID: person.id).filter { $0.cohortID == enrolment.cohortID }
                #expect(grants.count == 1 && grants[0].usahaID == nil)
            }

            let cakes = try #require(try tx.usaha(id: 4))
            #expect(cakes.product == "Kue basah dan kue kering")
            #expect(cakes.brand == nil)
            guard case .kelompok(let kelompokID) = cakes.owner else { Issue.record("the cake usaha is a kelompok's"); return }
            let memberships = try tx.memberships(kelompokID: kelompokID)
            #expect(memberships.count == 6)
            let current = memberships.filter { $0.leftOn == nil }
            #expect(current.count == 2)
            let stayed = try ["BL-2008-001", "BL-2008-002"].map { try #require(try tx.beneficiary(externalRef: $0)).id }
            #expect(Set(current.map(\.beneficiaryID)) == Set(stayed))
            #expect(memberships.filter { $0.leftOn != nil }.allSatisfy { $0.leftOn == LocalDate(year: 2009, month: 6, day: 30) })
        }
    }

    @Test func aftercareIsRecordedAndTheOutcomesAreHonest() throws {
        let store = try SQLiteStore()
        let summary = try DemoProgramme.load(into: store)
        let operations = Operations(store: store)
        #expect(summary.visits > 800 && summary.outcomes > 150)
        try store.read { tx in
            #expect(try tx.workers().map(\.code) == ["PSM-01", "PSM-02", "PSM-03", "PSM-04"])
            let visits = try tx.visitCountsByWorkerMonth(from: nil, to: nil)
            #expect(visits.reduce(0) { $0 + $1.visits } == summary.visits)
            // Every visit lies between the first cohort's grants and the demo's clock.
            #expect(visits.allSatisfy { $0.month >= YearMonth(year: 2007, month: 7)! && $0.month <= YearMonth(year: 2012, month: 12)! })
            #expect(Set(visits.map(\.workerID)).count == 4)
            #expect(try Verification.run(on: tx).isValid)
        }
        let report = try operations.outcomeReport(by: .cohort, asOf: nil, context: DemoProgramme.context)
        #expect(report.asOf == LocalDate(year: 2012, month: 12, day: 31))
        #expect(report.groups.map(\.code) == ["2007", "2008", "2009", "2010"])
        #expect(report.total.grants == 156)
        let total = report.total.tally
        #expect(total.returned > 0 && total.notReturned > 0 && total.unknown > 0 && total.lost > 0, "\(total)")
        for group in report.groups { #expect(group.tally.lost > 0 && group.tally.notReturned > 0, "cohort \(group.code): \(group.tally)") }
        let low = try #require(total.successLowPermille), high = try #require(total.successHighPermille)
        #expect(low < high, "unknown and lost cases make the honest range wide")
    }

    @Test func theFiveStoriesHaveTheirAftercare() throws {
        let store = try SQLiteStore()
        _ = try DemoProgramme.load(into: store)
        let operations = Operations(store: store)
        let grants = try operations.outcomePerGrant(asOf: nil, context: DemoProgramme.context)
        func row(_ register: String) throws -> OutcomePerGrant.Row {
            let code = try #require(try store.read { tx in try tx.beneficiary(externalRef: register) }).code
            return try #require(grants.rows.first { $0.beneficiary == code })
        }
        let warung = try row("BL-2007-001")
        #expect(warung.state == .notReturned && warung.grantUse == .businessStock && warung.businessStatus == .running)
        #expect(warung.lastSales != nil)
        let tooSmall = try row("BL-2007-060")
        #expect(tooSmall.state == .returned && tooSmall.businessStatus == .neverStarted)
        let phone = try row("BL-2008-015")
        #expect(phone.state == .returned && phone.grantUse == .phone)
        let kiosk = try row("BL-2007-030")
        #expect(kiosk.state == .notReturned && kiosk.grantUse == .familyBusiness)
        for register in ["BL-2008-004", "BL-2008-005", "BL-2008-006"] {
            #expect(try row(register).state == .lostToFollowUp, "\(register) went home to her village")
        }
        // BL-2008-003 was taken home by her family, and her case was closed that day: judged as
        // of it, she is not lost (nobody is to visit a closed case), and her outcome is not known.
        #expect(try row("BL-2008-003").state == .unknown)
        let takenOut = try #require(try store.read { tx in try tx.beneficiary(externalRef: "BL-2008-003") })
        let path = try operations.casePath(beneficiary: takenOut.code)
        #expect(path.first?.intake?.consentOn != nil && path.first?.closed?.reasonCode == .takenOut)
        #expect(path.first?.stages.map(\.stage) == ["identifikasi", "asesmen", "rencana-intervensi", "intervensi", "evaluasi",
                                                    "bimbingan-lanjut", "terminasi"])
        let due = try operations.followUpDue(worker: nil, asOf: nil, context: DemoProgramme.context).rows.map(\.beneficiary)
        #expect(!due.contains(takenOut.code), "a closed case is due for nothing")
        let stages = try operations.stageReport()
        #expect(stages.total.enrolments == 168 && stages.total.noStage == 0 && stages.total.closedBy == ["taken_out": 1])
        #expect(stages.total.stages["bimbingan-lanjut"] == 155 && stages.total.stages["intervensi"] == 12)
        for register in ["BL-2008-001", "BL-2008-002"] { #expect(try row(register).state == .notReturned) }

        let cakes = try #require(try operations.businessFollowUp(usaha: "U-0004", asOf: nil, context: DemoProgramme.context)
            .businesses.first)
        #expect(cakes.product == "Kue basah dan kue kering")
        #expect(cakes.openNeeds == "pemasaran dan nama merek")
        #expect((cakes.support[.marketing] ?? 0) > 0 && (cakes.support[.branding] ?? 0) > 0)
        #expect(!cakes.monthlySales.isEmpty)
    }

    @Test func theVisitExampleImportsIntoTheDemoOnce() throws {
        let store = try SQLiteStore()
        _ = try DemoProgramme.load(into: store)
        let operations = Operations(store: store)
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("Fixtures/demo/visits-example.csv"))
        let first = try operations.importVisits(data, file: "visits-example.csv", dryRun: false, context: DemoProgramme.context)
        #expect(first.recorded > 0 && first.skipped == 0 && first.salesPosted > 0)
        let again = try operations.importVisits(data, file: "visits-example.csv", dryRun: false, context: DemoProgramme.context)
        #expect(again == VisitImportSummary(recorded: 0, skipped: first.recorded, salesPosted: 0))
        #expect(try store.read { tx in try Verification.run(on: tx).isValid })
    }

    @Test func loadingIsDeterministic() throws {
        let first = try SQLiteStore(), second = try SQLiteStore()
        _ = try DemoProgramme.load(into: first)
        _ = try DemoProgramme.load(into: second)
        let heads = try [first, second].map { store in try store.read { tx in try tx.chainHead()?.hash } }
        #expect(heads[0] != nil && heads[0] == heads[1])
    }

    @Test func aSecondLoadIsRefusedAndChangesNothing() throws {
        let store = try SQLiteStore()
        _ = try DemoProgramme.load(into: store)
        let before = try store.read { tx in try tx.entryCount() }
        #expect(try DemoProgramme.isLoaded(in: store))
        let error = try #require(throws: DemoRefused.self) { try DemoProgramme.load(into: store) }
        #expect(error.message.contains("already holds the demo"))
        #expect(try store.read { tx in try tx.entryCount() } == before)
    }

    @Test func aDatabaseWithOtherRecordsIsRefused() throws {
        let store = try SQLiteStore()
        let operations = Operations(store: store)
        try operations.initialise(officeName: "Dinas Sosial Kota Metro")
        _ = try operations.addTrack(code: "jahit", name: "Jahit")
        let error = try #require(throws: DemoRefused.self) { try DemoProgramme.load(into: store) }
        #expect(error.message == "The demo loads into an empty database only, and this one already has a track \"jahit\"; give a new file with --db, e.g. `bekal demo --db demo.sqlite`.")
        #expect(try store.read { tx in try tx.cohort(code: "2007") } == nil)
    }

    @Test func demoCommandTwiceOnAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("demo.sqlite").path
        for _ in 0..<2 {
            var command = try BekalCommand.parseAsRoot(["demo", "--db", path])
            try command.run()
        }
        var verify = try BekalCommand.parseAsRoot(["verify", "--db", path])
        try verify.run()
        let store = try SQLiteStore(path: path)
        let (office, valid, count) = try store.read { tx in
            (try tx.settings().officeName, try Verification.run(on: tx).isValid, try tx.entryCount())
        }
        #expect(office == "Dinas Sosial Kota Bandar Lampung")
        #expect(valid)
        #expect(count == 322, "246 entries of money and equipment (ten of them the 2012 budget and the equipment after issue), and 76 sales posted to usaha books from visits")
    }
}

@Suite struct ImportCommandTests {
    @Test func importCommandChecksThenWritesAndRefusesABadFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("b.sqlite").path
        let demoFile = packageRoot.appendingPathComponent("Fixtures/demo/beneficiaries.csv").path
        var demo = try BekalCommand.parseAsRoot(["demo", "--db", db])
        try demo.run()

        let bad = packageRoot.appendingPathComponent("Fixtures/rejections/bad-nik.csv").path
        var refused = try BekalCommand.parseAsRoot(["import", "beneficiaries", bad, "--db", db])
        let rejection = try #require(throws: ImportRejection.self) { try refused.run() }
        #expect(rejection.problems.count == 2)

        // The demo's own register, imported again, is all skipped: the register numbers make it idempotent.
        for arguments in [["--dry-run"], []] {
            var again = try BekalCommand.parseAsRoot(["import", "beneficiaries", demoFile, "--db", db] + arguments)
            try again.run()
        }
        let store = try SQLiteStore(path: db)
        #expect(try store.read { tx in try tx.beneficiary(id: 169) } == nil)
    }

    @Test func importVisitsCommandRefusesABadFileAndRecordsAGoodOneOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("v.sqlite").path
        var demo = try BekalCommand.parseAsRoot(["demo", "--db", db])
        try demo.run()
        let store = try SQLiteStore(path: db)
        func visits() throws -> Int { try store.read { tx in try tx.visitCountsByWorkerMonth(from: nil, to: nil).reduce(0) { $0 + $1.visits } } }
        let before = try visits()

        let bad = packageRoot.appendingPathComponent("Fixtures/rejections/visits/unknown-worker.csv").path
        var refused = try BekalCommand.parseAsRoot(["import", "visits", bad, "--db", db])
        let rejection = try #require(throws: ImportRejection.self) { try refused.run() }
        #expect(rejection.problems.map(\.place) == [.row(line: 2, column: "pendamping")])

        let example = packageRoot.appendingPathComponent("Fixtures/demo/visits-example.csv").path
        var dry = try BekalCommand.parseAsRoot(["import", "visits", example, "--dry-run", "--db", db])
        try dry.run()
        #expect(try visits() == before)
        for _ in 0..<2 {
            var command = try BekalCommand.parseAsRoot(["import", "visits", example, "--db", db])
            try command.run()
        }
        #expect(try visits() == before + 5)
    }
}
