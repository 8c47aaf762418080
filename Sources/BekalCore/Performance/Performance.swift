import Foundation

/// The programme's performance report for a year (*laporan kinerja*, `bekal report kinerja`),
/// by the aspects the Pekanbaru study measures a rehabilitation office by: one row per
/// indicator with its definition, numerator, denominator, value, the admin's target and
/// whether it was met.
///
/// The year's cohorts are those budgeted in it (else those whose training began in it). What
/// is not known is never rounded into a certainty: the share of grants whose graduate did not
/// return is a range (her outcome may be unknown, or she may be lost to follow-up), so is the
/// cost per graduate who did not return, and a target is *belum pasti* when the range straddles it.
public struct Performance: Hashable, Codable, Sendable {
    public enum Aspect: String, CaseIterable, Codable, Sendable {
        case effectiveness, efficiency, responsiveness, productivity, equity, accountability, recap

        public var label: String {
            switch self {
            case .effectiveness: "Efektivitas"
            case .efficiency: "Efisiensi"
            case .responsiveness: "Responsivitas"
            case .productivity: "Produktivitas"
            case .equity: "Kesetaraan"
            case .accountability: "Akuntabilitas"
            case .recap: "Rekap tahunan"
            }
        }
    }

    /// A figure of the report.
    public enum Quantity: Hashable, Codable, Sendable {
        case count(Int64)
        case rupiah(Rupiah)
        /// A share in tenths of a per cent.
        case permille(Int64)
        case days(Int64)
        /// The least and the most it can be, with what is known today.
        indirect case range(Quantity, Quantity)
        /// Nothing to count yet (no grant, no need answered).
        case none

        public var text: String {
            switch self {
            case .count(let n): Rupiah.grouped(n.magnitude)
            case .rupiah(let r): r.description
            case .permille(let p): BudgetUse.percentText(p)
            case .days(let d): "\(d) hari"
            case .range(let low, let high): low == high ? low.text : "\(low.text) s.d. \(high.text)"
            case .none: "–"
            }
        }
    }

    public enum Met: String, Hashable, Codable, Sendable {
        case met, notMet, undetermined

        public var label: String {
            switch self {
            case .met: "Tercapai"
            case .notMet: "Belum tercapai"
            case .undetermined: "Belum pasti"
            }
        }
    }

    public struct Row: Hashable, Codable, Sendable {
        public let aspect: Aspect
        /// The indicator a target is set for; nil for the figures without one.
        public let indicator: PerformanceIndicator?
        public let label: String
        /// Nil: the whole year; else the cohort, track, area or age band it is about.
        public let scope: String?
        public let definition: String
        public let numerator: Quantity
        public let denominator: Quantity
        public let value: Quantity
        public let target: Quantity?
        public let met: Met?
    }

    public let year: Int
    public let asOf: LocalDate
    public let cohorts: [String]
    public let rows: [Row]

    public static func title(_ year: Int) -> String { "Laporan Kinerja Program \(year)" }

    /// The budget year a cohort belongs to: its own, else the year its training began.
    public static func year(of cohort: Cohort) -> Int? { cohort.budgetYear ?? cohort.trainingStart?.year }

    /// Women of these ages are counted together in the equity rows.
    public static let ageBands: [(label: String, range: ClosedRange<Int>)] = [
        ("< 25 tahun", 0...24), ("25–34 tahun", 25...34), ("35–44 tahun", 35...44), ("≥ 45 tahun", 45...200),
    ]

    public static func build(year: Int, asOf: LocalDate, policy: FollowUpPolicy, in tx: any StoreTransaction) throws -> Performance {
        let builder = try Builder(year: year, asOf: asOf, policy: policy, tx: tx)
        return Performance(year: year, asOf: asOf, cohorts: builder.cohorts.map(\.code), rows: try builder.rows())
    }

    public static let columns: [Table.Column] = [
        .init("aspect", "Aspek"), .init("indicator", "Indikator"), .init("scope", "Cakupan"), .init("definition", "Definisi"),
        .init("numerator", "Pembilang"), .init("denominator", "Penyebut"), .init("value", "Nilai"), .init("target", "Target"),
        .init("met", "Capaian"),
    ]

    public var table: Table {
        Table(title: Self.title(year), columns: Self.columns, rows: rows.map { row in
            [.text(row.aspect.label), .text(row.label), .text(row.scope ?? "Seluruh \(year)"), .text(row.definition),
             .text(row.numerator.text), .text(row.denominator.text), .text(row.value.text), .text(row.target?.text ?? ""),
             .text(row.met?.label ?? "")]
        })
    }
}

extension Performance {
    /// `part / whole` rounded half up, in 128-bit arithmetic; nil for nothing to divide by.
    static func divided(_ part: Int64, by whole: Int64) -> Int64? {
        guard whole > 0, part >= 0 else { return nil }
        let (q, r) = part.quotientAndRemainder(dividingBy: whole)
        return r * 2 >= whole ? q + 1 : q
    }

    static func permille(_ part: Int, of whole: Int) -> Quantity {
        OutcomeTally.permille(part, of: whole).map { .permille(Int64($0)) } ?? .none
    }

    /// Whether `value` meets a target of `target` (in the indicator's unit; a percent target
    /// against a share in per mille), and for a range whether all of it, none of it, or part does.
    static func met(_ value: Quantity, target: Int64, _ indicator: PerformanceIndicator) -> Met? {
        let scaled = indicator.unit == .percent ? target * 10 : target
        func meets(_ q: Quantity) -> Bool? {
            let v: Int64
            switch q {
            case .count(let n), .permille(let n), .days(let n): v = n
            default: return nil
            }
            return indicator.higherIsBetter ? v >= scaled : v <= scaled
        }
        switch value {
        case .range(let low, let high):
            switch (meets(low), meets(high)) {
            case (true?, true?): return .met
            case (false?, false?): return .notMet
            case (.some, .some): return .undetermined
            case (.some(let one), nil), (nil, .some(let one)):
                // Only one end is known (no outcome known yet): it cannot settle a target it would meet.
                return one == indicator.higherIsBetter ? .undetermined : .notMet
            default: return .undetermined
            }
        case .none: return .undetermined
        default: return meets(value).map { $0 ? .met : .notMet }
        }
    }

    struct Builder {
        let year: Int
        let asOf: LocalDate
        let policy: FollowUpPolicy
        let tx: any StoreTransaction
        /// Every cohort, and the year's (budgeted in it, else trained in it) with their ids.
        let allCohorts: [Cohort]
        let cohorts: [Cohort]
        let cohortIDs: [Int64]
        /// 1 January and 31 December of the year.
        let start: LocalDate
        let end: LocalDate
        let targets: [ProgrammeTarget]
        /// The year's enrolments counted by group, and the birth year and area of origin of
        /// everyone whose grant is of the year's cohorts, read at once.
        let enrolments: EnrolmentFacts
        var people: [Int64: EquityFacts] { enrolments.people }

        init(year: Int, asOf: LocalDate, policy: FollowUpPolicy, tx: any StoreTransaction) throws {
            self.year = year
            self.asOf = asOf
            self.policy = policy
            self.tx = tx
            guard let start = LocalDate(year: year, month: 1, day: 1), let end = LocalDate(year: year, month: 12, day: 31) else {
                throw TargetRejection.yearOutOfRange(year)
            }
            self.start = start
            self.end = end
            allCohorts = try tx.cohorts()
            cohorts = allCohorts.filter { Performance.year(of: $0) == year }
            cohortIDs = cohorts.map(\.id)
            targets = TargetRows.holding(try tx.targets(year: year))
            enrolments = try tx.enrolmentFacts(cohortIDs: cohortIDs)
        }

        func target(_ indicator: PerformanceIndicator, cohortID: Int64?) -> Int64? {
            targets.first { $0.indicator == indicator && $0.cohortID == cohortID }?.value
        }

        /// Enrolled and graduated per cohort.
        struct Intake { var enrolled = 0, graduates = 0 }

        func rows() throws -> [Row] {
            var rows: [Row] = []
            // Who was enrolled and who graduated, per cohort, and per track, area and age band together.
            var intake: [Int64: Intake] = [:]
            var byBelonging: [Belonging: Intake] = [:]
            var trackNames: [Int64: String] = [:]
            for track in try tx.tracks() { trackNames[track.id] = track.name }
            for group in enrolments.groups {
                let graduates = group.graduated ? group.count : 0
                intake[group.cohortID, default: Intake()].enrolled += group.count
                intake[group.cohortID, default: Intake()].graduates += graduates
                let key = belonging(group.facts, trackID: group.trackID)
                byBelonging[key, default: Intake()].enrolled += group.count
                byBelonging[key, default: Intake()].graduates += graduates
            }
            // Grants paid and their outcomes, as of the report's day.
            var tallies: [Int64: OutcomeTally] = [:]
            var belongingTallies: [Belonging: OutcomeTally] = [:]
            let closed = try ClosedCases.read(from: tx)
            var cases: [OutcomeCase] = []
            if !cohortIDs.isEmpty { try tx.forEachOutcomeCase(asOf: asOf, cohortIDs: cohortIDs) { cases.append($0) } }
            var running: [Int64: Running] = [:]
            var schedule: [Int64: VisitSchedule.Tally] = [:]
            var plans: [LocalDate: VisitSchedule.Plan] = [:]
            for c in cases {
                running[c.cohortID, default: Running()].add(try businessAfterAYear(c))
                let plan = plans[c.grantDate] ?? VisitSchedule.Plan(grantDate: c.grantDate, policy: policy)
                plans[c.grantDate] = plan
                schedule[c.cohortID] = (schedule[c.cohortID] ?? VisitSchedule.Tally())
                    + plan.tally(bits: c.visitMonths, asOf: asOf, closedOn: closed.closedOn(beneficiaryID: c.beneficiaryID, cohortID: c.cohortID))
                let state = OutcomeState.of(c, asOf: asOf, closed: closed, lostAfterDays: policy.lostAfterDays)
                tallies[c.cohortID, default: OutcomeTally()].add(state)
                belongingTallies[belonging(people[c.beneficiaryID], trackID: c.trackID), default: OutcomeTally()].add(state)
            }
            // What the year's cohorts cost: grants, equipment and aftercare booked against them.
            let costs = try BudgetUse.used(cohortIDs: cohortIDs, in: tx)

            func sum(_ ids: [Int64]) throws -> (Intake, OutcomeTally, Rupiah, Running, VisitSchedule.Tally) {
                var i = Intake(), t = OutcomeTally(), cost = Rupiah.zero, business = Running(), visits = VisitSchedule.Tally()
                for id in ids {
                    visits = visits + (schedule[id] ?? VisitSchedule.Tally())
                    let r = running[id] ?? Running()
                    business.due += r.due; business.running += r.running; business.unreported += r.unreported
                    i.enrolled += intake[id]?.enrolled ?? 0
                    i.graduates += intake[id]?.graduates ?? 0
                    t = t + (tallies[id] ?? OutcomeTally())
                    cost = try cost.adding(costs[id] ?? .zero)
                }
                return (i, t, cost, business, visits)
            }
            // The year, then each cohort that has a target of its own.
            var scopes: [(String?, Int64?, [Int64])] = [(nil, nil, cohortIDs)]
            for cohort in cohorts where targets.contains(where: { $0.cohortID == cohort.id }) {
                scopes.append(("Angkatan \(cohort.code)", cohort.id, [cohort.id]))
            }
            for (scope, cohortID, ids) in scopes {
                let (i, t, cost, business, visits) = try sum(ids)
                rows += effectiveness(scope: scope, cohortID: cohortID, intake: i, tally: t, running: business, schedule: visits)
                if cohortID == nil { rows += efficiency(intake: i, tally: t, cost: cost) }
            }
            rows.append(try responsiveness())
            rows.append(try productivity())
            // Each woman counts in three groups: her track, her area, her age band.
            var byGroup: [EquityGroup: Intake] = [:], groupTallies: [EquityGroup: OutcomeTally] = [:]
            for (key, i) in byBelonging {
                for group in groups(key, trackNames: trackNames) {
                    byGroup[group, default: Intake()].enrolled += i.enrolled
                    byGroup[group, default: Intake()].graduates += i.graduates
                }
            }
            for (key, t) in belongingTallies {
                for group in groups(key, trackNames: trackNames) { groupTallies[group] = (groupTallies[group] ?? OutcomeTally()) + t }
            }
            rows += equity(byGroup, groupTallies)
            rows.append(try accountability())
            rows += try recap(closed)
            return rows
        }

        /// A group of the equity rows: by track, by area of origin, by age band (in the report's year).
        struct EquityGroup: Hashable, Comparable {
            let dimension: Int
            let order: Int
            let label: String
            static func < (a: EquityGroup, b: EquityGroup) -> Bool { (a.dimension, a.order, a.label) < (b.dimension, b.order, b.label) }
            static let otherAreas = EquityGroup(dimension: 1, order: 1, label: "Daerah asal lain (masing-masing < \(Rollup.smallestShownGroup) peserta)")
        }

        /// What a woman's equity groups are made of: her track, her area of origin (nil: not
        /// recorded), her age band in the report's year (nil: no birth year).
        struct Belonging: Hashable {
            let trackID: Int64?
            let area: String?
            let band: Int?
        }

        func belonging(_ person: EquityFacts?, trackID: Int64?) -> Belonging {
            let band = person?.birthYear.flatMap { born in Performance.ageBands.firstIndex { $0.range.contains(year - born) } }
            return Belonging(trackID: trackID, area: (person?.originArea).flatMap { $0.isEmpty ? nil : $0 }, band: band)
        }

        /// The equity groups a woman counts in: her track, her area of origin, her age band.
        func groups(_ key: Belonging, trackNames: [Int64: String]) -> [EquityGroup] {
            let trackID = key.trackID, band = key.band
            return [
                EquityGroup(dimension: 0, order: 0, label: "Jurusan " + (trackID.flatMap { trackNames[$0] } ?? "(tanpa jurusan)")),
                EquityGroup(dimension: 1, order: 0, label: "Daerah asal " + (key.area ?? "(tidak dicatat)")),
                EquityGroup(dimension: 2, order: band ?? Performance.ageBands.count,
                            label: "Usia " + (band.map { Performance.ageBands[$0].label } ?? "(tidak dicatat)")),
            ]
        }

        /// Per group, the graduation rate and the range of grants not returned. Areas with fewer
        /// than five enrolled are counted together; a group of one to four grants shows no outcome,
        /// since a count that small is a woman's own.
        func equity(_ byGroup: [EquityGroup: Intake], _ tallies: [EquityGroup: OutcomeTally]) -> [Row] {
            var intake: [EquityGroup: Intake] = [:], outcome: [EquityGroup: OutcomeTally] = [:]
            for (group, i) in byGroup {
                let key = group.dimension == 1 && i.enrolled < Rollup.smallestShownGroup ? EquityGroup.otherAreas : group
                intake[key, default: Intake()].enrolled += i.enrolled
                intake[key, default: Intake()].graduates += i.graduates
                outcome[key] = (outcome[key] ?? OutcomeTally()) + (tallies[group] ?? OutcomeTally())
            }
            var rows: [Row] = []
            for group in intake.keys.sorted() {
                let i = intake[group]!, t = outcome[group] ?? OutcomeTally()
                let small = t.grants > 0 && t.grants < Rollup.smallestShownGroup
                rows.append(Row(aspect: .equity, indicator: nil, label: "Kelulusan", scope: group.label,
                                definition: "Peserta yang lulus, dari yang terdaftar",
                                numerator: .count(Int64(i.graduates)), denominator: .count(Int64(i.enrolled)),
                                value: Performance.permille(i.graduates, of: i.enrolled), target: nil, met: nil))
                rows.append(Row(aspect: .equity, indicator: nil, label: "Penerima bantuan yang tidak kembali", scope: group.label,
                                definition: small ? "Tidak ditampilkan untuk kurang dari \(Rollup.smallestShownGroup) penerima bantuan"
                                    : "Dari semua penerima s.d. dari yang hasilnya diketahui",
                                numerator: small ? .none : .count(Int64(t.notReturned)),
                                denominator: small ? .none : .range(.count(Int64(t.grants)), .count(Int64(t.returned + t.notReturned))),
                                value: small ? .none : successRange(t), target: nil, met: nil))
            }
            return rows
        }

        func successRange(_ t: OutcomeTally) -> Quantity {
            guard t.grants > 0 else { return .none }
            let low = Performance.permille(t.notReturned, of: t.grants)
            let known = t.returned + t.notReturned
            return .range(low, known > 0 ? Performance.permille(t.notReturned, of: known) : .none)
        }

        /// Grants paid at least a year ago: how many a visit since found running, and how many no
        /// visit since has reported on (running or not, nobody knows).
        struct Running {
            var due = 0, running = 0, unreported = 0
            mutating func add(_ status: BusinessStatus??) {
                guard let status else { return }
                due += 1
                switch status {
                case .running?: running += 1
                case nil: unreported += 1
                default: break
                }
            }
        }

        /// Nil: the grant is not a year old. Else the business status of the latest visit since
        /// its first anniversary (nil inside: no visit since has said). Her case carries the latest
        /// status any visit gave; only when that visit is dated after the report's day are her
        /// visits read for the one known on that day.
        func businessAfterAYear(_ c: OutcomeCase) throws -> BusinessStatus?? {
            let anniversary = c.grantDate.adding(months: 12)
            guard anniversary <= asOf else { return nil }
            guard let latestOn = c.businessStatusOn else { return .some(nil) }
            if latestOn <= asOf { return .some(latestOn >= anniversary ? c.businessStatus : nil) }
            let visit = try tx.visits(reaching: c.beneficiaryID, limit: 60).first { v in
                v.date >= anniversary && v.date <= asOf && v.businessStatus != nil
            }
            return .some(visit?.businessStatus)
        }

        func effectiveness(scope: String?, cohortID: Int64?, intake i: Intake, tally t: OutcomeTally, running r: Running,
                           schedule v: VisitSchedule.Tally) -> [Row] {
            func row(_ indicator: PerformanceIndicator, _ definition: String, _ numerator: Quantity, _ denominator: Quantity,
                     _ value: Quantity) -> Row {
                let goal = target(indicator, cohortID: cohortID)
                let targetQuantity: Quantity? = goal.map { indicator.unit == .percent ? .permille($0 * 10) : .count($0) }
                return Row(aspect: .effectiveness, indicator: indicator, label: indicator.label, scope: scope, definition: definition,
                           numerator: numerator, denominator: denominator, value: value, target: targetQuantity,
                           met: goal.flatMap { Performance.met(value, target: $0, indicator) })
            }
            let paid = t.grants
            return [
                row(.graduates, "Peserta angkatan tahun ini yang lulus pelatihan, dari yang terdaftar",
                    .count(Int64(i.graduates)), .count(Int64(i.enrolled)), .count(Int64(i.graduates))),
                row(.grantsPaid, "Lulusan yang menerima bantuan modal kerja (tidak dibatalkan), dari lulusan",
                    .count(Int64(paid)), .count(Int64(i.graduates)), .count(Int64(paid))),
                row(.notReturned, "Penerima bantuan yang tidak kembali: dari semua penerima (batas bawah) s.d. dari yang hasilnya diketahui (batas atas)",
                    .count(Int64(t.notReturned)), .range(.count(Int64(t.grants)), .count(Int64(t.returned + t.notReturned))), successRange(t)),
                row(.businessesRunning, "Bantuan yang dibayar sedikitnya 12 bulan lalu dan usahanya didapati berjalan pada kunjungan sesudahnya: "
                    + "yang dilaporkan berjalan (batas bawah) s.d. ditambah yang belum dilaporkan sejak itu (batas atas)",
                    .range(.count(Int64(r.running)), .count(Int64(r.running + r.unreported))), .count(Int64(r.due)),
                    r.due > 0 ? .range(Performance.permille(r.running, of: r.due), Performance.permille(r.running + r.unreported, of: r.due)) : .none),
                row(.lostToFollowUp, "Penerima bantuan yang hilang kontak (tanpa kabar lebih dari \(policy.lostAfterDays) hari), dari semua penerima",
                    .count(Int64(t.lost)), .count(Int64(t.grants)), Performance.permille(t.lost, of: t.grants)),
                row(.visitsOnSchedule, "Kunjungan terjadwal penerima bantuan (bulan ke-\(scheduleText) sesudah bantuan) yang batas waktunya sudah lewat "
                    + "dan kasusnya belum ditutup pada jadwal itu: yang dilakukan tepat waktu, yaitu kunjungan yang menjumpainya sesudah jadwal "
                    + "sebelumnya dan paling lambat \(VisitSchedule.graceDays) hari sesudah jadwalnya",
                    .count(Int64(v.onTime)), .count(Int64(v.due)), Performance.permille(v.onTime, of: v.due)),
            ]
        }

        /// The policy's scheduled months after the grant, as the definition names them ("1, 2, 3, 4, 5, 6, 9, … 24").
        var scheduleText: String {
            let months = policy.scheduleMonths.filter { $0 <= VisitSchedule.lastMonth }
            let shown = months.count > 9 ? months.prefix(7).map(String.init) + ["…", String(months.last!)] : months.map(String.init)
            return shown.joined(separator: ", ")
        }

        func efficiency(intake i: Intake, tally t: OutcomeTally, cost: Rupiah) -> [Row] {
            let perGraduate: Quantity = Performance.divided(cost.amount, by: Int64(i.graduates)).map { .rupiah(Rupiah($0)) } ?? .none
            // She did not return: at least those known not to have, at most those too whose outcome is not known.
            let fewest = Int64(t.notReturned), most = Int64(t.notReturned + t.unknown + t.lost)
            let low: Quantity = Performance.divided(cost.amount, by: most).map { .rupiah(Rupiah($0)) } ?? .none
            let high: Quantity = Performance.divided(cost.amount, by: fewest).map { .rupiah(Rupiah($0)) } ?? .none
            return [
                Row(aspect: .efficiency, indicator: nil, label: "Biaya per lulusan", scope: nil,
                    definition: "Bantuan modal, peralatan dan pendampingan angkatan tahun ini (bersih dari pembatalan), dibagi lulusan",
                    numerator: .rupiah(cost), denominator: .count(Int64(i.graduates)), value: perGraduate, target: nil, met: nil),
                Row(aspect: .efficiency, indicator: nil, label: "Biaya per lulusan yang tidak kembali", scope: nil,
                    definition: "Biaya yang sama, dibagi lulusan yang tidak kembali: paling banyak (termasuk yang hasilnya belum diketahui) s.d. paling sedikit (yang diketahui)",
                    numerator: .rupiah(cost), denominator: .range(.count(most), .count(fewest)), value: .range(low, high), target: nil, met: nil),
            ]
        }

        func responsiveness() throws -> Row {
            var opened = 0, days: [Int] = []
            for times in try tx.needTimes(openedFrom: start, through: end) {
                opened += times.count
                guard let closedOn = times.closedOn, closedOn <= asOf else { continue }
                days += repeatElement(times.openedOn.days(until: closedOn), count: times.count)
            }
            days.sort()
            let median: Quantity = days.isEmpty ? .none : .days(Int64(days.count % 2 == 1 ? days[days.count / 2]
                                                                      : (days[days.count / 2 - 1] + days[days.count / 2] + 1) / 2))
            let goal = target(.daysToAnswer, cohortID: nil)
            return Row(aspect: .responsiveness, indicator: .daysToAnswer, label: PerformanceIndicator.daysToAnswer.label, scope: nil,
                       definition: "Hari dari kebutuhan disampaikan sampai ditanggapi, median kebutuhan yang disampaikan tahun ini dan sudah ditanggapi",
                       numerator: .count(Int64(days.count)), denominator: .count(Int64(opened)), value: median,
                       target: goal.map { .days($0) }, met: goal.flatMap { Performance.met(median, target: $0, .daysToAnswer) })
        }

        func productivity() throws -> Row {
            let counts = try tx.visitsPerWorker(in: start.yearMonth...end.yearMonth)
            let visits = counts.values.reduce(0, +), workers = counts.count
            let value: Quantity = Performance.divided(Int64(visits), by: Int64(workers)).map { .count($0) } ?? .none
            let goal = target(.visitsPerWorker, cohortID: nil)
            return Row(aspect: .productivity, indicator: .visitsPerWorker, label: PerformanceIndicator.visitsPerWorker.label, scope: nil,
                       definition: "Kunjungan tercatat tahun ini, dibagi pendamping yang berkunjung",
                       numerator: .count(Int64(visits)), denominator: .count(Int64(workers)), value: value,
                       target: goal.map { .count($0) }, met: goal.flatMap { Performance.met(value, target: $0, .visitsPerWorker) })
        }

        /// The yearly recap as the offices report it: the cases carried over from earlier years (a
        /// case of an earlier cohort not closed before the year began), the new ones (enrolled in
        /// the year's cohorts), those handled, closed in the year, and still open at its end. A
        /// case is an enrolment, and every closed case is one (its stages are the enrolment's), so
        /// the counts per cohort less the cases closed are the open ones.
        func recap(_ closed: ClosedCases) throws -> [Row] {
            var years: [Int64: Int] = [:]
            for cohort in allCohorts {
                if let cohortYear = Performance.year(of: cohort), cohortYear <= year { years[cohort.id] = cohortYear }
            }
            var carried = 0, new = 0, closedInYear = 0
            for (cohortID, enrolled) in try tx.enrolmentCountsByCohort() {
                guard let cohortYear = years[cohortID] else { continue }
                if cohortYear == year { new += enrolled } else { carried += enrolled }
            }
            for c in closed.all {
                guard let cohortYear = years[c.cohortID] else { continue }
                if c.onDate < start {
                    if cohortYear == year { new -= 1 } else { carried -= 1 }
                } else if c.onDate <= end {
                    closedInYear += 1
                }
            }
            let handled = carried + new
            let figures = [carried, new, handled, closedInYear, handled - closedInYear]
            let definitions = [
                "Kasus angkatan tahun sebelumnya yang belum ditutup sebelum 1 Januari \(year)",
                "Peserta yang terdaftar di angkatan tahun ini",
                "Kasus dari tahun sebelumnya ditambah kasus baru",
                "Kasus yang ditangani dan ditutup (terminasi) dalam tahun ini",
                "Kasus yang ditangani dan belum ditutup pada 31 Desember \(year)",
            ]
            return zip(Performance.recapLabels, zip(figures, definitions)).map { label, item in
                Row(aspect: .recap, indicator: nil, label: label, scope: nil, definition: item.1, numerator: .count(Int64(item.0)),
                    denominator: .none, value: .count(Int64(item.0)), target: nil, met: nil)
            }
        }

        /// The months of the year that have ended, and those closed by the tenth of the next month.
        func accountability() throws -> Row {
            guard let book = try tx.book(code: Book.officeCode) else { throw ProgrammeRejection.notInitialised }
            let closings = Dictionary(try tx.periodClosings(bookID: book.id).map { ($0.month, $0.closedAt) }, uniquingKeysWith: { a, _ in a })
            var due = 0, onTime = 0
            for month in 1...12 {
                guard let ym = YearMonth(year: year, month: month), let first = LocalDate(year: year, month: month, day: 1),
                      first.adding(months: 1) <= asOf else { continue }
                due += 1
                let deadline = first.adding(months: 1).adding(days: Performance.closingDays - 1)
                if let closedAt = closings[ym], let day = try? LocalDate.parse(String(closedAt.prefix(10))), day <= deadline { onTime += 1 }
            }
            let value = Performance.permille(onTime, of: due)
            let goal = target(.monthsClosedOnTime, cohortID: nil)
            return Row(aspect: .accountability, indicator: .monthsClosedOnTime, label: PerformanceIndicator.monthsClosedOnTime.label, scope: nil,
                       definition: "Bulan yang sudah berakhir dan ditutup (SPJ) paling lambat tanggal \(Performance.closingDays) bulan berikutnya",
                       numerator: .count(Int64(onTime)), denominator: .count(Int64(due)), value: value,
                       target: goal.map { .permille($0 * 10) }, met: goal.flatMap { Performance.met(value, target: $0, .monthsClosedOnTime) })
        }
    }

    /// A month is closed on time by this day of the next month (the SPJ's deadline).
    public static let recapLabels = ["Kasus dari tahun sebelumnya", "Kasus baru", "Kasus ditangani", "Kasus ditutup", "Kasus berjalan di akhir tahun"]

    public static let closingDays = 10
}
