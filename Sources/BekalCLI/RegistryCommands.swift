import ArgumentParser
import BekalCore
import Foundation

struct TrackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "track", abstract: "Skills tracks (jurusan).", subcommands: [Add.self, List.self])
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        func run() throws {
            let tracks = try store.openForReading().read { tx in try tx.tracks() }
            try Render.output(Table(title: "Jurusan", columns: [.init("code", "Kode"), .init("name", "Nama")],
                                    rows: tracks.map { [.text($0.code), .text($0.name)] }), output.format)
        }
    }
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add")
        @OptionGroup var store: StoreOptions
        @Option(help: "Short code, e.g. tata-boga.") var code: String
        @Option(help: "Name, e.g. Tata Boga.") var name: String
        func run() throws {
            let t = try store.operations().addTrack(code: code, name: name)
            printLine("Track \(t.code) added.")
        }
    }
}

struct CohortCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cohort", abstract: "Cohorts (angkatan).", subcommands: [Add.self, List.self])
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        func run() throws {
            let cohorts = try store.openForReading().read { tx in try tx.cohorts() }
            let columns: [Table.Column] = [.init("code", "Kode"), .init("name", "Nama"), .init("training_start", "Mulai Pelatihan", .date),
                                           .init("training_end", "Selesai Pelatihan", .date), .init("budget", "Anggaran", .rupiah),
                                           .init("budget_year", "Tahun Anggaran", .integer)]
            let rows: [[Table.Cell]] = cohorts.map { c in
                [.text(c.code), .text(c.name), c.trainingStart.map { .date($0) } ?? .empty, c.trainingEnd.map { .date($0) } ?? .empty,
                 .rupiah(c.budget), c.budgetYear.map { .integer(Int64($0)) } ?? .empty]
            }
            try Render.output(Table(title: "Angkatan", columns: columns, rows: rows), output.format)
        }
    }
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add")
        @OptionGroup var store: StoreOptions
        @Option(help: "Code, e.g. 2026.") var code: String
        @Option var name: String?
        @Option(name: .customLong("training-start")) var trainingStart: String?
        @Option(name: .customLong("training-end")) var trainingEnd: String?
        @Option var budget: String?
        @Option(name: .customLong("budget-year")) var budgetYear: Int?
        @Option(name: .customLong("grant-amount"), help: "This cohort's standard grant, if not the programme's (Rp1.500.000).")
        var grantAmount: String?
        func run() throws {
            let draft = CohortDraft(code: code, name: name,
                                    trainingStart: try parsed(trainingStart) { try LocalDate.parse($0, field: .option("--training-start")) },
                                    trainingEnd: try parsed(trainingEnd) { try LocalDate.parse($0, field: .option("--training-end")) },
                                    budget: try parsed(budget) { try Rupiah.parse($0, field: .option("--budget")) } ?? .zero,
                                    budgetYear: budgetYear,
                                    grantAmount: try parsed(grantAmount) { try Rupiah.parsePayment($0, field: .option("--grant-amount")) })
            let c = try store.operations().addCohort(draft)
            printLine("Cohort \(c.code) added.")
        }
    }
}

struct BeneficiaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "beneficiary", abstract: "Beneficiaries (binaan).",
                                                    subcommands: [Add.self, Correct.self, Changes.self, Show.self, Merge.self])
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Her whole history in order: enrolments, intake, stages, grants, kelompok, visits, needs, referrals, consents.",
            discussion: "With --outcomes her outcomes too (restricted): that read is written to the audit log.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument(help: "Her code (B-00012) or the office's register number.") var beneficiary: String
        @Flag(help: "Include her outcomes (audited).") var outcomes = false
        func run() throws {
            let ops = outcomes ? try store.operations() : try store.readingOperations()
            try Render.output(try ops.personHistory(beneficiary: beneficiary, withOutcomes: outcomes, context: store.context).table, output.format)
        }
    }
    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct", abstract: "Correct her registered data; the change keeps who, when, why and the value before.",
            discussion: "Give only the fields that are wrong. An empty value (--kelurahan \"\") clears an optional field.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Her code (B-00012) or the office's register number.") var beneficiary: String
        @Option var name: String?
        @Option(help: "16-digit NIK.") var nik: String?
        @Option(name: .customLong("register-ref")) var registerRef: String?
        @Option(name: .customLong("birth-year")) var birthYear: String?
        @Option(name: .customLong("origin-area")) var originArea: String?
        @Option var kelurahan: String?
        @Option(help: "Why (at least 5 characters), e.g. \"NIK salah ketik, sesuai KTP\".") var reason: String
        func run() throws {
            let change = try store.operations().correctBeneficiary(
                beneficiary, BeneficiaryCorrection(name: name, nik: nik, birthYear: birthYear, originArea: originArea, kelurahan: kelurahan,
                                                   externalRef: registerRef, reason: reason), context: store.context)
            printLine("\(Beneficiary.code(for: change.subjectID)) corrected (change #\(change.id)): "
                      + change.shownFields.map(\.field.rawValue).joined(separator: ", ") + ".")
        }
    }
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge", abstract: "Make a woman registered twice one person: merge the duplicate record into the one kept.",
            discussion: """
                Nothing is moved or rewritten: both histories stay on the records they were made on, and `beneficiary show` of \
                either code tells them as one. Afterwards the duplicate's code is refused for anything new (the message names the \
                code to use) and it leaves the register. Refused while the duplicate has business open on its record (training, an \
                unpaid graduation, a grant, a kelompok she is in now); the duplicate's own caseload assignment ends with it.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The duplicate record's code (B-00142) or register number.") var duplicate: String
        @Option(help: "The record kept: the person from now on.") var into: String
        @Option(help: "What showed they are one woman (at least 10 characters), e.g. \"KTP yang sama terlihat saat kunjungan\".")
        var reason: String
        func run() throws {
            let result = try store.operations().mergePerson(duplicate: duplicate, into: into, reason: reason, context: store.context)
            let merge = result.merge
            printLine("\(merge.duplicateCode) merged into \(merge.keptCode) on \(merge.onDate) (merge #\(merge.id)); use \(merge.keptCode) from now on.")
            if let worker = result.endedAssignment {
                printLine("\(merge.duplicateCode)'s own caseload assignment to \(worker) ended; assign \(merge.keptCode) if she is not followed yet.")
            }
        }
    }
    struct Changes: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "changes", abstract: "Every correction of her data, oldest first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument var beneficiary: String
        func run() throws {
            let (person, changes) = try store.openForReading().read { tx in
                let person = try Resolve.beneficiary(beneficiary, in: tx)
                return (person, try tx.registryChanges(subject: .beneficiary, subjectID: person.id))
            }
            try Render.output(RegistryChangeTable.table(title: "Koreksi data \(person.code)", changes), output.format)
        }
    }
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add")
        @OptionGroup var store: StoreOptions
        @Option var name: String
        @Option(help: "16-digit NIK, if known.") var nik: String?
        @Option(name: .customLong("register-ref"), help: "The office's own register number.") var registerRef: String?
        @Option(name: .customLong("birth-year")) var birthYear: Int?
        @Option(name: .customLong("origin-area")) var originArea: String?
        @Option var kelurahan: String?
        @Flag(name: .customLong("consent-share"), help: "She agreed her business data may be shared with partners.") var consentShare = false
        @Option(name: .customLong("consent-name"), help: "The name she agreed may appear in partner exports.") var consentName: String?
        @Option(name: .customLong("different-from"), parsing: .singleValue,
                help: "A record with the same name and birth year that she is not (B-00007); repeatable.")
        var differentFrom: [String] = []
        func run() throws {
            let draft = BeneficiaryDraft(externalRef: registerRef, name: name,
                                         nik: try parsed(nik) { try NIK.parse($0, field: .option("--nik")) }, birthYear: birthYear,
                                         originArea: originArea, kelurahan: kelurahan, consentShare: consentShare, consentName: consentName,
                                         differentFrom: differentFrom)
            let b = try store.operations().addBeneficiary(draft, context: store.context)
            printLine("Beneficiary \(b.code) added.")
        }
    }
}

struct EnrolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enrol", abstract: "Enrol a beneficiary in a cohort and track, or record her status.")
    @OptionGroup var store: StoreOptions
    @Option var beneficiary: String
    @Option var cohort: String
    @Option var track: String
    @Option(help: "enrolled, completed or dropped_out.") var status: String = "enrolled"
    @Option var date: String?
    @Option(help: "Why she left (with dropped_out): taken_out, ran_away, illness, went_home, referred_elsewhere, deceased or other.")
    var reason: String?
    @Option(name: .customLong("reason-text"), help: "What the reason was, with --reason other.") var reasonText: String?
    @Flag(name: .customLong("despite-low-attendance"), help: "She completed although she attended less than the office's threshold.")
    var despiteLowAttendance = false
    func run() throws {
        guard let status = Enrolment.Status(rawValue: status) else {
            throw InputError(.option("--status"), input: status, .notOneOf(Enrolment.Status.allCases.map(\.rawValue)))
        }
        let e = try store.operations().enrol(EnrolmentRequest(beneficiary: beneficiary, cohort: cohort, track: track, status: status,
                                                              statusDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) }),
                                             reason: try parsed(reason) { try ExitReason.parse($0) }, reasonText: reasonText,
                                             despiteLowAttendance: despiteLowAttendance, context: store.context)
        printLine("\(Beneficiary.code(for: e.beneficiaryID)) is \(e.status.rawValue) in cohort \(cohort).")
    }
}

struct KelompokCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kelompok", abstract: "Work groups.", subcommands: [Add.self, Join.self, Leave.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add")
        @OptionGroup var store: StoreOptions
        @Option var name: String
        @Option var cohort: String
        @Option var track: String?
        @Option(parsing: .singleValue, help: "A member's code; repeatable.") var member: [String] = []
        @Option(help: "The day the members joined (default today).") var date: String?
        func run() throws {
            let ops = try store.operations()
            let date = try parsed(date) { try LocalDate.parse($0, field: .option("--date")) } ?? store.context.today(in: ProgrammeSettings())
            let k = try ops.addKelompok(name: name, cohort: cohort, track: track, members: member, joinedOn: date, context: store.context)
            printLine("Kelompok \(k.code) added with \(member.count) member(s).")
        }
    }
    struct Join: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "join")
        @OptionGroup var store: StoreOptions
        @Option var kelompok: String
        @Option var beneficiary: String
        @Option var date: String
        func run() throws {
            try store.operations().join(kelompok: kelompok, beneficiary: beneficiary, on: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) }!,
                                        context: store.context)
            printLine("\(beneficiary) joined \(kelompok).")
        }
    }
    struct Leave: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "leave")
        @OptionGroup var store: StoreOptions
        @Option var kelompok: String
        @Option var beneficiary: String
        @Option var date: String
        func run() throws {
            try store.operations().leave(kelompok: kelompok, beneficiary: beneficiary, on: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) }!,
                                         context: store.context)
            printLine("\(beneficiary) left \(kelompok).")
        }
    }
}

struct UsahaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "usaha", abstract: "Small businesses.",
                                                    subcommands: [Add.self, Update.self, Changes.self, Licence.self, Join.self, Channel.self])
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Record what a usaha has become: a brand after branding help, a new product, a new place.",
            discussion: "Give only what changed. An empty value (--brand \"\") clears an optional field.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Its code, e.g. U-0007.") var usaha: String
        @Option var product: String?
        @Option var brand: String?
        @Option var location: String?
        @Option var kelurahan: String?
        @Option(help: "The day it changed (default today).") var date: String?
        @Option(help: "What happened, e.g. the branding help that gave it its brand.") var note: String?
        func run() throws {
            let change = try store.operations().updateUsaha(
                usaha, UsahaUpdate(product: product, brand: brand, location: location, kelurahan: kelurahan,
                                   onDate: try parsed(date) { try LocalDate.parse($0, field: .option("--date")) }, note: note),
                context: store.context)
            printLine("\(Usaha.code(for: change.subjectID)) updated (change #\(change.id)): "
                      + change.fields.map(\.field.rawValue).joined(separator: ", ") + ".")
        }
    }
    struct Changes: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "changes", abstract: "Every change of a usaha, oldest first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument var usaha: String
        func run() throws {
            let (usaha, changes) = try store.openForReading().read { tx in
                let usaha = try Resolve.usaha(self.usaha, in: tx)
                return (usaha, try tx.registryChanges(subject: .usaha, subjectID: usaha.id))
            }
            try Render.output(RegistryChangeTable.table(title: "Perubahan usaha \(usaha.code)", changes), output.format)
        }
    }
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add")
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("owner-beneficiary")) var ownerBeneficiary: String?
        @Option(name: .customLong("owner-kelompok")) var ownerKelompok: String?
        @Option var product: String
        @Option var brand: String?
        @Option var location: String?
        @Option var kelurahan: String?
        func run() throws {
            let u = try store.operations().addUsaha(UsahaDraft(ownerBeneficiary: ownerBeneficiary, ownerKelompok: ownerKelompok,
                                                               product: product, brand: brand, location: location, kelurahan: kelurahan),
                                                    context: store.context)
            printLine("Usaha \(u.code) added, with its own book.")
        }
    }
}
