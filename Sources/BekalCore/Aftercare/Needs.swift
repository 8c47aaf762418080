/// What a woman or a kelompok asked for, from the day it was voiced to the support that
/// answered it (issue 15; the Pekanbaru study's responsiveness). A need is opened (on a visit,
/// or by hand) and closed once, with what answered it; both are append-only records. Its note
/// is as private as a visit's: never on a partner page, in a partner export, a log line or the
/// audit log's details.

public enum NeedKind: String, Hashable, Codable, CaseIterable, Sendable {
    case marketing, branding, capital, equipment, health
    case goingHome = "going_home"
    /// KTP, KK, a business licence.
    case documents
    case training
    case other

    public var label: String {
        switch self {
        case .marketing: "Pemasaran"
        case .branding: "Merek dan kemasan"
        case .capital: "Modal"
        case .equipment: "Peralatan"
        case .health: "Kesehatan"
        case .goingHome: "Pulang ke daerah asal"
        case .documents: "Dokumen (KTP, KK, izin usaha)"
        case .training: "Pelatihan"
        case .other: "Lainnya"
        }
    }

    public static func parse(_ text: String, option: String = "--kind") throws(InputError) -> NeedKind {
        let code = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        guard let kind = NeedKind(rawValue: code) else { throw InputError(.option(option), input: text, .notOneOf(allCases.map(\.rawValue))) }
        return kind
    }
}

/// A need, and its answer once it has one.
public struct Need: Hashable, Sendable {
    public struct Answer: Hashable, Sendable {
        public let closedOn: LocalDate
        /// The support that answered it, when it was one of a visit's kinds.
        public let support: SupportKind?
        public let note: String?
        public let visitID: Int64?
        public let actor: String
        public let recordedAt: String

        public init(closedOn: LocalDate, support: SupportKind?, note: String?, visitID: Int64?, actor: String, recordedAt: String) {
            self.closedOn = closedOn
            self.support = support
            self.note = note
            self.visitID = visitID
            self.actor = actor
            self.recordedAt = recordedAt
        }
    }

    public let id: Int64
    public let beneficiaryID: Int64?
    public let kelompokID: Int64?
    public let kind: NeedKind
    public let note: String?
    public let openedOn: LocalDate
    public let visitID: Int64?
    /// The worker who heard it (the visit's, or the one whose caseload the subject was in).
    public let workerID: Int64?
    public let actor: String
    public let recordedAt: String
    public var answer: Answer?

    public init(id: Int64, beneficiaryID: Int64?, kelompokID: Int64?, kind: NeedKind, note: String?, openedOn: LocalDate, visitID: Int64?,
                workerID: Int64?, actor: String, recordedAt: String, answer: Answer? = nil) {
        self.id = id
        self.beneficiaryID = beneficiaryID
        self.kelompokID = kelompokID
        self.kind = kind
        self.note = note
        self.openedOn = openedOn
        self.visitID = visitID
        self.workerID = workerID
        self.actor = actor
        self.recordedAt = recordedAt
        self.answer = answer
    }

    /// `B-00012` or `K-0003`.
    public var subjectCode: String {
        beneficiaryID.map(Beneficiary.code(for:)) ?? kelompokID.map(Kelompok.code(for:)) ?? "-"
    }
    public var isOpen: Bool { answer == nil }
    /// Days from voiced to answered; nil while open.
    public var daysToAnswer: Int? { answer.map { openedOn.days(until: $0.closedOn) } }
}

/// A need about to be written.
public struct NeedDraft: Hashable, Sendable {
    public var beneficiaryID: Int64?
    public var kelompokID: Int64?
    public var kind: NeedKind
    public var note: String?
    public var openedOn: LocalDate
    public var visitID: Int64?
    public var workerID: Int64?
    public var actor: String
    public var recordedAt: String

    public init(beneficiaryID: Int64?, kelompokID: Int64?, kind: NeedKind, note: String?, openedOn: LocalDate, visitID: Int64?, workerID: Int64?,
                actor: String, recordedAt: String) {
        self.beneficiaryID = beneficiaryID
        self.kelompokID = kelompokID
        self.kind = kind
        self.note = note
        self.openedOn = openedOn
        self.visitID = visitID
        self.workerID = workerID
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

/// What an officer or a worker gives to open a need.
public struct NeedRequest: Hashable, Sendable {
    public var beneficiary: String?
    public var kelompok: String?
    public var kind: NeedKind
    public var note: String?
    public var openedOn: LocalDate?

    public init(beneficiary: String? = nil, kelompok: String? = nil, kind: NeedKind, note: String? = nil, openedOn: LocalDate? = nil) {
        self.beneficiary = beneficiary
        self.kelompok = kelompok
        self.kind = kind
        self.note = note
        self.openedOn = openedOn
    }
}

public protocol NeedPort {
    func insertNeed(_ draft: NeedDraft) throws -> Need
    func insertNeedAnswer(needID: Int64, _ answer: Need.Answer) throws
    func need(id: Int64) throws -> Need?
    /// Needs of these people and kelompok (a caseload), open ones only if asked, oldest first.
    func needs(beneficiaryIDs: [Int64], kelompokIDs: [Int64], openOnly: Bool) throws -> [Need]
    /// Every need, oldest first (the needs report).
    func allNeeds() throws -> [Need]
}

/// Needs from the rows a store keeps, the same for every store.
public enum NeedRows {
    public static let columns = """
        n.id, n.beneficiary_id, n.kelompok_id, n.kind, n.note, n.opened_on, n.visit_id, n.worker_id, n.actor, n.recorded_at,
        a.closed_on, a.support, a.note, a.visit_id, a.actor, a.recorded_at
        """
    public static let from = "need n LEFT JOIN need_answer a ON a.need_id = n.id"

    public static func need(id: Int64, beneficiaryID: Int64?, kelompokID: Int64?, kind: String, note: String?, openedOn: String, visitID: Int64?,
                            workerID: Int64?, actor: String, recordedAt: String, closedOn: String?, support: String?, answerNote: String?,
                            answerVisitID: Int64?, answerActor: String?, answerRecordedAt: String?) throws -> Need {
        let answer = try closedOn.map { day in
            Need.Answer(closedOn: try LocalDate.parse(day), support: support.flatMap(SupportKind.init(rawValue:)), note: answerNote,
                        visitID: answerVisitID, actor: answerActor ?? "", recordedAt: answerRecordedAt ?? "")
        }
        return Need(id: id, beneficiaryID: beneficiaryID, kelompokID: kelompokID, kind: try NeedKind.parse(kind), note: note,
                    openedOn: try LocalDate.parse(openedOn), visitID: visitID, workerID: workerID, actor: actor, recordedAt: recordedAt,
                    answer: answer)
    }
}
