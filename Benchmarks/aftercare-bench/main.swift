// Aftercare at national scale: builds (once) a synthetic database of 100,000 graduates with
// grants, 2,000,000 visits and 200,000 outcomes through the real operations — and, since
// issue 15, each woman's path: an intake, six stages (one in twenty cases closed), a need
// (half answered) and, for one in ten, a referral with her consent — then times `followup due`
// for one worker and for all, the outcome report, her whole history and her case file.
//
//   swift build -c release --product bekal-aftercare-bench
//   .build/release/bekal-aftercare-bench [DB] [--people N] [--visits-per-person V] [--runs R]
import BekalCore
import BekalStore
import Foundation

let arguments = CommandLine.arguments.dropFirst()
func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = arguments.firstIndex(of: name), arguments.index(after: i) < arguments.endIndex else { return fallback }
    return Int(arguments[arguments.index(after: i)]) ?? fallback
}
let path = arguments.first { !$0.hasPrefix("--") && Int($0) == nil } ?? "bench-out/aftercare.sqlite"
let people = option("--people", 100_000)
let visitsPerPerson = option("--visits-per-person", 20)
let runs = option("--runs", 15)
let workerCount = max(1, people / 200)
let asOf = LocalDate(year: 2026, month: 11, day: 25)!
// The office clock stands at 2026-11-25 so every generated date is in the past.
let context = OperationContext(actor: "bench", now: Date(timeIntervalSince1970: 1_795_582_800))

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
let fresh = !FileManager.default.fileExists(atPath: path)
let store = try SQLiteStore(path: path)
let ops = Operations(store: store)

if fresh {
    print("Generating \(people) graduates, \(people * visitsPerPerson) visits, \(people * 2) outcomes in \(path) …")
    let built = try seconds {
        try ops.initialise(officeName: "Bench")
        _ = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
        for year in 2023...2024 {
            _ = try ops.addCohort(CohortDraft(code: "\(year)", trainingStart: LocalDate(year: year, month: 1, day: 2)!,
                                              trainingEnd: LocalDate(year: year, month: 4, day: 1)!, budgetYear: year))
        }
        try store.write { tx in
            for w in 1...workerCount {
                _ = try tx.insertWorker(code: String(format: "PSM-%04d", w), name: "Pendamping \(w)")
            }
            _ = try tx.insertPartner(code: "PKM-1", name: "Puskesmas Satu", kind: .puskesmas)
            _ = try Operations.receiveBudget(BudgetReceipt(amount: Rupiah(Int64(people) * 1_500_000), documentRef: "SP2D-BENCH",
                                                           valueDate: LocalDate(year: 2023, month: 1, day: 2)!), context: context, in: tx)
        }
        let batch = 1_000
        var rng = SystemRandomNumberGenerator()
        for start in stride(from: 1, through: people, by: batch) {
            try store.write { tx in
                for i in start..<min(start + batch, people + 1) {
                    let cohort = i % 2 == 0 ? "2023" : "2024"
                    let grantDate = LocalDate(year: Int(cohort)!, month: 4, day: 1 + i % 28)!
                    let person = try Operations.addBeneficiary(BeneficiaryDraft(name: "Binaan \(i)"), in: tx)
                    _ = try Operations.enrol(EnrolmentRequest(beneficiary: person.code, cohort: cohort, track: "tata-boga",
                                                              status: .completed), in: tx)
                    _ = try Operations.disburseGrant(GrantRequest(beneficiary: person.code, documentRef: "KW-\(i)",
                                                                  valueDate: grantDate), context: context, in: tx)
                    let worker = String(format: "PSM-%04d", 1 + i % workerCount)
                    _ = try Operations.assign(worker: worker, beneficiary: person.code, kelompok: nil, from: grantDate, in: tx)
                    for v in 0..<visitsPerPerson {
                        let day = grantDate.adding(days: 7 + v * (600 / max(1, visitsPerPerson)) + Int.random(in: 0..<5, using: &rng))
                        guard day <= asOf else { break }
                        let unreachable = i % 10 == 0 && v == visitsPerPerson - 1
                        _ = try Operations.recordVisit(VisitRequest(
                            date: day, worker: worker, beneficiary: person.code, contactMode: v % 3 == 0 ? .phone : .homeVisit,
                            whereabouts: unreachable ? .unreachable : .here, businessStatus: unreachable ? nil : .running,
                            support: v % 4 == 0 ? [.marketing] : []), context: context, in: tx)
                    }
                    for (k, returned) in [ReturnedToSexWork.unknown, i % 7 == 0 ? .yes : .no].enumerated() {
                        _ = try Operations.recordOutcome(beneficiary: person.code, asOf: grantDate.adding(months: 6 * (k + 1)),
                                                         returned: returned, source: .workerObservation,
                                                         factors: returned == .yes ? OutcomeFactors(reasons: [.familyNeedsMoney]) : .none,
                                                         context: context, in: tx)
                    }
                    // Her path (issue 15).
                    let start = LocalDate(year: Int(cohort)!, month: 1, day: 2)!
                    _ = try Operations.recordIntake(IntakeRequest(beneficiary: person.code, cohort: cohort, route: i % 3 == 0 ? .outreach : .referral,
                                                                  referringOffice: "Dinas Sosial Kabupaten \(i % 400)", letterNumber: "460/\(i)",
                                                                  category: "eks-wts", consentOn: start.adding(days: -10)), context: context, in: tx)
                    for (k, stage) in ["identifikasi", "asesmen", "rencana-intervensi", "intervensi", "evaluasi", "bimbingan-lanjut"].enumerated() {
                        _ = try Operations.recordStage(beneficiary: person.code, cohort: cohort, stage: stage, on: start.adding(days: -14 + 30 * k),
                                                       reason: nil, reasonText: nil, context: context, in: tx)
                    }
                    if i % 20 == 0 {
                        _ = try Operations.recordStage(beneficiary: person.code, cohort: cohort, stage: "terminasi", on: grantDate.adding(months: 18),
                                                       reason: .completedAftercare, reasonText: nil, context: context, in: tx)
                    }
                    let need = try tx.insertNeed(NeedDraft(beneficiaryID: person.id, kelompokID: nil, kind: i % 2 == 0 ? .marketing : .capital,
                                                           note: "kebutuhan \(i)", openedOn: grantDate.adding(days: 40), visitID: nil,
                                                           workerID: Int64(1 + i % workerCount), actor: "bench", recordedAt: context.recordedAt))
                    if i % 2 == 0 {
                        try tx.insertNeedAnswer(needID: need.id, Need.Answer(closedOn: grantDate.adding(days: 40 + i % 60), support: .marketing,
                                                                             note: nil, visitID: nil, actor: "bench", recordedAt: context.recordedAt))
                    }
                    if i % 10 == 0 {
                        _ = try tx.insertConsentEvent(ConsentEventDraft(beneficiaryID: person.id, kind: .referral, given: true,
                                                                        onDate: grantDate, name: nil, service: "PKM-1", actor: "bench",
                                                                        recordedAt: context.recordedAt))
                        let referral = try tx.insertReferral(beneficiaryID: person.id, partnerID: 1, service: "pemeriksaan",
                                                             sent: .init(status: .sent, onDate: grantDate.adding(days: 50), note: nil, actor: "bench",
                                                                         recordedAt: context.recordedAt))
                        try tx.insertReferralStep(referralID: referral.id, .init(status: .done, onDate: grantDate.adding(days: 60), note: "selesai",
                                                                                 actor: "bench", recordedAt: context.recordedAt))
                    }
                }
            }
            if start % 10_000 == 1 { print("  \(start + batch - 1) …") }
        }
    }
    print(String(format: "Generated in %.0f s.", built))
}

let counts = try store.read { tx in try tx.aftercareCounts() }
print("Database: \(counts.visits) visits, \(counts.outcomes) outcomes; \(workerCount) workers.")

var oneWorker: [Double] = [], allWorkers: [Double] = [], outcomes: [Double] = [], history: [Double] = [], caseFile: [Double] = []
var performance: [Double] = []
var indicators = 0
let policy = try ops.settings().followUpPolicy
var rows = (0, 0, 0)
var events = 0
for run in 0..<runs {
    // A different woman each run, spread over the register (the tenth has a referral too).
    let code = Beneficiary.code(for: Int64(1 + (run * 6_661 + 10) % people))
    history.append(try seconds { events = try ops.personHistory(beneficiary: code, withOutcomes: false, context: context).events.count })
    caseFile.append(try seconds { _ = try ops.caseFile(beneficiary: code, asOf: asOf, context: context) })
    oneWorker.append(try seconds { rows.0 = try ops.followUpDue(worker: "PSM-0002", asOf: asOf, context: context).rows.count })
    allWorkers.append(try seconds { rows.1 = try ops.followUpDue(worker: nil, asOf: asOf, context: context).rows.count })
    outcomes.append(try seconds { rows.2 = try ops.outcomeReport(by: .cohort, asOf: asOf, context: context).total.grants })
    // The year's performance report (issue 16), as `bekal report kinerja --year 2024` builds it.
    performance.append(try seconds { indicators = try store.read { tx in try Performance.build(year: 2024, asOf: asOf, policy: policy, in: tx) }.rows.count })
}
print(String(format: "followup due, one worker: median %.1f ms (%d rows)", median(oneWorker) * 1000, rows.0))
print(String(format: "followup due, all:        median %.1f ms (%d rows)", median(allWorkers) * 1000, rows.1))
print(String(format: "outcome report by cohort: median %.1f ms (%d grants)", median(outcomes) * 1000, rows.2))
print(String(format: "her whole history:        median %.1f ms (%d events, last run)", median(history) * 1000, events))
print(String(format: "her case file:            median %.1f ms", median(caseFile) * 1000))
print(String(format: "performance report 2024:  median %.1f ms (%d rows)", median(performance) * 1000, indicators))

// Where the performance report's time goes: each of its reads alone (median of the same runs).
let year2024 = try store.read { tx in try tx.cohorts() }.filter { Performance.year(of: $0) == 2024 }.map(\.id)
var reads: [(String, [Double])] = [
    ("cases of the year's cohorts", []), ("enrolments and equity facts", []), ("closed cases", []),
    ("enrolments per cohort", []), ("needs by day", []), ("visits per worker", []), ("costs of the cohorts", []),
]
for _ in 0..<runs {
    try store.read { tx in
        let bodies: [() throws -> Void] = [
            { var n = 0; try tx.forEachOutcomeCase(asOf: asOf, cohortIDs: year2024) { _ in n += 1 } },
            { _ = try tx.enrolmentFacts(cohortIDs: year2024) },
            { _ = try ClosedCases.read(from: tx) },
            { _ = try tx.enrolmentCountsByCohort() },
            { _ = try tx.needTimes(openedFrom: LocalDate(year: 2024, month: 1, day: 1)!, through: LocalDate(year: 2024, month: 12, day: 31)!) },
            { _ = try tx.visitsPerWorker(in: YearMonth(year: 2024, month: 1)!...YearMonth(year: 2024, month: 12)!) },
            { _ = try BudgetUse.used(cohortIDs: year2024, in: tx) },
        ]
        for (index, body) in bodies.enumerated() { reads[index].1.append(try seconds(body)) }
    }
}
for (label, times) in reads { print("  read: " + label.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: " median %.1f ms", median(times) * 1000)) }
