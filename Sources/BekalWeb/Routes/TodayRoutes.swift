import BekalCore
import Foundation
import Hummingbird

/// `/hari-ini`: what was done in the office today, newest first, from the audit trail (the
/// journal's entries and the audit log). The bendahara sees the day's entries of the books;
/// the admin every change (registrations, assignments, kelompok, users …), not what was only
/// read. Both home pages show the day's count and link here.
extension WebApp {
    /// The most a day's page lists; more are on the audit log (admin).
    static let todayLimit = 200

    func addTodayRoutes(to doors: Doors) {
        doors.permitted(ViewBooks.self).get("/hari-ini") { _, context in
            let today = try today()
            let records = try todayRecords(for: context.user)
            let zone = try officeZone()
            let labels = Dictionary(uniqueKeysWithValues: Self.auditActions.map { ($0.action, $0.label) })
            var counts: [String: Int] = [:]
            for record in records { counts[labels[record.action] ?? record.action, default: 0] += 1 }
            return views.page("hari-ini", title: "Hari ini", context: context, data: [
                "day": Format.date(today),
                "count": records.count,
                "more": records.count >= Self.todayLimit,
                "empty": records.isEmpty,
                "summary": counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ["label": $0.key, "count": $0.value] },
                "records": records.map { record -> [String: Any] in
                    var row: [String: Any] = [
                        "at": Self.officeTime(record.at, zone: zone), "actor": record.actor,
                        "action": labels[record.action] ?? record.action, "subject": record.subject,
                    ]
                    if !record.detail.isEmpty { row["detail"] = AuditWords.detail(action: record.action, record.detail) }
                    if record.action.hasPrefix("entry."), let id = Int64(record.subject.drop { $0 == "#" }) { row["entry"] = id }
                    return row
                },
                "auditLink": "/audit?dari=\(today)&sampai=\(today)",
                "mayAudit": context.user.may(.viewAudit),
            ])
        }
    }

    /// What the day's page leaves out for the admin: signing in and out, and reading reports
    /// (each view of her own home page reads the outcome summary): what was looked at, not done.
    static func notWork(_ action: String) -> Bool {
        action.hasPrefix("auth.") || action.hasPrefix("report.") || action == AuditAction.outcomeHistory.rawValue
    }

    /// Today's records of the audit trail that the user's work is about: the books' entries
    /// for the bendahara; for the admin every change (``notWork(_:)`` leaves out the rest).
    func todayRecords(for user: AppUser) throws -> [AuditRecord] {
        try operations.store.read { tx in try todayRecords(for: user, settings: try tx.settings(), in: tx) }
    }

    /// ``todayRecords(for:)`` within a read a page makes anyway (a home page's), with the
    /// settings it has read: the office's day and time zone come from them.
    func todayRecords(for user: AppUser, settings: ProgrammeSettings, in tx: any StoreTransaction) throws -> [AuditRecord] {
        let today = OperationContext(actor: "web", now: configuration.clock()).today(in: settings)
        let zone = TimeZone(identifier: settings.timeZoneIdentifier) ?? TimeZone(identifier: "Asia/Jakarta")!
        let from = Self.utcStamp(startOf: today, zone: zone), to = Self.utcStamp(startOf: today.adding(days: 1), zone: zone)
        let records = try AuditTrail.records(from: tx, actor: nil, action: nil, from: from, to: to, limit: Self.todayLimit + 50)
        return Array(records.filter { record in
            user.may(.viewAudit) ? !Self.notWork(record.action) : record.action.hasPrefix("entry.")
        }.prefix(Self.todayLimit))
    }
}
