import ArgumentParser
import BekalCore
import Foundation

/// Equipment after it is issued: moved on, mended, counted, and where it is now.
extension EquipmentCommand {
    /// `ITEM:QUANTITY` as one item and its number.
    static func itemAndQuantity(_ text: String, option: String) throws -> (String, Int64) {
        let line = try EquipmentIssue.Line.parse(text, field: .option(option))
        return (line.item, line.quantity)
    }

    struct Transfer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transfer", abstract: "Move equipment from one kelompok to another that takes it over (mutasi).",
            discussion: "The item moves at its average value in the kelompok it leaves; the register of both says where it went and why.")
        @OptionGroup var store: StoreOptions
        @Option(help: "ITEM:QUANTITY, e.g. mesin-jahit:1") var item: String
        @Option(help: "The kelompok that holds it now (K-0003).") var from: String
        @Option(help: "The kelompok that takes it over.") var to: String
        @Option(help: "The berita acara of the hand-over.") var ref: String
        @Option(help: "Why (at least 5 characters), e.g. \"kelompok bubar\".") var reason: String
        @Option(help: "Value date YYYY-MM-DD (default today).") var date: String?
        func run() throws {
            let (code, quantity) = try EquipmentCommand.itemAndQuantity(item, option: "--item")
            let move = EquipmentMove(item: code, quantity: quantity, from: from, to: .kelompok(to), documentRef: ref, reason: reason,
                                     valueDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) })
            report(try store.operations().moveEquipment(move, context: store.context), "\(quantity) × \(code) moved from \(from) to \(to)")
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return", abstract: "Take equipment back from a kelompok into the office's store room (pengembalian).")
        @OptionGroup var store: StoreOptions
        @Option(help: "ITEM:QUANTITY, e.g. mesin-jahit:1") var item: String
        @Option(help: "The kelompok that holds it now.") var from: String
        @Option(help: "The berita acara of the return.") var ref: String
        @Option(help: "Why (at least 5 characters).") var reason: String
        @Option(help: "Value date YYYY-MM-DD (default today).") var date: String?
        func run() throws {
            let (code, quantity) = try EquipmentCommand.itemAndQuantity(item, option: "--item")
            let move = EquipmentMove(item: code, quantity: quantity, from: from, to: .storeRoom, documentRef: ref, reason: reason,
                                     valueDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) })
            report(try store.operations().moveEquipment(move, context: store.context), "\(quantity) × \(code) back from \(from) to the store room")
        }
    }

    struct WriteOff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write-off", abstract: "Strike equipment off the register, broken beyond repair or lost (penghapusan).",
            discussion: "From the store room, or with --from from the kelompok that holds it; --ref is the berita acara penghapusan.")
        @OptionGroup var store: StoreOptions
        @Option(help: "ITEM:QUANTITY, e.g. mesin-jahit:1") var item: String
        @Option(help: "The kelompok that holds it (default: the store room).") var from: String?
        @Option(help: "The berita acara penghapusan's number.") var ref: String
        @Option(help: "Why (at least 5 characters).") var reason: String
        @Option(help: "The visit that found it broken or lost.") var visit: Int64?
        @Option(help: "Value date YYYY-MM-DD (default today).") var date: String?
        func run() throws {
            let (code, quantity) = try EquipmentCommand.itemAndQuantity(item, option: "--item")
            let move = EquipmentMove(item: code, quantity: quantity, from: from, to: .writtenOff, documentRef: ref, reason: reason,
                                     visitID: visit, valueDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) })
            report(try store.operations().moveEquipment(move, context: store.context), "\(quantity) × \(code) written off")
        }
    }

    struct Repair: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "repair", abstract: "Pay for a repair of equipment a kelompok holds (or the store room's), against the year's equipment line.")
        @OptionGroup var store: StoreOptions
        @Option(help: "ITEM or ITEM:QUANTITY mended, e.g. mesin-jahit") var item: String
        @Option(help: "The kelompok that holds it (default: the store room).") var kelompok: String?
        @Option(help: "What the repair cost, e.g. 250.000.") var amount: String
        @Option(help: "The repairer's nota or kuitansi number.") var ref: String
        @Option(help: "What was mended (at least 5 characters).") var reason: String
        @Option(help: "The visit that found it broken.") var visit: Int64?
        @Option(help: "Value date YYYY-MM-DD (default today).") var date: String?
        @Flag(name: .customLong("from-bank"), help: "Paid from the bank account rather than from cash.") var fromBank = false
        @OptionGroup var budget: BudgetLineOptions
        func run() throws {
            let (code, quantity) = item.contains(":") ? try EquipmentCommand.itemAndQuantity(item, option: "--item") : (item, 1)
            let repair = EquipmentRepair(item: code, quantity: quantity, kelompok: kelompok,
                                         amount: try parsed(amount) { try Rupiah.parsePayment($0) }!, documentRef: ref, reason: reason,
                                         visitID: visit, valueDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) },
                                         paidFrom: fromBank ? .bank : .cash, budget: try budget.choice())
            report(try store.operations().repairEquipment(repair, context: store.context), "repair of \(quantity) × \(code), \(repair.amount)")
        }
    }

    struct Count: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "count", abstract: "Record a stock-take of one place (stock opname) and print it against the register.",
            discussion: "Count every item the register puts at the place: the store room, or the kelompok given with --kelompok. "
                + "Record each place of one stock-take under the same --ref.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option(help: "The stock-take's berita acara number.") var ref: String
        @Option(help: "The kelompok counted (default: the store room).") var kelompok: String?
        @Option(parsing: .singleValue, help: "ITEM:COUNTED, repeatable, e.g. mesin-jahit:2") var item: [String]
        @Option(help: "The day it was counted, YYYY-MM-DD (default today).") var date: String?
        @Option(help: "What the counters noted.") var note: String?
        func run() throws {
            let lines = try item.map { text -> StockTake.Line in
                let (code, counted) = try EquipmentCommand.itemAndQuantity(text, option: "--item")
                return StockTake.Line(item: code, counted: counted)
            }
            let take = StockTake(countRef: ref, place: kelompok, lines: lines,
                                 countedOn: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) }, note: note)
            let ops = try store.operations()
            let result = try ops.recordStockTake(take, context: store.context)
            if output.format == .table {
                let differences = result.lines.filter { $0.difference != 0 }.count
                printLine(result.replayed ? "Stock-take \(ref) of \(kelompok ?? "the store room") was already recorded; nothing changed."
                          : "Stock-take \(ref) of \(kelompok ?? "the store room") recorded: \(result.lines.count) item(s), \(differences) difference(s).")
            }
            let report = try ops.store.read { tx in try StockTakeReport.build(countRef: ref, in: tx) }
            try Render.output(report.table, output.format)
        }
    }

    struct Counts: ParsableCommand, ReportRendering {
        static let configuration = CommandConfiguration(commandName: "counts", abstract: "Stock-takes against the register: expected, counted, difference.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option(help: "Only this stock-take.") var ref: String?
        func render(to out: ReportStreamWriter) throws {
            let report = try store.openForReading().read { tx in try StockTakeReport.build(countRef: ref, in: tx) }
            try out.whole(report, report.table)
        }
    }

    struct Where: ParsableCommand, ReportRendering {
        static let configuration = CommandConfiguration(
            commandName: "where", abstract: "Where every item is now: the store room and each kelompok, with the last condition a visit found.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option(help: "Only this item.") var item: String?
        func render(to out: ReportStreamWriter) throws {
            let whereabouts = try store.openForReading().read { tx in try EquipmentWhereabouts.build(item: item, in: tx) }
            try out.whole(whereabouts, whereabouts.table)
        }
    }

    struct Broken: ParsableCommand, ReportRendering {
        static let configuration = CommandConfiguration(
            commandName: "broken", abstract: "Items a visit found broken or lost that no repair, return, transfer or write-off has answered.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option(name: .customLong("as-of"), help: "YYYY-MM-DD (default today).") var asOf: String?
        func render(to out: ReportStreamWriter) throws {
            let ops = try store.readingOperations()
            let day = try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) } ?? store.context.today(in: try ops.settings())
            let work = try ops.store.read { tx in try BrokenEquipmentWork.build(asOf: day, in: tx) }
            try out.whole(work, work.table)
        }
    }
}
