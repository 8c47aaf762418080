import Foundation

/// One record of a CSV file: its fields and the physical line it starts on.
///
/// A quoted field may hold line breaks, so a record can span several lines; `line` is the
/// first of them, which is where a person looking at the file in an editor finds the row.
/// A field the reader could not take as it stands is named in `flaws`: the caller reports it
/// with the column's name and goes on checking the rest of the file.
public struct CSVRecord: Hashable, Sendable {
    public let line: Int
    public let fields: [String]
    public let flaws: [CSVFieldFlaw]

    public init(line: Int, fields: [String], flaws: [CSVFieldFlaw] = []) {
        self.line = line
        self.fields = fields
        self.flaws = flaws
    }

    /// The flaws of the field at `index`, in the order they were found.
    public func flaws(ofField index: Int) -> [CSVFieldFlaw] { flaws.filter { $0.field == index } }
}

/// A field that is well-formed CSV but cannot be taken as data: a problem of one cell, not of
/// the file, so the rest of the file can still be read and checked.
public struct CSVFieldFlaw: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Longer than ``CSV/fieldLengthMax`` characters; the field holds only the first of them.
        case tooLong
        /// A control character the format does not allow, at this character of the field (from 1).
        case controlCharacter(Unicode.Scalar, position: Int)
    }

    /// The field's position in its record, from 0.
    public let field: Int
    public let kind: Kind

    public init(field: Int, kind: Kind) {
        self.field = field
        self.kind = kind
    }

    /// What is wrong, to follow the column's name: "is longer than 10000 characters".
    public var reason: String {
        switch kind {
        case .tooLong:
            return "is longer than \(CSV.fieldLengthMax) characters"
        case .controlCharacter(let scalar, let position):
            return "has the control character \(CSV.name(of: scalar)) at character \(position)"
        }
    }

    public var hint: String {
        switch kind {
        case .tooLong:
            return "check the row for a quote never closed, which runs on over the rows below it; a cell holds at most \(CSV.fieldLengthMax) characters"
        case .controlCharacter:
            return "delete it from the cell; it usually comes with text copied from another program"
        }
    }

    /// What is wrong in Bahasa Indonesia, to follow "Isi sel ini" or "Judul kolom ini".
    public var alasan: String {
        switch kind {
        case .tooLong:
            return "lebih dari \(CSV.fieldLengthMax) karakter"
        case .controlCharacter(let scalar, let position):
            return "memuat karakter kendali \(CSV.name(of: scalar)) pada karakter ke-\(position)"
        }
    }

    public var petunjuk: String {
        switch kind {
        case .tooLong:
            return "Periksa apakah ada tanda kutip yang tidak ditutup di baris ini, yang menelan baris-baris di bawahnya; satu sel berisi paling banyak \(CSV.fieldLengthMax) karakter"
        case .controlCharacter:
            return "Hapus karakter itu dari selnya; biasanya terbawa dari teks yang disalin dari program lain"
        }
    }
}

/// A CSV file that could not be read: the place (line and character column, both from 1)
/// and what to do about it, in English and in Bahasa Indonesia (`alasan`, `petunjuk`).
public struct CSVError: BekalFailure, Equatable {
    public let line: Int
    public let column: Int
    public let reason: String
    public let hint: String
    public let alasan: String
    public let petunjuk: String

    public init(line: Int, column: Int, reason: String, hint: String, alasan: String, petunjuk: String) {
        self.line = line
        self.column = column
        self.reason = reason
        self.hint = hint
        self.alasan = alasan
        self.petunjuk = petunjuk
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
///
/// Two things are wrong with one field rather than with the file, so they do not stop the
/// reading: each is a ``CSVFieldFlaw`` of its record, for the caller to report with the
/// column's name beside every other problem of the file.
/// - A field longer than ``fieldLengthMax`` characters (almost always a quote opened by
///   mistake, which swallows the rows after it until the next quote).
/// - A control character: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F), with
///   three exceptions. TAB is text. CR and LF end a record outside quotes and are a line
///   break (read as `\n`) inside a quoted field, the one place RFC 4180 allows them. A NUL
///   in particular is refused, never cut: text reaches the database as a C string, which
///   ends at a NUL, so the rest of the cell would silently disappear.
public enum CSV {
    /// Fields longer than this are flagged (``CSVFieldFlaw/Kind/tooLong``) and kept only up to it.
    public static let fieldLengthMax = 10_000

    /// Whether a scalar is a control character that no field may hold (see above).
    static func isRefusedControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// `U+0000 (NUL)`: a control character named so it can be found in a hex editor.
    static func name(of scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return scalar.value == 0 ? code + " (NUL)" : code
    }

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
                reader.lineEnd()
            } else if scalar == "\n" {
                reader.lineEnd()
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
                               hint: "save it from the spreadsheet as \"CSV UTF-8\"",
                               alasan: "Berkas ini bukan teks UTF-8", petunjuk: "Simpan dari spreadsheet sebagai \"CSV UTF-8\"")
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
        var flaws: [CSVFieldFlaw] = []
        var fieldHasControl = false
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
                    append(scalar)
                }
            case .unquoted:
                if scalar == separator {
                    endField()
                } else if scalar == "\"" {
                    throw CSVError(line: line, column: column, reason: "a quote inside a field that does not start with one",
                                   hint: "put the whole field in quotes and double the quote, e.g. \"Warung \"\"Bu Ani\"\"\"",
                                   alasan: "Ada tanda kutip di dalam sel yang tidak diawali tanda kutip",
                                   petunjuk: "Apit seluruh isi sel dengan tanda kutip dan tulis kutip di dalamnya dua kali, misalnya \"Warung \"\"Bu Ani\"\"\"")
                } else {
                    append(scalar)
                }
            case .quoted:
                if scalar == "\"" { state = .quoteInQuoted } else { append(scalar) }
            case .quoteInQuoted:
                if scalar == "\"" {
                    state = .quoted
                    append(scalar)
                } else if scalar == separator {
                    endField()
                } else {
                    throw CSVError(line: line, column: column, reason: "text after the closing quote of a field",
                                   hint: "a quoted field ends at its closing quote; write a quote inside it as two quotes \"\"",
                                   alasan: "Ada teks sesudah tanda kutip penutup sel",
                                   petunjuk: "Sel yang diapit kutip berakhir di kutip penutupnya; tulis kutip di dalamnya dua kali \"\"")
                }
            }
        }

        mutating func lineEnd() {
            if state == .quoted {
                append("\n")
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
                               hint: "add the closing quote; a quote inside a quoted field is written as two quotes \"\"",
                               alasan: "Tanda kutip pembuka sel ini tidak pernah ditutup",
                               petunjuk: "Tambahkan kutip penutupnya; kutip di dalam sel yang diapit kutip ditulis dua kali \"\"")
            }
            endRecord()
            return records
        }

        mutating func append(_ scalar: Unicode.Scalar) {
            fieldLength += 1
            if !fieldHasControl, CSV.isRefusedControl(scalar) {
                fieldHasControl = true
                flaws.append(CSVFieldFlaw(field: fields.count, kind: .controlCharacter(scalar, position: fieldLength)))
            }
            if fieldLength > CSV.fieldLengthMax {
                // Flagged once; the rest is not kept, so a quote never closed cannot fill the memory.
                if fieldLength == CSV.fieldLengthMax + 1 { flaws.append(CSVFieldFlaw(field: fields.count, kind: .tooLong)) }
                return
            }
            field.append(scalar)
        }

        mutating func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldLength = 0
            fieldHasControl = false
            state = .fieldStart
        }

        mutating func endRecord() {
            let blank = fields.isEmpty && field.isEmpty && state == .fieldStart
            if !blank {
                endField()
                records.append(CSVRecord(line: recordLine, fields: fields, flaws: flaws))
            }
            fields = []
            flaws = []
            field = String.UnicodeScalarView()
            fieldLength = 0
            fieldHasControl = false
            state = .fieldStart
        }
    }
}
