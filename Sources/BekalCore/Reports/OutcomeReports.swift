/// Outcomes per cohort, track or kelompok, with the success rate as a range
/// (`bekal report outcomes`). Restricted: reading it is audited by the operation that builds it.
public struct OutcomeReport: Hashable, Codable, Sendable {
    public enum Grouping: String, Codable, CaseIterable, Sendable { case cohort, track, kelompok }

    public struct Group: Hashable, Codable, Sendable {
        public let code: String
        public let name: String
        public let tally: OutcomeTally
        public var grants: Int { tally.grants }
        public var successLowPermille: Int? { tally.successLowPermille }
        public var successHighPermille: Int? { tally.successHighPermille }

        enum CodingKeys: String, CodingKey { case code, name, returned, notReturned, unknown, lost, grants, successLowPermille, successHighPermille }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(name, forKey: .name)
            try c.encode(tally.returned, forKey: .returned)
            try c.encode(tally.notReturned, forKey: .notReturned)
            try c.encode(tally.unknown, forKey: .unknown)
            try c.encode(tally.lost, forKey: .lost)
            try c.encode(grants, forKey: .grants)
            try c.encode(successLowPermille, forKey: .successLowPermille)
            try c.encode(successHighPermille, forKey: .successHighPermille)
        }
        public init(code: String, name: String, tally: OutcomeTally) {
            self.code = code
            self.name = name
            self.tally = tally
        }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(code: try c.decode(String.self, forKey: .code), name: try c.decode(String.self, forKey: .name),
                      tally: OutcomeTally(returned: try c.decode(Int.self, forKey: .returned), notReturned: try c.decode(Int.self, forKey: .notReturned),
                                          unknown: try c.decode(Int.self, forKey: .unknown), lost: try c.decode(Int.self, forKey: .lost)))
        }
    }

    public let asOf: LocalDate
    public let grouping: Grouping
    public let groups: [Group]
    public let total: Group

    public static func build(from source: some OutcomeReportSource & ListingPort & ReportSource & CasePathPort, by grouping: Grouping, asOf: LocalDate,
                             policy: FollowUpPolicy) throws -> OutcomeReport {
        var names: [Int64: (String, String)] = [:]
        switch grouping {
        case .cohort: for c in try source.cohorts() { names[c.id] = (c.code, c.name) }
        case .track: for t in try source.tracks() { names[t.id] = (t.code, t.name) }
        case .kelompok: for k in try source.kelompoks() { names[k.id] = (k.code, k.name) }
        }
        var tallies: [Int64: OutcomeTally] = [:]
        var none = OutcomeTally(), total = OutcomeTally()
        let closed = try ClosedCases.read(from: source)
        try source.forEachOutcomeCase(asOf: asOf) { c in
            let state = OutcomeState.of(c, asOf: asOf, closed: closed, lostAfterDays: policy.lostAfterDays)
            total.add(state)
            let key: Int64? = switch grouping {
            case .cohort: c.cohortID
            case .track: c.trackID
            case .kelompok: c.kelompokID
            }
            if let key { tallies[key, default: OutcomeTally()].add(state) } else { none.add(state) }
        }
        var groups = tallies.map { id, tally in
            Group(code: names[id]?.0 ?? "#\(id)", name: names[id]?.1 ?? "", tally: tally)
        }.sorted { $0.code < $1.code }
        if none.grants > 0 { groups.append(Group(code: "-", name: "Tanpa \(grouping.label.lowercased())", tally: none)) }
        return OutcomeReport(asOf: asOf, grouping: grouping, groups: groups, total: Group(code: "", name: "Jumlah", tally: total))
    }

    public var table: Table {
        func row(_ g: Group) -> [Table.Cell] {
            [.text(g.code), .text(g.name), .integer(Int64(g.grants)), .integer(Int64(g.tally.notReturned)),
             .integer(Int64(g.tally.returned)), .integer(Int64(g.tally.unknown)), .integer(Int64(g.tally.lost)),
             .text(g.tally.successRangeLabel)]
        }
        return Table(title: "Hasil per \(grouping.label) per \(asOf)", columns: [
            .init("code", grouping.label), .init("name", "Nama"), .init("grants", "Jumlah Bantuan", .integer),
            .init("not_returned", "Tidak Kembali", .integer), .init("returned", "Kembali", .integer),
            .init("unknown", "Tidak Diketahui", .integer), .init("lost", "Hilang Kontak", .integer),
            .init("success_range", "Tingkat Keberhasilan (rentang)"),
        ], rows: groups.map(row), footer: [row(total)])
    }
}

extension OutcomeState {
    /// A grant's state as of a day. A closed case (``ClosedCases``) is judged as of the day it
    /// was closed: the silence after it is not lost to follow-up, since nobody visits a closed
    /// case; what she was on that day (her latest outcome, or lost if she already was) is what
    /// it counts as.
    public static func of(_ c: OutcomeCase, asOf: LocalDate, closed: ClosedCases, lostAfterDays: Int) -> OutcomeState {
        let judged = closed.closedOn(beneficiaryID: c.beneficiaryID, cohortID: c.cohortID).map { min($0, asOf) } ?? asOf
        return of(latestOutcome: c.latestOutcome, lastContact: c.lastContact, lastWhereabouts: c.lastWhereabouts,
                  grantDate: c.grantDate, asOf: judged, lostAfterDays: lostAfterDays)
    }
}

extension OutcomeReport.Grouping {
    public var label: String {
        switch self {
        case .cohort: "Angkatan"
        case .track: "Jurusan"
        case .kelompok: "Kelompok"
        }
    }
}

/// Each grant with its latest outcome, business status, last sales and what the grant was
/// used for (`bekal report outcome-grants`). Restricted and audited.
public struct OutcomePerGrant: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public let entryID: Int64
        public let beneficiary: String
        public let cohort: String
        public let grantDate: LocalDate
        public let amount: Rupiah
        public let state: OutcomeState
        public let businessStatus: BusinessStatus?
        public let lastSales: Rupiah?
        public let lastSalesPeriodEnd: LocalDate?
        public let grantUse: GrantUse?
    }

    public let asOf: LocalDate
    public let rows: [Row]

    public static func build(from source: some OutcomeReportSource & ListingPort & ReportSource & CasePathPort, asOf: LocalDate,
                             policy: FollowUpPolicy) throws -> OutcomePerGrant {
        let cohorts = Dictionary(uniqueKeysWithValues: try source.cohorts().map { ($0.id, $0.code) })
        var cases: [OutcomeCase] = []
        try source.forEachOutcomeCase(asOf: asOf) { cases.append($0) }
        let closed = try ClosedCases.read(from: source)
        let rows = try cases.map { c in
            let followUp = try source.grantFollowUp(beneficiaryID: c.beneficiaryID)
            return Row(entryID: c.entryID, beneficiary: Beneficiary.code(for: c.beneficiaryID), cohort: cohorts[c.cohortID] ?? "?",
                       grantDate: c.grantDate, amount: c.amount,
                       state: OutcomeState.of(c, asOf: asOf, closed: closed, lostAfterDays: policy.lostAfterDays),
                       businessStatus: followUp.businessStatus, lastSales: followUp.lastSales?.amount,
                       lastSalesPeriodEnd: followUp.lastSales?.periodEnd, grantUse: followUp.grantUse)
        }
        return OutcomePerGrant(asOf: asOf, rows: rows.sorted { ($0.cohort, $0.beneficiary) < ($1.cohort, $1.beneficiary) })
    }

    public var table: Table {
        Table(title: "Hasil per Bantuan per \(asOf)", columns: [
            .init("entry", "No. Entri", .integer), .init("beneficiary", "Binaan"), .init("cohort", "Angkatan"),
            .init("grant_date", "Tanggal Bantuan", .date), .init("amount", "Jumlah", .rupiah), .init("outcome", "Hasil"),
            .init("business_status", "Status Usaha"), .init("last_sales", "Penjualan Terakhir", .rupiah),
            .init("last_sales_period_end", "Periode s.d.", .date), .init("grant_use", "Penggunaan Bantuan"),
        ], rows: rows.map { r in
            [.integer(r.entryID), .text(r.beneficiary), .text(r.cohort), .date(r.grantDate), .rupiah(r.amount),
             .text(r.state.label), r.businessStatus.map { .text($0.label) } ?? .empty, r.lastSales.map { .rupiah($0) } ?? .empty,
             r.lastSalesPeriodEnd.map { .date($0) } ?? .empty, r.grantUse.map { .text($0.label) } ?? .empty]
        })
    }
}

extension OutcomeState {
    public var label: String {
        switch self {
        case .returned: "Kembali"
        case .notReturned: "Tidak kembali"
        case .unknown: "Tidak diketahui"
        case .lostToFollowUp: "Hilang kontak"
        }
    }
}
