/// Who a person at a desk or in the field is to Bekal, and so what she may do.
///
/// The roles come from the programme (DOMAIN.md): the programme admin, the finance officer
/// (bendahara), the aftercare worker (pendamping) and a partner office (mitra) such as the
/// Dinas Koperasi; the head of the office (kepala), who approves the recipient lists; and the province's or the ministry's monitor (pemantau), who sees the
/// offices' totals only (``Rollup``): no names, no outcome of any one woman.
public enum Role: String, CaseIterable, Codable, Sendable {
    case admin
    case bendahara
    case pendamping
    case mitra
    case pemantau
    /// The head of the office (kepala dinas) or the officer who approves on the office's
    /// behalf: approves recipient lists with the SK, reads the books.
    case kepala

    /// The role's name as officers say it.
    public var label: String {
        switch self {
        case .admin: "Admin program"
        case .bendahara: "Bendahara"
        case .pendamping: "Pendamping"
        case .mitra: "Mitra"
        case .pemantau: "Pemantau (provinsi/kementerian)"
        case .kepala: "Kepala dinas (penyetuju)"
        }
    }

    public static func parse(_ text: String) throws -> Role {
        let key = text.trimmedOfWhitespace.lowercased()
        guard let role = Role(rawValue: key) else {
            throw InputError(.role, input: text, .notARole)
        }
        return role
    }
}

/// Something a role may do. Each adapter asks ``AccessPolicy`` before it calls an operation
/// or shows a page; the list is the one place where who-may-do-what is decided.
public enum Permission: String, CaseIterable, Sendable {
    /// Cash on hand, the books, the registers (cash book, trial balance, grants, equipment).
    case viewBooks
    /// Disburse grants, receive budget, buy and issue equipment, record aftercare expenses.
    case recordMoney
    /// Reverse an entry.
    case reverseEntries
    /// Close a month after the SPJ.
    case closeMonth
    /// See a caseload and the follow-up list; for a pendamping only her own caseload.
    case viewCaseload
    /// Log a visit; for a pendamping only for her own caseload.
    case recordVisits
    /// Record whether a graduate returned to sex work; for a pendamping only her own caseload.
    case recordOutcomes
    /// See outcome data: reports, outcome per grant, a person's outcome history.
    case viewOutcomes
    /// See the business register without personal data (the Koperasi view).
    case viewBusinesses
    /// Download the partner's register (Koperasi profile).
    case downloadKoperasi
    /// Download the finance office's workbook.
    case downloadKeuangan
    /// Download the restricted outcome workbook.
    case downloadHasil
    /// Read the audit log.
    case viewAudit
    /// Add users and workers, change settings.
    case administer
    /// See the roll-up across offices: each office's totals and their sums, nothing of a person.
    case viewRollup
    /// Approve a recipient list with the SK (never one she drafted herself).
    case approveRecipientLists
    /// See the programme's performance report: figures and ranges, nothing of one woman.
    case viewPerformance
}

/// Who may do what. Pure: no users, no sessions, no storage.
public enum AccessPolicy {
    public static func allows(_ role: Role, _ permission: Permission) -> Bool {
        switch (role, permission) {
        case (.admin, _): true
        case (.bendahara, .viewBooks), (.bendahara, .recordMoney), (.bendahara, .reverseEntries),
             (.bendahara, .closeMonth), (.bendahara, .viewBusinesses), (.bendahara, .downloadKoperasi),
             (.bendahara, .downloadKeuangan):
            true
        case (.pendamping, .viewCaseload), (.pendamping, .recordVisits), (.pendamping, .recordOutcomes),
             (.pendamping, .viewBusinesses):
            true
        case (.mitra, .viewBusinesses), (.mitra, .downloadKoperasi):
            true
        case (.pemantau, .viewRollup):
            true
        case (.kepala, .viewBooks), (.kepala, .approveRecipientLists), (.kepala, .viewBusinesses), (.kepala, .downloadKeuangan),
             (.kepala, .viewPerformance):
            true
        default:
            false
        }
    }

    /// Whether this role's view of caseloads is limited to the worker linked to the user.
    public static func limitedToOwnCaseload(_ role: Role) -> Bool { role == .pendamping }

    /// Whether this role records visits from a phone queue (issue 17): a worker on her own
    /// caseload; a role that works on every caseload records on the ordinary forms.
    public static func keepsPhoneQueue(_ role: Role) -> Bool { limitedToOwnCaseload(role) && allows(role, .recordVisits) }
}
