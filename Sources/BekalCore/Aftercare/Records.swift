import Foundation

/// An aftercare worker (*pekerja sosial* or *PSM*): staff, so the name is not sensitive.
public struct AftercareWorker: Hashable, Codable, Sendable {
    public let id: Int64
    public let code: String
    public var name: String
    public init(id: Int64, code: String, name: String) {
        self.id = id
        self.code = code
        self.name = name
    }
}

/// Who a caseload assignment is for: one beneficiary, or a whole kelompok.
public enum CaseSubject: Hashable, Codable, Sendable {
    case beneficiary(Int64)
    case kelompok(Int64)
}

/// A worker's responsibility for a beneficiary or kelompok from a date; a reassignment ends
/// it and starts another, so the history stays.
public struct CaseAssignment: Hashable, Codable, Sendable {
    public let id: Int64
    public let workerID: Int64
    public let subject: CaseSubject
    public let fromDate: LocalDate
    public var toDate: LocalDate?
    public init(id: Int64, workerID: Int64, subject: CaseSubject, fromDate: LocalDate, toDate: LocalDate?) {
        self.id = id
        self.workerID = workerID
        self.subject = subject
        self.fromDate = fromDate
        self.toDate = toDate
    }
}

/// Sales a business reported for a stated period.
public struct SalesReport: Hashable, Codable, Sendable {
    public var amount: Rupiah
    public var periodStart: LocalDate
    public var periodEnd: LocalDate
    public init(amount: Rupiah, periodStart: LocalDate, periodEnd: LocalDate) {
        self.amount = amount
        self.periodStart = periodStart
        self.periodEnd = periodEnd
    }
}

/// A visit (*kunjungan pendampingan*) as recorded: by phone, at home, or through the RT head.
/// `notes` and `whereabouts` are sensitive.
public struct Visit: Hashable, Codable, Sendable {
    public let id: Int64
    public let date: LocalDate
    public let workerID: Int64
    public let beneficiaryID: Int64?
    public let kelompokID: Int64?
    public let usahaID: Int64?
    public let contactMode: ContactMode
    public let whereabouts: Whereabouts?
    public let businessStatus: BusinessStatus?
    public let sales: SalesReport?
    public let salesEntryID: Int64?
    public let support: [SupportKind]
    public let equipment: [EquipmentConditionReport]
    public let grantUse: GrantUse?
    public let needs: String?
    public let notes: String?
    public let nextVisitDue: LocalDate?
    /// What makes two recordings of the same visit the same (date, worker, who, how).
    public let naturalKey: String
    public let recordedAt: String
    public let actor: String

    public init(id: Int64, date: LocalDate, workerID: Int64, beneficiaryID: Int64?, kelompokID: Int64?, usahaID: Int64?,
                contactMode: ContactMode, whereabouts: Whereabouts?, businessStatus: BusinessStatus?, sales: SalesReport?,
                salesEntryID: Int64?, support: [SupportKind], equipment: [EquipmentConditionReport], grantUse: GrantUse?,
                needs: String?, notes: String?, nextVisitDue: LocalDate?, naturalKey: String, recordedAt: String, actor: String) {
        self.id = id
        self.date = date
        self.workerID = workerID
        self.beneficiaryID = beneficiaryID
        self.kelompokID = kelompokID
        self.usahaID = usahaID
        self.contactMode = contactMode
        self.whereabouts = whereabouts
        self.businessStatus = businessStatus
        self.sales = sales
        self.salesEntryID = salesEntryID
        self.support = support
        self.equipment = equipment
        self.grantUse = grantUse
        self.needs = needs
        self.notes = notes
        self.nextVisitDue = nextVisitDue
        self.naturalKey = naturalKey
        self.recordedAt = recordedAt
        self.actor = actor
    }
}

/// The condition of one issued item, seen on a visit.
public struct EquipmentConditionReport: Hashable, Codable, Sendable {
    public let itemID: Int64
    public let condition: EquipmentCondition
    public init(itemID: Int64, condition: EquipmentCondition) {
        self.itemID = itemID
        self.condition = condition
    }
}

/// An outcome as recorded: history is kept, the latest (by `asOf`, then by id) counts.
public struct OutcomeRecord: Hashable, Codable, Sendable {
    public let id: Int64
    public let beneficiaryID: Int64
    public let asOf: LocalDate
    public let returned: ReturnedToSexWork
    public let source: OutcomeSource
    public let recordedBy: String
    public let recordedAt: String
    /// Why she returned, or what kept her from it; filled by her outcome history.
    public var factors: OutcomeFactors = .none
    public init(id: Int64, beneficiaryID: Int64, asOf: LocalDate, returned: ReturnedToSexWork, source: OutcomeSource,
                recordedBy: String, recordedAt: String) {
        self.id = id
        self.beneficiaryID = beneficiaryID
        self.asOf = asOf
        self.returned = returned
        self.source = source
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// One line of the audit log: who did what, when, to which kind of record. It never holds
/// names, NIK, outcomes or notes — only codes and counts.
public struct AuditRecord: Hashable, Codable, Sendable {
    public let id: Int64
    public let at: String
    public let actor: String
    public let action: String
    public let subject: String
    public let detail: String
    public init(id: Int64, at: String, actor: String, action: String, subject: String, detail: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
    }
}

/// The whole audit trail: the audit log's rows and the journal's entries, newest first.
public enum AuditTrail {
    /// `action` filters by an audit action or by `entry.<kind>`; nil shows both halves.
    public static func records(from source: some AftercareReportSource, actor: String?, action: String?, from: String?, to: String?,
                               limit: Int) throws -> [AuditRecord] {
        let entryKind: EntryKind?? = action.map { code in code.hasPrefix("entry.") ? EntryKind(rawValue: String(code.dropFirst(6))) : nil }
        var records: [AuditRecord] = []
        if action == nil || entryKind == .some(nil) {
            records += try source.auditRecords(actor: actor, action: action, from: from, to: to, limit: limit)
        }
        if action == nil || entryKind != .some(nil) {
            records += try source.entryRecords(actor: actor, kind: entryKind ?? nil, from: from, to: to, limit: limit)
        }
        return Array(records.sorted { ($0.at, $0.id) > ($1.at, $1.id) }.prefix(limit))
    }
}
