import Foundation

/// One record of a CSV file: its fields and the physical line it starts on.
///
/// A quoted field may hold line breaks, so a record can span several lines; `line` is the
/// first of them, which is where a person looking at the file in an editor finds the row.
public struct CSVRecord: Hashable, Sendable {
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A CSV file that could not be read: the place (line and character column, both from 1)
/// and what to do about it.
public struct CSVError: BekalFailure, Equatable {
    public let line: Int
    public let column: Int
    public let reason: String
    public let hint: String

    public init(line: Int, column: Int, reason: String, hint: String) {
        self.line = line
        self.column = column
        self.reason = reason
        self.hint = hint
    }

    public var code: String { "csv_malformed" }
    public var message: String { "line \(line), column \(column): \(reason) (\(hint))." }
}

/// Comma-separated values as RFC 4180 writes them, read and written the way spreadsheets
/// (LibreOffice, Excel's "CSV UTF-8") do it.
///
/// Reading accepts UTF-8 with or without a byte-order mark, CRLF or LF line ends, quoted
/// fields with doubled quotes, commas and line breaks inside them. It is strict about
/// quotes: a quote inside an unquoted field, text after a closing quote, or a quote never
/// closed is an error with its line and column, since guessing there silently shifts
/// every later column of the row. A line break inside a quoted field is read as `\n`.
public enum CSV {
    /// Fields longer than this are refused: it is almost always a quote never closed.
    public static let fieldLengthMax = 10_000

    /// Decodes UTF-8 (refusing anything else, with the line of the first bad byte) and reads it.
    public static func parse(_ data: Data, separator: Unicode.Scalar = ",") throws(CSVError) -> [CSVRecord] {
        try parse(try decodeUTF8(data), separator: separator)
    }

    /// Reads every record, skipping empty lines. Surrounding spaces are kept: what a field
    /// means is for the caller to decide. `separator` is `;` for the files spreadsheets save
    /// where the comma is the decimal mark (an Indonesian Excel, for one).
    public static func parse(_ text: String, separator: Unicode.Scalar = ",") throws(CSVError) -> [CSVRecord] {
        var reader = Reader(separator: separator)
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if scalar == "\r" {
                // CRLF is one line end; a lone CR (old Mac files) counts as one too.
                if pending == "\n" { pending = iterator.next() }
                try reader.lineEnd()
            } else if scalar == "\n" {
                try reader.lineEnd()
            } else {
                try reader.consume(scalar)
            }
        }
        return try reader.finish()
    }

    /// Writes records as RFC 4180 says: CRLF line ends; a field with a comma, quote or line
    /// break in quotes, its quotes doubled.
    public static func format(_ rows: [[String]]) -> String {
        func field(_ s: String) -> String {
            s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func decodeUTF8(_ data: Data) throws(CSVError) -> String {
        if let text = String(data: data, encoding: .utf8) { return text }
        var line = 1
        var column = 1
        var decoder = UTF8()
        var bytes = data.makeIterator()
        while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return String(decoding: data, as: UTF8.self)
            case .error:
                throw CSVError(line: line, column: column, reason: "the file is not UTF-8 text",
                               hint: "save it from the spreadsheet as \"CSV UTF-8\"")
            }
        }
    }

    /// The RFC 4180 state machine, fed one scalar at a time with line ends already folded.
    struct Reader {
        enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

        let separator: Unicode.Scalar
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var fieldLength = 0
        var state = State.fieldStart
        var line = 1
        var column = 0
        var recordLine = 1
        /// Where the open quote of the current field is, for the error when it never closes.
        var quoteOpened = (line: 1, column: 1)

        init(separator: Unicode.Scalar) { self.separator = separator }

        mutating func consume(_ scalar: Unicode.Scalar) throws(CSVError) {
            column += 1
            switch state {
            case .fieldStart:
                if scalar == "\"" {
                    state = .quoted
                    quoteOpened = (line, column)
                } else if scalar == separator {
                    endField()
                } else {
                    state = .unquoted
                    try append(scalar)
                }
            case .unquoted:
                if scalar == separator {
                    endField()
                } else if scalar == "\"" {
                    throw CSVError(line: line, column: column, reason: "a quote inside a field that does not start with one",
                                   hint: "put the whole field in quotes and double the quote, e.g. \"Warung \"\"Bu Ani\"\"\"")
                } else {
                    try append(scalar)
                }
            case .quoted:
                if scalar == "\"" { state = .quoteInQuoted } else { try append(scalar) }
            case .quoteInQuoted:
                if scalar == "\"" {
                    state = .quoted
                    try append(scalar)
                } else if scalar == separator {
                    endField()
                } else {
                    throw CSVError(line: line, column: column, reason: "text after the closing quote of a field",
                                   hint: "a quoted field ends at its closing quote; write a quote inside it as two quotes \"\"")
                }
            }
        }

        mutating func lineEnd() throws(CSVError) {
            if state == .quoted {
                try append("\n")
            } else {
                endRecord()
                recordLine = line + 1
            }
            line += 1
            column = 0
        }

        mutating func finish() throws(CSVError) -> [CSVRecord] {
            if state == .quoted {
                throw CSVError(line: quoteOpened.line, column: quoteOpened.column, reason: "a quoted field is never closed",
                               hint: "add the closing quote; a quote inside a quoted field is written as two quotes \"\"")
            }
            endRecord()
            return records
        }

        mutating func append(_ scalar: Unicode.Scalar) throws(CSVError) {
            if fieldLength >= CSV.fieldLengthMax {
                throw CSVError(line: line, column: column, reason: "a field longer than \(CSV.fieldLengthMax) characters",
                               hint: "check for a missing closing quote")
            }
            field.append(scalar)
            fieldLength += 1
        }

        mutating func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldLength = 0
            state = .fieldStart
        }

        mutating func endRecord() {
            let blank = fields.isEmpty && field.isEmpty && state == .fieldStart
            if !blank {
                endField()
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
            field = String.UnicodeScalarView()
            fieldLength = 0
            state = .fieldStart
        }
    }
}
