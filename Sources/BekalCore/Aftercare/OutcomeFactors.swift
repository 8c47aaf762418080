/// Why a graduate returned, or what kept her from it (issue 15): coded, so that an office can
/// count them, and as restricted as the outcome they belong to — never on a partner page, in a
/// partner export, a log line or the audit log's details.

/// Why she returned to sex work, as the studies and the workers name it.
public enum ReturnReason: String, Hashable, Codable, CaseIterable, Sendable {
    case familyNeedsMoney = "family_needs_money"
    case grantTooSmall = "grant_too_small"
    case businessFailed = "business_failed"
    /// Coerced by a pimp or a partner.
    case coerced
    case movedBack = "moved_back"
    case other

    public var label: String {
        switch self {
        case .familyNeedsMoney: "Keluarga membutuhkan uang"
        case .grantTooSmall: "Bantuan terlalu kecil"
        case .businessFailed: "Usaha gagal"
        case .coerced: "Dipaksa mucikari atau pasangan"
        case .movedBack: "Kembali ke lingkungan lama"
        case .other: "Lainnya"
        }
    }
}

/// What kept her from returning.
public enum ProtectiveFactor: String, Hashable, Codable, CaseIterable, Sendable {
    case familySupport = "family_support"
    case married
    case businessRunning = "business_running"
    case steadyJob = "steady_job"

    public var label: String {
        switch self {
        case .familySupport: "Dukungan keluarga"
        case .married: "Menikah"
        case .businessRunning: "Usaha berjalan"
        case .steadyJob: "Pekerjaan tetap"
        }
    }
}

/// The factors of one outcome: reasons for a "returned" outcome (at least one; `other` with a
/// text), protective factors for a "not returned" one (optional), none for "unknown".
public struct OutcomeFactors: Hashable, Codable, Sendable {
    public var reasons: [ReturnReason]
    public var otherText: String?
    public var protective: [ProtectiveFactor]

    public init(reasons: [ReturnReason] = [], otherText: String? = nil, protective: [ProtectiveFactor] = []) {
        self.reasons = reasons
        self.otherText = otherText
        self.protective = protective
    }

    public static let none = OutcomeFactors()
    public var isEmpty: Bool { reasons.isEmpty && protective.isEmpty }

    /// The factors as given, checked against the outcome: each code once, in the lists' order.
    public func checked(for returned: ReturnedToSexWork) throws -> OutcomeFactors {
        var reasons: [ReturnReason] = [], protective: [ProtectiveFactor] = []
        for r in self.reasons where !reasons.contains(r) { reasons.append(r) }
        for p in self.protective where !protective.contains(p) { protective.append(p) }
        let text = otherText.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        switch returned {
        case .yes:
            guard !reasons.isEmpty else { throw AftercareRejection.returnReasonRequired }
            guard protective.isEmpty else { throw AftercareRejection.factorNotForOutcome(returned) }
            if reasons.contains(.other) {
                guard let text, text.count >= 5 else { throw AftercareRejection.returnReasonTextRequired }
                if text.count > Self.textLimit { throw AftercareRejection.textTooLong(.notes, characters: text.count) }
            }
        case .no:
            guard reasons.isEmpty else { throw AftercareRejection.factorNotForOutcome(returned) }
        case .unknown:
            guard reasons.isEmpty && protective.isEmpty else { throw AftercareRejection.factorNotForOutcome(returned) }
        }
        return OutcomeFactors(reasons: reasons, otherText: reasons.contains(.other) ? text : nil, protective: protective).inListOrder
    }

    /// Each kind in the order of its list, as every store gives them back.
    public var inListOrder: OutcomeFactors {
        OutcomeFactors(reasons: ReturnReason.allCases.filter(reasons.contains), otherText: otherText,
                       protective: ProtectiveFactor.allCases.filter(protective.contains))
    }

    public static let textLimit = 200

    /// Parsed from a command line's or a form's codes.
    public static func parse(reasons: [String], protective: [String], otherText: String?) throws(InputError) -> OutcomeFactors {
        var r: [ReturnReason] = [], p: [ProtectiveFactor] = []
        for text in reasons {
            let code = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
            guard let reason = ReturnReason(rawValue: code) else {
                throw InputError(.option("--reason"), input: text, .notOneOf(ReturnReason.allCases.map(\.rawValue)))
            }
            r.append(reason)
        }
        for text in protective {
            let code = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
            guard let factor = ProtectiveFactor(rawValue: code) else {
                throw InputError(.option("--protective"), input: text, .notOneOf(ProtectiveFactor.allCases.map(\.rawValue)))
            }
            p.append(factor)
        }
        return OutcomeFactors(reasons: r, otherText: otherText, protective: p)
    }
}
