import BekalCore

/// The demo's aftercare (*pendampingan*): four workers, each kelompok and graduate in a
/// caseload, kelompok visits on the standard schedule for 24 months after the grants and a
/// check every five months after that, outcomes, and the graduates lost to follow-up.
///
/// Deterministic: every date follows from the grant dates, and who returns, who is lost and
/// who stays unknown follows from her place in the register (`fateOf`), not from chance.
enum DemoAftercare {
    static let workers = [
        (code: "PSM-01", name: "Marlina Sitompul"), (code: "PSM-02", name: "Heru Santoso"),
        (code: "PSM-03", name: "Suryani Hasibuan"), (code: "PSM-04", name: "Dedi Kurniawan"),
    ]
    /// PSM-04 joins on this day and takes over the 2007 kelompok of PSM-01, whose caseload had grown too big.
    static let reassignedOn = DemoRoster.day("2010-01-04")
    /// No visit is planned after this day (the demo's clock is 2012-12-31).
    static let lastVisitDay = DemoRoster.day("2012-12-20")

    enum Fate { case notReturned, returned, unknown, lost(Whereabouts, afterMonths: Int) }

    /// Roughly 14 % lost, 12 % returned, 10 % unknown, the rest not returned, spread over the
    /// register by a fixed permutation of the graduate's index.
    static func fateOf(index i: Int) -> Fate {
        let f = (i * 37 + 11) % 100
        if f < 14 { return .lost(i % 2 == 0 ? .unreachable : .wentHomeToVillage, afterMonths: 9 + i % 10) }
        if f < 26 { return .returned }
        if f < 36 { return .unknown }
        return .notReturned
    }

    /// Register numbers of the stories of seed 002, whose visits are written out by hand.
    static let warung = "BL-2007-001", tooSmall = "BL-2007-060", phone = "BL-2008-015", kiosk = "BL-2007-030"
    static let cakeBakers = ["BL-2008-001", "BL-2008-002"]
    static let cakeNeeds = "pemasaran dan nama merek"

    /// Why a graduate of the register returned, by her place in it: most because the family
    /// needed money, then a business that failed, a pimp or partner, going back to the old place.
    static func reasons(index i: Int) -> OutcomeFactors {
        let all: [[ReturnReason]] = [[.familyNeedsMoney], [.businessFailed], [.familyNeedsMoney, .coerced], [.movedBack],
                                     [.familyNeedsMoney, .grantTooSmall]]
        return OutcomeFactors(reasons: all[i % all.count])
    }

    /// What the worker saw keep her from returning, two years on.
    static func protective(index i: Int) -> OutcomeFactors {
        let all: [[ProtectiveFactor]] = [[.businessRunning], [.familySupport], [.businessRunning, .familySupport], [.married], [.steadyJob]]
        return OutcomeFactors(protective: all[i % all.count])
    }

    /// A recorded step, put in date order before it is written.
    enum Step {
        case visit(VisitRequest)
        case outcome(register: String, returned: ReturnedToSexWork, source: OutcomeSource, factors: OutcomeFactors = .none)
        case leave(kelompok: String, register: String)
        /// The open need of this kind of the kelompok, answered on the step's day.
        case answerNeed(kelompok: String, kind: NeedKind, support: SupportKind, note: String)
    }
}

extension DemoProgramme.Loader {
    /// Workers, caseloads, visits and outcomes; returns how many visits and outcomes were recorded.
    func recordAftercare() throws -> (visits: Int, outcomes: Int) {
        for w in DemoAftercare.workers { _ = try tx.insertWorker(code: w.code, name: w.name) }
        var steps: [(date: LocalDate, step: DemoAftercare.Step)] = []
        for (k, key) in kelompokOrder.enumerated() {
            try assignCaseload(k, key)
            steps += kelompokVisits(k, key)
        }
        steps += personSteps()
        steps += storySteps()
        // A stable sort keeps the order of steps planned for one day.
        let ordered = steps.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        var visits = 0, outcomes = 0
        for (date, step) in ordered {
            switch step {
            case .visit(let request):
                if try !Operations.recordVisit(request, context: context, in: tx).replayed { visits += 1 }
            case .outcome(let register, let returned, let source, let factors):
                _ = try Operations.recordOutcome(beneficiary: register, asOf: date, returned: returned, source: source, factors: factors,
                                                 context: context, in: tx)
                outcomes += 1
            case .leave(let kelompok, let register):
                try Operations.leave(kelompok: kelompok, beneficiary: register, on: date, in: tx)
            case .answerNeed(let code, let kind, let support, let note):
                let kelompok = try Resolve.kelompok(code, in: tx)
                for need in try tx.needs(beneficiaryIDs: [], kelompokIDs: [kelompok.id], openOnly: true) where need.kind == kind {
                    try tx.insertNeedAnswer(needID: need.id, Need.Answer(closedOn: date, support: support, note: note, visitID: nil,
                                                                         actor: context.actor, recordedAt: context.recordedAt))
                }
            }
        }
        return (visits, outcomes)
    }

    func cohortOf(_ key: String) -> DemoRoster.CohortPlan {
        DemoRoster.cohorts.first { key.hasPrefix($0.code + "/") }!
    }

    /// The worker of the k-th kelompok on a day.
    func worker(_ k: Int, _ key: String, on date: LocalDate) -> String {
        let code = DemoAftercare.workers[k % 3].code
        if code == "PSM-01" && cohortOf(key).code == "2007" && date >= DemoAftercare.reassignedOn { return "PSM-04" }
        return code
    }

    func assignCaseload(_ k: Int, _ key: String) throws {
        let formed = cohortOf(key).trainingEnd.adding(days: 3)
        let first = worker(k, key, on: formed), later = worker(k, key, on: DemoAftercare.reassignedOn)
        let code = kelompokCodes[key]!
        for (beneficiary, kelompok) in [(nil, code)] + kelompokMembers[key]!.map({ ($0, nil as String?) }) {
            _ = try Operations.assign(worker: first, beneficiary: beneficiary, kelompok: kelompok, from: formed, in: tx)
            if later != first {
                _ = try Operations.assign(worker: later, beneficiary: beneficiary, kelompok: kelompok,
                                          from: DemoAftercare.reassignedOn, in: tx)
            }
        }
    }

    /// The days a kelompok is visited: the standard schedule from its grants, then every five
    /// months, often enough that nobody still in a kelompok goes 180 days without contact.
    func visitDays(from grant: LocalDate) -> [(months: Int, date: LocalDate)] {
        var months = FollowUpPolicy.standard.scheduleMonths
        var next = 29
        while grant.adding(months: next) <= DemoAftercare.lastVisitDay { months.append(next); next += 5 }
        return months.map { ($0, grant.adding(months: $0)) }
    }

    func kelompokVisits(_ k: Int, _ key: String) -> [(date: LocalDate, step: DemoAftercare.Step)] {
        let members = kelompokMembers[key]!
        let grant = members.compactMap { grantDates[$0] }.min()!
        let usaha = usahaOfOwner[key]
        let track = key.split(separator: "/")[1]
        let kit = DemoRoster.kits[String(track)]!.map(\.item)
        let isCake = key == "\(DemoProgramme.cakeKelompok.cohort)/\(DemoProgramme.cakeKelompok.track)/\(DemoProgramme.cakeKelompok.number)"
        let days = visitDays(from: grant)
        var steps: [(date: LocalDate, step: DemoAftercare.Step)] = []
        // The cake kelompok's needs after four went home: heard once, marketing answered on the next visit.
        var cakeVisitsAfter = 0
        for (n, (months, date)) in days.enumerated() {
            let previous = n == 0 ? grant : days[n - 1].date
            let contact: ContactMode = months > 24 ? .phone : n % 4 == 3 ? .phone : n % 7 == 5 ? .throughRTHead : .homeVisit
            var support: [SupportKind] = []
            var needs: String?
            switch months {
            case 2: support = [.bookkeeping]
            case 4: support = [.marketing]
            case 9: support = usaha == nil ? [.extraTraining] : [.marketLink]
            case 3: needs = k % 3 == 0 ? "modal tambahan untuk bahan baku" : nil
            case 6: needs = usaha == nil ? nil : "kemasan dan label"
            default: break
            }
            if isCake && date > DemoProgramme.wentHome.on {
                support = [.marketing, .branding]
                needs = DemoAftercare.cakeNeeds
            }
            var equipment: [EquipmentObservation] = []
            if [6, 12, 24].contains(months) {
                equipment = kit.enumerated().map { i, item in
                    let condition: EquipmentCondition =
                        months >= 12 && i == 0 && k % 5 == 2 ? .broken : months == 24 && i == kit.count - 1 && k % 7 == 3 ? .sold : .working
                    return EquipmentObservation(item: item, condition: condition)
                }
            }
            var sales: SalesReport?
            if usaha != nil && months <= 24 {
                // Roughly Rp25.000 a day, growing slowly, in whole thousands.
                let perDay = Int64(20_000 + (k % 4) * 2_500 + months * 500)
                sales = SalesReport(amount: Rupiah(perDay * Int64(previous.days(until: date))), periodStart: previous.adding(days: 1),
                                    periodEnd: date)
            }
            let next = n + 1 < days.count ? days[n + 1].date : nil
            var request = VisitRequest(
                date: date, worker: worker(k, key, on: date), kelompok: kelompokCodes[key]!, usaha: usaha, contactMode: contact,
                whereabouts: .here, businessStatus: usaha == nil ? nil : .running, sales: sales, support: support,
                equipment: equipment, needs: needs, nextVisitDue: next)
            if isCake && date > DemoProgramme.wentHome.on {
                cakeVisitsAfter += 1
                if cakeVisitsAfter == 1 { request.needKinds = [.marketing, .branding] }
            }
            steps.append((date, .visit(request)))
            if isCake && cakeVisitsAfter == 2 && request.needKinds.isEmpty {
                steps.append((date, .answerNeed(kelompok: kelompokCodes[key]!, kind: .marketing, support: .marketing,
                                                note: "Dibantu menerima pesanan kue untuk rapat kantor dan arisan")))
            }
        }
        return steps
    }

    /// Outcomes of every graduate outside the stories, what some of them did with the grant,
    /// and the visit that finds a lost one gone.
    func personSteps() -> [(date: LocalDate, step: DemoAftercare.Step)] {
        let story = Set([DemoAftercare.warung, DemoAftercare.tooSmall, DemoAftercare.phone, DemoAftercare.kiosk]
                        + DemoAftercare.cakeBakers + DemoProgramme.wentHome.members)
        var steps: [(date: LocalDate, step: DemoAftercare.Step)] = []
        let graduates = DemoRoster.people.filter(\.completed)
        for (i, person) in graduates.enumerated() where !story.contains(person.register) {
            let grant = grantDates[person.register]!
            let k = kelompokOrder.firstIndex { kelompokMembers[$0]!.contains(person.register) }!
            let key = kelompokOrder[k]
            if i % 3 == 0 {
                // A home visit to one graduate in three, where she says what the grant went to.
                let uses: [GrantUse] = [.businessStock, .businessStock, .businessEquipment, .household, .debt, .other]
                let date = grant.adding(months: 1).adding(days: 3)
                steps.append((date, .visit(VisitRequest(date: date, worker: worker(k, key, on: date), beneficiary: person.register,
                                                       contactMode: .homeVisit, whereabouts: .here,
                                                       grantUse: uses[(i / 3) % uses.count]))))
            }
            switch DemoAftercare.fateOf(index: i) {
            case .notReturned:
                steps.append((grant.adding(months: 6), .outcome(register: person.register, returned: .no, source: .selfReport)))
                steps.append((grant.adding(months: 24), .outcome(register: person.register, returned: .no, source: .workerObservation,
                                                                 factors: DemoAftercare.protective(index: i))))
            case .returned:
                steps.append((grant.adding(months: 6), .outcome(register: person.register, returned: .no, source: .selfReport)))
                steps.append((grant.adding(months: 12), .outcome(register: person.register, returned: .yes, source: .communityReport,
                                                                 factors: DemoAftercare.reasons(index: i))))
            case .unknown:
                steps.append((grant.adding(months: 12), .outcome(register: person.register, returned: .unknown, source: .workerObservation)))
            case .lost(let whereabouts, let months):
                steps.append((grant.adding(months: 6), .outcome(register: person.register, returned: .no, source: .selfReport)))
                let date = grant.adding(months: months).adding(days: 5)
                steps.append((date, .visit(VisitRequest(date: date, worker: worker(k, key, on: date), beneficiary: person.register,
                                                       contactMode: .throughRTHead, whereabouts: whereabouts,
                                                       notes: whereabouts == .unreachable ? "Nomor telepon tidak aktif; tetangga tidak tahu"
                                                           : "Menurut ketua RT sudah pulang ke kampung halaman"))))
                steps.append((date, .leave(kelompok: kelompokCodes[key]!, register: person.register)))
            }
        }
        return steps
    }
}

extension DemoProgramme.Loader {
    /// The five stories of seed 002, as the worker recorded them.
    func storySteps() -> [(date: LocalDate, step: DemoAftercare.Step)] {
        var steps: [(date: LocalDate, step: DemoAftercare.Step)] = []
        func workerOf(_ register: String, on date: LocalDate) -> String {
            let k = kelompokOrder.firstIndex { kelompokMembers[$0]!.contains(register) }!
            return worker(k, kelompokOrder[k], on: date)
        }
        func outcome(_ register: String, months: Int, _ returned: ReturnedToSexWork, _ source: OutcomeSource,
                     _ factors: OutcomeFactors = .none) {
            steps.append((grantDates[register]!.adding(months: months),
                          .outcome(register: register, returned: returned, source: source, factors: factors)))
        }
        // Stories 1 and 4: her own business, visited at home with its sales.
        for (register, use, note, perDay) in [
            (DemoAftercare.warung, GrantUse.businessStock, "Membuka warung makan bersama ibunya; sudah berhenti dari pekerjaan lama", Int64(45_000)),
            (DemoAftercare.kiosk, GrantUse.familyBusiness, "Bantuan diserahkan untuk kios rokok suaminya; ia ikut menjaga kios", Int64(30_000)),
        ] {
            let grant = grantDates[register]!
            var previous = grant
            for months in [1, 2, 3, 6, 9, 12, 18, 24] {
                let date = grant.adding(months: months).adding(days: 2)
                steps.append((date, .visit(VisitRequest(
                    date: date, worker: workerOf(register, on: date), beneficiary: register, usaha: usahaOfOwner[register]!,
                    contactMode: .homeVisit, whereabouts: .here, businessStatus: .running,
                    sales: SalesReport(amount: Rupiah(perDay * Int64(previous.days(until: date))), periodStart: previous.adding(days: 1),
                                       periodEnd: date),
                    support: months == 3 ? [.bookkeeping] : [], grantUse: months == 1 ? use : nil,
                    notes: months == 1 ? note : nil))))
                previous = date
            }
            outcome(register, months: 6, .no, .selfReport)
            // The warung runs with her mother; the kiosk is her husband's.
            outcome(register, months: 24, .no, .workerObservation,
                    OutcomeFactors(protective: register == DemoAftercare.warung ? [.businessRunning, .familySupport] : [.married]))
        }
        // Story 2: the grant was too small to start anything; she still works.
        let small = grantDates[DemoAftercare.tooSmall]!.adding(months: 2).adding(days: 3)
        steps.append((small, .visit(VisitRequest(
            date: small, worker: workerOf(DemoAftercare.tooSmall, on: small), beneficiary: DemoAftercare.tooSmall, contactMode: .homeVisit,
            whereabouts: .here, businessStatus: .neverStarted, grantUse: .household, needs: "modal tambahan untuk membuka salon",
            notes: "Mengatakan bantuan terlalu kecil untuk memulai usaha; dipakai untuk kebutuhan sehari-hari"))))
        outcome(DemoAftercare.tooSmall, months: 12, .yes, .selfReport, OutcomeFactors(reasons: [.grantTooSmall]))
        // Story 3: the grant spent on a mobile phone; she still works.
        let phone = grantDates[DemoAftercare.phone]!.adding(months: 2).adding(days: 3)
        steps.append((phone, .visit(VisitRequest(
            date: phone, worker: workerOf(DemoAftercare.phone, on: phone), beneficiary: DemoAftercare.phone, contactMode: .homeVisit,
            whereabouts: .here, businessStatus: .neverStarted, grantUse: .phone,
            notes: "Bantuan dipakai membeli telepon genggam"))))
        // Her mother was ill and the family needed money (the neighbours' account).
        outcome(DemoAftercare.phone, months: 9, .yes, .communityReport, OutcomeFactors(reasons: [.familyNeedsMoney]))
        // Story 5: the four who went home are found gone through the RT head; the two bakers stay.
        for register in DemoProgramme.wentHome.members {
            steps.append((DemoProgramme.wentHome.on, .visit(VisitRequest(
                date: DemoProgramme.wentHome.on, worker: workerOf(register, on: DemoProgramme.wentHome.on), beneficiary: register, contactMode: .throughRTHead,
                whereabouts: .wentHomeToVillage, notes: "Menurut ketua RT sudah pulang ke kampung halaman"))))
        }
        for register in DemoAftercare.cakeBakers {
            outcome(register, months: 6, .no, .selfReport)
            outcome(register, months: 24, .no, .workerObservation, OutcomeFactors(protective: [.businessRunning]))
        }
        return steps
    }
}
