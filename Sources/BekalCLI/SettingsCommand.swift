import ArgumentParser
import BekalCore
import Foundation

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "settings", abstract: "Programme settings.",
                                                    subcommands: [Show.self, Set.self])

    struct Show: ParsableCommand {
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        func run() throws {
            let s = try store.operations().settings()
            if output.format == .json { printLine(try Render.json(s)); return }
            printLine("Office: \(s.officeName)")
            printLine("Grant amount default: \(s.grantAmountDefault)")
            printLine("Kelompok size default: \(s.kelompokSizeDefault)")
            printLine("Time zone: \(s.timeZoneIdentifier)")
        }
    }

    struct Set: ParsableCommand {
        @OptionGroup var store: StoreOptions
        @Option var office: String?
        @Option(name: .customLong("grant-amount")) var grantAmount: String?
        @Option(name: .customLong("kelompok-size")) var kelompokSize: Int?
        @Option(name: .customLong("time-zone")) var timeZone: String?
        func run() throws {
            let change = SettingsChange(officeName: office,
                                        grantAmountDefault: try parsed(grantAmount) { try Rupiah.parsePayment($0, field: "--grant-amount") },
                                        kelompokSizeDefault: kelompokSize, timeZoneIdentifier: timeZone)
            let s = try store.operations().changeSettings(change)
            printLine("Settings saved: grant \(s.grantAmountDefault), kelompok of \(s.kelompokSizeDefault), \(s.timeZoneIdentifier).")
        }
    }
}
