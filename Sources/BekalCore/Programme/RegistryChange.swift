/// A change to a registry record after it was first written: a correction of her data, a
/// brand or product set later for a usaha, a new enrolment status. Append-only: the record's
/// row holds the current values, and its changes say who changed what, when, why, and what
/// it was before (a field's first change holds the value as registered, which is what a seal
/// covers; see `Seal.sealedTables`). Nothing is overwritten unseen.
public struct RegistryChange: Hashable, Sendable {
    public enum Subject: String, Hashable, Codable, CaseIterable, Sendable {
        case beneficiary, usaha, enrolment
    }

    /// The fields a change may touch, by their column names.
    public enum Field: String, Hashable, Codable, CaseIterable, Sendable {
        case externalRef = "external_ref"
        case name
        case nik
        case birthYear = "birth_year"
        case originArea = "origin_area"
        case kelurahan
        /// The name's key for the likely-duplicate rule, which moves with the name.
        case nameKey = "name_key"
        case product, brand, location
        case status
        case statusDate = "status_date"

        /// The fields each subject's changes may name.
        public static func fields(of subject: Subject) -> [Field] {
            switch subject {
            case .beneficiary: [.externalRef, .name, .nik, .birthYear, .originArea, .kelurahan, .nameKey]
            case .usaha: [.product, .brand, .location, .kelurahan]
            case .enrolment: [.status, .statusDate]
            }
        }

        /// Sensitive: its values are shown masked, never logged or exported.
        public var isSensitive: Bool { self == .nik || self == .name }
        /// Derived from another field and not shown on its own.
        public var isDerived: Bool { self == .nameKey }
        /// Held as an integer in the row (its text form here).
        public var isInteger: Bool { self == .birthYear }
    }

    public struct FieldChange: Hashable, Sendable {
        public let field: Field
        public let old: String?
        public let new: String?

        /// A value as a page or a terminal shows it: a NIK by its last four digits only.
        public static func shown(_ value: String?, _ field: Field) -> String? {
            guard let value else { return nil }
            return field == .nik ? String(repeating: "•", count: max(0, value.count - 4)) + value.suffix(4) : value
        }
        public var shownOld: String? { Self.shown(old, field) }
        public var shownNew: String? { Self.shown(new, field) }
        public init(field: Field, old: String?, new: String?) {
            self.field = field
            self.old = old
            self.new = new
        }
    }

    public let id: Int64
    public let subject: Subject
    public let subjectID: Int64
    /// The day the change took effect (a correction: the day it was recorded).
    public let onDate: LocalDate
    public let reasonCode: ExitReason?
    public let reason: String?
    public let actor: String
    public let recordedAt: String
    public let fields: [FieldChange]

    public init(id: Int64, subject: Subject, subjectID: Int64, onDate: LocalDate, reasonCode: ExitReason? = nil, reason: String? = nil,
                actor: String, recordedAt: String, fields: [FieldChange]) {
        self.id = id
        self.subject = subject
        self.subjectID = subjectID
        self.onDate = onDate
        self.reasonCode = reasonCode
        self.reason = reason
        self.actor = actor
        self.recordedAt = recordedAt
        self.fields = fields
    }

    /// The fields as a person reads them (derived ones left out).
    public var shownFields: [FieldChange] { fields.filter { !$0.field.isDerived } }
}

/// A change about to be written.
public struct RegistryChangeDraft: Hashable, Sendable {
    public var subject: RegistryChange.Subject
    public var subjectID: Int64
    public var onDate: LocalDate
    public var reasonCode: ExitReason?
    public var reason: String?
    public var actor: String
    public var recordedAt: String
    public var fields: [RegistryChange.FieldChange]

    public init(subject: RegistryChange.Subject, subjectID: Int64, onDate: LocalDate, reasonCode: ExitReason? = nil, reason: String? = nil,
                actor: String, recordedAt: String, fields: [RegistryChange.FieldChange]) {
        self.subject = subject
        self.subjectID = subjectID
        self.onDate = onDate
        self.reasonCode = reasonCode
        self.reason = reason
        self.actor = actor
        self.recordedAt = recordedAt
        self.fields = fields
    }
}

/// Why she left the programme before its end, or why her case was closed (the coded reasons
/// the rehabilitation offices report; `other` takes a text).
public enum ExitReason: String, Hashable, Codable, CaseIterable, Sendable {
    /// Taken out by her family or by a pimp.
    case takenOut = "taken_out"
    case ranAway = "ran_away"
    case illness
    case wentHome = "went_home"
    case referredElsewhere = "referred_elsewhere"
    case completedAftercare = "completed_aftercare"
    case deceased
    case other

    /// The reasons a drop-out may take (not the end of aftercare).
    public static let dropOut: [ExitReason] = allCases.filter { $0 != .completedAftercare }

    /// Why she left, in the words the workers use.
    public var label: String {
        switch self {
        case .takenOut: "Dibawa keluar oleh keluarga atau mucikari"
        case .ranAway: "Melarikan diri"
        case .illness: "Sakit"
        case .wentHome: "Pulang ke daerah asal"
        case .referredElsewhere: "Dirujuk ke layanan lain"
        case .completedAftercare: "Pendampingan selesai"
        case .deceased: "Meninggal dunia"
        case .other: "Lainnya"
        }
    }

    public static func parse(_ text: String) throws(InputError) -> ExitReason {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        guard let reason = ExitReason(rawValue: trimmed) else {
            throw InputError(.exitReason, input: text, .notOneOf(allCases.map(\.rawValue)))
        }
        return reason
    }
}

/// What `bekal verify` compares for every changed field: the value its last change set, and
/// the value the record's row holds now. They differ only when the row was edited by hand.
public struct RegistryOverlayCheck: Hashable, Sendable {
    public let subject: RegistryChange.Subject
    public let subjectID: Int64
    public let field: RegistryChange.Field
    public let changeID: Int64
    public let recorded: String?
    public let current: String?

    public init(subject: RegistryChange.Subject, subjectID: Int64, field: RegistryChange.Field, changeID: Int64,
                recorded: String?, current: String?) {
        self.subject = subject
        self.subjectID = subjectID
        self.field = field
        self.changeID = changeID
        self.recorded = recorded
        self.current = current
    }

    /// The subject's public code (never a value: a NIK or a name may be the field).
    public var subjectCode: String {
        switch subject {
        case .beneficiary: Beneficiary.code(for: subjectID)
        case .usaha: Usaha.code(for: subjectID)
        case .enrolment: "enrolment #\(subjectID)"
        }
    }

    /// The finding, if the row does not hold what its last change set.
    public var finding: String? {
        guard recorded != current else { return nil }
        return "\(subjectCode): \(field.rawValue) is not what its last recorded change (#\(changeID)) set; the row was edited outside Bekal"
    }
}

/// Change rows as both stores read them (one per changed field, in change order), folded into
/// ``RegistryChange``s.
public enum RegistryChangeRows {
    public struct Row: Sendable {
        public let id: Int64
        public let onDate: String
        public let reasonCode: String?
        public let reason: String?
        public let actor: String
        public let recordedAt: String
        public let field: String
        public let old: String?
        public let new: String?
        public init(id: Int64, onDate: String, reasonCode: String?, reason: String?, actor: String, recordedAt: String, field: String,
                    old: String?, new: String?) {
            self.id = id
            self.onDate = onDate
            self.reasonCode = reasonCode
            self.reason = reason
            self.actor = actor
            self.recordedAt = recordedAt
            self.field = field
            self.old = old
            self.new = new
        }
    }

    public static func changes(subject: RegistryChange.Subject, subjectID: Int64, rows: [Row]) throws -> [RegistryChange] {
        var changes: [RegistryChange] = []
        var index = 0
        while index < rows.count {
            let first = rows[index]
            var fields: [RegistryChange.FieldChange] = []
            while index < rows.count, rows[index].id == first.id {
                if let field = RegistryChange.Field(rawValue: rows[index].field) {
                    fields.append(.init(field: field, old: rows[index].old, new: rows[index].new))
                }
                index += 1
            }
            changes.append(RegistryChange(id: first.id, subject: subject, subjectID: subjectID, onDate: try LocalDate.parse(first.onDate),
                                          reasonCode: first.reasonCode.flatMap(ExitReason.init(rawValue:)), reason: first.reason,
                                          actor: first.actor, recordedAt: first.recordedAt, fields: fields))
        }
        return changes
    }
}
