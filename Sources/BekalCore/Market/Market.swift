/// A business on its way to the market (issue 16, part 3): its licences, its membership of a
/// koperasi or a KUBE, the channels it sells through, and the exhibitions and markets it took
/// part in. Every record is append-only: a licence renewed is a new licence, a business that
/// leaves a koperasi or stops selling through a channel gets a new row saying so.
public enum LicenceKind: String, Codable, CaseIterable, Sendable {
    /// Nomor Induk Berusaha from OSS: 13 digits.
    case nib
    /// Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT): 15 digits.
    case pirt
    /// The halal certificate of BPJPH.
    case halal

    public var label: String {
        switch self {
        case .nib: "NIB"
        case .pirt: "P-IRT"
        case .halal: "Sertifikat halal"
        }
    }

    /// How many digits the number has, where the issuer fixes it.
    public var digits: Int? {
        switch self {
        case .nib: 13
        case .pirt: 15
        case .halal: nil
        }
    }
}

public struct UsahaLicence: Hashable, Codable, Sendable {
    public let id: Int64
    public let usahaID: Int64
    public let kind: LicenceKind
    public let number: String
    public let issuedOn: LocalDate
    public let validUntil: LocalDate?
    public let actor: String
    public let recordedAt: String

    public init(id: Int64, usahaID: Int64, kind: LicenceKind, number: String, issuedOn: LocalDate, validUntil: LocalDate?,
                actor: String, recordedAt: String) {
        self.id = id
        self.usahaID = usahaID
        self.kind = kind
        self.number = number
        self.issuedOn = issuedOn
        self.validUntil = validUntil
        self.actor = actor
        self.recordedAt = recordedAt
    }

    /// In force on the day: issued on or before it and not expired.
    public func isValid(on day: LocalDate) -> Bool { issuedOn <= day && (validUntil.map { $0 >= day } ?? true) }

    /// `NIB 1234567890123`, `P-IRT 206187101012324 (s.d. 2017-06-01)`.
    public var text: String { "\(kind.label) \(number)" + (validUntil.map { " (s.d. \($0))" } ?? "") }
}

/// A koperasi or a KUBE (*kelompok usaha bersama*) a business belongs to.
public enum AffiliationKind: String, Codable, CaseIterable, Sendable {
    case koperasi, kube

    public var label: String {
        switch self {
        case .koperasi: "Koperasi"
        case .kube: "KUBE"
        }
    }
}

/// A business joining (or leaving) a koperasi or a KUBE on a day.
public struct UsahaAffiliation: Hashable, Codable, Sendable {
    public let id: Int64
    public let usahaID: Int64
    public let kind: AffiliationKind
    public let name: String
    public let onDate: LocalDate
    public let joined: Bool
    public let actor: String
    public let recordedAt: String

    public init(id: Int64, usahaID: Int64, kind: AffiliationKind, name: String, onDate: LocalDate, joined: Bool, actor: String,
                recordedAt: String) {
        self.id = id
        self.usahaID = usahaID
        self.kind = kind
        self.name = name
        self.onDate = onDate
        self.joined = joined
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

/// Where a business sells.
public enum SalesChannel: String, Codable, CaseIterable, Sendable {
    case warung
    case pasar
    /// Goods left with a shop to sell (*titip jual*).
    case titip
    /// Made to order (*pesanan*).
    case pesanan
    case online
    case pameran
    case lainnya

    public var label: String {
        switch self {
        case .warung: "Warung sendiri"
        case .pasar: "Pasar"
        case .titip: "Titip jual"
        case .pesanan: "Pesanan"
        case .online: "Daring"
        case .pameran: "Pameran dan bazar"
        case .lainnya: "Lainnya"
        }
    }
}

/// A business starting (or stopping) to sell through a channel on a day.
public struct UsahaChannel: Hashable, Codable, Sendable {
    public let id: Int64
    public let usahaID: Int64
    public let channel: SalesChannel
    public let onDate: LocalDate
    public let active: Bool
    public let actor: String
    public let recordedAt: String

    public init(id: Int64, usahaID: Int64, channel: SalesChannel, onDate: LocalDate, active: Bool, actor: String, recordedAt: String) {
        self.id = id
        self.usahaID = usahaID
        self.channel = channel
        self.onDate = onDate
        self.active = active
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

public enum MarketEventKind: String, Codable, CaseIterable, Sendable {
    case pameran, bazar

    public var label: String {
        switch self {
        case .pameran: "Pameran"
        case .bazar: "Bazar"
        }
    }
}

/// An exhibition or a market the office took businesses to, with the entry that paid for the
/// stand (an aftercare cost), if the office paid one.
public struct MarketEvent: Hashable, Codable, Sendable {
    public let id: Int64
    public let kind: MarketEventKind
    public let name: String
    public let place: String
    public let startsOn: LocalDate
    public let endsOn: LocalDate
    public let standEntryID: Int64?
    public let actor: String
    public let recordedAt: String
    public var code: String { MarketEvent.code(for: id) }
    public static func code(for id: Int64) -> String { "PM-" + zeroPadded(id, 4) }

    public init(id: Int64, kind: MarketEventKind, name: String, place: String, startsOn: LocalDate, endsOn: LocalDate,
                standEntryID: Int64?, actor: String, recordedAt: String) {
        self.id = id
        self.kind = kind
        self.name = name
        self.place = place
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.standEntryID = standEntryID
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

/// A business at an event, and what it sold there once that is known.
public struct MarketParticipant: Hashable, Codable, Sendable {
    public let eventID: Int64
    public let usahaID: Int64
    public let sales: Rupiah?

    public init(eventID: Int64, usahaID: Int64, sales: Rupiah?) {
        self.eventID = eventID
        self.usahaID = usahaID
        self.sales = sales
    }
}

/// What the market records need from storage, inside one transaction.
public protocol MarketPort {
    func insertLicence(usahaID: Int64, kind: LicenceKind, number: String, issuedOn: LocalDate, validUntil: LocalDate?,
                       actor: String, recordedAt: String) throws -> UsahaLicence
    /// Of one usaha (every usaha: nil), by id.
    func licences(usahaID: Int64?) throws -> [UsahaLicence]
    func licence(kind: LicenceKind, number: String) throws -> UsahaLicence?
    func insertAffiliation(usahaID: Int64, kind: AffiliationKind, name: String, onDate: LocalDate, joined: Bool,
                           actor: String, recordedAt: String) throws -> UsahaAffiliation
    func affiliations(usahaID: Int64?) throws -> [UsahaAffiliation]
    func insertChannel(usahaID: Int64, channel: SalesChannel, onDate: LocalDate, active: Bool, actor: String,
                       recordedAt: String) throws -> UsahaChannel
    func channels(usahaID: Int64?) throws -> [UsahaChannel]
    func insertMarketEvent(kind: MarketEventKind, name: String, place: String, startsOn: LocalDate, endsOn: LocalDate,
                           standEntryID: Int64?, actor: String, recordedAt: String) throws -> MarketEvent
    func marketEvents() throws -> [MarketEvent]
    func marketEvent(id: Int64) throws -> MarketEvent?
    func insertMarketParticipant(eventID: Int64, usahaID: Int64) throws
    func insertMarketSale(eventID: Int64, usahaID: Int64, amount: Rupiah, actor: String, recordedAt: String) throws
    /// Of one event (every event: nil), by event and usaha, each with its sales if recorded.
    func marketParticipants(eventID: Int64?) throws -> [MarketParticipant]
}

extension Array where Element == UsahaAffiliation {
    /// The koperasi and KUBE the usaha belongs to on the day: the last row of each name up to it says.
    public func current(on day: LocalDate) -> [UsahaAffiliation] {
        var last: [String: UsahaAffiliation] = [:]
        for row in self.sorted(by: { ($0.onDate, $0.id) < ($1.onDate, $1.id) }) where row.onDate <= day {
            last["\(row.kind.rawValue)|\(row.name.lowercased())"] = row
        }
        return last.values.filter(\.joined).sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
    }
}

extension Array where Element == UsahaChannel {
    /// The channels the usaha sells through on the day.
    public func current(on day: LocalDate) -> [SalesChannel] {
        var last: [SalesChannel: Bool] = [:]
        for row in self.sorted(by: { ($0.onDate, $0.id) < ($1.onDate, $1.id) }) where row.onDate <= day { last[row.channel] = row.active }
        return SalesChannel.allCases.filter { last[$0] == true }
    }
}
