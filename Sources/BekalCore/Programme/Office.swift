/// One office that runs the programme: a district or city Dinas Sosial, or a ministry
/// rehabilitation centre. Each office keeps its own books, registry, workers and users; a shared
/// database server holds several (README, "Offices and the roll-up"). A SQLite file is one office.
public struct Office: Hashable, Codable, Sendable {
    /// The short code the office is chosen by (`--office KODE`): a lower-case letter, then up
    /// to ``codeLength``−1 lower-case letters, digits or `_`, e.g. `pekanbaru`, `kota_solo`.
    public let code: String
    /// The office's name as its letters are headed, e.g. "Dinas Sosial Kota Pekanbaru".
    public let name: String

    public static let codeLength = 1...30
    /// The office a database gets when it is set up without naming one.
    public static let defaultCode = "utama"
    public static let defaultName = "Kantor utama"

    public init(code: String, name: String) throws {
        guard Self.isCode(code) else { throw OfficeRejection.notACode(code) }
        let trimmed = name.trimmedOfWhitespace
        guard !trimmed.isEmpty else { throw OfficeRejection.noName(code: code) }
        self.code = code
        self.name = trimmed
    }

    public static func isCode(_ text: String) -> Bool {
        guard codeLength.contains(text.utf8.count), let first = text.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
        else { return false }
        return text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}

/// What choosing or adding an office can refuse.
public enum OfficeRejection: BekalFailure, Equatable {
    case notACode(String)
    case noName(code: String)
    case unknown(code: String, known: [String])
    case duplicate(code: String)
    /// The database holds several offices and none was named.
    case chooseOne(known: [String])
    /// A read found a database with no office yet.
    case noOffices

    public var code: String {
        switch self {
        case .notACode: "office_code"
        case .noName: "office_name"
        case .unknown: "office_unknown"
        case .duplicate: "office_duplicate"
        case .chooseOne: "office_choose"
        case .noOffices: "office_none"
        }
    }

    public var message: String {
        switch self {
        case .notACode(let text):
            "Office code \"\(text.prefix(40))\" is not usable: start with a lower-case letter, then use lower-case letters, digits or '_', \(Office.codeLength.upperBound) at most (e.g. pekanbaru)."
        case .noName(let code):
            "Office \(code) needs a name: give it with --name, e.g. --name \"Dinas Sosial Kota Pekanbaru\"."
        case .unknown(let code, let known):
            "There is no office \(code) in this database" + (known.isEmpty ? "" : " (it holds: \(known.joined(separator: ", ")))")
                + "; add it with `bekal office add \(code) --name NAME` or check --office / BEKAL_OFFICE."
        case .duplicate(let code):
            "Office \(code) already exists in this database; choose another code, or use it with --office \(code)."
        case .chooseOne(let known):
            "This database holds \(known.count) offices (\(known.joined(separator: ", "))); name one with --office KODE or BEKAL_OFFICE."
        case .noOffices:
            "This database holds no office yet; run `bekal init` (or `bekal office add KODE --name NAME`) first."
        }
    }
}
