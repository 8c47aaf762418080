import BekalCore
import BekalStore
import Foundation
import Testing

/// Two caseloads and a user per role, to try the caseload rule from the core itself, as any
/// adapter would call it. PSM-01 (user `rina`) has B-00001 on her own and kelompok K-0001
/// (B-00002, B-00003) with its usaha U-0001; PSM-02 (user `yusuf`) has B-00004 and her usaha
/// U-0002. Today is 2026-11-25.
private struct TwoCaseloads {
    let store: SQLiteStore
    let ops: Operations
    static let now = Date(timeIntervalSince1970: 1_795_582_800)
    static let office = OperationContext(actor: "tester", now: now)
    let users: [String: AppUser]

    init() throws {
        store = try SQLiteStore()
        ops = Operations(store: store)
        let office = Self.office
        try ops.initialise()
        _ = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
        _ = try ops.addCohort(CohortDraft(code: "2025", trainingStart: try LocalDate.parse("2025-01-06"),
                                          trainingEnd: try LocalDate.parse("2025-04-05"), budgetYear: 2025))
        for i in 1...4 {
            _ = try ops.addBeneficiary(BeneficiaryDraft(name: "Binaan \(i)"), enrolIn: ("2025", "tata-boga", .completed))
        }
        _ = try ops.addKelompok(name: "Kue Melati", cohort: "2025", track: "tata-boga", members: ["B-00002", "B-00003"],
                                joinedOn: try LocalDate.parse("2025-04-10"))
        _ = try ops.addUsaha(UsahaDraft(ownerKelompok: "K-0001", product: "kue basah"))
        _ = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00004", product: "jahit"))
        let from = try LocalDate.parse("2025-04-10")
        _ = try ops.addWorker(code: "PSM-01", name: "Bu Rina")
        _ = try ops.addWorker(code: "PSM-02", name: "Bu Yusuf")
        _ = try ops.assign(worker: "PSM-01", beneficiary: "B-00001", kelompok: nil, from: from)
        _ = try ops.assign(worker: "PSM-01", beneficiary: nil, kelompok: "K-0001", from: from)
        _ = try ops.assign(worker: "PSM-02", beneficiary: "B-00004", kelompok: nil, from: from)
        var users: [String: AppUser] = [:]
        for (name, role, worker) in [("rina", Role.pendamping, "PSM-01"), ("yusuf", .pendamping, "PSM-02"), ("kepala", .admin, nil),
                                     ("bendahara", .bendahara, nil), ("koperasi", .mitra, nil)] {
            users[name] = try ops.addUser(UserDraft(username: name, displayName: name, role: role, worker: worker),
                                          password: "rahasia-panjang", hash: { "hash:\($0.count)" }, context: office)
        }
        self.users = users
    }

    func acting(_ username: String) -> OperationContext {
        OperationContext(actor: "web:\(username)", acting: .user(users[username]!), now: Self.now)
    }

    func visit(worker: String = "PSM-01", beneficiary: String? = nil, kelompok: String? = nil, usaha: String? = nil,
               sales: Int64? = nil) throws -> VisitRequest {
        let (date, start) = (try LocalDate.parse("2025-06-10"), try LocalDate.parse("2025-06-01"))
        return VisitRequest(date: date, worker: worker, beneficiary: beneficiary, kelompok: kelompok, usaha: usaha, contactMode: .homeVisit,
                            sales: sales.map { SalesReport(amount: Rupiah($0), periodStart: start, periodEnd: date) })
    }

    /// Everything a refused write must leave as it was: its rows, the entries a visit's sales
    /// post, and each person's last contact.
    func snapshot() throws -> [String] {
        try ["visit", "outcome", "journal_entry", "posting", "audit_log"].map { "\($0) \(try store.integerForTesting("SELECT count(*) FROM \($0)"))" }
            + [try store.read { tx in try (Int64(1)...4).map { "\(try tx.caseSummary(beneficiaryID: $0)?.lastContact as LocalDate?)" }.joined(separator: ",") }]
    }
}

@Suite struct CaseloadRuleTests {
    @Test func aPendampingRecordsVisitsAndOutcomesForHerOwnCaseload() throws {
        let w = try TwoCaseloads()
        let rina = w.acting("rina")
        #expect(try !w.ops.recordVisit(try w.visit(beneficiary: "B-00001"), context: rina).replayed)
        #expect(try !w.ops.recordVisit(try w.visit(kelompok: "K-0001", usaha: "U-0001", sales: 250_000), context: rina).replayed)
        // Her kelompok's member, named by her worker code written as she types it.
        #expect(try !w.ops.recordVisit(try w.visit(worker: " psm-01", beneficiary: "B-00002"), context: rina).replayed)
        let outcome = try w.ops.recordOutcome(beneficiary: "B-00003", asOf: try LocalDate.parse("2025-09-01"), returned: .no,
                                              source: .workerObservation, context: rina)
        #expect(outcome.recordedBy == "web:rina")
    }

    /// (request, what the refusal names): someone else's person, kelompok, usaha or worker, and
    /// codes that name nothing, alone or beside something of her own.
    static let outsideVisits: [(String?, String?, String?, String, CaseloadReference)] = [
        ("B-00004", nil, nil, "PSM-01", .beneficiary("B-00004")),
        (nil, nil, "U-0002", "PSM-01", .usaha("U-0002")),
        ("B-00001", nil, "U-0002", "PSM-01", .usaha("U-0002")),
        ("B-00001", nil, nil, "PSM-02", .worker("PSM-02")),
        ("B-00004", nil, nil, "PSM-02", .worker("PSM-02")),
        ("B-00042", nil, nil, "PSM-01", .beneficiary("B-00042")),
        (nil, "K-0099", nil, "PSM-01", .kelompok("K-0099")),
        (nil, "K-0001", "U-0099", "PSM-01", .usaha("U-0099")),
        ("B-00001", nil, nil, "PSM-99", .worker("PSM-99")),
    ]

    @Test(arguments: outsideVisits)
    func aVisitOutsideHerCaseloadIsRefusedByTheCoreAndWritesNothing(_ visit: (String?, String?, String?, String, CaseloadReference)) throws {
        let (beneficiary, kelompok, usaha, worker, named) = visit
        let w = try TwoCaseloads()
        let before = try w.snapshot()
        let request = try w.visit(worker: worker, beneficiary: beneficiary, kelompok: kelompok, usaha: usaha, sales: usaha == nil ? nil : 400_000)
        let refusal = try #require(throws: AftercareRejection.self) { try w.ops.recordVisit(request, context: w.acting("rina")) }
        #expect(refusal == .outsideCaseload(named))
        #expect(refusal.code == "outside_caseload")
        #expect(try w.snapshot() == before)
        // In one transaction with other work, as a bulk run or a demo load would call it.
        #expect(throws: AftercareRejection.outsideCaseload(named)) {
            try w.store.write { tx in try Operations.recordVisit(request, context: w.acting("rina"), in: tx) }
        }
        #expect(try w.snapshot() == before)
    }

    @Test(arguments: ["B-00004", "B-00042", "bukan-kode"])
    func anOutcomeOutsideHerCaseloadIsRefusedAlikeWhetherOrNotSheExists(_ code: String) throws {
        let w = try TwoCaseloads()
        let before = try w.snapshot()
        let refusal = try #require(throws: AftercareRejection.self) {
            try w.ops.recordOutcome(beneficiary: code, asOf: try LocalDate.parse("2025-09-01"), returned: .yes, source: .communityReport,
                                    context: w.acting("rina"))
        }
        #expect(refusal == .outsideCaseload(.beneficiary(code)))
        #expect(refusal.message == "\(code) is not in this pendamping's caseload: she records visits and outcomes only for the people, "
            + "kelompok and usaha assigned to her worker, under her worker's code.")
        #expect(try w.snapshot() == before)
    }

    @Test func theOtherPendampingIsHeldToHerOwnCaseloadToo() throws {
        let w = try TwoCaseloads()
        #expect(try !w.ops.recordVisit(try w.visit(worker: "PSM-02", beneficiary: "B-00004", usaha: "U-0002"), context: w.acting("yusuf")).replayed)
        #expect(throws: AftercareRejection.outsideCaseload(.beneficiary("B-00001"))) {
            try w.ops.recordVisit(try w.visit(worker: "PSM-02", beneficiary: "B-00001"), context: w.acting("yusuf"))
        }
    }

    @Test func aRoleWithoutThePermissionIsRefusedBeforeAnythingIsLookedUp() throws {
        let w = try TwoCaseloads()
        let before = try w.snapshot()
        for username in ["bendahara", "koperasi"] {
            let role = w.users[username]!.role
            #expect(throws: AccessRejection.notPermitted(role: role, permission: .recordVisits), "\(username)") {
                try w.ops.recordVisit(try w.visit(beneficiary: "B-00042"), context: w.acting(username))
            }
            #expect(throws: AccessRejection.notPermitted(role: role, permission: .recordOutcomes), "\(username)") {
                try w.ops.recordOutcome(beneficiary: "B-00001", asOf: try LocalDate.parse("2025-09-01"), returned: .no,
                                        source: .selfReport, context: w.acting(username))
            }
        }
        #expect(try w.snapshot() == before)
    }

    @Test func theAdminAndTheOfficeHaveNoCaseloadLimit() throws {
        let w = try TwoCaseloads()
        #expect(try !w.ops.recordVisit(try w.visit(worker: "PSM-02", beneficiary: "B-00004"), context: w.acting("kepala")).replayed)
        #expect(try !w.ops.recordVisit(try w.visit(worker: "PSM-01", beneficiary: "B-00004"), context: TwoCaseloads.office).replayed)
        _ = try w.ops.recordOutcome(beneficiary: "B-00004", asOf: try LocalDate.parse("2025-09-01"), returned: .no, source: .selfReport,
                                    context: w.acting("kepala"))
        // A code that names nobody is the usual refusal for them, not a caseload one.
        #expect(throws: ProgrammeRejection.self) {
            try w.ops.recordVisit(try w.visit(beneficiary: "B-00042"), context: w.acting("kepala"))
        }
    }

    @Test func aVisitImportActingForAPendampingRefusesTheWholeFileForOneRowOutsideHerCaseload() throws {
        let w = try TwoCaseloads()
        let before = try w.snapshot()
        let csv = """
            tanggal,pendamping,cara_kontak,binaan,usaha
            2025-06-10,PSM-01,kunjungan_rumah,B-00001,
            2025-06-11,PSM-01,kunjungan_rumah,B-00004,
            2025-06-12,PSM-01,kunjungan_rumah,,U-0002
            2025-06-12,PSM-02,kunjungan_rumah,B-00001,
            """
        let rejection = try #require(throws: ImportRejection.self) {
            try w.ops.importVisits(Data(csv.utf8), file: "kunjungan.csv", dryRun: false, context: w.acting("rina"))
        }
        #expect(rejection.problems.map(\.place) == [.row(line: 3, column: "binaan"), .row(line: 4, column: "usaha"),
                                                   .row(line: 5, column: "pendamping")])
        // A beneficiary reference is never quoted back.
        #expect(!rejection.message.contains("B-00004"))
        #expect(try w.snapshot() == before)
        // The same file from the office goes in whole.
        #expect(try w.ops.importVisits(Data(csv.utf8), file: "kunjungan.csv", dryRun: false, context: TwoCaseloads.office).recorded == 4)
    }
}
