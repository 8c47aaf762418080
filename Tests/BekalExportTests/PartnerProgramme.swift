import BekalCore
import Foundation

/// The small programme both export suites build through `Operations`:
/// - cohort 2025 (tata boga), five graduates: Siti (consents as "Bu Siti"), Rahma (consents,
///   no name), Dewi (consents as "Dewi"), Nurul (no consent, a NIK), Ani (consents as "Ani");
/// - budget Rp50.000.000 (April 2025); grants into U-0001 (Siti's), U-0002 (kelompok K-0001 of
///   Rahma and Dewi) and U-0003 (Nurul's); U-0004 is Ani's salon;
/// - two ovens bought, one issued to K-0001; worker PSM-01 with K-0001 and Ani;
/// - a visit to U-0002 with sales, support, needs, a note and a whereabouts; U-0004 closed;
/// - Rahma's outcome.
/// `brand`, `needs` and `note` are the texts a suite wants to see handled; `afterGrants` adds
/// entries of its own where the entry numbers should have them.
enum PartnerProgramme {
    static let secretNIK = "1871014506900002"

    static func build(_ ops: Operations, context: OperationContext, brand: String, needs: String, note: String,
                      afterGrants: () throws -> Void = {}) throws {
        try ops.initialise()
        _ = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
        _ = try ops.addCohort(CohortDraft(code: "2025", trainingStart: day("2025-01-06"), trainingEnd: day("2025-04-05"), budgetYear: 2025))
        let people: [BeneficiaryDraft] = [
            BeneficiaryDraft(name: "Siti Rahayu Lestari", consentShare: true, consentName: "Bu Siti"),
            BeneficiaryDraft(name: "Rahma Wulandari", consentShare: true),
            BeneficiaryDraft(name: "Dewi Kartika Sari", consentShare: true, consentName: "Dewi"),
            BeneficiaryDraft(name: "Nurul Hidayati", nik: try NIK.parse(secretNIK), consentShare: false, consentName: "Nurul"),
            BeneficiaryDraft(name: "Ani Susanti", consentShare: true, consentName: "Ani"),
        ]
        for person in people { _ = try ops.addBeneficiary(person, enrolIn: ("2025", "tata-boga", .completed)) }
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(50_000_000), documentRef: "SP2D-1", valueDate: day("2025-04-01")), context: context)
        _ = try ops.addKelompok(name: "Kue Melati", cohort: "2025", track: "tata-boga", members: ["B-00002", "B-00003"], joinedOn: day("2025-04-10"))
        _ = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00001", product: "nasi uduk", brand: brand, kelurahan: "Kedaton"))
        _ = try ops.addUsaha(UsahaDraft(ownerKelompok: "K-0001", product: "kue basah", brand: "Kue Melati", kelurahan: "Way Halim"))
        _ = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00004", product: "jahit", kelurahan: "Rajabasa"))
        _ = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00005", product: "salon", kelurahan: "Enggal"))
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-1", valueDate: day("2025-04-10"), usaha: "U-0001"), context: context)
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00002", documentRef: "KW-2", valueDate: day("2025-04-10"), usaha: "U-0002"), context: context)
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00004", documentRef: "KW-4", valueDate: day("2025-04-10"), usaha: "U-0003"), context: context)
        try afterGrants()
        _ = try ops.addEquipmentItem(code: "OVEN", name: "Oven gas", unit: "unit")
        _ = try ops.buyEquipment(EquipmentPurchase(lines: [.init(item: "OVEN", quantity: 2, unitCost: Rupiah(2_000_000))],
                                                   documentRef: "BELI-1", valueDate: day("2025-04-12")), context: context)
        _ = try ops.issueEquipment(EquipmentIssue(kelompok: "K-0001", lines: [.init(item: "OVEN", quantity: 1)],
                                                  documentRef: "BAST-1", valueDate: day("2025-04-15")), context: context)
        _ = try ops.addWorker(code: "PSM-01", name: "Bu Rina")
        _ = try ops.assign(worker: "PSM-01", beneficiary: nil, kelompok: "K-0001", from: day("2025-04-10"))
        _ = try ops.assign(worker: "PSM-01", beneficiary: "B-00005", kelompok: nil, from: day("2025-04-10"))
        _ = try ops.recordVisit(VisitRequest(date: day("2026-10-12"), worker: "PSM-01", kelompok: "K-0001", usaha: "U-0002",
                                             contactMode: .homeVisit, whereabouts: .movedWithinCity, businessStatus: .running,
                                             sales: SalesReport(amount: Rupiah(750_000), periodStart: day("2026-09-12"), periodEnd: day("2026-10-11")),
                                             support: [.marketing, .branding], needs: needs, notes: note), context: context)
        _ = try ops.recordVisit(VisitRequest(date: day("2026-10-13"), worker: "PSM-01", beneficiary: "B-00005", usaha: "U-0004",
                                             contactMode: .phone, businessStatus: .closed), context: context)
        _ = try ops.recordOutcome(beneficiary: "B-00002", asOf: day("2026-10-12"), returned: .no, source: .workerObservation, context: context)
    }
}
