/// Her path through the programme (issue 15): how she came in (``Intake``) and the dated
/// stages of her case (``CaseStage``), which the rehabilitation offices work in: Permensos
/// 7/2021 "ATENSI" and the case-management steps of the Ogan Ilir study by default
/// (``StageDefinition/atensi``), the office's own list when it sets one.

/// One stage of the office's list: its code, its label as officers read it, and whether
/// recording it closes the case (*terminasi*): a closing stage takes a coded reason, the case
/// leaves the due list, and nothing more is recorded on it.
public struct StageDefinition: Hashable, Codable, Sendable {
    public let code: String
    public let label: String
    public let closes: Bool

    public init(code: String, label: String, closes: Bool = false) {
        self.code = code
        self.label = label
        self.closes = closes
    }

    /// The ATENSI steps, then aftercare (*bimbingan lanjut*), then the closing of the case.
    public static let atensi: [StageDefinition] = [
        .init(code: "identifikasi", label: "Identifikasi"),
        .init(code: "asesmen", label: "Asesmen"),
        .init(code: "rencana-intervensi", label: "Rencana intervensi"),
        .init(code: "intervensi", label: "Intervensi"),
        .init(code: "review", label: "Review"),
        .init(code: "evaluasi", label: "Evaluasi"),
        .init(code: "bimbingan-lanjut", label: "Bimbingan lanjut"),
        .init(code: "terminasi", label: "Terminasi (kasus ditutup)", closes: true),
    ]
}

/// A dated stage of an enrolment, with who recorded it. Append-only: a later stage is a new
/// row, the history stays.
public struct CaseStage: Hashable, Sendable {
    public let id: Int64
    public let enrolmentID: Int64
    public let stage: String
    public let onDate: LocalDate
    /// Whether this stage closed the case (as the stage list said when it was recorded).
    public let closes: Bool
    public let reasonCode: ExitReason?
    public let reason: String?
    public let actor: String
    public let recordedAt: String

    public init(id: Int64, enrolmentID: Int64, stage: String, onDate: LocalDate, closes: Bool, reasonCode: ExitReason? = nil,
                reason: String? = nil, actor: String, recordedAt: String) {
        self.id = id
        self.enrolmentID = enrolmentID
        self.stage = stage
        self.onDate = onDate
        self.closes = closes
        self.reasonCode = reasonCode
        self.reason = reason
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

/// A stage about to be written.
public struct CaseStageDraft: Hashable, Sendable {
    public var enrolmentID: Int64
    public var stage: String
    public var onDate: LocalDate
    public var closes: Bool
    public var reasonCode: ExitReason?
    public var reason: String?
    public var actor: String
    public var recordedAt: String
}

/// How she came to the programme.
public enum IntakeRoute: String, Hashable, Codable, CaseIterable, Sendable {
    /// A referral letter from a district office (or the police, a hospital …).
    case referral
    /// Found by the office's outreach (*penjangkauan*).
    case outreach
    /// She came on her own.
    case selfReferred = "self"

    public var label: String {
        switch self {
        case .referral: "Rujukan"
        case .outreach: "Penjangkauan"
        case .selfReferred: "Datang sendiri"
        }
    }

    public static func parse(_ text: String) throws(InputError) -> IntakeRoute {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let route = IntakeRoute(rawValue: trimmed) else {
            throw InputError(.option("--route"), input: text, .notOneOf(allCases.map(\.rawValue)))
        }
        return route
    }
}

/// A category of the office's list (*kategori PPKS*): who she is to the programme.
public struct IntakeCategory: Hashable, Codable, Sendable {
    public let code: String
    public let label: String

    public init(code: String, label: String) {
        self.code = code
        self.label = label
    }

    public static let standard: [IntakeCategory] = [
        .init(code: "eks-wts", label: "Eks WTS"),
        .init(code: "mucikari", label: "Mucikari"),
        .init(code: "rentan", label: "Rentan"),
        .init(code: "korban-kdrt", label: "Korban KDRT"),
        .init(code: "korban-perdagangan", label: "Korban perdagangan orang"),
    ]
}

/// Her intake into one enrolment: how she came, who referred her (with the letter), her
/// category, and the day she agreed to take part (voluntary consent is recorded before any
/// stage: forced participation is a named cause of failure). Her birth date, when she shows
/// it (KTP, KK), decides her age better than the birth year. One per enrolment, append-only.
public struct Intake: Hashable, Sendable {
    public let enrolmentID: Int64
    public let route: IntakeRoute
    public let referringOffice: String?
    public let letterNumber: String?
    public let letterDate: LocalDate?
    public let category: String
    public let consentOn: LocalDate
    public let birthDate: LocalDate?
    public let actor: String
    public let recordedAt: String

    public init(enrolmentID: Int64, route: IntakeRoute, referringOffice: String? = nil, letterNumber: String? = nil,
                letterDate: LocalDate? = nil, category: String, consentOn: LocalDate, birthDate: LocalDate? = nil,
                actor: String, recordedAt: String) {
        self.enrolmentID = enrolmentID
        self.route = route
        self.referringOffice = referringOffice
        self.letterNumber = letterNumber
        self.letterDate = letterDate
        self.category = category
        self.consentOn = consentOn
        self.birthDate = birthDate
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

/// What an officer gives for an intake.
public struct IntakeRequest: Hashable, Sendable {
    public var beneficiary: String
    public var cohort: String
    public var route: IntakeRoute
    public var referringOffice: String?
    public var letterNumber: String?
    public var letterDate: LocalDate?
    public var category: String
    public var consentOn: LocalDate?
    public var birthDate: LocalDate?

    public init(beneficiary: String, cohort: String, route: IntakeRoute, referringOffice: String? = nil, letterNumber: String? = nil,
                letterDate: LocalDate? = nil, category: String, consentOn: LocalDate?, birthDate: LocalDate? = nil) {
        self.beneficiary = beneficiary
        self.cohort = cohort
        self.route = route
        self.referringOffice = referringOffice
        self.letterNumber = letterNumber
        self.letterDate = letterDate
        self.category = category
        self.consentOn = consentOn
        self.birthDate = birthDate
    }
}

/// The ages the programme takes (settings): a woman under the minimum is a child, and is
/// referred to child protection, never enrolled in an adult programme.
public struct AgeLimits: Hashable, Codable, Sendable {
    public var minimum: Int
    public var maximum: Int?

    public init(minimum: Int = 18, maximum: Int? = nil) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Her age on `day`: exact from a birth date; from a birth year, the age she reaches in
    /// that year (the most she can be), so that a year alone never lets a child through.
    public static func age(on day: LocalDate, birthDate: LocalDate?, birthYear: Int?) -> Int? {
        if let birth = birthDate {
            var age = day.year - birth.year
            if (day.month, day.day) < (birth.month, birth.day) { age -= 1 }
            return age
        }
        return birthYear.map { day.year - $0 }
    }
}

/// What the store keeps of her path: intakes and stages, both append-only.
public protocol CasePathPort {
    func insertIntake(_ intake: Intake) throws
    func intake(enrolmentID: Int64) throws -> Intake?
    func insertCaseStage(_ draft: CaseStageDraft) throws -> CaseStage
    /// An enrolment's stages in the order recorded.
    func caseStages(enrolmentID: Int64) throws -> [CaseStage]
    /// Every enrolment with its latest stage, if it has one (the stage report).
    func latestStages() throws -> [EnrolmentStage]
    /// Every closed case: the closing stage of each enrolment that has one.
    func closedCases() throws -> [ClosedCase]
    /// Why she returned, or what kept her from it (``OutcomeFactors``), for one outcome; append-only.
    func insertOutcomeFactors(outcomeID: Int64, _ factors: OutcomeFactors) throws
    func outcomeFactors(outcomeID: Int64) throws -> OutcomeFactors
    /// The factors of each person's latest outcome known on `asOf` (as the outcome report
    /// takes it: by date, then the last recorded), for those that have any.
    func latestOutcomeFactors(asOf: LocalDate) throws -> [Int64: OutcomeFactors]
}

/// An enrolment and the stage it is at.
public struct EnrolmentStage: Hashable, Sendable {
    public let enrolmentID: Int64
    public let beneficiaryID: Int64
    public let cohortID: Int64
    public let latest: CaseStage?

    public init(enrolmentID: Int64, beneficiaryID: Int64, cohortID: Int64, latest: CaseStage?) {
        self.enrolmentID = enrolmentID
        self.beneficiaryID = beneficiaryID
        self.cohortID = cohortID
        self.latest = latest
    }
}

/// A closed case: her enrolment in a cohort, closed by a stage.
public struct ClosedCase: Hashable, Sendable {
    public let beneficiaryID: Int64
    public let cohortID: Int64
    /// The day of the stage that closed it (all the due list and the outcome report ask).
    public let onDate: LocalDate

    public init(beneficiaryID: Int64, cohortID: Int64, onDate: LocalDate) {
        self.beneficiaryID = beneficiaryID
        self.cohortID = cohortID
        self.onDate = onDate
    }
}

/// The closed cases by person and cohort, as the due list and the outcome report ask: her
/// case follows her latest grant, so it is closed when her enrolment in that grant's cohort is.
public struct ClosedCases: Sendable {
    private let days: [Pair: LocalDate]
    private struct Pair: Hashable { let beneficiaryID: Int64, cohortID: Int64 }

    public init(_ cases: [ClosedCase]) {
        var days: [Pair: LocalDate] = [:]
        for c in cases { days[Pair(beneficiaryID: c.beneficiaryID, cohortID: c.cohortID)] = c.onDate }
        self.days = days
    }

    public static func read(from source: some CasePathPort) throws -> ClosedCases { ClosedCases(try source.closedCases()) }

    /// The day her case in the cohort was closed; nil while it is open.
    public func closedOn(beneficiaryID: Int64, cohortID: Int64?) -> LocalDate? {
        cohortID.flatMap { days[Pair(beneficiaryID: beneficiaryID, cohortID: $0)] }
    }

    /// Closed on or before `day`.
    public func isClosed(beneficiaryID: Int64, cohortID: Int64?, by day: LocalDate) -> Bool {
        closedOn(beneficiaryID: beneficiaryID, cohortID: cohortID).map { $0 <= day } ?? false
    }

    public var isEmpty: Bool { days.isEmpty }

    /// Every closed case, in no order.
    public var all: [ClosedCase] { days.map { ClosedCase(beneficiaryID: $0.key.beneficiaryID, cohortID: $0.key.cohortID, onDate: $0.value) } }
}

/// Intakes and stages from the text and numbers a store keeps, the same for every store:
/// a date or a code this version cannot read (a hand-edited row) is refused, never guessed.
public enum CasePathRows {
    public static let stageColumns = "id, enrolment_id, stage, on_date, closes, reason_code, reason, actor, recorded_at"
    public static let intakeColumns =
        "enrolment_id, route, referring_office, letter_number, letter_date, category, consent_on, birth_date, actor, recorded_at"

    public static func stage(id: Int64, enrolmentID: Int64, stage: String, onDate: String, closes: Int64, reasonCode: String?,
                             reason: String?, actor: String, recordedAt: String) throws -> CaseStage {
        CaseStage(id: id, enrolmentID: enrolmentID, stage: stage, onDate: try LocalDate.parse(onDate), closes: closes != 0,
                  reasonCode: try reasonCode.map { code in try ExitReason.parse(code) }, reason: reason, actor: actor, recordedAt: recordedAt)
    }

    public static func intake(enrolmentID: Int64, route: String, referringOffice: String?, letterNumber: String?, letterDate: String?,
                              category: String, consentOn: String, birthDate: String?, actor: String, recordedAt: String) throws -> Intake {
        Intake(enrolmentID: enrolmentID, route: try IntakeRoute.parse(route), referringOffice: referringOffice, letterNumber: letterNumber,
               letterDate: try letterDate.map { try LocalDate.parse($0) }, category: category, consentOn: try LocalDate.parse(consentOn),
               birthDate: try birthDate.map { try LocalDate.parse($0) }, actor: actor, recordedAt: recordedAt)
    }
}

/// Outcome factors from the rows a store keeps (`kind`, `code`, `text`), the same for every store.
extension OutcomeFactors {
    public mutating func add(kind: String, code: String, text: String?) throws {
        switch kind {
        case "reason":
            guard let reason = ReturnReason(rawValue: code) else { throw InputError(.column("code"), input: code, .notOneOf(ReturnReason.allCases.map(\.rawValue))) }
            reasons.append(reason)
            if reason == .other { otherText = text }
        case "protective":
            guard let factor = ProtectiveFactor(rawValue: code) else {
                throw InputError(.column("code"), input: code, .notOneOf(ProtectiveFactor.allCases.map(\.rawValue)))
            }
            protective.append(factor)
        default:
            throw InputError(.column("kind"), input: kind, .notOneOf(["reason", "protective"]))
        }
    }

    /// The rows to store: (kind, code, text), reasons first, each in its given order.
    public var rows: [(kind: String, code: String, text: String?)] {
        reasons.map { ("reason", $0.rawValue, $0 == .other ? otherText : nil) } + protective.map { ("protective", $0.rawValue, nil) }
    }
}
