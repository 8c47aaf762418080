import ArgumentParser
import BekalCore
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import records from CSV files.",
                                                    subcommands: [Beneficiaries.self, Visits.self])

    struct Beneficiaries: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "beneficiaries",
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
            let data = try readImportFile(file)
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

extension ImportCommand {
    struct Visits: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "visits",
            abstract: "Import aftercare visits from a CSV file (UTF-8, header row), as workers fill them in offline.",
            discussion: """
                Columns (any order, header names case-insensitive): tanggal (YYYY-MM-DD), pendamping (worker code), \
                cara_kontak (kunjungan_rumah/telepon/melalui_rt/melalui_lain) are required; at least one of binaan \
                (B-code or register number), kelompok (K-code), usaha (U-code). Optional: keberadaan \
                (di_tempat/pindah_dalam_kota/pulang_kampung/tidak_dapat_dihubungi), status_usaha \
                (berjalan/berhenti/tutup/belum_mulai), penjualan (rupiah), penjualan_dari, penjualan_sampai \
                (default: the visit month's first day to the visit day), dukungan (separated by ;: pemasaran, merek, \
                kemasan, pembukuan, jejaring_pasar, pameran, pelatihan, rujukan_kesehatan, mediasi), peralatan \
                (item:kondisi;… with baik/rusak/dijual/hilang), penggunaan_bantuan (modal_usaha, peralatan_usaha, \
                rumah_tangga, telepon, usaha_keluarga, bayar_utang, lainnya), kebutuhan, catatan, \
                kunjungan_berikutnya. The English codes of `bekal visit add` are read too. The whole file is checked \
                first: if any row is wrong nothing is written and every problem is listed. A visit already recorded \
                is skipped, so importing a file twice records it once.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(name: .customLong("dry-run"), help: "Check the file against the records and say what would be imported, without writing.")
        var dryRun = false

        func run() throws {
            let data = try readImportFile(file)
            let s = try store.operations().importVisits(data, file: file, dryRun: dryRun, context: store.context)
            let counts = "\(s.recorded) visit\(s.recorded == 1 ? "" : "s") (\(s.salesPosted) with sales posted to usaha books)"
            if dryRun {
                printLine("Dry run: the file is valid; it would record \(counts), skip \(s.skipped) already recorded. Nothing was written.")
            } else {
                printLine("Recorded \(counts), skipped \(s.skipped) already recorded.")
            }
        }
    }
}

func readImportFile(_ file: String) throws -> Data {
    do { return try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
        throw InputError(.file, input: file, .unreadable)
    }
}
