/// A set of accounts that balances on its own.
///
/// The office has one book; each usaha (small business) has its own, for what the business
/// reports. Postings of one entry stay inside one book.
public struct Book: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable { case office, usaha }

    public let id: Int64
    public let code: String
    public var name: String
    public let kind: Kind

    public init(id: Int64, code: String, name: String, kind: Kind) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
    }

    public static let officeCode = "KANTOR"
}
