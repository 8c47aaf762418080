import ArgumentParser
import BekalCore
import Foundation

struct OutcomesReport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outcomes",
                                                    abstract: "Outcomes per cohort, track or kelompok with the success range (restricted, audited).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "cohort, track or kelompok.") var by: String = "cohort"
    @Option(name: .customLong("as-of")) var asOf: String?
    func run() throws {
        let report = try store.operations().outcomeReport(by: try parsedEnum(by, "--by")!,
                                                          asOf: try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) },
                                                          context: store.context)
        if output.format == .json { printLine(try Render.json(report)) } else { try Render.output(report.table, output.format) }
    }
}

struct OutcomeGrantsReport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outcome-grants",
                                                    abstract: "Each grant with its outcome, business status, last sales and use (restricted, audited).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(name: .customLong("as-of")) var asOf: String?
    func run() throws {
        let report = try store.operations().outcomePerGrant(asOf: try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) },
                                                            context: store.context)
        if output.format == .json { printLine(try Render.json(report)) } else { try Render.output(report.table, output.format) }
    }
}

struct UsahaReport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "usaha",
                                                    abstract: "Business follow-up: monthly sales, support given, open needs, equipment condition.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option var usaha: String?
    @Option(name: .customLong("as-of")) var asOf: String?
    func run() throws {
        let report = try store.readingOperations().businessFollowUp(usaha: usaha, asOf: try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) },
                                                             context: store.context)
        if output.format == .json { printLine(try Render.json(report)) } else { try Render.output(report.table, output.format) }
    }
}

struct WorkersReport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "workers", abstract: "Visits per worker per month and overdue cases now.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option var from: String?
    @Option(name: .customLong("as-of")) var asOf: String?
    func run() throws {
        let report = try store.readingOperations().workerActivity(from: try parsed(from) { try LocalDate.parse($0, field: .option("--from")) },
                                                           asOf: try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) },
                                                           context: store.context)
        if output.format == .json { printLine(try Render.json(report)) } else { try Render.output(report.table, output.format) }
    }
}
