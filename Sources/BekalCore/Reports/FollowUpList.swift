/// Who is due or overdue for a visit, most overdue first (`bekal followup due`).
public struct FollowUpList: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public let beneficiary: String
        public let cohort: String
        public let worker: String?
        public let grantDate: LocalDate
        public let lastContact: LocalDate?
        public let dueDate: LocalDate
        public let daysOverdue: Int
        public let lostToFollowUp: Bool
    }

    public let asOf: LocalDate
    public let rows: [Row]

    public static func build(from source: some AftercareReportSource & RegistryPort & AftercarePort & ListingPort & ReportSource & CasePathPort,
                             policy: FollowUpPolicy, asOf: LocalDate, workerID: Int64?) throws -> FollowUpList {
        // A closed case is due for nothing more.
        let closed = try ClosedCases.read(from: source)
        let cohorts = Dictionary(uniqueKeysWithValues: try source.cohorts().map { ($0.id, $0.code) })
        let workers = Dictionary(uniqueKeysWithValues: try source.workers().map { ($0.id, $0.code) })
        var rows: [Row] = []
        try source.forEachFollowUpCase(workerID: workerID) { c in
            guard !closed.isClosed(beneficiaryID: c.beneficiaryID, cohortID: c.cohortID, by: asOf),
                  let overdue = policy.daysOverdue(grantDate: c.grantDate, lastContact: c.lastContact, asOf: asOf),
                  let due = policy.nextDue(grantDate: c.grantDate, lastContact: c.lastContact) else { return }
            let state = OutcomeState.of(latestOutcome: nil, lastContact: c.lastContact, lastWhereabouts: c.lastWhereabouts,
                                        grantDate: c.grantDate, asOf: asOf, lostAfterDays: policy.lostAfterDays)
            rows.append(Row(beneficiary: Beneficiary.code(for: c.beneficiaryID), cohort: cohorts[c.cohortID] ?? "?",
                            worker: c.workerID.flatMap { workers[$0] }, grantDate: c.grantDate, lastContact: c.lastContact,
                            dueDate: due, daysOverdue: overdue, lostToFollowUp: state == .lostToFollowUp))
        }
        rows.sort { ($0.daysOverdue, $1.beneficiary) > ($1.daysOverdue, $0.beneficiary) }
        return FollowUpList(asOf: asOf, rows: rows)
    }

    public var table: Table {
        Table(title: "Jadwal Pendampingan per \(asOf)", columns: [
            .init("beneficiary", "Binaan"), .init("cohort", "Angkatan"), .init("worker", "Pendamping"),
            .init("grant_date", "Tanggal Bantuan", .date), .init("last_contact", "Kontak Terakhir", .date),
            .init("due_date", "Jatuh Tempo", .date), .init("days_overdue", "Hari Terlambat", .integer),
            .init("lost", "Hilang Kontak"),
        ], rows: rows.map { r in
            [.text(r.beneficiary), .text(r.cohort), r.worker.map { .text($0) } ?? .empty, .date(r.grantDate),
             r.lastContact.map { .date($0) } ?? .empty, .date(r.dueDate), .integer(Int64(r.daysOverdue)),
             .text(r.lostToFollowUp ? "ya" : "tidak")]
        })
    }
}
