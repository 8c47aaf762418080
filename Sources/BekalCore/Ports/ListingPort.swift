/// Lists of the registry's small reference tables, for `list` commands and pickers
/// (cohorts are listed by ``ReportSource``).
public protocol ListingPort {
    func tracks() throws -> [Track]
    func equipmentItems() throws -> [EquipmentItem]
    /// The latest entries of a book, most recently recorded first, with their postings.
    func recentEntries(bookID: Int64, limit: Int) throws -> [JournalEntry]
    /// Graduates of a cohort with no grant in it that stands (none paid, or every one
    /// reversed), by cohort and register order, at most `limit`: the disbursement form's
    /// picker. Whether a grant may be paid is still decided by ``Operations/disburseGrant(_:context:)``.
    func grantCandidates(limit: Int) throws -> [GrantCandidate]
}

/// A graduate not yet paid in a cohort she completed. Carries her name: the finance officer
/// pays a named person against a signed kuitansi.
public struct GrantCandidate: Hashable, Sendable {
    public let beneficiaryID: Int64
    public let externalRef: String?
    public let name: String
    public let cohortCode: String
    public var code: String { Beneficiary.code(for: beneficiaryID) }

    public init(beneficiaryID: Int64, externalRef: String?, name: String, cohortCode: String) {
        self.beneficiaryID = beneficiaryID
        self.externalRef = externalRef
        self.name = name
        self.cohortCode = cohortCode
    }
}
