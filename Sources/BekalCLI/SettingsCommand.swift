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
            printLine("Follow-up: monthly for \(p.monthlyUntilMonth) months, then quarterly until \(p.quarterlyUntilMonth) months; lost after \(p.lostAfterDays) days without contact")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set")
        @OptionGroup var store: StoreOptions
        @Option var office: String?
        @Option(name: .customLong("grant-amount")) var grantAmount: String?
        @Option(name: .customLong("kelompok-size")) var kelompokSize: Int?
        @Option(name: .customLong("time-zone")) var timeZone: String?
        @Option(name: .customLong("followup-monthly-months"), help: "Visit monthly for this many months after the grant (default 6).")
        var monthly: Int?
        @Option(name: .customLong("followup-until-months"), help: "Then quarterly until this many months (default 24).")
        var until: Int?
        @Option(name: .customLong("lost-after-days"), help: "No contact for this many days means lost to follow-up (default 180).")
        var lostAfterDays: Int?
        func run() throws {
            let ops = try store.operations()
            var policy: FollowUpPolicy?
            if monthly != nil || until != nil || lostAfterDays != nil {
                let current = try ops.settings().followUpPolicy
                policy = FollowUpPolicy(monthlyUntilMonth: monthly ?? current.monthlyUntilMonth,
                                        quarterlyUntilMonth: until ?? current.quarterlyUntilMonth,
                                        lostAfterDays: lostAfterDays ?? current.lostAfterDays)
            }
            let change = SettingsChange(officeName: office,
                                        grantAmountDefault: try parsed(grantAmount) { try Rupiah.parsePayment($0, field: .option("--grant-amount")) },
                                        kelompokSizeDefault: kelompokSize, timeZoneIdentifier: timeZone, followUpPolicy: policy)
            let s = try ops.changeSettings(change, context: store.context)
            printLine("Settings saved: grant \(s.grantAmountDefault), kelompok of \(s.kelompokSizeDefault), \(s.timeZoneIdentifier).")
        }
    }
}
