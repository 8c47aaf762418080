import ArgumentParser
import BekalCore
import Foundation

/// `bekal list …`: recipient lists (daftar penerima), maker-checker. An admin drafts, the head
/// of office approves with the SK (`--actor` names who; never the one who drafted), the
/// bendahara pays against it, one person or the whole list.
struct RecipientListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Recipient lists (daftar penerima): draft, approve with the SK, pay.",
        subcommands: [All.self, Draft.self, Approve.self, Show.self, Pay.self])

    struct All: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "all", abstract: "Every list with its status and SK.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        func run() throws { try Render.output(RecipientListTable.lists(try store.readingOperations().recipientLists()), output.format) }
    }

    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "draft", abstract: "Draft the list of a cohort's graduates (admin).",
            discussion: "Without --beneficiary, every graduate of the cohort (and track). A cohort that has a list gets a new one only "
                + "as its replacement: --supersedes CODE --reason \"…\".")
        @OptionGroup var store: StoreOptions
        @Option var cohort: String
        @Option(help: "Only this track's graduates.") var track: String?
        @Option(help: "The amount per person (default the cohort's standard grant).") var amount: String?
        @Option(name: .customLong("amount-reason"), help: "Why the amount is not the standard one.") var amountReason: String?
        @Option(name: .customLong("beneficiary"), help: "A person to list (repeat); default every graduate.") var beneficiaries: [String] = []
        @Option(help: "The list this one replaces (the last list of the cohort and track).") var supersedes: String?
        @Option(help: "Why it is replaced (at least 10 characters).") var reason: String?
        @Option(parsing: .singleValue, help: "Equipment the SK approves for a kelompok of the cohort, KELOMPOK:ITEM:QUANTITY (repeat), e.g. K-0001:mesin-jahit:2.")
        var equipment: [String] = []
        func run() throws {
            var request = RecipientListRequest(
                cohort: cohort, track: track, amount: try parsed(amount) { try Rupiah.parsePayment($0, field: .option("--amount")) },
                amountReason: amountReason, beneficiaries: beneficiaries.isEmpty ? nil : beneficiaries, supersedes: supersedes, reason: reason)
            request.equipment = try equipment.map { try EquipmentPlanLine.parse($0, field: .option("--equipment")) }
            let list = try store.operations().draftRecipientList(request, context: store.context)
            printLine("List \(list.code) drafted: \(list.lines.count) people, \(list.amount) each, \(list.total) in all"
                      + (list.equipment.isEmpty ? ". " : "; \(list.equipment.count) equipment line(s). ")
                      + "It waits for approval by another officer: bekal list approve \(list.code) --sk … --sk-date … --actor ….")
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a draft with the SK (head of office; not its drafter).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The list's code, e.g. DP-2013-1.") var code: String
        @Option(help: "The SK penerima bantuan's number.") var sk: String
        @Option(name: .customLong("sk-date"), help: "The SK's date, YYYY-MM-DD.") var skDate: String
        func run() throws {
            let date = try LocalDate.parse(skDate, field: .option("--sk-date"))
            let list = try store.operations().approveRecipientList(code: code, decreeNumber: sk, decreeDate: date, context: store.context)
            printLine("List \(list.code) approved by \(store.context.actor) with SK \(sk) of \(date): \(list.lines.count) people, \(list.total). It is frozen now.")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A list's lines: who is paid, who not yet, and what holds a line back.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument var code: String
        func run() throws {
            let state = try store.readingOperations().recipientListState(code: code)
            try Render.output(RecipientListTable.lines(state), output.format)
            if !state.list.equipment.isEmpty && output.format == .table {
                printLine("")
                try Render.output(try store.readingOperations().store.read { tx in try RecipientListTable.equipment(state.list, in: tx) }, output.format)
            }
            if output.format == .table {
                printLine("\(state.paidCount) of \(state.lines.count) paid (\(state.paidTotal) of \(state.list.total))."
                          + (state.supersedes.map { " Replaces \($0)." } ?? "") + (state.supersededBy.map { " Replaced by \($0)." } ?? ""))
            }
        }
    }

    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pay", abstract: "Pay an approved list, one kuitansi per person (bendahara).",
            discussion: "Line N is paid under kuitansi <prefix>NNN (default KW/<list>/NNN). Run again after a stop: lines paid are "
                + "left alone, the rest are paid; nobody is paid twice.")
        @OptionGroup var store: StoreOptions
        @Argument var code: String
        @Option(help: "Only these people (repeat).") var beneficiary: [String] = []
        @Option(help: "The kuitansi numbers' prefix (default KW/<list>/).") var prefix: String?
        @Option(help: "Value date YYYY-MM-DD (default today).") var date: String?
        @Option(name: .customLong("paid-from"), help: "cash (handed over) or bank (transfer).") var paidFrom: CashSubBook = .cash
        func run() throws {
            let results = try store.operations().payRecipientList(
                code: code, prefix: prefix, valueDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) },
                paidFrom: paidFrom, only: beneficiary.isEmpty ? nil : beneficiary, context: store.context)
            var refused = 0
            for result in results {
                let who = "\(String(format: "%3d", result.line.number)). \(result.line.beneficiaryCode) \(result.documentRef)"
                switch result.outcome {
                case .paid(let entry): printLine("\(who): paid, entry #\(entry.id)")
                case .alreadyRecorded(let entry): printLine("\(who): already paid under this number (entry #\(entry.id))")
                case .paidEarlier(let entryID): printLine("\(who): already paid in this cohort (entry #\(entryID)); left alone")
                case .refused(let error):
                    refused += 1
                    printLine("\(who): refused: \((error as? any BekalFailure)?.message ?? String(describing: error))")
                }
            }
            if refused > 0 {
                throw ValidationError("\(refused) of \(results.count) line(s) refused; nothing was written for them. Put right what each says and run it again.")
            }
        }
    }
}
