import Foundation

/// An indicator the programme sets a yearly target for (*sasaran kinerja*), with the unit of
/// its value and the side of the target that meets it.
public enum PerformanceIndicator: String, CaseIterable, Codable, Sendable {
    /// Graduates of the year's cohorts.
    case graduates = "lulusan"
    /// Graduates of the year's cohorts paid their grant (unreversed).
    case grantsPaid = "hibah"
    /// The share of grants whose graduate has not returned to sex work (a range).
    case notReturned = "tidak-kembali"
    /// The share of grants paid at least 12 months ago whose business a visit since then found running.
    case businessesRunning = "usaha-berjalan"
    /// The highest share of grants lost to follow-up that is acceptable.
    case lostToFollowUp = "hilang-kontak"
    /// Days from a need voiced to its answer (median), at most.
    case daysToAnswer = "hari-tanggapan"
    /// Visits per aftercare worker in the year, at least.
    case visitsPerWorker = "kunjungan-per-pendamping"
    /// The months of the year closed by the tenth of the next month, in per cent, at least.
    case monthsClosedOnTime = "tutup-buku-tepat-waktu"
    /// The share of scheduled visits whose window has closed that were made on time (``VisitSchedule``).
    case visitsOnSchedule = "kunjungan-sesuai-jadwal"

    public enum Unit: String, Codable, Sendable { case count, percent, days }

    public var unit: Unit {
        switch self {
        case .graduates, .grantsPaid, .visitsPerWorker: .count
        case .notReturned, .businessesRunning, .lostToFollowUp, .monthsClosedOnTime, .visitsOnSchedule: .percent
        case .daysToAnswer: .days
        }
    }

    /// Met at or above the target (else: at or below it).
    public var higherIsBetter: Bool {
        switch self {
        case .lostToFollowUp, .daysToAnswer: false
        default: true
        }
    }

    /// Whether a target may be set for one cohort (the others are the office's as a whole).
    public var perCohort: Bool {
        switch self {
        case .graduates, .grantsPaid, .notReturned, .businessesRunning, .lostToFollowUp, .visitsOnSchedule: true
        case .daysToAnswer, .visitsPerWorker, .monthsClosedOnTime: false
        }
    }

    public var label: String {
        switch self {
        case .graduates: "Lulusan pelatihan"
        case .grantsPaid: "Bantuan modal kerja tersalurkan"
        case .notReturned: "Penerima bantuan yang tidak kembali"
        case .businessesRunning: "Usaha berjalan 12 bulan setelah bantuan"
        case .lostToFollowUp: "Penerima bantuan hilang kontak"
        case .daysToAnswer: "Lama menanggapi kebutuhan (median)"
        case .visitsPerWorker: "Kunjungan per pendamping"
        case .monthsClosedOnTime: "Bulan ditutup tepat waktu"
        case .visitsOnSchedule: "Kunjungan sesuai jadwal"
        }
    }

    public static func parse(_ text: String, field: InputField = .option("--indicator")) throws -> PerformanceIndicator {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let indicator = PerformanceIndicator(rawValue: key) { return indicator }
        throw InputError(field, input: text, .notOneOf(allCases.map(\.rawValue)))
    }

    /// The largest value a target may have: a share is at most 100 %.
    public var maximum: Int64 { unit == .percent ? 100 : 1_000_000 }
}

/// A target as set by the admin: the latest one set for a year, cohort and indicator holds.
public struct ProgrammeTarget: Hashable, Codable, Sendable {
    public let id: Int64
    public let year: Int
    /// Nil: the office's target for the year.
    public let cohortID: Int64?
    public let indicator: PerformanceIndicator
    public let value: Int64
    public let actor: String
    public let recordedAt: String

    public init(id: Int64, year: Int, cohortID: Int64?, indicator: PerformanceIndicator, value: Int64, actor: String, recordedAt: String) {
        self.id = id
        self.year = year
        self.cohortID = cohortID
        self.indicator = indicator
        self.value = value
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

/// What targets and the performance report need from storage: targets are append-only rows,
/// the latest per key holding.
public protocol PerformancePort {
    /// Every target set for the year, oldest first (a later one replaces an earlier one of its key).
    func targets(year: Int) throws -> [ProgrammeTarget]
    func insertTarget(year: Int, cohortID: Int64?, indicator: PerformanceIndicator, value: Int64, actor: String,
                      recordedAt: String) throws -> ProgrammeTarget
    /// The book's month closings: each month and when it was closed.
    func periodClosings(bookID: Int64) throws -> [(month: YearMonth, closedAt: String)]
    /// The enrolments of these cohorts counted per cohort, track, whether she graduated, and
    /// her birth year and area of origin (the intake and the equity rows' graduation rates); and
    /// the birth year and area of origin of everyone whose latest grant is of one of these
    /// cohorts, by beneficiary id (the groups of the equity rows' outcomes).
    func enrolmentFacts(cohortIDs: [Int64]) throws -> EnrolmentFacts
    /// How many enrolments each cohort has (the yearly recap).
    func enrolmentCountsByCohort() throws -> [Int64: Int]
    /// The needs opened from `start` through `end`, counted per day opened and day answered
    /// (nil: not answered), for the days to answer.
    func needTimes(openedFrom start: LocalDate, through end: LocalDate) throws -> [NeedTimes]
    /// Visits dated in these months, per worker who made any (by worker id).
    func visitsPerWorker(in months: ClosedRange<YearMonth>) throws -> [Int64: Int]
}

/// What the equity rows group a woman by, besides her track.
public struct EquityFacts: Hashable, Sendable {
    public let birthYear: Int?
    public let originArea: String?
    public init(birthYear: Int?, originArea: String?) {
        self.birthYear = birthYear
        self.originArea = originArea
    }
}

/// What the performance report reads of the year's enrolments and the people in them.
public struct EnrolmentFacts: Sendable {
    public let groups: [EnrolmentGroup]
    /// By beneficiary id, of everyone whose latest grant is of the cohorts.
    public let people: [Int64: EquityFacts]
    public init(groups: [EnrolmentGroup], people: [Int64: EquityFacts]) {
        self.groups = groups
        self.people = people
    }
}

/// How many enrolments share a cohort, track, graduation and the equity facts.
public struct EnrolmentGroup: Hashable, Sendable {
    public let cohortID: Int64
    public let trackID: Int64
    public let graduated: Bool
    public let facts: EquityFacts
    public let count: Int
    public init(cohortID: Int64, trackID: Int64, graduated: Bool, facts: EquityFacts, count: Int) {
        self.cohortID = cohortID
        self.trackID = trackID
        self.graduated = graduated
        self.facts = facts
        self.count = count
    }
}

/// How many needs were opened on a day and answered on another (or not yet).
public struct NeedTimes: Hashable, Sendable {
    public let openedOn: LocalDate
    public let closedOn: LocalDate?
    public let count: Int
    public init(openedOn: LocalDate, closedOn: LocalDate?, count: Int) {
        self.openedOn = openedOn
        self.closedOn = closedOn
        self.count = count
    }
}

public enum TargetRows {
    public static let columns = "id, year, cohort_id, indicator, value, actor, recorded_at"

    public static func target(id: Int64, year: Int64, cohortID: Int64?, indicator: String, value: Int64, actor: String,
                              recordedAt: String) throws -> ProgrammeTarget {
        ProgrammeTarget(id: id, year: Int(year), cohortID: cohortID, indicator: try PerformanceIndicator.parse(indicator), value: value,
                        actor: actor, recordedAt: recordedAt)
    }

    /// The targets that hold: the latest of each year, cohort and indicator.
    public static func holding(_ targets: [ProgrammeTarget]) -> [ProgrammeTarget] {
        var latest: [String: ProgrammeTarget] = [:]
        for t in targets { latest["\(t.year)/\(t.cohortID ?? 0)/\(t.indicator.rawValue)"] = t }
        return latest.values.sorted { ($0.cohortID ?? 0, $0.indicator.rawValue) < ($1.cohortID ?? 0, $1.indicator.rawValue) }
    }
}

/// Why a target was refused.
public enum TargetRejection: BekalFailure, Equatable {
    case yearOutOfRange(Int)
    case valueOutOfRange(indicator: PerformanceIndicator, value: Int64)
    /// The indicator is the office's as a whole, not a cohort's.
    case notPerCohort(PerformanceIndicator)
    case cohortOfAnotherYear(cohort: String, cohortYear: Int?, year: Int)

    public var code: String {
        switch self {
        case .yearOutOfRange: "target_year"
        case .valueOutOfRange: "target_value"
        case .notPerCohort: "target_not_per_cohort"
        case .cohortOfAnotherYear: "target_cohort_year"
        }
    }

    public var message: String {
        switch self {
        case .yearOutOfRange(let year):
            "year \(year) is out of range: give a four-digit year from \(BudgetLine.years.lowerBound) to \(BudgetLine.years.upperBound)"
        case .valueOutOfRange(let indicator, let value):
            "a target of \(value) for \(indicator.rawValue) is out of range: give 0 to \(indicator.maximum)"
                + (indicator.unit == .percent ? " (a share in whole per cent)" : "")
        case .notPerCohort(let indicator):
            "\(indicator.rawValue) is the office's as a whole, not a cohort's: leave --cohort out"
        case .cohortOfAnotherYear(let cohort, let cohortYear, let year):
            cohortYear.map { "cohort \(cohort) belongs to \($0), not \(year): give the cohort's year" }
                ?? "cohort \(cohort) has no budget year or training start: set one before giving it targets"
        }
    }
}

extension Operations {
    public func setTarget(year: Int, cohort: String?, indicator: PerformanceIndicator, value: Int64,
                          context: OperationContext) throws -> ProgrammeTarget {
        try store.write { tx in try Operations.setTarget(year: year, cohort: cohort, indicator: indicator, value: value, context: context, in: tx) }
    }

    public static func setTarget(year: Int, cohort: String?, indicator: PerformanceIndicator, value: Int64,
                                 context: OperationContext, in tx: any StoreTransaction) throws -> ProgrammeTarget {
        if !BudgetLine.years.contains(year) { throw TargetRejection.yearOutOfRange(year) }
        if !(0...indicator.maximum).contains(value) { throw TargetRejection.valueOutOfRange(indicator: indicator, value: value) }
        let cohort = try cohort.map { try Resolve.cohort($0, in: tx) }
        if let cohort {
            if !indicator.perCohort { throw TargetRejection.notPerCohort(indicator) }
            let cohortYear = Performance.year(of: cohort)
            if cohortYear != year { throw TargetRejection.cohortOfAnotherYear(cohort: cohort.code, cohortYear: cohortYear, year: year) }
        }
        let target = try tx.insertTarget(year: year, cohortID: cohort?.id, indicator: indicator, value: value, actor: context.actor,
                                         recordedAt: context.recordedAt)
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .targetSet, subject: "\(year) \(indicator.rawValue)",
                           detail: "target \(value)" + (cohort.map { ", cohort \($0.code)" } ?? ""))
        return target
    }
}
