/// How fast needs were answered (`bekal report needs`): per worker and kind, the needs voiced,
/// answered and still open, the days from voiced to answered (median and longest), and the
/// open needs older than the office's limit (`--late`). Codes only: no person's name, no note.
public struct NeedReport: Hashable, Codable, Sendable {
    public struct Line: Hashable, Codable, Sendable {
        public let worker: String
        public let kind: NeedKind
        public let opened: Int
        public let answered: Int
        public let open: Int
        /// Open longer than the limit on the report's day.
        public let late: Int
        public let medianDays: Int?
        public let longestDays: Int?
    }

    public struct LateNeed: Hashable, Codable, Sendable {
        public let id: Int64
        public let subject: String
        public let kind: NeedKind
        public let worker: String
        public let openedOn: LocalDate
        public let daysOpen: Int
    }

    public let asOf: LocalDate
    public let lateAfterDays: Int
    public let lines: [Line]
    public let total: Line
    public let late: [LateNeed]

    public static func build(from source: some NeedPort & AftercarePort, asOf: LocalDate, lateAfterDays: Int) throws -> NeedReport {
        let workers = Dictionary(uniqueKeysWithValues: try source.workers().map { ($0.id, $0.code) })
        let needs = try source.allNeeds().filter { $0.openedOn <= asOf }
        func isOpen(_ n: Need) -> Bool { n.answer.map { $0.closedOn > asOf } ?? true }
        func line(_ worker: String, _ kind: NeedKind, _ group: [Need]) -> Line {
            let days = group.filter { !isOpen($0) }.compactMap(\.daysToAnswer).sorted()
            let open = group.filter(isOpen)
            return Line(worker: worker, kind: kind, opened: group.count, answered: days.count, open: open.count,
                        late: open.filter { $0.openedOn.days(until: asOf) > lateAfterDays }.count,
                        medianDays: days.isEmpty ? nil : days.count % 2 == 1 ? days[days.count / 2]
                            : (days[days.count / 2 - 1] + days[days.count / 2] + 1) / 2,
                        longestDays: days.last)
        }
        var groups: [String: [NeedKind: [Need]]] = [:]
        for need in needs { groups[need.workerID.flatMap { workers[$0] } ?? "-", default: [:]][need.kind, default: []].append(need) }
        let lines = groups.keys.sorted().flatMap { worker in
            NeedKind.allCases.compactMap { kind in groups[worker]![kind].map { line(worker, kind, $0) } }
        }
        let totalLine = line("Jumlah", .other, needs)
        let late = needs.filter { isOpen($0) && $0.openedOn.days(until: asOf) > lateAfterDays }
            .map { LateNeed(id: $0.id, subject: $0.subjectCode, kind: $0.kind, worker: $0.workerID.flatMap { workers[$0] } ?? "-",
                            openedOn: $0.openedOn, daysOpen: $0.openedOn.days(until: asOf)) }
            .sorted { ($0.daysOpen, $1.id) > ($1.daysOpen, $0.id) }
        return NeedReport(asOf: asOf, lateAfterDays: lateAfterDays, lines: lines, total: totalLine, late: late)
    }

    public var table: Table {
        func row(_ l: Line, kind: String) -> [Table.Cell] {
            [.text(l.worker), .text(kind), .integer(Int64(l.opened)), .integer(Int64(l.answered)), .integer(Int64(l.open)),
             .integer(Int64(l.late)), l.medianDays.map { .integer(Int64($0)) } ?? .empty, l.longestDays.map { .integer(Int64($0)) } ?? .empty]
        }
        return Table(title: "Kebutuhan binaan dan lama menjawabnya per \(asOf) (terlambat: lebih dari \(lateAfterDays) hari)", columns: [
            .init("worker", "Pendamping"), .init("kind", "Kebutuhan"), .init("opened", "Disampaikan", .integer),
            .init("answered", "Terjawab", .integer), .init("open", "Masih Terbuka", .integer), .init("late", "Terlambat", .integer),
            .init("median_days", "Median Hari Sampai Terjawab", .integer), .init("longest_days", "Terlama (Hari)", .integer),
        ], rows: lines.map { row($0, kind: $0.kind.label) }, footer: [row(total, kind: "")])
    }

    public var lateTable: Table {
        Table(title: "Kebutuhan yang belum terjawab lebih dari \(lateAfterDays) hari per \(asOf)", columns: [
            .init("need", "No."), .init("subject", "Binaan/Kelompok"), .init("kind", "Kebutuhan"), .init("worker", "Pendamping"),
            .init("opened_on", "Disampaikan", .date), .init("days_open", "Hari Terbuka", .integer),
        ], rows: late.map { [.integer($0.id), .text($0.subject), .text($0.kind.label), .text($0.worker), .date($0.openedOn),
                             .integer(Int64($0.daysOpen))] })
    }
}
