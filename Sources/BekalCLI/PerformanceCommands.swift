import ArgumentParser
import BekalCore
import Foundation

/// `bekal target`: the year's performance targets, set by the admin.
struct TargetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target", abstract: "The programme's yearly targets (admin).", subcommands: [Set.self, List.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set a target for a year (or one cohort); setting it again replaces it.",
            discussion: "Indicators: " + PerformanceIndicator.allCases.map { "\($0.rawValue) (\($0.unit.rawValue))" }.joined(separator: ", ") + ".")
        @OptionGroup var store: StoreOptions
        @Option(help: "Year.") var year: Int
        @Option(help: "The indicator, e.g. lulusan or tidak-kembali.") var indicator: String
        @Option(help: "The target: a count, a share in whole per cent, or days.") var value: Int64
        @Option(help: "Only this cohort (for lulusan, hibah, tidak-kembali, hilang-kontak).") var cohort: String?

        func run() throws {
            let target = try store.operations().setTarget(year: year, cohort: cohort,
                                                          indicator: try PerformanceIndicator.parse(indicator), value: value,
                                                          context: store.context)
            printLine("Target \(target.indicator.rawValue) \(target.year)\(cohort.map { " (cohort \($0))" } ?? ""): \(target.value) \(target.indicator.unit.rawValue).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The targets that hold for a year.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option(help: "Year.") var year: Int

        func run() throws {
            let table = try store.openForReading().read { tx in
                var table = Table(title: "Target Kinerja \(year)", columns: [
                    .init("indicator", "Indikator"), .init("cohort", "Angkatan"), .init("value", "Target", .integer), .init("unit", "Satuan"),
                    .init("set_by", "Ditetapkan Oleh"), .init("set_at", "Waktu"),
                ])
                for t in TargetRows.holding(try tx.targets(year: year)) {
                    table.rows.append([.text(t.indicator.rawValue), .text(try t.cohortID.flatMap { try tx.cohort(id: $0)?.code } ?? ""),
                                       .integer(t.value), .text(t.indicator.unit.rawValue), .text(t.actor), .text(t.recordedAt)])
                }
                return table
            }
            try Render.output(table, output.format)
        }
    }
}

struct PerformanceReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kinerja", abstract: "The year's performance: effectiveness, efficiency, responsiveness, productivity, equity, accountability.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Year.") var year: Int
    @Option(name: .customLong("as-of"), help: "Outcomes as known on this day (default today).") var asOf: String?

    func run() throws {
        let report = try store.openForReading().read { tx in
            let settings = try tx.settings()
            let day = try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) } ?? store.context.today(in: settings)
            return try Performance.build(year: year, asOf: day, policy: settings.followUpPolicy, in: tx)
        }
        if output.format == .json { printLine(try Render.json(report)) } else { try Render.output(report.table, output.format) }
    }
}
