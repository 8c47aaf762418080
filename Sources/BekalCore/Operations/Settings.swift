import Foundation

/// A signatory's text setting, changed on its own (``SettingsChange/signatoryTexts``).
public enum SignatoryText: Hashable, CaseIterable, Sendable {
    case place, treasurerName, headName, headTitle, programmeOfficerName
}

/// Whose NIP (``SettingsChange/signatoryNIPs``).
public enum SignatoryNIP: Hashable, CaseIterable, Sendable {
    case treasurer, head, programmeOfficer
}

/// Changes to the programme settings; nil leaves a setting as it is.
public struct SettingsChange: Hashable, Sendable {
    public var officeName: String?
    public var grantAmountDefault: Rupiah?
    public var kelompokSizeDefault: Int?
    public var timeZoneIdentifier: String?
    public var followUpPolicy: FollowUpPolicy?
    /// Who signs the office's documents, as a whole.
    public var signatories: Signatories?
    /// Parts of the signatories, merged into the current ones in the same transaction: a text
    /// (an empty one clears it), a NIP (nil clears it).
    public var signatoryTexts: [SignatoryText: String] = [:]
    public var signatoryNIPs: [SignatoryNIP: NIP?] = [:]
    /// The letterhead's address; an empty text clears it.
    public var officeAddress: String?
    /// The budget year printed on the documents; 0 clears it (each document prints its own year).
    public var budgetYear: Int?
    /// Whether a grant needs an approved recipient list (``RecipientList``).
    public var grantsNeedApprovedList: Bool?
    /// Whether an equipment issue needs the kelompok's members on an approved list.
    public var equipmentNeedsApprovedList: Bool?
    /// The stage list (``StageDefinition``), in order, as a whole: codes unique, exactly one closing stage.
    public var caseStages: [StageDefinition]?
    /// The intake categories, as a whole: codes unique, at least one.
    public var intakeCategories: [IntakeCategory]?
    /// The youngest age the programme takes; the oldest, 0 clearing it.
    public var ageMinimum: Int?
    public var ageMaximum: Int?
    /// Days after which an unanswered need is late (1 to 365).
    public var needAnswerDays: Int?
    /// The attendance a completion needs without a confirmation, in percent (0 to 100).
    public var minimumAttendancePercent: Int?
    /// The skills evaluation's pass mark (0 to 100).
    public var skillsPassScore: Int?
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
                if trimmed.isEmpty { throw InputError(.office, input: name, .empty) }
                settings.officeName = trimmed
            }
            if let amount = change.grantAmountDefault {
                try Operations.requirePositive(amount, field: .grantAmount)
                settings.grantAmountDefault = amount
            }
            if let size = change.kelompokSizeDefault {
                if !ProgrammeSettings.kelompokSizes.contains(size) {
                    throw InputError(.kelompokSize, input: String(size), .outOfRange)
                }
                settings.kelompokSizeDefault = size
            }
            if let zone = change.timeZoneIdentifier {
                if TimeZone(identifier: zone) == nil {
                    throw InputError(.timeZone, input: zone, .notATimeZone)
                }
                settings.timeZoneIdentifier = zone
            }
            if let policy = change.followUpPolicy {
                guard policy.isWithinLimits else {
                    throw InputError(.followUpPolicy, input: "\(policy.monthlyUntilMonth)/\(policy.quarterlyUntilMonth)/\(policy.lostAfterDays)",
                                     .outOfRange)
                }
                settings.followUpPolicy = policy
            }
            if let signatories = change.signatories { settings.signatories = signatories }
            for (part, text) in change.signatoryTexts {
                let line = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
                let value = line.isEmpty ? nil : line
                switch part {
                case .place: settings.signatories.place = value
                case .treasurerName: settings.signatories.treasurerName = value
                case .headName: settings.signatories.headName = value
                case .headTitle: settings.signatories.headTitle = value
                case .programmeOfficerName: settings.signatories.programmeOfficerName = value
                }
            }
            for (whose, nip) in change.signatoryNIPs {
                switch whose {
                case .treasurer: settings.signatories.treasurerNIP = nip
                case .head: settings.signatories.headNIP = nip
                case .programmeOfficer: settings.signatories.programmeOfficerNIP = nip
                }
            }
            if let address = change.officeAddress {
                let line = address.split(whereSeparator: \.isNewline).joined(separator: ", ").trimmingCharacters(in: .whitespaces)
                settings.officeAddress = line.isEmpty ? nil : line
            }
            if let year = change.budgetYear {
                if year != 0 && !(2000...2100).contains(year) { throw InputError(.option("--budget-year"), input: String(year), .outOfRange) }
                settings.budgetYear = year == 0 ? nil : year
            }
            if let need = change.grantsNeedApprovedList { settings.grantsNeedApprovedList = need }
            if let need = change.equipmentNeedsApprovedList { settings.equipmentNeedsApprovedList = need }
            if let stages = change.caseStages { settings.caseStages = try Self.checkedStages(stages) }
            if let categories = change.intakeCategories { settings.intakeCategories = try Self.checkedCategories(categories) }
            if let minimum = change.ageMinimum {
                guard (0...100).contains(minimum) else { throw InputError(.option("--age-min"), input: String(minimum), .outOfRange) }
                settings.ageLimits.minimum = minimum
            }
            if let maximum = change.ageMaximum {
                guard maximum == 0 || (settings.ageLimits.minimum...120).contains(maximum) else {
                    throw InputError(.option("--age-max"), input: String(maximum), .outOfRange)
                }
                settings.ageLimits.maximum = maximum == 0 ? nil : maximum
            }
            if let days = change.needAnswerDays {
                guard (1...365).contains(days) else { throw InputError(.option("--need-days"), input: String(days), .outOfRange) }
                settings.needAnswerDays = days
            }
            if let percent = change.minimumAttendancePercent {
                guard (0...100).contains(percent) else { throw InputError(.option("--minimum-attendance"), input: String(percent), .outOfRange) }
                settings.minimumAttendancePercent = percent
            }
            if let score = change.skillsPassScore {
                guard SkillsEvaluation.scores.contains(score) else { throw InputError(.option("--pass-score"), input: String(score), .outOfRange) }
                settings.skillsPassScore = score
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
            if settings.signatories != before.signatories { changed.append("signatories") }
            if settings.officeAddress != before.officeAddress { changed.append("office address") }
            if settings.budgetYear != before.budgetYear { changed.append("budget year \(settings.budgetYear.map(String.init) ?? "cleared")") }
            if settings.equipmentNeedsApprovedList != before.equipmentNeedsApprovedList {
                changed.append(settings.equipmentNeedsApprovedList ? "equipment needs an approved recipient list" : "equipment without a recipient list")
            }
            if settings.grantsNeedApprovedList != before.grantsNeedApprovedList {
                changed.append(settings.grantsNeedApprovedList ? "grants need an approved recipient list" : "grants without a recipient list")
            }
            if settings.caseStages != before.caseStages { changed.append("stages \(settings.caseStages.map(\.code).joined(separator: ","))") }
            if settings.intakeCategories != before.intakeCategories {
                changed.append("intake categories \(settings.intakeCategories.map(\.code).joined(separator: ","))")
            }
            if settings.minimumAttendancePercent != before.minimumAttendancePercent {
                changed.append("completion needs \(settings.minimumAttendancePercent)% attendance")
            }
            if settings.skillsPassScore != before.skillsPassScore { changed.append("skills pass mark \(settings.skillsPassScore)") }
            if settings.needAnswerDays != before.needAnswerDays { changed.append("needs late after \(settings.needAnswerDays) days") }
            if settings.ageLimits != before.ageLimits {
                changed.append("ages \(settings.ageLimits.minimum)-\(settings.ageLimits.maximum.map(String.init) ?? "")")
            }
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .settingsChange,
                               subject: "programme", detail: changed.isEmpty ? "no change" : changed.joined(separator: ", "))
            return settings
        }
    }

    /// A stage list as given: codes as codes, labels not blank, no code twice, exactly one
    /// closing stage (a case is closed one way).
    static func checkedStages(_ stages: [StageDefinition]) throws -> [StageDefinition] {
        let field = InputField.option("--stages")
        guard !stages.isEmpty else { throw InputError(field, input: "", .empty) }
        var seen: Set<String> = []
        let checked = try stages.map { stage -> StageDefinition in
            let code = try Operations.code(stage.code, field: field)
            let label = stage.label.trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else { throw InputError(field, input: code, .empty) }
            guard seen.insert(code).inserted else { throw InputError(field, input: code, .duplicateValue) }
            return StageDefinition(code: code, label: label, closes: stage.closes)
        }
        guard checked.filter(\.closes).count == 1 else {
            throw InputError(field, input: checked.map(\.code).joined(separator: ","), .oneClosingStage)
        }
        return checked
    }

    static func checkedCategories(_ categories: [IntakeCategory]) throws -> [IntakeCategory] {
        let field = InputField.option("--categories")
        guard !categories.isEmpty else { throw InputError(field, input: "", .empty) }
        var seen: Set<String> = []
        return try categories.map { category in
            let code = try Operations.code(category.code, field: field)
            let label = category.label.trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else { throw InputError(field, input: code, .empty) }
            guard seen.insert(code).inserted else { throw InputError(field, input: code, .duplicateValue) }
            return IntakeCategory(code: code, label: label)
        }
    }
}
