import ArgumentParser
import BekalCore
import BekalPDF
import Foundation

extension PrintCommand {
    struct DaftarPenerimaCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "daftar-penerima", abstract: "The daftar penerima of an approved recipient list, for signatures (A4 PDF).",
            discussion: "It names everyone on the list, so making one is written to the audit log.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The list's code, e.g. DP-2013-1 (bekal list all).") var list: String
        @Option(help: "The file to write (default: exports/daftar-penerima-<list>.pdf, the folder created if missing).") var out: String?
        func run() throws {
            let document = try store.operations().daftarPenerima(list: list, context: store.context)
            let path = try PrintCommand.destination(out, document.fileName)
            try DaftarPenerimaPDF.write(document, to: path)
            printLine("Daftar penerima \(document.listCode) (\(document.rows.count) people, \(document.total), SK \(document.decreeNumber)) written to \(path).")
        }
    }
}
