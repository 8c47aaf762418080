import ArgumentParser
import BekalCore
import Foundation

/// Prints what a posting did, or that it had been done before.
func report(_ result: PostResult, _ what: String) {
    let e = result.entry
    if result.isReplay {
        printLine("Already recorded as entry #\(e.id) (reference \(e.documentRef ?? e.idempotencyKey)); nothing changed.")
    } else {
        printLine("Entry #\(e.id) recorded on \(e.valueDate): \(what).")
    }
}

extension CashSubBook: ExpressibleByArgument {}

struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Move money between the bank account and cash (pemindahbukuan).",
        discussion: "--to cash: a withdrawal from the bank to pay in cash; --to bank: cash paid into the bank.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Where the money goes: cash or bank; it comes from the other.") var to: CashSubBook
    @Option(help: "Amount in rupiah, e.g. 10.000.000.") var amount: String
    @Option(help: "The withdrawal slip, cheque or deposit number.") var ref: String
    @Option(help: "Value date YYYY-MM-DD (default today).") var date: String?
    @Option(help: "Description.") var memo: String?

    func run() throws {
        let transfer = CashTransfer(amount: try parsed(amount) { try Rupiah.parsePayment($0) }!, to: to, documentRef: ref,
                                    valueDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) }, memo: memo)
        report(try store.operations().transferCash(transfer, context: store.context),
               "\(transfer.amount) moved from \(to.other.rawValue) to \(to.rawValue)")
    }
}

struct GrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grant", abstract: "Working-capital grants.",
                                                    subcommands: [Disburse.self, Exception.self])

    struct Disburse: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disburse", abstract: "Pay a graduate her working-capital grant.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Her code (B-00012) or the office's register number.") var beneficiary: String
        @Option(help: "The kuitansi or SP2D number; paying the same reference again pays once.") var ref: String
        @Option(help: "Amount (default the cohort's standard grant, normally Rp1.500.000).") var amount: String?
        @Option(name: .customLong("amount-reason"), help: "Why another amount than the cohort's standard is intended (at least 10 characters).")
        var amountReason: String?
        @Option(help: "Value date YYYY-MM-DD (default today).") var date: String?
        @Option(help: "Cohort, if she completed more than one.") var cohort: String?
        @Option(help: "Her usaha (U-0007): the grant also enters its book as capital.") var usaha: String?
        @Flag(name: .customLong("from-bank"), help: "Transferred from the bank account to hers, rather than paid in cash.") var fromBank = false
        @OptionGroup var budget: BudgetLineOptions

        func run() throws {
            var request = GrantRequest(beneficiary: beneficiary, documentRef: ref,
                                       amount: try parsed(amount) { try Rupiah.parsePayment($0) },
                                       valueDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) },
                                       cohort: cohort, usaha: usaha, paidFrom: fromBank ? .bank : .cash, amountReason: amountReason)
            request.budget = try budget.choice()
            let result = try store.operations().disburseGrant(request, context: store.context)
            let code = Beneficiary.code(for: result.grant.beneficiaryID)
            report(result.replayed ? .replayed(result.entry) : .posted(result.entry), "grant \(result.grant.amount) to \(code)")
        }
    }

    struct Exception: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "exception", abstract: "Allow one more grant to a person already paid one, in this cohort (admin).")
        @OptionGroup var store: StoreOptions
        @Option var beneficiary: String
        @Option var cohort: String
        @Option(help: "Why a second grant is right (at least 10 characters).") var reason: String

        func run() throws {
            let e = try store.operations().recordGrantException(beneficiary: beneficiary, cohort: cohort, reason: reason, context: store.context)
            printLine("Exception #\(e.id) recorded for \(Beneficiary.code(for: e.beneficiaryID)) by \(e.actor).")
        }
    }
}

struct EquipmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "equipment", abstract: "Equipment bought, issued per kelompok, moved on, mended and counted.",
                                                    subcommands: [ItemAdd.self, Items.self, Buy.self, Issue.self, Transfer.self, Return.self,
                                                                  WriteOff.self, Repair.self, Count.self, Counts.self, Where.self, Broken.self])

    struct Items: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "items", abstract: "The catalogue with what is in stock.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        func run() throws {
            let table = try store.openForReading().read { tx in
                var table = Table(title: "Persediaan Peralatan", columns: [
                    .init("code", "Kode"), .init("name", "Nama"), .init("unit", "Satuan"),
                    .init("quantity", "Jumlah", .integer), .init("value", "Nilai", .rupiah),
                ])
                for item in try tx.equipmentItems() {
                    let stock = try tx.stock(itemID: item.id)
                    table.rows.append([.text(item.code), .text(item.name), .text(item.unit), .integer(stock.quantity), .rupiah(stock.value)])
                }
                return table
            }
            try Render.output(table, output.format)
        }
    }

    struct ItemAdd: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "item-add", abstract: "Add an item to the catalogue.")
        @OptionGroup var store: StoreOptions
        @Option var code: String
        @Option var name: String
        @Option var unit: String = "unit"
        func run() throws {
            let item = try store.operations().addEquipmentItem(code: code, name: name, unit: unit)
            printLine("Item \(item.code) added.")
        }
    }

    struct Buy: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "buy", abstract: "Buy equipment into stock: --item CODE:QUANTITY:UNIT_COST, repeatable.")
        @OptionGroup var store: StoreOptions
        @Option(parsing: .singleValue, help: "CODE:QUANTITY:UNIT_COST, e.g. mesin-jahit:5:1.750.000") var item: [String]
        @Option var ref: String
        @Option var date: String?
        @Option var memo: String?
        @Flag(name: .customLong("from-bank"), help: "Paid from the bank account rather than from cash.") var fromBank = false
        @Option(help: "The supplier (penyedia), e.g. \"CV Maju Jaya\".") var supplier: String?
        @Option(help: "The supplier's invoice or receipt number (faktur/nota).") var invoice: String?
        @Option(name: .customLong("receipt-report"), help: "The goods-received report's number (berita acara penerimaan barang).")
        var receiptReport: String?
        @OptionGroup var budget: BudgetLineOptions
        func run() throws {
            let lines = try item.map { try EquipmentPurchase.Line.parse($0, field: .option("--item")) }
            var purchase = EquipmentPurchase(lines: lines, documentRef: ref,
                                             valueDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) }, memo: memo,
                                             paidFrom: fromBank ? .bank : .cash, budget: try budget.choice())
            purchase.documents = PurchaseDocuments(supplier: supplier, invoiceNumber: invoice, receiptReport: receiptReport)
            report(try store.operations().buyEquipment(purchase, context: store.context), "equipment bought")
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "issue", abstract: "Issue equipment to a kelompok: --item CODE:QUANTITY, repeatable.")
        @OptionGroup var store: StoreOptions
        @Option var kelompok: String
        @Option(parsing: .singleValue, help: "CODE:QUANTITY, e.g. mesin-jahit:1") var item: [String]
        @Option var ref: String
        @Option var date: String?
        func run() throws {
            let lines = try item.map { try EquipmentIssue.Line.parse($0, field: .option("--item")) }
            let issue = EquipmentIssue(kelompok: kelompok, lines: lines, documentRef: ref,
                                       valueDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) })
            report(try store.operations().issueEquipment(issue, context: store.context), "equipment issued to \(kelompok)")
        }
    }
}

struct ExpenseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "expense", abstract: "Aftercare costs.", subcommands: [Aftercare.self])

    struct Aftercare: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "aftercare", abstract: "Record an aftercare cost (labels, exhibition, transport).")
        @OptionGroup var store: StoreOptions
        @Option var amount: String
        @Option var ref: String
        @Option var memo: String
        @Option var date: String?
        @Option var kelompok: String?
        @Option var usaha: String?
        @Option var beneficiary: String?
        @Option(help: "The cohort it is booked against (default: the kelompok's, the usaha's or hers).") var cohort: String?
        @Flag(name: .customLong("from-bank"), help: "Paid from the bank account rather than from cash.") var fromBank = false
        @OptionGroup var budget: BudgetLineOptions
        func run() throws {
            let expense = AftercareExpense(amount: try parsed(amount) { try Rupiah.parsePayment($0) }!, documentRef: ref, memo: memo,
                                           valueDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) },
                                           kelompok: kelompok, usaha: usaha, beneficiary: beneficiary, cohort: cohort,
                                           paidFrom: fromBank ? .bank : .cash, budget: try budget.choice())
            report(try store.operations().recordAftercareExpense(expense, context: store.context), "aftercare cost \(expense.amount)")
        }
    }
}

struct EntryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "entry", abstract: "Journal entries.", subcommands: [Reverse.self, Show.self])

    struct Reverse: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reverse", abstract: "Reverse an entry (the only way to correct one).")
        @OptionGroup var store: StoreOptions
        @Option(help: "The entry number.") var entry: Int64
        @Option(help: "Why.") var reason: String
        @Option var date: String?
        func run() throws {
            let result = try store.operations().reverse(entryID: entry, reason: reason,
                                                        date: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) },
                                                        context: store.context)
            report(result, "reversal of entry #\(entry)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one entry with its postings.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument var entry: Int64
        func run() throws {
            let (found, reversal) = try store.openForReading().read { tx in (try tx.entry(id: entry), try tx.reversalID(of: entry)) }
            guard let e = found else { throw LedgerRejection.entryNotFound(entryID: entry) }
            if output.format == .json { printLine(try Render.json(e)); return }
            printLine("Entry #\(e.id)  \(e.valueDate)  \(e.kind.rawValue)  ref \(e.documentRef ?? "-")  by \(e.actor) at \(e.recordedAt)")
            printLine("  \(e.memo)")
            if let r = e.reversesEntryID { printLine("  reverses entry #\(r)") }
            if let reversal { printLine("  reversed by entry #\(reversal)") }
            let accounts = try store.openForReading().read { tx in try e.postings.map { try tx.account(id: $0.accountID) } }
            for (p, account) in zip(e.postings, accounts) {
                let side = p.amount.amount > 0 ? "debit " : "credit"
                printLine("  \(side)  \(account?.code ?? "?") \(account?.name ?? "")  \(p.amount.magnitudeDescription)")
            }
            printLine("  hash \(e.hash)")
        }
    }
}

struct PeriodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "period", abstract: "Month closing.", subcommands: [Close.self])

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close the office's book through a month (after the SPJ).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var keyFile: SealKeyOptions
        @Option(help: "YYYY-MM") var month: String
        func run() throws {
            let month = try parsed(month) { try YearMonth.parse($0, field: .option("--month")) }!
            let opened = try store.openStore()
            let sealsExist = try !opened.read { tx in try tx.seals() }.isEmpty
            let (key, created) = try SealKeyFile.loadOrCreate(keyFile.path(store), sealsExist: sealsExist)
            if created { printLine(SealKeyFile.describe(key, at: keyFile.path(store), created: true)) }
            let closing = try Operations(store: opened).closeMonth(month, sealingWith: key, context: store.context)
            printLine(closing.summary)
            if let seal = closing.seal { printLine("Sealed: \(seal.shortForm) (copy it onto the month's closing report).") }
        }
    }
}

struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "account", abstract: "The chart of accounts.", subcommands: [List.self, Rename.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        func run() throws {
            let table = try store.openForReading().read { tx in
                var table = Table(title: "Daftar Akun", columns: [.init("book", "Buku"), .init("code", "Kode"), .init("name", "Nama"),
                                                                  .init("type", "Jenis"), .init("role", "Peran")])
                for book in try tx.books() {
                    for a in try tx.accounts(bookID: book.id) {
                        table.rows.append([.text(book.code), .text(a.code), .text(a.name), .text(a.type.rawValue), .text(a.role?.rawValue ?? "")])
                    }
                }
                return table
            }
            try Render.output(table, output.format)
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Give an office account a new code or name (your own chart).")
        @OptionGroup var store: StoreOptions
        @Option var code: String
        @Option(name: .customLong("new-code")) var newCode: String?
        @Option(name: .customLong("new-name")) var newName: String?
        func run() throws {
            let a = try store.operations().renameAccount(code: code, newCode: newCode, newName: newName, context: store.context)
            printLine("Account is now \(a.code) \(a.name).")
        }
    }
}
