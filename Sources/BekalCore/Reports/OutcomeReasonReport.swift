/// Why graduates returned, and what kept the others from it (`bekal report outcome-reasons`):
/// each grant counted by its state (as the outcome report counts it) and, for a "returned" or
/// "not returned" one, the coded factors of her latest outcome. Restricted and audited, like
/// every outcome report; counts only, never a person or a reason's text.
///
/// The share of graduates who returned for a reason is a range, as the success rate is: its
/// low end counts only the women known to have returned for it; its high end adds every grant
/// whose outcome is unknown or lost, any of whom may have returned for that reason.
public struct OutcomeReasonReport: Hashable, Codable, Sendable {
    public struct Line: Hashable, Codable, Sendable {
        public let code: String
        public let label: String
        /// Grants whose latest outcome names it.
        public let count: Int
        /// Per thousand of the grants: the low and the high end (see the type's note).
        public let lowPermille: Int?
        public let highPermille: Int?
    }

    public let asOf: LocalDate
    public let tally: OutcomeTally
    /// "Returned" outcomes that give no reason (recorded before reasons were).
    public let returnedWithoutReason: Int
    public let reasons: [Line]
    public let protective: [Line]

    public static func build(from source: some OutcomeReportSource & CasePathPort, asOf: LocalDate,
                             policy: FollowUpPolicy) throws -> OutcomeReasonReport {
        let closed = try ClosedCases.read(from: source)
        let factors = try source.latestOutcomeFactors(asOf: asOf)
        var tally = OutcomeTally(), withoutReason = 0
        var reasons: [ReturnReason: Int] = [:], protective: [ProtectiveFactor: Int] = [:]
        try source.forEachOutcomeCase(asOf: asOf) { c in
            let state = OutcomeState.of(c, asOf: asOf, closed: closed, lostAfterDays: policy.lostAfterDays)
            tally.add(state)
            let hers = factors[c.beneficiaryID] ?? .none
            switch state {
            case .returned:
                if hers.reasons.isEmpty { withoutReason += 1 }
                for r in hers.reasons { reasons[r, default: 0] += 1 }
            case .notReturned:
                for p in hers.protective { protective[p, default: 0] += 1 }
            case .unknown, .lostToFollowUp:
                break
            }
        }
        let open = tally.unknown + tally.lost
        let reasonLines = ReturnReason.allCases.map { r in
            let n = reasons[r] ?? 0
            return Line(code: r.rawValue, label: r.label, count: n, lowPermille: OutcomeTally.permille(n, of: tally.grants),
                        highPermille: OutcomeTally.permille(n + open, of: tally.grants))
        }
        let protectiveLines = ProtectiveFactor.allCases.map { p in
            let n = protective[p] ?? 0
            return Line(code: p.rawValue, label: p.label, count: n, lowPermille: OutcomeTally.permille(n, of: tally.grants),
                        highPermille: OutcomeTally.permille(n + open, of: tally.grants))
        }
        return OutcomeReasonReport(asOf: asOf, tally: tally, returnedWithoutReason: withoutReason, reasons: reasonLines,
                                   protective: protectiveLines)
    }

    static func percent(_ p: Int?) -> String { p.map { "\($0 / 10),\($0 % 10) %" } ?? "–" }

    public var table: Table {
        func row(_ kind: String, _ line: Line) -> [Table.Cell] {
            [.text(kind), .text(line.label), .integer(Int64(line.count)),
             .text("\(Self.percent(line.lowPermille)) s.d. \(Self.percent(line.highPermille))")]
        }
        var rows = reasons.map { row("Alasan kembali", $0) } + protective.map { row("Faktor pelindung", $0) }
        if returnedWithoutReason > 0 {
            rows.append([.text("Alasan kembali"), .text("(tanpa alasan tercatat)"), .integer(Int64(returnedWithoutReason)), .empty])
        }
        return Table(title: "Alasan kembali dan faktor pelindung per \(asOf) (dari \(tally.grants) bantuan: \(tally.returned) kembali, "
                     + "\(tally.notReturned) tidak kembali, \(tally.unknown) tidak diketahui, \(tally.lost) hilang kontak)", columns: [
            .init("kind", "Jenis"), .init("factor", "Alasan atau faktor"), .init("grants", "Jumlah Bantuan", .integer),
            .init("share_range", "Bagian dari semua bantuan (rentang)"),
        ], rows: rows)
    }
}
