import Foundation

/// Changes to the programme settings; nil leaves a setting as it is.
public struct SettingsChange: Hashable, Sendable {
    public var officeName: String?
    public var grantAmountDefault: Rupiah?
    public var kelompokSizeDefault: Int?
    public var timeZoneIdentifier: String?
    public var followUpPolicy: FollowUpPolicy?
    public init(officeName: String? = nil, grantAmountDefault: Rupiah? = nil, kelompokSizeDefault: Int? = nil,
                timeZoneIdentifier: String? = nil, followUpPolicy: FollowUpPolicy? = nil) {
        self.followUpPolicy = followUpPolicy
        self.officeName = officeName
        self.grantAmountDefault = grantAmountDefault
        self.kelompokSizeDefault = kelompokSizeDefault
        self.timeZoneIdentifier = timeZoneIdentifier
    }
}

extension Operations {
    public func settings() throws -> ProgrammeSettings {
        try store.read { tx in try tx.settings() }
    }

    /// Applies a change after checking every part of it; a bad part changes nothing.
    public func changeSettings(_ change: SettingsChange, context: OperationContext) throws -> ProgrammeSettings {
        try store.write { tx in
            var settings = try tx.settings()
            if let name = change.officeName {
                let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty { throw InputError(field: "office", input: name, reason: "is empty", hint: "give the office's name") }
                settings.officeName = trimmed
            }
            if let amount = change.grantAmountDefault {
                try Operations.requirePositive(amount, field: "grant amount")
                settings.grantAmountDefault = amount
            }
            if let size = change.kelompokSizeDefault {
                if !(1...50).contains(size) {
                    throw InputError(field: "kelompok size", input: String(size), reason: "is out of range", hint: "a kelompok has 1 to 50 members, normally 3")
                }
                settings.kelompokSizeDefault = size
            }
            if let zone = change.timeZoneIdentifier {
                if TimeZone(identifier: zone) == nil {
                    throw InputError(field: "time zone", input: zone, reason: "is not a time zone",
                                     hint: "use Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)")
                }
                settings.timeZoneIdentifier = zone
            }
            if let policy = change.followUpPolicy {
                guard (0...24).contains(policy.monthlyUntilMonth), (policy.monthlyUntilMonth...120).contains(policy.quarterlyUntilMonth),
                      (30...3650).contains(policy.lostAfterDays) else {
                    throw InputError(field: "follow-up policy",
                                     input: "\(policy.monthlyUntilMonth)/\(policy.quarterlyUntilMonth)/\(policy.lostAfterDays)",
                                     reason: "is out of range",
                                     hint: "monthly for 0 to 24 months, quarterly until that or up to 120 months, lost after 30 to 3650 days")
                }
                settings.followUpPolicy = policy
            }
            let before = try tx.settings()
            try tx.saveSettings(settings)
            var changed: [String] = []
            if settings.officeName != before.officeName { changed.append("office name") }
            if settings.grantAmountDefault != before.grantAmountDefault { changed.append("grant amount \(settings.grantAmountDefault)") }
            if settings.kelompokSizeDefault != before.kelompokSizeDefault { changed.append("kelompok size \(settings.kelompokSizeDefault)") }
            if settings.timeZoneIdentifier != before.timeZoneIdentifier { changed.append("time zone \(settings.timeZoneIdentifier)") }
            if settings.followUpPolicy != before.followUpPolicy {
                let p = settings.followUpPolicy
                changed.append("follow-up \(p.monthlyUntilMonth)/\(p.quarterlyUntilMonth)/\(p.lostAfterDays)")
            }
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: AuditAction.settingsChange.rawValue,
                               subject: "programme", detail: changed.isEmpty ? "no change" : changed.joined(separator: ", "))
            return settings
        }
    }
}
