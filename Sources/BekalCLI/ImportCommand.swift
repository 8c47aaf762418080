import ArgumentParser
import BekalCore
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import records from CSV files.",
                                                    subcommands: [Beneficiaries.self])

    struct Beneficiaries: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import beneficiaries and their enrolments from a CSV file (UTF-8, header row).",
            discussion: """
                Columns (any order, header names case-insensitive): nama, angkatan, jurusan (required); \
                no_register, nik, tahun_lahir, daerah_asal, kelurahan, status (terdaftar/lulus/keluar), \
                tanggal_status (YYYY-MM-DD), izin_berbagi (ya/tidak), nama_izin. The whole file is checked \
                first: if any row is wrong nothing is written and every problem is listed. A row whose \
                no_register is already registered with the same content is skipped.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(name: .customLong("dry-run"), help: "Check the file and say what would be imported, without writing.") var dryRun = false

        func run() throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw InputError(field: "file", input: file, reason: "cannot be read", hint: "check the path and that you may read it")
            }
            let s = try store.operations().importBeneficiaries(data, file: file, dryRun: dryRun, context: store.context)
            let counts = "\(s.beneficiaries) beneficiar\(s.beneficiaries == 1 ? "y" : "ies") (\(s.enrolments) enrolment\(s.enrolments == 1 ? "" : "s"))"
            if dryRun {
                printLine("Dry run: the file is valid; it would import \(counts), skip \(s.skipped) already present. Nothing was written.")
            } else {
                printLine("Imported \(counts), skipped \(s.skipped) already present.")
            }
        }
    }
}
