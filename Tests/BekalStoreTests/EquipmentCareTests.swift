import BekalCore
import BekalStore
import Foundation
import Testing

/// Equipment after it is issued (issue 16, part 4), on every store: moved to another kelompok,
/// returned, written off, repaired and counted; tried as the careless officer (more than the
/// kelompok holds, a visit that found nothing wrong, a stock-take that leaves an item out), as
/// the officer who reverses an issue whose items have since moved on, and as the insider who
/// rewrites an event. Every value is computed here by hand from the average-cost rule.
@Suite("Equipment after issue")
struct EquipmentCareTests {
    static let context = Programme.context
    static func d(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

    /// Three sewing machines bought for Rp3.000.001 (two at Rp1.000.000, one at Rp1.000.001) and
    /// all handed to K-0001 (B-00001, B-00002); K-0002 (B-00003) has none; PSM-01 visits K-0002.
    static func programme(_ underTest: StoreUnderTest) throws -> Programme {
        let programme = try Programme(underTest, cash: 0)
        let ops = programme.ops
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(10_000_000), documentRef: "SP2D-1", valueDate: d("2026-05-01")), context: context)
        _ = try ops.addEquipmentItem(code: "mesin-jahit", name: "Mesin jahit", unit: "unit")
        _ = try ops.addEquipmentItem(code: "oven", name: "Oven", unit: "unit")
        _ = try ops.buyEquipment(EquipmentPurchase(lines: [.init(item: "mesin-jahit", quantity: 2, unitCost: Rupiah(1_000_000)),
                                                          .init(item: "mesin-jahit", quantity: 1, unitCost: Rupiah(1_000_001))],
                                                  documentRef: "NOTA-1", valueDate: d("2026-06-01")), context: context)
        _ = try ops.addKelompok(name: "Jahit Mawar", cohort: "2026", track: "tata-boga", members: ["B-00001", "B-00002"], joinedOn: d("2026-06-01"))
        _ = try ops.addKelompok(name: "Jahit Melati", cohort: "2026", track: "tata-boga", members: ["B-00003"], joinedOn: d("2026-06-01"))
        _ = try ops.issueEquipment(EquipmentIssue(kelompok: "K-0001", lines: [.init(item: "mesin-jahit", quantity: 3)], documentRef: "BAST-1",
                                                  valueDate: d("2026-06-02")), context: context)
        _ = try ops.addWorker(code: "PSM-01", name: "Bu Rina")
        _ = try ops.assign(worker: "PSM-01", beneficiary: nil, kelompok: "K-0002", from: d("2026-06-01"))
        _ = try ops.assign(worker: "PSM-01", beneficiary: nil, kelompok: "K-0001", from: d("2026-06-01"))
        return programme
    }

    struct State: Equatable {
        var books: Programme.State
        var holdings: [EquipmentHolding]
        var events: Int
        var counts: Int
    }

    static func state(_ programme: Programme) throws -> State {
        try programme.store.read { tx in
            State(books: try Programme.state(tx), holdings: try tx.equipmentHoldings(through: nil),
                  events: try tx.equipmentEvents().count, counts: try tx.equipmentCounts(countRef: nil).count)
        }
    }

    static func holding(_ programme: Programme, _ kelompok: String?, _ item: String = "mesin-jahit") throws -> EquipmentStock {
        try programme.store.read { tx in
            let itemID = try Resolve.item(item, in: tx).id
            let kelompokID = try kelompok.map { try Resolve.kelompok($0, in: tx).id }
            let row = try tx.equipmentHoldings(through: nil).first { $0.itemID == itemID && $0.kelompokID == kelompokID }
            return EquipmentStock(quantity: row?.quantity ?? 0, value: row?.value ?? .zero)
        }
    }

    static func balance(_ programme: Programme, _ role: AccountRole, kelompok: Int64? = nil) throws -> Rupiah {
        try programme.store.read { tx in
            let book = try #require(try tx.book(code: Book.officeCode))
            guard let account = try tx.account(bookID: book.id, role: role) else { return .zero }
            guard let kelompok else { return try tx.balance(accountID: account.id) }
            var net = Rupiah.zero
            for entry in try ledgerEntries(tx) {
                for p in entry.postings where p.accountID == account.id && p.dimensions.kelompokID == kelompok {
                    net = try net.adding(p.amount)
                }
            }
            return net
        }
    }

    static func ledgerEntries(_ tx: any StoreTransaction) throws -> [JournalEntry] {
        var entries: [JournalEntry] = []
        var id: Int64 = 1
        while let entry = try tx.entry(id: id) { entries.append(entry); id += 1 }
        return entries
    }

    static func move(_ quantity: Int64, from: String?, to: EquipmentMove.Destination, ref: String, reason: String = "kelompok bubar",
                     visit: Int64? = nil, item: String = "mesin-jahit") -> EquipmentMove {
        EquipmentMove(item: item, quantity: quantity, from: from, to: to, documentRef: ref, reason: reason, visitID: visit,
                      valueDate: d("2026-11-20"))
    }

    @Test("a machine moves, comes back, is mended and written off at its average value; the books and the register agree",
          arguments: StoreUnderTest.all)
    func theLifeOfAMachine(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        #expect(try Self.holding(programme, "K-0001") == EquipmentStock(quantity: 3, value: Rupiah(3_000_001)))
        // One of three worth Rp3.000.001 is worth Rp1.000.000,33: Rp1.000.000.
        let transfer = try ops.moveEquipment(Self.move(1, from: "K-0001", to: .kelompok("K-0002"), ref: "BA-MUT-1"), context: Self.context)
        #expect(!transfer.isReplay && transfer.entry.kind == .equipmentMove)
        #expect(try Self.holding(programme, "K-0001") == EquipmentStock(quantity: 2, value: Rupiah(2_000_001)))
        #expect(try Self.holding(programme, "K-0002") == EquipmentStock(quantity: 1, value: Rupiah(1_000_000)))
        #expect(try Self.holding(programme, nil) == EquipmentStock(quantity: 0, value: .zero))
        #expect(try Self.balance(programme, .equipmentExpense, kelompok: 1) == Rupiah(2_000_001))
        #expect(try Self.balance(programme, .equipmentExpense, kelompok: 2) == Rupiah(1_000_000))
        // The same berita acara again is the same transfer.
        #expect(try ops.moveEquipment(Self.move(1, from: "K-0001", to: .kelompok("K-0002"), ref: "BA-MUT-1"), context: Self.context).isReplay)

        // Both left in K-0001 come back to the store room with all of K-0001's value.
        _ = try ops.moveEquipment(Self.move(2, from: "K-0001", to: .storeRoom, ref: "BA-KMB-1", reason: "usaha berhenti"), context: Self.context)
        #expect(try Self.holding(programme, "K-0001") == EquipmentStock(quantity: 0, value: .zero))
        #expect(try Self.holding(programme, nil) == EquipmentStock(quantity: 2, value: Rupiah(2_000_001)))
        #expect(try Self.balance(programme, .equipmentStock) == Rupiah(2_000_001))

        // A visit finds K-0002's machine broken: work for the office until a repair answers it.
        let visit = try ops.recordVisit(VisitRequest(date: Self.d("2026-11-10"), worker: "PSM-01", kelompok: "K-0002", contactMode: .homeVisit,
                                                     equipment: [.init(item: "mesin-jahit", condition: .broken)]), context: Self.context).visit
        let work = try programme.store.read { tx in try BrokenEquipmentWork.build(asOf: Self.d("2026-11-25"), in: tx) }
        #expect(work.rows.map { [$0.kelompokCode, $0.itemCode, "\($0.held)", "\($0.visitID)", "\($0.daysOpen)"] }
                == [["K-0002", "mesin-jahit", "1", "\(visit.id)", "15"]])
        let cashBefore = try programme.state().cash
        let repair = try ops.repairEquipment(EquipmentRepair(item: "mesin-jahit", kelompok: "K-0002", amount: Rupiah(250_000), documentRef: "NOTA-R1",
                                                             reason: "ganti dinamo", visitID: visit.id, valueDate: Self.d("2026-11-20")),
                                             context: Self.context)
        #expect(repair.entry.kind == .equipmentRepair)
        #expect(try programme.state().cash == Rupiah(cashBefore.amount - 250_000))
        #expect(try Self.balance(programme, .equipmentRepair, kelompok: 2) == Rupiah(250_000))
        #expect(try programme.store.read { tx in try BrokenEquipmentWork.build(asOf: Self.d("2026-11-25"), in: tx) }.rows.isEmpty)

        // Written off where it is: its value leaves K-0002's equipment for the write-off account.
        _ = try ops.moveEquipment(Self.move(1, from: "K-0002", to: .writtenOff, ref: "BA-HPS-1", reason: "rusak lagi, tidak ekonomis", visit: visit.id),
                                  context: Self.context)
        #expect(try Self.holding(programme, "K-0002") == EquipmentStock(quantity: 0, value: .zero))
        #expect(try Self.balance(programme, .equipmentExpense, kelompok: 2) == .zero)
        #expect(try Self.balance(programme, .equipmentWriteOff, kelompok: 2) == Rupiah(1_000_000))
        // One of the two in the store room is Rp1.000.000,50: Rp1.000.001 (half up).
        _ = try ops.moveEquipment(Self.move(1, from: nil, to: .writtenOff, ref: "BA-HPS-2", reason: "hilang dari gudang"), context: Self.context)
        #expect(try Self.holding(programme, nil) == EquipmentStock(quantity: 1, value: Rupiah(1_000_000)))
        #expect(try Self.balance(programme, .equipmentWriteOff) == Rupiah(2_000_001))
        #expect(try Self.balance(programme, .equipmentStock) == Rupiah(1_000_000))

        // The register tells each kelompok's side; where-abouts and budget use agree.
        let register = try programme.store.read { tx in try EquipmentRegister.build(in: tx) }
        #expect(register.rows.filter { $0.type == .issue }.map { "\($0.kelompokCode) \($0.quantity) \($0.value.amount) \($0.note)" } == [
            "K-0001 3 3000001 ", "K-0001 -1 -1000000 Mutasi ke K-0002: kelompok bubar", "K-0001 -2 -2000001 Dikembalikan ke gudang: usaha berhenti",
            "K-0002 1 1000000 Mutasi dari K-0001: kelompok bubar", "K-0002 -1 -1000000 Dihapus dari register: rusak lagi, tidak ekonomis",
        ])
        let whereabouts = try programme.store.read { tx in try EquipmentWhereabouts.build(in: tx) }
        // Kelompok that hold nothing any more are not places of the item; the oven never moved.
        #expect(whereabouts.rows.map { "\($0.itemCode) \($0.place) \($0.quantity) \($0.value.amount)" } == ["mesin-jahit Gudang kantor 1 1000000"])
        // Spent on equipment for the cohort: what K-0001 and K-0002 were handed, less what came back, plus the repair and write-off.
        let use = try programme.store.read { tx in try BudgetUse.build(in: tx) }
        #expect(use.lines.first { $0.cohortCode == "2026" }?.equipment == Rupiah(3_000_001 - 2_000_001 + 250_000))
        #expect(try programme.verify().isValid)
    }

    /// The store picks the latest report of each item at each kelompok (``EquipmentCareSQL/latestReports(day:)``):
    /// the same as folding every report in date and id order, for every cut-off day.
    @Test("the latest report of each item at each kelompok is the last of its reports, on any day", arguments: StoreUnderTest.all)
    func latestReports(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        _ = try programme.ops.moveEquipment(Self.move(1, from: "K-0001", to: .kelompok("K-0002"), ref: "BA-MUT-9"), context: Self.context)
        let reports: [(String, String, [EquipmentObservation])] = [
            ("2026-11-03", "K-0001", [.init(item: "mesin-jahit", condition: .working)]),
            ("2026-11-05", "K-0002", [.init(item: "mesin-jahit", condition: .broken)]),
            ("2026-11-05", "K-0001", [.init(item: "mesin-jahit", condition: .lost)]),
            ("2026-11-08", "K-0002", [.init(item: "mesin-jahit", condition: .working)]),
            ("2026-11-08", "K-0001", [.init(item: "mesin-jahit", condition: .working)]),
            ("2026-11-12", "K-0001", [.init(item: "mesin-jahit", condition: .broken)]),
        ]
        for (date, kelompok, equipment) in reports {
            _ = try programme.ops.recordVisit(VisitRequest(date: Self.d(date), worker: "PSM-01", kelompok: kelompok, contactMode: .homeVisit,
                                                           equipment: equipment), context: Self.context)
        }
        func key(_ r: VisitEquipmentReport) -> String { "\(r.itemID)/\(r.kelompokID ?? -1)" }
        for day in [nil, "2026-11-02", "2026-11-03", "2026-11-05", "2026-11-07", "2026-11-08", "2026-11-12"].map({ $0.map(Self.d) }) {
            try programme.store.read { tx in
                var folded: [String: VisitEquipmentReport] = [:]
                for report in try tx.visitEquipmentReports(visitID: nil) where report.kelompokID != nil && (day.map { report.visitDate <= $0 } ?? true) {
                    folded[key(report)] = report
                }
                let picked = try tx.latestVisitEquipmentReports(through: day)
                #expect(Dictionary(uniqueKeysWithValues: picked.map { (key($0), $0) }) == folded, "\(String(describing: day))")
                #expect(picked.count == folded.count)
            }
        }
    }

    @Test("every careless move, repair and count is refused with what to do, and writes nothing", arguments: StoreUnderTest.all)
    func refusals(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        let working = try ops.recordVisit(VisitRequest(date: Self.d("2026-11-10"), worker: "PSM-01", kelompok: "K-0001", contactMode: .homeVisit,
                                                       equipment: [.init(item: "mesin-jahit", condition: .working)]), context: Self.context).visit
        let other = try ops.recordVisit(VisitRequest(date: Self.d("2026-11-11"), worker: "PSM-01", kelompok: "K-0002", contactMode: .homeVisit,
                                                     equipment: [.init(item: "mesin-jahit", condition: .broken)]), context: Self.context).visit
        let before = try Self.state(programme)
        func move(_ m: EquipmentMove) throws { _ = try ops.moveEquipment(m, context: Self.context) }
        #expect(throws: EquipmentRejection.notHeld(kelompok: "K-0001", item: "mesin-jahit", held: 3, requested: 4)) {
            try move(Self.move(4, from: "K-0001", to: .kelompok("K-0002"), ref: "BA-1"))
        }
        #expect(throws: EquipmentRejection.notHeld(kelompok: "K-0002", item: "mesin-jahit", held: 0, requested: 1)) {
            try move(Self.move(1, from: "K-0002", to: .storeRoom, ref: "BA-1"))
        }
        #expect(throws: EquipmentRejection.sameKelompok(kelompok: "K-0001")) { try move(Self.move(1, from: "k-0001", to: .kelompok("K-0001"), ref: "BA-1")) }
        #expect(throws: EquipmentRejection.reasonTooShort(minimumCharacters: 5)) { try move(Self.move(1, from: "K-0001", to: .storeRoom, ref: "BA-1", reason: " ok ")) }
        #expect(throws: EquipmentRejection.needsKelompok(kind: .return)) { try move(Self.move(1, from: nil, to: .storeRoom, ref: "BA-1")) }
        #expect(throws: ProgrammeRejection.insufficientStock(item: "mesin-jahit", inStock: 0, requested: 1)) {
            try move(Self.move(1, from: nil, to: .writtenOff, ref: "BA-1"))
        }
        #expect(throws: ProgrammeRejection.quantityNotPositive(item: "mesin-jahit", quantity: 0)) {
            try move(Self.move(0, from: "K-0001", to: .storeRoom, ref: "BA-1"))
        }
        #expect(throws: ProgrammeRejection.missingDocumentRef) { try move(Self.move(1, from: "K-0001", to: .storeRoom, ref: "  ")) }
        #expect(throws: EquipmentRejection.visitDidNotReport(visitID: working.id, item: "mesin-jahit", found: .working)) {
            try move(Self.move(1, from: "K-0001", to: .writtenOff, ref: "BA-1", visit: working.id))
        }
        func repair(kelompok: String? = "K-0001", visit: Int64? = nil, amount: Int64 = 100_000) throws {
            _ = try ops.repairEquipment(EquipmentRepair(item: "mesin-jahit", kelompok: kelompok, amount: Rupiah(amount), documentRef: "NOTA-9",
                                                        reason: "ganti jarum", visitID: visit, valueDate: Self.d("2026-11-20")), context: Self.context)
        }
        #expect(throws: EquipmentRejection.visitOfAnotherKelompok(visitID: other.id, kelompok: "K-0001")) { try repair(visit: other.id) }
        #expect(throws: EquipmentRejection.visitDidNotReport(visitID: working.id, item: "mesin-jahit", found: .working)) { try repair(visit: working.id) }
        #expect(throws: EquipmentRejection.visitNotFound(visitID: 999)) { try repair(visit: 999) }
        #expect(throws: EquipmentRejection.notHeld(kelompok: "K-0002", item: "mesin-jahit", held: 0, requested: 1)) { try repair(kelompok: "K-0002") }
        #expect(throws: ProgrammeRejection.insufficientStock(item: "mesin-jahit", inStock: 0, requested: 1)) { try repair(kelompok: nil) }
        #expect { try repair(amount: 50_000_000) } throws: { error in
            if case LedgerRejection.wouldGoNegative = error { true } else { false }
        }
        func count(_ lines: [(String, Int64)], at place: String? = "K-0001", ref: String = "SO-1", on date: String = "2026-11-20") throws {
            _ = try ops.recordStockTake(StockTake(countRef: ref, place: place, lines: lines.map { .init(item: $0.0, counted: $0.1) },
                                                  countedOn: Self.d(date)), context: Self.context)
        }
        #expect(throws: EquipmentRejection.countIncomplete(place: "kelompok K-0001", missing: ["3 × mesin-jahit"])) { try count([("oven", 0)]) }
        #expect(throws: EquipmentRejection.countRepeatsItem(item: "mesin-jahit")) { try count([("mesin-jahit", 1), ("Mesin-Jahit", 2)]) }
        #expect(throws: EquipmentRejection.countNegative(item: "mesin-jahit", counted: -1)) { try count([("mesin-jahit", -1)]) }
        #expect(throws: EquipmentRejection.countEmpty) { try count([]) }
        #expect(throws: EquipmentRejection.countInFuture(date: Self.d("2026-11-26"), today: Self.d("2026-11-25"))) {
            try count([("mesin-jahit", 3)], on: "2026-11-26")
        }
        #expect(try Self.state(programme) == before)
        try count([("mesin-jahit", 2)])
        #expect(throws: EquipmentRejection.countExists(countRef: "SO-1")) { try count([("mesin-jahit", 3)]) }
        let again = try ops.recordStockTake(StockTake(countRef: "SO-1", place: "K-0001", lines: [.init(item: "mesin-jahit", counted: 2)],
                                                      countedOn: Self.d("2026-11-20")), context: Self.context)
        #expect(again.replayed && again.lines.map(\.difference) == [-1])
        try count([("mesin-jahit", 0)], at: nil)
        let report = try programme.store.read { tx in try StockTakeReport.build(countRef: "SO-1", in: tx) }
        #expect(report.rows.map { "\($0.place) \($0.itemCode) \($0.expected) \($0.counted) \($0.difference)" }
                == ["K-0001 mesin-jahit 3 2 -1", "Gudang kantor mesin-jahit 0 0 0"])
        #expect(throws: ProgrammeRejection.notFound(.stockTake, reference: "SO-404")) {
            _ = try programme.store.read { tx in try StockTakeReport.build(countRef: "SO-404", in: tx) }
        }
        #expect(try programme.verify().isValid)
    }

    @Test("an issue whose machines moved on cannot be reversed; a transfer can, and the issue after it", arguments: StoreUnderTest.all)
    func reversals(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        let issue = try #require(try programme.store.read { tx in try tx.entry(idempotencyKey: "equipment_issue:BAST-1") })
        let transfer = try ops.moveEquipment(Self.move(2, from: "K-0001", to: .kelompok("K-0002"), ref: "BA-MUT-1"), context: Self.context).entry
        let before = try Self.state(programme)
        #expect(throws: EquipmentRejection.reversalTakesWhatIsGone(entryID: issue.id, kelompok: "K-0001", item: "mesin-jahit", held: 1, requested: 3)) {
            _ = try ops.reverse(entryID: issue.id, reason: "salah kelompok", context: Self.context)
        }
        #expect(try Self.state(programme) == before)
        _ = try ops.reverse(entryID: transfer.id, reason: "salah catat mutasi", context: Self.context)
        #expect(try Self.holding(programme, "K-0001") == EquipmentStock(quantity: 3, value: Rupiah(3_000_001)))
        #expect(try Self.holding(programme, "K-0002") == EquipmentStock(quantity: 0, value: .zero))
        _ = try ops.reverse(entryID: issue.id, reason: "salah kelompok", context: Self.context)
        #expect(try Self.holding(programme, nil) == EquipmentStock(quantity: 3, value: Rupiah(3_000_001)))
        #expect(try Self.balance(programme, .equipmentExpense) == .zero)
        let events = try programme.store.read { tx in try tx.equipmentEvents() }
        #expect(events.map(\.reversedByEntryID) == [transfer.id + 1])
        #expect(try programme.verify().isValid)
    }

    @Test("an event or a count rewritten by hand is refused by the store, and found by the seal when its guard is dropped",
          arguments: StoreUnderTest.all)
    func insider(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        _ = try ops.moveEquipment(Self.move(1, from: "K-0001", to: .kelompok("K-0002"), ref: "BA-MUT-1"), context: Self.context)
        _ = try ops.recordStockTake(StockTake(countRef: "SO-1", place: nil, lines: [.init(item: "mesin-jahit", counted: 0)],
                                              countedOn: Self.d("2026-11-20")), context: Self.context)
        let key = SealKey.generate()
        _ = try ops.seal(key: key, context: Self.context)
        for sql in ["UPDATE equipment_event SET to_kelompok_id = 1, from_kelompok_id = 2", "DELETE FROM equipment_event",
                    "UPDATE equipment_count SET counted = 5", "DELETE FROM equipment_count"] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(programme.store, sql) }
        }
        // The schema's own checks: a transfer to nobody, a count below zero.
        #expect(throws: (any Error).self) {
            try RegistryChangeTests.insider(programme.store, "INSERT INTO equipment_event (entry_id, kind, item_id, quantity, reason) VALUES (1, 'transfer', 1, 1, 'tanpa tujuan')")
        }
        #expect(throws: (any Error).self) {
            try RegistryChangeTests.insider(programme.store, "INSERT INTO equipment_count (count_ref, counted_on, item_id, expected, counted, actor, recorded_at) VALUES ('SO-2', '2026-11-20', 1, 0, -1, 'x', 'y')")
        }
        let drop = programme.store is SQLiteStore
            ? "DROP TRIGGER equipment_count_no_update; UPDATE equipment_count SET counted = 5"
            : "DROP TRIGGER equipment_count_append_only ON equipment_count; UPDATE equipment_count SET counted = 5"
        try RegistryChangeTests.insider(programme.store, drop)
        let problems = try programme.store.read { tx in try Verification.run(on: tx, trustedPublicKey: key.publicKeyHex) }.problems
        #expect(problems.contains { $0.contains("equipment_count") }, "\(problems)")
    }
}
