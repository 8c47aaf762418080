import ArgumentParser
import BekalCore
import Foundation

/// Parses a stored code such as `home_visit` for an enum, with the allowed values in the message.
func parsedEnum<T: RawRepresentable & CaseIterable>(_ text: String?, _ field: String) throws -> T? where T.RawValue == String {
    guard let text else { return nil }
    if let value = T(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) { return value }
    throw InputError(.option(field), input: text, .notOneOf(T.allCases.map(\.rawValue)))
}

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Aftercare workers and their caseloads.",
                                                    subcommands: [Add.self, List.self, Assign.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add")
        @OptionGroup var store: StoreOptions
        @Option(help: "Code, e.g. PSM-01.") var code: String
        @Option var name: String
        func run() throws {
            let w = try store.operations().addWorker(code: code, name: name, context: store.context)
            printLine("Worker \(w.code) added.")
        }
    }
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        func run() throws {
            let workers = try store.openForReading().read { tx in try tx.workers() }
            try Render.output(Table(title: "Pendamping", columns: [.init("code", "Kode"), .init("name", "Nama")],
                                    rows: workers.map { [.text($0.code), .text($0.name)] }), output.format)
        }
    }
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "assign", abstract: "Put a beneficiary or kelompok in a worker's caseload (ends any earlier assignment).")
        @OptionGroup var store: StoreOptions
        @Option var worker: String
        @Option var beneficiary: String?
        @Option var kelompok: String?
        @Option(help: "From this day (default today).") var date: String?
        func run() throws {
            let ops = try store.operations()
            let date = try parsed(date) { try LocalDate.parse($0, field: .option("--date")) } ?? store.context.today(in: try ops.settings())
            let a = try ops.assign(worker: worker, beneficiary: beneficiary, kelompok: kelompok, from: date, context: store.context)
            printLine("Assigned from \(a.fromDate).")
        }
    }
}

struct VisitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "visit", abstract: "Aftercare visits.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Log a visit (home, phone, or through the RT head).")
        @OptionGroup var store: StoreOptions
        @Option var worker: String
        @Option var date: String?
        @Option var beneficiary: String?
        @Option var kelompok: String?
        @Option var usaha: String?
        @Option(help: "home_visit, phone, through_rt_head, through_other.") var contact: String = "home_visit"
        @Option(help: "here, moved_within_city, went_home_to_village, unreachable.") var whereabouts: String?
        @Option(name: .customLong("business-status"), help: "running, paused, closed, never_started.") var businessStatus: String?
        @Option(help: "Sales for the period, in rupiah.") var sales: String?
        @Option(name: .customLong("sales-from")) var salesFrom: String?
        @Option(name: .customLong("sales-to")) var salesTo: String?
        @Option(parsing: .singleValue, help: "Support given; repeatable: marketing, branding, packaging, bookkeeping, market_link, exhibition, extra_training, health_referral, mediation.")
        var support: [String] = []
        @Option(parsing: .singleValue, help: "ITEM:CONDITION (working, broken, sold, lost); repeatable.") var equipment: [String] = []
        @Option(name: .customLong("grant-use"), help: "business_stock, business_equipment, household, phone, family_business, debt, other.")
        var grantUse: String?
        @Option var needs: String?
        @Option(name: .customLong("need"), parsing: .singleValue,
                help: "A need heard on the visit, opened to be answered (repeatable): \(NeedKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var needKinds: [String] = []
        @Option var notes: String?
        @Option(name: .customLong("next-due")) var nextDue: String?

        func run() throws {
            let ops = try store.operations()
            let context = store.context
            let today = context.today(in: try ops.settings())
            let date = try parsed(date) { try LocalDate.parse($0, field: .option("--date")) } ?? today
            var salesReport: SalesReport?
            if let sales {
                let amount = try Rupiah.parse(sales, field: .option("--sales"))
                let from = try parsed(salesFrom) { try LocalDate.parse($0, field: .option("--sales-from")) } ?? date.yearMonth.firstDay
                let to = try parsed(salesTo) { try LocalDate.parse($0, field: .option("--sales-to")) } ?? date
                salesReport = SalesReport(amount: amount, periodStart: from, periodEnd: to)
            }
            let items = try equipment.map { text -> EquipmentObservation in
                let parts = text.split(separator: ":").map(String.init)
                guard parts.count == 2, let condition: EquipmentCondition = try parsedEnum(parts[1], "--equipment condition") else {
                    throw InputError(.option("--equipment"), input: text, .notItemAndCondition)
                }
                return EquipmentObservation(item: parts[0], condition: condition)
            }
            let request = VisitRequest(
                date: date, worker: worker, beneficiary: beneficiary, kelompok: kelompok, usaha: usaha,
                contactMode: try parsedEnum(contact, "--contact")!, whereabouts: try parsedEnum(whereabouts, "--whereabouts"),
                businessStatus: try parsedEnum(businessStatus, "--business-status"), sales: salesReport,
                support: try support.map { try parsedEnum($0, "--support")! }, equipment: items,
                grantUse: try parsedEnum(grantUse, "--grant-use"), needs: needs, notes: notes,
                nextVisitDue: try parsed(nextDue) { try LocalDate.parse($0, field: .option("--next-due")) })
            var withNeeds = request
            withNeeds.needKinds = try needKinds.map { try NeedKind.parse($0, option: "--need") }
            let result = try ops.recordVisit(withNeeds, context: context)
            if result.replayed {
                printLine("Already recorded as visit #\(result.visit.id); nothing changed.")
            } else {
                printLine("Visit #\(result.visit.id) recorded on \(result.visit.date)" +
                          (result.visit.salesEntryID.map { "; sales posted to the usaha's book as entry #\($0)" } ?? "") + ".")
            }
        }
    }
}

struct OutcomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outcome", abstract: "Outcomes (restricted; every read is audited).",
                                                    subcommands: [Record.self, History.self])
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "record")
        @OptionGroup var store: StoreOptions
        @Option var beneficiary: String
        @Option(name: .customLong("as-of"), help: "The day the outcome was known (default today).") var asOf: String?
        @Option(help: "Returned to sex work: yes, no or unknown.") var returned: String
        @Option(help: "self_report, worker_observation, community_report.") var source: String
        @Option(name: .customLong("reason"), parsing: .singleValue,
                help: "Why she returned (with --returned yes; once or more): \(ReturnReason.allCases.map(\.rawValue).joined(separator: ", ")).")
        var reasons: [String] = []
        @Option(name: .customLong("reason-text"), help: "What the reason was, with --reason other.") var reasonText: String?
        @Option(name: .customLong("protective"), parsing: .singleValue,
                help: "What kept her from returning (with --returned no; optional, repeatable): \(ProtectiveFactor.allCases.map(\.rawValue).joined(separator: ", ")).")
        var protective: [String] = []
        func run() throws {
            let ops = try store.operations()
            let asOf = try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) } ?? store.context.today(in: try ops.settings())
            let record = try ops.recordOutcome(beneficiary: beneficiary, asOf: asOf, returned: try parsedEnum(returned, "--returned")!,
                                               source: try parsedEnum(source, "--source")!,
                                               factors: try OutcomeFactors.parse(reasons: reasons, protective: protective, otherText: reasonText),
                                               context: store.context)
            printLine("Outcome #\(record.id) recorded as of \(record.asOf).")
        }
    }
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "history")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option var beneficiary: String
        func run() throws {
            let (person, history) = try store.operations().outcomeHistory(beneficiary: beneficiary, context: store.context)
            let table = Table(title: "Riwayat Hasil \(person.code)", columns: [
                .init("as_of", "Per Tanggal", .date), .init("returned", "Kembali ke Pekerjaan Lama"), .init("source", "Sumber"),
                .init("factors", "Alasan atau Faktor Pelindung"), .init("recorded_by", "Dicatat oleh"),
            ], rows: history.map { record in
                let f = record.factors
                let factors = f.reasons.map { $0 == .other ? "\($0.label): \(f.otherText ?? "")" : $0.label } + f.protective.map(\.label)
                return [.date(record.asOf), .text(record.returned.rawValue), .text(record.source.rawValue),
                        .text(factors.joined(separator: "; ")), .text(record.recordedBy)]
            })
            try Render.output(table, output.format)
        }
    }
}

struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "followup", abstract: "The follow-up schedule.", subcommands: [Due.self])
    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "due", abstract: "Who is due or overdue for a visit, most overdue first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option(help: "Only this worker's caseload.") var worker: String?
        @Option(name: .customLong("as-of")) var asOf: String?
        func run() throws {
            let ops = try store.readingOperations()
            let list = try ops.followUpDue(worker: worker, asOf: try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) },
                                           context: store.context)
            switch output.format {
            case .json: printLine(try Render.json(list))
            default: try Render.output(list.table, output.format)
            }
        }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The audit trail: sensitive reads and exports, sign-ins, user and settings changes, and every journal entry.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(name: .customLong("by")) var byActor: String?
    @Option var action: String?
    @Option var from: String?
    @Option var to: String?
    @Option var limit: Int = 200
    func run() throws {
        let from = try parsed(from) { try LocalDate.parse($0, field: .option("--from")) }
        let to = try parsed(to) { try LocalDate.parse($0, field: .option("--to")) }
        let records = try store.openForReading().read { tx in
            try AuditTrail.records(from: tx, actor: byActor, action: action, from: from?.description,
                                   to: to.map { $0.adding(days: 1).description }, limit: max(1, min(limit, 100_000)))
        }
        try Render.output(Table(title: "Log Audit", columns: [
            .init("id", "No", .integer), .init("at", "Waktu"), .init("actor", "Oleh"), .init("action", "Tindakan"),
            .init("subject", "Subjek"), .init("detail", "Rincian"),
        ], rows: records.map { [.integer($0.id), .text($0.at), .text($0.actor), .text($0.action), .text($0.subject), .text($0.detail)] }),
            output.format)
    }
}
