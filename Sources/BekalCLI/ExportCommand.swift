import ArgumentParser
import BekalCore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the books in other formats.",
                                                    subcommands: [Journal.self, Koperasi.self, Keuangan.self, Hasil.self])

    struct Journal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "journal",
            abstract: "The books as a plain-text journal for ledger-cli and hledger.",
            discussion: """
                Entries come by value date, then entry number; the commodity (IDR), the accounts and \
                the tags are declared, so both tools' strict checks pass. Every posting carries its \
                dimensions as tags (beneficiary, kelompok, usaha, cohort, budget-year). Cross-check \
                Bekal's figures: `bekal export journal --out books.journal && hledger -f books.journal \
                check --strict ordereddates && ledger --pedantic -f books.journal bal`; one woman's \
                postings, a reversal included: `hledger -f books.journal bal tag:beneficiary=B-00012`.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: "Write to this file (default: standard output).") var out: String?
        @Option(help: "Only this book (KANTOR, or a usaha code).") var book: String?

        func run() throws {
            let sink = try out.map { try JournalSink(path: $0) } ?? JournalSink(fileDescriptor: STDOUT_FILENO, path: "standard output")
            defer { sink.close() }
            try store.openForReading().read { tx in
                try JournalExport.write(from: tx, bookCode: book) { try sink.write($0) }
            }
            try sink.flush()
        }
    }
}

/// Buffered output to a file descriptor: a million entries must not cost a million writes.
final class JournalSink {
    private let fd: Int32
    private let path: String
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private static let bufferLimit = 1 << 16

    init(fileDescriptor: Int32, path: String) {
        fd = fileDescriptor
        self.path = path
        ownsDescriptor = false
        buffer.reserveCapacity(Self.bufferLimit * 2)
    }

    /// Creates or truncates `path`. Mode 0644 is enough: the journal holds codes, never names.
    init(path: String) throws {
        fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o644)
        if fd < 0 { throw ExportFailed(path: path, reason: String(cString: strerror(errno))) }
        self.path = path
        ownsDescriptor = true
        buffer.reserveCapacity(Self.bufferLimit * 2)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferLimit { try flush() }
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes in
                Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw ExportFailed(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        if ownsDescriptor { _ = Foundation.close(fd) }
    }
}

struct ExportFailed: BekalFailure {
    let path: String
    let reason: String
    var code: String { "export_failed" }
    var message: String { "Cannot write the journal to \(path): \(reason)." }
}
