/// Referrals of a woman to a partner's service (issue 15): Puskesmas and hospital, Disnaker and
/// BLK training, Kementerian Agama, Dinas Koperasi, Disdukcapil, KUA, child protection,
/// return-home assistance. Only with her consent to be referred there (``ConsentKind/referral``);
/// sent, then accepted or declined (with why), then done (with the result), each dated and
/// append-only. Notes are hers: never on a partner page, an export, a log line or the audit log.

public enum PartnerKind: String, Hashable, Codable, CaseIterable, Sendable {
    case puskesmas, hospital, disnaker, blk, kemenag, koperasi, disdukcapil, kua
    case childProtection = "child_protection"
    case returnHome = "return_home"
    case other

    public var label: String {
        switch self {
        case .puskesmas: "Puskesmas"
        case .hospital: "Rumah sakit"
        case .disnaker: "Dinas Tenaga Kerja"
        case .blk: "Balai Latihan Kerja"
        case .kemenag: "Kementerian Agama"
        case .koperasi: "Dinas Koperasi"
        case .disdukcapil: "Disdukcapil"
        case .kua: "KUA"
        case .childProtection: "Perlindungan anak (UPTD PPA)"
        case .returnHome: "Bantuan pemulangan"
        case .other: "Lainnya"
        }
    }

    public static func parse(_ text: String) throws(InputError) -> PartnerKind {
        let code = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        guard let kind = PartnerKind(rawValue: code) else { throw InputError(.option("--kind"), input: text, .notOneOf(allCases.map(\.rawValue))) }
        return kind
    }
}

/// A partner of the register of services.
public struct ServicePartner: Hashable, Sendable {
    public let id: Int64
    public let code: String
    public let name: String
    public let kind: PartnerKind

    public init(id: Int64, code: String, name: String, kind: PartnerKind) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
    }
}

public enum ReferralStatus: String, Hashable, Codable, CaseIterable, Sendable {
    case sent, accepted, declined, done

    public var label: String {
        switch self {
        case .sent: "Dikirim"
        case .accepted: "Diterima"
        case .declined: "Ditolak"
        case .done: "Selesai"
        }
    }

    /// What may follow: accepted or declined after sent; done after sent or accepted.
    public func mayBecome(_ next: ReferralStatus) -> Bool {
        switch (self, next) {
        case (.sent, .accepted), (.sent, .declined), (.sent, .done), (.accepted, .done): true
        default: false
        }
    }

    public static func parse(_ text: String) throws(InputError) -> ReferralStatus {
        let code = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let status = ReferralStatus(rawValue: code) else {
            throw InputError(.option("--status"), input: text, .notOneOf(allCases.map(\.rawValue)))
        }
        return status
    }
}

/// A referral and its dated steps, the first being `sent`.
public struct Referral: Hashable, Sendable {
    public struct Step: Hashable, Sendable {
        public let status: ReferralStatus
        public let onDate: LocalDate
        public let note: String?
        public let actor: String
        public let recordedAt: String

        public init(status: ReferralStatus, onDate: LocalDate, note: String?, actor: String, recordedAt: String) {
            self.status = status
            self.onDate = onDate
            self.note = note
            self.actor = actor
            self.recordedAt = recordedAt
        }
    }

    public let id: Int64
    public let beneficiaryID: Int64
    public let partnerID: Int64
    public let service: String
    public var steps: [Step]

    public init(id: Int64, beneficiaryID: Int64, partnerID: Int64, service: String, steps: [Step]) {
        self.id = id
        self.beneficiaryID = beneficiaryID
        self.partnerID = partnerID
        self.service = service
        self.steps = steps
    }

    public var status: ReferralStatus { steps.last?.status ?? .sent }
    public var sentOn: LocalDate? { steps.first?.onDate }
    public var isOpen: Bool { status == .sent || status == .accepted }
}

public protocol ReferralPort {
    func insertPartner(code: String, name: String, kind: PartnerKind) throws -> ServicePartner
    func partners() throws -> [ServicePartner]
    func partner(code: String) throws -> ServicePartner?
    /// A new referral with its first step (`sent`).
    func insertReferral(beneficiaryID: Int64, partnerID: Int64, service: String, sent: Referral.Step) throws -> Referral
    func insertReferralStep(referralID: Int64, _ step: Referral.Step) throws
    func referral(id: Int64) throws -> Referral?
    /// These people's referrals (every one's when nil), oldest first.
    func referrals(beneficiaryIDs: [Int64]?) throws -> [Referral]
}
