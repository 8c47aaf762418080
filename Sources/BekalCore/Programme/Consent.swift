/// Her consents as a lifecycle (issue 15): to share her business with partners, to show a
/// name to partners, and to be referred to a named service. Each is given and withdrawn with a
/// date, append-only; the export and the partner pages follow the state on their day, and the
/// history stays. Before any event, the consent is what her registration recorded.

public enum ConsentKind: String, Hashable, Codable, CaseIterable, Sendable {
    /// Her business data (never her person) may be shared with partners.
    case shareBusiness = "share_business"
    /// This name may appear in partner exports and pages.
    case showName = "show_name"
    /// She may be referred to this service (a partner's code, or the service named).
    case referral

    public var label: String {
        switch self {
        case .shareBusiness: "Berbagi data usaha dengan mitra"
        case .showName: "Nama tampil untuk mitra"
        case .referral: "Dirujuk ke layanan"
        }
    }

    public static func parse(_ text: String) throws(InputError) -> ConsentKind {
        let code = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        let aliases = ["share": ConsentKind.shareBusiness, "name": .showName]
        guard let kind = ConsentKind(rawValue: code) ?? aliases[code] else {
            throw InputError(.option("--kind"), input: text, .notOneOf(allCases.map(\.rawValue)))
        }
        return kind
    }
}

/// One giving or withdrawing of a consent.
public struct ConsentEvent: Hashable, Sendable {
    public let id: Int64
    public let beneficiaryID: Int64
    public let kind: ConsentKind
    public let given: Bool
    public let onDate: LocalDate
    /// The name she agreed may be shown (a `showName` given).
    public let name: String?
    /// The service of a `referral` consent.
    public let service: String?
    public let actor: String
    public let recordedAt: String

    public init(id: Int64, beneficiaryID: Int64, kind: ConsentKind, given: Bool, onDate: LocalDate, name: String? = nil, service: String? = nil,
                actor: String, recordedAt: String) {
        self.id = id
        self.beneficiaryID = beneficiaryID
        self.kind = kind
        self.given = given
        self.onDate = onDate
        self.name = name
        self.service = service
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

/// Her consents on a day: the registration's, as the latest event on or before that day changed them.
public struct ConsentState: Hashable, Sendable {
    public var shareBusiness: Bool
    public var shownName: String?
    /// The services she agreed to be referred to, by the code or text given.
    public var referrals: Set<String>

    public static func on(_ day: LocalDate, registered person: Beneficiary, events: [ConsentEvent]) -> ConsentState {
        var state = ConsentState(shareBusiness: person.consentShare, shownName: person.consentName, referrals: [])
        let ordered = events.filter { $0.beneficiaryID == person.id && $0.onDate <= day }.sorted { ($0.onDate, $0.id) < ($1.onDate, $1.id) }
        for e in ordered {
            switch e.kind {
            case .shareBusiness: state.shareBusiness = e.given
            case .showName: state.shownName = e.given ? e.name : nil
            case .referral:
                guard let service = e.service else { continue }
                if e.given { state.referrals.insert(service) } else { state.referrals.remove(service) }
            }
        }
        return state
    }

    /// The person as partners may see her on that day: her registration's consent fields replaced by the state's.
    public static func applied(_ day: LocalDate, to person: Beneficiary, events: [ConsentEvent]) -> Beneficiary {
        let state = on(day, registered: person, events: events)
        var person = person
        person.consentShare = state.shareBusiness
        person.consentName = state.shareBusiness ? state.shownName : nil
        return person
    }
}

public struct ConsentEventDraft: Hashable, Sendable {
    public var beneficiaryID: Int64
    public var kind: ConsentKind
    public var given: Bool
    public var onDate: LocalDate
    public var name: String?
    public var service: String?
    public var actor: String
    public var recordedAt: String

    public init(beneficiaryID: Int64, kind: ConsentKind, given: Bool, onDate: LocalDate, name: String?, service: String?, actor: String,
                recordedAt: String) {
        self.beneficiaryID = beneficiaryID
        self.kind = kind
        self.given = given
        self.onDate = onDate
        self.name = name
        self.service = service
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

public protocol ConsentPort {
    func insertConsentEvent(_ draft: ConsentEventDraft) throws -> ConsentEvent
    /// Her events, in the order recorded; every person's when `beneficiaryID` is nil.
    func consentEvents(beneficiaryID: Int64?) throws -> [ConsentEvent]
}

public enum ConsentRows {
    public static func event(id: Int64, beneficiaryID: Int64, kind: String, given: Int64, onDate: String, name: String?, service: String?,
                             actor: String, recordedAt: String) throws -> ConsentEvent {
        ConsentEvent(id: id, beneficiaryID: beneficiaryID, kind: try ConsentKind.parse(kind), given: given != 0, onDate: try LocalDate.parse(onDate),
                     name: name, service: service, actor: actor, recordedAt: recordedAt)
    }
}
