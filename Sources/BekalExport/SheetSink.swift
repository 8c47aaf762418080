import BekalCore
import Foundation

/// Where an export's rows go: a sheet of an xlsx workbook or a CSV file. The export builders
/// talk only to this, so the xlsx and CSV variants of a file carry the same rows.
protocol SheetSink: AnyObject {
    func append(_ cells: [Table.Cell]) throws
    /// A total inside the body (a month, an account, a book).
    func appendSubtotal(_ cells: [Table.Cell]) throws
    func appendFooter(_ cells: [Table.Cell]) throws
    /// Text under the table (signature block); CSV leaves it out, it is not data.
    func appendText(rows: [[Int: String]]) throws
    func finish() throws
    /// Data rows written (subtotals and footers not counted).
    var dataRowCount: Int { get }
}

extension TableSheet: SheetSink {
    var dataRowCount: Int { bodyRowCount }
}

/// One CSV file (RFC 4180 or Excel's `;` dialect, through ``CSVTable``): header, body, subtotals
/// and footer as rows with their computed values. Written through a buffer, so a long cash book
/// costs few writes.
final class CSVSheet: SheetSink {
    let path: String
    let dialect: CSVDialect
    private let handle: FileHandle
    private var buffer = ""
    private(set) var dataRowCount = 0
    private var closed = false

    init(path: String, columns: [Table.Column], mode: Int, dialect: CSVDialect) throws {
        self.path = path
        self.dialect = dialect
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: mode]) else {
            throw ExportError(action: "creating the file", file: path, reason: .outputNotWritable(detail: "it cannot be created"))
        }
        // createFile keeps the mode of a file that already existed.
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 0)
        buffer = dialect.preamble + CSVTable.header(columns, dialect: dialect)
    }

    deinit { if !closed { try? handle.close() } }

    private func write(_ line: String) throws {
        buffer += line
        if buffer.utf8.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }

    func append(_ cells: [Table.Cell]) throws {
        try write(CSVTable.row(cells, dialect: dialect))
        dataRowCount += 1
    }

    func appendSubtotal(_ cells: [Table.Cell]) throws { try write(CSVTable.row(cells, dialect: dialect)) }
    func appendFooter(_ cells: [Table.Cell]) throws { try write(CSVTable.row(cells, dialect: dialect)) }
    func appendText(rows: [[Int: String]]) throws {}

    func finish() throws {
        guard !closed else { return }
        closed = true
        try flush()
        try handle.close()
    }
}
