import BekalCore
import BekalPostgres
import BekalStore
import Foundation
import Testing

/// Recipient lists on every store, tried as the issue's careless user, the insider and the
/// bendahara whose batch stopped halfway: the admin who drafts a list cannot approve it; with
/// the setting on, nobody is paid off an approved list without an admin's exception; an
/// approved list is frozen in the code and in the database; a correction supersedes; and a
/// batch run again after it stopped pays each person exactly once.
@Suite("Recipient lists")
struct RecipientListTests {
    static let now = Date(timeIntervalSince1970: 1_795_582_800) // 2026-11-25
    static let admin = OperationContext(actor: "web:admin", now: now)
    static let kepala = OperationContext(actor: "web:kepala", now: now)
    static let bendahara = OperationContext(actor: "web:bendahara", now: now)
    static let skDate = LocalDate(year: 2026, month: 11, day: 20)!

    /// The contract programme (three graduates of cohort 2026, Rp10.000.000 in cash) with grants
    /// needing an approved list.
    static func programme(_ underTest: StoreUnderTest, cash: Int64 = 10_000_000) throws -> Programme {
        let programme = try Programme(underTest, cash: cash)
        var change = SettingsChange()
        change.grantsNeedApprovedList = true
        _ = try programme.ops.changeSettings(change, context: admin)
        return programme
    }

    static func grantCount(_ programme: Programme) throws -> Int { try programme.state().grants }

    @Test("the one who drafted a list cannot approve it; an approved list cannot be approved again", arguments: StoreUnderTest.all)
    func makerIsNotChecker(_ underTest: StoreUnderTest) throws {
        let ops = try Self.programme(underTest).ops
        let list = try ops.draftRecipientList(RecipientListRequest(cohort: "2026"), context: Self.admin)
        #expect(list.code == "DP-2026-1" && list.lines.map(\.beneficiaryCode) == ["B-00001", "B-00002", "B-00003"])
        #expect(list.total == Rupiah(4_500_000))
        #expect(throws: ProgrammeRejection.makerCannotApprove(list: "DP-2026-1")) {
            try ops.approveRecipientList(code: "DP-2026-1", decreeNumber: "460/12/2026", decreeDate: Self.skDate, context: Self.admin)
        }
        #expect(throws: ProgrammeRejection.decreeMissing(list: "DP-2026-1")) {
            try ops.approveRecipientList(code: "DP-2026-1", decreeNumber: "  ", decreeDate: Self.skDate, context: Self.kepala)
        }
        #expect(try ops.recipientListState(code: "DP-2026-1").status == .draft, "a refused approval leaves a draft")
        let approved = try ops.approveRecipientList(code: "dp-2026-1", decreeNumber: "460/12/2026", decreeDate: Self.skDate, context: Self.kepala)
        #expect(approved.approval?.approvedBy == "web:kepala" && approved.approval?.decreeNumber == "460/12/2026")
        #expect(throws: ProgrammeRejection.recipientListNotDraft(list: "DP-2026-1", status: .approved)) {
            try ops.approveRecipientList(code: "DP-2026-1", decreeNumber: "460/13/2026", decreeDate: Self.skDate, context: Self.bendahara)
        }
        let audit = try ops.store.read { tx in try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 50) }
        #expect(audit.contains { $0.action == "list.draft" && $0.actor == "web:admin" && $0.subject == "DP-2026-1" })
        #expect(audit.contains { $0.action == "list.approve" && $0.actor == "web:kepala" && $0.detail.contains("460/12/2026") })
    }

    @Test("no payment off an approved list without an admin's exception", arguments: StoreUnderTest.all)
    func noPaymentOffTheList(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        let before = try programme.state()
        #expect(throws: ProgrammeRejection.notOnApprovedList(beneficiary: "B-00001", cohort: "2026", pendingList: nil)) {
            try ops.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Self.bendahara)
        }
        _ = try ops.draftRecipientList(RecipientListRequest(cohort: "2026", beneficiaries: ["B-00001", "B-00002"]), context: Self.admin)
        #expect(throws: ProgrammeRejection.notOnApprovedList(beneficiary: "B-00001", cohort: "2026", pendingList: "DP-2026-1")) {
            try ops.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Self.bendahara)
        }
        #expect(try programme.state() == before, "a refused payment writes nothing")
        _ = try ops.approveRecipientList(code: "DP-2026-1", decreeNumber: "460/12/2026", decreeDate: Self.skDate, context: Self.kepala)
        #expect(throws: ProgrammeRejection.amountNotOnList(beneficiary: "B-00001", list: "DP-2026-1", listAmount: Rupiah(1_500_000),
                                                            amount: Rupiah(2_000_000))) {
            try ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-1", amount: Rupiah(2_000_000),
                                               amountReason: "tambahan modal disetujui"), context: Self.bendahara)
        }
        #expect(throws: ProgrammeRejection.grantBeforeDecree(beneficiary: "B-00001", list: "DP-2026-1", decreeDate: Self.skDate,
                                                              valueDate: Self.skDate.adding(days: -1))) {
            try ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-1", valueDate: Self.skDate.adding(days: -1)),
                                  context: Self.bendahara)
        }
        let paid = try ops.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Self.bendahara)
        #expect(paid.grant.amount == Rupiah(1_500_000) && !paid.replayed)
        // She is not on the list: refused, until an admin records an exception, which the payment uses up.
        #expect(throws: ProgrammeRejection.notOnApprovedList(beneficiary: "B-00003", cohort: "2026", pendingList: nil)) {
            try ops.disburseGrant(Programme.grant("B-00003", ref: "KW-3"), context: Self.bendahara)
        }
        let exception = try ops.recordGrantException(beneficiary: "B-00003", cohort: "2026", reason: "SK susulan, menyusul bulan depan",
                                                     context: Self.admin)
        let offList = try ops.disburseGrant(Programme.grant("B-00003", ref: "KW-3"), context: Self.bendahara)
        #expect(offList.grant.exceptionID == exception.id)
        // The kuitansi carries the SK of the list it was paid against; the off-list one carries none.
        var settings = SettingsChange()
        settings.signatories = Signatories(place: "Kota", treasurerName: "Bendahara", treasurerNIP: try NIP.parse("198203152006042011", field: .option("nip")),
                                           headName: "Kepala", headNIP: try NIP.parse("196807121994031004", field: .option("nip")))
        _ = try ops.changeSettings(settings, context: Self.admin)
        #expect(try ops.kuitansi(number: "KW-1", context: Self.bendahara).decree == "SK 460/12/2026 tanggal 20 November 2026")
        #expect(try ops.kuitansi(entryID: offList.entry.id, context: Self.bendahara).decree == nil)
        let state = try ops.recipientListState(code: "DP-2026-1")
        #expect(state.paidCount == 1 && state.paidTotal == Rupiah(1_500_000))
        #expect(try programme.verify().isValid)
    }

    @Test("a batch stopped halfway (the cash ran out) is finished by running it again, and nobody is paid twice",
          arguments: StoreUnderTest.all)
    func interruptedBatch(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest, cash: 3_500_000)
        let ops = programme.ops
        _ = try ops.draftRecipientList(RecipientListRequest(cohort: "2026"), context: Self.admin)
        _ = try ops.approveRecipientList(code: "DP-2026-1", decreeNumber: "460/12/2026", decreeDate: Self.skDate, context: Self.kepala)
        let first = try ops.payRecipientList(code: "DP-2026-1", context: Self.bendahara)
        #expect(first.map(\.documentRef) == ["KW/DP-2026-1/001", "KW/DP-2026-1/002", "KW/DP-2026-1/003"])
        #expect(first.filter { if case .paid = $0.outcome { true } else { false } }.count == 2)
        guard case .refused(let error) = first[2].outcome else { Issue.record("the third line is refused: \(first[2].outcome)"); return }
        #expect(error is LedgerRejection, "the cash ran out: \(error)")
        #expect(try Self.grantCount(programme) == 2)

        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(5_000_000), documentRef: "SP2D-2"), context: Self.bendahara)
        // One of them was paid by hand meanwhile, under another number: left alone.
        let second = try ops.payRecipientList(code: "DP-2026-1", context: Self.bendahara)
        #expect(second.map { result -> String in
            switch result.outcome {
            case .paid: "paid"
            case .alreadyRecorded: "again"
            case .paidEarlier: "earlier"
            case .refused: "refused"
            }
        } == ["again", "again", "paid"])
        let third = try ops.payRecipientList(code: "DP-2026-1", context: Self.bendahara)
        #expect(third.allSatisfy { if case .alreadyRecorded = $0.outcome { true } else { false } })
        #expect(try Self.grantCount(programme) == 3, "each person once")
        #expect(try ops.recipientListState(code: "DP-2026-1").paidCount == 3)
        // Another prefix does not pay anyone again: each is already paid in the cohort.
        let otherPrefix = try ops.payRecipientList(code: "DP-2026-1", prefix: "KW/2026/", context: Self.bendahara)
        #expect(otherPrefix.allSatisfy { if case .paidEarlier = $0.outcome { true } else { false } })
        #expect(try Self.grantCount(programme) == 3)
        #expect(try programme.verify().isValid)
    }

    @Test("a correction is a new list that supersedes the last one, in effect once approved", arguments: StoreUnderTest.all)
    func supersede(_ underTest: StoreUnderTest) throws {
        let ops = try Self.programme(underTest).ops
        _ = try ops.draftRecipientList(RecipientListRequest(cohort: "2026", beneficiaries: ["B-00001"]), context: Self.admin)
        _ = try ops.approveRecipientList(code: "DP-2026-1", decreeNumber: "460/12/2026", decreeDate: Self.skDate, context: Self.kepala)
        #expect(throws: ProgrammeRejection.recipientListExists(cohort: "2026", existing: ["DP-2026-1"])) {
            try ops.draftRecipientList(RecipientListRequest(cohort: "2026"), context: Self.admin)
        }
        #expect(throws: ProgrammeRejection.reasonTooShort(minimumCharacters: 10)) {
            try ops.draftRecipientList(RecipientListRequest(cohort: "2026", supersedes: "DP-2026-1", reason: "tambah"), context: Self.admin)
        }
        let correction = try ops.draftRecipientList(RecipientListRequest(cohort: "2026", supersedes: "DP-2026-1",
                                                                         reason: "dua lulusan tertinggal dari SK pertama"), context: Self.admin)
        #expect(correction.code == "DP-2026-2" && correction.lines.count == 3)
        // Until the correction is approved, the first list is the one in effect.
        #expect(try ops.recipientListState(code: "DP-2026-1").status == .approved)
        #expect(throws: ProgrammeRejection.notOnApprovedList(beneficiary: "B-00002", cohort: "2026", pendingList: "DP-2026-2")) {
            try ops.disburseGrant(Programme.grant("B-00002", ref: "KW-2"), context: Self.bendahara)
        }
        _ = try ops.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Self.bendahara)
        _ = try ops.approveRecipientList(code: "DP-2026-2", decreeNumber: "460/15/2026", decreeDate: Self.skDate, context: Self.kepala)
        #expect(try ops.recipientListState(code: "DP-2026-1").status == .superseded)
        #expect(throws: ProgrammeRejection.recipientListNotApproved(list: "DP-2026-1", status: .superseded)) {
            try ops.payRecipientList(code: "DP-2026-1", context: Self.bendahara)
        }
        let state = try ops.recipientListState(code: "DP-2026-2")
        #expect(state.supersedes == "DP-2026-1" && state.paidCount == 1, "her grant paid under the first list counts on the second")
        let results = try ops.payRecipientList(code: "DP-2026-2", context: Self.bendahara)
        #expect(results.map { if case .paidEarlier = $0.outcome { "earlier" } else if case .paid = $0.outcome { "paid" } else { "other" } }
                == ["earlier", "paid", "paid"])
        // A superseded draft cannot be approved.
        _ = try ops.draftRecipientList(RecipientListRequest(cohort: "2026", beneficiaries: ["B-00001"], supersedes: "DP-2026-2",
                                                            reason: "percobaan, akan diganti lagi"), context: Self.admin)
        _ = try ops.draftRecipientList(RecipientListRequest(cohort: "2026", supersedes: "DP-2026-3", reason: "draf sebelumnya keliru"),
                                       context: Self.admin)
        #expect(throws: ProgrammeRejection.recipientListNotDraft(list: "DP-2026-3", status: .superseded)) {
            try ops.approveRecipientList(code: "DP-2026-3", decreeNumber: "460/16/2026", decreeDate: Self.skDate, context: Self.kepala)
        }
    }

    @Test("a bad draft is refused and writes nothing", arguments: StoreUnderTest.all)
    func badDrafts(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        _ = try ops.enrol(EnrolmentRequest(beneficiary: "B-00003", cohort: "2026", track: "tata-boga", status: .droppedOut),
                          reason: .ranAway, context: Self.admin)
        #expect(throws: ProgrammeRejection.trainingNotCompleted(beneficiary: "B-00003", cohort: "2026", status: .droppedOut)) {
            try ops.draftRecipientList(RecipientListRequest(cohort: "2026", beneficiaries: ["B-00001", "B-00003"]), context: Self.admin)
        }
        #expect(throws: ProgrammeRejection.grantAmountNotStandard(beneficiary: "the list", cohort: "2026", amount: Rupiah(15_000_000),
                                                                   standard: Rupiah(1_500_000))) {
            try ops.draftRecipientList(RecipientListRequest(cohort: "2026", amount: Rupiah(15_000_000)), context: Self.admin)
        }
        #expect(throws: ProgrammeRejection.notFound(.cohort, reference: "2099")) {
            try ops.draftRecipientList(RecipientListRequest(cohort: "2099"), context: Self.admin)
        }
        #expect(try ops.recipientLists().isEmpty)
        // Without a track, every graduate: not the one who dropped out.
        let list = try ops.draftRecipientList(RecipientListRequest(cohort: "2026"), context: Self.admin)
        #expect(list.lines.map(\.beneficiaryCode) == ["B-00001", "B-00002"])
    }

    @Test("an insider with the database cannot change an approved list, approve her own, or record a payment against a draft",
          arguments: StoreUnderTest.all)
    func insider(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        _ = try ops.draftRecipientList(RecipientListRequest(cohort: "2026", beneficiaries: ["B-00001"]), context: Self.admin)
        _ = try ops.approveRecipientList(code: "DP-2026-1", decreeNumber: "460/12/2026", decreeDate: Self.skDate, context: Self.kepala)
        _ = try ops.draftRecipientList(RecipientListRequest(cohort: "2026", supersedes: "DP-2026-1", reason: "lulusan tambahan angkatan"),
                                       context: Self.admin)
        let store = programme.store
        let attempts = [
            "UPDATE recipient_list_line SET amount = 15000000 WHERE list_id = 1",
            "UPDATE recipient_list SET amount = 15000000 WHERE id = 1",
            "DELETE FROM recipient_list_approval WHERE list_id = 1",
            "DELETE FROM recipient_list_line WHERE list_id = 2",
            "INSERT INTO recipient_list_line (list_id, number, beneficiary_id, amount) VALUES (1, 2, 2, 1500000)",
            "INSERT INTO recipient_list_approval (list_id, approved_by, approved_at, decree_number, decree_date) VALUES (2, 'web:admin', 'x', '1', '2026-11-20')",
            "INSERT INTO recipient_payment (entry_id, list_id, beneficiary_id) VALUES (1, 2, 2)",
        ]
        for sql in attempts {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(store, sql) }
        }
        let state = try ops.recipientListState(code: "DP-2026-1")
        #expect(state.list.lines.count == 1 && state.list.amount == Rupiah(1_500_000) && state.status == .approved)
        #expect(try ops.recipientListState(code: "DP-2026-2").status == .draft)
    }
}

/// Where the office issues equipment by its SK (a setting), a kelompok gets no more of an item
/// than an approved list gives it; and a purchase keeps its supplier and SPJ papers, append-only.
@Suite("Equipment and the SK; a purchase's papers")
struct EquipmentPaperTests {
    static func programme(_ underTest: StoreUnderTest) throws -> Programme {
        let programme = try RecipientListTests.programme(underTest)
        let ops = programme.ops
        _ = try ops.addEquipmentItem(code: "oven", name: "Oven", unit: "unit")
        var purchase = EquipmentPurchase(lines: [.init(item: "oven", quantity: 2, unitCost: Rupiah(1_000_000))], documentRef: "NOTA-1")
        purchase.documents = PurchaseDocuments(supplier: "  CV Maju Jaya ", invoiceNumber: "F-12/2026", receiptReport: "")
        _ = try ops.buyEquipment(purchase, context: RecipientListTests.bendahara)
        _ = try ops.addKelompok(name: "Kue Mawar", cohort: "2026", track: nil, members: ["B-00001", "B-00002"],
                                joinedOn: RecipientListTests.skDate.adding(days: -10))
        return programme
    }

    @Test("equipment follows the SK where the setting says so: no more of an item than the approved list gives the kelompok",
          arguments: StoreUnderTest.all)
    func equipmentFollowsTheSK(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        var on = SettingsChange()
        on.equipmentNeedsApprovedList = true
        _ = try ops.changeSettings(on, context: RecipientListTests.admin)
        let two = EquipmentIssue(kelompok: "K-0001", lines: [.init(item: "oven", quantity: 2)], documentRef: "BAST-1")
        let before = try programme.state()
        #expect(throws: ProgrammeRejection.equipmentNotInPlan(kelompok: "K-0001", item: "oven", approved: 0, issued: 0, requested: 2)) {
            try ops.issueEquipment(two, context: RecipientListTests.bendahara)
        }
        // A bad equipment line is refused and no list is drafted.
        #expect(throws: InputError(.item, input: "K-0001:oven", .notKelompokItemAndQuantity)) { try EquipmentPlanLine.parse("K-0001:oven") }
        #expect(throws: ProgrammeRejection.quantityNotPositive(item: "oven", quantity: 0)) {
            try ops.draftRecipientList(RecipientListRequest(cohort: "2026", equipment: [.init(kelompok: "K-0001", item: "oven", quantity: 0)]),
                                       context: RecipientListTests.admin)
        }
        #expect(try ops.recipientLists().isEmpty)
        let list = try ops.draftRecipientList(RecipientListRequest(cohort: "2026", equipment: [try EquipmentPlanLine.parse("K-0001:oven:1")]),
                                              context: RecipientListTests.admin)
        #expect(list.equipment.map(\.quantity) == [1] && list.equipment.first?.kelompokCode == "K-0001")
        // Drafted, not yet approved: still nothing.
        #expect(throws: ProgrammeRejection.equipmentNotInPlan(kelompok: "K-0001", item: "oven", approved: 0, issued: 0, requested: 2)) {
            try ops.issueEquipment(two, context: RecipientListTests.bendahara)
        }
        _ = try ops.approveRecipientList(code: "DP-2026-1", decreeNumber: "460/12/2026", decreeDate: RecipientListTests.skDate,
                                         context: RecipientListTests.kepala)
        #expect(throws: ProgrammeRejection.equipmentNotInPlan(kelompok: "K-0001", item: "oven", approved: 1, issued: 0, requested: 2)) {
            try ops.issueEquipment(two, context: RecipientListTests.bendahara)
        }
        // Dated before the SK: as if there were none.
        var early = EquipmentIssue(kelompok: "K-0001", lines: [.init(item: "oven", quantity: 1)], documentRef: "BAST-0")
        early.valueDate = RecipientListTests.skDate.adding(days: -1)
        #expect(throws: ProgrammeRejection.equipmentNotInPlan(kelompok: "K-0001", item: "oven", approved: 0, issued: 0, requested: 1)) {
            try ops.issueEquipment(early, context: RecipientListTests.bendahara)
        }
        #expect(try programme.state() == before)
        let one = EquipmentIssue(kelompok: "K-0001", lines: [.init(item: "oven", quantity: 1)], documentRef: "BAST-1")
        #expect(try !ops.issueEquipment(one, context: RecipientListTests.bendahara).isReplay)
        #expect(try ops.issueEquipment(one, context: RecipientListTests.bendahara).isReplay, "a replay is not counted again")
        #expect(throws: ProgrammeRejection.equipmentNotInPlan(kelompok: "K-0001", item: "oven", approved: 1, issued: 1, requested: 1)) {
            try ops.issueEquipment(EquipmentIssue(kelompok: "K-0001", lines: [.init(item: "oven", quantity: 1)], documentRef: "BAST-2"),
                                   context: RecipientListTests.bendahara)
        }
        // The approved list is frozen, its equipment too.
        #expect(throws: (any Error).self) {
            try RegistryChangeTests.insider(programme.store, "UPDATE recipient_list_equipment SET quantity = 5")
        }
        #expect(throws: (any Error).self) {
            try RegistryChangeTests.insider(programme.store,
                                            "INSERT INTO recipient_list_equipment (list_id, number, kelompok_id, item_id, quantity) VALUES (1, 2, 1, 1, 3)")
        }
        #expect(try programme.verify().isValid)
    }

    @Test("a purchase keeps its supplier, invoice and goods-received report, and no one edits them", arguments: StoreUnderTest.all)
    func purchasePapers(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let kept = try programme.store.read { tx in try tx.purchaseDocuments(entryID: 2) }
        #expect(kept == PurchaseDocuments(supplier: "CV Maju Jaya", invoiceNumber: "F-12/2026", receiptReport: nil))
        let entry = try programme.store.read { tx in try tx.entry(id: 2) }
        #expect(entry?.memo == "Pembelian peralatan: 2 × oven · penyedia CV Maju Jaya, faktur/nota F-12/2026")
        // A purchase without papers has none; a replay adds none.
        _ = try programme.ops.buyEquipment(EquipmentPurchase(lines: [.init(item: "oven", quantity: 1, unitCost: Rupiah(900_000))],
                                                             documentRef: "NOTA-2"), context: RecipientListTests.bendahara)
        #expect(try programme.store.read { tx in try tx.purchaseDocuments(entryID: 3) } == nil)
        for sql in ["UPDATE purchase_document SET supplier = 'Toko Lain' WHERE entry_id = 2", "DELETE FROM purchase_document"] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(programme.store, sql) }
        }
        #expect(try programme.verify().isValid)
    }
}
