import Foundation

/// Where the money came from (*sumber dana*): the regional budget of the city or regency or of
/// the province, the national budget, or another funder (a company's CSR, a foundation).
public enum FundingSource: String, CaseIterable, Codable, Sendable {
    case apbdKota = "apbd-kota"
    case apbdProvinsi = "apbd-provinsi"
    case apbn = "apbn"
    case other = "lainnya"

    /// As the office's budget papers name it.
    public var label: String {
        switch self {
        case .apbdKota: "APBD Kabupaten/Kota"
        case .apbdProvinsi: "APBD Provinsi"
        case .apbn: "APBN"
        case .other: "Lainnya"
        }
    }

    public static func parse(_ text: String, field: InputField = .fundingSource) throws -> FundingSource {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let source = FundingSource(rawValue: key) { return source }
        throw InputError(field, input: text, .notOneOf(allCases.map(\.rawValue)))
    }
}

/// What a budget line pays for: each cost of the programme is booked against a line of its purpose.
public enum BudgetPurpose: String, CaseIterable, Codable, Sendable {
    /// Working-capital grants (*belanja bantuan sosial*).
    case grants = "bantuan-modal"
    /// Equipment bought for the kelompok (*belanja barang untuk diserahkan kepada masyarakat*).
    case equipment = "peralatan"
    /// Aftercare, marketing help and branding (*belanja pendampingan*).
    case aftercare = "pendampingan"

    public var label: String {
        switch self {
        case .grants: "Bantuan modal kerja"
        case .equipment: "Peralatan kelompok"
        case .aftercare: "Pendampingan dan pemasaran"
        }
    }

    public static func parse(_ text: String, field: InputField = .budgetPurpose) throws -> BudgetPurpose {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let purpose = BudgetPurpose(rawValue: key) { return purpose }
        throw InputError(field, input: text, .notOneOf(allCases.map(\.rawValue)))
    }
}

/// A line of the office's budget for a year (*mata anggaran* of the DPA): its funding source,
/// its account code (*kode rekening*), what it pays for, optionally the cohort it is for, and
/// its ceiling (*pagu*). Budget receipts and costs are booked against a line; a cost that would
/// take the line past its ceiling is refused, unless an admin's named exception allows it.
public struct BudgetLine: Hashable, Codable, Sendable {
    public let id: Int64
    public let year: Int
    public let source: FundingSource
    /// The *kode rekening*, e.g. `5.1.06.01.01.0001`.
    public let code: String
    public let name: String
    public let purpose: BudgetPurpose
    /// Nil: the line serves every cohort of the year.
    public let cohortID: Int64?
    public let ceiling: Rupiah
    public let actor: String
    public let recordedAt: String

    public init(id: Int64, year: Int, source: FundingSource, code: String, name: String, purpose: BudgetPurpose,
                cohortID: Int64?, ceiling: Rupiah, actor: String, recordedAt: String) {
        self.id = id
        self.year = year
        self.source = source
        self.code = code
        self.name = name
        self.purpose = purpose
        self.cohortID = cohortID
        self.ceiling = ceiling
        self.actor = actor
        self.recordedAt = recordedAt
    }

    /// How messages name it: `2026 apbd-kota 5.1.06.01`.
    public var handle: String { "\(year) \(source.rawValue) \(code)" }

    public static let codeLength = 1...40
    public static let years = 2000...2100
    public static let minimumExceptionReasonCharacters = 15
}

/// A line as the admin enters it from the DPA.
public struct BudgetLineDraft: Hashable, Sendable {
    public var year: Int
    public var source: FundingSource
    public var code: String
    public var name: String
    public var purpose: BudgetPurpose
    public var cohort: String?
    public var ceiling: Rupiah

    public init(year: Int, source: FundingSource, code: String, name: String, purpose: BudgetPurpose,
                cohort: String? = nil, ceiling: Rupiah) {
        self.year = year
        self.source = source
        self.code = code
        self.name = name
        self.purpose = purpose
        self.cohort = cohort
        self.ceiling = ceiling
    }
}

/// An admin's named permission for a line to go past its ceiling by up to `amount`: the refusal
/// it overrides is on record with who allowed it and why.
public struct BudgetException: Hashable, Codable, Sendable {
    public let id: Int64
    public let lineID: Int64
    public let amount: Rupiah
    public let reason: String
    public let actor: String
    public let recordedAt: String

    public init(id: Int64, lineID: Int64, amount: Rupiah, reason: String, actor: String, recordedAt: String) {
        self.id = id
        self.lineID = lineID
        self.amount = amount
        self.reason = reason
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

/// Which line a receipt or a cost is booked against, when the officer names one: its code,
/// and the source when the same code is funded by two. Unnamed, the line is the one line of
/// the year that pays for this purpose (and cohort).
public struct BudgetChoice: Hashable, Sendable {
    public var line: String?
    public var source: FundingSource?

    public init(line: String? = nil, source: FundingSource? = nil) {
        self.line = line
        self.source = source
    }

    public static let unnamed = BudgetChoice()
}

/// What budget lines need from storage, inside one transaction.
public protocol BudgetPort {
    /// The lines of a year (every year: nil), by year, source and code.
    func budgetLines(year: Int?) throws -> [BudgetLine]
    func budgetLine(id: Int64) throws -> BudgetLine?
    func insertBudgetLine(year: Int, source: FundingSource, code: String, name: String, purpose: BudgetPurpose,
                          cohortID: Int64?, ceiling: Rupiah, actor: String, recordedAt: String) throws -> BudgetLine
    /// The exceptions of a line (every line: nil), oldest first.
    func budgetExceptions(lineID: Int64?) throws -> [BudgetException]
    func insertBudgetException(lineID: Int64, amount: Rupiah, reason: String, actor: String,
                               recordedAt: String) throws -> BudgetException
    /// Per cohort and account of the book, the net of the postings booked against the line.
    func budgetLineTotals(bookID: Int64, lineID: Int64) throws -> [BudgetLineTotal]
    /// The same for every line of the year, and for the postings of the budget year booked
    /// against none (`lineID` nil).
    func budgetLineTotals(bookID: Int64, year: Int) throws -> [BudgetLineTotal]
}

public struct BudgetLineTotal: Hashable, Sendable {
    public let lineID: Int64?
    public let cohortID: Int64?
    public let accountID: Int64
    public let net: Rupiah

    public init(lineID: Int64?, cohortID: Int64?, accountID: Int64, net: Rupiah) {
        self.lineID = lineID
        self.cohortID = cohortID
        self.accountID = accountID
        self.net = net
    }
}

/// Decoding the stored rows, for every store alike.
public enum BudgetRows {
    public static let lineColumns = "id, year, source, code, name, purpose, cohort_id, ceiling, actor, recorded_at"
    public static let exceptionColumns = "id, line_id, amount, reason, actor, recorded_at"

    public static func line(id: Int64, year: Int64, source: String, code: String, name: String, purpose: String, cohortID: Int64?,
                            ceiling: Int64, actor: String, recordedAt: String) throws -> BudgetLine {
        BudgetLine(id: id, year: Int(year), source: try FundingSource.parse(source), code: code, name: name,
                   purpose: try BudgetPurpose.parse(purpose), cohortID: cohortID,
                   ceiling: Rupiah(ceiling), actor: actor, recordedAt: recordedAt)
    }

    public static func exception(id: Int64, lineID: Int64, amount: Int64, reason: String, actor: String, recordedAt: String) -> BudgetException {
        BudgetException(id: id, lineID: lineID, amount: Rupiah(amount), reason: reason, actor: actor, recordedAt: recordedAt)
    }
}
