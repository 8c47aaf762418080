/// Cases per stage and cohort (`bekal report stages`): where every enrolment's case stands,
/// by its latest stage, and the closed cases by their reason. Counts only: no person in it.
public struct StageReport: Hashable, Codable, Sendable {
    public struct Line: Hashable, Codable, Sendable {
        public let cohort: String
        /// Enrolments by their latest stage's code, in the office's order.
        public let stages: [String: Int]
        /// Enrolments with no stage recorded yet.
        public let noStage: Int
        /// Closed cases by reason code.
        public let closedBy: [String: Int]
        public let enrolments: Int
    }

    public let stages: [StageDefinition]
    public let lines: [Line]
    public let total: Line

    public static let title = "Tahap Penanganan per Angkatan"

    public static func build(from source: some CasePathPort & ListingPort & ReportSource, settings: ProgrammeSettings) throws -> StageReport {
        let cohorts = try source.cohorts()
        var counts: [Int64: (stages: [String: Int], none: Int, closed: [String: Int], all: Int)] = [:]
        for e in try source.latestStages() {
            var c = counts[e.cohortID] ?? ([:], 0, [:], 0)
            c.all += 1
            if let latest = e.latest {
                c.stages[latest.stage, default: 0] += 1
                if latest.closes { c.closed[latest.reasonCode?.rawValue ?? ExitReason.other.rawValue, default: 0] += 1 }
            } else {
                c.none += 1
            }
            counts[e.cohortID] = c
        }
        // A stage the list no longer has (the office changed it) is still counted, after the list's own.
        var stages = settings.caseStages
        let known = Set(stages.map(\.code))
        for code in Set(counts.values.flatMap(\.stages.keys)).subtracting(known).sorted() {
            stages.append(StageDefinition(code: code, label: code))
        }
        let lines = cohorts.compactMap { cohort -> Line? in
            guard let c = counts[cohort.id] else { return nil }
            return Line(cohort: cohort.code, stages: c.stages, noStage: c.none, closedBy: c.closed, enrolments: c.all)
        }
        func sum(_ pick: (Line) -> [String: Int]) -> [String: Int] {
            lines.reduce(into: [:]) { total, line in for (k, v) in pick(line) { total[k, default: 0] += v } }
        }
        let total = Line(cohort: "Jumlah", stages: sum(\.stages), noStage: lines.reduce(0) { $0 + $1.noStage },
                         closedBy: sum(\.closedBy), enrolments: lines.reduce(0) { $0 + $1.enrolments })
        return StageReport(stages: stages, lines: lines, total: total)
    }

    public var table: Table {
        let reasons = ExitReason.allCases
        func row(_ line: Line) -> [Table.Cell] {
            [.text(line.cohort), .integer(Int64(line.enrolments)), .integer(Int64(line.noStage))]
                + stages.map { .integer(Int64(line.stages[$0.code] ?? 0)) }
                + reasons.map { .integer(Int64(line.closedBy[$0.rawValue] ?? 0)) }
        }
        let columns: [Table.Column] = [.init("cohort", "Angkatan"), .init("enrolments", "Jumlah Peserta", .integer),
                                       .init("no_stage", "Belum Ada Tahap", .integer)]
            + stages.map { .init("stage_\($0.code)", $0.label, .integer) }
            + reasons.map { .init("closed_\($0.rawValue)", "Ditutup: \($0.label)", .integer) }
        return Table(title: Self.title, columns: columns, rows: lines.map(row), footer: [row(total)])
    }
}
