/// Whether a graduate returned to sex work, as of a date. The most sensitive fact Bekal
/// holds: every read of it is audited, and it never leaves for a partner.
public enum ReturnedToSexWork: String, Codable, CaseIterable, Sendable {
    case yes, no, unknown

    /// What an officer reads in an outcome's history.
    public var label: String {
        switch self {
        case .yes: "Kembali"
        case .no: "Tidak kembali"
        case .unknown: "Tidak diketahui"
        }
    }
}

/// Where an outcome came from.
public enum OutcomeSource: String, Codable, CaseIterable, Sendable {
    case selfReport = "self_report"
    case workerObservation = "worker_observation"
    case communityReport = "community_report"

    public var label: String {
        switch self {
        case .selfReport: "Pengakuan sendiri"
        case .workerObservation: "Pengamatan pendamping"
        case .communityReport: "Laporan warga atau ketua RT"
        }
    }

    /// Whether recording an outcome from this source means someone was in touch with her: she
    /// told it herself, or her worker saw her. Either is a contact, like a visit, and keeps her
    /// from being counted lost to follow-up. A report by neighbours or the RT head is about her,
    /// not with her: it says nothing of whether the programme can still reach her.
    public var isContact: Bool {
        switch self {
        case .selfReport, .workerObservation: true
        case .communityReport: false
        }
    }
}

/// What the outcome report counts for one grant: the latest recorded outcome, unless she is
/// lost to follow-up, which is a state of its own rather than a guess.
public enum OutcomeState: String, Codable, CaseIterable, Sendable {
    case returned
    case notReturned = "not_returned"
    case unknown
    case lostToFollowUp = "lost_to_follow_up"

    /// Lost to follow-up when her last known whereabouts is unreachable, or when nobody has
    /// had contact for `lostAfterDays` days (counted from the grant when there never was any).
    /// A later contact clears it; an outcome recorded after that contact counts again.
    public static func of(latestOutcome: ReturnedToSexWork?, lastContact: LocalDate?, lastWhereabouts: Whereabouts?,
                          grantDate: LocalDate, asOf: LocalDate, lostAfterDays: Int) -> OutcomeState {
        if lastWhereabouts == .unreachable { return .lostToFollowUp }
        let since = lastContact ?? grantDate
        if since.days(until: asOf) > lostAfterDays { return .lostToFollowUp }
        switch latestOutcome {
        case .yes: return .returned
        case .no: return .notReturned
        case .unknown, nil: return .unknown
        }
    }
}

/// Outcome counts for a group of grants and the success rate as an honest range.
///
/// The low end counts every unknown and lost case as returned; the high end leaves them out.
/// An office that reports "70–80 % success" from only the women it could find is reporting
/// the high end; the low end is what it can prove.
public struct OutcomeTally: Hashable, Codable, Sendable {
    public var returned = 0
    public var notReturned = 0
    public var unknown = 0
    public var lost = 0

    public init(returned: Int = 0, notReturned: Int = 0, unknown: Int = 0, lost: Int = 0) {
        self.returned = returned
        self.notReturned = notReturned
        self.unknown = unknown
        self.lost = lost
    }

    public var grants: Int { returned + notReturned + unknown + lost }

    public mutating func add(_ state: OutcomeState) {
        switch state {
        case .returned: returned += 1
        case .notReturned: notReturned += 1
        case .unknown: unknown += 1
        case .lostToFollowUp: lost += 1
        }
    }

    /// Success (not returned) over all grants, in tenths of a percent, rounded half up; nil with no grants.
    public var successLowPermille: Int? { Self.permille(notReturned, of: grants) }
    /// Success over the grants whose outcome is known; nil when none is known.
    public var successHighPermille: Int? { Self.permille(notReturned, of: returned + notReturned) }

    static func permille(_ part: Int, of whole: Int) -> Int? {
        guard whole > 0 else { return nil }
        return (part * 2000 + whole) / (whole * 2)
    }

    /// `70,0 % s.d. 87,5 %` (Indonesian decimal comma); `–` with no grants; the high end
    /// reads "belum ada hasil diketahui" when no outcome is known.
    public var successRangeLabel: String {
        func pct(_ p: Int) -> String { "\(p / 10),\(p % 10) %" }
        guard let low = successLowPermille else { return "–" }
        guard let high = successHighPermille else { return "\(pct(low)) s.d. – (belum ada hasil diketahui)" }
        return "\(pct(low)) s.d. \(pct(high))"
    }
}
