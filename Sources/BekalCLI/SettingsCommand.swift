import ArgumentParser
import BekalCore
import Foundation

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "settings", abstract: "Programme settings.",
                                                    subcommands: [Show.self, Set.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        func run() throws {
            let s = try store.readingOperations().settings()
            if output.format == .json { printLine(try Render.json(s)); return }
            printLine("Office: \(s.officeName)")
            printLine("Grant amount default: \(s.grantAmountDefault)")
            printLine("Kelompok size default: \(s.kelompokSizeDefault)")
            printLine("Time zone: \(s.timeZoneIdentifier)")
            let p = s.followUpPolicy
            let signers = s.signatories
            printLine("Documents signed at: \(signers.place ?? "(not set)"); bendahara \(signers.treasurerName ?? "(not set)")"
                      + (signers.treasurerNIP.map { ", NIP \($0.grouped)" } ?? "") + "; \(signers.headTitle ?? "Kepala Dinas Sosial") "
                      + (signers.headName ?? "(not set)") + (signers.headNIP.map { ", NIP \($0.grouped)" } ?? ""))
            printLine("Office address: \(s.officeAddress ?? "(not set)"); budget year: \(s.budgetYear.map(String.init) ?? "(each document's own)")")
            printLine("Programme officer (PPTK): \(signers.programmeOfficerName ?? "(not set)")" + (signers.programmeOfficerNIP.map { ", NIP \($0.grouped)" } ?? ""))
            printLine("Grants need an approved recipient list: \(s.grantsNeedApprovedList ? "yes" : "no"); "
                      + "equipment: \(s.equipmentNeedsApprovedList ? "yes" : "no")")
            let missing = DocumentSetting.allCases.filter { s.value(of: $0) == nil }
            printLine("Ages enrolled: \(s.ageLimits.minimum) to \(s.ageLimits.maximum.map(String.init) ?? "any")")
            printLine("Stages: " + s.caseStages.map { "\($0.code)=\($0.label)\($0.closes ? "!" : "")" }.joined(separator: ","))
            printLine("Needs late after: \(s.needAnswerDays) days")
            printLine("Completion needs attendance of: \(s.minimumAttendancePercent)%; skills pass mark: \(s.skillsPassScore)")
            printLine("Intake categories: " + s.intakeCategories.map { "\($0.code)=\($0.label)" }.joined(separator: ","))
            if !missing.isEmpty { printLine("Not set, so documents that print them are refused: " + missing.map(\.option).joined(separator: ", ")) }
            printLine("Follow-up: monthly for \(p.monthlyUntilMonth) months, then quarterly until \(p.quarterlyUntilMonth) months; lost after \(p.lostAfterDays) days without contact")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set")
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("office-name"), help: "The office's name as printed (e.g. Dinas Sosial Kota Bandar Lampung).") var office: String?
        @Option(name: .customLong("grant-amount")) var grantAmount: String?
        @Option(name: .customLong("kelompok-size")) var kelompokSize: Int?
        @Option(name: .customLong("time-zone")) var timeZone: String?
        @Option(name: .customLong("followup-monthly-months"), help: "Visit monthly for this many months after the grant (default 6).")
        var monthly: Int?
        @Option(name: .customLong("followup-until-months"), help: "Then quarterly until this many months (default 24).")
        var until: Int?
        @Option(name: .customLong("lost-after-days"), help: "No contact for this many days means lost to follow-up (default 180).")
        var lostAfterDays: Int?
        @Option(help: "Where the office's documents are signed, e.g. Bandar Lampung.") var place: String?
        @Option(name: .customLong("treasurer-name"), help: "The bendahara pengeluaran who signs kuitansi and the BKU.") var treasurerName: String?
        @Option(name: .customLong("treasurer-nip"), help: "Her NIP, 18 digits.") var treasurerNIP: String?
        @Option(name: .customLong("head-name"), help: "The head of the office (or approving officer) who signs.") var headName: String?
        @Option(name: .customLong("head-nip"), help: "His or her NIP, 18 digits.") var headNIP: String?
        @Option(name: .customLong("head-title"), help: "The title printed under the signature (default Kepala Dinas Sosial).") var headTitle: String?
        @Option(name: .customLong("officer-name"), help: "The programme officer (PPTK) who signs the daftar penerima.") var officerName: String?
        @Option(name: .customLong("officer-nip"), help: "The programme officer's NIP, 18 digits.") var officerNIP: String?
        @Option(name: .customLong("office-address"), help: "The office's address for the letterhead; empty clears it.") var officeAddress: String?
        @Option(name: .customLong("budget-year"), help: "The budget year printed on documents; 0 prints each document's own year.") var budgetYear: Int?
        @Option(name: .customLong("grants-need-list"), help: "yes: a grant is paid only to a person on an approved recipient list (or under an admin's exception); no: to any graduate.")
        var grantsNeedList: String?
        @Option(name: .customLong("equipment-needs-list"), help: "yes: equipment is issued only to a kelompok whose members are all on an approved recipient list; no: to any kelompok.")
        var equipmentNeedsList: String?
        @Option(name: .customLong("age-min"), help: "The youngest age the programme enrols (default 18); a younger person is referred to child protection.")
        var ageMin: Int?
        @Option(name: .customLong("age-max"), help: "The oldest age it enrols; 0 for no limit.") var ageMax: Int?
        @Option(help: "The stages of a case in order, as code=Label, comma-separated; the one closing a case ends with '!' (terminasi=Terminasi!).")
        var stages: String?
        @Option(help: "The intake categories, as code=Label, comma-separated (eks-wts=Eks WTS,rentan=Rentan).") var categories: String?
        @Option(name: .customLong("need-days"), help: "Days after which an unanswered need is late (default 30).") var needDays: Int?
        @Option(name: .customLong("minimum-attendance"), help: "Attendance, in percent, below which completing a trainee asks to confirm (default 80).")
        var minimumAttendance: Int?
        @Option(name: .customLong("pass-score"), help: "The skills evaluation's pass mark, 0 to 100 (default 60).") var passScore: Int?

        /// `code=Label,code=Label!` as pairs, with whether each ended in `!`.
        static func pairs(_ text: String, option: String) throws -> [(code: String, label: String, marked: Bool)] {
            try text.split(separator: ",").map { part in
                let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pieces.count == 2 else { throw InputError(.option(option), input: String(part), .notOneOf(["code=Label"])) }
                let marked = pieces[1].hasSuffix("!")
                return (pieces[0], marked ? String(pieces[1].dropLast()) : pieces[1], marked)
            }
        }
        /// `yes`/`no` (or `ya`/`tidak`, `on`/`off`, `true`/`false`); nil when not given.
        func yesOrNo(_ given: String?, option: String) throws -> Bool? {
            guard let given else { return nil }
            switch given.trimmingCharacters(in: .whitespaces).lowercased() {
            case "yes", "ya", "true", "on": return true
            case "no", "tidak", "false", "off": return false
            default: throw InputError(.option(option), input: given, .notOneOf(["yes", "no"]))
            }
        }

        func run() throws {
            let ops = try store.operations()
            var policy: FollowUpPolicy?
            if monthly != nil || until != nil || lostAfterDays != nil {
                let current = try ops.settings().followUpPolicy
                policy = FollowUpPolicy(monthlyUntilMonth: monthly ?? current.monthlyUntilMonth,
                                        quarterlyUntilMonth: until ?? current.quarterlyUntilMonth,
                                        lostAfterDays: lostAfterDays ?? current.lostAfterDays)
            }
            var change = SettingsChange(officeName: office,
                                        grantAmountDefault: try parsed(grantAmount) { try Rupiah.parsePayment($0, field: .option("--grant-amount")) },
                                        kelompokSizeDefault: kelompokSize, timeZoneIdentifier: timeZone, followUpPolicy: policy)
            change.officeAddress = officeAddress
            change.budgetYear = budgetYear
            change.grantsNeedApprovedList = try yesOrNo(grantsNeedList, option: "--grants-need-list")
            change.equipmentNeedsApprovedList = try yesOrNo(equipmentNeedsList, option: "--equipment-needs-list")
            change.ageMinimum = ageMin
            change.needAnswerDays = needDays
            change.minimumAttendancePercent = minimumAttendance
            change.skillsPassScore = passScore
            change.ageMaximum = ageMax
            change.caseStages = try stages.map { text in
                try Self.pairs(text, option: "--stages").map { StageDefinition(code: $0.code, label: $0.label, closes: $0.marked) }
            }
            change.intakeCategories = try categories.map { text in
                try Self.pairs(text, option: "--categories").map { IntakeCategory(code: $0.code, label: $0.label) }
            }
            // Given parts replace the current ones inside the change's transaction; an empty text clears one.
            for (part, given) in [(SignatoryText.place, place), (.treasurerName, treasurerName), (.headName, headName),
                                  (.headTitle, headTitle), (.programmeOfficerName, officerName)] {
                if let given { change.signatoryTexts[part] = given }
            }
            for (whose, given, option) in [(SignatoryNIP.treasurer, treasurerNIP, "--treasurer-nip"), (.head, headNIP, "--head-nip"),
                                           (.programmeOfficer, officerNIP, "--officer-nip")] {
                guard let given else { continue }
                change.signatoryNIPs[whose] = given.trimmingCharacters(in: .whitespaces).isEmpty ? NIP?.none : try NIP.parse(given, field: .option(option))
            }
            let s = try ops.changeSettings(change, context: store.context)
            printLine("Settings saved: grant \(s.grantAmountDefault), kelompok of \(s.kelompokSizeDefault), \(s.timeZoneIdentifier).")
        }
    }
}
