import ArgumentParser
import BekalCore
import Foundation

/// Which budget line a receipt or cost is booked against (``BudgetChoice``).
struct BudgetLineOptions: ParsableArguments {
    @Option(help: "The budget line's kode rekening (default: the year's one line for this purpose).") var line: String?
    @Option(help: "Its funding source, when two fund the same code: apbd-kota, apbd-provinsi, apbn or lainnya.") var source: String?

    func choice() throws -> BudgetChoice {
        BudgetChoice(line: line, source: try source.map { try FundingSource.parse($0, field: .option("--source")) })
    }
}

struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget", abstract: "The year's budget: lines (pagu) from the DPA, money received, exceptions.",
        subcommands: [Receive.self, Line.self, Exception.self])

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "receive", abstract: "Record a budget transfer (SP2D) into cash or the bank.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Amount in rupiah, e.g. 150.000.000.") var amount: String
        @Option(help: "The SP2D or transfer document number.") var ref: String
        @Option(help: "Value date YYYY-MM-DD (default today).") var date: String?
        @Option(help: "Cohort the budget is for.") var cohort: String?
        @Option(name: .customLong("budget-year"), help: "Budget year (default the cohort's, else the date's).") var budgetYear: Int?
        @Option(help: "Description.") var memo: String?
        @Flag(name: .customLong("into-bank"), help: "Into the bank account rather than cash.") var intoBank = false
        @OptionGroup var budget: BudgetLineOptions

        func run() throws {
            let receipt = BudgetReceipt(amount: try parsed(amount) { try Rupiah.parsePayment($0) }!, documentRef: ref,
                                        valueDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) },
                                        memo: memo, intoBank: intoBank, budgetYear: budgetYear, cohort: cohort, budget: try budget.choice())
            report(try store.operations().receiveBudget(receipt, context: store.context), "budget received \(receipt.amount)")
        }
    }

    struct Line: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "line", abstract: "The year's budget lines.", subcommands: [Add.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add", abstract: "Enter a budget line from the DPA: its source, kode rekening, purpose and ceiling (admin).")
            @OptionGroup var store: StoreOptions
            @Option(help: "Budget year.") var year: Int
            @Option(help: "Funding source: apbd-kota, apbd-provinsi, apbn or lainnya.") var source: String
            @Option(help: "The kode rekening, e.g. 5.1.06.01.01.0001.") var code: String
            @Option(help: "The line's name as the DPA writes it.") var name: String
            @Option(help: "What it pays for: bantuan-modal, peralatan or pendampingan.") var purpose: String
            @Option(help: "The ceiling (pagu) in rupiah, e.g. 45.000.000.") var ceiling: String
            @Option(help: "Only for this cohort (default: every cohort of the year).") var cohort: String?

            func run() throws {
                let draft = BudgetLineDraft(year: year, source: try FundingSource.parse(source, field: .option("--source")), code: code,
                                            name: name, purpose: try BudgetPurpose.parse(purpose, field: .option("--purpose")), cohort: cohort,
                                            ceiling: try Rupiah.parsePayment(ceiling, field: .budget))
                let line = try store.operations().addBudgetLine(draft, context: store.context)
                printLine("Budget line \(line.handle) recorded: \(line.purpose.rawValue), pagu \(line.ceiling).")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "The lines of a year and their exceptions.")
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions
            @Option(help: "Budget year (default every year).") var year: Int?

            func run() throws {
                let table = try store.openForReading().read { tx in
                    var table = Table(title: "Mata Anggaran", columns: [
                        .init("year", "Tahun", .integer), .init("source", "Sumber Dana"), .init("code", "Kode Rekening"), .init("name", "Uraian"),
                        .init("purpose", "Peruntukan"), .init("cohort", "Angkatan"), .init("ceiling", "Pagu", .rupiah),
                        .init("exceptions", "Pengecualian", .rupiah), .init("recorded_by", "Dicatat Oleh"),
                    ])
                    for line in try tx.budgetLines(year: year) {
                        var exceptions = Rupiah.zero
                        for e in try tx.budgetExceptions(lineID: line.id) { exceptions = try exceptions.adding(e.amount) }
                        table.rows.append([.integer(Int64(line.year)), .text(line.source.rawValue), .text(line.code), .text(line.name),
                                           .text(line.purpose.rawValue), .text(try line.cohortID.flatMap { try tx.cohort(id: $0)?.code } ?? ""),
                                           .rupiah(line.ceiling), .rupiah(exceptions), .text(line.actor)])
                    }
                    return table
                }
                try Render.output(table, output.format)
            }
        }
    }

    struct Exception: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "exception", abstract: "Allow a budget line to go past its ceiling by up to an amount, naming why (admin).")
        @OptionGroup var store: StoreOptions
        @Option(help: "Budget year.") var year: Int
        @Option(help: "The line's kode rekening.") var line: String
        @Option(help: "Its funding source, when two fund the same code.") var source: String?
        @Option(help: "The cohort, when the code has a line per cohort.") var cohort: String?
        @Option(help: "By how much the line may exceed its ceiling, e.g. 3.000.000.") var amount: String
        @Option(help: "Why (at least 15 characters): the decision and its letter.") var reason: String

        func run() throws {
            let e = try store.operations().recordBudgetException(
                line: line, year: year, source: try source.map { try FundingSource.parse($0, field: .option("--source")) }, cohort: cohort,
                amount: try Rupiah.parsePayment(amount), reason: reason, context: store.context)
            printLine("Exception #\(e.id) recorded by \(e.actor): up to \(e.amount) past the ceiling.")
        }
    }
}
