import ArgumentParser
import BekalCore
import Foundation

/// A business on its way to the market: licences, koperasi or KUBE, channels (under `usaha`),
/// and the exhibitions and markets (`market`).
extension UsahaCommand {
    static func day(_ text: String?, _ option: String = "--date") throws -> LocalDate? {
        try parsed(text) { try LocalDate.parse($0, field: .option(option)) }
    }

    struct Licence: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "licence", abstract: "Record a licence of a usaha: its NIB from OSS, its P-IRT, its halal certificate.",
            discussion: "A NIB has 13 digits, a P-IRT 15 (spaces, dots and dashes are left out). A renewed licence is recorded again with its new dates.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Its code, e.g. U-0007.") var usaha: String
        @Option(help: "nib, pirt or halal.") var kind: String
        @Option(help: "The number as printed on the certificate.") var number: String
        @Option(help: "The day it was issued, YYYY-MM-DD.") var issued: String
        @Option(name: .customLong("valid-until"), help: "The last day it is valid, if it expires.") var validUntil: String?
        func run() throws {
            let kind: LicenceKind = try parsedEnum(kind, "--kind")!
            let (licence, replayed) = try store.operations().addLicence(
                usaha: usaha, kind: kind, number: number, issuedOn: try UsahaCommand.day(issued, "--issued")!,
                validUntil: try UsahaCommand.day(validUntil, "--valid-until"), context: store.context)
            printLine(replayed ? "\(licence.text) of \(Usaha.code(for: licence.usahaID)) was already recorded; nothing changed."
                      : "\(licence.text) recorded for \(Usaha.code(for: licence.usahaID)).")
        }
    }

    struct Join: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "join", abstract: "A usaha joins a koperasi or a KUBE (or leaves it, with --left).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Its code, e.g. U-0007.") var usaha: String
        @Option(help: "koperasi or kube.") var kind: String
        @Option(help: "Its name as registered, e.g. \"Koperasi Wanita Mandiri\".") var name: String
        @Option(help: "The day, YYYY-MM-DD (default today).") var date: String?
        @Flag(help: "It left rather than joined.") var left = false
        func run() throws {
            let ops = try store.operations()
            let day = try UsahaCommand.day(date) ?? store.context.today(in: try ops.settings())
            let row = try ops.recordAffiliation(usaha: usaha, kind: try parsedEnum(kind, "--kind")!, name: name, on: day, joined: !left,
                                                context: store.context)
            printLine("\(Usaha.code(for: row.usahaID)) \(left ? "left" : "joined") \(row.kind.label) \(row.name) on \(row.onDate).")
        }
    }

    struct Channel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "channel", abstract: "A usaha starts selling through a channel (or stops, with --stopped).",
            discussion: "Channels: warung, pasar, titip (consignment), pesanan (to order), online, pameran, lainnya.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Its code, e.g. U-0007.") var usaha: String
        @Option var channel: String
        @Option(help: "The day, YYYY-MM-DD (default today).") var date: String?
        @Flag(help: "It stopped selling there.") var stopped = false
        func run() throws {
            let ops = try store.operations()
            let day = try UsahaCommand.day(date) ?? store.context.today(in: try ops.settings())
            let row = try ops.recordChannel(usaha: usaha, channel: try parsedEnum(channel, "--channel")!, on: day, active: !stopped,
                                            context: store.context)
            printLine("\(Usaha.code(for: row.usahaID)) \(stopped ? "stopped selling" : "sells") through \(row.channel.rawValue) from \(row.onDate).")
        }
    }
}

struct MarketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "market", abstract: "Exhibitions and markets (pameran, bazar): the businesses that took part, the stand, their sales.",
        subcommands: [Add.self, Sales.self, List.self, Readiness.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Record an exhibition or market with the businesses that took part.",
            discussion: "The stand is paid now with --stand-cost and --ref (an aftercare cost, against the year's aftercare line), "
                + "or was paid already: --stand-entry names that entry.")
        @OptionGroup var store: StoreOptions
        @Option(help: "pameran or bazar.") var kind: String = "pameran"
        @Option var name: String
        @Option var place: String
        @Option(help: "First day, YYYY-MM-DD.") var from: String
        @Option(help: "Last day (default the first).") var to: String?
        @Option(parsing: .singleValue, help: "A usaha that took part (repeat).") var usaha: [String]
        @Option(name: .customLong("stand-cost"), help: "What the stand costs, paid now.") var standCost: String?
        @Option(help: "The kuitansi of the stand, with --stand-cost.") var ref: String?
        @Flag(name: .customLong("from-bank"), help: "The stand is paid from the bank.") var fromBank = false
        @Option(name: .customLong("stand-entry"), help: "The entry that already paid for the stand.") var standEntry: Int64?
        @OptionGroup var budget: BudgetLineOptions
        func run() throws {
            let starts = try UsahaCommand.day(from, "--from")!
            let ends = try UsahaCommand.day(to, "--to") ?? starts
            var stand = MarketEventDraft.Stand.none
            if let standEntry { stand = .paid(entryID: standEntry) }
            if let standCost {
                guard let ref else { throw ValidationError("--stand-cost needs --ref, the stand's kuitansi number") }
                stand = .pay(AftercareExpense(amount: try Rupiah.parsePayment(standCost, field: .option("--stand-cost")), documentRef: ref,
                                              memo: "", valueDate: starts, paidFrom: fromBank ? .bank : .cash, budget: try budget.choice()))
            }
            let event = try store.operations().recordMarketEvent(
                MarketEventDraft(kind: try parsedEnum(kind, "--kind")!, name: name, place: place, startsOn: starts, endsOn: ends,
                                 usaha: usaha, stand: stand), context: store.context)
            printLine("\(event.code) recorded: \(event.kind.label) \(event.name), \(usaha.count) usaha"
                      + (event.standEntryID.map { ", stand entry #\($0)" } ?? "") + ".")
        }
    }

    struct Sales: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sales", abstract: "What a usaha sold at an exhibition or market (once).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The event's code, e.g. PM-0001.") var event: String
        @Option var usaha: String
        @Option(help: "What it sold there, e.g. 850.000 (0 if nothing).") var amount: String
        func run() throws {
            let amount = try Rupiah.parse(amount, field: .option("--amount"))
            try store.operations().recordMarketSales(event: event, usaha: usaha, amount: amount, context: store.context)
            printLine("Sales of \(usaha) at \(event): \(amount).")
        }
    }

    struct List: ParsableCommand, ReportRendering {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The exhibitions and markets, their businesses, sales and stand cost.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        func render(to out: ReportStreamWriter) throws {
            let report = try store.openForReading().read { tx in try MarketEventReport.build(in: tx) }
            try out.whole(report, report.table)
        }
    }

    struct Readiness: ParsableCommand, ReportRendering {
        static let configuration = CommandConfiguration(
            commandName: "readiness", abstract: "Each usaha's licences in force, koperasi or KUBE, sales channels and exhibitions.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option(name: .customLong("as-of"), help: "YYYY-MM-DD (default today).") var asOf: String?
        func render(to out: ReportStreamWriter) throws {
            let ops = try store.readingOperations()
            let day = try UsahaCommand.day(asOf, "--as-of") ?? store.context.today(in: try ops.settings())
            let report = try ops.store.read { tx in try MarketReadiness.build(asOf: day, in: tx) }
            try out.whole(report, report.table)
        }
    }
}
