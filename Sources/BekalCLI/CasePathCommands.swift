import ArgumentParser
import BekalCore
import Foundation

/// `bekal intake`: how she came into a cohort (route, referral letter, category, consent).
struct IntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake", abstract: "Her intake into a cohort: how she came, her category, her consent to take part.",
        subcommands: [Record.self])
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record", abstract: "Record her intake (once per enrolment).",
            discussion: "A referral names the referring office and its letter. Taking part is voluntary: the day she agreed is required. "
                + "Her birth date (from her KTP or KK), when given, is checked against the programme's ages (settings: --age-min).")
        @OptionGroup var store: StoreOptions
        @Option(help: "Her code (B-00012) or register number.") var beneficiary: String
        @Option(help: "The cohort she is enrolled in.") var cohort: String
        @Option(help: "referral, outreach or self.") var route: String
        @Option(name: .customLong("referred-by"), help: "The referring office (with --route referral).") var referredBy: String?
        @Option(help: "The referral letter's number (with --route referral).") var letter: String?
        @Option(name: .customLong("letter-date"), help: "The referral letter's date, YYYY-MM-DD.") var letterDate: String?
        @Option(help: "Her category, from the office's list (settings: --categories), e.g. eks-wts.") var category: String
        @Option(name: .customLong("consent-on"), help: "The day she agreed to take part, YYYY-MM-DD.") var consentOn: String?
        @Option(name: .customLong("birth-date"), help: "Her birth date, YYYY-MM-DD, if she shows one.") var birthDate: String?
        func run() throws {
            let request = IntakeRequest(
                beneficiary: beneficiary, cohort: cohort, route: try IntakeRoute.parse(route), referringOffice: referredBy, letterNumber: letter,
                letterDate: try parsed(letterDate) { try LocalDate.parse($0, field: .option("--letter-date")) }, category: category,
                consentOn: try parsed(consentOn) { try LocalDate.parse($0, field: .option("--consent-on")) },
                birthDate: try parsed(birthDate) { try LocalDate.parse($0, field: .option("--birth-date")) })
            let intake = try store.operations().recordIntake(request, context: store.context)
            printLine("Intake of \(beneficiary) into cohort \(cohort) recorded (\(intake.route.rawValue), consent \(intake.consentOn)).")
        }
    }
}

/// `bekal stage`: the dated stages of her case, and its closing.
struct StageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage", abstract: "The stages of her case (ATENSI by default), and its closing (terminasi).",
        subcommands: [Record.self, List.self])
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record", abstract: "Record the stage her case in a cohort has reached.",
            discussion: "Stages come from the office's list (settings: --stages). The closing stage takes --reason; after it "
                + "nothing more is recorded, her case leaves the due list and the outcome report judges it as of that day.")
        @OptionGroup var store: StoreOptions
        @Option var beneficiary: String
        @Option var cohort: String
        @Option(help: "The stage's code, e.g. asesmen or terminasi.") var stage: String
        @Option(help: "The day, YYYY-MM-DD (default today).") var on: String?
        @Option(help: "Why the case is closed (with the closing stage): \(ExitReason.allCases.map(\.rawValue).joined(separator: ", ")).")
        var reason: String?
        @Option(name: .customLong("reason-text"), help: "What the reason was, with --reason other.") var reasonText: String?
        func run() throws {
            let recorded = try store.operations().recordStage(
                beneficiary: beneficiary, cohort: cohort, stage: stage,
                on: try parsed(on) { try LocalDate.parse($0, field: .option("--on")) },
                reason: try parsed(reason) { try ExitReason.parse($0) }, reasonText: reasonText, context: store.context)
            printLine("\(beneficiary) in cohort \(cohort): stage \(recorded.stage) on \(recorded.onDate)\(recorded.closes ? " — case closed" : "").")
        }
    }
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Her intake and stages in each cohort, in order.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument(help: "Her code (B-00012) or register number.") var beneficiary: String
        func run() throws {
            let (code, paths) = try store.openForReading().read { tx in
                let person = try Resolve.beneficiary(beneficiary, in: tx)
                return (person.code, try Operations.casePath(of: person.id, in: tx))
            }
            try Render.output(CasePathTable.table(code: code, paths), output.format)
        }
    }
}

/// Her path as one table: a row for each intake and each stage, by cohort, in order.
enum CasePathTable {
    static func table(code: String, _ paths: [CasePathEnrolment]) -> Table {
        var rows: [[Table.Cell]] = []
        for path in paths {
            if let i = path.intake {
                let from = [i.referringOffice, i.letterNumber.map { "surat \($0)" }].compactMap { $0 }.joined(separator: ", ")
                rows.append([.text(path.cohortCode), .date(i.consentOn), .text("masuk: \(i.route.label)"),
                             .text(([i.category] + (from.isEmpty ? [] : [from])).joined(separator: " · ")), .text(i.actor)])
            }
            for s in path.stages {
                rows.append([.text(path.cohortCode), .date(s.onDate), .text(path.label(s.stage)),
                             .text(s.reasonCode.map { $0.label + (s.reason.map { ": \($0)" } ?? "") } ?? ""), .text(s.actor)])
            }
        }
        return Table(title: "Tahap penanganan \(code)", columns: [
            .init("cohort", "Angkatan"), .init("date", "Tanggal", .date), .init("stage", "Tahap"), .init("detail", "Keterangan"),
            .init("actor", "Dicatat oleh"),
        ], rows: rows)
    }
}

struct StagesReport: ParsableCommand, ReportRendering {
    static let configuration = CommandConfiguration(
        commandName: "stages", abstract: "Cases per stage and cohort, and the closed cases by reason (counts only).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func render(to out: ReportStreamWriter) throws {
        let report = try store.openForReading().read { tx in try StageReport.build(from: tx, settings: try tx.settings()) }
        try out.whole(report, report.table)
    }
}

struct OutcomeReasonsReport: ParsableCommand, ReportRendering {
    static let configuration = CommandConfiguration(
        commandName: "outcome-reasons",
        abstract: "Why graduates returned and what kept the others from it, each as a range of all grants (restricted; audited).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(name: .customLong("as-of")) var asOf: String?

    func render(to out: ReportStreamWriter) throws {
        let report = try store.operations().outcomeReasonReport(
            asOf: try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) }, context: store.context)
        try out.whole(report, report.table)
    }
}

/// `bekal need`: what a woman or a kelompok asked for, until it is answered.
struct NeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "need", abstract: "Needs, from voiced to answered (also opened by `bekal visit add --need`).",
        subcommands: [Open.self, Answer.self, List.self])
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a need of one person or one kelompok.")
        @OptionGroup var store: StoreOptions
        @Option var beneficiary: String?
        @Option var kelompok: String?
        @Option(help: "\(NeedKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: String
        @Option(help: "The day it was voiced (default today).") var on: String?
        @Option(help: "What was asked, in a line (at most 200 characters).") var note: String?
        func run() throws {
            let need = try store.operations().openNeed(
                NeedRequest(beneficiary: beneficiary, kelompok: kelompok, kind: try NeedKind.parse(kind), note: note,
                            openedOn: try parsed(on) { try LocalDate.parse($0, field: .option("--on")) }), context: store.context)
            printLine("Need #\(need.id) of \(need.subjectCode) opened on \(need.openedOn) (\(need.kind.rawValue)).")
        }
    }
    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "answer", abstract: "Record what answered a need, once.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The need's number.") var need: Int64
        @Option(help: "The day it was answered (default today).") var on: String?
        @Option(help: "The support that answered it: \(SupportKind.allCases.map(\.rawValue).joined(separator: ", ")).") var support: String?
        @Option(help: "What was done, in a line.") var note: String?
        @Option(help: "The visit that answered it, if one did.") var visit: Int64?
        func run() throws {
            let answered = try store.operations().answerNeed(
                id: need, on: try parsed(on) { try LocalDate.parse($0, field: .option("--on")) }, support: try parsedEnum(support, "--support"),
                note: note, visitID: visit, context: store.context)
            printLine("Need #\(answered.id) answered on \(answered.answer!.closedOn), \(answered.daysToAnswer!) days after it was voiced.")
        }
    }
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Her needs and her kelompok's, oldest first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument(help: "Her code (B-00012) or register number.") var beneficiary: String
        @Flag(help: "Only the needs still open.") var open = false
        func run() throws {
            let needs = try store.readingOperations().needs(beneficiary: beneficiary, openOnly: open)
            try Render.output(Table(title: "Kebutuhan \(beneficiary)", columns: [
                .init("need", "No.", .integer), .init("subject", "Binaan/Kelompok"), .init("kind", "Kebutuhan"), .init("opened_on", "Disampaikan", .date),
                .init("note", "Catatan"), .init("answered_on", "Terjawab", .date), .init("support", "Dijawab dengan"), .init("days", "Hari", .integer),
            ], rows: needs.map { n in
                [.integer(n.id), .text(n.subjectCode), .text(n.kind.label), .date(n.openedOn), .text(n.note ?? ""),
                 n.answer.map { .date($0.closedOn) } ?? .empty, .text(n.answer?.support?.label ?? n.answer?.note ?? ""),
                 n.daysToAnswer.map { .integer(Int64($0)) } ?? .empty]
            }), output.format)
        }
    }
}

struct NeedsReport: ParsableCommand, ReportRendering {
    static let configuration = CommandConfiguration(
        commandName: "needs", abstract: "Needs per worker and kind: voiced, answered, open, late, days to answer (codes only).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(name: .customLong("as-of")) var asOf: String?
    @Flag(help: "The open needs older than the office's limit (settings: --need-days), oldest first.") var late = false

    func render(to out: ReportStreamWriter) throws {
        let report = try store.readingOperations().needReport(asOf: try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) },
                                                              context: store.context)
        try out.whole(report, late ? report.lateTable : report.table)
    }
}

/// `bekal consent`: her consents, given and withdrawn, each with its day.
struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent", abstract: "Her consents (share her business, show a name, be referred), given and withdrawn with a date.",
        subcommands: [Give.self, Withdraw.self, List.self])
    struct Options: ParsableArguments {
        @Option var beneficiary: String
        @Option(help: "share_business (share), show_name (name) or referral.") var kind: String
        @Option(help: "The day (default today).") var on: String?
        @Option(help: "The service of a referral consent: a partner's code or the service.") var service: String?
    }
    struct Give: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "give")
        @OptionGroup var store: StoreOptions
        @OptionGroup var consent: Options
        @Option(help: "With show_name: the name she agreed may appear (e.g. Ibu Siti).") var name: String?
        func run() throws {
            let event = try store.operations().changeConsent(
                beneficiary: consent.beneficiary, kind: try ConsentKind.parse(consent.kind), given: true,
                on: try parsed(consent.on) { try LocalDate.parse($0, field: .option("--on")) }, name: name, service: consent.service,
                context: store.context)
            printLine("Consent \(event.kind.rawValue) of \(Beneficiary.code(for: event.beneficiaryID)) given on \(event.onDate).")
        }
    }
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "withdraw")
        @OptionGroup var store: StoreOptions
        @OptionGroup var consent: Options
        func run() throws {
            let event = try store.operations().changeConsent(
                beneficiary: consent.beneficiary, kind: try ConsentKind.parse(consent.kind), given: false,
                on: try parsed(consent.on) { try LocalDate.parse($0, field: .option("--on")) }, service: consent.service, context: store.context)
            printLine("Consent \(event.kind.rawValue) of \(Beneficiary.code(for: event.beneficiaryID)) withdrawn on \(event.onDate).")
        }
    }
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Her consents now, and every change, oldest first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument var beneficiary: String
        func run() throws {
            let (state, events) = try store.readingOperations().consents(beneficiary: beneficiary, context: store.context)
            if output.format == .table {
                printLine("Now: share business \(state.shareBusiness ? "yes" : "no"); name shown \(state.shownName == nil ? "none" : "yes"); "
                          + "referral to \(state.referrals.isEmpty ? "none" : state.referrals.sorted().joined(separator: ", ")).")
            }
            try Render.output(Table(title: "Izin \(beneficiary)", columns: [
                .init("date", "Tanggal", .date), .init("kind", "Izin"), .init("given", "Diberikan"), .init("detail", "Keterangan"),
                .init("actor", "Dicatat oleh"),
            ], rows: events.map { e in
                [.date(e.onDate), .text(e.kind.label), .text(e.given ? "ya" : "dicabut"), .text(e.name ?? e.service ?? ""), .text(e.actor)]
            }), output.format)
        }
    }
}

/// `bekal partner`: the register of service partners.
struct PartnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "partner", abstract: "The register of service partners (Puskesmas, BLK, KUA …).",
                                                    subcommands: [Add.self, List.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add")
        @OptionGroup var store: StoreOptions
        @Option(help: "Its code, e.g. PKM-KEDATON.") var code: String
        @Option var name: String
        @Option(help: "\(PartnerKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: String
        func run() throws {
            let partner = try store.operations().addPartner(code: code, name: name, kind: try PartnerKind.parse(kind), context: store.context)
            printLine("Partner \(partner.code) added (\(partner.kind.rawValue)).")
        }
    }
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        func run() throws {
            try Render.output(Table(title: "Mitra layanan", columns: [.init("code", "Kode"), .init("name", "Nama"), .init("kind", "Jenis")],
                                    rows: try store.readingOperations().partners().map { [.text($0.code), .text($0.name), .text($0.kind.label)] }),
                              output.format)
        }
    }
}

/// `bekal referral`: her referrals to a partner's service, with her consent.
struct ReferralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "referral", abstract: "Referrals to a partner's service (only with her referral consent).",
                                                    subcommands: [Send.self, Update.self, List.self])
    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "send")
        @OptionGroup var store: StoreOptions
        @Option var beneficiary: String
        @Option(help: "The partner's code.") var partner: String
        @Option(help: "The service asked for, e.g. \"pemeriksaan kesehatan\".") var service: String
        @Option var on: String?
        @Option var note: String?
        func run() throws {
            let referral = try store.operations().sendReferral(beneficiary: beneficiary, partner: partner, service: service,
                                                               on: try parsed(on) { try LocalDate.parse($0, field: .option("--on")) }, note: note,
                                                               context: store.context)
            printLine("Referral #\(referral.id) of \(Beneficiary.code(for: referral.beneficiaryID)) sent on \(referral.sentOn!).")
        }
    }
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Accepted, declined (--note why) or done (--note the result).")
        @OptionGroup var store: StoreOptions
        @Argument var referral: Int64
        @Option(help: "accepted, declined or done.") var status: String
        @Option var on: String?
        @Option var note: String?
        func run() throws {
            let r = try store.operations().updateReferral(id: referral, status: try ReferralStatus.parse(status),
                                                          on: try parsed(on) { try LocalDate.parse($0, field: .option("--on")) }, note: note,
                                                          context: store.context)
            printLine("Referral #\(r.id) is \(r.status.rawValue) on \(r.steps.last!.onDate).")
        }
    }
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument var beneficiary: String
        func run() throws {
            let ops = try store.readingOperations()
            let partners = Dictionary(uniqueKeysWithValues: try ops.partners().map { ($0.id, $0.code) })
            try Render.output(Table(title: "Rujukan \(beneficiary)", columns: [
                .init("referral", "No.", .integer), .init("partner", "Mitra"), .init("service", "Layanan"), .init("sent_on", "Dirujuk", .date),
                .init("status", "Status"), .init("note", "Catatan terakhir"),
            ], rows: try ops.referrals(beneficiary: beneficiary).map { r in
                [.integer(r.id), .text(partners[r.partnerID] ?? "?"), .text(r.service), r.sentOn.map { .date($0) } ?? .empty,
                 .text(r.status.label), .text(r.steps.last?.note ?? "")]
            }), output.format)
        }
    }
}

struct ReferralsReport: ParsableCommand, ReportRendering {
    static let configuration = CommandConfiguration(commandName: "referrals", abstract: "Services by partner: referred, accepted, declined, done, open.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    func render(to out: ReportStreamWriter) throws {
        let report = try store.readingOperations().referralReport()
        try out.whole(report, report.table)
    }
}
