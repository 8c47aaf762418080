import BekalCore
import Foundation

extension DemoProgramme {
    /// Records the demo through ``Operations`` in one open transaction, cohort after cohort in
    /// date order, so the cash book reads as the treasurer would have written it.
    struct Loader {
        let tx: any StoreTransaction
        let context = DemoProgramme.context
        /// Kelompok codes by "cohort/track/number".
        var kelompokCodes: [String: String] = [:]
        var kelompokMembers: [String: [String]] = [:]
        /// Usaha codes by brand, for the aftercare that names them.
        var usahaByBrand: [String: String] = [:]
        /// Usaha codes by the register number of their owner, or by kelompok key.
        var usahaOfOwner: [String: String] = [:]
        /// Kelompok keys in the order they were formed.
        var kelompokOrder: [String] = []
        /// Each graduate's grant day, by register number.
        var grantDates: [String: LocalDate] = [:]
        var summary = (kelompok: 0, usaha: 0, grants: 0)

        init(tx: any StoreTransaction) { self.tx = tx }

        mutating func run() throws -> DemoSummary {
            try setUp()
            let imported = try importBeneficiaries()
            for cohort in DemoRoster.cohorts {
                try runCohort(cohort)
                if cohort.code == cakeKelompok.cohort { try cakeKelompokShrinks() }
            }
            try aftercare()
            let followUp = try recordAftercare()
            try recordCasePaths()
            try budget2012()
            try equipmentCare2012()
            try market2012()
            try training2010()
            return DemoSummary(beneficiaries: imported.beneficiaries,
                               graduates: DemoRoster.people.filter(\.completed).count, kelompok: summary.kelompok,
                               usaha: summary.usaha, grants: summary.grants, entries: try tx.entryCount(),
                               visits: followUp.visits, outcomes: followUp.outcomes)
        }

        func setUp() throws {
            _ = try Operations.initialise(officeName: DemoProgramme.officeName, in: tx)
            var settings = try tx.settings()
            settings.officeAddress = DemoProgramme.officeAddress
            settings.signatories = try DemoProgramme.signatories()
            settings.grantsNeedApprovedList = true
            try tx.saveSettings(settings)
            for track in DemoRoster.tracks { _ = try Operations.addTrack(code: track.code, name: track.name, in: tx) }
            for c in DemoRoster.cohorts {
                _ = try Operations.addCohort(CohortDraft(code: c.code, name: "Angkatan \(c.code)", trainingStart: c.trainingStart,
                                                         trainingEnd: c.trainingEnd, budget: c.budget, budgetYear: c.year), in: tx)
            }
            for item in DemoRoster.items {
                _ = try Operations.addEquipmentItem(code: item.code, name: item.name, unit: item.unit, in: tx)
            }
        }

        /// The women come in through the CSV import, as an office's register would.
        func importBeneficiaries() throws -> ImportSummary {
            let plan = try BeneficiaryImport.plan(data: Data(DemoRoster.beneficiariesCSV.utf8), file: DemoProgramme.csvFile,
                                                  today: context.today(in: try tx.settings()), lookup: ImportLookup(tx))
            return try BeneficiaryImport.apply(plan, in: tx)
        }

        mutating func runCohort(_ cohort: DemoRoster.CohortPlan) throws {
            let graduates = DemoRoster.people.filter { $0.cohort == cohort.code && $0.completed }
            let (first, rest) = (cohort.receipts[0], cohort.receipts.dropFirst())
            try receive(first, cohort)
            let groups = DemoRoster.kelompokPlan(cohort, graduates)
            try buyKits(for: groups, cohort)
            for receipt in rest { try receive(receipt, cohort) }
            try formKelompok(groups, cohort)
            let usahaOf = try openUsaha(cohort)
            try approveRecipientList(cohort)
            try payGrants(graduates, cohort, usahaOf: usahaOf)
        }

        func receive(_ receipt: (ref: String, date: LocalDate, amount: Rupiah), _ cohort: DemoRoster.CohortPlan) throws {
            _ = try Operations.receiveBudget(
                BudgetReceipt(amount: receipt.amount, documentRef: receipt.ref, valueDate: receipt.date,
                              memo: "Penerimaan anggaran pembinaan dan pemberdayaan angkatan \(cohort.code) (SP2D)",
                              budgetYear: cohort.year, cohort: cohort.code),
                context: context, in: tx)
        }

        func buyKits(for groups: [(track: String, members: [String])], _ cohort: DemoRoster.CohortPlan) throws {
            var quantities: [String: Int64] = [:]
            for group in groups { for line in DemoRoster.kits[group.track]! { quantities[line.item, default: 0] += line.quantity } }
            let lines = DemoRoster.items.compactMap { item in
                quantities[item.code].map { EquipmentPurchase.Line(item: item.code, quantity: $0, unitCost: item.cost) }
            }
            _ = try Operations.buyEquipment(
                EquipmentPurchase(lines: lines, documentRef: "NOTA/SARPRAS/\(cohort.code)", valueDate: cohort.trainingEnd.adding(days: -10),
                                  memo: "Pengadaan sarana dan prasarana usaha angkatan \(cohort.code)"),
                context: context, in: tx)
        }

        mutating func formKelompok(_ groups: [(track: String, members: [String])], _ cohort: DemoRoster.CohortPlan) throws {
            var numberInTrack: [String: Int] = [:]
            for (index, group) in groups.enumerated() {
                numberInTrack[group.track, default: 0] += 1
                let number = numberInTrack[group.track]!
                let trackName = DemoRoster.tracks.first { $0.code == group.track }!.name
                let kelompok = try Operations.addKelompok(
                    name: "Kelompok \(trackName) \(cohort.code)-\(number)", cohort: cohort.code, track: group.track,
                    members: group.members, joinedOn: cohort.trainingEnd.adding(days: 3), in: tx)
                let key = "\(cohort.code)/\(group.track)/\(number)"
                kelompokCodes[key] = kelompok.code
                kelompokMembers[key] = group.members
                kelompokOrder.append(key)
                summary.kelompok += 1
                let kit = DemoRoster.kits[group.track]!.map { EquipmentIssue.Line(item: $0.item, quantity: $0.quantity) }
                _ = try Operations.issueEquipment(
                    EquipmentIssue(kelompok: kelompok.code, lines: kit,
                                   documentRef: "BAST/SARPRAS/\(cohort.code)/" + String(format: "%02d", index + 1),
                                   valueDate: cohort.trainingEnd.adding(days: 7)),
                    context: context, in: tx)
            }
        }

        /// Opens the cohort's usaha; returns the usaha code each woman's grant goes into.
        mutating func openUsaha(_ cohort: DemoRoster.CohortPlan) throws -> [String: String] {
            var usahaOf: [String: String] = [:]
            for plan in DemoProgramme.usahaPlans where plan.cohort == cohort.code {
                let draft: UsahaDraft
                let members: [String]
                let ownerKey: String
                switch plan.owner {
                case .person(let register):
                    draft = UsahaDraft(ownerBeneficiary: register, product: plan.product, brand: plan.brand,
                                       location: plan.location, kelurahan: plan.kelurahan)
                    members = [register]
                    ownerKey = register
                case .kelompok(let track, let number):
                    let key = "\(cohort.code)/\(track)/\(number)"
                    draft = UsahaDraft(ownerKelompok: kelompokCodes[key]!, product: plan.product, brand: plan.brand,
                                       location: plan.location, kelurahan: plan.kelurahan)
                    members = kelompokMembers[key]!
                    ownerKey = key
                }
                let usaha = try Operations.addUsaha(draft, in: tx)
                summary.usaha += 1
                if let brand = plan.brand { usahaByBrand[brand] = usaha.code }
                usahaOfOwner[ownerKey] = usaha.code
                for register in plan.capitalFrom ?? members { usahaOf[register] = usaha.code }
            }
            return usahaOf
        }

        /// One kuitansi per graduate, two weeks after graduation onwards, a few a day.
        /// The admin drafts the cohort's list of graduates; the head of office approves it with
        /// the SK a week after training ends, before the first grant is paid.
        func approveRecipientList(_ cohort: DemoRoster.CohortPlan) throws {
            var admin = context, kepala = context
            admin.actor = "admin"
            kepala.actor = "kepala"
            let list = try Operations.draftRecipientList(RecipientListRequest(cohort: cohort.code), context: admin, in: tx)
            _ = try Operations.approveRecipientList(code: list.code, decreeNumber: "460/\(cohort.code.suffix(2))/SK/DINSOS/\(cohort.trainingEnd.year)",
                                                    decreeDate: cohort.trainingEnd.adding(days: 7), context: kepala, in: tx)
        }

        mutating func payGrants(_ graduates: [DemoRoster.Person], _ cohort: DemoRoster.CohortPlan, usahaOf: [String: String]) throws {
            for (index, person) in graduates.enumerated() {
                let date = cohort.trainingEnd.adding(days: 14 + index / 4)
                grantDates[person.register] = person.register == mistypedGrant.register ? date.adding(days: 1) : date
                let ref = "KW/BMK/\(cohort.code)/" + String(format: "%03d", index + 1)
                if person.register == mistypedGrant.register {
                    let wrong = try Operations.disburseGrant(
                        GrantRequest(beneficiary: person.register, documentRef: mistypedGrant.wrongRef, valueDate: date,
                                     cohort: cohort.code, usaha: usahaOf[person.register]),
                        context: context, in: tx)
                    _ = try Operations.reverse(entryID: wrong.entry.id,
                                               reason: "Nomor kuitansi salah tulis (\(mistypedGrant.wrongRef)); dibayar ulang dengan \(ref)",
                                               date: date.adding(days: 1), context: context, in: tx)
                    summary.grants += 1
                }
                _ = try Operations.disburseGrant(
                    GrantRequest(beneficiary: person.register, documentRef: ref,
                                 valueDate: person.register == mistypedGrant.register ? date.adding(days: 1) : date,
                                 cohort: cohort.code, usaha: usahaOf[person.register]),
                    context: context, in: tx)
                summary.grants += 1
            }
        }

        func cakeKelompokShrinks() throws {
            let key = "\(cakeKelompok.cohort)/\(cakeKelompok.track)/\(cakeKelompok.number)"
            for register in wentHome.members {
                try Operations.leave(kelompok: kelompokCodes[key]!, beneficiary: register, on: wentHome.on, in: tx)
            }
        }

        func aftercare() throws {
            let keripik = usahaByBrand["Keripik Siger Manis"]!
            _ = try Operations.recordAftercareExpense(
                AftercareExpense(amount: Rupiah(750_000), documentRef: "KW/PDP/2010/014",
                                 memo: "Cetak label merek Keripik Siger Manis (1.000 lembar)",
                                 valueDate: DemoRoster.day("2010-11-15"), usaha: keripik),
                context: context, in: tx)
            let salon = usahaByBrand["Salon Melati"]!
            _ = try Operations.recordAftercareExpense(
                AftercareExpense(amount: Rupiah(1_200_000), documentRef: "KW/PDP/2011/003",
                                 memo: "Sewa stan pameran produk binaan bersama Dinas Koperasi, Perindustrian dan Perdagangan",
                                 valueDate: DemoRoster.day("2011-04-12"), usaha: salon),
                context: context, in: tx)
        }
    }
}
