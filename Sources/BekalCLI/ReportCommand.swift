import ArgumentParser
import BekalCore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Reports (table, json or csv).",
                                                    subcommands: [TrialBalanceReport.self, OutcomesReport.self, OutcomeGrantsReport.self, UsahaReport.self, WorkersReport.self])
}

struct TrialBalanceReport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trial-balance", abstract: "Trial balance of every book (or one).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Only this book (KANTOR, or a usaha code).") var book: String?

    func run() throws {
        let tb = try store.openStore().read { tx in try TrialBalance.build(from: tx, bookCode: book) }
        switch output.format {
        case .json: printLine(try Render.json(tb))
        default: try Render.output(tb.table, output.format)
        }
    }
}
