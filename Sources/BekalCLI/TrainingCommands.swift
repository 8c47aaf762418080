import ArgumentParser
import BekalCore
import Foundation

/// The training months: instructors, sessions with attendance, the skills evaluation, the
/// training room's tools, and the reports of them.
struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training", abstract: "The training months: sessions, attendance, instructors, evaluation, tools.",
        subcommands: [InstructorAdd.self, Certificate.self, Instructors.self, Session.self, Evaluate.self, Tools.self, Attendance.self,
                      ToolsReport.self])

    static func day(_ text: String?, _ option: String) throws -> LocalDate? {
        try parsed(text) { try LocalDate.parse($0, field: .option(option)) }
    }

    struct InstructorAdd: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "instructor-add", abstract: "Record an instructor (instruktur).")
        @OptionGroup var store: StoreOptions
        @Option(help: "The office's code, e.g. INS-01.") var code: String
        @Option var name: String
        @Option(help: "What she teaches, e.g. \"Tata boga\" or \"Bimbingan mental\".") var expertise: String?
        func run() throws {
            let instructor = try store.operations().addInstructor(code: code, name: name, expertise: expertise, context: store.context)
            printLine("Instructor \(instructor.code) (\(instructor.name)) recorded.")
        }
    }

    struct Certificate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "certificate", abstract: "Record an instructor's certificate.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The instructor's code.") var instructor: String
        @Option(help: "What it certifies, e.g. \"Sertifikat Kompetensi BNSP Tata Boga\".") var name: String
        @Option var number: String
        @Option var issued: String
        @Option(name: .customLong("valid-until")) var validUntil: String?
        func run() throws {
            let certificate = try store.operations().addCertificate(
                instructor: instructor, name: name, number: number, issuedOn: try TrainingCommand.day(issued, "--issued")!,
                validUntil: try TrainingCommand.day(validUntil, "--valid-until"), context: store.context)
            printLine("Certificate \(certificate.number) recorded for \(instructor.uppercased()).")
        }
    }

    struct Instructors: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "instructors", abstract: "The instructors and their certificates.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        func run() throws {
            let ops = try store.readingOperations()
            let today = store.context.today(in: try ops.settings())
            let table = try ops.store.read { tx in
                var table = Table(title: "Instruktur Pelatihan", columns: [
                    .init("code", "Kode"), .init("name", "Nama"), .init("expertise", "Keahlian"), .init("certificates", "Sertifikat"),
                ])
                let certificates = Dictionary(grouping: try tx.certificates(instructorID: nil), by: \.instructorID)
                for instructor in try tx.instructors() {
                    let papers = (certificates[instructor.id] ?? []).map { c in
                        "\(c.name) \(c.number)" + (c.validUntil.map { " (s.d. \($0)\(c.isValid(on: today) ? "" : ", sudah habis"))" } ?? "")
                    }
                    table.rows.append([.text(instructor.code), .text(instructor.name), .text(instructor.expertise ?? ""),
                                       .text(papers.joined(separator: "; "))])
                }
                return table
            }
            try Render.output(table, output.format)
        }
    }

    struct Session: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "session", abstract: "Record a session and who was absent; everyone else enrolled in it was present.",
            discussion: "Skills sessions are for one --track; guidance (mental, religious, social) without --track is for the whole cohort.")
        @OptionGroup var store: StoreOptions
        @Option var cohort: String
        @Option var track: String?
        @Option(help: "skills, mental, religious or social.") var kind: String
        @Option var topic: String
        @Option var date: String
        @Option var hours: Int = 3
        @Option(help: "The instructor's code.") var instructor: String?
        @Option(parsing: .singleValue, help: "A trainee who was not there (repeat).") var absent: [String] = []
        func run() throws {
            let record = SessionRecord(cohort: cohort, track: track, kind: try parsedEnum(kind, "--kind")!, topic: topic,
                                       heldOn: try TrainingCommand.day(date, "--date")!, hours: hours, instructor: instructor, absent: absent)
            let result = try store.operations().recordSession(record, context: store.context)
            printLine("Session #\(result.session.id) on \(result.session.heldOn) recorded: \(result.present) present, \(result.absent) absent.")
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "evaluate", abstract: "Record a trainee's skills evaluation at the end (once).")
        @OptionGroup var store: StoreOptions
        @Option var beneficiary: String
        @Option var cohort: String
        @Option(help: "0 to 100.") var score: Int
        @Option var date: String
        @Option(help: "Who evaluated.") var evaluator: String
        @Option var note: String?
        func run() throws {
            let evaluation = try store.operations().recordEvaluation(beneficiary: beneficiary, cohort: cohort, score: score,
                                                                     evaluatedOn: try TrainingCommand.day(date, "--date")!, evaluator: evaluator,
                                                                     note: note, context: store.context)
            printLine("Evaluation of \(beneficiary.uppercased()) recorded: \(evaluation.score), \(evaluation.passed ? "passed" : "not passed").")
        }
    }

    struct Tools: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "tools", abstract: "Count a tool of the training room for a cohort's track.")
        @OptionGroup var store: StoreOptions
        @Option var cohort: String
        @Option var track: String
        @Option(help: "NAME:QUANTITY, e.g. \"Mesin jahit:4\" (repeat).") var tool: [String]
        @Option var date: String
        func run() throws {
            let ops = try store.operations()
            let day = try TrainingCommand.day(date, "--date")!
            for text in tool {
                guard let colon = text.lastIndex(of: ":"), let quantity = Int64(text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)) else {
                    throw InputError(.option("--tool"), input: text, .notItemAndQuantity)
                }
                let counted = try ops.recordTools(cohort: cohort, track: track, name: String(text[..<colon]), quantity: quantity, countedOn: day,
                                                  context: store.context)
                printLine("\(counted.quantity) × \(counted.name) counted for \(track) on \(day).")
            }
        }
    }

    struct Attendance: ParsableCommand, ReportRendering {
        static let configuration = CommandConfiguration(commandName: "attendance", abstract: "Each trainee's attendance and evaluation, against the threshold.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option var cohort: String
        func render(to out: ReportStreamWriter) throws {
            let report = try store.openForReading().read { tx in try TrainingAttendanceReport.build(cohort: cohort, in: tx) }
            try out.whole(report, report.table)
        }
    }

    struct ToolsReport: ParsableCommand, ReportRendering {
        static let configuration = CommandConfiguration(commandName: "tools-report", abstract: "The training room's tools per trainee, per track.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option var cohort: String
        func render(to out: ReportStreamWriter) throws {
            let report = try store.openForReading().read { tx in try TrainingToolsReport.build(cohort: cohort, in: tx) }
            try out.whole(report, report.table)
        }
    }
}
