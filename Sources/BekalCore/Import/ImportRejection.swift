import Foundation

/// One thing wrong with an import file, where it is and how to put it right.
///
/// Problems name the column and the line, never the value when the value could be a
/// person's name or NIK ("the NIK in this row"): the message is printed and may be pasted
/// into a chat with a colleague. The Indonesian wording (`alasan`, `petunjuk`) keeps the
/// same rule: the web app shows it in a table beside the line and the column.
public struct ImportProblem: Hashable, Sendable {
    public enum Place: Hashable, Sendable {
        /// A row (or the header, line 1), optionally one of its columns by name.
        case row(line: Int, column: String?)
        /// A character position, for a file that is not valid CSV.
        case character(line: Int, column: Int)
    }

    public let place: Place
    /// What is wrong, in English, to follow the column's name: "is empty".
    public let reason: String
    /// How to put it right, in English.
    public let hint: String
    /// What is wrong, in Bahasa Indonesia, as a phrase that stands on its own ("Kosong");
    /// nil for an import only the command line offers, worded in English only (visits).
    public let alasan: String?
    /// How to put it right, in Bahasa Indonesia.
    public let petunjuk: String?

    /// A problem worded in English only (the visit import, which the web app does not offer).
    public init(place: Place, reason: String, hint: String) {
        self.place = place
        self.reason = reason
        self.hint = hint
        alasan = nil
        petunjuk = nil
    }

    /// A problem worded in English for the command line and in Indonesian for the web app.
    public init(place: Place, reason: String, hint: String, alasan: String, petunjuk: String) {
        self.place = place
        self.reason = reason
        self.hint = hint
        self.alasan = alasan
        self.petunjuk = petunjuk
    }

    /// The column as the file names it (or its position, for a heading that is no name); nil
    /// for a problem of the whole row or a character of a file that is not valid CSV.
    public var column: String? {
        switch place {
        case .row(_, let column): column
        case .character: nil
        }
    }

    public var line: Int {
        switch place {
        case .row(let line, _), .character(let line, _): line
        }
    }

    /// `FILE:LINE: column COL: reason (how to fix)`, or `FILE:LINE:CHAR: …` for a CSV syntax error.
    public func rendered(file: String) -> String {
        switch place {
        case .row(let line, let column?): "\(file):\(line): column \(column): \(reason) (\(hint))"
        case .row(let line, nil): "\(file):\(line): \(reason) (\(hint))"
        case .character(let line, let column): "\(file):\(line):\(column): \(reason) (\(hint))"
        }
    }
}

/// An import file refused as a whole: nothing was written, and every problem is listed.
public struct ImportRejection: BekalFailure, Equatable {
    /// The file as the user named it, so each line of the message can be clicked in an editor.
    public let file: String
    public let problems: [ImportProblem]

    public init(file: String, problems: [ImportProblem]) {
        self.file = file
        self.problems = problems
    }

    public var code: String { "import_rejected" }

    public var message: String {
        let rows = Set(problems.map(\.line)).count
        let head = "Nothing was imported from \(file): \(problems.count) problem\(problems.count == 1 ? "" : "s")"
            + " on \(rows) line\(rows == 1 ? "" : "s"). "
            + (problems.count == 1 ? "Correct it and import the file again." : "Correct them all and import the file again.")
        return ([head] + problems.map { $0.rendered(file: file) }).joined(separator: "\n")
    }
}

extension CSVRecord {
    /// The flawed cells of a data row with the column of each, for a file whose fields are
    /// `columns` (nil: a column the import does not know, which the header already refuses).
    func flawedCells<Column>(by columns: [Column?]) -> [(column: Column, flaw: CSVFieldFlaw)] {
        flaws.compactMap { flaw in columns.indices.contains(flaw.field) ? columns[flaw.field].map { ($0, flaw) } : nil }
    }

    /// A header's flawed headings as problems. Each is named by its position, never echoed: an
    /// over-long or garbled heading is no column name to print.
    var headingProblems: [ImportProblem] {
        flaws.map { flaw in
            ImportProblem(place: .row(line: line, column: "\(flaw.field + 1)"),
                          reason: "the heading of this column \(flaw.reason)", hint: flaw.hint,
                          alasan: "Judul kolom ini \(flaw.alasan)", petunjuk: flaw.petunjuk)
        }
    }
}
